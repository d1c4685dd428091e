/*
 * lib/sha1, lib/utf8, lib/ws: SHA-1 vectors, the handshake, client frame
 * parsing (masking, lengths, fragmentation, control frames, close codes,
 * UTF-8), and server frame encoding.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "sha1.h"
#include "utf8.h"
#include "ws.h"
#include "../tap.h"

static const unsigned char test_mask[4] = { 0x37, 0xfa, 0x21, 0x3d };

static void
hex(const unsigned char *md, char *out)
{
	int	 i;

	for (i = 0; i < SHA1_DIGEST_LENGTH; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void
test_sha1(void)
{
	struct sha1_ctx	 ctx;
	unsigned char	 md[SHA1_DIGEST_LENGTH];
	char		 h[41], *a;
	size_t		 i, n;
	const char	*m448 =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	const char	*m896 =
	    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	sha1("abc", 3, md);
	hex(md, h);
	tap_ok(strcmp(h, "a9993e364706816aba3e25717850c26c9cd0d89d") == 0,
	    "SHA-1 \"abc\"");
	sha1("", 0, md);
	hex(md, h);
	tap_ok(strcmp(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709") == 0,
	    "SHA-1 empty message");
	sha1(m448, strlen(m448), md);
	hex(md, h);
	tap_ok(strcmp(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1") == 0,
	    "SHA-1 448-bit message");
	sha1(m896, strlen(m896), md);
	hex(md, h);
	tap_ok(strcmp(h, "a49b2446a02c645bf419f995b67091253a04a259") == 0,
	    "SHA-1 896-bit message");
	if ((a = malloc(1000000)) == NULL)
		abort();
	memset(a, 'a', 1000000);
	sha1(a, 1000000, md);
	hex(md, h);
	tap_ok(strcmp(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f") == 0,
	    "SHA-1 one million 'a'");
	/* Same million in uneven pieces, across block boundaries. */
	sha1_init(&ctx);
	for (i = 0, n = 1; i < 1000000; i += n, n = n % 131 + 7) {
		if (n > 1000000 - i)
			n = 1000000 - i;
		sha1_update(&ctx, a + i, n);
	}
	sha1_final(&ctx, md);
	hex(md, h);
	tap_ok(strcmp(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f") == 0,
	    "SHA-1 one million 'a' in uneven updates");
	free(a);
	sha1(m448, 55, md);		/* padding exactly fits one block */
	sha1_init(&ctx);
	sha1_update(&ctx, m448, 55);
	sha1_final(&ctx, (unsigned char *)h);
	tap_ok(memcmp(md, h, SHA1_DIGEST_LENGTH) == 0,
	    "SHA-1 55- and 56-byte padding edge");
}

