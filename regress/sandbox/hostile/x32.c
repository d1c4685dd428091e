/* x32 ABI system call (bit 30): killed by the architecture check */
#include "h.h"
#include <sys/syscall.h>
int main(void) { must_not_return(syscall(0x40000000 | SYS_getpid), "x32 getpid"); }
