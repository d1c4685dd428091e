/*
 * Messages of the sandbox protocol (see proto.h for the ranges).
 */
#ifndef HARNESS_SANDBOX_PROTO_H
#define HARNESS_SANDBOX_PROTO_H

#include "proto.h"

#endif
