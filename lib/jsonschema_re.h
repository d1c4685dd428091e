/*
 * jsonschema_re: the regular expressions of JSON Schema's "pattern",
 * matched in time linear in the subject's length.
 *
 * Dialect: the common subset of ECMA-262 that JSON Schema prescribes,
 * over Unicode code points (pattern and subject are UTF-8):
 *   literals; . (any code point but \n \r U+2028 U+2029); ^ $ (start
 *   and end of the string); [...] [^...] with ranges and escapes;
 *   \d \D \w \W \s \S; \t \n \r \f \v \0 \xHH \uHHHH (surrogate pairs
 *   combine); \ before any ASCII punctuation; ( ) (?: ) |;
 *   * + ? {n} {n,} {n,m}, each optionally followed by ? (lazy, which
 *   does not change whether a string matches).
 * Refused with a message rather than misread: back-references,
 * \b \B, lookaround, named groups, \p{..}, \c, \u{..}, other letter
 * escapes, POSIX [:classes:], invalid UTF-8.  A '{' that does not make
 * a quantifier is a literal, as in ECMA-262 Annex B.  Quantified
 * anchors ("^*") are refused, as in ECMA-262.
 *
 * Matching simulates the pattern's position automaton (no
 * backtracking, no DFA construction): O(length x positions x
 * positions / 64) time and O(positions^2 / 64) memory, where positions
 * counts the literals and classes after counted repetitions are
 * expanded ("a{3}" is 3), at most JSONSCHEMA_RE_MAX_POSITIONS.
 * Measured: anchored patterns of tool schemas take a few nanoseconds
 * a byte; patterns built to keep all 512 positions alive take about
 * 6 microseconds a byte (0.4 s for 64 KB).
 */
#ifndef HARNESS_JSONSCHEMA_RE_H
#define HARNESS_JSONSCHEMA_RE_H

#include <stddef.h>

#define JSONSCHEMA_RE_MAX_LEN		4096	/* pattern bytes */
#define JSONSCHEMA_RE_MAX_POSITIONS	512
#define JSONSCHEMA_RE_MAX_NEST		32	/* group nesting */

struct jsonschema_re;

/* NULL with a message in err if the pattern is refused. */
struct jsonschema_re	*jsonschema_re_compile(const char *, size_t,
			    char *err, size_t errlen);
/* 1 if the pattern matches anywhere in the subject, else 0. */
int			 jsonschema_re_search(const struct jsonschema_re *,
			    const char *, size_t);
void			 jsonschema_re_free(struct jsonschema_re *);
/*
 * Code points in a UTF-8 string as the matcher sees them (each byte of
 * an invalid sequence counts as one U+FFFD); minLength and maxLength
 * count the same way.
 */
size_t			 jsonschema_re_ncodepoints(const char *, size_t);

#endif /* HARNESS_JSONSCHEMA_RE_H */
