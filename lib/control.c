/*
 * The control socket server, run by the process that serves a daemon's
 * control socket.  Connections are limited in number, each peer is
 * identified by SO_PEERCRED, and every request is answered or refused
 * with a reason: nothing is silently dropped.
 */
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>

#include <errno.h>
#include <event2/event.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "control.h"
#include "imsg.h"
#include "imsgev.h"
#include "log.h"
#include "proc.h"
#include "proto.h"
#include "wire.h"

#define CONTROL_MAX_CONNS	128
#define CONTROL_MAX_PER_UID	32

struct ctl_server {
	struct proc_ctx	*ctx;
	struct event	*ev;
	struct event	*ev_pause;
	int		 fd;
	char		 name[32];
	ctl_allow_fn	 allow;
	ctl_dispatch_fn	 dispatch;
	int		 is_control;	/* status allowed */
};

static TAILQ_HEAD(, ctl_conn) conns = TAILQ_HEAD_INITIALIZER(conns);
static size_t	 nconns;
static uint32_t	 next_id = 1;

static void	 control_accept(evutil_socket_t, short, void *);
static void	 control_dispatch(struct imsgev *, struct imsg *, void *);
static void	 control_unlink(struct ctl_conn *);

static ctl_allow_fn	 also_allow;

static int
root_only(struct proc_ctx *ctx, uid_t uid, gid_t gid)
{
	if (uid == 0)
		return 0;
	return also_allow != NULL ? also_allow(ctx, uid, gid) : -1;
}

void
control_allow_also(ctl_allow_fn fn)
{
	also_allow = fn;
}

static int
control_default(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	if (ctx->self->control != NULL)
		return ctx->self->control(ctx, c, imsg);
	return -1;
}

struct ctl_server *
control_server(struct proc_ctx *ctx, int fd, const char *name,
    ctl_allow_fn allow, ctl_dispatch_fn dispatch)
{
	struct ctl_server	*srv;
	int			 on = 1;

	if ((srv = calloc(1, sizeof(*srv))) == NULL)
		fatal("%s: calloc", __func__);
	srv->ctx = ctx;
	srv->fd = fd;
	srv->allow = allow;
	srv->dispatch = dispatch;
	strlcpy(srv->name, name, sizeof(srv->name));
	if (evutil_make_socket_nonblocking(fd) == -1)
		fatal("%s: nonblocking", __func__);
	/*
	 * The sender of each message, not only who connected: accepted
	 * sockets take the flag from this one, and the kernel already
	 * tags what is sent before the accept.
	 */
	if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == -1)
		fatal("%s: SO_PASSCRED", __func__);
	srv->ev = event_new(ctx->base, fd, EV_READ | EV_PERSIST,
	    control_accept, srv);
	if (srv->ev == NULL || event_add(srv->ev, NULL) == -1)
		fatalx("%s: event", __func__);
	return srv;
}

void
control_listen(struct proc_ctx *ctx, int fd)
{
	struct ctl_server *srv;

	srv = control_server(ctx, fd, "control", root_only, control_default);
	srv->is_control = 1;
}

static void
control_resume(evutil_socket_t fd, short ev, void *arg)
{
	struct ctl_server *srv = arg;

	event_add(srv->ev, NULL);
}

static void
control_accept(evutil_socket_t lfd, short event, void *arg)
{
	struct ctl_server	*srv = arg;
	struct ctl_conn		*c, *o;
	struct ucred		 cred;
	socklen_t		 len = sizeof(cred);
	struct timeval		 tv = { 1, 0 };
	size_t			 peruid = 0;
	char			 name[64];
	int			 fd;

	if ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC))
	    == -1) {
		if (errno == EMFILE || errno == ENFILE) {
			/* Out of fds: stop accepting for a second. */
			log_warn("%s: accept", __func__);
			event_del(srv->ev);
			if (srv->ev_pause == NULL)
				srv->ev_pause = evtimer_new(srv->ctx->base,
				    control_resume, srv);
			if (srv->ev_pause != NULL)
				evtimer_add(srv->ev_pause, &tv);
		} else if (errno != EAGAIN && errno != EINTR &&
		    errno != ECONNABORTED)
			log_warn("%s: accept", __func__);
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1) {
		log_warn("%s: SO_PEERCRED", __func__);
		close(fd);
		return;
	}
	if (srv->allow(srv->ctx, cred.uid, cred.gid) == -1) {
		log_warnx("%s: refused peer uid %u pid %d", srv->name,
		    (unsigned)cred.uid, (int)cred.pid);
		close(fd);
		return;
	}
	/* Counted by socket: a uid's requesters (hitld's control
	   socket) do not lock it out of another (its approvers'). */
	TAILQ_FOREACH(o, &conns, entry)
		if (o->uid == cred.uid && o->srv == srv)
			peruid++;
	if (nconns >= CONTROL_MAX_CONNS || peruid >= CONTROL_MAX_PER_UID) {
		log_warnx("%s: too many connections, refused uid %u",
		    srv->name, (unsigned)cred.uid);
		close(fd);
		return;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		log_warn("%s: calloc", __func__);
		close(fd);
		return;
	}
	c->ctx = srv->ctx;
	c->srv = srv;
	c->uid = cred.uid;
	c->gid = cred.gid;
	c->pid = cred.pid;
	c->muid = c->uid;
	c->mpid = c->pid;
	c->id = next_id++;
	if (next_id == 0)
		next_id = 1;
	snprintf(name, sizeof(name), "%s uid %u pid %d", srv->name,
	    (unsigned)c->uid, (int)c->pid);
	if (imsgev_init(&c->iev, srv->ctx->base, fd, control_dispatch, c,
	    name) == -1) {
		close(fd);
		free(c);
		return;
	}
	TAILQ_INSERT_TAIL(&conns, c, entry);
	nconns++;
	log_debug("%s: connection %u from uid %u pid %d", srv->name, c->id,
	    (unsigned)c->uid, (int)c->pid);
}

