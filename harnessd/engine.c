/*
 * The engine: tools and state (later conversations and prompts).  It
 * runs as _harness chrooted in its state directory, receives the
 * requests the gateway has parsed and authenticated, and answers them.
 * The tool path (call.c) asks hitld, then sandboxd, then auditd; the
 * engine never sees a secret's value, only the names of grants.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <event2/event.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "auditc.h"
#include "conf.h"
#include "control.h"
#include "engine.h"
#include "gw_proto.h"
#include "wire.h"
#include "harnessd.h"
#include "http.h"
#include "log.h"
#include "proc.h"
#include "proto.h"

#define ENG_BODY_MAX	(64 * 1024 * 1024)

const char *
engine_chroot(const struct harness_conf *conf)
{
	return conf->harnessd.engine_chroot;
}

void
engine_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t arg, int fd)
{
	if (audit_on_fd(ctx, type, arg, fd))
		return;
	if (call_on_fd(ctx, type, arg, fd))
		return;
	if (fd != -1)
		close(fd);
}

/*
 * Replies.  A body that does not fit in one message travels in a
 * sealed memfd, which the gateway maps.
 */
void
eng_reply(struct proc_ctx *ctx, uint32_t id, int status, const char *json)
{
	struct wbuf	 wb;
	size_t		 len = strlen(json);
	int		 fd = -1;

	wire_init(&wb);
	wire_put_u32(&wb, (uint32_t)status);
	wire_put_str(&wb, "application/json");
	wire_put_u32(&wb, (uint32_t)len + 1);
	if (len + 1 <= GW_INLINE_MAX) {
		wire_put_bytes(&wb, json, len);
		wire_put_bytes(&wb, "\n", 1);
	} else {
		/* Sealed: the gateway maps it (gateway.c, map_body()). */
		if ((fd = memfd_create("reply", MFD_CLOEXEC |
		    MFD_ALLOW_SEALING)) == -1 ||
		    write(fd, json, len) != (ssize_t)len ||
		    write(fd, "\n", 1) != 1 ||
		    fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK |
		    F_SEAL_GROW | F_SEAL_WRITE) == -1) {
			log_warn("%s: memfd", __func__);
			if (fd != -1)
				close(fd);
			eng_reply(ctx, id, 500, "{\"error\":{\"code\":"
			    "\"internal\",\"message\":\"cannot pass the "
			    "reply\"}}");
			return;
		}
	}
	if (proc_compose_peer(ctx, PROC_GATEWAY, IMSG_GW_REPLY, id, fd, wb.buf,
	    wb.len) == -1)
		log_warn("%s: compose", __func__);
}

void
eng_reply_obj(struct proc_ctx *ctx, uint32_t id, int status,
    struct json_object *o)
{
	eng_reply(ctx, id, status, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
}

struct json_object *
eng_error_obj(const char *code, const char *msg)
{
	struct json_object	*o, *e;

	o = json_object_new_object();
	e = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_string(code));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(o, "error", e);
	return o;
}

void
eng_error(struct proc_ctx *ctx, uint32_t id, int status, const char *code,
    const char *fmt, ...)
{
	struct json_object	*o;
	va_list			 ap;
	char			 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o = eng_error_obj(code, msg);
	eng_reply_obj(ctx, id, status, o);
	json_object_put(o);
}

/* One SSE event; data that does not fit one message is cut. */
void
eng_event(struct proc_ctx *ctx, uint32_t id, const char *event,
    struct json_object *data)
{
	struct wbuf	 wb;
	const char	*s;

