#include "h.h"
#include <sys/personality.h>
#include <sys/syscall.h>
int main(void) {
	int cur = personality(0xffffffff);
	printf("query: 0x%x\n", cur);
	if (cur == -1) escaped = 1;
	expect_fail(personality(ADDR_NO_RANDOMIZE), "personality ADDR_NO_RANDOMIZE");
	expect_fail(syscall(SYS_personality, 0x100000000UL | READ_IMPLIES_EXEC), "personality high bits");
	if (personality(PER_LINUX) == -1) { printf("ESCAPE? PER_LINUX refused\n"); escaped = 1; }
	return verdict();
}
