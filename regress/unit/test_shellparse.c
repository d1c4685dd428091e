/*
 * test_shellparse: the command-line splitter.  Each case renders what
 * was parsed as a compact string: commands separated by ";", words by
 * ",", a ( ) placeholder as "()", a { } one as "{}", a keyword header
 * prefixed "K:", redirections as ",<op><target>".
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shellparse.h"
#include "../tap.h"

static char arena[1 << 16];

static const char *
opname(int op)
{
	switch (op) {
	case SHELLPARSE_R_IN:		return ("<");
	case SHELLPARSE_R_OUT:		return (">");
	case SHELLPARSE_R_APPEND:	return (">>");
	case SHELLPARSE_R_CLOBBER:	return (">|");
	case SHELLPARSE_R_RDWR:		return ("<>");
	case SHELLPARSE_R_DUPIN:	return ("<&");
	case SHELLPARSE_R_DUPOUT:	return (">&");
	case SHELLPARSE_R_ALL:		return ("&>");
	case SHELLPARSE_R_ALLAPPEND:	return ("&>>");
	case SHELLPARSE_R_HEREDOC:	return ("<<");
	case SHELLPARSE_R_HERESTR:	return ("<<<");
	}
	return ("?");
}

static void
render(const struct shellparse *sp, char *out, size_t len)
{
	const struct shellparse_cmd *c;
	size_t i, k;

	out[0] = '\0';
	for (i = 0; i < sp->ncmds; i++) {
		c = &sp->cmds[i];
		if (i > 0)
			strlcat(out, ";", len);
		if (c->flags & SHELLPARSE_C_SUBSHELL)
			strlcat(out, "()", len);
		if (c->flags & SHELLPARSE_C_GROUP)
			strlcat(out, "{}", len);
		if (c->flags & SHELLPARSE_C_KEYWORD)
			strlcat(out, "K:", len);
		for (k = 0; k < c->nwords; k++) {
			if (k > 0)
				strlcat(out, ",", len);
			strlcat(out, c->words[k].text, len);
		}
		for (k = 0; k < c->nredirs; k++) {
			if (k > 0 || c->nwords > 0)
				strlcat(out, ",", len);
			strlcat(out, opname(c->redirs[k].op), len);
			strlcat(out, c->redirs[k].target.text, len);
		}
	}
}

/* The line as a test name: one line, control bytes escaped. */
static const char *
shown(const char *line)
{
	static char buf[256];
	size_t i, o = 0;

	for (i = 0; line[i] != '\0' && o + 5 < sizeof(buf); i++) {
		if (line[i] == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else if (line[i] == '\t') {
			buf[o++] = '\\';
			buf[o++] = 't';
		} else if ((unsigned char)line[i] < 0x20 || line[i] == '#')
			buf[o++] = '?';
		else
			buf[o++] = line[i];
	}
	buf[o] = '\0';
	return (buf);
}

static int
parse(struct shellparse *sp, const char *line)
{
	shellparse_init(sp, arena, sizeof(arena));
	return (shellparse(sp, line, strlen(line), 0, SHELLPARSE_NONE));
}

/* Parses cleanly into exactly this. */
static void
ok(const char *line, const char *want)
{
	struct shellparse sp;
	char got[4096];
	int r;

	r = parse(&sp, line);
	render(&sp, got, sizeof(got));
	tap_ok(r == 0 && strcmp(got, want) == 0, "parse %s", shown(line));
	if (r != 0 || strcmp(got, want) != 0)
		TAP_DIAG("got \"%s\" (%s), want \"%s\"", got,
		    shellparse_strerror(sp.error), want);
}

/* Fails with this error, yet finds what it can. */
static void
bad(const char *line, int err, const char *want)
{
	struct shellparse sp;
	char got[4096];
	int r;

	r = parse(&sp, line);
	render(&sp, got, sizeof(got));
	tap_ok(r == -1 && sp.error == err && (want == NULL ||
	    strcmp(got, want) == 0), "error %s: %s", shellparse_strerror(err),
	    shown(line));
	if (!(r == -1 && sp.error == err && (want == NULL ||
	    strcmp(got, want) == 0)))
		TAP_DIAG("got \"%s\" (%d %s)", got, sp.error,
		    shellparse_strerror(sp.error));
}

/* The error is reported at the quote or substitution left open. */
static void
bad_at(const char *line, int err, size_t at)
{
	struct shellparse sp;
	int r;

	r = parse(&sp, line);
	tap_ok(r == -1 && sp.error == err && sp.errpos == at,
	    "error %s at offset %zu: %s", shellparse_strerror(err), at,
	    shown(line));
	if (!(r == -1 && sp.error == err && sp.errpos == at))
		TAP_DIAG("got %d %s at %zu", sp.error,
		    shellparse_strerror(sp.error), sp.errpos);
}

static int
same_word(const struct shellparse_word *a, const struct shellparse_word *b)
{
	const char *pa = shellparse_pattern(a), *pb = shellparse_pattern(b);

	return (a->len == b->len && a->flags == b->flags &&
	    memcmp(a->text, b->text, a->len) == 0 &&
	    (pa == NULL) == (pb == NULL) &&
	    (pa == NULL || strcmp(pa, pb) == 0));
}

/*
 * Parse fast, then slow (a comment sends a line to the full parser
 * without changing what it holds), and compare the two field by field.
 * With inner, a word may differ where it holds the comment: it holds
 * a substitution's text.
 */
static int
same_parse(const char *fast, const char *slow, int inner)
{
	static char arena2[1 << 16];
	struct shellparse a, b;
	const struct shellparse_cmd *x, *y;
	size_t i, k;
	int ra, rb, eq;

	ra = parse(&a, fast);
	shellparse_init(&b, arena2, sizeof(arena2));
	rb = shellparse(&b, slow, strlen(slow), 0, SHELLPARSE_NONE);
	eq = ra == rb && a.error == b.error && a.ncmds == b.ncmds;
	for (i = 0; eq && i < a.ncmds; i++) {
		x = &a.cmds[i];
		y = &b.cmds[i];
		eq = x->nwords == y->nwords && x->nassign == y->nassign &&
		    x->nredirs == y->nredirs && x->next == y->next &&
		    x->parent == y->parent && x->depth == y->depth &&
		    x->flags == y->flags;
		for (k = 0; eq && k < x->nwords; k++)
			eq = same_word(&x->words[k], &y->words[k]) ||
			    (inner && strstr(y->words[k].text, " #\n") !=
			    NULL && x->words[k].flags == y->words[k].flags);
	}
	return (eq && (!inner || (ra == 0 && a.ncmds > 1)));
}

/* The fast path for plain lines must read a line as the parser does. */
static void
same(const char *line)
{
	char slow[1024];

	snprintf(slow, sizeof(slow), "%s #", line);
	tap_ok(same_parse(line, slow, 0), "fast path reads %s as the parser "
	    "does", shown(line));
}

/*
 * A substitution's list takes the fast path too (sp_quickskip() finds
 * its end, sp_quickregion() reads it); a comment inside sends it to
 * the parser.
 */
static void
same_inner(const char *pre, const char *line, const char *post)
{
	char fast[1024], slow[1024];

	snprintf(fast, sizeof(fast), "%s%s%s", pre, line, post);
	snprintf(slow, sizeof(slow), "%s%s #\n%s", pre, line, post);
	tap_ok(same_parse(fast, slow, 1), "fast path reads the substitution "
	    "in %s as the parser does", shown(fast));
}

static void
fastpath(void)
{
	static const char *const lines[] = {
		"ls -la src", "git status", "cd build && make -j4 && ls",
		"a | b | c", "a || b; c & d", "a &\nb c", "a\nb\n\nc",
		"a |\n b", "a &&\n\n b", "echo 'a b' \"c d\"",
		"grep -rn 'TODO' src/", "\"r\"'m' -rf /", "echo ''",
		"echo \"\"", "'rm' -rf /", "x 'a*b' \"c?d\" '[x]'",
		"echo \"a'b\" 'c\"d'", "cat 'a\nb' | wc -l",
		"ls -la src; rm -rf build", "echo 'x;y|z&w'",
		"git commit -m 'fix: a thing'", "a 'b'c\"d\"e f",
		"'if' x", "\"A=1\" cmd", "ls\n", "\nls",
		"tar -czf out.tgz \"dir one\" 'dir two'",
	};
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		same(lines[i]);
	static const char *const inner[][3] = {
		{ "echo $(", "ls -la src", ")" },
		{ "echo \"$(", "ls -la | wc -l", ")\" > out.txt" },
		{ "X=$(", "a && b || c; d &", ") cmd" },
		{ "cat <(", "curl x | sh", ")" },
		{ "diff >(", "sort", ") b" },
		{ "x | while read a; do echo $(", "ls", "); done" },
		{ "x | if y; then z $(", "a | b", "); fi | w" },
		{ "echo `", "ls -la", "`" },
		{ "echo \"`", "id", "`\"" },
		{ "echo $(echo $(", "id", "))" },
		{ "for i in $(", "seq 3", "); do echo; done" },
		{ "[[ $(", "id", ") ]]" },
		{ "echo $(", "a | b", ") $(c) `d`" },
		{ "case $(", "uname", ") in x) y;; esac" },
		{ "f() { g $(", "h", "); }" },
		{ "(cd sub && ls) && `", "cat a.txt", "`" },
		{ "a $((1 + $(", "wc -l", ")))" },
	};

	for (i = 0; i < sizeof(inner) / sizeof(inner[0]); i++)
		same_inner(inner[i][0], inner[i][1], inner[i][2]);
	/* Lines the fast path leaves to the parser, parsed the same. */
	ok("echo \"$HOME\" 'x'", "echo,$HOME,x");
	bad("echo 'unterminated", SHELLPARSE_E_QUOTE, "echo,unterminated");
}

static void
structure(void)
{
	struct shellparse sp;
	const struct shellparse_cmd *c;
	uint32_t i, j;

	parse(&sp, "a | b | c && d");
	c = sp.cmds;
	tap_ok(sp.ncmds == 4 && c[0].next == 1 && c[1].next == 2 &&
	    c[2].next == SHELLPARSE_NONE && c[3].next == SHELLPARSE_NONE,
	    "pipeline stages are chained, && starts a new pipeline");

	parse(&sp, "a & b; c|d");
	c = sp.cmds;
	tap_ok(sp.ncmds == 4 && (c[0].flags & SHELLPARSE_C_BG) &&
	    !(c[1].flags & SHELLPARSE_C_BG) && c[2].next == 3 &&
	    c[1].next == SHELLPARSE_NONE, "& runs in the background");

	parse(&sp, "coproc sh; ls | coproc { bash; }; coproc cat");
	c = sp.cmds;
	tap_ok(sp.ncmds == 5 && strcmp(c[0].words[0].text, "sh") == 0 &&
	    (c[0].flags & SHELLPARSE_C_PIPEIN) &&
	    !(c[1].flags & SHELLPARSE_C_PIPEIN) && c[1].next == 2 &&
	    (c[2].flags & SHELLPARSE_C_GROUP) &&
	    (c[4].flags & SHELLPARSE_C_PIPEIN),
	    "coproc: what follows reads a pipe, not the line");

	parse(&sp, "sh -c \"$(curl x | base64 -d)\"");
	c = sp.cmds;
	tap_ok(sp.ncmds == 3 && c[1].parent == 0 && c[2].parent == 0 &&
	    c[1].next == 2 && c[1].depth == 1 && c[0].depth == 0,
	    "a substitution's commands feed the command holding it");

	parse(&sp, "(curl x; true) | sh");
	c = sp.cmds;
	tap_ok(sp.ncmds == 4 && (c[0].flags & SHELLPARSE_C_SUBSHELL) &&
	    c[1].parent == 0 && c[2].parent == 0 && c[0].next == 3,
	    "a subshell stands in its pipeline for its commands");

	parse(&sp, "FOO=1 BAR=$(id) env");
	c = sp.cmds;
	tap_ok(sp.ncmds == 2 && c[0].nassign == 2 && c[0].nwords == 3 &&
	    (c[0].words[0].flags & SHELLPARSE_W_ASSIGN) &&
	    (c[0].words[1].flags & SHELLPARSE_W_SUBST),
	    "leading assignments are counted and flagged");

	parse(&sp, "echo \"a\"b 'c' \\d e");
	c = sp.cmds;
	tap_ok(sp.ncmds == 1 && c[0].nwords == 5 &&
	    (c[0].words[1].flags & SHELLPARSE_W_QUOTED) &&
	    (c[0].words[3].flags & SHELLPARSE_W_QUOTED) &&
	    !(c[0].words[4].flags & SHELLPARSE_W_QUOTED),
	    "quoting is flagged per word");

	/* which expansions the shell may split into fields */
	parse(&sp, "f $a ${b} $(c) `d` $1 $((2)) \"$@\" \"${x[@]}\" "
	    "\"$e\" \"${f}\" \"$(g)\" \"`h`\" $'i' $\"j\" k=\"$l\" "
	    "\"${m:-$n}\" m$ '$o'");
	c = sp.cmds;
	for (i = 1, j = 0; sp.ncmds == 5 && c[0].nwords == 19 && i < 19;
	    i++)
		j += ((c[0].words[i].flags & SHELLPARSE_W_SPLIT) != 0) ==
		    (i <= 8);
	tap_ok(sp.ncmds == 5 && c[0].nwords == 19 && j == 18,
	    "W_SPLIT: unquoted expansions, \"$@\" and \"${x[@]}\"; "
	    "not \"$x\", $'x', $\"x\" or a lone $");
	parse(&sp, "ls $HOME/x* '*' \"$y\"");
	c = sp.cmds;
	tap_ok(sp.ncmds == 1 && c[0].nwords == 4 &&
	    shellparse_pattern(&c[0].words[1]) != NULL &&
	    strcmp(shellparse_pattern(&c[0].words[1]), "*/x*") == 0 &&
	    shellparse_pattern(&c[0].words[2]) == NULL &&
	    strcmp(shellparse_pattern(&c[0].words[3]), "*") == 0,
	    "pattern form: expansions are *, quoted globs are literal");

	parse(&sp, "cat <<'EOF'\n$(id)\nEOF");
	c = sp.cmds;
	tap_ok(sp.ncmds == 1 && c[0].nredirs == 1 &&
	    c[0].redirs[0].body != NULL &&
	    strcmp(c[0].redirs[0].body, "$(id)\n") == 0 &&
	    c[0].redirs[0].quoted,
	    "quoted here-document: body kept, nothing run");

	parse(&sp, "cat 2>/dev/null 3<&0 >&2");
	c = sp.cmds;
	tap_ok(sp.ncmds == 1 && c[0].nredirs == 3 && c[0].redirs[0].fd == 2 &&
	    c[0].redirs[1].fd == 3 && c[0].redirs[2].fd == -1 &&
	    c[0].redirs[2].op == SHELLPARSE_R_DUPOUT,
	    "redirections keep their file descriptors");
}

static void
limits(void)
{
	struct shellparse sp;
	char *big, small[2048];
	size_t i;
	int r;

	big = malloc(SHELLPARSE_MAXLEN + 2);
	if (big == NULL)
		exit(1);
	memset(big, 'a', SHELLPARSE_MAXLEN + 1);
	big[SHELLPARSE_MAXLEN + 1] = '\0';
	shellparse_init(&sp, arena, sizeof(arena));
	r = shellparse(&sp, big, SHELLPARSE_MAXLEN + 1, 0, SHELLPARSE_NONE);
	tap_ok(r == -1 && sp.error == SHELLPARSE_E_LONG, "too long");
	free(big);

	/* ( ( ( ... a ... ) ) ): spaced, or (( would be arithmetic. */
	for (i = 0; i < 20; i++) {
		small[2 * i] = '(';
		small[2 * i + 1] = ' ';
		small[41 + 2 * i] = ' ';
		small[42 + 2 * i] = ')';
	}
	small[40] = 'a';
	small[81] = '\0';
	r = parse(&sp, small);
	tap_ok(r == -1 && sp.error == SHELLPARSE_E_DEPTH, "too deep ( )");

	small[0] = '\0';
	for (i = 0; i < 30; i++)
		strlcat(small, "$(", sizeof(small));
	strlcat(small, "id", sizeof(small));
	for (i = 0; i < 30; i++)
		strlcat(small, ")", sizeof(small));
	r = parse(&sp, small);
	tap_ok(r == -1 && sp.error == SHELLPARSE_E_DEPTH, "too deep $( )");

	small[0] = '\0';
	for (i = 0; i < 200; i++)
		strlcat(small, "\"${", sizeof(small));
	r = parse(&sp, small);
	tap_ok(r == -1, "deep unterminated quoting is refused: %s",
	    shellparse_strerror(sp.error));

	/* A small arena runs out and says so. */
	shellparse_init(&sp, small, sizeof(small));
	r = shellparse(&sp, "a b c d e f g h i j k l m n o p q r s t u v w x "
	    "y z a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d "
	    "e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j "
	    "k l m n o p q r s t u v w x y z a b c d e f", 200, 0,
	    SHELLPARSE_NONE);
	tap_ok(r == -1 && sp.error == SHELLPARSE_E_NOMEM && sp.full,
	    "a full arena is reported");

	/*
	 * Each (( that is not arithmetic is tried once: read again each
	 * time the one before it is, this line took days.  More of them
	 * than the parser keeps track of is too complex.
	 */
	big = malloc(16 * 80 + 1);
	if (big == NULL)
		exit(1);
	big[0] = '\0';
	for (i = 0; i < 60; i++)
		strlcat(big, "$((()()(){x:$ ", 16 * 80 + 1);
	shellparse_init(&sp, arena, sizeof(arena));
	r = shellparse(&sp, big, strlen(big), 0, SHELLPARSE_NONE);
	tap_ok(r == -1 && sp.error == SHELLPARSE_E_SYNTAX && sp.ncmds == 121,
	    "60 (( that are not arithmetic: %s, %zu commands",
	    shellparse_strerror(sp.error), (size_t)sp.ncmds);
	for (; i < 80; i++)
		strlcat(big, "$((()()(){x:$ ", 16 * 80 + 1);
	shellparse_init(&sp, arena, sizeof(arena));
	r = shellparse(&sp, big, strlen(big), 0, SHELLPARSE_NONE);
	tap_ok(r == -1 && sp.error == SHELLPARSE_E_COMPLEX,
	    "80 (( that are not arithmetic: %s",
	    shellparse_strerror(sp.error));
	free(big);

	r = parse(&sp, "echo {a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}");
	tap_ok(r == -1 && sp.error == SHELLPARSE_E_COMPLEX,
	    "brace expansion is bounded");

	{
		/* Only the first 14 bytes are the line: nothing past them. */
		const char line[] = "echo $(for x((XYZ";
		char got[256];

		shellparse_init(&sp, arena, sizeof(arena));
		r = shellparse(&sp, line, 14, 0, SHELLPARSE_NONE);
		render(&sp, got, sizeof(got));
		tap_ok(r == -1 && strchr(got, 'X') == NULL,
		    "a failed for (( reads nothing past the line: %s", got);
	}
	{
		const char nul[] = "echo a\0b";

		shellparse_init(&sp, arena, sizeof(arena));
		r = shellparse(&sp, nul, sizeof(nul) - 1, 0,
		    SHELLPARSE_NONE);
		tap_ok(r == -1 && sp.error == SHELLPARSE_E_NUL,
		    "NUL byte refused");
	}
}

int
main(void)
{
	/* Lists and pipelines. */
	ok("rm -rf /", "rm,-rf,/");
	ok("cd x && rm -rf ~", "cd,x;rm,-rf,~");
	ok("true; rm -rf /", "true;rm,-rf,/");
	ok("a || b | c & d", "a;b;c;d");
	ok("echo ok\nrm -rf /", "echo,ok;rm,-rf,/");
	ok("a |\n b", "a;b");
	ok("a&&b||c;d&", "a;b;c;d");
	ok("make && if=1 x", "make;if=1,x");
	bad("ls && then", SHELLPARSE_E_SYNTAX, "ls");
	ok("a &&\n\n b", "a;b");

	/* Compounds balance, as bash has them. */
	ok("if a; then b; elif c; then d; else e; fi", "a;b;c;d;e");
	ok("while a; do b; done; until c; do d; done", "a;b;c;d");
	ok("for x in do done; do echo $x; done", "K:for,x,in,do,done;echo,$x");
	ok("echo fi done then esac", "echo,fi,done,then,esac");
	ok("x=$(if a; then b; fi)", "x=$(if a; then b; fi);a;b");
	ok("time { ls; }", "{};ls");
	ok("time -p while a; do b; done", "a;b");
	ok("time ls", "time,ls");
	ok("coproc X { ls; }", "{};ls");
	ok("coproc ls x", "ls,x");
	bad("if a; then b", SHELLPARSE_E_SYNTAX, "a;b");
	bad("a; fi", SHELLPARSE_E_SYNTAX, "a");
	bad("a; done", SHELLPARSE_E_SYNTAX, "a");
	bad("do a", SHELLPARSE_E_SYNTAX, "a");
	bad("a; esac", SHELLPARSE_E_SYNTAX, "a");
	bad("while a; do b", SHELLPARSE_E_SYNTAX, "a;b");
	ok("  ls  -l\t-a  ", "ls,-l,-a");
	ok("", "");
	ok("echo hi # ; rm -rf /", "echo,hi");
	ok("echo a#b", "echo,a#b");
	ok("echo \\\n hi", "echo,hi");

	/* Quoting. */
	ok("r\"\"m -rf /", "rm,-rf,/");
	ok("'rm' -rf /", "rm,-rf,/");
	ok("\\rm -rf /", "rm,-rf,/");
	ok("\"r\"'m' x", "rm,x");
	ok("echo 'a b' \"c d\" e\\ f", "echo,a b,c d,e f");
	ok("echo \"a\\\"b\\$c\\x\"", "echo,a\"b$c\\x");
	ok("echo ''", "echo,");
	ok("$'\\x72m' -rf /", "rm,-rf,/");
	ok("$'\\162m' $'\\u0041\\t' $'a\\'b'", "rm,A\t,a'b");
	ok("echo $'a\\x00b'", "echo,a");
	ok("echo $\"x y\"", "echo,x y");

	/* Expansions stay as written. */
	ok("echo $HOME ${x:-y} $1 $@ $$", "echo,$HOME,${x:-y},$1,$@,$$");
	ok("echo \"$HOME/x\"", "echo,$HOME/x");
	ok("echo $((1 + 2))", "echo,$((1 + 2))");
	ok("echo $ x$", "echo,$,x$");
	ok("rm${IFS}-rf${IFS}/", "rm,-rf,/");
	ok("rm$IFS-rf /", "rm,-rf,/");
	ok("echo \"a${IFS}b\"", "echo,a${IFS}b");
	ok("{rm,-rf,/}", "rm,-rf,/");
	ok("echo x{1..3}y {a..c}", "echo,x1y,x2y,x3y,a,b,c");
	ok("echo {a,{b,c}}d", "echo,ad,bd,cd");
	ok("echo {} {a} '{a,b}' a{,b}", "echo,{},{a},{a,b},a,ab");
	ok("find . -exec rm {} +", "find,.,-exec,rm,{},+");
	ok("x=a{b,c}", "x=a{b,c}");
	ok("echo @(a|b) *.c", "echo,@(a|b),*.c");

	/* Substitutions are parsed as commands of their own. */
	ok("echo $(rm -rf /)", "echo,$(rm -rf /);rm,-rf,/");
	ok("echo `rm -rf /`", "echo,`rm -rf /`;rm,-rf,/");
	ok("echo \"x$(id)y\"", "echo,x$(id)y;id");
	ok("echo $(a $(b) `c`)", "echo,$(a $(b) `c`);a,$(b),`c`;b;c");
	ok("x=`echo \\`id\\``", "x=`echo \\`id\\``;echo,`id`;id");
	ok("echo \"`echo \\\"a\\\"`\"", "echo,`echo \\\"a\\\"`;echo,a");
	ok("echo ${x:-$(id)}", "echo,${x:-$(id)};id");
	ok("echo $(( $(id) + 1 ))", "echo,$(( $(id) + 1 ));id");
	ok("echo $( (id) )", "echo,$( (id) );();id");
	/* $((id) ) is not arithmetic: a substitution, each time read. */
	ok("echo $((id) ) \"$((ls) )\"", "echo,$((id) ),$((ls) );();id;();ls");
	ok("echo $(echo $((id) ))", "echo,$(echo $((id) ));echo,$((id) );();id");
	ok("echo `echo $((a) )` `echo $((b) )`",
	    "echo,`echo $((a) )`,`echo $((b) )`;echo,$((a) );();a;echo,$((b) );();b");
	ok("echo $((1 + $((2) )))", "echo,$((1 + $((2) )));();2");
	ok("diff <(curl x) >(tee y)", "diff,<(curl x),>(tee y);curl,x;tee,y");
	ok("cat < <(id)", "cat,<<(id);id");
	ok("echo $(echo ')')", "echo,$(echo ')');echo,)");
	ok("echo $(case x in a) echo;; esac)",
	    "echo,$(case x in a) echo;; esac);K:case,x;echo");
	ok("a=(1 $(id) 3) b", "a=(1 $(id) 3),b;id");

	/* Grouping. */
	ok("(rm -rf /)", "();rm,-rf,/");
	ok("{ rm -rf /; }", "{};rm,-rf,/");
	ok("( a; b ) > f", "()>f;a;b");
	ok("{ a; } | sh", "{};a;sh");
	/* bash's arithmetic is dash's ( ( ) ): its text is commands too */
	ok("((i++)); ls", "i++;ls");
	ok("((rm -rf /))", "rm,-rf,/");
	ok("if ((curl x | sh)); then :; fi", "curl,x;sh;:");
	ok("if true; then rm -rf /; elif a; then b; else c; fi",
	    "true;rm,-rf,/;a;b;c");
	ok("while read x; do echo \"$x\"; done < f | sort",
	    "read,x;echo,$x;<f;sort");
	ok("for f in *.c; do wc -l \"$f\"; done", "K:for,f,in,*.c;wc,-l,$f");
	ok("for ((i=0;i<3;i++)); do a; done", "K:for;a");
	ok("case $x in a|b) rm -rf /;; (c) ls;; esac",
	    "K:case,$x;rm,-rf,/;ls");
	ok("f() { rm -rf /; }; f", "K:f;{};rm,-rf,/;f");
	ok("function g { rm; }", "{};rm");
	ok("function h () { ls; }", "{};ls");
	ok("function \"$(id)\" { ls; }", "K:$(id);id;{};ls");
	ok("[[ -f x && $(id) ]] && echo", "K:[[,-f,x,&&,$(id),]];id;echo");
	ok("! true", "true");
	ok("time ls", "time,ls");

	/* Redirections and here-documents. */
	ok("cat < .env", "cat,<.env");
	ok("ls 2>&1 >/dev/null | grep x", "ls,>&1,>/dev/null;grep,x");
	ok("echo x >>log &>all &>>more >|f <>rw",
	    "echo,x,>>log,&>all,&>>more,>|f,<>rw");
	ok("> /etc/passwd", ">/etc/passwd");
	/* A target is brace-expanded too; two words run nothing. */
	ok("echo x > ~/.bash{r..r}c", "echo,x,>~/.bashrc");
	ok("cat < /etc/shado{w,}", "cat,</etc/shadow");
	ok("echo x >a{1,2}", "echo,x,>a1");
	ok("echo x >'a{1,2}'", "echo,x,>a{1,2}");
	ok("cat <<EOF\n$(rm -rf /)\nEOF\necho hi",
	    "cat,<<EOF;rm,-rf,/;echo,hi");
	ok("cat <<-\"X\"\n\t$(no)\n\tX\nls", "cat,<<X;ls");
	ok("a <<A; b <<B\nx\nA\ny\nB\nc", "a,<<A;b,<<B;c");
	ok("sh <<< 'rm -rf /'", "sh,<<<rm -rf /");
	ok("cat <<EOF", "cat,<<EOF");
	/* The body ends where bash ends it: a delimiter made by a
	   backslash-newline; inside $( ), at "EOF)". */
	ok("cat <<EOF\nx\nE\\\nOF\nid\nEOF", "cat,<<EOF;id;EOF");
	ok("cat <<'EOF'\nx\nE\\\nOF\nid\nEOF\nls", "cat,<<EOF;ls");
	ok("echo $(cat <<EOF\nx\nEOF);id\n", "echo,$(cat <<EOF\nx\nEOF);cat,<<EOF;id");
	ok("(cat <<EOF\nx\nEOF);id\nEOF\n)", "();cat,<<EOF");
	/* $[ ] is arithmetic: its << is a shift. */
	ok("echo $[1<<2]\nid", "echo,$[1<<2];id");
	/* ]] split by a backslash-newline still ends the test. */
	ok("[[ x ]\\\n] && id", "K:[[,x,]];id");

	/* Assignments. */
	ok("FOO=1 rm -rf /", "FOO=1,rm,-rf,/");
	ok("A=1 B=\"x y\" cmd C=2", "A=1,B=x y,cmd,C=2");

	/* Errors: reported, but what could be read is kept. */
	bad("echo 'abc", SHELLPARSE_E_QUOTE, "echo,abc");
	bad("echo \"abc", SHELLPARSE_E_QUOTE, "echo,abc");
	bad("rm -rf / 'x", SHELLPARSE_E_QUOTE, "rm,-rf,/,x");
	bad("echo $'abc", SHELLPARSE_E_QUOTE, NULL);
	bad("echo $(ls", SHELLPARSE_E_SUBST, "echo,$(ls;ls");
	bad("echo $(rm -rf /; echo", SHELLPARSE_E_SUBST, NULL);
	bad("echo `ls", SHELLPARSE_E_SUBST, "echo,`ls;ls");
	bad("echo ${x", SHELLPARSE_E_SUBST, NULL);
	bad_at("echo 'abc", SHELLPARSE_E_QUOTE, 5);
	bad_at("echo \"abc", SHELLPARSE_E_QUOTE, 5);
	bad_at("echo \"$(true) x", SHELLPARSE_E_QUOTE, 5);
	bad_at("ls; echo $'abc", SHELLPARSE_E_QUOTE, 9);
	bad_at("echo $(ls", SHELLPARSE_E_SUBST, 5);
	bad_at("echo \"a $(ls", SHELLPARSE_E_SUBST, 8);
	bad_at("echo x`ls", SHELLPARSE_E_SUBST, 6);
	bad_at("echo ${x", SHELLPARSE_E_SUBST, 5);
	bad_at("echo $[1 + 2", SHELLPARSE_E_SUBST, 5);
	bad_at("cat <(ls", SHELLPARSE_E_SUBST, 4);
	bad("(rm -rf /", SHELLPARSE_E_SYNTAX, "();rm,-rf,/");
	bad("{ rm -rf /", SHELLPARSE_E_SYNTAX, "{};rm,-rf,/");
	bad("rm -rf /)", SHELLPARSE_E_SYNTAX, "rm,-rf,/");
	ok("ls }", "ls,}");
	bad("}", SHELLPARSE_E_SYNTAX, "");
	bad("| ls", SHELLPARSE_E_SYNTAX, "ls");
	bad("ls |", SHELLPARSE_E_SYNTAX, "ls");
	bad("ls && && x", SHELLPARSE_E_SYNTAX, "ls;x");
	bad("ls &&", SHELLPARSE_E_SYNTAX, "ls");
	bad("; ls", SHELLPARSE_E_SYNTAX, "ls");
	bad("ls ;; x", SHELLPARSE_E_SYNTAX, "ls;x");
	bad("case x in a) ls", SHELLPARSE_E_SYNTAX, NULL);
	bad("echo >", SHELLPARSE_E_SYNTAX, NULL);

	structure();
	fastpath();
	limits();
	return (tap_done());
}
