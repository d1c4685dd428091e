/*
 * The tool path.  A call (POST /v1/tools/NAME/call or POST /v1/exec)
 * goes through, in order and each step refusing on failure:
 *
 *	validate	the arguments against the tool's JSON Schema
 *	classify	hitld: rules, and a person when the policy says ask
 *	cache		a cacheable tool's earlier result for the same
 *			(tool, canonical arguments), within its TTL
 *	run		sandboxd, which fetches the tool's granted secrets
 *			from vaultd and redacts their values from the output
 *	scan		lib/secscan over the output: what looks like a
 *			credential is redacted and each hit audited
 *	audit		auditd: a tool.call record, handed to auditd before
 *			the result is given out (see call_finish())
 *	reply		JSON, or a stream of SSE events with ?stream=1
 *
 * The engine holds one connection each to hitld and sandboxd, made by
 * its parent (proc_request_connect) on first use and again after a
 * loss.  Whatever goes wrong on the way is the caller's refusal, with
 * the cause: "denied by rule X", "approval timed out", "vault is
 * sealed", "sandbox setup failed: ...", "auditd unreachable: ...".
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <sodium.h>

#include "auditc.h"
#include "auditlog.h"
#include "conf.h"
#include "control.h"
#include "engine.h"
#include "harness.h"
#include "harnessd.h"
#include "hitlc.h"
#include "http.h"
#include "imsgev.h"
#include "jsonschema.h"
#include "log.h"
#include "proc.h"
#include "proto.h"
#include "risk.h"
#include "sandboxc.h"
#include "secscan.h"
#include "utf8.h"
#include "wire.h"

#define CALL_OUTPUT_MAX		(8 * 1024 * 1024)	/* per stream */
#define CALL_EVENT_CHUNK	2048	/* escaped, fits one message */
#define CALL_MAX		1024		/* calls at once */
/*
 * A peer that stops answering (stopped, wedged) must not hold a call
 * forever.  hitld answers at once, or says the call waits for a person
 * and for how long; sandboxd ends a run by its time limit.  Past these,
 * the call is refused (fail secure) and withdrawn.
 */
#define CALL_HITLD_ANSWER_MS	10000	/* a verdict, or "pending" */
#define CALL_HITLD_GRACE_MS	10000	/* past the approval deadline */
#define CALL_RUN_GRACE_MS	10000	/* past the run's time limit */
#define CACHE_MAX_ENTRIES	1024
#define CACHE_MAX_BYTES		(64 * 1024 * 1024)
#define CALL_AUDIT_ARGS_MAX	4096
/* A call's JSON arguments; past one message they reach hitld in a
   memfd (and twice over, as the code of a code tool, within
   HITL_MSG_MAX). */
#define CALL_ARGS_MAX		(1024 * 1024)

enum peer_idx { PEER_HITLD, PEER_SANDBOXD, PEER_MAX };

struct peer {
	enum daemon_id	 id;
	const char	*name;
	struct imsgev	*iev;
	int		 connecting;
};

enum call_state {
	CS_CLASSIFY_WAIT,	/* for the hitld connection */
	CS_CLASSIFY,		/* asked hitld */
	CS_RUN_WAIT,		/* for the sandboxd connection */
	CS_RUN,			/* asked sandboxd */
	CS_AUDIT,		/* the record is on its way */
	CS_DONE,
};

struct outpipe {
	int		 fd;
	struct event	*ev;
	char		*buf;
	size_t		 len, cap;
	size_t		 dropped;
	int		 eof;
	size_t		 streamed;	/* bytes sent as events */
};

struct call {
	TAILQ_ENTRY(call) entry;
	struct proc_ctx	*ctx;
	uint32_t	 id;		/* the gateway's request id */
	uint32_t	 cid;		/* ours, towards hitld and sandboxd */
	enum call_state	 state;
	int		 stream;
	int		 streaming;	/* an event went out */
	int		 cancelled;
	struct timespec	 t0;
	struct event	*due;		/* the peer's time to answer */
	uint64_t	 due_ms;

	char		 tool[CONF_NAME_MAX];
	char		 who[80];
	char		 session[SANDBOX_SESSION_MAX];	/* as the client
							   named it */
	char		 scoped[SANDBOX_SESSION_MAX];	/* ...and whose */
	char		*args;		/* canonical JSON text */
	uint64_t	 cache_ttl_ms;
	unsigned char	 cache_key[crypto_hash_sha256_BYTES];

	struct hitl_req	 hreq;
	struct hitl_verdict v;
	uint32_t	 approval_id;

	struct sandbox_req sreq;
	char		*code;
	size_t		 code_len;
	char		*stdin_data;
	size_t		 stdin_len;
	int		 has_stdin;

	struct sandbox_result res;
	int		 have_result;
	int		 started;
	struct outpipe	 out, err;
	struct json_object *result;	/* the reply, once built */
	struct json_object *patterns;	/* secret patterns found so far */
	int		 status;
};

struct cache_ent {
	TAILQ_ENTRY(cache_ent) entry;
	unsigned char	 key[crypto_hash_sha256_BYTES];
	struct timespec	 expires;
	char		*json;		/* the result object's text */
	size_t		 len;
};

static TAILQ_HEAD(, call) calls = TAILQ_HEAD_INITIALIZER(calls);
static TAILQ_HEAD(cache_head, cache_ent) cache =
    TAILQ_HEAD_INITIALIZER(cache);
static size_t		 ncalls, ncache, cache_bytes;
static uint32_t		 next_cid = 1;
static struct peer	 peers[PEER_MAX] = {
	[PEER_HITLD] = { D_HITLD, "hitld", NULL, 0 },
	[PEER_SANDBOXD] = { D_SANDBOXD, "sandboxd", NULL, 0 },
};
static struct proc_ctx	*cctx;

static void	 call_classify(struct call *);
static void	 call_run(struct call *);
static void	 call_finish(struct call *);
static void	 call_refuse(struct call *, int, const char *, const char *,
		    ...) __attribute__((__format__ (printf, 4, 5)));
static void	 call_free(struct call *);
static void	 peer_connect(enum peer_idx);

static int64_t
ms_since(const struct timespec *t0)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static struct call *
call_by_cid(uint32_t cid)
{
	struct call	*c;

	TAILQ_FOREACH(c, &calls, entry)
		if (c->cid == cid)
			return c;
	return NULL;
}

/*
 * Bytes as a JSON string: invalid UTF-8 becomes U+FFFD so that every
 * reply is valid JSON whatever the program printed.
 */
static struct json_object *
json_bytes(const char *p, size_t len)
{
	struct json_object	*o;
	char			*s;
	size_t			 k;

	if (utf8_valid(p, len))
		return json_object_new_string_len(p, (int)len);
	if ((s = utf8_sanitize(p, len, &k)) == NULL)
		return json_object_new_string("");
	o = json_object_new_string_len(s, (int)k);
	free(s);
	return o;
}

/* ---------------------------------------------------------------- */
/* Connections to hitld and sandboxd. */

static void	 peer_dispatch(struct imsgev *, struct imsg *, void *);

static int
peer_compose(enum peer_idx p, uint32_t type, uint32_t cid, int fd,
    const void *data, size_t len)
{
	if (peers[p].iev == NULL) {
		if (fd != -1)
			close(fd);
		errno = ENOTCONN;
		return -1;
	}
	return imsgev_compose(peers[p].iev, type, cid, fd, data, len);
}

static int
sbx_compose(void *arg, uint32_t type, uint32_t cid, int fd,
    const void *data, size_t len)
{
	return peer_compose(PEER_SANDBOXD, type, cid, fd, data, len);
}

static void
peer_connect(enum peer_idx p)
{
	if (peers[p].iev != NULL || peers[p].connecting)
		return;
	peers[p].connecting = 1;
	if (proc_request_connect(cctx, peers[p].id) == -1) {
		peers[p].connecting = 0;
		log_warn("cannot ask the parent to connect to %s",
		    peers[p].name);
	}
}

/* Calls that wait for a peer go on, or fail with why. */
static void
peer_waiters(enum peer_idx p, const char *why)
{
	struct call	*c, *n;
	enum call_state	 st = p == PEER_HITLD ? CS_CLASSIFY_WAIT :
			    CS_RUN_WAIT;

	TAILQ_FOREACH_SAFE(c, &calls, entry, n) {
		if (c->state != st)
			continue;
		if (why != NULL) {
			if (p == PEER_HITLD) {
				eng_count(cctx, "approvals", "error");
				call_refuse(c, 503, "hitld_unavailable",
				    "denied: hitld unreachable: %s", why);
			} else
				call_refuse(c, 503, "sandboxd_unavailable",
				    "sandboxd unreachable: %s", why);
		} else if (p == PEER_HITLD)
			call_classify(c);
		else
			call_run(c);
	}
}

int
call_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t id, int fd)
{
	enum peer_idx	 p;
	char		 name[64];

	if (type != IMSG_PROC_CONNECTED)
		return 0;
	for (p = 0; p < PEER_MAX; p++)
		if (peers[p].id == (enum daemon_id)id)
			break;
	if (p == PEER_MAX)
		return 0;
	peers[p].connecting = 0;
	if (peers[p].iev != NULL) {
		if (fd != -1)
			close(fd);
		return 1;
	}
	if (fd == -1) {
		log_warnx("cannot connect to %s", peers[p].name);
		peer_waiters(p, "the parent could not connect to its control "
		    "socket (is it running?)");
		return 1;
	}
	if ((peers[p].iev = calloc(1, sizeof(*peers[p].iev))) == NULL) {
		close(fd);
		peer_waiters(p, "out of memory");
		return 1;
	}
	snprintf(name, sizeof(name), "%s", peers[p].name);
	if (imsgev_init(peers[p].iev, ctx->base, fd, peer_dispatch,
	    &peers[p], name) == -1) {
		free(peers[p].iev);
		peers[p].iev = NULL;
		close(fd);
		peer_waiters(p, "cannot set up the connection");
		return 1;
	}
	log_info("connected to %s", peers[p].name);
	peer_waiters(p, NULL);
	return 1;
}

