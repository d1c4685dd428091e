/*
 * lib/sandboxc: request and result encoding, every refusal, every
 * truncation of a valid request.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "harness.h"
#include "imsg.h"
#include "sandboxc.h"
#include "wire.h"

static struct wbuf	 wb;

static int
decodes(const struct sandbox_req *req, const char *want_err)
{
	struct sandbox_req	 out;
	char			 err[256] = "";
	int			 rc;

	if (sandbox_req_encode(req, &wb, err, sizeof(err)) == -1)
		return want_err != NULL && strstr(err, want_err) != NULL;
	rc = sandbox_req_decode(wb.buf, wb.len, &out, err, sizeof(err));
	sandbox_req_free(&out);
	if (want_err == NULL)
		return rc == 0;
	if (rc == 0 || strstr(err, want_err) == NULL) {
		printf("# got \"%s\", want \"%s\"\n", err, want_err);
		return 0;
	}
	return 1;
}

/* An imsg as a peer would hand it over: payload and/or fd. */
static void
fake_imsg(struct imsg *m, const void *data, size_t len, int fd)
{
	memset(m, 0, sizeof(*m));
	m->hdr.type = IMSG_SANDBOX_RUN;
	m->hdr.len = IMSG_HEADER_SIZE + len;
	m->data = (void *)(uintptr_t)data;
	m->fd = fd;
}

static int
fd_closed(int fd)
{
	return fcntl(fd, F_GETFD) == -1 && errno == EBADF;
}

/* What sandbox_send() composes, kept for the test to look at. */
static struct sent {
	uint32_t	 type;
	int		 fd;
	size_t		 len;
	unsigned char	*data;
} sent[4];
static size_t nsent;

static int
capture(void *arg, uint32_t type, uint32_t peerid, int fd, const void *data,
    size_t len)
{
	if (nsent == sizeof(sent) / sizeof(sent[0]))
		return -1;
	sent[nsent].type = type;
	sent[nsent].fd = fd;
	sent[nsent].len = len;
	sent[nsent].data = len > 0 ? malloc(len) : NULL;
	if (len > 0)
		memcpy(sent[nsent].data, data, len);
	nsent++;
	return 0;
}

static void
sent_clear(void)
{
	size_t	 i;

	for (i = 0; i < nsent; i++) {
		if (sent[i].fd != -1)
			close(sent[i].fd);
		free(sent[i].data);
	}
	nsent = 0;
}

