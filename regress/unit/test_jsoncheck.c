/*
 * auditlog_json_check: the strict JSON scan the gateway runs on request
 * bodies before json-c (which alone accepts single quotes, comments,
 * trailing commas, NaN and Infinity, raw control characters, and cuts
 * a key at \u0000).
 */

#include <string.h>

#include "auditlog.h"
#include "../tap.h"

static int
check(const char *s, int depth, size_t *members, char *err, size_t errlen)
{
	return auditlog_json_check(s, strlen(s), depth, members, err, errlen);
}

int
main(void)
{
	static const char *const good[] = {
		"{}", " {} \r\n\t", "[]", "0", "-0", "1.5e3", "1E-2",
		"-1.0e+5", "\"x\"", "true", "false", "null",
		"{\"a\":[1,2,{\"b\":null}],\"c\":\"\\u0000 in a value\"}",
		"{\"e\":\"\\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}",
		"{\"u\":\"\xc3\xa9\"}", "18446744073709551615",
		"-9223372036854775808",
	};
	static const char *const bad[] = {
		"", " ", "{'argv':['echo','single',],}", "{\"name\":\"a\",}",
		"{\"name\":\"a\"/*c*/}", "{\"n\":NaN}", "{\"n\":Infinity}",
		"{\"n\":-Infinity}", "{\"n\":nan}", "[1,]", "{} x", "{}{}",
		"{\"a\":1}garbage", "{\"a\":01}", "{\"a\":-01}", "{\"a\":1.}",
		"{\"a\":.5}", "{\"a\":+1}", "{\"a\":1.e5}", "{\"a\":0x10}",
		"{\"a\":1e999}", "{\"a\":99999999999999999999}",
		"{\"a\":-9223372036854775809}", "{\"a\":\"x\ty\"}",
		"{\"a\":\"x\x01y\"}", "{\"a\":\"\\ud800\"}",
		"{\"a\":\"\\x41\"}", "{\"a\":\"\xff\"}", "{\"a\":tRue}",
		"{\"a\\u0000b\":1}", "{a:1}", "{\"a\" 1}", "\"open",
	};
	char	 err[128], deep[200];
	size_t	 i, members;
	int	 ok;

	ok = 1;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (check(good[i], 0, NULL, err, sizeof(err)) != 0) {
			ok = 0;
			printf("# refused %s: %s\n", good[i], err);
		}
	tap_ok(ok, "valid JSON is accepted (%zu texts)", i);
	ok = 1;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check(bad[i], 0, NULL, err, sizeof(err)) != -1 ||
		    strstr(err, " at byte ") == NULL) {
			ok = 0;
			printf("# accepted %s\n", bad[i]);
		}
	tap_ok(ok, "what json-c lets through is refused, with a byte offset "
	    "(%zu texts)", i);

	check("{\"n\":NaN}", 0, NULL, err, sizeof(err));
	tap_ok(strcmp(err, "unexpected character at byte 5") == 0,
	    "the error names the byte (%s)", err);
	check("{\"a\":1} x", 0, NULL, err, sizeof(err));
	tap_ok(strcmp(err, "trailing data at byte 8") == 0,
	    "trailing bytes are named (%s)", err);
	check("{\"a\\u0000b\":1}", 0, NULL, err, sizeof(err));
	tap_ok(strstr(err, "NUL") != NULL, "NUL in a key is named (%s)", err);

	members = 0;
	ok = check("{\"a\":1,\"a\":2,\"b\":{\"c\":[{\"d\":0}]}}", 0,
	    &members, err, sizeof(err)) == 0;
	tap_ok(ok && members == 5, "members are counted, repeated keys "
	    "included (%zu)", members);

	{
		static const struct {
			const char	*text;
			size_t		 at;	/* SIZE_MAX: none */
		} dk[] = {
			{ "{\"a\":1,\"a\":2}", 7 },
			{ "{\"a\":1,\"b\":2}", SIZE_MAX },
			{ "{\"a\":1, \"\\u0061\":2}", 8 },
			{ "{\"x\":[{\"k\":1,\"j\":2,\"k\":3}],\"y\":0}", 19 },
			{ "[{\"a\":1},{\"a\":1}]", SIZE_MAX },
			{ "{\"a\":{\"b\":1},\"c\":{\"b\":2}}", SIZE_MAX },
			{ "{\"b\":0,\"a\":1,\"b\":2,\"a\":3}", 13 },
			{ "{\"\\/\":0,\"/\":1}", 8 },
			{ "\"a\"", SIZE_MAX },
			{ "{\"\":1,\"\":2}", 6 },
			{ "{\"\":1}", SIZE_MAX },
		};
		size_t	at;
		int	got;

		for (i = 0, ok = 1; i < sizeof(dk) / sizeof(dk[0]); i++) {
			got = auditlog_json_dupkey(dk[i].text,
			    strlen(dk[i].text), &at);
			if (got != (dk[i].at != SIZE_MAX) ||
			    (got && at != dk[i].at)) {
				printf("# %s: %d at %zu\n", dk[i].text, got,
				    at);
				ok = 0;
			}
		}
		tap_ok(ok, "a repeated key is found where it is repeated, "
		    "escapes decoded, each object on its own (%zu texts)", i);
	}

	memset(deep, '[', 40);
	memset(deep + 40, ']', 40);
	deep[80] = '\0';
	tap_ok(check(deep, 0, NULL, err, sizeof(err)) == -1 &&
	    strstr(err, "deeply") != NULL, "40 levels: over the default 32");
	tap_ok(check(deep, 64, NULL, err, sizeof(err)) == 0,
	    "40 levels: within a maximum of 64");
	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	deep[130] = '\0';
	tap_ok(check(deep, 64, NULL, err, sizeof(err)) == -1,
	    "65 levels: over a maximum of 64");
	tap_ok(auditlog_json_check("{}\0", 3, 0, NULL, err, sizeof(err)) ==
	    -1, "a NUL byte after the value is trailing data");
	tap_ok(auditlog_json_check(NULL, 0, 0, NULL, err, sizeof(err)) == -1,
	    "NULL is refused");
	return tap_done();
}