static void
peer_lost(enum peer_idx p, const char *why)
{
	struct call	*c, *n;

	log_warnx("connection to %s lost: %s", peers[p].name, why);
	free(peers[p].iev);
	peers[p].iev = NULL;
	TAILQ_FOREACH_SAFE(c, &calls, entry, n) {
		if (p == PEER_HITLD && c->state == CS_CLASSIFY) {
			eng_count(cctx, "approvals", "error");
			call_refuse(c, 503, "hitld_unavailable", "denied: "
			    "hitld failed while deciding (%s)", why);
		} else if (p == PEER_SANDBOXD && c->state == CS_RUN) {
			eng_count(cctx, "sandbox_runs", "refused");
			call_refuse(c, 503, "sandboxd_unavailable",
			    "sandboxd failed during the run (%s)", why);
		}
	}
}

/* ---------------------------------------------------------------- */
/* Refusals and results. */

static void
audit_refusal(struct call *c, const char *code, const char *msg)
{
	struct json_object	*o;

	o = json_object_new_object();
	json_object_object_add(o, "tool", json_object_new_string(c->tool));
	json_object_object_add(o, "outcome",
	    json_object_new_string("refused"));
	json_object_object_add(o, "code", json_object_new_string(code));
	json_object_object_add(o, "reason", json_object_new_string(msg));
	if (c->v.rule[0] != '\0')
		json_object_object_add(o, "rule",
		    json_object_new_string(c->v.rule));
	if (audit_event("tool.call", c->session, c->who,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), 0,
	    NULL, NULL) == -1)
		log_warnx("cannot audit a refused call of %s", c->tool);
	json_object_put(o);
}

static void
call_refuse(struct call *c, int status, const char *code, const char *fmt,
    ...)
{
	struct json_object	*o;
	va_list			 ap;
	char			 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_info("call %u: %s %s refused: %s", c->cid, c->who, c->tool, msg);
	audit_refusal(c, code, msg);
	if (!c->cancelled) {
		o = eng_error_obj(code, msg);
		if (c->streaming) {
			json_object_object_add(o, "status",
			    json_object_new_int(status));
			eng_event(c->ctx, c->id, "error", o);
			eng_end(c->ctx, c->id);
		} else
			eng_reply_obj(c->ctx, c->id, status, o);
		json_object_put(o);
	}
	call_free(c);
}

static void
call_event(struct call *c, const char *event, struct json_object *data)
{
	if (c->stream && !c->cancelled) {
		eng_event(c->ctx, c->id, event, data);
		c->streaming = 1;
	}
	json_object_put(data);
}

static void
outpipe_close(struct outpipe *op)
{
	if (op->ev != NULL) {
		event_free(op->ev);
		op->ev = NULL;
	}
	if (op->fd != -1) {
		close(op->fd);
		op->fd = -1;
	}
}

static void
call_free(struct call *c)
{
	TAILQ_REMOVE(&calls, c, entry);
	ncalls--;
	if (c->due != NULL)
		event_free(c->due);
	outpipe_close(&c->out);
	outpipe_close(&c->err);
	free(c->out.buf);
	free(c->err.buf);
	free(c->args);
	free(c->code);
	if (c->stdin_data != NULL)
		freezero(c->stdin_data, c->stdin_len);
	hitl_req_free(&c->hreq);
	sandbox_req_free(&c->sreq);
	json_object_put(c->result);
	json_object_put(c->patterns);
	free(c);
}

/* ---------------------------------------------------------------- */
/* The result cache: (tool, canonical arguments) -> result, with a TTL. */

static void
cache_drop(struct cache_ent *e)
{
	TAILQ_REMOVE(&cache, e, entry);
	ncache--;
	cache_bytes -= e->len;
	free(e->json);
	free(e);
}

static int
ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec &&
	    a->tv_nsec < b->tv_nsec);
}

static struct cache_ent *
cache_find(const unsigned char *key)
{
	struct cache_ent	*e, *n;
	struct timespec		 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	TAILQ_FOREACH_SAFE(e, &cache, entry, n) {
		if (ts_before(&e->expires, &now)) {
			cache_drop(e);
			continue;
		}
		if (sodium_memcmp(e->key, key, sizeof(e->key)) == 0) {
			/* Most recently used first. */
			TAILQ_REMOVE(&cache, e, entry);
			TAILQ_INSERT_HEAD(&cache, e, entry);
			return e;
		}
	}
	return NULL;
}

static void
cache_store(struct call *c, const char *json)
{
	struct cache_ent	*e;
	size_t			 len = strlen(json);

	if (len > CACHE_MAX_BYTES / 16)
		return;
	if ((e = cache_find(c->cache_key)) != NULL)
		cache_drop(e);
	while (!TAILQ_EMPTY(&cache) && (ncache >= CACHE_MAX_ENTRIES ||
	    cache_bytes + len > CACHE_MAX_BYTES))
		cache_drop(TAILQ_LAST(&cache, cache_head));
	if ((e = calloc(1, sizeof(*e))) == NULL ||
	    (e->json = strdup(json)) == NULL) {
		free(e);
		return;
	}
	memcpy(e->key, c->cache_key, sizeof(e->key));
	e->len = len;
	clock_gettime(CLOCK_MONOTONIC, &e->expires);
	e->expires.tv_sec += (time_t)(c->cache_ttl_ms / 1000);
	e->expires.tv_nsec += (long)(c->cache_ttl_ms % 1000) * 1000000;
	if (e->expires.tv_nsec >= 1000000000) {
		e->expires.tv_sec++;
		e->expires.tv_nsec -= 1000000000;
	}
	TAILQ_INSERT_HEAD(&cache, e, entry);
	ncache++;
	cache_bytes += len;
}

/* ---------------------------------------------------------------- */
/* Output. */

/*
 * Scan text for credentials; hits are replaced and each pattern found
 * is audited once per call.  Returns a new JSON string.
 */
static struct json_object *
scan_text(struct call *c, const char *stream, const char *p, size_t len,
    struct json_object *patterns)
{
	struct secscan_hit	 hits[16];
	struct json_object	*o, *b;
	char			*out = NULL;
	size_t			 outlen, i, j;
	int			 n, seen;

	n = secscan_redact(p, len, &out, &outlen, hits,
	    sizeof(hits) / sizeof(hits[0]));
	if (n <= 0) {
		free(out);
		return json_bytes(p, len);
	}
	for (i = 0; i < (size_t)n && i < sizeof(hits) / sizeof(hits[0]);
	    i++) {
		seen = 0;
		for (j = 0; patterns != NULL &&
		    j < json_object_array_length(patterns); j++)
			if (strcmp(json_object_get_string(
			    json_object_array_get_idx(patterns, j)),
			    hits[i].pattern) == 0)
				seen = 1;
		if (seen)
			continue;
		if (patterns != NULL)
			json_object_array_add(patterns,
			    json_object_new_string(hits[i].pattern));
		b = json_object_new_object();
		json_object_object_add(b, "tool",
		    json_object_new_string(c->tool));
		json_object_object_add(b, "stream",
		    json_object_new_string(stream));
		json_object_object_add(b, "pattern",
		    json_object_new_string(hits[i].pattern));
		if (audit_event("secret.detected", c->session, c->who,
		    json_object_to_json_string_ext(b, JSON_C_TO_STRING_PLAIN),
		    0, NULL, NULL) == -1)
			log_warnx("cannot audit a secret found in output");
		json_object_put(b);
	}
	o = json_bytes(out, outlen);
	freezero(out, outlen);
	return o;
}

/* Complete lines (or a full chunk) go out as events as they come. */
static void
stream_output(struct call *c, struct outpipe *op, const char *name, int all)
{
	struct json_object	*d;
	size_t			 n, cut, i;

	while (op->streamed < op->len) {
		n = op->len - op->streamed;
		if (n > CALL_EVENT_CHUNK)
			n = CALL_EVENT_CHUNK;
		cut = n;
		if (!all || n == CALL_EVENT_CHUNK) {
			/* Whole lines, so that a scan sees whole tokens. */
			for (i = n; i > 0; i--)
				if (op->buf[op->streamed + i - 1] == '\n')
					break;
			if (i > 0)
				cut = i;
			else if (n < CALL_EVENT_CHUNK)
				return;		/* wait for the line's end */
		}
		/* Never inside a UTF-8 sequence (but do not stall). */
		for (i = 0; i < 3 && cut > 1 && op->streamed + cut < op->len &&
		    ((unsigned char)op->buf[op->streamed + cut] & 0xc0) ==
		    0x80; i++)
			cut--;
		d = json_object_new_object();
		json_object_object_add(d, "data", scan_text(c, name,
		    op->buf + op->streamed, cut, c->patterns));
		call_event(c, name, d);
		op->streamed += cut;
	}
}

/* A cached result's output, as the events a run would have sent. */
static void
stream_cached(struct call *c, struct json_object *res, const char *name,
    struct outpipe *op)
{
	struct json_object	*v, *d;
	const char		*p;
	size_t			 len, n;

	if (!json_object_object_get_ex(res, name, &v))
		return;
	p = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	op->len = len;
	while (len > 0) {
		n = len > CALL_EVENT_CHUNK ? CALL_EVENT_CHUNK : len;
		/* Not inside a UTF-8 sequence. */
		while (n < len && n > 1 && ((unsigned char)p[n] & 0xc0) ==
		    0x80)
			n--;
		d = json_object_new_object();
		json_object_object_add(d, "data",
		    json_object_new_string_len(p, (int)n));
		call_event(c, name, d);
		p += n;
		len -= n;
	}
}

