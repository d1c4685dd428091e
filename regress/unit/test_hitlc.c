/*
 * lib/hitlc: payload round trips, hostile payloads (every truncation,
 * trailing bytes, out-of-range fields), and the client's fail-secure
 * paths against a scripted peer on a socketpair.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "hitl_proto.h"
#include "hitlc.h"
#include "imsg.h"
#include "risk.h"
#include "../tap.h"
#include "wire.h"

static char	*argv3[] = { "rm", "-rf", "/tmp/x y" };
static char	*envv2[] = { "A=1", "PS4=$(x)" };

static void
sample_req(struct hitl_req *r)
{
	memset(r, 0, sizeof(*r));
	r->session = "sess-1.6d422e16";
	r->named = "sess-1";
	r->tool = "shell";
	r->command = "rm -rf /tmp/x";
	r->argv = argv3;
	r->argc = 3;
	r->args = "{\"cmd\":\"rm -rf /tmp/x\"}";
	r->network = "none";
	r->workspace = "/srv/ws";
	r->cwd = "/work/sub";
	r->envv = envv2;
	r->envc = 2;
	r->input = "rm -rf /\n";
	r->flags = HITL_REQ_RECORDED | HITL_REQ_INPUT_CUT;
}

static int
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
req_equal(const struct hitl_req *a, const struct hitl_req *b)
{
	size_t	 i;

	if (!streq(a->session, b->session) || !streq(a->tool, b->tool) ||
	    !streq(a->command, b->command) || a->argc != b->argc ||
	    !streq(a->args, b->args) || !streq(a->network, b->network) ||
	    !streq(a->workspace, b->workspace) || !streq(a->cwd, b->cwd) ||
	    a->envc != b->envc || !streq(a->input, b->input) ||
	    a->flags != b->flags || !streq(a->named, b->named))
		return 0;
	for (i = 0; i < a->envc; i++)
		if (!streq(a->envv[i], b->envv[i]))
			return 0;
	for (i = 0; i < a->argc; i++)
		if (!streq(a->argv[i], b->argv[i]))
			return 0;
	return 1;
}

static void
test_req(void)
{
	struct hitl_req	 r, d;
	struct wbuf	 wb;
	struct rbuf	 rb;
	size_t		 cut;
	int		 bad = 0;

	sample_req(&r);
	wire_init(&wb);
	hitl_req_encode(&wb, &r);
	tap_ok(wire_ok(&wb) == 0, "req: encodes");
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_req_decode(&rb, &d) == 0 && req_equal(&r, &d),
	    "req: round trip");
	hitl_req_free(&d);

	for (cut = 0; cut < wb.len; cut++) {
		wire_rinit(&rb, wb.buf, cut);
		if (hitl_req_decode(&rb, &d) != -1)
			bad++;
	}
	tap_ok(bad == 0, "req: every truncation is refused (and freed)");

	wb.buf[wb.len] = 0;
	wire_rinit(&rb, wb.buf, wb.len + 1);
	tap_ok(hitl_req_decode(&rb, &d) == -1, "req: trailing byte refused");

	/* Empty strings decode as NULL for the optional fields. */
	memset(&r, 0, sizeof(r));
	r.tool = "t";
	wire_init(&wb);
	hitl_req_encode(&wb, &r);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_req_decode(&rb, &d) == 0 && d.command == NULL &&
	    d.args == NULL && d.argc == 0 && streq(d.session, "") &&
	    d.named == NULL,
	    "req: minimal request");
	hitl_req_free(&d);

	r.tool = "";
	wire_init(&wb);
	hitl_req_encode(&wb, &r);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_req_decode(&rb, &d) == -1, "req: empty tool refused");

	/* Flags this version does not know are refused, not ignored. */
	sample_req(&r);
	r.flags = 0x80000000U | HITL_REQ_RECORDED;
	wire_init(&wb);
	hitl_req_encode(&wb, &r);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_req_decode(&rb, &d) == -1, "req: unknown flag refused");

	/* An argc far beyond what follows. */
	wire_init(&wb);
	wire_put_str(&wb, "s");
	wire_put_str(&wb, "t");
	wire_put_str(&wb, "");
	wire_put_u32(&wb, 0xffffffff);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_req_decode(&rb, &d) == -1, "req: huge argc refused");

	/* A session longer than HITL_SESSION_MAX. */
	{
		char	 big[HITL_SESSION_MAX + 2];

		memset(big, 'a', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		sample_req(&r);
		r.session = big;
		wire_init(&wb);
		hitl_req_encode(&wb, &r);
		wire_rinit(&rb, wb.buf, wb.len);
		tap_ok(hitl_req_decode(&rb, &d) == -1,
		    "req: over-long session refused");
	}

	/* Too large for one message: the encoder says so. */
	{
		char	*huge = malloc(20000);

		memset(huge, 'x', 19999);
		huge[19999] = '\0';
		sample_req(&r);
		r.command = huge;
		wire_init(&wb);
		hitl_req_encode(&wb, &r);
		tap_ok(wire_ok(&wb) == -1, "req: over 16 KiB does not encode");
		free(huge);
	}
}

