/*
 * Messages of the sandbox protocol (see proto.h for the ranges).
 *
 * A requester (harnessctl or the engine, on sandboxd's control socket)
 * asks for one run with up to three messages sharing one
 * peerid, which the requester picks and every reply carries:
 *
 *	SANDBOX_CODE	fd: a memfd holding the code (when it does not
 *			fit inline in the request)	optional
 *	SANDBOX_STDIN	fd: the program's stdin, a pipe or a regular
 *			file (memfd)			optional
 *	SANDBOX_RUN	the request (lib/sandboxc.h encodes it); the
 *			fds above must come first.  One too large for a
 *			message: no payload, a memfd sealed against
 *			writes holding it (at most SANDBOX_REQ_MAX)
 *
 * Replies, in this order:
 *	SANDBOX_QUEUED	u32 position (only when every slot is busy)
 *	SANDBOX_STARTED	u32 host pid of the sandbox's init, str run id
 *	SANDBOX_STDOUT	fd: read end of the program's stdout
 *	SANDBOX_STDERR	fd: read end of the program's stderr
 *	SANDBOX_RESULT	the result; the last message of a run
 * or CTL_ERROR with a message when the request is refused (then
 * nothing else follows for that peerid).  The requester may send
 * SANDBOX_KILL (no payload) with a run's peerid to end it: a queued run
 * is refused (CTL_ERROR), any other ends with a SANDBOX_RESULT whose
 * detail says "killed on request".  A sandbox that cannot be set
 * up gets a SANDBOX_RESULT with reason setup-failed and no pipes.
 *
 * The listener speaks the same messages to the spawner, with its own
 * run id as peerid, after it has decoded, checked and re-encoded the
 * request; SANDBOX_KILL (listener -> spawner) ends a run whose
 * requester went away.  SANDBOX_LIST asks for one SANDBOX_INFO per run
 * (running or queued), then CTL_END.
 */
#ifndef HARNESS_SANDBOX_PROTO_H
#define HARNESS_SANDBOX_PROTO_H

#include "proto.h"

enum sandbox_imsg_type {
	IMSG_SANDBOX_CODE = IMSG_SANDBOX_BASE + 1,
	IMSG_SANDBOX_STDIN,
	IMSG_SANDBOX_RUN,
	IMSG_SANDBOX_QUEUED,
	IMSG_SANDBOX_STARTED,
	IMSG_SANDBOX_STDOUT,
	IMSG_SANDBOX_STDERR,
	IMSG_SANDBOX_RESULT,
	IMSG_SANDBOX_KILL,
	IMSG_SANDBOX_LIST,
	IMSG_SANDBOX_INFO
};

/* Request flags. */
#define SANDBOX_F_CODE_FD	0x01	/* the code came as SANDBOX_CODE */
#define SANDBOX_F_STDIN		0x02	/* stdin came as SANDBOX_STDIN */
#define SANDBOX_F_ALL		0x03

/* Bounds every receiver checks. */
#define SANDBOX_ARGV_MAX	256		/* arguments */
#define SANDBOX_ARG_MAX		131072		/* bytes of one argument, <
						   (Linux's MAX_ARG_STRLEN) */
#define SANDBOX_REQ_MAX		(1024 * 1024)	/* an encoded request */
#define SANDBOX_ENV_MAX		128		/* variables */
#define SANDBOX_ENVVAR_MAX	4096		/* bytes of NAME=value */
#define SANDBOX_CWD_MAX		1024
#define SANDBOX_NAME_MAX	64		/* workspace name, < */
#define SANDBOX_LANG_MAX	16
#define SANDBOX_TOOL_MAX	64		/* tool name, < */
#define SANDBOX_SESSION_MAX	128		/* session id, < */
/* A session an agent names: harnessd adds ".XXXXXXXX" to scope it. */
#define SANDBOX_SESSION_NAME_MAX (SANDBOX_SESSION_MAX - 1 - 9)	/* 118 */
#define SANDBOX_APPROVAL_MAX	512		/* approval text, < */
#define SANDBOX_CODE_MAX	(16 * 1024 * 1024)	/* bytes of code */

/*
 * The sandbox's network: NONE, its own namespace with only a loopback
 * interface; HOST, the host's network namespace (every other namespace
 * stays the sandbox's own).
 */
#define SANDBOX_NET_NONE	0
#define SANDBOX_NET_HOST	1

/*
 * Result reasons: the same fixed list, in the same order, as
 * enum sbx_reason in sandboxd/spawn.h.
 */
enum sandbox_reason {
	SANDBOX_EXITED = 0,
	SANDBOX_SIGNALED,
	SANDBOX_TIMEOUT,
	SANDBOX_MEMORY,
	SANDBOX_PIDS,
	SANDBOX_OUTPUT_LIMIT,
	SANDBOX_SECCOMP,
	SANDBOX_SETUP_FAILED,
	SANDBOX_NREASONS
};

#endif
