/* tcpconnect PORT: the host's 127.0.0.1:PORT must be out of reach */
#include "h.h"
#include <arpa/inet.h>
#include <sys/socket.h>
int main(int argc, char **argv) {
	struct sockaddr_in sin = { .sin_family = AF_INET };
	sin.sin_port = htons(atoi(argv[1]));
	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	expect_fail(connect(s, (struct sockaddr *)&sin, sizeof(sin)), "connect 127.0.0.1");
	struct sockaddr_in ext = { .sin_family = AF_INET, .sin_port = htons(53) };
	inet_pton(AF_INET, "10.0.0.1", &ext.sin_addr);	/* never sent: no route */
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	expect_fail(connect(u, (struct sockaddr *)&ext, sizeof(ext)), "route to 10.0.0.1");
	return verdict();
}
