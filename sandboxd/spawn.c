/*
 * spawn: the spawner side of a sandbox.  See spawn.h for the contract
 * and sbxchild.c for what happens inside.
 *
 * Life of a run:
 *   sbx_spawn: cgroup, pipes, control socket; clone3() with all the
 *     namespaces (into the cgroup on v2), uid/gid maps, cgroup attach on
 *     v1, then "go".  Events on the pidfd, the control socket, the two
 *     output pipes, a wall-clock timer and a CPU-budget timer.
 *   inside: the child builds the root, forks the program and stays as
 *     init; the program hands us its seccomp listener before exec.
 *   end: the init exits when the program does (or is killed by us),
 *     which kills everything left in the pid namespace; we reap it
 *     through its pidfd, kill the cgroup as a backstop, wait for the
 *     output to drain, read the cgroup's counters, remove the cgroup
 *     and call done().
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <seccomp.h>

#include "log.h"
#include "sbxint.h"

#ifndef P_PIDFD
#define P_PIDFD		3
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD	0x00001000
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP	0x02000000
#endif

#define SBX_HIWAT	(256 * 1024)	/* stop reading above this */
#define SBX_READ	65536

enum sbx_kill { KILL_NONE = 0, KILL_TIMEOUT, KILL_CPU, KILL_OUTPUT,
    KILL_SECCOMP, KILL_REQUEST };

/* struct clone_args of <linux/sched.h>, which clashes with <sched.h> */
struct sbx_clone_args {
	uint64_t	 flags;
	uint64_t	 pidfd;
	uint64_t	 child_tid;
	uint64_t	 parent_tid;
	uint64_t	 exit_signal;
	uint64_t	 stack;
	uint64_t	 stack_size;
	uint64_t	 tls;
	uint64_t	 set_tid;
	uint64_t	 set_tid_size;
	uint64_t	 cgroup;
};

struct sbx {
	struct event_base	*base;
	const struct sbx_conf	*conf;
	struct sbx_limits	 lim;
	pid_t			 pid;
	int			 pidfd;
	int			 mntns;		/* see mntns_hold() */
	int			 ctl;
	int			 notify;
	int			 pipe_r[2];	/* stdout, stderr */
	int			 ofd[2];
	int			 nsink;		/* 1 if out_fd == err_fd */
	int			 sink_dead[2];
	struct evbuffer		*obuf[2];
	struct event		*ev_pid;
	struct event		*ev_ctl;
	struct event		*ev_notify;
	struct event		*ev_pipe[2];
	int			 pipe_paused[2];
	struct event		*ev_ofd[2];
	struct event		*ev_wall;
	struct event		*ev_cpu;
	struct event		*ev_flush;
	struct event		*ev_finish;
	sbx_filter_cb		 filter;
	void			*filter_arg;
	uint64_t		 out_total;
	int			 truncated;
	enum sbx_kill		 kill;
	int			 reaped;
	int			 init_status;
	int			 got_status;
	struct sbx_msg		 status;
	int			 setup_failed;
	enum sbx_fail		 fail;		/* what setup_failed was */
	int			 exec_failed;
	char			 detail[200];
	char			 syscall[32];
	struct timespec		 t0;
	uint64_t		 wall_ms;
	uint64_t		 cpu_ival_ms;
	struct cg		 cg;
	int			 cg_tries;
	int			 finished;
	void			(*done)(struct sbx *, const struct sbx_result *,
				    void *);
	void			*arg;
};

/* A sandbox made before its request: namespaces, maps, cgroup. */
struct sbx_pre {
	pid_t		 pid;
	int		 pidfd;
	int		 mntns;		/* see mntns_hold() */
	int		 ctl;
	int		 out_r;
	int		 err_r;
	struct cg	 cg;
};

/*
 * Pre-made sandboxes.  Refills are made by the maker (maker_main()),
 * a process of its own, so that the spawner's loop never waits on a
 * clone3(); the spawner makes them itself only if the maker is gone.
 */
#define MK_QUEUE	2	/* requests out: one made, one next */

struct sbx_pool {
	struct event_base *base;
	struct event	*ev_refill;
	struct event	*ev_sweep;	/* pool_sweep_cb(), every few s */
	int		 target;
	int		 n;
	struct sbx_pre	 pre[SBX_POOL_MAX];
	int		 mk;		/* socket to the maker, or -1 */
	int		 mk_pidfd;
	pid_t		 mk_pid;
	uint64_t	 made_maker, made_here;
	struct event	*ev_mk;
	int		 making;	/* requests out, their cgroups in */
	int		 mkhead;	/* mkq[mkhead], mkq[mkhead + 1] ... */
	uint32_t	 mkseq;		/* of the last request */
	struct sbx_pre	 mkq[MK_QUEUE];
};

static void	pool_free(struct sbx_state *);

static const char *reason_names[] = {
	"exited", "signaled", "timeout", "memory", "pids", "output-limit",
	"seccomp", "setup-failed"
};

const char *
sbx_reason_name(enum sbx_reason r)
{
	if ((unsigned)r >= sizeof(reason_names) / sizeof(reason_names[0]))
		return "unknown";
	return reason_names[r];
}

void
sbx_conf_defaults(struct sbx_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->uid = conf->gid = (uid_t)-1;
	conf->deflim.wall_ms = 30000;
	conf->deflim.cpu_ms = 30000;
	conf->deflim.mem_bytes = 512ULL << 20;
	conf->deflim.procs = 64;
	conf->deflim.out_bytes = 1ULL << 20;
	conf->deflim.fsize_bytes = 64ULL << 20;
	conf->deflim.nofile = 256;
	conf->deflim.tmp_bytes = 64ULL << 20;
	conf->cpu_pct = 100;
	conf->flush_ms = 10000;
	conf->max_code = 16ULL << 20;
}

static uint64_t
since_ms(const struct timespec *t0)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)(ts.tv_sec - t0->tv_sec) * 1000 +
	    (ts.tv_nsec - t0->tv_nsec) / 1000000;
}

static void
add_top(struct sbx_state *st, const char *name)
{
	char		 path[64];
	struct stat	 sb;
	ssize_t		 n;
	struct sbx_top	*t;

	if (st->ntop >= SBX_MAX_TOP)
		return;
	snprintf(path, sizeof(path), "/%s", name);
	if (lstat(path, &sb) == -1)
		return;
	t = &st->top[st->ntop];
	memset(t, 0, sizeof(*t));
	strlcpy(t->name, name, sizeof(t->name));
	if (S_ISLNK(sb.st_mode)) {
		n = readlink(path, t->target, sizeof(t->target) - 1);
		if (n <= 0)
			return;
		t->target[n] = '\0';
	} else if (!S_ISDIR(sb.st_mode))
		return;
	st->ntop++;
}

static void
add_etc(struct sbx_state *st, const char *name)
{
	char	 path[PATH_MAX];

	if (st->netc >= SBX_MAX_ETC || strlen(name) >= sizeof(st->etc[0]))
		return;
	snprintf(path, sizeof(path), "/etc/%s", name);
	if (access(path, F_OK) == -1)
		return;
	strlcpy(st->etc[st->netc++], name, sizeof(st->etc[0]));
}

