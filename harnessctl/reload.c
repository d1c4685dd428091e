/*
 * harnessctl reload: have daemons read their configuration file again,
 * as SIGHUP does, and say here what came of it: reloaded (and what
 * waits for a restart), or the errors, with the old configuration kept.
 * The daemon records the reload in the audit trail with our uid and pid.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "harness.h"
#include "harnessctl.h"
#include "proc.h"
#include "proto.h"
#include "wire.h"

/* The order daemons start in: auditd first records the others' too. */
static const enum daemon_id order[] = {
	D_AUDITD, D_VAULTD, D_HITLD, D_SANDBOXD, D_HARNESSD,
};

/* The daemon's text, a line at a time, each after "name: ". */
static void
put_lines(FILE *f, const char *name, const char *text, size_t len)
{
	const char	*nl;
	size_t		 n;

	while (len > 0) {
		nl = memchr(text, '\n', len);
		n = nl != NULL ? (size_t)(nl - text) : len;
		fprintf(f, "%s: ", name);
		ctl_putsafe_n(f, text, n, 0, 0);
		fputc('\n', f);
		if (nl == NULL)
			break;
		text += n + 1;
		len -= n + 1;
	}
}

/*
 * 0 reloaded, 1 refused or failed, 2 not running (skip is set: the
 * caller named no daemon, and says so instead of failing).
 */
static int
reload_daemon(struct ctl_env *env, enum daemon_id id, int skip)
{
	const char	*name = daemon_names[id];
	struct hconn	*h;
	struct imsg	 imsg;
	struct rbuf	 rb;
	const void	*text;
	size_t		 len;
	uint32_t	 result;
	char		 err[512];
	int		 rc;

	if ((h = ctl_connect(env, id, err, sizeof(err))) == NULL) {
		/* No socket at all: not running (a stale one is news). */
		if (skip && access(conf_daemon(env->conf, id)->control.path,
		    F_OK) == -1 && errno == ENOENT) {
			printf("%s: not running, skipped\n", name);
			return 2;
		}
		fprintf(stderr, "%s: not reloaded: %s\n", name, err);
		return 1;
	}
	if (harness_send(h, IMSG_CTL_RELOAD, 0, -1, NULL, 0) == -1) {
		fprintf(stderr, "%s: not reloaded: cannot send the request\n",
		    name);
		harness_close(h);
		return 1;
	}
	/* A large rule set takes a while to parse and compile. */
	if ((rc = harness_recv(h, &imsg, 30000)) != 1) {
		fprintf(stderr, "%s: %s\n", name, rc == 0 ? "connection "
		    "closed before the answer" : "no answer in 30 seconds");
		harness_close(h);
		return 1;
	}
	if (harness_error(&imsg, err, sizeof(err))) {
		fprintf(stderr, "%s: ", name);
		ctl_putsafe(stderr, err, 0, 0);
		fputc('\n', stderr);
		imsg_free(&imsg);
		harness_close(h);
		return 1;
	}
	wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
	if (imsg.hdr.type != IMSG_CTL_RELOAD ||
	    wire_get_u32(&rb, &result) == -1 ||
	    wire_get_blob(&rb, &text, &len, PROC_RELOAD_TEXT_MAX) == -1 ||
	    wire_end(&rb) == -1 || (result != PROC_RELOAD_APPLIED &&
	    result != PROC_RELOAD_REFUSED)) {
		fprintf(stderr, "%s: malformed reload reply\n", name);
		imsg_free(&imsg);
		harness_close(h);
		return 1;
	}
	if (result == PROC_RELOAD_APPLIED) {
		printf("%s: configuration reloaded\n", name);
		if (len > 0) {
			printf("%s: ", name);
			ctl_putsafe_n(stdout, text, len, 0, 0);
			printf(" changed: set at start, kept until a "
			    "restart\n");
		}
		rc = 0;
	} else {
		fprintf(stderr, "%s: reload failed, keeping the old "
		    "configuration:\n", name);
		put_lines(stderr, name, text, len);
		rc = 1;
	}
	imsg_free(&imsg);
	harness_close(h);
	return rc;
}

/* The daemon of that name, or D_MAX. */
static enum daemon_id
daemon_by_name(const char *name)
{
	int	 d;

	for (d = 0; d < D_MAX; d++)
		if (strcmp(name, daemon_names[d]) == 0)
			break;
	return (enum daemon_id)d;
}

int
cmd_reload(struct ctl_env *env, int argc, char **argv)
{
	size_t	 i;
	int	 rc = 0, any = 0, r;

	if (argc == 1) {
		for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
			if ((r = reload_daemon(env, order[i], 1)) == 1)
				rc = 1;
			else if (r == 0)
				any = 1;
		}
		if (!any && rc == 0) {
			fprintf(stderr, "harnessctl: reload: no daemon is "
			    "running\n");
			rc = 1;
		}
		return rc;
	}
	/* Every name checked before any daemon is asked. */
	for (i = 1; i < (size_t)argc; i++)
		if (daemon_by_name(argv[i]) == D_MAX) {
			fprintf(stderr, "harnessctl: reload: unknown daemon "
			    "%s (auditd, vaultd, hitld, sandboxd, harnessd)\n",
			    argv[i]);
			return EX_USAGE;
		}
	for (i = 1; i < (size_t)argc; i++)
		if (reload_daemon(env, daemon_by_name(argv[i]), 0) != 0)
			rc = 1;
	return rc;
}
