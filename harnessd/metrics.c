/*
 * Prometheus text exposition of what the gateway saw: requests by route
 * and status, latency histograms, rate-limit and auth rejections,
 * connections not read while their answers wait unread; and of
 * what the engine counts for it (IMSG_GW_COUNT): sandbox runs by reason,
 * approvals by decision.  Label sets are bounded, so a misbehaving
 * counter cannot grow the page without limit.
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

static const struct {
	const char	*counter;	/* as the engine names it */
	const char	*metric;
	const char	*label;
	const char	*help;
} engine_counters[METRICS_NCOUNTERS] = {
	[METRICS_SANDBOX_RUNS] = { "sandbox_runs",
	    "harness_sandbox_runs_total", "reason",
	    "Sandboxed runs by how they ended." },
	[METRICS_APPROVALS] = { "approvals", "harness_approvals_total",
	    "decision", "Approval requests by decision." },
	[METRICS_AUDIT_RECORDS] = { "audit_records",
	    "harness_audit_records_total", "outcome",
	    "Records of finished calls: written, lost after the reply, or "
	    "withheld (the result with them)." },
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

void
metrics_paused(struct gateway *gw, int d)
{
	if (d > 0) {
		gw->m.read_pauses++;
		gw->m.paused++;
	} else if (gw->m.paused > 0)
		gw->m.paused--;
}

static int
label_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > METRICS_LABEL_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-'))
			return 0;
	return 1;
}

void
metrics_count(struct gateway *gw, const char *counter, const char *label)
{
	struct metrics_labelled	*m;
	size_t			 i, k;

	for (k = 0; k < METRICS_NCOUNTERS; k++)
		if (strcmp(engine_counters[k].counter, counter) == 0)
			break;
	if (k == METRICS_NCOUNTERS)
		return;
	m = &gw->m.counters[k];
	if (!label_ok(label))
		label = "other";
	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].label, label) == 0) {
			m->v[i].n++;
			return;
		}
	/* The last slot is kept for "other". */
	if (m->n >= METRICS_MAX_LABELS - 1 && strcmp(label, "other") != 0) {
		metrics_count(gw, counter, "other");
		return;
	}
	strlcpy(m->v[m->n].label, label, sizeof(m->v[m->n].label));
	m->v[m->n].n = 1;
	m->n++;
}

int
metrics_render(struct gateway *gw, struct http_buf *b)
{
	const struct metrics_labelled *m;
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
	http_buf_printf(b, "# HELP harness_read_pauses_total Times a "
	    "connection was not read because its answers waited unread.\n"
	    "# TYPE harness_read_pauses_total counter\n"
	    "harness_read_pauses_total %llu\n",
	    (unsigned long long)gw->m.read_pauses);
	http_buf_printf(b, "# HELP harness_connections_paused Connections "
	    "not read now because their answers wait unread.\n"
	    "# TYPE harness_connections_paused gauge\n"
	    "harness_connections_paused %llu\n",
	    (unsigned long long)gw->m.paused);
	http_buf_printf(b, "# HELP harness_engine_up Whether the engine "
	    "answered the gateway's last ping within %d seconds.\n"
	    "# TYPE harness_engine_up gauge\nharness_engine_up %d\n",
	    GW_ENGINE_SILENT_SECS,
	    gw_engine_silent(gw) < GW_ENGINE_SILENT_SECS);
	for (r = 0; r < METRICS_NCOUNTERS; r++) {
		m = &gw->m.counters[r];
		http_buf_printf(b, "# HELP %s %s\n# TYPE %s counter\n",
		    engine_counters[r].metric, engine_counters[r].help,
		    engine_counters[r].metric);
		for (i = 0; i < m->n; i++)
			http_buf_printf(b, "%s{%s=\"%s\"} %llu\n",
			    engine_counters[r].metric,
			    engine_counters[r].label, m->v[i].label,
			    (unsigned long long)m->v[i].n);
	}
	return b->err ? -1 : 0;
}
