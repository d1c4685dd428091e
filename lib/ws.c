/*
 * WebSocket server side (RFC 6455): handshake, client frame parser,
 * server frame encoder.  See ws.h for the rules and close codes.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "http.h"
#include "sha1.h"
#include "utf8.h"
#include "ws.h"

enum {
	P_HEADER,
	P_PAYLOAD,
	P_CLOSED,
	P_ERROR
};

#define WS_MAX_HEADER		14	/* 2 + 8 (length) + 4 (mask) */
#define WS_KEEP_BUFFER		65536	/* keep a message buffer this big */

struct ws_parser {
	size_t			 max_message;
	int			 state;

	/* frame being read */
	unsigned char		 hdr[WS_MAX_HEADER];
	size_t			 hdrlen;
	size_t			 hdrneed;
	int			 fin;
	int			 opcode;
	uint64_t		 plen;
	uint64_t		 pdone;
	unsigned char		 mask[4];

	/* message being reassembled */
	int			 msg_op;	/* 0: none open */
	unsigned char		*msg;
	size_t			 msglen;
	size_t			 msgcap;
	struct utf8_state	 utf8;
	int			 delivered;	/* drop msg on the next call */

	unsigned char		 ctl[WS_MAX_CONTROL + 1];

	int			 errcode;
	const char		*errstr;
};

int
ws_close_code_valid(int code)
{
	/* RFC 6455 7.4 and the IANA registry; 1004-1006 and 1015 never. */
	if (code >= 1000 && code <= 1003)
		return 1;
	if (code >= 1007 && code <= 1014)
		return 1;
	return code >= 3000 && code <= 4999;
}

/*
 * Handshake.
 */

int
ws_is_upgrade(const struct http_parser *hp)
{
	return http_header_has_token(hp, "Upgrade", "websocket");
}

static size_t
header_count(const struct http_parser *hp, const char *want,
    const char **last)
{
	const char	*name, *value;
	size_t		 i, n = 0;

	for (i = 0; http_header_at(hp, i, &name, &value) == 0; i++)
		if (strcasecmp(name, want) == 0) {
			*last = value;
			n++;
		}
	return n;
}

int
ws_accept_key(const char *key, size_t keylen, char *out, size_t outsz)
{
	struct sha1_ctx	 ctx;
	unsigned char	 md[SHA1_DIGEST_LENGTH];

	if (outsz < WS_ACCEPT_LEN + 1) {
		errno = ENOBUFS;
		return -1;
	}
	sha1_init(&ctx);
	sha1_update(&ctx, key, keylen);
	sha1_update(&ctx, WS_GUID, sizeof(WS_GUID) - 1);
	sha1_final(&ctx, md);
	sodium_bin2base64(out, outsz, md, sizeof(md),
	    sodium_base64_VARIANT_ORIGINAL);
	return 0;
}