static void
test_verdict(void)
{
	struct hitl_verdict	 v, d;
	struct hitl_decided	 x, y;
	struct hitl_item	 it, jt;
	struct wbuf		 wb;
	struct rbuf		 rb;

	memset(&v, 0, sizeof(v));
	v.id = 7;
	v.level = RISK_HIGH;
	v.decision = RISK_ALLOW;
	v.asked = 1;
	v.how = HITL_HOW_APPROVER;
	v.matched = 1;
	strlcpy(v.rule, "recursive-delete", sizeof(v.rule));
	strlcpy(v.file, "/etc/harness/harness.conf", sizeof(v.file));
	v.line = 42;
	strlcpy(v.why, "rule matched", sizeof(v.why));
	strlcpy(v.reason, "allowed once by alice (uid 1001)",
	    sizeof(v.reason));
	strlcpy(v.by, "alice", sizeof(v.by));
	v.uid = 1001;
	wire_init(&wb);
	hitl_verdict_encode(&wb, &v);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_verdict_decode(&rb, &d) == 0 &&
	    memcmp(&v, &d, sizeof(v)) == 0, "verdict: round trip");
	v.level = 9;
	wire_init(&wb);
	hitl_verdict_encode(&wb, &v);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_verdict_decode(&rb, &d) == -1,
	    "verdict: level out of range refused");
	v.level = RISK_LOW;
	v.decision = 3;
	wire_init(&wb);
	hitl_verdict_encode(&wb, &v);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_verdict_decode(&rb, &d) == -1,
	    "verdict: decision out of range refused");

	memset(&x, 0, sizeof(x));
	x.id = 3;
	x.decision = RISK_DENY;
	x.how = HITL_HOW_TIMEOUT;
	strlcpy(x.reason, "approval timed out", sizeof(x.reason));
	wire_init(&wb);
	hitl_decided_encode(&wb, &x);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_decided_decode(&rb, &y) == 0 &&
	    memcmp(&x, &y, sizeof(x)) == 0, "decided: round trip");

	memset(&it, 0, sizeof(it));
	it.id = 9;
	sample_req(&it.req);
	it.level = RISK_CRITICAL;
	strlcpy(it.rule, "r", sizeof(it.rule));
	it.deadline = 1700000000123LL;
	it.left_ms = 59000;
	it.requester_uid = 0;
	it.requester_pid = 4242;
	wire_init(&wb);
	hitl_item_encode(&wb, &it);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(hitl_item_decode(&rb, &jt) == 0 && jt.id == 9 &&
	    req_equal(&it.req, &jt.req) && jt.level == RISK_CRITICAL &&
	    jt.deadline == it.deadline && jt.left_ms == 59000 &&
	    jt.requester_pid == 4242, "item: round trip");
	hitl_item_free(&jt);
	wire_rinit(&rb, wb.buf, wb.len - 1);
	tap_ok(hitl_item_decode(&rb, &jt) == -1, "item: truncation refused");
}

/* A client end on one side of a socketpair, the peer on the other. */
static struct hconn *
pair(int *peer)
{
	struct hconn	*h;
	int		 sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		abort();
	if ((h = calloc(1, sizeof(*h))) == NULL)
		abort();
	imsg_init(&h->ibuf, sv[0]);
	*peer = sv[1];
	return h;
}

static void
peer_send(int fd, uint32_t type, uint32_t peerid, const void *p, size_t n)
{
	struct imsgbuf	 ib;

	imsg_init(&ib, fd);
	if (imsg_compose(&ib, type, peerid, 0, -1, p, n) == -1 ||
	    imsg_flush(&ib) == -1)
		abort();
	imsg_clear(&ib);
}

static uint32_t	 pend_id;

static void
on_pending(uint32_t id, uint64_t left, void *arg)
{
	pend_id = id;
}

