/* i386 ABI via int 0x80: killed by the architecture check */
#include "h.h"
int main(void) {
	long r;
	__asm__ volatile ("int $0x80" : "=a"(r) : "a"(20) : "memory");	/* getpid */
	must_not_return(r, "int 0x80 getpid");
}