static void
test_utf8(void)
{
	struct utf8_state	 st;

	tap_ok(utf8_valid("", 0) && utf8_valid("abc", 3) &&
	    utf8_valid("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9) &&
	    utf8_valid("\xf4\x8f\xbf\xbf", 4) && utf8_valid("\xed\x9f\xbf", 3),
	    "UTF-8: valid sequences up to U+10FFFF");
	tap_ok(!utf8_valid("\xc0\xaf", 2) && !utf8_valid("\xe0\x80\xaf", 3) &&
	    !utf8_valid("\xf0\x80\x80\xaf", 4) &&
	    !utf8_valid("\xed\xa0\x80", 3) &&
	    !utf8_valid("\xf4\x90\x80\x80", 4) &&
	    !utf8_valid("\xf5\x80\x80\x80", 4) && !utf8_valid("\x80", 1) &&
	    !utf8_valid("\xc3", 1) && !utf8_valid("\xff", 1),
	    "UTF-8: overlong, surrogate, above U+10FFFF, stray, truncated");
	utf8_init(&st);
	tap_ok(utf8_feed(&st, "\xf0\x9f", 2) == 0 && !utf8_complete(&st) &&
	    utf8_feed(&st, "\x98", 1) == 0 && utf8_feed(&st, "\x80", 1) == 0 &&
	    utf8_complete(&st), "UTF-8: incremental across pieces");
	utf8_init(&st);
	tap_ok(utf8_feed(&st, "\xe0", 1) == 0 && utf8_feed(&st, "\x9f", 1) ==
	    -1 && utf8_feed(&st, "a", 1) == -1,
	    "UTF-8: incremental overlong caught at its second byte; sticks");
	tap_ok(utf8_seqlen("\xe2\x82\xac!", 4) == 3 &&
	    utf8_seqlen("\xe2\x82", 2) == 0 && utf8_seqlen("a", 1) == 1,
	    "UTF-8: sequence length");
	{
		size_t	 n = 99;
		char	*f = utf8_sanitize("a\xff\xe2\x82\xac\xe2\x82", 7, &n);

		tap_ok(f != NULL && n == 13 && memcmp(f, "a\xef\xbf\xbd"
		    "\xe2\x82\xac\xef\xbf\xbd\xef\xbf\xbd", 14) == 0 &&
		    utf8_valid(f, n), "UTF-8: sanitize replaces each bad byte "
		    "with U+FFFD, keeps the good");
		free(f);
		f = utf8_sanitize("", 0, &n);
		tap_ok(f != NULL && n == 0 && f[0] == '\0',
		    "UTF-8: sanitize of nothing");
		free(f);
	}
	{
		/* each length's first and last code point, encoded, is
		   valid and one sequence of that length */
		static const uint32_t cps[] = { 0, 0x7f, 0x80, 0x7ff, 0x800,
		    0xffff, 0x10000, 0x10ffff };
		unsigned char u[4];
		size_t i, n;
		int good = 1;

		for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
			n = utf8_encode(cps[i], u);
			if (n != i / 2 + 1 || (cps[i] > 0 && (!utf8_valid(u, n) ||
			    utf8_seqlen(u, n) != n)))
				good = 0;
		}
		n = utf8_encode(0x20ac, u);
		tap_ok(good && n == 3 && memcmp(u, "\xe2\x82\xac", 3) == 0,
		    "UTF-8: encode, each length");
	}
}

static struct http_parser *
parse_req(const char *req)
{
	struct http_parser	*p;

	if ((p = http_parser_new(NULL)) == NULL)
		abort();
	if (http_feed(p, req, strlen(req)) != HTTP_DONE)
		TAP_DIAG("request not parsed: %s", http_errstr(p));
	return p;
}

static int
check_req(const char *req, const char **why)
{
	struct http_parser	*p;
	char			 acc[WS_ACCEPT_LEN + 1];
	int			 st;

	p = parse_req(req);
	st = ws_handshake_check(p, acc, sizeof(acc), why);
	http_parser_free(p);
	return st;
}

#define UPG_HEAD	"GET /ws HTTP/1.1\r\nHost: h\r\n"
#define UPG_UC		"Upgrade: websocket\r\nConnection: Upgrade\r\n"
#define UPG_OK		UPG_UC "Sec-WebSocket-Version: 13\r\n" \
			"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"

