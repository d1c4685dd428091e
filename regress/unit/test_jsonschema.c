/*
 * Unit tests for lib/jsonschema.c: every keyword passing and failing,
 * error paths, number and Unicode semantics, invalid schemas, depth
 * bounds and large arrays.
 */

#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "jsonschema.h"
#include "../tap.h"

#define PARSE_DEPTH	1000

/* A JSON text to a value; null is a NULL value, so success is separate. */
static int
parse(const char *s, struct json_object **out)
{
	struct json_tokener	*tok;
	int			 ok;

	if ((tok = json_tokener_new_ex(PARSE_DEPTH)) == NULL)
		return 0;
	*out = json_tokener_parse_ex(tok, s, -1);
	ok = json_tokener_get_error(tok) == json_tokener_success;
	if (!ok) {
		json_object_put(*out);
		*out = NULL;
	}
	json_tokener_free(tok);
	return ok;
}

/*
 * Compile schema, validate instance; want 0 or -1.  If errsub is not
 * NULL, the message must contain it.
 */
struct vcase {
	const char	*name;
	const char	*schema;
	const char	*instance;
	int		 want;
	const char	*errsub;
};

static const struct vcase vcases[] = {
	/* type */
	{ "type string pass", "{\"type\":\"string\"}", "\"abc\"", 0, NULL },
	{ "type string fail", "{\"type\":\"string\"}", "5", -1,
	    "$: expected string, got integer" },
	{ "type integer pass", "{\"type\":\"integer\"}", "3", 0, NULL },
	{ "type integer accepts 3.0", "{\"type\":\"integer\"}", "3.0", 0,
	    NULL },
	{ "type integer accepts 1e2", "{\"type\":\"integer\"}", "1e2", 0,
	    NULL },
	{ "type integer rejects 3.5", "{\"type\":\"integer\"}", "3.5", -1,
	    "expected integer, got number" },
	{ "type number accepts integer", "{\"type\":\"number\"}", "3", 0,
	    NULL },
	{ "type number accepts 3.5", "{\"type\":\"number\"}", "3.5", 0,
	    NULL },
	{ "type number rejects string", "{\"type\":\"number\"}", "\"3\"", -1,
	    "expected number, got string" },
	{ "type array of names pass", "{\"type\":[\"string\",\"null\"]}",
	    "null", 0, NULL },
	{ "type array of names fail", "{\"type\":[\"string\",\"null\"]}",
	    "true", -1, "expected null or string, got boolean" },
	{ "type boolean pass", "{\"type\":\"boolean\"}", "false", 0, NULL },
	{ "type null rejects 0", "{\"type\":\"null\"}", "0", -1,
	    "expected null, got integer" },
	{ "type object rejects array", "{\"type\":\"object\"}", "[]", -1,
	    "expected object, got array" },
	{ "type array rejects object", "{\"type\":\"array\"}", "{}", -1,
	    "expected array, got object" },

	/* properties, nesting, paths */
	{ "nested properties pass",
	    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\","
	    "\"properties\":{\"b\":{\"type\":\"integer\"}}}}}",
	    "{\"a\":{\"b\":1}}", 0, NULL },
	{ "nested properties path",
	    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\","
	    "\"properties\":{\"b\":{\"type\":\"integer\"}}}}}",
	    "{\"a\":{\"b\":\"x\"}}", -1, "$.a.b: expected integer, got string" },
	{ "array item path",
	    "{\"properties\":{\"files\":{\"type\":\"array\",\"items\":"
	    "{\"properties\":{\"name\":{\"type\":\"string\","
	    "\"maxLength\":64}}}}}}",
	    "{\"files\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":"
	    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "\"}]}", -1, "$.files[2].name: string longer than maxLength 64" },
	{ "properties ignore other keys", "{\"properties\":{\"a\":"
	    "{\"type\":\"string\"}}}", "{\"b\":1}", 0, NULL },
	{ "properties not applied to non-objects", "{\"properties\":{\"a\":"
	    "{\"type\":\"string\"}}}", "[1]", 0, NULL },
	{ "key needing quotes in path",
	    "{\"properties\":{\"a b\":{\"type\":\"integer\"}}}",
	    "{\"a b\":\"x\"}", -1, "$['a b']: expected integer" },
	{ "control bytes escaped in path",
	    "{\"additionalProperties\":false}", "{\"a\\nb\":1}", -1,
	    "$['a\\x0ab']: property not allowed" },
	{ "non-ASCII escaped in path",
	    "{\"additionalProperties\":false}", "{\"\\u00e9\":1}", -1,
	    "$['\\xc3\\xa9']" },

	/* required */
	{ "required pass", "{\"required\":[\"name\",\"id\"]}",
	    "{\"id\":1,\"name\":null}", 0, NULL },
	{ "required fail", "{\"required\":[\"name\",\"id\"]}",
	    "{\"id\":1}", -1, "$: missing required property \"name\"" },
	{ "required nested path",
	    "{\"properties\":{\"user\":{\"required\":[\"id\"]}}}",
	    "{\"user\":{}}", -1, "$.user: missing required property \"id\"" },
	{ "required ignores non-objects", "{\"required\":[\"a\"]}", "\"s\"",
	    0, NULL },

	/* additionalProperties */
	{ "additionalProperties false fail",
	    "{\"properties\":{\"a\":{}},\"additionalProperties\":false}",
	    "{\"a\":1,\"extra\":2}", -1,
	    "$.extra: property not allowed, additionalProperties is false" },
	{ "additionalProperties false pass",
	    "{\"properties\":{\"a\":{}},\"additionalProperties\":false}",
	    "{\"a\":1}", 0, NULL },
	{ "additionalProperties true pass", "{\"additionalProperties\":true}",
	    "{\"a\":1}", 0, NULL },
	{ "additionalProperties schema pass",
	    "{\"properties\":{\"a\":{\"type\":\"string\"}},"
	    "\"additionalProperties\":{\"type\":\"integer\"}}",
	    "{\"a\":\"s\",\"b\":1,\"c\":2}", 0, NULL },
	{ "additionalProperties schema fail",
	    "{\"properties\":{\"a\":{\"type\":\"string\"}},"
	    "\"additionalProperties\":{\"type\":\"integer\"}}",
	    "{\"a\":\"s\",\"b\":1,\"c\":\"x\"}", -1,
	    "$.c: expected integer, got string" },

	/* enum */
	{ "enum pass", "{\"enum\":[\"a\",\"b\"]}", "\"b\"", 0, NULL },
	{ "enum fail", "{\"enum\":[\"a\",\"b\"]}", "\"c\"", -1,
	    "$: value is not one of enum" },
	{ "enum numbers by value", "{\"enum\":[1,2]}", "1.0", 0, NULL },
	{ "enum deep values", "{\"enum\":[{\"a\":[1,2]},null]}",
	    "{\"a\":[1,2.0]}", 0, NULL },
	{ "enum null", "{\"enum\":[{\"a\":[1,2]},null]}", "null", 0, NULL },
	{ "enum string is not number", "{\"enum\":[1]}", "\"1\"", -1,
	    "not one of enum" },

	/* const */
	{ "const object any key order", "{\"const\":{\"a\":1,\"b\":[true]}}",
	    "{\"b\":[true],\"a\":1}", 0, NULL },
	{ "const object differs", "{\"const\":{\"a\":1,\"b\":[true]}}",
	    "{\"b\":[false],\"a\":1}", -1, "$: value does not equal const" },
	{ "const object extra key", "{\"const\":{\"a\":1}}",
	    "{\"a\":1,\"b\":2}", -1, "does not equal const" },
	{ "const 1 equals 1.0", "{\"const\":1}", "1.0", 0, NULL },
	{ "const 1 not \"1\"", "{\"const\":1}", "\"1\"", -1, NULL },
	{ "const exact above 2^53", "{\"const\":9007199254740993}",
	    "9007199254740992.0", -1, NULL },
	{ "const null", "{\"const\":null}", "null", 0, NULL },
	{ "const false not null", "{\"const\":false}", "null", -1, NULL },
	{ "const array order matters", "{\"const\":[1,2]}", "[2,1]", -1,
	    NULL },

	/* numbers */
	{ "minimum pass on bound", "{\"minimum\":0}", "0", 0, NULL },
	{ "minimum fail", "{\"minimum\":0}", "-1", -1,
	    "$: number less than minimum 0" },
	{ "maximum pass on bound", "{\"maximum\":10}", "10.0", 0, NULL },
	{ "maximum fail", "{\"maximum\":10}", "10.5", -1,
	    "number greater than maximum 10" },
	{ "maximum prints fraction", "{\"maximum\":0.1}", "0.2", -1,
	    "greater than maximum 0.1" },
	{ "exclusiveMinimum fail on bound", "{\"exclusiveMinimum\":0}", "0",
	    -1, "number not greater than exclusiveMinimum 0" },
	{ "exclusiveMinimum pass", "{\"exclusiveMinimum\":0}", "0.001", 0,
	    NULL },
	{ "exclusiveMaximum fail on bound", "{\"exclusiveMaximum\":1.5}",
	    "1.5", -1, "not less than exclusiveMaximum 1.5" },
	{ "exclusiveMaximum pass", "{\"exclusiveMaximum\":1.5}", "1", 0,
	    NULL },
	{ "minimum exact above 2^53", "{\"minimum\":9007199254740993}",
	    "9007199254740992", -1, "less than minimum 9007199254740993" },
	{ "uint64 below 2^64 maximum",
	    "{\"maximum\":18446744073709551616.0}",
	    "18446744073709551615", 0, NULL },
	{ "negative int vs double", "{\"maximum\":-2.5}", "-3", 0, NULL },
	{ "negative int vs double fail", "{\"maximum\":-2.5}", "-2", -1,
	    NULL },
	{ "minimum ignores strings", "{\"minimum\":5}", "\"1\"", 0, NULL },

	/* strings */
	{ "minLength fail", "{\"minLength\":2}", "\"a\"", -1,
	    "$: string shorter than minLength 2" },
	{ "minLength pass", "{\"minLength\":2}", "\"ab\"", 0, NULL },
	{ "maxLength counts code points",
	    "{\"maxLength\":3}", "\"h\xc3\xa9\xc3\xa9\"", 0, NULL },
	{ "maxLength CJK fail", "{\"maxLength\":3}",
	    "\"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" "x\"", -1,
	    "longer than maxLength 3" },
	{ "minLength emoji is one", "{\"minLength\":2}",
	    "\"\xf0\x9f\x98\x80\"", -1, "shorter than minLength 2" },
	{ "maxLength surrogate pairs", "{\"maxLength\":2}",
	    "\"\\ud83d\\ude00\\ud83d\\ude00\"", 0, NULL },
	{ "maxLength ignores numbers", "{\"maxLength\":1}", "12345", 0, NULL },
	{ "pattern pass", "{\"pattern\":\"^[a-z]+$\"}", "\"abc\"", 0, NULL },
	{ "pattern fail", "{\"pattern\":\"^[a-z]+$\"}", "\"abC\"", -1,
	    "$: string does not match pattern \"^[a-z]+$\"" },
	{ "pattern is unanchored", "{\"pattern\":\"b\"}", "\"abc\"", 0, NULL },
	{ "pattern interval", "{\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"}",
	    "\"2024-05\"", 0, NULL },
	{ "pattern ECMA \\d", "{\"pattern\":\"^\\\\d+$\"}", "\"123\"", 0,
	    NULL },
	{ "pattern ECMA [^\\s]", "{\"pattern\":\"^[^\\\\s]+$\"}",
	    "\"a b\"", -1, "does not match pattern \"^[^\\\\s]+$\"" },
	{ "pattern sees past a NUL byte", "{\"pattern\":\"^[a-z]+$\"}",
	    "\"abc\\u0000;rm\"", -1, "does not match" },
	{ "pattern counts code points", "{\"pattern\":\"^.{2}$\"}",
	    "\"\xc3\xa9\xe6\x97\xa5\"", 0, NULL },

	/* arrays */
	{ "items pass", "{\"items\":{\"type\":\"integer\"}}", "[1,2,3]", 0,
	    NULL },
	{ "items fail path", "{\"items\":{\"type\":\"integer\"}}",
	    "[1,\"x\",3]", -1, "$[1]: expected integer, got string" },
	{ "minItems fail", "{\"minItems\":2}", "[1]", -1,
	    "array shorter than minItems 2" },
	{ "maxItems fail", "{\"maxItems\":2}", "[1,2,3]", -1,
	    "array longer than maxItems 2" },
	{ "min/maxItems pass", "{\"minItems\":1,\"maxItems\":2}", "[1,2]", 0,
	    NULL },
	{ "uniqueItems pass", "{\"uniqueItems\":true}",
	    "[1,2,3,\"1\",[1],{\"a\":1},null,true]", 0, NULL },
	{ "uniqueItems fail", "{\"uniqueItems\":true}", "[1,2,1]", -1,
	    "$: array items [0] and [2] are equal" },
	{ "uniqueItems numbers by value", "{\"uniqueItems\":true}",
	    "[1,1.0]", -1, "[0] and [1] are equal" },
	{ "uniqueItems objects any order", "{\"uniqueItems\":true}",
	    "[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1}]", -1, "are equal" },
	{ "uniqueItems false allows dups", "{\"uniqueItems\":false}",
	    "[1,1]", 0, NULL },
	{ "uniqueItems case sensitive", "{\"uniqueItems\":true}",
	    "[\"a\",\"A\",[1],[1,2]]", 0, NULL },

	/* boolean schemas */
	{ "true schema", "true", "{\"anything\":[1]}", 0, NULL },
	{ "false schema", "false", "1", -1,
	    "$: no value allowed, schema is false" },
	{ "false property schema",
	    "{\"properties\":{\"x\":false}}", "{\"x\":1}", -1, "$.x: no value" },
	{ "items false empty array", "{\"items\":false}", "[]", 0, NULL },
	{ "items false non-empty", "{\"items\":false}", "[1]", -1, "$[0]:" },

	/* ignored keywords */
	{ "annotations and unknown keywords ignored",
	    "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
	    "\"$id\":\"x\",\"title\":\"t\",\"description\":\"d\","
	    "\"default\":5,\"examples\":[1],\"x-vendor\":{\"$ref\":1},"
	    "\"type\":\"integer\"}", "7", 0, NULL },
	{ "counts given as 2.0", "{\"maxLength\":2.0}", "\"abc\"", -1,
	    "longer than maxLength 2" },
	{ "count beyond uint64", "{\"maxItems\":1e30,\"minItems\":0}",
	    "[1,2]", 0, NULL },

	/* first error wins */
	{ "first error reported",
	    "{\"items\":{\"type\":\"string\",\"maxLength\":1}}",
	    "[\"a\",\"bb\",3]", -1, "$[1]: string longer than maxLength 1" },
	{ "instance value kept out of messages", "{\"maxLength\":3}",
	    "\"hunter2\"", -1, "$: string longer than maxLength 3" },
};

