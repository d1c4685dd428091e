/*
 * fuzz_shellparse: hostile command lines into the parser and the risk
 * classifier.  Besides not crashing, the parse must hold together:
 * every word terminated where its length says, every pattern form
 * present, every link pointing at a command that exists, parents
 * before children; the classifier must give a level and a decision in
 * range, high at least when the line did not parse.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "risk.h"
#include "shellparse.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint64_t arena[(1 << 18) / sizeof(uint64_t)];
static struct risk_ruleset *rs;

static void
check(const struct shellparse *sp)
{
	const struct shellparse_cmd *c;
	const struct shellparse_word *w;
	size_t i, k;

	if (sp->ncmds > sp->cmdsmax || sp->nwords > sp->wordsmax ||
	    sp->nredirs > sp->redirsmax || sp->textlen > sp->textsize)
		abort();
	for (i = 0; i < sp->ncmds; i++) {
		c = &sp->cmds[i];
		if (c->nwords > 0 && (c->words < sp->words ||
		    c->words + c->nwords > sp->words + sp->nwords))
			abort();
		if (c->nredirs > 0 && (c->redirs < sp->redirs ||
		    c->redirs + c->nredirs > sp->redirs + sp->nredirs))
			abort();
		if (c->nassign > c->nwords)
			abort();
		if (c->next != SHELLPARSE_NONE && (c->next <= i ||
		    c->next >= sp->ncmds))
			abort();
		if (c->parent != SHELLPARSE_NONE && c->parent >= i &&
		    c->parent < sp->ncmds)
			abort();
		if (c->depth > SHELLPARSE_MAXDEPTH + 1)
			abort();
		for (k = 0; k < c->nwords + c->nredirs; k++) {
			w = k < c->nwords ? &c->words[k] :
			    &c->redirs[k - c->nwords].target;
			if (w->text == NULL || w->text[w->len] != '\0')
				abort();
			if ((w->flags & SHELLPARSE_W_PATTERN) &&
			    shellparse_pattern(w) == NULL)
				abort();
			if (shellparse_pattern(w) != NULL)
				(void)strlen(shellparse_pattern(w));
		}
		for (k = 0; k < c->nredirs; k++)
			if (c->redirs[k].body != NULL &&
			    c->redirs[k].body[c->redirs[k].bodylen] != '\0')
				abort();
	}
}

static void
setup(void)
{
	static char *cmd[] = { "rm -rf *", "curl * | sh", "git * clean *",
	    "sudo *", "* --no-verify *", "LD_PRELOAD=*", "find * -delete *",
	    "ls *", "echo *" };
	static char *path[] = { "*.env", "~/.ssh/*", "/etc/shadow",
	    "*/.aws/*" };
	static char *wpath[] = { "/etc/*", "*.conf" };
	static char *tool[] = { "shell" };
	static struct risk_match m[] = {
		{ RISK_M_COMMAND, NULL, cmd, 4, 0 },
		{ RISK_M_COMMAND, NULL, cmd + 4, 3, 0 },
		{ RISK_M_COMMAND, NULL, cmd + 7, 2, 0 },
		{ RISK_M_PATH, NULL, path, 4, 0 },
		{ RISK_M_TOOL, NULL, tool, 1, 0 },	/* AND */
		{ RISK_M_COMMAND, NULL, cmd + 7, 1, 0 },
		{ RISK_M_PATH, NULL, wpath, 2, 1 },	/* path write */
	};
	static struct risk_rule r[] = {
		{ "crit", "fuzz", 1, RISK_CRITICAL, &m[0], 1 },
		{ "high", "fuzz", 2, RISK_HIGH, &m[1], 1 },
		{ "low", "fuzz", 3, RISK_LOW, &m[2], 1 },
		{ "paths", "fuzz", 4, RISK_HIGH, &m[3], 1 },
		{ "shell-and-ls", "fuzz", 5, RISK_MEDIUM, &m[4], 2 },
		{ "shell", "fuzz", 6, RISK_LOW, &m[4], 1 },
		{ "writes", "fuzz", 7, RISK_CRITICAL, &m[6], 1 },
	};
	char err[256];

	if ((rs = risk_compile(r, sizeof(r) / sizeof(r[0]), NULL, err,
	    sizeof(err))) == NULL)
		abort();
}

/* The why text is safe to show: UTF-8, no control, nothing that hides. */
static int
why_ok(const char *why, size_t cap)
{
	const unsigned char *p = (const unsigned char *)why;
	size_t n, i, sl;
	uint32_t cp;

	if ((n = strnlen(why, cap)) == cap || !utf8_valid(why, n))
		return (0);
	for (i = 0; i < n; i += sl) {
		if (p[i] < 0x80) {
			if (p[i] < 0x20 || p[i] == 0x7f)
				return (0);
			sl = 1;
			continue;
		}
		sl = utf8_seqlen(p + i, n - i);
		if (sl < 2 || utf8_hides(p + i, sl, &cp))
			return (0);
	}
	return (1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shellparse sp;
	struct risk_result res;
	struct risk_call call;
	char *line;

	if (rs == NULL)
		setup();
	if (shellparse_init(&sp, arena, sizeof(arena)) == -1)
		abort();
	shellparse(&sp, (const char *)data, size, 0, SHELLPARSE_NONE);
	check(&sp);

	/* The classifier takes a C string. */
	if ((line = malloc(size + 1)) == NULL)
		return (0);
	memcpy(line, data, size);
	line[size] = '\0';
	memset(&call, 0, sizeof(call));
	call.tool = "shell";
	call.command = line;
	if (risk_classify(rs, &call, &res) != 0 ||
	    (int)res.level < RISK_LOW || res.level > RISK_CRITICAL ||
	    (int)res.decision < RISK_ALLOW || res.decision > RISK_DENY ||
	    (res.unparseable && res.level < RISK_HIGH) ||
	    !why_ok(res.why, sizeof(res.why)))
		abort();

	/* The same bytes as what an argv call reads (exec -i sh), in its
	   environment and as its directory. */
	{
		static const char *const av[] = { "sh", "-s", "--", "a" };
		const char *ev[2] = { line, "PS4=$(rm -rf /)" };

		memset(&call, 0, sizeof(call));
		call.tool = "exec";
		call.argv = av;
		call.argc = 4;
		call.envv = ev;
		call.envc = 2;
		call.input = line;
		call.inputlen = strlen(line);
		call.cwd = line;
		if (risk_classify(rs, &call, &res) != 0 ||
		    res.level != RISK_CRITICAL ||
		    !why_ok(res.why, sizeof(res.why)))
			abort();
		call.input = NULL;
		call.inputlen = 0;
		call.input_unknown = 1;
		call.envc = 1;
		if (risk_classify(rs, &call, &res) != 0 || !res.opaque ||
		    res.level < RISK_HIGH)
			abort();
	}
	free(line);
	return (0);
}