static void
maybe_finish(struct call *c)
{
	if (c->have_result && c->out.fd == -1 && c->err.fd == -1)
		call_finish(c);
}

static void
pipe_read(evutil_socket_t fd, short ev, void *arg)
{
	struct call	*c = arg;
	struct outpipe	*op = fd == c->out.fd ? &c->out : &c->err;
	char		 buf[65536];
	ssize_t		 n;
	size_t		 room;

	n = read(fd, buf, sizeof(buf));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		outpipe_close(op);
		if (c->stream)
			stream_output(c, op, op == &c->out ? "stdout" :
			    "stderr", 1);
		maybe_finish(c);
		return;
	}
	room = CALL_OUTPUT_MAX - op->len;
	if ((size_t)n > room) {
		op->dropped += (size_t)n - room;
		n = (ssize_t)room;
	}
	if (n > 0) {
		if (op->len + (size_t)n > op->cap) {
			size_t	 ncap = op->cap ? op->cap * 2 : 65536;
			char	*nb;

			while (ncap < op->len + (size_t)n)
				ncap *= 2;
			if ((nb = realloc(op->buf, ncap)) == NULL) {
				op->dropped += (size_t)n;
				return;
			}
			op->buf = nb;
			op->cap = ncap;
		}
		memcpy(op->buf + op->len, buf, (size_t)n);
		op->len += (size_t)n;
	}
	if (c->stream)
		stream_output(c, op, op == &c->out ? "stdout" : "stderr", 0);
}

static void
take_pipe(struct call *c, struct outpipe *op, int fd)
{
	if (op->fd != -1 || fd == -1) {
		if (fd != -1)
			close(fd);
		return;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1 ||
	    (op->ev = event_new(c->ctx->base, fd, EV_READ | EV_PERSIST,
	    pipe_read, c)) == NULL || event_add(op->ev, NULL) == -1) {
		log_warn("%s", __func__);
		if (op->ev != NULL)
			event_free(op->ev);
		op->ev = NULL;
		close(fd);
		return;
	}
	op->fd = fd;
}

/* ---------------------------------------------------------------- */
/* The steps. */

static struct json_object *
verdict_json(const struct call *c)
{
	struct json_object	*o;

	o = json_object_new_object();
	json_object_object_add(o, "risk",
	    json_object_new_string(risk_level_name(c->v.level)));
	json_object_object_add(o, "decision",
	    json_object_new_string(risk_decision_name(c->v.decision)));
	json_object_object_add(o, "how",
	    json_object_new_string(hitl_how_name(c->v.how)));
	json_object_object_add(o, "rule", c->v.rule[0] ?
	    json_object_new_string(c->v.rule) : NULL);
	if (c->v.rule[0] != '\0') {
		json_object_object_add(o, "file",
		    json_object_new_string(c->v.file));
		json_object_object_add(o, "line",
		    json_object_new_int((int)c->v.line));
	}
	json_object_object_add(o, "reason",
	    json_object_new_string(c->v.reason));
	if (c->v.by[0] != '\0')
		json_object_object_add(o, "approver",
		    json_object_new_string(c->v.by));
	if (c->approval_id != 0)
		json_object_object_add(o, "approval_id",
		    json_object_new_int64(c->approval_id));
	return o;
}

/* A call waiting for hitld leaves its queue. */
static void
call_withdraw(struct call *c)
{
	if (peer_compose(PEER_HITLD, IMSG_HITL_CANCEL, c->cid, -1, NULL,
	    0) == -1)
		log_warnx("call %u: cannot withdraw it from hitld", c->cid);
}

/* A call's run ends now; its result is audited as usual. */
static void
call_kill(struct call *c)
{
	if (peer_compose(PEER_SANDBOXD, IMSG_SANDBOX_KILL, c->cid, -1, NULL,
	    0) == -1)
		log_warnx("call %u: cannot ask sandboxd to end it", c->cid);
}

/* The peer did not answer in time: withdraw the call and refuse it. */
static void
call_overdue(int fd, short ev, void *arg)
{
	struct call	*c = arg;
	unsigned long long s = (c->due_ms + 999) / 1000;

	switch (c->state) {
	case CS_CLASSIFY:
		call_withdraw(c);
		log_warnx("call %u: hitld did not answer within %llus",
		    c->cid, s);
		eng_count(c->ctx, "approvals", "error");
		call_refuse(c, 503, "hitld_unavailable", "denied: hitld did "
		    "not answer within %llus", s);
		break;
	case CS_RUN:
		call_kill(c);
		log_warnx("call %u: sandboxd did not end the run within "
		    "%llus", c->cid, s);
		eng_count(c->ctx, "sandbox_runs", "refused");
		call_refuse(c, 503, "sandboxd_unavailable", "sandboxd did not "
		    "end the run within %llus (its time limit and %ds more)",
		    s, CALL_RUN_GRACE_MS / 1000);
		break;
	default:
		break;		/* answered meanwhile */
	}
}

/* From now, the peer has ms to answer the call in its present state. */
static void
call_due(struct call *c, uint64_t ms)
{
	struct timeval	 tv;

	if (c->due == NULL &&
	    (c->due = evtimer_new(c->ctx->base, call_overdue, c)) == NULL) {
		log_warn("call %u: no deadline for its peer", c->cid);
		return;
	}
	c->due_ms = ms;
	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
	evtimer_add(c->due, &tv);
}

static void
call_classify(struct call *c)
{
	struct wbuf	 wb;
	int		 rc, fd;

	if (peers[PEER_HITLD].iev == NULL) {
		c->state = CS_CLASSIFY_WAIT;
		peer_connect(PEER_HITLD);
		return;
	}
	/*
	 * Every verdict we act on goes into a record of ours that is
	 * durable before we act (sandbox.start carries it, or tool.call
	 * for a cached result), so hitld need not wait for its own.
	 */
	c->hreq.flags |= HITL_REQ_RECORDED;
	/* One message, or a sealed memfd when it is larger. */
	rc = hitl_req_pack(&wb, &c->hreq, &fd);
	if (rc == -1 && errno == EMSGSIZE && c->hreq.input != NULL) {
		/* Without the input's text, then: only that it has one. */
		wire_free(&wb);
		free(c->hreq.input);
		c->hreq.input = NULL;
		c->hreq.flags |= HITL_REQ_INPUT_CUT;
		rc = hitl_req_pack(&wb, &c->hreq, &fd);
	}
	if (rc == -1) {
		if (errno == EMSGSIZE)
			call_refuse(c, 413, "too_large", "the call is too "
			    "large to classify (at most %d bytes of command, "
			    "arguments and environment)", HITL_MSG_MAX);
		else
			call_refuse(c, 503, "hitld_unavailable", "denied: "
			    "cannot ask hitld: %s", strerror(errno));
		wire_free(&wb);
		return;
	}
	rc = peer_compose(PEER_HITLD, IMSG_HITL_CLASSIFY, c->cid, fd,
	    fd == -1 ? wire_data(&wb) : NULL, fd == -1 ? wb.len : 0);
	wire_free(&wb);
	if (rc == -1) {
		call_refuse(c, 503, "hitld_unavailable", "denied: cannot ask "
		    "hitld: %s", strerror(errno));
		return;
	}
	c->state = CS_CLASSIFY;
	call_due(c, CALL_HITLD_ANSWER_MS);
}

static void
verdict(struct call *c, struct imsg *imsg)
{
	struct rbuf		 rb;
	const char		*label;

	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (hitl_verdict_decode(&rb, &c->v) == -1) {
		hitl_verdict_deny(&c->v, "malformed verdict from hitld");
		log_warnx("call %u: malformed verdict from hitld", c->cid);
	}
	if (c->v.asked || c->v.how == HITL_HOW_APPROVER ||
	    c->v.how == HITL_HOW_TIMEOUT || c->v.how == HITL_HOW_ERROR) {
		if (c->v.how == HITL_HOW_TIMEOUT)
			label = "timeout";
		else if (c->v.how == HITL_HOW_ERROR)
			label = "error";
		else if (c->v.how == HITL_HOW_SESSION)
			label = "session";
		else
			label = c->v.decision == RISK_ALLOW ? "allow" : "deny";
		eng_count(c->ctx, "approvals", label);
	}
	call_event(c, "verdict", verdict_json(c));
	if (c->v.decision != RISK_ALLOW) {
		eng_count(c->ctx, "sandbox_runs", "refused");
		switch (c->v.how) {
		case HITL_HOW_TIMEOUT:
			call_refuse(c, 403, "approval_timeout",
			    "approval timed out");
			break;
		case HITL_HOW_APPROVER:
			call_refuse(c, 403, "denied", "denied by %s",
			    c->v.by[0] ? c->v.by : "an approver");
			break;
		case HITL_HOW_ERROR:
		case HITL_HOW_CANCEL:
			call_refuse(c, 503, strstr(c->v.reason, "audit") ?
			    "audit_unavailable" : "hitld_error", "%s%s",
			    strncmp(c->v.reason, "denied", 6) == 0 ? "" :
			    "denied: ", c->v.reason);
			break;
		default:
			if (c->v.rule[0] != '\0')
				call_refuse(c, 403, "denied", "denied by rule "
				    "%s (%s:%u, risk %s)", c->v.rule, c->v.file,
				    c->v.line, risk_level_name(c->v.level));
			else
				call_refuse(c, 403, "denied", "denied by "
				    "policy: no rule matched and the default "
				    "is %s", risk_decision_name(c->v.decision));
			break;
		}
		return;
	}
	/* Allowed: a cached result, or a run. */
	if (c->cache_ttl_ms > 0) {
		struct cache_ent	*e;
		struct json_object	*o;

		if ((e = cache_find(c->cache_key)) != NULL &&
		    (o = json_tokener_parse(e->json)) != NULL) {
			if (c->stream) {
				stream_cached(c, o, "stdout", &c->out);
				stream_cached(c, o, "stderr", &c->err);
			}
			json_object_object_add(o, "cached",
			    json_object_new_boolean(1));
			json_object_object_add(o, "verdict", verdict_json(c));
			c->result = o;
			c->status = 200;
			c->have_result = 1;
			c->state = CS_AUDIT;
			call_finish(c);
			return;
		}
	}
	call_run(c);
}

