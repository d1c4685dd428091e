/*
 * Unit tests of the sandbox module's pure parts: reason names, the
 * language helper, defaults, refusing a root sandbox user.  The real
 * thing is exercised by regress/sandbox/t_hostile.sh (needs root).
 */
#include <string.h>

#include "../tap.h"
#include "../../sandboxd/spawn.h"

int
main(void)
{
	static const char *names[] = { "exited", "signaled", "timeout",
	    "memory", "pids", "output-limit", "seccomp", "setup-failed" };
	struct sbx_conf	 conf;
	struct sbx_req	 req;
	char		 e[256];
	int		 i, good = 1;

	for (i = 0; i <= SBX_SETUP_FAILED; i++)
		good &= strcmp(sbx_reason_name(i), names[i]) == 0;
	tap_ok(good, "reason names");
	tap_ok(strcmp(sbx_reason_name(99), "unknown") == 0,
	    "unknown reason");

	memset(&req, 0, sizeof(req));
	tap_ok(sbx_lang("python3", "pass", 4, &req, e, sizeof(e)) == 0 &&
	    strcmp(req.argv[0], "/usr/bin/python3") == 0 &&
	    strcmp(req.code_name, "main.py") == 0 && req.code_len == 4 &&
	    strcmp(req.argv[2], SBX_CODE_DIR "/main.py") == 0,
	    "python3: code as a file, not in argv");
	tap_ok(sbx_lang("sh", "echo", 4, &req, e, sizeof(e)) == 0 &&
	    strcmp(req.argv[0], "/bin/sh") == 0 &&
	    strcmp(req.argv[1], SBX_CODE_DIR "/main.sh") == 0, "sh");
	tap_ok(sbx_lang("bash", "echo", 4, &req, e, sizeof(e)) == 0 &&
	    strcmp(req.argv[0], "/bin/bash") == 0, "bash");
	tap_ok(sbx_lang("cobol", "x", 1, &req, e, sizeof(e)) == -1 &&
	    strstr(e, "unknown language") != NULL, "unknown language");

	sbx_conf_defaults(&conf);
	tap_ok(conf.deflim.wall_ms > 0 && conf.deflim.mem_bytes > 0 &&
	    conf.deflim.procs > 0 && conf.deflim.out_bytes > 0 &&
	    conf.deflim.nofile > 0 && conf.deflim.tmp_bytes > 0 &&
	    conf.st == NULL, "defaults are limits, not unlimited");
	conf.uid = 0;
	conf.gid = 0;
	tap_ok(sbx_init(&conf, e, sizeof(e)) == -1 && conf.st == NULL,
	    "sandbox user must not be root");
	sbx_conf_defaults(&conf);
	tap_ok(sbx_init(&conf, e, sizeof(e)) == -1, "sandbox user required");
	return tap_done();
}
