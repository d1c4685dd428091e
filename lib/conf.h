/*
 * harness.conf(5): the one configuration file of the suite.  parse.y
 * builds a struct harness_conf; every daemon uses its own section.
 * Defaults for paths derive from the global rundir and statedir.
 */
#ifndef HARNESS_CONF_H
#define HARNESS_CONF_H

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <limits.h>
#include <stdint.h>
#include <time.h>

#define HARNESS_CONF		"/etc/harness/harness.conf"
#define HARNESS_VERSION		"0.1.0"
#define CONF_MAX_FILE		(1024 * 1024)	/* bytes per config file */
#define CONF_MAX_INCLUDE	16		/* include depth */
#define CONF_NAME_MAX		64
#define CONF_USER_MAX		32
#define CONF_MAX_LISTEN		16		/* harnessd's listeners */

enum daemon_id {
	D_HARNESSD = 0,
	D_SANDBOXD,
	D_VAULTD,
	D_AUDITD,
	D_HITLD,
	D_MAX
};

extern const char *const daemon_names[D_MAX];

/* A Unix socket with its ownership and mode. */
/* Where a setting was made: file and line (line 0: a default). */
struct conf_where {
	char		 file[PATH_MAX];
	int		 line;
};

struct conf_sock {
	char		 path[PATH_MAX];
	char		 owner[CONF_USER_MAX];	/* "" = root */
	char		 group[CONF_USER_MAX];	/* "" = root's group */
	mode_t		 mode;
	struct conf_where at;			/* of owner or group */
};

/* What every daemon has. */
struct conf_daemon {
	char		 user[CONF_USER_MAX];
	struct conf_where user_at;
	char		 chroot[PATH_MAX];
	struct conf_sock control;
};

struct conf_limits {
	uint64_t	 wall_ms;
	uint64_t	 cpu_ms;
	uint64_t	 memory;	/* bytes */
	uint64_t	 procs;
	uint64_t	 output;	/* bytes of stdout+stderr */
	uint64_t	 fsize;		/* bytes, largest file */
	uint64_t	 nofile;
	uint64_t	 tmp;		/* bytes of /tmp tmpfs */
};

enum conf_listen_type { LISTEN_UNIX, LISTEN_TCP };

struct conf_listen {
	TAILQ_ENTRY(conf_listen) entry;
	enum conf_listen_type type;
	struct conf_sock sock;			/* LISTEN_UNIX */
	char		 host[256];		/* LISTEN_TCP */
	uint16_t	 port;
	int		 public;		/* not only loopback */
	struct sockaddr_storage ss;
	socklen_t	 sslen;
};
TAILQ_HEAD(conf_listens, conf_listen);

struct conf_strlist {
	char		**v;
	size_t		 n;
};

struct conf_apikey {
	TAILQ_ENTRY(conf_apikey) entry;
	char		 name[CONF_NAME_MAX];
	char		 hash[80];		/* "sha256:" + 64 hex */
	struct conf_strlist tools;		/* empty = every tool */
	double		 rate;			/* requests/s, 0 = default */
	uint32_t	 burst;
	uint64_t	 quota;			/* per day, 0 = none */
};
TAILQ_HEAD(conf_apikeys, conf_apikey);

struct conf_peer_allow {
	TAILQ_ENTRY(conf_peer_allow) entry;
	int		 is_group;
	char		 name[CONF_USER_MAX];	/* user/group name or number */
	struct conf_where at;
};
TAILQ_HEAD(conf_peer_allows, conf_peer_allow);

struct conf_harnessd {
	struct conf_daemon d;			/* d.chroot: gateway's */
	char		 engine_chroot[PATH_MAX];
	struct conf_listens listens;
	struct conf_peer_allows allows;
	struct conf_apikeys keys;
	char		 jwt_secret[CONF_NAME_MAX];	/* vault secret name */
	char		 jwt_audience[128];
	char		 jwt_issuer[128];
	uint64_t	 max_body;
	uint64_t	 max_header;
	uint64_t	 client_timeout_ms;
	double		 rate;			/* per uid/key default */
	uint32_t	 burst;
	uint64_t	 quota;
};

