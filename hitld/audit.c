/*
 * Audit of every hitld decision.  Each one is logged and sent to auditd
 * as an "approval.decision" record; hitl_audit_reply() holds the
 * verdict back until auditd says the record is durable, and turns it
 * into a deny when auditd cannot say so (fail secure).
 *
 * The log line names the tool, session, rule and who decided, never
 * the command line or arguments: they may carry secrets, and syslog is
 * not the audit store.
 */
#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <stdlib.h>

#include "auditc.h"
#include "control.h"
#include "hitlc.h"
#include "hitld.h"
#include "log.h"
#include "risk.h"
#include "wire.h"

/* Requesters choose session and tool names: no newlines into logs. */
static const char *
clean(const char *s, char *buf, size_t len)
{
	size_t	 n = 0;

	if (s == NULL)
		s = "";
	for (; *s != '\0' && n + 5 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			n += (size_t)snprintf(buf + n, len - n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return buf;
}

void
hitl_audit(const struct hitl_req *req, const struct hitl_verdict *v,
    uint32_t requester_uid)
{
	char	 who[HITL_NAME_MAX + 32];
	char	 session[HITL_SESSION_MAX * 4 + 8], tool[HITL_TOOL_MAX * 4 + 8];
	char	 reason[HITL_WHY_MAX * 4 + 8];

	if (v->how == HITL_HOW_APPROVER || v->how == HITL_HOW_SESSION)
		snprintf(who, sizeof(who), "%s uid %u", v->by,
		    (unsigned)v->uid);
	else
		strlcpy(who, "-", sizeof(who));
	log_info("decision: %s%s id %u requester uid %u session \"%s\" "
	    "tool \"%s\" risk %s rule \"%s\" how %s by %s: %s",
	    risk_decision_name(v->decision), v->asked ? " (asked)" : "",
	    v->id, (unsigned)requester_uid,
	    clean(req->session, session, sizeof(session)),
	    clean(req->tool, tool, sizeof(tool)),
	    risk_level_name(v->level), v->rule, hitl_how_name(v->how), who,
	    clean(v->reason, reason, sizeof(reason)));
}

struct audit_wait {
	uint32_t		 conn_id;
	uint32_t		 peerid;
	int			 reply;
	struct hitl_verdict	 v;
};

static void
verdict_send(uint32_t conn_id, uint32_t peerid, const struct hitl_verdict *v)
{
	struct ctl_conn		*c;
	struct wbuf		 wb;

	if ((c = control_find(conn_id)) == NULL || c->closing)
		return;
	wire_init(&wb);
	hitl_verdict_encode(&wb, v);
	if (control_reply(c, IMSG_HITL_VERDICT, peerid, -1, wb.buf, wb.len)
	    == -1)
		log_warnx("decision %u: requester gone", v->id);
	else
		imsgev_send_now(&c->iev);	/* before we log and record */
}

/* Decisions whose record auditd has not yet acknowledged. */
static size_t	 outstanding;

size_t
hitl_audit_outstanding(void)
{
	return outstanding;
}

static void
audit_done(int ok, uint64_t seq, const char *err, void *arg)
{
	struct audit_wait	*w = arg;

	outstanding--;
	if (!ok) {
		log_warnx("decision %u could not be audited: %s", w->v.id, err);
		if (w->v.decision != RISK_DENY) {
			w->v.decision = RISK_DENY;
			w->v.how = HITL_HOW_ERROR;
			snprintf(w->v.reason, sizeof(w->v.reason),
			    "denied: %s", err);
		}
	}
	if (w->reply)
		verdict_send(w->conn_id, w->peerid, &w->v);
	free(w);
}

/*
 * Log the decision, record it in the audit trail, and (reply != 0) send
 * the verdict to the requester once the record is durable.
 */
void
hitl_audit_reply(const struct hitl_req *req, const struct hitl_verdict *v,
    uint32_t requester_uid, uint32_t conn_id, uint32_t peerid, int reply)
{
	struct audit_wait	*w;
	struct json_object	*o;
	char			 actor[HITL_NAME_MAX + 40], where[300];
	const char		*session;
	int			 early;

	/*
	 * A requester that records the verdict durably itself before it
	 * acts (HITL_REQ_RECORDED) hears a decision no person took as
	 * soon as our record is sent, which nobody then waits for: auditd
	 * writes it with the requester's own record, in one fsync.  Both
	 * go at once, the record first, so that it reaches auditd before
	 * the requester's; the log line comes after them.
	 */
	early = reply && (req->flags & HITL_REQ_RECORDED) &&
	    (v->how == HITL_HOW_POLICY || v->how == HITL_HOW_SESSION);
	w = NULL;
	if (!early) {
		if ((w = calloc(1, sizeof(*w))) == NULL)
			fatal("%s: calloc", __func__);
		w->conn_id = conn_id;
		w->peerid = peerid;
		w->reply = reply;
		w->v = *v;
		outstanding++;
	}

	o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_int64(v->id));
	json_object_object_add(o, "tool",
	    json_object_new_string(req->tool != NULL ? req->tool : ""));
	json_object_object_add(o, "decision",
	    json_object_new_string(risk_decision_name(v->decision)));
	json_object_object_add(o, "risk",
	    json_object_new_string(risk_level_name(v->level)));
	json_object_object_add(o, "how", json_object_new_string(
	    hitl_how_name(v->how)));
	json_object_object_add(o, "rule", json_object_new_string(v->rule));
	if (v->file[0] != '\0') {
		snprintf(where, sizeof(where), "%s:%d", v->file, v->line);
		json_object_object_add(o, "rule_at",
		    json_object_new_string(where));
	}
	json_object_object_add(o, "reason", json_object_new_string(v->reason));
	/*
	 * The record carries the session as the client named it, as the
	 * requester's own records do; the scope of allow-for-session
	 * grants (what approvers saw, what end-session takes) goes in
	 * the body.
	 */
	session = req->session != NULL ? req->session : "";
	if (req->named != NULL && strcmp(req->named, session) != 0) {
		json_object_object_add(o, "grant_session",
		    json_object_new_string(session));
		session = req->named;
	}
	json_object_object_add(o, "requester_uid",
	    json_object_new_int64(requester_uid));
	if (v->how == HITL_HOW_APPROVER || v->how == HITL_HOW_SESSION) {
		json_object_object_add(o, "approver",
		    json_object_new_string(v->by));
		json_object_object_add(o, "approver_uid",
		    json_object_new_int64(v->uid));
		snprintf(actor, sizeof(actor), "user:%s uid:%u", v->by,
		    (unsigned)v->uid);
	} else
		snprintf(actor, sizeof(actor), "uid:%u",
		    (unsigned)requester_uid);
	if (audit_event("approval.decision", session, actor,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
	    early ? 0 : AUDIT_ACK, early ? NULL : audit_done, w) == -1) {
		if (early)
			log_warnx("decision %u: auditd unreachable: cannot "
			    "send the record (the requester's own decides)",
			    v->id);
		else
			audit_done(0, 0, "auditd unreachable: cannot send "
			    "the record", w);
	}
	if (early) {
		audit_send_now();
		verdict_send(conn_id, peerid, v);
	}
	hitl_audit(req, v, requester_uid);
	json_object_put(o);
}
