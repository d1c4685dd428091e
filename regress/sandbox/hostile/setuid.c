/* setuid PATH: run a setuid-root binary planted in /work; it must not gain root */
#include "h.h"
#include <sys/wait.h>
int main(int argc, char **argv) {
	pid_t p = fork();
	if (p == 0) { execl(argv[1], argv[1], (char *)NULL); _exit(127); }
	int st; waitpid(p, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) { printf("ESCAPE? status %d\n", st); escaped = 1; }
	expect_fail(setuid(0), "setuid(0)");
	return verdict();
}
