#include "h.h"
#include <sys/syscall.h>
int main(void) { must_not_return(syscall(SYS_pivot_root, "/tmp", "/tmp"), "pivot_root"); }