static void
test_client(void)
{
	struct hitl_req		 r;
	struct hitl_verdict	 v, sv;
	struct hconn		*h;
	struct wbuf		 wb;
	int			 peer, rc;
	uint32_t		 seq;

	sample_req(&r);
	rc = hitlc_classify(NULL, &r, &v, NULL, NULL);
	tap_ok(rc == -1 && v.decision == RISK_DENY &&
	    v.how == HITL_HOW_ERROR && strstr(v.reason, "unreachable"),
	    "client: no connection: deny, unreachable");
	rc = hitlc_classify_path("/nonexistent/hitld.sock", &r, &v, NULL,
	    NULL);
	tap_ok(rc == -1 && v.decision == RISK_DENY &&
	    strstr(v.reason, "hitld unreachable") != NULL,
	    "client: no socket: deny, unreachable");

	/*
	 * A scripted hitld: replies queued before the call, with the
	 * request id the client will use (its first is 1).
	 */
	for (seq = 1; seq <= 4; seq++) {
		h = pair(&peer);
		memset(&sv, 0, sizeof(sv));
		switch (seq) {
		case 1:	/* stray, pending, verdict */
			peer_send(peer, IMSG_HITL_DECIDED, 999, "x", 1);
			wire_init(&wb);
			wire_put_u32(&wb, 12);
			wire_put_u64(&wb, 1000);
			peer_send(peer, IMSG_HITL_PENDING, seq, wb.buf, wb.len);
			sv.id = 12;
			sv.decision = RISK_ALLOW;
			sv.asked = 1;
			sv.how = HITL_HOW_APPROVER;
			strlcpy(sv.by, "root", sizeof(sv.by));
			wire_init(&wb);
			hitl_verdict_encode(&wb, &sv);
			peer_send(peer, IMSG_HITL_VERDICT, seq, wb.buf, wb.len);
			rc = hitlc_classify(h, &r, &v, on_pending, NULL);
			tap_ok(rc == 0 && v.decision == RISK_ALLOW &&
			    pend_id == 12 && strcmp(v.by, "root") == 0,
			    "client: pending then verdict, strays skipped");
			break;
		case 2:	/* an error */
			wire_init(&wb);
			wire_put_str(&wb, "not implemented");
			peer_send(peer, IMSG_CTL_ERROR, seq, wb.buf, wb.len);
			rc = hitlc_classify(h, &r, &v, NULL, NULL);
			tap_ok(rc == -1 && v.decision == RISK_DENY &&
			    strstr(v.reason, "not implemented") != NULL,
			    "client: error reply: deny with the message");
			break;
		case 3:	/* garbage verdict */
			peer_send(peer, IMSG_HITL_VERDICT, seq, "\1\2\3", 3);
			rc = hitlc_classify(h, &r, &v, NULL, NULL);
			tap_ok(rc == -1 && v.decision == RISK_DENY &&
			    strstr(v.reason, "bad reply") != NULL,
			    "client: malformed verdict: deny");
			break;
		case 4:	/* hitld goes away */
			close(peer);
			peer = -1;
			rc = hitlc_classify(h, &r, &v, NULL, NULL);
			tap_ok(rc == -1 && v.decision == RISK_DENY,
			    "client: connection closed: deny");
			break;
		}
		if (peer != -1)
			close(peer);
		harness_close(h);
	}
}

/* A received message of n bytes at p, with fd. */
static void
fake_imsg(struct imsg *m, const void *p, size_t n, int fd)
{
	memset(m, 0, sizeof(*m));
	m->hdr.len = (uint32_t)(IMSG_HEADER_SIZE + n);
	m->data = (void *)(uintptr_t)p;
	m->fd = fd;
}

