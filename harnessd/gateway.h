/*
 * Gateway internals: who is asking (auth.c), how often (rate limits in
 * auth.c) and what happened (metrics.c).
 */
#ifndef GATEWAY_H
#define GATEWAY_H

#include <sys/types.h>
#include <time.h>

#include "conf.h"
#include "http.h"
#include "proc.h"

#define GW_MAX_ALLOWS	64

/* The identity a request runs as, after authentication. */
struct gw_ident {
	char		 name[80];	/* "uid:0" or "key:NAME" */
	const struct conf_apikey *key;	/* NULL for peer credentials */
	char *const	*tools;		/* allowed tools; none = all */
	size_t		 ntools;
	double		 rate;
	uint32_t	 burst;
	uint64_t	 quota;
};

struct gw_bucket;

#define METRICS_ROUTE_OTHER	7
#define METRICS_NROUTES		8
#define METRICS_NBUCKETS	10
#define METRICS_MAX_CODES	32

struct gw_metrics {
	struct {
		int		 code;
		uint64_t	 n;
	} codes[METRICS_NROUTES][METRICS_MAX_CODES];
	uint64_t	 hist[METRICS_NROUTES][METRICS_NBUCKETS + 1];
	double		 sum[METRICS_NROUTES];
	uint64_t	 count[METRICS_NROUTES];
	uint64_t	 rate_limited;
	uint64_t	 auth_failures;
};

struct gateway {
	struct proc_ctx	*ctx;
	time_t		 started;
	uid_t		 allow_uids[GW_MAX_ALLOWS];
	size_t		 nallow_uids;
	gid_t		 allow_gids[GW_MAX_ALLOWS];
	size_t		 nallow_gids;
	struct gw_bucket *buckets;
	size_t		 nbuckets;
	struct gw_metrics m;
};

struct gw_conn;
void	 gw_error(struct gw_conn *, int, const char *, const char *, ...)
	    __attribute__((__format__ (printf, 4, 5)));

int	 auth_init(struct gateway *, const struct harness_conf *);
/* 0 and *who filled, or an HTTP status (401, 403) with why. */
int	 auth_identify(struct gateway *, int, uid_t, gid_t, const char *,
	    struct gw_ident *, char *, size_t);
/* 0 allowed; -1 with *retry seconds and why when over rate or quota. */
int	 rate_check(struct gateway *, const struct gw_ident *, long *, char *,
	    size_t);

void	 metrics_init(struct gateway *);
int	 metrics_route(const char *);
void	 metrics_request(struct gateway *, int, int, double);
void	 metrics_rate_limited(struct gateway *);
void	 metrics_auth_fail(struct gateway *);
int	 metrics_render(struct gateway *, struct http_buf *);

#endif /* GATEWAY_H */
