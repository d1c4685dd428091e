/* Shared by the hostile programs: each attack reports SAFE or ESCAPE. */
#include <sys/types.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int escaped;

static void
expect_fail(int r, const char *what)
{
	if (r == -1)
		printf("SAFE: %s: %s\n", what, strerror(errno));
	else {
		printf("ESCAPE: %s succeeded\n", what);
		escaped = 1;
	}
	fflush(stdout);
}

static int
verdict(void)
{
	printf(escaped ? "VERDICT escaped\n" : "VERDICT contained\n");
	return escaped;
}

/* For calls the filter must kill: reaching the next line is a failure. */
static void
must_not_return(long r, const char *what)
{
	printf("ESCAPE: %s returned %ld (%s)\n", what, r, strerror(errno));
	exit(1);
}
