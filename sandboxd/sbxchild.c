/*
 * The sandbox side: runs in the child created by clone3() with new
 * user, mount, pid, net, ipc and uts namespaces, as pid 1 of the new
 * pid namespace.  It builds the part of the root every run shares
 * (over SBX_STAGE), pivots into it where it can, and forks the
 * program's process (pid 2), which, with the request at hand (a pool
 * entry's waits for it), adds the run's mounts, confines itself and
 * runs the program.  The init confines itself at once and stays as a
 * minimal init: it reaps, reports the program's status and exits,
 * which makes the kernel kill whatever is left in the pid namespace.
 *
 * Everything here was prepared by the spawner before clone; no input
 * from the sandboxed program is read by this code.  Host paths are
 * reached only after the switch to the sandbox user, so the child can
 * never open more of the host than the sandbox user could.
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/mount.h>
#include <linux/securebits.h>
#include <linux/seccomp.h>

#include "sbxint.h"

#ifndef MOUNT_ATTR_RDONLY
#define MOUNT_ATTR_RDONLY	0x00000001
#define MOUNT_ATTR_NOSUID	0x00000002
#define MOUNT_ATTR_NODEV	0x00000004
#endif
#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE		1
#define OPEN_TREE_CLOEXEC	O_CLOEXEC
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH	0x00000004
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE		0x8000
#endif

struct sbx_mount_attr {
	uint64_t	 attr_set;
	uint64_t	 attr_clr;
	uint64_t	 propagation;
	uint64_t	 userns_fd;
};

extern char **environ;

static int child_ctl = -1;

static void fail(int, const char *, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/* Tell the spawner what went wrong (never a secret's value) and die. */
static void
fail(int type, const char *fmt, ...)
{
	struct sbx_msg	 m;
	va_list		 ap;
	int		 saved = errno;
	size_t		 l;

	memset(&m, 0, sizeof(m));
	m.type = type;
	va_start(ap, fmt);
	vsnprintf(m.text, sizeof(m.text), fmt, ap);
	va_end(ap);
	l = strlen(m.text);
	if (saved != 0)
		snprintf(m.text + l, sizeof(m.text) - l, ": %s",
		    strerror(saved));
	if (child_ctl != -1)
		(void)send(child_ctl, &m, sizeof(m), MSG_NOSIGNAL);
	_exit(type == SBX_MSG_EXEC_ERR ? 127 : 126);
}

#define FAIL(...)	fail(SBX_MSG_SETUP_ERR, __VA_ARGS__)
/* a secret that cannot be delivered; the request's working directory */
#define FAIL_SECRET(...) fail(SBX_MSG_SETUP_SECRET, __VA_ARGS__)
#define FAIL_CWD(...)	fail(SBX_MSG_SETUP_CWD, __VA_ARGS__)

static void	payload(struct sbx_plan *) __attribute__((noreturn));
static void	recv_request(int, struct sbx_plan *);
static void	init_loop(struct sbx_plan *, pid_t) __attribute__((noreturn));

static int
attr_recursive(const char *path, uint64_t set)
{
	struct sbx_mount_attr a;

	memset(&a, 0, sizeof(a));
	a.attr_set = set;
	return syscall(SYS_mount_setattr, AT_FDCWD, path, AT_RECURSIVE, &a,
	    sizeof(a));
}

/* Bind src (a host path) at dst read-only, nosuid, nodev, recursively. */
static void
bind_ro(const char *src, const char *dst)
{
	if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) == -1)
		FAIL("bind %s", src);
	if (attr_recursive(dst, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
	    MOUNT_ATTR_NODEV) == -1)
		FAIL("read-only %s", src);
}

static void
write_file(const char *path, const void *buf, size_t len, mode_t mode)
{
	const char	*p = buf;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, mode)) == -1)
		FAIL("create %s", path);
	while (len > 0) {
		if ((n = write(fd, p, len)) <= 0)
			FAIL("write %s", path);
		p += n;
		len -= n;
	}
	if (fchmod(fd, mode) == -1)
		FAIL("chmod %s", path);
	close(fd);
}

static void
mkdir_or_fail(const char *path, mode_t mode)
{
	if (mkdir(path, mode) == -1)
		FAIL("mkdir %s", path);
}

static void
touch(const char *path)
{
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0444)) == -1)
		FAIL("create %s", path);
	close(fd);
}

/*
 * A minimal /etc: our own passwd, group, hosts and hostname, the read-
 * only binds sbx_init chose, and with the host's network its resolver
 * configuration.
 */
