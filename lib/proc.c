/*
 * The parent/child machinery shared by all daemons.  See proc.h.
 */
#include <sys/types.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "confine.h"
#include "control.h"
#include "imsg.h"
#include "imsgev.h"
#include "log.h"
#include "proc.h"
#include "proto.h"
#include "wire.h"

static void	 parent_dispatch(struct imsgev *, struct imsg *, void *);
static void	 child_dispatch(struct imsgev *, struct imsg *, void *);
static void	 peer_dispatch(struct imsgev *, struct imsg *, void *);
static void	 parent_shutdown(struct proc_ctx *, int) __attribute__((noreturn));
static void	 parent_reap(struct proc_ctx *, int);
static void	 proc_ready(struct proc_ctx *);

/* Who asked for a reload: a signal's sender, or a harnessctl client. */
struct reload_from {
	const char	*trigger;	/* "SIGHUP", "harnessctl" */
	int		 from_user;	/* uid and pid known */
	uid_t		 uid;
	pid_t		 pid;
};
static int	 parent_reload(struct proc_ctx *, const struct reload_from *,
		    char *, size_t);

extern char **environ;
static struct proc_ctx	 the_ctx;
static sigset_t		 parent_sigmask;	/* before SIGHUP was blocked */
static pid_t		 parent_pid;	/* the daemon's parent process */
static char		 conffile_abs[PATH_MAX];

const char *
proc_title(const struct proc_ctx *ctx)
{
	(void)ctx;
	return log_procname();
}

static __attribute__((noreturn)) void
usage(const char *name)
{
	fprintf(stderr, "usage: %s [-dnv] [-D macro=value] [-f file] "
	    "[-p pidfile]\n", name);
	exit(64);
}

int
proc_mkdir(const char *path, uid_t uid, gid_t gid, mode_t mode, char *err,
    size_t errlen)
{
	struct stat	 st;

	if (mkdir(path, mode) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "mkdir %s: %s", path, strerror(errno));
		return -1;
	}
	if (lstat(path, &st) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a directory", path);
		return -1;
	}
	if ((st.st_uid != uid || st.st_gid != gid) &&
	    chown(path, uid, gid) == -1) {
		snprintf(err, errlen, "chown %s: %s", path, strerror(errno));
		return -1;
	}
	if ((st.st_mode & 07777) != mode && chmod(path, mode) == -1) {
		snprintf(err, errlen, "chmod %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
proc_bind_unix(const struct conf_sock *cs, char *err, size_t errlen)
{
	struct sockaddr_un	 sun;
	struct stat		 st;
	uid_t			 uid = 0;
	gid_t			 gid = 0, ugid;
	mode_t			 old;
	int			 fd, probe;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlcpy(sun.sun_path, cs->path, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path too long: %s", cs->path);
		return -1;
	}
	if (cs->owner[0] != '\0' &&
	    confine_lookup_user(cs->owner, &uid, &ugid) == -1) {
		snprintf(err, errlen, "%s: unknown owner %s", cs->path,
		    cs->owner);
		return -1;
	}
	if (cs->group[0] != '\0' &&
	    confine_lookup_group(cs->group, &gid) == -1) {
		snprintf(err, errlen, "%s: unknown group %s", cs->path,
		    cs->group);
		return -1;
	}
	/* A live socket means another instance: do not steal it. */
	if (lstat(cs->path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			snprintf(err, errlen, "%s exists and is not a socket",
			    cs->path);
			return -1;
		}
		if ((probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0))
		    == -1) {
			snprintf(err, errlen, "socket: %s", strerror(errno));
			return -1;
		}
		if (connect(probe, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
			close(probe);
			snprintf(err, errlen, "%s: already in use (is another "
			    "instance running?)", cs->path);
			return -1;
		}
		close(probe);
		if (unlink(cs->path) == -1) {
			snprintf(err, errlen, "unlink stale %s: %s", cs->path,
			    strerror(errno));
			return -1;
		}
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		umask(old);
		snprintf(err, errlen, "bind %s: %s", cs->path, strerror(errno));
		close(fd);
		return -1;
	}
	umask(old);
	if (chown(cs->path, uid, gid) == -1 ||
	    chmod(cs->path, cs->mode ? cs->mode : 0600) == -1) {
		snprintf(err, errlen, "%s: %s", cs->path, strerror(errno));
		unlink(cs->path);
		close(fd);
		return -1;
	}
	if (listen(fd, PROC_LISTEN_BACKLOG) == -1) {
		snprintf(err, errlen, "listen %s: %s", cs->path,
		    strerror(errno));
		unlink(cs->path);
		close(fd);
		return -1;
	}
	return fd;
}

static struct {
	struct event	*ev;
	struct timespec	 due;		/* CLOCK_MONOTONIC */
	int		(*done)(struct proc_ctx *);
	void		(*end)(struct proc_ctx *, int);
} finish;

static void
finish_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct proc_ctx	*ctx = arg;
	struct timeval	 tv = { 0, 20 * 1000 };
	struct timespec	 now;
	int		 in_time;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!(in_time = finish.done(ctx)) &&
	    !timespeccmp(&now, &finish.due, >=)) {
		evtimer_add(finish.ev, &tv);
		return;
	}
	if (finish.end != NULL)
		finish.end(ctx, in_time);
	event_base_loopexit(ctx->base, NULL);
}

int
proc_finish(struct proc_ctx *ctx, int (*done)(struct proc_ctx *),
    void (*end)(struct proc_ctx *, int))
{
	struct timespec	 wait = { (PROC_STOP_MS * 3 / 4) / 1000,
			    ((PROC_STOP_MS * 3 / 4) % 1000) * 1000000 };

	if (finish.ev == NULL &&
	    (finish.ev = evtimer_new(ctx->base, finish_cb, ctx)) == NULL)
		return 0;
	finish.done = done;
	finish.end = end;
	clock_gettime(CLOCK_MONOTONIC, &finish.due);
	timespecadd(&finish.due, &wait, &finish.due);
	finish_cb(-1, 0, ctx);
	return 1;
}

void
proc_unlink_at_exit(struct proc_ctx *ctx, const char *path)
{
	if (ctx->nunlink >= sizeof(ctx->unlink_at_exit) /
	    sizeof(ctx->unlink_at_exit[0]))
		fatalx("%s: too many sockets", __func__);
	strlcpy(ctx->unlink_at_exit[ctx->nunlink++], path, PATH_MAX);
}

/* ---- child side ---- */

