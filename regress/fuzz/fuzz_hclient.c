/*
 * Fuzz lib/hclient.c, the agent API's client (harness.h): the input is
 * what a server answers.  It is written to one end of a socket pair,
 * whose other end is given to harness_http_fdopen(); then up to three
 * requests are made on that connection, as a keep-alive client would,
 * until one fails or the connection is closed.  Every response that
 * parses is checked (body NUL-terminated at blen) and given to
 * harness_http_errmsg().
 *
 * Input: byte 0 picks, per request, HEAD or GET, whether Server-Sent
 * Events are read, and after how many events the callback stops the
 * stream; the rest is the server's bytes.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Less than a socket pair's buffer, so that writing it never blocks. */
#define FUZZ_MAX	(64 * 1024)

struct count {
	unsigned	 n, stop;
	size_t		 bytes;
};

static int
event(const char *name, const char *data, size_t len, void *arg)
{
	struct count	*c = arg;

	if (name == NULL || data == NULL || data[len] != '\0' ||
	    strlen(name) >= 64)
		abort();
	c->bytes += len;
	return ++c->n >= c->stop;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct harness_http	*h;
	struct harness_http_resp r;
	struct count		 c;
	char			 err[256], msg[512];
	size_t			 off;
	ssize_t			 n;
	int			 sv[2], sz = 4 * FUZZ_MAX, i, flags;

	if (len < 1 || len > FUZZ_MAX)
		return 0;
	flags = data[0];
	data++;
	len--;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		abort();
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	(void)setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	for (off = 0; off < len; off += (size_t)n)
		if ((n = write(sv[1], data + off, len - off)) <= 0) {
			if (n == -1 && errno == EINTR) {
				n = 0;
				continue;
			}
			abort();
		}
	/* The server has said all it will: the client reads EOF after. */
	if (shutdown(sv[1], SHUT_WR) == -1)
		abort();
	if ((h = harness_http_fdopen(sv[0], err, sizeof(err))) == NULL)
		abort();
	harness_http_auth(h, (flags & 0x80) ? "fuzz-token" : NULL);
	for (i = 0; i < 3; i++) {
		int	 bits = flags >> (2 * i);

		memset(&c, 0, sizeof(c));
		c.stop = 1 + (unsigned)(bits & 3);
		if (harness_http_request(h, (bits & 1) ? "HEAD" : "GET",
		    "/v1/fuzz", i == 1 ? "{}" : NULL, 2, &r,
		    (bits & 2) ? event : NULL, &c, err, sizeof(err)) == -1) {
			if (err[0] == '\0' || memchr(err, '\0',
			    sizeof(err)) == NULL)
				abort();
			break;
		}
		if (r.body == NULL || r.body[r.blen] != '\0')
			abort();
		harness_http_errmsg(&r, msg, sizeof(msg));
		if (memchr(msg, '\0', sizeof(msg)) == NULL)
			abort();
		harness_http_resp_free(&r);
	}
	harness_http_close(h);
	close(sv[1]);
	return 0;
}