struct ccase {
	const char	*name;
	const char	*schema;
	const char	*errsub;
};

static const struct ccase ccases[] = {
	{ "reject type number", "{\"type\":5}",
	    "#/type: must be a string or an array of strings" },
	{ "reject unknown type name", "{\"type\":\"strin\"}",
	    "#/type: unknown type name" },
	{ "reject empty type array", "{\"type\":[]}", "#/type: must not be an empty array" },
	{ "reject bad entry in type array", "{\"type\":[\"string\",1]}",
	    "#/type/1: must be a type name" },
	{ "reject negative minLength", "{\"minLength\":-1}",
	    "#/minLength: must be a non-negative integer" },
	{ "reject fractional maxLength", "{\"maxLength\":1.5}",
	    "#/maxLength: must be a non-negative integer" },
	{ "reject string maxItems", "{\"maxItems\":\"3\"}",
	    "#/maxItems: must be a non-negative integer" },
	{ "reject bad regex", "{\"pattern\":\"(\"}",
	    "#/pattern: missing ) at offset 1" },
	{ "reject back-reference", "{\"pattern\":\"(a)\\\\1\"}",
	    "#/pattern: back-references are not supported" },
	{ "reject exploding repetition",
	    "{\"pattern\":\"((a{100}){100})\"}", "#/pattern: too complex" },
	{ "reject lookahead", "{\"pattern\":\"a(?=b)\"}",
	    "#/pattern: lookaround and named groups are not supported" },
	{ "reject non-string pattern", "{\"pattern\":1}",
	    "#/pattern: must be a string" },
	{ "reject $ref at root", "{\"$ref\":\"#/definitions/a\"}",
	    "#/$ref: $ref is not supported" },
	{ "reject nested $ref",
	    "{\"properties\":{\"a\":{\"items\":{\"$ref\":\"#\"}}}}",
	    "#/properties/a/items/$ref: $ref is not supported" },
	{ "reject required string", "{\"required\":\"a\"}",
	    "#/required: must be an array of strings" },
	{ "reject required number entry", "{\"required\":[\"a\",2]}",
	    "#/required/1: must be a string" },
	{ "reject properties array", "{\"properties\":[]}",
	    "#/properties: must be an object" },
	{ "reject property schema string",
	    "{\"properties\":{\"a/b\":\"string\"}}",
	    "#/properties/a~1b: a schema must be an object or a boolean" },
	{ "reject additionalProperties number",
	    "{\"additionalProperties\":1}",
	    "#/additionalProperties: must be a boolean or a schema" },
	{ "reject schema string", "\"string\"", "#: a schema must be" },
	{ "reject schema null", "null", "#: a schema must be" },
	{ "reject draft-4 exclusiveMinimum",
	    "{\"minimum\":1,\"exclusiveMinimum\":true}",
	    "#/exclusiveMinimum: the boolean (draft-4) form" },
	{ "reject string minimum", "{\"minimum\":\"0\"}",
	    "#/minimum: must be a number" },
	{ "reject NaN maximum", "{\"maximum\":NaN}",
	    "#/maximum: must be a finite number" },
	{ "reject tuple items", "{\"items\":[{}]}",
	    "#/items: the array (tuple) form is not supported" },
	{ "reject enum object", "{\"enum\":{}}", "#/enum: must be an array" },
	{ "reject uniqueItems number", "{\"uniqueItems\":1}",
	    "#/uniqueItems: must be a boolean" },
	{ "reject deep invalid keyword with path",
	    "{\"properties\":{\"files\":{\"items\":{\"properties\":"
	    "{\"name\":{\"maxLength\":-4}}}}}}",
	    "#/properties/files/items/properties/name/maxLength: must be" },
};