static void
etc_files(const struct sbx_state *st, int hostnet)
{
	static const char passwd[] =
	    "root:x:0:0:root:/root:/usr/sbin/nologin\n"
	    "sandbox:x:1000:1000:sandbox:/work:/bin/sh\n"
	    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
	static const char group[] =
	    "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n";
	static const char hosts[] =
	    "127.0.0.1\tlocalhost sandbox\n::1\tlocalhost ip6-localhost\n";
	static const char nss[] =
	    "passwd: files\ngroup: files\nshadow: files\nhosts: files\n"
	    "networks: files\nprotocols: files\nservices: files\n";
	static const char nss_dns[] =
	    "passwd: files\ngroup: files\nshadow: files\n"
	    "hosts: files dns\nnetworks: files\nprotocols: files\n"
	    "services: files\n";
	struct stat sb;
	char	 src[64], dst[64];
	int	 i;

	mkdir_or_fail("etc", 0755);
	write_file("etc/passwd", passwd, sizeof(passwd) - 1, 0444);
	write_file("etc/group", group, sizeof(group) - 1, 0444);
	write_file("etc/hosts", hosts, sizeof(hosts) - 1, 0444);
	if (hostnet)
		write_file("etc/nsswitch.conf", nss_dns, sizeof(nss_dns) - 1,
		    0444);
	else
		write_file("etc/nsswitch.conf", nss, sizeof(nss) - 1, 0444);
	/* the file a resolv.conf symlink names; none if it is missing */
	if (hostnet && stat("/etc/resolv.conf", &sb) == 0 &&
	    S_ISREG(sb.st_mode)) {
		touch("etc/resolv.conf");
		bind_ro("/etc/resolv.conf", "etc/resolv.conf");
	}
	write_file("etc/hostname", "sandbox\n", 8, 0444);
	if (st->localtime[0] != '\0' &&
	    symlink(st->localtime, "etc/localtime") == -1)
		FAIL("symlink etc/localtime");
	for (i = 0; i < st->netc; i++) {
		snprintf(src, sizeof(src), "/etc/%s", st->etc[i]);
		snprintf(dst, sizeof(dst), "etc/%s", st->etc[i]);
		if (stat(src, &sb) == -1)
			continue;
		if (S_ISDIR(sb.st_mode))
			mkdir_or_fail(dst, 0755);
		else
			touch(dst);
		bind_ro(src, dst);
	}
}

static void
dev_files(void)
{
	static const char *nodes[] = { "null", "zero", "full", "random",
	    "urandom", NULL };
	static const char *links[][2] = {
		{ "/proc/self/fd", "dev/fd" },
		{ "/proc/self/fd/0", "dev/stdin" },
		{ "/proc/self/fd/1", "dev/stdout" },
		{ "/proc/self/fd/2", "dev/stderr" },
		{ NULL, NULL }
	};
	char	 src[32], dst[32];
	int	 i;

	mkdir_or_fail("dev", 0755);
	if (mount("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    "size=64k,nr_inodes=64,mode=0755") == -1)
		FAIL("mount /dev");
	for (i = 0; nodes[i] != NULL; i++) {
		snprintf(src, sizeof(src), "/dev/%s", nodes[i]);
		snprintf(dst, sizeof(dst), "dev/%s", nodes[i]);
		touch(dst);
		/* device nodes cannot be made in a user namespace: bind */
		if (mount(src, dst, NULL, MS_BIND, NULL) == -1)
			FAIL("bind %s", src);
	}
	for (i = 0; links[i][0] != NULL; i++)
		if (symlink(links[i][0], links[i][1]) == -1)
			FAIL("symlink %s", links[i][1]);
	mkdir_or_fail("dev/shm", 01777);
}

/*
 * /proc of the new pid namespace, with what container runtimes hide
 * masked or read-only.  Most of it is root-only on the host anyway;
 * this is a second wall.
 */
static void
proc_files(void)
{
	static const char *masked[] = { "proc/kcore", "proc/keys",
	    "proc/timer_list", "proc/sched_debug", "proc/latency_stats",
	    "proc/kallsyms", NULL };
	static const char *rodirs[] = { "proc/sys", "proc/sysrq-trigger",
	    "proc/bus", "proc/fs", "proc/irq", NULL };
	static const char *hidden[] = { "proc/acpi", "proc/scsi", NULL };
	int	 i;

	mkdir_or_fail("proc", 0555);
	if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL) == -1)
		FAIL("mount /proc");
	for (i = 0; masked[i] != NULL; i++)
		if (access(masked[i], F_OK) == 0 &&
		    mount("dev/null", masked[i], NULL, MS_BIND, NULL) == -1)
			FAIL("mask %s", masked[i]);
	for (i = 0; rodirs[i] != NULL; i++) {
		if (access(rodirs[i], F_OK) != 0)
			continue;
		if (mount(rodirs[i], rodirs[i], NULL, MS_BIND | MS_REC,
		    NULL) == -1 || attr_recursive(rodirs[i],
		    MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
		    MOUNT_ATTR_NODEV) == -1)
			FAIL("read-only %s", rodirs[i]);
	}
	for (i = 0; hidden[i] != NULL; i++)
		if (access(hidden[i], F_OK) == 0 && mount("tmpfs", hidden[i],
		    "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
		    "size=4k,nr_inodes=1,mode=0555") == -1)
			FAIL("hide %s", hidden[i]);
}

