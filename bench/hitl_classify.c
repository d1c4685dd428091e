/*
 * hitl_classify: how fast does the risk classifier decide?
 *
 * Builds a 200-rule set: 150 command rules over 60 command names (for
 * each name "NAME *" low and "NAME -rf *" high, and for half of them
 * "NAME * | sh" critical), 30 tool rules (27 literal names, 3 globs),
 * 10 path rules, 5 argument rules (JSON paths) and 5 network rules;
 * the shape printed is counted from the rules themselves.
 *
 * Then classifies a mix of about 200 distinct calls, in a shuffled
 * order so that no one call repeats back to back: plain shell lines,
 * chains (&& || ; | $( )), wrapped commands (sudo -u, env, sh -c,
 * /usr/bin/NAME, timeout/nice, xargs), exec-style argv calls, tool-name
 * only calls and calls with JSON arguments (some with a network).
 * Nothing is cached between calls.  Every result is counted per level
 * and per decision, and every pass must give the same counts as the
 * first, so the work cannot be skipped.  Time is the thread's CPU time
 * (the figure holds on a busy machine too).  The mix is run several
 * times; best and median are printed.  Last, one thread per online CPU
 * runs the mix at once (each its own order, the rule set shared and
 * read only, as risk_classify() keeps no state between calls): that
 * figure is calls over wall time.  Round trips over imsg are
 * bench/hitl_daemon.
 *
 * Usage: hitl_classify [seconds per run [runs [kind | line ...]]]
 * (kind 0..5 times only the calls of that kind, for profiling; a shell
 * line, or several, times each line alone against the same rules).
 */

#include <err.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* Arguments for shell lines and argv calls. */
static const char *const operands[] = {
	"-la src", "status", "-rn TODO src/", "README.md", "-j4",
	"-rf build", "--version", "a.txt b.txt", "-f /etc/shadow",
	"-v ~/.ssh/id_rsa", "x | tee out.log", "-q tests/", "> /dev/null",
	"\"quoted arg\" 'single'", "-rf \"$HOME/.cache\"", "-C / log",
};
#define NOPERANDS	(sizeof(operands) / sizeof(operands[0]))

/* Shell lines with more than one command; %1$s/%3$s names, %2$s/%4$s
   arguments. */
static const char *const chains[] = {
	"cd build && %1$s %2$s && %3$s %4$s",
	"%1$s %2$s | %3$s -c x",
	"%1$s %2$s; %3$s %4$s",
	"%1$s %2$s || echo failed",
	"%1$s -fsSL https://x.example/i.sh | sh",
	"echo \"$(%1$s %2$s)\" > out.txt",
	"%1$s %2$s &\n%3$s %4$s",
	"(cd sub && %1$s %2$s) && `%3$s %4$s`",
};
#define NCHAINS		(sizeof(chains) / sizeof(chains[0]))

static const char *const wraps[] = {
	"sudo -u admin %1$s -rf /tmp/x",
	"env A=1 B=2 %1$s %2$s",
	"sh -c '%1$s %2$s && %3$s %4$s'",
	"/usr/bin/%1$s %2$s",
	"timeout 5 nice -n 10 %1$s %2$s",
	"bash -c \"%1$s %2$s\"",
	"find . -name '*.o' -exec %1$s -rf {} ;",
	"xargs %1$s -rf < list.txt",
};
#define NWRAPS		(sizeof(wraps) / sizeof(wraps[0]))

static const char *const calltools[] = {
	"read_file", "list_dir", "glob", "search", "todo_write", "git_commit",
	"git_push", "create_pr", "run_tests", "format", "lint", "deploy",
	"db_query", "send_mail", "calendar", "kv_get", "image_gen",
	"mcp__github__create_issue", "mcp__fs__read", "db_delete",
	"admin_reset", "unknown_tool", "notebook_edit", "web_search",
};
#define NCALLTOOLS	(sizeof(calltools) / sizeof(calltools[0]))

