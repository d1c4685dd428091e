#include "h.h"
#include <sys/uio.h>
int main(void) {
	char a[8] = "secret", b[8];
	struct iovec l = { b, 8 }, r = { a, 8 };
	must_not_return(process_vm_readv(getppid(), &l, 1, &r, 1, 0), "process_vm_readv");
}
