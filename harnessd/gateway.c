/*
 * The gateway: the only process that parses client bytes.  It runs as
 * _harness in an empty chroot, may only use the sockets it was handed,
 * and speaks HTTP/1.1 with lib/http's parser: exact limits, a deadline
 * per request (slow clients get 408), keep-alive and pipelining.  It
 * authenticates each request (peer credentials on the Unix socket, API
 * keys or JWTs anywhere), applies rate limits and quotas, answers health
 * and metrics itself and hands everything else to the engine.
 *
 * GET /v1/ws upgrades to a WebSocket (lib/ws) carrying the same
 * requests as JSON text messages, one at a time per connection; the
 * engine's replies and stream events come back as JSON text messages
 * (see harnessd(8) for the protocol).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
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
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "auditc.h"
#include "auditlog.h"
#include "conf.h"
#include "confine.h"
#include "gateway.h"
#include "gw_proto.h"
#include "harnessd.h"
#include "http.h"
#include "log.h"
#include "proc.h"
#include "proto.h"
#include "utf8.h"
#include "wire.h"
#include "ws.h"

#define GW_MAX_CONNS		1024
#define GW_MAX_PER_UID		256	/* Unix peers, per uid */
/*
 * TCP peers are anybody who can reach the port: together they never
 * take the last GW_UNIX_RESERVED slots, so that a flood of (slow,
 * unauthenticated) TCP connections cannot lock local agents out, and
 * one address holds at most GW_MAX_PER_ADDR.
 */
#define GW_UNIX_RESERVED	256
#define GW_MAX_PER_ADDR		256
#define GW_MAX_LISTENERS	16
#define GW_ACCEPT_BURST		64	/* connections taken per wakeup */
/*
 * A connection is not read (no further pipelined request or WebSocket
 * message is parsed) while more than this many bytes of its answers
 * wait unsent; it is read again once they are written.
 */
#define GW_MAX_UNSENT		(256 * 1024)
#define WS_IDLE_FACTOR		10	/* idle WebSocket: timeouts */
#define WS_MAX_BACKLOG		(32 * 1024 * 1024) /* unread output */
#define WS_ID_MAX		256	/* bytes of a request id */
#define WS_PATH_MAX		1024
#define WS_REPLY_DEPTH		128	/* levels in a reply sent as it is */
#define GW_JSON_DEPTH		64	/* levels of nesting in a body */

