/*
 * lib/http: request parser (limits, rejections, splits, pipelining,
 * keep-alive, smuggling attempts), query and path decoding, response,
 * JSON error and SSE helpers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "../tap.h"

#define CRLF	"\r\n"

/* Parse all of s in one http_feed(); the parser is returned. */
static struct http_parser *
feed_all(const char *s, size_t len, const struct http_limits *lim, int *rc)
{
	struct http_parser	*p;

	if ((p = http_parser_new(lim)) == NULL)
		abort();
	*rc = http_feed(p, s, len);
	return p;
}

/* Parse s one byte at a time; returns the first result that is not
 * HTTP_NEED_MORE/HTTP_HEAD, or the last one. */
static struct http_parser *
feed_bytes(const char *s, size_t len, const struct http_limits *lim, int *rc)
{
	struct http_parser	*p;
	size_t			 i;

	if ((p = http_parser_new(lim)) == NULL)
		abort();
	*rc = HTTP_NEED_MORE;
	for (i = 0; i < len; i++) {
		*rc = http_feed(p, s + i, 1);
		if (*rc == HTTP_ERROR || *rc == HTTP_DONE)
			break;
	}
	return p;
}

/* Whole and byte by byte, the request must be refused with status. */
static void
reject_n(const char *name, const char *s, size_t len, int status)
{
	struct http_parser	*p, *q;
	int			 rc1, rc2;

	p = feed_all(s, len, NULL, &rc1);
	q = feed_bytes(s, len, NULL, &rc2);
	tap_ok(rc1 == HTTP_ERROR && http_status(p) == status &&
	    rc2 == HTTP_ERROR && http_status(q) == status,
	    "%s -> %d (got %d/%d)", name, status, http_status(p),
	    http_status(q));
	http_parser_free(p);
	http_parser_free(q);
}

static void
reject(const char *name, const char *s, int status,
    const struct http_limits *lim)
{
	struct http_parser	*p, *q;
	int			 rc1, rc2;

	p = feed_all(s, strlen(s), lim, &rc1);
	q = feed_bytes(s, strlen(s), lim, &rc2);
	tap_ok(rc1 == HTTP_ERROR && http_status(p) == status &&
	    rc2 == HTTP_ERROR && http_status(q) == status,
	    "%s -> %d (got %d/%d, %s)", name, status, http_status(p),
	    http_status(q), http_errstr(p) ? http_errstr(p) : "no error");
	http_parser_free(p);
	http_parser_free(q);
}

/* Whole and byte by byte, the request must be accepted. */
static int
accepts(const char *s, const struct http_limits *lim)
{
	struct http_parser	*p, *q;
	int			 rc1, rc2, ok;

	p = feed_all(s, strlen(s), lim, &rc1);
	q = feed_bytes(s, strlen(s), lim, &rc2);
	ok = rc1 == HTTP_DONE && rc2 == HTTP_DONE;
	if (!ok)
		TAP_DIAG("accepts: %d %d %s", rc1, rc2,
		    http_errstr(p) ? http_errstr(p) : "-");
	http_parser_free(p);
	http_parser_free(q);
	return ok;
}

/* Everything a request parsed to, as one string, to compare splits. */
static void
summary(struct http_parser *p, int rc, char *buf, size_t bufsz)
{
	struct http_buf	 b;
	const char	*n, *v;
	const void	*body;
	size_t		 i, blen;

	http_buf_fixed(&b, buf, bufsz);
	http_buf_printf(&b, "rc=%d st=%d ", rc, http_status(p));
	if (rc == HTTP_DONE) {
		http_buf_printf(&b, "%s %s ?%s v%d ka%d |",
		    http_method_str(p), http_path(p),
		    http_query(p) ? http_query(p) : "-", http_version(p),
		    http_keepalive(p));
		for (i = 0; http_header_at(p, i, &n, &v) == 0; i++)
			http_buf_printf(&b, "%s=%s|", n, v);
		body = http_body(p, &blen);
		http_buf_printf(&b, " body[%zu]=", blen);
		http_buf_add(&b, body, blen);
	}
}

static int
all_splits(const char *req)
{
	struct http_parser	*p;
	char			 want[4096], got[4096];
	size_t			 len = strlen(req), i, j;
	int			 rc, bad = 0;

	p = feed_all(req, len, NULL, &rc);
	summary(p, rc, want, sizeof(want));
	http_parser_free(p);
	if (rc != HTTP_DONE)
		return 0;
	for (i = 0; i <= len; i++) {
		for (j = i; j <= len; j++) {
			if ((p = http_parser_new(NULL)) == NULL)
				abort();
			rc = http_feed(p, req, i);
			if (rc != HTTP_ERROR && rc != HTTP_DONE)
				rc = http_feed(p, req + i, j - i);
			if (rc != HTTP_ERROR && rc != HTTP_DONE)
				rc = http_feed(p, req + j, len - j);
			summary(p, rc, got, sizeof(got));
			if (strcmp(want, got) != 0) {
				if (bad++ == 0)
					TAP_DIAG("split %zu,%zu: %s vs %s", i,
					    j, got, want);
			}
			http_parser_free(p);
		}
	}
	return bad == 0;
}

static const char sample_cl[] =
    "POST /v1/chat?model=x%20y&stream=1 HTTP/1.1" CRLF
    "Host: localhost" CRLF
    "Content-Type: application/json" CRLF
    "X-Trim:   spaced value  \t" CRLF
    "Content-Length: 13" CRLF
    CRLF
    "{\"a\":\"hello\"}";

static const char sample_chunked[] =
    "PUT /x HTTP/1.1" CRLF
    "Host: h" CRLF
    "Transfer-Encoding: chunked" CRLF
    CRLF
    "5;ext=1" CRLF "hello" CRLF
    "1" CRLF " " CRLF
    "A" CRLF "0123456789" CRLF
    "0" CRLF
    "Trailer-One: x" CRLF
    CRLF;

