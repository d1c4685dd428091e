/*
 * Who is asking, and may they ask this often.
 *
 * On the Unix socket the kernel tells us the peer's uid and gid
 * (SO_PEERCRED); the config's "allow user"/"allow group" lines decide,
 * and an empty list means any local peer the socket's mode lets in.
 * API keys ("Authorization: Bearer TOKEN") work on every listener and
 * are the only way in over TCP; only SHA-256 hashes of keys are kept.
 *
 * JSON Web Tokens ("Authorization: Bearer" with a token that is no API
 * key and has three base64url parts) are verified with lib/jwt (HS256
 * only) when "jwt secret" is configured.  The HMAC key lives in vaultd:
 * the gateway may not open sockets, so the parent connects it
 * (proc_request_connect) and it fetches the secret as the pseudo-tool
 * "@jwt", which vaultd grants exactly that secret.  The fetch is lazy
 * (first JWT seen), the requests that need the key wait for it, a
 * failure is not cached (the next JWT tries again: a vault sealed now
 * may be unsealed then), and the key is refetched after JWT_KEY_TTL so
 * that a rotation, or a vault sealed since, is noticed.  The key sits in
 * a guarded sodium_malloc buffer allocated before confinement.
 *
 * Rate limits are token buckets per identity (requests/s and burst,
 * from the key or the harnessd defaults) plus a daily quota.
 *
 * Refusals are counted per peer, a uid on a Unix socket or an address
 * on TCP, before anybody is identified: failed authentications draw on
 * a bucket of the harnessd rate and burst, and while it is empty every
 * request of that peer is refused (429) before its credentials are
 * looked at, so guessing keys is slow.  The run of refusals that
 * follows is recorded once, then counted and summarized every
 * PEER_SUMMARY_SECS until the peer's bucket is full again; so are
 * connections refused over the caps.  A flood of refused requests
 * costs a few records, not one each.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <ctype.h>
#include <errno.h>
#include <event2/event.h>
#include <math.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "confine.h"
#include "gateway.h"
#include "harness.h"
#include "imsg.h"
#include "imsgev.h"
#include "jwt.h"
#include "log.h"
#include "proto.h"
#include "vaultc.h"
#include "wire.h"

#define JWT_KEY_MAX	4096		/* bytes of an HMAC key */
#define JWT_KEY_TTL	60		/* seconds before a refetch */
#define JWT_FETCH_WAIT	10		/* seconds vaultd may take */

#define GW_MAX_BUCKETS	4096
#define GW_MAX_PEERS	4096

struct gw_peer {
	char		 name[64];	/* "uid 0", "address 10.0.0.1" */
	double		 tokens;	/* failures it may have now */
	struct timespec	 last;
	int		 quiet;		/* refusals are counted, not told */
	uint64_t	 refused;	/* ...since the last summary */
	uint64_t	 conns;		/* connections refused, untold */
	time_t		 conn_told;	/* when one was last logged */
};

struct gw_bucket {
	char		 name[80];
	double		 tokens;
	struct timespec	 last;
	int64_t		 day;
	uint64_t	 used;
};

/* The JWT key and the vaultd connection it comes over. */
static struct {
	struct gateway	*gw;
	unsigned char	*key;		/* sodium_malloc, JWT_KEY_MAX */
	size_t		 keylen;	/* 0: no key */
	time_t		 fetched;	/* monotonic seconds */
	struct imsgev	 iev;
	int		 connected;
	int		 connecting;
	int		 fetching;	/* a FETCH is under way */
	uint32_t	 fetch_id;
	int		 got;		/* the secret arrived */
	int		 status;	/* failure: HTTP status */
	char		 why[256];	/* failure: reason */
	struct event	*ev_wait;	/* vaultd's time to answer */
} jk;

