/*
 * The sandbox module keeps emptied cgroups and gives them to the next
 * sandbox (sandboxd/cgroup.c, cg_release/cg_create).  What must hold:
 * a run in a reused cgroup reads only its own counters (no "memory"
 * after an OOM-killed run, no "pids" after a fork bomb, its own CPU
 * time and peak memory), the cgroup really is reused, no more spares
 * than the bound are kept, and none is left after sbx_conf_free.
 * With a pool: refills come from the maker process, and from the
 * spawner itself once the maker is killed.
 * Needs root (namespaces, cgroups); runs under its own cgroup parent
 * so that no other sandbox user's sweep can take its spares.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <sys/capability.h>

#include "../tap.h"
#include "../../sandboxd/spawn.h"
#include "../../sandboxd/cgroup.h"
#include "../../sandboxd/sbxint.h"

static struct event_base *base;
static struct sbx_conf	 conf;
static int		 ndone;

struct run {
	struct sbx_result res;
	int		 done;
	int		 rfd;		/* the output pipe's read end */
	char		 cgs[256];	/* our cgroups when it ended */
};

static const char *
pids_dir(void)
{
	const struct cg_root *r = &conf.st->cg;

	return r->version == 2 ? r->dir[0] : r->dir[CG_PIDS];
}

/* The cgroups under our parent, names sorted into out; how many. */
static int
list_cgs(char *out, size_t len)
{
	struct dirent	**names;
	int		 i, n, k = 0;

	out[0] = '\0';
	if ((n = scandir(pids_dir(), &names, NULL, alphasort)) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (names[i]->d_type == DT_DIR && names[i]->d_name[0] != '.') {
			strlcat(out, names[i]->d_name, len);
			strlcat(out, " ", len);
			k++;
		}
		free(names[i]);
	}
	free(names);
	return k;
}

/* How many of the cgroups under our parent have the least CPU weight. */
static int
idle_cgs(void)
{
	const struct cg_root *r = &conf.st->cg;
	const char	*dir = r->version == 2 ? r->dir[0] : r->dir[CG_CPU];
	const char	*file = r->version == 2 ? "cpu.weight" : "cpu.shares";
	const char	*idle = r->version == 2 ? "1\n" : "2\n";
	struct dirent	**names;
	char		 path[PATH_MAX + 300], buf[32];
	int		 i, n, fd, k = 0;
	ssize_t		 len;

	if ((n = scandir(dir, &names, NULL, alphasort)) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (names[i]->d_type == DT_DIR && names[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s/%s", dir,
			    names[i]->d_name, file);
			if ((fd = open(path, O_RDONLY)) != -1) {
				len = read(fd, buf, sizeof(buf) - 1);
				buf[len > 0 ? len : 0] = '\0';
				k += strcmp(buf, idle) == 0;
				close(fd);
			}
		}
		free(names[i]);
	}
	free(names);
	return k;
}

static void
done_cb(struct sbx *s, const struct sbx_result *r, void *arg)
{
	struct run	*run = arg;

	run->res = *r;
	run->done = 1;
	close(run->rfd);
	if (++ndone > 0)
		event_base_loopexit(base, NULL);
}

static struct sbx *
start(struct run *run, char **argv, uint64_t mem, uint64_t procs,
    uint64_t wall_ms)
{
	struct sbx_req	 req;
	char		 e[256];
	struct sbx	*s;
	int		 p[2];

	memset(run, 0, sizeof(*run));
	memset(&req, 0, sizeof(req));
	req.argv = argv;
	req.stdin_fd = -1;
	req.lim.mem_bytes = mem;
	req.lim.procs = procs;
	req.lim.wall_ms = wall_ms;
	/* the output goes to a pipe nobody reads: it is small */
	if (pipe2(p, O_CLOEXEC) == -1)
		return NULL;
	if ((s = sbx_spawn(base, &conf, &req, p[1], p[1], done_cb, run, e,
	    sizeof(e))) == NULL)
		TAP_DIAG("sbx_spawn: %s", e);
	run->rfd = p[0];
	return s;
}

