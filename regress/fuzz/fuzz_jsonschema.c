/*
 * Fuzz lib/jsonschema.c: the input is a schema and an instance, both
 * JSON, separated by the first NUL byte (no NUL: the schema validates
 * itself).  Each is parsed with json_tokener, the schema compiled and
 * the instance validated; everything is freed so that leaks show.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "jsonschema.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Deeper than the schema limit, so that the limit itself is reached. */
#define FUZZ_PARSE_DEPTH	200

/* 1 with *out set (NULL is JSON null), 0 if the text does not parse. */
static int
parse(const uint8_t *data, size_t len, struct json_object **out)
{
	struct json_tokener	*tok;
	char			*buf;
	int			 ok;

	*out = NULL;
	if (len > INT32_MAX - 1 || (buf = malloc(len + 1)) == NULL)
		return 0;
	memcpy(buf, data, len);
	buf[len] = '\0';
	if ((tok = json_tokener_new_ex(FUZZ_PARSE_DEPTH)) == NULL) {
		free(buf);
		return 0;
	}
	/* Counting the NUL tells the tokener the text ends there. */
	*out = json_tokener_parse_ex(tok, buf, (int)len + 1);
	ok = json_tokener_get_error(tok) == json_tokener_success;
	if (!ok) {
		json_object_put(*out);
		*out = NULL;
	}
	json_tokener_free(tok);
	free(buf);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object	*schema, *instance;
	struct jsonschema	*s;
	const uint8_t		*nul;
	size_t			 slen;
	char			 err[256];
	int			 have_instance;

	nul = memchr(data, '\0', size);
	slen = nul != NULL ? (size_t)(nul - data) : size;
	if (!parse(data, slen, &schema))
		return 0;
	have_instance = 0;
	instance = NULL;
	if (nul != NULL)
		have_instance = parse(nul + 1, size - slen - 1, &instance);

	if ((s = jsonschema_compile(schema, err, sizeof(err))) != NULL) {
		/* The compiled schema must outlive its source. */
		if (have_instance) {
			json_object_put(schema);
			schema = NULL;
			(void)jsonschema_validate(s, instance, err,
			    sizeof(err));
		} else
			(void)jsonschema_validate(s, schema, err,
			    sizeof(err));
		/* A tiny buffer exercises truncation. */
		(void)jsonschema_validate(s, have_instance ? instance :
		    schema, err, 5);
		jsonschema_free(s);
	}
	if (strnlen(err, sizeof(err)) == sizeof(err))
		abort();	/* messages are always terminated */
	json_object_put(schema);
	json_object_put(instance);
	return 0;
}
