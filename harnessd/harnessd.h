/*
 * harnessd: the parent (root) opens the agent listeners and supervises
 * the gateway (parses client bytes) and the engine (conversations,
 * tools, state).
 */
#ifndef HARNESSD_H
#define HARNESSD_H

#include "proc.h"

enum harnessd_proc {
	PROC_GATEWAY = 0,
	PROC_ENGINE,
	PROC_HARNESSD_MAX
};

struct harnessd_parent {
	int		 agent_fds[16];
	size_t		 nagent;
};

void	 gateway_run(struct proc_ctx *);
void	 gateway_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
void	 gateway_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);
const char *gateway_chroot(const struct harness_conf *);
int	 gateway_reload(struct proc_ctx *, struct harness_conf *, char *,
	    size_t);
int	 gateway_stopping(struct proc_ctx *);

void	 engine_run(struct proc_ctx *);
void	 engine_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
void	 engine_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);
int	 engine_reload(struct proc_ctx *, struct harness_conf *, char *,
	    size_t);
int	 engine_stopping(struct proc_ctx *);
int	 engine_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
const char *engine_chroot(const struct harness_conf *);

#endif /* HARNESSD_H */
