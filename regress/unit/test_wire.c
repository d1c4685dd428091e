/*
 * wire: round trips, every short read, over-long and NUL-bearing
 * strings, trailing bytes, writer overflow, sticky errors.
 */

#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"
#include "../tap.h"

/* Encode one of everything; the decoder below expects this order. */
static void
encode_all(struct wbuf *wb)
{
	static const unsigned char	 bin[] = { 0, 1, 0, 0xff };

	wire_init(wb);
	wire_put_u8(wb, 0xa5);
	wire_put_u16(wb, 0xbeef);
	wire_put_u32(wb, 0xdeadbeef);
	wire_put_u64(wb, 0x0123456789abcdefULL);
	wire_put_i64(wb, -42);
	wire_put_bytes(wb, "raw!", 4);
	wire_put_str(wb, "hello");
	wire_put_str(wb, NULL);
	wire_put_strn(wb, "fixed\0junk", 10);
	wire_put_u32(wb, sizeof(bin));
	wire_put_bytes(wb, bin, sizeof(bin));
}

/*
 * Decode what encode_all wrote.  Returns how many fields decoded and
 * matched; stops at the first failure.  Frees what it allocates.
 */
static int
decode_all(struct rbuf *rb)
{
	uint8_t		 u8;
	uint16_t	 u16;
	uint32_t	 u32;
	uint64_t	 u64;
	int64_t		 i64;
	char		 raw[4], sb[16], *s;
	const void	*blob;
	size_t		 bloblen;
	int		 n = 0, ok;

	if (wire_get_u8(rb, &u8) == -1 || u8 != 0xa5)
		return n;
	n++;
	if (wire_get_u16(rb, &u16) == -1 || u16 != 0xbeef)
		return n;
	n++;
	if (wire_get_u32(rb, &u32) == -1 || u32 != 0xdeadbeef)
		return n;
	n++;
	if (wire_get_u64(rb, &u64) == -1 || u64 != 0x0123456789abcdefULL)
		return n;
	n++;
	if (wire_get_i64(rb, &i64) == -1 || i64 != -42)
		return n;
	n++;
	if (wire_get_bytes(rb, raw, 4) == -1 || memcmp(raw, "raw!", 4) != 0)
		return n;
	n++;
	if (wire_get_str(rb, &s, 64) == -1)
		return n;
	ok = strcmp(s, "hello") == 0;
	free(s);
	if (!ok)
		return n;
	n++;
	if (wire_get_strbuf(rb, sb, sizeof(sb)) == -1 || sb[0] != '\0')
		return n;
	n++;
	if (wire_get_strbuf(rb, sb, sizeof(sb)) == -1 ||
	    strcmp(sb, "fixed") != 0)
		return n;
	n++;
	if (wire_get_blob(rb, &blob, &bloblen, 16) == -1 || bloblen != 4 ||
	    memcmp(blob, "\0\1\0\377", 4) != 0)
		return n;
	n++;
	return n;
}

#define NFIELDS	10

static void
test_roundtrip(void)
{
	struct wbuf	 wb;
	struct rbuf	 rb;

	encode_all(&wb);
	wire_rinit(&rb, wb.buf, wb.len);
	tap_ok(wire_ok(&wb) == 0 && decode_all(&rb) == NFIELDS &&
	    wire_end(&rb) == 0 && wire_left(&rb) == 0,
	    "round trip of every type");
}

static void
test_every_prefix(void)
{
	struct wbuf	 wb;
	struct rbuf	 rb;
	size_t		 l;
	int		 bad = 0;

	/*
	 * Every truncation of a valid payload hits some short-read path;
	 * each must fail cleanly (no overread: ASan watches, and the copy
	 * is exactly l bytes long).
	 */
	encode_all(&wb);
	for (l = 0; l < wb.len; l++) {
		unsigned char	*p;

		if ((p = malloc(l > 0 ? l : 1)) == NULL)
			abort();
		memcpy(p, wb.buf, l);
		wire_rinit(&rb, p, l);
		if (decode_all(&rb) == NFIELDS || wire_end(&rb) != -1 ||
		    !rb.err)
			bad++;
		free(p);
	}
	tap_ok(bad == 0, "every truncated prefix (%zu) fails", wb.len);
}

