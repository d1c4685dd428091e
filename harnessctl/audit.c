/*
 * harnessctl audit: verify, show and follow the audit trail, append an
 * event by hand, read auditd's counters, seal now.
 *
 * verify, show and tail read the database file directly, read-only
 * (the default is the live one in auditd's log directory, readable by
 * root), so they work with auditd stopped and on copies.  tail polls
 * the file for new records every 200 ms.  log, stats and seal talk to
 * auditd over its control socket.
 */
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit_proto.h"
#include "auditc.h"
#include "auditlog.h"
#include "conf.h"
#include "harness.h"
#include "harnessctl.h"
#include "wire.h"

#define AUDIT_USAGE "audit verify [-F db] [-k keyfile] [-K runkey]\n" \
	"    audit show [-j] [-F db] [-n last] [-S since] [-s session] " \
	"[-t type]\n" \
	"    audit tail [-j] [-F db] [-c count] [-n last] [-s session] " \
	"[-t type]\n" \
	"    audit log type [-a actor] [-s session] [json]\n" \
	"    audit stats\n" \
	"    audit seal"

static __attribute__((noreturn)) void
audit_usage(void)
{
	fprintf(stderr, "usage: harnessctl %s\n", AUDIT_USAGE);
	exit(EX_USAGE);
}

static void
default_path(struct ctl_env *env, const char *name, char *buf, size_t len)
{
	ctl_load_conf(env);
	if ((size_t)snprintf(buf, len, "%s/%s", env->conf->auditd.d.chroot,
	    name) >= len)
		errx(1, "path too long: %s/%s", env->conf->auditd.d.chroot,
		    name);
}

static int
audit_verify(struct ctl_env *env, int argc, char **argv)
{
	struct auditlog_verify_result res;
	struct auditlog_runkey rk;
	unsigned char	 key[AUDITLOG_KEYLEN];
	char		 db[PATH_MAX], kf[PATH_MAX], rf[PATH_MAX], e[512];
	const char	*dbp = NULL, *kp = NULL, *rp = NULL;
	int		 ch;

	/* getopt(3) names argv[0] in its messages */
	argv[0] = "harnessctl audit verify";
	while ((ch = getopt(argc, argv, "F:K:k:")) != -1) {
		switch (ch) {
		case 'F':
			dbp = optarg;
			break;
		case 'K':
			rp = optarg;
			break;
		case 'k':
			kp = optarg;
			break;
		default:
			audit_usage();
		}
	}
	if (optind != argc)
		audit_usage();
	/* The live log: its running key is next to it. */
	if (dbp == NULL) {
		default_path(env, AUDITLOG_DB, db, sizeof(db));
		dbp = db;
		if (rp == NULL) {
			default_path(env, AUDITLOG_KEYFILE, rf, sizeof(rf));
			rp = rf;
		}
	}
	if (kp == NULL) {
		default_path(env, AUDITLOG_VERIFYFILE, kf, sizeof(kf));
		kp = kf;
	}
	if (auditlog_key_load(kp, key, e, sizeof(e)) == -1)
		errx(1, "verification key: %s", e);
	if (rp != NULL && auditlog_runkey_load(rp, &rk, e, sizeof(e)) == -1) {
		explicit_bzero(key, sizeof(key));
		errx(1, "running key: %s", e);
	}
	memset(&res, 0, sizeof(res));
	auditlog_verify_with(dbp, key, rp != NULL ? &rk : NULL, &res);
	explicit_bzero(key, sizeof(key));
	explicit_bzero(&rk, sizeof(rk));
	printf("%s\n", res.msg);
	if (env->verbose) {
		printf("last seq %llu, %llu seals, sealed up to %llu, "
		    "%llu unsealed", (unsigned long long)res.last_seq,
		    (unsigned long long)res.seals,
		    (unsigned long long)res.sealed_seq,
		    (unsigned long long)res.unsealed);
		if (rp != NULL)
			printf(", running key epoch %llu",
			    (unsigned long long)res.key_epoch);
		printf("\n");
	}
	/*
	 * Without the running key nothing says how many seals there
	 * were: the records after the last one are vouched for by no key.
	 */
	if (res.verdict == AUDITLOG_OK && rp == NULL && res.unsealed > 0)
		fprintf(stderr, "harnessctl: warning: records %llu-%llu are "
		    "after the last seal; give the running key (-K) to "
		    "check that no seal was removed\n",
		    (unsigned long long)res.sealed_seq + 1,
		    (unsigned long long)res.last_seq);
	return res.verdict == AUDITLOG_OK ? 0 : 1;
}