void
proc_confine(struct proc_ctx *ctx, const struct proc_confine_spec *spec)
{
	struct confine		 c;
	struct confine_report	 rep;
	struct wbuf		 wb;
	const struct conf_daemon *d = conf_daemon(ctx->conf, ctx->daemon->id);
	struct confine_errno	 soft[32];
	int			*all;
	size_t			 n = 0, i;
	char			 err[512];
	pid_t			 ppid = getppid();

	all = calloc(confine_base_nsyscalls + spec->nsyscalls, sizeof(int));
	if (all == NULL)
		fatal("%s: calloc", __func__);
	for (i = 0; i < confine_base_nsyscalls; i++)
		all[n++] = confine_base_syscalls[i];
	for (i = 0; i < spec->nsyscalls; i++)
		all[n++] = spec->syscalls[i];

	memset(&c, 0, sizeof(c));
	c.user = ctx->self->as_root ? NULL : d->user;
	c.chroot = ctx->self->chroot_of != NULL ?
	    ctx->self->chroot_of(ctx->conf) : NULL;
	c.keep_caps = spec->keep_caps;
	c.nkeep = spec->nkeep;
	c.nodump = spec->nodump;
	c.syscalls = all;
	c.nsyscalls = n;
	c.argrules = spec->argrules;
	c.nargrules = spec->nargrules;
	c.soft = soft;
	c.nsoft = 0;
	for (i = 0; i < confine_base_nsoft; i++)
		soft[c.nsoft++] = confine_base_soft[i];
	if (!spec->allow_files)
		for (i = 0; i < confine_nofile_nsoft; i++)
			soft[c.nsoft++] = confine_nofile_soft[i];
	for (i = 0; i < spec->nsoft; i++) {
		if (c.nsoft >= sizeof(soft) / sizeof(soft[0]))
			fatalx("%s: too many soft denies", __func__);
		soft[c.nsoft++] = spec->soft[i];
	}
	c.notify = spec->notify;
	c.nnotify = spec->nnotify;
	c.debug = ctx->conf->seccomp_debug;
	c.pdeathsig = SIGTERM;
	if (confine_process(&c, err, sizeof(err)) == -1)
		fatalx("cannot confine: %s", err);
	free(all);
	if (getppid() != ppid)
		fatalx("parent went away while starting");

	confine_self_report(&rep);
	wire_init(&wb);
	wire_put_u32(&wb, rep.uid);
	wire_put_u32(&wb, rep.gid);
	wire_put_u32(&wb, (uint32_t)rep.seccomp);
	wire_put_u32(&wb, (uint32_t)rep.nnp);
	wire_put_u64(&wb, rep.capeff);
	if (proc_compose_parent(ctx, IMSG_PROC_READY, 0, -1, wb.buf,
	    wb.len) == -1)
		fatal("%s: ready", __func__);
	log_debug("confined: uid %u, chroot %s, seccomp %d, caps 0x%llx",
	    (unsigned)rep.uid, c.chroot ? c.chroot : "none", rep.seccomp,
	    (unsigned long long)rep.capeff);
}

int
proc_compose_parent(struct proc_ctx *ctx, uint32_t type, uint32_t peerid,
    int fd, const void *data, size_t len)
{
	return imsgev_compose(&ctx->parent, type, peerid, fd, data, len);
}

int
proc_compose_peer(struct proc_ctx *ctx, int idx, uint32_t type,
    uint32_t peerid, int fd, const void *data, size_t len)
{
	if (idx < 0 || idx >= PROC_MAX || ctx->peers[idx] == NULL) {
		if (fd != -1)
			close(fd);
		errno = ENOTCONN;
		return -1;
	}
	return imsgev_compose(ctx->peers[idx], type, peerid, fd, data, len);
}

int
proc_request_connect(struct proc_ctx *ctx, enum daemon_id id)
{
	uint32_t	 d = (uint32_t)id;

	return proc_compose_parent(ctx, IMSG_PROC_CONNECT, 0, -1, &d,
	    sizeof(d));
}

static void
table_decode(struct proc_ctx *ctx, struct imsg *imsg)
{
	struct rbuf	 rb;
	struct proc_info pi;
	uint32_t	 idx, pid, uid, sc, nnp, ready;
	int64_t		 started;
	uint64_t	 capeff;

	memset(&pi, 0, sizeof(pi));
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	wire_get_u32(&rb, &idx);
	wire_get_strbuf(&rb, pi.title, sizeof(pi.title));
	wire_get_u32(&rb, &pid);
	wire_get_u32(&rb, &uid);
	wire_get_strbuf(&rb, pi.user, sizeof(pi.user));
	wire_get_strbuf(&rb, pi.chroot, sizeof(pi.chroot));
	wire_get_i64(&rb, &started);
	wire_get_u32(&rb, &ready);
	wire_get_u32(&rb, &sc);
	wire_get_u32(&rb, &nnp);
	wire_get_u64(&rb, &capeff);
	if (wire_end(&rb) == -1 || idx > PROC_MAX)
		fatalx("%s: bad process table entry", __func__);
	pi.pid = (pid_t)pid;
	pi.uid = (uid_t)uid;
	pi.started = (time_t)started;
	pi.ready = (int)ready;
	pi.rep.uid = (uid_t)uid;
	pi.rep.seccomp = (int)sc;
	pi.rep.nnp = (int)nnp;
	pi.rep.capeff = capeff;
	ctx->table[idx] = pi;
	if (idx + 1 > ctx->ntable)
		ctx->ntable = idx + 1;
}

/*
 * The parent's words with a reload (see reload_info()): a message it
 * cannot have sent is fatal, as every other framework message is.
 */
static void
reload_decode(struct imsg *imsg, struct proc_reload *rl, char **textp)
{
	static char	 trigger[32];
	struct rbuf	 rb;
	uint32_t	 from_user, uid;
	int64_t		 pid;

	memset(rl, 0, sizeof(*rl));
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_strbuf(&rb, trigger, sizeof(trigger)) == -1 ||
	    wire_get_u32(&rb, &from_user) == -1 ||
	    wire_get_u32(&rb, &uid) == -1 || wire_get_i64(&rb, &pid) == -1 ||
	    wire_get_str(&rb, textp, PROC_RELOAD_TEXT_MAX) == -1 ||
	    wire_end(&rb) == -1 || from_user > 1 || pid < 0 ||
	    pid > INT32_MAX)
		fatalx("bad reload message from the parent");
	rl->trigger = trigger;
	rl->from_user = (int)from_user;
	rl->uid = (uid_t)uid;
	rl->pid = (pid_t)pid;
}

/* The parent's answer to a client's reload: pass it on, if still there. */
static void
reload_done(struct imsg *imsg)
{
	struct ctl_conn	*c;
	struct rbuf	 rb;
	const void	*text;
	size_t		 len;
	uint32_t	 conn, result;
	static struct wbuf wb;	/* not on the stack: 16 KiB */

	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_u32(&rb, &conn) == -1 || wire_get_u32(&rb, &result) ==
	    -1 || wire_get_blob(&rb, &text, &len, PROC_RELOAD_TEXT_MAX) ==
	    -1 || wire_end(&rb) == -1 || result > PROC_RELOAD_REFUSED)
		fatalx("bad reload answer from the parent");
	if ((c = control_find(conn)) == NULL)
		return;		/* the client left */
	wire_init(&wb);
	wire_put_u32(&wb, result);
	wire_put_strn(&wb, text, len);
	control_reply(c, IMSG_CTL_RELOAD, imsg->hdr.peerid, -1, wb.buf,
	    wb.len);
}

