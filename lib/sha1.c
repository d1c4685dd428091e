/*
 * SHA-1 written from FIPS 180-4, sections 5.1.1 (padding), 6.1.2
 * (hash computation) and 4.1.1 / 4.2.1 (functions and constants).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sha1.h"

#define ROTL(x, n)	(((x) << (n)) | ((x) >> (32 - (n))))

static void
sha1_block(struct sha1_ctx *ctx, const unsigned char *p)
{
	uint32_t	 w[80], a, b, c, d, e, f, k, t;
	int		 i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = ROTL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);

	a = ctx->h[0];
	b = ctx->h[1];
	c = ctx->h[2];
	d = ctx->h[3];
	e = ctx->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = ROTL(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = ROTL(b, 30);
		b = a;
		a = t;
	}
	ctx->h[0] += a;
	ctx->h[1] += b;
	ctx->h[2] += c;
	ctx->h[3] += d;
	ctx->h[4] += e;
}

void
sha1_init(struct sha1_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->h[0] = 0x67452301;
	ctx->h[1] = 0xefcdab89;
	ctx->h[2] = 0x98badcfe;
	ctx->h[3] = 0x10325476;
	ctx->h[4] = 0xc3d2e1f0;
}

void
sha1_update(struct sha1_ctx *ctx, const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 n;

	ctx->nbytes += len;
	if (ctx->blen > 0) {
		n = SHA1_BLOCK_LENGTH - ctx->blen;
		if (n > len)
			n = len;
		memcpy(ctx->block + ctx->blen, p, n);
		ctx->blen += n;
		p += n;
		len -= n;
		if (ctx->blen < SHA1_BLOCK_LENGTH)
			return;
		sha1_block(ctx, ctx->block);
		ctx->blen = 0;
	}
	while (len >= SHA1_BLOCK_LENGTH) {
		sha1_block(ctx, p);
		p += SHA1_BLOCK_LENGTH;
		len -= SHA1_BLOCK_LENGTH;
	}
	if (len > 0) {
		memcpy(ctx->block, p, len);
		ctx->blen = len;
	}
}

void
sha1_final(struct sha1_ctx *ctx, unsigned char out[SHA1_DIGEST_LENGTH])
{
	uint64_t	 bits = ctx->nbytes * 8;
	int		 i;

	/* A 1 bit, zeros up to 56 mod 64, then the bit length, big-endian. */
	ctx->block[ctx->blen++] = 0x80;
	if (ctx->blen > SHA1_BLOCK_LENGTH - 8) {
		memset(ctx->block + ctx->blen, 0,
		    SHA1_BLOCK_LENGTH - ctx->blen);
		sha1_block(ctx, ctx->block);
		ctx->blen = 0;
	}
	memset(ctx->block + ctx->blen, 0, SHA1_BLOCK_LENGTH - 8 - ctx->blen);
	for (i = 0; i < 8; i++)
		ctx->block[SHA1_BLOCK_LENGTH - 1 - i] = (unsigned char)(bits >>
		    (8 * i));
	sha1_block(ctx, ctx->block);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(ctx->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(ctx->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(ctx->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)ctx->h[i];
	}
	explicit_bzero(ctx, sizeof(*ctx));
}

void
sha1(const void *data, size_t len, unsigned char out[SHA1_DIGEST_LENGTH])
{
	struct sha1_ctx	 ctx;

	sha1_init(&ctx);
	sha1_update(&ctx, data, len);
	sha1_final(&ctx, out);
}
