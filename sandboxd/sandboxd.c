/*
 * sandboxd parent: prepares its directories, then starts the spawner
 * (root, a few capabilities) and the listener (_sandbox, chrooted).
 */
#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "confine.h"
#include "log.h"
#include "proc.h"
#include "sandboxd.h"

static const struct proc_def sandboxd_procs[] = {
	[PROC_SPAWNER] = {
		.title = "spawner",
		.run = spawner_run,
		.dispatch = spawner_dispatch,
		.as_root = 1,
	},
	[PROC_LISTENER] = {
		.title = "listener",
		.run = listener_run,
		.on_fd = listener_on_fd,
		.dispatch = listener_dispatch,
		.control = listener_control,
		.chroot_of = listener_chroot,
		.serves_control = 1,
	},
};

static const int sandboxd_pairs[][2] = {
	{ PROC_SPAWNER, PROC_LISTENER },
};

static int
sandboxd_parent_init(struct proc_ctx *ctx)
{
	struct harness_conf	*conf = ctx->conf;
	char			 err[512];
	uid_t			 suid;
	gid_t			 sgid;

	if (confine_lookup_user(conf->sandboxd.sandbox_user, &suid, &sgid) ==
	    -1) {
		log_warnx("unknown sandbox user %s (create it, see "
		    "harness.conf(5))", conf->sandboxd.sandbox_user);
		return -1;
	}
	/*
	 * Workspaces: the spawner creates each one as the sandbox user
	 * (it has no CAP_CHOWN), so the sandbox group may write here;
	 * nobody else may even look.
	 */
	if (proc_mkdir(conf->sandboxd.d.chroot, 0, 0, 0755, err,
	    sizeof(err)) == -1 ||
	    proc_mkdir(conf->statedir, 0, 0, 0755, err, sizeof(err)) == -1 ||
	    proc_mkdir(conf->sandboxd.workspaces, 0, sgid, 0730, err,
	    sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	return 0;
}

static const struct daemon_def sandboxd_def = {
	.id = D_SANDBOXD,
	.procs = sandboxd_procs,
	.nprocs = PROC_SANDBOXD_MAX,
	.pairs = sandboxd_pairs,
	.npairs = 1,
	.parent_init = sandboxd_parent_init,
};

int
main(int argc, char *argv[])
{
	return proc_main(argc, argv, &sandboxd_def);
}
