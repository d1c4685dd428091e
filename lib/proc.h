/*
 * Privilege separation, relayd style: one table per daemon lists its
 * processes.  The parent (root) parses the config, binds sockets, then
 * fork+execs itself once per child as "argv0 -P title" with its end of
 * a socketpair on fd 3, hands each child the config bundle, sibling
 * channels and listening sockets as passed fds, confines itself and
 * supervises: a child that dies takes the whole daemon down, loudly.
 */
#ifndef HARNESS_PROC_H
#define HARNESS_PROC_H

#include <sys/types.h>
#include <limits.h>
#include <stdint.h>
#include <time.h>

#include "conf.h"
#include "confine.h"
#include "imsg.h"
#include "imsgev.h"

#define PROC_MAX	4
#define PROC_PARENT_FD	3
/* listen(2)'s queue: the kernel caps it at net.core.somaxconn */
#define PROC_STOP_MS	2000	/* a child's time to finish at shutdown */
/*
 * The parent's patience at shutdown: a child's work is over within
 * PROC_STOP_MS * 3 / 4 (proc_finish), its own clean-up (closing a
 * database) may take longer on a loaded host; one still there after
 * PROC_KILL_MS is killed, so that none outlives the parent.
 */
#define PROC_KILL_MS	5000
#define PROC_LISTEN_BACKLOG	SOMAXCONN
#define PROC_RELOAD_TEXT_MAX	4096	/* a reload's error, as sent on */

struct proc_ctx;
struct ctl_conn;

/* What a SIGHUP came to, as a child sees it. */
enum proc_reload_result {
	PROC_RELOAD_APPLIED,	/* the new configuration is in force */
	PROC_RELOAD_PARTIAL,	/* taken, but not all of it took effect */
	PROC_RELOAD_REFUSED,	/* the parent could not load it: old kept */
};

struct proc_reload {
	enum proc_reload_result result;
	/*
	 * Who asked: harnessctl reload's client (SO_PEERCRED), or the
	 * sender of SIGHUP when the kernel says (kill(2), sigqueue):
	 * from_user 0 for a signal of the kernel's own (a hangup).
	 */
	const char	*trigger;	/* "SIGHUP", "harnessctl" */
	int		 from_user;
	uid_t		 uid;
	pid_t		 pid;
	const char	*error;		/* REFUSED, PARTIAL: why; else NULL */
	const char	*restart;	/* settings kept until a restart */
	const char	*note;		/* the process's summary, or NULL */
	const void	*bundle;	/* the files read; NULL if REFUSED */
	size_t		 bundlelen;
};

struct proc_def {
	const char	*title;
	/* Child entry point: set up, proc_confine(), run the loop. */
	void		(*run)(struct proc_ctx *);
	/* Messages from parent or siblings that are not PROC_*. */
	void		(*dispatch)(struct proc_ctx *, struct imsgev *,
			    struct imsg *);
	/* A listening socket (kind != control) or a CONNECTED reply. */
	void		(*on_fd)(struct proc_ctx *, uint32_t, uint32_t, int);
	/* Control requests other than hello/status; -1: not known. */
	int		(*control)(struct proc_ctx *, struct ctl_conn *,
			    struct imsg *);
	/*
	 * A new configuration after SIGHUP (the parent checked it).  0:
	 * taken, with an optional summary in note ("210 rules"); -1:
	 * a part did not take effect here, note says which and why.
	 */
	int		(*reload)(struct proc_ctx *, struct harness_conf *,
			    char *note, size_t notesz);
	/*
	 * After every reload, taken or not (the parent's refusal too):
	 * the one process of the daemon that records it (audit_reload).
	 */
	void		(*reloaded)(struct proc_ctx *,
			    const struct proc_reload *);
	/* Chroot directory of this process, NULL for none. */
	const char	*(*chroot_of)(const struct harness_conf *);
	/*
	 * The parent closed the channel (shutdown), or a sibling's
	 * channel was lost: 0 to exit now, 1 to finish what is under way
	 * first and then leave the loop (exit 0, or 1 after a lost
	 * sibling), within PROC_STOP_MS (see proc_finish; past
	 * PROC_KILL_MS the parent kills it).
	 */
	int		(*stopping)(struct proc_ctx *);
	int		 as_root;	/* stays uid 0 (spawner) */
	int		 serves_control;
};

struct daemon_def {
	enum daemon_id	 id;
	const struct proc_def *procs;
	size_t		 nprocs;
	const int	(*pairs)[2];	/* sibling channels by proc index */
	size_t		 npairs;
	/* Parent, as root, before the children start: dirs, sockets. */
	int		(*parent_init)(struct proc_ctx *);
	/* Parent, children started: hand them listening fds. */
	void		(*parent_started)(struct proc_ctx *);
	/* Parent, on SIGHUP, once the new configuration went out. */
	void		(*parent_reload)(struct proc_ctx *);
	/* Parent, on the way out: remove what it created. */
	void		(*parent_shutdown)(struct proc_ctx *);
	/* Extra syscalls the parent needs after confinement. */
	const int	*parent_syscalls;
	size_t		 parent_nsyscalls;
	/*
	 * Capabilities the parent keeps permitted, not effective (so
	 * CapEff stays 0): confine_raise_cap() for the moment it needs
	 * one, such as parent_shutdown.  capget and capset are allowed
	 * then.
	 */
	const int	*parent_caps;
	size_t		 parent_ncaps;
};

