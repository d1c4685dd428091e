/*
 * utf8: strict UTF-8 validation (RFC 3629), whole or incremental.
 *
 * Overlong forms, surrogates (U+D800..U+DFFF) and code points above
 * U+10FFFF are invalid.  The incremental form keeps enough state to
 * validate a sequence split across any number of buffers, which the
 * WebSocket parser needs for text split across frames and reads.
 */
#ifndef HARNESS_UTF8_H
#define HARNESS_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct utf8_state {
	uint8_t		 need;		/* continuation bytes still due */
	uint8_t		 lo, hi;	/* allowed range of the next one */
};

void	 utf8_init(struct utf8_state *);
/* 0 if the bytes so far are a valid prefix, -1 (stays -1) if not. */
int	 utf8_feed(struct utf8_state *, const void *, size_t);
/* 1 if no sequence is left unfinished. */
int	 utf8_complete(const struct utf8_state *);
/* 1 if the buffer is complete, valid UTF-8. */
int	 utf8_valid(const void *, size_t);
/*
 * Length (1..4) of the valid sequence at the start of buf, 0 if the
 * bytes there are not valid UTF-8 (or len is 0).
 */
size_t	 utf8_seqlen(const void *, size_t);
/*
 * A copy of len bytes with each byte that is not part of a valid
 * sequence replaced by U+FFFD, NUL-terminated, its length in *outlen:
 * for text that must be valid UTF-8 (JSON) whatever it came from.
 * NULL if out of memory.
 */
char	*utf8_sanitize(const void *, size_t, size_t *outlen);
/*
 * For what is shown on a terminal: the code point of the valid sequence
 * of n bytes at p, and 1 if it is one that moves or hides text rather
 * than showing as itself: a C1 control (U+0080..U+009F, which a
 * terminal may take as an escape), or a bidirectional or zero-width
 * format character (U+061C, U+200B..U+200F, U+202A..U+202E,
 * U+2060..U+2069, U+FEFF), with which an agent could make an approver
 * read a command other than the one that runs.
 */
int	 utf8_hides(const void *, size_t, uint32_t *);
/*
 * Code point cp as UTF-8 into out (4 bytes of room); its length.  Above
 * U+10FFFF only the low 21 bits count, and surrogates are written as
 * they are: a caller that must not make them checks first.
 */
size_t	 utf8_encode(uint32_t, unsigned char *);

#endif /* HARNESS_UTF8_H */
