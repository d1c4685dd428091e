/*
 * lib/hclient.c, the agent API's client (harness.h), against scripted
 * server answers: each test writes what a server would say to one end
 * of a socket pair and hands the other end to harness_http_fdopen().
 * Bodies by Content-Length, chunked (extensions, trailers) and until
 * close; responses without a body (HEAD, 204, 304); Server-Sent Events,
 * and a stream the callback stops; keep-alive between requests, and
 * no stale bytes after a response that could not be read to its end;
 * the request the client sends.  regress/client/hclient runs the same
 * client against a real harnessd.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "../tap.h"

struct pair {
	struct harness_http	*h;
	int			 srv;	/* the server's end */
};

/* A connection whose server has already said all of s. */
static void
pair_open(struct pair *p, const char *s, int eof)
{
	char	 err[128];
	int	 sv[2];
	size_t	 len = strlen(s), off;
	ssize_t	 n;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		perror("socketpair");
		exit(1);
	}
	for (off = 0; off < len; off += (size_t)n)
		if ((n = write(sv[1], s + off, len - off)) <= 0) {
			perror("write");
			exit(1);
		}
	if (eof)
		shutdown(sv[1], SHUT_WR);
	if ((p->h = harness_http_fdopen(sv[0], err, sizeof(err))) == NULL) {
		fprintf(stderr, "harness_http_fdopen: %s\n", err);
		exit(1);
	}
	p->srv = sv[1];
}

static void
pair_close(struct pair *p)
{
	harness_http_close(p->h);
	close(p->srv);
}

/* What the client sent, as far as it is there to read now. */
static size_t
sent(struct pair *p, char *buf, size_t size)
{
	ssize_t	 n;

	n = recv(p->srv, buf, size - 1, MSG_DONTWAIT);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	return (size_t)n;
}

struct ev {
	char	 names[256];
	char	 data[256];
	int	 n, stop;
};

static int
on_event(const char *name, const char *data, size_t len, void *arg)
{
	struct ev	*e = arg;

	e->n++;
	strlcat(e->names, name, sizeof(e->names));
	strlcat(e->names, ",", sizeof(e->names));
	if (strlen(data) == len)
		strlcat(e->data, data, sizeof(e->data));
	strlcat(e->data, "|", sizeof(e->data));
	return e->stop && e->n >= e->stop;
}

static int
get(struct pair *p, const char *method, struct harness_http_resp *r,
    struct ev *e, char *err, size_t errlen)
{
	err[0] = '\0';
	return harness_http_request(p->h, method, "/v1/x", NULL, 0, r,
	    e != NULL ? on_event : NULL, e, err, errlen);
}

/* The next request on p fails with "connection closed"; p is closed. */
static void
closed_after(struct pair *p, const char *what)
{
	struct harness_http_resp r;
	char			 err[256];
	int			 rc;

	rc = get(p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc == -1 && strcmp(err, "connection closed") == 0, "%s", what);
	pair_close(p);
}

static void
test_keepalive(void)
{
	struct pair		 p;
	struct harness_http_resp r;
	char			 err[256], buf[4096], msg[256];
	int			 rc1, rc2, rc3;

	pair_open(&p, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: 11\r\n\r\n{\"ok\":true}"
	    "HTTP/1.1 404 Not Found\r\nContent-Length: 48\r\n\r\n"
	    "{\"error\":{\"code\":\"x\",\"message\":\"no such thing\"}}", 1);
	rc1 = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc1 == 0 && r.status == 200 && r.blen == 11 &&
	    strcmp(r.body, "{\"ok\":true}") == 0 &&
	    strcmp(r.ctype, "application/json") == 0,
	    "keep-alive: first response by Content-Length");
	harness_http_resp_free(&r);
	rc2 = get(&p, "GET", &r, NULL, err, sizeof(err));
	harness_http_errmsg(&r, msg, sizeof(msg));
	tap_ok(rc2 == 0 && r.status == 404 &&
	    strcmp(msg, "no such thing") == 0,
	    "keep-alive: second response on the same connection, its "
	    "JSON error message");
	harness_http_resp_free(&r);
	sent(&p, buf, sizeof(buf));
	tap_ok(strncmp(buf, "GET /v1/x HTTP/1.1\r\nHost: harness\r\n", 35)
	    == 0 && strstr(buf + 1, "GET /v1/x HTTP/1.1\r\n") != NULL &&
	    strstr(buf, "Authorization") == NULL,
	    "keep-alive: both requests were sent, without a token");
	rc3 = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc3 == -1 && strstr(err, "no HTTP response") != NULL,
	    "keep-alive: the server closed: \"%s\"", err);
	pair_close(&p);
}

