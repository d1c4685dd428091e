/*
 * Messages of the vault protocol (see proto.h for the ranges), spoken
 * on vaultd's control socket by harnessctl (administration) and by
 * sandboxd (delivery).  Every value and every passphrase travels in a
 * memfd passed with the message, never in a payload or on a command
 * line.  Encoding is lib/wire.h's.
 *
 * Administration (root only, like the whole socket):
 *	INIT	u32 method; fd: passphrase or 32-byte key	-> CTL_OK
 *	UNSEAL	u32 method; fd: passphrase or 32-byte key	-> CTL_OK
 *	SEAL	-						-> CTL_OK
 *	STATUS	-			-> VAULT_STATUS (see below)
 *	PUT	str name; fd: value	-> VAULT_STORED u32 version
 *	ROTATE	str name; fd: value	-> VAULT_STORED u32 version
 *	LIST	-			-> VAULT_ENTRY... CTL_END
 *	RM	str name		-> CTL_OK
 *	PRUNE	str name		-> VAULT_STORED u32 versions removed
 *	GET	str name		-> VAULT_VALUE u32 version; fd: value
 * Any of them may be answered by CTL_ERROR with a message instead.
 *
 * Delivery:
 *	FETCH	str tool, str session, u32 n, n x str name
 *	 -> n x VAULT_SECRET (in request order), then VAULT_FETCH_END
 *	    u32 delivered, u32 failed; or one CTL_ERROR for the whole
 *	    request ("vault is sealed", "unknown tool X", malformed).
 *	VAULT_SECRET: str name, u32 status (VAULT_S_*), u32 how
 *	    (VAULT_AS_*), str target (env variable or file name), u32
 *	    version, str error ("" when delivered); fd: a memfd holding
 *	    exactly the value, sealed against write, shrink, grow and
 *	    further sealing, offset 0, when status is VAULT_S_OK.
 */
#ifndef HARNESS_VAULT_PROTO_H
#define HARNESS_VAULT_PROTO_H

#include "proto.h"

enum vault_imsg_type {
	IMSG_VAULT_INIT = IMSG_VAULT_BASE + 1,
	IMSG_VAULT_UNSEAL,
	IMSG_VAULT_SEAL,
	IMSG_VAULT_STATUS,
	IMSG_VAULT_PUT,
	IMSG_VAULT_ROTATE,
	IMSG_VAULT_LIST,
	IMSG_VAULT_RM,
	IMSG_VAULT_PRUNE,
	IMSG_VAULT_GET,
	IMSG_VAULT_FETCH,
	/* replies */
	IMSG_VAULT_STORED,
	IMSG_VAULT_ENTRY,
	IMSG_VAULT_VALUE,
	IMSG_VAULT_SECRET,
	IMSG_VAULT_FETCH_END,
	/* vaultd parent -> store: fd holds the configured key file */
	IMSG_VAULT_KEYFILE,
};

/* How the master key is wrapped (INIT, UNSEAL, STATUS). */
#define VAULT_METHOD_PASSPHRASE	1
#define VAULT_METHOD_KEYFILE	2

/* Limits. */
#define VAULT_NAME_MAX		63		/* bytes of a secret name */
#define VAULT_VALUE_MAX		(1024 * 1024)	/* bytes of a value */
#define VAULT_KEYFILE_LEN	32
#define VAULT_PASS_MIN		8
#define VAULT_PASS_MAX		1024
#define VAULT_VERSIONS_MAX	100		/* per secret, until prune */
#define VAULT_FETCH_MAX		64		/* names per FETCH */
#define VAULT_TOOL_MAX		63
#define VAULT_SESSION_MAX	127

/* VAULT_SECRET how. */
#define VAULT_AS_ENV		1
#define VAULT_AS_FILE		2

/* VAULT_SECRET status. */
#define VAULT_S_OK		0
#define VAULT_S_BADNAME		1	/* not a valid secret name */
#define VAULT_S_NOGRANT		2	/* the tool has no grant for it */
#define VAULT_S_EXPIRED		3	/* the grant has expired */
#define VAULT_S_NOSECRET	4	/* granted but not in the store */
#define VAULT_S_DECRYPT		5	/* tampered file or wrong key */
#define VAULT_S_INTERNAL	6	/* out of memory, memfd, I/O */

/*
 * VAULT_STATUS reply: u32 initialised, u32 sealed, u32 method, u32
 * secrets, u32 versions, u64 opslimit, u64 memlimit.
 * VAULT_ENTRY reply: str name, u32 nversions, nversions x (u32 version,
 * i64 created), u32 ngrants, ngrants x (str tool, u32 how, str target,
 * i64 expires (0 never)).
 */

#endif
