/* the classic chroot + chdir("..") walk */
#include "h.h"
#include <sys/stat.h>
int main(void) {
	mkdir("/tmp/jail", 0755);
	long r = chroot("/tmp/jail");
	if (r == 0) { for (int i = 0; i < 64; i++) chdir(".."); chroot("."); }
	must_not_return(r, "chroot");
}