void
ctl_proc_encode(struct wbuf *wb, const char *daemon, const struct proc_info *pi)
{
	wire_put_str(wb, daemon);
	wire_put_str(wb, pi->title);
	wire_put_u32(wb, (uint32_t)pi->pid);
	wire_put_u32(wb, (uint32_t)pi->uid);
	wire_put_str(wb, pi->user);
	wire_put_str(wb, pi->chroot);
	wire_put_i64(wb, (int64_t)pi->started);
	wire_put_u32(wb, (uint32_t)pi->ready);
	wire_put_u32(wb, (uint32_t)pi->rep.seccomp);
	wire_put_u32(wb, (uint32_t)pi->rep.nnp);
	wire_put_u64(wb, pi->rep.capeff);
}

int
ctl_proc_decode(struct rbuf *rb, char *daemon, size_t dlen,
    struct proc_info *pi)
{
	uint32_t	 pid, uid, ready, sc, nnp;
	int64_t		 started;

	memset(pi, 0, sizeof(*pi));
	wire_get_strbuf(rb, daemon, dlen);
	wire_get_strbuf(rb, pi->title, sizeof(pi->title));
	wire_get_u32(rb, &pid);
	wire_get_u32(rb, &uid);
	wire_get_strbuf(rb, pi->user, sizeof(pi->user));
	wire_get_strbuf(rb, pi->chroot, sizeof(pi->chroot));
	wire_get_i64(rb, &started);
	wire_get_u32(rb, &ready);
	wire_get_u32(rb, &sc);
	wire_get_u32(rb, &nnp);
	wire_get_u64(rb, &pi->rep.capeff);
	if (wire_end(rb) == -1)
		return -1;
	pi->pid = (pid_t)pid;
	pi->uid = (uid_t)uid;
	pi->started = (time_t)started;
	pi->ready = (int)ready;
	pi->rep.seccomp = (int)sc;
	pi->rep.nnp = (int)nnp;
	return 0;
}

static void
control_status(struct ctl_conn *c, uint32_t peerid)
{
	struct proc_ctx	*ctx = c->ctx;
	struct wbuf	 wb;
	size_t		 i;
	const char	*dname = daemon_names[ctx->daemon->id];

	for (i = 0; i < ctx->ntable; i++) {
		struct proc_info pi = ctx->table[i];

		/* Our own entry: what we know first-hand. */
		if ((int)i == ctx->self_idx + 1) {
			confine_self_report(&pi.rep);
			pi.pid = getpid();
			pi.ready = 1;
		}
		wire_init(&wb);
		ctl_proc_encode(&wb, dname, &pi);
		control_reply(c, IMSG_CTL_PROC, peerid, -1, wb.buf, wb.len);
	}
	control_reply(c, IMSG_CTL_END, peerid, -1, NULL, 0);
}

