/*
 * http: incremental HTTP/1.1 request parser and response helpers for the
 * gateway, the one process that parses client bytes.
 *
 * Parsing.  Feed bytes as they arrive, split anywhere.  Every limit is
 * checked before the bytes that would pass it are buffered.  The parser
 * is strict where leniency has caused request smuggling elsewhere:
 *
 *  - Lines end in CRLF.  A bare LF, or a CR not followed by LF, is a 400
 *    everywhere: request line, header fields, chunk-size lines, chunk
 *    data terminators and trailers.  (RFC 9112 allows a recipient to
 *    accept a bare LF; we never do, so no two readers of a stream can
 *    disagree on where a line ends.)
 *  - Empty lines before the request line are skipped (RFC 9112 2.2);
 *    their bytes count against the request line limit.
 *  - Request line: exactly "METHOD SP target SP HTTP/1.x".  A method
 *    that is a token but not one of GET HEAD POST PUT DELETE OPTIONS
 *    PATCH is 501; another HTTP version is 505.
 *  - Target: origin-form ("/p?q"), absolute-form ("http://host/p?q",
 *    http or https; the authority is dropped, the path kept) and "*"
 *    for OPTIONS.  Controls, space, '#', bytes >= 0x80 and malformed
 *    percent escapes are 400.
 *  - Header fields: whitespace before the colon, obs-fold (a line that
 *    starts with SP or HTAB), an empty name or a control character in
 *    the value is 400.  Values are trimmed of SP/HTAB.
 *  - Framing: two Content-Length fields (even equal), a Content-Length
 *    that is not all digits, Content-Length together with
 *    Transfer-Encoding, two Transfer-Encoding fields, or
 *    Transfer-Encoding in an HTTP/1.0 request are 400.  A coding other
 *    than a lone "chunked" is 501.  POST, PUT and PATCH without either
 *    are 411; other methods without either have no body.
 *  - HTTP/1.1 needs exactly one Host field (400), and a Host must be
 *    a host and an optional port by RFC 3986's characters, or empty
 *    (400 "invalid Host": no space, '/', '@', control or non-ASCII).
 *  - Expect: "100-continue" is reported (http_expect_continue()); any
 *    other expectation is 417.
 *  - Chunked bodies: chunk sizes are checked against the body limit as
 *    each hex digit arrives, so they cannot overflow; extensions are
 *    ignored; trailers are checked for syntax and limits, then dropped.
 *
 * Results of http_parse() and http_feed():
 *	HTTP_NEED_MORE	everything was consumed, the request is not done
 *	HTTP_HEAD	the head completed during this call, the body has
 *			not (yet): head accessors work, e.g. to send
 *			"100 Continue" or refuse early
 *	HTTP_DONE	head and body complete (if both completed in one
 *			call only HTTP_DONE is returned)
 *	HTTP_ERROR	http_status() and http_errstr() say what to send;
 *			the connection must then be closed
 *
 * Pipelining.  http_parse() never consumes past the end of a request:
 * *used says how many bytes it took and the rest stays with the caller
 * (an evbuffer, say).  http_feed() takes everything: the bytes after a
 * complete request are kept in the parser (at most limits.max_pending,
 * else HTTP_ERROR/503) and http_reset() keeps them, so the next
 * http_feed(p, NULL, 0) parses the next request from them.  Use one of
 * the two per parser.  Head accessors return NULL/0 until HTTP_HEAD or
 * HTTP_DONE, and after an HTTP_ERROR found while checking the head.
 */
#ifndef HARNESS_HTTP_H
#define HARNESS_HTTP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#define HTTP_ERROR	-1
#define HTTP_NEED_MORE	0
#define HTTP_HEAD	1
#define HTTP_DONE	2

enum http_method {
	HTTP_METHOD_NONE = 0,
	HTTP_METHOD_GET,
	HTTP_METHOD_HEAD,
	HTTP_METHOD_POST,
	HTTP_METHOD_PUT,
	HTTP_METHOD_DELETE,
	HTTP_METHOD_OPTIONS,
	HTTP_METHOD_PATCH
};

struct http_limits {
	size_t	 max_line;		/* request line incl. CRLF */
	size_t	 max_headers;		/* header fields (and trailers) */
	size_t	 max_header_bytes;	/* header section incl. CRLFs */
	size_t	 max_body;		/* decoded body bytes */
	size_t	 max_pending;		/* http_feed() leftover bytes */
};

