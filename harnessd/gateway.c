/*
 * The gateway: the only process that parses client bytes.  It runs as
 * _harness in an empty chroot, may only use the sockets it was handed,
 * and speaks HTTP/1.1 with lib/http's parser: exact limits, a deadline
 * per request (slow clients get 408), keep-alive and pipelining.  It
 * authenticates each request (peer credentials on the Unix socket, API
 * keys anywhere), applies rate limits and quotas, answers health and
 * metrics itself and hands everything else to the engine.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>

#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auditc.h"
#include "conf.h"
#include "confine.h"
#include "gateway.h"
#include "gw_proto.h"
#include "harnessd.h"
#include "http.h"
#include "log.h"
#include "proc.h"
#include "proto.h"
#include "wire.h"

#define GW_MAX_CONNS		1024
#define GW_MAX_PER_UID		256
#define GW_MAX_LISTENERS	16

struct gw_listener {
	int		 fd;
	int		 is_unix;
	struct event	*ev;
};

struct gw_conn {
	TAILQ_ENTRY(gw_conn) entry;
	uint32_t	 id;
	struct bufferevent *bev;
	struct http_parser *hp;
	struct event	*deadline;
	int		 is_unix;
	uid_t		 uid;
	gid_t		 gid;
	pid_t		 pid;
	int		 busy;		/* the engine has the request */
	int		 closing;	/* close once output drained */
	int		 streaming;	/* SSE events are flowing */
	int		 started;	/* first byte of a request seen */
	int		 version;
	int		 keepalive;
	int		 route;
	struct timespec	 t0;
};

static struct gateway		 gw;
static TAILQ_HEAD(, gw_conn)	 conns = TAILQ_HEAD_INITIALIZER(conns);
static size_t			 nconns;
static uint32_t			 next_conn_id = 1;
static struct gw_listener	 listeners[GW_MAX_LISTENERS];
static size_t			 nlisteners;

static void	 conn_read(struct bufferevent *, void *);
static void	 conn_write(struct bufferevent *, void *);
static void	 conn_event(struct bufferevent *, short, void *);
static void	 conn_free(struct gw_conn *);
static void	 conn_process(struct gw_conn *);

const char *
gateway_chroot(const struct harness_conf *conf)
{
	return conf->harnessd.d.chroot;
}