/* Past one message: in a sealed memfd, and back. */
static void
test_pack(void)
{
	struct hitl_req		 r, d;
	struct hitl_item	 it, di;
	struct hitl_verdict	 v, sv;
	struct hconn		*h;
	struct wbuf		 wb;
	struct rbuf		 rb;
	struct imsg		 m;
	unsigned char		*heap;
	char			*big;
	size_t			 len0;
	int			 fd, ok, peer;

	sample_req(&r);
	ok = hitl_req_pack(&wb, &r, &fd) == 0 && fd == -1 &&
	    wb.len <= IMSG_MAX_PAYLOAD;
	fake_imsg(&m, wire_data(&wb), wb.len, -1);
	ok = ok && hitl_msg_open(&m, &rb, &heap) == 0 && heap == NULL &&
	    hitl_req_decode(&rb, &d) == 0 && req_equal(&r, &d);
	hitl_req_free(&d);
	wire_free(&wb);
	tap_ok(ok, "pack: a small request stays in the message");

	if ((big = malloc(100001)) == NULL)
		abort();
	memset(big, 'q', 100000);
	big[100000] = '\0';
	r.command = big;
	ok = hitl_req_pack(&wb, &r, &fd) == 0 && fd != -1;
	fake_imsg(&m, NULL, 0, fd);
	ok = ok && hitl_msg_open(&m, &rb, &heap) == 0 && heap != NULL &&
	    m.fd == -1 && hitl_req_decode(&rb, &d) == 0 && req_equal(&r, &d);
	free(heap);
	hitl_req_free(&d);
	wire_free(&wb);
	tap_ok(ok, "pack: a 100 KB request goes in a memfd, whole");

	memset(&it, 0, sizeof(it));
	it.id = 77;
	it.req = r;
	strlcpy(it.why, "because", sizeof(it.why));
	ok = hitl_item_pack(&wb, &it, &fd) == 0 && fd != -1;
	fake_imsg(&m, NULL, 0, fd);
	ok = ok && hitl_msg_open(&m, &rb, &heap) == 0 &&
	    hitl_item_decode(&rb, &di) == 0 && di.id == 77 &&
	    req_equal(&r, &di.req) && strcmp(di.why, "because") == 0;
	free(heap);
	hitl_item_free(&di);
	wire_free(&wb);
	tap_ok(ok, "pack: an item too large for a message, in a memfd");

	/* Through a socket: what hitld would receive. */
	h = pair(&peer);
	memset(&sv, 0, sizeof(sv));
	sv.decision = RISK_ALLOW;
	wire_init(&wb);
	hitl_verdict_encode(&wb, &sv);
	peer_send(peer, IMSG_HITL_VERDICT, 5, wb.buf, wb.len);
	ok = hitlc_classify(h, &r, &v, NULL, NULL) == 0 &&
	    v.decision == RISK_ALLOW;
	{
		struct imsgbuf	 ib;

		imsg_init(&ib, peer);
		ok = ok && imsg_wait(&ib, &m, 5000) == 1 &&
		    m.hdr.type == IMSG_HITL_CLASSIFY && imsg_datalen(&m) == 0 &&
		    m.fd != -1 && hitl_msg_open(&m, &rb, &heap) == 0 &&
		    hitl_req_decode(&rb, &d) == 0 && req_equal(&r, &d);
		free(heap);
		hitl_req_free(&d);
		imsg_free(&m);
		imsg_clear(&ib);
	}
	close(peer);
	harness_close(h);
	tap_ok(ok, "client: a large request is sent in a memfd");
	free(big);

	/* The largest request there may be: approvers can be shown it. */
	r.command = NULL;
	wire_init_max(&wb, HITL_MSG_MAX);
	hitl_req_encode(&wb, &r);
	len0 = wb.len;
	wire_free(&wb);
	if ((big = malloc(HITL_MSG_MAX - len0 + 1)) == NULL)
		abort();
	memset(big, 'm', HITL_MSG_MAX - len0);
	big[HITL_MSG_MAX - len0] = '\0';
	r.command = big;
	ok = hitl_req_pack(&wb, &r, &fd) == 0 && wb.len == HITL_MSG_MAX &&
	    fd != -1;
	if (fd != -1)
		close(fd);
	wire_free(&wb);
	memset(&it, 0, sizeof(it));
	it.req = r;
	memset(it.rule, 'r', sizeof(it.rule) - 1);
	memset(it.file, 'f', sizeof(it.file) - 1);
	memset(it.why, 'w', sizeof(it.why) - 1);
	ok = ok && hitl_item_pack(&wb, &it, &fd) == 0 && fd != -1;
	fake_imsg(&m, NULL, 0, fd);
	ok = ok && hitl_msg_open(&m, &rb, &heap) == 0 &&
	    hitl_item_decode(&rb, &di) == 0 && req_equal(&r, &di.req);
	free(heap);
	hitl_item_free(&di);
	wire_free(&wb);
	tap_ok(ok, "pack: a request of HITL_MSG_MAX bytes, and its item");
	free(big);

	/* More than HITL_MSG_MAX: refused at both ends. */
	if ((big = malloc(HITL_MSG_MAX + 1)) == NULL)
		abort();
	memset(big, 'w', HITL_MSG_MAX);
	big[HITL_MSG_MAX] = '\0';
	r.command = big;
	ok = hitl_req_pack(&wb, &r, &fd) == -1 && errno == EMSGSIZE &&
	    fd == -1;
	wire_free(&wb);
	ok = ok && hitlc_classify_path("/nonexistent", &r, &v, NULL,
	    NULL) == -1 && v.decision == RISK_DENY;
	tap_ok(ok, "pack: past HITL_MSG_MAX: EMSGSIZE");
	free(big);

	/* A memfd not sealed, or a pipe: refused. */
	fd = memfd_create("t", MFD_CLOEXEC);
	ok = fd != -1 && write(fd, "abcd", 4) == 4;
	fake_imsg(&m, NULL, 0, fd);
	ok = ok && hitl_msg_open(&m, &rb, &heap) == -1 && heap == NULL &&
	    m.fd == -1;
	tap_ok(ok, "msg_open: an unsealed memfd is refused (and closed)");
}

int
main(void)
{
	struct hitl_verdict	 v;

	test_req();
	test_verdict();
	hitl_verdict_deny(&v, "x %d", 1);
	tap_ok(v.decision == RISK_DENY && v.level == RISK_CRITICAL &&
	    strcmp(v.reason, "x 1") == 0, "verdict_deny fills a deny");
	test_client();
	test_pack();
	return tap_done();
}