struct conf_sandboxd {
	struct conf_daemon d;
	uint32_t	 max_sandboxes;
	uint32_t	 queue;
	uint32_t	 pool;			/* pre-built namespaces */
	char		 workspaces[PATH_MAX];
	char		 sandbox_user[CONF_USER_MAX];
	struct conf_where sandbox_user_at;
	char		 cgroup[CONF_NAME_MAX];
	struct conf_limits limits;		/* defaults per run */
	struct conf_limits max_limits;		/* ceilings a request may ask */
};

struct conf_vaultd {
	struct conf_daemon d;			/* d.chroot: the store */
	char		 keyfile[PATH_MAX];	/* unattended unseal */
	int		 allow_read;		/* plaintext read-back */
};

struct conf_auditd {
	struct conf_daemon d;			/* d.chroot: the log dir */
	uint64_t	 seal_interval_ms;
	struct conf_strlist producers;		/* allowed peer users */
};

enum conf_decision { DECIDE_ALLOW = 0, DECIDE_ASK, DECIDE_DENY };
#define CONF_NLEVELS	4	/* low medium high critical */

struct conf_hitld {
	struct conf_daemon d;
	struct conf_sock approver;
	uint64_t	 timeout_ms;
	enum conf_decision policy[CONF_NLEVELS];
	enum conf_decision nomatch;
};

struct conf_grant {
	TAILQ_ENTRY(conf_grant) entry;
	char		 secret[CONF_NAME_MAX];
	char		 env[CONF_NAME_MAX];	/* "" unless as env */
	char		 file[CONF_NAME_MAX];	/* "" unless as file */
	time_t		 expires;		/* 0 = never */
};
TAILQ_HEAD(conf_grants, conf_grant);

struct conf_tool {
	TAILQ_ENTRY(conf_tool) entry;
	char		 name[CONF_NAME_MAX];
	char		*description;
	struct conf_strlist command;		/* argv template */
	char		 language[16];
	char		*code;
	char		*schema;		/* JSON text */
	char		 shell_arg[CONF_NAME_MAX];	/* arg holding a cmdline */
	struct conf_limits limits;
	char		 network[256];		/* "none", "any", hosts */
	struct conf_grants grants;
	uint64_t	 cache_ttl_ms;		/* 0 = not cacheable */
	char		 file[PATH_MAX];
	int		 line;
};
TAILQ_HEAD(conf_tools, conf_tool);

struct conf_provider {
	TAILQ_ENTRY(conf_provider) entry;
	char		 name[CONF_NAME_MAX];
	char		 type[16];		/* openai anthropic ollama */
	char		 url[512];
	char		 model[128];
	char		 key_secret[CONF_NAME_MAX];
	uint64_t	 timeout_ms;
};
TAILQ_HEAD(conf_providers, conf_provider);

enum conf_match_kind {
	MATCH_TOOL, MATCH_COMMAND, MATCH_ARG, MATCH_PATH, MATCH_NETWORK
};

struct conf_match {
	TAILQ_ENTRY(conf_match) entry;
	enum conf_match_kind kind;
	char		*path;			/* MATCH_ARG: JSON path */
	int		 write;			/* MATCH_PATH: path write */
	struct conf_strlist patterns;
};
TAILQ_HEAD(conf_matches, conf_match);

struct conf_rule {
	TAILQ_ENTRY(conf_rule) entry;
	char		 name[CONF_NAME_MAX];
	int		 level;			/* 0 low .. 3 critical */
	struct conf_matches matches;
	char		 file[PATH_MAX];
	int		 line;
};
TAILQ_HEAD(conf_rules, conf_rule);

struct harness_conf {
	char		 path[PATH_MAX];	/* main file */
	char		 rundir[PATH_MAX];
	char		 statedir[PATH_MAX];
	int		 seccomp_debug;		/* trap and log, not kill */
	struct conf_harnessd harnessd;
	struct conf_sandboxd sandboxd;
	struct conf_vaultd vaultd;
	struct conf_auditd auditd;
	struct conf_hitld hitld;
	struct conf_tools tools;
	struct conf_providers providers;
	struct conf_rules rules;
};

