/* fswrite PATH...: creating or writing any of them must fail */
#include "h.h"
#include <fcntl.h>
int main(int argc, char **argv) {
	char p[4096];
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_APPEND);
		if (fd != -1) {
			ssize_t n = write(fd, "x", 1);
			snprintf(p, sizeof(p), "write %s", argv[i]);
			expect_fail(n == 1 ? 0 : -1, p);
			close(fd);
		} else {
			snprintf(p, sizeof(p), "open-write %s", argv[i]);
			expect_fail(-1, p);
		}
		snprintf(p, sizeof(p), "%s.hostile", argv[i]);
		int c = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
		snprintf(p, sizeof(p), "create %s.hostile", argv[i]);
		expect_fail(c, p);
	}
	return verdict();
}
