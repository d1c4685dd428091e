/*
 * A blocking HTTP/1.1 client for the agent socket (see harness.h).  It
 * is strict about what it accepts: one status line, bounded headers,
 * Content-Length or chunked bodies, and SSE framing for event streams.
 * After a response we cannot trust to have read to its end (an error,
 * a stopped stream, Connection: close) the connection is closed, so a
 * later request fails cleanly instead of reading stale bytes.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <json-c/json.h>

#include "harness.h"
#include "hexdig.h"
#include "http.h"

#define HH_HEAD_MAX	(64 * 1024)
#define HH_BODY_MAX	(256 * 1024 * 1024)
#define HH_EVENT_MAX	(16 * 1024 * 1024)
#define HH_TARGET_MAX	8000	/* bytes of a request target */
#define HH_TOKEN_MAX	4096	/* bytes of a Bearer token */

struct harness_http {
	int		 fd;
	char		*auth;
	char		 buf[16384];
	size_t		 off, len;	/* unread bytes: buf[off..len) */
};

struct harness_http *
harness_http_connect(const char *path, char *err, size_t errlen)
{
	struct harness_http	*h;
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlcpy(sun.sun_path, path, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path)) {
		snprintf(err, errlen, "%s: path too long", path);
		return NULL;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	if ((h = harness_http_fdopen(fd, err, errlen)) == NULL)
		close(fd);
	return h;
}

