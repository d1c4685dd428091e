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

static void
imsgev_update(struct imsgev *iev)
{
	short	 events = EV_READ;

	if (iev->closed)
		return;
	if (imsg_queued(&iev->ibuf) > 0)
		events |= EV_WRITE;
	if (iev->ev != NULL && events == iev->events)
		return;
	if (iev->ev != NULL) {
		event_del(iev->ev);
		event_free(iev->ev);
	}
	iev->events = events;
	iev->ev = event_new(iev->base, iev->ibuf.fd, events | EV_PERSIST,
	    imsgev_dispatch, iev);
	if (iev->ev == NULL || event_add(iev->ev, NULL) == -1)
		fatalx("%s: cannot add event for %s", __func__, iev->name);
}

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
	imsgev_update(iev);
	return 0;
}

int
imsgev_compose(struct imsgev *iev, uint32_t type, uint32_t peerid, int fd,
    const void *data, size_t len)
{
	if (iev->closed) {
		if (fd != -1)
			close(fd);
		errno = EPIPE;
		return -1;
	}
	if (imsg_compose(&iev->ibuf, type, peerid, 0, fd, data, len) == -1)
		return -1;
	imsgev_update(iev);
	return 0;
}

void
imsgev_close(struct imsgev *iev)
{
	if (iev->closed)
		return;
	iev->closed = 1;
	if (iev->ev != NULL) {
		event_del(iev->ev);
		event_free(iev->ev);
		iev->ev = NULL;
	}
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

static void
imsgev_dispatch(evutil_socket_t fd, short events, void *arg)
{
	struct imsgev	*iev = arg;
	struct imsg	 imsg;
	ssize_t		 n;

	if (events & EV_WRITE) {
		if (imsg_write(&iev->ibuf) == -1) {
			log_debug("%s: write to %s: %s", __func__, iev->name,
			    strerror(errno));
			goto closed;
		}
	}
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
	imsgev_update(iev);
	return;
 closed:
	imsgev_close(iev);
	iev->handler(iev, NULL, iev->arg);
}
