/*
 * Helpers around the parsed configuration: lookup, free, sizes and
 * durations in the forms harness.conf(5) accepts.
 */
#include <sys/types.h>
#include <sys/queue.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "confine.h"
#include "sandboxc.h"

const char *const daemon_names[D_MAX] = {
	"harnessd", "sandboxd", "vaultd", "auditd", "hitld"
};

const struct conf_daemon *
conf_daemon(const struct harness_conf *c, enum daemon_id id)
{
	switch (id) {
	case D_HARNESSD:
		return &c->harnessd.d;
	case D_SANDBOXD:
		return &c->sandboxd.d;
	case D_VAULTD:
		return &c->vaultd.d;
	case D_AUDITD:
		return &c->auditd.d;
	case D_HITLD:
		return &c->hitld.d;
	default:
		return NULL;
	}
}

struct conf_tool *
conf_tool_find(const struct harness_conf *c, const char *name)
{
	struct conf_tool	*t;

	TAILQ_FOREACH(t, &c->tools, entry)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

const char *
conf_level_name(int level)
{
	static const char *const names[] = {
		"low", "medium", "high", "critical"
	};

	if (level < 0 || level >= CONF_NLEVELS)
		return "none";
	return names[level];
}

const char *
conf_tool_reserved(const char *name)
{
	if (strcmp(name, "exec") == 0)
		return "the tool POST /v1/exec runs as";
	return NULL;
}

/*
 * The next of limits l, from *ip on, above max (0 is no limit, or no
 * ceiling): 1, *ip past it, and "memory 107374182400 is above
 * sandboxd's max limits memory 8589934592" in msg; else 0.
 */
int
conf_limits_over(const struct conf_limits *l, const struct conf_limits *max,
    size_t *ip, char *msg, size_t msglen)
{
	const uint64_t	*v = &l->wall_ms, *m = &max->wall_ms;
	size_t		 i;

	_Static_assert(sizeof(struct conf_limits) ==
	    SANDBOX_NLIMITS * sizeof(uint64_t), "limits are 8 uint64_t");
	for (i = *ip; i < SANDBOX_NLIMITS; i++)
		if (v[i] != 0 && m[i] != 0 && v[i] > m[i]) {
			*ip = i + 1;
			snprintf(msg, msglen, "%s %llu%s is above sandboxd's "
			    "max limits %s %llu%s", sandbox_limit_name(i),
			    (unsigned long long)v[i], i < 2 ? " ms" : "",
			    sandbox_limit_name(i), (unsigned long long)m[i],
			    i < 2 ? " ms" : "");
			return 1;
		}
	return 0;
}

int
conf_limit_check(size_t i, uint64_t v, char *msg, size_t msglen)
{
	const char	*name = sandbox_limit_name(i);

	if (i == offsetof(struct conf_limits, procs) / sizeof(uint64_t) &&
	    (v < 1 || v > CONF_PROCS_MAX)) {
		snprintf(msg, msglen, "%s must be 1 to %d", name,
		    CONF_PROCS_MAX);
		return -1;
	}
	if (i == offsetof(struct conf_limits, nofile) / sizeof(uint64_t) &&
	    (v < CONF_FILES_MIN || v > CONF_FILES_MAX)) {
		snprintf(msg, msglen, "%s must be %d to %d", name,
		    CONF_FILES_MIN, CONF_FILES_MAX);
		return -1;
	}
	/*
	 * A limit of 0 would be no limit at all (sandboxd takes 0 as "not
	 * given", and as no ceiling in max limits) or nothing allowed:
	 * either way not what was written.
	 */
	if (v == 0) {
		snprintf(msg, msglen, "%s: a limit of 0 is not a limit", name);
		return -1;
	}
	return 0;
}

enum conf_net
conf_network(const char *s)
{
	if (s[0] == '\0' || strcmp(s, "none") == 0)
		return CONF_NET_NONE;
	if (strcmp(s, "any") == 0)
		return CONF_NET_ANY;
	return CONF_NET_HOSTS;
}

const char *
conf_decision_name(enum conf_decision d)
{
	switch (d) {
	case DECIDE_ALLOW:
		return "allow";
	case DECIDE_ASK:
		return "ask";
	case DECIDE_DENY:
		return "deny";
	}
	return "deny";
}

static void
strlist_clear(struct conf_strlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
conf_free(struct harness_conf *c)
{
	struct conf_listen	*l;
	struct conf_peer_allow	*a;
	struct conf_apikey	*k;
	struct conf_tool	*t;
	struct conf_grant	*g;
	struct conf_provider	*p;
	struct conf_rule	*r;
	struct conf_match	*m;

	if (c == NULL)
		return;
	while ((l = TAILQ_FIRST(&c->harnessd.listens)) != NULL) {
		TAILQ_REMOVE(&c->harnessd.listens, l, entry);
		free(l);
	}
	while ((a = TAILQ_FIRST(&c->harnessd.allows)) != NULL) {
		TAILQ_REMOVE(&c->harnessd.allows, a, entry);
		free(a);
	}
	while ((k = TAILQ_FIRST(&c->harnessd.keys)) != NULL) {
		TAILQ_REMOVE(&c->harnessd.keys, k, entry);
		strlist_clear(&k->tools);
		free(k);
	}
	strlist_clear(&c->auditd.producers);
	while ((t = TAILQ_FIRST(&c->tools)) != NULL) {
		TAILQ_REMOVE(&c->tools, t, entry);
		while ((g = TAILQ_FIRST(&t->grants)) != NULL) {
			TAILQ_REMOVE(&t->grants, g, entry);
			free(g);
		}
		strlist_clear(&t->command);
		free(t->description);
		free(t->code);
		free(t->schema);
		free(t);
	}
	while ((p = TAILQ_FIRST(&c->providers)) != NULL) {
		TAILQ_REMOVE(&c->providers, p, entry);
		free(p);
	}
	while ((r = TAILQ_FIRST(&c->rules)) != NULL) {
		TAILQ_REMOVE(&c->rules, r, entry);
		while ((m = TAILQ_FIRST(&r->matches)) != NULL) {
			TAILQ_REMOVE(&r->matches, m, entry);
			free(m->path);
			strlist_clear(&m->patterns);
			free(m);
		}
		free(r);
	}
	free(c);
}

static void
users_err(char *err, size_t errlen, const char *line)
{
	if (err[0] != '\0')
		strlcat(err, "\n", errlen);
	strlcat(err, line, errlen);
}

/*
 * The line names where the name was set ("FILE:LINE:"), or the main
 * file for a default; what: the option naming it, as "user" or
 * "listen on PATH owner".
 */
static void
where_name(const char *file, const struct conf_where *at, char *buf,
    size_t len)
{
	if (at != NULL && at->line > 0)
		snprintf(buf, len, "%s:%d", at->file, at->line);
	else
		snprintf(buf, len, "%s", file);
}

static int
user_ok(const char *file, const struct conf_where *at, const char *name,
    const char *what, char *err, size_t errlen)
{
	uid_t	 uid;
	gid_t	 gid;
	char	 line[2 * PATH_MAX + 128], where[PATH_MAX + 16];

	if (name[0] == '\0' || confine_lookup_user(name, &uid, &gid) == 0)
		return 0;
	where_name(file, at, where, sizeof(where));
	snprintf(line, sizeof(line), "%s: %s %s: unknown user (create it, "
	    "see harness.conf(5))", where, what, name);
	users_err(err, errlen, line);
	return -1;
}

static int
group_ok(const char *file, const struct conf_where *at, const char *name,
    const char *what, char *err, size_t errlen)
{
	gid_t	 gid;
	char	 line[2 * PATH_MAX + 128], where[PATH_MAX + 16];

	if (name[0] == '\0' || confine_lookup_group(name, &gid) == 0)
		return 0;
	where_name(file, at, where, sizeof(where));
	snprintf(line, sizeof(line), "%s: %s %s: unknown group", where, what,
	    name);
	users_err(err, errlen, line);
	return -1;
}

static int
sock_ok(const char *file, const struct conf_sock *cs, const char *what,
    char *err, size_t errlen)
{
	char	 w[PATH_MAX + 32];
	int	 rc = 0;

	snprintf(w, sizeof(w), "%s %s owner", what, cs->path);
	rc |= user_ok(file, &cs->at, cs->owner, w, err, errlen);
	snprintf(w, sizeof(w), "%s %s group", what, cs->path);
	rc |= group_ok(file, &cs->at, cs->group, w, err, errlen);
	return rc;
}

/*
 * What each daemon looks up at start: its user, the owners and groups
 * of the sockets it binds, sandboxd's sandbox user and harnessd's
 * allowed users and groups.  Names or numbers, as confine_lookup_*().
 * auditd's "allow user" is not here: auditd ignores an unknown one.
 */
int
conf_check_users(const struct harness_conf *c, enum daemon_id id, char *err,
    size_t errlen)
{
	const struct conf_daemon *d = conf_daemon(c, id);
	const struct conf_listen *l;
	const struct conf_peer_allow *a;
	int			 rc = 0;

	if (errlen == 0 || d == NULL)
		return -1;
	err[0] = '\0';
	rc |= user_ok(c->path, &d->user_at, d->user, "user", err, errlen);
	rc |= sock_ok(c->path, &d->control, "control socket", err, errlen);
	switch (id) {
	case D_HARNESSD:
		TAILQ_FOREACH(l, &c->harnessd.listens, entry)
			if (l->type == LISTEN_UNIX)
				rc |= sock_ok(c->path, &l->sock, "listen on",
				    err, errlen);
		TAILQ_FOREACH(a, &c->harnessd.allows, entry) {
			if (a->is_group)
				rc |= group_ok(c->path, &a->at, a->name,
				    "allow group", err, errlen);
			else
				rc |= user_ok(c->path, &a->at, a->name,
				    "allow user", err, errlen);
		}
		break;
	case D_SANDBOXD:
		rc |= user_ok(c->path, &c->sandboxd.sandbox_user_at,
		    c->sandboxd.sandbox_user, "sandbox user", err, errlen);
		break;
	case D_HITLD:
		rc |= sock_ok(c->path, &c->hitld.approver, "approver socket",
		    err, errlen);
		break;
	default:
		break;
	}
	return rc == 0 ? 0 : -1;
}

static int
sock_same(const struct conf_sock *a, const struct conf_sock *b)
{
	return strcmp(a->path, b->path) == 0 &&
	    strcmp(a->owner, b->owner) == 0 &&
	    strcmp(a->group, b->group) == 0 && a->mode == b->mode;
}

static int
listens_same(const struct conf_listens *a, const struct conf_listens *b)
{
	const struct conf_listen *la, *lb;

	for (la = TAILQ_FIRST(a), lb = TAILQ_FIRST(b);
	    la != NULL && lb != NULL;
	    la = TAILQ_NEXT(la, entry), lb = TAILQ_NEXT(lb, entry)) {
		if (la->type != lb->type)
			return 0;
		if (la->type == LISTEN_UNIX ? !sock_same(&la->sock, &lb->sock) :
		    strcmp(la->host, lb->host) != 0 || la->port != lb->port ||
		    la->public != lb->public)
			return 0;
	}
	return la == NULL && lb == NULL;
}

static int
strlist_same(const struct conf_strlist *a, const struct conf_strlist *b)
{
	size_t	 i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static void
changed(char *buf, size_t len, int same, const char *what)
{
	if (same)
		return;
	if (buf[0] != '\0')
		strlcat(buf, ", ", len);
	strlcat(buf, what, len);
}

int
conf_restart_diff(const struct harness_conf *o, const struct harness_conf *n,
    enum daemon_id id, char *buf, size_t len)
{
	const struct conf_daemon *od = conf_daemon(o, id);
	const struct conf_daemon *nd = conf_daemon(n, id);

	if (len == 0 || od == NULL || nd == NULL)
		return 0;
	buf[0] = '\0';
	changed(buf, len, strcmp(o->rundir, n->rundir) == 0, "rundir");
	changed(buf, len, strcmp(o->statedir, n->statedir) == 0, "statedir");
	changed(buf, len, strcmp(od->user, nd->user) == 0, "user");
	changed(buf, len, strcmp(od->chroot, nd->chroot) == 0, "chroot");
	changed(buf, len, sock_same(&od->control, &nd->control),
	    "control socket");
	switch (id) {
	case D_HARNESSD:
		changed(buf, len, strcmp(o->harnessd.engine_chroot,
		    n->harnessd.engine_chroot) == 0, "engine chroot");
		changed(buf, len, listens_same(&o->harnessd.listens,
		    &n->harnessd.listens), "listen on");
		break;
	case D_SANDBOXD:
		changed(buf, len, strcmp(o->sandboxd.sandbox_user,
		    n->sandboxd.sandbox_user) == 0, "sandbox user");
		changed(buf, len, strcmp(o->sandboxd.workspaces,
		    n->sandboxd.workspaces) == 0, "workspaces");
		changed(buf, len, strcmp(o->sandboxd.cgroup,
		    n->sandboxd.cgroup) == 0, "cgroup");
		changed(buf, len, o->sandboxd.pool == n->sandboxd.pool,
		    "pool");
		break;
	case D_VAULTD:
		changed(buf, len, strcmp(o->vaultd.keyfile,
		    n->vaultd.keyfile) == 0, "keyfile");
		break;
	case D_AUDITD:
		changed(buf, len, strlist_same(&o->auditd.producers,
		    &n->auditd.producers), "allow user");
		break;
	case D_HITLD:
		changed(buf, len, sock_same(&o->hitld.approver,
		    &n->hitld.approver), "approver socket");
		break;
	default:
		break;
	}
	return buf[0] != '\0';
}

/* "512", "512K", "64M", "2G", "1T", optionally "MB"/"MiB"; base 1024. */
int
conf_parse_size(const char *s, uint64_t *out)
{
	char		*ep;
	unsigned long long v;
	uint64_t	 mult = 1;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &ep, 10);
	if (errno != 0)
		return -1;
	switch (toupper((unsigned char)*ep)) {
	case '\0':
		break;
	case 'B':
		ep++;
		break;
	case 'K':
		mult = 1ULL << 10;
		ep++;
		break;
	case 'M':
		mult = 1ULL << 20;
		ep++;
		break;
	case 'G':
		mult = 1ULL << 30;
		ep++;
		break;
	case 'T':
		mult = 1ULL << 40;
		ep++;
		break;
	default:
		return -1;
	}
	if (mult > 1) {
		if (*ep == 'i' || *ep == 'I')
			ep++;
		if (*ep == 'B' || *ep == 'b')
			ep++;
	}
	if (*ep != '\0')
		return -1;
	if (v > UINT64_MAX / mult)
		return -1;
	*out = (uint64_t)v * mult;
	return 0;
}

/* "250ms", "30s", "5m", "2h", "1d", or a bare number of seconds -> ms. */
int
conf_parse_duration(const char *s, uint64_t *out)
{
	char		*ep;
	unsigned long long v;
	uint64_t	 mult;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &ep, 10);
	if (errno != 0)
		return -1;
	if (strcmp(ep, "ms") == 0)
		mult = 1;
	else if (*ep == '\0' || strcmp(ep, "s") == 0)
		mult = 1000;
	else if (strcmp(ep, "m") == 0)
		mult = 60 * 1000;
	else if (strcmp(ep, "h") == 0)
		mult = 3600 * 1000;
	else if (strcmp(ep, "d") == 0)
		mult = 24ULL * 3600 * 1000;
	else
		return -1;
	if (v > UINT64_MAX / mult)
		return -1;
	*out = (uint64_t)v * mult;
	return 0;
}

void
conf_fmt_size(uint64_t v, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	int	 i = -1;

	while (v >= 1024 && v % 1024 == 0 && i < 3) {
		v /= 1024;
		i++;
	}
	if (i < 0)
		snprintf(buf, len, "%llu", (unsigned long long)v);
	else
		snprintf(buf, len, "%llu%c", (unsigned long long)v, units[i]);
}

void
conf_fmt_duration(uint64_t ms, char *buf, size_t len)
{
	if (ms % (3600 * 1000) == 0 && ms != 0)
		snprintf(buf, len, "%lluh", (unsigned long long)(ms / 3600000));
	else if (ms % (60 * 1000) == 0 && ms != 0)
		snprintf(buf, len, "%llum", (unsigned long long)(ms / 60000));
	else if (ms % 1000 == 0)
		snprintf(buf, len, "%llus", (unsigned long long)(ms / 1000));
	else
		snprintf(buf, len, "%llums", (unsigned long long)ms);
}
