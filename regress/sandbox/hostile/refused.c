/* perf_event_open, userfaultfd, io_uring, keyctl: refused with an errno */
#include "h.h"
#include <sys/syscall.h>
#include <linux/perf_event.h>
int main(void) {
	struct perf_event_attr pa; memset(&pa, 0, sizeof(pa));
	pa.size = sizeof(pa); pa.type = PERF_TYPE_SOFTWARE; pa.config = PERF_COUNT_SW_CPU_CLOCK;
	expect_fail(syscall(SYS_perf_event_open, &pa, 0, -1, -1, 0), "perf_event_open");
	expect_fail(syscall(SYS_userfaultfd, 0), "userfaultfd");
	char params[120]; memset(params, 0, sizeof(params));
	expect_fail(syscall(SYS_io_uring_setup, 4, params), "io_uring_setup");
	expect_fail(syscall(SYS_io_uring_enter, 0, 1, 0, 0, NULL, 0), "io_uring_enter");
	expect_fail(syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3, 0), "keyctl");
	expect_fail(syscall(SYS_add_key, "user", "x", "y", 1, -3), "add_key");
	expect_fail(syscall(SYS_request_key, "user", "x", NULL, 0), "request_key");
	return verdict();
}