struct gw_listener {
	int		 fd;
	int		 is_unix;
	struct event	*ev;
	struct event	*pause;		/* out of descriptors: retry later */
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
	int		 group_ok;	/* in an allowed group */
	pid_t		 pid;
	struct sockaddr_storage peer;	/* TCP: the client's address */
	int		 busy;		/* the engine has the request */
	int		 closing;	/* close once output drained */
	int		 streaming;	/* SSE events are flowing */
	int		 chunked;	/* ...as chunks (else until close) */
	int		 started;	/* first byte of a request seen */
	int		 eof;		/* the client half-closed */
	int		 iscall;	/* the engine has a call */
	int		 version;
	int		 keepalive;
	int		 route;
	int		 waitkey;	/* waits for the JWT key */
	int		 paused;	/* not read: its answers wait unread */
	int		 inproc;	/* conn_process() is on the stack */
	char		*path;		/* decoded, when escapes had to be */
	struct timespec	 t0;
	/* WebSocket, after the upgrade */
	int		 ws;
	int		 ws_partial;	/* a message has begun */
	struct ws_parser *wsp;
	struct gw_ident	 who;		/* authenticated at the upgrade */
	struct json_object *ws_id;	/* id of the request in flight */
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
static void	 conn_close_soon(struct gw_conn *);
static int	 conn_pause(struct gw_conn *);
static void	 addr_str(const struct sockaddr_storage *, char *, size_t);
static void	 sse_send(struct gw_conn *, const char *, const void *, size_t);
static void	 sse_end(struct gw_conn *);

const char *
gateway_chroot(const struct harness_conf *conf)
{
	return conf->harnessd.d.chroot;
}

/* SIGHUP: ctx->conf is still the old configuration. */
int
gateway_reload(struct proc_ctx *ctx, struct harness_conf *nconf, char *note,
    size_t notesz)
{
	(void)note;
	(void)notesz;
	auth_reload(ctx->conf, nconf);
	return 0;
}

static double
elapsed(const struct timespec *t0)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	    (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The peer, as refusals are counted: "uid N" or "address A". */
static void
conn_peer(const struct gw_conn *c, char *buf, size_t len)
{
	if (c->is_unix)
		snprintf(buf, len, "uid %u", (unsigned)c->uid);
	else
		addr_str(&c->peer, buf, len);
}

/* The client, for a log line: "uid N pid P" or "address A". */
static void
conn_who(const struct gw_conn *c, char *buf, size_t len)
{
	if (c->is_unix)
		snprintf(buf, len, "uid %u pid %d", (unsigned)c->uid,
		    (int)c->pid);
	else
		addr_str(&c->peer, buf, len);
}

/*
 * A path with percent-escapes, decoded segment by segment into dst
 * (at least strlen(src) + 1 bytes): /v1/tools/my%2Dtool is the route
 * of my-tool.  An escaped '/' or NUL, a "." or ".." segment, a control
 * character or bytes that are not UTF-8 are refused: what a route or
 * a name cannot hold is not guessed at.
 */
static int
path_decode(const char *src, char *dst, size_t dstsz, char *why,
    size_t whysz)
{
	const char	*cur = src;
	size_t		 o = 0, i, n;
	int		 rc;

	if (dstsz < 2 || src[0] != '/') {
		snprintf(why, whysz, "a path starts with /");
		return -1;
	}
	while ((rc = http_path_segment(&cur, dst + o + 1, dstsz - o - 1)) ==
	    1) {
		dst[o] = '/';
		n = strlen(dst + o + 1);
		for (i = 0; i < n; i++)
			if ((unsigned char)dst[o + 1 + i] < 0x20 ||
			    dst[o + 1 + i] == 0x7f) {
				snprintf(why, whysz, "an escape in the path "
				    "decodes to a control character");
				return -1;
			}
		o += 1 + n;
	}
	if (rc == -1) {
		snprintf(why, whysz, "bad escape in the path: %s",
		    errno == ENAMETOOLONG ? "too long" : "an escaped / or "
		    "NUL, or a . or .. segment");
		return -1;
	}
	dst[o] = '\0';
	if (!utf8_valid(dst, strlen(dst))) {
		snprintf(why, whysz, "the path's escapes decode to bytes that "
		    "are not UTF-8");
		return -1;
	}
	return 0;
}

/*
 * An error sent before handle_request() (411, 413, 408, ...): count it
 * under the route of the request line when the parser got that far.
 * A path whose escapes do not decode stays "other", as in
 * handle_request().
 */
static void
conn_route_early(struct gw_conn *c)
{
	const char	*path;
	char		*dec, why[256];
	size_t		 n;

	if ((path = http_request_path(c->hp)) == NULL)
		return;
	if (strchr(path, '%') == NULL) {
		c->route = metrics_route(path);
		return;
	}
	n = strlen(path) + 1;
	if ((dec = malloc(n)) == NULL)
		return;
	if (path_decode(path, dec, n, why, sizeof(why)) == 0)
		c->route = metrics_route(dec);
	free(dec);
}

/* The request's path, its escapes decoded. */
static const char *
conn_path(struct gw_conn *c)
{
	return c->path != NULL ? c->path : http_path(c->hp);
}

/*
 * The methods a route answers, for the Allow header a 405 must carry
 * (RFC 9110): the gateway's own routes and the engine's.
 */
static const char *
route_allow(const char *path)
{
	const char	*p;
	size_t		 n;

	if (strcmp(path, "/v1/health") == 0)
		return "GET, HEAD";
	if (strcmp(path, "/metrics") == 0)
		return "GET, HEAD";
	/* A handshake is a GET; HEAD would upgrade nothing. */
	if (strcmp(path, "/v1/ws") == 0)
		return "GET";
	if (strcmp(path, "/v1/tools") == 0)
		return "GET, HEAD, POST";
	if (strcmp(path, "/v1/exec") == 0)
		return "POST";
	if (strncmp(path, "/v1/tools/", 10) == 0) {
		p = path + 10;
		n = strcspn(p, "/");
		if (n == 0)
			return NULL;
		if (p[n] == '\0')
			return "GET, HEAD, DELETE";
		if (strcmp(p + n, "/call") == 0)
			return "POST";
	}
	return NULL;
}

/*
 * What the engine cannot take is answered here as it would answer it:
 * a tool name longer than any tool's (CONF_NAME_MAX - 1 bytes) is no
 * tool, 404 no_such_tool (405 for a method its route does not answer),
 * and a path or query longer than the engine's request holds is 414.
 * 0, or the status with its code and why.
 */
static int
engine_refuses(const char *method, const char *path, const char *query,
    const char **code, char *why, size_t whylen)
{
	const char	*p;
	size_t		 n;

	if (strncmp(path, "/v1/tools/", 10) == 0) {
		p = path + 10;
		n = strcspn(p, "/");
		if (n >= CONF_NAME_MAX && (p[n] == '\0' ||
		    strcmp(p + n, "/call") == 0)) {
			if (p[n] == '\0' ? strcmp(method, "GET") != 0 &&
			    strcmp(method, "HEAD") != 0 &&
			    strcmp(method, "DELETE") != 0 :
			    strcmp(method, "POST") != 0) {
				*code = "method_not_allowed";
				snprintf(why, whylen, "%s /v1/tools/%.32s...%s: "
				    "use %s", method, p, p + n, p[n] == '\0' ?
				    "GET or DELETE" : "POST");
				return 405;
			}
			*code = "no_such_tool";
			snprintf(why, whylen, "no tool \"%.32s...\": a tool "
			    "name is at most %d bytes, this one is %zu", p,
			    CONF_NAME_MAX - 1, n);
			return 404;
		}
	}
	*code = "uri_too_long";
	if ((n = strlen(path)) > GW_PATH_MAX) {
		snprintf(why, whylen, "request target too long: the path is "
		    "%zu bytes, the most is %d", n, GW_PATH_MAX);
		return 414;
	}
	if (query != NULL && (n = strlen(query)) > GW_QUERY_MAX) {
		snprintf(why, whylen, "request target too long: the query is "
		    "%zu bytes, the most is %d", n, GW_QUERY_MAX);
		return 414;
	}
	return 0;
}

/*
 * A call (POST /v1/tools/NAME/call, /v1/exec): what a client that
 * goes away takes with it.
 */
static int
is_call(enum http_method m, const char *path)
{
	const char	*p;
	size_t		 n;

	if (m != HTTP_METHOD_POST)
		return 0;
	if (strcmp(path, "/v1/exec") == 0)
		return 1;
	if (strncmp(path, "/v1/tools/", 10) != 0)
		return 0;
	p = path + 10;
	n = strcspn(p, "/");
	return n > 0 && strcmp(p + n, "/call") == 0;
}

/*
 * An engine reply that came in a memfd, mapped: its pages go to the
 * client's socket without a copy (evbuffer_add_reference()) and are
 * unmapped once written.  So the gateway sends an answer of any size
 * the engine gives it, holding no copy of it.
 */
static void
map_written(const void *data, size_t len, void *arg)
{
	gw_map_free(arg);
}

/*
 * Queue len bytes of data: by reference when they lie in m, else a
 * copy.  Takes m.
 */
static void
conn_add(struct gw_conn *c, const void *data, size_t len, struct gw_map *m)
{
	struct evbuffer	*out = bufferevent_get_output(c->bev);

	if (m != NULL && len > 0 &&
	    evbuffer_add_reference(out, data, len, map_written, m) == 0)
		return;
	if (len > 0 && evbuffer_add(out, data, len) == -1) {
		log_warnx("%s: cannot queue %zu bytes", __func__, len);
		c->closing = 1;
	}
	gw_map_free(m);
}

/*
 * Queue a complete response; the request is over.  The body is sent
 * from m when given (which this takes), else copied.
 */
static void
conn_respond_map(struct gw_conn *c, int status, const char *ctype,
    const void *body, size_t len, const struct http_header *hdrs,
    size_t nhdrs, struct gw_map *m)
{
	struct http_buf		 b;
	struct http_response	 r;
	struct http_header	 allow;

	/* After a half-close, the last request buffered gets the last word. */
	if (c->eof && evbuffer_get_length(bufferevent_get_input(c->bev)) == 0)
		c->keepalive = 0;
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
	if (status == 405 && nhdrs == 0 &&
	    (allow.value = route_allow(conn_path(c))) != NULL) {
		allow.name = "Allow";
		r.headers = &allow;
		r.nheaders = 1;
	}
	http_buf_init(&b, 0);
	if (http_response_write(&b, &r) == -1) {
		log_warnx("%s: cannot build a response", __func__);
		c->closing = 1;
		gw_map_free(m);
	} else {
		bufferevent_write(c->bev, b.data, b.len);
		/* HEAD: the headers GET would have, Content-Length too. */
		if (http_method(c->hp) != HTTP_METHOD_HEAD)
			conn_add(c, body, len, m);
		else
			gw_map_free(m);
	}
	http_buf_free(&b);
	metrics_request(&gw, c->route, status, elapsed(&c->t0));
	c->busy = 0;
	c->started = 0;
	free(c->path);
	c->path = NULL;
	http_reset(c->hp);
	if (!c->closing)
		conn_process(c);	/* pipelined requests */
}

static void
conn_respond(struct gw_conn *c, int status, const char *ctype,
    const void *body, size_t len, const struct http_header *hdrs,
    size_t nhdrs)
{
	conn_respond_map(c, status, ctype, body, len, hdrs, nhdrs, NULL);
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

/* 401 with the challenge RFC 9110 11.6.1 asks for: bearer tokens. */
static void
gw_unauthorized(struct gw_conn *c, const char *why)
{
	struct http_header	 h;
	struct http_buf		 b;

	h.name = "WWW-Authenticate";
	h.value = "Bearer realm=\"harness\"";
	http_buf_init(&b, 0);
	if (http_json_error(&b, "unauthorized", why) == -1 ||
	    http_buf_add(&b, "\n", 1) == -1) {
		http_buf_free(&b);
		gw_error(c, 500, "internal", "out of memory");
		return;
	}
	conn_respond(c, 401, "application/json", b.data, b.len, &h, 1);
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

long
gw_engine_silent(const struct gateway *g)
{
	struct timespec	 now;

	if (!g->ping_out)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - g->ping_sent.tv_sec);
}

/*
 * Every second: ask the engine whether it answers, unless the last
 * question is still open; say once when it stops answering.
 */
static long
engine_check(void)
{
	long	 silent = gw_engine_silent(&gw);

	if (silent >= GW_ENGINE_SILENT_SECS && !gw.engine_stalled) {
		log_warnx("the engine has not answered for %ld s: /v1/health "
		    "says unavailable", silent);
		gw.engine_stalled = 1;
	}
	return silent;
}

static void
engine_ping(evutil_socket_t fd, short ev, void *arg)
{
	if (gw.stoptimer != NULL)
		return;		/* shutting down: the engine goes too */
	if (gw.ping_out) {
		engine_check();
		return;
	}
	gw.ping_seq++;
	gw.ping_out = 1;
	clock_gettime(CLOCK_MONOTONIC, &gw.ping_sent);
	/* Not sent (no engine): it stays open, and ages as unanswered. */
	if (proc_compose_peer(gw.ctx, PROC_ENGINE, IMSG_GW_PING, 0, -1,
	    &gw.ping_seq, sizeof(gw.ping_seq)) == -1)
		log_warn("%s: compose", __func__);
}

static void
engine_pong(const struct imsg *imsg)
{
	uint32_t	 seq;
	long		 silent;

	if (imsg_datalen(imsg) != sizeof(seq)) {
		log_warnx("%s: bad pong from the engine", __func__);
		return;
	}
	memcpy(&seq, imsg->data, sizeof(seq));
	if (!gw.ping_out || seq != gw.ping_seq) {
		log_warnx("%s: pong %u from the engine, not asked", __func__,
		    seq);
		return;
	}
	silent = gw_engine_silent(&gw);
	gw.ping_out = 0;
	if (gw.engine_stalled) {
		log_info("the engine answers again, after %ld s", silent);
		gw.engine_stalled = 0;
	}
}

/*
 * The gateway itself answers; the engine's routes work only if it
 * answers too, so an engine silent for GW_ENGINE_SILENT_SECS or more
 * makes this 503 with the reason.
 */
static void
route_health(struct gw_conn *c)
{
	char	 buf[384];
	long	 silent = engine_check();

	if (silent >= GW_ENGINE_SILENT_SECS) {
		snprintf(buf, sizeof(buf), "{\"status\":\"unavailable\","
		    "\"version\":\"%s\",\"uptime\":%lld,\"engine\":"
		    "\"not answering\",\"reason\":\"the engine has not "
		    "answered for %ld s\"}", HARNESS_VERSION,
		    (long long)(time(NULL) - gw.started), silent);
		gw_json(c, 503, buf);
		return;
	}
	snprintf(buf, sizeof(buf), "{\"status\":\"ok\",\"version\":\"%s\","
	    "\"uptime\":%lld,\"engine\":\"ok\"}", HARNESS_VERSION,
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

/*
 * Hand a request to the engine; its reply finishes it.  0, or an HTTP
 * status and why.
 */
static int
engine_send(struct gw_conn *c, const struct gw_ident *who,
    const char *method, const char *path, const char *q, const void *body,
    size_t blen, const char **why)
{
	struct wbuf	 wb;
	size_t		 i;
	int		 fd = -1;

	wire_init(&wb);
	wire_put_str(&wb, method);
	wire_put_str(&wb, path);
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
			*why = "cannot pass the body";
			return 500;
		}
	}
	if (wire_ok(&wb) == -1) {
		if (fd != -1)
			close(fd);
		*why = "request head too large";
		return 431;
	}
	if (proc_compose_peer(gw.ctx, PROC_ENGINE, IMSG_GW_REQUEST, c->id, fd,
	    wb.buf, wb.len) == -1) {
		*why = "engine unavailable";
		return 503;
	}
	c->busy = 1;
	return 0;
}

/*
 * A client's JSON object as a json-c tree, or NULL with why.  json-c
 * alone, even in its strict mode, takes NaN and Infinity, "1." and
 * "-01", raw control characters in strings, clamps integers, cuts a key
 * at \u0000 and keeps the last of repeated keys, so lib/auditlog's
 * scanner reads the text first: what json-c builds from what passes is
 * exactly what the client wrote.
 */
static struct json_object *
gw_parse_json(const void *text, size_t len, char *why, size_t whylen)
{
	struct json_tokener	*tok;
	struct json_object	*o;
	size_t			 members;

	if (len > INT_MAX) {
		snprintf(why, whylen, "too large");
		return NULL;
	}
	if (auditlog_json_check(text, len, GW_JSON_DEPTH, &members, why,
	    whylen) == -1)
		return NULL;
	if ((tok = json_tokener_new_ex(GW_JSON_DEPTH)) == NULL) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, text, (int)len);
	/* A bare number at the end might go on: say it does not. */
	if (o == NULL && json_tokener_get_error(tok) == json_tokener_continue)
		o = json_tokener_parse_ex(tok, " ", 1);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		snprintf(why, whylen, "%s", json_tokener_error_desc(
		    json_tokener_get_error(tok)));
		json_object_put(o);
		o = NULL;
	} else if (!json_object_is_type(o, json_type_object)) {
		snprintf(why, whylen, "a JSON %s, not an object",
		    json_type_to_name(json_object_get_type(o)));
		json_object_put(o);
		o = NULL;
	} else if (auditlog_json_members(o) != members) {
		size_t	at;

		if (auditlog_json_dupkey(text, len, &at))
			snprintf(why, whylen, "a key is repeated in an object "
			    "at byte %zu", at);
		else
			snprintf(why, whylen, "a key is repeated in an object");
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

/*
 * The gateway is the only process that parses client bytes: a body is
 * parsed here (strictly, bounded depth, one complete value) and what
 * the engine gets is json-c's own serialisation of it, never the
 * client's text.
 */
static void
forward_engine(struct gw_conn *c, const struct gw_ident *who)
{
	struct json_object	*o;
	const void		*body;
	const char		*why, *code, *s = "";
	char			 jwhy[128], rwhy[256];
	size_t			 blen;
	int			 rc;

	if ((rc = engine_refuses(http_method_str(c->hp), conn_path(c),
	    http_query(c->hp), &code, rwhy, sizeof(rwhy))) != 0) {
		gw_error(c, rc, code, "%s", rwhy);
		return;
	}
	c->iscall = is_call(http_method(c->hp), conn_path(c));
	if (c->iscall && c->eof) {
		gw_error(c, 499, "cancelled", "cancelled: the client "
		    "half-closed its connection before the call began");
		return;
	}
	body = http_body(c->hp, &blen);
	o = NULL;
	if (blen > 0) {
		if ((o = gw_parse_json(body, blen, jwhy, sizeof(jwhy))) ==
		    NULL) {
			gw_error(c, 400, "bad_json", "the body is not one JSON "
			    "object: %s", jwhy);
			return;
		}
		s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
		    JSON_C_TO_STRING_NOSLASHESCAPE);
	}
	/* HEAD is GET without the body: conn_respond() drops it. */
	rc = engine_send(c, who, http_method(c->hp) == HTTP_METHOD_HEAD ?
	    "GET" : http_method_str(c->hp), conn_path(c),
	    http_query(c->hp), s, strlen(s), &why);
	json_object_put(o);
	if (rc != 0)
		gw_error(c, rc, http_error_code(rc), "%s", why);
}

/* ---- WebSocket ---- */

/* The engine cancels the call of request id, and is told why. */
static void
engine_cancel(uint32_t id)
{
	uint32_t	 why = gw.stopping ? GW_CANCEL_STOPPING : GW_CANCEL_GONE;

	proc_compose_peer(gw.ctx, PROC_ENGINE, IMSG_GW_CANCEL, id, -1, &why,
	    sizeof(why));
}

/* The connection goes: the call under way on it (if any) with it. */
static void
ws_drop(struct gw_conn *c)
{
	if (c->busy)
		engine_cancel(c->id);
	c->busy = 0;
	c->streaming = 0;
	conn_close_soon(c);
}

/*
 * May a frame be queued?  Not once the connection closes, nor when
 * more than WS_MAX_BACKLOG of what was sent before waits unread: a
 * client that does not read is dropped, its request cancelled.
 */
static int
ws_can_send(struct gw_conn *c)
{
	struct evbuffer	*out = bufferevent_get_output(c->bev);
	char		 who[96];

	if (c->closing)
		return 0;
	if (evbuffer_get_length(out) <= WS_MAX_BACKLOG)
		return 1;
	conn_who(c, who, sizeof(who));
	log_info("client %s: WebSocket output not read; closing", who);
	ws_drop(c);
	return 0;
}

/* Queue one server frame. */
static void
ws_send(struct gw_conn *c, struct http_buf *b)
{
	if (!b->err && ws_can_send(c))
		bufferevent_write(c->bev, b->data, b->len);
}

/* Send a close frame and end the connection once it is written. */
static void
ws_fail(struct gw_conn *c, int code, const char *reason)
{
	struct http_buf	 b;

	if (c->closing)
		return;
	http_buf_init(&b, 0);
	if (ws_close(&b, code, reason) == 0)
		ws_send(c, &b);
	http_buf_free(&b);
	ws_drop(c);
}

/* A JSON object as one text frame; -1 if it cannot be one. */
static int
ws_send_json(struct gw_conn *c, struct json_object *o)
{
	struct http_buf	 b;
	const char	*s;
	size_t		 len;
	int		 rc = 0;

	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	len = strlen(s);
	http_buf_init(&b, 0);
	if (ws_text(&b, s, len) == -1) {
		log_warnx("%s: cannot encode a frame of %zu bytes", __func__,
		    len);
		rc = -1;
	} else
		ws_send(c, &b);
	http_buf_free(&b);
	return rc;
}

/* {"id": ID, "error": {"code": CODE, "message": MSG}} */
static void
ws_error(struct gw_conn *c, struct json_object *id, const char *code,
    const char *fmt, ...)
    __attribute__((__format__ (printf, 4, 5)));
static void
ws_error(struct gw_conn *c, struct json_object *id, const char *code,
    const char *fmt, ...)
{
	struct json_object	*o, *e;
	char			 msg[512];
	va_list			 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o = json_object_new_object();
	e = json_object_new_object();
	if (o == NULL || e == NULL) {
		json_object_put(o);
		json_object_put(e);
		return;
	}
	json_object_object_add(o, "id", json_object_get(id));
	json_object_object_add(e, "code", json_object_new_string(code));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(o, "error", e);
	ws_send_json(c, o);
	json_object_put(o);
}

/*
 * The engine's bytes as a JSON value: parsed when they are JSON, a
 * string when they are not (invalid UTF-8 becomes '?').
 */
static struct json_object *
ws_data(const void *data, size_t len)
{
	struct json_tokener	*tok;
	struct json_object	*o = NULL;
	char			*s;
	size_t			 i;

	if (len > 0 && len < INT32_MAX &&
	    (tok = json_tokener_new_ex(64)) != NULL) {
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
		    JSON_TOKENER_ALLOW_TRAILING_CHARS);
		o = json_tokener_parse_ex(tok, data, (int)len);
		if (o != NULL && json_tokener_get_error(tok) ==
		    json_tokener_success) {
			/* Trailing white space (a newline) only. */
			for (i = json_tokener_get_parse_end(tok); i < len; i++)
				if (strchr(" \t\r\n",
				    ((const char *)data)[i]) == NULL)
					break;
			if (i < len) {
				json_object_put(o);
				o = NULL;
			}
		} else {
			json_object_put(o);
			o = NULL;
		}
		json_tokener_free(tok);
		if (o != NULL)
			return o;
	}
	if (utf8_valid(data, len))
		return json_object_new_string_len(data, (int)len);
	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++)
		s[i] = ((const unsigned char *)data)[i] < 0x80 ?
		    ((const char *)data)[i] : '?';
	o = json_object_new_string_len(s, (int)len);
	free(s);
	return o;
}

