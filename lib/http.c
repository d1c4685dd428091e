/*
 * Incremental HTTP/1.1 request parser and response helpers.  See
 * http.h for the rules it enforces and why.
 *
 * The head (request line and header fields) is copied into one buffer
 * as it arrives; each completed line is checked and cut in place (NULs
 * where the separators were), and fields are kept as offsets so the
 * buffer may grow.  The body goes to a second buffer.  Chunked framing
 * is read one byte at a time by a small state machine, so chunk-size
 * lines and trailers are never buffered.
 */
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "hexdig.h"
#include "http.h"
#include "utf8.h"

enum {
	S_REQLINE,
	S_HEADERS,
	S_BODY,			/* Content-Length body */
	S_CHUNKED,		/* see cstate */
	S_DONE,
	S_ERROR
};

enum {
	C_SIZE_START,		/* first hex digit of a chunk size */
	C_SIZE,			/* more hex digits */
	C_SIZE_WS,		/* BWS between size and ';' */
	C_EXT,			/* chunk extension, ignored */
	C_SIZE_LF,		/* CR seen at the end of the size line */
	C_DATA,
	C_DATA_CR,
	C_DATA_LF,
	C_TRAILER_START,	/* start of a trailer line or the end */
	C_TRAILER_NAME,
	C_TRAILER_VALUE,
	C_TRAILER_LF,
	C_END_LF		/* CR of the final empty line seen */
};

#define NO_OFF	SIZE_MAX

struct http_field {
	size_t		 name;		/* offsets into head */
	size_t		 value;
};

struct http_parser {
	struct http_limits	 lim;
	int			 state;
	int			 cstate;
	int			 status;
	const char		*errstr;

	/* head */
	char			*head;
	size_t			 headlen;
	size_t			 headcap;
	size_t			 line;		/* start of the current line */
	size_t			 count;		/* bytes against the limit */
	struct http_field	*fields;
	size_t			 nfields;
	size_t			 fieldcap;
	int			 head_done;
	int			 reqline_done;

	/* request line */
	enum http_method	 method;
	size_t			 method_off;
	size_t			 path_off;	/* NO_OFF: "/" */
	size_t			 query_off;	/* NO_OFF: none */
	int			 version;

	int			 keepalive;
	int			 expect_continue;
	int			 chunked;
	long long		 clen;

	/* body */
	unsigned char		*body;
	size_t			 bodylen;
	size_t			 bodycap;
	size_t			 remaining;	/* of the body or the chunk */
	size_t			 chunkline;	/* bytes of the size line */
	size_t			 trailer_bytes;
	size_t			 ntrailers;

	/* http_feed() leftover */
	unsigned char		*pend;
	size_t			 pendoff;
	size_t			 pendlen;
	size_t			 pendcap;
};

static const struct {
	const char		*name;
	enum http_method	 method;
} http_methods[] = {
	{ "GET",	HTTP_METHOD_GET },
	{ "HEAD",	HTTP_METHOD_HEAD },
	{ "POST",	HTTP_METHOD_POST },
	{ "PUT",	HTTP_METHOD_PUT },
	{ "DELETE",	HTTP_METHOD_DELETE },
	{ "OPTIONS",	HTTP_METHOD_OPTIONS },
	{ "PATCH",	HTTP_METHOD_PATCH }
};

/* RFC 9110 5.6.2: token characters. */
static int
is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* Field value octets: VCHAR, obs-text, SP, HTAB. */
static int
is_vchar(unsigned char c)
{
	return c == '\t' || (c >= 0x20 && c != 0x7f);
}

/* RFC 3986 pchar minus '%', plus '/' and '?': what a target may hold. */
static int
is_uchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("-._~!$&'()*+,;=:@/?", c) != NULL;
}

static int
set_error(struct http_parser *p, int status, const char *why)
{
	p->state = S_ERROR;
	p->status = status;
	p->errstr = why;
	p->keepalive = 0;
	return HTTP_ERROR;
}

void
http_limits_default(struct http_limits *lim)
{
	lim->max_line = HTTP_DEFAULT_MAX_LINE;
	lim->max_headers = HTTP_DEFAULT_MAX_HEADERS;
	lim->max_header_bytes = HTTP_DEFAULT_MAX_HEADER_BYTES;
	lim->max_body = HTTP_DEFAULT_MAX_BODY;
	lim->max_pending = HTTP_DEFAULT_MAX_PENDING;
}

struct http_parser *
http_parser_new(const struct http_limits *lim)
{
	struct http_parser	*p;
	struct http_limits	 def;

	http_limits_default(&def);
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->lim = def;
	if (lim != NULL) {
		if (lim->max_line)
			p->lim.max_line = lim->max_line;
		if (lim->max_headers)
			p->lim.max_headers = lim->max_headers;
		if (lim->max_header_bytes)
			p->lim.max_header_bytes = lim->max_header_bytes;
		if (lim->max_body)
			p->lim.max_body = lim->max_body;
		if (lim->max_pending)
			p->lim.max_pending = lim->max_pending;
	}
	/* Keeps size arithmetic (chunk digits, +1 for NUL) from wrapping. */
	if (p->lim.max_body > SIZE_MAX / 32)
		p->lim.max_body = SIZE_MAX / 32;
	if (p->lim.max_line > SIZE_MAX / 4)
		p->lim.max_line = SIZE_MAX / 4;
	if (p->lim.max_header_bytes > SIZE_MAX / 4)
		p->lim.max_header_bytes = SIZE_MAX / 4;
	http_reset(p);
	return p;
}

void
http_parser_free(struct http_parser *p)
{
	if (p == NULL)
		return;
	free(p->head);
	free(p->fields);
	free(p->body);
	free(p->pend);
	free(p);
}

void
http_reset(struct http_parser *p)
{
	free(p->head);
	free(p->fields);
	free(p->body);
	p->head = NULL;
	p->headlen = p->headcap = p->line = p->count = 0;
	p->fields = NULL;
	p->nfields = p->fieldcap = 0;
	p->head_done = p->reqline_done = 0;
	p->body = NULL;
	p->bodylen = p->bodycap = p->remaining = 0;
	p->chunkline = p->trailer_bytes = p->ntrailers = 0;
	p->method = HTTP_METHOD_NONE;
	p->method_off = 0;
	p->path_off = p->query_off = NO_OFF;
	p->version = 0;
	p->keepalive = p->expect_continue = p->chunked = 0;
	p->clen = -1;
	p->status = 0;
	p->errstr = NULL;
	p->state = S_REQLINE;
	p->cstate = C_SIZE_START;
}