static double
elapsed(const struct timespec *t0)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	    (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Queue a complete response; the request is over. */
static void
conn_respond(struct gw_conn *c, int status, const char *ctype,
    const void *body, size_t len, const struct http_header *hdrs,
    size_t nhdrs)
{
	struct http_buf		 b;
	struct http_response	 r;

	if (status >= 400 || !c->keepalive)
		c->closing = status == 400 || status == 408 ||
		    status == 413 || status == 431 || !c->keepalive ||
		    status == 414 || status == 505 || status == 501;
	memset(&r, 0, sizeof(r));
	r.status = status;
	r.version = c->version;
	r.conn = c->closing ? HTTP_CONN_CLOSE : HTTP_CONN_KEEPALIVE;
	r.content_type = ctype;
	r.content_length = (long long)len;
	r.date = time(NULL);
	r.headers = hdrs;
	r.nheaders = nhdrs;
	http_buf_init(&b, 0);
	if (http_response_write(&b, &r) == -1 ||
	    (len > 0 && http_buf_add(&b, body, len) == -1)) {
		log_warnx("%s: cannot build a response", __func__);
		c->closing = 1;
	} else
		bufferevent_write(c->bev, b.data, b.len);
	http_buf_free(&b);
	metrics_request(&gw, c->route, status, elapsed(&c->t0));
	c->busy = 0;
	c->started = 0;
	http_reset(c->hp);
	if (!c->closing)
		conn_process(c);	/* pipelined requests */
}

void
gw_error(struct gw_conn *c, int status, const char *code, const char *fmt,
    ...)
{
	struct http_buf	 b;
	char		 msg[512];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	http_buf_init(&b, 0);
	if (http_json_error(&b, code, msg) == -1 ||
	    http_buf_add(&b, "\n", 1) == -1) {
		http_buf_free(&b);
		c->closing = 1;
		bufferevent_disable(c->bev, EV_READ);
		return;
	}
	conn_respond(c, status, "application/json", b.data, b.len, NULL, 0);
	http_buf_free(&b);
}

/* 429 with Retry-After. */
static void
gw_throttle(struct gw_conn *c, long retry, const char *why)
{
	struct http_header	 h;
	struct http_buf		 b;
	char			 v[32];

	snprintf(v, sizeof(v), "%ld", retry < 1 ? 1 : retry);
	h.name = "Retry-After";
	h.value = v;
	http_buf_init(&b, 0);
	http_json_error(&b, "rate_limited", why);
	http_buf_add(&b, "\n", 1);
	conn_respond(c, 429, "application/json", b.data, b.len, &h, 1);
	http_buf_free(&b);
}

static void
gw_json(struct gw_conn *c, int status, const char *json)
{
	size_t	 len = strlen(json);
	char	*s;

	if ((s = malloc(len + 2)) == NULL) {
		gw_error(c, 500, "internal", "out of memory");
		return;
	}
	memcpy(s, json, len);
	s[len] = '\n';
	conn_respond(c, status, "application/json", s, len + 1, NULL, 0);
	free(s);
}

static void
route_health(struct gw_conn *c)
{
	char	 buf[256];

	snprintf(buf, sizeof(buf), "{\"status\":\"ok\",\"version\":\"%s\","
	    "\"uptime\":%lld}", HARNESS_VERSION,
	    (long long)(time(NULL) - gw.started));
	gw_json(c, 200, buf);
}

static void
route_metrics(struct gw_conn *c)
{
	struct http_buf	 b;

	http_buf_init(&b, 0);
	if (metrics_render(&gw, &b) == -1) {
		http_buf_free(&b);
		gw_error(c, 500, "internal", "cannot render metrics");
		return;
	}
	conn_respond(c, 200, "text/plain; version=0.0.4", b.data, b.len,
	    NULL, 0);
	http_buf_free(&b);
}

/* Hand the request to the engine; its reply finishes it. */
static void
forward_engine(struct gw_conn *c, const struct gw_ident *who)
{
	struct wbuf	 wb;
	const void	*body;
	size_t		 blen, i;
	const char	*q = http_query(c->hp);
	int		 fd = -1;

	body = http_body(c->hp, &blen);
	wire_init(&wb);
	wire_put_str(&wb, http_method_str(c->hp));
	wire_put_str(&wb, http_path(c->hp));
	wire_put_str(&wb, q != NULL ? q : "");
	wire_put_str(&wb, who->name);
	wire_put_u32(&wb, (uint32_t)who->ntools);
	for (i = 0; i < who->ntools; i++)
		wire_put_str(&wb, who->tools[i]);
	wire_put_u32(&wb, (uint32_t)blen);
	if (blen <= GW_INLINE_MAX)
		wire_put_bytes(&wb, body, blen);
	else {
		if ((fd = memfd_create("body", MFD_CLOEXEC)) == -1 ||
		    write(fd, body, blen) != (ssize_t)blen ||
		    lseek(fd, 0, SEEK_SET) == -1) {
			if (fd != -1)
				close(fd);
			gw_error(c, 500, "internal", "cannot pass the body");
			return;
		}
	}
	if (wire_ok(&wb) == -1) {
		if (fd != -1)
			close(fd);
		gw_error(c, 431, "too_large", "request head too large");
		return;
	}
	if (proc_compose_peer(gw.ctx, PROC_ENGINE, IMSG_GW_REQUEST, c->id, fd,
	    wb.buf, wb.len) == -1) {
		gw_error(c, 503, "unavailable", "engine unavailable");
		return;
	}
	c->busy = 1;
}

/* Refusals are recorded; the refusal itself does not wait for it. */
static void
audit_auth_fail(struct gw_conn *c, int status, const char *why)
{
	struct json_object	*o;
	char			 actor[64];

	o = json_object_new_object();
	json_object_object_add(o, "status", json_object_new_int(status));
	json_object_object_add(o, "reason", json_object_new_string(why));
	json_object_object_add(o, "method",
	    json_object_new_string(http_method_str(c->hp)));
	json_object_object_add(o, "path",
	    json_object_new_string(http_path(c->hp)));
	json_object_object_add(o, "transport",
	    json_object_new_string(c->is_unix ? "unix" : "tcp"));
	if (c->is_unix)
		snprintf(actor, sizeof(actor), "uid:%u", (unsigned)c->uid);
	else
		strlcpy(actor, "tcp", sizeof(actor));
	if (audit_event("gateway.auth.fail", "", actor,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), 0,
	    NULL, NULL) == -1)
		log_warnx("cannot audit an auth failure");
	json_object_put(o);
}