/* Read a sealed secret memfd: at most SBX_MAX_SECRET bytes. */
static char *
read_secret(const struct sbx_secret *s, size_t *lenp)
{
	struct stat	 sb;
	char		*buf;
	ssize_t		 n;

	if (fstat(s->memfd, &sb) == -1 || !S_ISREG(sb.st_mode))
		FAIL_SECRET("secret %s: not a memfd", s->name);
	if (sb.st_size < 0 || sb.st_size > SBX_MAX_SECRET) {
		errno = 0;
		FAIL_SECRET("secret %s: too large", s->name);
	}
	if ((buf = malloc(sb.st_size + 1)) == NULL)
		FAIL_SECRET("secret %s", s->name);
	n = pread(s->memfd, buf, sb.st_size, 0);
	if (n != sb.st_size)
		FAIL_SECRET("secret %s: short read", s->name);
	buf[n] = '\0';
	*lenp = n;
	return buf;
}

static int
has_file_secrets(const struct sbx_req *req)
{
	size_t	 i;

	for (i = 0; i < req->nsecrets; i++)
		if (req->secrets[i].file != NULL)
			return 1;
	return 0;
}

/* The secrets that are files: /run/secrets/NAME, mode 0400. */
static void
secret_files(struct sbx_plan *p)
{
	const struct sbx_req	*req = p->req;
	const struct sbx_secret	*s;
	char			 path[PATH_MAX], *val;
	size_t			 i, len;

	if (!has_file_secrets(req))
		return;
	mkdir_or_fail("run/secrets", 0500);
	for (i = 0; i < req->nsecrets; i++) {
		s = &req->secrets[i];
		if (s->file == NULL)
			continue;
		val = read_secret(s, &len);
		snprintf(path, sizeof(path), "run/secrets/%s", s->file);
		write_file(path, val, len, 0400);
		explicit_bzero(val, len);
		free(val);
	}
}

/* The secrets that are environment variables, added to p->envp. */
static void
secret_env(struct sbx_plan *p)
{
	const struct sbx_req	*req = p->req;
	const struct sbx_secret	*s;
	char			*val, *env;
	size_t			 i, len, elen;

	for (i = 0; i < req->nsecrets; i++) {
		s = &req->secrets[i];
		if (s->env == NULL)
			continue;
		val = read_secret(s, &len);
		if (memchr(val, '\0', len) != NULL) {
			errno = 0;
			FAIL_SECRET("secret %s holds a NUL byte, it cannot be "
			    "an environment variable", s->name);
		}
		elen = strlen(s->env) + 1 + len + 1;
		/* execve(2) refuses a longer string with E2BIG */
		if (elen > (size_t)sysconf(_SC_PAGESIZE) * 32) {
			errno = 0;
			FAIL_SECRET("secret %s: %zu bytes, more than an "
			    "environment variable may hold (%ld KiB); grant it "
			    "as a file",
			    s->name, len, sysconf(_SC_PAGESIZE) * 32 / 1024);
		}
		if ((env = malloc(elen)) == NULL)
			FAIL_SECRET("secret %s", s->name);
		snprintf(env, elen, "%s=%s", s->env, val);
		p->envp[p->nenv++] = env;
		p->envp[p->nenv] = NULL;
		explicit_bzero(val, len);
		free(val);
	}
}

/* Nothing we mount may propagate back to the host. */
static void
make_private(void)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		FAIL("make / private");
}

