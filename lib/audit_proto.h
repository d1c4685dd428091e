/*
 * Messages of the audit protocol (see proto.h for the ranges).
 */
#ifndef HARNESS_AUDIT_PROTO_H
#define HARNESS_AUDIT_PROTO_H

#include "proto.h"

#endif