static void
handle_request(struct gw_conn *c)
{
	struct gw_ident	 who;
	const char	*path = http_path(c->hp);
	enum http_method m = http_method(c->hp);
	char		 why[256];
	long		 retry;
	int		 rc;

	c->version = http_version(c->hp);
	c->keepalive = http_keepalive(c->hp);
	c->route = metrics_route(path);

	if (strcmp(path, "/v1/health") == 0) {
		if (m != HTTP_METHOD_GET && m != HTTP_METHOD_HEAD) {
			gw_error(c, 405, "method_not_allowed",
			    "%s answers GET only", path);
			return;
		}
		route_health(c);
		return;
	}

	rc = auth_identify(&gw, c->is_unix, c->uid, c->gid,
	    http_header(c->hp, "Authorization"), &who, why, sizeof(why));
	if (rc != 0) {
		log_info("auth failure: %s (uid %u pid %d)", why,
		    (unsigned)c->uid, (int)c->pid);
		metrics_auth_fail(&gw);
		audit_auth_fail(c, rc, why);
		gw_error(c, rc, rc == 401 ? "unauthorized" : "forbidden",
		    "%s", why);
		return;
	}
	if (rate_check(&gw, &who, &retry, why, sizeof(why)) == -1) {
		metrics_rate_limited(&gw);
		gw_throttle(c, retry, why);
		return;
	}

	if (strcmp(path, "/metrics") == 0) {
		if (m != HTTP_METHOD_GET) {
			gw_error(c, 405, "method_not_allowed",
			    "%s answers GET only", path);
			return;
		}
		route_metrics(c);
		return;
	}
	if (strncmp(path, "/v1/", 4) == 0 || strcmp(path, "/mcp") == 0) {
		forward_engine(c, &who);
		return;
	}
	gw_error(c, 404, "not_found", "no route for %s %s",
	    http_method_str(c->hp), path);
}

static void
conn_deadline(evutil_socket_t fd, short ev, void *arg)
{
	struct gw_conn	*c = arg;

	if (c->busy || c->streaming)
		return;
	if (c->started) {
		log_info("client uid %u: request not complete in time",
		    (unsigned)c->uid);
		gw_error(c, 408, "timeout", "request not complete within %llu "
		    "ms", (unsigned long long)gw.ctx->conf->harnessd.
		    client_timeout_ms);
		c->closing = 1;
		bufferevent_disable(c->bev, EV_READ);
		if (evbuffer_get_length(bufferevent_get_output(c->bev)) == 0)
			conn_free(c);
	} else
		conn_free(c);	/* idle keep-alive connection */
}

static void
arm_deadline(struct gw_conn *c)
{
	struct timeval	 tv;
	uint64_t	 ms = gw.ctx->conf->harnessd.client_timeout_ms;

	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
	evtimer_add(c->deadline, &tv);
}

/* Parse what is buffered; handle each complete request in order. */
static void
conn_process(struct gw_conn *c)
{
	struct evbuffer	*in = bufferevent_get_input(c->bev);
	unsigned char	*data;
	size_t		 len, used;
	int		 rc;

	while (!c->busy && !c->closing && !c->streaming) {
		len = evbuffer_get_length(in);
		if (len == 0) {
			bufferevent_enable(c->bev, EV_READ);
			return;
		}
		if (!c->started) {
			c->started = 1;
			clock_gettime(CLOCK_MONOTONIC, &c->t0);
			c->route = METRICS_ROUTE_OTHER;
			arm_deadline(c);
		}
		data = evbuffer_pullup(in, (ev_ssize_t)len);
		rc = http_parse(c->hp, data, len, &used);
		evbuffer_drain(in, used);
		switch (rc) {
		case HTTP_ERROR:
			c->version = 11;
			c->keepalive = 0;
			gw_error(c, http_status(c->hp), http_error_code(
			    http_status(c->hp)), "%s", http_errstr(c->hp));
			c->closing = 1;
			bufferevent_disable(c->bev, EV_READ);
			return;
		case HTTP_HEAD:
			if (http_expect_continue(c->hp))
				bufferevent_write(c->bev,
				    "HTTP/1.1 100 Continue\r\n\r\n", 25);
			break;
		case HTTP_DONE:
			/* One request at a time: stop reading meanwhile. */
			bufferevent_disable(c->bev, EV_READ);
			handle_request(c);
			break;
		case HTTP_NEED_MORE:
		default:
			return;
		}
	}
	if (c->busy || c->streaming)
		bufferevent_disable(c->bev, EV_READ);
}

static void
conn_read(struct bufferevent *bev, void *arg)
{
	conn_process(arg);
}