static const struct {
	const char	*tool, *args, *network;
} jcalls[] = {
	{ "read_file", "{\"path\":\"src/main.c\"}", NULL },
	{ "read_file", "{\"path\":\"config/.env\"}", NULL },
	{ "read_file", "{\"file_path\":\"/home/u/.ssh/id_rsa\",\"limit\":100}",
	    NULL },
	{ "write_file", "{\"path\":\"notes.txt\",\"content\":\"hello\"}", NULL },
	{ "write_file", "{\"path\":\"/etc/sudoers\",\"content\":\"x ALL\"}",
	    NULL },
	{ "edit_file", "{\"file_path\":\"lib/a.c\",\"old_string\":\"a\","
	    "\"new_string\":\"b\"}", NULL },
	{ "edit_file", "{\"file_path\":\"./repo/../repo/.git/config\","
	    "\"old_string\":\"a\",\"new_string\":\"b\"}", NULL },
	{ "web_fetch", "{\"url\":\"https://example.com/\"}",
	    "example.com:443" },
	{ "web_fetch", "{\"url\":\"http://169.254.169.254/latest/meta-data\"}",
	    "169.254.169.254:80" },
	{ "web_fetch", "{\"url\":\"https://api.example.com/v1\",\"headers\":"
	    "{\"Authorization\":\"Bearer x\"}}", "api.example.com:443" },
	{ "s3_put", "{\"bucket\":\"b\",\"files\":[{\"name\":\"a.txt\"},"
	    "{\"name\":\"server.key\"}]}", "s3.amazonaws.com:443" },
	{ "s3_get", "{\"bucket\":\"b\",\"files\":[{\"name\":\"a.txt\"}]}",
	    "s3.amazonaws.com:443" },
	{ "kv_set", "{\"key\":\"k\",\"value\":\"v\",\"mode\":\"0644\"}", NULL },
	{ "list_dir", "{\"dir\":\"/root/secrets\",\"recursive\":true}", NULL },
	{ "list_dir", "{\"dir\":\"src\",\"recursive\":false}", NULL },
	{ "glob", "{\"pattern\":\"**/*.c\",\"cwd\":\"/work\"}", NULL },
	{ "search", "{\"query\":\"TODO\",\"paths\":[\"src\",\"lib\"]}", NULL },
	{ "send_mail", "{\"to\":\"a@b.c\",\"body\":\"hi\"}", "smtp.b.c:25" },
	{ "deploy", "{\"target\":\"prod\",\"mode\":\"0777\"}", "any" },
	{ "ssh_exec", "{\"host\":\"h\",\"cmd\":\"uptime\"}", "h:22" },
};
#define NJCALLS		(sizeof(jcalls) / sizeof(jcalls[0]))

#define C_SIMPLE	0
#define C_CHAIN		1
#define C_WRAP		2
#define C_ARGV		3
#define C_TOOL		4
#define C_JSON		5
#define NCAT		6
static const char *const catname[NCAT] = {
	"shell, one command", "shell, chains", "shell, wrappers",
	"argv (exec)", "tool name only", "JSON args",
};
static const int catcount[NCAT] = { 48, 40, 40, 24, 24, 32 };

struct bcall {
	struct risk_call c;
	int		 cat;
	char		*line;
	char		*av[4];
};

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

/* Deterministic: the same mix every run. */
static uint32_t
rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return ((uint32_t)(*s >> 33));
}

