/*
 * ws: WebSocket (RFC 6455), server side: the opening handshake, an
 * incremental parser for client frames and an encoder for server frames.
 *
 * The parser enforces, with the close code to send:
 *	1002	RSV bits (no extensions are negotiated), unknown opcodes,
 *		unmasked client frames, non-minimal or 2^63+ lengths,
 *		fragmented or >125-byte control frames, a continuation with
 *		no message open, a new message while one is open, a close
 *		frame with a 1-byte body or a code that may not be sent
 *	1007	text (or a close reason) that is not UTF-8; checked as the
 *		bytes arrive, across frames and reads
 *	1009	a message (all its fragments) longer than max_message,
 *		refused from the frame header, before buffering
 *
 * ws_parse() consumes bytes up to the end of the next event and stops,
 * setting *used; the caller keeps the rest and calls again.  Control
 * frames between fragments are delivered as they come.  Event data is
 * valid until the next call.  After WS_CLOSE every further byte is
 * ignored (the caller answers with a close frame and shuts down); after
 * WS_ERROR it answers with ws_close(buf, ev.code, ev.reason) and closes.
 */
#ifndef HARNESS_WS_H
#define HARNESS_WS_H

#include <stddef.h>
#include <stdint.h>

struct http_buf;
struct http_parser;

#define WS_GUID		"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
#define WS_ACCEPT_LEN	28		/* base64 of a SHA-1, w/o NUL */
#define WS_KEY_LEN	24		/* base64 of 16 bytes */

#define WS_OP_CONT	0x0
#define WS_OP_TEXT	0x1
#define WS_OP_BINARY	0x2
#define WS_OP_CLOSE	0x8
#define WS_OP_PING	0x9
#define WS_OP_PONG	0xa

#define WS_CLOSE_NORMAL		1000
#define WS_CLOSE_GOING_AWAY	1001
#define WS_CLOSE_PROTOCOL	1002
#define WS_CLOSE_UNSUPPORTED	1003
#define WS_CLOSE_NO_STATUS	1005	/* reported, never sent */
#define WS_CLOSE_ABNORMAL	1006	/* reported, never sent */
#define WS_CLOSE_BAD_DATA	1007
#define WS_CLOSE_POLICY		1008
#define WS_CLOSE_TOO_BIG	1009
#define WS_CLOSE_EXTENSION	1010
#define WS_CLOSE_INTERNAL	1011

#define WS_MAX_CONTROL		125

#define WS_ERROR	-1
#define WS_NEED_MORE	0
#define WS_TEXT		1
#define WS_BINARY	2
#define WS_CLOSE	3
#define WS_PING		4
#define WS_PONG		5

struct ws_event {
	const unsigned char	*data;	/* message, ping/pong payload or
					   close reason; NUL-terminated */
	size_t			 len;
	int			 code;	/* WS_CLOSE: the peer's code (1005
					   if none); WS_ERROR: ours to send */
	const char		*reason; /* WS_ERROR: short text */
};

struct ws_parser;

/*
 * Handshake.  ws_is_upgrade(): does the request ask for a WebSocket
 * (Upgrade: websocket)?  ws_handshake_check() validates it: GET, HTTP/1.1,
 * Connection has "Upgrade", Upgrade has "websocket", one
 * Sec-WebSocket-Version of 13, one Sec-WebSocket-Key of 16 bytes in
 * base64, no body.  0 and the Sec-WebSocket-Accept value written to
 * accept (at least WS_ACCEPT_LEN + 1 bytes); or the HTTP status to refuse
 * with (400, 405; 426 for another version, whose response must carry
 * "Sec-WebSocket-Version: 13") and *why set.
 */
int	 ws_is_upgrade(const struct http_parser *);
int	 ws_handshake_check(const struct http_parser *, char *, size_t,
	    const char **);
/* Sec-WebSocket-Accept for a key (as sent): base64(SHA-1(key GUID)). */
int	 ws_accept_key(const char *, size_t, char *, size_t);
/* The 101 response; protocol (Sec-WebSocket-Protocol) may be NULL. */
int	 ws_handshake_response(struct http_buf *, const char *, const char *);
/* The 426 response for a version mismatch (or any refusal status). */
int	 ws_handshake_refuse(struct http_buf *, int, const char *);

/* Parser; max_message 0 means WS_DEFAULT_MAX_MESSAGE.  NULL on ENOMEM. */
#define WS_DEFAULT_MAX_MESSAGE	(1024 * 1024)
struct ws_parser *ws_parser_new(size_t);
void	 ws_parser_free(struct ws_parser *);
int	 ws_parse(struct ws_parser *, const void *, size_t, size_t *,
	    struct ws_event *);

/*
 * Server frames (never masked).  ws_frame() writes one frame; control
 * frames must have fin set and at most 125 bytes.  ws_text() checks
 * UTF-8.  ws_close(): code 0 sends an empty close body; otherwise the
 * code must be one an endpoint may send, and the reason (may be NULL)
 * valid UTF-8; it is cut at a character boundary to fit 123 bytes.
 * All return 0, or -1 with errno EINVAL or ENOBUFS.
 */
int	 ws_frame(struct http_buf *, int, int, const void *, size_t);
/*
 * The head of a frame of len bytes, for a payload the caller sends
 * itself (a large one, without a copy): opcode and fin as ws_frame().
 */
int	 ws_frame_head(struct http_buf *, int, int, size_t);
int	 ws_text(struct http_buf *, const void *, size_t);
int	 ws_binary(struct http_buf *, const void *, size_t);
int	 ws_ping(struct http_buf *, const void *, size_t);
int	 ws_pong(struct http_buf *, const void *, size_t);
int	 ws_close(struct http_buf *, int, const char *);
/* May this code appear in a close frame on the wire? */
int	 ws_close_code_valid(int);

#endif /* HARNESS_WS_H */
