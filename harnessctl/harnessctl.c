/*
 * harnessctl: control the harness daemons.
 */
#include <sys/types.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "harness.h"
#include "harnessctl.h"

static const struct ctl_cmd commands[] = {
	{ "status", "status", cmd_status, 1 },
	{ "reload", "reload [daemon ...]", cmd_reload, 1 },
	{ "audit", "audit verify|show|tail|log|stats|seal ...", cmd_audit, 0 },
	{ "vault", "vault init|unseal [-k keyfile] | seal|status|list | "
	    "put|rotate|get|rm|prune name", cmd_vault, 1 },
	{ "approve", "approve [-l [-a] | id allow|deny|session]", cmd_approve, 1 },
	{ "hitl", "hitl classify tool [-d] [-s session] [-c line] [-a json] "
	    "[-n network] [-w workspace] [-C dir] [-e NAME=value] [-i] "
	    "[argv ...]\n    hitl end-session session", cmd_hitl, 1 },
	{ "sandbox", "sandbox run [-Hnv] [-t time] ... [-- argv ...] | list", cmd_sandbox, 1 },
	{ "exec", "exec [-iq] [-C dir] [-e NAME=value] [-m memory] "
	    "[-n network] [-s session] [-t time] -- argv ...",
	    cmd_exec, 1 },
	{ "tool", "tool list | show name | call [-o] [-s session] name [json] "
	    "| add file | rm name", cmd_tool, 1 },
};

void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage: harnessctl [-v] [-f file] command "
	    "[argument ...]\n");
	fprintf(stderr, "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "    %s\n", commands[i].usage);
	exit(EX_USAGE);
}

void
ctl_load_conf(struct ctl_env *env)
{
	char	 errbuf[4096];

	if (env->conf != NULL)
		return;
	env->conf = conf_load(env->conffile, NULL, errbuf, sizeof(errbuf));
	if (env->conf == NULL) {
		fprintf(stderr, "%s\n", errbuf);
		exit(1);
	}
}

struct hconn *
ctl_connect(struct ctl_env *env, enum daemon_id id, char *errbuf,
    size_t errlen)
{
	ctl_load_conf(env);
	return harness_connect(conf_daemon(env->conf, id)->control.path,
	    errbuf, errlen);
}

int
main(int argc, char *argv[])
{
	struct ctl_env	 env;
	size_t		 i;
	int		 ch, rc;

	memset(&env, 0, sizeof(env));
	env.conffile = HARNESS_CONF;
	while ((ch = getopt(argc, argv, "+f:v")) != -1) {
		switch (ch) {
		case 'f':
			env.conffile = optarg;
			break;
		case 'v':
			env.verbose++;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		fprintf(stderr, "harnessctl: unknown command: %s\n", argv[0]);
		usage();
	}
	if (commands[i].needs_conf)
		ctl_load_conf(&env);
	optind = 1;
	optreset = 1;
	rc = commands[i].fn(&env, argc, argv);
	conf_free(env.conf);
	return rc;
}