#define HTTP_DEFAULT_MAX_LINE		8192
#define HTTP_DEFAULT_MAX_HEADERS	100
#define HTTP_DEFAULT_MAX_HEADER_BYTES	32768
#define HTTP_DEFAULT_MAX_BODY		(1024 * 1024)
#define HTTP_DEFAULT_MAX_PENDING	65536
/* Chunk-size line incl. extensions and CRLF. */
#define HTTP_MAX_CHUNK_LINE		1024

struct http_parser;

/* Fill in the defaults above. */
void	 http_limits_default(struct http_limits *);

/*
 * New parser.  NULL limits, or a zero field, means the default; the
 * body limit is clamped to SIZE_MAX / 32.  NULL (errno) on failure.
 */
struct http_parser *http_parser_new(const struct http_limits *);
void	 http_parser_free(struct http_parser *);
/* Forget the request (after HTTP_DONE), keep http_feed()'s leftover. */
void	 http_reset(struct http_parser *);

int	 http_parse(struct http_parser *, const void *, size_t, size_t *);
int	 http_feed(struct http_parser *, const void *, size_t);
/* Bytes held by http_feed() after the current request (e.g. WebSocket
 * frames that followed an upgrade request).  Valid until the next call. */
const void *http_pending(const struct http_parser *, size_t *);

/* After HTTP_ERROR: the status to send and a short reason. */
int	 http_status(const struct http_parser *);
const char *http_errstr(const struct http_parser *);

/* After HTTP_HEAD or HTTP_DONE. */
enum http_method http_method(const struct http_parser *);
const char *http_method_str(const struct http_parser *);
int	 http_version(const struct http_parser *);	/* 10 or 11 */
const char *http_path(const struct http_parser *);	/* raw, "/a/b" */
const char *http_query(const struct http_parser *);	/* raw or NULL */
/*
 * The path as http_path(), but as soon as the request line is parsed,
 * also after an HTTP_ERROR found later in the head (a 411 or 413 is
 * still a request for that path); NULL before.
 */
const char *http_request_path(const struct http_parser *);
int	 http_keepalive(const struct http_parser *);
int	 http_expect_continue(const struct http_parser *);
int	 http_chunked(const struct http_parser *);
/* Content-Length, or -1 if none (chunked or no body). */
long long http_content_length(const struct http_parser *);
/* First header field with this name (case-insensitive), or NULL. */
const char *http_header(const struct http_parser *, const char *);
size_t	 http_header_count(const struct http_parser *);
/* The i-th field as received; -1 if i is out of range. */
int	 http_header_at(const struct http_parser *, size_t, const char **,
	    const char **);
/* 1 if any field of that name holds token in its comma-separated list. */
int	 http_header_has_token(const struct http_parser *, const char *,
	    const char *);
/* After HTTP_DONE: the body (NUL-terminated; "" if none). */
const void *http_body(const struct http_parser *, size_t *);

/*
 * Percent-decoding.  Decode len bytes of src into dst (dstsz bytes, NUL
 * added) and return the decoded length, or -1 with errno EINVAL (bad
 * escape, %00, or with HTTP_PCT_SEGMENT a decoded '/') or ENAMETOOLONG
 * (does not fit).  HTTP_PCT_PLUS decodes '+' as a space (query strings).
 */
#define HTTP_PCT_PLUS		0x01
#define HTTP_PCT_SEGMENT	0x02
ssize_t	 http_pct_decode(const char *, size_t, char *, size_t, int);

/*
 * Query parameters.  http_query_param() finds the first parameter whose
 * decoded name is name (less than 256 bytes) and decodes its value (""
 * for "a" or "a=") into buf: 1 found, 0 not found, -1 (errno) if a name
 * before it or the value is malformed, or the value is too long.
 * http_query_next() walks all parameters:
 * *cursor starts at the raw query; 1 per parameter, 0 at the end, -1 on
 * error.  Empty parameters ("a&&b") are skipped.
 */
int	 http_query_param(const struct http_parser *, const char *, char *,
	    size_t);
int	 http_query_next(const char **, char *, size_t, char *, size_t);

/*
 * Path segments: *cursor starts at the raw path; each call decodes the
 * next segment into buf and returns 1, 0 at the end, -1 (errno EINVAL)
 * for a bad escape, %00, an encoded '/', or a "." or ".." segment
 * (which the gateway never routes).  "/a//b/" gives "a", "", "b", "".
 */
