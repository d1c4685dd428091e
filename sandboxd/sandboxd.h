/*
 * sandboxd: an unprivileged listener parses requests (from the engine
 * and from harnessctl); a small spawner that keeps a few capabilities
 * builds and runs the sandboxes.
 */
#ifndef SANDBOXD_H
#define SANDBOXD_H

#include <linux/capability.h>

#include "proc.h"
#include "proto.h"

enum sandboxd_proc {
	PROC_SPAWNER = 0,
	PROC_LISTENER,
	PROC_SANDBOXD_MAX
};

/*
 * The spawner keeps exactly the capabilities sandbox creation needs
 * (SPAWN_CAPS in spawn.h, justified there and in sandboxd(8)):
 * CAP_SETUID and CAP_SETGID to map the sandbox's uid/gid to the
 * unprivileged sandbox user, CAP_KILL to kill the sandbox's processes.
 */
#include "spawn.h"
#define SPAWNER_CAPS	SPAWN_CAPS

/*
 * Listener -> spawner only, ahead of a run's SANDBOX_RUN like
 * SANDBOX_CODE: one secret vaultd delivered for it.  str name, str env
 * ("" for none), str file ("" for none); fd: vaultd's sealed memfd.
 */
#define IMSG_SANDBOXD_SECRET	(IMSG_SANDBOX_BASE + 90)

void	 spawner_run(struct proc_ctx *);
void	 spawner_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
int	 spawner_reload(struct proc_ctx *, struct harness_conf *, char *,
	    size_t);
void	 listener_run(struct proc_ctx *);
int	 listener_stopping(struct proc_ctx *);
void	 listener_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);
void	 listener_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
int	 listener_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
const char *listener_chroot(const struct harness_conf *);

#endif /* SANDBOXD_H */
