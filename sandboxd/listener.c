/*
 * The listener: unprivileged, chrooted; serves sandboxd's control
 * socket (harnessctl, and the engine, connected by harnessd's parent
 * as root).  It decodes and checks every request, refuses what breaks
 * a bound with a message that says which, runs at most max sandboxes
 * at a time with a bounded queue behind them, and hands the spawner
 * only requests it has re-encoded itself.  The output pipes' read ends
 * and the result come back from the spawner and go on to the
 * requester.
 */
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <event2/event.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auditc.h"
#include "conf.h"
#include "control.h"
#include "harness.h"
#include "imsgev.h"
#include "log.h"
#include "proc.h"
#include "sandbox_proto.h"
#include "sandboxc.h"
#include "sandboxd.h"
#include "vaultc.h"
#include "wire.h"

/*
 * RUN_FETCHING: waiting for vaultd to deliver the tool's secrets;
 * RUN_AUDITING: waiting for auditd to make sandbox.start durable.
 */
enum run_state { RUN_QUEUED, RUN_FETCHING, RUN_AUDITING, RUN_SENT,
    RUN_RUNNING };

/* How long vaultd may take to deliver a run's secrets. */
#define VAULT_TIMEOUT_SEC	30

struct run {
	TAILQ_ENTRY(run) entry;
	uint32_t	 id;		/* ours, peerid towards the spawner */
	uint32_t	 conn;		/* ctl_conn id, 0 once it closed */
	uint32_t	 peerid;	/* the requester's */
	uid_t		 uid;
	pid_t		 cpid;		/* requester's pid */
	enum run_state	 state;
	struct wbuf	*wb;		/* the re-encoded request */
	int		 req_fd;	/* wb in a sealed memfd, made as
					   its start is audited, or -1 */
	int		 req_errno;	/* why that memfd could not be */
	int		 code_fd;
	int		 stdin_fd;
	pid_t		 pid;		/* sandbox init, once started */
	time_t		 queued;
	time_t		 started;
	char		 what[80];	/* argv[0] or lang, for logs */
	char		 workspace[SANDBOX_NAME_MAX];
	char		 sid[32];
	char		 tool[SANDBOX_TOOL_MAX];
	char		 session[SANDBOX_SESSION_MAX];
	char		 approval[SANDBOX_APPROVAL_MAX];
	uint32_t	 net;		/* SANDBOX_NET_* */
	int		 kill;		/* the requester asked: end it
					   as soon as it is sent */
	/*
	 * The tool's granted secrets, in grant order: names (kept for
	 * the audit records) and, until they go to the spawner, the
	 * sealed memfds vaultd delivered.  nsec 0: no vaultd at all.
	 */
	struct vaultc_secret *sec;
	size_t		 nsec;
	size_t		 ngot;		/* VAULT_SECRETs received */
	int		 fetch_sent;	/* FETCH is on the connection */
	const char	*vfail;		/* why the FETCH could not go */
	struct event	*ev_vault;	/* delivery deadline */
};

/* Per connection: fds that arrived ahead of their SANDBOX_RUN. */
struct lconn {
	int		 code_fd;
	uint32_t	 code_peer;
	int		 stdin_fd;
	uint32_t	 stdin_peer;
};

static TAILQ_HEAD(, run) runs = TAILQ_HEAD_INITIALIZER(runs);
static struct proc_ctx	*the_ctx;
static uint32_t		 next_run_id = 1;
static uint32_t		 nrunning, nqueued;
/* Bytes of requests held for runs not yet handed over (r->wb). */
static size_t			 held;
#define HELD_MAX		(64 * 1024 * 1024)

/* The connection to vaultd, made through the parent when first needed. */
static struct {
	struct imsgev	 iev;
	int		 connected;
	int		 connecting;
} vc;

