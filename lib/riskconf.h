/*
 * riskconf: harness.conf's rules and hitld policy as a compiled risk
 * rule set (risk.h), and tool arguments as the classifier takes them.
 * hitld classifies with these; harnessctl hitl classify -d does too,
 * so that a dry run gives what hitld would.
 */
#ifndef HARNESS_RISKCONF_H
#define HARNESS_RISKCONF_H

#include <stddef.h>

struct harness_conf;
struct json_object;
struct risk_ruleset;

#define RISKCONF_JSON_DEPTH	32	/* nesting of tool arguments */

/*
 * Compile conf's rules under its hitld policy.  Returns NULL and a
 * message in err on a bad rule; *nrules is how many there were.
 */
struct risk_ruleset *risk_conf_compile(const struct harness_conf *,
	    size_t *nrules, char *err, size_t errlen);
/*
 * Parse tool arguments: one strict JSON value, nested at most
 * RISKCONF_JSON_DEPTH, nothing after it.  NULL and a message in err
 * otherwise.
 */
struct json_object *risk_conf_args(const char *, char *err, size_t errlen);

#endif /* HARNESS_RISKCONF_H */
