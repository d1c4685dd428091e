/*
 * Process confinement shared by every harness daemon.  The steps follow
 * the OpenBSD privsep order; on Linux the pledge is a libseccomp filter
 * with SCMP_ACT_KILL_PROCESS as its default action.
 */
#include <sys/types.h>
#include <sys/capability.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/stat.h>

#include <linux/securebits.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "confine.h"

const int confine_base_syscalls[] = {
	SYS_read, SYS_write, SYS_readv, SYS_writev, SYS_pread64,
	SYS_recvmsg, SYS_sendmsg, SYS_recvfrom, SYS_sendto,
	SYS_close, SYS_dup, SYS_dup3, SYS_fcntl, SYS_fstat, SYS_newfstatat,
	SYS_lseek, SYS_getdents64,
	SYS_epoll_create1, SYS_epoll_ctl, SYS_epoll_wait, SYS_epoll_pwait,
	SYS_poll, SYS_ppoll, SYS_select, SYS_pselect6,
	SYS_clock_gettime, SYS_gettimeofday, SYS_clock_nanosleep,
	SYS_nanosleep, SYS_time,
	SYS_getpid, SYS_gettid, SYS_getppid, SYS_getuid, SYS_geteuid,
	SYS_getgid, SYS_getegid, SYS_getresuid, SYS_getresgid,
	SYS_brk, SYS_mmap, SYS_munmap, SYS_mremap, SYS_madvise,
	SYS_mprotect,
	SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_rt_sigreturn,
	SYS_sigaltstack, SYS_restart_syscall,
	SYS_exit, SYS_exit_group, SYS_futex, SYS_getrandom,
	SYS_accept4, SYS_getsockopt, SYS_setsockopt, SYS_shutdown,
	SYS_getsockname, SYS_getpeername,
	SYS_pipe2, SYS_eventfd2, SYS_timerfd_create, SYS_timerfd_settime,
	SYS_umask, SYS_uname, SYS_sched_yield, SYS_sched_getaffinity,
	SYS_getrlimit, SYS_prlimit64, SYS_getrusage, SYS_sysinfo,
	SYS_kill, SYS_tgkill, SYS_rseq, SYS_set_robust_list, SYS_capget,
#ifdef HARNESS_SANITIZE
	/* What the ASan/UBSan runtime needs to report and to exit. */
	SYS_readlink, SYS_readlinkat, SYS_openat, SYS_open, SYS_prctl,
	SYS_mincore, SYS_sched_getparam, SYS_getcwd, SYS_pipe,
	SYS_arch_prctl, SYS_statx, SYS_stat,
#endif
};
const size_t confine_base_nsyscalls =
    sizeof(confine_base_syscalls) / sizeof(confine_base_syscalls[0]);

/* Refused everywhere: libc tries them harmlessly. */
const struct confine_errno confine_base_soft[] = {
	{ SYS_socket, EACCES },		/* syslog(3) reconnecting */
	{ SYS_connect, EACCES },
	{ SYS_access, EACCES },
	{ SYS_faccessat, EACCES },
	{ SYS_faccessat2, EACCES },
	{ SYS_ioctl, ENOTTY },		/* isatty(3) in stdio */
};
const size_t confine_base_nsoft =
    sizeof(confine_base_soft) / sizeof(confine_base_soft[0]);

/*
 * Refused in processes that have no business with files.  A process
 * whose allowlist names one of them (the sanitizer runtime's) keeps it:
 * confine_process() never soft-denies an allowed call.
 */
const struct confine_errno confine_nofile_soft[] = {
	{ SYS_open, EACCES },
	{ SYS_openat, EACCES },
	{ SYS_stat, EACCES },
	{ SYS_statx, EACCES },
	{ SYS_readlink, EACCES },
};
const size_t confine_nofile_nsoft =
    sizeof(confine_nofile_soft) / sizeof(confine_nofile_soft[0]);

static int	 confined_seccomp;	/* filter loaded by us */
static int	 confined_nnp;

#define SYSNAME_MAX	512
#define SYSNAME_LEN	24
/* Filled before the filter is loaded: the SIGSYS handler cannot malloc. */
static char	 sysnames[SYSNAME_MAX][SYSNAME_LEN];

static void
sigsys_debug(int sig, siginfo_t *si, void *uctx)
{
	ucontext_t	*uc = uctx;
	char		 buf[128];
	const char	*name = "?";
	int		 nr = si->si_syscall, len;

	if (nr >= 0 && nr < SYSNAME_MAX && sysnames[nr][0] != '\0')
		name = sysnames[nr];
	len = snprintf(buf, sizeof(buf), "seccomp: pid %d: syscall %s (%d) "
	    "not allowed; returning ENOSYS\n", (int)getpid(), name, nr);
	if (len > 0 && write(STDERR_FILENO, buf, (size_t)len) == -1)
		len = 0;
#if defined(__x86_64__)
	uc->uc_mcontext.gregs[REG_RAX] = -ENOSYS;
#else
	(void)uc;
#endif
	(void)sig;
}