static void
run_vcase(const struct vcase *vc)
{
	struct json_object	*sj = NULL, *ij = NULL;
	struct jsonschema	*s = NULL;
	char			 err[256];
	int			 r = 99, ok;

	err[0] = '\0';
	if (!parse(vc->schema, &sj) || !parse(vc->instance, &ij)) {
		tap_ok(0, "%s (test JSON does not parse)", vc->name);
		goto out;
	}
	if ((s = jsonschema_compile(sj, err, sizeof(err))) == NULL) {
		tap_ok(0, "%s (compile: %s)", vc->name, err);
		goto out;
	}
	/* The compiled schema must not depend on the source value. */
	json_object_put(sj);
	sj = NULL;
	r = jsonschema_validate(s, ij, err, sizeof(err));
	ok = r == vc->want;
	if (vc->want == 0)
		ok = ok && err[0] == '\0';
	if (vc->errsub != NULL)
		ok = ok && strstr(err, vc->errsub) != NULL;
	if (!ok)
		TAP_DIAG("got %d \"%s\"", r, err);
	tap_ok(ok, "%s", vc->name);
 out:
	jsonschema_free(s);
	json_object_put(sj);
	json_object_put(ij);
}

static void
run_ccase(const struct ccase *cc)
{
	struct json_object	*sj = NULL;
	struct jsonschema	*s;
	char			 err[256];
	int			 ok;

	err[0] = '\0';
	if (!parse(cc->schema, &sj)) {
		tap_ok(0, "%s (test JSON does not parse)", cc->name);
		return;
	}
	s = jsonschema_compile(sj, err, sizeof(err));
	ok = s == NULL && strstr(err, cc->errsub) != NULL;
	if (!ok)
		TAP_DIAG("got %p \"%s\"", (void *)s, err);
	tap_ok(ok, "%s", cc->name);
	jsonschema_free(s);
	json_object_put(sj);
}

