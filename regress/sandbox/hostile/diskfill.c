/* diskfill PATH LIMIT: write until refused; the amount must stay bounded */
#include "h.h"
#include <fcntl.h>
#include <signal.h>
int main(int argc, char **argv) {
	static char buf[65536];
	unsigned long long total = 0, limit = strtoull(argv[2], NULL, 10);
	int fd;
	signal(SIGXFSZ, SIG_IGN);
	if ((fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1) {
		printf("SAFE: open %s: %s\n", argv[1], strerror(errno));
		return 0;
	}
	memset(buf, 'x', sizeof(buf));
	for (;;) {
		ssize_t n = write(fd, buf, sizeof(buf));
		if (n <= 0) break;
		total += n;
		if (total > limit + (1 << 20)) { printf("ESCAPE: wrote %llu\n", total); return 1; }
	}
	printf("SAFE: stopped after %llu bytes: %s\n", total, strerror(errno));
	return verdict();
}
