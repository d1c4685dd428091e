/*
 * sandbox_spawn: spawn-to-exit latency and throughput of the sandbox
 * (sandboxd/spawn.c) side by side with bubblewrap and plain fork+exec.
 *
 *   sandbox_spawn [-s] [-g gap_ms] [-n runs] [-j concurrency]
 *
 * Latency: p50/p99 over n sequential runs of /bin/true and n/4 + 2 of
 * `python3 -c pass` (each some 20 times slower), back to back, or with
 * gap_ms idle before each
 * (-g); without -g, /bin/true's is also measured with 10 ms idle before
 * each run, for bwrap and the pool.  Throughput: runs/s with j in
 * flight.  -s: the sandbox module only.  bwrap gets
 * the equivalent read-only binds (--unshare-all --die-with-parent).  The
 * peers run first, as full root; then we drop to SPAWN_CAPS, as the
 * spawner does, and measure the module.  Needs root.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <sys/capability.h>

#include "../sandboxd/spawn.h"

extern char **environ;

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Our own (the spawner's) user+system CPU time, in microseconds. */
static double
self_cpu_us(void)
{
	struct rusage	 ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return 0;
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
	    ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

static double
pct(double *v, int n, double p)
{
	int	 i = (int)(p * (n - 1) + 0.5);

	qsort(v, n, sizeof(double), cmp_d);
	return v[i];
}

/* ---- peers: posix_spawn + waitpid ---- */

static char *bwrap_true[64], *bwrap_py[64], *plain_true[] = { "/bin/true",
    NULL }, *plain_py[] = { "/usr/bin/python3", "-c", "pass", NULL };

static void
bwrap_argv(char **v, char *const *prog)
{
	static const char *pre[] = { "bwrap", "--unshare-all",
	    "--die-with-parent", "--ro-bind", "/usr", "/usr",
	    "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
	    "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64",
	    "/lib64", "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache",
	    "--ro-bind", "/etc/alternatives", "/etc/alternatives",
	    "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
	    "--dir", "/work", "--chdir", "/work", "--", NULL };
	int	 i, j;

	for (i = 0; pre[i] != NULL; i++)
		v[i] = (char *)(uintptr_t)pre[i];
	for (j = 0; prog[j] != NULL; j++)
		v[i++] = prog[j];
	v[i] = NULL;
}

static pid_t
start_peer(char *const *argv)
{
	posix_spawn_file_actions_t fa;
	pid_t	 pid;
	int	 r;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	r = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (r != 0)
		errc(1, r, "spawn %s", argv[0]);
	return pid;
}

static int	 gap_ms;	/* -g: idle time before each sequential run */

static void
peer_latency(char *const *argv, int n, double *p50, double *p99)
{
	double	*v = calloc(n, sizeof(double)), t;
	int	 i, st;

	if (v == NULL)
		err(1, NULL);
	for (i = 0; i < n; i++) {
		if (gap_ms > 0)
			usleep(gap_ms * 1000);
		t = now();
		if (waitpid(start_peer(argv), &st, 0) == -1 ||
		    !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			errx(1, "%s failed (status %d)", argv[0], st);
		v[i] = (now() - t) * 1000;
	}
	*p50 = pct(v, n, 0.5);
	*p99 = pct(v, n, 0.99);
	free(v);
}

static double
peer_rate(char *const *argv, int n, int j)
{
	double	 t = now();
	int	 started = 0, running = 0, st;

	while (started < n || running > 0) {
		while (running < j && started < n) {
			start_peer(argv);
			started++;
			running++;
		}
		if (wait(&st) > 0)
			running--;
	}
	return n / (now() - t);
}

/* ---- the module ---- */

static struct event_base *base;
static struct sbx_conf	 conf;
static struct sbx_req	 req;
static int		 inflight, started, total, failures;
static double		 t_start;
static double		*lat;
static int		 nlat;

static void	start_sbx(void);
static struct event *ev_gap;

static void
gap_cb(int fd, short ev, void *arg)
{
	start_sbx();
}

static void
done_cb(struct sbx *s, const struct sbx_result *r, void *arg)
{
	double	*t0 = arg;

	if (r->reason != SBX_EXITED || r->exit_code != 0) {
		if (failures++ < 3)
			warnx("sandbox: %s code %d %s", sbx_reason_name(r->reason),
			    r->exit_code, r->detail);
	}
	if (lat != NULL)
		lat[nlat++] = (now() - *t0) * 1000;
	free(t0);
	inflight--;
	if (started < total && lat != NULL && gap_ms > 0) {
		struct timeval	 tv = { gap_ms / 1000, (gap_ms % 1000) * 1000 };

		evtimer_add(ev_gap, &tv);
	} else if (started < total)
		start_sbx();
	else if (inflight == 0)
		event_base_loopexit(base, NULL);
}

static void
start_sbx(void)
{
	char	 e[256];
	double	*t0;
	int	 fd;

	if ((t0 = malloc(sizeof(*t0))) == NULL)
		err(1, NULL);
	if ((fd = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		err(1, "/dev/null");
	*t0 = now();
	if (sbx_spawn(base, &conf, &req, fd, fd, done_cb, t0, e,
	    sizeof(e)) == NULL)
		errx(1, "sbx_spawn: %s", e);
	started++;
	inflight++;
}

static void
sbx_run(char *const *argv, int n, int j)
{
	req.argv = argv;
	started = inflight = 0;
	total = n;
	t_start = now();
	while (inflight < j && started < total)
		start_sbx();
	event_base_dispatch(base);
}

static void
sbx_latency(char *const *argv, int n, double *p50, double *p99,
    double *cpu)
{
	double	 c0 = self_cpu_us();

	if ((lat = calloc(n, sizeof(double))) == NULL)
		err(1, NULL);
	nlat = 0;
	sbx_run(argv, n, 1);
	*p50 = pct(lat, nlat, 0.5);
	*p99 = pct(lat, nlat, 0.99);
	*cpu = (self_cpu_us() - c0) / n;
	free(lat);
	lat = NULL;
}

static double
sbx_rate(char *const *argv, int n, int j)
{
	double	 t = now();

	sbx_run(argv, n, j);
	return n / (now() - t);
}

static void
drop_privileges(void)
{
	cap_value_t	 keep[] = SPAWN_CAPS;
	cap_t		 caps;
	int		 c, i, kept;

	if (setgroups(0, NULL) == -1)
		err(1, "setgroups");
	for (c = 0; c <= CAP_LAST_CAP; c++) {
		for (kept = 0, i = 0; i < SPAWN_NCAPS; i++)
			kept |= keep[i] == c;
		if (!kept && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) == -1 &&
		    errno != EINVAL)
			err(1, "PR_CAPBSET_DROP");
	}
	if ((caps = cap_init()) == NULL ||
	    cap_set_flag(caps, CAP_PERMITTED, SPAWN_NCAPS, keep, CAP_SET) ||
	    cap_set_flag(caps, CAP_EFFECTIVE, SPAWN_NCAPS, keep, CAP_SET) ||
	    cap_set_proc(caps) == -1)
		err(1, "cap_set_proc");
	cap_free(caps);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		err(1, "PR_SET_NO_NEW_PRIVS");
}

int
main(int argc, char *argv[])
{
	double	 b50, b99, f50, f99, s50, s99, bp50, bp99, fp50, fp99;
	double	 sp50, sp99, brate, frate, srate, q50, q99, qp50, qp99, qrate;
	double	 sc, spc, qc, qpc, gb50, gq50, g99, gc;
	int	 pool = 8, only = 0;
	char	 e[256];
	struct passwd *pw;
	int	 ch, n = 200, j = 8, have_bwrap;

	while ((ch = getopt(argc, argv, "g:j:n:s")) != -1) {
		switch (ch) {
		case 'g': gap_ms = atoi(optarg); break;
		case 'j': j = atoi(optarg); break;
		case 'n': n = atoi(optarg); break;
		case 's': only = 1; break;
		default:
			fprintf(stderr, "usage: sandbox_spawn [-s] [-g gap_ms] "
			    "[-n runs] [-j concurrency]\n");
			return 2;
		}
	}
	if (n < 2 || j < 1 || gap_ms < 0 || gap_ms > 10000)
		errx(2, "bad -n, -j or -g");
	if (geteuid() != 0) {
		printf("sandbox_spawn: SKIP (needs root)\n");
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	bwrap_argv(bwrap_true, plain_true);
	bwrap_argv(bwrap_py, plain_py);
	have_bwrap = !only && access("/usr/bin/bwrap", X_OK) == 0;

	f50 = f99 = fp50 = fp99 = frate = 1;
	if (!only) {
		peer_latency(plain_true, n, &f50, &f99);
		peer_latency(plain_py, n / 4 + 2, &fp50, &fp99);
		frate = peer_rate(plain_true, n * 2, j);
	}
	b50 = b99 = bp50 = bp99 = brate = gb50 = 0;
	if (have_bwrap) {
		peer_latency(bwrap_true, n, &b50, &b99);
		peer_latency(bwrap_py, n / 4 + 2, &bp50, &bp99);
		brate = peer_rate(bwrap_true, n * 2, j);
		/* with 10 ms idle before each run, see below */
		if (gap_ms == 0) {
			gap_ms = 10;
			peer_latency(bwrap_true, n, &gb50, &g99);
			gap_ms = 0;
		}
	}

	sbx_conf_defaults(&conf);
	if ((pw = getpwnam("_sandbox")) != NULL) {
		conf.uid = pw->pw_uid;
		conf.gid = pw->pw_gid;
	} else
		conf.uid = conf.gid = 1999999999;
	if (sbx_init(&conf, e, sizeof(e)) == -1)
		errx(1, "sbx_init: %s", e);
	drop_privileges();
	if ((base = event_base_new()) == NULL ||
	    (ev_gap = evtimer_new(base, gap_cb, NULL)) == NULL)
		errx(1, "event_base_new");
	req.stdin_fd = -1;
	sbx_latency(plain_true, n, &s50, &s99, &sc);
	sbx_latency(plain_py, n / 4 + 2, &sp50, &sp99, &spc);
	srate = sbx_rate(plain_true, n * 2, j);
	/* again with a pool of pre-made sandboxes */
	if (sbx_pool(&conf, base, pool, e, sizeof(e)) == -1)
		errx(1, "sbx_pool: %s", e);
	sbx_latency(plain_true, n, &q50, &q99, &qc);
	sbx_latency(plain_py, n / 4 + 2, &qp50, &qp99, &qpc);
	qrate = sbx_rate(plain_true, n * 2, j);
	/*
	 * Back to back, each run overlaps the making of the pool's next
	 * sandbox (its network namespace above all, which slows whatever
	 * else runs).  An agent's tool calls come seconds apart; measure
	 * that case too, for bwrap the same way, unless -g chose a gap.
	 */
	gq50 = 0;
	if (gb50 > 0) {
		gap_ms = 10;
		sbx_latency(plain_true, n, &gq50, &g99, &gc);
		gap_ms = 0;
	}

	printf("spawn-to-exit latency, ms (p50 / p99); %d runs, python %d; "
	    "cgroup %s; ", n, n / 4 + 2, sbx_cgroup_mode(&conf));
	if (gap_ms > 0)
		printf("%d ms idle before each run, all sides\n", gap_ms);
	else
		printf("back to back\n");
	printf("  %-22s %8s %8s   %8s %8s\n", "", "true p50", "p99",
	    "py p50", "p99");
	printf("  %-22s %8.2f %8.2f   %8.2f %8.2f\n", "fork+exec", f50, f99,
	    fp50, fp99);
	if (have_bwrap)
		printf("  %-22s %8.2f %8.2f   %8.2f %8.2f\n",
		    "bwrap --unshare-all", b50, b99, bp50, bp99);
	printf("  %-22s %8.2f %8.2f   %8.2f %8.2f\n", "sandbox (spawn.c)",
	    s50, s99, sp50, sp99);
	printf("  %-22s %8.2f %8.2f   %8.2f %8.2f\n", "sandbox, pool of 8",
	    q50, q99, qp50, qp99);
	printf("spawner CPU per sequential run, us (true / python): "
	    "sandbox %.0f / %.0f, pool %.0f / %.0f\n", sc, spc, qc, qpc);
	printf("throughput, /bin/true, %d in flight, runs/s\n", j);
	printf("  fork+exec %.0f", frate);
	if (have_bwrap)
		printf("  bwrap %.0f", brate);
	printf("  sandbox %.0f  sandbox+pool %.0f\n", srate, qrate);
	if (have_bwrap) {
		printf("ratios: sandbox/bwrap p50 %.2f (true) %.2f (python), "
		    "throughput %.2fx bwrap\n", s50 / b50, sp50 / bp50,
		    srate / brate);
		printf("ratios: sandbox+pool/bwrap p50 %.2f (true) %.2f "
		    "(python), throughput %.2fx bwrap\n", q50 / b50,
		    qp50 / bp50, qrate / brate);
	}
	if (gb50 > 0)
		printf("with 10 ms idle before each run: bwrap p50 %.2f, "
		    "sandbox+pool p50 %.2f, ratio %.2f (true)\n", gb50, gq50,
		    gq50 / gb50);
	printf("ratios: sandbox/fork+exec p50 %.2f, sandbox+pool/fork+exec "
	    "p50 %.2f (true)\n", s50 / f50, q50 / f50);
	if (failures)
		printf("failures: %d\n", failures);
	event_free(ev_gap);
	event_base_free(base);
	sbx_conf_free(&conf);
	return failures ? 1 : 0;
}