static void	 run_next(void);
static void	 run_audit_start(struct run *);
static struct run *run_find(uint32_t);
static void	 run_refuse(struct run *, uint32_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

const char *
listener_chroot(const struct harness_conf *conf)
{
	return conf->sandboxd.d.chroot;
}

/*
 * sandbox.start (acked: the run waits for it) and sandbox.exit records.
 * Names and numbers only: never the code, arguments or environment,
 * which may hold what a secret scanner would have to redact.
 */
static struct json_object *
audit_body(const struct run *r, const struct sandbox_result *res)
{
	struct json_object	*o, *a;
	size_t			 i;

	o = json_object_new_object();
	json_object_object_add(o, "run", json_object_new_string(r->sid));
	json_object_object_add(o, "program", json_object_new_string(r->what));
	json_object_object_add(o, "workspace",
	    json_object_new_string(r->workspace));
	json_object_object_add(o, "requester_pid",
	    json_object_new_int64(r->cpid));
	json_object_object_add(o, "tool", json_object_new_string(r->tool));
	json_object_object_add(o, "network", json_object_new_string(
	    r->net == SANDBOX_NET_HOST ? "host" : "none"));
	json_object_object_add(o, "session",
	    json_object_new_string(r->session));
	/* the hitld verdict the requester acts on, durable with the start */
	if (res == NULL && r->approval[0] != '\0')
		json_object_object_add(o, "approval",
		    json_object_new_string(r->approval));
	/* the names of the secrets delivered, never their values */
	a = json_object_new_array();
	for (i = 0; i < r->nsec; i++)
		json_object_array_add(a,
		    json_object_new_string(r->sec[i].name));
	json_object_object_add(o, "secrets", a);
	if (res != NULL) {
		json_object_object_add(o, "reason", json_object_new_string(
		    sandbox_reason_name(res->reason)));
		json_object_object_add(o, "exit_code",
		    json_object_new_int64(res->exit_code));
		json_object_object_add(o, "signal",
		    json_object_new_int64(res->signo));
		json_object_object_add(o, "wall_ms",
		    json_object_new_int64((int64_t)res->wall_ms));
		json_object_object_add(o, "cpu_ms",
		    json_object_new_int64((int64_t)res->cpu_ms));
		json_object_object_add(o, "mem_peak",
		    json_object_new_int64((int64_t)res->mem_peak));
		if (res->syscall[0] != '\0')
			json_object_object_add(o, "syscall",
			    json_object_new_string(res->syscall));
	}
	return o;
}

static void
log_exit(const struct run *r, const struct sandbox_result *res)
{
	char	 buf[512];

	sandbox_result_fmt(res, buf, sizeof(buf));
	log_info("sandbox.exit: run %s uid %u program %s %s", r->sid,
	    (unsigned)r->uid, r->what, buf);
}

static void
sandbox_audit(const char *event, const struct run *r,
    const struct sandbox_result *res)
{
	struct json_object	*o;
	char			 actor[32];

	o = audit_body(r, res);
	snprintf(actor, sizeof(actor), "uid:%u", (unsigned)r->uid);
	if (audit_event(event, r->session, actor,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), 0,
	    NULL, NULL) == -1)
		log_warnx("cannot send the audit event %s", event);
	json_object_put(o);
}

/* The request's encoding, once handed over or given up. */
static void
wb_drop(struct run *r)
{
	if (r->wb == NULL)
		return;
	held -= r->wb->len;
	wire_free(r->wb);
	free(r->wb);
	r->wb = NULL;
}

static void
run_free(struct run *r)
{
	if (r->code_fd != -1)
		close(r->code_fd);
	if (r->stdin_fd != -1)
		close(r->stdin_fd);
	if (r->req_fd != -1)
		close(r->req_fd);
	if (r->ev_vault != NULL)
		event_free(r->ev_vault);
	vaultc_secrets_free(r->sec, r->nsec);
	wb_drop(r);
	free(r);
}

static struct run *
run_find(uint32_t id)
{
	struct run	*r;

	TAILQ_FOREACH(r, &runs, entry)
		if (r->id == id)
			return r;
	return NULL;
}

static void
run_remove(struct run *r)
{
	TAILQ_REMOVE(&runs, r, entry);
	if (r->state == RUN_QUEUED)
		nqueued--;
	else
		nrunning--;
	run_free(r);
}

/*
 * A request larger than a message goes to the spawner in a sealed
 * memfd, made before the run's start is audited (so that no start is
 * recorded for a run that cannot be handed over).  0, or -1 with
 * r->req_errno set.
 */
static int
run_reqfd(struct run *r)
{
	if (r->req_fd != -1 || r->wb == NULL ||
	    r->wb->len <= IMSG_MAX_PAYLOAD)
		return 0;
	if ((r->req_fd = wire_memfd(r->wb)) == -1) {
		r->req_errno = errno;
		return -1;
	}
	return 0;
}

/*
 * Hand a run to the spawner: its fds first, then the request (in
 * r->req_fd when larger than a message).  0, or -1 when that memfd
 * could not be made: nothing was sent.
 */
static int
run_send(struct run *r)
{
	struct vaultc_secret	*s;
	struct wbuf		 wb;
	size_t			 i;
	int			 fail = 0, reqfd;

	if (run_reqfd(r) == -1)
		return -1;
	reqfd = r->req_fd;
	r->req_fd = -1;		/* the channel closes it once sent */

	if (r->code_fd != -1) {
		fail |= proc_compose_peer(the_ctx, PROC_SPAWNER,
		    IMSG_SANDBOX_CODE, r->id, r->code_fd, NULL, 0);
		r->code_fd = -1;
	}
	if (r->stdin_fd != -1) {
		fail |= proc_compose_peer(the_ctx, PROC_SPAWNER,
		    IMSG_SANDBOX_STDIN, r->id, r->stdin_fd, NULL, 0);
		r->stdin_fd = -1;
	}
	for (i = 0; i < r->nsec; i++) {
		s = &r->sec[i];
		wire_init(&wb);
		wire_put_str(&wb, s->name);
		wire_put_str(&wb, s->how == VAULT_AS_ENV ? s->target : "");
		wire_put_str(&wb, s->how == VAULT_AS_FILE ? s->target : "");
		fail |= wire_ok(&wb) == -1 ? -1 : proc_compose_peer(the_ctx,
		    PROC_SPAWNER, IMSG_SANDBOXD_SECRET, r->id, s->fd, wb.buf,
		    wb.len);
		s->fd = -1;
	}
	fail |= proc_compose_peer(the_ctx, PROC_SPAWNER, IMSG_SANDBOX_RUN,
	    r->id, reqfd, reqfd == -1 ? wire_data(r->wb) : NULL,
	    reqfd == -1 ? r->wb->len : 0);
	if (fail)
		fatal("%s: channel to the spawner", __func__);
	wb_drop(r);
	r->state = RUN_SENT;
	r->started = time(NULL);
	return 0;
}

