/*
 * hitl payloads and the blocking classify client (see hitlc.h).
 */
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "hitl_proto.h"
#include "hitlc.h"
#include "imsg.h"
#include "risk.h"
#include "wire.h"

/* Wait this long for the first reply, and this long past a deadline. */
#define HITLC_FIRST_MS	10000
#define HITLC_GRACE_MS	10000

void
hitl_req_encode(struct wbuf *wb, const struct hitl_req *r)
{
	size_t	 i;

	wire_put_str(wb, r->session);
	wire_put_str(wb, r->tool);
	wire_put_str(wb, r->command);
	wire_put_u32(wb, r->argc > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)r->argc);
	for (i = 0; i < r->argc; i++)
		wire_put_str(wb, r->argv[i]);
	wire_put_str(wb, r->args);
	wire_put_str(wb, r->network);
	wire_put_str(wb, r->workspace);
	wire_put_str(wb, r->cwd);
	wire_put_u32(wb, r->envc > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)r->envc);
	for (i = 0; i < r->envc; i++)
		wire_put_str(wb, r->envv[i]);
	wire_put_str(wb, r->input);
	wire_put_u32(wb, r->flags);
	wire_put_str(wb, r->named);
}

/* A string, NULL when empty. */
static int
get_opt(struct rbuf *rb, char **sp, size_t max)
{
	if (wire_get_str(rb, sp, max) == -1)
		return -1;
	if (**sp == '\0') {
		free(*sp);
		*sp = NULL;
	}
	return 0;
}

void
hitl_req_free(struct hitl_req *r)
{
	size_t	 i;

	free(r->session);
	free(r->tool);
	free(r->command);
	for (i = 0; i < r->argc; i++)
		free(r->argv[i]);
	free(r->argv);
	free(r->args);
	free(r->network);
	free(r->workspace);
	free(r->cwd);
	for (i = 0; i < r->envc; i++)
		free(r->envv[i]);
	free(r->envv);
	free(r->input);
	free(r->named);
	memset(r, 0, sizeof(*r));
}

