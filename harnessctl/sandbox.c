/*
 * harnessctl sandbox run | list: run a program or code in a sandbox of
 * sandboxd.  The sandbox's stdout and stderr arrive as pipe read ends
 * and are copied to ours; our stdin is handed over as it is when it is
 * a pipe or a regular file, else pumped through a pipe.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "harness.h"
#include "harnessctl.h"
#include "sandbox_proto.h"
#include "sandboxc.h"
#include "wire.h"

#define RUN_PEERID	1

static __attribute__((noreturn)) void
sandbox_usage(void)
{
	fprintf(stderr, "usage: harnessctl sandbox run [-Hnv] [-t time] "
	    "[-c cpu] [-m mem] [-p procs]\n"
	    "\t[-o outbytes] [-f filesize] [-N files] [-w workspace] "
	    "[-C dir] [-E NAME=value]\n"
	    "\t[-T tool] [-S session] [-l lang -e code | -l lang -F file] [-- argv ...]\n"
	    "       harnessctl sandbox list\n");
	exit(EX_USAGE);
}

static uint64_t
num_arg(const char *s, int dur)
{
	uint64_t	 v;

	if ((dur ? conf_parse_duration(s, &v) : conf_parse_size(s, &v)) ==
	    -1)
		errx(EX_USAGE, "bad %s: %s", dur ? "duration" : "size", s);
	if (v == 0)
		errx(EX_USAGE, "a limit of 0 is not a limit: %s", s);
	return v;
}

/*
 * The code of -F.  Failing here, the request cannot be made: 125, as
 * for one sandboxd refuses, never a status the program could have had.
 */
static char *
read_file(const char *path, size_t *lenp)
{
	FILE	*fp;
	char	*buf = NULL, *nb;
	size_t	 cap = 0, len = 0, n;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "re")) == NULL)
		err(125, "%s", path);
	for (;;) {
		if (len == cap) {
			if (cap >= SANDBOX_CODE_MAX)
				errx(125, "%s: more than %d bytes", path,
				    SANDBOX_CODE_MAX);
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap)) == NULL)
				err(125, "realloc");
			buf = nb;
		}
		if ((n = fread(buf + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp))
		err(125, "%s", path);
	if (fp != stdin)
		fclose(fp);
	*lenp = len;
	return buf;
}

static int
compose(void *arg, uint32_t type, uint32_t peerid, int fd, const void *data,
    size_t len)
{
	return harness_send(arg, type, peerid, fd, data, len);
}

struct pump {
	int	 from;
	int	 to;
	int	 open;
};

/* Copy what is there; 0 at EOF or when the far side is gone. */
static int
pump_once(struct pump *p)
{
	char	 buf[65536];
	ssize_t	 n, w, off;

	n = read(p->from, buf, sizeof(buf));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return 1;
	if (n <= 0)
		return 0;
	for (off = 0; off < n; off += w) {
		w = write(p->to, buf + off, (size_t)(n - off));
		if (w == -1 && errno == EINTR) {
			w = 0;
			continue;
		}
		if (w <= 0)
			return 0;
	}
	return 1;
}

static int
sandbox_list(struct ctl_env *env)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct rbuf	 rb;
	char		 e[1024], sid[32], state[16], what[80], ws[64];
	uint32_t	 pid, uid;
	int64_t		 t;
	size_t		 n2;
	int		 rc, n = 0;

	if ((h = ctl_connect(env, D_SANDBOXD, e, sizeof(e))) == NULL)
		errx(1, "sandboxd: %s", e);
	if (harness_send(h, IMSG_SANDBOX_LIST, 0, -1, NULL, 0) == -1)
		err(1, "send");
	for (;;) {
		if ((rc = harness_recv(h, &imsg, 10000)) != 1)
			errx(1, "sandboxd: %s", rc == 0 ? "connection closed" :
			    strerror(errno));
		if (harness_error(&imsg, e, sizeof(e)))
			errx(1, "sandboxd: %s", e);
		if (imsg.hdr.type == IMSG_CTL_END) {
			imsg_free(&imsg);
			break;
		}
		wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
		wire_get_strbuf(&rb, sid, sizeof(sid));
		wire_get_strbuf(&rb, state, sizeof(state));
		wire_get_u32(&rb, &pid);
		wire_get_u32(&rb, &uid);
		wire_get_i64(&rb, &t);
		wire_get_strbuf(&rb, what, sizeof(what));
		wire_get_strbuf(&rb, ws, sizeof(ws));
		if (imsg.hdr.type != IMSG_SANDBOX_INFO || wire_end(&rb) == -1)
			errx(1, "sandboxd: bad reply");
		if (n++ == 0)
			printf("%-12s %-8s %8s %6s %6s %-12s %s\n", "RUN",
			    "STATE", "PID", "UID", "AGE", "WORKSPACE",
			    "PROGRAM");
		/* A queued run has no process yet. */
		if ((int32_t)pid <= 0)
			snprintf(e, sizeof(e), "-");
		else
			snprintf(e, sizeof(e), "%u", pid);
		/* The program and workspace are a client's words. */
		printf("%-12s %-8s %8s %6u %5llds ", sid, state, e, uid,
		    (long long)(time(NULL) - t));
		n2 = ctl_putsafe(stdout, ws[0] ? ws : "-", 0, 0);
		printf("%*s", n2 < 12 ? (int)(12 - n2) : 0, "");
		putchar(' ');
		ctl_putsafe(stdout, what, 0, 0);
		putchar('\n');
		imsg_free(&imsg);
	}
	harness_close(h);
	return 0;
}

