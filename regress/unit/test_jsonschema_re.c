/*
 * Unit tests for lib/jsonschema_re.c: ECMA-262 subset semantics,
 * refused features, and linear time on inputs that make backtracking
 * or DFA-building matchers (glibc regexec among them) take seconds.
 */

#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsonschema_re.h"
#include "../tap.h"

struct mcase {
	const char	*pat;
	const char	*subject;
	size_t		 sublen;	/* 0: strlen */
	int		 want;
};

static const struct mcase mcases[] = {
	{ "abc", "xxabcxx", 0, 1 },
	{ "abc", "ab", 0, 0 },
	{ "", "anything", 0, 1 },
	{ "^abc$", "abc", 0, 1 },
	{ "^abc$", "abcd", 0, 0 },
	{ "^abc$", "xabc", 0, 0 },
	{ "^$", "", 0, 1 },
	{ "^$", "a", 0, 0 },
	{ "a$", "ba", 0, 1 },
	{ "a$", "ab", 0, 0 },
	{ "^a|b$", "xxb", 0, 1 },
	{ "^a|b$", "xbx", 0, 0 },
	{ "(^|,)x", "a,x", 0, 1 },
	{ "a^b", "a^b", 0, 0 },
	{ "^^a$$", "a", 0, 1 },
	{ "a$(b|$)", "a", 0, 1 },
	{ "$^", "", 0, 1 },
	{ "$^", "a", 0, 0 },
	{ "(^)*a", "ba", 0, 1 },
	{ "a\\^b", "a^b", 0, 1 },
	{ ".", "", 0, 0 },
	{ "^.$", "\n", 0, 0 },
	{ "^.$", "\r", 0, 0 },
	{ "^.$", "\xe2\x80\xa8", 0, 0 },	/* U+2028 */
	{ "^.$", "\xf0\x9f\x98\x80", 0, 1 },	/* one code point */
	{ "^..$", "\xf0\x9f\x98\x80", 0, 0 },
	{ "^[^a]$", "\xc3\xa9", 0, 1 },
	{ "^[\xc3\xa0-\xc3\xbf]+$", "\xc3\xa9\xc3\xa8", 0, 1 },
	{ "^\\d{3}$", "123", 0, 1 },
	{ "^\\d{3}$", "12a", 0, 0 },
	{ "^\\d+$", "\xd9\xa3", 0, 0 },	/* Arabic-Indic 3 is not \d */
	{ "^\\D+$", "abc", 0, 1 },
	{ "^\\D+$", "ab1", 0, 0 },
	{ "^\\w+$", "a_Z9", 0, 1 },
	{ "^\\w+$", "a-b", 0, 0 },
	{ "^\\W$", "-", 0, 1 },
	{ "^\\s$", "\t", 0, 1 },
	{ "^\\s$", "\xc2\xa0", 0, 1 },		/* U+00A0 */
	{ "^\\S+$", "a b", 0, 0 },
	{ "^[^\\s]+$", "a b", 0, 0 },
	{ "^[^\\s]+$", "ab", 0, 1 },
	{ "^[\\d\\s]+$", "1 2", 0, 1 },
	{ "^[\\D]$", "x", 0, 1 },
	{ "^[\\D]$", "5", 0, 0 },
	{ "^[a-c-]+$", "a-c", 0, 1 },
	{ "^[-a]+$", "-a", 0, 1 },
	{ "^[]]$", "]", 0, 0 },		/* [] is empty, then ] */
	{ "^[]]$", "]]", 0, 0 },
	{ "[]", "anything", 0, 0 },
	{ "^[^]$", "\n", 0, 1 },
	{ "^[\\]]$", "]", 0, 1 },
	{ "^[\\b]$", "\b", 0, 1 },
	{ "^a{2}$", "aa", 0, 1 },
	{ "^a{2}$", "aaa", 0, 0 },
	{ "^a{2,3}$", "a", 0, 0 },
	{ "^a{2,3}$", "aaa", 0, 1 },
	{ "^a{2,3}$", "aaaa", 0, 0 },
	{ "^a{2,}$", "aaaaaaa", 0, 1 },
	{ "^a{2,}$", "a", 0, 0 },
	{ "^a{0}b$", "b", 0, 1 },
	{ "^(ab){2}$", "abab", 0, 1 },
	{ "^(?:ab|cd)+$", "abcdab", 0, 1 },
	{ "^(?:ab|cd)+$", "abc", 0, 0 },
	{ "^a*?b+?c??$", "aabb", 0, 1 },
	{ "^(a|)+$", "aaa", 0, 1 },
	{ "^(a*)*b$", "aaab", 0, 1 },
	{ "^x{,2}$", "x{,2}", 0, 1 },		/* not a quantifier */
	{ "^a{$", "a{", 0, 1 },
	{ "^a}$", "a}", 0, 1 },
	{ "\\.", "a.b", 0, 1 },
	{ "\\.", "ab", 0, 0 },
	{ "^\\x41\\u00e9$", "A\xc3\xa9", 0, 1 },
	{ "^\\ud83d\\ude00$", "\xf0\x9f\x98\x80", 0, 1 },
	{ "^\\t\\n$", "\t\n", 0, 1 },
	{ "^a\\0b$", "a\0b", 3, 1 },
	{ "^[a-z]+$", "abc\0rm", 6, 0 },
	{ "^\\/\\-$", "/-", 0, 1 },
	{ "^https?://[^/]+/", "https://example.com/x", 0, 1 },
	{ "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$",
	    "a.b@example.org", 0, 1 },
	{ "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$",
	    "a.b@example", 0, 0 },
	{ "^.$", "\xff", 0, 1 },	/* invalid byte is one U+FFFD */
	{ "^\\d$", "\xff", 0, 0 },
};

