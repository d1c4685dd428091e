/* overwrite /proc/self/exe (runc CVE-2019-5736 style) and reach init's */
#include "h.h"
#include <fcntl.h>
int main(void) {
	expect_fail(open("/proc/self/exe", O_WRONLY), "open /proc/self/exe for writing");
	expect_fail(open("/proc/1/exe", O_RDONLY), "open /proc/1/exe");
	expect_fail(open("/proc/1/mem", O_RDONLY), "open /proc/1/mem");
	expect_fail(open("/proc/1/root/etc/passwd", O_RDONLY), "open /proc/1/root");
	char b[16];
	int fd = open("/proc/1/environ", O_RDONLY);
	expect_fail(fd == -1 ? -1 : (int)read(fd, b, sizeof(b)) > 0 ? 0 : -1, "read /proc/1/environ");
	/* init is a copy of the spawner: its argv must not show */
	char cl[4096]; int nz = 0;
	fd = open("/proc/1/cmdline", O_RDONLY);
	ssize_t n = fd == -1 ? 0 : read(fd, cl, sizeof(cl));
	for (ssize_t i = 0; i < n; i++) if (cl[i] != 0) nz++;
	expect_fail(nz ? 0 : -1, "read the spawner's argv in /proc/1/cmdline");
	return verdict();
}