/*
 * Request line, cut in place.  c[n] is the CR that ended the line.
 */
static int
parse_reqline(struct http_parser *p, size_t off, size_t n)
{
	char		*c = p->head + off;
	size_t		 sp1, sp2, i, t, tlen, path, auth;
	const char	*v;
	int		 found;

	for (sp1 = 0; sp1 < n && c[sp1] != ' '; sp1++)
		if (!is_tchar((unsigned char)c[sp1]))
			return set_error(p, 400, "invalid method");
	if (sp1 == 0 || sp1 == n)
		return set_error(p, 400, "malformed request line");
	for (sp2 = sp1 + 1; sp2 < n && c[sp2] != ' '; sp2++)
		;
	if (sp2 == sp1 + 1 || sp2 == n)
		return set_error(p, 400, "malformed request line");
	if (memchr(c + sp2 + 1, ' ', n - sp2 - 1) != NULL)
		return set_error(p, 400, "malformed request line");

	/* HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. */
	v = c + sp2 + 1;
	if (n - sp2 - 1 != 8 || strncmp(v, "HTTP/", 5) != 0 ||
	    v[5] < '0' || v[5] > '9' || v[6] != '.' || v[7] < '0' || v[7] > '9')
		return set_error(p, 400, "malformed HTTP version");
	if (v[5] != '1' || (v[7] != '0' && v[7] != '1'))
		return set_error(p, 505, "HTTP version not supported");
	p->version = v[7] == '1' ? 11 : 10;

	c[sp1] = '\0';
	c[sp2] = '\0';
	c[n] = '\0';
	p->method_off = off;
	found = 0;
	for (i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++)
		if (strcmp(c, http_methods[i].name) == 0) {
			p->method = http_methods[i].method;
			found = 1;
			break;
		}
	if (!found)
		return set_error(p, 501, "method not implemented");

	/* Request target. */
	t = sp1 + 1;
	tlen = sp2 - t;
	for (i = t; i < sp2; i++) {
		if (c[i] == '%') {
			if (sp2 - i < 3 ||
			    hexdig((unsigned char)c[i + 1]) < 0 ||
			    hexdig((unsigned char)c[i + 2]) < 0)
				return set_error(p, 400,
				    "bad percent escape in target");
			continue;
		}
		if (c[i] == '[' || c[i] == ']')
			continue;	/* checked below: authority only */
		if (!is_uchar((unsigned char)c[i]))
			return set_error(p, 400, "invalid character in target");
	}

	if (tlen == 1 && c[t] == '*') {
		if (p->method != HTTP_METHOD_OPTIONS)
			return set_error(p, 400, "asterisk-form needs OPTIONS");
		p->path_off = off + t;
		return 0;
	}
	if (c[t] == '/')
		path = t;
	else {
		/* absolute-form: http[s]://authority[/path][?query] */
		if (tlen > 7 && strncasecmp(c + t, "http://", 7) == 0)
			auth = t + 7;
		else if (tlen > 8 && strncasecmp(c + t, "https://", 8) == 0)
			auth = t + 8;
		else
			return set_error(p, 400, "invalid request target");
		for (path = auth; path < sp2 && c[path] != '/' &&
		    c[path] != '?'; path++)
			if (c[path] == '@')
				return set_error(p, 400,
				    "userinfo in request target");
		if (path == auth)
			return set_error(p, 400, "empty authority in target");
	}
	for (i = path; i < sp2; i++)
		if (c[i] == '[' || c[i] == ']')
			return set_error(p, 400, "invalid character in target");
	for (i = path; i < sp2 && c[i] != '?'; i++)
		;
	if (i < sp2) {
		c[i] = '\0';
		p->query_off = off + i + 1;
	}
	p->path_off = c[path] == '/' ? off + path : NO_OFF;
	return 0;
}

/*
 * One header field line, cut in place.  c[n] is the CR that ended it.
 */
static int
parse_field(struct http_parser *p, size_t off, size_t n)
{
	char			*c = p->head + off;
	size_t			 i, colon, vs, ve;
	struct http_field	*nf;
	size_t			 ncap;

	if (c[0] == ' ' || c[0] == '\t')
		return set_error(p, 400, "obsolete line folding");
	for (i = 0; i < n && c[i] != ':'; i++)
		if (!is_tchar((unsigned char)c[i]))
			return set_error(p, 400, "invalid header field name");
	if (i == n)
		return set_error(p, 400, "header field without colon");
	if (i == 0)
		return set_error(p, 400, "empty header field name");
	colon = i;
	for (i = colon + 1; i < n && (c[i] == ' ' || c[i] == '\t'); i++)
		;
	vs = ve = i;
	for (; i < n; i++) {
		if (!is_vchar((unsigned char)c[i]))
			return set_error(p, 400,
			    "invalid character in header field");
		if (c[i] != ' ' && c[i] != '\t')
			ve = i + 1;
	}
	if (p->nfields >= p->lim.max_headers)
		return set_error(p, 431, "too many header fields");
	if (p->nfields == p->fieldcap) {
		ncap = p->fieldcap ? p->fieldcap * 2 : 16;
		if (ncap > p->lim.max_headers)
			ncap = p->lim.max_headers;
		nf = reallocarray(p->fields, ncap, sizeof(*nf));
		if (nf == NULL)
			return set_error(p, 500, "out of memory");
		p->fields = nf;
		p->fieldcap = ncap;
	}
	c[colon] = '\0';
	c[ve] = '\0';
	p->fields[p->nfields].name = off;
	p->fields[p->nfields].value = off + vs;
	p->nfields++;
	return 0;
}

/* Does the comma-separated list s hold tok (case-insensitive)? */
static int
list_has_token(const char *s, const char *tok)
{
	size_t	 tl = strlen(tok), n;

	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		n = strcspn(s, ",");
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == tl && strncasecmp(s, tok, n) == 0)
			return 1;
		s += strcspn(s, ",");
	}
	return 0;
}

/*
 * Transfer-Encoding value: 0 for a lone "chunked", else the status to
 * refuse it with.
 */
static int
check_te(const char *s)
{
	size_t	 n;
	int	 ncodings = 0, last_chunked = 0, chunked = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		n = strcspn(s, ",");
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == 0)
			return 400;		/* empty list member */
		last_chunked = n == 7 && strncasecmp(s, "chunked", 7) == 0;
		if (last_chunked)
			chunked++;
		ncodings++;
		s += strcspn(s, ",");
		if (*s == '\0')
			break;
		s++;
	}
	if (!last_chunked || chunked > 1)
		return 400;
	if (ncodings > 1)
		return 501;
	return 0;
}

