/*
 * Internals shared by spawn.c (the spawner side), sbxchild.c (what runs
 * inside the new namespaces) and sbxseccomp.c.
 */
#ifndef SANDBOXD_SBXINT_H
#define SANDBOXD_SBXINT_H

#include <sys/resource.h>
#include <sys/types.h>

#include <linux/filter.h>
#include <limits.h>
#include <stdint.h>

#include "cgroup.h"
#include "spawn.h"

#define SBX_MAX_ETC	16
#define SBX_MAX_TOP	12
#define SBX_MAX_SECRET	(1024 * 1024)	/* bytes of one secret */

struct sbx_top {
	char		 name[16];		/* "usr", "lib64", ... */
	char		 target[64];		/* symlink target or "" */
};

#define SBX_POOL_MAX	64

struct sbx_pool;

struct sbx_state {
	struct sbx_pool	*pool;
	struct cg_root	 cg;
	struct sock_fprog bpf_payload;
	struct sock_fprog bpf_init;
	struct sock_fprog bpf_personality;	/* static, not freed */
	uint64_t	 seq;
	struct sbx_top	 top[SBX_MAX_TOP];	/* /usr, /bin, /lib*, ... */
	int		 ntop;
	char		 etc[SBX_MAX_ETC][32];	/* /etc entries to bind */
	int		 netc;
	char		 localtime[PATH_MAX];	/* /etc/localtime target */
	long		 ncpu;
};

/* Messages on the control socket (SOCK_SEQPACKET), child -> spawner. */
enum sbx_msgtype {
	SBX_MSG_SETUP_ERR = 1,	/* setup failed: text */
	SBX_MSG_EXEC_ERR,	/* execve of argv[0] failed: text */
	SBX_MSG_NOTIFY_FD,	/* the seccomp listener, SCM_RIGHTS */
	SBX_MSG_STATUS,		/* the program's wait status */
	SBX_MSG_SETUP_SECRET,	/* setup failed on a secret: text */
	SBX_MSG_SETUP_CWD	/* the working directory is not there: text */
};

struct sbx_msg {
	uint32_t	 type;
	int32_t		 status;
	uint64_t	 utime_us;
	uint64_t	 stime_us;
	uint64_t	 maxrss_kb;
	char		 text[200];
};

/*
 * A request for a pre-made sandbox travels in a memfd: this header,
 * then NUL-terminated strings (argv, envp, cwd, workspace, code_name,
 * then name, env, file of each secret, "" standing for NULL), then the
 * code.  The fds (the memfd, stdin, the secrets' memfds) come with a
 * one-byte message on the control socket.
 */
#define SBX_WIRE_MAGIC	0x73627831U
#define SBX_WIRE_CWD	0x01
#define SBX_WIRE_WS	0x02
#define SBX_WIRE_CODE	0x04
#define SBX_WIRE_STDIN	0x08
#define SBX_WIRE_MAXFD	(2 + 64)

struct sbx_wire {
	uint32_t	 magic;
	uint32_t	 flags;
	uint32_t	 nargv;
	uint32_t	 nenv;
	uint32_t	 nsecrets;
	uint32_t	 pad;
	struct sbx_limits lim;
	uint64_t	 strings_len;
	uint64_t	 code_len;
};

/* Everything the child needs, prepared before clone. */
struct sbx_plan {
	const struct sbx_conf	*conf;
	const struct sbx_req	*req;
	struct sbx_limits	 lim;
	int			 ctl;		/* child's end */
	int			 out_w;
	int			 err_w;
	int			 stdin_fd;	/* -1: /dev/null */
	int			 wsfd;		/* workspace tree, or -1 */
	int			 wsroot;	/* tree of conf->wsroot, or -1 */
	int			 entered;	/* in the new root already */
	int			 cgfd[CG_NCTL];	/* v1 "tasks" to join, */
	int			 ncgfd;		/* see cg_join_fds() */
	char			**envp;		/* room for the secrets too */
	size_t			 nenv;
	char			 run_opts[64];	/* tmpfs option strings */
	char			 tmp_opts[64];
	char			 work_opts[96];
};

/*
 * Where a sandbox's root is built, in the sandbox's own mount namespace
 * (a tmpfs mounted over it there; the host's is untouched).  Whatever
 * lies below is hidden until the pivot, so no workspace may be there.
 */
#define SBX_STAGE	"/sys"

/* sbxchild.c */
void	 sbx_child(struct sbx_plan *) __attribute__((noreturn));
void	 sbx_child_pooled(struct sbx_plan *) __attribute__((noreturn));

/* spawn.c */
void	 sbx_plan_opts(struct sbx_plan *, uint64_t);
int	 sbx_send_fds(int, const void *, size_t, const int *, size_t);
const char *sbx_path_after(const char *, const char *);

/* sbxseccomp.c */
int	 sbx_seccomp_build(struct sbx_state *, char *, size_t);
void	 sbx_seccomp_free(struct sbx_state *);
void	 sbx_seccomp_name(uint32_t, int, char *, size_t);

#endif /* SANDBOXD_SBXINT_H */