static void
run_audited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct run	*r;

	if ((r = run_find((uint32_t)(uintptr_t)arg)) == NULL)
		return;
	if (r->conn == 0) {		/* the requester left meanwhile */
		run_remove(r);
		run_next();
		return;
	}
	if (!ok) {
		run_refuse(r, ERRC_AUDIT, "%s", err);
		return;
	}
	log_debug("run %s: start audited as record %llu", r->sid,
	    (unsigned long long)seq);
	if (run_send(r) == -1) {
		/* (run_audit_start() made it: not reached) */
		run_refuse(r, ERRC_SANDBOX, "cannot hand the request to the "
		    "spawner: memfd: %s", strerror(r->req_errno));
		return;
	}
	/* started and ended at once: its start and exit are both audited */
	if (r->kill)
		proc_compose_peer(the_ctx, PROC_SPAWNER, IMSG_SANDBOX_KILL,
		    r->id, -1, NULL, 0);
}

static void
run_audit_failed(evutil_socket_t fd, short ev, void *arg)
{
	run_audited(0, 0, "auditd unreachable: cannot send the record", arg);
}

static void
run_reqfd_failed(evutil_socket_t fd, short ev, void *arg)
{
	struct run	*r;

	if ((r = run_find((uint32_t)(uintptr_t)arg)) == NULL)
		return;
	if (r->conn == 0) {
		run_remove(r);
		run_next();
		return;
	}
	run_refuse(r, ERRC_SANDBOX, "cannot hand the request to the "
	    "spawner: memfd: %s", strerror(r->req_errno));
}

/* Nothing runs before its start is durably audited (fail secure). */
static void
run_audit_start(struct run *r)
{
	struct json_object	*o;
	char			 actor[32];

	r->state = RUN_AUDITING;
	if (run_reqfd(r) == -1) {
		struct timeval zero = { 0, 0 };

		/* from the loop, as below: nothing audited */
		if (event_base_once(the_ctx->base, -1, EV_TIMEOUT,
		    run_reqfd_failed, (void *)(uintptr_t)r->id, &zero) == -1)
			fatalx("%s: event_base_once", __func__);
		return;
	}
	o = audit_body(r, NULL);
	snprintf(actor, sizeof(actor), "uid:%u", (unsigned)r->uid);
	if (audit_event("sandbox.start", r->session, actor,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
	    AUDIT_ACK, run_audited, (void *)(uintptr_t)r->id) == -1) {
		struct timeval zero = { 0, 0 };

		json_object_put(o);
		/* Refuse from the loop, as a callback would: we are inside
		 * run_next()'s walk of the queue. */
		if (event_base_once(the_ctx->base, -1, EV_TIMEOUT,
		    run_audit_failed, (void *)(uintptr_t)r->id, &zero) == -1)
			fatalx("%s: event_base_once", __func__);
		return;
	}
	json_object_put(o);
}

/*
 * Refuse a run that holds a slot (fetching or auditing): tell the
 * requester why, free the slot.  Never called from inside run_next().
 */
static void
run_refuse(struct run *r, uint32_t class, const char *fmt, ...)
{
	struct ctl_conn	*c;
	va_list		 ap;
	char		 msg[600];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_warnx("run %s (tool %s) refused: %s", r->sid,
	    r->tool[0] ? r->tool : "-", msg);
	if (r->conn != 0 && (c = control_find(r->conn)) != NULL)
		control_error_class(c, r->peerid, class, "sandbox refused: %s",
		    msg);
	run_remove(r);
	run_next();
}

/* Every run waiting for vaultd fails with why (the connection failed). */
static void
vault_fail_all(const char *why)
{
	struct run	*r, *next;

	TAILQ_FOREACH_SAFE(r, &runs, entry, next)
		if (r->state == RUN_FETCHING)
			run_refuse(r, ERRC_VAULT, "vaultd unreachable: %s",
			    why);
}

static void
vault_connect_failed_cb(evutil_socket_t fd, short ev, void *arg)
{
	vc.connecting = 0;
	vault_fail_all("cannot ask the parent to connect");
}

static void
vault_timeout_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct run	*r;

	if ((r = run_find((uint32_t)(uintptr_t)arg)) == NULL ||
	    r->state != RUN_FETCHING)
		return;
	if (r->vfail != NULL)
		run_refuse(r, ERRC_VAULT, "vaultd unreachable: %s",
		    r->vfail);
	else
		run_refuse(r, ERRC_VAULT, "vaultd unreachable: no answer "
		    "within %d seconds", VAULT_TIMEOUT_SEC);
}

/* Send the FETCH of a run whose request is not on the connection yet. */
static void
vault_send(struct run *r)
{
	const char	*names[VAULT_FETCH_MAX];
	struct wbuf	 wb;
	size_t		 i;

	for (i = 0; i < r->nsec; i++)
		names[i] = r->sec[i].name;
	/* a run of no session asks as session "-" (vaultd wants one) */
	if (vaultc_fetch_encode(&wb, r->tool, r->session[0] ? r->session :
	    "-", names, r->nsec) == -1 || imsgev_compose(&vc.iev,
	    IMSG_VAULT_FETCH, r->id, -1, wb.buf, wb.len) == -1) {
		/* from the loop: we may be inside run_next() */
		r->vfail = "cannot send the request";
		event_active(r->ev_vault, EV_TIMEOUT, 0);
		return;
	}
	r->fetch_sent = 1;
}