/*
 * A frame for the request in flight: {"id", "event", ...}; -1 if it
 * cannot be one.
 */
static int
ws_event(struct gw_conn *c, const char *event, int status,
    const void *data, size_t len, int has_data)
{
	struct json_object	*o;
	int			 rc;

	if ((o = json_object_new_object()) == NULL)
		return -1;
	json_object_object_add(o, "id", json_object_get(c->ws_id));
	json_object_object_add(o, "event", json_object_new_string(event));
	if (status != 0)
		json_object_object_add(o, "status",
		    json_object_new_int(status));
	if (has_data)
		json_object_object_add(o, "data", ws_data(data, len));
	rc = ws_send_json(c, o);
	json_object_put(o);
	return rc;
}

/*
 * The engine's reply: {"id": X, "event": "reply", "status": N, "data":
 * BODY}.  A body that is one JSON value, as the engine writes them,
 * goes into the frame as it is, from m when given (which this takes),
 * so that a reply of any size costs no copy and no tree.  Anything else
 * becomes a string (ws_data()), and one too large for that is refused.
 */
static void
ws_reply(struct gw_conn *c, int status, const void *data, size_t len,
    struct gw_map *m)
{
	struct http_buf	 b;
	const char	*id = "null", *s = data;
	char		 head[WS_ID_MAX + 96], why[128];
	size_t		 n = len;
	int		 hlen;

	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	if (n == 0 || auditlog_json_check(s, n, WS_REPLY_DEPTH, NULL, why,
	    sizeof(why)) == -1) {
		gw_map_free(m);
		if (ws_event(c, "reply", status, data, len, 1) == -1)
			ws_error(c, c->ws_id, "too_large", "response too large: "
			    "%zu bytes that are not JSON, the most is %d",
			    len, HTTP_BUF_MAX / 6);
		return;
	}
	if (c->ws_id != NULL)
		id = json_object_to_json_string_ext(c->ws_id,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	hlen = snprintf(head, sizeof(head), "{\"id\":%s,\"event\":\"reply\","
	    "\"status\":%d,\"data\":", id, status);
	http_buf_init(&b, 0);
	if (hlen < 0 || (size_t)hlen >= sizeof(head) ||
	    ws_frame_head(&b, WS_OP_TEXT, 1, (size_t)hlen + n + 1) == -1 ||
	    http_buf_add(&b, head, (size_t)hlen) == -1) {
		http_buf_free(&b);
		gw_map_free(m);
		ws_error(c, c->ws_id, "internal", "cannot build the reply");
		return;
	}
	if (ws_can_send(c)) {
		bufferevent_write(c->bev, b.data, b.len);
		conn_add(c, data, n, m);
		bufferevent_write(c->bev, "}", 1);
	} else
		gw_map_free(m);
	http_buf_free(&b);
}

/* The request in flight is over: {"id": X, "event": "end"}. */
static void
ws_request_end(struct gw_conn *c)
{
	ws_event(c, "end", 0, NULL, 0, 0);
	json_object_put(c->ws_id);
	c->ws_id = NULL;
	c->busy = 0;
	c->streaming = 0;
	if (!c->closing)
		conn_process(c);	/* messages that waited; timers */
}

/*
 * A request answered here as the engine would have: the reply, its
 * body the error, then the end.
 */
static void
ws_local_reply(struct gw_conn *c, struct json_object *id, int status,
    const char *code, const char *msg)
{
	struct json_object	*o, *e;
	const char		*s;

	if ((o = json_object_new_object()) == NULL ||
	    (e = json_object_new_object()) == NULL) {
		json_object_put(o);
		ws_error(c, id, "internal", "out of memory");
		return;
	}
	json_object_object_add(e, "code", json_object_new_string(code));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(o, "error", e);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	c->ws_id = id != NULL ? json_object_get(id) : NULL;
	c->busy = 1;
	ws_event(c, "reply", status, s, strlen(s), 1);
	json_object_put(o);
	ws_request_end(c);
}

static int
ws_tool_name(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n >= CONF_NAME_MAX)
		return -1;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '-' && s[i] != '.')
			return -1;
	return 0;
}

