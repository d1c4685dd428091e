/*
 * The seccomp policy for sandboxed programs, and the tiny allowlist of
 * the sandbox's own init.
 *
 * The sandboxed program runs arbitrary code, so its filter is a deny
 * list on top of what the namespaces, the dropped capabilities and the
 * unprivileged uid already refuse: it closes the kernel interfaces that
 * are reachable without privilege and have a history of exploits, and
 * the ones that would let the program see or change the namespaces it
 * is in.  Two kinds of refusal:
 *
 *  - "kill": the call is an attack or a probe no honest program makes
 *    (ptrace, mount, bpf, kexec, TIOCSTI, ...).  The action is
 *    SCMP_ACT_NOTIFY: the call blocks, the spawner reads the
 *    notification, learns the syscall's name and kills the sandbox
 *    (reason "seccomp", result.syscall = the name).  If the spawner is
 *    gone the kernel fails the call with ENOSYS: never executed.
 *  - "refuse": an errno that makes ordinary programs fall back (clone3
 *    -> ENOSYS so libc uses clone, whose flags can be checked; io_uring
 *    -> ENOSYS; unshare -> EPERM; raw sockets -> EPERM, ...).
 *
 * The sandbox also inherits the spawner's filter, and of stacked
 * filters the kernel takes the strictest action (KILL_PROCESS > TRAP >
 * ERRNO > USER_NOTIF > ALLOW; on a tie, the newest filter's).  So the
 * spawner's filter must not kill what this one refuses:
 * sbx_seccomp_refusals() gives the spawner these lists, and its filter
 * answers a kill call it does not allow with a notification of its own
 * (whose listener it closes, so it gets ENOSYS itself), which ties with
 * ours, and a refuse call with the same errno as ours.
 *
 * Foreign ABIs (i386 int 0x80, x32) are killed outright by the
 * architecture check (SIGSYS, reason "seccomp").
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <errno.h>
#include <stddef.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/netlink.h>
#include <seccomp.h>

#include "confine.h"
#include "sbxint.h"

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP	0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

/* Calls that end the sandbox with reason "seccomp". */
static const char *kill_calls[] = {
	"ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd",
	"process_madvise",
	"mount", "umount2", "pivot_root", "move_mount", "open_tree",
	"fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
	"setns", "bpf", "kexec_load", "kexec_file_load", "init_module",
	"finit_module", "delete_module", "reboot", "swapon", "swapoff",
	"acct", "open_by_handle_at", "lookup_dcookie", "quotactl",
	"quotactl_fd", "iopl", "ioperm", "uselib", "vhangup",
	"settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
	"sethostname", "setdomainname", "chroot",
	NULL
};

struct refuse {
	const char	*name;
	int		 err;
};

/* Calls refused with an errno ordinary programs handle. */
static const struct refuse refuse_calls[] = {
	{ "clone3", ENOSYS },
	{ "unshare", EPERM },
	{ "io_uring_setup", ENOSYS },
	{ "io_uring_enter", ENOSYS },
	{ "io_uring_register", ENOSYS },
	{ "userfaultfd", EPERM },
	{ "perf_event_open", EACCES },
	{ "keyctl", ENOSYS },
	{ "add_key", ENOSYS },
	{ "request_key", ENOSYS },
	{ "syslog", EPERM },
	{ "name_to_handle_at", EOPNOTSUPP },
	{ "fanotify_init", EPERM },
	{ "nfsservctl", ENOSYS },
	{ NULL, 0 }
};

static int
add(scmp_filter_ctx ctx, uint32_t action, const char *name,
    unsigned int n, const struct scmp_arg_cmp *cmp, char *err,
    size_t errlen)
{
	int	 nr, r;

	if ((nr = seccomp_syscall_resolve_name(name)) == __NR_SCMP_ERROR) {
		/* not on this architecture: nothing to filter */
		return 0;
	}
	if ((r = seccomp_rule_add_array(ctx, action, nr, n, cmp)) < 0) {
		snprintf(err, errlen, "seccomp rule %s: %s", name,
		    strerror(-r));
		return -1;
	}
	return 0;
}