/* {"items":{"items":...{}...}} with n levels of items. */
static char *
nested_items_schema(int n)
{
	char	*buf;
	size_t	 len, i, off = 0;

	len = (size_t)n * 11 + 3;
	if ((buf = malloc(len)) == NULL)
		return NULL;
	for (i = 0; i < (size_t)n; i++) {
		memcpy(buf + off, "{\"items\":", 9);
		off += 9;
	}
	buf[off++] = '{';
	buf[off++] = '}';
	for (i = 0; i < (size_t)n; i++)
		buf[off++] = '}';
	buf[off] = '\0';
	return buf;
}

/* [[[...1...]]] n deep, built directly (no parser depth limit). */
static struct json_object *
nested_array(int n)
{
	struct json_object	*v, *a;
	int			 i;

	v = json_object_new_int(1);
	for (i = 0; i < n; i++) {
		if ((a = json_object_new_array()) == NULL) {
			json_object_put(v);
			return NULL;
		}
		json_object_array_add(a, v);
		v = a;
	}
	return v;
}

static void
test_depth(void)
{
	struct json_object	*sj = NULL, *ij = NULL, *pair = NULL;
	struct jsonschema	*s;
	char			 err[256], *text;
	int			 r;

	/* 64 levels below the root compile, 65 do not. */
	text = nested_items_schema(JSONSCHEMA_MAX_DEPTH);
	r = text != NULL && parse(text, &sj);
	s = r ? jsonschema_compile(sj, err, sizeof(err)) : NULL;
	tap_ok(s != NULL, "schema nested %d levels compiles",
	    JSONSCHEMA_MAX_DEPTH);
	ij = nested_array(JSONSCHEMA_MAX_DEPTH);
	tap_ok(s != NULL && jsonschema_validate(s, ij, err, sizeof(err)) == 0,
	    "instance nested %d levels validates", JSONSCHEMA_MAX_DEPTH);
	jsonschema_free(s);
	json_object_put(sj);
	json_object_put(ij);
	free(text);

	sj = NULL;
	text = nested_items_schema(JSONSCHEMA_MAX_DEPTH + 1);
	r = text != NULL && parse(text, &sj);
	s = r ? jsonschema_compile(sj, err, sizeof(err)) : NULL;
	tap_ok(r && s == NULL && strstr(err, "nested deeper than 64") != NULL,
	    "schema nested %d levels rejected", JSONSCHEMA_MAX_DEPTH + 1);
	jsonschema_free(s);
	json_object_put(sj);
	free(text);

	/* A hostile deep instance against a shallow schema. */
	ij = nested_array(5000);
	parse("{\"type\":\"array\",\"items\":{\"type\":\"array\"}}", &sj);
	s = jsonschema_compile(sj, err, sizeof(err));
	tap_ok(s != NULL && jsonschema_validate(s, ij, err, sizeof(err)) == 0,
	    "5000-deep instance, shallow schema");
	jsonschema_free(s);
	json_object_put(sj);

	/* const and uniqueItems must not recurse without bound. */
	parse("{\"const\":[[1]]}", &sj);
	s = jsonschema_compile(sj, err, sizeof(err));
	tap_ok(s != NULL && jsonschema_validate(s, ij, err, sizeof(err)) == -1 &&
	    strstr(err, "does not equal const") != NULL,
	    "5000-deep instance against const");
	jsonschema_free(s);
	json_object_put(sj);

	pair = json_object_new_array();
	json_object_array_add(pair, json_object_get(ij));
	json_object_array_add(pair, json_object_get(ij));
	parse("{\"uniqueItems\":true}", &sj);
	s = jsonschema_compile(sj, err, sizeof(err));
	tap_ok(s != NULL &&
	    jsonschema_validate(s, pair, err, sizeof(err)) == -1 &&
	    strstr(err, "$[0]: value nested deeper than 64") != NULL,
	    "5000-deep items under uniqueItems refused");
	jsonschema_free(s);
	json_object_put(sj);
	json_object_put(pair);
	json_object_put(ij);

	/* A deep const value is refused when compiling. */
	ij = nested_array(JSONSCHEMA_MAX_DEPTH + 1);
	sj = json_object_new_object();
	json_object_object_add(sj, "const", ij);
	s = jsonschema_compile(sj, err, sizeof(err));
	tap_ok(s == NULL && strstr(err, "#/const: nested deeper") != NULL,
	    "deep const value rejected");
	jsonschema_free(s);
	json_object_put(sj);
}

