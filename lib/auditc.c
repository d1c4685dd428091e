/*
 * Producer side of the audit protocol.  See auditc.h.
 */
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit_proto.h"
#include "auditc.h"
#include "conf.h"
#include "harness.h"
#include "imsg.h"
#include "imsgev.h"
#include "log.h"
#include "proc.h"
#include "utf8.h"
#include "wire.h"

struct areq {
	TAILQ_ENTRY(areq) entry;
	uint32_t	 id;
	int		 flags;
	audit_cb	 cb;
	void		*arg;
	struct timespec	 deadline;
	unsigned char	*msg;		/* queued: payload to send */
	size_t		 len;
	char		 err[256];	/* deferred failure */
};
TAILQ_HEAD(areqs, areq);

static struct {
	int		 init;
	struct event_base *base;
	struct proc_ctx	*ctx;		/* NULL: socket mode */
	char		 path[PATH_MAX];
	char		 source[64 + 1];
	struct imsgev	 iev;
	int		 connected;
	int		 connecting;
	struct areqs	 queued;	/* waiting for a connection */
	struct areqs	 waiting;	/* sent, waiting for the ack */
	struct areqs	 failed;	/* to be told, from the loop */
	size_t		 nqueued, nwaiting;
	uint32_t	 next_id;
	struct event	*ev_tick;
	struct event	*ev_fail;
	struct event	*ev_connect;
} ac;

static void	 ac_dispatch(struct imsgev *, struct imsg *, void *);

static void
ac_deadline(struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += AUDITC_TIMEOUT_MS / 1000;
	ts->tv_nsec += (AUDITC_TIMEOUT_MS % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static void
req_free(struct areq *r)
{
	free(r->msg);
	free(r);
}

static void
req_fail(struct areq *r, const char *why)
{
	if (r->cb != NULL)
		r->cb(0, 0, why, r->arg);
	else
		log_warnx("audit event not acknowledged: %s", why);
	req_free(r);
}

/* Fail every request of a list (now: we are in a callback already). */
static void
fail_all(struct areqs *q, size_t *n, const char *why)
{
	struct areq	*r;

	while ((r = TAILQ_FIRST(q)) != NULL) {
		TAILQ_REMOVE(q, r, entry);
		(*n)--;
		req_fail(r, why);
	}
}

static void
failed_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct areq	*r;

	while ((r = TAILQ_FIRST(&ac.failed)) != NULL) {
		TAILQ_REMOVE(&ac.failed, r, entry);
		req_fail(r, r->err);
	}
}

/* Fail later, from the event loop (never inside audit_event()). */
static void
fail_later(struct areq *r, const char *why)
{
	strlcpy(r->err, why, sizeof(r->err));
	TAILQ_INSERT_TAIL(&ac.failed, r, entry);
	event_active(ac.ev_fail, EV_TIMEOUT, 0);
}

static int
ac_send(struct areq *r, const void *msg, size_t len)
{
	if (imsgev_compose(&ac.iev, IMSG_AUDIT_EVENT, r->id, -1, msg,
	    len) == -1)
		return -1;
	if (r->flags & AUDIT_ACK) {
		ac_deadline(&r->deadline);
		TAILQ_INSERT_TAIL(&ac.waiting, r, entry);
		ac.nwaiting++;
	} else
		req_free(r);
	return 0;
}

static void
ac_connected(int fd)
{
	struct areq	*r;
	uint32_t	 v = CTL_PROTO_VERSION;
	char		 name[64];

	ac.connecting = 0;
	snprintf(name, sizeof(name), "auditd");
	if (imsgev_init(&ac.iev, ac.base, fd, ac_dispatch, NULL, name) ==
	    -1) {
		close(fd);
		fail_all(&ac.queued, &ac.nqueued, "auditd unreachable: "
		    "cannot set up the connection");
		return;
	}
	ac.connected = 1;
	log_debug("audit: connected to auditd");
	imsgev_compose(&ac.iev, IMSG_CTL_HELLO, 0, -1, &v, sizeof(v));
	while ((r = TAILQ_FIRST(&ac.queued)) != NULL) {
		TAILQ_REMOVE(&ac.queued, r, entry);
		ac.nqueued--;
		if (ac_send(r, r->msg, r->len) == -1) {
			req_fail(r, "auditd unreachable: cannot queue the "
			    "event");
			continue;
		}
	}
}

static void
ac_connect_failed(const char *why)
{
	char	 msg[300];

	ac.connecting = 0;
	snprintf(msg, sizeof(msg), "auditd unreachable: %s", why);
	log_debug("audit: %s", msg);
	fail_all(&ac.queued, &ac.nqueued, msg);
}

/* Socket mode: connect from the loop, so failures come from there. */
static void
connect_cb(evutil_socket_t unused, short ev, void *arg)
{
	struct sockaddr_un	 sun;
	char			 why[PATH_MAX + 64];
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strlcpy(sun.sun_path, ac.path, sizeof(sun.sun_path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(why, sizeof(why), "socket: %s", strerror(errno));
		ac_connect_failed(why);
		return;
	}
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		snprintf(why, sizeof(why), "connect %s: %s", ac.path,
		    strerror(errno));
		close(fd);
		ac_connect_failed(why);
		return;
	}
	ac_connected(fd);
}

static void
ac_connect(void)
{
	if (ac.connected || ac.connecting)
		return;
	ac.connecting = 1;
	if (ac.ctx != NULL) {
		if (proc_request_connect(ac.ctx, D_AUDITD) == -1) {
			ac.connecting = 0;
			/* From the loop: we may be inside audit_event(). */
			event_active(ac.ev_connect, EV_TIMEOUT, 0);
		}
	} else
		event_active(ac.ev_connect, EV_TIMEOUT, 0);
}

static void
daemon_connect_cb(evutil_socket_t unused, short ev, void *arg)
{
	if (ac.ctx != NULL)
		ac_connect_failed("cannot ask the parent to connect");
	else
		connect_cb(unused, ev, arg);
}

int
audit_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t id, int fd)
{
	if (type != IMSG_PROC_CONNECTED || id != D_AUDITD)
		return 0;
	if (!ac.init || ac.connected) {
		if (fd != -1)
			close(fd);
		return 1;
	}
	if (fd == -1)
		ac_connect_failed("the parent could not connect to the "
		    "auditd socket (is auditd running?)");
	else
		ac_connected(fd);
	return 1;
}

