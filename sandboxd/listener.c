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

#include <event2/event.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auditc.h"
#include "conf.h"
#include "control.h"
#include "log.h"
#include "proc.h"
#include "sandbox_proto.h"
#include "sandboxc.h"
#include "sandboxd.h"
#include "wire.h"

/* RUN_AUDITING: waiting for auditd to make sandbox.start durable. */
enum run_state { RUN_QUEUED, RUN_AUDITING, RUN_SENT, RUN_RUNNING };

struct run {
	TAILQ_ENTRY(run) entry;
	uint32_t	 id;		/* ours, peerid towards the spawner */
	uint32_t	 conn;		/* ctl_conn id, 0 once it closed */
	uint32_t	 peerid;	/* the requester's */
	uid_t		 uid;
	pid_t		 cpid;		/* requester's pid */
	enum run_state	 state;
	struct wbuf	*wb;		/* the re-encoded request */
	int		 code_fd;
	int		 stdin_fd;
	pid_t		 pid;		/* sandbox init, once started */
	time_t		 queued;
	time_t		 started;
	char		 what[80];	/* argv[0] or lang, for logs */
	char		 workspace[SANDBOX_NAME_MAX];
	char		 sid[32];
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

static void	 run_next(void);
static void	 run_audit_start(struct run *);
static struct run *run_find(uint32_t);

const char *
listener_chroot(const struct harness_conf *conf)
{
	return conf->sandboxd.d.chroot;
}

/*
 * The audit trail of sandboxes.  auditd's producer library will carry
 * these as sandbox.start and sandbox.exit events; until it is linked
 * here they are logged at info level, one line each.
 */
/*
 * sandbox.start (acked: the run waits for it) and sandbox.exit records.
 * Names and numbers only: never the code, arguments or environment,
 * which may hold what a secret scanner would have to redact.
 */
static struct json_object *
audit_body(const struct run *r, const struct sandbox_result *res)
{
	struct json_object	*o;
	char			 buf[512];

	o = json_object_new_object();
	json_object_object_add(o, "run", json_object_new_string(r->sid));
	json_object_object_add(o, "program", json_object_new_string(r->what));
	json_object_object_add(o, "workspace",
	    json_object_new_string(r->workspace));
	json_object_object_add(o, "requester_pid",
	    json_object_new_int64(r->cpid));
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
		sandbox_result_fmt(res, buf, sizeof(buf));
		log_info("sandbox.exit: run %s uid %u program %s %s", r->sid,
		    (unsigned)r->uid, r->what, buf);
	}
	return o;
}

static void
sandbox_audit(const char *event, const struct run *r,
    const struct sandbox_result *res)
{
	struct json_object	*o;
	char			 actor[32];

	o = audit_body(r, res);
	snprintf(actor, sizeof(actor), "uid:%u", (unsigned)r->uid);
	if (audit_event(event, "", actor, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN), 0, NULL, NULL) == -1)
		log_warnx("cannot send the audit event %s", event);
	json_object_put(o);
}

static void
run_free(struct run *r)
{
	if (r->code_fd != -1)
		close(r->code_fd);
	if (r->stdin_fd != -1)
		close(r->stdin_fd);
	free(r->wb);
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

/* Hand a run to the spawner: its fds first, then the request. */
static void
run_send(struct run *r)
{
	int	 fail = 0;

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
	fail |= proc_compose_peer(the_ctx, PROC_SPAWNER, IMSG_SANDBOX_RUN,
	    r->id, -1, r->wb->buf, r->wb->len);
	if (fail)
		fatal("%s: channel to the spawner", __func__);
	free(r->wb);
	r->wb = NULL;
	r->state = RUN_SENT;
	r->started = time(NULL);
}

static void
run_audited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct run	*r;
	struct ctl_conn	*c;

	if ((r = run_find((uint32_t)(uintptr_t)arg)) == NULL)
		return;
	if (r->conn == 0) {		/* the requester left meanwhile */
		run_remove(r);
		run_next();
		return;
	}
	if (!ok) {
		log_warnx("run %s refused: %s", r->sid, err);
		if ((c = control_find(r->conn)) != NULL)
			control_error(c, r->peerid, "sandbox refused: %s", err);
		run_remove(r);
		run_next();
		return;
	}
	log_debug("run %s: start audited as record %llu", r->sid,
	    (unsigned long long)seq);
	run_send(r);
}

static void
run_audit_failed(evutil_socket_t fd, short ev, void *arg)
{
	run_audited(0, 0, "auditd unreachable: cannot send the record", arg);
}

/* Nothing runs before its start is durably audited (fail secure). */
static void
run_audit_start(struct run *r)
{
	struct json_object	*o;
	char			 actor[32];

	r->state = RUN_AUDITING;
	o = audit_body(r, NULL);
	snprintf(actor, sizeof(actor), "uid:%u", (unsigned)r->uid);
	if (audit_event("sandbox.start", "", actor,
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
		run_audit_start(r);
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
		else if (r->state == RUN_AUDITING)
			;	/* run_audited() drops it */
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

static void
handle_run(struct ctl_conn *c, struct imsg *imsg)
{
	struct lconn		*lc = conn_data(c);
	struct sandbox_req	 req;
	struct run		*r = NULL;
	struct wbuf		 wb;
	uint32_t		 peer = imsg->hdr.peerid, pos;
	char			 err[512];
	int			 code_fd = -1, stdin_fd = -1;

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
	if (sandbox_req_decode(imsg->data, imsg_datalen(imsg), &req, err,
	    sizeof(err)) == -1)
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
	if (sandbox_req_encode(&req, &wb, err, sizeof(err)) == -1)
		goto refuse;
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->wb = malloc(sizeof(*r->wb))) == NULL) {
		free(r);
		snprintf(err, sizeof(err), "sandboxd: out of memory");
		goto refuse;
	}
	memcpy(r->wb, &wb, sizeof(wb));
	r->id = next_run_id++;
	if (next_run_id == 0)
		next_run_id = 1;
	r->conn = c->id;
	r->peerid = peer;
	r->uid = c->uid;
	r->cpid = c->pid;
	r->code_fd = code_fd;
	r->stdin_fd = stdin_fd;
	r->queued = time(NULL);
	r->pid = -1;
	snprintf(r->sid, sizeof(r->sid), "run%u", r->id);
	if (req.lang[0] != '\0')
		snprintf(r->what, sizeof(r->what), "%s code", req.lang);
	else
		strlcpy(r->what, req.argv[0], sizeof(r->what));
	strlcpy(r->workspace, req.workspace, sizeof(r->workspace));
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
	control_error(c, peer, "%s", err);
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
		wire_put_i64(&wb, (int64_t)(r->state == RUN_QUEUED ?
		    r->queued : r->started));
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
	log_warnx("%s: unexpected fd (%u/%u)", __func__, type, arg);
	if (fd != -1)
		close(fd);
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
		    "workspace %s sandbox pid %d", r->sid, (unsigned)r->uid,
		    (int)r->cpid, r->what, r->workspace[0] ? r->workspace :
		    "-", (int)r->pid);
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
		sandbox_audit("sandbox.exit", r, &res);
		if (c != NULL)
			control_reply(c, IMSG_SANDBOX_RESULT, r->peerid, -1,
			    imsg->data, imsg_datalen(imsg));
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

void
listener_run(struct proc_ctx *ctx)
{
	struct proc_confine_spec spec;

	the_ctx = ctx;
	memset(&spec, 0, sizeof(spec));
	if (audit_init(ctx) == -1)
		fatalx("cannot set up auditing");
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
