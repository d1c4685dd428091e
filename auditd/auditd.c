/*
 * auditd parent: prepares the log directory (owned by _audit, 0700) and
 * starts the writer, which holds the audit log (see writer.c).
 */
#include <sys/types.h>

#include <stdio.h>

#include "auditd.h"
#include "conf.h"
#include "confine.h"
#include "log.h"
#include "proc.h"

static const struct proc_def auditd_procs[] = {
	[PROC_WRITER] = {
		.title = "writer",
		.run = writer_run,
		.control = writer_control,
		.reload = writer_reload,
		.chroot_of = writer_chroot,
		.serves_control = 1,
	},
};

static int
auditd_parent_init(struct proc_ctx *ctx)
{
	struct harness_conf	*conf = ctx->conf;
	char			 err[512];
	uid_t			 uid;
	gid_t			 gid;

	if (confine_lookup_user(conf->auditd.d.user, &uid, &gid) == -1) {
		log_warnx("unknown user %s", conf->auditd.d.user);
		return -1;
	}
	if (proc_mkdir(conf->statedir, 0, 0, 0755, err, sizeof(err)) == -1 ||
	    proc_mkdir(conf->auditd.d.chroot, uid, gid, 0700, err,
	    sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	return 0;
}

static const struct daemon_def auditd_def = {
	.id = D_AUDITD,
	.procs = auditd_procs,
	.nprocs = PROC_AUDITD_MAX,
	.parent_init = auditd_parent_init,
};

int
main(int argc, char *argv[])
{
	return proc_main(argc, argv, &auditd_def);
}