/*
 * A Host value (RFC 9112 3.2): uri-host [ ":" port ] as RFC 3986 3.2.2
 * spells them, an IP literal in brackets or a reg-name of unreserved
 * characters, sub-delims and percent-escapes; or empty.  Only its
 * characters are checked, never a name service.
 */
static int
host_valid(const char *s)
{
	static const char	 sub[] = "-._~!$&'()*+,;=";
	const unsigned char	*u = (const unsigned char *)s;

#define H_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define H_HEX(c)	(H_DIGIT(c) || ((c) >= 'a' && (c) <= 'f') || \
			    ((c) >= 'A' && (c) <= 'F'))
#define H_ALNUM(c)	(H_DIGIT(c) || ((c) >= 'a' && (c) <= 'z') || \
			    ((c) >= 'A' && (c) <= 'Z'))
	if (*u == '[') {
		for (u++; *u != ']'; u++)
			if (*u == '\0' || (!H_ALNUM(*u) && *u != ':' &&
			    strchr(sub, *u) == NULL))
				return 0;
		u++;
	} else {
		while (*u != '\0' && *u != ':') {
			if (*u == '%') {
				if (!H_HEX(u[1]) || !H_HEX(u[2]))
					return 0;
				u += 3;
			} else if (H_ALNUM(*u) || strchr(sub, *u) != NULL)
				u++;
			else
				return 0;
		}
	}
	if (*u == ':')
		for (u++; H_DIGIT(*u); u++)
			;
#undef H_DIGIT
#undef H_HEX
#undef H_ALNUM
	return *u == '\0';
}

/* The empty line arrived: check the head as a whole, choose framing. */
static int
finish_head(struct http_parser *p)
{
	const char	*name, *value, *s, *cl = NULL, *te = NULL;
	const char	*host = NULL;
	size_t		 i, nhost = 0, ncl = 0, nte = 0;
	unsigned long long v;
	int		 st, conn_close = 0, conn_keep = 0;

	for (i = 0; i < p->nfields; i++) {
		name = p->head + p->fields[i].name;
		value = p->head + p->fields[i].value;
		if (strcasecmp(name, "Host") == 0) {
			nhost++;
			host = value;
		}
		else if (strcasecmp(name, "Content-Length") == 0) {
			ncl++;
			cl = value;
		} else if (strcasecmp(name, "Transfer-Encoding") == 0) {
			nte++;
			te = value;
		} else if (strcasecmp(name, "Connection") == 0) {
			if (list_has_token(value, "close"))
				conn_close = 1;
			if (list_has_token(value, "keep-alive"))
				conn_keep = 1;
		} else if (strcasecmp(name, "Expect") == 0) {
			if (strcasecmp(value, "100-continue") != 0)
				return set_error(p, 417,
				    "unsupported expectation");
			if (p->version == 11)
				p->expect_continue = 1;
		}
	}

	if (ncl > 1)
		return set_error(p, 400, "duplicate Content-Length");
	if (nte > 1)
		return set_error(p, 400, "duplicate Transfer-Encoding");
	if (ncl && nte)
		return set_error(p, 400,
		    "Content-Length with Transfer-Encoding");
	if (nte && p->version == 10)
		return set_error(p, 400, "Transfer-Encoding in HTTP/1.0");
	if (p->version == 11 && nhost != 1)
		return set_error(p, 400, nhost ? "duplicate Host" :
		    "missing Host");
	if (p->version == 10 && nhost > 1)
		return set_error(p, 400, "duplicate Host");
	if (host != NULL && !host_valid(host))
		return set_error(p, 400, "invalid Host");
	if (te != NULL && (st = check_te(te)) != 0)
		return set_error(p, st, st == 501 ?
		    "transfer coding not implemented" :
		    "invalid Transfer-Encoding");
	if (cl != NULL) {
		if (*cl == '\0')
			return set_error(p, 400, "invalid Content-Length");
		v = 0;
		for (s = cl; *s != '\0'; s++) {
			if (*s < '0' || *s > '9')
				return set_error(p, 400,
				    "invalid Content-Length");
			/* max_body is clamped far below overflow. */
			if (v <= p->lim.max_body)
				v = v * 10 + (unsigned long long)(*s - '0');
		}
		if (v > p->lim.max_body)
			return set_error(p, 413, "body too large");
		p->clen = (long long)v;
	}
	if (cl == NULL && te == NULL && (p->method == HTTP_METHOD_POST ||
	    p->method == HTTP_METHOD_PUT || p->method == HTTP_METHOD_PATCH))
		return set_error(p, 411, "length required");

	if (p->version == 11)
		p->keepalive = !conn_close;
	else
		p->keepalive = conn_keep && !conn_close;

	p->head_done = 1;
	if (te != NULL) {
		p->chunked = 1;
		p->state = S_CHUNKED;
		p->cstate = C_SIZE_START;
	} else if (p->clen > 0) {
		p->remaining = (size_t)p->clen;
		p->state = S_BODY;
	} else
		p->state = S_DONE;
	return 0;
}

/*
 * Take bytes of the head up to and including the next LF (or all of
 * them), checking the limit first; process the line if it is complete.
 */
static int
head_feed(struct http_parser *p, const unsigned char *s, size_t len,
    size_t *used)
{
	const unsigned char	*lf;
	size_t			 take, limit, ncap, start, n;
	char			*nh;

	lf = memchr(s, '\n', len);
	take = lf != NULL ? (size_t)(lf - s) + 1 : len;
	limit = p->state == S_REQLINE ? p->lim.max_line :
	    p->lim.max_header_bytes;
	/* Without the LF yet, the line will be at least one byte longer. */
	if (take > limit - p->count || (lf == NULL && take == limit - p->count))
		return p->state == S_REQLINE ?
		    set_error(p, 414, "request line too long") :
		    set_error(p, 431, "header section too large");

	if (p->headcap - p->headlen < take) {
		ncap = p->headcap ? p->headcap : 256;
		while (ncap - p->headlen < take)
			ncap *= 2;
		if ((nh = realloc(p->head, ncap)) == NULL)
			return set_error(p, 500, "out of memory");
		p->head = nh;
		p->headcap = ncap;
	}
	memcpy(p->head + p->headlen, s, take);
	p->headlen += take;
	p->count += take;
	*used = take;
	if (lf == NULL)
		return 0;

	start = p->line;
	n = p->headlen - start - 1;		/* without the LF */
	if (n == 0 || p->head[start + n - 1] != '\r')
		return set_error(p, 400, "bare LF in head");
	n--;					/* without the CR */
	if (memchr(p->head + start, '\r', n) != NULL)
		return set_error(p, 400, "bare CR in head");

	if (p->state == S_REQLINE) {
		if (n == 0) {
			/* Empty line before the request: skip, still count. */
			p->headlen = start;
			return 0;
		}
		if (parse_reqline(p, start, n) == HTTP_ERROR)
			return HTTP_ERROR;
		p->reqline_done = 1;
		p->state = S_HEADERS;
		p->count = 0;
	} else if (n == 0) {
		if (finish_head(p) == HTTP_ERROR)
			return HTTP_ERROR;
	} else if (parse_field(p, start, n) == HTTP_ERROR)
		return HTTP_ERROR;
	p->line = p->headlen;
	return 0;
}

