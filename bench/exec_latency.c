/*
 * exec_latency: what the tool path adds to a sandbox run.  End-to-end
 * latency of POST /v1/exec {"argv":["/bin/true"]} on harnessd's agent
 * socket (gateway, engine, hitld classify, sandboxd run, audit record,
 * JSON reply) against sandboxd's own spawn latency for the
 * same program, asked directly on its control socket as harnessctl
 * sandbox run does.  The two alternate run by run so that drift and
 * other load hit them alike.  Each timed request starts SETTLE_MS after
 * the one before it ended, so that neither pays for work the other
 * left behind (the commit of the engine's tool.call record, which
 * follows its reply).  bench/gateway.sh starts the suite and
 * runs us; run bare, we only say so.
 *
 *   exec_latency AGENT-SOCKET SANDBOXD-SOCKET [runs]  (default
 *   BENCH_RUNS or 200, after warm-up runs of each: at least 20 and
 *   1.5 s, so that the audit log is in its steady state, see WARMUP_SECS)
 *
 * Both sides keep one connection open (keep-alive HTTP, one imsg
 * connection with a new peer id per run), as harnessd's engine does
 * towards sandboxd.  The sandbox side drains the output pipes to EOF,
 * as the engine does, before it counts a run as done.
 */
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "harness.h"
#include "sandbox_proto.h"
#include "sandboxc.h"

#define WARMUP		20
#define WARMUP_SECS	1.5	/* and at least this long: past auditd's
				   first seal (1 s), whose checkpoint
				   starts the WAL over; from then on its
				   commits overwrite the file instead of
				   growing it, as in a suite that has run
				   a while */
#define TARGET_MS	1.0	/* the goal for the p50 overhead */
#define SETTLE_MS	2	/* between timed requests */

