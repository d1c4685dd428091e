/*
 * shellparse.c: split a command line into the simple commands it would
 * run, for risk classification (see shellparse.h).
 *
 * One recursive-descent pass over the line.  Words are scanned into
 * the arena's text; a command's words and redirections are appended
 * contiguously because nothing else is appended while a command is
 * being read: the insides of $( ), ` ` and <( ) are only skimmed to
 * find where they end ("skip" mode, which stores nothing) and are
 * parsed for real once the command that holds them is complete.
 */

#include <sys/types.h>

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexdig.h"
#include "shellparse.h"
#include "utf8.h"

#define SP_MAXREGIONS	128	/* pending substitutions */
#define SP_MAXHEREDOC	16	/* pending here-documents */
#define SP_MAXMARKS	64	/* marks in one word */
#define SP_MAXDELIM	128	/* here-document delimiter */
#define SP_MAXNEST	96	/* C recursion of the scanner */
#define SP_MAXNOARITH	128	/* (( that were not arithmetic */

/* How sp_list() ended. */
#define END_EOF		0
#define END_PAREN	1
#define END_BRACE	2
#define END_CASEITEM	3
#define END_ESAC	4

/* What a list is closed by. */
#define CL_EOF		0
#define CL_PAREN	1
#define CL_BRACE	2
#define CL_CASE		3

/* Regions: substitutions parsed once their command is complete. */
#define RG_SUBST	0	/* $( ), <( ), >( ) */
#define RG_BACKTICK	1	/* ` `: \` \\ \$ are unescaped first */
#define RG_BACKTICK_DQ	2	/* ` ` inside "": \" too */

struct sp_region {
	const char	*in;
	uint32_t	 start, end;
	uint32_t	 parent;
	uint8_t		 kind;
};

/* Where a (( was found not to be arithmetic: not tried again. */
struct sp_noarith {
	const char	*in;
	size_t		 pos;
};

struct sp_heredoc {
	char		 delim[SP_MAXDELIM];
	size_t		 dlen;
	uint32_t	 cmd;
	uint32_t	 redir;
	int		 strip;
	int		 quoted;
};

/* Marks on the word being scanned, offsets from its start. */
#define MK_EXP		1	/* expansion: any value */
#define MK_GLOB		2	/* unquoted * ? [ */
#define MK_XGLOB	3	/* extglob ?( ) *( ) +( ) @( ) !( ) */
#define MK_BROPEN	4	/* unquoted { , } */
#define MK_BRCOMMA	5
#define MK_BRCLOSE	6
#define MK_IFS		7	/* unquoted $IFS: the word splits here */

/* Unit classes for brace expansion and splitting. */
#define U_LIT		0
#define U_GLOB		1
#define U_EXP		2
#define U_XGLOB		3
#define U_BROPEN	4
#define U_BRCOMMA	5
#define U_BRCLOSE	6
#define U_IFS		7

struct sp_mark {
	uint32_t	 off, len;
	uint8_t		 kind;
};

struct sp_unit {
	uint8_t		 ch, cls;
};

struct sp_wstate {
	size_t		 start;		/* text offset of the word */
	size_t		 firstq;	/* first quoted/expanded byte */
	size_t		 nmk;
	uint32_t	 flags;
	int		 mkover;
	int		 bropen;
	int		 sqopen;	/* unquoted [ seen */
	int		 lastplain;
};

struct sp {
	struct shellparse	*a;
	const char		*in;
	size_t			 len, pos;
	unsigned		 depth;		/* of the commands being read */
	unsigned		 nest;		/* C recursion */
	int			 skip;		/* >0: only find the end */
	int			 notext;	/* >0: store no text */
	int			 err;		/* hard error: stop */
	int			 soft;		/* first error of any kind */
	size_t			 softpos;
	uint32_t		 curcmd;	/* parent of new regions */
	unsigned		 kwlevel;	/* if/while/for/case open */
	unsigned		 cmplevel;	/* if/while/until/for/select
						   open, all lists */
	unsigned		 cmpbase;	/* ...when this list began */
	unsigned		 pinlevel;	/* >0: the compound at this
						   level reads a pipe */
	size_t			 nrg;
	size_t			 nhd, hdbase;
	struct sp_wstate	 w;
	size_t			 brcount;	/* words from one expansion */
	unsigned		 comsub;	/* >0: finding a $( )'s end */
	size_t			 nnoarith;
	struct sp_noarith	 noarith[SP_MAXNOARITH];
	struct sp_mark		 mk[SP_MAXMARKS];
	struct sp_region	 rg[SP_MAXREGIONS];
	struct sp_heredoc	 hd[SP_MAXHEREDOC];
};

/* The command being read. */
#define M_NORMAL	0
#define M_AFTER		1	/* after ( ) or { }: redirections only */
#define M_FOR		2	/* for/select header */
#define M_CASEHDR	3	/* case WORD ... in */
#define M_TEST		4	/* [[ ... ]] */
#define M_FUNCNAME	5	/* function NAME */
#define M_FUNCPAREN	6	/* after function NAME: optional () */

struct sp_cmd {
	uint32_t	 slot;
	uint32_t	 parent;
	uint32_t	 pipe_from;
	size_t		 wbase, rbase, regbase;
	uint32_t	 nwords, nassign, nredirs;
	uint16_t	 flags;
	int		 mode;
	int		 used;
};

/* Reserved words that matter at the start of a command. */
#define KW_NONE		0
#define KW_SKIP		1	/* if then else elif fi do done while ... */
#define KW_LBRACE	2
#define KW_RBRACE	3
#define KW_ESAC		4
#define KW_FOR		5
#define KW_CASE		6
#define KW_FUNCTION	7
#define KW_TEST		8
#define KW_CLOSE	9	/* fi done: a pipe or redirection may follow */
#define KW_COPROC	10	/* coproc: what follows reads a pipe the
				   shell writes later, not the line's */
#define KW_TIME		11	/* time [-p] before a compound: bash's
				   keyword; else the program, a word */

#define CC_END		1	/* ends a word */
#define CC_SPEC		2	/* needs a look inside a word */

static const uint8_t sp_cc[256] = {
	[0] = CC_SPEC,
	[' '] = CC_END, ['\t'] = CC_END, ['\n'] = CC_END,
	[';'] = CC_END, ['&'] = CC_END, ['|'] = CC_END,
	['<'] = CC_END, ['>'] = CC_END, ['('] = CC_END, [')'] = CC_END,
	['\\'] = CC_SPEC, ['\''] = CC_SPEC, ['"'] = CC_SPEC, ['`'] = CC_SPEC,
	['$'] = CC_SPEC, ['*'] = CC_SPEC, ['?'] = CC_SPEC, ['['] = CC_SPEC,
	['{'] = CC_SPEC, [','] = CC_SPEC, ['}'] = CC_SPEC, [']'] = CC_SPEC,
};

/* Glob characters, escaped where a pattern form holds them quoted. */
static const uint8_t sp_globc[256] = {
	['*'] = 1, ['?'] = 1, ['['] = 1, [']'] = 1, ['\\'] = 1,
};

static int	 sp_list(struct sp *, int, uint32_t);
static void	 sp_blanks(struct sp *);
static void	 sp_word(struct sp *);
static void	 sp_dollar(struct sp *, int);
static void	 sp_dquote(struct sp *);
static void	 sp_backtick(struct sp *, int);
static void	 sp_regions(struct sp *, size_t);
static size_t	 sp_quickskip(struct sp *, size_t);
static int	 sp_quickregion(struct sp *, const char *, size_t,
		    uint32_t);
static void	 sp_oldarith(struct sp *);
static void	 sp_brace(struct sp *, const struct sp_unit *, size_t, int,
		    uint32_t);

static void
sp_hard(struct sp *p, int e)
{
	if (p->err == 0)
		p->err = e;
	if (p->soft == 0) {
		p->soft = e;
		p->softpos = p->pos;
	}
}

static void
sp_soft(struct sp *p, int e)
{
	if (p->soft == 0) {
		p->soft = e;
		p->softpos = p->pos;
	}
}

/* As sp_soft(), at the quote or substitution left open. */
static void
sp_soft_at(struct sp *p, int e, size_t at)
{
	if (p->soft == 0) {
		p->soft = e;
		p->softpos = at;
	}
}

static int
sp_enter(struct sp *p)
{
	if (++p->nest > SP_MAXNEST) {
		sp_hard(p, SHELLPARSE_E_DEPTH);
		p->nest--;
		return (0);
	}
	return (1);
}

static inline void
sp_put(struct sp *p, int ch)
{
	struct shellparse *a = p->a;

	if (p->notext)
		return;
	if (a->textsize - a->textlen < 2) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return;
	}
	a->text[a->textlen++] = (char)ch;
}

static void
sp_putn(struct sp *p, const char *s, size_t n)
{
	struct shellparse *a = p->a;

	if (p->notext)
		return;
	if (a->textsize - a->textlen <= n + 1) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return;
	}
	memcpy(a->text + a->textlen, s, n);
	a->textlen += n;
}

/* Offset in the current word of the next byte stored. */
static inline size_t
sp_woff(struct sp *p)
{
	return (p->a->textlen - p->w.start);
}

/* Something quoted or expanded starts here (for NAME=value). */
static void
sp_special(struct sp *p, uint32_t flags)
{
	if (p->notext)
		return;
	p->w.flags |= flags;
	if (p->w.firstq == SIZE_MAX)
		p->w.firstq = sp_woff(p);
}

/* The word has an expansion whose value may be split into fields. */
static void
sp_splits(struct sp *p)
{
	if (!p->notext)
		p->w.flags |= SHELLPARSE_W_SPLIT;
}

static void
sp_mark(struct sp *p, int kind, size_t off, size_t len)
{
	struct sp_mark *m;

	if (p->notext)
		return;
	if (p->w.nmk == SP_MAXMARKS) {
		p->w.mkover = 1;
		return;
	}
	m = &p->mk[p->w.nmk++];
	m->off = (uint32_t)off;
	m->len = (uint32_t)len;
	m->kind = (uint8_t)kind;
}

/* Store raw input [from, p->pos) as one expansion of the word. */
static void
sp_rawexp(struct sp *p, size_t from, uint32_t flags)
{
	size_t off;

	if (p->notext)
		return;
	if (from > p->pos || p->pos > p->len) {
		/* Cannot happen; if it does, refuse rather than overread. */
		sp_hard(p, SHELLPARSE_E_SYNTAX);
		return;
	}
	sp_special(p, SHELLPARSE_W_EXPAND | flags);
	off = sp_woff(p);
	sp_putn(p, p->in + from, p->pos - from);
	sp_mark(p, MK_EXP, off, p->pos - from);
}

static void
sp_push_region(struct sp *p, size_t start, size_t end, int kind)
{
	struct sp_region *r;

	if (p->skip)
		return;
	if (p->nrg == SP_MAXREGIONS) {
		sp_hard(p, SHELLPARSE_E_COMPLEX);
		return;
	}
	r = &p->rg[p->nrg++];
	r->in = p->in;
	r->start = (uint32_t)start;
	r->end = (uint32_t)end;
	r->parent = p->curcmd;
	r->kind = (uint8_t)kind;
}

static void
sp_squote(struct sp *p)
{
	const char *q;
	size_t s = p->pos + 1;

	sp_special(p, SHELLPARSE_W_QUOTED);
	q = memchr(p->in + s, '\'', p->len - s);
	if (q == NULL) {
		sp_soft(p, SHELLPARSE_E_QUOTE);
		sp_putn(p, p->in + s, p->len - s);
		p->pos = p->len;
		return;
	}
	sp_putn(p, p->in + s, (size_t)(q - (p->in + s)));
	p->pos = (size_t)(q - p->in) + 1;
}

static void
sp_pututf8(struct sp *p, uint32_t cp)
{
	unsigned char	 u[4];
	size_t		 i, n = utf8_encode(cp, u);

	for (i = 0; i < n; i++)
		sp_put(p, u[i]);
}

