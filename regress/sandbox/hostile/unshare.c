#define _GNU_SOURCE
/* new namespaces of any kind must be refused, by unshare and by clone */
#include "h.h"
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
int main(void) {
	int flags[] = { CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET,
	    CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWCGROUP };
	char what[64];
	for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		snprintf(what, sizeof(what), "unshare 0x%x", flags[i]);
		expect_fail(unshare(flags[i]), what);
		long r = syscall(SYS_clone, flags[i] | SIGCHLD, 0, 0, 0, 0);
		if (r == 0) _exit(0);
		if (r > 0) waitpid(r, NULL, 0);
		snprintf(what, sizeof(what), "clone 0x%x", flags[i]);
		expect_fail(r > 0 ? 0 : -1, what);
	}
	long r = syscall(SYS_clone3, NULL, 0);
	printf("clone3: %s\n", r == -1 && errno == ENOSYS ? "ENOSYS" : "other");
	if (r != -1 || errno != ENOSYS) escaped = 1;
	return verdict();
}
