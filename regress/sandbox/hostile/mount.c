#include "h.h"
#include <sys/mount.h>
int main(void) { must_not_return(mount("none", "/tmp", "tmpfs", 0, NULL), "mount"); }