/* $'...': decode ANSI-C escapes, so $'\x72m' is seen as rm. */
static void
sp_ansic(struct sp *p)
{
	const char *in = p->in;
	size_t from = p->pos;
	uint32_t cp;
	int c, e, d, i, n, cut = 0;

	sp_special(p, SHELLPARSE_W_QUOTED);
	p->pos += 2;
	while (p->pos < p->len && !p->err) {
		c = (unsigned char)in[p->pos];
		if (c == '\'') {
			p->pos++;
			return;
		}
		if (c == 0) {
			sp_hard(p, SHELLPARSE_E_NUL);
			return;
		}
		if (c != '\\' || p->pos + 1 >= p->len) {
			if (!cut)
				sp_put(p, c);
			p->pos++;
			continue;
		}
		e = (unsigned char)in[p->pos + 1];
		p->pos += 2;
		cp = 0;
		switch (e) {
		case 'a': cp = 7; break;
		case 'b': cp = 8; break;
		case 'e': case 'E': cp = 27; break;
		case 'f': cp = 12; break;
		case 'n': cp = 10; break;
		case 'r': cp = 13; break;
		case 't': cp = 9; break;
		case 'v': cp = 11; break;
		case 'c':
			if (p->pos < p->len) {
				cp = (unsigned char)in[p->pos] & 0x1f;
				p->pos++;
			} else
				cp = '\\';
			break;
		case 'x':
		case 'u':
		case 'U':
			n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
			for (i = 0; i < n && p->pos < p->len; i++) {
				if ((d = hexdig((unsigned char)
				    in[p->pos])) == -1)
					break;
				cp = cp * 16 + (uint32_t)d;
				p->pos++;
			}
			if (i == 0) {
				if (!cut) {
					sp_put(p, '\\');
					sp_put(p, e);
				}
				continue;
			}
			if (e != 'x') {
				if (cp == 0)
					cut = 1;
				if (cp > 0x10ffff)
					cp = '?';
				if (!cut)
					sp_pututf8(p, cp);
				continue;
			}
			break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			cp = (uint32_t)(e - '0');
			for (i = 1; i < 3 && p->pos < p->len &&
			    in[p->pos] >= '0' && in[p->pos] <= '7'; i++)
				cp = cp * 8 + (uint32_t)(in[p->pos++] - '0');
			cp &= 0xff;
			break;
		case '\\': case '\'': case '"': case '?':
			cp = (uint32_t)e;
			break;
		default:
			if (!cut) {
				sp_put(p, '\\');
				sp_put(p, e);
			}
			continue;
		}
		/* bash ends the string at a NUL byte. */
		if (cp == 0)
			cut = 1;
		if (!cut)
			sp_put(p, (int)cp);
	}
	if (p->pos >= p->len)
		sp_soft_at(p, SHELLPARSE_E_QUOTE, from);
}

/*
 * Find the end of $( ... ) starting at p->pos (just inside), reading
 * it as a command list without storing anything.  Leaves p->pos after
 * the closing parenthesis; returns the offset of that parenthesis, or
 * the end of input if there is none.
 */
static size_t
sp_skiplist(struct sp *p)
{
	struct sp_wstate ws = p->w;
	size_t nhd = p->nhd, hdbase = p->hdbase, end, open = p->pos - 2;
	uint32_t curcmd = p->curcmd;
	int r;

	p->skip++;
	p->notext++;
	p->hdbase = p->nhd;
	p->depth++;
	p->comsub++;
	r = sp_list(p, CL_PAREN, SHELLPARSE_NONE);
	p->comsub--;
	p->depth--;
	p->hdbase = hdbase;
	p->nhd = nhd;
	p->notext--;
	p->skip--;
	p->w = ws;
	p->curcmd = curcmd;
	if (r == END_PAREN)
		end = p->pos - 1;
	else {
		sp_soft_at(p, SHELLPARSE_E_SUBST, open);
		end = p->len;
	}
	return (end);
}

/* $( ... ), or <( ... ) / >( ... ) at p->pos. */
static void
sp_cmdsubst(struct sp *p)
{
	size_t from = p->pos, start = p->pos + 2, end;

	if ((end = sp_quickskip(p, start)) != 0)
		p->pos = end + 1;
	else {
		p->pos = start;
		end = sp_skiplist(p);
		if (p->err)
			return;
	}
	sp_push_region(p, start, end, RG_SUBST);
	sp_rawexp(p, from, SHELLPARSE_W_SUBST);
}

/*
 * In arithmetic, past byte c at p->pos: an escape, a quote or an
 * expansion whole (they may hold a bracket of their own), else the
 * byte.  0 at a NUL, a hard error.
 */
static int
sp_arith_skip(struct sp *p, int c)
{
	if (c == '\\')
		p->pos += p->pos + 1 < p->len ? 2 : 1;
	else if (c == '\'')
		sp_squote(p);
	else if (c == '"')
		sp_dquote(p);
	else if (c == '$')
		sp_dollar(p, 1);
	else if (c == '`')
		sp_backtick(p, 1);
	else if (c == 0) {
		sp_hard(p, SHELLPARSE_E_NUL);
		return (0);
	} else
		p->pos++;
	return (1);
}

/*
 * Arithmetic: p->pos is just inside "((".  Returns 1 and leaves p->pos
 * after "))", or 0 when this is not arithmetic after all (bash then
 * reads "$( (" as a substitution holding a subshell).
 */
static int
sp_arith(struct sp *p)
{
	size_t save = p->pos, nrg = p->nrg, softpos = p->softpos, i;
	int depth = 0, c, soft = p->soft, ok = 0;

	/*
	 * What an attempt finds depends on the bytes from here on only,
	 * so one that failed fails again: without this, "$(( $(( ...) )"
	 * nested would be read twice per level, each level again.
	 */
	for (i = 0; i < p->nnoarith; i++)
		if (p->noarith[i].in == p->in && p->noarith[i].pos == save)
			return (0);
	if (!sp_enter(p))
		return (0);
	p->notext++;
	while (p->pos < p->len && !p->err) {
		c = (unsigned char)p->in[p->pos];
		if (c == '(') {
			depth++;
			p->pos++;
		} else if (c == ')') {
			if (depth > 0) {
				depth--;
				p->pos++;
				continue;
			}
			if (p->pos + 1 < p->len && p->in[p->pos + 1] == ')') {
				p->pos += 2;
				ok = 1;
			}
			break;
		} else if (!sp_arith_skip(p, c))
			break;
	}
	p->notext--;
	p->nest--;
	if (!ok && !p->err) {
		/* Undo what the attempt found; it is read again. */
		p->pos = save;
		p->nrg = nrg;
		p->soft = soft;
		p->softpos = softpos;
		if (p->nnoarith == SP_MAXNOARITH)
			sp_hard(p, SHELLPARSE_E_COMPLEX);
		else {
			p->noarith[p->nnoarith].in = p->in;
			p->noarith[p->nnoarith++].pos = save;
		}
	}
	return (ok);
}

/*
 * $[ ... ] at p->pos: bash's old arithmetic, $(( )) by another name
 * (its << is a shift, not a here-document).
 */
static void
sp_oldarith(struct sp *p)
{
	size_t from = p->pos;
	int depth = 0, c;

	if (!sp_enter(p))
		return;
	p->pos += 2;
	p->notext++;
	while (p->pos < p->len && !p->err) {
		c = (unsigned char)p->in[p->pos];
		if (c == '[') {
			depth++;
			p->pos++;
		} else if (c == ']') {
			p->pos++;
			if (depth-- == 0)
				break;
		} else if (!sp_arith_skip(p, c))
			break;
	}
	p->notext--;
	p->nest--;
	if (depth >= 0 && !p->err)
		sp_soft_at(p, SHELLPARSE_E_SUBST, from);
	sp_rawexp(p, from, 0);
}

/* ${ ... } at p->pos. */
static void
sp_param(struct sp *p, int quoted)
{
	size_t from = p->pos;
	int depth = 1, c, ifs;

	ifs = !quoted && p->len - p->pos >= 6 &&
	    memcmp(p->in + p->pos + 2, "IFS", 3) == 0 &&
	    strchr("}:%#/^,@", p->in[p->pos + 5]) != NULL;
	if (!sp_enter(p))
		return;
	p->pos += 2;
	p->notext++;
	while (p->pos < p->len && !p->err) {
		c = (unsigned char)p->in[p->pos];
		if (c == '}') {
			p->pos++;
			if (--depth == 0)
				break;
		} else if (c == '$' && p->pos + 1 < p->len &&
		    p->in[p->pos + 1] == '{') {
			depth++;
			p->pos += 2;
		} else if (c == '$')
			sp_dollar(p, 1);
		else if (c == '\\')
			p->pos += p->pos + 1 < p->len ? 2 : 1;
		else if (c == '\'' && !quoted)
			sp_squote(p);
		else if (c == '"')
			sp_dquote(p);
		else if (c == '`')
			sp_backtick(p, quoted);
		else if (c == 0)
			sp_hard(p, SHELLPARSE_E_NUL);
		else
			p->pos++;
	}
	p->notext--;
	p->nest--;
	if (depth != 0)
		sp_soft_at(p, SHELLPARSE_E_SUBST, from);
	if (ifs && depth == 0) {
		/* ${IFS} unquoted splits the word: r${IFS}m is "r" "m". */
		sp_mark(p, MK_IFS, sp_woff(p), 0);
		sp_special(p, 0);
		return;
	}
	/* "${@}", "${a[@]}": a field each, quoted too */
	if (!quoted || memchr(p->in + from, '@', p->pos - from) != NULL)
		sp_splits(p);
	sp_rawexp(p, from, 0);
}

/* $ at p->pos; quoted: inside "" (no $'', no splitting). */
static void
sp_dollar(struct sp *p, int quoted)
{
	const char *in = p->in;
	size_t from = p->pos, i;
	int n;

	if (p->pos + 1 >= p->len) {
		sp_put(p, '$');
		p->pos++;
		return;
	}
	n = (unsigned char)in[p->pos + 1];
	if (n == '\'' && !quoted) {
		sp_ansic(p);
		return;
	}
	/* $x $1 $(x) $((x)) $[x], not "$x" but "$@" (${...}:
	   sp_param(), which knows "${a[@]}") */
	if (n == '@' || (!quoted && (n == '(' || n == '[' || n == '_' ||
	    (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') ||
	    (n >= '0' && n <= '9') || (n != 0 && strchr("*#?-$!", n)))))
		sp_splits(p);
	if (n == '"' && !quoted) {
		p->pos++;
		sp_dquote(p);
		return;
	}
	if (n == '(') {
		if (p->pos + 2 < p->len && in[p->pos + 2] == '(') {
			p->pos += 3;
			if (sp_arith(p)) {
				sp_rawexp(p, from, 0);
				return;
			}
			p->pos = from;
		}
		if (!sp_enter(p))
			return;
		sp_cmdsubst(p);
		p->nest--;
		return;
	}
	if (n == '{') {
		sp_param(p, quoted);
		return;
	}
	if (n == '[') {
		sp_oldarith(p);
		return;
	}
	if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '_') {
		for (i = p->pos + 1; i < p->len; i++) {
			n = (unsigned char)in[i];
			if (!((n >= 'a' && n <= 'z') ||
			    (n >= 'A' && n <= 'Z') ||
			    (n >= '0' && n <= '9') || n == '_'))
				break;
		}
		if (!quoted && i - p->pos == 4 &&
		    memcmp(in + p->pos + 1, "IFS", 3) == 0) {
			p->pos = i;
			sp_mark(p, MK_IFS, sp_woff(p), 0);
			sp_special(p, 0);
			return;
		}
		p->pos = i;
		sp_rawexp(p, from, 0);
		return;
	}
	if ((n >= '0' && n <= '9') || strchr("@*#?-$!", n) != NULL) {
		p->pos += 2;
		sp_rawexp(p, from, 0);
		return;
	}
	sp_put(p, '$');
	p->pos++;
}

static void
sp_dquote(struct sp *p)
{
	const char *in = p->in;
	size_t from = p->pos;
	int c, n;

	if (!sp_enter(p))
		return;
	sp_special(p, SHELLPARSE_W_QUOTED);
	p->pos++;
	while (p->pos < p->len && !p->err) {
		c = (unsigned char)in[p->pos];
		switch (c) {
		case '"':
			p->pos++;
			p->nest--;
			return;
		case '\\':
			if (p->pos + 1 >= p->len) {
				sp_put(p, c);
				p->pos++;
				break;
			}
			n = (unsigned char)in[p->pos + 1];
			if (n == '\n')
				p->pos += 2;
			else if (n == '$' || n == '`' || n == '"' ||
			    n == '\\') {
				sp_put(p, n);
				p->pos += 2;
			} else {
				sp_put(p, c);
				p->pos++;
			}
			break;
		case '$':
			sp_dollar(p, 1);
			break;
		case '`':
			sp_backtick(p, 1);
			break;
		case 0:
			sp_hard(p, SHELLPARSE_E_NUL);
			break;
		default:
			sp_put(p, c);
			p->pos++;
			break;
		}
	}
	p->nest--;
	if (!p->err)
		sp_soft_at(p, SHELLPARSE_E_QUOTE, from);
}

static void
sp_backtick(struct sp *p, int dq)
{
	size_t from = p->pos, i, end;
	int c;

	for (i = p->pos + 1; i < p->len; i++) {
		c = (unsigned char)p->in[i];
		if (c == '\\' && i + 1 < p->len)
			i++;
		else if (c == '`')
			break;
		else if (c == 0) {
			sp_hard(p, SHELLPARSE_E_NUL);
			return;
		}
	}
	end = i;
	if (i >= p->len) {
		sp_soft_at(p, SHELLPARSE_E_SUBST, from);
		end = p->pos = p->len;
	} else
		p->pos = i + 1;
	sp_push_region(p, from + 1, end,
	    dq ? RG_BACKTICK_DQ : RG_BACKTICK);
	if (!dq)
		sp_splits(p);
	sp_rawexp(p, from, SHELLPARSE_W_SUBST);
}

/*
 * Is raw input in[from, to) the unquoted word w, backslash-newlines
 * taken out as bash does before it reads a word (]\<newline>] is ]])?
 */
static int
sp_rawis(const char *in, size_t from, size_t to, const char *w)
{
	size_t i, k = 0;

	for (i = from; i < to; i++) {
		if (in[i] == '\\' && i + 1 < to && in[i + 1] == '\n') {
			i++;
			continue;
		}
		if (w[k] == '\0' || in[i] != w[k])
			return (0);
		k++;
	}
	return (w[k] == '\0');
}