int
sbx_init(struct sbx_conf *conf, char *err, size_t errlen)
{
	static const char *tops[] = { "usr", "bin", "sbin", "lib", "lib32",
	    "lib64", "libx32", NULL };
	static const char *etcs[] = { "alternatives", "ld.so.cache", "ssl",
	    "services", "protocols", "mime.types", NULL };
	struct sbx_state	*st;
	DIR			*d;
	struct dirent		*de;
	ssize_t			 n;
	int			 i;

	if (conf->uid == 0 || conf->gid == 0 || conf->uid == (uid_t)-1 ||
	    conf->gid == (gid_t)-1) {
		snprintf(err, errlen, "sandbox uid/gid must be set and not "
		    "root");
		return -1;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	conf->st = st;
	if (cg_detect(&st->cg, conf->cgroup_parent, conf->cgroup_version,
	    err, errlen) == -1)
		goto fail;
	if (sbx_seccomp_build(st, err, errlen) == -1)
		goto fail;
	for (i = 0; tops[i] != NULL; i++)
		add_top(st, tops[i]);
	for (i = 0; etcs[i] != NULL; i++)
		add_etc(st, etcs[i]);
	if ((d = opendir("/etc")) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strncmp(de->d_name, "python3", 7) == 0)
				add_etc(st, de->d_name);
		closedir(d);
	}
	n = readlink("/etc/localtime", st->localtime,
	    sizeof(st->localtime) - 1);
	st->localtime[n > 0 ? n : 0] = '\0';
	if ((st->ncpu = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		st->ncpu = 1;
	return 0;
 fail:
	sbx_conf_free(conf);
	return -1;
}

void
sbx_conf_free(struct sbx_conf *conf)
{
	if (conf->st == NULL)
		return;
	pool_free(conf->st);
	cg_free(&conf->st->cg);
	sbx_seccomp_free(conf->st);
	free(conf->st);
	conf->st = NULL;
}

const char *
sbx_cgroup_mode(const struct sbx_conf *conf)
{
	if (conf->st == NULL)
		return "none";
	return conf->st->cg.version == 2 ? "v2" : "v1";
}

const char *
sbx_cgroup_caveat(const struct sbx_conf *conf)
{
	if (conf->st == NULL)
		return NULL;
	if (conf->st->cg.version == 2 && !conf->st->cg.has_swapmax)
		return "no memory.swap.max (swap accounting is off): a "
		    "sandbox may swap beyond its memory limit";
	return NULL;
}

int
sbx_cleanup_stale(const struct sbx_conf *conf)
{
	if (conf->st == NULL)
		return -1;
	return cg_cleanup_stale(&conf->st->cg);
}

pid_t
sbx_pid(const struct sbx *s)
{
	return s->pid;
}

static void
resolve_limits(const struct sbx_conf *conf, const struct sbx_limits *req,
    struct sbx_limits *out)
{
	const uint64_t	*r = &req->wall_ms, *d = &conf->deflim.wall_ms,
			*m = &conf->maxlim.wall_ms;
	uint64_t	*o = &out->wall_ms;
	size_t		 i, n = sizeof(*out) / sizeof(uint64_t);

	for (i = 0; i < n; i++) {
		o[i] = r[i] ? r[i] : d[i];
		if (m[i] && o[i] > m[i])
			o[i] = m[i];
	}
}

/* The cgroup's share of a run's limits. */
static void
cg_limits_of(const struct sbx_conf *conf, const struct sbx_limits *lim,
    struct cg_limits *cl)
{
	cl->mem = lim->mem_bytes;
	cl->pids = lim->procs;
	cl->cpu_pct = conf->cpu_pct;
	cl->idle = 0;
}

/*
 * Is absolute path p dir or below it ("//" and "/./" read as "/")?  The
 * rest of p below dir ("" for dir itself), or NULL.  For SBX_STAGE a
 * friendly refusal only: a path that gets there through ".." or a
 * symlink finds the sandbox's own staging root, never the host's files.
 */
const char *
sbx_path_after(const char *p, const char *dir)
{
	size_t	 n;

	for (;;) {
		while (*p == '/' || (p[0] == '.' && (p[1] == '/' ||
		    p[1] == '\0')))
			p++;
		while (*dir == '/')
			dir++;
		if (*dir == '\0')
			return p;
		n = strcspn(dir, "/");
		if (strncmp(p, dir, n) != 0 || (p[n] != '/' && p[n] != '\0'))
			return NULL;
		p += n;
		dir += n;
	}
}

static int
path_below(const char *p, const char *dir)
{
	return sbx_path_after(p, dir) != NULL;
}

static int
valid_name(const char *s, size_t max)
{
	size_t	 i;

	if (s == NULL || s[0] == '\0' || strlen(s) > max ||
	    strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] == '/' || (unsigned char)s[i] < 0x21 ||
		    (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

static int
valid_env_name(const char *s)
{
	size_t	 i;

	if (s == NULL || s[0] == '\0' || strlen(s) > 128 ||
	    (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

static int
check_req(const struct sbx_conf *conf, const struct sbx_req *req,
    uint64_t *secret_bytes, char *err, size_t errlen)
{
	const char	*p;

	*secret_bytes = 0;
	if (req->argv == NULL || req->argv[0] == NULL ||
	    req->argv[0][0] == '\0') {
		snprintf(err, errlen, "no program");
		return -1;
	}
	if (req->net != SBX_NET_NONE && req->net != SBX_NET_HOST) {
		snprintf(err, errlen, "network mode %d not supported",
		    req->net);
		return -1;
	}
	if (req->cwd != NULL && req->cwd[0] != '/') {
		snprintf(err, errlen, "cwd must be absolute");
		return -1;
	}
	if (req->workspace != NULL && req->workspace[0] != '/') {
		snprintf(err, errlen, "workspace must be an absolute path");
		return -1;
	}
	if (req->workspace != NULL && path_below(req->workspace, SBX_STAGE)) {
		snprintf(err, errlen, "workspace may not be under %s",
		    SBX_STAGE);
		return -1;
	}
	if (req->id != NULL) {
		if (strlen(req->id) > SBX_ID_MAX) {
			snprintf(err, errlen, "id too long");
			return -1;
		}
		for (p = req->id; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' ||
			    *p == '_')) {
				snprintf(err, errlen, "bad character in id");
				return -1;
			}
	}
	if (req->code != NULL) {
		if (!valid_name(req->code_name, 64)) {
			snprintf(err, errlen, "bad code file name");
			return -1;
		}
		if (req->code_len > conf->max_code) {
			snprintf(err, errlen, "code is %zu bytes, at most %zu",
			    req->code_len, conf->max_code);
			return -1;
		}
	}
	return sbx_check_secrets(req, secret_bytes, err, errlen);
}

int
sbx_check_secrets(const struct sbx_req *req, uint64_t *secret_bytes,
    char *err, size_t errlen)
{
	struct stat	 sb;
	size_t		 i;

	*secret_bytes = 0;
	if (req->nsecrets > 64) {
		snprintf(err, errlen, "too many secrets");
		return -1;
	}
	for (i = 0; i < req->nsecrets; i++) {
		const struct sbx_secret *s = &req->secrets[i];

		if (s->name == NULL || (s->env == NULL && s->file == NULL)) {
			snprintf(err, errlen, "secret %zu: no name or target",
			    i);
			return -1;
		}
		if (s->file != NULL && !valid_name(s->file, 64)) {
			snprintf(err, errlen, "secret %.64s: bad file name",
			    s->name);
			return -1;
		}
		if (s->env != NULL && !valid_env_name(s->env)) {
			snprintf(err, errlen, "secret %.64s: bad variable "
			    "name", s->name);
			return -1;
		}
		if (fstat(s->memfd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
		    sb.st_size > SBX_MAX_SECRET) {
			snprintf(err, errlen, "secret %.64s: not a memfd of "
			    "at most %d bytes", s->name, SBX_MAX_SECRET);
			return -1;
		}
		*secret_bytes += sb.st_size;
	}
	return 0;
}

/*
 * Taking a mount namespace apart (a few dozen mounts, and an RCU grace
 * period on the way) is work for whoever drops its last reference:
 * without help, the sandbox's init, on its way out, before the spawner
 * learns that it exited.  We hold a reference from the clone on, so
 * that the init exits at once and the result goes out; the namespace
 * goes a moment later (mntns_drop), when nobody waits.  Nothing of the
 * sandbox runs by then: only its mounts are left, unreachable.
 */
static int
mntns_hold(pid_t pid)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/proc/%ld/ns/mnt", (long)pid);
	return open(path, O_RDONLY | O_CLOEXEC);
}

static void
mntns_drop(evutil_socket_t fd, short ev, void *arg)
{
	close((int)(intptr_t)arg);
}

static const struct timeval drop_tv = { 0, 2000 };

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* In the child, first thing: close every fd but the ones it needs. */
static void
close_others(int *keep, size_t n)
{
	unsigned int	 lo = 0;
	size_t		 i;

	qsort(keep, n, sizeof(int), cmp_int);
	for (i = 0; i < n; i++) {
		if (keep[i] < 0)
			continue;
		if ((unsigned)keep[i] > lo)
			syscall(SYS_close_range, lo, keep[i] - 1, 0);
		lo = keep[i] + 1;
	}
	syscall(SYS_close_range, lo, ~0U, 0);
}

static int
write_proc(pid_t pid, const char *file, const char *val)
{
	char	 path[64];
	int	 fd;
	ssize_t	 n;
	size_t	 len = strlen(val);

	snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, file);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	n = write(fd, val, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

static void	sbx_free(struct sbx *);
static void	maybe_finish(struct sbx *);
static void	pipe_cb(int, short, void *);
static void	ofd_cb(int, short, void *);

static void
do_kill(struct sbx *s, enum sbx_kill why)
{
	if (s->kill == KILL_NONE)
		s->kill = why;
	if (s->reaped)
		return;
	/* the init's death takes the whole pid namespace with it */
	(void)syscall(SYS_pidfd_send_signal, s->pidfd, SIGKILL, NULL, 0);
	if (s->conf->st->cg.version == 2)
		(void)cg_kill(&s->cg);
}

void
sbx_kill(struct sbx *s)
{
	do_kill(s, KILL_REQUEST);
}

static int
sink_of(const struct sbx *s, int stream)
{
	return s->nsink == 1 ? 0 : stream;
}

static void
sink_schedule(struct sbx *s, int k)
{
	if (s->sink_dead[k]) {
		evbuffer_drain(s->obuf[k], evbuffer_get_length(s->obuf[k]));
		return;
	}
	if (evbuffer_get_length(s->obuf[k]) > 0 &&
	    !event_pending(s->ev_ofd[k], EV_WRITE, NULL))
		event_add(s->ev_ofd[k], NULL);
}

static void
filter_feed(struct sbx *s, int stream, const void *buf, size_t len, int eof)
{
	struct evbuffer	*out = s->obuf[sink_of(s, stream)];

	if (s->filter != NULL)
		s->filter(s->filter_arg, stream + 1, buf, len, eof, out);
	else if (len > 0)
		evbuffer_add(out, buf, len);
}

static void
pipe_close(struct sbx *s, int stream)
{
	if (s->pipe_r[stream] == -1)
		return;
	event_del(s->ev_pipe[stream]);
	close(s->pipe_r[stream]);
	s->pipe_r[stream] = -1;
	filter_feed(s, stream, NULL, 0, 1);
	sink_schedule(s, sink_of(s, stream));
}

static void
pipe_cb(int fd, short ev, void *arg)
{
	struct sbx	*s = arg;
	char		 buf[SBX_READ];
	ssize_t		 n;
	uint64_t	 room;
	int		 stream = fd == s->pipe_r[0] ? 0 : 1, k, i;

	for (i = 0; i < 4; i++) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			break;
		if (n <= 0) {
			pipe_close(s, stream);
			maybe_finish(s);
			return;
		}
		room = s->lim.out_bytes - s->out_total;
		if ((uint64_t)n > room) {
			/*
			 * Cut at exactly the limit and end the run.  The
			 * result says so (out_truncated, reason
			 * output-limit); nothing is added to the stream,
			 * whose reader gets at most out_bytes bytes.
			 */
			filter_feed(s, stream, buf, room, 0);
			s->out_total += room;
			s->truncated = 1;
			do_kill(s, KILL_OUTPUT);
			pipe_close(s, stream);
			pipe_close(s, !stream);
			maybe_finish(s);
			return;
		}
		s->out_total += n;
		filter_feed(s, stream, buf, n, 0);
	}
	k = sink_of(s, stream);
	sink_schedule(s, k);
	/* a slow reader: stop reading, the sandbox blocks on its pipe */
	if (evbuffer_get_length(s->obuf[k]) > SBX_HIWAT &&
	    !s->sink_dead[k]) {
		event_del(s->ev_pipe[stream]);
		s->pipe_paused[stream] = 1;
	}
}

static void
ofd_cb(int fd, short ev, void *arg)
{
	struct sbx	*s = arg;
	int		 k = fd == s->ofd[0] ? 0 : 1, i;

	if (evbuffer_write(s->obuf[k], fd) == -1 && errno != EAGAIN &&
	    errno != EINTR) {
		/* the reader is gone: output is dropped from now on */
		s->sink_dead[k] = 1;
	}
	sink_schedule(s, k);
	if (evbuffer_get_length(s->obuf[k]) < SBX_HIWAT / 2 ||
	    s->sink_dead[k]) {
		for (i = 0; i < 2; i++)
			if (s->pipe_paused[i] && sink_of(s, i) == k &&
			    s->pipe_r[i] != -1) {
				s->pipe_paused[i] = 0;
				event_add(s->ev_pipe[i], NULL);
			}
	}
	maybe_finish(s);
}

static void
handle_msg(struct sbx *s, const struct sbx_msg *m, int fd)
{
	char	 text[sizeof(m->text)];

	memcpy(text, m->text, sizeof(text));
	text[sizeof(text) - 1] = '\0';
	switch (m->type) {
	case SBX_MSG_SETUP_ERR:
	case SBX_MSG_SETUP_SECRET:
	case SBX_MSG_SETUP_CWD:
		s->setup_failed = 1;
		s->fail = m->type == SBX_MSG_SETUP_SECRET ? SBX_FAIL_SECRET :
		    m->type == SBX_MSG_SETUP_CWD ? SBX_FAIL_CWD :
		    SBX_FAIL_SETUP;
		strlcpy(s->detail, text, sizeof(s->detail));
		break;
	case SBX_MSG_EXEC_ERR:
		s->exec_failed = 1;
		strlcpy(s->detail, text, sizeof(s->detail));
		break;
	case SBX_MSG_NOTIFY_FD:
		if (fd == -1 || s->notify != -1)
			break;
		s->notify = fd;
		fd = -1;
		break;
	case SBX_MSG_STATUS:
		s->got_status = 1;
		s->status = *m;
		break;
	}
	if (fd != -1)
		close(fd);
}

static void	notify_cb(int, short, void *);

static void
ctl_read(struct sbx *s)
{
	struct sbx_msg	 m;
	struct msghdr	 mh;
	struct iovec	 iov;
	struct cmsghdr	*c;
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int) * 4)];
	} cm;
	ssize_t		 n;
	int		 fd, had;

	while (s->ctl != -1) {
		memset(&mh, 0, sizeof(mh));
		iov.iov_base = &m;
		iov.iov_len = sizeof(m);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cm.buf;
		mh.msg_controllen = sizeof(cm.buf);
		n = recvmsg(s->ctl, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			event_del(s->ev_ctl);
			close(s->ctl);
			s->ctl = -1;
			return;
		}
		fd = -1;
		for (c = CMSG_FIRSTHDR(&mh); c != NULL;
		    c = CMSG_NXTHDR(&mh, c)) {
			int	*fds = (int *)CMSG_DATA(c);
			size_t	 i, nfd;

			if (c->cmsg_level != SOL_SOCKET ||
			    c->cmsg_type != SCM_RIGHTS)
				continue;
			nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			for (i = 0; i < nfd; i++) {
				if (fd == -1)
					fd = fds[i];
				else
					close(fds[i]);
			}
		}
		if (n != sizeof(m)) {
			if (fd != -1)
				close(fd);
			continue;
		}
		had = s->notify != -1;
		handle_msg(s, &m, fd);
		if (!had && s->notify != -1) {
			event_assign(s->ev_notify, s->base, s->notify,
			    EV_READ | EV_PERSIST, notify_cb, s);
			event_add(s->ev_notify, NULL);
		}
	}
}

static void
ctl_cb(int fd, short ev, void *arg)
{
	ctl_read(arg);
}

static void
notify_close(struct sbx *s)
{
	if (s->notify == -1)
		return;
	event_del(s->ev_notify);
	close(s->notify);
	s->notify = -1;
}

/* A "kill" syscall of the policy: name it, end the sandbox. */
static void
notify_cb(int fd, short ev, void *arg)
{
	struct sbx			*s = arg;
	struct seccomp_notif		*req = NULL;
	struct seccomp_notif_resp	*resp = NULL;

	if (seccomp_notify_alloc(&req, &resp) != 0) {
		do_kill(s, KILL_SECCOMP);
		notify_close(s);
		return;
	}
	if (seccomp_notify_receive(fd, req) != 0) {
		/* every filtered process is gone */
		notify_close(s);
		goto out;
	}
	if (s->syscall[0] == '\0')
		sbx_seccomp_name(req->data.arch, req->data.nr, s->syscall,
		    sizeof(s->syscall));
	/*
	 * No answer: the caller stays blocked in the kernel, the call
	 * never runs, and the kill takes it down where it waits.  An
	 * answer would let it run on until the kill lands.
	 */
	do_kill(s, KILL_SECCOMP);
 out:
	seccomp_notify_free(req, resp);
}

static void
wall_cb(int fd, short ev, void *arg)
{
	do_kill(arg, KILL_TIMEOUT);
}

static void
cpu_cb(int fd, short ev, void *arg)
{
	struct sbx	*s = arg;
	struct timeval	 tv;
	uint64_t	 usec;

	if (s->reaped)
		return;
	if (cg_cpu_usec(&s->cg, &usec) == 0 && usec / 1000 >= s->lim.cpu_ms) {
		do_kill(s, KILL_CPU);
		return;
	}
	tv.tv_sec = s->cpu_ival_ms / 1000;
	tv.tv_usec = (s->cpu_ival_ms % 1000) * 1000;
	evtimer_add(s->ev_cpu, &tv);
}

static void
flush_cb(int fd, short ev, void *arg)
{
	struct sbx	*s = arg;
	int		 k;

	/* the reader took too long: drop what is left */
	for (k = 0; k < s->nsink; k++)
		s->sink_dead[k] = 1;
	pipe_close(s, 0);
	pipe_close(s, 1);
	for (k = 0; k < s->nsink; k++)
		sink_schedule(s, k);
	maybe_finish(s);
}

static void
pid_cb(int fd, short ev, void *arg)
{
	struct sbx	*s = arg;
	siginfo_t	 si;
	struct timeval	 tv;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PIDFD, s->pidfd, &si, WEXITED | WNOHANG | __WALL) == -1
	    || si.si_pid == 0)
		return;
	s->wall_ms = since_ms(&s->t0);
	s->reaped = 1;
	s->init_status = si.si_status;
	event_del(s->ev_pid);
	event_del(s->ev_wall);
	event_del(s->ev_cpu);
	/* the status was sent before the init exited */
	ctl_read(s);
	/* a backstop: nothing may outlive the init */
	if (cg_populated(&s->cg))
		cg_kill(&s->cg);
	tv.tv_sec = s->conf->flush_ms / 1000;
	tv.tv_usec = (s->conf->flush_ms % 1000) * 1000;
	evtimer_add(s->ev_flush, &tv);
	maybe_finish(s);
}

