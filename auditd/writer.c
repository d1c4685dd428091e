/*
 * The writer: the only process that appends to the audit database.
 *
 * Producers (the other daemons, through their root parents, harnessctl,
 * and the users of "allow user") send IMSG_AUDIT_EVENT on the control
 * socket.  Each event is checked and its body canonicalised on arrival;
 * a bad one is refused with an error reply and counted, never written.
 * Good events wait in one batch.  At the end of the event-loop turn
 * that received them (a manually activated event runs after every read
 * callback libevent queued in that turn) the batch goes to the
 * committer thread, which writes it as ONE auditlog_append_canon()
 * transaction, so that all producers active at once share one fsync:
 * group commit.  While it writes, the event loop keeps receiving into
 * the other batch, which goes next: batches grow with the load.  Only
 * once a batch is durable does the event loop send its acks, each with
 * its seq, or, to producers that set AUDIT_ACKV, runs of them in one
 * IMSG_AUDIT_ACKV per connection.
 *
 * A small batch (WRITER_INLINE_MAX) with the committer idle is written
 * by the event loop itself: at light load that saves two thread
 * switches on every ack's path.
 *
 * Only one thread uses the log at a time: the committer while w.flight
 * is set, the event loop otherwise (writer_drain() waits for that).
 *
 * The head is sealed every seal interval when there is something new,
 * and on the way out: SIGTERM, or end of the parent channel (proc.c
 * calls exit(0) then; an atexit handler does the last commit and seal).
 */
#include <sys/types.h>
#include <sys/syscall.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>		/* CLONE_THREAD */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit_proto.h"
#include "auditc.h"
#include "auditd.h"
#include "auditlog.h"
#include "conf.h"
#include "control.h"
#include "imsg.h"
#include "log.h"
#include "proc.h"
#include "utf8.h"
#include "wire.h"

#define WRITER_MAX_PRODUCERS	64
#define WRITER_LAZY_MS		10	/* most an unawaited event waits */
#define WRITER_INLINE_MAX	4	/* batches this small commit inline */
#define WRITER_SYNC_MAX		16	/* IMSG_AUDIT_SYNC waiting at once */

struct pending {
	uint32_t	 conn;		/* ctl_conn id, to find it again */
	uint32_t	 reqid;
	uint32_t	 flags;
	int		 done;		/* answered (refused) already */
	int		 bad;		/* refused by the library */
	char		*why;		/* its reason, NULL if out of memory */
	struct auditlog_record rec;
	char		*source, *type, *session, *actor, *body;
};

/*
 * A batch: filled by the main thread, written by the committer.  The
 * result fields are the committer's until it hands the batch back.
 */
struct batch {
	struct pending	 p[AUDITLOG_BATCH_MAX];
	size_t		 n;
	size_t		 nack;		/* of those, someone waits for */
	struct auditlog_record recs[AUDITLOG_BATCH_MAX];
	int		 rc;		/* 0 written, 1 nothing left, -1 */
	size_t		 written;
	char		 err[512];
};

static struct batch	 batches[2];

static struct {
	struct proc_ctx	*ctx;
	struct auditlog	*log;
	struct batch	*fill;		/* events arriving now */
	struct batch	*flight;	/* being written, or NULL */
	/*
	 * The committer thread: w.log belongs to it while w.flight is
	 * set, and to the main thread otherwise.  job/finished under mu.
	 */
	int		 threaded;
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv_job, cv_done;
	int		 job, finished;
	int		 notify[2];	/* committer -> loop: batch done */
	struct event	*ev_done;
	struct event	*ev_commit;
	struct event	*ev_lazy;	/* commit what nobody waits for */
	int		 lazy_due;	/* ev_lazy fired while busy */
	struct event	*ev_seal;
	struct event	*ev_term;
	struct event	*ev_sync;	/* answer IMSG_AUDIT_SYNC */
	struct {
		uint32_t	 conn, reqid;
	}		 sync[WRITER_SYNC_MAX];
	size_t		 nsync;
	uint64_t	 stats[AUDIT_NSTATS];
	uid_t		 producers[WRITER_MAX_PRODUCERS];
	size_t		 nproducers;
	time_t		 last_warn;
	uint64_t	 warn_suppressed;
	int		 exiting;
} w;

static void	 writer_kick(void);
static void	 writer_drain(void);

const char *
writer_chroot(const struct harness_conf *conf)
{
	return conf->auditd.d.chroot;
}