/* Is in[from, to) NAME= or NAME+= ? */
static int
sp_isname_eq(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || s[n - 1] != '=')
		return (0);
	n--;
	if (n > 0 && s[n - 1] == '+')
		n--;
	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return (0);
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return (0);
	return (1);
}

/*
 * A '(' inside a word: extglob (@(a|b)) or an array assignment
 * (a=(1 2)).  Returns 0 if it is neither and ends the word.
 */
static int
sp_word_paren(struct sp *p, size_t rawstart)
{
	const char *in = p->in;
	size_t from = p->pos, off;
	int c, depth;

	if (p->w.lastplain && p->pos > rawstart && in[p->pos - 1] != '\0' &&
	    strchr("?*+@!", in[p->pos - 1]) != NULL) {
		off = sp_woff(p);
		depth = 0;
		while (p->pos < p->len) {
			c = (unsigned char)in[p->pos++];
			if (c == '(')
				depth++;
			else if (c == ')' && --depth == 0)
				break;
			else if (c == '\\' && p->pos < p->len)
				p->pos++;
		}
		if (depth != 0)
			sp_soft(p, SHELLPARSE_E_SYNTAX);
		if (!p->notext) {
			sp_putn(p, in + from, p->pos - from);
			p->w.flags |= SHELLPARSE_W_GLOB;
			sp_mark(p, MK_XGLOB, off > 0 ? off - 1 : 0,
			    p->pos - from + (off > 0));
		}
		p->w.lastplain = 0;
		return (1);
	}
	if (!sp_isname_eq(in + rawstart, p->pos - rawstart))
		return (0);
	/* Array assignment: read elements up to the closing ')'. */
	sp_put(p, '(');
	p->pos++;
	while (p->pos < p->len && !p->err) {
		c = (unsigned char)in[p->pos];
		if (c == ')') {
			sp_put(p, c);
			p->pos++;
			return (1);
		}
		switch (c) {
		case ' ': case '\t': case '\n':
			sp_put(p, ' ');
			p->pos++;
			break;
		case '\\':
			if (p->pos + 1 < p->len) {
				sp_special(p, SHELLPARSE_W_QUOTED);
				sp_put(p, in[p->pos + 1]);
				p->pos += 2;
			} else
				p->pos++;
			break;
		case '\'':
			sp_squote(p);
			break;
		case '"':
			sp_dquote(p);
			break;
		case '$':
			sp_dollar(p, 0);
			break;
		case '`':
			sp_backtick(p, 0);
			break;
		case 0:
			sp_hard(p, SHELLPARSE_E_NUL);
			break;
		default:
			sp_put(p, c);
			p->pos++;
			break;
		}
	}
	sp_soft(p, SHELLPARSE_E_SYNTAX);
	return (1);
}

/*
 * Scan one word at p->pos into the arena text (not yet terminated or
 * added: see sp_finish).
 */
static void
sp_word(struct sp *p)
{
	const char *in = p->in;
	size_t len = p->len, rawstart = p->pos;
	int c, cc;

	p->w.start = p->a->textlen;
	p->w.firstq = SIZE_MAX;
	p->w.nmk = 0;
	p->w.flags = 0;
	p->w.mkover = 0;
	p->w.bropen = 0;
	p->w.sqopen = 0;
	p->w.lastplain = 0;

	if (p->pos + 1 < len && (in[p->pos] == '<' || in[p->pos] == '>') &&
	    in[p->pos + 1] == '(') {
		if (!sp_enter(p))
			return;
		sp_cmdsubst(p);
		p->nest--;
	}
	while (p->pos < len && !p->err) {
		c = (unsigned char)in[p->pos];
		cc = sp_cc[c];
		if (cc == 0) {
			size_t e = p->pos + 1;

			/* A run of plain bytes: one copy. */
			while (e < len && sp_cc[(unsigned char)in[e]] == 0)
				e++;
			sp_putn(p, in + p->pos, e - p->pos);
			p->w.lastplain = 1;
			p->pos = e;
			continue;
		}
		if (cc == CC_END) {
			if (c == '(' && sp_word_paren(p, rawstart))
				continue;
			break;
		}
		p->w.lastplain = 0;
		switch (c) {
		case 0:
			sp_hard(p, SHELLPARSE_E_NUL);
			return;
		case '\\':
			if (p->pos + 1 >= len) {
				sp_put(p, c);
				p->pos++;
			} else if (in[p->pos + 1] == '\n')
				p->pos += 2;
			else {
				sp_special(p, SHELLPARSE_W_QUOTED);
				sp_put(p, in[p->pos + 1]);
				p->pos += 2;
			}
			break;
		case '\'':
			sp_squote(p);
			break;
		case '"':
			sp_dquote(p);
			break;
		case '`':
			sp_backtick(p, 0);
			break;
		case '$':
			sp_dollar(p, 0);
			break;
		case '*': case '?': case '[':
			if (!p->notext) {
				p->w.flags |= SHELLPARSE_W_GLOB;
				sp_mark(p, MK_GLOB, sp_woff(p), 1);
			}
			if (c == '[')
				p->w.sqopen = 1;
			sp_put(p, c);
			p->w.lastplain = 1;
			p->pos++;
			break;
		case ']':
			/* Closes a [class] in the pattern form. */
			if (p->w.sqopen)
				sp_mark(p, MK_GLOB, sp_woff(p), 1);
			sp_put(p, c);
			p->w.lastplain = 1;
			p->pos++;
			break;
		case '{':
			sp_mark(p, MK_BROPEN, sp_woff(p), 1);
			p->w.bropen++;
			sp_put(p, c);
			p->pos++;
			break;
		case ',':
			if (p->w.bropen)
				sp_mark(p, MK_BRCOMMA, sp_woff(p), 1);
			sp_put(p, c);
			p->pos++;
			break;
		case '}':
			if (p->w.bropen) {
				sp_mark(p, MK_BRCLOSE, sp_woff(p), 1);
				p->w.bropen--;
			}
			sp_put(p, c);
			p->pos++;
			break;
		}
	}
}

static int
sp_addword(struct sp *p, const char *text, size_t len, uint32_t flags)
{
	struct shellparse *a = p->a;
	struct shellparse_word *w;

	if (p->skip)
		return (1);
	if (a->nwords == a->wordsmax || len > UINT32_MAX) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return (0);
	}
	w = &a->words[a->nwords++];
	w->text = text;
	w->len = (uint32_t)len;
	w->flags = flags;
	return (1);
}

/* Store one unit sequence as a word, with its pattern form. */
static void
sp_emit_units(struct sp *p, const struct sp_unit *u, size_t n,
    uint32_t flags, int out_argv, struct shellparse_word *out)
{
	struct shellparse *a = p->a;
	char *t;
	size_t i, tl;
	int pat = 0, prev;

	flags &= ~(SHELLPARSE_W_EXPAND | SHELLPARSE_W_GLOB);
	for (i = 0; i < n; i++) {
		if (u[i].cls == U_EXP)
			flags |= SHELLPARSE_W_EXPAND;
		else if (u[i].cls == U_GLOB || u[i].cls == U_XGLOB)
			flags |= SHELLPARSE_W_GLOB;
	}
	pat = (flags & SHELLPARSE_W_PATTERN) != 0;
	/* Text, NUL, pattern (at most twice as long), NUL. */
	if (a->textsize - a->textlen < 3 * n + 2) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return;
	}
	t = a->text + a->textlen;
	for (i = 0, tl = 0; i < n; i++)
		if (u[i].cls != U_IFS)
			t[tl++] = (char)u[i].ch;
	t[tl] = '\0';
	a->textlen += tl + 1;
	if (pat) {
		char *g = a->text + a->textlen;
		size_t gl = 0;

		prev = -1;
		for (i = 0; i < n; i++) {
			switch (u[i].cls) {
			case U_IFS:
				continue;
			case U_EXP:
			case U_XGLOB:
				if (prev != U_EXP)
					g[gl++] = '*';
				prev = U_EXP;
				continue;
			case U_GLOB:
				g[gl++] = (char)u[i].ch;
				break;
			default:
				if (sp_globc[u[i].ch])
					g[gl++] = '\\';
				g[gl++] = (char)u[i].ch;
				break;
			}
			prev = u[i].cls;
		}
		g[gl] = '\0';
		a->textlen += gl + 1;
	}
	if (out_argv)
		sp_addword(p, t, tl, flags);
	else if (out != NULL) {
		out->text = t;
		out->len = (uint32_t)tl;
		out->flags = flags;
	}
}

/* Split a unit sequence at unquoted $IFS and store the pieces. */
static void
sp_split(struct sp *p, const struct sp_unit *u, size_t n, uint32_t flags)
{
	size_t i, s;

	for (i = 0, s = 0; i <= n && !p->err; i++) {
		if (i < n && u[i].cls != U_IFS)
			continue;
		if (i > s) {
			if (++p->brcount > SHELLPARSE_MAXBRACE) {
				sp_soft(p, SHELLPARSE_E_COMPLEX);
				return;
			}
			sp_emit_units(p, u + s, i - s, flags, 1, NULL);
		}
		s = i + 1;
	}
}

/* Parse "A..B[..S]" (integers, or single bytes) for {A..B}. */
static int
sp_seq(const struct sp_unit *u, size_t n, long *a, long *b, long *s,
    int *chars)
{
	char buf[64], *dd, *dd2, *ep;
	size_t i;

	if (n == 0 || n >= sizeof(buf))
		return (0);
	for (i = 0; i < n; i++) {
		if (u[i].cls != U_LIT)
			return (0);
		buf[i] = (char)u[i].ch;
	}
	buf[n] = '\0';
	if ((dd = strstr(buf, "..")) == NULL)
		return (0);
	*dd = '\0';
	dd += 2;
	*s = 1;
	if ((dd2 = strstr(dd, "..")) != NULL) {
		*dd2 = '\0';
		dd2 += 2;
		*s = strtol(dd2, &ep, 10);
		if (*dd2 == '\0' || *ep != '\0' || *s == LONG_MIN)
			return (0);
		if (*s < 0)
			*s = -*s;
		if (*s == 0)
			*s = 1;
	}
	if (strlen(buf) == 1 && strlen(dd) == 1 &&
	    !(buf[0] >= '0' && buf[0] <= '9' && dd[0] >= '0' && dd[0] <= '9')) {
		*chars = 1;
		*a = (unsigned char)buf[0];
		*b = (unsigned char)dd[0];
		return (1);
	}
	*chars = 0;
	*a = strtol(buf, &ep, 10);
	if (buf[0] == '\0' || *ep != '\0' || *a < -1000000 || *a > 1000000)
		return (0);
	*b = strtol(dd, &ep, 10);
	if (dd[0] == '\0' || *ep != '\0' || *b < -1000000 || *b > 1000000)
		return (0);
	return (1);
}

/* Build pre + mid + post as a new unit sequence in the arena. */
static struct sp_unit *
sp_cat(struct sp *p, const struct sp_unit *pre, size_t npre,
    const struct sp_unit *mid, size_t nmid, const struct sp_unit *post,
    size_t npost)
{
	struct sp_unit *u;
	size_t n = npre + nmid + npost;

	if ((u = (struct sp_unit *)shellparse_alloc(p->a,
	    n * sizeof(*u) + 1)) == NULL) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return (NULL);
	}
	memcpy(u, pre, npre * sizeof(*u));
	memcpy(u + npre, mid, nmid * sizeof(*u));
	memcpy(u + npre + nmid, post, npost * sizeof(*u));
	return (u);
}

/*
 * Brace expansion, as bash does it before anything else: the first
 * {a,b} or {x..y} is replaced by each of its alternatives in turn.
 */
static void
sp_brace(struct sp *p, const struct sp_unit *u, size_t n, int done,
    uint32_t flags)
{
	struct sp_unit *nu, gen[24];
	size_t i, j, k, s, ng;
	long a, b, st, v;
	int depth, comma, chars;
	char num[24];

	if (p->err || p->brcount > SHELLPARSE_MAXBRACE)
		return;
	if (!sp_enter(p))
		return;
	for (i = 0; i < n; i++) {
		if (u[i].cls != U_BROPEN)
			continue;
		depth = 0;
		comma = 0;
		for (j = i + 1; j < n; j++) {
			if (u[j].cls == U_BROPEN)
				depth++;
			else if (u[j].cls == U_BRCLOSE) {
				if (depth-- == 0)
					break;
			} else if (u[j].cls == U_BRCOMMA && depth == 0)
				comma = 1;
		}
		if (j >= n)
			continue;
		if (comma) {
			depth = 0;
			for (s = k = i + 1; k <= j && !p->err; k++) {
				if (k < j && u[k].cls == U_BROPEN)
					depth++;
				else if (k < j && u[k].cls == U_BRCLOSE)
					depth--;
				if (k < j && (u[k].cls != U_BRCOMMA || depth))
					continue;
				nu = sp_cat(p, u, i, u + s, k - s, u + j + 1,
				    n - j - 1);
				if (nu == NULL)
					break;
				sp_brace(p, nu, i + (k - s) + n - j - 1, 1,
				    flags);
				s = k + 1;
			}
			p->nest--;
			return;
		}
		if (sp_seq(u + i + 1, j - i - 1, &a, &b, &st, &chars)) {
			for (v = a; !p->err && (a <= b ? v <= b : v >= b);
			    v += a <= b ? st : -st) {
				if (p->brcount > SHELLPARSE_MAXBRACE)
					break;
				if (chars) {
					gen[0].ch = (uint8_t)v;
					gen[0].cls = U_LIT;
					ng = 1;
				} else {
					snprintf(num, sizeof(num), "%ld", v);
					for (ng = 0; num[ng] != '\0'; ng++) {
						gen[ng].ch = (uint8_t)num[ng];
						gen[ng].cls = U_LIT;
					}
				}
				nu = sp_cat(p, u, i, gen, ng, u + j + 1,
				    n - j - 1);
				if (nu == NULL)
					break;
				sp_brace(p, nu, i + ng + n - j - 1, 1, flags);
			}
			p->nest--;
			return;
		}
	}
	p->nest--;
	sp_split(p, u, n, flags | (done ? SHELLPARSE_W_BRACE : 0));
}

