/*
 * The queue process: classification and pending approvals.  Runs as
 * _hitl in an empty chroot with no file access.
 *
 * A tool call comes in on the control socket (the engine, harnessctl);
 * the compiled rules give it a level and the policy a decision.  Allow
 * and deny are answered at once.  Ask is queued with a deadline and
 * shown to every subscribed approver; the first answer wins, the
 * deadline denies, and the requester going away cancels it.  Every
 * decision goes through hitl_audit_reply().
 */
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/syscall.h>

#include <ctype.h>
#include <errno.h>
#include <event2/event.h>
#include <json-c/json.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auditc.h"
#include "auditlog.h"
#include "conf.h"
#include "control.h"
#include "hitl_proto.h"
#include "hitlc.h"
#include "hitld.h"
#include "log.h"
#include "proc.h"
#include "proto.h"
#include "risk.h"
#include "riskconf.h"
#include "wire.h"

#define QUEUE_MAX_PENDING	1024	/* waiting for a person, in all */
#define QUEUE_MAX_PER_CONN	128	/* ... per requester connection */
#define QUEUE_MAX_GRANTS	4096	/* allow-for-session grants kept */
#define QUEUE_DONE_MAX		256	/* recent decisions, for latecomers */
#define QUEUE_JSON_DEPTH	32
#define QUEUE_MAX_BACKLOG	2048	/* messages queued to one peer */
#define QUEUE_MAX_BYTES		(64 << 20)	/* requests waiting, encoded */

/* Per connection (ctl_conn.data). */
struct qconn {
	int		 subscribed;
	size_t		 npending;
};

struct pending {
	TAILQ_ENTRY(pending) entry;
	struct hitl_item item;
	int		 matched;
	uint32_t	 conn_id;	/* requester */
	uint32_t	 peerid;	/* its request's */
	char		*key;		/* canonical call */
	size_t		 keylen;
	struct timespec	 due;		/* CLOCK_MONOTONIC */
	struct event	*timer;
	size_t		 size;		/* the request, encoded */
};

/* "Allow this exact call for the rest of this session." */
struct grant {
	TAILQ_ENTRY(grant) entry;
	char		*session;
	char		*key;
	size_t		 keylen;
	char		 by[HITL_NAME_MAX];
	uint32_t	 uid;
};

static struct {
	struct proc_ctx	*ctx;
	struct risk_ruleset *rs;
	size_t		 nrules;
	uint64_t	 timeout_ms;
	TAILQ_HEAD(, pending) pending;
	size_t		 npending;
	size_t		 pending_bytes;	/* their requests, encoded */
	uint32_t	 next_id;
	int		 ids_fd;	/* statedir/hitld/ids, or -1 */
	int		 ids_warned;
	TAILQ_HEAD(, grant) grants;
	size_t		 ngrants;
	struct hitl_decided done[QUEUE_DONE_MAX];
	size_t		 ndone;		/* total recorded; ring index */
	struct users	 users;
	int		 stopping;	/* shutting down: nothing queued */
} q;

static void	 decide(struct pending *, int, int, const char *, uint32_t,
		    const char *);
static void	 ids_save(void);

const char *
queue_chroot(const struct harness_conf *conf)
{
	return conf->hitld.d.chroot;
}

/* ---- users: the chroot has no passwd (see users.c) ---- */

/* Read at start through NSS, before the chroot. */
static void
users_load(void)
{
	struct passwd	*pw;

	setpwent();
	while ((pw = getpwent()) != NULL)
		if (users_add(&q.users, pw->pw_uid, pw->pw_name) == -1)
			break;
	endpwent();
	users_sort(&q.users);
}

static void
user_name(uid_t uid, char *buf, size_t len)
{
	const char	*name;

	if ((name = users_find(&q.users, uid)) != NULL)
		strlcpy(buf, name, len);
	else
		snprintf(buf, len, "%u", (unsigned)uid);
}

/* ---- canonical form of a call (for allow-for-session) ---- */

struct kbuf {
	char	*p;
	size_t	 len, cap;
	int	 err;
};

static void
kb_add(struct kbuf *kb, const void *s, size_t n)
{
	char	*np;
	size_t	 ncap;

	if (kb->err)
		return;
	if (n > (1U << 20) - kb->len) {
		kb->err = 1;
		return;
	}
	if (kb->len + n > kb->cap) {
		ncap = kb->cap ? kb->cap : 256;
		while (ncap < kb->len + n)
			ncap *= 2;
		if ((np = realloc(kb->p, ncap)) == NULL) {
			kb->err = 1;
			return;
		}
		kb->p = np;
		kb->cap = ncap;
	}
	memcpy(kb->p + kb->len, s, n);
	kb->len += n;
}

