/*
 * An imsg channel driven by libevent: reads dispatch each message to a
 * handler.  Writes are queued and flushed once the callback that queued
 * them returns, in the same turn of the event loop: every message a
 * callback composes goes out in as few sendmsg calls as fit, with no
 * epoll change and no extra poll.  Only a full socket buffer makes us
 * wait for EV_WRITE.
 */
#ifndef HARNESS_IMSGEV_H
#define HARNESS_IMSGEV_H

#include <event2/event.h>

#include "imsg.h"

struct imsgev;
/*
 * imsg == NULL: the channel closed or broke (or the handler closed it
 * while handling a message); this is the one place where the owner may
 * free the imsgev.
 */
typedef void (*imsgev_handler)(struct imsgev *, struct imsg *, void *);

struct imsgev {
	struct imsgbuf	 ibuf;
	struct event	*rev;		/* EV_READ, persistent */
	struct event	*wev;		/* EV_WRITE, added on a full buffer */
	struct event	*fev;		/* deferred flush, made active */
	struct event	*lev;		/* flush of lazy messages, a timer */
	struct event_base *base;
	imsgev_handler	 handler;
	void		*arg;
	int		 flushing;	/* fev is active */
	int		 closed;
	char		 name[64];	/* for logs: "engine", "ctl uid 0" */
};

int	 imsgev_init(struct imsgev *, struct event_base *, int,
	    imsgev_handler, void *, const char *);
int	 imsgev_compose(struct imsgev *, uint32_t, uint32_t, int,
	    const void *, size_t);
/*
 * Queue a message nobody waits for (a counter, a statistic): it leaves
 * with the next message composed on the channel, or after
 * IMSGEV_LAZY_MS, and so does not wake the peer by itself when
 * something else follows soon.
 */
#define IMSGEV_LAZY_MS	20
int	 imsgev_compose_lazy(struct imsgev *, uint32_t, uint32_t, int,
	    const void *, size_t);
/*
 * Send what is queued now rather than when the callback returns, for a
 * reply on somebody's critical path that the callback follows with
 * slower work (logging, records).  Non-blocking; what does not go, and
 * any error, is left to the deferred flush.
 */
void	 imsgev_send_now(struct imsgev *);
/* Close the socket and stop events; pending output is dropped. */
void	 imsgev_close(struct imsgev *);
/* Blocking flush of what is queued (for shutdown paths). */
int	 imsgev_flush(struct imsgev *);

#endif /* HARNESS_IMSGEV_H */
