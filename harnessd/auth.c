/*
 * Who is asking, and may they ask this often.
 *
 * On the Unix socket the kernel tells us the peer's uid and gid
 * (SO_PEERCRED); the config's "allow user"/"allow group" lines decide,
 * and an empty list means any local peer the socket's mode lets in.
 * API keys ("Authorization: Bearer TOKEN") work on every listener and
 * are the only way in over TCP; only SHA-256 hashes of keys are kept.
 *
 * Rate limits are token buckets per identity (requests/s and burst,
 * from the key or the harnessd defaults) plus a daily quota.
 */
#include <sys/types.h>

#include <ctype.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "confine.h"
#include "gateway.h"
#include "log.h"

#define GW_MAX_BUCKETS	4096

struct gw_bucket {
	char		 name[80];
	double		 tokens;
	struct timespec	 last;
	int64_t		 day;
	uint64_t	 used;
};

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
	gw->buckets = calloc(GW_MAX_BUCKETS, sizeof(struct gw_bucket));
	return gw->buckets == NULL ? -1 : 0;
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

int
auth_identify(struct gateway *gw, int is_unix, uid_t uid, gid_t gid,
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
		if (len == 0 || len > 512 ||
		    (k = find_key(conf, tok, len)) == NULL) {
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
	for (i = 0; i < gw->nallow_gids; i++)
		if (gw->allow_gids[i] == gid)
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