/*
 * A redirection's target is brace-expanded as well (> ~/.bash{r..r}c
 * is > ~/.bashrc): the first word it makes.  More than one is an error
 * of the shell's ("ambiguous redirect") that runs nothing.
 */
static void
sp_target_brace(struct sp *p, const struct sp_unit *u, size_t n,
    uint32_t flags, struct shellparse_word *out)
{
	struct shellparse *a = p->a;
	size_t nw = a->nwords;

	p->brcount = 0;
	sp_brace(p, u, n, 0, flags);
	if (a->nwords > nw)
		*out = a->words[nw];
	else if (!p->err)
		sp_emit_units(p, u, n, flags, 0, out);
	a->nwords = nw;
}

#define FIN_ARGV	0	/* words of the command: expand, split */
#define FIN_ONE		1	/* one word of the command, as is */
#define FIN_TARGET	2	/* a redirection target, into *out */

/*
 * Finish the word just scanned: terminate it, add its pattern form,
 * expand braces and split at $IFS where its marks say so.
 */
static void
sp_finish(struct sp *p, int how, struct shellparse_word *out)
{
	struct shellparse *a = p->a;
	struct sp_unit *u;
	struct sp_mark *m;
	char *text;
	uint8_t *cls;
	size_t n, i, k, nifs, nu;
	uint32_t flags = p->w.flags;
	int brace = 0;

	if (p->skip || p->err)
		return;
	text = a->text + p->w.start;
	n = a->textlen - p->w.start;
	if (p->w.nmk == 0 && !p->w.mkover) {
		if (how == FIN_ARGV && n == 0 &&
		    !(flags & SHELLPARSE_W_QUOTED))
			return;
		if (a->textlen >= a->textsize) {
			sp_hard(p, SHELLPARSE_E_NOMEM);
			return;
		}
		text[n] = '\0';
		a->textlen++;
		if (how == FIN_TARGET) {
			out->text = text;
			out->len = (uint32_t)n;
			out->flags = flags;
		} else
			sp_addword(p, text, n, flags);
		return;
	}
	if (p->w.mkover) {
		/* Too many pieces to follow: it could be anything. */
		if (a->textsize - a->textlen < 4) {
			sp_hard(p, SHELLPARSE_E_NOMEM);
			return;
		}
		flags |= SHELLPARSE_W_OPAQUE | SHELLPARSE_W_EXPAND;
		text[n] = '\0';
		memcpy(text + n + 1, "*", 2);
		a->textlen += 3;
		if (how == FIN_TARGET) {
			out->text = text;
			out->len = (uint32_t)n;
			out->flags = flags;
		} else
			sp_addword(p, text, n, flags);
		return;
	}

	/* Classes per byte, then units with $IFS split points. */
	for (i = 0, nifs = 0; i < p->w.nmk; i++)
		nifs += p->mk[i].kind == MK_IFS;
	if (a->textlen >= a->textsize) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return;
	}
	a->textlen++;		/* keep the raw text terminated */
	text[n] = '\0';
	if ((cls = (uint8_t *)shellparse_alloc(a, n + 1)) == NULL ||
	    (u = (struct sp_unit *)shellparse_alloc(a,
	    (n + nifs) * sizeof(*u) + 1)) == NULL) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return;
	}
	memset(cls, U_LIT, n);
	for (i = 0; i < p->w.nmk; i++) {
		m = &p->mk[i];
		if (m->off > n || m->len > n - m->off)
			continue;
		switch (m->kind) {
		case MK_EXP:
			memset(cls + m->off, U_EXP, m->len);
			break;
		case MK_XGLOB:
			memset(cls + m->off, U_XGLOB, m->len);
			break;
		case MK_GLOB:
			if (m->len == 1)
				cls[m->off] = U_GLOB;
			break;
		case MK_BROPEN:
		case MK_BRCOMMA:
		case MK_BRCLOSE:
			if (how != FIN_ONE && m->len == 1 &&
			    cls[m->off] == U_LIT) {
				cls[m->off] = m->kind == MK_BROPEN ? U_BROPEN :
				    m->kind == MK_BRCOMMA ? U_BRCOMMA :
				    U_BRCLOSE;
				brace = 1;
			}
			break;
		}
	}
	for (i = 0, k = 0, nu = 0; i <= n; i++) {
		/* $IFS marks at offset i come before byte i. */
		for (; k < p->w.nmk; k++) {
			m = &p->mk[k];
			if (m->kind != MK_IFS)
				continue;
			if (m->off > i)
				break;
			if (how == FIN_ARGV) {
				u[nu].ch = 0;
				u[nu].cls = U_IFS;
				nu++;
			}
		}
		if (i < n) {
			u[nu].ch = (uint8_t)text[i];
			u[nu].cls = cls[i];
			nu++;
		}
	}
	if (how == FIN_TARGET && brace) {
		sp_target_brace(p, u, nu, flags, out);
		return;
	}
	if (how != FIN_ARGV) {
		sp_emit_units(p, u, nu, flags, how == FIN_ONE, out);
		return;
	}
	p->brcount = 0;
	if (brace)
		sp_brace(p, u, nu, 0, flags);
	else
		sp_split(p, u, nu, flags);
}

#define KW(w, k)	do {						\
	if (n == sizeof(w) - 1 && memcmp(s, w, n) == 0)			\
		return (k);						\
} while (0)

/* Every command's first word comes here: decide on its first byte. */
static int
sp_reserved(const char *s, size_t n)
{
	if (n == 0)
		return (KW_NONE);
	switch (s[0]) {
	case '!':
		KW("!", KW_SKIP);
		break;
	case '{':
		KW("{", KW_LBRACE);
		break;
	case '}':
		KW("}", KW_RBRACE);
		break;
	case '[':
		KW("[[", KW_TEST);
		break;
	case 'c':
		KW("case", KW_CASE);
		KW("coproc", KW_COPROC);
		break;
	case 'd':
		KW("do", KW_SKIP);
		KW("done", KW_CLOSE);
		break;
	case 'e':
		KW("elif", KW_SKIP);
		KW("else", KW_SKIP);
		KW("esac", KW_ESAC);
		break;
	case 'f':
		KW("fi", KW_CLOSE);
		KW("for", KW_FOR);
		KW("function", KW_FUNCTION);
		break;
	case 'i':
		KW("if", KW_SKIP);
		break;
	case 's':
		KW("select", KW_FOR);
		break;
	case 't':
		KW("then", KW_SKIP);
		KW("time", KW_TIME);
		break;
	case 'u':
		KW("until", KW_SKIP);
		break;
	case 'w':
		KW("while", KW_SKIP);
		break;
	}
	return (KW_NONE);
}

#undef KW

/* if, while, until, for, select: a compound that fi or done closes. */
static int
sp_opens(const char *s, size_t n, int kw)
{
	return (kw == KW_FOR || (kw == KW_SKIP && ((n == 2 &&
	    memcmp(s, "if", 2) == 0) || (n == 5 && (memcmp(s, "while",
	    5) == 0 || memcmp(s, "until", 5) == 0)))));
}

/*
 * Count the compound commands open (if, while, until, for, select,
 * case), and note one that a pipe feeds: its commands read that pipe,
 * though none is linked to it (they are marked SHELLPARSE_C_PIPEIN).
 */
static void
sp_kwlevel(struct sp *p, const struct sp_cmd *c, const char *s, size_t n,
    int kw)
{
	if (kw == KW_CLOSE || kw == KW_ESAC) {
		if (p->kwlevel > 0) {
			if (p->kwlevel == p->pinlevel)
				p->pinlevel = 0;
			p->kwlevel--;
		}
		return;
	}
	if (kw != KW_CASE && !sp_opens(s, n, kw))
		return;
	p->kwlevel++;
	if (c->pipe_from != SHELLPARSE_NONE && p->pinlevel == 0)
		p->pinlevel = p->kwlevel;
}

/* Whether a compound command starts at the parser's position (with
   bang: or "!"). */
static int
sp_compound_here(const struct sp *p, int bang)
{
	const char *s = p->in + p->pos;
	size_t n, left = p->len - p->pos;
	int kw;

	if (left > 0 && s[0] == '(')
		return (1);
	for (n = 0; n < left && sp_cc[(unsigned char)s[n]] != CC_END &&
	    s[n] != '(' && s[n] != ')'; n++)
		;
	kw = sp_reserved(s, n);
	return (sp_opens(s, n, kw) || kw == KW_CASE || kw == KW_LBRACE ||
	    kw == KW_TEST || (bang && n == 1 && s[0] == '!'));
}

/*
 * "time" just read: before a compound command (time for ..., time
 * { ...; }), with bash's -p or not, it is the shell's keyword, and
 * what follows is read as the command (past the -p); before anything
 * else it is the time program, a word of its command.
 */
static int
sp_time_compound(struct sp *p)
{
	size_t save = p->pos;

	sp_blanks(p);
	if (p->len - p->pos >= 2 && p->in[p->pos] == '-' &&
	    p->in[p->pos + 1] == 'p' && (p->pos + 2 == p->len ||
	    sp_cc[(unsigned char)p->in[p->pos + 2]] == CC_END)) {
		p->pos += 2;
		sp_blanks(p);
	}
	if (sp_compound_here(p, 1))
		return (1);
	p->pos = save;
	return (0);
}

/*
 * "coproc" just read: coproc NAME { ...; } names the coprocess, and
 * the command is what follows the name; coproc NAME ARGS runs NAME.
 */
static void
sp_coproc_name(struct sp *p)
{
	size_t save = p->pos, n;

	sp_blanks(p);
	for (n = 0; p->pos + n < p->len && (isalnum((unsigned char)
	    p->in[p->pos + n]) || p->in[p->pos + n] == '_'); n++)
		;
	if (n > 0 && !isdigit((unsigned char)p->in[p->pos]) &&
	    p->pos + n < p->len && (p->in[p->pos + n] == ' ' ||
	    p->in[p->pos + n] == '\t')) {
		p->pos += n;
		sp_blanks(p);
		if (sp_compound_here(p, 0))
			return;
	}
	p->pos = save;
}

/*
 * if, while, until, for and select open a compound that fi or done
 * close; then, else, elif and do go only inside one, and esac only in
 * a case.  What does not balance is a syntax error, as bash has it.
 */
static void
sp_cmplevel(struct sp *p, const char *s, size_t n, int kw, int closer)
{
	if (sp_opens(s, n, kw)) {
		p->cmplevel++;
		return;
	}
	if (kw == KW_ESAC) {
		if (closer != CL_CASE)
			sp_soft(p, SHELLPARSE_E_SYNTAX);
		return;
	}
	if (kw != KW_CLOSE && !(kw == KW_SKIP && ((n == 4 &&
	    (memcmp(s, "then", 4) == 0 || memcmp(s, "else", 4) == 0 ||
	    memcmp(s, "elif", 4) == 0)) || (n == 2 && memcmp(s, "do",
	    2) == 0))))
		return;
	if (p->cmplevel == p->cmpbase) {
		sp_soft(p, SHELLPARSE_E_SYNTAX);
		return;
	}
	if (kw == KW_CLOSE)
		p->cmplevel--;
}

static void
sp_cmd_reset(struct sp *p, struct sp_cmd *c, uint32_t parent)
{
	c->slot = SHELLPARSE_NONE;
	c->parent = parent;
	c->pipe_from = SHELLPARSE_NONE;
	c->wbase = p->a->nwords;
	c->rbase = p->a->nredirs;
	c->regbase = p->nrg;
	c->nwords = c->nassign = c->nredirs = 0;
	c->flags = 0;
	c->mode = M_NORMAL;
	c->used = 0;
}

/* Make sure the command has its slot; returns 1 if it was made now. */
static int
sp_slot(struct sp *p, struct sp_cmd *c)
{
	struct shellparse *a = p->a;
	struct shellparse_cmd *cmd;

	c->used = 1;
	if (p->skip || c->slot != SHELLPARSE_NONE)
		return (0);
	if (a->ncmds == a->cmdsmax) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return (0);
	}
	c->slot = (uint32_t)a->ncmds++;
	cmd = &a->cmds[c->slot];
	memset(cmd, 0, sizeof(*cmd));
	cmd->next = SHELLPARSE_NONE;
	cmd->parent = c->parent;
	cmd->depth = (uint16_t)p->depth;
	/* x | while ...; do sh; done: sh reads x, unlinked */
	if (p->pinlevel > 0 && p->kwlevel >= p->pinlevel)
		cmd->flags |= SHELLPARSE_C_PIPEIN;
	cmd->words = a->words + a->nwords;
	cmd->redirs = a->redirs + a->nredirs;
	c->wbase = a->nwords;
	c->rbase = a->nredirs;
	return (1);
}

