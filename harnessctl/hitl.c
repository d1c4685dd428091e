/*
 * harnessctl hitl: ask hitld for a classification, as the engine will
 * (for tests and administrators); and the safe printing that every
 * hitl command uses: what an agent wrote reaches the terminal escaped.
 */
#include <sys/types.h>

#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "auditlog.h"
#include "conf.h"
#include "harness.h"
#include "harnessctl.h"
#include "hitl_proto.h"
#include "hitlc.h"
#include "risk.h"
#include "riskconf.h"
#include "sandboxc.h"
#include "utf8.h"
#include "wire.h"

/*
 * Write s with control characters and invalid UTF-8 escaped (\n, \t,
 * \x1b, ...), so that an agent cannot move the cursor, retitle the
 * terminal or hide text.  With keepnl, newlines and tabs pass.  At
 * most max columns' worth (0: no limit); returns the bytes written.
 */
size_t
ctl_putsafe(FILE *f, const char *s, int keepnl, size_t max)
{
	if (s == NULL)
		return 0;
	return ctl_putsafe_n(f, s, strlen(s), keepnl, max);
}

/* The same for len bytes of s, which need not end in a NUL. */
size_t
ctl_putsafe_n(FILE *f, const char *s, size_t len, int keepnl, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 n = 0, sl;
	uint32_t	 cp;
	char		 esc[16];

	while (len > 0 && (max == 0 || n < max)) {
		if (*p >= 0x20 && *p < 0x7f) {
			fputc(*p, f);
			p++, len--, n++;
			continue;
		}
		if (keepnl && (*p == '\n' || *p == '\t')) {
			fputc(*p, f);
			p++, len--, n++;
			continue;
		}
		sl = *p >= 0x80 ? utf8_seqlen(p, len) : 0;
		/*
		 * C1 controls act like escapes; bidirectional and
		 * zero-width characters reorder or hide what an approver
		 * reads (utf8_hides): those show as \uNNNN.
		 */
		if (sl > 1 && !utf8_hides(p, sl, &cp)) {
			fwrite(p, 1, sl, f);
			p += sl, len -= sl, n++;
			continue;
		}
		if (sl > 1) {
			snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)cp);
			fputs(esc, f);
			n += strlen(esc);
			p += sl, len -= sl;
			continue;
		}
		switch (*p) {
		case '\n':
			strlcpy(esc, "\\n", sizeof(esc));
			break;
		case '\t':
			strlcpy(esc, "\\t", sizeof(esc));
			break;
		case '\r':
			strlcpy(esc, "\\r", sizeof(esc));
			break;
		default:
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
			break;
		}
		fputs(esc, f);
		n += strlen(esc);
		p++, len--;
	}
	if (len > 0)
		fputs("...", f);
	return n;
}

