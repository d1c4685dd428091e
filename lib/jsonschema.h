/*
 * jsonschema: validate json-c values against a JSON Schema subset.
 *
 * Used to check tool-call arguments against each tool's schema before
 * anything runs.  A schema is compiled once (keyword types checked,
 * regular expressions compiled) and may then validate many instances.
 *
 * Supported keywords: type (a name or an array of names: object, array,
 * string, number, integer, boolean, null; integer accepts 3.0),
 * properties, required, additionalProperties (boolean or schema), enum,
 * const (deep equality, numbers compared by value), minimum, maximum,
 * exclusiveMinimum, exclusiveMaximum (numbers, draft-6 and later form),
 * minLength, maxLength (Unicode code points), pattern, items (a single
 * schema), minItems, maxItems, uniqueItems, and the boolean schemas
 * true and false.  Other keywords are ignored as JSON Schema requires,
 * except $ref, which is refused at compile time rather than silently
 * passing everything.
 *
 * pattern is the ECMA-262 subset described in jsonschema_re.h, over
 * code points, searched anywhere in the string (use ^ and $ to anchor),
 * as JSON Schema specifies.  It is matched by our own position
 * automaton in time linear in the string's length, not by regcomp(3):
 * glibc's regexec is quadratic or worse on hostile strings, and POSIX
 * ERE reads "\d" and "[^\s]" differently.  Features outside the subset
 * (back-references, lookaround, \b, ...) are refused when compiling.
 *
 * Schemas may nest JSONSCHEMA_MAX_DEPTH levels; values compared by
 * const, enum and uniqueItems may nest as deep.  Deeper is an error.
 *
 * The compiled schema keeps references to the enum and const values of
 * the schema it was compiled from (json_object_get(3)); do not modify
 * those while the compiled schema lives.  The source may be released.
 */
#ifndef HARNESS_JSONSCHEMA_H
#define HARNESS_JSONSCHEMA_H

#include <stddef.h>

#define JSONSCHEMA_MAX_DEPTH		64

struct json_object;
struct jsonschema;

/*
 * Compile a schema (an object, or the boolean true or false).  Returns
 * NULL with a message in err naming the schema location in JSON Pointer
 * form ("#/properties/name/maxLength: ...") if it is not a valid schema,
 * uses $ref, or memory runs out.
 */
struct jsonschema	*jsonschema_compile(struct json_object *, char *err,
			    size_t errlen);
void			 jsonschema_free(struct jsonschema *);
/*
 * 0 if schema (an object) says at its root that it takes no object
 * ("type": "string", or a list of types without "object"), else 1.  A
 * tool's arguments are always an object: such a schema refuses every
 * call.
 */
int			 jsonschema_takes_object(struct json_object *);

/*
 * 0 if the instance is valid (err is set to ""); -1 if not, with the
 * first failure in err: the path of the failing value and what was
 * expected, e.g. "$.files[2].name: string longer than maxLength 64".
 * Values from the instance never appear in messages; object keys in the
 * path do, with anything but printable ASCII escaped.  A NULL instance
 * is JSON null, as in json-c.
 */
int			 jsonschema_validate(const struct jsonschema *,
			    struct json_object *, char *err, size_t errlen);

#endif /* HARNESS_JSONSCHEMA_H */