/* A new configuration from the parent: parse, hand over, report. */
static void
child_reload(struct proc_ctx *ctx, const struct conf_bundle *b,
    const struct proc_reload *from)
{
	struct proc_reload	 r = *from, *rl = &r;
	struct harness_conf	*nconf;
	char			 err[2048], note[512];

	note[0] = '\0';
	if ((nconf = conf_load_bundle(b->buf, b->len, err, sizeof(err))) ==
	    NULL) {
		/* The parent parsed the same bytes: a bug, not the file. */
		log_warnx("reload: %s", err);
		rl->result = PROC_RELOAD_REFUSED;
		rl->error = err;
	} else {
		rl->result = PROC_RELOAD_APPLIED;
		if (ctx->self->reload != NULL && ctx->self->reload(ctx, nconf,
		    note, sizeof(note)) == -1) {
			rl->result = PROC_RELOAD_PARTIAL;
			rl->error = note[0] != '\0' ? note : "not said";
		} else if (note[0] != '\0')
			rl->note = note;
		conf_free(ctx->conf);
		ctx->conf = nconf;
		log_info("configuration reloaded");
		rl->bundle = b->buf;
		rl->bundlelen = b->len;
	}
	if (ctx->self->reloaded != NULL)
		ctx->self->reloaded(ctx, rl);
}

/*
 * Stop: finish what the process was doing if it knows how (a stopping
 * hook that says so), else exit now.  Once.
 */
static void
child_stop(struct proc_ctx *ctx, const char *why, int status)
{
	if (ctx->stopping)
		return;		/* told once already */
	ctx->stopping = 1;
	ctx->exit_status = status;
	if (ctx->self->stopping != NULL && ctx->self->stopping(ctx)) {
		if (status != 0)
			log_warnx("%s, finishing", why);
		else
			log_info("%s, finishing", why);
		return;
	}
	if (status != 0)
		log_warnx("%s, exiting", why);
	else
		log_info("%s, exiting", why);
	exit(status);
}

/* Has the parent closed its end (a stop on its way to us)? */
static int
parent_closed(struct proc_ctx *ctx)
{
	struct pollfd	 pfd;

	pfd.fd = ctx->parent.ibuf.fd;
	pfd.events = POLLRDHUP;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLRDHUP | POLLHUP)) != 0;
}

static void
child_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	struct proc_ctx		*ctx = arg;
	struct conf_bundle	 b;
	struct proc_reload	 rl;
	struct rbuf		 rb;
	uint32_t		 v;
	char			 name[64], *text;

	if (imsg == NULL) {
		child_stop(ctx, "parent closed the channel", 0);
		return;
	}
	switch (imsg->hdr.type) {
	case IMSG_PROC_PEER:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &v) == -1 || wire_end(&rb) == -1 ||
		    v >= ctx->daemon->nprocs || imsg->fd == -1)
			fatalx("%s: bad PEER message", __func__);
		if (ctx->peers[v] != NULL)
			fatalx("%s: second channel to %s", __func__,
			    ctx->daemon->procs[v].title);
		if ((ctx->peers[v] = calloc(1, sizeof(struct imsgev))) == NULL)
			fatal("%s: calloc", __func__);
		snprintf(name, sizeof(name), "%s", ctx->daemon->procs[v].title);
		if (imsgev_init(ctx->peers[v], ctx->base, imsg->fd,
		    peer_dispatch, ctx, name) == -1)
			fatal("%s: peer channel", __func__);
		imsg->fd = -1;
		break;
	case IMSG_PROC_LISTEN:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &v) == -1 || wire_end(&rb) == -1 ||
		    imsg->fd == -1)
			fatalx("%s: bad LISTEN message", __func__);
		if (v == LISTEN_KIND_CONTROL)
			control_listen(ctx, imsg->fd);
		else if (ctx->self->on_fd != NULL)
			ctx->self->on_fd(ctx, IMSG_PROC_LISTEN, v, imsg->fd);
		else
			close(imsg->fd);
		imsg->fd = -1;
		break;
	case IMSG_PROC_CONNECTED:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &v) == -1)
			fatalx("%s: bad CONNECTED message", __func__);
		if (ctx->self->on_fd != NULL)
			ctx->self->on_fd(ctx, IMSG_PROC_CONNECTED, v, imsg->fd);
		else if (imsg->fd != -1)
			close(imsg->fd);
		imsg->fd = -1;
		break;
	case IMSG_PROC_TABLE:
		table_decode(ctx, imsg);
		break;
	case IMSG_PROC_GO:
		log_debug("started");
		break;
	case IMSG_PROC_CONFIG:
		if (imsg->fd == -1 || conf_bundle_from_fd(imsg->fd, &b) == -1)
			fatalx("%s: bad CONFIG message", __func__);
		reload_decode(imsg, &rl, &text);
		rl.restart = text[0] != '\0' ? text : NULL;
		child_reload(ctx, &b, &rl);
		conf_bundle_free(&b);
		free(text);
		break;
	case IMSG_PROC_RELOAD_DONE:
		reload_done(imsg);
		break;
	case IMSG_PROC_RELOAD_FAILED:
		reload_decode(imsg, &rl, &text);
		rl.result = PROC_RELOAD_REFUSED;
		rl.error = text;
		if (ctx->self->reloaded != NULL)
			ctx->self->reloaded(ctx, &rl);
		free(text);
		break;
	default:
		if (ctx->self->dispatch == NULL)
			fatalx("%s: unexpected message %u from parent",
			    __func__, imsg->hdr.type);
		ctx->self->dispatch(ctx, iev, imsg);
		break;
	}
}

static void
peer_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	struct proc_ctx	*ctx = arg;
	char		 why[128];

	if (imsg == NULL) {
		/* Shutting down, a sibling may finish first. */
		if (ctx->stopping)
			return;
		/*
		 * A stop the parent sent us too, seen first from a sibling
		 * that had nothing to finish: stop as the parent asks, so
		 * that what we hold (a database) is closed properly.
		 */
		if (parent_closed(ctx)) {
			child_stop(ctx, "parent closed the channel", 0);
			return;
		}
		/* The parent sees the death too and takes us all down. */
		snprintf(why, sizeof(why), "lost channel to %s", iev->name);
		child_stop(ctx, why, 1);
		return;
	}
	if (ctx->self->dispatch == NULL)
		fatalx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
	ctx->self->dispatch(ctx, iev, imsg);
}

