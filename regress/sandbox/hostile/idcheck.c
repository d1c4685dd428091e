/* prints the ids it runs with: used as a "setuid" binary */
#include <stdio.h>
#include <unistd.h>
int main(void) { printf("ruid=%d euid=%d\n", getuid(), geteuid()); return geteuid() == 0 ? 1 : 0; }