/* Let the pool fill up (the maker answers on the event loop). */
static void
pool_wait(void)
{
	struct sbx_pool_info pi;
	struct timespec	 t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		sbx_pool_info(&conf, &pi);
		if (pi.ready >= pi.target)
			return;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 10) {
			TAP_DIAG("pool: %d of %d after 10 s", pi.ready,
			    pi.target);
			return;
		}
		event_base_loop(base, EVLOOP_ONCE);
	}
}

/* One run to its end; the cgroups there are then listed in run->cgs. */
static int
run1(struct run *run, char **argv, uint64_t mem, uint64_t procs,
    uint64_t wall_ms)
{
	if (start(run, argv, mem, procs, wall_ms) == NULL)
		return -1;
	while (!run->done)
		event_base_loop(base, EVLOOP_ONCE);
	/* the pool refills from a timer and the maker: let it, then look */
	event_base_loop(base, EVLOOP_NONBLOCK);
	pool_wait();
	(void)list_cgs(run->cgs, sizeof(run->cgs));
	TAP_DIAG("%s: %s mem_peak %llu cpu_ms %llu cgroups %s", argv[0],
	    sbx_reason_name(run->res.reason),
	    (unsigned long long)run->res.mem_peak,
	    (unsigned long long)run->res.cpu_ms, run->cgs);
	return 0;
}

/*
 * Work with the spawner's capabilities (on), or with all we had again
 * (off): the parent dirs of our cgroups are ours to remove at the end.
 */
static void
spawner_caps(int on)
{
	cap_value_t	 keep[] = SPAWN_CAPS;
	cap_t		 caps;

	if ((caps = cap_get_proc()) == NULL)
		return;
	if (on) {
		if (cap_clear_flag(caps, CAP_EFFECTIVE) == 0 &&
		    cap_set_flag(caps, CAP_EFFECTIVE, SPAWN_NCAPS, keep,
		    CAP_SET) == 0)
			(void)cap_set_proc(caps);
	} else {
		cap_t	 all = cap_dup(caps);
		int	 c;
		cap_flag_value_t v;

		for (c = 0; all != NULL && c <= CAP_LAST_CAP; c++) {
			cap_value_t cv = c;

			if (cap_get_flag(caps, cv, CAP_PERMITTED, &v) == 0 &&
			    v == CAP_SET)
				cap_set_flag(all, CAP_EFFECTIVE, 1, &cv,
				    CAP_SET);
		}
		if (all != NULL) {
			(void)cap_set_proc(all);
			cap_free(all);
		}
	}
	cap_free(caps);
}

static char *membomb[] = { "/usr/bin/python3", "-c",
    "a = []\nwhile True: a.append(bytearray(1 << 20))", NULL };
static char *forkbomb[] = { "/bin/sh", "-c",
    "for i in 1 2 3 4 5 6 7 8; do sleep 1 & done; wait; exit 3", NULL };
static char *spin[] = { "/usr/bin/python3", "-c",
    "import time\nt = time.process_time()\n"
    "while time.process_time() - t < 0.4: pass", NULL };
/* fails: were the last run's counters still read, it would be theirs */
static char *plain[] = { "/bin/sh", "-c", "exit 1", NULL };
static char *truebin[] = { "/bin/true", NULL };
static char *sleeper[] = { "/bin/sleep", "0.3", NULL };

