/*
 * Strict UTF-8 validation.  The first byte of a sequence fixes how many
 * continuation bytes follow and, for the lead bytes that could start an
 * overlong form, a surrogate or something above U+10FFFF, a narrower
 * range for the second byte (RFC 3629, section 4).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define UTF8_BAD	0xff	/* need value of a state that saw an error */

void
utf8_init(struct utf8_state *st)
{
	st->need = 0;
	st->lo = 0x80;
	st->hi = 0xbf;
}

/* Set up st for the lead byte c; -1 if c cannot start a sequence. */
static int
utf8_lead(struct utf8_state *st, unsigned char c)
{
	st->lo = 0x80;
	st->hi = 0xbf;
	if (c < 0x80) {
		st->need = 0;
		return 0;
	}
	if (c >= 0xc2 && c <= 0xdf)
		st->need = 1;
	else if (c >= 0xe0 && c <= 0xef) {
		st->need = 2;
		if (c == 0xe0)
			st->lo = 0xa0;		/* no overlong 3-byte forms */
		else if (c == 0xed)
			st->hi = 0x9f;		/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		st->need = 3;
		if (c == 0xf0)
			st->lo = 0x90;		/* no overlong 4-byte forms */
		else if (c == 0xf4)
			st->hi = 0x8f;		/* nothing above U+10FFFF */
	} else
		return -1;
	return 0;
}

int
utf8_feed(struct utf8_state *st, const void *buf, size_t len)
{
	const unsigned char	*p = buf;
	size_t			 i;

	if (st->need == UTF8_BAD)
		return -1;
	for (i = 0; i < len; i++) {
		if (st->need == 0) {
			if (p[i] < 0x80)
				continue;
			if (utf8_lead(st, p[i]) == -1)
				goto bad;
			continue;
		}
		if (p[i] < st->lo || p[i] > st->hi)
			goto bad;
		st->need--;
		st->lo = 0x80;
		st->hi = 0xbf;
	}
	return 0;
 bad:
	st->need = UTF8_BAD;
	return -1;
}

int
utf8_complete(const struct utf8_state *st)
{
	return st->need == 0;
}

int
utf8_valid(const void *buf, size_t len)
{
	struct utf8_state	 st;

	utf8_init(&st);
	return utf8_feed(&st, buf, len) == 0 && utf8_complete(&st);
}

size_t
utf8_seqlen(const void *buf, size_t len)
{
	const unsigned char	*p = buf;
	struct utf8_state	 st;
	size_t			 n, i;

	if (len == 0)
		return 0;
	utf8_init(&st);
	if (utf8_lead(&st, p[0]) == -1)
		return 0;
	n = 1 + st.need;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if (p[i] < st.lo || p[i] > st.hi)
			return 0;
		st.lo = 0x80;
		st.hi = 0xbf;
	}
	return n;
}

char *
utf8_sanitize(const void *buf, size_t len, size_t *outlen)
{
	const unsigned char	*p = buf;
	char			*s;
	size_t			 i, n, k;

	if (len > (SIZE_MAX - 1) / 3) {
		errno = ENOMEM;
		return NULL;
	}
	if ((s = malloc(len * 3 + 1)) == NULL)
		return NULL;
	for (i = 0, k = 0; i < len; ) {
		if ((n = utf8_seqlen(p + i, len - i)) == 0) {
			memcpy(s + k, "\xef\xbf\xbd", 3);
			k += 3;
			i++;
		} else {
			memcpy(s + k, p + i, n);
			k += n;
			i += n;
		}
	}
	s[k] = '\0';
	*outlen = k;
	return s;
}

int
utf8_hides(const void *buf, size_t n, uint32_t *cpp)
{
	const unsigned char	*p = buf;
	uint32_t		 cp;

	switch (n) {
	case 2:
		cp = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		break;
	case 3:
		cp = (uint32_t)(p[0] & 0x0f) << 12 |
		    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		break;
	case 4:
		cp = (uint32_t)(p[0] & 0x07) << 18 |
		    (uint32_t)(p[1] & 0x3f) << 12 |
		    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
		break;
	default:
		cp = n == 1 ? p[0] : 0;
		break;
	}
	if (cpp != NULL)
		*cpp = cp;
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

size_t
utf8_encode(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | ((cp >> 18) & 0x07));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}