int	 http_path_segment(const char **, char *, size_t);

/*
 * Growable output buffer.  max 0 means HTTP_BUF_MAX.  http_buf_fixed()
 * wraps caller memory that is never grown.  Failed appends return -1,
 * leave the buffer as it was and set err (sticky until reset), so a
 * caller may build a whole response and check once.
 */
#define HTTP_BUF_MAX	(16 * 1024 * 1024)
struct http_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 max;
	int	 fixed;
	int	 err;
};

void	 http_buf_init(struct http_buf *, size_t);
void	 http_buf_fixed(struct http_buf *, void *, size_t);
void	 http_buf_reset(struct http_buf *);
void	 http_buf_free(struct http_buf *);
int	 http_buf_add(struct http_buf *, const void *, size_t);
int	 http_buf_addstr(struct http_buf *, const char *);
int	 http_buf_printf(struct http_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Response head. */
#define HTTP_CONN_KEEPALIVE	0
#define HTTP_CONN_CLOSE		1
#define HTTP_CONN_UPGRADE	2

#define HTTP_LENGTH_CHUNKED	(-1LL)
#define HTTP_LENGTH_NONE	(-2LL)

struct http_header {
	const char	*name;
	const char	*value;
};

struct http_response {
	int			 status;	/* 100..599 */
	int			 version;	/* the request's; 0 = 11 */
	int			 conn;		/* HTTP_CONN_* */
	const char		*content_type;	/* NULL: none */
	long long		 content_length; /* or HTTP_LENGTH_* */
	time_t			 date;		/* 0: no Date field */
	const struct http_header *headers;	/* more fields */
	size_t			 nheaders;
};

/*
 * Append "HTTP/1.1 status reason", the fields and the empty line.
 * Connection: close for HTTP_CONN_CLOSE, Connection: Upgrade for
 * HTTP_CONN_UPGRADE, Connection: keep-alive for a kept 1.0 connection.
 * No Content-Length or Transfer-Encoding for 1xx, 204 and 304.  -1,
 * errno EINVAL: chunked to an HTTP/1.0 client, no length on a kept-alive
 * connection, a bad status, or an extra field that is malformed (name
 * not a token, value with CR, LF or another control) or is one this
 * function writes itself (Connection, Content-Length, Content-Type,
 * Date, Transfer-Encoding).
 */
int	 http_response_write(struct http_buf *, const struct http_response *);
/* "Sun, 06 Nov 1994 08:49:37 GMT"; buf of at least 30 bytes; -1. */
int	 http_date(time_t, char *, size_t);
/* "OK", "Not Found", ...; "Unknown" for codes it does not know. */
const char *http_reason(int);
/* Short snake_case code for JSON errors: "not_found", ... */
const char *http_error_code(int);

/* Chunked body: one chunk (nothing for len 0), and the last chunk. */
int	 http_chunk(struct http_buf *, const void *, size_t);
int	 http_chunk_end(struct http_buf *);

/*
 * JSON.  http_json_escape() appends s as the inside of a JSON string:
 * quote, backslash and controls escaped, invalid UTF-8 replaced by
 * U+FFFD, so the result is always valid JSON.  http_json_error()
 * appends {"error":{"code":"...","message":"..."}}.
 */
int	 http_json_escape(struct http_buf *, const char *, size_t);
int	 http_json_error(struct http_buf *, const char *, const char *);
/*
 * http_error_response(buf, status, version, conn, code, message): a
 * complete error response, head (application/json, Content-Length) and
 * JSON body.  version and conn as in struct http_response; NULL code
 * means http_error_code(status), NULL message http_reason(status).
 */
int	 http_error_response(struct http_buf *, int, int, int, const char *,
	    const char *);

/*
 * Server-Sent Events.  http_sse_event() appends "id: ID\n" (if id),
 * "event: NAME\n" (if event), one "data: LINE\n" per line of data (CRLF,
 * LF and CR all end a line, as the EventSource parser reads them) and
 * "\n".  id and event may not hold CR, LF or NUL (-1, EINVAL).
 * http_sse_comment() appends ": text\n\n", a keep-alive that clients
 * ignore.
 */
int	 http_sse_event(struct http_buf *, const char *, const char *,
	    const void *, size_t);
int	 http_sse_comment(struct http_buf *, const char *);

#endif /* HARNESS_HTTP_H */