static int
sandbox_run(struct ctl_env *env, int argc, char **argv)
{
	struct sandbox_req	 req;
	struct sandbox_result	 res;
	struct hconn		*h;
	struct imsg		 imsg;
	struct pollfd		 pfd[4];
	struct pump		 out[2], in;
	struct stat		 sb;
	char			 e[1024], line[768], *code = NULL;
	char			*envv[SANDBOX_ENV_MAX];
	size_t			 code_len = 0, envc = 0;
	int			 ch, verbose = env->verbose, nostdin = 0;
	int			 code_alloc = 0, stdin_fd = -1, pp[2], rc, k;
	int			 got_result = 0, nfd, eof, code_from_stdin = 0;
	ssize_t			 n;

	memset(&req, 0, sizeof(req));
	memset(out, 0, sizeof(out));
	memset(&in, 0, sizeof(in));
	/* getopt(3) names argv[0] in its messages */
	argv[0] = "harnessctl sandbox run";
	while ((ch = getopt(argc, argv, "C:c:E:e:F:f:Hl:m:N:no:p:S:T:t:vw:")) !=
	    -1) {
		switch (ch) {
		case 'C':
			if (!sandbox_cwd_valid(optarg))
				errx(EX_USAGE, "-C: an absolute path without "
				    "\"..\"");
			req.cwd = optarg;
			break;
		case 'c': req.lim.cpu_ms = num_arg(optarg, 1); break;
		case 'E':
			if (envc >= SANDBOX_ENV_MAX)
				errx(EX_USAGE, "at most %d -E", SANDBOX_ENV_MAX);
			if (!sandbox_env_valid(optarg) ||
			    strlen(optarg) > SANDBOX_ENVVAR_MAX)
				errx(EX_USAGE, "-E: NAME=value, NAME of "
				    "[A-Za-z0-9_] not starting with a digit, "
				    "at most %d bytes", SANDBOX_ENVVAR_MAX);
			envv[envc++] = optarg;
			break;
		case 'e':
			code = optarg;
			code_len = strlen(optarg);
			break;
		case 'F':
			code_from_stdin = strcmp(optarg, "-") == 0;
			code = read_file(optarg, &code_len);
			code_alloc = 1;
			break;
		case 'f': req.lim.fsize_bytes = num_arg(optarg, 0); break;
		case 'H': req.net = SANDBOX_NET_HOST; break;
		case 'l':
			if (!sandbox_lang_known(optarg))
				errx(EX_USAGE, "-l: a language is sh, bash or "
				    "python3");
			strlcpy(req.lang, optarg, sizeof(req.lang));
			break;
		case 'm': req.lim.mem_bytes = num_arg(optarg, 0); break;
		case 'N': req.lim.nofile = num_arg(optarg, 0); break;
		case 'n': nostdin = 1; break;
		case 'o': req.lim.out_bytes = num_arg(optarg, 0); break;
		case 'p': req.lim.procs = num_arg(optarg, 0); break;
		case 'S':
			if (strlcpy(req.session, optarg,
			    sizeof(req.session)) >= sizeof(req.session) ||
			    !sandbox_session_valid(optarg))
				errx(EX_USAGE, "bad session id: %s", optarg);
			break;
		case 'T':
			if (strlcpy(req.tool, optarg, sizeof(req.tool)) >=
			    sizeof(req.tool) || !sandbox_tool_valid(optarg))
				errx(EX_USAGE, "bad tool name: %s", optarg);
			break;
		case 't': req.lim.wall_ms = num_arg(optarg, 1); break;
		case 'v': verbose++; break;
		case 'w':
			if (!sandbox_name_valid(optarg))
				errx(EX_USAGE, "-w: a workspace is 1 to %d of "
				    "[A-Za-z0-9_-]", SANDBOX_NAME_MAX - 1);
			strlcpy(req.workspace, optarg, sizeof(req.workspace));
			break;
		default:
			sandbox_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (req.lang[0] != '\0') {
		if (code == NULL || argc != 0)
			sandbox_usage();
	} else if (code != NULL || argc == 0)
		sandbox_usage();
	req.argv = argv;
	req.argc = (size_t)argc;
	req.envp = envv;
	req.envc = envc;

	if (code_alloc && code_from_stdin)
		nostdin = 1;
	if (!nostdin && fstat(0, &sb) == 0) {
		if (S_ISFIFO(sb.st_mode) || S_ISREG(sb.st_mode)) {
			/* hand it over as it is: no copy through us */
			if ((stdin_fd = fcntl(0, F_DUPFD_CLOEXEC, 3)) == -1)
				err(125, "dup stdin");
		} else {
			if (pipe2(pp, O_CLOEXEC) == -1)
				err(125, "pipe");
			stdin_fd = pp[0];
			in.from = 0;
			in.to = pp[1];
			in.open = 1;
		}
	}

	signal(SIGPIPE, SIG_IGN);
	if ((h = ctl_connect(env, D_SANDBOXD, e, sizeof(e))) == NULL) {
		warnx("sandboxd: %s", e);
		return 125;
	}
	/*
	 * sandboxd runs a tool it does not know (one registered through
	 * harnessd) without secrets; a mistyped -T should not pass unseen.
	 */
	if (req.tool[0] != '\0' && conf_tool_find(env->conf, req.tool) == NULL)
		warnx("tool %s is not in %s: it runs with no secrets",
		    req.tool, env->conf->path);
	rc = sandbox_send(compose, h, RUN_PEERID, &req, code, code_len,
	    stdin_fd, e, sizeof(e));
	if (code_alloc)
		free(code);
	if (rc == -1) {
		warnx("sandbox: %s", e);
		harness_close(h);
		return 125;
	}

	for (;;) {
		nfd = 0;
		pfd[nfd].fd = h->ibuf.fd;
		pfd[nfd++].events = POLLIN;
		for (k = 0; k < 2; k++) {
			pfd[nfd].fd = out[k].open ? out[k].from : -1;
			pfd[nfd++].events = POLLIN;
		}
		pfd[nfd].fd = in.open ? in.from : -1;
		pfd[nfd++].events = POLLIN;
		/* after the result, drain the pipes, then stop */
		if (got_result && !out[0].open && !out[1].open)
			break;
		if (got_result)
			pfd[0].fd = -1;
		if (poll(pfd, nfd, -1) == -1) {
			if (errno == EINTR)
				continue;
			err(125, "poll");
		}
		for (k = 0; k < 2; k++)
			if (out[k].open && (pfd[1 + k].revents &
			    (POLLIN | POLLHUP | POLLERR)) &&
			    !pump_once(&out[k])) {
				close(out[k].from);
				out[k].open = 0;
			}
		if (in.open && (pfd[3].revents & (POLLIN | POLLHUP |
		    POLLERR)) && !pump_once(&in)) {
			close(in.to);
			in.open = 0;
		}
		if (got_result || !(pfd[0].revents & (POLLIN | POLLHUP |
		    POLLERR)))
			continue;
		n = imsg_read(&h->ibuf);
		if (n == -1 && errno != EAGAIN && errno != EINTR)
			err(125, "sandboxd");
		eof = n == 0;
		/* every whole message that is there */
		while ((rc = (int)imsg_get(&h->ibuf, &imsg)) > 0) {
			if (harness_error(&imsg, e, sizeof(e))) {
				warnx("sandbox: %s", e);
				return 125;
			}
			switch (imsg.hdr.type) {
			case IMSG_SANDBOX_QUEUED:
				if (verbose)
					fprintf(stderr, "sandbox: queued\n");
				break;
			case IMSG_SANDBOX_STARTED:
				break;
			case IMSG_SANDBOX_STDOUT:
			case IMSG_SANDBOX_STDERR:
				k = imsg.hdr.type == IMSG_SANDBOX_STDOUT ? 0 : 1;
				if (imsg.fd == -1 || out[k].open)
					errx(125, "sandboxd: bad output "
					    "message");
				out[k].from = imsg.fd;
				out[k].to = k + 1;
				out[k].open = 1;
				imsg.fd = -1;
				break;
			case IMSG_SANDBOX_RESULT:
				if (sandbox_result_decode(imsg.data,
				    imsg_datalen(&imsg), &res) == -1)
					errx(125, "sandboxd: bad result");
				got_result = 1;
				break;
			default:
				errx(125, "sandboxd: unexpected reply %u",
				    imsg.hdr.type);
			}
			imsg_free(&imsg);
		}
		if (rc == -1)
			errx(125, "sandboxd: protocol error");
		if (eof && !got_result)
			errx(125, "sandboxd closed the connection before "
			    "the result");
	}
	if (in.open)
		close(in.to);
	harness_close(h);
	if (verbose || res.reason != SANDBOX_EXITED) {
		sandbox_result_fmt(&res, line, sizeof(line));
		fprintf(stderr, "sandbox: %s\n", line);
	}
	return sandbox_exit_status(&res);
}

int
cmd_sandbox(struct ctl_env *env, int argc, char **argv)
{
	if (argc < 2)
		sandbox_usage();
	if (strcmp(argv[1], "run") == 0) {
		if (geteuid() != 0)
			errx(125, "sandbox run: only root may use sandboxd's "
			    "control socket");
		return sandbox_run(env, argc - 1, argv + 1);
	}
	if (strcmp(argv[1], "list") == 0) {
		if (argc != 2)
			sandbox_usage();
		return sandbox_list(env);
	}
	sandbox_usage();
}
