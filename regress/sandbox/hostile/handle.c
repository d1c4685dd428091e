#include "h.h"
#include <fcntl.h>
int main(void) {
	struct { unsigned int bytes; int type; unsigned char h[128]; } fh = { 8, 1, { 2 } };
	must_not_return(open_by_handle_at(AT_FDCWD, (void *)&fh, O_RDONLY), "open_by_handle_at");
}