/* Refusals are counted always, logged at most once a second. */
static void
writer_refuse(struct ctl_conn *c, uint32_t reqid, int stat,
    const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;
	time_t	 now = time(NULL);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	w.stats[stat]++;
	if (now != w.last_warn) {
		if (w.warn_suppressed > 0)
			log_warnx("(%llu more refusals not logged)",
			    (unsigned long long)w.warn_suppressed);
		log_warnx("refused event from uid %u pid %d: %s",
		    (unsigned)c->muid, (int)c->mpid, msg);
		w.last_warn = now;
		w.warn_suppressed = 0;
	} else
		w.warn_suppressed++;
	control_error(c, reqid, "audit event refused: %s", msg);
}

static int
producer_allow(struct proc_ctx *ctx, uid_t uid, gid_t gid)
{
	size_t	 i;

	for (i = 0; i < w.nproducers; i++)
		if (w.producers[i] == uid)
			return 0;
	return -1;
}

static int
check_source(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || len > AUDITLOG_SOURCE_MAX)
		return -1;
	for (i = 0; i < len; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    (s[i] != '\0' && strchr("_.:/-", s[i]) != NULL))
			continue;
		return -1;
	}
	return 0;
}

/* session, actor: 0..AUDITLOG_STR_MAX bytes of UTF-8, no controls. */
static int
check_text(const char *s, size_t len)
{
	size_t	 i;

	if (len > AUDITLOG_STR_MAX || !utf8_valid(s, len))
		return -1;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return -1;
	return 0;
}