/* A field: its length, then its bytes, so no two calls collide. */
static void
kb_field(struct kbuf *kb, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : 0;

	kb_add(kb, &n, sizeof(n));
	if (n)
		kb_add(kb, s, n);
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* JSON with object keys sorted: {"b":1,"a":2} and {"a":2,"b":1} agree. */
static void
kb_json(struct kbuf *kb, struct json_object *o, int depth)
{
	const char	**keys;
	const char	 *s;
	size_t		  n, i;

	if (depth > QUEUE_JSON_DEPTH) {
		kb->err = 1;
		return;
	}
	switch (json_object_get_type(o)) {
	case json_type_object:
		n = (size_t)json_object_object_length(o);
		if ((keys = calloc(n ? n : 1, sizeof(*keys))) == NULL) {
			kb->err = 1;
			return;
		}
		i = 0;
		{
			json_object_object_foreach(o, k, v) {
				(void)v;
				if (i < n)
					keys[i++] = k;
			}
		}
		n = i;
		qsort(keys, n, sizeof(*keys), key_cmp);
		kb_add(kb, "{", 1);
		for (i = 0; i < n; i++) {
			if (i)
				kb_add(kb, ",", 1);
			kb_field(kb, keys[i]);
			kb_json(kb, json_object_object_get(o, keys[i]),
			    depth + 1);
		}
		kb_add(kb, "}", 1);
		free(keys);
		break;
	case json_type_array:
		n = json_object_array_length(o);
		kb_add(kb, "[", 1);
		for (i = 0; i < n; i++) {
			if (i)
				kb_add(kb, ",", 1);
			kb_json(kb, json_object_array_get_idx(o, i),
			    depth + 1);
		}
		kb_add(kb, "]", 1);
		break;
	default:
		s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
		kb_field(kb, s);
		break;
	}
}

static char *
call_key(const struct hitl_req *r, struct json_object *args, size_t *lenp)
{
	struct kbuf	 kb;
	char		*key;
	size_t		 i;
	uint32_t	 argc = (uint32_t)r->argc;

	memset(&kb, 0, sizeof(kb));
	kb_field(&kb, r->tool);
	kb_field(&kb, r->command);
	kb_add(&kb, &argc, sizeof(argc));
	for (i = 0; i < r->argc; i++)
		kb_field(&kb, r->argv[i]);
	if (args != NULL)
		kb_json(&kb, args, 0);
	else
		kb_add(&kb, "-", 1);
	kb_field(&kb, r->network);
	kb_field(&kb, r->workspace);
	kb_field(&kb, r->cwd);
	argc = (uint32_t)r->envc;
	kb_add(&kb, &argc, sizeof(argc));
	for (i = 0; i < r->envc; i++)
		kb_field(&kb, r->envv[i]);
	kb_field(&kb, r->input);
	/* Input not sent is no input: never the same call as one. */
	argc = r->flags & HITL_REQ_INPUT_CUT;
	kb_add(&kb, &argc, sizeof(argc));
	if (kb.err) {
		free(kb.p);
		return NULL;
	}
	/*
	 * Kept as its SHA-256: a grant of a call with a megabyte of
	 * arguments holds 32 bytes, and equal digests are equal calls.
	 */
	if ((key = malloc(crypto_hash_sha256_BYTES)) != NULL) {
		crypto_hash_sha256((unsigned char *)key,
		    (const unsigned char *)kb.p, kb.len);
		*lenp = crypto_hash_sha256_BYTES;
	}
	free(kb.p);
	return key;
}

static struct grant *
grant_find(const char *session, const char *key, size_t keylen)
{
	struct grant	*g;

	if (session == NULL || *session == '\0' || key == NULL)
		return NULL;
	TAILQ_FOREACH(g, &q.grants, entry)
		if (g->keylen == keylen && strcmp(g->session, session) == 0 &&
		    memcmp(g->key, key, keylen) == 0)
			return g;
	return NULL;
}

static void
grant_free(struct grant *g)
{
	TAILQ_REMOVE(&q.grants, g, entry);
	q.ngrants--;
	free(g->session);
	free(g->key);
	free(g);
}

static int
grant_add(const char *session, const char *key, size_t keylen,
    const char *by, uint32_t uid)
{
	struct grant	*g;

	if (grant_find(session, key, keylen) != NULL)
		return 0;
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return -1;
	if ((g->session = strdup(session)) == NULL ||
	    (g->key = malloc(keylen)) == NULL) {
		free(g->session);
		free(g);
		return -1;
	}
	memcpy(g->key, key, keylen);
	g->keylen = keylen;
	strlcpy(g->by, by, sizeof(g->by));
	g->uid = uid;
	/* Oldest first out when full: it asks again, which is safe. */
	if (q.ngrants >= QUEUE_MAX_GRANTS)
		grant_free(TAILQ_FIRST(&q.grants));
	TAILQ_INSERT_TAIL(&q.grants, g, entry);
	q.ngrants++;
	return 0;
}

/*
 * The grants of session, as hitld keys them (harnessd's NAME.XXXXXXXX,
 * scoped to an identity) or as a client named it (NAME: then those of
 * every identity that named it so).
 */
static int
session_is(const char *key, const char *session)
{
	size_t	 n = strlen(session), i;

	if (strcmp(key, session) == 0)
		return 1;
	if (strncmp(key, session, n) != 0 || key[n] != '.' ||
	    strlen(key + n + 1) != 8)
		return 0;
	for (i = n + 1; key[i] != '\0'; i++)
		if (!isxdigit((unsigned char)key[i]))
			return 0;
	return 1;
}

static size_t
grants_end_session(const char *session)
{
	struct grant	*g, *next;
	size_t		 n = 0;

	TAILQ_FOREACH_SAFE(g, &q.grants, entry, next)
		if (session_is(g->session, session)) {
			grant_free(g);
			n++;
		}
	return n;
}

/* ---- connections ---- */

static void
conn_closed(struct ctl_conn *c)
{
	struct qconn	*qc = c->data;
	struct pending	*p, *next;

	if (qc == NULL)
		return;
	qc->subscribed = 0;
	TAILQ_FOREACH_SAFE(p, &q.pending, entry, next)
		if (p->conn_id == c->id)
			decide(p, RISK_DENY, HITL_HOW_CANCEL, "", 0,
			    "cancelled: the requester went away");
	c->data = NULL;
	free(qc);
}

static struct qconn *
conn_data(struct ctl_conn *c)
{
	if (c->data == NULL) {
		if ((c->data = calloc(1, sizeof(struct qconn))) == NULL)
			return NULL;
		c->on_close = conn_closed;
	}
	return c->data;
}

static int
send_item(struct ctl_conn *c, uint32_t peerid, struct pending *p)
{
	struct wbuf	 wb;
	struct timespec	 now;
	int64_t		 left;
	int		 rc, fd;

	clock_gettime(CLOCK_MONOTONIC, &now);
	left = (int64_t)(p->due.tv_sec - now.tv_sec) * 1000 +
	    (p->due.tv_nsec - now.tv_nsec) / 1000000;
	p->item.left_ms = left > 0 ? (uint64_t)left : 0;
	/* In a memfd when it does not fit in a message. */
	if (hitl_item_pack(&wb, &p->item, &fd) == -1) {
		log_warn("%s: request %u", __func__, p->item.id);
		wire_free(&wb);
		return -1;
	}
	rc = control_reply(c, IMSG_HITL_REQUEST, peerid, fd, fd == -1 ?
	    wire_data(&wb) : NULL, fd == -1 ? wb.len : 0);
	wire_free(&wb);
	return rc;
}

static void
conn_kill(evutil_socket_t fd, short ev, void *arg)
{
	struct ctl_conn	*c;

	if ((c = control_find((uint32_t)(uintptr_t)arg)) != NULL)
		control_close(c);
}

/*
 * A peer that does not read what it is sent would make us hold it all:
 * stop sending and drop it from the event loop, not from here (a
 * broadcast or a decision may be walking the lists).
 */
static int
conn_backlogged(struct ctl_conn *c)
{
	struct qconn	*qc = c->data;
	struct timeval	 zero = { 0, 0 };

	if (imsg_queued(&c->iev.ibuf) < QUEUE_MAX_BACKLOG)
		return 0;
	if (qc != NULL)
		qc->subscribed = 0;
	log_warnx("uid %u pid %d does not read what it is sent: dropped",
	    (unsigned)c->uid, (int)c->pid);
	event_base_once(c->ctx->base, -1, EV_TIMEOUT, conn_kill,
	    (void *)(uintptr_t)c->id, &zero);
	return 1;
}

struct bcast {
	uint32_t	 type;
	struct pending	*p;
	const struct wbuf *wb;
};

static void
bcast_one(struct ctl_conn *c, void *arg)
{
	struct bcast	*b = arg;
	struct qconn	*qc = c->data;

	if (qc == NULL || !qc->subscribed || c->closing ||
	    conn_backlogged(c))
		return;
	if (b->p != NULL)
		send_item(c, 0, b->p);
	else
		control_reply(c, b->type, 0, -1, b->wb->buf, b->wb->len);
}

/* ---- deciding ---- */

static struct hitl_decided *
done_find(uint32_t id)
{
	size_t	 i, n = q.ndone < QUEUE_DONE_MAX ? q.ndone : QUEUE_DONE_MAX;

	for (i = 0; i < n; i++)
		if (q.done[i].id == id)
			return &q.done[i];
	return NULL;
}

static void
verdict_from(struct hitl_verdict *v, const struct pending *p)
{
	memset(v, 0, sizeof(*v));
	v->id = p->item.id;
	v->level = p->item.level;
	v->asked = 1;
	v->matched = p->matched;
	strlcpy(v->rule, p->item.rule, sizeof(v->rule));
	strlcpy(v->file, p->item.file, sizeof(v->file));
	v->line = p->item.line;
	strlcpy(v->why, p->item.why, sizeof(v->why));
}

static void
pending_free(struct pending *p)
{
	TAILQ_REMOVE(&q.pending, p, entry);
	q.npending--;
	q.pending_bytes -= p->size;
	if (p->timer != NULL)
		event_free(p->timer);
	hitl_item_free(&p->item);
	free(p->key);
	free(p);
}

/*
 * The one way out of the queue: answer the requester (unless it is
 * gone), tell the approvers, audit, remember who decided.
 */
static void
decide(struct pending *p, int decision, int how, const char *by,
    uint32_t uid, const char *reason)
{
	struct hitl_verdict	 v;
	struct hitl_decided	*d;
	struct ctl_conn		*c;
	struct qconn		*qc;
	struct wbuf		 wb;
	struct bcast		 b;

	verdict_from(&v, p);
	v.decision = decision;
	v.how = how;
	strlcpy(v.by, by, sizeof(v.by));
	v.uid = uid;
	strlcpy(v.reason, reason, sizeof(v.reason));

	c = control_find(p->conn_id);
	if (c != NULL && (qc = c->data) != NULL && qc->npending > 0)
		qc->npending--;

	d = &q.done[q.ndone++ % QUEUE_DONE_MAX];
	memset(d, 0, sizeof(*d));
	d->id = p->item.id;
	d->decision = decision;
	d->how = how;
	strlcpy(d->by, by, sizeof(d->by));
	d->uid = uid;
	strlcpy(d->reason, reason, sizeof(d->reason));
	wire_init(&wb);
	hitl_decided_encode(&wb, d);
	memset(&b, 0, sizeof(b));
	b.type = IMSG_HITL_DECIDED;
	b.wb = &wb;
	control_foreach(bcast_one, &b);

	/* The requester hears the verdict once it is audited. */
	hitl_audit_reply(&p->item.req, &v, p->item.requester_uid,
	    p->conn_id, p->peerid, how != HITL_HOW_CANCEL);
	pending_free(p);
}

static void
pending_timeout(evutil_socket_t fd, short ev, void *arg)
{
	struct pending	*p = arg;

	decide(p, RISK_DENY, HITL_HOW_TIMEOUT, "", 0, "approval timed out");
}

static void
queue_classify(struct ctl_conn *c, struct imsg *imsg)
{
	struct hitl_req		 req;
	struct hitl_verdict	 v;
	struct risk_result	 res;
	struct json_object	*args = NULL;
	struct pending		*p = NULL;
	struct qconn		*qc;
	struct grant		*g;
	struct rbuf		 rb;
	struct timeval		 tv;
	struct timespec		 rt;
	char			 err[128];
	char			*key = NULL;
	unsigned char		*heap;
	size_t			 keylen = 0, size;
	uint32_t		 peerid = imsg->hdr.peerid;
	int			 rc;

	/* In the message, or in a sealed memfd when larger. */
	if (hitl_msg_open(imsg, &rb, &heap) == -1) {
		log_warnx("%s: unreadable request from uid %u: %s", __func__,
		    (unsigned)c->uid, strerror(errno));
		memset(&req, 0, sizeof(req));
		hitl_verdict_deny(&v, "%s", errno == EMSGSIZE ? "request "
		    "too large to classify" : "malformed request");
		hitl_audit_reply(&req, &v, c->uid, c->id, peerid, 1);
		return;
	}
	if ((size = wire_left(&rb)) > HITL_MSG_MAX) {
		free(heap);
		memset(&req, 0, sizeof(req));
		hitl_verdict_deny(&v, "request too large to classify");
		hitl_audit_reply(&req, &v, c->uid, c->id, peerid, 1);
		return;
	}
	rc = hitl_req_decode(&rb, &req);
	free(heap);
	if (rc == -1) {
		log_warnx("%s: malformed request from uid %u", __func__,
		    (unsigned)c->uid);
		hitl_verdict_deny(&v, "malformed request");
		hitl_audit_reply(&req, &v, c->uid, c->id, peerid, 1);
		return;
	}
	/*
	 * What the audit trail cannot hold, nobody may decide on: auditd
	 * would refuse the decision's record (and an approver be told of
	 * an allow the requester never got).
	 */
	if (auditlog_check_text(req.session) == -1) {
		hitl_verdict_deny(&v, "bad session: at most %d bytes of UTF-8, "
		    "no control characters", AUDITLOG_STR_MAX);
		goto answer;
	}
	if (req.args != NULL &&
	    (args = risk_conf_args(req.args, err, sizeof(err))) == NULL) {
		hitl_verdict_deny(&v, "%s", err);
		goto answer;
	}

	if (q.rs == NULL) {
		hitl_verdict_deny(&v, "no rules loaded");
		goto answer;
	}
	if (hitl_classify_req(q.rs, &req, args, &res, &v) == -1)
		log_warnx("%s: classifier failed: %s", __func__, res.why);
	if (res.decision == RISK_ALLOW) {
		strlcpy(v.reason, "allowed by policy", sizeof(v.reason));
		goto answer;
	}
	if (res.decision != RISK_ASK) {
		v.decision = RISK_DENY;
		strlcpy(v.reason, "denied by policy", sizeof(v.reason));
		goto answer;
	}

	v.asked = 1;
	if (q.stopping) {
		v.decision = RISK_DENY;
		v.how = HITL_HOW_ERROR;
		strlcpy(v.reason, "denied: hitld is shutting down",
		    sizeof(v.reason));
		goto answer;
	}
	key = call_key(&req, args, &keylen);
	if ((g = grant_find(req.session, key, keylen)) != NULL) {
		v.decision = RISK_ALLOW;
		v.how = HITL_HOW_SESSION;
		strlcpy(v.by, g->by, sizeof(v.by));
		v.uid = g->uid;
		snprintf(v.reason, sizeof(v.reason), "allowed for session by "
		    "%s (uid %u)", g->by, g->uid);
		goto answer;
	}
	if ((qc = conn_data(c)) == NULL) {
		v.decision = RISK_DENY;
		v.how = HITL_HOW_ERROR;
		strlcpy(v.reason, "out of memory", sizeof(v.reason));
		goto answer;
	}
	if (q.npending >= QUEUE_MAX_PENDING ||
	    qc->npending >= QUEUE_MAX_PER_CONN ||
	    size > QUEUE_MAX_BYTES - q.pending_bytes) {
		v.decision = RISK_DENY;
		v.how = HITL_HOW_ERROR;
		strlcpy(v.reason, "too many requests waiting for approval",
		    sizeof(v.reason));
		goto answer;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		v.decision = RISK_DENY;
		v.how = HITL_HOW_ERROR;
		strlcpy(v.reason, "out of memory", sizeof(v.reason));
		goto answer;
	}
	if ((p->timer = evtimer_new(c->ctx->base, pending_timeout, p)) ==
	    NULL) {
		free(p);
		v.decision = RISK_DENY;
		v.how = HITL_HOW_ERROR;
		strlcpy(v.reason, "out of memory", sizeof(v.reason));
		goto answer;
	}
	if (++q.next_id == 0)
		q.next_id = 1;
	p->item.id = q.next_id;
	ids_save();
	p->size = size;
	p->item.req = req;		/* owned by the pending entry now */
	memset(&req, 0, sizeof(req));
	p->item.level = v.level;
	strlcpy(p->item.rule, v.rule, sizeof(p->item.rule));
	strlcpy(p->item.file, v.file, sizeof(p->item.file));
	p->item.line = v.line;
	strlcpy(p->item.why, v.why, sizeof(p->item.why));
	p->item.requester_uid = c->uid;
	p->item.requester_pid = (uint32_t)c->pid;
	p->matched = v.matched;
	p->conn_id = c->id;
	p->peerid = peerid;
	p->key = key;
	p->keylen = keylen;
	key = NULL;
	clock_gettime(CLOCK_MONOTONIC, &p->due);
	p->due.tv_sec += (time_t)(q.timeout_ms / 1000);
	p->due.tv_nsec += (long)(q.timeout_ms % 1000) * 1000000;
	if (p->due.tv_nsec >= 1000000000) {
		p->due.tv_sec++;
		p->due.tv_nsec -= 1000000000;
	}
	clock_gettime(CLOCK_REALTIME, &rt);
	p->item.deadline = (int64_t)rt.tv_sec * 1000 + rt.tv_nsec / 1000000 +
	    (int64_t)q.timeout_ms;
	tv.tv_sec = (time_t)(q.timeout_ms / 1000);
	tv.tv_usec = (suseconds_t)(q.timeout_ms % 1000) * 1000;
	evtimer_add(p->timer, &tv);
	TAILQ_INSERT_TAIL(&q.pending, p, entry);
	q.npending++;
	q.pending_bytes += p->size;
	qc->npending++;
	json_object_put(args);

	{
		struct wbuf	 wb;
		struct bcast	 b;

		wire_init(&wb);
		wire_put_u32(&wb, p->item.id);
		wire_put_u64(&wb, q.timeout_ms);
		control_reply(c, IMSG_HITL_PENDING, peerid, -1, wb.buf,
		    wb.len);
		memset(&b, 0, sizeof(b));
		b.type = IMSG_HITL_REQUEST;
		b.p = p;
		control_foreach(bcast_one, &b);
	}
	log_debug("request %u queued: session %s tool %s level %s",
	    p->item.id, p->item.req.session, p->item.req.tool,
	    risk_level_name(p->item.level));
	return;

 answer:
	hitl_audit_reply(&req, &v, c->uid, c->id, peerid, 1);
	json_object_put(args);
	free(key);
	hitl_req_free(&req);
}

/* ---- approvers ---- */

static void
queue_answer(struct ctl_conn *c, struct imsg *imsg)
{
	struct pending		*p, *o, *next;
	struct hitl_decided	*d;
	struct rbuf		 rb;
	char			 by[HITL_NAME_MAX], reason[HITL_WHY_MAX];
	uint32_t		 id;
	uint8_t			 answer;

	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	wire_get_u32(&rb, &id);
	wire_get_u8(&rb, &answer);
	if (wire_end(&rb) == -1 || answer > HITL_ANSWER_SESSION) {
		control_error(c, imsg->hdr.peerid, "malformed answer");
		return;
	}
	TAILQ_FOREACH(p, &q.pending, entry)
		if (p->item.id == id)
			break;
	if (p == NULL) {
		if ((d = done_find(id)) != NULL)
			control_error(c, imsg->hdr.peerid, "request %u was "
			    "already decided: %s", id, d->reason);
		else
			control_error(c, imsg->hdr.peerid, "unknown request "
			    "%u", id);
		return;
	}
	user_name(c->uid, by, sizeof(by));
	switch (answer) {
	case HITL_ANSWER_ALLOW:
		snprintf(reason, sizeof(reason), "allowed once by %s (uid %u)",
		    by, (unsigned)c->uid);
		decide(p, RISK_ALLOW, HITL_HOW_APPROVER, by, c->uid, reason);
		break;
	case HITL_ANSWER_DENY:
		snprintf(reason, sizeof(reason), "denied by %s (uid %u)",
		    by, (unsigned)c->uid);
		decide(p, RISK_DENY, HITL_HOW_APPROVER, by, c->uid, reason);
		break;
	case HITL_ANSWER_SESSION:
		if (p->item.req.session == NULL ||
		    p->item.req.session[0] == '\0' || p->key == NULL) {
			control_error(c, imsg->hdr.peerid, "request %u has no "
			    "session: answer allow or deny", id);
			return;
		}
		if (p->item.req.flags & HITL_REQ_INPUT_CUT) {
			control_error(c, imsg->hdr.peerid, "request %u reads "
			    "input too long to compare: answer allow or deny",
			    id);
			return;
		}
		if (grant_add(p->item.req.session, p->key, p->keylen, by,
		    c->uid) == -1) {
			control_error(c, imsg->hdr.peerid, "out of memory");
			return;
		}
		snprintf(reason, sizeof(reason), "allowed for session by %s "
		    "(uid %u)", by, (unsigned)c->uid);
		/* The same call waiting twice in that session goes too. */
		TAILQ_FOREACH_SAFE(o, &q.pending, entry, next)
			if (o != p && o->key != NULL &&
			    o->keylen == p->keylen &&
			    o->item.req.session != NULL &&
			    strcmp(o->item.req.session,
			    p->item.req.session) == 0 &&
			    memcmp(o->key, p->key, p->keylen) == 0)
				decide(o, RISK_ALLOW, HITL_HOW_SESSION, by,
				    c->uid, reason);
		decide(p, RISK_ALLOW, HITL_HOW_APPROVER, by, c->uid, reason);
		break;
	}
	control_reply(c, IMSG_CTL_OK, imsg->hdr.peerid, -1, NULL, 0);
}

static void
queue_list(struct ctl_conn *c, struct imsg *imsg, int subscribe)
{
	struct pending	*p;
	struct qconn	*qc;

	if (subscribe) {
		if ((qc = conn_data(c)) == NULL) {
			control_error(c, imsg->hdr.peerid, "out of memory");
			return;
		}
		qc->subscribed = 1;
	}
	if (conn_backlogged(c))
		return;
	TAILQ_FOREACH(p, &q.pending, entry)
		send_item(c, imsg->hdr.peerid, p);
	control_reply(c, IMSG_CTL_END, imsg->hdr.peerid, -1, NULL, 0);
}

/*
 * Who may connect is decided by the socket's group and mode, which the
 * kernel checks against every group of the peer (SO_PEERCRED would only
 * show the primary one); the peer's uid is recorded with each answer.
 */
static int
approver_allow(struct proc_ctx *ctx, uid_t uid, gid_t gid)
{
	return 0;
}

static int
approver_dispatch(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	/*
	 * People approve.  A daemon's connection (the engine's, made by
	 * its root parent, see IMSG_CTL_ROLE) may ask, never answer nor
	 * watch the queue.
	 */
	if (c->role[0] != '\0' && (imsg->hdr.type == IMSG_HITL_SUBSCRIBE ||
	    imsg->hdr.type == IMSG_HITL_LIST ||
	    imsg->hdr.type == IMSG_HITL_ANSWER)) {
		log_warnx("%s tried approver request %u: refused", c->role,
		    imsg->hdr.type);
		control_error(c, imsg->hdr.peerid, "approvals are answered "
		    "by people, not by daemons (%s)", c->role);
		return 0;
	}
	switch (imsg->hdr.type) {
	case IMSG_HITL_SUBSCRIBE:
		queue_list(c, imsg, 1);
		return 0;
	case IMSG_HITL_LIST:
		queue_list(c, imsg, 0);
		return 0;
	case IMSG_HITL_ANSWER:
		queue_answer(c, imsg);
		return 0;
	}
	return -1;
}

/*
 * The request-id file (hitld.h): go on from the last id of the runs
 * before.  An id given before the file came (none should be: it comes
 * right after the control socket) is not given again.
 */
static void
ids_load(int fd)
{
	char		 buf[32];
	const char	*errstr;
	ssize_t		 n;
	uint32_t	 last;

	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) == -1) {
		log_warn("request ids: read");
		n = 0;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	last = 0;
	if (buf[0] != '\0') {
		last = (uint32_t)strtonum(buf, 0, UINT32_MAX, &errstr);
		if (errstr != NULL)
			log_warnx("request ids: the file's last id is %s; "
			    "ids go on from %u", errstr, q.next_id);
	}
	if (q.ids_fd != -1)
		close(q.ids_fd);
	q.ids_fd = fd;
	if (last > q.next_id)
		q.next_id = last;
	log_debug("request ids: going on from %u", q.next_id);
	ids_save();
}