static int
export(scmp_filter_ctx ctx, struct sock_fprog *out, char *err,
    size_t errlen)
{
	int	 fd, r;
	off_t	 len;
	void	*buf;

	if ((fd = memfd_create("sbx-bpf", MFD_CLOEXEC)) == -1) {
		snprintf(err, errlen, "memfd_create: %s", strerror(errno));
		return -1;
	}
	if ((r = seccomp_export_bpf(ctx, fd)) < 0) {
		snprintf(err, errlen, "seccomp_export_bpf: %s", strerror(-r));
		close(fd);
		return -1;
	}
	len = lseek(fd, 0, SEEK_END);
	if (len <= 0 || len % sizeof(struct sock_filter) != 0 ||
	    len / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		snprintf(err, errlen, "seccomp program of %lld bytes",
		    (long long)len);
		close(fd);
		return -1;
	}
	if ((buf = malloc(len)) == NULL ||
	    pread(fd, buf, len, 0) != len) {
		snprintf(err, errlen, "reading seccomp program: %s",
		    strerror(errno));
		free(buf);
		close(fd);
		return -1;
	}
	close(fd);
	out->len = len / sizeof(struct sock_filter);
	out->filter = buf;
	return 0;
}

static int
build_payload(struct sock_fprog *out, char *err, size_t errlen)
{
	scmp_filter_ctx	 ctx;
	struct scmp_arg_cmp c[2];
	const uint64_t	 nsflags[] = { CLONE_NEWNS, CLONE_NEWUTS,
	    CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
	    CLONE_NEWCGROUP };
	const int	 inet[] = { AF_INET, AF_INET6 };
	size_t		 i;
	int		 af, r, rv = -1;

	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL) {
		snprintf(err, errlen, "seccomp_init failed");
		return -1;
	}
	/* only the native x86_64 (or whatever we are) ABI */
	if ((r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS)) < 0 ||
	    (r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)) < 0) {
		snprintf(err, errlen, "seccomp_attr_set: %s", strerror(-r));
		goto out;
	}

	for (i = 0; kill_calls[i] != NULL; i++)
		if (add(ctx, SCMP_ACT_NOTIFY, kill_calls[i], 0, NULL, err,
		    errlen) == -1)
			goto out;
	for (i = 0; refuse_calls[i].name != NULL; i++)
		if (add(ctx, SCMP_ACT_ERRNO(refuse_calls[i].err),
		    refuse_calls[i].name, 0, NULL, err, errlen) == -1)
			goto out;

	/* clone with any namespace flag: EPERM (clone3 is ENOSYS above) */
	for (i = 0; i < sizeof(nsflags) / sizeof(nsflags[0]); i++) {
		c[0] = SCMP_A0(SCMP_CMP_MASKED_EQ, nsflags[i], nsflags[i]);
		if (add(ctx, SCMP_ACT_ERRNO(EPERM), "clone", 1, c, err,
		    errlen) == -1)
			goto out;
	}

	/*
	 * TIOCSTI and TIOCLINUX compared on the low 32 bits only: the
	 * kernel truncates the request to an unsigned int, so a request
	 * with high bits set is the same ioctl (CVE-2019-10063).
	 */
	c[0] = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffULL, TIOCSTI);
	if (add(ctx, SCMP_ACT_NOTIFY, "ioctl", 1, c, err, errlen) == -1)
		goto out;
	c[0] = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffULL, TIOCLINUX);
	if (add(ctx, SCMP_ACT_NOTIFY, "ioctl", 1, c, err, errlen) == -1)
		goto out;

	/*
	 * Sockets: AF_UNIX, AF_INET, AF_INET6 and NETLINK_ROUTE only; no
	 * raw or packet sockets of any family.
	 */
	for (af = 0; af < AF_MAX; af++) {
		if (af == AF_UNIX || af == AF_INET || af == AF_INET6 ||
		    af == AF_NETLINK)
			continue;
		c[0] = SCMP_A0(SCMP_CMP_EQ, af, 0);
		if (add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), "socket", 1, c,
		    err, errlen) == -1 ||
		    add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), "socketpair", 1, c,
		    err, errlen) == -1)
			goto out;
	}
	c[0] = SCMP_A0(SCMP_CMP_GE, AF_MAX, 0);
	if (add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), "socket", 1, c, err,
	    errlen) == -1 ||
	    add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), "socketpair", 1, c, err,
	    errlen) == -1)
		goto out;
	c[0] = SCMP_A0(SCMP_CMP_EQ, AF_NETLINK, 0);
	c[1] = SCMP_A2(SCMP_CMP_NE, NETLINK_ROUTE, 0);
	if (add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), "socket", 2, c, err,
	    errlen) == -1)
		goto out;
	for (i = 0; i < 2; i++) {
		/* the type carries SOCK_NONBLOCK/SOCK_CLOEXEC: mask them */
		c[0] = SCMP_A0(SCMP_CMP_EQ, inet[i], 0);
		c[1] = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, SOCK_RAW);
		if (add(ctx, SCMP_ACT_ERRNO(EPERM), "socket", 2, c, err,
		    errlen) == -1)
			goto out;
		c[1] = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf, SOCK_PACKET);
		if (add(ctx, SCMP_ACT_ERRNO(EPERM), "socket", 2, c, err,
		    errlen) == -1)
			goto out;
	}
	if (export(ctx, out, err, errlen) == -1)
		goto out;
	rv = 0;
 out:
	seccomp_release(ctx);
	return rv;
}

