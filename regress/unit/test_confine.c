/*
 * Confinement helpers: each case runs in a forked child that confines
 * itself; the parent reads the child's /proc entries and exit status.
 */
#include <sys/types.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confine.h"
#include "../tap.h"

static char	 root[] = "/tmp/test_confine.XXXXXX";

/* What /proc/PID/status said about a child. */
struct seen {
	unsigned	 uid;
	int		 seccomp;
	int		 nnp;
	unsigned long long capeff;
	char		 rootlink[PATH_MAX];
};

static void
read_proc(pid_t pid, struct seen *s)
{
	char	 path[64], line[256];
	FILE	*f;
	ssize_t	 n;

	memset(s, 0, sizeof(*s));
	s->seccomp = -1;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		sscanf(line, "Uid:\t%*u\t%u", &s->uid);
		sscanf(line, "Seccomp:\t%d", &s->seccomp);
		sscanf(line, "NoNewPrivs:\t%d", &s->nnp);
		sscanf(line, "CapEff:\t%llx", &s->capeff);
	}
	fclose(f);
	snprintf(path, sizeof(path), "/proc/%d/root", (int)pid);
	if ((n = readlink(path, s->rootlink, sizeof(s->rootlink) - 1)) > 0)
		s->rootlink[n] = '\0';
}

/* What the test children call; under the sanitizers, theirs too. */
#ifdef HARNESS_SANITIZE
#define ALLOW_SAN \
	SYS_readlink, SYS_openat, SYS_prctl, SYS_sigaltstack, \
	SYS_getrlimit, SYS_prlimit64, SYS_mprotect, SYS_futex, \
	SYS_sched_yield, SYS_gettid, SYS_tgkill, SYS_madvise, \
	SYS_readlinkat, SYS_getppid, SYS_kill, SYS_pipe2, SYS_wait4, \
	SYS_clone, SYS_clone3, SYS_ptrace, SYS_sched_getaffinity, \
	SYS_mincore, SYS_lseek, SYS_dup2, SYS_fcntl,
#else
#define ALLOW_SAN
#endif
#define ALLOW_BASE \
	SYS_read, SYS_write, SYS_exit_group, SYS_exit, SYS_pause, \
	SYS_rt_sigreturn, SYS_getpid, SYS_close, SYS_brk, SYS_mmap, \
	SYS_munmap, SYS_fstat, SYS_newfstatat, SYS_rt_sigaction, \
	SYS_rt_sigprocmask, SYS_clock_nanosleep, SYS_nanosleep, \
	SYS_setuid, SYS_setresuid, ALLOW_SAN

static const int allow[] = { ALLOW_BASE };

/* The same and seccomp, to stack a filter. */
static const int allow_notify[] = { ALLOW_BASE SYS_seccomp };

static const struct confine_errno soft[] = {
	{ SYS_mkdir, EACCES },
	{ SYS_socket, EAFNOSUPPORT },
};

/*
 * Run body() in a child confined by c; the child writes one byte to the
 * pipe when confined, then body's result as its exit code.
 */
static int
run_child(const struct confine *c, int (*body)(void), struct seen *s,
    int *status, char *err, size_t errlen)
{
	int	 p[2], q[2];
	pid_t	 pid;
	char	 ch;
	ssize_t	 n;

	if (pipe(p) == -1 || pipe(q) == -1)
		return -1;
	if ((pid = fork()) == 0) {
		char	 e[256] = "";

		close(p[0]);
		close(q[1]);
		if (confine_process(c, e, sizeof(e)) == -1) {
			if (write(p[1], "E", 1) == -1 ||
			    write(p[1], e, strlen(e)) == -1)
				_exit(98);
			_exit(99);
		}
		if (write(p[1], "C", 1) == -1)
			_exit(97);
		/* Wait until the parent has looked at /proc. */
		if (read(q[0], &ch, 1) == -1)
			_exit(96);
		_exit(body());
	}
	close(p[1]);
	close(q[0]);
	n = read(p[0], &ch, 1);
	if (n == 1 && ch == 'C')
		read_proc(pid, s);
	else if (n == 1 && ch == 'E') {
		size_t	 off = 0;

		/* The message follows in another write: read to EOF. */
		while (off < errlen - 1 &&
		    (n = read(p[0], err + off, errlen - 1 - off)) > 0)
			off += (size_t)n;
		err[off] = '\0';
	}
	/* Lets a confined child go on; fails harmlessly if it is gone. */
	n = write(q[1], "x", 1);
	close(p[0]);
	close(q[1]);
	if (waitpid(pid, status, 0) == -1)
		TAP_DIAG("waitpid: %s", strerror(errno));
	return 0;
}

static int
body_ok(void)
{
	return 7;
}

static int
body_forbidden(void)
{
	/* Not on the list: the filter's default action kills us. */
	syscall(SYS_getuid);
	return 0;
}

static int
body_soft(void)
{
	if (syscall(SYS_mkdir, "/x", 0700) != -1 || errno != EACCES)
		return 1;
	if (socket(AF_INET, SOCK_STREAM, 0) != -1 || errno != EAFNOSUPPORT)
		return 2;
	return 0;
}

