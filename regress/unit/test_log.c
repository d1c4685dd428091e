/*
 * log: the foreground line's form ("TIMESTAMPZ title[pid]: message"),
 * one write(2) per line, a message too long for a line cut with its
 * newline kept, the tee of warnings and errors, errno kept, and a
 * stderr that is gone or full changing nothing.
 */

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "../tap.h"

static int	 saved_stderr;

/* Point stderr at a fresh pipe (or datagram socket); its read end. */
static int
capture_type(int dgram)
{
	int	 p[2];

	if ((dgram ? socketpair(AF_UNIX, SOCK_DGRAM, 0, p) : pipe(p)) ==
	    -1 || dup2(p[1], STDERR_FILENO) == -1) {
		perror("pipe");
		exit(1);
	}
	close(p[1]);
	return p[0];
}

static int
capture(void)
{
	return capture_type(0);
}

static void
restore(void)
{
	dup2(saved_stderr, STDERR_FILENO);
}

/* What one read(2) gets. */
static ssize_t
read_once(int fd, char *buf, size_t size)
{
	ssize_t	 n;

	n = read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* buf as one TAP line: up to its first newline. */
static const char *
shown(const char *buf)
{
	static char	 one[256];

	snprintf(one, sizeof(one), "%.*s", (int)strcspn(buf, "\n"), buf);
	return one;
}

static int
matches(const char *re, const char *s)
{
	regex_t	 r;
	int	 m;

	if (regcomp(&r, re, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	m = regexec(&r, s, 0, NULL, 0) == 0;
	regfree(&r);
	return m;
}

int
main(void)
{
	char	 buf[8192], big[5000], re[128];
	int	 fd, tee[2], fl, e;
	ssize_t	 n;

	if ((saved_stderr = dup(STDERR_FILENO)) == -1)
		return 1;
	log_init(1, LOG_DAEMON);
	log_procinit("test/log");

	fd = capture();
	log_info("hello %s %d", "world", 42);
	n = read_once(fd, buf, sizeof(buf));
	restore();
	snprintf(re, sizeof(re), "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
	    "[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z test/log\\[%d\\]: hello world "
	    "42\n$", (int)getpid());
	tap_ok(n > 0 && matches(re, buf),
	    "a line: UTC time, title[pid], message, newline (%s)", shown(buf));

	/* Three lines, three writes: each datagram holds one whole line. */
	fd = capture_type(1);
	log_warnx("one");
	log_warnx("two");
	log_warnx("three");
	n = read_once(fd, buf, sizeof(buf));
	restore();
	tap_ok(n > 0 && strchr(buf, '\n') == buf + n - 1 &&
	    strstr(buf, ": one\n") != NULL,
	    "a line is one write: the first datagram holds the first line");
	n = read_once(fd, buf, sizeof(buf));
	tap_ok(n > 0 && strchr(buf, '\n') == buf + n - 1 &&
	    strstr(buf, ": two\n") != NULL, "... and the next the next");
	close(fd);

	/*
	 * A message of several lines (a reload's errors): each line is a
	 * line of its own, with the time and title, in a write of its own;
	 * the empty ones are dropped.
	 */
	fd = capture_type(1);
	log_warnx("reload failed:\n%s", "f.conf:3: syntax error\n\n"
	    "f.conf:9: unknown user _x\n");
	snprintf(re, sizeof(re), "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z "
	    "test/log\\[%d\\]: [^\n]*\n$", (int)getpid());
	n = read_once(fd, buf, sizeof(buf));
	e = n > 0 && matches(re, buf) && strstr(buf, ": reload failed:\n");
	n = read_once(fd, buf, sizeof(buf));
	e = e && n > 0 && matches(re, buf) &&
	    strstr(buf, "]: f.conf:3: syntax error\n") != NULL;
	n = read_once(fd, buf, sizeof(buf));
	e = e && n > 0 && matches(re, buf) &&
	    strstr(buf, "]: f.conf:9: unknown user _x\n") != NULL;
	restore();
	close(fd);
	tap_ok(e, "a message of three lines and an empty one: three lines, "
	    "each with time and title[pid] (%s)", shown(buf));
	if (pipe(tee) == -1)
		return 1;
	fd = capture();
	log_tee(tee[1]);
	log_warnx("two\nlines");
	log_tee(-1);
	restore();
	close(tee[1]);
	n = read_once(tee[0], buf, sizeof(buf));
	tap_ok(n > 0 && strcmp(buf, "test/log: two\ntest/log: lines\n") == 0,
	    "the tee: each line as title: line (%s)", shown(buf));
	close(tee[0]);
	close(fd);

	/* A message longer than a line: cut, still one line. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fd = capture();
	log_info("%s", big);
	n = read_once(fd, buf, sizeof(buf));
	restore();
	tap_ok(n > 2000 && n < 2300 && buf[n - 1] == '\n' &&
	    strchr(buf, '\n') == buf + n - 1 && buf[n - 2] == 'x',
	    "a 5000-byte message is cut to one line of %zd bytes that ends "
	    "in a newline", n);
	close(fd);

	/* log_warn: the message, ": ", strerror; errno as it was. */
	fd = capture();
	errno = ENOENT;
	log_warn("open %s", "/nowhere");
	e = errno;
	n = read_once(fd, buf, sizeof(buf));
	restore();
	tap_ok(n > 0 && strstr(buf, "]: open /nowhere: No such file or "
	    "directory\n") != NULL, "log_warn appends strerror (%s)", shown(buf));
	tap_ok(e == ENOENT, "errno is kept across a log call");
	close(fd);

	/* The tee: warnings and errors only, as "title: message". */
	if (pipe(tee) == -1)
		return 1;
	fd = capture();
	log_tee(tee[1]);
	log_info("not teed");
	log_warnx("teed %d", 7);
	log_tee(-1);
	log_warnx("after");
	restore();
	close(tee[1]);
	n = read_once(tee[0], buf, sizeof(buf));
	tap_ok(n > 0 && strcmp(buf, "test/log: teed 7\n") == 0,
	    "the tee gets warnings only, as title: message (%s)", shown(buf));
	close(tee[0]);
	n = read_once(fd, buf, sizeof(buf));
	tap_ok(n > 0 && strstr(buf, ": not teed\n") != NULL &&
	    strstr(buf, ": teed 7\n") != NULL && strstr(buf, ": after\n") !=
	    NULL, "stderr still gets every line");
	close(fd);

	/* A tee that is full (non-blocking) or a reader gone: no hang. */
	if (pipe(tee) == -1)
		return 1;
	fl = fcntl(tee[1], F_GETFL);
	fcntl(tee[1], F_SETFL, fl | O_NONBLOCK);
	if ((fd = open("/dev/null", O_WRONLY)) == -1 ||
	    dup2(fd, STDERR_FILENO) == -1)
		return 1;
	close(fd);
	log_tee(tee[1]);
	for (e = 0; e < 200; e++)
		log_warnx("%s", big);	/* far more than a pipe holds */
	log_tee(-1);
	restore();
	/* Lines of "test/log: " and 2047 x (vlog's bound), whole. */
	fl = fcntl(tee[0], F_GETFL);
	fcntl(tee[0], F_SETFL, fl | O_NONBLOCK);
	for (e = 1, n = 0; ; ) {
		ssize_t r = read(tee[0], buf, 2058);

		if (r <= 0)
			break;
		n += r;
		if (r != 2058 || strncmp(buf, "test/log: x", 11) != 0 ||
		    buf[2057] != '\n')
			e = 0;
	}
	close(tee[0]);
	tap_ok(e && n >= 2058, "a full non-blocking tee drops lines, never "
	    "blocks (%zd bytes taken, in whole lines)", n);
	fd = capture();
	close(fd);			/* stderr's reader gone: EPIPE */
	signal(SIGPIPE, SIG_IGN);
	log_warnx("into a closed pipe");
	restore();
	tap_ok(1, "a stderr whose reader is gone changes nothing");
	close(tee[1]);

	return tap_done();
}
