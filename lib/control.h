/*
 * Control sockets: harnessctl (and peer daemons, through their parent)
 * speak imsg here.  Each connection's peer is identified with
 * SO_PEERCRED; hello and status are answered for every daemon, other
 * requests go to the serving process's control handler.
 */
#ifndef HARNESS_CONTROL_H
#define HARNESS_CONTROL_H

#include <sys/types.h>
#include <sys/queue.h>

#include "imsgev.h"

struct proc_ctx;
struct ctl_server;

struct ctl_conn {
	TAILQ_ENTRY(ctl_conn) entry;
	struct imsgev	 iev;
	struct proc_ctx	*ctx;
	struct ctl_server *srv;
	uid_t		 uid;
	gid_t		 gid;
	pid_t		 pid;
	/*
	 * Who sent the message being handled, as the kernel says: not the
	 * same as uid/pid (who connected) when a process passed its
	 * connection on, as the parent does to its children.
	 */
	uid_t		 muid;
	pid_t		 mpid;
	uint32_t	 id;
	int		 hello;
	int		 closing;
	char		 role[64];		/* "": a person's client */
	void		*data;			/* the daemon's, per conn */
	void		(*on_close)(struct ctl_conn *);
};

/* Decide whether a peer may use the socket. 0 yes, -1 no. */
typedef int (*ctl_allow_fn)(struct proc_ctx *, uid_t, gid_t);
/* Handle one request; -1 when the type is not known. */
typedef int (*ctl_dispatch_fn)(struct proc_ctx *, struct ctl_conn *,
    struct imsg *);

/* The daemon's control socket (root only), as sent by the parent. */
void	 control_listen(struct proc_ctx *, int);
/*
 * Let the control socket also accept peers fn approves (root always
 * may); the handlers must then check c->uid per request (auditd's
 * producers).  Call before the event loop runs.
 */
void	 control_allow_also(ctl_allow_fn);
/* Another listening socket with its own policy (hitld approvers). */
struct ctl_server *control_server(struct proc_ctx *, int, const char *,
	    ctl_allow_fn, ctl_dispatch_fn);

int	 control_reply(struct ctl_conn *, uint32_t, uint32_t, int,
	    const void *, size_t);
int	 control_error_class(struct ctl_conn *, uint32_t, uint32_t,
	    const char *, ...)
	    __attribute__((__format__ (printf, 4, 5)));
int	 control_error(struct ctl_conn *, uint32_t, const char *, ...)
	    __attribute__((__format__ (printf, 3, 4)));
void	 control_close(struct ctl_conn *);
struct ctl_conn *control_find(uint32_t);
/* Call fn for every open connection (broadcasts, e.g. audit tail). */
void	 control_foreach(void (*)(struct ctl_conn *, void *), void *);

/* Encode one process for IMSG_CTL_PROC (shared with harnessctl). */
struct proc_info;
struct wbuf;
struct rbuf;
void	 ctl_proc_encode(struct wbuf *, const char *, const struct proc_info *);
int	 ctl_proc_decode(struct rbuf *, char *, size_t, struct proc_info *);

#endif /* HARNESS_CONTROL_H */