static void
result(struct sbx *s, struct sbx_result *r)
{
	struct cg_stats	 cs;
	char		 then[80] = "";
	int		 st = s->status.status, clean;

	memset(r, 0, sizeof(*r));
	cg_stats(&s->cg, &cs);
	r->wall_ms = s->wall_ms;
	r->cpu_ms = cs.have_cpu ? cs.cpu_usec / 1000 :
	    (s->status.utime_us + s->status.stime_us) / 1000;
	r->mem_peak = cs.have_peak ? cs.mem_peak : s->status.maxrss_kb * 1024;
	r->out_truncated = s->truncated;
	strlcpy(r->syscall, s->syscall, sizeof(r->syscall));
	strlcpy(r->detail, s->detail, sizeof(r->detail));

	if (s->got_status) {
		if (WIFEXITED(st)) {
			r->reason = SBX_EXITED;
			r->exit_code = WEXITSTATUS(st);
		} else {
			r->reason = SBX_SIGNALED;
			r->signo = WTERMSIG(st);
			r->exit_code = -1;
		}
	} else {
		/* the init was killed before the program ended */
		r->reason = SBX_SIGNALED;
		r->signo = SIGKILL;
		r->exit_code = -1;
	}
	clean = r->reason == SBX_EXITED && r->exit_code == 0;

	/*
	 * The program's process reports a failed setup (a working
	 * directory that does not exist, a secret that cannot be an
	 * environment variable) and exits 126 before anything ran: the
	 * init's report of that status does not make it a run.
	 */
	if (s->setup_failed) {
		r->reason = SBX_SETUP_FAILED;
		r->fail = s->fail;
		return;
	}
	if (s->kill == KILL_SECCOMP) {
		r->reason = SBX_SECCOMP;
		snprintf(r->detail, sizeof(r->detail), "forbidden system "
		    "call %s", s->syscall);
		return;
	}
	if (s->kill == KILL_OUTPUT) {
		/*
		 * We killed it.  What it died of may be the SIGPIPE of
		 * a write racing our SIGKILL, or an exit on EPIPE: the
		 * status says SIGKILL, as documented, either way.
		 */
		r->reason = SBX_OUTPUT_LIMIT;
		r->signo = SIGKILL;
		r->exit_code = -1;
		snprintf(r->detail, sizeof(r->detail), "output exceeded %llu "
		    "bytes", (unsigned long long)s->lim.out_bytes);
		return;
	}
	/*
	 * A limit that killed or refused something is the reason even
	 * when the time limit ended the run afterwards (a fork bomb
	 * spins until then): the detail says both.
	 */
	if (s->kill == KILL_TIMEOUT || s->kill == KILL_CPU)
		snprintf(then, sizeof(then), "; then the %s limit of %llu ms "
		    "ended it", s->kill == KILL_CPU ? "cpu time" :
		    "wall time", (unsigned long long)(s->kill == KILL_CPU ?
		    s->lim.cpu_ms : s->lim.wall_ms));
	if (cs.oom_kills > 0 && !clean) {
		r->reason = SBX_MEMORY;
		snprintf(r->detail, sizeof(r->detail), "out of memory "
		    "(limit %llu bytes, %llu OOM kills)%s",
		    (unsigned long long)s->lim.mem_bytes,
		    (unsigned long long)cs.oom_kills, then);
		return;
	}
	if (cs.pids_max > 0 && !clean) {
		r->reason = SBX_PIDS;
		snprintf(r->detail, sizeof(r->detail), "process limit %llu "
		    "reached %llu times%s", (unsigned long long)s->lim.procs,
		    (unsigned long long)cs.pids_max, then);
		return;
	}
	if (s->kill == KILL_TIMEOUT || s->kill == KILL_CPU) {
		r->reason = SBX_TIMEOUT;
		r->signo = SIGKILL;	/* as for the output limit */
		r->exit_code = -1;
		snprintf(r->detail, sizeof(r->detail), "%s limit of %llu ms",
		    s->kill == KILL_CPU ? "cpu time" : "wall time",
		    (unsigned long long)(s->kill == KILL_CPU ?
		    s->lim.cpu_ms : s->lim.wall_ms));
		return;
	}
	if (r->reason == SBX_SIGNALED && r->signo == SIGSYS) {
		r->reason = SBX_SECCOMP;
		snprintf(r->detail, sizeof(r->detail), "killed by SIGSYS "
		    "(foreign system call ABI or seccomp trap)");
		return;
	}
	if (r->reason == SBX_SIGNALED && r->signo == SIGXCPU) {
		r->reason = SBX_TIMEOUT;
		snprintf(r->detail, sizeof(r->detail), "cpu time limit of "
		    "%llu ms (RLIMIT_CPU)",
		    (unsigned long long)s->lim.cpu_ms);
		return;
	}
	if (r->reason == SBX_SIGNALED && r->signo == SIGXFSZ)
		snprintf(r->detail, sizeof(r->detail), "file size limit of "
		    "%llu bytes", (unsigned long long)s->lim.fsize_bytes);
	if (s->kill == KILL_REQUEST)
		snprintf(r->detail, sizeof(r->detail), "killed on request");
	/* A program that exited after losing a child to a limit. */
	if (r->detail[0] == '\0' && cs.oom_kills > 0)
		snprintf(r->detail, sizeof(r->detail), "%llu process(es) "
		    "killed by the memory limit of %llu bytes",
		    (unsigned long long)cs.oom_kills,
		    (unsigned long long)s->lim.mem_bytes);
	else if (r->detail[0] == '\0' && cs.pids_max > 0)
		snprintf(r->detail, sizeof(r->detail), "process limit %llu "
		    "refused a fork %llu times", (unsigned long long)
		    s->lim.procs, (unsigned long long)cs.pids_max);
}