static void
test_basics(void)
{
	struct http_parser	*p;
	const char		*n, *v;
	const void		*body;
	size_t			 blen;
	int			 rc;

	p = feed_all(sample_cl, strlen(sample_cl), NULL, &rc);
	tap_ok(rc == HTTP_DONE && http_method(p) == HTTP_METHOD_POST &&
	    strcmp(http_method_str(p), "POST") == 0 &&
	    strcmp(http_path(p), "/v1/chat") == 0 &&
	    strcmp(http_query(p), "model=x%20y&stream=1") == 0 &&
	    http_version(p) == 11, "request line split into method/path/query");
	tap_ok(http_header(p, "content-type") != NULL &&
	    strcmp(http_header(p, "CONTENT-TYPE"), "application/json") == 0 &&
	    http_header(p, "Missing") == NULL,
	    "header lookup is case-insensitive");
	tap_ok(strcmp(http_header(p, "x-trim"), "spaced value") == 0,
	    "header values are trimmed of SP and HTAB");
	tap_ok(http_header_count(p) == 4 &&
	    http_header_at(p, 3, &n, &v) == 0 &&
	    strcmp(n, "Content-Length") == 0 && strcmp(v, "13") == 0 &&
	    http_header_at(p, 4, &n, &v) == -1,
	    "header fields kept in order, as received");
	body = http_body(p, &blen);
	tap_ok(blen == 13 && memcmp(body, "{\"a\":\"hello\"}", 14) == 0 &&
	    http_content_length(p) == 13 && !http_chunked(p),
	    "Content-Length body, NUL-terminated");
	tap_ok(http_keepalive(p), "HTTP/1.1 keeps alive by default");
	http_parser_free(p);

	p = feed_all(sample_chunked, strlen(sample_chunked), NULL, &rc);
	body = http_body(p, &blen);
	tap_ok(rc == HTTP_DONE && http_chunked(p) && blen == 16 &&
	    memcmp(body, "hello 0123456789", 17) == 0 &&
	    http_content_length(p) == -1 &&
	    http_header(p, "Trailer-One") == NULL,
	    "chunked body decoded; extensions and trailers dropped");
	http_parser_free(p);

	p = http_parser_new(NULL);
	tap_ok(http_path(p) == NULL && http_header(p, "Host") == NULL &&
	    http_method(p) == HTTP_METHOD_NONE && http_status(p) == 0 &&
	    http_feed(p, "GET / HT", 8) == HTTP_NEED_MORE &&
	    http_path(p) == NULL, "accessors are empty before the head");
	http_parser_free(p);
}

static void
test_splits(void)
{
	struct http_parser	*p;
	int			 rc;
	const void		*body;
	size_t			 blen;

	tap_ok(all_splits(sample_cl),
	    "every split into three pieces of a Content-Length request");
	tap_ok(all_splits(sample_chunked),
	    "every split into three pieces of a chunked request");
	p = feed_bytes(sample_chunked, strlen(sample_chunked), NULL, &rc);
	body = http_body(p, &blen);
	tap_ok(rc == HTTP_DONE && blen == 16 &&
	    memcmp(body, "hello 0123456789", 16) == 0,
	    "chunked request byte by byte");
	http_parser_free(p);
}

static void
test_head_event(void)
{
	struct http_parser	*p;
	const char		 head[] = "POST /u HTTP/1.1" CRLF "Host: h" CRLF
	    "Expect: 100-continue" CRLF "Content-Length: 3" CRLF CRLF;
	size_t			 blen;
	int			 rc1, rc2, rc3;

	p = http_parser_new(NULL);
	rc1 = http_feed(p, head, strlen(head));
	tap_ok(rc1 == HTTP_HEAD && http_expect_continue(p) &&
	    strcmp(http_path(p), "/u") == 0,
	    "HTTP_HEAD once the head is in, with Expect: 100-continue");
	rc2 = http_feed(p, "ab", 2);
	rc3 = http_feed(p, "c", 1);
	http_body(p, &blen);
	tap_ok(rc2 == HTTP_NEED_MORE && rc3 == HTTP_DONE && blen == 3,
	    "then HTTP_NEED_MORE, then HTTP_DONE with the body");
	http_parser_free(p);

	reject("Expect other than 100-continue", "POST / HTTP/1.1" CRLF
	    "Host: h" CRLF "Expect: something" CRLF "Content-Length: 0" CRLF
	    CRLF, 417, NULL);
}

static void
test_pipelining(void)
{
	struct http_parser	*p;
	const char		 two[] = "GET /one HTTP/1.1" CRLF "Host: h" CRLF
	    CRLF "POST /two HTTP/1.1" CRLF "Host: h" CRLF
	    "Content-Length: 2" CRLF CRLF "hi" "GET /thr";
	size_t			 used, len, blen;
	const void		*pend, *body;
	int			 rc;

	p = http_parser_new(NULL);
	rc = http_feed(p, two, strlen(two));
	pend = http_pending(p, &len);
	tap_ok(rc == HTTP_DONE && strcmp(http_path(p), "/one") == 0 &&
	    len == strlen(two) - 30 && memcmp(pend, "POST", 4) == 0,
	    "http_feed: bytes after a request are kept");
	tap_ok(http_feed(p, "ee", 2) == HTTP_DONE &&
	    (http_pending(p, &len), len == strlen(two) - 30 + 2),
	    "feeding while done appends to the leftover");
	http_reset(p);
	rc = http_feed(p, NULL, 0);
	body = http_body(p, &blen);
	tap_ok(rc == HTTP_DONE && strcmp(http_path(p), "/two") == 0 &&
	    blen == 2 && memcmp(body, "hi", 2) == 0,
	    "reset keeps the leftover; second request parsed from it");
	http_reset(p);
	rc = http_feed(p, NULL, 0);
	tap_ok(rc == HTTP_NEED_MORE &&
	    http_feed(p, " HTTP/1.1\r\nHost: h\r\n\r\n", 22) == HTTP_DONE &&
	    strcmp(http_path(p), "/three") == 0 &&
	    (http_pending(p, &len), len == 0),
	    "third request completes from leftover plus new bytes");
	http_parser_free(p);

	p = http_parser_new(NULL);
	rc = http_parse(p, two, strlen(two), &used);
	tap_ok(rc == HTTP_DONE && used == 30,
	    "http_parse stops at the end of the first request");
	http_reset(p);
	rc = http_parse(p, two + used, strlen(two) - used, &used);
	tap_ok(rc == HTTP_DONE && used == strlen(two) - 30 - 8,
	    "http_parse: second request, rest left to the caller");
	tap_ok(http_parse(p, "x", 1, &used) == HTTP_DONE && used == 0,
	    "http_parse consumes nothing once a request is done");
	http_parser_free(p);

	p = http_parser_new(NULL);
	rc = http_feed(p, "GET / HTTP/1.1\r\nHost: h\r\n\r\n\x81\x80", 29);
	pend = http_pending(p, &len);
	tap_ok(rc == HTTP_DONE && len == 2 &&
	    memcmp(pend, "\x81\x80", 2) == 0,
	    "bytes after an upgrade request are available to hand over");
	http_parser_free(p);
}

