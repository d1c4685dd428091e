/*
 * The engine: conversations, prompts, tools and state.  It runs as
 * _harness chrooted in its state directory and serves harnessd's
 * control socket.  The tool path arrives with later work; until then
 * it answers status and refuses the rest with "not implemented".
 */
#include <sys/types.h>
#include <sys/syscall.h>

#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "control.h"
#include "harnessd.h"
#include "log.h"
#include "proc.h"
#include "proto.h"

const char *
engine_chroot(const struct harness_conf *conf)
{
	return conf->harnessd.engine_chroot;
}

void
engine_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t arg, int fd)
{
	if (fd != -1)
		close(fd);
}

void
engine_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	log_warnx("%s: unexpected message %u from %s", __func__,
	    imsg->hdr.type, iev->name);
}

int
engine_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	return -1;
}

void
engine_run(struct proc_ctx *ctx)
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