static void
test_handshake(void)
{
	struct http_parser	*p;
	struct http_buf		 b;
	char			 acc[WS_ACCEPT_LEN + 1];
	const char		*why;
	int			 st;

	tap_ok(ws_accept_key("dGhlIHNhbXBsZSBub25jZQ==", 24, acc,
	    sizeof(acc)) == 0 && strcmp(acc, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") ==
	    0, "Sec-WebSocket-Accept of the RFC 6455 example key");
	tap_ok(ws_accept_key("x", 1, acc, WS_ACCEPT_LEN) == -1,
	    "accept buffer too small refused");

	p = parse_req(UPG_HEAD UPG_OK "\r\n");
	st = ws_handshake_check(p, acc, sizeof(acc), &why);
	tap_ok(ws_is_upgrade(p) && st == 0 &&
	    strcmp(acc, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") == 0,
	    "valid upgrade request accepted");
	http_parser_free(p);
	http_buf_init(&b, 0);
	tap_ok(ws_handshake_response(&b, acc, NULL) == 0 &&
	    strcmp(b.data, "HTTP/1.1 101 Switching Protocols\r\n"
	    "Connection: Upgrade\r\nUpgrade: websocket\r\n"
	    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n") == 0,
	    "101 response");
	http_buf_reset(&b);
	tap_ok(ws_handshake_refuse(&b, 426, "unsupported WebSocket version") ==
	    0 && strncmp(b.data, "HTTP/1.1 426 Upgrade Required\r\n", 31) ==
	    0 && strstr(b.data, "Sec-WebSocket-Version: 13\r\n") != NULL &&
	    strstr(b.data, "Connection: close\r\n") != NULL,
	    "426 response names version 13");
	http_buf_free(&b);

	tap_ok(check_req(UPG_HEAD "Upgrade: WebSocket\r\n"
	    "Connection: keep-alive, upgrade\r\nSec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", &why) == 0,
	    "tokens matched case-insensitively within lists");
	tap_ok(check_req("POST /ws HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n"
	    UPG_OK "\r\n", &why) == 405, "upgrade with POST refused (405)");
	tap_ok(check_req("GET /ws HTTP/1.0\r\n" UPG_OK "\r\n", &why) == 400,
	    "upgrade over HTTP/1.0 refused");
	tap_ok(check_req(UPG_HEAD "Connection: Upgrade\r\n"
	    "Sec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", &why) == 400,
	    "missing Upgrade refused");
	tap_ok(check_req(UPG_HEAD "Upgrade: websocket\r\n"
	    "Connection: keep-alive\r\nSec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", &why) == 400,
	    "Connection without Upgrade refused");
	tap_ok(check_req(UPG_HEAD UPG_UC
	    "Sec-WebSocket-Version: 8\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", &why) == 426,
	    "version 8 refused with 426");
	tap_ok(check_req(UPG_HEAD UPG_UC
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", &why) == 400,
	    "missing version refused");
	tap_ok(check_req(UPG_HEAD UPG_UC
	    "Sec-WebSocket-Version: 13\r\n\r\n", &why) == 400,
	    "missing key refused");
	tap_ok(check_req(UPG_HEAD UPG_UC
	    "Sec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ\r\n\r\n", &why) == 400,
	    "key without padding refused");
	tap_ok(check_req(UPG_HEAD UPG_UC
	    "Sec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ!=\r\n\r\n", &why) == 400,
	    "key with a non-base64 character refused");
	tap_ok(check_req(UPG_HEAD UPG_UC
	    "Sec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: YWJjZGVmZ2hpamtsbW5vcHE=\r\n\r\n", &why) == 400,
	    "key of 17 bytes refused");
	tap_ok(check_req(UPG_HEAD UPG_OK
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", &why) == 400,
	    "two keys refused");
	tap_ok(check_req(UPG_HEAD UPG_OK "Content-Length: 1\r\n\r\nx", &why) ==
	    400, "upgrade request with a body refused");
}

/* A client frame: masked with test_mask unless masked is 0. */
static size_t
mkframe(unsigned char *out, int fin, int op, const void *data, size_t len,
    int masked)
{
	const unsigned char	*d = data;
	size_t			 o = 0, i;

	out[o++] = (unsigned char)((fin ? 0x80 : 0) | op);
	if (len < 126)
		out[o++] = (unsigned char)((masked ? 0x80 : 0) | len);
	else if (len <= 0xffff) {
		out[o++] = (masked ? 0x80 : 0) | 126;
		out[o++] = (unsigned char)(len >> 8);
		out[o++] = (unsigned char)len;
	} else {
		out[o++] = (masked ? 0x80 : 0) | 127;
		for (i = 0; i < 8; i++)
			out[o++] = (unsigned char)((unsigned long long)len >>
			    (56 - 8 * i));
	}
	if (masked) {
		memcpy(out + o, test_mask, 4);
		o += 4;
	}
	for (i = 0; i < len; i++)
		out[o + i] = masked ? d[i] ^ test_mask[i & 3] : d[i];
	return o + len;
}

/*
 * Run a byte stream through a parser fed in pieces of at most step
 * bytes (0: all at once) and describe every event in out.
 */
static void
run(const unsigned char *s, size_t len, size_t step, size_t maxmsg,
    char *out, size_t outsz)
{
	struct ws_parser	*p;
	struct ws_event		 ev;
	struct http_buf		 b;
	size_t			 off = 0, n, used, end, i;
	unsigned int		 sum;
	int			 rc;

	if ((p = ws_parser_new(maxmsg)) == NULL)
		abort();
	http_buf_fixed(&b, out, outsz);
	while (off < len) {
		end = step == 0 || len - off < step ? len : off + step;
		n = end - off;
		for (;;) {
			rc = ws_parse(p, s + off, n, &used, &ev);
			off += used;
			n -= used;
			if (rc == WS_NEED_MORE)
				break;
			for (sum = 0, i = 0; i < ev.len; i++)
				sum = sum * 31 + ev.data[i];
			http_buf_printf(&b, "%d:%d:%zu:%08x;", rc, ev.code,
			    ev.len, sum);
			if (rc == WS_ERROR)
				goto done;
		}
		if (n != 0)
			break;
	}
 done:
	ws_parser_free(p);
}

/* Feed everything; the first event (not NEED_MORE) is returned. */
static int
one(const unsigned char *s, size_t len, size_t maxmsg, struct ws_event *ev,
    unsigned char *copy)
{
	struct ws_parser	*p;
	size_t			 used;
	int			 rc;

	if ((p = ws_parser_new(maxmsg)) == NULL)
		abort();
	rc = ws_parse(p, s, len, &used, ev);
	if (copy != NULL && ev->data != NULL)
		memcpy(copy, ev->data, ev->len);
	ws_parser_free(p);
	ev->data = NULL;
	return rc;
}

static void
test_frames(void)
{
	/* RFC 6455 5.7: a masked "Hello". */
	static const unsigned char hello[] = { 0x81, 0x85, 0x37, 0xfa, 0x21,
	    0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58 };
	static const size_t lens[] = { 0, 125, 126, 65535, 65536 };
	unsigned char		*f, *data, copy[128];
	struct ws_event		 ev;
	struct ws_parser	*p;
	size_t			 n, i, used;
	int			 rc, ok;
	char			 a[256], b[256];

	rc = one(hello, sizeof(hello), 0, &ev, copy);
	tap_ok(rc == WS_TEXT && ev.len == 5 && memcmp(copy, "Hello", 5) == 0,
	    "masked text frame from RFC 6455");
	tap_ok(one((const unsigned char *)"\x81\x05Hello", 7, 0, &ev, NULL) ==
	    WS_ERROR && ev.code == WS_CLOSE_PROTOCOL,
	    "unmasked client frame -> 1002");

	if ((f = malloc(70000)) == NULL || (data = malloc(65536)) == NULL)
		abort();
	for (i = 0; i < 65536; i++)
		data[i] = (unsigned char)(i * 7);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		n = mkframe(f, 1, WS_OP_BINARY, data, lens[i], 1);
		if ((p = ws_parser_new(0)) == NULL)
			abort();
		rc = ws_parse(p, f, n, &used, &ev);
		ok = rc == WS_BINARY && used == n && ev.len == lens[i] &&
		    memcmp(ev.data, data, lens[i]) == 0;
		ws_parser_free(p);
		tap_ok(ok, "binary frame of %zu bytes (header %zu)", lens[i],
		    n - lens[i]);
	}
	/* 65536 again, byte by byte. */
	n = mkframe(f, 1, WS_OP_BINARY, data, 65536, 1);
	run(f, n, 0, 0, a, sizeof(a));
	run(f, n, 1, 0, b, sizeof(b));
	tap_ok(strcmp(a, b) == 0 && strncmp(a, "2:0:65536:", 10) == 0,
	    "65536-byte frame fed byte by byte");

	n = mkframe(f, 1, WS_OP_BINARY, data, 65536, 1);
	tap_ok(one(f, 14, 65535, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_TOO_BIG,
	    "frame over max_message -> 1009 from its header alone");
	n = mkframe(f, 0, WS_OP_TEXT, "aaaa", 4, 1);
	n += mkframe(f + n, 0, WS_OP_CONT, "bbbb", 4, 1);
	n += mkframe(f + n, 1, WS_OP_CONT, "cc", 2, 1);
	run(f, n, 0, 9, a, sizeof(a));
	tap_ok(strncmp(a, "-1:1009:", 8) == 0,
	    "fragments adding up over max_message -> 1009");
	run(f, n, 0, 0, a, sizeof(a));
	tap_ok(strncmp(a, "1:0:10:", 7) == 0, "fragments reassembled");

	/* Non-minimal and oversized lengths. */
	memcpy(f, "\x82\xfe\x00\x7d", 4);
	tap_ok(one(f, 8, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_PROTOCOL, "16-bit length below 126 -> 1002");
	memcpy(f, "\x82\xff\x00\x00\x00\x00\x00\x00\xff\xff", 10);
	tap_ok(one(f, 14, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_PROTOCOL, "64-bit length below 65536 -> 1002");
	memcpy(f, "\x82\xff\x80\x00\x00\x00\x00\x00\x00\x00", 10);
	tap_ok(one(f, 14, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_PROTOCOL, "64-bit length with MSB -> 1002");
	memcpy(f, "\x82\xff\x7f\xff\xff\xff\xff\xff\xff\xff", 10);
	tap_ok(one(f, 14, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_TOO_BIG, "2^63-1 length -> 1009");

	tap_ok(one((const unsigned char *)"\xc1\x80", 2, 0, &ev, NULL) ==
	    WS_ERROR && ev.code == WS_CLOSE_PROTOCOL &&
	    one((const unsigned char *)"\x91\x80", 2, 0, &ev, NULL) ==
	    WS_ERROR && one((const unsigned char *)"\xa1\x80", 2, 0, &ev,
	    NULL) == WS_ERROR, "RSV1, RSV2, RSV3 -> 1002");
	tap_ok(one((const unsigned char *)"\x83\x80", 2, 0, &ev, NULL) ==
	    WS_ERROR && ev.code == WS_CLOSE_PROTOCOL &&
	    one((const unsigned char *)"\x8b\x80", 2, 0, &ev, NULL) ==
	    WS_ERROR, "reserved opcodes -> 1002");
	free(f);
	free(data);
}

static void
test_control(void)
{
	unsigned char	 f[512], big[200], copy[128];
	struct ws_event	 ev;
	size_t		 n;
	char		 a[256];

	memset(big, 'p', sizeof(big));
	n = mkframe(f, 1, WS_OP_PING, big, 125, 1);
	tap_ok(one(f, n, 0, &ev, copy) == WS_PING && ev.len == 125 &&
	    copy[124] == 'p', "ping of 125 bytes");
	n = mkframe(f, 1, WS_OP_PING, big, 126, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_PROTOCOL, "ping of 126 bytes -> 1002");
	n = mkframe(f, 0, WS_OP_PING, "x", 1, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_PROTOCOL, "fragmented ping -> 1002");
	n = mkframe(f, 1, WS_OP_PONG, "pp", 2, 1);
	tap_ok(one(f, n, 0, &ev, copy) == WS_PONG && ev.len == 2,
	    "pong delivered");

	/* Ping between fragments is delivered first, then the message. */
	n = mkframe(f, 0, WS_OP_TEXT, "Hel", 3, 1);
	n += mkframe(f + n, 1, WS_OP_PING, "hb", 2, 1);
	n += mkframe(f + n, 1, WS_OP_CONT, "lo", 2, 1);
	run(f, n, 0, 0, a, sizeof(a));
	tap_ok(strncmp(a, "4:0:2:", 6) == 0 && strstr(a, ";1:0:5:") != NULL,
	    "control frame between fragments: ping, then the message");
	n = mkframe(f, 1, WS_OP_CONT, "x", 1, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_PROTOCOL, "continuation without a message");
	n = mkframe(f, 0, WS_OP_TEXT, "a", 1, 1);
	n += mkframe(f + n, 1, WS_OP_BINARY, "b", 1, 1);
	run(f, n, 0, 0, a, sizeof(a));
	tap_ok(strncmp(a, "-1:1002:", 8) == 0,
	    "new message inside a fragmented one -> 1002");
}

static int
close_code(const char *body, size_t len, struct ws_event *ev)
{
	unsigned char	 f[200];
	size_t		 n;

	n = mkframe(f, 1, WS_OP_CLOSE, body, len, 1);
	return one(f, n, 0, ev, NULL);
}

static void
test_close(void)
{
	struct ws_parser	*p;
	struct ws_event		 ev;
	unsigned char		 f[64];
	size_t			 n, used;
	int			 rc, ok = 1;
	static const int	 good[] = { 1000, 1001, 1002, 1003, 1007, 1008,
	    1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 };
	static const int	 bad[] = { 0, 999, 1004, 1005, 1006, 1015,
	    1016, 1100, 2000, 2999, 5000, 65535 };
	char			 body[2];
	size_t			 i;

	tap_ok(close_code("", 0, &ev) == WS_CLOSE &&
	    ev.code == WS_CLOSE_NO_STATUS && ev.len == 0,
	    "empty close frame reports 1005");
	tap_ok(close_code("\x03", 1, &ev) == WS_ERROR &&
	    ev.code == WS_CLOSE_PROTOCOL, "close frame of one byte -> 1002");
	rc = close_code("\x03\xe8" "bye", 5, &ev);
	tap_ok(rc == WS_CLOSE && ev.code == 1000 && ev.len == 3,
	    "close with code 1000 and a reason");
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		body[0] = (char)(good[i] >> 8);
		body[1] = (char)good[i];
		if (close_code(body, 2, &ev) != WS_CLOSE ||
		    ev.code != good[i]) {
			TAP_DIAG("close code %d refused", good[i]);
			ok = 0;
		}
	}
	tap_ok(ok, "valid close codes accepted");
	ok = 1;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		body[0] = (char)(bad[i] >> 8);
		body[1] = (char)bad[i];
		if (close_code(body, 2, &ev) != WS_ERROR ||
		    ev.code != WS_CLOSE_PROTOCOL) {
			TAP_DIAG("close code %d accepted", bad[i]);
			ok = 0;
		}
	}
	tap_ok(ok, "invalid close codes -> 1002");
	tap_ok(close_code("\x03\xe8\xc3", 3, &ev) == WS_ERROR &&
	    ev.code == WS_CLOSE_BAD_DATA, "close reason not UTF-8 -> 1007");

	if ((p = ws_parser_new(0)) == NULL)
		abort();
	n = mkframe(f, 1, WS_OP_CLOSE, "\x03\xe8", 2, 1);
	n += mkframe(f + n, 1, WS_OP_TEXT, "late", 4, 1);
	rc = ws_parse(p, f, n, &used, &ev);
	ok = rc == WS_CLOSE && used == 8;
	rc = ws_parse(p, f + used, n - used, &used, &ev);
	tap_ok(ok && rc == WS_NEED_MORE && used == 10,
	    "bytes after a close frame are ignored");
	ws_parser_free(p);
}

static void
test_text_utf8(void)
{
	unsigned char	 f[256];
	struct ws_event	 ev;
	size_t		 n;
	char		 a[256];

	n = mkframe(f, 1, WS_OP_TEXT, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc"
	    "\xce\xb5", 11, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_TEXT && ev.len == 11,
	    "UTF-8 text accepted");
	n = mkframe(f, 1, WS_OP_TEXT, "a\xff", 2, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_BAD_DATA, "invalid UTF-8 text -> 1007");
	n = mkframe(f, 1, WS_OP_TEXT, "\xc0\xaf", 2, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_BAD_DATA, "overlong text -> 1007");
	n = mkframe(f, 1, WS_OP_TEXT, "\xed\xa0\x80", 3, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_BAD_DATA, "surrogate in text -> 1007");
	n = mkframe(f, 1, WS_OP_BINARY, "a\xff", 2, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_BINARY,
	    "binary frames are not checked as UTF-8");

	/* U+20AC split across three fragments. */
	n = mkframe(f, 0, WS_OP_TEXT, "\xe2", 1, 1);
	n += mkframe(f + n, 0, WS_OP_CONT, "\x82", 1, 1);
	n += mkframe(f + n, 1, WS_OP_CONT, "\xac", 1, 1);
	run(f, n, 0, 0, a, sizeof(a));
	tap_ok(strncmp(a, "1:0:3:", 6) == 0,
	    "character split across fragments accepted");
	/* Message ends inside a character. */
	n = mkframe(f, 0, WS_OP_TEXT, "ok", 2, 1);
	n += mkframe(f + n, 1, WS_OP_CONT, "\xe2\x82", 2, 1);
	run(f, n, 0, 0, a, sizeof(a));
	tap_ok(strncmp(a, "-1:1007:", 8) == 0,
	    "text ending inside a character -> 1007");
	/* Fails fast: the first fragment is refused before FIN arrives. */
	n = mkframe(f, 0, WS_OP_TEXT, "\xf8zz", 3, 1);
	tap_ok(one(f, n, 0, &ev, NULL) == WS_ERROR &&
	    ev.code == WS_CLOSE_BAD_DATA,
	    "invalid text refused in its first fragment");
}

static void
test_splits(void)
{
	unsigned char	 f[512];
	size_t		 n, i, j;
	char		 want[512], got[512];
	int		 bad = 0;
	struct ws_parser *p;
	struct ws_event	 ev;
	size_t		 used, off;
	int		 rc;

	n = mkframe(f, 0, WS_OP_TEXT, "caf\xc3", 4, 1);
	n += mkframe(f + n, 1, WS_OP_PING, "", 0, 1);
	n += mkframe(f + n, 1, WS_OP_CONT, "\xa9!", 2, 1);
	n += mkframe(f + n, 1, WS_OP_BINARY, "", 0, 1);
	n += mkframe(f + n, 1, WS_OP_TEXT, "x", 1, 1);
	n += mkframe(f + n, 1, WS_OP_CLOSE, "\x03\xe8ok", 4, 1);
	run(f, n, 0, 0, want, sizeof(want));
	for (i = 1; i <= n; i++) {
		run(f, n, i, 0, got, sizeof(got));
		if (strcmp(got, want) != 0 && bad++ == 0)
			TAP_DIAG("step %zu: %s vs %s", i, got, want);
	}
	tap_ok(bad == 0 && strncmp(want, "4:0:0:00000000;1:0:6:", 21) == 0,
	    "same events for every piece size (%s)", want);

	/* Every two-piece split of the same stream. */
	for (j = 1; j < n; j++) {
		if ((p = ws_parser_new(0)) == NULL)
			abort();
		got[0] = '\0';
		off = 0;
		for (i = 0; i < 2; i++) {
			size_t end = i == 0 ? j : n;

			while ((rc = ws_parse(p, f + off, end - off, &used,
			    &ev)) != WS_NEED_MORE) {
				off += used;
				snprintf(got + strlen(got),
				    sizeof(got) - strlen(got), "%d,", rc);
				if (rc == WS_ERROR)
					break;
			}
			off += used;
		}
		if (strcmp(got, "4,1,2,1,3,") != 0 && bad++ == 0)
			TAP_DIAG("split %zu: %s", j, got);
		ws_parser_free(p);
	}
	tap_ok(bad == 0, "every two-piece split gives ping, text, binary, "
	    "text, close");
}

static void
test_encoder(void)
{
	struct http_buf	 b;
	unsigned char	*big;
	char		 reason[200];
	int		 ok;

	http_buf_init(&b, 0);
	tap_ok(ws_text(&b, "Hello", 5) == 0 && b.len == 7 &&
	    memcmp(b.data, "\x81\x05Hello", 7) == 0, "server text frame");
	http_buf_reset(&b);
	if ((big = calloc(1, 65536)) == NULL)
		abort();
	ws_binary(&b, big, 126);
	ok = b.len == 130 && memcmp(b.data, "\x82\x7e\x00\x7e", 4) == 0;
	http_buf_reset(&b);
	ws_binary(&b, big, 65535);
	ok = ok && b.len == 65539 && memcmp(b.data, "\x82\x7e\xff\xff", 4) == 0;
	http_buf_reset(&b);
	ws_binary(&b, big, 65536);
	ok = ok && b.len == 65546 &&
	    memcmp(b.data, "\x82\x7f\0\0\0\0\0\x01\0\0", 10) == 0;
	tap_ok(ok, "server frames with 16- and 64-bit lengths, unmasked");
	free(big);
	http_buf_reset(&b);
	tap_ok(ws_pong(&b, "abc", 3) == 0 &&
	    memcmp(b.data, "\x8a\x03" "abc", 5) == 0 &&
	    ws_ping(&b, reason, 126) == -1 && errno == EINVAL,
	    "pong echo; control payload over 125 refused");
	http_buf_reset(&b);
	tap_ok(ws_close(&b, 1000, "bye") == 0 &&
	    memcmp(b.data, "\x88\x05\x03\xe8" "bye", 7) == 0,
	    "close frame with code and reason");
	http_buf_reset(&b);
	tap_ok(ws_close(&b, 0, NULL) == 0 && b.len == 2 &&
	    memcmp(b.data, "\x88\x00", 2) == 0 &&
	    ws_close(&b, 1005, NULL) == -1 && ws_close(&b, 1006, "") == -1 &&
	    ws_close(&b, 1000, "\xff") == -1,
	    "empty close; 1005, 1006 and bad reasons refused");
	http_buf_reset(&b);
	/* 122 ASCII bytes then a 2-byte character: it must not be split. */
	memset(reason, 'r', 122);
	memcpy(reason + 122, "\xc3\xa9", 3);
	tap_ok(ws_close(&b, 1001, reason) == 0 && b.len == 2 + 2 + 122 &&
	    (unsigned char)b.data[1] == 124,
	    "close reason cut at a character boundary to fit 125 bytes");
	http_buf_reset(&b);
	tap_ok(ws_text(&b, "\xc3", 1) == -1 &&
	    ws_frame(&b, WS_OP_PING, 0, "", 0) == -1 &&
	    ws_frame(&b, 3, 1, "", 0) == -1 && b.len == 0,
	    "invalid text, fragmented control and bad opcode refused");
	http_buf_reset(&b);
	tap_ok(ws_frame_head(&b, WS_OP_TEXT, 1, 5) == 0 && b.len == 2 &&
	    memcmp(b.data, "\x81\x05", 2) == 0 &&
	    ws_frame_head(&b, WS_OP_TEXT, 1, 18000385) == 0 && b.len == 12 &&
	    memcmp(b.data + 2, "\x81\x7f\0\0\0\0\x01\x12\xaa\x01", 10) == 0 &&
	    ws_frame_head(&b, WS_OP_PING, 1, 126) == -1 && b.len == 12,
	    "a frame's head alone, for a payload sent apart");
	http_buf_free(&b);
}

int
main(void)
{
	test_sha1();
	test_utf8();
	test_handshake();
	test_frames();
	test_control();
	test_close();
	test_text_utf8();
	test_splits();
	test_encoder();
	return tap_done();
}