static void
ac_lost(const char *why)
{
	ac.connected = 0;
	log_warnx("audit: connection to auditd lost: %s", why);
	fail_all(&ac.waiting, &ac.nwaiting, "auditd unreachable: connection "
	    "lost before the event was acknowledged");
	/* Those that queued meanwhile go on the next connection. */
	if (!TAILQ_EMPTY(&ac.queued))
		ac_connect();
}

static struct areq *
waiting_take(uint32_t id)
{
	struct areq	*r;

	TAILQ_FOREACH(r, &ac.waiting, entry)
		if (r->id == id) {
			TAILQ_REMOVE(&ac.waiting, r, entry);
			ac.nwaiting--;
			return r;
		}
	return NULL;
}

/* Run callbacks for an IMSG_AUDIT_ACKV; -1 if it is malformed. */
static int
ac_ackv(struct imsg *imsg)
{
	struct areq	*r;
	struct rbuf	 rb;
	uint32_t	 n, i, reqid, count, k;
	uint64_t	 seq;

	/* Check all of it before acting on any of it. */
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_u32(&rb, &n) == -1 || n == 0 || n > AUDIT_ACKV_MAX ||
	    imsg_datalen(imsg) != 4 + (size_t)n * 16)
		return -1;
	for (i = 0; i < n; i++) {
		if (wire_get_u32(&rb, &reqid) == -1 ||
		    wire_get_u64(&rb, &seq) == -1 ||
		    wire_get_u32(&rb, &count) == -1 || reqid == 0 ||
		    count == 0 || count - 1 > UINT32_MAX - reqid ||
		    seq == 0 || count - 1 > UINT64_MAX - seq)
			return -1;
	}
	if (wire_end(&rb) == -1)
		return -1;
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	wire_get_u32(&rb, &n);
	for (i = 0; i < n; i++) {
		wire_get_u32(&rb, &reqid);
		wire_get_u64(&rb, &seq);
		wire_get_u32(&rb, &count);
		for (k = 0; k < count; k++) {
			if ((r = waiting_take(reqid + k)) == NULL) {
				/* Timed out earlier: refused already. */
				log_debug("audit: late ack for %u (seq %llu)",
				    reqid + k, (unsigned long long)(seq + k));
				continue;
			}
			if (r->cb != NULL)
				r->cb(1, seq + k, NULL, r->arg);
			req_free(r);
		}
	}
	return 0;
}