static void
test_short_ints(void)
{
	unsigned char	 b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct rbuf	 rb;
	uint8_t		 u8;
	uint16_t	 u16;
	uint32_t	 u32;
	uint64_t	 u64;
	int64_t		 i64;
	char		 out[8];
	int		 ok = 1;

	wire_rinit(&rb, b, 0);
	ok &= wire_get_u8(&rb, &u8) == -1 && errno == EBADMSG;
	wire_rinit(&rb, b, 1);
	ok &= wire_get_u16(&rb, &u16) == -1 && rb.off == 0;
	wire_rinit(&rb, b, 3);
	ok &= wire_get_u32(&rb, &u32) == -1 && rb.off == 0;
	wire_rinit(&rb, b, 7);
	ok &= wire_get_u64(&rb, &u64) == -1 && rb.off == 0;
	wire_rinit(&rb, b, 7);
	ok &= wire_get_i64(&rb, &i64) == -1 && rb.off == 0;
	wire_rinit(&rb, b, 5);
	ok &= wire_get_bytes(&rb, out, 6) == -1 && rb.off == 0;
	wire_rinit(&rb, NULL, 0);
	ok &= wire_get_u8(&rb, &u8) == -1 && wire_left(&rb) == 0;
	tap_ok(ok, "short integer and byte reads fail, consume nothing");
}

static void
test_short_strings(void)
{
	unsigned char	 b[16];
	struct rbuf	 rb;
	char		*s, sb[32];
	const void	*p;
	size_t		 len;
	uint32_t	 l;
	int		 ok = 1;

	/* Length prefix itself cut short. */
	l = 5;
	memcpy(b, &l, 4);
	memcpy(b + 4, "abcde", 5);
	wire_rinit(&rb, b, 3);
	ok &= wire_get_str(&rb, &s, 64) == -1 && s == NULL;
	wire_rinit(&rb, b, 3);
	ok &= wire_get_strbuf(&rb, sb, sizeof(sb)) == -1;
	wire_rinit(&rb, b, 3);
	ok &= wire_get_blob(&rb, &p, &len, 64) == -1;
	/* Length fine, body one byte short. */
	wire_rinit(&rb, b, 8);
	ok &= wire_get_str(&rb, &s, 64) == -1 && s == NULL && rb.off == 0;
	wire_rinit(&rb, b, 8);
	ok &= wire_get_strbuf(&rb, sb, sizeof(sb)) == -1 && rb.off == 0;
	wire_rinit(&rb, b, 8);
	ok &= wire_get_blob(&rb, &p, &len, 64) == -1 && p == NULL &&
	    rb.off == 0;
	/* A huge length must not wrap any check. */
	l = UINT32_MAX;
	memcpy(b, &l, 4);
	wire_rinit(&rb, b, sizeof(b));
	ok &= wire_get_str(&rb, &s, SIZE_MAX) == -1;
	wire_rinit(&rb, b, sizeof(b));
	ok &= wire_get_blob(&rb, &p, &len, SIZE_MAX) == -1;
	tap_ok(ok, "short string reads fail, consume nothing");
}

static void
test_overlong(void)
{
	struct wbuf	 wb;
	struct rbuf	 rb;
	char		*s, sb[6];
	const void	*p;
	size_t		 len;
	int		 ok = 1;

	wire_init(&wb);
	wire_put_str(&wb, "hello");
	/* max is inclusive: 5 fits in 5, not in 4. */
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_str(&rb, &s, 4) == -1 && s == NULL;
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_str(&rb, &s, 5) == 0 && strcmp(s, "hello") == 0;
	free(s);
	/* strbuf needs room for the NUL: 5 bytes need bufsz 6. */
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_strbuf(&rb, sb, 5) == -1 && sb[0] == '\0';
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_strbuf(&rb, sb, 6) == 0 && strcmp(sb, "hello") == 0;
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_strbuf(&rb, sb, 0) == -1;
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_blob(&rb, &p, &len, 4) == -1;
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_blob(&rb, &p, &len, 5) == 0 && len == 5 &&
	    memcmp(p, "hello", 5) == 0;
	tap_ok(ok, "strings over max refused, at max accepted");
}

static void
test_embedded_nul(void)
{
	struct wbuf	 wb;
	struct rbuf	 rb;
	char		*s, sb[16];
	const void	*p;
	size_t		 len;
	int		 ok = 1;

	wire_init(&wb);
	wire_put_u32(&wb, 3);
	wire_put_bytes(&wb, "a\0b", 3);
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_str(&rb, &s, 64) == -1 && s == NULL &&
	    errno == EBADMSG && rb.off == 0;
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_strbuf(&rb, sb, sizeof(sb)) == -1 && rb.off == 0;
	/* A blob is bytes: NUL is fine there. */
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_blob(&rb, &p, &len, 64) == 0 && len == 3 &&
	    wire_end(&rb) == 0;
	tap_ok(ok, "embedded NUL refused by get_str and get_strbuf");
}

static void
test_trailing(void)
{
	struct wbuf	 wb;
	struct rbuf	 rb;
	uint32_t	 v;
	int		 ok = 1;

	wire_init(&wb);
	wire_put_u32(&wb, 7);
	wire_put_u8(&wb, 0);
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_u32(&rb, &v) == 0 && v == 7;
	ok &= wire_left(&rb) == 1 && wire_end(&rb) == -1 && errno == EBADMSG;
	tap_ok(ok, "trailing bytes make wire_end fail");
}