static time_t
mono_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int
auth_init(struct gateway *gw, const struct harness_conf *conf)
{
	struct conf_peer_allow	*a;
	uid_t			 uid;
	gid_t			 gid;

	TAILQ_FOREACH(a, &conf->harnessd.allows, entry) {
		if (a->is_group) {
			if (gw->nallow_gids >= GW_MAX_ALLOWS ||
			    confine_lookup_group(a->name, &gid) == -1) {
				log_warnx("allow group %s: unknown group",
				    a->name);
				return -1;
			}
			gw->allow_gids[gw->nallow_gids++] = gid;
		} else {
			if (gw->nallow_uids >= GW_MAX_ALLOWS ||
			    confine_lookup_user(a->name, &uid, &gid) == -1) {
				log_warnx("allow user %s: unknown user",
				    a->name);
				return -1;
			}
			gw->allow_uids[gw->nallow_uids++] = uid;
		}
	}
	memset(&jk, 0, sizeof(jk));
	jk.gw = gw;
	/*
	 * Now: sodium_malloc's guard pages need mlock and mprotect.  Even
	 * without a jwt line: a reload (SIGHUP) may add one.
	 */
	if ((jk.key = sodium_malloc(JWT_KEY_MAX)) == NULL) {
		log_warnx("cannot allocate the JWT key buffer");
		return -1;
	}
	gw->buckets = calloc(GW_MAX_BUCKETS, sizeof(struct gw_bucket));
	gw->peers = calloc(GW_MAX_PEERS, sizeof(struct gw_peer));
	return gw->buckets == NULL || gw->peers == NULL ? -1 : 0;
}

static const struct conf_apikey *
find_key(const struct harness_conf *conf, const char *token, size_t len)
{
	const struct conf_apikey	*k, *found = NULL;
	unsigned char			 h[crypto_hash_sha256_BYTES];
	char				 hex[crypto_hash_sha256_BYTES * 2 + 1];

	crypto_hash_sha256(h, (const unsigned char *)token, len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	/* Compare with every key, in constant time each. */
	TAILQ_FOREACH(k, &conf->harnessd.keys, entry) {
		if (strlen(k->hash) == 7 + 64 &&
		    sodium_memcmp(k->hash + 7, hex, 64) == 0)
			found = k;
	}
	sodium_memzero(h, sizeof(h));
	return found;
}

static void
jk_drop_key(void)
{
	if (jk.key != NULL)
		sodium_memzero(jk.key, JWT_KEY_MAX);
	jk.keylen = 0;
}

/* The fetch is over: tell the gateway, which retries or refuses. */
static void
jk_done(int status, const char *fmt, ...)
    __attribute__((__format__ (printf, 2, 3)));
static void
jk_done(int status, const char *fmt, ...)
{
	va_list	 ap;
	char	 why[sizeof(jk.why)];

	jk.fetching = 0;
	if (jk.ev_wait != NULL)
		evtimer_del(jk.ev_wait);
	jk.status = status;
	/* (fmt's arguments may be jk.why itself) */
	why[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof(why), fmt, ap);
		va_end(ap);
	}
	memcpy(jk.why, why, sizeof(jk.why));
	if (status != 0) {
		jk_drop_key();
		log_warnx("JWT key: %s", jk.why);
	}
	gateway_jwt_done(status, jk.why);
}

static void
jk_send_fetch(void)
{
	struct wbuf	 wb;
	const char	*name = jk.gw->ctx->conf->harnessd.jwt_secret;

	jk.got = 0;
	jk.fetch_id++;
	if (jk.fetch_id == 0)
		jk.fetch_id = 1;
	if (vaultc_fetch_encode(&wb, JWT_VAULT_TOOL, JWT_VAULT_SESSION,
	    &name, 1) == -1 ||
	    imsgev_compose(&jk.iev, IMSG_VAULT_FETCH, jk.fetch_id, -1, wb.buf,
	    wb.len) == -1)
		jk_done(503, "cannot ask vaultd for the JWT key");
}

