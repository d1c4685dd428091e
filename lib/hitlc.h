/*
 * hitlc: the hitl protocol's payloads (shared by hitld and its
 * clients) and a blocking client: ask hitld whether a tool call may
 * run.  Fail secure: whenever hitld cannot be asked or does not
 * answer properly, the verdict is deny, with the reason filled in.
 */
#ifndef HARNESS_HITLC_H
#define HARNESS_HITLC_H

#include <stddef.h>
#include <stdint.h>

#include "hitl_proto.h"
#include "risk.h"

#define HITL_SESSION_MAX	128	/* bytes of a session id */
#define HITL_TOOL_MAX		64
#define HITL_NAME_MAX		64	/* rule and user names */
#define HITL_FILE_MAX		256
#define HITL_WHY_MAX		256
#define HITL_ARGV_MAX		1024	/* words of an argv */
#define HITL_ENV_MAX		128	/* NAME=value of an argv call */
#define HITL_INPUT_MAX		8192	/* bytes of its input sent; more,
					   or a NUL, is HITL_REQ_INPUT_CUT */
/*
 * A request (or the item approvers are shown) too large for one message
 * travels in a sealed memfd sent with an empty one: at most this many
 * bytes encoded (command, argv, JSON arguments, environment and input).
 */
#define HITL_MSG_MAX		(4 << 20)
/* ... and what approvers are shown of one: the request and its rule,
   file, why and times. */
#define HITL_ITEM_MAX		(HITL_MSG_MAX + 4096)

/*
 * A tool call.  command is a shell command line, argv an exec-style
 * vector (either, both or neither), args the JSON text of the tool's
 * arguments; NULL or "" for what does not apply.  Decoded requests own
 * their strings (hitl_req_free).
 */
struct hitl_req {
	char		*session;	/* the scope of allow-for-session
					   grants */
	char		*tool;
	char		*command;
	char		**argv;
	size_t		 argc;
	char		*args;
	char		*network;
	char		*workspace;
	char		*cwd;		/* where it runs, or NULL */
	char		**envv;		/* NAME=value given to argv's program */
	size_t		 envc;
	char		*input;		/* what it reads on stdin, or NULL */
	uint32_t	 flags;		/* HITL_REQ_* */
	char		*named;		/* the session as the client named
					   it, for the audit trail (the
					   engine scopes session to the
					   identity); NULL: session */
};

/*
 * The requester puts the verdict into an audit record of its own, made
 * durable before it acts (the engine: sandbox.start, tool.call).  hitld
 * then answers a decision taken without a person (policy, an earlier
 * allow-for-session) at once and records it without waiting for the
 * ack, so the two records share the one wait.  Decisions a person or a
 * timeout takes are answered only once recorded, as always.
 */
#define HITL_REQ_RECORDED	0x00000001
/* The program reads input that is not in the request (too long, or
   binary): a shell reading it is opaque, and no grant can name it. */
#define HITL_REQ_INPUT_CUT	0x00000002
#define HITL_REQ_FLAGS		0x00000003	/* all known */

struct hitl_verdict {
	uint32_t	 id;		/* queue id when a person was asked */
	int		 level;		/* enum risk_level */
	int		 decision;	/* enum risk_decision: final */
	int		 asked;		/* policy said ask */
	int		 how;		/* HITL_HOW_* */
	int		 matched;	/* some rule held */
	char		 rule[HITL_NAME_MAX];	/* "" when none */
	char		 file[HITL_FILE_MAX];
	uint32_t	 line;
	char		 why[HITL_WHY_MAX];	/* the classifier's reason */
	char		 reason[HITL_WHY_MAX];	/* why the final decision */
	char		 by[HITL_NAME_MAX];	/* approver's user name */
	uint32_t	 uid;		/* approver's uid (HOW_APPROVER,
					   HOW_SESSION) */
};

