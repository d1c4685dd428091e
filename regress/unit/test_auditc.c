/*
 * lib/auditc without auditd: argument checks, the wire encoding, and
 * fail secure when the socket is not there (the callback reports
 * "auditd unreachable", never from inside audit_event()).  Then against
 * a fake auditd: acks in bulk (IMSG_AUDIT_ACKV) call every callback
 * exactly once with its own seq, duplicates are ignored, and a
 * malformed one drops the connection and fails what still waits.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditc.h"
#include "auditlog.h"
#include "imsg.h"
#include "../tap.h"
#include "wire.h"

static int	 calls, in_event, bad_ok;
static char	 why[512];

static void
cb(int ok, uint64_t seq, const char *err, void *arg)
{
	calls++;
	if (in_event || ok)
		bad_ok = 1;
	strlcpy(why, err != NULL ? err : "", sizeof(why));
	event_base_loopbreak(arg);
}

/* ---- against a fake auditd ---- */

#define NEV	8

static struct {
	int		 calls[NEV];
	int		 ok[NEV];
	uint64_t	 seq[NEV];
	uint32_t	 reqid[NEV];
	uint32_t	 flags[NEV];
	int		 nrecv;
} fk;

static void
fk_cb(int ok, uint64_t seq, const char *err, void *arg)
{
	int	 i = (int)(intptr_t)arg;

	fk.calls[i]++;
	fk.ok[i] = ok;
	fk.seq[i] = seq;
}

/* Server side: read events until n more have come (the loop runs). */
static int
fk_recv(struct event_base *base, struct imsgbuf *ib, int n)
{
	struct imsg	 imsg;
	struct rbuf	 rb;
	int		 want = fk.nrecv + n, tries;
	ssize_t		 r;

	for (tries = 0; fk.nrecv < want && tries < 200; tries++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		if ((r = imsg_read(ib)) == 0)
			return -1;
		if (r == -1 && errno != EAGAIN)
			return -1;
		while (imsg_get(ib, &imsg) > 0) {
			if (imsg.hdr.type == IMSG_AUDIT_EVENT &&
			    fk.nrecv < NEV) {
				wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
				wire_get_u32(&rb, &fk.flags[fk.nrecv]);
				fk.reqid[fk.nrecv++] = imsg.hdr.peerid;
			}
			imsg_free(&imsg);
		}
		if (fk.nrecv < want)
			usleep(5000);
	}
	return fk.nrecv == want ? 0 : -1;
}

static void
fk_ackv(struct imsgbuf *ib, const uint32_t *runs, int nruns)
{
	struct wbuf	 wb;
	int		 i;

	wire_init(&wb);
	wire_put_u32(&wb, nruns);
	for (i = 0; i < nruns; i++) {
		wire_put_u32(&wb, runs[i * 3]);
		wire_put_u64(&wb, runs[i * 3 + 1]);
		wire_put_u32(&wb, runs[i * 3 + 2]);
	}
	imsg_compose(ib, IMSG_AUDIT_ACKV, 0, 0, -1, wb.buf, wb.len);
	imsg_flush(ib);
}

static void
spin(struct event_base *base)
{
	int	 i;

	for (i = 0; i < 20; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		usleep(2000);
	}
}