static void	 vault_dispatch(struct imsgev *, struct imsg *, void *);

static void
vault_connected(int fd)
{
	struct run	*r;
	uint32_t	 v = CTL_PROTO_VERSION;

	vc.connecting = 0;
	if (imsgev_init(&vc.iev, the_ctx->base, fd, vault_dispatch, NULL,
	    "vaultd") == -1) {
		close(fd);
		vault_fail_all("cannot set up the connection");
		return;
	}
	vc.connected = 1;
	log_debug("connected to vaultd");
	imsgev_compose(&vc.iev, IMSG_CTL_HELLO, 0, -1, &v, sizeof(v));
	TAILQ_FOREACH(r, &runs, entry)
		if (r->state == RUN_FETCHING && !r->fetch_sent)
			vault_send(r);
}

static void
vault_lost(const char *why)
{
	struct run	*r, *next;

	vc.connected = 0;
	log_warnx("connection to vaultd lost: %s", why);
	TAILQ_FOREACH_SAFE(r, &runs, entry, next)
		if (r->state == RUN_FETCHING && r->fetch_sent)
			run_refuse(r, ERRC_VAULT, "vaultd unreachable: "
			    "connection lost during delivery");
}

/*
 * Ask vaultd for the secrets the run's tool is granted.  The answer
 * comes later (vault_dispatch); nothing is refused from here.
 */
static void
vault_fetch(struct run *r)
{
	struct timeval	 tv = { VAULT_TIMEOUT_SEC, 0 };

	r->state = RUN_FETCHING;
	r->ngot = 0;
	r->fetch_sent = 0;
	if (r->ev_vault == NULL && (r->ev_vault = evtimer_new(the_ctx->base,
	    vault_timeout_cb, (void *)(uintptr_t)r->id)) == NULL)
		fatalx("%s: evtimer_new", __func__);
	evtimer_add(r->ev_vault, &tv);
	if (vc.connected) {
		vault_send(r);
		return;
	}
	if (vc.connecting)
		return;
	vc.connecting = 1;
	if (proc_request_connect(the_ctx, D_VAULTD) == -1) {
		struct timeval zero = { 0, 0 };

		if (event_base_once(the_ctx->base, -1, EV_TIMEOUT,
		    vault_connect_failed_cb, NULL, &zero) == -1)
			fatalx("%s: event_base_once", __func__);
	}
}

/* The first failure of a delivery, as vaultd put it. */
static const char *
vault_first_error(const struct run *r, char *buf, size_t len)
{
	size_t	 i;

	for (i = 0; i < r->nsec; i++)
		if (r->sec[i].status != VAULT_S_OK) {
			if (r->sec[i].error[0] != '\0')
				snprintf(buf, len, "%s", r->sec[i].error);
			else
				snprintf(buf, len, "secret %s: %s",
				    r->sec[i].name,
				    vault_status_name(r->sec[i].status));
			return buf;
		}
	snprintf(buf, len, "incomplete delivery");
	return buf;
}

static void
vault_handle(struct imsgev *iev, struct imsg *imsg)
{
	struct run		*r;
	struct vaultc_secret	 s;
	struct rbuf		 rb;
	uint32_t		 ok, bad;
	char			 msg[512];

	if (imsg->hdr.type == IMSG_CTL_HELLO)
		return;
	r = run_find(imsg->hdr.peerid);
	if (imsg->hdr.type == IMSG_CTL_ERROR && imsg->hdr.peerid == 0) {
		harness_error(imsg, msg, sizeof(msg));
		log_warnx("vaultd: %s", msg);
		imsgev_close(iev);	/* the handler sees NULL next */
		return;
	}
	if (r == NULL || r->state != RUN_FETCHING || !r->fetch_sent) {
		/* a run that timed out meanwhile: its fds just close */
		log_debug("vaultd: message %u for gone run %u",
		    imsg->hdr.type, imsg->hdr.peerid);
		return;
	}
	switch (imsg->hdr.type) {
	case IMSG_CTL_ERROR:
		/* the whole request: "vault is sealed", "unknown tool" */
		harness_error(imsg, msg, sizeof(msg));
		run_refuse(r, ERRC_VAULT, "%s", msg);
		return;
	case IMSG_VAULT_SECRET:
		if (vaultc_secret_decode(imsg, &s) == -1 || r->ngot >= r->nsec ||
		    strcmp(s.name, r->sec[r->ngot].name) != 0) {
			if (s.fd != -1)
				close(s.fd);
			log_warnx("vaultd: malformed delivery message");
			imsgev_close(iev);
			return;
		}
		r->sec[r->ngot++] = s;
		return;
	case IMSG_VAULT_FETCH_END:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &ok) == -1 ||
		    wire_get_u32(&rb, &bad) == -1 || wire_end(&rb) == -1 ||
		    r->ngot != r->nsec || (size_t)ok + bad != r->nsec) {
			log_warnx("vaultd: malformed end of delivery");
			imsgev_close(iev);
			return;
		}
		evtimer_del(r->ev_vault);
		/* fail secure: one secret missing refuses the whole run */
		if (bad != 0) {
			run_refuse(r, ERRC_VAULT, "%s", vault_first_error(r,
			    msg, sizeof(msg)));
			return;
		}
		log_debug("run %s: %zu secret(s) delivered", r->sid, r->nsec);
		run_audit_start(r);
		return;
	default:
		log_warnx("vaultd: unexpected message %u", imsg->hdr.type);
		imsgev_close(iev);
		return;
	}
}

