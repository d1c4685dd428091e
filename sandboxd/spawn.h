/*
 * spawn: run one untrusted program in a fresh sandbox.
 *
 * Every run gets new user, mount, pid, net, ipc, uts and cgroup
 * namespaces, a root built on a tmpfs inside its own mount namespace
 * (nothing is created on the host's file systems), a cgroup of its own
 * with memory, pids and cpu limits, rlimits, no capabilities,
 * PR_SET_NO_NEW_PRIVS and a seccomp filter.  The program runs as
 * SBX_INNER_UID inside, mapped to the unprivileged host uid of
 * sbx_conf.uid (never host root).
 *
 * The module lives in sandboxd's spawner process and is driven by its
 * libevent loop.  It never reaps with waitpid(-1): children are created
 * with exit_signal 0 and waited for through pidfds, so a SIGCHLD
 * handler elsewhere in the daemon must not use __WALL.
 */
#ifndef SANDBOXD_SPAWN_H
#define SANDBOXD_SPAWN_H

#include <sys/types.h>
#include <linux/capability.h>
#include <stddef.h>
#include <stdint.h>

struct event_base;
struct evbuffer;

/*
 * The capabilities the spawner needs and nothing more; the process
 * that calls sbx_spawn() may drop everything else (the bounding set
 * too).  The sandbox itself is not limited by these: a child that
 * creates a user namespace has every capability inside it only.
 *
 * CAP_SETUID, CAP_SETGID: write the new user namespace's uid_map and
 *	gid_map with a host id other than our own (the sandbox user's).
 * CAP_KILL: signal the sandbox's init, which runs as the sandbox
 *	user, to end a run (time limit, output limit, seccomp hit,
 *	sbx_kill) and to kill leftovers of a killed daemon on cgroup v1,
 *	which has no cgroup.kill.
 *
 * Not needed: CAP_SYS_ADMIN (namespaces are created by a child that
 * gets all capabilities inside its own user namespace only; cgroup
 * directories belong to root and root is their owner), CAP_DAC_OVERRIDE
 * (the workspace is opened by the sandbox user itself, so a workspace
 * the sandbox user cannot reach fails instead of being reached with
 * root's rights), CAP_SYS_RESOURCE (limits are only lowered).
 */
#define SPAWN_CAPS	{ CAP_SETUID, CAP_SETGID, CAP_KILL }
#define SPAWN_NCAPS	3

#define SBX_INNER_UID	1000		/* "sandbox" inside */
#define SBX_INNER_GID	1000
#define SBX_ID_MAX	64		/* length of sbx_req.id */
#define SBX_CODE_DIR	"/run/code"	/* where sbx_lang puts the code */
#define SBX_SECRET_DIR	"/run/secrets"

/* A value of 0 means "the configured default" (sbx_conf.deflim). */
struct sbx_limits {
	uint64_t	 wall_ms;
	uint64_t	 cpu_ms;	/* CPU time of the whole sandbox */
	uint64_t	 mem_bytes;	/* memory cgroup, no swap */
	uint64_t	 procs;		/* pids cgroup and RLIMIT_NPROC */
	uint64_t	 out_bytes;	/* stdout + stderr, as produced */
	uint64_t	 fsize_bytes;	/* RLIMIT_FSIZE */
	uint64_t	 nofile;	/* RLIMIT_NOFILE */
	uint64_t	 tmp_bytes;	/* size of /tmp (and /work without a
					   workspace) */
};

enum sbx_reason {
	SBX_EXITED = 0,
	SBX_SIGNALED,
	SBX_TIMEOUT,
	SBX_MEMORY,
	SBX_PIDS,
	SBX_OUTPUT_LIMIT,
	SBX_SECCOMP,
	SBX_SETUP_FAILED
};

#define SBX_NET_NONE	0	/* only a loopback interface */
#define SBX_NET_HOST	1	/* the host's network namespace */

/*
 * A secret handed over by vaultd as a sealed memfd.  The value is read
 * inside the sandbox's setup; this module never reads it (sandboxd's
 * spawner reads it once, to build the redactors of its filter).  env: put
 * it into that environment variable; file: write it to
 * /run/secrets/<file> (mode 0400, read-only mount).  Either or both.
 */
struct sbx_secret {
	const char	*name;
	int		 memfd;
	const char	*env;
	const char	*file;
};

/*
 * Output filter (the redaction hook): called with every chunk read
 * from the sandbox's stdout (stream 1) or stderr (stream 2), and once
 * with eof set (len 0) when the stream ends or is cut.  It appends what
 * should be delivered to out; it may hold bytes back until a later
 * call.  Without a filter the bytes are passed through unchanged.
 */
typedef void (*sbx_filter_cb)(void *, int, const void *, size_t, int,
    struct evbuffer *);

struct sbx_req {
	char *const	*argv;		/* argv[0] is a path inside */
	char *const	*envp;		/* NULL: a minimal PATH/HOME/LANG */
	const char	*cwd;		/* inside; NULL: /work */
	const char	*workspace;	/* host dir bound rw at /work, or
					   NULL for a tmpfs */
	struct sbx_limits lim;
	int		 net;		/* SBX_NET_* */
	int		 stdin_fd;	/* -1: /dev/null; the caller keeps it */
	struct sbx_secret *secrets;
	size_t		 nsecrets;
	const char	*id;		/* for the cgroup name; [A-Za-z0-9_-] */
	const void	*code;		/* optional file at SBX_CODE_DIR/ */
	size_t		 code_len;
	const char	*code_name;
	sbx_filter_cb	 filter;
	void		*filter_arg;
};

