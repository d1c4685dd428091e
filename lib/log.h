/*
 * Logging for daemons: stderr in the foreground (-d), syslog otherwise.
 * Every line carries the process title ("auditd", "harnessd/gateway").
 */
#ifndef HARNESS_LOG_H
#define HARNESS_LOG_H

#include <stdarg.h>

void	 log_init(int debug, int facility);
void	 log_procinit(const char *);
const char *log_procname(void);
void	 log_setverbose(int);
/* Also write warnings and errors, "title: message", to fd (-1: stop). */
void	 log_tee(int);
/* Called by fatal() and fatalx() before they exit. */
void	 log_atfatal(void (*)(void));
int	 log_getverbose(void);
void	 log_warn(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	 log_warnx(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	 log_info(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	 log_debug(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
void	 vlog(int, const char *, va_list)
	    __attribute__((__format__ (printf, 2, 0)));
__attribute__((noreturn)) void fatal(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));
__attribute__((noreturn)) void fatalx(const char *, ...)
	    __attribute__((__format__ (printf, 1, 2)));

#endif /* HARNESS_LOG_H */