/*
 * personality: only PER_LINUX (0) and the query 0xffffffff.  libseccomp
 * cannot put two comparisons on one argument, so this is a second,
 * hand-written filter stacked on the first (the kernel applies the
 * strictest answer of all filters).  The kernel reads the low 32 bits;
 * a value with high bits set is refused whatever its low bits say.
 */
#define ARG0_LO	(offsetof(struct seccomp_data, args[0]))
#define ARG0_HI	(offsetof(struct seccomp_data, args[0]) + 4)
static struct sock_filter personality_insns[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),	/* the first filter */
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_personality, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_HI),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LO),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 2, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffff, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & 0xffff)),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

/*
 * The sandbox's init only waits for its children and reports: anything
 * else it does is a sign that something took it over.
 */
static int
build_init(struct sock_fprog *out, char *err, size_t errlen)
{
	static const char *allow[] = {
		"wait4", "waitid", "write", "sendmsg", "sendto", "close",
		"exit", "exit_group", "rt_sigreturn", "rt_sigprocmask",
		"restart_syscall", "getpid", "kill", "clock_nanosleep",
		NULL
	};
	scmp_filter_ctx	 ctx;
	size_t		 i;
	int		 r, rv = -1;

	if ((ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL) {
		snprintf(err, errlen, "seccomp_init failed");
		return -1;
	}
	if ((r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS)) < 0 ||
	    (r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)) < 0) {
		snprintf(err, errlen, "seccomp_attr_set: %s", strerror(-r));
		goto out;
	}
	for (i = 0; allow[i] != NULL; i++)
		if (add(ctx, SCMP_ACT_ALLOW, allow[i], 0, NULL, err,
		    errlen) == -1)
			goto out;
	if (export(ctx, out, err, errlen) == -1)
		goto out;
	rv = 0;
 out:
	seccomp_release(ctx);
	return rv;
}

int
sbx_seccomp_build(struct sbx_state *st, char *err, size_t errlen)
{
	if (build_payload(&st->bpf_payload, err, errlen) == -1)
		return -1;
	if (build_init(&st->bpf_init, err, errlen) == -1)
		return -1;
	st->bpf_personality.len = sizeof(personality_insns) /
	    sizeof(personality_insns[0]);
	st->bpf_personality.filter = personality_insns;
	return 0;
}

void
sbx_seccomp_free(struct sbx_state *st)
{
	free(st->bpf_payload.filter);
	free(st->bpf_init.filter);
	st->bpf_payload.filter = st->bpf_init.filter = NULL;
}

int
sbx_seccomp_refusals(int *nr, size_t *nnr, struct confine_errno *soft,
    size_t *nsoft)
{
	size_t	 i, n;
	int	 k;

	for (i = n = 0; kill_calls[i] != NULL; i++) {
		if ((k = seccomp_syscall_resolve_name(kill_calls[i])) ==
		    __NR_SCMP_ERROR)
			continue;	/* not on this architecture */
		if (n >= *nnr)
			return -1;
		nr[n++] = k;
	}
	*nnr = n;
	for (i = n = 0; refuse_calls[i].name != NULL; i++) {
		if ((k = seccomp_syscall_resolve_name(refuse_calls[i].name)) ==
		    __NR_SCMP_ERROR)
			continue;
		if (n >= *nsoft)
			return -1;
		soft[n].nr = k;
		soft[n++].err = refuse_calls[i].err;
	}
	*nsoft = n;
	return 0;
}

/* "ptrace", or "arch 0x40000003 syscall 12" for what we cannot name. */
void
sbx_seccomp_name(uint32_t arch, int nr, char *buf, size_t len)
{
	char	*name;

	name = seccomp_syscall_resolve_num_arch(arch, nr);
	if (name != NULL) {
		strlcpy(buf, name, len);
		free(name);
	} else
		snprintf(buf, len, "syscall %d", nr);
}
