/*
 * The engine: conversations, prompts, tools and state.  It runs as
 * _harness chrooted in its state directory and serves harnessd's
 * control socket.  The tool path arrives with later work; until then
 * it answers status and refuses the rest with "not implemented".
 */
#include <sys/types.h>
#include <sys/syscall.h>

#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "conf.h"
#include "control.h"
#include "gw_proto.h"
#include "wire.h"
#include "harnessd.h"
#include "log.h"
#include "proc.h"
#include "proto.h"

const char *
engine_chroot(const struct harness_conf *conf)
{
	return conf->harnessd.engine_chroot;
}

void
engine_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t arg, int fd)
{
	if (fd != -1)
		close(fd);
}

/* The tools every engine offers, whatever the config says. */
static const struct {
	const char	*name;
	const char	*description;
	const char	*schema;
} builtins[] = {
	{ "shell", "Run a shell command line in the session's sandbox",
	  "{\"type\":\"object\",\"properties\":{\"command\":"
	  "{\"type\":\"string\"}},\"required\":[\"command\"],"
	  "\"additionalProperties\":false}" },
	{ "python", "Run Python 3 code in the session's sandbox",
	  "{\"type\":\"object\",\"properties\":{\"code\":"
	  "{\"type\":\"string\"}},\"required\":[\"code\"],"
	  "\"additionalProperties\":false}" },
	{ "read_file", "Read a file of the session's workspace",
	  "{\"type\":\"object\",\"properties\":{\"path\":"
	  "{\"type\":\"string\"}},\"required\":[\"path\"]}" },
	{ "write_file", "Write a file of the session's workspace",
	  "{\"type\":\"object\",\"properties\":{\"path\":"
	  "{\"type\":\"string\"},\"content\":{\"type\":\"string\"}},"
	  "\"required\":[\"path\",\"content\"]}" },
	{ "list_files", "List files of the session's workspace",
	  "{\"type\":\"object\",\"properties\":{\"path\":"
	  "{\"type\":\"string\"}}}" },
};

struct gw_req {
	uint32_t	 id;
	char		 method[16];
	char		 path[1024];
	char		 query[1024];
	char		 who[80];
	char		*tools[64];
	size_t		 ntools;
};

static void
reply(struct proc_ctx *ctx, uint32_t id, int status, const char *json)
{
	struct wbuf	 wb;
	size_t		 len = strlen(json);

	wire_init(&wb);
	wire_put_u32(&wb, (uint32_t)status);
	wire_put_str(&wb, "application/json");
	wire_put_u32(&wb, (uint32_t)len + 1);
	wire_put_bytes(&wb, json, len);
	wire_put_bytes(&wb, "\n", 1);
	if (wire_ok(&wb) == -1) {
		/* Too big for one message: a memfd is the way (later). */
		wire_init(&wb);
		wire_put_u32(&wb, 500);
		wire_put_str(&wb, "application/json");
		len = strlen("{\"error\":{\"code\":\"internal\","
		    "\"message\":\"reply too large\"}}\n");
		wire_put_u32(&wb, (uint32_t)len);
		wire_put_bytes(&wb, "{\"error\":{\"code\":\"internal\","
		    "\"message\":\"reply too large\"}}\n", len);
	}
	proc_compose_peer(ctx, PROC_GATEWAY, IMSG_GW_REPLY, id, -1, wb.buf,
	    wb.len);
}

static void
reply_error(struct proc_ctx *ctx, uint32_t id, int status, const char *code,
    const char *msg)
{
	struct json_object	*o, *e;

	o = json_object_new_object();
	e = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_string(code));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(o, "error", e);
	reply(ctx, id, status, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
}

static int
tool_allowed(const struct gw_req *r, const char *name)
{
	size_t	 i;

	if (r->ntools == 0)
		return 1;
	for (i = 0; i < r->ntools; i++)
		if (strcmp(r->tools[i], name) == 0)
			return 1;
	return 0;
}