/*
 * The verdict as sandboxd records it with sandbox.start, e.g. "allow
 * (policy), risk low, rule harmless at harness.conf:40".  Printable
 * ASCII only.
 */
static void
approval_text(const struct call *c, char *buf, size_t len)
{
	char	*p;
	int	 n;

	n = snprintf(buf, len, "%s (%s%s%s), risk %s",
	    risk_decision_name(c->v.decision), hitl_how_name(c->v.how),
	    c->v.by[0] ? " " : "", c->v.by, risk_level_name(c->v.level));
	if (n >= 0 && (size_t)n < len && c->v.rule[0] != '\0')
		snprintf(buf + n, len - n, ", rule %s at %s:%u", c->v.rule,
		    c->v.file, c->v.line);
	else if (n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - n, ", no rule matched");
	for (p = buf; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
}

static void
call_run(struct call *c)
{
	char		 err[512];
	uint64_t	 wall;
	int		 fd = -1;

	if (peers[PEER_SANDBOXD].iev == NULL) {
		c->state = CS_RUN_WAIT;
		peer_connect(PEER_SANDBOXD);
		return;
	}
	c->state = CS_RUN;
	approval_text(c, c->sreq.approval, sizeof(c->sreq.approval));
	if (c->has_stdin) {
		if ((fd = sandbox_memfd("stdin", c->stdin_data,
		    c->stdin_len)) == -1) {
			call_refuse(c, 500, "internal", "cannot pass stdin");
			return;
		}
		c->sreq.flags |= SANDBOX_F_STDIN;
	}
	if (sandbox_send(sbx_compose, NULL, c->cid, &c->sreq, c->code,
	    c->code_len, fd, err, sizeof(err)) == -1) {
		eng_count(c->ctx, "sandbox_runs", "refused");
		call_refuse(c, 400, "bad_request", "%s", err);
		return;
	}
	/* Its time limit, or sandboxd's default one (0: none). */
	wall = c->sreq.lim.wall_ms != 0 ? c->sreq.lim.wall_ms :
	    c->ctx->conf->sandboxd.limits.wall_ms;
	if (wall != 0 && wall < UINT32_MAX)
		call_due(c, wall + CALL_RUN_GRACE_MS);
	else if (c->due != NULL)
		evtimer_del(c->due);
}

static void
sandbox_msg(struct call *c, struct imsg *imsg)
{
	struct json_object	*o;
	struct proc_ctx		*ctx;
	struct rbuf		 rb;
	uint32_t		 reason;
	uint32_t		 v, class;
	char			 msg[1024];

	switch (imsg->hdr.type) {
	case IMSG_SANDBOX_QUEUED:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &v) == -1)
			v = 0;
		o = json_object_new_object();
		json_object_object_add(o, "position",
		    json_object_new_int64(v));
		call_event(c, "queued", o);
		break;
	case IMSG_SANDBOX_STARTED:
		c->started = 1;
		o = json_object_new_object();
		json_object_object_add(o, "tool",
		    json_object_new_string(c->tool));
		call_event(c, "started", o);
		break;
	case IMSG_SANDBOX_STDOUT:
		take_pipe(c, &c->out, imsg->fd);
		imsg->fd = -1;
		break;
	case IMSG_SANDBOX_STDERR:
		take_pipe(c, &c->err, imsg->fd);
		imsg->fd = -1;
		break;
	case IMSG_SANDBOX_RESULT:
		if (sandbox_result_decode(imsg->data, imsg_datalen(imsg),
		    &c->res) == -1) {
			call_refuse(c, 502, "sandboxd_error", "malformed "
			    "result from sandboxd");
			return;
		}
		c->have_result = 1;
		/* the audit record first: the reply waits for it */
		ctx = c->ctx;
		reason = c->res.reason;
		maybe_finish(c);
		eng_count(ctx, "sandbox_runs", sandbox_reason_name(reason));
		break;
	case IMSG_CTL_ERROR:
		/* the reply by what sandboxd says the error is about */
		harness_error_class(imsg, msg, sizeof(msg), &class);
		eng_count(c->ctx, "sandbox_runs", "refused");
		if (class == ERRC_VAULT)
			call_refuse(c, 503, "vault", "%s", msg);
		else if (class == ERRC_AUDIT)
			call_refuse(c, 503, "audit_unavailable", "%s", msg);
		else if (strncmp(msg, "sandboxd is shutting down", 25) == 0)
			call_refuse(c, 503, "sandboxd_unavailable", "%s", msg);
		else
			call_refuse(c, 503, "sandbox_refused", "%s%s",
			    strncmp(msg, "sandbox refused", 15) == 0 ? "" :
			    "sandbox refused: ", msg);
		break;
	default:
		log_warnx("call %u: unexpected message %u from sandboxd",
		    c->cid, imsg->hdr.type);
		break;
	}
}

static void
peer_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	struct peer	*pr = arg;
	enum peer_idx	 p = pr == &peers[PEER_HITLD] ? PEER_HITLD :
			    PEER_SANDBOXD;
	struct call	*c;
	struct rbuf	 rb;
	uint32_t	 id;
	uint64_t	 left;
	char		 msg[1024];

	if (imsg == NULL) {
		peer_lost(p, "closed");
		return;
	}
	if (imsg->hdr.type == IMSG_CTL_HELLO)
		return;
	if ((c = call_by_cid(imsg->hdr.peerid)) == NULL) {
		if (imsg->hdr.type == IMSG_CTL_ERROR && imsg->hdr.peerid == 0) {
			harness_error(imsg, msg, sizeof(msg));
			log_warnx("%s: %s", pr->name, msg);
		}
		return;		/* a call that ended meanwhile */
	}
	if (p == PEER_HITLD) {
		if (c->state != CS_CLASSIFY)
			return;
		switch (imsg->hdr.type) {
		case IMSG_HITL_PENDING:
			wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
			if (wire_get_u32(&rb, &id) == -1 ||
			    wire_get_u64(&rb, &left) == -1)
				break;
			c->approval_id = id;
			log_info("call %u: %s %s waits for approval %u",
			    c->cid, c->who, c->tool, id);
			/* hitld denies it by itself at its deadline */
			call_due(c, (left > UINT32_MAX ? UINT32_MAX : left) +
			    CALL_HITLD_GRACE_MS);
			{
				struct json_object *o = json_object_new_object();

				json_object_object_add(o, "approval_id",
				    json_object_new_int64(id));
				json_object_object_add(o, "timeout_ms",
				    json_object_new_int64((int64_t)left));
				call_event(c, "pending", o);
			}
			break;
		case IMSG_HITL_VERDICT:
			verdict(c, imsg);
			break;
		case IMSG_CTL_ERROR:
			harness_error(imsg, msg, sizeof(msg));
			eng_count(c->ctx, "approvals", "error");
			call_refuse(c, 503, "hitld_error", "denied: hitld: %s",
			    msg);
			break;
		default:
			break;
		}
	} else if (c->state == CS_RUN)
		sandbox_msg(c, imsg);
	else if (imsg->fd != -1) {
		close(imsg->fd);
		imsg->fd = -1;
	}
}

/*
 * The tool.call record of a call already answered: auditd wrote it, or
 * (rarely: it went away meanwhile, or refused it) did not.
 */
static void
outcome_audited(int ok, uint64_t seq, const char *err, void *arg)
{
	uint32_t	 cid = (uint32_t)(uintptr_t)arg;

	if (!ok)
		log_warnx("call %u: its tool.call record was sent but not "
		    "written: %s", cid, err);
	else
		log_debug("call %u: tool.call is audit record %llu", cid,
		    (unsigned long long)seq);
	eng_count(cctx, "audit_records", ok ? "written" : "lost");
}

/* The record was handed to auditd (or, waited for, is durable). */
static void
audited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct call	*c = arg;
	const char	*s;

	if (!ok) {
		json_object_put(c->result);
		c->result = NULL;
		call_refuse(c, 503, "audit_unavailable", "result withheld: %s",
		    err);
		return;
	}
	json_object_object_add(c->result, "elapsed_ms",
	    json_object_new_int64(ms_since(&c->t0)));
	if (!c->cancelled) {
		if (c->stream) {
			struct json_object	*ev = NULL;

			/*
			 * The output went out as events already; the result
			 * event says how much, so it always fits a message.
			 */
			if (json_object_deep_copy(c->result, &ev, NULL) == 0) {
				json_object_object_add(ev, "stdout_bytes",
				    json_object_new_int64((int64_t)c->out.len));
				json_object_object_add(ev, "stderr_bytes",
				    json_object_new_int64((int64_t)c->err.len));
				json_object_object_del(ev, "stdout");
				json_object_object_del(ev, "stderr");
				eng_event(c->ctx, c->id, "result", ev);
				json_object_put(ev);
			} else
				eng_event(c->ctx, c->id, "result", c->result);
			eng_end(c->ctx, c->id);
		} else
			eng_reply_obj(c->ctx, c->id, c->status, c->result);
	}
	if (c->cache_ttl_ms > 0 && c->have_result && !json_object_get_boolean(
	    json_object_object_get(c->result, "cached")) &&
	    c->res.reason == SANDBOX_EXITED && c->res.exit_code == 0) {
		json_object_object_del(c->result, "elapsed_ms");
		json_object_object_del(c->result, "verdict");
		s = json_object_to_json_string_ext(c->result,
		    JSON_C_TO_STRING_PLAIN);
		cache_store(c, s);
	}
	call_free(c);
}