/* What a failed setup was about (the detail says more). */
enum sbx_fail {
	SBX_FAIL_SETUP = 0,	/* the sandbox: namespaces, mounts, ... */
	SBX_FAIL_SECRET,	/* a secret could not be delivered */
	SBX_FAIL_CWD		/* the request's working directory */
};

struct sbx_result {
	enum sbx_reason	 reason;
	int		 exit_code;
	int		 signo;
	uint64_t	 wall_ms;
	uint64_t	 cpu_ms;
	uint64_t	 mem_peak;
	int		 out_truncated;
	char		 syscall[32];	/* seccomp: the syscall's name */
	char		 detail[256];
	enum sbx_fail	 fail;		/* SBX_SETUP_FAILED: whose doing */
};

struct sbx_state;

struct sbx_conf {
	uid_t		 uid;		/* host uid of the sandbox user */
	gid_t		 gid;
	const char	*cgroup_parent;	/* path inside each hierarchy; NULL:
					   under our own cgroup */
	int		 cgroup_version; /* 0 auto, 1, 2 */
	struct sbx_limits deflim;	/* used where a request says 0 */
	struct sbx_limits maxlim;	/* ceilings; 0 = none */
	uint32_t	 cpu_pct;	/* cpu bandwidth, 100 = one CPU */
	uint64_t	 flush_ms;	/* time to deliver output after exit */
	size_t		 max_code;	/* bytes of sbx_req.code */
	const char	*wsroot;	/* where workspaces live, or NULL:
					   pool entries serve those below */
	struct sbx_state *st;		/* filled by sbx_init */
};

struct sbx;

/* Defaults for every field; conf->uid/gid stay for the caller to set. */
void		 sbx_conf_defaults(struct sbx_conf *);
/*
 * Detect the cgroup hierarchy and compile the seccomp filters.  Call
 * before confining the process (needs /sys/fs/cgroup and /proc).
 */
int		 sbx_init(struct sbx_conf *, char *, size_t);
void		 sbx_conf_free(struct sbx_conf *);
/*
 * The sandbox policy's unconditional refusals as syscall numbers, for
 * the filter of the process that calls sbx_spawn(), which every sandbox
 * inherits: nr gets the calls that end a sandbox (a stacked kill would
 * override the sandbox filter's notification and errnos: see
 * sbxseccomp.c), soft the ones refused with an errno, with that errno.
 * *nnr and *nsoft: room in, count out.  0, or -1 if there is not room.
 */
struct confine_errno;
int		 sbx_seccomp_refusals(int *, size_t *, struct confine_errno *,
		    size_t *);
/*
 * Keep n sandboxes pre-made (cloned into fresh namespaces, uid maps
 * written, in a cgroup of their own) so that sbx_spawn() only has to
 * hand one its request.  Each is used once.  Refilled from the event
 * loop; n = 0 stops.  sbx_conf_free() kills what is left.
 */
int		 sbx_pool(struct sbx_conf *, struct event_base *, int, char *,
		    size_t);
/*
 * Refills are made by a process of its own, the maker, which clones
 * them as the spawner's children; if it is gone the spawner makes
 * them itself.
 */
struct sbx_pool_info {
	int		 target;
	int		 ready;		/* entries waiting for a request */
	int		 making;	/* entries asked of the maker */
	pid_t		 maker;		/* its pid, or 0 */
	uint64_t	 made_maker;	/* entries it made */
	uint64_t	 made_here;	/* entries the spawner made */
};
void		 sbx_pool_info(const struct sbx_conf *, struct sbx_pool_info *);
/*
 * On the way out (an atexit handler: no event calls): kill and reap the
 * maker and the waiting sandboxes now; their cgroups are left for
 * sbx_cleanup_stale().
 */
void		 sbx_pool_kill(struct sbx_conf *);
const char	*sbx_cgroup_mode(const struct sbx_conf *);
/* What the cgroups found cannot hold, for a warning; or NULL. */
const char	*sbx_cgroup_caveat(const struct sbx_conf *);

/*
 * Start a sandbox.  out_fd and err_fd (may be the same fd) belong to
 * the module from now on, also on failure; they should be pipes or
 * sockets (they are made non-blocking).  done() is called exactly once
 * (never from inside sbx_spawn) when the sandbox is gone and its output
 * delivered; the struct sbx is freed after done() returns.  Returns
 * NULL with err filled if nothing was started.
 */
struct sbx	*sbx_spawn(struct event_base *, const struct sbx_conf *,
		    const struct sbx_req *, int, int,
		    void (*)(struct sbx *, const struct sbx_result *, void *),
		    void *, char *, size_t);
/*
 * The checks sbx_spawn() makes of a request's secrets (names, targets,
 * memfds, how many), on their own: the caller may tell a secret it
 * cannot deliver from a sandbox it cannot set up.  *bytes is their
 * total size.
 */
int		 sbx_check_secrets(const struct sbx_req *, uint64_t *, char *,
		    size_t);
/*
 * End a running sandbox now; done() follows (reason "signaled", signal
 * 9, detail "killed on request") unless it had already ended.
 */
void		 sbx_kill(struct sbx *);
pid_t		 sbx_pid(const struct sbx *);
/* Kill and remove sandbox cgroups left by a previous (killed) daemon. */
int		 sbx_cleanup_stale(const struct sbx_conf *);

const char	*sbx_reason_name(enum sbx_reason);

/*
 * Language helper: fill req->argv, req->code, req->code_len and
 * req->code_name for running code in lang ("sh", "bash", "python3").
 * The code travels as a file under SBX_CODE_DIR in the sandbox's own
 * read-only tmpfs, not in argv (which is limited and visible to every
 * process in /proc).  argv points to static storage.
 */
int		 sbx_lang(const char *, const void *, size_t, struct sbx_req *,
		    char *, size_t);

#endif /* SANDBOXD_SPAWN_H */
