#include "h.h"
#include <sys/syscall.h>
#include <linux/perf_event.h>
int main(void) {
	struct perf_event_attr pa; memset(&pa, 0, sizeof(pa));
	pa.size = sizeof(pa); pa.type = PERF_TYPE_HARDWARE; pa.config = PERF_COUNT_HW_CPU_CYCLES;
	expect_fail(syscall(SYS_perf_event_open, &pa, -1, 0, -1, 0), "perf_event_open system-wide");
	return verdict();
}