/* Take back a slot made for what turned out to be a reserved word. */
static void
sp_unslot(struct sp *p, struct sp_cmd *c, int made)
{
	if (made && c->slot != SHELLPARSE_NONE &&
	    c->slot + 1 == p->a->ncmds) {
		p->a->ncmds--;
		c->slot = SHELLPARSE_NONE;
	}
	if (c->slot == SHELLPARSE_NONE && c->nwords == 0 && c->nredirs == 0)
		c->used = 0;
}

/* Fill in the command's slot from what was read. */
static void
sp_closecmd(struct sp *p, struct sp_cmd *c, uint16_t flags)
{
	struct shellparse *a = p->a;
	struct shellparse_cmd *cmd;

	if (c->slot != SHELLPARSE_NONE && !p->skip) {
		cmd = &a->cmds[c->slot];
		cmd->words = a->words + c->wbase;
		cmd->nwords = (uint32_t)(a->nwords - c->wbase);
		cmd->nassign = c->nassign;
		if (cmd->nassign > cmd->nwords)
			cmd->nassign = cmd->nwords;
		cmd->redirs = a->redirs + c->rbase;
		cmd->nredirs = (uint32_t)(a->nredirs - c->rbase);
		cmd->flags |= c->flags | flags;
		if (c->pipe_from != SHELLPARSE_NONE)
			a->cmds[c->pipe_from].next = c->slot;
	}
}

/* End the command: close it, parse its substitutions, start anew. */
static void
sp_endcmd(struct sp *p, struct sp_cmd *c, uint16_t flags)
{
	uint32_t parent = c->parent;

	sp_closecmd(p, c, flags);
	if (!p->skip && !p->err)
		sp_regions(p, c->regbase);
	sp_cmd_reset(p, c, parent);
}

/*
 * An unquoted here-document's lines are joined at a backslash-newline
 * before bash looks for the delimiter (E\<newline>OF is EOF): if the
 * lines from pos make the delimiter so, where they end (past the
 * newline), else 0.
 */
static size_t
sp_hdjoin(struct sp *p, const struct sp_heredoc *h, size_t pos)
{
	const char *in = p->in, *nl;
	size_t eol, got = 0, k, b;
	int first = 1;

	for (;;) {
		nl = memchr(in + pos, '\n', p->len - pos);
		eol = nl ? (size_t)(nl - in) : p->len;
		k = pos;
		if (h->strip && first)
			while (k < eol && in[k] == '\t')
				k++;
		for (b = 0; b < eol - k && in[eol - 1 - b] == '\\'; b++)
			;
		if (nl == NULL || (b & 1) == 0) {
			/* the last line of the logical one */
			if (first)
				return (0);	/* no join: as it was */
			return (got + (eol - k) == h->dlen &&
			    memcmp(h->delim + got, in + k, eol - k) == 0 ?
			    (nl ? eol + 1 : p->len) : 0);
		}
		/* a continued line: its text without the backslash */
		if (got + (eol - k - 1) > h->dlen ||
		    memcmp(h->delim + got, in + k, eol - k - 1) != 0)
			return (0);
		got += eol - k - 1;
		pos = eol + 1;
		first = 0;
	}
}

/* After a delimiter, inside $( ): blanks, then the ")" that ends it. */
static int
sp_hdparen(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return (i < n && s[i] == ')');
}

/* Read the bodies of pending here-documents, after a newline. */
static void
sp_heredocs(struct sp *p)
{
	struct shellparse *a = p->a;
	struct sp_heredoc *h;
	const char *in = p->in, *nl, *ln;
	size_t i, bstart, bend, eol, ll, jn, rbase = p->nrg, savelen;
	uint32_t curcmd = p->curcmd;
	char *body;

	for (i = p->hdbase; i < p->nhd && !p->err; i++) {
		h = &p->hd[i];
		bstart = bend = p->pos;
		for (;;) {
			nl = memchr(in + p->pos, '\n', p->len - p->pos);
			eol = nl ? (size_t)(nl - in) : p->len;
			ln = in + p->pos;
			ll = eol - p->pos;
			if (h->strip)
				while (ll > 0 && *ln == '\t') {
					ln++;
					ll--;
				}
			if (ll == h->dlen && memcmp(ln, h->delim, ll) == 0) {
				bend = p->pos;
				p->pos = nl ? eol + 1 : p->len;
				break;
			}
			/* (where the two readings differ, the body ends at
			   the first: what follows is read as commands) */
			if (!h->quoted && (jn = sp_hdjoin(p, h, p->pos)) > 0) {
				bend = p->pos;
				p->pos = jn;
				break;
			}
			if (p->comsub && ll >= h->dlen &&
			    memcmp(ln, h->delim, h->dlen) == 0 &&
			    sp_hdparen(ln + h->dlen, ll - h->dlen)) {
				/* $(cat <<EOF ... EOF): bash ends the body at
				   the ), the rest of the line is read on */
				bend = p->pos;
				p->pos = (size_t)(ln - in) + h->dlen;
				break;
			}
			if (nl == NULL) {
				/* bash takes the rest as the body. */
				bend = p->pos = p->len;
				break;
			}
			p->pos = eol + 1;
		}
		if (!p->skip && h->redir != SHELLPARSE_NONE &&
		    h->redir < a->nredirs) {
			if ((body = shellparse_alloc(a, bend - bstart + 1)) ==
			    NULL) {
				sp_hard(p, SHELLPARSE_E_NOMEM);
				break;
			}
			memcpy(body, in + bstart, bend - bstart);
			body[bend - bstart] = '\0';
			a->redirs[h->redir].body = body;
			a->redirs[h->redir].bodylen = (uint32_t)(bend - bstart);
		}
		if (!h->quoted) {
			/* Unquoted: $( ) and ` ` in the body run. */
			size_t save = p->pos;
			int c;

			savelen = p->len;
			p->len = bend;
			p->pos = bstart;
			p->curcmd = h->cmd;
			p->notext++;
			while (p->pos < p->len && !p->err) {
				c = (unsigned char)in[p->pos];
				if (c == '\\')
					p->pos += p->pos + 1 < p->len ? 2 : 1;
				else if (c == '$')
					sp_dollar(p, 1);
				else if (c == '`')
					sp_backtick(p, 1);
				else
					p->pos++;
			}
			p->notext--;
			p->len = savelen;
			p->pos = save;
		}
	}
	p->nhd = p->hdbase;
	p->curcmd = curcmd;
	if (!p->skip && !p->err)
		sp_regions(p, rbase);
}

/* Read a here-document delimiter and queue its body. */
static void
sp_delim(struct sp *p, struct sp_cmd *c, int strip)
{
	struct shellparse *a = p->a;
	struct sp_heredoc *h, dummy;
	struct shellparse_redir *r;
	const char *in = p->in;
	size_t n = 0;
	int ch, q;
	char *t;

	h = p->nhd < SP_MAXHEREDOC ? &p->hd[p->nhd] : &dummy;
	h->strip = strip;
	h->quoted = 0;
	while (p->pos < p->len) {
		ch = (unsigned char)in[p->pos];
		if (sp_cc[ch] == CC_END)
			break;
		if ((ch == '$' && p->pos + 1 < p->len &&
		    strchr("'\"{([", in[p->pos + 1]) != NULL) || ch == '`' ||
		    (ch == '\\' && p->pos + 1 < p->len &&
		    in[p->pos + 1] == '\n')) {
			/*
			 * <<$'EOF', <<${x:-a b}, <<EO\<newline>F: a word
			 * bash reads otherwise than as written.  Not
			 * followed: its body is read as commands.
			 */
			sp_soft(p, SHELLPARSE_E_COMPLEX);
			return;
		}
		if (ch == '\'' || ch == '"') {
			h->quoted = 1;
			q = ch;
			p->pos++;
			while (p->pos < p->len && in[p->pos] != q) {
				if (q == '"' && in[p->pos] == '\\' &&
				    p->pos + 1 < p->len)
					p->pos++;
				if (n < SP_MAXDELIM - 1)
					h->delim[n] = in[p->pos];
				n++;
				p->pos++;
			}
			if (p->pos >= p->len)
				sp_soft(p, SHELLPARSE_E_QUOTE);
			else
				p->pos++;
			continue;
		}
		if (ch == '\\' && p->pos + 1 < p->len) {
			h->quoted = 1;
			p->pos++;
			ch = (unsigned char)in[p->pos];
		}
		if (n < SP_MAXDELIM - 1)
			h->delim[n] = (char)ch;
		n++;
		p->pos++;
	}
	if (n == 0 && !h->quoted) {
		sp_soft(p, SHELLPARSE_E_SYNTAX);
		return;
	}
	if (n >= SP_MAXDELIM || h == &dummy) {
		/* The body will be read as commands: more, not less. */
		sp_soft(p, SHELLPARSE_E_COMPLEX);
		return;
	}
	h->dlen = n;
	h->cmd = c->slot;
	h->redir = SHELLPARSE_NONE;
	p->nhd++;
	c->nredirs++;
	if (p->skip)
		return;
	if (a->nredirs == a->redirsmax ||
	    (t = shellparse_alloc(a, n + 1)) == NULL) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return;
	}
	memcpy(t, h->delim, n);
	t[n] = '\0';
	h->redir = (uint32_t)a->nredirs;
	r = &a->redirs[a->nredirs++];
	memset(r, 0, sizeof(*r));
	r->target.text = t;
	r->target.len = (uint32_t)n;
	r->target.flags = h->quoted ? SHELLPARSE_W_QUOTED : 0;
	r->fd = -1;
	r->op = SHELLPARSE_R_HEREDOC;
	r->quoted = (uint8_t)h->quoted;
}

/* A redirection operator at p->pos, fd given before it or -1. */
static void
sp_redir(struct sp *p, struct sp_cmd *c, int fd)
{
	struct shellparse *a = p->a;
	struct shellparse_redir *r;
	struct shellparse_word target;
	const char *in = p->in;
	size_t n = p->len - p->pos;
	int op;

	if (in[p->pos] == '&') {
		op = n > 2 && in[p->pos + 2] == '>' ? SHELLPARSE_R_ALLAPPEND :
		    SHELLPARSE_R_ALL;
		p->pos += op == SHELLPARSE_R_ALL ? 2 : 3;
	} else if (in[p->pos] == '<') {
		if (n > 2 && in[p->pos + 1] == '<' && in[p->pos + 2] == '<') {
			op = SHELLPARSE_R_HERESTR;
			p->pos += 3;
		} else if (n > 1 && in[p->pos + 1] == '<') {
			op = SHELLPARSE_R_HEREDOC;
			p->pos += 2;
		} else if (n > 1 && in[p->pos + 1] == '&') {
			op = SHELLPARSE_R_DUPIN;
			p->pos += 2;
		} else if (n > 1 && in[p->pos + 1] == '>') {
			op = SHELLPARSE_R_RDWR;
			p->pos += 2;
		} else {
			op = SHELLPARSE_R_IN;
			p->pos++;
		}
	} else {
		if (n > 1 && in[p->pos + 1] == '>') {
			op = SHELLPARSE_R_APPEND;
			p->pos += 2;
		} else if (n > 1 && in[p->pos + 1] == '&') {
			op = SHELLPARSE_R_DUPOUT;
			p->pos += 2;
		} else if (n > 1 && in[p->pos + 1] == '|') {
			op = SHELLPARSE_R_CLOBBER;
			p->pos += 2;
		} else {
			op = SHELLPARSE_R_OUT;
			p->pos++;
		}
	}
	sp_slot(p, c);
	p->curcmd = c->slot;
	if (op == SHELLPARSE_R_HEREDOC) {
		int strip = 0;

		if (p->pos < p->len && in[p->pos] == '-') {
			strip = 1;
			p->pos++;
		}
		while (p->pos < p->len &&
		    (in[p->pos] == ' ' || in[p->pos] == '\t'))
			p->pos++;
		sp_delim(p, c, strip);
		return;
	}
	while (p->pos < p->len && (in[p->pos] == ' ' || in[p->pos] == '\t'))
		p->pos++;
	if (p->pos >= p->len || (sp_cc[(unsigned char)in[p->pos]] == CC_END &&
	    !(p->pos + 1 < p->len && (in[p->pos] == '<' ||
	    in[p->pos] == '>') && in[p->pos + 1] == '('))) {
		sp_soft(p, SHELLPARSE_E_SYNTAX);
		return;
	}
	sp_word(p);
	memset(&target, 0, sizeof(target));
	sp_finish(p, FIN_TARGET, &target);
	c->nredirs++;
	if (p->skip || p->err)
		return;
	if (a->nredirs == a->redirsmax) {
		sp_hard(p, SHELLPARSE_E_NOMEM);
		return;
	}
	r = &a->redirs[a->nredirs++];
	memset(r, 0, sizeof(*r));
	r->target = target;
	if (r->target.text == NULL)
		r->target.text = "";
	r->fd = (int16_t)fd;
	r->op = (uint8_t)op;
}

