/*
 * Messages of the vault protocol (see proto.h for the ranges).
 */
#ifndef HARNESS_VAULT_PROTO_H
#define HARNESS_VAULT_PROTO_H

#include "proto.h"

#endif
