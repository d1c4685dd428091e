/* unixconnect PATH ABSTRACT: the host's unix sockets must be out of reach */
#include "h.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
int main(int argc, char **argv) {
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	strncpy(sun.sun_path, argv[1], sizeof(sun.sun_path) - 1);
	expect_fail(connect(s, (struct sockaddr *)&sun, sizeof(sun)), "connect path socket");
	close(s);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(sun.sun_path, 0, sizeof(sun.sun_path));
	strncpy(sun.sun_path + 1, argv[2], sizeof(sun.sun_path) - 2);
	expect_fail(connect(s, (struct sockaddr *)&sun,
	    offsetof(struct sockaddr_un, sun_path) + 1 + strlen(argv[2])), "connect abstract socket");
	return verdict();
}