/* Skip blanks, comments and newlines (the latter only if nl). */
static void
sp_blanks(struct sp *p)
{
	while (p->pos < p->len) {
		if (p->in[p->pos] == ' ' || p->in[p->pos] == '\t')
			p->pos++;
		else if (p->in[p->pos] == '\\' && p->pos + 1 < p->len &&
		    p->in[p->pos + 1] == '\n')
			p->pos += 2;
		else
			break;
	}
}

/* The body of a case statement, after "in", up to "esac". */
static void
sp_case(struct sp *p)
{
	const char *in = p->in;
	size_t base;
	int r, c;

	if (!sp_enter(p))
		return;
	p->depth++;
	while (!p->err) {
		sp_blanks(p);
		if (p->pos >= p->len) {
			sp_soft(p, SHELLPARSE_E_SYNTAX);
			break;
		}
		c = (unsigned char)in[p->pos];
		if (c == '\n' || c == ';') {
			p->pos++;
			if (c == '\n')
				sp_heredocs(p);
			continue;
		}
		if (c == '#') {
			while (p->pos < p->len && in[p->pos] != '\n')
				p->pos++;
			continue;
		}
		if (p->len - p->pos >= 4 &&
		    memcmp(in + p->pos, "esac", 4) == 0 &&
		    (p->pos + 4 == p->len ||
		    sp_cc[(unsigned char)in[p->pos + 4]] == CC_END)) {
			p->pos += 4;
			break;
		}
		/* Patterns: [(] word [| word]... ) */
		if (c == '(')
			p->pos++;
		base = p->nrg;
		p->curcmd = SHELLPARSE_NONE;
		while (!p->err) {
			sp_blanks(p);
			if (p->pos >= p->len)
				break;
			c = (unsigned char)in[p->pos];
			if (c == ')') {
				p->pos++;
				break;
			}
			if (c == '|' || c == '\n') {
				p->pos++;
				continue;
			}
			if (sp_cc[c] == CC_END) {
				sp_soft(p, SHELLPARSE_E_SYNTAX);
				p->pos++;
				continue;
			}
			p->notext++;
			sp_word(p);
			p->notext--;
		}
		if (!p->skip && !p->err)
			sp_regions(p, base);
		r = sp_list(p, CL_CASE, SHELLPARSE_NONE);
		if (r == END_ESAC)
			break;
		if (r != END_CASEITEM) {
			sp_soft(p, SHELLPARSE_E_SYNTAX);
			break;
		}
	}
	p->depth--;
	p->nest--;
}

/* Link a new placeholder for ( ) or { } and read its list. */
static void
sp_compound(struct sp *p, struct sp_cmd *c, uint16_t flag, int closer)
{
	uint32_t slot;
	int r;

	sp_slot(p, c);
	c->flags |= flag;
	slot = c->slot;
	p->depth++;
	r = sp_list(p, closer, slot);
	p->depth--;
	if ((closer == CL_PAREN && r != END_PAREN) ||
	    (closer == CL_BRACE && r != END_BRACE))
		sp_soft(p, SHELLPARSE_E_SYNTAX);
	/* Its own redirections follow the closer. */
	c->mode = M_AFTER;
	c->wbase = p->a->nwords;
	c->rbase = p->a->nredirs;
}

/* A list of commands up to the closer. */
static int
sp_list(struct sp *p, int closer, uint32_t parent)
{
	struct sp_cmd c;
	const char *in;
	size_t rawstart, n;
	int ch, kw, made, end, pending = 0;	/* after && || |: a command */
	uint32_t from;
	unsigned cbase, clevel;

	if (p->depth > SHELLPARSE_MAXDEPTH) {
		sp_hard(p, SHELLPARSE_E_DEPTH);
		return (END_EOF);
	}
	if (!sp_enter(p))
		return (END_EOF);
	/* The compounds a list opens, it closes: if x; then, and ls; fi,
	   are no command lines, nor $(while x; do y) done. */
	cbase = p->cmpbase;
	clevel = p->cmplevel;
	p->cmpbase = p->cmplevel;
	sp_cmd_reset(p, &c, parent);
	end = END_EOF;
	while (!p->err) {
		in = p->in;
		if (p->pos >= p->len) {
			if (pending && !c.used)
				sp_soft(p, SHELLPARSE_E_SYNTAX);
			sp_endcmd(p, &c, 0);
			goto out;
		}
		if (c.used)
			pending = 0;
		ch = (unsigned char)in[p->pos];
		n = p->len - p->pos;

		if (c.mode == M_TEST && (ch == '<' || ch == '>' || ch == '(' ||
		    ch == ')' || (n > 1 && (ch == '&' || ch == '|') &&
		    in[p->pos + 1] == ch))) {
			/* Inside [[ ]] these are operands of the test. */
			size_t k = (ch == '&' || ch == '|') ? 2 : 1;

			if (!p->skip) {
				char *t = shellparse_alloc(p->a, k + 1);

				if (t == NULL) {
					sp_hard(p, SHELLPARSE_E_NOMEM);
					break;
				}
				memcpy(t, in + p->pos, k);
				t[k] = '\0';
				sp_addword(p, t, k, 0);
			}
			c.nwords++;
			p->pos += k;
			continue;
		}

		switch (ch) {
		case ' ':
		case '\t':
			p->pos++;
			continue;
		case '\\':
			if (n > 1 && in[p->pos + 1] == '\n') {
				p->pos += 2;
				continue;
			}
			break;
		case '\n':
			p->pos++;
			if (c.used) {
				sp_endcmd(p, &c, 0);
				c.pipe_from = SHELLPARSE_NONE;
			}
			sp_heredocs(p);
			continue;
		case '#':
			while (p->pos < p->len && in[p->pos] != '\n')
				p->pos++;
			continue;
		case ';':
			if (n > 1 && (in[p->pos + 1] == ';' ||
			    in[p->pos + 1] == '&')) {
				p->pos += 2;
				if (p->pos < p->len && in[p->pos] == '&')
					p->pos++;
				if (closer == CL_CASE) {
					sp_endcmd(p, &c, 0);
					end = END_CASEITEM;
					goto out;
				}
				sp_soft(p, SHELLPARSE_E_SYNTAX);
			} else {
				p->pos++;
				if (!c.used)
					sp_soft(p, SHELLPARSE_E_SYNTAX);
			}
			sp_endcmd(p, &c, 0);
			continue;
		case '&':
			if (n > 1 && in[p->pos + 1] == '&') {
				p->pos += 2;
				if (!c.used)
					sp_soft(p, SHELLPARSE_E_SYNTAX);
				sp_endcmd(p, &c, 0);
				pending = 1;
				continue;
			}
			if (n > 1 && in[p->pos + 1] == '>') {
				sp_redir(p, &c, -1);
				continue;
			}
			p->pos++;
			if (!c.used)
				sp_soft(p, SHELLPARSE_E_SYNTAX);
			sp_endcmd(p, &c, SHELLPARSE_C_BG);
			continue;
		case '|':
			if (n > 1 && in[p->pos + 1] == '|') {
				p->pos += 2;
				if (!c.used)
					sp_soft(p, SHELLPARSE_E_SYNTAX);
				sp_endcmd(p, &c, 0);
				pending = 1;
				continue;
			}
			p->pos += n > 1 && in[p->pos + 1] == '&' ? 2 : 1;
			if (!c.used)
				sp_soft(p, SHELLPARSE_E_SYNTAX);
			from = c.slot;
			sp_endcmd(p, &c, 0);
			c.pipe_from = from;
			/* done | x, fi | x: no command to link from */
			if (from == SHELLPARSE_NONE)
				c.flags |= SHELLPARSE_C_PIPEIN;
			pending = 1;
			continue;
		case '(':
			if (c.mode == M_FUNCPAREN || (c.mode == M_NORMAL &&
			    c.nwords == 1 && c.nassign == 0 &&
			    c.nredirs == 0)) {
				/* name () body: a function definition. */
				size_t save = p->pos;

				p->pos++;
				sp_blanks(p);
				if (p->pos < p->len && in[p->pos] == ')') {
					p->pos++;
					if (c.mode == M_NORMAL) {
						p->a->funcs++;
						c.flags |= SHELLPARSE_C_KEYWORD;
						sp_endcmd(p, &c, 0);
					}
					c.mode = M_NORMAL;
					continue;
				}
				p->pos = save;
				if (c.mode == M_FUNCPAREN)
					c.mode = M_NORMAL;
			}
			if (!c.used && c.mode == M_NORMAL) {
				if (n > 1 && in[p->pos + 1] == '(') {
					/* (( arithmetic )) */
					size_t save = p->pos;

					p->pos += 2;
					p->curcmd = SHELLPARSE_NONE;
					if (sp_arith(p)) {
						/*
						 * dash (and POSIX sh) runs
						 * it as ( (...) ): its text
						 * is commands too.
						 */
						sp_push_region(p, save + 2,
						    p->pos - 2, RG_SUBST);
						if (!p->skip && !p->err)
							sp_regions(p,
							    c.regbase);
						c.used = 1;
						c.mode = M_AFTER;
						continue;
					}
					p->pos = save;
				}
				p->pos++;
				sp_compound(p, &c, SHELLPARSE_C_SUBSHELL,
				    CL_PAREN);
				continue;
			}
			if (c.mode == M_FOR && n > 1 && in[p->pos + 1] == '(') {
				size_t save = p->pos;

				p->pos += 2;
				p->curcmd = c.slot;
				if (sp_arith(p))
					continue;
				p->pos = save;
			}
			sp_soft(p, SHELLPARSE_E_SYNTAX);
			p->pos++;
			continue;
		case ')':
			if (closer == CL_PAREN) {
				p->pos++;
				if (pending && !c.used)
					sp_soft(p, SHELLPARSE_E_SYNTAX);
				sp_endcmd(p, &c, 0);
				end = END_PAREN;
				goto out;
			}
			sp_soft(p, SHELLPARSE_E_SYNTAX);
			p->pos++;
			continue;
		case '<':
		case '>':
			if (n > 1 && in[p->pos + 1] == '(')
				break;
			if (c.mode == M_AFTER || c.mode == M_NORMAL ||
			    c.mode == M_FOR)
				sp_redir(p, &c, -1);
			else {
				sp_soft(p, SHELLPARSE_E_SYNTAX);
				p->pos++;
			}
			continue;
		}

		/* A word. */
		if (c.mode == M_AFTER) {
			/* ( ) word: not shell; read it as a new command. */
			sp_soft(p, SHELLPARSE_E_SYNTAX);
			sp_endcmd(p, &c, 0);
		}
		made = sp_slot(p, &c);
		p->curcmd = c.slot;
		rawstart = p->pos;
		sp_word(p);
		if (p->err)
			break;
		if (c.mode == M_FUNCPAREN)
			c.mode = M_NORMAL;
		if (c.mode == M_FUNCNAME) {
			if (p->nrg > c.regbase) {
				/* function "$(x)": keep it, $(x) runs and
				   its commands need this one as parent. */
				c.flags |= SHELLPARSE_C_KEYWORD;
				c.nwords++;
				sp_finish(p, FIN_ONE, NULL);
				sp_endcmd(p, &c, 0);
			} else {
				if (!p->skip)
					p->a->textlen = p->w.start;
				sp_unslot(p, &c, made);
			}
			c.mode = M_FUNCPAREN;
			continue;
		}
		if (c.mode == M_CASEHDR && p->pos - rawstart == 2 &&
		    memcmp(in + rawstart, "in", 2) == 0) {
			if (!p->skip)
				p->a->textlen = p->w.start;
			sp_endcmd(p, &c, 0);
			sp_case(p);
			c.used = 1;
			c.mode = M_AFTER;
			continue;
		}
		kw = KW_NONE;
		if (c.nwords == 0 && c.nredirs == 0 && c.mode == M_NORMAL)
			kw = sp_reserved(in + rawstart, p->pos - rawstart);
		if (kw == KW_TIME && !sp_time_compound(p))
			kw = KW_NONE;
		if (kw != KW_NONE && kw != KW_FOR && kw != KW_CASE &&
		    kw != KW_TEST) {
			/* Not a word of any command. */
			if (!p->skip)
				p->a->textlen = p->w.start;
			sp_unslot(p, &c, made);
		}
		if (kw != KW_NONE && kw != KW_TIME) {
			sp_kwlevel(p, &c, in + rawstart, p->pos - rawstart, kw);
			sp_cmplevel(p, in + rawstart, p->pos - rawstart, kw,
			    closer);
		}
		switch (kw) {
		case KW_SKIP:
		case KW_TIME:
			continue;
		case KW_COPROC:
			c.flags |= SHELLPARSE_C_PIPEIN;
			sp_coproc_name(p);
			continue;
		case KW_CLOSE:
			c.used = 1;
			c.mode = M_AFTER;
			continue;
		case KW_LBRACE:
			sp_compound(p, &c, SHELLPARSE_C_GROUP, CL_BRACE);
			continue;
		case KW_RBRACE:
			if (closer == CL_BRACE) {
				sp_endcmd(p, &c, 0);
				end = END_BRACE;
				goto out;
			}
			sp_soft(p, SHELLPARSE_E_SYNTAX);
			continue;
		case KW_ESAC:
			if (closer == CL_CASE) {
				sp_endcmd(p, &c, 0);
				end = END_ESAC;
				goto out;
			}
			continue;
		case KW_FUNCTION:
			c.mode = M_FUNCNAME;
			p->a->funcs++;
			continue;
		case KW_FOR:
			c.flags |= SHELLPARSE_C_KEYWORD;
			c.mode = M_FOR;
			break;
		case KW_CASE:
			c.flags |= SHELLPARSE_C_KEYWORD;
			c.mode = M_CASEHDR;
			break;
		case KW_TEST:
			c.flags |= SHELLPARSE_C_KEYWORD;
			c.mode = M_TEST;
			break;
		}

		/* A digit word straight before < or > is a file descriptor. */
		if (p->pos < p->len && (in[p->pos] == '<' ||
		    in[p->pos] == '>') && p->pos - rawstart <= 4 &&
		    !(p->pos + 1 < p->len && in[p->pos + 1] == '(') &&
		    strspn(in + rawstart, "0123456789") == p->pos - rawstart &&
		    c.mode != M_TEST) {
			int fd = 0;
			size_t i;

			for (i = rawstart; i < p->pos; i++)
				fd = fd * 10 + (in[i] - '0');
			if (!p->skip)
				p->a->textlen = p->w.start;
			sp_redir(p, &c, fd);
			continue;
		}
		if (c.mode == M_NORMAL && c.nwords == c.nassign && !p->skip &&
		    p->w.firstq > 0) {
			const char *t = p->a->text + p->w.start;
			size_t tl = p->a->textlen - p->w.start, eq;

			for (eq = 0; eq < tl && eq < p->w.firstq &&
			    t[eq] != '='; eq++)
				;
			if (eq < tl && eq < p->w.firstq &&
			    sp_isname_eq(t, eq + 1)) {
				p->w.flags |= SHELLPARSE_W_ASSIGN;
				sp_finish(p, FIN_ONE, NULL);
				c.nassign++;
				c.nwords++;
				continue;
			}
		}
		if (c.mode == M_TEST && sp_rawis(in, rawstart, p->pos, "]]"))
			c.mode = M_NORMAL;
		if (p->skip)
			c.nwords++;
		else {
			n = p->a->nwords;
			sp_finish(p, FIN_ARGV, NULL);
			c.nwords += (uint32_t)(p->a->nwords - n);
		}
	}
	/* Error: keep what was read of the command. */
	sp_closecmd(p, &c, 0);
 out:
	if (p->cmplevel != p->cmpbase)
		sp_soft(p, SHELLPARSE_E_SYNTAX);
	p->cmplevel = clevel;
	p->cmpbase = cbase;
	p->nest--;
	return (end);
}

