/*
 * shellparse: split a POSIX sh / bash command line into simple commands,
 * for classifying what it would run.  Nothing is expanded or executed.
 *
 * Quotes ('', "", \, $'...', $"...") are removed; parameter expansions,
 * command substitutions and arithmetic are kept as written and flagged;
 * unquoted brace expansion ({a,b}, {1..3}) and word splitting on $IFS
 * are performed, because both turn one word into several.  Every place
 * a command can hide yields commands of its own: lists (; && || & and
 * newlines), pipelines, ( ) subshells, { } groups, $( ) and ` `
 * substitutions, <( ) >( ) process substitutions, substitutions inside
 * here-documents, if/while/for/case bodies and function bodies.
 *
 * All output lives in a caller-supplied arena (no allocation): a stack
 * buffer for the common case, a larger heap one when it runs out
 * (SHELLPARSE_E_NOMEM).  Parsing is lenient: after a syntax error
 * (unterminated quote, stray parenthesis) it goes on as far as it can,
 * so callers see every command it could find, and reports the first
 * error in sp->error.
 */
#ifndef HARNESS_SHELLPARSE_H
#define HARNESS_SHELLPARSE_H

#include <stddef.h>
#include <stdint.h>

#define SHELLPARSE_MAXLEN	65536	/* longest line parsed, bytes */
#define SHELLPARSE_MAXDEPTH	16	/* nesting of (), {}, $(), sh -c ... */
#define SHELLPARSE_MAXBRACE	64	/* words one brace expansion may make */
#define SHELLPARSE_NONE		UINT32_MAX

/* Errors, in sp->error (the first one met). */
#define SHELLPARSE_OK		0
#define SHELLPARSE_E_QUOTE	1	/* unterminated quote */
#define SHELLPARSE_E_SUBST	2	/* unterminated $( ) ${ } ` ` $(( )) */
#define SHELLPARSE_E_SYNTAX	3	/* unbalanced ( ) { }, stray operator */
#define SHELLPARSE_E_DEPTH	4	/* nested too deep */
#define SHELLPARSE_E_LONG	5	/* line too long */
#define SHELLPARSE_E_NOMEM	6	/* arena exhausted: retry bigger */
#define SHELLPARSE_E_COMPLEX	7	/* too many substitutions, words
					   from one brace expansion */
#define SHELLPARSE_E_NUL	8	/* NUL byte in the line */

/* Word flags. */
#define SHELLPARSE_W_QUOTED	0x01	/* some part was quoted or escaped */
#define SHELLPARSE_W_EXPAND	0x02	/* has $x ${x} $(x) `x` $((x)) */
#define SHELLPARSE_W_GLOB	0x04	/* has unquoted * ? [ or extglob */
#define SHELLPARSE_W_ASSIGN	0x08	/* NAME=value before the command */
#define SHELLPARSE_W_SUBST	0x10	/* has a command substitution */
#define SHELLPARSE_W_BRACE	0x20	/* made by brace expansion */
#define SHELLPARSE_W_OPAQUE	0x40	/* too intricate: pattern form "*" */
#define SHELLPARSE_W_SPLIT	0x80	/* has an expansion the shell may
					   split into fields: one not in ""
					   or "$@", "${a[@]}" */
#define SHELLPARSE_W_PATTERN	(SHELLPARSE_W_EXPAND | SHELLPARSE_W_GLOB | \
	SHELLPARSE_W_OPAQUE)

struct shellparse_word {
	const char	*text;		/* NUL-terminated, quotes removed */
	uint32_t	 len;
	uint32_t	 flags;
};

/*
 * A word whose value is not known before it runs (SHELLPARSE_W_PATTERN)
 * also has a pattern form: an fnmatch(3) glob that every value the
 * word can take matches; each expansion becomes "*", quoted glob
 * characters are escaped.  It is stored right after the text.
 */
static inline const char *
shellparse_pattern(const struct shellparse_word *w)
{
	if ((w->flags & SHELLPARSE_W_PATTERN) == 0)
		return (NULL);
	return (w->text + w->len + 1);
}