static char *
dupn(const void *p, size_t len)
{
	char	*s;

	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

static void
pending_free(struct pending *p)
{
	free(p->source);
	free(p->type);
	free(p->session);
	free(p->actor);
	free(p->body);
	free(p->why);
	memset(p, 0, sizeof(*p));
}

/*
 * Queue a checked event for the next batch; canon (the body) is taken.
 * -1 if out of memory (nothing queued).
 */
static int
writer_add(uint32_t conn, uint32_t reqid, uint32_t flags, int64_t t,
    uid_t uid, pid_t pid, const void *src, size_t srclen, const void *typ,
    size_t typlen, const void *ses, size_t seslen, const void *act,
    size_t actlen, char *canon)
{
	struct pending	*p;

	p = &w.fill->p[w.fill->n];
	memset(p, 0, sizeof(*p));
	p->conn = conn;
	p->reqid = reqid;
	p->flags = flags;
	p->body = canon;
	if ((p->source = dupn(src, srclen)) == NULL ||
	    (p->type = dupn(typ, typlen)) == NULL ||
	    (p->session = dupn(ses, seslen)) == NULL ||
	    (p->actor = dupn(act, actlen)) == NULL) {
		pending_free(p);
		return -1;
	}
	p->rec.time = t;
	p->rec.source = p->source;
	p->rec.type = p->type;
	p->rec.session = p->session;
	p->rec.actor = p->actor;
	p->rec.uid = (int64_t)uid;
	p->rec.pid = (int64_t)pid;
	p->rec.body = p->body;
	/*
	 * A record someone waits for is written at the end of this turn;
	 * one nobody waits for (no AUDIT_ACK) may wait WRITER_LAZY_MS for
	 * company, so that it shares the fsync of the next awaited one
	 * (hitld's decision with sandboxd's sandbox.start, sandbox.exit
	 * with the engine's tool.call) instead of adding one before it.
	 */
	w.fill->n++;
	if (flags & AUDIT_ACK) {
		if (w.fill->nack++ == 0)
			event_active(w.ev_commit, EV_TIMEOUT, 0);
	} else if (!evtimer_pending(w.ev_lazy, NULL)) {
		struct timeval	 tv = { 0, WRITER_LAZY_MS * 1000 };

		evtimer_add(w.ev_lazy, &tv);
	}
	if (w.fill->n == AUDITLOG_BATCH_MAX) {
		/* Full: wait for the committer, then hand this one over. */
		writer_drain();
		writer_kick();
	}
	return 0;
}

static void
writer_event(struct ctl_conn *c, struct imsg *imsg)
{
	struct rbuf	 rb;
	const void	*src, *typ, *ses, *act, *body;
	size_t		 srclen, typlen, seslen, actlen, bodylen, clen, i;
	uint32_t	 flags, reqid = imsg->hdr.peerid;
	int64_t		 t;
	char		 tbuf[AUDITLOG_TYPE_MAX + 1], why[256], *canon = NULL;

	w.stats[AUDIT_ST_RECEIVED]++;
	if (c->uid != 0 && producer_allow(c->ctx, c->uid, c->gid) == -1) {
		writer_refuse(c, reqid, AUDIT_ST_DENIED, "uid %u may not "
		    "write audit records", (unsigned)c->uid);
		return;
	}
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	wire_get_u32(&rb, &flags);
	wire_get_i64(&rb, &t);
	wire_get_blob(&rb, &src, &srclen, IMSG_MAX_PAYLOAD);
	wire_get_blob(&rb, &typ, &typlen, IMSG_MAX_PAYLOAD);
	wire_get_blob(&rb, &ses, &seslen, IMSG_MAX_PAYLOAD);
	wire_get_blob(&rb, &act, &actlen, IMSG_MAX_PAYLOAD);
	wire_get_blob(&rb, &body, &bodylen, IMSG_MAX_PAYLOAD);
	if (wire_end(&rb) == -1) {
		writer_refuse(c, reqid, AUDIT_ST_MALFORMED, "malformed "
		    "message (%zu bytes)", imsg_datalen(imsg));
		return;
	}
	if ((flags & ~AUDIT_FLAGS_MASK) != 0) {
		writer_refuse(c, reqid, AUDIT_ST_BADFIELD, "unknown flags "
		    "0x%x", flags);
		return;
	}
	if (t < 0) {
		writer_refuse(c, reqid, AUDIT_ST_BADFIELD, "negative time");
		return;
	}
	if (check_source(src, srclen) == -1) {
		writer_refuse(c, reqid, AUDIT_ST_BADFIELD, "bad source (1-%d "
		    "of [A-Za-z0-9_.:/-])", AUDITLOG_SOURCE_MAX);
		return;
	}
	if (typlen > AUDITLOG_TYPE_MAX || memchr(typ, '\0', typlen) != NULL) {
		writer_refuse(c, reqid, AUDIT_ST_BADTYPE, "bad type (1-%d of "
		    "[a-z0-9_-] in dot-separated parts)", AUDITLOG_TYPE_MAX);
		return;
	}
	memcpy(tbuf, typ, typlen);
	tbuf[typlen] = '\0';
	if (auditlog_check_type(tbuf) == -1) {
		/* Shown, but never raw: it goes to the log too. */
		for (i = 0; i < typlen; i++)
			if ((unsigned char)tbuf[i] < 0x21 ||
			    (unsigned char)tbuf[i] > 0x7e || tbuf[i] == '"')
				tbuf[i] = '?';
		writer_refuse(c, reqid, AUDIT_ST_BADTYPE, "bad type \"%s\" "
		    "(1-%d of [a-z0-9_-] in dot-separated parts)", tbuf,
		    AUDITLOG_TYPE_MAX);
		return;
	}
	if (!auditlog_type_known(tbuf)) {
		writer_refuse(c, reqid, AUDIT_ST_BADTYPE, "unknown type "
		    "\"%s\" (see auditd(8) for the types, admin.NAME for "
		    "an administrator's own)", tbuf);
		return;
	}
	if (check_text(ses, seslen) == -1) {
		writer_refuse(c, reqid, AUDIT_ST_BADFIELD, "bad session (at "
		    "most %d bytes of UTF-8, no control characters)",
		    AUDITLOG_STR_MAX);
		return;
	}
	if (check_text(act, actlen) == -1) {
		writer_refuse(c, reqid, AUDIT_ST_BADFIELD, "bad actor (at "
		    "most %d bytes of UTF-8, no control characters)",
		    AUDITLOG_STR_MAX);
		return;
	}
	if (bodylen > AUDITLOG_BODY_MAX) {
		writer_refuse(c, reqid, AUDIT_ST_OVERSIZE, "body of %zu bytes "
		    "(at most %d)", bodylen, AUDITLOG_BODY_MAX);
		return;
	}
	if (memchr(body, '\0', bodylen) != NULL) {
		writer_refuse(c, reqid, AUDIT_ST_BADJSON, "body: NUL byte");
		return;
	}
	if (auditlog_canon_json(body, bodylen, &canon, &clen, why,
	    sizeof(why)) == -1) {
		writer_refuse(c, reqid, AUDIT_ST_BADJSON, "body: %s", why);
		return;
	}

	if (writer_add(c->id, reqid, flags, t, c->muid, c->mpid, src, srclen,
	    typ, typlen, ses, seslen, act, actlen, canon) == -1) {
		log_warn("%s: malloc", __func__);
		w.stats[AUDIT_ST_WRITEFAIL]++;
		control_error(c, reqid, "audit event not written: out of "
		    "memory");
	}
}

/*
 * Acks for the producers that read IMSG_AUDIT_ACKV: per connection, runs
 * of consecutive request ids with consecutive seqs, sent as few messages
 * once the batch is durable.
 */
struct ackrun {
	uint32_t	 reqid;
	uint64_t	 seq;
	uint32_t	 count;
};

struct ackconn {
	uint32_t	 conn;
	struct ackrun	*runs;
	size_t		 nruns, cap;
};

static int
ackv_add(struct ackconn **acs, size_t *nacs, size_t *hint,
    const struct pending *p)
{
	struct ackconn	*a, *na;
	struct ackrun	*r, *nr;
	size_t		 i;

	if (*hint < *nacs && (*acs)[*hint].conn == p->conn)
		a = &(*acs)[*hint];
	else {
		for (i = 0; i < *nacs; i++)
			if ((*acs)[i].conn == p->conn)
				break;
		if (i == *nacs) {
			if ((na = reallocarray(*acs, *nacs + 1,
			    sizeof(*na))) == NULL)
				return -1;
			*acs = na;
			memset(&na[i], 0, sizeof(na[i]));
			na[i].conn = p->conn;
			(*nacs)++;
		}
		*hint = i;
		a = &(*acs)[i];
	}
	if (a->nruns > 0) {
		r = &a->runs[a->nruns - 1];
		if (p->reqid == r->reqid + r->count && p->reqid != 0 &&
		    p->rec.seq == r->seq + r->count && r->count < UINT32_MAX) {
			r->count++;
			return 0;
		}
	}
	if (a->nruns == a->cap) {
		if ((nr = reallocarray(a->runs, a->cap ? a->cap * 2 : 8,
		    sizeof(*nr))) == NULL)
			return -1;
		a->runs = nr;
		a->cap = a->cap ? a->cap * 2 : 8;
	}
	r = &a->runs[a->nruns++];
	r->reqid = p->reqid;
	r->seq = p->rec.seq;
	r->count = 1;
	return 0;
}

static void
ackv_send(struct ackconn *a)
{
	struct ctl_conn	*c;
	struct wbuf	 wb;
	size_t		 i, j, n;

	if ((c = control_find(a->conn)) == NULL)
		return;		/* gone: nobody to tell */
	for (i = 0; i < a->nruns; i += n) {
		n = a->nruns - i;
		if (n > AUDIT_ACKV_MAX)
			n = AUDIT_ACKV_MAX;
		wire_init(&wb);
		wire_put_u32(&wb, (uint32_t)n);
		for (j = i; j < i + n; j++) {
			wire_put_u32(&wb, a->runs[j].reqid);
			wire_put_u64(&wb, a->runs[j].seq);
			wire_put_u32(&wb, a->runs[j].count);
			w.stats[AUDIT_ST_ACKED] += a->runs[j].count;
		}
		control_reply(c, IMSG_AUDIT_ACKV, 0, -1, wb.buf, wb.len);
	}
}

/* Answer every event of the batch that was not answered yet. */
static void
batch_answer(struct batch *b, int ok, const char *why)
{
	struct ctl_conn	*c;
	struct pending	*p;
	struct ackconn	*acs = NULL;
	size_t		 i, nacs = 0, hint = 0;

	for (i = 0; i < b->n; i++) {
		p = &b->p[i];
		if (p->done)
			continue;
		if (ok && (p->flags & AUDIT_ACK) && (p->flags & AUDIT_ACKV) &&
		    ackv_add(&acs, &nacs, &hint, p) == 0)
			continue;
		/* Single acks: old producers, or out of memory. */
		if ((c = control_find(p->conn)) == NULL)
			continue;	/* gone: nobody to tell */
		if (!ok)
			control_error(c, p->reqid, "audit event not written: "
			    "%s", why);
		else if (p->flags & AUDIT_ACK) {
			control_reply(c, IMSG_AUDIT_ACK, p->reqid, -1,
			    &p->rec.seq, sizeof(p->rec.seq));
			w.stats[AUDIT_ST_ACKED]++;
		}
	}
	for (i = 0; i < nacs; i++) {
		ackv_send(&acs[i]);
		free(acs[i].runs);
	}
	free(acs);
}

/*
 * auditlog_append() is all or nothing; the checks on arrival are the
 * library's, so a refused record here is a bug or a rule we do not
 * mirror.  Mark that one record and write the others.  Committer
 * thread: touches only the batch.
 */
static int
batch_drop_bad(struct batch *b)
{
	unsigned long	 idx;
	size_t		 i, k = 0;
	char		*end;

	if (strncmp(b->err, "record ", 7) != 0)
		return -1;
	errno = 0;
	idx = strtoul(b->err + 7, &end, 10);
	if (errno != 0 || end == b->err + 7 || *end != ':')
		return -1;
	/* Index among the records still in the batch. */
	for (i = 0; i < b->n; i++) {
		if (b->p[i].done || b->p[i].bad)
			continue;
		if (k++ == idx)
			break;
	}
	if (i == b->n)
		return -1;
	b->p[i].bad = 1;
	b->p[i].why = strdup(b->err);
	return 0;
}

/* Write a batch: the committer thread's work (or the main thread's). */
static void
batch_write(struct batch *b)
{
	size_t	 i, n, tries;

	b->rc = -1;
	b->written = 0;
	b->err[0] = '\0';
	for (tries = 0; tries <= b->n; tries++) {
		for (i = n = 0; i < b->n; i++)
			if (!b->p[i].done && !b->p[i].bad)
				b->recs[n++] = b->p[i].rec;
		if (n == 0) {
			b->rc = 1;
			break;
		}
		if ((b->rc = auditlog_append_canon(w.log, b->recs, n, b->err,
		    sizeof(b->err))) == 0)
			break;
		if (batch_drop_bad(b) == -1)
			break;
	}
	if (b->rc == 0) {
		for (i = n = 0; i < b->n; i++)
			if (!b->p[i].done && !b->p[i].bad)
				b->p[i].rec.seq = b->recs[n++].seq;
		b->written = n;
	}
}

/* Main thread: tell everyone in a written batch, then free it. */
static void
batch_finish(struct batch *b)
{
	struct ctl_conn	*c;
	struct pending	*p;
	size_t		 i;

	for (i = 0; i < b->n; i++) {
		p = &b->p[i];
		if (!p->bad)
			continue;
		p->done = 1;
		w.stats[AUDIT_ST_BADFIELD]++;
		log_warnx("refused event: %s", p->why ? p->why : "?");
		if ((c = control_find(p->conn)) != NULL)
			control_error(c, p->reqid, "audit event refused: %s",
			    p->why && strchr(p->why, ':') ? strchr(p->why,
			    ':') + 2 : "invalid record");
	}
	if (b->rc == 0) {
		w.stats[AUDIT_ST_WRITTEN] += b->written;
		w.stats[AUDIT_ST_TXNS]++;
		if (b->written > w.stats[AUDIT_ST_MAXBATCH])
			w.stats[AUDIT_ST_MAXBATCH] = b->written;
	}
	if (b->rc == -1) {
		/* Fail secure: every producer waiting hears it was not
		 * written. */
		log_warnx("audit write failed, %zu events refused: %s", b->n,
		    b->err);
		for (i = 0; i < b->n; i++)
			if (!b->p[i].done)
				w.stats[AUDIT_ST_WRITEFAIL]++;
		batch_answer(b, 0, b->err);
	} else
		batch_answer(b, 1, NULL);
	for (i = 0; i < b->n; i++)
		pending_free(&b->p[i]);
	b->n = 0;
	b->nack = 0;
}

/*
 * The committer: SQLite commits (and their fsync) run here, so that
 * the event loop goes on receiving, checking and canonicalising the
 * next batch meanwhile.  The next batch is whatever arrived during this
 * commit: the slower the disk or the heavier the load, the larger it
 * grows (up to AUDITLOG_BATCH_MAX), so one fsync covers more events.
 */
static void *
committer(void *arg)
{
	struct batch	*b;
	ssize_t		 r;

	for (;;) {
		pthread_mutex_lock(&w.mu);
		while (!w.job)
			pthread_cond_wait(&w.cv_job, &w.mu);
		b = w.flight;
		pthread_mutex_unlock(&w.mu);

		batch_write(b);

		pthread_mutex_lock(&w.mu);
		w.job = 0;
		w.finished = 1;
		pthread_cond_signal(&w.cv_done);
		pthread_mutex_unlock(&w.mu);
		do
			r = write(w.notify[1], "", 1);
		while (r == -1 && errno == EINTR);
		/* EAGAIN: a wakeup is pending already. */
	}
	return NULL;
}

/* Main thread: if the committer handed a batch back, finish it. */
static void
writer_reap(void)
{
	struct batch	*b;
	int		 fin;

	if (w.flight == NULL)
		return;
	pthread_mutex_lock(&w.mu);
	fin = w.finished;
	w.finished = 0;
	pthread_mutex_unlock(&w.mu);
	if (!fin)
		return;
	b = w.flight;
	w.flight = NULL;
	batch_finish(b);
}

/* Main thread: wait until the committer is idle (w.log is ours). */
static void
writer_drain(void)
{
	if (w.flight == NULL)
		return;
	pthread_mutex_lock(&w.mu);
	while (w.job)
		pthread_cond_wait(&w.cv_done, &w.mu);
	pthread_mutex_unlock(&w.mu);
	writer_reap();
}

/* Main thread: start writing what has arrived, unless busy. */
static void
writer_kick(void)
{
	struct batch	*b;

	if (w.flight != NULL || w.fill->n == 0 || w.log == NULL)
		return;
	b = w.fill;
	w.fill = b == &batches[0] ? &batches[1] : &batches[0];
	/* whatever waited for company goes with this batch */
	evtimer_del(w.ev_lazy);
	w.lazy_due = 0;
	/*
	 * A small batch with the committer idle: the load is light and
	 * what counts is latency, so commit here.  Handing it over would
	 * wake the committer and then be woken by it, two thread switches
	 * on every ack's path.  What arrives meanwhile waits in the socket
	 * buffers and goes with the next commit, as it would have.  Under
	 * load batches grow past the limit and the committer takes them,
	 * so that receiving overlaps the fsync.
	 */
	if (!w.threaded || b->n <= WRITER_INLINE_MAX) {
		batch_write(b);
		batch_finish(b);
		return;
	}
	w.flight = b;
	pthread_mutex_lock(&w.mu);
	w.job = 1;
	pthread_cond_signal(&w.cv_job);
	pthread_mutex_unlock(&w.mu);
}

/* Main thread: everything received so far is durable (or refused). */
static void
writer_commit(void)
{
	writer_drain();
	writer_kick();
	writer_drain();
}

static void
commit_cb(evutil_socket_t fd, short ev, void *arg)
{
	writer_kick();
}

static void
done_cb(evutil_socket_t fd, short ev, void *arg)
{
	char	 buf[64];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
	writer_reap();
	if (w.fill->nack > 0 || w.lazy_due)
		writer_kick();
}

/*
 * After every read callback of the turn that brought IMSG_AUDIT_SYNC
 * (manually activated events run after those libevent queued before
 * them): what came with it, and everything before, is received, so
 * commit it all and answer.
 */
static void
sync_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct ctl_conn	*c;
	size_t		 i;

	writer_commit();
	for (i = 0; i < w.nsync; i++)
		if ((c = control_find(w.sync[i].conn)) != NULL)
			control_reply(c, IMSG_CTL_OK, w.sync[i].reqid, -1,
			    NULL, 0);
	w.nsync = 0;
}

