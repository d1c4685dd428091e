/*
 * The gateway: the only process that parses client bytes.  It runs as
 * _harness in an empty chroot and may only use the sockets it was
 * handed.  For now it answers GET /v1/health; every other route gets a
 * JSON error that names why.
 */
#include <sys/types.h>
#include <sys/syscall.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "harnessd.h"
#include "log.h"
#include "proc.h"
#include "proto.h"

struct gateway {
	struct proc_ctx	*ctx;
	struct evhttp	*http;
	time_t		 started;
};

static struct gateway	 gw;

const char *
gateway_chroot(const struct harness_conf *conf)
{
	return conf->harnessd.d.chroot;
}

static void
reply_json(struct evhttp_request *req, int code, struct json_object *o)
{
	struct evbuffer	*buf;
	const char	*s;

	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	if ((buf = evbuffer_new()) == NULL) {
		evhttp_send_error(req, 500, NULL);
		return;
	}
	evbuffer_add_printf(buf, "%s\n", s);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/json");
	evhttp_send_reply(req, code, NULL, buf);
	evbuffer_free(buf);
}

static void
reply_error(struct evhttp_request *req, int status, const char *code,
    const char *fmt, ...)
{
	struct json_object	*o, *e;
	char			 msg[512];
	va_list			 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	o = json_object_new_object();
	e = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_string(code));
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(o, "error", e);
	reply_json(req, status, o);
	json_object_put(o);
}

static void
gateway_request(struct evhttp_request *req, void *arg)
{
	struct json_object	*o;
	const char		*uri = evhttp_request_get_uri(req);
	enum evhttp_cmd_type	 cmd = evhttp_request_get_command(req);
	char			 path[1024];
	const char		*q;
	size_t			 len;

	q = strchr(uri, '?');
	len = q != NULL ? (size_t)(q - uri) : strlen(uri);
	if (len >= sizeof(path)) {
		reply_error(req, 414, "uri_too_long", "request target too "
		    "long");
		return;
	}
	memcpy(path, uri, len);
	path[len] = '\0';

	if (strcmp(path, "/v1/health") == 0) {
		if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
			reply_error(req, 405, "method_not_allowed",
			    "%s only answers GET", path);
			return;
		}
		o = json_object_new_object();
		json_object_object_add(o, "status",
		    json_object_new_string("ok"));
		json_object_object_add(o, "version",
		    json_object_new_string(HARNESS_VERSION));
		json_object_object_add(o, "uptime",
		    json_object_new_int64((int64_t)(time(NULL) - gw.started)));
		reply_json(req, 200, o);
		json_object_put(o);
		return;
	}
	if (strncmp(path, "/v1/", 4) == 0 || strcmp(path, "/mcp") == 0 ||
	    strcmp(path, "/metrics") == 0) {
		reply_error(req, 501, "not_implemented", "%s is not "
		    "implemented yet", path);
		return;
	}
	reply_error(req, 404, "not_found", "no route for %s", path);
}

void
gateway_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t kind, int fd)
{
	if (type != IMSG_PROC_LISTEN || kind != LISTEN_KIND_AGENT) {
		log_warnx("%s: unexpected fd (%u/%u)", __func__, type, kind);
		close(fd);
		return;
	}
	if (evhttp_accept_socket_with_handle(gw.http, fd) == NULL)
		fatalx("%s: cannot accept on the agent socket", __func__);
}

void
gateway_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	log_warnx("%s: unexpected message %u from %s", __func__,
	    imsg->hdr.type, iev->name);
}

void
gateway_run(struct proc_ctx *ctx)
{
	static const int syscalls[] = {
		SYS_accept, SYS_getsockname, SYS_getpeername,
	};
	struct proc_confine_spec spec;

	gw.ctx = ctx;
	gw.started = time(NULL);
	if ((gw.http = evhttp_new(ctx->base)) == NULL)
		fatalx("evhttp_new failed");
	evhttp_set_gencb(gw.http, gateway_request, &gw);
	evhttp_set_timeout(gw.http,
	    (int)(ctx->conf->harnessd.client_timeout_ms / 1000));
	evhttp_set_max_headers_size(gw.http,
	    (ev_ssize_t)ctx->conf->harnessd.max_header);
	evhttp_set_max_body_size(gw.http,
	    (ev_ssize_t)ctx->conf->harnessd.max_body);
	evhttp_set_allowed_methods(gw.http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_DELETE | EVHTTP_REQ_HEAD);

	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	proc_confine(ctx, &spec);
	event_base_dispatch(ctx->base);
}