static void
conn_write(struct bufferevent *bev, void *arg)
{
	struct gw_conn	*c = arg;

	if (c->closing && !c->busy && !c->streaming) {
		conn_free(c);
		return;
	}
	if (!c->busy && !c->started && !c->streaming)
		arm_deadline(c);	/* idle until the next request */
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	struct gw_conn	*c = arg;

	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		if (c->busy || c->streaming)
			proc_compose_peer(gw.ctx, PROC_ENGINE, IMSG_GW_CANCEL,
			    c->id, -1, NULL, 0);
		conn_free(c);
	}
}

static void
conn_free(struct gw_conn *c)
{
	TAILQ_REMOVE(&conns, c, entry);
	nconns--;
	if (c->deadline != NULL)
		event_free(c->deadline);
	bufferevent_free(c->bev);
	http_parser_free(c->hp);
	free(c);
}

static struct gw_conn *
conn_find(uint32_t id)
{
	struct gw_conn	*c;

	TAILQ_FOREACH(c, &conns, entry)
		if (c->id == id)
			return c;
	return NULL;
}

static void
gw_accept(evutil_socket_t lfd, short ev, void *arg)
{
	struct gw_listener	*l = arg;
	struct gw_conn		*c, *o;
	struct http_limits	 lim;
	struct ucred		 cred;
	socklen_t		 clen = sizeof(cred);
	size_t			 peruid = 0;
	int			 fd;

	if ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC))
	    == -1) {
		if (errno != EAGAIN && errno != EINTR &&
		    errno != ECONNABORTED)
			log_warn("%s: accept", __func__);
		return;
	}
	memset(&cred, 0, sizeof(cred));
	cred.uid = (uid_t)-1;
	cred.gid = (gid_t)-1;
	if (l->is_unix &&
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == -1) {
		log_warn("%s: SO_PEERCRED", __func__);
		close(fd);
		return;
	}
	TAILQ_FOREACH(o, &conns, entry)
		if (l->is_unix && o->is_unix && o->uid == cred.uid)
			peruid++;
	if (nconns >= GW_MAX_CONNS || peruid >= GW_MAX_PER_UID) {
		log_warnx("too many connections; refusing uid %u",
		    (unsigned)cred.uid);
		close(fd);
		return;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		close(fd);
		return;
	}
	http_limits_default(&lim);
	lim.max_body = (size_t)gw.ctx->conf->harnessd.max_body;
	lim.max_header_bytes = (size_t)gw.ctx->conf->harnessd.max_header;
	c->hp = http_parser_new(&lim);
	c->bev = bufferevent_socket_new(gw.ctx->base, fd,
	    BEV_OPT_CLOSE_ON_FREE);
	c->deadline = evtimer_new(gw.ctx->base, conn_deadline, c);
	if (c->hp == NULL || c->bev == NULL || c->deadline == NULL) {
		if (c->bev != NULL)
			bufferevent_free(c->bev);
		else
			close(fd);
		if (c->deadline != NULL)
			event_free(c->deadline);
		http_parser_free(c->hp);
		free(c);
		return;
	}
	c->id = next_conn_id++;
	if (next_conn_id == 0)
		next_conn_id = 1;
	c->is_unix = l->is_unix;
	c->uid = cred.uid;
	c->gid = cred.gid;
	c->pid = cred.pid;
	c->version = 11;
	c->keepalive = 1;
	bufferevent_setcb(c->bev, conn_read, conn_write, conn_event, c);
	/* Never buffer more than a request may be. */
	bufferevent_setwatermark(c->bev, EV_READ, 0,
	    (size_t)(gw.ctx->conf->harnessd.max_body +
	    gw.ctx->conf->harnessd.max_header + 4096));
	bufferevent_enable(c->bev, EV_READ);
	TAILQ_INSERT_TAIL(&conns, c, entry);
	nconns++;
	arm_deadline(c);
}

void
gateway_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t kind, int fd)
{
	struct gw_listener	*l;
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);

	if (audit_on_fd(ctx, type, kind, fd))
		return;
	if (type != IMSG_PROC_LISTEN || kind != LISTEN_KIND_AGENT ||
	    nlisteners >= GW_MAX_LISTENERS) {
		log_warnx("%s: unexpected fd (%u/%u)", __func__, type, kind);
		close(fd);
		return;
	}
	l = &listeners[nlisteners++];
	l->fd = fd;
	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
		fatal("%s: getsockname", __func__);
	l->is_unix = ss.ss_family == AF_UNIX;
	if (evutil_make_socket_nonblocking(fd) == -1)
		fatal("%s: nonblocking", __func__);
	l->ev = event_new(ctx->base, fd, EV_READ | EV_PERSIST, gw_accept, l);
	if (l->ev == NULL || event_add(l->ev, NULL) == -1)
		fatalx("%s: cannot accept on the agent socket", __func__);
}