/* The reply waited for the record: durable, or the result withheld. */
static void
outcome_waited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct call	*c = arg;

	eng_count(c->ctx, "audit_records", ok ? "written" : "withheld");
	audited(ok, seq, err, c);
}

/*
 * Nothing ran: the sandbox's setup failed, with sandboxd's detail.  A
 * secret that could not be delivered and a working directory that is
 * not there are the request's doing, refused as harnessd(8) says;
 * sandboxd says which it was (res.fail), the detail's words do not.
 */
static void
setup_failed(struct call *c)
{
	const char	*d = c->res.detail[0] != '\0' ? c->res.detail :
			    "no detail";

	if (c->res.fail == ERRC_VAULT)
		call_refuse(c, 503, "vault", "sandbox refused: %s", d);
	else if (c->res.fail == ERRC_SANDBOX)
		call_refuse(c, 503, "sandbox_refused", "sandbox refused: %s",
		    d);
	else
		call_refuse(c, 500, "sandbox_setup_failed", "sandbox setup "
		    "failed: %s", d);
}

static void
call_finish(struct call *c)
{
	struct json_object	*o, *r, *pats, *a;
	char			 fmt[512];
	const char		*s;

	c->state = CS_AUDIT;
	if (c->result == NULL) {
		if (c->res.reason == SANDBOX_SETUP_FAILED) {
			setup_failed(c);
			return;
		}
		if (c->stream) {
			stream_output(c, &c->out, "stdout", 1);
			stream_output(c, &c->err, "stderr", 1);
		}
		o = json_object_new_object();
		pats = json_object_get(c->patterns);
		json_object_object_add(o, "tool",
		    json_object_new_string(c->tool));
		if (c->session[0] != '\0')
			json_object_object_add(o, "session",
			    json_object_new_string(c->session));
		json_object_object_add(o, "exit_code",
		    json_object_new_int(sandbox_exit_status(&c->res)));
		json_object_object_add(o, "reason", json_object_new_string(
		    sandbox_reason_name(c->res.reason)));
		if (c->res.reason == SANDBOX_EXITED)
			json_object_object_add(o, "status",
			    json_object_new_int(c->res.exit_code));
		if (c->res.signo != 0)
			json_object_object_add(o, "signal",
			    json_object_new_int(c->res.signo));
		if (c->res.syscall[0] != '\0')
			json_object_object_add(o, "syscall",
			    json_object_new_string(c->res.syscall));
		json_object_object_add(o, "stdout", scan_text(c, "stdout",
		    c->out.buf ? c->out.buf : "", c->out.len, pats));
		json_object_object_add(o, "stderr", scan_text(c, "stderr",
		    c->err.buf ? c->err.buf : "", c->err.len, pats));
		json_object_object_add(o, "truncated", json_object_new_boolean(
		    c->res.truncated || c->out.dropped || c->err.dropped));
		json_object_object_add(o, "wall_ms",
		    json_object_new_int64((int64_t)c->res.wall_ms));
		json_object_object_add(o, "cpu_ms",
		    json_object_new_int64((int64_t)c->res.cpu_ms));
		json_object_object_add(o, "memory_peak",
		    json_object_new_int64((int64_t)c->res.mem_peak));
		json_object_object_add(o, "cached",
		    json_object_new_boolean(0));
		if (json_object_array_length(pats) > 0)
			json_object_object_add(o, "secrets_redacted", pats);
		else
			json_object_put(pats);
		json_object_object_add(o, "verdict", verdict_json(c));
		c->result = o;
		c->status = 200;
	}

	/* The record: what ran, for whom, the verdict and the outcome. */
	r = json_object_new_object();
	json_object_object_add(r, "tool", json_object_new_string(c->tool));
	json_object_object_add(r, "outcome", json_object_new_string("ran"));
	s = c->args != NULL ? c->args : "{}";
	if (strlen(s) <= CALL_AUDIT_ARGS_MAX) {
		/* As JSON when clean, else as the redacted text. */
		if (secscan_find(s, strlen(s), NULL, 0) == 0 &&
		    (a = json_tokener_parse(s)) != NULL)
			json_object_object_add(r, "args", a);
		else
			json_object_object_add(r, "args",
			    scan_text(c, "args", s, strlen(s), NULL));
	}
	else
		json_object_object_add(r, "args_truncated",
		    json_object_new_boolean(1));
	json_object_object_add(r, "risk",
	    json_object_new_string(risk_level_name(c->v.level)));
	json_object_object_add(r, "decision",
	    json_object_new_string(risk_decision_name(c->v.decision)));
	json_object_object_add(r, "how",
	    json_object_new_string(hitl_how_name(c->v.how)));
	if (c->v.rule[0] != '\0')
		json_object_object_add(r, "rule",
		    json_object_new_string(c->v.rule));
	if (c->v.by[0] != '\0')
		json_object_object_add(r, "approver",
		    json_object_new_string(c->v.by));
	if (json_object_get_boolean(json_object_object_get(c->result,
	    "cached")))
		json_object_object_add(r, "cached",
		    json_object_new_boolean(1));
	else {
		sandbox_result_fmt(&c->res, fmt, sizeof(fmt));
		json_object_object_add(r, "result",
		    json_object_new_string(fmt));
		json_object_object_add(r, "exit_code",
		    json_object_new_int(sandbox_exit_status(&c->res)));
	}
	if ((pats = json_object_object_get(c->result, "secrets_redacted"))
	    != NULL)
		json_object_object_add(r, "secrets_redacted",
		    json_object_get(pats));
	if (c->cancelled)
		json_object_object_add(r, "cancelled",
		    json_object_new_boolean(1));
	/*
	 * What ran was made durable before it ran (sandboxd's acked
	 * sandbox.start record: tool, session, program, verdict).  This
	 * record, of the outcome, goes to auditd before the reply, on a
	 * live connection, and auditd commits it at once (it is acked):
	 * the reply does not wait for that fsync.  Without a connection
	 * now, the reply waits for one and for the ack, and a failure
	 * withholds the result.  A cached result always waits: its
	 * record is the only one of the call, and holds the verdict
	 * (HITL_REQ_RECORDED: durable before we act on it).
	 */
	s = json_object_to_json_string_ext(r, JSON_C_TO_STRING_PLAIN);
	if (c->started && audit_event("tool.call", c->session, c->who, s,
	    AUDIT_ACK | AUDITC_NOW, outcome_audited,
	    (void *)(uintptr_t)c->cid) == 0) {
		json_object_put(r);
		audit_send_now();
		audited(1, 0, NULL, c);
		return;
	}
	if ((c->started && errno != ENOTCONN) || audit_event("tool.call",
	    c->session, c->who, s, AUDIT_ACK, outcome_waited, c) == -1) {
		const char	*why = strerror(errno);

		eng_count(c->ctx, "audit_records", "withheld");
		json_object_put(r);
		json_object_put(c->result);
		c->result = NULL;
		call_refuse(c, 503, "audit_unavailable", "result withheld: "
		    "cannot send the audit record: %s", why);
		return;
	}
	json_object_put(r);
}

/* ---------------------------------------------------------------- */
/* Building a call from a request. */

