/*
 * secscan on arbitrary bytes: never crashes, hits are ordered, disjoint
 * and in bounds, the output is the input with exactly those spans
 * replaced, and secscan_find() agrees with secscan_redact().
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "secscan.h"

#define MAXHITS	256
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct secscan_hit	 hits[MAXHITS], hits2[MAXHITS];
	const char			*in = (const char *)data;
	char				*out;
	size_t				 outlen, i, at = 0, k = 0, nl;
	int				 n, m;

	n = secscan_redact(in, size, &out, &outlen, hits, MAXHITS);
	if (n == -1)
		return 0;	/* out of memory */
	CHECK(out != NULL && out[outlen] == '\0');
	m = secscan_find(in, size, hits2, MAXHITS);
	CHECK(m == n);
	if (n > MAXHITS) {
		free(out);
		return 0;
	}
	for (i = 0; i < (size_t)n; i++) {
		CHECK(hits[i].pattern != NULL && hits[i].len > 0);
		CHECK(hits[i].off >= at && hits[i].off <= size &&
		    hits[i].len <= size - hits[i].off);
		CHECK(hits2[i].off == hits[i].off &&
		    hits2[i].len == hits[i].len &&
		    strcmp(hits2[i].pattern, hits[i].pattern) == 0);
		/* Between hits: copied verbatim. */
		CHECK(k + (hits[i].off - at) <= outlen);
		CHECK(memcmp(out + k, in + at, hits[i].off - at) == 0);
		k += hits[i].off - at;
		nl = strlen(hits[i].pattern);
		CHECK(k + nl + 11 <= outlen);
		CHECK(memcmp(out + k, "[REDACTED:", 10) == 0 &&
		    memcmp(out + k + 10, hits[i].pattern, nl) == 0 &&
		    out[k + 10 + nl] == ']');
		k += nl + 11;
		at = hits[i].off + hits[i].len;
	}
	CHECK(outlen - k == size - at);
	CHECK(memcmp(out + k, in + at, size - at) == 0);
	free(out);
	return 0;
}