int
ws_handshake_check(const struct http_parser *hp, char *accept,
    size_t acceptsz, const char **why)
{
	const char	*version = NULL, *key = NULL, *end;
	unsigned char	 raw[32];
	size_t		 rawlen;

	*why = NULL;
	if (http_method(hp) != HTTP_METHOD_GET) {
		*why = "WebSocket upgrade needs GET";
		return 405;
	}
	if (http_version(hp) != 11) {
		*why = "WebSocket upgrade needs HTTP/1.1";
		return 400;
	}
	if (!http_header_has_token(hp, "Upgrade", "websocket")) {
		*why = "missing Upgrade: websocket";
		return 400;
	}
	if (!http_header_has_token(hp, "Connection", "upgrade")) {
		*why = "missing Connection: Upgrade";
		return 400;
	}
	if (http_content_length(hp) > 0 || http_chunked(hp)) {
		*why = "body in upgrade request";
		return 400;
	}
	switch (header_count(hp, "Sec-WebSocket-Version", &version)) {
	case 0:
		*why = "missing Sec-WebSocket-Version";
		return 400;
	case 1:
		if (strcmp(version, "13") == 0)
			break;
		/* FALLTHROUGH */
	default:
		*why = "unsupported WebSocket version";
		return 426;
	}
	if (header_count(hp, "Sec-WebSocket-Key", &key) != 1) {
		*why = "need one Sec-WebSocket-Key";
		return 400;
	}
	if (strlen(key) != WS_KEY_LEN ||
	    sodium_base642bin(raw, sizeof(raw), key, WS_KEY_LEN, NULL,
	    &rawlen, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    end != key + WS_KEY_LEN || rawlen != 16) {
		*why = "invalid Sec-WebSocket-Key";
		return 400;
	}
	if (ws_accept_key(key, WS_KEY_LEN, accept, acceptsz) == -1) {
		*why = "accept buffer too small";
		return 500;
	}
	return 0;
}

int
ws_handshake_response(struct http_buf *b, const char *accept,
    const char *protocol)
{
	struct http_response	 r;
	struct http_header	 h[3];

	if (accept == NULL || strlen(accept) != WS_ACCEPT_LEN) {
		errno = EINVAL;
		return -1;
	}
	memset(&r, 0, sizeof(r));
	h[0].name = "Upgrade";
	h[0].value = "websocket";
	h[1].name = "Sec-WebSocket-Accept";
	h[1].value = accept;
	h[2].name = "Sec-WebSocket-Protocol";
	h[2].value = protocol;
	r.status = 101;
	r.conn = HTTP_CONN_UPGRADE;
	r.content_length = HTTP_LENGTH_NONE;
	r.headers = h;
	r.nheaders = protocol != NULL ? 3 : 2;
	return http_response_write(b, &r);
}

int
ws_handshake_refuse(struct http_buf *b, int status, const char *why)
{
	struct http_response	 r;
	struct http_header	 h;
	struct http_buf		 body;
	size_t			 start = b->len;
	int			 rc = -1;

	http_buf_init(&body, 0);
	if (http_json_error(&body, http_error_code(status),
	    why ? why : http_reason(status)) == -1)
		goto done;
	memset(&r, 0, sizeof(r));
	h.name = "Sec-WebSocket-Version";
	h.value = "13";
	r.status = status;
	r.conn = HTTP_CONN_CLOSE;
	r.content_type = "application/json";
	r.content_length = (long long)body.len;
	r.headers = &h;
	r.nheaders = status == 426 ? 1 : 0;
	if (http_response_write(b, &r) == -1)
		goto done;
	if (http_buf_add(b, body.data, body.len) == -1) {
		b->len = start;
		b->data[start] = '\0';
		goto done;
	}
	rc = 0;
 done:
	http_buf_free(&body);
	return rc;
}

/*
 * Frame parser.
 */

struct ws_parser *
ws_parser_new(size_t max_message)
{
	struct ws_parser	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->max_message = max_message ? max_message : WS_DEFAULT_MAX_MESSAGE;
	/* Keeps msglen + n + 1 from wrapping. */
	if (p->max_message > SIZE_MAX / 4)
		p->max_message = SIZE_MAX / 4;
	p->state = P_HEADER;
	utf8_init(&p->utf8);
	return p;
}

void
ws_parser_free(struct ws_parser *p)
{
	if (p == NULL)
		return;
	free(p->msg);
	free(p);
}

static int
ws_fail(struct ws_parser *p, struct ws_event *ev, int code, const char *why)
{
	p->state = P_ERROR;
	p->errcode = code;
	p->errstr = why;
	ev->code = code;
	ev->reason = why;
	return WS_ERROR;
}

/* First two header bytes: everything that can be refused this early. */
static int
check_hdr2(struct ws_parser *p, struct ws_event *ev)
{
	unsigned char	 b0 = p->hdr[0], b1 = p->hdr[1];
	size_t		 len7 = b1 & 0x7f;

	p->fin = (b0 & 0x80) != 0;
	p->opcode = b0 & 0x0f;
	if (b0 & 0x70)
		return ws_fail(p, ev, WS_CLOSE_PROTOCOL, "reserved bits set");
	switch (p->opcode) {
	case WS_OP_CONT:
		if (p->msg_op == 0)
			return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
			    "continuation without a message");
		break;
	case WS_OP_TEXT:
	case WS_OP_BINARY:
		if (p->msg_op != 0)
			return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
			    "new message inside a fragmented one");
		break;
	case WS_OP_CLOSE:
	case WS_OP_PING:
	case WS_OP_PONG:
		if (!p->fin)
			return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
			    "fragmented control frame");
		if (len7 > WS_MAX_CONTROL)
			return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
			    "control frame too long");
		break;
	default:
		return ws_fail(p, ev, WS_CLOSE_PROTOCOL, "unknown opcode");
	}
	if (!(b1 & 0x80))
		return ws_fail(p, ev, WS_CLOSE_PROTOCOL, "unmasked frame");
	p->hdrneed = 2 + 4 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
	return 0;
}