static void
writer_sync(struct ctl_conn *c, uint32_t reqid)
{
	if (w.nsync == WRITER_SYNC_MAX) {
		/* Many at once: answer those, then take this one. */
		event_del(w.ev_sync);
		sync_cb(-1, 0, NULL);
	}
	w.sync[w.nsync].conn = c->id;
	w.sync[w.nsync].reqid = reqid;
	w.nsync++;
	event_active(w.ev_sync, EV_TIMEOUT, 0);
}

static void
lazy_cb(evutil_socket_t fd, short ev, void *arg)
{
	w.lazy_due = 1;
	writer_kick();
}

static void
writer_seal(void)
{
	char	 err[512];
	int	 rc;

	if (w.log == NULL)
		return;
	writer_drain();
	if ((rc = auditlog_seal(w.log, err, sizeof(err))) == -1)
		log_warnx("seal: %s", err);
	else if (rc == 0) {
		w.stats[AUDIT_ST_SEALS]++;
		/*
		 * Something new was written: start the WAL over.  At
		 * most a seal interval's worth of pages (SQLite's own
		 * checkpoint takes every 1000), so this is short.
		 */
		if (auditlog_checkpoint(w.log, err, sizeof(err)) == -1)
			log_warnx("%s", err);
	}
}

static void
seal_cb(evutil_socket_t fd, short ev, void *arg)
{
	writer_commit();
	writer_seal();
}