/*
 * A bundle holds the exact bytes of every file a parse read, so that a
 * parent can hand its children (chrooted, unable to open the files)
 * the very configuration it validated, as one sealed memfd.
 */
struct conf_bundle {
	unsigned char	*buf;
	size_t		 len;
};

/* -D name=value on a command line. */
int	 conf_define(const char *);

/*
 * Parse a file from disk.  Returns NULL and fills err (one or more
 * "file:line: message" lines) on failure.  With bundle != NULL, the
 * bytes read are recorded there (free with conf_bundle_free).
 */
struct harness_conf *conf_load(const char *, struct conf_bundle *,
	    char *, size_t);
/* Parse from a bundle made by conf_load (no file system access). */
struct harness_conf *conf_load_bundle(const void *, size_t, char *, size_t);
void	 conf_free(struct harness_conf *);
void	 conf_bundle_free(struct conf_bundle *);
/* Bundle <-> sealed memfd. */
int	 conf_bundle_to_memfd(const struct conf_bundle *);
int	 conf_bundle_from_fd(int, struct conf_bundle *);
/*
 * Call cb(path, bytes, len, arg) for each file of a bundle, the main
 * file first, in the order they were read; stop at the first -1.
 * Returns 0, or -1 if cb said so or the bundle is corrupt.
 */
int	 conf_bundle_files(const void *, size_t,
	    int (*)(const char *, const void *, size_t, void *), void *);

const struct conf_daemon *conf_daemon(const struct harness_conf *,
	    enum daemon_id);
struct conf_tool *conf_tool_find(const struct harness_conf *, const char *);
/*
 * NULL if a tool may have this name, else what already goes by it:
 * "exec" is how /v1/exec is classified, audited and allowed to a key.
 */
const char *conf_tool_reserved(const char *);
const char *conf_level_name(int);
const char *conf_decision_name(enum conf_decision);

/*
 * What a tool's network setting gives its runs: none ("" or "none"),
 * the host's ("any"), or hosts named, which nothing can enforce yet.
 */
enum conf_net { CONF_NET_NONE, CONF_NET_ANY, CONF_NET_HOSTS };
enum conf_net conf_network(const char *);
int	 conf_limits_over(const struct conf_limits *,
	    const struct conf_limits *, size_t *, char *, size_t);
/*
 * Limit i of struct conf_limits (sandbox_limit_name(i)) set to v: -1
 * and why in msg when it is not one (0, or processes or files out of
 * their range), as the file and POST /v1/exec and /v1/tools say.
 */
int	 conf_limit_check(size_t, uint64_t, char *, size_t);
#define CONF_PROCS_MAX		1000000
#define CONF_FILES_MIN		8
#define CONF_FILES_MAX		1048576

/*
 * The users and groups the daemon looks up when it starts (a start
 * refuses what does not exist), so that -n can refuse them too: its
 * own section's only.  0, or -1 with one line per name in err, as
 * "FILE:LINE: user NAME: unknown user ...", FILE and LINE where it
 * was set (the main file alone for a default, as user "_harness").
 */
int	 conf_check_users(const struct harness_conf *, enum daemon_id,
	    char *, size_t);

/*
 * What a reload cannot change for this daemon (set up at start:
 * directories, users, sockets, sandboxd's cgroup and pool...) and
 * differs from old to new: 1 and the settings' names, ", " between
 * them, in buf; 0 if none.
 */
int	 conf_restart_diff(const struct harness_conf *,
	    const struct harness_conf *, enum daemon_id, char *, size_t);

/* "512M" -> bytes, "30s" -> ms.  0 or -1. */
int	 conf_parse_size(const char *, uint64_t *);
int	 conf_parse_duration(const char *, uint64_t *);
/* Human forms for printing. */
void	 conf_fmt_size(uint64_t, char *, size_t);
void	 conf_fmt_duration(uint64_t, char *, size_t);

#endif /* HARNESS_CONF_H */