/* A delivered secret: copy it into the guarded buffer. */
static void
jk_take_secret(struct imsg *imsg)
{
	struct vaultc_secret	 sec;
	off_t			 size;
	ssize_t			 n;

	if (vaultc_secret_decode(imsg, &sec) == -1) {
		jk.status = 502;
		snprintf(jk.why, sizeof(jk.why), "malformed reply from "
		    "vaultd");
		return;
	}
	if (sec.status != VAULT_S_OK) {
		/* vaultd's reason names the secret, never its value. */
		jk.status = 503;
		strlcpy(jk.why, "JWT key unavailable: ", sizeof(jk.why));
		strlcat(jk.why, sec.error[0] != '\0' ? sec.error :
		    vault_status_name(sec.status), sizeof(jk.why));
		return;
	}
	jk_drop_key();
	size = lseek(sec.fd, 0, SEEK_END);
	if (size <= 0 || size > JWT_KEY_MAX) {
		close(sec.fd);
		jk.status = 503;
		snprintf(jk.why, sizeof(jk.why), "JWT key unusable: it must "
		    "be 1 to %d bytes", JWT_KEY_MAX);
		return;
	}
	n = pread(sec.fd, jk.key, (size_t)size, 0);
	close(sec.fd);
	if (n != (ssize_t)size) {
		jk_drop_key();
		jk.status = 503;
		snprintf(jk.why, sizeof(jk.why), "cannot read the JWT key");
		return;
	}
	jk.keylen = (size_t)size;
	jk.got = 1;
}

static void
jk_dispatch(struct imsgev *iev, struct imsg *imsg, void *arg)
{
	char	 msg[512];

	if (imsg == NULL) {
		jk.connected = 0;
		log_info("JWT key: connection to vaultd closed");
		if (jk.fetching)
			jk_done(503, "vaultd closed the connection");
		return;
	}
	if (harness_error(imsg, msg, sizeof(msg))) {
		/* "vault is sealed" is the answer that matters most. */
		if (jk.fetching && imsg->hdr.peerid == jk.fetch_id)
			jk_done(503, "%s", msg);
		else
			log_warnx("JWT key: vaultd: %s", msg);
		return;
	}
	switch (imsg->hdr.type) {
	case IMSG_CTL_HELLO:
		break;
	case IMSG_VAULT_SECRET:
		if (!jk.fetching || imsg->hdr.peerid != jk.fetch_id)
			break;
		jk.status = 0;
		jk_take_secret(imsg);
		break;
	case IMSG_VAULT_FETCH_END:
		if (!jk.fetching || imsg->hdr.peerid != jk.fetch_id)
			break;
		if (jk.got && jk.status == 0) {
			jk.fetched = mono_now();
			log_info("JWT key fetched from vaultd");
			jk_done(0, NULL);
		} else
			jk_done(jk.status ? jk.status : 502, "%s",
			    jk.why[0] ? jk.why : "vaultd delivered no key");
		break;
	default:
		log_warnx("JWT key: unexpected message %u from vaultd",
		    imsg->hdr.type);
		imsgev_close(iev);
		break;
	}
	if (imsg->fd != -1) {
		close(imsg->fd);
		imsg->fd = -1;
	}
}

int
auth_on_fd(struct gateway *gw, uint32_t type, uint32_t id, int fd)
{
	uint32_t	 v = CTL_PROTO_VERSION;

	if (type != IMSG_PROC_CONNECTED || id != D_VAULTD)
		return 0;
	jk.connecting = 0;
	if (fd == -1) {
		if (jk.fetching)
			jk_done(503, "vaultd unreachable (is it running?)");
		return 1;
	}
	if (jk.connected) {
		close(fd);
		return 1;
	}
	if (imsgev_init(&jk.iev, gw->ctx->base, fd, jk_dispatch, NULL,
	    "vaultd") == -1) {
		close(fd);
		if (jk.fetching)
			jk_done(503, "cannot set up the vaultd connection");
		return 1;
	}
	jk.connected = 1;
	imsgev_compose(&jk.iev, IMSG_CTL_HELLO, 0, -1, &v, sizeof(v));
	if (jk.fetching)
		jk_send_fetch();
	return 1;
}

/* vaultd did not answer: drop the connection, refuse, retry later. */
static void
jk_wait_cb(evutil_socket_t fd, short ev, void *arg)
{
	if (!jk.fetching)
		return;
	if (jk.connected) {
		imsgev_close(&jk.iev);
		jk.connected = 0;
	}
	jk.connecting = 0;
	jk_done(503, "vaultd did not deliver the JWT key in time");
}

