/*
 * The queue process: classification and pending approvals.  Runs as
 * _hitl in an empty chroot with no file access.
 */
#include <sys/types.h>

#include <event2/event.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "control.h"
#include "hitld.h"
#include "log.h"
#include "proc.h"
#include "proto.h"

const char *
queue_chroot(const struct harness_conf *conf)
{
	return conf->hitld.d.chroot;
}

/*
 * Who may connect is decided by the socket's group and mode, which the
 * kernel checks against every group of the peer (SO_PEERCRED would only
 * show the primary one); the peer's uid is recorded with each answer.
 */
static int
approver_allow(struct proc_ctx *ctx, uid_t uid, gid_t gid)
{
	return 0;
}

static int
approver_dispatch(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	return -1;
}

void
queue_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t kind, int fd)
{
	if (type == IMSG_PROC_LISTEN && kind == LISTEN_KIND_APPROVER) {
		control_server(ctx, fd, "approver", approver_allow,
		    approver_dispatch);
		return;
	}
	log_warnx("%s: unexpected fd (%u/%u)", __func__, type, kind);
	if (fd != -1)
		close(fd);
}

int
queue_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	return -1;
}

void
queue_reload(struct proc_ctx *ctx, struct harness_conf *nconf)
{
}

void
queue_run(struct proc_ctx *ctx)
{
	struct proc_confine_spec spec;

	memset(&spec, 0, sizeof(spec));
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