static int
ws_path_ok(const char *p)
{
	size_t	 i, n = strlen(p);

	if (n < 5 || n > WS_PATH_MAX || strncmp(p, "/v1/", 4) != 0)
		return 0;
	if (strcmp(p, "/v1/ws") == 0 || strncmp(p, "/v1/ws/", 7) == 0 ||
	    strncmp(p, "/v1/ws?", 7) == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] <= ' ' || p[i] > '~')
			return 0;
	return 1;
}

/* The members of each kind of message. */
static const char *const ws_tool_members[] = {
	"id", "tool", "arguments", "session", NULL
};
static const char *const ws_exec_members[] = { "id", "exec", NULL };
static const char *const ws_path_members[] = {
	"id", "method", "path", "body", NULL
};

/* One client message: a request for the engine. */
static void
ws_request(struct gw_conn *c, const unsigned char *msg, size_t len)
{
	const char *const	*members;
	struct json_object	*o, *id = NULL, *v = NULL, *args = NULL;
	struct json_object	*sess = NULL, *body = NULL;
	const char		*method = "POST", *why, *b = NULL, *q = NULL;
	const char		*code;
	char			 path[WS_PATH_MAX + 1], *qm;
	char			 rwhy[256], jwhy[128];
	size_t			 blen = 0, i;
	long			 retry;
	int			 rc, nkinds = 0;

	if ((o = gw_parse_json(msg, len, jwhy, sizeof(jwhy))) == NULL) {
		ws_error(c, NULL, "bad_request", "a message must be one JSON "
		    "object: %s", jwhy);
		return;
	}
	if (json_object_object_get_ex(o, "id", &id) && id != NULL &&
	    strlen(json_object_to_json_string_ext(id, JSON_C_TO_STRING_PLAIN))
	    > WS_ID_MAX) {
		ws_error(c, NULL, "bad_request", "id longer than %d bytes",
		    WS_ID_MAX);
		goto done;
	}
	if (c->busy) {
		ws_error(c, id, "busy", "a request is in flight on this "
		    "connection; send the next when it has ended");
		goto done;
	}
	nkinds = json_object_object_get_ex(o, "tool", NULL) +
	    json_object_object_get_ex(o, "exec", NULL) +
	    json_object_object_get_ex(o, "path", NULL);
	if (nkinds != 1) {
		ws_error(c, id, "bad_request", "a message has exactly one of "
		    "tool, exec or path");
		goto done;
	}
	/* As the HTTP routes: a misspelt member is refused, not ignored. */
	members = json_object_object_get_ex(o, "tool", NULL) ?
	    ws_tool_members : json_object_object_get_ex(o, "exec", NULL) ?
	    ws_exec_members : ws_path_members;
	json_object_object_foreach(o, mk, mv) {
		(void)mv;
		for (i = 0; members[i] != NULL; i++)
			if (strcmp(mk, members[i]) == 0)
				break;
		if (members[i] == NULL) {
			ws_error(c, id, "bad_request", "unknown member "
			    "\"%.64s\" (%s)", mk, members == ws_tool_members ?
			    "id, tool, arguments, session" :
			    members == ws_exec_members ? "id, exec" :
			    "id, method, path, body");
			goto done;
		}
	}
	body = NULL;
	if (json_object_object_get_ex(o, "tool", &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    ws_tool_name(json_object_get_string(v)) == -1) {
			ws_error(c, id, "bad_request", "tool must be a tool "
			    "name");
			goto done;
		}
		snprintf(path, sizeof(path), "/v1/tools/%s/call",
		    json_object_get_string(v));
		q = "stream=1";
		if (json_object_object_get_ex(o, "arguments", &args) &&
		    !json_object_is_type(args, json_type_object)) {
			ws_error(c, id, "bad_request", "arguments must be an "
			    "object");
			goto done;
		}
		if (json_object_object_get_ex(o, "session", &sess) &&
		    !json_object_is_type(sess, json_type_string)) {
			ws_error(c, id, "bad_request", "session must be a "
			    "string");
			goto done;
		}
		body = json_object_new_object();
		json_object_object_add(body, "arguments", args != NULL ?
		    json_object_get(args) : json_object_new_object());
		if (sess != NULL)
			json_object_object_add(body, "session",
			    json_object_get(sess));
	} else if (json_object_object_get_ex(o, "exec", &v)) {
		if (!json_object_is_type(v, json_type_object)) {
			ws_error(c, id, "bad_request", "exec must be an "
			    "object");
			goto done;
		}
		strlcpy(path, "/v1/exec", sizeof(path));
		q = "stream=1";
		body = json_object_get(v);
	} else {
		json_object_object_get_ex(o, "path", &v);
		/* As /v1/health: a route for plain HTTP, not found here. */
		if (json_object_is_type(v, json_type_string) &&
		    (strcmp(json_object_get_string(v), "/metrics") == 0 ||
		    strncmp(json_object_get_string(v), "/metrics?", 9) == 0)) {
			ws_error(c, id, "not_found", "no route for /metrics "
			    "here: it is for plain HTTP");
			goto done;
		}
		if (!json_object_is_type(v, json_type_string) ||
		    !ws_path_ok(json_object_get_string(v))) {
			ws_error(c, id, "bad_request", "path must start with "
			    "/v1/ (and not be /v1/ws)");
			goto done;
		}
		strlcpy(path, json_object_get_string(v), sizeof(path));
		if ((qm = strchr(path, '?')) != NULL) {
			*qm = '\0';
			q = qm + 1;
		}
		if (strchr(path, '%') != NULL) {
			char	dpath[WS_PATH_MAX + 1], dwhy[128];

			if (path_decode(path, dpath, sizeof(dpath), dwhy,
			    sizeof(dwhy)) == -1) {
				ws_error(c, id, "bad_request", "%s", dwhy);
				goto done;
			}
			/* (never longer than what it decodes) */
			memcpy(path, dpath, strlen(dpath) + 1);
			if (!ws_path_ok(path)) {
				ws_error(c, id, "bad_request", "path must "
				    "start with /v1/ (and not be /v1/ws)");
				goto done;
			}
		}
		method = "GET";
		if (json_object_object_get_ex(o, "method", &v)) {
			method = json_object_is_type(v, json_type_string) ?
			    json_object_get_string(v) : "";
			if (strcmp(method, "GET") != 0 &&
			    strcmp(method, "POST") != 0 &&
			    strcmp(method, "PUT") != 0 &&
			    strcmp(method, "DELETE") != 0 &&
			    strcmp(method, "PATCH") != 0) {
				ws_error(c, id, "bad_request", "method must "
				    "be GET, POST, PUT, DELETE or PATCH");
				goto done;
			}
		}
		if (json_object_object_get_ex(o, "body", &v) && v != NULL)
			body = json_object_get(v);
	}
	if (body != NULL) {
		b = json_object_to_json_string_ext(body,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		blen = strlen(b);
		if (blen > gw.ctx->conf->harnessd.max_body) {
			ws_error(c, id, "too_large", "request body over %llu "
			    "bytes", (unsigned long long)
			    gw.ctx->conf->harnessd.max_body);
			goto done;
		}
	}
	/* Each message counts against the identity's rate. */
	if (rate_check(&gw, &c->who, &retry, rwhy, sizeof(rwhy)) == -1) {
		metrics_rate_limited(&gw);
		ws_error(c, id, "rate_limited", "%s; retry in %ld s", rwhy,
		    retry < 1 ? 1 : retry);
		goto done;
	}
	if (c->closing)
		goto done;
	if ((rc = engine_refuses(method, path, q, &code, rwhy,
	    sizeof(rwhy))) != 0) {
		ws_local_reply(c, id, rc, code, rwhy);
		goto done;
	}
	if ((rc = engine_send(c, &c->who, method, path, q, b, blen, &why))
	    != 0) {
		ws_error(c, id, http_error_code(rc), "%s", why);
		goto done;
	}
	c->ws_id = id != NULL ? json_object_get(id) : NULL;
 done:
	json_object_put(body);
	json_object_put(o);
}

static void
ws_arm(struct gw_conn *c)
{
	struct timeval	 tv;
	uint64_t	 ms = gw.ctx->conf->harnessd.client_timeout_ms;

	if (c->closing)
		return;
	if (c->ws_partial) {
		if (evtimer_pending(c->deadline, NULL))
			return;		/* the message's own deadline */
	} else if (c->busy) {
		evtimer_del(c->deadline);
		return;
	} else
		ms *= WS_IDLE_FACTOR;
	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
	evtimer_add(c->deadline, &tv);
}

/* Parse the client's frames and act on each. */
static void
ws_process(struct gw_conn *c)
{
	struct evbuffer	*in = bufferevent_get_input(c->bev);
	struct ws_event	 ev;
	struct http_buf	 b;
	unsigned char	*data;
	char		 who[96];
	size_t		 len, used;
	int		 rc, was_partial;

	while (!c->closing && (len = evbuffer_get_length(in)) > 0) {
		if (conn_pause(c))
			return;
		was_partial = c->ws_partial;
		data = evbuffer_pullup(in, (ev_ssize_t)len);
		rc = ws_parse(c->wsp, data, len, &used, &ev);
		evbuffer_drain(in, used);
		if (rc == WS_NEED_MORE) {
			c->ws_partial = 1;
			if (!was_partial)
				evtimer_del(c->deadline);
			break;
		}
		c->ws_partial = 0;
		evtimer_del(c->deadline);
		switch (rc) {
		case WS_TEXT:
			ws_request(c, ev.data, ev.len);
			break;
		case WS_BINARY:
			ws_fail(c, WS_CLOSE_UNSUPPORTED, "binary messages "
			    "are not accepted");
			return;
		case WS_PING:
			http_buf_init(&b, 0);
			if (ws_pong(&b, ev.data, ev.len) == 0)
				ws_send(c, &b);
			http_buf_free(&b);
			break;
		case WS_PONG:
			break;
		case WS_CLOSE:
			/* Echo the code, as the handshake asks. */
			ws_fail(c, ev.code == WS_CLOSE_NO_STATUS ||
			    !ws_close_code_valid(ev.code) ? 0 : ev.code, NULL);
			return;
		case WS_ERROR:
		default:
			conn_who(c, who, sizeof(who));
			log_info("client %s: WebSocket: %s", who,
			    ev.reason ? ev.reason : "error");
			ws_fail(c, ev.code, ev.reason);
			return;
		}
	}
	if (!c->closing) {
		bufferevent_enable(c->bev, EV_READ);
		ws_arm(c);
	}
}

/* After auth and rate limit: the 101 and the switch to frames. */
static void
ws_upgrade(struct gw_conn *c, const struct gw_ident *who)
{
	struct http_header	 h;
	struct http_buf		 b;
	char			 accept[WS_ACCEPT_LEN + 1];
	const char		*why = NULL;
	int			 rc;

	rc = ws_handshake_check(c->hp, accept, sizeof(accept), &why);
	if (rc != 0) {
		if (rc == 426) {
			h.name = "Sec-WebSocket-Version";
			h.value = "13";
			http_buf_init(&b, 0);
			http_json_error(&b, "upgrade_required", why ? why :
			    "WebSocket version 13 only");
			http_buf_add(&b, "\n", 1);
			c->keepalive = 0;
			conn_respond(c, 426, "application/json", b.data, b.len,
			    &h, 1);
			http_buf_free(&b);
		} else
			gw_error(c, rc, http_error_code(rc), "%s", why ? why :
			    "not a WebSocket handshake");
		return;
	}
	if ((c->wsp = ws_parser_new((size_t)gw.ctx->conf->harnessd.max_body))
	    == NULL) {
		gw_error(c, 503, "unavailable", "out of memory");
		return;
	}
	http_buf_init(&b, 0);
	if (ws_handshake_response(&b, accept, NULL) == -1) {
		http_buf_free(&b);
		gw_error(c, 500, "internal", "cannot build the handshake");
		return;
	}
	bufferevent_write(c->bev, b.data, b.len);
	http_buf_free(&b);
	metrics_request(&gw, c->route, 101, elapsed(&c->t0));
	c->who = *who;
	c->ws = 1;
	c->busy = 0;
	c->started = 0;
	evtimer_del(c->deadline);
	/* Frames the client sent right behind the handshake wait in. */
	ws_process(c);
}

/* The engine's answers on a WebSocket; a reply's body may be in m. */
static void
ws_engine_reply(struct gw_conn *c, uint32_t type, int status,
    const char *event, const void *data, size_t len, struct gw_map *m)
{
	if (!c->busy || c->closing) {
		gw_map_free(m);
		return;		/* cancelled: late answers */
	}
	switch (type) {
	case IMSG_GW_REPLY:
		ws_reply(c, status, data, len, m);
		if (!c->streaming)
			ws_request_end(c);
		break;
	case IMSG_GW_EVENT:
		c->streaming = 1;
		ws_event(c, event, 0, data, len, 1);
		break;
	case IMSG_GW_END:
		ws_request_end(c);
		break;
	}
}

/*
 * A refusal's record, for peer ("uid N" or "address A"): actor "uid:N"
 * or "tcp", with the transport and a TCP client's address in the body.
 * The refusal itself does not wait for it.  Takes o.
 */
static void
audit_refusal(const char *peer, struct json_object *o)
{
	char	 actor[64];

	if (o == NULL)
		return;
	if (strncmp(peer, "uid ", 4) == 0) {
		snprintf(actor, sizeof(actor), "uid:%s", peer + 4);
		json_object_object_add(o, "transport",
		    json_object_new_string("unix"));
	} else {
		strlcpy(actor, "tcp", sizeof(actor));
		json_object_object_add(o, "transport",
		    json_object_new_string("tcp"));
		if (strncmp(peer, "address ", 8) == 0)
			json_object_object_add(o, "address",
			    json_object_new_string(peer + 8));
	}
	if (audit_event("gateway.auth.fail", "", actor,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), 0,
	    NULL, NULL) == -1)
		log_warnx("cannot audit an auth failure");
	json_object_put(o);
}

