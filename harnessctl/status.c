/*
 * harnessctl status: one line per process of every daemon.  What the
 * daemon says is checked against /proc when we can read it (as root),
 * and /proc wins: the point is to show the truth.
 */
#include <sys/types.h>

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "control.h"
#include "harness.h"
#include "harnessctl.h"
#include "proc.h"
#include "proto.h"
#include "wire.h"

static void
fmt_uptime(time_t secs, char *buf, size_t len)
{
	if (secs < 0)
		secs = 0;
	if (secs < 60)
		snprintf(buf, len, "%lds", (long)secs);
	else if (secs < 3600)
		snprintf(buf, len, "%ldm%02lds", (long)secs / 60,
		    (long)secs % 60);
	else if (secs < 86400)
		snprintf(buf, len, "%ldh%02ldm", (long)secs / 3600,
		    ((long)secs % 3600) / 60);
	else
		snprintf(buf, len, "%ldd%02ldh", (long)secs / 86400,
		    ((long)secs % 86400) / 3600);
}

/* Read Uid and Seccomp from /proc/PID/status, chroot from root link. */
static void
proc_truth(struct proc_info *pi)
{
	char		 path[64], line[256], root[PATH_MAX];
	FILE		*f;
	struct passwd	*pw;
	unsigned	 uid;
	int		 sc;
	ssize_t		 n;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pi->pid);
	if ((f = fopen(path, "re")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "Uid:\t%*u\t%u", &uid) == 1) {
			pi->uid = uid;
			if ((pw = getpwuid(uid)) != NULL)
				strlcpy(pi->user, pw->pw_name,
				    sizeof(pi->user));
		} else if (sscanf(line, "Seccomp:\t%d", &sc) == 1)
			pi->rep.seccomp = sc;
	}
	fclose(f);
	snprintf(path, sizeof(path), "/proc/%d/root", (int)pi->pid);
	if ((n = readlink(path, root, sizeof(root) - 1)) > 0) {
		root[n] = '\0';
		strlcpy(pi->chroot, strcmp(root, "/") == 0 ? "" : root,
		    sizeof(pi->chroot));
	}
}

static int
status_daemon(struct ctl_env *env, enum daemon_id id)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct rbuf	 rb;
	struct proc_info pi;
	char		 err[512], dname[32], up[32];
	int		 rc, down = 0;

	if ((h = ctl_connect(env, id, err, sizeof(err))) == NULL) {
		printf("%-20s %-7s %s\n", daemon_names[id], "down", err);
		return 1;
	}
	if (harness_send(h, IMSG_CTL_STATUS, 0, -1, NULL, 0) == -1) {
		printf("%-20s %-7s %s\n", daemon_names[id], "down",
		    "cannot send the status request");
		harness_close(h);
		return 1;
	}
	for (;;) {
		if ((rc = harness_recv(h, &imsg, 5000)) != 1) {
			printf("%-20s %-7s %s\n", daemon_names[id], "down",
			    rc == 0 ? "connection closed" : "no answer");
			down = 1;
			break;
		}
		if (harness_error(&imsg, err, sizeof(err))) {
			printf("%-20s %-7s %s\n", daemon_names[id], "error",
			    err);
			imsg_free(&imsg);
			down = 1;
			break;
		}
		if (imsg.hdr.type == IMSG_CTL_END) {
			imsg_free(&imsg);
			break;
		}
		wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
		if (imsg.hdr.type != IMSG_CTL_PROC ||
		    ctl_proc_decode(&rb, dname, sizeof(dname), &pi) == -1) {
			printf("%-20s %-7s %s\n", daemon_names[id], "error",
			    "malformed status reply");
			imsg_free(&imsg);
			down = 1;
			break;
		}
		imsg_free(&imsg);
		if (pi.pid == 0 || !pi.ready) {
			printf("%-20s %-7s %s\n", pi.title, "down",
			    "not running");
			down = 1;
			continue;
		}
		proc_truth(&pi);
		fmt_uptime(time(NULL) - pi.started, up, sizeof(up));
		printf("%-20s %-7d %-10s %-32s %-7d %s\n", pi.title,
		    (int)pi.pid, pi.user, pi.chroot[0] ? pi.chroot : "-",
		    pi.rep.seccomp, up);
	}
	harness_close(h);
	return down;
}

int
cmd_status(struct ctl_env *env, int argc, char **argv)
{
	int	 i, down = 0;

	if (argc != 1)
		usage();
	printf("%-20s %-7s %-10s %-32s %-7s %s\n", "PROCESS", "PID", "USER",
	    "CHROOT", "SECCOMP", "UPTIME");
	for (i = 0; i < D_MAX; i++)
		down |= status_daemon(env, (enum daemon_id)i);
	return down ? 1 : 0;
}