void
auth_jwt_fetch(struct gateway *gw)
{
	struct timeval	 tv = { JWT_FETCH_WAIT, 0 };

	if (jk.fetching)
		return;
	if (jk.ev_wait == NULL &&
	    (jk.ev_wait = evtimer_new(gw->ctx->base, jk_wait_cb, NULL)) ==
	    NULL) {
		jk_done(503, "out of memory");
		return;
	}
	evtimer_add(jk.ev_wait, &tv);
	jk.fetching = 1;
	jk.status = 0;
	jk.why[0] = '\0';
	if (jk.connected)
		jk_send_fetch();
	else if (!jk.connecting) {
		jk.connecting = 1;
		if (proc_request_connect(gw->ctx, D_VAULTD) == -1) {
			jk.connecting = 0;
			jk_done(503, "cannot ask for a vaultd connection");
		}
	}
}

void
auth_shutdown(void)
{
	if (jk.ev_wait != NULL) {
		event_free(jk.ev_wait);
		jk.ev_wait = NULL;
	}
	if (jk.key != NULL) {
		sodium_free(jk.key);
		jk.key = NULL;
	}
	jk.keylen = 0;
}

/* A reload naming another JWT key (or none): forget the one held. */
void
auth_reload(const struct harness_conf *old, const struct harness_conf *nconf)
{
	if (strcmp(old->harnessd.jwt_secret, nconf->harnessd.jwt_secret) != 0)
		jk_drop_key();
}

/* A JWT: 0 and *who, AUTH_PENDING (fetch the key first), or 401. */
static int
auth_jwt(struct gateway *gw, const char *tok, size_t len,
    struct gw_ident *who, char *why, size_t whylen)
{
	const struct harness_conf	*conf = gw->ctx->conf;
	struct jwt_claims		 cl;
	char				 err[200];
	int				 rc;

	if (jk.keylen == 0 || mono_now() - jk.fetched > JWT_KEY_TTL) {
		/* What the shape or header refuses (alg none) needs no key. */
		rc = jwt_verify(tok, len, NULL, 0, 0, NULL, NULL, NULL, err,
		    sizeof(err));
		if (rc != JWT_E_INTERNAL) {
			snprintf(why, whylen, "invalid JWT (%s): %s",
			    jwt_code(rc), err);
			return 401;
		}
		jk_drop_key();
		return AUTH_PENDING;
	}
	rc = jwt_verify(tok, len, jk.key, jk.keylen, (int64_t)time(NULL),
	    conf->harnessd.jwt_audience, conf->harnessd.jwt_issuer, &cl, err,
	    sizeof(err));
	if (rc != JWT_OK) {
		snprintf(why, whylen, "invalid JWT (%s): %s", jwt_code(rc),
		    err);
		return 401;
	}
	snprintf(who->name, sizeof(who->name), "jwt:%s", cl.sub);
	return 0;
}

/*
 * Whether a Unix peer is in an allowed group: its primary group, or
 * one of the supplementary groups it had when it connected
 * (SO_PEERGROUPS), as the kernel, not /etc/group, has them.
 */
int
auth_group_allowed(const struct gateway *gw, int fd, gid_t gid)
{
	gid_t		 sbuf[64], *g = sbuf;
	socklen_t	 len = sizeof(sbuf);
	size_t		 i, j, n;
	int		 ok = 0;

	for (i = 0; i < gw->nallow_gids; i++)
		if (gw->allow_gids[i] == gid)
			return 1;
	if (gw->nallow_gids == 0)
		return 0;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, g, &len) == -1) {
		if (errno != ERANGE || len == 0 || len > 65536 * sizeof(gid_t) ||
		    (g = malloc(len)) == NULL ||
		    getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, g, &len) == -1) {
			if (errno != ENOPROTOOPT)
				log_warn("%s: SO_PEERGROUPS", __func__);
			if (g != sbuf)
				free(g);
			return 0;
		}
	}
	n = len / sizeof(gid_t);
	for (i = 0; i < n && !ok; i++)
		for (j = 0; j < gw->nallow_gids; j++)
			if (gw->allow_gids[j] == g[i])
				ok = 1;
	if (g != sbuf)
		free(g);
	return ok;
}