/* Written as each id is given: ten digits and a newline, in place. */
static void
ids_save(void)
{
	char	 buf[HITLD_IDS_LEN + 1];

	if (q.ids_fd == -1)
		return;
	snprintf(buf, sizeof(buf), "%010u\n", q.next_id);
	if (pwrite(q.ids_fd, buf, HITLD_IDS_LEN, 0) != HITLD_IDS_LEN) {
		if (!q.ids_warned)
			log_warn("request ids: write; after a restart an id "
			    "may be given again");
		q.ids_warned = 1;
	} else
		q.ids_warned = 0;
}

void
queue_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t kind, int fd)
{
	if (audit_on_fd(ctx, type, kind, fd))
		return;
	if (type == IMSG_PROC_LISTEN && kind == LISTEN_KIND_IDS && fd != -1) {
		ids_load(fd);
		return;
	}
	if (type == IMSG_PROC_LISTEN && kind == LISTEN_KIND_APPROVER) {
		control_server(ctx, fd, "approver", approver_allow,
		    approver_dispatch);
		return;
	}
	log_warnx("%s: unexpected fd (%u/%u)", __func__, type, kind);
	if (fd != -1)
		close(fd);
}

/*
 * A requester withdraws its request peerid (its own client went away):
 * when it waits for a person, it leaves the queue now, as when the
 * requester's connection closes, and approvers see it go.  Nothing is
 * answered; a request already decided is left alone.
 */