static __attribute__((noreturn)) void
child_main(struct proc_ctx *ctx, const char *title)
{
	struct imsgbuf	 ib;
	struct imsg	 imsg;
	size_t		 i;
	char		 err[4096], name[96];
	int		 rc;

	for (i = 0; i < ctx->daemon->nprocs; i++)
		if (strcmp(ctx->daemon->procs[i].title, title) == 0)
			break;
	if (i == ctx->daemon->nprocs)
		fatalx("unknown process title %s", title);
	ctx->self = &ctx->daemon->procs[i];
	ctx->self_idx = (int)i;
	snprintf(name, sizeof(name), "%s/%s", daemon_names[ctx->daemon->id],
	    title);
	log_procinit(name);
	setproctitle("%s", title);
	/* Exec'd as /proc/self/exe: be "harnessd", not "exe", to pgrep. */
	(void)prctl(PR_SET_NAME, daemon_names[ctx->daemon->id], 0, 0, 0);

	if (fcntl(PROC_PARENT_FD, F_GETFD) == -1)
		fatalx("fd %d is not the parent channel", PROC_PARENT_FD);
	imsg_init(&ib, PROC_PARENT_FD);
	rc = imsg_wait(&ib, &imsg, 10000);
	if (rc != 1)
		fatalx("no configuration from the parent");
	if (imsg.hdr.type != IMSG_PROC_CONFIG || imsg.fd == -1 ||
	    conf_bundle_from_fd(imsg.fd, &ctx->bundle) == -1)
		fatalx("bad configuration message from the parent");
	close(imsg.fd);
	imsg_free(&imsg);
	if (ib.rlen != 0 || !TAILQ_EMPTY(&ib.fds))
		fatalx("parent sent more than the configuration first");
	imsg_clear(&ib);
	ctx->conf = conf_load_bundle(ctx->bundle.buf, ctx->bundle.len, err,
	    sizeof(err));
	conf_bundle_free(&ctx->bundle);
	if (ctx->conf == NULL)
		fatalx("configuration from parent: %s", err);

	if ((ctx->base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	if (imsgev_init(&ctx->parent, ctx->base, PROC_PARENT_FD,
	    child_dispatch, ctx, "parent") == -1)
		fatal("parent channel");
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);	/* the parent decides */

	ctx->self->run(ctx);
	exit(ctx->exit_status);
}

/* ---- parent side ---- */

static void
send_table_entry(struct proc_ctx *ctx, size_t idx)
{
	struct wbuf		 wb;
	const struct proc_info	*pi = &ctx->table[idx];
	size_t			 i;

	wire_init(&wb);
	wire_put_u32(&wb, (uint32_t)idx);
	wire_put_str(&wb, pi->title);
	wire_put_u32(&wb, (uint32_t)pi->pid);
	wire_put_u32(&wb, (uint32_t)pi->uid);
	wire_put_str(&wb, pi->user);
	wire_put_str(&wb, pi->chroot);
	wire_put_i64(&wb, (int64_t)pi->started);
	wire_put_u32(&wb, (uint32_t)pi->ready);
	wire_put_u32(&wb, (uint32_t)pi->rep.seccomp);
	wire_put_u32(&wb, (uint32_t)pi->rep.nnp);
	wire_put_u64(&wb, pi->rep.capeff);
	for (i = 0; i < ctx->daemon->nprocs; i++)
		if (ctx->daemon->procs[i].serves_control)
			imsgev_compose(&ctx->children[i], IMSG_PROC_TABLE, 0,
			    -1, wb.buf, wb.len);
}

int
proc_send_listen(struct proc_ctx *ctx, int child, uint32_t kind, int fd)
{
	int	 nfd;

	if ((nfd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) == -1)
		return -1;
	return imsgev_compose(&ctx->children[child], IMSG_PROC_LISTEN, 0, nfd,
	    &kind, sizeof(kind));
}

/*
 * Before the child gets the connection, say whose it is: the child
 * cannot take that back, so the daemon at the other end can hold a
 * daemon's connection to what daemons may do, although the connect
 * came from root.
 */
static int
send_role(struct proc_ctx *ctx, int child, int fd)
{
	struct imsgbuf	 ib;
	struct wbuf	 wb;
	char		 title[64];
	int		 rc;

	snprintf(title, sizeof(title), "%s/%s",
	    daemon_names[ctx->daemon->id], ctx->daemon->procs[child].title);
	wire_init(&wb);
	wire_put_str(&wb, title);
	imsg_init(&ib, fd);
	rc = imsg_compose(&ib, IMSG_CTL_ROLE, 0, 0, -1, wb.buf, wb.len);
	if (rc != -1)
		rc = imsg_flush(&ib);
	imsg_clear(&ib);
	return rc == -1 ? -1 : 0;
}

static void
parent_connect(struct proc_ctx *ctx, int child, uint32_t id)
{
	struct sockaddr_un	 sun;
	struct wbuf		 wb;
	const struct conf_daemon *d;
	int			 fd = -1, saved = 0;

	if (id >= D_MAX) {
		log_warnx("%s: bad daemon %u", __func__, id);
		return;
	}
	d = conf_daemon(ctx->conf, (enum daemon_id)id);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strlcpy(sun.sun_path, d->control.path, sizeof(sun.sun_path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		saved = errno;
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	if (fd != -1 && send_role(ctx, child, fd) == -1) {
		saved = errno;
		close(fd);
		fd = -1;
	}
	wire_init(&wb);
	wire_put_u32(&wb, id);
	wire_put_str(&wb, fd == -1 ? strerror(saved) : "");
	imsgev_compose(&ctx->children[child], IMSG_PROC_CONNECTED, 0, fd,
	    wb.buf, wb.len);
	if (fd == -1)
		log_debug("connect to %s (%s): %s", daemon_names[id],
		    d->control.path, strerror(saved));
}

/*
 * A harnessctl client asked the child that serves the control socket
 * for a reload (proc_reload_request): do it, and answer that child
 * after the new configuration, so that its reply comes after its own
 * reload.
 */
static void
parent_reload_req(struct proc_ctx *ctx, int child, struct imsg *imsg)
{
	static struct wbuf	 wb;
	struct reload_from	 from;
	struct rbuf		 rb;
	uint32_t		 conn, uid;
	int64_t			 pid;
	char			 text[4096];
	int			 rc;

	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_u32(&rb, &conn) == -1 || wire_get_u32(&rb, &uid) == -1 ||
	    wire_get_i64(&rb, &pid) == -1 || wire_end(&rb) == -1 ||
	    pid <= 0 || pid > INT32_MAX ||
	    !ctx->daemon->procs[child].serves_control) {
		log_warnx("%s: bad RELOAD_REQ from %s", __func__,
		    ctx->daemon->procs[child].title);
		parent_shutdown(ctx, 1);
	}
	from.trigger = "harnessctl";
	from.from_user = 1;
	from.uid = (uid_t)uid;
	from.pid = (pid_t)pid;
	rc = parent_reload(ctx, &from, text, sizeof(text));
	wire_init(&wb);
	wire_put_u32(&wb, conn);
	wire_put_u32(&wb, rc == 0 ? PROC_RELOAD_APPLIED : PROC_RELOAD_REFUSED);
	wire_put_strn(&wb, text, strnlen(text, PROC_RELOAD_TEXT_MAX));
	imsgev_compose(&ctx->children[child], IMSG_PROC_RELOAD_DONE,
	    imsg->hdr.peerid, -1, wb.buf, wb.len);
}

static void
parent_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	struct proc_ctx	*ctx = &the_ctx;
	struct rbuf	 rb;
	struct proc_info *pi;
	uint32_t	 uid, gid, sc, nnp, id;
	uint64_t	 capeff;
	int		 child = (int)(intptr_t)arg;

	if (imsg == NULL) {
		if (!ctx->shutting_down) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };
			int	 i;

			/* Say how it died if it is already gone. */
			for (i = 0; i < 20 && ctx->table[child + 1].pid != 0;
			    i++) {
				parent_reap(ctx, 0);
				nanosleep(&ts, NULL);
			}
			log_warnx("lost child: %s closed its channel",
			    ctx->daemon->procs[child].title);
			parent_shutdown(ctx, 1);
		}
		return;
	}
	switch (imsg->hdr.type) {
	case IMSG_PROC_READY:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		wire_get_u32(&rb, &uid);
		wire_get_u32(&rb, &gid);
		wire_get_u32(&rb, &sc);
		wire_get_u32(&rb, &nnp);
		wire_get_u64(&rb, &capeff);
		if (wire_end(&rb) == -1) {
			log_warnx("%s: bad READY from %s", __func__,
			    iev->name);
			parent_shutdown(ctx, 1);
		}
		pi = &ctx->table[child + 1];
		if (!pi->ready)
			ctx->nready++;
		pi->ready = 1;
		pi->uid = (uid_t)uid;
		pi->rep.uid = (uid_t)uid;
		pi->rep.gid = (gid_t)gid;
		pi->rep.seccomp = (int)sc;
		pi->rep.nnp = (int)nnp;
		pi->rep.capeff = capeff;
		log_info("%s ready: pid %d, uid %u, chroot %s, seccomp %u, "
		    "caps 0x%llx", pi->title, (int)pi->pid, uid,
		    pi->chroot[0] ? pi->chroot : "none", sc,
		    (unsigned long long)capeff);
		send_table_entry(ctx, (size_t)child + 1);
		if ((size_t)ctx->nready == ctx->daemon->nprocs) {
			log_info("ready: %zu processes",
			    ctx->daemon->nprocs + 1);
			proc_ready(ctx);
		}
		break;
	case IMSG_PROC_CONNECT:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &id) == -1 || wire_end(&rb) == -1) {
			log_warnx("%s: bad CONNECT from %s", __func__,
			    iev->name);
			parent_shutdown(ctx, 1);
		}
		parent_connect(ctx, child, id);
		break;
	case IMSG_PROC_RELOAD_REQ:
		parent_reload_req(ctx, child, imsg);
		break;
	default:
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		parent_shutdown(ctx, 1);
	}
}

