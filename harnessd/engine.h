/*
 * The engine's parts: request routing and replies (engine.c), the tool
 * registry and state store (tools.c), and the tool path with its
 * connections to hitld and sandboxd (call.c).
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <sys/queue.h>

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "gw_proto.h"
#include "sandboxc.h"

struct proc_ctx;
struct imsg;
struct json_object;
struct jsonschema;

#define ENG_MAX_ALLOWED	64

/* One request from the gateway: an HTTP request or a WebSocket message. */
struct gw_req {
	uint32_t	 id;
	char		 method[16];
	char		 path[GW_PATH_MAX + 1];
	char		 query[GW_QUERY_MAX + 1];
	char		 who[80];		/* "uid:0", "key:NAME" */
	char		*tools[ENG_MAX_ALLOWED];	/* allowed; none: all */
	size_t		 ntools;
	char		*body;			/* NUL-terminated */
	size_t		 blen;
};

enum tool_builtin {
	BI_NONE = 0,
	BI_SHELL,
	BI_PYTHON,
	BI_READ_FILE,
	BI_WRITE_FILE,
	BI_LIST_FILES,
};

enum tool_source {
	TOOL_BUILTIN,
	TOOL_CONFIG,
	TOOL_DYNAMIC,
};

struct etool {
	TAILQ_ENTRY(etool) entry;
	char		 name[CONF_NAME_MAX];
	char		*description;
	char		*schema_text;		/* JSON text */
	struct jsonschema *schema;		/* compiled */
	enum tool_source source;
	enum tool_builtin builtin;
	char		**argv;			/* command template */
	size_t		 argc;
	char		 lang[SANDBOX_LANG_MAX];
	char		*code;
	char		 shell_arg[CONF_NAME_MAX];	/* arg holding a cmdline */
	struct conf_limits limits;		/* 0: sandboxd's default */
	char		 network[256];
	uint64_t	 cache_ttl_ms;
	int		 has_grants;
	char		 owner[80];		/* who registered it */
	int64_t		 created;
	unsigned char	 defhash[32];		/* of its definition: a
						   changed tool is a new
						   cache key */
};
void	 tools_hash(struct etool *);
TAILQ_HEAD(etools, etool);

/* engine.c */
void	 eng_reply(struct proc_ctx *, uint32_t, int, const char *);
void	 eng_reply_obj(struct proc_ctx *, uint32_t, int, struct json_object *);
void	 eng_error(struct proc_ctx *, uint32_t, int, const char *,
	    const char *, ...) __attribute__((__format__ (printf, 5, 6)));
struct json_object *eng_error_obj(const char *, const char *);
void	 eng_event(struct proc_ctx *, uint32_t, const char *,
	    struct json_object *);
void	 eng_end(struct proc_ctx *, uint32_t);
void	 eng_count(struct proc_ctx *, const char *, const char *);
int	 eng_allowed(const struct gw_req *, const char *);
int	 eng_unrestricted(const struct gw_req *);
const char *eng_query(const struct gw_req *, const char *, char *, size_t);
/*
 * 1 if a string in the JSON value holds a NUL byte, with its path
 * ("$.a[2]") in path, which holds the value's own path ("$") on entry;
 * skip names a member of the top level not to look into.  0 if none.
 */
int	 eng_nul_find(struct json_object *, const char *, char *, size_t);

/* tools.c */
int	 tools_init(struct proc_ctx *);
int	 tools_reload(struct proc_ctx *, struct harness_conf *, char *,
	    size_t);
void	 tools_shutdown(void);
size_t	 tools_pending(void);
struct etool *tools_find(const char *);
void	 tools_route_list(struct proc_ctx *, const struct gw_req *);
void	 tools_route_get(struct proc_ctx *, const struct gw_req *,
	    const char *);
void	 tools_route_register(struct proc_ctx *, const struct gw_req *);
void	 tools_route_delete(struct proc_ctx *, const struct gw_req *,
	    const char *);
struct json_object *tools_describe(const struct etool *);
int	 tools_parse_duration(struct json_object *, uint64_t *);
int	 tools_parse_size(struct json_object *, uint64_t *);
/* {"time": "5s", "memory": "64M", ...} into l; -1 with why. */
int	 tools_limit_check(size_t, uint64_t, const char *, char *, size_t);
int	 tools_parse_limits(struct json_object *, struct conf_limits *,
	    char *, size_t);

/* call.c */
void	 call_init(struct proc_ctx *);
int	 call_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);
void	 call_tool(struct proc_ctx *, const struct gw_req *, const char *);
void	 call_exec(struct proc_ctx *, const struct gw_req *);
/* The gateway cancels request id: its client left, or (1) we stop. */
void	 call_cancel(struct proc_ctx *, uint32_t, int);
void	 call_shutdown(void);
size_t	 call_count(void);

#endif /* ENGINE_H */