static struct json_object *
parse_body(struct proc_ctx *ctx, const struct gw_req *r)
{
	struct json_tokener	*tok;
	struct json_object	*o;

	if (r->blen == 0)
		return json_object_new_object();
	if ((tok = json_tokener_new_ex(JSONSCHEMA_MAX_DEPTH)) == NULL) {
		eng_error(ctx, r->id, 500, "internal", "out of memory");
		return NULL;
	}
	o = json_tokener_parse_ex(tok, r->body, (int)r->blen);
	if (o == NULL || tok->char_offset != (int)r->blen) {
		eng_error(ctx, r->id, 400, "bad_json", "the body is not one "
		    "JSON value: %s", o == NULL ? json_tokener_error_desc(
		    json_tokener_get_error(tok)) : "trailing bytes");
		json_object_put(o);
		json_tokener_free(tok);
		return NULL;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(o, json_type_object)) {
		eng_error(ctx, r->id, 400, "bad_json", "the body must be a "
		    "JSON object");
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct call *
call_new(struct proc_ctx *ctx, const struct gw_req *r, const char *tool)
{
	struct call	*c;
	char		 q[16];

	if (ncalls >= CALL_MAX) {
		eng_error(ctx, r->id, 503, "busy", "too many calls at once "
		    "(%d)", CALL_MAX);
		return NULL;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		eng_error(ctx, r->id, 500, "internal", "out of memory");
		return NULL;
	}
	c->ctx = ctx;
	c->id = r->id;
	c->cid = next_cid++;
	if (next_cid == 0)
		next_cid = 1;
	c->out.fd = c->err.fd = -1;
	c->patterns = json_object_new_array();
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	strlcpy(c->tool, tool, sizeof(c->tool));
	strlcpy(c->who, r->who, sizeof(c->who));
	c->stream = eng_query(r, "stream", q, sizeof(q)) != NULL &&
	    strcmp(q, "0") != 0 && strcmp(q, "false") != 0;
	TAILQ_INSERT_TAIL(&calls, c, entry);
	ncalls++;
	return c;
}

/* The session: from the body, else ?session=, else none. */
static int
take_session(struct call *c, struct json_object *body, const struct gw_req *r)
{
	struct json_object	*v;
	char			 q[SANDBOX_SESSION_MAX + 8];
	const char		*s = NULL;
	unsigned char		 h[crypto_hash_sha256_BYTES];
	char			 tag[9], ws[SANDBOX_NAME_MAX + 16];
	size_t			 i;

	if (body != NULL && json_object_object_get_ex(body, "session", &v)) {
		if (!json_object_is_type(v, json_type_string)) {
			eng_error(c->ctx, c->id, 400, "bad_request",
			    "session: a string");
			return -1;
		}
		s = json_object_get_string(v);
	} else
		s = eng_query(r, "session", q, sizeof(q));
	if (s == NULL)
		return 0;
	/*
	 * Named, a session is 1 to SANDBOX_SESSION_NAME_MAX bytes: its
	 * scoped id (NAME.XXXXXXXX below) must fit the 127 of sandboxd and
	 * hitld.
	 */
	if (!sandbox_session_name_valid(s)) {
		eng_error(c->ctx, c->id, 400, "bad_request", "session: 1 to "
		    "%d of [A-Za-z0-9_.:-], not starting with '.'",
		    SANDBOX_SESSION_NAME_MAX);
		return -1;
	}
	strlcpy(c->session, s, sizeof(c->session));
	/*
	 * A session belongs to the identity that names it: the same name
	 * from another key or uid is another session, with its own
	 * workspace and its own allow-for-session grants in hitld.  The
	 * scoped id is NAME.XXXXXXXX (a hash of the identity), which
	 * hitld keys grants by; the workspace is NAME-XXXXXXXX when that
	 * is a valid name.
	 */
	crypto_hash_sha256(h, (const unsigned char *)c->who, strlen(c->who));
	for (i = 0; i < 4; i++)
		snprintf(tag + i * 2, 3, "%02x", h[i]);
	if ((size_t)snprintf(c->scoped, sizeof(c->scoped), "%s.%s", s, tag) >=
	    sizeof(c->scoped)) {
		eng_error(c->ctx, c->id, 400, "bad_request", "session: at "
		    "most %zu bytes", sizeof(c->scoped) - 10);
		return -1;
	}
	snprintf(ws, sizeof(ws), "%s-%s", s, tag);
	if (strlen(s) + 9 < SANDBOX_NAME_MAX && sandbox_name_valid(ws))
		strlcpy(c->sreq.workspace, ws, sizeof(c->sreq.workspace));
	else {
		crypto_hash_sha256(h, (const unsigned char *)c->scoped,
		    strlen(c->scoped));
		strlcpy(c->sreq.workspace, "s-", sizeof(c->sreq.workspace));
		for (i = 0; i < 20; i++)
			snprintf(c->sreq.workspace + 2 + i * 2, 3, "%02x",
			    h[i]);
	}
	/*
	 * sandboxd and vaultd only record the session: they get it as
	 * the client named it, as every audit record carries it (the
	 * workspace is what is scoped there).
	 */
	strlcpy(c->sreq.session, c->session, sizeof(c->sreq.session));
	return 0;
}

static int
add_str(char ***vp, size_t *np, const char *s)
{
	char	**nv;

	if ((nv = reallocarray(*vp, *np + 1, sizeof(char *))) == NULL)
		return -1;
	*vp = nv;
	if ((nv[*np] = strdup(s)) == NULL)
		return -1;
	(*np)++;
	return 0;
}

static void
set_limits(struct sandbox_limits *l, const struct conf_limits *cl)
{
	l->wall_ms = cl->wall_ms;
	l->cpu_ms = cl->cpu_ms;
	l->mem_bytes = cl->memory;
	l->procs = cl->procs;
	l->out_bytes = cl->output;
	l->fsize_bytes = cl->fsize;
	l->nofile = cl->nofile;
	l->tmp_bytes = cl->tmp;
}

/*
 * Is template word i the script of a shell: the first operand after an
 * option cluster holding 'c' ("-c", "-ec", "-lc") of a shell program,
 * itself possibly behind env?  Values substituted there are quoted.
 */
static int
is_shell_script(const struct etool *t, size_t i)
{
	const char	*b, *w;
	size_t		 k, j;
	int		 cflag = 0;

	for (k = 0; k < t->argc; k++) {
		b = strrchr(t->argv[k], '/');
		b = b != NULL ? b + 1 : t->argv[k];
		if (strcmp(b, "sh") == 0 || strcmp(b, "bash") == 0 ||
		    strcmp(b, "dash") == 0 || strcmp(b, "zsh") == 0 ||
		    strcmp(b, "ksh") == 0 || strcmp(b, "mksh") == 0 ||
		    strcmp(b, "busybox") == 0)
			break;
		if (strcmp(b, "env") != 0 && strchr(t->argv[k], '=') == NULL &&
		    t->argv[k][0] != '-')
			return 0;	/* some other program */
	}
	for (j = k + 1; j < t->argc && j <= i; j++) {
		w = t->argv[j];
		if (strcmp(b, "busybox") == 0 && j == k + 1)
			continue;	/* the applet's name */
		if (w[0] == '-' && w[1] != '-' && w[1] != '\0') {
			if (strchr(w, 'c') != NULL)
				cflag = 1;
			if ((strcmp(w, "-o") == 0 || strcmp(w, "+o") == 0) &&
			    j + 1 < t->argc)
				j++;	/* its argument */
			continue;
		}
		if (strcmp(w, "--") == 0)
			continue;
		/* The first operand: the script when -c was given. */
		return cflag && j == i;
	}
	return 0;
}

/*
 * Replace {name} in a template word by the argument's text.  NULL when
 * the word would be SANDBOX_ARG_MAX bytes or more.
 */
static char *
expand(const struct etool *t, size_t i, struct json_object *args)
{
	const char		*p = t->argv[i], *e, *val;
	struct json_object	*v;
	struct http_buf		 out;
	char			 key[CONF_NAME_MAX];
	size_t			 k;
	int			 quote = is_shell_script(t, i);

	http_buf_init(&out, SANDBOX_ARG_MAX - 1);
	http_buf_add(&out, "", 0);
	while (*p != '\0' && !out.err) {
		if (*p == '{' && (e = strchr(p + 1, '}')) != NULL &&
		    (size_t)(e - p - 1) < sizeof(key) && e > p + 1) {
			memcpy(key, p + 1, (size_t)(e - p - 1));
			key[e - p - 1] = '\0';
			for (k = 0; key[k] != '\0'; k++)
				if (!(key[k] == '_' || key[k] == '-' ||
				    (key[k] >= 'a' && key[k] <= 'z') ||
				    (key[k] >= 'A' && key[k] <= 'Z') ||
				    (key[k] >= '0' && key[k] <= '9')))
					break;
			if (key[k] == '\0') {
				val = "";
				if (json_object_object_get_ex(args, key, &v) &&
				    v != NULL)
					val = json_object_is_type(v,
					    json_type_string) ?
					    json_object_get_string(v) :
					    json_object_to_json_string_ext(v,
					    JSON_C_TO_STRING_PLAIN);
				if (!quote)
					http_buf_addstr(&out, val);
				else {
					http_buf_add(&out, "'", 1);
					for (; *val != '\0'; val++)
						if (*val == '\'')
							http_buf_add(&out,
							    "'\\''", 4);
						else
							http_buf_add(&out,
							    val, 1);
					http_buf_add(&out, "'", 1);
				}
				p = e + 1;
				continue;
			}
		}
		http_buf_add(&out, p, 1);
		p++;
	}
	if (out.err) {
		http_buf_free(&out);
		return NULL;
	}
	return out.data;
}

/*
 * What to run for a tool and its (valid) arguments: the sandbox
 * request and what hitld is asked about.
 */
static int
build_tool(struct call *c, const struct etool *t, struct json_object *args)
{
	struct json_object	*v;
	const char		*s, *path = ".";
	size_t			 i;
	char			*w;

	c->hreq.tool = strdup(t->name);
	c->hreq.args = strdup(c->args);
	c->hreq.network = strdup(t->network);
	c->hreq.session = strdup(c->scoped);
	c->hreq.workspace = strdup(c->sreq.workspace);
	if (c->hreq.tool == NULL || c->hreq.args == NULL ||
	    c->hreq.network == NULL || c->hreq.session == NULL ||
	    c->hreq.workspace == NULL ||
	    (c->session[0] != '\0' &&
	    (c->hreq.named = strdup(c->session)) == NULL))
		return -1;
	strlcpy(c->sreq.tool, t->name, sizeof(c->sreq.tool));
	set_limits(&c->sreq.lim, &t->limits);
	c->sreq.net = conf_network(t->network) == CONF_NET_ANY ?
	    SANDBOX_NET_HOST : SANDBOX_NET_NONE;
	if (json_object_object_get_ex(args, "path", &v) &&
	    json_object_is_type(v, json_type_string))
		path = json_object_get_string(v);

	switch (t->builtin) {
	case BI_SHELL:
		s = json_object_get_string(json_object_object_get(args,
		    "command"));
		if ((c->hreq.command = strdup(s)) == NULL)
			return -1;
		if (strlen(s) < SANDBOX_ARG_MAX)
			return add_str(&c->sreq.argv, &c->sreq.argc, "sh") ==
			    -1 || add_str(&c->sreq.argv, &c->sreq.argc,
			    "-c") == -1 || add_str(&c->sreq.argv,
			    &c->sreq.argc, s) == -1 ? -1 : 0;
		/*
		 * Too long for one argv word to sandboxd: the same line as
		 * sh's script, a file (a heredoc of a whole file is common).
		 */
		strlcpy(c->sreq.lang, "sh", sizeof(c->sreq.lang));
		if ((c->code = strdup(s)) == NULL)
			return -1;
		c->code_len = strlen(s);
		return 0;
	case BI_PYTHON:
		s = json_object_get_string(json_object_object_get(args,
		    "code"));
		strlcpy(c->sreq.lang, "python3", sizeof(c->sreq.lang));
		if ((c->code = strdup(s)) == NULL)
			return -1;
		c->code_len = strlen(s);
		if (add_str(&c->hreq.argv, &c->hreq.argc, "python3") == -1 ||
		    add_str(&c->hreq.argv, &c->hreq.argc, "-c") == -1 ||
		    add_str(&c->hreq.argv, &c->hreq.argc, s) == -1)
			return -1;
		return 0;
	case BI_READ_FILE:
		if (add_str(&c->sreq.argv, &c->sreq.argc, "cat") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, "--") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, path) == -1)
			return -1;
		break;
	case BI_WRITE_FILE:
		s = json_object_get_string(json_object_object_get(args,
		    "content"));
		if (add_str(&c->sreq.argv, &c->sreq.argc, "sh") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, "-c") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, "case \"$1\" in "
		    "*/*) mkdir -p -- \"${1%/*}\" || exit; esac; "
		    "cat > \"$1\"") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, "write_file") ==
		    -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, path) == -1)
			return -1;
		if ((c->stdin_data = strdup(s)) == NULL)
			return -1;
		c->stdin_len = strlen(s);
		c->has_stdin = 1;
		break;
	case BI_LIST_FILES:
		if (add_str(&c->sreq.argv, &c->sreq.argc, "ls") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, "-lA") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, "--") == -1 ||
		    add_str(&c->sreq.argv, &c->sreq.argc, path) == -1)
			return -1;
		break;
	case BI_NONE:
		if (t->code != NULL) {
			/* Code tools read their arguments as JSON on stdin. */
			strlcpy(c->sreq.lang, t->lang, sizeof(c->sreq.lang));
			if ((c->code = strdup(t->code)) == NULL ||
			    (c->stdin_data = strdup(c->args)) == NULL)
				return -1;
			c->code_len = strlen(t->code);
			c->stdin_len = strlen(c->args);
			c->has_stdin = 1;
			/* hitld classifies the code as LANG -c CODE. */
			if (add_str(&c->hreq.argv, &c->hreq.argc, t->lang) ==
			    -1 || add_str(&c->hreq.argv, &c->hreq.argc, "-c") ==
			    -1 || add_str(&c->hreq.argv, &c->hreq.argc,
			    t->code) == -1)
				return -1;
		} else {
			for (i = 0; i < t->argc; i++) {
				if ((w = expand(t, i, args)) == NULL) {
					errno = E2BIG;
					return -1;
				}
				if (add_str(&c->sreq.argv, &c->sreq.argc, w) ==
				    -1) {
					free(w);
					return -1;
				}
				free(w);
			}
		}
		if (t->shell_arg[0] != '\0' && json_object_object_get_ex(args,
		    t->shell_arg, &v) && json_object_is_type(v,
		    json_type_string) && (c->hreq.command =
		    strdup(json_object_get_string(v))) == NULL)
			return -1;
		break;
	}
	/* hitld sees the argv that will run. */
	for (i = 0; i < c->sreq.argc; i++)
		if (add_str(&c->hreq.argv, &c->hreq.argc, c->sreq.argv[i]) ==
		    -1)
			return -1;
	return 0;
}

