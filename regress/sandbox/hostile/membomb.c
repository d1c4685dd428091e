#include <stdlib.h>
#include <string.h>
#include <stdio.h>
int main(void) {
	size_t total = 0;
	for (;;) {
		char *p = malloc(16 << 20);
		if (p == NULL) { printf("malloc failed at %zu\n", total); return 0; }
		memset(p, 1, 16 << 20);
		total += 16 << 20;
	}
}