static void
seal_schedule(const struct harness_conf *conf)
{
	struct timeval	 tv;
	uint64_t	 ms = conf->auditd.seal_interval_ms;

	if (ms == 0)
		ms = 1000;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_del(w.ev_seal);
	evtimer_add(w.ev_seal, &tv);
}

static void
seal_timer(evutil_socket_t fd, short ev, void *arg)
{
	seal_cb(fd, ev, arg);
	seal_schedule(w.ctx->conf);
}

static void
try_write(struct ctl_conn *c, void *arg)
{
	/* One non-blocking attempt to deliver the last acks. */
	imsg_write(&c->iev.ibuf);
}

/* exit() from anywhere (parent channel closed): last commit, seal. */
static void
writer_atexit(void)
{
	if (w.log == NULL || w.exiting)
		return;
	w.exiting = 1;
	writer_commit();
	control_foreach(try_write, NULL);
	writer_seal();
	auditlog_close(w.log);
	w.log = NULL;
	log_info("sealed and closed the audit log");
}

static void
term_cb(evutil_socket_t sig, short ev, void *arg)
{
	log_info("received signal %d, sealing and exiting", (int)sig);
	exit(0);
}

static void
writer_stats(struct ctl_conn *c, uint32_t reqid)
{
	struct auditlog_status st;
	struct wbuf	 wb;
	size_t		 i;

	memset(&st, 0, sizeof(st));
	writer_drain();		/* w.log is ours to read */
	auditlog_status(w.log, &st);
	wire_init(&wb);
	for (i = 0; i < AUDIT_NSTATS; i++)
		wire_put_u64(&wb, w.stats[i]);
	wire_put_u64(&wb, st.last_seq);
	wire_put_u64(&wb, st.epoch);
	wire_put_u64(&wb, st.sealed_seq);
	control_reply(c, IMSG_AUDIT_STATS, reqid, -1, wb.buf, wb.len);
}