struct proc_info {
	char		 title[64];	/* "harnessd/gateway" */
	pid_t		 pid;
	uid_t		 uid;
	char		 user[CONF_USER_MAX];
	char		 chroot[PATH_MAX];
	time_t		 started;
	int		 ready;
	struct confine_report rep;
};

struct proc_ctx {
	const struct daemon_def *daemon;
	const struct proc_def *self;		/* NULL in the parent */
	int		 self_idx;		/* -1 in the parent */
	struct harness_conf *conf;
	struct harness_conf *conf0;	/* parent: as at start, once reloaded */
	struct conf_bundle bundle;
	const char	*conffile;
	char		 pidfile[PATH_MAX];
	int		 pidfile_written;	/* ours to remove */
	int		 ready_fd;	/* parent: start-up's pipe, or -1 */
	int		 debug;
	int		 verbose;
	struct event_base *base;
	struct imsgev	 parent;		/* child: to the parent */
	struct imsgev	 children[PROC_MAX];	/* parent: to each child */
	struct imsgev	*peers[PROC_MAX];	/* child: to siblings */
	struct proc_info table[PROC_MAX + 1];	/* [0] is the parent */
	size_t		 ntable;
	int		 control_fd;		/* parent: bound socket */
	char		 unlink_at_exit[8][PATH_MAX];	/* parent: bound paths */
	size_t		 nunlink;
	int		 nready;
	int		 shutting_down;
	int		 stopping;	/* child: finishing, parent gone */
	int		 exit_status;	/* child: once finished (1: a sibling
					   was lost) */
	struct event	*ev_sig[4];
	void		*arg;			/* the daemon's own state */
};

/* main() of every daemon. */
int	 proc_main(int, char **, const struct daemon_def *);

/* Child: confine with the config's user/chroot and these extras. */
struct proc_confine_spec {
	const int	*syscalls;
	size_t		 nsyscalls;
	const struct confine_argrule *argrules;
	size_t		 nargrules;
	const int	*keep_caps;
	size_t		 nkeep;
	int		 nodump;
	int		 allow_files;	/* no soft-deny of open/stat */
	const struct confine_errno *soft;	/* more soft denies */
	size_t		 nsoft;
	/* ENOSYS here, for a descendant's filter to name (confine.h) */
	const int	*notify;
	size_t		 nnotify;
};
void	 proc_confine(struct proc_ctx *, const struct proc_confine_spec *);

/* Child: message to the parent / a sibling by proc index. */
int	 proc_compose_parent(struct proc_ctx *, uint32_t, uint32_t, int,
	    const void *, size_t);
int	 proc_compose_peer(struct proc_ctx *, int, uint32_t, uint32_t, int,
	    const void *, size_t);
/* Child: ask the parent to connect us to another daemon's socket. */
int	 proc_request_connect(struct proc_ctx *, enum daemon_id);
/* Parent: send a listening fd (dup'ed; the caller keeps its copy). */
int	 proc_send_listen(struct proc_ctx *, int, uint32_t, int);

/* Parent: remove this path at exit (the path bound, whatever a reload
 * later says). */
void	 proc_unlink_at_exit(struct proc_ctx *, const char *);
/*
 * For a proc_def.stopping hook that has work to finish: done(ctx) is
 * asked now and every 20 ms until it says 1 or PROC_STOP_MS * 3 / 4
 * have passed; then end(ctx, in_time) (may be NULL) is called once and
 * the event loop left, so that run() returns and the child exits 0.
 * Returns what the hook returns: 1, or 0 (exit now) if no timer could
 * be made.
 */
int	 proc_finish(struct proc_ctx *, int (*)(struct proc_ctx *),
	    void (*)(struct proc_ctx *, int));
/* Bind a Unix socket as root with owner, group and mode.  fd or -1. */
int	 proc_bind_unix(const struct conf_sock *, char *, size_t);
/* mkdir -p one level with owner and mode, fixing them if it exists. */
int	 proc_mkdir(const char *, uid_t, gid_t, mode_t, char *, size_t);
const char *proc_title(const struct proc_ctx *);
/*
 * Child serving the control socket: ask the parent for a reload on
 * behalf of control connection conn (request peerid), whose client is
 * uid/pid; the IMSG_CTL_RELOAD reply goes to that connection.
 */
void	 proc_reload_request(struct proc_ctx *, uint32_t conn,
	    uint32_t peerid, uid_t, pid_t);

#endif /* HARNESS_PROC_H */
