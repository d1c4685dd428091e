/*
 * The spawner: the only part of sandboxd with privileges.  It takes
 * already-parsed requests from the listener and builds sandboxes.
 */
#include <sys/types.h>

#include <event2/event.h>
#include <string.h>

#include "log.h"
#include "proc.h"
#include "sandboxd.h"

void
spawner_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	log_warnx("%s: unexpected message %u from %s", __func__,
	    imsg->hdr.type, iev->name);
}

void
spawner_run(struct proc_ctx *ctx)
{
	static const int caps[] = SPAWNER_CAPS;
	struct proc_confine_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.keep_caps = caps;
	spec.nkeep = sizeof(caps) / sizeof(caps[0]);
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