struct harness_http *
harness_http_fdopen(int fd, char *err, size_t errlen)
{
	struct harness_http	*h;

	if (fd < 0) {
		snprintf(err, errlen, "bad file descriptor");
		return NULL;
	}
	if ((h = calloc(1, sizeof(*h))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	h->fd = fd;
	return h;
}

void
harness_http_auth(struct harness_http *h, const char *token)
{
	if (h->auth != NULL)
		freezero(h->auth, strlen(h->auth));
	h->auth = token != NULL ? strdup(token) : NULL;
}

/* Visible ASCII only: no CR/LF to split a header, no spaces in a line. */
static int
hh_token_ok(const char *s, size_t max)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= max || s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return i > 0;
}

static void
hh_drop(struct harness_http *h)
{
	if (h->fd != -1)
		close(h->fd);
	h->fd = -1;
	h->off = h->len = 0;
}

void
harness_http_close(struct harness_http *h)
{
	if (h == NULL)
		return;
	if (h->fd != -1)
		close(h->fd);
	if (h->auth != NULL)
		freezero(h->auth, strlen(h->auth));
	free(h);
}

void
harness_http_resp_free(struct harness_http_resp *r)
{
	free(r->body);
	r->body = NULL;
	r->blen = 0;
}

static int
fill(struct harness_http *h)
{
	ssize_t	 n;

	if (h->off == h->len)
		h->off = h->len = 0;
	else if (h->off > 0) {
		memmove(h->buf, h->buf + h->off, h->len - h->off);
		h->len -= h->off;
		h->off = 0;
	}
	if (h->len == sizeof(h->buf))
		return 1;
	do
		n = read(h->fd, h->buf + h->len, sizeof(h->buf) - h->len);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return n == 0 ? 0 : -1;
	h->len += (size_t)n;
	return 1;
}

/* One line (CRLF or LF), without its end, into out.  1, 0 EOF, -1. */
static int
getline_hh(struct harness_http *h, char *out, size_t outsz)
{
	char	*nl;
	size_t	 n;
	int	 rc;

	for (;;) {
		nl = memchr(h->buf + h->off, '\n', h->len - h->off);
		if (nl != NULL) {
			n = (size_t)(nl - (h->buf + h->off));
			if (n > 0 && nl[-1] == '\r')
				n--;
			if (n >= outsz)
				return -1;
			memcpy(out, h->buf + h->off, n);
			out[n] = '\0';
			h->off = (size_t)(nl - h->buf) + 1;
			return 1;
		}
		if (h->len - h->off >= outsz)
			return -1;
		if ((rc = fill(h)) <= 0)
			return rc;
	}
}

/* Exactly n bytes, appended to d. */
static int
getbytes(struct harness_http *h, size_t n, struct http_buf *d)
{
	size_t	 k;

	while (n > 0) {
		if (h->off == h->len && fill(h) <= 0)
			return -1;
		k = h->len - h->off;
		if (k > n)
			k = n;
		if (http_buf_add(d, h->buf + h->off, k) == -1)
			return -1;
		h->off += k;
		n -= k;
	}
	return 0;
}

/* Feed stream bytes to the SSE parser; events go to cb. */
struct sse {
	struct http_buf	 line;		/* both at most HH_EVENT_MAX */
	struct http_buf	 data;
	char		 event[64];
	int		 stop;
	harness_sse_fn	 cb;
	void		*arg;
};

static int
sse_line(struct sse *s, const char *l, size_t n)
{
	const char	*v;
	size_t		 vn;

	if (n == 0) {
		if (s->data.len > 0 || s->event[0] != '\0') {
			/* The data lines are joined by newlines. */
			if (s->data.len > 0)
				s->data.data[--s->data.len] = '\0';
			if (s->cb(s->event[0] ? s->event : "message",
			    s->data.data ? s->data.data : "", s->data.len,
			    s->arg) != 0)
				s->stop = 1;
		}
		http_buf_reset(&s->data);
		s->event[0] = '\0';
		return 0;
	}
	if (l[0] == ':')
		return 0;
	v = memchr(l, ':', n);
	vn = v != NULL ? n - (size_t)(v - l) - 1 : 0;
	if (v != NULL) {
		v++;
		if (vn > 0 && *v == ' ') {
			v++;
			vn--;
		}
	} else
		v = "";
	if (n >= 5 && strncmp(l, "event", 5) == 0 && (n == 5 || l[5] == ':')) {
		if (vn >= sizeof(s->event))
			vn = sizeof(s->event) - 1;
		memcpy(s->event, v, vn);
		s->event[vn] = '\0';
	} else if (n >= 4 && strncmp(l, "data", 4) == 0 &&
	    (n == 4 || l[4] == ':')) {
		if (http_buf_add(&s->data, v, vn) == -1 ||
		    http_buf_add(&s->data, "\n", 1) == -1)
			return -1;
	}
	return 0;
}

static int
sse_feed(struct sse *s, const char *p, size_t n)
{
	size_t	 i, start = 0;

	for (i = 0; i < n && !s->stop; i++) {
		if (p[i] != '\n')
			continue;
		if (http_buf_add(&s->line, p + start, i - start) == -1)
			return -1;
		if (s->line.len > 0 && s->line.data[s->line.len - 1] == '\r')
			s->line.len--;
		if (sse_line(s, s->line.data, s->line.len) == -1)
			return -1;
		http_buf_reset(&s->line);
		start = i + 1;
	}
	if (!s->stop && start < n && http_buf_add(&s->line, p + start,
	    n - start) == -1)
		return -1;
	return 0;
}

int
harness_http_request(struct harness_http *h, const char *method,
    const char *target, const char *body, size_t blen,
    struct harness_http_resp *resp, harness_sse_fn cb, void *arg, char *err,
    size_t errlen)
{
	struct http_buf	 req, out, all;
	struct sse	 sse;
	char		 line[8192];
	const char	*p;
	size_t		 total = 0, off;
	ssize_t		 n;
	long long	 clen = -1, chunk;
	int		 chunked = 0, is_sse, rc = -1, nh, head, sent = 0;
	int		 closing = 0, k, cut = 0;
	char		*end;

	memset(resp, 0, sizeof(*resp));
	memset(&sse, 0, sizeof(sse));
	http_buf_init(&req, HH_BODY_MAX + 16384);
	http_buf_init(&out, HH_BODY_MAX);
	http_buf_init(&all, HH_BODY_MAX);
	http_buf_init(&sse.line, HH_EVENT_MAX);
	http_buf_init(&sse.data, HH_EVENT_MAX);
	if (!hh_token_ok(method, 32) || !hh_token_ok(target, HH_TARGET_MAX)) {
		snprintf(err, errlen, "bad method or request target");
		return -1;
	}
	if (h->auth != NULL && !hh_token_ok(h->auth, HH_TOKEN_MAX)) {
		snprintf(err, errlen, "bad Bearer token");
		return -1;
	}
	if (body == NULL)
		blen = 0;
	if (blen > HH_BODY_MAX) {
		snprintf(err, errlen, "request body too large");
		return -1;
	}
	if (h->fd == -1) {
		snprintf(err, errlen, "connection closed");
		return -1;
	}
	head = strcasecmp(method, "HEAD") == 0;
	http_buf_printf(&req, "%s %s HTTP/1.1\r\nHost: harness\r\n"
	    "Accept: application/json, text/event-stream\r\n", method, target);
	if (h->auth != NULL)
		http_buf_printf(&req, "Authorization: Bearer %s\r\n", h->auth);
	if (body != NULL)
		http_buf_printf(&req, "Content-Type: application/json\r\n"
		    "Content-Length: %zu\r\n", blen);
	http_buf_add(&req, "\r\n", 2);
	if (body != NULL)
		http_buf_add(&req, body, blen);
	if (req.err)
		goto nomem;
	/* From here on, a failure leaves the connection unusable. */
	sent = 1;
	for (off = 0; off < req.len; off += (size_t)n) {
		/* send(2), not write(2): a closed peer is EPIPE, no signal. */
		n = send(h->fd, req.data + off, req.len - off, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR) {
			n = 0;
			continue;
		}
		if (n == -1 && (errno == EPIPE || errno == ECONNRESET)) {
			/*
			 * The server stopped reading, as for a body over its
			 * limit: its answer (413) may be there to read.
			 */
			cut = 1;
			break;
		}
		if (n <= 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			goto done;
		}
	}

	/* Status line and headers. */
	if (getline_hh(h, line, sizeof(line)) != 1 ||
	    strncmp(line, "HTTP/1.", 7) != 0 || strlen(line) < 12 ||
	    !isdigit((unsigned char)line[9])) {
		snprintf(err, errlen, "%s", cut ? "connection closed by the "
		    "server before the request was sent" :
		    "no HTTP response (connection closed?)");
		goto done;
	}
	resp->status = atoi(line + 9);
	for (nh = 0;; nh++) {
		if (nh > 100 || getline_hh(h, line, sizeof(line)) != 1) {
			snprintf(err, errlen, "bad response headers");
			goto done;
		}
		total += strlen(line);
		if (line[0] == '\0')
			break;
		if (total > HH_HEAD_MAX || (p = strchr(line, ':')) == NULL) {
			snprintf(err, errlen, "bad response header");
			goto done;
		}
		for (p++; *p == ' ' || *p == '\t'; p++)
			;
		if (strncasecmp(line, "content-length:", 15) == 0) {
			errno = 0;
			clen = strtoll(p, &end, 10);
			if (errno != 0 || *end != '\0' || clen < 0 ||
			    clen > HH_BODY_MAX) {
				snprintf(err, errlen, "bad Content-Length");
				goto done;
			}
		} else if (strncasecmp(line, "transfer-encoding:", 18) == 0)
			chunked = strcasecmp(p, "chunked") == 0;
		else if (strncasecmp(line, "content-type:", 13) == 0)
			strlcpy(resp->ctype, p, sizeof(resp->ctype));
		else if (strncasecmp(line, "retry-after:", 12) == 0)
			strlcpy(resp->retry_after, p,
			    sizeof(resp->retry_after));
		else if (strncasecmp(line, "connection:", 11) == 0)
			closing = strcasecmp(p, "close") == 0;
	}
	is_sse = cb != NULL && strncmp(resp->ctype, "text/event-stream", 17)
	    == 0;
	sse.cb = cb;
	sse.arg = arg;

	if (head || resp->status / 100 == 1 || resp->status == 204 ||
	    resp->status == 304) {
		/* No body, whatever the headers say (RFC 9112 6.3). */
	} else if (chunked) {
		for (;;) {
			if ((k = getline_hh(h, line, sizeof(line))) != 1) {
				snprintf(err, errlen, "%s", k == 0 ?
				    "connection closed before the end of the "
				    "response" : "bad chunk");
				goto done;
			}
			/* Hex digits, then nothing or an extension. */
			chunk = 0;
			for (p = line; (k = hexdig((unsigned char)*p)) >=
			    0 && chunk <= HH_BODY_MAX; p++)
				chunk = chunk * 16 + k;
			if (p > line)
				while (*p == ' ' || *p == '\t')
					p++;
			if (p == line || chunk > HH_BODY_MAX ||
			    (*p != '\0' && *p != ';')) {
				snprintf(err, errlen, "bad chunk size");
				goto done;
			}
			if (chunk == 0) {
				/* Trailers, then the empty line. */
				do {
					if (getline_hh(h, line, sizeof(line))
					    != 1) {
						snprintf(err, errlen,
						    "bad chunk trailer");
						goto done;
					}
				} while (line[0] != '\0');
				break;
			}
			http_buf_reset(&out);
			if (getbytes(h, (size_t)chunk, &out) == -1 ||
			    getline_hh(h, line, sizeof(line)) != 1) {
				snprintf(err, errlen, "truncated chunk");
				goto done;
			}
			if (is_sse) {
				if (sse_feed(&sse, out.data, out.len) == -1) {
					snprintf(err, errlen, "bad event");
					goto done;
				}
				if (sse.stop) {
					closing = 1;
					break;
				}
			} else if (http_buf_add(&all, out.data, out.len) == -1)
				goto nomem;
		}
	} else if (clen >= 0) {
		if (getbytes(h, (size_t)clen, &all) == -1) {
			snprintf(err, errlen, "truncated body");
			goto done;
		}
		if (is_sse && (sse_feed(&sse, all.data ? all.data : "",
		    all.len) == -1 || sse_feed(&sse, "\n", 1) == -1)) {
			snprintf(err, errlen, "bad event");
			goto done;
		}
	} else {
		/* Until the connection closes. */
		for (;;) {
			if (h->off == h->len && fill(h) <= 0)
				break;
			if (is_sse) {
				if (sse_feed(&sse, h->buf + h->off, h->len -
				    h->off) == -1) {
					snprintf(err, errlen, "bad event");
					goto done;
				}
			} else if (http_buf_add(&all, h->buf + h->off, h->len -
			    h->off) == -1)
				goto nomem;
			h->off = h->len;
			if (sse.stop)
				break;
		}
		closing = 1;
	}
	/* The body (empty for a stream) is the caller's now. */
	if (is_sse || all.data == NULL) {
		http_buf_reset(&all);
		if (http_buf_add(&all, "", 0) == -1)
			goto nomem;
	}
	resp->body = all.data;
	resp->blen = all.len;
	all.data = NULL;
	if (closing)
		hh_drop(h);
	rc = 0;
	goto done;
 nomem:
	snprintf(err, errlen, "out of memory");
 done:
	if (rc == -1 && sent)
		hh_drop(h);
	if (req.data != NULL)
		explicit_bzero(req.data, req.cap);	/* it may hold the token */
	http_buf_free(&req);
	http_buf_free(&out);
	http_buf_free(&all);
	http_buf_free(&sse.line);
	http_buf_free(&sse.data);
	if (rc == -1)
		harness_http_resp_free(resp);
	return rc;
}

void
harness_http_errmsg(const struct harness_http_resp *r, char *buf,
    size_t bufsz)
{
	struct json_object	*o, *e, *m;

	o = r->body != NULL ? json_tokener_parse(r->body) : NULL;
	if (o != NULL && json_object_object_get_ex(o, "error", &e) &&
	    json_object_object_get_ex(e, "message", &m) &&
	    json_object_is_type(m, json_type_string))
		strlcpy(buf, json_object_get_string(m), bufsz);
	else
		snprintf(buf, bufsz, "HTTP %d: %.200s", r->status,
		    r->body != NULL ? r->body : "");
	json_object_put(o);
}