static void
queue_cancel(struct ctl_conn *c, struct imsg *imsg)
{
	struct pending	*p;

	if (imsg_datalen(imsg) != 0) {
		control_error(c, imsg->hdr.peerid, "malformed request");
		return;
	}
	TAILQ_FOREACH(p, &q.pending, entry)
		if (p->conn_id == c->id && p->peerid == imsg->hdr.peerid) {
			decide(p, RISK_DENY, HITL_HOW_CANCEL, "", 0,
			    "cancelled: the requester withdrew it");
			return;
		}
}

/* The control socket (root): requesters, and approvers too. */
int
queue_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	struct rbuf	 rb;
	char		*session;

	switch (imsg->hdr.type) {
	case IMSG_HITL_CLASSIFY:
		queue_classify(c, imsg);
		return 0;
	case IMSG_HITL_CANCEL:
		queue_cancel(c, imsg);
		return 0;
	case IMSG_HITL_ENDSESSION:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_str(&rb, &session, HITL_SESSION_MAX) == -1) {
			control_error(c, imsg->hdr.peerid, "malformed "
			    "request");
			return 0;
		}
		if (wire_end(&rb) == -1) {
			free(session);
			control_error(c, imsg->hdr.peerid, "malformed "
			    "request");
			return 0;
		}
		{
			struct wbuf	 wb;
			size_t		 n = grants_end_session(session);

			log_info("session %s ended: %zu allow-for-session "
			    "grant(s) dropped", session, n);
			/* The count, for harnessctl to say. */
			wire_init(&wb);
			wire_put_u32(&wb, (uint32_t)n);
			free(session);
			control_reply(c, IMSG_CTL_OK, imsg->hdr.peerid, -1,
			    wb.buf, wb.len);
		}
		return 0;
	}
	return approver_dispatch(ctx, c, imsg);
}