int
confine_lookup_user(const char *user, uid_t *uid, gid_t *gid)
{
	struct passwd	*pw;
	const char	*errstr;
	long long	 n;

	if ((pw = getpwnam(user)) != NULL) {
		*uid = pw->pw_uid;
		*gid = pw->pw_gid;
		return 0;
	}
	n = strtonum(user, 1, 0x7fffffff, &errstr);
	if (errstr == NULL) {
		*uid = (uid_t)n;
		*gid = (gid_t)n;
		return 0;
	}
	return -1;
}

int
confine_lookup_group(const char *name, gid_t *gid)
{
	struct group	*gr;
	const char	*errstr;
	long long	 n;

	if ((gr = getgrnam(name)) != NULL) {
		*gid = gr->gr_gid;
		return 0;
	}
	n = strtonum(name, 0, 0x7fffffff, &errstr);
	if (errstr == NULL) {
		*gid = (gid_t)n;
		return 0;
	}
	return -1;
}

int
confine_raise_cap(int cap)
{
	cap_t		 caps;
	cap_value_t	 v = (cap_value_t)cap;
	int		 rv = -1;

	if ((caps = cap_get_proc()) == NULL)
		return -1;
	if (cap_set_flag(caps, CAP_EFFECTIVE, 1, &v, CAP_SET) == 0)
		rv = cap_set_proc(caps);
	cap_free(caps);
	return rv;
}

static int
kept(const struct confine *c, int cap)
{
	size_t	 i;

	for (i = 0; i < c->nkeep; i++)
		if (c->keep_caps[i] == cap)
			return 1;
	return 0;
}

/* On the allowlist, with or without an argument condition. */
static int
allowed(const struct confine *c, int nr)
{
	size_t	 i;

	for (i = 0; i < c->nsyscalls; i++)
		if (c->syscalls[i] == nr)
			return 1;
	for (i = 0; i < c->nargrules; i++)
		if (c->argrules[i].nr == nr)
			return 1;
	return 0;
}

static int
load_seccomp(const struct confine *c, char *err, size_t errlen)
{
	scmp_filter_ctx		 ctx;
	struct sigaction	 sa;
	size_t			 i, nnotify = 0;
	int			 rc, nr, lfd;
	char			*name;

	if (c->debug) {
		for (nr = 0; nr < SYSNAME_MAX; nr++) {
			name = seccomp_syscall_resolve_num_arch(
			    SCMP_ARCH_NATIVE, nr);
			if (name != NULL) {
				strlcpy(sysnames[nr], name, SYSNAME_LEN);
				free(name);
			}
		}
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = sigsys_debug;
		sa.sa_flags = SA_SIGINFO | SA_NODEFER;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGSYS, &sa, NULL) == -1) {
			snprintf(err, errlen, "sigaction SIGSYS: %s",
			    strerror(errno));
			return -1;
		}
	}

	ctx = seccomp_init(c->debug ? SCMP_ACT_TRAP : SCMP_ACT_KILL_PROCESS);
	if (ctx == NULL) {
		snprintf(err, errlen, "seccomp_init failed");
		return -1;
	}
	/* Other ABIs (i386, x32) take the default action. */
	if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS)) < 0)
		goto fail;

	for (i = 0; i < c->nsyscalls; i++)
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW,
		    c->syscalls[i], 0)) < 0)
			goto fail;
	for (i = 0; i < c->nargrules; i++) {
		const struct confine_argrule *r = &c->argrules[i];
		struct scmp_arg_cmp cmp;

		memset(&cmp, 0, sizeof(cmp));
		cmp.arg = r->arg;
		if (r->op == CONFINE_MASKED_EQ) {
			cmp.op = SCMP_CMP_MASKED_EQ;
			cmp.datum_a = r->mask;
			cmp.datum_b = r->value;
		} else {
			cmp.op = SCMP_CMP_EQ;
			cmp.datum_a = r->value;
		}
		if ((rc = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, r->nr,
		    1, &cmp)) < 0)
			goto fail;
	}
	/* An allowlisted call is not soft-denied or notified as well. */
	for (i = 0; i < c->nsoft; i++) {
		if (allowed(c, c->soft[i].nr))
			continue;
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(c->soft[i].err),
		    c->soft[i].nr, 0)) < 0)
			goto fail;
	}
	for (i = 0; i < c->nnotify; i++) {
		if (allowed(c, c->notify[i]))
			continue;
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY,
		    c->notify[i], 0)) < 0)
			goto fail;
		nnotify++;
	}
	if ((rc = seccomp_load(ctx)) < 0)
		goto fail;
	/*
	 * Close the listener before anything can fork: once its last fd is
	 * gone the kernel fails these calls with ENOSYS, and lets a
	 * descendant install a filter with a listener of its own, which it
	 * refuses (EBUSY) while one of an earlier filter is open.
	 */
	if (nnotify > 0 && (lfd = seccomp_notify_fd(ctx)) >= 0)
		close(lfd);
	seccomp_release(ctx);
	confined_seccomp = 2;
	return 0;
 fail:
	snprintf(err, errlen, "seccomp: %s", strerror(-rc));
	seccomp_release(ctx);
	return -1;
}