static void
test_ackv(void)
{
	struct sockaddr_un sun;
	struct event_base *base;
	struct imsgbuf	 ib;
	char		 dir[] = "/tmp/test_auditc.XXXXXX";
	uint32_t	 runs[9];
	int		 lfd, fd = -1, i, k, ok;

	if (mkdtemp(dir) == NULL || (base = event_base_new()) == NULL) {
		tap_skip("acks in bulk", "no scratch directory");
		return;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/s", dir);
	if ((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(lfd, 4) == -1) {
		tap_skip("acks in bulk", "cannot listen");
		goto out;
	}
	ok = audit_init_socket(base, sun.sun_path, "test") == 0;
	for (i = 0; i < 5; i++)
		ok = ok && audit_event("tool.call", NULL, NULL, "{}",
		    AUDIT_ACK, fk_cb, (void *)(intptr_t)i) == 0;
	event_base_loop(base, EVLOOP_NONBLOCK);	/* connects */
	if (ok)
		fd = accept(lfd, NULL, NULL);
	tap_ok(ok && fd != -1, "fake auditd: connected, 5 events sent");
	if (fd == -1)
		goto out;
	imsg_init(&ib, fd);
	tap_ok(fk_recv(base, &ib, 5) == 0 && fk.flags[0] ==
	    (AUDIT_ACK | AUDIT_ACKV), "acked events say AUDIT_ACKV");

	/* Runs: events 0-2 as 100-102, events 3-4 as 200-201. */
	runs[0] = fk.reqid[0], runs[1] = 100, runs[2] = 3;
	runs[3] = fk.reqid[3], runs[4] = 200, runs[5] = 2;
	fk_ackv(&ib, runs, 2);
	spin(base);
	ok = 1;
	for (i = 0; i < 5; i++)
		ok = ok && fk.calls[i] == 1 && fk.ok[i] == 1;
	ok = ok && fk.seq[0] == 100 && fk.seq[2] == 102 &&
	    fk.seq[3] == 200 && fk.seq[4] == 201;
	tap_ok(ok, "one IMSG_AUDIT_ACKV: each callback once, its own seq");
	tap_ok(audit_pending() == 0, "nothing pending after the acks");

	/* AUDITC_NOW on a live connection: sent, and the flag is ours. */
	k = fk.nrecv;
	ok = audit_event("tool.call", NULL, NULL, "{}", AUDIT_ACK |
	    AUDITC_NOW, fk_cb, (void *)(intptr_t)7) == 0;
	audit_send_now();
	ok = ok && fk_recv(base, &ib, 1) == 0 && fk.flags[k] ==
	    (AUDIT_ACK | AUDIT_ACKV);
	runs[0] = fk.reqid[k], runs[1] = 400, runs[2] = 1;
	fk_ackv(&ib, runs, 1);
	spin(base);
	tap_ok(ok && fk.calls[7] == 1 && fk.ok[7] == 1 && fk.seq[7] == 400,
	    "AUDITC_NOW, connected: on the wire at once, acked as usual");
	fk.nrecv = k;		/* the next two are 5 and 6 */

	/* A repeated ack is ignored; a malformed one drops the link. */
	ok = audit_event("tool.call", NULL, NULL, "{}", AUDIT_ACK, fk_cb,
	    (void *)(intptr_t)5) == 0 && audit_event("tool.call", NULL, NULL,
	    "{}", AUDIT_ACK, fk_cb, (void *)(intptr_t)6) == 0;
	ok = ok && fk_recv(base, &ib, 2) == 0;
	runs[0] = fk.reqid[0], runs[1] = 100, runs[2] = 1;
	runs[3] = fk.reqid[5], runs[4] = 300, runs[5] = 1;
	fk_ackv(&ib, runs, 2);
	runs[0] = fk.reqid[6], runs[1] = 301, runs[2] = 0;	/* count 0 */
	fk_ackv(&ib, runs, 1);
	spin(base);
	tap_ok(ok && fk.calls[0] == 1 && fk.calls[5] == 1 && fk.ok[5] == 1 &&
	    fk.seq[5] == 300, "a repeated ack calls nobody twice");
	tap_ok(fk.calls[6] == 1 && fk.ok[6] == 0 && !audit_connected(),
	    "a malformed IMSG_AUDIT_ACKV fails the waiting event, once");
	imsg_clear(&ib);
	close(fd);
 out:
	audit_shutdown();
	if (lfd != -1)
		close(lfd);
	unlink(sun.sun_path);
	rmdir(dir);
	event_base_free(base);
}

int
main(void)
{
	struct event_base *base;
	struct wbuf	 wb;
	struct rbuf	 rb;
	uint32_t	 flags;
	int64_t		 t;
	char		*s[5], *big;
	int		 rc, i, ok;

	errno = 0;
	tap_ok(audit_event("a.b", NULL, NULL, "{}", 0, NULL, NULL) == -1 &&
	    errno == EINVAL, "audit_event before init is EINVAL");

	tap_ok(audit_encode(&wb, AUDIT_ACK, 42, "src", "a.b", "s", "act",
	    "{\"x\":1}") == 0, "encode an event");
	wire_rinit(&rb, wb.buf, wb.len);
	wire_get_u32(&rb, &flags);
	wire_get_i64(&rb, &t);
	for (i = 0; i < 5; i++)
		wire_get_str(&rb, &s[i], 65536);
	ok = wire_end(&rb) == 0 && flags == AUDIT_ACK && t == 42 &&
	    strcmp(s[0], "src") == 0 && strcmp(s[1], "a.b") == 0 &&
	    strcmp(s[2], "s") == 0 && strcmp(s[3], "act") == 0 &&
	    strcmp(s[4], "{\"x\":1}") == 0;
	tap_ok(ok, "encoding decodes field by field");
	for (i = 0; i < 5; i++)
		free(s[i]);
	tap_ok(audit_encode(&wb, 0, 0, "s", "a.b", NULL, NULL, NULL) == 0 &&
	    wb.len == 4 + 8 + 4 + 1 + 4 + 3 + 4 + 4 + 4 + 2,
	    "NULL session/actor are empty, NULL body is {}");

	if ((base = event_base_new()) == NULL)
		return 1;
	tap_ok(audit_init_socket(base, "/nonexistent/auditd.sock", "test") ==
	    0, "init with a socket path");
	tap_ok(audit_init_socket(base, "/x", "test") == -1 && errno == EBUSY,
	    "second init is EBUSY");
	tap_ok(audit_event("a.b", NULL, NULL, "{}", AUDIT_ACK, NULL, NULL) ==
	    -1 && errno == EINVAL, "AUDIT_ACK without a callback is EINVAL");
	tap_ok(audit_event("a.b", NULL, NULL, "{}", 0x80, cb, base) == -1 &&
	    errno == EINVAL, "unknown flags are EINVAL");
	if ((big = malloc(20000)) == NULL)
		return 1;
	memset(big, 'x', 19999);
	big[19999] = '\0';
	tap_ok(audit_event("a.b", NULL, NULL, big, AUDIT_ACK, cb, base) ==
	    -1 && errno == EMSGSIZE, "an event over one message is EMSGSIZE");
	free(big);

	in_event = 1;
	rc = audit_event("tool.call", "s1", "key:a", "{}", AUDIT_ACK, cb,
	    base);
	in_event = 0;
	tap_ok(rc == 0 && calls == 0, "acked event queued, no callback yet");
	tap_ok(audit_pending() == 1 && !audit_connected(),
	    "one pending, not connected");
	event_base_dispatch(base);
	tap_ok(calls == 1 && !bad_ok, "callback once, from the loop, ok=0");
	tap_ok(strncmp(why, "auditd unreachable: connect ", 28) == 0,
	    "reason says auditd is unreachable");
	tap_ok(audit_pending() == 0, "nothing pending afterwards");

	/* The next event tries again, and fails again. */
	rc = audit_event("tool.call", NULL, NULL, NULL, AUDIT_ACK, cb, base);
	event_base_dispatch(base);
	tap_ok(rc == 0 && calls == 2 && !bad_ok,
	    "a later event reconnects on demand and fails secure");
	/* AUDITC_NOW without a connection: refused here, nothing kept. */
	errno = 0;
	rc = audit_event("tool.call", NULL, NULL, NULL, AUDIT_ACK |
	    AUDITC_NOW, cb, base);
	tap_ok(rc == -1 && errno == ENOTCONN && audit_pending() == 0,
	    "AUDITC_NOW, not connected: -1 ENOTCONN, nothing queued");
	event_base_loop(base, EVLOOP_NONBLOCK);
	tap_ok(calls == 2, "...and its callback is never called");

	audit_shutdown();
	event_base_free(base);

	test_ackv();
	return tap_done();
}
