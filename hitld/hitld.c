/*
 * hitld parent: binds the approvers' socket (group-restricted), starts
 * the queue process and passes the socket to it.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auditc.h"
#include "conf.h"
#include "hitld.h"
#include "log.h"
#include "proc.h"
#include "proto.h"
#include "wire.h"

static struct hitld_parent parent_state = { -1, -1 };

static const struct proc_def hitld_procs[] = {
	[PROC_QUEUE] = {
		.title = "queue",
		.run = queue_run,
		.on_fd = queue_on_fd,
		.control = queue_control,
		.reload = queue_reload,
		.reloaded = audit_reload,
		.dispatch = queue_dispatch,
		.chroot_of = queue_chroot,
		.stopping = queue_stopping,
		.serves_control = 1,
	},
};

/*
 * statedir/hitld/ids, root's and 0600: the queue (not root, in an empty
 * chroot) writes it through the descriptor it is passed.
 */
static int
ids_open(const struct harness_conf *conf, char *err, size_t errlen)
{
	char		 dir[PATH_MAX], path[PATH_MAX];
	struct stat	 st;
	int		 fd;

	if (snprintf(dir, sizeof(dir), "%s/%s", conf->statedir,
	    HITLD_IDS_DIR) >= (int)sizeof(dir) ||
	    snprintf(path, sizeof(path), "%s/%s", dir, HITLD_IDS_FILE) >=
	    (int)sizeof(path)) {
		snprintf(err, errlen, "%.300s: statedir too long",
		    conf->statedir);
		return -1;
	}
	if (proc_mkdir(conf->statedir, 0, 0, 0755, err, errlen) == -1 ||
	    proc_mkdir(dir, 0, 0, 0700, err, errlen) == -1)
		return -1;
	if ((fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600)) == -1) {
		snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%.300s: not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}

static int
hitld_parent_init(struct proc_ctx *ctx)
{
	struct harness_conf	*conf = ctx->conf;
	char			 err[512];

	ctx->arg = &parent_state;
	if (proc_mkdir(conf->hitld.d.chroot, 0, 0, 0755, err,
	    sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	parent_state.approver_fd = proc_bind_unix(&conf->hitld.approver, err,
	    sizeof(err));
	if (parent_state.approver_fd == -1) {
		log_warnx("approver socket: %s", err);
		return -1;
	}
	proc_unlink_at_exit(ctx, conf->hitld.approver.path);
	if ((parent_state.ids_fd = ids_open(conf, err, sizeof(err))) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	return 0;
}

static void
hitld_parent_started(struct proc_ctx *ctx)
{
	if (proc_send_listen(ctx, PROC_QUEUE, LISTEN_KIND_APPROVER,
	    parent_state.approver_fd) == -1)
		fatal("passing the approver socket");
	close(parent_state.approver_fd);
	parent_state.approver_fd = -1;
	if (proc_send_listen(ctx, PROC_QUEUE, LISTEN_KIND_IDS,
	    parent_state.ids_fd) == -1)
		fatal("passing the request-id file");
	close(parent_state.ids_fd);
	parent_state.ids_fd = -1;
}

/*
 * The queue named approvers from the password database it read at
 * start; on SIGHUP it gets the password file's names again, so that
 * an approver added since then is named in decisions, not numbered.
 */
static void
hitld_parent_reload(struct proc_ctx *ctx)
{
	struct users	 t;
	struct wbuf	 wb;
	size_t		 pos = 0;

	memset(&t, 0, sizeof(t));
	if (users_read(&t, HITLD_PASSWD) == -1) {
		log_warn("reload: %s", HITLD_PASSWD);
		users_free(&t);
		return;
	}
	while (pos < t.n) {
		wire_init(&wb);
		users_encode(&t, &pos, &wb);
		if (wire_ok(&wb) == -1 || imsgev_compose(
		    &ctx->children[PROC_QUEUE], IMSG_HITL_USERS, 0, -1,
		    wb.buf, wb.len) == -1) {
			log_warn("reload: sending the user table");
			break;
		}
	}
	log_debug("reload: %zu users read from %s", t.n, HITLD_PASSWD);
	users_free(&t);
}

static const struct daemon_def hitld_def = {
	.id = D_HITLD,
	.procs = hitld_procs,
	.nprocs = PROC_HITLD_MAX,
	.parent_init = hitld_parent_init,
	.parent_started = hitld_parent_started,
	.parent_reload = hitld_parent_reload,
};

int
main(int argc, char *argv[])
{
	return proc_main(argc, argv, &hitld_def);
}
