/*
 * vfetch: a delivery client built on lib/vaultc, as sandboxd would use
 * it.  usage: vfetch [-o dir] conf tool session name...
 * For each secret prints "NAME: delivered env|file TARGET version V
 * size N seals ok|BAD" or "NAME: refused (STATUS): ERROR"; with -o, writes
 * each delivered value to dir/NAME.  Exit 0 all delivered, 1 some
 * refused, 2 the whole request refused ("refused: MESSAGE"), 3 usage or
 * connection trouble.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "harness.h"
#include "vaultc.h"

#define WANT_SEALS	(F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | \
			    F_SEAL_SEAL)

static int
check_seals(int fd)
{
	char	 c = 'x';

	if (fcntl(fd, F_GET_SEALS) != WANT_SEALS)
		return -1;
	/* The seals hold: no write, no shrink, no grow, no unseal. */
	if (pwrite(fd, &c, 1, 0) != -1 || errno != EPERM)
		return -1;
	if (ftruncate(fd, 0) != -1 || ftruncate(fd, 1 << 21) != -1)
		return -1;
	if (fcntl(fd, F_ADD_SEALS, 0) != -1 &&
	    fcntl(fd, F_GET_SEALS) != WANT_SEALS)
		return -1;
	return 0;
}

static int
save(const char *dir, const char *name, int fd, off_t *sizep)
{
	char		 path[PATH_MAX], buf[65536];
	ssize_t		 n;
	off_t		 off = 0;
	int		 out;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return -1;
	/* pread: the offset must not matter, and must stay 0. */
	while ((n = pread(fd, buf, sizeof(buf), off)) > 0) {
		if (write(out, buf, (size_t)n) != n) {
			close(out);
			return -1;
		}
		off += n;
	}
	close(out);
	*sizep = off;
	return n == 0 ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	struct harness_conf	*conf;
	struct hconn		*h;
	struct vaultc_secret	*v;
	struct stat		 st;
	const char		*dir = NULL;
	char			 err[4096];
	off_t			 size;
	int			 ch, i, n, failed;

	while ((ch = getopt(argc, argv, "o:")) != -1) {
		switch (ch) {
		case 'o':
			dir = optarg;
			break;
		default:
			return 3;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 4) {
		fprintf(stderr, "usage: vfetch [-o dir] conf tool session "
		    "name...\n");
		return 3;
	}
	if ((conf = conf_load(argv[0], NULL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 3;
	}
	h = harness_connect(conf_daemon(conf, D_VAULTD)->control.path, err,
	    sizeof(err));
	conf_free(conf);
	if (h == NULL) {
		fprintf(stderr, "vfetch: %s\n", err);
		return 3;
	}
	n = argc - 3;
	failed = vaultc_fetch(h, argv[1], argv[2],
	    (const char *const *)(argv + 3), (size_t)n, &v, err, sizeof(err));
	harness_close(h);
	if (failed == -1) {
		printf("refused: %s\n", err);
		return 2;
	}
	for (i = 0; i < n; i++) {
		if (v[i].status != VAULT_S_OK) {
			printf("%s: refused (%s): %s\n", v[i].name,
			    vault_status_name(v[i].status), v[i].error);
			continue;
		}
		size = 0;
		if (fstat(v[i].fd, &st) == -1)
			st.st_size = -1;
		if (dir != NULL && save(dir, v[i].name, v[i].fd, &size) == -1)
			printf("%s: could not save\n", v[i].name);
		printf("%s: delivered %s %s version %u size %lld seals %s\n",
		    v[i].name, v[i].how == VAULT_AS_ENV ? "env" : "file",
		    v[i].target, v[i].version, (long long)st.st_size,
		    check_seals(v[i].fd) == 0 ? "ok" : "BAD");
	}
	vaultc_secrets_free(v, (size_t)n);
	return failed ? 1 : 0;
}