int
writer_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	switch (imsg->hdr.type) {
	case IMSG_AUDIT_EVENT:
		writer_event(c, imsg);
		return 0;
	case IMSG_AUDIT_STATS:
	case IMSG_AUDIT_SEAL:
	case IMSG_AUDIT_SYNC:
		if (c->uid != 0) {
			writer_refuse(c, imsg->hdr.peerid, AUDIT_ST_DENIED,
			    "uid %u may only send events", (unsigned)c->uid);
			return 0;
		}
		if (imsg_datalen(imsg) != 0) {
			writer_refuse(c, imsg->hdr.peerid, AUDIT_ST_MALFORMED,
			    "unexpected payload");
			return 0;
		}
		if (imsg->hdr.type == IMSG_AUDIT_STATS)
			writer_stats(c, imsg->hdr.peerid);
		else if (imsg->hdr.type == IMSG_AUDIT_SYNC)
			writer_sync(c, imsg->hdr.peerid);
		else {
			writer_commit();
			writer_seal();
			control_reply(c, IMSG_CTL_OK, imsg->hdr.peerid, -1,
			    NULL, 0);
		}
		return 0;
	}
	if (imsg->hdr.type > IMSG_AUDIT_BASE && imsg->hdr.type <
	    IMSG_AUDIT_BASE + 100) {
		writer_refuse(c, imsg->hdr.peerid, AUDIT_ST_MALFORMED,
		    "unknown audit request %u", imsg->hdr.type);
		return 0;
	}
	if (c->uid != 0)
		w.stats[AUDIT_ST_MALFORMED]++;
	return -1;
}