/*
 * The part of the root that is the same for every run, so that a pool
 * entry builds it before its request exists: a tmpfs over SBX_STAGE of
 * our own mount namespace (nothing is created on the host's file
 * systems) with the system binds, /etc, /dev, /proc and the mount
 * points of the per-run parts; read-only once complete.  Leaves the cwd
 * at the new root.
 */
static void
root_template(const struct sbx_state *st, int hostnet)
{
	char	 path[PATH_MAX];
	int	 i;

	if (mount("tmpfs", SBX_STAGE, "tmpfs", MS_NOSUID | MS_NODEV,
	    "size=1m,nr_inodes=4096,mode=0755") == -1)
		FAIL("mount root tmpfs");
	if (chdir(SBX_STAGE) == -1)
		FAIL("chdir new root");

	/* /usr, and /bin, /lib* as directories or usrmerge symlinks */
	for (i = 0; i < st->ntop; i++) {
		if (st->top[i].target[0] != '\0') {
			if (symlink(st->top[i].target, st->top[i].name) == -1)
				FAIL("symlink %s", st->top[i].name);
			continue;
		}
		mkdir_or_fail(st->top[i].name, 0755);
		snprintf(path, sizeof(path), "/%s", st->top[i].name);
		bind_ro(path, st->top[i].name);
	}
	etc_files(st, hostnet);
	dev_files();
	proc_files();
	mkdir_or_fail("tmp", 01777);
	mkdir_or_fail("work", 0755);
	mkdir_or_fail("run", 0755);
	mkdir_or_fail("root", 0700);
	mkdir_or_fail("home", 0755);
	if (mount(NULL, ".", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY |
	    MS_NOSUID | MS_NODEV, NULL) == -1)
		FAIL("read-only /");
	if (mount(NULL, "dev", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY |
	    MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == -1)
		FAIL("read-only /dev");
}

/*
 * The workspace as a detached copy of its mount tree, looked up as the
 * sandbox user, so that the child never reaches more of the host than
 * that user could.  Before the pivot, by its path; after it (a pool
 * entry), below the copy of the workspaces' directory it kept.
 */
static void
ws_open(struct sbx_plan *p)
{
	const char	*ws = p->req->workspace, *rest = NULL;
	int		 fd;

	if (!p->entered)
		fd = syscall(SYS_open_tree, AT_FDCWD, ws, OPEN_TREE_CLONE |
		    OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	else if (p->wsroot == -1 || p->conf->wsroot == NULL ||
	    (rest = sbx_path_after(ws, p->conf->wsroot)) == NULL ||
	    *rest == '\0') {
		errno = EXDEV;
		fd = -1;
	} else
		fd = syscall(SYS_open_tree, p->wsroot, rest, OPEN_TREE_CLONE |
		    OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	if (fd == -1)
		FAIL("workspace %s", ws);
	p->wsfd = fd;
}

/*
 * The per-run parts, in the new root (the cwd; a pool entry is in it
 * already): a fresh /tmp (also /dev/shm), the workspace or a fresh
 * tmpfs at /work, and a /run with the code and the secrets.
 */
static void
root_request(struct sbx_plan *p)
{
	const struct sbx_req	*req = p->req;
	char			 path[PATH_MAX];

	if (mount("tmpfs", "tmp", "tmpfs", MS_NOSUID | MS_NODEV,
	    p->tmp_opts) == -1)
		FAIL("mount /tmp");
	/* POSIX shm shares /tmp's size limit */
	if (mount("tmp", "dev/shm", NULL, MS_BIND, NULL) == -1)
		FAIL("bind /dev/shm");

	if (req->workspace != NULL && p->wsfd == -1)
		ws_open(p);
	if (p->wsroot != -1) {
		close(p->wsroot);	/* every other workspace is there */
		p->wsroot = -1;
	}
	if (p->wsfd != -1) {
		if (syscall(SYS_move_mount, p->wsfd, "", AT_FDCWD, "work",
		    MOVE_MOUNT_F_EMPTY_PATH) == -1)
			FAIL("mount workspace");
		close(p->wsfd);
		p->wsfd = -1;
		if (attr_recursive("work", MOUNT_ATTR_NOSUID |
		    MOUNT_ATTR_NODEV) == -1)
			FAIL("nosuid workspace");
	} else if (mount("tmpfs", "work", "tmpfs", MS_NOSUID | MS_NODEV,
	    p->work_opts) == -1)
		FAIL("mount /work");

	/* environment secrets never touch the file system */
	if (!has_file_secrets(req) && req->code == NULL)
		return;
	if (mount("tmpfs", "run", "tmpfs", MS_NOSUID | MS_NODEV,
	    p->run_opts) == -1)
		FAIL("mount /run");
	secret_files(p);
	if (req->code != NULL) {
		mkdir_or_fail("run/code", 0755);
		snprintf(path, sizeof(path), "run/code/%s", req->code_name);
		write_file(path, req->code, req->code_len, 0444);
	}
	if (mount(NULL, "run", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY |
	    MS_NOSUID | MS_NODEV, NULL) == -1)
		FAIL("read-only /run");
}

/* Into the new root (the cwd): the old one goes away entirely. */
static void
root_enter(void)
{
	if (syscall(SYS_pivot_root, ".", ".") == -1)
		FAIL("pivot_root");
	if (umount2(".", MNT_DETACH) == -1)
		FAIL("detach old root");
	if (chdir("/") == -1)
		FAIL("chdir /");
}

static void
loopback_up(void)
{
	struct ifreq	 ifr;
	int		 s;

	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		FAIL("socket");
	memset(&ifr, 0, sizeof(ifr));
	strlcpy(ifr.ifr_name, "lo", sizeof(ifr.ifr_name));
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == -1)
		FAIL("lo flags");
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) == -1)
		FAIL("lo up");
	close(s);
}