/* Whole header: length, mask, size limit. */
static int
check_hdr(struct ws_parser *p, struct ws_event *ev)
{
	size_t		 len7 = p->hdr[1] & 0x7f, i;
	uint64_t	 v;

	if (len7 == 126) {
		v = (uint64_t)p->hdr[2] << 8 | p->hdr[3];
		if (v < 126)
			return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
			    "non-minimal length");
	} else if (len7 == 127) {
		for (v = 0, i = 2; i < 10; i++)
			v = v << 8 | p->hdr[i];
		if (v >> 63)
			return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
			    "length above 2^63");
		if (v <= 0xffff)
			return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
			    "non-minimal length");
	} else
		v = len7;
	memcpy(p->mask, p->hdr + p->hdrneed - 4, 4);
	p->plen = v;
	p->pdone = 0;
	if (!(p->opcode & 0x8)) {
		if (v > p->max_message - p->msglen)
			return ws_fail(p, ev, WS_CLOSE_TOO_BIG,
			    "message too big");
		if (p->opcode != WS_OP_CONT) {
			p->msg_op = p->opcode;
			p->msglen = 0;
			utf8_init(&p->utf8);
		}
	}
	return 0;
}

static int
msg_reserve(struct ws_parser *p, size_t n)
{
	size_t		 need, ncap;
	unsigned char	*nm;

	need = p->msglen + n + 1;
	if (need <= p->msgcap)
		return 0;
	ncap = p->msgcap ? p->msgcap : 1024;
	while (ncap < need)
		ncap *= 2;
	if (ncap > p->max_message + 1)
		ncap = p->max_message + 1;
	if ((nm = realloc(p->msg, ncap)) == NULL)
		return -1;
	p->msg = nm;
	p->msgcap = ncap;
	return 0;
}

/* A complete close frame in ctl. */
static int
close_frame(struct ws_parser *p, struct ws_event *ev, size_t len)
{
	int	 code;

	if (len == 0) {
		ev->code = WS_CLOSE_NO_STATUS;
		ev->data = p->ctl;
		ev->len = 0;
		p->state = P_CLOSED;
		return WS_CLOSE;
	}
	if (len == 1)
		return ws_fail(p, ev, WS_CLOSE_PROTOCOL,
		    "close frame of one byte");
	code = p->ctl[0] << 8 | p->ctl[1];
	if (!ws_close_code_valid(code))
		return ws_fail(p, ev, WS_CLOSE_PROTOCOL, "invalid close code");
	if (!utf8_valid(p->ctl + 2, len - 2))
		return ws_fail(p, ev, WS_CLOSE_BAD_DATA,
		    "close reason not UTF-8");
	ev->code = code;
	ev->data = p->ctl + 2;
	ev->len = len - 2;
	p->state = P_CLOSED;
	return WS_CLOSE;
}

