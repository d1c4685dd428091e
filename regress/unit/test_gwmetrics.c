/*
 * harnessd/metrics.c: the engine's counters in /metrics, with label
 * values checked and the label set bounded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../harnessd/gateway.h"
#include "../tap.h"

static int
count_lines(const char *s, const char *prefix)
{
	const char	*p = s;
	int		 n = 0;

	while ((p = strstr(p, prefix)) != NULL) {
		if (p == s || p[-1] == '\n')
			n++;
		p++;
	}
	return n;
}

int
main(void)
{
	static struct gateway	 gw;
	struct http_buf		 b;
	char			 name[32];
	int			 i;

	metrics_init(&gw);
	metrics_count(&gw, "sandbox_runs", "exited");
	metrics_count(&gw, "sandbox_runs", "exited");
	metrics_count(&gw, "sandbox_runs", "timeout");
	metrics_count(&gw, "approvals", "allow");
	metrics_count(&gw, "approvals", "Deny\"}\n");
	metrics_count(&gw, "approvals", "");
	metrics_count(&gw, "nonsense", "x");
	metrics_request(&gw, metrics_route("/v1/tools"), 200, 0.002);
	metrics_rate_limited(&gw);

	http_buf_init(&b, 0);
	tap_ok(metrics_render(&gw, &b) == 0, "render");
	tap_ok(strstr(b.data, "\nharness_sandbox_runs_total{reason=\"exited\"}"
	    " 2\n") != NULL && strstr(b.data, "\nharness_sandbox_runs_total{"
	    "reason=\"timeout\"} 1\n") != NULL, "sandbox runs by reason");
	tap_ok(strstr(b.data, "\nharness_approvals_total{decision=\"allow\"} "
	    "1\n") != NULL && strstr(b.data, "\nharness_approvals_total{"
	    "decision=\"other\"} 2\n") != NULL,
	    "approvals by decision; bad labels count as other");
	tap_ok(strstr(b.data, "Deny") == NULL && strstr(b.data, "nonsense") ==
	    NULL, "bad label and unknown counter not exported");
	tap_ok(strstr(b.data, "# TYPE harness_sandbox_runs_total counter\n") !=
	    NULL && strstr(b.data, "# TYPE harness_approvals_total counter\n")
	    != NULL, "TYPE lines");
	tap_ok(strstr(b.data, "\nharness_rate_limited_total 1\n") != NULL &&
	    strstr(b.data, "harness_http_request_duration_seconds_bucket{route="
	    "\"/v1/tools\",le=\"0.0025\"} 1\n") != NULL,
	    "rate-limit rejections and latency histogram");
	http_buf_free(&b);

	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "reason-%d", i);
		metrics_count(&gw, "sandbox_runs", name);
	}
	http_buf_init(&b, 0);
	metrics_render(&gw, &b);
	tap_ok(count_lines(b.data, "harness_sandbox_runs_total{") ==
	    METRICS_MAX_LABELS, "at most %d labels per counter",
	    METRICS_MAX_LABELS);
	tap_ok(strstr(b.data, "harness_sandbox_runs_total{reason=\"other\"} "
	    "71\n") != NULL, "labels past the bound count as other");
	http_buf_free(&b);
	return tap_done();
}
