/*
 * hitl_daemon: classify round trips per second through a real hitld,
 * over imsg on its control socket, on the allow path (policy answers,
 * no person): with 1 and 8 clients each holding a connection, and with
 * 1 client connecting (and saying hello) for every call, as
 * hitlc_classify_path does.  hitld logs each decision and sends it to
 * auditd as a record, both part of the cost measured.  These calls say
 * HITL_REQ_RECORDED, as the engine's do (the caller records the verdict
 * durably itself), so the verdict does not wait for auditd's fsync; the
 * last figure is a caller that does not, whose verdict waits for the
 * record to be durable.
 *
 * Starts its own auditd and hitld (BIN/../bin next to this program)
 * under a temporary root; needs root and the _audit and _hitl users
 * (scripts/users).  The in-process cost of the classifier alone is
 * bench/hitl_classify.
 *
 * usage: hitl_daemon [seconds per figure]   (default: BENCH_SECONDS or 2)
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "hitlc.h"
#include "risk.h"

static char	 root[] = "/tmp/hitl-bench.XXXXXX";
static char	 ctlpath[PATH_MAX];
static pid_t	 hitld_pid = -1, auditd_pid = -1;

static const char *const cmds[] = {
	"ls -la /srv/project", "cat README.md", "echo hello world",
	"git status", "ls src | wc -l", "cat a.txt b.txt", "true",
	"echo $HOME",
};
#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
cleanup(void)
{
	int	 st;

	if (hitld_pid > 0) {
		kill(hitld_pid, SIGTERM);
		waitpid(hitld_pid, &st, 0);
		hitld_pid = -1;
	}
	if (auditd_pid > 0) {
		kill(auditd_pid, SIGTERM);
		waitpid(auditd_pid, &st, 0);
		auditd_pid = -1;
	}
	if (root[strlen(root) - 1] != 'X')
		nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
write_conf(const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		err(1, "%s", path);
	fprintf(f,
	    "rundir \"%s/run\"\n"
	    "statedir \"%s/state\"\n"
	    "auditd {\n\tuser \"_audit\"\n\tseal interval 1s\n}\n"
	    "hitld {\n"
	    "\tuser \"_hitl\"\n"
	    "\tapprover socket \"%s/run/approve.sock\" group \"_hitl\" "
	    "mode 0660\n"
	    "\ttimeout 5s\n"
	    "\tpolicy low allow\n\tpolicy medium allow\n"
	    "\tpolicy high ask\n\tpolicy critical deny\n"
	    "\tdefault ask\n"
	    "}\n"
	    "rule \"harmless\" {\n"
	    "\ttool { \"shell\" }\n"
	    "\tcommand { \"true\" \"echo *\" \"ls *\" \"cat *\" \"wc *\" "
	    "\"git status\" }\n"
	    "\trisk low\n"
	    "}\n"
	    "rule \"recursive-delete\" {\n"
	    "\tcommand { \"rm -r *\" \"rm -rf *\" }\n"
	    "\trisk high\n"
	    "}\n"
	    "rule \"download-to-shell\" {\n"
	    "\tcommand { \"curl * | sh\" \"wget * | sh\" }\n"
	    "\trisk critical\n"
	    "}\n"
	    "rule \"secrets-on-disk\" {\n"
	    "\tpath { \"*.env\" \"*/.ssh/*\" \"/etc/shadow\" }\n"
	    "\trisk high\n"
	    "}\n", root, root, root);
	if (fclose(f) == EOF)
		err(1, "%s", path);
}

/* Start BIN/../bin/NAME and wait until its control socket answers. */
static pid_t
start_daemon(const char *self, const char *name)
{
	char		 bin[PATH_MAX], conf[PATH_MAX], pidf[PATH_MAX];
	char		 logf[PATH_MAX], dir[PATH_MAX], sock[PATH_MAX];
	char		 errbuf[256];
	struct hconn	*h;
	double		 t0;
	pid_t		 pid;

	strlcpy(dir, self, sizeof(dir));
	snprintf(bin, sizeof(bin), "%s/../bin/%s", dirname(dir), name);
	if (access(bin, X_OK) == -1)
		errx(1, "%s: not built", bin);
	snprintf(conf, sizeof(conf), "%s/harness.conf", root);
	snprintf(pidf, sizeof(pidf), "%s/%s.pid", root, name);
	snprintf(logf, sizeof(logf), "%s/%s.log", root, name);
	snprintf(sock, sizeof(sock), "%s/run/%s.sock", root, name);
	switch (pid = fork()) {
	case -1:
		err(1, "fork");
	case 0:
		if (freopen(logf, "w", stderr) == NULL)
			_exit(1);
		execl(bin, name, "-d", "-f", conf, "-p", pidf, (char *)NULL);
		_exit(127);
	}
	for (t0 = now(); now() - t0 < 15; usleep(20000)) {
		if ((h = harness_connect(sock, errbuf, sizeof(errbuf))) !=
		    NULL) {
			harness_close(h);
			return pid;
		}
	}
	errx(1, "%s did not start (log in %s)", name, logf);
}

