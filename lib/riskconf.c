/*
 * riskconf: harness.conf's rules as a compiled risk rule set, and tool
 * arguments as the classifier takes them; see riskconf.h.
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "conf.h"
#include "risk.h"
#include "riskconf.h"

static enum risk_decision
conf2risk(enum conf_decision d)
{
	switch (d) {
	case DECIDE_ALLOW:
		return RISK_ALLOW;
	case DECIDE_ASK:
		return RISK_ASK;
	default:
		return RISK_DENY;
	}
}

/*
 * Turn the configuration's rules into a compiled set.  The risk
 * library copies what it keeps, so the arrays here point into conf.
 */
struct risk_ruleset *
risk_conf_compile(const struct harness_conf *conf, size_t *np, char *err,
    size_t errlen)
{
	struct risk_ruleset	*rs = NULL;
	struct risk_rule	*rules = NULL;
	struct risk_policy	 pol;
	const struct conf_rule	*cr;
	const struct conf_match	*cm;
	size_t			 n = 0, i, j;
	int			 lvl;

	TAILQ_FOREACH(cr, &conf->rules, entry)
		n++;
	if (n > 0 && (rules = calloc(n, sizeof(*rules))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	i = 0;
	TAILQ_FOREACH(cr, &conf->rules, entry) {
		struct risk_rule *r = &rules[i++];

		r->name = (char *)(uintptr_t)cr->name;
		r->file = (char *)(uintptr_t)cr->file;
		r->line = cr->line;
		lvl = cr->level;
		if (lvl < 0 || lvl >= RISK_NLEVELS) {
			snprintf(err, errlen, "%s:%d: rule '%s': bad level",
			    cr->file, cr->line, cr->name);
			goto done;
		}
		r->level = (enum risk_level)lvl;
		TAILQ_FOREACH(cm, &cr->matches, entry)
			r->nmatches++;
		if (r->nmatches > 0 && (r->matches = calloc(r->nmatches,
		    sizeof(*r->matches))) == NULL) {
			snprintf(err, errlen, "out of memory");
			goto done;
		}
		j = 0;
		TAILQ_FOREACH(cm, &cr->matches, entry) {
			struct risk_match *m = &r->matches[j++];

			switch (cm->kind) {
			case MATCH_TOOL:
				m->kind = RISK_M_TOOL;
				break;
			case MATCH_COMMAND:
				m->kind = RISK_M_COMMAND;
				break;
			case MATCH_ARG:
				m->kind = RISK_M_ARG;
				break;
			case MATCH_PATH:
				m->kind = RISK_M_PATH;
				break;
			case MATCH_NETWORK:
				m->kind = RISK_M_NETWORK;
				break;
			}
			m->path = cm->path;
			m->write = cm->write;
			m->patterns = cm->patterns.v;
			m->npatterns = cm->patterns.n;
		}
	}
	for (i = 0; i < RISK_NLEVELS; i++)
		pol.decision[i] = conf2risk(conf->hitld.policy[i]);
	pol.nomatch = conf2risk(conf->hitld.nomatch);
	rs = risk_compile(rules, n, &pol, err, errlen);
 done:
	for (i = 0; i < n; i++)
		free(rules[i].matches);
	free(rules);
	*np = n;
	return rs;
}

struct json_object *
risk_conf_args(const char *s, char *err, size_t errlen)
{
	struct json_tokener	*tok;
	struct json_object	*o;
	size_t			 len = strlen(s);

	if ((tok = json_tokener_new_ex(RISKCONF_JSON_DEPTH)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, s, (int)len);
	if (o == NULL || json_tokener_get_error(tok) != json_tokener_success ||
	    json_tokener_get_parse_end(tok) != len) {
		snprintf(err, errlen, "tool arguments are not valid JSON");
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}