/* "10m", "2h", "30s", "1d" ago, or an ISO-8601 UTC date and time. */
static int
parse_since(const char *s, int64_t *out)
{
	static const char *fmts[] = {
		"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
		"%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d",
	};
	struct tm	 tm;
	const char	*end;
	char		*ep;
	unsigned long long n;
	long long	 mult;
	size_t		 i;
	time_t		 t;
	long		 frac = 0, scale = 100000000L;

	if (*s >= '0' && *s <= '9' && strchr(s, '-') == NULL) {
		errno = 0;
		n = strtoull(s, &ep, 10);
		if (errno != 0 || ep == s || ep[0] == '\0' || ep[1] != '\0')
			return -1;
		switch (*ep) {
		case 's':
			mult = 1;
			break;
		case 'm':
			mult = 60;
			break;
		case 'h':
			mult = 3600;
			break;
		case 'd':
			mult = 86400;
			break;
		default:
			return -1;
		}
		if (n > (unsigned long long)time(NULL) / mult)
			return -1;
		t = time(NULL) - (time_t)(n * mult);
		*out = (int64_t)t * 1000000000LL;
		return 0;
	}
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		memset(&tm, 0, sizeof(tm));
		if ((end = strptime(s, fmts[i], &tm)) == NULL)
			continue;
		if (*end == '.' && i < 2) {
			for (end++; *end >= '0' && *end <= '9'; end++) {
				frac += (*end - '0') * scale;
				scale /= 10;
			}
		}
		if (*end == 'Z')
			end++;
		if (*end != '\0')
			continue;
		if ((t = timegm(&tm)) == -1)
			return -1;
		/* ns in an int64 end in 2262: later is "nothing yet". */
		if (t >= INT64_MAX / 1000000000LL - 1) {
			*out = INT64_MAX;
			return 0;
		}
		if (t < 0)
			t = 0;
		*out = (int64_t)t * 1000000000LL + frac;
		return 0;
	}
	return -1;
}

struct printer {
	int		 flags;
	const char	*session;
	const char	*type;
	uint64_t	 last;		/* highest seq seen */
	uint64_t	 printed;
	uint64_t	 count;		/* tail -c: stop after */
};

static int
print_cb(const struct auditlog_record *r, void *arg)
{
	struct printer	*p = arg;
	char		*line;

	if (r->seq > p->last)
		p->last = r->seq;
	if (p->session != NULL && strcmp(r->session, p->session) != 0)
		return 0;
	if (p->type != NULL && fnmatch(p->type, r->type, 0) != 0)
		return 0;
	if ((line = auditlog_format(r, p->flags)) == NULL)
		errx(1, "out of memory");
	printf("%s\n", line);
	free(line);
	p->printed++;
	if (p->count > 0 && p->printed >= p->count)
		return 1;
	return 0;
}

static int
seq_cb(const struct auditlog_record *r, void *arg)
{
	*(uint64_t *)arg = r->seq;
	return 0;
}

/*
 * Ask a running auditd to commit what it has received (an event nobody
 * waits for may otherwise wait a few milliseconds for company), so that
 * the log read next holds every record sent before this command ran.
 * Best effort: without auditd there is nothing pending.
 */
static void
audit_sync(struct ctl_env *env)
{
	struct hconn	*h;
	struct imsg	 imsg;
	char		 e[1024];
	int		 rc;

	if ((h = ctl_connect(env, D_AUDITD, e, sizeof(e))) == NULL)
		return;
	if (harness_send(h, IMSG_AUDIT_SYNC, 1, -1, NULL, 0) == 0) {
		if ((rc = harness_recv(h, &imsg, 5000)) == 1) {
			if (harness_error(&imsg, e, sizeof(e)))
				warnx("auditd: %s; the newest records may "
				    "not be shown", e);
			imsg_free(&imsg);
		} else if (rc == -1)
			warnx("auditd did not answer (%s); the newest "
			    "records may not be shown", strerror(errno));
	}
	harness_close(h);
}