static void
ac_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	struct areq	*r;
	struct rbuf	 rb;
	uint64_t	 seq;
	char		 msg[1024], why[1100];

	if (imsg == NULL) {
		ac_lost("closed");
		return;
	}
	switch (imsg->hdr.type) {
	case IMSG_CTL_HELLO:
		break;
	case IMSG_AUDIT_ACK:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u64(&rb, &seq) == -1 || wire_end(&rb) == -1) {
			log_warnx("audit: bad ack from auditd");
			imsgev_close(iev);	/* handler sees NULL next */
			return;
		}
		if ((r = waiting_take(imsg->hdr.peerid)) == NULL) {
			/* Timed out earlier: the caller refused already. */
			log_debug("audit: late ack for %u (seq %llu)",
			    imsg->hdr.peerid, (unsigned long long)seq);
			break;
		}
		if (r->cb != NULL)
			r->cb(1, seq, NULL, r->arg);
		req_free(r);
		break;
	case IMSG_AUDIT_ACKV:
		if (ac_ackv(imsg) == -1) {
			log_warnx("audit: bad acks from auditd");
			imsgev_close(iev);	/* handler sees NULL next */
			return;
		}
		break;
	case IMSG_CTL_ERROR:
		harness_error(imsg, msg, sizeof(msg));
		if (imsg->hdr.peerid == 0) {
			log_warnx("audit: auditd: %s", msg);
			imsgev_close(iev);
			return;
		}
		if ((r = waiting_take(imsg->hdr.peerid)) == NULL) {
			log_warnx("audit: %s", msg);
			break;
		}
		snprintf(why, sizeof(why), "%s", msg);
		req_fail(r, why);
		break;
	default:
		log_warnx("audit: unexpected message %u from auditd",
		    imsg->hdr.type);
		imsgev_close(iev);
		return;
	}
}

static void
tick_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct timespec	 now;
	struct areq	*r, *next;

	clock_gettime(CLOCK_MONOTONIC, &now);
	TAILQ_FOREACH_SAFE(r, &ac.waiting, entry, next) {
		if (now.tv_sec < r->deadline.tv_sec ||
		    (now.tv_sec == r->deadline.tv_sec &&
		    now.tv_nsec < r->deadline.tv_nsec))
			continue;
		TAILQ_REMOVE(&ac.waiting, r, entry);
		ac.nwaiting--;
		req_fail(r, "auditd unreachable: no acknowledgement within "
		    "the time limit");
	}
}

static int
ac_setup(struct event_base *base, const char *source)
{
	struct timeval	 tv = { 1, 0 };

	if (ac.init) {
		errno = EBUSY;
		return -1;
	}
	memset(&ac, 0, sizeof(ac));
	TAILQ_INIT(&ac.queued);
	TAILQ_INIT(&ac.waiting);
	TAILQ_INIT(&ac.failed);
	ac.base = base;
	ac.next_id = 1;
	strlcpy(ac.source, source, sizeof(ac.source));
	ac.ev_tick = event_new(base, -1, EV_PERSIST, tick_cb, NULL);
	ac.ev_fail = event_new(base, -1, 0, failed_cb, NULL);
	ac.ev_connect = event_new(base, -1, 0, daemon_connect_cb, NULL);
	if (ac.ev_tick == NULL || ac.ev_fail == NULL ||
	    ac.ev_connect == NULL || event_add(ac.ev_tick, &tv) == -1) {
		if (ac.ev_tick != NULL)
			event_free(ac.ev_tick);
		if (ac.ev_fail != NULL)
			event_free(ac.ev_fail);
		if (ac.ev_connect != NULL)
			event_free(ac.ev_connect);
		errno = ENOMEM;
		return -1;
	}
	ac.init = 1;
	return 0;
}

int
audit_init(struct proc_ctx *ctx)
{
	if (ac_setup(ctx->base, proc_title(ctx)) == -1)
		return -1;
	ac.ctx = ctx;
	ac_connect();
	return 0;
}