int
auth_identify(struct gateway *gw, int is_unix, uid_t uid, int group_ok,
    const char *authz, struct gw_ident *who, char *why, size_t whylen)
{
	const struct harness_conf	*conf = gw->ctx->conf;
	const struct conf_apikey	*k;
	const char			*tok;
	size_t				 i, len;
	int				 allowed;

	memset(who, 0, sizeof(*who));
	who->rate = conf->harnessd.rate;
	who->burst = conf->harnessd.burst;
	who->quota = conf->harnessd.quota;

	if (authz != NULL) {
		if (strncasecmp(authz, "Bearer ", 7) != 0) {
			snprintf(why, whylen, "Authorization must be "
			    "'Bearer TOKEN'");
			return 401;
		}
		tok = authz + 7;
		while (*tok == ' ')
			tok++;
		len = strlen(tok);
		while (len > 0 && isspace((unsigned char)tok[len - 1]))
			len--;
		k = NULL;
		if (len > 0 && len <= 512)
			k = find_key(conf, tok, len);
		if (k == NULL && conf->harnessd.jwt_secret[0] != '\0' &&
		    jwt_shape(tok, len))
			return auth_jwt(gw, tok, len, who, why, whylen);
		if (k == NULL) {
			snprintf(why, whylen, "invalid API key");
			return 401;
		}
		snprintf(who->name, sizeof(who->name), "key:%s", k->name);
		who->key = k;
		who->tools = k->tools.v;
		who->ntools = k->tools.n;
		if (k->rate > 0)
			who->rate = k->rate;
		if (k->burst > 0)
			who->burst = k->burst;
		if (k->quota > 0)
			who->quota = k->quota;
		return 0;
	}
	if (!is_unix) {
		snprintf(why, whylen, "an API key is required "
		    "(Authorization: Bearer TOKEN)");
		return 401;
	}
	allowed = gw->nallow_uids == 0 && gw->nallow_gids == 0;
	for (i = 0; i < gw->nallow_uids; i++)
		if (gw->allow_uids[i] == uid)
			allowed = 1;
	if (group_ok)
		allowed = 1;
	if (!allowed) {
		snprintf(why, whylen, "uid %u is not allowed to use this "
		    "socket", (unsigned)uid);
		return 403;
	}
	snprintf(who->name, sizeof(who->name), "uid:%u", (unsigned)uid);
	return 0;
}

static struct gw_bucket *
bucket_get(struct gateway *gw, const char *name)
{
	struct gw_bucket	*b, *oldest = NULL;
	size_t			 i;

	for (i = 0; i < gw->nbuckets; i++) {
		b = &gw->buckets[i];
		if (strcmp(b->name, name) == 0)
			return b;
		if (oldest == NULL || b->last.tv_sec < oldest->last.tv_sec)
			oldest = b;
	}
	if (gw->nbuckets < GW_MAX_BUCKETS)
		b = &gw->buckets[gw->nbuckets++];
	else
		b = oldest;	/* forget the least recently seen */
	memset(b, 0, sizeof(*b));
	strlcpy(b->name, name, sizeof(b->name));
	b->tokens = -1;
	return b;
}

int
rate_check(struct gateway *gw, const struct gw_ident *who, long *retry,
    char *why, size_t whylen)
{
	struct gw_bucket	*b;
	struct timespec		 now;
	double			 dt;
	int64_t			 day;
	time_t			 wall = time(NULL);

	*retry = 0;
	b = bucket_get(gw, who->name);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (b->tokens < 0)
		b->tokens = who->burst;
	else {
		dt = (double)(now.tv_sec - b->last.tv_sec) +
		    (double)(now.tv_nsec - b->last.tv_nsec) / 1e9;
		b->tokens += dt * who->rate;
		if (b->tokens > who->burst)
			b->tokens = who->burst;
	}
	b->last = now;

	day = (int64_t)(wall / 86400);
	if (b->day != day) {
		b->day = day;
		b->used = 0;
	}
	if (who->quota > 0 && b->used >= who->quota) {
		*retry = (long)(86400 - wall % 86400);
		snprintf(why, whylen, "daily quota of %llu requests used up",
		    (unsigned long long)who->quota);
		return -1;
	}
	if (b->tokens < 1.0) {
		*retry = who->rate > 0 ?
		    (long)ceil((1.0 - b->tokens) / who->rate) : 60;
		snprintf(why, whylen, "rate limit of %g requests/s (burst "
		    "%u) exceeded", who->rate, who->burst);
		return -1;
	}
	b->tokens -= 1.0;
	b->used++;
	return 0;
}

