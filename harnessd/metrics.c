/*
 * Prometheus text exposition of what the gateway saw: requests by route
 * and status, latency histograms, rate-limit and auth rejections.
 */
#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include "gateway.h"
#include "http.h"

static const char *const routes[METRICS_NROUTES] = {
	"/v1/health", "/metrics", "/v1/tools", "/v1/tools/{name}",
	"/v1/tools/{name}/call", "/v1/exec", "/v1/ws", "other"
};

static const double bounds[METRICS_NBUCKETS] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2.5, 10
};

void
metrics_init(struct gateway *gw)
{
	memset(&gw->m, 0, sizeof(gw->m));
}

int
metrics_route(const char *path)
{
	size_t	 n;

	if (strcmp(path, "/v1/health") == 0)
		return 0;
	if (strcmp(path, "/metrics") == 0)
		return 1;
	if (strcmp(path, "/v1/tools") == 0)
		return 2;
	if (strncmp(path, "/v1/tools/", 10) == 0) {
		n = strlen(path);
		if (n > 5 && strcmp(path + n - 5, "/call") == 0)
			return 4;
		return 3;
	}
	if (strcmp(path, "/v1/exec") == 0)
		return 5;
	if (strcmp(path, "/v1/ws") == 0)
		return 6;
	return METRICS_ROUTE_OTHER;
}

void
metrics_request(struct gateway *gw, int route, int code, double secs)
{
	size_t	 i;

	if (route < 0 || route >= METRICS_NROUTES)
		route = METRICS_ROUTE_OTHER;
	for (i = 0; i < METRICS_MAX_CODES; i++) {
		if (gw->m.codes[route][i].code == code ||
		    gw->m.codes[route][i].code == 0) {
			gw->m.codes[route][i].code = code;
			gw->m.codes[route][i].n++;
			break;
		}
	}
	for (i = 0; i < METRICS_NBUCKETS; i++)
		if (secs <= bounds[i])
			break;
	gw->m.hist[route][i]++;
	gw->m.sum[route] += secs;
	gw->m.count[route]++;
}

void
metrics_rate_limited(struct gateway *gw)
{
	gw->m.rate_limited++;
}

void
metrics_auth_fail(struct gateway *gw)
{
	gw->m.auth_failures++;
}

int
metrics_render(struct gateway *gw, struct http_buf *b)
{
	size_t		 r, i;
	uint64_t	 cum;

	http_buf_addstr(b, "# HELP harness_http_requests_total HTTP requests "
	    "by route and status.\n# TYPE harness_http_requests_total "
	    "counter\n");
	for (r = 0; r < METRICS_NROUTES; r++)
		for (i = 0; i < METRICS_MAX_CODES &&
		    gw->m.codes[r][i].code != 0; i++)
			http_buf_printf(b, "harness_http_requests_total{route="
			    "\"%s\",code=\"%d\"} %llu\n", routes[r],
			    gw->m.codes[r][i].code,
			    (unsigned long long)gw->m.codes[r][i].n);
	http_buf_addstr(b, "# HELP harness_http_request_duration_seconds "
	    "Time from a request's first byte to its response.\n"
	    "# TYPE harness_http_request_duration_seconds histogram\n");
	for (r = 0; r < METRICS_NROUTES; r++) {
		if (gw->m.count[r] == 0)
			continue;
		cum = 0;
		for (i = 0; i < METRICS_NBUCKETS; i++) {
			cum += gw->m.hist[r][i];
			http_buf_printf(b, "harness_http_request_duration_"
			    "seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
			    routes[r], bounds[i], (unsigned long long)cum);
		}
		cum += gw->m.hist[r][METRICS_NBUCKETS];
		http_buf_printf(b, "harness_http_request_duration_seconds_"
		    "bucket{route=\"%s\",le=\"+Inf\"} %llu\n", routes[r],
		    (unsigned long long)cum);
		http_buf_printf(b, "harness_http_request_duration_seconds_sum"
		    "{route=\"%s\"} %.6f\n", routes[r], gw->m.sum[r]);
		http_buf_printf(b, "harness_http_request_duration_seconds_"
		    "count{route=\"%s\"} %llu\n", routes[r],
		    (unsigned long long)gw->m.count[r]);
	}
	http_buf_printf(b, "# HELP harness_rate_limited_total Requests refused "
	    "by rate limits or quotas.\n# TYPE harness_rate_limited_total "
	    "counter\nharness_rate_limited_total %llu\n",
	    (unsigned long long)gw->m.rate_limited);
	http_buf_printf(b, "# HELP harness_auth_failures_total Requests "
	    "refused by authentication.\n# TYPE harness_auth_failures_total "
	    "counter\nharness_auth_failures_total %llu\n",
	    (unsigned long long)gw->m.auth_failures);
	return b->err ? -1 : 0;
}