/* A sandbox is over: refill the pool now, if it needs it. */
static void
pool_kick(struct sbx_state *st)
{
	struct timeval	 tv = { 0, 0 };

	if (st->pool != NULL && st->pool->n < st->pool->target)
		evtimer_add(st->pool->ev_refill, &tv);
}

static void
finish_cb(int fd, short ev, void *arg)
{
	struct sbx		*s = arg;
	struct sbx_result	 r;
	struct timeval		 tv = { 0, 10000 };

	if (s->finished)
		return;
	/* the killed may need a moment to leave the cgroup */
	if (cg_populated(&s->cg) && s->cg_tries++ < 200) {
		cg_kill(&s->cg);
		evtimer_add(s->ev_finish, &tv);
		return;
	}
	s->finished = 1;
	pool_kick(s->conf->st);
	result(s, &r);
	/* an empty cgroup is kept for the next sandbox */
	if (cg_release(&s->conf->st->cg, &s->cg) == -1 &&
	    r.detail[0] == '\0')
		snprintf(r.detail, sizeof(r.detail), "cgroup %s not removed",
		    s->cg.name);
	s->done(s, &r, s->arg);
	sbx_free(s);
}

static void
maybe_finish(struct sbx *s)
{
	struct timeval	 tv = { 0, 0 };
	int		 k;

	if (!s->reaped || s->pipe_r[0] != -1 || s->pipe_r[1] != -1)
		return;
	for (k = 0; k < s->nsink; k++)
		if (!s->sink_dead[k] && evbuffer_get_length(s->obuf[k]) > 0)
			return;
	if (!evtimer_pending(s->ev_finish, NULL))
		evtimer_add(s->ev_finish, &tv);
}

static void
sbx_free(struct sbx *s)
{
	int	 k;

	if (s->ev_pid != NULL)
		event_free(s->ev_pid);
	if (s->ev_ctl != NULL)
		event_free(s->ev_ctl);
	if (s->ev_notify != NULL) {
		event_del(s->ev_notify);
		event_free(s->ev_notify);
	}
	for (k = 0; k < 2; k++) {
		if (s->ev_pipe[k] != NULL)
			event_free(s->ev_pipe[k]);
		if (s->ev_ofd[k] != NULL)
			event_free(s->ev_ofd[k]);
		if (s->pipe_r[k] != -1)
			close(s->pipe_r[k]);
		if (s->obuf[k] != NULL)
			evbuffer_free(s->obuf[k]);
	}
	for (k = 0; k < s->nsink; k++)
		if (s->ofd[k] != -1)
			close(s->ofd[k]);
	if (s->ev_wall != NULL)
		event_free(s->ev_wall);
	if (s->ev_cpu != NULL)
		event_free(s->ev_cpu);
	if (s->ev_flush != NULL)
		event_free(s->ev_flush);
	if (s->ev_finish != NULL)
		event_free(s->ev_finish);
	if (s->notify != -1)
		close(s->notify);
	if (s->ctl != -1)
		close(s->ctl);
	if (s->pidfd != -1)
		close(s->pidfd);
	if (s->mntns != -1 && event_base_once(s->base, -1, EV_TIMEOUT,
	    mntns_drop, (void *)(intptr_t)s->mntns, &drop_tv) == -1)
		close(s->mntns);
	free(s);
}

static int
set_nonblock(int fd)
{
	int	 fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1)
		return -1;
	return fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

void
sbx_plan_opts(struct sbx_plan *plan, uint64_t secret_bytes)
{
	uint64_t	 runsz;

	runsz = (64 << 10) + secret_bytes + plan->req->code_len;
	snprintf(plan->run_opts, sizeof(plan->run_opts),
	    "size=%llu,nr_inodes=1024,mode=0755", (unsigned long long)runsz);
	snprintf(plan->tmp_opts, sizeof(plan->tmp_opts),
	    "size=%llu,nr_inodes=65536,mode=1777",
	    (unsigned long long)plan->lim.tmp_bytes);
	snprintf(plan->work_opts, sizeof(plan->work_opts),
	    "size=%llu,nr_inodes=65536,mode=0755,uid=%d,gid=%d",
	    (unsigned long long)plan->lim.tmp_bytes, SBX_INNER_UID,
	    SBX_INNER_GID);
}

