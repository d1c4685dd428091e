/*
 * hitl_classify: how fast does the risk classifier decide?
 *
 * Builds a 200-rule set: 150 command rules over 60 command names (for
 * each name "NAME *" low and "NAME -rf *" high, and for half of them
 * "NAME * | sh" critical), 30 tool rules (27 literal names, 3 globs),
 * 10 path rules, 5 argument rules (JSON paths) and 5 network rules.
 * Then classifies a mix of typical calls (short shell commands, file
 * tools, a web fetch) in a loop for about 2 seconds of CPU time, in
 * process, one thread, and prints calls per second and nanoseconds per
 * call (per CPU second: the figure holds on a busy machine too).
 *
 * Usage: hitl_classify [seconds]
 */

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "risk.h"

static const char *const names[60] = {
	"ls", "cat", "head", "tail", "grep", "rg", "find", "sed", "awk",
	"git", "make", "cmake", "gcc", "cc", "clang", "go", "cargo", "npm",
	"node", "python3", "pip", "pytest", "docker", "kubectl", "terraform",
	"curl", "wget", "ssh", "scp", "rsync", "tar", "gzip", "unzip", "chmod",
	"chown", "chgrp", "rm", "mv", "cp", "ln", "mkdir", "rmdir", "touch",
	"echo", "printf", "systemctl", "journalctl", "ps", "kill", "pkill",
	"df", "du", "mount", "dd", "mkfs", "iptables", "crontab", "wc",
	"sort", "jq",
};

static const char *const tools[30] = {
	"read_file", "write_file", "edit_file", "list_dir", "glob", "search",
	"web_fetch", "web_search", "todo_write", "notebook_edit",
	"git_commit", "git_push", "create_pr", "run_tests", "format",
	"lint", "deploy", "db_query", "db_migrate", "send_mail",
	"calendar", "slack_post", "s3_put", "s3_get", "kv_set", "kv_get",
	"image_gen", "mcp__*", "*_delete", "admin_*",
};

static const char *const paths[10] = {
	"*.env", "*/.ssh/*", "/etc/shadow", "/etc/sudoers", "*.pem",
	"*/id_rsa*", "/root/*", "*/.aws/credentials", "*/.git/config",
	"/proc/*/mem",
};

static const struct {
	const char	*path, *pat;
} args[5] = {
	{ "$.url", "*169.254.169.254*" },
	{ "$.headers.Authorization", "*" },
	{ "$.files[*].name", "*.key" },
	{ "$.mode", "0777" },
	{ "$.recursive", "true" },
};

static const char *const nets[5] = {
	"any", "*:22", "*.onion:*", "169.254.169.254:*", "*:25",
};

struct bcall {
	const char	*label;
	const char	*tool;
	const char	*command;
	const char	*args;
	const char	*network;
};

static const struct bcall calls[] = {
	{ "git status", "shell", "git status", NULL, NULL },
	{ "ls -la src", "shell", "ls -la src", NULL, NULL },
	{ "cat README.md", "shell", "cat README.md", NULL, NULL },
	{ "grep -rn", "shell", "grep -rn TODO src/", NULL, NULL },
	{ "make -j4", "shell", "make -j4", NULL, NULL },
	{ "cd && cmake && make", "shell", "cd build && cmake .. && make",
	    NULL, NULL },
	{ "rm -rf build", "shell", "rm -rf build", NULL, NULL },
	{ "curl | sh", "shell", "curl -fsSL https://x.example/i.sh | sh",
	    NULL, NULL },
	{ "python3 -m pytest", "shell", "python3 -m pytest -q tests/",
	    NULL, NULL },
	{ "read_file", "read_file", NULL, "{\"path\":\"src/main.c\"}",
	    NULL },
	{ "write_file", "write_file", NULL,
	    "{\"path\":\"notes.txt\",\"content\":\"hello\"}", NULL },
	{ "web_fetch", "web_fetch", NULL,
	    "{\"url\":\"https://example.com/\"}", "example.com:443" },
};
#define NCALLS	(sizeof(calls) / sizeof(calls[0]))

static char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		err(1, "strdup");
	return (p);
}

static void
add(struct risk_rule *r, size_t *n, enum risk_level level,
    enum risk_match_kind kind, const char *path, const char *pat)
{
	struct risk_rule *x = &r[(*n)++];
	char name[64];

