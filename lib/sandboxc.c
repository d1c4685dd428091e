/*
 * The sandbox protocol's encoding (see sandboxc.h).
 */
#include <sys/types.h>
#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "sandbox_proto.h"
#include "sandboxc.h"
#include "wire.h"

#define SANDBOX_WIRE_VERSION	3

static const char *const reason_names[SANDBOX_NREASONS] = {
	"exited", "signaled", "timeout", "memory", "pids", "output-limit",
	"seccomp", "setup-failed"
};

static const char *const limit_names[SANDBOX_NLIMITS] = {
	"time", "cpu", "memory", "processes", "output", "filesize", "files",
	"tmp"
};

static const char *const langs[] = { "sh", "bash", "python3" };

const char *
sandbox_reason_name(uint32_t r)
{
	if (r >= SANDBOX_NREASONS)
		return "unknown";
	return reason_names[r];
}

const char *
sandbox_limit_name(size_t i)
{
	if (i >= SANDBOX_NLIMITS)
		return "unknown";
	return limit_names[i];
}

int
sandbox_lang_known(const char *s)
{
	size_t	 i;

	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strcmp(s, langs[i]) == 0)
			return 1;
	return 0;
}

int
sandbox_name_valid(const char *s)
{
	size_t	 i;

	if (s[0] == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= SANDBOX_NAME_MAX - 1)
			return 0;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-'))
			return 0;
	}
	return 1;
}

static int
chars_valid(const char *s, size_t max, const char *extra)
{
	size_t	 i;

	if (s[0] == '\0' || s[0] == '.')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= max - 1)
			return 0;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || strchr(extra, s[i])))
			return 0;
	}
	return 1;
}

int
sandbox_tool_valid(const char *s)
{
	return chars_valid(s, SANDBOX_TOOL_MAX, "_.-");
}

int
sandbox_session_valid(const char *s)
{
	return chars_valid(s, SANDBOX_SESSION_MAX, "_.:-");
}

int
sandbox_session_name_valid(const char *s)
{
	return strlen(s) <= SANDBOX_SESSION_NAME_MAX &&
	    sandbox_session_valid(s);
}

int
sandbox_cwd_valid(const char *s)
{
	return s[0] == '/' && strstr(s, "/..") == NULL &&
	    strlen(s) <= SANDBOX_CWD_MAX;
}