/* Requests larger than a message: a sealed memfd, and its checks. */
static void
test_large(void)
{
	struct sandbox_req	 req, out;
	struct wbuf		 pw;
	struct imsg		 m;
	const void		*data;
	unsigned char		*heap;
	char			*words[12], *av[13], err[256];
	size_t			 len, i;
	int			 fd, ok, p[2];

	for (i = 0; i < 12; i++) {
		if ((words[i] = malloc(SANDBOX_ARG_MAX + 1)) == NULL)
			exit(1);
		memset(words[i], 'a' + (int)i, 100000);
		words[i][100000] = '\0';
	}
	memset(&req, 0, sizeof(req));
	av[0] = "echo";
	for (i = 0; i < 5; i++)
		av[i + 1] = words[i];
	req.argv = av;
	req.argc = 6;
	req.cwd = "";
	strlcpy(req.workspace, "w", sizeof(req.workspace));

	ok = sandbox_req_encode(&req, &pw, err, sizeof(err)) == -1 &&
	    strstr(err, "must fit in") != NULL;
	tap_ok(ok, "encode: 500 KB of argv does not fit one message");
	ok = sandbox_req_pack(&req, &pw, &fd, err, sizeof(err)) == 0 &&
	    fd != -1 && pw.len > 500000;
	fake_imsg(&m, NULL, 0, fd);
	ok = ok && sandbox_req_open(&m, &data, &len, &heap, err,
	    sizeof(err)) == 0 && m.fd == -1 && fd_closed(fd) &&
	    heap != NULL && len == pw.len &&
	    memcmp(data, wire_data(&pw), len) == 0 &&
	    sandbox_req_decode(data, len, &out, err, sizeof(err)) == 0 &&
	    out.argc == 6 && strcmp(out.argv[5], words[4]) == 0;
	sandbox_req_free(&out);
	free(heap);
	tap_ok(ok, "pack: 500 KB of argv in a sealed memfd, opened and "
	    "decoded whole (%s)", ok ? "" : err);
	wire_free(&pw);

	ok = sandbox_req_pack(&req, &pw, NULL, err, sizeof(err)) == 0 &&
	    pw.len > 500000;
	wire_free(&pw);
	tap_ok(ok, "pack without fdp: encoded, no memfd made");

	/* past SANDBOX_REQ_MAX: refused by the sender */
	for (i = 0; i < 11; i++)
		av[i + 1] = words[i];
	req.argc = 12;
	ok = sandbox_req_pack(&req, &pw, &fd, err, sizeof(err)) == -1 &&
	    fd == -1 && strstr(err, "more than 1048576 bytes") != NULL;
	tap_ok(ok, "pack: 1.1 MB of argv refused (%s)", err);

	/* a word of SANDBOX_ARG_MAX bytes is one too many */
	memset(words[11], 'z', SANDBOX_ARG_MAX);
	words[11][SANDBOX_ARG_MAX - 1] = '\0';
	av[1] = words[11];
	req.argc = 2;
	ok = sandbox_req_pack(&req, &pw, NULL, err, sizeof(err)) == 0 &&
	    sandbox_req_decode(wire_data(&pw), pw.len, &out, err,
	    sizeof(err)) == 0;
	sandbox_req_free(&out);
	wire_free(&pw);
	words[11][SANDBOX_ARG_MAX - 1] = 'z';
	words[11][SANDBOX_ARG_MAX] = '\0';
	ok = ok && sandbox_req_pack(&req, &pw, NULL, err, sizeof(err)) ==
	    0 && sandbox_req_decode(wire_data(&pw), pw.len, &out, err,
	    sizeof(err)) == -1 && strstr(err, "argv entry 1: longer than") !=
	    NULL;
	sandbox_req_free(&out);
	wire_free(&pw);
	tap_ok(ok, "decode: a word of %d bytes passes, %d is refused (%s)",
	    SANDBOX_ARG_MAX - 1, SANDBOX_ARG_MAX, err);

	/* what a hostile peer might send instead */
	fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	ok = fd != -1 && write(fd, "abcd", 4) == 4;
	fake_imsg(&m, NULL, 0, fd);
	ok = ok && sandbox_req_open(&m, &data, &len, &heap, err,
	    sizeof(err)) == -1 && heap == NULL && m.fd == -1 &&
	    fd_closed(fd) && strstr(err, "not a memfd sealed") != NULL;
	tap_ok(ok, "open: an unsealed memfd is refused and closed (%s)", err);
	ok = pipe(p) == 0 && write(p[1], "abcd", 4) == 4;
	fake_imsg(&m, NULL, 0, p[0]);
	ok = ok && sandbox_req_open(&m, &data, &len, &heap, err,
	    sizeof(err)) == -1 && fd_closed(p[0]);
	close(p[1]);
	tap_ok(ok, "open: a pipe is refused (%s)", err);
	fd = wire_memfd_of("t", "", 0);
	fake_imsg(&m, NULL, 0, fd);
	ok = fd != -1 && sandbox_req_open(&m, &data, &len, &heap, err,
	    sizeof(err)) == -1 && strstr(err, "empty or more than") != NULL;
	tap_ok(ok, "open: an empty memfd is refused (%s)", err);
	{
		unsigned char	*huge = calloc(1, SANDBOX_REQ_MAX + 1);

		fd = huge == NULL ? -1 : wire_memfd_of("t", huge,
		    SANDBOX_REQ_MAX + 1);
		free(huge);
	}
	fake_imsg(&m, NULL, 0, fd);
	ok = fd != -1 && sandbox_req_open(&m, &data, &len, &heap, err,
	    sizeof(err)) == -1 && strstr(err, "empty or more than") != NULL &&
	    fd_closed(fd);
	tap_ok(ok, "open: a memfd of SANDBOX_REQ_MAX + 1 bytes is refused");
	fd = wire_memfd_of("t", "abcd", 4);
	fake_imsg(&m, "abcd", 4, fd);
	ok = fd != -1 && sandbox_req_open(&m, &data, &len, &heap, err,
	    sizeof(err)) == -1 && fd_closed(fd) && m.fd == -1 &&
	    strstr(err, "both in the message") != NULL;
	tap_ok(ok, "open: a payload and an fd together are refused (%s)",
	    err);
	fake_imsg(&m, "abcd", 4, -1);
	ok = sandbox_req_open(&m, &data, &len, &heap, err, sizeof(err)) ==
	    0 && data == m.data && len == 4 && heap == NULL;
	tap_ok(ok, "open: a payload is used where it is");

	/* sandbox_send: large code and large argv, each in a memfd */
	req.argc = 6;
	for (i = 0; i < 5; i++)
		av[i + 1] = words[i];
	ok = sandbox_send(capture, NULL, 7, &req, NULL, 0, -1, err,
	    sizeof(err)) == 0 && nsent == 1 &&
	    sent[0].type == IMSG_SANDBOX_RUN && sent[0].fd != -1 &&
	    sent[0].len == 0;
	if (ok) {
		fake_imsg(&m, NULL, 0, sent[0].fd);
		sent[0].fd = -1;
		ok = sandbox_req_open(&m, &data, &len, &heap, err,
		    sizeof(err)) == 0 && sandbox_req_decode(data, len, &out,
		    err, sizeof(err)) == 0 && out.argc == 6 &&
		    strcmp(out.argv[1], words[0]) == 0;
		sandbox_req_free(&out);
		free(heap);
	}
	sent_clear();
	tap_ok(ok, "send: argv larger than a message goes as an empty RUN "
	    "with a memfd (%s)", ok ? "" : err);
	av[0] = "echo";
	av[1] = "hi";
	req.argc = 2;
	ok = sandbox_send(capture, NULL, 7, &req, NULL, 0, -1, err,
	    sizeof(err)) == 0 && nsent == 1 && sent[0].fd == -1 &&
	    sent[0].len > 0;
	sent_clear();
	tap_ok(ok, "send: a small request stays in the message");
	req.argv = NULL;
	req.argc = 0;
	strlcpy(req.lang, "sh", sizeof(req.lang));
	ok = sandbox_send(capture, NULL, 7, &req, words[0], 100000, -1, err,
	    sizeof(err)) == 0 && nsent == 2 &&
	    sent[0].type == IMSG_SANDBOX_CODE && sent[0].fd != -1 &&
	    sent[1].type == IMSG_SANDBOX_RUN && sent[1].fd == -1 &&
	    sent[1].len > 0;
	sent_clear();
	tap_ok(ok, "send: large code in its memfd, the request in the "
	    "message");
	for (i = 0; i < 12; i++)
		free(words[i]);
}

