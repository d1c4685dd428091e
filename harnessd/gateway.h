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
struct gw_peer;

#define METRICS_ROUTE_OTHER	7
#define METRICS_NROUTES		8
#define METRICS_NBUCKETS	10
#define METRICS_MAX_CODES	32
#define METRICS_MAX_LABELS	32	/* per engine counter */
#define METRICS_LABEL_MAX	32	/* bytes of a label value */

enum metrics_counter {
	METRICS_SANDBOX_RUNS = 0,	/* by result reason */
	METRICS_APPROVALS,		/* by decision */
	METRICS_AUDIT_RECORDS,		/* tool.call outcomes, by fate */
	METRICS_NCOUNTERS
};

struct metrics_labelled {
	struct {
		char		 label[METRICS_LABEL_MAX + 1];
		uint64_t	 n;
	} v[METRICS_MAX_LABELS];
	size_t		 n;
};

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
	uint64_t	 read_pauses;	/* connections paused, ever */
	uint64_t	 paused;	/* connections paused now */
	struct metrics_labelled counters[METRICS_NCOUNTERS];
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
	struct gw_peer	*peers;
	size_t		 npeers;
	struct gw_metrics m;
	/* Does the engine answer?  One ping at a time, every second. */
	uint32_t	 ping_seq;
	int		 ping_out;	/* ping_seq is not answered yet */
	struct timespec	 ping_sent;
	int		 engine_stalled; /* logged as not answering */
	int		 stopping;	/* harnessd is shutting down */
	struct event	*stoptimer;	/* shutting down */
	struct timespec	 stopdue;
};

/*
 * len bytes of an engine's reply in the memfd fd, mapped read only; or
 * NULL with why: it must be sealed against shrinking and writing (else
 * the engine could cut a page off under the gateway, a SIGBUS) and
 * hold at least len bytes.  fd stays the caller's.
 */
struct gw_map {
	void	*p;
	size_t	 len;
};
struct gw_map *gw_map_body(int, size_t, const char **);
void	 gw_map_free(struct gw_map *);

/* An engine silent this long makes /v1/health 503. */
#define GW_ENGINE_SILENT_SECS	3
/* Seconds the engine has left a ping unanswered (0: it answers). */
long	 gw_engine_silent(const struct gateway *);

struct gw_conn;
void	 gw_error(struct gw_conn *, int, const char *, const char *, ...)
	    __attribute__((__format__ (printf, 4, 5)));

int	 auth_init(struct gateway *, const struct harness_conf *);
void	 auth_shutdown(void);
void	 auth_reload(const struct harness_conf *, const struct harness_conf *);
/*
 * 0 and *who filled, an HTTP status (401, 403) with why, or
 * AUTH_PENDING: a JWT needs the key from vaultd; call auth_jwt_fetch()
 * and try again when gateway_jwt_done() says so.
 */
#define AUTH_PENDING	1
int	 auth_group_allowed(const struct gateway *, int, gid_t);
int	 auth_identify(struct gateway *, int, uid_t, int, const char *,
	    struct gw_ident *, char *, size_t);
/* Fetch the JWT key (once at a time); ends in gateway_jwt_done(). */
void	 auth_jwt_fetch(struct gateway *);
/* gateway_on_fd: 1 if the fd was the vaultd connection (taken). */
int	 auth_on_fd(struct gateway *, uint32_t, uint32_t, int);
/* In gateway.c: the key fetch ended; 0 (retry) or a status and why. */
void	 gateway_jwt_done(int, const char *);
/* 0 allowed; -1 with *retry seconds and why when over rate or quota. */
int	 rate_check(struct gateway *, const struct gw_ident *, long *, char *,
	    size_t);

/*
 * Refusals by peer: "uid N" on a Unix socket, "address A" on TCP.
 * peer_limited(): 0 if the peer's request may be looked at, else 1
 * with *retry seconds, and *first set when this begins a run of
 * refusals, which the caller records; the others are counted.
 * peer_failed(): one more failed authentication; 1 if the caller
 * records it, 0 if it was counted.  peer_conn_refused(): a connection
 * refused over the caps; 1 if the caller logs it (once per
 * PEER_SUMMARY_SECS), 0 if counted.  peer_summary(), every
 * PEER_SUMMARY_SECS: what was counted per peer, which is then reset.
 */
#define PEER_SUMMARY_SECS	10
int	 peer_limited(struct gateway *, const char *, long *, int *);
int	 peer_failed(struct gateway *, const char *);
int	 peer_conn_refused(struct gateway *, const char *);
void	 peer_summary(struct gateway *, void (*)(const char *, uint64_t,
	    uint64_t));

void	 metrics_init(struct gateway *);
int	 metrics_route(const char *);
void	 metrics_request(struct gateway *, int, int, double);
void	 metrics_rate_limited(struct gateway *);
void	 metrics_auth_fail(struct gateway *);
/* A connection stops being read (1) or is read again (-1). */
void	 metrics_paused(struct gateway *, int);
/*
 * One more for an engine counter ("sandbox_runs", "approvals") and a
 * label; unknown counters are ignored.  Labels are [a-z0-9_-], 1 to
 * METRICS_LABEL_MAX bytes, else "other"; once METRICS_MAX_LABELS - 1
 * labels are known, new ones also count as "other".
 */
void	 metrics_count(struct gateway *, const char *, const char *);
int	 metrics_render(struct gateway *, struct http_buf *);

#endif /* GATEWAY_H */