int
ws_parse(struct ws_parser *p, const void *data, size_t len, size_t *used,
    struct ws_event *ev)
{
	const unsigned char	*s = data;
	unsigned char		*dst;
	size_t			 off = 0, n, i, take;
	int			 rc;

	memset(ev, 0, sizeof(*ev));
	*used = 0;
	if (s == NULL)
		len = 0;
	if (p->delivered) {
		p->delivered = 0;
		p->msg_op = 0;
		p->msglen = 0;
		if (p->msgcap > WS_KEEP_BUFFER) {
			free(p->msg);
			p->msg = NULL;
			p->msgcap = 0;
		}
	}
	if (p->state == P_ERROR) {
		ev->code = p->errcode;
		ev->reason = p->errstr;
		return WS_ERROR;
	}
	if (p->state == P_CLOSED) {
		*used = len;
		return WS_NEED_MORE;
	}

	for (;;) {
		if (p->state == P_HEADER) {
			if (p->hdrlen < 2) {
				take = 2 - p->hdrlen;
				if (take > len - off)
					take = len - off;
				memcpy(p->hdr + p->hdrlen, s + off, take);
				p->hdrlen += take;
				off += take;
				if (p->hdrlen < 2)
					break;
				if (check_hdr2(p, ev) == WS_ERROR)
					goto fail;
			}
			take = p->hdrneed - p->hdrlen;
			if (take > len - off)
				take = len - off;
			memcpy(p->hdr + p->hdrlen, s + off, take);
			p->hdrlen += take;
			off += take;
			if (p->hdrlen < p->hdrneed)
				break;
			if (check_hdr(p, ev) == WS_ERROR)
				goto fail;
			p->state = P_PAYLOAD;
		}

		/* P_PAYLOAD: unmask what there is into its place. */
		n = len - off;
		if ((uint64_t)n > p->plen - p->pdone)
			n = (size_t)(p->plen - p->pdone);
		if (p->opcode & 0x8)
			dst = p->ctl + p->pdone;
		else {
			if (msg_reserve(p, n) == -1) {
				ws_fail(p, ev, WS_CLOSE_INTERNAL,
				    "out of memory");
				goto fail;
			}
			dst = p->msg + p->msglen;
		}
		for (i = 0; i < n; i++)
			dst[i] = s[off + i] ^ p->mask[(p->pdone + i) & 3];
		if (!(p->opcode & 0x8)) {
			if (p->msg_op == WS_OP_TEXT &&
			    utf8_feed(&p->utf8, dst, n) == -1) {
				ws_fail(p, ev, WS_CLOSE_BAD_DATA,
				    "text is not UTF-8");
				goto fail;
			}
			p->msglen += n;
			p->msg[p->msglen] = '\0';
		}
		p->pdone += n;
		off += n;
		if (p->pdone < p->plen)
			break;

		/* The frame is complete. */
		p->state = P_HEADER;
		p->hdrlen = 0;
		if (p->opcode & 0x8) {
			p->ctl[p->plen] = '\0';
			switch (p->opcode) {
			case WS_OP_CLOSE:
				rc = close_frame(p, ev, (size_t)p->plen);
				if (rc == WS_ERROR)
					goto fail;
				*used = off;
				return rc;
			case WS_OP_PING:
				rc = WS_PING;
				break;
			default:
				rc = WS_PONG;
				break;
			}
			ev->data = p->ctl;
			ev->len = (size_t)p->plen;
			*used = off;
			return rc;
		}
		if (p->fin) {
			if (p->msg_op == WS_OP_TEXT &&
			    !utf8_complete(&p->utf8)) {
				ws_fail(p, ev, WS_CLOSE_BAD_DATA,
				    "text ends inside a character");
				goto fail;
			}
			rc = p->msg_op == WS_OP_TEXT ? WS_TEXT : WS_BINARY;
			ev->data = p->msg != NULL ? p->msg :
			    (const unsigned char *)"";
			ev->len = p->msglen;
			p->delivered = 1;
			*used = off;
			return rc;
		}
		/* A fragment: more to come, maybe already here. */
		if (off == len)
			break;
	}
	*used = off;
	return WS_NEED_MORE;
 fail:
	*used = off;
	return WS_ERROR;
}

