/*
 * auditload: a producer load generator built on lib/auditc.
 *
 * usage: auditload socket procs window count
 *
 * Forks procs producers; each connects to auditd's socket with
 * audit_init_socket() and keeps window acked events in flight until it
 * has sent count of them (0: until auditd goes away).  Every ack is
 * printed at once, with one write(2), as "ACK seq producer n"; the body
 * of event n of producer p is {"p":p,"n":n}.  A refusal is printed as
 * "ERR producer n reason".  Exit 0 when every producer got all its
 * acks, 1 otherwise.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditc.h"

static struct {
	struct event_base *base;
	int		 id;
	long		 count, sent, done, failed;
	int		 window;
} g;

static void	 send_more(void);

static void
say(const char *line)
{
	size_t	 len = strlen(line);

	if (write(STDOUT_FILENO, line, len) != (ssize_t)len)
		_exit(2);
}

static void
on_ack(int ok, uint64_t seq, const char *why, void *arg)
{
	char	 line[600];
	long	 n = (long)(intptr_t)arg;

	g.done++;
	if (ok)
		snprintf(line, sizeof(line), "ACK %llu %d %ld\n",
		    (unsigned long long)seq, g.id, n);
	else {
		snprintf(line, sizeof(line), "ERR %d %ld %s\n", g.id, n, why);
		g.failed++;
	}
	say(line);
	if (g.failed > 0) {
		/* Fail secure: stop acting once auditd says no. */
		if (audit_pending() == 0)
			event_base_loopbreak(g.base);
		return;
	}
	send_more();
}

static void
send_more(void)
{
	char	 body[64];

	while ((g.count == 0 || g.sent < g.count) &&
	    g.sent - g.done < g.window) {
		snprintf(body, sizeof(body), "{\"p\":%d,\"n\":%ld}", g.id,
		    g.sent);
		if (audit_event("admin.test-load", "load", "auditload", body,
		    AUDIT_ACK, on_ack, (void *)(intptr_t)g.sent) == -1)
			err(1, "audit_event");
		g.sent++;
	}
	if (g.count != 0 && g.done == g.count)
		event_base_loopbreak(g.base);
}

static int
producer(const char *path)
{
	char	 src[32];

	snprintf(src, sizeof(src), "auditload/%d", g.id);
	if ((g.base = event_base_new()) == NULL)
		errx(1, "event_base_new");
	if (audit_init_socket(g.base, path, src) == -1)
		err(1, "audit_init_socket");
	send_more();
	event_base_dispatch(g.base);
	audit_shutdown();
	event_base_free(g.base);
	return g.failed == 0 && g.done == g.count ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	const char	*errstr;
	int		 procs, i, status, rc = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: auditload socket procs window "
		    "count\n");
		return 64;
	}
	procs = strtonum(argv[2], 1, 256, &errstr);
	if (errstr != NULL)
		errx(64, "procs: %s", errstr);
	g.window = strtonum(argv[3], 1, 4096, &errstr);
	if (errstr != NULL)
		errx(64, "window: %s", errstr);
	g.count = strtonum(argv[4], 0, 100000000, &errstr);
	if (errstr != NULL)
		errx(64, "count: %s", errstr);
	for (i = 0; i < procs; i++) {
		switch (fork()) {
		case -1:
			err(1, "fork");
		case 0:
			g.id = i;
			_exit(producer(argv[1]));
		}
	}
	for (i = 0; i < procs; i++) {
		if (wait(&status) == -1)
			err(1, "wait");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = 1;
	}
	return rc;
}
