/*
 * Fuzz the wire reader.  Input: one byte n, then n op bytes, then the
 * payload they decode.  Each op's low nibble picks a get, its high
 * nibble a size or limit.  Every value read is written back with the
 * matching put; since errors are sticky and a failed get consumes
 * nothing, the writer must reproduce exactly the consumed prefix.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t
limit(unsigned int hi)
{
	return hi == 15 ? SIZE_MAX : hi * 64;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct wbuf	 wb;
	struct rbuf		 rb;
	const uint8_t		*ops, *payload;
	const void		*blob;
	size_t			 nops, plen, i, before, len, bufsz;
	uint8_t			 u8, raw[16];
	uint16_t		 u16;
	uint32_t		 u32;
	uint64_t		 u64;
	int64_t			 i64;
	char			*s, *sb;
	unsigned int		 op, hi;
	int			 rv;

	if (size < 1)
		return 0;
	nops = data[0];
	if (nops > size - 1)
		nops = size - 1;
	ops = data + 1;
	payload = data + 1 + nops;
	plen = size - 1 - nops;

	wire_rinit(&rb, payload, plen);
	wire_init(&wb);
	for (i = 0; i < nops; i++) {
		op = ops[i] & 0x0f;
		hi = ops[i] >> 4;
		before = rb.off;
		rv = 0;
		switch (op) {
		case 0:
			if ((rv = wire_get_u8(&rb, &u8)) == 0)
				wire_put_u8(&wb, u8);
			break;
		case 1:
			if ((rv = wire_get_u16(&rb, &u16)) == 0)
				wire_put_u16(&wb, u16);
			break;
		case 2:
			if ((rv = wire_get_u32(&rb, &u32)) == 0)
				wire_put_u32(&wb, u32);
			break;
		case 3:
			if ((rv = wire_get_u64(&rb, &u64)) == 0)
				wire_put_u64(&wb, u64);
			break;
		case 4:
			if ((rv = wire_get_i64(&rb, &i64)) == 0)
				wire_put_i64(&wb, i64);
			break;
		case 5:
			if ((rv = wire_get_bytes(&rb, raw, hi)) == 0)
				wire_put_bytes(&wb, raw, hi);
			break;
		case 6:
			if ((rv = wire_get_str(&rb, &s, limit(hi))) == 0) {
				len = strlen(s);
				if (len > limit(hi) ||
				    rb.off - before != 4 + len)
					abort();
				wire_put_str(&wb, s);
				free(s);
			} else if (s != NULL)
				abort();
			break;
		case 7:
			/* Exactly bufsz bytes, so ASan sees any overrun. */
			bufsz = hi;
			if ((sb = malloc(bufsz > 0 ? bufsz : 1)) == NULL)
				abort();
			if ((rv = wire_get_strbuf(&rb, sb, bufsz)) == 0) {
				len = strlen(sb);
				if (len >= bufsz || rb.off - before != 4 + len)
					abort();
				wire_put_str(&wb, sb);
			}
			free(sb);
			break;
		case 8:
			if ((rv = wire_get_blob(&rb, &blob, &len,
			    limit(hi))) == 0) {
				if (len > limit(hi) || (const uint8_t *)blob !=
				    payload + before + 4)
					abort();
				wire_put_u32(&wb, (uint32_t)len);
				wire_put_bytes(&wb, blob, len);
			}
			break;
		case 9:
			if (wire_left(&rb) != plen - rb.off)
				abort();
			if (wire_end(&rb) == 0 && (rb.err || rb.off != plen))
				abort();
			break;
		default:
			break;
		}
		if (rv == -1 && (rb.off != before || !rb.err))
			abort();
		if (rb.off > plen)
			abort();
	}
	if (wire_ok(&wb) == 0 &&
	    (wb.len != rb.off || memcmp(wb.buf, payload, rb.off) != 0))
		abort();
	return 0;
}