int
confine_process(const struct confine *c, char *err, size_t errlen)
{
	uid_t		 uid = 0;
	gid_t		 gid = 0;
	cap_t		 caps;
	cap_value_t	 keep[CAP_LAST_CAP + 1];
	int		 cap, nkeep = 0;

	if (c->user != NULL &&
	    confine_lookup_user(c->user, &uid, &gid) == -1) {
		snprintf(err, errlen, "unknown user %s", c->user);
		return -1;
	}

	/* While CAP_SETPCAP is still held: shrink the bounding set. */
	for (cap = 0; cap <= CAP_LAST_CAP; cap++) {
		if (kept(c, cap) || !CAP_IS_SUPPORTED(cap))
			continue;
		if (cap_drop_bound(cap) == -1 && errno != EINVAL) {
			snprintf(err, errlen, "cap_drop_bound %d: %s", cap,
			    strerror(errno));
			return -1;
		}
	}
	if (c->user == NULL) {
		/* Stay uid 0 but never regain capabilities from it. */
		if (prctl(PR_SET_SECUREBITS, SECBIT_NOROOT |
		    SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
		    SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED)
		    == -1) {
			snprintf(err, errlen, "PR_SET_SECUREBITS: %s",
			    strerror(errno));
			return -1;
		}
	}

	if (c->chroot != NULL) {
		if (chroot(c->chroot) == -1) {
			snprintf(err, errlen, "chroot %s: %s", c->chroot,
			    strerror(errno));
			return -1;
		}
		if (chdir("/") == -1) {
			snprintf(err, errlen, "chdir /: %s", strerror(errno));
			return -1;
		}
	}

	if (c->user != NULL) {
		if (c->nkeep > 0 && prctl(PR_SET_KEEPCAPS, 1) == -1) {
			snprintf(err, errlen, "PR_SET_KEEPCAPS: %s",
			    strerror(errno));
			return -1;
		}
		if (setgroups(1, &gid) == -1 ||
		    setresgid(gid, gid, gid) == -1 ||
		    setresuid(uid, uid, uid) == -1) {
			snprintf(err, errlen, "cannot drop privileges to %s: "
			    "%s", c->user, strerror(errno));
			return -1;
		}
		if (uid != 0 && (setuid(0) != -1 || seteuid(0) != -1)) {
			snprintf(err, errlen, "could regain root after "
			    "dropping to %s", c->user);
			return -1;
		}
	}

	for (cap = 0; cap <= CAP_LAST_CAP; cap++)
		if (kept(c, cap))
			keep[nkeep++] = (cap_value_t)cap;
	if ((caps = cap_init()) == NULL) {
		snprintf(err, errlen, "cap_init: %s", strerror(errno));
		return -1;
	}
	if (nkeep > 0 &&
	    ((!c->keep_latent && cap_set_flag(caps, CAP_EFFECTIVE, nkeep,
	    keep, CAP_SET) == -1) ||
	    cap_set_flag(caps, CAP_PERMITTED, nkeep, keep, CAP_SET) == -1)) {
		cap_free(caps);
		snprintf(err, errlen, "cap_set_flag: %s", strerror(errno));
		return -1;
	}
	if (cap_set_proc(caps) == -1) {
		cap_free(caps);
		snprintf(err, errlen, "cap_set_proc: %s", strerror(errno));
		return -1;
	}
	cap_free(caps);
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1 &&
	    errno != EINVAL) {
		snprintf(err, errlen, "clearing ambient capabilities: %s",
		    strerror(errno));
		return -1;
	}
	if (c->user != NULL && c->nkeep > 0)
		(void)prctl(PR_SET_KEEPCAPS, 0);

	/* Credential changes clear it, so set it only now. */
	if (c->pdeathsig != 0 &&
	    prctl(PR_SET_PDEATHSIG, c->pdeathsig, 0, 0, 0) == -1) {
		snprintf(err, errlen, "PR_SET_PDEATHSIG: %s", strerror(errno));
		return -1;
	}
	if (c->nodump && prctl(PR_SET_DUMPABLE, 0) == -1) {
		snprintf(err, errlen, "PR_SET_DUMPABLE: %s", strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		snprintf(err, errlen, "PR_SET_NO_NEW_PRIVS: %s",
		    strerror(errno));
		return -1;
	}
	confined_nnp = 1;
	return load_seccomp(c, err, errlen);
}

void
confine_self_report(struct confine_report *r)
{
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];

	/*
	 * prctl() is not on the allowlists, so what confine_process() did
	 * is what we report; harnessctl cross-checks /proc/PID/status.
	 */
	memset(r, 0, sizeof(*r));
	r->uid = geteuid();
	r->gid = getegid();
	r->seccomp = confined_seccomp;
	r->nnp = confined_nnp;
	memset(&hdr, 0, sizeof(hdr));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &hdr, data) == 0)
		r->capeff = (uint64_t)data[0].effective |
		    ((uint64_t)data[1].effective << 32);
}
