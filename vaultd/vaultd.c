/*
 * vaultd parent: prepares the store directory (owned by _vault, 0700)
 * and starts the store process.
 */
#include <sys/types.h>

#include <stdio.h>

#include "conf.h"
#include "confine.h"
#include "log.h"
#include "proc.h"
#include "vaultd.h"

static const struct proc_def vaultd_procs[] = {
	[PROC_VAULT] = {
		.title = "store",
		.run = vault_run,
		.control = vault_control,
		.chroot_of = vault_chroot,
		.serves_control = 1,
	},
};

static int
vaultd_parent_init(struct proc_ctx *ctx)
{
	struct harness_conf	*conf = ctx->conf;
	char			 err[512];
	uid_t			 uid;
	gid_t			 gid;

	if (confine_lookup_user(conf->vaultd.d.user, &uid, &gid) == -1) {
		log_warnx("unknown user %s", conf->vaultd.d.user);
		return -1;
	}
	if (proc_mkdir(conf->statedir, 0, 0, 0755, err, sizeof(err)) == -1 ||
	    proc_mkdir(conf->vaultd.d.chroot, uid, gid, 0700, err,
	    sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	return 0;
}

static const struct daemon_def vaultd_def = {
	.id = D_VAULTD,
	.procs = vaultd_procs,
	.nprocs = PROC_VAULTD_MAX,
	.parent_init = vaultd_parent_init,
};

int
main(int argc, char *argv[])
{
	return proc_main(argc, argv, &vaultd_def);
}
