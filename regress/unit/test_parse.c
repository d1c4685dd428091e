/*
 * harness.conf parser: good files, bad files (each error names
 * file:line and what was expected), macros, includes, bundles.
 */
#include <sys/stat.h>

#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "../tap.h"

static char	 dir[] = "/tmp/test_parse.XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
	static char	 path[512];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

static struct harness_conf *
load_text(const char *text, char *err, size_t errlen)
{
	return conf_load(write_file("t.conf", text), NULL, err, errlen);
}

/* The file must fail to parse and the error must contain want. */
static void
bad(const char *name, const char *text, const char *want)
{
	struct harness_conf	*c;
	char			 err[4096];

	c = load_text(text, err, sizeof(err));
	tap_ok(c == NULL && strstr(err, want) != NULL, "bad: %s", name);
	if (c != NULL || strstr(err, want) == NULL)
		TAP_DIAG("got: %s (wanted '%s')", c ? "parsed" : err, want);
	conf_free(c);
}

/* As bad(), and the error must not contain unwanted either. */
static void
bad_only(const char *name, const char *text, const char *want,
    const char *unwanted)
{
	struct harness_conf	*c;
	char			 err[4096];

	c = load_text(text, err, sizeof(err));
	tap_ok(c == NULL && strstr(err, want) != NULL &&
	    strstr(err, unwanted) == NULL, "bad: %s", name);
	if (c != NULL || strstr(err, want) == NULL ||
	    strstr(err, unwanted) != NULL)
		TAP_DIAG("got: %s (wanted '%s', not '%s')", c ? "parsed" : err,
		    want, unwanted);
	conf_free(c);
}

static void
good(const char *name, const char *text)
{
	struct harness_conf	*c;
	char			 err[4096];

	c = load_text(text, err, sizeof(err));
	tap_ok(c != NULL, "good: %s", name);
	if (c == NULL)
		TAP_DIAG("%s", err);
	conf_free(c);
}

struct walk {
	size_t	 n, bytes;
	char	 names[1024];
};

static int
walk_cb(const char *name, const void *data, size_t len, void *arg)
{
	struct walk	*w = arg;

	(void)data;
	w->n++;
	w->bytes += len;
	strlcat(w->names, name, sizeof(w->names));
	strlcat(w->names, "\n", sizeof(w->names));
	return 0;
}

