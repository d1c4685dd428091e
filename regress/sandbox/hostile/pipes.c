/* close, reopen and dup the passed pipes strangely, leave a child holding them */
#include "h.h"
#include <fcntl.h>
#include <sys/socket.h>
int main(void) {
	write(1, "one\n", 4);
	int saved = dup(1);
	close(1); close(0);
	int fd = open("/dev/null", O_WRONLY);		/* becomes 0 */
	dup2(2, 1);					/* stdout now stderr */
	write(1, "two\n", 4);
	dup2(saved, 200);
	write(200, "three\n", 6);
	fcntl(200, F_SETFL, O_NONBLOCK);
	int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	dup2(sv[0], 2);
	if (fork() == 0) {				/* holds the pipe, lingers */
		setsid();
		sleep(1000);
		_exit(0);
	}
	close(saved); (void)fd;
	write(200, "four\n", 5);
	return 0;
}