static void
test_huge_arrays(void)
{
	struct json_object	*sj = NULL, *a;
	struct jsonschema	*s;
	char			 err[256];
	size_t			 i, n = 200000;

	a = json_object_new_array_ext((int)n);
	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_int64((int64_t)i));

	parse("{\"type\":\"array\",\"items\":{\"type\":\"integer\","
	    "\"minimum\":0},\"uniqueItems\":true,\"maxItems\":1000000}", &sj);
	s = jsonschema_compile(sj, err, sizeof(err));
	tap_ok(s != NULL && jsonschema_validate(s, a, err, sizeof(err)) == 0,
	    "200000 unique integers validate");

	json_object_array_add(a, json_object_new_double(12345.0));
	tap_ok(s != NULL &&
	    jsonschema_validate(s, a, err, sizeof(err)) == -1 &&
	    strstr(err, "items [12345] and [200000] are equal") != NULL,
	    "duplicate found at the end of a huge array");
	jsonschema_free(s);
	json_object_put(sj);

	parse("{\"maxItems\":199999}", &sj);
	s = jsonschema_compile(sj, err, sizeof(err));
	tap_ok(s != NULL &&
	    jsonschema_validate(s, a, err, sizeof(err)) == -1 &&
	    strstr(err, "longer than maxItems 199999") != NULL,
	    "huge array over maxItems");
	jsonschema_free(s);
	json_object_put(sj);
	json_object_put(a);
}