/* Room for n more body bytes and a NUL; never past max_body + 1. */
static int
body_reserve(struct http_parser *p, size_t n)
{
	size_t		 need, ncap, cap_max;
	unsigned char	*nb;

	need = p->bodylen + n + 1;
	if (need <= p->bodycap)
		return 0;
	cap_max = (p->chunked ? p->lim.max_body : (size_t)p->clen) + 1;
	ncap = p->bodycap ? p->bodycap : 4096;
	while (ncap < need)
		ncap *= 2;
	if (ncap > cap_max)
		ncap = cap_max;
	if (ncap < need)
		return set_error(p, 413, "body too large");
	if ((nb = realloc(p->body, ncap)) == NULL)
		return set_error(p, 500, "out of memory");
	p->body = nb;
	p->bodycap = ncap;
	return 0;
}

static size_t
body_copy(struct http_parser *p, const unsigned char *s, size_t len)
{
	size_t	 take;

	take = len < p->remaining ? len : p->remaining;
	if (body_reserve(p, take) == HTTP_ERROR)
		return SIZE_MAX;
	memcpy(p->body + p->bodylen, s, take);
	p->bodylen += take;
	p->body[p->bodylen] = '\0';
	p->remaining -= take;
	return take;
}

static int
chunk_trailer_byte(struct http_parser *p)
{
	if (++p->trailer_bytes > p->lim.max_header_bytes)
		return set_error(p, 431, "trailer section too large");
	return 0;
}

/* Chunked framing; consumes what it can, sets S_DONE at the end. */
static int
chunked_feed(struct http_parser *p, const unsigned char *s, size_t len,
    size_t *used)
{
	size_t	 off = 0, n;
	int	 d;
	unsigned char c;

	while (off < len && p->state == S_CHUNKED) {
		if (p->cstate == C_DATA) {
			if ((n = body_copy(p, s + off, len - off)) == SIZE_MAX)
				return HTTP_ERROR;
			off += n;
			if (p->remaining == 0)
				p->cstate = C_DATA_CR;
			continue;
		}
		c = s[off++];
		switch (p->cstate) {
		case C_SIZE_START:
		case C_SIZE:
		case C_SIZE_WS:
		case C_EXT:
		case C_SIZE_LF:
			if (++p->chunkline > HTTP_MAX_CHUNK_LINE)
				return set_error(p, 400,
				    "chunk size line too long");
			break;
		case C_TRAILER_START:
		case C_TRAILER_NAME:
		case C_TRAILER_VALUE:
		case C_TRAILER_LF:
		case C_END_LF:
			if (chunk_trailer_byte(p) == HTTP_ERROR)
				return HTTP_ERROR;
			break;
		}
		switch (p->cstate) {
		case C_SIZE_START:
		case C_SIZE:
			if ((d = hexdig(c)) >= 0) {
				/*
				 * Checked per digit against what the body may
				 * still take, so it can never wrap around.
				 */
				p->remaining = p->remaining * 16 + (size_t)d;
				if (p->remaining > p->lim.max_body - p->bodylen)
					return set_error(p, 413,
					    "body too large");
				p->cstate = C_SIZE;
				break;
			}
			if (p->cstate == C_SIZE_START)
				return set_error(p, 400, "invalid chunk size");
			if (c == ';')
				p->cstate = C_EXT;
			else if (c == ' ' || c == '\t')
				p->cstate = C_SIZE_WS;
			else if (c == '\r')
				p->cstate = C_SIZE_LF;
			else
				return set_error(p, 400, "invalid chunk size");
			break;
		case C_SIZE_WS:
			if (c == ';')
				p->cstate = C_EXT;
			else if (c != ' ' && c != '\t')
				return set_error(p, 400, "invalid chunk size");
			break;
		case C_EXT:
			if (c == '\r')
				p->cstate = C_SIZE_LF;
			else if (!is_vchar(c))
				return set_error(p, 400,
				    "invalid chunk extension");
			break;
		case C_SIZE_LF:
			if (c != '\n')
				return set_error(p, 400, "bare CR in chunk");
			p->chunkline = 0;
			p->cstate = p->remaining ? C_DATA : C_TRAILER_START;
			break;
		case C_DATA_CR:
			if (c != '\r')
				return set_error(p, 400,
				    "chunk data not followed by CRLF");
			p->cstate = C_DATA_LF;
			break;
		case C_DATA_LF:
			if (c != '\n')
				return set_error(p, 400,
				    "chunk data not followed by CRLF");
			p->cstate = C_SIZE_START;
			break;
		case C_TRAILER_START:
			if (c == '\r')
				p->cstate = C_END_LF;
			else if (c == ' ' || c == '\t')
				return set_error(p, 400,
				    "obsolete line folding");
			else if (is_tchar(c)) {
				if (++p->ntrailers > p->lim.max_headers)
					return set_error(p, 431,
					    "too many trailer fields");
				p->cstate = C_TRAILER_NAME;
			} else
				return set_error(p, 400, "invalid trailer");
			break;
		case C_TRAILER_NAME:
			if (c == ':')
				p->cstate = C_TRAILER_VALUE;
			else if (!is_tchar(c))
				return set_error(p, 400,
				    "invalid trailer field name");
			break;
		case C_TRAILER_VALUE:
			if (c == '\r')
				p->cstate = C_TRAILER_LF;
			else if (!is_vchar(c))
				return set_error(p, 400,
				    "invalid character in trailer");
			break;
		case C_TRAILER_LF:
			if (c != '\n')
				return set_error(p, 400, "bare CR in trailer");
			p->cstate = C_TRAILER_START;
			break;
		case C_END_LF:
			if (c != '\n')
				return set_error(p, 400, "bare CR in trailer");
			p->state = S_DONE;
			break;
		}
	}
	*used = off;
	return 0;
}