static void
parent_reap(struct proc_ctx *ctx, int final)
{
	pid_t	 pid;
	int	 status;
	size_t	 i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < ctx->daemon->nprocs; i++)
			if (ctx->table[i + 1].pid == pid)
				break;
		if (i == ctx->daemon->nprocs)
			continue;
		ctx->table[i + 1].pid = 0;
		if (final)
			continue;
		if (WIFSIGNALED(status))
			log_warnx("lost child: %s (pid %d) terminated by "
			    "signal %d%s", ctx->table[i + 1].title, (int)pid,
			    WTERMSIG(status), WTERMSIG(status) == SIGSYS ?
			    " (seccomp violation)" : "");
		else
			log_warnx("lost child: %s (pid %d) exited with "
			    "status %d", ctx->table[i + 1].title, (int)pid,
			    WEXITSTATUS(status));
		if (!ctx->shutting_down)
			parent_shutdown(ctx, 1);
	}
}

/* Reap what exited; how many children are still running. */
static int
children_alive(struct proc_ctx *ctx)
{
	size_t	 i;
	int	 alive = 0;

	parent_reap(ctx, 1);
	for (i = 0; i < ctx->daemon->nprocs; i++)
		if (ctx->table[i + 1].pid != 0)
			alive++;
	return alive;
}

static void
parent_shutdown(struct proc_ctx *ctx, int code)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	size_t		 i;
	int		 tries, alive = 0;

	ctx->shutting_down = 1;
	for (i = 0; i < ctx->daemon->nprocs; i++)
		imsgev_close(&ctx->children[i]);
	/*
	 * Children exit when their channel closes, once their work is
	 * over; one that does not within PROC_KILL_MS is killed, and
	 * reaped, so that none is left running without its parent.
	 */
	for (tries = 0; tries < PROC_KILL_MS / 20; tries++) {
		if ((alive = children_alive(ctx)) == 0)
			break;
		nanosleep(&ts, NULL);
	}
	if (alive) {
		if (confine_raise_cap(CAP_KILL) == -1)
			log_warn("%s: CAP_KILL", __func__);
		for (i = 0; i < ctx->daemon->nprocs; i++) {
			pid_t	 pid = ctx->table[i + 1].pid;

			if (pid == 0)
				continue;
			log_warnx("%s (pid %d) did not exit in %d ms, killing "
			    "it", ctx->table[i + 1].title, (int)pid,
			    PROC_KILL_MS);
			if (kill(pid, SIGKILL) == -1)
				log_warn("kill %s", ctx->table[i + 1].title);
		}
		for (tries = 0; tries < 50 && children_alive(ctx); tries++)
			nanosleep(&ts, NULL);
	}
	if (ctx->daemon->parent_shutdown != NULL)
		ctx->daemon->parent_shutdown(ctx);
	for (i = 0; i < ctx->nunlink; i++)
		unlink(ctx->unlink_at_exit[i]);
	if (ctx->pidfile_written)
		unlink(ctx->pidfile);
	if (code == 0)
		log_info("terminating");
	else
		log_warnx("terminating after an error");
	exit(code);
}

static void
parent_sig(evutil_socket_t sig, short ev, void *arg)
{
	struct proc_ctx		*ctx = arg;

	switch (sig) {
	case SIGTERM:
	case SIGINT:
		log_info("received signal %d, shutting down", (int)sig);
		parent_shutdown(ctx, 0);
		break;
	case SIGCHLD:
		parent_reap(ctx, 0);
		break;
	}
}

/*
 * What goes with a reload to the children: who sent the SIGHUP and the
 * parent's words (the settings that wait for a restart, or why the file
 * was refused), for the process that records reloads.
 */
static void
reload_info(struct wbuf *wb, const struct reload_from *from,
    const char *text)
{
	wire_init(wb);
	wire_put_str(wb, from->trigger);
	wire_put_u32(wb, from->from_user);
	wire_put_u32(wb, from->uid);
	wire_put_i64(wb, (int64_t)from->pid);
	wire_put_strn(wb, text, strnlen(text, PROC_RELOAD_TEXT_MAX));
}

/*
 * Read the file again and pass it on.  0 once the children have it,
 * with the settings that wait for a restart in text ("" if none); -1
 * if it was refused (the errors in text) and the children were told.
 */
