/*
 * fuzz_auditlog_json: the canonical JSON form of audit record bodies.
 * Whatever the input, canonicalisation must not crash, must stay within
 * AUDITLOG_BODY_MAX, and its output must be its own canonical form (the
 * verifier and every reader rely on that); formatting a record with the
 * raw input as body must not crash either.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct auditlog_record	 rec;
	char			*in, *out = NULL, *out2 = NULL, *line;
	size_t			 olen, olen2;

	if ((in = malloc(len + 1)) == NULL)
		return 0;
	memcpy(in, data, len);
	in[len] = '\0';
	if (auditlog_canon_json(in, len, &out, &olen, NULL, 0) == 0) {
		if (olen > AUDITLOG_BODY_MAX || strlen(out) != olen)
			abort();
		if (auditlog_canon_json(out, olen, &out2, &olen2, NULL,
		    0) == -1 || olen2 != olen || memcmp(out, out2, olen) != 0)
			abort();
	}
	memset(&rec, 0, sizeof(rec));
	rec.seq = 1;
	rec.time = (int64_t)len * 1000000007LL;
	rec.source = in;
	rec.type = "tool.call";
	rec.session = in;
	rec.actor = "uid:0";
	rec.body = in;
	free(auditlog_format(&rec, 0));
	line = auditlog_format(&rec, AUDITLOG_FMT_JSON);
	free(line);
	free(out);
	free(out2);
	free(in);
	return 0;
}