/* Redirection operators. */
#define SHELLPARSE_R_IN		1	/* < */
#define SHELLPARSE_R_OUT	2	/* > */
#define SHELLPARSE_R_APPEND	3	/* >> */
#define SHELLPARSE_R_CLOBBER	4	/* >| */
#define SHELLPARSE_R_RDWR	5	/* <> */
#define SHELLPARSE_R_DUPIN	6	/* <& */
#define SHELLPARSE_R_DUPOUT	7	/* >& */
#define SHELLPARSE_R_ALL	8	/* &> */
#define SHELLPARSE_R_ALLAPPEND	9	/* &>> */
#define SHELLPARSE_R_HEREDOC	10	/* << and <<- */
#define SHELLPARSE_R_HERESTR	11	/* <<< */

struct shellparse_redir {
	struct shellparse_word	 target;	/* file, fd, or delimiter */
	const char		*body;		/* here-document, or NULL */
	uint32_t		 bodylen;
	int16_t			 fd;		/* explicit fd, or -1 */
	uint8_t			 op;
	uint8_t			 quoted;	/* delimiter was quoted */
};

/* Command flags. */
#define SHELLPARSE_C_BG		0x01	/* followed by & */
#define SHELLPARSE_C_SUBSHELL	0x02	/* stands for a ( ) subshell */
#define SHELLPARSE_C_GROUP	0x04	/* stands for a { } group */
#define SHELLPARSE_C_KEYWORD	0x08	/* for/select/case/[[ header, or a
					   function name: runs nothing */
#define SHELLPARSE_C_PIPEIN	0x10	/* reads a pipe from a compound
					   command (for, while, if, case),
					   which has no command to link */

/*
 * One simple command.  Leading NAME=value words are words[0..nassign).
 * Stages of a pipeline are chained by next.  parent is the command that
 * consumes this one's output: the command holding the $( ), ` ` or
 * <( ) it came from, or the ( ) / { } it is in, or the caller's choice.
 */
struct shellparse_cmd {
	struct shellparse_word	*words;
	struct shellparse_redir	*redirs;
	uint32_t		 nwords;
	uint32_t		 nassign;
	uint32_t		 nredirs;
	uint32_t		 next;
	uint32_t		 parent;
	uint16_t		 depth;
	uint16_t		 flags;
	uint32_t		 mark;		/* free for the caller; 0 */
};

/*
 * The arena and the commands found so far.  Successive calls on one
 * arena append (a caller parses "sh -c" strings into the same one).
 */
struct shellparse {
	char			*text;
	size_t			 textsize, textlen;
	struct shellparse_word	*words;
	size_t			 wordsmax, nwords;
	struct shellparse_redir	*redirs;
	size_t			 redirsmax, nredirs;
	struct shellparse_cmd	*cmds;
	size_t			 cmdsmax, ncmds;
	int			 error;		/* first error, or 0 */
	size_t			 errpos;	/* its offset in its line */
	int			 full;		/* the arena ran out */
	uint32_t		 funcs;		/* function definitions met */
};

/* Lay an arena over buf; -1 if it is too small to be of use. */
int	 shellparse_init(struct shellparse *, void *, size_t);
/* Drop all commands, keep the arena. */
void	 shellparse_reset(struct shellparse *);
/*
 * Parse a line, appending its commands at the given nesting depth and
 * with the given parent for its top-level commands.  Returns 0, or -1
 * when an error was met (sp->error says which; unless it is
 * E_NOMEM, E_LONG or E_DEPTH, the commands found are still there).
 */
int	 shellparse(struct shellparse *, const char *, size_t, unsigned,
	    uint32_t);
/* Append one command whose words are argv, unquoted (exec style). */
int	 shellparse_argv(struct shellparse *, const char *const *, size_t,
	    unsigned, uint32_t);
/* The same, its environment's NAME=value strings first, as the
   command's assignments (strings without '=' are left out). */
int	 shellparse_argv_env(struct shellparse *, const char *const *,
	    size_t, const char *const *, size_t, unsigned, uint32_t);
/*
 * What the last command appended reads on its standard input: text
 * (len bytes, NUL-terminated, kept by the caller), as a here-string
 * would give it; or, for text NULL, input only known when it runs, as
 * from a pipe.
 */
int	 shellparse_input(struct shellparse *, const char *, size_t);
/* Scratch text from the arena, or NULL (then sp->error is E_NOMEM). */
char	*shellparse_alloc(struct shellparse *, size_t);
const char *shellparse_strerror(int);

#endif /* HARNESS_SHELLPARSE_H */
