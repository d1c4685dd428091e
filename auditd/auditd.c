/*
 * auditd parent: prepares the log directory (owned by _audit, 0700) and
 * starts the writer, which holds the audit log (see writer.c).
 */
#include <sys/types.h>

#include <stdio.h>

#include "auditd.h"
#include "auditlog.h"
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
		.reloaded = writer_reloaded,
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
	int			 done;

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
	/*
	 * The keys of a new log are made here, as root, so that the
	 * verification key is root's (0400): the writer, running as
	 * its user with the running key, can never read K_0.
	 */
	if (auditlog_keys_prepare(conf->auditd.d.chroot, uid, gid, &done,
	    err, sizeof(err)) == -1) {
		log_warnx("audit keys: %s", err);
		return -1;
	}
	if (done == AUDITLOG_PREP_CREATED)
		log_info("created the keys of a new audit log in %s; its "
		    "verification key is %s/%s (root's, 0400): keep a copy "
		    "off this host", conf->auditd.d.chroot,
		    conf->auditd.d.chroot, AUDITLOG_VERIFYFILE);
	else if (done == AUDITLOG_PREP_CHOWNED)
		log_info("%s/%s is now root's (0400), out of the writer's "
		    "reach", conf->auditd.d.chroot, AUDITLOG_VERIFYFILE);
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