/* The handler owns the fds: whatever was not taken closes here. */
static void
vault_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	if (imsg == NULL) {
		vault_lost("closed");
		return;
	}
	vault_handle(iev, imsg);
	if (imsg->fd != -1) {
		close(imsg->fd);
		imsg->fd = -1;
	}
}

/*
 * A run got a slot: a tool with grants first gets its secrets from
 * vaultd, then (every run) its start is audited, then it is sent.
 */
static void
run_start(struct run *r)
{
	if (r->nsec > 0)
		vault_fetch(r);
	else
		run_audit_start(r);
}

static void
run_next(void)
{
	struct run	*r;

	TAILQ_FOREACH(r, &runs, entry) {
		if (nrunning >= the_ctx->conf->sandboxd.max_sandboxes)
			break;
		if (r->state != RUN_QUEUED)
			continue;
		nqueued--;
		nrunning++;
		run_start(r);
	}
}

static void
conn_closed(struct ctl_conn *c)
{
	struct lconn	*lc = c->data;
	struct run	*r, *next;

	TAILQ_FOREACH_SAFE(r, &runs, entry, next) {
		if (r->conn != c->id)
			continue;
		r->conn = 0;
		if (r->state == RUN_QUEUED)
			run_remove(r);
		else if (r->state == RUN_AUDITING ||
		    r->state == RUN_FETCHING)
			;	/* run_audited() or vaultd's answer drops it */
		else
			/* its result will find nobody: end it now */
			proc_compose_peer(the_ctx, PROC_SPAWNER,
			    IMSG_SANDBOX_KILL, r->id, -1, NULL, 0);
	}
	if (lc != NULL) {
		if (lc->code_fd != -1)
			close(lc->code_fd);
		if (lc->stdin_fd != -1)
			close(lc->stdin_fd);
		free(lc);
		c->data = NULL;
	}
}

static struct lconn *
conn_data(struct ctl_conn *c)
{
	struct lconn	*lc;

	if (c->data != NULL)
		return c->data;
	if ((lc = calloc(1, sizeof(*lc))) == NULL)
		return NULL;
	lc->code_fd = lc->stdin_fd = -1;
	c->data = lc;
	c->on_close = conn_closed;
	return lc;
}

static void
take_fd(int *slot, uint32_t *slot_peer, struct imsg *imsg)
{
	if (*slot != -1)
		close(*slot);
	*slot = imsg->fd;
	*slot_peer = imsg->hdr.peerid;
	imsg->fd = -1;
}

/* A stdin fd may be a pipe or a regular file (a memfd), nothing else:
 * a directory or a socket would give the sandbox a way out. */
static int
fd_kind_ok(int fd, int code)
{
	struct stat	 sb;

	if (fstat(fd, &sb) == -1)
		return 0;
	if (code)
		return S_ISREG(sb.st_mode) && sb.st_size > 0 &&
		    sb.st_size <= SANDBOX_CODE_MAX;
	return S_ISREG(sb.st_mode) || S_ISFIFO(sb.st_mode);
}

static int
check_limits(const struct sandbox_req *req, char *err, size_t errlen)
{
	const uint64_t	*v = &req->lim.wall_ms;
	const uint64_t	*m = &the_ctx->conf->sandboxd.max_limits.wall_ms;
	size_t		 i;

	/* struct conf_limits and struct sandbox_limits share the order */
	for (i = 0; i < SANDBOX_NLIMITS; i++)
		if (m[i] != 0 && v[i] > m[i]) {
			snprintf(err, errlen, "limit %s %llu is above the "
			    "maximum %llu", sandbox_limit_name(i),
			    (unsigned long long)v[i],
			    (unsigned long long)m[i]);
			return -1;
		}
	return 0;
}

/*
 * The secrets the run's tool is granted in the configuration (vaultd
 * checks the same grants again).  A tool without grants, or a run of
 * no tool, gets none and never involves vaultd.
 */
static int
run_grants(struct run *r, char *err, size_t errlen)
{
	struct conf_tool	*t;
	struct conf_grant	*g;
	size_t			 n = 0;

	if (r->tool[0] == '\0' ||
	    (t = conf_tool_find(the_ctx->conf, r->tool)) == NULL)
		return 0;
	TAILQ_FOREACH(g, &t->grants, entry)
		n++;
	if (n == 0)
		return 0;
	if (n > VAULT_FETCH_MAX) {
		snprintf(err, errlen, "tool %s has %zu secret grants, at "
		    "most %d can be delivered", r->tool, n, VAULT_FETCH_MAX);
		return -1;
	}
	if ((r->sec = calloc(n, sizeof(*r->sec))) == NULL) {
		snprintf(err, errlen, "sandboxd: out of memory");
		return -1;
	}
	r->nsec = n;
	n = 0;
	TAILQ_FOREACH(g, &t->grants, entry) {
		strlcpy(r->sec[n].name, g->secret, sizeof(r->sec[n].name));
		r->sec[n].status = VAULT_S_INTERNAL;	/* until delivered */
		r->sec[n].fd = -1;
		n++;
	}
	return 0;
}

