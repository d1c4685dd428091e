/*
 * auditc: the producer side of auditd(8).  A daemon process reports
 * what it did with ONE call, audit_event(); with AUDIT_ACK the callback
 * says whether the record is durable, and the caller must not act
 * before it says so.  Fail secure: auditd down, unreachable, refusing
 * the event, or silent for AUDITC_TIMEOUT_MS all reach the callback as
 * ok == 0 with a reason; the caller then refuses its action and passes
 * the reason on.
 *
 * One connection per process.  In a daemon child, audit_init(ctx) has
 * the root parent connect it to auditd's control socket
 * (proc_request_connect(ctx, D_AUDITD)); the child's proc_def.on_fd
 * must hand IMSG_PROC_CONNECTED to audit_on_fd() first.  Programs that
 * are not daemon children (tests, benchmarks) use audit_init_socket()
 * with a socket path.  The connection is made on demand: events sent
 * while it is down wait (at most AUDITC_QUEUE_MAX of them) for the next
 * connection attempt, and fail if that attempt fails.  A lost
 * connection fails every event still waiting for its ack (it may or may
 * not have been written: refusing is the safe answer).
 *
 * Callbacks are never called from inside audit_event().
 */
#ifndef HARNESS_AUDITC_H
#define HARNESS_AUDITC_H

#include <stddef.h>
#include <stdint.h>

#include "audit_proto.h"	/* AUDIT_ACK */

#define AUDITC_QUEUE_MAX	4096	/* events waiting for a connection */
#define AUDITC_TIMEOUT_MS	30000	/* longest wait for an ack */

struct proc_ctx;
struct proc_reload;
struct event_base;
struct wbuf;

/*
 * ok 1: durable as record seq.  ok 0: not written (or not known to be):
 * err says why, "auditd unreachable: ..." or "audit event refused: ...".
 */
typedef void	(*audit_cb)(int ok, uint64_t seq, const char *err,
		    void *arg);

/* Daemon child: source is the process title ("harnessd/gateway"). */
int	 audit_init(struct proc_ctx *);
/* Anything else with an event base: connect to path directly. */
int	 audit_init_socket(struct event_base *, const char *path,
	    const char *source);
/*
 * From proc_def.on_fd: 1 if the fd was ours (IMSG_PROC_CONNECTED for
 * D_AUDITD; taken or closed), 0 if the caller should handle it.
 */
int	 audit_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);

/*
 * Send one event.  type is checked by auditd (auditlog_check_type),
 * session and actor may be NULL, body is a JSON object text (NULL:
 * "{}").  With AUDIT_ACK, cb (which may be NULL only without it) is
 * called exactly once.  Without it, a refusal is logged.  Returns 0,
 * or -1 if the event cannot be sent at all (errno EMSGSIZE: too big,
 * EINVAL: not initialised or no callback, ENOMEM).  With AUDITC_NOW,
 * also -1 (errno ENOTCONN, cb not called) unless the event is on the
 * live connection now, nothing kept back for a later one: a caller
 * that goes on before the ack knows auditd will have it next.
 */
#define AUDITC_NOW	0x0100	/* local to this API, never sent */
int	 audit_event(const char *type, const char *session,
	    const char *actor, const char *body, int flags, audit_cb,
	    void *arg);
/*
 * Send the events queued so far now, not when the current callback
 * returns: for a record that should reach auditd before a reply sent
 * next makes others write theirs.
 */
void	 audit_send_now(void);
/* 1 if connected to auditd now. */
int	 audit_connected(void);
/* Events sent and still waiting for their ack or connection. */
size_t	 audit_pending(void);
/* Fail what waits ("shutting down"), close, free. */
void	 audit_shutdown(void);

/*
 * Blocking form for simple programs (harnessctl): connect to path,
 * send one acked event, wait up to timeout_ms.  0 with *seq set once
 * durable; -1 with the reason in err.
 */
int	 audit_log_sync(const char *path, const char *source,
	    const char *type, const char *session, const char *actor,
	    const char *body, int timeout_ms, uint64_t *seq, char *err,
	    size_t errlen);

/*
 * A configuration reload (proc_def.reloaded): the config.reload record,
 * acknowledged, a failure logged.  audit_reload_body() is its body (a
 * new string: free it) and actor ("uid:N" of the signal's sender, ""
 * when not known), for auditd, which writes its own.
 */
void	 audit_reload(struct proc_ctx *, const struct proc_reload *);
char	*audit_reload_body(const struct proc_reload *, char *actor,
	    size_t actorsz);

/* The IMSG_AUDIT_EVENT payload.  0, or -1 if it does not fit. */
int	 audit_encode(struct wbuf *, uint32_t flags, int64_t time,
	    const char *source, const char *type, const char *session,
	    const char *actor, const char *body);

#endif /* HARNESS_AUDITC_H */
