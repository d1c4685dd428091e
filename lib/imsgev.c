/*
 * libevent glue for imsg channels.  The handler sees each message once;
 * it must not keep imsg->data after returning, and owns imsg->fd.
 */
#include <sys/types.h>

#include <errno.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "imsgev.h"
#include "log.h"

static void	 imsgev_dispatch(evutil_socket_t, short, void *);
static void	 imsgev_writable(evutil_socket_t, short, void *);

int
imsgev_init(struct imsgev *iev, struct event_base *base, int fd,
    imsgev_handler handler, void *arg, const char *name)
{
	memset(iev, 0, sizeof(*iev));
	imsg_init(&iev->ibuf, fd);
	iev->base = base;
	iev->handler = handler;
	iev->arg = arg;
	strlcpy(iev->name, name, sizeof(iev->name));
	if (evutil_make_socket_nonblocking(fd) == -1)
		return -1;
	iev->rev = event_new(base, fd, EV_READ | EV_PERSIST, imsgev_dispatch,
	    iev);
	iev->wev = event_new(base, fd, EV_WRITE, imsgev_writable, iev);
	iev->fev = event_new(base, -1, 0, imsgev_writable, iev);
	iev->lev = evtimer_new(base, imsgev_writable, iev);
	if (iev->rev == NULL || iev->wev == NULL || iev->fev == NULL ||
	    iev->lev == NULL || event_add(iev->rev, NULL) == -1)
		fatalx("%s: cannot add events for %s", __func__, name);
	return 0;
}

/* Queue one message; on a closed channel, close fd and fail. */
static int
imsgev_queue(struct imsgev *iev, uint32_t type, uint32_t peerid, int fd,
    const void *data, size_t len)
{
	if (iev->closed) {
		if (fd != -1)
			close(fd);
		errno = EPIPE;
		return -1;
	}
	return imsg_compose(&iev->ibuf, type, peerid, 0, fd, data, len);
}

int
imsgev_compose(struct imsgev *iev, uint32_t type, uint32_t peerid, int fd,
    const void *data, size_t len)
{
	if (imsgev_queue(iev, type, peerid, fd, data, len) == -1)
		return -1;
	/* Flush when the current callback returns (and not before, so
	   that what it composes goes out together). */
	if (!iev->flushing && !event_pending(iev->wev, EV_WRITE, NULL)) {
		iev->flushing = 1;
		event_active(iev->fev, EV_TIMEOUT, 0);
	}
	return 0;
}

int
imsgev_compose_lazy(struct imsgev *iev, uint32_t type, uint32_t peerid,
    int fd, const void *data, size_t len)
{
	struct timeval	 tv = { 0, IMSGEV_LAZY_MS * 1000 };

	if (imsgev_queue(iev, type, peerid, fd, data, len) == -1)
		return -1;
	if (!evtimer_pending(iev->lev, NULL))
		evtimer_add(iev->lev, &tv);
	return 0;
}

void
imsgev_send_now(struct imsgev *iev)
{
	int	 saved = errno;

	if (!iev->closed && !event_pending(iev->wev, EV_WRITE, NULL))
		(void)imsg_write(&iev->ibuf);
	errno = saved;
}

void
imsgev_close(struct imsgev *iev)
{
	if (iev->closed)
		return;
	iev->closed = 1;
	/* event_free deletes, from the active queue too. */
	if (iev->rev != NULL)
		event_free(iev->rev);
	if (iev->wev != NULL)
		event_free(iev->wev);
	if (iev->fev != NULL)
		event_free(iev->fev);
	if (iev->lev != NULL)
		event_free(iev->lev);
	iev->rev = iev->wev = iev->fev = iev->lev = NULL;
	iev->flushing = 0;
	imsg_clear(&iev->ibuf);
	close(iev->ibuf.fd);
	iev->ibuf.fd = -1;
}

int
imsgev_flush(struct imsgev *iev)
{
	if (iev->closed)
		return -1;
	return imsg_flush(&iev->ibuf);
}

/* The deferred flush, the lazy timer, or the socket became writable. */
static void
imsgev_writable(evutil_socket_t fd, short events, void *arg)
{
	struct imsgev	*iev = arg;

	(void)fd;
	(void)events;
	iev->flushing = 0;
	if (iev->closed || imsg_queued(&iev->ibuf) == 0)
		return;
	if (imsg_write(&iev->ibuf) == -1) {
		log_debug("%s: write to %s: %s", __func__, iev->name,
		    strerror(errno));
		imsgev_close(iev);
		iev->handler(iev, NULL, iev->arg);
		return;
	}
	/* Some left: the peer's buffer is full; wait until it drains. */
	if (imsg_queued(&iev->ibuf) > 0 && event_add(iev->wev, NULL) == -1)
		fatalx("%s: cannot add event for %s", __func__, iev->name);
}

static void
imsgev_dispatch(evutil_socket_t fd, short events, void *arg)
{
	struct imsgev	*iev = arg;
	struct imsg	 imsg;
	ssize_t		 n;

	(void)fd;
	if (events & EV_READ) {
		n = imsg_read(&iev->ibuf);
		if (n == -1 && errno != EAGAIN && errno != EINTR) {
			log_warnx("%s: read from %s: %s", __func__, iev->name,
			    strerror(errno));
			goto closed;
		}
		if (n == 0)
			goto closed;
		for (;;) {
			n = imsg_get(&iev->ibuf, &imsg);
			if (n == -1) {
				log_warnx("%s: protocol error from %s: %s",
				    __func__, iev->name, strerror(errno));
				goto closed;
			}
			if (n == 0)
				break;
			iev->handler(iev, &imsg, iev->arg);
			imsg_free(&imsg);
			/*
			 * The handler may have closed the channel: tell it
			 * once more with NULL, where owners free, and do
			 * not touch iev afterwards.
			 */
			if (iev->closed) {
				iev->handler(iev, NULL, iev->arg);
				return;
			}
		}
	}
	return;
 closed:
	imsgev_close(iev);
	iev->handler(iev, NULL, iev->arg);
}
