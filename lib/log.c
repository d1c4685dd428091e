/*
 * Logging in the OpenBSD daemon style: log_warn() appends strerror,
 * log_warnx() does not, fatal() logs and exits.  In the foreground
 * lines go to stderr with a UTC timestamp and the process title, each
 * in one write(2): lines of the processes sharing stderr do not mix (a
 * pipe's writes up to PIPE_BUF are whole), and no stdio stream is set up
 * per line (dprintf's costs an fstat and an lseek every time).  A
 * message of several lines (a configuration's errors) is logged line
 * by line, each with the title, so that grep finds every one.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static int	 log_debug_mode = 1;
static int	 log_verbose;
static char	 log_title[64] = "harness";
static int	 log_tee_fd = -1;
static void	(*log_fatal_hook)(void);

void
log_init(int debug, int facility)
{
	log_debug_mode = debug;
	if (!debug)
		openlog(log_title, LOG_PID | LOG_NDELAY, facility);
	tzset();
}

void
log_procinit(const char *title)
{
	if (title != NULL)
		strlcpy(log_title, title, sizeof(log_title));
}

const char *
log_procname(void)
{
	return log_title;
}

void
log_tee(int fd)
{
	log_tee_fd = fd;
}

void
log_atfatal(void (*fn)(void))
{
	log_fatal_hook = fn;
}

void
log_setverbose(int v)
{
	log_verbose = v;
}

int
log_getverbose(void)
{
	return log_verbose;
}

static void log_plain(int, const char *);
static void log_one(int, const char *);

/* All of a line, or as much as the fd takes; errors change nothing. */
static void
log_write(int fd, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (w == 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* A formatted line into buf: cut to fit, always ending in a newline. */
static size_t
log_line(char *buf, size_t size, int n)
{
	if (n < 0)
		return 0;
	if ((size_t)n >= size) {
		n = (int)size - 1;
		buf[n - 1] = '\n';
	}
	return (size_t)n;
}

void
vlog(int pri, const char *fmt, va_list ap)
{
	char	 msg[2048];
	int	 saved = errno;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	log_plain(pri, msg);
	errno = saved;
}

/* Each line of msg on its own; empty lines of several are dropped. */
static void
log_plain(int pri, const char *msg)
{
	char		 one[2048];
	const char	*p, *nl;
	size_t		 n;

	if (strchr(msg, '\n') == NULL) {
		log_one(pri, msg);
		return;
	}
	for (p = msg; *p != '\0'; p = *nl == '\n' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if ((n = (size_t)(nl - p)) == 0)
			continue;
		if (n >= sizeof(one))
			n = sizeof(one) - 1;
		memcpy(one, p, n);
		one[n] = '\0';
		log_one(pri, one);
	}
}

static void
log_one(int pri, const char *msg)
{
	char	 ts[32], line[2048 + 160];
	struct timespec now;
	struct tm tm;
	size_t	 n;

	if (log_debug_mode) {
		clock_gettime(CLOCK_REALTIME, &now);
		gmtime_r(&now.tv_sec, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
		n = log_line(line, sizeof(line), snprintf(line, sizeof(line),
		    "%s.%03ldZ %s[%d]: %s\n", ts, now.tv_nsec / 1000000,
		    log_title, (int)getpid(), msg));
		log_write(STDERR_FILENO, line, n);
	} else
		syslog(pri, "%s", msg);
	/* A write error (the reader gone) changes nothing here. */
	if (log_tee_fd != -1 && pri <= LOG_ERR) {
		n = log_line(line, sizeof(line), snprintf(line, sizeof(line),
		    "%s: %s\n", log_title, msg));
		log_write(log_tee_fd, line, n);
	}
}

static void
vlog_errno(int pri, const char *fmt, va_list ap)
{
	char	 buf[2048];
	int	 saved = errno;

	if (fmt == NULL)
		strlcpy(buf, strerror(saved), sizeof(buf));
	else {
		vsnprintf(buf, sizeof(buf), fmt, ap);
		strlcat(buf, ": ", sizeof(buf));
		strlcat(buf, strerror(saved), sizeof(buf));
	}
	log_plain(pri, buf);
	errno = saved;
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog_errno(LOG_ERR, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	 ap;

	if (log_verbose < 1)
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog_errno(LOG_CRIT, fmt, ap);
	va_end(ap);
	log_plain(LOG_CRIT, "fatal error, exiting");
	if (log_fatal_hook != NULL)
		log_fatal_hook();
	_exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap);
	va_end(ap);
	log_plain(LOG_CRIT, "fatal error, exiting");
	if (log_fatal_hook != NULL)
		log_fatal_hook();
	_exit(1);
}