/* Parse a region found in a command that is now complete. */
static void
sp_region(struct sp *p, const struct sp_region *r)
{
	const char *in = r->in, *s;
	size_t start = r->start, end = r->end, i, n;
	size_t savelen = p->len, savepos = p->pos;
	size_t hdbase = p->hdbase, nhd = p->nhd;
	const char *savein = p->in;
	char *t;

	if (end > start && r->kind != RG_SUBST) {
		/* Inside ` `, \` \\ \$ (and \" within "") lose the \. */
		n = end - start;
		if ((t = shellparse_alloc(p->a, n + 1)) == NULL) {
			sp_hard(p, SHELLPARSE_E_NOMEM);
			return;
		}
		s = in + start;
		for (i = 0, n = 0; i < end - start; i++) {
			if (s[i] == '\\' && i + 1 < end - start &&
			    (s[i + 1] == '`' || s[i + 1] == '\\' ||
			    s[i + 1] == '$' || (s[i + 1] == '"' &&
			    r->kind == RG_BACKTICK_DQ)))
				i++;
			t[n++] = s[i];
		}
		t[n] = '\0';
		in = t;
		/* Space the arena gave back and gives again: new bytes. */
		for (i = 0; i < p->nnoarith; )
			if (p->noarith[i].in == t)
				p->noarith[i] = p->noarith[--p->nnoarith];
			else
				i++;
		start = 0;
		end = n;
	}
	p->in = in;
	p->pos = start;
	p->len = end;
	p->hdbase = p->nhd;
	p->depth++;
	if (!sp_quickregion(p, in + start, end - start, r->parent))
		sp_list(p, CL_EOF, r->parent);
	p->depth--;
	p->in = savein;
	p->len = savelen;
	p->pos = savepos;
	p->hdbase = hdbase;
	p->nhd = nhd;
}

/* Parse the regions queued from base on, then drop them. */
static void
sp_regions(struct sp *p, size_t base)
{
	struct sp_region r;
	size_t i, top = p->nrg;

	for (i = base; i < top && !p->err; i++) {
		r = p->rg[i];
		sp_region(p, &r);
		p->nrg = top;
	}
	p->nrg = base;
}

int
shellparse_init(struct shellparse *sp, void *buf, size_t size)
{
	uintptr_t b = (uintptr_t)buf, e = b + size;
	size_t csz, wsz, rsz;

	/* Field by field: a memset of it is a slow "rep stos". */
	sp->text = NULL;
	sp->words = NULL;
	sp->redirs = NULL;
	sp->cmds = NULL;
	sp->textsize = sp->textlen = sp->wordsmax = sp->nwords = 0;
	sp->redirsmax = sp->nredirs = sp->cmdsmax = sp->ncmds = 0;
	sp->error = sp->full = 0;
	sp->errpos = 0;
	sp->funcs = 0;
	if (buf == NULL || size < 1024)
		return (-1);
	b = (b + 15) & ~(uintptr_t)15;
	size = e - b;
	/* Proportions that suit short command lines. */
	csz = size / 6 / sizeof(struct shellparse_cmd);
	wsz = size * 3 / 10 / sizeof(struct shellparse_word);
	rsz = size / 20 / sizeof(struct shellparse_redir);
	sp->cmds = (struct shellparse_cmd *)b;
	sp->cmdsmax = csz;
	b += csz * sizeof(struct shellparse_cmd);
	sp->words = (struct shellparse_word *)b;
	sp->wordsmax = wsz;
	b += wsz * sizeof(struct shellparse_word);
	sp->redirs = (struct shellparse_redir *)b;
	sp->redirsmax = rsz;
	b += rsz * sizeof(struct shellparse_redir);
	sp->text = (char *)b;
	sp->textsize = e - b;
	return (0);
}

void
shellparse_reset(struct shellparse *sp)
{
	sp->textlen = sp->nwords = sp->nredirs = sp->ncmds = 0;
	sp->error = 0;
	sp->full = 0;
	sp->errpos = 0;
	sp->funcs = 0;
}

char *
shellparse_alloc(struct shellparse *sp, size_t n)
{
	char *t;

	if (sp->textsize - sp->textlen < n + 1) {
		sp->full = 1;
		if (sp->error == 0)
			sp->error = SHELLPARSE_E_NOMEM;
		return (NULL);
	}
	t = sp->text + sp->textlen;
	sp->textlen += n;
	return (t);
}

/*
 * Bytes of a plain line: 1 in a word, 2 between words, 3 in a list or
 * pipeline operator, 4 a quote, 5 a newline, 0 anything else.
 */
#define SPC_WORD	1
#define SPC_BLANK	2
#define SPC_OP		3
#define SPC_QUOTE	4
#define SPC_NL		5
static const uint8_t sp_plainc[256] = {
	[' '] = 2, ['\t'] = 2, [';'] = 3, ['&'] = 3, ['|'] = 3,
	['\''] = 4, ['"'] = 4, ['\n'] = 5,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['_'] = 1, ['.'] = 1, ['/'] = 1, [':'] = 1, ['@'] = 1, ['%'] = 1,
	['+'] = 1, [','] = 1, ['-'] = 1, ['='] = 1, ['~'] = 1, ['^'] = 1,
};

/* A command of the fast path is done: is it one the parser agrees on? */
static int
sp_simple_ok(const struct shellparse_cmd *cmd)
{
	const char *t;
	uint32_t i, n;

	if (cmd->nwords == 0)
		return (0);
	t = cmd->words[0].text;
	n = cmd->words[0].len;
	/* NAME=value is no command name: a short name is looked at
	   here, a long one by memchr() */
	if (n <= 8) {
		for (i = 0; i < n; i++)
			if (t[i] == '=')
				return (0);
	} else if (memchr(t, '=', n) != NULL)
		return (0);
	return (sp_reserved(t, n) == KW_NONE);
}

/*
 * A quoted part of a word at line[i] ('...', or "..." holding nothing
 * the shell expands): copy its text to t[*tl], return the offset after
 * it, or 0 if it is not that simple.
 */
static size_t
sp_simple_quote(const char *line, size_t len, size_t i, char *t, size_t *tl)
{
	const char *q;
	size_t j, n;

	if (line[i] == '\'') {
		if ((q = memchr(line + i + 1, '\'', len - i - 1)) == NULL)
			return (0);
		n = (size_t)(q - (line + i + 1));
		if (memchr(line + i + 1, '\0', n) != NULL)
			return (0);
		memcpy(t + *tl, line + i + 1, n);
		*tl += n;
		return (i + n + 2);
	}
	for (j = i + 1; j < len && line[j] != '"'; j++)
		if (line[j] == '$' || line[j] == '`' || line[j] == '\\' ||
		    line[j] == '\0')
			return (0);
	if (j == len)
		return (0);
	n = j - i - 1;
	memcpy(t + *tl, line + i + 1, n);
	*tl += n;
	return (j + 1);
}

/*
 * A word of the fast path at line[i]: plain bytes and simple quotes,
 * copied to t[*tl] and terminated.  Returns the offset after it, or 0
 * if it is not that simple; *kp is the class of the byte after it.
 */
static inline __attribute__((always_inline)) size_t
sp_simple_word(const char *line, size_t len, size_t i, char *t, size_t *tl,
    uint32_t *flags, uint8_t *kp)
{
	uint8_t k = sp_plainc[(unsigned char)line[i]];
	size_t o = *tl;		/* not *tl: t[] could alias it */

	*flags = 0;
	do {
		if (k == SPC_WORD)
			t[o++] = line[i++];
		else {
			*tl = o;
			if ((i = sp_simple_quote(line, len, i, t, tl)) == 0)
				return (0);
			o = *tl;
			*flags = SHELLPARSE_W_QUOTED;
		}
	} while (i < len && ((k = sp_plainc[(unsigned char)line[i]]) ==
	    SPC_WORD || k == SPC_QUOTE));
	t[o++] = '\0';
	*tl = o;
	*kp = i < len ? k : SPC_BLANK;
	return (i);
}

/*
 * A redirection of the fast path at line[i] (< > >> <> <& >& >|, then
 * a word as above), for a command that has its name already: append
 * it as sp_redir() would.  Returns the offset after it, or 0.
 */
static size_t
sp_simple_redir(struct shellparse *a, struct shellparse_cmd *cmd,
    const char *line, size_t len, size_t i, int fd, size_t *tl, size_t *nr)
{
	struct shellparse_redir *r;
	size_t ws = *tl;
	uint32_t wflags;
	int c1 = i + 1 < len ? line[i + 1] : 0, op;
	uint8_t k;

	if (cmd == NULL || cmd->nwords == 0 || c1 == '(')
		return (0);
	if (line[i] == '<') {
		if (c1 == '<')
			return (0);		/* here-documents */
		op = c1 == '&' ? SHELLPARSE_R_DUPIN : c1 == '>' ?
		    SHELLPARSE_R_RDWR : SHELLPARSE_R_IN;
	} else
		op = c1 == '>' ? SHELLPARSE_R_APPEND : c1 == '&' ?
		    SHELLPARSE_R_DUPOUT : c1 == '|' ? SHELLPARSE_R_CLOBBER :
		    SHELLPARSE_R_OUT;
	i += (op == SHELLPARSE_R_IN || op == SHELLPARSE_R_OUT) ? 1 : 2;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i >= len || ((k = sp_plainc[(unsigned char)line[i]]) !=
	    SPC_WORD && k != SPC_QUOTE))
		return (0);
	if ((i = sp_simple_word(line, len, i, a->text, tl, &wflags,
	    &k)) == 0 || (k == 0 && line[i] != '<' && line[i] != '>') ||
	    *nr >= a->redirsmax)
		return (0);
	r = &a->redirs[(*nr)++];
	memset(r, 0, sizeof(*r));
	r->target.text = a->text + ws;
	r->target.len = (uint32_t)(*tl - ws - 1);
	r->target.flags = wflags;
	r->fd = (int16_t)fd;
	r->op = (uint8_t)op;
	cmd->nredirs++;
	return (i);
}

/*
 * The common case, words of plain bytes and simple quotes joined by ;
 * & && || | and newlines ("git status", "cd b && make | tee log",
 * "grep -n 'a b' x"): split it without the full parser.  It must read
 * such a line exactly as sp_list() would; returns 0, having kept
 * nothing, when the line is not that simple.
 */
