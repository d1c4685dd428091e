/*
 * vaultd parent: prepares the store directory (owned by _vault, 0700)
 * and starts the store process.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auditc.h"
#include "conf.h"
#include "confine.h"
#include "log.h"
#include "proc.h"
#include "vault_proto.h"
#include "vaultd.h"

static const struct proc_def vaultd_procs[] = {
	[PROC_VAULT] = {
		.title = "store",
		.run = vault_run,
		.on_fd = vault_on_fd,
		.dispatch = vault_dispatch,
		.stopping = vault_stopping,
		.control = vault_control,
		.chroot_of = vault_chroot,
		.reloaded = audit_reload,
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

/*
 * The key file lives outside the store's chroot: the parent reads it as
 * root, before it confines itself, and hands it over in a memfd.  A key
 * file that others could read is not used.
 */
static void
vaultd_parent_started(struct proc_ctx *ctx)
{
	const char	*path = ctx->conf->vaultd.keyfile;
	struct stat	 st;
	unsigned char	 key[VAULT_KEYFILE_LEN];
	ssize_t		 n;
	int		 fd, mfd;

	if (path[0] == '\0')
		return;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		log_warn("key file %s; vault stays sealed", path);
		return;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size != VAULT_KEYFILE_LEN) {
		log_warnx("key file %s: not a file of %d bytes; vault stays "
		    "sealed", path, VAULT_KEYFILE_LEN);
		close(fd);
		return;
	}
	if (st.st_uid != 0 || (st.st_mode & 077) != 0) {
		log_warnx("key file %s: must be owned by root and not "
		    "readable by others (mode 0600); vault stays sealed",
		    path);
		close(fd);
		return;
	}
	n = read(fd, key, sizeof(key));
	close(fd);
	if (n != (ssize_t)sizeof(key)) {
		log_warnx("key file %s: short read; vault stays sealed", path);
		explicit_bzero(key, sizeof(key));
		return;
	}
	if ((mfd = memfd_create("vault-keyfile", MFD_CLOEXEC)) == -1 ||
	    write(mfd, key, sizeof(key)) != (ssize_t)sizeof(key)) {
		log_warn("key file memfd; vault stays sealed");
		explicit_bzero(key, sizeof(key));
		if (mfd != -1)
			close(mfd);
		return;
	}
	explicit_bzero(key, sizeof(key));
	imsgev_compose(&ctx->children[PROC_VAULT], IMSG_VAULT_KEYFILE, 0,
	    mfd, NULL, 0);
}

static const struct daemon_def vaultd_def = {
	.id = D_VAULTD,
	.procs = vaultd_procs,
	.nprocs = PROC_VAULTD_MAX,
	.parent_init = vaultd_parent_init,
	.parent_started = vaultd_parent_started,
};

int
main(int argc, char *argv[])
{
	return proc_main(argc, argv, &vaultd_def);
}