/* Drop every capability, the bounding set and ambient ones too. */
static void
drop_caps(void)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];
	int				 c;

	for (c = 0; c <= 63; c++)
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) == -1 &&
		    errno != EINVAL)
			FAIL("drop bounding capability %d", c);
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1)
		FAIL("clear ambient capabilities");
	if (prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
	    SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED |
	    SECBIT_KEEP_CAPS_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE |
	    SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED, 0, 0, 0) == -1)
		FAIL("securebits");
	memset(&h, 0, sizeof(h));
	memset(d, 0, sizeof(d));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capset, &h, d) == -1)
		FAIL("capset");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		FAIL("no_new_privs");
}

static void
set_rlimit(int res, uint64_t val)
{
	struct rlimit	 rl;

	if (getrlimit(res, &rl) == -1)
		FAIL("getrlimit %d", res);
	if (rl.rlim_max == RLIM_INFINITY || val < rl.rlim_max)
		rl.rlim_max = val;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(res, &rl) == -1)
		FAIL("setrlimit %d", res);
}

/* Move fd to a number >= 10 so that dup2 onto 0..2 cannot clobber it. */
static int
high_fd(int fd)
{
	int	 n;

	if ((n = fcntl(fd, F_DUPFD_CLOEXEC, 10)) == -1)
		FAIL("dup");
	return n;
}

/* Hand the seccomp listener to the spawner, which answers for it. */
static void
send_listener(int ctl, int lfd)
{
	struct sbx_msg		 m;

	memset(&m, 0, sizeof(m));
	m.type = SBX_MSG_NOTIFY_FD;
	if (sbx_send_fds(ctl, &m, sizeof(m), &lfd, 1) == -1)
		FAIL("send seccomp listener");
}

/*
 * The program's process (pid 2), forked by the init as soon as the
 * template root exists, so that a pool entry has it waiting.  A pool
 * entry's takes the request from the spawner itself, on the control
 * socket: a request wakes one process, not the init and then this one.
 * It finishes the root (the per-run mounts, and the pivot where it was
 * not done ahead), then gives up its capabilities, installs the
 * seccomp filter and runs the program.
 */
