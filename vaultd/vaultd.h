/*
 * vaultd: keeps secrets encrypted at rest, sealed until an administrator
 * unseals it, and hands them to sandboxd as sealed memfds.
 */
#ifndef VAULTD_H
#define VAULTD_H

#include "proc.h"

enum vaultd_proc {
	PROC_VAULT = 0,
	PROC_VAULTD_MAX
};

void	 vault_run(struct proc_ctx *);
int	 vault_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
const char *vault_chroot(const struct harness_conf *);

#endif /* VAULTD_H */
