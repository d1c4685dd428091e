/*
 * libharness client side: what harnessctl and other local programs use
 * to talk to the daemons' control sockets over imsg.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "imsg.h"
#include "proto.h"

struct hconn {
	struct imsgbuf	 ibuf;
	char		 path[108];
	char		 daemon[32];
	char		 version[32];
};

/*
 * Connect to a control socket and say hello.  NULL with a message in err
 * when the daemon is down, refuses us, or speaks another version.
 */
struct hconn *harness_connect(const char *, char *, size_t);
void	 harness_close(struct hconn *);
int	 harness_send(struct hconn *, uint32_t, uint32_t, int, const void *,
	    size_t);
/* Wait for one message (timeout in ms, -1 forever).  1, 0 EOF, -1. */
int	 harness_recv(struct hconn *, struct imsg *, int);
/* If imsg is IMSG_CTL_ERROR, copy its message into buf and return 1. */
int	 harness_error(const struct imsg *, char *, size_t);

#endif /* HARNESS_H */