/*
 * A new configuration: new rules, policy and timeout for the requests
 * to come.  Those waiting keep their deadline and stay queued; they
 * hold copies of everything they show.
 */
int
queue_reload(struct proc_ctx *ctx, struct harness_conf *nconf, char *note,
    size_t notesz)
{
	struct risk_ruleset	*rs;
	size_t			 n;
	char			 err[512];

	if ((rs = risk_conf_compile(nconf, &n, err, sizeof(err))) == NULL) {
		log_warnx("reload: rules: %s; keeping the old rules", err);
		snprintf(note, notesz, "rules: %s; the old rules kept", err);
		return -1;
	}
	risk_free(q.rs);
	q.rs = rs;
	q.nrules = n;
	q.timeout_ms = nconf->hitld.timeout_ms;
	log_info("rules reloaded: %zu rule%s, %zu request%s still pending",
	    n, n == 1 ? "" : "s", q.npending, q.npending == 1 ? "" : "s");
	snprintf(note, notesz, "%zu rule%s, %zu request%s still pending",
	    n, n == 1 ? "" : "s", q.npending, q.npending == 1 ? "" : "s");
	return 0;
}

/*
 * The parent's messages other than the framework's: the user table it
 * read again on SIGHUP, merged into ours.
 */
void
queue_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	struct users	 t;

	if (iev != &ctx->parent || imsg->hdr.type != IMSG_HITL_USERS)
		fatalx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
	memset(&t, 0, sizeof(t));
	if (users_decode(&t, imsg->data, imsg_datalen(imsg)) == -1)
		log_warnx("%s: a bad user table from the parent", __func__);
	else if (users_merge(&q.users, &t) == -1)
		log_warn("%s: user table", __func__);
	else
		log_info("user names reloaded: %zu read, %zu known", t.n,
		    q.users.n);
	users_free(&t);
}

