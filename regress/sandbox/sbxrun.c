/*
 * sbxrun: run one program in a sandbox with the spawn module, as the
 * hostile suite and people debugging it need.  Runs as root, drops to
 * SPAWN_CAPS first so that the module works with the privileges it has
 * in sandboxd.
 *
 *   sbxrun [-CIU] [-t wall_ms] [-c cpu_ms] [-m mem] [-p procs]
 *	[-o out_bytes] [-f fsize] [-n nofile] [-T tmp] [-w workspace]
 *	[-u uid:gid] [-r resultfile] [-s VAR=value] [-F file=value] [-P pool]
 *	[-l lang (-e code | -E codefile)] [-- argv...]
 *
 * The program's stdout and stderr are passed through; the result line
 *   reason=exited code=0 signal=0 wall_ms=.. cpu_ms=.. mem_peak=..
 *   truncated=0 syscall= detail=...
 * goes to -r FILE, else to fd 3 if open, else to stderr.
 * -U prints the sandbox user's host uid:gid and exits; -C removes
 * stale sandbox cgroups first; -I passes our stdin to the program.
 */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <sys/capability.h>

#include "../../sandboxd/spawn.h"

#define SBXRUN_FALLBACK_ID	1999999999	/* no _sandbox user */

struct relay {
	struct event	*ev;
	int		 from;
	int		 to;
	int		 open;
};

static struct sbx_result res;
static int		 finished;
static struct relay	 rl[2];
static struct event_base *base;

static void
usage(void)
{
	fprintf(stderr, "usage: sbxrun [-CHIU] [-t wall_ms] [-c cpu_ms] "
	    "[-m mem] [-p procs] [-o out_bytes]\n\t[-f fsize] [-n nofile] "
	    "[-T tmp] [-w workspace] [-u uid:gid] [-r resultfile]\n\t"
	    "[-s VAR=value] [-F file=value] [-l lang (-e code | -E file)] "
	    "[-- argv...]\n");
	exit(2);
}

static uint64_t
size_arg(const char *s)
{
	char		*end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		errx(2, "bad number: %s", s);
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end != '\0')
		errx(2, "bad number: %s", s);
	return v;
}

static void
stop_if_done(void)
{
	if (finished && !rl[0].open && !rl[1].open)
		event_base_loopexit(base, NULL);
}

static void
relay_cb(int fd, short ev, void *arg)
{
	struct relay	*r = arg;
	char		 buf[65536];
	ssize_t		 n, w, off;

	n = read(fd, buf, sizeof(buf));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		event_del(r->ev);
		close(r->from);
		r->open = 0;
		stop_if_done();
		return;
	}
	for (off = 0; off < n; off += w)
		if ((w = write(r->to, buf + off, n - off)) <= 0)
			break;
}

static void
done_cb(struct sbx *s, const struct sbx_result *r, void *arg)
{
	res = *r;
	finished = 1;
	stop_if_done();
}

static void
drop_privileges(void)
{
	cap_value_t	 keep[] = SPAWN_CAPS;
	cap_t		 caps;
	int		 c, i, kept;

	if (setgroups(0, NULL) == -1)
		err(1, "setgroups");
	for (c = 0; c <= CAP_LAST_CAP; c++) {
		kept = 0;
		for (i = 0; i < SPAWN_NCAPS; i++)
			if (keep[i] == c)
				kept = 1;
		if (!kept && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) == -1 &&
		    errno != EINVAL)
			err(1, "PR_CAPBSET_DROP %d", c);
	}
	if ((caps = cap_init()) == NULL ||
	    cap_set_flag(caps, CAP_PERMITTED, SPAWN_NCAPS, keep, CAP_SET) ||
	    cap_set_flag(caps, CAP_EFFECTIVE, SPAWN_NCAPS, keep, CAP_SET) ||
	    cap_set_proc(caps) == -1)
		err(1, "cap_set_proc");
	cap_free(caps);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		err(1, "PR_SET_NO_NEW_PRIVS");
}

static int
secret_memfd(const char *val)
{
	int	 fd;
	size_t	 len = strlen(val);

	if ((fd = memfd_create("secret", MFD_CLOEXEC | MFD_ALLOW_SEALING))
	    == -1)
		err(1, "memfd_create");
	if (write(fd, val, len) != (ssize_t)len)
		err(1, "memfd write");
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
	    F_SEAL_WRITE | F_SEAL_SEAL) == -1)
		err(1, "memfd seal");
	return fd;
}

