/*
 * gateway_health: requests per second and latency of GET /v1/health on
 * harnessd's agent socket, with 1 and with 64 keep-alive connections,
 * each with one request in flight.  bench/gateway.sh starts the suite
 * and runs us; run bare, we only say so.
 *
 *   gateway_health SOCKET [seconds per figure]  (default BENCH_SECONDS
 *   or 3)
 *
 * The client is deliberately minimal so that it is not what we measure:
 * one process, non-blocking sockets multiplexed with poll(2), a fixed
 * request written with one write(2), the response taken as complete
 * once its headers and Content-Length bytes are in.  No allocation per
 * request.  The first half second of each figure is warm-up.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MAXCONN		64
#define RBUF		4096
#define WARMUP		0.5	/* seconds not counted */

static const char req[] = "GET /v1/health HTTP/1.1\r\nHost: bench\r\n\r\n";

struct conn {
	int	 fd;
	char	 buf[RBUF];
	size_t	 len;
	double	 t0;
};

struct lat {
	double	*v;
	size_t	 n, cap;
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
pct(const struct lat *l, double p)
{
	size_t	 i;

	if (l->n == 0)
		return 0;
	i = (size_t)(p * (double)(l->n - 1) + 0.5);
	return l->v[i];
}

static void
lat_add(struct lat *l, double d)
{
	double	*nv;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 65536;
		if ((nv = reallocarray(l->v, l->cap, sizeof(double))) == NULL)
			err(1, "reallocarray");
		l->v = nv;
	}
	l->v[l->n++] = d;
}

static int
conn_open(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlcpy(sun.sun_path, path, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path))
		errx(1, "%s: path too long", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "%s", path);
	if (fcntl(fd, F_SETFL, O_NONBLOCK) == -1)
		err(1, "fcntl");
	return fd;
}

static void
conn_send(struct conn *c)
{
	ssize_t	 n;

	c->len = 0;
	c->t0 = now();
	/* A 40-byte request fits any socket buffer: one write. */
	n = write(c->fd, req, sizeof(req) - 1);
	if (n != (ssize_t)sizeof(req) - 1)
		err(1, "write");
}

/*
 * 1 when c->buf holds a whole 200 response, 0 when more is needed.
 * Anything else is fatal: the benchmark only counts good answers.
 */
static int
conn_done(struct conn *c)
{
	char		*hend, *p;
	long		 clen = -1;
	size_t		 hlen;

	if ((hend = memmem(c->buf, c->len, "\r\n\r\n", 4)) == NULL) {
		if (c->len == sizeof(c->buf))
			errx(1, "response headers too long");
		return 0;
	}
	hlen = (size_t)(hend - c->buf) + 4;
	if (c->len < 12 || strncmp(c->buf, "HTTP/1.1 200", 12) != 0)
		errx(1, "not a 200: %.*s", (int)(c->len < 40 ? c->len : 40),
		    c->buf);
	for (p = c->buf; p < hend; p++)
		if (*p == '\n' && strncasecmp(p + 1, "content-length:", 15) ==
		    0) {
			clen = strtol(p + 16, NULL, 10);
			break;
		}
	if (clen < 0 || (size_t)clen > sizeof(c->buf) - hlen)
		errx(1, "no usable Content-Length");
	if (c->len < hlen + (size_t)clen)
		return 0;
	if (c->len > hlen + (size_t)clen)
		errx(1, "more bytes than the response");
	return 1;
}

/* nconn connections for secs seconds: requests/s, latency in lat. */
static double
run(const char *path, int nconn, double secs, struct lat *lat)
{
	struct conn	*c;
	struct pollfd	 pfd[MAXCONN];
	double		 t, tstart, tend, tcount;
	size_t		 counted = 0;
	ssize_t		 n;
	int		 i, k;

	if ((c = calloc((size_t)nconn, sizeof(*c))) == NULL)
		err(1, "calloc");
	for (i = 0; i < nconn; i++) {
		c[i].fd = conn_open(path);
		pfd[i].fd = c[i].fd;
		pfd[i].events = POLLIN;
	}
	lat->n = 0;
	tstart = now();
	tcount = tstart + WARMUP;
	tend = tcount + secs;
	for (i = 0; i < nconn; i++)
		conn_send(&c[i]);
	for (;;) {
		if ((k = poll(pfd, (nfds_t)nconn, 1000)) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		if (k == 0)
			errx(1, "no answer for a second");
		t = now();
		for (i = 0; i < nconn; i++) {
			if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(c[i].fd, c[i].buf + c[i].len,
			    sizeof(c[i].buf) - c[i].len);
			if (n == -1 && errno == EAGAIN)
				continue;
			if (n <= 0)
				errx(1, "connection %d closed by the gateway", i);
			c[i].len += (size_t)n;
			if (!conn_done(&c[i]))
				continue;
			if (c[i].t0 >= tcount && t < tend) {
				lat_add(lat, t - c[i].t0);
				counted++;
			}
			if (t < tend)
				conn_send(&c[i]);
			else {
				close(c[i].fd);
				pfd[i].fd = -1;
				c[i].fd = -1;
			}
		}
		for (i = 0; i < nconn; i++)
			if (c[i].fd != -1)
				break;
		if (i == nconn)
			break;
	}
	free(c);
	qsort(lat->v, lat->n, sizeof(double), cmp_d);
	return (double)counted / secs;
}

int
main(int argc, char *argv[])
{
	struct lat	 lat = { NULL, 0, 0 };
	const char	*s;
	double		 secs = 3, rps;
	int		 nc[] = { 1, 64 };
	size_t		 i;

	if (argc < 2) {
		printf("gateway_health: run by bench/gateway.sh (needs the "
		    "suite running)\n");
		return 0;
	}
	if ((s = argc > 2 ? argv[2] : getenv("BENCH_SECONDS")) != NULL &&
	    atof(s) > 0)
		secs = atof(s);
	printf("GET /v1/health on %s, keep-alive, one request in flight "
	    "per connection, %.1f s per figure\n", argv[1], secs);
	printf("(client: one process, poll(2), fixed request, responses "
	    "parsed by Content-Length)\n");
	for (i = 0; i < sizeof(nc) / sizeof(nc[0]); i++) {
		rps = run(argv[1], nc[i], secs, &lat);
		printf("%2d connection%s %9.0f req/s   p50 %7.3f ms   "
		    "p99 %7.3f ms\n", nc[i], nc[i] == 1 ? ": " : "s:", rps,
		    pct(&lat, 0.50) * 1000, pct(&lat, 0.99) * 1000);
	}
	free(lat.v);
	return 0;
}