int
main(void)
{
	struct passwd	*pw;
	struct run	 a, b, c[8];
	struct sbx_pool_info pi;
	FILE		*f;
	pid_t		 mk;
	char		 e[256], parent[64], dirs[CG_NCTL][PATH_MAX];
	int		 i, n, ok, nd = 0;
	const uint64_t	 small = 24ULL << 20;

	if (geteuid() != 0) {
		tap_skip("cgroup reuse", "needs root (namespaces, cgroups)");
		return tap_done();
	}
	if (access("/usr/bin/python3", X_OK) == -1) {
		tap_skip("cgroup reuse", "python3 missing");
		return tap_done();
	}
	signal(SIGPIPE, SIG_IGN);
	sbx_conf_defaults(&conf);
	if ((pw = getpwnam("_sandbox")) != NULL) {
		conf.uid = pw->pw_uid;
		conf.gid = pw->pw_gid;
	} else
		conf.uid = conf.gid = 1999999999;
	snprintf(parent, sizeof(parent), "/harness-cgreuse-%ld",
	    (long)getpid());
	conf.cgroup_parent = parent;
	if (sbx_init(&conf, e, sizeof(e)) == -1) {
		tap_skip("cgroup reuse", "%s", e);
		return tap_done();
	}
	for (i = 0; i < CG_NCTL; i++)
		if (conf.st->cg.dir[i][0] != '\0')
			strlcpy(dirs[nd++], conf.st->cg.dir[i], sizeof(dirs[0]));
	spawner_caps(1);
	if ((base = event_base_new()) == NULL)
		return 1;

	/* without a pool: an OOM-killed run, then a plain one */
	ok = run1(&a, membomb, 64ULL << 20, 0, 10000) == 0;
	tap_ok(ok && a.res.reason == SBX_MEMORY, "memory bomb: memory");
	ok = ok && run1(&b, plain, 64ULL << 20, 0, 10000) == 0;
	tap_ok(ok && b.res.reason == SBX_EXITED && b.res.exit_code == 1,
	    "the next run in the same cgroup: exited, not memory");
	tap_ok(ok && b.res.mem_peak > 0 && b.res.mem_peak < small,
	    "its peak memory is its own");
	tap_ok(ok && a.cgs[0] != '\0' && strcmp(a.cgs, b.cgs) == 0 &&
	    strchr(a.cgs, ' ') == a.cgs + strlen(a.cgs) - 1,
	    "one cgroup, reused");

	/* a fork bomb against pids.max, then a plain run */
	ok = run1(&a, forkbomb, 0, 4, 10000) == 0;
	tap_ok(ok && a.res.reason == SBX_PIDS, "fork bomb: pids");
	ok = ok && run1(&b, plain, 0, 4, 10000) == 0;
	tap_ok(ok && b.res.reason == SBX_EXITED && b.res.exit_code == 1 &&
	    strcmp(a.cgs, b.cgs) == 0,
	    "the next run in the same cgroup: exited, not pids");

	/*
	 * CPU time: 0.4 s spent, then next to none.  A cgroup is kept only
	 * if it is verifiably empty when the run ends; on a loaded machine
	 * the last task may not be uncharged yet, and the next run gets a
	 * new cgroup, which shows nothing: try again, a few times.
	 */
	for (i = 0; i < 5; i++) {
		ok = run1(&a, spin, 0, 0, 10000) == 0;
		ok = ok && run1(&b, truebin, 0, 0, 10000) == 0;
		if (!ok || strcmp(a.cgs, b.cgs) == 0)
			break;
		TAP_DIAG("not the same cgroup (%s, %s): again", a.cgs, b.cgs);
	}
	tap_ok(ok && a.res.cpu_ms >= 300 && b.res.cpu_ms < 100 &&
	    strcmp(a.cgs, b.cgs) == 0, "CPU time is the run's own");

	/* many at once: no more spares kept than the bound */
	for (i = 0, n = 0; i < 8; i++)
		n += start(&c[i], sleeper, 0, 0, 10000) != NULL;
	while (ndone < 0 || n > 0) {
		event_base_loop(base, EVLOOP_ONCE);
		for (n = 0, i = 0; i < 8; i++)
			n += !c[i].done;
	}
	for (ok = 1, i = 0; i < 8; i++)
		ok &= c[i].res.reason == SBX_EXITED;
	n = list_cgs(e, sizeof(e));
	tap_ok(ok && n == CG_SPARE_DEFAULT, "8 at once: %d spares kept "
	    "(bound %d)", n, CG_SPARE_DEFAULT);

	/* with a pool: pre-made sandboxes in reused cgroups */
	if (sbx_pool(&conf, base, 1, e, sizeof(e)) == -1)
		TAP_DIAG("sbx_pool: %s", e);
	ok = run1(&a, membomb, 64ULL << 20, 0, 10000) == 0;
	tap_ok(ok && a.res.reason == SBX_MEMORY, "pooled memory bomb: memory");
	ok = ok && run1(&b, plain, 64ULL << 20, 0, 10000) == 0;
	tap_ok(ok && b.res.reason == SBX_EXITED && b.res.exit_code == 1 &&
	    b.res.mem_peak < small,
	    "pooled next run: exited, its own peak memory");
	ok = run1(&a, forkbomb, 0, 4, 10000) == 0;
	ok = ok && run1(&b, plain, 0, 4, 10000) == 0;
	tap_ok(ok && a.res.reason == SBX_PIDS && b.res.reason == SBX_EXITED &&
	    b.res.exit_code == 1,
	    "pooled fork bomb: pids, then exited");
	/* the pool entry waits with the least CPU weight, a run has more */
	n = idle_cgs();
	ok = start(&a, sleeper, 0, 0, 10000) != NULL;
	i = idle_cgs();
	tap_ok(n == 1 && ok && i == 0, "pool entry: least CPU weight while "
	    "it waits (%d), the default once taken (%d left)", n, i);
	while (ok && !a.done)
		event_base_loop(base, EVLOOP_ONCE);
	pool_wait();

	/* refills are the maker's; the spawner made only the first fill */
	sbx_pool_info(&conf, &pi);
	TAP_DIAG("pool: maker %ld made %llu, spawner made %llu",
	    (long)pi.maker, (unsigned long long)pi.made_maker,
	    (unsigned long long)pi.made_here);
	mk = pi.maker;
	tap_ok(pi.ready == 1 && mk > 0 && pi.made_maker >= 4 &&
	    pi.made_here == 1, "pool refills are made by the maker process");
	snprintf(e, sizeof(e), "/proc/%ld/stat", (long)mk);
	n = -1;
	if ((f = fopen(e, "r")) != NULL) {
		/* pid (comm) state ppid: comm is "sandbox-maker" */
		if (fscanf(f, "%*d (sandbox-maker) %*c %d", &n) != 1)
			n = -1;
		fclose(f);
	}
	tap_ok(n == getpid(), "the maker is our child, named sandbox-maker");
	/* the maker dies: runs go on, the spawner refills itself */
	kill(mk, SIGKILL);
	ok = run1(&a, plain, 0, 0, 10000) == 0;
	ok = ok && run1(&b, plain, 0, 0, 10000) == 0;
	sbx_pool_info(&conf, &pi);
	tap_ok(ok && a.res.reason == SBX_EXITED && b.res.reason ==
	    SBX_EXITED && pi.maker == 0 && pi.made_here >= 2 &&
	    pi.ready == 1, "maker killed: runs go on, the spawner refills "
	    "(made %llu)", (unsigned long long)pi.made_here);
	tap_ok(kill(mk, 0) == -1 && errno == ESRCH,
	    "the killed maker was reaped");

	event_base_free(base);
	sbx_conf_free(&conf);
	spawner_caps(0);
	for (n = 0, i = 0; i < nd; i++) {
		n += rmdir(dirs[i]) == -1;	/* fails unless empty */
		if (n)
			TAP_DIAG("%s: %s", dirs[i], strerror(errno));
	}
	tap_ok(n == 0, "no cgroup left after sbx_conf_free");
	return tap_done();
}
