/* tiocsti [high]: push a command into a terminal's input */
#include "h.h"
#include <fcntl.h>
#include <sys/ioctl.h>
int main(int argc, char **argv) {
	unsigned long req = TIOCSTI;
	char c = 'x';
	int fd = open("/dev/tty", O_RDWR);
	if (fd == -1) fd = 0;
	if (argc > 1) req |= 0xdead000000000000UL;	/* CVE-2019-10063 */
	must_not_return(ioctl(fd, req, &c), "TIOCSTI");
}
