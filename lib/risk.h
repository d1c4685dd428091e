/*
 * risk: classify a tool call an agent wants to run.  Rules give a risk
 * level (low .. critical); a policy maps each level to allow, ask or
 * deny.  Pure library: no I/O, no global state, thread-safe once a
 * rule set is compiled.
 *
 * A rule holds when every one of its matches holds (AND); a match
 * holds when any of its patterns does (OR).  Patterns are fnmatch(3)
 * globs without FNM_PATHNAME (so * crosses /), matched on:
 *
 *   RISK_M_TOOL     the tool name.
 *   RISK_M_COMMAND  the command line of a shell-like tool (or its
 *                   argv), word by word; see below.
 *   RISK_M_ARG      values of the tool's JSON arguments at a path:
 *                   $.a.b, $.a[0], $.a[*], $.a.*, $['a b'].  Scalars
 *                   are matched as text (true, 42, null); an array at
 *                   the end of the path is matched element by element.
 *   RISK_M_PATH     every file path the call touches: JSON arguments
 *                   whose key looks like a path (path, file, dir,
 *                   src, dst, target, *_path, filePath, ...), and
 *                   operands, --opt=VALUE values, redirection targets
 *                   and NAME=VALUE values of its commands (and of its
 *                   operands: dd if=X), @X, file://X, -oX.  A path
 *                   with . / .. / // in it is matched as written and
 *                   as normalised.  After cd DIR (or pushd) in
 *                   the line, a relative path in a later command is
 *                   also matched as DIR/path (cd /etc && cat shadow);
 *                   so is one of a command given env -C DIR, sudo
 *                   -D DIR, tar/git/make -C DIR.  A relative path
 *                   that climbs (../../etc/x) is also matched as
 *                   the absolute path it reaches from near the root
 *                   (/etc/x).
 *                   With write set, only the paths the call may
 *                   write: every one but those a program that only
 *                   reads is given (cat, grep, ls, ... named as they
 *                   are, not under a wrapper or after alias, hash -p
 *                   or PATH=), < targets, and the arguments of the
 *                   built-in read_file and list_files.
 *   RISK_M_NETWORK  the requested network ("none", "any" or a list
 *                   "host:port,..."), item by item, as written.
 *
 * Command lines in options, operands and variables are parsed too,
 * as commands of their own: ssh -o ProxyCommand=X, git -c
 * core.pager=X (and other keys that run commands, alias.n=!X), rsync
 * -e X, tar --to-command=X / -I X / --checkpoint-action=exec=X,
 * script -c X, vim -c '!X', trap X, alias n=X, and PROMPT_COMMAND,
 * PS0..PS4 or a variable naming a command another program runs (PAGER,
 * GIT_PAGER, EDITOR, GIT_SSH_COMMAND, ...) given to a command or
 * exported.  ((X)) at the start of a command is also parsed as the
 * commands X, as dash runs it.  A shell in a ( ) or { } reads what the
 * group reads; one fed by a pipe into a loop or if, one in a >( ), and
 * one reading a file (sh < f) run text only known when they run.  A
 * command under more than 8 wrappers counts as one whose name is only
 * known when it runs.
 *
 * Command patterns.  The line is parsed (shellparse.h) into simple
 * commands; each is matched on its own argv, and again after each
 * wrapper is taken off (env, sudo, doas, nice, nohup, timeout, time,
 * command, exec, builtin, xargs, busybox, stdbuf, setsid, ionice,
 * chrt, taskset, chroot, flock, pkexec, strace, runuser, setpriv,
 * systemd-run, valgrind, screen, ...); sh/bash/... -c
 * STRING, su -c, env -S, eval, watch, ssh HOST CMD and a shell fed a
 * here-document have their text parsed as a command line of its own;
 * find -exec CMD ; is matched as CMD.  An argv call (risk_call.argv)
 * is one command whose words are taken as they are, not shell-parsed;
 * its environment (envv) counts as assignments before it (NAME=value
 * rules, PS4 and the like), and what it reads on its input as a
 * here-string: a shell given a script there (exec -i sh) has it parsed,
 * and one given input not known here (input_unknown) is opaque.
 * A pattern is words, split like a shell would ('', "" and \ quote):
 *
 *   - the first word is matched against the command's basename
 *     (/bin/rm, \rm and "rm" are all rm).  "sh" stands for any shell
 *     (sh bash dash zsh ksh mksh ash yash fish ... and eval, source,
 *     .).  A first word "*" is any command; a pattern of only "*"
 *     matches every command.  A first word NAME=glob (LD_PRELOAD=*)
 *     matches variable assignments, before a command or after env or
 *     sudo, and nothing else.
 *   - an unquoted word "*" matches zero or more words.
 *   - words starting with - are options the command must have, in
 *     any order and place: -rf needs r and f, given as -rf, -fr,
 *     -r -f or -f -r; --force needs --force (also --force=x, or an
 *     abbreviation such as --for).  For a few commands long options
 *     count as their letters: rm --recursive = -r, -R = -r, --force
 *     = -f; likewise cp, mv, ln, chmod, chown, chgrp, git --force,
 *     curl, wget, sed -i, rsync.  Options the pattern does not name
 *     are allowed.  After a "--" word, words are operands.
 *   - other words are operands, each a glob on one word, matched in
 *     order against the command's operands (its words that are not
 *     options; everything after "--").
 *   - "A | B" holds when a command matching A feeds, later in the
 *     same pipeline, one matching B.  The output of $( ), ` ` and
 *     <( ) feeds the command they are in (bash -c "$(curl x)" is
 *     curl | bash), and a ( ) or { } feeds what its group feeds.  In
 *     a pipeline pattern a stage of one word takes any arguments:
 *     "curl * | sh" holds for "curl x | sh -s -- --yes".
 *
 * Values only known at run time.  A word holding $x, $(cmd) or an
 * unquoted glob matches a pattern word when some value of it could
 * ("rm -rf $d" matches "rm -rf /").  In a path, such a part stands
 * for one path component, as a shell glob does: $HOME/.ssh/key
 * matches a rule "~/.ssh/<star>", $PWD/a.c does not match a rule
 * "/etc/<star>".  A rule's own star crosses "/", though, so a rule
 * "<star>/.env.<star>" matches src/<star>.c, as a file src/.env.x.c
 * would.  (<star> stands for "*" here.)  A command whose name is
 * wholly unknown ($x args) matches only rules whose first word is a
 * glob, and otherwise counts as matching no rule (below).
 *
 * Text a shell runs from another command of the line: a shell that
 * reads its script on its input (x | sh, sh -s, sh /dev/stdin, source
 * /dev/stdin, sh < <(x)) or from a <( ) (sh <(x), . <(x)) runs what x
 * writes.  When x is echo, printf or cat of a here-document or
 * here-string (through cat or tee, in a ( ) or { }), that text is
 * known: escapes decoded (\n, \NNN, \xHH, %s and %b filled in), it is
 * parsed as the shell's own command line, as with sh -c.  Any other
 * writer (curl, base64 -d, a file, a loop) or a word of x with $x,
 * $(cmd) or a glob in it makes text only known when it runs.
 *
 * Classification: the highest level of all rules that hold wins (the
 * first defined among equals).  A line that cannot be parsed is at
 * least high, with unparseable set; so is a call with text a shell
 * runs that is only known when it runs, or with a command whose name
 * is ($x args, "$(which rm)" -rf /, /bin/r?), with opaque set: it
 * could be anything, whichever rules it also matches.  When no rule
 * holds the decision is policy->nomatch.  Also, every simple command
 * must be matched by some command rule: if one is not ("ls; python
 * x.py" with only a rule for ls), the decision is at least
 * policy->nomatch, unless a rule that names the tool and no command
 * holds (a blanket "this tool is low").  why names the deciding rule
 * and what it matched, and a command no rule matched; it is printable
 * ASCII.
 */
