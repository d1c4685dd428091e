/*
 * redact: the output does not depend on where the stream is cut, and a
 * value made of bytes >= 0x80 (replacement text is ASCII) never survives.
 *
 * Input: n = 1 + data[0] % 4 secrets, each a length byte (1 + b % 128)
 * and that many value bytes; a byte giving the number of cuts (b % 8),
 * two bytes per cut; the rest is the stream.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *names[] = { "S0", "S1", "S2", "S3" };

static struct redactor *
mk(const uint8_t **v, const size_t *vl, size_t ns)
{
	struct redactor	*r;
	size_t		 i;

	if ((r = redactor_new()) == NULL)
		return NULL;
	for (i = 0; i < ns; i++)
		CHECK(redactor_add(r, names[i], v[i], vl[i]) == 0);
	if (redactor_compile(r) == -1) {
		redactor_free(r);
		return NULL;
	}
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t		*v[4], *in;
	size_t			 vl[4], ns, i, k, at = 0, cuts[8], nc;
	size_t			 inlen, pos;
	struct redactor		*r1 = NULL, *r2 = NULL;
	struct redact_out	 o1, o2;
	int			 high;

	if (size < 1)
		return 0;
	ns = 1 + data[at++] % 4;
	for (i = 0; i < ns; i++) {
		if (at >= size)
			return 0;
		vl[i] = 1 + data[at++] % 128;
		if (size - at < vl[i])
			return 0;
		v[i] = data + at;
		at += vl[i];
	}
	if (at >= size)
		return 0;
	nc = data[at++] % 8;
	if (size - at < 2 * nc)
		return 0;
	in = data + at + 2 * nc;
	inlen = size - at - 2 * nc;
	for (i = 0; i < nc; i++)
		cuts[i] = inlen == 0 ? 0 :
		    ((size_t)data[at + 2 * i] << 8 | data[at + 2 * i + 1]) %
		    (inlen + 1);
	for (i = 1; i < nc; i++)
		for (k = i; k > 0 && cuts[k - 1] > cuts[k]; k--) {
			size_t t = cuts[k];

			cuts[k] = cuts[k - 1];
			cuts[k - 1] = t;
		}

	redact_out_init(&o1);
	redact_out_init(&o2);
	if ((r1 = mk(v, vl, ns)) == NULL || (r2 = mk(v, vl, ns)) == NULL)
		goto done;
	if (redactor_feed(r1, in, inlen, &o1) == -1 ||
	    redactor_flush(r1, &o1) == -1)
		goto done;
	for (i = 0, pos = 0; i <= nc; i++) {
		size_t end = i < nc ? cuts[i] : inlen;

		if (redactor_feed(r2, in + pos, end - pos, &o2) == -1)
			goto done;
		CHECK(redactor_pending(r2) < redactor_maxlen(r2));
		pos = end;
	}
	if (redactor_flush(r2, &o2) == -1)
		goto done;
	CHECK(redactor_pending(r2) == 0);
	CHECK(o1.len == o2.len);
	CHECK(o1.len == 0 || memcmp(o1.buf, o2.buf, o1.len) == 0);
	CHECK(redactor_hits(r1) == redactor_hits(r2));

	for (i = 0; i < ns; i++) {
		for (k = 0, high = 1; k < vl[i] && high; k++)
			high = v[i][k] >= 0x80;
		if (high && o1.len >= vl[i])
			CHECK(memmem(o1.buf, o1.len, v[i], vl[i]) == NULL);
	}
 done:
	redactor_free(r1);
	redactor_free(r2);
	redact_out_free(&o1);
	redact_out_free(&o2);
	return 0;
}