/* The engine's answers. */
void
gateway_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	struct gw_conn	*c;
	struct rbuf	 rb;
	uint32_t	 status, blen;
	char		 ctype[128], event[64];
	const void	*data;
	size_t		 dlen;
	char		*body = NULL;
	struct http_buf	 b;

	c = conn_find(imsg->hdr.peerid);
	switch (imsg->hdr.type) {
	case IMSG_GW_REPLY:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &status) == -1 ||
		    wire_get_strbuf(&rb, ctype, sizeof(ctype)) == -1 ||
		    wire_get_u32(&rb, &blen) == -1 || status < 100 ||
		    status > 599)
			fatalx("%s: bad reply from the engine", __func__);
		if (imsg->fd == -1) {
			if (wire_left(&rb) != blen)
				fatalx("%s: bad reply body", __func__);
			data = (const unsigned char *)imsg->data +
			    (imsg_datalen(imsg) - blen);
		} else {
			if (blen > 64 * 1024 * 1024 ||
			    (body = malloc(blen ? blen : 1)) == NULL ||
			    pread(imsg->fd, body, blen, 0) != (ssize_t)blen) {
				free(body);
				if (c != NULL)
					gw_error(c, 502, "bad_gateway",
					    "cannot read the engine's reply");
				return;
			}
			data = body;
		}
		if (c == NULL) {
			free(body);
			return;		/* the client left */
		}
		if (c->streaming) {
			/* The end of a stream: a final event. */
			http_buf_init(&b, 0);
			http_sse_event(&b, "result", NULL, data, blen);
			http_chunk(&b, NULL, 0);
			bufferevent_write(c->bev, b.data, b.len);
			http_buf_free(&b);
		} else
			conn_respond(c, (int)status, ctype[0] ? ctype : NULL,
			    data, blen, NULL, 0);
		free(body);
		break;
	case IMSG_GW_EVENT:
		if (c == NULL)
			return;
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_strbuf(&rb, event, sizeof(event)) == -1 ||
		    wire_get_blob(&rb, &data, &dlen, IMSG_MAX_PAYLOAD) == -1 ||
		    wire_end(&rb) == -1)
			fatalx("%s: bad event from the engine", __func__);
		http_buf_init(&b, 0);
		if (!c->streaming) {
			struct http_response r;

			memset(&r, 0, sizeof(r));
			r.status = 200;
			r.version = c->version;
			r.conn = HTTP_CONN_KEEPALIVE;
			r.content_type = "text/event-stream";
			r.content_length = HTTP_LENGTH_CHUNKED;
			r.date = time(NULL);
			http_response_write(&b, &r);
			c->streaming = 1;
		}
		{
			struct http_buf ev;

			http_buf_init(&ev, 0);
			http_sse_event(&ev, event, NULL, data, dlen);
			http_chunk(&b, ev.data, ev.len);
			http_buf_free(&ev);
		}
		bufferevent_write(c->bev, b.data, b.len);
		http_buf_free(&b);
		break;
	case IMSG_GW_END:
		if (c == NULL)
			return;
		if (c->streaming) {
			http_buf_init(&b, 0);
			http_chunk_end(&b);
			bufferevent_write(c->bev, b.data, b.len);
			http_buf_free(&b);
			c->streaming = 0;
			metrics_request(&gw, c->route, 200, elapsed(&c->t0));
			c->busy = 0;
			c->started = 0;
			http_reset(c->hp);
			conn_process(c);
		}
		break;
	default:
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		break;
	}
}

void
gateway_run(struct proc_ctx *ctx)
{
	static const int syscalls[] = {
		SYS_accept, SYS_getsockname, SYS_getpeername,
		SYS_memfd_create, SYS_ftruncate,
	};
	struct proc_confine_spec spec;

	memset(&gw, 0, sizeof(gw));
	gw.ctx = ctx;
	gw.started = time(NULL);
	if (sodium_init() == -1)
		fatalx("sodium_init failed");
	/* Names to ids needs /etc/passwd: before the chroot. */
	if (auth_init(&gw, ctx->conf) == -1)
		fatalx("cannot resolve the allowed users and groups");
	metrics_init(&gw);
	if (audit_init(ctx) == -1)
		fatalx("cannot set up auditing");

	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