/* Refill the peer's bucket up to now. */
static void
peer_refill(struct gateway *gw, struct gw_peer *p,
    const struct timespec *now)
{
	const struct harness_conf *conf = gw->ctx->conf;
	double			 dt;

	dt = (double)(now->tv_sec - p->last.tv_sec) +
	    (double)(now->tv_nsec - p->last.tv_nsec) / 1e9;
	p->tokens += dt * conf->harnessd.rate;
	if (p->tokens > conf->harnessd.burst)
		p->tokens = conf->harnessd.burst;
	p->last = *now;
}

/* The peer's entry, its bucket refilled up to now. */
static struct gw_peer *
peer_get(struct gateway *gw, const char *name)
{
	const struct harness_conf *conf = gw->ctx->conf;
	struct gw_peer		*p, *oldest = NULL;
	struct timespec		 now;
	size_t			 i;

	clock_gettime(CLOCK_MONOTONIC, &now);
	for (i = 0; i < gw->npeers; i++) {
		p = &gw->peers[i];
		if (strcmp(p->name, name) == 0) {
			peer_refill(gw, p, &now);
			return p;
		}
		if (oldest == NULL || p->last.tv_sec < oldest->last.tv_sec)
			oldest = p;
	}
	if (gw->npeers < GW_MAX_PEERS)
		p = &gw->peers[gw->npeers++];
	else
		p = oldest;	/* forget the least recently seen */
	memset(p, 0, sizeof(*p));
	strlcpy(p->name, name, sizeof(p->name));
	p->tokens = conf->harnessd.burst;
	p->last = now;
	return p;
}

int
peer_limited(struct gateway *gw, const char *name, long *retry, int *first)
{
	const struct harness_conf *conf = gw->ctx->conf;
	struct gw_peer		*p = peer_get(gw, name);

	*first = 0;
	if (p->tokens >= 1.0)
		return 0;
	*retry = conf->harnessd.rate > 0 ?
	    (long)ceil((1.0 - p->tokens) / conf->harnessd.rate) : 60;
	if (*retry < 1)
		*retry = 1;
	if (!p->quiet) {
		p->quiet = 1;
		*first = 1;
	} else
		p->refused++;
	return 1;
}

int
peer_failed(struct gateway *gw, const char *name)
{
	struct gw_peer	*p = peer_get(gw, name);

	p->tokens -= 1.0;
	if (!p->quiet)
		return 1;
	p->refused++;
	return 0;
}

int
peer_conn_refused(struct gateway *gw, const char *name)
{
	struct gw_peer	*p = peer_get(gw, name);
	time_t		 now = mono_now();

	if (p->conn_told != 0 && now - p->conn_told < PEER_SUMMARY_SECS) {
		p->conns++;
		return 0;
	}
	p->conn_told = now;
	return 1;
}

void
peer_summary(struct gateway *gw, void (*tell)(const char *, uint64_t,
    uint64_t))
{
	const struct harness_conf *conf = gw->ctx->conf;
	struct gw_peer		*p;
	struct timespec		 now;
	size_t			 i;

	clock_gettime(CLOCK_MONOTONIC, &now);
	for (i = 0; i < gw->npeers; i++) {
		p = &gw->peers[i];
		if (p->refused > 0 || p->conns > 0)
			tell(p->name, p->refused, p->conns);
		p->refused = 0;
		p->conns = 0;
		/* Quiet for a whole burst: the next refusal is told. */
		peer_refill(gw, p, &now);
		if (p->quiet && p->tokens >= conf->harnessd.burst)
			p->quiet = 0;
	}
}