int
main(void)
{
	struct sandbox_req	 req, out;
	struct sandbox_result	 res, res2;
	char			*argv[] = { "echo", "hi", NULL };
	char			*envp[] = { "FOO=bar", "X_1=", NULL };
	char			*badenv[] = { "1X=y", NULL };
	char			*many[SANDBOX_ARGV_MAX + 1];
	char			 err[256];
	size_t			 i, full;
	int			 ok;

	memset(&req, 0, sizeof(req));
	req.argv = argv;
	req.argc = 2;
	req.envp = envp;
	req.envc = 2;
	req.cwd = "/work/sub";
	strlcpy(req.workspace, "proj-1", sizeof(req.workspace));
	req.lim.wall_ms = 1500;
	req.lim.mem_bytes = 1 << 20;
	req.flags = SANDBOX_F_STDIN;
	strlcpy(req.approval, "allow (policy), risk low, rule r at f:1",
	    sizeof(req.approval));
	tap_ok(sandbox_req_encode(&req, &wb, err, sizeof(err)) == 0,
	    "encode an argv request");
	ok = sandbox_req_decode(wb.buf, wb.len, &out, err, sizeof(err)) == 0 &&
	    out.argc == 2 && strcmp(out.argv[1], "hi") == 0 &&
	    out.argv[2] == NULL && out.envc == 2 &&
	    strcmp(out.envp[0], "FOO=bar") == 0 &&
	    strcmp(out.cwd, "/work/sub") == 0 &&
	    strcmp(out.workspace, "proj-1") == 0 &&
	    out.lim.wall_ms == 1500 && out.lim.mem_bytes == 1 << 20 &&
	    out.flags == SANDBOX_F_STDIN && out.code == NULL &&
	    strcmp(out.approval, req.approval) == 0;
	tap_ok(ok, "decode gives back what was encoded");
	sandbox_req_free(&out);

	/* every proper prefix is refused, without reading past it */
	full = wb.len;
	ok = 1;
	for (i = 0; i < full; i++) {
		unsigned char *p = malloc(i ? i : 1);

		memcpy(p, wb.buf, i);
		if (sandbox_req_decode(p, i, &out, err, sizeof(err)) == 0)
			ok = 0;
		sandbox_req_free(&out);
		free(p);
	}
	tap_ok(ok, "every truncation refused");
	sandbox_req_encode(&req, &wb, err, sizeof(err));
	wb.buf[wb.len++] = 0;
	tap_ok(sandbox_req_decode(wb.buf, wb.len, &out, err, sizeof(err)) ==
	    -1 && strstr(err, "trailing") != NULL, "trailing byte refused");
	sandbox_req_free(&out);

	memset(&req, 0, sizeof(req));
	strlcpy(req.lang, "python3", sizeof(req.lang));
	req.code = "print(1)";
	req.code_len = 8;
	tap_ok(sandbox_req_encode(&req, &wb, err, sizeof(err)) == 0 &&
	    sandbox_req_decode(wb.buf, wb.len, &out, err, sizeof(err)) == 0 &&
	    out.code_len == 8 && memcmp(out.code, "print(1)", 8) == 0,
	    "language request with inline code");
	sandbox_req_free(&out);
	strlcpy(req.lang, "perl", sizeof(req.lang));
	tap_ok(decodes(&req, "unknown language \"perl\""), "unknown language");
	strlcpy(req.lang, "sh", sizeof(req.lang));
	req.code_len = 0;
	tap_ok(decodes(&req, "no code for sh"), "language without code");
	req.flags = SANDBOX_F_CODE_FD;
	tap_ok(decodes(&req, NULL), "language with code in a memfd");
	req.code_len = 8;
	tap_ok(decodes(&req, "both inline and in a memfd"),
	    "code inline and in a memfd");
	req.flags = 0;
	req.argv = argv;
	req.argc = 2;
	tap_ok(decodes(&req, "not argv"), "language with argv");

	memset(&req, 0, sizeof(req));
	tap_ok(decodes(&req, "no program"), "neither argv nor language");
	req.argv = argv;
	req.argc = 2;
	req.code = "x";
	req.code_len = 1;
	tap_ok(decodes(&req, "code given without a language"),
	    "code without a language");
	req.code = NULL;
	req.code_len = 0;
	for (i = 0; i <= SANDBOX_ARGV_MAX; i++)
		many[i] = "a";
	req.argv = many;
	req.argc = SANDBOX_ARGV_MAX + 1;
	tap_ok(decodes(&req, "at most 256"), "too many arguments");
	req.argc = SANDBOX_ARGV_MAX;
	tap_ok(decodes(&req, NULL), "256 arguments accepted");
	req.argc = 1;
	req.envp = badenv;
	req.envc = 1;
	tap_ok(decodes(&req, "environment entry 0"), "bad environment name");
	req.envc = 0;
	req.cwd = "work";
	tap_ok(decodes(&req, "cwd must be an absolute"), "relative cwd");
	req.cwd = "/work/../etc";
	tap_ok(decodes(&req, "cwd must be an absolute"), "cwd with ..");
	req.cwd = NULL;
	strlcpy(req.workspace, "../x", sizeof(req.workspace));
	tap_ok(decodes(&req, "bad workspace name"), "workspace with a slash");
	req.workspace[0] = '\0';
	req.net = 2;
	tap_ok(decodes(&req, "none (0) or host (1)"), "unknown network");
	req.net = 0;
	strlcpy(req.approval, "allow\nforged: line", sizeof(req.approval));
	tap_ok(decodes(&req, "printable ASCII only"),
	    "approval with a control character");
	req.approval[0] = '\0';
	req.flags = 0x80;
	tap_ok(decodes(&req, "bad request flags"), "unknown flag");
	req.flags = 0;
	{
		char	*big = malloc(20000);

		memset(big, 'x', 19999);
		big[19999] = '\0';
		many[0] = big;
		tap_ok(decodes(&req, "request too large"),
		    "argv larger than a message");
		free(big);
	}

	memset(&res, 0, sizeof(res));
	res.reason = SANDBOX_SECCOMP;
	res.exit_code = -1;
	res.signo = 9;
	res.wall_ms = 12;
	strlcpy(res.syscall, "mount", sizeof(res.syscall));
	sandbox_result_encode(&res, &wb);
	tap_ok(sandbox_result_decode(wb.buf, wb.len, &res2) == 0 &&
	    res2.reason == SANDBOX_SECCOMP && res2.signo == 9 &&
	    res2.exit_code == -1 && strcmp(res2.syscall, "mount") == 0,
	    "result round trip");
	tap_ok(sandbox_result_decode(wb.buf, wb.len - 1, &res2) == -1,
	    "truncated result refused");
	tap_ok(sandbox_exit_status(&res) == 137, "seccomp kill: status 137");
	res.reason = SANDBOX_EXITED;
	res.exit_code = 3;
	res.signo = 0;
	tap_ok(sandbox_exit_status(&res) == 3, "exited 3: status 3");
	res.reason = SANDBOX_SETUP_FAILED;
	tap_ok(sandbox_exit_status(&res) == 125, "setup failed: status 125");
	/* whose doing a failed setup was travels as a class, not words */
	res.fail = ERRC_VAULT;
	strlcpy(res.detail, "chdir /x", sizeof(res.detail));
	sandbox_result_encode(&res, &wb);
	tap_ok(sandbox_result_decode(wb.buf, wb.len, &res2) == 0 &&
	    res2.fail == ERRC_VAULT && strcmp(res2.detail, "chdir /x") == 0,
	    "setup failure class round trip");
	res.fail = ERRC_MAX;
	sandbox_result_encode(&res, &wb);
	tap_ok(sandbox_result_decode(wb.buf, wb.len, &res2) == -1,
	    "unknown failure class refused");
	{
		struct imsg	 im;
		char		 m[64];
		uint32_t	 cl;

		/* IMSG_CTL_ERROR: a message, then maybe its class */
		memset(&im, 0, sizeof(im));
		im.hdr.type = IMSG_CTL_ERROR;
		wire_init(&wb);
		wire_put_str(&wb, "secret audit: vault words");
		im.data = wb.buf;
		im.hdr.len = IMSG_HEADER_SIZE + wb.len;
		tap_ok(harness_error_class(&im, m, sizeof(m), &cl) == 1 &&
		    cl == ERRC_NONE && strcmp(m, "secret audit: vault words") ==
		    0, "an error without a class: none, whatever its words");
		wire_put_u32(&wb, ERRC_AUDIT);
		im.hdr.len = IMSG_HEADER_SIZE + wb.len;
		tap_ok(harness_error_class(&im, m, sizeof(m), &cl) == 1 &&
		    cl == ERRC_AUDIT, "an error with a class: that class");
		wb.len -= 4;
		wire_put_u32(&wb, 77);
		im.hdr.len = IMSG_HEADER_SIZE + wb.len;
		tap_ok(harness_error_class(&im, m, sizeof(m), &cl) == 1 &&
		    cl == ERRC_NONE, "a class not known: none");
		im.hdr.type = IMSG_CTL_OK;
		tap_ok(harness_error_class(&im, m, sizeof(m), &cl) == 0,
		    "not an error: 0");
	}
	tap_ok(strcmp(sandbox_reason_name(SANDBOX_OUTPUT_LIMIT),
	    "output-limit") == 0 && strcmp(sandbox_reason_name(99),
	    "unknown") == 0, "reason names");
	test_large();
	return tap_done();
}