static char *
read_all(const char *path, size_t *lenp)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 cap = 0, len = 0, n;

	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				err(1, "realloc");
		}
		if ((n = fread(buf + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	fclose(fp);
	*lenp = len;
	return buf;
}

int
main(int argc, char *argv[])
{
	struct sbx_conf		 conf;
	struct sbx_req		 req;
	struct sbx_secret	 sec[16];
	char			 e[256], *code = NULL, *eq, *rfile = NULL;
	const char		*lang = NULL;
	size_t			 code_len = 0, nsec = 0;
	struct passwd		*pw;
	FILE			*out;
	int			 ch, po[2], pe[2], k, cleanup = 0;
	int			 printid = 0, use_stdin = 0, code_alloc = 0;
	int			 pool = 0;
	unsigned long		 u, g;

	memset(&req, 0, sizeof(req));
	memset(sec, 0, sizeof(sec));
	req.stdin_fd = -1;
	sbx_conf_defaults(&conf);
	if ((pw = getpwnam("_sandbox")) != NULL) {
		conf.uid = pw->pw_uid;
		conf.gid = pw->pw_gid;
	} else
		conf.uid = conf.gid = SBXRUN_FALLBACK_ID;

	while ((ch = getopt(argc, argv,
	    "CHIUc:E:e:F:f:l:m:n:o:P:p:r:s:T:t:u:w:")) != -1) {
		switch (ch) {
		case 'C': cleanup = 1; break;
		case 'H': req.net = SBX_NET_HOST; break;
		case 'I': use_stdin = 1; break;
		case 'U': printid = 1; break;
		case 'c': req.lim.cpu_ms = size_arg(optarg); break;
		case 'e': code = optarg; code_len = strlen(optarg); break;
		case 'E':
			code = read_all(optarg, &code_len);
			code_alloc = 1;
			break;
		case 'f': req.lim.fsize_bytes = size_arg(optarg); break;
		case 'l': lang = optarg; break;
		case 'm': req.lim.mem_bytes = size_arg(optarg); break;
		case 'n': req.lim.nofile = size_arg(optarg); break;
		case 'o': req.lim.out_bytes = size_arg(optarg); break;
		case 'p': req.lim.procs = size_arg(optarg); break;
		case 'P': pool = size_arg(optarg); break;
		case 'r': rfile = optarg; break;
		case 's':
		case 'F':
			if (nsec >= 16 || (eq = strchr(optarg, '=')) == NULL)
				usage();
			*eq = '\0';
			sec[nsec].name = optarg;
			if (ch == 's')
				sec[nsec].env = optarg;
			else
				sec[nsec].file = optarg;
			sec[nsec].memfd = secret_memfd(eq + 1);
			explicit_bzero(eq + 1, strlen(eq + 1));
			nsec++;
			break;
		case 'T': req.lim.tmp_bytes = size_arg(optarg); break;
		case 't': req.lim.wall_ms = size_arg(optarg); break;
		case 'u':
			if (sscanf(optarg, "%lu:%lu", &u, &g) != 2 || u == 0 ||
			    g == 0)
				usage();
			conf.uid = u;
			conf.gid = g;
			break;
		case 'w': req.workspace = optarg; break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (printid) {
		printf("%lu:%lu\n", (unsigned long)conf.uid,
		    (unsigned long)conf.gid);
		return 0;
	}
	if (geteuid() != 0)
		errx(77, "must run as root");
	if (lang != NULL) {
		if (code == NULL || argc != 0)
			usage();
		if (sbx_lang(lang, code, code_len, &req, e, sizeof(e)) == -1)
			errx(2, "%s", e);
	} else {
		if (argc == 0)
			usage();
		req.argv = argv;
	}
	req.secrets = sec;
	req.nsecrets = nsec;
	if (use_stdin)
		req.stdin_fd = 0;

	if (sbx_init(&conf, e, sizeof(e)) == -1)
		errx(1, "sbx_init: %s", e);
	if (cleanup)
		(void)sbx_cleanup_stale(&conf);
	drop_privileges();

	signal(SIGPIPE, SIG_IGN);
	if ((base = event_base_new()) == NULL)
		errx(1, "event_base_new");
	/* -P n: spawn from a pool of n pre-made sandboxes */
	if (pool > 0 && sbx_pool(&conf, base, pool, e, sizeof(e)) == -1)
		errx(1, "sbx_pool: %s", e);
	if (pipe2(po, O_CLOEXEC) == -1 || pipe2(pe, O_CLOEXEC) == -1)
		err(1, "pipe");
	rl[0].from = po[0];
	rl[0].to = 1;
	rl[1].from = pe[0];
	rl[1].to = 2;
	for (k = 0; k < 2; k++) {
		rl[k].open = 1;
		if ((rl[k].ev = event_new(base, rl[k].from,
		    EV_READ | EV_PERSIST, relay_cb, &rl[k])) == NULL)
			errx(1, "event_new");
		event_add(rl[k].ev, NULL);
	}
	if (sbx_spawn(base, &conf, &req, po[1], pe[1], done_cb, NULL, e,
	    sizeof(e)) == NULL) {
		memset(&res, 0, sizeof(res));
		res.reason = SBX_SETUP_FAILED;
		strlcpy(res.detail, e, sizeof(res.detail));
		finished = 1;
		for (k = 0; k < 2; k++) {
			event_del(rl[k].ev);
			close(rl[k].from);
			rl[k].open = 0;
		}
	} else
		event_base_dispatch(base);

	if (rfile != NULL) {
		if ((out = fopen(rfile, "w")) == NULL)
			err(1, "%s", rfile);
	} else if (fcntl(3, F_GETFD) != -1) {
		if ((out = fdopen(3, "w")) == NULL)
			err(1, "fd 3");
	} else
		out = stderr;
	fprintf(out, "reason=%s code=%d signal=%d wall_ms=%llu cpu_ms=%llu "
	    "mem_peak=%llu truncated=%d syscall=%s detail=%s\n",
	    sbx_reason_name(res.reason), res.exit_code, res.signo,
	    (unsigned long long)res.wall_ms, (unsigned long long)res.cpu_ms,
	    (unsigned long long)res.mem_peak, res.out_truncated, res.syscall,
	    res.detail);
	if (out != stderr)
		fclose(out);

	for (k = 0; k < 2; k++)
		event_free(rl[k].ev);
	sbx_conf_free(&conf);
	event_base_free(base);
	for (k = 0; k < (int)nsec; k++)
		close(sec[k].memfd);
	if (code_alloc)
		free(code);
	return res.reason == SBX_SETUP_FAILED ? 1 : 0;
}
