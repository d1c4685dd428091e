/*
 * audit_daemon: durable events per second and ack latency through a
 * running auditd, with 1, 8 and 64 concurrent producers, each compared
 * in the same run with a plain SQLite loop on the same disk.
 *
 * auditd side: auditd (../bin/auditd next to this program) runs under a
 * temporary root; producers are lib/auditc clients in forked processes
 * (at most 8 processes, so at most 8 connections as the daemons would
 * have; 64 producers are 8 per process).  Each producer is a closed
 * loop with a fixed number of events in flight (its depth): it sends
 * depth AUDIT_ACK events, and each ack lets it send one more.  Depth 1
 * is one action at a time; a real daemon has many concurrent actions
 * (sessions, tool calls) each waiting for its own ack, which is what a
 * larger depth models.  Latency is audit_event() to the ack callback.
 * The first row is always 1 producer at depth 1 (the latency of a lone
 * action); then 1, 8 and 64 producers at the chosen depth.  Each row
 * also gives the CPU time auditd (all its threads) and auditd plus the
 * producers spent per acked event: on a shared machine that figure
 * moves much less than events per second do.
 *
 * SQLite side: the same number of producers, each a process with its
 * own connection doing one durable INSERT per transaction (BEGIN
 * IMMEDIATE, INSERT, COMMIT; WAL, synchronous=FULL, busy timeout), the
 * way a daemon writing its own audit rows would.  Latency is BEGIN to
 * COMMIT returned.
 *
 * usage: audit_daemon [-d depth] [-p producers] [dir]
 *   depth: events in flight per producer (default 16)
 *   producers: run only this count (1-64, 64 at most per 8 processes)
 *   dir: where both databases live (default /var/tmp, or . if tmpfs)
 * BENCH_SECONDS: time per contender and producer count (default 3).
 * Needs root and the _audit user (scripts/users); says "skipped" else.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "auditc.h"
#include "harness.h"

#define TMPFS_MAGIC	0x01021994
#define MAX_PROCS	8
#define MAX_SAMPLES	(1 << 22)	/* latencies kept per run */

static const char body[] = "{\"tool\":\"shell\",\"args\":{\"cmd\":"
    "\"ls -la /srv/project\",\"cwd\":\"/srv/project\",\"env\":[\"LANG\","
    "\"PATH\"]},\"sandbox\":\"sb-42\",\"exit\":0,\"ms\":12,"
    "\"approved_by\":\"key:alice\",\"approval\":\"auto\"}";

/* Shared with the children: per process a slice of samples. */
struct shared {
	unsigned long	 n[64];
	unsigned long	 failed[64];
	float		 us[MAX_SAMPLES];
};

static struct shared *sh;
static int	 depth = 16;
static int	 only;		/* -p: this producer count only */

