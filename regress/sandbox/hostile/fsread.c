/* fsread PATH...: reading or listing any of them must fail */
#include "h.h"
#include <dirent.h>
#include <fcntl.h>
int main(int argc, char **argv) {
	char buf[256], p[4096];
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		ssize_t n = fd == -1 ? -1 : read(fd, buf, sizeof(buf));
		if (n == -1 && fd != -1 && errno == EISDIR) {
			DIR *d = fdopendir(fd);
			struct dirent *de; int cnt = 0;
			while (d && (de = readdir(d)) != NULL)
				if (de->d_name[0] != '.') cnt++;
			snprintf(p, sizeof(p), "list %s (%d entries)", argv[i], cnt);
			expect_fail(cnt > 0 ? 0 : -1, p);
			continue;
		}
		snprintf(p, sizeof(p), "read %s", argv[i]);
		expect_fail(n > 0 ? 0 : -1, p);
	}
	return verdict();
}