	s = json_object_to_json_string_ext(data, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	wire_init(&wb);
	wire_put_str(&wb, event);
	wire_put_str(&wb, s);
	if (wire_ok(&wb) == -1) {
		log_warnx("%s: %s event too large, dropped", __func__, event);
		return;
	}
	if (proc_compose_peer(ctx, PROC_GATEWAY, IMSG_GW_EVENT, id, -1, wb.buf,
	    wb.len) == -1)
		log_warn("%s: compose", __func__);
}

void
eng_end(struct proc_ctx *ctx, uint32_t id)
{
	proc_compose_peer(ctx, PROC_GATEWAY, IMSG_GW_END, id, -1, NULL, 0);
}

void
eng_count(struct proc_ctx *ctx, const char *counter, const char *label)
{
	struct wbuf	 wb;

	wire_init(&wb);
	wire_put_str(&wb, counter);
	wire_put_str(&wb, label);
	/*
	 * Lazily: a count goes with the call's reply (before it, so that
	 * /metrics asked after a reply counts its call), instead of
	 * waking the gateway on its own in the middle of the call.
	 */
	if (wire_ok(&wb) == 0 && ctx->peers[PROC_GATEWAY] != NULL)
		imsgev_compose_lazy(ctx->peers[PROC_GATEWAY], IMSG_GW_COUNT,
		    0, -1, wb.buf, wb.len);
}

int
eng_unrestricted(const struct gw_req *r)
{
	return r->ntools == 0;
}

int
eng_allowed(const struct gw_req *r, const char *name)
{
	size_t	 i;

	if (r->ntools == 0)
		return 1;
	for (i = 0; i < r->ntools; i++)
		if (strcmp(r->tools[i], name) == 0)
			return 1;
	return 0;
}

/*
 * The decoded value of a query parameter ("stream=1&session=x"); NULL
 * when absent, or when the query up to it is malformed or the value
 * does not fit.
 */
const char *
eng_query(const struct gw_req *r, const char *key, char *buf, size_t bufsz)
{
	const char	*cur = r->query;
	char		 name[256];

	while (http_query_next(&cur, name, sizeof(name), buf, bufsz) == 1)
		if (strcmp(name, key) == 0)
			return buf;
	return NULL;
}

/* Append a member name to a path: ".name", or ['name'] escaped. */
static void
path_key(char *path, size_t pathsz, const char *k)
{
	size_t	 i, n = strlen(path);
	int	 ident = k[0] != '\0' && !(k[0] >= '0' && k[0] <= '9');

	for (i = 0; ident && k[i] != '\0'; i++)
		if (!(k[i] == '_' || (k[i] >= 'a' && k[i] <= 'z') ||
		    (k[i] >= 'A' && k[i] <= 'Z') ||
		    (k[i] >= '0' && k[i] <= '9')))
			ident = 0;
	if (ident) {
		snprintf(path + n, pathsz - n, ".%s", k);
		return;
	}
	strlcat(path, "['", pathsz);
	for (i = 0; k[i] != '\0' && (n = strlen(path)) + 8 < pathsz; i++) {
		if ((unsigned char)k[i] < 0x20 || k[i] == 0x7f ||
		    k[i] == '\'' || k[i] == '\\')
			snprintf(path + n, pathsz - n, "\\x%02x",
			    (unsigned char)k[i]);
		else {
			path[n] = k[i];
			path[n + 1] = '\0';
		}
	}
	strlcat(path, "']", pathsz);
}

/*
 * A string with a NUL byte would be cut at it where it becomes a C
 * string (an argument, a variable, a path), and what ran would not be
 * what the audit record shows.
 */
int
eng_nul_find(struct json_object *o, const char *skip, char *path, size_t pathsz)
{
	size_t	 i, n = strlen(path);

	switch (json_object_get_type(o)) {
	case json_type_string:
		return memchr(json_object_get_string(o), '\0',
		    (size_t)json_object_get_string_len(o)) != NULL;
	case json_type_array:
		for (i = 0; i < json_object_array_length(o); i++) {
			snprintf(path + n, pathsz - n, "[%zu]", i);
			if (eng_nul_find(json_object_array_get_idx(o, i), NULL,
			    path, pathsz))
				return 1;
			path[n] = '\0';
		}
		return 0;
	case json_type_object:
		json_object_object_foreach(o, k, v) {
			if (skip != NULL && strcmp(k, skip) == 0)
				continue;
			path_key(path, pathsz, k);
			if (eng_nul_find(v, NULL, path, pathsz))
				return 1;
			path[n] = '\0';
		}
		return 0;
	default:
		return 0;
	}
}

static int
req_decode(struct imsg *imsg, struct gw_req *r)
{
	struct rbuf	 rb;
	uint32_t	 n, blen;
	size_t		 i;

	r->id = imsg->hdr.peerid;
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_strbuf(&rb, r->method, sizeof(r->method)) == -1 ||
	    wire_get_strbuf(&rb, r->path, sizeof(r->path)) == -1 ||
	    wire_get_strbuf(&rb, r->query, sizeof(r->query)) == -1 ||
	    wire_get_strbuf(&rb, r->who, sizeof(r->who)) == -1 ||
	    wire_get_u32(&rb, &n) == -1 || n > ENG_MAX_ALLOWED)
		return -1;
	for (i = 0; i < n; i++) {
		if (wire_get_str(&rb, &r->tools[i], CONF_NAME_MAX) == -1)
			return -1;
		r->ntools++;
	}
	if (wire_get_u32(&rb, &blen) == -1 || blen > ENG_BODY_MAX)
		return -1;
	if ((r->body = malloc((size_t)blen + 1)) == NULL)
		return -1;
	if (imsg->fd == -1) {
		if (wire_get_bytes(&rb, r->body, blen) == -1)
			return -1;
	} else if (pread(imsg->fd, r->body, blen, 0) != (ssize_t)blen)
		return -1;
	if (wire_end(&rb) == -1)
		return -1;
	r->body[blen] = '\0';
	r->blen = blen;
	return 0;
}

static void
req_free(struct gw_req *r)
{
	size_t	 i;

	for (i = 0; i < r->ntools; i++)
		free(r->tools[i]);
	free(r->body);
}

static int
path_tool(const char *path, const char *suffix, char *name, size_t namesz)
{
	const char	*p = path + strlen("/v1/tools/");
	size_t		 n, slen = strlen(suffix);

	if (strncmp(path, "/v1/tools/", 10) != 0)
		return 0;
	n = strlen(p);
	if (n <= slen || strcmp(p + n - slen, suffix) != 0)
		return 0;
	n -= slen;
	if (n == 0 || n >= namesz || memchr(p, '/', n) != NULL)
		return 0;
	memcpy(name, p, n);
	name[n] = '\0';
	return 1;
}

