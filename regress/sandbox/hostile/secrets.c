/* secrets: present where granted, read-only, and nothing else readable */
#include "h.h"
#include <fcntl.h>
int main(void) {
	const char *v = getenv("SBX_TOKEN");
	char buf[64] = "";
	int fd = open("/run/secrets/apikey", O_RDONLY), ok = 1;
	if (fd == -1 || read(fd, buf, sizeof(buf) - 1) <= 0) ok = 0;
	printf("env %s, file %s\n", v && strcmp(v, "tok-123") == 0 ? "ok" : "missing", strcmp(buf, "key-456") == 0 ? "ok" : "missing");
	if (!v || strcmp(v, "tok-123") || !ok || strcmp(buf, "key-456")) escaped = 1;
	expect_fail(open("/run/secrets/apikey", O_WRONLY), "write secret file");
	expect_fail(open("/run/secrets/new", O_WRONLY | O_CREAT, 0600), "create in /run/secrets");
	return verdict();
}