static void
audit_auth_fail(struct gw_conn *c, int status, const char *why)
{
	struct json_object	*o;
	char			 peer[96];

	if ((o = json_object_new_object()) == NULL)
		return;
	json_object_object_add(o, "status", json_object_new_int(status));
	json_object_object_add(o, "reason", json_object_new_string(why));
	json_object_object_add(o, "method",
	    json_object_new_string(http_method_str(c->hp)));
	json_object_object_add(o, "path",
	    json_object_new_string(conn_path(c)));
	conn_peer(c, peer, sizeof(peer));
	audit_refusal(peer, o);
}

/*
 * Every PEER_SUMMARY_SECS: the refusals counted since, per peer, in
 * one log line and one record each.
 */
static void
refusal_summary(const char *peer, uint64_t refused, uint64_t nconn)
{
	struct json_object	*o;
	char			 why[160];

	if (nconn > 0)
		log_warnx("%llu more connections refused from %s (too many "
		    "connections)", (unsigned long long)nconn, peer);
	if (refused == 0)
		return;
	snprintf(why, sizeof(why), "%llu more refused from %s",
	    (unsigned long long)refused, peer);
	log_info("%s (failed authentication)", why);
	if ((o = json_object_new_object()) == NULL)
		return;
	json_object_object_add(o, "status", json_object_new_int(429));
	json_object_object_add(o, "reason", json_object_new_string(why));
	json_object_object_add(o, "refused",
	    json_object_new_int64((int64_t)refused));
	audit_refusal(peer, o);
}

static void
refusal_tick(evutil_socket_t fd, short ev, void *arg)
{
	peer_summary(&gw, refusal_summary);
}