/* Kill the child behind *pidfd, reap it, close the pidfd. */
static void
pidfd_reap(int *pidfd)
{
	siginfo_t	 si;

	if (*pidfd == -1)
		return;
	(void)syscall(SYS_pidfd_send_signal, *pidfd, SIGKILL, NULL, 0);
	(void)waitid(P_PIDFD, *pidfd, &si, WEXITED | __WALL);
	close(*pidfd);
	*pidfd = -1;
}

static void
pre_destroy(struct sbx_pre *pre)
{
	int		 i;

	pidfd_reap(&pre->pidfd);
	if (pre->ctl != -1)
		close(pre->ctl);
	if (pre->mntns != -1)
		close(pre->mntns);
	if (pre->out_r != -1)
		close(pre->out_r);
	if (pre->err_r != -1)
		close(pre->err_r);
	for (i = 0; i < 200 && cg_destroy(&pre->cg) == -1; i++) {
		cg_kill(&pre->cg);
		usleep(5000);
	}
	pre->pidfd = pre->ctl = pre->out_r = pre->err_r = pre->mntns = -1;
}

/*
 * The clone half of making a sandbox: pipes, control socket, clone3()
 * into fresh namespaces (into cgdir on v2), uid/gid maps, "go".  With a
 * plan the child goes on to build and run that sandbox; without one
 * (the pool) it waits for a request on its control socket.  xflags is
 * CLONE_PARENT when the maker calls it (see maker_main()).  On failure
 * whatever was made is closed but the child, if any: its pidfd is left
 * in pre for the caller to kill and reap.
 */
static int
pre_clone(const struct sbx_conf *conf, struct sbx_plan *plan,
    const struct sbx_req *req, int cgdir, int *cgfd, int ncg,
    uint64_t xflags, struct sbx_pre *pre, char *err, size_t errlen)
{
	struct sbx_clone_args	 ca;
	struct sbx_plan		 pooled;
	char			 map[64];
	int			 outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	int			 sp[2] = { -1, -1 }, pidfd = -1, k;
	int			 keep[80];
	size_t			 nkeep = 0, i;
	pid_t			 pid;

	if (pipe2(outp, O_CLOEXEC) == -1 || pipe2(errp, O_CLOEXEC) == -1 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		goto fail;
	}
	if (plan == NULL) {
		memset(&pooled, 0, sizeof(pooled));
		pooled.conf = conf;
		pooled.stdin_fd = -1;
		pooled.wsfd = pooled.wsroot = -1;
		plan = &pooled;
		req = NULL;
	}
	memcpy(plan->cgfd, cgfd, sizeof(plan->cgfd));
	plan->ncgfd = ncg;
	for (k = 0; k < ncg; k++)
		keep[nkeep++] = cgfd[k];
	keep[nkeep++] = sp[1];
	keep[nkeep++] = outp[1];
	keep[nkeep++] = errp[1];
	plan->ctl = sp[1];
	plan->out_w = outp[1];
	plan->err_w = errp[1];
	if (req != NULL) {
		keep[nkeep++] = plan->stdin_fd;
		for (i = 0; i < req->nsecrets; i++)
			keep[nkeep++] = req->secrets[i].memfd;
	}

	memset(&ca, 0, sizeof(ca));
	/* the child makes its network namespace itself, see prepare() */
	ca.flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID |
	    CLONE_NEWIPC | CLONE_NEWUTS | CLONE_PIDFD | xflags;
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	/*
	 * No SIGCHLD: only our pidfd reaps it.  (With CLONE_PARENT the
	 * kernel takes the maker's own exit signal, also none.)
	 */
	ca.exit_signal = 0;
	if (conf->st->cg.version == 2) {
		ca.flags |= CLONE_INTO_CGROUP;
		ca.cgroup = (uint64_t)cgdir;
	}
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == -1) {
		snprintf(err, errlen, "clone3: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		close_others(keep, nkeep);
		/* in ps(1) until it runs its program */
		(void)prctl(PR_SET_NAME, "sandbox", 0, 0, 0);
		if (plan != &pooled)
			sbx_child(plan);
		/* a pool entry must not outlive the spawner either */
		(void)prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		sbx_child_pooled(&pooled);
	}
	pre->pid = pid;
	pre->pidfd = pidfd;
	pre->mntns = mntns_hold(pid);

	snprintf(map, sizeof(map), "%d %lu 1\n", SBX_INNER_UID,
	    (unsigned long)conf->uid);
	if (write_proc(pid, "uid_map", map) == -1) {
		snprintf(err, errlen, "uid_map: %s", strerror(errno));
		goto fail;
	}
	snprintf(map, sizeof(map), "%d %lu 1\n", SBX_INNER_GID,
	    (unsigned long)conf->gid);
	if (write_proc(pid, "gid_map", map) == -1) {
		snprintf(err, errlen, "gid_map: %s", strerror(errno));
		goto fail;
	}
	if (write(sp[0], "g", 1) != 1) {
		snprintf(err, errlen, "start: %s", strerror(errno));
		goto fail;
	}
	close(sp[1]);
	close(outp[1]);
	close(errp[1]);
	pre->ctl = sp[0];
	pre->out_r = outp[0];
	pre->err_r = errp[0];
	return 0;
 fail:
	for (k = 0; k < 2; k++) {
		if (outp[k] != -1)
			close(outp[k]);
		if (errp[k] != -1)
			close(errp[k]);
		if (sp[k] != -1)
			close(sp[k]);
	}
	return -1;
}

/*
 * A sandbox's cgroup (taken from the spares when one is kept) and, on
 * v1, the "tasks" fds its child joins through (cg_join_fds()).
 */
static int
pre_cgroup(const struct sbx_conf *conf, const struct sbx_req *req,
    const struct cg_limits *cl, struct sbx_pre *pre, int *cgfd, int *ncg,
    char *err, size_t errlen)
{
	struct sbx_state	*st = conf->st;
	char			 name[96];

	*ncg = 0;
	snprintf(name, sizeof(name), "s%ld.%llu%s%s", (long)getpid(),
	    (unsigned long long)++st->seq, req && req->id ? "." : "",
	    req && req->id ? req->id : "");
	if (cg_create(&st->cg, name, cl, &pre->cg, err, errlen) == -1)
		return -1;
	if (st->cg.version == 1 && (*ncg = cg_join_fds(&pre->cg, cgfd,
	    CG_NCTL)) == -1) {
		*ncg = 0;
		snprintf(err, errlen, "cgroup tasks: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void
pre_clear(struct sbx_pre *pre)
{
	memset(pre, 0, sizeof(*pre));
	pre->pidfd = pre->ctl = pre->out_r = pre->err_r = pre->mntns = -1;
	pre->cg.dirfd = -1;
}

/*
 * Make a sandbox here, in the spawner: cgroup, then clone.  With a
 * plan it runs that; without one it is a pool entry.
 */
static int
pre_make(const struct sbx_conf *conf, struct sbx_plan *plan,
    const struct sbx_req *req, const struct cg_limits *cl,
    struct sbx_pre *pre, char *err, size_t errlen)
{
	int	 cgfd[CG_NCTL], ncg = 0, rv = -1;

	pre_clear(pre);
	if (pre_cgroup(conf, req, cl, pre, cgfd, &ncg, err, errlen) == 0 &&
	    pre_clone(conf, plan, req, pre->cg.dirfd, cgfd, ncg, 0, pre, err,
	    errlen) == 0)
		rv = 0;
	while (ncg > 0)
		close(cgfd[--ncg]);
	if (rv == -1)
		pre_destroy(pre);
	return rv;
}

static int
wire_add(char **buf, size_t *len, size_t *cap, const void *p, size_t n)
{
	char	*nb;
	size_t	 ncap;

	if (n > SIZE_MAX - *len)
		return -1;
	if (*len + n > *cap) {
		ncap = *cap ? *cap : 4096;
		while (ncap < *len + n)
			ncap *= 2;
		if ((nb = realloc(*buf, ncap)) == NULL)
			return -1;
		*buf = nb;
		*cap = ncap;
	}
	memcpy(*buf + *len, p, n);
	*len += n;
	return 0;
}

static int
wire_s(char **buf, size_t *len, size_t *cap, const char *s)
{
	return wire_add(buf, len, cap, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* One message on a SOCK_SEQPACKET socket, with nfd fds. */
int
sbx_send_fds(int sock, const void *buf, size_t len, const int *fds, size_t nfd)
{
	struct msghdr	 mh;
	struct iovec	 iov;
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int) *
				    SBX_WIRE_MAXFD)];
	} cm;
	ssize_t		 n;

	if (nfd > SBX_WIRE_MAXFD) {
		errno = EINVAL;
		return -1;
	}
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = (void *)(uintptr_t)buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (nfd > 0) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfd);
		cm.h.cmsg_level = SOL_SOCKET;
		cm.h.cmsg_type = SCM_RIGHTS;
		cm.h.cmsg_len = CMSG_LEN(sizeof(int) * nfd);
		memcpy(CMSG_DATA(&cm.h), fds, sizeof(int) * nfd);
	}
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (n == -1 && errno == EINTR);
	return n == (ssize_t)len ? 0 : -1;
}

