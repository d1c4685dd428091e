/* kill -9 every pid it might see */
#include "h.h"
#include <signal.h>
int main(void) {
	int hits = 0;
	for (pid_t p = 1; p <= 32768; p++) {
		if (p == getpid()) continue;
		if (kill(p, SIGKILL) == 0) hits++;
	}
	printf("kill succeeded on %d pids\n", hits);
	printf("VERDICT contained\n");
	return 0;
}