#ifndef HARNESS_RISK_H
#define HARNESS_RISK_H

#include <stddef.h>

struct json_object;

enum risk_level { RISK_LOW = 0, RISK_MEDIUM, RISK_HIGH, RISK_CRITICAL };
#define RISK_NLEVELS 4
enum risk_decision { RISK_ALLOW = 0, RISK_ASK, RISK_DENY };
enum risk_match_kind { RISK_M_TOOL, RISK_M_COMMAND, RISK_M_ARG, RISK_M_PATH,
	RISK_M_NETWORK };

struct risk_match {
	enum risk_match_kind kind;
	char	*path;		/* RISK_M_ARG only: JSON path, e.g. "$.url",
				   "$.files[*].name" */
	char	**patterns;	/* OR: any pattern matching is a match */
	size_t	 npatterns;
	/* Added. */
	int	 write;		/* RISK_M_PATH only: paths the call may
				   write, not those it only reads */
};

struct risk_rule {
	char	*name; char *file; int line;	/* where it was defined */
	enum risk_level level;
	struct risk_match *matches;	/* AND: every match must hold */
	size_t	 nmatches;
};

struct risk_policy {
	enum risk_decision decision[RISK_NLEVELS];	/* per level */
	enum risk_decision nomatch;			/* default: RISK_ASK */
};