static void
test_sticky_reader(void)
{
	unsigned char	 b[8] = { 0 };
	struct rbuf	 rb;
	uint64_t	 u64;
	uint8_t		 u8;
	int		 ok = 1;

	wire_rinit(&rb, b, 4);
	ok &= wire_get_u64(&rb, &u64) == -1;
	/* The byte is there, but an earlier error poisons the rest. */
	ok &= wire_get_u8(&rb, &u8) == -1 && wire_end(&rb) == -1;
	tap_ok(ok, "reader errors are sticky");
}

static void
test_writer_overflow(void)
{
	static char	 big[16384];
	struct wbuf	 wb;
	size_t		 len;
	int		 ok = 1;

	wire_init(&wb);
	wire_put_bytes(&wb, big, sizeof(big));
	ok &= wire_ok(&wb) == 0 && wb.len == sizeof(big);
	wire_put_u8(&wb, 1);
	ok &= wire_ok(&wb) == -1 && errno == EMSGSIZE &&
	    wb.len == sizeof(big);

	/* Sticky: a later small put that would fit still is refused. */
	wire_init(&wb);
	wire_put_bytes(&wb, big, sizeof(big) - 8);
	wire_put_u64(&wb, 1);
	wire_put_u8(&wb, 1);
	len = wb.len;
	ok &= wire_ok(&wb) == -1 && len == sizeof(big);

	/* A string that does not fit leaves no stray length behind. */
	wire_init(&wb);
	wire_put_bytes(&wb, big, sizeof(big) - 6);
	wire_put_str(&wb, "abc");
	ok &= wire_ok(&wb) == -1 && wb.len == sizeof(big) - 6;
	wire_init(&wb);
	wire_put_bytes(&wb, big, sizeof(big) - 7);
	wire_put_str(&wb, "abc");
	ok &= wire_ok(&wb) == 0 && wb.len == sizeof(big);

	/* Each type on its own at the edge. */
	wire_init(&wb);
	wire_put_bytes(&wb, big, sizeof(big) - 1);
	wire_put_u16(&wb, 1);
	ok &= wire_ok(&wb) == -1;
	wire_init(&wb);
	wire_put_bytes(&wb, big, sizeof(big) - 3);
	wire_put_u32(&wb, 1);
	ok &= wire_ok(&wb) == -1;
	wire_init(&wb);
	wire_put_bytes(&wb, big, sizeof(big) - 7);
	wire_put_i64(&wb, 1);
	ok &= wire_ok(&wb) == -1;
	wire_init(&wb);
	wire_put_bytes(&wb, NULL, 1);
	ok &= wire_ok(&wb) == -1;
	tap_ok(ok, "writer overflow makes wire_ok fail");
}

static void
test_max_string(void)
{
	static char	 big[16384 - 4 + 1];
	struct wbuf	 wb;
	struct rbuf	 rb;
	char		*s;
	int		 ok = 1;

	/* The largest string a payload holds, end to end. */
	memset(big, 'x', sizeof(big) - 1);
	wire_init(&wb);
	wire_put_str(&wb, big);
	ok &= wire_ok(&wb) == 0 && wb.len == 16384;
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_str(&rb, &s, 16384) == 0 && wire_end(&rb) == 0 &&
	    strcmp(s, big) == 0;
	free(s);
	wire_init(&wb);
	wire_put_u8(&wb, 0);
	wire_put_str(&wb, big);
	ok &= wire_ok(&wb) == -1 && wb.len == 1;
	tap_ok(ok, "largest string round trips, one more byte refused");
}

static void
test_strn(void)
{
	struct wbuf	 wb;
	struct rbuf	 rb;
	char		 fixed[8] = "ab", sb[16];
	int		 ok = 1;

	wire_init(&wb);
	wire_put_strn(&wb, fixed, sizeof(fixed));	/* stops at NUL */
	wire_put_strn(&wb, "abcdef", 3);		/* stops at n */
	wire_put_strn(&wb, NULL, 5);
	wire_rinit(&rb, wb.buf, wb.len);
	ok &= wire_get_strbuf(&rb, sb, sizeof(sb)) == 0 &&
	    strcmp(sb, "ab") == 0;
	ok &= wire_get_strbuf(&rb, sb, sizeof(sb)) == 0 &&
	    strcmp(sb, "abc") == 0;
	ok &= wire_get_strbuf(&rb, sb, sizeof(sb)) == 0 && sb[0] == '\0';
	ok &= wire_end(&rb) == 0;
	tap_ok(ok, "put_strn stops at n or at a NUL");
}