static void
control_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	struct ctl_conn	*c = arg;
	struct wbuf	 wb;
	struct rbuf	 rb;
	uint32_t	 version;

	if (imsg == NULL) {
		/* Closed by the peer (or by control_close, which frees). */
		if (!c->closing) {
			control_unlink(c);
			free(c);
		}
		return;
	}
	c->muid = iev->ibuf.cred_ok ? iev->ibuf.cred_uid : c->uid;
	c->mpid = iev->ibuf.cred_ok ? iev->ibuf.cred_pid : c->pid;
	switch (imsg->hdr.type) {
	case IMSG_CTL_HELLO:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (wire_get_u32(&rb, &version) == -1) {
			control_error(c, imsg->hdr.peerid, "bad hello");
			break;
		}
		if (version != CTL_PROTO_VERSION) {
			control_error(c, imsg->hdr.peerid, "control protocol "
			    "version %u not supported (this %s speaks %u)",
			    version, daemon_names[c->ctx->daemon->id],
			    CTL_PROTO_VERSION);
			break;
		}
		c->hello = 1;
		wire_init(&wb);
		wire_put_u32(&wb, CTL_PROTO_VERSION);
		wire_put_str(&wb, daemon_names[c->ctx->daemon->id]);
		wire_put_str(&wb, HARNESS_VERSION);
		control_reply(c, IMSG_CTL_HELLO, imsg->hdr.peerid, -1, wb.buf,
		    wb.len);
		break;
	case IMSG_CTL_ROLE:
		wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
		if (c->role[0] != '\0' || wire_get_strbuf(&rb, c->role,
		    sizeof(c->role)) == -1 || wire_end(&rb) == -1 ||
		    c->role[0] == '\0') {
			log_warnx("control: uid %u: bad or second role, "
			    "closing", (unsigned)c->uid);
			strlcpy(c->role, "?", sizeof(c->role));
			control_close(c);
			return;
		}
		log_debug("control: connection %u is %s's", c->id, c->role);
		break;
	case IMSG_CTL_STATUS:
		/* The process table is for the control socket only. */
		if (!c->srv->is_control) {
			control_error(c, imsg->hdr.peerid, "status is only "
			    "answered on the control socket");
			break;
		}
		control_status(c, imsg->hdr.peerid);
		break;
	case IMSG_CTL_RELOAD:
		/* As SIGHUP: root's, on the control socket, not a daemon's. */
		if (!c->srv->is_control || c->uid != 0 || c->role[0] != '\0') {
			control_error(c, imsg->hdr.peerid, "reload: only root "
			    "may reload %s", daemon_names[c->ctx->daemon->id]);
			break;
		}
		proc_reload_request(c->ctx, c->id, imsg->hdr.peerid, c->uid,
		    c->pid);
		break;
	default:
		if (c->srv->dispatch(c->ctx, c, imsg) == -1)
			control_error(c, imsg->hdr.peerid, "not implemented: "
			    "%s does not handle request type %u",
			    daemon_names[c->ctx->daemon->id], imsg->hdr.type);
		break;
	}
	/* An fd the handler did not take must not leak. */
	if (imsg->fd != -1) {
		close(imsg->fd);
		imsg->fd = -1;
	}
}

int
control_reply(struct ctl_conn *c, uint32_t type, uint32_t peerid, int fd,
    const void *data, size_t len)
{
	return imsgev_compose(&c->iev, type, peerid, fd, data, len);
}

/* An error: its message, then its class (enum errclass). */
static int __attribute__((__format__ (printf, 4, 0)))
control_verror(struct ctl_conn *c, uint32_t peerid, uint32_t class,
    const char *fmt, va_list ap)
{
	char	 msg[1024];
	struct wbuf wb;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	wire_init(&wb);
	wire_put_str(&wb, msg);
	wire_put_u32(&wb, class);
	return control_reply(c, IMSG_CTL_ERROR, peerid, -1, wb.buf, wb.len);
}

int
control_error_class(struct ctl_conn *c, uint32_t peerid, uint32_t class,
    const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = control_verror(c, peerid, class, fmt, ap);
	va_end(ap);
	return rc;
}

int
control_error(struct ctl_conn *c, uint32_t peerid, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = control_verror(c, peerid, ERRC_NONE, fmt, ap);
	va_end(ap);
	return rc;
}

static void
control_unlink(struct ctl_conn *c)
{
	if (c->on_close != NULL)
		c->on_close(c);
	c->on_close = NULL;
	TAILQ_REMOVE(&conns, c, entry);
	nconns--;
}

static void
control_free_deferred(evutil_socket_t fd, short ev, void *arg)
{
	free(arg);
}

/*
 * Drop a connection from anywhere (a handler, a timer).  The memory is
 * freed from the event loop later, because the caller may be running
 * inside this connection's dispatch.
 */
void
control_close(struct ctl_conn *c)
{
	struct timeval	 zero = { 0, 0 };

	if (c->closing)
		return;
	c->closing = 1;
	imsgev_close(&c->iev);
	control_unlink(c);
	if (event_base_once(c->ctx->base, -1, EV_TIMEOUT,
	    control_free_deferred, c, &zero) == -1)
		log_warnx("%s: leaking a connection", __func__);
}

struct ctl_conn *
control_find(uint32_t id)
{
	struct ctl_conn	*c;

	TAILQ_FOREACH(c, &conns, entry)
		if (c->id == id)
			return c;
	return NULL;
}

void
control_foreach(void (*fn)(struct ctl_conn *, void *), void *arg)
{
	struct ctl_conn	*c, *next;

	TAILQ_FOREACH_SAFE(c, &conns, entry, next)
		fn(c, arg);
}