int
writer_reload(struct proc_ctx *ctx, struct harness_conf *nconf, char *note,
    size_t notesz)
{
	(void)ctx;
	(void)note;
	(void)notesz;
	seal_schedule(nconf);
	return 0;
}

/*
 * auditd's own reloads go into its log as a producer's config.reload
 * would (source "auditd/writer", the writer's uid and pid), with the
 * same checks on the body, nobody waiting for the ack.
 */
void
writer_reloaded(struct proc_ctx *ctx, const struct proc_reload *rl)
{
	static const char	 type[] = "config.reload";
	struct timespec		 ts;
	const char		*src = proc_title(ctx);
	char			*body, *canon = NULL, actor[64], why[256];
	size_t			 clen;

	if ((body = audit_reload_body(rl, actor, sizeof(actor))) == NULL) {
		log_warn("reload not recorded in the audit trail");
		return;
	}
	if (auditlog_canon_json(body, strlen(body), &canon, &clen, why,
	    sizeof(why)) == -1) {
		log_warnx("reload not recorded in the audit trail: %s", why);
		free(body);
		return;
	}
	free(body);
	clock_gettime(CLOCK_REALTIME, &ts);
	if (writer_add(0, 0, 0, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec,
	    getuid(), getpid(), src, strlen(src), type, strlen(type), "", 0,
	    actor, strlen(actor), canon) == -1)
		log_warn("reload not recorded in the audit trail");
}

static void
producers_resolve(const struct harness_conf *conf)
{
	struct passwd	*pw;
	size_t		 i;

	for (i = 0; i < conf->auditd.producers.n; i++) {
		const char *name = conf->auditd.producers.v[i];

		if ((pw = getpwnam(name)) == NULL) {
			log_warnx("allow user %s: no such user, ignored",
			    name);
			continue;
		}
		if (pw->pw_uid == 0)
			continue;
		if (w.nproducers == WRITER_MAX_PRODUCERS) {
			log_warnx("more than %d producer users, ignoring %s",
			    WRITER_MAX_PRODUCERS, name);
			continue;
		}
		w.producers[w.nproducers++] = pw->pw_uid;
	}
	endpwent();
}

