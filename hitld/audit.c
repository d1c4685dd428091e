/*
 * Audit of every hitld decision.  The audit producer library (auditc)
 * is not there yet: until it is, the decision is logged at info level.
 * Callers keep calling this one function; when auditd is wired, the
 * same record goes there (and an ask that cannot be audited will be
 * denied, fail secure).
 *
 * The log line names the tool, session, rule and who decided, never
 * the command line or arguments: they may carry secrets, and syslog is
 * not the audit store.
 */
#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include "hitlc.h"
#include "hitld.h"
#include "log.h"
#include "risk.h"

static const char *
how_name(int how)
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
	    risk_level_name(v->level), v->rule, how_name(v->how), who,
	    clean(v->reason, reason, sizeof(reason)));
}
