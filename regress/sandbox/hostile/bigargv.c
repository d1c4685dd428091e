/* exec with an argv and environment past ARG_MAX: must fail cleanly */
#include "h.h"
int main(void) {
	static char *argv[40000], *envp[40000];
	static char big[4096];
	memset(big, 'A', sizeof(big) - 1);
	argv[0] = "/bin/true";
	for (int i = 1; i < 39999; i++) argv[i] = big;
	for (int i = 0; i < 39999; i++) envp[i] = big;
	execve("/bin/true", argv, envp);
	printf("SAFE: execve: %s\n", strerror(errno));
	return verdict();
}
