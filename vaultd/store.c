/*
 * The store process: holds the master key once unsealed.  It never
 * swaps (mlockall) and cannot be dumped or traced (PR_SET_DUMPABLE 0).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include <event2/event.h>
#include <string.h>

#include "conf.h"
#include "log.h"
#include "proc.h"
#include "vaultd.h"

const char *
vault_chroot(const struct harness_conf *conf)
{
	return conf->vaultd.d.chroot;
}

int
vault_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	return -1;
}

void
vault_run(struct proc_ctx *ctx)
{
	static const int syscalls[] = {
		SYS_openat, SYS_fsync, SYS_fdatasync, SYS_rename, SYS_unlink,
		SYS_memfd_create, SYS_ftruncate, SYS_mlock, SYS_munlock,
		SYS_stat, SYS_lstat, SYS_statx,
	};
	struct rlimit		 rl;
	struct proc_confine_spec spec;

	/*
	 * Once we are not root, every new mapping counts against
	 * RLIMIT_MEMLOCK: take all of the hard limit (raising it needs
	 * CAP_SYS_RESOURCE, which containers often withhold).
	 */
	if (getrlimit(RLIMIT_MEMLOCK, &rl) == -1)
		fatal("getrlimit RLIMIT_MEMLOCK");
	if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > (64 << 20))
		rl.rlim_max = 64 << 20;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_MEMLOCK, &rl) == -1)
		fatal("setrlimit RLIMIT_MEMLOCK");
#ifndef HARNESS_SANITIZE
	if (mlockall(MCL_CURRENT | MCL_FUTURE) == -1)
		fatal("mlockall");
#endif
	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	spec.nodump = 1;
	spec.allow_files = 1;
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