struct risk_call {
	const char *tool;		/* tool name, e.g. "shell" */
	const char *command;		/* shell command line, or NULL */
	const char *const *argv;	/* raw argv (exec), or NULL */
	size_t	 argc;
	struct json_object *args;	/* tool arguments (json-c), or NULL */
	const char *network;		/* "none", "any", "host:port,...", or
					   NULL */
	/* Added. */
	const char *cwd;		/* the directory it runs in, or NULL
					   (the workspace): relative paths
					   are also matched from there */
	/* An argv call's environment and standard input (exec). */
	const char *const *envv;	/* NAME=value: its assignments */
	size_t	 envc;
	const char *input;		/* what it reads, NUL-terminated, or
					   NULL */
	size_t	 inputlen;
	int	 input_unknown;		/* it reads text not given here */
};

struct risk_result {
	enum risk_level level;		/* highest matched; RISK_LOW if only
					   default */
	enum risk_decision decision;
	int	 matched;		/* 0 = no rule matched, default
					   applied */
	int	 unparseable;		/* command line could not be parsed */
	const char *rule_name;		/* deciding rule (owned by ruleset) or
					   NULL */
	const char *rule_file;
	int	 rule_line;
	char	 why[256];		/* e.g. "rule rm-recursive
					   (harness.conf:42) matched
					   `rm -rf /`" */
	/* Added. */
	int	 ncommands;		/* simple commands examined */
	int	 uncovered;		/* of those, matched by no rule */
	int	 opaque;		/* a shell runs text only known when
					   it runs (curl x | sh) */
};

struct risk_ruleset;

/*
 * Compile rules once; copies what it keeps.  policy NULL means low
 * allow, medium ask, high ask, critical deny, nomatch ask.  Returns
 * NULL and a message in err on a bad rule.
 */
struct risk_ruleset *risk_compile(const struct risk_rule *, size_t,
	    const struct risk_policy *, char *err, size_t errlen);
void	 risk_free(struct risk_ruleset *);
/*
 * Classify one call.  Returns 0, or -1 if the classifier itself failed
 * (no rule set, out of memory): the result then says deny, critical,
 * and why.  A line too intricate to hold even in a large heap arena
 * returns 0 with level critical, unparseable, and at least ask.
 */
int	 risk_classify(const struct risk_ruleset *, const struct risk_call *,
	    struct risk_result *);
const char *risk_level_name(enum risk_level);
const char *risk_decision_name(enum risk_decision);
int	 risk_level_parse(const char *, enum risk_level *);
int	 risk_decision_parse(const char *, enum risk_decision *);

#endif /* HARNESS_RISK_H */