static void
engine_request(struct proc_ctx *ctx, struct imsg *imsg)
{
	struct gw_req	 r;
	char		 name[CONF_NAME_MAX + 1];
	int		 get, post, del;

	memset(&r, 0, sizeof(r));
	if (req_decode(imsg, &r) == -1) {
		eng_error(ctx, imsg->hdr.peerid, 400, "bad_request",
		    "malformed request from the gateway");
		req_free(&r);
		return;
	}
	get = strcmp(r.method, "GET") == 0;
	post = strcmp(r.method, "POST") == 0;
	del = strcmp(r.method, "DELETE") == 0;

	if (strcmp(r.path, "/v1/tools") == 0) {
		if (get)
			tools_route_list(ctx, &r);
		else if (post)
			tools_route_register(ctx, &r);
		else
			eng_error(ctx, r.id, 405, "method_not_allowed",
			    "%s /v1/tools: use GET or POST", r.method);
	} else if (path_tool(r.path, "/call", name, sizeof(name))) {
		if (post)
			call_tool(ctx, &r, name);
		else
			eng_error(ctx, r.id, 405, "method_not_allowed",
			    "%s %s: use POST", r.method, r.path);
	} else if (path_tool(r.path, "", name, sizeof(name))) {
		if (get)
			tools_route_get(ctx, &r, name);
		else if (del)
			tools_route_delete(ctx, &r, name);
		else
			eng_error(ctx, r.id, 405, "method_not_allowed",
			    "%s %s: use GET or DELETE", r.method, r.path);
	} else if (strcmp(r.path, "/v1/exec") == 0) {
		if (post)
			call_exec(ctx, &r);
		else
			eng_error(ctx, r.id, 405, "method_not_allowed",
			    "%s /v1/exec: use POST", r.method);
	} else if (strcmp(r.path, "/mcp") == 0 ||
	    strncmp(r.path, "/v1/chat", 8) == 0) {
		eng_error(ctx, r.id, 501, "not_implemented",
		    "%s %s is not implemented yet", r.method, r.path);
	} else
		eng_error(ctx, r.id, 404, "not_found", "no route for %s %s",
		    r.method, r.path);
	req_free(&r);
}

void
engine_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	uint32_t	 why;

	switch (imsg->hdr.type) {
	case IMSG_GW_REQUEST:
		engine_request(ctx, imsg);
		break;
	case IMSG_GW_CANCEL:
		if (imsg_datalen(imsg) != sizeof(why)) {
			log_warnx("%s: bad cancel from %s", __func__,
			    iev->name);
			break;
		}
		memcpy(&why, imsg->data, sizeof(why));
		call_cancel(ctx, imsg->hdr.peerid, why == GW_CANCEL_STOPPING);
		break;
	case IMSG_GW_PING:
		/* Said back as it came: the gateway checks the number. */
		if (imsg_datalen(imsg) != sizeof(uint32_t)) {
			log_warnx("%s: bad ping from %s", __func__, iev->name);
			break;
		}
		if (proc_compose_peer(ctx, PROC_GATEWAY, IMSG_GW_PONG, 0, -1,
		    imsg->data, sizeof(uint32_t)) == -1)
			log_warn("%s: compose", __func__);
		break;
	default:
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		break;
	}
}

int
engine_reload(struct proc_ctx *ctx, struct harness_conf *nconf, char *note,
    size_t notesz)
{
	return tools_reload(ctx, nconf, note, notesz);
}

/*
 * Shutting down: go on until the gateway has closed its channel (it
 * cancels the calls it answers for) and the calls and tool changes are
 * over, or the time is up.
 */
static int
engine_done(struct proc_ctx *ctx)
{
	struct imsgev	*gwc = ctx->peers[PROC_GATEWAY];

	return (gwc == NULL || gwc->closed) && call_count() == 0 &&
	    tools_pending() == 0;
}

static void
engine_end(struct proc_ctx *ctx, int in_time)
{
	if (!in_time)
		log_info("%zu call(s) not over in time", call_count());
}

int
engine_stopping(struct proc_ctx *ctx)
{
	return proc_finish(ctx, engine_done, engine_end);
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
		SYS_memfd_create, SYS_pread64, SYS_fcntl, SYS_fstat,
		SYS_newfstatat, SYS_lseek, SYS_access, SYS_unlinkat,
		SYS_getpid, SYS_geteuid, SYS_fallocate, SYS_mremap,
		SYS_munmap, SYS_mmap, SYS_madvise,
	};
	struct proc_confine_spec spec;

	if (audit_init(ctx) == -1)
		fatalx("cannot set up auditing");
	call_init(ctx);

	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	spec.allow_files = 1;
	proc_confine(ctx, &spec);
	/* Inside the chroot: the state store is the engine's own. */
	if (tools_init(ctx) == -1)
		fatalx("cannot open the state store");
	event_base_dispatch(ctx->base);
	call_shutdown();
	tools_shutdown();
	audit_shutdown();
}