/* wire_init_max(): past one message into the heap, up to max. */
static void
test_spill(void)
{
	static char	 big[40000];
	struct wbuf	 wb;
	struct rbuf	 rb;
	char		*s = NULL;
	uint32_t	 u;
	int		 ok;

	memset(big, 'x', sizeof(big) - 1);
	wire_init_max(&wb, 100000);
	wire_put_u32(&wb, 7);
	wire_put_str(&wb, big);
	wire_put_u32(&wb, 9);
	ok = wire_ok(&wb) == 0 && wb.len == 4 + 4 + 39999 + 4 &&
	    wb.heap != NULL && wire_data(&wb) == wb.heap;
	wire_rinit(&rb, wire_data(&wb), wb.len);
	ok = ok && wire_get_u32(&rb, &u) == 0 && u == 7 &&
	    wire_get_str(&rb, &s, 50000) == 0 && strcmp(s, big) == 0 &&
	    wire_get_u32(&rb, &u) == 0 && u == 9 && wire_end(&rb) == 0;
	free(s);
	tap_ok(ok, "init_max: a payload past one message round-trips");
	/* Past max: sticky error, nothing half-written. */
	wire_put_str(&wb, big);
	wire_put_str(&wb, big);
	ok = wire_ok(&wb) == -1 && errno == EMSGSIZE &&
	    wb.len == 4 + 4 + 39999 + 4 + 4 + 39999;
	wire_free(&wb);
	wire_free(&wb);		/* twice is harmless */
	tap_ok(ok && wb.heap == NULL, "init_max: past max is an error; "
	    "free leaves nothing");
	/* Small stays in buf; a plain writer never spills. */
	wire_init_max(&wb, 100000);
	wire_put_u32(&wb, 1);
	ok = wire_ok(&wb) == 0 && wb.heap == NULL && wire_data(&wb) == wb.buf;
	wire_init(&wb);
	wire_put_str(&wb, big);
	tap_ok(ok && wire_ok(&wb) == -1 && wb.heap == NULL && wb.len == 0,
	    "init_max: small stays in the message buffer; wire_init never "
	    "spills");
}

static void
test_memfd(void)
{
	static char	 big[70000];
	struct wbuf	 wb;
	unsigned char	*buf;
	size_t		 len;
	int		 fd, p[2], ok, seals;

	memset(big, 'y', sizeof(big) - 1);
	wire_init_max(&wb, 1 << 20);
	wire_put_str(&wb, big);
	fd = wire_memfd(&wb);
	seals = fd == -1 ? 0 : fcntl(fd, F_GET_SEALS);
	ok = fd != -1 && (seals & F_SEAL_WRITE) && (seals & F_SEAL_SEAL) &&
	    write(fd, "z", 1) == -1;
	tap_ok(ok, "memfd: sealed against writes and new seals");
	ok = wire_memfd_read(fd, 1 << 20, &buf, &len) == 0 &&
	    len == wb.len && memcmp(buf, wire_data(&wb), len) == 0;
	free(buf);
	tap_ok(ok, "memfd: read back byte for byte");
	ok = wire_memfd_read(fd, wb.len - 1, &buf, &len) == -1 &&
	    errno == EMSGSIZE && buf == NULL;
	tap_ok(ok, "memfd: larger than the reader's max: EMSGSIZE");
	close(fd);
	wire_free(&wb);

	/* Not sealed, a pipe, empty: refused. */
	fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	ok = fd != -1 && write(fd, "abc", 3) == 3 &&
	    wire_memfd_read(fd, 100, &buf, &len) == -1 && errno == EINVAL;
	if (fd != -1)
		close(fd);
	ok = ok && pipe(p) == 0 && write(p[1], "abc", 3) == 3 &&
	    wire_memfd_read(p[0], 100, &buf, &len) == -1 && errno == EINVAL;
	close(p[0]);
	close(p[1]);
	tap_ok(ok, "memfd_read: an unsealed memfd or a pipe is refused");
	wire_init_max(&wb, 1 << 20);
	fd = wire_memfd(&wb);
	ok = fd != -1 && wire_memfd_read(fd, 100, &buf, &len) == -1 &&
	    errno == EMSGSIZE;
	if (fd != -1)
		close(fd);
	ok = ok && wire_memfd_read(-1, 100, &buf, &len) == -1;
	tap_ok(ok, "memfd_read: empty, or no fd: refused");
}

int
main(void)
{
	test_roundtrip();
	test_every_prefix();
	test_short_ints();
	test_short_strings();
	test_overlong();
	test_embedded_nul();
	test_trailing();
	test_sticky_reader();
	test_writer_overflow();
	test_max_string();
	test_strn();
	test_spill();
	test_memfd();
	return tap_done();
}