static int
parent_reload(struct proc_ctx *ctx, const struct reload_from *from,
    char *text, size_t textsz)
{
	static struct wbuf	 wb;
	struct harness_conf	*nconf;
	struct conf_bundle	 b;
	size_t			 i;
	int			 fd;

	if (from->from_user)
		log_info("reloading %s (%s from pid %d, uid %u)",
		    ctx->conffile, from->trigger, (int)from->pid,
		    (unsigned)from->uid);
	else
		log_info("reloading %s", ctx->conffile);
	nconf = conf_load(ctx->conffile, &b, text, textsz);
	if (nconf != NULL && (fd = conf_bundle_to_memfd(&b)) == -1) {
		snprintf(text, textsz, "cannot pass it on: memfd: %s",
		    strerror(errno));
		conf_free(nconf);
		conf_bundle_free(&b);
		nconf = NULL;
	}
	if (nconf == NULL) {
		log_warnx("reload failed, keeping the old "
		    "configuration:\n%s", text);
		reload_info(&wb, from, text);
		for (i = 0; i < ctx->daemon->nprocs; i++)
			imsgev_compose(&ctx->children[i],
			    IMSG_PROC_RELOAD_FAILED, 0, -1, wb.buf, wb.len);
		return -1;
	}
	conf_bundle_free(&b);
	/*
	 * What is set at start stays as the first configuration had it,
	 * whatever reloads came since: compare with that one, so that a
	 * file put back as it was is not news and a change still waiting
	 * is said again.
	 */
	if (ctx->conf0 == NULL)
		ctx->conf0 = ctx->conf;
	if (conf_restart_diff(ctx->conf0, nconf, ctx->daemon->id, text,
	    textsz))
		log_warnx("reload: %s changed: set at start, kept "
		    "until a restart", text);
	else
		text[0] = '\0';
	reload_info(&wb, from, text);
	for (i = 0; i < ctx->daemon->nprocs; i++) {
		int	 nfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);

		if (nfd != -1)
			imsgev_compose(&ctx->children[i], IMSG_PROC_CONFIG, 0,
			    nfd, wb.buf, wb.len);
	}
	close(fd);
	if (ctx->conf != ctx->conf0)
		conf_free(ctx->conf);
	ctx->conf = nconf;
	if (ctx->daemon->parent_reload != NULL)
		ctx->daemon->parent_reload(ctx);
	return 0;
}

/*
 * SIGHUP arrives on a signalfd, not as a handler: it says who sent it
 * (pid and uid), which goes into the audit trail with the reload.
 * Signals of one kind coalesce while pending: one reload per read.
 */
static void
parent_hup(evutil_socket_t fd, short ev, void *arg)
{
	struct signalfd_siginfo	 si;
	struct reload_from	 from;
	ssize_t			 n;
	char			 text[4096];

	(void)ev;
	while ((n = read(fd, &si, sizeof(si))) == (ssize_t)sizeof(si)) {
		from.trigger = "SIGHUP";
		from.from_user = si.ssi_code == SI_USER ||
		    si.ssi_code == SI_QUEUE;
		from.uid = (uid_t)si.ssi_uid;
		from.pid = (pid_t)si.ssi_pid;
		(void)parent_reload(arg, &from, text, sizeof(text));
	}
	if (n == -1 && errno != EAGAIN && errno != EINTR)
		log_warn("%s: read", __func__);
}

static pid_t
start_child(struct proc_ctx *ctx, size_t i, char *argv0, int *fdp)
{
	const struct proc_def	*p = &ctx->daemon->procs[i];
	char			*args[16];
	char			 vflag[8];
	int			 sp[2], n = 0, v;
	pid_t			 pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) == -1)
		fatal("socketpair");
	args[n++] = argv0;
	args[n++] = "-P";
	args[n++] = (char *)(uintptr_t)p->title;
	if (ctx->debug)
		args[n++] = "-d";
	if (ctx->verbose > 0) {
		vflag[0] = '-';
		for (v = 0; v < ctx->verbose && v < 5; v++)
			vflag[v + 1] = 'v';
		vflag[v + 1] = '\0';
		args[n++] = vflag;
	}
	args[n] = NULL;

	switch ((pid = fork())) {
	case -1:
		fatal("fork");
	case 0:
		/* The parent reads SIGHUP from a signalfd: not ours. */
		sigprocmask(SIG_SETMASK, &parent_sigmask, NULL);
		close(sp[0]);
		if (sp[1] != PROC_PARENT_FD) {
			if (dup2(sp[1], PROC_PARENT_FD) == -1)
				fatal("dup2");
		} else if (fcntl(sp[1], F_SETFD, 0) == -1)
			fatal("fcntl");
		execv("/proc/self/exe", args);
		fatal("execv /proc/self/exe");
	}
	close(sp[1]);
	*fdp = sp[0];
	return pid;
}

static const int parent_syscalls[] = {
	SYS_wait4, SYS_waitid, SYS_unlink, SYS_unlinkat, SYS_openat,
	SYS_open, SYS_memfd_create, SYS_socket, SYS_connect, SYS_ftruncate,
	SYS_stat, SYS_lstat, SYS_statx,
};

static void
parent_confine(struct proc_ctx *ctx)
{
	struct proc_confine_spec spec;
	struct confine		 c;
	int			*all, *keep;
	size_t			 n = 0, i;
	char			 err[512];

	memset(&spec, 0, sizeof(spec));
	all = calloc(confine_base_nsyscalls + ctx->daemon->parent_nsyscalls +
	    sizeof(parent_syscalls) / sizeof(parent_syscalls[0]) + 2,
	    sizeof(int));
	if (all == NULL)
		fatal("calloc");
	for (i = 0; i < confine_base_nsyscalls; i++)
		all[n++] = confine_base_syscalls[i];
	for (i = 0; i < sizeof(parent_syscalls) / sizeof(parent_syscalls[0]);
	    i++)
		all[n++] = parent_syscalls[i];
	for (i = 0; i < ctx->daemon->parent_nsyscalls; i++)
		all[n++] = ctx->daemon->parent_syscalls[i];
	memset(&c, 0, sizeof(c));
	/*
	 * Capabilities permitted, not effective: the daemon's own, and
	 * CAP_KILL for a child that does not exit at shutdown (it runs
	 * as another user: root without capabilities may not signal it).
	 */
	if ((keep = calloc(ctx->daemon->parent_ncaps + 1, sizeof(int))) ==
	    NULL)
		fatal("calloc");
	for (i = 0; i < ctx->daemon->parent_ncaps; i++)
		keep[i] = ctx->daemon->parent_caps[i];
	keep[i] = CAP_KILL;
	all[n++] = SYS_capget;
	all[n++] = SYS_capset;
	c.keep_caps = keep;
	c.nkeep = ctx->daemon->parent_ncaps + 1;
	c.keep_latent = 1;
	c.syscalls = all;
	c.nsyscalls = n;
	/* The parent re-reads its configuration: files allowed. */
	c.soft = confine_base_soft;
	c.nsoft = confine_base_nsoft;
	c.debug = ctx->conf->seccomp_debug;
	if (confine_process(&c, err, sizeof(err)) == -1)
		fatalx("cannot confine the parent: %s", err);
	free(all);
	free(keep);
	confine_self_report(&ctx->table[0].rep);
	ctx->table[0].ready = 1;
}

