/*
 * sandboxd: an unprivileged listener parses requests (from the engine
 * and from harnessctl); a small spawner that keeps a few capabilities
 * builds and runs the sandboxes.
 */
#ifndef SANDBOXD_H
#define SANDBOXD_H

#include <linux/capability.h>

#include "proc.h"

enum sandboxd_proc {
	PROC_SPAWNER = 0,
	PROC_LISTENER,
	PROC_SANDBOXD_MAX
};

/*
 * Capabilities the spawner keeps (see sandboxd(8)):
 *  CAP_SYS_ADMIN  mount namespaces' set-up and pivot_root of each sandbox
 *  CAP_SETUID     map the sandbox's uid to the unprivileged sandbox user
 *  CAP_SETGID     the same for the group map
 *  CAP_KILL       kill a sandbox's processes, whatever uid they run as
 */
#define SPAWNER_CAPS	{ CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID, CAP_KILL }

void	 spawner_run(struct proc_ctx *);
void	 spawner_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
void	 listener_run(struct proc_ctx *);
void	 listener_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
int	 listener_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
const char *listener_chroot(const struct harness_conf *);

#endif /* SANDBOXD_H */