/* One pending request as approvers see it. */
struct hitl_item {
	uint32_t	 id;
	struct hitl_req	 req;
	int		 level;
	char		 rule[HITL_NAME_MAX];
	char		 file[HITL_FILE_MAX];
	uint32_t	 line;
	char		 why[HITL_WHY_MAX];
	int64_t		 deadline;	/* Unix time, ms */
	uint64_t	 left_ms;	/* when sent */
	uint32_t	 requester_uid;
	uint32_t	 requester_pid;
};

/* A request left the queue. */
struct hitl_decided {
	uint32_t	 id;
	int		 decision;
	int		 how;
	char		 by[HITL_NAME_MAX];
	uint32_t	 uid;
	char		 reason[HITL_WHY_MAX];
};

struct wbuf;
struct rbuf;
struct hconn;

/* Encoders (check wire_ok after) and decoders (0 or -1, all read). */
void	 hitl_req_encode(struct wbuf *, const struct hitl_req *);
int	 hitl_req_decode(struct rbuf *, struct hitl_req *);
void	 hitl_req_free(struct hitl_req *);
void	 hitl_verdict_encode(struct wbuf *, const struct hitl_verdict *);
int	 hitl_verdict_decode(struct rbuf *, struct hitl_verdict *);
void	 hitl_item_encode(struct wbuf *, const struct hitl_item *);
int	 hitl_item_decode(struct rbuf *, struct hitl_item *);
void	 hitl_item_free(struct hitl_item *);
void	 hitl_decided_encode(struct wbuf *, const struct hitl_decided *);
int	 hitl_decided_decode(struct rbuf *, struct hitl_decided *);

/*
 * Encode for sending, in one message or past it: 0 and either *fdp -1
 * and the payload wire_data(wb), wb->len, or *fdp a sealed memfd to
 * send with an empty payload; -1 (errno EMSGSIZE: more than
 * HITL_MSG_MAX) otherwise.  wire_free(wb) after.
 */
int	 hitl_req_pack(struct wbuf *, const struct hitl_req *, int *fdp);
int	 hitl_item_pack(struct wbuf *, const struct hitl_item *, int *fdp);
/*
 * A received message's payload, from the message or from the memfd an
 * empty one carries (taken from imsg and closed): *rb reads it; free
 * *heapp when done.  0, or -1 with errno (EMSGSIZE: too large).
 */
struct imsg;
int	 hitl_msg_open(struct imsg *, struct rbuf *, unsigned char **heapp);

/* "policy", "session", "approver", "timeout", "cancel" or "error". */
const char *hitl_how_name(int);
/* Fill v with deny, critical, how HITL_HOW_ERROR and this reason. */
void	 hitl_verdict_deny(struct hitl_verdict *, const char *, ...)
	    __attribute__((__format__ (printf, 2, 3)));

/*
 * Classify req with rs, its arguments already parsed (args, or NULL),
 * as hitld does: the result in res, and in v the verdict the policy
 * gives (how policy; no reason yet).  -1 if the classifier itself
 * failed (res and v then say deny, and why).
 */
struct json_object;
int	 hitl_classify_req(const struct risk_ruleset *, const struct hitl_req *,
	    struct json_object *, struct risk_result *, struct hitl_verdict *);

/* Called when the request was queued for a person (id, ms left). */
typedef void (*hitlc_pending_fn)(uint32_t, uint64_t, void *);

/*
 * Ask hitld over an open connection (its control socket).  Waits for
 * the final verdict: for an ask, until a person answers or hitld's
 * deadline passes (plus a grace period, after which it gives up).
 * Always fills v.  Returns 0 when hitld answered, -1 when the verdict
 * is a deny made here (unreachable, broken connection, bad reply).
 */
int	 hitlc_classify(struct hconn *, const struct hitl_req *,
	    struct hitl_verdict *, hitlc_pending_fn, void *);
/* The same, connecting to path first and closing after. */
int	 hitlc_classify_path(const char *, const struct hitl_req *,
	    struct hitl_verdict *, hitlc_pending_fn, void *);

#endif /* HARNESS_HITLC_H */
