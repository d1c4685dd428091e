/*
 * sandboxc: the sandbox protocol's encoding, shared by sandboxd's
 * listener and spawner, harnessctl and (later) the engine, so that
 * every side checks a request with the same code.
 */
#ifndef HARNESS_SANDBOXC_H
#define HARNESS_SANDBOXC_H

#include <stddef.h>
#include <stdint.h>

#include "sandbox_proto.h"

struct imsg;
struct wbuf;

/* 0 means "the configured default"; same order as struct sbx_limits. */
struct sandbox_limits {
	uint64_t	 wall_ms;
	uint64_t	 cpu_ms;
	uint64_t	 mem_bytes;
	uint64_t	 procs;
	uint64_t	 out_bytes;
	uint64_t	 fsize_bytes;
	uint64_t	 nofile;
	uint64_t	 tmp_bytes;
};
#define SANDBOX_NLIMITS	8

struct sandbox_req {
	uint32_t	 flags;			/* SANDBOX_F_* */
	char		 lang[SANDBOX_LANG_MAX];	/* "" : run argv */
	char		**argv;			/* argc strings */
	size_t		 argc;
	char		**envp;			/* NAME=value, envc */
	size_t		 envc;
	char		*cwd;			/* NULL: /work */
	char		 workspace[SANDBOX_NAME_MAX];	/* "": temporary */
	/*
	 * The tool this run is for and the session it belongs to ("" for
	 * none).  sandboxd asks vaultd for the tool's granted secrets and
	 * redacts their values from the output; audit records name both.
	 */
	char		 tool[SANDBOX_TOOL_MAX];
	char		 session[SANDBOX_SESSION_MAX];
	/*
	 * The approval this run rests on, as the requester got it from
	 * hitld ("" for none): printable text that sandboxd puts into the
	 * sandbox.start record, which is durable before the program runs.
	 */
	char		 approval[SANDBOX_APPROVAL_MAX];
	struct sandbox_limits lim;
	uint32_t	 net;			/* SANDBOX_NET_NONE */
	void		*code;			/* inline code, code_len */
	size_t		 code_len;
};

struct sandbox_result {
	uint32_t	 reason;		/* enum sandbox_reason */
	int32_t		 exit_code;
	int32_t		 signo;
	uint64_t	 wall_ms;
	uint64_t	 cpu_ms;
	uint64_t	 mem_peak;
	uint32_t	 truncated;
	char		 syscall[32];
	char		 detail[256];
	uint32_t	 fail;		/* SETUP_FAILED: enum errclass */
};

/*
 * Encode a request into one payload.  -1 with a message when it does
 * not fit (the code should then go in a memfd) or breaks a bound.
 */
int	 sandbox_req_encode(const struct sandbox_req *, struct wbuf *, char *,
	    size_t);
/*
 * The same, up to SANDBOX_REQ_MAX bytes (free with wire_free()); *fdp
 * is -1 when it fits one message, else a sealed memfd of it to send
 * with an empty SANDBOX_RUN (fdp NULL: none made, wire_memfd() later).
 * 0 or -1 + message.
 */
int	 sandbox_req_pack(const struct sandbox_req *, struct wbuf *, int *,
	    char *, size_t);
/*
 * The request of a SANDBOX_RUN message: its payload, or the memfd an
 * empty one carries (taken from imsg and closed).  *heapp is what to
 * free after decoding (NULL for a payload).  0 or -1 + message.
 */
int	 sandbox_req_open(struct imsg *, const void **, size_t *,
	    unsigned char **, char *, size_t);
/*
 * Decode and check a request: every bound of sandbox_proto.h, a known
 * language with code or argv without, environment names, an absolute
 * cwd, a workspace name of [A-Za-z0-9_-].  Strings are allocated: free
 * with sandbox_req_free() (also after a failure).  0 or -1 + message.
 */
int	 sandbox_req_decode(const void *, size_t, struct sandbox_req *, char *,
	    size_t);
void	 sandbox_req_free(struct sandbox_req *);
int	 sandbox_lang_known(const char *);
int	 sandbox_name_valid(const char *);
/* Tool names: [A-Za-z0-9_.-]; sessions: [A-Za-z0-9_.:-]; no leading '.'. */
int	 sandbox_tool_valid(const char *);
int	 sandbox_session_valid(const char *);
/* A session an agent names, which harnessd scopes: shorter still. */
int	 sandbox_session_name_valid(const char *);
/* A working directory: absolute, no "/..", at most CWD_MAX bytes. */
int	 sandbox_cwd_valid(const char *);
/* NAME=value, NAME of [A-Za-z0-9_] not starting with a digit. */
int	 sandbox_env_valid(const char *);
/* Limit names as in harness.conf(5): "time", "cpu", "memory", ... */
const char *sandbox_limit_name(size_t);

void	 sandbox_result_encode(const struct sandbox_result *, struct wbuf *);
int	 sandbox_result_decode(const void *, size_t, struct sandbox_result *);
const char *sandbox_reason_name(uint32_t);
/*
 * The status a shell would report: the exit code, 128 + signal for a
 * signal (timeouts, memory and output kills included), 125 when the
 * sandbox could not be set up.
 */
int	 sandbox_exit_status(const struct sandbox_result *);
/* "reason=exited code=0 signal=0 wall_ms=3 ..." for logs and tools. */
void	 sandbox_result_fmt(const struct sandbox_result *, char *, size_t);

/*
 * Client side: send one run request.  compose is called like
 * imsg_compose/imsgev_compose (type, peerid, fd, data, len) with arg.
 * Code that does not fit inline goes in a sealed memfd, and so does a
 * request larger than a message; stdin_fd (-1 for none) is sent as is
 * and closed once sent.  0 or -1 + message.
 */
typedef int (*sandbox_compose_fn)(void *, uint32_t, uint32_t, int,
    const void *, size_t);
int	 sandbox_send(sandbox_compose_fn, void *, uint32_t,
	    const struct sandbox_req *, const void *, size_t, int, char *,
	    size_t);
/* A sealed memfd holding buf (code, stdin).  fd or -1. */
int	 sandbox_memfd(const char *, const void *, size_t);

#endif /* HARNESS_SANDBOXC_H */