/* A word of an argv, quoted for a shell when it needs it. */
void
ctl_putword(FILE *f, const char *w)
{
	const char	*p;
	int		 plain = *w != '\0';

	for (p = w; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_./=:,+@%", *p) == NULL)
			plain = 0;
	if (plain) {
		ctl_putsafe(f, w, 0, 0);
		return;
	}
	/* Runs between single quotes, whole: UTF-8 stays whole. */
	fputc('\'', f);
	while (*w != '\0') {
		size_t	 run = strcspn(w, "'");

		ctl_putsafe_n(f, w, run, 0, 0);
		w += run;
		if (*w == '\'') {
			fputs("'\\''", f);
			w++;
		}
	}
	fputc('\'', f);
}

static void
classify_pending(uint32_t id, uint64_t left, void *arg)
{
	printf("request: %u (waiting up to %llus for an approver)\n", id,
	    (unsigned long long)((left + 999) / 1000));
	fflush(stdout);
}

static void
print_verdict(const struct hitl_verdict *v, int first)
{
	if (first) {
		printf("level: %s\n", risk_level_name(v->level));
		printf("policy: %s\n", v->asked ? "ask" :
		    risk_decision_name(v->decision));
		printf("rule: ");
		if (v->rule[0] != '\0') {
			ctl_putsafe(stdout, v->rule, 0, 0);
			printf(" (");
			ctl_putsafe(stdout, v->file, 0, 0);
			printf(":%u)\n", v->line);
		} else
			printf("none\n");
		printf("why: ");
		ctl_putsafe(stdout, v->why, 0, 0);
		printf("\n");
		return;
	}
	printf("decision: %s\n", risk_decision_name(v->decision));
	printf("reason: ");
	ctl_putsafe(stdout, v->reason, 0, 0);
	printf("\n");
	if (v->by[0] != '\0') {
		printf("by: ");
		ctl_putsafe(stdout, v->by, 0, 0);
		printf(" (uid %u)\n", v->uid);
	}
}

/*
 * hitl classify -d: what hitld would say, from the rules of the config
 * file itself (-f), here and now: nothing is queued, nobody is asked,
 * nothing is recorded, and hitld need not run.  A rule change can be
 * tried this way before hitld is sent SIGHUP.  Exit 0 allow, 1 deny,
 * 2 ask.
 */
static int
classify_dry(struct ctl_env *env, const struct hitl_req *req)
{
	struct risk_ruleset	*rs;
	struct risk_result	 res;
	struct hitl_verdict	 v;
	struct json_object	*args = NULL;
	struct wbuf		 wb;
	char			 err[512];
	size_t			 n;
	int			 rc;

	ctl_load_conf(env);
	if ((rs = risk_conf_compile(env->conf, &n, err, sizeof(err))) == NULL)
		errx(1, "%s: rules: %s", env->conffile, err);
	/* What hitld could not be sent, it would not classify. */
	wire_init_max(&wb, HITL_MSG_MAX);
	hitl_req_encode(&wb, req);
	rc = wire_ok(&wb);
	wire_free(&wb);
	if (rc == -1) {
		hitl_verdict_deny(&v, "request too large to classify "
		    "(at most %d bytes)", HITL_MSG_MAX);
		print_verdict(&v, 1);
		print_verdict(&v, 0);
		risk_free(rs);
		return 1;
	}
	if (req->args != NULL &&
	    (args = risk_conf_args(req->args, err, sizeof(err))) == NULL) {
		/* As hitld answers it. */
		hitl_verdict_deny(&v, "%s", err);
		print_verdict(&v, 1);
		print_verdict(&v, 0);
		risk_free(rs);
		return 1;
	}
	if (hitl_classify_req(rs, req, args, &res, &v) == -1)
		warnx("classifier failed: %s", res.why);
	v.asked = res.decision == RISK_ASK;
	print_verdict(&v, 1);
	if (res.ncommands > 0)
		printf("commands: %d (%d matched no rule)\n", res.ncommands,
		    res.uncovered);
	printf("decision: %s\n", risk_decision_name(res.decision));
	printf("reason: dry run with the %zu rule%s of ", n,
	    n == 1 ? "" : "s");
	ctl_putsafe(stdout, env->conffile, 0, 0);
	printf("; nothing queued or recorded\n");
	json_object_put(args);
	risk_free(rs);
	return res.decision == RISK_ALLOW ? 0 :
	    res.decision == RISK_ASK ? 2 : 1;
}

/* -a @FILE: the JSON arguments of a call read from FILE. */
static char *
read_args(const char *path)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, n;

	if ((f = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	/* One byte past what hitld takes, to say that it is too much. */
	if ((buf = malloc(HITL_MSG_MAX + 2)) == NULL)
		err(1, NULL);
	while (len <= HITL_MSG_MAX && (n = fread(buf + len, 1,
	    HITL_MSG_MAX + 1 - len, f)) > 0)
		len += n;
	if (ferror(f))
		err(1, "%s", path);
	fclose(f);
	if (memchr(buf, '\0', len) != NULL)
		errx(64, "%s: a NUL byte is no JSON", path);
	buf[len] = '\0';
	return buf;
}

/*
 * hitl classify [TOOL] [-di] [-a json|@file] [-C dir] [-c line] [-e NAME=value]
 * [-n network] [-s session] [-w workspace] [TOOL] [argv ...]; -i: the
 * call reads our standard input.  The verdict is
 * printed at the end; the request id as soon as hitld queues the
 * call, so that a script can answer it with "approve ID allow".
 * Exit 0 only for allow.
 */
static int
hitl_classify(struct ctl_env *env, int argc, char **argv)
{
	struct hitl_req		 req;
	struct hitl_verdict	 v;
	struct hconn		*h;
	char			 errbuf[512], *envv[HITL_ENV_MAX];
	char			*in = NULL, *afile = NULL;
	size_t			 inlen = 0, n;
	int			 ch, rc, dry = 0;

	memset(&req, 0, sizeof(req));
	/* The tool may come first, as in the usage line. */
	if (argc > 1 && argv[1][0] != '-') {
		req.tool = argv[1];
		argc--;
		argv++;
	}
	/* getopt(3) names argv[0] in its messages */
	argv[0] = "harnessctl hitl classify";
	while ((ch = getopt(argc, argv, "a:C:c:de:in:s:w:")) != -1) {
		switch (ch) {
		case 'a':
			/* -a @FILE: the arguments are in FILE. */
			free(afile);
			afile = NULL;
			req.args = optarg[0] == '@' ?
			    (afile = read_args(optarg + 1)) : optarg;
			break;
		case 'e':
			if (req.envc == HITL_ENV_MAX)
				errx(64, "at most %d -e", HITL_ENV_MAX);
			if (strchr(optarg, '=') == NULL || optarg[0] == '=')
				errx(64, "-e %s: not NAME=value", optarg);
			envv[req.envc++] = optarg;
			req.envv = envv;
			break;
		case 'i':
			/* As exec -i: what it reads, up to one byte more
			   than is sent. */
			if (in != NULL)
				usage();
			if ((in = malloc(HITL_INPUT_MAX + 2)) == NULL)
				err(1, NULL);
			while (inlen <= HITL_INPUT_MAX && (n = fread(in +
			    inlen, 1, HITL_INPUT_MAX + 1 - inlen, stdin)) > 0)
				inlen += n;
			if (ferror(stdin))
				err(1, "stdin");
			in[inlen] = '\0';
			if (inlen > HITL_INPUT_MAX || memchr(in, '\0', inlen))
				req.flags |= HITL_REQ_INPUT_CUT;
			else if (inlen > 0)
				req.input = in;
			break;
		case 'C':
			req.cwd = optarg;
			break;
		case 'd':
			dry = 1;
			break;
		case 'c':
			req.command = optarg;
			break;
		case 'n':
			req.network = optarg;
			break;
		case 's':
			req.session = optarg;
			break;
		case 'w':
			req.workspace = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (req.tool == NULL) {
		if (argc < 1)
			usage();
		req.tool = argv[0];
		argc--;
		argv++;
	}
	req.argv = argv;
	req.argc = (size_t)argc;
	if (strlen(req.tool) >= HITL_TOOL_MAX ||
	    (req.session != NULL && strlen(req.session) > HITL_SESSION_MAX))
		errx(64, "tool name or session too long");
	if (dry) {
		rc = classify_dry(env, &req);
		free(in);
		free(afile);
		return rc;
	}

	h = ctl_connect(env, D_HITLD, errbuf, sizeof(errbuf));
	if (h == NULL)
		hitl_verdict_deny(&v, "hitld unreachable: %s", errbuf);
	else
		(void)hitlc_classify(h, &req, &v, classify_pending, NULL);
	harness_close(h);
	print_verdict(&v, 1);
	print_verdict(&v, 0);
	rc = v.decision == RISK_ALLOW ? 0 : 1;
	free(in);
	free(afile);
	return rc;
}

static int
hitl_end_session(struct ctl_env *env, int argc, char **argv)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct wbuf	 wb;
	struct rbuf	 rb;
	uint32_t	 n = 0;
	int		 counted;
	char		 errbuf[512];

	if (argc != 2)
		usage();
	/* Any session a call may name (hitl classify -s), as hitld
	   takes it: 1 to HITL_SESSION_MAX bytes of text. */
	if (argv[1][0] == '\0' || strlen(argv[1]) > HITL_SESSION_MAX ||
	    auditlog_check_text(argv[1]) == -1) {
		warnx("hitl end-session: a session is 1 to %d bytes of "
		    "UTF-8 text, no control characters", HITL_SESSION_MAX);
		return 64;
	}
	if ((h = ctl_connect(env, D_HITLD, errbuf, sizeof(errbuf))) == NULL)
		errx(1, "%s", errbuf);
	wire_init(&wb);
	wire_put_str(&wb, argv[1]);
	if (wire_ok(&wb) == -1 || harness_send(h, IMSG_HITL_ENDSESSION, 1, -1,
	    wb.buf, wb.len) == -1 || harness_recv(h, &imsg, 10000) != 1)
		errx(1, "hitld: no answer");
	if (harness_error(&imsg, errbuf, sizeof(errbuf)))
		errx(1, "hitld: %s", errbuf);
	wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
	counted = wire_get_u32(&rb, &n) == 0 && wire_end(&rb) == 0;
	imsg_free(&imsg);
	harness_close(h);
	if (!counted)
		printf("session %s ended\n", argv[1]);
	else if (n == 0)
		printf("session %s: no allow-for-session grants\n", argv[1]);
	else
		printf("session %s: %u allow-for-session grant%s dropped\n",
		    argv[1], n, n == 1 ? "" : "s");
	return 0;
}

int
cmd_hitl(struct ctl_env *env, int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "classify") == 0)
		return hitl_classify(env, argc - 1, argv + 1);
	if (strcmp(argv[1], "end-session") == 0)
		return hitl_end_session(env, argc - 1, argv + 1);
	usage();
}