static int
canon_args(struct call *c, struct json_object *args)
{
	const char	*s;
	char		 err[256];
	size_t		 len;

	s = json_object_to_json_string_ext(args, JSON_C_TO_STRING_PLAIN);
	/* A limit of size, not of form. */
	if ((len = strlen(s)) > CALL_ARGS_MAX) {
		eng_error(c->ctx, c->id, 413, "too_large", "arguments: %zu "
		    "bytes, at most %d", len, CALL_ARGS_MAX);
		return -1;
	}
	if (auditlog_canon_json_max(s, len, CALL_ARGS_MAX, &c->args, &len,
	    err, sizeof(err)) == -1) {
		eng_error(c->ctx, c->id, 400, "bad_arguments", "arguments: "
		    "%s", err);
		return -1;
	}
	return 0;
}

void
call_tool(struct proc_ctx *ctx, const struct gw_req *r, const char *name)
{
	struct json_object	*body, *args;
	struct etool		*t;
	struct call		*c;
	crypto_hash_sha256_state hs;
	char			 err[1024], npath[256];

	if ((t = tools_find(name)) == NULL || !eng_allowed(r, name)) {
		eng_error(ctx, r->id, 404, "no_such_tool", "no tool \"%s\"",
		    name);
		return;
	}
	if ((body = parse_body(ctx, r)) == NULL)
		return;
	strlcpy(npath, "$", sizeof(npath));
	if (eng_nul_find(body, NULL, npath, sizeof(npath))) {
		eng_error(ctx, r->id, 400, "bad_arguments", "%s: a string "
		    "with a NUL byte (\\u0000)", npath);
		json_object_put(body);
		return;
	}
	/*
	 * {"arguments": {...}, "session": "..."} or the arguments
	 * themselves when the body has no "arguments" member.
	 */
	if (json_object_object_get_ex(body, "arguments", &args)) {
		json_object_object_foreach(body, bk, bv) {
			(void)bv;
			if (strcmp(bk, "arguments") != 0 &&
			    strcmp(bk, "session") != 0) {
				eng_error(ctx, r->id, 400, "bad_request",
				    "unknown member \"%.64s\" (arguments, "
				    "session)", bk);
				json_object_put(body);
				return;
			}
		}
		if (!json_object_is_type(args, json_type_object)) {
			eng_error(ctx, r->id, 400, "bad_arguments",
			    "arguments: a JSON object");
			json_object_put(body);
			return;
		}
	} else
		args = body;
	if (jsonschema_validate(t->schema, args, err, sizeof(err)) == -1) {
		eng_error(ctx, r->id, 422, "invalid_arguments",
		    "arguments of %s: %s", name, err);
		json_object_put(body);
		return;
	}
	/* a run has all of the host's network or none of it */
	if (conf_network(t->network) == CONF_NET_HOSTS) {
		eng_error(ctx, r->id, 501, "network_unsupported", "tool %s: "
		    "network \"%.64s\": no filter by destination yet, only "
		    "none or any", name, t->network);
		json_object_put(body);
		return;
	}
	if ((c = call_new(ctx, r, name)) == NULL) {
		json_object_put(body);
		return;
	}
	if ((args != body && take_session(c, body, r) == -1) ||
	    (args == body && take_session(c, NULL, r) == -1) ||
	    canon_args(c, args) == -1) {
		json_object_put(body);
		c->cancelled = 1;
		call_free(c);
		return;
	}
	c->cache_ttl_ms = t->cache_ttl_ms;
	/*
	 * The key: the tool's definition (a changed tool starts afresh),
	 * who calls (one identity never reads another's results, with a
	 * session or without), the session it runs in (a workspace is
	 * never read through another session's cache) and the canonical
	 * arguments.
	 */
	crypto_hash_sha256_init(&hs);
	crypto_hash_sha256_update(&hs, t->defhash, sizeof(t->defhash));
	crypto_hash_sha256_update(&hs, (const unsigned char *)c->who,
	    strlen(c->who) + 1);
	crypto_hash_sha256_update(&hs, (const unsigned char *)c->scoped,
	    strlen(c->scoped) + 1);
	crypto_hash_sha256_update(&hs, (const unsigned char *)c->args,
	    strlen(c->args));
	crypto_hash_sha256_final(&hs, c->cache_key);
	if (build_tool(c, t, args) == -1) {
		json_object_put(body);
		eng_error(ctx, r->id, errno == E2BIG ? 400 : 500,
		    errno == E2BIG ? "bad_arguments" : "internal",
		    errno == E2BIG ? "an argument is too long for the "
		    "command template" : "out of memory");
		c->cancelled = 1;
		call_free(c);
		return;
	}
	json_object_put(body);
	log_debug("call %u: %s calls %s", c->cid, c->who, c->tool);
	call_classify(c);
}

/*
 * POST /v1/exec {"argv": [...], "stdin": "...", "env": {...},
 * "cwd": "/work/x", "session": "...", "timeout": "5s", "memory": "64M",
 * "limits": {...}}: a raw argv, classified as the tool "exec".
 */