static void
test_keepalive(void)
{
	struct http_parser	*p;
	int			 rc, ok = 1;
	size_t			 i;
	static const struct {
		const char	*req;
		int		 ka;
	} cases[] = {
		{ "GET / HTTP/1.1\r\nHost: h\r\n\r\n", 1 },
		{ "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 0 },
		{ "GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n", 0 },
		{ "GET / HTTP/1.1\r\nHost: h\r\nConnection: x, close\r\n\r\n",
		    0 },
		{ "GET / HTTP/1.0\r\n\r\n", 0 },
		{ "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 1 },
		{ "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", 1 },
		{ "GET / HTTP/1.0\r\nConnection: keep-alive\r\n"
		    "Connection: close\r\n\r\n", 0 },
		{ "GET / HTTP/1.0\r\nConnection: keep-alive, "
		    "close\r\n\r\n", 0 },
		{ "GET / HTTP/1.0\r\nConnection: keep-alived\r\n\r\n", 0 },
	};

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = feed_all(cases[i].req, strlen(cases[i].req), NULL, &rc);
		if (rc != HTTP_DONE || http_keepalive(p) != cases[i].ka) {
			TAP_DIAG("keep-alive case %zu", i);
			ok = 0;
		}
		http_parser_free(p);
	}
	tap_ok(ok, "keep-alive: 1.1 default on, close token, 1.0 needs "
	    "keep-alive");
	p = feed_all("GET / HTTP/1.1\r\nHost: h\r\n", 25, NULL, &rc);
	rc = http_feed(p, "\n", 1);
	tap_ok(rc == HTTP_ERROR && !http_keepalive(p) &&
	    http_feed(p, "\n", 1) == HTTP_ERROR,
	    "no keep-alive after an error, and the error sticks");
	http_parser_free(p);
}

static void
test_limits(void)
{
	struct http_limits	 lim;
	struct http_parser	*p;
	char			 buf[512], *big;
	const char		*r;
	size_t			 i, len;
	int			 rc;

	memset(&lim, 0, sizeof(lim));
	lim.max_line = 32;		/* request line incl. CRLF */
	/* "GET /" + x + " HTTP/1.0\r\n" = 16 + x bytes */
	snprintf(buf, sizeof(buf), "GET /%s HTTP/1.0\r\n\r\n",
	    "xxxxxxxxxxxxxxxx");
	tap_ok(accepts(buf, &lim), "request line of exactly max_line");
	snprintf(buf, sizeof(buf), "GET /%s HTTP/1.0\r\n\r\n",
	    "xxxxxxxxxxxxxxxxx");
	reject("request line of max_line + 1", buf, 414, &lim);
	p = http_parser_new(&lim);
	rc = http_feed(p, "GET /xxxxxxxxxxxxxxxxxxxxxxxxxxx", 32);
	tap_ok(rc == HTTP_ERROR && http_status(p) == 414,
	    "long request line refused before its LF arrives");
	http_parser_free(p);
	tap_ok(accepts("\r\n\r\nGET / HTTP/1.0\r\n\r\n", &lim),
	    "empty lines before the request line are skipped");
	reject("empty lines count against max_line",
	    "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.0\r\n\r\n", 414,
	    &lim);

	memset(&lim, 0, sizeof(lim));
	lim.max_headers = 3;
	tap_ok(accepts("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n",
	    &lim), "max_headers fields accepted");
	reject("max_headers + 1 fields", "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\n"
	    "B: 2\r\nC: 3\r\n\r\n", 431, &lim);

	memset(&lim, 0, sizeof(lim));
	/* "Host: hhhhhhhhhh\r\n" is 18 bytes, the empty line 2 more. */
	lim.max_header_bytes = 20;
	tap_ok(accepts("GET / HTTP/1.1\r\nHost: hhhhhhhhhh\r\n\r\n", &lim),
	    "header section of exactly max_header_bytes");
	reject("header section of max_header_bytes + 1",
	    "GET / HTTP/1.1\r\nHost: hhhhhhhhhhh\r\n\r\n", 431, &lim);
	p = http_parser_new(&lim);
	rc = http_feed(p, "GET / HTTP/1.1\r\nX: yyyyyyyyyyyyyyyyyyyy", 38);
	tap_ok(rc == HTTP_ERROR && http_status(p) == 431,
	    "long header line refused before its LF arrives");
	http_parser_free(p);

	memset(&lim, 0, sizeof(lim));
	lim.max_body = 4;
	tap_ok(accepts("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\n"
	    "abcd", &lim), "body of exactly max_body");
	p = http_parser_new(&lim);
	r = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n";
	rc = http_feed(p, r, strlen(r));
	tap_ok(rc == HTTP_ERROR && http_status(p) == 413,
	    "Content-Length over max_body refused at the head");
	http_parser_free(p);
	reject("huge Content-Length", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length: 99999999999999999999999999\r\n\r\n", 413, &lim);
	tap_ok(accepts("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "
	    "chunked"
	    "\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n", &lim),
	    "chunked body of exactly max_body");
	p = http_parser_new(&lim);
	r = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
	    "\r\n2\r\nab\r\n3";
	rc = http_feed(p, r, strlen(r));
	tap_ok(rc == HTTP_ERROR && http_status(p) == 413,
	    "chunk over max_body refused at its size digit");
	http_parser_free(p);
	reject("chunk size that would wrap 64 bits", "POST / HTTP/1.1\r\n"
	    "Host: h\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "10000000000000000\r\n", 413, NULL);
	reject("chunk size of 2^64-1", "POST / HTTP/1.1\r\n"
	    "Host: h\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "ffffffffffffffff\r\n", 413, NULL);

	/* 1100 leading zeros: a size line longer than HTTP_MAX_CHUNK_LINE. */
	len = 1200;
	if ((big = malloc(len + 100)) == NULL)
		abort();
	i = (size_t)snprintf(big, len + 100, "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n");
	memset(big + i, '0', 1100);
	strlcpy(big + i + 1100, "1\r\na\r\n0\r\n\r\n", len + 100 - i - 1100);
	reject("chunk size line too long", big, 400, NULL);
	free(big);

	memset(&lim, 0, sizeof(lim));
	lim.max_headers = 2;
	reject("trailer fields count against max_headers", "POST / HTTP/1.1\r\n"
	    "Host: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\n"
	    "C: 3\r\n\r\n", 431, &lim);
	memset(&lim, 0, sizeof(lim));
	lim.max_header_bytes = 40;
	reject("trailer bytes count against max_header_bytes",
	    "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "0\r\nA: 123456789012345678901234567890123456789\r\n\r\n", 431,
	    &lim);

	memset(&lim, 0, sizeof(lim));
	lim.max_pending = 16;
	p = http_parser_new(&lim);
	rc = http_feed(p, "GET / HTTP/1.0\r\n\r\nGET /next "
	    "HTTP/1.0\r\n\r\n", 40);
	tap_ok(rc == HTTP_ERROR && http_status(p) == 503,
	    "leftover above max_pending refused");
	http_parser_free(p);
}

static void
test_rejections(void)
{
	reject("bare LF ends the request line", "GET / HTTP/1.1\nHost: "
	    "h\r\n\r\n",
	    400, NULL);
	reject("bare LF ends a header line", "GET / HTTP/1.1\r\nHost: h\n\r\n",
	    400, NULL);
	reject("bare LF ends the head", "GET / HTTP/1.1\r\nHost: h\r\n\n",
	    400, NULL);
	reject("bare CR inside a header line",
	    "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400, NULL);
	reject("bare CR inside the request line",
	    "GET /\r HTTP/1.1\r\nHost: h\r\n\r\n", 400, NULL);
	reject("obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n",
	    400, NULL);
	reject("whitespace before the first header",
	    "GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400, NULL);
	reject("whitespace before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n",
	    400, NULL);
	reject("empty header name", "GET / HTTP/1.1\r\nHost: h\r\n: x\r\n\r\n",
	    400, NULL);
	reject("header line without colon",
	    "GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", 400, NULL);
	reject("control character in a value",
	    "GET / HTTP/1.1\r\nHost: h\r\nX: a\x01b\r\n\r\n", 400, NULL);
	reject("DEL in a value", "GET / HTTP/1.1\r\nHost: h\r\nX: "
	    "a\x7f\r\n\r\n",
	    400, NULL);
	tap_ok(accepts("GET / HTTP/1.1\r\nHost: h\r\nX: caf\xc3\xa9\r\n\r\n",
	    NULL), "obs-text in a value is accepted");
	reject("non-token method", "G(T / HTTP/1.1\r\nHost: "
	    "h\r\n\r\n", 400, NULL);
	reject("unknown method", "BREW / HTTP/1.1\r\nHost: "
	    "h\r\n\r\n", 501, NULL);
	reject("methods are case-sensitive", "get / HTTP/1.1\r\nHost: "
	    "h\r\n\r\n",
	    501, NULL);
	reject("CONNECT", "CONNECT h:443 HTTP/1.1\r\nHost: "
	    "h\r\n\r\n", 501, NULL);
	reject("TRACE", "TRACE / HTTP/1.1\r\nHost: h\r\n\r\n", 501, NULL);
	reject("HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505, NULL);
	reject("HTTP/1.2", "GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505, NULL);
	reject("lower-case version", "GET / http/1.1\r\nHost: h\r\n\r\n", 400,
	    NULL);
	reject("junk after version", "GET / HTTP/1.10\r\nHost: h\r\n\r\n", 400,
	    NULL);
	reject("HTTP/0.9 request line", "GET /\r\n\r\n", 400, NULL);
	reject("two spaces in the request line",
	    "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400, NULL);
	reject("space inside the target", "GET /a b HTTP/1.1\r\nHost: "
	    "h\r\n\r\n",
	    400, NULL);
	reject("target without a slash", "GET a HTTP/1.1\r\nHost: h\r\n\r\n",
	    400, NULL);
	reject("fragment in the target", "GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n",
	    400, NULL);
	reject("non-ASCII in the target",
	    "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: h\r\n\r\n", 400, NULL);
	reject("bad percent escape in the target",
	    "GET /a%zz HTTP/1.1\r\nHost: h\r\n\r\n", 400, NULL);
	reject("truncated percent escape in the target",
	    "GET /a%2 HTTP/1.1\r\nHost: h\r\n\r\n", 400, NULL);
	reject("userinfo in absolute-form",
	    "GET http://u@h/ HTTP/1.1\r\nHost: h\r\n\r\n", 400, NULL);
	reject("asterisk-form with GET", "GET * HTTP/1.1\r\nHost: h\r\n\r\n",
	    400, NULL);
	reject("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400, NULL);
	reject("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nhost: "
	    "b\r\n\r\n",
	    400, NULL);
	reject("a space in Host", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
	    400, NULL);
	reject("a / in Host", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400,
	    NULL);
	reject("userinfo in Host", "GET / HTTP/1.1\r\nHost: u@h\r\n\r\n",
	    400, NULL);
	reject("a port that is no number", "GET / HTTP/1.1\r\nHost: h:8a\r\n"
	    "\r\n", 400, NULL);
	reject("an unclosed IP literal", "GET / HTTP/1.1\r\nHost: [::1\r\n"
	    "\r\n", 400, NULL);
	reject("a bad escape in Host", "GET / HTTP/1.1\r\nHost: a%2\r\n\r\n",
	    400, NULL);
	reject("non-ASCII in Host", "GET / HTTP/1.1\r\nHost: \xc3\xa9\r\n"
	    "\r\n", 400, NULL);
	reject("a space in an HTTP/1.0 Host", "GET / HTTP/1.0\r\nHost: a b"
	    "\r\n\r\n", 400, NULL);
	tap_ok(accepts("GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
	    NULL) && accepts("GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n",
	    NULL) && accepts("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
	    NULL) && accepts("GET / HTTP/1.1\r\nHost:\r\n\r\n", NULL) &&
	    accepts("GET / HTTP/1.1\r\nHost: a%2Db_c~d:\r\n\r\n", NULL) &&
	    accepts("GET / HTTP/1.0\r\n\r\n", NULL),
	    "Host: a name, an address, an IP literal, a port, empty, escapes");
	reject_n("NUL in the request line",
	    "GET /\0 HTTP/1.1\r\nHost: h\r\n\r\n", 28, 400);
	reject_n("NUL in a header value",
	    "GET / HTTP/1.1\r\nHost: h\0\r\n\r\n", 28, 400);
}

static void
test_targets(void)
{
	struct http_parser	*p;
	const char		*r;
	int			 rc;

	r = "GET http://example.com:80/a/b?c=d HTTP/1.1\r\nHost: h\r\n\r\n";
	p = feed_all(r, strlen(r), NULL, &rc);
	tap_ok(rc == HTTP_DONE && strcmp(http_path(p), "/a/b") == 0 &&
	    strcmp(http_query(p), "c=d") == 0,
	    "absolute-form tolerated: path and query kept");
	http_parser_free(p);
	r = "GET HTTPS://[::1]:8080?q HTTP/1.1\r\nHost: h\r\n\r\n";
	p = feed_all(r, strlen(r), NULL, &rc);
	tap_ok(rc == HTTP_DONE && strcmp(http_path(p), "/") == 0 &&
	    strcmp(http_query(p), "q") == 0,
	    "absolute-form without a path has path /");
	http_parser_free(p);
	r = "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n";
	p = feed_all(r, strlen(r), NULL, &rc);
	tap_ok(rc == HTTP_DONE && strcmp(http_path(p), "*") == 0 &&
	    http_query(p) == NULL, "asterisk-form with OPTIONS");
	http_parser_free(p);
	r = "DELETE /x? HTTP/1.0\r\n\r\n";
	p = feed_all(r, strlen(r), NULL, &rc);
	tap_ok(rc == HTTP_DONE && http_method(p) == HTTP_METHOD_DELETE &&
	    strcmp(http_query(p), "") == 0 && http_version(p) == 10,
	    "HTTP/1.0 without Host; empty query; DELETE without a body");
	http_parser_free(p);
}

static void
test_framing(void)
{
	struct http_parser	*p;
	const char		*r;
	size_t			 blen, used;
	const void		*body;
	int			 rc;

	reject("Content-Length with Transfer-Encoding", "POST / HTTP/1.1\r\n"
	    "Host: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "0\r\n\r\n", 400, NULL);
	reject("Transfer-Encoding with Content-Length", "POST / HTTP/1.1\r\n"
	    "Host: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
	    "0\r\n\r\n", 400, NULL);
	reject("two equal Content-Length fields", "POST / HTTP/1.1\r\nHost: "
	    "h\r\n"
	    "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400, NULL);
	reject("two different Content-Length fields", "POST / HTTP/1.1\r\n"
	    "Host: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx", 400,
	    NULL);
	reject("Content-Length list", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length: 1, 1\r\n\r\nx", 400, NULL);
	reject("Content-Length with a sign", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length: +1\r\n\r\nx", 400, NULL);
	reject("negative Content-Length", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length: -1\r\n\r\n", 400, NULL);
	reject("empty Content-Length", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length:\r\n\r\n", 400, NULL);
	reject("hex Content-Length", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length: 0x1\r\n\r\nx", 400, NULL);
	reject("two Transfer-Encoding fields", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "0\r\n\r\n", 400, NULL);
	reject("chunked twice", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400, NULL);
	reject("chunked not last", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400, NULL);
	reject("coding other than chunked", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, NULL);
	reject("Transfer-Encoding: identity", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: identity\r\n\r\n", 400, NULL);
	reject("Transfer-Encoding: xchunked", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: xchunked\r\n\r\n", 400, NULL);
	reject("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, NULL);
	tap_ok(accepts("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "
	    " Chunked \r\n\r\n0\r\n\r\n", NULL),
	    "coding names are case-insensitive");
	reject("chunk size with 0x", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n0x1\r\na\r\n"
	    "0\r\n\r\n", 400, NULL);
	reject("negative chunk size", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n-1\r\na\r\n"
	    "0\r\n\r\n", 400, NULL);
	reject("space before chunk size", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n 1\r\na\r\n"
	    "0\r\n\r\n", 400, NULL);
	reject("space after chunk size without extension", "POST / HTTP/1.1\r\n"
	    "Host: h\r\nTransfer-Encoding: chunked\r\n\r\n1 \r\na\r\n0\r\n\r\n",
	    400, NULL);
	tap_ok(accepts("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "
	    "chunked"
	    "\r\n\r\n1 ;a=\"b\"\r\na\r\n0;x\r\n\r\n", NULL),
	    "BWS before a chunk extension");
	reject("bare LF after chunk size", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n1\na\r\n0\r\n\r\n", 400, NULL);
	reject("chunk data longer than its size", "POST / HTTP/1.1\r\nHost: "
	    "h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n1\r\nab\r\n"
	    "0\r\n\r\n", 400, NULL);
	reject("bare LF after chunk data", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n1\r\na\n0\r\n\r\n", 400, NULL);
	reject("obs-fold in trailers", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\n 2\r\n\r\n", 400,
	    NULL);
	reject("bare LF ends the trailers", "POST / HTTP/1.1\r\nHost: h\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n0\r\n\n", 400, NULL);
	reject("POST without a length", "POST / HTTP/1.1\r\nHost: h\r\n\r\n",
	    411, NULL);
	reject("PUT without a length", "PUT / HTTP/1.1\r\nHost: h\r\n\r\n",
	    411, NULL);
	reject("PATCH without a length", "PATCH / HTTP/1.1\r\nHost: h\r\n\r\n",
	    411, NULL);

	/* GET without Content-Length has no body: the rest is a request. */
	r = "GET / HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: "
	    "h\r\n\r\n";
	p = http_parser_new(NULL);
	rc = http_parse(p, r, strlen(r), &used);
	body = http_body(p, &blen);
	tap_ok(rc == HTTP_DONE && used == 27 && blen == 0 &&
	    body != NULL,
	    "GET without Content-Length has no body");
	http_parser_free(p);
	r = "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok";
	p = feed_all(r, strlen(r), NULL, &rc);
	body = http_body(p, &blen);
	tap_ok(rc == HTTP_DONE && blen == 2 && memcmp(body, "ok", 2) == 0,
	    "GET with Content-Length has a body");
	http_parser_free(p);
	/* Smuggling: a second request hidden in a body stays body. */
	r = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 32\r\n\r\n"
	    "GET /admin HTTP/1.1\r\nHost: h\r\n\r\nGET /";
	p = http_parser_new(NULL);
	rc = http_parse(p, r, strlen(r), &used);
	body = http_body(p, &blen);
	tap_ok(rc == HTTP_DONE && blen == 32 && used == strlen(r) - 5 &&
	    memcmp(body, "GET /admin", 10) == 0,
	    "a request inside a body is body; the rest is left unparsed");
	http_parser_free(p);
}

static void
test_query(void)
{
	struct http_parser	*p;
	const char		*r, *cur;
	char			 v[16], n[16], seg[32], out[64];
	int			 rc, ok;

	r = "GET /q?a=1&b=x+y%21&c&d=&a=2&a%62=3&f=%00&"
	    "long=0123456789abcdef HTTP/1.1\r\nHost: h\r\n\r\n";
	p = feed_all(r, strlen(r), NULL, &rc);
	tap_ok(http_query_param(p, "a", v, sizeof(v)) == 1 &&
	    strcmp(v, "1") == 0, "query param: first of duplicates");
	tap_ok(http_query_param(p, "b", v, sizeof(v)) == 1 &&
	    strcmp(v, "x y!") == 0, "query param: + and %%21 decoded");
	tap_ok(http_query_param(p, "c", v, sizeof(v)) == 1 &&
	    strcmp(v, "") == 0 && http_query_param(p, "d", v, sizeof(v)) ==
	    1 && strcmp(v, "") == 0, "query param without value is empty");
	tap_ok(http_query_param(p, "zz", v, sizeof(v)) == 0,
	    "missing query param");
	tap_ok(http_query_param(p, "ab", v, sizeof(v)) == 1 &&
	    strcmp(v, "3") == 0, "query param names are decoded too");
	cur = "a=1&e=%zz";
	tap_ok(http_query_next(&cur, n, sizeof(n), v, sizeof(v)) == 1 &&
	    http_query_next(&cur, n, sizeof(n), v, sizeof(v)) == -1 &&
	    errno == EINVAL, "bad escape in a query value refused");
	tap_ok(http_query_param(p, "f", v, sizeof(v)) == -1 &&
	    errno == EINVAL, "%%00 in a query value refused");
	tap_ok(http_query_param(p, "long", v, sizeof(v)) == -1 &&
	    errno == ENAMETOOLONG, "query value too long for the buffer");
	cur = http_query(p);
	ok = http_query_next(&cur, n, sizeof(n), v, sizeof(v)) == 1 &&
	    strcmp(n, "a") == 0 && strcmp(v, "1") == 0 &&
	    http_query_next(&cur, n, sizeof(n), v, sizeof(v)) == 1 &&
	    strcmp(n, "b") == 0 &&
	    http_query_next(&cur, n, sizeof(n), v, sizeof(v)) == 1 &&
	    strcmp(n, "c") == 0 && strcmp(v, "") == 0;
	tap_ok(ok, "query iteration");
	http_parser_free(p);

	tap_ok(http_pct_decode("a%2Fb", 5, out, sizeof(out), 0) == 3 &&
	    strcmp(out, "a/b") == 0 && http_pct_decode("a%2fb", 5, out,
	    sizeof(out), HTTP_PCT_SEGMENT) == -1,
	    "pct-decode: %%2F allowed, not within a path segment");
	tap_ok(http_pct_decode("%4", 2, out, sizeof(out), 0) == -1 &&
	    http_pct_decode("%", 1, out, sizeof(out), 0) == -1 &&
	    http_pct_decode("%g0", 3, out, sizeof(out), 0) == -1,
	    "pct-decode: truncated and non-hex escapes refused");
	tap_ok(http_pct_decode("abc", 3, out, 4, 0) == 3 &&
	    http_pct_decode("abcd", 4, out, 4, 0) == -1 &&
	    errno == ENAMETOOLONG, "pct-decode: exact fit, one byte over");
	tap_ok(http_pct_decode("a+b", 3, out, sizeof(out), 0) == 3 &&
	    strcmp(out, "a+b") == 0, "pct-decode: + kept outside queries");

	cur = "/v1/chat%20x//end/";
	ok = http_path_segment(&cur, seg, sizeof(seg)) == 1 &&
	    strcmp(seg, "v1") == 0 &&
	    http_path_segment(&cur, seg, sizeof(seg)) == 1 &&
	    strcmp(seg, "chat x") == 0 &&
	    http_path_segment(&cur, seg, sizeof(seg)) == 1 &&
	    strcmp(seg, "") == 0 &&
	    http_path_segment(&cur, seg, sizeof(seg)) == 1 &&
	    strcmp(seg, "end") == 0 &&
	    http_path_segment(&cur, seg, sizeof(seg)) == 1 &&
	    strcmp(seg, "") == 0 &&
	    http_path_segment(&cur, seg, sizeof(seg)) == 0;
	tap_ok(ok, "path segments decoded in order");
	cur = "/a/../b";
	ok = http_path_segment(&cur, seg, sizeof(seg)) == 1 &&
	    http_path_segment(&cur, seg, sizeof(seg)) == -1;
	cur = "/%2e%2E";
	ok = ok && http_path_segment(&cur, seg, sizeof(seg)) == -1;
	cur = "/./";
	ok = ok && http_path_segment(&cur, seg, sizeof(seg)) == -1;
	cur = "/a%2Fb";
	ok = ok && http_path_segment(&cur, seg, sizeof(seg)) == -1;
	cur = "/a%00";
	ok = ok && http_path_segment(&cur, seg, sizeof(seg)) == -1;
	tap_ok(ok, "path segments: dot segments, %%2F and %%00 refused");
}

static void
test_json(void)
{
	struct http_buf	 b;
	const char	*want;

	http_buf_init(&b, 0);
	http_json_escape(&b, "a\"b\\c\n\r\t\b\f\x01\x1f\x7f/", 14);
	tap_ok(strcmp(b.data,
	    "a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\x7f/") == 0,
	    "JSON escaping of quote, backslash and controls");
	http_buf_reset(&b);
	http_json_escape(&b, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9);
	tap_ok(strcmp(b.data, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == 0,
	    "JSON escaping keeps valid UTF-8");
	http_buf_reset(&b);
	http_json_escape(&b, "a\xff" "b\xc3" "c\xed\xa0\x80", 8);
	tap_ok(strcmp(b.data, "a\xef\xbf\xbd" "b\xef\xbf\xbd"
	    "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd") == 0,
	    "invalid UTF-8 becomes U+FFFD");
	http_buf_reset(&b);
	http_json_escape(&b, "x\0y", 3);
	tap_ok(b.len == 8 && memcmp(b.data, "x\\u0000y", 8) == 0,
	    "NUL escaped as \\u0000");
	http_buf_reset(&b);
	http_json_error(&b, "bad_request", "line \"1\"\nbad");
	tap_ok(strcmp(b.data, "{\"error\":{\"code\":\"bad_request\","
	    "\"message\":\"line \\\"1\\\"\\nbad\"}}") == 0, "JSON error body");
	http_buf_reset(&b);
	http_error_response(&b, 431, 11, HTTP_CONN_CLOSE, NULL, NULL);
	want = "HTTP/1.1 431 Request Header Fields Too Large\r\n"
	    "Content-Type: application/json\r\nContent-Length: 88\r\n"
	    "Connection: close\r\n\r\n"
	    "{\"error\":{\"code\":\"header_fields_too_large\","
	    "\"message\":\"Request Header Fields Too Large\"}}";
	tap_ok(strcmp(b.data, want) == 0, "complete JSON error response");
	if (strcmp(b.data, want) != 0)
		TAP_DIAG("%s", b.data);
	http_buf_free(&b);
}

static void
test_response(void)
{
	struct http_buf		 b;
	struct http_response	 r;
	struct http_header	 h[2];
	char			 date[40], fixed[40];
	int			 rc;

	http_buf_init(&b, 0);
	memset(&r, 0, sizeof(r));
	h[0].name = "X-Request-Id";
	h[0].value = "abc";
	r.status = 200;
	r.content_type = "text/plain";
	r.content_length = 5;
	r.headers = h;
	r.nheaders = 1;
	rc = http_response_write(&b, &r);
	tap_ok(rc == 0 && strcmp(b.data, "HTTP/1.1 200 OK\r\nContent-Type: "
	    "text/plain\r\nContent-Length: 5\r\nX-Request-Id: "
	    "abc\r\n\r\n") == 0,
	    "response head with Content-Length and an extra field");
	http_buf_reset(&b);
	r.content_length = HTTP_LENGTH_CHUNKED;
	r.version = 10;
	r.nheaders = 0;
	tap_ok(http_response_write(&b, &r) == -1 && errno == EINVAL &&
	    b.len == 0, "no chunked responses to HTTP/1.0");
	r.content_length = 0;
	rc = http_response_write(&b, &r);
	tap_ok(rc == 0 && strstr(b.data, "Connection: keep-alive\r\n") != NULL,
	    "kept-alive HTTP/1.0 gets Connection: keep-alive");
	http_buf_reset(&b);
	r.version = 11;
	r.content_length = HTTP_LENGTH_CHUNKED;
	r.content_type = "text/event-stream";
	r.date = 784111777;
	rc = http_response_write(&b, &r);
	tap_ok(rc == 0 && strcmp(b.data, "HTTP/1.1 200 OK\r\n"
	    "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
	    "Content-Type: text/event-stream\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n") == 0,
	    "chunked response head with Date");
	http_buf_reset(&b);
	r.date = 0;
	r.content_length = HTTP_LENGTH_NONE;
	tap_ok(http_response_write(&b, &r) == -1,
	    "no length on a kept-alive connection refused");
	r.conn = HTTP_CONN_CLOSE;
	tap_ok(http_response_write(&b, &r) == 0 &&
	    strstr(b.data, "Connection: close\r\n") != NULL &&
	    strstr(b.data, "Length") == NULL, "close-delimited response");
	http_buf_reset(&b);
	memset(&r, 0, sizeof(r));
	r.status = 204;
	r.content_length = 0;
	tap_ok(http_response_write(&b, &r) == 0 &&
	    strcmp(b.data, "HTTP/1.1 204 No Content\r\n\r\n") == 0,
	    "204 carries no Content-Length");
	http_buf_reset(&b);
	r.status = 200;
	h[0].name = "X-Evil";
	h[0].value = "a\r\nSet-Cookie: x";
	r.headers = h;
	r.nheaders = 1;
	tap_ok(http_response_write(&b, &r) == -1 && b.len == 0,
	    "CRLF in a field value refused (no header injection)");
	h[0].name = "Bad Name";
	h[0].value = "v";
	tap_ok(http_response_write(&b, &r) == -1, "field name must be a token");
	h[0].name = "content-length";
	h[0].value = "1";
	tap_ok(http_response_write(&b, &r) == -1,
	    "fields the helper writes itself refused as extras");
	r.nheaders = 0;
	r.status = 600;
	tap_ok(http_response_write(&b, &r) == -1, "status 600 refused");

	http_buf_reset(&b);
	http_chunk(&b, "hello", 5);
	http_chunk(&b, "", 0);
	http_chunk(&b, "0123456789abcdefg", 17);
	http_chunk_end(&b);
	tap_ok(strcmp(b.data, "5\r\nhello\r\n11\r\n0123456789abcdefg\r\n"
	    "0\r\n\r\n") == 0, "chunk encoding; empty chunk skipped");

	tap_ok(http_date(0, date, sizeof(date)) == 0 &&
	    strcmp(date, "Thu, 01 Jan 1970 00:00:00 GMT") == 0 &&
	    http_date(0, date, 29) == -1, "IMF-fixdate");
	tap_ok(strcmp(http_reason(404), "Not Found") == 0 &&
	    strcmp(http_reason(413), "Content Too Large") == 0 &&
	    strcmp(http_reason(299), "Unknown") == 0 &&
	    strcmp(http_error_code(414), "uri_too_long") == 0 &&
	    strcmp(http_error_code(498), "client_error") == 0 &&
	    strcmp(http_reason(499), "Client Closed Request") == 0,
	    "reason phrases and error codes");
	http_buf_free(&b);

	http_buf_fixed(&b, fixed, sizeof(fixed));
	rc = http_buf_addstr(&b, "0123456789");
	tap_ok(rc == 0 && http_buf_addstr(&b, "0123456789012345678901234567890")
	    == -1 && b.err && b.len == 10 && strcmp(fixed, "0123456789") == 0 &&
	    http_buf_addstr(&b, "x") == -1,
	    "fixed buffer: overflow refused, contents kept, error sticks");
	http_buf_reset(&b);
	tap_ok(http_buf_printf(&b, "%d-%s", 42, "x") == 0 &&
	    strcmp(fixed, "42-x") == 0, "fixed buffer reusable after reset");
}

static void
test_sse(void)
{
	struct http_buf	 b;

	http_buf_init(&b, 0);
	http_sse_event(&b, "delta", NULL, "{\"t\":1}", 7);
	tap_ok(strcmp(b.data, "event: delta\ndata: {\"t\":1}\n\n") == 0,
	    "SSE event");
	http_buf_reset(&b);
	http_sse_event(&b, NULL, "42", "a\nb\r\nc\rd\n", 9);
	tap_ok(strcmp(b.data, "id: 42\ndata: a\ndata: b\ndata: c\ndata: d\n"
	    "data: \n\n") == 0, "SSE multi-line data: LF, CRLF and CR split");
	http_buf_reset(&b);
	http_sse_event(&b, "done", NULL, NULL, 0);
	tap_ok(strcmp(b.data, "event: done\ndata: \n\n") == 0,
	    "SSE event with empty data");
	http_buf_reset(&b);
	tap_ok(http_sse_event(&b, "a\nevent: b", NULL, "x", 1) == -1 &&
	    http_sse_event(&b, NULL, "1\r", "x", 1) == -1 && b.len == 0,
	    "SSE event name or id with a line break refused");
	http_sse_comment(&b, "keep-alive");
	tap_ok(strcmp(b.data, ": keep-alive\n\n") == 0, "SSE comment");
	http_buf_free(&b);
}

static void
test_methods(void)
{
	struct http_parser	*p;
	const char		*r;
	int			 rc;

	r = "HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n";
	p = feed_all(r, strlen(r), NULL, &rc);
	tap_ok(rc == HTTP_DONE && http_method(p) == HTTP_METHOD_HEAD,
	    "HEAD");
	http_reset(p);
	rc = http_feed(p, "PATCH /p HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length: 1\r\n\r\nz", 50);
	tap_ok(rc == HTTP_DONE && http_method(p) == HTTP_METHOD_PATCH &&
	    strcmp(http_path(p), "/p") == 0,
	    "parser reused after reset; PATCH with a body");
	http_parser_free(p);
}

/*
 * http_request_path(): the path as soon as the request line is in, so
 * that an error found later in the head is counted under its route.
 */
static void
test_request_path(void)
{
	struct http_parser	*p;
	struct http_limits	 lim;
	const char		*r;
	int			 rc;

	p = http_parser_new(NULL);
	rc = http_feed(p, "POST /v1/ex", 11);
	tap_ok(rc == HTTP_NEED_MORE && http_request_path(p) == NULL,
	    "request path: NULL before the request line is in");
	r = "ec HTTP/1.1\r\nHost: h\r\n";
	rc = http_feed(p, r, strlen(r));
	tap_ok(rc == HTTP_NEED_MORE && http_path(p) == NULL &&
	    http_request_path(p) != NULL &&
	    strcmp(http_request_path(p), "/v1/exec") == 0,
	    "request path: there with the request line, before the head");
	rc = http_feed(p, "\r\n", 2);
	tap_ok(rc == HTTP_ERROR && http_status(p) == 411 &&
	    http_path(p) == NULL && http_request_path(p) != NULL &&
	    strcmp(http_request_path(p), "/v1/exec") == 0,
	    "request path: kept after a 411 (http_path() is NULL)");
	http_reset(p);
	tap_ok(http_request_path(p) == NULL, "request path: gone on reset");
	http_parser_free(p);

	memset(&lim, 0, sizeof(lim));
	lim.max_body = 4;
	p = http_parser_new(&lim);
	r = "POST http://h/v1/tools/x/call?q=1 HTTP/1.1\r\nHost: h\r\n"
	    "Content-Length: 5\r\n\r\n";
	rc = http_feed(p, r, strlen(r));
	tap_ok(rc == HTTP_ERROR && http_status(p) == 413 &&
	    http_request_path(p) != NULL &&
	    strcmp(http_request_path(p), "/v1/tools/x/call") == 0,
	    "request path: absolute-form, without the query, after a 413");
	http_parser_free(p);

	p = http_parser_new(NULL);
	r = "GET /v1/health HTTP/3.0\r\n";
	rc = http_feed(p, r, strlen(r));
	tap_ok(rc == HTTP_ERROR && http_status(p) == 505 &&
	    http_request_path(p) == NULL,
	    "request path: NULL when the request line is refused");
	http_parser_free(p);
}

int
main(void)
{
	test_basics();
	test_splits();
	test_head_event();
	test_pipelining();
	test_keepalive();
	test_limits();
	test_rejections();
	test_targets();
	test_framing();
	test_query();
	test_json();
	test_response();
	test_sse();
	test_methods();
	test_request_path();
	return tap_done();
}
