/*
 * Fuzz lib/ws: the same client byte stream is parsed once in one piece
 * and once in input-chosen pieces; both must give the same events.  Every
 * event is answered the way the gateway will (echo text, pong, close),
 * and those encoders must accept what the parser let through.
 *
 * Input: byte 0 picks max_message, bytes 1..8 seed the piece sizes, the
 * rest is the byte stream.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "utf8.h"
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
event(uint64_t h, int rc, const struct ws_event *ev)
{
	struct http_buf	 b;

	h = mix(h, &rc, sizeof(rc));
	h = mix(h, &ev->code, sizeof(ev->code));
	h = mix(h, ev->data, ev->len);
	http_buf_init(&b, 0);
	switch (rc) {
	case WS_TEXT:
		if (!utf8_valid(ev->data, ev->len) ||
		    ws_text(&b, ev->data, ev->len) == -1)
			abort();
		break;
	case WS_BINARY:
		if (ws_binary(&b, ev->data, ev->len) == -1)
			abort();
		break;
	case WS_PING:
		if (ws_pong(&b, ev->data, ev->len) == -1)
			abort();
		break;
	case WS_CLOSE:
		if (ev->code != WS_CLOSE_NO_STATUS &&
		    ws_close(&b, ev->code, NULL) == -1)
			abort();
		break;
	case WS_ERROR:
		if (ws_close(&b, ev->code, ev->reason) == -1)
			abort();
		break;
	}
	http_buf_free(&b);
	return h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ws_parser	*p;
	struct ws_event		 ev;
	uint64_t		 seed, h1 = 0, h2 = 0;
	size_t			 off, used, n, maxmsg;
	int			 rc;

	if (size < 9)
		return 0;
	maxmsg = data[0] & 1 ? 64 : 0;
	memcpy(&seed, data + 1, sizeof(seed));
	seed |= 1;
	data += 9;
	size -= 9;

	if ((p = ws_parser_new(maxmsg)) == NULL)
		return 0;
	off = 0;
	while ((rc = ws_parse(p, data + off, size - off, &used, &ev)) !=
	    WS_NEED_MORE) {
		off += used;
		h1 = event(h1, rc, &ev);
		if (rc == WS_ERROR)
			break;
	}
	ws_parser_free(p);

	if ((p = ws_parser_new(maxmsg)) == NULL)
		return 0;
	off = 0;
	rc = WS_NEED_MORE;
	while (off < size && rc != WS_ERROR) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		n = (size_t)(seed % 64) + 1;
		if (n > size - off)
			n = size - off;
		while (n > 0) {
			rc = ws_parse(p, data + off, n, &used, &ev);
			off += used;
			n -= used;
			if (rc == WS_NEED_MORE)
				break;
			h2 = event(h2, rc, &ev);
			if (rc == WS_ERROR)
				break;
		}
	}
	ws_parser_free(p);

	if (h1 != h2)
		abort();
	return 0;
}
