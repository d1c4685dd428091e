/*
 * sha1: SHA-1 (FIPS 180-4), only for the WebSocket handshake, where
 * RFC 6455 fixes it.  libsodium has no SHA-1.  Do not use it for
 * anything that needs collision resistance.
 */
#ifndef HARNESS_SHA1_H
#define HARNESS_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_DIGEST_LENGTH	20
#define SHA1_BLOCK_LENGTH	64

struct sha1_ctx {
	uint32_t	 h[5];
	uint64_t	 nbytes;		/* message length so far */
	unsigned char	 block[SHA1_BLOCK_LENGTH];	/* partial block */
	size_t		 blen;
};

void	 sha1_init(struct sha1_ctx *);
void	 sha1_update(struct sha1_ctx *, const void *, size_t);
/* Writes the digest and wipes the context. */
void	 sha1_final(struct sha1_ctx *, unsigned char [SHA1_DIGEST_LENGTH]);
void	 sha1(const void *, size_t, unsigned char [SHA1_DIGEST_LENGTH]);

#endif /* HARNESS_SHA1_H */
