/*
 * auditd: the tamper-evident, durable audit trail of the suite.
 */
#ifndef AUDITD_H
#define AUDITD_H

#include "proc.h"

enum auditd_proc {
	PROC_WRITER = 0,
	PROC_AUDITD_MAX
};

void	 writer_run(struct proc_ctx *);
int	 writer_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
int	 writer_reload(struct proc_ctx *, struct harness_conf *, char *,
	    size_t);
void	 writer_reloaded(struct proc_ctx *, const struct proc_reload *);
const char *writer_chroot(const struct harness_conf *);

#endif /* AUDITD_H */