struct ecase {
	const char	*pat;
	const char	*errsub;
};

static const struct ecase ecases[] = {
	{ "(", "missing ) at offset 1" },
	{ "a)", "unmatched )" },
	{ "[a", "missing ]" },
	{ "*a", "nothing to repeat" },
	{ "a**", "nothing to repeat" },
	{ "^*a", "nothing to repeat" },
	{ "a${2}", "nothing to repeat" },
	{ "{2}", "nothing to repeat" },
	{ "a{3,2}", "numbers out of order" },
	{ "[z-a]", "range out of order" },
	{ "[\\d-z]", "class escape in a range" },
	{ "(a)\\1", "back-references are not supported" },
	{ "\\bword", "word boundaries" },
	{ "a(?=b)", "lookaround" },
	{ "a(?<!b)", "lookaround" },
	{ "(?<n>a)", "named groups" },
	{ "\\p{L}", "unsupported escape \\p" },
	{ "\\cA", "unsupported escape \\c" },
	{ "\\u{1F600}", "\\u{...} is not supported" },
	{ "\\q", "unsupported escape \\q" },
	{ "\\x4", "\\x needs two hex digits" },
	{ "\\ud83d\\u0041", "unpaired surrogate" },
	{ "\\01", "octal" },
	{ "a\\", "trailing backslash" },
	{ "[[:alpha:]]", "POSIX classes" },
	{ "\xff", "invalid UTF-8" },
	{ "a{513}", "too complex" },
	{ "(a{100}){6}", "too complex" },
	{ "((){999}){999}", "too complex" },
	{ "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))",
	    "groups nest deeper than 32" },
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Search a large subject; the pattern must compile and give want.  The
 * time is reported, never asserted (tests assert behaviour), but the
 * regress timeout would catch a matcher gone quadratic.
 */
static void
big(const char *name, const char *pat, const char *unit, size_t n, int want)
{
	struct jsonschema_re	*re;
	char			 err[128], *s;
	size_t			 i, ul;
	double			 t;
	int			 r = -1;

	ul = strlen(unit);
	if ((s = malloc(n)) == NULL) {
		tap_ok(0, "%s (malloc)", name);
		return;
	}
	for (i = 0; i < n; i++)
		s[i] = unit[i % ul];
	if ((re = jsonschema_re_compile(pat, strlen(pat), err,
	    sizeof(err))) != NULL) {
		t = now();
		r = jsonschema_re_search(re, s, n);
		TAP_DIAG("%s: %zu bytes in %.3f s", pat, n, now() - t);
	} else
		TAP_DIAG("%s: %s", pat, err);
	tap_ok(r == want, "%s", name);
	jsonschema_re_free(re);
	free(s);
}

int
main(void)
{
	struct jsonschema_re	*re;
	const struct mcase	*m;
	const struct ecase	*e;
	char			 err[128];
	size_t			 i, len;
	int			 r;

	for (i = 0; i < sizeof(mcases) / sizeof(mcases[0]); i++) {
		m = &mcases[i];
		len = m->sublen ? m->sublen : strlen(m->subject);
		re = jsonschema_re_compile(m->pat, strlen(m->pat), err,
		    sizeof(err));
		if (re == NULL) {
			tap_ok(0, "/%s/ compiles: %s", m->pat, err);
			continue;
		}
		r = jsonschema_re_search(re, m->subject, len);
		tap_ok(r == m->want, "/%s/ %s subject %zu", m->pat,
		    m->want ? "matches" : "does not match", i);
		jsonschema_re_free(re);
	}
	for (i = 0; i < sizeof(ecases) / sizeof(ecases[0]); i++) {
		e = &ecases[i];
		err[0] = '\0';
		re = jsonschema_re_compile(e->pat, strlen(e->pat), err,
		    sizeof(err));
		if (re != NULL || strstr(err, e->errsub) == NULL)
			TAP_DIAG("got \"%s\"", err);
		tap_ok(re == NULL && strstr(err, e->errsub) != NULL,
		    "refuse /%s/: %s", e->pat, e->errsub);
		jsonschema_re_free(re);
	}

	/* Patterns may hold NUL and are bounded by length. */
	re = jsonschema_re_compile("a\0b", 3, err, sizeof(err));
	tap_ok(re != NULL && jsonschema_re_search(re, "xa\0b", 4) == 1 &&
	    jsonschema_re_search(re, "ab", 2) == 0, "NUL inside a pattern");
	jsonschema_re_free(re);
	re = jsonschema_re_compile("a{512}", 6, err, sizeof(err));
	tap_ok(re != NULL, "512 positions allowed");
	jsonschema_re_free(re);
	{
		char	 longpat[JSONSCHEMA_RE_MAX_LEN + 2];

		memset(longpat, 'a', sizeof(longpat));
		re = jsonschema_re_compile(longpat, sizeof(longpat), err,
		    sizeof(err));
		tap_ok(re == NULL && strstr(err, "longer than") != NULL,
		    "over-long pattern refused");
		jsonschema_re_free(re);
	}
	tap_ok(jsonschema_re_ncodepoints("a\xc3\xa9\xf0\x9f\x98\x80", 7) == 3 &&
	    jsonschema_re_ncodepoints("\x80\x80", 2) == 2,
	    "code points counted as the matcher sees them");

	/*
	 * Inputs that take glibc regexec from seconds to minutes: a few
	 * milliseconds for the simple ones here; the ones built to keep
	 * hundreds of positions alive cost about 1 to 6 microseconds a
	 * byte, linear (see the diagnostics).
	 */
	big("unanchored [ab]+x on 1 MB", "[ab]+x", "ab", 1 << 20, 0);
	big("b.*x on 1 MB", "b.*x", "ab", 1 << 20, 0);
	big("(.?)+x on 1 MB", "(.?)+x", "ab", 1 << 20, 0);
	big("^[a-z0-9_-]{1,255}$ on 1 MB", "^[a-z0-9_-]{1,255}$", "ab",
	    1 << 20, 0);
	big("b.{500}c on 64 KB", "b.{500}c", "abbabaab", 1 << 16, 0);
	big("[a-z0-9_-]{1,255}x on 64 KB", "[a-z0-9_-]{1,255}x", "ab",
	    1 << 16, 0);
	big("(a|b)*b(a|b){250}c on 64 KB", "(a|b)*b(a|b){250}c",
	    "abbabaab", 1 << 16, 0);
	big("([ab]?[ab]?){255}c on 64 KB", "([ab]?[ab]?){255}c", "ab",
	    1 << 16, 0);
	big("512-position worst case on 64 KB", "(.?){511}c", "ab",
	    1 << 16, 0);
	big("match found at the end of 64 KB", "b(ab){200}$", "ab", 1 << 16,
	    1);
	return tap_done();
}
