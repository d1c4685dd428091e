/* links HOSTFILE: symlinks and hard links from /work to host files */
#include "h.h"
#include <fcntl.h>
int main(int argc, char **argv) {
	char buf[64];
	unlink("/work/sym"); unlink("/work/hard"); unlink("/work/hard2");
	symlink(argv[1], "/work/sym");
	symlink("/etc/shadow", "/work/shadow");
	int fd = open("/work/sym", O_RDWR);
	expect_fail(fd, "open host file through symlink");
	fd = open("/work/shadow", O_RDONLY);
	expect_fail(fd == -1 ? -1 : (int)read(fd, buf, sizeof(buf)), "read /etc/shadow through symlink");
	expect_fail(link(argv[1], "/work/hard"), "hard link host file");
	expect_fail(link("/usr/bin/sh", "/work/hard2"), "hard link /usr/bin/sh");
	expect_fail(link("/etc/passwd", "/work/hard3"), "hard link /etc/passwd");
	return verdict();
}
