/*
 * wire: bounds-checked encoding of imsg payloads.
 *
 * Payloads are built from fixed-width integers (host byte order) and
 * length-prefixed strings (uint32_t length, then the bytes, no NUL).
 * A writer never grows past IMSG_MAX_PAYLOAD; a reader checks every
 * length against what is left before it reads a byte, and remembers the
 * first error so a caller may check once at the end with wire_end().
 *
 * A writer set up with wire_init_max() may grow past one message, to a
 * heap copy of at most max bytes: such a payload travels in a sealed
 * memfd (wire_memfd()) sent with an empty message, and the reader takes
 * it back with wire_memfd_read().  Read its bytes with wire_data() and
 * free it with wire_free().
 */
#ifndef HARNESS_WIRE_H
#define HARNESS_WIRE_H

#include <stddef.h>
#include <stdint.h>

struct wbuf {
	unsigned char	 buf[16384];	/* IMSG_MAX_PAYLOAD */
	size_t		 len;
	int		 err;		/* set once something did not fit */
	unsigned char	*heap;		/* wire_init_max(): past buf */
	size_t		 heapcap;
	size_t		 max;		/* 0: buf only */
};

struct rbuf {
	const unsigned char *p;
	size_t		 len;
	size_t		 off;
	int		 err;		/* set on the first short read */
};

void	 wire_init(struct wbuf *);
/* Room for max bytes, past one message if need be. */
void	 wire_init_max(struct wbuf *, size_t max);
const unsigned char *wire_data(const struct wbuf *);
void	 wire_free(struct wbuf *);
/*
 * A sealed memfd (no write, grow or shrink) holding the writer's bytes,
 * or -1 with errno set.
 */
int	 wire_memfd(const struct wbuf *);
/* The same for len bytes at buf, under name (a memfd's name), at
   offset 0. */
int	 wire_memfd_of(const char *name, const void *buf, size_t len);
/*
 * Read a sealed memfd of at most max bytes (and at least 1) into a new
 * allocation *bufp of *lenp bytes.  0, or -1 with errno: EINVAL not a
 * sealed memfd, EMSGSIZE too large or empty.  The fd is not closed.
 */
int	 wire_memfd_read(int, size_t max, unsigned char **bufp,
	    size_t *lenp);
void	 wire_put_u8(struct wbuf *, uint8_t);
void	 wire_put_u16(struct wbuf *, uint16_t);
void	 wire_put_u32(struct wbuf *, uint32_t);
void	 wire_put_u64(struct wbuf *, uint64_t);
void	 wire_put_i64(struct wbuf *, int64_t);
void	 wire_put_bytes(struct wbuf *, const void *, size_t);
/* uint32_t length + bytes; NULL is encoded as the empty string. */
void	 wire_put_str(struct wbuf *, const char *);
void	 wire_put_strn(struct wbuf *, const char *, size_t);
/* 0 if everything fit, -1 (errno EMSGSIZE) otherwise. */
int	 wire_ok(const struct wbuf *);

void	 wire_rinit(struct rbuf *, const void *, size_t);
int	 wire_get_u8(struct rbuf *, uint8_t *);
int	 wire_get_u16(struct rbuf *, uint16_t *);
int	 wire_get_u32(struct rbuf *, uint32_t *);
int	 wire_get_u64(struct rbuf *, uint64_t *);
int	 wire_get_i64(struct rbuf *, int64_t *);
int	 wire_get_bytes(struct rbuf *, void *, size_t);
/*
 * A string of at most max bytes, as a new NUL-terminated allocation
 * (free it).  Embedded NUL bytes are an error.  0 or -1.
 */
int	 wire_get_str(struct rbuf *, char **, size_t max);
/* Same into a caller buffer of size bufsz (string < bufsz). */
int	 wire_get_strbuf(struct rbuf *, char *, size_t bufsz);
/*
 * Borrow a length-prefixed byte string without copying: *pp points into
 * the payload, *lenp its length (at most max).  0 or -1.
 */
int	 wire_get_blob(struct rbuf *, const void **, size_t *, size_t max);
/* 0 if no error happened and every byte was consumed, else -1. */
int	 wire_end(const struct rbuf *);
/* Bytes not yet consumed. */
size_t	 wire_left(const struct rbuf *);

#endif /* HARNESS_WIRE_H */
