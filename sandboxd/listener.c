/*
 * The listener: unprivileged, chrooted; serves sandboxd's control
 * socket and (later) the engine's run requests.
 */
#include <sys/types.h>

#include <event2/event.h>
#include <string.h>

#include "conf.h"
#include "log.h"
#include "proc.h"
#include "sandboxd.h"

const char *
listener_chroot(const struct harness_conf *conf)
{
	return conf->sandboxd.d.chroot;
}

void
listener_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	log_warnx("%s: unexpected message %u from %s", __func__,
	    imsg->hdr.type, iev->name);
}

int
listener_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	return -1;
}

void
listener_run(struct proc_ctx *ctx)
{
	struct proc_confine_spec spec;

	memset(&spec, 0, sizeof(spec));
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