int
http_parse(struct http_parser *p, const void *data, size_t len, size_t *used)
{
	const unsigned char	*s = data;
	size_t			 off = 0, n;
	int			 head_now = 0;

	*used = 0;
	if (p->state == S_ERROR)
		return HTTP_ERROR;
	if (p->state == S_DONE)
		return HTTP_DONE;
	if (s == NULL)
		len = 0;

	while (p->state == S_REQLINE || p->state == S_HEADERS) {
		if (off == len) {
			*used = off;
			return HTTP_NEED_MORE;
		}
		if (head_feed(p, s + off, len - off, &n) == HTTP_ERROR)
			goto fail;
		off += n;
		head_now = p->head_done;
	}
	while (off < len && (p->state == S_BODY || p->state == S_CHUNKED)) {
		if (p->state == S_BODY) {
			if ((n = body_copy(p, s + off, len - off)) == SIZE_MAX)
				goto fail;
			if (p->remaining == 0)
				p->state = S_DONE;
		} else if (chunked_feed(p, s + off, len - off, &n) ==
		    HTTP_ERROR)
			goto fail;
		off += n;
	}
	*used = off;
	if (p->state == S_DONE)
		return HTTP_DONE;
	return head_now ? HTTP_HEAD : HTTP_NEED_MORE;
 fail:
	*used = off;
	return HTTP_ERROR;
}

/* Keep len more bytes after the current request, within max_pending. */
static int
pend_add(struct http_parser *p, const void *data, size_t len)
{
	size_t		 ncap;
	unsigned char	*np;

	if (len == 0)
		return 0;
	if (len > p->lim.max_pending - p->pendlen)
		return set_error(p, 503, "too much pipelined input");
	if (p->pendoff > 0) {
		memmove(p->pend, p->pend + p->pendoff, p->pendlen);
		p->pendoff = 0;
	}
	if (p->pendcap - p->pendlen < len) {
		ncap = p->pendcap ? p->pendcap : 1024;
		while (ncap - p->pendlen < len)
			ncap *= 2;
		if (ncap > p->lim.max_pending)
			ncap = p->lim.max_pending;
		if ((np = realloc(p->pend, ncap)) == NULL)
			return set_error(p, 500, "out of memory");
		p->pend = np;
		p->pendcap = ncap;
	}
	memcpy(p->pend + p->pendlen, data, len);
	p->pendlen += len;
	return 0;
}

static void
pend_clear(struct http_parser *p)
{
	free(p->pend);
	p->pend = NULL;
	p->pendoff = p->pendlen = p->pendcap = 0;
}

int
http_feed(struct http_parser *p, const void *data, size_t len)
{
	size_t	 used;
	int	 rc, head = 0;

	if (data == NULL)
		len = 0;
	if (p->state == S_ERROR) {
		pend_clear(p);
		return HTTP_ERROR;
	}
	if (p->pendlen > 0 && p->state != S_DONE) {
		rc = http_parse(p, p->pend + p->pendoff, p->pendlen, &used);
		p->pendoff += used;
		p->pendlen -= used;
		if (p->pendlen == 0)
			p->pendoff = 0;
		if (rc == HTTP_ERROR) {
			pend_clear(p);
			return rc;
		}
		head = rc == HTTP_HEAD;
	}
	if (p->pendlen > 0 || p->state == S_DONE) {
		if (pend_add(p, data, len) == HTTP_ERROR) {
			pend_clear(p);
			return HTTP_ERROR;
		}
		return p->state == S_DONE ? HTTP_DONE :
		    head ? HTTP_HEAD : HTTP_NEED_MORE;
	}
	rc = http_parse(p, data, len, &used);
	if (rc == HTTP_ERROR) {
		pend_clear(p);
		return rc;
	}
	if (used < len && pend_add(p, (const unsigned char *)data + used,
	    len - used) == HTTP_ERROR) {
		pend_clear(p);
		return HTTP_ERROR;
	}
	if (rc == HTTP_NEED_MORE && head)
		rc = HTTP_HEAD;
	return rc;
}

const void *
http_pending(const struct http_parser *p, size_t *len)
{
	*len = p->pendlen;
	if (p->pendlen == 0)
		return "";
	return p->pend + p->pendoff;
}

int
http_status(const struct http_parser *p)
{
	return p->state == S_ERROR ? p->status : 0;
}

const char *
http_errstr(const struct http_parser *p)
{
	return p->state == S_ERROR ? p->errstr : NULL;
}

enum http_method
http_method(const struct http_parser *p)
{
	return p->head_done ? p->method : HTTP_METHOD_NONE;
}

const char *
http_method_str(const struct http_parser *p)
{
	return p->head_done ? p->head + p->method_off : NULL;
}

int
http_version(const struct http_parser *p)
{
	return p->head_done ? p->version : 0;
}

const char *
http_path(const struct http_parser *p)
{
	if (!p->head_done)
		return NULL;
	return p->path_off == NO_OFF ? "/" : p->head + p->path_off;
}

const char *
http_request_path(const struct http_parser *p)
{
	if (!p->reqline_done)
		return NULL;
	return p->path_off == NO_OFF ? "/" : p->head + p->path_off;
}

const char *
http_query(const struct http_parser *p)
{
	if (!p->head_done || p->query_off == NO_OFF)
		return NULL;
	return p->head + p->query_off;
}

int
http_keepalive(const struct http_parser *p)
{
	return p->head_done && p->state != S_ERROR && p->keepalive;
}

int
http_expect_continue(const struct http_parser *p)
{
	return p->head_done && p->expect_continue;
}

int
http_chunked(const struct http_parser *p)
{
	return p->head_done && p->chunked;
}

long long
http_content_length(const struct http_parser *p)
{
	return p->head_done ? p->clen : -1;
}

const char *
http_header(const struct http_parser *p, const char *name)
{
	size_t	 i;

	if (!p->head_done)
		return NULL;
	for (i = 0; i < p->nfields; i++)
		if (strcasecmp(p->head + p->fields[i].name, name) == 0)
			return p->head + p->fields[i].value;
	return NULL;
}

size_t
http_header_count(const struct http_parser *p)
{
	return p->head_done ? p->nfields : 0;
}

int
http_header_at(const struct http_parser *p, size_t i, const char **name,
    const char **value)
{
	if (!p->head_done || i >= p->nfields)
		return -1;
	*name = p->head + p->fields[i].name;
	*value = p->head + p->fields[i].value;
	return 0;
}