static const char body[] = "{\"argv\":[\"/bin/true\"]}";

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
settle(void)
{
	struct timespec	 ts = { 0, SETTLE_MS * 1000 * 1000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
pct(double *v, int n, double p)
{
	int	 i = (int)(p * (n - 1) + 0.5);

	qsort(v, (size_t)n, sizeof(double), cmp_d);
	return v[i];
}

static double
exec_once(struct harness_http *h)
{
	struct harness_http_resp	 r;
	struct json_object		*o, *v;
	char				 e[1024];
	double				 t0, dt;

	t0 = now();
	if (harness_http_request(h, "POST", "/v1/exec", body,
	    sizeof(body) - 1, &r, NULL, NULL, e, sizeof(e)) == -1)
		errx(1, "POST /v1/exec: %s", e);
	dt = now() - t0;
	if (r.status != 200) {
		harness_http_errmsg(&r, e, sizeof(e));
		errx(1, "POST /v1/exec: %d %s", r.status, e);
	}
	o = json_tokener_parse(r.body);
	if (o == NULL || !json_object_object_get_ex(o, "exit_code", &v) ||
	    json_object_get_int(v) != 0)
		errx(1, "POST /v1/exec: /bin/true failed: %s", r.body);
	json_object_put(o);
	harness_http_resp_free(&r);
	return dt;
}

static int
compose(void *arg, uint32_t type, uint32_t peerid, int fd, const void *data,
    size_t len)
{
	return harness_send(arg, type, peerid, fd, data, len);
}

/* One run of /bin/true through sandboxd: request to result + EOFs. */
static double
spawn_once(struct hconn *h, uint32_t id)
{
	struct sandbox_req	 sreq;
	struct sandbox_result	 res;
	struct pollfd		 pfd[3];
	struct imsg		 imsg;
	char			*argv[] = { "/bin/true" }, e[1024], buf[4096];
	double			 t0, dt;
	ssize_t			 n;
	int			 out[2] = { -1, -1 }, got = 0, rc, k;

	memset(&sreq, 0, sizeof(sreq));
	sreq.argv = argv;
	sreq.argc = 1;
	t0 = now();
	if (sandbox_send(compose, h, id, &sreq, NULL, 0, -1, e, sizeof(e)) ==
	    -1)
		errx(1, "sandbox_send: %s", e);
	while (!got || out[0] != -1 || out[1] != -1) {
		pfd[0].fd = got ? -1 : h->ibuf.fd;
		pfd[0].events = POLLIN;
		for (k = 0; k < 2; k++) {
			pfd[1 + k].fd = out[k];
			pfd[1 + k].events = POLLIN;
		}
		if (poll(pfd, 3, 10000) <= 0)
			errx(1, "sandboxd: no answer");
		for (k = 0; k < 2; k++) {
			if (out[k] == -1 || !(pfd[1 + k].revents &
			    (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(out[k], buf, sizeof(buf));
			if (n == -1 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (n <= 0) {
				close(out[k]);
				out[k] = -1;
			}
		}
		if (got || !(pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if ((n = imsg_read(&h->ibuf)) == -1 && errno != EAGAIN)
			err(1, "sandboxd");
		if (n == 0)
			errx(1, "sandboxd closed the connection");
		while ((rc = (int)imsg_get(&h->ibuf, &imsg)) > 0) {
			if (harness_error(&imsg, e, sizeof(e)))
				errx(1, "sandboxd: %s", e);
			if (imsg.hdr.peerid != id)
				errx(1, "sandboxd: reply for run %u, not %u",
				    imsg.hdr.peerid, id);
			switch (imsg.hdr.type) {
			case IMSG_SANDBOX_STDOUT:
			case IMSG_SANDBOX_STDERR:
				k = imsg.hdr.type == IMSG_SANDBOX_STDOUT ? 0 :
				    1;
				if (imsg.fd == -1 || out[k] != -1)
					errx(1, "sandboxd: bad output message");
				out[k] = imsg.fd;
				imsg.fd = -1;
				break;
			case IMSG_SANDBOX_RESULT:
				if (sandbox_result_decode(imsg.data,
				    imsg_datalen(&imsg), &res) == -1)
					errx(1, "sandboxd: bad result");
				if (res.reason != SANDBOX_EXITED ||
				    res.exit_code != 0)
					errx(1, "sandboxd: /bin/true: %s",
					    sandbox_reason_name(res.reason));
				got = 1;
				break;
			default:
				break;
			}
			imsg_free(&imsg);
		}
		if (rc == -1)
			errx(1, "sandboxd: protocol error");
	}
	dt = now() - t0;
	return dt;
}

int
main(int argc, char *argv[])
{
	struct harness_http	*hh;
	struct hconn		*hc;
	const char		*s;
	double			*te, *ts, e50, e99, s50, s99;
	char			 e[1024];
	double			 t0;
	int			 n = 200, i, nwarm;
	uint32_t		 id = 1;

	if (argc < 3) {
		printf("exec_latency: run by bench/gateway.sh (needs the "
		    "suite running)\n");
		return 0;
	}
	if ((s = argc > 3 ? argv[3] : getenv("BENCH_RUNS")) != NULL &&
	    (n = atoi(s)) < 10)
		errx(1, "at least 10 runs");
	if ((te = calloc((size_t)n, sizeof(double))) == NULL ||
	    (ts = calloc((size_t)n, sizeof(double))) == NULL)
		err(1, "calloc");
	if ((hh = harness_http_connect(argv[1], e, sizeof(e))) == NULL)
		errx(1, "harnessd: %s", e);
	if ((hc = harness_connect(argv[2], e, sizeof(e))) == NULL)
		errx(1, "sandboxd: %s", e);

	t0 = now();
	for (i = 0; i < WARMUP || now() - t0 < WARMUP_SECS; i++) {
		exec_once(hh);
		spawn_once(hc, id++);
	}
	nwarm = i;
	for (i = 0; i < n; i++) {
		/* Alternate which goes first, so neither always follows. */
		if (i % 2 == 0) {
			settle();
			te[i] = exec_once(hh);
			settle();
			ts[i] = spawn_once(hc, id++);
		} else {
			settle();
			ts[i] = spawn_once(hc, id++);
			settle();
			te[i] = exec_once(hh);
		}
	}
	harness_http_close(hh);
	harness_close(hc);

	e50 = pct(te, n, 0.50) * 1000;
	e99 = pct(te, n, 0.99) * 1000;
	s50 = pct(ts, n, 0.50) * 1000;
	s99 = pct(ts, n, 0.99) * 1000;
	printf("/bin/true, %d runs each after %d warm-up (%.1f s), "
	    "interleaved, %d ms apart\n", n, nwarm, WARMUP_SECS, SETTLE_MS);
	printf("%-38s p50 %7.3f ms   p99 %7.3f ms\n",
	    "POST /v1/exec (agent.sock, keep-alive)", e50, e99);
	printf("%-38s p50 %7.3f ms   p99 %7.3f ms\n",
	    "sandboxd run (control socket, direct)", s50, s99);
	printf("%-38s p50 %+7.3f ms   p99 %+7.3f ms   (target: p50 < "
	    "%.0f ms)\n", "overhead gateway+engine+hitld+audit", e50 - s50,
	    e99 - s99, TARGET_MS);
	free(te);
	free(ts);
	return 0;
}