static int
write_pidfile(struct proc_ctx *ctx)
{
	FILE	*f;

	if ((f = fopen(ctx->pidfile, "we")) == NULL)
		return -1;
	ctx->pidfile_written = 1;
	fprintf(f, "%d\n", (int)getpid());
	return fclose(f);
}

/*
 * fatal() in the parent: remove what it made, as parent_shutdown()
 * would, so that neither a stale pid file nor a dead socket is left.
 * A child forked but not yet exec'ed shares the hook, not the files.
 */
static void
parent_atfatal(void)
{
	struct proc_ctx	*ctx = &the_ctx;
	size_t		 i;

	if (getpid() != parent_pid)
		return;
	for (i = 0; i < ctx->nunlink; i++)
		unlink(ctx->unlink_at_exit[i]);
	if (ctx->pidfile_written)
		unlink(ctx->pidfile);
}

/*
 * Relative -f and -p name files from the directory we were started in;
 * a daemon works from "/", and reloads the file much later.
 */
static int
make_absolute(const char *path, char *buf, size_t len)
{
	char	 cwd[PATH_MAX];

	if (path[0] == '/') {
		if (strlcpy(buf, path, len) >= len) {
			errno = ENAMETOOLONG;
			return -1;
		}
		return 0;
	}
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return -1;
	if ((size_t)snprintf(buf, len, "%s/%s", cwd, path) >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/*
 * Become a daemon, but let whoever started us know how the start went
 * (daemon(3) returns at once, so every failure after it exited 0): the
 * process started by hand waits on a pipe, copying to its standard
 * error the warnings and errors the daemon logs meanwhile, until the
 * daemon writes a NUL byte (ready: exit 0) or the pipe closes without
 * one (the daemon died: exit 1).  Returns the daemon's end of the pipe.
 */
static int
proc_daemonize(const char *name)
{
	char	 buf[1024];
	ssize_t	 n, i, w, off;
	pid_t	 pid;
	int	 p[2], fd, said = 0;

	if (pipe2(p, O_CLOEXEC) == -1) {
		fprintf(stderr, "%s: pipe: %s\n", name, strerror(errno));
		exit(1);
	}
	/* Not on 0, 1 or 2, which become /dev/null below. */
	if (p[1] <= STDERR_FILENO) {
		if ((fd = fcntl(p[1], F_DUPFD_CLOEXEC, STDERR_FILENO + 1)) ==
		    -1) {
			fprintf(stderr, "%s: fcntl: %s\n", name,
			    strerror(errno));
			exit(1);
		}
		close(p[1]);
		p[1] = fd;
	}
	switch ((pid = fork())) {
	case -1:
		fprintf(stderr, "%s: fork: %s\n", name, strerror(errno));
		exit(1);
	case 0:
		break;
	default:
		close(p[1]);
		for (;;) {
			n = read(p[0], buf, sizeof(buf));
			if (n == -1 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			for (i = 0; i < n && buf[i] != '\0'; i++)
				;
			for (off = 0; off < i; off += w)
				if ((w = write(STDERR_FILENO, buf + off,
				    (size_t)(i - off))) <= 0)
					break;
			said = 1;
			if (i < n)
				_exit(0);
		}
		if (!said)
			fprintf(stderr, "%s: did not start (pid %d); see the "
			    "system log\n", name, (int)pid);
		_exit(1);
	}
	close(p[0]);
	log_tee(p[1]);
	/* Our messages to a reader gone must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	if (setsid() == -1)
		fatal("setsid");
	if (chdir("/") == -1)
		fatal("chdir /");
	if ((fd = open("/dev/null", O_RDWR)) == -1)
		fatal("/dev/null");
	if (dup2(fd, STDIN_FILENO) == -1 || dup2(fd, STDOUT_FILENO) == -1 ||
	    dup2(fd, STDERR_FILENO) == -1)
		fatal("dup2");
	if (fd > STDERR_FILENO)
		close(fd);
	return p[1];
}

/* Every child is confined and ready: the start succeeded. */
static void
proc_ready(struct proc_ctx *ctx)
{
	if (ctx->ready_fd == -1)
		return;
	log_tee(-1);
	if (write(ctx->ready_fd, "", 1) == -1)
		log_warn("%s: write", __func__);
	close(ctx->ready_fd);
	ctx->ready_fd = -1;
}

int
proc_main(int argc, char **argv, const struct daemon_def *def)
{
	struct proc_ctx	*ctx = &the_ctx;
	const char	*title = NULL;
	const char	*name = daemon_names[def->id];
	char		 err[8192];
	int		 ch, noaction = 0, fd, cfd;
	size_t		 i;
	const int	 sigs[] = { SIGTERM, SIGINT, SIGCHLD };
	sigset_t	 hup;

	setproctitle_init(argc, argv, environ);
	memset(ctx, 0, sizeof(*ctx));
	ctx->daemon = def;
	ctx->self_idx = -1;
	ctx->control_fd = -1;
	ctx->ready_fd = -1;
	ctx->conffile = HARNESS_CONF;
	log_init(1, LOG_DAEMON);
	log_procinit(name);

	while ((ch = getopt(argc, argv, "dD:f:np:P:v")) != -1) {
		switch (ch) {
		case 'd':
			ctx->debug = 1;
			break;
		case 'D':
			if (conf_define(optarg) == -1) {
				fprintf(stderr, "%s: could not parse macro "
				    "definition %s\n", name, optarg);
				exit(64);
			}
			break;
		case 'f':
			ctx->conffile = optarg;
			break;
		case 'n':
			noaction = 1;
			break;
		case 'p':
			if (strlcpy(ctx->pidfile, optarg,
			    sizeof(ctx->pidfile)) >= sizeof(ctx->pidfile)) {
				fprintf(stderr, "%s: pidfile path too long\n",
				    name);
				exit(64);
			}
			break;
		case 'P':
			title = optarg;
			break;
		case 'v':
			ctx->verbose++;
			break;
		default:
			usage(name);
		}
	}
	if (optind != argc)
		usage(name);
	log_setverbose(ctx->verbose);

	if (title != NULL) {
		log_init(ctx->debug, LOG_DAEMON);
		child_main(ctx, title);
	}
	if (!noaction) {
		if (make_absolute(ctx->conffile, conffile_abs,
		    sizeof(conffile_abs)) == -1) {
			fprintf(stderr, "%s: %s: %s\n", name, ctx->conffile,
			    strerror(errno));
			exit(1);
		}
		ctx->conffile = conffile_abs;
		if (ctx->pidfile[0] != '\0') {
			char	 abs[PATH_MAX];

			if (make_absolute(ctx->pidfile, abs, sizeof(abs)) ==
			    -1) {
				fprintf(stderr, "%s: %s: %s\n", name,
				    ctx->pidfile, strerror(errno));
				exit(1);
			}
			strlcpy(ctx->pidfile, abs, sizeof(ctx->pidfile));
		}
	}

	ctx->conf = conf_load(ctx->conffile, &ctx->bundle, err, sizeof(err));
	if (ctx->conf == NULL) {
		fprintf(stderr, "%s\n", err);
		if (noaction)
			fprintf(stderr, "%s: configuration failed\n", name);
		exit(1);
	}
	/* What a start would refuse, -n refuses: users that do not exist. */
	if (conf_check_users(ctx->conf, def->id, err, sizeof(err)) == -1) {
		char	*line, *next;

		for (line = err; line != NULL; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			fprintf(stderr, "%s: %s\n", name, line);
		}
		if (noaction)
			fprintf(stderr, "%s: configuration failed\n", name);
		exit(1);
	}
	if (noaction) {
		const struct conf_tool	*t;

		/* accepted, but what it asks for cannot be given yet */
		TAILQ_FOREACH(t, &ctx->conf->tools, entry)
			if (conf_network(t->network) == CONF_NET_HOSTS)
				fprintf(stderr, "%s: warning: tool %s: network "
				    "\"%s\": no filter by destination yet, its "
				    "calls are refused\n", name, t->name,
				    t->network);
		printf("configuration OK\n");
		exit(0);
	}
	if (geteuid() != 0) {
		fprintf(stderr, "%s: need root privileges\n", name);
		exit(1);
	}

	log_init(ctx->debug, LOG_DAEMON);
	if (!ctx->debug)
		ctx->ready_fd = proc_daemonize(name);
	parent_pid = getpid();
	log_atfatal(parent_atfatal);
	log_info("starting %s %s", name, HARNESS_VERSION);

	if (proc_mkdir(ctx->conf->rundir, 0, 0, 0755, err, sizeof(err)) == -1)
		fatalx("%s", err);
	ctx->control_fd = proc_bind_unix(&conf_daemon(ctx->conf,
	    def->id)->control, err, sizeof(err));
	if (ctx->control_fd == -1)
		fatalx("control socket: %s", err);
	proc_unlink_at_exit(ctx, conf_daemon(ctx->conf, def->id)->control.path);
	if (def->parent_init != NULL && def->parent_init(ctx) == -1)
		fatalx("initialisation failed");
	/*
	 * Only now, with the sockets ours: an instance that fails to
	 * start (another one runs) must not overwrite the pid file.
	 */
	if (ctx->pidfile[0] != '\0' && write_pidfile(ctx) == -1)
		fatal("pid file %s", ctx->pidfile);

	if ((ctx->base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		ctx->ev_sig[i] = evsignal_new(ctx->base, sigs[i], parent_sig,
		    ctx);
		if (ctx->ev_sig[i] == NULL ||
		    evsignal_add(ctx->ev_sig[i], NULL) == -1)
			fatalx("cannot handle signal %d", sigs[i]);
	}
	sigemptyset(&hup);
	sigaddset(&hup, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &hup, &parent_sigmask) == -1)
		fatal("sigprocmask");
	if ((fd = signalfd(-1, &hup, SFD_NONBLOCK | SFD_CLOEXEC)) == -1)
		fatal("signalfd");
	if ((ctx->ev_sig[i] = event_new(ctx->base, fd, EV_READ | EV_PERSIST,
	    parent_hup, ctx)) == NULL || event_add(ctx->ev_sig[i], NULL) == -1)
		fatalx("cannot handle SIGHUP");
	signal(SIGPIPE, SIG_IGN);

	strlcpy(ctx->table[0].title, name, sizeof(ctx->table[0].title));
	ctx->table[0].pid = getpid();
	strlcpy(ctx->table[0].user, "root", sizeof(ctx->table[0].user));
	ctx->table[0].started = time(NULL);
	ctx->ntable = def->nprocs + 1;
	for (i = 0; i < def->nprocs; i++) {
		const struct proc_def *p = &def->procs[i];
		struct proc_info *pi = &ctx->table[i + 1];
		const char *cr = p->chroot_of ? p->chroot_of(ctx->conf) : NULL;

		snprintf(pi->title, sizeof(pi->title), "%s/%s", name,
		    p->title);
		strlcpy(pi->user, p->as_root ? "root" :
		    conf_daemon(ctx->conf, def->id)->user, sizeof(pi->user));
		strlcpy(pi->chroot, cr ? cr : "", sizeof(pi->chroot));
		pi->started = time(NULL);
		pi->pid = start_child(ctx, i, argv[0], &fd);
		if (imsgev_init(&ctx->children[i], ctx->base, fd,
		    parent_dispatch, (void *)(intptr_t)i, p->title) == -1)
			fatal("child channel");
	}

	/* Configuration first: each child waits for it before anything. */
	if ((cfd = conf_bundle_to_memfd(&ctx->bundle)) == -1)
		fatal("config memfd");
	conf_bundle_free(&ctx->bundle);
	for (i = 0; i < def->nprocs; i++) {
		if ((fd = fcntl(cfd, F_DUPFD_CLOEXEC, 0)) == -1)
			fatal("dup");
		imsgev_compose(&ctx->children[i], IMSG_PROC_CONFIG, 0, fd,
		    NULL, 0);
		if (imsgev_flush(&ctx->children[i]) == -1)
			fatal("sending configuration to %s",
			    def->procs[i].title);
	}
	close(cfd);
	for (i = 0; i < def->npairs; i++) {
		int	 sp[2];
		uint32_t a = (uint32_t)def->pairs[i][0];
		uint32_t b = (uint32_t)def->pairs[i][1];

		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) ==
		    -1)
			fatal("socketpair");
		imsgev_compose(&ctx->children[a], IMSG_PROC_PEER, 0, sp[0], &b,
		    sizeof(b));
		imsgev_compose(&ctx->children[b], IMSG_PROC_PEER, 0, sp[1], &a,
		    sizeof(a));
	}
	for (i = 0; i < def->nprocs; i++)
		if (def->procs[i].serves_control)
			proc_send_listen(ctx, (int)i, LISTEN_KIND_CONTROL,
			    ctx->control_fd);
	/* The child accepts; the parent only unlinks the path at exit. */
	close(ctx->control_fd);
	ctx->control_fd = -1;
	if (def->parent_started != NULL)
		def->parent_started(ctx);

	parent_confine(ctx);
	for (i = 0; i < ctx->ntable; i++)
		send_table_entry(ctx, i);
	for (i = 0; i < def->nprocs; i++)
		imsgev_compose(&ctx->children[i], IMSG_PROC_GO, 0, -1, NULL, 0);

	event_base_dispatch(ctx->base);
	parent_shutdown(ctx, 0);
}

void
proc_reload_request(struct proc_ctx *ctx, uint32_t conn, uint32_t peerid,
    uid_t uid, pid_t pid)
{
	static struct wbuf	 wb;

	wire_init(&wb);
	wire_put_u32(&wb, conn);
	wire_put_u32(&wb, (uint32_t)uid);
	wire_put_i64(&wb, (int64_t)pid);
	imsgev_compose(&ctx->parent, IMSG_PROC_RELOAD_REQ, peerid, -1,
	    wb.buf, wb.len);
}