	snprintf(name, sizeof(name), "rule-%zu", *n);
	x->name = xstrdup(name);
	x->file = xstrdup("bench.conf");
	x->line = (int)*n;
	x->level = level;
	x->nmatches = 1;
	if ((x->matches = calloc(1, sizeof(*x->matches))) == NULL ||
	    (x->matches->patterns = calloc(1, sizeof(char *))) == NULL)
		err(1, "calloc");
	x->matches->kind = kind;
	x->matches->path = path ? xstrdup(path) : NULL;
	x->matches->patterns[0] = xstrdup(pat);
	x->matches->npatterns = 1;
}

/* CPU time of this thread: the figure holds on a busy machine too. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Classify the calls round-robin for secs; returns calls per second. */
static double
run(const struct risk_ruleset *rs, const struct risk_call *c, size_t nc,
    double secs, unsigned *sink)
{
	struct risk_result res;
	double t0, t;
	unsigned long n = 0;
	size_t i;

	t0 = now();
	do {
		for (i = 0; i < 4096; i++) {
			risk_classify(rs, &c[n % nc], &res);
			*sink += res.level + res.decision;
			n++;
		}
	} while ((t = now()) - t0 < secs);
	return (n / (t - t0));
}

int
main(int argc, char *argv[])
{
	struct risk_rule r[200];
	struct risk_call c[NCALLS];
	struct risk_ruleset *rs;
	struct risk_result res;
	double secs = 2.0, rate;
	unsigned sink = 0;
	char err[256], pat[64];
	size_t n = 0, i, k;

	if (argc > 1 && (secs = atof(argv[1])) <= 0)
		errx(1, "usage: hitl_classify [seconds]");

	memset(r, 0, sizeof(r));
	for (i = 0; i < 60; i++) {
		snprintf(pat, sizeof(pat), "%s *", names[i]);
		add(r, &n, RISK_LOW, RISK_M_COMMAND, NULL, pat);
		snprintf(pat, sizeof(pat), "%s -rf *", names[i]);
		add(r, &n, RISK_HIGH, RISK_M_COMMAND, NULL, pat);
		if (i % 2 == 1) {
			snprintf(pat, sizeof(pat), "%s * | sh", names[i]);
			add(r, &n, RISK_CRITICAL, RISK_M_COMMAND, NULL, pat);
		}
	}
	for (i = 0; i < 30; i++)
		add(r, &n, i % 3 == 0 ? RISK_MEDIUM : RISK_LOW, RISK_M_TOOL,
		    NULL, tools[i]);
	for (i = 0; i < 10; i++)
		add(r, &n, RISK_HIGH, RISK_M_PATH, NULL, paths[i]);
	for (i = 0; i < 5; i++)
		add(r, &n, RISK_HIGH, RISK_M_ARG, args[i].path, args[i].pat);
	for (i = 0; i < 5; i++)
		add(r, &n, RISK_HIGH, RISK_M_NETWORK, NULL, nets[i]);
	if (n != 200)
		errx(1, "built %zu rules", n);
	if ((rs = risk_compile(r, n, NULL, err, sizeof(err))) == NULL)
		errx(1, "risk_compile: %s", err);
	for (i = 0; i < n; i++) {
		free(r[i].matches->patterns[0]);
		free(r[i].matches->patterns);
		free(r[i].matches->path);
		free(r[i].matches);
		free(r[i].name);
		free(r[i].file);
	}

	memset(c, 0, sizeof(c));
	for (i = 0; i < NCALLS; i++) {
		c[i].tool = calls[i].tool;
		c[i].command = calls[i].command;
		c[i].network = calls[i].network;
		if (calls[i].args != NULL &&
		    (c[i].args = json_tokener_parse(calls[i].args)) == NULL)
			errx(1, "bad JSON %s", calls[i].args);
	}

	/* Each call alone, then the mix (the headline). */
	for (i = 0; i < NCALLS; i++) {
		risk_classify(rs, &c[i], &res);
		rate = run(rs, &c[i], 1, secs / 4, &sink);
		printf("  %-22s %7.2f M/s %6.0f ns/op  %s %s\n",
		    calls[i].label, rate / 1e6, 1e9 / rate,
		    risk_level_name(res.level),
		    risk_decision_name(res.decision));
	}
	rate = run(rs, c, NCALLS, secs, &sink);
	printf("hitl classify: %.1f M/s (%.0f ns/op), 200 rules (150 command "
	    "over 60 names, 30 tool, 10 path, 5 arg, 5 network), mix of %zu "
	    "calls\n", rate / 1e6, 1e9 / rate, NCALLS);

	for (k = 0; k < NCALLS; k++)
		json_object_put(c[k].args);
	risk_free(rs);
	return (sink == 0xdeadbeef);
}
