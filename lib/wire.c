/*
 * wire: bounds-checked encoding of imsg payloads.  See wire.h.
 *
 * Both sides are sticky: after the first failure every later call is a
 * no-op (writer) or fails (reader), so a caller may run a whole
 * sequence and check once with wire_ok() or wire_end().  A failed get
 * consumes nothing.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static void	wire_put(struct wbuf *, const void *, size_t);
static int	wire_get(struct rbuf *, void *, size_t);
static int	wire_get_len(struct rbuf *, size_t, size_t *);

void
wire_init(struct wbuf *wb)
{
	wb->len = 0;
	wb->err = 0;
}

static void
wire_put(struct wbuf *wb, const void *p, size_t n)
{
	if (wb->err)
		return;
	if (n > sizeof(wb->buf) - wb->len) {
		wb->err = 1;
		return;
	}
	if (n > 0)
		memcpy(wb->buf + wb->len, p, n);
	wb->len += n;
}

void
wire_put_u8(struct wbuf *wb, uint8_t v)
{
	wire_put(wb, &v, sizeof(v));
}

void
wire_put_u16(struct wbuf *wb, uint16_t v)
{
	wire_put(wb, &v, sizeof(v));
}

void
wire_put_u32(struct wbuf *wb, uint32_t v)
{
	wire_put(wb, &v, sizeof(v));
}

void
wire_put_u64(struct wbuf *wb, uint64_t v)
{
	wire_put(wb, &v, sizeof(v));
}

void
wire_put_i64(struct wbuf *wb, int64_t v)
{
	wire_put(wb, &v, sizeof(v));
}

void
wire_put_bytes(struct wbuf *wb, const void *p, size_t n)
{
	if (n > 0 && p == NULL) {
		wb->err = 1;
		return;
	}
	wire_put(wb, p, n);
}

void
wire_put_str(struct wbuf *wb, const char *s)
{
	wire_put_strn(wb, s, s == NULL ? 0 : strlen(s));
}

/*
 * At most n bytes of s, stopping early at a NUL: a fixed-size char
 * array is sent as the string it holds, never with a NUL the reader
 * would refuse.
 */
void
wire_put_strn(struct wbuf *wb, const char *s, size_t n)
{
	size_t	 len;

	len = s == NULL ? 0 : strnlen(s, n);
	/*
	 * Both parts or neither, so a failed put leaves no stray length;
	 * the buffer is far smaller than UINT32_MAX, so the cast is safe.
	 */
	if (wb->err || sizeof(uint32_t) + len > sizeof(wb->buf) - wb->len) {
		wb->err = 1;
		return;
	}
	wire_put_u32(wb, (uint32_t)len);
	wire_put(wb, s, len);
}

int
wire_ok(const struct wbuf *wb)
{
	if (wb->err) {
		errno = EMSGSIZE;
		return -1;
	}
	return 0;
}

void
wire_rinit(struct rbuf *rb, const void *p, size_t len)
{
	/* Never NULL, so pointer arithmetic on it is always defined. */
	static const unsigned char	 empty[1];

	rb->p = p == NULL ? empty : p;
	rb->len = p == NULL ? 0 : len;
	rb->off = 0;
	rb->err = 0;
}

static int
wire_get(struct rbuf *rb, void *dst, size_t n)
{
	if (rb->err || n > rb->len - rb->off) {
		rb->err = 1;
		errno = EBADMSG;
		return -1;
	}
	if (n > 0)
		memcpy(dst, rb->p + rb->off, n);
	rb->off += n;
	return 0;
}

int
wire_get_u8(struct rbuf *rb, uint8_t *v)
{
	return wire_get(rb, v, sizeof(*v));
}

int
wire_get_u16(struct rbuf *rb, uint16_t *v)
{
	return wire_get(rb, v, sizeof(*v));
}

int
wire_get_u32(struct rbuf *rb, uint32_t *v)
{
	return wire_get(rb, v, sizeof(*v));
}

int
wire_get_u64(struct rbuf *rb, uint64_t *v)
{
	return wire_get(rb, v, sizeof(*v));
}

int
wire_get_i64(struct rbuf *rb, int64_t *v)
{
	return wire_get(rb, v, sizeof(*v));
}

int
wire_get_bytes(struct rbuf *rb, void *dst, size_t n)
{
	if (n > 0 && dst == NULL) {
		rb->err = 1;
		errno = EINVAL;
		return -1;
	}
	return wire_get(rb, dst, n);
}

/*
 * Read a string's length and check it against max and against what is
 * left, before any of its bytes are touched.  On success rb->off points
 * at the bytes; on failure nothing is consumed.
 */
static int
wire_get_len(struct rbuf *rb, size_t max, size_t *lenp)
{
	size_t		 start = rb->off;
	uint32_t	 len;

	if (wire_get_u32(rb, &len) == -1)
		return -1;
	if (len > max || len > rb->len - rb->off) {
		rb->off = start;
		rb->err = 1;
		errno = EBADMSG;
		return -1;
	}
	*lenp = len;
	return 0;
}

int
wire_get_str(struct rbuf *rb, char **sp, size_t max)
{
	size_t	 start = rb->off, len;
	char	*s;

	*sp = NULL;
	if (wire_get_len(rb, max, &len) == -1)
		return -1;
	if (memchr(rb->p + rb->off, '\0', len) != NULL) {
		rb->off = start;
		rb->err = 1;
		errno = EBADMSG;
		return -1;
	}
	if ((s = malloc(len + 1)) == NULL) {
		rb->off = start;
		rb->err = 1;
		return -1;
	}
	memcpy(s, rb->p + rb->off, len);
	s[len] = '\0';
	rb->off += len;
	*sp = s;
	return 0;
}

int
wire_get_strbuf(struct rbuf *rb, char *buf, size_t bufsz)
{
	size_t	 start = rb->off, len;

	if (bufsz == 0 || buf == NULL) {
		rb->err = 1;
		errno = EINVAL;
		return -1;
	}
	buf[0] = '\0';
	if (wire_get_len(rb, bufsz - 1, &len) == -1)
		return -1;
	if (memchr(rb->p + rb->off, '\0', len) != NULL) {
		rb->off = start;
		rb->err = 1;
		errno = EBADMSG;
		return -1;
	}
	memcpy(buf, rb->p + rb->off, len);
	buf[len] = '\0';
	rb->off += len;
	return 0;
}

int
wire_get_blob(struct rbuf *rb, const void **pp, size_t *lenp, size_t max)
{
	size_t	 len;

	*pp = NULL;
	*lenp = 0;
	if (wire_get_len(rb, max, &len) == -1)
		return -1;
	*pp = rb->p + rb->off;
	*lenp = len;
	rb->off += len;
	return 0;
}

int
wire_end(const struct rbuf *rb)
{
	if (rb->err || rb->off != rb->len) {
		errno = EBADMSG;
		return -1;
	}
	return 0;
}

size_t
wire_left(const struct rbuf *rb)
{
	return rb->len - rb->off;
}