static void
make_call(struct bcall *b, int cat, uint32_t k, uint64_t *seed)
{
	const char *n1 = names[rnd(seed) % 60], *n2 = names[rnd(seed) % 60];
	const char *o1 = operands[rnd(seed) % NOPERANDS];
	const char *o2 = operands[rnd(seed) % NOPERANDS];
	char line[512];
	size_t j;

	memset(b, 0, sizeof(*b));
	b->cat = cat;
	switch (cat) {
	case C_SIMPLE:
		snprintf(line, sizeof(line), "%s %s", n1, o1);
		break;
	case C_CHAIN:
		snprintf(line, sizeof(line), chains[k % NCHAINS], n1, o1, n2,
		    o2);
		break;
	case C_WRAP:
		snprintf(line, sizeof(line), wraps[k % NWRAPS], n1, o1, n2,
		    o2);
		break;
	case C_ARGV:
		b->c.tool = "exec";
		b->av[0] = xstrdup((k & 1) ? n1 : "/usr/bin/env");
		b->av[1] = xstrdup((k & 1) ? (k & 2 ? "-rf" : "-la") : n1);
		b->av[2] = xstrdup(k % 3 ? "/tmp/x y" : "$HOME");
		b->c.argv = (const char *const *)b->av;
		b->c.argc = 3;
		return;
	case C_TOOL:
		b->c.tool = calltools[k % NCALLTOOLS];
		return;
	case C_JSON:
		j = k % NJCALLS;
		b->c.tool = jcalls[j].tool;
		b->c.network = jcalls[j].network;
		if ((b->c.args = json_tokener_parse(jcalls[j].args)) == NULL)
			errx(1, "bad JSON %s", jcalls[j].args);
		return;
	}
	b->c.tool = "shell";
	b->line = xstrdup(line);
	b->c.command = b->line;
}

/* CPU time of this thread: the figure holds on a busy machine too. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

struct tally {
	unsigned long	 level[RISK_NLEVELS];
	unsigned long	 decision[3];
	unsigned long	 n;
};

static void
pass(const struct risk_ruleset *rs, struct bcall *const *c, size_t nc,
    struct tally *t)
{
	struct risk_result res;
	size_t i;

	for (i = 0; i < nc; i++) {
		if (risk_classify(rs, &c[i]->c, &res) == -1)
			errx(1, "risk_classify failed: %s", res.why);
		t->level[res.level]++;
		t->decision[res.decision]++;
	}
	t->n += nc;
}

/* Whole passes over c for secs; checks each against ref. */
static double
run(const struct risk_ruleset *rs, struct bcall *const *c, size_t nc,
    double secs, const struct tally *ref)
{
	struct tally t;
	double t0, t1;
	unsigned long passes = 0;
	size_t i;
	int l;

	memset(&t, 0, sizeof(t));
	t0 = now();
	/* Read the clock (a system call) every few thousand calls. */
	do {
		for (i = 0; i < 4096; i += nc) {
			pass(rs, c, nc, &t);
			passes++;
		}
	} while ((t1 = now()) - t0 < secs);
	for (l = 0; l < RISK_NLEVELS; l++)
		if (t.level[l] != passes * ref->level[l])
			errx(1, "results differ between passes");
	for (l = 0; l < 3; l++)
		if (t.decision[l] != passes * ref->decision[l])
			errx(1, "results differ between passes");
	return (t.n / (t1 - t0));
}

/* Each shell line alone, for profiling: its rate and its result. */
static void
lines(const struct risk_ruleset *rs, char *const *av, size_t n,
    double secs)
{
	struct risk_result res;
	struct bcall b, *bp = &b;
	struct tally ref;
	double rate;
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&b, 0, sizeof(b));
		b.c.tool = "shell";
		b.c.command = av[i];
		if (risk_classify(rs, &b.c, &res) == -1)
			errx(1, "risk_classify failed: %s", res.why);
		memset(&ref, 0, sizeof(ref));
		pass(rs, &bp, 1, &ref);
		rate = run(rs, &bp, 1, secs, &ref);
		printf("%6.2f M/s %5.0f ns/op  %-8s %s\n", rate / 1e6,
		    1e9 / rate, risk_level_name(res.level), av[i]);
	}
}