int
http_header_has_token(const struct http_parser *p, const char *name,
    const char *tok)
{
	size_t	 i;

	if (!p->head_done)
		return 0;
	for (i = 0; i < p->nfields; i++)
		if (strcasecmp(p->head + p->fields[i].name, name) == 0 &&
		    list_has_token(p->head + p->fields[i].value, tok))
			return 1;
	return 0;
}

const void *
http_body(const struct http_parser *p, size_t *len)
{
	if (p->state != S_DONE || p->body == NULL) {
		*len = 0;
		return "";
	}
	*len = p->bodylen;
	return p->body;
}

/*
 * Percent-decoding, query parameters and path segments.
 */

ssize_t
http_pct_decode(const char *src, size_t len, char *dst, size_t dstsz,
    int flags)
{
	size_t	 i, o = 0;
	int	 hi, lo;
	char	 c;

	if (dstsz == 0 || len > SSIZE_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (i = 0; i < len; i++) {
		c = src[i];
		if (c == '\0') {
			errno = EINVAL;
			return -1;
		}
		if (c == '%') {
			if (len - i < 3 ||
			    (hi = hexdig((unsigned char)src[i + 1])) < 0 ||
			    (lo = hexdig((unsigned char)src[i + 2])) < 0) {
				errno = EINVAL;
				return -1;
			}
			c = (char)(hi << 4 | lo);
			if (c == '\0' ||
			    (c == '/' && (flags & HTTP_PCT_SEGMENT))) {
				errno = EINVAL;
				return -1;
			}
			i += 2;
		} else if (c == '+' && (flags & HTTP_PCT_PLUS))
			c = ' ';
		if (dstsz - o < 2) {
			errno = ENAMETOOLONG;
			return -1;
		}
		dst[o++] = c;
	}
	dst[o] = '\0';
	return (ssize_t)o;
}

int
http_query_next(const char **cursor, char *name, size_t namesz, char *val,
    size_t valsz)
{
	const char	*q = *cursor, *eq;
	size_t		 n;

	if (q == NULL)
		return 0;
	while (*q == '&')
		q++;
	*cursor = q;
	if (*q == '\0')
		return 0;
	n = strcspn(q, "&");
	eq = memchr(q, '=', n);
	if (http_pct_decode(q, eq ? (size_t)(eq - q) : n, name, namesz,
	    HTTP_PCT_PLUS) == -1)
		return -1;
	if (eq != NULL) {
		if (http_pct_decode(eq + 1, n - (size_t)(eq + 1 - q), val,
		    valsz, HTTP_PCT_PLUS) == -1)
			return -1;
	} else if (http_pct_decode("", 0, val, valsz, 0) == -1)
		return -1;
	*cursor = q + n;
	return 1;
}

int
http_query_param(const struct http_parser *p, const char *want, char *buf,
    size_t bufsz)
{
	const char	*q, *eq;
	char		 name[256];
	size_t		 n;

	if ((q = http_query(p)) == NULL)
		return 0;
	for (;;) {
		while (*q == '&')
			q++;
		if (*q == '\0')
			return 0;
		n = strcspn(q, "&");
		eq = memchr(q, '=', n);
		if (http_pct_decode(q, eq ? (size_t)(eq - q) : n, name,
		    sizeof(name), HTTP_PCT_PLUS) == -1) {
			/* A longer name cannot be the one we want. */
			if (errno != ENAMETOOLONG)
				return -1;
		} else if (strcmp(name, want) == 0) {
			if (eq == NULL)
				return http_pct_decode("", 0, buf, bufsz, 0) ==
				    -1 ? -1 : 1;
			return http_pct_decode(eq + 1,
			    n - (size_t)(eq + 1 - q), buf, bufsz,
			    HTTP_PCT_PLUS) == -1 ? -1 : 1;
		}
		q += n;
	}
}

int
http_path_segment(const char **cursor, char *buf, size_t bufsz)
{
	const char	*s = *cursor;
	size_t		 n;

	if (s == NULL || *s == '\0')
		return 0;
	if (*s != '/') {
		errno = EINVAL;
		return -1;
	}
	s++;
	n = strcspn(s, "/");
	if (http_pct_decode(s, n, buf, bufsz, HTTP_PCT_SEGMENT) == -1)
		return -1;
	if (strcmp(buf, ".") == 0 || strcmp(buf, "..") == 0) {
		errno = EINVAL;
		return -1;
	}
	*cursor = s + n;
	return 1;
}

/*
 * Output buffers.
 */

void
http_buf_init(struct http_buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max ? max : HTTP_BUF_MAX;
	/* So that doubling the capacity cannot wrap. */
	if (b->max > SIZE_MAX / 4)
		b->max = SIZE_MAX / 4;
}

void
http_buf_fixed(struct http_buf *b, void *mem, size_t size)
{
	memset(b, 0, sizeof(*b));
	b->data = mem;
	b->cap = size;
	b->max = size ? size - 1 : 0;
	b->fixed = 1;
	if (size)
		b->data[0] = '\0';
	else
		b->err = 1;
}

void
http_buf_reset(struct http_buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->cap)
		b->data[0] = '\0';
	else if (b->fixed)
		b->err = 1;
}

