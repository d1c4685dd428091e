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
/* The same, and its class (enum errclass; ERRC_NONE if it has none). */
int	 harness_error_class(const struct imsg *, char *, size_t,
	    uint32_t *);

/*
 * The agent API over HTTP/1.1 (harnessd's agent.sock, or any Unix
 * socket speaking it): a small blocking client for harnessctl, tests
 * and local programs.  One request at a time per connection, keep-alive
 * between them.
 */
struct harness_http;

struct harness_http_resp {
	int		 status;
	char		 ctype[128];
	char		 retry_after[32];
	char		*body;		/* NUL-terminated, blen bytes */
	size_t		 blen;
};

/* One Server-Sent Event: its name ("message" if none) and its data. */
typedef int (*harness_sse_fn)(const char *event, const char *data,
    size_t len, void *arg);

struct harness_http *harness_http_connect(const char *path, char *err,
	    size_t errlen);
/*
 * The same over a connected stream socket of the caller's (TCP, or one
 * from socket activation); the connection owns fd from then on, and
 * closes it.  On failure (NULL) fd is still the caller's.
 */
struct harness_http *harness_http_fdopen(int fd, char *err, size_t errlen);
/* Sent as "Authorization: Bearer TOKEN" with every request (NULL: none). */
void	 harness_http_auth(struct harness_http *, const char *);
/*
 * Send one request (body may be NULL) and read the response.  A
 * text/event-stream response calls sse for each event as it arrives
 * (return non-zero from it to stop reading: the connection is then
 * closed) and leaves the body empty.  0 with *resp filled, or -1 with
 * the reason in err.
 */
int	 harness_http_request(struct harness_http *, const char *method,
	    const char *target, const char *body, size_t blen,
	    struct harness_http_resp *, harness_sse_fn sse, void *arg,
	    char *err, size_t errlen);
void	 harness_http_resp_free(struct harness_http_resp *);
void	 harness_http_close(struct harness_http *);
/*
 * The message of a JSON error body {"error": {"code", "message"}} into
 * buf; the body itself (cut) when it is not one.
 */
void	 harness_http_errmsg(const struct harness_http_resp *, char *,
	    size_t);

#endif /* HARNESS_H */