static void
handle_request(struct gw_conn *c)
{
	struct gw_ident	 who;
	const char	*path = http_path(c->hp);
	enum http_method m = http_method(c->hp);
	const char	*name, *value;
	char		 why[256], peer[96], whostr[96];
	size_t		 i, n;
	long		 retry;
	int		 rc, first;

	c->version = http_version(c->hp);
	c->keepalive = http_keepalive(c->hp);
	free(c->path);
	c->path = NULL;
	if (strchr(path, '%') != NULL) {
		n = strlen(path) + 1;
		if ((c->path = malloc(n)) == NULL) {
			c->route = metrics_route("");
			gw_error(c, 503, "unavailable", "out of memory");
			return;
		}
		if (path_decode(path, c->path, n, why, sizeof(why)) == -1) {
			free(c->path);
			c->path = NULL;
			c->route = metrics_route("");
			gw_error(c, 400, "bad_request", "%s", why);
			return;
		}
		path = c->path;
	}
	c->route = metrics_route(path);

	if (strcmp(path, "/v1/health") == 0) {
		if (m != HTTP_METHOD_GET && m != HTTP_METHOD_HEAD) {
			gw_error(c, 405, "method_not_allowed",
			    "%s answers GET and HEAD only", path);
			return;
		}
		route_health(c);
		return;
	}

	/*
	 * A peer whose authentication failed too often is refused before
	 * its credentials are looked at, and that is recorded once.
	 */
	conn_peer(c, peer, sizeof(peer));
	if (peer_limited(&gw, peer, &retry, &first)) {
		metrics_rate_limited(&gw);
		snprintf(why, sizeof(why), "too many failed authentications "
		    "from %s (%u at once, then %g a second)", peer,
		    gw.ctx->conf->harnessd.burst, gw.ctx->conf->harnessd.rate);
		if (first) {
			log_info("refusing %s: %s; refusals counted every %d s",
			    peer, why, PEER_SUMMARY_SECS);
			audit_auth_fail(c, 429, why);
		}
		gw_throttle(c, retry, why);
		return;
	}

	/* Which of two credentials counts is for no one to guess. */
	for (i = 0, n = 0; http_header_at(c->hp, i, &name, &value) == 0; i++)
		if (strcasecmp(name, "Authorization") == 0)
			n++;
	if (n > 1) {
		gw_error(c, 400, "bad_request", "%zu Authorization fields; "
		    "send one", n);
		return;
	}
	rc = auth_identify(&gw, c->is_unix, c->uid, c->group_ok,
	    http_header(c->hp, "Authorization"), &who, why, sizeof(why));
	if (rc == AUTH_PENDING) {
		/* Back here from gateway_jwt_done() once the key came. */
		c->waitkey = 1;
		auth_jwt_fetch(&gw);
		return;
	}
	if (rc != 0) {
		metrics_auth_fail(&gw);
		if (peer_failed(&gw, peer)) {
			conn_who(c, whostr, sizeof(whostr));
			log_info("auth failure: %s (%s)", why, whostr);
			audit_auth_fail(c, rc, why);
		}
		if (rc == 401)
			gw_unauthorized(c, why);
		else
			gw_error(c, rc, "forbidden", "%s", why);
		return;
	}
	if (rate_check(&gw, &who, &retry, why, sizeof(why)) == -1) {
		metrics_rate_limited(&gw);
		gw_throttle(c, retry, why);
		return;
	}

	if (strcmp(path, "/metrics") == 0) {
		if (m != HTTP_METHOD_GET && m != HTTP_METHOD_HEAD) {
			gw_error(c, 405, "method_not_allowed",
			    "%s answers GET and HEAD only", path);
			return;
		}
		route_metrics(c);
		return;
	}
	if (strcmp(path, "/v1/ws") == 0) {
		ws_upgrade(c, &who);
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
	char		 who[96];

	if (c->closing) {
		conn_free(c);	/* done, or its client does not read */
		return;
	}
	conn_who(c, who, sizeof(who));
	if (c->ws) {
		if (c->ws_partial) {
			log_info("client %s: WebSocket message not "
			    "complete in time", who);
			ws_fail(c, WS_CLOSE_POLICY, "message not complete in "
			    "time");
		} else if (!c->busy)
			ws_fail(c, WS_CLOSE_GOING_AWAY, "idle");
		return;
	}
	if (c->busy || c->streaming || c->waitkey)
		return;
	if (c->started) {
		log_info("client %s: request not complete in time", who);
		conn_route_early(c);
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

/*
 * Close once what is queued is written: conn_write() frees the
 * connection when its output drains, the deadline at once when there
 * is nothing left to write, or after the client timeout when the
 * client does not read it.  Never frees it here, as callers still
 * hold it.
 */
static void
conn_close_soon(struct gw_conn *c)
{
	struct timeval	 now = { 0, 0 };

	c->closing = 1;
	bufferevent_disable(c->bev, EV_READ);
	if (evbuffer_get_length(bufferevent_get_output(c->bev)) == 0)
		evtimer_add(c->deadline, &now);
	else
		arm_deadline(c);
}

/*
 * More of this connection's answers wait unsent than it may have: stop
 * reading it (conn_write() resumes once they are written), so that a
 * client that sends and never reads cannot make the gateway hold the
 * answers to everything it sends.  1 if so.  An HTTP client that reads
 * nothing within the timeout is dropped (conn_deadline()).
 */
static int
conn_pause(struct gw_conn *c)
{
	if (evbuffer_get_length(bufferevent_get_output(c->bev)) <=
	    GW_MAX_UNSENT)
		return 0;
	if (!c->paused) {
		c->paused = 1;
		metrics_paused(&gw, 1);
		if (!c->ws && !evtimer_pending(c->deadline, NULL))
			arm_deadline(c);
	}
	bufferevent_disable(c->bev, EV_READ);
	return 1;
}

static void
conn_resume(struct gw_conn *c)
{
	if (!c->paused)
		return;
	c->paused = 0;
	metrics_paused(&gw, -1);
	/* (a request cut short in the input is read on from here) */
	if (!c->closing && !c->eof)
		bufferevent_enable(c->bev, EV_READ);
	conn_process(c);
}

/* Parse what is buffered; handle each complete request in order. */
static void
conn_process_loop(struct gw_conn *c)
{
	struct evbuffer	*in = bufferevent_get_input(c->bev);
	unsigned char	*data;
	size_t		 len, used;
	int		 rc;

	if (c->ws) {
		ws_process(c);
		return;
	}
	while (!c->busy && !c->closing && !c->streaming && !c->waitkey) {
		if (c->ws) {
			ws_process(c);
			return;
		}
		len = evbuffer_get_length(in);
		if (len == 0) {
			if (c->eof)
				conn_close_soon(c);	/* all answered */
			else
				bufferevent_enable(c->bev, EV_READ);
			return;
		}
		if (conn_pause(c))
			return;
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
			conn_route_early(c);
			if (http_status(c->hp) == 413)
				gw_error(c, 413, http_error_code(413), "%s: "
				    "more than max request size, %llu bytes",
				    http_errstr(c->hp), (unsigned long long)
				    gw.ctx->conf->harnessd.max_body);
			else
				gw_error(c, http_status(c->hp),
				    http_error_code(http_status(c->hp)), "%s",
				    http_errstr(c->hp));
			c->closing = 1;
			bufferevent_disable(c->bev, EV_READ);
			return;
		case HTTP_HEAD:
			if (http_expect_continue(c->hp))
				bufferevent_write(c->bev,
				    "HTTP/1.1 100 Continue\r\n\r\n", 25);
			break;
		case HTTP_DONE:
			/* one request at a time: the loop ends while busy */
			handle_request(c);
			break;
		case HTTP_NEED_MORE:
		default:
			if (c->eof)
				conn_close_soon(c);	/* cut short */
			return;
		}
	}
	/*
	 * One request at a time, but keep reading: a client that goes
	 * away must be noticed (conn_event cancels its call).  What it
	 * pipelines meanwhile waits in the input buffer, bounded by the
	 * read watermark, and is parsed once this request is answered.
	 */
	if (c->closing)
		bufferevent_disable(c->bev, EV_READ);
	else if ((c->busy || c->streaming || c->waitkey) && !c->eof)
		bufferevent_enable(c->bev, EV_READ);
}

/*
 * An answer given at once (conn_respond()) comes back here for the
 * next pipelined request: the loop already running takes it, so that
 * a pipeline of requests the gateway answers itself is a loop, not a
 * recursion as deep as the pipeline.  Never frees the connection.
 */
static void
conn_process(struct gw_conn *c)
{
	if (c->inproc)
		return;
	c->inproc = 1;
	conn_process_loop(c);
	c->inproc = 0;
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
	/* Everything is written: read what waited meanwhile. */
	conn_resume(c);
	if (c->ws || c->closing)
		return;
	if (!c->busy && !c->started && !c->streaming && !c->waitkey)
		arm_deadline(c);	/* idle until the next request */
}

/*
 * A request under way ends here, not in the engine, which is told to
 * cancel it: the answer, or the last event of a stream, says why.
 */
static void
conn_end_request(struct gw_conn *c, int status, const char *code,
    const char *msg)
{
	struct json_object	*o, *e;
	const char		*s;

	engine_cancel(c->id);
	if (!c->streaming) {
		gw_error(c, status, code, "%s", msg);
		return;
	}
	/* The last event of a refused call, as the engine sends it. */
	if ((o = json_object_new_object()) != NULL &&
	    (e = json_object_new_object()) != NULL) {
		json_object_object_add(e, "code",
		    json_object_new_string(code));
		json_object_object_add(e, "message",
		    json_object_new_string(msg));
		json_object_object_add(o, "error", e);
		json_object_object_add(o, "status",
		    json_object_new_int(status));
		s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
		sse_send(c, "error", s, strlen(s));
	}
	json_object_put(o);
	sse_end(c);
}

/*
 * The client half-closed with a call under way: the call goes, as for
 * a client that went away (harnessd(8)), and the answer says so.
 */
static void
conn_cancel_call(struct gw_conn *c)
{
	conn_end_request(c, 499, "cancelled", "cancelled: the client "
	    "half-closed its connection while the call was under way");
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	struct gw_conn	*c = arg;

	/*
	 * A half-close (shutdown(SHUT_WR), as nc -N or socat do after
	 * the request) ends what the client says, not what it hears: the
	 * requests it sent are answered and then the connection closes.
	 * Only a call under way is cancelled.  libevent stops reading.
	 */
	if ((what & BEV_EVENT_EOF) && !(what & BEV_EVENT_ERROR) && !c->ws) {
		c->eof = 1;
		if (c->closing)
			return;		/* conn_write or the deadline ends it */
		if (c->busy && c->iscall)
			conn_cancel_call(c);
		else if (!c->busy && !c->streaming && !c->waitkey)
			conn_process(c);
		return;
	}
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		if (c->busy || c->streaming)
			engine_cancel(c->id);
		conn_free(c);
	}
}

static void
conn_free(struct gw_conn *c)
{
	TAILQ_REMOVE(&conns, c, entry);
	nconns--;
	if (c->paused)
		metrics_paused(&gw, -1);
	if (c->deadline != NULL)
		event_free(c->deadline);
	bufferevent_free(c->bev);
	http_parser_free(c->hp);
	ws_parser_free(c->wsp);
	json_object_put(c->ws_id);
	free(c->path);
	free(c);
}

void
gateway_jwt_done(int status, const char *why)
{
	struct gw_conn	*c, *next;
	char		 who[96];

	TAILQ_FOREACH_SAFE(c, &conns, entry, next) {
		if (!c->waitkey)
			continue;
		c->waitkey = 0;
		if (status == 0) {
			handle_request(c);
			continue;
		}
		conn_who(c, who, sizeof(who));
		log_info("JWT refused for %s: %s", who, why);
		audit_auth_fail(c, status, why);
		gw_error(c, status, "unavailable", "%s", why);
	}
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

/* The same client address (the port aside)? */
static int
same_addr(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return 0;
	if (a->ss_family == AF_INET)
		return memcmp(&((const struct sockaddr_in *)a)->sin_addr,
		    &((const struct sockaddr_in *)b)->sin_addr,
		    sizeof(struct in_addr)) == 0;
	if (a->ss_family == AF_INET6)
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
		    &((const struct sockaddr_in6 *)b)->sin6_addr,
		    sizeof(struct in6_addr)) == 0;
	return 0;
}

static void
addr_str(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	char	 a[INET6_ADDRSTRLEN];
	const void *p = ss->ss_family == AF_INET6 ?
	    (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr :
	    (const void *)&((const struct sockaddr_in *)ss)->sin_addr;

	if (inet_ntop(ss->ss_family, p, a, sizeof(a)) == NULL)
		strlcpy(a, "?", sizeof(a));
	snprintf(buf, len, "address %s", a);
}

/*
 * A connection we will not serve still gets an answer it can read,
 * best effort (the socket is new: its buffer has room).
 */
static void
refuse_busy(int fd)
{
	static const char msg[] = "HTTP/1.1 503 Service Unavailable\r\n"
	    "Content-Type: application/json\r\n"
	    "Retry-After: 1\r\n"
	    "Connection: close\r\n"
	    "Content-Length: 65\r\n\r\n"
	    "{\"error\":{\"code\":\"unavailable\",\"message\":"
	    "\"too many connections\"}}";

	/* write(2): in the filter already; SIGPIPE is ignored */
	if (write(fd, msg, sizeof(msg) - 1) == -1)
		return;
}

static void
gw_accept_resume(evutil_socket_t fd, short ev, void *arg)
{
	struct gw_listener	*l = arg;

	if (event_add(l->ev, NULL) == -1)
		log_warnx("%s: cannot accept on the agent socket again",
		    __func__);
}

/* Stop accepting for a second; the kernel's queue holds the callers. */
static void
gw_accept_pause(struct gw_listener *l)
{
	struct timeval	 tv = { 1, 0 };

	if (l->pause == NULL || evtimer_pending(l->pause, NULL))
		return;
	event_del(l->ev);
	evtimer_add(l->pause, &tv);
}

/*
 * Take one connection off the listener's queue.  Returns -1 when there
 * is none left to take now (the queue is empty, or we are out of
 * descriptors and the listener is paused), 0 otherwise.
 */
static int
gw_accept_one(struct gw_listener *l)
{
	struct gw_conn		*c, *o;
	struct http_limits	 lim;
	struct ucred		 cred;
	struct sockaddr_storage	 ss;
	socklen_t		 clen = sizeof(cred), slen = sizeof(ss);
	size_t			 same = 0, ntcp = 0;
	char			 who[INET6_ADDRSTRLEN + 16];
	int			 fd;

	memset(&ss, 0, sizeof(ss));
	if ((fd = accept4(l->fd, (struct sockaddr *)&ss, &slen,
	    SOCK_NONBLOCK | SOCK_CLOEXEC)) == -1) {
		switch (errno) {
		case EINTR:
		case ECONNABORTED:
			return 0;
		case EAGAIN:
			return -1;
		case EMFILE:
		case ENFILE:
		case ENOBUFS:
		case ENOMEM:
			/*
			 * The listener stays readable: without a pause
			 * this would spin.  Connections wait in the
			 * queue until descriptors are freed.
			 */
			log_warn("%s: accept (pausing for a second)",
			    __func__);
			gw_accept_pause(l);
			return -1;
		default:
			log_warn("%s: accept", __func__);
			return -1;
		}
	}
	memset(&cred, 0, sizeof(cred));
	cred.uid = (uid_t)-1;
	cred.gid = (gid_t)-1;
	if (l->is_unix &&
	    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == -1) {
		log_warn("%s: SO_PEERCRED", __func__);
		close(fd);
		return 0;
	}
	TAILQ_FOREACH(o, &conns, entry) {
		if (!o->is_unix)
			ntcp++;
		if (l->is_unix && o->is_unix && o->uid == cred.uid)
			same++;
		else if (!l->is_unix && !o->is_unix &&
		    same_addr(&o->peer, &ss))
			same++;
	}
	if (nconns >= GW_MAX_CONNS || (l->is_unix ?
	    same >= GW_MAX_PER_UID : (same >= GW_MAX_PER_ADDR ||
	    ntcp >= GW_MAX_CONNS - GW_UNIX_RESERVED))) {
		if (l->is_unix)
			snprintf(who, sizeof(who), "uid %u",
			    (unsigned)cred.uid);
		else
			addr_str(&ss, who, sizeof(who));
		/* Once per PEER_SUMMARY_SECS, then how many more. */
		if (peer_conn_refused(&gw, who))
			log_warnx("too many connections; refusing %s", who);
		refuse_busy(fd);
		close(fd);
		return 0;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		close(fd);
		return 0;
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
		return 0;
	}
	c->id = next_conn_id++;
	if (next_conn_id == 0)
		next_conn_id = 1;
	c->is_unix = l->is_unix;
	if (!l->is_unix)
		memcpy(&c->peer, &ss, sizeof(ss));
	c->uid = cred.uid;
	c->gid = cred.gid;
	c->group_ok = l->is_unix && auth_group_allowed(&gw, fd, cred.gid);
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
	return 0;
}

/*
 * Drain a burst of the queue per wakeup: one accept per loop turn lets a
 * flood fill the kernel's queue, whose overflow drops SYNs, and a client
 * whose SYN was dropped waits a second or more to retry.
 */
static void
gw_accept(evutil_socket_t lfd, short ev, void *arg)
{
	struct gw_listener	*l = arg;
	int			 i;

	for (i = 0; i < GW_ACCEPT_BURST; i++)
		if (gw_accept_one(l) == -1)
			break;
}

void
gateway_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t kind, int fd)
{
	struct gw_listener	*l;
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);

	if (audit_on_fd(ctx, type, kind, fd))
		return;
	if (auth_on_fd(&gw, type, kind, fd))
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
	l->pause = evtimer_new(ctx->base, gw_accept_resume, l);
	if (l->ev == NULL || l->pause == NULL || event_add(l->ev, NULL) == -1)
		fatalx("%s: cannot accept on the agent socket", __func__);
}