static void
test_api_edges(void)
{
	struct json_object	*sj = NULL, *ij = NULL;
	struct jsonschema	*s;
	char			 err[8];

	parse("{\"properties\":{\"aaaaaaaaaaaa\":{\"type\":\"string\"}}}",
	    &sj);
	parse("{\"aaaaaaaaaaaa\":1}", &ij);
	s = jsonschema_compile(sj, NULL, 0);
	tap_ok(s != NULL && jsonschema_validate(s, ij, NULL, 0) == -1,
	    "NULL error buffer accepted");
	memset(err, 'x', sizeof(err));
	tap_ok(s != NULL && jsonschema_validate(s, ij, err, 4) == -1 &&
	    strcmp(err, "$.a") == 0 && err[4] == 'x',
	    "short error buffer truncated, NUL-terminated, not overrun");
	tap_ok(jsonschema_validate(NULL, ij, err, sizeof(err)) == -1,
	    "NULL schema refuses");
	jsonschema_free(s);
	jsonschema_free(NULL);
	json_object_put(sj);
	json_object_put(ij);

	/* One compiled schema, many validations. */
	parse("{\"pattern\":\"^x\"}", &sj);
	s = jsonschema_compile(sj, NULL, 0);
	json_object_put(sj);
	ij = json_object_new_string("xy");
	tap_ok(s != NULL && jsonschema_validate(s, ij, NULL, 0) == 0 &&
	    jsonschema_validate(s, ij, NULL, 0) == 0,
	    "compiled schema reused");
	jsonschema_free(s);
	json_object_put(ij);
}

int
main(void)
{
	size_t	 i;

	for (i = 0; i < sizeof(vcases) / sizeof(vcases[0]); i++)
		run_vcase(&vcases[i]);
	for (i = 0; i < sizeof(ccases) / sizeof(ccases[0]); i++)
		run_ccase(&ccases[i]);
	test_depth();
	test_huge_arrays();
	test_api_edges();
	return tap_done();
}
