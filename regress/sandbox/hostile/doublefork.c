/* double fork + setsid: the grandchild tries to outlive the sandbox */
#include "h.h"
#include <fcntl.h>
#include <signal.h>
int main(void) {
	if (fork() == 0) {
		setsid();
		if (fork() == 0) {
			signal(SIGHUP, SIG_IGN); signal(SIGTERM, SIG_IGN);
			close(0); close(1); close(2);
			int fd = open("/work/grandchild.alive", O_WRONLY | O_CREAT | O_TRUNC, 0644);
			for (;;) { write(fd, "x", 1); sleep(1); }
		}
		_exit(0);
	}
	sleep(1);
	printf("parent exits\n");
	return 0;
}
