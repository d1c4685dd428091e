/*
 * Fuzz lib/http: the same input is parsed once with http_parse() over
 * the whole buffer and once with http_feed() in input-chosen pieces;
 * both must see the same requests and the same error.  Every accessor
 * and helper is run on what was parsed.
 *
 * Input: byte 0 picks the limits, bytes 1..8 seed the piece sizes, the
 * rest is the byte stream.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "ws.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint64_t
mix(uint64_t h, const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t
mixs(uint64_t h, const char *s)
{
	return s == NULL ? mix(h, "\xff", 1) : mix(h, s, strlen(s) + 1);
}

/* Hash what a request parsed to; run the helpers on it. */
static uint64_t
request(struct http_parser *p, uint64_t h, int rc)
{
	struct http_buf	 b;
	const char	*n, *v, *cur;
	const void	*body;
	char		 name[64], val[64], acc[WS_ACCEPT_LEN + 1];
	const char	*why;
	size_t		 i, blen;
	int		 x;

	h = mix(h, &rc, sizeof(rc));
	x = http_status(p);
	h = mix(h, &x, sizeof(x));
	if (rc != HTTP_DONE)
		return h;
	h = mixs(h, http_method_str(p));
	h = mixs(h, http_path(p));
	h = mixs(h, http_query(p));
	x = http_version(p) * 4 + http_keepalive(p) * 2 +
	    http_expect_continue(p);
	h = mix(h, &x, sizeof(x));
	for (i = 0; http_header_at(p, i, &n, &v) == 0; i++) {
		h = mixs(h, n);
		h = mixs(h, v);
	}
	body = http_body(p, &blen);
	h = mix(h, body, blen);

	(void)http_header(p, "host");
	(void)http_header_has_token(p, "connection", "upgrade");
	(void)http_query_param(p, "a", val, sizeof(val));
	cur = http_query(p);
	while (http_query_next(&cur, name, sizeof(name), val, sizeof(val)) == 1)
		;
	cur = http_path(p);
	while (http_path_segment(&cur, name, sizeof(name)) == 1)
		;
	if (ws_is_upgrade(p))
		(void)ws_handshake_check(p, acc, sizeof(acc), &why);

	http_buf_init(&b, 0);
	if (http_json_escape(&b, body, blen) == -1)
		abort();
	if (http_sse_event(&b, "e", "1", body, blen) == -1)
		abort();
	if (http_error_response(&b, 400, http_version(p), HTTP_CONN_CLOSE,
	    NULL, http_path(p)) == -1)
		abort();
	if (http_chunk(&b, body, blen) == -1)
		abort();
	http_buf_free(&b);
	return h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_limits	 lim;
	struct http_parser	*p;
	uint64_t		 seed, h1 = 0, h2 = 0;
	size_t			 off, used, n;
	int			 rc;

	if (size < 9)
		return 0;
	memset(&lim, 0, sizeof(lim));
	if (data[0] & 1) {
		lim.max_line = 64;
		lim.max_headers = 4;
		lim.max_header_bytes = 128;
		lim.max_body = 256;
	}
	memcpy(&seed, data + 1, sizeof(seed));
	seed |= 1;
	data += 9;
	size -= 9;

	/* Reference: http_parse() over the whole buffer. */
	if ((p = http_parser_new(&lim)) == NULL)
		return 0;
	off = 0;
	for (;;) {
		rc = http_parse(p, data + off, size - off, &used);
		off += used;
		if (rc == HTTP_HEAD)
			continue;
		if (rc == HTTP_NEED_MORE)
			break;
		h1 = request(p, h1, rc);
		if (rc == HTTP_ERROR)
			break;
		http_reset(p);
	}
	http_parser_free(p);

	/* http_feed() in pieces of 1..256 bytes. */
	if ((p = http_parser_new(&lim)) == NULL)
		return 0;
	off = 0;
	rc = HTTP_NEED_MORE;
	while (off < size && rc != HTTP_ERROR) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		n = (size_t)(seed % 256) + 1;
		if (n > size - off)
			n = size - off;
		rc = http_feed(p, data + off, n);
		off += n;
		while (rc == HTTP_DONE) {
			h2 = request(p, h2, rc);
			http_reset(p);
			rc = http_feed(p, NULL, 0);
		}
	}
	if (rc == HTTP_ERROR)
		h2 = request(p, h2, rc);
	http_parser_free(p);

	if (h1 != h2)
		abort();
	return 0;
}
