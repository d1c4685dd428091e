/*
 * The writer: the only process that appends to the audit database.
 */
#include <sys/types.h>
#include <sys/syscall.h>

#include <event2/event.h>
#include <string.h>

#include "auditd.h"
#include "conf.h"
#include "log.h"
#include "proc.h"

const char *
writer_chroot(const struct harness_conf *conf)
{
	return conf->auditd.d.chroot;
}

int
writer_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	return -1;
}

void
writer_run(struct proc_ctx *ctx)
{
	static const int syscalls[] = {
		SYS_openat, SYS_fsync, SYS_fdatasync, SYS_ftruncate,
		SYS_unlink, SYS_rename, SYS_pwrite64, SYS_flock,
		SYS_stat, SYS_lstat, SYS_statx, SYS_fchown, SYS_getcwd,
	};
	struct proc_confine_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	spec.allow_files = 1;
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