static void
test_request(void)
{
	struct pair		 p;
	struct harness_http_resp r;
	char			 err[256], buf[4096];
	int			 rc;

	pair_open(&p, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 1);
	harness_http_auth(p.h, "k3y");
	rc = harness_http_request(p.h, "POST", "/v1/tools", "{\"a\":1}", 7,
	    &r, NULL, NULL, err, sizeof(err));
	sent(&p, buf, sizeof(buf));
	tap_ok(rc == 0 && r.status == 201 && r.blen == 0 && r.body != NULL &&
	    r.body[0] == '\0' && strncmp(buf, "POST /v1/tools HTTP/1.1\r\n",
	    25) == 0 && strstr(buf, "Authorization: Bearer k3y\r\n") &&
	    strstr(buf, "Content-Length: 7\r\n") &&
	    strstr(buf, "Content-Type: application/json\r\n") &&
	    strcmp(buf + strlen(buf) - 11, "\r\n\r\n{\"a\":1}") == 0,
	    "a POST carries its token, its length and its body; an empty "
	    "body is \"\"");
	harness_http_resp_free(&r);
	harness_http_auth(p.h, "bad token");
	rc = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc == -1 && sent(&p, buf, sizeof(buf)) == 0,
	    "a token with a space is refused before anything is sent");
	rc = harness_http_request(p.h, "GET", "/v1/x\r\nX: y", NULL, 0, &r,
	    NULL, NULL, err, sizeof(err));
	tap_ok(rc == -1 && sent(&p, buf, sizeof(buf)) == 0,
	    "a target with CR LF is refused before anything is sent");
	pair_close(&p);
	tap_ok(harness_http_fdopen(-1, err, sizeof(err)) == NULL &&
	    err[0] != '\0', "harness_http_fdopen(-1) fails with a reason");
}

static void
test_chunked(void)
{
	static const struct {
		const char	*chunks, *body, *err, *name;
	} t[] = {
		{ "5\r\nhello\r\n6;x=1\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
		  "hello world", NULL, "an extension and a trailer" },
		{ "A\r\n0123456789\r\n0\r\n\r\n", "0123456789", NULL,
		  "upper-case hex" },
		{ "0x5\r\nhello\r\n0\r\n\r\n", NULL, "bad chunk size",
		  "a 0x prefix" },
		{ "-5\r\nhello\r\n0\r\n\r\n", NULL, "bad chunk size",
		  "a negative size" },
		{ "+5\r\nhello\r\n0\r\n\r\n", NULL, "bad chunk size",
		  "a + sign" },
		{ " 5\r\nhello\r\n0\r\n\r\n", NULL, "bad chunk size",
		  "leading space" },
		{ "5x\r\nhello\r\n0\r\n\r\n", NULL, "bad chunk size",
		  "junk after the size" },
		{ "  \r\nhello\r\n0\r\n\r\n", NULL, "bad chunk size",
		  "no digits, only space" },
		{ ";x\r\nhello\r\n0\r\n\r\n", NULL, "bad chunk size",
		  "an extension without a size" },
		{ "5 ;x=y\r\nhello\r\n0\r\n\r\n", "hello", NULL,
		  "space before an extension" },
		{ "ffffffffffffffffffff\r\n", NULL, "bad chunk size",
		  "a size past 64 bits" },
		{ "5\r\nhel", NULL, "truncated chunk", "a short chunk" },
		{ "5\r\nhello\r\n", NULL, "connection closed", "no last chunk" },
	};
	struct pair		 p;
	struct harness_http_resp r;
	char			 err[256], head[4096];
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\n"
		    "Transfer-Encoding: chunked\r\n\r\n%s", t[i].chunks);
		pair_open(&p, head, 1);
		rc = get(&p, "GET", &r, NULL, err, sizeof(err));
		if (t[i].body != NULL)
			tap_ok(rc == 0 && strcmp(r.body, t[i].body) == 0 &&
			    r.blen == strlen(t[i].body),
			    "chunked: %s", t[i].name);
		else
			tap_ok(rc == -1 && strstr(err, t[i].err) != NULL,
			    "chunked: %s is refused: \"%s\"", t[i].name, err);
		if (rc == 0)
			harness_http_resp_free(&r);
		pair_close(&p);
	}
}

static void
test_nobody(void)
{
	struct pair		 p;
	struct harness_http_resp r;
	char			 err[256];
	int			 rc1, rc2, rc3, rc4;

	/* HEAD, 204 and 304 have no body, whatever their headers say. */
	pair_open(&p, "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n"
	    "HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n"
	    "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\n"
	    "Content-Length: 2\r\n\r\n{}", 1);
	rc1 = get(&p, "HEAD", &r, NULL, err, sizeof(err));
	tap_ok(rc1 == 0 && r.status == 200 && r.blen == 0,
	    "HEAD: no body read, whatever Content-Length says");
	harness_http_resp_free(&r);
	rc2 = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc2 == 0 && r.status == 204 && r.blen == 0, "204: no body");
	harness_http_resp_free(&r);
	rc3 = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc3 == 0 && r.status == 304 && r.blen == 0, "304: no body");
	harness_http_resp_free(&r);
	rc4 = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc4 == 0 && r.status == 429 &&
	    strcmp(r.retry_after, "2") == 0 && strcmp(r.body, "{}") == 0,
	    "429 after them: Retry-After kept, the body read");
	harness_http_resp_free(&r);
	pair_close(&p);
}