void
call_exec(struct proc_ctx *ctx, const struct gw_req *r)
{
	static const char *known[] = { "argv", "stdin", "env", "cwd",
	    "session", "timeout", "memory", "limits", "network" };
	struct json_object	*body, *v, *e;
	struct call		*c;
	struct conf_limits	 cl;
	enum conf_net		 net;
	size_t			 i, n, k;
	char			 buf[SANDBOX_ENVVAR_MAX + 1], err[256];
	char			 npath[256];

	if (!eng_allowed(r, "exec")) {
		eng_error(ctx, r->id, 403, "forbidden", "%s may not use "
		    "/v1/exec (the tool \"exec\" is not in its list)", r->who);
		return;
	}
	if ((body = parse_body(ctx, r)) == NULL)
		return;
	json_object_object_foreach(body, key, val) {
		(void)val;
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (strcmp(key, known[k]) == 0)
				break;
		if (k == sizeof(known) / sizeof(known[0])) {
			eng_error(ctx, r->id, 400, "bad_request", "unknown "
			    "member \"%.64s\" (argv, stdin, env, cwd, session, "
			    "timeout, memory, limits, network)", key);
			json_object_put(body);
			return;
		}
	}
	/* stdin may be binary: it goes to the program as bytes. */
	strlcpy(npath, "$", sizeof(npath));
	if (eng_nul_find(body, "stdin", npath, sizeof(npath))) {
		eng_error(ctx, r->id, 400, "bad_request", "%s: a string with "
		    "a NUL byte (\\u0000)", npath);
		json_object_put(body);
		return;
	}
	if (!json_object_object_get_ex(body, "argv", &v) ||
	    !json_object_is_type(v, json_type_array) ||
	    (n = json_object_array_length(v)) == 0 || n > SANDBOX_ARGV_MAX) {
		eng_error(ctx, r->id, 400, "bad_request", "argv: an array of "
		    "1 to %d strings", SANDBOX_ARGV_MAX);
		json_object_put(body);
		return;
	}
	if ((c = call_new(ctx, r, "exec")) == NULL) {
		json_object_put(body);
		return;
	}
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		if (!json_object_is_type(e, json_type_string) ||
		    json_object_get_string_len(e) >= SANDBOX_ARG_MAX ||
		    memchr(json_object_get_string(e), '\0',
		    (size_t)json_object_get_string_len(e)) != NULL ||
		    (i == 0 && json_object_get_string_len(e) == 0)) {
			eng_error(ctx, r->id, 400, "bad_request", "argv[%zu]: "
			    "a string without NUL, shorter than %d bytes%s",
			    i, SANDBOX_ARG_MAX, i == 0 ? ", not empty" : "");
			goto fail;
		}
		if (add_str(&c->sreq.argv, &c->sreq.argc,
		    json_object_get_string(e)) == -1 ||
		    add_str(&c->hreq.argv, &c->hreq.argc,
		    json_object_get_string(e)) == -1)
			goto nomem;
	}
	if (json_object_object_get_ex(body, "stdin", &e)) {
		if (!json_object_is_type(e, json_type_string)) {
			eng_error(ctx, r->id, 400, "bad_request", "stdin: a "
			    "string");
			goto fail;
		}
		c->stdin_len = (size_t)json_object_get_string_len(e);
		if ((c->stdin_data = malloc(c->stdin_len + 1)) == NULL)
			goto nomem;
		memcpy(c->stdin_data, json_object_get_string(e),
		    c->stdin_len + 1);
		c->has_stdin = 1;
	}
	if (json_object_object_get_ex(body, "env", &e)) {
		if (!json_object_is_type(e, json_type_object) ||
		    json_object_object_length(e) > SANDBOX_ENV_MAX) {
			eng_error(ctx, r->id, 400, "bad_request", "env: an "
			    "object of at most %d strings", SANDBOX_ENV_MAX);
			goto fail;
		}
		json_object_object_foreach(e, ek, ev) {
			if (!json_object_is_type(ev, json_type_string) ||
			    (size_t)snprintf(buf, sizeof(buf), "%s=%s", ek,
			    json_object_get_string(ev)) >= sizeof(buf) ||
			    strchr(ek, '=') != NULL || *ek == '\0' ||
			    !sandbox_env_valid(buf)) {
				eng_error(ctx, r->id, 400, "bad_request",
				    "env.%.64s: a string, the name of "
				    "[A-Za-z0-9_] not starting with a digit; "
				    "NAME=value at most %d bytes", ek,
				    SANDBOX_ENVVAR_MAX);
				goto fail;
			}
			if (add_str(&c->sreq.envp, &c->sreq.envc, buf) == -1)
				goto nomem;
		}
	}
	if (json_object_object_get_ex(body, "cwd", &e)) {
		if (!json_object_is_type(e, json_type_string) ||
		    !sandbox_cwd_valid(json_object_get_string(e))) {
			eng_error(ctx, r->id, 400, "bad_request", "cwd: an "
			    "absolute path without \"..\" (the workspace is "
			    "/work)");
			goto fail;
		}
		if ((c->sreq.cwd = strdup(json_object_get_string(e))) == NULL)
			goto nomem;
	}
	memset(&cl, 0, sizeof(cl));
	if (json_object_object_get_ex(body, "limits", &e) &&
	    tools_parse_limits(e, &cl, err, sizeof(err)) == -1) {
		eng_error(ctx, r->id, 400, "bad_request", "%s", err);
		goto fail;
	}
	if (json_object_object_get_ex(body, "timeout", &e) &&
	    (tools_parse_duration(e, &cl.wall_ms) == -1 || cl.wall_ms == 0)) {
		eng_error(ctx, r->id, 400, "bad_request", "timeout: a duration "
		    "(\"5s\" or milliseconds), not 0");
		goto fail;
	}
	if (json_object_object_get_ex(body, "memory", &e) &&
	    (tools_parse_size(e, &cl.memory) == -1 || cl.memory == 0)) {
		eng_error(ctx, r->id, 400, "bad_request", "memory: a size "
		    "(\"64M\" or bytes), not 0");
		goto fail;
	}
	set_limits(&c->sreq.lim, &cl);
	c->sreq.net = SANDBOX_NET_NONE;
	if (json_object_object_get_ex(body, "network", &e)) {
		if (!json_object_is_type(e, json_type_string) ||
		    json_object_get_string_len(e) == 0 ||
		    (net = conf_network(json_object_get_string(e))) ==
		    CONF_NET_HOSTS) {
			eng_error(ctx, r->id, 400, "bad_request", "network: "
			    "\"none\" or \"any\"");
			goto fail;
		}
		if (net == CONF_NET_ANY)
			c->sreq.net = SANDBOX_NET_HOST;
	}
	if (take_session(c, body, r) == -1)
		goto fail;
	/* What is audited: no stdin, and env names without values. */
	json_object_object_del(body, "stdin");
	if (json_object_object_get_ex(body, "env", &e)) {
		struct json_object	*names = json_object_new_array();

		json_object_object_foreach(e, nk, nv) {
			(void)nv;
			json_object_array_add(names,
			    json_object_new_string(nk));
		}
		json_object_object_add(body, "env", names);
	}
	if (canon_args(c, body) == -1)
		goto fail;
	strlcpy(c->sreq.tool, "exec", sizeof(c->sreq.tool));
	if ((c->hreq.tool = strdup("exec")) == NULL ||
	    (c->hreq.session = strdup(c->scoped)) == NULL ||
	    (c->session[0] != '\0' &&
	    (c->hreq.named = strdup(c->session)) == NULL) ||
	    (c->hreq.workspace = strdup(c->sreq.workspace)) == NULL ||
	    (c->hreq.network = strdup(c->sreq.net == SANDBOX_NET_HOST ?
	    "any" : "none")) == NULL ||
	    (c->sreq.cwd != NULL &&
	    (c->hreq.cwd = strdup(c->sreq.cwd)) == NULL))
		goto nomem;
	/* hitld sees what the program is given: its environment, and
	   its input when short and text (else only that it has some). */
	if (c->sreq.envc > 0) {
		if ((c->hreq.envv = calloc(c->sreq.envc,
		    sizeof(*c->hreq.envv))) == NULL)
			goto nomem;
		for (i = 0; i < c->sreq.envc; i++) {
			if ((c->hreq.envv[i] = strdup(c->sreq.envp[i])) ==
			    NULL)
				goto nomem;
			c->hreq.envc++;
		}
	}
	if (c->has_stdin && c->stdin_len > 0) {
		if (c->stdin_len > HITL_INPUT_MAX ||
		    memchr(c->stdin_data, '\0', c->stdin_len) != NULL)
			c->hreq.flags |= HITL_REQ_INPUT_CUT;
		else if ((c->hreq.input = strndup(c->stdin_data,
		    c->stdin_len)) == NULL)
			goto nomem;
	}
	json_object_put(body);
	log_debug("call %u: %s execs %s", c->cid, c->who, c->sreq.argv[0]);
	call_classify(c);
	return;
 nomem:
	snprintf(err, sizeof(err), "out of memory");
	eng_error(ctx, r->id, 500, "internal", "%s", err);
 fail:
	json_object_put(body);
	c->cancelled = 1;
	call_free(c);
}

void
call_cancel(struct proc_ctx *ctx, uint32_t id, int stopping)
{
	struct call	*c;

	TAILQ_FOREACH(c, &calls, entry)
		if (c->id == id && !c->cancelled)
			break;
	if (c == NULL)
		return;
	/*
	 * The client left, or harnessd is stopping (the gateway answers
	 * for it): nothing more is sent to it.
	 */
	c->cancelled = 1;
	log_info("call %u: %s", c->cid, stopping ?
	    "cancelled, harnessd is shutting down" : "the client went away");
	switch (c->state) {
	case CS_CLASSIFY:
		/* a request waiting for a person leaves the queue */
		call_withdraw(c);
		if (c->approval_id != 0)
			eng_count(ctx, "approvals", "cancelled");
		/* FALLTHROUGH */
	case CS_CLASSIFY_WAIT:
	case CS_RUN_WAIT:
		if (stopping)
			call_refuse(c, 503, "shutting_down", "cancelled: "
			    "harnessd is shutting down");
		else
			call_refuse(c, 499, "cancelled", "cancelled: the "
			    "client went away before it ran");
		break;
	case CS_RUN:
		/* the run ends now; its result is audited as usual */
		call_kill(c);
		break;
	case CS_AUDIT:
	case CS_DONE:
		break;
	}
}

size_t
call_count(void)
{
	return ncalls;
}

void
call_init(struct proc_ctx *ctx)
{
	cctx = ctx;
	if (sodium_init() == -1)
		fatalx("sodium_init failed");
}

void
call_shutdown(void)
{
	struct call		*c;
	struct cache_ent	*e;
	enum peer_idx		 p;

	while ((c = TAILQ_FIRST(&calls)) != NULL) {
		c->cancelled = 1;
		call_free(c);
	}
	while ((e = TAILQ_FIRST(&cache)) != NULL)
		cache_drop(e);
	for (p = 0; p < PEER_MAX; p++)
		if (peers[p].iev != NULL) {
			imsgev_close(peers[p].iev);
			free(peers[p].iev);
			peers[p].iev = NULL;
		}
}