/*
 * Encoder.
 */

int
ws_frame_head(struct http_buf *b, int opcode, int fin, size_t len)
{
	unsigned char	 hdr[10];
	size_t		 hlen, i;

	switch (opcode) {
	case WS_OP_CONT:
	case WS_OP_TEXT:
	case WS_OP_BINARY:
		break;
	case WS_OP_CLOSE:
	case WS_OP_PING:
	case WS_OP_PONG:
		if (!fin || len > WS_MAX_CONTROL) {
			errno = EINVAL;
			return -1;
		}
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	hdr[0] = (unsigned char)((fin ? 0x80 : 0) | opcode);
	if (len < 126) {
		hdr[1] = (unsigned char)len;
		hlen = 2;
	} else if (len <= 0xffff) {
		hdr[1] = 126;
		hdr[2] = (unsigned char)(len >> 8);
		hdr[3] = (unsigned char)len;
		hlen = 4;
	} else {
		hdr[1] = 127;
		for (i = 0; i < 8; i++)
			hdr[2 + i] = (unsigned char)((uint64_t)len >>
			    (56 - 8 * i));
		hlen = 10;
	}
	return http_buf_add(b, hdr, hlen);
}

int
ws_frame(struct http_buf *b, int opcode, int fin, const void *data,
    size_t len)
{
	size_t	 start = b->len;

	if (data == NULL && len > 0) {
		errno = EINVAL;
		return -1;
	}
	if (ws_frame_head(b, opcode, fin, len) == -1)
		return -1;
	if (len > 0 && http_buf_add(b, data, len) == -1) {
		b->len = start;
		b->data[start] = '\0';
		return -1;
	}
	return 0;
}

int
ws_text(struct http_buf *b, const void *data, size_t len)
{
	if (data == NULL && len > 0) {
		errno = EINVAL;
		return -1;
	}
	if (len > 0 && !utf8_valid(data, len)) {
		errno = EINVAL;
		return -1;
	}
	return ws_frame(b, WS_OP_TEXT, 1, data, len);
}

int
ws_binary(struct http_buf *b, const void *data, size_t len)
{
	return ws_frame(b, WS_OP_BINARY, 1, data, len);
}

int
ws_ping(struct http_buf *b, const void *data, size_t len)
{
	return ws_frame(b, WS_OP_PING, 1, data, len);
}

int
ws_pong(struct http_buf *b, const void *data, size_t len)
{
	return ws_frame(b, WS_OP_PONG, 1, data, len);
}

int
ws_close(struct http_buf *b, int code, const char *reason)
{
	unsigned char	 body[WS_MAX_CONTROL];
	size_t		 rlen;

	if (reason == NULL)
		reason = "";
	rlen = strlen(reason);
	if (code == 0) {
		if (rlen > 0) {
			errno = EINVAL;
			return -1;
		}
		return ws_frame(b, WS_OP_CLOSE, 1, NULL, 0);
	}
	if (!ws_close_code_valid(code) || !utf8_valid(reason, rlen)) {
		errno = EINVAL;
		return -1;
	}
	if (rlen > WS_MAX_CONTROL - 2) {
		/* Cut before the character that would not fit. */
		rlen = WS_MAX_CONTROL - 2;
		while (rlen > 0 && ((unsigned char)reason[rlen] & 0xc0) == 0x80)
			rlen--;
	}
	body[0] = (unsigned char)(code >> 8);
	body[1] = (unsigned char)code;
	memcpy(body + 2, reason, rlen);
	return ws_frame(b, WS_OP_CLOSE, 1, body, rlen + 2);
}