int
main(void)
{
	struct harness_conf	*c, *c2;
	struct conf_bundle	 b;
	struct walk		 walk;
	struct conf_tool	*t;
	struct conf_rule	*r;
	struct conf_match	*m;
	struct conf_grant	*g;
	uint64_t		 v;
	char			 err[4096], path[600], want[2 * PATH_MAX + 256];
	size_t			 bi;
	int			 fd;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}

	/* Units. */
	tap_ok(conf_parse_size("512M", &v) == 0 && v == 512ULL << 20,
	    "size 512M");
	tap_ok(conf_parse_size("2G", &v) == 0 && v == 2ULL << 30, "size 2G");
	tap_ok(conf_parse_size("64KiB", &v) == 0 && v == 64 << 10,
	    "size 64KiB");
	tap_ok(conf_parse_size("12", &v) == 0 && v == 12, "size bare");
	tap_ok(conf_parse_size("12X", &v) == -1, "size bad unit");
	tap_ok(conf_parse_size("-1", &v) == -1, "size negative");
	tap_ok(conf_parse_size("99999999999999999999T", &v) == -1,
	    "size overflow");
	tap_ok(conf_parse_duration("30s", &v) == 0 && v == 30000, "dur 30s");
	tap_ok(conf_parse_duration("5m", &v) == 0 && v == 300000, "dur 5m");
	tap_ok(conf_parse_duration("250ms", &v) == 0 && v == 250,
	    "dur 250ms");
	tap_ok(conf_parse_duration("2h", &v) == 0 && v == 7200000, "dur 2h");
	tap_ok(conf_parse_duration("1d", &v) == 0 && v == 86400000,
	    "dur 1d");
	tap_ok(conf_parse_duration("7", &v) == 0 && v == 7000, "dur bare");
	tap_ok(conf_parse_duration("3y", &v) == -1, "dur bad unit");

	/* An empty file is a valid configuration with defaults. */
	c = load_text("", err, sizeof(err));
	tap_ok(c != NULL, "empty file parses");
	if (c != NULL) {
		tap_ok(strcmp(c->rundir, "/run/harness") == 0 &&
		    strcmp(c->auditd.d.control.path,
		    "/run/harness/auditd.sock") == 0 &&
		    strcmp(c->auditd.d.chroot, "/var/lib/harness/audit") == 0 &&
		    strcmp(c->harnessd.d.user, "_harness") == 0 &&
		    c->hitld.nomatch == DECIDE_ASK &&
		    c->hitld.timeout_ms == 60000 &&
		    !TAILQ_EMPTY(&c->harnessd.listens),
		    "defaults and derived paths");
		conf_free(c);
	}

	/* Derived paths follow rundir/statedir. */
	c = load_text("rundir \"/x/run\"\nstatedir \"/x/state\"\n", err,
	    sizeof(err));
	tap_ok(c != NULL && strcmp(c->sandboxd.d.control.path,
	    "/x/run/sandboxd.sock") == 0 &&
	    strcmp(c->vaultd.d.chroot, "/x/state/vault") == 0 &&
	    strcmp(c->hitld.approver.path, "/x/run/approve.sock") == 0,
	    "paths derive from rundir and statedir");
	conf_free(c);

	/* The shipped sample parses. */
	snprintf(path, sizeof(path), "%s/etc/harness.conf.sample",
	    getenv("TOP") ? getenv("TOP") : ".");
	c = conf_load(path, NULL, err, sizeof(err));
	tap_ok(c != NULL, "etc/harness.conf.sample parses");
	if (c == NULL)
		TAP_DIAG("%s", err);
	conf_free(c);

	/* Macros, sizes, durations, modes, sections. */
	c = load_text(
	    "mem = \"256M\"\n"
	    "dir = \"/srv/h\"\n"
	    "rundir $dir\n"
	    "sandboxd {\n"
	    "  limits { memory $mem time 5m processes 32 }\n"
	    "  max sandboxes 8\n"
	    "}\n"
	    "hitld {\n"
	    "  approver socket \"/srv/h/a.sock\" group \"wheel\" mode 0640\n"
	    "  timeout 90s\n"
	    "  policy high deny\n"
	    "  default allow\n"
	    "}\n"
	    "tool \"fetch\" {\n"
	    "  description \"fetch a URL\"\n"
	    "  command { \"curl\", \"-s\", \"{url}\" }\n"
	    "  schema \"{\\\"type\\\": \\\"object\\\"}\"\n"
	    "  network any\n"
	    "  secret \"TOKEN\" env \"API_TOKEN\" expires 2030-01-02\n"
	    "  secret \"KEY\" file \"key.pem\"\n"
	    "  cache 10m\n"
	    "}\n"
	    "rule \"net\" {\n"
	    "  tool \"fetch\"\n"
	    "  arg \"$.url\" { \"http://*\" \"ftp://*\" }\n"
	    "  risk medium\n"
	    "}\n", err, sizeof(err));
	tap_ok(c != NULL, "full example parses");
	if (c == NULL)
		TAP_DIAG("%s", err);
	if (c != NULL) {
		tap_ok(strcmp(c->rundir, "/srv/h") == 0, "macro as value");
		tap_ok(c->sandboxd.limits.memory == 256ULL << 20 &&
		    c->sandboxd.limits.wall_ms == 300000 &&
		    c->sandboxd.limits.procs == 32 &&
		    c->sandboxd.max_sandboxes == 8, "limits block");
		tap_ok(c->hitld.approver.mode == 0640 &&
		    strcmp(c->hitld.approver.group, "wheel") == 0,
		    "octal mode and group");
		tap_ok(c->hitld.policy[2] == DECIDE_DENY &&
		    c->hitld.nomatch == DECIDE_ALLOW &&
		    c->hitld.timeout_ms == 90000, "hitld policy");
		t = conf_tool_find(c, "fetch");
		tap_ok(t != NULL && t->command.n == 3 &&
		    strcmp(t->command.v[2], "{url}") == 0 &&
		    strcmp(t->network, "any") == 0 &&
		    t->cache_ttl_ms == 600000, "tool fields");
		g = t ? TAILQ_FIRST(&t->grants) : NULL;
		tap_ok(g != NULL && strcmp(g->secret, "TOKEN") == 0 &&
		    strcmp(g->env, "API_TOKEN") == 0 &&
		    g->expires == 1893542400, "grant as env with expiry");
		g = g ? TAILQ_NEXT(g, entry) : NULL;
		tap_ok(g != NULL && strcmp(g->file, "key.pem") == 0 &&
		    g->expires == 0, "grant as file");
		r = TAILQ_FIRST(&c->rules);
		m = r ? TAILQ_LAST(&r->matches, conf_matches) : NULL;
		tap_ok(r != NULL && r->level == 1 && r->line == 23 &&
		    m != NULL && m->kind == MATCH_ARG &&
		    strcmp(m->path, "$.url") == 0 && m->patterns.n == 2,
		    "rule with arg match and line number");
		conf_free(c);
	}

	/* Includes, relative to the including file. */
	write_file("inc.conf", "auditd { seal interval 5s }\n");
	c = load_text("include \"inc.conf\"\nstatedir \"/s\"\n", err,
	    sizeof(err));
	tap_ok(c != NULL && c->auditd.seal_interval_ms == 5000 &&
	    strcmp(c->statedir, "/s") == 0, "include");
	conf_free(c);

	/* An included file holds whole sections. */
	write_file("open.conf", "harnessd {\n");
	bad("an included file opens a section its includer closes",
	    "include \"open.conf\"\n\ttimeout 5s\n}\n",
	    "open.conf:1: a section opened in");
	write_file("close.conf", "\ttimeout 5s\n}\n");
	bad("a section opened around an include",
	    "harnessd {\ninclude \"close.conf\"\n", "syntax error");
	write_file("whole.conf", "hitld {\n\ttimeout 7s\n}\n# no newline \\");
	c = load_text("include \"whole.conf\"\nauditd {\n\tseal interval 5s\n}\n",
	    err, sizeof(err));
	tap_ok(c != NULL && c->auditd.seal_interval_ms == 5000,
	    "an included file of whole sections, ending in a comment with a "
	    "backslash");
	if (c == NULL)
		TAP_DIAG("%s", err);
	conf_free(c);

	/* A comment ends at its line's end, a backslash there or not. */
	c = load_text("# a comment \\\nauditd {\n\tseal interval 5s # "
	    "also \\\n}\n", err, sizeof(err));
	tap_ok(c != NULL && c->auditd.seal_interval_ms == 5000,
	    "a comment ending in a backslash does not swallow the next line");
	if (c == NULL)
		TAP_DIAG("%s", err);
	conf_free(c);
	c = load_text("auditd {\n\tseal \\\n\tinterval 5s\n}\n", err,
	    sizeof(err));
	tap_ok(c != NULL && c->auditd.seal_interval_ms == 5000,
	    "a backslash at the end of a line still joins the next");
	conf_free(c);

	/* Bundles: the child parses exactly what the parent read. */
	write_file("inc2.conf", "tool \"x\" { command \"true\" }\n");
	snprintf(path, sizeof(path), "%s/main.conf", dir);
	write_file("main.conf", "include \"inc2.conf\"\nhitld { timeout 7s }\n");
	c = conf_load(path, &b, err, sizeof(err));
	tap_ok(c != NULL && b.len > 0, "load with bundle");
	fd = c != NULL ? conf_bundle_to_memfd(&b) : -1;
	conf_bundle_free(&b);
	tap_ok(fd != -1, "bundle to sealed memfd");
	unlink(path);	/* the bundle must not need the files */
	snprintf(path, sizeof(path), "%s/inc2.conf", dir);
	unlink(path);
	if (fd != -1 && conf_bundle_from_fd(fd, &b) == 0) {
		c2 = conf_load_bundle(b.buf, b.len, err, sizeof(err));
		tap_ok(c2 != NULL && c2->hitld.timeout_ms == 7000 &&
		    conf_tool_find(c2, "x") != NULL,
		    "bundle parses without the files");
		conf_free(c2);
		/* Its files, the main one first, with their bytes. */
		memset(&walk, 0, sizeof(walk));
		tap_ok(conf_bundle_files(b.buf, b.len, walk_cb, &walk) == 0 &&
		    walk.n == 2 && strstr(walk.names, "/main.conf\n") != NULL &&
		    strstr(walk.names, "/main.conf\n") <
		    strstr(walk.names, "/inc2.conf\n") &&
		    walk.bytes == strlen("include \"inc2.conf\"\nhitld { "
		    "timeout 7s }\n") + strlen("tool \"x\" { command "
		    "\"true\" }\n"), "bundle files walked in order");
		TAP_DIAG("%s", walk.names);
		tap_ok(conf_bundle_files(b.buf, b.len - 1, walk_cb, &walk) ==
		    -1, "a truncated bundle's walk fails");
		tap_ok(conf_bundle_files(b.buf, 2, walk_cb, &walk) == -1,
		    "a bundle without its magic is refused");
		/* A corrupted bundle is refused, not crashed on. */
		b.buf[5] ^= 0xff;
		c2 = conf_load_bundle(b.buf, b.len, err, sizeof(err));
		tap_ok(c2 == NULL, "corrupt bundle refused");
		conf_free(c2);
		c2 = conf_load_bundle(b.buf, 3, err, sizeof(err));
		tap_ok(c2 == NULL, "short bundle refused");
		conf_free(c2);
		conf_bundle_free(&b);
	} else
		tap_ok(0, "bundle read back");
	if (fd != -1)
		close(fd);
	conf_free(c);

	/* -D overrides a macro of the file. */
	conf_define("mem=1G");
	c = load_text("mem = \"1M\"\nsandboxd { limits { memory $mem } }\n",
	    err, sizeof(err));
	tap_ok(c != NULL && c->sandboxd.limits.memory == 1ULL << 30,
	    "-D macro wins");
	conf_free(c);

	good("comment and blank lines", "# c\n\n   # d\nrundir \"/r\" # e\n");
	good("one-line section", "auditd { user \"_audit\" seal interval 2s }\n");
	good("line continuation", "statedir \\\n \"/s\"\n");
	good("tcp listener", "harnessd { listen on 127.0.0.1 port 8080 }\n");
	good("tcp listener on ::1", "harnessd { listen on ::1 port 8080 }\n");
	good("tcp listener, loopback by default",
	    "harnessd { listen on port 8080 }\n");
	good("tcp listener made public",
	    "harnessd { listen on 0.0.0.0 port 8080 public }\n");
	good("api key", "harnessd {\n key \"ci\" {\n  hash \"sha256:"
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\""
	    "\n  tools { \"shell\" }\n  rate 2.5\n  burst 5\n }\n}\n");

	/* Errors: file:line and what was expected. */
	bad("unknown keyword", "auditd {\n  frobnicate 1\n}\n",
	    "t.conf:2: syntax error near 'frobnicate' in auditd: expected "
	    "user, chroot");
	bad("unknown top-level word", "\n\nbogus\n",
	    "t.conf:3: syntax error");
	bad("bad size", "sandboxd { limits { memory 12Q } }\n",
	    "t.conf:1: expected a size like 512K, 64M or 2G, got '12Q'");
	bad("bad duration", "auditd {\nseal interval 3y\n}\n",
	    "t.conf:2: expected a duration");
	bad("a cgroup of systemd's", "sandboxd { cgroup \"system.slice\" }\n",
	    "t.conf:1: cgroup 'system.slice' looks like one of systemd's");
	bad("a service's cgroup", "sandboxd { cgroup \"ssh.service\" }\n",
	    "looks like one of systemd's");
	bad("negative duration", "sandboxd { limits { time -5s } }\n",
	    "t.conf:1: expected a duration like 500ms, 30s, 5m or 1h, got "
	    "'-5s'");
	bad("negative duration in seconds", "hitld { timeout -5 }\n",
	    "t.conf:1: expected a duration, got -5");
	bad("negative size", "sandboxd { limits { memory -5M } }\n",
	    "t.conf:1: expected a size like 512K, 64M or 2G, got '-5M'");
	bad("seal interval range", "auditd { seal interval 10ms }\n",
	    "seal interval must be 100ms to 1h");
	bad("unterminated string", "rundir \"/x\n",
	    "end of file while parsing quoted string");
	bad("undefined macro", "rundir $nope\n", "macro 'nope' not defined");
	bad("missing include", "include \"nothere.conf\"\n",
	    "nothere.conf: No such file or directory");
	write_file("loop.conf", "include \"loop.conf\"\n");
	bad("include loop", "include \"loop.conf\"\n", "include loop");
	bad("bad mode", "hitld { approver socket \"/a\" mode 0999 }\n",
	    "not a valid number");
	bad("mode range", "hitld { approver socket \"/a\" mode 01777 }\n",
	    "mode must be octal, 0 to 0777");
	bad("rule without risk", "rule \"r\" { tool \"x\" }\n",
	    "rule 'r' needs a risk level");
	bad("rule matching nothing", "rule \"r\" { risk high }\n",
	    "rule 'r' matches nothing");
	bad("risk twice", "rule \"r\" { tool \"x\"\n risk low\n risk high }\n",
	    ":3: rule 'r' gives risk twice");
	bad("bad command pattern", "rule \"r\" { command \"rm 'x\"\n"
	    " risk high }\n", ":1: rule 'r': unterminated quote");
	bad("bad level", "rule \"r\" { tool \"x\"\n risk extreme }\n",
	    "expected a risk level");
	bad("bad decision", "hitld { default maybe }\n",
	    "expected allow, ask or deny");
	bad("tool with command and code", "tool \"t\" {\n command \"ls\"\n"
	    " language \"sh\"\n code \"ls\"\n}\n", "has both a command and code");
	bad("duplicate tool", "tool \"t\" { command \"a\" }\n"
	    "tool \"t\" { command \"b\" }\n", "tool 't' defined twice");
	bad("reserved tool name", "# what /v1/exec runs as\n"
	    "tool \"exec\" { command \"a\" }\n",
	    ":2: tool name 'exec' is reserved: the tool POST /v1/exec runs as");
	bad("name with slash", "tool \"a/b\" { command \"a\" }\n",
	    "may contain only letters");
	bad("name with dots", "tool \"..x\" { command \"a\" }\n",
	    "must not start with '.'");
	bad("secret name with ..", "tool \"t\" { secret \"a..b\" env \"X\" }\n",
	    "must not start with '.' or contain '..'");
	bad("relative chroot", "auditd { chroot \"rel\" }\n",
	    "chroot must be an absolute path");
	bad("a schema that is not one",
	    "tool \"t\" { command \"a\"\n schema \"{\\\"type\\\": 3}\" }\n",
	    "t.conf:2: schema of tool 't': ");
	bad("a schema that takes no object",
	    "tool \"t\" { command \"a\"\n"
	    " schema \"{\\\"type\\\": \\\"string\\\"}\" }\n",
	    "schema of tool 't': a tool's arguments are a JSON object");
	bad("a schema whose types leave out object",
	    "tool \"t\" { command \"a\"\n"
	    " schema \"{\\\"type\\\": [\\\"array\\\", \\\"null\\\"]}\" }\n",
	    "and its type does not allow one");
	good("a schema whose types hold object",
	    "tool \"t\" { command \"a\"\n"
	    " schema \"{\\\"type\\\": [\\\"object\\\", \\\"null\\\"]}\" }\n");
	bad("schema not JSON", "tool \"t\" { command \"a\"\n schema \"{x\" }\n",
	    "is not a JSON object");
	bad("bad language", "tool \"t\" { language \"perl\" code \"1\" }\n",
	    "language must be sh, bash or python3");
	bad("tool with nothing to run", "tool \"t\" { description \"d\" }\n",
	    "tool 't' needs a command or a language and code");
	bad("a listener's path twice",
	    "harnessd { listen on \"/a.sock\"\n listen on \"/b.sock\"\n"
	    " listen on \"/a.sock\" }\n", "listen on /a.sock is given twice");
	bad("a listener's path in a second harnessd block",
	    "harnessd { listen on \"/a.sock\" }\n"
	    "harnessd { listen on \"/a.sock\" }\n",
	    "listen on /a.sock is given twice");
	bad("a listener on a daemon's control socket",
	    "rundir \"/r\"\nharnessd { listen on \"/r/auditd.sock\" }\n",
	    "socket /r/auditd.sock is both auditd's control socket and a "
	    "harnessd listen on");
	bad("the approvers' socket on hitld's control socket",
	    "hitld { approver socket \"/x.sock\"\n"
	    " control socket \"/x.sock\" }\n",
	    "socket /x.sock is both hitld's control socket and hitld's "
	    "approver socket");
	bad("a TCP listener twice",
	    "harnessd { listen on 127.0.0.1 port 8080\n listen on port 8080 }\n",
	    "listen on 127.0.0.1 port 8080 is given twice");
	good("one port on two addresses",
	    "harnessd { listen on 127.0.0.1 port 8080\n"
	    " listen on ::1 port 8080 }\n");
	bad("bad port", "harnessd { listen on 127.0.0.1 port 70000 }\n",
	    "port must be 1 to 65535");
	bad("bad address", "harnessd { listen on localhost port 80 }\n",
	    "expected a numeric IPv4 or IPv6 address");
	bad("network address without public",
	    "harnessd { listen on 0.0.0.0 port 80 }\n",
	    "not a loopback address; to accept agents from the network");
	bad("v6 network address without public",
	    "harnessd { listen on :: port 80 }\n",
	    "not a loopback address");
	bad("provider without type", "provider \"p\" { model \"m\" }\n",
	    "provider 'p' needs a type");
	bad("bad key hash", "harnessd { key \"k\" { hash \"md5:x\" } }\n",
	    "key hash must be 'sha256:'");
	bad("missing brace", "auditd {\n user \"_audit\"\n", "syntax error");
	bad("error on the right line", "\n\n\n\nsandboxd {\n\n  queue x\n}\n",
	    "t.conf:7:");
	{
		FILE	*f;

		snprintf(path, sizeof(path), "%s/nul.conf", dir);
		if ((f = fopen(path, "w")) != NULL) {
			fwrite("rundir \"/a\0b\"\n", 1, 14, f);
			fclose(f);
		}
		c = conf_load(path, NULL, err, sizeof(err));
		tap_ok(c == NULL && strstr(err, "NUL byte") != NULL,
		    "bad: NUL byte");
		conf_free(c);
	}
	bad("expires not a date", "tool \"t\" { secret \"S\" env \"E\" expires "
	    "soon }\n", "expected a date like 2027-01-31");

	/* Hostile input: long strings, deep macro recursion. */
	{
		char	*big = malloc(20000);

		memset(big, 'a', 19990);
		memcpy(big, "rundir \"", 8);
		big[19990] = '"';
		big[19991] = '\n';
		big[19992] = '\0';
		bad("string too long", big, "string too long");
		free(big);
	}
	bad("self-referencing macro", "a = \"$a\"\nrundir $a\n",
	    "nested too deeply");

	/* A file that is not a regular file is refused without a wait. */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	if (mkfifo(path, 0600) == -1)
		tap_skip("bad: a FIFO as include", "mkfifo failed");
	else {
		/* Before the fix, open() waited for a writer forever. */
		alarm(20);
		bad("a FIFO as include", "include \"fifo\"\n",
		    "t.conf:1: cannot include");
		bad("a FIFO as include names why", "include \"fifo\"\n",
		    "fifo: not a regular file");
		c = conf_load(path, NULL, err, sizeof(err));
		tap_ok(c == NULL && strstr(err, "fifo: not a regular file") !=
		    NULL, "bad: a FIFO as the main file");
		if (c != NULL || strstr(err, "not a regular file") == NULL)
			TAP_DIAG("got: %s", c ? "parsed" : err);
		conf_free(c);
		alarm(0);
	}
	bad("a directory as include", "include \"/\"\n",
	    "/: not a regular file");

	/* An include loop through other files and another name. */
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0700);
	write_file("sub/a.conf", "include \"inner.conf\"\n");
	write_file("sub/inner.conf", "include \"../t.conf\"\n");
	bad_only("indirect include loop", "include \"sub/a.conf\"\n",
	    "include loop", "nested too deeply");
	bad("self-include by another name", "include \"sub/../t.conf\"\n",
	    "include loop");

	/* The lexer's error is the only one: no "syntax error" after it. */
	bad_only("undefined macro in a section",
	    "hitld {\n  timeout $y\n}\n", "t.conf:2: macro 'y' not defined",
	    "syntax error");
	bad_only("undefined macro at top level", "rundir $nope\n",
	    "macro 'nope' not defined", "syntax error");

	/* An unknown word at top level is named. */
	bad("unknown top-level keyword with an argument",
	    "bogus_keyword 1\n",
	    "t.conf:1: syntax error near 'bogus_keyword' in top level");
	bad("misspelt section", "sandbxd {\n}\n",
	    "t.conf:1: syntax error near 'sandbxd' in top level");
	bad("misspelt global", "statdir \"/x\"\n",
	    "syntax error near 'statdir' in top level");
	bad("unknown top-level word alone", "\nbogus\n",
	    "t.conf:2: syntax error near 'bogus' in top level");
	bad("a macro without a value", "x =\n",
	    "syntax error at end of line in top level");
	bad("a known keyword's bad argument", "seccomp 5\n",
	    "syntax error near '5' in top level");

	/* What the daemons refuse, -n refuses: listeners, 0 limits. */
	{
		char	 *text, *p;
		int	  i;

		if ((text = malloc(17 * 64 + 32)) == NULL)
			return 1;
		p = text;
		p += sprintf(p, "harnessd {\n");
		for (i = 0; i < 16; i++)
			p += sprintf(p, " listen on 127.0.0.1 port %d\n",
			    8000 + i);
		strcpy(p, "}\n");
		good("16 listeners", text);
		p += sprintf(p, " listen on \"/l.sock\"\n");
		strcpy(p, "}\n");
		bad("17 listeners", text,
		    "t.conf:18: too many listeners (at most 16)");
		free(text);
	}
	bad("time 0", "sandboxd { limits { time 0s } }\n",
	    "t.conf:1: time: a limit of 0 is not a limit");
	bad("time 0 in seconds", "sandboxd { limits { time 0 } }\n",
	    "time: a limit of 0 is not a limit");
	bad("cpu 0", "sandboxd { limits { cpu 0ms } }\n",
	    "cpu: a limit of 0 is not a limit");
	bad("memory 0", "sandboxd { limits { memory 0 } }\n",
	    "memory: a limit of 0 is not a limit");
	bad("output 0", "sandboxd { limits { output 0K } }\n",
	    "output: a limit of 0 is not a limit");
	bad("filesize 0", "sandboxd { limits { filesize 0 } }\n",
	    "filesize: a limit of 0 is not a limit");
	bad("tmp 0", "sandboxd { limits { tmp 0M } }\n",
	    "tmp: a limit of 0 is not a limit");
	bad("max limits time 0", "sandboxd { max limits { time 0s } }\n",
	    "time: a limit of 0 is not a limit");
	bad("a tool's memory 0", "tool \"t\" { command \"a\"\n"
	    " limits { memory 0 } }\n", "memory: a limit of 0 is not a limit");
	good("limits of 1", "sandboxd { limits { time 1ms cpu 1 memory 1 "
	    "output 1 filesize 1 tmp 1 } }\n");

	/* Modes are octal however written; 660 is 0660. */
	c = load_text("harnessd {\n listen on \"/a.sock\" mode 660\n"
	    " listen on \"/b.sock\" mode 0640\n listen on \"/c.sock\" mode 511\n"
	    "}\n", err, sizeof(err));
	if (c != NULL) {
		struct conf_listen *l = TAILQ_FIRST(&c->harnessd.listens);
		struct conf_listen *l2 = TAILQ_NEXT(l, entry);

		tap_ok(l->sock.mode == 0660 && l2->sock.mode == 0640 &&
		    TAILQ_NEXT(l2, entry)->sock.mode == 0511,
		    "mode: 660, 0640 and 511 are octal");
		conf_free(c);
	} else
		tap_ok(0, "mode: 660, 0640 and 511 are octal (%s)", err);
	bad("mode 680", "harnessd {\n listen on \"/a.sock\" mode 680\n}\n",
	    "t.conf:2: mode must be octal");
	bad("mode 1777", "harnessd {\n listen on \"/a.sock\" mode 1777\n}\n",
	    "mode must be octal");

	/* Rates are decimal: no nan (which would let everything through). */
	bad("rate nan", "harnessd {\n rate nan burst 10\n}\n",
	    "t.conf:2: expected a rate");
	bad("rate inf", "harnessd {\n rate inf burst 10\n}\n",
	    "expected a rate");
	bad("rate 1e3", "harnessd {\n rate 1e3 burst 10\n}\n",
	    "expected a rate");
	bad("rate 0x10", "harnessd {\n rate 0x10 burst 10\n}\n",
	    "expected a rate");
	bad("rate 5.", "harnessd {\n rate 5. burst 10\n}\n",
	    "expected a rate");
	good("rate 0.5", "harnessd {\n rate 0.5 burst 10\n}\n");

	/* Grant dates: real ones, after the epoch (0 is "never"). */
	bad("expires 1970-01-01", "tool \"t\" {\n command \"x\"\n"
	    " secret \"s\" env \"E\" expires 1970-01-01\n}\n",
	    "t.conf:3: expected a date");
	bad("expires 2027-02-30", "tool \"t\" {\n command \"x\"\n"
	    " secret \"s\" env \"E\" expires 2027-02-30\n}\n",
	    "expected a date");
	bad("expires 2027-1-5", "tool \"t\" {\n command \"x\"\n"
	    " secret \"s\" env \"E\" expires 2027-1-5\n}\n",
	    "expected a date");
	bad("expires 24:00", "tool \"t\" {\n command \"x\"\n"
	    " secret \"s\" env \"E\" expires 2027-01-31T24:00:00Z\n}\n",
	    "expected a date");
	c = load_text("tool \"t\" {\n command \"x\"\n"
	    " secret \"s\" env \"E\" expires 2028-02-29T12:00:00Z\n}\n", err,
	    sizeof(err));
	tap_ok(c != NULL && TAILQ_FIRST(&TAILQ_FIRST(&c->tools)->grants)
	    ->expires == 1835438400, "expires 2028-02-29T12:00:00Z");
	conf_free(c);

	/* Names: empty or with a path in them never pass. */
	bad("sandbox user \"\"", "sandboxd {\n sandbox user \"\"\n}\n",
	    "t.conf:2: user name must be 1 to");
	bad("allow user \"\"", "harnessd {\n allow user \"\"\n}\n",
	    "user name must be 1 to");
	bad("allow group a b", "harnessd {\n allow group \"a b\"\n}\n",
	    "group name 'a b' may contain only");
	bad("jwt secret ../", "harnessd {\n jwt secret \"../../x\"\n}\n",
	    "secret name '../../x' may contain only");
	bad("auditd allow user a/b", "auditd {\n allow user \"a/b\"\n}\n",
	    "user name 'a/b' may contain only");
	bad("listen owner \"\"", "harnessd {\n listen on \"/a.sock\" "
	    "owner \"\"\n}\n", "user name must be 1 to");

	/* Key hashes: as sha256sum prints them, one key to a hash. */
	c = load_text("harnessd {\n key \"k\" {\n  hash \"sha256:9F86D081884C7D"
	    "659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"\n }\n}\n",
	    err, sizeof(err));
	tap_ok(c != NULL && strcmp(TAILQ_FIRST(&c->harnessd.keys)->hash,
	    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c1"
	    "5b0f00a08") == 0, "key hash in upper case is kept in lower");
	conf_free(c);
	bad("two keys, one hash", "harnessd {\n key \"a\" {\n  hash \"sha256:"
	    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	    "\"\n }\n key \"b\" {\n  hash \"sha256:9F86D081884C7D659A2FEAA0C55"
	    "AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"\n }\n}\n",
	    "keys 'a' and 'b' have the same hash");

	/* A long word that starts with digits is kept whole. */
	{
		char	 text[512], word[200];

		memset(word, '9', 150);
		strlcpy(word + 150, "a", sizeof(word) - 150);
		snprintf(text, sizeof(text), "rule \"r\" {\n command { %s }\n"
		    " risk high\n}\n", word);
		c = load_text(text, err, sizeof(err));
		m = c != NULL ? TAILQ_FIRST(&TAILQ_FIRST(&c->rules)->matches) :
		    NULL;
		tap_ok(m != NULL && m->patterns.n == 1 &&
		    strcmp(m->patterns.v[0], word) == 0,
		    "a 151-character word of digits and a letter is whole");
		conf_free(c);
	}

	/* Line ends: CRLF, and none at the end. */
	good("CRLF line ends", "rundir \"/tmp/x\"\r\nharnessd {\r\n"
	    " timeout 5s\r\n}\r\n");
	good("no newline at the end", "harnessd {\n timeout 5s\n}");
	good("no newline after a setting", "rundir \"/tmp/x\"");
	bad("error on a last line without newline", "rundir \"/tmp/x\"\nbogus",
	    "t.conf:2: syntax error near 'bogus'");
	bad("rundir relative", "rundir \"run\"\n",
	    "t.conf:1: rundir must be an absolute path");

	/* Ranges of harnessd's request settings. */
	bad("harnessd timeout 0", "harnessd {\n timeout 0\n}\n",
	    "client timeout must be 1s to 24h");
	bad("max request size 0", "harnessd {\n max request size 0\n}\n",
	    "max request size must be 1K to 1G");
	bad("max header size 10", "harnessd {\n max header size 10\n}\n",
	    "max header size must be 1K to 1M");

	/* Limits no run could get. */
	bad("limits above max limits", "sandboxd {\n limits { time 2h }\n}\n",
	    "sandboxd: limits time 7200000 ms is above sandboxd's max limits "
	    "time 3600000 ms");
	bad("a tool's limits above max limits", "tool \"t\" {\n command \"x\"\n"
	    " limits { memory 16G }\n}\n",
	    "t.conf:1: tool 't': limits memory 17179869184 is above");
	good("a tool's limits under raised max limits", "sandboxd {\n"
	    " max limits { memory 32G }\n}\ntool \"t\" {\n command \"x\"\n"
	    " limits { memory 16G }\n}\n");

	good("rule network none", "rule \"r\" {\n network none\n risk low\n}\n");
	c = load_text("rule \"w\" {\n path write { \"/etc/*\" \"~/.bashrc\" }\n"
	    " path \"*.env\"\n risk critical\n}\n", err, sizeof(err));
	r = c ? TAILQ_FIRST(&c->rules) : NULL;
	m = r ? TAILQ_FIRST(&r->matches) : NULL;
	tap_ok(m != NULL && m->kind == MATCH_PATH && m->write &&
	    m->patterns.n == 2 && strcmp(m->patterns.v[1], "~/.bashrc") == 0 &&
	    (m = TAILQ_NEXT(m, entry)) != NULL && m->kind == MATCH_PATH &&
	    !m->write, "rule with path write and path");
	if (c == NULL)
		TAP_DIAG("%s", err);
	conf_free(c);
	bad("write without path", "rule \"r\" {\n write \"/etc/*\"\n"
	    " risk low\n}\n", "t.conf:2: syntax error");
	tap_ok(conf_parse_size("64MIB", &v) == 0 && v == 64ULL << 20,
	    "size 64MIB");

	/* -D: a name as the file's, never a keyword; the value may hold =. */
	tap_ok(conf_define("a b=/x") == -1, "-D 'a b=/x' refused");
	tap_ok(conf_define("rundir=/x") == -1, "-D rundir=/x refused");
	tap_ok(conf_define("t_parse_eq=\"/s/a=b\"") == 0, "-D value with '='");
	c = load_text("statedir $t_parse_eq\n", err, sizeof(err));
	tap_ok(c != NULL && strcmp(c->statedir, "/s/a=b") == 0,
	    "-D value with '=' expands whole");
	conf_free(c);

	/* Includes by an unquoted name or a macro count lines as quoted. */
	write_file("inc1.conf", "bogus\n");
	write_file("inc_nonl.conf", "statedir \"/tmp/y\"");
	bad("include name: the included file's line", "include inc1.conf\n",
	    "inc1.conf:1: syntax error");
	bad("include $macro: the included file's line",
	    "f = \"inc1.conf\"\ninclude $f\n", "inc1.conf:1: syntax error");
	bad("include \"name\": the included file's line",
	    "include \"inc1.conf\"\n", "inc1.conf:1: syntax error");
	c = load_text("include inc_nonl.conf\nrundir \"/tmp/r\"\n", err,
	    sizeof(err));
	tap_ok(c != NULL && strcmp(c->statedir, "/tmp/y") == 0 &&
	    strcmp(c->rundir, "/tmp/r") == 0,
	    "include name of a file without a last newline");
	conf_free(c);

	/*
	 * A NUL byte, even in a comment: one line, with the line it is on,
	 * in the file that holds it.
	 */
	{
		static const char	 nulconf[] = "rundir \"/tmp\"\n\n"
		    "# x\0y\n\0\n\0\n";
		FILE			*f;

		snprintf(path, sizeof(path), "%s/nul.conf", dir);
		if ((f = fopen(path, "w")) != NULL) {
			fwrite(nulconf, 1, sizeof(nulconf) - 1, f);
			fclose(f);
		}
		c = conf_load(path, NULL, err, sizeof(err));
		snprintf(want, sizeof(want), "%s:3: NUL byte: not a text file",
		    path);
		tap_ok(c == NULL && strcmp(err, want) == 0,
		    "a NUL byte: one error naming its line (%s)", err);
		conf_free(c);
		bad_only("a NUL byte in an included file",
		    "\ninclude \"nul.conf\"\n", "nul.conf:3: NUL byte",
		    "t.conf");
	}

	/* Bytes of a binary file are not echoed raw into the error. */
	c = load_text("rundir \"/tmp\"\nrule \"a\xfe\x1b[2J\" { bogus }\n",
	    err, sizeof(err));
	for (bi = 0; c == NULL && err[bi] != '\0'; bi++)
		if (((unsigned char)err[bi] < 0x20 && err[bi] != '\n') ||
		    (unsigned char)err[bi] >= 0x7f)
			break;
	tap_ok(c == NULL && err[bi] == '\0' && strstr(err, ":2: ") != NULL &&
	    strstr(err, "\\x1b") != NULL,
	    "binary bytes in a syntax error are shown escaped (%s)", err);
	conf_free(c);

	/* Users: each daemon's own section, as its start looks them up. */
	c = load_text("vaultd { user \"nosuchuser_h\" }\n"
	    "hitld { approver socket \"/a.sock\" group \"nosuchgroup_h\" }\n",
	    err, sizeof(err));
	tap_ok(c != NULL, "unknown users parse");
	if (c != NULL) {
		snprintf(want, sizeof(want), "%s:1: user nosuchuser_h: unknown "
		    "user (create it, see harness.conf(5))", c->path);
		tap_ok(conf_check_users(c, D_VAULTD, err, sizeof(err)) == -1 &&
		    strcmp(err, want) == 0,
		    "users: vaultd's unknown user is refused for vaultd, "
		    "naming the file and line (%s)", err);
		snprintf(want, sizeof(want), "%s:2: approver socket /a.sock "
		    "group nosuchgroup_h: unknown group", c->path);
		tap_ok(conf_check_users(c, D_HITLD, err, sizeof(err)) == -1 &&
		    strstr(err, want) != NULL,
		    "users: hitld's unknown approver group is refused, "
		    "naming the file");
		tap_ok(conf_check_users(c, D_AUDITD, err, sizeof(err)) == 0,
		    "users: another section's users are not auditd's");
		conf_free(c);
	}
	c = load_text("sandboxd { sandbox user \"nosuchuser_s\" }\n"
	    "harnessd {\n listen on \"/x.sock\" owner \"nosuchuser_o\"\n"
	    " allow user \"nosuchuser_a\"\n}\n", err, sizeof(err));
	if (c != NULL) {
		tap_ok(conf_check_users(c, D_SANDBOXD, err, sizeof(err)) == -1 &&
		    strstr(err, "nosuchuser_s") != NULL,
		    "users: sandbox user");
		snprintf(want, sizeof(want), "%s:3: listen on /x.sock owner "
		    "nosuchuser_o: unknown user (create it, see "
		    "harness.conf(5))\n%s:4: allow user nosuchuser_a: unknown "
		    "user (create it, see harness.conf(5))", c->path, c->path);
		tap_ok(conf_check_users(c, D_HARNESSD, err, sizeof(err)) == -1 &&
		    strcmp(err, want) == 0,
		    "users: harnessd's socket owner and allowed user, a line "
		    "each, each naming the file and line");
		conf_free(c);
	} else
		tap_ok(0, "users: sandboxd and harnessd parse");
	/* Set in an included file: that file and its line. */
	write_file("inc_user.conf", "\n\nauditd {\n\tuser \"nosuchuser_i\"\n}\n");
	c = load_text("include \"inc_user.conf\"\n", err, sizeof(err));
	tap_ok(c != NULL && conf_check_users(c, D_AUDITD, err,
	    sizeof(err)) == -1 && strstr(err, "inc_user.conf:4: user "
	    "nosuchuser_i: unknown user") != NULL,
	    "users: one set in an included file names it and its line (%s)",
	    c != NULL ? err : "no parse");
	if (c != NULL)
		conf_free(c);
	if (getpwnam("_harness") == NULL || getpwnam("_hitl") == NULL)
		tap_skip("users: the defaults pass", "no _harness or _hitl "
		    "(scripts/users makes them)");
	else {
		c = load_text("", err, sizeof(err));
		tap_ok(c != NULL &&
		    conf_check_users(c, D_HARNESSD, err, sizeof(err)) == 0 &&
		    conf_check_users(c, D_SANDBOXD, err, sizeof(err)) == 0 &&
		    conf_check_users(c, D_VAULTD, err, sizeof(err)) == 0 &&
		    conf_check_users(c, D_AUDITD, err, sizeof(err)) == 0 &&
		    conf_check_users(c, D_HITLD, err, sizeof(err)) == 0,
		    "users: the defaults pass");
		conf_free(c);
	}

	return tap_done();
}