static void
handle_run(struct ctl_conn *c, struct imsg *imsg)
{
	struct lconn		*lc = conn_data(c);
	struct sandbox_req	 req;
	struct run		*r = NULL;
	struct wbuf		 wb;
	const void		*data;
	unsigned char		*heap;
	size_t			 len;
	uint32_t		 peer = imsg->hdr.peerid, pos;
	char			 err[512];
	int			 code_fd = -1, stdin_fd = -1, rc;
	uint32_t		 class = ERRC_SANDBOX;

	if (lc == NULL) {
		control_error(c, peer, "sandboxd: out of memory");
		return;
	}
	/* the fds sent for this request, whatever happens next */
	if (lc->code_fd != -1 && lc->code_peer == peer) {
		code_fd = lc->code_fd;
		lc->code_fd = -1;
	}
	if (lc->stdin_fd != -1 && lc->stdin_peer == peer) {
		stdin_fd = lc->stdin_fd;
		lc->stdin_fd = -1;
	}
	if (sandbox_req_open(imsg, &data, &len, &heap, err,
	    sizeof(err)) == -1)
		goto refuse;
	rc = sandbox_req_decode(data, len, &req, err, sizeof(err));
	free(heap);
	if (rc == -1)
		goto refuse;
	if (check_limits(&req, err, sizeof(err)) == -1)
		goto refuse;
	if ((req.flags & SANDBOX_F_CODE_FD) && code_fd == -1) {
		snprintf(err, sizeof(err), "request says code in a memfd, "
		    "none was sent");
		goto refuse;
	}
	if ((req.flags & SANDBOX_F_STDIN) && stdin_fd == -1) {
		snprintf(err, sizeof(err), "request says stdin, no fd was "
		    "sent");
		goto refuse;
	}
	if (code_fd != -1 && (!(req.flags & SANDBOX_F_CODE_FD) ||
	    !fd_kind_ok(code_fd, 1))) {
		snprintf(err, sizeof(err), "code must come in a memfd of 1 "
		    "to %d bytes", SANDBOX_CODE_MAX);
		goto refuse;
	}
	if (stdin_fd != -1 && (!(req.flags & SANDBOX_F_STDIN) ||
	    !fd_kind_ok(stdin_fd, 0))) {
		snprintf(err, sizeof(err), "stdin must be a pipe or a "
		    "regular file");
		goto refuse;
	}
	if (nrunning >= the_ctx->conf->sandboxd.max_sandboxes &&
	    nqueued >= the_ctx->conf->sandboxd.queue) {
		snprintf(err, sizeof(err), "sandbox queue full: %u running, "
		    "%u queued (max sandboxes %u, queue %u)", nrunning,
		    nqueued, the_ctx->conf->sandboxd.max_sandboxes,
		    the_ctx->conf->sandboxd.queue);
		goto refuse;
	}
	/* what the spawner gets is our own encoding of what we checked */
	if (sandbox_req_pack(&req, &wb, NULL, err, sizeof(err)) == -1)
		goto refuse;
	/* up to 1 MiB each: the queue's memory has a bound of its own */
	if (wb.len > HELD_MAX - held) {
		wire_free(&wb);
		snprintf(err, sizeof(err), "sandbox queue full: %zu bytes of "
		    "requests waiting, at most %d", held, HELD_MAX);
		goto refuse;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->wb = malloc(sizeof(*r->wb))) == NULL) {
		free(r);
		wire_free(&wb);
		snprintf(err, sizeof(err), "sandboxd: out of memory");
		goto refuse;
	}
	memcpy(r->wb, &wb, sizeof(wb));
	held += wb.len;
	r->id = next_run_id++;
	if (next_run_id == 0)
		next_run_id = 1;
	r->conn = c->id;
	r->peerid = peer;
	r->uid = c->uid;
	r->cpid = c->pid;
	r->code_fd = code_fd;
	r->stdin_fd = stdin_fd;
	r->req_fd = -1;
	r->queued = time(NULL);
	r->pid = -1;
	snprintf(r->sid, sizeof(r->sid), "run%u", r->id);
	if (req.lang[0] != '\0')
		snprintf(r->what, sizeof(r->what), "%s code", req.lang);
	else
		strlcpy(r->what, req.argv[0], sizeof(r->what));
	strlcpy(r->workspace, req.workspace, sizeof(r->workspace));
	strlcpy(r->tool, req.tool, sizeof(r->tool));
	strlcpy(r->approval, req.approval, sizeof(r->approval));
	r->net = req.net;
	strlcpy(r->session, req.session, sizeof(r->session));
	if (run_grants(r, err, sizeof(err)) == -1) {
		r->code_fd = r->stdin_fd = -1;	/* closed below */
		run_free(r);
		class = ERRC_VAULT;		/* the tool's secret grants */
		goto refuse;
	}
	sandbox_req_free(&req);
	r->state = RUN_QUEUED;
	TAILQ_INSERT_TAIL(&runs, r, entry);
	nqueued++;
	pos = nqueued;
	run_next();
	if (r->state == RUN_QUEUED)
		control_reply(c, IMSG_SANDBOX_QUEUED, peer, -1, &pos,
		    sizeof(pos));
	return;

 refuse:
	sandbox_req_free(&req);
	if (code_fd != -1)
		close(code_fd);
	if (stdin_fd != -1)
		close(stdin_fd);
	log_warnx("refused sandbox request from uid %u pid %d: %s",
	    (unsigned)c->uid, (int)c->pid, err);
	control_error_class(c, peer, class, "%s", err);
}