/* Hand a request to a pre-made sandbox (see struct sbx_wire). */
static int
pre_send(struct sbx_pre *pre, const struct sbx_req *req,
    const struct sbx_limits *lim, char *const *env, char *err, size_t errlen)
{
	struct sbx_wire	 w;
	char		*buf = NULL;
	size_t		 len = 0, cap = 0, i, nfd = 0;
	int		 fds[SBX_WIRE_MAXFD], mfd = -1, bad = 0, rv = -1;

	memset(&w, 0, sizeof(w));
	w.magic = SBX_WIRE_MAGIC;
	w.lim = *lim;
	bad |= wire_add(&buf, &len, &cap, &w, sizeof(w));
	for (i = 0; req->argv[i] != NULL; i++, w.nargv++)
		bad |= wire_s(&buf, &len, &cap, req->argv[i]);
	for (i = 0; env[i] != NULL; i++, w.nenv++)
		bad |= wire_s(&buf, &len, &cap, env[i]);
	if (req->cwd != NULL) {
		w.flags |= SBX_WIRE_CWD;
		bad |= wire_s(&buf, &len, &cap, req->cwd);
	}
	if (req->workspace != NULL) {
		w.flags |= SBX_WIRE_WS;
		bad |= wire_s(&buf, &len, &cap, req->workspace);
	}
	if (req->code != NULL) {
		w.flags |= SBX_WIRE_CODE;
		bad |= wire_s(&buf, &len, &cap, req->code_name);
	}
	fds[nfd++] = -1;	/* the memfd */
	if (req->stdin_fd != -1) {
		w.flags |= SBX_WIRE_STDIN;
		fds[nfd++] = req->stdin_fd;
	}
	for (i = 0; i < req->nsecrets; i++, w.nsecrets++) {
		bad |= wire_s(&buf, &len, &cap, req->secrets[i].name);
		bad |= wire_s(&buf, &len, &cap, req->secrets[i].env);
		bad |= wire_s(&buf, &len, &cap, req->secrets[i].file);
		fds[nfd++] = req->secrets[i].memfd;
	}
	w.strings_len = len - sizeof(w);
	if (req->code != NULL) {
		w.code_len = req->code_len;
		bad |= wire_add(&buf, &len, &cap, req->code, req->code_len);
	}
	if (bad) {
		snprintf(err, errlen, "request: out of memory");
		goto out;
	}
	memcpy(buf, &w, sizeof(w));
	if ((mfd = memfd_create("sbx-req", MFD_CLOEXEC)) == -1 ||
	    write(mfd, buf, len) != (ssize_t)len) {
		snprintf(err, errlen, "request memfd: %s", strerror(errno));
		goto out;
	}
	fds[0] = mfd;
	if (sbx_send_fds(pre->ctl, "r", 1, fds, nfd) == -1) {
		snprintf(err, errlen, "request: %s", strerror(errno));
		goto out;
	}
	rv = 0;
 out:
	if (mfd != -1)
		close(mfd);
	free(buf);
	return rv;
}

/*
 * A pool entry's cgroup limits while it waits: those of a request that
 * asks for nothing special, so that taking it usually changes none.
 */
static void
pool_limits(const struct sbx_conf *conf, struct cg_limits *cl)
{
	struct sbx_limits	 none, lim;

	memset(&none, 0, sizeof(none));
	resolve_limits(conf, &none, &lim);
	cg_limits_of(conf, &lim, cl);
	cl->idle = 1;
}

/*
 * The maker.  Making a sandbox (clone3 with five new namespaces, which
 * copies the host's mount table, then the uid and gid maps) takes a
 * core for most of a millisecond; done in the spawner's loop, a request
 * arriving meanwhile waits for it.  So a process of its own makes the
 * pool's sandboxes: the spawner prepares the cgroup (a cheap one, often
 * a spare) and sends its fds; the maker clones with CLONE_PARENT, so
 * that the sandbox is the spawner's child (its pidfd reaps it, and its
 * parent-death signal follows the spawner), and sends back the pidfd,
 * the control socket, the output pipes and the mount namespace.  It has
 * the spawner's privileges and filter and nothing else open.
 */
struct mk_req {
	uint32_t	 seq;
	uint32_t	 nfd;		/* v2: the cgroup dir; v1: tasks fds */
};

#define MK_NFD		5	/* pidfd, ctl, out_r, err_r, mntns */

struct mk_rep {
	uint32_t	 seq;
	int32_t		 pid;		/* 0: no child was made */
	uint32_t	 ok;
	uint32_t	 nfd;
	char		 err[200];
};

/*
 * One message of exactly len bytes and at most max fds.  Returns 1, 0
 * at end of file, -1 on error (errno; EBADMSG for a bad message, whose
 * fds are closed).
 */
static int
mk_recv(int sock, int flags, void *buf, size_t len, int *fds, int max,
    int *nfd)
{
	struct msghdr	 mh;
	struct iovec	 iov;
	struct cmsghdr	*c;
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int) * MK_NFD)];
	} cm;
	ssize_t		 n;
	int		 k, got = 0, bad = 0;
	size_t		 cnt;

	*nfd = 0;
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	do
		n = recvmsg(sock, &mh, flags | MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return (int)n;
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET ||
		    c->cmsg_type != SCM_RIGHTS || c->cmsg_len < CMSG_LEN(0))
			continue;
		cnt = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (k = 0; k < (int)cnt; k++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + k * sizeof(int),
			    sizeof(int));
			if (got < max && got < MK_NFD)
				fds[got++] = fd;
			else {
				close(fd);
				bad = 1;
			}
		}
	}
	if (bad || (size_t)n != len || (mh.msg_flags & (MSG_TRUNC |
	    MSG_CTRUNC))) {
		while (got > 0)
			close(fds[--got]);
		errno = EBADMSG;
		return -1;
	}
	*nfd = got;
	return 1;
}

static void __attribute__((noreturn))
maker_main(const struct sbx_conf *conf, int sock, pid_t spawner)
{
	struct mk_req	 rq;
	struct mk_rep	 rp;
	struct sbx_pre	 pre;
	int		 in[CG_NCTL], nin, out[MK_NFD], nout, cgdir, ncg;

	(void)prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	(void)prctl(PR_SET_NAME, "sandbox-maker", 0, 0, 0);
	if (getppid() != spawner)
		_exit(0);
	for (;;) {
		if (mk_recv(sock, 0, &rq, sizeof(rq), in, CG_NCTL, &nin) != 1)
			_exit(0);
		memset(&rp, 0, sizeof(rp));
		rp.seq = rq.seq;
		pre_clear(&pre);
		cgdir = -1;
		ncg = 0;
		if (conf->st->cg.version == 2 && nin == 1)
			cgdir = in[0];
		else if (conf->st->cg.version != 2 && nin > 0)
			ncg = nin;
		nout = 0;
		if (cgdir == -1 && ncg == 0)
			snprintf(rp.err, sizeof(rp.err), "maker: no cgroup");
		else if (pre_clone(conf, NULL, NULL, cgdir, in, ncg,
		    CLONE_PARENT, &pre, rp.err, sizeof(rp.err)) == 0) {
			rp.ok = 1;
			out[nout++] = pre.pidfd;
			out[nout++] = pre.ctl;
			out[nout++] = pre.out_r;
			out[nout++] = pre.err_r;
			if (pre.mntns != -1)
				out[nout++] = pre.mntns;
		} else {
			/* the spawner, its parent, kills and reaps it */
			if (pre.pidfd != -1)
				out[nout++] = pre.pidfd;
			if (pre.mntns != -1)
				close(pre.mntns);
		}
		if (nout > 0)
			rp.pid = pre.pid;
		rp.nfd = (uint32_t)nout;
		if (sbx_send_fds(sock, &rp, sizeof(rp), out,
		    (size_t)nout) == -1)
			_exit(1);
		while (nout > 0)
			close(out[--nout]);
		while (nin > 0)
			close(in[--nin]);
	}
}

static void	maker_cb(int, short, void *);

static int
maker_start(const struct sbx_conf *conf, struct sbx_pool *pool)
{
	struct sbx_clone_args	 ca;
	int			 sv[2], pidfd = -1, keep[1];
	pid_t			 pid, self = getpid();

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PIDFD;
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	/* none, so that its CLONE_PARENT children send none either */
	ca.exit_signal = 0;
	if ((pid = syscall(SYS_clone3, &ca, sizeof(ca))) == -1) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		keep[0] = sv[1];
		close_others(keep, 1);
		maker_main(conf, sv[1], self);
	}
	close(sv[1]);
	pool->mk = sv[0];
	pool->mk_pidfd = pidfd;
	pool->mk_pid = pid;
	if ((pool->ev_mk = event_new(pool->base, pool->mk,
	    EV_READ | EV_PERSIST, maker_cb, pool)) == NULL ||
	    event_add(pool->ev_mk, NULL) == -1)
		return -1;
	return 0;
}