int
sandbox_env_valid(const char *s)
{
	const char	*eq;
	size_t		 i;

	if ((eq = strchr(s, '=')) == NULL || eq == s ||
	    (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; s + i < eq; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* Counts are the receiver's to check: it says which bound. */
static void
req_put(const struct sandbox_req *req, struct wbuf *wb)
{
	const uint64_t	*lim = &req->lim.wall_ms;
	size_t		 i;

	wire_put_u32(wb, SANDBOX_WIRE_VERSION);
	wire_put_u32(wb, req->flags);
	wire_put_str(wb, req->lang);
	wire_put_u32(wb, (uint32_t)req->argc);
	for (i = 0; i < req->argc; i++)
		wire_put_str(wb, req->argv[i]);
	wire_put_u32(wb, (uint32_t)req->envc);
	for (i = 0; i < req->envc; i++)
		wire_put_str(wb, req->envp[i]);
	wire_put_str(wb, req->cwd);
	wire_put_str(wb, req->workspace);
	wire_put_str(wb, req->tool);
	wire_put_str(wb, req->session);
	wire_put_str(wb, req->approval);
	for (i = 0; i < SANDBOX_NLIMITS; i++)
		wire_put_u64(wb, lim[i]);
	wire_put_u32(wb, req->net);
	wire_put_u32(wb, (uint32_t)req->code_len);
	if (req->code_len > 0)
		wire_put_bytes(wb, req->code, req->code_len);
}

int
sandbox_req_encode(const struct sandbox_req *req, struct wbuf *wb, char *err,
    size_t errlen)
{
	wire_init(wb);
	req_put(req, wb);
	if (wire_ok(wb) == -1) {
		snprintf(err, errlen, "request too large: argv, environment "
		    "and inline code must fit in %d bytes", IMSG_MAX_PAYLOAD);
		return -1;
	}
	return 0;
}

int
sandbox_req_pack(const struct sandbox_req *req, struct wbuf *wb, int *fdp,
    char *err, size_t errlen)
{
	if (fdp != NULL)
		*fdp = -1;
	wire_init_max(wb, SANDBOX_REQ_MAX);
	req_put(req, wb);
	if (wire_ok(wb) == -1) {
		wire_free(wb);
		snprintf(err, errlen, "request too large: argv, environment "
		    "and inline code are more than %d bytes (or out of "
		    "memory)", SANDBOX_REQ_MAX);
		return -1;
	}
	if (wb->len <= IMSG_MAX_PAYLOAD || fdp == NULL)
		return 0;
	if ((*fdp = wire_memfd(wb)) == -1) {
		snprintf(err, errlen, "request memfd: %s", strerror(errno));
		wire_free(wb);
		return -1;
	}
	return 0;
}

int
sandbox_req_open(struct imsg *imsg, const void **bufp, size_t *lenp,
    unsigned char **heapp, char *err, size_t errlen)
{
	int	 fd = imsg->fd, rc;

	*heapp = NULL;
	imsg->fd = -1;
	if (imsg_datalen(imsg) > 0 || fd == -1) {
		if (fd != -1) {
			close(fd);
			snprintf(err, errlen, "a request both in the message "
			    "and in a file descriptor");
			return -1;
		}
		*bufp = imsg->data;
		*lenp = imsg_datalen(imsg);
		return 0;
	}
	rc = wire_memfd_read(fd, SANDBOX_REQ_MAX, heapp, lenp);
	close(fd);
	if (rc == -1) {
		if (errno == EMSGSIZE)
			snprintf(err, errlen, "request memfd: empty or more "
			    "than %d bytes", SANDBOX_REQ_MAX);
		else if (errno == EINVAL)
			snprintf(err, errlen, "request fd: not a memfd "
			    "sealed against writes");
		else
			snprintf(err, errlen, "request memfd: %s",
			    strerror(errno));
		return -1;
	}
	*bufp = *heapp;
	return 0;
}

void
sandbox_req_free(struct sandbox_req *req)
{
	size_t	 i;

	if (req->argv != NULL)
		for (i = 0; i < req->argc; i++)
			free(req->argv[i]);
	free(req->argv);
	if (req->envp != NULL) {
		for (i = 0; i < req->envc; i++)
			freezero(req->envp[i], strlen(req->envp[i]));
	}
	free(req->envp);
	free(req->cwd);
	if (req->code != NULL)
		freezero(req->code, req->code_len);
	memset(req, 0, sizeof(*req));
}

static int
get_strings(struct rbuf *rb, char ***vp, size_t *np, size_t maxn,
    size_t maxlen, const char *what, char *err, size_t errlen)
{
	uint32_t	 n, i;
	char		**v;

	if (wire_get_u32(rb, &n) == -1) {
		snprintf(err, errlen, "truncated request (%s)", what);
		return -1;
	}
	if (n > maxn) {
		snprintf(err, errlen, "%s has %u entries, at most %zu", what,
		    n, maxn);
		return -1;
	}
	/* Every entry takes at least its 4-byte length. */
	if ((size_t)n * 4 > wire_left(rb)) {
		snprintf(err, errlen, "truncated request (%s)", what);
		return -1;
	}
	if ((v = calloc(n + 1, sizeof(char *))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*vp = v;
	for (i = 0; i < n; i++) {
		if (wire_get_str(rb, &v[i], maxlen) == -1) {
			snprintf(err, errlen, "%s entry %u: longer than %zu "
			    "bytes, truncated or holding a NUL", what, i,
			    maxlen);
			return -1;
		}
		*np = i + 1;
	}
	return 0;
}

int
sandbox_req_decode(const void *buf, size_t len, struct sandbox_req *req,
    char *err, size_t errlen)
{
	struct rbuf	 rb;
	uint64_t	*lim = &req->lim.wall_ms;
	uint32_t	 version, code_len;
	const void	*code;
	char		 ws[SANDBOX_NAME_MAX];
	size_t		 i;

	memset(req, 0, sizeof(*req));
	wire_rinit(&rb, buf, len);
	if (wire_get_u32(&rb, &version) == -1 || version !=
	    SANDBOX_WIRE_VERSION) {
		snprintf(err, errlen, "bad request: not version %d",
		    SANDBOX_WIRE_VERSION);
		return -1;
	}
	if (wire_get_u32(&rb, &req->flags) == -1 ||
	    (req->flags & ~SANDBOX_F_ALL) != 0) {
		snprintf(err, errlen, "bad request flags");
		return -1;
	}
	if (wire_get_strbuf(&rb, req->lang, sizeof(req->lang)) == -1) {
		snprintf(err, errlen, "bad language: at most %d bytes",
		    SANDBOX_LANG_MAX - 1);
		return -1;
	}
	if (get_strings(&rb, &req->argv, &req->argc, SANDBOX_ARGV_MAX,
	    SANDBOX_ARG_MAX - 1, "argv", err, errlen) == -1 ||
	    get_strings(&rb, &req->envp, &req->envc, SANDBOX_ENV_MAX,
	    SANDBOX_ENVVAR_MAX, "environment", err, errlen) == -1)
		return -1;
	if (wire_get_str(&rb, &req->cwd, SANDBOX_CWD_MAX) == -1) {
		snprintf(err, errlen, "bad cwd: at most %d bytes",
		    SANDBOX_CWD_MAX);
		return -1;
	}
	if (wire_get_strbuf(&rb, ws, sizeof(ws)) == -1) {
		snprintf(err, errlen, "bad workspace name: at most %d bytes",
		    SANDBOX_NAME_MAX - 1);
		return -1;
	}
	if (wire_get_strbuf(&rb, req->tool, sizeof(req->tool)) == -1) {
		snprintf(err, errlen, "bad tool name: at most %d bytes",
		    SANDBOX_TOOL_MAX - 1);
		return -1;
	}
	if (wire_get_strbuf(&rb, req->session, sizeof(req->session)) == -1) {
		snprintf(err, errlen, "bad session id: at most %d bytes",
		    SANDBOX_SESSION_MAX - 1);
		return -1;
	}
	if (wire_get_strbuf(&rb, req->approval, sizeof(req->approval)) ==
	    -1) {
		snprintf(err, errlen, "bad approval: at most %d bytes",
		    SANDBOX_APPROVAL_MAX - 1);
		return -1;
	}
	for (i = 0; i < SANDBOX_NLIMITS; i++)
		wire_get_u64(&rb, &lim[i]);
	wire_get_u32(&rb, &req->net);
	if (wire_get_u32(&rb, &code_len) == -1 || code_len > wire_left(&rb)) {
		snprintf(err, errlen, "truncated request");
		return -1;
	}
	code = rb.p + rb.off;
	rb.off += code_len;
	if (wire_end(&rb) == -1) {
		snprintf(err, errlen, "bad request: trailing or missing bytes");
		return -1;
	}

	if (req->lang[0] != '\0') {
		if (!sandbox_lang_known(req->lang)) {
			snprintf(err, errlen, "unknown language \"%s\" (sh, "
			    "bash or python3)", req->lang);
			return -1;
		}
		if (req->argc != 0) {
			snprintf(err, errlen, "a language run takes code, "
			    "not argv");
			return -1;
		}
		if (code_len == 0 && !(req->flags & SANDBOX_F_CODE_FD)) {
			snprintf(err, errlen, "no code for %s", req->lang);
			return -1;
		}
		if (code_len != 0 && (req->flags & SANDBOX_F_CODE_FD)) {
			snprintf(err, errlen, "code both inline and in a "
			    "memfd");
			return -1;
		}
	} else {
		if (req->argc == 0 || req->argv[0][0] == '\0') {
			snprintf(err, errlen, "no program: give argv or a "
			    "language and code");
			return -1;
		}
		if (code_len != 0 || (req->flags & SANDBOX_F_CODE_FD)) {
			snprintf(err, errlen, "code given without a language");
			return -1;
		}
	}
	for (i = 0; i < req->envc; i++)
		if (!sandbox_env_valid(req->envp[i])) {
			snprintf(err, errlen, "environment entry %zu is not "
			    "NAME=value with NAME of [A-Za-z0-9_]", i);
			return -1;
		}
	if (req->cwd[0] == '\0') {
		free(req->cwd);
		req->cwd = NULL;
	} else if (!sandbox_cwd_valid(req->cwd)) {
		snprintf(err, errlen, "cwd must be an absolute path without "
		    "\"..\"");
		return -1;
	}
	if (ws[0] != '\0' && !sandbox_name_valid(ws)) {
		snprintf(err, errlen, "bad workspace name: 1 to %d of "
		    "[A-Za-z0-9_-]", SANDBOX_NAME_MAX - 1);
		return -1;
	}
	strlcpy(req->workspace, ws, sizeof(req->workspace));
	if (req->tool[0] != '\0' && !sandbox_tool_valid(req->tool)) {
		snprintf(err, errlen, "bad tool name: [A-Za-z0-9_.-], not "
		    "starting with '.'");
		return -1;
	}
	if (req->session[0] != '\0' && !sandbox_session_valid(req->session)) {
		snprintf(err, errlen, "bad session id: [A-Za-z0-9_.:-]");
		return -1;
	}
	for (i = 0; req->approval[i] != '\0'; i++)
		if ((unsigned char)req->approval[i] < 0x20 ||
		    (unsigned char)req->approval[i] > 0x7e) {
			snprintf(err, errlen, "bad approval: printable ASCII "
			    "only");
			return -1;
		}
	if (req->net != SANDBOX_NET_NONE && req->net != SANDBOX_NET_HOST) {
		snprintf(err, errlen, "network %u not supported: none (0) or "
		    "host (1)", req->net);
		return -1;
	}
	if (code_len > 0) {
		if ((req->code = malloc(code_len)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		memcpy(req->code, code, code_len);
		req->code_len = code_len;
	}
	return 0;
}

void
sandbox_result_encode(const struct sandbox_result *r, struct wbuf *wb)
{
	wire_init(wb);
	wire_put_u32(wb, r->reason);
	wire_put_u32(wb, (uint32_t)r->exit_code);
	wire_put_u32(wb, (uint32_t)r->signo);
	wire_put_u64(wb, r->wall_ms);
	wire_put_u64(wb, r->cpu_ms);
	wire_put_u64(wb, r->mem_peak);
	wire_put_u32(wb, r->truncated);
	wire_put_str(wb, r->syscall);
	wire_put_str(wb, r->detail);
	wire_put_u32(wb, r->fail);
}

int
sandbox_result_decode(const void *buf, size_t len, struct sandbox_result *r)
{
	struct rbuf	 rb;
	uint32_t	 code, signo;

	memset(r, 0, sizeof(*r));
	wire_rinit(&rb, buf, len);
	wire_get_u32(&rb, &r->reason);
	wire_get_u32(&rb, &code);
	wire_get_u32(&rb, &signo);
	wire_get_u64(&rb, &r->wall_ms);
	wire_get_u64(&rb, &r->cpu_ms);
	wire_get_u64(&rb, &r->mem_peak);
	wire_get_u32(&rb, &r->truncated);
	wire_get_strbuf(&rb, r->syscall, sizeof(r->syscall));
	wire_get_strbuf(&rb, r->detail, sizeof(r->detail));
	wire_get_u32(&rb, &r->fail);
	if (wire_end(&rb) == -1 || r->reason >= SANDBOX_NREASONS ||
	    signo > 64 || r->fail >= ERRC_MAX)
		return -1;
	r->exit_code = (int32_t)code;
	r->signo = (int32_t)signo;
	return 0;
}

int
sandbox_exit_status(const struct sandbox_result *r)
{
	if (r->reason == SANDBOX_SETUP_FAILED)
		return 125;
	if (r->reason == SANDBOX_EXITED || (r->signo == 0 &&
	    r->exit_code >= 0 && r->exit_code <= 255))
		return r->exit_code & 0xff;
	if (r->signo > 0)
		return 128 + r->signo;
	return 125;
}

void
sandbox_result_fmt(const struct sandbox_result *r, char *buf, size_t len)
{
	snprintf(buf, len, "reason=%s code=%d signal=%d wall_ms=%llu "
	    "cpu_ms=%llu mem_peak=%llu truncated=%u%s%s%s%s",
	    sandbox_reason_name(r->reason), r->exit_code, r->signo,
	    (unsigned long long)r->wall_ms, (unsigned long long)r->cpu_ms,
	    (unsigned long long)r->mem_peak, r->truncated,
	    r->syscall[0] ? " syscall=" : "", r->syscall,
	    r->detail[0] ? " detail=" : "", r->detail);
}

int
sandbox_memfd(const char *name, const void *buf, size_t len)
{
	return wire_memfd_of(name, buf, len);
}

int
sandbox_send(sandbox_compose_fn compose, void *arg, uint32_t peerid,
    const struct sandbox_req *req0, const void *code, size_t code_len,
    int stdin_fd, char *err, size_t errlen)
{
	struct sandbox_req	 req = *req0;
	struct wbuf		*wb;
	int			 fd = -1, reqfd = -1, rc = -1;

	if ((wb = malloc(sizeof(*wb))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	wire_init(wb);
	req.flags &= ~SANDBOX_F_ALL;
	req.code = NULL;
	req.code_len = 0;
	if (code_len > SANDBOX_CODE_MAX) {
		snprintf(err, errlen, "code is %zu bytes, at most %d",
		    code_len, SANDBOX_CODE_MAX);
		goto out;
	}
	/* Inline when it fits with room to spare, else a memfd. */
	if (code_len > 0 && code_len <= IMSG_MAX_PAYLOAD / 2) {
		req.code = (void *)(uintptr_t)code;
		req.code_len = code_len;
	} else if (code_len > 0)
		req.flags |= SANDBOX_F_CODE_FD;
	if (stdin_fd != -1)
		req.flags |= SANDBOX_F_STDIN;
	if (sandbox_req_encode(&req, wb, err, errlen) == -1) {
		/* inline code did not fit next to argv: try a memfd */
		if (req.code_len > 0) {
			req.code = NULL;
			req.code_len = 0;
			req.flags |= SANDBOX_F_CODE_FD;
		}
		/* the request itself in a memfd if it must */
		if (sandbox_req_pack(&req, wb, &reqfd, err, errlen) == -1)
			goto out;
	}
	if (req.flags & SANDBOX_F_CODE_FD) {
		if ((fd = sandbox_memfd("sandbox-code", code, code_len)) ==
		    -1) {
			snprintf(err, errlen, "memfd: %s", strerror(errno));
			goto out;
		}
		if (compose(arg, IMSG_SANDBOX_CODE, peerid, fd, NULL, 0) ==
		    -1) {
			snprintf(err, errlen, "send code: %s",
			    strerror(errno));
			goto out;
		}
	}
	if (stdin_fd != -1) {
		fd = stdin_fd;
		stdin_fd = -1;
		if (compose(arg, IMSG_SANDBOX_STDIN, peerid, fd, NULL, 0) ==
		    -1) {
			snprintf(err, errlen, "send stdin: %s",
			    strerror(errno));
			goto out;
		}
	}
	fd = reqfd;
	reqfd = -1;
	if (compose(arg, IMSG_SANDBOX_RUN, peerid, fd, fd == -1 ?
	    wire_data(wb) : NULL, fd == -1 ? wb->len : 0) == -1) {
		snprintf(err, errlen, "send request: %s", strerror(errno));
		goto out;
	}
	rc = 0;
 out:
	if (stdin_fd != -1)
		close(stdin_fd);
	if (reqfd != -1)
		close(reqfd);
	if (wb != NULL)
		wire_free(wb);
	free(wb);
	return rc;
}