void
http_buf_free(struct http_buf *b)
{
	if (!b->fixed)
		free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Room for n more bytes plus a NUL. */
static int
buf_reserve(struct http_buf *b, size_t n)
{
	size_t	 ncap;
	char	*nd;

	if (b->err) {
		errno = ENOBUFS;
		return -1;
	}
	if (n > b->max - b->len) {
		b->err = 1;
		errno = ENOBUFS;
		return -1;
	}
	if (b->cap - b->len > n)
		return 0;
	if (b->fixed) {
		b->err = 1;
		errno = ENOBUFS;
		return -1;
	}
	ncap = b->cap ? b->cap : 256;
	while (ncap - b->len <= n)
		ncap *= 2;
	if (ncap > b->max + 1)
		ncap = b->max + 1;
	if ((nd = realloc(b->data, ncap)) == NULL) {
		b->err = 1;
		return -1;
	}
	b->data = nd;
	b->cap = ncap;
	return 0;
}

int
http_buf_add(struct http_buf *b, const void *data, size_t len)
{
	if (buf_reserve(b, len) == -1)
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
http_buf_addstr(struct http_buf *b, const char *s)
{
	return http_buf_add(b, s, strlen(s));
}

int
http_buf_printf(struct http_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->err = 1;
		return -1;
	}
	if (buf_reserve(b, (size_t)n) == -1)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

/* Undo a partly written record: back to len, keep err set. */
static int
buf_rollback(struct http_buf *b, size_t len)
{
	int	 saved = errno;

	if (len <= b->len) {
		b->len = len;
		if (b->cap)
			b->data[len] = '\0';
	}
	b->err = 1;
	errno = saved;
	return -1;
}

/*
 * Responses.
 */

static const struct {
	int		 status;
	const char	*reason;
	const char	*code;
} http_statuses[] = {
	{ 100, "Continue",			"continue" },
	{ 101, "Switching Protocols",		"switching_protocols" },
	{ 200, "OK",				"ok" },
	{ 201, "Created",			"created" },
	{ 202, "Accepted",			"accepted" },
	{ 204, "No Content",			"no_content" },
	{ 301, "Moved Permanently",		"moved_permanently" },
	{ 302, "Found",				"found" },
	{ 304, "Not Modified",			"not_modified" },
	{ 400, "Bad Request",			"bad_request" },
	{ 401, "Unauthorized",			"unauthorized" },
	{ 403, "Forbidden",			"forbidden" },
	{ 404, "Not Found",			"not_found" },
	{ 405, "Method Not Allowed",		"method_not_allowed" },
	{ 406, "Not Acceptable",		"not_acceptable" },
	{ 408, "Request Timeout",		"request_timeout" },
	{ 409, "Conflict",			"conflict" },
	{ 410, "Gone",				"gone" },
	{ 411, "Length Required",		"length_required" },
	{ 412, "Precondition Failed",		"precondition_failed" },
	{ 413, "Content Too Large",		"content_too_large" },
	{ 414, "URI Too Long",			"uri_too_long" },
	{ 415, "Unsupported Media Type",	"unsupported_media_type" },
	{ 417, "Expectation Failed",		"expectation_failed" },
	{ 422, "Unprocessable Content",		"unprocessable_content" },
	{ 426, "Upgrade Required",		"upgrade_required" },
	{ 429, "Too Many Requests",		"too_many_requests" },
	{ 431, "Request Header Fields Too Large", "header_fields_too_large" },
	/* nginx's: the answer to a call its client's half-close ended */
	{ 499, "Client Closed Request",		"client_closed_request" },
	{ 500, "Internal Server Error",		"internal_error" },
	{ 501, "Not Implemented",		"not_implemented" },
	{ 502, "Bad Gateway",			"bad_gateway" },
	{ 503, "Service Unavailable",		"service_unavailable" },
	{ 504, "Gateway Timeout",		"gateway_timeout" },
	{ 505, "HTTP Version Not Supported",	"http_version_not_supported" },
	{ 507, "Insufficient Storage",		"insufficient_storage" }
};

const char *
http_reason(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(http_statuses) / sizeof(http_statuses[0]); i++)
		if (http_statuses[i].status == status)
			return http_statuses[i].reason;
	return "Unknown";
}

const char *
http_error_code(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(http_statuses) / sizeof(http_statuses[0]); i++)
		if (http_statuses[i].status == status)
			return http_statuses[i].code;
	if (status >= 400 && status < 500)
		return "client_error";
	if (status >= 500 && status < 600)
		return "server_error";
	return "error";
}

int
http_date(time_t t, char *buf, size_t bufsz)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	struct tm	 tm;
	int		 n;

	/* Our own names: strftime(3) %a and %b follow the locale. */
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 0 ||
	    tm.tm_year + 1900 > 9999 || tm.tm_wday < 0 || tm.tm_wday > 6 ||
	    tm.tm_mon < 0 || tm.tm_mon > 11) {
		errno = EINVAL;
		return -1;
	}
	n = snprintf(buf, bufsz, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (n < 0 || (size_t)n >= bufsz) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static int
valid_field_value(const char *s)
{
	for (; *s != '\0'; s++)
		if (!is_vchar((unsigned char)*s))
			return 0;
	return 1;
}

static int
valid_field_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!is_tchar((unsigned char)*s))
			return 0;
	return 1;
}

int
http_response_write(struct http_buf *b, const struct http_response *r)
{
	static const char *const managed[] = {
		"Connection", "Content-Length", "Content-Type", "Date",
		"Transfer-Encoding"
	};
	char		 date[64];
	size_t		 start = b->len, i, j;
	int		 version, bodyless;

	version = r->version ? r->version : 11;
	bodyless = r->status < 200 || r->status == 204 || r->status == 304;
	if (r->status < 100 || r->status > 599 ||
	    (version != 10 && version != 11) ||
	    r->conn < HTTP_CONN_KEEPALIVE || r->conn > HTTP_CONN_UPGRADE ||
	    (r->content_length < 0 &&
	    r->content_length != HTTP_LENGTH_CHUNKED &&
	    r->content_length != HTTP_LENGTH_NONE) ||
	    (r->content_type != NULL && (*r->content_type == '\0' ||
	    !valid_field_value(r->content_type))))
		goto inval;
	if (!bodyless) {
		if (r->content_length == HTTP_LENGTH_CHUNKED && version == 10)
			goto inval;
		if (r->content_length == HTTP_LENGTH_NONE &&
		    r->conn == HTTP_CONN_KEEPALIVE)
			goto inval;
	}
	if (r->nheaders > 0 && r->headers == NULL)
		goto inval;
	for (i = 0; i < r->nheaders; i++) {
		if (r->headers[i].name == NULL || r->headers[i].value == NULL ||
		    !valid_field_name(r->headers[i].name) ||
		    !valid_field_value(r->headers[i].value))
			goto inval;
		for (j = 0; j < sizeof(managed) / sizeof(managed[0]); j++)
			if (strcasecmp(r->headers[i].name, managed[j]) == 0)
				goto inval;
	}
	if (r->date != 0 && http_date(r->date, date, sizeof(date)) == -1)
		goto inval;

	if (http_buf_printf(b, "HTTP/1.1 %d %s\r\n", r->status,
	    http_reason(r->status)) == -1)
		return buf_rollback(b, start);
	if (r->date != 0 &&
	    http_buf_printf(b, "Date: %s\r\n", date) == -1)
		return buf_rollback(b, start);
	if (r->content_type != NULL &&
	    http_buf_printf(b, "Content-Type: %s\r\n", r->content_type) == -1)
		return buf_rollback(b, start);
	if (!bodyless) {
		if (r->content_length >= 0) {
			if (http_buf_printf(b, "Content-Length: %lld\r\n",
			    r->content_length) == -1)
				return buf_rollback(b, start);
		} else if (r->content_length == HTTP_LENGTH_CHUNKED &&
		    http_buf_addstr(b, "Transfer-Encoding: chunked\r\n") == -1)
			return buf_rollback(b, start);
	}
	if (r->conn == HTTP_CONN_CLOSE) {
		if (http_buf_addstr(b, "Connection: close\r\n") == -1)
			return buf_rollback(b, start);
	} else if (r->conn == HTTP_CONN_UPGRADE) {
		if (http_buf_addstr(b, "Connection: Upgrade\r\n") == -1)
			return buf_rollback(b, start);
	} else if (version == 10 &&
	    http_buf_addstr(b, "Connection: keep-alive\r\n") == -1)
		return buf_rollback(b, start);
	for (i = 0; i < r->nheaders; i++)
		if (http_buf_printf(b, "%s: %s\r\n", r->headers[i].name,
		    r->headers[i].value) == -1)
			return buf_rollback(b, start);
	if (http_buf_addstr(b, "\r\n") == -1)
		return buf_rollback(b, start);
	return 0;
 inval:
	errno = EINVAL;
	return -1;
}