/* The maker is gone, or must go: the spawner makes refills itself. */
static void
maker_stop(struct sbx_pool *pool)
{
	if (pool->ev_mk != NULL) {
		event_free(pool->ev_mk);
		pool->ev_mk = NULL;
	}
	if (pool->mk != -1) {
		close(pool->mk);
		pool->mk = -1;
	}
	pidfd_reap(&pool->mk_pidfd);
	pool->mk_pid = 0;
	while (pool->making > 0) {
		pre_destroy(&pool->mkq[pool->mkhead]);
		pool->mkhead = (pool->mkhead + 1) % MK_QUEUE;
		pool->making--;
	}
}

static void
maker_cb(int fd, short ev, void *arg)
{
	struct sbx_pool	*pool = arg;
	struct mk_rep	 rp;
	struct sbx_pre	 pre;
	struct timeval	 tv = { 0, 0 };
	int		 fds[MK_NFD], nfd, r, k;

	if ((r = mk_recv(fd, MSG_DONTWAIT, &rp, sizeof(rp), fds, MK_NFD,
	    &nfd)) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return;
	if (r != 1 || pool->making == 0 ||
	    rp.seq != pool->mkseq - (uint32_t)pool->making + 1) {
		for (k = 0; k < nfd; k++)
			close(fds[k]);
		maker_stop(pool);
		evtimer_add(pool->ev_refill, &tv);
		return;
	}
	pre = pool->mkq[pool->mkhead];
	pre_clear(&pool->mkq[pool->mkhead]);
	pool->mkhead = (pool->mkhead + 1) % MK_QUEUE;
	pool->making--;
	if (rp.ok && rp.pid > 0 && nfd >= 4) {
		pre.pid = rp.pid;
		pre.pidfd = fds[0];
		pre.ctl = fds[1];
		pre.out_r = fds[2];
		pre.err_r = fds[3];
		pre.mntns = nfd > 4 ? fds[4] : -1;
		pool->made_maker++;
		if (pool->n < pool->target)
			pool->pre[pool->n++] = pre;
		else
			pre_destroy(&pre);
	} else {
		/* a child it made is ours to kill and reap */
		if (rp.pid > 0 && nfd >= 1) {
			pre.pid = rp.pid;
			pre.pidfd = fds[0];
			k = 1;
		} else
			k = 0;
		for (; k < nfd; k++)
			close(fds[k]);
		pre_destroy(&pre);
		tv.tv_sec = 1;		/* try again later, never spin */
	}
	if (pool->n + pool->making < pool->target)
		evtimer_add(pool->ev_refill, &tv);
}

/* Ask the maker for one more entry. */
static int
maker_ask(const struct sbx_conf *conf, struct sbx_pool *pool,
    const struct cg_limits *cl, char *err, size_t errlen)
{
	struct sbx_pre	*pre;
	struct mk_req	 rq;
	int		 cgfd[CG_NCTL], ncg = 0, rv = -1;

	pre = &pool->mkq[(pool->mkhead + pool->making) % MK_QUEUE];
	pre_clear(pre);
	if (pre_cgroup(conf, NULL, cl, pre, cgfd, &ncg, err, errlen) == -1) {
		pre_destroy(pre);
		goto out;
	}
	if (conf->st->cg.version == 2)
		cgfd[ncg++] = pre->cg.dirfd;
	rq.seq = pool->mkseq + 1;
	rq.nfd = (uint32_t)ncg;
	if (sbx_send_fds(pool->mk, &rq, sizeof(rq), cgfd,
	    (size_t)ncg) == -1) {
		snprintf(err, errlen, "maker: %s", strerror(errno));
		pre_destroy(pre);
		maker_stop(pool);
		goto out;
	}
	pool->mkseq++;
	pool->making++;
	rv = 0;
 out:
	/* the v2 dir fd stays the cgroup's own */
	if (conf->st->cg.version == 2 && ncg > 0)
		ncg--;
	while (ncg > 0)
		close(cgfd[--ncg]);
	return rv;
}

/*
 * Is a waiting pool entry still alive?  One that died (the OOM killer,
 * kill(1) by hand) is reaped here, so that it is neither left a zombie
 * nor handed a request that would then fail.
 */
static int
pre_alive(struct sbx_pre *pre)
{
	siginfo_t	 si;

	memset(&si, 0, sizeof(si));
	return (pre->pidfd != -1 && waitid(P_PIDFD, pre->pidfd, &si,
	    WEXITED | WNOHANG | __WALL) == 0 && si.si_pid == 0);
}

/* Drop the entries that died while they waited; how many did. */
static int
pool_sweep(struct sbx_pool *pool)
{
	int		 i = 0, gone = 0;

	while (i < pool->n) {
		if (pre_alive(&pool->pre[i])) {
			i++;
			continue;
		}
		pre_destroy(&pool->pre[i]);
		pool->pre[i] = pool->pre[--pool->n];
		gone++;
	}
	if (gone > 0)
		log_warnx("sandbox pool: %d waiting sandbox%s died, replaced",
		    gone, gone == 1 ? "" : "es");
	return gone;
}

#define POOL_SWEEP_S	5

static void
pool_sweep_cb(int fd, short ev, void *arg)
{
	struct sbx_pool	*pool = arg;
	struct timeval	 tv = { POOL_SWEEP_S, 0 }, now = { 0, 0 };

	if (pool_sweep(pool) > 0)
		evtimer_add(pool->ev_refill, &now);
	evtimer_add(pool->ev_sweep, &tv);
}

static void
pool_refill_cb(int fd, short ev, void *arg)
{
	struct sbx_conf	*conf = arg;
	struct sbx_pool	*pool = conf->st->pool;
	struct cg_limits cl;
	char		 e[256];
	struct timeval	 tv = { 0, 0 };

	if (pool == NULL || pool->n >= pool->target)
		return;
	pool_limits(conf, &cl);
	if (pool->mk != -1) {
		/* one being made, one next; maker_cb() asks for more */
		while (pool->n + pool->making < pool->target &&
		    pool->making < MK_QUEUE)
			if (maker_ask(conf, pool, &cl, e, sizeof(e)) == -1)
				break;
		if (pool->making > 0 || pool->n >= pool->target)
			return;
		if (pool->mk != -1) {
			tv.tv_sec = 1;
			evtimer_add(pool->ev_refill, &tv);
			return;
		}
		/* the maker is gone: make it here */
	}
	if (pre_make(conf, NULL, NULL, &cl, &pool->pre[pool->n], e,
	    sizeof(e)) == -1) {
		/* try again later, never spin */
		tv.tv_sec = 1;
		evtimer_add(pool->ev_refill, &tv);
		return;
	}
	pool->n++;
	pool->made_here++;
	/* one at a time, so a spawn never waits behind a whole refill */
	if (pool->n < pool->target)
		evtimer_add(pool->ev_refill, &tv);
}

int
sbx_pool(struct sbx_conf *conf, struct event_base *base, int n, char *err,
    size_t errlen)
{
	struct sbx_pool	*pool;
	struct cg_limits cl;
	struct timeval	 tv = { 1, 0 };

	if (conf->st == NULL || n < 0 || n > SBX_POOL_MAX) {
		snprintf(err, errlen, "pool size must be 0..%d", SBX_POOL_MAX);
		return -1;
	}
	if ((pool = conf->st->pool) == NULL) {
		if ((pool = calloc(1, sizeof(*pool))) == NULL) {
			snprintf(err, errlen, "%s", strerror(errno));
			return -1;
		}
		pool->base = base;
		pool->mk = pool->mk_pidfd = -1;
		if ((pool->ev_refill = evtimer_new(base, pool_refill_cb,
		    conf)) == NULL || (pool->ev_sweep = evtimer_new(base,
		    pool_sweep_cb, pool)) == NULL) {
			if (pool->ev_refill != NULL)
				event_free(pool->ev_refill);
			free(pool);
			snprintf(err, errlen, "evtimer_new failed");
			return -1;
		}
		conf->st->pool = pool;
		tv.tv_sec = POOL_SWEEP_S;
		evtimer_add(pool->ev_sweep, &tv);
		tv.tv_sec = 1;
	}
	pool->target = n;
	/* emptied cgroups kept for reuse: the pool's and a few more */
	cg_spares(&conf->st->cg, n + CG_SPARE_DEFAULT);
	pool_limits(conf, &cl);
	while (pool->n > n)
		pre_destroy(&pool->pre[--pool->n]);
	/* the first fill now, refills from the event loop */
	while (pool->n < n) {
		if (pre_make(conf, NULL, NULL, &cl, &pool->pre[pool->n], err,
		    errlen) == -1) {
			evtimer_add(pool->ev_refill, &tv);
			return -1;
		}
		pool->n++;
		pool->made_here++;
	}
	/* without a maker the spawner makes refills itself */
	if (n > 0 && pool->mk == -1 && maker_start(conf, pool) == -1)
		maker_stop(pool);
	return 0;
}

void
sbx_pool_kill(struct sbx_conf *conf)
{
	struct sbx_pool	*pool = conf->st ? conf->st->pool : NULL;
	int		 i;

	if (pool == NULL)
		return;
	if (pool->mk != -1) {
		close(pool->mk);
		pool->mk = -1;
	}
	pidfd_reap(&pool->mk_pidfd);
	pool->mk_pid = 0;
	for (i = 0; i < pool->n; i++)
		pidfd_reap(&pool->pre[i].pidfd);
}

void
sbx_pool_info(const struct sbx_conf *conf, struct sbx_pool_info *pi)
{
	const struct sbx_pool *pool = conf->st ? conf->st->pool : NULL;

	memset(pi, 0, sizeof(*pi));
	if (pool == NULL)
		return;
	pi->target = pool->target;
	pi->ready = pool->n;
	pi->making = pool->making;
	pi->maker = pool->mk_pid;
	pi->made_maker = pool->made_maker;
	pi->made_here = pool->made_here;
}

static void
pool_free(struct sbx_state *st)
{
	struct sbx_pool	*pool = st->pool;
	struct pollfd	 pfd;

	if (pool == NULL)
		return;
	/* entries on their way are the spawner's children: take them */
	while (pool->making > 0 && pool->mk != -1) {
		pfd.fd = pool->mk;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 2000) != 1)
			break;
		maker_cb(pool->mk, EV_READ, pool);
	}
	maker_stop(pool);
	while (pool->n > 0)
		pre_destroy(&pool->pre[--pool->n]);
	event_free(pool->ev_refill);
	event_free(pool->ev_sweep);
	free(pool);
	st->pool = NULL;
}

