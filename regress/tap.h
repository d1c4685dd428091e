/*
 * Minimal TAP producer for harness's C tests.  Each check prints
 * "ok - name" or "not ok - name"; regress/run counts them.
 */
#ifndef HARNESS_TAP_H
#define HARNESS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_failed;

static void tap_ok(int, const char *, ...)
    __attribute__((format(printf, 2, 3), unused));
static void tap_skip(const char *, const char *, ...)
    __attribute__((format(printf, 2, 3), unused));
static int tap_done(void) __attribute__((unused));

static void
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		tap_failed++;
}

static void
tap_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("ok - %s # SKIP ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static int
tap_done(void)
{
	return tap_failed ? 1 : 0;
}

#define TAP_DIAG(...)	do {						\
	printf("# ");							\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

#endif /* HARNESS_TAP_H */