static int
body_debug(void)
{
	/* Trapped and logged; returns ENOSYS instead of killing. */
	if (syscall(SYS_getuid) != -1 || errno != ENOSYS)
		return 1;
	return 0;
}

/* A notify call that is also allowed stays allowed. */
static const int notify[] = { SYS_bpf, SYS_getpid };

static int
body_notify(void)
{
	struct sock_filter	 allow_all[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog	 prog = { 1, allow_all };
	long			 lfd;

	/*
	 * A filter stacked later may have a listener of its own (EBUSY
	 * while confine's is open, and then bpf below would block).
	 */
	lfd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (lfd < 0)
		return errno == EBUSY ? 3 : 4;
	close((int)lfd);
	/* Refused with ENOSYS (the listener is closed), not killed. */
	if (syscall(SYS_bpf, 0, 0, 0) != -1 || errno != ENOSYS)
		return 1;
	if (syscall(SYS_getpid) <= 0)
		return 2;
	return 0;
}

static int
body_regain(void)
{
	/* No way back to root. */
	if (setuid(0) == 0 || seteuid(0) == 0)
		return 1;
	return 0;
}

int
main(void)
{
	struct confine	 c;
	struct seen	 s;
	char		 err[512];
	int		 status;
	const int	 keep[] = { CAP_SETUID, CAP_KILL };
	uid_t		 nuid;
	gid_t		 ngid;

	signal(SIGPIPE, SIG_IGN);
	if (geteuid() != 0) {
		tap_skip("confinement", "needs root");
		return tap_done();
	}
	if (confine_lookup_user("nobody", &nuid, &ngid) == -1) {
		tap_skip("confinement", "no user nobody");
		return tap_done();
	}
	if (mkdtemp(root) == NULL || chmod(root, 0755) == -1) {
		perror("mkdtemp");
		return 1;
	}

	memset(&c, 0, sizeof(c));
	c.user = "nobody";
	c.chroot = root;
	c.syscalls = allow;
	c.nsyscalls = sizeof(allow) / sizeof(allow[0]);
	c.soft = soft;
	c.nsoft = sizeof(soft) / sizeof(soft[0]);
	c.nodump = 1;

	err[0] = '\0';
	run_child(&c, body_ok, &s, &status, err, sizeof(err));
	tap_ok(s.uid == nuid, "runs as the given user (uid %u)", s.uid);
	tap_ok(s.seccomp == 2, "Seccomp: 2");
	tap_ok(s.nnp == 1, "NoNewPrivs: 1");
	tap_ok(s.capeff == 0, "CapEff: 0");
	tap_ok(strcmp(s.rootlink, root) == 0, "chrooted to %s", s.rootlink);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	    "allowed syscalls work");

	run_child(&c, body_forbidden, &s, &status, err, sizeof(err));
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS,
	    "a syscall off the list kills the process (SIGSYS)");

	run_child(&c, body_soft, &s, &status, err, sizeof(err));
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "soft denies return their errno");

	run_child(&c, body_regain, &s, &status, err, sizeof(err));
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "cannot regain root");

	c.debug = 1;
	run_child(&c, body_debug, &s, &status, err, sizeof(err));
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "debug mode traps, logs and returns ENOSYS");
	c.debug = 0;

	c.syscalls = allow_notify;
	c.nsyscalls = sizeof(allow_notify) / sizeof(allow_notify[0]);
	c.notify = notify;
	c.nnotify = sizeof(notify) / sizeof(notify[0]);
	for (c.debug = 0; c.debug <= 1; c.debug++) {
		run_child(&c, body_notify, &s, &status, err, sizeof(err));
		tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "notify calls fail with ENOSYS, allowed ones stay, a "
		    "later filter may listen%s", c.debug ? " (debug)" : "");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			TAP_DIAG("status 0x%x", status);
	}
	c.debug = 0;
	c.notify = NULL;
	c.nnotify = 0;
	c.syscalls = allow;
	c.nsyscalls = sizeof(allow) / sizeof(allow[0]);

	/* Staying root with a few capabilities (the sandbox spawner). */
	c.user = NULL;
	c.chroot = NULL;
	c.keep_caps = keep;
	c.nkeep = 2;
	run_child(&c, body_ok, &s, &status, err, sizeof(err));
	tap_ok(s.uid == 0 && s.capeff == ((1ULL << CAP_SETUID) |
	    (1ULL << CAP_KILL)), "keeps exactly the listed capabilities "
	    "(CapEff %llx)", s.capeff);
	tap_ok(s.seccomp == 2 && s.nnp == 1, "root process still filtered");

	/* Errors are reported, not ignored. */
	c.keep_caps = NULL;
	c.nkeep = 0;
	c.user = "no-such-user-here";
	err[0] = '\0';
	run_child(&c, body_ok, &s, &status, err, sizeof(err));
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 99 &&
	    strstr(err, "unknown user") != NULL, "unknown user refused");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 99 || strstr(err, "unknown user") == NULL)
		TAP_DIAG("status %d err %s", status, err);
	c.user = "nobody";
	c.chroot = "/nonexistent/dir";
	err[0] = '\0';
	run_child(&c, body_ok, &s, &status, err, sizeof(err));
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 99 &&
	    strstr(err, "chroot") != NULL, "missing chroot refused");

	rmdir(root);
	return tap_done();
}