static void
test_bad(void)
{
	static const struct {
		const char	*resp, *err, *name;
	} t[] = {
		{ "", "no HTTP response", "nothing at all" },
		{ "SSH-2.0-OpenSSH\r\n", "no HTTP response", "not HTTP" },
		{ "HTTP/1.1 OK\r\n\r\n", "no HTTP response", "no status" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab",
		  "truncated body", "a short body" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
		  "bad Content-Length", "a negative length" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
		  "bad Content-Length", "junk in the length" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: "
		  "99999999999999999999\r\n\r\n", "bad Content-Length",
		  "a length past 64 bits" },
		{ "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
		  "bad response header", "a header without a colon" },
		{ "HTTP/1.1 200 OK\r\nX: y\r\n", "bad response headers",
		  "headers cut short" },
	};
	struct pair		 p;
	struct harness_http_resp r;
	char			 err[256], big[20000], what[128];
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		pair_open(&p, t[i].resp, 1);
		rc = get(&p, "GET", &r, NULL, err, sizeof(err));
		tap_ok(rc == -1 && strstr(err, t[i].err) != NULL &&
		    r.body == NULL, "refused: %s: \"%s\"", t[i].name, err);
		/* The connection is unusable after that, and says so. */
		snprintf(what, sizeof(what),
		    "then: the connection is closed (%s)", t[i].name);
		closed_after(&p, what);
	}
	/* A header line longer than the client's line buffer. */
	snprintf(big, sizeof(big), "HTTP/1.1 200 OK\r\nX: %0*d\r\n\r\n",
	    10000, 0);
	pair_open(&p, big, 1);
	rc = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc == -1 && strstr(err, "bad response header") != NULL,
	    "refused: a 10000-byte header line: \"%s\"", err);
	pair_close(&p);
}

static void
test_close(void)
{
	struct pair		 p;
	struct harness_http_resp r;
	char			 err[256];
	int			 rc;

	pair_open(&p, "HTTP/1.0 500 Internal\r\n\r\nuntil\nclose", 1);
	rc = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc == 0 && r.status == 500 && strcmp(r.body, "until\nclose")
	    == 0, "no length: the body runs until the server closes");
	harness_http_resp_free(&r);
	closed_after(&p, "then: the connection is closed");

	/* Connection: close with a length: the answer, then closed. */
	pair_open(&p, "HTTP/1.1 200 OK\r\nConnection: close\r\n"
	    "Content-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n", 0);
	rc = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc == 0 && strcmp(r.body, "{}") == 0,
	    "Connection: close: the response is read");
	harness_http_resp_free(&r);
	closed_after(&p, "then: bytes after it are never read as a response");
}

static void
test_sse(void)
{
	struct pair		 p;
	struct harness_http_resp r;
	struct ev		 e;
	char			 err[256];
	int			 rc;

	memset(&e, 0, sizeof(e));
	pair_open(&p, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n"
	    "1f\r\nevent: out\ndata: {\"a\":1}\n\n: hi\n\r\n"
	    "13\r\ndata: one\ndata: two\r\n"
	    "2\r\n\n\n\r\n"
	    "0\r\n\r\n"
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", 1);
	rc = get(&p, "GET", &r, &e, err, sizeof(err));
	tap_ok(rc == 0 && e.n == 2 && strcmp(e.names, "out,message,") == 0 &&
	    strcmp(e.data, "{\"a\":1}|one\ntwo|") == 0 && r.blen == 0,
	    "SSE over chunks: named and unnamed events, a comment, "
	    "data lines joined, an event split across chunks");
	harness_http_resp_free(&r);
	rc = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc == 0 && strcmp(r.body, "{}") == 0,
	    "SSE: the connection is kept for the next request");
	harness_http_resp_free(&r);
	pair_close(&p);

	/* A stream the callback stops: the rest is never read. */
	memset(&e, 0, sizeof(e));
	e.stop = 1;
	pair_open(&p, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
	    "\r\ndata: 1\n\ndata: 2\n\n", 0);
	rc = get(&p, "GET", &r, &e, err, sizeof(err));
	tap_ok(rc == 0 && e.n == 1 && strcmp(e.data, "1|") == 0,
	    "SSE: the callback stops the stream after one event");
	harness_http_resp_free(&r);
	closed_after(&p, "then: the connection is closed");

	/* Without a callback, an event stream is a body like any other. */
	pair_open(&p, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
	    "Content-Length: 9\r\n\r\ndata: 1\n\n", 1);
	rc = get(&p, "GET", &r, NULL, err, sizeof(err));
	tap_ok(rc == 0 && strcmp(r.body, "data: 1\n\n") == 0,
	    "SSE without a callback: the stream is the body");
	harness_http_resp_free(&r);
	pair_close(&p);
}

int
main(void)
{
	test_keepalive();
	test_request();
	test_chunked();
	test_nobody();
	test_bad();
	test_close();
	test_sse();
	return tap_done();
}