static void
handle_list(struct ctl_conn *c, struct imsg *imsg)
{
	struct run	*r;
	struct wbuf	 wb;

	TAILQ_FOREACH(r, &runs, entry) {
		wire_init(&wb);
		wire_put_str(&wb, r->sid);
		wire_put_str(&wb, r->state == RUN_QUEUED ? "queued" :
		    "running");
		wire_put_u32(&wb, (uint32_t)r->pid);
		wire_put_u32(&wb, (uint32_t)r->uid);
		/* One still fetching secrets or being audited has left
		   the queue but not started: its age is the request's. */
		wire_put_i64(&wb, (int64_t)(r->state == RUN_QUEUED ||
		    r->started == 0 ? r->queued : r->started));
		wire_put_str(&wb, r->what);
		wire_put_str(&wb, r->workspace);
		control_reply(c, IMSG_SANDBOX_INFO, imsg->hdr.peerid, -1,
		    wb.buf, wb.len);
	}
	control_reply(c, IMSG_CTL_END, imsg->hdr.peerid, -1, NULL, 0);
}

void
listener_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t arg, int fd)
{
	if (audit_on_fd(ctx, type, arg, fd))
		return;
	if (type == IMSG_PROC_CONNECTED && arg == D_VAULTD) {
		if (vc.connected || !vc.connecting) {
			if (fd != -1)
				close(fd);
			return;
		}
		if (fd == -1) {
			vc.connecting = 0;
			vault_fail_all("the parent could not connect to the "
			    "vaultd socket (is vaultd running?)");
		} else
			vault_connected(fd);
		return;
	}
	log_warnx("%s: unexpected fd (%u/%u)", __func__, type, arg);
	if (fd != -1)
		close(fd);
}

/*
 * SANDBOX_KILL from a requester, peerid its own id for the run: end
 * one of its runs.  A queued run is refused; one waiting for its
 * secrets or its start record is killed as soon as it is sent; a
 * running one is killed by the spawner and its result says so.
 */
static void
handle_kill(struct ctl_conn *c, struct imsg *imsg)
{
	struct run	*r;

	if (imsg_datalen(imsg) != 0) {
		control_error(c, imsg->hdr.peerid, "unexpected payload");
		return;
	}
	TAILQ_FOREACH(r, &runs, entry)
		if (r->conn == c->id && r->peerid == imsg->hdr.peerid)
			break;
	if (r == NULL || r->kill)
		return;		/* over already, or asked before */
	log_info("run %s: killed on request of uid %u", r->sid,
	    (unsigned)c->uid);
	r->kill = 1;
	switch (r->state) {
	case RUN_QUEUED:
		control_error(c, r->peerid, "sandbox refused: killed on "
		    "request before it started");
		run_remove(r);
		break;
	case RUN_FETCHING:
	case RUN_AUDITING:
		break;		/* run_audited() sends, then kills */
	case RUN_SENT:
	case RUN_RUNNING:
		proc_compose_peer(the_ctx, PROC_SPAWNER, IMSG_SANDBOX_KILL,
		    r->id, -1, NULL, 0);
		break;
	}
}

int
listener_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	struct lconn	*lc;

	switch (imsg->hdr.type) {
	case IMSG_SANDBOX_CODE:
	case IMSG_SANDBOX_STDIN:
		if (imsg->fd == -1) {
			control_error(c, imsg->hdr.peerid, "%s message "
			    "without a file descriptor", imsg->hdr.type ==
			    IMSG_SANDBOX_CODE ? "code" : "stdin");
			return 0;
		}
		if (imsg_datalen(imsg) != 0) {
			control_error(c, imsg->hdr.peerid, "unexpected "
			    "payload");
			return 0;
		}
		if ((lc = conn_data(c)) == NULL) {
			control_error(c, imsg->hdr.peerid, "out of memory");
			return 0;
		}
		if (imsg->hdr.type == IMSG_SANDBOX_CODE)
			take_fd(&lc->code_fd, &lc->code_peer, imsg);
		else
			take_fd(&lc->stdin_fd, &lc->stdin_peer, imsg);
		return 0;
	case IMSG_SANDBOX_RUN:
		handle_run(c, imsg);
		return 0;
	case IMSG_SANDBOX_LIST:
		handle_list(c, imsg);
		return 0;
	case IMSG_SANDBOX_KILL:
		handle_kill(c, imsg);
		return 0;
	default:
		return -1;
	}
}