int
audit_init_socket(struct event_base *base, const char *path,
    const char *source)
{
	if (strlen(path) >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (ac_setup(base, source) == -1)
		return -1;
	strlcpy(ac.path, path, sizeof(ac.path));
	ac_connect();
	return 0;
}

int
audit_encode(struct wbuf *wb, uint32_t flags, int64_t t, const char *source,
    const char *type, const char *session, const char *actor,
    const char *body)
{
	wire_init(wb);
	wire_put_u32(wb, flags);
	wire_put_i64(wb, t);
	wire_put_str(wb, source);
	wire_put_str(wb, type);
	wire_put_str(wb, session);
	wire_put_str(wb, actor);
	wire_put_str(wb, body != NULL ? body : "{}");
	return wire_ok(wb);
}

static int64_t
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
audit_event(const char *type, const char *session, const char *actor,
    const char *body, int flags, audit_cb cb, void *arg)
{
	static struct wbuf wbs;	/* 16 KiB: not on the caller's stack */
	struct wbuf	*wb = &wbs;
	struct areq	*r;
	int		 now = (flags & AUDITC_NOW) != 0;

	if (!ac.init || ((flags & AUDIT_ACK) && cb == NULL) ||
	    (flags & ~(AUDIT_ACK | AUDITC_NOW)) || type == NULL) {
		errno = EINVAL;
		return -1;
	}
	flags &= AUDIT_ACK;
	if (now && !ac.connected) {
		errno = ENOTCONN;
		return -1;
	}
	/* We read acks in bulk (IMSG_AUDIT_ACKV): say so. */
	if (audit_encode(wb, (uint32_t)flags | ((flags & AUDIT_ACK) ?
	    AUDIT_ACKV : 0), now_ns(), ac.source, type, session, actor,
	    body) == -1) {
		errno = EMSGSIZE;
		return -1;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return -1;
	r->id = ac.next_id++;
	if (ac.next_id == 0)
		ac.next_id = 1;
	r->flags = flags;
	r->cb = cb;
	r->arg = arg;
	if (ac.connected) {
		if (ac_send(r, wb->buf, wb->len) == -1) {
			if (now) {
				req_free(r);
				errno = ENOMEM;
				return -1;
			}
			fail_later(r, "auditd unreachable: cannot queue the "
			    "event");
		}
		return 0;
	}
	if (ac.nqueued >= AUDITC_QUEUE_MAX) {
		fail_later(r, "auditd unreachable: too many events waiting "
		    "for the connection");
		return 0;
	}
	if ((r->msg = malloc(wb->len)) == NULL) {
		free(r);
		return -1;
	}
	memcpy(r->msg, wb->buf, wb->len);
	r->len = wb->len;
	TAILQ_INSERT_TAIL(&ac.queued, r, entry);
	ac.nqueued++;
	ac_connect();
	return 0;
}

void
audit_send_now(void)
{
	if (ac.init && ac.connected)
		imsgev_send_now(&ac.iev);
}

int
audit_connected(void)
{
	return ac.init && ac.connected;
}

size_t
audit_pending(void)
{
	return ac.nqueued + ac.nwaiting;
}

void
audit_shutdown(void)
{
	if (!ac.init)
		return;
	if (ac.connected) {
		imsgev_flush(&ac.iev);
		imsgev_close(&ac.iev);
		ac.connected = 0;
	}
	fail_all(&ac.waiting, &ac.nwaiting, "shutting down");
	fail_all(&ac.queued, &ac.nqueued, "shutting down");
	failed_cb(-1, 0, NULL);
	event_free(ac.ev_tick);
	event_free(ac.ev_fail);
	event_free(ac.ev_connect);
	ac.init = 0;
}

int
audit_log_sync(const char *path, const char *source, const char *type,
    const char *session, const char *actor, const char *body,
    int timeout_ms, uint64_t *seq, char *err, size_t errlen)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct wbuf	*wb;
	struct rbuf	 rb;
	char		 why[1024];
	int		 rc, ret = -1;

	if ((wb = malloc(sizeof(*wb))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (audit_encode(wb, AUDIT_ACK, now_ns(), source, type, session,
	    actor, body) == -1) {
		snprintf(err, errlen, "event too large for one message");
		free(wb);
		return -1;
	}
	if ((h = harness_connect(path, why, sizeof(why))) == NULL) {
		snprintf(err, errlen, "auditd unreachable: %s", why);
		free(wb);
		return -1;
	}
	if (harness_send(h, IMSG_AUDIT_EVENT, 1, -1, wb->buf, wb->len) ==
	    -1) {
		snprintf(err, errlen, "auditd unreachable: send: %s",
		    strerror(errno));
		goto done;
	}
	rc = harness_recv(h, &imsg, timeout_ms);
	if (rc != 1) {
		snprintf(err, errlen, "auditd unreachable: %s", rc == 0 ?
		    "connection closed before the acknowledgement" :
		    strerror(errno));
		goto done;
	}
	if (harness_error(&imsg, why, sizeof(why))) {
		snprintf(err, errlen, "%s", why);
		imsg_free(&imsg);
		goto done;
	}
	wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
	if (imsg.hdr.type != IMSG_AUDIT_ACK || imsg.hdr.peerid != 1 ||
	    wire_get_u64(&rb, seq) == -1 || wire_end(&rb) == -1)
		snprintf(err, errlen, "unexpected reply %u from auditd",
		    imsg.hdr.type);
	else
		ret = 0;
	imsg_free(&imsg);
 done:
	harness_close(h);
	free(wb);
	return ret;
}

/* ---------------------------------------------------------------- */
/* config.reload */

#define RELOAD_ERROR_MAX	2048	/* bytes of the error kept */
#define RELOAD_RESTART_MAX	1024
#define RELOAD_FILES_ROOM	9000	/* bytes of JSON for the file list */

/* Text as valid UTF-8, cut to at most max bytes on a character. */
static struct json_object *
reload_text(const char *s, size_t max)
{
	struct json_object	*o;
	char			*t;
	size_t			 k;

	if ((t = utf8_sanitize(s, strlen(s), &k)) == NULL)
		return json_object_new_string("");
	if (k > max) {
		k = max;
		while (k > 0 && ((unsigned char)t[k] & 0xc0) == 0x80)
			k--;
	}
	o = json_object_new_string_len(t, (int)k);
	free(t);
	return o;
}

struct reload_files {
	struct json_object	*arr;
	size_t			 room;
	size_t			 omitted;
};

/* Each file read: its path, size and SHA-256, as sha256sum(1) says. */
static int
reload_file(const char *path, const void *data, size_t len, void *arg)
{
	struct reload_files	*f = arg;
	struct json_object	*o;
	unsigned char		 h[crypto_hash_sha256_BYTES];
	char			 hex[2 * crypto_hash_sha256_BYTES + 1];
	size_t			 need = strlen(path) + 128;

	if (need > f->room) {
		f->omitted++;
		return 0;
	}
	f->room -= need;
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	o = json_object_new_object();
	json_object_object_add(o, "path", reload_text(path, PATH_MAX));
	json_object_object_add(o, "bytes", json_object_new_int64(
	    (int64_t)len));
	json_object_object_add(o, "sha256", json_object_new_string(hex));
	json_object_array_add(f->arr, o);
	return 0;
}

char *
audit_reload_body(const struct proc_reload *rl, char *actor,
    size_t actorsz)
{
	static const char *const results[] = {
		[PROC_RELOAD_APPLIED] = "applied",
		[PROC_RELOAD_PARTIAL] = "partial",
		[PROC_RELOAD_REFUSED] = "refused",
	};
	struct json_object	*o;
	struct reload_files	 f;
	char			*s;

	o = json_object_new_object();
	json_object_object_add(o, "trigger", json_object_new_string(
	    rl->trigger != NULL ? rl->trigger : "SIGHUP"));
	json_object_object_add(o, "result", json_object_new_string(
	    results[rl->result]));
	actor[0] = '\0';
	if (rl->from_user) {
		snprintf(actor, actorsz, "uid:%u", (unsigned)rl->uid);
		json_object_object_add(o, "sender_uid",
		    json_object_new_int64((int64_t)rl->uid));
		json_object_object_add(o, "sender_pid",
		    json_object_new_int64((int64_t)rl->pid));
	}
	if (rl->error != NULL)
		json_object_object_add(o, "error", reload_text(rl->error,
		    RELOAD_ERROR_MAX));
	if (rl->restart != NULL)
		json_object_object_add(o, "kept_until_restart",
		    reload_text(rl->restart, RELOAD_RESTART_MAX));
	if (rl->note != NULL)
		json_object_object_add(o, "note", reload_text(rl->note,
		    RELOAD_RESTART_MAX));
	if (rl->bundle != NULL) {
		f.arr = json_object_new_array();
		f.room = RELOAD_FILES_ROOM;
		f.omitted = 0;
		(void)conf_bundle_files(rl->bundle, rl->bundlelen,
		    reload_file, &f);
		json_object_object_add(o, "files", f.arr);
		if (f.omitted > 0)
			json_object_object_add(o, "files_omitted",
			    json_object_new_int64((int64_t)f.omitted));
	}
	s = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

static void
reload_done(int ok, uint64_t seq, const char *err, void *arg)
{
	(void)arg;
	if (ok)
		log_debug("reload recorded in the audit trail, seq %llu",
		    (unsigned long long)seq);
	else
		log_warnx("reload not recorded in the audit trail: %s", err);
}

void
audit_reload(struct proc_ctx *ctx, const struct proc_reload *rl)
{
	char	*body, actor[64];

	(void)ctx;
	if ((body = audit_reload_body(rl, actor, sizeof(actor))) == NULL) {
		log_warn("reload not recorded in the audit trail");
		return;
	}
	if (audit_event("config.reload", "", actor, body, AUDIT_ACK,
	    reload_done, NULL) == -1)
		log_warn("reload not recorded in the audit trail");
	free(body);
}
