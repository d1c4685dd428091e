/*
 * Message types on every imsg channel of the suite.  Ranges keep the
 * daemons apart: lib 1-99, auditd 100-199, sandboxd 200-299, vaultd
 * 300-399, hitld 400-499, harnessd 500-599.  A receiver treats an
 * unknown type as a protocol error.
 */
#ifndef HARNESS_PROTO_H
#define HARNESS_PROTO_H

#include <stdint.h>

#define CTL_PROTO_VERSION	1

enum imsg_type {
	IMSG_NONE = 0,

	/* parent <-> child process management */
	IMSG_PROC_CONFIG = 1,	/* p->c  fd: sealed config bundle */
	IMSG_PROC_READY,	/* c->p  confinement self-report */
	IMSG_PROC_PEER,		/* p->c  fd: channel to sibling; u32 id */
	IMSG_PROC_LISTEN,	/* p->c  fd: listening socket; u32 kind */
	IMSG_PROC_TABLE,	/* p->c  one process of the daemon */
	IMSG_PROC_GO,		/* p->c  all of the above was sent */
	IMSG_PROC_CONNECT,	/* c->p  u32 daemon: connect me to it */
	IMSG_PROC_CONNECTED,	/* p->c  u32 daemon, fd or none + error */
	IMSG_PROC_RELOAD_FAILED, /* p->c  the parent kept the old config */
	IMSG_PROC_RELOAD_REQ,	/* c->p  u32 conn, u32 uid, i64 pid */
	IMSG_PROC_RELOAD_DONE,	/* p->c  u32 conn, u32 result, str text */

	/* harnessctl <-> any daemon's control socket */
	IMSG_CTL_HELLO = 20,	/* u32 version / reply: version, name */
	IMSG_CTL_STATUS,	/* request */
	IMSG_CTL_PROC,		/* reply: one process (see ctl_proc_*) */
	IMSG_CTL_END,		/* end of a multi-message reply */
	IMSG_CTL_ERROR,		/* reply: str message [, u32 class] */
	IMSG_CTL_OK,		/* reply: done */
	/*
	 * str title: sent by a daemon's parent as the very first message
	 * of a connection it makes for one of its children ("harnessd/
	 * engine"); the connection is then a daemon peer's for good, and
	 * may do only what daemons do (no approvals, no vault
	 * administration).  A second ROLE closes the connection.
	 */
	IMSG_CTL_ROLE,
	/*
	 * Root's harnessctl: read the configuration file again, as
	 * SIGHUP does.  Reply: u32 enum proc_reload_result (APPLIED or
	 * REFUSED), str the settings kept until a restart or the errors.
	 */
	IMSG_CTL_RELOAD,

	/* auditd */
	IMSG_AUDIT_BASE = 100,

	/* sandboxd */
	IMSG_SANDBOX_BASE = 200,

	/* vaultd */
	IMSG_VAULT_BASE = 300,

	/* hitld */
	IMSG_HITL_BASE = 400,

	/* harnessd */
	IMSG_HARNESS_BASE = 500,
};

/* IMSG_PROC_LISTEN kinds. */
#define LISTEN_KIND_CONTROL	1
#define LISTEN_KIND_AGENT	2
#define LISTEN_KIND_APPROVER	3
#define LISTEN_KIND_IDS		4	/* hitld: the request-id file */

/*
 * What an IMSG_CTL_ERROR is about, after its message: a peer that
 * relays the error (the engine, answering a client) picks its reply
 * by this, never by the message's words.  An error without one is
 * ERRC_NONE.
 */
enum errclass {
	ERRC_NONE = 0,		/* the request itself, or not said */
	ERRC_SANDBOX,		/* a sandbox could not be set up or run */
	ERRC_VAULT,		/* vaultd: unreachable, sealed, no such secret */
	ERRC_AUDIT,		/* auditd did not acknowledge a record */
	ERRC_MAX
};

#endif /* HARNESS_PROTO_H */
