#include "h.h"
#include <fcntl.h>
#include <sched.h>
int main(void) {
	int fd = open("/proc/self/ns/net", O_RDONLY);
	must_not_return(setns(fd, 0), "setns");
}
