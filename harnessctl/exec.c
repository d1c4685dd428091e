/*
 * harnessctl exec and harnessctl tool: the agent API's tool path from
 * the command line, over agent.sock, exactly as an agent uses it (the
 * gateway authenticates us by our uid, or by $HARNESS_API_KEY).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <json-c/json.h>

#include "auditlog.h"
#include "conf.h"
#include "harness.h"
#include "harnessctl.h"
#include "sandboxc.h"
#include "utf8.h"

struct exec_state {
	int		 status;	/* exit status to return */
	int		 done;
	int		 quiet;
	int		 json;		/* tool call: print the result */
	struct json_object *out;	/* with json: the streamed output */
	struct json_object *err;
};

static void
append(struct json_object **acc, struct json_object *v)
{
	const char	*old = *acc ? json_object_get_string(*acc) : "";
	size_t		 a = *acc ? (size_t)json_object_get_string_len(*acc) : 0;
	size_t		 b = (size_t)json_object_get_string_len(v);
	char		*s;

	if ((s = malloc(a + b + 1)) == NULL)
		err(1, NULL);
	memcpy(s, old, a);
	memcpy(s + a, json_object_get_string(v), b);
	json_object_put(*acc);
	*acc = json_object_new_string_len(s, (int)(a + b));
	free(s);
}

static const char *
agent_socket(struct ctl_env *env)
{
	struct conf_listen	*l;
	const char		*s;

	if ((s = getenv("HARNESS_SOCKET")) != NULL && *s != '\0')
		return s;
	TAILQ_FOREACH(l, &env->conf->harnessd.listens, entry)
		if (l->type == LISTEN_UNIX)
			return l->sock.path;
	errx(1, "harnessd has no Unix socket in %s (listen on \"path\")",
	    env->conffile);
}

static struct harness_http *
agent_connect(struct ctl_env *env)
{
	struct harness_http	*h;
	const char		*path = agent_socket(env), *key;
	char			 err[512];

	if ((h = harness_http_connect(path, err, sizeof(err))) == NULL)
		errx(1, "cannot reach harnessd: %s", err);
	if ((key = getenv("HARNESS_API_KEY")) != NULL && *key != '\0')
		harness_http_auth(h, key);
	return h;
}