static inline __attribute__((always_inline)) int
sp_simple(struct shellparse *a, const char *line, size_t len,
    unsigned depth, uint32_t parent)
{
	struct shellparse_cmd *cmd = NULL;
	char *t = a->text;
	size_t i = 0, tl = a->textlen, ws, nw = a->nwords, nc = a->ncmds;
	size_t nr = a->nredirs, rs, j;
	uint32_t from = SHELLPARSE_NONE, wflags;
	int need = 0, c0, c1, fd;
	uint8_t k;

	/*
	 * Room for the worst case of text and words, or let the parser
	 * say it is full.  Commands and redirections are counted as they
	 * come: their worst case would send most lines past 48 bytes to
	 * the parser, a stack arena holding only a few dozen of each.
	 */
	if (a->textsize - tl < len + len / 2 + 2 ||
	    a->wordsmax - nw < len / 2 + 1)
		return (0);
	while (i < len) {
		k = sp_plainc[(unsigned char)line[i]];
		if (k == SPC_BLANK) {
			i++;
			continue;
		}
		if (k == SPC_NL) {
			/* Ends a command, like ;, or continues a line
			   after && || |. */
			if (cmd != NULL) {
				if (!sp_simple_ok(cmd))
					goto no;
				from = SHELLPARSE_NONE;
				need = 0;
				cmd = NULL;
			}
			i++;
			continue;
		}
		if (k == SPC_OP) {
			if (cmd == NULL || !sp_simple_ok(cmd))
				goto no;
			c0 = line[i];
			c1 = i + 1 < len ? line[i + 1] : 0;
			if (c0 == c1 && c0 != ';') {
				i += 2;			/* && || */
				from = SHELLPARSE_NONE;
				need = 1;
			} else if (c1 != 0 && sp_plainc[(unsigned char)c1] == 3)
				goto no;		/* ;; |& ;& ... */
			else if (c0 == '|') {
				i++;
				from = (uint32_t)(cmd - a->cmds);
				need = 1;
			} else {
				i++;			/* ; & */
				if (c0 == '&')
					cmd->flags |= SHELLPARSE_C_BG;
				from = SHELLPARSE_NONE;
				need = 0;
			}
			cmd = NULL;
			continue;
		}
		if (k == 0 && line[i] == '{' && cmd != NULL &&
		    cmd->nwords > 0 && i + 1 < len && line[i + 1] == '}' &&
		    (i + 2 == len || sp_plainc[(unsigned char)line[i + 2]] ==
		    SPC_BLANK || sp_plainc[(unsigned char)line[i + 2]] ==
		    SPC_OP || line[i + 2] == '\n')) {
			/* find -exec CMD {} ;: a word "{}", as is. */
			t[tl] = '{';
			t[tl + 1] = '}';
			t[tl + 2] = '\0';
			a->words[nw].text = t + tl;
			a->words[nw].len = 2;
			a->words[nw].flags = 0;
			tl += 3;
			nw++;
			cmd->nwords++;
			i += 2;
			continue;
		}
		if (k == 0) {
			if ((line[i] != '<' && line[i] != '>') ||
			    (i = sp_simple_redir(a, cmd, line, len, i, -1,
			    &tl, &nr)) == 0)
				goto no;
			continue;
		}
		if (cmd == NULL) {
			if (nc >= a->cmdsmax)
				goto no;
			cmd = &a->cmds[nc];
			memset(cmd, 0, sizeof(*cmd));
			cmd->words = a->words + nw;
			cmd->redirs = a->redirs + nr;
			cmd->next = SHELLPARSE_NONE;
			cmd->parent = parent;
			cmd->depth = (uint16_t)depth;
			if (from != SHELLPARSE_NONE)
				a->cmds[from].next = (uint32_t)nc;
			from = SHELLPARSE_NONE;
			need = 0;
			nc++;
		}
		ws = tl;
		rs = i;
		if ((i = sp_simple_word(line, len, i, t, &tl, &wflags,
		    &k)) == 0)
			goto no;
		fd = -1;
		if (k == 0) {
			if (line[i] != '<' && line[i] != '>')
				goto no;
			/* Up to four digits straight before < or > are
			   its file descriptor, not a word. */
			for (j = rs, fd = 0; j < i && j - rs < 4 &&
			    line[j] >= '0' && line[j] <= '9'; j++)
				fd = fd * 10 + (line[j] - '0');
			if (j < i)
				fd = -1;
			else
				tl = ws;
		}
		if (fd == -1) {
			a->words[nw].text = t + ws;
			a->words[nw].len = (uint32_t)(tl - ws - 1);
			a->words[nw].flags = wflags;
			nw++;
			cmd->nwords++;
		}
		if (k == 0 && (i = sp_simple_redir(a, cmd, line, len, i, fd,
		    &tl, &nr)) == 0)
			goto no;
	}
	if (need || nc == a->ncmds || (cmd != NULL && !sp_simple_ok(cmd)))
		goto no;
	a->textlen = tl;
	a->nwords = nw;
	a->ncmds = nc;
	a->nredirs = nr;
	return (1);
 no:
	/* Pipeline links were only set on commands made here. */
	return (0);
}

/* sp_simple() out of line: shellparse() keeps its own copy inline. */
static int __attribute__((noinline))
sp_simple_out(struct shellparse *a, const char *line, size_t len,
    unsigned depth, uint32_t parent)
{
	return (sp_simple(a, line, len, depth, parent));
}

/*
 * A list one level down (a substitution's) that sp_list() would read
 * as sp_simple() does: not past the depth limits it checks, only where
 * it stores what it reads, and not inside a compound a pipe feeds
 * (whose commands sp_slot() marks SHELLPARSE_C_PIPEIN).
 */
static int
sp_quickok(const struct sp *p, unsigned depth)
{
	return (depth <= SHELLPARSE_MAXDEPTH && p->nest < SP_MAXNEST &&
	    !p->skip && !p->notext && (p->pinlevel == 0 ||
	    p->kwlevel < p->pinlevel));
}

/*
 * sp_skiplist()'s common case: $( ) holding plain words and ; & && ||
 * | on one line, with nothing before its ')' that could hide one
 * (quotes, parentheses, case, comments), as sp_simple() reads such a
 * list whole.  Returns the offset of the ')', or 0 to skip it the long
 * way.  What sp_simple() stores to tell is dropped again.
 */
static size_t
sp_quickskip(struct sp *p, size_t start)
{
	struct shellparse *a = p->a;
	const char *in = p->in;
	size_t i, tl = a->textlen, nw = a->nwords, nc = a->ncmds;
	size_t nr = a->nredirs;
	uint8_t k;
	int ok;

	if (p->depth + 1 > SHELLPARSE_MAXDEPTH || p->nest >= SP_MAXNEST)
		return (0);
	for (i = start; i < p->len && ((k = sp_plainc[(unsigned char)in[i]]) ==
	    SPC_WORD || k == SPC_BLANK || k == SPC_OP); i++)
		;
	if (i == start || i >= p->len || in[i] != ')')
		return (0);
	ok = sp_simple_out(a, in + start, i - start, p->depth + 1,
	    SHELLPARSE_NONE);
	a->textlen = tl;
	a->nwords = nw;
	a->ncmds = nc;
	a->nredirs = nr;
	return (ok ? i : 0);
}

/* sp_region()'s common case: a list sp_simple() reads whole. */
static int
sp_quickregion(struct sp *p, const char *s, size_t n, uint32_t parent)
{
	return (sp_quickok(p, p->depth) && sp_simple_out(p->a, s, n,
	    p->depth, parent));
}

int
shellparse(struct shellparse *sp, const char *line, size_t len,
    unsigned depth, uint32_t parent)
{
	struct sp p;

	if (len > SHELLPARSE_MAXLEN || depth > SHELLPARSE_MAXDEPTH) {
		if (sp->error == 0) {
			sp->error = len > SHELLPARSE_MAXLEN ?
			    SHELLPARSE_E_LONG : SHELLPARSE_E_DEPTH;
			sp->errpos = 0;
		}
		return (-1);
	}
	if (sp_simple(sp, line, len, depth, parent))
		return (0);
	p.a = sp;
	p.in = line;
	p.len = len;
	p.pos = 0;
	p.depth = depth;
	p.nest = 0;
	p.skip = p.notext = 0;
	p.err = p.soft = 0;
	p.softpos = 0;
	p.curcmd = SHELLPARSE_NONE;
	p.kwlevel = p.pinlevel = 0;
	p.cmplevel = p.cmpbase = 0;
	p.nrg = p.nhd = p.hdbase = 0;
	p.brcount = 0;
	p.comsub = 0;
	p.nnoarith = 0;
	memset(&p.w, 0, sizeof(p.w));
	sp_list(&p, CL_EOF, parent);
	if (p.err == SHELLPARSE_E_NOMEM)
		sp->full = 1;
	if (p.soft == 0)
		return (0);
	if (sp->error == 0) {
		sp->error = p.soft;
		sp->errpos = p.softpos;
	}
	return (-1);
}

/* One more word of an argv command, as it is (room was checked). */
static int
sp_argv_word(struct shellparse *sp, struct shellparse_cmd *cmd,
    const char *s)
{
	size_t l = strlen(s);

	if (l > SHELLPARSE_MAXLEN) {
		if (sp->error == 0)
			sp->error = SHELLPARSE_E_LONG;
		return (-1);
	}
	sp->words[sp->nwords].text = s;
	sp->words[sp->nwords].len = (uint32_t)l;
	sp->words[sp->nwords].flags = 0;
	sp->nwords++;
	cmd->nwords++;
	return (0);
}

int
shellparse_argv(struct shellparse *sp, const char *const *argv, size_t argc,
    unsigned depth, uint32_t parent)
{
	return (shellparse_argv_env(sp, NULL, 0, argv, argc, depth, parent));
}

int
shellparse_argv_env(struct shellparse *sp, const char *const *envv,
    size_t envc, const char *const *argv, size_t argc, unsigned depth,
    uint32_t parent)
{
	struct shellparse_cmd *cmd;
	size_t i;

	if (depth > SHELLPARSE_MAXDEPTH) {
		if (sp->error == 0)
			sp->error = SHELLPARSE_E_DEPTH;
		return (-1);
	}
	if (envv == NULL)
		envc = 0;
	if (sp->ncmds == sp->cmdsmax || sp->wordsmax - sp->nwords < argc ||
	    sp->wordsmax - sp->nwords - argc < envc) {
		sp->full = 1;
		if (sp->error == 0)
			sp->error = SHELLPARSE_E_NOMEM;
		return (-1);
	}
	cmd = &sp->cmds[sp->ncmds++];
	memset(cmd, 0, sizeof(*cmd));
	cmd->words = sp->words + sp->nwords;
	cmd->redirs = sp->redirs + sp->nredirs;
	cmd->next = SHELLPARSE_NONE;
	cmd->parent = parent;
	cmd->depth = (uint16_t)depth;
	for (i = 0; i < envc && envv[i] != NULL; i++)
		if (strchr(envv[i], '=') != NULL && envv[i][0] != '=') {
			if (sp_argv_word(sp, cmd, envv[i]) == -1)
				return (-1);
			cmd->nassign++;
		}
	for (i = 0; i < argc && argv[i] != NULL; i++)
		if (sp_argv_word(sp, cmd, argv[i]) == -1)
			return (-1);
	return (0);
}

int
shellparse_input(struct shellparse *sp, const char *text, size_t len)
{
	struct shellparse_cmd *cmd;
	struct shellparse_redir *r;

	if (sp->ncmds == 0)
		return (-1);
	cmd = &sp->cmds[sp->ncmds - 1];
	if (text == NULL) {
		cmd->flags |= SHELLPARSE_C_PIPEIN;
		return (0);
	}
	/* Its redirections must stay together: only for the last one. */
	if (cmd->redirs + cmd->nredirs != sp->redirs + sp->nredirs ||
	    len > SHELLPARSE_MAXLEN || len > UINT32_MAX) {
		if (sp->error == 0)
			sp->error = SHELLPARSE_E_LONG;
		return (-1);
	}
	if (sp->nredirs == sp->redirsmax) {
		sp->full = 1;
		if (sp->error == 0)
			sp->error = SHELLPARSE_E_NOMEM;
		return (-1);
	}
	r = &sp->redirs[sp->nredirs++];
	memset(r, 0, sizeof(*r));
	r->target.text = text;
	r->target.len = (uint32_t)len;
	r->target.flags = SHELLPARSE_W_QUOTED;
	r->fd = -1;
	r->op = SHELLPARSE_R_HERESTR;
	cmd->nredirs++;
	return (0);
}

const char *
shellparse_strerror(int e)
{
	switch (e) {
	case SHELLPARSE_OK:
		return ("no error");
	case SHELLPARSE_E_QUOTE:
		return ("unterminated quote");
	case SHELLPARSE_E_SUBST:
		return ("unterminated substitution");
	case SHELLPARSE_E_SYNTAX:
		return ("syntax error");
	case SHELLPARSE_E_DEPTH:
		return ("nested too deep");
	case SHELLPARSE_E_LONG:
		return ("line too long");
	case SHELLPARSE_E_NOMEM:
		return ("too complex to hold");
	case SHELLPARSE_E_COMPLEX:
		return ("too many expansions");
	case SHELLPARSE_E_NUL:
		return ("NUL byte");
	}
	return ("unknown error");
}
