/*
 * lib/sandboxc: request and result encoding, every refusal, every
 * truncation of a valid request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "harness.h"
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
	return tap_done();
}