/*
 * One SSE event of a text/event-stream response, which the first event
 * opens (sse_end() closes it): a chunk for an HTTP/1.1 client; HTTP/1.0
 * has no chunks, so there the events are the body and the close ends
 * it.
 */
static void
sse_send(struct gw_conn *c, const char *event, const void *data, size_t len)
{
	struct http_buf	 b, ev;

	http_buf_init(&b, 0);
	if (!c->streaming) {
		struct http_response r;

		if (c->version == 10)
			c->keepalive = 0;
		memset(&r, 0, sizeof(r));
		r.status = 200;
		r.version = c->version;
		r.conn = c->keepalive ? HTTP_CONN_KEEPALIVE : HTTP_CONN_CLOSE;
		r.content_type = "text/event-stream";
		r.content_length = c->version == 10 ? HTTP_LENGTH_NONE :
		    HTTP_LENGTH_CHUNKED;
		r.date = time(NULL);
		if (http_response_write(&b, &r) == -1) {
			log_warnx("%s: cannot build a response", __func__);
			http_buf_free(&b);
			return;
		}
		c->streaming = 1;
		c->chunked = c->version != 10;
	}
	http_buf_init(&ev, 0);
	http_sse_event(&ev, event, NULL, data, len);
	if (c->chunked)
		http_chunk(&b, ev.data, ev.len);
	else
		http_buf_add(&b, ev.data, ev.len);
	http_buf_free(&ev);
	if (b.err)
		log_warnx("%s: %s event dropped", __func__, event);
	else
		bufferevent_write(c->bev, b.data, b.len);
	http_buf_free(&b);
}

