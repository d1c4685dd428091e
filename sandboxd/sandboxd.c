/*
 * sandboxd parent: prepares its directories, then starts the spawner
 * (root, a few capabilities) and the listener (_sandbox, chrooted).
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/magic.h>

#include "auditc.h"
#include "conf.h"
#include "confine.h"
#include "log.h"
#include "proc.h"
#include "sandboxd.h"

static const struct proc_def sandboxd_procs[] = {
	[PROC_SPAWNER] = {
		.title = "spawner",
		.run = spawner_run,
		.dispatch = spawner_dispatch,
		.reload = spawner_reload,
		.as_root = 1,
	},
	[PROC_LISTENER] = {
		.title = "listener",
		.run = listener_run,
		.on_fd = listener_on_fd,
		.dispatch = listener_dispatch,
		.control = listener_control,
		.chroot_of = listener_chroot,
		.reloaded = audit_reload,
		.stopping = listener_stopping,
		.serves_control = 1,
	},
};

static const int sandboxd_pairs[][2] = {
	{ PROC_SPAWNER, PROC_LISTENER },
};

/*
 * The cgroup directories the spawner will make: the configured name in
 * each cgroup hierarchy mounted.  Those missing at start (and the
 * missing directories above them) are removed at an orderly stop, once
 * the spawner has emptied them; one that was there before, perhaps an
 * administrator's with limits of its own, stays.  The parent does it:
 * the spawner may not write to a hierarchy's root (no
 * CAP_DAC_OVERRIDE).
 */
static const char *const cg_mounts[] = {
	"/sys/fs/cgroup", "/sys/fs/cgroup/unified", "/sys/fs/cgroup/memory",
	"/sys/fs/cgroup/pids", "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpuacct",
	"/sys/fs/cgroup/cpu,cpuacct",
};
#define CG_NMOUNTS	(sizeof(cg_mounts) / sizeof(cg_mounts[0]))
static struct {
	char	 path[PATH_MAX];
	size_t	 top;		/* length of the topmost missing dir */
} cg_new[CG_NMOUNTS];

static void
cgroup_note(const char *name)
{
	struct statfs	 sf;
	struct stat	 sb;
	char		 path[PATH_MAX], *p;
	size_t		 i;

	for (i = 0; i < CG_NMOUNTS; i++) {
		cg_new[i].top = 0;
		if (statfs(cg_mounts[i], &sf) == -1 ||
		    (sf.f_type != CGROUP_SUPER_MAGIC &&
		    sf.f_type != CGROUP2_SUPER_MAGIC) ||
		    (size_t)snprintf(path, sizeof(path), "%s/%s", cg_mounts[i],
		    name) >= sizeof(path) || strstr(name, "..") != NULL)
			continue;
		if (lstat(path, &sb) == 0)
			continue;
		/* the topmost missing one, below the mount */
		strlcpy(cg_new[i].path, path, sizeof(cg_new[i].path));
		cg_new[i].top = strlen(path);
		while ((p = strrchr(path, '/')) != NULL &&
		    (size_t)(p - path) > strlen(cg_mounts[i])) {
			*p = '\0';
			if (lstat(path, &sb) == 0)
				break;
			cg_new[i].top = strlen(path);
		}
	}
}

/*
 * Remove the sandbox cgroups below dir, which only the spawner makes
 * there: it removes them at an orderly stop, but one that died (killed,
 * or lost its channel) leaves them, and then dir cannot go either.
 * Their sandboxes die with the spawner; give them a moment to leave.
 * Returns how many were removed.
 */
static int
cgroup_empty(const char *dir)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	struct dirent	*de;
	DIR		*d;
	char		 sub[PATH_MAX];
	int		 n = 0, busy, tries;

	for (tries = 0; tries < 50; tries++) {
		if ((d = opendir(dir)) == NULL)
			return n;
		busy = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_type != DT_DIR || de->d_name[0] == '.')
				continue;
			if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", dir,
			    de->d_name) >= sizeof(sub))
				continue;
			if (rmdir(sub) == 0)
				n++;
			else if (errno == EBUSY)
				busy++;
		}
		closedir(d);
		if (busy == 0)
			break;
		nanosleep(&ts, NULL);
	}
	return n;
}

static void
sandboxd_parent_shutdown(struct proc_ctx *ctx)
{
	char	 path[PATH_MAX], *p;
	size_t	 i;
	int	 n = 0, left = 0, raised = 0;

	(void)ctx;
	for (i = 0; i < CG_NMOUNTS; i++) {
		if (cg_new[i].top == 0)
			continue;
		/* a hierarchy's root is r-xr-xr-x, even for root */
		if (!raised++ && confine_raise_cap(CAP_DAC_OVERRIDE) == -1) {
			log_warn("cannot remove the cgroups made: "
			    "CAP_DAC_OVERRIDE");
			return;
		}
		strlcpy(path, cg_new[i].path, sizeof(path));
		left += cgroup_empty(path);
		while (strlen(path) >= cg_new[i].top) {
			if (rmdir(path) == -1) {
				/* cpu and cpuacct may be one hierarchy */
				if (errno != ENOENT)
					log_warn("cannot remove cgroup %s",
					    path);
				break;
			}
			n++;
			if ((p = strrchr(path, '/')) == NULL)
				break;
			*p = '\0';
		}
	}
	if (left > 0)
		log_info("removed %d sandbox cgroup(s) the spawner left", left);
	if (n > 0)
		log_debug("removed %d cgroup directories", n);
}

static const int sandboxd_parent_syscalls[] = { SYS_rmdir, SYS_statfs };
static const int sandboxd_parent_caps[] = { CAP_DAC_OVERRIDE };

static int
sandboxd_parent_init(struct proc_ctx *ctx)
{
	struct harness_conf	*conf = ctx->conf;
	char			 err[512];
	uid_t			 suid;
	gid_t			 sgid;

	if (confine_lookup_user(conf->sandboxd.sandbox_user, &suid, &sgid) ==
	    -1) {
		log_warnx("unknown sandbox user %s (create it, see "
		    "harness.conf(5))", conf->sandboxd.sandbox_user);
		return -1;
	}
	/*
	 * Workspaces: the spawner creates each one as the sandbox user
	 * (it has no CAP_CHOWN), so the sandbox group may write here;
	 * nobody else may even look.
	 */
	if (proc_mkdir(conf->sandboxd.d.chroot, 0, 0, 0755, err,
	    sizeof(err)) == -1 ||
	    proc_mkdir(conf->statedir, 0, 0, 0755, err, sizeof(err)) == -1 ||
	    proc_mkdir(conf->sandboxd.workspaces, 0, sgid, 0730, err,
	    sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	cgroup_note(conf->sandboxd.cgroup);
	return 0;
}

static const struct daemon_def sandboxd_def = {
	.id = D_SANDBOXD,
	.procs = sandboxd_procs,
	.nprocs = PROC_SANDBOXD_MAX,
	.pairs = sandboxd_pairs,
	.npairs = 1,
	.parent_init = sandboxd_parent_init,
	.parent_shutdown = sandboxd_parent_shutdown,
	.parent_syscalls = sandboxd_parent_syscalls,
	.parent_nsyscalls = sizeof(sandboxd_parent_syscalls) /
	    sizeof(sandboxd_parent_syscalls[0]),
	.parent_caps = sandboxd_parent_caps,
	.parent_ncaps = 1,
};

int
main(int argc, char *argv[])
{
	return proc_main(argc, argv, &sandboxd_def);
}