static void
payload(struct sbx_plan *p)
{
	const struct sbx_state	*st = p->conf->st;
	const struct sbx_req	*req;
	struct rlimit		 rl;
	sigset_t		 all;
	uint64_t		 cpu_s;
	int			 in, out, errfd, ctl, lfd, sig;

	/* signals as a fresh process has them (SIG_IGN survives exec) */
	for (sig = 1; sig < NSIG; sig++)
		(void)signal(sig, SIG_DFL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	if (setsid() == -1)
		FAIL("setsid");
	umask(022);

	if (p->req == NULL)
		recv_request(p->ctl, p);
	root_request(p);
	if (!p->entered) {
		root_enter();
		p->entered = 1;
	}

	drop_caps();
	/* the seccomp filter, with a listener the spawner will watch */
	lfd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER, &st->bpf_payload);
	if (lfd == -1)
		FAIL("seccomp");
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
	    &st->bpf_personality) == -1)
		FAIL("seccomp personality");
	send_listener(p->ctl, lfd);
	/* the program must never hold its own listener */
	close(lfd);

	req = p->req;
	secret_env(p);

	if (p->stdin_fd == -1) {
		if ((in = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
			FAIL("open /dev/null");
	} else
		in = p->stdin_fd;
	in = high_fd(in);
	out = high_fd(p->out_w);
	errfd = high_fd(p->err_w);
	ctl = high_fd(p->ctl);
	child_ctl = ctl;
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(errfd, 2) == -1)
		FAIL("dup2");
	if (dup3(ctl, 3, O_CLOEXEC) == -1)
		FAIL("dup3");
	child_ctl = 3;
	/* nothing else of ours reaches the program */
	if (syscall(SYS_close_range, 4, ~0U, 0) == -1)
		FAIL("close_range");

	if (req->cwd != NULL && chdir(req->cwd) == -1)
		FAIL_CWD("chdir %s", req->cwd);
	if (req->cwd == NULL && chdir("/work") == -1)
		FAIL("chdir /work");
	cpu_s = (p->lim.cpu_ms + 999) / 1000;
	if (getrlimit(RLIMIT_CPU, &rl) == 0) {
		/* SIGXCPU at the budget, SIGKILL a second later */
		rl.rlim_cur = cpu_s;
		rl.rlim_max = cpu_s + 1;
		if (setrlimit(RLIMIT_CPU, &rl) == -1)
			FAIL("setrlimit cpu");
	}
	set_rlimit(RLIMIT_FSIZE, p->lim.fsize_bytes);
	set_rlimit(RLIMIT_NOFILE, p->lim.nofile);
	/* a backstop: the pids cgroup is the limit that should trip */
	set_rlimit(RLIMIT_NPROC, p->lim.procs * 2 + 8);
	set_rlimit(RLIMIT_CORE, 0);

	environ = p->envp;
	execvp(req->argv[0], req->argv);
	/* too much to pass is the request's fault, not the program's */
	fail(errno == E2BIG ? SBX_MSG_SETUP_ERR : SBX_MSG_EXEC_ERR, "exec %s",
	    req->argv[0]);
}

/*
 * Our argv area is a copy of the spawner's, and /proc/PID/cmdline shows
 * it to anyone: blank it (the program has its own copy by now;
 * the strings of sbx_req may live there) (fields 48 and 49 of /proc/self/stat).
 */
static void
blank_cmdline(void)
{
	char		 buf[2048], *q;
	unsigned long	 start = 0, end = 0;
	ssize_t		 n;
	int		 fd, field;

	if ((fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC)) == -1)
		FAIL("open /proc/self/stat");
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0 || (q = strrchr((buf[n] = '\0', buf), ')')) == NULL)
		FAIL("read /proc/self/stat");
	/* q is at the end of field 2 (comm) */
	for (field = 2; *q != '\0' && field < 49; q++) {
		if (*q != ' ')
			continue;
		field++;
		if (field == 48)
			start = strtoul(q + 1, NULL, 10);
		else if (field == 49)
			end = strtoul(q + 1, NULL, 10);
	}
	if (start == 0 || end <= start || end - start > (1UL << 20)) {
		errno = 0;
		FAIL("no argv area in /proc/self/stat");
	}
	memset((void *)start, 0, end - start);
}

/* pid 1: reap everything, report the program's status, exit. */
static void
init_loop(struct sbx_plan *p, pid_t prog)
{
	const struct sbx_state	*st = p->conf->st;
	struct sbx_msg		 m;
	struct rusage		 ru;
	pid_t			 pid;
	int			 status;

	if ((p->ctl > 0 &&
	    syscall(SYS_close_range, 0, p->ctl - 1, 0) == -1) ||
	    syscall(SYS_close_range, p->ctl + 1, ~0U, 0) == -1)
		FAIL("close_range");
	blank_cmdline();
	/* no one in here may read our memory or attach to us */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		FAIL("dumpable");
	drop_caps();
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
	    &st->bpf_init) == -1)
		FAIL("init seccomp");
	for (;;) {
		pid = syscall(SYS_wait4, -1, &status, __WALL, &ru);
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		if (pid == prog)
			break;
	}
	memset(&m, 0, sizeof(m));
	m.type = SBX_MSG_STATUS;
	m.status = status;
	m.utime_us = (uint64_t)ru.ru_utime.tv_sec * 1000000 +
	    ru.ru_utime.tv_usec;
	m.stime_us = (uint64_t)ru.ru_stime.tv_sec * 1000000 +
	    ru.ru_stime.tv_usec;
	m.maxrss_kb = ru.ru_maxrss;
	(void)syscall(SYS_sendto, p->ctl, &m, sizeof(m), MSG_NOSIGNAL,
	    NULL, 0);
	/* our exit takes every other process of the namespace with it */
	syscall(SYS_exit_group, 0);
	for (;;)
		;
}