void
writer_run(struct proc_ctx *ctx)
{
	static const int syscalls[] = {
		SYS_openat, SYS_fsync, SYS_fdatasync, SYS_ftruncate,
		SYS_unlink, SYS_rename, SYS_pwrite64, SYS_flock,
		SYS_stat, SYS_lstat, SYS_statx, SYS_fchown, SYS_getcwd,
		SYS_fchmod, SYS_unlinkat, SYS_renameat, SYS_fallocate,
		SYS_mlock, SYS_munlock,
	};
	/*
	 * The committer thread.  clone3's flags live in memory seccomp
	 * cannot see, so clone3 fails with ENOSYS and glibc's
	 * pthread_create() falls back to clone, whose flags it can: only
	 * CLONE_THREAD is allowed, so the writer can make threads and
	 * never a process.
	 */
	static const struct confine_errno soft[] = {
		{ SYS_clone3, ENOSYS },
	};
	static const struct confine_argrule argrules[] = {
		{ SYS_clone, 0, CONFINE_MASKED_EQ, CLONE_THREAD,
		    CLONE_THREAD },
	};
	struct proc_confine_spec spec;
	sigset_t	 all, old;
	int		 rc;
	unsigned char	 vkey[AUDITLOG_KEYLEN];
	char		 err[512];
	int		 created = 0;

	w.ctx = ctx;
	producers_resolve(ctx->conf);
	control_allow_also(producer_allow);

	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	spec.argrules = argrules;
	spec.nargrules = sizeof(argrules) / sizeof(argrules[0]);
	spec.soft = soft;
	spec.nsoft = sizeof(soft) / sizeof(soft[0]);
	spec.allow_files = 1;
	spec.nodump = 1;	/* the running key is in memory */
	proc_confine(ctx, &spec);

	/* Chrooted to the log directory: the log is "/". */
	w.log = auditlog_open("/", vkey, &created, err, sizeof(err));
	if (w.log == NULL)
		fatalx("audit log %s: %s", ctx->conf->auditd.d.chroot, err);
	explicit_bzero(vkey, sizeof(vkey));
	if (created)
		log_info("created the audit log %s/%s; its verification key "
		    "is %s/%s: keep a copy off this host", ctx->conf->auditd.d.
		    chroot, AUDITLOG_DB, ctx->conf->auditd.d.chroot,
		    AUDITLOG_VERIFYFILE);
	else {
		struct auditlog_status st;

		auditlog_status(w.log, &st);
		log_info("audit log %s/%s: %llu records, key epoch %llu",
		    ctx->conf->auditd.d.chroot, AUDITLOG_DB,
		    (unsigned long long)st.last_seq,
		    (unsigned long long)st.epoch);
	}
	w.fill = &batches[0];
	if (pipe2(w.notify, O_NONBLOCK | O_CLOEXEC) == -1)
		fatal("pipe2");
	if (pthread_mutex_init(&w.mu, NULL) != 0 ||
	    pthread_cond_init(&w.cv_job, NULL) != 0 ||
	    pthread_cond_init(&w.cv_done, NULL) != 0)
		fatalx("%s: pthread init", __func__);
	/* Signals are the event loop's: the committer takes none. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w.thread, NULL, committer, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		log_warnx("no committer thread (%s): commits block the "
		    "event loop", strerror(rc));
	else
		w.threaded = 1;
	if (atexit(writer_atexit) != 0)
		fatalx("atexit");

	w.ev_commit = event_new(ctx->base, -1, 0, commit_cb, NULL);
	w.ev_lazy = evtimer_new(ctx->base, lazy_cb, NULL);
	w.ev_done = event_new(ctx->base, w.notify[0], EV_READ | EV_PERSIST,
	    done_cb, NULL);
	if (w.ev_done == NULL || event_add(w.ev_done, NULL) == -1)
		fatalx("%s: events", __func__);
	w.ev_seal = evtimer_new(ctx->base, seal_timer, NULL);
	w.ev_term = evsignal_new(ctx->base, SIGTERM, term_cb, NULL);
	w.ev_sync = event_new(ctx->base, -1, 0, sync_cb, NULL);
	if (w.ev_commit == NULL || w.ev_lazy == NULL || w.ev_seal == NULL ||
	    w.ev_sync == NULL ||
	    w.ev_term == NULL || evsignal_add(w.ev_term, NULL) == -1)
		fatalx("%s: events", __func__);
	seal_schedule(ctx->conf);
	event_base_dispatch(ctx->base);
}
