/*
 * fuzz_auditlog_json: the canonical JSON form of audit record bodies.
 * Whatever the input, canonicalisation must not crash, must stay within
 * AUDITLOG_BODY_MAX, and its output must be its own canonical form (the
 * verifier and every reader rely on that); formatting a record with the
 * raw input as body must not crash either.  What the strict scanner
 * (auditlog_json_check, the gateway's guard) passes, json-c in strict
 * mode must parse whole, and every body that canonicalises passes it.
 * auditlog_json_dupkey() finds a repeated key exactly when json-c's
 * tree holds fewer members than the scanner counted, and points at one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "auditlog.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct auditlog_record	 rec;
	struct json_tokener	*tok;
	struct json_object	*o;
	char			*in, *out = NULL, *out2 = NULL, *line;
	char			 err[128];
	size_t			 olen, olen2, members, at;
	int			 dup;

	if ((in = malloc(len + 1)) == NULL)
		return 0;
	memcpy(in, data, len);
	in[len] = '\0';
	if (len < 65536 && auditlog_json_check(in, len, 64, &members, err,
	    sizeof(err)) == 0) {
		if ((tok = json_tokener_new_ex(64)) == NULL)
			abort();
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
		o = json_tokener_parse_ex(tok, in, (int)len);
		/* a bare number at the end: end it, as the gateway does */
		if (o == NULL && json_tokener_get_error(tok) ==
		    json_tokener_continue)
			o = json_tokener_parse_ex(tok, " ", 1);
		if (json_tokener_get_error(tok) != json_tokener_success)
			abort();
		dup = auditlog_json_dupkey(in, len, &at);
		if (dup != (auditlog_json_members(o) != members) ||
		    (dup && (at >= len || in[at] != '"')))
			abort();
		json_object_put(o);
		json_tokener_free(tok);
	}
	if (auditlog_canon_json(in, len, &out, &olen, NULL, 0) == 0) {
		if (olen > AUDITLOG_BODY_MAX || strlen(out) != olen)
			abort();
		if (auditlog_json_check(in, len, 0, NULL, err,
		    sizeof(err)) == -1)
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
