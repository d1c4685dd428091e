/*
 * Language helper: code for an interpreter travels as a file.
 *
 * The code is written by the sandbox's own setup into
 * /run/code/<name> on the sandbox's private, read-only root tmpfs, and
 * the interpreter is given that path.  Not argv (ARG_MAX and
 * MAX_ARG_STRLEN limit it to 128 KiB a string, and every process in
 * the sandbox can read argv from /proc), not stdin (which stays free
 * for the program's input).
 */
#include <stdio.h>
#include <string.h>

#include "spawn.h"

struct sbx_lang {
	const char	*name;
	const char	*file;
	char *const	 argv[4];
};

static const struct sbx_lang langs[] = {
	{ "sh", "main.sh", { "/bin/sh", SBX_CODE_DIR "/main.sh", NULL } },
	{ "bash", "main.sh", { "/bin/bash", SBX_CODE_DIR "/main.sh", NULL } },
	{ "python3", "main.py", { "/usr/bin/python3", "-I",
	    SBX_CODE_DIR "/main.py", NULL } },
	{ "python", "main.py", { "/usr/bin/python3", "-I",
	    SBX_CODE_DIR "/main.py", NULL } },
	{ NULL, NULL, { NULL } }
};

int
sbx_lang(const char *lang, const void *code, size_t len, struct sbx_req *req,
    char *err, size_t errlen)
{
	const struct sbx_lang	*l;

	for (l = langs; l->name != NULL; l++)
		if (strcmp(l->name, lang) == 0)
			break;
	if (l->name == NULL) {
		snprintf(err, errlen, "unknown language \"%.32s\"", lang);
		return -1;
	}
	req->argv = l->argv;
	req->code = code;
	req->code_len = len;
	req->code_name = l->file;
	return 0;
}