/* A u32 count (at most max), then that many strings, into *vp. */
static int
get_strs(struct rbuf *rb, char ***vp, size_t *np, uint32_t max)
{
	uint32_t	 n, i;

	if (wire_get_u32(rb, &n) == -1 || n > max)
		return -1;
	if (n == 0)
		return 0;
	if ((*vp = calloc(n, sizeof(**vp))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (wire_get_str(rb, &(*vp)[i], HITL_MSG_MAX) == -1)
			return -1;
		(*np)++;
	}
	return 0;
}

static int
req_decode(struct rbuf *rb, struct hitl_req *r)
{
	memset(r, 0, sizeof(*r));
	if (wire_get_str(rb, &r->session, HITL_SESSION_MAX) == -1 ||
	    wire_get_str(rb, &r->tool, HITL_TOOL_MAX) == -1 ||
	    r->tool[0] == '\0' ||
	    get_opt(rb, &r->command, HITL_MSG_MAX) == -1 ||
	    get_strs(rb, &r->argv, &r->argc, HITL_ARGV_MAX) == -1 ||
	    get_opt(rb, &r->args, HITL_MSG_MAX) == -1 ||
	    get_opt(rb, &r->network, 1024) == -1 ||
	    get_opt(rb, &r->workspace, 4096) == -1 ||
	    get_opt(rb, &r->cwd, 4096) == -1 ||
	    get_strs(rb, &r->envv, &r->envc, HITL_ENV_MAX) == -1 ||
	    get_opt(rb, &r->input, HITL_INPUT_MAX) == -1 ||
	    wire_get_u32(rb, &r->flags) == -1 ||
	    (r->flags & ~HITL_REQ_FLAGS) != 0 ||
	    get_opt(rb, &r->named, HITL_SESSION_MAX) == -1)
		return -1;
	return 0;
}

int
hitl_req_decode(struct rbuf *rb, struct hitl_req *r)
{
	if (req_decode(rb, r) == -1 || wire_end(rb) == -1) {
		hitl_req_free(r);
		return -1;
	}
	return 0;
}

/* In the message when it fits, else in a memfd. */
static int
pack(struct wbuf *wb, int *fdp)
{
	*fdp = -1;
	if (wire_ok(wb) == -1)
		return -1;
	if (wb->len <= IMSG_MAX_PAYLOAD)
		return 0;
	if ((*fdp = wire_memfd(wb)) == -1)
		return -1;
	return 0;
}

int
hitl_req_pack(struct wbuf *wb, const struct hitl_req *r, int *fdp)
{
	wire_init_max(wb, HITL_MSG_MAX);
	hitl_req_encode(wb, r);
	return pack(wb, fdp);
}

int
hitl_item_pack(struct wbuf *wb, const struct hitl_item *it, int *fdp)
{
	wire_init_max(wb, HITL_ITEM_MAX);
	hitl_item_encode(wb, it);
	return pack(wb, fdp);
}

int
hitl_msg_open(struct imsg *imsg, struct rbuf *rb, unsigned char **heapp)
{
	size_t	 len;
	int	 rc, fd = imsg->fd;

	*heapp = NULL;
	imsg->fd = -1;
	if (imsg_datalen(imsg) > 0 || fd == -1) {
		if (fd != -1)
			close(fd);
		wire_rinit(rb, imsg->data, imsg_datalen(imsg));
		return 0;
	}
	/* (The decoders hold each part to its own limit.) */
	rc = wire_memfd_read(fd, HITL_ITEM_MAX, heapp, &len);
	close(fd);
	if (rc == -1) {
		wire_rinit(rb, NULL, 0);
		return -1;
	}
	wire_rinit(rb, *heapp, len);
	return 0;
}

void
hitl_verdict_encode(struct wbuf *wb, const struct hitl_verdict *v)
{
	wire_put_u32(wb, v->id);
	wire_put_u8(wb, (uint8_t)v->level);
	wire_put_u8(wb, (uint8_t)v->decision);
	wire_put_u8(wb, (uint8_t)v->asked);
	wire_put_u8(wb, (uint8_t)v->how);
	wire_put_u8(wb, (uint8_t)v->matched);
	wire_put_str(wb, v->rule);
	wire_put_str(wb, v->file);
	wire_put_u32(wb, v->line);
	wire_put_str(wb, v->why);
	wire_put_str(wb, v->reason);
	wire_put_str(wb, v->by);
	wire_put_u32(wb, v->uid);
}

int
hitl_verdict_decode(struct rbuf *rb, struct hitl_verdict *v)
{
	uint8_t	 level, decision, asked, how, matched;

	memset(v, 0, sizeof(*v));
	wire_get_u32(rb, &v->id);
	wire_get_u8(rb, &level);
	wire_get_u8(rb, &decision);
	wire_get_u8(rb, &asked);
	wire_get_u8(rb, &how);
	wire_get_u8(rb, &matched);
	wire_get_strbuf(rb, v->rule, sizeof(v->rule));
	wire_get_strbuf(rb, v->file, sizeof(v->file));
	wire_get_u32(rb, &v->line);
	wire_get_strbuf(rb, v->why, sizeof(v->why));
	wire_get_strbuf(rb, v->reason, sizeof(v->reason));
	wire_get_strbuf(rb, v->by, sizeof(v->by));
	wire_get_u32(rb, &v->uid);
	if (wire_end(rb) == -1 || level >= RISK_NLEVELS ||
	    decision > RISK_DENY || how > HITL_HOW_ERROR)
		return -1;
	v->level = level;
	v->decision = decision;
	v->asked = asked != 0;
	v->how = how;
	v->matched = matched != 0;
	return 0;
}

void
hitl_item_encode(struct wbuf *wb, const struct hitl_item *it)
{
	wire_put_u32(wb, it->id);
	hitl_req_encode(wb, &it->req);
	wire_put_u8(wb, (uint8_t)it->level);
	wire_put_str(wb, it->rule);
	wire_put_str(wb, it->file);
	wire_put_u32(wb, it->line);
	wire_put_str(wb, it->why);
	wire_put_i64(wb, it->deadline);
	wire_put_u64(wb, it->left_ms);
	wire_put_u32(wb, it->requester_uid);
	wire_put_u32(wb, it->requester_pid);
}

int
hitl_item_decode(struct rbuf *rb, struct hitl_item *it)
{
	uint8_t	 level;

	memset(it, 0, sizeof(*it));
	if (wire_get_u32(rb, &it->id) == -1 ||
	    req_decode(rb, &it->req) == -1) {
		hitl_req_free(&it->req);
		return -1;
	}
	wire_get_u8(rb, &level);
	wire_get_strbuf(rb, it->rule, sizeof(it->rule));
	wire_get_strbuf(rb, it->file, sizeof(it->file));
	wire_get_u32(rb, &it->line);
	wire_get_strbuf(rb, it->why, sizeof(it->why));
	wire_get_i64(rb, &it->deadline);
	wire_get_u64(rb, &it->left_ms);
	wire_get_u32(rb, &it->requester_uid);
	wire_get_u32(rb, &it->requester_pid);
	if (wire_end(rb) == -1 || level >= RISK_NLEVELS) {
		hitl_req_free(&it->req);
		return -1;
	}
	it->level = level;
	return 0;
}

void
hitl_item_free(struct hitl_item *it)
{
	hitl_req_free(&it->req);
}

void
hitl_decided_encode(struct wbuf *wb, const struct hitl_decided *d)
{
	wire_put_u32(wb, d->id);
	wire_put_u8(wb, (uint8_t)d->decision);
	wire_put_u8(wb, (uint8_t)d->how);
	wire_put_str(wb, d->by);
	wire_put_u32(wb, d->uid);
	wire_put_str(wb, d->reason);
}

int
hitl_decided_decode(struct rbuf *rb, struct hitl_decided *d)
{
	uint8_t	 decision, how;

	memset(d, 0, sizeof(*d));
	wire_get_u32(rb, &d->id);
	wire_get_u8(rb, &decision);
	wire_get_u8(rb, &how);
	wire_get_strbuf(rb, d->by, sizeof(d->by));
	wire_get_u32(rb, &d->uid);
	wire_get_strbuf(rb, d->reason, sizeof(d->reason));
	if (wire_end(rb) == -1 || decision > RISK_DENY ||
	    how > HITL_HOW_ERROR)
		return -1;
	d->decision = decision;
	d->how = how;
	return 0;
}

const char *
hitl_how_name(int how)
{
	switch (how) {
	case HITL_HOW_POLICY:
		return "policy";
	case HITL_HOW_SESSION:
		return "session";
	case HITL_HOW_APPROVER:
		return "approver";
	case HITL_HOW_TIMEOUT:
		return "timeout";
	case HITL_HOW_CANCEL:
		return "cancel";
	default:
		return "error";
	}
}

int
hitl_classify_req(const struct risk_ruleset *rs, const struct hitl_req *req,
    struct json_object *args, struct risk_result *res, struct hitl_verdict *v)
{
	struct risk_call	 call;
	int			 rc;

	memset(&call, 0, sizeof(call));
	call.tool = req->tool;
	call.command = req->command;
	call.argv = (const char *const *)req->argv;
	call.argc = req->argc;
	call.args = args;
	call.network = req->network;
	call.cwd = req->cwd;
	call.envv = (const char *const *)req->envv;
	call.envc = req->envc;
	call.input = req->input;
	call.inputlen = req->input != NULL ? strlen(req->input) : 0;
	call.input_unknown = (req->flags & HITL_REQ_INPUT_CUT) != 0;
	rc = risk_classify(rs, &call, res);

	memset(v, 0, sizeof(*v));
	v->level = res->level;
	v->decision = res->decision;
	v->matched = res->matched;
	v->how = HITL_HOW_POLICY;
	if (res->rule_name != NULL) {
		strlcpy(v->rule, res->rule_name, sizeof(v->rule));
		strlcpy(v->file, res->rule_file ? res->rule_file : "",
		    sizeof(v->file));
		v->line = res->rule_line > 0 ? (uint32_t)res->rule_line : 0;
	}
	strlcpy(v->why, res->why, sizeof(v->why));
	return rc;
}

void
hitl_verdict_deny(struct hitl_verdict *v, const char *fmt, ...)
{
	va_list	 ap;

	memset(v, 0, sizeof(*v));
	v->level = RISK_CRITICAL;
	v->decision = RISK_DENY;
	v->how = HITL_HOW_ERROR;
	va_start(ap, fmt);
	vsnprintf(v->reason, sizeof(v->reason), fmt, ap);
	va_end(ap);
	strlcpy(v->why, v->reason, sizeof(v->why));
}

int
hitlc_classify(struct hconn *h, const struct hitl_req *r,
    struct hitl_verdict *v, hitlc_pending_fn pending, void *arg)
{
	struct wbuf	 wb;
	struct rbuf	 rb;
	struct imsg	 imsg;
	char		 msg[HITL_WHY_MAX];
	uint32_t	 id;
	uint64_t	 left;
	int		 rc, fd, wait = HITLC_FIRST_MS;
	static uint32_t	 seq;

	if (h == NULL) {
		hitl_verdict_deny(v, "hitld unreachable");
		return -1;
	}
	if (++seq == 0)
		seq = 1;
	if (hitl_req_pack(&wb, r, &fd) == -1) {
		if (errno == EMSGSIZE)
			hitl_verdict_deny(v, "request too large to classify "
			    "(at most %d bytes)", HITL_MSG_MAX);
		else
			hitl_verdict_deny(v, "cannot send the request: %s",
			    strerror(errno));
		wire_free(&wb);
		return -1;
	}
	/* harness_send() passes fd on, sent or not. */
	rc = harness_send(h, IMSG_HITL_CLASSIFY, seq, fd, fd == -1 ?
	    wire_data(&wb) : NULL, fd == -1 ? wb.len : 0);
	wire_free(&wb);
	if (rc == -1) {
		hitl_verdict_deny(v, "hitld unreachable: %s",
		    strerror(errno));
		return -1;
	}
	for (;;) {
		rc = harness_recv(h, &imsg, wait);
		if (rc == 0) {
			hitl_verdict_deny(v, "hitld closed the connection");
			return -1;
		}
		if (rc == -1) {
			hitl_verdict_deny(v, "hitld did not answer: %s",
			    errno == ETIMEDOUT ? "timed out" :
			    strerror(errno));
			return -1;
		}
		if (imsg.hdr.peerid != seq) {
			/* Not ours (a broadcast, a stale reply): skip. */
			imsg_free(&imsg);
			continue;
		}
		if (harness_error(&imsg, msg, sizeof(msg))) {
			imsg_free(&imsg);
			hitl_verdict_deny(v, "hitld: %s", msg);
			return -1;
		}
		wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
		switch (imsg.hdr.type) {
		case IMSG_HITL_PENDING:
			wire_get_u32(&rb, &id);
			wire_get_u64(&rb, &left);
			imsg_free(&imsg);
			if (wire_end(&rb) == -1) {
				hitl_verdict_deny(v, "bad reply from hitld");
				return -1;
			}
			if (left > INT32_MAX - HITLC_GRACE_MS)
				left = INT32_MAX - HITLC_GRACE_MS;
			wait = (int)left + HITLC_GRACE_MS;
			if (pending != NULL)
				pending(id, left, arg);
			break;
		case IMSG_HITL_VERDICT:
			rc = hitl_verdict_decode(&rb, v);
			imsg_free(&imsg);
			if (rc == -1) {
				hitl_verdict_deny(v, "bad reply from hitld");
				return -1;
			}
			return 0;
		default:
			imsg_free(&imsg);
			hitl_verdict_deny(v, "unexpected reply from hitld");
			return -1;
		}
	}
}

int
hitlc_classify_path(const char *path, const struct hitl_req *r,
    struct hitl_verdict *v, hitlc_pending_fn pending, void *arg)
{
	struct hconn	*h;
	char		 err[256];
	int		 rc;

	if ((h = harness_connect(path, err, sizeof(err))) == NULL) {
		hitl_verdict_deny(v, "hitld unreachable: %s", err);
		return -1;
	}
	rc = hitlc_classify(h, r, v, pending, arg);
	harness_close(h);
	return rc;
}
