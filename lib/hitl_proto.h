/*
 * Messages of the hitl protocol (see proto.h for the ranges).
 */
#ifndef HARNESS_HITL_PROTO_H
#define HARNESS_HITL_PROTO_H

#include "proto.h"

#endif