struct sbx *
sbx_spawn(struct event_base *base, const struct sbx_conf *conf,
    const struct sbx_req *req, int out_fd, int err_fd,
    void (*done)(struct sbx *, const struct sbx_result *, void *),
    void *arg, char *err, size_t errlen)
{
	struct sbx_state	*st = conf->st;
	struct sbx		*s = NULL;
	struct sbx_plan		 plan;
	struct sbx_pre		 pre;
	struct cg_limits	 cl;
	static char *const	 defenv[] = { "PATH=/usr/local/bin:/usr/bin:"
	    "/bin:/usr/sbin:/sbin", "HOME=/work", "USER=sandbox",
	    "LOGNAME=sandbox", "LANG=C.UTF-8", "TMPDIR=/tmp", NULL };
	char *const		*env;
	const char		*rest;
	int			 k, pooled = 0;
	size_t			 i, n;
	uint64_t		 secret_bytes;
	struct timeval		 tv;
	struct timespec		 t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&plan, 0, sizeof(plan));
	plan.wsfd = plan.wsroot = -1;
	pre_clear(&pre);
	if (st == NULL) {
		snprintf(err, errlen, "sbx_init was not called");
		goto fail;
	}
	if (check_req(conf, req, &secret_bytes, err, errlen) == -1)
		goto fail;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		goto fail;
	}
	s->base = base;
	s->conf = conf;
	s->t0 = t0;
	s->pidfd = s->ctl = s->notify = s->mntns = -1;
	s->pipe_r[0] = s->pipe_r[1] = -1;
	s->ofd[0] = out_fd;
	s->ofd[1] = err_fd;
	s->nsink = out_fd == err_fd ? 1 : 2;
	s->done = done;
	s->arg = arg;
	s->filter = req->filter;
	s->filter_arg = req->filter_arg;
	s->cg.dirfd = -1;
	out_fd = err_fd = -1;		/* owned by s now */
	resolve_limits(conf, &req->lim, &s->lim);
	cg_limits_of(conf, &s->lim, &cl);
	env = req->envp != NULL ? req->envp : defenv;

	/*
	 * Pre-made sandboxes have their own network namespace, and have
	 * left the host's file system but for a copy of the workspaces'
	 * directory (see prepare() in sbxchild.c).
	 */
	/* the entry a request would get must be alive (pre_alive()) */
	while (st->pool != NULL && st->pool->n > 0 &&
	    !pre_alive(&st->pool->pre[st->pool->n - 1])) {
		pre_destroy(&st->pool->pre[--st->pool->n]);
		log_warnx("sandbox pool: a waiting sandbox died, replaced");
	}
	if (st->pool != NULL && st->pool->n > 0 && req->net == SBX_NET_NONE &&
	    (req->workspace == NULL || (conf->wsroot != NULL &&
	    (rest = sbx_path_after(req->workspace, conf->wsroot)) != NULL &&
	    *rest != '\0'))) {
		/* a pre-made sandbox: set its limits, hand it the request */
		pre = st->pool->pre[--st->pool->n];
		/*
		 * Making a sandbox takes a core for a millisecond: do it
		 * when this one is over (pool_kick), not while it starts,
		 * unless the pool is empty or the run goes on for long.
		 */
		if (!evtimer_pending(st->pool->ev_refill, NULL)) {
			tv.tv_sec = 0;
			tv.tv_usec = st->pool->n == 0 ? 0 : 20000;
			evtimer_add(st->pool->ev_refill, &tv);
		}
		if (cg_limit(&pre.cg, &cl, err, errlen) == -1 ||
		    pre_send(&pre, req, &s->lim, env, err, errlen) == -1) {
			pre_destroy(&pre);
			goto fail;
		}
		pooled = 1;
	}
	if (!pooled) {
		plan.conf = conf;
		plan.req = req;
		plan.lim = s->lim;
		plan.stdin_fd = req->stdin_fd;
		/* environment: room for one variable per secret */
		for (n = 0; env[n] != NULL; n++)
			;
		if ((plan.envp = calloc(n + req->nsecrets + 1,
		    sizeof(char *))) == NULL) {
			snprintf(err, errlen, "%s", strerror(errno));
			goto fail;
		}
		for (i = 0; i < n; i++)
			plan.envp[i] = env[i];
		plan.nenv = n;
		sbx_plan_opts(&plan, secret_bytes);
		if (pre_make(conf, &plan, req, &cl, &pre, err, errlen) == -1)
			goto fail;
		free(plan.envp);
		plan.envp = NULL;
	}

	s->pid = pre.pid;
	s->pidfd = pre.pidfd;
	s->mntns = pre.mntns;
	s->ctl = pre.ctl;
	s->pipe_r[0] = pre.out_r;
	s->pipe_r[1] = pre.err_r;
	s->cg = pre.cg;
	pre.pidfd = pre.ctl = pre.out_r = pre.err_r = pre.mntns = -1;
	pre.cg.made = 0;
	pre.cg.dirfd = -1;
	if (set_nonblock(s->pipe_r[0]) == -1 ||
	    set_nonblock(s->pipe_r[1]) == -1 || set_nonblock(s->ctl) == -1)
		goto fail_events;
	for (k = 0; k < s->nsink; k++)
		if (set_nonblock(s->ofd[k]) == -1)
			s->sink_dead[k] = 1;

	if ((s->ev_pid = event_new(base, s->pidfd, EV_READ | EV_PERSIST,
	    pid_cb, s)) == NULL ||
	    (s->ev_ctl = event_new(base, s->ctl, EV_READ | EV_PERSIST, ctl_cb,
	    s)) == NULL ||
	    (s->ev_notify = event_new(base, -1, 0, NULL, NULL)) == NULL ||
	    (s->ev_wall = evtimer_new(base, wall_cb, s)) == NULL ||
	    (s->ev_cpu = evtimer_new(base, cpu_cb, s)) == NULL ||
	    (s->ev_flush = evtimer_new(base, flush_cb, s)) == NULL ||
	    (s->ev_finish = evtimer_new(base, finish_cb, s)) == NULL)
		goto fail_events;
	for (k = 0; k < 2; k++) {
		if ((s->ev_pipe[k] = event_new(base, s->pipe_r[k],
		    EV_READ | EV_PERSIST, pipe_cb, s)) == NULL ||
		    (s->obuf[k] = evbuffer_new()) == NULL)
			goto fail_events;
		if (k < s->nsink && (s->ev_ofd[k] = event_new(base, s->ofd[k],
		    EV_WRITE, ofd_cb, s)) == NULL)
			goto fail_events;
	}
	event_add(s->ev_pid, NULL);
	event_add(s->ev_ctl, NULL);
	event_add(s->ev_pipe[0], NULL);
	event_add(s->ev_pipe[1], NULL);
	tv.tv_sec = s->lim.wall_ms / 1000;
	tv.tv_usec = (s->lim.wall_ms % 1000) * 1000;
	evtimer_add(s->ev_wall, &tv);
	/* the budget cannot be spent faster than cpu_pct allows */
	s->cpu_ival_ms = s->lim.cpu_ms / 4;
	if (s->cpu_ival_ms < 20)
		s->cpu_ival_ms = 20;
	if (s->cpu_ival_ms > 250)
		s->cpu_ival_ms = 250;
	{
		uint64_t par = conf->cpu_pct ? (conf->cpu_pct + 99) / 100 :
		    (uint64_t)st->ncpu;
		uint64_t first = s->lim.cpu_ms / (par ? par : 1);

		tv.tv_sec = first / 1000;
		tv.tv_usec = (first % 1000) * 1000;
		evtimer_add(s->ev_cpu, &tv);
	}
	return s;

 fail_events:
	snprintf(err, errlen, "event setup: %s", strerror(errno));
	pre.pidfd = s->pidfd;
	s->pidfd = -1;
	pre_destroy(&pre);
 fail:
	free(plan.envp);
	if (s == NULL) {
		if (out_fd != -1)
			close(out_fd);
		if (err_fd != -1 && err_fd != out_fd)
			close(err_fd);
		return NULL;
	}
	cg_destroy(&s->cg);
	sbx_free(s);
	return NULL;
}
