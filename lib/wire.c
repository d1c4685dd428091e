/*
 * wire: bounds-checked encoding of imsg payloads.  See wire.h.
 *
 * Both sides are sticky: after the first failure every later call is a
 * no-op (writer) or fails (reader), so a caller may run a whole
 * sequence and check once with wire_ok() or wire_end().  A failed get
 * consumes nothing.
 */

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

#define WIRE_SEALS	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | \
			    F_SEAL_WRITE)

static void	wire_put(struct wbuf *, const void *, size_t);
static int	wire_get(struct rbuf *, void *, size_t);
static int	wire_get_len(struct rbuf *, size_t, size_t *);

void
wire_init(struct wbuf *wb)
{
	wb->len = 0;
	wb->err = 0;
	wb->heap = NULL;
	wb->heapcap = 0;
	wb->max = 0;
}

void
wire_init_max(struct wbuf *wb, size_t max)
{
	wire_init(wb);
	wb->max = max > sizeof(wb->buf) ? max : 0;
}

const unsigned char *
wire_data(const struct wbuf *wb)
{
	return wb->heap != NULL ? wb->heap : wb->buf;
}

void
wire_free(struct wbuf *wb)
{
	free(wb->heap);
	wb->heap = NULL;
	wb->heapcap = 0;
}

/* Room for n more bytes: 0, or -1 (nothing changed). */
static int
wire_room(struct wbuf *wb, size_t n)
{
	unsigned char	*p;
	size_t		 cap;

	if (wb->heap == NULL && n <= sizeof(wb->buf) - wb->len)
		return 0;
	if (wb->max == 0 || n > wb->max - wb->len)
		return -1;
	if (wb->heap != NULL && n <= wb->heapcap - wb->len)
		return 0;
	cap = wb->heapcap > 0 ? wb->heapcap : sizeof(wb->buf);
	while (cap - wb->len < n)
		cap = cap > wb->max / 2 ? wb->max : cap * 2;
	if ((p = realloc(wb->heap, cap)) == NULL)
		return -1;
	if (wb->heap == NULL)
		memcpy(p, wb->buf, wb->len);
	wb->heap = p;
	wb->heapcap = cap;
	return 0;
}

static void
wire_put(struct wbuf *wb, const void *p, size_t n)
{
	if (wb->err)
		return;
	if (wire_room(wb, n) == -1) {
		wb->err = 1;
		return;
	}
	if (n > 0)
		memcpy((wb->heap != NULL ? wb->heap : wb->buf) + wb->len, p,
		    n);
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
	 * Both parts or neither, so a failed put leaves no stray length.
	 */
	if (wb->err || len > UINT32_MAX ||
	    wire_room(wb, sizeof(uint32_t) + len) == -1) {
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

int
wire_memfd(const struct wbuf *wb)
{
	if (wb->err) {
		errno = EMSGSIZE;
		return -1;
	}
	return wire_memfd_of("wire", wire_data(wb), wb->len);
}

int
wire_memfd_of(const char *name, const void *buf, size_t len)
{
	const unsigned char	*p = buf;
	size_t			 off = 0;
	ssize_t			 n;
	int			 fd, saved;

	if ((fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING)) == -1)
		return -1;
	while (off < len) {
		if ((n = write(fd, p + off, len - off)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			if (n == 0)
				errno = EIO;
			goto fail;
		}
		off += (size_t)n;
	}
	/* Read from the start by whoever gets it, with read(2) too. */
	if (fcntl(fd, F_ADD_SEALS, WIRE_SEALS) == -1 ||
	    lseek(fd, 0, SEEK_SET) == -1)
		goto fail;
	return fd;
 fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int
wire_memfd_read(int fd, size_t max, unsigned char **bufp, size_t *lenp)
{
	struct stat	 sb;
	unsigned char	*buf;
	size_t		 off = 0;
	ssize_t		 n;
	int		 seals;

	*bufp = NULL;
	*lenp = 0;
	/* Sealed: what we read is what was sent, and it cannot change. */
	if (fd == -1 || fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (seals = fcntl(fd, F_GET_SEALS)) == -1 ||
	    (seals & (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)) !=
	    (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)) {
		errno = EINVAL;
		return -1;
	}
	if (sb.st_size <= 0 || (uintmax_t)sb.st_size > max) {
		errno = EMSGSIZE;
		return -1;
	}
	if ((buf = malloc((size_t)sb.st_size)) == NULL)
		return -1;
	while (off < (size_t)sb.st_size) {
		n = pread(fd, buf + off, (size_t)sb.st_size - off,
		    (off_t)off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			errno = n == 0 ? EINVAL : errno;
			return -1;
		}
		off += (size_t)n;
	}
	*bufp = buf;
	*lenp = off;
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
