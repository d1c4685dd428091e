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

void
hitl_audit(const struct hitl_req *req, const struct hitl_verdict *v,
    uint32_t requester_uid)
{
	char	 who[HITL_NAME_MAX + 32];

	if (v->how == HITL_HOW_APPROVER || v->how == HITL_HOW_SESSION)
		snprintf(who, sizeof(who), "%s uid %u", v->by,
		    (unsigned)v->uid);
	else
		strlcpy(who, "-", sizeof(who));
	log_info("decision: %s%s id %u requester uid %u session \"%s\" "
	    "tool \"%s\" risk %s rule \"%s\" how %s by %s: %s",
	    risk_decision_name(v->decision), v->asked ? " (asked)" : "",
	    v->id, (unsigned)requester_uid,
	    req->session ? req->session : "", req->tool ? req->tool : "",
	    risk_level_name(v->level), v->rule, how_name(v->how), who,
	    v->reason);
}