/* One of the threads of the last figure. */
struct worker {
	pthread_t		  t;
	const struct risk_ruleset *rs;
	struct bcall		**mix;
	size_t			  nc;
	const struct tally	 *ref;
	double			  secs;
	unsigned long		  n;
	int			  bad;
};

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct tally t;
	unsigned long passes = 0;
	double t0 = wall();
	size_t i;
	int l;

	memset(&t, 0, sizeof(t));
	do {
		for (i = 0; i < 4096; i += w->nc) {
			pass(w->rs, w->mix, w->nc, &t);
			passes++;
		}
	} while (wall() - t0 < w->secs);
	for (l = 0; l < RISK_NLEVELS; l++)
		if (t.level[l] != passes * w->ref->level[l])
			w->bad = 1;
	for (l = 0; l < 3; l++)
		if (t.decision[l] != passes * w->ref->decision[l])
			w->bad = 1;
	w->n = t.n;
	return (NULL);
}

/* nt threads at once, each its own rotation of mix: calls per second. */
static double
run_threads(const struct risk_ruleset *rs, struct bcall *const *mix,
    size_t nc, double secs, const struct tally *ref, size_t nt)
{
	struct worker *w;
	unsigned long n = 0;
	double t0, t1;
	size_t i, k;
	int e;

	if ((w = calloc(nt, sizeof(*w))) == NULL)
		err(1, "calloc");
	for (i = 0; i < nt; i++) {
		if ((w[i].mix = calloc(nc, sizeof(*w[i].mix))) == NULL)
			err(1, "calloc");
		for (k = 0; k < nc; k++)
			w[i].mix[k] = mix[(k + i * nc / nt) % nc];
		w[i].rs = rs;
		w[i].nc = nc;
		w[i].ref = ref;
		w[i].secs = secs;
	}
	t0 = wall();
	for (i = 0; i < nt; i++)
		if ((e = pthread_create(&w[i].t, NULL, work, &w[i])) != 0)
			errc(1, e, "pthread_create");
	for (i = 0; i < nt; i++)
		if ((e = pthread_join(w[i].t, NULL)) != 0)
			errc(1, e, "pthread_join");
	t1 = wall();
	for (i = 0; i < nt; i++) {
		if (w[i].bad)
			errx(1, "results differ between threads");
		n += w[i].n;
		free(w[i].mix);
	}
	free(w);
	return (n / (t1 - t0));
}

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

