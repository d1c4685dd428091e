/*
 * hitld: classifies tool calls by risk and holds the ones that need a
 * person until an approver answers or the deadline denies them.
 */
#ifndef HITLD_H
#define HITLD_H

#include "proc.h"

enum hitld_proc {
	PROC_QUEUE = 0,
	PROC_HITLD_MAX
};

struct hitld_parent {
	int		 approver_fd;
};

void	 queue_run(struct proc_ctx *);
void	 queue_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);
int	 queue_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
void	 queue_reload(struct proc_ctx *, struct harness_conf *);
const char *queue_chroot(const struct harness_conf *);

/* audit.c: record one decision (see there). */
struct hitl_req;
struct hitl_verdict;
void	 hitl_audit_reply(const struct hitl_req *, const struct hitl_verdict *,
	    uint32_t, uint32_t, uint32_t, int);
void	 hitl_audit(const struct hitl_req *, const struct hitl_verdict *,
	    uint32_t);

#endif /* HITLD_H */