struct result {
	double		 evs, p50, p99;
	unsigned long	 failed;
	double		 cpu_ev;	/* us of CPU per event, all sides */
	double		 cpu_server_ev;
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmpf(const void *a, const void *b)
{
	float	 x = *(const float *)a, y = *(const float *)b;

	return x < y ? -1 : x > y;
}

/* ---- auditd producers (one process, k of them) ---- */

struct lprod {
	double		 t0;
};

static struct {
	struct event_base *base;
	int		 slot;
	unsigned long	 cap, n, failed;
	double		 deadline;
	int		 active;
	float		*us;
} pc;

static void	 lp_send(struct lprod *);

static void
lp_ack(int ok, uint64_t seq, const char *why, void *arg)
{
	struct lprod	*lp = arg;
	double		 t = now();

	if (!ok) {
		if (pc.failed++ == 0)
			warnx("refused: %s", why);
	} else if (pc.n < pc.cap)
		pc.us[pc.n++] = (float)((t - lp->t0) * 1e6);
	if (t < pc.deadline && ok)
		lp_send(lp);
	else if (--pc.active == 0)
		event_base_loopbreak(pc.base);
}

static void
lp_send(struct lprod *lp)
{
	lp->t0 = now();
	if (audit_event("admin.bench", "bench-session", "key:bench", body,
	    AUDIT_ACK, lp_ack, lp) == -1)
		err(1, "audit_event");
}

static void
auditd_child(const char *sock, int slot, int k, unsigned long cap,
    float *us, double secs)
{
	struct lprod	*lps;
	int		 i;

	k *= depth;	/* every slot in flight is a closed loop of its own */
	if ((lps = calloc(k, sizeof(*lps))) == NULL)
		err(1, "calloc");
	memset(&pc, 0, sizeof(pc));
	pc.slot = slot;
	pc.cap = cap;
	pc.us = us;
	if ((pc.base = event_base_new()) == NULL)
		errx(1, "event_base_new");
	if (audit_init_socket(pc.base, sock, "bench/producer") == -1)
		err(1, "audit_init_socket");
	pc.deadline = now() + secs;
	pc.active = k;
	for (i = 0; i < k; i++)
		lp_send(&lps[i]);
	event_base_dispatch(pc.base);
	sh->n[slot] = pc.n;
	sh->failed[slot] = pc.failed;
	audit_shutdown();
	event_base_free(pc.base);
	free(lps);
}

/* ---- plain SQLite producers (one process each) ---- */

static void
sqlite_child(const char *path, int slot, unsigned long cap, float *us,
    double secs)
{
	sqlite3		*db;
	sqlite3_stmt	*begin, *ins, *commit;
	unsigned char	 h[32];
	double		 deadline, t0, t;
	unsigned long	 n = 0, failed = 0;

	memset(h, 0x5a, sizeof(h));
	if (sqlite3_open(path, &db) != SQLITE_OK)
		errx(1, "sqlite open %s", path);
	sqlite3_busy_timeout(db, 60000);
	if (sqlite3_exec(db, "PRAGMA synchronous = FULL;", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL) ||
	    sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO records VALUES "
	    "(NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &ins, NULL))
		errx(1, "sqlite: %s", sqlite3_errmsg(db));
	deadline = now() + secs;
	while ((t0 = now()) < deadline) {
		if (sqlite3_step(begin) != SQLITE_DONE) {
			failed++;
			sqlite3_reset(begin);
			continue;
		}
		sqlite3_reset(begin);
		sqlite3_bind_int64(ins, 1, (sqlite3_int64)(t0 * 1e9));
		sqlite3_bind_text(ins, 2, "bench/producer", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, "admin.bench", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, "bench-session", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, "key:bench", -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 6, 0);
		sqlite3_bind_int64(ins, 7, getpid());
		sqlite3_bind_text(ins, 8, body, -1, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 9, h, sizeof(h), SQLITE_STATIC);
		sqlite3_bind_blob(ins, 10, h, sizeof(h), SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE ||
		    sqlite3_step(commit) != SQLITE_DONE) {
			failed++;
			sqlite3_reset(ins);
			sqlite3_reset(commit);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			continue;
		}
		sqlite3_reset(ins);
		sqlite3_reset(commit);
		t = now();
		if (n < cap)
			us[n++] = (float)((t - t0) * 1e6);
	}
	sh->n[slot] = n;
	sh->failed[slot] = failed;
	sqlite3_finalize(begin);
	sqlite3_finalize(ins);
	sqlite3_finalize(commit);
	sqlite3_close(db);
}

/* Samples and time of one contender, over all its slices. */
struct acc {
	float		*us;
	size_t		 n, cap;
	double		 t;
	unsigned long	 failed;
	double		 cpu_server;	/* s of CPU, auditd (all threads) */
	double		 cpu_client;	/* s of CPU, the producers */
};

static pid_t	 auditd_pid;

/* CPU seconds used so far by auditd's processes (parent and writer). */
static double
auditd_cpu(void)
{
	char		 path[64], buf[1024], *p;
	unsigned long	 ut, st;
	double		 sum = 0;
	FILE		*f, *g;
	int		 pid, i;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
	    (int)auditd_pid, (int)auditd_pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	/* The parent first, then its children. */
	for (pid = auditd_pid; pid > 0; ) {
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if ((g = fopen(path, "r")) != NULL) {
			if (fgets(buf, sizeof(buf), g) != NULL &&
			    (p = strrchr(buf, ')')) != NULL) {
				/* Fields after "comm)": 3 state ... 14 utime. */
				for (i = 0; i < 11 && p != NULL; i++)
					p = strchr(p + 1, ' ');
				if (p != NULL && sscanf(p, " %lu %lu", &ut,
				    &st) == 2)
					sum += (double)(ut + st) /
					    sysconf(_SC_CLK_TCK);
			}
			fclose(g);
		}
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
	}
	fclose(f);
	return sum;
}

static double
children_cpu(void)
{
	struct rusage	 ru;

	if (getrusage(RUSAGE_CHILDREN, &ru) == -1)
		return 0;
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Fork the producers for one slice, run, gather the samples. */
static void
run(int producers, int use_auditd, const char *target, double secs,
    struct acc *acc)
{
	unsigned long	 cap, total = 0, i;
	int		 procs, k, p, status;
	double		 t0, t, cs, cc;

	procs = use_auditd ? (producers < MAX_PROCS ? producers : MAX_PROCS)
	    : producers;
	k = producers / procs;
	cap = MAX_SAMPLES / procs;
	memset(sh->n, 0, sizeof(sh->n));
	memset(sh->failed, 0, sizeof(sh->failed));
	cs = use_auditd ? auditd_cpu() : 0;
	cc = children_cpu();
	t0 = now();
	for (p = 0; p < procs; p++) {
		switch (fork()) {
		case -1:
			err(1, "fork");
		case 0:
			if (use_auditd)
				auditd_child(target, p, k, cap,
				    sh->us + p * cap, secs);
			else
				sqlite_child(target, p, cap, sh->us + p * cap,
				    secs);
			_exit(0);
		}
	}
	for (p = 0; p < procs; p++)
		if (wait(&status) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			errx(1, "a producer failed");
	t = now() - t0;
	if (use_auditd)
		acc->cpu_server += auditd_cpu() - cs;
	acc->cpu_client += children_cpu() - cc;
	for (p = 0; p < procs; p++)
		total += sh->n[p];
	if (acc->n + total > acc->cap) {
		acc->cap = acc->n + total + 1024;
		if ((acc->us = reallocarray(acc->us, acc->cap,
		    sizeof(float))) == NULL)
			err(1, "realloc");
	}
	for (p = 0; p < procs; p++) {
		for (i = 0; i < sh->n[p]; i++)
			acc->us[acc->n++] = sh->us[p * cap + i];
		acc->failed += sh->failed[p];
	}
	acc->t += t;
}

static void
summarise(struct acc *acc, struct result *res)
{
	qsort(acc->us, acc->n, sizeof(float), cmpf);
	res->evs = acc->t > 0 ? acc->n / acc->t : 0;
	res->p50 = acc->n ? acc->us[acc->n / 2] : 0;
	res->p99 = acc->n ? acc->us[(size_t)(acc->n * 0.99)] : 0;
	res->failed = acc->failed;
	res->cpu_ev = acc->n ? (acc->cpu_server + acc->cpu_client) * 1e6 /
	    acc->n : 0;
	res->cpu_server_ev = acc->n ? acc->cpu_server * 1e6 / acc->n : 0;
	free(acc->us);
	memset(acc, 0, sizeof(*acc));
}

static void
rmtree(const char *dir)
{
	char		 path[PATH_MAX + 300];
	struct dirent	*de;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR)
			rmtree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

int
main(int argc, char *argv[])
{
	static const int counts[] = { 1, 8, 64 };
	struct result	 a, s;
	struct acc	 aa, as;
	struct statfs	 sf;
	struct hconn	*h;
	sqlite3		*db;
	const char	*base, *e;
	char		 top[PATH_MAX], exe[PATH_MAX], auditd[PATH_MAX + 16];
	char		 conf[PATH_MAX + 32], sock[PATH_MAX + 32];
	char		 logf[PATH_MAX + 32], raw[PATH_MAX + 32], why[512];
	double		 secs = 3;
	ssize_t		 len;
	size_t		 i;
	pid_t		 pid;
	FILE		*f;
	int		 fd, tries, status, k, rounds, ch, row, d;

	while ((ch = getopt(argc, argv, "d:p:")) != -1) {
		switch (ch) {
		case 'p':
			only = strtonum(optarg, 1, 64, &e);
			if (e != NULL)
				errx(1, "producers %s: %s", optarg, e);
			break;
		case 'd':
			depth = strtonum(optarg, 1, 256, &e);
			if (e != NULL)
				errx(1, "depth %s: %s", optarg, e);
			break;
		default:
			fprintf(stderr, "usage: audit_daemon [-d depth] "
			    "[-p producers] [dir]\n");
			return 64;
		}
	}
	argc -= optind;
	argv += optind;
	if ((e = getenv("BENCH_SECONDS")) != NULL && atof(e) > 0)
		secs = atof(e);
	rounds = secs / 0.5 < 1 ? 1 : (int)(secs / 0.5);
	if (geteuid() != 0) {
		printf("audit daemon: skipped (needs root to run auditd)\n");
		return 0;
	}
	if (getpwnam("_audit") == NULL) {
		printf("audit daemon: skipped (no _audit user: run "
		    "scripts/users)\n");
		return 0;
	}
	if ((len = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) == -1)
		err(1, "readlink");
	exe[len] = '\0';
	snprintf(auditd, sizeof(auditd), "%s/../bin/auditd", dirname(exe));
	if (access(auditd, X_OK) == -1) {
		printf("audit daemon: skipped (%s not built)\n", auditd);
		return 0;
	}
	if (argc > 0)
		base = argv[0];
	else if (statfs("/var/tmp", &sf) == 0 && sf.f_type != TMPFS_MAGIC)
		base = "/var/tmp";
	else
		base = ".";
	if (statfs(base, &sf) == 0 && sf.f_type == TMPFS_MAGIC)
		warnx("%s is tmpfs: fsync costs nothing there", base);
	snprintf(top, sizeof(top), "%s/audit_daemon.XXXXXX", base);
	if (mkdtemp(top) == NULL)
		err(1, "%s", top);
	if (chmod(top, 0755) == -1)
		err(1, "chmod %s", top);
	snprintf(conf, sizeof(conf), "%s/harness.conf", top);
	snprintf(sock, sizeof(sock), "%s/run/auditd.sock", top);
	snprintf(logf, sizeof(logf), "%s/auditd.log", top);
	snprintf(raw, sizeof(raw), "%s/raw.db", top);
	if ((f = fopen(conf, "w")) == NULL)
		err(1, "%s", conf);
	fprintf(f, "rundir \"%s/run\"\nstatedir \"%s/state\"\n"
	    "auditd {\n\tuser \"_audit\"\n\tseal interval 1s\n}\n", top, top);
	if (fclose(f) == EOF)
		err(1, "%s", conf);

	if ((sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
		err(1, "mmap");

	switch ((pid = auditd_pid = fork())) {
	case -1:
		err(1, "fork");
	case 0:
		if ((fd = open(logf, O_WRONLY | O_CREAT | O_TRUNC, 0600)) ==
		    -1)
			err(1, "%s", logf);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(auditd, "auditd", "-d", "-f", conf, (char *)NULL);
		err(1, "exec %s", auditd);
	}
	for (tries = 0; tries < 150; tries++) {
		if ((h = harness_connect(sock, why, sizeof(why))) != NULL)
			break;
		usleep(100000);
	}
	if (h == NULL) {
		kill(pid, SIGTERM);
		errx(1, "auditd did not start (see %s): %s", logf, why);
	}
	harness_close(h);

	if (sqlite3_open(raw, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
	    "CREATE TABLE records (seq INTEGER PRIMARY KEY, time INTEGER,"
	    " source TEXT, type TEXT, session TEXT, actor TEXT, uid INTEGER,"
	    " pid INTEGER, body TEXT, prev_hash BLOB, hash BLOB);",
	    NULL, NULL, NULL) != SQLITE_OK)
		errx(1, "sqlite %s: %s", raw, sqlite3_errmsg(db));
	sqlite3_close(db);

	printf("audit daemon: closed-loop producers, acked durable events, "
	    "%.1f s each in slices of %.2f s, in %s; depth = events in "
	    "flight per producer; baseline: plain SQLite, one durable INSERT "
	    "per transaction (WAL, synchronous=FULL), one connection and one "
	    "event in flight per producer\n", secs, secs / rounds, base);
	for (row = 0; row <= (int)(sizeof(counts) / sizeof(counts[0]));
	    row++) {
		/* Row 0: the lone action, 1 producer at depth 1. */
		i = row == 0 ? 0 : row - 1;
		if (only != 0 && (row == 0 || counts[i] != only))
			continue;
		d = depth;
		if (row == 0)
			depth = 1;
		/*
		 * Interleave slices of both so that a slow spell of a
		 * shared disk falls on both alike.
		 */
		memset(&aa, 0, sizeof(aa));
		memset(&as, 0, sizeof(as));
		for (k = 0; k < rounds; k++) {
			run(counts[i], 1, sock, secs / rounds, &aa);
			run(counts[i], 0, raw, secs / rounds, &as);
		}
		summarise(&aa, &a);
		summarise(&as, &s);
		printf("audit daemon: %2d producers depth %3d: auditd %7.0f "
		    "ev/s p50 %6.0f us p99 %6.0f us | sqlite %6.0f ev/s "
		    "p50 %6.0f us p99 %7.0f us | ratio %.1fx | auditd CPU "
		    "%.1f us/ev, producers and auditd %.1f us/ev%s\n",
		    counts[i], depth, a.evs, a.p50, a.p99, s.evs, s.p50,
		    s.p99, s.evs > 0 ? a.evs / s.evs : 0, a.cpu_server_ev,
		    a.cpu_ev, a.failed || s.failed ? " (FAILURES)" : "");
		fflush(stdout);
		depth = d;
	}

	kill(pid, SIGTERM);
	if (waitpid(pid, &status, 0) == -1)
		warn("waitpid");
	rmtree(top);
	return 0;
}