/*
 * The stream is over: the last chunk, then the next request, or the
 * close when the client asked for it or an HTTP/1.0 body must end.
 */
static void
sse_end(struct gw_conn *c)
{
	struct http_buf	 b;

	if (c->chunked) {
		http_buf_init(&b, 0);
		http_chunk_end(&b);
		bufferevent_write(c->bev, b.data, b.len);
		http_buf_free(&b);
	}
	c->streaming = 0;
	c->chunked = 0;
	metrics_request(&gw, c->route, 200, elapsed(&c->t0));
	c->busy = 0;
	c->started = 0;
	http_reset(c->hp);
	if (!c->keepalive)
		conn_close_soon(c);
	else
		conn_process(c);
}

/* The engine's answers. */
void
gateway_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	struct gw_conn	*c;
	struct gw_map	*m = NULL;
	struct rbuf	 rb;
	uint32_t	 status, blen;
	char		 ctype[128], event[64];
	const char	*why;
	const void	*data;
	size_t		 dlen;
	char		 counter[64], label[128];
	int		 fd;

	/* Only a reply's body comes in a descriptor; it is ours. */
	fd = imsg->fd;
	imsg->fd = -1;
	if (fd != -1 && imsg->hdr.type != IMSG_GW_REPLY) {
		close(fd);
		fd = -1;
	}
	if (imsg->hdr.type == IMSG_GW_COUNT) {
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_strbuf(&rb, counter, sizeof(counter)) == -1 ||
		    wire_get_strbuf(&rb, label, sizeof(label)) == -1 ||
		    wire_end(&rb) == -1) {
			log_warnx("%s: bad count from the engine", __func__);
			return;
		}
		metrics_count(&gw, counter, label);
		return;
	}
	if (imsg->hdr.type == IMSG_GW_PONG) {
		engine_pong(imsg);
		return;
	}
	/* Answers to a request that was cancelled and answered: late. */
	if ((c = conn_find(imsg->hdr.peerid)) != NULL && !c->ws && !c->busy)
		c = NULL;
	switch (imsg->hdr.type) {
	case IMSG_GW_REPLY:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &status) == -1 ||
		    wire_get_strbuf(&rb, ctype, sizeof(ctype)) == -1 ||
		    wire_get_u32(&rb, &blen) == -1 || status < 100 ||
		    status > 599)
			fatalx("%s: bad reply from the engine", __func__);
		if (fd == -1) {
			if (wire_left(&rb) != blen)
				fatalx("%s: bad reply body", __func__);
			data = (const unsigned char *)imsg->data +
			    (imsg_datalen(imsg) - blen);
		} else if (c == NULL || blen == 0) {
			data = "";	/* (the client left) */
		} else if ((m = gw_map_body(fd, blen, &why)) == NULL) {
			close(fd);
			log_warnx("%s: %s", __func__, why);
			if (c->ws) {
				ws_error(c, c->ws_id, "bad_gateway", "cannot "
				    "read the engine's reply: %s", why);
				ws_engine_reply(c, IMSG_GW_END, 0, NULL, NULL,
				    0, NULL);
			} else
				gw_error(c, 502, "bad_gateway", "cannot read "
				    "the engine's reply: %s", why);
			return;
		} else
			data = m->p;
		if (fd != -1)
			close(fd);	/* the mapping stays */
		if (c == NULL)
			return;		/* the client left */
		if (c->ws)
			ws_engine_reply(c, IMSG_GW_REPLY, (int)status, NULL,
			    data, blen, m);
		else if (c->streaming) {
			/* Within a stream a reply is one more event. */
			sse_send(c, "result", data, blen);
			gw_map_free(m);
		} else
			conn_respond_map(c, (int)status, ctype[0] ? ctype :
			    NULL, data, blen, NULL, 0, m);
		break;
	case IMSG_GW_EVENT:
		if (c == NULL)
			return;
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_strbuf(&rb, event, sizeof(event)) == -1 ||
		    wire_get_blob(&rb, &data, &dlen, IMSG_MAX_PAYLOAD) == -1 ||
		    wire_end(&rb) == -1)
			fatalx("%s: bad event from the engine", __func__);
		if (c->ws) {
			ws_engine_reply(c, IMSG_GW_EVENT, 0, event, data,
			    dlen, NULL);
			break;
		}
		sse_send(c, event, data, dlen);
		break;
	case IMSG_GW_END:
		if (c == NULL)
			return;
		if (c->ws)
			ws_engine_reply(c, IMSG_GW_END, 0, NULL, NULL, 0,
			    NULL);
		else if (c->streaming)
			sse_end(c);
		break;
	default:
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		break;
	}
}

/*
 * Shutting down: exit once every connection is closed, its answer
 * written, or when the time is up.
 */
static void
gw_stop_wait(evutil_socket_t fd, short ev, void *arg)
{
	struct timeval	 tv = { 0, 20 * 1000 };
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (nconns == 0 || timespeccmp(&now, &gw.stopdue, >=)) {
		if (nconns > 0)
			log_info("%zu connection(s) not closed in time",
			    nconns);
		exit(0);
	}
	evtimer_add(gw.stoptimer, &tv);
}

/*
 * The parent closed the channel: accept no more, and answer each
 * request under way 503 shutting_down (the engine cancels its call, as
 * for a client gone: a run is ended, an approval withdrawn) instead of
 * cutting the connection; a WebSocket is closed "going away".  Then
 * exit once the answers are written.
 */
int
gateway_stopping(struct proc_ctx *ctx)
{
	static const char	 msg[] = "harnessd is shutting down";
	struct gw_conn		*c, *next;
	struct timespec		 wait = { (PROC_STOP_MS * 3 / 4) / 1000,
				    ((PROC_STOP_MS * 3 / 4) % 1000) * 1000000 };
	size_t			 i, n = 0;

	gw.stopping = 1;
	for (i = 0; i < nlisteners; i++) {
		event_del(listeners[i].ev);
		event_del(listeners[i].pause);
	}
	TAILQ_FOREACH_SAFE(c, &conns, entry, next) {
		if (c->closing)
			continue;
		if (c->ws) {
			if (c->busy && c->ws_id != NULL) {
				ws_error(c, c->ws_id, "shutting_down", "%s",
				    msg);
				n++;
			}
			ws_fail(c, WS_CLOSE_GOING_AWAY, msg);
			continue;
		}
		if (c->busy || c->streaming) {
			conn_end_request(c, 503, "shutting_down", msg);
			n++;
		} else if (c->started || c->waitkey) {
			c->waitkey = 0;
			gw_error(c, 503, "shutting_down", "%s", msg);
		} else {
			conn_free(c);
			continue;
		}
		conn_close_soon(c);
	}
	if (n > 0)
		log_info("%zu request(s) under way refused, shutting down", n);
	if (nconns == 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &gw.stopdue);
	timespecadd(&gw.stopdue, &wait, &gw.stopdue);
	if ((gw.stoptimer = evtimer_new(ctx->base, gw_stop_wait, NULL)) ==
	    NULL)
		return 0;
	gw_stop_wait(-1, 0, NULL);
	return 1;
}

void
gateway_run(struct proc_ctx *ctx)
{
	static const int syscalls[] = {
		SYS_accept, SYS_getsockname, SYS_getpeername,
		SYS_memfd_create, SYS_ftruncate,
	};
	struct proc_confine_spec spec;
	struct timeval		 tv = { PEER_SUMMARY_SECS, 0 };
	struct timeval		 second = { 1, 0 };
	struct event		*tick, *ping;

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
	if ((tick = event_new(ctx->base, -1, EV_PERSIST, refusal_tick,
	    NULL)) == NULL || event_add(tick, &tv) == -1)
		fatalx("cannot set up the refusal summaries");
	if ((ping = event_new(ctx->base, -1, EV_PERSIST, engine_ping,
	    NULL)) == NULL || event_add(ping, &second) == -1)
		fatalx("cannot set up the engine's pings");

	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
	event_free(tick);
	event_free(ping);
	auth_shutdown();
}
