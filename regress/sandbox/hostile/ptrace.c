/* ptrace a sibling: the filter must end the sandbox */
#include "h.h"
#include <signal.h>
#include <sys/ptrace.h>
int main(void) {
	pid_t p = fork();
	if (p == 0) { pause(); _exit(0); }
	long r = ptrace(PTRACE_ATTACH, p, 0, 0);
	must_not_return(r, "ptrace attach");
}