static void
add_tool(struct json_object *arr, const char *name, const char *desc,
    const char *schema, const char *source)
{
	struct json_object	*t, *s = NULL;

	t = json_object_new_object();
	json_object_object_add(t, "name", json_object_new_string(name));
	json_object_object_add(t, "description",
	    json_object_new_string(desc != NULL ? desc : ""));
	if (schema != NULL)
		s = json_tokener_parse(schema);
	json_object_object_add(t, "schema", s != NULL ? s :
	    json_object_new_object());
	json_object_object_add(t, "source", json_object_new_string(source));
	json_object_array_add(arr, t);
}

static void
route_tools_list(struct proc_ctx *ctx, const struct gw_req *r)
{
	struct json_object	*o, *arr;
	struct conf_tool	*t;
	size_t			 i;

	o = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (tool_allowed(r, builtins[i].name) &&
		    conf_tool_find(ctx->conf, builtins[i].name) == NULL)
			add_tool(arr, builtins[i].name, builtins[i].description,
			    builtins[i].schema, "builtin");
	TAILQ_FOREACH(t, &ctx->conf->tools, entry)
		if (tool_allowed(r, t->name))
			add_tool(arr, t->name, t->description, t->schema,
			    "config");
	json_object_object_add(o, "tools", arr);
	reply(ctx, r->id, 200, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
}

static void
engine_request(struct proc_ctx *ctx, struct imsg *imsg)
{
	struct gw_req	 r;
	struct rbuf	 rb;
	uint32_t	 n, blen;
	size_t		 i;
	char		 msg[1200];

	memset(&r, 0, sizeof(r));
	r.id = imsg->hdr.peerid;
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_strbuf(&rb, r.method, sizeof(r.method)) == -1 ||
	    wire_get_strbuf(&rb, r.path, sizeof(r.path)) == -1 ||
	    wire_get_strbuf(&rb, r.query, sizeof(r.query)) == -1 ||
	    wire_get_strbuf(&rb, r.who, sizeof(r.who)) == -1 ||
	    wire_get_u32(&rb, &n) == -1 || n > 64) {
		reply_error(ctx, r.id, 400, "bad_request",
		    "malformed request from the gateway");
		return;
	}
	for (i = 0; i < n; i++) {
		if (wire_get_str(&rb, &r.tools[i], CONF_NAME_MAX) == -1)
			break;
		r.ntools++;
	}
	if (r.ntools != n || wire_get_u32(&rb, &blen) == -1) {
		reply_error(ctx, r.id, 400, "bad_request",
		    "malformed request from the gateway");
		goto done;
	}

	if (strcmp(r.path, "/v1/tools") == 0 && strcmp(r.method, "GET") == 0)
		route_tools_list(ctx, &r);
	else if (strcmp(r.path, "/v1/tools") == 0 ||
	    strncmp(r.path, "/v1/tools/", 10) == 0 ||
	    strcmp(r.path, "/v1/exec") == 0 || strcmp(r.path, "/v1/ws") == 0 ||
	    strcmp(r.path, "/mcp") == 0) {
		snprintf(msg, sizeof(msg), "%s %s is not implemented yet",
		    r.method, r.path);
		reply_error(ctx, r.id, 501, "not_implemented", msg);
	} else {
		snprintf(msg, sizeof(msg), "no route for %s %s", r.method,
		    r.path);
		reply_error(ctx, r.id, 404, "not_found", msg);
	}
 done:
	for (i = 0; i < r.ntools; i++)
		free(r.tools[i]);
}

void
engine_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	switch (imsg->hdr.type) {
	case IMSG_GW_REQUEST:
		engine_request(ctx, imsg);
		break;
	case IMSG_GW_CANCEL:
		break;
	default:
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		break;
	}
}

int
engine_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	return -1;
}

void
engine_run(struct proc_ctx *ctx)
{
	static const int syscalls[] = {
		SYS_openat, SYS_fsync, SYS_fdatasync, SYS_ftruncate,
		SYS_unlink, SYS_rename, SYS_pwrite64, SYS_flock,
		SYS_stat, SYS_lstat, SYS_statx, SYS_fchown, SYS_getcwd,
	};
	struct proc_confine_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	spec.allow_files = 1;
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