/* Replies from the spawner, relayed to the requester. */
void
listener_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	struct run		*r;
	struct ctl_conn		*c = NULL;
	struct sandbox_result	 res;
	struct rbuf		 rb;
	uint32_t		 pid;
	int			 fd;

	if (iev != ctx->peers[PROC_SPAWNER]) {
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		return;
	}
	if ((r = run_find(imsg->hdr.peerid)) == NULL || r->state ==
	    RUN_QUEUED)
		fatalx("%s: message %u for unknown run %u", __func__,
		    imsg->hdr.type, imsg->hdr.peerid);
	if (r->conn != 0)
		c = control_find(r->conn);
	switch (imsg->hdr.type) {
	case IMSG_SANDBOX_STARTED:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &pid) == -1)
			fatalx("%s: bad STARTED", __func__);
		r->pid = (pid_t)pid;
		r->state = RUN_RUNNING;
		log_info("sandbox.start: run %s uid %u pid %d program %s "
		    "workspace %s sandbox pid %d network %s", r->sid,
		    (unsigned)r->uid, (int)r->cpid, r->what,
		    r->workspace[0] ? r->workspace : "-", (int)r->pid,
		    r->net == SANDBOX_NET_HOST ? "host" : "none");
		if (c != NULL)
			control_reply(c, IMSG_SANDBOX_STARTED, r->peerid, -1,
			    imsg->data, imsg_datalen(imsg));
		break;
	case IMSG_SANDBOX_STDOUT:
	case IMSG_SANDBOX_STDERR:
		if (imsg->fd == -1)
			fatalx("%s: output message without an fd", __func__);
		fd = imsg->fd;
		imsg->fd = -1;
		if (c != NULL)
			control_reply(c, imsg->hdr.type, r->peerid, fd, NULL,
			    0);
		else
			close(fd);
		break;
	case IMSG_SANDBOX_RESULT:
		if (sandbox_result_decode(imsg->data, imsg_datalen(imsg),
		    &res) == -1)
			fatalx("%s: bad RESULT", __func__);
		/*
		 * The record goes first, so that it reaches auditd before
		 * the requester's own record of the call and shares its
		 * fsync; then the result, at once; the log line after.
		 */
		sandbox_audit("sandbox.exit", r, &res);
		audit_send_now();
		if (c != NULL && control_reply(c, IMSG_SANDBOX_RESULT,
		    r->peerid, -1, imsg->data, imsg_datalen(imsg)) == 0)
			imsgev_send_now(&c->iev);
		log_exit(r, &res);
		run_remove(r);
		run_next();
		break;
	default:
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		break;
	}
	if (imsg->fd != -1) {
		close(imsg->fd);
		imsg->fd = -1;
	}
}

/*
 * The parent closed the channel: sandboxd is stopping, and the spawner
 * kills every sandbox as it goes (spawner_atexit()).  Each requester
 * with a run under way or queued is told so now, rather than finding
 * its connection closed; a run that started gets its sandbox.exit
 * record, killed by SIGKILL, as it is.  Then exit.
 */
int
listener_stopping(struct proc_ctx *ctx)
{
	static const char	 why[] = "sandboxd is shutting down";
	struct run		*r, *next;
	struct ctl_conn		*c;
	struct sandbox_result	 res;
	struct json_object	*o;
	char			 actor[32];
	size_t			 n = 0;

	TAILQ_FOREACH_SAFE(r, &runs, entry, next) {
		if (r->state == RUN_RUNNING) {
			memset(&res, 0, sizeof(res));
			res.reason = SANDBOX_SIGNALED;
			res.signo = SIGKILL;
			res.exit_code = -1;
			res.wall_ms = (uint64_t)(time(NULL) - r->started) *
			    1000;
			o = audit_body(r, &res);
			json_object_object_add(o, "stopped",
			    json_object_new_string(why));
			snprintf(actor, sizeof(actor), "uid:%u",
			    (unsigned)r->uid);
			if (audit_event("sandbox.exit", r->session, actor,
			    json_object_to_json_string_ext(o,
			    JSON_C_TO_STRING_PLAIN), 0, NULL, NULL) == -1)
				log_warnx("cannot send the audit event "
				    "sandbox.exit");
			json_object_put(o);
			log_info("sandbox.exit: run %s uid %u program %s "
			    "killed: %s", r->sid, (unsigned)r->uid, r->what,
			    why);
		}
		if (r->conn != 0 && (c = control_find(r->conn)) != NULL &&
		    control_error_class(c, r->peerid, ERRC_SANDBOX,
		    "%s: %s", why, r->state == RUN_RUNNING ||
		    r->state == RUN_SENT ? "the run was stopped" :
		    "the run never started") == 0)
			imsgev_send_now(&c->iev);
		n++;
	}
	audit_send_now();
	if (n > 0)
		log_info("%zu run(s) ended: %s", n, why);
	return 0;
}

void
listener_run(struct proc_ctx *ctx)
{
	static const int	 syscalls[] = { SYS_memfd_create };
	struct proc_confine_spec spec;

	the_ctx = ctx;
	memset(&spec, 0, sizeof(spec));
	/* A request too large for a message goes to the spawner in one. */
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	if (audit_init(ctx) == -1)
		fatalx("cannot set up auditing");
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