static int
audit_show(struct ctl_env *env, int argc, char **argv, int follow)
{
	struct auditlog_filter flt;
	struct auditlog	*log;
	struct printer	 p;
	struct timespec	 ts = { 0, 200 * 1000 * 1000 };
	const char	*dbp = NULL, *errstr;
	char		 db[PATH_MAX], e[512];
	uint64_t	 count;
	int		 ch, rc, nset = 0;

	memset(&flt, 0, sizeof(flt));
	memset(&p, 0, sizeof(p));
	/* getopt(3) names argv[0] in its messages */
	argv[0] = follow ? "harnessctl audit tail" : "harnessctl audit show";
	while ((ch = getopt(argc, argv, follow ? "c:F:jn:s:t:" :
	    "F:jn:S:s:t:")) != -1) {
		switch (ch) {
		case 'c':
			p.count = strtonum(optarg, 1, LLONG_MAX, &errstr);
			if (errstr != NULL)
				errx(EX_USAGE, "count %s: %s", optarg, errstr);
			break;
		case 'F':
			dbp = optarg;
			break;
		case 'j':
			p.flags |= AUDITLOG_FMT_JSON;
			break;
		case 'n':
			flt.last = strtonum(optarg, 0, LLONG_MAX, &errstr);
			if (errstr != NULL)
				errx(EX_USAGE, "last %s: %s", optarg, errstr);
			nset = 1;
			break;
		case 'S':
			if (parse_since(optarg, &flt.since) == -1)
				errx(EX_USAGE, "since %s: expected an ISO date "
				    "and time (UTC) like 2026-11-21T09:00:00Z "
				    "or an age like 30s, 10m, 2h, 1d", optarg);
			break;
		case 's':
			flt.session = optarg;
			break;
		case 't':
			flt.type = optarg;
			break;
		default:
			audit_usage();
		}
	}
	if (optind != argc)
		audit_usage();
	if (dbp == NULL) {
		default_path(env, AUDITLOG_DB, db, sizeof(db));
		dbp = db;
		audit_sync(env);
	}
	if ((log = auditlog_open_reader(dbp, e, sizeof(e))) == NULL)
		errx(1, "%s", e);
	if (follow && !nset)
		flt.last = 10;
	/* -c counts new records only: the backlog is not cut by it. */
	count = p.count;
	p.count = 0;
	if (!follow && nset && flt.last == 0)
		rc = 0;		/* show -n 0: nothing */
	else if (follow && flt.last == 0) {
		/* -n 0: start at the end of the log. */
		struct auditlog_filter all;

		memset(&all, 0, sizeof(all));
		all.last = 1;
		rc = auditlog_query(log, &all, seq_cb, &p.last, e, sizeof(e));
	} else
		rc = auditlog_query(log, &flt, print_cb, &p, e, sizeof(e));
	if (rc == -1) {
		auditlog_close(log);
		errx(1, "%s", e);
	}
	if (follow) {
		/*
		 * From the last record shown on, filters apply here: the
		 * records in between did not match.
		 */
		p.session = flt.session;
		p.type = flt.type;
		p.printed = 0;
		p.count = count;
		fflush(stdout);
		for (;;) {
			rc = auditlog_tail(log, p.last, 0, print_cb, &p, e,
			    sizeof(e));
			if (rc == -1) {
				auditlog_close(log);
				errx(1, "%s", e);
			}
			if (rc != 0 || ferror(stdout))
				break;
			fflush(stdout);
			nanosleep(&ts, NULL);
		}
	}
	auditlog_close(log);
	return 0;
}

