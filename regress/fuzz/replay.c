/*
 * replay: run a fuzz target's LLVMFuzzerTestOneInput over files, without
 * libFuzzer, so that make check replays every seed (crashers found
 * once included) under the normal build and under ASan/UBSan.
 *
 *   fuzz_NAME FILE|DIR ...
 *
 * A directory means every regular file in it and in its directories,
 * in name order (corpus/NAME holds the hand-written seeds, its found/
 * what fuzzing found).  Prints
 * "replayed N inputs"; a crash or sanitizer report ends the program
 * with the sanitizer's status, which the test counts as a failure.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define REPLAY_MAX	(16 * 1024 * 1024)	/* no seed is near this */

static void
replay_file(const char *path, size_t *count)
{
	struct stat	 st;
	uint8_t		*buf;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		err(1, "%s", path);
	if (fstat(fd, &st) == -1)
		err(1, "%s", path);
	if (st.st_size < 0 || st.st_size > REPLAY_MAX)
		errx(1, "%s: too large for a seed", path);
	/*
	 * Exactly the input's size, as libFuzzer hands it over, so that
	 * ASan sees a read past the end (an empty input gets one byte).
	 */
	if ((buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1)) == NULL)
		err(1, "malloc");
	while (len < (size_t)st.st_size &&
	    (n = read(fd, buf + len, (size_t)st.st_size - len)) > 0)
		len += (size_t)n;
	close(fd);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	(*count)++;
}

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
replay(const char *path, size_t *count)
{
	struct stat	  st;
	struct dirent	**ents;
	char		  sub[4096];
	int		  i, n;

	if (stat(path, &st) == -1)
		err(1, "%s", path);
	if (!S_ISDIR(st.st_mode)) {
		replay_file(path, count);
		return;
	}
	if ((n = scandir(path, &ents, NULL, name_cmp)) == -1)
		err(1, "%s", path);
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.' &&
		    (size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
		    ents[i]->d_name) < sizeof(sub) && lstat(sub, &st) == 0 &&
		    (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
			replay(sub, count);
		free(ents[i]);
	}
	free(ents);
}

int
main(int argc, char *argv[])
{
	size_t	 count = 0;
	int	 i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s file|dir ...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		replay(argv[i], &count);
	printf("replayed %zu inputs\n", count);
	return 0;
}