/* uid/gid maps are written: become the sandbox user */
static void
become_user(struct sbx_plan *p)
{
	char	 c;

	child_ctl = p->ctl;
	if (read(p->ctl, &c, 1) != 1)
		_exit(1);
	if (setgroups(0, NULL) == -1)
		FAIL("setgroups");
	if (setresgid(SBX_INNER_GID, SBX_INNER_GID, SBX_INNER_GID) == -1 ||
	    setresuid(SBX_INNER_UID, SBX_INNER_UID, SBX_INNER_UID) == -1)
		FAIL("setresuid");
	/* after the uid change, which clears it: die with the spawner */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == -1)
		FAIL("pdeathsig");
	if (recv(p->ctl, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
		_exit(1);
}

/*
 * What needs no request: network namespace (none with the host's) and
 * its loopback, cgroup namespace, root template, uts, and the pivot
 * into the new root.  The network namespace is made here, not by the
 * spawner's clone3(): making one is the slowest step of all, and here
 * it runs on another CPU while the spawner goes on.  It is owned by our
 * user namespace either way.
 *
 * Detaching the old root waits for an RCU grace period, so a pool entry
 * does it before its request comes.  For the workspace it may be asked
 * for, it keeps a detached copy of the workspaces' directory, to copy
 * the one it needs out of (open_tree of a detached tree: Linux 6.15);
 * where that cannot be done, it pivots once it has its request, as a
 * sandbox made for a request does after opening its workspace.
 */
static void
prepare(struct sbx_plan *p, int hostnet)
{
	int	 fd;

	if (!hostnet && unshare(CLONE_NEWNET) == -1)
		FAIL("unshare net");
	make_private();
	/* our cgroup (joined by now) becomes the namespace's root */
	if (unshare(CLONE_NEWCGROUP) == -1)
		FAIL("unshare cgroup");
	if (p->req != NULL && p->req->workspace != NULL)
		ws_open(p);
	else if (p->req == NULL && p->conf->wsroot != NULL) {
		p->wsroot = syscall(SYS_open_tree, AT_FDCWD, p->conf->wsroot,
		    OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
		if (p->wsroot != -1 && (fd = syscall(SYS_open_tree,
		    p->wsroot, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
		    AT_EMPTY_PATH)) != -1)
			close(fd);
		else if (p->wsroot != -1) {
			close(p->wsroot);
			p->wsroot = -1;
		}
	}
	root_template(p->conf->st, hostnet);
	if (sethostname("sandbox", 7) == -1)
		FAIL("sethostname");
	if (!hostnet)
		loopback_up();
	if (p->req != NULL || p->conf->wsroot == NULL || p->wsroot != -1) {
		root_enter();
		p->entered = 1;
	}
}

/* Fork the program's process (see payload()); returns its pid. */
static pid_t
fork_payload(struct sbx_plan *p)
{
	pid_t	 pid;

	if ((pid = fork()) == -1)
		FAIL("fork");
	if (pid == 0)
		payload(p);
	return pid;
}

/* v1: into our cgroup, first thing (v2: clone3 put us there). */
static void
cg_join(struct sbx_plan *p)
{
	int	 i;

	child_ctl = p->ctl;
	for (i = 0; i < p->ncgfd; i++) {
		if (write(p->cgfd[i], "0", 1) != 1)
			FAIL("join cgroup");
		close(p->cgfd[i]);
	}
	p->ncgfd = 0;
}

void
sbx_child(struct sbx_plan *p)
{
	cg_join(p);
	become_user(p);
	prepare(p, p->req->net == SBX_NET_HOST);
	init_loop(p, fork_payload(p));
}

/* Next NUL-terminated string of the wire buffer, or fail. */
static char *
wire_str(char **pos, char *end)
{
	char	*s = *pos, *z;

	if (s >= end || (z = memchr(s, '\0', end - s)) == NULL) {
		errno = 0;
		FAIL("malformed request");
	}
	*pos = z + 1;
	return s;
}

static char *
wire_opt(char **pos, char *end)
{
	char	*s = wire_str(pos, end);

	return s[0] == '\0' ? NULL : s;
}

/*
 * Receive a request for a pre-made sandbox (see struct sbx_wire) on
 * sock into p.
 */
static void
recv_request(int sock, struct sbx_plan *p)
{
	static struct sbx_req	 req;
	static struct sbx_secret secs[64];
	struct sbx_wire		 w;
	struct msghdr		 mh;
	struct iovec		 iov;
	struct cmsghdr		*c;
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int) *
				    SBX_WIRE_MAXFD)];
	} cm;
	int			 fds[SBX_WIRE_MAXFD], nfd = 0, fi;
	char			 b, **argv, *buf, *pos, *end;
	struct stat		 sb;
	uint64_t		 secret_bytes = 0;
	size_t			 i, total;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = &b;
	iov.iov_len = 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	if (recvmsg(sock, &mh, MSG_CMSG_CLOEXEC) != 1)
		_exit(1);
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			if (nfd > SBX_WIRE_MAXFD)
				nfd = SBX_WIRE_MAXFD;
			memcpy(fds, CMSG_DATA(c), nfd * sizeof(int));
		}
	if (nfd < 1 || fstat(fds[0], &sb) == -1 ||
	    (size_t)sb.st_size < sizeof(w) || (size_t)sb.st_size > (64U << 20))
		FAIL("no request");
	if (pread(fds[0], &w, sizeof(w), 0) != sizeof(w) ||
	    w.magic != SBX_WIRE_MAGIC || w.nargv == 0 || w.nargv > 1000000 ||
	    w.nenv > 1000000 || w.nsecrets > 64 ||
	    w.strings_len > (size_t)sb.st_size ||
	    w.code_len > (size_t)sb.st_size ||
	    sizeof(w) + w.strings_len + w.code_len != (size_t)sb.st_size) {
		errno = 0;
		FAIL("malformed request");
	}
	total = sb.st_size - sizeof(w);
	if ((buf = malloc(total + 1)) == NULL ||
	    pread(fds[0], buf, total, sizeof(w)) != (ssize_t)total)
		FAIL("read request");
	pos = buf;
	end = buf + w.strings_len;
	if ((argv = calloc(w.nargv + 1, sizeof(char *))) == NULL ||
	    (p->envp = calloc(w.nenv + w.nsecrets + 1, sizeof(char *))) ==
	    NULL)
		FAIL("calloc");
	for (i = 0; i < w.nargv; i++)
		argv[i] = wire_str(&pos, end);
	for (i = 0; i < w.nenv; i++)
		p->envp[i] = wire_str(&pos, end);
	p->nenv = w.nenv;
	req.argv = argv;
	req.envp = p->envp;
	req.cwd = (w.flags & SBX_WIRE_CWD) ? wire_str(&pos, end) : NULL;
	req.workspace = (w.flags & SBX_WIRE_WS) ? wire_str(&pos, end) : NULL;
	if (w.flags & SBX_WIRE_CODE) {
		req.code_name = wire_str(&pos, end);
		req.code = buf + w.strings_len;
		req.code_len = w.code_len;
	}
	fi = 1;
	p->stdin_fd = -1;
	if (w.flags & SBX_WIRE_STDIN) {
		if (fi >= nfd)
			FAIL("no stdin");
		p->stdin_fd = fds[fi++];
	}
	for (i = 0; i < w.nsecrets; i++) {
		secs[i].name = wire_str(&pos, end);
		secs[i].env = wire_opt(&pos, end);
		secs[i].file = wire_opt(&pos, end);
		if (fi >= nfd)
			FAIL("no secret");
		secs[i].memfd = fds[fi++];
		if (fstat(secs[i].memfd, &sb) == 0)
			secret_bytes += sb.st_size;
	}
	req.secrets = secs;
	req.nsecrets = w.nsecrets;
	req.stdin_fd = p->stdin_fd;
	req.lim = w.lim;
	p->req = &req;
	p->lim = w.lim;
	sbx_plan_opts(p, secret_bytes);
	close(fds[0]);
}

/*
 * A pre-made sandbox: namespaces, maps, cgroup, the template root and
 * the program's process were made before the request existed.  Wait
 * for it, then go on as sbx_child() does.
 */
void
sbx_child_pooled(struct sbx_plan *p)
{
	cg_join(p);
	become_user(p);
	p->req = NULL;
	prepare(p, 0);
	init_loop(p, fork_payload(p));
}