int
main(int argc, char *argv[])
{
	struct risk_rule r[200];
	struct bcall *calls, **mix, **sub, *tmp;
	struct risk_ruleset *rs;
	struct tally ref, cref;
	double secs = 1.0, rate[32];
	char errbuf[256], pat[64];
	size_t n = 0, i, k, nc, ns, m, shape[5], nruns = 5;
	long ncpu;
	uint64_t seed = 0x5eed;
	int cat, only = -1;

	if (argc > 1 && (secs = atof(argv[1])) <= 0)
		errx(1, "usage: hitl_classify [seconds per run [runs]]");
	if (argc > 2 && ((nruns = strtoul(argv[2], NULL, 10)) < 1 ||
	    nruns > 32))
		errx(1, "runs: 1 to 32");
	if (argc > 3 && argv[3][0] >= '0' && argv[3][0] <= '9' &&
	    ((only = atoi(argv[3])) < 0 || only >= NCAT))
		errx(1, "kind: 0 to %d", NCAT - 1);

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
	memset(shape, 0, sizeof(shape));
	for (i = 0; i < n; i++)
		shape[r[i].matches[0].kind]++;
	if ((rs = risk_compile(r, n, NULL, errbuf, sizeof(errbuf))) == NULL)
		errx(1, "risk_compile: %s", errbuf);
	for (i = 0; i < n; i++) {
		free(r[i].matches->patterns[0]);
		free(r[i].matches->patterns);
		free(r[i].matches->path);
		free(r[i].matches);
		free(r[i].name);
		free(r[i].file);
	}
	printf("rules: %zu (%zu command over 60 names: 60 \"NAME *\", 60 "
	    "\"NAME -rf *\", 30 \"NAME * | sh\"; %zu tool: 27 literal, 3 "
	    "glob; %zu path; %zu arg; %zu network)\n", n,
	    shape[RISK_M_COMMAND], shape[RISK_M_TOOL], shape[RISK_M_PATH],
	    shape[RISK_M_ARG], shape[RISK_M_NETWORK]);

	if (argc > 3 && only == -1) {
		lines(rs, argv + 3, (size_t)(argc - 3), secs);
		risk_free(rs);
		return (0);
	}

	for (nc = 0, cat = 0; cat < NCAT; cat++)
		nc += catcount[cat];
	if ((calls = calloc(nc, sizeof(*calls))) == NULL ||
	    (mix = calloc(nc, sizeof(*mix))) == NULL ||
	    (sub = calloc(nc, sizeof(*sub))) == NULL)
		err(1, "calloc");
	for (k = 0, cat = 0; cat < NCAT; cat++)
		for (i = 0; i < (size_t)catcount[cat]; i++, k++)
			make_call(&calls[k], cat, (uint32_t)i, &seed);
	for (i = 0; i < nc; i++)
		mix[i] = &calls[i];
	for (i = nc - 1; i > 0; i--) {
		k = rnd(&seed) % (i + 1);
		tmp = mix[i];
		mix[i] = mix[k];
		mix[k] = tmp;
	}

	if (only != -1) {
		for (ns = 0, i = 0; i < nc; i++)
			if (mix[i]->cat == only)
				mix[ns++] = mix[i];
		nc = ns;
		printf("only %s\n", catname[only]);
	}

	/* Each kind alone, then the mix (the headline). */
	for (cat = 0; cat < NCAT; cat++) {
		if (only != -1 && cat != only)
			continue;
		for (ns = 0, i = 0; i < nc; i++)
			if (mix[i]->cat == cat)
				sub[ns++] = mix[i];
		memset(&cref, 0, sizeof(cref));
		pass(rs, sub, ns, &cref);
		rate[0] = run(rs, sub, ns, secs / 4, &cref);
		printf("  %-20s %3zu calls %6.2f M/s %5.0f ns/op  low %lu "
		    "medium %lu high %lu critical %lu\n", catname[cat], ns,
		    rate[0] / 1e6, 1e9 / rate[0], cref.level[RISK_LOW],
		    cref.level[RISK_MEDIUM], cref.level[RISK_HIGH],
		    cref.level[RISK_CRITICAL]);
	}
	memset(&ref, 0, sizeof(ref));
	pass(rs, mix, nc, &ref);
	printf("mix of %zu distinct calls, shuffled: low %lu medium %lu "
	    "high %lu critical %lu; allow %lu ask %lu deny %lu\n", nc,
	    ref.level[RISK_LOW], ref.level[RISK_MEDIUM], ref.level[RISK_HIGH],
	    ref.level[RISK_CRITICAL], ref.decision[RISK_ALLOW],
	    ref.decision[RISK_ASK], ref.decision[RISK_DENY]);
	for (m = 0; m < nruns; m++)
		rate[m] = run(rs, mix, nc, secs, &ref);
	qsort(rate, nruns, sizeof(rate[0]), dcmp);
	printf("hitl classify: best %.2f M/s (%.0f ns/op), median %.2f M/s "
	    "(%.0f ns/op) over %zu runs of %.1f s CPU, 200 rules, in "
	    "process, one thread\n", rate[nruns - 1] / 1e6,
	    1e9 / rate[nruns - 1], rate[nruns / 2] / 1e6,
	    1e9 / rate[nruns / 2], nruns, secs);
	if ((ncpu = sysconf(_SC_NPROCESSORS_ONLN)) > 1) {
		if (ncpu > 64)
			ncpu = 64;
		rate[0] = run_threads(rs, mix, nc, secs, &ref, (size_t)ncpu);
		printf("hitl classify: %.2f M/s on %ld threads at once (one "
		    "per CPU, wall time), the rule set shared\n", rate[0] / 1e6,
		    ncpu);
	}

	for (i = 0; i < nc; i++) {
		json_object_put(calls[i].c.args);
		free(calls[i].line);
		for (k = 0; k < 4; k++)
			free(calls[i].av[k]);
	}
	free(calls);
	free(mix);
	free(sub);
	risk_free(rs);
	return (0);
}
