/*
 * harnessd parent: binds agent.sock (and any TCP listeners) as root,
 * starts the gateway and engine, passes them their sockets, then sits
 * confined (uid 0, no capabilities, seccomp) supervising them.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditc.h"
#include "conf.h"
#include "confine.h"
#include "harnessd.h"
#include "log.h"
#include "proc.h"
#include "proto.h"

static struct harnessd_parent parent_state;

static const struct proc_def harnessd_procs[] = {
	[PROC_GATEWAY] = {
		.title = "gateway",
		.run = gateway_run,
		.dispatch = gateway_dispatch,
		.on_fd = gateway_on_fd,
		.reload = gateway_reload,
		.chroot_of = gateway_chroot,
		.stopping = gateway_stopping,
	},
	[PROC_ENGINE] = {
		.title = "engine",
		.run = engine_run,
		.dispatch = engine_dispatch,
		.on_fd = engine_on_fd,
		.control = engine_control,
		.reload = engine_reload,
		.reloaded = audit_reload,
		.chroot_of = engine_chroot,
		.stopping = engine_stopping,
		.serves_control = 1,
	},
};

static const int harnessd_pairs[][2] = {
	{ PROC_GATEWAY, PROC_ENGINE },
};

static int
tcp_listen(const struct conf_listen *l, char *err, size_t errlen)
{
	int	 fd, on = 1;

	if ((fd = socket(l->ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1 ||
	    bind(fd, (const struct sockaddr *)&l->ss, l->sslen) == -1 ||
	    listen(fd, PROC_LISTEN_BACKLOG) == -1) {
		snprintf(err, errlen, "listen on %s port %u: %s", l->host,
		    l->port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
harnessd_parent_init(struct proc_ctx *ctx)
{
	struct harnessd_parent	*ps = &parent_state;
	struct harness_conf	*conf = ctx->conf;
	struct conf_listen	*l;
	uid_t			 uid;
	gid_t			 gid;
	char			 err[512];
	int			 fd;

	ctx->arg = ps;
	if (confine_lookup_user(conf->harnessd.d.user, &uid, &gid) == -1) {
		log_warnx("unknown user %s", conf->harnessd.d.user);
		return -1;
	}
	if (proc_mkdir(conf->harnessd.d.chroot, 0, 0, 0755, err,
	    sizeof(err)) == -1 ||
	    proc_mkdir(conf->statedir, 0, 0, 0755, err, sizeof(err)) == -1 ||
	    proc_mkdir(conf->harnessd.engine_chroot, uid, gid, 0700, err,
	    sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	TAILQ_FOREACH(l, &conf->harnessd.listens, entry) {
		if (ps->nagent >= sizeof(ps->agent_fds) / sizeof(int)) {
			log_warnx("too many listeners");
			return -1;
		}
		if (l->type == LISTEN_UNIX)
			fd = proc_bind_unix(&l->sock, err, sizeof(err));
		else
			fd = tcp_listen(l, err, sizeof(err));
		if (fd == -1) {
			log_warnx("agent listener: %s", err);
			return -1;
		}
		ps->agent_fds[ps->nagent++] = fd;
		if (l->type == LISTEN_UNIX)
			proc_unlink_at_exit(ctx, l->sock.path);
		if (l->type == LISTEN_UNIX)
			log_info("listening on %s", l->sock.path);
		else
			log_info("listening on %s port %u", l->host, l->port);
	}
	return 0;
}

static void
harnessd_parent_started(struct proc_ctx *ctx)
{
	struct harnessd_parent	*ps = ctx->arg;
	size_t			 i;

	for (i = 0; i < ps->nagent; i++) {
		if (proc_send_listen(ctx, PROC_GATEWAY, LISTEN_KIND_AGENT,
		    ps->agent_fds[i]) == -1)
			fatal("passing the agent socket");
		close(ps->agent_fds[i]);
		ps->agent_fds[i] = -1;
	}
}

static const struct daemon_def harnessd_def = {
	.id = D_HARNESSD,
	.procs = harnessd_procs,
	.nprocs = PROC_HARNESSD_MAX,
	.pairs = harnessd_pairs,
	.npairs = sizeof(harnessd_pairs) / sizeof(harnessd_pairs[0]),
	.parent_init = harnessd_parent_init,
	.parent_started = harnessd_parent_started,
};

int
main(int argc, char *argv[])
{
	return proc_main(argc, argv, &harnessd_def);
}
