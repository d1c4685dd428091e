/*
 * The engine's replies too large for one message come in a memfd the
 * gateway maps and sends by reference (gateway.c, conn_add()).
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>

#include "gateway.h"
#include "log.h"

struct gw_map *
gw_map_body(int fd, size_t len, const char **why)
{
	struct gw_map	*m;
	struct stat	 st;
	int		 seals;

	if (len == 0) {
		*why = "the engine's reply is empty";
		return NULL;
	}
	/*
	 * Sealed against shrinking and writing, or a page the engine cut
	 * off after sending would be a SIGBUS here, and what is sent
	 * could change on the way.
	 */
	if ((seals = fcntl(fd, F_GET_SEALS)) == -1 ||
	    (seals & (F_SEAL_SHRINK | F_SEAL_WRITE)) !=
	    (F_SEAL_SHRINK | F_SEAL_WRITE)) {
		*why = "the engine's reply is not sealed";
		return NULL;
	}
	if (fstat(fd, &st) == -1 || st.st_size < 0 ||
	    (unsigned long long)st.st_size < len) {
		*why = "the engine's reply is shorter than it says";
		return NULL;
	}
	if ((m = malloc(sizeof(*m))) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	m->len = len;
	if ((m->p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)) ==
	    MAP_FAILED) {
		log_warn("%s: mmap of %zu bytes", __func__, len);
		free(m);
		*why = "cannot map the engine's reply";
		return NULL;
	}
	return m;
}

void
gw_map_free(struct gw_map *m)
{
	if (m == NULL)
		return;
	munmap(m->p, m->len);
	free(m);
}

