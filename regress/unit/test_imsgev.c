/*
 * imsgev: when composed messages leave.  A message composed in a
 * callback goes when the loop turn's callbacks are done, all of that
 * turn's together and in order; a lazy one waits for the next flush or
 * its timer; imsgev_send_now sends at once; a full socket buffer parks
 * the rest on EV_WRITE without losing or reordering anything; fds go
 * through the deferred path; a peer that is gone is reported once,
 * with NULL.  The far end is a plain blocking imsgbuf.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "imsgev.h"
#include "../tap.h"

#define BIG	8192
#define NBIG	2000		/* 16 MB: more than any socket buffer */

static struct event_base *base;
static struct imsgev	 iev;
static struct imsgbuf	 far;
static int		 closed_calls, got_in_handler;

static void
handler(struct imsgev *e, struct imsg *imsg, void *arg)
{
	(void)e;
	(void)arg;
	if (imsg == NULL) {
		closed_calls++;
		return;
	}
	got_in_handler++;
	/* Reply from inside a callback: goes once the turn is done. */
	imsgev_compose(&iev, 100 + imsg->hdr.type, imsg->hdr.peerid, -1,
	    NULL, 0);
}

static int
readable(int fd)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN);
}

/* Read what is there now from the far end; types into out[]. */
static int
drain(uint32_t *out, int max, int *fd_seen)
{
	struct imsg	 imsg;
	ssize_t		 n;
	int		 k = 0;

	while (readable(far.fd)) {
		if ((n = imsg_read(&far)) <= 0)
			break;
		while (imsg_get(&far, &imsg) > 0) {
			if (k < max)
				out[k] = imsg.hdr.type;
			k++;
			if (imsg.fd != -1) {
				if (fd_seen != NULL)
					*fd_seen = imsg.fd;
				else
					close(imsg.fd);
			}
			imsg_free(&imsg);
		}
	}
	return k;
}

static void
turn(void)
{
	event_base_loop(base, EVLOOP_NONBLOCK);
}

int
main(void)
{
	uint32_t	 got[16];
	struct timeval	 tv;
	char		*big;
	int		 sp[2], n, i, ok, fd, p[2], total, order;
	uint32_t	 seq;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == -1)
		return 1;
	base = event_base_new();
	imsgev_init(&iev, base, sp[0], handler, NULL, "test");
	imsg_init(&far, sp[1]);

	/* 1: outside a callback, a compose waits for the loop. */
	imsgev_compose(&iev, 1, 0, -1, "a", 1);
	imsgev_compose(&iev, 2, 0, -1, "b", 1);
	imsgev_compose(&iev, 3, 0, -1, "c", 1);
	ok = !readable(sp[1]);
	turn();
	n = drain(got, 16, NULL);
	tap_ok(ok && n == 3 && got[0] == 1 && got[1] == 2 && got[2] == 3,
	    "composed messages leave on the loop's turn, in order");

	/* 2: a reply composed in a handler goes in the same turn. */
	imsg_compose(&far, 7, 42, 0, -1, NULL, 0);
	imsg_flush(&far);
	for (i = 0; i < 10 && got_in_handler == 0; i++) {
		usleep(1000);
		turn();
	}
	n = drain(got, 16, NULL);
	tap_ok(got_in_handler == 1 && n == 1 && got[0] == 107,
	    "a reply composed in a handler goes when the handler returns");

	/* 3: lazy waits for the next ordinary message. */
	imsgev_compose_lazy(&iev, 20, 0, -1, "l", 1);
	turn();
	ok = !readable(sp[1]);
	imsgev_compose(&iev, 21, 0, -1, "n", 1);
	turn();
	n = drain(got, 16, NULL);
	tap_ok(ok && n == 2 && got[0] == 20 && got[1] == 21,
	    "a lazy message waits, then goes before the next one");

	/* 4: ... or for its timer. */
	imsgev_compose_lazy(&iev, 30, 0, -1, "t", 1);
	turn();
	ok = !readable(sp[1]);
	tv.tv_sec = 0;
	tv.tv_usec = (IMSGEV_LAZY_MS + 30) * 1000;
	event_base_loopexit(base, &tv);
	event_base_dispatch(base);
	n = drain(got, 16, NULL);
	tap_ok(ok && n == 1 && got[0] == 30,
	    "a lazy message alone goes after IMSGEV_LAZY_MS");

	/* 5: send_now does not wait for the loop. */
	imsgev_compose(&iev, 40, 0, -1, "s", 1);
	imsgev_send_now(&iev);
	ok = readable(sp[1]);
	n = drain(got, 16, NULL);
	turn();			/* the deferred flush finds nothing */
	tap_ok(ok && n == 1 && got[0] == 40 && drain(got, 16, NULL) == 0,
	    "imsgev_send_now sends at once, and only once");

	/* 6: an fd through the deferred path. */
	fd = -1;
	if (pipe(p) == -1)
		return 1;
	imsgev_compose(&iev, 50, 0, p[0], NULL, 0);
	turn();
	n = drain(got, 16, &fd);
	ok = n == 1 && got[0] == 50 && fd != -1 &&
	    write(p[1], "x", 1) == 1;
	if (ok) {
		char	 c;

		ok = read(fd, &c, 1) == 1 && c == 'x';
	}
	if (fd != -1)
		close(fd);
	close(p[1]);
	tap_ok(ok, "an fd goes through the deferred flush");

	/* 7: more than the socket holds: nothing lost, nothing reordered. */
	if ((big = calloc(1, BIG)) == NULL)
		return 1;
	for (seq = 0; seq < NBIG; seq++) {
		memcpy(big, &seq, sizeof(seq));
		imsgev_compose(&iev, 60, seq, -1, big, BIG);
	}
	turn();
	ok = imsg_queued(&iev.ibuf) > 0 &&
	    event_pending(iev.wev, EV_WRITE, NULL);
	total = 0;
	order = 1;
	for (i = 0; i < 100000 && total < NBIG; i++) {
		struct imsg	 imsg;

		if (readable(far.fd) && imsg_read(&far) <= 0)
			break;
		while (imsg_get(&far, &imsg) > 0) {
			memcpy(&seq, imsg.data, sizeof(seq));
			if (imsg.hdr.type != 60 ||
			    imsg_datalen(&imsg) != BIG ||
			    seq != (uint32_t)total || imsg.hdr.peerid != seq)
				order = 0;
			total++;
			imsg_free(&imsg);
		}
		turn();
	}
	free(big);
	tap_ok(ok, "a full socket buffer parks the rest on EV_WRITE");
	tap_ok(total == NBIG && order && imsg_queued(&iev.ibuf) == 0 &&
	    !event_pending(iev.wev, EV_WRITE, NULL),
	    "all %d big messages arrive, in order, and EV_WRITE is dropped",
	    NBIG);

	/* 8: the peer is gone: the flush reports it, once. */
	imsg_clear(&far);
	close(sp[1]);
	imsgev_compose(&iev, 70, 0, -1, "x", 1);
	turn();
	turn();
	tap_ok(closed_calls == 1 && iev.closed,
	    "a write to a closed peer closes the channel and says so once");
	tap_ok(imsgev_compose(&iev, 71, 0, -1, "y", 1) == -1 &&
	    errno == EPIPE, "composing on a closed channel fails with EPIPE");

	event_base_free(base);
	return tap_done();
}