static void
start_daemons(const char *self)
{
	char	 conf[PATH_MAX];

	if (mkdtemp(root) == NULL)
		err(1, "mkdtemp");
	atexit(cleanup);
	if (chmod(root, 0755) == -1)
		err(1, "chmod");
	snprintf(conf, sizeof(conf), "%s/harness.conf", root);
	snprintf(ctlpath, sizeof(ctlpath), "%s/run/hitld.sock", root);
	write_conf(conf);
	auditd_pid = start_daemon(self, "auditd");
	hitld_pid = start_daemon(self, "hitld");
}

/* One client: classify until the time is up; the count on fd out. */
static void
client(int out, double secs, int reconnect, int recorded, int seed)
{
	struct hitl_req		 req;
	struct hitl_verdict	 v;
	struct hconn		*h = NULL;
	char			 errbuf[256];
	unsigned long		 n = 0, bad = 0;
	double			 t0 = now();
	char			 line[64];

	memset(&req, 0, sizeof(req));
	req.session = "bench";
	req.tool = "shell";
	if (recorded)
		req.flags |= HITL_REQ_RECORDED;
	if (!reconnect &&
	    (h = harness_connect(ctlpath, errbuf, sizeof(errbuf))) == NULL)
		errx(1, "%s", errbuf);
	while (now() - t0 < secs) {
		req.command = (char *)(uintptr_t)cmds[(n + seed) % NCMDS];
		if (reconnect)
			hitlc_classify_path(ctlpath, &req, &v, NULL, NULL);
		else
			hitlc_classify(h, &req, &v, NULL, NULL);
		if (v.decision != RISK_ALLOW)
			bad++;
		n++;
	}
	harness_close(h);
	snprintf(line, sizeof(line), "%lu %lu\n", n, bad);
	if (write(out, line, strlen(line)) == -1)
		_exit(1);
	_exit(0);
}

static double
run(int nclients, double secs, int reconnect, int recorded)
{
	int		 p[2], i, st;
	unsigned long	 total = 0, bad = 0, n, b;
	FILE		*f;
	double		 t0, el;

	if (pipe(p) == -1)
		err(1, "pipe");
	t0 = now();
	for (i = 0; i < nclients; i++) {
		switch (fork()) {
		case -1:
			err(1, "fork");
		case 0:
			close(p[0]);
			hitld_pid = auditd_pid = -1;
			client(p[1], secs, reconnect, recorded, i);
		}
	}
	close(p[1]);
	if ((f = fdopen(p[0], "r")) == NULL)
		err(1, "fdopen");
	while (fscanf(f, "%lu %lu", &n, &b) == 2) {
		total += n;
		bad += b;
	}
	fclose(f);
	for (i = 0; i < nclients; i++)
		wait(&st);
	el = now() - t0;
	if (bad > 0)
		errx(1, "%lu of %lu calls were not allowed", bad, total);
	return total / el;
}

int
main(int argc, char *argv[])
{
	const char	*s;
	double		 secs = 2, r1, r8, rc, ra;

	if ((s = argc > 1 ? argv[1] : getenv("BENCH_SECONDS")) != NULL &&
	    (secs = atof(s)) <= 0)
		errx(1, "bad seconds: %s", s);
	if (geteuid() != 0) {
		printf("hitl_daemon: skipped (needs root to start hitld)\n");
		return 0;
	}
	if (getpwnam("_hitl") == NULL || getpwnam("_audit") == NULL) {
		printf("hitl_daemon: skipped (no _hitl or _audit user: "
		    "scripts/users)\n");
		return 0;
	}
	start_daemons(argv[0]);
	r1 = run(1, secs, 0, 1);
	r8 = run(8, secs, 0, 1);
	rc = run(1, secs, 1, 1);
	ra = run(1, secs, 0, 0);
	printf("hitld classify round trips (allow path, %s)\n",
	    "policy decides, every decision logged and sent to auditd");
	printf("  %-34s %10.0f/s  %7.1f us/call\n", "1 client, one connection",
	    r1, 1e6 / r1);
	printf("  %-34s %10.0f/s  %7.1f us/call per client\n",
	    "8 clients, one connection each", r8, 8e6 / r8);
	printf("  %-34s %10.0f/s  %7.1f us/call\n",
	    "1 client, connect per call", rc, 1e6 / rc);
	printf("  %-34s %10.0f/s  %7.1f us/call\n",
	    "1 client, verdict after the fsync", ra, 1e6 / ra);
	return 0;
}