static int
audit_log(struct ctl_env *env, int argc, char **argv)
{
	const char	*type, *session = NULL, *actor = NULL, *body = "{}";
	char		 e[1024], me[32];
	uint64_t	 seq;
	int		 ch;

	if (argc < 2)
		audit_usage();
	type = argv[1];
	argc--;
	argv++;
	optind = 1;
	optreset = 1;
	/* getopt(3) names argv[0] in its messages */
	argv[0] = "harnessctl audit log";
	while ((ch = getopt(argc, argv, "a:s:")) != -1) {
		switch (ch) {
		case 'a':
			actor = optarg;
			break;
		case 's':
			session = optarg;
			break;
		default:
			audit_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		audit_usage();
	if (argc == 1)
		body = argv[0];
	if (actor == NULL) {
		snprintf(me, sizeof(me), "uid:%u", (unsigned)getuid());
		actor = me;
	}
	ctl_load_conf(env);
	if (audit_log_sync(conf_daemon(env->conf, D_AUDITD)->control.path,
	    "harnessctl", type, session, actor, body, 30000, &seq, e,
	    sizeof(e)) == -1) {
		fprintf(stderr, "harnessctl: audit log: %s\n", e);
		return 1;
	}
	printf("seq %llu\n", (unsigned long long)seq);
	return 0;
}

/* One request without payload; the reply comes back in *imsg. */
static void
audit_request(struct ctl_env *env, uint32_t type, struct hconn **hp,
    struct imsg *imsg)
{
	struct hconn	*h;
	char		 e[1024];
	int		 rc;

	if ((h = ctl_connect(env, D_AUDITD, e, sizeof(e))) == NULL)
		errx(1, "auditd: %s", e);
	if (harness_send(h, type, 1, -1, NULL, 0) == -1)
		err(1, "auditd: send");
	if ((rc = harness_recv(h, imsg, 30000)) != 1)
		errx(1, "auditd: %s", rc == 0 ? "connection closed" :
		    strerror(errno));
	if (harness_error(imsg, e, sizeof(e)))
		errx(1, "auditd: %s", e);
	*hp = h;
}

static int
audit_stats(struct ctl_env *env, int argc, char **argv)
{
	static const char *names[] = AUDIT_STAT_NAMES;
	struct hconn	*h;
	struct imsg	 imsg;
	struct rbuf	 rb;
	uint64_t	 v[AUDIT_NSTATS + 3];
	size_t		 i;

	if (argc != 1)
		audit_usage();
	audit_request(env, IMSG_AUDIT_STATS, &h, &imsg);
	wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
	for (i = 0; i < AUDIT_NSTATS + 3; i++)
		wire_get_u64(&rb, &v[i]);
	if (imsg.hdr.type != IMSG_AUDIT_STATS || wire_end(&rb) == -1)
		errx(1, "auditd: bad stats reply");
	for (i = 0; i < AUDIT_NSTATS; i++)
		printf("%-14s %llu\n", names[i], (unsigned long long)v[i]);
	printf("%-14s %llu\n", "last_seq", (unsigned long long)v[i]);
	printf("%-14s %llu\n", "key_epoch", (unsigned long long)v[i + 1]);
	printf("%-14s %llu\n", "sealed_seq", (unsigned long long)v[i + 2]);
	imsg_free(&imsg);
	harness_close(h);
	return 0;
}

static int
audit_seal(struct ctl_env *env, int argc, char **argv)
{
	struct hconn	*h;
	struct imsg	 imsg;

	if (argc != 1)
		audit_usage();
	audit_request(env, IMSG_AUDIT_SEAL, &h, &imsg);
	if (imsg.hdr.type != IMSG_CTL_OK)
		errx(1, "auditd: unexpected reply %u", imsg.hdr.type);
	imsg_free(&imsg);
	harness_close(h);
	return 0;
}

int
cmd_audit(struct ctl_env *env, int argc, char **argv)
{
	const char	*sub;

	if (argc < 2)
		audit_usage();
	sub = argv[1];
	argc--;
	argv++;
	optind = 1;
	optreset = 1;
	if (strcmp(sub, "verify") == 0)
		return audit_verify(env, argc, argv);
	if (strcmp(sub, "show") == 0)
		return audit_show(env, argc, argv, 0);
	if (strcmp(sub, "tail") == 0)
		return audit_show(env, argc, argv, 1);
	if (strcmp(sub, "log") == 0)
		return audit_log(env, argc, argv);
	if (strcmp(sub, "stats") == 0)
		return audit_stats(env, argc, argv);
	if (strcmp(sub, "seal") == 0)
		return audit_seal(env, argc, argv);
	audit_usage();
}
