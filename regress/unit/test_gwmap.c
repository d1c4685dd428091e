/*
 * harnessd/gwmap.c: the gateway maps an engine's reply memfd only when
 * it is sealed against shrinking and writing and holds what it says;
 * an engine that could cut the file short under the mapping would make
 * the gateway die of SIGBUS while it sends.
 */
#include <sys/types.h>
#include <sys/mman.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../harnessd/gateway.h"
#include "../tap.h"

/* A memfd holding len bytes of c, with the seals given (0: none). */
static int
reply(size_t len, int seals)
{
	char	 buf[4096];
	size_t	 n;
	int	 fd;

	if ((fd = memfd_create("reply", MFD_CLOEXEC | MFD_ALLOW_SEALING)) ==
	    -1)
		return -1;
	memset(buf, 'r', sizeof(buf));
	while (len > 0) {
		n = len < sizeof(buf) ? len : sizeof(buf);
		if (write(fd, buf, n) != (ssize_t)n) {
			close(fd);
			return -1;
		}
		len -= n;
	}
	if (seals != 0 && fcntl(fd, F_ADD_SEALS, seals) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
refused(int fd, size_t len, const char *want)
{
	struct gw_map	*m;
	const char	*why = NULL;

	if (fd == -1)
		return 0;
	m = gw_map_body(fd, len, &why);
	close(fd);
	if (m != NULL) {
		gw_map_free(m);
		return 0;
	}
	return why != NULL && strstr(why, want) != NULL;
}

int
main(void)
{
	struct gw_map	*m;
	const char	*why = NULL;
	size_t		 len = 100000, i;
	int		 fd, p[2], good;

	fd = reply(len, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW |
	    F_SEAL_WRITE);
	m = fd == -1 ? NULL : gw_map_body(fd, len, &why);
	good = m != NULL && m->len == len;
	for (i = 0; good && i < len; i++)
		good = ((const char *)m->p)[i] == 'r';
	if (fd != -1)
		close(fd);
	/* The mapping outlives the descriptor: it is sent later. */
	for (i = 0; good && i < len; i += 4096)
		good = ((const char *)m->p)[i] == 'r';
	gw_map_free(m);
	tap_ok(good, "a sealed reply is mapped, and stays after its fd is "
	    "closed");

	tap_ok(refused(reply(len, 0), len, "not sealed"),
	    "a reply without seals is refused");
	tap_ok(refused(reply(len, F_SEAL_WRITE), len, "not sealed"),
	    "sealed against writing but not shrinking: refused");
	tap_ok(refused(reply(len, F_SEAL_SHRINK), len, "not sealed"),
	    "sealed against shrinking but not writing: refused");
	tap_ok(refused(reply(len, F_SEAL_SHRINK | F_SEAL_WRITE), len + 1,
	    "shorter than it says"),
	    "a reply shorter than its stated length is refused");
	tap_ok(refused(reply(0, F_SEAL_SHRINK | F_SEAL_WRITE), 0, "empty"),
	    "an empty reply is not mapped");

	/* Not a memfd at all: a pipe, a regular file. */
	good = pipe(p) == 0;
	if (good) {
		close(p[1]);
		good = refused(p[0], 10, "not sealed");
	}
	tap_ok(good, "a pipe instead of a memfd is refused");
	fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	tap_ok(refused(fd, 10, "not sealed"),
	    "a regular file instead of a memfd is refused");

	gw_map_free(NULL);
	tap_ok(1, "gw_map_free(NULL) is a no-op");
	return tap_done();
}
