/*
 * redact: streaming redaction of known secret values.
 *
 * sandboxd knows which secrets it mapped into a sandbox; everything the
 * sandbox writes passes through a redactor that replaces each occurrence
 * of a secret value, and of its common encodings, by "[REDACTED:NAME]".
 *
 * For every value added the redactor looks for:
 *   - the raw bytes (any byte, NUL included);
 *   - hex, lower and upper case;
 *   - base64 and base64url, the value starting at any offset mod 3 of a
 *     longer base64 stream: only the characters that depend on nothing
 *     but the value are matched (the 1-2 characters at each end that mix
 *     in neighbouring bits are left alone);
 *   - percent-encoding with upper or lower case hex digits, space as %20
 *     or '+', and '/' either encoded or left as is; everything outside
 *     ALPHA DIGIT "-._~" is encoded (encodeURIComponent's "!'()*" are
 *     tried both ways too);
 *   - the inside of a JSON string: " \ and control characters escaped
 *     (\n, \u0001, ...), '/' as is or as "\/".
 * A value ending in line endings ("\n", "\r\n": "echo V | vault put")
 * is also matched without them, with all the forms above, when at least
 * REDACT_ENC_MIN bytes are left: "$(cat file)" prints it so.
 * Encoded forms shorter than REDACT_ENC_MIN bytes are not matched: they
 * would hit by chance far too often; nor are those longer than
 * REDACT_PATTERN_MAX (the percent or JSON form of a large binary value),
 * which would only make the window larger.
 *
 * Matching is leftmost-longest: of all matches the one starting first
 * wins, and of those starting at the same byte the longest; matching
 * resumes after it.  The stream may be fed in pieces of any size; the
 * output does not depend on how it was cut.  Between feeds the redactor
 * holds back at most (longest pattern - 1) bytes, released by
 * redactor_flush(), which also ends the stream (a value split across a
 * flush is not matched).
 *
 * Memory: about 40 bytes per byte of pattern prefix (patterns longer
 * than 256 bytes keep only their first 256 bytes in the automaton and
 * are confirmed with a polynomial hash over GF(2^61-1), random base), up
 * to 4 MiB of dense transitions for the shallow nodes, and a window of
 * 5 bytes (13 when some pattern is longer than 256 bytes) per byte of
 * the longest pattern, rounded up to a power of two: a 1 MiB value,
 * whose hex form is 2 MiB long, needs about 50 MiB.  Everything that
 * held secret-derived bytes is wiped before it is freed.
 */
#ifndef HARNESS_REDACT_H
#define HARNESS_REDACT_H

#include <stddef.h>

#define REDACT_VALUE_MAX	(1024 * 1024)	/* longest secret value */
#define REDACT_NAME_MAX		64		/* longest name */
#define REDACT_ENC_MIN		4		/* shortest encoding */
#define REDACT_SECRETS_MAX	4096		/* secrets per redactor */
#define REDACT_PATTERN_MAX	(2 * REDACT_VALUE_MAX) /* longest form */

/* Growable output buffer, owned by the caller. */
struct redact_out {
	unsigned char	*buf;
	size_t		 len;
	size_t		 cap;
};

void	 redact_out_init(struct redact_out *);
/* Forget the contents, keep the allocation. */
void	 redact_out_reset(struct redact_out *);
void	 redact_out_free(struct redact_out *);

struct redactor;

/* NULL and errno ENOMEM on failure. */
struct redactor	*redactor_new(void);
/*
 * Add a secret: name is 1..REDACT_NAME_MAX bytes of [A-Za-z0-9_.-], the
 * value 1..REDACT_VALUE_MAX bytes.  The value is copied (and wiped after
 * compile).  0, or -1 with errno EINVAL (bad name or length, already
 * compiled), E2BIG (too many secrets) or ENOMEM.
 */
int	 redactor_add(struct redactor *, const char *, const void *, size_t);
/*
 * Build the matcher.  With no secrets added the redactor copies its
 * input.  0, or -1 with errno EINVAL or ENOMEM.
 */
int	 redactor_compile(struct redactor *);
/*
 * Append the redacted form of the next len input bytes to out.  0, or
 * -1 with errno EINVAL (not compiled) or ENOMEM.  After a failure the
 * redactor refuses further input (fail secure): discard its output.
 */
int	 redactor_feed(struct redactor *, const void *, size_t,
	    struct redact_out *);
/* Release held-back bytes and end the stream.  0 or -1 as above. */
int	 redactor_flush(struct redactor *, struct redact_out *);
/* Wipe and free.  NULL is fine. */
void	 redactor_free(struct redactor *);

/* Number of replacements made so far, in total and for one name. */
size_t	 redactor_hits(const struct redactor *);
size_t	 redactor_name_hits(const struct redactor *, const char *);
/* Bytes currently held back, and the longest pattern's length. */
size_t	 redactor_pending(const struct redactor *);
size_t	 redactor_maxlen(const struct redactor *);

#endif /* HARNESS_REDACT_H */