static void
write_all(int fd, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static int
on_event(const char *event, const char *data, size_t len, void *arg)
{
	struct exec_state	*st = arg;
	struct json_object	*o, *v, *e;

	o = json_tokener_parse(data);
	if (strcmp(event, "stdout") == 0 || strcmp(event, "stderr") == 0) {
		if (o != NULL && json_object_object_get_ex(o, "data", &v)) {
			if (st->json)
				append(strcmp(event, "stdout") == 0 ? &st->out :
				    &st->err, v);
			else
				write_all(strcmp(event, "stdout") == 0 ? 1 : 2,
				    json_object_get_string(v),
				    (size_t)json_object_get_string_len(v));
		}
	} else if (strcmp(event, "pending") == 0) {
		if (!st->quiet && o != NULL &&
		    json_object_object_get_ex(o, "approval_id", &v))
			fprintf(stderr, "harnessctl: waiting for approval %lld "
			    "(harnessctl approve %lld allow|deny)\n",
			    (long long)json_object_get_int64(v),
			    (long long)json_object_get_int64(v));
	} else if (strcmp(event, "result") == 0) {
		st->done = 1;
		if (o != NULL && json_object_object_get_ex(o, "exit_code", &v))
			st->status = json_object_get_int(v);
		else
			st->status = 1;
		if (st->json && o != NULL) {
			/* The whole result, output included, as one object. */
			json_object_object_del(o, "stdout_bytes");
			json_object_object_del(o, "stderr_bytes");
			json_object_object_add(o, "stdout", st->out ? st->out :
			    json_object_new_string(""));
			json_object_object_add(o, "stderr", st->err ? st->err :
			    json_object_new_string(""));
			st->out = st->err = NULL;
			printf("%s\n", json_object_to_json_string_ext(o,
			    JSON_C_TO_STRING_PLAIN |
			    JSON_C_TO_STRING_NOSLASHESCAPE));
		} else if (st->json)
			printf("%.*s\n", (int)len, data);
		else if (o != NULL && json_object_object_get_ex(o,
		    "truncated", &v) && json_object_get_boolean(v))
			fprintf(stderr, "harnessctl: output was cut at the "
			    "limit\n");
		if (!st->json && o != NULL && json_object_object_get_ex(o,
		    "reason", &v) && strcmp(json_object_get_string(v),
		    "exited") != 0 && strcmp(json_object_get_string(v),
		    "signaled") != 0)
			fprintf(stderr, "harnessctl: %s\n",
			    json_object_get_string(v));
	} else if (strcmp(event, "error") == 0) {
		st->done = 1;
		/* 126 as a shell says "found but not allowed to run". */
		st->status = o != NULL && json_object_object_get_ex(o,
		    "status", &v) && json_object_get_int(v) == 403 ? 126 : 1;
		if (o != NULL && json_object_object_get_ex(o, "error", &e) &&
		    json_object_object_get_ex(e, "message", &v))
			fprintf(stderr, "harnessctl: %s\n",
			    json_object_get_string(v));
		else
			fprintf(stderr, "harnessctl: %.*s\n", (int)len, data);
	}
	json_object_put(o);
	return 0;
}

/* POST target with body; a stream of events, or one JSON reply. */
static int
run_call(struct ctl_env *env, const char *target, const char *body,
    struct exec_state *st)
{
	struct harness_http		*h;
	struct harness_http_resp	 resp;
	struct json_object		*o, *v;
	char				 err[1024];

	h = agent_connect(env);
	if (harness_http_request(h, "POST", target, body, strlen(body), &resp,
	    on_event, st, err, sizeof(err)) == -1)
		errx(1, "harnessd: %s", err);
	harness_http_close(h);
	if (st->done) {
		harness_http_resp_free(&resp);
		return st->status;
	}
	if (resp.status != 200) {
		harness_http_errmsg(&resp, err, sizeof(err));
		warnx("%s", err);
		harness_http_resp_free(&resp);
		return resp.status == 403 ? 126 : 1;
	}
	/* A plain JSON reply (the gateway did not stream). */
	o = json_tokener_parse(resp.body);
	if (st->json)
		printf("%s", resp.body);
	else if (o != NULL) {
		if (json_object_object_get_ex(o, "stdout", &v))
			write_all(1, json_object_get_string(v),
			    (size_t)json_object_get_string_len(v));
		if (json_object_object_get_ex(o, "stderr", &v))
			write_all(2, json_object_get_string(v),
			    (size_t)json_object_get_string_len(v));
	}
	st->status = o != NULL && json_object_object_get_ex(o, "exit_code",
	    &v) ? json_object_get_int(v) : 1;
	json_object_put(o);
	harness_http_resp_free(&resp);
	return st->status;
}

static char *
read_stdin(size_t *lenp)
{
	char	*buf = NULL, *nb;
	size_t	 len = 0, cap = 0;
	ssize_t	 n;

	for (;;) {
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > 64 * 1024 * 1024)
				errx(1, "stdin: more than 64M");
			if ((nb = realloc(buf, cap)) == NULL)
				err(1, NULL);
			buf = nb;
		}
		n = read(0, buf + len, cap - len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			err(1, "stdin");
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/*
 * The request is JSON, whose strings are UTF-8 text: say which word
 * is not, rather than let the gateway refuse a body we wrote.
 */
static const char *
text_arg(const char *what, const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		errx(EX_USAGE, "%s is not UTF-8 text, which is all a request "
		    "carries", what);
	return s;
}

/* -s: a session as the gateway takes one, or a usage error. */
static const char *
session_arg(const char *s)
{
	if (!sandbox_session_name_valid(text_arg("-s", s)))
		errx(EX_USAGE, "-s: a session is 1 to %d of [A-Za-z0-9_.:-], "
		    "not starting with '.'", SANDBOX_SESSION_NAME_MAX);
	return s;
}

static __attribute__((noreturn)) void
exec_usage(void)
{
	fprintf(stderr, "usage: harnessctl exec [-iq] [-t time] [-m memory] "
	    "[-s session] [-C dir]\n\t[-e NAME=value] [-n network] -- "
	    "argv ...\n");
	exit(EX_USAGE);
}

int
cmd_exec(struct ctl_env *env, int argc, char **argv)
{
	struct json_object	*o, *a, *e = NULL;
	struct exec_state	 st;
	char			*in, *eq;
	size_t			 inlen;
	uint64_t		 v;
	int			 ch, use_stdin = 0, i, rc;

	memset(&st, 0, sizeof(st));
	o = json_object_new_object();
	optind = 1;
	/* getopt(3) names argv[0] in its messages */
	argv[0] = "harnessctl exec";
	while ((ch = getopt(argc, argv, "C:e:im:n:qs:t:")) != -1) {
		switch (ch) {
		case 'C':
			if (!sandbox_cwd_valid(text_arg("-C", optarg)))
				errx(EX_USAGE, "-C: an absolute path without "
				    "\"..\" (the workspace is /work)");
			json_object_object_add(o, "cwd",
			    json_object_new_string(optarg));
			break;
		case 'e':
			if ((eq = strchr(optarg, '=')) == NULL ||
			    eq == optarg)
				errx(EX_USAGE, "-e takes NAME=value");
			text_arg("an -e argument", optarg);
			if (!sandbox_env_valid(optarg) ||
			    strlen(optarg) > SANDBOX_ENVVAR_MAX)
				errx(EX_USAGE, "-e %.*s: NAME of [A-Za-z0-9_], "
				    "not starting with a digit; NAME=value at "
				    "most %d bytes", (int)(eq - optarg) > 64 ?
				    64 : (int)(eq - optarg), optarg,
				    SANDBOX_ENVVAR_MAX);
			if (e == NULL) {
				e = json_object_new_object();
				json_object_object_add(o, "env", e);
			}
			*eq = '\0';
			json_object_object_add(e, optarg,
			    json_object_new_string(eq + 1));
			*eq = '=';
			break;
		case 'i':
			use_stdin = 1;
			break;
		case 'm':
			/* checked here too: a usage error, not a refusal */
			if (conf_parse_size(optarg, &v) == -1)
				errx(EX_USAGE, "memory %s: expected a size "
				    "like 512M", optarg);
			json_object_object_add(o, "memory",
			    json_object_new_string(optarg));
			break;
		case 'n':
			if (strcmp(optarg, "none") != 0 &&
			    strcmp(optarg, "any") != 0)
				errx(EX_USAGE, "-n: a network is none or "
				    "any");
			json_object_object_add(o, "network",
			    json_object_new_string(optarg));
			break;
		case 'q':
			st.quiet = 1;
			break;
		case 's':
			json_object_object_add(o, "session",
			    json_object_new_string(session_arg(optarg)));
			break;
		case 't':
			if (conf_parse_duration(optarg, &v) == -1)
				errx(EX_USAGE, "time %s: expected a duration "
				    "like 30s", optarg);
			json_object_object_add(o, "timeout",
			    json_object_new_string(optarg));
			break;
		default:
			exec_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		exec_usage();
	a = json_object_new_array();
	for (i = 0; i < argc; i++) {
		char	what[32];

		snprintf(what, sizeof(what), "argument %d", i + 1);
		json_object_array_add(a, json_object_new_string(
		    text_arg(what, argv[i])));
	}
	json_object_object_add(o, "argv", a);
	if (use_stdin) {
		in = read_stdin(&inlen);
		if (!utf8_valid(in, inlen))
			errx(EX_USAGE, "standard input is not UTF-8 text, "
			    "which is all -i can carry");
		json_object_object_add(o, "stdin",
		    json_object_new_string_len(in, (int)inlen));
		free(in);
	}
	rc = run_call(env, "/v1/exec?stream=1", json_object_to_json_string_ext(
	    o, JSON_C_TO_STRING_PLAIN), &st);
	json_object_put(o);
	fflush(stdout);
	return rc;
}

static __attribute__((noreturn)) void
tool_usage(void)
{
	fprintf(stderr, "usage: harnessctl tool list\n"
	    "       harnessctl tool show name\n"
	    "       harnessctl tool call [-o] [-s session] name [json]\n"
	    "       harnessctl tool add file.json\n"
	    "       harnessctl tool rm name\n");
	exit(EX_USAGE);
}

/* GET/DELETE/POST without a stream: print the JSON body. */
static int
simple(struct ctl_env *env, const char *method, const char *target,
    const char *body)
{
	struct harness_http		*h;
	struct harness_http_resp	 resp;
	char				 err[1024];
	int				 rc = 0;

	h = agent_connect(env);
	if (harness_http_request(h, method, target, body, body ? strlen(body) :
	    0, &resp, NULL, NULL, err, sizeof(err)) == -1)
		errx(1, "harnessd: %s", err);
	harness_http_close(h);
	if (resp.status >= 300) {
		harness_http_errmsg(&resp, err, sizeof(err));
		warnx("%s", err);
		rc = 1;
	} else
		printf("%s", resp.body);
	harness_http_resp_free(&resp);
	return rc;
}

int
cmd_tool(struct ctl_env *env, int argc, char **argv)
{
	struct json_object	*o, *args;
	struct exec_state	 st;
	char			 target[512], *text, jerr[256];
	const char		*sess = NULL;
	size_t			 len;
	int			 ch, out_only = 0, rc;
	FILE			*f;

	if (argc < 2)
		tool_usage();
	if (strcmp(argv[1], "list") == 0) {
		if (argc != 2)
			tool_usage();
		return simple(env, "GET", "/v1/tools", NULL);
	}
	if (strcmp(argv[1], "show") == 0 || strcmp(argv[1], "rm") == 0) {
		if (argc != 3 || !sandbox_tool_valid(argv[2]))
			tool_usage();
		snprintf(target, sizeof(target), "/v1/tools/%s", argv[2]);
		return simple(env, argv[1][0] == 's' ? "GET" : "DELETE",
		    target, NULL);
	}
	if (strcmp(argv[1], "add") == 0) {
		if (argc != 3)
			tool_usage();
		if (strcmp(argv[2], "-") == 0)
			f = stdin;
		else if ((f = fopen(argv[2], "r")) == NULL)
			err(1, "%s", argv[2]);
		text = NULL;
		len = 0;
		if (getdelim(&text, &len, '\0', f) == -1) {
			if (ferror(f))
				err(1, "%s", argv[2]);
			errx(1, "%s: empty: a tool definition is a JSON "
			    "object", argv[2]);
		}
		if (f != stdin)
			fclose(f);
		rc = simple(env, "POST", "/v1/tools", text);
		free(text);
		return rc;
	}
	if (strcmp(argv[1], "call") != 0)
		tool_usage();
	argc--;
	argv++;
	optind = 1;
	/* getopt(3) names argv[0] in its messages */
	argv[0] = "harnessctl tool call";
	while ((ch = getopt(argc, argv, "os:")) != -1) {
		switch (ch) {
		case 'o':
			out_only = 1;
			break;
		case 's':
			sess = session_arg(optarg);
			break;
		default:
			tool_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2 || !sandbox_tool_valid(argv[0]))
		tool_usage();
	/* Strict, whole: "{...} junk" is no object to send on. */
	if (argc == 2 && auditlog_json_check(argv[1], strlen(argv[1]), 0,
	    NULL, jerr, sizeof(jerr)) == -1)
		errx(EX_USAGE, "the arguments are not valid JSON: %s", jerr);
	args = argc == 2 ? json_tokener_parse(argv[1]) :
	    json_object_new_object();
	if (args == NULL || !json_object_is_type(args, json_type_object))
		errx(EX_USAGE, "the arguments must be a JSON object");
	o = json_object_new_object();
	json_object_object_add(o, "arguments", args);
	if (sess != NULL)
		json_object_object_add(o, "session",
		    json_object_new_string(sess));
	memset(&st, 0, sizeof(st));
	st.json = !out_only;
	snprintf(target, sizeof(target), "/v1/tools/%s/call?stream=1",
	    argv[0]);
	rc = run_call(env, target, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN), &st);
	json_object_put(o);
	fflush(stdout);
	return rc;
}