int
http_chunk(struct http_buf *b, const void *data, size_t len)
{
	size_t	 start = b->len;

	if (len == 0)
		return 0;
	if (http_buf_printf(b, "%zx\r\n", len) == -1 ||
	    http_buf_add(b, data, len) == -1 ||
	    http_buf_addstr(b, "\r\n") == -1)
		return buf_rollback(b, start);
	return 0;
}

int
http_chunk_end(struct http_buf *b)
{
	return http_buf_addstr(b, "0\r\n\r\n");
}

int
http_json_escape(struct http_buf *b, const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, run, n, start = b->len;
	char			 esc[8];
	const char		*e;

	while (i < len) {
		/* Copy the longest run that needs no escaping at once. */
		for (run = i; run < len && s[run] >= 0x20 && s[run] < 0x80 &&
		    s[run] != '"' && s[run] != '\\'; run++)
			;
		if (run > i && http_buf_add(b, s + i, run - i) == -1)
			return buf_rollback(b, start);
		i = run;
		if (i == len)
			break;
		if (s[i] >= 0x80) {
			if ((n = utf8_seqlen(s + i, len - i)) == 0) {
				/* U+FFFD REPLACEMENT CHARACTER */
				if (http_buf_add(b, "\xef\xbf\xbd", 3) == -1)
					return buf_rollback(b, start);
				i++;
			} else {
				if (http_buf_add(b, s + i, n) == -1)
					return buf_rollback(b, start);
				i += n;
			}
			continue;
		}
		switch (s[i]) {
		case '"':
			e = "\\\"";
			break;
		case '\\':
			e = "\\\\";
			break;
		case '\b':
			e = "\\b";
			break;
		case '\f':
			e = "\\f";
			break;
		case '\n':
			e = "\\n";
			break;
		case '\r':
			e = "\\r";
			break;
		case '\t':
			e = "\\t";
			break;
		default:
			(void)snprintf(esc, sizeof(esc), "\\u%04x", s[i]);
			e = esc;
			break;
		}
		if (http_buf_addstr(b, e) == -1)
			return buf_rollback(b, start);
		i++;
	}
	return 0;
}

int
http_json_error(struct http_buf *b, const char *code, const char *msg)
{
	size_t	 start = b->len;

	if (code == NULL)
		code = "error";
	if (msg == NULL)
		msg = "";
	if (http_buf_addstr(b, "{\"error\":{\"code\":\"") == -1 ||
	    http_json_escape(b, code, strlen(code)) == -1 ||
	    http_buf_addstr(b, "\",\"message\":\"") == -1 ||
	    http_json_escape(b, msg, strlen(msg)) == -1 ||
	    http_buf_addstr(b, "\"}}") == -1)
		return buf_rollback(b, start);
	return 0;
}

int
http_error_response(struct http_buf *b, int status, int version, int conn,
    const char *code, const char *msg)
{
	struct http_buf		 body;
	struct http_response	 r;
	size_t			 start = b->len;

	http_buf_init(&body, 0);
	if (http_json_error(&body, code ? code : http_error_code(status),
	    msg ? msg : http_reason(status)) == -1) {
		http_buf_free(&body);
		return buf_rollback(b, start);
	}
	memset(&r, 0, sizeof(r));
	r.status = status;
	r.version = version;
	r.conn = conn;
	r.content_type = "application/json";
	r.content_length = (long long)body.len;
	if (http_response_write(b, &r) == -1) {
		http_buf_free(&body);
		return -1;
	}
	if (http_buf_add(b, body.data, body.len) == -1) {
		http_buf_free(&body);
		return buf_rollback(b, start);
	}
	http_buf_free(&body);
	return 0;
}

static int
sse_field_ok(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

int
http_sse_event(struct http_buf *b, const char *event, const char *id,
    const void *data, size_t len)
{
	const char	*s = data;
	size_t		 start = b->len, i, n;

	if ((event != NULL && !sse_field_ok(event)) ||
	    (id != NULL && !sse_field_ok(id)) || (s == NULL && len > 0)) {
		errno = EINVAL;
		return -1;
	}
	if (s == NULL)
		s = "";
	if (id != NULL && http_buf_printf(b, "id: %s\n", id) == -1)
		return buf_rollback(b, start);
	if (event != NULL && http_buf_printf(b, "event: %s\n", event) == -1)
		return buf_rollback(b, start);
	i = 0;
	for (;;) {
		for (n = i; n < len && s[n] != '\r' && s[n] != '\n'; n++)
			;
		if (http_buf_addstr(b, "data: ") == -1 ||
		    http_buf_add(b, s + i, n - i) == -1 ||
		    http_buf_addstr(b, "\n") == -1)
			return buf_rollback(b, start);
		if (n == len)
			break;
		/* CRLF, LF and CR each end one line. */
		if (s[n] == '\r' && n + 1 < len && s[n + 1] == '\n')
			n++;
		i = n + 1;
	}
	if (http_buf_addstr(b, "\n") == -1)
		return buf_rollback(b, start);
	return 0;
}

int
http_sse_comment(struct http_buf *b, const char *text)
{
	size_t	 start = b->len;

	if (text == NULL)
		text = "";
	if (!sse_field_ok(text)) {
		errno = EINVAL;
		return -1;
	}
	if (http_buf_printf(b, ":%s%s\n\n", *text ? " " : "", text) == -1)
		return buf_rollback(b, start);
	return 0;
}