/* Shutting down: exit once every decision's record is acknowledged. */
static int
stop_done(struct proc_ctx *ctx)
{
	return hitl_audit_outstanding() == 0;
}

static void
stop_end(struct proc_ctx *ctx, int in_time)
{
	if (!in_time)
		log_warnx("exiting with %zu decision records not "
		    "acknowledged", hitl_audit_outstanding());
	else
		log_info("every decision recorded, exiting");
}

/*
 * The parent closed our channel: deny what is pending, as a decision
 * with its audit record (the requester hears it once recorded), and
 * exit when the records are acknowledged, or before the parent stops
 * waiting.  A request that comes meanwhile is denied, not queued.
 */
int
queue_stopping(struct proc_ctx *ctx)
{
	struct pending	*p, *next;
	size_t		 n = q.npending;

	q.stopping = 1;
	TAILQ_FOREACH_SAFE(p, &q.pending, entry, next)
		decide(p, RISK_DENY, HITL_HOW_ERROR, "", 0,
		    "denied: hitld is shutting down");
	if (hitl_audit_outstanding() == 0)
		return 0;
	log_info("%zu pending request%s denied, shutting down", n,
	    n == 1 ? "" : "s");
	return proc_finish(ctx, stop_done, stop_end);
}

void
queue_run(struct proc_ctx *ctx)
{
	/* pwrite64: the request-id file (ids_save()) */
	static const int	 syscalls[] = { SYS_memfd_create, SYS_pwrite64 };
	struct proc_confine_spec spec;
	char			 err[512];

	q.ctx = ctx;
	q.ids_fd = -1;
	TAILQ_INIT(&q.pending);
	TAILQ_INIT(&q.grants);
	if ((q.rs = risk_conf_compile(ctx->conf, &q.nrules, err,
	    sizeof(err))) == NULL)
		fatalx("rules: %s", err);
	q.timeout_ms = ctx->conf->hitld.timeout_ms;
	/* Approvers are named in decisions; the chroot has no passwd. */
	users_load();

	memset(&spec, 0, sizeof(spec));
	/* A request too large for a message goes to approvers in one. */
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	if (audit_init(ctx) == -1)
		fatalx("cannot set up auditing");
	proc_confine(ctx, &spec);
	log_debug("%zu rules, timeout %llu ms, %zu users known", q.nrules,
	    (unsigned long long)q.timeout_ms, q.users.n);
	event_base_dispatch(ctx->base);
}
