/*
 * risk.c: compile risk rules once, classify tool calls fast.
 *
 * Compilation indexes command rules by the basename their pattern
 * names (plus a short list of rules whose command name is a glob) and
 * call rules by tool name, and turns every glob into a matcher that
 * rejects most strings on a literal prefix or suffix.  Classification
 * parses the command line into a stack arena (shellparse.h), walks
 * each simple command and each view of it left once a wrapper (sudo,
 * env, ...) is taken off, and looks only at the rules indexed under
 * that view's name.  Nothing is allocated on the common path.
 */

#include <sys/types.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "hexdig.h"
#include "risk.h"
#include "shellparse.h"
#include "utf8.h"

#define NONE		UINT32_MAX
#define MAXSTAGES	8	/* stages in one pipeline pattern */
#define MAXVIEWS	32	/* views of one command */
#define GV_BUDGET	(1 << 20)	/* names a call's globs are matched
				   against (glob_views()); past it, what
				   a glob names could be anything */
#define MAXVDEPTH	8	/* wrappers in a row */
#define ARENA_STACK	16384	/* arena on the stack */
#define ARENA_MAX	(8u << 20)
#define GTOK_MAX	64	/* glob tokens compared by gisect() */
#define GTOK_NAME_MAX	512	/* of a command's name, by glob_views() */
#define JSON_MAXDEPTH	32
#define PBIG		1024	/* byte pairs of path patterns, hashed */
#define PBIG_HASH(a, b)	(((unsigned)(a) * 31 + (unsigned)(b)) & (PBIG - 1))

/* ---------------------------------------------------------------- */
/* Memory pool: the compiled rule set lives in a few chunks. */

struct pchunk {
	struct pchunk	*next;
	size_t		 size, used;
	uint64_t	 data[];
};

static void *
pool_alloc(struct pchunk **pl, size_t n)
{
	struct pchunk *c = *pl;
	size_t sz;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (c == NULL || c->size - c->used < n) {
		sz = n > 16384 ? n : 16384;
		if ((c = calloc(1, sizeof(*c) + sz)) == NULL)
			return (NULL);
		c->size = sz;
		c->next = *pl;
		*pl = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return (p);
}

static char *
pool_strndup(struct pchunk **pl, const char *s, size_t n)
{
	char *p;

	if ((p = pool_alloc(pl, n + 1)) == NULL)
		return (NULL);
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}

/* ---------------------------------------------------------------- */
/* Globs. */

#define G_LITERAL	0
#define G_ANY		1	/* "*" */
#define G_PREFIX	2	/* lit* */
#define G_SUFFIX	3	/* *suf */
#define G_PRESUF	4	/* lit*suf */
#define G_GENERAL	5

struct rglob {
	uint64_t	 need;		/* bytes it needs, as bytemask() */
	const char	*pat;		/* the glob */
	const char	*lit;		/* literal prefix, unescaped */
	const char	*suf;		/* literal suffix (PREFIX..PRESUF) */
	const char	*mid;		/* longest literal run (GENERAL) */
	uint32_t	 litlen, suflen, minlen, midlen;
	int16_t		 first, last;	/* literal first/last byte, or -1 */
	uint8_t		 kind;
	uint8_t		 rel;		/* X of a path's "*" "/" X */
	const struct gtok *tk;		/* pat's tokens for gisect_tok(), */
	int		 ntk;		/* how many; -1: over GTOK_MAX */
};

/*
 * A [:name:], [=c=] or [.c.] inside a class at q: the end of its name
 * (the closing ":]", "=]" or ".]"), else NULL.
 */
static const char *
class_sub(const char *q)
{
	const char *e;

	if (q[0] != '[' || (q[1] != ':' && q[1] != '=' && q[1] != '.'))
		return (NULL);
	for (e = q + 2; *e != '\0'; e++)
		if (e[0] == q[1] && e[1] == ']')
			return (e);
	return (NULL);
}

/* End of a [...] class starting at p, or NULL if it is not one. */
static const char *
class_end(const char *p)
{
	const char *q = p + 1, *e;

	if (*q == '!' || *q == '^')
		q++;
	if (*q == ']')
		q++;
	while (*q != '\0') {
		if ((e = class_sub(q)) != NULL) {
			q = e + 2;
			continue;
		}
		if (*q == '\\' && q[1] != '\0') {
			q += 2;
			continue;
		}
		if (*q == ']')
			return (q + 1);
		q++;
	}
	return (NULL);
}

static int
class_named(const char *name, size_t n, int c)
{
	static const struct {
		const char	*n;
		int		(*f)(int);
	} cl[] = {
		{ "alnum", isalnum }, { "alpha", isalpha },
		{ "blank", isblank }, { "cntrl", iscntrl },
		{ "digit", isdigit }, { "graph", isgraph },
		{ "lower", islower }, { "print", isprint },
		{ "punct", ispunct }, { "space", isspace },
		{ "upper", isupper }, { "xdigit", isxdigit },
	};
	size_t i;

	for (i = 0; i < sizeof(cl) / sizeof(cl[0]); i++)
		if (strlen(cl[i].n) == n && memcmp(cl[i].n, name, n) == 0)
			return (c < 128 && cl[i].f(c) != 0);
	return (0);
}

/*
 * Does the class at p (known to be well formed) hold byte c?  bash's
 * [=c=] and [.c.] are the byte c (in the C locale); a longer name
 * ([.hyphen.], an equivalence of another locale) may be any byte.
 */
static int
class_has(const char *p, int c)
{
	const char *q = p + 1, *e;
	int neg = 0, lo, hi, first = 1, in = 0;

	if (*q == '!' || *q == '^') {
		neg = 1;
		q++;
	}
	while (*q != '\0' && (*q != ']' || first)) {
		first = 0;
		if ((e = class_sub(q)) != NULL) {
			if (q[1] == ':') {
				if (class_named(q + 2, (size_t)(e - q - 2), c))
					in = 1;
			} else if (e - q - 2 != 1)
				return (1);
			else if ((unsigned char)q[2] == c)
				in = 1;
			q = e + 2;
			continue;
		}
		if (*q == '\\' && q[1] != '\0')
			q++;
		lo = (unsigned char)*q++;
		hi = lo;
		if (q[0] == '-' && q[1] != ']' && q[1] != '\0') {
			q++;
			if (*q == '\\' && q[1] != '\0')
				q++;
			hi = (unsigned char)*q++;
		}
		if (c >= lo && c <= hi)
			in = 1;
	}
	return (in != neg);
}

/* fnmatch(3) without flags, on a counted string. */
static int
gmatch(const char *p, const char *s, size_t n)
{
	const char *bp = NULL, *e, *np;
	size_t i = 0, bi = 0;
	int ok;

	for (;;) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (*p == '\0')
				return (1);
			bp = p;
			bi = i;
			continue;
		}
		ok = 0;
		np = p;
		if (i < n && *p != '\0') {
			if (*p == '?') {
				ok = 1;
				np = p + 1;
			} else if (*p == '[' && (e = class_end(p)) != NULL) {
				ok = class_has(p, (unsigned char)s[i]);
				np = e;
			} else if (*p == '\\' && p[1] != '\0') {
				ok = s[i] == p[1];
				np = p + 2;
			} else {
				ok = s[i] == *p;
				np = p + 1;
			}
		} else if (i == n && *p == '\0')
			return (1);
		if (ok) {
			p = np;
			i++;
			continue;
		}
		if (bp == NULL || bi >= n)
			return (0);
		p = bp;
		i = ++bi;
	}
}

#define T_LIT		0
#define T_ANY		1
#define T_CLASS		2
#define T_STAR		3

struct gtok {
	const char	*cls;
	uint8_t		 t, c;
};

/* Tokens of a glob; -1 if more than max. */
static int
gtokens(const char *p, struct gtok *tk, int max)
{
	const char *e;
	int n = 0;

	while (*p != '\0') {
		if (n == max)
			return (-1);
		tk[n].cls = NULL;
		if (*p == '*') {
			while (*p == '*')
				p++;
			tk[n++].t = T_STAR;
			continue;
		}
		if (*p == '?') {
			tk[n++].t = T_ANY;
			p++;
		} else if (*p == '[' && (e = class_end(p)) != NULL) {
			tk[n].t = T_CLASS;
			tk[n++].cls = p;
			p = e;
		} else {
			if (*p == '\\' && p[1] != '\0')
				p++;
			tk[n].t = T_LIT;
			tk[n++].c = (uint8_t)*p++;
		}
	}
	return (n);
}

static int
gtok_compat(const struct gtok *a, const struct gtok *b)
{
	int c;

	if (a->t == T_ANY || b->t == T_ANY)
		return (1);
	if (a->t == T_LIT && b->t == T_LIT)
		return (a->c == b->c);
	if (a->t == T_LIT)
		return (class_has(b->cls, a->c));
	if (b->t == T_LIT)
		return (class_has(a->cls, b->c));
	for (c = 1; c < 256; c++)
		if (class_has(a->cls, c) && class_has(b->cls, c))
			return (1);
	return (0);
}

struct isect {
	const struct gtok	*a, *b;
	int			 na, nb;
	int			 path;	/* b's wildcards stop at / */
	uint64_t		 memo[(GTOK_MAX + 1) * (GTOK_MAX + 1) / 64 + 1];
};

static int
isect_at(struct isect *x, int i, int j)
{
	int k = i * (x->nb + 1) + j, r = 0;

	if (x->memo[k / 64] & ((uint64_t)1 << (k % 64)))
		return (0);
	if (i == x->na && j == x->nb)
		return (1);
	if (i < x->na && x->a[i].t == T_STAR) {
		r = isect_at(x, i + 1, j) ||
		    (j < x->nb && isect_at(x, i, j + 1));
	} else if (j < x->nb && x->b[j].t == T_STAR) {
		r = isect_at(x, i, j + 1) || (i < x->na && !(x->path &&
		    x->a[i].t == T_LIT && x->a[i].c == '/') &&
		    isect_at(x, i + 1, j));
	} else if (i < x->na && j < x->nb)
		r = gtok_compat(&x->a[i], &x->b[j]) && !(x->path &&
		    x->b[j].t != T_LIT && x->a[i].t == T_LIT &&
		    x->a[i].c == '/') && isect_at(x, i + 1, j + 1);
	if (!r)
		x->memo[k / 64] |= (uint64_t)1 << (k % 64);
	return (r);
}

/*
 * isect_at(0, 0), for a b of at most 63 tokens, without recursion:
 * bit j of r is the state (i, j) of the row i at hand.  Every move
 * raises i or j, so one pass over the rows, each closed under its
 * moves along j first, finds all states that can be reached.
 *
 * With path 2, b is a shell's glob: a wildcard of b that starts a
 * component (the first, or after a /) does not give a leading '.'
 * (*.py is no .env.py, ?env no .env).  z holds the states where the
 * next byte starts a component, r the others; a byte of a's that is
 * not written out is taken not to be a '.' (the looser reading).
 */
static int
isect_rows(const struct isect *x)
{
	const struct gtok *ta, *tb;
	uint64_t r, z, o, stars = 0, all, c, cz, sl = 0, wild = 0, low, up;
	int i, j, slash, dot, dotrule = x->path == 2;

	for (j = 0; j < x->nb; j++) {
		if (x->b[j].t == T_STAR)
			stars |= (uint64_t)1 << j;
		if (x->b[j].t != T_LIT)
			wild |= (uint64_t)1 << j;
		else if (x->b[j].c == '/')
			sl |= (uint64_t)1 << (j + 1);	/* after a / */
	}
	all = x->nb == 63 ? ~(uint64_t)0 : ((uint64_t)1 << (x->nb + 1)) - 1;
	if (dotrule) {
		r = 0;
		z = 1;
	} else {
		r = 1;
		z = 0;
	}
	for (i = 0; i < x->na; i++) {
		ta = &x->a[i];
		if (ta->t == T_STAR) {
			/* a's star takes any of b's tokens: every j from
			   the lowest on, and each goes down a row (at a
			   component's start after a / of b's, but for a
			   star of b's that takes bytes with it). */
			o = r | z;
			low = o & (~o + 1);
			up = all & ~((low << 1) - 1);
			if (dotrule) {
				z |= up & sl;
				r |= (up & ~sl) | ((o | up) & stars);
			} else
				r = all & ~(low - 1);
			continue;
		}
		/* b's stars take nothing: along the row. */
		do {
			o = r | z;
			r |= (r & stars) << 1;
			z |= (z & stars) << 1;
		} while ((r | z) != o);
		slash = x->path && ta->t == T_LIT && ta->c == '/';
		dot = dotrule && ta->t == T_LIT && ta->c == '.';
		c = cz = 0;
		o = r | z;
		for (j = 0; j < x->nb; j++) {
			if (!((o >> j) & 1) || ((stars >> j) & 1))
				continue;
			tb = &x->b[j];
			if (!gtok_compat(ta, tb) || (slash && tb->t != T_LIT))
				continue;
			/* no leading . from a wildcard */
			if (dot && tb->t != T_LIT && !((r >> j) & 1))
				continue;
			if (dotrule && ((ta->t == T_LIT && ta->c == '/') ||
			    (tb->t == T_LIT && tb->c == '/')))
				cz |= (uint64_t)1 << j;
			else
				c |= (uint64_t)1 << j;
		}
		/* b's star takes a's token (not a / in a path, nor a
		   leading .), or both tokens are taken together. */
		if (slash)
			r = 0;
		else if (dot)
			r &= stars;
		else
			r = (r | z) & stars;
		r |= c << 1;
		z = cz << 1;
		if ((r | z) == 0)
			return (0);
	}
	do {
		o = r | z;
		r |= (r & stars) << 1;
		z |= (z & stars) << 1;
	} while ((r | z) != o);
	return (((r | z) >> x->nb) & 1);
}

/*
 * Is there a string both globs match?  Yes if they are too long.  With
 * path, b's wildcards do not match '/', as in a shell's pathname
 * expansion (and a variable of the tool's environment is taken to be
 * one component; word_cross() says when a word's may be more).
 */
/*
 * gisect2() of globs already tokenised (na, nb: gtokens()'s counts, -1
 * for one too long), so that a glob met with many is tokenised once.
 */
static int
gisect_tok(const struct gtok *ta, int na, const struct gtok *tb, int nb,
    int path)
{
	struct isect x;

	if (na < 0 || nb < 0)
		return (1);
	/* A string both match starts, and ends, with both literals. */
	if (na > 0 && nb > 0 &&
	    ((ta[0].t == T_LIT && tb[0].t == T_LIT && ta[0].c != tb[0].c) ||
	    (ta[na - 1].t == T_LIT && tb[nb - 1].t == T_LIT &&
	    ta[na - 1].c != tb[nb - 1].c)))
		return (0);
	x.na = na;
	x.nb = nb;
	x.a = ta;
	x.b = tb;
	x.path = path;
	if (x.nb < 64)
		return (isect_rows(&x));
	/* Only the part of the memo these lengths use. */
	memset(x.memo, 0, ((size_t)(x.na + 1) * (size_t)(x.nb + 1) / 64 + 1) *
	    sizeof(x.memo[0]));
	return (isect_at(&x, 0, 0));
}

static int
gisect2(const char *a, const char *b, int path)
{
	struct gtok ta[GTOK_MAX], tb[GTOK_MAX];
	int na, nb;

	if ((na = gtokens(a, ta, GTOK_MAX)) < 0 ||
	    (nb = gtokens(b, tb, GTOK_MAX)) < 0)
		return (1);
	return (gisect_tok(ta, na, tb, nb, path));
}

/* gisect2() of a compiled glob and the glob b, tokenised (nb). */
static int
gisect_rg(const struct rglob *g, const struct gtok *tb, int nb, int path)
{
	return (gisect_tok(g->tk, g->ntk, tb, nb, path));
}

/*
 * Does the glob of tokens t[0..n) match all of s (l bytes)?  What
 * gisect2(glob, s, 0) says of an s with no * ? [ or \, in one pass
 * that goes back only to the last star.
 */
static int
gtok_match(const struct gtok *t, int n, const char *s, size_t l)
{
	size_t j = 0, sj = 0;
	int i = 0, si = -1, ok;

	while (j < l) {
		if (i < n && t[i].t == T_STAR) {
			si = i++;
			sj = j;
			continue;
		}
		if (i < n) {
			if (t[i].t == T_LIT)
				ok = t[i].c == (uint8_t)s[j];
			else
				ok = t[i].t == T_ANY ||
				    class_has(t[i].cls, (uint8_t)s[j]);
			if (ok) {
				i++;
				j++;
				continue;
			}
		}
		if (si < 0)
			return (0);
		i = si + 1;
		j = ++sj;
	}
	while (i < n && t[i].t == T_STAR)
		i++;
	return (i == n);
}

static int
gisect(const char *a, const char *b)
{
	return (gisect2(a, b, 0));
}

/* A glob that stands for any string at all ("*", "**"). */
static int
gall(const char *p)
{
	if (*p != '*')
		return (0);
	while (*p == '*')
		p++;
	return (*p == '\0');
}

static int
rglob_compile(struct pchunk **pl, struct rglob *g, const char *pat,
    size_t len)
{
	struct gtok *tk, *gt;
	char *lit, *suf, *mid;
	int n, i, k, nstar = 0, nother = 0, spos = -1, rs = 0, best = 0;

	memset(g, 0, sizeof(*g));
	if ((g->pat = pool_strndup(pl, pat, len)) == NULL)
		return (-1);
	if ((tk = calloc(len + 1, sizeof(*tk))) == NULL)
		return (-1);
	n = gtokens(g->pat, tk, (int)len + 1);
	for (i = 0; i < n; i++) {
		if (tk[i].t == T_STAR) {
			nstar++;
			spos = i;
		} else if (tk[i].t != T_LIT)
			nother++;
	}
	g->first = n > 0 && tk[0].t == T_LIT ? tk[0].c : -1;
	g->last = n > 0 && tk[n - 1].t == T_LIT ? tk[n - 1].c : -1;
	g->minlen = (uint32_t)(n - nstar);
	if ((lit = pool_alloc(pl, (size_t)n + 1)) == NULL ||
	    (suf = pool_alloc(pl, (size_t)n + 1)) == NULL ||
	    (mid = pool_alloc(pl, (size_t)n + 1)) == NULL) {
		free(tk);
		return (-1);
	}
	/* The longest literal run: a string must hold it to match. */
	for (i = 0; i <= n; i++) {
		if (i < n && tk[i].t == T_LIT)
			continue;
		if (i - rs > best) {
			best = i - rs;
			for (k = 0; k < best; k++)
				mid[k] = (char)tk[rs + k].c;
		}
		rs = i + 1;
	}
	mid[best] = '\0';
	g->mid = mid;
	g->midlen = (uint32_t)best;
	for (i = 0; i < n; i++)
		if (tk[i].t == T_LIT)
			g->need |= (uint64_t)1 << (tk[i].c & 63);
	for (i = 0; i < n && tk[i].t == T_LIT; i++)
		lit[i] = (char)tk[i].c;
	lit[i] = '\0';
	g->lit = lit;
	g->litlen = (uint32_t)i;
	g->suf = suf;
	suf[0] = '\0';
	if (nstar == 0 && nother == 0)
		g->kind = G_LITERAL;
	else if (nstar == 1 && nother == 0) {
		for (i = spos + 1; i < n; i++)
			suf[i - spos - 1] = (char)tk[i].c;
		suf[n - spos - 1] = '\0';
		g->suflen = (uint32_t)(n - spos - 1);
		if (g->litlen == 0 && g->suflen == 0)
			g->kind = G_ANY;
		else if (g->suflen == 0)
			g->kind = G_PREFIX;
		else if (g->litlen == 0)
			g->kind = G_SUFFIX;
		else
			g->kind = G_PRESUF;
	} else
		g->kind = G_GENERAL;
	/* The tokens, for gisect_rg() (the same gtokens() gives). */
	g->ntk = n <= GTOK_MAX ? n : -1;
	if (g->ntk > 0) {
		if ((gt = pool_alloc(pl, (size_t)n * sizeof(*tk))) == NULL) {
			free(tk);
			return (-1);
		}
		memcpy(gt, tk, (size_t)n * sizeof(*tk));
		g->tk = gt;
	}
	free(tk);
	return (0);
}

/*
 * Are n bytes at a and b equal?  The strings compared here are short
 * (names, options, path ends): word loads beat a call to memcmp.
 */
static inline int
meq(const char *a, const char *b, size_t n)
{
	uint64_t x, y, u, v;
	uint32_t x4, y4, u4, v4;

	if (n >= 8) {
		for (; n > 8; n -= 8, a += 8, b += 8) {
			memcpy(&x, a, 8);
			memcpy(&y, b, 8);
			if (x != y)
				return (0);
		}
		/* The last 8 bytes, overlapping what was compared. */
		memcpy(&u, a + n - 8, 8);
		memcpy(&v, b + n - 8, 8);
		return (u == v);
	}
	if (n >= 4) {
		memcpy(&x4, a, 4);
		memcpy(&y4, b, 4);
		memcpy(&u4, a + n - 4, 4);
		memcpy(&v4, b + n - 4, 4);
		return (x4 == y4 && u4 == v4);
	}
	if (n == 0)
		return (1);
	/* 1 to 3 bytes: first, middle, last. */
	return (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/*
 * The first pair of bytes a b in s (n bytes), or NULL: memmem(s, n,
 * "ab", 2), by memchr() for a (glibc's memmem() goes byte by byte for
 * a needle this short).
 */
static const char *
find_pair(const char *s, size_t n, int a, int b)
{
	const char *p;

	while (n > 1 && (p = memchr(s, a, n - 1)) != NULL) {
		if (p[1] == b)
			return (p);
		n -= (size_t)(p - s) + 1;
		s = p + 1;
	}
	return (NULL);
}

static int
has_pair(const char *s, size_t n, int a, int b)
{
	return (find_pair(s, n, a, b) != NULL);
}

/* Does s hold m?  For the short strings here, cheaper than memmem. */
static int
contains(const char *s, size_t n, const char *m, size_t mn)
{
	const char *p, *e = s + n;

	while (n >= mn && (p = memchr(s, m[0], n - mn + 1)) != NULL) {
		if (meq(p + 1, m + 1, mn - 1))
			return (1);
		s = p + 1;
		n = (size_t)(e - s);
	}
	return (0);
}

static inline int
rglob_match(const struct rglob *g, const char *s, size_t n)
{
	switch (g->kind) {
	case G_LITERAL:
		return (n == g->litlen && meq(s, g->lit, n));
	case G_ANY:
		return (1);
	case G_PREFIX:
		return (n >= g->litlen && meq(s, g->lit, g->litlen));
	case G_SUFFIX:
		return (n >= g->suflen &&
		    meq(s + n - g->suflen, g->suf, g->suflen));
	case G_PRESUF:
		return (n >= g->litlen + g->suflen &&
		    meq(s, g->lit, g->litlen) &&
		    meq(s + n - g->suflen, g->suf, g->suflen));
	}
	if (n < g->minlen || (g->litlen > 0 &&
	    (n < g->litlen || !meq(s, g->lit, g->litlen))) ||
	    (g->midlen > g->litlen && !contains(s, n, g->mid, g->midlen)))
		return (0);
	return (gmatch(g->pat, s, n));
}

/* Match a word: by value, or by its pattern form if not yet known. */
static int
rglob_word(const struct rglob *g, const struct shellparse_word *w)
{
	const char *pat;

	if ((pat = shellparse_pattern(w)) != NULL)
		return (g->kind == G_ANY || gisect(g->pat, pat));
	return (rglob_match(g, w->text, w->len));
}

/* The literal byte a glob must start with, or -1. */
static int
glob_first(const char *p)
{
	if (p[0] == '*' || p[0] == '?' || p[0] == '[' || p[0] == '\0')
		return (-1);
	if (p[0] == '\\' && p[1] != '\0')
		return ((unsigned char)p[1]);
	return ((unsigned char)p[0]);
}

/* The literal byte a glob must end with, or -1 (when unsure). */
static int
glob_last(const char *p)
{
	size_t n = strlen(p);
	int c;

	if (n == 0)
		return (-1);
	c = (unsigned char)p[n - 1];
	if (c == '*' || c == '?' || c == ']')
		return (-1);
	return (c);
}

/* ---------------------------------------------------------------- */
/* Wrappers, shells and option aliases. */

#define WK_PREFIX	1	/* [options] command ... */
#define WK_SHELL	2	/* sh [options] -c STRING | script | stdin */
#define WK_EVAL		3	/* [options] WORDS...: a command line */
#define WK_FIND		4	/* find ... -exec CMD ; */
#define WK_SU		5	/* su ... -c STRING */
#define WK_APPLET	6	/* busybox APPLET ... */
#define WK_NONE		7	/* a shell by name only (eval is WK_EVAL) */
#define WK_AT		8	/* at, batch: a script on stdin or -f FILE */
#define WK_SUB		9	/* [options] SUBCOMMAND ...: see subs */
#define WK_OPTS		10	/* only option arguments are commands, each
				   one that is given (git rebase -x X -x Y) */
#define WK_EACH		11	/* as WK_OPTS, and each operand is one */
#define WK_GITCFG	12	/* git config KEY VALUE: a command to run;
				   with longstr, the "|keys|" that are
				   (npm config set script-shell X) */
#define WK_PREFIX1	13	/* as WK_PREFIX, long options with one dash
				   too (mpirun -np 2) */
#define WK_CAPSH	14	/* capsh [--opt=V] -- ARGS: ARGS a shell's */
#define WK_NETOPTS	15	/* as WK_OPTS, each run with a connection as
				   its input (nc -l -e sh) */
#define WK_EVALQ	16	/* as WK_EVAL, a word with a blank quoted
				   when joined (heroku run bash -c 'x y'):
				   read both ways */
#define WK_STRS(k)	((k) == WK_OPTS || (k) == WK_EACH || \
			    (k) == WK_GITCFG || (k) == WK_NETOPTS)

struct subwrap;

/*
 * Long options are matched whole or abbreviated, as getopt_long()
 * takes them: "--sig" is --signal.  A program refuses an abbreviation
 * two of its options share, so reading one as each option it could be
 * only ever finds more commands than run.
 */
struct wrapper {
	const char	*name;
	uint8_t		 kind;
	uint8_t		 npos;		/* operands before the command */
	uint8_t		 assigns;	/* NAME=value may come first */
	uint8_t		 dashopt;	/* "-" alone is an option */
	const char	*argopts;	/* short options taking an argument */
	const char	*stropts;	/* ... whose argument is a command */
	const char	*longargs;	/* "|long|options|" taking one */
	const char	*longstr;	/* ... whose argument is a command */
	const char	*restopts;	/* short options after which the rest
					   is the command (nix develop -c) */
	const char	*longrest;	/* "|long|" ones (fd --exec) */
	const char	*opqargs;	/* "|long|" options taking one that
					   change what runs (--entrypoint) */
	const struct subwrap *subs;	/* WK_SUB: its subcommands */
	uint8_t		 nsubs;
	uint16_t	 exact;		/* WX_*: how long options read */
};
#define WX_EXACT	1	/* only whole (Go's flag, Rust's clap):
				   --detach is not --detach-keys */
#define WX_LONG1	2	/* -name is --name too, as
				   getopt_long_only() reads it (gdb -args) */
#define WX_ONESTR	4	/* a rest of one word with a blank is a
				   command line (xterm -e 'cmd args') */
#define WX_DDREST	8	/* WK_OPTS: the rest after -- is the
				   command (gnome-terminal -- CMD) */
#define WX_CMDKW	16	/* a word cmd=CMD gives the command line
				   (salt's keyword form) */
#define WX_OPTVER	32	/* its one operand before the command only
				   if it looks like a version (nvm exec
				   [18] CMD; version_word()) */
#define WX_STDIN	64	/* with no command, a shell runs its input
				   (pkexec; bsub and qsub: a job script) */
#define WX_DDOPS	128	/* -- ends its operands too, which may
				   be left out: the command follows it
				   (distrobox enter [NAME] -- CMD) */
#define WX_SSHARGS	256	/* after a word "ssh", the words after --
				   are ssh's after its host: options, then
				   a command line (vagrant ssh -- -t CMD) */
#define WX_TYPED	512	/* WK_EVAL: its text is typed into a
				   terminal: \r is Enter, another control
				   a key that runs what is not known */
#define WX_PYESC	1024	/* WX_TYPED, its escapes Python's
				   (kitten @ send-text 'x\\r') */
#define NPOS_DD		255	/* npos: operands up to -- (mise exec
				   TOOL... -- CMD) */
#define SSH_ARGS	"BbcDEeFIiJLlmOopQRSWw"	/* ssh's options with values */

/*
 * A subcommand that runs a command: docker exec, git rebase -x.  One
 * named "" reads the words from an operand that is none of the others
 * (dotenv -e FILE -- CMD, dotenv run CMD).
 */
struct subwrap {
	const char	*name;		/* the subcommand */
	size_t		 len;
	struct wrapper	 w;		/* how the words after it are read */
};
#define SW(n)		n, sizeof(n) - 1

#define SUBS(a)		a, (uint8_t)(sizeof(a) / sizeof(a[0]))

/* git [-C DIR] [-c K=V] SUB ... */
static const struct subwrap git_submodule_subs[] = {
	/* git submodule foreach [--recursive] COMMAND: a shell runs it */
	{ SW("foreach"), { "git submodule foreach", WK_EVAL, 0, 0, 0, "", "",
	    "", "", "", "", "", NULL, 0, 0 } },
};
static const struct subwrap git_bisect_subs[] = {
	{ SW("run"), { "git bisect run", WK_PREFIX, 0, 0, 0, "", "", "", "",
	    "", "", "", NULL, 0, 0 } },
};
#define GIT_FETCH	{ "git fetch", WK_OPTS, 0, 0, 0, "jo", "", \
	"|depth|deepen|shallow-since|shallow-exclude|negotiation-tip|" \
	"refmap|server-option|jobs|recurse-submodules-default|" \
	"submodule-prefix|filter|strategy|strategy-option|", \
	"|upload-pack|", "", "", "", NULL, 0, 0 }
static const struct subwrap git_subs[] = {
	{ SW("submodule"), { "git submodule", WK_SUB, 0, 0, 0, "", "", "", "",
	    "", "", "", SUBS(git_submodule_subs), 0 } },
	{ SW("bisect"), { "git bisect", WK_SUB, 0, 0, 0, "", "", "", "", "",
	    "", "", SUBS(git_bisect_subs), 0 } },
	{ SW("rebase"), { "git rebase", WK_OPTS, 0, 0, 0, "sXC", "x",
	    "|onto|strategy|strategy-option|whitespace|empty|", "|exec|",
	    "", "", "", NULL, 0, 0 } },
	{ SW("difftool"), { "git difftool", WK_OPTS, 0, 0, 0, "t", "x",
	    "|tool|", "|extcmd|", "", "", "", NULL, 0, 0 } },
	/* The program run at the other end runs here for a local path;
	   --template DIR: hooks copied from it run later. */
	{ SW("clone"), { "git clone", WK_OPTS, 0, 0, 0, "obcj", "u",
	    "|origin|branch|config|jobs|depth|reference|reference-if-able|"
	    "separate-git-dir|filter|shallow-since|shallow-exclude|"
	    "server-option|bundle-uri|ref-format|revision|", "|upload-pack|",
	    "", "", "|template|", NULL, 0, 0 } },
	{ SW("init"), { "git init", WK_OPTS, 0, 0, 0, "b", "",
	    "|separate-git-dir|object-format|ref-format|initial-branch|"
	    "shared|", "", "", "", "|template|", NULL, 0, 0 } },
	{ SW("fetch"), GIT_FETCH },
	{ SW("pull"), GIT_FETCH },
	{ SW("ls-remote"), GIT_FETCH },
	{ SW("push"), { "git push", WK_OPTS, 0, 0, 0, "o", "",
	    "|repo|push-option|", "|receive-pack|exec|", "", "", "", NULL,
	    0, 0 } },
	{ SW("archive"), { "git archive", WK_OPTS, 0, 0, 0, "o", "",
	    "|format|prefix|output|remote|add-file|add-virtual-file|",
	    "|exec|", "", "", "", NULL, 0, 0 } },
	/* git config core.pager 'cmd': set now, run later */
	{ SW("config"), { "git config", WK_GITCFG, 0, 0, 0, "f", "",
	    "|file|blob|type|default|comment|value|", "", "", "", "", NULL,
	    0, 0 } },
	/* git grep -O'cmd': the files found opened by cmd */
	{ SW("grep"), { "git grep", WK_OPTS, 0, 0, 0, "efABCm", "O",
	    "|max-depth|threads|context|after-context|before-context|"
	    "max-count|", "|open-files-in-pager|", "", "", "", NULL, 0, 0 } },
	/* git send-email --sendmail-cmd CMD ...; git instaweb -d HTTPD:
	   command lines */
	{ SW("send-email"), { "git send-email", WK_OPTS, 0, 0, 0, "", "",
	    "|from|to|cc|bcc|subject|in-reply-to|smtp-server|"
	    "smtp-server-port|smtp-encryption|smtp-user|smtp-pass|"
	    "smtp-domain|smtp-auth|identity|confirm|transfer-encoding|"
	    "reply-to|", "|sendmail-cmd|to-cmd|cc-cmd|header-cmd|", "", "",
	    "", NULL, 0, 0 } },
	{ SW("instaweb"), { "git instaweb", WK_OPTS, 0, 0, 0, "pmb", "d",
	    "|port|module-path|browser|", "|httpd|", "", "", "", NULL, 0,
	    0 } },
	{ SW("filter-branch"), { "git filter-branch", WK_OPTS, 0, 0, 0, "", "",
	    "|subdirectory-filter|original|state-branch|", "|setup|"
	    "env-filter|tree-filter|index-filter|parent-filter|msg-filter|"
	    "commit-filter|tag-name-filter|", "", "", "", NULL, 0, 0 } },
};

/* docker, podman, nerdctl: exec CONTAINER CMD, run IMAGE CMD. */
#define CT_EXECOPTS	"|env|env-file|user|workdir|detach-keys|preserve-fds|"
#define CT_RUNOPTS	"|add-host|annotation|attach|blkio-weight|" \
	"blkio-weight-device|cap-add|cap-drop|cgroup-parent|cgroupns|" \
	"cidfile|cpu-period|cpu-quota|cpu-rt-period|cpu-rt-runtime|" \
	"cpu-shares|cpus|cpuset-cpus|cpuset-mems|detach-keys|device|" \
	"device-cgroup-rule|device-read-bps|device-read-iops|" \
	"device-write-bps|device-write-iops|dns|dns-option|dns-search|" \
	"domainname|env|env-file|expose|gpus|group-add|health-cmd|" \
	"health-interval|health-retries|health-start-period|" \
	"health-start-interval|health-timeout|hostname|ip|ip6|ipc|" \
	"isolation|kernel-memory|label|label-file|link|link-local-ip|" \
	"log-driver|log-opt|mac-address|memory|memory-reservation|" \
	"memory-swap|memory-swappiness|mount|name|network|net|" \
	"network-alias|oom-score-adj|pid|pids-limit|platform|publish|pull|" \
	"restart|runtime|security-opt|shm-size|stop-signal|stop-timeout|" \
	"storage-opt|sysctl|tmpfs|ulimit|user|userns|uts|volume|" \
	"volume-driver|volumes-from|workdir|pod|secret|uidmap|gidmap|" \
	"subuidname|subgidname|arch|os|variant|authfile|creds|" \
	"cert-dir|decryption-key|hostuser|init-path|personality|" \
	"seccomp-policy|sdnotify|timeout|tz|umask|unsetenv|" \
	"env-merge|chrootdirs|conmon-pidfile|passwd-entry|group-entry|" \
	"preserve-fds|requires|retry|retry-delay|"
#define CT_EXEC		{ "docker exec", WK_PREFIX, 1, 0, 0, "euw", "", \
	CT_EXECOPTS, "", "", "", "", NULL, 0, 1 }
#define CT_RUN		{ "docker run", WK_PREFIX, 1, 0, 0, "acehlmpuvw", "", \
	CT_RUNOPTS, "", "", "", "|entrypoint|", NULL, 0, 1 }
static const struct subwrap ct_container_subs[] = {
	{ SW("exec"), CT_EXEC },
	{ SW("run"), CT_RUN },
};
static const struct subwrap compose_subs[] = {
	{ SW("exec"), { "compose exec", WK_PREFIX, 1, 0, 0, "euw", "",
	    "|env|user|workdir|index|", "", "", "", "", NULL, 0, 1 } },
	{ SW("run"), { "compose run", WK_PREFIX, 1, 0, 0, "eluvwp", "",
	    "|env|label|user|volume|workdir|publish|name|cap-add|cap-drop|"
	    "env-from-file|pull|", "", "", "", "|entrypoint|", NULL, 0, 1 } },
};
#define COMPOSE_OPTS	"|file|project-name|profile|env-file|" \
	"project-directory|ansi|parallel|progress|podman-path|podman-args|"
static const struct subwrap ct_subs[] = {
	{ SW("exec"), CT_EXEC },
	{ SW("run"), CT_RUN },
	{ SW("container"), { "docker container", WK_SUB, 0, 0, 0, "", "", "",
	    "", "", "", "", SUBS(ct_container_subs), 1 } },
	{ SW("compose"), { "docker compose", WK_SUB, 0, 0, 0, "fp", "",
	    COMPOSE_OPTS, "", "", "", "", SUBS(compose_subs), 1 } },
	/* podman unshare CMD: in its user namespace */
	{ SW("unshare"), { "podman unshare", WK_PREFIX, 0, 0, 0, "", "", "",
	    "", "", "", "", NULL, 0, 1 } },
};
/* tsh ssh [USER@]HOST CMD (Teleport), as ssh */
static const struct subwrap tsh_subs[] = {
	{ SW("ssh"), { "tsh ssh", WK_EVAL, 1, 0, 0, "lpLRDJo", "",
	    "|login|port|forward|remote-forward|dynamic-forward|proxy|"
	    "option|cluster|request-reason|user|auth|", "", "", "", "", NULL,
	    0, 0 } },
};
/* virt-customize --run-command CMD (virt-sysprep, virt-builder):
   in the image; --edit FILE:EXPR runs perl */
#define VIRT_CUSTOMIZE	"|run-command|firstboot-command|"
#define VIRT_OPTS	"|add|connect|domain|format|memsize|smp|"
/* apptainer exec IMAGE CMD (singularity too) */
static const struct subwrap apptainer_subs[] = {
	{ SW("exec"), { "apptainer exec", WK_PREFIX, 1, 0, 0, "BHWoSse", "",
	    "|bind|home|env|env-file|pwd|workdir|overlay|scratch|security|"
	    "mount|network|network-args|hostname|app|dns|fusemount|"
	    "add-caps|drop-caps|shell|", "", "", "", "", NULL, 0, 0 } },
};
/* runc exec ID CMD, crun exec; --process FILE: what runs is in it */
static const struct subwrap runc_subs[] = {
	{ SW("exec"), { "runc exec", WK_PREFIX, 1, 0, 0, "eugcp", "",
	    "|console-socket|cwd|env|user|additional-gids|pid-file|"
	    "process-label|apparmor|cap|preserve-fds|cgroup|process|", "",
	    "", "", "|process|", NULL, 0, 0 } },
};
/* buildah run CONTAINER [--] CMD; udocker run IMAGE CMD */
static const struct subwrap buildah_subs[] = {
	{ SW("run"), { "buildah run", WK_PREFIX, 1, 0, 0, "ve", "",
	    "|volume|env|workingdir|user|mount|runtime|runtime-flag|"
	    "isolation|network|cap-add|cap-drop|hostname|ipc|pid|uts|"
	    "cgroupns|userns|device|", "", "", "", "", NULL, 0, 0 } },
};
static const struct subwrap udocker_subs[] = {
	{ SW("run"), { "udocker run", WK_PREFIX, 1, 0, 0, "vewu", "",
	    "|volume|env|workdir|user|name|hostenv|hostauth|platform|",
	    "", "", "", "|entrypoint|", NULL, 0, 0 } },
};
/* enroot start NAME CMD; qm guest exec VMID -- CMD (Proxmox) */
static const struct subwrap enroot_subs[] = {
	{ SW("start"), { "enroot start", WK_PREFIX, 1, 0, 0, "cem", "",
	    "|conf|env|mount|", "", "", "", "", NULL, 0, 0 } },
};
static const struct subwrap qm_guest_subs[] = {
	{ SW("exec"), { "qm guest exec", WK_PREFIX, 1, 0, 0, "", "",
	    "|timeout|pass-stdin|", "", "", "", "", NULL, 0, 0 } },
};
static const struct subwrap qm_subs[] = {
	{ SW("guest"), { "qm guest", WK_SUB, 0, 0, 0, "", "", "", "", "",
	    "", "", SUBS(qm_guest_subs), 0 } },
};
/* xpra start --start=CMD ...: commands run in its session */
#define XPRA_START	{ "xpra start", WK_OPTS, 0, 0, 0, "", "", "", \
	"|start|start-child|start-after-connect|start-child-after-connect|" \
	"start-on-connect|start-child-on-connect|start-on-last-client-exit|" \
	"start-child-on-last-client-exit|", "", "", "", NULL, 0, 1 }
static const struct subwrap xpra_subs[] = {
	{ SW("start"), XPRA_START },
	{ SW("start-desktop"), XPRA_START },
	{ SW("seamless"), XPRA_START },
	{ SW("desktop"), XPRA_START },
	{ SW("upgrade"), XPRA_START },
};
#define CT_OPTS		"|config|context|host|log-level|tlscacert|tlscert|" \
	"tlskey|root|runroot|url|connection|storage-driver|storage-opt|" \
	"cgroup-manager|conmon|events-backend|hooks-dir|identity|" \
	"imagestore|module|network-cmd-path|network-config-dir|runtime|" \
	"runtime-flag|ssh|tmpdir|volumepath|namespace|address|snapshotter|" \
	"cni-path|cni-netconfpath|data-root|cgroup-manager|host-gateway-ip|"

/* kubectl exec POD -- CMD; run NAME -- CMD; debug POD -- CMD */
#define KUBE_OPTS	"|namespace|context|cluster|kubeconfig|user|server|" \
	"token|as|as-group|as-uid|request-timeout|certificate-authority|" \
	"client-certificate|client-key|tls-server-name|cache-dir|log-file|" \
	"profile|profile-output|v|vmodule|container|filename|" \
	"pod-running-timeout|image|env|port|labels|overrides|restart|" \
	"annotations|image-pull-policy|requests|limits|output|target|" \
	"copy-to|set-image|custom|serviceaccount|"
#define KUBE_EXEC	{ "kubectl exec", WK_PREFIX, 1, 0, 0, "cflnosv", "", \
	KUBE_OPTS, "", "", "", "", NULL, 0, 1 }
static const struct subwrap kube_subs[] = {
	{ SW("exec"), KUBE_EXEC },
	{ SW("debug"), KUBE_EXEC },
	{ SW("run"), KUBE_EXEC },
};

/* ctr run IMAGE ID CMD ...; ctr task exec --exec-id X ID CMD ... */
static const struct subwrap ctr_task_subs[] = {
	{ SW("exec"), { "ctr task exec", WK_PREFIX, 1, 0, 0, "", "",
	    "|exec-id|cwd|user|fifo-dir|log-uri|", "", "", "", "", NULL, 0,
	    1 } },
};
static const struct subwrap ctr_subs[] = {
	{ SW("run"), { "ctr run", WK_PREFIX, 2, 0, 0, "", "",
	    "|env|env-file|label|mount|snapshotter|runtime|runtime-config-"
	    "path|cwd|user|uidmap|gidmap|cpus|cpu-shares|memory-limit|"
	    "platform|device|cni|with-ns|pid-file|fifo-dir|log-uri|"
	    "annotation|hostname|seccomp-profile|apparmor-profile|cgroup|"
	    "rootfs-propagation|", "", "", "", "", NULL, 0, 1 } },
	{ SW("task"), { "ctr task", WK_SUB, 0, 0, 0, "", "", "", "", "", "",
	    "", SUBS(ctr_task_subs), 1 } },
	{ SW("t"), { "ctr task", WK_SUB, 0, 0, 0, "", "", "", "", "", "",
	    "", SUBS(ctr_task_subs), 1 } },
};
/* crictl exec [-it] CONTAINER CMD ... */
static const struct subwrap crictl_subs[] = {
	{ SW("exec"), { "crictl exec", WK_PREFIX, 1, 0, 0, "", "",
	    "|timeout|", "", "", "", "", NULL, 0, 1 } },
};
/* lxc exec NAME -- CMD; multipass exec NAME -- CMD */
static const struct subwrap lxc_subs[] = {
	{ SW("exec"), { "lxc exec", WK_PREFIX, 1, 0, 0, "d",
	    "", "|cwd|env|group|user|mode|project|working-directory|", "",
	    "", "", "", NULL, 0, 1 } },
};
/* vagrant ssh [-c CMD] [NAME] [-- SSH-ARGS] */
/* kitty's remote control, kitten @ CMD (kitty @ CMD): launch and run
   start a program; send-text types its text into a window, a shell's
   most often (with none, its input's; --from-file: a file's) */
#define KITTY_LAUNCH	"|title|window-title|tab-title|type|cwd|env|var|" \
	"location|remote-control-password|stdin-source|marker|" \
	"os-window-class|os-window-name|os-window-title|os-window-state|" \
	"logo|logo-position|logo-alpha|color|spacing|watcher|bias|next-to|" \
	"source-window|match|"
static const struct subwrap kitty_rc_subs[] = {
	{ SW("launch"), { "kitten @ launch", WK_PREFIX, 0, 0, 0, "mw", "",
	    KITTY_LAUNCH, "", "", "", "", NULL, 0, 0 } },
	{ SW("run"), { "kitten @ run", WK_PREFIX, 0, 0, 0, "", "",
	    "|env|remote-control-password|", "", "", "", "", NULL, 0, 0 } },
	{ SW("send-text"), { "kitten @ send-text", WK_EVAL, 0, 0, 0, "mt",
	    "", "|match|match-tab|", "", "", "", "|from-file|", NULL, 0,
	    WX_STDIN | WX_TYPED | WX_PYESC } },
};
#define KITTY_RC	{ "kitten @", WK_SUB, 0, 0, 0, "", "", "|to|password|" \
	"password-file|password-env|use-password|", "", "", "", "", \
	SUBS(kitty_rc_subs), 0 }
static const struct subwrap kitten_subs[] = {
	{ SW("ssh"), { "kitten ssh", WK_EVAL, 1, 0, 0, SSH_ARGS, "",
	    "|kitten|", "", "", "", "", NULL, 0, 0 } },
	{ SW("@"), KITTY_RC },
};
/* kitty [OPTIONS] [CMD]: CMD in its window; kitty @ CMD, as kitten's */
#define KITTY_OPTS	"|class|name|title|config|override|directory|" \
	"session|instance-group|listen-on|start-as|position|"
static const struct subwrap kitty_subs[] = {
	{ SW("@"), KITTY_RC },
	{ "", 0, { "kitty", WK_PREFIX, 0, 0, 0, "Tcod", "", KITTY_OPTS, "",
	    "", "", "", NULL, 0, 0 } },
};
/* zellij run [--] CMD, zellij action new-pane [--] CMD: a pane that
   runs CMD; zellij action write-chars TEXT types TEXT into one */
#define ZELLIJ_PANE	"|cwd|direction|name|width|height|x|y|pinned|" \
	"plugin|configuration|"
static const struct subwrap zellij_action_subs[] = {
	{ SW("new-pane"), { "zellij action new-pane", WK_PREFIX, 0, 0, 0,
	    "dnpxy", "", ZELLIJ_PANE, "", "", "", "", NULL, 0, WX_EXACT } },
	{ SW("write-chars"), { "zellij action write-chars", WK_EVAL, 0, 0,
	    0, "", "", "", "", "", "", "", NULL, 0, WX_EXACT | WX_TYPED } },
};
static const struct subwrap zellij_subs[] = {
	{ SW("run"), { "zellij run", WK_PREFIX, 0, 0, 0, "dnxy", "",
	    ZELLIJ_PANE, "", "", "", "", NULL, 0, WX_EXACT } },
	{ SW("r"), { "zellij run", WK_PREFIX, 0, 0, 0, "dnxy", "",
	    ZELLIJ_PANE, "", "", "", "", NULL, 0, WX_EXACT } },
	{ SW("action"), { "zellij action", WK_SUB, 0, 0, 0, "", "", "", "",
	    "", "", "", SUBS(zellij_action_subs), WX_EXACT } },
	{ SW("ac"), { "zellij action", WK_SUB, 0, 0, 0, "", "", "", "",
	    "", "", "", SUBS(zellij_action_subs), WX_EXACT } },
};
/* hcloud server ssh [-p P] [-u U] SERVER ARGS: ssh's after the host */
static const struct subwrap hcloud_server_subs[] = {
	{ SW("ssh"), { "hcloud server ssh", WK_EVAL, 1, 0, 0, "pu" SSH_ARGS,
	    "", "|port|user|", "", "", "", "", NULL, 0, WX_EXACT } },
};
static const struct subwrap hcloud_subs[] = {
	{ SW("server"), { "hcloud server", WK_SUB, 0, 0, 0, "", "", "", "",
	    "", "", "", SUBS(hcloud_server_subs), WX_EXACT } },
};
static const struct subwrap vagrant_subs[] = {
	{ SW("ssh"), { "vagrant ssh", WK_OPTS, 0, 0, 0, "", "c", "",
	    "|command|", "", "", "", NULL, 0, WX_SSHARGS } },
};

/* machinectl shell [USER@]HOST [PROGRAM ARGS] */
static const struct subwrap machinectl_subs[] = {
	{ SW("shell"), { "machinectl shell", WK_PREFIX, 1, 0, 0, "E", "",
	    "|uid|setenv|", "", "", "", "", NULL, 0, 0 } },
};

/* Language tools that run a command in their environment. */
static const struct subwrap run_subs[] = {
	{ SW("run"), { "poetry run", WK_PREFIX, 0, 0, 0, "npCP", "",
	    "|name|prefix|cwd|project|directory|venv|spec|python|", "", "",
	    "", "", NULL, 0, 0 } },
};
#define UV_OPTS		"|with|with-editable|with-requirements|python|" \
	"package|extra|group|only-group|no-group|env-file|directory|" \
	"project|index|default-index|index-url|extra-index-url|find-links|" \
	"config-file|cache-dir|color|python-preference|python-platform|" \
	"index-strategy|keyring-provider|resolution|prerelease|" \
	"fork-strategy|exclude-newer|link-mode|refresh-package|" \
	"reinstall-package|upgrade-package|no-build-package|" \
	"no-binary-package|config-setting|no-build-isolation-package|from|" \
	"allow-insecure-host|"
static const struct subwrap uv_tool_subs[] = {
	{ SW("run"), { "uv tool run", WK_PREFIX, 0, 0, 0, "pf", "", UV_OPTS,
	    "", "", "", "", NULL, 0, 1 } },
};
static const struct subwrap uv_subs[] = {
	{ SW("run"), { "uv run", WK_PREFIX, 0, 0, 0, "pf", "", UV_OPTS, "",
	    "", "", "", NULL, 0, 1 } },
	{ SW("tool"), { "uv tool", WK_SUB, 0, 0, 0, "", "", UV_OPTS, "", "",
	    "", "", SUBS(uv_tool_subs), 1 } },
};
/* npm exec -c 'cmd', npm exec -- cmd, pnpm dlx, yarn dlx, bun x */
#define JS_EXEC		{ "npm exec", WK_PREFIX, 0, 0, 0, "pw", "c", \
	"|package|workspace|", "|call|", "", "", "", NULL, 0, 0 }
/* npm config set script-shell X: set now, run later */
#define JS_CFGKEYS	"|script-shell|shell|git|editor|browser|viewer|" \
	"yarn-path|"
#define JS_SET		{ "npm config set", WK_GITCFG, 0, 0, 0, "L", "", \
	"|location|", JS_CFGKEYS, "", "", "", NULL, 0, 0 }
static const struct subwrap js_config_subs[] = {
	{ SW("set"), JS_SET },
};
#define JS_CONFIG	{ "npm config", WK_SUB, 0, 0, 0, "L", "", "|location|", \
	"", "", "", "", SUBS(js_config_subs), 0 }
static const struct subwrap js_subs[] = {
	{ SW("exec"), JS_EXEC },
	{ SW("x"), JS_EXEC },
	{ SW("dlx"), JS_EXEC },
	{ SW("config"), JS_CONFIG },
	{ SW("c"), JS_CONFIG },
	{ SW("set"), JS_SET },
	/* npm explore PKG -- CMD: a shell in PKG's directory runs the
	   words joined */
	{ SW("explore"), { "npm explore", WK_EVAL, 1, 0, 0, "", "", "", "",
	    "", "", "", NULL, 0, 0 } },
};
/* pnpm exec -c WORDS, pnpm dlx -c WORDS: a shell runs them joined */
#define PNPM_EXEC	{ "pnpm exec", WK_EVAL, 0, 0, 0, "", "", \
	"|resume-from|workspace-concurrency|package|", "", "", "", "", NULL, \
	0, 0 }
static const struct subwrap pnpm_subs[] = {
	{ SW("exec"), PNPM_EXEC },
	{ SW("dlx"), PNPM_EXEC },
	{ SW("config"), JS_CONFIG },
	{ SW("c"), JS_CONFIG },
	{ SW("set"), JS_SET },
};
static const struct subwrap exec_subs[] = {
	{ SW("exec"), { "bundle exec", WK_PREFIX, 0, 0, 0, "", "",
	    "|gemfile|", "", "", "", "", NULL, 0, 0 } },
};
/* mise exec TOOL@VERSION... -- CMD (or x), -c 'CMD': the operands
   before -- are tools */
static const struct subwrap mise_subs[] = {
	{ SW("exec"), { "mise exec", WK_PREFIX, NPOS_DD, 0, 0, "jC", "c",
	    "|jobs|cd|", "|command|", "", "", "", NULL, 0, 1 } },
	{ SW("x"), { "mise exec", WK_PREFIX, NPOS_DD, 0, 0, "jC", "c",
	    "|jobs|cd|", "|command|", "", "", "", NULL, 0, 1 } },
};
/* guix shell PKG... -- CMD; guix environment */
#define GUIX_SHELL	{ "guix shell", WK_PREFIX, NPOS_DD, 0, 0, "fmLrpesS", \
	"", \
	"|file|manifest|load-path|root|profile|expression|system|share|" \
	"expose|development|", "", "", "", "", NULL, 0, 0 }
static const struct subwrap guix_subs[] = {
	{ SW("shell"), GUIX_SHELL },
	{ SW("environment"), GUIX_SHELL },
};
/* pixi run TASK...: a task, or a command line its shell runs; pixi
   exec CMD */
static const struct subwrap pixi_subs[] = {
	{ SW("run"), { "pixi run", WK_EVAL, 0, 0, 0, "e", "",
	    "|manifest-path|environment|", "", "", "", "", NULL, 0, 1 } },
	{ SW("exec"), { "pixi exec", WK_PREFIX, 0, 0, 0, "sc", "",
	    "|spec|channel|platform|", "", "", "", "", NULL, 0, 1 } },
};
/* direnv exec DIR CMD, aws-vault exec PROFILE CMD */
static const struct subwrap exec1_subs[] = {
	{ SW("exec"), { "direnv exec", WK_PREFIX, 1, 0, 0, "dt", "",
	    "|duration|mfa-token|region|prompt|", "", "", "", "", NULL, 0, 1 } },
};
/* chamber exec SERVICE... -- CMD, nvm exec VERSION CMD */
static const struct subwrap chamber_subs[] = {
	{ SW("exec"), { "chamber exec", WK_PREFIX, NPOS_DD, 0, 0, "", "",
	    "|strict-value|backend|", "", "", "", "", NULL, 0, 0 } },
};
static const struct subwrap nvm_subs[] = {
	{ SW("exec"), { "nvm exec", WK_PREFIX, 1, 0, 0, "", "", "", "", "",
	    "", "", NULL, 0, WX_OPTVER } },
};
/* fnm exec [--using V] [--] CMD; volta run [--node V ...] CMD */
static const struct subwrap fnm_subs[] = {
	{ SW("exec"), { "fnm exec", WK_PREFIX, 0, 0, 0, "", "",
	    "|using|", "", "", "", "", NULL, 0, 0 } },
};
static const struct subwrap volta_subs[] = {
	{ SW("run"), { "volta run", WK_PREFIX, 0, 0, 0, "", "",
	    "|node|npm|pnpm|yarn|env|", "", "", "", "", NULL, 0, 0 } },
};
/* pct exec VMID -- CMD (Proxmox's containers) */
static const struct subwrap pct_subs[] = {
	{ SW("exec"), { "pct exec", WK_PREFIX, 1, 0, 0, "", "",
	    "|keep-env|", "", "", "", "", NULL, 0, 0 } },
};
/* ddev exec CMD: bash -c runs the words joined; lando ssh -c CMD,
   lando exec SERVICE -- CMD */
static const struct subwrap ddev_subs[] = {
	{ SW("exec"), { "ddev exec", WK_EVAL, 0, 0, 0, "sd", "",
	    "|service|dir|", "", "", "", "", NULL, 0, 0 } },
};
static const struct subwrap lando_subs[] = {
	{ SW("ssh"), { "lando ssh", WK_OPTS, 0, 0, 0, "su", "c",
	    "|service|user|", "|command|", "", "", "", NULL, 0, 0 } },
	{ SW("exec"), { "lando exec", WK_PREFIX, 1, 0, 0, "u", "",
	    "|user|", "", "", "", "", NULL, 0, 0 } },
};
/* pueue add CMD: its daemon runs the words as a command line */
static const struct subwrap pueue_subs[] = {
	{ SW("add"), { "pueue add", WK_EVAL, 0, 0, 0, "wdglao", "",
	    "|working-directory|delay|group|label|after|priority|", "", "",
	    "", "", NULL, 0, 0 } },
};
/*
 * salt TARGET FUNCTION ARGS: cmd.run and its kind hand a minion's
 * shell the command line; cmd.run_chroot ROOT CMD too.
 */
#define SALT_ARGS	"tbclam"
#define SALT_LONG	"|config-dir|timeout|batch-size|batch|batch-wait|" \
	"batch-safe-limit|batch-safe-size|return|return_config|" \
	"return_kwargs|args-separator|metadata|module-executors|" \
	"executor-opts|eauth|username|password|log-level|log-file|" \
	"log-file-level|delimiter|out|output|out-indent|output-indent|" \
	"out-file|output-file|state-output|state-verbose|subset|master|" \
	"file-root|pillar-root|states-dir|id|module-dirs|roster|" \
	"roster-file|priv|user|passwd|ssh-option|extra-filerefs|" \
	"thin-extra-modules|"
#define SALT_RUN(n, p)	{ SW(n), { "salt " n, WK_EVAL, p, 0, 0, "", "", \
	"", "", "", "", "", NULL, 0, WX_CMDKW } }
#define SALT_RUNS \
	SALT_RUN("cmd.run", 0), SALT_RUN("cmd.run_all", 0), \
	SALT_RUN("cmd.run_stdout", 0), SALT_RUN("cmd.run_stderr", 0), \
	SALT_RUN("cmd.run_bg", 0), SALT_RUN("cmd.retcode", 0), \
	SALT_RUN("cmd.shell", 0), SALT_RUN("cmd.run_chroot", 1)
static const struct subwrap salt_subs[] = {
	SALT_RUNS,
};
/* salt-ssh TARGET -r CMD (--raw-shell): the operand a command line */
static const struct subwrap salt_ssh_subs[] = {
	SALT_RUNS,
	{ "", 0, { "salt-ssh -r", WK_EVAL, 0, 0, 0, "", "", "", "", "", "",
	    "", NULL, 0, 0 } },
};
/* oc rsh POD CMD: a shell in the pod runs CMD, as oc exec's */
static const struct subwrap oc_subs[] = {
	{ SW("exec"), KUBE_EXEC },
	{ SW("debug"), KUBE_EXEC },
	{ SW("run"), KUBE_EXEC },
	{ SW("rsh"), { "oc rsh", WK_PREFIX, 1, 0, 0, "cflnosv", "",
	    KUBE_OPTS "shell|timeout|", "", "", "", "", NULL, 0, 1 } },
};
/* heroku run CMD: the dyno's shell runs the words as a command line,
   those with a blank quoted */
#define HEROKU_RUN(n, p) { SW(n), { "heroku " n, WK_EVALQ, p, 0, 0, "aser", \
	"", "|app|size|env|remote|type|", "", "", "", "", NULL, 0, 0 } }
static const struct subwrap heroku_subs[] = {
	HEROKU_RUN("run", 0),
	HEROKU_RUN("run:detached", 0),
	HEROKU_RUN("run:inside", 1),
};
/* gh codespace ssh [-- SSH-ARGS] CMD: ssh's remote command */
#define GH_SSH	{ "gh codespace ssh", WK_EVAL, 0, 0, 0, "cR", "", \
	"|codespace|profile|server-port|repo|repo-owner|debug-file|", "", "", \
	"", "", NULL, 0, WX_SSHARGS }
static const struct subwrap gh_cs_subs[] = {
	{ SW("ssh"), GH_SSH },
};
static const struct subwrap gh_subs[] = {
	{ SW("codespace"), { "gh codespace", WK_SUB, 0, 0, 0, "", "", "", "",
	    "", "", "", SUBS(gh_cs_subs), 0 } },
	{ SW("cs"), { "gh codespace", WK_SUB, 0, 0, 0, "", "", "", "", "", "",
	    "", SUBS(gh_cs_subs), 0 } },
};
/* az ssh vm|arc|host [options] -- ARGS: ssh's, after the host, so a
   command the host's shell runs; az's other commands WK_OPTS */
#define AZ_SSH	{ "az ssh vm", WK_EVAL, 0, 0, 0, "gnpico", "", \
	"|resource-group|name|vm-name|ip|public-key-file|pub-key-file|" \
	"private-key-file|prv-key-file|local-user|certificate-file|" \
	"cert-file|port|ssh-client-folder|ssh-proxy-folder|resource-type|" \
	"subscription|output|query|ids|", "", "", "", "", NULL, 0, \
	WX_EXACT | WX_SSHARGS }
static const struct subwrap az_ssh_subs[] = {
	{ SW("vm"), AZ_SSH },
	{ SW("arc"), AZ_SSH },
	{ SW("host"), AZ_SSH },
};
static const struct subwrap az_subs[] = {
	{ SW("ssh"), { "az ssh", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(az_ssh_subs), 1 } },
	{ "", 0, { "az", WK_OPTS, 0, 0, 0, "", "", "", "|scripts|script|"
	    "command|exec-command|", "", "", "", NULL, 0, 0 } },
};
/* rustup run [--install] TOOLCHAIN CMD ... */
static const struct subwrap rustup_subs[] = {
	{ SW("run"), { "rustup run", WK_PREFIX, 1, 0, 0, "", "", "", "", "",
	    "", "", NULL, 0, 0 } },
};
/* devbox [global] run [-c DIR] SCRIPT|CMD ...: a script of
   devbox.json's, or a command */
#define DEVBOX_RUN	{ SW("run"), { "devbox run", WK_PREFIX, 0, 0, 0, \
	"ce", "", "|config|env|env-file|environment|", "", "", "", "", NULL, \
	0, 1 } }
static const struct subwrap devbox_global_subs[] = {
	DEVBOX_RUN,
};
static const struct subwrap devbox_subs[] = {
	DEVBOX_RUN,
	{ SW("global"), { "devbox global", WK_SUB, 0, 0, 0, "", "", "", "",
	    "", "", "", SUBS(devbox_global_subs), 1 } },
};
/* xterm [-title T] -e CMD ARGS; konsole -e, alacritty -e/--command */
#define XTERM(n)	{ n, WK_OPTS, 0, 0, 0, "", "", "", "", "e", \
	"|command|execute|", "", NULL, 0, WX_LONG1 | WX_ONESTR }
/* gnome-terminal [--] CMD, -x CMD, --execute CMD, -e 'CMD' */
#define GTERM(n)	{ n, WK_OPTS, 0, 0, 0, "", "e", "", "|command|", "x", \
	"|execute|", "", NULL, 0, WX_DDREST }
/* wezterm start [--] CMD, wezterm cli spawn -- CMD */
static const struct subwrap wezterm_cli_subs[] = {
	{ SW("spawn"), { "wezterm cli spawn", WK_PREFIX, 0, 0, 0, "", "",
	    "|pane-id|domain-name|window-id|cwd|workspace|", "", "", "", "",
	    NULL, 0, 0 } },
	/* send-text TEXT: typed into a pane (with none, the input) */
	{ SW("send-text"), { "wezterm cli send-text", WK_EVAL, 0, 0, 0, "",
	    "", "|pane-id|", "", "", "", "", NULL, 0, WX_STDIN | WX_TYPED } },
};
static const struct subwrap wezterm_subs[] = {
	{ SW("start"), { "wezterm start", WK_PREFIX, 0, 0, 0, "", "",
	    "|cwd|class|workspace|position|domain|attach|", "", "", "", "",
	    NULL, 0, 0 } },
	{ SW("cli"), { "wezterm cli", WK_SUB, 0, 0, 0, "", "", "", "", "",
	    "", "", SUBS(wezterm_cli_subs), 0 } },
};
/* limactl shell INSTANCE CMD ...; lima CMD (the default instance) */
static const struct subwrap limactl_subs[] = {
	{ SW("shell"), { "limactl shell", WK_PREFIX, 1, 0, 0, "", "",
	    "|workdir|shell|", "", "", "", "", NULL, 0, 0 } },
};
/* nomad alloc exec [-task T] ALLOC CMD ... (Go's flags: -task=T) */
#define NOMAD_OPTS	"|task|job|e|address|region|namespace|token|" \
	"ca-cert|ca-path|client-cert|client-key|tls-server-name|"
static const struct subwrap nomad_alloc_subs[] = {
	{ SW("exec"), { "nomad alloc exec", WK_PREFIX1, 1, 0, 0, "", "",
	    NOMAD_OPTS, "", "", "", "", NULL, 0, 1 } },
};
static const struct subwrap nomad_subs[] = {
	{ SW("alloc"), { "nomad alloc", WK_SUB, 0, 0, 0, "", "", "", "", "",
	    "", "", SUBS(nomad_alloc_subs), 1 } },
};
/*
 * aws ssm send-command --parameters commands=...: commands for the
 * instances' shells, in the forms aws reads (JSON, shorthand, a file):
 * not read here.  aws ecs execute-command --command CMD.
 */
static const struct subwrap aws_ssm_subs[] = {
	{ SW("send-command"), { "aws ssm send-command", WK_OPTS, 0, 0, 0, "",
	    "", "", "", "", "", "|parameters|", NULL, 0, 1 } },
};
static const struct subwrap aws_ecs_subs[] = {
	{ SW("execute-command"), { "aws ecs execute-command", WK_OPTS, 0, 0,
	    0, "", "", "", "|command|", "", "", "", NULL, 0, 1 } },
};
#define AWS_OPTS	"|profile|region|endpoint-url|output|query|" \
	"cli-read-timeout|cli-connect-timeout|ca-bundle|color|"
static const struct subwrap aws_subs[] = {
	{ SW("ssm"), { "aws ssm", WK_SUB, 0, 0, 0, "", "", AWS_OPTS, "", "",
	    "", "", SUBS(aws_ssm_subs), 1 } },
	{ SW("ecs"), { "aws ecs", WK_SUB, 0, 0, 0, "", "", AWS_OPTS, "", "",
	    "", "", SUBS(aws_ecs_subs), 1 } },
};

/* python-dotenv and dotenvx run CMD; npm's dotenv [-e FILE] [--] CMD */
static const struct subwrap dotenv_subs[] = {
	{ SW("run"), { "dotenv run", WK_PREFIX, 0, 0, 0, "fe", "",
	    "|env-file|env|convention|ops-off|", "", "", "", "", NULL, 0,
	    0 } },
	{ SW(""), { "dotenv", WK_PREFIX, 0, 0, 0, "", "", "", "", "", "", "",
	    NULL, 0, 0 } },
};
/* op run -- CMD, doppler run --command 'X', infisical run -- CMD */
static const struct subwrap secrets_subs[] = {
	{ SW("run"), { "op run", WK_PREFIX, 0, 0, 0, "pc", "",
	    "|env-file|account|config|session|cache|encoding|project|token|"
	    "fallback|mount|mount-format|name-transformer|env|path|"
	    "projectId|tags|domain|", "|command|", "", "", "", NULL, 0, 1 } },
};
/* sops exec-env FILE 'cmd': a shell runs it */
#define SOPS_EXEC	{ "sops exec-env", WK_EVAL, 1, 0, 0, "", "", \
	"|user|filename|", "", "", "", "", NULL, 0, 1 }
static const struct subwrap sops_subs[] = {
	{ SW("exec-env"), SOPS_EXEC },
	{ SW("exec-file"), SOPS_EXEC },
};
/* nix develop -c CMD ..., nix shell PKG -c CMD ... */
#define NIX_DEVELOP	{ "nix develop", WK_OPTS, 0, 0, 0, "", "", \
	"|expr|file|profile|override-input|inputs-from|redirect|phase|" \
	"unset|keep|set-env-var|", "", "c", "|command|", "", NULL, 0, 1 }
static const struct subwrap nix_subs[] = {
	{ SW("develop"), NIX_DEVELOP },
	{ SW("shell"), NIX_DEVELOP },
};

/* ip netns exec NAME CMD (ip takes a prefix of a word: ip net e) */
#define IP_NETNS_EXEC	{ "ip netns exec", WK_PREFIX, 1, 0, 0, "", "", "", "", \
	"", "", "", NULL, 0, 1 }
static const struct subwrap ip_netns_subs[] = {
	{ SW("exec"), IP_NETNS_EXEC },
	{ SW("exe"), IP_NETNS_EXEC },
	{ SW("ex"), IP_NETNS_EXEC },
	{ SW("e"), IP_NETNS_EXEC },
};
#define IP_NETNS	{ "ip netns", WK_SUB, 0, 0, 0, "", "", "", "", "", "", \
	"", SUBS(ip_netns_subs), 1 }
static const struct subwrap ip_subs[] = {
	{ SW("netns"), IP_NETNS },
	{ SW("netn"), IP_NETNS },
	{ SW("net"), IP_NETNS },
	/* ip vrf exec NAME CMD: as ip netns exec */
	{ SW("vrf"), { "ip vrf", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(ip_netns_subs), 1 } },
};

/* perf record|stat|trace [options] CMD ... */
#define PERF_RUN	{ "perf record", WK_PREFIX, 0, 0, 0, \
	"eptrcoFmCGjDukxIM", "", "|event|pid|tid|realtime|count|output|" \
	"freq|mmap-pages|cpu|cgroup|branch-filter|delay|uid|clockid|" \
	"repeat|field-separator|interval-print|metrics|call-graph|filter|" \
	"switch-output|max-size|user-regs|intr-regs|control|affinity|" \
	"duration|expr|", "", "", "", "", NULL, 0, 0 }
static const struct subwrap perf_subs[] = {
	{ SW("record"), PERF_RUN },
	{ SW("stat"), PERF_RUN },
	{ SW("trace"), PERF_RUN },
};

/* bwrap: options take one to three words (--bind SRC DEST) */
#define BWRAP_OPTS	"|bind:2|bind-try:2|ro-bind:2|ro-bind-try:2|" \
	"dev-bind:2|dev-bind-try:2|bind-fd:2|ro-bind-fd:2|bind-data:2|" \
	"ro-bind-data:2|file:2|symlink:2|setenv:2|chmod:2|overlay:3|" \
	"overlay-src|tmp-overlay|ro-overlay|remount-ro|proc|dev|tmpfs|" \
	"mqueue|dir|chdir|unsetenv|lock-file|sync-fd|info-fd|" \
	"json-status-fd|block-fd|userns-block-fd|seccomp|add-seccomp-fd|" \
	"exec-label|file-label|hostname|uid|gid|userns|userns2|pidns|" \
	"cap-add|cap-drop|argv0|perms|size|"
/* Slurm's srun and salloc [options] CMD ... */
#define SLURM_ARGS	"AbBcCdDeFGiJLmMnNopqStTwWx"
#define SLURM_OPTS	"|account|begin|cpus-per-task|constraint|" \
	"dependency|chdir|error|input|job-name|licenses|distribution|" \
	"clusters|ntasks|nodes|output|partition|qos|core-spec|time|" \
	"threads|nodelist|wait|exclude|mem|mem-per-cpu|mem-per-gpu|gres|" \
	"gpus|gpus-per-node|gpus-per-task|ntasks-per-node|reservation|" \
	"export|comment|cpu-bind|mpi|time-min|signal|"
/* distrobox enter NAME -- CMD; toolbox run [-c NAME] CMD */
static const struct subwrap distrobox_subs[] = {
	{ SW("enter"), { "distrobox enter", WK_PREFIX, 1, 0, 0, "na", "",
	    "|name|additional-flags|", "", "", "", "", NULL, 0,
	    WX_DDOPS } },
};
/* flatpak run --command=X APP ARGS: X, not the app's own program, runs
   in its sandbox; flatpak enter INSTANCE CMD ARGS */
static const struct subwrap flatpak_subs[] = {
	{ SW("run"), { "flatpak run", WK_OPTS, 0, 0, 0, "", "", "|arch|"
	    "branch|runtime|runtime-version|commit|runtime-commit|cwd|"
	    "filesystem|nofilesystem|socket|nosocket|share|unshare|device|"
	    "nodevice|allow|disallow|talk-name|no-talk-name|own-name|"
	    "system-talk-name|system-no-talk-name|system-own-name|persist|"
	    "env|unset-env|env-fd|add-policy|remove-policy|app-path|"
	    "usr-path|instance-id-fd|parent-pid|", "", "", "", "|command|",
	    NULL, 0, 1 } },
	{ SW("enter"), { "flatpak enter", WK_PREFIX, 1, 0, 0, "", "",
	    "|env|", "", "", "", "", NULL, 0, 1 } },
};
static const struct subwrap toolbox_subs[] = {
	{ SW("run"), { "toolbox run", WK_PREFIX, 0, 0, 0, "cdr", "",
	    "|container|distro|release|", "", "", "", "", NULL, 0, 0 } },
};

/* mpirun's and mpiexec's options, with one dash or two */
#define MPI_ARGS	"nNcHxfs"
#define MPI_OPTS	"|np|n|c|H|host|hosts|hostfile|machinefile|" \
	"default-hostfile|x|mca:2|gmca:2|genv:2|env:2|genvlist|envlist|" \
	"wdir|wd|map-by|bind-to|rank-by|npernode|npersocket|ppn|prefix|" \
	"output-filename|tune|launcher|bootstrap|bootstrap-exec|rmk|" \
	"iface|preload-files|path|cpu-set|cpus-per-proc|timeout|f|"
/* an appfile or configfile: commands from a file; another launcher */
#define MPI_OPQ		"|app|configfile|am|bootstrap-exec|launcher-exec|"
/* The dynamic loader run by hand: ld.so [options] PROGRAM ... */
#define LDSO_OPTS	"|library-path|inhibit-rpath|audit|preload|argv0|" \
	"glibc-hwcaps-prefix|"

#define W0		"", "", "", NULL, 0, 0	/* no more than the above */
#define W1		"", "", "", NULL, 0, 1	/* ..., long options whole */
#define NC_ARGS		"pswiXxTOIMmPVq"
#define FD_OPTS		"|extension|type|exclude|max-depth|min-depth|" \
	"exact-depth|size|threads|color|changed-within|changed-before|" \
	"owner|max-results|base-directory|path-separator|search-path|" \
	"ignore-file|batch-size|format|"

/*
 * qemu's user-mode emulators, qemu-ARCH and qemu-ARCH-static for each
 * ARCH in qemu_arches: qemu-aarch64 [-L DIR] [-cpu MODEL] PROG ARGS
 * runs PROG.  -cpu, -seed, -trace and -plugin are long options with
 * one dash; -strace, -singlestep are read as -s's value, not wrongly.
 */
/* vagrant ssh -- SSH-ARGS (WX_SSHARGS): as ssh reads them after its
   host */
static const struct wrapper ssh_rest = { "ssh", WK_EVAL, 0, 0, 0, SSH_ARGS,
	"", "", "", W0 };

static const struct wrapper qemu_user = { "qemu-user", WK_PREFIX1, 0, 0,
	0, "LEUgdDpBRs0r", "", "|cpu|seed|trace|plugin|", "", W0 };
static const char qemu_arches[] = "|aarch64|aarch64_be|alpha|arm|armeb|"
	"cris|hexagon|hppa|i386|loongarch64|m68k|microblaze|microblazeel|"
	"mips|mips64|mips64el|mipsel|mipsn32|mipsn32el|nios2|or1k|ppc|ppc64|"
	"ppc64le|riscv32|riscv64|s390x|sh4|sh4eb|sparc|sparc32plus|sparc64|"
	"x86_64|xtensa|xtensaeb|";

static const struct wrapper wrappers[] = {
	{ "env", WK_PREFIX, 0, 1, 1, "uCP", "S", "|unset|chdir|",
	    "|split-string|", W0 },
	{ "sudo", WK_PREFIX, 0, 1, 0, "CDgpRrtTUu", "",
	    "|close-from|chdir|group|host|prompt|chroot|role|type|"
	    "command-timeout|other-user|user|", "", W0 },
	{ "doas", WK_PREFIX, 0, 0, 0, "Cu", "", "", "", W0 },
	{ "nice", WK_PREFIX, 0, 0, 0, "n", "", "|adjustment|", "", W0 },
	{ "nohup", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "timeout", WK_PREFIX, 1, 0, 0, "sk", "", "|signal|kill-after|", "", W0 },
	{ "time", WK_PREFIX, 0, 0, 0, "fo", "", "|format|output|", "", W0 },
	{ "command", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "builtin", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "exec", WK_PREFIX, 0, 0, 0, "a", "", "", "", W0 },
	/* (--max-lines[=N], --eof[=S], --replace[=S]: an attached value
	   or none) */
	{ "xargs", WK_PREFIX, 0, 0, 0, "adEILnPs", "",
	    "|arg-file|delimiter|max-args|max-procs|max-chars|"
	    "process-slot-var|", "", W0 },
	{ "busybox", WK_APPLET, 0, 0, 0, "", "", "", "", W0 },
	{ "toybox", WK_APPLET, 0, 0, 0, "", "", "", "", W0 },
	{ "stdbuf", WK_PREFIX, 0, 0, 0, "ioe", "", "|input|output|error|", "", W0 },
	{ "setsid", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "ionice", WK_PREFIX, 0, 0, 0, "cnp", "", "|class|classdata|pid|",
	    "", W0 },
	{ "chrt", WK_PREFIX, 1, 0, 0, "TPD", "", "", "", W0 },
	{ "taskset", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "chroot", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "flock", WK_PREFIX, 1, 0, 0, "wE", "c",
	    "|timeout|conflict-exit-code|", "|command|", W0 },
	{ "pkexec", WK_PREFIX, 0, 0, 0, "", "", "|user|", "", "", "", "",
	    NULL, 0, WX_STDIN },
	/* bsub [options] CMD (LSF), qsub -b y CMD (Grid Engine), qsub --
	   CMD (PBS): the job's shell runs the words; a job script on the
	   input without one.  Options of more than one letter have one
	   dash, whole. */
	{ "bsub", WK_EVAL, 0, 0, 0, "abCcDeFfGgiJkLMmnoPpQqRSsTtUuvWw", "E",
	    "|alloc_flags|app|ar|clusters|cn_cu|cn_mem|core_isolation|csm|"
	    "cwd|data|datachk|datagrp|eo|eptl|ext|env|freq|gpu|is|Jd|jsdl|"
	    "jsdl_strict|jsm|Lp|ln_mem|ln_slots|mig|network|nnodes|oo|"
	    "outdir|ptl|sla|smt|sp|stage|step_cgroup|We|wa|wt|Zs|pack|"
	    "hostfile|", "|Ep|rnc|", "", "", "|pack|", NULL, 0,
	    WX_EXACT | WX_LONG1 | WX_STDIN },
	{ "qsub", WK_EVAL, 0, 0, 0, "aAbcCdeijJklmMNopPqrRSstuvwW@", "",
	    "|pe:2|hold_jid|hold_jid_ad|wd|sync|now|shell|binding|ckpt|js|"
	    "ac|ar|dc|dl|masterq|jsv|tc|sc|", "", "", "", "", NULL, 0,
	    WX_EXACT | WX_LONG1 | WX_STDIN },
	{ "strace", WK_PREFIX, 0, 0, 0, "abeEIoOpPsSuUX", "",
	    "|output|trace|signal|user|", "", W0 },
	{ "ltrace", WK_PREFIX, 0, 0, 0, "aAeILnoOpsSuX", "", "|output|", "", W0 },
	{ "nsenter", WK_PREFIX, 0, 0, 0, "tSG", "",
	    "|target|setuid|setgid|", "", W0 },
	{ "unshare", WK_PREFIX, 0, 0, 0, "SGRw", "", "|propagation|setgroups|"
	    "map-user|map-group|map-users|map-groups|root|wd|setuid|setgid|"
	    "monotonic|boottime|", "", W0 },
	{ "fakeroot", WK_PREFIX, 0, 0, 0, "lis", "", "|lib|faked|", "", W0 },
	{ "unbuffer", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "setpriv", WK_PREFIX, 0, 0, 0, "", "",
	    "|reuid|regid|ruid|euid|rgid|egid|groups|inh-caps|ambient-caps|"
	    "bounding-set|securebits|pdeathsig|selinux-label|"
	    "apparmor-profile|landlock-access|landlock-rule|", "", W0 },
	{ "systemd-run", WK_PREFIX, 0, 0, 0, "upEMHD", "",
	    "|unit|property|setenv|machine|host|uid|gid|nice|slice|"
	    "description|working-directory|service-type|timer-property|"
	    "path-property|socket-property|on-active|on-boot|on-startup|"
	    "on-unit-active|on-unit-inactive|on-calendar|", "", W0 },
	{ "valgrind", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "screen", WK_PREFIX, 0, 0, 0, "cehpRSTsX", "", "", "", W0 },
	{ "firejail", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "schroot", WK_PREFIX, 0, 0, 0, "cudno", "",
	    "|chroot|user|directory|session-name|option|", "", W0 },
	/* runcon CONTEXT CMD, runcon -t TYPE CMD (unwrap()) */
	{ "runcon", WK_PREFIX, 1, 0, 0, "urtl", "", "|user|role|type|range|",
	    "", W0 },
	{ "sandbox", WK_PREFIX, 0, 0, 0, "HIlTtWw", "",
	    "|homedir|include|level|tmpdir|type|windowsize|", "", W0 },
	{ "aa-exec", WK_PREFIX, 0, 0, 0, "pn", "", "|profile|namespace|", "",
	    W0 },
	{ "minijail0", WK_PREFIX, 0, 0, 0, "abcCfgkmMPRSTuV", "", "", "", W0 },
	{ "with-contenv", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	/* job queues: nq CMD, tsp (task-spooler) CMD */
	{ "nq", WK_PREFIX, 0, 0, 0, "w", "", "", "", W0 },
	{ "tsp", WK_PREFIX, 0, 0, 0, "LDNW", "", "", "", W0 },
	{ "chronic", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "ifne", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "cpulimit", WK_PREFIX, 0, 0, 0, "lpe", "", "|limit|pid|exe|path|",
	    "", W0 },
	{ "numactl", WK_PREFIX, 0, 0, 0, "NmCipPw", "", "|cpunodebind|"
	    "membind|physcpubind|interleave|preferred|preferred-many|"
	    "balancing|weighted-interleave|", "", W0 },
	{ "prlimit", WK_PREFIX, 0, 0, 0, "po", "", "|pid|output|", "", W0 },
	{ "cgexec", WK_PREFIX, 0, 0, 0, "g", "", "", "", W0 },
	/* user-mode emulators run a program of another machine's:
	   box64, box86, FEX; qemu-ARCH is qemu_user */
	{ "box64", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "box86", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "FEXInterpreter", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "FEXLoader", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	/* wine PROG ARGS: a Windows program (wine cmd /c CMD) */
	{ "wine", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "wine64", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "rlwrap", WK_PREFIX, 0, 0, 0, "bCDefFgHlMOPqsStwz", "",
	    "|break-chars|command-name|extra-char-after-completion|file|"
	    "history-format|forget-matching|history-filename|logfile|"
	    "multi-line-ext|pre-given|quote-characters|histsize|"
	    "substitute-prompt|set-term-name|wrap-to|filter|", "", W0 },
	{ "chpst", WK_PREFIX, 0, 0, 0, "uUbe/nlLmdopfcrt", "", "", "", W0 },
	{ "s6-setuidgid", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "setuidgid", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "gosu", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "su-exec", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "tini", WK_PREFIX, 0, 0, 0, "pe", "", "", "", W0 },
	{ "dumb-init", WK_PREFIX, 0, 0, 0, "r", "", "|rewrite|", "", W0 },
	{ "xvfb-run", WK_PREFIX, 0, 0, 0, "efnpsw", "", "|error-file|"
	    "auth-file|server-num|xauth-protocol|server-args|wait|", "", W0 },
	{ "machinectl", WK_SUB, 0, 0, 0, "MH", "", "|machine|host|", "", "",
	    "", "", SUBS(machinectl_subs), 0 },
	{ "catchsegv", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "eatmydata", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	/* ssh-agent CMD: the agent's child; dtach -c SOCK CMD, abduco -c
	   NAME CMD (-a attaches: no command) */
	{ "ssh-agent", WK_PREFIX, 0, 0, 0, "aEtPO", "", "", "", W0 },
	{ "dtach", WK_PREFIX, 0, 0, 0, "cAnNaer", "", "", "", W0 },
	{ "abduco", WK_PREFIX, 0, 0, 0, "cnAaCe", "", "", "", W0 },
	{ "daemonize", WK_PREFIX, 0, 0, 0, "ceEoplu", "", "", "", W0 },
	/* xe [-s SCRIPT] CMD ...: SCRIPT runs in sh */
	{ "xe", WK_PREFIX, 0, 0, 0, "INjAp", "s", "", "", W0 },
	{ "nocache", WK_PREFIX, 0, 0, 0, "n", "", "", "", W0 },
	{ "tsocks", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	/* compiler caches and distributors: ccache gcc -c x.c */
	{ "ccache", WK_PREFIX, 0, 0, 0, "MFodkX", "", "|max-size|max-files|"
	    "set-config|dir|get-config|recompress|evict-older-than|"
	    "evict-namespace|config-path|", "", W0 },
	{ "sccache", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "distcc", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "icecc", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "with-lock-ex", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "lckdo", WK_PREFIX, 1, 0, 0, "W", "", "", "", W0 },
	{ "envdir", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "softlimit", WK_PREFIX, 0, 0, 0, "mdsloapfcr", "", "", "", W0 },
	/* gdb --args PROG ARGS: PROG is run (by run, -ex run) */
	{ "gdb", WK_OPTS, 0, 0, 0, "pxecsbldDi", "", "|pid|command|"
	    "eval-command|init-command|init-eval-command|directory|symbols|"
	    "exec|core|data-directory|cd|tty|baud|se|ex|iex|ix|", "", "",
	    "|args|", "", NULL, 0, WX_LONG1 },
	/* lldb [-o CMD] PROG [-- ARGS], lldb -- PROG ARGS: PROG is run
	   (by run, -o run) */
	{ "lldb", WK_PREFIX, 0, 0, 0, "acfnplRoOkKsS", "", "|arch|core|file|"
	    "attach-name|attach-pid|script-language|repl-language|one-line|"
	    "one-line-before-file|one-line-on-crash|source|"
	    "source-before-file|source-on-crash|", "", W0 },
	{ "proxychains", WK_PREFIX, 0, 0, 0, "f", "", "", "", W0 },
	{ "proxychains4", WK_PREFIX, 0, 0, 0, "f", "", "", "", W0 },
	{ "torsocks", WK_PREFIX, 0, 0, 0, "uapP", "", "", "", W0 },
	{ "dbus-launch", WK_PREFIX, 0, 0, 0, "", "",
	    "|config-file|autolaunch|", "", W0 },
	{ "proot", WK_PREFIX, 0, 0, 0, "rbmwkq", "",
	    "|rootfs|bind|mount|cwd|pwd|kernel-release|qemu|", "", W0 },
	{ "fakechroot", WK_PREFIX, 0, 0, 0, "lde", "",
	    "|lib|elfloader|environment|config-dir|", "", W0 },
	{ "faketime", WK_PREFIX, 1, 0, 0, "", "", "|date-prog|", "", W0 },
	{ "datefudge", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	/* fab -H HOST -- CMD (Fabric); et -c CMD HOST (Eternal Terminal) */
	{ "fab", WK_OPTS, 0, 0, 0, "HifcrStTDFw", "", "|hosts|identity|"
	    "collection|config|search-root|ssh-config|connect-timeout|"
	    "command-timeout|list-depth|list-format|", "", "", "", "", NULL,
	    0, WX_DDREST | WX_ONESTR },
	{ "et", WK_OPTS, 0, 0, 0, "uptr", "c", "|username|host|port|tunnel|"
	    "reversetunnel|jumphost|jport|ssh-option|terminal-path|"
	    "serverfifo|", "|command|", W0 },
	{ "tsh", WK_SUB, 0, 0, 0, "", "", "|proxy|user|cluster|", "", "", "",
	    "", SUBS(tsh_subs), 0 },
	{ "virt-customize", WK_OPTS, 0, 0, 0, "acdm", "", VIRT_OPTS,
	    VIRT_CUSTOMIZE, "", "", "|edit|", NULL, 0, 0 },
	{ "virt-sysprep", WK_OPTS, 0, 0, 0, "acdm", "", VIRT_OPTS,
	    VIRT_CUSTOMIZE, "", "", "|edit|", NULL, 0, 0 },
	{ "virt-builder", WK_OPTS, 0, 0, 0, "acdmo", "", VIRT_OPTS
	    "output|size|arch|", VIRT_CUSTOMIZE, "", "", "|edit|", NULL, 0,
	    0 },
	{ "torify", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	/* macOS's sandbox-exec -p PROFILE CMD */
	{ "sandbox-exec", WK_PREFIX, 0, 0, 0, "fpnD", "", "", "", W0 },
	{ "rootlesskit", WK_PREFIX, 0, 0, 0, "", "", "|net|mtu|cidr|"
	    "ifname|copy-up|copy-up-mode|port-driver|publish|propagation|"
	    "state-dir|subid-source|evacuate-cgroup2|slirp4netns-binary|"
	    "vpnkit-binary|lxc-user-nic-binary|lxc-user-nic-bridge|", "",
	    W0 },
	/* ch-run IMAGE -- CMD (Charliecloud) */
	{ "ch-run", WK_PREFIX, 1, 0, 0, "bcgu", "", "|bind|cd|gid|uid|"
	    "set-env|unset-env|storage|join-ct|join-tag|", "", W0 },
	{ "apptainer", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(apptainer_subs), 0 },
	{ "singularity", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(apptainer_subs), 0 },
	{ "runc", WK_SUB, 0, 0, 0, "", "", "|root|log|log-format|criu|", "",
	    "", "", "", SUBS(runc_subs), 0 },
	{ "crun", WK_SUB, 0, 0, 0, "", "", "|root|log|log-format|", "", "",
	    "", "", SUBS(runc_subs), 0 },
	{ "buildah", WK_SUB, 0, 0, 0, "", "", "|root|runroot|storage-driver|"
	    "storage-opt|userns-uid-map|userns-gid-map|", "", "", "", "",
	    SUBS(buildah_subs), 0 },
	{ "udocker", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(udocker_subs), 0 },
	{ "enroot", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(enroot_subs), 0 },
	{ "qm", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "", SUBS(qm_subs),
	    0 },
	{ "xpra", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(xpra_subs), 0 },
	/* bwrap --args FD: more options from a file descriptor */
	{ "bwrap", WK_PREFIX, 0, 0, 0, "", "", BWRAP_OPTS, "", "", "",
	    "|args|", NULL, 0, 1 },
	{ "entr", WK_EVAL, 0, 0, 0, "", "", "", "", W0 },	/* entr -s X */
	{ "watchexec", WK_EVAL, 0, 0, 0, "wWefisdE", "", "|watch|"
	    "watch-non-recursive|watch-file|exts|filter|filter-file|ignore|"
	    "ignore-file|signal|stop-signal|stop-timeout|debounce|delay-run|"
	    "shell|env|workdir|poll|project-origin|emit-events-to|"
	    "on-busy-update|fs-events|color|wrap-process|", "", W1 },
	/* --dbus-daemon=PROGRAM: another program runs too */
	{ "dbus-run-session", WK_PREFIX, 0, 0, 0, "", "", "|config-file|",
	    "", "", "", "|dbus-daemon|", NULL, 0, 0 },
	{ "systemd-inhibit", WK_PREFIX, 0, 0, 0, "", "",
	    "|what|who|why|mode|", "", W0 },
	{ "srun", WK_PREFIX, 0, 0, 0, SLURM_ARGS, "", SLURM_OPTS, "", W0 },
	{ "salloc", WK_PREFIX, 0, 0, 0, SLURM_ARGS, "", SLURM_OPTS, "", W0 },
	/* sbatch --wrap='cmd' */
	{ "sbatch", WK_OPTS, 0, 0, 0, SLURM_ARGS, "", SLURM_OPTS, "|wrap|",
	    W0 },
	{ "ld.so", WK_PREFIX, 0, 0, 0, "", "", LDSO_OPTS, "", W1 },
	{ "ld-linux.so.2", WK_PREFIX, 0, 0, 0, "", "", LDSO_OPTS, "", W1 },
	{ "ld-linux-x86-64.so.2", WK_PREFIX, 0, 0, 0, "", "", LDSO_OPTS, "",
	    W1 },
	{ "ld-linux-aarch64.so.1", WK_PREFIX, 0, 0, 0, "", "", LDSO_OPTS, "",
	    W1 },
	{ "ld-linux-armhf.so.3", WK_PREFIX, 0, 0, 0, "", "", LDSO_OPTS, "",
	    W1 },
	{ "ld-musl-x86_64.so.1", WK_PREFIX, 0, 0, 0, "", "", LDSO_OPTS, "",
	    W1 },
	{ "ld-musl-aarch64.so.1", WK_PREFIX, 0, 0, 0, "", "", LDSO_OPTS, "",
	    W1 },
	{ "ip", WK_SUB, 0, 0, 0, "fnbl", "", "", "", "", "", "",
	    SUBS(ip_subs), 1 },
	/* mpirun -np 2 CMD (Open MPI), mpiexec -n 2 CMD (MPICH) */
	{ "mpirun", WK_PREFIX1, 0, 0, 0, MPI_ARGS, "", MPI_OPTS, "", "", "",
	    MPI_OPQ, NULL, 0, 1 },
	{ "mpiexec", WK_PREFIX1, 0, 0, 0, MPI_ARGS, "", MPI_OPTS, "", "", "",
	    MPI_OPQ, NULL, 0, 1 },
	{ "orterun", WK_PREFIX1, 0, 0, 0, MPI_ARGS, "", MPI_OPTS, "", "", "",
	    MPI_OPQ, NULL, 0, 1 },
	{ "perf", WK_SUB, 0, 0, 0, "", "", "|exec-path|buildid-dir|"
	    "debugfs-dir|", "", "", "", "", SUBS(perf_subs), 0 },
	{ "setarch", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "linux32", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "linux64", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "systemd-nspawn", WK_PREFIX, 0, 0, 0, "DiuMESZLp", "", "|directory|"
	    "template|image|oci-bundle|user|machine|uuid|slice|property|"
	    "private-users|network-interface|network-macvlan|network-ipvlan|"
	    "network-bridge|network-zone|network-namespace-path|port|bind|"
	    "bind-ro|tmpfs|overlay|overlay-ro|setenv|chdir|capability|"
	    "drop-capability|kill-signal|link-journal|resolv-conf|timezone|"
	    "console|pivot-root|inaccessible|register|personality|hostname|"
	    "rlimit|oom-score-adjust|cpu-affinity|system-call-filter|"
	    "selinux-context|selinux-apifs-context|load-credential|"
	    "set-credential|", "", W0 },
	{ "run0", WK_PREFIX, 0, 0, 0, "ugD", "", "|user|group|nice|chdir|"
	    "setenv|unit|property|description|slice|machine|"
	    "shell-prompt-prefix|background|", "", W0 },
	{ "lxc-attach", WK_PREFIX, 0, 0, 0, "nPasLvugfol", "", "|name|"
	    "lxcpath|arch|namespaces|pty-log|set-var|keep-var|uid|gid|"
	    "rcfile|logfile|logpriority|context|", "", W0 },
	{ "lxc-execute", WK_PREFIX, 0, 0, 0, "nPfsolu", "", "|name|lxcpath|"
	    "rcfile|define|logfile|logpriority|uid|gid|", "", W0 },
	{ "flatpak-spawn", WK_PREFIX, 0, 0, 0, "", "", "|directory|env|"
	    "forward-fd|sandbox-expose|sandbox-expose-ro|"
	    "sandbox-expose-path|sandbox-expose-path-ro|"
	    "sandbox-expose-path-try|sandbox-expose-path-ro-try|app-path|"
	    "usr-path|unset-env|", "", W0 },
	{ "distrobox-enter", WK_PREFIX, 1, 0, 0, "na", "", "|name|"
	    "additional-flags|", "", "", "", "", NULL, 0, WX_DDOPS },
	{ "distrobox", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(distrobox_subs), 0 },
	{ "toolbox", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(toolbox_subs), 0 },
	{ "flatpak", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(flatpak_subs), 1 },
	{ "nsjail", WK_PREFIX, 0, 0, 0, "MCxHDcpilLtugRBTmsE", "", "|mode|"
	    "config|exec_file|execute_fd|chroot|user|group|hostname|cwd|"
	    "port|bindhost|max_conns|max_conns_per_ip|log|log_fd|time_limit|"
	    "max_cpus|rlimit_as|rlimit_core|rlimit_cpu|rlimit_fsize|"
	    "rlimit_nofile|rlimit_nproc|rlimit_stack|rlimit_memlock|"
	    "rlimit_rtprio|rlimit_msgqueue|persona_addr_compat_layout|"
	    "personality|env|bindmount_ro|bindmount|tmpfsmount|mount|"
	    "symlink|cap|uid_mapping|gid_mapping|cgroup_mem_max|"
	    "cgroup_pids_max|cgroup_cpu_ms_per_sec|seccomp_policy|"
	    "seccomp_string|macvlan_iface|", "", W0 },
	{ "trickle", WK_PREFIX, 0, 0, 0, "duwtln", "", "", "", W0 },
	{ "capsh", WK_CAPSH, 0, 0, 0, "", "", "", "", W0 },
	{ "noglob", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "nocorrect", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	/* Commands whose subcommands run a command (subwrap tables). */
	{ "git", WK_SUB, 0, 0, 0, "Cc", "", "|git-dir|work-tree|namespace|"
	    "config-env|super-prefix|attr-source|", "", "", "", "",
	    SUBS(git_subs), 0 },
	{ "docker", WK_SUB, 0, 0, 0, "cHln", "", CT_OPTS, "", "", "", "",
	    SUBS(ct_subs), 1 },
	{ "podman", WK_SUB, 0, 0, 0, "cHln", "", CT_OPTS, "", "", "", "",
	    SUBS(ct_subs), 1 },
	{ "nerdctl", WK_SUB, 0, 0, 0, "cHln", "", CT_OPTS, "", "", "", "",
	    SUBS(ct_subs), 1 },
	{ "docker-compose", WK_SUB, 0, 0, 0, "fp", "", COMPOSE_OPTS, "", "",
	    "", "", SUBS(compose_subs), 1 },
	{ "podman-compose", WK_SUB, 0, 0, 0, "fp", "", COMPOSE_OPTS, "", "",
	    "", "", SUBS(compose_subs), 0 },
	{ "kubectl", WK_SUB, 0, 0, 0, "nsv", "", KUBE_OPTS, "", "", "", "",
	    SUBS(kube_subs), 1 },
	{ "oc", WK_SUB, 0, 0, 0, "nsv", "", KUBE_OPTS, "", "", "", "",
	    SUBS(oc_subs), 1 },
	{ "lxc", WK_SUB, 0, 0, 0, "", "", "|project|", "", "", "", "",
	    SUBS(lxc_subs), 1 },
	{ "ctr", WK_SUB, 0, 0, 0, "an", "", "|address|namespace|timeout|"
	    "connect-timeout|", "", "", "", "", SUBS(ctr_subs), 1 },
	{ "crictl", WK_SUB, 0, 0, 0, "ir", "", "|image-endpoint|"
	    "runtime-endpoint|config|timeout|", "", "", "", "",
	    SUBS(crictl_subs), 1 },
	/* cmake -E TOOL ARGS: rm, env, time, ... as the programs */
	{ "cmake", WK_OPTS, 0, 0, 0, "DCGTAUSBPLWj", "", "|build|install|"
	    "target|config|parallel|preset|log-level|graphviz|", "", "E", "",
	    "", NULL, 0, 0 },
	{ "incus", WK_SUB, 0, 0, 0, "", "", "|project|", "", "", "", "",
	    SUBS(lxc_subs), 1 },
	{ "multipass", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(lxc_subs), 1 },
	{ "vagrant", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(vagrant_subs), 0 },
	{ "poetry", WK_SUB, 0, 0, 0, "CP", "", "|directory|project|", "", "",
	    "", "", SUBS(run_subs), 0 },
	{ "pipenv", WK_SUB, 0, 0, 0, "", "", "|python|", "", "", "", "",
	    SUBS(run_subs), 0 },
	{ "pdm", WK_SUB, 0, 0, 0, "p", "", "|project|", "", "", "", "",
	    SUBS(run_subs), 0 },
	{ "hatch", WK_SUB, 0, 0, 0, "e", "", "|env|data-dir|cache-dir|",
	    "", "", "", "", SUBS(run_subs), 0 },
	{ "rye", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(run_subs), 0 },
	{ "pipx", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(run_subs), 0 },
	{ "conda", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(run_subs), 0 },
	{ "mamba", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(run_subs), 0 },
	{ "micromamba", WK_SUB, 0, 0, 0, "r", "", "|root-prefix|", "", "",
	    "", "", SUBS(run_subs), 0 },
	{ "uv", WK_SUB, 0, 0, 0, "", "", "|directory|project|cache-dir|"
	    "config-file|color|python-preference|", "", "", "", "",
	    SUBS(uv_subs), 1 },
	{ "uvx", WK_PREFIX, 0, 0, 0, "pf", "", UV_OPTS, "", "", "", "", NULL,
	    0, 1 },
	{ "npm", WK_SUB, 0, 0, 0, "w", "", "|prefix|workspace|userconfig|"
	    "cache|registry|loglevel|", "", "", "", "", SUBS(js_subs), 0 },
	{ "pnpm", WK_SUB, 0, 0, 0, "CF", "", "|dir|filter|", "", "", "", "",
	    SUBS(pnpm_subs), 0 },
	{ "yarn", WK_SUB, 0, 0, 0, "", "", "|cwd|", "", "", "", "",
	    SUBS(js_subs), 0 },
	{ "bun", WK_SUB, 0, 0, 0, "", "", "|cwd|", "", "", "", "",
	    SUBS(js_subs), 0 },
	{ "npx", WK_PREFIX, 0, 0, 0, "pw", "c", "|package|workspace|",
	    "|call|", "", "", "", NULL, 0, 0 },
	{ "bunx", WK_PREFIX, 0, 0, 0, "p", "", "|package|", "", "", "", "",
	    NULL, 0, 0 },
	{ "bundle", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(exec_subs), 0 },
	{ "rbenv", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(exec_subs), 0 },
	{ "pyenv", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(exec_subs), 0 },
	{ "nodenv", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(exec_subs), 0 },
	{ "direnv", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(exec1_subs), 1 },
	{ "asdf", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(exec_subs), 1 },
	{ "opam", WK_SUB, 0, 0, 0, "", "", "|root|switch|", "", "", "", "",
	    SUBS(exec_subs), 0 },
	{ "stack", WK_SUB, 0, 0, 0, "", "", "|stack-yaml|resolver|"
	    "stack-root|work-dir|", "", "", "", "", SUBS(exec_subs), 0 },
	{ "cabal", WK_SUB, 0, 0, 0, "", "", "|project-file|builddir|", "",
	    "", "", "", SUBS(exec_subs), 0 },
	{ "mise", WK_SUB, 0, 0, 0, "Cq", "", "|cd|env|", "", "", "", "",
	    SUBS(mise_subs), 1 },
	{ "rtx", WK_SUB, 0, 0, 0, "C", "", "|cd|", "", "", "", "",
	    SUBS(mise_subs), 1 },
	{ "guix", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(guix_subs), 0 },
	{ "pixi", WK_SUB, 0, 0, 0, "", "", "|manifest-path|", "", "", "", "",
	    SUBS(pixi_subs), 1 },
	{ "aws-vault", WK_SUB, 0, 0, 0, "", "", "|backend|", "", "", "", "",
	    SUBS(exec1_subs), 1 },
	{ "dotenv", WK_SUB, 0, 0, 0, "efvpcq", "", "|file|quote|export|", "",
	    "", "", "", SUBS(dotenv_subs), 0 },
	{ "dotenvx", WK_SUB, 0, 0, 0, "f", "", "|env-file|", "", "", "", "",
	    SUBS(dotenv_subs), 0 },
	{ "chamber", WK_SUB, 0, 0, 0, "", "", "|backend|", "", "", "", "",
	    SUBS(chamber_subs), 0 },
	{ "fnm", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "", SUBS(fnm_subs),
	    0 },
	{ "volta", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(volta_subs), 0 },
	{ "pct", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "", SUBS(pct_subs),
	    0 },
	{ "ddev", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(ddev_subs), 0 },
	{ "lando", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(lando_subs), 0 },
	{ "distrobox-host-exec", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "nvm", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "", SUBS(nvm_subs),
	    0 },
	{ "pueue", WK_SUB, 0, 0, 0, "c", "", "|config|profile|", "", "", "",
	    "", SUBS(pueue_subs), 0 },
	/* salt TARGET cmd.run CMD, salt-call cmd.run CMD */
	{ "salt", WK_SUB, 1, 0, 0, SALT_ARGS, "", SALT_LONG, "", "", "", "",
	    SUBS(salt_subs), 0 },
	{ "salt-ssh", WK_SUB, 1, 0, 0, SALT_ARGS, "", SALT_LONG, "", "", "",
	    "", SUBS(salt_ssh_subs), 0 },
	{ "salt-call", WK_SUB, 0, 0, 0, SALT_ARGS, "", SALT_LONG, "", "", "",
	    "", SUBS(salt_subs), 0 },
	/* the clouds' commands run on their hosts */
	{ "gcloud", WK_OPTS, 0, 0, 0, "", "", "", "|command|", "", "", "",
	    NULL, 0, WX_SSHARGS },	/* compute ssh VM -- SSH-ARGS */
	{ "hcloud", WK_SUB, 0, 0, 0, "", "", "|config|context|endpoint|"
	    "poll-interval|debug-file|", "", "", "", "", SUBS(hcloud_subs),
	    WX_EXACT },
	/* doctl compute ssh DROPLET --ssh-command CMD */
	{ "doctl", WK_OPTS, 0, 0, 0, "tcp", "", "|access-token|config|"
	    "context|output|api-url|", "|ssh-command|", "", "", "", NULL, 0,
	    WX_EXACT },
	{ "az", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "", SUBS(az_subs),
	    1 },
	{ "rustup", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(rustup_subs), 1 },
	{ "devbox", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(devbox_subs), 1 },
	{ "aws", WK_SUB, 0, 0, 0, "", "", AWS_OPTS, "", "", "", "",
	    SUBS(aws_subs), 1 },
	{ "heroku", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(heroku_subs), 0 },
	{ "fly", WK_OPTS, 0, 0, 0, "", "C", "", "|command|", W0 },
	{ "flyctl", WK_OPTS, 0, 0, 0, "", "C", "", "|command|", W0 },
	{ "gh", WK_SUB, 0, 0, 0, "R", "", "|repo|", "", "", "", "",
	    SUBS(gh_subs), 0 },
	{ "limactl", WK_SUB, 0, 0, 0, "", "", "|log-level|", "", "", "", "",
	    SUBS(limactl_subs), 0 },
	{ "lima", WK_PREFIX, 0, 0, 0, "", "", "", "", W0 },
	{ "nomad", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(nomad_subs), 1 },
	/* wsl [-d D] [-u U] [-e] CMD: Windows runs it in Linux */
	{ "wsl", WK_EVAL, 0, 0, 0, "du", "", "|distribution|user|cd|", "",
	    W0 },
	{ "wsl.exe", WK_EVAL, 0, 0, 0, "du", "", "|distribution|user|cd|",
	    "", W0 },
	/* helm install --post-renderer PROG: run on what it renders */
	{ "helm", WK_OPTS, 0, 0, 0, "", "", "", "|post-renderer|", W0 },
	/* envchain NAMESPACE CMD; caffeinate CMD; retry [-t N] -- CMD */
	{ "envchain", WK_PREFIX, 1, 0, 0, "", "", "", "", W0 },
	{ "caffeinate", WK_PREFIX, 0, 0, 0, "tw", "", "", "", W0 },
	{ "retry", WK_PREFIX, 0, 0, 0, "tdm", "", "|times|delay|message|"
	    "until|while|", "", W0 },
	/* commands run on many hosts at once, as ssh's remote one */
	{ "pssh", WK_EVAL, 0, 0, 0, "hHlpoetOxX", "", "|hosts|host|user|par|"
	    "outdir|errdir|timeout|option|extra-args|extra-arg|", "", W0 },
	{ "parallel-ssh", WK_EVAL, 0, 0, 0, "hHlpoetOxX", "", "|hosts|host|"
	    "user|par|outdir|errdir|timeout|option|extra-args|extra-arg|", "",
	    W0 },
	{ "pdsh", WK_EVAL, 0, 0, 0, "wxgXltufRMo", "", "", "", W0 },
	/* dsh (dancer's shell) -a|-m HOST|-g GROUP [--] CMD */
	{ "dsh", WK_EVAL, 0, 0, 0, "bmgroFf", "", "|bufsize|machine|group|"
	    "remoteshell|remoteshellopt|forklimit|file|", "", W0 },
	{ "clush", WK_EVAL, 0, 0, 0, "wxgXfluotERO", "", "|nodes|exclude|"
	    "group|fanout|user|options|connect_timeout|command_timeout|"
	    "worker|rcopy|topology|pick|", "", W0 },
	/* sshpass -p PASS ssh ...: ssh's remote command is its own */
	{ "sshpass", WK_PREFIX, 0, 0, 0, "fdpP", "", "", "", W0 },
	{ "op", WK_SUB, 0, 0, 0, "", "", "|account|config|session|cache|"
	    "encoding|", "", "", "", "", SUBS(secrets_subs), 1 },
	{ "doppler", WK_SUB, 0, 0, 0, "", "", "|configuration|token|"
	    "api-host|", "", "", "", "", SUBS(secrets_subs), 1 },
	{ "infisical", WK_SUB, 0, 0, 0, "", "", "|domain|token|", "", "",
	    "", "", SUBS(secrets_subs), 1 },
	{ "sops", WK_SUB, 0, 0, 0, "", "", "|config|", "", "", "", "",
	    SUBS(sops_subs), 1 },
	{ "nix", WK_SUB, 0, 0, 0, "", "", "|extra-experimental-features|"
	    "experimental-features|store|", "", "", "", "", SUBS(nix_subs), 1 },
	{ "nix-shell", WK_OPTS, 0, 0, 0, "IA", "", "|attr|include|",
	    "|run|command|", "", "", "", NULL, 0, 1 },
	/*
	 * Terminal emulators run a command in their window: xterm -e CMD
	 * ARGS (its options one-dash long ones), gnome-terminal -- CMD,
	 * -x CMD, -e 'CMD'; kitty, foot and st take it as their operands.
	 */
	XTERM("xterm"), XTERM("uxterm"), XTERM("urxvt"), XTERM("urxvtc"),
	XTERM("rxvt"), XTERM("rxvt-unicode"), XTERM("aterm"),
	XTERM("konsole"), XTERM("alacritty"), XTERM("ghostty"),
	XTERM("qterminal"), XTERM("terminology"),
	GTERM("gnome-terminal"), GTERM("mate-terminal"),
	GTERM("xfce4-terminal"), GTERM("terminator"), GTERM("tilix"),
	GTERM("sakura"), GTERM("lxterminal"), GTERM("guake"),
	{ "st", WK_PREFIX, 0, 0, 0, "cfgnotTwl", "", "", "", "e", "", "",
	    NULL, 0, 0 },
	{ "kitty", WK_SUB, 0, 0, 0, "Tcod", "", KITTY_OPTS, "", "", "", "",
	    SUBS(kitty_subs), 0 },
	{ "zellij", WK_SUB, 0, 0, 0, "slc", "", "|session|layout|config|"
	    "config-dir|data-dir|max-panes|", "", "", "", "", SUBS(zellij_subs),
	    WX_EXACT },
	{ "foot", WK_PREFIX, 0, 0, 0, "cotTaWwfDLl", "", "|config|override|"
	    "term|title|app-id|window-size-pixels|window-size-chars|font|"
	    "working-directory|log-level|log-colorize|", "", "", "", "",
	    NULL, 0, 0 },
	{ "footclient", WK_PREFIX, 0, 0, 0, "otTaWwD", "", "|override|term|"
	    "title|app-id|window-size-pixels|window-size-chars|"
	    "working-directory|server-socket|", "", "", "", "", NULL, 0, 0 },
	{ "wezterm", WK_SUB, 0, 0, 0, "", "", "|config-file|config|", "", "",
	    "", "", SUBS(wezterm_subs), 0 },
	/* fd -x CMD ...: the rest is the command */
	{ "fd", WK_OPTS, 0, 0, 0, "etEdSjco", "", FD_OPTS, "", "xX",
	    "|exec|exec-batch|", "", NULL, 0, 1 },
	{ "fdfind", WK_OPTS, 0, 0, 0, "etEdSjco", "", FD_OPTS, "", "xX",
	    "|exec|exec-batch|", "", NULL, 0, 1 },
	/* ansible HOSTS -m shell -a 'cmd' */
	{ "ansible", WK_OPTS, 0, 0, 0, "ilmufeMBPTt", "a", "|inventory|"
	    "limit|module-name|user|forks|extra-vars|module-path|background|"
	    "poll|timeout|tree|", "|args|", "", "", "", NULL, 0, 0 },
	{ "nodemon", WK_OPTS, 0, 0, 0, "weid", "x", "|watch|ext|ignore|"
	    "delay|", "|exec|", "", "", "", NULL, 0, 0 },
	{ "su", WK_SU, 0, 0, 1, "gGsw", "c",
	    "|group|supp-group|shell|whitelist-environment|",
	    "|command|session-command|", W0 },
	{ "runuser", WK_SU, 0, 0, 1, "gGswu", "c",
	    "|group|supp-group|shell|whitelist-environment|user|",
	    "|command|session-command|", W0 },
	/* sg [-] GROUP [-c] COMMAND: /bin/sh -c COMMAND either way */
	{ "sg", WK_EVAL, 1, 0, 1, "", "c", "", "", W0 },
	/* newgrp [-] [GROUP]: a shell, which reads its input */
	{ "newgrp", WK_SU, 0, 0, 1, "", "", "", "", W0 },
	{ "eval", WK_EVAL, 0, 0, 0, "", "", "", "", W0 },
	{ "watch", WK_EVAL, 0, 0, 0, "n", "", "|interval|", "", W0 },
	{ "parallel", WK_EVAL, 0, 0, 0, "adEIjLlnNsS", "",
	    "|arg-file|delimiter|eof|jobs|max-args|max-chars|"
	    "sshlogin|sshloginfile|colsep|tagstring|joblog|results|workdir|"
	    "timeout|delay|retries|", "", W0 },
	/* GNU parallel's sem: a command line, run later */
	{ "sem", WK_EVAL, 0, 0, 0, "j", "", "|jobs|id|semaphorename|"
	    "semaphoretimeout|", "", W0 },
	/* hyperfine 'cmd' ...: each operand a command line */
	{ "hyperfine", WK_EACH, 0, 0, 0, "wrmMSnuLP", "psc", "|warmup|runs|"
	    "min-runs|max-runs|shell|command-name|time-unit|export-asciidoc|"
	    "export-csv|export-json|export-markdown|export-orgmode|style|"
	    "sort|output|input|parameter-list|parameter-scan|"
	    "parameter-step-size|", "|prepare|setup|cleanup|conclude|"
	    "reference|", W1 },
	/* nc -e PROG, nc -c 'cmd', ncat --sh-exec 'cmd' */
	{ "nc", WK_NETOPTS, 0, 0, 0, NC_ARGS, "ec", "", "|sh-exec|exec|",
	    W0 },
	{ "ncat", WK_NETOPTS, 0, 0, 0, NC_ARGS, "ec", "", "|sh-exec|exec|",
	    W0 },
	{ "netcat", WK_NETOPTS, 0, 0, 0, NC_ARGS, "ec", "",
	    "|sh-exec|exec|", W0 },
	{ "nc.traditional", WK_NETOPTS, 0, 0, 0, NC_ARGS, "ec", "",
	    "|sh-exec|exec|", W0 },
	{ "at", WK_AT, 0, 0, 0, "", "", "", "", W0 },
	{ "batch", WK_AT, 0, 0, 0, "", "", "", "", W0 },
	{ "ssh", WK_EVAL, 1, 0, 0, SSH_ARGS, "", "", "", W0 },
	{ "slogin", WK_EVAL, 1, 0, 0, SSH_ARGS, "", "", "", W0 },
	/* Dropbear's: -J CMD connects through CMD, run here */
	{ "dbclient", WK_EVAL, 1, 0, 0, "plioLRWKIBcmb", "J", "", "", W0 },
	/* kitten ssh HOST CMD, kitty +kitten ssh: kitty's ssh */
	{ "kitten", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(kitten_subs), 0 },
	{ "+kitten", WK_SUB, 0, 0, 0, "", "", "", "", "", "", "",
	    SUBS(kitten_subs), 0 },
	/* autossh [-M PORT] SSH-ARGS: ssh, restarted when it dies */
	{ "autossh", WK_EVAL, 1, 0, 0, "BbcDEeFIiJLlMmOopQRSWw", "", "", "",
	    W0 },
	/* mosh [OPTS] HOST CMD: CMD runs there; --ssh CMD runs here */
	{ "mosh", WK_EVAL, 1, 0, 0, "po", "", "|client|port|predict|family|"
	    "bind-server|experimental-remote-ip|", "|ssh|server|", W0 },
	{ "find", WK_FIND, 0, 0, 0, "", "", "", "", W0 },
	{ "sh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "bash", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "dash", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "zsh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "ksh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "ksh93", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "mksh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "lksh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "oksh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "loksh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "brush", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "ash", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "posh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "yash", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "rbash", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "fish", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	/* csh and shells of their own syntax: their text is read as a
	   POSIX shell's (what does not parse is high) */
	{ "csh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "tcsh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "bsd-csh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "rc", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "es", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "elvish", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "nu", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "xonsh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "murex", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "osh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "ysh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "oil", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "ion", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "hush", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "sash", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "jsh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "pdksh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "ksh88", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "bosh", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "sh.distrib", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "bash-static", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "zsh-static", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "mksh-static", WK_SHELL, 0, 0, 0, "", "", "", "", W0 },
	{ "source", WK_NONE, 0, 0, 0, "", "", "", "", W0 },
	{ ".", WK_NONE, 0, 0, 0, "", "", "", "", W0 },
};

/*
 * Names by length: entry n holds names of n bytes, a space between
 * them (len_table_ok() checks that at risk_compile()).
 */
#define LT_N		12	/* names of up to 11 bytes */
/* Builtins that set a variable whose name they are given. */
static const char *const vt_setters[LT_N] = {
	NULL, NULL, NULL, "let", "read eval exec", "local alias",
	"export printf source enable",
	"declare typeset mapfile getopts builtin command", "readonly",
	"readarray",
};
/* Words after which a word is in a command's place (if . f; then ...). */
static const char *const cmdpos_words[LT_N] = {
	NULL, "!", "if do", NULL, "then else elif time eval exec",
	"while until", NULL, "command builtin", NULL, NULL,
};
/* Builtins that take a variable name, where a subscript is evaluated. */
static const char *const subs_names[LT_N] = {
	NULL, "[", NULL, "let", "read test wait", "unset local",
	"printf export", "declare typeset mapfile getopts", "readonly",
	"readarray",
};

/* Commands that open no file their operands name (cd: a directory,
   joined to what is named from there): an operand that may be any
   file is none to them (word_any()). */
static const char *const quiet_names[LT_N] = {
	NULL, ": [", "cd", "seq", "echo test true kill wait exit",
	"pushd sleep shift", "printf",
};

/* Variables the shell itself sets, from what the line does (REPLY). */
#define IV_N		14	/* names of up to 13 bytes */
static const char *const implicit_vars[IV_N] = {
	NULL, "_", NULL, NULL, NULL, "REPLY", "OPTARG OLDPWD COPROC",
	"MAPFILE", "DIRSTACK", "BASH_ARGV", NULL, NULL, "BASH_REMATCH",
	"READLINE_LINE",
};

/* Builtins whose NAME=VALUE operands set variables (export LD_PRELOAD=x). */
static const char *const setvar_names[LT_N] = {
	NULL, NULL, NULL, NULL, NULL, "local", "export", "declare typeset",
	"readonly",
};

/* Builtins that can make a name run another file (path_setter()). */
static const char *const pathset_names[LT_N] = {
	NULL, NULL, NULL, NULL, "hash", "local", "export enable",
	"declare typeset", "readonly",
};

/*
 * Programs that only read the files named by their operands and
 * options, and never write one (path write rules): cd, ls, cat, grep
 * and the like, and echo and printf, which open none.  Not less (-o
 * writes a log, +!cmd runs one), tee, nor any program that runs
 * another (ldd may run the program it is given: run_words() reads
 * that as a program run).  sort, sed, find, file, uniq, xxd, dpkg, rpm
 * and apt-file read unless told to write: cond_reads().
 */
static const char *const reader_names[LT_N] = {
	NULL, "[", "cd du jq ls nl nm od wc", "cat cmp cut man rev sum tac",
	"comm diff echo fold grep head more popd size stat tail test type",
	"b2sum cksum egrep fgrep namei paste pushd which zgrep",
	"base32 base64 column getcap lsattr md5sum printf",
	"dirname getfacl hexdump objdump readelf sha1sum strings whereis",
	"basename readlink realpath", "sha224sum sha256sum sha384sum "
	"sha512sum", "dpkg-query", NULL,
};

/* The shell's builtins: never looked up in the PATH (sys_path_runs()). */
static const char *const builtin_names[LT_N] = {
	NULL, ". : [", "bg cd fc fg", "let pwd set", "bind dirs echo eval "
	"exec exit hash help jobs kill popd read test trap true type wait",
	"alias break false local pushd shift shopt times umask unset",
	"caller disown enable export logout printf return source ulimit",
	"builtin command compgen declare getopts history mapfile suspend "
	"typeset unalias", "complete continue readonly", "readarray", NULL,
	NULL,
};

/* The WK_SHELL wrappers' names (shells_ok() checks that). */
static const char *const shell_names[LT_N] = {
	NULL, NULL, "sh rc es nu", "zsh ksh ash csh osh ysh oil ion jsh",
	"bash dash mksh lksh oksh posh yash fish tcsh hush sash bosh",
	"ksh93 rbash xonsh pdksh ksh88 loksh brush murex", "elvish",
	"bsd-csh", NULL, NULL,
	"sh.distrib zsh-static", "bash-static mksh-static",
};

/* Is s (n bytes) one of the names of table t (of tn lengths)? */
static inline int
lt_has(const char *const *t, size_t tn, const char *s, size_t n)
{
	const char *p;

	for (p = n < tn ? t[n] : NULL; p != NULL; p += n + 1) {
		if (meq(p, s, n))
			return (1);
		if (p[n] == '\0')
			break;
	}
	return (0);
}
#define len_table_has(t, s, n)	lt_has((t), LT_N, (s), (n))

static int
lt_ok(const char *const *t, size_t tn)
{
	const char *p;
	size_t n, l;

	for (n = 0; n < tn; n++)
		for (p = t[n]; p != NULL; p += l + 1) {
			l = strcspn(p, " ");
			if (l != n)
				return (0);
			if (p[l] == '\0')
				break;
		}
	return (1);
}
#define len_table_ok(t)		lt_ok((t), LT_N)

/* mail and its kin, by the names Debian installs them as */
static inline int
mail_name(const char *s, size_t n)
{
	switch (n) {
	case 4:
		return ((s[0] == 'm' || s[0] == 'M' || s[0] == 'n') &&
		    memcmp(s + 1, "ail", 3) == 0);
	case 5:
		return (memcmp(s, "mailx", 5) == 0);
	case 6:
		return (memcmp(s, "s-nail", 6) == 0);
	case 9:
		return (memcmp(s, "bsd-mailx", 9) == 0);
	case 14:
		return (memcmp(s, "heirloom-mailx", 14) == 0 ||
		    memcmp(s, "mail.mailutils", 14) == 0);
	}
	return (0);
}

/*
 * Variables the shell runs or expands $( ) in, and those that name a
 * command another program runs (code_var()): by length, as above.
 */
#define CV_N		36
static const char *const code_vars[CV_N] = {
	[3] = "PS0 PS1 PS2 PS3 PS4",
	[5] = "PAGER",
	[6] = "EDITOR FCEDIT P4DIFF VISUAL",
	[7] = "BROWSER CVS_RSH GIT_SSH HGMERGE RUSTDOC SVN_SSH",
	[8] = "BASH_ENV GH_PAGER HGEDITOR LESSOPEN MANPAGER P4EDITOR TERMINAL",
	[9] = "AWS_PAGER BAT_PAGER GH_EDITOR GIT_PAGER JJ_EDITOR LESSCLOSE "
	    "RSYNC_RSH SVN_MERGE",
	[10] = "BZR_EDITOR GH_BROWSER GIT_EDITOR PSQL_PAGER SVN_EDITOR "
	    "TIG_EDITOR",
	[11] = "DELTA_PAGER GIT_ASKPASS KUBE_EDITOR PSQL_EDITOR SSH_ASKPASS "
	    "SUDO_EDITOR",
	[12] = "CONFIG_SHELL SUDO_ASKPASS",
	[13] = "RUSTC_WRAPPER SYSTEMD_PAGER",
	[14] = "NPM_CONFIG_GIT PROMPT_COMMAND SYSTEMD_EDITOR npm_config_git",
	[15] = "GIT_SSH_COMMAND",
	[16] = "NPM_CONFIG_SHELL npm_config_shell",
	[17] = "CARGO_BUILD_RUSTC GIT_EXTERNAL_DIFF GIT_PROXY_COMMAND",
	[18] = "RSYNC_CONNECT_PROG",
	[19] = "CARGO_BUILD_RUSTDOC GIT_SEQUENCE_EDITOR",
	[21] = "KUBECTL_EXTERNAL_DIFF",
	[23] = "NPM_CONFIG_SCRIPT_SHELL RUSTC_WORKSPACE_WRAPPER "
	    "npm_config_script_shell",
	[25] = "CARGO_BUILD_RUSTC_WRAPPER",
	[35] = "CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER",
};

/*
 * Is a variable of this name a command line (PAGER, GIT_SSH_COMMAND,
 * PROMPT_COMMAND) or a prompt's text, so that its value names no file
 * of its own?  Not BASH_ENV, the name of a file bash reads; not make's
 * CC and the like, which only make runs.
 */
static int
var_cmdline(const char *s, size_t n)
{
	return (lt_has(code_vars, CV_N, s, n) &&
	    !(n == 8 && memcmp(s, "BASH_ENV", 8) == 0));
}

/* Are shell_names[] the WK_SHELL wrappers, no more, no less? */
static int
shells_ok(void)
{
	const struct wrapper *wr;
	const char *p;
	size_t n, l, want = 0, have = 0;

	for (wr = wrappers; wr < wrappers + sizeof(wrappers) /
	    sizeof(wrappers[0]); wr++)
		if (wr->kind == WK_SHELL) {
			if (!len_table_has(shell_names, wr->name,
			    strlen(wr->name)))
				return (0);
			want++;
		}
	for (n = 0; n < LT_N; n++)
		for (p = shell_names[n]; p != NULL; p += l + 1) {
			l = strcspn(p, " ");
			have++;
			if (p[l] == '\0')
				break;
		}
	return (want == have);
}

/* Runs shell code: "sh" in a pattern stands for all of these. */
static int
wrapper_shellfam(const struct wrapper *wr)
{
	return (wr->kind == WK_SHELL || wr->kind == WK_NONE ||
	    strcmp(wr->name, "eval") == 0);
}

/* Long options and letters that mean the same as a short option. */
struct optalias {
	const char	*cmd;
	const char	*lng;		/* long name, or NULL */
	char		 from;		/* letter, if lng is NULL */
	char		 to;
};

static const struct optalias optaliases[] = {
	{ "rm", NULL, 'R', 'r' }, { "rm", "recursive", 0, 'r' },
	{ "rm", "force", 0, 'f' }, { "rm", "dir", 0, 'd' },
	{ "cp", NULL, 'R', 'r' }, { "cp", "recursive", 0, 'r' },
	{ "cp", "force", 0, 'f' }, { "cp", "archive", 0, 'a' },
	{ "mv", "force", 0, 'f' },
	{ "ln", "force", 0, 'f' }, { "ln", "symbolic", 0, 's' },
	{ "chmod", "recursive", 0, 'R' }, { "chown", "recursive", 0, 'R' },
	{ "chgrp", "recursive", 0, 'R' },
	{ "git", "force", 0, 'f' },
	{ "curl", "output", 0, 'o' }, { "curl", "insecure", 0, 'k' },
	{ "curl", "data", 0, 'd' }, { "curl", "request", 0, 'X' },
	{ "curl", "upload-file", 0, 'T' }, { "curl", "silent", 0, 's' },
	{ "curl", "location", 0, 'L' },
	{ "wget", "output-document", 0, 'O' }, { "wget", "quiet", 0, 'q' },
	{ "sed", "in-place", 0, 'i' },
	{ "rsync", "recursive", 0, 'r' }, { "rsync", "archive", 0, 'a' },
};

/*
 * Options that take the next word as their value, of programs whose
 * options come before a subcommand: in git -C repo push, "repo" is no
 * operand, and a rule "git push *" must see push.  A view is matched
 * with and without those values among its operands (a rule may name
 * them: "git -C / *").
 */
static const char *const vo_git[] = { "-C", "-c", "--git-dir",
	"--work-tree", "--namespace", "--super-prefix", "--config-env",
	NULL };
static const char *const vo_docker[] = { "-H", "--host", "-c", "--context",
	"--config", "-l", "--log-level", NULL };
static const char *const vo_kube[] = { "-n", "--namespace", "--context",
	"--kubeconfig", "-s", "--server", "--cluster", "--user", "--token",
	"--as", "--as-group", "--kube-context", NULL };
static const char *const vo_systemd[] = { "-H", "--host", "-M",
	"--machine", "-t", "--type", "-p", "--property", "-s", "--signal",
	"--root", "-o", "--output", "-n", "--lines", "-u", "--unit", NULL };
static const char *const vo_npm[] = { "--prefix", "-w", "--workspace",
	"--registry", "--cache", "--userconfig", NULL };
static const char *const vo_apt[] = { "-o", "-c", "-t", "--option",
	"--config-file", "--target-release", NULL };
static const char *const vo_make[] = { "-C", "-f", "-I", "-o", "-W",
	"--directory", "--file", "--makefile", "--include-dir", NULL };
static const char *const vo_cargo[] = { "--manifest-path", "--config",
	"-Z", "--color", "-C", NULL };
static const char *const vo_go[] = { "-C", NULL };
static const char *const vo_cloud[] = { "--profile", "--region", "--output",
	"--endpoint-url", "--project", "--account", "--configuration", NULL };
static const char *const vo_pip[] = { "--proxy", "--log", "--cert",
	"--client-cert", "--cache-dir", "--timeout", "--retries", "-r",
	"--requirement", "-c", "--constraint", NULL };

static const struct {
	const char		*cmd;
	const char *const	*opts;
} valopts[] = {
	{ "git", vo_git },
	{ "docker", vo_docker }, { "podman", vo_docker },
	{ "kubectl", vo_kube }, { "helm", vo_kube }, { "oc", vo_kube },
	{ "systemctl", vo_systemd }, { "journalctl", vo_systemd },
	{ "npm", vo_npm }, { "pnpm", vo_npm }, { "yarn", vo_npm },
	{ "apt-get", vo_apt }, { "apt", vo_apt },
	{ "make", vo_make }, { "gmake", vo_make },
	{ "cargo", vo_cargo }, { "go", vo_go },
	{ "aws", vo_cloud }, { "gcloud", vo_cloud },
	{ "pip", vo_pip }, { "pip3", vo_pip },
};

static int
optbit(int c)
{
	if (c >= 'a' && c <= 'z')
		return (c - 'a');
	if (c >= 'A' && c <= 'Z')
		return (26 + c - 'A');
	if (c >= '0' && c <= '9')
		return (52 + c - '0');
	return (-1);
}

/* ---------------------------------------------------------------- */
/* Compiled rules. */

struct copt {
	struct rglob	 g;
	uint8_t		 longlit;	/* literal --name */
};

struct cop {
	struct rglob	 g;
	uint8_t		 star;		/* "*": any number of words */
};

struct cstage {
	struct rglob	 argv0;
	uint8_t		 any;		/* first word "*" */
	uint8_t		 shellfam;	/* first word "sh" */
	uint8_t		 anyargs;	/* any arguments at all */
	uint8_t		 assign;	/* first word NAME=...: matches
					   assignments, not commands */
	uint8_t		 hasfull;	/* first word has a '/': full */
	struct rglob	 full;		/* ... the whole word, for
					   cover_view() */
	uint64_t	 mask;		/* short options needed */
	struct copt	*opts;
	uint32_t	 nopts;
	struct cop	*ops;
	uint32_t	 nops;
};

struct cpat {
	struct cstage	*st;
	uint32_t	 nst;
};

#define JS_KEY		0
#define JS_ANYKEY	1
#define JS_INDEX	2
#define JS_ANYINDEX	3

struct jstep {
	const char	*key;
	size_t		 idx;
	uint8_t		 kind;
};

struct cmatch {
	enum risk_match_kind kind;
	struct rglob	*g;		/* TOOL ARG PATH NETWORK */
	uint32_t	 ng;
	struct cpat	*pats;		/* COMMAND */
	uint32_t	 npats;
	struct jstep	*steps;		/* ARG */
	uint32_t	 nsteps;
	const char	*path;		/* ARG */
	uint32_t	 pmid;		/* PATH of a call rule: its bit */
	uint8_t		 write;		/* PATH: only paths it may write */
};

struct crule {
	const char	*name, *file;
	int		 line;
	enum risk_level	 level;
	struct cmatch	*m;
	uint32_t	 nm;
	int		 cmd;		/* first COMMAND match, or -1 */
	uint32_t	 ncmd;		/* COMMAND matches */
	int		 tool;		/* has a TOOL match */
	int		 callpart;	/* has TOOL, ARG or NETWORK */
	int		 haspath;	/* has PATH */
	/* Bytes a tool name may start / end with, if the rule's TOOL
	   patterns all fix them (tprefix / tsuffix set). */
	uint64_t	 tfirst[4], tlast[4];
	uint8_t		 tprefix, tsuffix;
	const char	*whyp;		/* "rule NAME (FILE:LINE) matched " */
	size_t		 whyplen;
};

/*
 * A command pattern indexed under a name.  What deciding on it needs
 * most is copied in, so that a pattern that cannot hold, or cannot
 * change the outcome, is passed over without reading the rule.
 */
#define RF_ANYARGS	0x01	/* its first stage takes any arguments */
#define RF_ASSIGN	0x02	/* ... matches NAME=value words */
#define RF_PIPE		0x04	/* it has more than one stage */
#define RF_REST		0x08	/* its rule has PATH, call or more
				   COMMAND matches */

struct cref {
	uint32_t		 rule;
	uint16_t		 match, pat;
	const struct cpat	*cp;
	uint64_t		 mask;		/* cp->st[0].mask */
	uint8_t			 level;
	uint8_t			 flags;
};

struct hent {
	const char	*name;
	uint32_t	 len, hash;
};

/*
 * What opt_texts() makes of a command's name before it looks at the
 * words: a function of the name (and its entry) alone, so worked out
 * once for each entry of the index, at compile time (ot_name()).
 */
struct otname {
	const struct xlang	*xl;	/* code it runs, by its name */
	uint16_t		 first, last;	/* OTN_OPTS: its cmdopts[] */
	uint8_t			 act;	/* OTN_* */
	uint8_t			 subs;	/* a subs_names[] name */
	uint8_t			 dirs, plus;	/* OTN_OPTS: as opt_texts() */
	int			 lang;	/* OTN_CODE: code_lang(), 0 tmux */
};
#define OTN_NONE	0	/* nothing more */
#define OTN_TX		1	/* e->tx */
#define OTN_CODE	2	/* python -c, ...; tmux */
#define OTN_SQL		3	/* sqlite3, socat */
#define OTN_AWK		4	/* awk and sed */
#define OTN_MAIL	5	/* mail and its kin */
#define OTN_OPTS	6	/* options of cmdopts[] */

struct ient {
	struct hent		 h;
	struct cref		*refs;
	uint32_t		 nrefs, refsmax;
	const struct wrapper	*wrap;
	const struct xlang	*xlang;	/* runs code not read here */
	const struct optalias	*alias;	/* first alias of this command */
	const char *const	*valopts; /* options that take the next word */
	uint8_t			 nalias;
	uint8_t			 shellfam;
	uint8_t			 tx;	/* TX_*: opt_texts() reads it so */
	uint8_t			 globby;	/* its name has * ? [ or \ */
	uint8_t			 rec;	/* 1 + its recprogs[] entry, or 0 */
	struct otname		 ot;	/* ot_name() of it */
};

static void	ot_name(const struct risk_ruleset *, const struct ient *,
		    const char *, size_t, struct otname *);

/* Programs whose operands opt_texts() reads by their own rules. */
#define TX_NONE		0
#define TX_IMAGICK	1	/* ImageMagick: a file '|cmd' runs cmd */
#define TX_SCREEN	2	/* screen -X CMD: a command to a session */
#define TX_SSD		3	/* start-stop-daemon --exec PROG -- ARGS */
#define TX_NIX		4	/* nix run INSTALLABLE ARGS */
#define TX_SCL		5	/* scl enable COLLECTION... COMMAND */
#define TX_XARGS	6	/* xargs CMD ARGS, the items it reads;
				   parallel too */
#define TX_MVN		7	/* mvn -Dexec.executable=X -Dexec.args=A */
#define TX_SU		8	/* su -s PROG, su USER ARGS */

/* The others, by name. */
static const struct {
	const char	*name;
	uint8_t		 tx;
} txprogs[] = {
	{ "screen", TX_SCREEN },
	{ "start-stop-daemon", TX_SSD },
	{ "nix", TX_NIX },
	{ "scl", TX_SCL },
	{ "xargs", TX_XARGS },
	{ "parallel", TX_XARGS },
	{ "mvn", TX_MVN },
	{ "mvnw", TX_MVN },
	{ "mvnd", TX_MVN },
	{ "su", TX_SU },
	{ "runuser", TX_SU },
};

/*
 * Programs that work through what is under a directory operand, and
 * so touch every file there (rec_paths()).  RK_OPT: with one of the
 * short options in letters or the long ones in longs; into: the last
 * operand may be a directory the others go into (2: or -t DIR).
 */
#define RK_OPT		1
#define RK_ALWAYS	2	/* rg DIR, mv DIR X */
#define RK_INTO		3	/* only into a directory: ln, install */
#define RK_TAR		4	/* c, r, u: its operands; x: -C DIR */
#define RK_FIND		5	/* starting points, with -exec or -delete */
#define RK_SUB		6	/* with a subcommand in longs: 7z a, rclone */
#define RK_UNZIP	7	/* -d DIR */
#define RK_AWS		8	/* aws s3 sync, aws s3 cp --recursive */
#define RK_GREP		9	/* as RK_OPT, the first operand a pattern
				   unless -e or -f gave one */
#define RK_SEARCH	10	/* as RK_ALWAYS, the same (rg, ag) */
/* Programs that write files under names they choose into the directory
   they run in, or one an option names (cwd_writes()). */
#define RK_CWD		11	/* split, csplit */
#define RK_CPIO		12	/* -i; -D DIR; -p DIR */
#define RK_PATCH	13	/* the files its patch names; -d DIR */
#define RK_WGET		14	/* unless -O; -P DIR */
#define RK_CURL		15	/* with -O; --output-dir DIR */
#define RK_AR		16	/* x */
#define RK_CC		17	/* a.out, x.o: unless -o, -E */

static const struct recprog {
	const char	*name;
	uint8_t		 kind;
	uint8_t		 into;	/* 2: or -t DIR */
	const char	*letters;
	const char	*longs;
	const char	*vals;		/* short options that take a value */
} recprogs[] = {
	{ "rm", RK_OPT, 0, "rR", "|recursive|", NULL },
#define RP_CP	1	/* (its index) */
	{ "cp", RK_OPT, 2, "rRa", "|recursive|archive|", "S" },
	{ "mv", RK_ALWAYS, 2, NULL, NULL, "S" },
	{ "ln", RK_INTO, 2, NULL, NULL, "S" },
	{ "install", RK_INTO, 2, NULL, NULL, "mogS" },
	{ "scp", RK_OPT, 1, "r", NULL, "cFiJloPS" },
	{ "rsync", RK_OPT, 1, "ra", "|recursive|archive|", "efBTM" },
	{ "chmod", RK_OPT, 0, "R", "|recursive|", NULL },
	{ "chown", RK_OPT, 0, "R", "|recursive|", NULL },
	{ "chgrp", RK_OPT, 0, "R", "|recursive|", NULL },
	{ "chattr", RK_OPT, 0, "R", NULL, NULL },
	{ "setfacl", RK_OPT, 0, "R", "|recursive|", NULL },
	{ "chcon", RK_OPT, 0, "R", "|recursive|", NULL },
	{ "grep", RK_GREP, 0, "rR",
	    "|recursive|dereference-recursive|", "efmABCdD" },
	{ "egrep", RK_GREP, 0, "rR",
	    "|recursive|dereference-recursive|", "efmABCdD" },
	{ "fgrep", RK_GREP, 0, "rR",
	    "|recursive|dereference-recursive|", "efmABCdD" },
	{ "zgrep", RK_GREP, 0, "rR",
	    "|recursive|dereference-recursive|", "efmABCdD" },
	{ "diff", RK_OPT, 0, "r", "|recursive|", "xXSIFL" },
	{ "zip", RK_OPT, 0, "rR",
	    "|recurse-paths|recurse-patterns|", "bntxiP" },
	{ "rgrep", RK_SEARCH, 0, NULL, NULL, NULL },
	{ "rg", RK_SEARCH, 0, NULL, NULL, "efgmABCMtT" },
	{ "ag", RK_SEARCH, 0, NULL, NULL, NULL },
	{ "ack", RK_SEARCH, 0, NULL, NULL, NULL },
	{ "ack-grep", RK_SEARCH, 0, NULL, NULL, NULL },
	{ "tar", RK_TAR, 0, NULL, NULL, NULL },
	{ "gtar", RK_TAR, 0, NULL, NULL, NULL },
	{ "bsdtar", RK_TAR, 0, NULL, NULL, NULL },
	{ "find", RK_FIND, 0, NULL, NULL, NULL },
	{ "7z", RK_SUB, 0, NULL, "|a|u|", NULL },
	{ "7za", RK_SUB, 0, NULL, "|a|u|", NULL },
	{ "7zr", RK_SUB, 0, NULL, "|a|u|", NULL },
	{ "rclone", RK_SUB, 0, NULL,
	    "|copy|sync|move|copyto|moveto|bisync|", NULL },
	{ "unzip", RK_UNZIP, 0, NULL, NULL, NULL },
	{ "aws", RK_AWS, 0, NULL, NULL, NULL },
	{ "split", RK_CWD, 0, NULL, NULL, NULL },
	{ "csplit", RK_CWD, 0, NULL, NULL, NULL },
	{ "cpio", RK_CPIO, 0, NULL, NULL, NULL },
	{ "patch", RK_PATCH, 0, NULL, NULL, NULL },
	{ "wget", RK_WGET, 0, NULL, NULL, NULL },
	{ "curl", RK_CURL, 0, NULL, NULL, NULL },
	{ "ar", RK_AR, 0, NULL, NULL, NULL },
	{ "gcc", RK_CC, 0, NULL, NULL, NULL },
	{ "cc", RK_CC, 0, NULL, NULL, NULL },
	{ "c++", RK_CC, 0, NULL, NULL, NULL },
	{ "g++", RK_CC, 0, NULL, NULL, NULL },
	{ "clang", RK_CC, 0, NULL, NULL, NULL },
	{ "clang++", RK_CC, 0, NULL, NULL, NULL },
	{ "tcc", RK_CC, 0, NULL, NULL, NULL },
	{ "gfortran", RK_CC, 0, NULL, NULL, NULL },
};

/*
 * How the RK_CWD.. programs are told where to write: need, needl (if
 * not NULL) the short and long options without which they write
 * nothing there; stop, stopl those that make them write elsewhere or
 * nothing (wget -O FILE, patch --dry-run); dir, dirl the option whose
 * value is the directory written instead; vals the short options that
 * take a value.
 */
static const struct cwdspec {
	uint8_t		 kind;
	const char	*need, *needl, *stop, *stopl;
	char		 dir;
	const char	*dirl, *vals;
} cwdspecs[] = {
	{ RK_CWD, NULL, NULL, "", "|help|version|", 0, NULL, "abClntfe" },
	{ RK_CPIO, "i", "|extract|", "", "|help|version|", 'D',
	    "|directory|", "EFHIMORC" },
	{ RK_PATCH, NULL, NULL, "", "|dry-run|help|version|", 'd',
	    "|directory|", "BDFgiopVYzr" },
	{ RK_WGET, NULL, NULL, "O", "|output-document|spider|help|version|",
	    'P', "|directory-prefix|", "oaeiBtTwQDXIARlU" },
	{ RK_CURL, "O", "|remote-name|remote-name-all|", "", "", 0,
	    "|output-dir|", "odHuXeAbcFKTxwmrEyYzCDQtUP" },
};

static const char *const imagick_names[] = {
	"magick", "convert", "mogrify", "identify", "composite", "montage",
	"compare", "stream", "display", "animate", "conjure", "import", "gm",
};

struct tent {
	struct hent	 h;
	uint32_t	*rules;
	uint32_t	 n, max;
};

struct ppat {
	const struct rglob	*g;
	uint32_t		 pmid;
};

/* A path pattern's leading directory that ends in a component written
   out, as ~/.ssh of "~/.ssh/id_*" (dir_feed()). */
struct pdir {
	struct rglob		 g;
	uint32_t		 pmid;
};

#define CMDOPTS_MAX	512	/* entries of cmdopts[] (opt_table_ok()) */

struct risk_ruleset {
	/* cmdopts[] entries by name length and first byte: 1 + the
	   index of the first, or 0 */
	uint16_t		 optidx[16][128];
	/* for each entry, the index of the next one of another name */
	uint16_t		 optnext[CMDOPTS_MAX];
	struct pchunk		*pool;
	struct crule		*rules;
	uint32_t		 nrules;
	struct risk_policy	 policy;

	struct ient		*ients;		/* command index */
	uint32_t		 nients, ientsmax;
	uint32_t		*itab;
	uint32_t		 imask;
	uint32_t		 shent;		/* the "sh" entry */
	struct cref		*wild;		/* first word a glob */
	uint32_t		 nwild, wildmax;

	struct tent		*tents;		/* tool index */
	uint32_t		 ntents, tentsmax;
	uint32_t		*ttab;
	uint32_t		 tmask;
	uint32_t		*always, nalways, alwaysmax;
	uint32_t		*netr, nnetr, netrmax;
	uint32_t		*argr, nargr, argrmax;
	struct tent		*akeys;		/* arg rules by first key */
	uint32_t		 nakeys, akeysmax;
	uint32_t		*akeytab;
	uint32_t		 akeymask;

	uint32_t		 npm;		/* PATH matches of call rules */
	uint32_t		*pmrule;	/* rule of each */
	uint32_t		 pmrulemax;
	uint8_t			*pmtrig;	/* it triggers its rule */
	uint8_t			*pmwrite;	/* it holds for written paths
						   only (path write) */
	uint32_t		 npmw;		/* how many do */
	struct ppat		*pp;		/* their patterns */
	uint32_t		 npp, ppmax;
	struct pdir		*pd;		/* their directories */
	uint32_t		 npd, pdmax;
	/* pd by last byte (256: not a literal one): pdid[pdb[b]..pdb[b+1]) */
	uint32_t		*pdid;
	uint32_t		 pdb[258];
	uint32_t		 pbf[257], pbl[257];	/* buckets by byte */
	uint32_t		*pbfid, *pblid, *pbany;
	uint32_t		 npbany;
	/* The PATH matches a word that may be any path takes (path_any()):
	   those whose level (at most high) the policy neither allows nor
	   decides below what a call that matches nothing gets.  pmany[]
	   says which, by pmid. */
	uint32_t		*pany;
	uint32_t		 npany;
	uint8_t			*pmany;
	/* Every path pattern needs one of these bytes: a word with none
	   of them (most operands) is skipped after one scan. */
	uint8_t			 pgate[256];
	int			 pgated;
	/* Better: every path pattern holds a run of two literal bytes;
	   one of each is chosen, and a path that holds none of them
	   (hashed into pbig) cannot match as written. */
	uint8_t			 pbig[PBIG];
	int			 pbigged;
};

static uint32_t
hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, x;
	uint32_t a, b;

	/* Eight bytes a step: names are looked up on every call. */
	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&x, s, 8);
		h = (h ^ x) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
	}
	/* The rest in two loads that may overlap (n is mixed in). */
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		x = a | (uint64_t)b << 32;
	} else if (n > 0)
		x = (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] <<
		    8 | (uint64_t)(unsigned char)s[n - 1] << 16;
	else
		x = 0;
	h = (h ^ x) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 32;
	return ((uint32_t)h);
}

static int
grow(void *pp, uint32_t *max, uint32_t need, size_t size)
{
	void **p = pp, *np;
	uint32_t nmax;

	if (need <= *max)
		return (0);
	nmax = *max ? *max * 2 : 8;
	while (nmax < need)
		nmax *= 2;
	if ((np = reallocarray(*p, nmax, size)) == NULL)
		return (-1);
	*p = np;
	*max = nmax;
	return (0);
}

/* Find name in an open-addressed table of entry indices. */
static inline const void *
hfind(const uint32_t *tab, uint32_t mask, const void *ents, size_t stride,
    const char *s, size_t n)
{
	const struct hent *e;
	uint32_t h, i;

	if (tab == NULL)
		return (NULL);
	h = hash(s, n);
	for (i = h & mask;; i = (i + 1) & mask) {
		if (tab[i] == 0)
			return (NULL);
		e = (const struct hent *)(const void *)((const char *)ents +
		    (size_t)(tab[i] - 1) * stride);
		if (e->hash != h || e->len != n)
			continue;
		if (meq(e->name, s, n))
			return (e);
	}
}

static int
hbuild(uint32_t **tabp, uint32_t *maskp, const void *ents, size_t stride,
    uint32_t n)
{
	const struct hent *e;
	uint32_t size = 16, i, k, *tab;

	while (size < n * 2)
		size *= 2;
	if ((tab = calloc(size, sizeof(*tab))) == NULL)
		return (-1);
	for (i = 0; i < n; i++) {
		e = (const struct hent *)(const void *)((const char *)ents +
		    (size_t)i * stride);
		for (k = e->hash & (size - 1); tab[k] != 0; k = (k + 1) &
		    (size - 1))
			;
		tab[k] = i + 1;
	}
	*tabp = tab;
	*maskp = size - 1;
	return (0);
}

static const struct ient *
ilookup(const struct risk_ruleset *rs, const char *s, size_t n)
{
	return (hfind(rs->itab, rs->imask, rs->ients, sizeof(struct ient),
	    s, n));
}

/* ---------------------------------------------------------------- */
/* Compiling. */

struct cerr {
	char		*buf;
	size_t		 len;
	const struct risk_rule *r;
};

static int
cfail(struct cerr *ce, const char *fmt, const char *arg)
{
	char msg[200];

	if (ce->buf == NULL || ce->len == 0)
		return (-1);
	snprintf(msg, sizeof(msg), fmt, arg);
	if (ce->r != NULL)
		snprintf(ce->buf, ce->len, "%s:%d: rule '%s': %s",
		    ce->r->file ? ce->r->file : "?", ce->r->line,
		    ce->r->name ? ce->r->name : "?", msg);
	else
		snprintf(ce->buf, ce->len, "%s", msg);
	return (-1);
}

/* Find or add the command index entry for name. */
static struct ient *
ient_get(struct risk_ruleset *rs, const char *name, size_t n)
{
	struct ient *e;
	uint32_t i;

	for (i = 0; i < rs->nients; i++)
		if (rs->ients[i].h.len == n &&
		    memcmp(rs->ients[i].h.name, name, n) == 0)
			return (&rs->ients[i]);
	if (grow(&rs->ients, &rs->ientsmax, rs->nients + 1,
	    sizeof(*rs->ients)) == -1)
		return (NULL);
	e = &rs->ients[rs->nients++];
	memset(e, 0, sizeof(*e));
	if ((e->h.name = pool_strndup(&rs->pool, name, n)) == NULL) {
		rs->nients--;
		return (NULL);
	}
	e->h.len = (uint32_t)n;
	e->h.hash = hash(name, n);
	e->globby = strpbrk(e->h.name, "*?[\\") != NULL;
	return (e);
}

static struct tent *
tent_get2(struct risk_ruleset *rs, struct tent **tents, uint32_t *ntents,
    uint32_t *tentsmax, const char *name, size_t n)
{
	struct tent *e;
	uint32_t i;

	for (i = 0; i < *ntents; i++)
		if ((*tents)[i].h.len == n &&
		    memcmp((*tents)[i].h.name, name, n) == 0)
			return (&(*tents)[i]);
	if (grow(tents, tentsmax, *ntents + 1, sizeof(**tents)) == -1)
		return (NULL);
	e = &(*tents)[(*ntents)++];
	memset(e, 0, sizeof(*e));
	if ((e->h.name = pool_strndup(&rs->pool, name, n)) == NULL) {
		(*ntents)--;
		return (NULL);
	}
	e->h.len = (uint32_t)n;
	e->h.hash = hash(name, n);
	return (e);
}

static struct tent *
tent_get(struct risk_ruleset *rs, const char *name, size_t n)
{
	return (tent_get2(rs, &rs->tents, &rs->ntents, &rs->tentsmax, name,
	    n));
}

static int
push32(uint32_t **a, uint32_t *n, uint32_t *max, uint32_t v)
{
	if (grow(a, max, *n + 1, sizeof(**a)) == -1)
		return (-1);
	(*a)[(*n)++] = v;
	return (0);
}

/*
 * Split a command pattern into words.  Each word is stored as a glob
 * (quoted glob characters escaped); flags say whether it was a bare
 * "*", a bare "|", or began with an unquoted "-".
 */
#define PW_STAR		0x01
#define PW_PIPE		0x02
#define PW_DASH		0x04
#define PW_DASHDASH	0x08

struct pword {
	char		*g;
	size_t		 len;
	int		 flags;
};

static int
pat_words(struct pchunk **pl, const char *s, struct pword **wp, size_t *np,
    struct cerr *ce)
{
	struct pword *w = NULL;
	size_t n = 0, max = 0, len = strlen(s), i, gl;
	char *g, q;
	int quoted, first;

	if ((g = malloc(2 * len + 1)) == NULL)
		return (cfail(ce, "%s", "out of memory"));
	i = 0;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
			i++;
		if (i >= len)
			break;
		gl = 0;
		quoted = 0;
		first = -1;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') {
			if (s[i] == '\'' || s[i] == '"') {
				q = s[i++];
				quoted = 1;
				if (first == -1)
					first = 0;
				while (i < len && s[i] != q) {
					if (q == '"' && s[i] == '\\' &&
					    i + 1 < len && (s[i + 1] == '"' ||
					    s[i + 1] == '\\'))
						i++;
					if (strchr("*?[]\\", s[i]) != NULL)
						g[gl++] = '\\';
					g[gl++] = s[i++];
				}
				if (i >= len) {
					free(g);
					free(w);
					return (cfail(ce, "unterminated quote "
					    "in command pattern `%s'", s));
				}
				i++;
				continue;
			}
			if (first == -1)
				first = s[i] == '-';
			if (s[i] == '\\' && i + 1 < len) {
				quoted = 1;
				g[gl++] = s[i++];
			}
			g[gl++] = s[i++];
		}
		if (n == max) {
			struct pword *nw;

			max = max ? max * 2 : 8;
			if ((nw = reallocarray(w, max, sizeof(*w))) == NULL) {
				free(g);
				free(w);
				return (cfail(ce, "%s", "out of memory"));
			}
			w = nw;
		}
		w[n].flags = 0;
		if (!quoted && gl == 1 && g[0] == '*')
			w[n].flags |= PW_STAR;
		if (!quoted && gl == 1 && g[0] == '|')
			w[n].flags |= PW_PIPE;
		if (!quoted && gl == 2 && g[0] == '-' && g[1] == '-')
			w[n].flags |= PW_DASHDASH;
		else if (first == 1 && gl > 1)
			w[n].flags |= PW_DASH;
		if ((w[n].g = pool_strndup(pl, g, gl)) == NULL) {
			free(g);
			free(w);
			return (cfail(ce, "%s", "out of memory"));
		}
		w[n].len = gl;
		n++;
	}
	free(g);
	*wp = w;
	*np = n;
	return (0);
}

static int
stage_compile(struct risk_ruleset *rs, struct cstage *st,
    const struct pword *w, size_t n, struct cerr *ce)
{
	const struct optalias *al;
	const char *a0, *s;
	size_t i, k, l, a0len;
	int endopts = 0, b, lit;

	memset(st, 0, sizeof(*st));
	if (n == 0)
		return (cfail(ce, "%s", "empty command pattern stage"));
	if ((st->opts = pool_alloc(&rs->pool, n * sizeof(*st->opts))) ==
	    NULL || (st->ops = pool_alloc(&rs->pool, n * sizeof(*st->ops))) ==
	    NULL)
		return (cfail(ce, "%s", "out of memory"));
	if (w[0].flags & PW_STAR) {
		st->any = 1;
		if (n == 1)
			st->anyargs = 1;
		a0 = "*";
		a0len = 1;
	} else {
		/* The basename: after the last unescaped '/'. */
		a0 = w[0].g;
		a0len = w[0].len;
		for (i = 0; i < w[0].len; i++) {
			if (w[0].g[i] == '\\') {
				i++;
				continue;
			}
			if (w[0].g[i] == '/') {
				a0 = w[0].g + i + 1;
				a0len = w[0].len - i - 1;
			}
		}
		if (a0len == 0)
			return (cfail(ce, "command pattern `%s' names no "
			    "command", w[0].g));
		if (a0len == 2 && memcmp(a0, "sh", 2) == 0)
			st->shellfam = 1;
		for (i = 0; i < a0len && (isalnum((unsigned char)a0[i]) ||
		    a0[i] == '_'); i++)
			;
		if (i > 0 && i < a0len && a0[i] == '=')
			st->assign = 1;
		if (gall(a0))
			st->any = 1;
	}
	if (rglob_compile(&rs->pool, &st->argv0, a0, a0len) == -1)
		return (cfail(ce, "%s", "out of memory"));
	lit = st->argv0.kind == G_LITERAL;
	if (a0 != w[0].g && !st->any) {
		/* ./gradlew, /opt/x/bin/run: also the path, whole */
		if (rglob_compile(&rs->pool, &st->full, w[0].g, w[0].len) ==
		    -1)
			return (cfail(ce, "%s", "out of memory"));
		st->hasfull = 1;
	}

	for (i = 1; i < n; i++) {
		if (w[i].flags & PW_PIPE)
			return (cfail(ce, "%s", "misplaced |"));
		if (!endopts && (w[i].flags & PW_DASHDASH)) {
			endopts = 1;
			continue;
		}
		if (endopts || !(w[i].flags & PW_DASH)) {
			st->ops[st->nops].star = (w[i].flags & PW_STAR) != 0;
			if (rglob_compile(&rs->pool, &st->ops[st->nops].g,
			    w[i].g, w[i].len) == -1)
				return (cfail(ce, "%s", "out of memory"));
			st->nops++;
			continue;
		}
		s = w[i].g;
		l = w[i].len;
		if (s[1] != '-') {
			/* -abc: letters, if all are letters or digits. */
			for (k = 1; k < l && optbit((unsigned char)s[k]) >= 0;
			    k++)
				;
			if (k == l) {
				for (k = 1; k < l; k++)
					st->mask |= (uint64_t)1 <<
					    optbit((unsigned char)s[k]);
				continue;
			}
		} else if (lit && strcspn(s, "*?[\\=") == l) {
			/* --long: a letter for some commands. */
			b = -1;
			for (al = optaliases; al < optaliases +
			    sizeof(optaliases) / sizeof(optaliases[0]); al++)
				if (al->lng != NULL &&
				    strlen(al->cmd) == st->argv0.litlen &&
				    memcmp(al->cmd, st->argv0.lit,
				    st->argv0.litlen) == 0 &&
				    strcmp(al->lng, s + 2) == 0)
					b = optbit(al->to);
			if (b >= 0) {
				st->mask |= (uint64_t)1 << b;
				continue;
			}
		}
		st->opts[st->nopts].longlit = s[1] == '-' &&
		    strcspn(s, "*?[\\=") == l;
		if (rglob_compile(&rs->pool, &st->opts[st->nopts].g, s, l) ==
		    -1)
			return (cfail(ce, "%s", "out of memory"));
		st->nopts++;
	}
	/* "git *": any arguments; nothing to sort out. */
	for (i = 0; i < st->nops && st->ops[i].star; i++)
		;
	if (st->nops > 0 && i == st->nops && st->mask == 0 && st->nopts == 0)
		st->anyargs = 1;
	/* Letters that mean the same for this command, e.g. rm -R = -r. */
	if (lit)
		for (al = optaliases; al < optaliases +
		    sizeof(optaliases) / sizeof(optaliases[0]); al++)
			if (al->lng == NULL &&
			    strlen(al->cmd) == st->argv0.litlen &&
			    memcmp(al->cmd, st->argv0.lit,
			    st->argv0.litlen) == 0 &&
			    (st->mask & ((uint64_t)1 << optbit(al->from)))) {
				st->mask &= ~((uint64_t)1 << optbit(al->from));
				st->mask |= (uint64_t)1 << optbit(al->to);
			}
	return (0);
}

static int
cpat_compile(struct risk_ruleset *rs, struct cpat *cp, const char *src,
    struct cerr *ce)
{
	struct pword *w = NULL;
	size_t n = 0, i, s;

	if (pat_words(&rs->pool, src, &w, &n, ce) == -1)
		return (-1);
	if (n == 0) {
		free(w);
		return (cfail(ce, "%s", "empty command pattern"));
	}
	for (i = 0, cp->nst = 1; i < n; i++)
		cp->nst += (w[i].flags & PW_PIPE) != 0;
	if (cp->nst > MAXSTAGES) {
		free(w);
		return (cfail(ce, "command pattern `%s' has too many stages",
		    src));
	}
	if ((cp->st = pool_alloc(&rs->pool, cp->nst * sizeof(*cp->st))) ==
	    NULL) {
		free(w);
		return (cfail(ce, "%s", "out of memory"));
	}
	for (i = 0, s = 0, cp->nst = 0; i <= n; i++) {
		if (i < n && !(w[i].flags & PW_PIPE))
			continue;
		if (i == s) {
			free(w);
			return (cfail(ce, "command pattern `%s' has an empty "
			    "pipeline stage", src));
		}
		if (stage_compile(rs, &cp->st[cp->nst++], w + s, i - s, ce) ==
		    -1) {
			free(w);
			return (-1);
		}
		/* "curl * | sh": sh with any arguments. */
		if (i - s == 1 && n > i - s)
			cp->st[cp->nst - 1].anyargs = 1;
		/* LD_PRELOAD=*: an assignment, never a command's word */
		if (cp->st[cp->nst - 1].assign && n > 1) {
			free(w);
			return (cfail(ce, "command pattern `%s': an "
			    "assignment NAME=glob stands alone", src));
		}
		s = i + 1;
	}
	free(w);
	return (0);
}

static int
jpath_compile(struct risk_ruleset *rs, struct cmatch *m, const char *src,
    struct cerr *ce)
{
	struct jstep *st;
	const char *p = src, *e;
	size_t n = 0, max = strlen(src) + 1;
	char q, *key, *k;

	if (src[0] != '$')
		return (cfail(ce, "JSON path `%s' must start with $", src));
	if ((st = pool_alloc(&rs->pool, max * sizeof(*st))) == NULL)
		return (cfail(ce, "%s", "out of memory"));
	p++;
	while (*p != '\0') {
		if (*p == '.') {
			p++;
			if (*p == '*') {
				st[n].kind = JS_ANYKEY;
				st[n++].key = NULL;
				p++;
				continue;
			}
			e = p + strcspn(p, ".[");
			if (e == p)
				return (cfail(ce, "empty key in JSON path `%s'",
				    src));
			st[n].kind = JS_KEY;
			if ((st[n++].key = pool_strndup(&rs->pool, p,
			    (size_t)(e - p))) == NULL)
				return (cfail(ce, "%s", "out of memory"));
			p = e;
			continue;
		}
		if (*p != '[')
			return (cfail(ce, "bad JSON path `%s'", src));
		p++;
		if (p[0] == '*' && p[1] == ']') {
			st[n].kind = JS_ANYINDEX;
			st[n++].key = NULL;
			p += 2;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			q = *p++;
			if ((key = pool_alloc(&rs->pool, strlen(p) + 1)) ==
			    NULL)
				return (cfail(ce, "%s", "out of memory"));
			for (k = key; *p != '\0' && *p != q; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				*k++ = *p;
			}
			*k = '\0';
			if (p[0] != q || p[1] != ']')
				return (cfail(ce, "bad JSON path `%s'", src));
			p += 2;
			st[n].kind = JS_KEY;
			st[n++].key = key;
			continue;
		}
		if (*p < '0' || *p > '9')
			return (cfail(ce, "bad JSON path `%s'", src));
		st[n].kind = JS_INDEX;
		st[n].key = NULL;
		st[n].idx = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (st[n].idx > 100000000)
				return (cfail(ce, "index too large in JSON "
				    "path `%s'", src));
			st[n].idx = st[n].idx * 10 + (size_t)(*p - '0');
		}
		if (*p != ']')
			return (cfail(ce, "bad JSON path `%s'", src));
		p++;
		n++;
	}
	m->steps = st;
	m->nsteps = (uint32_t)n;
	return (0);
}

/*
 * A path pattern "*" "/" X (X starting with a byte written out, not
 * a /): X, which names
 * the same file from the working directory (cat .ssh/id_rsa is
 * ./.ssh/id_rsa), or NULL.
 */
static const char *
path_rel(const char *p)
{
	if (p[0] != '*' || p[1] != '/' || p[2] == '\0' ||
	    strchr("/*?[\\", p[2]) != NULL)
		return (NULL);
	return (p + 2);
}

static int
rule_compile(struct risk_ruleset *rs, struct crule *cr,
    const struct risk_rule *r, struct cerr *ce)
{
	const struct risk_match *sm;
	struct cmatch *m;
	const char *rel;
	char buf[512];
	size_t i, k, j;
	int len;

	ce->r = r;
	memset(cr, 0, sizeof(*cr));
	cr->cmd = -1;
	if ((int)r->level < RISK_LOW || r->level > RISK_CRITICAL)
		return (cfail(ce, "%s", "bad risk level"));
	if (r->nmatches == 0 || r->matches == NULL)
		return (cfail(ce, "%s", "rule matches nothing"));
	if (r->nmatches > UINT16_MAX)
		return (cfail(ce, "%s", "too many matches"));
	cr->name = pool_strndup(&rs->pool, r->name ? r->name : "(unnamed)",
	    strlen(r->name ? r->name : "(unnamed)"));
	cr->file = pool_strndup(&rs->pool, r->file ? r->file : "?",
	    strlen(r->file ? r->file : "?"));
	len = snprintf(buf, sizeof(buf), "rule %s (%s:%d) matched ",
	    cr->name ? cr->name : "", cr->file ? cr->file : "", r->line);
	if (len < 0 || (size_t)len >= sizeof(buf))
		len = (int)strlen(buf);
	/* It is shown to people: printable ASCII only, and short. */
	for (i = 0; i < (size_t)len; i++)
		if (buf[i] < 0x20 || buf[i] >= 0x7f)
			buf[i] = '?';
	if (len > 160)
		len = 160;
	cr->whyp = pool_strndup(&rs->pool, buf, (size_t)len);
	cr->whyplen = (size_t)len;
	cr->line = r->line;
	cr->level = r->level;
	cr->nm = (uint32_t)r->nmatches;
	if (cr->name == NULL || cr->file == NULL || cr->whyp == NULL ||
	    (cr->m = pool_alloc(&rs->pool, cr->nm * sizeof(*cr->m))) == NULL)
		return (cfail(ce, "%s", "out of memory"));
	for (i = 0; i < r->nmatches; i++) {
		sm = &r->matches[i];
		m = &cr->m[i];
		memset(m, 0, sizeof(*m));
		m->kind = sm->kind;
		m->pmid = NONE;
		if (sm->write && sm->kind != RISK_M_PATH)
			return (cfail(ce, "%s", "write is only for a path "
			    "match"));
		m->write = sm->write != 0;
		if (sm->npatterns == 0 || sm->patterns == NULL)
			return (cfail(ce, "%s", "match has no patterns"));
		if (sm->npatterns > UINT16_MAX)
			return (cfail(ce, "%s", "too many patterns"));
		for (k = 0; k < sm->npatterns; k++)
			if (sm->patterns[k] == NULL)
				return (cfail(ce, "%s", "NULL pattern"));
		switch (sm->kind) {
		case RISK_M_COMMAND:
			if (cr->cmd == -1)
				cr->cmd = (int)i;
			cr->ncmd++;
			m->npats = (uint32_t)sm->npatterns;
			if ((m->pats = pool_alloc(&rs->pool,
			    m->npats * sizeof(*m->pats))) == NULL)
				return (cfail(ce, "%s", "out of memory"));
			for (k = 0; k < sm->npatterns; k++)
				if (cpat_compile(rs, &m->pats[k],
				    sm->patterns[k], ce) == -1)
					return (-1);
			continue;
		case RISK_M_ARG:
			if (sm->path == NULL)
				return (cfail(ce, "%s", "arg match without a "
				    "JSON path"));
			if (jpath_compile(rs, m, sm->path, ce) == -1)
				return (-1);
			if ((m->path = pool_strndup(&rs->pool, sm->path,
			    strlen(sm->path))) == NULL)
				return (cfail(ce, "%s", "out of memory"));
			cr->callpart = 1;
			break;
		case RISK_M_TOOL:
			cr->tool = 1;
			cr->callpart = 1;
			break;
		case RISK_M_NETWORK:
			cr->callpart = 1;
			break;
		case RISK_M_PATH:
			cr->haspath = 1;
			break;
		default:
			return (cfail(ce, "%s", "bad match kind"));
		}
		m->ng = (uint32_t)sm->npatterns;
		for (k = 0; k < sm->npatterns && sm->kind == RISK_M_PATH; k++)
			if (path_rel(sm->patterns[k]) != NULL)
				m->ng++;
		if ((m->g = pool_alloc(&rs->pool, m->ng * sizeof(*m->g))) ==
		    NULL)
			return (cfail(ce, "%s", "out of memory"));
		for (k = 0; k < sm->npatterns; k++)
			if (rglob_compile(&rs->pool, &m->g[k],
			    sm->patterns[k], strlen(sm->patterns[k])) == -1)
				return (cfail(ce, "%s", "out of memory"));
		/* "*" "/" X also names X from the working directory */
		for (k = 0, j = sm->npatterns; k < sm->npatterns &&
		    sm->kind == RISK_M_PATH; k++)
			if ((rel = path_rel(sm->patterns[k])) != NULL) {
				if (rglob_compile(&rs->pool, &m->g[j], rel,
				    strlen(rel)) == -1)
					return (cfail(ce, "%s", "out of memory"));
				m->g[j++].rel = 1;
			}
		if (sm->kind == RISK_M_TOOL && !cr->tprefix &&
		    !cr->tsuffix) {
			/* A quick test of the tool name's ends. */
			cr->tprefix = cr->tsuffix = 1;
			for (k = 0; k < m->ng; k++) {
				if (m->g[k].first < 0)
					cr->tprefix = 0;
				else
					cr->tfirst[m->g[k].first / 64] |=
					    (uint64_t)1 << (m->g[k].first % 64);
				if (m->g[k].last < 0)
					cr->tsuffix = 0;
				else
					cr->tlast[m->g[k].last / 64] |=
					    (uint64_t)1 << (m->g[k].last % 64);
			}
		}
	}
	return (0);
}

static int
cref_cmp(const void *a, const void *b, void *arg)
{
	const struct cref *x = a, *y = b;
	const struct risk_ruleset *rs = arg;
	enum risk_level lx = rs->rules[x->rule].level;
	enum risk_level ly = rs->rules[y->rule].level;

	if (lx != ly)
		return (lx > ly ? -1 : 1);
	if (x->rule != y->rule)
		return (x->rule < y->rule ? -1 : 1);
	if (x->match != y->match)
		return (x->match < y->match ? -1 : 1);
	return (x->pat < y->pat ? -1 : x->pat > y->pat);
}

static int
u32_level_cmp(const void *a, const void *b, void *arg)
{
	const struct risk_ruleset *rs = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (rs->rules[x].level != rs->rules[y].level)
		return (rs->rules[x].level > rs->rules[y].level ? -1 : 1);
	return (x < y ? -1 : x > y);
}

static int
index_command(struct risk_ruleset *rs, uint32_t ri, struct cerr *ce)
{
	const struct crule *cr = &rs->rules[ri];
	const struct cmatch *m = &cr->m[cr->cmd];
	const struct cstage *st;
	struct ient *e;
	struct cref ref;
	uint32_t k;

	for (k = 0; k < m->npats; k++) {
		st = &m->pats[k].st[0];
		memset(&ref, 0, sizeof(ref));
		ref.rule = ri;
		ref.match = (uint16_t)cr->cmd;
		ref.pat = (uint16_t)k;
		ref.cp = &m->pats[k];
		ref.mask = st->mask;
		ref.level = (uint8_t)cr->level;
		ref.flags = (st->anyargs ? RF_ANYARGS : 0) |
		    (st->assign ? RF_ASSIGN : 0) |
		    (m->pats[k].nst > 1 ? RF_PIPE : 0) |
		    (cr->haspath || cr->callpart || cr->ncmd > 1 ? RF_REST : 0);
		if (st->argv0.kind != G_LITERAL || st->any) {
			if (grow(&rs->wild, &rs->wildmax, rs->nwild + 1,
			    sizeof(ref)) == -1)
				return (cfail(ce, "%s", "out of memory"));
			rs->wild[rs->nwild++] = ref;
			continue;
		}
		if ((e = ient_get(rs, st->argv0.lit, st->argv0.litlen)) ==
		    NULL || grow(&e->refs, &e->refsmax, e->nrefs + 1,
		    sizeof(ref)) == -1)
			return (cfail(ce, "%s", "out of memory"));
		e->refs[e->nrefs++] = ref;
	}
	return (0);
}

static int
index_call(struct risk_ruleset *rs, uint32_t ri, struct cerr *ce)
{
	struct crule *cr = &rs->rules[ri];
	struct cmatch *m, *tm = NULL, *pm = NULL, *nm = NULL, *am = NULL;
	struct tent *te;
	uint32_t i, k;
	int lit = 1;

	for (i = 0; i < cr->nm; i++) {
		m = &cr->m[i];
		if (m->kind == RISK_M_TOOL && tm == NULL)
			tm = m;
		else if (m->kind == RISK_M_PATH && pm == NULL)
			pm = m;
		else if (m->kind == RISK_M_NETWORK && nm == NULL)
			nm = m;
		else if (m->kind == RISK_M_ARG && am == NULL)
			am = m;
	}
	if (tm != NULL)
		for (k = 0; k < tm->ng; k++)
			if (tm->g[k].kind != G_LITERAL)
				lit = 0;
	/* Every PATH match of a call rule gets a bit. */
	for (i = 0; i < cr->nm; i++) {
		m = &cr->m[i];
		if (m->kind != RISK_M_PATH)
			continue;
		m->pmid = rs->npm++;
		if (grow(&rs->pmrule, &rs->pmrulemax, rs->npm,
		    sizeof(uint32_t)) == -1)
			return (cfail(ce, "%s", "out of memory"));
		rs->pmrule[m->pmid] = ri;
		for (k = 0; k < m->ng; k++) {
			if (grow(&rs->pp, &rs->ppmax, rs->npp + 1,
			    sizeof(*rs->pp)) == -1)
				return (cfail(ce, "%s", "out of memory"));
			rs->pp[rs->npp].g = &m->g[k];
			rs->pp[rs->npp++].pmid = m->pmid;
		}
	}
	/* How the rule is found: by tool name, path, network, arg. */
	if (tm != NULL && lit) {
		for (k = 0; k < tm->ng; k++) {
			if ((te = tent_get(rs, tm->g[k].lit,
			    tm->g[k].litlen)) == NULL ||
			    push32(&te->rules, &te->n, &te->max, ri) == -1)
				return (cfail(ce, "%s", "out of memory"));
		}
		return (0);
	}
	if (pm != NULL)
		return (0);	/* its first PATH bit triggers it: pmtrig */
	if (nm != NULL)
		return (push32(&rs->netr, &rs->nnetr, &rs->netrmax, ri) == -1 ?
		    cfail(ce, "%s", "out of memory") : 0);
	if (am != NULL && tm == NULL) {
		/* $.key...: looked up by the keys the arguments have. */
		if (am->nsteps > 0 && am->steps[0].kind == JS_KEY) {
			if ((te = tent_get2(rs, &rs->akeys, &rs->nakeys,
			    &rs->akeysmax, am->steps[0].key,
			    strlen(am->steps[0].key))) == NULL ||
			    push32(&te->rules, &te->n, &te->max, ri) == -1)
				return (cfail(ce, "%s", "out of memory"));
			return (0);
		}
		return (push32(&rs->argr, &rs->nargr, &rs->argrmax, ri) == -1 ?
		    cfail(ce, "%s", "out of memory") : 0);
	}
	return (push32(&rs->always, &rs->nalways, &rs->alwaysmax, ri) == -1 ?
	    cfail(ce, "%s", "out of memory") : 0);
}

/* Bucket call-rule path patterns by a literal first or last byte. */
/*
 * A byte every string the glob matches holds (and so every path whose
 * normal form it matches: normalising adds no byte but a "." already
 * there), '/' or '.' when it can, or -1 if it needs none.
 */
static int
path_gatebyte(const struct rglob *g)
{
	const char *lits[3] = { g->lit, g->suf, g->mid };
	size_t n[3] = { g->litlen, g->suflen, g->midlen }, i;
	int any = -1;

	for (i = 0; i < 3; i++) {
		if (lits[i] == NULL || n[i] == 0)
			continue;
		if (memchr(lits[i], '/', n[i]) != NULL)
			return ('/');
		if (memchr(lits[i], '.', n[i]) != NULL)
			any = '.';
		else if (any == -1)
			any = (unsigned char)lits[i][0];
	}
	return (any);
}

/* How often a byte is seen in paths and words, roughly. */
static int
byte_common(int c)
{
	if (c == '/')
		return (5);
	if (c == '.' || c == 'e')
		return (4);
	if (strchr("taoinsr-", c) != NULL)
		return (3);
	if (strchr("lcdu_0123456789", c) != NULL)
		return (2);
	return (1);
}

/*
 * The least common pair of adjacent literal bytes a glob's matches all
 * hold (from its literal prefix, suffix or longest literal run), as
 * PBIG_HASH, or -1 if it has no run of two.
 */
static int
path_pair(const struct rglob *g)
{
	const char *lits[3] = { g->lit, g->suf, g->mid };
	size_t n[3] = { g->litlen, g->suflen, g->midlen }, i, k;
	int best = -1, score, bscore = 0;

	for (i = 0; i < 3; i++) {
		if (lits[i] == NULL)
			continue;
		for (k = 0; k + 1 < n[i]; k++) {
			score = byte_common((unsigned char)lits[i][k]) +
			    byte_common((unsigned char)lits[i][k + 1]);
			if (best == -1 || score < bscore) {
				best = (int)PBIG_HASH((unsigned char)lits[i][k],
				    (unsigned char)lits[i][k + 1]);
				bscore = score;
			}
		}
	}
	return (best);
}

/*
 * The directories of path pattern pat that end in a component with no
 * '*' (for dir_feed()): "~/.ssh/id_*" gives ~ and ~/.ssh, and
 * "/var/spool/cron/x*" gives /var, /var/spool and /var/spool/cron.  A
 * pattern that starts with a star followed by /.ssh/ gives that star
 * and /.ssh together; "*.env" gives none.
 */
static int
path_dirs(struct risk_ruleset *rs, const char *pat, uint32_t pmid)
{
	const char *p, *e;
	uint32_t i;
	int star = 0, comp = 0, dup;

	for (p = pat; *p != '\0'; p++) {
		if (*p != '/') {
			comp = 1;
			if (*p == '*')
				star = 1;
			else if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '[' && (e = class_end(p)) != NULL)
				p = e - 1;
			continue;
		}
		if (comp && !star) {
			/* "/etc/shadow*" and "/etc/gshadow*" of one rule:
			   /etc once */
			for (i = 0, dup = 0; i < rs->npd && !dup; i++)
				dup = rs->pd[i].pmid == pmid &&
				    strlen(rs->pd[i].g.pat) == (size_t)(p - pat) &&
				    memcmp(rs->pd[i].g.pat, pat,
				    (size_t)(p - pat)) == 0;
			if (!dup) {
				if (grow(&rs->pd, &rs->pdmax, rs->npd + 1,
				    sizeof(*rs->pd)) == -1 ||
				    rglob_compile(&rs->pool, &rs->pd[rs->npd].g,
				    pat, (size_t)(p - pat)) == -1)
					return (-1);
				rs->pd[rs->npd++].pmid = pmid;
			}
		}
		star = comp = 0;
	}
	return (0);
}

#define PD_BUCKET(p)	((p)->g.last >= 0 ? (uint32_t)(p)->g.last : 256)

static int
path_buckets(struct risk_ruleset *rs, struct cerr *ce)
{
	uint32_t i, k, nf = 0, nl = 0, cf[257], cl[257];
	const struct rglob *g;

	if ((rs->pmtrig = calloc(rs->npm + 1, 1)) == NULL ||
	    (rs->pmwrite = calloc(rs->npm + 1, 1)) == NULL)
		return (cfail(ce, "%s", "out of memory"));
	for (i = 0; i < rs->nrules; i++)
		for (k = 0; k < rs->rules[i].nm; k++)
			if (rs->rules[i].m[k].pmid != NONE &&
			    rs->rules[i].m[k].write) {
				rs->pmwrite[rs->rules[i].m[k].pmid] = 1;
				rs->npmw++;
			}
	/* The first PATH match of a rule that has no literal tool. */
	for (i = 0; i < rs->npm; i++) {
		const struct crule *cr = &rs->rules[rs->pmrule[i]];
		int lit = 1, tool = 0, first = 1;

		for (k = 0; k < cr->nm; k++) {
			if (cr->m[k].kind == RISK_M_TOOL) {
				uint32_t j;

				if (tool)
					continue;
				tool = 1;
				for (j = 0; j < cr->m[k].ng; j++)
					if (cr->m[k].g[j].kind != G_LITERAL)
						lit = 0;
			}
			if (cr->m[k].kind == RISK_M_PATH &&
			    cr->m[k].pmid < i)
				first = 0;
		}
		rs->pmtrig[i] = first && !(tool && lit);
	}
	rs->pgated = rs->npp > 0;
	for (i = 0; i < rs->npp && rs->pgated; i++) {
		int b = path_gatebyte(rs->pp[i].g);

		if (b < 0)
			rs->pgated = 0;
		else
			rs->pgate[b] = 1;
	}
	rs->pbigged = rs->npp > 0;
	for (i = 0; i < rs->npp && rs->pbigged; i++) {
		int b = path_pair(rs->pp[i].g);

		if (b < 0)
			rs->pbigged = 0;
		else
			rs->pbig[b] = 1;
	}
	rs->pbig[PBIG_HASH('/', '/')] = 1;
	rs->pbig[PBIG_HASH('/', '.')] = 1;
	rs->pbig[PBIG_HASH('.', '/')] = 1;
	memset(cf, 0, sizeof(cf));
	memset(cl, 0, sizeof(cl));
	for (i = 0; i < rs->npp; i++) {
		g = rs->pp[i].g;
		if (g->first >= 0)
			cf[g->first]++, nf++;
		else if (g->last >= 0)
			cl[g->last]++, nl++;
		else
			rs->npbany++;
	}
	if ((rs->pbfid = calloc(nf + 1, sizeof(uint32_t))) == NULL ||
	    (rs->pblid = calloc(nl + 1, sizeof(uint32_t))) == NULL ||
	    (rs->pbany = calloc(rs->npbany + 1, sizeof(uint32_t))) == NULL)
		return (cfail(ce, "%s", "out of memory"));
	rs->pbf[0] = rs->pbl[0] = 0;
	for (i = 0; i < 256; i++) {
		rs->pbf[i + 1] = rs->pbf[i] + cf[i];
		rs->pbl[i + 1] = rs->pbl[i] + cl[i];
	}
	memset(cf, 0, sizeof(cf));
	memset(cl, 0, sizeof(cl));
	rs->npbany = 0;
	for (i = 0; i < rs->npp; i++) {
		g = rs->pp[i].g;
		if (g->first >= 0)
			rs->pbfid[rs->pbf[g->first] + cf[g->first]++] = i;
		else if (g->last >= 0)
			rs->pblid[rs->pbl[g->last] + cl[g->last]++] = i;
		else
			rs->pbany[rs->npbany++] = i;
	}
	for (i = 0; i < rs->npp; i++)
		if (path_dirs(rs, rs->pp[i].g->pat, rs->pp[i].pmid) == -1)
			return (cfail(ce, "%s", "out of memory"));
	if ((rs->pdid = calloc(rs->npd + 1, sizeof(uint32_t))) == NULL)
		return (cfail(ce, "%s", "out of memory"));
	memset(rs->pdb, 0, sizeof(rs->pdb));
	for (i = 0; i < rs->npd; i++)
		rs->pdb[PD_BUCKET(&rs->pd[i]) + 1]++;
	for (i = 0; i < 257; i++)
		rs->pdb[i + 1] += rs->pdb[i];
	memset(cf, 0, sizeof(cf));
	for (i = 0; i < rs->npd; i++) {
		k = PD_BUCKET(&rs->pd[i]);
		rs->pdid[rs->pdb[k] + cf[k]++] = i;
	}
	if ((rs->pany = calloc(rs->npm + 1, sizeof(uint32_t))) == NULL ||
	    (rs->pmany = calloc(rs->npm + 1, 1)) == NULL)
		return (cfail(ce, "%s", "out of memory"));
	for (i = 0; i < rs->npm; i++) {
		enum risk_level l = rs->rules[rs->pmrule[i]].level;
		enum risk_decision d = rs->policy.decision[l < RISK_HIGH ? l :
		    RISK_HIGH];

		if (d > RISK_ALLOW && d >= rs->policy.nomatch) {
			rs->pany[rs->npany++] = i;
			rs->pmany[i] = 1;
		}
	}
	return (0);
}

/*
 * Programs that run code of a language not read here: make --eval,
 * emacs --eval, expect -c, Rscript -e, julia -e, dc -e '!cmd', ...
 * Code given in an option, a file of code that is the standard input
 * or a <( ), and code read on the standard input make the call opaque:
 * what it runs is not known before it runs.  A file of code by name is
 * the program's own business, as a script is: its rule decides.
 */
#define XS_NONE		0	/* never reads code on its input */
#define XS_NOARG	1	/* when no operand names a file of code */
#define XS_ALWAYS	2	/* always (R, psql, ed) */
#define XS_NOARG2	3	/* when no second operand (sqlite3 DB SQL) */

/* How text is read where it may hold commands (feed_shell(), lang). */
#define FEED_OPAQUE	(-1)	/* not at all: any text makes it opaque */
#define FEED_SQLITE	(-2)	/* sqlite3's .shell, .system, .once |cmd */
#define FEED_PSQL	(-3)	/* psql's \!, \o |cmd, COPY ... PROGRAM */
#define FEED_MYSQL	(-4)	/* mysql's system, \!, pager */
#define FEED_ED		(-5)	/* ed's !cmd, r !cmd, w !cmd */
#define FEED_BANG	(-6)	/* a line !cmd (sftp -b) */
#define FEED_DC		(-7)	/* dc: ! runs a command, ? reads code */
#define FEED_FTP	(-8)	/* ftp's !cmd, get f |cmd */
#define FEED_LFTP	(-9)	/* lftp's !cmd, cmd | shellcmd */
#define FEED_CRON	(-10)	/* a crontab's commands */
#define FEED_GDB	(-11)	/* gdb's shell, pipe, python, ... */
#define FEED_TILDE	(-12)	/* a message mail reads: ~!cmd, ~|cmd */
#define FEED_TILDE_Q	(-13)	/* as FEED_TILDE, and an input not known
				   is no code (its escapes are off) */
#define FEED_MAILCMD	(-14)	/* mail's commands: !cmd, and others */
#define FEED_SHEBANG	(-15)	/* a file run by its name: its #! line's
				   language, the shell's without one */
#define FEED_AWK	(-16)	/* awk's program (awk -f FILE) */
#define FEED_SED	(-17)	/* sed's script (sed -f FILE) */
#define FEED_LLDB	(-18)	/* lldb's shell, platform shell, script */
/* feed_stdin()'s procsub FEED_WORD + k: word k of the command names
   the file its script is read from. */
#define FEED_WORD	0x10000

struct xlang {
	const char	*name;
	const char	*codeopts;	/* short options whose argument is code */
	const char	*longcode;	/* "|long|" ones */
	const char	*fileopts;	/* short options taking a file of code,
					   '+' as in inopts */
	const char	*longfile;
	const char	*argopts;	/* other short options taking one */
	const char	*longargs;
	const char	*inopts;	/* short options taking text that is
					   read as its input is (psql -c);
					   those after a '+' do not stop it
					   from reading its input (lftp -e) */
	const char	*longin;	/* "|long|", "|+|" as in inopts */
	const char	*noinput;	/* "|long|" flags after which it does
					   not read its input (gdb -batch);
					   "|l|": short ones (crontab -l) */
	const char	*subcode;	/* "|sub|": the code follows (deno eval) */
	int8_t		 scan;		/* FEED_*: how its code is read */
	uint8_t		 input;		/* XS_*: reads code on its input */
	uint8_t		 single;	/* long options with one dash too;
					   2: also abbreviated (gdb -eval) */
	uint8_t		 exact;		/* long options only whole */
	uint8_t		 vars;		/* make's NAME=VALUE operands */
};

#define XL_OPAQUE	NULL, NULL, NULL, NULL, FEED_OPAQUE
#define MAKE_ARGS	"|directory|include-dir|old-file|assume-old|" \
	"what-if|new-file|assume-new|"
#define EMACS		"", "|eval|execute|", "l", "|load|script|", "", "", \
	XL_OPAQUE, XS_NONE, 1, 0, 0
#define MYSQL		"", "", "", "", "uhPDS", "|user|host|port|database|" \
	"socket|default-character-set|defaults-file|defaults-extra-file|" \
	"init-command|tee|", "e", "|execute|", NULL, NULL, FEED_MYSQL, \
	XS_ALWAYS, 0, 0, 0
#define PWSH		"ce", "|command|Command|COMMAND|encodedcommand|" \
	"EncodedCommand|encodedCommand|ec|commandwithargs|CommandWithArgs|" \
	"cwa|", "f", "|file|File|FILE|", "w", "|executionpolicy|" \
	"ExecutionPolicy|ep|ex|workingdirectory|WorkingDirectory|wd|" \
	"windowstyle|WindowStyle|configurationname|ConfigurationName|config|" \
	"outputformat|OutputFormat|of|inputformat|InputFormat|inp|if|" \
	"settingsfile|SettingsFile|settings|custompipename|CustomPipeName|" \
	"configurationfile|ConfigurationFile|", XL_OPAQUE, XS_NOARG, 2, 0, 0
static const struct xlang xlangs[] = {
	{ "make", "E", "|eval|", "f", "|file|makefile|", "CIoW", MAKE_ARGS,
	    XL_OPAQUE, XS_NONE, 0, 0, 1 },
	{ "gmake", "E", "|eval|", "f", "|file|makefile|", "CIoW", MAKE_ARGS,
	    XL_OPAQUE, XS_NONE, 0, 0, 1 },
	{ "emacs", EMACS },
	/* emacsclient -e EXPR (every operand one); -a EDITOR: cmdopts */
	{ "emacsclient", "e", "|eval|", "", "", "sfTwFd", "|socket-name|"
	    "server-file|tramp|timeout|frame-parameters|display|parent-id|",
	    XL_OPAQUE, XS_NONE, 0, 0, 0 },
	{ "emacs-nox", EMACS },
	{ "emacs-gtk", EMACS },
	{ "expect", "c", "", "fb", "", "D", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "tclsh", "", "", "", "", "", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "wish", "", "", "", "", "", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "jimsh", "", "", "", "", "", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "Rscript", "e", "", "", "", "", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "R", "e", "", "f", "|file|", "", "", XL_OPAQUE, XS_ALWAYS, 0, 0, 0 },
	{ "julia", "eE", "|eval|print|", "L", "|load|", "CJpt", "|sysimage|"
	    "threads|procs|machine-file|cpu-target|home|", XL_OPAQUE,
	    XS_NOARG, 0, 0, 0 },
	{ "osascript", "e", "", "", "", "ls", "", XL_OPAQUE, XS_NOARG, 0, 0,
	    0 },
	{ "guile", "c", "", "ls", "", "eLCx", "", XL_OPAQUE, XS_NOARG, 0, 0,
	    0 },
	{ "sbcl", "", "|eval|", "", "|load|script|", "", "|core|"
	    "dynamic-space-size|control-stack-size|tls-limit|", XL_OPAQUE,
	    XS_NOARG, 0, 1, 0 },
	{ "clisp", "x", "", "i", "", "BKMmLEtp", "", XL_OPAQUE, XS_NOARG, 0,
	    0, 0 },
	{ "ghc", "e", "", "", "", "o", "", XL_OPAQUE, XS_NONE, 0, 0, 0 },
	{ "ghci", "e", "", "", "", "", "", XL_OPAQUE, XS_ALWAYS, 0, 0, 0 },
	{ "octave", "", "|eval|", "", "", "", "", XL_OPAQUE, XS_NOARG, 0, 0,
	    0 },
	{ "gnuplot", "e", "", "c", "", "", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	/* more languages whose code is not read here: any is not known */
	{ "raku", "e", "", "", "", "IM", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "perl6", "e", "", "", "", "IM", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "rakudo", "e", "", "", "", "IM", "", XL_OPAQUE, XS_NOARG, 0, 0,
	    0 },
	{ "ts-node", "ep", "|eval|print|", "", "", "rP",
	    "|require|project|compiler|", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "tsx", "ep", "|eval|print|", "", "", "r", "|require|import|",
	    XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "bb", "e", "|eval|", "f", "|file|", "", "|classpath|cp|config|",
	    XL_OPAQUE, XS_NONE, 0, 0, 0 },
	/* (-M:alias, -X:alias: an alias, not -e) */
	{ "clojure", "e", "|eval|", "i", "|init|", "MXATJS", "", XL_OPAQUE,
	    XS_NOARG, 0, 0, 0 },
	{ "clj", "e", "|eval|", "i", "|init|", "MXATJS", "", XL_OPAQUE,
	    XS_NOARG, 0, 0, 0 },
	{ "elixir", "e", "|eval|", "r", "", "", "|erl|name|sname|cookie|",
	    XL_OPAQUE, XS_NONE, 0, 0, 0 },
	{ "iex", "e", "|eval|", "r", "|dot-iex|", "", "|erl|name|sname|"
	    "cookie|", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "erl", "", "|eval|", "", "", "", "|sname|name|setcookie|config|",
	    XL_OPAQUE, XS_NOARG, 1, 0, 0 },
	{ "racket", "e", "|eval|", "fr", "|load|require-script|", "lt",
	    "|lib|require|", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "ocaml", "e", "", "", "", "I", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	/* swipl -g GOAL -t GOAL; gforth -e; sage -c (python with more);
	   maxima -r, --batch-string */
	{ "swipl", "gt", "", "sfl", "", "xFpD", "|home|stack-limit|"
	    "table-space|", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "gforth", "e", "|evaluate|", "", "", "imdrfls", "|image-file|"
	    "dictionary-size|data-stack-size|return-stack-size|fp-stack-size|"
	    "locals-stack-size|path|", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "sage", "c", "", "", "", "", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "maxima", "r", "|batch-string|run-string|", "bp", "|batch|"
	    "batch-lisp|init|init-mac|init-lisp|preload|", "udlXs",
	    "|userdir|directory|lisp|lisp-options|server|", XL_OPAQUE,
	    XS_NOARG, 0, 0, 0 },
	{ "groovy", "e", "", "", "", "cD", "|encoding|", XL_OPAQUE, XS_NONE,
	    0, 0, 0 },
	{ "scala", "e", "", "i", "", "", "|classpath|cp|", XL_OPAQUE,
	    XS_NOARG, 0, 0, 0 },
	{ "kotlin", "e", "|expression|", "", "", "", "|classpath|cp|",
	    XL_OPAQUE, XS_NONE, 1, 0, 0 },
	{ "kotlinc", "e", "|expression|", "", "|script|", "d",
	    "|classpath|cp|", XL_OPAQUE, XS_NONE, 1, 0, 0 },
	{ "jshell", "", "", "", "", "", "|class-path|module-path|"
	    "add-modules|startup|", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "swift", "e", "", "", "", "IL", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "irb", "e", "", "r", "", "I", "", XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "pry", "e", "|exec|", "r", "|require|", "I", "", XL_OPAQUE,
	    XS_NOARG, 0, 0, 0 },
	{ "ipython", "c", "", "", "", "m", "|profile|", XL_OPAQUE, XS_NOARG,
	    0, 0, 0 },
	{ "ipython3", "c", "", "", "", "m", "|profile|", XL_OPAQUE, XS_NOARG,
	    0, 0, 0 },
	{ "zx", "e", "|eval|", "", "", "", "|shell|prefix|postfix|cwd|",
	    XL_OPAQUE, XS_NOARG, 0, 0, 0 },
	{ "crystal", "", "", "", "", "", "", NULL, NULL, NULL, "|eval|",
	    FEED_OPAQUE, XS_NONE, 0, 1, 0 },
	/* m4's syscmd() and esyscmd() run commands */
	{ "m4", "", "", "", "", "DUIlLFRot", "|define|undefine|include|"
	    "freeze-state|reload-state|trace|error-output|debugfile|", XL_OPAQUE,
	    XS_NOARG, 0, 0, 0 },
	/* PowerShell: -Command, -EncodedCommand; its names in any case
	   (those written here), abbreviated */
	{ "pwsh", PWSH },
	{ "powershell", PWSH },
	/* dc's ! runs a command */
	{ "dc", "", "", "f", "|file|", "", "", "e", "|expression|", NULL,
	    NULL, FEED_DC, XS_NOARG, 0, 0, 0 },
	/* gdb's commands (gdb_scan()) in -ex CMD and on its input, which
	   it reads after -ex and -x FILE unless -batch */
	{ "gdb", "", "", "+x", "|+|command|init-command|ix|", "pcdbDse",
	    "|pid|core|directory|baud|data-directory|symbols|exec|se|cd|tty|",
	    "", "|+|eval-command|ex|init-eval-command|iex|",
	    "|batch|batch-silent|", NULL, FEED_GDB, XS_ALWAYS, 2, 0, 0 },
	{ "deno", "", "|eval|", "", "", "", "", NULL, NULL, NULL, "|eval|",
	    FEED_OPAQUE, XS_NONE, 0, 1, 0 },
	/* MATLAB: -batch CODE, -r CODE; its input without them */
	{ "matlab", "r", "|batch|", "", "", "c", "|sd|logfile|", XL_OPAQUE,
	    XS_ALWAYS, 1, 1, 0 },
	/* cmd.exe (WSL's, wine's) [/s /q ...] /c CMD, /k CMD: switches
	   with a '/', in any case; its input without them */
	{ "cmd.exe", "", "", "", "", "", "", NULL, NULL, NULL, "|/c|/k|",
	    FEED_OPAQUE, XS_ALWAYS, 0, 0, 0 },
	{ "cmd", "", "", "", "", "", "", NULL, NULL, NULL, "|/c|/k|",
	    FEED_OPAQUE, XS_ALWAYS, 0, 0, 0 },
	/* lldb's commands (lldb_line()) in -o CMD, in -s FILE and on its
	   input, which it reads after them unless -b */
	{ "lldb", "", "", "+sSK", "|+|source|source-before-file|"
	    "source-on-crash|", "acfnplR", "|arch|core|file|attach-name|"
	    "attach-pid|script-language|repl-language|", "+oOk",
	    "|+|one-line|one-line-before-file|one-line-on-crash|", "|batch|b|",
	    NULL, FEED_LLDB, XS_ALWAYS, 0, 0, 0 },
	/* Clients whose own commands run one: their input, -c, -e */
	{ "psql", "", "", "f", "|file|", "dhpUvPTLoFR", "|dbname|host|port|"
	    "username|set|variable|pset|table-attr|log-file|output|"
	    "field-separator|record-separator|", "c", "|command|", NULL, NULL,
	    FEED_PSQL, XS_ALWAYS, 0, 0, 0 },
	{ "mysql", MYSQL },
	{ "mariadb", MYSQL },
	{ "sqlite3", "", "", "", "|init|", "", "|cmd|separator|newline|"
	    "nullvalue|vfs|maxsize|mmap|escape|pagecache|lookaside|heap|",
	    NULL, NULL, NULL, NULL, FEED_SQLITE, XS_NOARG2, 1, 1, 0 },
	/* duckdb's shell is sqlite3's: .shell, .system; -c and -s run one
	   command, -f a file's */
	{ "duckdb", "", "", "f", "|init|", "", "|cmd|c|s|separator|newline|"
	    "nullvalue|", NULL, NULL, NULL, NULL, FEED_SQLITE, XS_NOARG2, 1,
	    1, 0 },
	{ "ed", "", "", "", "", "p", "|prompt|", NULL, NULL, NULL, NULL,
	    FEED_ED, XS_ALWAYS, 0, 0, 0 },
	{ "sftp", "", "", "b", "", "BcDFiJloPRsS", "", NULL, NULL, NULL, NULL,
	    FEED_BANG, XS_ALWAYS, 0, 0, 0 },
	{ "ftp", "", "", "", "", "PrsTuoq", "", NULL, NULL, NULL, NULL,
	    FEED_FTP, XS_ALWAYS, 0, 0, 0 },
	{ "tnftp", "", "", "", "", "PrsTuoq", "", NULL, NULL, NULL, NULL,
	    FEED_FTP, XS_ALWAYS, 0, 0, 0 },
	/* lftp -c CMDS runs them and exits; -e CMDS, then its input */
	{ "lftp", "", "", "f", "", "pu", "|user|password|", "c+e", "", NULL,
	    NULL, FEED_LFTP, XS_ALWAYS, 0, 0, 0 },
	/* crontab - (or none): its input is installed, to run later;
	   -l, -r, -e do not read it */
	{ "crontab", "", "", "", "", "u", "", NULL, NULL, "|l|r|e|i|",
	    NULL, FEED_CRON, XS_NOARG, 0, 0, 0 },
	/* mutt -e CMD: muttrc's, whose `x` and source "x|" run x */
	{ "mutt", "e", "", "F", "", "AabcdfHimQsTl", "", XL_OPAQUE, XS_NONE,
	    0, 0, 0 },
	{ "neomutt", "e", "", "F", "", "AabcdfHimQsTlgG", "", XL_OPAQUE,
	    XS_NONE, 0, 0, 0 },
	/* cmake -P SCRIPT, -C CACHE: cmake code; from the input, opaque */
	{ "cmake", "", "", "PC", "", "DGTAUSBLWj", "|build|install|target|"
	    "config|parallel|preset|log-level|graphviz|", NULL, NULL, NULL,
	    NULL, FEED_OPAQUE, XS_NONE, 0, 0, 0 },
};
#undef XL_OPAQUE
#undef MAKE_ARGS
#undef EMACS
#undef MYSQL
#undef PWSH

/* Their names, for a quick no (xlang_ok() checks them). */
static const char *const xlang_names[LT_N] = {
	NULL, "R", "dc ed bb m4 zx", "ghc gdb ftp tsx clj iex erl irb pry cmd",
	"make wish ghci sbcl deno psql sftp lftp pwsh mutt raku lldb sage",
	"gmake emacs tclsh jimsh julia guile clisp mysql tnftp cmake perl6 "
	"ocaml scala swift swipl",
	"expect octave rakudo elixir racket groovy kotlin jshell duckdb "
	"matlab gforth maxima",
	"Rscript gnuplot mariadb sqlite3 crontab neomutt ts-node clojure "
	"kotlinc ipython crystal cmd.exe",
	"ipython3", "emacs-nox emacs-gtk osascript", "powershell",
	"emacsclient",
};

static const struct xlang *
xlang_get(const char *name, size_t n)
{
	const struct xlang *x;

	if (!len_table_has(xlang_names, name, n))
		return (NULL);
	for (x = xlangs; x < xlangs + sizeof(xlangs) / sizeof(xlangs[0]); x++)
		if (strlen(x->name) == n && memcmp(x->name, name, n) == 0)
			return (x);
	return (NULL);
}

/* By name, or by the name before a version: tclsh8.6, guile-3.0. */
static const struct xlang *
xlang_find(const char *name, size_t n)
{
	const struct xlang *x;

	if ((x = xlang_get(name, n)) != NULL)
		return (x);
	while (n > 2 && (isdigit((unsigned char)name[n - 1]) ||
	    name[n - 1] == '.'))
		n--;
	if (n > 2 && name[n - 1] == '-')
		n--;
	return (xlang_get(name, n));
}

static int	sr_ok(void);

/* Are xlang_names[] the names of xlangs[]? */
static int
xlang_ok(void)
{
	size_t i, have = 0, want = sizeof(xlangs) / sizeof(xlangs[0]), n;
	const char *p;

	for (i = 0; i < want; i++)
		if (xlang_find(xlangs[i].name, strlen(xlangs[i].name)) !=
		    &xlangs[i])
			return (0);
	for (n = 0; n < LT_N; n++)
		for (p = xlang_names[n]; p != NULL; p += n + 1) {
			have++;
			if (p[n] == '\0')
				break;
		}
	return (have == want && len_table_ok(xlang_names));
}

static int	opt_table_ok(void);
static void	opt_index(struct risk_ruleset *);

struct risk_ruleset *
risk_compile(const struct risk_rule *rules, size_t nrules,
    const struct risk_policy *policy, char *err, size_t errlen)
{
	static const struct risk_policy defpolicy = {
		{ RISK_ALLOW, RISK_ASK, RISK_ASK, RISK_DENY }, RISK_ASK
	};
	struct risk_ruleset *rs;
	struct cerr ce;
	const struct wrapper *wr;
	const struct xlang *xl;
	const struct optalias *al;
	struct ient *e;
	const char *p, *q;
	char txname[32];
	uint32_t i;
	size_t vo;

	ce.buf = err;
	ce.len = errlen;
	ce.r = NULL;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (policy == NULL)
		policy = &defpolicy;
	if (!opt_table_ok() || !len_table_ok(vt_setters) ||
	    !len_table_ok(subs_names) || !len_table_ok(cmdpos_words) ||
	    !len_table_ok(shell_names) ||
	    !lt_ok(code_vars, CV_N) || !len_table_ok(pathset_names) ||
	    !len_table_ok(setvar_names) || !len_table_ok(quiet_names) ||
	    !len_table_ok(reader_names) || !len_table_ok(builtin_names) ||
	    !lt_ok(implicit_vars, IV_N) || !shells_ok() || !xlang_ok() ||
	    !sr_ok()) {
		cfail(&ce, "%s", "internal: a table of command names is wrong");
		return (NULL);
	}
	for (i = 0; i < RISK_NLEVELS; i++)
		if ((int)policy->decision[i] < RISK_ALLOW ||
		    policy->decision[i] > RISK_DENY) {
			cfail(&ce, "%s", "bad decision in policy");
			return (NULL);
		}
	if ((int)policy->nomatch < RISK_ALLOW || policy->nomatch > RISK_DENY) {
		cfail(&ce, "%s", "bad no-match decision in policy");
		return (NULL);
	}
	if (nrules > 1000000 || (nrules > 0 && rules == NULL)) {
		cfail(&ce, "%s", "bad rule list");
		return (NULL);
	}
	if ((rs = calloc(1, sizeof(*rs))) == NULL) {
		cfail(&ce, "%s", "out of memory");
		return (NULL);
	}
	rs->policy = *policy;
	rs->shent = NONE;
	opt_index(rs);
	if (nrules > 0 && (rs->rules = calloc(nrules, sizeof(*rs->rules))) ==
	    NULL) {
		cfail(&ce, "%s", "out of memory");
		goto fail;
	}
	for (i = 0; i < nrules; i++) {
		if (rule_compile(rs, &rs->rules[i], &rules[i], &ce) == -1)
			goto fail;
		rs->nrules++;
	}
	for (i = 0; i < rs->nrules; i++) {
		ce.r = &rules[i];
		if (rs->rules[i].cmd >= 0) {
			if (index_command(rs, i, &ce) == -1)
				goto fail;
		} else if (index_call(rs, i, &ce) == -1)
			goto fail;
	}
	ce.r = NULL;
	/* Wrappers and shells are looked up even without rules. */
	for (wr = wrappers; wr < wrappers + sizeof(wrappers) /
	    sizeof(wrappers[0]); wr++) {
		if ((e = ient_get(rs, wr->name, strlen(wr->name))) == NULL) {
			cfail(&ce, "%s", "out of memory");
			goto fail;
		}
		e->wrap = wr;
		e->shellfam = wrapper_shellfam(wr);
	}
	for (p = qemu_arches; (q = strchr(p + 1, '|')) != NULL; p = q)
		for (i = 0; i < 2; i++) {
			snprintf(txname, sizeof(txname), "qemu-%.*s%s",
			    (int)(q - p - 1), p + 1, i ? "-static" : "");
			if ((e = ient_get(rs, txname, strlen(txname))) ==
			    NULL) {
				cfail(&ce, "%s", "out of memory");
				goto fail;
			}
			e->wrap = &qemu_user;
		}
	for (xl = xlangs; xl < xlangs + sizeof(xlangs) / sizeof(xlangs[0]);
	    xl++) {
		if ((e = ient_get(rs, xl->name, strlen(xl->name))) == NULL) {
			cfail(&ce, "%s", "out of memory");
			goto fail;
		}
		e->xlang = xl;
	}
	/* convert, and Debian's convert-im6.q16, -im6.q16hdri */
	for (i = 0; i < 3 * sizeof(imagick_names) / sizeof(imagick_names[0]);
	    i++) {
		snprintf(txname, sizeof(txname), "%s%s", imagick_names[i / 3],
		    i % 3 == 0 ? "" : i % 3 == 1 ? "-im6.q16" :
		    "-im6.q16hdri");
		if ((e = ient_get(rs, txname, strlen(txname))) == NULL) {
			cfail(&ce, "%s", "out of memory");
			goto fail;
		}
		e->tx = TX_IMAGICK;
	}
	for (i = 0; i < sizeof(txprogs) / sizeof(txprogs[0]); i++) {
		if ((e = ient_get(rs, txprogs[i].name,
		    strlen(txprogs[i].name))) == NULL) {
			cfail(&ce, "%s", "out of memory");
			goto fail;
		}
		e->tx = txprogs[i].tx;
	}
	for (i = 0; i < sizeof(recprogs) / sizeof(recprogs[0]); i++) {
		if ((e = ient_get(rs, recprogs[i].name,
		    strlen(recprogs[i].name))) == NULL) {
			cfail(&ce, "%s", "out of memory");
			goto fail;
		}
		e->rec = (uint8_t)(i + 1);
	}
	for (i = 0; i < rs->nients; i++) {
		e = &rs->ients[i];
		for (al = optaliases; al < optaliases + sizeof(optaliases) /
		    sizeof(optaliases[0]); al++) {
			if (strlen(al->cmd) != e->h.len ||
			    memcmp(al->cmd, e->h.name, e->h.len) != 0)
				continue;
			if (e->alias == NULL)
				e->alias = al;
			e->nalias++;
		}
		for (vo = 0; vo < sizeof(valopts) / sizeof(valopts[0]); vo++)
			if (strlen(valopts[vo].cmd) == e->h.len &&
			    memcmp(valopts[vo].cmd, e->h.name, e->h.len) == 0)
				e->valopts = valopts[vo].opts;
		if (e->nrefs > 1)
			qsort_r(e->refs, e->nrefs, sizeof(*e->refs), cref_cmp,
			    rs);
		if (e->h.len == 2 && memcmp(e->h.name, "sh", 2) == 0)
			rs->shent = i;
		/* (xlang and tx are set by now) */
		ot_name(rs, e, e->h.name, e->h.len, &e->ot);
	}
	if (rs->nwild > 1)
		qsort_r(rs->wild, rs->nwild, sizeof(*rs->wild), cref_cmp, rs);
	for (i = 0; i < rs->ntents; i++)
		if (rs->tents[i].n > 1)
			qsort_r(rs->tents[i].rules, rs->tents[i].n,
			    sizeof(uint32_t), u32_level_cmp, rs);
	if (hbuild(&rs->itab, &rs->imask, rs->ients, sizeof(struct ient),
	    rs->nients) == -1 || hbuild(&rs->ttab, &rs->tmask, rs->tents,
	    sizeof(struct tent), rs->ntents) == -1 || hbuild(&rs->akeytab,
	    &rs->akeymask, rs->akeys, sizeof(struct tent), rs->nakeys) == -1) {
		cfail(&ce, "%s", "out of memory");
		goto fail;
	}
	if (path_buckets(rs, &ce) == -1)
		goto fail;
	return (rs);
 fail:
	risk_free(rs);
	return (NULL);
}

void
risk_free(struct risk_ruleset *rs)
{
	struct pchunk *c, *n;
	uint32_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nients; i++)
		free(rs->ients[i].refs);
	for (i = 0; i < rs->ntents; i++)
		free(rs->tents[i].rules);
	for (i = 0; i < rs->nakeys; i++)
		free(rs->akeys[i].rules);
	free(rs->akeys);
	free(rs->akeytab);
	free(rs->ients);
	free(rs->itab);
	free(rs->wild);
	free(rs->tents);
	free(rs->ttab);
	free(rs->always);
	free(rs->netr);
	free(rs->argr);
	free(rs->pmrule);
	free(rs->pmtrig);
	free(rs->pmwrite);
	free(rs->pp);
	free(rs->pd);
	free(rs->pdid);
	free(rs->pbfid);
	free(rs->pblid);
	free(rs->pbany);
	free(rs->pany);
	free(rs->pmany);
	free(rs->rules);
	for (c = rs->pool; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	free(rs);
}

/* ---------------------------------------------------------------- */
/* Classifying. */

#define CM_COVERED	0x01	/* some rule matched it */
#define CM_PARSED	0x02	/* its nested command line was parsed */
#define CM_EXPANDED	0x04	/* it only runs its nested commands */
#define CM_COUNTED	0x08	/* needs a rule */
#define CM_FED		0x10	/* the text fed to it was looked at */
#define CM_OPTS		0x20	/* command lines in its options parsed */
#define CM_SUBS		0x40	/* array subscripts in its operands parsed */
#define CM_GUESS	0x80	/* from text that may be no command line:
				   its rules count, it needs none */
#define CM_XLANG	0x100	/* its code options looked at (xlang) */
#define CM_INPUT	0x200	/* its input read as its code (input_scan) */
#define CM_BYPATH	0x400	/* a rule for its base name held, but its
				   program is a file the line could have
				   written (cover_view()) */
#define CM_CWDSET	0x800	/* CM_CWD holds where it runs */
#define CM_ALIAS	0x1000	/* what an alias makes of it parsed */
#define CM_ALIASDEF	0x2000	/* the aliases it defines noted */
#define CM_SU		0x4000	/* su's PROG and ARGS read (su_texts()),
				   apart from CM_OPTS: runuser -u U xargs */
#define CM_PIPED	0x8000	/* a command before it pipes into it */
#define CM_CWDSHIFT	24	/* CM_CWD: an index into ctx lwcwd[] */
#define CM_CWD(m)	((m) >> CM_CWDSHIFT)

#define LA_MAX		16	/* aliases a line may define */
#define LA_CMD		0	/* alias NAME=VALUE: a command's name */
#define LA_FILE		1	/* hash -p FILE NAME: runs the file */
#define LA_GLOBAL	2	/* zsh alias -g: any word */
#define LA_SUFFIX	3	/* zsh alias -s: a name ending .NAME */
#define LRUN_MAX	16	/* files run, looked at for late writers */

#define LW_NCWD		32	/* directories a line's cds are followed to */
#define LW_CWDFULL	255	/* a command after too many: not known */
#define CSCOPE_MAX	8	/* processes a cd is kept in, nested */

#define K_COMMAND	0
#define K_TOOL		1
#define K_PATH		2
#define K_NETWORK	3
#define K_ARG		4
#define K_APATH		5	/* a path known only when it runs */
#define K_WPATH		6	/* a path written (path write) */
#define K_TPATH		7	/* K_PATH, as a tree: what is under it */
#define K_TWPATH	8	/* K_WPATH, as a tree */

/* In pwlen[]: the path was fed as a tree (dir_feed()). */
#define PW_TREE		0x80000000u

struct defer {
	uint32_t	 rule, cmd, start, end, last;
	uint32_t	 covers;	/* cover_view() said so */
	uint32_t	 ncov;
	uint32_t	 cov[MAXSTAGES];
};

#define VT_MAX	256	/* names a call may set, before "any name" */
#define VT_VALS	32	/* of them, set to a literal value */

struct ctx {
	const struct risk_ruleset	*rs;
	const struct risk_call		*call;
	struct shellparse		*sp;
	int				 nomem;
	int				 dotglob;	/* 0 not looked, 1, 2 */
	int				 globx;		/* as dotglob */
	int				 zsh;		/* as dotglob */

	int				 matched;
	uint32_t			 best;		/* rule index */
	enum risk_level			 level;
	size_t				 toollen;

	/* What the best rule matched, put into words at the end. */
	int				 wkind;
	int				 ptree;		/* in dir_feed() */
	uint32_t			 wcmd, wstart, wend, wlast;
	const char			*ws;
	size_t				 wn;
	char				 wcopy[100];

	int				 blanket;
	int				 uncovered;	/* commands */
	uint32_t			 nmntw;		/* mntw[] */
	/* call->network split once into items. */
	int				 nnet;
	const char			*netp[16];
	uint8_t				 netn[16];
	uint64_t			*known, *value;	/* call part */
	uint64_t			*pbits;
	/* path write: a PATH match that holds for written paths only has
	   its pbits bit set by a path fed while pread is 0; one fed while
	   pread is 1 (an operand of a program that only reads, a < file)
	   sets its prbits bit instead, which counts too when the line may
	   make a name run another program (rnames, pathset). */
	uint64_t			*prbits;
	int				 pread, rnames;
	/* alias NAME=VALUE, hash -p FILE NAME, zsh's alias -g and -s:
	   names the line makes run other text (alias_note()) */
	struct lalias {
		const char	*name, *val;
		uint32_t	 nlen, vlen;
		uint8_t		 kind;
	}				 la[LA_MAX];
	uint32_t			 nla;
	int				 lwpathrun;	/* sys_path_runs(): code
							   names a file by its
							   directory too */
	int				 rcopy;		/* cp -r's sources:
							   read */
	int				 anypw;		/* anyp, written */
	const char			*anyww;
	size_t				 anywn;
	const char			**pwhat;
	uint32_t			*pwlen;

	struct defer			*defer;
	uint32_t			 ndefer, defermax;
	struct defer			 deferbuf[8];

	/* A shell running text not known before it runs (feed_shell);
	   a command whose name is not (walk_views). */
	uint32_t			 opq, opqfrom, unk;
	unsigned			 nfeed;
	/* line_writer(): words left to look at; names the commands
	   up to lwseen give (Bloom filters: once, twice or more), and
	   whether one is a URL */
	size_t				 lwleft;
	/* glob_views(): rule names left to match a glob against */
	size_t				 gvleft;
	int				 lwinit, lwurl, lwcopy, lwdepth;
	uint32_t			 lwseen;
	uint32_t			 lwwscan, lwwfirst;	/* lw_before() */
	uint32_t			 lwcscan, lwcfirst;
	/* commands that run a file by its name (word k), for a writer
	   later in the line (late_writers()) */
	struct {
		uint32_t	 ci, k;
	}				 lrun[LRUN_MAX];
	uint32_t			 nlrun;
	uint64_t			 lwnames[16], lwtwice[16];
	/* Where the commands run, for the names they give files: the
	   directories cd took the line to, in order, entry 0 where it
	   starts; each command's mark holds its index (cwd_note()). */
	struct lwcwd {
		const char	*d;	/* NULL: the workspace */
		size_t		 n;
		int		 any;	/* only known when it runs (cd $d) */
		const char	*p;	/* its pattern form (cwdp) */
		size_t		 pn;
	}				 lwcwd[LW_NCWD];
	unsigned			 nlwcwd, lwcur;
	/* A cd in a process of its own ((cd x), $(cd x), sh -c 'cd x'):
	   where the line was before it, put back once the commands leave
	   the command s that stands for that process (cwd_leave()). */
	struct cscope {
		uint32_t	 s;
		const char	*d, *p;
		size_t		 n, pn;
	}				 cscope[CSCOPE_MAX];
	unsigned			 ncscope;
	const char			*lwlast, *lwlastp;
	/* An earlier command set PATH, or made a name run a file (hash
	   -p, enable -f): what a name runs is not known (view_trusted()). */
	int				 pathset;
	/* Text with a $( ) or ` ` that only runs when bash evaluates it
	   as arithmetic or a name (calc_text()): the call has some
	   (calccode), a command line of it has such a place (calc), and
	   the bytes left to parse for it (calcleft). */
	int				 calccode, calclazy, calc;
	size_t				 calcleft;
	/* Bytes left to parse of what programs run (lit_parse()). */
	size_t				 codeleft;

	/* Last ARG/NETWORK value matched, for why. */
	const char			*mval;
	size_t				 mlen;
	char				 numbuf[40];

	/* Where a cd earlier in the line went (in the arena), or NULL:
	   relative paths after it are matched from there too. */
	const char			*cwd;
	size_t				 cwdlen;
	/* A cd to a directory only known when it runs (cd $d, cd -):
	   cwd is its text as written ($d), cwdp its pattern form. */
	const char			*cwdp;
	size_t				 cwdplen;
	/* A directory a wrapper gave the command odcmd (env -C, sudo -D),
	   for rec_paths() in the views after it. */
	const struct shellparse_cmd	*odcmd;
	const char			*odir;
	size_t				 odirlen;
	/* The one before the last cd, for cd -; ocwdset 0 before one. */
	const char			*ocwd, *ocwdp;
	size_t				 ocwdlen, ocwdplen;
	int				 ocwdset;

	/* Names the call may set itself (vt_scan()), worked out when a
	   word with an expansion is first matched as a path. */
	int				 vtdone, vtdyn;
	/* A word that may be any path (path_any()) was seen: which. */
	int				 anyp, noany;
	int				 opqw;		/* an opaque word fed */
	int				 promptx;	/* 1: "@P", 2: $"" and
							   TEXTDOMAIN */
	int				 cdpath;	/* CDPATH or cdable_vars
							   in the call: -1 not
							   looked yet, 0, 1 */
	const char			*anyw;
	size_t				 anyn;
	uint32_t			 nvt, nvv;
	uint32_t			 vt[VT_MAX];	/* their hashes */
	uint16_t			 vtn[VT_MAX];	/* times written */
	uint16_t			 vts[VT_MAX];	/* vt_setsafe() */
	struct vtval {
		uint32_t		 h, n;
		const char		*v;	/* its value */
		uint16_t		 nlit;	/* NAME=value words */
		uint16_t		 multi;	/* values differ */
	}				 vv[VT_VALS];
	/* words mount_paths() read as a mount's value: no other path */
	const struct shellparse_word	*mntw[8];
};

struct vinfo {
	const struct shellparse_word	*w;
	uint32_t			 start, end;
	int				 assign;	/* a NAME=value word */
	const char			*base;
	size_t				 blen;
	const char			*bpat;	/* unknown name: a glob */
	const struct ient		*ent;
	int				 done;
	int				 wildopt;
	int				 trust;		/* view_trusted(),
							   -1 not yet */
	uint64_t			 mask;
	uint32_t			 nopt, nops, nbare;
	uint32_t			*opt, *ops;
	uint32_t			*bare;	/* ops but options' values */
	uint32_t			 buf[48];
};

/* A bounded text, printable ASCII only: it is shown to people. */
struct wbuf {
	char		*p;
	size_t		 len, cap;
};

/*
 * Copy a short string.  The compiler turns a memcpy of a length it
 * knows to be bounded into "rep movs", which is slow to start; word
 * copies (the last one overlapping) write exactly n bytes.
 */
static inline void
scopy(char *d, const char *s, size_t n)
{
	uint64_t x;
	uint32_t y;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&x, s + i, 8);
			memcpy(d + i, &x, 8);
		}
		memcpy(&x, s + n - 8, 8);
		memcpy(d + n - 8, &x, 8);
	} else if (n >= 4) {
		memcpy(&y, s, 4);
		memcpy(d, &y, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(d + n - 4, &y, 4);
	} else if (n > 0) {
		d[0] = s[0];
		d[n / 2] = s[n / 2];
		d[n - 1] = s[n - 1];
	}
}

/* Append up to max bytes of s, "..." if cut; see wb_clean(). */
static void
wb_put_cut(struct wbuf *b, const char *s, size_t n, size_t max)
{
	size_t room = b->cap - 1 - b->len, m = n;

	if (m > max)
		m = max;
	if (m > room)
		m = room;
	scopy(b->p + b->len, s, m);
	b->len += m;
	if (n > max && m == max)
		wb_put_cut(b, "...", 3, 3);
}

/* wb_put_cut(), inline for what fits whole (short constants fold). */
static inline __attribute__((always_inline)) void
wb_put(struct wbuf *b, const char *s, size_t n, size_t max)
{
	if (n <= max && n < b->cap - b->len) {
		scopy(b->p + b->len, s, n);
		b->len += n;
	} else
		wb_put_cut(b, s, n, max);
}

/*
 * Terminate, and make bytes from from on printable: ASCII, or UTF-8
 * that shows as itself (not a C1 control, not a bidirectional or
 * zero-width character: see utf8_hides()).  Anything else, and a
 * sequence cut short, is '?'.
 */
static void
wb_clean_from(struct wbuf *b, size_t from)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	unsigned char *p = (unsigned char *)b->p;
	uint64_t x;
	uint32_t cp;
	size_t i = from, j, sl;

	/* Eight bytes at a time while none is < 0x20 or >= 0x7f. */
	for (; i + 8 <= b->len; i += 8) {
		memcpy(&x, p + i, 8);
		if ((((x - 0x20 * ones) & ~x) | ((x + ones) | x)) & high)
			break;
	}
	/* The last few: the eight bytes that end the text, if they are
	   all printable (the bytes before from are already). */
	if (i < b->len && b->len >= 8 && i + 8 > b->len) {
		memcpy(&x, p + b->len - 8, 8);
		if (!((((x - 0x20 * ones) & ~x) | ((x + ones) | x)) & high))
			i = b->len;
	}
	/* One '?' for a whole sequence that hides, so j <= i. */
	for (j = i; i < b->len; ) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			p[j++] = p[i++];
			continue;
		}
		sl = p[i] >= 0x80 ? utf8_seqlen(p + i, b->len - i) : 0;
		if (sl > 1 && !utf8_hides(p + i, sl, &cp)) {
			memmove(p + j, p + i, sl);
			i += sl;
			j += sl;
			continue;
		}
		p[j++] = '?';
		i += sl > 1 ? sl : 1;
	}
	b->len = j;
	b->p[b->len] = '\0';
}

/* wb_clean(); with nothing past from (the last call of classify()), only
   the terminating NUL, without a call. */
static inline __attribute__((always_inline)) void
wb_clean(struct wbuf *b, size_t from)
{
	if (from == b->len)
		b->p[b->len] = '\0';
	else
		wb_clean_from(b, from);
}

/* Words start..end of a command, space separated, at most ~120. */
static void
wb_view(struct wbuf *b, const struct shellparse_cmd *cmd, uint32_t start,
    uint32_t end)
{
	size_t before = b->len, room, n;
	uint32_t k;

	for (k = start; k < end && k < cmd->nwords; k++) {
		room = b->cap - 1 - b->len;
		n = cmd->words[k].len;
		if (b->len - before > 120 || n + 1 > room || n > 96) {
			/* Long: let wb_put cut it. */
			if (k > start)
				wb_put(b, " ", 1, 1);
			wb_put(b, cmd->words[k].text, n, 96);
			if (k + 1 < end)
				wb_put(b, " ...", 4, 4);
			break;
		}
		if (k > start)
			b->p[b->len++] = ' ';
		scopy(b->p + b->len, cmd->words[k].text, n);
		b->len += n;
	}
}

/* A rule holds: keep the highest, the first defined among equals. */
static int
hit_level(struct ctx *c, uint32_t ri, enum risk_level level)
{
	c->matched = 1;
	if (c->best != NONE && (level < c->level ||
	    (level == c->level && ri > c->best)))
		return (0);
	c->best = ri;
	c->level = level;
	return (1);
}

static int
hit_better(struct ctx *c, uint32_t ri)
{
	return (hit_level(c, ri, c->rs->rules[ri].level));
}

static void
hit(struct ctx *c, uint32_t ri, int kind, const char *s, size_t n)
{
	if (!hit_better(c, ri))
		return;
	c->wkind = kind;
	if (kind == K_ARG && s != NULL) {
		/* The value may live in a scratch buffer: copy it. */
		if (n > sizeof(c->wcopy))
			n = sizeof(c->wcopy);
		scopy(c->wcopy, s, n);
		s = c->wcopy;
	}
	c->ws = s;
	c->wn = n;
}

static void
hit_cmd(struct ctx *c, uint32_t ri, enum risk_level level, uint32_t ci,
    uint32_t start, uint32_t end, uint32_t last)
{
	if (!hit_level(c, ri, level))
		return;
	c->wkind = K_COMMAND;
	c->wcmd = ci;
	c->wstart = start;
	c->wend = end;
	c->wlast = last;
}

/* "rule NAME (FILE:LINE) matched `what`". */
static void
explain(const struct ctx *c, struct wbuf *b)
{
	const struct crule *cr = &c->rs->rules[c->best];
	const struct shellparse *sp = c->sp;
	static const struct {
		const char	*s;
		size_t		 n;
	} pre[] = {
		[K_COMMAND] = { "`", 1 }, [K_TOOL] = { "tool `", 6 },
		[K_PATH] = { "path `", 6 }, [K_NETWORK] = { "network `", 9 },
		[K_ARG] = { "arg `", 5 }, [K_APATH] = { "path `", 6 },
		[K_WPATH] = { "written path `", 14 },
		[K_TPATH] = { "path `", 6 },
		[K_TWPATH] = { "written path `", 14 },
	};

	scopy(b->p, cr->whyp, cr->whyplen);	/* printable, < cap */
	b->len = cr->whyplen;
	wb_put(b, pre[c->wkind].s, pre[c->wkind].n, 14);
	if (c->wkind == K_COMMAND) {
		wb_view(b, &sp->cmds[c->wcmd], c->wstart, c->wend);
		if (c->wlast != NONE && c->wlast < sp->ncmds) {
			wb_put(b, " | ", 3, 3);
			wb_view(b, &sp->cmds[c->wlast],
			    sp->cmds[c->wlast].nassign,
			    sp->cmds[c->wlast].nwords);
		}
	} else if (c->ws != NULL)
		wb_put(b, c->ws, c->wn, 100);
	wb_put(b, "`", 1, 1);
	if (c->wkind == K_APATH)
		wb_put(b, " (any file: it is known only when it runs)", 42, 42);
	else if (c->wkind == K_TPATH || c->wkind == K_TWPATH)
		wb_put(b, " (and what is under it)", 23, 23);
	wb_clean(b, cr->whyplen);
}

static int
tool_match(const struct ctx *c, const struct cmatch *m)
{
	const char *t = c->call->tool ? c->call->tool : "";
	uint32_t k;

	for (k = 0; k < m->ng; k++)
		if (rglob_match(&m->g[k], t, c->toollen))
			return (1);
	return (0);
}

/* Split call->network into items, once. */
static void
net_split(struct ctx *c)
{
	const char *s = c->call->network, *e;
	size_t n;

	c->nnet = 0;
	while (s != NULL && *s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		e = s + strcspn(s, ",");
		n = (size_t)(e - s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (c->nnet == (int)(sizeof(c->netp) / sizeof(c->netp[0])) ||
		    n > UINT8_MAX) {
			/* Too many or too long: match it as one. */
			c->netp[0] = c->call->network;
			c->netn[0] = (uint8_t)(strlen(c->call->network) >
			    UINT8_MAX ? UINT8_MAX : strlen(c->call->network));
			c->nnet = 1;
			return;
		}
		c->netp[c->nnet] = s;
		c->netn[c->nnet++] = (uint8_t)n;
		s = e;
	}
}

static int
net_match(struct ctx *c, const struct cmatch *m)
{
	uint32_t k;
	int i;

	if (c->call->network == NULL)
		return (0);
	if (c->nnet == -1)
		net_split(c);
	for (i = 0; i < c->nnet; i++)
		for (k = 0; k < m->ng; k++)
			if (rglob_match(&m->g[k], c->netp[i], c->netn[i])) {
				c->mval = c->netp[i];
				c->mlen = c->netn[i];
				return (1);
			}
	return (0);
}

static int
jleaf(struct ctx *c, struct json_object *o, const struct cmatch *m, int top)
{
	const char *s;
	double d;
	size_t n, i, len;
	uint32_t k;
	int r;

	switch (json_object_get_type(o)) {
	case json_type_string:
		s = json_object_get_string(o);
		n = (size_t)json_object_get_string_len(o);
		break;
	case json_type_int:
		r = snprintf(c->numbuf, sizeof(c->numbuf), "%lld",
		    (long long)json_object_get_int64(o));
		s = c->numbuf;
		n = r > 0 && (size_t)r < sizeof(c->numbuf) ? (size_t)r : 0;
		break;
	case json_type_double:
		/* As people write it: 0.1, not 0.10000000000000001. */
		d = json_object_get_double(o);
		r = snprintf(c->numbuf, sizeof(c->numbuf), "%.15g", d);
		if (r > 0 && strtod(c->numbuf, NULL) != d)
			r = snprintf(c->numbuf, sizeof(c->numbuf), "%.17g", d);
		s = c->numbuf;
		n = r > 0 && (size_t)r < sizeof(c->numbuf) ? (size_t)r : 0;
		break;
	case json_type_boolean:
		s = json_object_get_boolean(o) ? "true" : "false";
		n = strlen(s);
		break;
	case json_type_null:
		s = "null";
		n = 4;
		break;
	case json_type_array:
		if (!top)
			return (0);
		len = json_object_array_length(o);
		for (i = 0; i < len; i++)
			if (jleaf(c, json_object_array_get_idx(o, i), m, 0))
				return (1);
		return (0);
	default:
		return (0);
	}
	if (s == NULL)
		return (0);
	for (k = 0; k < m->ng; k++)
		if (rglob_match(&m->g[k], s, n)) {
			c->mval = s;
			c->mlen = n;
			return (1);
		}
	return (0);
}

static int
jeval(struct ctx *c, struct json_object *o, const struct jstep *st,
    uint32_t n, const struct cmatch *m, int depth)
{
	struct json_object *v;
	size_t i, len;

	if (depth > JSON_MAXDEPTH)
		return (0);
	if (n == 0)
		return (jleaf(c, o, m, 1));
	switch (st->kind) {
	case JS_KEY:
		if (!json_object_is_type(o, json_type_object) ||
		    !json_object_object_get_ex(o, st->key, &v))
			return (0);
		return (jeval(c, v, st + 1, n - 1, m, depth + 1));
	case JS_ANYKEY:
		if (!json_object_is_type(o, json_type_object))
			return (0);
		{
			json_object_object_foreach(o, key, val) {
				(void)key;
				if (jeval(c, val, st + 1, n - 1, m, depth + 1))
					return (1);
			}
		}
		return (0);
	case JS_INDEX:
		if (!json_object_is_type(o, json_type_array) ||
		    st->idx >= json_object_array_length(o))
			return (0);
		return (jeval(c, json_object_array_get_idx(o, st->idx),
		    st + 1, n - 1, m, depth + 1));
	case JS_ANYINDEX:
		if (!json_object_is_type(o, json_type_array))
			return (0);
		len = json_object_array_length(o);
		for (i = 0; i < len; i++)
			if (jeval(c, json_object_array_get_idx(o, i), st + 1,
			    n - 1, m, depth + 1))
				return (1);
		return (0);
	}
	return (0);
}

static int
arg_match(struct ctx *c, const struct cmatch *m)
{
	if (c->call->args == NULL)
		return (0);
	return (jeval(c, c->call->args, m->steps, m->nsteps, m, 0));
}

/* The TOOL, ARG and NETWORK matches of a rule, once per call. */
static int
callpart(struct ctx *c, uint32_t ri)
{
	const struct crule *cr = &c->rs->rules[ri];
	uint64_t bit = (uint64_t)1 << (ri % 64);
	uint32_t k;
	int ok = 1;

	if (!cr->callpart)
		return (1);
	if (c->known[ri / 64] & bit)
		return ((c->value[ri / 64] & bit) != 0);
	for (k = 0; k < cr->nm && ok; k++) {
		switch (cr->m[k].kind) {
		case RISK_M_TOOL:
			ok = tool_match(c, &cr->m[k]);
			break;
		case RISK_M_ARG:
			ok = arg_match(c, &cr->m[k]);
			break;
		case RISK_M_NETWORK:
			ok = net_match(c, &cr->m[k]);
			break;
		default:
			break;
		}
	}
	c->known[ri / 64] |= bit;
	if (ok)
		c->value[ri / 64] |= bit;
	return (ok);
}

/* ---- Paths. */

typedef int (*pathfn)(struct ctx *, const char *, size_t, const char *,
    const void *);

/* Is a path worth normalising (//, /./, /../, ./x, trailing /)? */
static int
path_odd(const char *s, size_t n)
{
	size_t i;

	if (n > 1 && s[n - 1] == '/')
		return (1);
	if (n > 1 && s[0] == '.' && (s[1] == '/' || s[1] == '.'))
		return (1);
	for (i = 0; i + 1 < n; i++)
		if (s[i] == '/' && (s[i + 1] == '/' || s[i + 1] == '.'))
			return (1);
	return (0);
}

/* Lexical normalisation: collapse //, drop /., resolve /.. */
static size_t
path_norm(const char *s, size_t n, char *out, size_t outlen)
{
	size_t i = 0, o = 0, seg, keep;
	int abs = n > 0 && s[0] == '/';

	if (n + 2 > outlen)
		return (0);
	if (abs)
		out[o++] = '/';
	keep = o;
	while (i < n) {
		while (i < n && s[i] == '/')
			i++;
		seg = i;
		while (i < n && s[i] != '/')
			i++;
		if (i == seg || (i - seg == 1 && s[seg] == '.'))
			continue;
		if (i - seg == 2 && s[seg] == '.' && s[seg + 1] == '.') {
			if (o > keep && !(o - keep >= 2 &&
			    out[o - 1] == '.' && out[o - 2] == '.' &&
			    (o - keep == 2 || out[o - 3] == '/'))) {
				while (o > keep && out[o - 1] != '/')
					o--;
				if (o > keep)
					o--;
				continue;
			}
			if (abs)
				continue;
		}
		if (o > keep)
			out[o++] = '/';
		memcpy(out + o, s + seg, i - seg);
		o += i - seg;
	}
	if (o == 0)
		out[o++] = '.';
	out[o] = '\0';
	return (o);
}

static int	feed_word(struct ctx *, pathfn, const char *, size_t,
		    const char *, const void *);
static void	path_any(struct ctx *, const char *, size_t);
static int	call_has(const struct risk_call *, const char *);
static int	call_has_case(const struct risk_call *, const char *);
static int	tilde_feed(struct ctx *, pathfn, const struct shellparse_word *,
		    const void *);
static uint32_t	vt_strhash(const char *, size_t);
static int	in_list_abbr(const char *, const char *, size_t, int);
static size_t	glob_escape(char *, const char *, size_t);
static int	word_subst(struct ctx *, const char *, size_t, const char *,
		    const char **, size_t *, const char **);

/* May a reader be given this NAME=value and stay one?  Locale and the
   like: LD_PRELOAD=x.so cat f runs x.so's code, which may write. */
static int
reader_env(const struct shellparse_word *w)
{
	static const char *const ok[] = {
		"LANG=", "LANGUAGE=", "TZ=", "TERM=", "COLUMNS=", "LINES=",
		"NO_COLOR=", "GREP_COLOR=", "GREP_COLORS=", "POSIXLY_CORRECT=",
		"TIME_STYLE=", "BLOCK_SIZE=", "QUOTING_STYLE=",
	};
	size_t i, l;

	if (w->len > 3 && memcmp(w->text, "LC_", 3) == 0)
		return (memchr(w->text, '=', w->len) != NULL);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		l = strlen(ok[i]);
		if (w->len >= l && memcmp(w->text, ok[i], l) == 0)
			return (1);
	}
	return (0);
}

static int	sysdir(const char *, size_t);

/*
 * Programs that only read the files they name unless an option, or an
 * operand past the ones they read, makes them write: sort -o, file -C,
 * uniq IN OUT, xxd IN OUT.  bad are short options that write wherever
 * they are in a cluster, badlongs long ones (or an abbreviation of
 * one); vals and longvals take a value, which may be the next word, and
 * matter only where operands are counted (maxops >= 0).  xxd looks at
 * the letter after "-" alone: -ps is -p, and only "-c" takes the next
 * word.
 */
static const struct creader {
	const char	*name;
	const char	*bad;
	const char	*badlongs;
	const char	*vals;
	const char	*longvals;
	int		 maxops;
	int		 whole;		/* xxd: only "-X" takes a value */
} creaders[] = {
	{ "sort", "oT", "|output|temporary-directory|compress-program|",
	    "", "", -1, 0 },
	{ "file", "C", "|compile|", "", "", -1, 0 },
	{ "uniq", "", "", "fsw", "|skip-fields|skip-chars|check-chars|", 1,
	    0 },
	{ "xxd", "", "", "cglnosR", "", 1, 1 },
	/* less -o FILE and -O FILE write its log */
	{ "less", "oO", "|log-file|LOG-FILE|", "bhjkpPtTxyzD#",
	    "|buffers|max-back-scroll|jump-target|lesskey-file|pattern|"
	    "prompt|tag|tag-file|tabs|max-forw-scroll|window|shift|color|",
	    -1, 0 },
	/* awk's operands: its program and files, read (unless
	   awk_writes());
	   not with a program from a file (-f, -E), gawk -i inplace, -o,
	   -p, -d (files written), mawk's -W */
	{ "awk", "fEiopdW", "|file|exec|include|pretty-print|profile|"
	    "dump-variables|", "vFle", "|assign|field-separator|load|"
	    "source|", -1, 0 },
	{ "gawk", "fEiopdW", "|file|exec|include|pretty-print|profile|"
	    "dump-variables|", "vFle", "|assign|field-separator|load|"
	    "source|", -1, 0 },
	{ "mawk", "fW", "", "vF", "", -1, 0 },
	{ "nawk", "f", "", "vF", "", -1, 0 },
};

/*
 * May an awk command's program write a file or run a command: a '>'
 * (print > FILE, also a comparison), a '|' (print | CMD, CMD | getline),
 * system() or gawk's indirect call (@f()) in any word?  Then its
 * operands are not only read (print > FILENAME writes them).
 */
static int
awk_writes(const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	uint32_t k;

	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (memchr(w->text, '>', w->len) != NULL ||
		    memchr(w->text, '|', w->len) != NULL ||
		    memchr(w->text, '@', w->len) != NULL ||
		    memmem(w->text, w->len, "system", 6) != NULL)
			return (1);
	}
	return (0);
}

/* GNU sed's long options: those that write or run, those that take a
   value, and the others.  Checked in that order, so an abbreviation
   that may be more than one errs towards written. */
#define SED_BADLONGS	"|file|in-place|"
#define SED_VALLONGS	"|expression|line-length|"
#define SED_LONGS	"|null-data|zero-terminated|separate|unbuffered|" \
			"posix|regexp-extended|debug|sandbox|silent|quiet|" \
			"follow-symlinks|binary|help|version|"

/* What a word is to a program that parses its options with
   getopt_long(), after "--" if endopts. */
enum { OW_ANY, OW_OPERAND, OW_END, OW_LONG, OW_SHORT };

/* The word's kind; for OW_LONG, the name's length and its = or NULL.
   OW_ANY: a $x or a glob, which may be any option. */
static int
opt_word(const struct shellparse_word *w, int endopts, size_t *l,
    const char **eq)
{
	const char *t = w->text;

	if (shellparse_pattern(w) != NULL || w->len == 0)
		return (OW_ANY);
	if (endopts || w->len < 2 || t[0] != '-')
		return (OW_OPERAND);
	if (t[1] != '-')
		return (OW_SHORT);
	if (w->len == 2)
		return (OW_END);
	*eq = memchr(t, '=', w->len);
	*l = (*eq != NULL ? (size_t)(*eq - t) : w->len) - 2;
	return (OW_LONG);
}

/*
 * sed's words as GNU sed reads them, options after operands too (sed p
 * f -e '1e id' runs id): fn(arg, word, script, length) is called on
 * each script, which is every -e's and the first operand when no -e
 * or -f comes before it (with POSIXLY_CORRECT an -e after the first
 * operand is a file, and that operand the script: both are given).  A
 * word that may be any ($x, a glob) is given as the first operand
 * would be.  Stops when fn returns non-zero.  Returns 1 when sed may do
 * more than the scripts say (-i, -f, an option not known, a word that
 * may be any option, a value missing) or fn stopped it, else 0.
 */
typedef int (*sedfn)(void *, const struct shellparse_word *, const char *,
    size_t);

static int
sed_walk(const struct shellparse_cmd *cmd, uint32_t start, uint32_t end,
    sedfn fn, sedfn filefn, void *arg)
{
	const struct shellparse_word *w;
	const char *t, *eq = NULL;
	uint32_t k;
	size_t j, l = 0;
	int endopts = 0, given = 0, first = 1, more = 0;

	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			more = 1;
			/* FALLTHROUGH */
		case OW_OPERAND:
			if (first && !given && fn(arg, w, t, w->len))
				return (1);
			first = 0;
			continue;
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			if (in_list_abbr(SED_BADLONGS, t + 2, l, 0)) {
				more = 1;
				/* --file F: a script not seen (filefn's) */
				if (t[2] == 'f') {
					given = 1;
					k += eq == NULL;
					if (filefn != NULL && (eq != NULL ?
					    filefn(arg, w, eq + 1, w->len -
					    (size_t)(eq + 1 - t)) : k < end &&
					    filefn(arg, &cmd->words[k],
					    cmd->words[k].text,
					    cmd->words[k].len)))
						return (1);
				}
			} else if (in_list_abbr(SED_VALLONGS, t + 2, l, 0)) {
				if (eq == NULL && ++k == end)
					return (1);
				if (t[2] != 'e')
					continue;	/* --line-length */
				given = 1;
				if (eq != NULL ? fn(arg, w, eq + 1,
				    w->len - (size_t)(eq + 1 - t)) :
				    fn(arg, &cmd->words[k], cmd->words[k].text,
				    cmd->words[k].len))
					return (1);
			} else if (!in_list_abbr(SED_LONGS, t + 2, l, 0))
				more = 1;	/* not known (or --=x) */
			continue;
		}
		/* OW_SHORT: -ne SCRIPT, -eSCRIPT, -l N, -i[SUFFIX] */
		for (j = 1; j < w->len; j++) {
			if (strchr("nrEsuzb", t[j]) != NULL)
				continue;
			if (t[j] == 'i') {
				more = 1;
				break;		/* the rest is a suffix */
			}
			if (t[j] != 'e' && t[j] != 'f' && t[j] != 'l') {
				more = 1;	/* not known */
				continue;
			}
			if (j + 1 == w->len && ++k == end)
				return (1);
			if (t[j] == 'f') {
				more = given = 1;
				if (filefn != NULL && (j + 1 < w->len ?
				    filefn(arg, w, t + j + 1, w->len - j - 1) :
				    filefn(arg, &cmd->words[k],
				    cmd->words[k].text, cmd->words[k].len)))
					return (1);
			} else if (t[j] == 'e') {
				given = 1;
				if (j + 1 < w->len ? fn(arg, w, t + j + 1,
				    w->len - j - 1) : fn(arg, &cmd->words[k],
				    cmd->words[k].text, cmd->words[k].len))
					return (1);
			}
			break;
		}
	}
	return (more);
}

/* A sed script that writes no file and runs nothing: no w, W (write)
   or e (run a command, or s///e), wherever they are (sed_walk()'s fn:
   non-zero when it may). */
static int
sed_writes(void *arg, const struct shellparse_word *w, const char *t,
    size_t n)
{
	(void)arg;
	return (shellparse_pattern(w) != NULL || memchr(t, 'w', n) != NULL ||
	    memchr(t, 'W', n) != NULL || memchr(t, 'e', n) != NULL);
}

/* sed reads unless -i, a script it cannot see (-f), or a script with
   w, W or e. */
static int
sed_reads(const struct shellparse_cmd *cmd)
{
	return (!sed_walk(cmd, cmd->nassign, cmd->nwords, sed_writes, NULL,
	    NULL));
}

/* find reads unless an action deletes, writes a file or runs one. */
static int
find_reads(const struct shellparse_cmd *cmd)
{
	static const char *const acts[] = {
		"-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint",
		"-fprint0", "-fprintf", "-fls",
	};
	const struct shellparse_word *w;
	uint32_t k;
	size_t i;

	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (shellparse_pattern(w) != NULL)
			return (0);
		for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
			if (w->len == strlen(acts[i]) &&
			    memcmp(w->text, acts[i], w->len) == 0)
				return (0);
	}
	return (1);
}

/* dpkg's queries (an action each), and the options that take a value */
#define DPKG_QUERIES	"|search|listfiles|list|status|print-avail|" \
	"contents|info|field|verify|audit|get-selections|" \
	"compare-versions|print-architecture|print-foreign-architectures|" \
	"show|help|version|"
#define DPKG_VALS	"|admindir|root|instdir|showformat|verify-format|"
#define DPKG_LONGS	"|no-pager|debug|"
/* rpm's query and verify modes, their options, and those with a value */
#define RPM_QUERIES	"|query|verify|checksig|help|version|showrc|"
#define RPM_LONGS	"|file|list|info|configfiles|docfiles|all|" \
	"requires|provides|whatprovides|whatrequires|changelog|scripts|" \
	"state|dump|package|nodigest|nosignature|nofiles|nodeps|last|"
#define RPM_VALS	"|queryformat|qf|root|dbpath|"

/*
 * Package managers asked about packages read what they are given:
 * dpkg -S FILE, dpkg -L, -c DEB (every action a query), rpm -qf FILE,
 * rpm -V, rpm -K (a query, verify or check mode, and nothing else),
 * apt-file but for its update.  Any other option, or a word that may
 * be any option, and they may install (write).
 */
static int
pkg_reads(const struct shellparse_cmd *cmd, uint32_t start, const char *b,
    size_t n)
{
	const struct shellparse_word *w;
	const char *t, *eq = NULL;
	uint32_t k;
	size_t l = 0;
	int endopts = 0, query = 0, rpm = n == 3;

	for (k = start + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			return (0);
		case OW_OPERAND:
			if (n == 8 && strcmp(t, "update") == 0)
				return (0);	/* apt-file update */
			continue;
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			if (n == 8)
				continue;
			if (in_list_abbr(rpm ? RPM_QUERIES : DPKG_QUERIES,
			    t + 2, l, 1))
				query = 1;
			else if (in_list_abbr(rpm ? RPM_VALS : DPKG_VALS,
			    t + 2, l, 1)) {
				if (eq == NULL && ++k == cmd->nwords)
					return (0);
			} else if (!in_list_abbr(rpm ? RPM_LONGS : DPKG_LONGS,
			    t + 2, l, 1))
				return (0);
			continue;
		}
		/* OW_SHORT: dpkg -S; rpm -qf, -qlp, -Va, -K */
		if (n == 8)
			continue;
		if (strspn(t + 1, rpm ? "qafilcdpRsKVv" : "SLlspcIfVCW") !=
		    w->len - 1)
			return (0);
		if (!rpm || strpbrk(t, "qVK") != NULL)
			query = 1;
	}
	return (query || n == 8);
}

/*
 * Is cmd, run as b (n bytes), a program that only reads unless told
 * otherwise, not told?  Every word must be plain: a $x or a glob may
 * be any option (find . -name *.c, with a file named -delete).  An
 * option counts wherever it is, as GNU getopt takes them after
 * operands too; where operands are counted, every word after the
 * first is one (as without getopt's reordering), which errs towards
 * written.
 */
static int
cond_reads(const struct shellparse_cmd *cmd, const char *b, size_t n)
{
	const struct creader *cr;
	const struct shellparse_word *w;
	const char *t, *eq = NULL;
	uint32_t k;
	size_t i, j, l = 0;
	int endopts = 0, ops = 0;

	if (n == 3 && memcmp(b, "sed", 3) == 0)
		return (sed_reads(cmd));
	if (n == 4 && memcmp(b, "find", 4) == 0)
		return (find_reads(cmd));
	if ((n == 4 && memcmp(b, "dpkg", 4) == 0) ||
	    (n == 3 && memcmp(b, "rpm", 3) == 0) ||
	    (n == 8 && memcmp(b, "apt-file", 8) == 0))
		return (pkg_reads(cmd, cmd->nassign, b, n));
	if ((n == 3 || n == 4) && memcmp(b + n - 3, "awk", 3) == 0 &&
	    awk_writes(cmd))
		return (0);
	for (i = 0; i < sizeof(creaders) / sizeof(creaders[0]); i++)
		if (strlen(creaders[i].name) == n &&
		    memcmp(creaders[i].name, b, n) == 0)
			break;
	if (i == sizeof(creaders) / sizeof(creaders[0]))
		return (0);
	cr = &creaders[i];
	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		/* (counted, every word after the first operand is one) */
		switch (ops > 0 && cr->maxops >= 0 ? OW_OPERAND :
		    opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			return (0);
		case OW_OPERAND:
			if (shellparse_pattern(w) != NULL || w->len == 0)
				return (0);
			ops++;
			continue;
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			if (l == 0 || in_list_abbr(cr->badlongs, t + 2, l, 0))
				return (0);
			if (eq == NULL && in_list_abbr(cr->longvals, t + 2, l,
			    0) && ++k == cmd->nwords)
				return (0);
			continue;
		}
		/* OW_SHORT */
		for (j = 1; j < w->len; j++)
			if (strchr(cr->bad, t[j]) != NULL)
				return (0);
		if (cr->whole) {
			if (w->len == 2 && strchr(cr->vals, t[1]) != NULL &&
			    ++k == cmd->nwords)
				return (0);
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if (strchr(cr->vals, t[j]) == NULL)
				continue;
			if (j + 1 == w->len && ++k == cmd->nwords)
				return (0);
			break;
		}
	}
	return (cr->maxops < 0 || ops <= cr->maxops);
}

static int	word_is(const struct shellparse_word *, const char *);
static int	opt_takes(const struct wrapper *, const char *, size_t);

/*
 * The word of git's subcommand in cmd, past git's own options as its
 * wrapper entry takes them (git -C DIR -c K=V --git-dir D SUB): its
 * index, cmd->nwords if none, NONE if a word may be any option.
 */
static uint32_t
git_sub(const struct ctx *c, const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	const struct ient *e;
	uint32_t k;

	if ((e = ilookup(c->rs, "git", 3)) == NULL || e->wrap == NULL)
		return (NONE);
	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (shellparse_pattern(w) != NULL)
			return (NONE);
		if (w->text[0] != '-' || w->len < 2)
			break;
		k += (uint32_t)opt_takes(e->wrap, w->text, w->len);
	}
	return (k < cmd->nwords ? k : cmd->nwords);
}

/*
 * git's commands that only read the paths they are given: diff, log,
 * show, blame, status, ls-files, grep and the like, past git's own
 * options as its wrapper entry takes them (git -C DIR diff).  Not with
 * --output (diff, log and show write it), grep's -O (a pager opens the
 * files), or a word that may be any.
 */
static int
git_reads(const struct ctx *c, const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	uint32_t k;

	if ((k = git_sub(c, cmd)) >= cmd->nwords || !in_list_abbr(
	    "|diff|log|show|blame|"
	    "annotate|status|ls-files|ls-tree|grep|shortlog|whatchanged|"
	    "diff-files|diff-index|diff-tree|check-ignore|check-attr|",
	    cmd->words[k].text, cmd->words[k].len, 1))
		return (0);
	for (k++; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (shellparse_pattern(w) != NULL)
			return (0);
		if (w->len >= 8 && memcmp(w->text, "--output", 8) == 0)
			return (0);
		if (w->len >= 2 && w->text[0] == '-' && w->text[1] != '-' &&
		    memchr(w->text, 'O', w->len) != NULL)
			return (0);
		if (w->len >= 6 && memcmp(w->text, "--open", 6) == 0)
			return (0);
		if (word_is(w, "--"))
			break;
	}
	return (1);
}

/*
 * Does cmd only read the paths its words name?  Its program must be a
 * reader named as it is (ls, /bin/ls: not sudo ls, $x, ./ls), with no
 * other NAME=value before it, in a line that has not (so far) made a
 * name run something else (alias, a function, hash -p, PATH=...).
 */
static int
cmd_reads(const struct ctx *c, const struct shellparse_cmd *cmd, int *cp)
{
	const struct shellparse_word *w;
	const char *b;
	size_t n;
	uint32_t k;
	int copy = 0;

	if (c->rs->npmw == 0 || c->pathset || c->rnames || c->sp->funcs ||
	    cmd->nwords <= cmd->nassign)
		return (0);
	w = &cmd->words[cmd->nassign];
	/* ([ alone is no glob) */
	if (w->len == 0 || (shellparse_pattern(w) != NULL &&
	    !(w->len == 1 && w->text[0] == '[')))
		return (0);
	if ((b = memrchr(w->text, '/', w->len)) != NULL) {
		if (!sysdir(w->text, (size_t)(b - w->text)))
			return (0);
		b++;
	} else
		b = w->text;
	n = w->len - (size_t)(b - w->text);
	if (!len_table_has(reader_names, b, n)) {
		/* cp, install: cmd_copies(); tar: tar_dest(); rsync:
		   rsync_dest() */
		if (cp != NULL && ((n == 2 && memcmp(b, "cp", 2) == 0) ||
		    (n == 7 && memcmp(b, "install", 7) == 0) ||
		    (n == 3 && memcmp(b, "scp", 3) == 0)))
			copy = 1;
		else if (cp != NULL && ((n == 3 && memcmp(b, "tar", 3) == 0) ||
		    (n == 4 && memcmp(b, "gtar", 4) == 0) ||
		    (n == 6 && memcmp(b, "bsdtar", 6) == 0)))
			copy = 2;
		else if (cp != NULL && n == 5 && memcmp(b, "rsync", 5) == 0)
			copy = 3;
		else if (cp != NULL && n == 3 && memcmp(b, "zip", 3) == 0)
			copy = 4;
		else if (n == 3 && memcmp(b, "git", 3) == 0) {
			if (!git_reads(c, cmd))
				return (0);
		} else if (!cond_reads(cmd, b, n))
			return (0);
	}
	for (k = 0; k < cmd->nassign; k++)
		if (!reader_env(&cmd->words[k]))
			return (0);
	if (copy)
		*cp = copy;
	return (!copy);
}

/*
 * tar creating (c, r, u) or listing (t, d) an archive: the word that
 * names the archive it writes (-f FILE, the bundle's f) is written, the
 * rest only read; the index of that word, cmd->nwords when it writes
 * none of them (t, or c to its standard output), or NONE when that is
 * not sure: extracting (what it writes is its directory's, and the
 * members it names), an option not known here (--remove-files,
 * --listed-incremental, --to-command, -I PROG), two archives, or a
 * word that may be any.
 */
#define TAR_NOVAL	"|create|append|update|list|diff|compare|gzip|" \
	"gunzip|ungzip|bzip2|xz|lzip|lzma|lzop|zstd|compress|uncompress|" \
	"auto-compress|verbose|preserve-permissions|same-permissions|" \
	"absolute-names|dereference|numeric-owner|no-recursion|recursion|" \
	"anchored|no-anchored|wildcards|no-wildcards|null|totals|sparse|" \
	"one-file-system|ignore-failed-read|show-transformed-names|verify|" \
	"acls|xattrs|selinux|no-acls|no-xattrs|no-selinux|" \
	"hard-dereference|posix|ignore-zeros|block-number|exclude-vcs|" \
	"exclude-vcs-ignores|exclude-backups|exclude-caches|" \
	"exclude-caches-all|exclude-caches-under|ignore-case|" \
	"no-ignore-case|check-links|seek|no-seek|full-time|utc|checkpoint|" \
	"atime-preserve|"
#define TAR_VAL		"|file|directory|files-from|exclude|exclude-from|" \
	"transform|xform|owner|group|mode|mtime|format|label|" \
	"blocking-factor|record-size|strip-components|warning|exclude-tag|" \
	"exclude-tag-all|exclude-tag-under|sort|quoting-style|pax-option|" \
	"newer|after-date|newer-mtime|owner-map|group-map|tape-length|"

static uint32_t	rsync_dest(const struct shellparse_cmd *);
static uint32_t	zip_dest(const struct shellparse_cmd *);

/* A letter of tar's options or bundle: 1 if it takes a value, 0 if
   not, -1 if not known here; its mode (c, t) into *mode. */
static int
tar_letter(char ch, int *mode)
{
	if (strchr("cru", ch) != NULL)
		*mode = 'c';
	else if (strchr("td", ch) != NULL)
		*mode = 't';
	else if (strchr("fCTXbKLNVH", ch) != NULL)
		return (1);
	else if (strchr("zjJZavpPhkmSWBil", ch) == NULL)
		return (-1);
	return (0);
}

static uint32_t
tar_dest(const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	const char *t, *eq;
	uint32_t k, ar = NONE;
	size_t j, l;
	int mode = 0, endopts = 0, nar = 0, isval;

	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			return (NONE);
		case OW_OPERAND:
			if (k != cmd->nassign + 1 || strspn(t,
			    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
			    "QRSTUVWXYZ") != w->len)
				continue;	/* what it archives, lists */
			/* the old bundle: its values the next words */
			for (j = 0; j < w->len; j++) {
				if ((isval = tar_letter(t[j], &mode)) < 0)
					return (NONE);
				if (isval && ++k >= cmd->nwords)
					return (NONE);
				if (t[j] == 'f') {
					ar = k;
					nar++;
				}
			}
			continue;
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			if (in_list_abbr("|create|append|update|", t + 2, l, 0))
				mode = 'c';
			else if (in_list_abbr("|list|diff|compare|", t + 2, l,
			    0))
				mode = 't';
			isval = in_list_abbr(TAR_VAL, t + 2, l, 0);
			if (!isval && !in_list_abbr(TAR_NOVAL, t + 2, l, 0))
				return (NONE);
			if (in_list_abbr("|file|", t + 2, l, 0)) {
				if (eq == NULL && k + 1 >= cmd->nwords)
					return (NONE);
				ar = eq != NULL ? k : k + 1;
				nar++;
			}
			if (isval && eq == NULL)
				k++;
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if ((isval = tar_letter(t[j], &mode)) < 0)
				return (NONE);
			if (!isval)
				continue;
			if (j + 1 == w->len && k + 1 >= cmd->nwords)
				return (NONE);
			if (t[j] == 'f') {
				ar = j + 1 < w->len ? k : k + 1;
				nar++;
			}
			if (j + 1 == w->len)
				k++;
			break;
		}
	}
	if (mode == 't')
		return (cmd->nwords);
	if (mode != 'c' || nar > 1)
		return (NONE);
	return (nar == 1 ? ar : cmd->nwords);
}

/*
 * zip ARCHIVE FILE...: only the archive is written, what goes into it
 * read (zip -r a.zip dir reads dir); the index of ARCHIVE (cmd->nwords
 * for -, standard output), or NONE when
 * not sure: -m (--move) deletes the files, -O writes another archive,
 * -b a temporary one, -la/-lf a log, -TT runs a command; an option not
 * known here, or a word that may be any.  -x and -i take the words
 * after them, to the next option, as names.
 */
#define ZIP_NOVAL	"|recurse-paths|recurse-patterns|quiet|verbose|" \
	"junk-paths|no-dir-entries|no-extra|update|freshen|filesync|" \
	"delete|copy-entries|test|symlinks|encrypt|grow|fix|fixfix|" \
	"latest-time|names-stdin|no-wild|wild-stop-dirs|entry-comments|" \
	"archive-comment|adjust-sfx|unsfx|dos-names|to-crlf|from-crlf|" \
	"display-bytes|display-counts|display-dots|display-globaldots|" \
	"display-usize|display-volume|show-files|sf|fast|best|" \
	"help|version|license|"
#define ZIP_VAL		"|exclude|include|suffixes|password|split-size|" \
	"compression-method|dot-size|before|after|"

static uint32_t
zip_dest(const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	const char *t, *eq = NULL;
	uint32_t k, ar = NONE;
	size_t j, l = 0;
	int endopts = 0, list = 0;

	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			return (NONE);
		case OW_OPERAND:
			if (ar == NONE && !list)
				ar = k;
			continue;	/* (what goes in; -x's names) */
		case OW_END:
			endopts = 1;
			list = 0;
			continue;
		case OW_LONG:
			list = 0;
			if (in_list_abbr("|exclude|include|", t + 2, l, 1))
				list = eq == NULL;
			else if (in_list_abbr(ZIP_VAL, t + 2, l, 1)) {
				if (eq == NULL)
					k++;
			} else if (!in_list_abbr(ZIP_NOVAL, t + 2, l, 1))
				return (NONE);
			continue;
		}
		/* OW_SHORT: -r9q, -x NAMES..., -n .gz:.zip, -P pw, -s 2g,
		   -t/-tt DATE; -FS, -sf, -ll, -dd, -du, -dv ...; -TT, -O,
		   -b, -m, -la, -lf, -lF, -li: not sure */
		list = 0;
		if (strcmp(t, "-TT") == 0 || (w->len == 3 && t[1] == 'l' &&
		    strchr("afFi", t[2]) != NULL))
			return (NONE);
		if (strcmp(t, "-FS") == 0 || strcmp(t, "-FF") == 0 ||
		    strcmp(t, "-sf") == 0 || strcmp(t, "-ll") == 0 ||
		    strcmp(t, "-dd") == 0 || strcmp(t, "-dg") == 0 ||
		    strcmp(t, "-du") == 0 || strcmp(t, "-dv") == 0 ||
		    strcmp(t, "-db") == 0 || strcmp(t, "-dc") == 0 ||
		    strcmp(t, "-MM") == 0 || strcmp(t, "-ws") == 0)
			continue;
		if (strcmp(t, "-tt") == 0 || strcmp(t, "-ds") == 0) {
			k++;
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if (t[j] == 'x' || t[j] == 'i') {
				if (j + 1 == w->len)
					list = 1;
				break;
			}
			if (strchr("nPsZt", t[j]) != NULL) {
				if (j + 1 == w->len)
					k++;
				break;
			}
			if (strchr("qvrRjJDXyTouflcezgkAFdw@S0123456789$",
			    t[j]) == NULL)
				return (NONE);
		}
	}
	/* zip - FILE...: to its standard output */
	if (ar != NONE && word_is(&cmd->words[ar], "-"))
		return (cmd->nwords);
	return (ar);
}

/*
 * rsync SRC... DEST: only DEST is written (the sources are read, and
 * with one operand alone it lists); the index of DEST, cmd->nwords for
 * a listing, or NONE when not sure: a word that may be any, or an
 * option not known here to leave the sources and other files alone
 * (--remove-source-files, --backup-dir, --log-file, --temp-dir,
 * --partial-dir, --write-batch ...).
 */
#define RSYNC_NOVAL	"|archive|recursive|verbose|quiet|links|" \
	"copy-links|copy-unsafe-links|safe-links|hard-links|perms|" \
	"executability|acls|xattrs|owner|group|devices|specials|times|" \
	"atimes|crtimes|omit-dir-times|omit-link-times|super|fake-super|" \
	"sparse|preallocate|dry-run|whole-file|no-whole-file|" \
	"one-file-system|existing|ignore-existing|delete|delete-before|" \
	"delete-during|delete-delay|delete-after|delete-excluded|" \
	"ignore-errors|force|numeric-ids|ignore-times|size-only|checksum|" \
	"compress|human-readable|progress|partial|itemize-changes|stats|" \
	"update|inplace|append|append-verify|dirs|mkpath|relative|" \
	"no-relative|no-implied-dirs|prune-empty-dirs|cvs-exclude|from0|" \
	"protect-args|secluded-args|copy-dirlinks|keep-dirlinks|no-perms|" \
	"no-owner|no-group|no-times|no-motd|8-bit-output|list-only|ipv4|" \
	"ipv6|backup|"
#define RSYNC_VAL	"|rsh|exclude|include|exclude-from|include-from|" \
	"files-from|filter|compare-dest|copy-dest|link-dest|max-size|" \
	"min-size|max-delete|bwlimit|timeout|contimeout|chmod|chown|" \
	"usermap|groupmap|block-size|modify-window|compress-level|" \
	"compress-choice|checksum-choice|out-format|password-file|port|" \
	"rsync-path|info|debug|iconv|skip-compress|suffix|"

static uint32_t
rsync_dest(const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	const char *t, *eq;
	uint32_t k, last = NONE, nops = 0;
	size_t j, l;
	int endopts = 0, isval;

	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			return (NONE);
		case OW_OPERAND:
			last = k;
			nops++;
			continue;
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			isval = in_list_abbr(RSYNC_VAL, t + 2, l, 0);
			if (!isval && !in_list_abbr(RSYNC_NOVAL, t + 2, l, 0))
				return (NONE);
			if (isval && eq == NULL && ++k >= cmd->nwords)
				return (NONE);
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if (strchr("efBM@", t[j]) != NULL) {
				if (j + 1 == w->len && ++k >= cmd->nwords)
					return (NONE);
				break;
			}
			if (strchr("avrlpogDtzhPnuHSxAXEWcbRqiOJmIkKLCy0",
			    t[j]) == NULL)
				return (NONE);
		}
	}
	return (nops >= 2 ? last : nops == 1 ? cmd->nwords : NONE);
}

/*
 * cp, install: only the destination is written (the last operand, or
 * the directory of -t DIR), the sources are read.  The index of the
 * word that names the destination, or NONE when that is not sure: the
 * program named otherwise (as cmd_reads() wants), an operand that is
 * not plain (a $x may be no word at all, which makes the one before it
 * the destination), a value-taking long option with its value in the
 * next word, fewer than two operands, or options that make it do
 * something else: cp -l/-s (a link: writing it writes the source, as
 * for ln, whose operands all count as written) and install -d (every
 * operand a directory it makes).
 */
static uint32_t __attribute__((noinline))
cmd_copies(const struct ctx *c, const struct shellparse_cmd *cmd)
{
	static const struct {
		const char	*name, *vals, *longs, *bad, *badlongs;
	} cps[] = {
		{ "cp", "St", "|suffix|target-directory|", "ls",
		    "|link|symbolic-link|" },
		{ "install", "gmoSt", "|group|mode|owner|suffix|"
		    "target-directory|strip-program|", "d", "|directory|" },
		/* scp SRC... DST: a remote one (host:path) names none
		   here */
		{ "scp", "cDFiJloPSX", "", "", "" },
	};
	const struct shellparse_word *w, *pw;
	const char *b, *eq;
	uint32_t k, dest = NONE, last = NONE, nops = 0;
	size_t i, j;
	int endopts = 0;

	pw = &cmd->words[cmd->nassign];
	if ((b = memrchr(pw->text, '/', pw->len)) != NULL)
		b++;
	else
		b = pw->text;
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++)
		if (strlen(cps[i].name) == pw->len - (size_t)(b - pw->text) &&
		    memcmp(cps[i].name, b, strlen(cps[i].name)) == 0)
			break;
	if (i == sizeof(cps) / sizeof(cps[0]))
		return (NONE);
	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (shellparse_pattern(w) != NULL || w->len == 0)
			return (NONE);
		if (endopts || w->len < 2 || w->text[0] != '-') {
			last = k;
			nops++;
			continue;
		}
		if (w->len == 2 && w->text[1] == '-') {
			endopts = 1;
			continue;
		}
		if (w->text[1] == '-') {
			/* --target-directory=DIR; a value in the next
			   word is not followed */
			eq = memchr(w->text, '=', w->len);
			j = (eq != NULL ? (size_t)(eq - w->text) : w->len) - 2;
			if (in_list_abbr(cps[i].badlongs, w->text + 2, j, 0))
				return (NONE);
			if (!in_list_abbr(cps[i].longs, w->text + 2, j, 0))
				continue;
			if (eq == NULL)
				return (NONE);
			if (in_list_abbr("|target-directory|", w->text + 2, j,
			    0))
				dest = k;
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if (strchr(cps[i].bad, w->text[j]) != NULL)
				return (NONE);
			if (strchr(cps[i].vals, w->text[j]) == NULL)
				continue;
			if (w->text[j] == 't' && j + 1 < w->len)
				dest = k;		/* -tDIR */
			else if (w->text[j] == 't' && k + 1 < cmd->nwords)
				dest = ++k;		/* -t DIR */
			else if (j + 1 == w->len)
				k++;			/* -S SUF */
			break;
		}
	}
	if (dest == NONE && nops >= 2)
		dest = last;
	return (dest);
}

/*
 * A file: URL, as curl and most readers of URLs take one: file:///p,
 * file://localhost/p (or 127.0.0.1), file:/p.  The offset of its path
 * in s (n bytes), or 0.
 */
static size_t
file_url(const char *s, size_t n)
{
	size_t h;

	if (n < 6 || strncasecmp(s, "file:", 5) != 0 || s[5] != '/')
		return (0);
	if (n == 6 || s[6] != '/')
		return (5);
	for (h = 7; h < n && s[h] != '/'; h++)
		;
	if (h == n)
		return (0);
	if (h == 7 || (h - 7 == 9 && (strncasecmp(s + 7, "localhost", 9) ==
	    0 || memcmp(s + 7, "127.0.0.1", 9) == 0)))
		return (h);
	return (0);
}

/* The path of file: URL s (n bytes, its path at off) to fn, with its
   %XX undone as the reader does (file:///etc/%73hadow). */
static int
file_url_feed(struct ctx *c, const char *s, size_t n, size_t off,
    pathfn fn, const void *arg)
{
	char *d;
	size_t i, l;

	if (memchr(s + off, '%', n - off) == NULL)
		return (fn(c, s + off, n - off, NULL, arg));
	if (c->sp == NULL || (d = shellparse_alloc(c->sp, n - off + 1)) ==
	    NULL) {
		c->nomem = 1;
		return (1);
	}
	for (i = off, l = 0; i < n; i++)
		if (s[i] == '%' && i + 2 < n &&
		    hexdig((unsigned char)s[i + 1]) >= 0 &&
		    hexdig((unsigned char)s[i + 2]) >= 0) {
			d[l++] = (char)(hexdig((unsigned char)s[i + 1]) * 16 +
			    hexdig((unsigned char)s[i + 2]));
			i += 2;
		} else
			d[l++] = s[i];
	d[l] = '\0';
	/* (a %00 ends the path the kernel is given) */
	return (fn(c, d, strlen(d), NULL, arg));
}

/* Is w a word whose mount mount_paths() read (docker run -v SRC:DST),
   so that it names no other path? */
static int
mount_word(const struct ctx *c, const struct shellparse_word *w)
{
	uint32_t i;

	for (i = 0; i < c->nmntw; i++)
		if (c->mntw[i] == w)
			return (1);
	return (0);
}

static int	make_prog_var(const char *, size_t);
static const char *lw_base(const struct shellparse_word *, size_t *);

/* Is b (n bytes) make, gmake or bmake? */
static inline int
make_name(const char *b, size_t n)
{
	return ((n == 4 && memcmp(b, "make", 4) == 0) || (n == 5 &&
	    (memcmp(b, "gmake", 5) == 0 || memcmp(b, "bmake", 5) == 0)));
}

/* Is word t (NAME=..., NAME nl bytes) of cmd a program make runs: make
   CC=/usr/bin/gcc, SHELL=/bin/sh make?  Its path is read, not written. */
static int __attribute__((noinline))
make_runs(const struct shellparse_cmd *cmd, const char *t, size_t nl)
{
	const char *b;
	size_t n;

	return (cmd->nwords > cmd->nassign && make_prog_var(t, nl) &&
	    (b = lw_base(&cmd->words[cmd->nassign], &n)) != NULL &&
	    make_name(b, n));
}

/* Is NAME (nl bytes) a list of directories: PATH, MANPATH, PYTHONPATH,
   LD_LIBRARY_PATH, XDG_DATA_DIRS? */
static inline int
list_var(const char *t, size_t nl)
{
	return (nl >= 4 && (memcmp(t + nl - 4, "PATH", 4) == 0 ||
	    memcmp(t + nl - 4, "DIRS", 4) == 0));
}

/*
 * The value of a list of directories (v, vl bytes; pat its pattern):
 * each directory is a path it searches (read), but not a part that
 * is all expansion
 * (PATH=~/bin:$PATH: what $PATH held before, or any other variable's
 * directories, are not paths the line names, and as "*" they would
 * match every rule).  0 when pat is not split (a bracket in it).
 */
static int __attribute__((noinline))
list_feed(struct ctx *c, pathfn fn, const void *arg, const char *v,
    size_t vl, const char *pat, int *rc)
{
	const char *p, *e, *tv, *te;
	size_t n, cp = 0, ct = 0, tn;
	char *d;

	*rc = 0;
	if (strchr(pat, '[') != NULL || strchr(pat, ':') == NULL)
		return (0);
	for (p = pat; *p != '\0'; p++)
		cp += *p == ':';
	for (tv = v; tv < v + vl; tv++)
		ct += *tv == ':';
	for (p = pat, tv = v;; p = e + 1) {
		if ((e = strchr(p, ':')) == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		/* the text of this part, when the parts line up */
		if (ct == cp) {
			te = memchr(tv, ':', vl - (size_t)(tv - v));
			tn = (te != NULL ? te : v + vl) - tv;
		} else {
			te = NULL;
			tn = 0;
		}
		if (n > 0 && !(n == 1 && p[0] == '*')) {
			if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
				c->nomem = 1;
				*rc = 1;
				return (1);
			}
			memcpy(d, p, n);
			d[n] = '\0';
			if (ct == cp ? feed_word(c, fn, tv, tn, d, arg) :
			    fn(c, v, vl, d, arg)) {
				*rc = 1;
				return (1);
			}
		}
		if (te != NULL)
			tv = te + 1;
		if (*e == '\0')
			break;
	}
	return (1);
}

static uint32_t	run_words(const struct ctx *, const struct shellparse_cmd *,
		    uint32_t *, uint32_t);

/* Is t (n bytes) a variable's name, NAME or NAME+ (of NAME+=...)? */
static int
var_name(const char *t, size_t n)
{
	size_t i;

	if (n > 0 && t[n - 1] == '+')
		n--;
	if (n == 0 || (t[0] >= '0' && t[0] <= '9'))
		return (0);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)t[i]) && t[i] != '_')
			return (0);
	return (1);
}

/*
 * The value of export's (declare's, ...) operand w, NAME=VALUE (eq at
 * its '=', pat its pattern or NULL), and of a list of directories
 * before a command (PATH=~/bin:$PATH make): as before a command, not
 * any file for what it names is not known; a list of directories a
 * directory at a time, read (list_feed()).  The word itself is no path.
 */
static int __attribute__((noinline))
setvar_value(struct ctx *c, pathfn fn, const void *arg,
    const struct shellparse_word *w, const char *eq, const char *pat)
{
	int pr = c->pread;
	const char *v = eq + 1;
	size_t vl = w->len - (size_t)(v - w->text);
	int lv = list_var(w->text, (size_t)(eq - w->text)), rc = 0;

	if (pat != NULL && (pat = strchr(pat, '=')) == NULL) {
		c->noany = 0;
		return (0);	/* (a literal NAME: not so) */
	}
	if (pat != NULL)
		pat++;
	c->noany = 1;
	if (lv)
		c->pread = (c->rs->npmw > 0) * 2;
	if (vl > 0 && !(lv && pat != NULL && list_feed(c, fn, arg, v, vl,
	    pat, &rc)))
		rc = feed_word(c, fn, v, vl, pat, arg);
	c->noany = 0;
	c->pread = pr;
	return (rc);
}

/* grep's long options that take a value (may be the next word), and
   ripgrep's; and the short ones */
#define GREP_VALLONGS	"|max-count|after-context|before-context|" \
	"context|directories|devices|include|exclude|exclude-from|" \
	"exclude-dir|label|binary-files|group-separator|color|colour|"
#define RG_VALLONGS	"|glob|iglob|type|type-not|type-add|type-clear|" \
	"max-count|after-context|before-context|context|threads|" \
	"max-columns|encoding|replace|max-depth|maxdepth|sort|sortr|pre|" \
	"pre-glob|color|colors|context-separator|path-separator|" \
	"max-filesize|dfa-size-limit|regex-size-limit|engine|" \
	"field-context-separator|field-match-separator|hostname-bin|" \
	"hyperlink-format|ignore-file|"
#define GITGREP_VALLONGS "|max-count|after-context|before-context|" \
	"context|max-depth|threads|"

/* A sed script (sed_walk()'s fn): its word, if all of it, into arg;
   as its filefn, a -f anywhere (sed x -f f: x is no script), which
   keeps none. */
static int
sed_textword(void *arg, const struct shellparse_word *w, const char *t,
    size_t n)
{
	const struct shellparse_word **wp = arg;

	if (t == w->text && n == w->len && shellparse_pattern(w) == NULL &&
	    wp[0] == NULL)
		wp[0] = w;
	else if (wp[0] != w)
		wp[1] = w;	/* (more than one: none kept) */
	return (0);
}

static int
sed_textfile(void *arg, const struct shellparse_word *w, const char *t,
    size_t n)
{
	const struct shellparse_word **wp = arg;

	(void)t;
	(void)n;
	wp[1] = w;
	return (1);
}

/*
 * chown's OWNER[:GROUP], chgrp's GROUP, chmod's MODE: the first operand
 * unless --reference gives it (then every operand is a file); NONE if
 * none, or if a word before it may be any option.  chmod takes -w as a
 * MODE: then there is none to skip.  A word with an expansion is one
 * only with its ':' written out ($USER:$USER, "$(id -u):"), or for
 * chmod its '+', '=' or ',' (u+$x).
 */
static uint32_t
chown_text(const struct shellparse_cmd *cmd, int mode)
{
	const struct shellparse_word *w;
	const char *t, *eq = NULL, *pat;
	uint32_t k, j;
	size_t l = 0;
	int endopts = 0;

	for (k = cmd->nassign + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			if ((pat = shellparse_pattern(w)) == NULL ||
			    pat[0] == '-' ||
			    strpbrk(pat, mode ? ":+=," : ":") == NULL)
				return (NONE);
			break;
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			if (l >= 3 && strncmp(t + 2, "ref", 3) == 0)
				return (NONE);
			continue;
		case OW_SHORT:
			if (mode && strspn(t + 1, "rwxXst") == w->len - 1)
				return (NONE);		/* chmod -w f */
			continue;
		}
		for (j = k + 1; j < cmd->nwords; j++) {
			t = cmd->words[j].text;
			if (shellparse_pattern(&cmd->words[j]) != NULL ||
			    strncmp(t, "--ref", 5) == 0)
				return (NONE);
		}
		return (k);
	}
	return (NONE);
}

/*
 * grep's pattern: the first operand after word k (the program, or git
 * grep's subcommand), unless -e or -f give the patterns; vals and svals
 * are the long and short options that take a value, rg is ripgrep.
 * NONE if none, or if a word before it may be any option.
 */
static uint32_t
grep_pattern(const struct shellparse_cmd *cmd, uint32_t k, const char *vals,
    const char *svals, int rg)
{
	const struct shellparse_word *w;
	const char *t, *eq = NULL;
	size_t l = 0, j;
	int endopts = 0;

	for (k++; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			return (NONE);
		case OW_OPERAND:
			/* the first: the pattern, unless -e or -f come
			   after it (GNU getopt takes options anywhere) */
			for (j = k + 1; j < cmd->nwords && !endopts; j++) {
				t = cmd->words[j].text;
				if (shellparse_pattern(&cmd->words[j]) != NULL)
					return (NONE);
				if (strcmp(t, "--") == 0)
					break;
				if (t[0] == '-' && t[1] != '-' &&
				    strpbrk(t, "ef") != NULL)
					return (NONE);
				if (t[0] == '-' && t[1] == '-' &&
				    (strncmp(t, "--reg", 5) == 0 ||
				    strncmp(t, "--fil", 5) == 0))
					return (NONE);
			}
			return (k);
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			/* --regexp, --file; rg --files, --type-list */
			if (l >= 3 && (strncmp(t + 2, "reg", 3) == 0 ||
			    strncmp(t + 2, "fil", 3) == 0 ||
			    (rg && strncmp(t + 2, "type-l", 6) == 0)))
				return (NONE);
			if (eq == NULL && in_list_abbr(vals, t + 2, l, 0))
				k++;
			continue;
		}
		/* OW_SHORT: -e, -f: no pattern operand; -m N, -A2 */
		for (j = 1; j < w->len; j++) {
			if (t[j] == 'e' || t[j] == 'f')
				return (NONE);
			if (strchr(svals, t[j]) != NULL) {
				if (j + 1 == w->len)
					k++;
				break;
			}
		}
	}
	return (NONE);
}

/*
 * The word of cmd that is text its program reads, not a path: the
 * pattern of grep (egrep, fgrep, zgrep, rg; git grep's: text_opts())
 * and the script of sed, the first operand where no -e or -f gives
 * them (sed's script is read for the files it names: sed_scan());
 * chown_text()'s.  NONE if none.
 */
static uint32_t __attribute__((noinline))
grep_text(const struct shellparse_cmd *cmd, const char *b, size_t n)
{
	const struct shellparse_word *sw[2] = { NULL, NULL };

	if (n == 5 && b[0] == 'c')
		return (memcmp(b, "chown", 5) == 0 || memcmp(b, "chgrp", 5) ==
		    0 || memcmp(b, "chmod", 5) == 0 ? chown_text(cmd,
		    b[3] == 'o') : NONE);
	if (n == 3 && memcmp(b, "sed", 3) == 0) {
		(void)sed_walk(cmd, cmd->nassign, cmd->nwords, sed_textword,
		    sed_textfile, sw);
		return (sw[0] != NULL && sw[1] == NULL ?
		    (uint32_t)(sw[0] - cmd->words) : NONE);
	}
	if (n == 2 && memcmp(b, "rg", 2) == 0)
		return (grep_pattern(cmd, cmd->nassign, RG_VALLONGS,
		    "efgtTmABCjMErd", 1));
	if ((n == 4 && memcmp(b, "grep", 4) == 0) ||
	    (n == 5 && (memcmp(b, "egrep", 5) == 0 ||
	    memcmp(b, "fgrep", 5) == 0 || memcmp(b, "zgrep", 5) == 0)))
		return (grep_pattern(cmd, cmd->nassign, GREP_VALLONGS,
		    "efmABCdD", 0));
	return (NONE);
}

/*
 * Options whose value is text, not a path: a commit's message, a log's
 * search, a pull request's title, a header curl sends.  By program and,
 * for git and gh, subcommand (NULL: any): short letters and long
 * names that take one, and the other short options that take a value
 * (skipped, so that a value such as -name is not read as options).
 * curl's value from @FILE is a file.
 */
static const struct textopt {
	const char	*prog;
	const char	*subs;
	const char	*shorts;
	const char	*longs;
	const char	*vals;
} textopts[] = {
	{ "git", "|commit|", "m", "|message|", "CcFt" },
	{ "git", "|tag|", "m", "|message|", "uF" },
	{ "git", "|merge|", "m", "|message|", "sXF" },
	{ "git", "|stash|", "m", "|message|", "" },
	{ "git", "|notes|", "m", "|message|", "CcF" },
	{ "git", "|log|show|shortlog|rev-list|whatchanged|reflog|", "SG",
	    "|grep|author|committer|format|pretty|grep-reflog|", "nL" },
	{ "gh", "|pr|issue|", "tb", "|title|body|", "RBHalmprFTAsLS" },
	{ "gh", "|release|", "tn", "|title|notes|", "RFpd" },
	{ "curl", NULL, "HAeXud", "|header|user-agent|referer|request|user|"
	    "proxy-user|oauth2-bearer|data|data-raw|data-ascii|data-binary|"
	    "data-urlencode|", "bcCDEFKmoQrTtUwxyYzP" },
	{ "wget", NULL, "U", "|header|user-agent|referer|post-data|"
	    "body-data|", "oaeiBtOTwQPlARDIX" },
	/* pytest -k EXPR, -m MARKEXPR */
	{ "pytest", NULL, "km", "||", "pcoWnr" },
};

/* Word k of cmd is text (into tw[], at most max): the count after. */
static uint32_t
text_add(uint32_t *tw, uint32_t nt, uint32_t max, uint32_t k)
{
	if (nt < max)
		tw[nt++] = k;
	return (nt);
}

/*
 * The words of cmd, run as b (n bytes), that hold the value of an
 * option of textopts[], jq's filter and --arg values, or git grep's
 * pattern (grep_pattern()): into tw[] (at most max), their count
 * returned.
 */
static uint32_t __attribute__((noinline))
text_opts(const struct ctx *c, const struct shellparse_cmd *cmd,
    const char *b, size_t n, uint32_t *tw, uint32_t max)
{
	const struct textopt *to = NULL;
	const struct shellparse_word *w;
	const char *t, *eq, *v;
	uint32_t k = cmd->nassign + 1, nt = 0, first = 0;
	size_t i, l;
	int jq = 0, filter = 1;

	if ((n == 2 && memcmp(b, "jq", 2) == 0) ||
	    (n == 4 && memcmp(b, "gojq", 4) == 0))
		jq = 1;
	else if (n == 2 && memcmp(b, "yq", 2) == 0) {
		/* yq [eval|e|eval-all|ea] EXPR FILE..., as jq; mikefarah's
		   -o, -p and -I take a value */
		jq = 2;
		if (k < cmd->nwords && shellparse_pattern(&cmd->words[k]) ==
		    NULL && in_list_abbr("|eval|e|eval-all|ea|",
		    cmd->words[k].text, cmd->words[k].len, 1))
			k++;
	}
	else if (n == 3 && memcmp(b, "git", 3) == 0) {
		/* git [-C DIR] [-c K=V] [--git-dir DIR] SUB */
		if ((k = git_sub(c, cmd)) == NONE)
			return (0);
		if (k < cmd->nwords && word_is(&cmd->words[k], "grep")) {
			tw[0] = grep_pattern(cmd, k, GITGREP_VALLONGS,
			    "efABCm", 0);
			return (tw[0] != NONE && max > 0);
		}
		first = k++;
	} else if (n == 2 && memcmp(b, "gh", 2) == 0)
		first = k++;
	if (first >= cmd->nwords)
		return (0);
	if (!jq) {
		for (i = 0; i < sizeof(textopts) / sizeof(textopts[0]); i++) {
			if (strlen(textopts[i].prog) != n ||
			    memcmp(textopts[i].prog, b, n) != 0)
				continue;
			if (textopts[i].subs == NULL || (first != 0 &&
			    in_list_abbr(textopts[i].subs,
			    cmd->words[first].text, cmd->words[first].len,
			    1))) {
				to = &textopts[i];
				break;
			}
		}
		if (to == NULL)
			return (0);
	}
	for (; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (shellparse_pattern(w) != NULL) {
			/* jq . $f: a word that may be any option (-f) */
			if (jq)
				return (0);
			continue;
		}
		if (w->len == 2 && t[0] == '-' && t[1] == '-')
			break;
		if (t[0] != '-' || w->len < 2) {
			/* jq FILTER FILE...: the first operand */
			if (jq && filter) {
				filter = 0;
				nt = text_add(tw, nt, max, k);
			}
			continue;
		}
		if (jq) {
			/* --arg NAME VALUE, --argjson; --slurpfile NAME
			   FILE, --rawfile; -f FILE: the filter too */
			if (strcmp(t, "--arg") == 0 || strcmp(t,
			    "--argjson") == 0) {
				nt = text_add(tw, nt, max, k + 1);
				nt = text_add(tw, nt, max, k + 2);
				k += 2;
			} else if (strcmp(t, "--slurpfile") == 0 ||
			    strcmp(t, "--rawfile") == 0) {
				nt = text_add(tw, nt, max, k + 1);
				k += 2;
			} else if (strcmp(t, "-f") == 0 ||
			    strncmp(t, "--from-file", 11) == 0 ||
			    strcmp(t, "--args") == 0 ||
			    strcmp(t, "--jsonargs") == 0)
				return (0);	/* (each may move the filter) */
			else if (strcmp(t, "--indent") == 0 || (jq == 2 &&
			    (strcmp(t, "--output-format") == 0 ||
			    strcmp(t, "--input-format") == 0)))
				k++;
			else if (jq == 2 && strncmp(t, "--expression", 12) ==
			    0 && (t[12] == '\0' || t[12] == '=')) {
				/* yq --expression EXPR: no operand is */
				if (t[12] == '\0')
					k++;
				nt = text_add(tw, nt, max, k);
				filter = 0;
			} else if (t[1] != '-') {
				/* -rf FILE: -f's; -L DIR */
				if (strchr(t, 'f') != NULL)
					return (0);
				if (t[w->len - 1] == 'L' || (jq == 2 &&
				    strchr("opI", t[w->len - 1]) != NULL))
					k++;
			}
			continue;
		}
		if (t[1] == '-') {
			eq = memchr(t, '=', w->len);
			l = (eq != NULL ? (size_t)(eq - t) : w->len) - 2;
			if (!in_list_abbr(to->longs, t + 2, l, 1))
				continue;
			if (eq == NULL && k + 1 < cmd->nwords)
				k++;
			v = eq != NULL ? eq + 1 : cmd->words[k].text;
		} else {
			for (i = 1; i < w->len; i++)
				if (strchr(to->shorts, t[i]) != NULL ||
				    strchr(to->vals, t[i]) != NULL)
					break;
			if (i == w->len)
				continue;
			if (strchr(to->shorts, t[i]) == NULL) {
				/* -o FILE: skipped, fed as any other */
				if (i + 1 == w->len)
					k++;
				continue;
			}
			if (i + 1 == w->len && k + 1 < cmd->nwords)
				k++;
			v = i + 1 < w->len ? t + i + 1 : cmd->words[k].text;
		}
		/* curl -H @file, -d @file, --data-urlencode n@file */
		if (b[0] == 'c' && strchr(v, '@') != NULL)
			continue;
		nt = text_add(tw, nt, max, k);
	}
	return (nt);
}

/* Is cmd export, declare, local, typeset or readonly? */
static inline int
setvar_cmd(const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;

	if (cmd->nwords <= cmd->nassign)
		return (0);
	w = &cmd->words[cmd->nassign];
	if (w->len < 5 || w->len > 8)
		return (0);
	switch (w->text[0]) {
	case 'e': case 'l': case 'd': case 't': case 'r':
		return (len_table_has(setvar_names, w->text, w->len));
	}
	return (0);
}

static uint32_t	cmdopt_words(const struct ctx *,
		    const struct shellparse_cmd *, uint32_t, const char *,
		    size_t, uint32_t *, uint32_t, uint32_t);

/* Call each path a command touches (inlined: fn is known).  While it
   feeds its operands, c->pread says whether the command only reads
   them; a redirection's target is read only for <. */
static inline int __attribute__((always_inline))
cmd_paths1(struct ctx *c, const struct shellparse_cmd *cmd, pathfn fn,
    const void *arg)
{
	const struct shellparse_word *w;
	const struct shellparse_redir *r;
	const char *t, *eq, *pat;
	char *zn;
	uint32_t k, dest = NONE;
	size_t j;
	int endopts = 0, quiet = 0, rc, cp = 0, rd0, setv;
	uint32_t run[8], nrun = 0, i, textw = NONE, tw[8], ntw = 0;

	/* echo "$(x)": not any file; echo and printf open none (2) */
	if (cmd->nwords > cmd->nassign &&
	    (quiet = len_table_has(quiet_names,
	    cmd->words[cmd->nassign].text,
	    cmd->words[cmd->nassign].len)) &&
	    (word_is(&cmd->words[cmd->nassign], "echo") ||
	    word_is(&cmd->words[cmd->nassign], "printf")))
		quiet = 2;
	/* grep PATTERN, sed SCRIPT (/bin/grep, ...): no path */
	if (cmd->nwords > cmd->nassign + 1) {
		w = &cmd->words[cmd->nassign];
		t = w->text;
		j = w->len;
		if (t[0] == '/' && shellparse_pattern(w) == NULL &&
		    (eq = memrchr(t, '/', j)) != NULL) {
			j -= (size_t)(eq + 1 - t);
			t = eq + 1;
		}
		if ((j >= 2 && j <= 5 && (t[0] == 'g' || t[0] == 's' ||
		    t[0] == 'r' || t[0] == 'e' || t[0] == 'f' || t[0] == 'z') &&
		    (j != 2 || t[1] == 'g') && (j != 3 || t[1] == 'e')) ||
		    (j == 5 && t[0] == 'c' && t[1] == 'h'))
			textw = grep_text(cmd, t, j);
		/* git commit -m TEXT, curl -H TEXT, jq FILTER */
		if (textw == NONE && (((j == 2 || j == 3) && t[0] == 'g') ||
		    (j == 4 && ((t[0] == 'c' && t[3] == 'l') ||
		    (t[0] == 'w' && t[3] == 't') || (t[0] == 'g' &&
		    t[3] == 'q'))) || (j == 2 && (t[0] == 'j' || t[0] == 'y') &&
		    t[1] == 'q') || (j == 6 && t[0] == 'p' && t[1] == 'y')))
			ntw = text_opts(c, cmd, t, j, tw, 8);
		/* ssh -o ProxyCommand=X, script -c X: X's commands */
		if (j < 16 && (unsigned char)t[0] < 128 &&
		    c->rs->optidx[j][(unsigned char)t[0]] != 0)
			ntw = cmdopt_words(c, cmd, cmd->nassign, t, j, tw,
			    ntw, 8);
	}
	c->pread = c->rs->npmw > 0 && cmd_reads(c, cmd, &cp);
	if (cp) {
		dest = cp == 2 ? tar_dest(cmd) : cp == 3 ? rsync_dest(cmd) :
		    cp == 4 ? zip_dest(cmd) : cmd_copies(c, cmd);
		c->pread = dest != NONE;
	}
	rd0 = c->pread;
	/* sudo /usr/bin/x: x is run, so read */
	if (c->rs->npmw > 0 && cmd->nwords > cmd->nassign + 1)
		nrun = run_words(c, cmd, run, 8);
	setv = setvar_cmd(cmd);	/* export NAME=VALUE */
	for (k = 0; k < cmd->nwords; k++) {
		/* cp a b: a is read, b written; /usr/bin/gcc x.c runs
		   (reads) /usr/bin/gcc */
		if (__builtin_expect(c->rs->npmw > 0, 0)) {
			if (dest != NONE)
				c->pread = k != dest;
			else
				c->pread = k == cmd->nassign ? 2 : rd0;
			for (i = 0; i < nrun; i++)
				if (run[i] == k)
					c->pread = 2;
		}
		w = &cmd->words[k];
		t = w->text;
		if (c->nmntw > 0 && mount_word(c, w))
			continue;	/* docker run -v SRC:DST */
		if (k == textw)
			continue;
		for (i = 0; i < ntw && tw[i] != k; i++)
			;
		if (i < ntw)
			continue;
		pat = shellparse_pattern(w);
		if (k < cmd->nassign ||
		    (k > cmd->nassign && !endopts && w->len >= 2 &&
		    t[0] == '-' && t[1] == '-' && (pat == NULL ||
		    pat[0] == '-'))) {
			/* NAME=value and --opt=value: the value. */
			if (w->len == 2 && k > cmd->nassign) {
				endopts = 1;
				continue;
			}
			if ((eq = memchr(t, '=', w->len)) == NULL ||
			    eq[1] == '\0')
				continue;
			/* PAGER=less git log: a command line, parsed as
			   one (opt_assign()), its commands' paths their own
			   (CC=x foo: make's CC is not foo's) */
			if (k < cmd->nassign &&
			    var_cmdline(t, (size_t)(eq - t)))
				continue;
			/* x=$(y): not any file here, where $x is used */
			c->noany = k < cmd->nassign;
			if (k < cmd->nassign && c->rs->npmw > 0 &&
			    make_runs(cmd, t, (size_t)(eq - t)))
				c->pread = 1;
			/* PATH=~/bin:$PATH make: its directories, read */
			if (k < cmd->nassign && list_var(t, (size_t)(eq - t))) {
				if (setvar_value(c, fn, arg, w, eq, pat))
					return (1);
				continue;
			}
			if (pat != NULL && (pat = strchr(pat, '=')) != NULL) {
				if (fn(c, eq + 1, w->len - (size_t)(eq + 1 - t),
				    pat + 1, arg))
					return (c->noany = 0, 1);
			} else if (fn(c, eq + 1, w->len - (size_t)(eq + 1 - t),
			    NULL, arg))
				return (c->noany = 0, 1);
			c->noany = 0;
			continue;
		}
		if (k == cmd->nassign) {
			if (pat == NULL && memchr(t, '/', w->len) == NULL)
				continue;
		} else if (!endopts && w->len >= 2 && t[0] == '-' &&
		    (pat == NULL || pat[0] == '-')) {
			/* -o/path, -o.env: the attached value; after a
			   cluster (sort -uo/etc/x, tar -xzf.x) it may start
			   at any of the next letters */
			if (pat == NULL && w->len > 2 && t[1] != '-' &&
			    (memchr(t, '/', w->len) != NULL ||
			    memchr(t, '.', w->len) != NULL)) {
				for (j = 2; j < w->len && j <= 8 &&
				    (j == 2 || isalnum((unsigned char)t[j - 1]));
				    j++)
					if (fn(c, t + j, w->len - j, NULL, arg))
						return (1);
			}
			continue;
		}
		if (w->len == 0)
			continue;
		if (t[0] == '~' && tilde_feed(c, fn, w, arg))
			return (1);
		/* export NAME=VALUE: no file, but its value may be one,
		   as before a command; export PATH=~/bin:$PATH: its
		   directories, read */
		if (setv && k > cmd->nassign &&
		    (eq = memchr(t, '=', w->len)) != NULL &&
		    eq > t && var_name(t, (size_t)(eq - t))) {
			/* export PAGER=less: as PAGER=less before one */
			if (var_cmdline(t, (size_t)(eq - t)))
				continue;
			if (setvar_value(c, fn, arg, w, eq, pat))
				return (1);
			continue;
		}
		/* echo .env, printf '%s\n' "$HOME/.ssh/x": text; a glob,
		   or an expansion the shell may split and glob, is still
		   what it may name */
		if (quiet == 2 && !(w->flags & (SHELLPARSE_W_GLOB |
		    SHELLPARSE_W_SPLIT | SHELLPARSE_W_OPAQUE)))
			continue;
		if (pat != NULL) {
			c->noany = quiet != 0;
			c->opqw = (w->flags & SHELLPARSE_W_OPAQUE) != 0;
			rc = feed_word(c, fn, t, w->len, pat, arg);
			c->noany = c->opqw = 0;
			if (rc)
				return (1);
			continue;
		}
		if (fn(c, t, w->len, NULL, arg))
			return (1);
		if (w->len < 2)
			continue;
		/* curl -d @file, file:///etc/x, dd if=/etc/x, make X=/y */
		if (t[0] == '@') {
			if (fn(c, t + 1, w->len - 1, NULL, arg))
				return (1);
		} else if ((t[0] == 'f' || t[0] == 'F') &&
		    (j = file_url(t, w->len)) > 0) {
			if (file_url_feed(c, t, w->len, j, fn, arg))
				return (1);
		} else if ((eq = memchr(t, '=', w->len)) != NULL &&
		    eq > t && eq[1] != '\0' &&
		    strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
		    "QRSTUVWXYZ0123456789_-.") == (size_t)(eq - t)) {
			/* (the next word's pread is set at the loop's top) */
			if (c->rs->npmw > 0 && make_runs(cmd, t,
			    (size_t)(eq - t)))
				c->pread = 1;
			if (fn(c, eq + 1, w->len - (size_t)(eq + 1 - t), NULL,
			    arg))
				return (1);
		}
	}
	/* zip a f writes a.zip (a name with no extension gets .zip) */
	if (cp == 4 && dest < cmd->nwords) {
		w = &cmd->words[dest];
		t = w->text;
		eq = memrchr(t, '/', w->len);
		eq = eq != NULL ? eq + 1 : t;
		if (w->len > 1 && memchr(eq, '.', w->len -
		    (size_t)(eq - t)) == NULL && w->len < 1000) {
			if ((zn = shellparse_alloc(c->sp, w->len + 5)) ==
			    NULL) {
				c->nomem = 1;
				return (1);
			}
			memcpy(zn, t, w->len);
			memcpy(zn + w->len, ".zip", 5);
			c->pread = 0;
			if (fn(c, zn, w->len + 4, NULL, arg))
				return (1);
		}
	}
	for (k = 0; k < cmd->nredirs; k++) {
		r = &cmd->redirs[k];
		if (r->op == SHELLPARSE_R_HEREDOC ||
		    r->op == SHELLPARSE_R_HERESTR || r->target.len == 0)
			continue;
		t = r->target.text;
		if ((r->op == SHELLPARSE_R_DUPIN ||
		    r->op == SHELLPARSE_R_DUPOUT) &&
		    (strspn(t, "0123456789") == r->target.len ||
		    strcmp(t, "-") == 0))
			continue;
		/* < f only reads f; >, >>, <>, &> and >& f write it */
		c->pread = c->rs->npmw > 0 && r->op == SHELLPARSE_R_IN;
		if (t[0] == '~' && tilde_feed(c, fn, &r->target, arg))
			return (1);
		c->opqw = (r->target.flags & SHELLPARSE_W_OPAQUE) != 0;
		rc = feed_word(c, fn, t, r->target.len,
		    shellparse_pattern(&r->target), arg);
		c->opqw = 0;
		if (rc)
			return (1);
	}
	return (0);
}

static inline int __attribute__((always_inline))
cmd_paths(struct ctx *c, const struct shellparse_cmd *cmd, pathfn fn,
    const void *arg)
{
	int rc;

	rc = cmd_paths1(c, cmd, fn, arg);
	c->pread = 0;
	return (rc);
}

/*
 * Variables in paths.  A word's pattern form has "*" for an expansion,
 * which a path match takes to be one component ($HOME/.ssh/x as
 * "*" "/.ssh/x"), as for a value of the environment the tool was given.  A
 * value the call may have set itself (x=/etc; cat $x/shadow, read x,
 * for x in, ${x:=...}, exec -e x=...), a command's output, a
 * positional parameter, $_ and the like, or an expansion with an
 * operator may hold slashes: such a word's wildcards match '/' too.
 *
 * vt_scan() takes every name written in the call's text other than
 * after a $ to be one it may set (quotes inside a name are skipped:
 * de''clare).  A builtin that sets a name it is given (declare, read,
 * printf -v, eval, source, ...) together with any expansion, or an
 * ANSI-C string (which can spell any name), may set any of them.
 */
static int
vt_id(int ch)
{
	return ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_');
}

static inline uint32_t
vt_hash(uint32_t h, int ch)
{
	return ((h ^ (uint8_t)ch) * 16777619u);
}

static void
vt_set(struct ctx *c, uint32_t h)
{
	uint32_t i;

	for (i = 0; i < c->nvt; i++)
		if (c->vt[i] == h) {
			if (c->vtn[i] < UINT16_MAX)
				c->vtn[i]++;
			return;
		}
	if (c->nvt == VT_MAX)
		c->vtdyn = 1;		/* too many to keep: any */
	else {
		c->vtn[c->nvt] = 1;
		c->vts[c->nvt] = 0;
		c->vt[c->nvt++] = h;
	}
}

/*
 * NAME=value (no expansion) in word w, from its text: recorded.  Of
 * NAME=(a b), $NAME is ${NAME[0]}: one plain word's value is its own,
 * others are not followed (the quotes are gone: (a\ b) is two here).
 */
static void
vt_lit(struct ctx *c, const struct shellparse_word *w)
{
	const char *t = w->text, *eq, *val;
	struct vtval *v;
	uint32_t h, i;
	size_t l, vn;
	int other = 0;

	if (shellparse_pattern(w) != NULL ||
	    (eq = memchr(t, '=', w->len)) == NULL || eq == t ||
	    (t[0] >= '0' && t[0] <= '9'))
		return;
	for (l = 0; t + l < eq; l++)
		if (!vt_id((unsigned char)t[l]))
			return;
	val = eq + 1;
	vn = w->len - l - 1;
	if (vn > 0 && val[0] == '(') {
		if (vn > 2 && val[vn - 1] == ')' &&
		    strcspn(val + 1, " \t\n[()") == vn - 2) {
			val++;
			vn -= 2;
		} else
			other = 1;
	}
	h = vt_strhash(t, l);
	for (i = 0; i < c->nvv; i++)
		if (c->vv[i].h == h)
			break;
	if (i == c->nvv) {
		if (c->nvv == VT_VALS)
			return;		/* not kept: not substituted */
		v = &c->vv[c->nvv++];
		v->h = h;
		v->v = val;
		v->n = (uint32_t)vn;
		v->nlit = 0;
		v->multi = 0;
	} else
		v = &c->vv[i];
	if (v->n != vn || memcmp(v->v, val, v->n) != 0 || other)
		v->multi = 1;
	if (v->nlit < UINT16_MAX)
		v->nlit++;
}

/* Literal assignments of the commands parsed: x=v cmd, export x=v. */
static void
vt_lits(struct ctx *c)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *cmd;
	const struct shellparse_word *w;
	size_t i;
	uint32_t k;

	for (i = 0; sp != NULL && i < sp->ncmds; i++) {
		cmd = &sp->cmds[i];
		for (k = 0; k < cmd->nassign; k++)
			vt_lit(c, &cmd->words[k]);
		if (cmd->nassign >= cmd->nwords)
			continue;
		w = &cmd->words[cmd->nassign];
		if (shellparse_pattern(w) != NULL ||
		    (strcmp(w->text, "export") != 0 &&
		    strcmp(w->text, "local") != 0 &&
		    strcmp(w->text, "readonly") != 0))
			continue;
		for (k = cmd->nassign + 1; k < cmd->nwords; k++)
			vt_lit(c, &cmd->words[k]);
	}
}

/*
 * The one value name (s, n) is given, when every place the call writes
 * the name is a NAME=value word with that value; else NULL.
 */
static const struct vtval *
vt_value(const struct ctx *c, const char *s, size_t n)
{
	uint32_t h = vt_strhash(s, n), i, k;

	for (i = 0; i < c->nvv; i++) {
		if (c->vv[i].h != h)
			continue;
		if (c->vv[i].multi)
			return (NULL);
		for (k = 0; k < c->nvt; k++)
			if (c->vt[k] == h)
				return (c->vtn[k] == c->vv[i].nlit ?
				    &c->vv[i] : NULL);
		return (NULL);
	}
	return (NULL);
}

static uint32_t
vt_strhash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = vt_hash(h, s[i]);
	return (h);
}

static int
vt_isset(const struct ctx *c, const char *s, size_t n)
{
	uint32_t h = vt_strhash(s, n), i;

	for (i = 0; i < c->nvt; i++)
		if (c->vt[i] == h)
			return (1);
	return (0);
}

/*
 * May the word at t[i] be in a command's place?  Not when a word that
 * is no keyword is before it (find . -name x, docker exec); an
 * assignment or a redirection before it is looked past (A=1 read x,
 * 2>/dev/null read x), and a case pattern's ) counts as a separator.
 */
static int
vt_cmdpos(const char *t, size_t i)
{
	size_t e, s;
	int n;

	for (n = 0; n < 64; n++) {
		while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
			i--;
		if (i == 0 || strchr(";&|()\n`{", t[i - 1]) != NULL)
			return (1);
		for (e = i; i > 0 && t[i - 1] != ' ' && t[i - 1] != '\t' &&
		    strchr(";&|()\n`{", t[i - 1]) == NULL; i--)
			;
		s = i;
		if (len_table_has(cmdpos_words, t + s, e - s))
			return (1);
		/* a word with quotes or an expansion: it may spell one */
		for (; s < e; s++)
			if (strchr("'\"\\$`", t[s]) != NULL)
				return (1);
		/* NAME=value, >f: the word before it */
		if (memchr(t + i, '=', e - i) == NULL &&
		    memchr(t + i, '<', e - i) == NULL &&
		    memchr(t + i, '>', e - i) == NULL)
			return (0);
	}
	return (1);
}

/* NAME written where its value is matched as it is written (a for's
   NAME, ${NAME:=WORD}) or is a number ((( NAME++ ))): vt_set(), and
   counted as such for word_any(). */
static void
vt_setsafe(struct ctx *c, uint32_t h)
{
	uint32_t i;

	vt_set(c, h);
	for (i = 0; i < c->nvt; i++)
		if (c->vt[i] == h) {
			if (c->vts[i] < UINT16_MAX)
				c->vts[i]++;
			return;
		}
}

/*
 * Is the word that ends at t[e] (blanks after it skipped) for or
 * select, in a command's place?
 */
static int
vt_forword(const char *t, size_t e)
{
	size_t s;

	while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	for (s = e; s > 0 && vt_id((unsigned char)t[s - 1]); s--)
		;
	if (!((e - s == 3 && memcmp(t + s, "for", 3) == 0) ||
	    (e - s == 6 && memcmp(t + s, "select", 6) == 0)))
		return (0);
	return (s == 0 || !vt_id((unsigned char)t[s - 1])) &&
	    vt_cmdpos(t, s);
}

static void
vt_scan(struct ctx *c, const char *t, size_t n)
{
	size_t i = 0, st, k, l, aend = 0;
	uint32_t h;
	char w[10];
	int pre, after, exp = 0, kw = 0, depth, inval = 0, vexp = 0;
	int nref = 0, kwv = 0;

	/*
	 * A name set by a builtin is dynamic when an expansion is in the
	 * same statement (declare "$(printf x)=/etc"): kw and exp are
	 * those of the statement at hand, up to ; & | ( ) or a newline.
	 * For export, declare, local, typeset and readonly (kwv), one in
	 * a value (export PATH=$HOME/bin:$PATH, after a '=' with no blank
	 * between) names nothing, unless an option makes names of values
	 * (declare -n r=$x: r is then whatever $x names).  For the others
	 * it does: eval "a=$x" and let "a=$x" run what $x holds.
	 */
	while (i < n) {
		/* $(( )), for (( )): what a name is set to there is a
		   number (word_any()); not ( (x) ), two subshells, nor a
		   bare (( )), which sh (dash) runs as two subshells too */
		if (i >= aend && t[i] == '(' && i + 1 < n && t[i + 1] == '(' &&
		    ((i > 0 && t[i - 1] == '$') || vt_forword(t, i))) {
			for (k = i + 1, depth = 0; k < n; k++)
				if (t[k] == '(')
					depth++;
				else if (t[k] == ')' && --depth == 0)
					break;
			if (k + 1 < n && t[k + 1] == ')')
				aend = k + 1;
		}
		if (t[i] == ';' || t[i] == '&' || t[i] == '|' || t[i] == '(' ||
		    t[i] == ')' || (t[i] == '\n' && (i == 0 ||
		    t[i - 1] != '\\'))) {
			if ((kw && (exp || vexp)) || (kwv && (exp ||
			    (vexp && nref))))
				c->vtdyn = 1;
			kw = kwv = exp = inval = vexp = nref = 0;
			i++;
			continue;
		}
		if (t[i] == '`' || t[i] == '$') {
			if (inval)
				vexp = 1;
			else
				exp = 1;
			/* $'\x64eclare': any name */
			if (t[i] == '$' && i + 1 < n && t[i + 1] == '\'' &&
			    (k = strcspn(t + i + 2, "'")) > 0 &&
			    memchr(t + i + 2, '\\', k) != NULL)
				kw = 1;
			i++;
			continue;
		}
		/* . FILE and source FILE: any name */
		if (t[i] == '.' && i + 1 < n && (t[i + 1] == ' ' ||
		    t[i + 1] == '\t') && (i == 0 || strchr(" \t\n;&|({'\"",
		    t[i - 1]) != NULL) && vt_cmdpos(t, i))
			c->vtdyn = 1;
		if (!vt_id((unsigned char)t[i]) || (t[i] >= '0' && t[i] <= '9')) {
			if (t[i] == '=')
				inval = 1;
			else if (t[i] == ' ' || t[i] == '\t')
				inval = 0;
			i++;
			continue;
		}
		/* A name, quotes inside it skipped. */
		st = i;
		pre = st > 0 ? (unsigned char)t[st - 1] : ' ';
		h = 2166136261u;
		l = 0;
		for (; i < n; i++) {
			if (t[i] == '\'' || t[i] == '"' || t[i] == '\\')
				continue;
			if (!vt_id((unsigned char)t[i]))
				break;
			h = vt_hash(h, t[i]);
			if (l < sizeof(w))
				w[l] = t[i];
			l++;
		}
		after = i < n ? (unsigned char)t[i] : ' ';
		if (pre == '$')
			continue;		/* $x: read */
		if (pre == '{' && st >= 2 && t[st - 2] == '$' && after == '}')
			continue;		/* ${x}: read */
		/* ${x:=WORD} sets x to WORD, matched where it is written
		   (feed_word()); a for's NAME; a name in (( )); an
		   option's letters (rm -f "$f") set nothing */
		if (pre == '-' && memchr(w, 'n', l < sizeof(w) ? l :
		    sizeof(w)) != NULL)
			nref = 1;	/* declare -n, typeset -gn */
		if ((pre == '{' && st >= 2 && t[st - 2] == '$') || st < aend ||
		    pre == '-' ||
		    ((pre == ' ' || pre == '\t') && vt_forword(t, st))) {
			vt_setsafe(c, h);
			continue;
		}
		vt_set(c, h);
		if (l < 2 || l > sizeof(w))
			continue;
		if ((l == 2 && memcmp(w, "cd", 2) == 0) ||
		    (l == 4 && memcmp(w, "popd", 4) == 0) ||
		    (l == 5 && memcmp(w, "pushd", 5) == 0)) {
			vt_set(c, vt_strhash("PWD", 3));
			continue;
		}
		if (l == 6 && memcmp(w, "source", 6) == 0)
			c->vtdyn = 1;
		/* (-exec, read-only: an option, a word, not a builtin;
		   docker exec: an operand) */
		if (pre != '-' && after != '-' &&
		    len_table_has(vt_setters, w, l) && vt_cmdpos(t, st)) {
			if (len_table_has(setvar_names, w, l))
				kwv = 1;
			else
				kw = 1;
		}
	}
	if ((kw && (exp || vexp)) || (kwv && (exp || (vexp && nref))))
		c->vtdyn = 1;
}

static void __attribute__((noinline))
vt_compute(struct ctx *c)
{
	const struct risk_call *call = c->call;
	size_t i;

	c->vtdone = 1;
	c->vtdyn = 0;
	c->nvt = 0;
	c->nvv = 0;
	if (call->command != NULL)
		vt_scan(c, call->command, strlen(call->command));
	for (i = 0; call->argv != NULL && i < call->argc; i++)
		if (call->argv[i] != NULL)
			vt_scan(c, call->argv[i], strlen(call->argv[i]));
	for (i = 0; call->envv != NULL && i < call->envc; i++)
		if (call->envv[i] != NULL)
			vt_scan(c, call->envv[i], strlen(call->envv[i]));
	if (call->input != NULL)
		vt_scan(c, call->input, call->inputlen);
	vt_lits(c);
}

/* Set by the shell itself, from what the line does. */
static int
vt_implicit(const char *s, size_t n)
{
	return (lt_has(implicit_vars, IV_N, s, n));
}

/*
 * May an expansion in this word's text (quotes removed, expansions as
 * written) hold a '/' the tool's environment did not put there?  Text
 * that was quoted ('$x') is taken as an expansion too.
 */
static int
word_cross(struct ctx *c, const char *s, size_t n)
{
	const char *e = s + n, *p, *q;
	size_t l;

	for (p = s; p < e; p++) {
		if (*p == '`')
			return (1);
		if (*p != '$' || p + 1 >= e)
			continue;
		q = p + 1;
		if (*q == '{')
			q++;
		for (l = 0; q + l < e && vt_id((unsigned char)q[l]); l++)
			;
		/* $( $(( ${x:-y} ${!x} ${#x} $1 $@ $* ... */
		if (l == 0 || (q[0] >= '0' && q[0] <= '9'))
			return (1);
		if (q != p + 1 && (q + l >= e || q[l] != '}'))
			return (1);
		if (!c->vtdone)
			vt_compute(c);
		if (c->vtdyn || vt_isset(c, q, l) || vt_implicit(q, l))
			return (1);
		p = q + l - 1;
	}
	return (0);
}

/*
 * A word that is nothing but expansions (its pattern all "*"): may it
 * name any file at all?  Yes when one of them is a value the line
 * works out as it runs: a command's output ($(x), `x`), a variable it
 * sets other than as a for's (read, x=$(y), two values, declare ...,
 * anything after eval or source) or one the shell sets ($_, REPLY).
 * Not a variable of the tool's environment, a for's variable or a
 * positional parameter: the words they take are matched where the
 * line writes them (a $(x) there too).  Nor $((...)), $#, $?, ${#x}.
 */
static int
word_any(struct ctx *c, const char *s, size_t n)
{
	const char *e = s + n, *p = s, *q;
	uint32_t h, i;
	size_t l;
	int depth;

	/* <(x), >(x): a pipe to what runs in it (classified itself) */
	if (n > 1 && (s[0] == '<' || s[0] == '>') && s[1] == '(')
		return (0);
	while (p < e) {
		if (*p == '`')
			return (1);
		if (*p != '$' || p + 1 >= e) {
			p++;
			continue;
		}
		q = p + 1;
		if (*q == '(') {
			if (q + 1 < e && q[1] == '(') {
				/* $((...)): a number, whatever is in it */
				for (p = q, depth = 0; p < e; p++)
					if (*p == '(')
						depth++;
					else if (*p == ')' && --depth == 0)
						break;
				if (p < e)
					p++;
				continue;
			}
			return (1);
		}
		if (*q == '{') {
			if (q + 1 < e && q[1] == '!')
				return (1);	/* ${!x}: any name's */
			if (q + 1 < e && q[1] == '#') {
				p = q + 2;	/* ${#x}: a length */
				continue;
			}
			q++;
		}
		for (l = 0; q + l < e && vt_id((unsigned char)q[l]); l++)
			;
		if (l == 0 || (q[0] >= '0' && q[0] <= '9')) {
			p = q < e ? q + 1 : e;	/* $1 $@ $* $# $? $$ $! */
			continue;
		}
		p = q + l;
		if (!c->vtdone)
			vt_compute(c);
		if (c->vtdyn || vt_implicit(q, l))
			return (1);
		if (vt_value(c, q, l) != NULL && !vt_isset(c, "IFS", 3))
			continue;	/* x=v: v (word_subst()) */
		h = vt_strhash(q, l);
		for (i = 0; i < c->nvt; i++)
			if (c->vt[i] == h && c->vts[i] != c->vtn[i])
				return (1);
	}
	return (0);
}

/*
 * Does any text of the call (line, argv, environment, input) name one
 * of words, in any case?  Looked for once: *memo is 0 until then, 1
 * for no, 2 for yes.
 */
static int
call_names(struct ctx *c, int *memo, const char *const *words, size_t n)
{
	size_t i;

	if (*memo == 0) {
		*memo = 1;
		for (i = 0; i < n && *memo == 1; i++)
			if (call_has_case(c->call, words[i]))
				*memo = 2;
	}
	return (*memo == 2);
}

/*
 * Does the call turn on globs that match a leading '.' (bash's dotglob
 * or GLOBIGNORE, zsh's GLOB_DOTS, ksh's FIGNORE), or run zsh, whose
 * glob qualifiers can?
 */
static int
dotglob(struct ctx *c)
{
	static const char *const words[] = {
		"dotglob", "globdots", "glob_dots", "globignore", "fignore",
		"zsh",
	};

	return (call_names(c, &c->dotglob, words,
	    sizeof(words) / sizeof(words[0])));
}

/*
 * Does the call turn on globs matched without case (bash's nocaseglob,
 * zsh's NO_CASE_GLOB) or extended ones (extglob's @(x), which match a
 * leading '.'; ksh's, zsh's)?  Its glob words may then be any path.
 */
static int
globx(struct ctx *c)
{
	static const char *const words[] = {
		"caseglob", "case_glob", "extglob", "kshglob", "ksh_glob",
		"extendedglob", "extended_glob",
	};

	/* each has "glob" in it: one look for that first */
	if (c->globx == 0 && !call_has_case(c->call, "glob"))
		c->globx = 1;
	return (call_names(c, &c->globx, words,
	    sizeof(words) / sizeof(words[0])));
}

/*
 * How a word's pattern meets a path pattern (gisect2()'s path): 0 if
 * its wildcards may stand for a '/' (word_cross()), 2 if each is a
 * glob of the shell's, that gives no leading '.', else 1.
 */
static int
glob_mode(struct ctx *c, const char *s, size_t n)
{
	if (word_cross(c, s, n))
		return (0);
	if (memchr(s, '$', n) != NULL || dotglob(c))
		return (1);
	return (2);
}

/*
 * A value put into a word's pattern: unquoted, the shell globs it
 * (f='/etc/s?adow'; cat $f, f='/etc/s[h]adow'), so its * ? [ ] stay
 * wildcards (quoted, a glob matches its own text too).  A backslash
 * quotes the next character where the value is globbed (f='s\h*' is
 * shadow) and is itself where it is not: a '*' matches both.  Sets
 * *glob if a wildcard is there.
 */
static size_t
value_glob(char *d, const char *s, size_t n, int *glob)
{
	size_t i, l = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == '?' || s[i] == '[' ||
		    s[i] == '\\') {
			*glob = 1;
			if (s[i] == '\\') {
				if (l == 0 || d[l - 1] != '*')
					d[l++] = '*';
				continue;
			}
		}
		d[l++] = s[i];
	}
	return (l);
}

/*
 * A word whose every expansion is $NAME or ${NAME}, each a name the
 * call sets to one literal value (d=build; ls $d/src) or does not set
 * at all: its text and pattern with those values put in (into the
 * arena; *op NULL when no wildcard is left).  0 if it is not such a
 * word (word_cross() then decides).
 */
static int
word_subst(struct ctx *c, const char *s, size_t n, const char *pat,
    const char **os, size_t *on, const char **op)
{
	char tb[1024], pb[2048], *t, *p;
	const struct vtval *v;
	const char *q;
	size_t ti = 0, tl = 0, pl = 0, l, k, nv = 0;
	int glob = 0, brace;

	/* Only $NAME and ${NAME}: say no to others before any scan. */
	for (q = s; (q = memchr(q, '$', (size_t)(s + n - q))) != NULL; q++)
		if (q + 1 >= s + n || (q[1] == '{' ? q + 2 >= s + n ||
		    !vt_id((unsigned char)q[2]) || (q[2] >= '0' && q[2] <= '9') :
		    !vt_id((unsigned char)q[1]) || (q[1] >= '0' && q[1] <= '9')))
			return (0);
	if (memchr(s, '`', n) != NULL)
		return (0);
	if (!c->vtdone)
		vt_compute(c);
	/* (a value is split at $IFS: one the line sets splits anywhere) */
	if (c->vtdyn || c->nvv == 0 || vt_isset(c, "IFS", 3))
		return (0);
	while (*pat != '\0') {
		if (tl + 4 > sizeof(tb) || pl + 4 > sizeof(pb))
			return (0);
		if (*pat == '*' && ti < n && s[ti] == '$') {
			pat++;
			/* one '*' for a run of expansions */
			while (ti < n && s[ti] == '$') {
				q = s + ti + 1;
				brace = ti + 1 < n && *q == '{';
				q += brace;
				for (l = 0; q + l < s + n &&
				    vt_id((unsigned char)q[l]); l++)
					;
				if (l == 0 || (q[0] >= '0' && q[0] <= '9') ||
				    (brace && (q + l >= s + n || q[l] != '}')))
					return (0);
				if (vt_implicit(q, l))
					return (0);
				if ((v = vt_value(c, q, l)) != NULL) {
					if (tl + v->n + 1 > sizeof(tb) ||
					    pl + 2 * v->n + 1 > sizeof(pb))
						return (0);
					memcpy(tb + tl, v->v, v->n);
					tl += v->n;
					pl += value_glob(pb + pl, v->v, v->n,
					    &glob);
					nv++;
				} else if (vt_isset(c, q, l))
					return (0);	/* set otherwise */
				else {
					/* the tool's environment */
					k = (size_t)(q + l + brace - (s + ti));
					if (tl + k + 1 > sizeof(tb))
						return (0);
					memcpy(tb + tl, s + ti, k);
					tl += k;
					if (pl == 0 || pb[pl - 1] != '*')
						pb[pl++] = '*';
					glob = 1;
				}
				ti = (size_t)(q + l + brace - s);
			}
			continue;
		}
		if (ti >= n)
			return (0);
		if (*pat == '\\' && pat[1] != '\0') {
			pb[pl++] = *pat++;
			pb[pl++] = *pat++;
		} else {
			if (*pat == '*' || *pat == '?' || *pat == '[') {
				if (*pat != s[ti])
					return (0);	/* extglob, `x` */
				glob = 1;
			}
			pb[pl++] = *pat++;
		}
		tb[tl++] = s[ti++];
	}
	if (ti != n || nv == 0)
		return (0);
	if ((t = shellparse_alloc(c->sp, tl + 1)) == NULL) {
		c->nomem = 1;
		return (0);
	}
	memcpy(t, tb, tl);
	t[tl] = '\0';
	*os = t;
	*on = tl;
	*op = NULL;
	if (glob) {
		if ((p = shellparse_alloc(c->sp, pl + 1)) == NULL) {
			c->nomem = 1;
			return (0);
		}
		memcpy(p, pb, pl);
		p[pl] = '\0';
		*op = p;
	}
	return (1);
}

/*
 * The pattern of a word's text (quotes removed, expansions as written):
 * each expansion a "*", a glob character a glob (it may have been
 * quoted: that only matches more).  d holds 2n + 1 bytes.
 */
static void
text_pattern(const char *s, size_t n, char *d)
{
	size_t i = 0, l = 0;
	int depth;
	char open, close;

	while (i < n) {
		if (s[i] == '`') {
			for (i++; i < n && s[i] != '`'; i++)
				if (s[i] == '\\')
					i++;
			i++;
		} else if (s[i] == '$' && i + 1 < n && (s[i + 1] == '{' ||
		    s[i + 1] == '(')) {
			open = s[i + 1];
			close = open == '{' ? '}' : ')';
			for (i += 2, depth = 1; i < n && depth > 0; i++)
				if (s[i] == open)
					depth++;
				else if (s[i] == close)
					depth--;
		} else if (s[i] == '$' && i + 1 < n && vt_id((unsigned char)
		    s[i + 1]) && !(s[i + 1] >= '0' && s[i + 1] <= '9')) {
			for (i++; i < n && vt_id((unsigned char)s[i]); i++)
				;
		} else if (s[i] == '$' && i + 1 < n &&
		    strchr("0123456789@*#?-$!_", s[i + 1]) != NULL) {
			i += 2;
		} else {
			if (s[i] == '\\' || s[i] == ']')
				d[l++] = '\\';
			d[l++] = s[i++];
			continue;
		}
		if (l == 0 || d[l - 1] != '*')
			d[l++] = '*';
	}
	d[l] = '\0';
}

/*
 * fn() on each blank-separated field of text s (n bytes) and its
 * pattern p (NULL: s is literal), which split at the same blanks.
 */
static int
feed_fields(struct ctx *c, pathfn fn, const char *s, size_t n,
    const char *p, const void *arg)
{
	const char *ws = " \t\n";
	size_t i = 0, j = 0, pn = p != NULL ? strlen(p) : 0, a, b;
	char *f;

	for (;;) {
		while (i < n && strchr(ws, s[i]) != NULL)
			i++;
		while (p != NULL && j < pn && strchr(ws, p[j]) != NULL)
			j++;
		if (i >= n)
			return (0);
		a = strcspn(s + i, ws);
		if (a > n - i)
			a = n - i;
		b = p != NULL ? strcspn(p + j, ws) : 0;
		if (a == n)
			return (0);		/* one field: fed as it is */
		if (p != NULL) {
			if (j >= pn)
				return (0);
			if ((f = shellparse_alloc(c->sp, b + 1)) == NULL) {
				c->nomem = 1;
				return (1);
			}
			memcpy(f, p + j, b);
			f[b] = '\0';
			if (fn(c, s + i, a, f, arg))
				return (1);
		} else if (fn(c, s + i, a, NULL, arg))
			return (1);
		i += a;
		j += b;
	}
}

/* fn() on a word, or on its values if word_subst() knows them. */
static int
feed_word(struct ctx *c, pathfn fn, const char *t, size_t n,
    const char *pat, const void *arg)
{
	const char *os, *op, *e = t + n, *p, *q, *r;
	size_t on, k;
	char *d, *dp;
	int depth;

	if (pat == NULL || memchr(t, '$', n) == NULL)
		return (fn(c, t, n, pat, arg));
	if (word_subst(c, t, n, pat, &os, &on, &op)) {
		if (fn(c, os, on, op, arg))
			return (1);
		/* unquoted, a value is split into words at blanks
		   (f='a /etc/shadow'; cat $f) */
		if (strcspn(os, " \t\n") < on &&
		    feed_fields(c, fn, os, on, op, arg))
			return (1);
	} else if (fn(c, t, n, pat, arg))
		return (1);
	/* ${x:-/etc/shadow}, ${x=...}, ${x:+...}: that value too */
	for (p = t; (p = find_pair(p, (size_t)(e - p), '$', '{')) != NULL;
	    p += 2) {
		for (q = p + 2; q < e && vt_id((unsigned char)*q); q++)
			;
		if (q == p + 2 || q >= e)
			continue;
		if (*q == ':')
			q++;
		if (q >= e || (*q != '-' && *q != '=' && *q != '+' &&
		    *q != '?'))
			continue;
		for (r = ++q, depth = 1; r < e; r++)
			if (*r == '{')
				depth++;
			else if (*r == '}' && --depth == 0)
				break;
		if (r >= e || r == q)
			continue;
		/* with the text around it */
		if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
			c->nomem = 1;
			return (1);
		}
		k = 0;
		memcpy(d, t, (size_t)(p - t));
		k += (size_t)(p - t);
		for (; q < r; q++)
			if (*q != '\'' && *q != '"')
				d[k++] = *q;
		memcpy(d + k, r + 1, (size_t)(e - r - 1));
		k += (size_t)(e - r - 1);
		d[k] = '\0';
		if (k == 0)
			continue;
		if (memchr(d, '$', k) == NULL && memchr(d, '`', k) == NULL) {
			if (fn(c, d, k, NULL, arg))
				return (1);
			continue;
		}
		/* ${x:-$HOME/.ssh/id_rsa}: expansions in it as patterns */
		if ((dp = shellparse_alloc(c->sp, 2 * k + 1)) == NULL) {
			c->nomem = 1;
			return (1);
		}
		text_pattern(d, k, dp);
		if (fn(c, d, k, dp, arg))
			return (1);
	}
	return (0);
}

/*
 * ~, ~+ and ~- are $HOME, $PWD and $OLDPWD.  When the call may set the
 * one a word starts with (HOME=/etc; cat ~/shadow), or it is ~- (the
 * directory before the last cd, not known), the word is also fed as
 * that expansion (with the value the line gives, if one); ~+/x is also
 * the working directory's x (after a cd, or -C /etc: /etc/x).
 */
static int
tilde_feed(struct ctx *c, pathfn fn, const struct shellparse_word *w,
    const void *arg)
{
	static const char *const vars[3] = { "$HOME", "$PWD", "$OLDPWD" };
	const char *t = w->text, *pat = shellparse_pattern(w);
	size_t n = w->len, pl, vl, rl;
	char *d, *dp;
	int v = 0;

	if (n >= 2 && (t[1] == '+' || t[1] == '-'))
		v = t[1] == '+' ? 1 : 2;
	pl = v ? 2 : 1;
	/* ~1, ~+2, ~-1: an entry of the directory stack (pushd) */
	if (n > pl && isdigit((unsigned char)t[pl])) {
		path_any(c, t, n);
		return (0);
	}
	if ((n > pl && t[pl] != '/') ||
	    (pat != NULL && strncmp(pat, t, pl) != 0))
		return (0);		/* ~user, or not as written */
	if (!c->vtdone)
		vt_compute(c);
	if (v == 1 && n > pl + 1 && fn(c, t + pl + 1, n - pl - 1,
	    pat != NULL ? pat + pl + 1 : NULL, arg))
		return (1);
	if ((v == 0 && !vt_isset(c, "HOME", 4)) ||
	    (v == 1 && !vt_isset(c, "PWD", 3)))
		return (0);
	vl = strlen(vars[v]);
	rl = n - pl;
	if ((d = shellparse_alloc(c->sp, vl + rl + 1)) == NULL ||
	    (dp = shellparse_alloc(c->sp, 2 + (pat != NULL ? strlen(pat) :
	    2 * rl))) == NULL) {
		c->nomem = 1;
		return (1);
	}
	memcpy(d, vars[v], vl);
	memcpy(d + vl, t + pl, rl);
	d[vl + rl] = '\0';
	dp[0] = '*';
	if (pat != NULL)
		strcpy(dp + 1, pat + pl);
	else
		dp[1 + glob_escape(dp + 1, t + pl, rl)] = '\0';
	return (feed_word(c, fn, d, vl + rl, dp, arg));
}

/*
 * A normalised relative path that climbs (../../etc/x) leaves a
 * directory only known when it runs, and from one near the root it
 * reaches /etc/x: the offset of that "/etc/x" in p, or 0 if p does
 * not climb (or is only ..).
 */
static size_t
path_climb(const char *p, size_t n)
{
	size_t i = 0;

	while (i + 3 <= n && p[i] == '.' && p[i + 1] == '.' && p[i + 2] == '/')
		i += 3;
	if (i == 0 || i >= n || (n - i == 2 && p[i] == '.' && p[i + 1] == '.'))
		return (0);
	return (i - 1);
}

/*
 * Does word s start with a variable that holds an absolute path
 * ($HOME/x, ${PWD}, $TMPDIR/y), so that it is no relative path?
 */
static int
word_home(const char *s, size_t n)
{
	static const char *const vars[] = {
		"HOME", "PWD", "OLDPWD", "TMPDIR",
	};
	size_t i, l, o;

	if (n < 4 || s[0] != '$')
		return (0);
	o = s[1] == '{' ? 2 : 1;
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		l = strlen(vars[i]);
		if (n < o + l || memcmp(s + o, vars[i], l) != 0)
			continue;
		if (o == 2 && (n < o + l + 1 || s[o + l] != '}'))
			continue;
		l += o == 2 ? 3 : 1;
		if (n == l || s[l] == '/')
			return (1);
	}
	return (0);
}

/*
 * The other forms of a path: what the kernel opens when it is given it.
 * A path is text and the file system is not known here, but a few
 * links every Linux system has are (/var/run is /run, /dev/fd is
 * /proc/self/fd, /dev/stdin is /proc/self/fd/0), and /proc's are what
 * a process makes them:
 *
 *	/var/run/../etc/shadow		/etc/shadow (.. of /run)
 *	/proc/self/root/etc/shadow	/etc/shadow (also /proc/PID/...,
 *					/proc/self/task/TID/root/...)
 *	/proc/1/cwd/x, /dev/fd/../..	any path: a process's directory,
 *					or .. of a link /proc points
 *					anywhere
 *
 * Each form is given as the word was: a literal as a string, a glob of
 * the shell's as a glob, its escapes kept (/etc/./s?adow is the glob
 * /etc/s?adow; /proc/[0-9]?/root/x is /x).  A glob's segment before a ..
 * that has a wildcard may be a link to anywhere: any path.
 */

/*
 * Links of the system, their targets: a directory at the head.  The
 * link's path is given as its one or two segments, lengths with them,
 * so that a path is split once, not once an entry.
 */
#define SYSLINK(a, b, to)	{ a, b, to, sizeof(a) - 1, sizeof(b) - 1, \
	sizeof(to) - 1, sizeof(b) > 1 ? 2 : 1 }
static const struct {
	const char	*f0, *f1, *to;
	uint8_t		 l0, l1, tl, nseg;
} syslinks[] = {
	SYSLINK("var", "run", "/run"),
	SYSLINK("var", "lock", "/run/lock"),
	SYSLINK("dev", "fd", "/proc/self/fd"),
	SYSLINK("dev", "stdin", "/proc/self/fd/0"),
	SYSLINK("dev", "stdout", "/proc/self/fd/1"),
	SYSLINK("dev", "stderr", "/proc/self/fd/2"),
	SYSLINK("proc", "net", "/proc/self/net"),
	SYSLINK("proc", "mounts", "/proc/self/mounts"),
	SYSLINK("bin", "", "/usr/bin"),
	SYSLINK("sbin", "", "/usr/sbin"),
	SYSLINK("lib", "", "/usr/lib"),
	SYSLINK("lib32", "", "/usr/lib32"),
	SYSLINK("lib64", "", "/usr/lib64"),
	SYSLINK("libx32", "", "/usr/libx32"),
};

#define PSEG_MAX	128	/* segments of a path followed */

/*
 * The next segment of path s from *i ('/'s skipped; a glob's escaped
 * bytes are no '/'): its start and length, 0 at the end.
 */
static int
pseg_next(const char *s, size_t n, size_t *i, int pat, size_t *ss,
    size_t *sl)
{
	size_t k = *i;

	while (k < n && s[k] == '/')
		k++;
	if (k >= n) {
		*i = k;
		return (0);
	}
	*ss = k;
	while (k < n && s[k] != '/') {
		if (pat && s[k] == '\\' && k + 1 < n)
			k++;
		k++;
	}
	*sl = k - *ss;
	*i = k;
	return (1);
}

/* A segment's kind: 1 ".", 2 "..", 3 a glob's wildcard in it, else 0. */
static int
pseg_kind(const char *s, size_t n, int pat)
{
	size_t i, dots = 0, other = 0;

	for (i = 0; i < n; i++) {
		if (pat && s[i] == '\\' && i + 1 < n)
			i++;
		else if (pat && (s[i] == '*' || s[i] == '?' || s[i] == '['))
			return (3);
		if (s[i] == '.')
			dots++;
		else
			other++;
	}
	if (other == 0 && dots >= 1 && dots <= 2)
		return ((int)dots);
	return (0);
}

/* Is the segment name (or, of a glob, may it be)? */
/* A glob's segment that only matches itself: no escape, no wildcard. */
static int
pseg_plain(const char *s, size_t n)
{
	return (memchr(s, '\\', n) == NULL && pseg_kind(s, n, 1) != 3);
}

static int
pseg_isl(const char *s, size_t n, int pat, const char *name, size_t l)
{
	char b[256];

	if (!pat || pseg_plain(s, n))
		return (n == l && memcmp(s, name, l) == 0);
	if (n >= sizeof(b))
		return (1);	/* too long to look at: it may be */
	memcpy(b, s, n);
	b[n] = '\0';
	return (gmatch(b, name, l));
}

static int
pseg_is(const char *s, size_t n, int pat, const char *name)
{
	return (pseg_isl(s, n, pat, name, strlen(name)));
}

/* A /proc/PID (self, thread-self, or a glob's that may be one). */
static int
pseg_pid(const char *s, size_t n, int pat)
{
	size_t i;

	if (pseg_is(s, n, 0, "self") || pseg_is(s, n, 0, "thread-self"))
		return (1);
	if (pat && pseg_kind(s, n, 1) == 3)
		return (1);
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return (0);
	return (n > 0);
}

/*
 * /proc/PID/root/x (or .../task/TID/root/x) is /x: the offset of that
 * "/x" in s, or 0.  /proc/PID/cwd/x, /proc/PID/fd/N/x (a directory
 * open there) and a .. anywhere below /proc or /sys set *any.
 */
static size_t
path_proc(const char *s, size_t n, int pat, int *any)
{
	size_t i = 0, ss[6], sl[6], a, b;
	int k, ns = 0;

	if (n < 5 || s[0] != '/')
		return (0);
	/* (a path written out whose head is not p... or s... is neither) */
	if (!pat) {
		for (a = 1; a < n && s[a] == '/'; a++)
			;
		if (a < n && s[a] != 'p' && s[a] != 's')
			return (0);
	}
	if (!pseg_next(s, n, &i, pat, &ss[0], &sl[0]) ||
	    !(pseg_is(s + ss[0], sl[0], pat, "proc") ||
	    pseg_is(s + ss[0], sl[0], pat, "sys")))
		return (0);
	/* below a link of /proc or /sys, .. may be anywhere */
	for (a = i; pseg_next(s, n, &a, pat, &b, &sl[1]); )
		if (pseg_kind(s + b, sl[1], pat) == 2)
			*any = 1;
	if (!pseg_is(s + ss[0], sl[0], pat, "proc"))
		return (0);
	for (ns = 1; ns < 6 && pseg_next(s, n, &i, pat, &ss[ns], &sl[ns]);
	    ns++)
		;
	if (ns < 3 || !pseg_pid(s + ss[1], sl[1], pat))
		return (0);
	k = 2;
	if (ns >= 5 && pseg_is(s + ss[2], sl[2], pat, "task") &&
	    pseg_pid(s + ss[3], sl[3], pat))
		k = 4;
	if (pseg_is(s + ss[k], sl[k], pat, "root"))
		return (ss[k] + sl[k] < n ? ss[k] + sl[k] : 0);
	if (pseg_is(s + ss[k], sl[k], pat, "cwd") && ns > k + 1)
		*any = 1;
	else if (pseg_is(s + ss[k], sl[k], pat, "fd") && ns > k + 2)
		*any = 1;
	return (0);
}

/*
 * Could a path have other forms through a link at its head (/proc's,
 * or syslinks[]'s: /dev/fd/0/x, /bin/x)?  Gates that look at the
 * bytes of a word as written let such a word by.
 */
static int
path_linked(const char *s, size_t n)
{
	size_t l;

	if (n < 4 || s[0] != '/')
		return (0);
	for (l = 1; l < n && s[l] != '/'; l++)
		;
	if (l == n)
		return (0);
	switch (l - 1) {
	case 3:
		/* /dev/fd, /dev/std*, /var/run, /var/lock: syslinks[] */
		if (memcmp(s + 1, "dev", 3) == 0)
			return (n > l + 2 && (memcmp(s + l + 1, "fd", 2) == 0 ||
			    (n > l + 3 && memcmp(s + l + 1, "std", 3) == 0)));
		if (memcmp(s + 1, "var", 3) == 0)
			return (n > l + 3 && (memcmp(s + l + 1, "run", 3) == 0 ||
			    (n > l + 4 && memcmp(s + l + 1, "lock", 4) == 0)));
		return (memcmp(s + 1, "bin", 3) == 0 ||
		    memcmp(s + 1, "lib", 3) == 0);
	case 4:
		return (memcmp(s + 1, "proc", 4) == 0 ||
		    memcmp(s + 1, "sbin", 4) == 0);
	case 5:
		return (memcmp(s + 1, "lib32", 5) == 0 ||
		    memcmp(s + 1, "lib64", 5) == 0);
	case 6:
		return (memcmp(s + 1, "libx32", 6) == 0);
	}
	return (0);
}

/* A system link at the head of s: s through its target, into d. */
static size_t
path_syslink(const char *s, size_t n, int pat, char *d, size_t dlen)
{
	size_t i0 = 0, i1, ss0, sl0, ss1 = 0, sl1 = 0, i, k, tl;
	int two, lit0, lit1;

	if (n < 4 || s[0] != '/')
		return (0);
	/* Its first two segments, taken once for every link. */
	if (!pseg_next(s, n, &i0, pat, &ss0, &sl0))
		return (0);
	i1 = i0;
	two = pseg_next(s, n, &i1, pat, &ss1, &sl1);
	/* A segment pseg_isl() would compare as it is (no glob in it). */
	lit0 = !pat || pseg_plain(s + ss0, sl0);
	/* var dev proc bin sbin lib lib32 lib64 libx32: 3 to 6 bytes,
	   and these first bytes; a plain segment of none is no link */
	if (lit0 && (sl0 < 3 || sl0 > 6 || (s[ss0] != 'v' && s[ss0] != 'd' &&
	    s[ss0] != 'p' && s[ss0] != 'b' && s[ss0] != 's' &&
	    s[ss0] != 'l')))
		return (0);
	lit1 = !two || !pat || pseg_plain(s + ss1, sl1);
	for (k = 0; k < sizeof(syslinks) / sizeof(syslinks[0]); k++) {
		if (lit0 ? sl0 != syslinks[k].l0 || !meq(s + ss0,
		    syslinks[k].f0, sl0) : !pseg_isl(s + ss0, sl0, pat,
		    syslinks[k].f0, syslinks[k].l0))
			continue;
		if (syslinks[k].nseg == 2 && (!two || (lit1 ?
		    sl1 != syslinks[k].l1 || !meq(s + ss1, syslinks[k].f1,
		    sl1) : !pseg_isl(s + ss1, sl1, pat, syslinks[k].f1,
		    syslinks[k].l1))))
			continue;
		i = syslinks[k].nseg == 2 ? i1 : i0;
		if (i >= n)
			continue;	/* (the link alone: nothing through it) */
		tl = syslinks[k].tl;
		if (tl + (n - i) + 1 > dlen)
			return (0);
		memcpy(d, syslinks[k].to, tl);
		memcpy(d + tl, s + i, n - i);
		d[tl + n - i] = '\0';
		return (tl + n - i);
	}
	return (0);
}

/*
 * path_norm() of a glob: //, /./ gone, x/.. resolved, escapes kept (a
 * ".." written \.\. too); a wildcard's segment before a .. sets *any.
 * Its length, 0 if it does not fit.
 */
static size_t
pnorm(const char *s, size_t n, char *out, size_t cap, int *any)
{
	size_t i = 0, ss, sl, o = 0, st[PSEG_MAX], ns = 0;
	uint8_t kd[PSEG_MAX];
	int abs = n > 0 && s[0] == '/', k;

	if (n + 3 > cap)
		return (0);
	if (abs)
		out[o++] = '/';
	while (pseg_next(s, n, &i, 1, &ss, &sl)) {
		k = pseg_kind(s + ss, sl, 1);
		if (k == 1)
			continue;
		if (k == 2) {
			if (ns > 0 && kd[ns - 1] != 2) {
				if (kd[ns - 1] == 3)
					*any = 1;
				o = st[--ns];
				continue;
			}
			if (abs)
				continue;	/* /.. is / */
		}
		if (ns == PSEG_MAX)
			return (0);
		st[ns] = o;
		kd[ns++] = (uint8_t)k;
		if (o > (size_t)abs)
			out[o++] = '/';
		if (k == 2) {
			memcpy(out + o, "..", 2);
			o += 2;
		} else {
			memcpy(out + o, s + ss, sl);
			o += sl;
		}
	}
	if (o == 0)
		out[o++] = '.';
	/* x/ stays a directory: $d/ is no file of any name */
	if (n > 1 && s[n - 1] == '/' && out[o - 1] != '/')
		out[o++] = '/';
	out[o] = '\0';
	return (o);
}

typedef int (*altfn)(struct ctx *, const char *, size_t, void *);

/*
 * Give fn each other form of path s (a glob when pat; NUL-terminated
 * both): below /proc/PID/root, through a system link, lexically normal
 * and, when it climbs, from the root.  fn's first nonzero ends it.
 */
static int
path_alts(struct ctx *c, const char *s, size_t n, int pat, altfn fn,
    void *arg, int *any, int depth)
{
	char lb[1024], nb[1024];
	size_t l, up;
	int rc;

	if (depth > 3 || n == 0)
		return (0);
	/* too long to follow (the kernel takes 4 KiB): any path */
	if (n + 64 > sizeof(nb)) {
		if (pat || s[0] == '/' || path_odd(s, n))
			*any = 1;
		return (0);
	}
	if ((up = path_proc(s, n, pat, any)) > 0 &&
	    ((rc = fn(c, s + up, n - up, arg)) != 0 ||
	    (rc = path_alts(c, s + up, n - up, pat, fn, arg, any,
	    depth + 1)) != 0))
		return (rc);
	if ((l = path_syslink(s, n, pat, lb, sizeof(lb))) > 0 &&
	    ((rc = fn(c, lb, l, arg)) != 0 ||
	    (rc = path_alts(c, lb, l, pat, fn, arg, any, depth + 1)) != 0))
		return (rc);
	if (!pat && !path_odd(s, n))
		return (0);
	if ((l = pat ? pnorm(s, n, nb, sizeof(nb), any) :
	    path_norm(s, n, nb, sizeof(nb))) == 0) {
		*any = 1;	/* (too many segments) */
		return (0);
	}
	if ((l != n || memcmp(nb, s, n) != 0) && !(pat && gall(nb)) &&
	    ((rc = fn(c, nb, l, arg)) != 0 ||
	    (rc = path_alts(c, nb, l, pat, fn, arg, any, depth + 1)) != 0))
		return (rc);
	if ((up = path_climb(nb, l)) > 0 &&
	    (rc = fn(c, nb + up, l - up, arg)) != 0)
		return (rc);
	return (0);
}

static int
glob_path(const struct rglob *g, const char *s, size_t n, const char *pat,
    int onecomp)
{
	struct gtok tb[GTOK_MAX];

	if (pat != NULL)
		return (!(g->rel && word_home(s, n)) &&
		    gisect_rg(g, tb, gtokens(pat, tb, GTOK_MAX), onecomp));
	return (rglob_match(g, s, n));
}

/* What path_alts()'s fn is given: the word, how it matches. */
struct altarg {
	const struct cmatch *m;		/* a command rule's PATH match */
	const char	*s;
	size_t		 n;
	int		 pat, onecomp, home;
};

static int
alt_one(struct ctx *c, const char *f, size_t fl, void *arg)
{
	const struct altarg *a = arg;
	uint32_t k;

	(void)c;
	for (k = 0; k < a->m->ng; k++)
		if (glob_path(&a->m->g[k], a->pat ? a->s : f, a->pat ? a->n :
		    fl, a->pat ? f : NULL, a->onecomp))
			return (1);
	return (0);
}

/* For a command rule's PATH match: does this path match? */
static int
path_one(struct ctx *c, const char *s, size_t n, const char *pat,
    const void *arg)
{
	struct altarg a;
	uint32_t k;
	int any = 0;

	if (pat != NULL && gall(pat))
		return (0);
	a.m = arg;
	if (c->pread && a.m->write)
		return (0);	/* read, and it wants a written path */
	a.s = s;
	a.n = n;
	a.home = 0;
	a.pat = pat != NULL;
	a.onecomp = pat == NULL ? 1 : glob_mode(c, s, n);
	for (k = 0; k < a.m->ng; k++)
		if (glob_path(&a.m->g[k], s, n, pat, a.onecomp))
			return (1);
	if (pat != NULL)
		return (path_alts(c, pat, strlen(pat), 1, alt_one, &a, &any, 0));
	return (path_alts(c, s, n, 0, alt_one, &a, &any, 0));
}

static void
pset(struct ctx *c, uint32_t pmid, const char *s, size_t n)
{
	if (c->pread && c->rs->pmwrite[pmid]) {
		/* a program run by its path, a PATH directory: only
		   searched or run, whatever the line's names run */
		if (c->pread == 2)
			return;
		/* read, not written: the bit stays clear (path write) */
		if (!((c->prbits[pmid / 64] >> (pmid % 64)) & 1) &&
		    c->pwhat != NULL) {
			c->pwhat[pmid] = s;
			c->pwlen[pmid] = (uint32_t)(n >= PW_TREE ?
			    PW_TREE - 1 : n) | (c->ptree ? PW_TREE : 0);
		}
		c->prbits[pmid / 64] |= (uint64_t)1 << (pmid % 64);
		return;
	}
	c->pbits[pmid / 64] |= (uint64_t)1 << (pmid % 64);
	if (c->pwhat != NULL) {
		c->pwhat[pmid] = s;
		c->pwlen[pmid] = (uint32_t)(n >= PW_TREE ? PW_TREE - 1 : n) |
		    (c->ptree ? PW_TREE : 0);
	}
}

static inline int
pisset(const struct ctx *c, uint32_t pmid)
{
	return ((c->pbits[pmid / 64] >> (pmid % 64)) & 1);
}

/*
 * A word that may be any path (s, n for why): the PATH matches of
 * rs->pany hold for it (try_call()), at most at level high, since
 * what it names is not known: a person is asked, nothing is refused.
 */
static void
path_any(struct ctx *c, const char *s, size_t n)
{
	if (c->rs->npany == 0 || c->noany)
		return;
	if (!c->pread && !c->anypw) {
		c->anypw = 1;
		c->anyww = s;
		c->anywn = n;
	}
	if (c->anyp)
		return;
	c->anyp = 1;
	c->anyw = s;
	c->anyn = n;
}

/* s (or its normalised form) against the buckets; o, on for why. */
/* Which bytes (mod 64) s holds: a glob needing others cannot match. */
static inline uint64_t
bytemask(const char *s, size_t n)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		m |= (uint64_t)1 << (s[i] & 63);
	return (m);
}

static void
path_feed1(struct ctx *c, const char *s, size_t n, const char *o, size_t on)
{
	const struct risk_ruleset *rs = c->rs;
	const struct ppat *pp;
	uint64_t have;
	uint32_t i, b;

	b = (unsigned char)s[0];
	for (i = rs->pbf[b]; i < rs->pbf[b + 1]; i++) {
		pp = &rs->pp[rs->pbfid[i]];
		if (!pisset(c, pp->pmid) && rglob_match(pp->g, s, n))
			pset(c, pp->pmid, o, on);
	}
	b = (unsigned char)s[n - 1];
	for (i = rs->pbl[b]; i < rs->pbl[b + 1]; i++) {
		pp = &rs->pp[rs->pblid[i]];
		if (!pisset(c, pp->pmid) && rglob_match(pp->g, s, n))
			pset(c, pp->pmid, o, on);
	}
	if (rs->npbany == 0)
		return;
	have = bytemask(s, n);
	for (i = 0; i < rs->npbany; i++) {
		pp = &rs->pp[rs->pbany[i]];
		if ((pp->g->need & ~have) == 0 && !pisset(c, pp->pmid) &&
		    rglob_match(pp->g, s, n))
			pset(c, pp->pmid, o, on);
	}
}

/* A glob word (s, n; pattern pat) against the call rules' PATH globs;
   only those of path write rules if wonly. */
static void
pat_feed(struct ctx *c, const char *s, size_t n, const char *pat, int onecomp,
    int home, int wonly)
{
	const struct risk_ruleset *rs = c->rs;
	const struct rglob *g;
	struct gtok tb[GTOK_MAX];
	int pf, pl, nb = -2;
	uint32_t i;

	pf = glob_first(pat);
	pl = glob_last(pat);
	for (i = 0; i < rs->npp; i++) {
		g = rs->pp[i].g;
		if ((g->rel && home) || (wonly && !rs->pmwrite[rs->pp[i].pmid]))
			continue;	/* not a relative path; not written */
		/* Both must start (end) alike: skip without tokenising
		   either. */
		if ((pf >= 0 && g->first >= 0 && pf != g->first) ||
		    (pl >= 0 && g->last >= 0 && pl != g->last))
			continue;
		if (pisset(c, rs->pp[i].pmid))
			continue;
		if (nb == -2)	/* pat's tokens, once */
			nb = gtokens(pat, tb, GTOK_MAX);
		if (gisect_rg(g, tb, nb, onecomp))
			pset(c, rs->pp[i].pmid, s, n);
	}
}

static int
alt_feed(struct ctx *c, const char *f, size_t fl, void *arg)
{
	const struct altarg *a = arg;

	path_feed1(c, f, fl, a->s, a->n);
	return (0);
}

static int
alt_feedpat(struct ctx *c, const char *f, size_t fl, void *arg)
{
	const struct altarg *a = arg;

	(void)fl;
	pat_feed(c, a->s, a->n, f, a->onecomp, a->home, 0);
	return (0);
}

/* path_feed(), for a word that may be a path the rules name. */
static void __attribute__((noinline))
path_feed_slow(struct ctx *c, const char *s, size_t n, const char *pat)
{
	const struct risk_ruleset *rs = c->rs;
	struct altarg a;
	uint32_t i;
	int any = 0;

	a.m = NULL;
	a.s = s;
	a.n = n;
	a.pat = pat != NULL;
	a.onecomp = a.home = 0;
	if (pat != NULL) {
		if (gall(pat)) {
			/* cat "$(ls -a)": any; cat "$f", cat *: none; a
			   word too intricate to follow: any; @(.env) of
			   extglob: any */
			if (c->opqw || word_any(c, s, n) || (memchr(s, '(',
			    n) != NULL && globx(c)))
				path_any(c, s, n);
			else if (!c->pread && rs->npmw > 0 &&
			    strspn(s, "*") == n)
				/* rm *, sed -i s/a/b/ *: every name here,
				   for path write rules (for others no
				   path: cat * would meet every rule
				   naming a file the workspace may hold) */
				pat_feed(c, s, n, pat, glob_mode(c, s, n), 0,
				    1);
			return;
		}
		/* nocaseglob, extglob: any file its glob may match */
		if (globx(c))
			path_any(c, s, n);
		a.onecomp = glob_mode(c, s, n);
		a.home = word_home(s, n);
		pat_feed(c, s, n, pat, a.onecomp, a.home, 0);
		if (strchr(pat, '/') != NULL)
			path_alts(c, pat, strlen(pat), 1, alt_feedpat, &a, &any,
			    0);
		if (any)
			path_any(c, s, n);
		return;
	}
	if (rs->pgated && !path_linked(s, n)) {
		for (i = 0; i < n && !rs->pgate[(unsigned char)s[i]]; i++)
			;
		if (i == n)
			return;
	}
	path_feed1(c, s, n, s, n);
	path_alts(c, s, n, 0, alt_feed, &a, &any, 0);
	if (any)
		path_any(c, s, n);
}

/* Feed a path to the call rules' PATH matches. */
static inline int
path_feed(struct ctx *c, const char *s, size_t n, const char *pat,
    const void *arg)
{
	const struct risk_ruleset *rs = c->rs;
	size_t i;

	if (n == 0)
		return (0);
	/*
	 * Most words are no path any rule names: say so in one pass.  A
	 * path that is normalised could gain a pair, so the pairs that
	 * make path_odd() hold (// /. ./, and a trailing /) let a word
	 * by too, as does a path through a link (path_linked()).
	 */
	if (pat == NULL && rs->pbigged) {
		for (i = 0; i + 1 < n && !rs->pbig[PBIG_HASH(
		    (unsigned char)s[i], (unsigned char)s[i + 1])]; i++)
			;
		if (i + 1 >= n && !(n > 1 && s[n - 1] == '/') &&
		    !path_linked(s, n))
			return (0);
	}
	path_feed_slow(c, s, n, pat);
	return (0);
}

/* s as a glob that matches it alone (into d, 2n bytes): its length. */
static size_t
glob_escape(char *d, const char *s, size_t n)
{
	size_t i, l = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == '?' || s[i] == '[' || s[i] == ']' ||
		    s[i] == '\\')
			d[l++] = '\\';
		d[l++] = s[i];
	}
	return (l);
}

/*
 * After a cd: a relative path is also fed as the cd's directory joined
 * with it (cd /etc && cat shadow is /etc/shadow); path_feed_cwd() feeds
 * it as written too.  Only added: a cd can only match more rules.
 */
static int
path_feed_join(struct ctx *c, const char *s, size_t n, const char *pat,
    const void *arg)
{
	char *j, *jp;
	size_t pl, l, jl;

	/* (a word that is all expansion is no path as written either;
	   a * is every name in the directory: cd /etc && rm -r *) */
	if (n == 0 || s[0] == '/' || s[0] == '~' || c->cwdlen + 1 + n > 1000 ||
	    (pat != NULL && (pat[0] == '/' || pat[0] == '~' ||
	    (gall(pat) && strspn(s, "*") < n))))
		return (0);
	if ((j = shellparse_alloc(c->sp, c->cwdlen + 1 + n + 1)) == NULL) {
		c->nomem = 1;
		return (1);
	}
	memcpy(j, c->cwd, c->cwdlen);
	jl = c->cwdlen;
	if (jl == 0 || j[jl - 1] != '/')
		j[jl++] = '/';		/* (cd / && cat etc/x: /etc/x) */
	memcpy(j + jl, s, n);
	jl += n;
	j[jl] = '\0';
	if (pat == NULL && c->cwdp == NULL) {
		path_feed(c, j, jl, NULL, arg);
		return (0);
	}
	/* A pattern joined: the directory's (or its text, escaped), then
	   the word's (or its text, escaped). */
	pl = pat != NULL ? strlen(pat) : 2 * n;
	l = c->cwdp != NULL ? c->cwdplen : 2 * c->cwdlen;
	if ((jp = shellparse_alloc(c->sp, l + 1 + pl + 1)) == NULL) {
		c->nomem = 1;
		return (1);
	}
	if (c->cwdp != NULL)
		memcpy(jp, c->cwdp, (l = c->cwdplen));
	else
		l = glob_escape(jp, c->cwd, c->cwdlen);
	jp[l++] = '/';
	if (pat != NULL) {
		memcpy(jp + l, pat, pl);
		l += pl;
	} else
		l += glob_escape(jp + l, s, n);
	jp[l] = '\0';
	path_feed(c, j, jl, jp, arg);
	return (0);
}

static int
path_feed_cwd(struct ctx *c, const char *s, size_t n, const char *pat,
    const void *arg)
{
	path_feed(c, s, n, pat, arg);
	return (path_feed_join(c, s, n, pat, arg));
}

/* A path as written, and joined with the cd's directory if any. */
static void
path_feed_here(struct ctx *c, const char *s, size_t n)
{
	if (c->cwd == NULL)
		path_feed(c, s, n, NULL, NULL);
	else
		path_feed_cwd(c, s, n, NULL, NULL);
}

/* The paths of a command's redirections alone. */
static void __attribute__((noinline))
redir_paths(struct ctx *c, const struct shellparse_cmd *cmd)
{
	struct shellparse_cmd r = *cmd;

	r.nwords = r.nassign = 0;
	if (c->cwd == NULL)
		cmd_paths(c, &r, path_feed, NULL);
	else
		cmd_paths(c, &r, path_feed_cwd, NULL);
}

/* cmd_paths() after a cd: out of line, as it is seldom needed. */
static void __attribute__((noinline))
cmd_paths_cwd(struct ctx *c, const struct shellparse_cmd *cmd)
{
	cmd_paths(c, cmd, path_feed_cwd, NULL);
}

/*
 * Make c->cwd the directory t (of l bytes, in the arena): as it is if
 * absolute or ~, else joined to c->cwd (or to ".", the workspace).
 */
static void
cwd_set(struct ctx *c, const char *t, size_t l)
{
	size_t n;
	char *j, *p;

	if (t[0] == '/' || t[0] == '~') {
		c->cwd = t;
		c->cwdlen = l;
		c->cwdp = NULL;
		return;
	}
	n = c->cwd != NULL ? c->cwdlen : 1;
	if (n + 1 + l > 1000 || (j = shellparse_alloc(c->sp, n + 1 + l + 1))
	    == NULL) {
		c->cwd = NULL;
		c->cwdlen = 0;
		c->cwdp = NULL;
		return;
	}
	memcpy(j, c->cwd != NULL ? c->cwd : ".", n);
	j[n] = '/';
	memcpy(j + n + 1, t, l);
	j[n + 1 + l] = '\0';
	if (c->cwdp != NULL) {
		/* below a directory only known when it runs */
		if ((p = shellparse_alloc(c->sp, c->cwdplen + 1 + 2 * l + 1)) ==
		    NULL) {
			c->cwd = NULL;
			c->cwdlen = 0;
			c->cwdp = NULL;
			return;
		}
		memcpy(p, c->cwdp, c->cwdplen);
		p[c->cwdplen] = '/';
		c->cwdplen += 1 + glob_escape(p + c->cwdplen + 1, t, l);
		p[c->cwdplen] = '\0';
		c->cwdp = p;
	} else if (path_odd(j, n + 1 + l) &&
	    (p = shellparse_alloc(c->sp, n + 1 + l + 2)) != NULL &&
	    (n = path_norm(j, n + 1 + l, p, n + 1 + l + 2)) > 0) {
		/*
		 * Joined as the shell's cd -L does (build, not ./build;
		 * x/.. is x's parent), so paths below it are joined to a
		 * plain one.  "." is the workspace: paths as written.
		 */
		if (n == 1 && p[0] == '.') {
			c->cwd = NULL;
			c->cwdlen = 0;
		} else {
			c->cwd = p;
			c->cwdlen = n;
		}
		return;
	}
	c->cwd = j;
	c->cwdlen = n + 1 + l;
}

/* Is w a word of shell text s (n bytes), between blanks or ;&|()? */
static int
text_word(const char *s, size_t n, const char *w)
{
	const char *p = s, *e = s + n;
	size_t l = strlen(w);

	while ((p = memmem(p, (size_t)(e - p), w, l)) != NULL) {
		if ((p == s || strchr(" \t\n;&|()`{", p[-1]) != NULL) &&
		    (p + l == e || strchr(" \t\n;&|()`}", p[l]) != NULL))
			return (1);
		p++;
	}
	return (0);
}

/* Where the line is: d (n bytes), its pattern form p (pn), or NULL. */
static void
cwd_put(struct ctx *c, const char *d, size_t n, const char *p, size_t pn)
{
	c->cwd = d;
	c->cwdlen = n;
	c->cwdp = p;
	c->cwdplen = pn;
}

/* A cd to a directory only known when it runs: anywhere. */
static void
cwd_any(struct ctx *c)
{
	cwd_put(c, "$OLDPWD", 7, "*", 1);
}

/*
 * cd to t (l bytes), a word with expansions whose pattern form is pat:
 * a directory only known when it runs, which paths after it are
 * matched below as patterns.
 */
static void
cwd_setpat(struct ctx *c, const char *t, size_t l, const char *pat)
{
	size_t pl = strlen(pat), n, pn;
	const char *d = c->cwd != NULL ? c->cwd : ".";
	char *j, *p;

	n = c->cwd != NULL ? c->cwdlen : 1;
	pn = c->cwdp != NULL ? c->cwdplen : 2 * n;
	/* an expansion first may be absolute ($d), or anything */
	if (pat[0] == '/' || pat[0] == '~' || pat[0] == '*' || t[0] == '/' ||
	    t[0] == '~')
		n = pn = 0;
	if (n + 1 + l > 1000 || (j = shellparse_alloc(c->sp,
	    n + 1 + l + 1)) == NULL || (p = shellparse_alloc(c->sp,
	    pn + 1 + pl + 1)) == NULL) {
		cwd_any(c);	/* too long to follow */
		return;
	}
	if (n > 0) {
		memcpy(j, d, n);
		j[n++] = '/';
		if (c->cwdp != NULL)
			memcpy(p, c->cwdp, pn);
		else
			pn = glob_escape(p, d, n - 1);
		p[pn++] = '/';
	}
	memcpy(j + n, t, l);
	j[n + l] = '\0';
	memcpy(p + pn, pat, pl);
	p[pn + pl] = '\0';
	c->cwd = j;
	c->cwdlen = n + l;
	c->cwdp = p;
	c->cwdplen = pn + pl;
}

/* A cd is to come: where it leaves, for a cd - after it. */
static void
cwd_keep(struct ctx *c)
{
	c->ocwd = c->cwd;
	c->ocwdlen = c->cwdlen;
	c->ocwdp = c->cwdp;
	c->ocwdplen = c->cwdplen;
	c->ocwdset = 1;
}

/*
 * Does the call's text name CDPATH or cdable_vars?  Looked at once.
 * A call whose only text is its command line is first looked at for
 * a pair of bytes each name has ("CD", "ab"), by memchr().
 */
static int
cd_path(struct ctx *c)
{
	const struct risk_call *call = c->call;
	const char *s = call->command;
	size_t n;

	if (c->cdpath != -1)
		return (c->cdpath);
	if ((call->argv != NULL && call->argc > 0) ||
	    (call->envv != NULL && call->envc > 0) || call->input != NULL)
		c->cdpath = call_has(call, "CDPATH") ||
		    call_has(call, "cdable_vars");
	else if (s == NULL)
		c->cdpath = 0;
	else {
		n = strlen(s);
		c->cdpath = (has_pair(s, n, 'C', 'D') &&
		    strstr(s, "CDPATH") != NULL) || (has_pair(s, n, 'a', 'b') &&
		    strstr(s, "cdable_vars") != NULL);
	}
	return (c->cdpath);
}

/*
 * A cd (or pushd) command: where the commands after it run, for
 * path_feed_cwd().  Its directory joined with the one before (or "."
 * at first: the workspace); one only known when it runs ($d, cd -)
 * forgets it, and paths are then matched as written, as before any
 * cd.  A cd in a process of its own ((cd x), $(cd x), sh -c 'cd x')
 * reaches the commands of that process only (cwd_scope()); one that
 * may not run (x || cd y, cd x &, cd x | y) reaches every command
 * after it, which can only match more rules.
 */
static void	cwd_scope(struct ctx *, const struct shellparse_cmd *);
static int	src_cds(struct ctx *, const struct shellparse_cmd *);

static inline __attribute__((always_inline)) void
cd_track(struct ctx *c, const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	const char *t, *b;
	uint32_t k = cmd->nassign;
	size_t n, l;
	int pushd;

	/* Most commands are no cd: a look at the name's end first. */
	if (k >= cmd->nwords)
		return;
	w = &cmd->words[k];
	t = w->text + w->len;
	if (!(w->len >= 2 && t[-2] == 'c' && t[-1] == 'd') &&
	    !(w->len >= 5 && memcmp(t - 5, "pushd", 5) == 0) &&
	    !(w->len >= 4 && memcmp(t - 4, "popd", 4) == 0) &&
	    !(w->len >= 4 && memcmp(t - 4, "eval", 4) == 0) &&
	    !(w->len == 7 && (memcmp(w->text, "builtin", 7) == 0 ||
	    memcmp(w->text, "command", 7) == 0)) &&
	    !(w->len == 4 && memcmp(w->text, "time", 4) == 0) &&
	    !(w->len == 1 && w->text[0] == '.') &&
	    !(w->len == 6 && memcmp(w->text, "source", 6) == 0))
		return;
	if (cmd->parent != NONE)
		cwd_scope(c, cmd);	/* (cd x), $(cd x), sh -c 'cd x' */
	/* builtin cd, command cd, time -p cd */
	while (k < cmd->nwords && shellparse_pattern(&cmd->words[k]) ==
	    NULL && (strcmp(cmd->words[k].text, "builtin") == 0 ||
	    strcmp(cmd->words[k].text, "command") == 0 ||
	    strcmp(cmd->words[k].text, "time") == 0 ||
	    (k > cmd->nassign && strcmp(cmd->words[k - 1].text, "time") ==
	    0 && cmd->words[k].text[0] == '-')))
		k++;
	if (k >= cmd->nwords || shellparse_pattern(&cmd->words[k]) != NULL)
		return;
	w = &cmd->words[k];
	b = memrchr(w->text, '/', w->len);
	b = b != NULL ? b + 1 : w->text;
	n = w->len - (size_t)(b - w->text);
	if ((n == 1 && b[0] == '.' && b == w->text) ||
	    (n == 6 && memcmp(b, "source", 6) == 0)) {
		/* . ./s, source <(echo cd /etc): a cd in the text it runs
		   (parsed already) moves the line */
		if (src_cds(c, cmd))
			cwd_any(c);
		return;
	}
	if (n == 4 && memcmp(b, "popd", 4) == 0) {
		cwd_any(c);	/* back to a directory the stack holds */
		return;
	}
	if (n == 4 && memcmp(b, "eval", 4) == 0) {
		/* eval cd /etc: its commands are parsed after the line's */
		for (k++; k < cmd->nwords; k++)
			if (text_word(cmd->words[k].text, cmd->words[k].len,
			    "cd") || text_word(cmd->words[k].text,
			    cmd->words[k].len, "pushd") ||
			    text_word(cmd->words[k].text, cmd->words[k].len,
			    "popd")) {
				cwd_any(c);
				break;
			}
		return;
	}
	if (!(n == 2 && memcmp(b, "cd", 2) == 0) &&
	    !(n == 5 && memcmp(b, "pushd", 5) == 0))
		return;
	pushd = n == 5;
	for (k++; k < cmd->nwords; k++) {
		t = cmd->words[k].text;
		if (shellparse_pattern(&cmd->words[k]) != NULL ||
		    t[0] != '-' || cmd->words[k].len == 1)
			break;
		if (strcmp(t, "--") == 0) {
			k++;
			break;
		}
	}
	if (k >= cmd->nwords) {
		if (pushd) {
			cwd_any(c);	/* the stack's top two swapped */
			return;
		}
		t = "~";		/* cd: home */
		l = 1;
		cwd_keep(c);
	} else {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (l == 0)
			return;		/* cd "": stays */
		if (strcmp(t, "-") == 0 && c->ocwdset) {
			/* back to where the last cd left */
			t = c->cwd;
			c->cwd = c->ocwd;
			c->ocwd = t;
			l = c->cwdlen;
			c->cwdlen = c->ocwdlen;
			c->ocwdlen = l;
			t = c->cwdp;
			c->cwdp = c->ocwdp;
			c->ocwdp = t;
			l = c->cwdplen;
			c->cwdplen = c->ocwdplen;
			c->ocwdplen = l;
			return;
		}
		if (strcmp(t, "-") == 0) {
			if (!c->vtdone)
				vt_compute(c);
			if (vt_isset(c, "OLDPWD", 6)) {
				cwd_any(c);	/* OLDPWD=/etc; cd - */
				return;
			}
			/* the tool's own OLDPWD: as written, as before */
			c->cwd = NULL;
			c->cwdlen = 0;
			c->cwdp = NULL;
			return;
		}
		if ((t[0] == '+' || t[0] == '-') && l > 1) {
			cwd_any(c);	/* pushd +N: somewhere on the stack */
			return;
		}
		cwd_keep(c);
		if (shellparse_pattern(w) != NULL) {
			const char *os, *op;
			size_t on;

			if (word_subst(c, t, l, shellparse_pattern(w), &os,
			    &on, &op)) {
				/* d=/etc; cd $d */
				if (op == NULL)
					cwd_set(c, os, on);
				else
					cwd_setpat(c, os, on, op);
			} else
				cwd_setpat(c, t, l, shellparse_pattern(w));
			return;
		}
	}
	/*
	 * ~ with a HOME the line sets, ~1 (the stack), a name looked up
	 * in a CDPATH the line sets or as a variable (cdable_vars):
	 * only known when it runs.
	 */
	if (t[0] == '~' && !c->vtdone)
		vt_compute(c);
	if ((t[0] == '~' && (l == 1 || t[1] == '/') &&
	    vt_isset(c, "HOME", 4)) ||
	    (t[0] == '~' && l > 1 && t[1] == '-' && vt_isset(c, "OLDPWD", 6)) ||
	    (t[0] == '~' && l > 1 && (isdigit((unsigned char)t[1]) ||
	    (l > 2 && (t[1] == '+' || t[1] == '-') &&
	    isdigit((unsigned char)t[2])))) ||
	    (t[0] != '/' && t[0] != '~' && t[0] != '.' && cd_path(c))) {
		cwd_any(c);
		return;
	}
	cwd_set(c, t, l);	/* words live in the arena */
}

/*
 * A command runs in directory v (env -C v, tar -C v): its relative
 * paths are also matched from there.  Its paths as written were fed
 * already.
 */
static void __attribute__((noinline))
opt_dir(struct ctx *c, const struct shellparse_cmd *cmd, const char *v,
    size_t n)
{
	const char *cwd = c->cwd, *cwdp = c->cwdp;
	size_t cwdlen = c->cwdlen, cwdplen = c->cwdplen;

	if (c->rs->npp == 0)
		return;
	c->odcmd = cmd;
	c->odir = v;
	c->odirlen = n;
	cwd_set(c, v, n);
	if (c->cwd != NULL)
		cmd_paths(c, cmd, path_feed_join, NULL);
	cwd_put(c, cwd, cwdlen, cwdp, cwdplen);
}

/*
 * A command that works through what is under a directory (tar c,
 * cp -r, grep -r, chmod -R, rsync -a, mv, ...) touches every file
 * there.  dir_feed() matches such a directory against the path
 * patterns' directories that end in a component written out (path_dirs():
 * ~/.ssh, /etc), so tar czf - ~/.ssh touches what "~/.ssh/id_*" names and
 * tar c /var what "/var/spool/cron/x" does.  A home directory, the root
 * or a climb out of the workspace (..) holds anything: every pattern a
 * file under it could match is touched.  A directory that only a
 * wildcard could name (src, for "*.env") is not taken to hold such a
 * file: a directory tree is not read for what it holds.
 */

/* 1: d is the root or a home directory, 2: it climbs out (..), else 0 */
static int
dir_wide(const char *d, size_t n)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} homes[] = { { "/home", 5 }, { "/Users", 6 } };
	size_t i, l;

	if ((n == 1 && d[0] == '/') || (n == 5 && memcmp(d, "/root", 5) == 0))
		return (1);
	if (d[0] == '~')
		return (memchr(d, '/', n) == NULL);	/* ~, ~user */
	if (n % 3 == 2) {
		for (i = 0; i < n; i += 3)
			if (d[i] != '.' || d[i + 1] != '.' ||
			    (i + 2 < n && d[i + 2] != '/'))
				break;
		if (i >= n)
			return (2);
	}
	for (i = 0; i < sizeof(homes) / sizeof(homes[0]); i++) {
		l = homes[i].n;
		if (n < l || memcmp(d, homes[i].s, l) != 0)
			continue;
		if (n == l || (d[l] == '/' && n > l + 1 &&
		    memchr(d + l + 1, '/', n - l - 1) == NULL))
			return (1);
	}
	return (0);
}

/* dir_feed()'s arg: only the directories patterns name, as a tool's
   working directory (not one it works through). */
static const int dir_narrow;

/* Directory s (pattern pat) of a command that works through it. */
static int
dir_feed1(struct ctx *c, const char *s, size_t n, const char *pat,
    const void *arg)
{
	const struct risk_ruleset *rs = c->rs;
	const struct pdir *pd;
	const char *d = s, *wide[3];
	char buf[1040], nbuf[1040], wbuf[2100];
	struct gtok tb[GTOK_MAX];
	size_t dn = n, l, nn;
	uint32_t i, k, b, nw = 0;
	int onecomp, nb;

	while (dn > 1 && d[dn - 1] == '/')
		dn--;
	if (dn == 0 || dn > 1000)
		return (0);
	if (pat != NULL) {
		l = strlen(pat);
		while (l > 1 && pat[l - 1] == '/' && pat[l - 2] != '\\')
			l--;
		if (l >= sizeof(buf))
			return (0);
		memcpy(buf, pat, l);
		buf[l] = '\0';
		onecomp = glob_mode(c, s, n);
		/* a word that is all expansion (or *) is no path, unless
		   it may be any */
		if (gall(buf) && word_any(c, s, n))
			path_any(c, s, n);
		for (i = 0, nb = -2; i < rs->npd && !gall(buf); i++) {
			/* (what a glob or a variable gives is not ~) */
			if ((rs->pd[i].g.pat[0] == '~' && s[0] != '~') ||
			    pisset(c, rs->pd[i].pmid))
				continue;
			if (nb == -2)	/* buf's tokens, once */
				nb = gtokens(buf, tb, GTOK_MAX);
			if (gisect_rg(&rs->pd[i].g, tb, nb, onecomp))
				pset(c, rs->pd[i].pmid, s, n);
		}
		if ((dn == 5 && memcmp(d, "$HOME", 5) == 0) ||
		    (dn == 7 && memcmp(d, "${HOME}", 7) == 0)) {
			wide[nw++] = "~/*";
			wide[nw++] = "/home/*/*";
			wide[nw++] = "/root/*";
		}
	} else {
		/* after a cd: from there */
		if (d[0] != '/' && d[0] != '~' && c->cwd != NULL &&
		    c->cwdp == NULL && c->cwdlen + 1 + dn < sizeof(buf)) {
			memcpy(buf, c->cwd, (l = c->cwdlen));
			if (l == 0 || buf[l - 1] != '/')
				buf[l++] = '/';
			memcpy(buf + l, d, dn);
			d = buf;
			dn = l + dn;
		}
		if (path_odd(d, dn) &&
		    (nn = path_norm(d, dn, nbuf, sizeof(nbuf))) > 0) {
			d = nbuf;
			dn = nn;
		}
		/* those ending in its last byte, then in any */
		for (b = (unsigned char)d[dn - 1]; b <= 256;
		    b = b < 256 ? 256 : 257)
			for (i = rs->pdb[b]; i < rs->pdb[b + 1]; i++) {
				pd = &rs->pd[rs->pdid[i]];
				if (!pisset(c, pd->pmid) &&
				    rglob_match(&pd->g, d, dn))
					pset(c, pd->pmid, s, n);
			}
		switch (dir_wide(d, dn)) {
		case 1:
			l = dn == 1 ? 0 : glob_escape(wbuf, d, dn);
			wbuf[l++] = '/';
			wbuf[l++] = '*';
			wbuf[l] = '\0';
			wide[nw++] = wbuf;
			break;
		case 2:
			wide[nw++] = "*";
			break;
		}
	}
	for (k = 0; k < nw && arg != &dir_narrow; k++)
		for (i = 0, nb = -2; i < rs->npp; i++) {
			if (pisset(c, rs->pp[i].pmid))
				continue;
			if (nb == -2)	/* wide[k]'s tokens, once */
				nb = gtokens(wide[k], tb, GTOK_MAX);
			if (gisect_rg(rs->pp[i].g, tb, nb, 0))
				pset(c, rs->pp[i].pmid, s, n);
		}
	return (0);
}

/* dir_feed1(), a match's path marked as a tree (what is under it). */
static int
dir_feed(struct ctx *c, const char *s, size_t n, const char *pat,
    const void *arg)
{
	int rc, pt = c->ptree;

	c->ptree = 1;
	rc = dir_feed1(c, s, n, pat, arg);
	c->ptree = pt;
	return (rc);
}

/* host:path, user@host:path: not here */
static int
word_remote(const struct shellparse_word *w)
{
	const char *col = memchr(w->text, ':', w->len);
	const char *sl = memchr(w->text, '/', w->len);

	return (col != NULL && col > w->text && (sl == NULL || col < sl));
}

/* A directory word (and, given one, in dir: tar -C dir); arg as for
   dir_feed(). */
static void
dir_word(struct ctx *c, const struct shellparse_word *w,
    const struct shellparse_word *in, const void *arg)
{
	const char *pat = shellparse_pattern(w);
	char *j;
	size_t l;

	if (w->len == 0 || word_remote(w))
		return;
	feed_word(c, dir_feed, w->text, w->len, pat, arg);
	if (in == NULL || in->len == 0 || shellparse_pattern(in) != NULL ||
	    pat != NULL || w->text[0] == '/' || w->text[0] == '~' ||
	    in->len + 1 + w->len > 1000)
		return;
	if ((j = shellparse_alloc(c->sp, in->len + 1 + w->len + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	memcpy(j, in->text, (l = in->len));
	j[l++] = '/';
	memcpy(j + l, w->text, w->len);
	j[l + w->len] = '\0';
	dir_feed(c, j, l + w->len, NULL, arg);
}

/* ln -s's target t of link (or directory) l, NULL for one here: a
   tree, from here, from l and from l's directory. */
static void
ln_target(struct ctx *c, const struct shellparse_word *t,
    const struct shellparse_word *l)
{
	struct shellparse_word d;
	const char *sl;

	dir_word(c, t, l, NULL);
	if (l == NULL || c->nomem || (sl = memrchr(l->text, '/',
	    l->len)) == NULL)
		return;
	d = *l;
	d.len = sl == l->text ? 1 : (uint32_t)(sl - l->text);
	dir_word(c, t, &d, NULL);
}

/*
 * src copied (moved, linked) into directory dst is dst/BASENAME: a path
 * touched (cp key ~/.ssh is ~/.ssh/key), and a directory worked
 * through if rec.  src/. (cp -r dotfiles/. ~) puts what src holds
 * right into dst, as do rsync's src/ and cp -T (contents).
 */
static void
into_feed(struct ctx *c, const struct shellparse_word *dst,
    const struct shellparse_word *src, int rec, int contents)
{
	const char *dpat = shellparse_pattern(dst);
	const char *spat = shellparse_pattern(src), *b, *bp = NULL;
	char *j, *jp = NULL;
	size_t sl = src->len, bl, l, dl, bpl = 0, k;

	if (dst->len == 0 || src->len == 0 || word_remote(dst) ||
	    word_remote(src))
		return;
	while (sl > 1 && src->text[sl - 1] == '/')
		sl--;
	b = memrchr(src->text, '/', sl);
	b = b != NULL ? b + 1 : src->text;
	bl = sl - (size_t)(b - src->text);
	if (contents && rec) {
		/* and dst/BASENAME too, should src be no directory */
		dir_word(c, dst, NULL, NULL);
		if (c->nomem)
			return;
	}
	if (bl == 0 || (bl == 1 && b[0] == '.') ||
	    (bl == 2 && b[0] == '.' && b[1] == '.')) {
		if (rec && !contents)
			dir_word(c, dst, NULL, NULL);
		return;
	}
	dl = dst->len;
	if (dl + 1 + bl > 1000)
		return;
	if ((j = shellparse_alloc(c->sp, dl + 1 + bl + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	memcpy(j, dst->text, dl);
	l = dl;
	if (l == 0 || j[l - 1] != '/')
		j[l++] = '/';
	memcpy(j + l, b, bl);
	l += bl;
	j[l] = '\0';
	if (dpat != NULL || spat != NULL) {
		/* the pattern: each part's, or its text escaped */
		if (spat != NULL) {
			/* its last component ($d/x/ is x) */
			for (bpl = strlen(spat); bpl > 1 &&
			    spat[bpl - 1] == '/'; bpl--)
				;
			bp = memrchr(spat, '/', bpl);
			bp = bp != NULL ? bp + 1 : spat;
			bpl -= (size_t)(bp - spat);
			if (bpl == 0 || bpl >= 1000)
				return;
			/* mv "$@" d: no name is known (as a word that is
			   all expansion is no path) */
			/* cp "$x" ~/.ssh: no name is known (as a word
			   that is all expansion is no path), but a
			   directory a pattern names is written */
			for (k = 0; k < bpl && bp[k] == '*'; k++)
				;
			if (k == bpl) {
				dir_word(c, dst, NULL, &dir_narrow);
				return;
			}
		}
		if ((jp = shellparse_alloc(c->sp, 2 * dl + (dpat != NULL ?
		    strlen(dpat) : 0) + 1 + 2 * bl + bpl + 1)) == NULL) {
			c->nomem = 1;
			return;
		}
		if (dpat != NULL)
			memcpy(jp, dpat, (dl = strlen(dpat)));
		else
			dl = glob_escape(jp, dst->text, dst->len);
		if (dl == 0 || jp[dl - 1] != '/')
			jp[dl++] = '/';
		if (bp != NULL) {
			memcpy(jp + dl, bp, bpl);
			dl += bpl;
		} else
			dl += glob_escape(jp + dl, b, bl);
		jp[dl] = '\0';
	}
	if (c->cwd != NULL)
		path_feed_cwd(c, j, l, jp, NULL);
	else
		path_feed(c, j, l, jp, NULL);
	if (rec)
		dir_feed(c, j, l, jp, NULL);
}

/* The value of the option word at *k: attached from off (made in v),
   or the next word; NULL if none. */
static const struct shellparse_word *
opt_val(const struct shellparse_cmd *cmd, uint32_t *k, uint32_t end,
    size_t off, struct shellparse_word *v)
{
	const struct shellparse_word *w = &cmd->words[*k];

	if (off < w->len) {
		v->text = w->text + off;
		v->len = w->len - (uint32_t)off;
		v->flags = 0;
		/* (-C$d: not known, so none) */
		if (shellparse_pattern(w) != NULL)
			v->len = 0;
		return (v);
	}
	if (*k + 1 >= end)
		return (NULL);
	return (&cmd->words[++*k]);
}

/* grep's -d ACTION, --directories=ACTION */
#define GREP_DIRS(rp)	((rp)->kind == RK_GREP)

/* Short options of tar that take a value. */
#define TAR_VALS	"fCTXbgKLNVFHI"

/*
 * find's tests that name the files it acts on (-name, -path, -regex):
 * what -exec, -delete or xargs then reads or removes is a file under
 * a root the test admits, so find . -name '.e*' -exec cat {} + reads
 * what cat ./.e* does.  A negated test narrows nothing.
 */
#define FT_NAME		0
#define FT_PATH		1
#define FT_REGEX	2
#define FT_FOLD		4	/* -iname, -ipath, -iregex */
#define FIND_TESTS	16

struct findtest {
	const struct shellparse_word	*w;
	int				 kind;
};

/* -name and kin: the test's kind, or -1. */
static int
find_test(const char *t, size_t n)
{
	static const struct {
		const char	*s;
		int		 kind;
	} tests[] = {
		{ "-name", FT_NAME }, { "-iname", FT_NAME | FT_FOLD },
		{ "-path", FT_PATH }, { "-ipath", FT_PATH | FT_FOLD },
		{ "-wholename", FT_PATH },
		{ "-iwholename", FT_PATH | FT_FOLD },
		{ "-regex", FT_REGEX }, { "-iregex", FT_REGEX | FT_FOLD },
		{ "-lname", FT_PATH }, { "-ilname", FT_PATH | FT_FOLD },
	};
	size_t i;

	if (n < 5 || t[0] != '-')
		return (-1);
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		if (strlen(tests[i].s) == n && memcmp(tests[i].s, t, n) == 0)
			return (tests[i].kind);
	return (-1);
}

/* Append s (n bytes) to d at *l (of size dsz), letters as [xX] when
   fold; 0 if it does not fit. */
static int
find_put(char *d, size_t dsz, size_t *l, const char *s, size_t n, int fold)
{
	const char *e;
	size_t i, k;
	int ch;

	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i];
		if (ch == '[' && (e = class_end(s + i)) != NULL &&
		    e <= s + n) {
			k = (size_t)(e - (s + i));	/* a class as it is */
			if (*l + k >= dsz)
				return (0);
			memcpy(d + *l, s + i, k);
			*l += k;
			i += k - 1;
			continue;
		}
		if (ch == '\\' && i + 1 < n) {
			if (*l + 2 >= dsz)
				return (0);
			d[(*l)++] = s[i++];
			d[(*l)++] = s[i];
			continue;
		}
		if (fold && ((ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z'))) {
			if (*l + 4 >= dsz)
				return (0);
			d[(*l)++] = '[';
			d[(*l)++] = (char)(ch | 0x20);
			d[(*l)++] = (char)(ch & ~0x20);
			d[(*l)++] = ']';
			continue;
		}
		if (*l + 1 >= dsz)
			return (0);
		d[(*l)++] = (char)ch;
	}
	d[*l] = '\0';
	return (1);
}

/*
 * cand (a glob) against the path patterns; the why names w.  Its
 * wildcards stay within a component: what find walks through is not
 * taken to hold a directory a rule names (see dir_feed()), only to
 * hold files of the names its tests admit.
 */
static void
find_cand(struct ctx *c, const char *cand, const struct shellparse_word *w)
{
	const struct risk_ruleset *rs = c->rs;
	struct gtok tb[GTOK_MAX];
	uint32_t i;
	int nb = -2;

	for (i = 0; i < rs->npp; i++) {
		if (pisset(c, rs->pp[i].pmid))
			continue;
		if (nb == -2)	/* cand's tokens, once */
			nb = gtokens(cand, tb, GTOK_MAX);
		if (gisect_rg(rs->pp[i].g, tb, nb, 1))
			pset(c, rs->pp[i].pmid, w->text, w->len);
	}
}

/*
 * A name test of a wildcard and a suffix from a dot (-name '*.py'),
 * after the root's l bytes in cand: the wildcard is not taken to admit
 * a dot file by itself, as a directory is not taken to hold what a
 * rule names by a wildcard alone (dir_feed()): '*.py' admits x.py,
 * not .env.py, though find's would.  '*.env' still admits .env, as
 * '*env', '?env' and '.e*' do.
 */
static void
find_ext(struct ctx *c, char *cand, size_t csz, size_t l, const char *vt,
    size_t vl, int fold, const struct shellparse_word *v)
{
	size_t k = l, i;
	char *lit;

	/* the wildcard as none: '*.env' admits .env (a name written
	   out: as a path, which costs less) */
	for (i = 0; i < vl && vt[i] == '*'; i++)
		;
	if (find_put(cand, csz, &k, vt + i, vl - i, fold)) {
		if (strpbrk(cand, "*?[\\") != NULL)
			find_cand(c, cand, v);
		else if ((lit = shellparse_alloc(c->sp, k + 1)) != NULL) {
			memcpy(lit, cand, k + 1);	/* (the why's) */
			path_feed(c, lit, k, NULL, NULL);
		} else
			c->nomem = 1;
	}
	if (l + 4 >= csz)
		return;
	memcpy(cand + l, "[!.]", 4);
	l += 4;
	if (find_put(cand, csz, &l, vt, vl, fold))
		find_cand(c, cand, v);
	else
		find_cand(c, "*", v);
}

/* Root r (a glob, rl bytes) and each test in ft. */
static void
find_root(struct ctx *c, const char *r, size_t rl,
    const struct findtest *ft, uint32_t nft)
{
	const struct shellparse_word *v;
	char cand[1024];
	const char *vt;
	size_t l, vl, k;
	uint32_t i;
	int fold;

	while (rl > 0 && r[rl - 1] == '/' && !(rl > 1 && r[rl - 2] == '\\'))
		rl--;
	for (i = 0; i < nft; i++) {
		v = ft[i].w;
		fold = (ft[i].kind & FT_FOLD) != 0;
		vt = v->text;
		vl = v->len;
		/* what the shell put in is not known: any name */
		if (memchr(vt, '$', vl) != NULL || memchr(vt, '`', vl) != NULL) {
			vt = "*";
			vl = 1;
		}
		switch (ft[i].kind & ~FT_FOLD) {
		case FT_PATH:
			l = 0;
			if (find_put(cand, sizeof(cand), &l, vt, vl, fold))
				find_cand(c, cand, v);
			else
				find_cand(c, "*", v);
			break;
		case FT_NAME:
			if (gall(vt) && vl > 0)
				break;		/* as find . does */
			/* R/V: V as cat V names it, when R is . */
			l = 0;
			if (!(rl == 1 && r[0] == '.') && rl + 1 < sizeof(cand)) {
				memcpy(cand, r, rl);
				l = rl;
				cand[l++] = '/';
			}
			for (k = 0; k < vl && vt[k] == '*'; k++)
				;
			if (k > 0 && k < vl && vt[k] == '.') {
				find_ext(c, cand, sizeof(cand), l, vt, vl,
				    fold, v);
				break;
			}
			if (find_put(cand, sizeof(cand), &l, vt, vl, fold))
				find_cand(c, cand, v);
			else
				find_cand(c, "*", v);
			break;
		default:
			/* a regular expression: any file under the root */
			if (rl + 3 < sizeof(cand)) {
				memcpy(cand, r, rl);
				memcpy(cand + rl, "/*", 3);
				find_cand(c, cand, v);
			} else
				find_cand(c, "*", v);
			break;
		}
	}
}

/* Each root of find (ops, or "."), from the cd's directory too. */
static void __attribute__((noinline))
find_tests(struct ctx *c, const struct shellparse_word *const *ops,
    uint32_t nops, const struct findtest *ft, uint32_t nft)
{
	const struct shellparse_word *w;
	const char *pat;
	char buf[2048], jb[4200];
	size_t l, jl;
	uint32_t i;

	for (i = 0; i < (nops > 0 ? nops : 1); i++) {
		w = nops > 0 ? ops[i] : NULL;
		/* (escaped, a byte may take two) */
		if (w != NULL && (w->len == 0 || w->len > 1000))
			continue;
		if (w == NULL)
			l = strlcpy(buf, ".", sizeof(buf));
		else if ((pat = shellparse_pattern(w)) != NULL) {
			if ((l = strlen(pat)) >= sizeof(buf))
				continue;
			memcpy(buf, pat, l + 1);
		} else
			l = glob_escape(buf, w->text, w->len);
		buf[l] = '\0';
		find_root(c, buf, l, ft, nft);
		/* relative, after a cd: from there as well */
		if (c->cwd == NULL || buf[0] == '/' || buf[0] == '~' ||
		    c->cwdlen > 500)
			continue;
		if (c->cwdp != NULL) {
			if (c->cwdplen > 1000)
				continue;
			memcpy(jb, c->cwdp, (jl = c->cwdplen));
		} else
			jl = glob_escape(jb, c->cwd, c->cwdlen);
		if (jl == 0 || jb[jl - 1] != '/')
			jb[jl++] = '/';
		memcpy(jb + jl, buf, l);
		jl += l;
		jb[jl] = '\0';
		find_root(c, jb, jl, ft, nft);
	}
}

/* The directory a command runs in, as a tree it writes: tar x, unzip. */
static void
cwd_tree(struct ctx *c)
{
	int pr = c->pread;

	c->pread = 0;
	dir_feed(c, ".", 1, NULL, NULL);
	c->pread = pr;
}

/* A path here (joined with the cd's directory), as written; pat its
   glob or NULL. */
static void
written_here(struct ctx *c, const char *s, size_t n, const char *pat)
{
	int pr = c->pread;

	c->pread = 0;
	if (c->cwd == NULL)
		path_feed(c, s, n, pat, NULL);
	else
		path_feed_cwd(c, s, n, pat, NULL);
	c->pread = pr;
}

/*
 * Long option t (after its "--", n bytes to any '=') of list: its value
 * (attached after '=', else the next word; *k moved past it), or NULL
 * if t is not one of them.  *hit says whether it was.
 */
static const struct shellparse_word *
tw_long(const struct shellparse_cmd *cmd, uint32_t *k, uint32_t end,
    const char *list, struct shellparse_word *v, int *hit)
{
	const struct shellparse_word *w = &cmd->words[*k];
	const char *eq = memchr(w->text, '=', w->len);
	size_t l = eq != NULL ? (size_t)(eq - w->text) : w->len;

	*hit = l > 2 && in_list_abbr(list, w->text + 2, l - 2, 0);
	if (!*hit)
		return (NULL);
	return (opt_val(cmd, k, end, eq != NULL ? l + 1 : w->len, v));
}

/*
 * A URL's last part (at *bp), less a ?query and a #fragment, and with
 * git less .git: the name wget saves it as, the directory git clone
 * makes of it.  Returns its length.
 */
static size_t
url_last(const char *t, const char **bp, int git)
{
	const char *e = t + strcspn(t, "?#"), *b;
	size_t l;

	while (e > t && e[-1] == '/')
		e--;
	for (b = e; b > t && b[-1] != '/' && b[-1] != ':'; b--)
		;
	l = (size_t)(e - b);
	if (git && l > 4 && memcmp(e - 4, ".git", 4) == 0)
		l -= 4;
	*bp = b;
	return (l);
}

/* url_last() of git's URL word u into the arena; 0 if none. */
static size_t
tw_urlname(struct ctx *c, const struct shellparse_word *u, const char **dp)
{
	const char *b;
	size_t l;
	char *d;

	if (shellparse_pattern(u) != NULL)
		return (0);
	l = url_last(u->text, &b, 1);
	if (l == 0 || (l == 1 && b[0] == '.') || (l == 2 && b[0] == '.' &&
	    b[1] == '.') || (d = shellparse_alloc(c->sp, l + 1)) == NULL)
		return (0);
	memcpy(d, b, l);
	d[l] = '\0';
	*dp = d;
	return (l);
}

/*
 * Commands that print a credential a file of the user's holds without
 * naming the file: gh auth token, gcloud auth print-access-token,
 * kubectl config view --raw, gpg --export-secret-keys, ...  Each is a
 * read of that file, for the path rules that name it.  An entry holds
 * when its program's words include its subcommands, in order; when it
 * has options, one of them; when it has keys, the word after the
 * subcommands holding one of them (aws configure get
 * aws_secret_access_key, not region).
 */
static const struct secread {
	const char	*prog;
	const char	*subs;		/* "a b": words, in order */
	const char	*opts;		/* "|-t|--show-token|", or NULL */
	const char	*keys;		/* "|secret|token|", or NULL */
	const char	*file;
} secreads[] = {
	{ "gh", "auth token", NULL, NULL, "~/.config/gh/hosts.yml" },
	{ "gh", "auth status", "|-t|--show-token|", NULL,
	    "~/.config/gh/hosts.yml" },
	{ "glab", "auth status", "|-t|--show-token|", NULL,
	    "~/.config/glab-cli/config.yml" },
	{ "glab", "config get", NULL, "|token|",
	    "~/.config/glab-cli/config.yml" },
	{ "aws", "configure get", NULL, "|secret|token|",
	    "~/.aws/credentials" },
	{ "aws", "configure export-credentials", NULL, NULL,
	    "~/.aws/credentials" },
	{ "aws", "ecr get-login-password", NULL, NULL, "~/.aws/credentials" },
	{ "aws", "sts get-session-token", NULL, NULL, "~/.aws/credentials" },
	{ "aws", "sts assume-role", NULL, NULL, "~/.aws/credentials" },
	{ "aws", "secretsmanager get-secret-value", NULL, NULL,
	    "~/.aws/credentials" },
	{ "aws", "ssm get-parameter", "|--with-decryption|", NULL,
	    "~/.aws/credentials" },
	{ "aws", "ssm get-parameters", "|--with-decryption|", NULL,
	    "~/.aws/credentials" },
	{ "aws", "ssm get-parameters-by-path", "|--with-decryption|", NULL,
	    "~/.aws/credentials" },
	{ "gcloud", "auth application-default print-access-token", NULL,
	    NULL, "~/.config/gcloud/application_default_credentials.json" },
	{ "gcloud", "auth print-access-token", NULL, NULL,
	    "~/.config/gcloud/credentials.db" },
	{ "gcloud", "auth print-identity-token", NULL, NULL,
	    "~/.config/gcloud/credentials.db" },
	{ "gcloud", "config config-helper", NULL, NULL,
	    "~/.config/gcloud/credentials.db" },
	{ "az", "account get-access-token", NULL, NULL,
	    "~/.azure/msal_token_cache.json" },
	{ "kubectl", "config view", "|--raw|", NULL, "~/.kube/config" },
	{ "kubectl", "get secret", "|-o|--output|", NULL, "~/.kube/config" },
	{ "kubectl", "get secrets", "|-o|--output|", NULL, "~/.kube/config" },
	{ "git", "credential fill", NULL, NULL, "~/.git-credentials" },
	{ "git", "credential-store get", NULL, NULL, "~/.git-credentials" },
	{ "gpg", "", "|--export-secret-keys|--export-secret-subkeys|", NULL,
	    "~/.gnupg/private-keys-v1.d" },
	{ "gpg2", "", "|--export-secret-keys|--export-secret-subkeys|", NULL,
	    "~/.gnupg/private-keys-v1.d" },
	{ "npm", "config get", NULL, "|auth|token|password|", "~/.npmrc" },
	{ "vault", "print token", NULL, NULL, "~/.vault-token" },
	{ "vault", "kv get", NULL, NULL, "~/.vault-token" },
	{ "vault", "read", NULL, NULL, "~/.vault-token" },
	{ "heroku", "auth:token", NULL, NULL, "~/.netrc" },
	{ "sops", "", "|-d|--decrypt|", NULL, "~/.config/sops/age/keys.txt" },
	{ "sops", "decrypt", NULL, NULL, "~/.config/sops/age/keys.txt" },
	{ "sops", "edit", NULL, NULL, "~/.config/sops/age/keys.txt" },
	{ "sops", "exec-env", NULL, NULL, "~/.config/sops/age/keys.txt" },
	{ "sops", "exec-file", NULL, NULL, "~/.config/sops/age/keys.txt" },
	{ "pass", "show", NULL, NULL, "~/.password-store" },
};

/* Each program's entries: secreads[first, first + n) (sr_ok()). */
static const struct srprog {
	const char	*name;
	uint8_t		 first, n;
} sr_progs[] = {
	{ "gh", 0, 2 }, { "glab", 2, 2 }, { "aws", 4, 9 },
	{ "gcloud", 13, 4 }, { "az", 17, 1 }, { "kubectl", 18, 3 },
	{ "git", 21, 2 }, { "gpg", 23, 1 }, { "gpg2", 24, 1 },
	{ "npm", 25, 1 }, { "vault", 26, 3 }, { "heroku", 29, 1 },
	{ "sops", 30, 5 }, { "pass", 35, 1 },
};

/* Are sr_progs[] and secreads[] in step?  (At compile.) */
static int
sr_ok(void)
{
	size_t i, k, n = 0;

	for (i = 0; i < sizeof(sr_progs) / sizeof(sr_progs[0]); i++) {
		if (sr_progs[i].first != n)
			return (0);
		for (k = n; k < n + sr_progs[i].n; k++)
			if (k >= sizeof(secreads) / sizeof(secreads[0]) ||
			    strcmp(secreads[k].prog, sr_progs[i].name) != 0)
				return (0);
		n += sr_progs[i].n;
	}
	return (n == sizeof(secreads) / sizeof(secreads[0]));
}

/* Program b (n bytes) of sr_progs[], or NULL.  (Cheap: most are not.) */
static inline const struct srprog *
sr_prog(const char *b, size_t n)
{
	const struct srprog *p = NULL;
	size_t i;

	switch (n) {
	case 2:
		p = b[0] == 'g' ? &sr_progs[0] : &sr_progs[4];
		break;
	case 3:
		p = b[0] == 'a' ? &sr_progs[2] : b[0] == 'n' ? &sr_progs[9] :
		    b[1] == 'i' ? &sr_progs[6] : &sr_progs[7];
		break;
	case 4:
		p = b[0] == 's' ? &sr_progs[12] : b[0] == 'p' ?
		    &sr_progs[13] : b[1] == 'l' ? &sr_progs[1] :
		    &sr_progs[8];
		break;
	case 5:
		p = &sr_progs[10];
		break;
	case 6:
		p = b[0] == 'g' ? &sr_progs[3] : &sr_progs[11];
		break;
	case 7:
		p = &sr_progs[5];
		break;
	}
	/* (n < 8: a loop, not a call) */
	for (i = 0; p != NULL && i < n; i++)
		if (p->name[i] != b[i])
			p = NULL;
	return (p);
}

/* Does word w (a subcommand, n bytes at s) follow in words [k, end)?
   The index past it, or NONE. */
static uint32_t
sr_find(const struct shellparse_cmd *cmd, uint32_t k, uint32_t end,
    const char *s, size_t n)
{
	for (; k < end; k++)
		if (cmd->words[k].len == n && memcmp(cmd->words[k].text, s,
		    n) == 0 && shellparse_pattern(&cmd->words[k]) == NULL)
			return (k + 1);
	return (NONE);
}

/* Does word t (l bytes) hold one of list's "|keys|", case aside? */
static int
sr_key(const char *t, size_t l, const char *list)
{
	const char *p, *q;
	size_t i, n;

	for (p = list + 1; *p != '\0'; p = q + 1) {
		q = strchr(p, '|');
		n = (size_t)(q - p);
		for (i = 0; n > 0 && i + n <= l; i++)
			if (strncasecmp(t + i, p, n) == 0)
				return (1);
	}
	return (0);
}

/* Program p's commands of secreads[] at words [start, end) of ci. */
static void __attribute__((noinline))
secret_reads(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const struct srprog *p)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct secread *sr;
	const char *s, *q, *t, *eq;
	uint64_t first = 0;
	size_t i, n;
	uint32_t k, x;
	int ok;

	if (end > cmd->nwords)
		end = cmd->nwords;
	/* (the first bytes of its words: a subcommand's must be there) */
	for (x = start + 1; x < end; x++)
		first |= (uint64_t)1 << (cmd->words[x].text[0] & 63);
	for (i = p->first; i < (size_t)p->first + p->n; i++) {
		sr = &secreads[i];
		if (sr->subs[0] != '\0' &&
		    !(first & (uint64_t)1 << (sr->subs[0] & 63)))
			continue;
		k = start + 1;
		for (s = sr->subs; *s != '\0' && k != NONE; s = q) {
			q = strchr(s, ' ');
			n = q != NULL ? (size_t)(q - s) : strlen(s);
			k = sr_find(cmd, k, end, s, n);
			q = q != NULL ? q + 1 : s + n;
		}
		if (k == NONE)
			continue;
		ok = sr->opts == NULL;
		for (x = start + 1; !ok && x < end; x++) {
			t = cmd->words[x].text;
			n = cmd->words[x].len;
			if ((eq = memchr(t, '=', n)) != NULL)
				n = (size_t)(eq - t);
			/* (gpg takes an abbreviation: --export-secret-k;
			   -oyaml is -o) */
			ok = t[0] == '-' && (in_list_abbr(sr->opts, t, n,
			    sr->prog[0] != 'g' || sr->prog[1] != 'p' ||
			    n < 17) || (n > 2 && t[1] != '-' &&
			    in_list_abbr(sr->opts, t, 2, 1)));
		}
		if (ok && sr->keys != NULL) {
			/* the key: the next word not an option */
			while (k < end && cmd->words[k].text[0] == '-')
				k++;
			ok = k < end && (shellparse_pattern(&cmd->words[k]) !=
			    NULL || sr_key(cmd->words[k].text,
			    cmd->words[k].len, sr->keys));
		}
		if (!ok)
			continue;
		c->pread = c->rs->npmw > 0;
		path_feed(c, sr->file, strlen(sr->file), NULL, NULL);
		c->pread = 0;
		return;
	}
}

/*
 * A file of git's configuration or hooks, written: f under dir (git -C
 * DIR, --git-dir DIR) if one is given, else here.
 */
static void
git_file(struct ctx *c, const struct shellparse_word *dir, const char *f)
{
	const char *dp;
	size_t fl = strlen(f), pl;
	char *s, *p = NULL;

	if (dir == NULL || dir->len == 0) {
		written_here(c, f, fl, NULL);
		return;
	}
	if ((s = shellparse_alloc(c->sp, dir->len + fl + 2)) == NULL) {
		c->nomem = 1;
		return;
	}
	memcpy(s, dir->text, dir->len);
	s[dir->len] = '/';
	memcpy(s + dir->len + 1, f, fl + 1);
	if ((dp = shellparse_pattern(dir)) != NULL) {
		pl = strlen(dp);
		if ((p = shellparse_alloc(c->sp, pl + fl + 2)) == NULL) {
			c->nomem = 1;
			return;
		}
		memcpy(p, dp, pl);
		p[pl] = '/';
		memcpy(p + pl + 1, f, fl + 1);
	}
	written_here(c, s, dir->len + 1 + fl, p);
}

/* Is word w the plain word s? */
static inline int
word_is(const struct shellparse_word *w, const char *s)
{
	size_t n = strlen(s);

	return (w->len == n && memcmp(w->text, s, n) == 0 &&
	    shellparse_pattern(w) == NULL);
}

#define GS_LOCAL	0	/* .git/config */
#define GS_GLOBAL	1	/* ~/.gitconfig */
#define GS_SYSTEM	2	/* /etc/gitconfig */
#define GS_WORKTREE	3	/* .git/config.worktree */
#define GS_FILE		4	/* -f FILE: an operand */
#define GS_BLOB		5	/* --blob: none written */

/* The configuration file of scope (GS_*) written; gc, gd: git -C DIR,
   --git-dir DIR or NULL. */
static void
git_cfg_file(struct ctx *c, int scope, const struct shellparse_word *gc,
    const struct shellparse_word *gd)
{
	switch (scope) {
	case GS_GLOBAL:
		written_here(c, "~/.gitconfig", 12, NULL);
		break;
	case GS_SYSTEM:
		written_here(c, "/etc/gitconfig", 14, NULL);
		break;
	case GS_LOCAL:
	case GS_WORKTREE:
		if (gd != NULL)
			git_file(c, gd, scope == GS_WORKTREE ?
			    "config.worktree" : "config");
		else
			git_file(c, gc, scope == GS_WORKTREE ?
			    ".git/config.worktree" : ".git/config");
		break;
	}
}

/*
 * git config that sets (KEY VALUE, --add, --unset, --unset-all,
 * --replace-all, --rename-section, --remove-section, -e; git 2.46's
 * set, unset, edit, rename-section, remove-section) writes the
 * repository's .git/config (under git -C DIR; DIR/config of --git-dir
 * DIR), ~/.gitconfig with --global, /etc/gitconfig with --system,
 * .git/config.worktree with --worktree; -f FILE is an operand, written
 * as any.  A get or a list (a KEY alone) writes nothing; neither does
 * --blob.  Words [k, end) follow "config".
 */
/*
 * git's configuration keys whose value no program runs, and that name
 * no file, hook or command: setting one writes nothing the startup
 * rules are about (core.pager, core.editor, core.fsmonitor,
 * core.hooksPath, alias.*, credential.helper, remote URLs, include.path
 * and the like are not among them).
 */
#define GIT_PLAIN_KEYS	"|user.name|user.email|init.defaultbranch|" \
	"pull.rebase|pull.ff|push.default|push.autosetupremote|fetch.prune|" \
	"color.ui|core.autocrlf|core.eol|core.filemode|core.ignorecase|" \
	"core.quotepath|core.safecrlf|merge.ff|merge.conflictstyle|" \
	"rebase.autostash|rebase.autosquash|rebase.updaterefs|" \
	"commit.gpgsign|tag.gpgsign|diff.renames|diff.algorithm|log.date|" \
	"rerere.enabled|status.showuntrackedfiles|branch.autosetupmerge|" \
	"branch.autosetuprebase|advice.detachedhead|column.ui|" \
	"commit.verbose|"

/* Is word w such a key, written out (any case)? */
static int
git_key_plain(const struct shellparse_word *w)
{
	char buf[40];
	size_t i;

	if (shellparse_pattern(w) != NULL || w->len == 0 ||
	    w->len >= sizeof(buf))
		return (0);
	for (i = 0; i < w->len; i++)
		buf[i] = (char)tolower((unsigned char)w->text[i]);
	return (in_list_abbr(GIT_PLAIN_KEYS, buf, w->len, 1));
}

static void
git_cfg_writes(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t k,
    uint32_t end, const struct shellparse_word *gc,
    const struct shellparse_word *gd)
{
	const struct shellparse_word *w, *key = NULL;
	const char *t;
	size_t l, i;
	int write = 0, get = 0, scope = GS_LOCAL, nops = 0, endopts = 0;
	int sub = 0, other = 0;

	for (; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (!endopts && w->len == 2 && t[0] == '-' && t[1] == '-') {
			endopts = 1;
			continue;
		}
		if (!endopts && w->len >= 2 && t[0] == '-' && t[1] == '-') {
			l = strcspn(t + 2, "=");
#define GC_IS(s)	(l == sizeof(s) - 1 && memcmp(t + 2, s, l) == 0)
			if (GC_IS("global"))
				scope = GS_GLOBAL;
			else if (GC_IS("system"))
				scope = GS_SYSTEM;
			else if (GC_IS("worktree"))
				scope = GS_WORKTREE;
			else if (GC_IS("local"))
				scope = GS_LOCAL;
			else if (GC_IS("file") || GC_IS("blob")) {
				scope = t[2] == 'f' ? GS_FILE : GS_BLOB;
				if (t[2 + l] != '=')
					k++;
			}
#undef GC_IS
			if (in_list_abbr("|get|get-all|get-regexp|"
			    "get-urlmatch|get-color|get-colorbool|list|", t + 2,
			    l, 1))
				get = 1;
			else if (in_list_abbr("|add|unset|unset-all|"
			    "replace-all|rename-section|remove-section|edit|",
			    t + 2, l, 1)) {
				write = 1;
				/* (what --edit and the sections write is not
				   one key's value) */
				other |= t[2] == 'r' || t[2] == 'e';
			}
			else if (t[2 + l] != '=' && in_list_abbr("|type|"
			    "default|comment|value|url|", t + 2, l, 1))
				k++;	/* --type bool */
			continue;
		}
		if (!endopts && w->len >= 2 && t[0] == '-') {
			/* -l, -e, -f FILE (-fFILE), -z, ... */
			for (i = 1; i < w->len; i++) {
				if (t[i] == 'l')
					get = 1;
				else if (t[i] == 'e')
					write = other = 1;
				else if (t[i] == 'f') {
					scope = GS_FILE;
					if (i + 1 == w->len)
						k++;
					break;
				}
			}
			continue;
		}
		if (nops == 0 && (word_is(w, "get") || word_is(w, "list")))
			get = 1;
		else if (nops == 0 && (word_is(w, "set") ||
		    word_is(w, "unset"))) {
			write = sub = 1;
			nops++;
			continue;
		} else if (nops == 0 && (word_is(w, "edit") ||
		    word_is(w, "rename-section") ||
		    word_is(w, "remove-section")))
			write = other = 1;
		if (nops == sub)
			key = w;
		nops++;
	}
	/* git config user.email a@b: a value no program runs */
	if (!other && scope != GS_FILE && key != NULL && git_key_plain(key))
		return;
	if (write || (!get && nops >= 2))
		git_cfg_file(c, scope, gc, gd);
}

/*
 * git lfs install: its hooks (.git/hooks/pre-push and the others),
 * unless --skip-repo, and its filters in ~/.gitconfig (--local:
 * .git/config, --worktree, --system; --file FILE is an operand).
 */
static void
git_lfs_writes(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t k,
    uint32_t end, const struct shellparse_word *gc,
    const struct shellparse_word *gd)
{
	const struct shellparse_word *w;
	int hooks = 1, scope = GS_GLOBAL;

	if (k >= end || !word_is(&cmd->words[k], "install"))
		return;
	for (k++; k < end; k++) {
		w = &cmd->words[k];
		if (word_is(w, "--skip-repo"))
			hooks = 0;
		else if (word_is(w, "--local") || word_is(w, "-l"))
			scope = GS_LOCAL;
		else if (word_is(w, "--worktree") || word_is(w, "-w"))
			scope = GS_WORKTREE;
		else if (word_is(w, "--system"))
			scope = GS_SYSTEM;
		else if (w->len >= 6 && memcmp(w->text, "--file", 6) == 0)
			scope = GS_FILE;
	}
	if (hooks) {
		if (gd != NULL)
			git_file(c, gd, "hooks/pre-push");
		else
			git_file(c, gc, ".git/hooks/pre-push");
	}
	git_cfg_file(c, scope, gc, gd);
}

/*
 * Programs that install git hooks: pre-commit install (-t TYPE,
 * --hook-type TYPE: .git/hooks/TYPE, else pre-commit), husky, husky
 * install and husky init (core.hooksPath in .git/config).
 */
static void
hook_installs(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    int husky)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	char *d;
	uint32_t k;
	int types = 0;

	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end && cmd->words[k].text[0] == '-'; k++)
		;
	if (husky) {
		if (k >= end || word_is(&cmd->words[k], "install") ||
		    word_is(&cmd->words[k], "init"))
			written_here(c, ".git/config", 11, NULL);
		return;
	}
	if (k >= end || !word_is(&cmd->words[k], "install"))
		return;
	for (k++; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		if (!(word_is(w, "-t") || word_is(w, "--hook-type")) ||
		    k + 1 >= end)
			continue;
		w = &cmd->words[++k];
		types++;
		if (w->len > 64 || memchr(w->text, '/', w->len) != NULL)
			continue;
		if ((d = shellparse_alloc(c->sp, w->len + 12)) == NULL) {
			c->nomem = 1;
			return;
		}
		memcpy(d, ".git/hooks/", 11);
		memcpy(d + 11, w->text, w->len + 1);
		written_here(c, d, w->len + 11, shellparse_pattern(w) != NULL ?
		    ".git/hooks/*" : NULL);
	}
	if (types == 0)
		written_here(c, ".git/hooks/pre-commit", 21, NULL);
}

#define TW_GIT		1
#define TW_JS		2	/* npm, pnpm, yarn, bun */
#define TW_PIP		3
#define TW_MAKE		4
#define TW_CMAKE	5
#define TW_CARGO	6

/*
 * The system's directories, which a package manager writes as it
 * installs, removes or upgrades: its packages' files, and whatever
 * their scripts do as root.  (Not /dev, /home, /root: a package may,
 * but that is not what installing is.)
 */
static const char *const sys_trees[] = {
	"/usr", "/etc", "/var", "/opt", "/boot", "/bin", "/sbin", "/lib",
	"/lib32", "/lib64", "/libx32",
};

/* Directories dirs[0..n-1] (NULL ends them early): trees written. */
static void
trees_written(struct ctx *c, const char *const *dirs, size_t n)
{
	struct shellparse_word v;
	size_t i;
	int pr = c->pread;

	c->pread = 0;
	for (i = 0; i < n && dirs[i] != NULL && !c->nomem; i++) {
		v.text = dirs[i];
		v.len = (uint32_t)strlen(dirs[i]);
		v.flags = 0;
		dir_word(c, &v, NULL, NULL);
	}
	c->pread = pr;
}

/*
 * dpkg and rpm not asked a question (pkg_reads()) write a tree of
 * files: dpkg -x DEB DIR (-X, --extract, --vextract) into DIR, and
 * into the directory of --root, --instdir or --admindir; rpm into that
 * of --root, --dbpath and --prefix, and NEW of --relocate OLD=NEW.
 * Installing, removing, configuring (any action but those, and dpkg's
 * -b, -e, --build, --control and --fsys-tarfile, which make or unpack
 * a package where they are told) writes the system's directories too,
 * but for under --root (dpkg's --instdir).
 */
static void
pkg_trees(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t start,
    uint32_t end, int rpm)
{
	const struct shellparse_word *w, *d, *last = NULL;
	struct shellparse_word v;
	const char *t, *eq;
	uint32_t k;
	size_t l;
	int hit, x = 0, endopts = 0, rooted = 0;

	if (pkg_reads(cmd, start, rpm ? "rpm" : "dpkg", rpm ? 3 : 4))
		return;
	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (endopts || w->len < 2 || t[0] != '-') {
			last = w;
			continue;
		}
		if (w->len == 2 && t[1] == '-') {
			endopts = 1;
			continue;
		}
		if (!rpm && t[1] != '-' && w->len == 2 && (t[1] == 'x' ||
		    t[1] == 'X'))
			x = 1;
		else if (!rpm && t[1] != '-' && w->len == 2 && (t[1] == 'b' ||
		    t[1] == 'e') && x == 0)
			x = 2;
		if (t[1] != '-')
			continue;
		eq = memchr(t, '=', w->len);
		l = (eq != NULL ? (size_t)(eq - t) : w->len) - 2;
		/* (a root that may be any may be /) */
		if (l > 0 && in_list_abbr(rpm ? "|root|" : "|root|instdir|",
		    t + 2, l, 0) && shellparse_pattern(w) == NULL &&
		    (eq != NULL || (k + 1 < end &&
		    shellparse_pattern(&cmd->words[k + 1]) == NULL)))
			rooted = 1;
		if (!rpm && in_list_abbr("|extract|vextract|", t + 2,
		    w->len - 2, 1))
			x = 1;
		else if (!rpm && in_list_abbr("|build|control|fsys-tarfile|",
		    t + 2, w->len - 2, 1)) {
			if (x == 0)
				x = 2;
		} else if ((d = tw_long(cmd, &k, end, rpm ?
		    "|root|dbpath|prefix|" : "|root|instdir|admindir|", &v,
		    &hit)) != NULL)
			dir_word(c, d, NULL, NULL);
		else if (rpm && !hit && (d = tw_long(cmd, &k, end,
		    "|relocate|", &v, &hit)) != NULL &&
		    shellparse_pattern(d) == NULL &&
		    (eq = memchr(d->text, '=', d->len)) != NULL) {
			v.text = eq + 1;
			v.len = d->len - (uint32_t)(eq + 1 - d->text);
			v.flags = 0;
			dir_word(c, &v, NULL, NULL);
		}
	}
	if (x == 1 && last != NULL)
		dir_word(c, last, NULL, NULL);
	else if (x == 0 && !rooted)
		trees_written(c, sys_trees,
		    sizeof(sys_trees) / sizeof(sys_trees[0]));
}

/*
 * Package managers whose action is their first operand (apt install
 * X, dnf remove X, zypper in X, apk add X, snap install X), and pacman,
 * whose action is an option (-S, -R, -U).  An action that installs,
 * removes or upgrades writes the system's directories (sys_trees[]);
 * one that only refreshes or cleans what the manager keeps (apt update,
 * dnf makecache, pacman -Sy) writes that; one that only asks (apt show,
 * dnf list, pacman -Ss), or a dry run (apt-get -s), writes nothing.
 * An action not known, or a word before it that may be any, installs.
 * Given a root (dnf --installroot DIR, zypper -R DIR, apk -p DIR,
 * pacman -r DIR), that tree is written instead (and, if it may be any
 * directory, the system's too).
 */
static const struct pkgmgr {
	const char	*name;
	const char	*asks;		/* actions that only ask */
	const char	*caches;	/* that refresh or clean */
	const char	*cache[2];	/* what those write */
	const char	*subs;		/* actions the next operand is of */
	const char	*svals;		/* short options with a value */
	const char	*lvals;		/* long ones */
	const char	*roots;		/* long options naming a root */
	char		 sroot;		/* the short one */
	const char	*dry;		/* long options for a dry run */
	char		 sdry;		/* the short one */
	const char	*extra;		/* written with sys_trees[] */
} pkgmgrs[] = {
#define PM_APT(name) { name, \
	"|list|search|show|showsrc|policy|depends|rdepends|changelog|" \
	"download|source|help|moo|madison|pkgnames|showpkg|stats|dump|" \
	"dumpavail|unmet|check|indextargets|why|why-not|versions|", \
	"|update|clean|autoclean|", { "/var/lib/apt", "/var/cache/apt" }, \
	NULL, "octaFwS", "|option|config-file|target-release|" \
	"host-architecture|default-release|", NULL, 0, \
	"|simulate|just-print|dry-run|recon|no-act|", 's', NULL }
#define PM_DNF(name) { name, \
	"|list|info|search|provides|whatprovides|repolist|repoinfo|" \
	"repoquery|rq|check-update|check-upgrade|deplist|help|check|" \
	"updateinfo|advisory|download|changelog|leaves|version|summary|" \
	"userinstalled|", \
	"|makecache|clean|", { "/var/cache/dnf", "/var/cache/yum" }, \
	"|group|groups|module|history|repo|environment|", "cdexR", \
	"|config|releasever|setopt|exclude|excludepkgs|enablerepo|" \
	"disablerepo|repo|repoid|repofrompath|forcearch|color|destdir|" \
	"downloaddir|debuglevel|errorlevel|rpmverbosity|comment|" \
	"disableplugin|enableplugin|advisory|advisories|bz|cve|" \
	"sec-severity|secseverity|", "|installroot|", 0, "|assumeno|", 0, \
	NULL }
	PM_APT("apt"), PM_APT("apt-get"), PM_APT("aptitude"),
	PM_DNF("dnf"), PM_DNF("yum"), PM_DNF("microdnf"), PM_DNF("tdnf"),
	{ "zypper", "|search|se|info|if|repos|lr|services|ls|packages|pa|"
	    "patterns|pt|products|pd|patches|list-patches|lp|list-updates|"
	    "lu|what-provides|wp|patch-check|pchk|locks|ll|help|"
	    "versioncmp|vcmp|targetos|tos|licenses|needs-rebooting|ps|"
	    "search-packages|", "|refresh|ref|clean|cc|",
	    { "/var/cache/zypp", NULL }, NULL, "cDC", "|config|reposd-dir|"
	    "cache-dir|raw-cache-dir|solv-cache-dir|pkg-cache-dir|",
	    "|root|installroot|", 'R', "|dry-run|", 0, NULL },
	{ "apk", "|search|info|list|policy|dot|stats|version|verify|audit|"
	    "fetch|manifest|", "|update|cache|",
	    { "/var/cache/apk", "/etc/apk/cache" }, NULL, "X",
	    "|repository|keys-dir|repositories-file|cache-dir|arch|wait|"
	    "timeout|cache-max-age|", "|root|", 'p', "|simulate|", 's',
	    NULL },
	{ "pacman", NULL, NULL, { "/var/lib/pacman", "/var/cache/pacman" },
	    NULL, "b", "|dbpath|cachedir|config|gpgdir|hookdir|logfile|"
	    "arch|ignore|ignoregroup|assume-installed|overwrite|"
	    "print-format|", "|root|sysroot|", 'r', NULL, 0, NULL },
	{ "snap", "|list|info|find|search|version|help|changes|change|"
	    "tasks|warnings|connections|interface|interfaces|services|"
	    "logs|get|known|model|whoami|routine|debug|download|aliases|"
	    "saved|run|", NULL, { NULL, NULL }, NULL, "", "", NULL, 0, NULL,
	    0, "/snap" },
#undef PM_APT
#undef PM_DNF
};
enum { PMI_APT, PMI_APTGET, PMI_APTITUDE, PMI_DNF, PMI_YUM, PMI_MICRODNF,
	PMI_TDNF, PMI_ZYPPER, PMI_APK, PMI_PACMAN, PMI_SNAP };

/* The package manager named b (n bytes), or NULL.  (Cheap: most are
   not.) */
static const struct pkgmgr *
pkg_mgr(const char *b, size_t n)
{
	int i = -1;

	switch (n) {
	case 3:
		i = b[0] == 'a' ? (b[2] == 't' ? PMI_APT : PMI_APK) :
		    b[0] == 'd' ? PMI_DNF : b[0] == 'y' ? PMI_YUM : -1;
		break;
	case 4:
		i = b[0] == 't' ? PMI_TDNF : b[0] == 's' ? PMI_SNAP : -1;
		break;
	case 6:
		i = b[0] == 'z' ? PMI_ZYPPER : b[0] == 'p' ? PMI_PACMAN : -1;
		break;
	case 7:
		i = b[0] == 'a' ? PMI_APTGET : -1;
		break;
	case 8:
		i = b[0] == 'a' ? PMI_APTITUDE : b[0] == 'm' ? PMI_MICRODNF :
		    -1;
		break;
	}
	if (i < 0 || strlen(pkgmgrs[i].name) != n ||
	    memcmp(pkgmgrs[i].name, b, n) != 0)
		return (NULL);
	return (&pkgmgrs[i]);
}

/* pacman's operation (S, R, U, D, Q, T, F, V, h) of long option t (n
   bytes after its "--"), and its modifiers as letters; 0 if neither. */
static int
pacman_long(const char *t, size_t n)
{
	static const char *const ops[] = {
		"Ssync", "Rremove", "Uupgrade", "Ddatabase", "Qquery",
		"Tdeptest", "Ffiles", "Vversion", "hhelp", "ssearch", "iinfo",
		"llist", "ggroups", "pprint", "yrefresh", "usysupgrade",
		"cclean", "wdownloadonly",
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strlen(ops[i] + 1) == n && memcmp(ops[i] + 1, t, n) == 0)
			return (ops[i][0]);
	return (0);
}

#define PK_ASKS		0
#define PK_CACHE	1
#define PK_INSTALL	2

/* Has pacman's letters[0..n-1] any of set? */
static int
pac_has(const char *letters, size_t n, const char *set)
{
	for (; *set != '\0'; set++)
		if (memchr(letters, *set, n) != NULL)
			return (1);
	return (0);
}

static void
pkg_installs(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t start,
    uint32_t end, const struct pkgmgr *pm)
{
	const struct shellparse_word *w, *act = NULL, *root = NULL;
	struct shellparse_word v;
	const char *t, *eq = NULL;
	char letters[64];
	size_t l = 0, j, nl = 0;
	uint32_t k, nops = 0;
	int endopts = 0, any = 0, dry = 0, sub = 0, op = 0, what, m;
	int pacman = pm == &pkgmgrs[PMI_PACMAN];

	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:
			/* (pacman's operation may be in it) */
			if (act == NULL || sub || pacman)
				any = 1;
			continue;
		case OW_END:
			endopts = 1;
			continue;
		case OW_OPERAND:
			nops++;
			if (act == NULL || sub) {
				sub = act == NULL && pm->subs != NULL &&
				    in_list_abbr(pm->subs, t, w->len, 1);
				act = w;
			}
			continue;
		case OW_LONG:
			if (pacman && (m = pacman_long(t + 2, l)) != 0) {
				if (m >= 'A' && m <= 'Z') {
					if (op == 0)
						op = m;
				} else if (nl < sizeof(letters))
					letters[nl++] = (char)m;
			} else if (pm->dry != NULL &&
			    in_list_abbr(pm->dry, t + 2, l, 1))
				dry = 1;
			else if (pm->roots != NULL &&
			    in_list_abbr(pm->roots, t + 2, l, 1)) {
				if (eq != NULL) {
					v.text = eq + 1;
					v.len = w->len - (uint32_t)(eq + 1 - t);
					v.flags = 0;
					root = &v;
				} else if (k + 1 < end)
					root = &cmd->words[++k];
			} else if (eq == NULL && in_list_abbr(pm->lvals, t + 2,
			    l, 1))
				k++;
			continue;
		}
		/* OW_SHORT: -y, -oX=Y, -o X=Y; pacman's -Syu */
		for (j = 1; j < w->len; j++) {
			if (pm->sroot != 0 && t[j] == pm->sroot) {
				if (j + 1 < w->len) {
					v.text = t + j + 1;
					v.len = w->len - (uint32_t)(j + 1);
					v.flags = 0;
					root = &v;
				} else if (k + 1 < end)
					root = &cmd->words[++k];
				break;
			}
			if (t[j] != '\0' && strchr(pm->svals, t[j]) != NULL) {
				if (j + 1 == w->len)
					k++;
				break;
			}
			if (pm->sdry != 0 && t[j] == pm->sdry)
				dry = 1;
			if (!pacman)
				continue;
			if (t[j] >= 'A' && t[j] <= 'Z') {
				if (op == 0)
					op = t[j];
			} else if (nl < sizeof(letters))
				letters[nl++] = t[j];
		}
	}
	if (dry && !any)
		return;
	if (any)
		what = PK_INSTALL;
	else if (pacman) {
		/* -R, -U, -D install; -S too, but for -Ss, -Si, -Sl, -Sg
		   and -Sp, which ask, and -Sy, -Sc and -Sw alone, which
		   refresh, clean or download (as -Fy refreshes) */
		if (op == 'R' || op == 'U' || op == 'D' || (op == 'S' &&
		    !pac_has(letters, nl, "silgpw") && (nops > 0 ||
		    pac_has(letters, nl, "u") || !pac_has(letters, nl, "yc"))))
			what = PK_INSTALL;
		else if ((op == 'S' && pac_has(letters, nl, "ycw")) ||
		    (op == 'F' && pac_has(letters, nl, "y")))
			what = PK_CACHE;
		else
			what = PK_ASKS;
	} else if (act == NULL || sub)	/* its usage; dnf history */
		what = PK_ASKS;
	else if (in_list_abbr(pm->asks, act->text, act->len, 1))
		what = PK_ASKS;
	else if (pm->caches != NULL && in_list_abbr(pm->caches, act->text,
	    act->len, 1))
		what = PK_CACHE;
	else
		what = PK_INSTALL;
	if (what == PK_ASKS)
		return;
	if (root != NULL) {
		m = c->pread;
		c->pread = 0;
		dir_word(c, root, NULL, NULL);
		c->pread = m;
	}
	if (root != NULL && shellparse_pattern(root) == NULL)
		return;		/* (a root that may be any may be /) */
	if (what == PK_CACHE)
		trees_written(c, pm->cache, 2);
	else {
		trees_written(c, sys_trees,
		    sizeof(sys_trees) / sizeof(sys_trees[0]));
		if (pm->extra != NULL)
			trees_written(c, &pm->extra, 1);
	}
}

/* make's targets that install (or uninstall) where its prefix says */
#define MAKE_INSTALLS	"|install|uninstall|install-strip|install-exec|" \
	"install-data|install-bin|install-lib|install-headers|" \
	"install-man|install-docs|"

/* npm's actions that write where -g puts packages */
#define NPM_INSTALLS	"|install|i|in|ins|inst|insta|instal|isnt|isnta|" \
	"isntal|isntall|add|uninstall|un|unlink|remove|rm|r|update|up|" \
	"upgrade|udpate|link|ln|rebuild|rb|install-test|it|ci|clean-install|"

/*
 * cmake's trees.  Configuring writes its build directory: -B DIR, else
 * the one it runs in (cmake .., cmake -S src; a build directory named
 * instead, cmake DIR with DIR's CMakeCache.txt, is not told apart from
 * a source directory).  --build DIR writes DIR, and the system's
 * directories too with --target install (-t, or install after --: its
 * prefix is not known here).  --install DIR writes --prefix's tree,
 * else the system's.  -E and -P (which run what is matched elsewhere),
 * --help and --version write none.
 */
static void
cmake_trees(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t start,
    uint32_t end)
{
	const struct shellparse_word *w, *d, *bdir = NULL, *prefix = NULL;
	struct shellparse_word v, bv, pv;
	const char *t;
	uint32_t k;
	int mode = 0, inst = 0, hit, pr = c->pread, native = 0;

	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (native) {
			/* cmake --build b -- install: the build tool's */
			if (in_list_abbr(MAKE_INSTALLS, t, w->len, 1))
				inst = 1;
			continue;
		}
		if (w->len == 2 && t[0] == '-' && t[1] == '-') {
			native = mode == 1;
			if (!native)
				break;
			continue;
		}
		if (w->len < 2 || t[0] != '-')
			continue;
		if (t[1] == '-') {
			if ((d = tw_long(cmd, &k, end, "|build|", &bv,
			    &hit)) != NULL || hit) {
				mode = 1;
				bdir = d;
			} else if ((d = tw_long(cmd, &k, end, "|install|",
			    &bv, &hit)) != NULL || hit)
				mode = 2;
			else if ((d = tw_long(cmd, &k, end, "|prefix|", &pv,
			    &hit)) != NULL)
				prefix = d;
			else if (hit)
				continue;
			else if ((d = tw_long(cmd, &k, end, "|target|", &v,
			    &hit)) != NULL) {
				if (in_list_abbr(MAKE_INSTALLS, d->text, d->len,
				    1))
					inst = 1;
			} else if (hit)
				continue;
			else if (in_list_abbr("|help|help-full|help-command|"
			    "help-module|help-policy|help-property|"
			    "help-variable|help-manual|version|"
			    "system-information|find-package|list-presets|",
			    t + 2, w->len - 2, 1))
				return;
			else
				(void)tw_long(cmd, &k, end, "|config|component|"
				    "preset|log-level|log-context|graphviz|"
				    "toolchain|install-prefix|trace-source|"
				    "trace-redirect|debug-find-pkg|"
				    "debug-find-var|project-file|", &v, &hit);
			continue;
		}
		switch (t[1]) {
		case 'E':
		case 'P':
		case 'N':
		case 'h':
			return;
		case 'B':
			if ((d = opt_val(cmd, &k, end, 2, &bv)) != NULL)
				bdir = d;
			break;
		case 't':
			if (mode == 1 && (d = opt_val(cmd, &k, end, 2, &v)) !=
			    NULL && in_list_abbr(MAKE_INSTALLS, d->text,
			    d->len, 1))
				inst = 1;
			break;
		case 'S': case 'D': case 'U': case 'C': case 'G': case 'T':
		case 'A':
			(void)opt_val(cmd, &k, end, 2, &v);
			break;
		case 'j':
			/* -j [N] */
			if (w->len == 2 && k + 1 < end &&
			    cmd->words[k + 1].len > 0 &&
			    strspn(cmd->words[k + 1].text, "0123456789") ==
			    cmd->words[k + 1].len)
				k++;
			break;
		}
	}
	if (c->nomem)
		return;
	c->pread = 0;
	if (bdir != NULL)
		dir_word(c, bdir, NULL, NULL);
	if (mode == 0 && bdir == NULL)
		cwd_tree(c);
	if (mode == 2 && prefix != NULL)
		dir_word(c, prefix, NULL, NULL);
	if ((mode == 2 && (prefix == NULL ||
	    shellparse_pattern(prefix) != NULL)) || (mode == 1 && inst))
		trees_written(c, sys_trees,
		    sizeof(sys_trees) / sizeof(sys_trees[0]));
	c->pread = pr;
}

/*
 * cargo's trees: --target-dir DIR; cargo install (and uninstall) the
 * tree of --root DIR, else ~/.cargo (its bin); cargo new PATH and cargo
 * init [PATH] the project's.
 */
static void
cargo_trees(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t start,
    uint32_t end)
{
	const struct shellparse_word *w, *d, *sub = NULL, *root = NULL;
	struct shellparse_word v, rv, tv;
	const char *t;
	uint32_t k, nops = 0;
	int hit, pr = c->pread, mk = 0, list = 0;

	c->pread = 0;
	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (w->len == 2 && t[0] == '-' && t[1] == '-')
			break;		/* cargo run -- ARGS: the program's */
		if (w->len > 2 && t[0] == '-' && t[1] == '-') {
			if ((d = tw_long(cmd, &k, end, "|target-dir|", &tv,
			    &hit)) != NULL)
				dir_word(c, d, NULL, NULL);
			else if (!hit && (d = tw_long(cmd, &k, end, "|root|",
			    &rv, &hit)) != NULL)
				root = d;
			else if (!hit && in_list_abbr("|list|", t + 2,
			    w->len - 2, 1))
				list = 1;
			continue;
		}
		if (w->len >= 2 && t[0] == '-') {
			if (t[1] == 'Z' || t[1] == 'C')
				(void)opt_val(cmd, &k, end, 2, &v);
			continue;
		}
		if (sub == NULL) {
			if (w->len > 0 && t[0] == '+')
				continue;	/* cargo +nightly */
			sub = w;
			mk = word_is(w, "new") || word_is(w, "init");
			continue;
		}
		if (mk) {
			dir_word(c, w, NULL, NULL);
			nops++;
		}
	}
	if (sub != NULL && !c->nomem) {
		if (word_is(sub, "init") && nops == 0)
			cwd_tree(c);
		else if ((word_is(sub, "install") && !list) ||
		    word_is(sub, "uninstall")) {
			if (root != NULL)
				dir_word(c, root, NULL, NULL);
			else
				trees_written(c, (const char *const []){
				    "~/.cargo" }, 1);
		}
	}
	c->pread = pr;
}

/*
 * Programs that write a tree of files into a directory their words
 * name, not known to the path rules as such: git clone URL [DIR] (by
 * default the URL's last part, less .git), git worktree add DIR, git
 * submodule add URL [DIR], and any git command given a work tree
 * (--work-tree DIR, GIT_WORK_TREE=DIR); npm, pnpm, yarn and bun with
 * --prefix, --dir, -C, --cwd, --modules-dir, --global-dir DIR; pip's
 * --target (-t), --prefix, --root, --src and download's --dest (-d)
 * DIR; make's -C DIR (-CDIR, --directory) and DESTDIR=, prefix=,
 * PREFIX=.  Each DIR is fed as a tree the command writes (from git's
 * -C).
 */
static void __attribute__((noinline))
tree_writes(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const char *base, size_t blen)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *d, *gc = NULL, *gd = NULL, *ops[3];
	struct shellparse_word v, u, gdv;
	const char *t, *sub = NULL, *nm;
	size_t sl = 0, l;
	uint32_t k, nops = 0;
	int kind, hit, pr = c->pread, endopts = 0, inst = 0, dest = 0;
	int npmg = 0;		/* npm -g, --global */

	if (blen == 3 && memcmp(base, "git", 3) == 0)
		kind = TW_GIT;
	else if ((blen == 3 && memcmp(base, "npm", 3) == 0) ||
	    (blen == 4 && (memcmp(base, "pnpm", 4) == 0 ||
	    memcmp(base, "yarn", 4) == 0)) ||
	    (blen == 3 && memcmp(base, "bun", 3) == 0))
		kind = TW_JS;
	else if ((blen == 3 && memcmp(base, "pip", 3) == 0) ||
	    (blen == 4 && memcmp(base, "pip3", 4) == 0))
		kind = TW_PIP;
	else if ((blen == 4 && memcmp(base, "make", 4) == 0) ||
	    (blen == 5 && memcmp(base, "gmake", 5) == 0))
		kind = TW_MAKE;
	else if ((blen == 4 && memcmp(base, "dpkg", 4) == 0) ||
	    (blen == 3 && memcmp(base, "rpm", 3) == 0)) {
		c->pread = 0;
		pkg_trees(c, cmd, start, end < cmd->nwords ? end :
		    cmd->nwords, blen == 3);
		c->pread = pr;
		return;
	} else if (blen == 5 && memcmp(base, "cmake", 5) == 0) {
		cmake_trees(c, cmd, start, end < cmd->nwords ? end :
		    cmd->nwords);
		return;
	} else if (blen == 5 && memcmp(base, "cargo", 5) == 0) {
		cargo_trees(c, cmd, start, end < cmd->nwords ? end :
		    cmd->nwords);
		return;
	} else
		return;
	c->pread = 0;
	if (kind == TW_GIT)
		for (k = 0; k < start && k < cmd->nwords; k++) {
			w = &cmd->words[k];
			if (w->len > 14 && memcmp(w->text, "GIT_WORK_TREE=",
			    14) == 0) {
				u.text = w->text + 14;
				u.len = w->len - 14;
				u.flags = 0;
				if (shellparse_pattern(w) == NULL)
					dir_word(c, &u, NULL, NULL);
			}
		}
	for (k = start + 1; k < end && k < cmd->nwords && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (!endopts && w->len == 2 && t[0] == '-' && t[1] == '-') {
			endopts = 1;
			continue;
		}
		if (kind == TW_MAKE) {
			if (!endopts && w->len >= 2 && t[0] == '-' &&
			    t[1] == 'C') {
				if ((d = opt_val(cmd, &k, end, 2, &v)) != NULL)
					dir_word(c, d, NULL, NULL);
			} else if (!endopts && w->len > 2 && t[0] == '-' &&
			    t[1] == '-') {
				if ((d = tw_long(cmd, &k, end, "|directory|",
				    &v, &hit)) != NULL)
					dir_word(c, d, NULL, NULL);
			} else if ((w->len > 8 && memcmp(t, "DESTDIR=", 8) ==
			    0) || (w->len > 7 && (memcmp(t, "prefix=", 7) ==
			    0 || memcmp(t, "PREFIX=", 7) == 0))) {
				l = (size_t)((const char *)memchr(t, '=',
				    w->len) - t) + 1;
				u.text = t + l;
				u.len = w->len - (uint32_t)l;
				u.flags = 0;
				/* PREFIX=$HOME/.local: its value's glob */
				if ((nm = shellparse_pattern(w)) == NULL)
					dir_word(c, &u, NULL, NULL);
				else if (u.len > 0)
					(void)feed_word(c, dir_feed, u.text,
					    u.len, strncmp(nm, t, l) == 0 ?
					    nm + l : "*", NULL);
				dest = 1;
			} else if (w->len > 0 && t[0] != '-' &&
			    in_list_abbr(MAKE_INSTALLS, t, w->len, 1))
				inst = 1;
			continue;
		}
		if (kind == TW_JS || kind == TW_PIP) {
			if (endopts || w->len < 2 || t[0] != '-') {
				/* npm install -g: where its prefix is */
				if (kind == TW_JS && blen == 3 && base[0] ==
				    'n' && in_list_abbr(NPM_INSTALLS, t, w->len,
				    1))
					inst = 1;
				continue;
			}
			if (kind == TW_JS && blen == 3 && base[0] == 'n' &&
			    (word_is(w, "-g") || word_is(w, "--global") ||
			    word_is(w, "--location=global") ||
			    (word_is(w, "--location") && k + 1 < end &&
			    word_is(&cmd->words[k + 1], "global")))) {
				npmg = 1;
				continue;
			}
			if (t[1] == '-') {
				d = tw_long(cmd, &k, end, kind == TW_JS ?
				    "|prefix|dir|cwd|modules-dir|global-dir|" :
				    "|target|prefix|root|src|dest|", &v, &hit);
				if (d != NULL) {
					dir_word(c, d, NULL, NULL);
					dest = 1;
				}
			} else if (w->len >= 2 && (kind == TW_JS ? t[1] ==
			    'C' : t[1] == 't' || t[1] == 'd')) {
				if ((d = opt_val(cmd, &k, end, 2, &v)) != NULL)
					dir_word(c, d, NULL, NULL);
			}
			continue;
		}
		/* git [-C DIR] [-c K=V] [--work-tree DIR] SUB ... */
		if (sub == NULL) {
			if (w->len >= 2 && t[0] == '-' && t[1] != '-') {
				if (t[1] == 'C')
					gc = opt_val(cmd, &k, end, 2, &v);
				else if (t[1] == 'c')
					(void)opt_val(cmd, &k, end, 2, &u);
				continue;
			}
			if (w->len > 2 && t[0] == '-') {
				if ((d = tw_long(cmd, &k, end, "|work-tree|",
				    &u, &hit)) != NULL)
					dir_word(c, d, gc, NULL);
				else if (!hit && (d = tw_long(cmd, &k, end,
				    "|git-dir|", &gdv, &hit)) != NULL)
					gd = d;
				else if (!hit)
					(void)tw_long(cmd, &k, end,
					    "|namespace|config-env|"
					    "super-prefix|attr-source|", &u,
					    &hit);
				continue;
			}
			if (shellparse_pattern(w) != NULL)
				break;
			sub = t;
			sl = w->len;
			/* git config KEY VALUE, git lfs install */
			if (sl == 6 && memcmp(sub, "config", 6) == 0) {
				git_cfg_writes(c, cmd, k + 1, end, gc, gd);
				break;
			}
			if (sl == 3 && memcmp(sub, "lfs", 3) == 0) {
				git_lfs_writes(c, cmd, k + 1, end, gc, gd);
				break;
			}
			if (!(sl == 5 && memcmp(sub, "clone", 5) == 0) &&
			    !(sl == 8 && memcmp(sub, "worktree", 8) == 0) &&
			    !(sl == 9 && memcmp(sub, "submodule", 9) == 0))
				break;
			continue;
		}
		if (!endopts && w->len >= 2 && t[0] == '-') {
			/* the options of these that take a value */
			if (t[1] == '-') {
				if (memchr(t, '=', w->len) == NULL &&
				    in_list_abbr("|origin|branch|config|jobs|"
				    "depth|reference|reference-if-able|"
				    "separate-git-dir|filter|shallow-since|"
				    "shallow-exclude|server-option|bundle-uri|"
				    "ref-format|revision|upload-pack|template|"
				    "name|reason|", t + 2, w->len - 2, 0) &&
				    k + 1 < end)
					k++;
			} else if (w->len == 2 && strchr("obcjubB", t[1]) !=
			    NULL && k + 1 < end)
				k++;
			continue;
		}
		if (nops == 0 && sl > 5 && !(w->len == 3 &&
		    memcmp(t, "add", 3) == 0))
			break;		/* git worktree list */
		if (nops < 3)
			ops[nops] = w;
		nops++;
	}
	if (sub != NULL && !c->nomem) {
		if (sl == 5) {
			/* clone URL [DIR] */
			if (nops >= 2)
				dir_word(c, ops[1], gc, NULL);
			else if (nops == 1 && (l = tw_urlname(c, ops[0],
			    &nm)) > 0) {
				u.text = nm;
				u.len = (uint32_t)l;
				u.flags = 0;
				dir_word(c, &u, gc, NULL);
			}
		} else if (sl == 8 && nops >= 2)
			dir_word(c, ops[1], gc, NULL);	/* add DIR */
		else if (sl == 9 && nops >= 3)
			dir_word(c, ops[2], gc, NULL);	/* add URL DIR */
		else if (sl == 9 && nops == 2 && (l = tw_urlname(c, ops[1],
		    &nm)) > 0) {
			u.text = nm;
			u.len = (uint32_t)l;
			u.flags = 0;
			dir_word(c, &u, gc, NULL);
		}
	}
	/* make install, npm install -g: into their prefix, not known
	   here (/usr/local, /usr) */
	if (inst && !dest && (kind == TW_MAKE || npmg) && !c->nomem)
		trees_written(c, sys_trees,
		    sizeof(sys_trees) / sizeof(sys_trees[0]));
	c->pread = pr;
}

/*
 * python -m pip is pip (tree_writes()); python -m venv DIR... writes
 * each DIR as a tree.  Python's options before -m: -W and -X take a
 * value; -c, a script or - end them.
 */
static void
py_m_trees(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t, *mod = NULL;
	uint32_t k, mk = 0;
	size_t j, ml = 0;
	int pr = c->pread;

	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end && mod == NULL; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (w->len < 2 || t[0] != '-' || shellparse_pattern(w) != NULL)
			return;
		if (t[1] == '-') {
			if (w->len == 2)
				return;
			if (word_is(w, "--check-hash-based-pycs"))
				k++;
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if (t[j] == 'c')
				return;
			if (t[j] == 'W' || t[j] == 'X') {
				if (j + 1 == w->len)
					k++;
				break;
			}
			if (t[j] != 'm')
				continue;
			if (j + 1 < w->len) {
				mod = t + j + 1;
				ml = w->len - j - 1;
				mk = k;
			} else if (k + 1 < end) {
				mk = ++k;
				if (shellparse_pattern(&cmd->words[k]) != NULL)
					return;
				mod = cmd->words[k].text;
				ml = cmd->words[k].len;
			} else
				return;
			break;
		}
	}
	if (mod == NULL)
		return;
	if ((ml == 3 && memcmp(mod, "pip", 3) == 0) || (ml == 4 &&
	    memcmp(mod, "pip3", 4) == 0))
		tree_writes(c, ci, mk, end, "pip", 3);
	else if (ml == 4 && memcmp(mod, "venv", 4) == 0) {
		c->pread = 0;
		for (k = mk + 1; k < end && !c->nomem; k++) {
			w = &cmd->words[k];
			if (word_is(w, "--prompt"))
				k++;
			else if (w->len > 0 && w->text[0] != '-')
				dir_word(c, w, NULL, NULL);
		}
		c->pread = pr;
	}
}

/*
 * Programs that write the system's files without naming them: crontab
 * (the spool of /var/spool/cron), at, batch and atrm (its atjobs, and
 * /var/spool/at), systemctl's unit changes (enable, mask, edit, ...:
 * /etc/systemd, ~/.config/systemd with --user, /run with --runtime,
 * under --root), the account tools (/etc/passwd, /etc/shadow,
 * /etc/group, /etc/gshadow, /etc/subuid, /etc/subgid), visudo
 * (/etc/sudoers and /etc/sudoers.d) and sysctl setting a value (the
 * tree /proc/sys).
 */
#define SW_CRON		1
#define SW_AT		2
#define SW_SYSTEMCTL	3
#define SW_ACCOUNTS	4
#define SW_PASSWD	5	/* not with -S */
#define SW_CHAGE	6	/* not with -l */
#define SW_VISUDO	7
#define SW_SYSCTL	8	/* -w, -p, --system, or NAME=VALUE */

static const struct syswriter {
	const char	*name;
	uint8_t		 len, kind;
} syswriters[] = {
	/* by length: swlen[n] is where those of n bytes start */
	{ "at", 2, SW_AT },
	{ "atrm", 4, SW_AT }, { "chsh", 4, SW_ACCOUNTS },
	{ "chfn", 4, SW_ACCOUNTS }, { "vipw", 4, SW_ACCOUNTS },
	{ "vigr", 4, SW_ACCOUNTS },
	{ "batch", 5, SW_AT }, { "chage", 5, SW_CHAGE },
	{ "passwd", 6, SW_PASSWD }, { "pwconv", 6, SW_ACCOUNTS },
	{ "visudo", 6, SW_VISUDO }, { "sysctl", 6, SW_SYSCTL },
	{ "crontab", 7, SW_CRON }, { "usermod", 7, SW_ACCOUNTS },
	{ "useradd", 7, SW_ACCOUNTS }, { "userdel", 7, SW_ACCOUNTS },
	{ "gpasswd", 7, SW_ACCOUNTS }, { "adduser", 7, SW_ACCOUNTS },
	{ "deluser", 7, SW_ACCOUNTS }, { "grpconv", 7, SW_ACCOUNTS },
	{ "chpasswd", 8, SW_ACCOUNTS }, { "groupadd", 8, SW_ACCOUNTS },
	{ "groupmod", 8, SW_ACCOUNTS }, { "groupdel", 8, SW_ACCOUNTS },
	{ "newusers", 8, SW_ACCOUNTS }, { "addgroup", 8, SW_ACCOUNTS },
	{ "delgroup", 8, SW_ACCOUNTS }, { "pwunconv", 8, SW_ACCOUNTS },
	{ "systemctl", 9, SW_SYSTEMCTL }, { "grpunconv", 9, SW_ACCOUNTS },
};
static const uint8_t swlen[11] = { 0, 0, 0, 1, 1, 6, 8, 12, 20, 28, 30 };

/* The kind of system-file writer named b (n bytes), or 0.  (Cheap:
   most names are not.) */
static inline int
sys_writer(const char *b, size_t n)
{
	size_t i;

	if (n < 2 || n > 9 || memchr("abcdgnpsuv", b[0], 10) == NULL)
		return (0);
	for (i = swlen[n]; i < swlen[n + 1]; i++)
		if (syswriters[i].name[0] == b[0] &&
		    memcmp(syswriters[i].name, b, n) == 0)
			return (syswriters[i].kind);
	return (0);
}

/* Files f[0..n-1] (absolute), written. */
static void
files_written(struct ctx *c, const char *const *f, size_t n)
{
	size_t i;
	int pr = c->pread;

	c->pread = 0;
	for (i = 0; i < n && !c->nomem; i++)
		path_feed(c, f[i], strlen(f[i]), NULL, NULL);
	c->pread = pr;
}

/* systemctl: what its unit changes write. */
static void
systemctl_writes(struct ctx *c, const struct shellparse_cmd *cmd,
    uint32_t start, uint32_t end)
{
	const struct shellparse_word *w, *d, *root = NULL, *sub = NULL;
	struct shellparse_word v, rv;
	const char *t, *tree[2] = { NULL, NULL };
	uint32_t k;
	int user = 0, runtime = 0, hit, pr = c->pread;

	for (k = start + 1; k < end && sub == NULL; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (w->len > 2 && t[0] == '-' && t[1] == '-') {
			if (word_is(w, "--user"))
				user = 1;
			else if (word_is(w, "--global") ||
			    word_is(w, "--system"))
				user = 0;
			else if (word_is(w, "--runtime"))
				runtime = 1;
			else if ((d = tw_long(cmd, &k, end, "|root|", &rv,
			    &hit)) != NULL)
				root = d;
			else if (!hit && (tw_long(cmd, &k, end, "|host|"
			    "machine|", &v, &hit) != NULL || hit))
				return;		/* another machine's */
			else if (!hit && memchr(t, '=', w->len) == NULL &&
			    in_list_abbr("|type|signal|property|lines|output|"
			    "state|kill-whom|kill-value|job-mode|preset-mode|"
			    "message|when|what|image|image-policy|drop-in|"
			    "boot-loader-entry|boot-loader-menu|timestamp|",
			    t + 2, w->len - 2, 1))
				k++;
			continue;
		}
		if (w->len >= 2 && t[0] == '-') {
			if (t[1] == 'H' || t[1] == 'M')
				return;
			if (w->len == 2 && strchr("tspnoi", t[1]) != NULL &&
			    t[1] != 'i')
				k++;
			continue;
		}
		sub = w;
	}
	if (sub == NULL || (shellparse_pattern(sub) == NULL &&
	    !in_list_abbr("|enable|disable|reenable|preset|preset-all|mask|"
	    "unmask|link|revert|add-wants|add-requires|edit|set-default|"
	    "set-property|", sub->text, sub->len, 1)))
		return;
	c->pread = 0;
	if (root != NULL)
		dir_word(c, root, NULL, NULL);
	else {
		if (user && runtime)
			tree[0] = "/run/user";
		else if (user)
			tree[0] = "~/.config/systemd";
		else if (runtime)
			tree[0] = "/run/systemd";
		else	/* and --global's /etc/systemd/user */
			tree[0] = "/etc/systemd";
		trees_written(c, tree, 1);
	}
	c->pread = pr;
}

static void
sys_writes(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    int kind)
{
	static const char *const accounts[] = {
		"/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow",
		"/etc/subuid", "/etc/subgid",
	};
	static const char *const cron[] = { "/var/spool/cron" };
	static const char *const at[] = { "/var/spool/cron/atjobs",
	    "/var/spool/at" };
	static const char *const sudoers[] = { "/etc/sudoers.d" };
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	uint32_t k;
	size_t j;

	if (end > cmd->nwords)
		end = cmd->nwords;
	if (kind == SW_SYSTEMCTL) {
		systemctl_writes(c, cmd, start, end);
		return;
	}
	if (kind == SW_SYSCTL) {
		/* sysctl -w, -p [FILE], --system, --load; or NAME=VALUE */
		for (k = start + 1; k < end; k++) {
			w = &cmd->words[k];
			if (w->len > 2 && w->text[0] == '-' &&
			    w->text[1] == '-') {
				if (word_is(w, "--write") ||
				    word_is(w, "--system") || (w->len >= 6 &&
				    memcmp(w->text, "--load", 6) == 0))
					break;
			} else if (w->len >= 2 && w->text[0] == '-') {
				if (memchr(w->text, 'w', w->len) != NULL ||
				    memchr(w->text, 'p', w->len) != NULL)
					break;
			} else if (memchr(w->text, '=', w->len) != NULL ||
			    shellparse_pattern(w) != NULL)
				break;
		}
		if (k < end)
			trees_written(c, (const char *const []){ "/proc/sys" },
			    1);
		return;
	}
	/* the options that only ask (crontab -l, at -l, passwd -S,
	   chage -l, visudo -c) */
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		if (w->len == 2 && w->text[0] == '-' && w->text[1] == '-')
			break;
		if (w->len < 2 || w->text[0] != '-' ||
		    shellparse_pattern(w) != NULL)
			continue;
		if (w->text[1] == '-') {
			if ((kind == SW_CHAGE && word_is(w, "--list")) ||
			    (kind == SW_PASSWD && word_is(w, "--status")) ||
			    (kind == SW_VISUDO && word_is(w, "--check")) ||
			    word_is(w, "--help") || word_is(w, "--version"))
				return;
			continue;
		}
		for (j = 1; j < w->len; j++)
			if ((kind == SW_CRON && (w->text[j] == 'l' ||
			    w->text[j] == 'T')) || (kind == SW_AT &&
			    (w->text[j] == 'l' || w->text[j] == 'c')) ||
			    (kind == SW_PASSWD && w->text[j] == 'S') ||
			    (kind == SW_CHAGE && w->text[j] == 'l') ||
			    (kind == SW_VISUDO && w->text[j] == 'c') ||
			    (w->text[j] == 'h' && kind != SW_AT &&
			    kind != SW_CRON))
				return;
			else if (kind == SW_CRON && w->text[j] == 'u')
				break;		/* -u USER */
	}
	switch (kind) {
	case SW_CRON:
		trees_written(c, cron, 1);
		break;
	case SW_AT:
		/* (the spool itself too: /var/spool/cron/atjobs is no
		   directory on the way to /var/spool/cron/'s files) */
		files_written(c, at, 2);
		trees_written(c, at, 2);
		break;
	case SW_VISUDO:
		files_written(c, (const char *const []){ "/etc/sudoers" }, 1);
		trees_written(c, sudoers, 1);
		break;
	default:
		files_written(c, accounts, sizeof(accounts) /
		    sizeof(accounts[0]));
		break;
	}
}

/* Does the option name s (n bytes) end in suffix m, in any case? */
#define DO_END(m)	(n >= sizeof(m) - 1 && \
	strncasecmp(s + n - (sizeof(m) - 1), m, sizeof(m) - 1) == 0)

/*
 * A program not known, given a directory by a long option whose name
 * says so (--outDir DIR, --out-dir=DIR, --output-directory, --tmpdir,
 * --destination, --pack-destination: a name ending in dir, directory,
 * dest or destination, but --no-..., --exclude-dir, --include-dir,
 * --mkdir and --rmdir), writes files into it under names it chooses:
 * DIR is a tree it writes (tsc --outDir /usr/bin).  Not the directory
 * it runs in (--chdir, --workdir, --working-directory), which is only
 * that, as a tool's cwd is.  Its value is after '=', else the next
 * word unless that is an option.
 */
static void
dir_opts(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t start,
    uint32_t end)
{
	const struct shellparse_word *w, *v;
	struct shellparse_word vv;
	const char *t, *s, *eq;
	uint32_t k;
	size_t n;
	int pr = c->pread;

	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (w->len < 5 || t[0] != '-' || t[1] != '-')
			continue;
		s = t + 2;
		eq = memchr(s, '=', w->len - 2);
		n = eq != NULL ? (size_t)(eq - s) : w->len - 2;
		if (!(DO_END("dir") || DO_END("directory") || DO_END("dest") ||
		    DO_END("destination")) || (n >= 3 &&
		    strncasecmp(s, "no-", 3) == 0) || (n == 5 &&
		    (strncasecmp(s, "mkdir", 5) == 0 ||
		    strncasecmp(s, "rmdir", 5) == 0)) ||
		    memmem(s, n, "clude", 5) != NULL || DO_END("chdir") ||
		    memmem(s, n, "work", 4) != NULL)
			continue;
		if (eq == NULL && (k + 1 >= end || (cmd->words[k + 1].len > 0 &&
		    cmd->words[k + 1].text[0] == '-')))
			continue;
		if ((v = opt_val(cmd, &k, end, eq != NULL ?
		    (size_t)(eq + 1 - t) : w->len, &vv)) == NULL)
			continue;
		c->pread = 0;
		dir_word(c, v, NULL, NULL);
		c->pread = pr;
	}
}
#undef DO_END

/* tree_writes() and secret_reads() of the programs they know. */
static inline void
prog_files(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const char *base, size_t blen)
{
	const struct srprog *p;
	const struct pkgmgr *pm;

	if (blen >= 3 && blen <= 5 && memchr("gnpybmdrc", base[0], 9) != NULL)
		tree_writes(c, ci, start, end, base, blen);
	if (blen >= 6 && memcmp(base, "python", 6) == 0)
		py_m_trees(c, ci, start, end);
	if ((blen == 10 && memcmp(base, "pre-commit", 10) == 0) ||
	    (blen == 5 && memcmp(base, "husky", 5) == 0))
		hook_installs(c, ci, start, end, blen == 5);
	if ((p = sr_prog(base, blen)) != NULL)
		secret_reads(c, ci, start, end, p);
	if ((pm = pkg_mgr(base, blen)) != NULL)
		pkg_installs(c, &c->sp->cmds[ci], start, end, pm);
}

/* What a compiler writes here, of sources outs: a.out, and each one's
   base name as .o and .s (-c, -S, -save-temps). */
static void
cc_outs(struct ctx *c, const struct shellparse_word *const *outs,
    size_t nout)
{
	static const char sfx[][3] = { ".o", ".s", ".i" };
	const struct shellparse_word *w;
	const char *b, *dot;
	char *d;
	size_t i, k, bl;

	written_here(c, "a.out", 5, NULL);
	for (i = 0; i < nout && !c->nomem; i++) {
		w = outs[i];
		if (shellparse_pattern(w) != NULL || w->len > 1000)
			continue;
		b = memrchr(w->text, '/', w->len);
		b = b != NULL ? b + 1 : w->text;
		bl = w->len - (size_t)(b - w->text);
		if ((dot = memrchr(b, '.', bl)) != NULL && dot > b)
			bl = (size_t)(dot - b);
		for (k = 0; k < sizeof(sfx) / sizeof(sfx[0]); k++) {
			if ((d = shellparse_alloc(c->sp, bl + 3)) == NULL) {
				c->nomem = 1;
				return;
			}
			memcpy(d, b, bl);
			memcpy(d + bl, sfx[k], 2);
			d[bl + 2] = '\0';
			written_here(c, d, bl + 2, NULL);
		}
	}
}

/* split's and csplit's files: PREFIX and a suffix (xaa, xx00), here
   unless the prefix names a directory; a prefix not known: the tree. */
static void
prefix_feed(struct ctx *c, const struct shellparse_word *pfx,
    const char *def)
{
	char *p, *g;
	size_t n, gl;

	if (pfx == NULL) {
		n = strlen(def);
		if ((g = shellparse_alloc(c->sp, n + 2)) == NULL) {
			c->nomem = 1;
			return;
		}
		memcpy(g, def, n);
		memcpy(g + n, "*", 2);
		written_here(c, g, n + 1, g);
		return;
	}
	if (pfx->len == 0 || pfx->len > 1000 ||
	    shellparse_pattern(pfx) != NULL) {
		cwd_tree(c);
		return;
	}
	n = pfx->len;
	if ((p = shellparse_alloc(c->sp, n + 2)) == NULL ||
	    (g = shellparse_alloc(c->sp, 2 * n + 2)) == NULL) {
		c->nomem = 1;
		return;
	}
	memcpy(p, pfx->text, n);
	memcpy(p + n, "*", 2);
	gl = glob_escape(g, pfx->text, n);
	memcpy(g + gl, "*", 2);
	written_here(c, p, n + 1, g);
}

/*
 * Programs that write files under names they choose (what an archive
 * holds, a.out, x.o, xaa, what a URL ends in) write in the directory
 * they run in, or in one an option names: that directory is a tree
 * they write.  A word that may be any option ($x) may be one that
 * moves it elsewhere, which the directory written here does not
 * miss: it errs towards written.
 */
static void
cwd_writes(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t start,
    uint32_t end, const struct recprog *rp)
{
	int kind = rp->kind, split = rp->name[0] == 's';
	/* curl takes no abbreviation: --output is not --output-dir */
	int exact = kind == RK_CURL;
	const struct cwdspec *cs = NULL;
	const struct shellparse_word *w, *v;
	struct shellparse_word vv;
	const char *t, *eq;
	const struct shellparse_word *outs[16], *pfx = NULL;
	uint32_t k;
	size_t i, j, l, nout = 0;
	int endopts = 0, need, ops = 0;

	for (i = 0; i < sizeof(cwdspecs) / sizeof(cwdspecs[0]); i++)
		if (cwdspecs[i].kind == kind)
			cs = &cwdspecs[i];
	need = cs != NULL && (cs->need != NULL || cs->needl != NULL);
	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (shellparse_pattern(w) != NULL || w->len == 0) {
			if (kind == RK_AR)
				break;		/* ar $op: may be x */
			if (++ops == 2 && kind == RK_CWD && split)
				pfx = w;	/* (not known: the tree) */
			continue;
		}
		if (kind == RK_AR) {
			/* ar x lib.a, ar -xv lib.a: the first word */
			if (memchr(t, 'x', w->len) == NULL ||
			    strspn(t, "-abcDfilMNoOPqrsSTtuUvVx") != w->len)
				return;
			break;
		}
		if (kind == RK_CC) {
			/* gcc x.c: a.out; gcc -c x.c: x.o; -o names it */
			if (t[0] != '-') {
				if (nout < sizeof(outs) / sizeof(outs[0]))
					outs[nout++] = w;
				ops++;
				continue;
			}
			if ((w->len >= 2 && t[1] == 'o') ||
			    strcmp(t, "-E") == 0 || strcmp(t, "-M") == 0 ||
			    strcmp(t, "-MM") == 0 ||
			    strcmp(t, "-fsyntax-only") == 0 ||
			    strcmp(t, "-###") == 0 ||
			    strncmp(t, "-print-", 7) == 0 ||
			    strncmp(t, "-dump", 5) == 0 ||
			    strcmp(t, "--version") == 0 ||
			    strcmp(t, "--help") == 0)
				return;
			continue;
		}
		switch (opt_word(w, endopts, &l, &eq)) {
		case OW_ANY:	/* (not reached: checked above) */
			continue;
		case OW_OPERAND:
			/* split IN PREFIX */
			if (++ops == 2 && kind == RK_CWD && split)
				pfx = w;
			/* cpio -p DIR: into DIR */
			if (kind == RK_CPIO && need < 0)
				dir_word(c, w, NULL, NULL);
			continue;
		case OW_END:
			endopts = 1;
			continue;
		case OW_LONG:
			if (in_list_abbr(cs->stopl, t + 2, l, exact))
				return;
			if (in_list_abbr(cs->needl, t + 2, l, exact))
				need = 0;
			else if (kind == RK_CWD && !split &&
			    in_list_abbr("|prefix|", t + 2, l, 0))
				pfx = opt_val(cmd, &k, end, eq != NULL ?
				    (size_t)(eq + 1 - t) : w->len, &vv);
			else if (in_list_abbr(cs->dirl, t + 2, l, exact)) {
				if ((v = opt_val(cmd, &k, end, eq != NULL ?
				    (size_t)(eq + 1 - t) : w->len, &vv)) !=
				    NULL)
					dir_word(c, v, NULL, NULL);
				return;
			}
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if (strchr(cs->stop, t[j]) != NULL)
				return;
			if (cs->need != NULL && strchr(cs->need, t[j]) != NULL)
				need = 0;
			if (kind == RK_CPIO && t[j] == 'p')
				need = -1;	/* pass-through */
			if (cs->dir != 0 && t[j] == cs->dir) {
				if ((v = opt_val(cmd, &k, end, j + 1, &vv)) !=
				    NULL)
					dir_word(c, v, NULL, NULL);
				return;
			}
			if (kind == RK_CWD && !split && t[j] == 'f') {
				pfx = opt_val(cmd, &k, end, j + 1, &vv);
				break;	/* csplit -f PREFIX */
			}
			if (strchr(cs->vals, t[j]) != NULL) {
				if (j + 1 == w->len)
					k++;
				break;
			}
		}
	}
	if (need > 0 || need < 0 || c->nomem ||
	    (kind == RK_CC && ops == 0) || (kind == RK_AR && k >= end))
		return;
	if (kind == RK_CC && nout < (size_t)ops)
		cwd_tree(c);	/* more sources than outs[] keeps */
	else if (kind == RK_CC)
		cc_outs(c, outs, nout);
	else if (kind == RK_CWD)
		prefix_feed(c, pfx, split ? "x" : "xx");
	else
		cwd_tree(c);
}

static void
rec_paths1(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const struct recprog *rp)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *dest = NULL, *cdir = NULL, *v;
	const struct shellparse_word *ops[64];
	struct shellparse_word destv, cdirv, vv;
	const char *t, *eq;
	uint32_t k, nops = 0, i;
	size_t j, l;
	int endopts = 0, mode = 0, norec = 0, act = 0, findops = 1, s3 = 0;
	int here = 1, sym = 0;
	int narrow = 0, sawpat = 0, notarget = 0, neg = 0, ex = 0, fk, pr;
	int lnk = rp->kind == RK_INTO && rp->name[0] == 'l';
	int rec = rp->kind == RK_ALWAYS || rp->kind == RK_SEARCH;
	struct findtest ft[FIND_TESTS];
	uint32_t nft = 0;
	/* rsync dir/ D: what dir holds goes right into D */
	int slash = rp->name[0] == 'r' && strcmp(rp->name, "rsync") == 0;

	if (end > cmd->nwords)
		end = cmd->nwords;
	if (rp->kind >= RK_CWD) {
		cwd_writes(c, cmd, start, end, rp);
		return;
	}
	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (rp->kind == RK_FIND) {
			/* find [-H -L -P -Olevel -D x] PATH... EXPR */
			if (findops && nops == 0 && w->len >= 2 &&
			    t[0] == '-' && t[1] != '\0' &&
			    strchr("HLPOD", t[1]) != NULL) {
				if (t[1] == 'D')
					k++;
				continue;
			}
			if (w->len > 0 && (t[0] == '-' || t[0] == '(' ||
			    t[0] == '!' || t[0] == ','))
				findops = 0;
			if (!findops) {
				if (ex) {
					/* the command -exec runs, to ; or + */
					if (strcmp(t, ";") == 0 ||
					    strcmp(t, "+") == 0)
						ex = 0;
					continue;
				}
				if (strcmp(t, "-exec") == 0 ||
				    strcmp(t, "-execdir") == 0 ||
				    strcmp(t, "-ok") == 0 ||
				    strcmp(t, "-okdir") == 0)
					act = ex = 1;
				else if (strcmp(t, "-delete") == 0)
					act = 1;
				else if ((fk = find_test(t, w->len)) >= 0 &&
				    k + 1 < end) {
					k++;
					if (!neg && nft < FIND_TESTS) {
						ft[nft].w = &cmd->words[k];
						ft[nft++].kind = fk;
					} else if (!neg) {
						/* past what is kept: any */
						ft[FIND_TESTS - 1].kind =
						    FT_REGEX;
					}
				}
				neg = strcmp(t, "!") == 0 ||
				    strcmp(t, "-not") == 0;
				continue;
			}
			if (nops < 64)
				ops[nops++] = w;
			continue;
		}
		if (!endopts && w->len == 2 && t[0] == '-' && t[1] == '-') {
			endopts = 1;
			continue;
		}
		if (!endopts && w->len >= 2 && t[0] == '-' && t[1] == '-') {
			eq = memchr(t, '=', w->len);
			l = (eq != NULL ? (size_t)(eq - t) : w->len) - 2;
			if (lnk && in_list_abbr("|symbolic|", t + 2, l, 0))
				sym = 1;
			if (in_list_abbr(rp->longs, t + 2, l, 0))
				rec = 1;
			else if ((rp->kind == RK_GREP ||
			    rp->kind == RK_SEARCH) &&
			    in_list_abbr("|regexp|file|", t + 2, l, 0))
				sawpat = 1;
			else if (GREP_DIRS(rp) && in_list_abbr(
			    "|directories|", t + 2, l, 0) && (v = opt_val(cmd,
			    &k, end, eq != NULL ? (size_t)(eq + 1 - t) :
			    w->len, &vv)) != NULL &&
			    strcmp(v->text, "recurse") == 0)
				rec = 1;
			if (rp->into == 2 && in_list_abbr("|target-directory|",
			    t + 2, l, 0))
				dest = opt_val(cmd, &k, end, eq != NULL ?
				    (size_t)(eq + 1 - t) : w->len, &destv);
			else if (rp->into == 2 && in_list_abbr(
			    "|no-target-directory|", t + 2, l, 0))
				notarget = 1;
			else if (rp->kind == RK_TAR) {
				if (in_list_abbr("|create|append|update|",
				    t + 2, l, 0))
					mode = 1;
				else if (in_list_abbr("|extract|get|",
				    t + 2, l, 0))
					mode = 2;
				else if (in_list_abbr("|no-recursion|",
				    t + 2, l, 1))
					norec = 1;
				else if (in_list_abbr("|to-stdout|",
				    t + 2, l, 0))
					here = 0;
				else if (in_list_abbr("|directory|", t + 2, l,
				    0))
					cdir = opt_val(cmd, &k, end,
					    eq != NULL ? (size_t)(eq + 1 - t) :
					    w->len, &cdirv);
			} else if (rp->kind == RK_AWS && l == 9 &&
			    memcmp(t + 2, "recursive", 9) == 0)
				rec = 1;
			continue;
		}
		if (!endopts && w->len >= 2 && t[0] == '-') {
			for (j = 1; j < w->len && t[j] != '\0'; j++) {
				if ((rp->kind == RK_GREP ||
				    rp->kind == RK_SEARCH) &&
				    (t[j] == 'e' || t[j] == 'f'))
					sawpat = 1;	/* grep -e PAT DIR */
				if (rp->letters != NULL &&
				    strchr(rp->letters, t[j]) != NULL)
					rec = 1;
				if (lnk && t[j] == 's')
					sym = 1;
				if (rp->vals != NULL &&
				    strchr(rp->vals, t[j]) != NULL) {
					/* grep -d recurse */
					if ((v = opt_val(cmd, &k, end, j + 1,
					    &vv)) != NULL && t[j] == 'd' &&
					    GREP_DIRS(rp) &&
					    strcmp(v->text, "recurse") == 0)
						rec = 1;
					break;
				}
				if (rp->into == 2 && t[j] == 't') {
					/* cp -t DIR SRC... */
					dest = opt_val(cmd, &k, end, j + 1,
					    &destv);
					break;
				}
				/* cp -rT dir D: D becomes dir */
				if (rp->into == 2 && t[j] == 'T')
					notarget = 1;
				if (rp->kind == RK_UNZIP && t[j] == 'd') {
					if ((v = opt_val(cmd, &k, end, j + 1,
					    &vv)) != NULL)
						dir_word(c, v, NULL, NULL);
					here = 0;
					break;
				}
				/* unzip -l, -t, -p, -v, -Z, -z: no file */
				if (rp->kind == RK_UNZIP &&
				    strchr("ltpvZz", t[j]) != NULL)
					here = 0;
				if (rp->kind == RK_TAR) {
					if (t[j] == 'c' || t[j] == 'r' ||
					    t[j] == 'u')
						mode = 1;
					else if (t[j] == 'x')
						mode = 2;
					else if (t[j] == 'O')
						here = 0;	/* stdout */
					if (strchr(TAR_VALS, t[j]) != NULL) {
						v = opt_val(cmd, &k, end, j + 1,
						    t[j] == 'C' ? &cdirv : &vv);
						if (t[j] == 'C')
							cdir = v;
						break;
					}
				}
			}
			continue;
		}
		if (rp->kind == RK_TAR && mode == 0 && nops == 0 &&
		    !endopts && k == start + 1 && w->len > 0 &&
		    strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
		    "QRSTUVWXYZ") == w->len) {
			/* tar czf FILE -C DIR ...: the old bundle; its
			   values are the next words, in order */
			for (j = 0; j < w->len && t[j] != '\0'; j++) {
				if (t[j] == 'c' || t[j] == 'r' || t[j] == 'u')
					mode = 1;
				else if (t[j] == 'x')
					mode = 2;
				else if (t[j] == 'O')
					here = 0;
				if (strchr(TAR_VALS, t[j]) != NULL &&
				    k + 1 < end) {
					v = &cmd->words[++k];
					if (t[j] == 'C')
						cdir = v;
				}
			}
			continue;
		}
		if (rp->kind == RK_AWS && !s3) {
			/* aws [opts] s3 sync|cp|mv ... */
			if (strcmp(t, "s3") == 0 && k + 1 < end) {
				s3 = 1;
				t = cmd->words[++k].text;
				if (strcmp(t, "sync") == 0)
					rec = 1;
				else if (strcmp(t, "cp") != 0 &&
				    strcmp(t, "mv") != 0)
					return;
			}
			continue;
		}
		if (rp->kind == RK_SUB && nops == 0 && !rec) {
			/* 7z x, 7z e: into -oDIR, else here */
			if (rp->name[0] == '7' && w->len == 1 &&
			    (t[0] == 'x' || t[0] == 'e')) {
				for (k++; k < end && !c->nomem; k++) {
					v = &cmd->words[k];
					if (v->len > 2 && v->text[0] == '-' &&
					    v->text[1] == 'o' && opt_val(cmd,
					    &k, end, 2, &vv) != NULL) {
						dir_word(c, &vv, NULL, NULL);
						return;
					}
				}
				cwd_tree(c);
				return;
			}
			if (!in_list_abbr(rp->longs, t, w->len, 1))
				return;
			rec = 1;
			continue;
		}
		/* tar c -C DIR x -C DIR2 y: each operand from its own */
		if (rp->kind == RK_TAR && mode == 1 && !norec) {
			dir_word(c, w, cdir, NULL);
			continue;
		}
		if (nops < 64)
			ops[nops++] = w;
	}
	if (c->nomem)
		return;
	switch (rp->kind) {
	case RK_FIND:
		/* find X | xargs cat: what it lists is acted on; find X |
		   wc: X is only the directory it names */
		if (!act && cmd->next != NONE && cmd->next < c->sp->ncmds) {
			const struct shellparse_cmd *nx =
			    &c->sp->cmds[cmd->next];

			const char *b = nx->nwords > nx->nassign ?
			    nx->words[nx->nassign].text : "", *sl;

			if ((sl = strrchr(b, '/')) != NULL)
				b = sl + 1;	/* /usr/bin/xargs */
			if (strcmp(b, "xargs") == 0 ||
			    strcmp(b, "parallel") == 0)
				act = 1;
			else
				narrow = 1;
		}
		rec = act || narrow;
		if (act && nft > 0)
			find_tests(c, ops, nops, ft, nft);
		break;
	case RK_TAR:
		/* tar x -C DIR: what it holds goes under DIR; else here */
		if (mode == 2 && cdir != NULL)
			dir_word(c, cdir, NULL, NULL);
		else if (mode == 2 && here)
			cwd_tree(c);
		return;
	case RK_UNZIP:
		if (here && nops > 0)
			cwd_tree(c);
		break;
	case RK_AWS:
		if (!s3)
			return;
		break;
	case RK_GREP:
	case RK_SEARCH:
		/* grep -r PATTERN DIR */
		if (!sawpat && nops > 0) {
			memmove(ops, ops + 1, (nops - 1) * sizeof(ops[0]));
			nops--;
		}
		break;
	}
	if (rp->into) {
		if (dest == NULL && nops >= 2)
			dest = ops[--nops];
		if (dest != NULL)
			for (i = 0; i < nops && !c->nomem; i++)
				into_feed(c, dest, ops[i], rec, notarget ||
				    (slash && ops[i]->len > 0 &&
				    ops[i]->text[ops[i]->len - 1] == '/'));
	}
	/* ln -s T L: through L, anything under T may be written later
	   (ln -s /usr/bin b; touch b/x), so T is a tree; a relative T is
	   from L's directory: L if it is one, else L's own */
	for (i = 0; i < nops && sym && !c->nomem; i++)
		ln_target(c, ops[i], dest);
	pr = c->pread;
	c->pread |= c->rcopy && dest != NULL;
	for (i = 0; i < nops && rec && !c->nomem; i++)
		dir_word(c, ops[i], NULL, narrow ? &dir_narrow : NULL);
	c->pread = pr;
	/* grep -r PATTERN, rg PATTERN, find -exec ...: the directory it
	   is run in (cd ~ && grep -r key) */
	if (nops == 0 && rec && !c->nomem && (rp->kind == RK_GREP ||
	    rp->kind == RK_SEARCH || rp->kind == RK_FIND)) {
		/* ... and "." as if it were written (find -delete is
		   find . -delete) */
		path_feed_here(c, ".", 1);
		dir_feed(c, ".", 1, NULL, narrow ? &dir_narrow : NULL);
	}
}

/* rec_paths1(), and again from a wrapper's directory (env -C ~ tar c
   .ssh), as opt_dir() does for the paths as written. */
static void
rec_paths(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const struct recprog *rp)
{
	const char *cwd = c->cwd, *cwdp = c->cwdp;
	size_t cwdlen = c->cwdlen, cwdplen = c->cwdplen;

	rec_paths1(c, ci, start, end, rp);
	if (c->odcmd != &c->sp->cmds[ci] || c->nomem)
		return;
	cwd_set(c, c->odir, c->odirlen);
	if (c->cwd != NULL)
		rec_paths1(c, ci, start, end, rp);
	cwd_put(c, cwd, cwdlen, cwdp, cwdplen);
}

/* Does the lower-cased key end in suffix m (or equal it, if exact)? */
#define PK_END(m)	(l >= sizeof(m) - 1 && \
	meq(low + l - (sizeof(m) - 1), m, sizeof(m) - 1))
#define PK_IS(m)	(n == sizeof(m) - 1 && meq(low, m, sizeof(m) - 1))

/*
 * Does a JSON key name a path?  Exactly src, source(s), dst, dest,
 * destination, target(s), cwd, workdir, working_dir, root, output or
 * input; or ending in path(s), file(s), filename(s), dir(s),
 * directory, directories, folder(s), or file, path or dir then name(s)
 * (file_name, path-name, dirnames); any case.  2 for a directory (cwd,
 * workdir, working_dir, root, and the dir, directory and folder
 * names), else 1.  Keys are looked at on every call: the last letter
 * picks the few names to compare.
 */
static int
path_key(const char *k)
{
	char low[12];
	size_t i, n = strlen(k), l;
	unsigned char ch;

	if (n == 0)
		return (0);
	/* The last 11 bytes, lower-cased (ASCII: the names are), hold
	   whatever can match. */
	l = n < sizeof(low) - 1 ? n : sizeof(low) - 1;
	ch = (unsigned char)k[n - 1];
	switch (ch | 0x20) {	/* only the letter in either case */
	case 'h': case 's': case 'e': case 'r': case 'y': case 'c':
	case 't': case 'n': case 'd':
		break;
	default:
		/* Most keys (content, url, query, mode) end in no name's
		   last letter. */
		return (0);
	}
	for (i = 0; i < l; i++) {
		ch = (unsigned char)k[n - l + i];
		low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
	}
	switch (low[l - 1]) {
	case 'h':
		return (PK_END("path"));
	case 's':
		if (PK_END("dirs") || PK_END("directories") ||
		    PK_END("folders") || PK_END("dirnames") ||
		    PK_END("dir_names") || PK_END("dir-names"))
			return (2);
		return (PK_IS("sources") || PK_IS("targets") ||
		    PK_END("paths") || PK_END("files") ||
		    PK_END("filenames") || PK_END("file_names") ||
		    PK_END("file-names") || PK_END("pathnames") ||
		    PK_END("path_names") || PK_END("path-names"));
	case 'e':
		if (PK_END("dirname") || PK_END("dir_name") ||
		    PK_END("dir-name"))
			return (2);
		return (PK_IS("source") || PK_END("file") ||
		    PK_END("filename") || PK_END("file_name") ||
		    PK_END("file-name") || PK_END("pathname") ||
		    PK_END("path_name") || PK_END("path-name"));
	case 'r':
		return (PK_IS("workdir") || PK_IS("working_dir") ||
		    PK_END("dir") || PK_END("folder") ? 2 : 0);
	case 'y':
		return (PK_END("directory") ? 2 : 0);
	case 'c':
		return (PK_IS("src"));
	case 't':
		if (PK_IS("root"))
			return (2);
		return (PK_IS("dst") || PK_IS("dest") || PK_IS("target") ||
		    PK_IS("output") || PK_IS("input"));
	case 'n':
		return (PK_IS("destination"));
	case 'd':
		return (PK_IS("cwd") ? 2 : 0);
	default:
		return (0);
	}
}
#undef PK_END
#undef PK_IS

/* Is this JSON value true ("recursive": true, 1, "true", "yes")? */
static int
json_true(struct json_object *o)
{
	const char *s;

	switch (json_object_get_type(o)) {
	case json_type_boolean:
		return (json_object_get_boolean(o));
	case json_type_int:
		return (json_object_get_int64(o) != 0);
	case json_type_string:
		s = json_object_get_string(o);
		return (strcasecmp(s, "true") == 0 ||
		    strcasecmp(s, "yes") == 0 || strcmp(s, "1") == 0);
	default:
		return (0);
	}
}

/* path_feed_here() as a pathfn, for file_url_feed(). */
static int
url_here(struct ctx *c, const char *s, size_t n, const char *pat,
    const void *arg)
{
	(void)pat;
	(void)arg;
	path_feed_here(c, s, n);
	return (0);
}

/*
 * The paths of a call's JSON arguments (path_key()).  A directory
 * (pathy 2) is also one a tool may work in: a pattern's directory
 * (~/.ssh, /etc) is touched.  With "recursive" true beside it (pathy
 * 3) it is worked through, as by grep -r (dir_feed()).
 */
static void
args_paths(struct ctx *c, struct json_object *o, int pathy, int depth)
{
	struct json_object *r;
	const char *s;
	size_t i, len, off;
	int rec;

	if (depth > JSON_MAXDEPTH)
		return;
	switch (json_object_get_type(o)) {
	case json_type_string:
		s = json_object_get_string(o);
		len = (size_t)json_object_get_string_len(o);
		if (pathy)
			path_feed_here(c, s, len);
		/* "url": "file:///etc/x", under any key: a file */
		if (len > 5 && (s[0] == 'f' || s[0] == 'F') &&
		    (off = file_url(s, len)) > 0) {
			if (c->sp == NULL && memchr(s + off, '%', len - off))
				path_any(c, s, len);	/* no arena */
			else
				(void)file_url_feed(c, s, len, off, url_here,
				    NULL);
		}
		if (pathy >= 2 && len > 0 && c->rs->npp > 0)
			dir_feed(c, s, len, NULL, pathy == 2 ? &dir_narrow :
			    NULL);
		return;
	case json_type_array:
		len = json_object_array_length(o);
		for (i = 0; i < len; i++)
			args_paths(c, json_object_array_get_idx(o, i), pathy,
			    depth + 1);
		return;
	case json_type_object:
		/* "recursive" beside it: looked up for the first key that
		   is a directory's, not for every object */
		rec = -1;
		{
			json_object_object_foreach(o, key, val) {
				pathy = path_key(key);
				if (pathy == 2 && rec == -1)
					rec = json_object_object_get_ex(o,
					    "recursive", &r) && json_true(r);
				args_paths(c, val, pathy == 2 && rec ? 3 :
				    pathy, depth + 1);
			}
		}
		return;
	default:
		return;
	}
}

/* ---- Views of a command and their matching. */

static int
valopt(const char *const *o, const char *t)
{
	for (; *o != NULL; o++)
		/* (names are options: -x, --xy; the second byte tells
		   most apart without a call) */
		if ((*o)[0] == t[0] && (t[0] == '\0' ||
		    (*o)[1] == t[1]) && strcmp(*o, t) == 0)
			return (1);
	return (0);
}

static void
vinfo_init(struct vinfo *v, const struct shellparse_cmd *cmd,
    uint32_t start, uint32_t end, const struct ient *e, const char *base,
    size_t blen, const char *bpat)
{
	v->w = cmd->words;
	v->start = start;
	v->end = end;
	v->ent = e;
	v->base = base;
	v->blen = blen;
	v->bpat = bpat;
	v->done = 0;
	v->assign = 0;
	v->trust = -1;
}

/* Sort a view's words into options and operands, once. */
static int
vinfo_compute(struct ctx *c, struct vinfo *v)
{
	const struct shellparse_word *w;
	const struct optalias *al;
	const char *t, *pat, *eq;
	uint32_t k, n = v->end - v->start, i;
	size_t l;
	int endopts = 0, b;
	char *m;

	if (v->done)
		return (0);
	v->done = 1;
	v->mask = 0;
	v->wildopt = 0;
	v->nopt = v->nops = 0;
	v->nbare = 0;
	if (3 * n <= sizeof(v->buf) / sizeof(v->buf[0])) {
		v->opt = v->buf;
		v->ops = v->buf + n;
	} else {
		if ((m = shellparse_alloc(c->sp, 3 * n * sizeof(uint32_t) +
		    8)) == NULL) {
			c->nomem = 1;
			return (-1);
		}
		v->opt = (uint32_t *)(void *)(((uintptr_t)m + 7) &
		    ~(uintptr_t)7);
		v->ops = v->opt + n;
	}
	v->bare = v->ops + n;
	for (k = v->start + 1; k < v->end; k++) {
		w = &v->w[k];
		t = w->text;
		pat = shellparse_pattern(w);
		if (!endopts && pat == NULL && w->len == 2 && t[0] == '-' &&
		    t[1] == '-') {
			endopts = 1;
			continue;
		}
		if (!endopts && w->len >= 2 && t[0] == '-' &&
		    (pat == NULL || pat[0] == '-')) {
			v->opt[v->nopt++] = k;
			if (pat != NULL) {
				v->wildopt = 1;
				continue;
			}
			/* (a value that looks like options still counts as
			   them, as a rule's letters go) */
			if (v->ent != NULL && v->ent->valopts != NULL &&
			    k + 1 < v->end && v->w[k + 1].text[0] != '-' &&
			    valopt(v->ent->valopts, t)) {
				/* its value: an operand, or not one */
				v->ops[v->nops++] = ++k;
				if ((pat = shellparse_pattern(&v->w[k])) !=
				    NULL && pat[0] == '*')
					v->wildopt = 1;
				continue;
			}
			if (t[1] != '-') {
				for (i = 1; i < w->len &&
				    (b = optbit((unsigned char)t[i])) >= 0; i++)
					v->mask |= (uint64_t)1 << b;
				continue;
			}
			if (v->ent == NULL || v->ent->nalias == 0)
				continue;
			eq = memchr(t, '=', w->len);
			l = (eq ? (size_t)(eq - t) : w->len) - 2;
			if (l == 0)
				continue;
			for (al = v->ent->alias, i = 0; i < v->ent->nalias;
			    i++, al++)
				if (al->lng != NULL &&
				    strncmp(al->lng, t + 2, l) == 0 &&
				    (al->lng[l] == '\0' || eq == NULL))
					v->mask |= (uint64_t)1 <<
					    optbit(al->to);
			continue;
		}
		if (!endopts && pat != NULL && pat[0] == '*')
			v->wildopt = 1;		/* $x may be -rf (not after --) */
		v->bare[v->nbare++] = k;
		v->ops[v->nops++] = k;
	}
	if (v->ent != NULL)
		for (al = v->ent->alias, i = 0; i < v->ent->nalias; i++, al++)
			if (al->lng == NULL &&
			    (v->mask & ((uint64_t)1 << optbit(al->from))))
				v->mask |= (uint64_t)1 << optbit(al->to);
	return (0);
}

static int
opt_match(const struct copt *o, const struct shellparse_word *w)
{
	const char *t = w->text, *pat, *eq;
	size_t n = w->len, l = o->g.litlen;

	if ((pat = shellparse_pattern(w)) != NULL)
		return (gisect(o->g.pat, pat));
	if (o->longlit) {
		if (n == l && memcmp(t, o->g.lit, l) == 0)
			return (1);
		if (n > l && t[l] == '=' && memcmp(t, o->g.lit, l) == 0)
			return (1);
		/* GNU getopt takes unambiguous abbreviations. */
		if (n >= 3 && n < l && memchr(t, '=', n) == NULL &&
		    memcmp(t, o->g.lit, n) == 0)
			return (1);
		return (0);
	}
	if (rglob_match(&o->g, t, n))
		return (1);
	return ((eq = memchr(t, '=', n)) != NULL &&
	    rglob_match(&o->g, t, (size_t)(eq - t)));
}

/* Operand words against operand patterns, "*" for any run of words. */
static int
ops_match(const struct cstage *st, const struct vinfo *v,
    const uint32_t *ops, uint32_t nops)
{
	uint32_t pi = 0, wi = 0, spi = NONE, swi = 0;

	while (wi < nops) {
		if (pi < st->nops && st->ops[pi].star) {
			spi = pi++;
			swi = wi;
			continue;
		}
		if (pi < st->nops &&
		    rglob_word(&st->ops[pi].g, &v->w[ops[wi]])) {
			pi++;
			wi++;
			continue;
		}
		if (spi == NONE)
			return (0);
		pi = spi + 1;
		wi = ++swi;
	}
	while (pi < st->nops && st->ops[pi].star)
		pi++;
	return (pi == st->nops);
}

static int	stage_args(const struct cstage *, const struct vinfo *);

static int
stage_match(struct ctx *c, const struct cstage *st, struct vinfo *v,
    int indexed)
{
	if (st->assign != v->assign)
		return (0);
	if (!indexed && !st->any) {
		if (st->shellfam) {
			if (v->ent != NULL ? !v->ent->shellfam :
			    v->bpat != NULL ? !gisect("sh", v->bpat) :
			    !(v->blen == 2 && memcmp(v->base, "sh", 2) == 0))
				return (0);
		} else if (v->bpat != NULL && v->ent == NULL) {
			if (!gisect(st->argv0.pat, v->bpat))
				return (0);
		} else if (!rglob_match(&st->argv0, v->base, v->blen))
			return (0);
	}
	if (st->anyargs)
		return (1);
	if (vinfo_compute(c, v) == -1)
		return (0);
	if ((v->mask & st->mask) != st->mask && !v->wildopt)
		return (0);
	return (stage_args(st, v));
}

/* A stage's long options and operands, once its letters are there. */
static int
stage_args(const struct cstage *st, const struct vinfo *v)
{
	uint32_t i, k;
	int ok;

	for (i = 0; i < st->nopts; i++) {
		ok = v->wildopt;
		for (k = 0; k < v->nopt && !ok; k++)
			ok = opt_match(&st->opts[i], &v->w[v->opt[k]]);
		if (!ok)
			return (0);
	}
	/* git -C repo push: as "git repo push" and as "git push" */
	return (ops_match(st, v, v->ops, v->nops) || (v->nbare != v->nops &&
	    ops_match(st, v, v->bare, v->nbare)));
}

/* ---- Wrappers. */

#define UW_NONE		0
#define UW_VIEW		1	/* runs words[start, end) */
#define UW_STRING	2	/* runs the command line s */
#define UW_JOIN		3	/* runs words[start, end) joined */
#define UW_STDIN	4	/* a shell reading its input */
#define UW_FIND		5
#define UW_PROCSUB	6	/* a shell running <( ) as its script */
#define UW_OPAQUE	7	/* a shell running text made when it runs */
#define UW_STRINGS	8	/* runs each command line ss[] */
#define UW_JOINQ	9	/* UW_JOIN, and its words quoted, joined */

#define UW_NSTR		8	/* ss[]: more is text not known */

struct unwrap {
	int		 kind;
	uint32_t	 start, end;
	uint32_t	 astart, aend;	/* NAME=value words it sets */
	const char	*s;
	size_t		 len;
	int		 opq;		/* and a shell runs text made when it
					   runs (xargs -I{} sh -c 'x {}') */
	int		 net;		/* ss[] run with a connection as their
					   input (WK_NETOPTS) */
	uint32_t	 script;	/* UW_NONE: the word of a shell's
					   script file, or 0 */
	uint32_t	 pos;		/* 1 + an operand before the command
					   the shell may split (timeout $T
					   CMD), or 0 (pos_split()) */
	int		 posmore;	/* other operands follow it */
	int		 typed;		/* UW_JOIN: WX_TYPED, WX_PYESC */
	uint32_t	 nss;
	const char	*ss[UW_NSTR];
	size_t		 sl[UW_NSTR];
};

/*
 * Is s (n bytes) one of list's "|long|options|", whole or (unless
 * exact) as getopt_long() takes an abbreviation of it?  Returns how
 * many words it takes: 1, or N for an entry "name:N" (bwrap's
 * "|bind:2|").
 */
static int
in_list_abbr(const char *list, const char *s, size_t n, int exact)
{
	const char *p, *e, *col;
	size_t l;

	if (list == NULL || n == 0)
		return (0);
	for (p = list; p[0] == '|' && (e = strchr(p + 1, '|')) != NULL;
	    p = e) {
		col = memchr(p + 1, ':', (size_t)(e - p - 1));
		l = (size_t)((col != NULL ? col : e) - p - 1);
		if ((l == n || (l > n && !exact)) && memcmp(p + 1, s, n) == 0)
			return (col != NULL && col[1] >= '1' && col[1] <= '9' ?
			    col[1] - '0' : 1);
	}
	return (0);
}

/* Is word t (n bytes) the long option --name, whole or abbreviated,
   with or without =VALUE? */
static int
long_opt(const char *t, size_t n, const char *name)
{
	const char *eq;
	size_t l;

	if (n < 3 || t[0] != '-' || t[1] != '-')
		return (0);
	eq = memchr(t, '=', n);
	l = (eq != NULL ? (size_t)(eq - t) : n) - 2;
	return (l > 0 && l <= strlen(name) && memcmp(t + 2, name, l) == 0);
}

/* How many of the next words does option word t (n bytes, "-x" or
   "--long") of wrapper wr take as its arguments? */
static int
opt_takes(const struct wrapper *wr, const char *t, size_t n)
{
	size_t i, l;
	int a, x;

	if (t[1] == '-') {
		if (memchr(t, '=', n) != NULL)
			return (0);
		l = n - 2;
		x = wr->exact & WX_EXACT;
		if ((a = in_list_abbr(wr->longargs, t + 2, l, x)) > 0)
			return (a);
		return (in_list_abbr(wr->longstr, t + 2, l, x) ||
		    in_list_abbr(wr->opqargs, t + 2, l, x));
	}
	for (i = 1; i < n; i++)
		if (strchr(wr->argopts, t[i]) != NULL ||
		    strchr(wr->stropts, t[i]) != NULL)
			return (i + 1 == n);
	return (0);
}

/*
 * The subcommand that wrapper wr (WK_SUB) runs, from words[*kp, end):
 * wr's options are skipped, then the subcommand named, for as many
 * levels as there are (docker compose exec).  Returns its wrapper with
 * *kp past its name, or NULL for one that runs no command.
 */
static const struct wrapper *
sub_find(const struct shellparse_word *w, uint32_t *kp, uint32_t end,
    const struct wrapper *wr)
{
	const char *t;
	uint32_t k = *kp, i, d, npos;
	size_t l;
	int dd = 0;

	for (d = 0; d < 4 && wr->kind == WK_SUB; d++) {
		/* options, then npos operands (salt TARGET) among them */
		for (npos = wr->npos;; npos--, k++) {
			for (; k < end && !dd; k++) {
				t = w[k].text;
				l = w[k].len;
				if (shellparse_pattern(&w[k]) != NULL ||
				    t[0] != '-' || l == 1)
					break;
				if (l == 2 && t[1] == '-') {
					dd = 1;
					k++;
					break;
				}
				k += (uint32_t)opt_takes(wr, t, l);
			}
			if (npos == 0 || k >= end)
				break;
		}
		if (k >= end || shellparse_pattern(&w[k]) != NULL)
			return (NULL);
		t = w[k].text;
		for (i = 0; i < wr->nsubs; i++)
			if (wr->subs[i].len == w[k].len &&
			    wr->subs[i].name[0] == t[0] &&
			    memcmp(wr->subs[i].name, t, w[k].len) == 0)
				break;
		if (i == wr->nsubs) {
			for (i = 0; i < wr->nsubs && wr->subs[i].len > 0; i++)
				;
			if (i == wr->nsubs)
				return (NULL);
			wr = &wr->subs[i].w;	/* from this operand on */
			break;
		}
		wr = &wr->subs[i].w;
		k++;
	}
	if (wr->kind == WK_SUB)
		return (NULL);
	*kp = k;
	return (wr);
}

/* An option of wr gives command line s: WK_OPTS and WK_EACH run each
   one given, the others the last. */
static void
unwrap_str(struct unwrap *u, const struct wrapper *wr, const char *s,
    size_t n)
{
	if (!WK_STRS(wr->kind)) {
		u->s = s;
		u->len = n;
	} else if (u->nss < UW_NSTR) {
		u->ss[u->nss] = s;
		u->sl[u->nss++] = n;
	} else
		u->opq = 1;
}

static int
is_assign(const struct shellparse_word *w)
{
	const char *t = w->text;
	uint32_t i;

	if (!((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z') ||
	    t[0] == '_'))
		return (0);
	for (i = 1; i < w->len; i++) {
		if (t[i] == '=')
			return (1);
		if (!((t[i] >= 'a' && t[i] <= 'z') ||
		    (t[i] >= 'A' && t[i] <= 'Z') ||
		    (t[i] >= '0' && t[i] <= '9') || t[i] == '_'))
			return (0);
	}
	return (0);
}

/* A shell's script operand: stdin by another name, a <( ), a file. */
static int
script_operand(const struct shellparse_word *w)
{
	char buf[256];
	const char *t = w->text, *d;
	size_t n = w->len, l;

	if ((w->flags & SHELLPARSE_W_SUBST) && w->len > 2 &&
	    w->text[0] == '<' && w->text[1] == '(')
		return (UW_PROCSUB);
	if (shellparse_pattern(w) != NULL)
		return (UW_NONE);
	/* /dev//stdin, /dev/fd/0/ */
	if (path_odd(t, n) && (l = path_norm(t, n, buf, sizeof(buf))) > 0) {
		t = buf;
		n = l;
	}
	if (n == 10 && memcmp(t, "/dev/stdin", 10) == 0)
		return (UW_STDIN);
	/* /dev/fd/N, /proc/self/fd/N, /proc/PID/fd/N: what a redirection
	   of the line opened there (3<<EOF), or the input */
	if (n > 8 && memcmp(t, "/dev/fd/", 8) == 0)
		d = t + 8;
	else if (n > 6 && memcmp(t, "/proc/", 6) == 0 &&
	    (d = memmem(t + 6, n - 6, "/fd/", 4)) != NULL &&
	    memchr(t + 6, '/', (size_t)(d - t - 6)) == NULL)
		d += 4;
	else
		return (UW_NONE);
	l = strspn(d, "0123456789");
	return (l > 0 && d + l == t + n ? UW_STDIN : UW_NONE);
}

/* Command ci makes a shell run text only known when it runs. */
static void
interp_opaque(struct ctx *c, uint32_t ci)
{
	if (c->opq == NONE) {
		c->opq = ci;
		c->opqfrom = NONE;
	}
}

/* Is the command word t (n bytes) a shell, by its base name? */
static int
shell_word(const char *t, size_t n)
{
	const char *b;

	b = memrchr(t, '/', n);
	b = b != NULL ? b + 1 : t;
	return (len_table_has(shell_names, b, n - (size_t)(b - t)));
}

/* What su_scan() finds in su's words. */
struct suargs {
	const char	*shv, *csv;	/* -s's and -c's values */
	size_t		 shn, csn;
	int		 sh;		/* -s given */
	uint32_t	 csw;		/* -c's value is word csw - 1; or
					   UINT32_MAX: in its option's */
	uint32_t	 ops[32];	/* the operands: USER, ARGS */
	uint32_t	 nops;
};

/*
 * su [-s PROG] [-c STRING] [-] USER [ARGS]: runs PROG (the user's shell
 * if not given) as PROG [-c STRING] ARGS, options anywhere before --
 * as getopt() permutes them.  su_scan() reads its words [start, end)
 * into sa: returns -1 if an option is only known when it runs (su -$o,
 * su -s "$S"), 0 for runuser -u USER CMD (which runs CMD itself: its
 * wrapper's part), 1 else.
 */
static int
su_scan(const struct shellparse_word *w, uint32_t start, uint32_t end,
    int runuser, struct suargs *sa)
{
	const char *t, *eq, *v;
	size_t l, i, n, vn;
	uint32_t k;
	int dd = 0, a, vw;

	memset(sa, 0, offsetof(struct suargs, ops));
	sa->nops = 0;
	for (k = start + 1; k < end; k++) {
		t = w[k].text;
		l = w[k].len;
		if (dd || l < 2 || t[0] != '-') {
			if (l == 1 && t[0] == '-' && sa->nops == 0 && !dd)
				continue;	/* su - USER */
			if (sa->nops == sizeof(sa->ops) / sizeof(sa->ops[0]))
				return (-1);
			sa->ops[sa->nops++] = k;
			continue;
		}
		if (w[k].flags & (SHELLPARSE_W_EXPAND | SHELLPARSE_W_OPAQUE))
			return (-1);	/* su -$o */
		v = NULL;
		vn = 0;
		vw = 0;
		a = 0;
		if (l == 2 && t[1] == '-') {
			dd = 1;
			continue;
		} else if (t[1] == '-') {
			eq = memchr(t, '=', l);
			n = (eq != NULL ? (size_t)(eq - t) : l) - 2;
			if (runuser && in_list_abbr("|user|", t + 2, n, 0))
				return (0);	/* runuser -u */
			if (in_list_abbr("|shell|", t + 2, n, 0))
				a = 's';
			else if (in_list_abbr("|command|session-command|",
			    t + 2, n, 0))
				a = 'c';
			else if (!in_list_abbr("|group|supp-group|"
			    "whitelist-environment|", t + 2, n, 0))
				continue;
			if (eq != NULL) {
				v = eq + 1;
				vn = l - (size_t)(eq + 1 - t);
			}
		} else {
			for (i = 1; i < l && a == 0; i++) {
				if (t[i] == 'u' && runuser)
					return (0);
				if (strchr("csgGw", t[i]) != NULL)
					a = (uint8_t)t[i];
			}
			if (i < l) {
				v = t + i;	/* -sPROG */
				vn = l - i;
			}
		}
		if (a == 0)
			continue;
		if (v == NULL) {
			if (k + 1 >= end)
				break;
			k++;
			v = w[k].text;
			vn = w[k].len;
			vw = 1;
		}
		if (a == 's') {
			if (vw && shellparse_pattern(&w[k]) != NULL)
				return (-1);	/* su -s "$S" */
			sa->shv = v;
			sa->shn = vn;
			sa->sh = 1;
		} else if (a == 'c') {
			sa->csv = v;
			sa->csn = vn;
			sa->csw = vw ? k + 1 : UINT32_MAX;
		}
	}
	return (1);
}

/* Does su's -s name a program that is no shell, by words [start,
   end)?  Its -c STRING is then not a shell's: su_texts() reads it. */
static int
su_prog(const struct shellparse_word *w, uint32_t start, uint32_t end,
    int runuser)
{
	struct suargs sa;

	return (su_scan(w, start, end, runuser, &sa) != 0 && sa.sh &&
	    !shell_word(sa.shv, sa.shn));
}

/*
 * Does w look like a version, as nvm takes one: 18, v18.2, node,
 * lts/iron?  One only known when it runs may be.
 */
static int
version_word(const struct shellparse_word *w)
{
	static const char *const names[] = { "node", "stable", "unstable",
	    "system", "iojs", "default", "current", "latest", "lts" };
	const char *t = w->text;
	size_t i;

	if (shellparse_pattern(w) != NULL)
		return (1);
	if (isdigit((unsigned char)t[0]) || (t[0] == 'v' &&
	    isdigit((unsigned char)t[1])) || strncmp(t, "lts/", 4) == 0 ||
	    strncmp(t, "iojs-", 5) == 0)
		return (1);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(t, names[i]) == 0)
			return (1);
	return (0);
}

/*
 * xargs running a shell whose script comes from what xargs reads:
 * xargs -I{} sh -c {}, xargs sh -c, xargs bash.  os..oe are xargs's
 * options, k the shell, end the end of the command.
 */
/*
 * xargs's replacement string, of its options os..oe (-I R, -IR, -i[R],
 * --replace[=R]: {} when none is given), or NULL; its length in *rlen.
 */
static const char *
xargs_replstr(const struct shellparse_word *w, uint32_t os, uint32_t oe,
    size_t *rlen)
{
	const char *t, *eq, *repl = NULL;
	size_t l;
	uint32_t i;

	*rlen = 0;
	for (i = os; i < oe; i++) {
		t = w[i].text;
		l = w[i].len;
		if (l >= 2 && t[0] == '-' && (t[1] == 'I' || t[1] == 'i')) {
			if (l > 2) {
				repl = t + 2;
				*rlen = l - 2;
			} else if (t[1] == 'I' && i + 1 < oe) {
				repl = w[++i].text;
				*rlen = w[i].len;
			} else {
				repl = "{}";
				*rlen = 2;
			}
		} else if (long_opt(t, l, "replace")) {
			/* --replace[=R], --rep[=R] */
			if ((eq = memchr(t, '=', l)) != NULL && eq + 1 <
			    t + l) {
				repl = eq + 1;
				*rlen = l - (size_t)(eq + 1 - t);
			} else {
				repl = "{}";
				*rlen = 2;
			}
		}
	}
	return (repl);
}

static int
xargs_shell(const struct shellparse_word *w, uint32_t os, uint32_t oe,
    uint32_t k, uint32_t end)
{
	const char *t, *repl;
	size_t rlen;
	uint32_t i;
	int cflag = 0;

	repl = xargs_replstr(w, os, oe, &rlen);
	if (k >= end || shellparse_pattern(&w[k]) != NULL ||
	    !shell_word(w[k].text, w[k].len))
		return (0);
	for (i = k + 1; i < end; i++) {
		t = w[i].text;
		if (shellparse_pattern(&w[i]) != NULL ||
		    (t[0] != '-' && t[0] != '+') || strcmp(t, "--") == 0)
			break;
		if (t[1] != '-' && memchr(t, 'c', w[i].len) != NULL)
			cflag = 1;
	}
	if (i < end && strcmp(w[i].text, "--") == 0)
		i++;
	/* no script, or the one xargs puts in: it runs what it reads */
	if (i >= end)
		return (cflag ? 1 : 2);	/* sh -c WORDS; sh FILE */
	/* -I{} sh -c {}: what it reads is the script; sh -c 'ls {}':
	   a script made of it, not known; -I{} sh {}: the file it
	   names (file_script()) */
	if (!cflag && repl != NULL && rlen > 0 && w[i].len == rlen &&
	    memcmp(w[i].text, repl, rlen) == 0 &&
	    shellparse_pattern(&w[i]) == NULL)
		return (0);
	if (repl != NULL && rlen > 0 && memmem(w[i].text, w[i].len, repl,
	    rlen) != NULL)
		return (cflag && (w[i].len != rlen ||
		    shellparse_pattern(&w[i]) != NULL) ? 2 : 1);
	return (!cflag && shellparse_pattern(&w[i]) != NULL);
}

#define GK_NONE		0
#define GK_CMD		1	/* the value is a command line */
#define GK_BANG		2	/* ... after a '!' (alias.x=!cmd) */
#define GK_HELPER	3	/* ... after a '!', or a program's path
				   (credential.helper) */
#define GK_PROG		4	/* ... unless a boolean (pager.log) */
#define GK_OPAQUE	5	/* code not known: include.path, hooks */

/*
 * What a git configuration key's value is to git.  Section and
 * variable names are in any case; a subsection (diff.DRIVER.command)
 * is between the first dot and the last.
 */
static int
git_key(const char *k, size_t n)
{
	const char *d1, *d2, *var;
	size_t sl, vl;
	int sub;

	if ((d1 = memchr(k, '.', n)) == NULL)
		return (GK_NONE);
	for (d2 = k + n - 1; *d2 != '.'; d2--)
		;
	sl = (size_t)(d1 - k);
	var = d2 + 1;
	vl = (size_t)(k + n - var);
	sub = d1 != d2;
#define SEC(x)	(sl == sizeof(x) - 1 && strncasecmp(k, x, sl) == 0)
#define VAR(x)	(vl == sizeof(x) - 1 && strncasecmp(var, x, vl) == 0)
	if (SEC("alias"))
		return (sub ? GK_NONE : GK_BANG);
	if (SEC("credential") && VAR("helper"))
		return (GK_HELPER);
	if (SEC("gpg") && (VAR("program") || VAR("defaultkeycommand")))
		return (GK_CMD);	/* gpg.ssh.program */
	if (!sub) {
		if (SEC("core")) {
			if (VAR("pager") || VAR("sshcommand") ||
			    VAR("editor") || VAR("gitproxy") ||
			    VAR("askpass") || VAR("alternaterefscommand"))
				return (GK_CMD);
			if (VAR("fsmonitor"))
				return (GK_PROG);
			if (VAR("hookspath"))
				return (GK_OPAQUE);
			return (GK_NONE);
		}
		if ((SEC("sequence") && VAR("editor")) ||
		    (SEC("diff") && VAR("external")) ||
		    (SEC("uploadpack") && VAR("packobjectshook")) ||
		    (SEC("interactive") && VAR("difffilter")) ||
		    (SEC("sendemail") && (VAR("sendmailcmd") ||
		    VAR("tocmd") || VAR("cccmd") || VAR("headercmd"))) ||
		    (SEC("instaweb") && VAR("httpd")))
			return (GK_CMD);
		if (SEC("sendemail") && VAR("smtpserver"))
			return (GK_HELPER);	/* a host, or sendmail's path */
		if (SEC("pager"))
			return (GK_PROG);
		if ((SEC("include") && VAR("path")) ||
		    (SEC("init") && VAR("templatedir")))
			return (GK_OPAQUE);
		return (GK_NONE);
	}
	if ((SEC("diff") && (VAR("command") || VAR("textconv"))) ||
	    ((SEC("difftool") || SEC("mergetool") || SEC("browser") ||
	    SEC("man")) && (VAR("cmd") || VAR("path"))) ||
	    (SEC("merge") && VAR("driver")) ||
	    (SEC("filter") && (VAR("clean") || VAR("smudge") ||
	    VAR("process"))) ||
	    (SEC("remote") && (VAR("uploadpack") || VAR("receivepack"))) ||
	    (SEC("hook") && VAR("command")))
		return (GK_CMD);
	if (SEC("submodule") && VAR("update"))
		return (GK_BANG);	/* update = !cmd */
	if (SEC("includeif") && VAR("path"))
		return (GK_OPAQUE);
#undef SEC
#undef VAR
	return (GK_NONE);
}

/* A boolean as git reads one (core.fsmonitor=false, pager.log=no). */
static int
git_bool(const char *v, size_t n)
{
	static const char *const b[] = { "true", "false", "yes", "no", "on",
	    "off", "1", "0" };
	size_t i;

	if (n == 0)
		return (1);
	for (i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if (strlen(b[i]) == n && strncasecmp(v, b[i], n) == 0)
			return (1);
	return (0);
}

/* The command line a value of a key of kind gk holds: its text, NULL
   if none. */
static const char *
git_value(int gk, const char *v, size_t *np)
{
	size_t n = *np;

	switch (gk) {
	case GK_CMD:
		return (v);
	case GK_PROG:
		return (git_bool(v, n) ? NULL : v);
	case GK_BANG:
	case GK_HELPER:
		if (n > 0 && v[0] == '!') {
			*np = n - 1;
			return (v + 1);
		}
		/* credential.helper=/path/x: run as it is; "store":
		   git credential-store */
		if (gk == GK_HELPER && n > 0 && (v[0] == '/' ||
		    v[0] == '~' || v[0] == '.'))
			return (v);
		return (NULL);
	default:
		return (NULL);
	}
}

/*
 * git config [options] [set] KEY VALUE: a VALUE git runs as a command
 * (core.pager, core.sshCommand, alias.x=!cmd, ...) is a command line,
 * set now to run later.
 */
static void
unwrap_gitcfg(const struct shellparse_word *w, uint32_t k, uint32_t end,
    const struct wrapper *wr, struct unwrap *u)
{
	const char *op[3], *t;
	size_t ol[3], l;
	uint32_t nop = 0, i = 0;
	int endopts = 0, gk, pat[3];

	for (; k < end && nop < 3; k++) {
		t = w[k].text;
		l = w[k].len;
		if (!endopts && shellparse_pattern(&w[k]) == NULL &&
		    t[0] == '-' && l > 1) {
			if (l == 2 && t[1] == '-')
				endopts = 1;
			else
				k += (uint32_t)opt_takes(wr, t, l);
			continue;
		}
		pat[nop] = shellparse_pattern(&w[k]) != NULL;
		op[nop] = t;
		ol[nop++] = l;
	}
	if (nop == 3 && ol[0] == 3 && memcmp(op[0], "set", 3) == 0)
		i = 1;
	if (nop < i + 2)
		return;
	if (pat[i]) {
		u->opq = 1;		/* git config "$k" x */
		u->kind = UW_STRINGS;
		return;
	}
	if ((gk = git_key(op[i], ol[i])) == GK_OPAQUE)
		u->opq = 1;		/* include.path, core.hooksPath */
	/* alias.x=!cmd: a shell; alias.x=log: git's own */
	l = ol[i + 1];
	if (pat[i + 1] && gk != GK_NONE && gk != GK_CMD)
		u->opq = 1;
	else if ((t = git_value(gk, op[i + 1], &l)) != NULL)
		unwrap_str(u, wr, t, l);
	if (u->nss > 0 || u->opq)
		u->kind = UW_STRINGS;
}

/*
 * npm config set KEY VALUE ..., KEY=VALUE ...: the value of a key in
 * wr->longstr (script-shell) is a command line, set now to run later.
 * A key or value not known may be one.
 */
static void
unwrap_cfgset(const struct shellparse_word *w, uint32_t k, uint32_t end,
    const struct wrapper *wr, struct unwrap *u)
{
	const char *t, *eq;
	size_t l;
	int endopts = 0, next = 0;	/* next: 1 a value, 2 a code's */

	for (; k < end; k++) {
		t = w[k].text;
		l = w[k].len;
		if (shellparse_pattern(&w[k]) != NULL) {
			if (next != 1)
				u->opq = 1;	/* set "$k" x; script-shell "$x" */
			next = 0;
			continue;
		}
		if (!endopts && t[0] == '-' && l > 1) {
			if (l == 2 && t[1] == '-')
				endopts = 1;
			else
				k += (uint32_t)opt_takes(wr, t, l);
			continue;
		}
		if (next == 2)
			unwrap_str(u, wr, t, l);
		if (next != 0) {
			next = 0;
			continue;
		}
		if ((eq = memchr(t, '=', l)) != NULL) {
			if (in_list_abbr(wr->longstr, t, (size_t)(eq - t), 1))
				unwrap_str(u, wr, eq + 1, l -
				    (size_t)(eq + 1 - t));
			continue;
		}
		next = in_list_abbr(wr->longstr, t, l, 1) ? 2 : 1;
	}
	if (u->nss > 0 || u->opq)
		u->kind = UW_STRINGS;
}

/* Does w start an input source of GNU parallel: ::: :::+ :::: ::::+ */
static int
par_marker(const struct shellparse_word *w)
{
	if (w->len < 3 || w->len > 5 || memcmp(w->text, ":::", 3) != 0 ||
	    shellparse_pattern(w) != NULL)
		return (0);
	return (w->len == 3 || (w->len == 4 && (w->text[3] == '+' ||
	    w->text[3] == ':')) || memcmp(w->text + 3, ":+", 2) == 0);
}

/* What does a wrapper run?  Options are read as its getopt would. */
/*
 * The n words after word k are an option's argument, or an operand,
 * that the wrapper takes before its command (sudo -u USER, timeout's
 * DURATION), npos operands still to come: the first of them that the
 * shell may split into fields is u->pos (pos_split()).
 */
static inline void
unwrap_optarg(struct unwrap *u, const struct wrapper *wr,
    const struct shellparse_word *w, uint32_t k, uint32_t n, uint32_t end,
    uint32_t npos)
{
	uint32_t i;

	for (i = k + 1; i <= k + n && i < end && u->pos == 0; i++)
		if ((w[i].flags & (SHELLPARSE_W_SPLIT | SHELLPARSE_W_GLOB |
		    SHELLPARSE_W_OPAQUE)) && wr->npos != NPOS_DD) {
			u->pos = i + 1;
			u->posmore = npos > 0 || i < k + n;
		}
}

/*
 * ssh's "KEY VALUE", "KEY=VALUE", " KEY = VALUE" (as its readconf.c
 * takes a line): VALUE's offset in v (n bytes) when the key is KEY (kl
 * bytes, any case), or 0.
 */
static size_t
sshcfg_value(const char *v, size_t n, const char *key, size_t kl)
{
	size_t i = 0;

	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (n - i <= kl || strncasecmp(v + i, key, kl) != 0)
		return (0);
	i += kl;
	if (v[i] != ' ' && v[i] != '\t' && v[i] != '=')
		return (0);
	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (i < n && v[i] == '=')
		i++;
	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	return (i);
}

/*
 * ssh -o KEY=CMD in ssh_rest's words (vagrant ssh -- -o
 * ProxyCommand=CMD), the value in word k from byte at or in the next
 * word: a command ssh runs (cmdopts[] reads it where ssh is named).
 */
static void
ssh_ocmd(struct unwrap *u, const struct shellparse_word *w, uint32_t k,
    size_t at, uint32_t end)
{
	static const char *const keys[] = { "proxycommand", "localcommand",
	    "knownhostscommand", "remotecommand" };
	const char *t = w[k].text + at;
	size_t l = w[k].len - at, n, i;

	if (at == w[k].len) {
		if (k + 1 >= end)
			return;
		t = w[k + 1].text;
		l = w[k + 1].len;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((n = sshcfg_value(t, l, keys[i], strlen(keys[i]))) == 0)
			continue;
		if (u->s != NULL)
			u->opq = 1;	/* one string kept */
		else {
			u->s = t + n;
			u->len = l - n;
		}
	}
}

/* Is one of words[from, to) the plain word s? */
static int
word_before(const struct shellparse_word *w, uint32_t from, uint32_t to,
    const char *s)
{
	size_t n = strlen(s);

	for (; from < to; from++)
		if (w[from].len == n && memcmp(w[from].text, s, n) == 0 &&
		    shellparse_pattern(&w[from]) == NULL)
			return (1);
	return (0);
}

static void
unwrap(const struct shellparse_cmd *cmd, uint32_t start, uint32_t end,
    const struct wrapper *wr, struct unwrap *u)
{
	const struct shellparse_word *w = cmd->words;
	const char *t, *eq;
	uint32_t k = start + 1, npos = wr->npos, i;
	size_t l, n, lo;
	int cflag = 0, sflag = 0, done, cmdnext = 0, shin = 0, nops = 0, x;
	int dd = 0;

	memset(u, 0, offsetof(struct unwrap, ss));	/* ss[], sl[]: by nss */
	u->kind = UW_NONE;
	if (wr->kind == WK_SUB) {
		if ((wr = sub_find(w, &k, end, wr)) == NULL)
			return;
		npos = wr->npos;
		if (wr->kind == WK_GITCFG) {
			if (wr->longstr[0] != '\0')
				unwrap_cfgset(w, k, end, wr, u);
			else
				unwrap_gitcfg(w, k, end, wr, u);
			return;
		}
	}
	if (wr->kind == WK_NONE) {
		/* source FILE, . FILE: a script from stdin or <( ) */
		if (k < end) {
			u->kind = script_operand(&w[k]);
			u->script = k;
		}
		return;
	}
	if (wr->kind == WK_APPLET) {
		if (k < end) {
			u->kind = UW_VIEW;
			u->start = k;
			u->end = end;
		}
		return;
	}
	if (wr->kind == WK_FIND) {
		u->kind = UW_FIND;
		return;
	}
	if (wr->kind == WK_AT) {
		/* at TIME reads its script; -f FILE: not known; -l, -r,
		   -d, -c: list, remove, show */
		u->kind = UW_STDIN;
		for (; k < end; k++) {
			t = w[k].text;
			if (t[0] != '-' || shellparse_pattern(&w[k]) != NULL)
				continue;
			if (strchr(t, 'f') != NULL)
				u->kind = UW_OPAQUE;
			else if (strpbrk(t, "lrdc") != NULL) {
				u->kind = UW_NONE;
				return;
			}
		}
		return;
	}
	if (wr->kind == WK_CAPSH) {
		/* -- runs its shell (bash) on the rest; == runs capsh
		   again on it; --shell=X makes X that shell */
		for (; k < end; k++) {
			if (shellparse_pattern(&w[k]) != NULL) {
				u->kind = UW_OPAQUE;
				return;
			}
			if (strncmp(w[k].text, "--shell=", 8) == 0)
				u->opq = 1;
			if (strcmp(w[k].text, "--") == 0)
				break;
		}
		if (k >= end)
			return;
		if (u->opq) {
			u->kind = UW_OPAQUE;
			return;
		}
		k++;
	}
	if (wr->kind == WK_SHELL || wr->kind == WK_CAPSH) {
		for (; k < end; k++) {
			t = w[k].text;
			if (shellparse_pattern(&w[k]) != NULL ||
			    (t[0] != '-' && t[0] != '+'))
				break;
			if (strcmp(t, "--") == 0 || strcmp(t, "-") == 0) {
				k++;
				break;
			}
			if (t[1] == '-') {
				if (strcmp(t, "--rcfile") == 0 ||
				    strcmp(t, "--init-file") == 0)
					k++;
				continue;
			}
			/* k moves on past each option argument: the
			   letters are those of this word. */
			for (i = 1, l = w[k].len; i < l; i++) {
				if (t[i] == 'c')
					cflag = 1;
				else if (t[i] == 's' && t[0] == '-')
					sflag = 1;
				else if ((t[i] == 'o' || t[i] == 'O') &&
				    k + 1 < end)
					k++;
			}
		}
		if (cflag) {
			if (k < end) {
				u->kind = UW_STRING;
				u->s = w[k].text;
				u->len = w[k].len;
			}
		} else if (k >= end || sflag)
			u->kind = UW_STDIN;	/* -s: operands are $1 ... */
		else {
			u->kind = script_operand(&w[k]);
			u->script = k;
		}
		return;
	}
	for (;;) {
		for (; k < end && !dd; k++) {
			t = w[k].text;
			l = w[k].len;
			if (shellparse_pattern(&w[k]) != NULL) {
				if (wr->kind == WK_EACH)
					unwrap_str(u, wr, t, l);
				if (WK_STRS(wr->kind))
					continue;
				break;
			}
			if (l == 2 && t[0] == '-' && t[1] == '-') {
				if ((wr->exact & WX_SSHARGS) &&
				    word_before(w, start, k, "ssh")) {
					/* a string option's command line
					   is kept (vagrant ssh -c X --) */
					if (u->nss == 1)
						u->s = u->ss[0], u->len =
						    u->sl[0];
					else if (u->nss > 1)
						u->opq = 1;
					u->nss = 0;
					wr = &ssh_rest;
					npos = 0;
					continue;
				}
				if (wr->exact & WX_DDREST) {
					k++;
					goto rest;
				}
				/* operands: of WK_EACH, command lines */
				while (wr->kind == WK_EACH && ++k < end)
					unwrap_str(u, wr, w[k].text,
					    w[k].len);
				if (WK_STRS(wr->kind))
					goto strings;
				k++;
				/* getopt() and Cobra read the operands
				   after --: timeout -- 5 CMD, ssh -- HOST
				   CMD, docker exec -- C CMD */
				if (wr->npos == NPOS_DD ||
				    (wr->exact & WX_DDOPS))
					npos = 0;
				cmdnext = 1;
				dd = 1;	/* no option after an operand */
				break;
			}
			if (t[0] != '-' || l == 1) {
				if (l == 1 && t[0] == '-' && wr->dashopt)
					continue;
				if (wr->kind == WK_EACH)
					unwrap_str(u, wr, t, l);
				if (wr->kind == WK_SU && !cmdnext) {
					nops++;
					continue;	/* su user -c x */
				}
				if (WK_STRS(wr->kind))
					continue;
				break;
			}
			/* runuser -u USER CMD, not su's -c */
			if (wr->kind == WK_SU && ((l == 2 && t[1] == 'u') ||
			    long_opt(t, l, "user")))
				cmdnext = 1;
			/* sudo -s, sudo -i, doas -s: a shell, with no
			   command one that reads its input */
			if (wr->name[0] == 'd' ? strcmp(wr->name, "doas") == 0 &&
			    t[1] != '-' && memchr(t, 's', l) != NULL :
			    strcmp(wr->name, "sudo") == 0 && (t[1] == '-' ?
			    long_opt(t, l, "shell") || long_opt(t, l, "login") :
			    strcspn(t, "si") < l))
				shin = 1;
			lo = t[1] == '-' ? 2 : 1;
			if (npos > 0 && wr->name[0] == 'r' &&
			    strcmp(wr->name, "runcon") == 0)
				npos = 0;	/* runcon -t TYPE CMD: no CONTEXT */
			if (lo == 1 && wr->kind == WK_PREFIX1) {
				/* mpirun -np 2, -mca K V; -N 2 and
				   qemu-arm -L DIR are short ones */
				eq = memchr(t, '=', l);
				n = (eq ? (size_t)(eq - t) : l) - 1;
				if (!in_list_abbr(wr->longargs, t + 1, n, 1) &&
				    !in_list_abbr(wr->opqargs, t + 1, n, 1))
					lo = 0;
			}
			if (lo == 1 && wr->kind != WK_PREFIX1 &&
			    !(l > 2 && (wr->exact & WX_LONG1)))
				lo = 0;
			if (lo > 0) {
				eq = memchr(t, '=', l);
				n = (eq ? (size_t)(eq - t) : l) - lo;
				x = wr->exact & WX_EXACT;
				if (in_list_abbr(wr->longrest, t + lo, n, x)) {
					/* fd --exec CMD ...; --exec=CMD ...
					   is not split here */
					if (eq != NULL)
						u->opq = 1;
					k++;
					goto rest;
				}
				if (in_list_abbr(wr->opqargs, t + lo, n, x))
					u->opq = 1;	/* --entrypoint */
				if (in_list_abbr(wr->longstr, t + lo, n, x)) {
					if (eq != NULL)
						unwrap_str(u, wr, eq + 1, l -
						    (size_t)(eq + 1 - t));
					else if (k + 1 < end) {
						k++;
						unwrap_str(u, wr, w[k].text,
						    w[k].len);
					}
				} else if (eq == NULL && lo == 1) {
					/* mpirun -np: whole; gdb -di: not */
					if (wr->kind == WK_PREFIX1)
						x = 1;
					i = (uint32_t)in_list_abbr(
					    wr->longargs, t + 1, n, x) +
					    (uint32_t)in_list_abbr(wr->opqargs,
					    t + 1, n, x);
					unwrap_optarg(u, wr, w, k, i, end,
					    npos);
					k += i;
				} else if (eq == NULL) {
					i = (uint32_t)opt_takes(wr, t, l);
					unwrap_optarg(u, wr, w, k, i, end,
					    npos);
					k += i;
				}
				continue;
			}
			for (i = 1, done = 0; i < l && !done; i++) {
				if ((t[i] == 'X' || t[i] == 'Q') &&
				    wr->name[0] == 's' &&
				    strcmp(wr->name, "screen") == 0)
					return;	/* screen_texts() */
				if (wr->restopts != NULL &&
				    strchr(wr->restopts, t[i]) != NULL) {
					if (i + 1 < l)
						u->opq = 1;	/* -xCMD */
					k++;
					goto rest;
				}
				if (strchr(wr->stropts, t[i]) != NULL) {
					if (i + 1 < l)
						unwrap_str(u, wr, t + i + 1,
						    l - i - 1);
					else if (k + 1 < end) {
						k++;
						unwrap_str(u, wr, w[k].text,
						    w[k].len);
					}
					done = 1;
				} else if (strchr(wr->argopts, t[i]) != NULL) {
					if (wr == &ssh_rest && t[i] == 'o')
						ssh_ocmd(u, w, k, i + 1, end);
					if (i + 1 == l) {
						unwrap_optarg(u, wr, w, k, 1,
						    end, npos);
						k++;
					}
					done = 1;
				}
			}
		}
		if (k > end)
			k = end;	/* bwrap --bind A, the last words */
		if (npos > 0 && k < end &&
		    (!(wr->exact & WX_OPTVER) || version_word(&w[k]))) {
			unwrap_optarg(u, wr, w, k - 1, 1, end, npos - 1);
			npos--;
			k++;
			continue;
		}
		break;
	}
	if (WK_STRS(wr->kind)) {
strings:
		if (u->nss > 0 || u->opq)
			u->kind = UW_STRINGS;
		u->net = wr->kind == WK_NETOPTS;
		return;
	}
	if (u->s != NULL && wr->kind == WK_SU) {
		/* su -s PROG -c X: su_texts() reads it */
		if (!su_prog(w, start, end, wr->name[0] == 'r'))
			u->kind = UW_STRING;
		return;
	}
	if (wr->kind == WK_SU && !cmdnext) {
		/* su - <<EOF: its shell reads it; su USER FILE: not */
		if (nops <= 1)
			u->kind = UW_STDIN;
		return;
	}
	u->astart = u->aend = k;
	/* env takes any NAME=value, BASH_FUNC_f%%=... too */
	if (wr->assigns)
		while (k < end && shellparse_pattern(&w[k]) == NULL &&
		    (is_assign(&w[k]) || (strcmp(wr->name, "env") == 0 &&
		    w[k].text[0] != '=' && memchr(w[k].text, '=',
		    w[k].len) != NULL)))
			k++;
	u->aend = k;
	if (wr->name[0] == 'p' && strcmp(wr->name, "parallel") == 0) {
		/* commands on stdin, or as the operands of ::: */
		if (k < end && shellparse_pattern(&w[k]) == NULL &&
		    (strcmp(w[k].text, ":::") == 0 ||
		    strcmp(w[k].text, ":::+") == 0))
			k++;
		/* :::: FILE: commands in files, not known here */
		if (k < end && shellparse_pattern(&w[k]) == NULL &&
		    strncmp(w[k].text, "::::", 4) == 0 &&
		    (w[k].len == 4 || strcmp(w[k].text, "::::+") == 0)) {
			u->kind = UW_OPAQUE;
			return;
		}
		if (k >= end) {
			u->kind = UW_STDIN;
			return;
		}
		/* CMD ::: ITEMS: the command alone; par_texts() reads
		   it with each item put in */
		for (i = k + 1; i < end; i++)
			if (par_marker(&w[i])) {
				end = i;
				break;
			}
	}
	if (k >= end) {
		if (u->s != NULL)
			u->kind = UW_STRING;	/* flock F -c X */
		else if (u->opq)
			u->kind = UW_OPAQUE;	/* --entrypoint X, alone */
		else if (shin || wr->kind == WK_SU ||
		    (wr->exact & WX_STDIN))
			u->kind = UW_STDIN;	/* sudo -s <<< 'cmd' */
		else if (u->pos != 0) {
			/* timeout $T: the command may be in $T */
			u->kind = UW_VIEW;
			u->start = u->end = end;
		}
		return;
	}
	/* salt '*' cmd.run cmd='CMD': the keyword form */
	for (i = k; (wr->exact & WX_CMDKW) && i < end; i++)
		if (w[i].len > 4 && memcmp(w[i].text, "cmd=", 4) == 0) {
			u->s = w[i].text + 4;
			u->len = w[i].len - 4;
			u->kind = UW_STRING;
			return;
		}
	u->kind = wr->kind == WK_EVAL ? UW_JOIN : wr->kind == WK_EVALQ ?
	    UW_JOINQ : UW_VIEW;
	u->typed = wr->exact & (WX_TYPED | WX_PYESC);
	u->start = k;
	u->end = end;
	/* sudo -s CMD: the shell's -c gets CMD's words with all but
	   letters, digits, _, - and $ escaped: sudo -s 'rm$IFS-rf$IFS/'
	   runs rm -rf / */
	for (i = k; shin && i < end && !u->opq; i++)
		if (shellparse_pattern(&w[i]) != NULL ||
		    memchr(w[i].text, '$', w[i].len) != NULL)
			u->opq = 1;
	/* mpirun -np 1 a : -np 2 b: more programs after a ':' */
	for (i = k; wr->kind == WK_PREFIX1 && i < end; i++)
		if (w[i].len == 1 && w[i].text[0] == ':' &&
		    shellparse_pattern(&w[i]) == NULL)
			u->opq = 1;
	if (wr->name[0] == 'x' && strcmp(wr->name, "xargs") == 0 &&
	    (i = (uint32_t)xargs_shell(w, start + 1, u->astart, k, end)) > 0) {
		if (i == 1)
			u->kind = UW_STDIN;
		else
			u->opq = 1;	/* the script as written too */
	}
	return;
rest:
	/* nix develop -c CMD ..., fd -x CMD ...: the words after it */
	if (k + 1 == end && (wr->exact & WX_ONESTR) &&
	    shellparse_pattern(&w[k]) == NULL &&
	    strpbrk(w[k].text, " \t\n") != NULL) {
		u->kind = UW_STRING;
		u->s = w[k].text;
		u->len = w[k].len;
	} else if (k < end) {
		u->kind = UW_VIEW;
		u->start = k;
		u->end = end;
	} else if (u->opq)
		u->kind = UW_OPAQUE;
}

/*
 * Text typed into a terminal (s, *n bytes), as a shell reads it: \r is
 * Enter, a newline; another control character (a tab, ^P, an escape)
 * is a key that edits or recalls a line, a blank here, and *ctl is
 * set.  With esc, Python's string escapes are read first: \r and \n,
 * \t, \xHH, \uHHHH, \UHHHHHHHH and \ooo (a character past ASCII is a
 * blank), \\ \' \" the character, \a \b \f \v \e controls; any other
 * is as written.  In the arena, or NULL.
 */
static char *
typed_text(struct ctx *c, const char *s, size_t *n, int esc, int *ctl)
{
	const char *e = s + *n, *h = "0123456789abcdef", *x;
	char *d, *o;
	unsigned long v;
	size_t i, nd;
	int ch;

	*ctl = 0;
	if ((d = shellparse_alloc(c->sp, *n + 1)) == NULL) {
		c->nomem = 1;
		return (NULL);
	}
	for (o = d; s < e; s++) {
		v = (unsigned char)*s;
		if (!esc || *s != '\\' || s + 1 == e)
			goto put;
		ch = (unsigned char)*++s;
		nd = ch == 'x' ? 2 : ch == 'u' ? 4 : ch == 'U' ? 8 : 0;
		if (nd > 0) {
			for (i = 0, v = 0; i < nd && s + 1 + i < e &&
			    s[1 + i] != '\0' && (x = strchr(h, tolower(
			    (unsigned char)s[1 + i]))) != NULL; i++)
				v = v * 16 + (unsigned long)(x - h);
			if (i < nd) {
				*o++ = '\\';	/* not an escape */
				*o++ = (char)ch;
				continue;
			}
			s += nd;
			if (v >= 0x80)
				v = ' ';
		} else if (ch >= '0' && ch <= '7') {
			for (i = 0, v = 0; i < 3 && s + i < e && s[i] >= '0' &&
			    s[i] <= '7'; i++)
				v = v * 8 + (unsigned long)(s[i] - '0');
			s += i - 1;
			if (v >= 0x80)
				v = ' ';
		} else if (ch == 'n' || ch == 'r')
			v = '\n';
		else if (ch == 't')
			v = '\t';
		else if (ch == 'a' || ch == 'b' || ch == 'f' || ch == 'v' ||
		    ch == 'e')
			v = 0x1b;
		else if (ch != '\\' && ch != '\'' && ch != '"') {
			*o++ = '\\';
			*o++ = (char)ch;
			continue;
		} else
			v = (unsigned long)ch;
 put:
		if (v == '\r')
			v = '\n';
		else if ((v < 0x20 && v != '\n') || v == 0x7f) {
			v = ' ';
			*ctl = 1;
		}
		*o++ = (char)v;
	}
	*o = '\0';
	*n = (size_t)(o - d);
	return (d);
}

/* ---- Walking views. */

#define VW_MAIN		0
#define VW_STAGE	1

struct vwalk {
	int			 mode;
	uint32_t		 cmd;
	const struct cstage	*stage;
	int			 found;
	int			 expanded;
	unsigned		 n;
};

static void	walk_views(struct ctx *, struct vwalk *, uint32_t, uint32_t,
		    int);
static uint32_t	pipe_rest(struct ctx *, uint32_t, const struct cpat *,
		    uint32_t, uint32_t *, uint32_t *);
static int	file_fed(struct ctx *, uint32_t, uint32_t);
static int	lw_writes(const struct shellparse *, uint32_t);

/* Does any view of command ci match the stage? */
static int
cmd_stage(struct ctx *c, uint32_t ci, const struct cstage *st)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	struct vwalk vw;

	if ((cmd->flags & SHELLPARSE_C_KEYWORD) || cmd->nwords <= cmd->nassign)
		return (0);
	memset(&vw, 0, sizeof(vw));
	vw.mode = VW_STAGE;
	vw.cmd = ci;
	vw.stage = st;
	walk_views(c, &vw, cmd->nassign, cmd->nwords, 0);
	return (vw.found);
}

/*
 * Find stages k.. of a pipeline pattern downstream of command ci: its
 * later pipeline stages, then what its output feeds.  Returns the
 * command matching the last stage, or NONE; cov collects them all.
 */
/* Is command d inside the ( ) or { } g, at any depth? */
static int
inside(const struct shellparse *sp, uint32_t d, uint32_t g)
{
	int n;

	for (n = 0; n < 64 && d != NONE && d < sp->ncmds; n++) {
		if ((d = sp->cmds[d].parent) == g)
			return (1);
		if (d != NONE && d < sp->ncmds && !(sp->cmds[d].flags &
		    (SHELLPARSE_C_SUBSHELL | SHELLPARSE_C_GROUP)))
			return (0);	/* in a $( ): reads its own */
	}
	return (0);
}

static uint32_t
pipe_rest(struct ctx *c, uint32_t ci, const struct cpat *cp, uint32_t k,
    uint32_t *cov, uint32_t *ncov)
{
	const struct shellparse *sp = c->sp;
	uint32_t j = ci, x, p, d, y, steps = 0, r;

	if (k >= cp->nst)
		return (ci);
	for (;;) {
		for (x = sp->cmds[j].next; x != NONE && x < sp->ncmds &&
		    steps++ < 4096; x = sp->cmds[x].next) {
			if (cmd_stage(c, x, &cp->st[k])) {
				cov[(*ncov)++] = x;
				if ((r = pipe_rest(c, x, cp, k + 1, cov,
				    ncov)) != NONE)
					return (r);
				(*ncov)--;
			}
			/* x | (cd d; sh): the commands in it read x too */
			if (!(sp->cmds[x].flags & (SHELLPARSE_C_SUBSHELL |
			    SHELLPARSE_C_GROUP)))
				continue;
			for (d = x + 1; d < sp->ncmds && steps++ < 4096; d++) {
				if (!inside(sp, d, x) ||
				    !cmd_stage(c, d, &cp->st[k]))
					continue;
				cov[(*ncov)++] = d;
				if ((r = pipe_rest(c, d, cp, k + 1, cov,
				    ncov)) != NONE)
					return (r);
				(*ncov)--;
			}
		}
		/* x > f; sh f: a file between them, as a pipe */
		for (y = j + 1 < sp->ncmds && lw_writes(sp, j) ? j + 1 :
		    sp->ncmds; y < sp->ncmds && steps++ < 4096; y++) {
			if (!file_fed(c, j, y) || !cmd_stage(c, y, &cp->st[k]))
				continue;
			cov[(*ncov)++] = y;
			if ((r = pipe_rest(c, y, cp, k + 1, cov, ncov)) != NONE)
				return (r);
			(*ncov)--;
		}
		p = sp->cmds[j].parent;
		if (p == NONE || p >= sp->ncmds || p == j || steps++ > 4096)
			return (NONE);
		if (cmd_stage(c, p, &cp->st[k])) {
			cov[(*ncov)++] = p;
			if ((r = pipe_rest(c, p, cp, k + 1, cov, ncov)) != NONE)
				return (r);
			(*ncov)--;
		}
		j = p;
	}
}

static void
cover(struct ctx *c, uint32_t ci)
{
	if (ci < c->sp->ncmds)
		c->sp->cmds[ci].mark |= CM_COVERED;
}

static int
defer_push(struct ctx *c, const struct defer *d)
{
	struct defer *n;

	if (c->ndefer == c->defermax) {
		if (c->defer == c->deferbuf) {
			if ((n = calloc(c->defermax * 2, sizeof(*n))) == NULL) {
				c->nomem = 1;
				return (-1);
			}
			memcpy(n, c->defer, c->ndefer * sizeof(*n));
		} else if ((n = reallocarray(c->defer, c->defermax * 2,
		    sizeof(*n))) == NULL) {
			c->nomem = 1;
			return (-1);
		}
		c->defer = n;
		c->defermax *= 2;
	}
	c->defer[c->ndefer++] = *d;
	return (0);
}

/*
 * The system's program directories: a program named by a path in one
 * is the one its base name says.  Those root installs into: snaps,
 * and NixOS's system profile and setuid wrappers (not /nix/store,
 * where any user may build a program of any name).
 */
static int
sysdir(const char *s, size_t n)
{
	switch (n) {
	case 4:
		return (memcmp(s, "/bin", 4) == 0);
	case 5:
		return (memcmp(s, "/sbin", 5) == 0);
	case 8:
		return (memcmp(s, "/usr/bin", 8) == 0);
	case 9:
		return (memcmp(s, "/usr/sbin", 9) == 0 ||
		    memcmp(s, "/snap/bin", 9) == 0);
	case 14:
		return (memcmp(s, "/usr/local/bin", 14) == 0);
	case 15:
		return (memcmp(s, "/usr/local/sbin", 15) == 0);
	case 17:
		return (memcmp(s, "/run/wrappers/bin", 17) == 0);
	case 26:
		return (memcmp(s, "/run/current-system/sw/bin", 26) == 0);
	}
	return (0);
}

/* Does the word set PATH (PATH=..., PATH+=...)? */
static int
path_assign(const struct shellparse_word *w)
{
	/* BASH_CMDS=([ls]=/bin/sh): bash's table of where a name runs;
	   BASH_ALIASES: what a name stands for */
	return ((w->len >= 5 && memcmp(w->text, "PATH=", 5) == 0) ||
	    (w->len >= 6 && memcmp(w->text, "PATH+=", 6) == 0) ||
	    (w->len > 9 && memcmp(w->text, "BASH_CMDS", 9) == 0 &&
	    strchr("=+[", w->text[9]) != NULL) ||
	    (w->len > 12 && memcmp(w->text, "BASH_ALIASES", 12) == 0 &&
	    strchr("=+[", w->text[12]) != NULL));
}

/*
 * Is view v's program the one its base name says?  Not when it is
 * named by a path outside the system's program directories (./ls,
 * /tmp/ls, bin/ls, $d/ls), nor when its name is looked up in a PATH
 * the line sets (PATH=/tmp ls, env PATH=. ls, PATH=.; ls) or after a
 * hash -p or enable -f: then it runs a file the line could have
 * written.
 */
static int __attribute__((noinline))
view_trusted(struct ctx *c, uint32_t ci, struct vinfo *v)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *sl;
	uint32_t k;
	int pat;

	if (v->trust >= 0)
		return (v->trust);
	v->trust = 1;
	if (v->assign || v->start >= cmd->nwords)
		return (1);
	w = &cmd->words[v->start];
	pat = shellparse_pattern(w) != NULL;
	/* walk_views() found the base name after the last '/' */
	if (!pat && v->base >= w->text && v->base <= w->text + w->len)
		sl = v->base > w->text ? v->base - 1 : NULL;
	else
		sl = memrchr(w->text, '/', w->len);
	if (sl != NULL) {
		if (pat || !sysdir(w->text, (size_t)(sl - w->text)))
			v->trust = 0;
		return (v->trust);
	}
	if (c->pathset)
		v->trust = 0;
	for (k = 0; k < v->start && v->trust; k++)
		if (path_assign(&cmd->words[k]))
			v->trust = 0;
	return (v->trust);
}

/*
 * Does a pattern whose first stage is st, holding on view v, cover the
 * command (its decision is the rule's)?  A rule names a program by its
 * base name: for one view_trusted() doubts, only a first word "*", or
 * one with a '/' that matches the path whole (./gradlew), does.
 */
static inline int
view_covers(struct ctx *c, uint32_t ci, struct vinfo *v,
    const struct cstage *st)
{
	const struct shellparse_word *w = &c->sp->cmds[ci].words[v->start];

	/* The common case first: a command's own name, no '/' in it. */
	if (st->any || v->trust == 1 || (v->start == 0 && !c->pathset &&
	    !v->assign && c->sp->cmds[ci].nwords > 0 && v->base == w->text &&
	    shellparse_pattern(w) == NULL) || view_trusted(c, ci, v))
		return (1);
	return (st->hasfull && shellparse_pattern(w) == NULL &&
	    rglob_match(&st->full, w->text, w->len));
}

static void
cover_view(struct ctx *c, uint32_t ci, int covers)
{
	if (covers)
		cover(c, ci);
	else if (ci < c->sp->ncmds)
		c->sp->cmds[ci].mark |= CM_BYPATH;
}

/* Try one indexed pattern of a command rule on a view. */
static void
try_ref(struct ctx *c, struct vwalk *vw, struct vinfo *v,
    const struct cref *ref, int indexed)
{
	const struct crule *cr;
	const struct cpat *cp = ref->cp;
	const struct shellparse_cmd *cmd = &c->sp->cmds[vw->cmd];
	struct defer d;
	uint32_t k, last = NONE;

	if (!indexed) {
		if (!stage_match(c, &cp->st[0], v, 0))
			return;
	} else {
		/* stage_match(), its first tests on the copies in ref. */
		if (((ref->flags & RF_ASSIGN) != 0) != (v->assign != 0))
			return;
		if (!(ref->flags & RF_ANYARGS)) {
			if (vinfo_compute(c, v) == -1)
				return;
			if ((v->mask & ref->mask) != ref->mask && !v->wildopt)
				return;
			if (!stage_args(&cp->st[0], v))
				return;
		}
	}
	d.ncov = 0;
	if ((ref->flags & RF_PIPE) && (last = pipe_rest(c, vw->cmd, cp, 1,
	    d.cov, &d.ncov)) == NONE)
		return;
	if (!(ref->flags & RF_REST)) {
		cover_view(c, vw->cmd, view_covers(c, vw->cmd, v, &cp->st[0]));
		for (k = 0; k < d.ncov; k++)
			cover(c, d.cov[k]);
		hit_cmd(c, ref->rule, (enum risk_level)ref->level, vw->cmd,
		    v->start, v->end, last);
		return;
	}
	cr = &c->rs->rules[ref->rule];
	/* The rest of the rule: paths of this command, the call part. */
	if (cr->haspath)
		for (k = 0; k < cr->nm; k++)
			if (cr->m[k].kind == RISK_M_PATH &&
			    !cmd_paths(c, cmd, path_one, &cr->m[k]))
				return;
	if (cr->callpart && !callpart(c, ref->rule))
		return;
	if (cr->ncmd > 1) {
		d.rule = ref->rule;
		d.cmd = vw->cmd;
		d.start = v->start;
		d.end = v->end;
		d.last = last;
		d.covers = (uint32_t)view_covers(c, vw->cmd, v, &cp->st[0]);
		defer_push(c, &d);
		return;
	}
	cover_view(c, vw->cmd, view_covers(c, vw->cmd, v, &cp->st[0]));
	for (k = 0; k < d.ncov; k++)
		cover(c, d.cov[k]);
	hit_cmd(c, ref->rule, cr->level, vw->cmd, v->start, v->end, last);
}

/* Try a list of refs (sorted by level), skipping what cannot matter. */
static void
try_refs(struct ctx *c, struct vwalk *vw, struct vinfo *v,
    const struct cref *refs, uint32_t n, int indexed)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[vw->cmd];
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (c->matched && (cmd->mark & CM_COVERED) &&
		    (enum risk_level)refs[i].level < c->level)
			break;
		try_ref(c, vw, v, &refs[i], indexed);
	}
}

/*
 * Bash evaluates text as arithmetic in $(( )), (( )), let, $[ ],
 * [[ -eq ]], ${a[i]}, ${s:i}, a[i]=, declare -i, and takes text as a
 * variable name in ${!x}, declare -n, printf -v, read, test -v.  Either
 * way an array subscript in a variable's value is expanded, and a
 * $( ) or ` ` in it runs, even though the line had it in quotes:
 *
 *	x='a[$(rm -rf /)]'; echo $((x))
 *	a='x['; b='$(rm -rf /)]'; c=$a$b; (( c ))
 *	x=$(printf 'a[$(rm -rf /)]'); read "$x" <<< 1
 *
 * When the call has such a place (calc_text()) and text with a $( ) or
 * ` ` its quotes kept from running (a quoted word, a here-document, an
 * argv word), that text is also parsed as a command line of the
 * command that holds it (calc_scan()), so what it would run is matched.
 * Text that does not parse runs nothing when bash expands it either:
 * it is not held against the line.  Text the line only makes when it
 * runs (base64 -d, a file's content) is not known: read as data.  The
 * text followed is bounded (calcleft): past it, the line is not
 * understood (high).
 */

/* s may hold quoted text with a command substitution in it. */
static int
calc_code(const char *s, size_t n)
{
	const char *p = s, *e = s + n;

	while ((p = memchr(p, '$', (size_t)(e - p))) != NULL && ++p < e) {
		/* x=a[\$\(id\)]: $( once its quoting is undone */
		while (p + 1 < e && *p == '\\')
			p++;
		if (*p == '(' || *p == '\'')	/* $( ), $'\x24(' */
			return (1);
	}
	return (memchr(s, '`', n) != NULL);
}

/* ${!x}, ${a[i]}, ${#a[i]}, ${s:i}: p is past the "${". */
static int
calc_brace(const char *p, const char *e)
{
	if (p < e && *p == '!')
		return (1);
	if (p < e && *p == '#')
		p++;
	while (p < e && (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	if (p < e && *p == '[')
		return (1);
	/* ${x:-y} ${x:=y} ${x:?y} ${x:+y} take no number */
	return (p + 1 < e && *p == ':' && strchr("-=?+", p[1]) == NULL);
}

/*
 * s has a place where bash evaluates text as arithmetic or as a name;
 * the builtins that take a name (subs_names: let, read, declare,
 * printf -v, test -v, ...) are found by their views (opt_texts()).
 */
static int
calc_text(const char *s, size_t n)
{
	const char *p, *e = s + n;

	/* A vector search for each sign: most lines have few. */
	for (p = s; (p = memchr(p, '(', (size_t)(e - p))) != NULL; p++)
		if (p + 1 < e && p[1] == '(')		/* (( )) $(( )) */
			return (1);
	for (p = s; (p = memchr(p, '[', (size_t)(e - p))) != NULL; p++)
		if ((p + 1 < e && p[1] == '[') ||	/* [[ ]] */
		    (p > s && p[-1] == '$'))		/* $[ ] */
			return (1);
	for (p = s; (p = memchr(p, ']', (size_t)(e - p))) != NULL; p++)
		if (p + 1 < e && (p[1] == '=' ||	/* a[i]=1 ([i]=1) */
		    (p[1] == '+' && p + 2 < e && p[2] == '=')))
			return (1);
	for (p = s; (p = memchr(p, '{', (size_t)(e - p))) != NULL; p++)
		if (p > s && p[-1] == '$' && calc_brace(p + 1, e))
			return (1);			/* ${!x} ${a[i]} */
	/* a value given to RANDOM, SRANDOM, OPTIND or HISTCMD is
	   evaluated as a number: RANDOM='a[$(x)]' runs x (each name has
	   a D: a text without one has none of them) */
	return (memchr(s, 'D', n) != NULL && (memmem(s, n, "RANDOM", 6) !=
	    NULL ||
	    memmem(s, n, "OPTIND", 6) != NULL ||
	    memmem(s, n, "HISTCMD", 7) != NULL));
}

/* Whether the command line has text with a $( ) or ` ` (calccode). */
static void
calc_init(struct ctx *c, const struct risk_call *call, size_t len,
    int code)
{
	c->calccode = code && calc_code(call->command, len);
	/* Its argv, environment and input: when first needed. */
	c->calclazy = call->input != NULL || (call->argv != NULL &&
	    call->argc > 0) || (call->envv != NULL && call->envc > 0);
	/* Each quoting level strips some: room for a few. */
	c->calcleft = 4 * len + 1024;
}

/* Whether the call has text with a $( ) or ` `. */
static int
calc_has_code(struct ctx *c)
{
	const struct risk_call *call = c->call;
	size_t i, l;

	if (!c->calclazy)
		return (c->calccode);
	c->calclazy = 0;
	if (call->input != NULL) {
		c->calcleft += 4 * call->inputlen;
		c->calccode |= calc_code(call->input, call->inputlen);
	}
	for (i = 0; call->argv != NULL && i < call->argc &&
	    call->argv[i] != NULL; i++) {
		c->calcleft += 4 * (l = strlen(call->argv[i]));
		c->calccode |= calc_code(call->argv[i], l);
	}
	for (i = 0; call->envv != NULL && i < call->envc &&
	    call->envv[i] != NULL; i++) {
		c->calcleft += 4 * (l = strlen(call->envv[i]));
		c->calccode |= calc_code(call->envv[i], l);
	}
	return (c->calccode);
}

/* s is parsed as a command line: may it evaluate text? */
static inline void
calc_note(struct ctx *c, const char *s, size_t n)
{
	if (!c->calc && (c->calccode || c->calclazy) && calc_has_code(c))
		c->calc = calc_text(s, n);
}

/* Parse a nested command line run by command ci. */
static void
nested(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];

	if (cmd->mark & CM_PARSED)
		return;
	cmd->mark |= CM_PARSED;
	calc_note(c, s, n);
	shellparse(c->sp, s, n, (unsigned)cmd->depth + 1, ci);
}

/*
 * Text a shell runs as its script that comes from another command of
 * the line: "echo 'rm -rf /' | sh", "printf '...' | bash", "cat <<EOF |
 * sh", "sh <(echo ...)", ". /dev/stdin".  What echo, printf and cat of
 * a here-document write is known: it is parsed as the shell's nested
 * command line, as with sh -c.  Any other writer (curl, base64 -d, a
 * file, a word with $x in it) makes text not known before it runs:
 * the call is then at least high (c->opq).
 */
#define FEED_MAX	SHELLPARSE_MAXLEN	/* bytes of text parsed */
#define FEED_CALLS	64		/* writers looked at, per call */
#define FEED_DEPTH	8		/* cat | cat | ..., ( ( ) ) */

struct feed {
	char		*p;		/* NULL: only count */
	size_t		 n;
	size_t		 cap;		/* of p: what the count found */
	int		 opaque;
	int		 any;
	int		 frag;		/* pieces of lines, each ended by a
					   NUL (sed -i's s///): each parsed
					   on its own, leniently */
};

static void
feed_put(struct feed *f, const char *s, size_t n)
{
	if (n > FEED_MAX || f->n > FEED_MAX - n) {
		f->n = FEED_MAX + 1;	/* too long to look at */
		f->opaque = 1;
		return;
	}
	if (f->p != NULL) {
		if (n > f->cap - f->n) {
			/* more than counted: cannot be; refuse to guess */
			f->opaque = 1;
			return;
		}
		memcpy(f->p + f->n, s, n);
	}
	f->n += n;
	f->any = 1;
}

/*
 * The backslash escape at s[*i] as echo -e, dash's echo and printf
 * decode it (\n \t \NNN \0NNN \xHH ...); *i is left on its last byte.
 * Returns 1 for \c: nothing more is written.
 */
static int
feed_escape(struct feed *f, const char *s, size_t n, size_t *i)
{
	size_t k = *i + 1, d;
	int v, x;
	char ch;

	if (k >= n) {
		feed_put(f, "\\", 1);
		return (0);
	}
	switch (s[k]) {
	case 'a': ch = '\a'; break;
	case 'b': ch = '\b'; break;
	case 'e': case 'E': ch = 033; break;
	case 'f': ch = '\f'; break;
	case 'n': ch = '\n'; break;
	case 'r': ch = '\r'; break;
	case 't': ch = '\t'; break;
	case 'v': ch = '\v'; break;
	case '\\': case '\'': case '"': case '?': ch = s[k]; break;
	case 'c':
		*i = k;
		return (1);
	case 'x':
		for (v = 0, d = 0; d < 2 && k + 1 < n &&
		    (x = hexdig((unsigned char)s[k + 1])) != -1; d++, k++)
			v = v * 16 + x;
		if (d == 0) {
			feed_put(f, "\\x", 2);
			*i = k;
			return (0);
		}
		ch = (char)v;
		break;
	default:
		if (s[k] < '0' || s[k] > '7') {
			feed_put(f, s + *i, 2);	/* \q stays \q */
			*i = k;
			return (0);
		}
		/* \NNN, and echo's \0NNN */
		v = s[k] - '0';
		for (d = s[k] == '0' ? 3 : 2; d > 0 && k + 1 < n &&
		    s[k + 1] >= '0' && s[k + 1] <= '7'; d--, k++)
			v = v * 8 + (s[k + 1] - '0');
		ch = (char)v;
		break;
	}
	feed_put(f, &ch, 1);
	*i = k;
	return (0);
}

/* s with its escapes decoded; 1 at \c. */
static int
feed_escapes(struct feed *f, const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = i; j < n && s[j] != '\\'; j++)
			;
		if (j > i)
			feed_put(f, s + i, j - i);
		if ((i = j) >= n)
			break;
		if (feed_escape(f, s, n, &i))
			return (1);
	}
	return (0);
}

/* Does a word hold something only known when it runs? */
static void
feed_word_known(struct feed *f, const struct shellparse_word *w)
{
	if (w->flags & SHELLPARSE_W_PATTERN)
		f->opaque = 1;
}

/* echo [-neE] WORDS: the words, a space apart, then a newline. */
static void
feed_echo(struct feed *f, const struct shellparse_cmd *cmd, uint32_t k)
{
	const struct shellparse_word *w;
	uint32_t first;

	for (; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (w->len < 2 || w->text[0] != '-' ||
		    strspn(w->text + 1, "neE") != w->len - 1)
			break;
	}
	for (first = k; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		feed_word_known(f, w);
		if (k > first)
			feed_put(f, " ", 1);
		if (feed_escapes(f, w->text, w->len))
			return;
	}
	feed_put(f, "\n", 1);
}

/* printf FORMAT ARGS: the format again while arguments are left. */
static void
feed_printf(struct feed *f, const struct shellparse_cmd *cmd, uint32_t k)
{
	const struct shellparse_word *fw, *a;
	const char *t;
	size_t i, n;
	int used;

	if (k < cmd->nwords && strcmp(cmd->words[k].text, "-v") == 0)
		return;		/* into a variable: writes nothing */
	if (k < cmd->nwords && strcmp(cmd->words[k].text, "--") == 0)
		k++;
	if (k >= cmd->nwords)
		return;
	fw = &cmd->words[k++];
	feed_word_known(f, fw);
	t = fw->text;
	n = fw->len;
	do {
		used = 0;
		for (i = 0; i < n && f->n <= FEED_MAX; i++) {
			if (t[i] == '\\') {
				if (feed_escape(f, t, n, &i))
					return;
				continue;
			}
			if (t[i] != '%') {
				feed_put(f, t + i, 1);
				continue;
			}
			if (i + 1 < n && t[i + 1] == '%') {
				feed_put(f, "%", 1);
				i++;
				continue;
			}
			while (i + 1 < n && strchr("-+ #0123456789.*'",
			    t[i + 1]) != NULL)
				i++;
			i++;		/* the conversion */
			if (k >= cmd->nwords)
				continue;
			a = &cmd->words[k++];
			used = 1;
			feed_word_known(f, a);
			if (i < n && t[i] == 'b') {
				if (feed_escapes(f, a->text, a->len))
					return;
			} else
				feed_put(f, a->text, a->len);
		}
	} while (used && k < cmd->nwords && f->n <= FEED_MAX);
}

static void	feed_stdin(struct ctx *, uint32_t, struct feed *, int, int);
static int	feed_file(struct ctx *, uint32_t, uint32_t,
		    const struct shellparse_word *, struct feed *, int);

/* A here-document or here-string r is its command's input: its text
   into f (a here-document that expands, or has no body, is not known),
   and 1; 0 for another redirection. */
static int
feed_here(struct feed *f, const struct shellparse_redir *r)
{
	if (r->op == SHELLPARSE_R_HEREDOC && r->body != NULL) {
		if (!r->quoted && (memchr(r->body, '$', r->bodylen) != NULL ||
		    memchr(r->body, '`', r->bodylen) != NULL))
			f->opaque = 1;
		feed_put(f, r->body, r->bodylen);
		return (1);
	}
	if (r->op == SHELLPARSE_R_HERESTR) {
		feed_word_known(f, &r->target);
		feed_put(f, r->target.text, r->target.len);
		feed_put(f, "\n", 1);
		return (1);
	}
	return (0);
}

/* What command j writes to its standard output, into f. */
static void
feed_from(struct ctx *c, uint32_t j, struct feed *f, int depth)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *cmd = &sp->cmds[j];
	const struct shellparse_redir *r;
	const struct shellparse_word *w;
	const char *b;
	size_t n;
	uint32_t k, x;
	int ops = 0;

	if (depth > FEED_DEPTH || c->nfeed++ > FEED_CALLS) {
		f->opaque = 1;
		return;
	}
	if (cmd->flags & (SHELLPARSE_C_SUBSHELL | SHELLPARSE_C_GROUP)) {
		/* ( ... ) | sh: what the commands in it write */
		for (x = j + 1; x < sp->ncmds; x++)
			if (sp->cmds[x].parent == j &&
			    sp->cmds[x].next == NONE)
				feed_from(c, x, f, depth + 1);
		return;
	}
	if (cmd->flags & SHELLPARSE_C_KEYWORD) {
		f->opaque = 1;		/* a loop's output */
		return;
	}
	if (cmd->nwords <= cmd->nassign)
		return;			/* X=1: writes nothing */
	w = &cmd->words[cmd->nassign];
	if (shellparse_pattern(w) != NULL) {
		f->opaque = 1;
		return;
	}
	b = memrchr(w->text, '/', w->len);
	b = b ? b + 1 : w->text;
	n = w->len - (size_t)(b - w->text);
	k = cmd->nassign + 1;
	if (n == 4 && memcmp(b, "echo", 4) == 0) {
		feed_echo(f, cmd, k);
		return;
	}
	if (n == 6 && memcmp(b, "printf", 6) == 0) {
		feed_printf(f, cmd, k);
		return;
	}
	if (!(n == 3 && memcmp(b, "cat", 3) == 0) &&
	    !(n == 3 && memcmp(b, "tee", 3) == 0)) {
		f->opaque = 1;		/* curl, base64 -d, ... */
		return;
	}
	/* cat: its here-document or input; tee: its input (and files). */
	for (; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (b[0] == 't' || strcmp(w->text, "-") == 0 ||
		    strcmp(w->text, "-u") == 0)
			continue;
		f->opaque = 1;		/* a file, or -n, -A: changed text */
		ops = 1;
	}
	for (k = 0; k < cmd->nredirs && !ops; k++) {
		r = &cmd->redirs[k];
		if ((r->op == SHELLPARSE_R_IN || r->op == SHELLPARSE_R_RDWR) &&
		    script_operand(&r->target) != UW_PROCSUB) {
			f->opaque = 1;		/* cat < file */
			return;
		}
		if (feed_here(f, r))
			return;
	}
	if (!ops)
		feed_stdin(c, j, f, depth + 1, 0);
}

/* Does the command hold a >( ) (as a word or a redirection's target)? */
static int
holds_outsub(const struct shellparse_cmd *cmd)
{
	uint32_t k;

	for (k = 0; k < cmd->nwords; k++)
		if (cmd->words[k].len > 2 && memmem(cmd->words[k].text,
		    cmd->words[k].len, ">(", 2) != NULL)
			return (1);
	for (k = 0; k < cmd->nredirs; k++)
		if (cmd->redirs[k].target.len > 2 &&
		    memcmp(cmd->redirs[k].target.text, ">(", 2) == 0)
			return (1);
	return (0);
}

/*
 * Does redirection r give a command's fd 0 a file or another fd: < f,
 * <> f, <&3, 0>&3 (dup2 either way)?  Not <&0, <&-, 3< f or a
 * here-document.
 */
static int
redir_in(const struct shellparse_redir *r)
{
	if (r->fd > 0)
		return (0);
	if (r->op == SHELLPARSE_R_IN || r->op == SHELLPARSE_R_RDWR)
		return (1);
	if (r->op != SHELLPARSE_R_DUPIN && !(r->fd == 0 &&
	    r->op == SHELLPARSE_R_DUPOUT))
		return (0);
	return (strcmp(r->target.text, "0") != 0 &&
	    strcmp(r->target.text, "-") != 0);
}

/*
 * Does a command before j give the shell itself another input: exec
 * with no command and a redirection of fd 0 (exec < f, exec 0<&3,
 * exec <<< x)?  The commands after it read that.
 */
static int
exec_input(const struct shellparse *sp, uint32_t j)
{
	const struct shellparse_cmd *cmd;
	const struct shellparse_redir *r;
	uint32_t x, k;

	for (x = 0; x < j; x++) {
		cmd = &sp->cmds[x];
		if (cmd->nredirs == 0 || cmd->nwords != 1 ||
		    cmd->words[0].len != 4 ||
		    memcmp(cmd->words[0].text, "exec", 4) != 0 ||
		    shellparse_pattern(&cmd->words[0]) != NULL)
			continue;
		for (k = 0; k < cmd->nredirs; k++) {
			r = &cmd->redirs[k];
			if (redir_in(r) || (r->fd <= 0 &&
			    (r->op == SHELLPARSE_R_HEREDOC ||
			    r->op == SHELLPARSE_R_HERESTR)))
				return (1);
		}
	}
	return (0);
}

/*
 * What command j reads on its standard input, into f: the command
 * before it in a pipeline, or (procsub) the <( ) in its words, or a
 * <( ) it reads with <.  A file, or nothing (the call's own input), is
 * not text of the line: f->any stays 0 for it.
 */
static void
feed_stdin(struct ctx *c, uint32_t j, struct feed *f, int depth, int procsub)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *cmd = &sp->cmds[j];
	const struct shellparse_redir *r;
	uint32_t x, k;

	if (procsub >= FEED_WORD) {
		/* sh FILE: what the line wrote there */
		if ((uint32_t)(procsub - FEED_WORD) < cmd->nwords)
			(void)feed_file(c, j, j,
			    &cmd->words[procsub - FEED_WORD], f, depth);
		return;
	}
	for (x = j; x-- > 0; )
		if (sp->cmds[x].next == j) {
			feed_from(c, x, f, depth);
			return;
		}
	if (cmd->flags & SHELLPARSE_C_PIPEIN) {
		f->opaque = 1;		/* for ... done | sh */
		return;
	}
	if (depth > FEED_DEPTH || c->nfeed++ > FEED_CALLS) {
		f->opaque = 1;
		return;
	}
	for (k = 0; k < cmd->nredirs && !procsub; k++) {
		r = &cmd->redirs[k];
		if (r->op == SHELLPARSE_R_IN && script_operand(&r->target) ==
		    UW_PROCSUB)
			procsub = 1;
		else if (redir_in(r)) {
			/* sh < file, sh <&3, sh >& /dev/tcp/h/p 0>&1
			   (dup2 either way): text not of the line, unless
			   the line wrote the file (echo ... > f; sh < f) */
			if (r->op == SHELLPARSE_R_IN && feed_file(c, j, j,
			    &r->target, f, depth + 1) == 1)
				return;
			f->opaque = 1;
			return;
		} else if (r->op == SHELLPARSE_R_HEREDOC ||
		    r->op == SHELLPARSE_R_HERESTR)
			return;		/* fed_heredoc() reads those */
	}
	if (!procsub && exec_input(sp, j)) {
		f->opaque = 1;		/* exec < f; sh */
		return;
	}
	if (!procsub) {
		/*
		 * Nothing in the line gives it input of its own: it reads
		 * what its ( ) or { } reads (x | (sh)), what the command
		 * holding its $( ) reads, and, in a >( ) (x > >(sh), tee
		 * >(sh)), what that command writes there.
		 */
		x = cmd->parent;
		if (x == NONE || x >= sp->ncmds || x >= j)
			return;
		feed_stdin(c, x, f, depth + 1, 0);
		if (!(sp->cmds[x].flags & (SHELLPARSE_C_SUBSHELL |
		    SHELLPARSE_C_GROUP)) && holds_outsub(&sp->cmds[x]))
			feed_from(c, x, f, depth + 1);
		return;
	}
	/* The substitutions in it are its children (ends of pipelines). */
	for (x = j + 1; x < sp->ncmds; x++)
		if (sp->cmds[x].parent == j && sp->cmds[x].next == NONE)
			feed_from(c, x, f, depth);
}

/*
 * After a pass of feed_stdin() that counted f->n bytes: again, writing
 * the same text into the arena (NUL-terminated).  0 when out of memory.
 */
static int
feed_fill(struct ctx *c, uint32_t ci, struct feed *f, int procsub,
    unsigned nfeed, size_t lwleft)
{
	if ((f->p = shellparse_alloc(c->sp, f->n + 1)) == NULL) {
		c->nomem = 1;
		return (0);
	}
	f->cap = f->n;
	f->n = 0;
	f->any = 0;
	/* the same walk again, the same budgets */
	c->nfeed = nfeed;
	c->lwleft = lwleft;
	feed_stdin(c, ci, f, 0, procsub);
	f->p[f->n] = '\0';
	return (1);
}

/* What command ci reads on its input, when the line gives all of it
   (in the arena), or NULL. */
static const char *
input_text(struct ctx *c, uint32_t ci, size_t *np)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_redir *r;
	struct feed f;
	unsigned nfeed = c->nfeed;
	size_t lwleft;
	uint32_t k;
	char *t;

	/* its own here-document or here-string */
	for (k = 0; k < cmd->nredirs; k++) {
		r = &cmd->redirs[k];
		if ((r->fd != -1 && r->fd != 0) || (r->op !=
		    SHELLPARSE_R_HEREDOC && r->op != SHELLPARSE_R_HERESTR))
			continue;
		if (r->op == SHELLPARSE_R_HEREDOC) {
			if (r->body == NULL || (!r->quoted && (memchr(r->body,
			    '$', r->bodylen) || memchr(r->body, '`',
			    r->bodylen))))
				return (NULL);
			*np = r->bodylen;
			return (r->body);
		}
		if (shellparse_pattern(&r->target) != NULL)
			return (NULL);
		if ((t = shellparse_alloc(c->sp, r->target.len + 2)) == NULL) {
			c->nomem = 1;
			return (NULL);
		}
		memcpy(t, r->target.text, r->target.len);
		t[r->target.len] = '\n';
		t[r->target.len + 1] = '\0';
		*np = r->target.len + 1;
		return (t);
	}
	memset(&f, 0, sizeof(f));
	lwleft = c->lwleft;
	feed_stdin(c, ci, &f, 0, 0);
	/* (sed -i's pieces are not all of a file's text) */
	if (!f.any || f.opaque || f.frag || f.n > FEED_MAX ||
	    !feed_fill(c, ci, &f, 0, nfeed, lwleft))
		return (NULL);
	*np = f.n;
	return (f.p);
}

static void	code_scan(struct ctx *, uint32_t, const char *, size_t, int,
		    int);
static void	text_scan(struct ctx *, uint32_t, const char *, size_t, int);

static void	feed_shell(struct ctx *, uint32_t, int, int);

/*
 * A script a command of the line wrote to a file and a later one runs:
 * "echo 'rm -rf /' > f; sh f", "printf ... > a.py && python3 a.py",
 * "curl -o x.sh URL; bash x.sh", "cat > s <<EOF ... EOF; chmod +x s;
 * ./s", "sh < f".  The file's text is what its writer wrote, as if it
 * were piped: known text is parsed as the program's, any other makes
 * it code not known before it runs.
 */

#define LW_TRUNC	1	/* > f, &> f: the command's output */
#define LW_APPEND	2	/* >> f: the file's text, then the output */
#define LW_TEE		3	/* tee f: what tee reads */
#define LW_TEEAPPEND	4	/* tee -a f */
#define LW_NET		5	/* a program that fetches (curl -o f), or a
				   redirection of text not known (2> f) */
#define LW_DISK		6	/* another (cp x f, cc -o f): text of files,
				   as a file the line did not write */
#define LW_EDIT		7	/* sed -i: the file, and the text its
				   script puts in */
#define LW_BUDGET	131072	/* words line_writer() looks at, a call */

/* Are a and b the same file name, ./ aside? */
static int
same_file(const char *a, size_t an, const char *b, size_t bn)
{
	/* ~+/x is $PWD/x: ./x */
	if (an > 3 && a[0] == '~' && a[1] == '+' && a[2] == '/')
		a += 3, an -= 3;
	if (bn > 3 && b[0] == '~' && b[1] == '+' && b[2] == '/')
		b += 3, bn -= 3;
	while (an > 2 && a[0] == '.' && a[1] == '/')
		for (a += 2, an -= 2; an > 1 && a[0] == '/'; a++, an--)
			;
	while (bn > 2 && b[0] == '.' && b[1] == '/')
		for (b += 2, bn -= 2; bn > 1 && b[0] == '/'; b++, bn--)
			;
	return (an == bn && memcmp(a, b, an) == 0);
}

/*
 * A word $HOME/x or ${HOME}/x with nothing else expanded: ~/x (which
 * the shell expands from $HOME), into buf (size bytes).  Its length,
 * or 0.
 */
static size_t
lw_home(const char *t, size_t n, char *buf, size_t size)
{
	size_t l, i;

	if (n >= 5 && memcmp(t, "$HOME", 5) == 0)
		l = 5;
	else if (n >= 7 && memcmp(t, "${HOME}", 7) == 0)
		l = 7;
	else
		return (0);
	if ((l < n && t[l] != '/') || n - l + 2 > size)
		return (0);
	for (i = l; i < n; i++)
		if (strchr("$`*?[\\", t[i]) != NULL || t[i] == '\0')
			return (0);
	buf[0] = '~';
	memcpy(buf + 1, t + l, n - l);
	buf[n - l + 1] = '\0';
	return (n - l + 1);
}

/*
 * $PWD/x, ${PWD}/x and ~+/x: ./x, where the command runs (unless the
 * line sets PWD).  Into buf (size bytes); its length, or 0.
 */
static size_t __attribute__((noinline))
lw_pwd(struct ctx *c, const char *t, size_t n, char *buf, size_t size)
{
	size_t l, i;

	if (n >= 4 && memcmp(t, "$PWD", 4) == 0)
		l = 4;
	else if (n >= 6 && memcmp(t, "${PWD}", 6) == 0)
		l = 6;
	else if (n >= 2 && t[0] == '~' && t[1] == '+')
		l = 2;
	else
		return (0);
	if (l >= n || t[l] != '/' || n - l + 2 > size)
		return (0);
	for (i = l; i < n; i++)
		if (strchr("$`*?[\\\"'", t[i]) != NULL || t[i] == '\0')
			return (0);
	if (!c->vtdone)
		vt_compute(c);
	if (c->vtdyn || vt_isset(c, "PWD", 3))
		return (0);
	buf[0] = '.';
	memcpy(buf + 1, t + l, n - l);
	buf[n - l + 1] = '\0';
	return (n - l + 1);
}

/*
 * The names file f may have in a command before the one that runs it:
 * as that one wrote it (f), joined to the directory it runs in (r),
 * and r from the directory the earlier one runs in (x), when a cd is
 * between them.  NULL for one that is f again.
 */
struct lwname {
	const char	*f, *r, *x;
	size_t		 fn, rn, xn;
	int		 raw;	/* f is the text of a word with expansions
				   ($f): the same text names it */
	int		 tail;	/* where the runner is is not known (cd $d;
				   sh f): f below any directory */
	int		 wany;	/* nor where the earlier command is */
};

/* Does name s end in /t (./ aside)? */
static int
lw_tail(const char *s, size_t sn, const char *t, size_t tn)
{
	while (tn > 2 && t[0] == '.' && t[1] == '/')
		for (t += 2, tn -= 2; tn > 1 && t[0] == '/'; t++, tn--)
			;
	return (tn > 0 && sn > tn && s[sn - tn - 1] == '/' &&
	    memcmp(s + sn - tn, t, tn) == 0);
}

/* Is s (sn bytes, as an earlier command gives it) file nm? */
static int
lw_eq(const struct lwname *nm, const char *s, size_t sn)
{
	if (nm->raw || sn == 0)
		return (0);
	if (same_file(s, sn, nm->f, nm->fn) ||
	    (nm->r != NULL && same_file(s, sn, nm->r, nm->rn)) ||
	    (nm->x != NULL && same_file(s, sn, nm->x, nm->xn)))
		return (1);
	if (nm->tail && lw_tail(s, sn, nm->f, nm->fn))
		return (1);	/* cd $d; sh f: $d/f */
	/* cd $d; echo x > f; sh /tmp/f: $d may be /tmp */
	return (nm->wany && s[0] != '/' && s[0] != '~' &&
	    (nm->r != NULL ? lw_tail(nm->r, nm->rn, s, sn) :
	    lw_tail(nm->f, nm->fn, s, sn)));
}

/* May pattern p match file nm? */
static int
lw_gmatch(const char *p, const struct lwname *nm)
{
	return (nm->raw || gmatch(p, nm->f, nm->fn) ||
	    (nm->r != NULL && gmatch(p, nm->r, nm->rn)) ||
	    (nm->x != NULL && gmatch(p, nm->x, nm->xn)));
}

/*
 * A word that is one $NAME or ${NAME} the call sets to one literal
 * value, a file name (f=/tmp/x.sh; sh $f): that value.
 */
static int
lw_var(struct ctx *c, const char *t, size_t n, const char **v, size_t *vn)
{
	const struct vtval *val;
	size_t b = 1, e = n, i;

	if (n < 2 || t[0] != '$')
		return (0);
	if (t[1] == '{') {
		if (n < 4 || t[n - 1] != '}')
			return (0);
		b = 2;
		e = n - 1;
	}
	for (i = b; i < e; i++)
		if (!vt_id((unsigned char)t[i]))
			return (0);
	if (t[b] >= '0' && t[b] <= '9')
		return (0);
	if (vt_implicit(t + b, e - b))
		return (0);
	if (!c->vtdone)
		vt_compute(c);
	if (c->vtdyn || vt_isset(c, "IFS", 3) ||
	    (val = vt_value(c, t + b, e - b)) == NULL || val->n == 0)
		return (0);
	/* (a value split into words, or a glob, is not one name) */
	for (i = 0; i < val->n; i++)
		if (strchr(" \t\n*?[", val->v[i]) != NULL || val->v[i] == '\0')
			return (0);
	*v = val->v;
	*vn = val->n;
	return (1);
}

/*
 * A word $HOME/x, or $d/x (${d}/x) where the call sets d to one
 * literal value, with nothing else expanded: ~/x, or the value and /x
 * (d=/tmp; echo ... > $d/s; sh /tmp/s), into buf (size bytes).  Its
 * length, or 0.
 */
static size_t
lw_expand(struct ctx *c, const char *t, size_t n, char *buf, size_t size)
{
	const char *v, *q;
	size_t e, vn, l;

	if ((l = lw_home(t, n, buf, size)) > 0)
		return (l);
	if ((l = lw_pwd(c, t, n, buf, size)) > 0)
		return (l);
	if (n < 3 || t[0] != '$')
		return (0);
	if (t[1] == '{') {
		if ((q = memchr(t, '}', n)) == NULL)
			return (0);
		e = (size_t)(q - t) + 1;
	} else
		for (e = 1; e < n && vt_id((unsigned char)t[e]); e++)
			;
	if (e >= n || t[e] != '/')
		return (0);
	for (l = e; l < n; l++)
		if (strchr("$`*?[\\\"'", t[l]) != NULL)
			return (0);
	if (!lw_var(c, t, e, &v, &vn) || vn + n - e + 1 > size)
		return (0);
	memcpy(buf, v, vn);
	memcpy(buf + vn, t + e, n - e);
	buf[vn + n - e] = '\0';
	return (vn + n - e);
}

/*
 * Does word w name file nm: as it is, or as an option's value (of=f,
 * --output=f, -of)?  -1: it may (a glob, $x), as far as is known.
 */
static int
word_names(struct ctx *c, const struct shellparse_word *w,
    const struct lwname *nm)
{
	const char *p, *eq, *t = w->text, *os, *op;
	size_t n = w->len, on;
	char home[1024];

	if ((p = shellparse_pattern(w)) != NULL) {
		if (nm->raw && n == nm->fn && memcmp(t, nm->f, n) == 0)
			return (1);	/* > $f; sh $f */
		if (!nm->raw && (t[0] == '$' || t[0] == '~') &&
		    (n = lw_expand(c, t, w->len, home, sizeof(home))) > 0)
			return (lw_eq(nm, home, n));	/* > $HOME/s */
		n = w->len;
		if (!nm->raw && memchr(t, '$', n) != NULL &&
		    word_subst(c, t, n, p, &os, &on, &op) && op == NULL &&
		    on > 0)
			return (lw_eq(nm, os, on));	/* > ./$x, x=s */
		if (nm->raw || !lw_var(c, t, n, &t, &n))
			return (lw_gmatch(p, nm) || ((eq = strchr(p, '=')) !=
			    NULL && lw_gmatch(eq + 1, nm)) ? -1 : 0);
		/* f=x.sh; echo ... > $f */
	}
	if (lw_eq(nm, t, n))
		return (1);
	if (n > 2 && t[0] == '-' && (t[1] == 'o' || t[1] == 'O') &&
	    lw_eq(nm, t + 2, n - 2))
		return (1);
	return ((eq = memchr(t, '=', n)) != NULL &&
	    lw_eq(nm, eq + 1, n - (size_t)(eq + 1 - t)));
}

/* Programs that never change a file they are given. */
static const char *const lw_readers =
    "|cat|head|tail|less|more|grep|egrep|fgrep|zgrep|rg|wc|file|stat|ls|"
    "chmod|chown|chgrp|touch|test|[|md5sum|sha1sum|sha224sum|sha256sum|"
    "sha384sum|sha512sum|b2sum|cksum|sum|cmp|diff|od|hexdump|strings|nl|"
    "realpath|readlink|basename|dirname|du|echo|printf|export|local|"
    "readonly|declare|typeset|unset|alias|unalias|type|hash|which|true|"
    "false|:|cd|pushd|popd|";

/* Programs that copy files into the directory their last operand (or
   -t's value) names. */
static const char lw_copiers[] =
    "|cp|mv|ln|install|gcp|gmv|rsync|scp|";
static int	cc_fed(struct ctx *, uint32_t, uint32_t);

/* Is f (n bytes) a.out, which a compiler writes when not told a name? */
static inline int
lw_aout(const char *f, size_t n)
{
	return (n >= 5 && memcmp(f + n - 5, "a.out", 5) == 0 &&
	    (n == 5 || f[n - 6] == '/'));
}

/* Programs whose code may be a word of the line (python3 -c CODE, awk
   PROG, sed 'w f'): one may write any file its code names. */
static const char lw_coders[] =
    "|python|python2|python3|pypy|pypy3|node|nodejs|deno|bun|perl|ruby|"
    "php|lua|luajit|awk|gawk|mawk|nawk|goawk|original-awk|sed|gsed|"
    "Rscript|julia|pwsh|powershell|osascript|";

static const char *const lw_outopts =
    "|-o|-O|--output|--output-document|--out|--out-file|--output-file|";

/* Is word w a program of list (by its base name)? */
static int
lw_prog(const struct shellparse_word *w, const char *list)
{
	const char *b;
	size_t n;

	if (shellparse_pattern(w) != NULL)
		return (0);
	b = memrchr(w->text, '/', w->len);
	b = b != NULL ? b + 1 : w->text;
	n = w->len - (size_t)(b - w->text);
	return (n > 0 && memchr(b, '|', n) == NULL &&
	    in_list_abbr(list, b, n, 1));
}

/* Word w's last part (*n bytes): the program it names; NULL for one
   with expansions. */
static const char *
lw_base(const struct shellparse_word *w, size_t *n)
{
	const char *b;

	if (w->len == 0 || shellparse_pattern(w) != NULL)
		return (NULL);
	b = memrchr(w->text, '/', w->len);
	b = b != NULL ? b + 1 : w->text;
	*n = w->len - (size_t)(b - w->text);
	return (b);
}

/*
 * Is name b (n bytes) in a "|list|" of ll bytes that many words are
 * asked of (every command's program)?  memchr() to each place its
 * first byte starts an entry, then one compare (memmem() costs more:
 * it sets up for long needles).
 */
static int
lw_inbase(const char *b, size_t n, const char *list, size_t ll)
{
	const char *p = list, *e = list + ll;

	if (n == 0 || memchr(b, '|', n) != NULL)
		return (0);
	while ((size_t)(e - p) > n + 1 &&
	    (p = memchr(p + 1, b[0], (size_t)(e - p) - n - 1)) != NULL)
		if (p[-1] == '|' && p[n] == '|' && memcmp(p, b, n) == 0)
			return (1);
	return (0);
}

/* lw_prog() by lw_inbase(). */
static int
lw_progx(const struct shellparse_word *w, const char *list, size_t ll)
{
	const char *b;
	size_t n;

	return ((b = lw_base(w, &n)) != NULL && lw_inbase(b, n, list, ll));
}

/* Is word w an interpreter of lw_coders (python3.11 too)?  By length
   first: lw_before() asks of the first words of every command. */
static int
lw_coder(const struct shellparse_word *w)
{
	const char *b;
	size_t n;

	if ((b = lw_base(w, &n)) == NULL)
		return (0);
	if (n > 7 && memcmp(b, "python", 6) == 0 &&
	    strspn(b + 6, "0123456789.") == n - 6)
		return (1);	/* python3.11 */
	switch (n) {
	case 3:
	case 4:
	case 5:
	case 6:
	case 7:
	case 9:
	case 10:
		break;
	default:
		return (0);
	}
	if (memchr("pndbrlagmsRjo", b[0], 13) == NULL)
		return (0);
	return (lw_inbase(b, n, lw_coders, sizeof(lw_coders) - 1));
}

/* Programs that write the files an archive or a patch holds. */
static const char lw_extractors[] =
    "|tar|bsdtar|gtar|unzip|7z|7za|7zr|unrar|cpio|bsdcpio|ar|jar|"
    "gunzip|gzip|unxz|xz|bunzip2|bzip2|unzstd|zstd|unlzma|lzma|"
    "dpkg|dpkg-deb|rpm2archive|patch|git|";

/* Is word w one of lw_extractors?  By its first letter first. */
static int
lw_extractor(const struct shellparse_word *w)
{
	const char *b;
	size_t n;

	if ((b = lw_base(w, &n)) == NULL || n < 2 ||
	    memchr("tbgu7cajxzldpr", b[0], 14) == NULL)
		return (0);
	return (lw_inbase(b, n, lw_extractors, sizeof(lw_extractors) - 1));
}

/*
 * Does extractor word k of cmd look like it extracts (tar x, gzip -d,
 * git apply, not tar c, gzip f, git status)?  A first look, for
 * lw_coded(); lw_extract() reads it all.
 */
static int
lw_extracting(const struct shellparse_cmd *cmd, uint32_t k)
{
	const char *b, *t;
	size_t n;
	uint32_t i;

	if ((b = lw_base(&cmd->words[k], &n)) == NULL)
		return (0);
	if (strcmp(b, "git") == 0)
		return (k + 1 < cmd->nwords &&
		    (strcmp(cmd->words[k + 1].text, "apply") == 0 ||
		    strcmp(cmd->words[k + 1].text, "am") == 0));
	if (strcmp(b, "gzip") != 0 && strcmp(b, "xz") != 0 &&
	    strcmp(b, "bzip2") != 0 && strcmp(b, "zstd") != 0 &&
	    strcmp(b, "lzma") != 0 && strcmp(b, "tar") != 0 &&
	    strcmp(b, "bsdtar") != 0 && strcmp(b, "gtar") != 0 &&
	    strcmp(b, "jar") != 0)
		return (1);	/* unzip, 7z, cpio, gunzip, patch, ... */
	/* tar x, -x, --extract; gzip -d, --decompress */
	for (i = k + 1; i < cmd->nwords && i < k + 4; i++) {
		t = cmd->words[i].text;
		if (t[0] == '-' && t[1] == '-' &&
		    (strncmp(t, "--extract", 9) == 0 ||
		    strncmp(t, "--get", 5) == 0 ||
		    strncmp(t, "--decompress", 12) == 0 ||
		    strncmp(t, "--uncompress", 12) == 0))
			return (1);
		if (t[0] == '-' && t[1] != '-' &&
		    strchr(t, b[0] == 't' || b[0] == 'b' || b[0] == 'j' ?
		    'x' : 'd') != NULL)
			return (1);
		if (i == k + 1 && t[0] != '-' && (b[0] == 't' ||
		    b[0] == 'b' || b[0] == 'j') && strchr(t, 'x') != NULL)
			return (1);	/* tar xzf */
	}
	return (0);
}

/*
 * What a program that may write a file is, by word w's base name:
 * tee, git, one that writes what it fetches to the value of an output
 * option (curl -o f, wget -O f, --output=f), or one that writes it to
 * its last operand (scp, rsync).  Compared by length, not a walk of a
 * list: pipe_rest() asks of every command (lw_writes()).
 */
#define LK_NONE		0
#define LK_TEE		1
#define LK_GIT		2
#define LK_FETCH	3
#define LK_FETCHLAST	4
#define LK_EDIT		5	/* sed, perl, ruby, awk: -i edits files */
#define LK_FIND		6	/* find: -fprint f writes f */
#define LK_COPY		7	/* cp, mv, ln, install: a copy */
#define LK_CC		8	/* a compiler: a program of its sources
				   (cc_fed()) */

static int
lw_kind(const struct shellparse_word *w)
{
	const char *b;
	size_t n;

	if (shellparse_pattern(w) != NULL)
		return (LK_NONE);
	b = memrchr(w->text, '/', w->len);
	b = b != NULL ? b + 1 : w->text;
	n = w->len - (size_t)(b - w->text);
#define LW_IS(s)	(n == sizeof(s) - 1 && memcmp(b, s, n) == 0)
	if (LW_IS("tee") || LW_IS("sponge"))
		return (LK_TEE);
	if (LW_IS("git"))
		return (LK_GIT);
	if (LW_IS("scp") || LW_IS("sftp") || LW_IS("rsync") ||
	    LW_IS("lwp-download"))
		return (LK_FETCHLAST);
	if (LW_IS("sed") || LW_IS("gsed") || LW_IS("perl") || LW_IS("ruby") ||
	    LW_IS("awk") || LW_IS("gawk"))
		return (LK_EDIT);
	if (LW_IS("find") || LW_IS("gfind") || LW_IS("bfs"))
		return (LK_FIND);
	if (LW_IS("cp") || LW_IS("mv") || LW_IS("ln") || LW_IS("install") ||
	    LW_IS("gcp") || LW_IS("gmv"))
		return (LK_COPY);
	if (LW_IS("gcc") || LW_IS("cc") || LW_IS("c++") || LW_IS("g++") ||
	    LW_IS("clang") || LW_IS("clang++") || LW_IS("tcc") ||
	    LW_IS("gfortran") || LW_IS("rustc"))
		return (LK_CC);
	if (LW_IS("xh") || LW_IS("curl") || LW_IS("wget") || LW_IS("axel") ||
	    LW_IS("http") || LW_IS("wget2") || LW_IS("fetch") ||
	    LW_IS("https") || LW_IS("aria2c"))
		return (LK_FETCH);
#undef LW_IS
	return (LK_NONE);
}

/*
 * Does command cmd, whose program is word p, edit its file operands in
 * place?  1: sed -i (--in-place), whose scripts say what it puts in;
 * 2: one whose edit is not read here (perl -pi, ruby -i, gawk -i
 * inplace, sed -i -f FILE).  0: it does not, as far as is known.
 */
static int
lw_inplace(const struct shellparse_cmd *cmd, uint32_t p)
{
	const struct shellparse_word *w = &cmd->words[p];
	const char *t;
	uint32_t k;
	size_t j;
	int sed, inpl = 0, file = 0;

	if (lw_prog(w, "|gawk|awk|")) {
		/* gawk -i inplace (-i is --include, of a library) */
		for (k = p + 1; k < cmd->nwords; k++) {
			t = cmd->words[k].text;
			if (strcmp(t, "-iinplace") == 0 ||
			    strcmp(t, "--include=inplace") == 0 ||
			    ((strcmp(t, "-i") == 0 ||
			    strcmp(t, "--include") == 0) && k + 1 <
			    cmd->nwords && strcmp(cmd->words[k + 1].text,
			    "inplace") == 0))
				return (2);
		}
		return (0);
	}
	if (lw_prog(w, "|sed|gsed|"))
		sed = 1;
	else if (lw_prog(w, "|perl|ruby|"))
		sed = 0;
	else
		return (0);
	for (k = p + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (shellparse_pattern(w) != NULL) {
			/* sed -$x: may be -i, or -f */
			if (w->len > 0 && t[0] == '-')
				inpl = file = 1;
			continue;
		}
		if (w->len < 2 || t[0] != '-')
			continue;
		if (strcmp(t, "--") == 0)
			break;
		if (t[1] == '-') {
			if (strncmp(t, "--in-place", 10) == 0)
				inpl = 1;
			else if (strncmp(t, "--file", 6) == 0 ||
			    strcmp(t, "--expression") == 0)
				file |= t[2] == 'f', k += strchr(t, '=') ==
				    NULL;
			continue;
		}
		for (j = 1; j < w->len; j++) {
			if (t[j] == 'i') {
				inpl = 1;
				break;		/* the rest is a suffix */
			}
			if (strchr(sed ? "efl" : "eEIMmx0l", t[j]) != NULL) {
				if (t[j] == 'f')
					file = 1;
				/* the rest or the next word is its value */
				k += j + 1 == w->len;
				break;
			}
		}
	}
	if (!inpl)
		return (0);
	return (!sed || file ? 2 : 1);
}

/* A file name's hash, ./ aside. */
static uint32_t
lw_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	if (n > 3 && s[0] == '~' && s[1] == '+' && s[2] == '/')
		s += 3, n -= 3;	/* ~+/x: ./x */
	while (n > 2 && s[0] == '.' && s[1] == '/')
		for (s += 2, n -= 2; n > 1 && s[0] == '/'; s++, n--)
			;
	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return (h);
}

static void
lw_add(struct ctx *c, const char *s, size_t n)
{
	uint32_t h = lw_hash(s, n);
	uint64_t b = 1ULL << (h & 63);

	if (c->lwnames[(h >> 6) & 15] & b)
		c->lwtwice[(h >> 6) & 15] |= b;
	c->lwnames[(h >> 6) & 15] |= b;
}

/* A word with expansions into the filter by the name it gives: > $HOME/s
   (~/s), > $d.sh when the line sets d (buf: scratch, size bytes). */
static void __attribute__((noinline))
lw_addx(struct ctx *c, const struct shellparse_word *w, char *buf,
    size_t size)
{
	const char *os, *op;
	size_t l, on;

	if ((l = lw_expand(c, w->text, w->len, buf, size)) > 0)
		lw_add(c, buf, l);
	else if (memchr(w->text, '$', w->len) != NULL && word_subst(c,
	    w->text, w->len, shellparse_pattern(w), &os, &on, &op) &&
	    op == NULL && on > 0)
		lw_add(c, os, on);
}

/* Every name the commands of the line give a file (words, option
   values, redirections' targets) into the filter. */
static void
lw_index(struct ctx *c)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *cmd;
	const struct shellparse_word *w;
	const char *eq;
	char home[1024];
	uint32_t x, k;

	if (!c->lwinit) {
		memset(c->lwnames, 0, sizeof(c->lwnames));
		memset(c->lwtwice, 0, sizeof(c->lwtwice));
		c->lwinit = 1;
		c->lwurl = 0;
		c->lwcopy = 0;
		c->lwseen = 0;
	}
	for (x = c->lwseen; x < sp->ncmds; x++) {
		cmd = &sp->cmds[x];
		/* f=x.sh; echo ... > $f; sh x.sh */
		for (k = 0; k < cmd->nassign; k++)
			if (shellparse_pattern(&cmd->words[k]) == NULL &&
			    (eq = memchr(cmd->words[k].text, '=',
			    cmd->words[k].len)) != NULL)
				lw_add(c, eq + 1, cmd->words[k].len - (size_t)
				    (eq + 1 - cmd->words[k].text));
		for (k = 0; k < cmd->nredirs; k++) {
			w = &cmd->redirs[k].target;
			if (shellparse_pattern(w) == NULL)
				lw_add(c, w->text, w->len);
			else
				lw_addx(c, w, home, sizeof(home));
		}
		/* (the program too when it is a path: ./s runs s) */
		for (k = cmd->nassign; k < cmd->nwords; k++) {
			w = &cmd->words[k];
			/* cp s d/; sh d/s: d/s is no word (lw_copyinto()) */
			if (!c->lwcopy && k < cmd->nassign + 8 &&
			    k + 2 < cmd->nwords && lw_progx(w, lw_copiers,
			    sizeof(lw_copiers) - 1))
				c->lwcopy = 1;
			if (k == cmd->nassign && memchr(w->text, '/',
			    w->len) == NULL)
				continue;
			if (shellparse_pattern(w) != NULL) {
				lw_addx(c, w, home, sizeof(home));
				continue;
			}
			lw_add(c, w->text, w->len);
			if ((eq = memchr(w->text, '=', w->len)) != NULL)
				lw_add(c, eq + 1, w->len - (size_t)(eq + 1 -
				    w->text));
			if (w->len > 2 && w->text[0] == '-')
				lw_add(c, w->text + 2, w->len - 2);
			if (memchr(w->text, ':', w->len) != NULL)
				c->lwurl = 1;	/* fetch_names() */
		}
	}
	c->lwseen = x;
}

/* May two words of the line name file f: the one that runs or reads
   it, and one that writes it? */
static int
lw_twice(struct ctx *c, const char *f, size_t n)
{
	uint32_t h;

	lw_index(c);
	if (c->lwurl || c->lwcopy)
		return (1);	/* wget URL/f, cp s d/: f is no word */
	h = lw_hash(f, n);
	return ((c->lwtwice[(h >> 6) & 15] & (1ULL << (h & 63))) != 0);
}

/* Might command j write a file a later command runs: its output to a
   file, tee, a fetcher? */
static int
redir_writes(uint8_t op)
{
	switch (op) {
	case SHELLPARSE_R_OUT:
	case SHELLPARSE_R_CLOBBER:
	case SHELLPARSE_R_APPEND:
	case SHELLPARSE_R_ALL:
	case SHELLPARSE_R_ALLAPPEND:
		return (1);
	}
	return (0);
}

/* find's actions that write a file: the word after names it. */
static const char lw_findouts[] = "|-fprint|-fprint0|-fprintf|-fls|";

/* Does find (word p of cmd) write a file by one of them? */
static int
lw_findout(const struct shellparse_cmd *cmd, uint32_t p)
{
	uint32_t k;

	for (k = p + 1; k + 1 < cmd->nwords; k++)
		if (cmd->words[k].text[0] == '-' && in_list_abbr(lw_findouts,
		    cmd->words[k].text, cmd->words[k].len, 1))
			return (1);
	return (0);
}

static int
lw_writes(const struct shellparse *sp, uint32_t j)
{
	const struct shellparse_cmd *cmd = &sp->cmds[j];
	uint32_t k;

	for (k = 0; k < cmd->nredirs; k++)
		if (redir_writes(cmd->redirs[k].op))
			return (1);
	for (k = cmd->nassign; k < cmd->nwords && k < cmd->nassign + 8; k++)
		switch (lw_kind(&cmd->words[k])) {
		case LK_NONE:
			break;
		case LK_EDIT:
			if (lw_inplace(cmd, k))
				return (1);
			break;
		case LK_FIND:
			if (lw_findout(cmd, k))
				return (1);
			break;
		default:
			return (1);
		}
	return (0);
}

/* Is f (n bytes, ./ aside) name b (l bytes) in directory d (dn
   bytes, or none)? */
static int
lw_under(const char *f, size_t n, const char *d, size_t dn, const char *b,
    size_t l)
{
	while (dn > 2 && d[0] == '.' && d[1] == '/')
		for (d += 2, dn -= 2; dn > 1 && d[0] == '/'; d++, dn--)
			;
	while (dn > 1 && d[dn - 1] == '/')
		dn--;
	if (d == NULL || dn == 0 || (dn == 1 && d[0] == '.'))
		return (l == n && memcmp(b, f, n) == 0);
	if (dn == 1 && d[0] == '/')
		dn = 0;		/* -P /: /x.sh */
	return (n == dn + 1 + l && memcmp(f, d, dn) == 0 && f[dn] == '/' &&
	    memcmp(f + dn + 1, b, l) == 0);
}

/*
 * Does command cmd fetch file f (n bytes) under a name its URL gives:
 * wget URL (wget2, aria2c, axel, fetch) saves the URL's last part, as
 * curl -O URL does, into the directory -P (--directory-prefix, curl's
 * --output-dir, aria2c's -d) names; git clone URL [DIR] makes DIR (by
 * default the URL's last part less .git), f a file under it.
 */
static int
fetch_names1(const struct shellparse_cmd *cmd, const char *f, size_t n)
{
	const struct shellparse_word *w;
	const char *t, *b, *dir = NULL, *q;
	uint32_t k, nops = 0;
	int prog = 0, named = 0, hit = 0, wantdir = 0, aria = 0;
	size_t l, dirn = 0;

	for (k = cmd->nassign; k < cmd->nwords; k++)
		if (memchr(cmd->words[k].text, ':', cmd->words[k].len))
			break;
	if (k == cmd->nwords)
		return (0);	/* no URL */
	while (n > 2 && f[0] == '.' && f[1] == '/')
		for (f += 2, n -= 2; n > 1 && f[0] == '/'; f++, n--)
			;
	for (k = cmd->nassign; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (prog == 0) {
			/* sudo wget URL: the program among the words */
			if (lw_prog(w, "|wget|wget2|aria2c|axel|fetch|"))
				prog = 1, named = 1, aria = lw_prog(w,
				    "|aria2c|");
			else if (lw_prog(w, "|curl|"))
				prog = 2;
			else if (lw_prog(w, "|git|"))
				prog = 3;
			continue;
		}
		if (wantdir) {
			/* wget -P DIR: DIR may be $d, any directory */
			wantdir = 0;
			if (shellparse_pattern(w) != NULL)
				dir = "*", dirn = 1;
			else
				dir = t, dirn = w->len;
			continue;
		}
		if (shellparse_pattern(w) != NULL)
			continue;
		if (prog == 3 && named == 0) {
			named = strcmp(t, "clone") == 0;
			continue;
		}
		if (t[0] == '-' && t[1] != '-' && t[1] != '\0') {
			/* wget -qO f: named by f; curl -sO: by the URL */
			if (strchr(t, 'O') != NULL && prog != 3)
				named = prog == 2;
			/* wget -P DIR, -qPDIR; aria2c -d DIR */
			if (prog == 1 && (q = strchr(t, aria ? 'd' : 'P')) !=
			    NULL) {
				if (q[1] == '\0')
					wantdir = 1;
				else
					dir = q + 1, dirn = strlen(q + 1);
			}
			continue;
		}
		if (t[0] == '-') {
			if (strncmp(t, "--output-document", 17) == 0)
				named = 0;
			else if (strncmp(t, "--remote-name", 13) == 0)
				named = 1;
			else if (prog != 3 &&
			    (strncmp(t, "--directory-prefix", 18) == 0 ||
			    strncmp(t, "--output-dir", 12) == 0 ||
			    (aria && (strcmp(t, "--dir") == 0 ||
			    strncmp(t, "--dir=", 6) == 0)))) {
				if ((q = strchr(t, '=')) != NULL)
					dir = q + 1, dirn = strlen(q + 1);
				else
					wantdir = 1;
			}
			continue;
		}
		if (prog == 3 && named && nops++ == 1) {
			/* git clone URL DIR */
			return (w->len > 0 && n > w->len &&
			    f[w->len] == '/' && memcmp(f, t, w->len) == 0);
		}
		if (memmem(t, w->len, "://", 3) == NULL &&
		    (prog != 3 || memchr(t, ':', w->len) == NULL))
			continue;
		l = url_last(t, &b, prog == 3);
		if (prog == 3) {
			if (named && l > 0 && n > l && f[l] == '/' &&
			    memcmp(f, b, l) == 0)
				return (1);
			continue;
		}
		if (dir != NULL && dirn == 1 && dir[0] == '*') {
			/* -P $d: any directory's file of the URL's name */
			if (lw_tail(f, n, b, l) || (l == n &&
			    memcmp(b, f, n) == 0))
				hit = 1;
		} else if (lw_under(f, n, dir, dirn, b, l))
			hit = 1;	/* by the URL, if named so */
	}
	return (prog != 3 && named && hit);
}

/* fetch_names1() for each name nm has. */
static int
fetch_names(const struct shellparse_cmd *cmd, const struct lwname *nm)
{
	if (nm->raw)
		return (0);
	return (fetch_names1(cmd, nm->f, nm->fn) || (nm->r != NULL &&
	    fetch_names1(cmd, nm->r, nm->rn)) || (nm->x != NULL &&
	    fetch_names1(cmd, nm->x, nm->xn)));
}

/*
 * File f (n bytes) as command ci names it, joined to the directory it
 * runs in, into nm.
 */
static void
lw_runner(struct ctx *c, uint32_t ci, const char *f, size_t n, int raw,
    struct lwname *nm)
{
	uint32_t mark = c->sp->cmds[ci].mark;
	const struct lwcwd *e;
	const char *d = NULL;
	char buf[1024], *o;
	size_t dn = 0, l;

	memset(nm, 0, sizeof(*nm));
	nm->f = f;
	nm->fn = n;
	nm->raw = raw == 1;
	if (nm->raw || !(mark & CM_CWDSET))
		return;		/* (not reached yet: file_fed()) */
	if (f[0] != '/' && f[0] != '~') {
		if (CM_CWD(mark) >= c->nlwcwd ||
		    (e = &c->lwcwd[CM_CWD(mark)])->any) {
			nm->tail = 1;	/* cd $d; sh f */
			return;
		}
		d = e->d;
		dn = e->n;
	}
	if (d == NULL && !path_odd(f, n))
		return;		/* r is f */
	if (dn + 1 + n + 2 > sizeof(buf) || (o = shellparse_alloc(c->sp,
	    dn + 1 + n + 2)) == NULL)
		return;
	l = 0;
	if (d != NULL) {
		memcpy(buf, d, dn);
		buf[dn] = '/';
		l = dn + 1;
	}
	memcpy(buf + l, f, n);
	l += n;
	if ((l = path_norm(buf, l, o, dn + 1 + n + 2)) == 0 ||
	    same_file(o, l, f, n))
		return;
	nm->r = o;
	nm->rn = l;
}

/*
 * Where command x (cwd index id, or LW_NCWD when it was not reached
 * yet) runs: the name file nm has there, into nm->x.
 */
static void
lw_wdir(const struct ctx *c, unsigned id, struct lwname *nm)
{
	const struct lwcwd *e;
	const char *r = nm->r != NULL ? nm->r : nm->f, *d;
	size_t rn = nm->r != NULL ? nm->rn : nm->fn, dn;

	nm->x = NULL;
	nm->wany = 0;
	if (nm->raw || id == LW_NCWD)
		return;
	if (id >= c->nlwcwd || c->lwcwd[id].any) {
		nm->wany = 1;	/* cd $d; echo ... > f */
		return;
	}
	e = &c->lwcwd[id];
	if ((d = e->d) == NULL)
		return;		/* the workspace: r as it is */
	for (dn = e->n; dn > 1 && d[dn - 1] == '/'; dn--)
		;
	if (dn == 1 && d[0] == '/')
		dn = 0;
	if (rn > dn + 1 && memcmp(r, d, dn) == 0 && r[dn] == '/') {
		nm->x = r + dn + 1;
		nm->xn = rn - dn - 1;
		if (same_file(nm->x, nm->xn, nm->f, nm->fn))
			nm->x = NULL;
	}
}

/*
 * The word of the program command cmd runs, wrappers followed (sudo
 * tee f, env cat f): its index, before word m (the one naming a file),
 * or cmd's first when there is none.
 */
static uint32_t
lw_program(const struct ctx *c, const struct shellparse_cmd *cmd,
    uint32_t m)
{
	const struct shellparse_word *w;
	const struct ient *e;
	const char *b;
	struct unwrap u;
	uint32_t k = cmd->nassign;
	int i;

	for (i = 0; i < 8 && k < m; i++) {
		w = &cmd->words[k];
		if (shellparse_pattern(w) != NULL)
			break;
		b = memrchr(w->text, '/', w->len);
		b = b != NULL ? b + 1 : w->text;
		if ((e = ilookup(c->rs, b, w->len - (size_t)(b - w->text))) ==
		    NULL || e->wrap == NULL)
			break;
		unwrap(cmd, k, cmd->nwords, e->wrap, &u);
		if (u.kind != UW_VIEW || u.start <= k || u.start >= m)
			break;
		k = u.start;
	}
	return (k);
}

/* Bloom filter: may a word of the line name s? */
static int
lw_once(const struct ctx *c, const char *s, size_t n)
{
	uint32_t h = lw_hash(s, n);

	return ((c->lwnames[(h >> 6) & 15] & (1ULL << (h & 63))) != 0);
}

/*
 * The operands of copier cmd, whose program is word p (cp, mv, ln,
 * install; rsync, scp): its sources into src (at most max; their count
 * returned), and where they go into *d (*dn bytes): the last operand,
 * or -t's value; NULL when every operand is a source.  *notdir: -T, the
 * last operand is the file itself, never a directory to copy into.
 */
static uint32_t
cp_operands(const struct shellparse_cmd *cmd, uint32_t p,
    const struct shellparse_word **src, uint32_t max, const char **d,
    size_t *dn, int *notdir)
{
	const struct shellparse_word *w, *last = NULL;
	const char *vals, *q;
	uint32_t k, n = 0;
	int endopts = 0, target = 0, want = 0, rsync;

	rsync = lw_prog(&cmd->words[p], "|rsync|");
	/* short options that take a value (rsync -t and scp -T are
	   flags) */
	vals = lw_prog(&cmd->words[p], "|scp|") ? "cFiJlOoPSD" :
	    rsync ? "eBfMT" : "tSmog";
	*d = NULL;
	*dn = 0;
	*notdir = 0;
	for (k = p + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (want) {
			/* -t DIR */
			if (want == 2) {
				*d = w->text;
				*dn = w->len;
				target = 1;
			}
			want = 0;
			continue;
		}
		if (!endopts && w->len == 2 && memcmp(w->text, "--", 2) == 0) {
			endopts = 1;
			continue;
		}
		if (!endopts && w->len > 1 && w->text[0] == '-') {
			if (w->text[1] == '-') {
				if (!rsync && strncmp(w->text,
				    "--target-directory", 18) == 0) {
					target = 1;
					if ((q = memchr(w->text, '=', w->len)) !=
					    NULL) {
						*d = q + 1;
						*dn = w->len - (size_t)(q + 1 -
						    w->text);
					} else
						want = 2;
				} else if (!rsync && strcmp(w->text,
				    "--no-target-directory") == 0)
					*notdir = 1;
				continue;
			}
			/* -vt DIR, -tDIR, -m 755, -T */
			for (q = w->text + 1; *q != '\0'; q++) {
				if (*q == 'T' && !rsync)
					*notdir = 1;
				if (strchr(vals, *q) == NULL)
					continue;
				if (q[1] == '\0')
					want = *q == 't' && !rsync &&
					    vals[0] == 't' ? 2 : 1;
				else if (*q == 't' && vals[0] == 't') {
					*d = q + 1;
					*dn = strlen(q + 1);
					target = 1;
				}
				break;
			}
			continue;
		}
		if (n < max)
			src[n++] = w;
		last = w;
	}
	if (!target && last != NULL && n > 0 && src[n - 1] == last) {
		n--;		/* the last is where they go */
		*d = last->text;
		*dn = last->len;
		if (shellparse_pattern(last) != NULL)
			*dn = 0;	/* $d: some directory */
	}
	return (n);
}

/*
 * Name s (l bytes) without ./ before it nor / after it: its last part
 * into *b (*bl bytes).
 */
static size_t
lw_strip(const char **s, size_t l, const char **b, size_t *bl)
{
	const char *t = *s, *q;

	while (l > 2 && t[0] == '.' && t[1] == '/')
		for (t += 2, l -= 2; l > 1 && t[0] == '/'; t++, l--)
			;
	while (l > 1 && t[l - 1] == '/')
		l--;
	*s = t;
	q = memrchr(t, '/', l);
	*b = q != NULL ? q + 1 : t;
	*bl = l - (size_t)(*b - t);
	return (l);
}

static uint32_t	line_writer(struct ctx *, uint32_t, uint32_t, uint32_t,
		    const char *, size_t, int, int *, int *);

/*
 * Is file g (gl bytes, ./ aside) directly in directory d (dn bytes),
 * its last part matched by glob pb?  That part into *r (*rn bytes).
 * Past the depth of copies followed, not looked at (*maybe 2).
 */
static int
lw_indir(struct ctx *c, const char *g, size_t gl, const char *d, size_t dn,
    const char *pb, const char **r, size_t *rn, int *maybe)
{
	const char *gb;
	size_t gn, gbl, pre = dn == 1 && d[0] == '/' ? 1 : dn + 1;

	if (g == NULL)
		return (0);
	gn = lw_strip(&g, gl, &gb, &gbl);
	if (gn <= pre || memcmp(g, d, pre - 1) != 0 || g[pre - 1] != '/' ||
	    memchr(g + pre, '/', gn - pre) != NULL || !gmatch(pb, g + pre,
	    gn - pre))
		return (0);
	if (c->lwdepth >= 3) {
		*maybe = 2;	/* not looked at */
		return (0);
	}
	*r = g + pre;
	*rn = gn - pre;
	return (1);
}

/*
 * Glob pat of copier x has directories that are globs (cp ?/x d/; sh
 * d/x): each name g[j] of the file run that is directly in d, its last
 * part rest matched by pat's last part pb, came from some D/rest that
 * pat matches.  The writer before x of each such name a word of a
 * command between lo and x gives (echo ... > a/x); else of a name no
 * word gives (curl URL | tar xz: lw_unnamed()), looked up as pat's
 * directories and rest.  NONE when there is none.
 */
static uint32_t __attribute__((noinline))
lw_copydirs(struct ctx *c, uint32_t ci, uint32_t x, uint32_t lo,
    const char *pat, const char *pb, const char *d, size_t dn,
    const char *const *g, const size_t *gl, int *how, int *maybe)
{
	const struct shellparse_cmd *cmd;
	const struct shellparse_word *w;
	const char *r, *gb, *ps, *ws, *wb;
	char *m;
	size_t rn, gbl, pn, wn, wbl, ml;
	uint32_t y, v, k, nw, left = 4096;
	int j;

	ps = pat;
	pn = lw_strip(&ps, strlen(pat), &gb, &gbl);
	for (j = 0; j < 3; j++) {
		if (!lw_indir(c, g[j], gl[j], d, dn, pb, &r, &rn, maybe))
			continue;
		/* names the line gives that pat matches, ending in rest */
		for (v = lo; v < x; v++) {
			if (v == ci)
				continue;
			cmd = &c->sp->cmds[v];
			nw = cmd->nwords + cmd->nredirs;
			for (k = 0; k < nw; k++) {
				if (left-- == 0) {
					*maybe = 2;	/* too many */
					return (NONE);
				}
				w = k < cmd->nwords ? &cmd->words[k] :
				    &cmd->redirs[k - cmd->nwords].target;
				if (w->len <= rn || shellparse_pattern(w) !=
				    NULL)
					continue;
				ws = w->text;
				wn = lw_strip(&ws, w->len, &wb, &wbl);
				if (wbl != rn || memcmp(wb, r,
				    wbl) != 0 || !gmatch(ps, ws, wn))
					continue;
				c->lwdepth++;
				y = line_writer(c, ci, x, lo, ws, wn, 0, how,
				    maybe);
				c->lwdepth--;
				if (y != NONE)
					return (y);
			}
		}
		/* a writer no word names: pat's directories, then rest */
		ml = (size_t)(pb - pat) + rn;
		if ((m = shellparse_alloc(c->sp, ml + 1)) == NULL)
			return (NONE);
		memcpy(m, pat, (size_t)(pb - pat));
		memcpy(m + (pb - pat), r, rn);
		m[ml] = '\0';
		ps = m;
		pn = lw_strip(&ps, ml, &gb, &gbl);
		c->lwdepth++;
		y = line_writer(c, ci, x, lo, ps, pn, 0, how, maybe);
		c->lwdepth--;
		if (y != NONE)
			return (y);
	}
	return (NONE);
}

/*
 * Copier x copied the files glob pat matches into directory d (dn
 * bytes): for each name g[j] (gl[j] bytes) of the file run that is
 * directly in d and that pat matches, the writer before x of the file
 * it came from (cp *.sh d/; sh d/a.sh: a.sh), or NONE.
 */
static uint32_t
lw_copyglob(struct ctx *c, uint32_t ci, uint32_t x, uint32_t lo,
    const char *pat, const char *d, size_t dn, const char *const *g,
    const size_t *gl, int *how, int *maybe)
{
	const char *pb, *r;
	char *m;
	size_t pd, rn, ml;
	uint32_t y;
	int j;

	pb = strrchr(pat, '/');
	pd = pb != NULL ? (size_t)(pb - pat) : 0;
	pb = pb != NULL ? pb + 1 : pat;
	if (memchr(pat, '*', pd) != NULL || memchr(pat, '?', pd) != NULL ||
	    memchr(pat, '[', pd) != NULL || memchr(pat, '\\', pd) != NULL)
		return (lw_copydirs(c, ci, x, lo, pat, pb, d, dn, g, gl, how,
		    maybe));	/* cp ?/x d/ */
	for (j = 0; j < 3; j++) {
		if (!lw_indir(c, g[j], gl[j], d, dn, pb, &r, &rn, maybe))
			continue;
		ml = (pd > 0 ? pd + 1 : pb > pat ? 1 : 0) + rn;
		if ((m = shellparse_alloc(c->sp, ml + 1)) == NULL)
			return (NONE);
		if (pd > 0 || pb > pat) {
			memcpy(m, pat, pd);	/* (/x.sh: pd 0) */
			m[pd] = '/';
			memcpy(m + pd + 1, r, rn);
		} else
			memcpy(m, r, rn);
		m[ml] = '\0';
		c->lwdepth++;
		y = line_writer(c, ci, x, lo, m, ml, 0, how, maybe);
		c->lwdepth--;
		if (y != NONE)
			return (y);
	}
	return (NONE);
}

/*
 * Does copier x put file nm into the directory it copies to?  cp s d/
 * (or cp s d, d a directory; cp -t d s) writes d/s: x, *how LW_DISK
 * (LW_NET for rsync and scp, whose sources are not followed).  cp -r
 * t d writes d/t/f, or d/f when there was no d, from t/f: the command
 * before x that wrote t/f, if one did (a copy of a copy of a copy is
 * not followed: *maybe 2).  NONE when it does not.
 */
static uint32_t __attribute__((noinline))
lw_copyinto(struct ctx *c, uint32_t ci, uint32_t x, uint32_t lo,
    const struct lwname *nm, int *how, int *maybe)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[x];
	const struct shellparse_word *src[16];
	const char *d, *s, *b, *g[3], *gs, *gb;
	char buf[1024], *m;
	size_t dn, sl, bl, gl[3], gn, gbl, ml, pre;
	uint32_t p, n, i, y;
	int notdir, j, form, net, dany = 0;

	p = lw_program(c, cmd, cmd->nwords);
	if (nm->raw || p >= cmd->nwords ||
	    !lw_progx(&cmd->words[p], lw_copiers, sizeof(lw_copiers) - 1))
		return (NONE);
	n = cp_operands(cmd, p, src, 16, &d, &dn, &notdir);
	if (d == NULL || notdir)
		return (NONE);
	net = lw_prog(&cmd->words[p], "|rsync|scp|");
	if (net && dn > 0 && (b = memchr(d, ':', dn)) != NULL &&
	    memchr(d, '/', (size_t)(b - d)) == NULL) {
		/* scp -r t host:d; ssh host sh d/t/s: d as the remote
		   user's home names it (host: is the home itself) */
		dn -= (size_t)(b + 1 - d);
		d = dn > 0 ? b + 1 : ".";
		if (dn == 0)
			dn = 1;
	}
	if (dn > 0)
		dn = lw_strip(&d, dn, &b, &bl);
	else
		dany = 1;	/* cp s $d */
	if (dn == 1 && d[0] == '.')
		dn = 0;		/* cp s .: s */
	g[0] = nm->f, gl[0] = nm->fn;
	g[1] = nm->r, gl[1] = nm->rn;
	g[2] = nm->x, gl[2] = nm->xn;
	for (i = 0; i < n; i++) {
		s = src[i]->text;
		sl = src[i]->len;
		if ((gs = shellparse_pattern(src[i])) != NULL &&
		    !lw_var(c, s, sl, &s, &sl)) {
			/* cp *.sh d/; sh d/a.sh: d/a.sh from a.sh ($x:
			   any file) */
			if (memchr(s, '$', sl) != NULL ||
			    memchr(s, '`', sl) != NULL)
				gs = "*";
			if (!net && !dany && dn > 0 &&
			    (y = lw_copyglob(c, ci, x, lo, gs, d, dn, g, gl,
			    how, maybe)) != NONE)
				return (y);
			continue;
		}
		if (sl == 0 || (net && memchr(s, ':', sl) != NULL))
			continue;	/* host:f */
		sl = lw_strip(&s, sl, &b, &bl);
		if (bl == 0 || (bl == 1 && b[0] == '.') ||
		    (bl == 2 && b[0] == '.' && b[1] == '.') ||
		    (sl == 1 && s[0] == '/'))
			bl = 0;		/* cp -r t/. d: what t holds */
		/* the file: d/s ($d/s: s in any directory) */
		if (bl > 0 && dany && (same_file(nm->f, nm->fn, b, bl) ||
		    lw_tail(nm->f, nm->fn, b, bl) || (nm->r != NULL &&
		    lw_tail(nm->r, nm->rn, b, bl)))) {
			*how = net ? LW_NET : LW_DISK;
			return (x);
		}
		if (bl > 0 && !dany && dn + 1 + bl <= sizeof(buf)) {
			ml = 0;
			if (dn > 0 && !(dn == 1 && d[0] == '/')) {
				memcpy(buf, d, dn);
				ml = dn;
			}
			if (dn > 0)
				buf[ml++] = '/';
			memcpy(buf + ml, b, bl);
			ml += bl;
			if (lw_eq(nm, buf, ml)) {
				*how = net ? LW_NET : LW_DISK;
				return (x);
			}
		}
		/* a tree: d/t/f or d/f, from t/f */
		if (dn == 0 || dany)
			continue;
		for (j = 0; j < 3; j++) {
			if ((gs = g[j]) == NULL)
				continue;
			gn = lw_strip(&gs, gl[j], &gb, &gbl);
			for (form = 0; form < 2; form++) {
				if (form == 0 && bl == 0)
					continue;
				pre = dn + 1 + (form == 0 ? bl + 1 : 0);
				if (dn == 1 && d[0] == '/')
					pre--;
				if (gn <= pre || (dn > 1 || d[0] != '/' ?
				    memcmp(gs, d, dn) != 0 || gs[dn] != '/' :
				    gs[0] != '/') || (form == 0 &&
				    (memcmp(gs + pre - bl - 1, b, bl) != 0 ||
				    gs[pre - 1] != '/')))
					continue;
				if (c->lwdepth >= 3) {
					*maybe = 2;	/* not looked at */
					continue;
				}
				ml = sl + 1 + gn - pre;
				if ((m = shellparse_alloc(c->sp, ml + 1)) == NULL)
					return (NONE);
				memcpy(m, s, sl);
				m[sl] = '/';
				memcpy(m + sl + 1, gs + pre, gn - pre);
				m[ml] = '\0';
				c->lwdepth++;
				y = line_writer(c, ci, x, lo, m, ml, 0, how,
				    maybe);
				c->lwdepth--;
				if (y != NONE)
					return (y);
			}
		}
	}
	return (NONE);
}

#define XF_NAMED	0	/* a file */
#define XF_INPUT	1	/* the input: -, /dev/stdin */
#define XF_PROCSUB	2	/* another descriptor, a <( ) */

/* A file name that is the input (/dev/stdin), another descriptor
   (/dev/fd/3, what a <( ) gives), or a file. */
static int
fd_path(const char *v, size_t n)
{
	if ((n == 10 && memcmp(v, "/dev/stdin", 10) == 0) ||
	    (n == 9 && memcmp(v, "/dev/fd/0", 9) == 0) ||
	    (n == 15 && memcmp(v, "/proc/self/fd/0", 15) == 0))
		return (XF_INPUT);
	if ((n > 8 && memcmp(v, "/dev/fd/", 8) == 0) ||
	    (n > 14 && memcmp(v, "/proc/self/fd/", 14) == 0))
		return (XF_PROCSUB);	/* 3< file: not known either */
	return (XF_NAMED);
}

/* Is there an interpreter (python3 -c CODE), or a copy of what a
   command reads (dd of=f, install /dev/stdin f), before command ci?
   lw_writes() passes them by.  The first is c->lwcfirst, once looked
   for that far. */
static int
lw_coded(struct ctx *c, uint32_t ci)
{
	const struct shellparse_cmd *cmd;
	const struct shellparse_word *w;
	uint32_t k;

	for (; c->lwcfirst == NONE && c->lwcscan < ci &&
	    c->lwcscan < c->sp->ncmds; c->lwcscan++) {
		cmd = &c->sp->cmds[c->lwcscan];
		if (cmd->nwords < cmd->nassign + 2)
			continue;
		/* the program, wrappers followed (sudo python3 -c) */
		k = lw_program(c, cmd, cmd->nwords);
		if (k + 1 >= cmd->nwords)
			continue;
		w = &cmd->words[k];
		if ((w->len == 2 && memcmp(w->text, "dd", 2) == 0) ||
		    lw_coder(w) || (lw_extractor(w) && lw_extracting(cmd, k))) {
			c->lwcfirst = c->lwcscan;
			break;
		}
		/* install -D /dev/stdin f */
		for (k++; k < cmd->nwords; k++)
			if ((cmd->words[k].len == 9 || cmd->words[k].len == 10 ||
			    cmd->words[k].len == 15) &&
			    fd_path(cmd->words[k].text, cmd->words[k].len) ==
			    XF_INPUT)
				break;
		if (k < cmd->nwords) {
			c->lwcfirst = c->lwcscan;
			break;
		}
	}
	return (c->lwcfirst < ci);
}

static int
lw_namech(char ch)
{
	return ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-');
}

/* Does text t (n bytes, of word w) hold name b (bl bytes) as a name of
   its own (open('s'), not sys)? */
static int
lw_codename(const struct shellparse_word *w, const char *t, size_t n,
    const char *b, size_t bl)
{
	const char *e = t + n, *q;

	for (; (q = memmem(t, (size_t)(e - t), b, bl)) != NULL; t = q + 1)
		if ((q == w->text || !lw_namech(q[-1])) &&
		    (q + bl == e || !lw_namech(q[bl])))
			return (1);
	return (0);
}

/*
 * Is cmd an interpreter given code on the line (python3 -c, node -e,
 * awk PROG, sed 'w f') with file nm's last part in that code?  Its
 * code may write the file: what it holds is not known.
 */
static int __attribute__((noinline))
lw_codewrite(struct ctx *c, const struct shellparse_cmd *cmd,
    const struct lwname *nm)
{
	const struct shellparse_word *w;
	const char *f, *b, *t, *opts, *vals, *pb;
	size_t bl, l, i, pl;
	uint32_t p, k;
	int prog, want = 0;

	if (nm->raw)
		return (0);
	p = lw_program(c, cmd, cmd->nwords);
	if (p >= cmd->nwords || !lw_coder(&cmd->words[p]))
		return (0);
	f = nm->f;
	(void)lw_strip(&f, nm->fn, &b, &bl);
	if (bl == 0)
		return (0);
	/* bin/ls, for a program looked up in the PATH (not any ls) */
	if (c->lwpathrun && b > f + 1 && (t = memrchr(f, '/',
	    (size_t)(b - 1 - f))) != NULL) {
		bl += (size_t)(b - t - 1);
		b = t + 1;
	}
	/* awk and sed: the first operand is the program, unless -f (-e)
	   gave one; the others: the value of a code option */
	w = &cmd->words[p];
	if ((pb = lw_base(w, &pl)) == NULL)
		return (0);
	prog = 1;
	vals = "";		/* options whose value is the next word */
	if (lw_prog(w, "|awk|gawk|mawk|nawk|goawk|original-awk|"))
		opts = "e", vals = "fvF";
	else if (lw_prog(w, "|sed|gsed|"))
		opts = "e", vals = "fl";
	else {
		prog = 0;
		if (lw_prog(w, "|php|"))
			opts = "r";
		else if ((pl >= 4 && memcmp(pb, "pypy", 4) == 0) ||
		    (pl >= 6 && memcmp(pb, "python", 6) == 0) ||
		    lw_prog(w, "|pwsh|powershell|"))
			opts = "c";
		else
			opts = "eEp";	/* perl -E, node -p */
	}
	for (k = p + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (want) {
			if (want == 2 && lw_codename(w, t, l, b, bl))
				return (1);
			want = 0;
			continue;
		}
		if (l > 1 && t[0] == '-') {
			if (t[1] == '-') {
				/* --eval CODE, --expression=CODE */
				if (strncmp(t, "--eval", 6) == 0 ||
				    strncmp(t, "--print", 7) == 0 ||
				    strncmp(t, "--expression", 12) == 0 ||
				    strncmp(t, "--command", 9) == 0 ||
				    strncmp(t, "--source", 8) == 0) {
					prog = 0;
					if (memchr(t, '=', l) != NULL) {
						if (lw_codename(w, t, l, b,
						    bl))
							return (1);
					} else
						want = 2;
				} else if (strncmp(t, "--file", 6) == 0)
					prog = 0;
				continue;
			}
			/* -c CODE, -cCODE, -ne CODE; awk -f FILE, -v x=1 */
			for (i = 1; i < l; i++) {
				if (strchr(opts, t[i]) != NULL) {
					prog = 0;
					if (i + 1 < l)
						return (lw_codename(w, t + i +
						    1, l - i - 1, b, bl));
					want = 2;
					break;
				}
				if (t[i] == 'f')
					prog = 0;
				if (strchr(vals, t[i]) != NULL) {
					if (i + 1 == l)
						want = 1;	/* its value */
					break;
				}
			}
			continue;
		}
		if (prog)
			return (lw_codename(w, t, l, b, bl));
		break;		/* the script's arguments */
	}
	return (0);
}

static int	lw_fname(struct ctx *, const struct shellparse_word *,
		    const char **, size_t *, int *);

/*
 * Does command x extract an archive, or apply a patch, that the line
 * gave it (curl URL | tar xz, curl -o x.zip URL; unzip x.zip, git
 * apply p.diff after > p.diff), so that it may write file nm, whose
 * text is then not known?  One given a file of the system is not
 * followed (tar xf /opt/x.tgz: files of the system too).  A name from
 * / is only one under the directory it extracts into (-C, -d).
 */
static int __attribute__((noinline))
lw_extract(struct ctx *c, uint32_t x, const struct lwname *nm)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[x];
	const struct shellparse_redir *r;
	const struct shellparse_word *w, *arch = NULL;
	struct shellparse_word v;
	const char *b, *t, *q, *dir = NULL, *fn;
	size_t bl, l, i, dirn = 0, fl;
	uint32_t p, k, y, ops = 0;
	int kind, want = 0, ext = 0, how = 0, maybe = 0, raw;

	p = lw_program(c, cmd, cmd->nwords);
	if (nm->raw || p >= cmd->nwords || !lw_extractor(&cmd->words[p]))
		return (0);
	if ((b = lw_base(&cmd->words[p], &bl)) == NULL)
		return (0);
#define EX_IS(s)	(bl == sizeof(s) - 1 && memcmp(b, s, bl) == 0)
	if (EX_IS("tar") || EX_IS("bsdtar") || EX_IS("gtar") || EX_IS("jar"))
		kind = 1;	/* x in the mode; f FILE, else its input */
	else if (EX_IS("unzip"))
		kind = 2, ext = 1;	/* the first operand; -d DIR */
	else if (EX_IS("7z") || EX_IS("7za") || EX_IS("7zr") ||
	    EX_IS("unrar") || EX_IS("ar") || EX_IS("dpkg") ||
	    EX_IS("dpkg-deb") || EX_IS("rpm2archive"))
		kind = 3;	/* x (e, -x, -X, -R) then the archive */
	else if (EX_IS("cpio") || EX_IS("bsdcpio"))
		kind = 4;	/* -i: its input; -F FILE */
	else if (EX_IS("git"))
		kind = 5;	/* git apply FILE, git am: the patch */
	else if (EX_IS("patch"))
		kind = 6, ext = 1;	/* -i FILE, else its input; -d DIR */
	else {
		/* gunzip f.gz, xz -d f.xz: f */
		kind = 7;
		ext = EX_IS("gunzip") || (bl > 2 && b[0] == 'u' &&
		    b[1] == 'n');
	}
#undef EX_IS
	memset(&v, 0, sizeof(v));
	for (k = p + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (want) {
			if (want == 1)
				arch = w;
			else
				dir = t, dirn = l;
			want = 0;
			continue;
		}
		if (kind == 5) {
			/* git apply [options] FILE..., git am */
			if (ops++ == 0) {
				if (strcmp(t, "apply") != 0 &&
				    strcmp(t, "am") != 0)
					return (0);
				ext = 1;
			} else if (t[0] != '-' && arch == NULL)
				arch = w;
			continue;
		}
		if (l > 1 && t[0] == '-' && t[1] == '-') {
			if (strncmp(t, "--extract", 9) == 0 ||
			    strncmp(t, "--get", 5) == 0 ||
			    strncmp(t, "--decompress", 12) == 0 ||
			    strncmp(t, "--uncompress", 12) == 0)
				ext = 1;
			if (strncmp(t, "--file", 6) == 0 ||
			    strncmp(t, "--input", 7) == 0) {
				if ((q = memchr(t, '=', l)) == NULL)
					want = 1;
				else if (shellparse_pattern(w) != NULL)
					return (1);	/* --file=$f */
				else {
					v.text = q + 1;
					v.len = l - (size_t)(q + 1 - t);
					arch = &v;
				}
			} else if (strncmp(t, "--directory", 11) == 0) {
				if ((q = memchr(t, '=', l)) != NULL)
					dir = q + 1, dirn = l -
					    (size_t)(q + 1 - t);
				else
					want = 2;
			}
			continue;
		}
		if (l > 1 && t[0] == '-') {
			for (i = 1; i < l; i++) {
				if (t[i] == 'x' || (kind == 4 && t[i] == 'i') ||
				    (kind == 7 && t[i] == 'd') || (kind == 3 &&
				    (t[i] == 'X' || t[i] == 'R')))
					ext = 1;
				if ((kind == 1 && t[i] == 'f') || (kind == 6 &&
				    t[i] == 'i') || (kind == 4 && t[i] == 'F')) {
					if (i + 1 == l)
						want = 1;
					else if (shellparse_pattern(w) != NULL)
						return (1);	/* -f$f */
					else {
						v.text = t + i + 1;
						v.len = l - i - 1;
						arch = &v;
					}
					break;
				}
				if ((kind == 1 && t[i] == 'C') ||
				    (kind == 2 && t[i] == 'd') ||
				    (kind == 6 && t[i] == 'd')) {
					if (i + 1 == l)
						want = 2;
					else
						dir = t + i + 1, dirn = l - i - 1;
					break;
				}
			}
			continue;
		}
		if (kind == 1) {
			/* tar xzf FILE: old options, f's value next */
			if (ops++ == 0 && k == p + 1 && strspn(t,
			    "AcdrtuxzjJvpPfkmowlOSMbBiGgKNRTWhLCVX") == l) {
				if (memchr(t, 'x', l) != NULL)
					ext = 1;
				if (memchr(t, 'f', l) != NULL)
					want = 1;
			}
			continue;	/* members to extract */
		}
		if (kind == 3 && !ext && arch == NULL) {
			/* 7z x A, unrar e A, ar x A, dpkg -x A D */
			if (strcmp(t, "x") == 0 || strcmp(t, "e") == 0 ||
			    strcmp(t, "xv") == 0 || strcmp(t, "xo") == 0)
				ext = 1;
			continue;
		}
		if (arch == NULL && kind != 4 && kind != 6)
			arch = w;	/* unzip A, 7z x A, gunzip f.gz */
	}
	if (!ext)
		return (0);
	/* a name from / only under the directory given */
	if (nm->f[0] == '/' && (dir == NULL || (dirn > 0 && dir[0] != '$' &&
	    (nm->fn <= dirn || memcmp(nm->f, dir, dirn) != 0))))
		return (0);
	if (arch == NULL || (shellparse_pattern(arch) == NULL &&
	    (fd_path(arch->text, arch->len) == XF_INPUT || (arch->len == 1 &&
	    arch->text[0] == '-')))) {
		/* its input: a pipe, or a redirection */
		if (kind == 2 || kind == 3 || kind == 7)
			return (0);	/* (none of their own) */
		for (y = x; y-- > 0; )
			if (c->sp->cmds[y].next == x)
				return (1);	/* curl URL | tar xz */
		arch = NULL;
		for (k = 0; k < cmd->nredirs; k++) {
			r = &cmd->redirs[k];
			if ((r->fd != -1 && r->fd != 0) ||
			    (r->op != SHELLPARSE_R_HEREDOC &&
			    r->op != SHELLPARSE_R_HERESTR &&
			    r->op != SHELLPARSE_R_IN))
				continue;
			if (r->op != SHELLPARSE_R_IN)
				return (1);	/* git apply <<EOF */
			arch = &r->target;
		}
		if (arch == NULL)
			return (0);	/* the call's own input */
	}
	if (!lw_fname(c, arch, &fn, &fl, &raw))
		return (1);	/* tar xf *.tgz: not known */
	if (c->lwdepth >= 3)
		return (1);
	c->lwdepth++;
	y = line_writer(c, x, x, 0, fn, fl, raw, &how, &maybe);
	c->lwdepth--;
	return (y != NONE || maybe == 2);
}

/* May command x write file nm though no word of it names it: code on
   the line, an archive or a patch (lw_coded() found one)? */
static int
lw_unnamed(struct ctx *c, uint32_t x, const struct lwname *nm)
{
	return (lw_codewrite(c, &c->sp->cmds[x], nm) || lw_extract(c, x, nm));
}

/* lw_unnamed() of each command from before's down to lo, past the
   first lw_coded() found: the last that may write file nm (*how
   LW_NET). */
static uint32_t __attribute__((noinline))
lw_codescan(struct ctx *c, uint32_t ci, uint32_t before, uint32_t lo,
    const struct lwname *nm, int *how)
{
	uint32_t x;

	if (lo < c->lwcfirst)
		lo = c->lwcfirst;
	for (x = before; x-- > lo; )
		if (x != ci && lw_unnamed(c, x, nm)) {
			*how = LW_NET;
			return (x);
		}
	return (NONE);
}

/*
 * The command before `before' (not one whose substitution ci is in)
 * that last wrote file f (n bytes, as ci names it; raw as lw_fname()
 * gives it), and how (*how): NONE if no command of the line names it.
 */
static uint32_t
line_writer(struct ctx *c, uint32_t ci, uint32_t before, uint32_t lo,
    const char *f, size_t n, int raw, int *how, int *maybe)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *cmd;
	const struct shellparse_redir *r;
	const struct shellparse_word *w;
	struct lwname nm;
	uint32_t x, k, a, m, p, fb = NONE;
	unsigned id = LW_NCWD + 1, xid;
	int tee, app, i, fetch, kind, coded;

	if (n == 0 || before > sp->ncmds || ci >= sp->ncmds)
		return (NONE);
	lw_runner(c, ci, f, n, raw, &nm);
	/* no other command names it: not one after a cd, nor a word
	   with expansions or its value, nor its name from the directory
	   it runs in (the filter has words as written, and values) */
	coded = lw_coded(c, before);
	if (!raw && c->nlwcwd <= 1 && !lw_twice(c, f, n) &&
	    (nm.r == NULL || !lw_once(c, nm.r, nm.rn)) && !lw_aout(f, n)) {
		/* python3 -c "open('s', 'w')"; sh s: s is no word */
		if (coded)
			return (lw_codescan(c, ci, before, lo, &nm, how));
		return (NONE);
	}
	for (x = before; x-- > lo; ) {
		if (x == ci)
			continue;
		xid = (sp->cmds[x].mark & CM_CWDSET) ?
		    CM_CWD(sp->cmds[x].mark) : LW_NCWD;
		if (xid != id) {
			lw_wdir(c, xid, &nm);
			id = xid;
		}
		for (a = sp->cmds[ci].parent, i = 0; a != NONE &&
		    a < sp->ncmds && a != x && i < 64; i++)
			a = sp->cmds[a].parent;
		if (a == x)
			continue;	/* echo $(sh f) > f: runs first */
		cmd = &sp->cmds[x];
		if (c->lwleft < 1 + cmd->nwords + cmd->nredirs) {
			*maybe = 2;	/* too long a line to look back over */
			return (NONE);
		}
		c->lwleft -= 1 + cmd->nwords + cmd->nredirs;
		if (fetch_names(cmd, &nm)) {
			*how = LW_NET;	/* wget URL/f.sh; sh f.sh */
			return (x);
		}
		for (k = 0; k < cmd->nredirs; k++) {
			r = &cmd->redirs[k];
			if (r->op == SHELLPARSE_R_IN ||
			    r->op == SHELLPARSE_R_DUPIN ||
			    r->op == SHELLPARSE_R_HEREDOC ||
			    r->op == SHELLPARSE_R_HERESTR ||
			    (i = word_names(c, &r->target, &nm)) == 0)
				continue;
			if (i < 0) {
				*maybe = 1;	/* > $x: f, or another */
				continue;
			}
			if (((r->fd == -1 || r->fd == 1) &&
			    (r->op == SHELLPARSE_R_OUT ||
			    r->op == SHELLPARSE_R_CLOBBER ||
			    r->op == SHELLPARSE_R_APPEND)) ||
			    r->op == SHELLPARSE_R_ALL ||
			    r->op == SHELLPARSE_R_ALLAPPEND)
				*how = r->op == SHELLPARSE_R_APPEND ||
				    r->op == SHELLPARSE_R_ALLAPPEND ?
				    LW_APPEND : LW_TRUNC;
			else
				*how = LW_NET;	/* 2> f, <> f */
			return (x);
		}
		if ((cmd->flags & SHELLPARSE_C_KEYWORD) ||
		    cmd->nwords <= cmd->nassign)
			continue;
		for (m = cmd->nassign + 1; m < cmd->nwords; m++) {
			if ((i = word_names(c, &cmd->words[m], &nm)) > 0)
				break;
			if (i < 0)
				*maybe = 1;
		}
		if (m == cmd->nwords) {
			/* echo ... > x.c; cc x.c; ./a.out */
			if (lw_aout(nm.f, nm.fn) && (p = lw_program(c, cmd,
			    cmd->nwords)) < cmd->nwords &&
			    lw_kind(&cmd->words[p]) == LK_CC &&
			    cc_fed(c, x, p)) {
				*how = LW_NET;
				return (x);
			}
			/* cp s d/; sh d/s */
			if (c->lwcopy && (p = lw_copyinto(c, ci, x, lo, &nm,
			    how, maybe)) != NONE)
				return (p);
			/* python3 -c "open('s', 'w')..."; sh s */
			if (coded && x >= c->lwcfirst &&
			    lw_unnamed(c, x, &nm)) {
				*how = LW_NET;
				return (x);
			}
			continue;
		}
		w = &cmd->words[(p = lw_program(c, cmd, m))];
		if ((kind = lw_kind(w)) == LK_TEE) {
			/* tee [-aip] FILE...: each operand is written */
			tee = 1;
			app = 0;
			for (k = p + 1; k < cmd->nwords; k++) {
				w = &cmd->words[k];
				if (shellparse_pattern(w) != NULL)
					tee = 0;
				else if (strcmp(w->text, "-a") == 0 ||
				    strcmp(w->text, "--append") == 0)
					app = 1;
				else if (w->text[0] == '-' &&
				    strcmp(w->text, "-i") != 0 &&
				    strcmp(w->text, "-p") != 0)
					tee = 0;
			}
			*how = !tee ? LW_NET : app ? LW_TEEAPPEND : LW_TEE;
			return (x);
		}
		if (lw_prog(w, lw_readers))
			continue;
		/* find -fprintf f FMT, -fprint f: names it found, in a
		   form that may be code; not known before it runs */
		if (kind == LK_FIND && m > p + 1 && in_list_abbr(lw_findouts,
		    cmd->words[m - 1].text, cmd->words[m - 1].len, 1)) {
			*how = LW_NET;
			return (x);
		}
		if (kind == LK_EDIT && (i = lw_inplace(cmd, p)) != 0) {
			/* sed -i s/x/y/ f: what it puts in; perl -pi code */
			*how = i == 1 ? LW_EDIT : LW_NET;
			return (x);
		}
		/* sudo curl -o f: a fetcher among the words before f */
		for (k = cmd->nassign, fetch = 0; k < m && !fetch; k++)
			switch (lw_kind(&cmd->words[k])) {
			case LK_FETCH:
				fetch = 1;
				break;
			case LK_FETCHLAST:
				fetch = 2;
				break;
			}
		if (!fetch && lw_prog(w, lw_copiers)) {
			*how = LW_DISK;	/* cp x f: x's text */
			return (x);
		}
		/* cc -o f x.c, x.c the line's: a program of its code */
		if (!fetch && lw_kind(w) == LK_CC && cc_fed(c, x, p)) {
			*how = LW_NET;
			return (x);
		}
		if (!fetch) {
			/* cc -o f, dos2unix f, foo f: it may write f, or
			   leave what a command before it wrote there */
			if (fb == NONE)
				fb = x;
			continue;
		}
		w = &cmd->words[m - 1];
		if ((fetch == 2 && m + 1 == cmd->nwords) ||
		    memchr(cmd->words[m].text, '=', cmd->words[m].len) ||
		    cmd->words[m].text[0] == '-' ||
		    (shellparse_pattern(w) == NULL && (in_list_abbr(lw_outopts,
		    w->text, w->len, 1) || (w->len > 1 && w->text[0] == '-' &&
		    w->text[1] != '-' && (w->text[w->len - 1] == 'o' ||
		    w->text[w->len - 1] == 'O'))))) {
			*how = LW_NET;	/* curl -o f, wget -qO f */
			return (x);
		}
		/* curl URL, curl -T f: it reads f */
	}
	if (fb != NONE)
		*how = LW_DISK;	/* text of files, as one not written */
	return (fb);
}

/*
 * Does compiler command x (its program word p) build from a source file
 * the line wrote before it (echo ... > x.c; cc -o x x.c)?  Its output
 * is then a program of the line's code, not known before it runs.
 */
static int
cc_fed(struct ctx *c, uint32_t x, uint32_t p)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[x];
	const struct shellparse_word *w;
	uint32_t k;
	int how, maybe;

	for (k = p + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (w->len == 0 || shellparse_pattern(w) != NULL)
			continue;
		/* gcc -x c - <<< CODE: its input's code */
		if ((w->len == 1 && w->text[0] == '-') ||
		    fd_path(w->text, w->len) == XF_INPUT)
			return (1);
		if (w->text[0] == '-') {
			/* -o f, -I d, -x c: the next word is its value */
			if (w->len == 2 && strchr("oIDLlxuUT", w->text[1]) !=
			    NULL)
				k++;
			continue;
		}
		how = maybe = 0;
		if (line_writer(c, x, x, 0, w->text, w->len, 0, &how,
		    &maybe) != NONE && how != LW_DISK)
			return (1);
		if (maybe == 2 || c->nomem)
			return (1);
	}
	return (0);
}

/*
 * Past the separators before a sed command and its addresses (1, $,
 * /re/, \%re%, a,b, first~step) and !: at its letter, or e.
 */
static const char *
sed_addrs(const char *p, const char *e)
{
	char d;
	int k;

	while (p < e && strchr(" \t\n;", *p) != NULL)
		p++;
	for (k = 0; k < 2 && p < e; k++) {
		if (*p >= '0' && *p <= '9') {
			while (p < e && ((*p >= '0' && *p <= '9') ||
			    *p == '~'))
				p++;
		} else if (*p == '$')
			p++;
		else if (*p == '/' || (*p == '\\' && p + 1 < e)) {
			d = *p == '/' ? '/' : p[1];
			for (p += *p == '/' ? 1 : 2; p < e && *p != d; p++)
				if (*p == '\\' && p + 1 < e)
					p++;
			p++;
			while (p < e && (*p == 'I' || *p == 'M'))
				p++;
		}
		if (p < e && *p == ',')
			p++;
		else
			break;
	}
	while (p < e && (*p == ' ' || *p == '\t' || *p == '!'))
		p++;
	return (p < e ? p : e);
}

/* What a sed script (n bytes at s) puts in a file: the text of a, i
   and c, and of s's replacement, each a piece ended by a NUL, into f.
   Anything else that brings text (y, r, R, e, s///e) makes it not
   known. */
static void
sed_puts(const char *s, size_t n, struct feed *f)
{
	const char *e = s + n, *p = s, *q;
	char d, ch;
	int k;

	while (p < e && !f->opaque) {
		if ((p = sed_addrs(p, e)) >= e)
			break;
		switch (*p) {
		case 'a': case 'i': case 'c':
			/* a text, a\ NL text: to a line not ended by \ */
			for (p++; p < e && (*p == ' ' || *p == '\t'); p++)
				;
			if (p < e && *p == '\\')
				p++;
			if (p < e && *p == '\n')
				p++;
			for (; p < e && *p != '\n'; p++) {
				if (*p == '\\' && p + 1 < e)
					p++;
				ch = *p;
				feed_put(f, &ch, 1);
			}
			feed_put(f, "", 1);
			break;
		case 's':
			if (p + 1 >= e || p[1] == '\n' || p[1] == '\\') {
				f->opaque = 1;
				return;
			}
			d = p[1];
			for (k = 0, p += 2; p < e && k < 2; p++) {
				if (*p == '\\' && p + 1 < e) {
					if (k == 1) {
						/* \d, \n, \\: the byte */
						ch = p[1] == 'n' ? '\n' : p[1];
						feed_put(f, &ch, 1);
					}
					p++;
				} else if (*p == d)
					k++;
				else if (k == 1)
					feed_put(f, p, 1);
			}
			feed_put(f, "", 1);
			for (; p < e && strchr("gpiImMe0123456789", *p) !=
			    NULL; p++)
				if (*p == 'e')
					f->opaque = 1;
			if (p < e && *p == 'w')
				for (; p < e && *p != '\n'; p++)
					;
			break;
		case 'y': case 'r': case 'R': case 'e':
			f->opaque = 1;
			return;
		case 'w': case 'W': case '#': case ':': case 'b': case 't':
		case 'T':
			/* a name or a label to the line's end (or ;) */
			for (q = p; q < e && *q != '\n' && (*q != ';' ||
			    *p == 'w' || *p == 'W' || *p == '#'); q++)
				;
			p = q;
			break;
		default:
			p++;
			break;
		}
	}
}

/* sed -i's scripts, joined by newlines as GNU sed joins them (-e
   'a\\' -e TEXT is a TEXT). */
struct sedjoin {
	char	buf[4096];
	size_t	n;
	int	opaque;
};

/* sed_walk()'s fn: a script sed -i runs, onto the others; one made
   when the line runs ($x), or too long, is not known. */
static int
sed_join(void *arg, const struct shellparse_word *w, const char *t,
    size_t n)
{
	struct sedjoin *sj = arg;

	if (shellparse_pattern(w) != NULL || n + 1 > sizeof(sj->buf) - sj->n)
		return ((sj->opaque = 1));
	memcpy(sj->buf + sj->n, t, n);
	sj->buf[sj->n + n] = '\n';
	sj->n += n + 1;
	return (0);
}

/*
 * The file name word w gives, for line_writer(): its text; the value
 * of a $NAME the call sets once (f=x.sh; sh $f); else the text of one
 * with expansions, which only the same text names (sh "$f").  0 for a
 * glob (sh *.sh) or no name.  *raw: 0 its text, 1 text with
 * expansions, 2 a value.
 */
static int
lw_fname(struct ctx *c, const struct shellparse_word *w, const char **f,
    size_t *n, int *raw)
{
	char home[1024], *t;
	const char *os, *op;
	size_t l, on;

	*raw = 0;
	*f = w->text;
	*n = w->len;
	if (w->len == 0)
		return (0);
	if (shellparse_pattern(w) == NULL) {
		if (w->text[0] == '~' && (l = lw_pwd(c, w->text, w->len, home,
		    sizeof(home))) > 0 && (t = shellparse_alloc(c->sp, l +
		    1)) != NULL) {
			memcpy(t, home, l + 1);	/* ~+/s: ./s */
			*f = t;
			*n = l;
		}
		return (1);
	}
	if (memchr(w->text, '$', w->len) == NULL)
		return (0);
	*raw = lw_var(c, w->text, w->len, f, n) ? 2 : 1;
	if (*raw == 1 && (l = lw_expand(c, w->text, w->len, home,
	    sizeof(home))) > 0 && (t = shellparse_alloc(c->sp, l + 1)) !=
	    NULL) {
		memcpy(t, home, l + 1);	/* sh $HOME/s: ~/s */
		*f = t;
		*n = l;
		*raw = 2;
	} else if (*raw == 1 && word_subst(c, w->text, w->len,
	    shellparse_pattern(w), &os, &on, &op) && op == NULL && on > 0) {
		*f = os;		/* x=s; sh ./$x: ./s */
		*n = on;
		*raw = 2;
	}
	return (1);
}

static int	feed_file(struct ctx *, uint32_t, uint32_t,
		    const struct shellparse_word *, struct feed *, int);

/*
 * Copier x (cp, mv, ln, install; dd if=) put in the file what its
 * sources hold: those the line wrote before it are fed into f (echo
 * ... > s; cp s t; sh t).  1 when one was, else 0.
 */
static void	feed_input(struct ctx *, uint32_t, struct feed *, int);

/*
 * The file dd (command cmd, its program word p) copies: 1 with its name
 * in *v (if=FILE), 0 when it copies its input (no if=, if=/dev/stdin),
 * -1 when if= names one not known (if=$f).
 */
static int
dd_source(const struct shellparse_cmd *cmd, uint32_t p,
    struct shellparse_word *v)
{
	const struct shellparse_word *w;
	uint32_t k;

	for (k = p + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (w->len < 3 || memcmp(w->text, "if=", 3) != 0)
			continue;
		if (shellparse_pattern(w) != NULL)
			return (-1);
		v->text = w->text + 3;
		v->len = w->len - 3;
		v->flags = 0;
		return (fd_path(v->text, v->len) == XF_INPUT ? 0 : 1);
	}
	return (0);
}

static int
copy_feed(struct ctx *c, uint32_t x, struct feed *f, int depth)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[x];
	const struct shellparse_word *src[16];
	struct shellparse_word v;
	const char *d;
	uint32_t p, n, i;
	size_t dn;
	int notdir, fed = 0;

	p = lw_program(c, cmd, cmd->nwords);
	if (p >= cmd->nwords || shellparse_pattern(&cmd->words[p]) != NULL)
		return (0);
	if (lw_prog(&cmd->words[p], "|dd|")) {
		switch (dd_source(cmd, p, &v)) {
		case -1:
			return (0);	/* if=$f: a file */
		case 1:
			return (feed_file(c, x, x, &v, f, depth + 1) == 1);
		}
		/* no if= (or if=/dev/stdin): what it reads */
		feed_input(c, x, f, depth + 1);
		return (1);
	}
	if (!lw_prog(&cmd->words[p], "|cp|mv|ln|install|gcp|gmv|"))
		return (0);
	n = cp_operands(cmd, p, src, 16, &d, &dn, &notdir);
	for (i = 0; i < n && !c->nomem; i++) {
		/* install -D /dev/stdin f: what it reads */
		if (shellparse_pattern(src[i]) == NULL &&
		    fd_path(src[i]->text, src[i]->len) == XF_INPUT) {
			feed_input(c, x, f, depth + 1);
			fed = 1;
		} else if (feed_file(c, x, x, src[i], f, depth + 1) == 1)
			fed = 1;
	}
	return (fed);
}

/* What command j reads (tee s <<< TEXT): its own here-document or
   here-string, else feed_stdin()'s. */
static void
feed_input(struct ctx *c, uint32_t j, struct feed *f, int depth)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[j];
	const struct shellparse_redir *r;
	uint32_t k;

	for (k = 0; k < cmd->nredirs; k++) {
		r = &cmd->redirs[k];
		if ((r->fd == -1 || r->fd == 0) && feed_here(f, r))
			return;
	}
	feed_stdin(c, j, f, depth, 0);
}

/*
 * The text file w holds when command ci reads it, as commands of the
 * line before `before' wrote it, into f.  Returns 0 when none did (a
 * file of the system), 2 when one copied files there (as much a file
 * of the system), 1 when it was fed.
 */
static int
feed_file(struct ctx *c, uint32_t ci, uint32_t before,
    const struct shellparse_word *w, struct feed *f, int depth)
{
	struct sedjoin sj;
	const char *fn;
	size_t fl;
	uint32_t x;
	int how = 0, maybe = 0, raw;

	if (!lw_fname(c, w, &fn, &fl, &raw))
		return (0);
	if ((x = line_writer(c, ci, before, 0, fn, fl, raw, &how,
	    &maybe)) == NONE) {
		if (maybe != 2)
			return (0);
		f->opaque = 1;	/* not looked at: not known */
		f->any = 1;
		return (1);
	}
	if (how == LW_DISK) {
		/* cp s t, where the line wrote s: what s held */
		if (depth <= FEED_DEPTH && copy_feed(c, x, f, depth))
			return (1);
		return (2);
	}
	f->any = 1;
	if (depth > FEED_DEPTH || c->nfeed++ > FEED_CALLS || how == LW_NET) {
		f->opaque = 1;
		return (1);
	}
	/* a command between may have written it (cp x $d): not known,
	   and what the writer wrote is read all the same */
	if (maybe)
		f->opaque = 1;
	if (how == LW_EDIT) {
		/* sed -i: the text its scripts put in, from lines of a
		   file; a text the line wrote, so edited, is not worked
		   out (s/x// may make any command of it) */
		if (feed_file(c, ci, x, w, f, depth + 1) == 1)
			f->opaque = 1;
		sj.n = 0;
		sj.opaque = 0;
		(void)sed_walk(&c->sp->cmds[x], lw_program(c,
		    &c->sp->cmds[x], c->sp->cmds[x].nwords),
		    c->sp->cmds[x].nwords, sed_join, NULL, &sj);
		if (sj.opaque)
			f->opaque = 1;
		else
			sed_puts(sj.buf, sj.n, f);
		f->frag = 1;
		return (1);
	}
	/* >> f: what the file held first, from a writer before it */
	if (how == LW_APPEND || how == LW_TEEAPPEND)
		(void)feed_file(c, ci, x, w, f, depth + 1);
	if (how == LW_TEE || how == LW_TEEAPPEND)
		feed_input(c, x, f, depth + 1);
	else
		feed_from(c, x, f, depth + 1);
	return (1);
}

static inline int	code_lang(const char *, size_t);

/*
 * The language of a file run by its name: a shell's without a #! line
 * (the shell runs it when exec fails), else the #! line's interpreter
 * (#!/usr/bin/env python3), or FEED_OPAQUE for one not read here.
 */
static int
shebang_lang(const char *p, size_t n)
{
	static const char *const shells =
	    "|sh|bash|dash|zsh|ksh|mksh|ash|yash|posh|lksh|busybox|";
	const char *e, *b, *t, *q;
	size_t l;
	int env = 0, lang;

	if (n < 2 || p[0] != '#' || p[1] != '!')
		return (0);
	if ((e = memchr(p, '\n', n)) == NULL)
		e = p + n;
	for (t = p + 2;;) {
		while (t < e && (*t == ' ' || *t == '\t'))
			t++;
		for (b = t; t < e && *t != ' ' && *t != '\t'; t++)
			;
		if (b == t)
			return (FEED_OPAQUE);
		l = (size_t)(t - b);
		if (env && (b[0] == '-' || memchr(b, '=', l) != NULL))
			continue;	/* env -S, env X=1 */
		if ((q = memrchr(b, '/', l)) != NULL) {
			l -= (size_t)(q + 1 - b);
			b = q + 1;
		}
		if (!env && l == 3 && memcmp(b, "env", 3) == 0) {
			env = 1;
			continue;
		}
		break;
	}
	if (memchr(b, '|', l) == NULL && in_list_abbr(shells, b, l, 1))
		return (0);
	return ((lang = code_lang(b, l)) != 0 ? lang : FEED_OPAQUE);
}

/* Is there a command before ci that may write a file it runs? */
static int
lw_before(struct ctx *c, uint32_t ci)
{
	for (; c->lwwfirst == NONE && c->lwwscan < c->sp->ncmds;
	    c->lwwscan++)
		if (lw_writes(c->sp, c->lwwscan))
			c->lwwfirst = c->lwwscan;
	if (c->lwwfirst < ci)
		return (1);
	return (lw_coded(c, ci));
}

/*
 * Command ci runs a file named by a word whose value is not known
 * before it runs (sh *.sh, sh ?, for f in s; do sh $f; done):
 * when a command before it redirects its output into a file that word
 * could name (its glob matches the name, or the name's last part),
 * that may be the file it runs: code not known before it runs.
 */
static void
glob_pat(struct ctx *c, uint32_t ci, const char *pat, int dollar)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_word *t;
	const struct shellparse_cmd *cmd;
	const struct shellparse_redir *r;
	const char *b;
	uint32_t x, j, steps = 0;

	for (x = 0; x < ci && x < sp->ncmds; x++) {
		cmd = &sp->cmds[x];
		for (j = 0; j < cmd->nredirs && steps++ < 4096; j++) {
			r = &cmd->redirs[j];
			if (!redir_writes(r->op) &&
			    r->op != SHELLPARSE_R_RDWR)
				continue;
			t = &r->target;
			if (shellparse_pattern(t) != NULL || t->len == 0) {
				/* > $x; sh *.sh (sh $y: only > $y, which
				   line_writer() looked for) */
				if (!dollar) {
					interp_opaque(c, ci);
					return;
				}
				continue;
			}
			b = memrchr(t->text, '/', t->len);
			b = b != NULL ? b + 1 : t->text;
			if (gmatch(pat, t->text, t->len) ||
			    gmatch(pat, b, t->len - (size_t)(b - t->text)) ||
			    (t->len > 2 && t->text[0] == '.' &&
			    t->text[1] == '/' && gmatch(pat, t->text + 2,
			    t->len - 2))) {
				interp_opaque(c, ci);
				return;
			}
		}
	}
}

static void
glob_script(struct ctx *c, uint32_t ci, uint32_t k)
{
	const struct shellparse_word *w = &c->sp->cmds[ci].words[k];
	const char *pat = shellparse_pattern(w);

	if (pat != NULL)
		glob_pat(c, ci, pat, memchr(w->text, '$', w->len) != NULL);
}

/*
 * Is word k of cmd in an xargs command line (xargs -I X sh X, xargs
 * --replace=R sh ./R) and does it hold that xargs's replacement string
 * other than {}?  Then it is each item xargs reads.
 */
static int __attribute__((noinline))
xargs_replin(const struct shellparse_cmd *cmd, uint32_t k)
{
	const struct shellparse_word *w = cmd->words, *wk = &cmd->words[k];
	const char *repl;
	size_t rlen;
	uint32_t x, i;

	if (shellparse_pattern(wk) != NULL)
		return (0);
	for (x = k; x-- > cmd->nassign; )
		if (lw_prog(&w[x], "|xargs|"))
			break;
	if (x == (uint32_t)-1 || x < cmd->nassign)
		return (0);
	/* its options end at the command it runs (-n 1: a value) */
	for (i = x + 1; i < k; i++) {
		if (w[i].len < 2 || w[i].text[0] != '-' ||
		    shellparse_pattern(&w[i]) != NULL)
			break;
		if (w[i].len == 2 && memchr("adEILnPs", w[i].text[1], 8) !=
		    NULL)
			i++;
	}
	repl = xargs_replstr(w, x + 1, i < k ? i : k, &rlen);
	return (repl != NULL && rlen > 0 && wk->len >= rlen &&
	    memmem(wk->text, wk->len, repl, rlen) != NULL);
}

/*
 * The files find runs by {}, word k of cmd (find . -name s -exec sh {}
 * ;): the pattern of its one -name test, or any file; any file for
 * xargs -I{}; NULL when neither runs it (a file named {}).
 */
static const char *
find_name(const struct shellparse_cmd *cmd, uint32_t k)
{
	const struct shellparse_word *w;
	const char *pat = NULL;
	uint32_t i, x;

	for (x = k; x-- > cmd->nassign; ) {
		if (lw_prog(&cmd->words[x], "|parallel|"))
			return ("*");	/* parallel sh {} */
		if (lw_prog(&cmd->words[x], "|xargs|")) {
			/* xargs -I{} sh {} (xargs sh {}: a file {}) */
			for (i = x + 1; i < k; i++)
				if (strncmp(cmd->words[i].text, "-I", 2) == 0 ||
				    strncmp(cmd->words[i].text, "-i", 2) == 0 ||
				    strncmp(cmd->words[i].text, "--rep", 5) ==
				    0)
					return ("*");
			return (NULL);
		}
		if (lw_prog(&cmd->words[x], "|find|gfind|bfs|"))
			break;
	}
	if (x == (uint32_t)-1 || x < cmd->nassign)
		return (NULL);
	for (i = x + 1; i < k; i++) {
		w = &cmd->words[i];
		if (strcmp(w->text, "-exec") == 0 ||
		    strcmp(w->text, "-execdir") == 0 ||
		    strcmp(w->text, "-ok") == 0 ||
		    strcmp(w->text, "-okdir") == 0)
			break;
		if (strcmp(w->text, "-o") == 0 || strcmp(w->text, "-or") == 0 ||
		    strcmp(w->text, "!") == 0 || strcmp(w->text, "-not") == 0)
			return ("*");
		if (strcmp(w->text, "-name") == 0 && i + 1 < k) {
			if (pat != NULL || shellparse_pattern(&w[1]) != NULL ||
			    memchr(w[1].text, '/', w[1].len) != NULL)
				return ("*");
			pat = w[1].text;
			i++;
		} else if (strcmp(w->text, "-iname") == 0 ||
		    strcmp(w->text, "-regex") == 0 ||
		    strcmp(w->text, "-iregex") == 0)
			return ("*");
	}
	return (pat != NULL ? pat : "*");
}

static size_t	squote(char *, const char *, size_t);
static size_t	word_put(char *, const struct shellparse_word *);
static void	opt_parse(struct ctx *, uint32_t, const char *, size_t, int);

/*
 * Command ci runs, by the name in its word k, the file command x of the
 * line copied there (cp, mv, ln, install, dd if= of=): it runs the
 * source's program, so it is matched as that too (cp /bin/rm x; ./x -rf
 * /: '/bin/rm' -rf /).  A source not known (cp "$(which rm)" x) is any
 * program.  One of the same base name is matched by that already.
 */
static void __attribute__((noinline))
copy_run(struct ctx *c, uint32_t ci, uint32_t k, uint32_t x)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci], *xc;
	const struct shellparse_word *src[2], *rw;
	struct shellparse_word v;
	const char *d, *sb, *rb;
	size_t dn, l, sn, rn;
	uint32_t p, n = 0, j;
	int notdir, i;
	char *t;

	if (x >= c->sp->ncmds || k >= cmd->nwords)
		return;
	xc = &c->sp->cmds[x];
	p = lw_program(c, xc, xc->nwords);
	if (p >= xc->nwords || shellparse_pattern(&xc->words[p]) != NULL)
		return;
	if (lw_prog(&xc->words[p], "|dd|")) {
		if ((i = dd_source(xc, p, &v)) == 0)
			return;		/* dd of=x <<< ...: copy_feed() */
		src[0] = &v;
		n = i == 1;
		if (i < 0) {
			interp_opaque(c, ci);	/* if=$f */
			return;
		}
	} else if (lw_kind(&xc->words[p]) == LK_COPY)
		n = cp_operands(xc, p, src, 2, &d, &dn, &notdir);
	if (n != 1)
		return;		/* cp a b dir/; dir/a: a's name */
	if (shellparse_pattern(src[0]) != NULL || src[0]->len == 0) {
		interp_opaque(c, ci);
		return;
	}
	rw = &cmd->words[k];
	sb = memrchr(src[0]->text, '/', src[0]->len);
	sb = sb != NULL ? sb + 1 : src[0]->text;
	sn = src[0]->len - (size_t)(sb - src[0]->text);
	rb = memrchr(rw->text, '/', rw->len);
	rb = rb != NULL ? rb + 1 : rw->text;
	rn = rw->len - (size_t)(rb - rw->text);
	if (sn == rn && memcmp(sb, rb, sn) == 0)
		return;
	l = 4 * src[0]->len + 3;
	for (j = k + 1; j < cmd->nwords; j++)
		l += 4 * (size_t)cmd->words[j].len + 3;
	if (l > SHELLPARSE_MAXLEN) {
		interp_opaque(c, ci);
		return;
	}
	if ((t = shellparse_alloc(c->sp, l + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	l = squote(t, src[0]->text, src[0]->len);
	for (j = k + 1; j < cmd->nwords; j++) {
		t[l++] = ' ';
		l += word_put(t + l, &cmd->words[j]);
	}
	t[l] = '\0';
	opt_parse(c, ci, t, l, 0);
}

/* Command ci runs the file its word k names as lang's code (0 the
   shell's, FEED_SHEBANG its #! line's): written by the line? */
static void
file_script(struct ctx *c, uint32_t ci, uint32_t k, int lang)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const char *f, *sl;
	size_t n;
	uint32_t i;
	int how, maybe = 0, raw;
	uint32_t x;

	if (k >= cmd->nwords)
		return;
	/* a writer later in the line may run first (a loop, a job in
	   the background, a function called later, sh -c's text):
	   looked for once the line's commands are all known */
	for (i = 0; i < c->nlrun; i++)
		if (c->lrun[i].ci == ci)
			break;
	/* (not /usr/bin/env: the system's, not the line's to write) */
	if (i == c->nlrun && ((sl = memrchr(cmd->words[k].text, '/',
	    cmd->words[k].len)) == NULL || sl == cmd->words[k].text ||
	    !sysdir(cmd->words[k].text, (size_t)(sl - cmd->words[k].text)))) {
		if (c->nlrun == LRUN_MAX) {
			interp_opaque(c, ci);	/* not looked at */
			return;
		}
		c->lrun[c->nlrun].ci = ci;
		c->lrun[c->nlrun++].k = k;
	}
	if (ci == 0 || !lw_before(c, ci))
		return;
	if (((cmd->words[k].len == 2 && cmd->words[k].text[0] == '{' &&
	    cmd->words[k].text[1] == '}') || xargs_replin(cmd, k)) &&
	    (sl = find_name(cmd, k)) != NULL) {
		/* find -exec sh {} ;, xargs -I{} sh {}: a file found */
		glob_pat(c, ci, sl, 0);
		return;
	}
	if (!lw_fname(c, &cmd->words[k], &f, &n, &raw)) {
		glob_script(c, ci, k);		/* sh *.sh */
		return;
	}
	if ((x = line_writer(c, ci, ci, 0, f, n, raw, &how, &maybe)) ==
	    NONE) {
		if (maybe == 2)
			interp_opaque(c, ci);	/* not looked at */
		else if (raw == 1)
			glob_script(c, ci, k);	/* sh $f */
		return;
	}
	/* (a copy: what its source held, if the line wrote that; run by
	   its name, the source's program) */
	if (how == LW_DISK && lang == FEED_SHEBANG)
		copy_run(c, ci, k, x);
	feed_shell(c, ci, FEED_WORD + k, lang);
}

/* Does ci run file name f (n bytes) that the line wrote before it
   other than by a copy?  Then it runs code not known before it runs. */
static void
named_opaque(struct ctx *c, uint32_t ci, const char *f, size_t n)
{
	int how = 0, maybe = 0;

	if (n == 0 || n > 1000)
		return;
	/* (2: not one of the words, which the filter counts) */
	if ((line_writer(c, ci, ci, 0, f, n, 2, &how, &maybe) != NONE &&
	    how != LW_DISK) || maybe == 2)
		interp_opaque(c, ci);
}

/*
 * Command ci runs, as its program (word k), file f (n bytes) found in
 * the PATH: one the line wrote runs code not known before it runs, one
 * it copied there the source's program (copy_run()).  Whether one was.
 */
static int
path_named(struct ctx *c, uint32_t ci, uint32_t k, const char *f,
    size_t n)
{
	uint32_t x;
	int how = 0, maybe = 0;

	if (n == 0 || n > 1000)
		return (0);
	x = line_writer(c, ci, ci, 0, f, n, 2, &how, &maybe);
	if (x != NONE && how == LW_DISK)
		copy_run(c, ci, k, x);
	else if (x != NONE || maybe == 2)
		interp_opaque(c, ci);
	return (x != NONE);
}

/*
 * A program named without a '/' and looked up in a PATH the line sets
 * (PATH=. s, PATH=/tmp:$PATH s, export PATH=.; s): the file of its
 * name in each directory the value names (an empty part is .), if the
 * line wrote it, runs code not known before it runs.
 */
static void __attribute__((noinline))
path_runs(struct ctx *c, uint32_t ci, uint32_t start)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w = &cmd->words[start], *pw = NULL;
	const struct vtval *vv;
	const char *v = NULL, *p, *q, *e;
	size_t vn = 0, l;
	uint32_t k, parts = 0;
	char buf[1040];

	if (shellparse_pattern(w) != NULL || w->len == 0 ||
	    memchr(w->text, '/', w->len) != NULL)
		return;
	for (k = 0; k < start; k++)
		if ((cmd->words[k].len >= 5 &&
		    memcmp(cmd->words[k].text, "PATH=", 5) == 0) ||
		    (cmd->words[k].len >= 6 &&
		    memcmp(cmd->words[k].text, "PATH+=", 6) == 0))
			pw = &cmd->words[k];
	if ((pw == NULL && !c->pathset) || !lw_before(c, ci))
		return;
	if (pw != NULL) {
		v = (const char *)memchr(pw->text, '=', pw->len) + 1;
		vn = pw->len - (size_t)(v - pw->text);
	} else if (c->pathset) {
		if (!c->vtdone)
			vt_compute(c);
		if ((vv = vt_value(c, "PATH", 4)) == NULL)
			return;
		v = vv->v;
		vn = vv->n;
	} else
		return;
	for (p = v, e = v + vn; p <= e && parts++ < 16; p = q + 1) {
		if ((q = memchr(p, ':', (size_t)(e - p))) == NULL)
			q = e;
		l = (size_t)(q - p);
		if (memchr(p, '$', l) != NULL || l + 1 + w->len >= sizeof(buf))
			continue;	/* $PATH: the system's */
		/* (. or none: the name as it is written, here) */
		if (l > 0 && !(l == 1 && p[0] == '.')) {
			memcpy(buf, p, l);
			buf[l++] = '/';
		} else
			l = 0;
		memcpy(buf + l, w->text, w->len);
		l += w->len;
		if (path_named(c, ci, start, buf, l) || c->opq != NONE)
			return;
	}
}

/* May word w name b (n bytes): a path ending in it, code holding it
   (open("/usr/local/bin/ls", "w")), a value that does (f=~/bin/ls;
   > $f)?  b as a name of its own (bin/ls, "ls"; not i.sh for sh), as
   lw_codename() finds it: > $f with f not known is not looked at. */
static inline int
word_may_name(const struct shellparse_word *w, const char *b, size_t n)
{
	const char *t = w->text, *e = w->text + w->len;

	/* (memmem()'s setup costs more than these short words) */
	for (; (size_t)(e - t) >= n && (t = memchr(t, b[0],
	    (size_t)(e - t) - n + 1)) != NULL; t++)
		if (memcmp(t, b, n) == 0 && (t == w->text ||
		    !lw_namech(t[-1])) && (t + n == e || !lw_namech(t[n])))
			return (1);
	return (0);
}

/* May a command before ci write a file whose last part is b (n
   bytes)?  sys_path_runs()'s quick look. */
static int
named_before(const struct ctx *c, uint32_t ci, const char *b, size_t n)
{
	const struct shellparse_cmd *cmd;
	uint32_t x, k, a = c->sp->cmds[ci].parent, i = 0;

	for (x = 0; x < ci && x < c->sp->ncmds; x++) {
		/* echo "$(ls)" > f: ls's own text, in echo's word */
		for (; a != NONE && a > x && a < c->sp->ncmds && i < 64; i++)
			a = c->sp->cmds[a].parent;
		if (a == x)
			continue;
		cmd = &c->sp->cmds[x];
		for (k = 0; k < cmd->nredirs; k++)
			if (word_may_name(&cmd->redirs[k].target, b, n))
				return (1);
		for (k = 0; k < cmd->nwords; k++)
			if (k != cmd->nassign &&
			    word_may_name(&cmd->words[k], b, n))
				return (1);
	}
	return (0);
}

/*
 * A program named without a '/' (ls) is looked up in the PATH: a file
 * of its name the line wrote in one of the directories a PATH most
 * often holds (echo ... > ~/bin/ls; ls) runs code not known before it
 * runs, and one it copied there runs the source's program (cp /bin/rm
 * /usr/local/bin/ls; ls -rf /).
 */
static void __attribute__((noinline))
sys_path_runs(struct ctx *c, uint32_t ci, uint32_t start)
{
	static const char *const dirs[] = {
		"/usr/local/sbin/", "/usr/local/bin/", "/usr/sbin/",
		"/usr/bin/", "/sbin/", "/bin/", "~/bin/", "~/.local/bin/",
	};
	const struct shellparse_word *w = &c->sp->cmds[ci].words[start];
	char buf[300];
	size_t i, l;
	int found;

	if (shellparse_pattern(w) != NULL || w->len == 0 || w->len > 255 ||
	    memchr(w->text, '/', w->len) != NULL ||
	    !named_before(c, ci, w->text, w->len) ||
	    len_table_has(builtin_names, w->text, w->len) ||
	    !lw_before(c, ci))
		return;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		l = strlen(dirs[i]);
		memcpy(buf, dirs[i], l);
		memcpy(buf + l, w->text, w->len);
		l += w->len;
		c->lwpathrun = 1;
		found = path_named(c, ci, start, buf, l);
		c->lwpathrun = 0;
		if (found || c->opq != NONE || c->nomem)
			return;
	}
}

/*
 * The files a build tool or task runner takes code from in the
 * directory it runs in ('|' between them, a glob with a '*'): npm's
 * package.json scripts, cargo's build.rs, a Rakefile, a justfile,
 * pytest's conftest.py and tests.  A leading '!': an option's value
 * is not such a file (pip -r requirements.txt).  NULL for any other
 * name.
 */
static const char *
build_files_of(const char *s, size_t n)
{
#define BF_NPM	"package.json|.npmrc"
#define BF_PIP	"!setup.py|setup.cfg|pyproject.toml"
#define BF_TEST	"conftest.py|pytest.ini|tox.ini|setup.cfg|pyproject.toml|" \
		"test_*.py|*_test.py"
	switch (n) {
	case 3:
		return (memcmp(s, "npm", 3) == 0 || memcmp(s, "npx", 3) == 0 ?
		    BF_NPM : memcmp(s, "bun", 3) == 0 ?
		    "package.json|bunfig.toml" : memcmp(s, "pip", 3) == 0 ?
		    BF_PIP : memcmp(s, "tox", 3) == 0 ? "tox.ini|setup.py|setup.cfg|"
		    "pyproject.toml" :
		    memcmp(s, "nox", 3) == 0 ? "noxfile.py" :
		    memcmp(s, "mvn", 3) == 0 ? "pom.xml|.mvn/extensions.xml|"
		    ".mvn/maven.config" : NULL);
	case 4:
		return (memcmp(s, "pnpm", 4) == 0 ? BF_NPM :
		    memcmp(s, "yarn", 4) == 0 ? BF_NPM "|.yarnrc|.yarnrc.yml" :
		    memcmp(s, "pip3", 4) == 0 ? BF_PIP :
		    memcmp(s, "rake", 4) == 0 ? "Rakefile|rakefile|Rakefile.rb|"
		    "rakefile.rb" : memcmp(s, "just", 4) == 0 ?
		    "justfile|Justfile|.justfile" : memcmp(s, "task", 4) == 0 ?
		    "Taskfile.yml|Taskfile.yaml|taskfile.yml|taskfile.yaml" :
		    NULL);
	case 5:
		return (memcmp(s, "cargo", 5) == 0 ? "build.rs|Cargo.toml|"
		    ".cargo/config.toml|.cargo/config" :
		    memcmp(s, "cmake", 5) == 0 ? "CMakeLists.txt" :
		    memcmp(s, "meson", 5) == 0 ? "meson.build|meson_options.txt" :
		    memcmp(s, "ninja", 5) == 0 ? "build.ninja" :
		    memcmp(s, "scons", 5) == 0 ? "SConstruct|SConscript|"
		    "sconstruct" : memcmp(s, "bazel", 5) == 0 ? "BUILD|"
		    "BUILD.bazel|WORKSPACE|WORKSPACE.bazel|MODULE.bazel|"
		    ".bazelrc" : NULL);
	case 6:
		return (memcmp(s, "pytest", 6) == 0 ? BF_TEST :
		    memcmp(s, "gradle", 6) == 0 ? "build.gradle|"
		    "build.gradle.kts|settings.gradle|settings.gradle.kts|"
		    "init.gradle" : memcmp(s, "bundle", 6) == 0 ? "Gemfile" :
		    memcmp(s, "direnv", 6) == 0 ? ".envrc" :
		    memcmp(s, "dotnet", 6) == 0 ? "*.csproj|*.fsproj|*.vbproj|"
		    "*.sln|*.targets|*.props" : NULL);
	case 7:
		return (memcmp(s, "py.test", 7) == 0 ? BF_TEST : NULL);
	case 8:
		return (memcmp(s, "composer", 8) == 0 ? "composer.json" : NULL);
	case 10:
		return (memcmp(s, "pre-commit", 10) == 0 ?
		    ".pre-commit-config.yaml" : NULL);
	}
	return (NULL);
#undef BF_NPM
#undef BF_PIP
#undef BF_TEST
}

/*
 * Command ci, words [start, end), is a build tool that takes code from
 * files (build_files_of()): each of them the line wrote before it, in
 * the directory it runs in or in one a word of it names (npm --prefix
 * d, pytest tests/, pip install ./pkg), and a file an option's value
 * names (just -f f, --manifest-path=f), runs code not known before it
 * runs.
 */
static void __attribute__((noinline))
build_files(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const char *files)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *p, *q, *v = NULL, *eq;
	size_t fl, vn = 0, l;
	uint32_t k;
	int optval, vals = files[0] != '!';
	char buf[1100];

	if (end > cmd->nwords)
		end = cmd->nwords;
	if (!vals)
		files++;
	if (!lw_before(c, ci))
		return;
	for (k = start; k < end && k < start + 64 && c->opq == NONE &&
	    !c->nomem; k++) {
		if (k > start) {
			w = &cmd->words[k];
			if (shellparse_pattern(w) != NULL || w->len == 0)
				continue;
			v = w->text;
			vn = w->len;
			/* -f f: the word after an option (maybe its value) */
			optval = k > start + 1 && w[-1].len > 1 &&
			    w[-1].text[0] == '-' &&
			    memchr(w[-1].text, '=', w[-1].len) == NULL;
			if (v[0] == '-') {
				/* --prefix=d, --manifest-path=f */
				if ((eq = memchr(v, '=', vn)) == NULL)
					continue;
				vn -= (size_t)(eq + 1 - v);
				v = eq + 1;
				optval = 1;
			}
			if (vn == 0 || vn > 1000)
				continue;
			if (optval && vals)
				named_opaque(c, ci, v, vn);
		}
		for (p = files; *p != '\0' && c->opq == NONE; p = q) {
			if ((q = strchr(p, '|')) == NULL)
				q = p + strlen(p);
			fl = (size_t)(q - p);
			if (*q == '|')
				q++;
			if (memchr(p, '*', fl) != NULL) {
				/* test_*.py: the name anywhere */
				if (k == start && fl < 64) {
					memcpy(buf, p, fl);
					buf[fl] = '\0';
					glob_pat(c, ci, buf, 0);
				}
				continue;
			}
			if (k == start) {
				named_opaque(c, ci, p, fl);
				continue;
			}
			memcpy(buf, v, vn);
			l = vn;
			if (buf[l - 1] != '/')
				buf[l++] = '/';
			memcpy(buf + l, p, fl);
			named_opaque(c, ci, buf, l + fl);
		}
	}
}

/* Languages whose string literals are read (code_unquote()). */
#define LANG_PY		1
#define LANG_PERL	2
#define LANG_RUBY	3
#define LANG_JS		4
#define LANG_PHP	5
#define LANG_LUA	6
#define LANG_AWK	7	/* its strings' escapes only */

static void	imp_file(struct ctx *, uint32_t, const char *, size_t,
		    const char *);
static size_t	imp_dotted(const char *, const char *, char *, size_t,
		    const char **, int);
static inline int code_lang(const char *, size_t);

/*
 * The value command ci (its words before start: NAME=v, env NAME=v)
 * or the line (export NAME=v) gives variable name, when one is known;
 * else NULL.
 */
static const char *
env_val(struct ctx *c, uint32_t ci, uint32_t start, const char *name,
    size_t *vn)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const struct vtval *vv;
	const char *v = NULL;
	size_t l = strlen(name);
	uint32_t k;

	for (k = 0; k < start && k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (w->len > l && w->text[l] == '=' &&
		    memcmp(w->text, name, l) == 0 &&
		    shellparse_pattern(w) == NULL) {
			v = w->text + l + 1;
			*vn = w->len - l - 1;
		}
	}
	if (v != NULL)
		return (v);
	/* (a call that does not name it sets it nowhere) */
	if (!call_has(c->call, name))
		return (NULL);
	if (!c->vtdone)
		vt_compute(c);
	if ((vv = vt_value(c, name, l)) == NULL)
		return (NULL);
	*vn = vv->n;
	return (vv->v);
}

/* named_opaque() of dir d (dn bytes) and f in it. */
static void
named_in(struct ctx *c, uint32_t ci, const char *d, size_t dn,
    const char *f)
{
	char buf[1100];
	size_t fl = strlen(f);

	if (dn == 0 || dn + 1 + fl >= sizeof(buf) || c->opq != NONE)
		return;
	memcpy(buf, d, dn);
	if (buf[dn - 1] != '/')
		buf[dn++] = '/';
	memcpy(buf + dn, f, fl);
	named_opaque(c, ci, buf, dn + fl);
}

static void	code_scan(struct ctx *, uint32_t, const char *, size_t, int,
		    int);

/*
 * perl -MV, -mV (V without the -M): module Foo::Bar of V Foo::Bar=x,y
 * or -Foo::Bar is loaded (imp_file()); perl puts anything else after
 * the name in its code as it is (-M'Foo;system(...)', -M'Foo qw(x)').
 */
static void
perl_mod(struct ctx *c, uint32_t ci, const char *v, size_t vn)
{
	const char *r;
	char mod[200];
	size_t ml;

	if (vn > 0 && *v == '-') {
		v++;
		vn--;
	}
	if ((ml = imp_dotted(v, v + vn, mod, sizeof(mod), &r, 1)) > 0)
		imp_file(c, ci, mod, ml, ".pm");
	if (ml == 0)
		interp_opaque(c, ci);
	else if (r < v + vn && *r != '=')
		code_scan(c, ci, r, vn - (size_t)(r - v), LANG_PERL, 0);
}

#define JS_MODOPTS	"|require|import|loader|experimental-loader|"

/*
 * node -r V, --import V, --loader V: a module file (imp_file()), or a
 * data: URL's code (--import 'data:text/javascript,CODE'); one
 * encoded, or one from the net, is not known.
 */
static void
js_mod(struct ctx *c, uint32_t ci, const char *v, size_t vn)
{
	const char *r;

	if (vn > 5 && (strncasecmp(v, "data:", 5) == 0 ||
	    strncasecmp(v, "http:", 5) == 0 ||
	    strncasecmp(v, "https:", 6) == 0)) {
		if ((r = memchr(v, ',', vn)) == NULL || v[0] != 'd' ||
		    memchr(v, '%', vn) != NULL ||
		    memmem(v, (size_t)(r - v), ";base64", 7) != NULL)
			interp_opaque(c, ci);
		else
			code_scan(c, ci, r + 1, vn - (size_t)(r + 1 - v),
			    LANG_JS, 0);
	} else
		imp_file(c, ci, v, vn, ".js");
}

/*
 * Modules an interpreter loads by its options or a variable's (node -r
 * X, NODE_OPTIONS='--require X', --import, --loader; perl -MX and
 * PERL5OPT; ruby -rX and RUBYOPT): imp_file() of each.  s (n bytes)
 * is blank-separated words.
 */
static void
opt_modules(struct ctx *c, uint32_t ci, const char *s, size_t n, int lang)
{
	const char *p = s, *e = s + n, *q, *v;
	size_t l, vn;
	int next = 0;

	for (; p < e && c->opq == NONE; p = q) {
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\n'))
			p++;
		for (q = p; q < e && *q != ' ' && *q != '\t' && *q != '\n';
		    q++)
			;
		if ((l = (size_t)(q - p)) == 0)
			break;
		v = NULL;
		vn = 0;
		if (next) {
			v = p;
			vn = l;
			next = 0;
		} else if (lang == LANG_JS) {
			if (l == 2 && memcmp(p, "-r", 2) == 0)
				next = 1;
			else if ((l > 9 && memcmp(p, "--require", 9) == 0) ||
			    (l > 8 && memcmp(p, "--import", 8) == 0) ||
			    (l > 8 && memcmp(p, "--loader", 8) == 0) ||
			    (l > 21 && memcmp(p, "--experimental-loader",
			    21) == 0)) {
				if ((v = memchr(p, '=', l)) != NULL) {
					v++;
					vn = l - (size_t)(v - p);
				} else
					v = NULL;
			} else if (l == 9 && memcmp(p, "--require", 9) == 0)
				next = 1;
			else if ((l == 8 && (memcmp(p, "--import", 8) == 0 ||
			    memcmp(p, "--loader", 8) == 0)) || (l == 21 &&
			    memcmp(p, "--experimental-loader", 21) == 0))
				next = 1;
		} else if (l > 2 && p[0] == '-' && ((lang == LANG_PERL &&
		    (p[1] == 'M' || p[1] == 'm')) || (lang == LANG_RUBY &&
		    p[1] == 'r'))) {
			v = p + 2;
			vn = l - 2;
		} else if (l == 2 && p[0] == '-' && lang == LANG_RUBY &&
		    p[1] == 'r')
			next = 1;
		if (v == NULL || vn == 0)
			continue;
		if (vn >= 2 && (*v == '\'' || *v == '"') && v[vn - 1] == *v) {
			v++;
			vn -= 2;
		}
		if (lang == LANG_PERL)
			perl_mod(c, ci, v, vn);
		else if (lang == LANG_JS)
			js_mod(c, ci, v, vn);
		else
			imp_file(c, ci, v, vn, ".rb");
	}
}

/*
 * Files a program reads as its configuration or code by an option or
 * a variable, which the line may have written: git's
 * GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM, GIT_DIR (--git-dir), HOME and
 * XDG_CONFIG_HOME (.gitconfig, git/config), GIT_EXEC_PATH
 * (--exec-path: git-SUB); vim's -S, -u, -U and -s files and its vimrc
 * in HOME and XDG_CONFIG_HOME; ssh's, scp's and sftp's -F; python's
 * PYTHONSTARTUP and sitecustomize.py in PYTHONPATH; node's, perl's
 * and ruby's modules (opt_modules()).  Returns 1 for such a program.
 * (No lw_before() here: each name is looked for only when given.)
 */
static int __attribute__((noinline))
conf_files(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const char *base, size_t blen)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *v, *t, *d = NULL, *sub = NULL, *q;
	size_t vn, dn = 0, l;
	uint32_t k;
	int lang;
	char buf[300];

	if (blen == 3 && memcmp(base, "git", 3) == 0) {
		if (!call_has(c->call, "GIT_") && !call_has(c->call, "HOME") &&
		    !call_has(c->call, "--"))
			return (1);
		if ((v = env_val(c, ci, start, "GIT_CONFIG_GLOBAL", &vn)) != NULL)
			named_opaque(c, ci, v, vn);
		if ((v = env_val(c, ci, start, "GIT_CONFIG_SYSTEM", &vn)) != NULL)
			named_opaque(c, ci, v, vn);
		if ((v = env_val(c, ci, start, "GIT_CONFIG", &vn)) != NULL)
			named_opaque(c, ci, v, vn);
		if ((v = env_val(c, ci, start, "HOME", &vn)) != NULL)
			named_in(c, ci, v, vn, ".gitconfig");
		if ((v = env_val(c, ci, start, "XDG_CONFIG_HOME", &vn)) != NULL)
			named_in(c, ci, v, vn, "git/config");
		if ((v = env_val(c, ci, start, "GIT_DIR", &vn)) != NULL)
			named_in(c, ci, v, vn, "config");
		d = env_val(c, ci, start, "GIT_EXEC_PATH", &dn);
		for (k = start + 1; k < end && c->opq == NONE; k++) {
			w = &cmd->words[k];
			t = w->text;
			if (shellparse_pattern(w) != NULL)
				continue;
			if (t[0] != '-') {
				sub = t;	/* the subcommand */
				break;
			}
			if (strcmp(t, "-C") == 0 || strcmp(t, "-c") == 0 ||
			    strcmp(t, "--config-env") == 0 ||
			    strcmp(t, "--namespace") == 0 ||
			    strcmp(t, "--work-tree") == 0)
				k++;
			else if (strcmp(t, "--git-dir") == 0 && k + 1 < end) {
				k++;
				named_in(c, ci, cmd->words[k].text,
				    cmd->words[k].len, "config");
			} else if (strncmp(t, "--git-dir=", 10) == 0)
				named_in(c, ci, t + 10, w->len - 10, "config");
			else if (strncmp(t, "--exec-path=", 12) == 0) {
				d = t + 12;
				dn = w->len - 12;
			}
		}
		if (d != NULL && sub != NULL && strlen(sub) + 5 < sizeof(buf)) {
			memcpy(buf, "git-", 4);
			memcpy(buf + 4, sub, strlen(sub) + 1);
			named_in(c, ci, d, dn, buf);
		}
		return (1);
	}
	if ((blen == 3 && (memcmp(base, "vim", 3) == 0 ||
	    memcmp(base, "ssh", 3) == 0 || memcmp(base, "scp", 3) == 0)) ||
	    (blen == 2 && (memcmp(base, "vi", 2) == 0 ||
	    memcmp(base, "ex", 2) == 0)) || (blen == 4 &&
	    (memcmp(base, "nvim", 4) == 0 || memcmp(base, "gvim", 4) == 0 ||
	    memcmp(base, "view", 4) == 0 || memcmp(base, "rvim", 4) == 0 ||
	    memcmp(base, "sftp", 4) == 0)) || (blen == 7 &&
	    memcmp(base, "vimdiff", 7) == 0)) {
		/* ssh -F f; vim -S f, -u f, -U f, -s f */
		t = base[0] == 's' ? "F" : "SuUs";
		for (k = start + 1; k < end && c->opq == NONE; k++) {
			w = &cmd->words[k];
			if (w->len < 2 || w->text[0] != '-' ||
			    w->text[1] == '\0' || strchr(t, w->text[1]) ==
			    NULL || shellparse_pattern(w) != NULL)
				continue;
			if (w->len > 2)
				named_opaque(c, ci, w->text + 2, w->len - 2);
			else if (k + 1 < end && (w[1].len == 0 ||
			    w[1].text[0] != '-'))
				named_opaque(c, ci, w[1].text, w[1].len);
		}
		if (base[0] == 's' || !call_has(c->call, "HOME"))
			return (1);
		if ((v = env_val(c, ci, start, "HOME", &vn)) != NULL) {
			named_in(c, ci, v, vn, ".vimrc");
			named_in(c, ci, v, vn, ".vim/vimrc");
			named_in(c, ci, v, vn, ".exrc");
			named_in(c, ci, v, vn, ".config/nvim/init.vim");
			named_in(c, ci, v, vn, ".config/nvim/init.lua");
		}
		if ((v = env_val(c, ci, start, "XDG_CONFIG_HOME", &vn)) !=
		    NULL) {
			named_in(c, ci, v, vn, "nvim/init.vim");
			named_in(c, ci, v, vn, "nvim/init.lua");
		}
		return (1);
	}
	if ((lang = code_lang(base, blen)) == 0)
		return (0);
	switch (lang) {
	case LANG_PY:
		if (!call_has(c->call, "PYTHON"))
			break;
		if ((v = env_val(c, ci, start, "PYTHONSTARTUP", &vn)) != NULL)
			named_opaque(c, ci, v, vn);
		if ((v = env_val(c, ci, start, "PYTHONPATH", &vn)) == NULL)
			break;
		for (q = v; q <= v + vn && c->opq == NONE; q = t + 1) {
			if ((t = memchr(q, ':', (size_t)(v + vn - q))) == NULL)
				t = v + vn;
			l = (size_t)(t - q);
			named_in(c, ci, l > 0 ? q : ".", l > 0 ? l : 1,
			    "sitecustomize.py");
			named_in(c, ci, l > 0 ? q : ".", l > 0 ? l : 1,
			    "usercustomize.py");
		}
		break;
	case LANG_JS:
	case LANG_PERL:
	case LANG_RUBY:
		v = env_val(c, ci, start, lang == LANG_JS ? "NODE_OPTIONS" :
		    lang == LANG_PERL ? "PERL5OPT" : "RUBYOPT", &vn);
		if (v != NULL)
			opt_modules(c, ci, v, vn, lang);
		/* node -r X ..., perl -MX, ruby -rX: up to the program */
		for (k = start + 1; k < end && c->opq == NONE; k++) {
			w = &cmd->words[k];
			if (w->len < 2 || w->text[0] != '-' ||
			    strcmp(w->text, "--") == 0)
				break;
			if (shellparse_pattern(w) != NULL) {
				/* perl -M"$m": code not known */
				if (lang == LANG_PERL && (w->text[1] == 'M' ||
				    w->text[1] == 'm'))
					interp_opaque(c, ci);
				continue;
			}
			l = w->len;
			q = memchr(w->text, '=', l);
			if (lang != LANG_PERL && ((l == 2 &&
			    memcmp(w->text, "-r", 2) == 0) ||
			    (w->text[1] == '-' && in_list_abbr(JS_MODOPTS,
			    w->text + 2, (q != NULL ? (size_t)(q - w->text) :
			    l) - 2, 1)))) {
				/* node -r V, --import V, --import=V */
				if (q != NULL && w->text[1] == '-')
					js_mod(c, ci, q + 1, l - (size_t)(q +
					    1 - w->text));
				else if (k + 1 < end &&
				    shellparse_pattern(&w[1]) == NULL) {
					if (lang == LANG_JS)
						js_mod(c, ci, w[1].text,
						    w[1].len);
					else
						imp_file(c, ci, w[1].text,
						    w[1].len, ".rb");
				}
				if (q == NULL || w->text[1] != '-')
					k++;
			} else if (lang == LANG_PERL && l > 2 &&
			    (w->text[1] == 'M' || w->text[1] == 'm'))
				perl_mod(c, ci, w->text + 2, l - 2);
			else
				opt_modules(c, ci, w->text, l, lang);
		}
		break;
	}
	return (1);
}

/*
 * Files a command reads as code by an option or a variable, not as an
 * operand: a shell's BASH_ENV=f and ENV=f (sh -i), bash --rcfile f and
 * --init-file f (fed as a script is); make's makefile (-f f, --file,
 * --makefile, else GNUmakefile, makefile and Makefile, in -C's
 * directory), whose recipes are shell text not worked out here: code
 * not known when the line wrote it.
 */
static void __attribute__((noinline))
named_files(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const char *base, size_t blen)
{
	static const char *const mk[] = {
		"GNUmakefile", "makefile", "Makefile",
	};
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *dir = NULL;
	struct shellparse_word v;
	const char *t;
	size_t l;
	uint32_t k, i;
	int given = 0, hit;
	char *j;

	if (end > cmd->nwords)
		end = cmd->nwords;
	if ((t = build_files_of(base, blen)) != NULL) {
		build_files(c, ci, start, end, t);
		return;
	}
	if (conf_files(c, ci, start, end, base, blen))
		return;
	/* go run, go test, go generate: Go not read here */
	if (blen == 2 && base[0] == 'g' && base[1] == 'o') {
		for (k = start + 1; k < end; k++)
			if (cmd->words[k].text[0] != '-')
				break;
		if (k < end && (strcmp(cmd->words[k].text, "run") == 0 ||
		    strcmp(cmd->words[k].text, "test") == 0 ||
		    strcmp(cmd->words[k].text, "generate") == 0))
			build_files(c, ci, start, end, "*.go");
		return;
	}
	if (shell_word(base, blen)) {
		if (!lw_before(c, ci))
			return;
		for (k = 0; k < start; k++) {
			w = &cmd->words[k];
			if (shellparse_pattern(w) != NULL)
				continue;
			if (w->len > 9 && memcmp(w->text, "BASH_ENV=", 9) == 0)
				named_opaque(c, ci, w->text + 9, w->len - 9);
			else if (w->len > 4 && memcmp(w->text, "ENV=", 4) == 0)
				named_opaque(c, ci, w->text + 4, w->len - 4);
		}
		for (k = start + 1; k + 1 < end; k++) {
			t = cmd->words[k].text;
			if (strcmp(t, "--rcfile") == 0 ||
			    strcmp(t, "--init-file") == 0) {
				file_script(c, ci, k + 1, 0);
				return;
			}
			if (t[0] != '-')
				break;
		}
		return;
	}
	if (!make_name(base, blen) || !lw_before(c, ci))
		return;
	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (w->len < 2 || t[0] != '-')
			continue;
		if (t[1] == 'f' || t[1] == 'C') {
			if ((w = opt_val(cmd, &k, end, 2, &v)) == NULL)
				continue;
			if (t[1] == 'C')
				dir = w;
			else if (shellparse_pattern(w) == NULL && w->len > 0) {
				given = 1;
				named_opaque(c, ci, w->text, w->len);
			} else
				given = 1;
		} else if (t[1] == '-') {
			if ((w = tw_long(cmd, &k, end, "|file|makefile|", &v,
			    &hit)) != NULL) {
				given = 1;
				if (shellparse_pattern(w) == NULL)
					named_opaque(c, ci, w->text, w->len);
			} else if (!hit && (w = tw_long(cmd, &k, end,
			    "|directory|", &v, &hit)) != NULL)
				dir = w;
		}
	}
	if (given || c->nomem)
		return;
	if (dir != NULL && (shellparse_pattern(dir) != NULL || dir->len == 0 ||
	    dir->len > 1000))
		return;
	for (i = 0; i < sizeof(mk) / sizeof(mk[0]); i++) {
		if (dir == NULL) {
			named_opaque(c, ci, mk[i], strlen(mk[i]));
			continue;
		}
		l = dir->len + 1 + strlen(mk[i]);
		if ((j = shellparse_alloc(c->sp, l + 1)) == NULL) {
			c->nomem = 1;
			return;
		}
		memcpy(j, dir->text, dir->len);
		j[dir->len] = '/';
		memcpy(j + dir->len + 1, mk[i], strlen(mk[i]) + 1);
		named_opaque(c, ci, j, l);
	}
}

/*
 * A file a command runs that a command after it in the line writes
 * (for i in 1 2; do sh s; echo ... > s; done, sh s & echo ... > s,
 * sh s < <(echo ... > s), f() { sh s; }; echo ... > s; f, or sh -c
 * 'echo ... > s'; sh s, whose text is parsed after): it may run that
 * text, or what the file held before: code not known before it runs.
 * A copy (cp x s) is as much a file of the system.
 */
static void __attribute__((noinline))
late_writers(struct ctx *c)
{
	const struct shellparse_cmd *cmd;
	const char *f;
	size_t n;
	uint32_t i, ci, last, lo = NONE;
	int how, maybe, raw;

	/* the last command after a runner that may write a file, if
	   any (none in a line of one command) */
	for (i = 0; i < c->nlrun; i++)
		if (c->lrun[i].ci < lo)
			lo = c->lrun[i].ci;
	for (last = (uint32_t)c->sp->ncmds; last-- > lo + 1; )
		if (lw_writes(c->sp, last))
			break;
	if (last <= lo)
		return;
	for (i = 0; i < c->nlrun && c->opq == NONE && !c->nomem; i++) {
		ci = c->lrun[i].ci;
		cmd = &c->sp->cmds[ci];
		if (last <= ci || c->lrun[i].k >= cmd->nwords ||
		    !lw_fname(c, &cmd->words[c->lrun[i].k], &f, &n, &raw))
			continue;
		maybe = 0;
		if ((line_writer(c, ci, (uint32_t)c->sp->ncmds, ci + 1, f, n,
		    raw, &how, &maybe) != NONE && how != LW_DISK) ||
		    maybe == 2)
			interp_opaque(c, ci);
	}
}

/* Does command y read (as a file operand, or with <) what command j
   wrote?  x > f; sh f is x | sh to a pipeline pattern. */
static int
file_fed(struct ctx *c, uint32_t j, uint32_t y)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[y];
	const struct shellparse_word *w;
	const char *f;
	size_t n;
	uint32_t k;
	int how, maybe, raw;

	for (k = cmd->nassign; k < cmd->nwords + cmd->nredirs; k++) {
		if (k < cmd->nwords)
			w = &cmd->words[k];
		else if (cmd->redirs[k - cmd->nwords].op == SHELLPARSE_R_IN)
			w = &cmd->redirs[k - cmd->nwords].target;
		else
			continue;
		if ((w->len > 0 && w->text[0] == '-' && k < cmd->nwords) ||
		    (k == cmd->nassign && memchr(w->text, '/', w->len) == NULL) ||
		    !lw_fname(c, w, &f, &n, &raw))
			continue;
		maybe = 0;
		if (line_writer(c, y, y, 0, f, n, raw, &how, &maybe) == j &&
		    how != LW_DISK)
			return (1);
	}
	return (0);
}

static void	lit_parse(struct ctx *, uint32_t, const char *, size_t, int);

/* Shell ci runs the text its input (or its <( )) carries; or, with
   lang, interpreter ci (echo 'import os ...' | python3); or, with
   FEED_OPAQUE, a program whose language is not read here. */
static void __attribute__((noinline))
feed_shell(struct ctx *c, uint32_t ci, int procsub, int lang)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	struct feed f;
	const char *p, *q, *e;
	uint32_t x;
	unsigned nfeed;
	size_t lwleft;

	if (cmd->mark & (CM_PARSED | CM_FED))
		return;
	cmd->mark |= CM_FED;
	memset(&f, 0, sizeof(f));
	nfeed = c->nfeed;
	lwleft = c->lwleft;
	feed_stdin(c, ci, &f, 0, procsub);
	if (lang == FEED_OPAQUE && f.any)
		f.opaque = 1;		/* tclsh: code not read here */
	if (f.opaque && lang != FEED_TILDE_Q && c->opq == NONE) {
		c->opq = ci;
		c->opqfrom = NONE;
		for (x = ci; x-- > 0; )
			if (c->sp->cmds[x].next == ci) {
				c->opqfrom = x;
				break;
			}
	}
	if (!f.any || f.n > FEED_MAX || lang == FEED_OPAQUE ||
	    !feed_fill(c, ci, &f, procsub, nfeed, lwleft))
		return;
	if (lang == FEED_SHEBANG && f.frag) {
		/* sed -i ... t; ./t: t's #! line is not known */
		interp_opaque(c, ci);
		return;
	}
	if (lang == FEED_SHEBANG &&
	    (lang = shebang_lang(f.p, f.n)) == FEED_OPAQUE) {
		interp_opaque(c, ci);	/* #!/usr/bin/tclsh */
		return;
	}
	if (f.frag) {
		/*
		 * s/x/&.bak/: pieces of lines, which alone may not parse
		 * (their commands count all the same), each on its own:
		 * s/x/"/ opens no quote over the next.
		 */
		cmd->mark |= CM_PARSED;
		for (p = f.p, e = f.p + f.n; p < e && !c->nomem; p = q + 1) {
			if ((q = memchr(p, '\0', (size_t)(e - p))) == NULL)
				q = e;
			if (lang == 0)
				lit_parse(c, ci, p, (size_t)(q - p), 0);
			else if (lang < 0)
				text_scan(c, ci, p, (size_t)(q - p), lang);
			else
				code_scan(c, ci, p, (size_t)(q - p), lang, 0);
		}
	} else if (lang == 0)
		nested(c, ci, f.p, f.n);
	else if (lang < 0)
		text_scan(c, ci, f.p, f.n, lang);	/* psql, ed, ... */
	else
		code_scan(c, ci, f.p, f.n, lang, 0);
}

/*
 * Command lines hidden in options and operands: ssh -o ProxyCommand=X,
 * git -c core.pager=X, rsync -e X, tar --to-command=X, script -c X,
 * vim -c '!X', trap X SIG, alias n=X, PS4='$(X)' bash -x, export
 * PROMPT_COMMAND=X.  Each X is parsed as a command line of its own
 * (its commands then need rules like any other), so that a rule that
 * allows "git *" does not also allow whatever git is told to run.
 */
#define OT_OPT		0	/* opt VALUE, opt=VALUE, -oVALUE */
#define OT_FIRST	1	/* the first operand (trap) */
#define OT_ASSIGN	2	/* operands NAME=VALUE, NAME a shell-code
				   variable (export, declare, ...) */
#define OT_ALIAS	3	/* operands NAME=VALUE (alias) */
#define OT_DIR		4	/* opt DIR, as OT_OPT: the command runs in
				   DIR (env -C, tar -C), so its relative
				   paths are also matched from there */
#define OT_PLUS		5	/* +VALUE operands (vim +CMD, less +CMD) */
#define OT_OPTEQ	6	/* as OT_OPT, --opt=VALUE only (mysql
				   --pager: its argument is optional) */

struct cmdopt {
	const char	*cmd;
	size_t		 clen;
	uint8_t		 kind;
	uint8_t		 bang;	/* a command only after a leading '!' */
	const char	*opt;	/* "-o", "--rsh" (also --rsh=VALUE) */
	size_t		 olen;
	const char	*key;	/* the value's KEY= (any case), KEY. ... =,
				   "KEY " (ssh's KEY VALUE or KEY=VALUE),
				   or NULL */
};

#define GIT_KEYS	"\001"	/* the key: git_key() says (git -c K=V) */
#define GIT_ENVKEYS	"\002"	/* the same, its value from the
				   environment (git --config-env K=VAR) */
#define RPM_MACROS	"\003"	/* rpm's macros: %(cmd) runs cmd */
#define COMMA_ARGV	"\004"	/* PROG,ARG,...: an argv (gcc -wrapper) */
#define WORDS_EXP	"\005"	/* words expanded again (compgen -W) */

#define CO_OPT(cmd, bang, opt, key) \
	{ cmd, sizeof(cmd) - 1, OT_OPT, bang, opt, sizeof(opt) - 1, key }
#define CO_DIR(cmd, opt) \
	{ cmd, sizeof(cmd) - 1, OT_DIR, 0, opt, sizeof(opt) - 1, NULL }
#define CO_OPTEQ(cmd, opt) \
	{ cmd, sizeof(cmd) - 1, OT_OPTEQ, 0, opt, sizeof(opt) - 1, NULL }
#define CO_OTHER(cmd, kind) \
	{ cmd, sizeof(cmd) - 1, kind, 0, NULL, 0, NULL }
static const struct cmdopt cmdopts[] = {
	/* apt-get -o APT::Update::Pre-Invoke::=cmd: hooks apt runs */
	CO_OPT("apt", 0, "-o", "apt::update::pre-invoke:"),
	CO_OPT("apt", 0, "-o", "apt::update::post-invoke:"),
	CO_OPT("apt", 0, "-o", "apt::update::post-invoke-success:"),
	CO_OPT("apt", 0, "-o", "dpkg::pre-invoke:"),
	CO_OPT("apt", 0, "-o", "dpkg::post-invoke:"),
	CO_OPT("apt", 0, "-o", "dpkg::pre-install-pkgs:"),
	CO_OPT("apt-get", 0, "-o", "apt::update::pre-invoke:"),
	CO_OPT("apt-get", 0, "-o", "apt::update::post-invoke:"),
	CO_OPT("apt-get", 0, "-o", "apt::update::post-invoke-success:"),
	CO_OPT("apt-get", 0, "-o", "dpkg::pre-invoke:"),
	CO_OPT("apt-get", 0, "-o", "dpkg::post-invoke:"),
	CO_OPT("apt-get", 0, "-o", "dpkg::pre-install-pkgs:"),
	/* autossh takes ssh's options (after apt-get: same length and
	   first letter) */
	CO_OPT("autossh", 0, "-o", "proxycommand "),
	CO_OPT("autossh", 0, "-o", "localcommand "),
	CO_OPT("autossh", 0, "-o", "knownhostscommand "),
	CO_OPT("autossh", 0, "-o", "remotecommand "),
	/* go test -exec X, go build -toolexec X, go vet -vettool=X */
	CO_OPT("go", 0, "-exec", NULL),
	CO_OPT("go", 0, "--exec", NULL),
	CO_OPT("go", 0, "-toolexec", NULL),
	CO_OPT("go", 0, "--toolexec", NULL),
	CO_OPT("go", 0, "-vettool", NULL),
	CO_OPT("go", 0, "--vettool", NULL),
	/* cargo --config 'target.X.runner="cmd"' */
	CO_OPT("cargo", 0, "--config", "*.runner="),
	CO_OPT("cargo", 0, "--config", "*.linker="),
	CO_OPT("cargo", 0, "--config", "*rustc-wrapper="),
	CO_OPT("cargo", 0, "--config", "*rustc-workspace-wrapper="),
	/* cmake -DCMAKE_C_COMPILER=X, -DCMAKE_C_COMPILER_LAUNCHER:STRING=X */
	CO_OPT("cmake", 0, "-D", "*_COMPILER="),
	CO_OPT("cmake", 0, "-D", "*_COMPILER_LAUNCHER="),
	CO_OPT("cmake", 0, "-D", "*_LINKER_LAUNCHER="),
	CO_OPT("gpg2", 0, "--photo-viewer", NULL),
	CO_OPT("gpg2", 0, "--exec-path", NULL),
	/* hg --config alias.x=!cmd, hooks.x=cmd, ui.ssh=cmd */
	CO_OPT("hg", 1, "--config", "alias."),
	CO_OPT("hg", 0, "--config", "hooks."),
	CO_OPT("hg", 0, "--config", "ui.ssh="),
	CO_OPT("hg", 0, "--config", "ui.editor="),
	CO_OPT("hg", 0, "--config", "ui.merge="),
	CO_OPT("hg", 0, "--config", "ui.remotecmd="),
	CO_OPT("hg", 0, "--config", "pager.pager="),
	CO_OPT("wget", 0, "--use-askpass", NULL),
	/* wget -e COMMAND: a .wgetrc line */
	CO_OPT("wget", 0, "-e", "use_askpass="),
	CO_OPT("wget", 0, "-e", "useaskpass="),
	CO_OPT("wget", 0, "--execute", "use_askpass="),
	CO_OPT("wget", 0, "--execute", "useaskpass="),
	CO_OPT("split", 0, "--filter", NULL),
	CO_OPT("ssh", 0, "-o", "proxycommand "),
	CO_OPT("ssh", 0, "-o", "localcommand "),
	CO_OPT("ssh", 0, "-o", "knownhostscommand "),
	CO_OPT("ssh", 0, "-o", "remotecommand "),	/* run there */
	CO_OPT("scp", 0, "-o", "proxycommand "),
	CO_OPT("scp", 0, "-S", NULL),		/* the ssh it runs */
	/* svn --editor-cmd CMD, --config-option config:tunnels:ssh=CMD
	   (svn+ssh:// runs it), config:helpers:diff-cmd=CMD */
	CO_OPT("svn", 0, "--editor-cmd", NULL),
	CO_OPT("svn", 0, "--diff-cmd", NULL),
	CO_OPT("svn", 0, "--diff3-cmd", NULL),
	CO_OPT("svn", 0, "--config-option", "config:tunnels:"),
	CO_OPT("svn", 0, "--config-option", "config:helpers:editor-cmd="),
	CO_OPT("svn", 0, "--config-option", "config:helpers:diff-cmd="),
	CO_OPT("svn", 0, "--config-option", "config:helpers:diff3-cmd="),
	CO_OPT("svn", 0, "--config-option",
	    "config:helpers:merge-tool-cmd="),
	CO_OPT("sftp", 0, "-o", "proxycommand "),
	CO_OPT("sftp", 0, "-S", NULL),
	CO_OPT("sftp", 0, "-D", NULL),		/* a local sftp-server */
	CO_DIR("sudo", "-D"),
	CO_DIR("sudo", "--chdir"),
	CO_OPT("sort", 0, "--compress-program", NULL),
	/* rg --pre CMD: each file searched goes through CMD */
	CO_OPT("rg", 0, "--pre", NULL),
	/* dpkg's hooks, run by sh -c; a status logger fed its progress */
	CO_OPT("dpkg", 0, "--pre-invoke", NULL),
	CO_OPT("dpkg", 0, "--post-invoke", NULL),
	CO_OPT("dpkg", 0, "--status-logger", NULL),
	/* rpm --eval '%(cmd)', -D 'name %(cmd)'; --pipe CMD */
	CO_OPT("rpm", 0, "-E", RPM_MACROS),
	CO_OPT("rpm", 0, "--eval", RPM_MACROS),
	CO_OPT("rpm", 0, "-D", RPM_MACROS),
	CO_OPT("rpm", 0, "--define", RPM_MACROS),
	CO_OPT("rpm", 0, "--pipe", NULL),
	CO_OPT("rpmspec", 0, "-E", RPM_MACROS),
	CO_OPT("rpmspec", 0, "--eval", RPM_MACROS),
	CO_OPT("rpmspec", 0, "-D", RPM_MACROS),
	CO_OPT("rpmspec", 0, "--define", RPM_MACROS),
	/* git -c KEY=VALUE: git_key() */
	CO_OPT("git", 0, "-c", GIT_KEYS),
	CO_OPT("git", 0, "--config-env", GIT_ENVKEYS),
	CO_DIR("git", "-C"),
	/* gpg --photo-viewer CMD; --exec-path: its helpers' PATH */
	CO_OPT("gpg", 0, "--photo-viewer", NULL),
	CO_OPT("gpg", 0, "--exec-path", NULL),
	/* gcc -wrapper PROG,ARG...: its passes run under PROG ARG... */
	CO_OPT("gcc", 0, "-wrapper", COMMA_ARGV),
	CO_OPT("g++", 0, "-wrapper", COMMA_ARGV),
	CO_OPT("cc", 0, "-wrapper", COMMA_ARGV),
	CO_OPT("c++", 0, "-wrapper", COMMA_ARGV),
	CO_OPT("rsync", 0, "-e", NULL),
	CO_OPT("rsync", 0, "--rsh", NULL),
	/* run at the other end: here, for a local "remote" */
	CO_OPT("rsync", 0, "--rsync-path", NULL),
	/* rustc -C linker=PROG: PROG links */
	CO_OPT("rustc", 0, "-C", "linker="),
	CO_OPT("rustc", 0, "--codegen", "linker="),
	CO_OPT("tar", 0, "--to-command", NULL),
	CO_OPT("tar", 0, "--use-compress-program", NULL),
	CO_OPT("tar", 0, "-I", NULL),
	CO_OPT("tar", 0, "--checkpoint-action", "exec="),
	CO_OPT("tar", 0, "--info-script", NULL),
	CO_OPT("tar", 0, "--new-volume-script", NULL),
	CO_DIR("tar", "-C"),
	CO_DIR("tar", "--directory"),
	CO_DIR("env", "-C"),
	CO_DIR("env", "--chdir"),
	CO_DIR("make", "-C"),
	CO_DIR("make", "--directory"),
	CO_DIR("gmake", "-C"),
	CO_DIR("gmake", "--directory"),
	CO_OPT("emacsclient", 0, "-a", NULL),
	CO_OPT("emacsclient", 0, "--alternate-editor", NULL),
	CO_OPT("man", 0, "-P", NULL),
	CO_OPT("man", 0, "--pager", NULL),
	CO_OPT("man", 0, "--html", NULL),
	CO_OPT("script", 0, "-c", NULL),
	CO_OPT("script", 0, "--command", NULL),
	/* strace -o '|cmd': its output piped to a command */
	CO_OPT("strace", 0, "-o", "|"),
	CO_OPT("strace", 0, "-o", "!"),
	CO_OPT("strace", 0, "--output", "|"),
	CO_OPT("strace", 0, "--output", "!"),
	/* slogin: ssh by its old name (after strace: same length and
	   first letter) */
	CO_OPT("slogin", 0, "-o", "proxycommand "),
	CO_OPT("slogin", 0, "-o", "localcommand "),
	CO_OPT("slogin", 0, "-o", "knownhostscommand "),
	CO_OPT("slogin", 0, "-o", "remotecommand "),
	CO_OPT("vim", 2, "-c", NULL),
	CO_OPT("vim", 2, "--cmd", NULL),
	CO_OTHER("vim", OT_PLUS),
	CO_OPT("vi", 2, "-c", NULL),
	CO_OPT("vi", 2, "--cmd", NULL),
	CO_OTHER("vi", OT_PLUS),
	CO_OPT("nvim", 2, "-c", NULL),
	CO_OPT("nvim", 2, "--cmd", NULL),
	CO_OTHER("nvim", OT_PLUS),
	/* nano -s CMD, --speller=CMD: its spell checker */
	CO_OPT("nano", 0, "-s", NULL),
	CO_OPT("nano", 0, "--speller", NULL),
	CO_OPT("view", 2, "-c", NULL),
	CO_OTHER("view", OT_PLUS),
	CO_OPT("ex", 2, "-c", NULL),
	CO_OTHER("ex", OT_PLUS),
	CO_OTHER("less", OT_PLUS),
	/* psql -o '|cmd' (-c, -e of psql and mysql: xlangs[]) */
	CO_OPT("psql", 0, "-o", "|"),
	CO_OPT("psql", 0, "--output", "|"),
	/* npm --script-shell=X run ...: scripts run by X */
	CO_OPT("pnpm", 0, "--script-shell", NULL),
	CO_OPT("npm", 0, "--script-shell", NULL),
	CO_OPT("yarn", 0, "--script-shell", NULL),
	CO_OPTEQ("mysql", "--pager"),
	CO_OPTEQ("mariadb", "--pager"),
	CO_OPT("mapfile", 0, "-C", NULL),
	CO_OPT("zip", 0, "-TT", NULL),
	CO_OPT("zip", 0, "--unzip-command", NULL),
	CO_OPT("readarray", 0, "-C", NULL),
	/* compgen -C CMD: run now, for the words it lists; -W WORDS:
	   each word is expanded, a $(cmd) in it run */
	CO_OPT("compgen", 0, "-C", NULL),
	CO_OPT("compgen", 0, "-W", WORDS_EXP),
	CO_OTHER("trap", OT_FIRST),
	CO_OTHER("alias", OT_ALIAS),
	/* hash -p FILE NAME: NAME runs FILE */
	CO_OPT("hash", 0, "-p", NULL),
	CO_OTHER("export", OT_ASSIGN),
	CO_OTHER("declare", OT_ASSIGN),
	CO_OTHER("typeset", OT_ASSIGN),
	CO_OTHER("local", OT_ASSIGN),
	CO_OPT("rpmbuild", 0, "-E", RPM_MACROS),
	CO_OPT("rpmbuild", 0, "--eval", RPM_MACROS),
	CO_OPT("rpmbuild", 0, "-D", RPM_MACROS),
	CO_OPT("rpmbuild", 0, "--define", RPM_MACROS),
	CO_OTHER("readonly", OT_ASSIGN),
};

#undef CO_OPT
#undef CO_OPTEQ
#undef CO_DIR
#undef CO_OTHER

/*
 * Might a command of this name be in cmdopts[]?  Every view of every
 * command asks, so by length and first letter; risk_compile() checks
 * that every entry passes.
 */
static int
opt_name(const char *s, size_t n)
{
	switch (n) {
	case 2:
		return (s[0] == 'v' || s[0] == 'e' || s[0] == 'g' ||
		    s[0] == 'h' || (s[0] == 'r' && s[1] == 'g') ||
		    (s[0] == 'c' && s[1] == 'c'));
	case 3:
		return (s[0] == 's' || s[0] == 'g' || s[0] == 't' ||
		    (s[0] == 'c' && s[1] == '+') ||
		    s[0] == 'v' || s[0] == 'e' || s[0] == 'm' || s[0] == 'z' ||
		    s[0] == 'n' || s[0] == 'a' || (s[0] == 'r' && s[1] == 'p'));
	case 4:
		return (s[0] == 's' || s[0] == 'n' || s[0] == 't' ||
		    s[0] == 'm' || s[0] == 'v' || s[0] == 'l' || s[0] == 'p' ||
		    s[0] == 'y' || s[0] == 'w' || s[0] == 'g' ||
		    s[0] == 'h' || (s[0] == 'd' && s[1] == 'p'));
	case 5:
		return (s[0] == 'r' || s[0] == 'a' || s[0] == 'l' ||
		    s[0] == 'g' || s[0] == 'm' || s[0] == 'c' || s[0] == 's');
	case 6:
		return (s[0] == 's' || s[0] == 'e');
	case 7:
		return (s[0] == 'd' || s[0] == 't' || s[0] == 'm' ||
		    s[0] == 'a' || (s[0] == 'r' && s[1] == 'p') ||
		    (s[0] == 'c' && s[1] == 'o'));
	case 8:
		return (s[0] == 'r');
	case 9:
		return (s[0] == 'r');
	case 11:
		return (s[0] == 'e');
	default:
		return (0);
	}
}

/* Does opt_name() let every entry of cmdopts[] through, can optidx[]
   index it, and are the names of one length and first letter
   together (opt_texts() looks no further)? */
static int
opt_table_ok(void)
{
	const struct cmdopt *o;
	uint8_t seen[16][128];
	size_t i, n = sizeof(cmdopts) / sizeof(cmdopts[0]);

	if (n >= UINT16_MAX || n > CMDOPTS_MAX)
		return (0);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		o = &cmdopts[i];
		if (!opt_name(o->cmd, o->clen) || o->clen >= 16 ||
		    (unsigned char)o->cmd[0] >= 128)
			return (0);
		if (i > 0 && o->clen == o[-1].clen && o->cmd[0] ==
		    o[-1].cmd[0])
			continue;
		if (seen[o->clen][(unsigned char)o->cmd[0]]++)
			return (0);
	}
	return (1);
}

/* rs->optidx[][]: where each name's entries start; rs->optnext[]:
   where the next name's do. */
static void
opt_index(struct risk_ruleset *rs)
{
	size_t i, n = sizeof(cmdopts) / sizeof(cmdopts[0]);

	for (i = n; i-- > 0; ) {
		rs->optidx[cmdopts[i].clen][(unsigned char)cmdopts[i].cmd[0]] =
		    (uint16_t)(i + 1);
		rs->optnext[i] = (uint16_t)(i + 1 < n && cmdopts[i + 1].clen ==
		    cmdopts[i].clen && meq(cmdopts[i + 1].cmd, cmdopts[i].cmd,
		    cmdopts[i].clen) ? rs->optnext[i + 1] : i + 1);
	}
}

/*
 * Variables the shell runs or expands $( ) in (PS4='$(x)' bash -x), and
 * those that name a command another program runs: pagers, editors,
 * ssh for git and rsync, askpass helpers (GIT_PAGER='rm -rf /' git log),
 * and the programs a build runs: CC for make, and for cargo's build
 * scripts, cgo, setuptools, configure and cmake (CC='x' cargo build).
 */
static int
code_var(const char *s, size_t n)
{
	if (lt_has(code_vars, CV_N, s, n))
		return (1);
	if (make_prog_var(s, n))
		return (1);
	/* CMAKE_<LANG>_COMPILER_LAUNCHER, _LINKER_LAUNCHER */
	if (n > 15 && memcmp(s, "CMAKE_", 6) == 0 &&
	    memcmp(s + n - 9, "_LAUNCHER", 9) == 0)
		return (1);
	/* CARGO_TARGET_<TRIPLE>_RUNNER, _LINKER */
	return (n > 20 && memcmp(s, "CARGO_TARGET_", 13) == 0 &&
	    (memcmp(s + n - 7, "_RUNNER", 7) == 0 ||
	    memcmp(s + n - 7, "_LINKER", 7) == 0));
}

/*
 * Does a vim Ex command run more than vim itself: a ! anywhere (r!x,
 * w !x, %!x, silent !x), a function call (system(), job_start()), or
 * a command that runs a language's code or a script?
 */
static int
vim_runs(const char *s, size_t n)
{
	static const char *const cmds[] = { "py", "py3", "pyx", "python",
	    "python3", "pythonx", "pydo", "py3do", "pyfile", "py3file",
	    "lua", "luado", "luafile", "perl", "perldo", "ruby", "rubydo",
	    "rubyfile", "tcl", "tcldo", "tclfile", "mz", "mzscheme", "exe",
	    "exec", "execute", "so", "source", "ru", "runtime", "ter", "term",
	    "terminal", "cal", "call", "let", "norm", "normal", "com",
	    "command", "au", "autocmd", "doau", "doautocmd" };
	size_t i, l;

	if (memchr(s, '!', n) != NULL || memchr(s, '(', n) != NULL)
		return (1);
	while (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == ':'))
		s++, n--;
	/* sil, silent, uns, vert... are modifiers: a command follows */
	for (l = 0; l < n && isalpha((unsigned char)s[l]); l++)
		;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strlen(cmds[i]) == l && memcmp(cmds[i], s, l) == 0)
			return (1);
	return (l > 0 && l < n && (s[l] == ' ' || s[l] == '\t') &&
	    vim_runs(s + l, n - l));
}

static void	named_path(struct ctx *, const char *, size_t, int);
static void	opt_parse(struct ctx *, uint32_t, const char *, size_t,
		    int);
static const char *skip_blank(const char *, const char *);

/* Is s (n bytes) an abbreviation of name, at least min bytes long? */
static int
ex_abbr(const char *s, size_t n, const char *name, size_t min)
{
	return (n >= min && n <= strlen(name) && memcmp(s, name, n) == 0);
}

/*
 * One vim Ex command, s (n bytes, no '|'): the file it writes or reads
 * by name.  :w FILE, :w >> FILE, :saveas, :wq, :x, :update, :wnext,
 * :redir > FILE, :mksession FILE and the like write FILE; :r FILE,
 * :e FILE, :split FILE and the like read it.  A range (1,$, %, '<,'>,
 * /pat/) and modifiers (silent, keepalt, vertical, ...) come before;
 * ++opt and +cmd words after.  No FILE is the file being edited (an
 * operand); !cmd is vim_runs()'s.
 */
static void
vim_file(struct ctx *c, const char *s, size_t n)
{
	static const struct {
		const char	*name;
		uint8_t		 min, rd;
	} ex[] = {
		{ "write", 1, 0 }, { "wq", 2, 0 }, { "xit", 1, 0 },
		{ "exit", 3, 0 }, { "saveas", 3, 0 }, { "update", 2, 0 },
		{ "wnext", 2, 0 }, { "wNext", 2, 0 }, { "wprevious", 2, 0 },
		{ "redir", 4, 0 }, { "mksession", 3, 0 }, { "mkview", 5, 0 },
		{ "mkvimrc", 3, 0 }, { "mkexrc", 2, 0 }, { "wviminfo", 2, 0 },
		{ "wshada", 3, 0 }, { "read", 1, 1 }, { "edit", 1, 1 },
		{ "ex", 2, 1 }, { "split", 2, 1 }, { "vsplit", 2, 1 },
		{ "tabedit", 4, 1 }, { "tabnew", 4, 1 }, { "new", 3, 1 },
		{ "vnew", 3, 1 }, { "view", 3, 1 }, { "sview", 2, 1 },
		{ "badd", 3, 1 }, { "visual", 2, 1 }, { "argadd", 4, 1 },
	};
	static const struct {
		const char	*name;
		uint8_t		 min;
	} mods[] = {
		{ "silent", 3 }, { "unsilent", 3 }, { "keepalt", 5 },
		{ "keepjumps", 5 }, { "keepmarks", 3 }, { "keeppatterns", 5 },
		{ "lockmarks", 3 }, { "noautocmd", 3 }, { "noswapfile", 3 },
		{ "vertical", 4 }, { "horizontal", 3 }, { "tab", 3 },
		{ "topleft", 2 }, { "botright", 2 }, { "aboveleft", 3 },
		{ "belowright", 3 }, { "leftabove", 5 }, { "rightbelow", 6 },
		{ "confirm", 4 }, { "browse", 3 }, { "hide", 3 },
		{ "verbose", 4 }, { "sandbox", 3 }, { "legacy", 3 },
		{ "vim9cmd", 4 },
	};
	const char *e = s + n, *p = s, *q;
	size_t i, l;
	int redir, rd;

	for (;;) {
		/* the range */
		while (p < e) {
			if (strchr(" \t:0123456789.$%,;+-", *p) != NULL)
				p++;
			else if (*p == '\'' && p + 1 < e)
				p += 2;
			else if (*p == '/' || *p == '?') {
				for (q = p + 1; q < e && *q != *p; q++)
					if (*q == '\\' && q + 1 < e)
						q++;
				p = q < e ? q + 1 : e;
			} else
				break;
		}
		for (q = p; q < e && isalpha((unsigned char)*q); q++)
			;
		l = (size_t)(q - p);
		for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
			if (ex_abbr(p, l, mods[i].name, mods[i].min))
				break;
		if (l == 0 || i == sizeof(mods) / sizeof(mods[0]))
			break;
		p = q < e && *q == '!' ? q + 1 : q;	/* silent! */
		/* verbose 9, tab 2 */
		while (p < e && (isdigit((unsigned char)*p) || *p == ' ' ||
		    *p == '\t'))
			p++;
	}
	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++)
		if (ex_abbr(p, l, ex[i].name, ex[i].min))
			break;
	if (l == 0 || i == sizeof(ex) / sizeof(ex[0]))
		return;
	redir = strcmp(ex[i].name, "redir") == 0;
	p = skip_blank(q < e && *q == '!' ? q + 1 : q, e);
	if (p < e && *p == '>') {
		p++;				/* :w >> FILE */
		if (p < e && *p == '>')
			p++;
		p = skip_blank(p, e);
	} else if (redir)
		return;				/* redir @a, => var, END */
	/* ++enc=x, +cmd, +N: options and a command before FILE */
	while (p < e && *p == '+') {
		for (; p < e && *p != ' ' && *p != '\t'; p++)
			if (*p == '\\' && p + 1 < e)
				p++;
		p = skip_blank(p, e);
	}
	for (q = e; q > p && (q[-1] == ' ' || q[-1] == '\t'); q--)
		;
	if (p == q || *p == '!')
		return;
	if (memchr(p, '$', (size_t)(q - p)) != NULL) {
		/* :w $f: the shell's or vim's expansion, any file */
		rd = c->pread;
		c->pread = ex[i].rd;
		path_any(c, p, (size_t)(q - p));
		c->pread = rd;
	} else
		named_path(c, p, (size_t)(q - p), ex[i].rd);
}

/*
 * vim's Ex commands (vim -c, +CMD, VIMINIT): split at '|', each may
 * run code (vim_runs()) or name a file (vim_file()).  :!cmd takes the
 * rest, bars too, as a shell's command line (the first one is
 * opt_parse()'s).
 */
static void
vim_ex(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *e = s + n, *p = s, *q;

	while (p < e) {
		for (q = p; q < e && (*q == ' ' || *q == '\t' || *q == ':');
		    q++)
			;
		if (q < e && *q == '!') {
			if (p > s)
				opt_parse(c, ci, q + 1, (size_t)(e - q - 1), 0);
			return;
		}
		for (q = p; q < e && *q != '|'; q++)
			if (*q == '\\' && q + 1 < e)
				q++;
		/* (:e `cmd`: a shell runs cmd) */
		if (q > p && (vim_runs(p, (size_t)(q - p)) ||
		    memchr(p, '`', (size_t)(q - p)) != NULL))
			interp_opaque(c, ci);
		if (c->rs->npp > 0)
			vim_file(c, p, (size_t)(q - p));
		p = q + 1;
	}
}

/* Parse s as a command line run by command ci. */
static void
opt_parse(struct ctx *c, uint32_t ci, const char *s, size_t n, int bang)
{
	if (bang == 2)
		vim_ex(c, ci, s, n);
	if (bang) {
		/*
		 * git's alias.x=!cmd; vim's -c '!cmd', -c ':!cmd' (bang
		 * 2: vim's, whose other commands vim_ex() looks at)
		 */
		while (n > 0 && (s[0] == ':' || s[0] == ' ' || s[0] == '\t'))
			s++, n--;
		if (n == 0 || s[0] != '!')
			return;
		s++, n--;
	}
	if (n == 0)
		return;
	calc_note(c, s, n);
	shellparse(c->sp, s, n, (unsigned)c->sp->cmds[ci].depth + 1, ci);
}

/*
 * As opt_parse(), for a command line a program runs with a connection
 * as its input (socat EXEC:, nc -e): what its commands read is not
 * the line's (nc -l -e sh is a shell reading the network).
 */
static void
opt_parse_net(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	struct shellparse *sp = c->sp;
	uint32_t first = sp->ncmds, x, y;

	opt_parse(c, ci, s, n, 0);
	for (x = first; x < sp->ncmds; x++) {
		if (sp->cmds[x].parent != ci)
			continue;
		for (y = first; y < sp->ncmds && sp->cmds[y].next != x; y++)
			;
		if (y == sp->ncmds)	/* no pipe feeds it */
			sp->cmds[x].flags |= SHELLPARSE_C_PIPEIN;
	}
}

/*
 * Variables whose value another program reads as its options or code:
 * BASH_FUNC_f%%='() { ...; }' (env only: not a shell's name) defines
 * a function bash imports; ENV is expanded by an interactive sh; LESS
 * and MORE are options, +!cmd among them; PERL5DB is the debugger's
 * code, PERL5OPT -M's text code too;
 * NODE_OPTIONS may --import a data: URL; TAR_OPTIONS may name a
 * program tar runs; GIT_TEMPLATE_DIR holds hooks that run later;
 * PYTHONBREAKPOINT names what breakpoint() calls (os.system); VIMINIT
 * and EXINIT are Ex commands vim runs as it starts (as -c's); MANOPT
 * is man's options, -P PAGER and -H BROWSER among them.
 * Returns whether w was one of them.
 */
static int
env_code(struct ctx *c, uint32_t ci, const struct shellparse_word *w,
    size_t nl)
{
	const char *t = w->text, *v = w->text + nl + 1, *p, *e;
	size_t n = w->len - nl - 1;
	int pat = shellparse_pattern(w) != NULL;

	if (nl > 10 && memcmp(t, "BASH_FUNC_", 10) == 0) {
		/* () { body; }: the body, as a group */
		if (n >= 2 && v[0] == '(' && v[1] == ')')
			v += 2, n -= 2;
		opt_parse(c, ci, v, n, 0);
		return (1);
	}
	if (nl == 3 && memcmp(t, "ENV", 3) == 0) {
		/* an interactive sh expands it: $(cmd) runs (a name of a
		   file, ENV=production, is not read here) */
		if (has_pair(v, n, '$', '(') || memchr(v, '`', n) != NULL)
			opt_parse(c, ci, v, n, 0);
		return (1);
	}
	if ((nl == 7 && memcmp(t, "VIMINIT", 7) == 0) ||
	    (nl == 6 && memcmp(t, "EXINIT", 6) == 0)) {
		/* Ex commands vim (vi, ex) runs as it starts, as -c's */
		if (pat)
			interp_opaque(c, ci);
		else
			opt_parse(c, ci, v, n, 2);
		return (1);
	}
	if ((nl == 4 && memcmp(t, "LESS", 4) == 0) ||
	    (nl == 4 && memcmp(t, "MORE", 4) == 0)) {
		/* less's options: +CMD, ++CMD; a ! runs a shell */
		for (p = v, e = v + n; p < e; p++) {
			if (*p != '+' || (p > v && p[-1] != ' '))
				continue;
			while (p < e && *p == '+')
				p++;
			opt_parse(c, ci, p, (size_t)(e - p), 1);
			break;
		}
		return (1);
	}
	if ((nl == 7 && memcmp(t, "PERL5DB", 7) == 0 && n > 0) ||
	    (nl == 16 && memcmp(t, "GIT_TEMPLATE_DIR", 16) == 0 && n > 0) ||
	    (nl == 16 && memcmp(t, "PYTHONBREAKPOINT", 16) == 0 && (pat ||
	    !(n == 0 || (n == 1 && v[0] == '0') || (n == 13 &&
	    memcmp(v, "pdb.set_trace", 13) == 0)))) ||
	    (nl == 8 && memcmp(t, "PERL5OPT", 8) == 0 && (pat ||
	    strpbrk(v, ";({`$") != NULL)) ||
	    (nl == 12 && memcmp(t, "NODE_OPTIONS", 12) == 0 && (pat ||
	    memmem(v, n, "data:", 5) != NULL)) ||
	    (nl == 11 && memcmp(t, "TAR_OPTIONS", 11) == 0 && (pat ||
	    memmem(v, n, "command", 7) != NULL || memmem(v, n, "program",
	    7) != NULL || memmem(v, n, "script", 6) != NULL ||
	    memmem(v, n, "checkpoint-action", 17) != NULL ||
	    memmem(v, n, "-I", 2) != NULL)) ||
	    (nl == 6 && memcmp(t, "MANOPT", 6) == 0 && (pat ||
	    memmem(v, n, "-P", 2) != NULL || memmem(v, n, "-H", 2) != NULL ||
	    memmem(v, n, "--pa", 4) != NULL ||
	    memmem(v, n, "--ht", 4) != NULL))) {
		interp_opaque(c, ci);
		return (1);
	}
	return (0);
}

/*
 * GIT_CONFIG_KEY_<n>=KEY with GIT_CONFIG_VALUE_<n>=VALUE: git -c
 * KEY=VALUE, where the value is looked for among the command's words
 * (GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0=x git log, export
 * ...); one set elsewhere is not known.  GIT_CONFIG_PARAMETERS holds
 * git -c's own list, in git's quoting: not known.
 */
static void
git_env(struct ctx *c, uint32_t ci, const struct shellparse_word *w,
    size_t nl)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *x;
	const char *t;
	size_t dl, l;
	uint32_t k;
	int gk;

	if (nl == 21 && memcmp(w->text, "GIT_CONFIG_PARAMETERS", 21) == 0) {
		if (w->len > nl + 1)
			interp_opaque(c, ci);
		return;
	}
	if (nl <= 15 || memcmp(w->text, "GIT_CONFIG_KEY_", 15) != 0)
		return;
	dl = nl - 15;		/* the <n> */
	if (shellparse_pattern(w) != NULL) {
		interp_opaque(c, ci);
		return;
	}
	if ((gk = git_key(w->text + nl + 1, w->len - nl - 1)) == GK_NONE)
		return;
	for (k = 0; k < cmd->nwords; k++) {
		x = &cmd->words[k];
		if (x->len < 17 + dl || memcmp(x->text, "GIT_CONFIG_VALUE_",
		    17) != 0 || memcmp(x->text + 17, w->text + 15, dl) != 0 ||
		    x->text[17 + dl] != '=')
			continue;
		if (gk == GK_OPAQUE || (shellparse_pattern(x) != NULL &&
		    gk != GK_CMD))
			break;
		l = x->len - 18 - dl;
		if ((t = git_value(gk, x->text + 18 + dl, &l)) != NULL)
			opt_parse(c, ci, t, l, 0);
		return;
	}
	interp_opaque(c, ci);
}

/*
 * GOFLAGS="-mod=mod -toolexec=X": a space-separated list of -flag=value
 * that every go command takes; -exec, -toolexec and -vettool name a
 * program it runs.
 */
static void
goflags(struct ctx *c, uint32_t ci, const char *v, size_t n)
{
	static const char *const progs[] = { "exec=", "toolexec=",
	    "vettool=" };
	const char *e = v + n, *f, *p;
	size_t i, l;

	for (; v < e; v = f) {
		while (v < e && (*v == ' ' || *v == '\t' || *v == '\n'))
			v++;
		for (f = v; f < e && *f != ' ' && *f != '\t' && *f != '\n';
		    f++)
			;
		if (f - v < 2 || v[0] != '-')
			continue;
		p = v + (v[1] == '-' ? 2 : 1);
		for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
			l = strlen(progs[i]);
			if ((size_t)(f - p) > l && memcmp(p, progs[i], l) == 0)
				opt_parse(c, ci, p + l, (size_t)(f - p) - l, 0);
		}
	}
}

/*
 * BASH_CMDS=([ls]=/bin/rm), BASH_ALIASES+=([ls]=id): bash's tables of
 * the file a name runs and of what a name stands for.  Each value is
 * parsed as a command line (the file's base name then needs a rule,
 * as alias ls=id's id does); a list not read here is text not known.
 * The word's quotes are gone, so a value runs to the next " [" (one
 * that held one is then no [key]=: not known).
 */
static void
opt_table(struct ctx *c, uint32_t ci, const char *v, size_t n)
{
	const char *e = v + n, *s;

	if (n < 2 || v[0] != '(' || e[-1] != ')') {
		if (n > 0)
			opt_parse(c, ci, v, n, 0);
		return;
	}
	for (v++, e--; v < e && !c->nomem; ) {
		if (*v == ' ' || *v == '\t' || *v == '\n') {
			v++;
			continue;
		}
		/* [key]=value: the key has no ] in it here */
		if (*v != '[' || (s = memchr(v, ']', (size_t)(e - v))) ==
		    NULL || s + 1 >= e || s[1] != '=') {
			interp_opaque(c, ci);
			return;
		}
		for (v = s += 2; v < e && !((*v == ' ' || *v == '\t' ||
		    *v == '\n') && v + 1 < e && v[1] == '['); v++)
			;
		opt_parse(c, ci, s, (size_t)(v - s), 0);
	}
}

/* The value of a NAME=VALUE word that holds shell code, if any. */
static void
opt_assign(struct ctx *c, uint32_t ci, const struct shellparse_word *w,
    int any)
{
	const char *eq = memchr(w->text, '=', w->len);
	size_t nl;

	if (eq == NULL || eq == w->text)
		return;
	nl = (size_t)(eq - w->text);
	if (!any && ((nl >= 9 && memcmp(w->text, "BASH_CMDS", 9) == 0 &&
	    (nl == 9 || (nl == 10 && w->text[9] == '+'))) || (nl >= 12 &&
	    memcmp(w->text, "BASH_ALIASES", 12) == 0 && (nl == 12 ||
	    (nl == 13 && w->text[12] == '+'))))) {
		opt_table(c, ci, eq + 1, w->len - nl - 1);
		return;
	}
	if (!any && nl == 7 && memcmp(w->text, "GOFLAGS", 7) == 0) {
		if (shellparse_pattern(w) == NULL)
			goflags(c, ci, eq + 1, w->len - nl - 1);
		return;
	}
	if (!any && nl > 11 && memcmp(w->text, "GIT_CONFIG_", 11) == 0) {
		git_env(c, ci, w, nl);
		return;
	}
	if (!any && env_code(c, ci, w, nl))
		return;
	if (!any && !code_var(w->text, nl))
		return;
	opt_parse(c, ci, eq + 1, w->len - (size_t)(eq + 1 - w->text), 0);
}

/* A KEY=VALUE option value: the VALUE when KEY is o->key. */
static int
opt_value(const struct cmdopt *o, const char **vp, size_t *np)
{
	const char *v = *vp, *eq, *ke;
	size_t n = *np, kl;

	if (o->key == NULL)
		return (1);
	kl = strlen(o->key);
	if (o->key[0] == '*') {
		/* cargo --config 'target.X.runner="cmd"': a KEY ending so,
		   its TOML string's quotes off */
		if ((eq = memchr(v, '=', n)) == NULL)
			return (0);
		/* cmake's -DNAME:TYPE=VALUE */
		for (ke = eq; ke > v && ke[-1] != ':'; ke--)
			;
		if (ke == v || ke - 1 == v)
			ke = eq;
		else
			ke--;
		if ((size_t)(ke - v) < kl - 2 || strncasecmp(ke - (kl - 2),
		    o->key + 1, kl - 2) != 0)
			return (0);
		n -= (size_t)(eq + 1 - v);
		v = eq + 1;
		while (n > 0 && (*v == ' ' || *v == '\t'))
			v++, n--;
		if (n >= 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[n - 1] == v[0])
			v++, n -= 2;
		*vp = v;
		*np = n;
		return (1);
	}
	if (o->key[kl - 1] == ' ') {
		/* ssh -o 'ProxyCommand X', -o ProxyCommand=X */
		if ((kl = sshcfg_value(v, n, o->key, kl - 1)) == 0)
			return (0);
		*vp = v + kl;
		*np = n - kl;
		return (1);
	}
	if (n < kl || strncasecmp(v, o->key, kl) != 0)
		return (0);
	if (o->key[kl - 1] == ':') {
		/* apt's APT::Update::Pre-Invoke::=cmd, ...=cmd; svn's
		   config:tunnels:NAME=cmd */
		while (kl < n && v[kl] == ':')
			kl++;
		if ((eq = memchr(v + kl, '=', n - kl)) == NULL)
			return (0);
		kl = (size_t)(eq + 1 - v);
	} else if (o->key[kl - 1] == '.') {
		/* section.NAME=VALUE */
		if ((eq = memchr(v + kl, '=', n - kl)) == NULL)
			return (0);
		kl = (size_t)(eq + 1 - v);
	}
	*vp = v + kl;
	*np = n - kl;
	return (1);
}

/*
 * Interpreters whose programs run commands: awk's system("X"),
 * print | "X", "X" | getline, and sed's e X, s///e.  A literal command
 * is parsed as a command line of command ci; one built when it runs
 * (system(x), s/../../e) makes a shell run text not known.
 */

static const char *code_unquote(const char *, const char *, int, int, int,
		    char *, size_t *);

/*
 * A file a program's own language names (sed's w FILE, awk's print >
 * "FILE"): a path the call writes, or reads if rd, as path rules see
 * the words of its line.
 */
static void
named_path(struct ctx *c, const char *s, size_t n, int rd)
{
	int pr;

	if (n == 0 || c->rs->npp == 0 || c->nomem)
		return;
	pr = c->pread;
	c->pread = rd;
	path_feed_here(c, s, n);
	c->pread = pr;
}

/* A file such a language makes as it runs: any path, written. */
static void
named_any(struct ctx *c, const char *s, size_t n)
{
	int pr;

	if (c->rs->npp == 0 || c->nomem)
		return;
	pr = c->pread;
	c->pread = 0;
	path_any(c, s, n);
	c->pread = pr;
}

/* An awk string literal at s[0] == '"': its end (past the quote), or
   e; its value unescaped into the arena as *v, *vn. */
static const char *
awk_string(struct ctx *c, const char *s, const char *e, char **v,
    size_t *vn)
{
	const char *p;
	char *d;
	size_t n = 0;

	*v = NULL;
	*vn = 0;
	/* \x3b, \073 as awk reads them; \q as gawk does (q: mawk keeps
	   the backslash, a shell then reads less) */
	if ((p = code_unquote(s + 1, e, '"', LANG_AWK, 0, NULL, &n)) >= e)
		return (e);
	if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
		c->nomem = 1;
		return (e);
	}
	code_unquote(s + 1, p, '"', LANG_AWK, 0, d, &n);
	d[n] = '\0';
	*v = d;
	*vn = n;
	return (p + 1);
}

static const char *
skip_blank(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return (p);
}

/* Is command line v a shell reading its input: "sh", "bash -x"? */
static int
awk_pipe_shell(const char *v, size_t n)
{
	const char *e = v + n, *w;

	v = skip_blank(v, e);
	for (w = v; w < e && *w != ' ' && *w != '\t'; w++)
		;
	return (shell_word(v, (size_t)(w - v)) &&
	    memmem(w, (size_t)(e - w), " -c", 3) == NULL);
}

static void
awk_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *e = s + n, *p = s, *q, *lit = NULL, *litend = NULL;
	char *v, *lv = NULL;
	size_t vn, lvn = 0;
	int last = '(';		/* last thing seen: an operand can follow */
	int depth = 0, pdepth = -1;	/* ( ) depth; a print's, or -1 */

	while (p < e && !c->nomem) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (*p == '#') {
			while (p < e && *p != '\n')
				p++;
			continue;
		}
		if (*p == '"') {
			lit = p;
			p = awk_string(c, p, e, &lv, &lvn);
			litend = p;
			last = 'x';
			continue;
		}
		if (*p == '/' && strchr("(,{;!~&|\n=", last) != NULL) {
			/* a regular expression: /a|b/ is no pipe */
			for (p++; p < e && *p != '/' && *p != '\n'; p++) {
				if (*p == '\\' && p + 1 < e)
					p++;
				else if (*p == '[')
					while (p + 1 < e && p[1] != ']' &&
					    p[1] != '\n')
						p++;
			}
			p++;
			last = 'x';
			continue;
		}
		if (*p == '|' && p + 1 < e && p[1] == '|') {
			p += 2;
			last = '|';
			continue;
		}
		if (*p == '|') {
			q = skip_blank(p + 1 + (p + 1 < e && p[1] == '&'), e);
			if ((size_t)(e - q) >= 7 && memcmp(q, "getline", 7) == 0) {
				/* "X" | getline: the literal just before */
				if (lit != NULL && lv != NULL &&
				    skip_blank(litend, e) == p)
					opt_parse(c, ci, lv, lvn, 0);
				else
					interp_opaque(c, ci);
			} else if (q < e && *q == '"') {
				/* print | "X": a shell there runs the text */
				q = awk_string(c, q, e, &v, &vn);
				if (v != NULL) {
					opt_parse(c, ci, v, vn, 0);
					if (awk_pipe_shell(v, vn))
						interp_opaque(c, ci);
				}
				q = skip_blank(q, e);
				if (q < e && strchr(";}\n)", *q) == NULL)
					interp_opaque(c, ci);	/* "X" y */
			} else
				interp_opaque(c, ci);
			p++;
			last = '|';
			continue;
		}
		if ((*p == 's' || *p == 'S') && (size_t)(e - p) >= 6 &&
		    memcmp(p, "system", 6) == 0 &&
		    (p == s || !vt_id((unsigned char)p[-1])) &&
		    (q = skip_blank(p + 6, e)) < e && *q == '(') {
			q = skip_blank(q + 1, e);
			if (q < e && *q == '"') {
				q = awk_string(c, q, e, &v, &vn);
				if (v != NULL)
					opt_parse(c, ci, v, vn, 0);
				q = skip_blank(q, e);
				if (q >= e || *q != ')')
					interp_opaque(c, ci);
			} else
				interp_opaque(c, ci);
			p += 6;
			last = 'x';
			continue;
		}
		if (*p == 'p' && (p == s || !vt_id((unsigned char)p[-1])) &&
		    (size_t)(e - p) >= 5 && memcmp(p, "print", 5) == 0) {
			q = p + 5 + ((size_t)(e - p) > 5 && p[5] == 'f');
			if (q >= e || !vt_id((unsigned char)*q))
				pdepth = depth;	/* print, printf */
		}
		if (*p == '>' && pdepth == depth && last == 'x') {
			/* print > "FILE", print >> "FILE"; a file made as
			   it runs (print > $1, > "a" x) may be any */
			q = skip_blank(p + 1 + (p + 1 < e && p[1] == '>'), e);
			v = NULL;
			if (q < e && *q == '"')
				q = skip_blank(awk_string(c, q, e, &v, &vn), e);
			if (v != NULL && (q >= e || strchr(";}\n)|", *q) !=
			    NULL))
				named_path(c, v, vn, 0);
			else {
				for (q = p; q < e && strchr(";}\n", *q) == NULL;
				    q++)
					;
				named_any(c, p, (size_t)(q - p));
			}
			p += 1 + (p + 1 < e && p[1] == '>');
			last = '>';
			continue;
		}
		if (*p == '<' && last == 'x') {
			/* getline < "FILE" (or a comparison with a
			   string, which only adds a path read) */
			q = skip_blank(p + 1, e);
			if (q < e && *q == '"') {
				awk_string(c, q, e, &v, &vn);
				if (v != NULL)
					named_path(c, v, vn, 1);
			}
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (strchr(";{}\n", *p) != NULL)
			pdepth = -1;
		last = vt_id((unsigned char)*p) || *p == ')' || *p == ']' ?
		    'x' : *p;
		p++;
	}
}

/*
 * sqlite3's dot-commands in s (n bytes) that run a command: .shell CMD
 * and .system CMD (abbreviated to two letters, as sqlite3 takes them),
 * and a FILE of "|CMD" (.output, .once, .import, .read).
 */
/* Program ci reads its input as its code (scan: FEED_*): tclsh <<EOF,
   psql <<< '\! x', echo '...' | R, tclsh < f. */
static void
input_scan(struct ctx *c, uint32_t ci, int scan)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_redir *r;
	uint32_t k;

	if (cmd->mark & CM_INPUT)
		return;		/* sqlite3's .read /dev/stdin in it */
	cmd->mark |= CM_INPUT;
	for (k = 0; k < cmd->nredirs; k++) {
		r = &cmd->redirs[k];
		if ((r->op != SHELLPARSE_R_HEREDOC &&
		    r->op != SHELLPARSE_R_HERESTR) || (r->fd != -1 &&
		    r->fd != 0))
			continue;
		if (r->op == SHELLPARSE_R_HERESTR)
			text_scan(c, ci, r->target.text, r->target.len, scan);
		else if (r->body != NULL)
			text_scan(c, ci, r->body, r->bodylen, scan);
		else if (scan != FEED_TILDE_Q)
			interp_opaque(c, ci);
		return;
	}
	feed_shell(c, ci, 0, scan);
}

/*
 * The sqlite3 shell's SQL function edit(TEXT, EDITOR) runs EDITOR with
 * system(): a literal is a command line, anything else is not known.
 * edit(TEXT) runs $VISUAL, which an assignment shows (code_var()).
 */
/* An SQL string at q ('...' or "...", a doubled quote in it): its
   closing quote, or e. */
static const char *
sql_string(const char *q, const char *e)
{
	char quote = *q;

	for (q++; q < e; q++)
		if (*q == quote && (q + 1 == e || q[1] != quote))
			break;
		else if (*q == quote)
			q++;
	return (q);
}

static void
sql_edit(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *e = s + n, *p, *q, *v;
	char *d;
	size_t l;
	int depth, nested;

	for (p = s; p < e; p++) {
		if (*p == '\'' || *p == '"') {
			p = sql_string(p, e);
			continue;
		}
		if (e - p < 5 || strncasecmp(p, "edit", 4) != 0 ||
		    (p > s && (isalnum((unsigned char)p[-1]) ||
		    p[-1] == '_')))
			continue;
		for (q = p + 4; q < e && isspace((unsigned char)*q); q++)
			;
		if (q >= e || *q != '(')
			continue;
		/* past the first argument; an edit() in it is not looked
		   into (each text is scanned once) */
		for (q++, depth = nested = 0; q < e; q++) {
			if (*q == '\'' || *q == '"')
				q = sql_string(q, e);
			else if (*q == '(')
				depth++;
			else if (*q == ')' && depth-- == 0)
				break;
			else if (*q == ',' && depth == 0)
				break;
			else if ((*q == 'e' || *q == 'E') && e - q >= 4 &&
			    strncasecmp(q, "edit", 4) == 0)
				nested = 1;
		}
		if (nested)
			interp_opaque(c, ci);
		p = q < e ? q : e - 1;
		if (q >= e || *q != ',')
			continue;
		for (q++; q < e && isspace((unsigned char)*q); q++)
			;
		if (q >= e || *q != '\'') {
			interp_opaque(c, ci);	/* edit(x, y || 'z') */
			continue;
		}
		if ((d = shellparse_alloc(c->sp, (size_t)(e - q))) == NULL) {
			c->nomem = 1;
			return;
		}
		for (v = q + 1, l = 0; v < e; v++) {
			if (*v == '\'' && v + 1 < e && v[1] == '\'')
				v++;
			else if (*v == '\'')
				break;
			d[l++] = *v;
		}
		d[l] = '\0';
		for (q = v + 1; q < e && isspace((unsigned char)*q); q++)
			;
		if (v >= e || q >= e || *q != ')')
			interp_opaque(c, ci);
		else
			opt_parse(c, ci, d, l, 0);
		p = v < e ? v : e - 1;
	}
}

/* An argument "|CMD", '|CMD' or |CMD in [q, eol): the rest of the
   line is a command line (sqlite3's .once, ftp's get). */
static void
bar_rest(struct ctx *c, uint32_t ci, const char *q, const char *eol)
{
	const char *b;
	size_t l;

	for (b = q; b < eol; b++) {
		if (*b != '|' || (b > q && b[-1] != ' ' &&
		    b[-1] != '\t' && b[-1] != '"' && b[-1] != '\''))
			continue;
		l = (size_t)(eol - b - 1);
		if (b > q && (b[-1] == '"' || b[-1] == '\'') && l > 0 &&
		    b[l] == b[-1])
			l--;
		opt_parse(c, ci, b + 1, l, 0);
		return;
	}
}

static void
dot_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q, *a, *b;
	size_t l;

	if (n >= 5)
		sql_edit(c, ci, s, n);

	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		for (q = p; q < eol && (*q == ' ' || *q == '\t' ||
		    *q == '\r'); q++)
			;
		if (q >= eol || *q != '.')
			continue;
		for (a = ++q; q < eol && ((*q >= 'a' && *q <= 'z') ||
		    (*q >= 'A' && *q <= 'Z')); q++)
			;
		l = (size_t)(q - a);
		for (; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if (l >= 2 && (strncmp(a, "shell", l) == 0 ||
		    strncmp(a, "system", l) == 0) && l <= 6) {
			if (q < eol)
				opt_parse(c, ci, q, (size_t)(eol - q), 0);
			continue;
		}
		if (l >= 3 && l <= 4 && strncmp(a, "read", l) == 0) {
			/* .read /dev/stdin: its input, which it reads
			   no other way when given SQL operands */
			for (b = eol; b > q && (b[-1] == ' ' ||
			    b[-1] == '\t' || b[-1] == '\r'); b--)
				;
			if (b - q >= 2 && (*q == '"' || *q == '\'') &&
			    b[-1] == *q)
				q++, b--;
			switch (fd_path(q, (size_t)(b - q))) {
			case XF_INPUT:
				input_scan(c, ci, FEED_SQLITE);
				break;
			case XF_PROCSUB:
				interp_opaque(c, ci);
				break;
			default:
				/* .read f: a file the line wrote */
				if (b > q && lw_before(c, ci))
					named_opaque(c, ci, q, (size_t)(b - q));
				break;
			}
		}
		bar_rest(c, ci, q, eol);
	}
}

/* Is word w (case aside) in s (n bytes), not part of a longer name? */
static int
ci_word(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w), i;

	for (i = 0; i + l <= n; i++)
		if (strncasecmp(s + i, w, l) == 0 &&
		    (i == 0 || !(isalnum((unsigned char)s[i - 1]) ||
		    s[i - 1] == '_')) && (i + l == n ||
		    !(isalnum((unsigned char)s[i + l]) || s[i + l] == '_')))
			return (1);
	return (0);
}

/* The rest of a line from p, a command line when it holds one. */
static void
line_rest(struct ctx *c, uint32_t ci, const char *p, const char *eol)
{
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (p < eol)
		opt_parse(c, ci, p, (size_t)(eol - p), 0);
}

/*
 * psql's text: \! CMD; \o, \g, \gx, \w (and \out, \write) given |CMD;
 * and COPY or \copy to or from a PROGRAM, which the server runs:
 * text not known.
 */
static void
psql_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q, *a;
	size_t l;

	if (ci_word(s, n, "copy") && ci_word(s, n, "program")) {
		interp_opaque(c, ci);
		return;
	}
	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		for (q = p; q < eol; q++) {
			if (*q != '\\')
				continue;
			for (a = ++q; q < eol && ((*q >= 'a' && *q <= 'z') ||
			    (*q >= 'A' && *q <= 'Z')); q++)
				;
			l = (size_t)(q - a);
			if (l == 0 && q < eol && *q == '!') {
				line_rest(c, ci, q + 1, eol);
				break;
			}
			if ((l == 1 && strchr("ogw", *a) != NULL) ||
			    (l == 2 && memcmp(a, "gx", 2) == 0) ||
			    (l == 3 && memcmp(a, "out", 3) == 0) ||
			    (l == 5 && memcmp(a, "write", 5) == 0)) {
				while (q < eol && (*q == ' ' || *q == '\t' ||
				    *q == '\'' || *q == '"'))
					q++;
				if (q < eol && *q == '|') {
					line_rest(c, ci, q + 1, eol);
					break;
				}
			}
			q--;
		}
	}
}

/* mysql's and mariadb's text: system CMD, \! CMD; pager CMD, \P CMD
   (each result is piped to it). */
static void
mysql_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q;

	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		for (q = p; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if ((eol - q > 6 && strncasecmp(q, "system", 6) == 0 &&
		    (q[6] == ' ' || q[6] == '\t')) ||
		    (eol - q > 5 && strncasecmp(q, "pager", 5) == 0 &&
		    (q[5] == ' ' || q[5] == '\t'))) {
			line_rest(c, ci, q + (q[0] == 'p' || q[0] == 'P' ? 5 :
			    6), eol);
			continue;
		}
		for (; q + 1 < eol; q++)
			if (q[0] == '\\' && (q[1] == '!' || q[1] == 'P')) {
				line_rest(c, ci, q + 2, eol);
				break;
			}
	}
}

/* A line's ed address: ., $, N, +N, -N, ',', ';', 'x, /re/, ?re?. */
static const char *
ed_addr(const char *q, const char *eol)
{
	char d;

	while (q < eol) {
		if (strchr("0123456789.$,;+-^ \t", *q) != NULL)
			q++;
		else if (*q == '\'' && q + 1 < eol)
			q += 2;
		else if (*q == '/' || *q == '?') {
			for (d = *q++; q < eol && *q != d; q++)
				if (*q == '\\' && q + 1 < eol)
					q++;
			if (q < eol)
				q++;
		} else
			break;
	}
	return (q);
}

/*
 * ed's commands: !CMD, r !CMD, w !CMD (and W, e, E, wq), the same in
 * the command list of g/re/ and v/re/; text after a, i or c up to a
 * line "." is only text.
 */
static void
ed_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q;
	int text = 0, more = 0, d, g;

	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		if (text) {
			if (eol - p == 1 && p[0] == '.')
				text = 0;
			continue;
		}
		if (more) {
			/* s/a/b\<newline>c/: the replacement goes on */
			more = eol > p && eol[-1] == '\\';
			continue;
		}
		q = p;
		for (g = 0; g < 2; g++) {
			q = ed_addr(q, eol);
			if (q >= eol)
				break;
			switch (*q) {
			case '!':
				line_rest(c, ci, q + 1, eol);
				break;
			case 'r': case 'w': case 'W': case 'e': case 'E':
				if (*q == 'w' && q + 1 < eol && q[1] == 'q')
					q++;
				for (q++; q < eol && (*q == ' ' || *q == '\t');
				    q++)
					;
				if (q < eol && *q == '!')
					line_rest(c, ci, q + 1, eol);
				break;
			case 'a': case 'i': case 'c':
				text = 1;
				break;
			case 's':
				more = eol > q && eol[-1] == '\\';
				break;
			case 'g': case 'G': case 'v': case 'V':
				if (g > 0 || q + 1 >= eol)
					break;
				/* g/re/CMD: CMD as a line of its own */
				for (d = *++q, q++; q < eol && *q != d; q++)
					if (*q == '\\' && q + 1 < eol)
						q++;
				if (q < eol && eol[-1] == '\\') {
					interp_opaque(c, ci);	/* a list */
					return;
				}
				if (q < eol) {
					q++;
					continue;
				}
				break;
			}
			break;
		}
	}
}

/* sftp's batch: a line !CMD, after the - and @ it may start with. */
static void
bang_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q;

	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		for (q = p; q < eol && strchr(" \t-@", *q) != NULL; q++)
			;
		if (q < eol && *q == '!')
			line_rest(c, ci, q + 1, eol);
	}
}

/* ftp's commands: !cmd, and a local file |cmd (get f |cmd, ls |more) */
static void
ftp_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q;

	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		for (q = p; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < eol && *q == '!')
			line_rest(c, ci, q + 1, eol);
		else
			bar_rest(c, ci, q, eol);
	}
}

/*
 * lftp's commands, split by ;, &&, || and newlines: !cmd runs the rest
 * of the line; "cmd | shellcmd" pipes into a shell command; source -e
 * runs the output of one as lftp's commands, which is not known.
 */
static void
lftp_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *e = s + n, *eol = NULL, *q, *x;
	char quote = 0;
	int start = 1;

	for (q = s; q < e; q++) {
		if (quote) {
			if (*q == quote)
				quote = 0;
			else if (*q == '\\' && q + 1 < e)
				q++;
			continue;
		}
		if (start && (*q == ' ' || *q == '\t'))
			continue;
		/* the end of this line, once a line (q only moves on) */
		if (eol == NULL || eol < q) {
			if ((eol = memchr(q, '\n', (size_t)(e - q))) == NULL)
				eol = e;
		}
		if (start && *q == '!') {
			line_rest(c, ci, q + 1, eol);
			q = eol;
			continue;
		}
		if (start && eol - q > 7 && memcmp(q, "source", 6) == 0 &&
		    (q[6] == ' ' || q[6] == '\t')) {
			/* source -e CMD, up to the command's end */
			for (x = q + 6; x + 1 < eol && *x != ';' &&
			    *x != '&' && *x != '|'; x++)
				if (x[0] == '-' && x[1] == 'e') {
					interp_opaque(c, ci);
					break;
				}
		}
		start = 0;
		if (*q == '"' || *q == '\'')
			quote = *q;
		else if (*q == '\\' && q + 1 < e)
			q++;
		else if (*q == '\n' || *q == ';' || *q == '&')
			start = 1;
		else if (*q == '|' && q + 1 < e && q[1] == '|')
			start = 1, q++;
		else if (*q == '|') {
			line_rest(c, ci, q + 1, eol);
			q = eol;
			start = 1;
		}
	}
}

/*
 * A crontab: each line's command, past the five time fields (or one
 * @reboot), runs later; a % ends it (the rest is its input).  A SHELL
 * or BASH_ENV it sets makes every command text not known.
 */
static void
cron_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q, *v;
	char *d;
	size_t l;
	int f;

	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		for (q = p; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if (q >= eol || *q == '#')
			continue;
		/* NAME=VALUE */
		for (v = q; v < eol && (isalnum((unsigned char)*v) ||
		    *v == '_'); v++)
			;
		while (v < eol && (*v == ' ' || *v == '\t'))
			v++;
		if (v > q && v < eol && *v == '=') {
			if ((v - q >= 5 && memcmp(q, "SHELL", 5) == 0) ||
			    (v - q >= 8 && memcmp(q, "BASH_ENV", 8) == 0))
				interp_opaque(c, ci);
			continue;
		}
		for (f = *q == '@' ? 1 : 5; f > 0 && q < eol; f--) {
			while (q < eol && *q != ' ' && *q != '\t')
				q++;
			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
		}
		if (q >= eol)
			continue;
		if ((d = shellparse_alloc(c->sp, (size_t)(eol - q) + 1)) ==
		    NULL) {
			c->nomem = 1;
			return;
		}
		for (l = 0; q < eol; q++) {
			if (*q == '\\' && q + 1 < eol && q[1] == '%')
				q++;
			else if (*q == '%')
				break;
			d[l++] = *q;
		}
		d[l] = '\0';
		opt_parse(c, ci, d, l, 0);
	}
}

/* Text a program reads as its commands (feed_shell(), xlang). */
/*
 * dc: !cmd runs the rest of the line; in a [macro] too, when it is run,
 * which is not known here; ? runs a line of its input as code.  !<,
 * !> and != only compare.
 */
static void
dc_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *e = s + n, *p;
	int depth = 0;

	for (; s < e; s++) {
		if (*s == '[')
			depth++;
		else if (*s == ']' && depth > 0)
			depth--;
		else if (*s == '?')
			interp_opaque(c, ci);
		else if (*s == '!' && (s + 1 == e ||
		    strchr("<>=", s[1]) == NULL)) {
			for (p = ++s; p < e && *p != '\n' &&
			    (depth == 0 || *p != ']'); p++)
				;
			if (depth > 0)
				interp_opaque(c, ci);
			opt_parse(c, ci, s, (size_t)(p - s), 0);
			s = p - 1;
		}
	}
}

/* Is w (wl bytes) name, or its abbreviation of at least min bytes? */
static int
gdb_cmd(const char *w, size_t wl, const char *name, size_t min)
{
	return (wl >= min && wl <= strlen(name) && memcmp(w, name, wl) == 0);
}

/* Does a gdb line call a function of the program that runs a command
   (call system("x"), $_shell("x"), set dprintf-function system)? */
static int
gdb_calls(const char *p, const char *eol)
{
	static const char *const fns[] = { "system", "popen", "execl",
	    "execlp", "execle", "execv", "execvp", "execvpe", "execve",
	    "fexecve", "posix_spawn", "posix_spawnp", "dlopen", "_shell" };
	const char *w;
	size_t i, l;

	while (p < eol) {
		if (!isalpha((unsigned char)*p) && *p != '_') {
			p++;
			continue;
		}
		for (w = p; p < eol && (isalnum((unsigned char)*p) ||
		    *p == '_'); p++)
			;
		l = (size_t)(p - w);
		for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
			if (strlen(fns[i]) == l && memcmp(w, fns[i], l) == 0)
				return (1);
	}
	return (0);
}

/* gdb's pipe [COMMAND] | SHELL_COMMAND, pipe -d DELIM COMMAND DELIM
   SHELL_COMMAND; p is past "pipe" or "|". */
static void
gdb_pipe(struct ctx *c, uint32_t ci, const char *p, const char *eol)
{
	const char *d = "|", *x;
	size_t dl = 1;

	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (eol - p >= 2 && p[0] == '-' && p[1] == 'd' && (eol - p == 2 ||
	    p[2] == ' ' || p[2] == '\t')) {
		for (p += 2; p < eol && (*p == ' ' || *p == '\t'); p++)
			;
		for (d = p; p < eol && *p != ' ' && *p != '\t'; p++)
			;
		dl = (size_t)(p - d);
	}
	if (dl == 0 || (x = memmem(p, (size_t)(eol - p), d, dl)) == NULL) {
		interp_opaque(c, ci);	/* not as gdb would read it */
		return;
	}
	line_rest(c, ci, x + dl, eol);
}

/* Is w (wl bytes) one of the n words of list? */
static int
word_in(const char *const *list, size_t n, const char *w, size_t wl)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == wl && memcmp(list[i], w, wl) == 0)
			return (1);
	return (0);
}

/* The next word of a gdb line at *qp (to eol), less quotes around it:
   its start, its length in *l; *qp moved past it. */
static const char *
gdb_word(const char **qp, const char *eol, size_t *l)
{
	const char *q = *qp, *w;

	while (q < eol && (*q == ' ' || *q == '\t'))
		q++;
	for (w = q; q < eol && *q != ' ' && *q != '\t'; q++)
		;
	*qp = q;
	*l = (size_t)(q - w);
	if (*l >= 2 && (w[0] == '"' || w[0] == '\'') && w[*l - 1] == w[0]) {
		w++;
		*l -= 2;
	}
	return (w);
}

/*
 * gdb's commands that name a file they write or read: dump and append
 * [FORMAT] memory|value FILE, save breakpoints|tracepoints|gdb-index
 * FILE, gcore and generate-core-file FILE, set logging file FILE (set
 * logging on: gdb.txt), set history filename FILE; restore FILE reads.
 * w (wl bytes) is the command's name, q what follows it.  Returns 1 if
 * it is one of them.
 */
static int
gdb_files(struct ctx *c, const char *w, size_t wl, const char *q,
    const char *eol)
{
	static const char *const fmts[] = { "binary", "ihex", "srec",
	    "tekhex", "verilog" };
	const char *x;
	size_t xl;

	if (gdb_cmd(w, wl, "dump", 2) || gdb_cmd(w, wl, "append", 3)) {
		x = gdb_word(&q, eol, &xl);
		if (word_in(fmts, sizeof(fmts) / sizeof(fmts[0]), x, xl))
			x = gdb_word(&q, eol, &xl);
		if (!gdb_cmd(x, xl, "memory", 3) && !gdb_cmd(x, xl, "value",
		    3)) {
			named_any(c, w, (size_t)(eol - w));
			return (1);
		}
	} else if (gdb_cmd(w, wl, "save", 2)) {
		x = gdb_word(&q, eol, &xl);
		if (!gdb_cmd(x, xl, "breakpoints", 1) &&
		    !gdb_cmd(x, xl, "tracepoints", 1) &&
		    !gdb_cmd(x, xl, "gdb-index", 1))
			return (1);
	} else if (gdb_cmd(w, wl, "restore", 3)) {
		x = gdb_word(&q, eol, &xl);
		named_path(c, x, xl, 1);
		return (1);
	} else if (!gdb_cmd(w, wl, "gcore", 5) &&
	    !gdb_cmd(w, wl, "generate-core-file", 8))
		return (0);
	x = gdb_word(&q, eol, &xl);
	named_path(c, x, xl, 0);
	return (1);
}

/* gdb's set logging file FILE, set logging on (gdb.txt), set history
   filename FILE: the file written; q is past "set". */
static void
gdb_set_files(struct ctx *c, const char *q, const char *eol)
{
	const char *x, *y;
	size_t xl, yl;

	x = gdb_word(&q, eol, &xl);
	y = gdb_word(&q, eol, &yl);
	if (gdb_cmd(x, xl, "logging", 4)) {
		if (gdb_cmd(y, yl, "file", 1)) {
			y = gdb_word(&q, eol, &yl);
			named_path(c, y, yl, 0);
		} else if (gdb_cmd(y, yl, "on", 2) || gdb_cmd(y, yl,
		    "enabled", 1) || gdb_cmd(y, yl, "redirect", 1) ||
		    gdb_cmd(y, yl, "overwrite", 1))
			named_path(c, "gdb.txt", 7, 0);
	} else if (gdb_cmd(x, xl, "history", 4) && gdb_cmd(y, yl,
	    "filename", 1)) {
		y = gdb_word(&q, eol, &yl);
		named_path(c, y, yl, 0);
	}
}

/*
 * gdb's commands, a line each (-ex CMD, what it reads).  shell CMD and
 * !CMD run CMD; pipe (or |) runs what follows its bar; make ARGS runs
 * make; target remote | CMD talks to CMD; set exec-wrapper CMD starts
 * the program under CMD; run ARGS hands ARGS to a shell.  with, thread
 * apply and frame apply run a command given after them.  dump, save,
 * set logging file and the like write a file (gdb_files()).  Python,
 * Guile, compile, source, eval, alias and interpreter-exec run what is
 * not known here, as does a call of the program's system().
 */
static void
gdb_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q, *w, *x;
	size_t wl;
	int apply;

	for (p = s; p < e && !c->nomem; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		for (q = p; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if (q >= eol || *q == '#')
			continue;
		if (gdb_calls(q, eol)) {
			interp_opaque(c, ci);
			continue;
		}
		for (apply = 0; q < eol; ) {
			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
			if (q >= eol)
				break;
			if (*q == '!') {
				line_rest(c, ci, q + 1, eol);
				break;
			}
			if (*q == '|') {
				gdb_pipe(c, ci, q + 1, eol);
				break;
			}
			for (w = q; q < eol && (isalnum((unsigned char)*q) ||
			    *q == '-' || *q == '_'); q++)
				;
			wl = (size_t)(q - w);
			if (wl == 0) {
				/* "text": not a command's name */
				if (!apply)
					break;
				while (q < eol && *q != ' ' && *q != '\t')
					q++;
				continue;
			}
			/* the name ends where its letters do: make;x */
			if (gdb_cmd(w, wl, "shell", 3)) {
				line_rest(c, ci, q, eol);
				break;
			}
			if (gdb_cmd(w, wl, "pipe", 3)) {
				gdb_pipe(c, ci, q, eol);
				break;
			}
			if (wl == 4 && memcmp(w, "make", 4) == 0) {
				line_rest(c, ci, w, eol);
				break;
			}
			if (gdb_cmd(w, wl, "target", 3)) {
				if ((x = memchr(q, '|', (size_t)(eol - q))) !=
				    NULL)
					line_rest(c, ci, x + 1, eol);
				break;
			}
			if (wl == 3 && memcmp(w, "set", 3) == 0) {
				while (q < eol && (*q == ' ' || *q == '\t'))
					q++;
				for (x = q; q < eol && *q != ' ' &&
				    *q != '\t'; q++)
					;
				if (gdb_cmd(x, (size_t)(q - x),
				    "exec-wrapper", 6))
					line_rest(c, ci, q, eol);
				else
					gdb_set_files(c, x, eol);
				break;
			}
			if (gdb_files(c, w, wl, q, eol))
				break;
			if ((wl >= 2 && memcmp(w, "py", 2) == 0) ||
			    (wl == 2 && (memcmp(w, "pi", 2) == 0 ||
			    memcmp(w, "gr", 2) == 0)) ||
			    gdb_cmd(w, wl, "guile", 2) ||
			    gdb_cmd(w, wl, "compile", 3) ||
			    gdb_cmd(w, wl, "source", 2) ||
			    gdb_cmd(w, wl, "eval", 3) ||
			    gdb_cmd(w, wl, "alias", 3) ||
			    gdb_cmd(w, wl, "interpreter-exec", 5)) {
				interp_opaque(c, ci);
				break;
			}
			if (gdb_cmd(w, wl, "run", 1) ||
			    (wl >= 5 && gdb_cmd(w, wl, "starti", 5))) {
				/* run ARGS: sh -c "exec PROG ARGS" */
				for (x = q; x < eol; x++)
					if (strchr(";|&`", *x) != NULL ||
					    (*x == '$' && x + 1 < eol &&
					    x[1] == '('))
						break;
				if (x < eol)
					interp_opaque(c, ci);
				break;
			}
			if (gdb_cmd(w, wl, "with", 1) ||
			    gdb_cmd(w, wl, "thread", 1) ||
			    gdb_cmd(w, wl, "frame", 1) ||
			    (wl == 4 && (memcmp(w, "taas", 4) == 0 ||
			    memcmp(w, "faas", 4) == 0)) ||
			    (wl == 5 && memcmp(w, "tfaas", 5) == 0))
				apply = 1;	/* the command follows */
			else if (!apply)
				break;
		}
	}
}

typedef void (*linefn)(struct ctx *, uint32_t, const char *, const char *);

/* fn on each line of s (n bytes), a line's end not in it. */
static void
each_line(struct ctx *c, uint32_t ci, const char *s, size_t n, linefn fn)
{
	const char *p, *e = s + n, *eol;

	for (p = s; p < e && !c->nomem; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		fn(c, ci, p, eol);
	}
}

/*
 * lldb's commands, a line each (-o CMD, -s FILE, what it reads).  shell
 * CMD and platform shell [-h] [-t N] [--] CMD run CMD; run and process
 * launch hand their arguments to a shell.  Commands may be abbreviated
 * and aliased, and many can run Python (script, command script, a
 * breakpoint's or stop-hook's commands, a recognizer, a scripted step,
 * plugin load of a library): so only the commands that inspect or step
 * the program are known, and a line naming any of those ways, or a
 * call of the program's system(), is text not known.
 */
static void
lldb_line(struct ctx *c, uint32_t ci, const char *q, const char *eol)
{
	static const char *const safe[] = {
		"bt", "c", "continue", "n", "next", "s", "step", "si", "ni",
		"finish", "q", "quit", "exit", "up", "down", "f", "frame",
		"thread", "register", "re", "memory", "me", "image", "im",
		"disassemble", "di", "dis", "x", "v", "var", "b", "br",
		"breakpoint", "watchpoint", "wa", "target", "ta", "settings",
		"se", "version", "help", "h", "apropos", "kill", "detach",
		"attach", "list", "l", "p", "po", "print", "call", "expr",
		"expression", "e", "source", "statistics", "tbreak",
	};
	static const char *const bad[] = { "script", "command", "python",
	    "stop-hook", "recognizer", "plugin", "platform", "alias",
	    "regex", "_regexp" };
	const char *w, *x;
	size_t wl, i;

	while (q < eol && (*q == ' ' || *q == '\t'))
		q++;
	if (q >= eol || *q == '#')
		return;
	for (w = q; q < eol && (isalnum((unsigned char)*q) || *q == '-' ||
	    *q == '_'); q++)
		;
	wl = (size_t)(q - w);
	if (wl == 5 && memcmp(w, "shell", 5) == 0) {
		line_rest(c, ci, q, eol);
		return;
	}
	if (gdb_cmd(w, wl, "platform", 4)) {
		while (q < eol && (*q == ' ' || *q == '\t'))
			q++;
		for (x = q; q < eol && isalpha((unsigned char)*q); q++)
			;
		if (q - x != 5 || memcmp(x, "shell", 5) != 0 ||
		    gdb_calls(q, eol)) {
			interp_opaque(c, ci);
			return;
		}
		/* its options: -h (--host), -t N (--timeout N), -- */
		for (;;) {
			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
			for (x = q; q < eol && *q != ' ' && *q != '\t'; q++)
				;
			if (x == q || *x != '-') {
				q = x;
				break;
			}
			if (q - x == 2 && x[1] == '-')
				break;
			if ((q - x == 2 && x[1] == 'h') ||
			    (q - x == 6 && memcmp(x, "--host", 6) == 0))
				continue;
			if ((q - x == 2 && x[1] == 't') ||
			    (q - x == 9 && memcmp(x, "--timeout", 9) == 0)) {
				while (q < eol && (*q == ' ' || *q == '\t'))
					q++;
				while (q < eol && *q != ' ' && *q != '\t')
					q++;
				continue;
			}
			interp_opaque(c, ci);	/* -s SHELL, or not known */
			return;
		}
		line_rest(c, ci, q, eol);
		return;
	}
	if (gdb_calls(w, eol)) {
		interp_opaque(c, ci);
		return;
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (memmem(w, (size_t)(eol - w), bad[i], strlen(bad[i])) !=
		    NULL) {
			interp_opaque(c, ci);
			return;
		}
	if ((wl == 1 && w[0] == 'r') || (wl == 3 && memcmp(w, "run", 3) ==
	    0) || (wl == 7 && memcmp(w, "process", 7) == 0)) {
		/* run ARGS, process launch -- ARGS: a shell expands them */
		for (x = q; x < eol; x++)
			if (strchr(";|&`<>", *x) != NULL || (*x == '$' &&
			    x + 1 < eol && x[1] == '('))
				break;
		if (x < eol)
			interp_opaque(c, ci);
		return;
	}
	if (!word_in(safe, sizeof(safe) / sizeof(safe[0]), w, wl))
		interp_opaque(c, ci);
}

/*
 * A line of mail's commands in [p, eol): !cmd runs cmd in a shell.
 * Of the others, many may run one (| and pipe, a "|cmd" file, the
 * ones that compose a message, source, set sendmail), so any but a
 * few that only show, mark or leave is not known.
 */
static void
mailcmd_line(struct ctx *c, uint32_t ci, const char *p, const char *eol)
{
	static const char *const safe[] = {
		"p", "print", "P", "Print", "t", "type", "T", "Type", "h",
		"headers", "f", "from", "q", "quit", "x", "exit", "xit", "n",
		"next", "top", "size", "list", "l", "?", "help", "=", "z",
		"d", "delete", "u", "undelete", "ho", "hold", "pre",
		"preserve", "touch", "mbox", "-", "+",
	};
	const char *a;
	size_t i, l;

	while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p >= eol || *p == '#')
		return;
	if (*p == '!') {
		line_rest(c, ci, p + 1, eol);
		return;
	}
	for (a = p; p < eol && *p != ' ' && *p != '\t' && *p != '\r'; p++)
		;
	l = (size_t)(p - a);
	for (i = 0; i < l && a[i] >= '0' && a[i] <= '9'; i++)
		;
	if (i == l)
		return;			/* a message's number: shown */
	if (!word_in(safe, sizeof(safe) / sizeof(safe[0]), a, l))
		interp_opaque(c, ci);
}

/*
 * A message as mail reads it: a line ~!cmd or ~|cmd runs cmd (the
 * second with the message on its input), ~<!cmd inserts what cmd
 * prints, and ~:cmd or ~_cmd is one of mail's commands.  Read the
 * same whether or not the escapes are on (they are in mail's
 * interactive mode, with -~ and with -I), which is the stricter.
 */
static void
tilde_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *p, *e = s + n, *eol, *q;

	for (p = s; p < e; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(e - p))) == NULL)
			eol = e;
		if (eol - p < 3 || p[0] != '~')
			continue;
		switch (p[1]) {
		case '!':
		case '|':
			line_rest(c, ci, p + 2, eol);
			break;
		case '<':
			for (q = p + 2; q < eol && (*q == ' ' || *q == '\t');
			    q++)
				;
			if (q < eol && *q == '!')
				line_rest(c, ci, q + 1, eol);
			break;
		case ':':
		case '_':
			mailcmd_line(c, ci, p + 2, eol);
			break;
		}
	}
}

static void	sed_scan(struct ctx *, uint32_t, const char *, size_t);

static void
text_scan(struct ctx *c, uint32_t ci, const char *s, size_t n, int how)
{
	switch (how) {
	case FEED_AWK:
		awk_scan(c, ci, s, n);
		break;
	case FEED_SED:
		sed_scan(c, ci, s, n);
		break;
	case FEED_SQLITE:
		dot_scan(c, ci, s, n);
		break;
	case FEED_PSQL:
		psql_scan(c, ci, s, n);
		break;
	case FEED_MYSQL:
		mysql_scan(c, ci, s, n);
		break;
	case FEED_ED:
		ed_scan(c, ci, s, n);
		break;
	case FEED_BANG:
		bang_scan(c, ci, s, n);
		break;
	case FEED_DC:
		dc_scan(c, ci, s, n);
		break;
	case FEED_FTP:
		ftp_scan(c, ci, s, n);
		break;
	case FEED_LFTP:
		lftp_scan(c, ci, s, n);
		break;
	case FEED_CRON:
		cron_scan(c, ci, s, n);
		break;
	case FEED_GDB:
		gdb_scan(c, ci, s, n);
		break;
	case FEED_LLDB:
		each_line(c, ci, s, n, lldb_line);
		break;
	case FEED_TILDE:
	case FEED_TILDE_Q:
		tilde_scan(c, ci, s, n);
		break;
	case FEED_MAILCMD:
		each_line(c, ci, s, n, mailcmd_line);
		break;
	default:
		interp_opaque(c, ci);
		break;
	}
}

/* sqlite3 [options] [FILE [SQL ...]]: -cmd X and SQL read as above. */
static void
sqlite_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t;
	uint32_t k;
	int file = 0;

	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (t[0] == '-' && w->len > 1) {
			t += t[1] == '-' ? 2 : 1;
			/* (duckdb's -c and -s too) */
			if ((strcmp(t, "cmd") == 0 || strcmp(t, "c") == 0 ||
			    strcmp(t, "s") == 0) && k + 1 < end) {
				k++;
				dot_scan(c, ci, cmd->words[k].text,
				    cmd->words[k].len);
			} else if ((strcmp(t, "init") == 0 ||
			    strcmp(t, "separator") == 0 ||
			    strcmp(t, "newline") == 0 ||
			    strcmp(t, "nullvalue") == 0 ||
			    strcmp(t, "vfs") == 0 ||
			    strcmp(t, "maxsize") == 0 ||
			    strcmp(t, "mmap") == 0 ||
			    strcmp(t, "escape") == 0) && k + 1 < end)
				k++;
			continue;
		}
		if (file++ > 0)
			dot_scan(c, ci, w->text, w->len);
	}
}

/*
 * socat ADDRESS ADDRESS: SYSTEM:CMD (run by sh -c) and EXEC:CMD run a
 * command; its options follow a ',' not quoted.
 */
static void
socat_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t, *p;
	uint32_t k;
	size_t n;
	int q;

	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (strncasecmp(t, "system:", 7) == 0)
			t += 7;
		else if (strncasecmp(t, "exec:", 5) == 0)
			t += 5;
		else
			continue;
		n = w->len - (size_t)(t - w->text);
		for (p = t, q = 0; p < t + n; p++) {
			if (q != 0 && *p == q)
				q = 0;
			else if (q == 0 && (*p == '"' || *p == '\''))
				q = *p;
			else if (*p == '\\' && p + 1 < t + n)
				p++;
			else if (q == 0 && *p == ',')
				break;
		}
		/* socat takes its quotes off: "rm -rf /,x" */
		if (p - t >= 2 && (t[0] == '"' || t[0] == '\'') &&
		    p[-1] == t[0]) {
			t++;
			p--;
		}
		opt_parse_net(c, ci, t, (size_t)(p - t));
	}
}

/*
 * awk -f FILE, sed -f FILE: a file of how's code (FEED_AWK, FEED_SED),
 * word k of command ci (joined to its option: v, n bytes): the input,
 * a <( ), or a file the line wrote.  The text of the first is read;
 * a second one the line wrote runs code not known before it runs.
 */
static void
prog_file(struct ctx *c, uint32_t ci, uint32_t k, const char *v, size_t n,
    int how, int *nth)
{
	const struct shellparse_word *w = &c->sp->cmds[ci].words[k];
	int u;

	if (v == NULL && (*nth)++ == 0) {
		if ((u = script_operand(w)) == UW_STDIN || (w->len == 1 &&
		    w->text[0] == '-'))
			input_scan(c, ci, how);	/* here-documents too */
		else if (u == UW_NONE)
			file_script(c, ci, k, how);
		else
			feed_shell(c, ci, 1, how);
		return;
	}
	if (v == NULL) {
		v = w->text;
		n = w->len;
	}
	if (shellparse_pattern(w) != NULL || (n == 1 && v[0] == '-'))
		interp_opaque(c, ci);	/* a name made when it runs */
	else
		named_opaque(c, ci, v, n);
}

/* awk [-F fs] [-v a=b] [-f file | 'program'] ... */
static void
awk_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t, *eq;
	uint32_t k;
	int file = 0, src = 0, nth = 0;

	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (strcmp(t, "--") == 0) {
			k++;
			break;
		}
		if (t[0] != '-' || w->len < 2)
			break;
		if (strcmp(t, "-e") == 0 || (long_opt(t, w->len, "source") &&
		    memchr(t, '=', w->len) == NULL)) {
			if (++k < end) {
				src = 1;
				if (shellparse_pattern(&cmd->words[k]) != NULL)
					interp_opaque(c, ci);
				awk_scan(c, ci, cmd->words[k].text,
				    cmd->words[k].len);
			}
		} else if (long_opt(t, w->len, "source")) {
			src = 1;
			eq = memchr(t, '=', w->len);	/* --source=X */
			awk_scan(c, ci, eq + 1, w->len - (size_t)(eq + 1 - t));
		} else if (strcmp(t, "-f") == 0 || strcmp(t, "-E") == 0 ||
		    ((long_opt(t, w->len, "file") || long_opt(t, w->len,
		    "exec")) && memchr(t, '=', w->len) == NULL)) {
			file = 1;	/* gawk -E FILE: -f, the last option */
			if (++k < end)
				prog_file(c, ci, k, NULL, 0, FEED_AWK, &nth);
		} else if (t[1] == 'f' || t[1] == 'E') {
			file = 1;	/* -fFILE */
			prog_file(c, ci, k, t + 2, w->len - 2, FEED_AWK, &nth);
		} else if (long_opt(t, w->len, "file") || long_opt(t, w->len,
		    "exec")) {
			file = 1;	/* --file=FILE */
			eq = memchr(t, '=', w->len);
			prog_file(c, ci, k, eq + 1, w->len - (size_t)(eq + 1 - t),
			    FEED_AWK, &nth);
		}
		else if ((strcmp(t, "-F") == 0 || strcmp(t, "-v") == 0 ||
		    strcmp(t, "-i") == 0 || strcmp(t, "-l") == 0 ||
		    ((long_opt(t, w->len, "assign") || long_opt(t, w->len,
		    "field-separator") || long_opt(t, w->len, "include") ||
		    long_opt(t, w->len, "load")) && memchr(t, '=', w->len) ==
		    NULL)) && k + 1 < end)
			k++;
	}
	if (file || src || k >= end)
		return;
	w = &cmd->words[k];
	if (shellparse_pattern(w) != NULL &&
	    (memchr(w->text, '$', w->len) != NULL ||
	    memchr(w->text, '`', w->len) != NULL))
		interp_opaque(c, ci);	/* a program made when it runs */
	awk_scan(c, ci, w->text, w->len);
}

/*
 * The file of sed's w, W, s///w (written) or r, R (read): the rest of
 * the line, blanks before it skipped.  A path as any other the call
 * names: sed 'w /etc/x' writes /etc/x as > /etc/x does.
 */
static const char *
sed_file(struct ctx *c, const char *p, const char *e, int rd)
{
	const char *q;

	p = skip_blank(p, e);
	for (q = p; q < e && *q != '\n'; q++)
		;
	named_path(c, p, (size_t)(q - p), rd);
	return (q);
}

/* sed's script: e COMMAND runs it, s///e runs what it made; w FILE
   writes and r FILE reads (sed_file()). */
static void
sed_scan(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	const char *e = s + n, *p = s, *q;
	char d;
	int k;

	while (p < e && !c->nomem) {
		if ((p = sed_addrs(p, e)) >= e)
			break;
		switch (*p) {
		case 'e':
			p = skip_blank(p + 1, e);
			for (q = p; q < e && *q != '\n'; q++)
				;
			if (q == p)
				interp_opaque(c, ci);	/* the pattern space */
			else
				opt_parse(c, ci, p, (size_t)(q - p), 0);
			p = q;
			break;
		case 's':
		case 'y':
			if (p + 1 >= e)
				return;
			d = p[1];
			for (k = 0, p += 2; p < e && k < 2; p++) {
				if (*p == '\\' && p + 1 < e)
					p++;
				else if (*p == d)
					k++;
			}
			/* the flags: e runs the result */
			while (p < e && strchr("gpiImMe0123456789", *p) !=
			    NULL) {
				if (*p == 'e')
					interp_opaque(c, ci);
				p++;
			}
			if (p < e && *p == 'w')
				p = sed_file(c, p + 1, e, 0);
			break;
		case 'w': case 'W': case 'r': case 'R':
			p = sed_file(c, p + 1, e, *p == 'r' || *p == 'R');
			break;
		case 'a': case 'i': case 'c': case '#':
			/* text or a file name to the end of the line */
			while (p < e && *p != '\n')
				p++;
			break;
		case ':': case 'b': case 't': case 'T':
			while (p < e && *p != '\n' && *p != ';')
				p++;
			break;
		default:
			p++;
			break;
		}
	}
}

struct sedtext {
	struct ctx	*c;
	uint32_t	 ci;
	int		 nth;	/* -f files met (prog_file()) */
};

/* A sed script word (sed_walk()'s fn): scanned, or (made when the line
   runs: $x, $(y)) code not known before it runs. */
static int
sed_word(void *arg, const struct shellparse_word *w, const char *t, size_t n)
{
	struct sedtext *st = arg;

	if (shellparse_pattern(w) != NULL &&
	    (memchr(w->text, '$', w->len) != NULL ||
	    memchr(w->text, '`', w->len) != NULL))
		interp_opaque(st->c, st->ci);
	sed_scan(st->c, st->ci, t, n);
	return (st->c->nomem);
}

/* A sed -f file (sed_walk()'s filefn): its word, or the part of one
   joined to its option (-fx.sed, --file=x.sed). */
static int
sed_fileword(void *arg, const struct shellparse_word *w, const char *t,
    size_t n)
{
	struct sedtext *st = arg;

	prog_file(st->c, st->ci, (uint32_t)(w - st->c->sp->cmds[st->ci].words),
	    t == w->text && n == w->len ? NULL : t, n, FEED_SED, &st->nth);
	return (st->c->nomem);
}

/* sed [-n] [-e script]... [-f file] [script] ...: each script, as
   sed_walk() finds them; a file of one, as prog_file() reads it. */
static void
sed_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	struct sedtext st;

	st.c = c;
	st.ci = ci;
	st.nth = 0;
	(void)sed_walk(&c->sp->cmds[ci], start, end, sed_word, sed_fileword,
	    &st);
}

/* ch inside single quotes (at most 4 bytes into d): its length. */
static size_t
squote_in(char *d, char ch)
{
	if (ch == '\'') {
		memcpy(d, "'\\''", 4);
		return (4);
	}
	d[0] = ch;
	return (1);
}

/* The length squote() gives s (n bytes). */
static size_t
squote_len(const char *s, size_t n)
{
	size_t i, l = n + 2;

	for (i = 0; i < n; i++)
		if (s[i] == '\'')
			l += 3;
	return (l);
}

/* s (n bytes) single-quoted for the shell at d, its own quotes as
   '\''; returns the bytes written, 4n + 2 at most. */
static size_t
squote(char *d, const char *s, size_t n)
{
	size_t i, l = 0;

	d[l++] = '\'';
	for (i = 0; i < n; i++)
		l += squote_in(d + l, s[i]);
	d[l++] = '\'';
	return (l);
}

/* Word w at d as a command line has it: single-quoted, or as written
   when it has an expansion (its value is not known); 4n + 2 bytes at
   most. */
static size_t
word_put(char *d, const struct shellparse_word *w)
{
	if (shellparse_pattern(w) != NULL) {
		memcpy(d, w->text, w->len);
		return (w->len);
	}
	return (squote(d, w->text, w->len));
}

/*
 * Words [a, b) of cmd joined by spaces into the arena (*lp bytes).
 * With quote, a word with no expansion goes in single quotes, so the
 * text parsed as a command line has the words as they were given (an
 * argv); a word with one stays as written, since its value is not
 * known.
 */
static char *
join_words(struct ctx *c, const struct shellparse_cmd *cmd, uint32_t a,
    uint32_t b, int quote, size_t *lp)
{
	const struct shellparse_word *w;
	uint32_t k;
	size_t l = 0;
	char *j;

	for (k = a; k < b; k++)
		l += (quote ? 4 * cmd->words[k].len + 2 : cmd->words[k].len) +
		    1;
	if ((j = shellparse_alloc(c->sp, l + 1)) == NULL) {
		c->nomem = 1;
		return (NULL);
	}
	for (k = a, l = 0; k < b; k++) {
		w = &cmd->words[k];
		if (k > a)
			j[l++] = ' ';
		if (!quote || shellparse_pattern(w) != NULL) {
			memcpy(j + l, w->text, w->len);
			l += w->len;
		} else
			l += squote(j + l, w->text, w->len);
	}
	j[l] = '\0';
	*lp = l;
	return (j);
}

/*
 * Note the names command ci (alias or hash, its words [start, end))
 * makes run other text: alias NAME=VALUE (zsh's -g: any word NAME,
 * -s: a name ending .NAME) and hash -p FILE NAME.  A name not known
 * before it runs (alias $n=rm), or more than LA_MAX, may be any
 * command: the call is then high.
 */
static void __attribute__((noinline))
alias_note(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    int hash)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	struct lalias *a;
	const char *t, *eq, *fv = NULL, *q;
	size_t n, fn = 0, vn;
	uint32_t k;
	int kind = hash ? LA_FILE : LA_CMD, opts = 1, fpat = 0;

	if (cmd->mark & CM_ALIASDEF)
		return;
	cmd->mark |= CM_ALIASDEF;
	for (k = start + 1; k < end && k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		n = w->len;
		if (opts && n > 1 && (t[0] == '-' || t[0] == '+') &&
		    memchr(t, '=', n) == NULL) {
			if (n == 2 && t[1] == '-') {
				opts = 0;
				continue;
			}
			if (shellparse_pattern(w) != NULL)
				goto unknown;
			if (!hash) {
				/* zsh: -g global, -s suffix (+g lists) */
				if (t[0] == '-' && memchr(t, 'g', n) != NULL)
					kind = LA_GLOBAL;
				else if (t[0] == '-' && memchr(t, 's', n) !=
				    NULL)
					kind = LA_SUFFIX;
				continue;
			}
			/* hash -p FILE, -pFILE, -rp FILE */
			if ((q = memchr(t, 'p', n)) == NULL)
				continue;
			if (q + 1 < t + n) {
				fv = q + 1;
				fn = (size_t)(t + n - fv);
			} else if (k + 1 < end && k + 1 < cmd->nwords) {
				w = &cmd->words[++k];
				fv = w->text;
				fn = w->len;
				fpat = shellparse_pattern(w) != NULL;
			} else
				return;
			continue;
		}
		opts = 0;
		if (hash) {
			if (fv == NULL)
				return;		/* hash NAME: a look-up */
			eq = t + n;
		} else if ((eq = memchr(t, '=', n)) == NULL)
			continue;		/* alias NAME: prints it */
		if (eq == t)
			continue;
		/* alias g='cd /etc'; g; cat shadow: from here on the line
		   may be anywhere */
		vn = n - (size_t)(eq + 1 - t);
		if (!hash && (text_word(eq + 1, vn, "cd") ||
		    text_word(eq + 1, vn, "pushd") ||
		    text_word(eq + 1, vn, "popd")))
			cwd_any(c);
		/* a name with an expansion in it may be any name */
		if (shellparse_pattern(w) != NULL &&
		    (memchr(t, '$', (size_t)(eq - t)) != NULL ||
		    memchr(t, '`', (size_t)(eq - t)) != NULL ||
		    strcspn(shellparse_pattern(w), "=*?[") <
		    strcspn(shellparse_pattern(w), "=")))
			goto unknown;
		if (c->nla >= LA_MAX)
			goto unknown;
		a = &c->la[c->nla++];
		a->name = t;
		a->nlen = (uint32_t)(eq - t);
		a->kind = (uint8_t)kind;
		if (hash) {
			a->val = fv;
			a->vlen = (uint32_t)fn;
			/* the file's word as written: its value is not
			   known, and parsed so it names no known program */
			if (fpat)
				a->kind = LA_CMD;
		} else {
			a->val = eq + 1;
			a->vlen = (uint32_t)(t + n - eq - 1);
		}
	}
	return;
unknown:
	if (c->unk == NONE)
		c->unk = ci;
}

/* May alias a be expanded in command ci?  Not when an alias command
   ci comes from is a's expansion already: bash leaves alias ls='ls -l'
   at that. */
static int
alias_again(const struct ctx *c, uint32_t ci, const struct lalias *a)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *p;
	const struct shellparse_word *w;
	uint32_t x = sp->cmds[ci].parent, k, steps = 0;

	for (; x != NONE && x < sp->ncmds && steps++ < 64; x = p->parent) {
		p = &sp->cmds[x];
		if (!(p->mark & CM_ALIAS))
			continue;
		for (k = p->nassign; k < p->nwords; k++) {
			w = &p->words[k];
			if (w->len == a->nlen &&
			    memcmp(w->text, a->name, a->nlen) == 0)
				return (0);
			if (a->kind != LA_GLOBAL)
				break;
		}
	}
	return (1);
}

/* The line's alias that expands word k of ci (first: in a command's
   name's place), or NULL. */
static const struct lalias *
alias_find(const struct ctx *c, uint32_t ci, uint32_t k, int first)
{
	const struct shellparse_word *w = &c->sp->cmds[ci].words[k];
	const struct lalias *a;
	uint32_t i;

	if (shellparse_pattern(w) != NULL)
		return (NULL);		/* $x, x*: never an alias */
	for (i = 0; i < c->nla; i++) {
		a = &c->la[i];
		if (a->kind == LA_SUFFIX) {
			if (!first || w->len <= a->nlen ||
			    w->text[w->len - a->nlen - 1] != '.' ||
			    memcmp(w->text + w->len - a->nlen, a->name,
			    a->nlen) != 0)
				continue;
		} else if ((!first && a->kind != LA_GLOBAL) ||
		    w->len != a->nlen || memcmp(w->text, a->name, a->nlen) !=
		    0)
			continue;
		if (alias_again(c, ci, a))
			return (a);
	}
	return (NULL);
}

/*
 * Command ci as its words are once the line's aliases are expanded
 * (alias x=/bin/rm; x -rf /: /bin/rm -rf /), parsed as its nested
 * command line.  A value ending in a blank has the word after it
 * looked up as well, as the shells do.
 */
static void __attribute__((noinline))
alias_scan(struct ctx *c, uint32_t ci)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const struct lalias *a, *hit[SHELLPARSE_MAXLEN / 2 > 256 ? 256 :
	    SHELLPARSE_MAXLEN / 2];
	uint32_t k, nw, any = 0;
	size_t l = 0;
	char *t;
	int first = 1;

	if ((cmd->mark & CM_ALIAS) || cmd->nwords <= cmd->nassign)
		return;
	/* (alias x='ls -l', hash -p /bin/ls x: that text is run where
	   x is, and expanded there) */
	if (cmd->parent != NONE && cmd->parent < c->sp->ncmds &&
	    (c->sp->cmds[cmd->parent].mark & CM_ALIASDEF))
		return;
	nw = cmd->nwords - cmd->nassign;
	if (nw > sizeof(hit) / sizeof(hit[0])) {
		if (c->unk == NONE)
			c->unk = ci;
		return;
	}
	for (k = 0; k < nw; k++) {
		w = &cmd->words[cmd->nassign + k];
		hit[k] = a = alias_find(c, ci, cmd->nassign + k, first);
		l += 4 * (size_t)w->len + 3;
		if (a != NULL) {
			any = 1;
			l += 4 * (size_t)a->vlen + 3;
		}
		/* alias sudo='sudo ': the next word is a command's name */
		first = a != NULL && a->kind != LA_SUFFIX && a->vlen > 0 &&
		    (a->val[a->vlen - 1] == ' ' || a->val[a->vlen - 1] ==
		    '\t');
	}
	if (!any)
		return;
	cmd->mark |= CM_ALIAS;
	if (l > SHELLPARSE_MAXLEN) {
		if (c->unk == NONE)
			c->unk = ci;
		return;
	}
	if ((t = shellparse_alloc(c->sp, l + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	for (k = 0, l = 0; k < nw; k++) {
		w = &cmd->words[cmd->nassign + k];
		if (k > 0)
			t[l++] = ' ';
		if ((a = hit[k]) != NULL && a->kind == LA_FILE)
			l += squote(t + l, a->val, a->vlen);
		else if (a != NULL) {
			memcpy(t + l, a->val, a->vlen);
			l += a->vlen;
		}
		if (a != NULL && a->kind != LA_SUFFIX)
			continue;
		if (a != NULL)
			t[l++] = ' ';
		l += word_put(t + l, w);
	}
	t[l] = '\0';
	calc_note(c, t, l);
	shellparse(c->sp, t, l, (unsigned)cmd->depth + 1, ci);
}

/* Parse words [a, b) of command ci as the argv of a command, and as
   one command line made of them joined. */
static void
argv_parse(struct ctx *c, uint32_t ci, uint32_t a, uint32_t b)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	char *j;
	size_t l;

	if (a >= b)
		return;
	if (b - a == 1) {
		opt_parse(c, ci, cmd->words[a].text, cmd->words[a].len, 0);
		return;
	}
	if ((j = join_words(c, cmd, a, b, 0, &l)) != NULL)
		opt_parse(c, ci, j, l, 0);
	if ((j = join_words(c, cmd, a, b, 1, &l)) != NULL)
		opt_parse(c, ci, j, l, 0);
}

/*
 * tmux runs shell commands: tmux -c X, and the shell-command operands
 * of new-session, new-window, split-window, respawn-pane,
 * respawn-window, run-shell, if-shell, display-popup and pipe-pane;
 * send-keys types its keys into a pane, a shell's most often.  tmux
 * runs a sequence of commands split by ";" words (or words that end
 * in one), and takes any unique prefix of a command's name: a prefix
 * of one here counts as it.  The commands of if-shell, bind-key,
 * confirm-before, command-prompt and set-hook are tmux command lines
 * run later, and source-file's (and -f's, of the input) come from a
 * file: text not known to run as shell code, so opaque.
 */
#define TM_SHELL	1	/* its operands are a shell command */
#define TM_IF		2	/* shell-command, then tmux commands */
#define TM_LATER	3	/* tmux commands, run later */
#define TM_KEYS		4	/* keys typed into a pane */

static const struct tmuxcmd {
	const char	*name;
	const char	*alias;
	const char	*argopts;	/* flags taking an argument */
	int		 kind;
} tmuxcmds[] = {
	{ "new-session", "new", "cefFnstxy", TM_SHELL },
	{ "new-window", "neww", "ceFnt", TM_SHELL },
	{ "split-window", "splitw", "ceFlpt", TM_SHELL },
	{ "respawn-pane", "respawnp", "cet", TM_SHELL },
	{ "respawn-window", "respawnw", "cet", TM_SHELL },
	{ "run-shell", "run", "cdt", TM_SHELL },
	{ "display-popup", "popup", "bcdehsStTwxy", TM_SHELL },
	{ "pipe-pane", "pipep", "t", TM_SHELL },
	{ "send-keys", "send", "cNt", TM_KEYS },
	{ "if-shell", "if", "t", TM_IF },
	{ "bind-key", "bind", "NTt", TM_LATER },
	{ "confirm-before", "confirm", "cpt", TM_LATER },
	{ "command-prompt", NULL, "ItpT", TM_LATER },
	{ "set-hook", NULL, "t", TM_LATER },
	{ "source-file", "source", "t", TM_LATER },
};

static const struct tmuxcmd *
tmux_cmd(const char *t, size_t n)
{
	const struct tmuxcmd *x;
	size_t i;

	for (i = 0; i < sizeof(tmuxcmds) / sizeof(tmuxcmds[0]); i++) {
		x = &tmuxcmds[i];
		if ((x->alias != NULL && strcmp(t, x->alias) == 0) ||
		    (n > 0 && strncmp(t, x->name, n) == 0))
			return (x);
	}
	return (NULL);
}

/* Does word w end a tmux command: ";", "x;" but not "x\;"? */
static int
tmux_sep(const struct shellparse_word *w)
{
	return (w->len > 0 && w->text[w->len - 1] == ';' &&
	    (w->len < 2 || w->text[w->len - 2] != '\\'));
}

/*
 * Typed keys: text a terminal's shell reads as its input.  Enter is a
 * newline; a key that edits the line (Backspace, C-u, arrows, Tab's
 * completion, Escape) makes it text not known.
 */
static void
keys_parse(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n') ||
		    s[i] == 0x7f) {
			interp_opaque(c, ci);
			return;
		}
	opt_parse(c, ci, s, n, 0);
}

/* A tmux key name: '\n' for Enter, ' ' for Space, -1 for another key,
   0 for text that send-keys types as it is. */
static int
tmux_key(const char *t, size_t l)
{
	static const char *const keys[] = { "Up", "Down", "Left", "Right",
	    "BSpace", "BTab", "DC", "Delete", "End", "Escape", "Home", "IC",
	    "Insert", "NPage", "PageDown", "PgDn", "PPage", "PageUp", "PgUp",
	    "Tab", "Any", NULL };
	size_t i, m = 0;

	if (l < 2)
		return (0);
	if (l > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') &&
	    strspn(t + 2, "0123456789abcdefABCDEF") == l - 2)
		return (-1);			/* 0x41 */
	/* C-, M-, S- and ^: modifiers */
	while (l - m >= 2 && ((strchr("CcMmSs", t[m]) != NULL &&
	    t[m + 1] == '-') || t[m] == '^')) {
		m += t[m] == '^' ? 1 : 2;
		if (m == l)
			return (0);
	}
	if (m > 0)
		return (l - m == 1 && (t[m] == 'm' || t[m] == 'M' ||
		    t[m] == 'j' || t[m] == 'J') ? '\n' : -1);
	if (strcasecmp(t, "Enter") == 0 || strcasecmp(t, "KPEnter") == 0)
		return ('\n');
	if (strcasecmp(t, "Space") == 0)
		return (' ');
	if ((t[0] == 'F' || t[0] == 'f') && l <= 3 &&
	    strspn(t + 1, "0123456789") == l - 1)
		return (-1);			/* F1 */
	if ((t[0] == 'K' || t[0] == 'k') && (t[1] == 'P' || t[1] == 'p') &&
	    l <= 10)
		return (-1);			/* KP5, KPDelete */
	for (i = 0; keys[i] != NULL; i++)
		if (strcasecmp(t, keys[i]) == 0)
			return (-1);
	return (0);
}

/* tmux send-keys [-l] WORDS: each word a key or text, typed with
   nothing between them. */
static void
tmux_keys(struct ctx *c, uint32_t ci, uint32_t a, uint32_t b, int lit)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	size_t n = 0;
	uint32_t k;
	char *d;
	int key;

	for (k = a; k < b; k++)
		n += w[k].len + 1;
	if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	for (k = a, n = 0; k < b; k++) {
		if (shellparse_pattern(&w[k]) != NULL) {
			interp_opaque(c, ci);	/* a key or text? */
			return;
		}
		key = lit ? 0 : tmux_key(w[k].text, w[k].len);
		if (key < 0) {
			interp_opaque(c, ci);
			return;
		}
		if (key > 0)
			d[n++] = (char)key;
		else {
			memcpy(d + n, w[k].text, w[k].len);
			n += w[k].len;
		}
	}
	d[n] = '\0';
	keys_parse(c, ci, d, n);
}

static void
tmux_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const struct tmuxcmd *x;
	const char *t;
	uint32_t k, a, b, e;
	size_t i;
	int lit;

	/* tmux [-2CDlNuVv] [-c shell-command] [-f file] [-L socket]
	   [-S path] [-T features] */
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (shellparse_pattern(w) != NULL || t[0] != '-' || w->len < 2)
			break;
		if (strcmp(t, "--") == 0) {
			k++;
			break;
		}
		for (i = 1; i < w->len; i++) {
			if (t[i] == 'c') {
				if (i + 1 < w->len)
					opt_parse(c, ci, t + i + 1,
					    w->len - i - 1, 0);
				else if (k + 1 < end) {
					k++;
					opt_parse(c, ci, cmd->words[k].text,
					    cmd->words[k].len, 0);
				}
				break;
			}
			if (strchr("fLST", t[i]) != NULL) {
				if (i + 1 == w->len)
					k++;
				/* -f /dev/stdin, -f <(...) */
				if (t[i] == 'f' && i + 1 == w->len &&
				    k < end && script_operand(&cmd->words[k]) !=
				    UW_NONE)
					interp_opaque(c, ci);
				break;
			}
		}
	}
	while (k < end && !c->nomem) {
		/* the command: words [k, e), the last one may end it */
		for (e = k; e < end; )
			if (tmux_sep(&cmd->words[e++]))
				break;
		w = &cmd->words[k];
		a = k + 1;
		k = e;
		if (shellparse_pattern(w) != NULL) {
			interp_opaque(c, ci);	/* a command named by $x */
			continue;
		}
		if ((x = tmux_cmd(w->text, w->len - (size_t)tmux_sep(w))) ==
		    NULL || a >= e)
			continue;
		/* its flags, as getopt reads them */
		for (lit = 0; a < e; a++) {
			w = &cmd->words[a];
			t = w->text;
			if (shellparse_pattern(w) != NULL || t[0] != '-' ||
			    w->len < 2)
				break;
			if (strcmp(t, "--") == 0) {
				a++;
				break;
			}
			for (i = 1; i < w->len; i++) {
				if (t[i] == 'l' || t[i] == 'H' || t[i] == 'X')
					lit |= t[i] == 'l' ? 1 : t[i] == 'H' ?
					    2 : 4;
				if (strchr(x->argopts, t[i]) != NULL) {
					if (i + 1 == w->len)
						a++;
					break;
				}
			}
		}
		b = e;
		if (b > a && cmd->words[b - 1].len == 1 &&
		    tmux_sep(&cmd->words[b - 1]))
			b--;			/* the ";" word */
		if (a >= b)
			continue;
		if (x->kind == TM_LATER) {
			interp_opaque(c, ci);
			continue;
		}
		if (x->kind == TM_IF) {
			opt_parse(c, ci, cmd->words[a].text,
			    cmd->words[a].len, 0);
			if (a + 1 < b)
				interp_opaque(c, ci);
			continue;
		}
		if (x->kind == TM_KEYS) {
			/* -X: copy mode's commands; -H: keys in hex */
			if (lit & 4)
				continue;
			if (lit & 2)
				interp_opaque(c, ci);
			else
				tmux_keys(c, ci, a, b, lit & 1);
			continue;
		}
		argv_parse(c, ci, a, b);
	}
}

/*
 * Programs given to an interpreter on its command line (python -c,
 * perl -e, ruby -e, node -e, php -r, lua -e) or as the here-document
 * it reads (python3 - <<EOF).  What a program does is not followed,
 * but the commands it gives a shell or exec are looked for:
 *
 * - a call that runs a command (os.system, subprocess.run, Popen,
 *   system, exec, spawn, popen, execSync, shell_exec, os.execute, ...)
 *   with a string literal, or a list of them, has that parsed as a
 *   command line, or an argv; one with any other argument, or such a
 *   function taken as a value (f = os.system), makes the call opaque;
 * - `...`, qx{...}, %x(...), Bun's $`...` are command lines;
 * - eval(...) of a literal is a program of the same language; of
 *   anything else, opaque;
 * - perl's and ruby's open with a "|" at an end of a literal runs it;
 * - once a program has any of these, every other string literal in
 *   it is parsed as a command line too, whose commands add their
 *   rules but need none (the text may be no command at all).
 *
 * node, bun: only a program that names child_process (or spawn_sync,
 * or Bun.) can run a command; RegExp's exec is no command.
 */
#define CC_CMD		0	/* f(literal, ...): a command line, an argv */
#define CC_SUBP		1	/* as CC_CMD, as subprocess.f only */
#define CC_CODE		2	/* f(literal): a program of the language */
#define CC_OPEN		3	/* open(..., "X |"), open(..., "-|", argv) */
#define CC_EXEC		4	/* f(path, argv0, ...), f(path, [argv0, ...]) */
#define CC_SPAWN	5	/* as CC_EXEC, after a mode: f(P_WAIT, ...) */
#define CC_PAGER	6	/* as CC_CMD, after a text: f(text, "cmd") */

#define L_PY		(1 << LANG_PY)
#define L_PERL		(1 << LANG_PERL)
#define L_RUBY		(1 << LANG_RUBY)
#define L_JS		(1 << LANG_JS)
#define L_PHP		(1 << LANG_PHP)
#define L_LUA		(1 << LANG_LUA)

static const struct codecall {
	const char	*name;
	uint8_t		 langs;
	uint8_t		 kind;
} codecalls[] = {
	{ "system", L_PY | L_PERL | L_RUBY | L_PHP, CC_CMD },
	{ "popen", L_PY | L_RUBY | L_PHP | L_LUA, CC_CMD },
	{ "exec", L_PERL | L_RUBY | L_JS | L_PHP, CC_CMD },
	{ "exec", L_PY, CC_CODE },
	{ "eval", L_PY | L_PERL | L_RUBY | L_JS | L_PHP, CC_CODE },
	{ "Popen", L_PY, CC_CMD },
	{ "getoutput", L_PY, CC_CMD },
	{ "getstatusoutput", L_PY, CC_CMD },
	{ "check_output", L_PY, CC_CMD },
	{ "check_call", L_PY, CC_CMD },
	{ "run", L_PY, CC_SUBP },
	{ "call", L_PY, CC_SUBP },
	{ "create_subprocess_shell", L_PY, CC_CMD },
	{ "create_subprocess_exec", L_PY, CC_CMD },
	{ "startfile", L_PY, CC_CMD },
	{ "spawn", L_PY | L_RUBY | L_JS, CC_CMD },
	{ "execl", L_PY, CC_EXEC }, { "execle", L_PY, CC_EXEC },
	{ "execlp", L_PY, CC_EXEC }, { "execlpe", L_PY, CC_EXEC },
	{ "execv", L_PY, CC_EXEC }, { "execve", L_PY, CC_EXEC },
	{ "execvp", L_PY, CC_EXEC }, { "execvpe", L_PY, CC_EXEC },
	{ "spawnl", L_PY, CC_SPAWN }, { "spawnle", L_PY, CC_SPAWN },
	{ "spawnlp", L_PY, CC_SPAWN }, { "spawnlpe", L_PY, CC_SPAWN },
	{ "spawnv", L_PY, CC_SPAWN }, { "spawnve", L_PY, CC_SPAWN },
	{ "posix_spawn", L_PY, CC_EXEC }, { "posix_spawnp", L_PY, CC_EXEC },
	{ "spawnvp", L_PY, CC_SPAWN }, { "spawnvpe", L_PY, CC_SPAWN },
	{ "pipepager", L_PY, CC_PAGER }, { "tempfilepager", L_PY, CC_PAGER },
	{ "readpipe", L_PERL, CC_CMD },
	{ "open", L_PERL | L_RUBY, CC_OPEN },
	{ "popen2", L_RUBY, CC_CMD }, { "popen2e", L_RUBY, CC_CMD },
	{ "popen3", L_RUBY, CC_CMD }, { "capture2", L_RUBY, CC_CMD },
	{ "capture2e", L_RUBY, CC_CMD }, { "capture3", L_RUBY, CC_CMD },
	{ "pipeline", L_RUBY, CC_CMD }, { "pipeline_r", L_RUBY, CC_CMD },
	{ "pipeline_w", L_RUBY, CC_CMD }, { "pipeline_rw", L_RUBY, CC_CMD },
	{ "pipeline_start", L_RUBY, CC_CMD },
	{ "instance_eval", L_RUBY, CC_CODE },
	{ "class_eval", L_RUBY, CC_CODE },
	{ "execSync", L_JS, CC_CMD }, { "execFile", L_JS, CC_CMD },
	{ "execFileSync", L_JS, CC_CMD }, { "spawnSync", L_JS, CC_CMD },
	{ "shell_exec", L_PHP, CC_CMD }, { "passthru", L_PHP, CC_CMD },
	{ "proc_open", L_PHP, CC_CMD }, { "pcntl_exec", L_PHP, CC_CMD },
	{ "execute", L_LUA, CC_CMD },
	{ "load", L_LUA, CC_CODE }, { "loadstring", L_LUA, CC_CODE },
};

#define CODE_DEPTH	3		/* eval("eval('...')") */
#define CODE_MAX	(8 * SHELLPARSE_MAXLEN)	/* code_take(), a call */
#define CODE_LITS	128		/* literals of one call (more: opaque) */

/* The interpreter a command's name is, if any: python3.11, perl5.36.
   Every view of every command asks: by first letter, then length. */
static inline int
code_lang(const char *s, size_t n)
{
	switch (s[0]) {
	case 'p': case 'n': case 'r': case 'b': case 'l':
		break;
	default:
		return (0);
	}
	while (n > 3 && (isdigit((unsigned char)s[n - 1]) || s[n - 1] == '.'))
		n--;
	switch (n) {
	case 3:
		return (memcmp(s, "php", 3) == 0 ? LANG_PHP :
		    memcmp(s, "lua", 3) == 0 ? LANG_LUA :
		    memcmp(s, "bun", 3) == 0 ? LANG_JS : 0);
	case 4:
		return (memcmp(s, "perl", 4) == 0 ? LANG_PERL :
		    memcmp(s, "ruby", 4) == 0 ? LANG_RUBY :
		    memcmp(s, "node", 4) == 0 ? LANG_JS :
		    memcmp(s, "pypy", 4) == 0 ? LANG_PY : 0);
	case 6:
		return (memcmp(s, "python", 6) == 0 ? LANG_PY :
		    memcmp(s, "nodejs", 6) == 0 ? LANG_JS :
		    memcmp(s, "luajit", 6) == 0 ? LANG_LUA : 0);
	default:
		return (0);
	}
}

static int
code_id(int ch)
{
	return (isalnum(ch) || ch == '_');
}

/* The function named s (n bytes) in lang, if it runs something. */
static const struct codecall *
code_call(const char *s, size_t n, int lang)
{
	const struct codecall *x;

	for (x = codecalls; x < codecalls + sizeof(codecalls) /
	    sizeof(codecalls[0]); x++)
		if ((x->langs & (1 << lang)) && x->name[0] == s[0] &&
		    strlen(x->name) == n && memcmp(x->name, s, n) == 0)
			return (x);
	return (NULL);
}

/* The closing delimiter of an opening one. */
static int
code_close(int d)
{
	switch (d) {
	case '(':
		return (')');
	case '[':
		return (']');
	case '{':
		return ('}');
	case '<':
		return ('>');
	default:
		return (d);
	}
}

/*
 * After a parse of text that only may run: the shell runs nothing from
 * text it cannot parse, so an error there (a quote, a substitution, a
 * syntax error) is not held against the line, when it had none before
 * (err, pos); what the lenient parse found in it is still classified.
 */
static void
lenient(struct shellparse *sp, int err, size_t pos)
{
	if (err == 0 && (sp->error == SHELLPARSE_E_QUOTE ||
	    sp->error == SHELLPARSE_E_SUBST ||
	    sp->error == SHELLPARSE_E_SYNTAX)) {
		sp->error = 0;
		sp->errpos = pos;
	}
}

/*
 * Bytes of program text looked at or parsed, a call: bounded, as
 * nesting (q{ q{ q{ ... } } }) could make it grow as the square of the
 * text.  Past it, the line is not understood.
 */
static int
code_take(struct ctx *c, size_t n)
{
	if (n <= c->codeleft) {
		c->codeleft -= n;
		return (1);
	}
	c->codeleft = 0;
	if (c->sp->error == 0) {
		c->sp->error = SHELLPARSE_E_COMPLEX;
		c->sp->errpos = 0;
	}
	return (0);
}

/* How a literal's escapes read: code_unquote()'s flags. */
#define UQ_RAW		0x01	/* none but \\ and \' (r"..": none) */
#define UQ_TRIPLE	0x02	/* Python's """..""" */
#define UQ_BYTES	0x04	/* Python's b"..": no \N \u \U */

/* ASCII by its Unicode name or alias, for \N{...}: every byte a shell
   reads apart (letters and digits are spelled out in code). */
static const struct {
	const char	*name;
	unsigned char	 ch;
} uninames[] = {
	{ "NULL", 0 }, { "NUL", 0 },
	{ "CHARACTER TABULATION", '\t' }, { "HORIZONTAL TABULATION", '\t' },
	{ "HT", '\t' }, { "TAB", '\t' },
	{ "LINE FEED", '\n' }, { "NEW LINE", '\n' }, { "END OF LINE", '\n' },
	{ "LF", '\n' }, { "NL", '\n' }, { "EOL", '\n' },
	{ "LINE TABULATION", '\v' }, { "VERTICAL TABULATION", '\v' },
	{ "VT", '\v' }, { "FORM FEED", '\f' }, { "FF", '\f' },
	{ "CARRIAGE RETURN", '\r' }, { "CR", '\r' },
	{ "SPACE", ' ' }, { "SP", ' ' }, { "EXCLAMATION MARK", '!' },
	{ "QUOTATION MARK", '"' }, { "NUMBER SIGN", '#' },
	{ "DOLLAR SIGN", '$' }, { "PERCENT SIGN", '%' }, { "AMPERSAND", '&' },
	{ "APOSTROPHE", '\'' }, { "LEFT PARENTHESIS", '(' },
	{ "RIGHT PARENTHESIS", ')' }, { "ASTERISK", '*' }, { "PLUS SIGN", '+' },
	{ "COMMA", ',' }, { "HYPHEN-MINUS", '-' }, { "FULL STOP", '.' },
	{ "SOLIDUS", '/' }, { "COLON", ':' }, { "SEMICOLON", ';' },
	{ "LESS-THAN SIGN", '<' }, { "EQUALS SIGN", '=' },
	{ "GREATER-THAN SIGN", '>' }, { "QUESTION MARK", '?' },
	{ "COMMERCIAL AT", '@' }, { "LEFT SQUARE BRACKET", '[' },
	{ "REVERSE SOLIDUS", '\\' }, { "RIGHT SQUARE BRACKET", ']' },
	{ "CIRCUMFLEX ACCENT", '^' }, { "LOW LINE", '_' },
	{ "GRAVE ACCENT", '`' }, { "LEFT CURLY BRACKET", '{' },
	{ "VERTICAL LINE", '|' }, { "RIGHT CURLY BRACKET", '}' },
	{ "TILDE", '~' }, { "DELETE", 0x7f }, { "DEL", 0x7f },
};

/*
 * The code point a character name (n bytes at s, any case, as Python's
 * \N{...} and Perl's take it) stands for: ASCII by the table and the
 * spelled-out letters and digits, U+XXXX (Perl); -1 for any other,
 * which is no byte a shell reads apart.
 */
static long
uniname(const char *s, size_t n)
{
	static const char *const digits[10] = { "ZERO", "ONE", "TWO",
	    "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE" };
	char u[48];
	size_t i;
	long v;

	if (n == 0 || n >= sizeof(u))
		return (-1);
	for (i = 0; i < n; i++)
		u[i] = (char)toupper((unsigned char)s[i]);
	u[n] = '\0';
	if (n > 2 && u[0] == 'U' && u[1] == '+') {
		for (v = 0, i = 2; i < n && hexdig((unsigned char)u[i]) >= 0 &&
		    v <= 0x10ffff; i++)
			v = v * 16 + hexdig((unsigned char)u[i]);
		return (i == n && v <= 0x10ffff ? v : -1);
	}
	for (i = 0; i < sizeof(uninames) / sizeof(uninames[0]); i++)
		if (strcmp(u, uninames[i].name) == 0)
			return (uninames[i].ch);
	if (n == 22 && strncmp(u, "LATIN CAPITAL LETTER ", 21) == 0 &&
	    isupper((unsigned char)u[21]))
		return (u[21]);
	if (n == 20 && strncmp(u, "LATIN SMALL LETTER ", 19) == 0 &&
	    isupper((unsigned char)u[19]))
		return (tolower((unsigned char)u[19]));
	if (n > 6 && strncmp(u, "DIGIT ", 6) == 0)
		for (i = 0; i < 10; i++)
			if (strcmp(u + 6, digits[i]) == 0)
				return ('0' + (long)i);
	return (-1);
}

/* Code point v as UTF-8 into d (when not NULL); U+FFFD for what none
   is.  Its length. */
static size_t
uq_utf8(char *d, long v)
{
	unsigned char b[4];
	size_t n;

	if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		v = 0xfffd;
	n = utf8_encode((uint32_t)v, b);
	if (d != NULL)
		memcpy(d, b, n);
	return (n);
}

/* Up to max digits of base (8, 10, 16) at *pp, before e; their value,
   *pp past them; -1 for none. */
static long
uq_num(const char **pp, const char *e, int base, int max)
{
	const char *p = *pp;
	long v = 0;
	int k, i;

	for (i = 0; i < max && p < e; i++, p++) {
		k = hexdig((unsigned char)*p);
		if (k < 0 || k >= base)
			break;
		if (v <= 0x10ffff)
			v = v * base + k;
	}
	if (i == 0)
		return (-1);
	*pp = p;
	return (v);
}

/* Exactly n hex digits at *pp (\xHH, \uXXXX, \UXXXXXXXX): their value,
   *pp past them; else -1, *pp as it was. */
static long
uq_hex(const char **pp, const char *e, int n)
{
	const char *b = *pp;
	long v;

	if ((v = uq_num(pp, e, 16, n)) >= 0 && *pp - b != n) {
		*pp = b;
		v = -1;
	}
	return (v);
}

/* \x{...}, \u{...}, \o{...}, \N{...}: the body at p (past the '{'), up
   to its '}' before e, else NULL. */
static const char *
uq_brace(const char *p, const char *e)
{
	const char *q;

	for (q = p; q < e && q - p < 64; q++)
		if (*q == '}')
			return (q);
	return (NULL);
}

/*
 * An escape of lang at q (past its backslash, before e), as a string
 * of the language reads it: its bytes into d (when not NULL);
 * their count into *np, and *qp to its last byte.  What is no
 * escape reads as the language reads it: Python and PHP keep the
 * backslash, the others drop it.  Returns a Perl case change (\L \U
 * \F \E \Q \l \u) to apply, else 0.
 */
static int
uq_escape(int lang, int flags, const char **qp, const char *e, char *d,
    size_t *np)
{
	const char *q = *qp, *p = q + 1, *b;
	size_t n = 0;
	long v = -1;
	int ch = (unsigned char)*q, code = 0, utf = 1;

	switch (ch) {
	case '\\': v = '\\'; break;
	case '"': v = '"'; break;
	case '\'':
		if (lang != LANG_PHP)
			v = '\'';
		break;
	case '$':
		if (lang == LANG_PHP)
			v = '$';
		break;
	case 'n': v = '\n'; break;
	case 't': v = '\t'; break;
	case 'r': v = '\r'; break;
	case 'f': v = '\f'; break;
	case 'v':
		if (lang != LANG_PERL)
			v = '\v';
		break;
	case 'a':
		if (lang != LANG_PHP && lang != LANG_JS)
			v = 7;
		break;
	case 'b':
		if (lang != LANG_PHP)
			v = 8;
		break;
	case 'e':
		if (lang == LANG_PERL || lang == LANG_RUBY || lang == LANG_PHP)
			v = 27;
		break;
	case 's':
		if (lang == LANG_RUBY)
			v = ' ';
		break;
	case '\n':
		/* a continued line: gone, but for Perl, PHP, Lua */
		if (lang == LANG_PERL || lang == LANG_LUA)
			v = '\n';
		else if (lang != LANG_PHP)
			goto out;
		break;
	case 'z':
		if (lang != LANG_LUA)
			break;
		/* Lua's \z: the blanks after it are gone */
		while (p < e && isspace((unsigned char)*p))
			p++;
		q = p - 1;
		goto out;
	case 'x':
		utf = 0;
		if (lang == LANG_PERL && p < e && *p == '{' &&
		    (b = uq_brace(p + 1, e)) != NULL) {
			p++;
			v = uq_num(&p, b, 16, 8);
			utf = 1;
			if (v < 0)
				v = 0;
			p = b + 1;
		} else if (lang == LANG_PERL)
			v = (v = uq_num(&p, e, 16, 2)) < 0 ? 0 : v;
		else if (lang == LANG_RUBY || lang == LANG_PHP ||
		    lang == LANG_AWK) {
			if ((v = uq_num(&p, e, 16, 2)) < 0 && lang == LANG_RUBY)
				v = 'x';
		} else {
			/* Python, JavaScript and Lua: exactly two */
			v = uq_hex(&p, e, 2);
			utf = lang == LANG_JS || (lang == LANG_PY &&
			    !(flags & UQ_BYTES));
		}
		break;
	case 'u':
		if (lang == LANG_PERL) {
			code = 'u';
			goto out;
		}
		if (lang == LANG_PY && (flags & UQ_BYTES))
			break;
		/* \uXXXX (Python, Ruby, JavaScript); \u{...} (not Python) */
		if (p < e && *p == '{' && lang != LANG_PY &&
		    (b = uq_brace(p + 1, e)) != NULL) {
			/* \u{3b}; Ruby's \u{72 6d}, a code point a word */
			for (p++; p < b; ) {
				while (p < b && *p == ' ')
					p++;
				if (p == b)
					break;
				if ((v = uq_num(&p, b, 16, 8)) < 0)
					break;
				n += uq_utf8(d != NULL ? d + n : NULL, v);
				if (lang != LANG_RUBY)
					break;
			}
			q = b;
			goto out;
		}
		if (lang == LANG_PHP || lang == LANG_LUA)
			break;
		if (lang == LANG_AWK) {
			/* gawk's \u: up to eight */
			v = uq_num(&p, e, 16, 8);
			break;
		}
		v = uq_hex(&p, e, 4);
		break;
	case 'U':
		if (lang == LANG_PERL) {
			code = 'U';
			goto out;
		}
		if (lang != LANG_PY || (flags & UQ_BYTES))
			break;
		v = uq_hex(&p, e, 8);
		break;
	case 'N':
		if ((lang != LANG_PY && lang != LANG_PERL) ||
		    (flags & UQ_BYTES) || p >= e || *p != '{' ||
		    (b = uq_brace(p + 1, e)) == NULL)
			break;
		if ((v = uniname(p + 1, (size_t)(b - p - 1))) < 0)
			v = 0xfffd;	/* no byte a shell reads apart */
		p = b + 1;
		break;
	case 'o':
		if (lang == LANG_PERL && p < e && *p == '{' &&
		    (b = uq_brace(p + 1, e)) != NULL) {
			p++;
			if ((v = uq_num(&p, b, 8, 11)) < 0)
				v = 0;
			p = b + 1;
		}
		break;
	case 'c':
		/* \cX: a control character (Perl, Ruby) */
		if ((lang == LANG_PERL || lang == LANG_RUBY) && p < e) {
			v = toupper((unsigned char)*p) ^ 64;
			p++;
			utf = 0;
		}
		break;
	case 'C':
	case 'M':
		/* Ruby's \C-x, \M-x */
		if (lang == LANG_RUBY && e - p >= 2 && *p == '-') {
			v = ch == 'C' ? (p[1] & 0x9f) : (p[1] | 0x80);
			p += 2;
			utf = 0;
		}
		break;
	case 'L':
	case 'F':
	case 'E':
	case 'Q':
	case 'l':
		if (lang == LANG_PERL) {
			code = ch == 'F' ? 'L' : ch;
			goto out;
		}
		break;
	default:
		if (ch >= '0' && ch <= '9') {
			utf = 0;
			if (lang == LANG_LUA) {
				p = q;
				v = uq_num(&p, e, 10, 3);
			} else if (ch <= '7' && (lang != LANG_JS ||
			    ch != '0' || p >= e || (*p >= '0' && *p <= '7'))) {
				/* JavaScript's \377 at most: \777 is ?7 */
				p = q;
				v = uq_num(&p, e, 8, lang == LANG_JS &&
				    ch > '3' ? 2 : 3);
				utf = lang == LANG_PY && !(flags & UQ_BYTES);
			} else if (ch == '0')
				v = 0;		/* JavaScript's \0 */
			if (v >= 0 && (lang != LANG_PY || !utf))
				v &= 0xff;
		}
		break;
	}
	if (v >= 0) {
		if (utf)
			n = uq_utf8(d, v);
		else {
			if (d != NULL)
				d[0] = (char)(v & 0xff);
			n = 1;
		}
		q = p - 1;
		goto out;
	}
	/* none: Python and PHP keep the backslash */
	if (lang == LANG_PY || lang == LANG_PHP) {
		if (d != NULL)
			d[n] = '\\';
		n++;
	}
	if (d != NULL)
		d[n] = *q;
	n++;
 out:
	*qp = q;
	*np = n;
	return (code);
}

/*
 * The body of a literal from q to its closing delimiter (or e), which
 * is returned; its value, escapes undone as lang reads them (flags
 * UQ_*), into d (when not NULL), *np bytes.  A bracket delimiter
 * nests: q{ {} }.
 */
static const char *
code_unquote(const char *q, const char *e, int open, int lang, int flags,
    char *d, size_t *np)
{
	int close = code_close(open), depth = 1, mode = 0, once = 0, k;
	size_t n = 0, m, i;
	char *o;

	for (; q < e; q++) {
		o = d != NULL ? d + n : NULL;
		if (*q == '\\' && q + 1 < e) {
			q++;
			if (flags & UQ_RAW) {
				/* r"\"" is \"; '\'' is ' */
				if (lang == LANG_PY ||
				    (*q != close && *q != '\\')) {
					if (o != NULL)
						o[0] = '\\';
					n++;
				}
				if (d != NULL)
					d[n] = *q;
				n++;
				continue;
			}
			k = uq_escape(lang, flags, &q, e, o, &m);
			if (k == 'l' || k == 'u')
				once = k;
			else if (k == 'E')
				mode = 0;
			else if (k == 'L' || k == 'U')
				mode = k;
		} else {
			if (open != close && *q == open)
				depth++;
			else if (*q == close && (open == close ||
			    --depth == 0) && (!(flags & UQ_TRIPLE) ||
			    (e - q >= 3 && q[1] == close && q[2] == close)))
				break;
			if (o != NULL)
				o[0] = *q;
			m = 1;
		}
		/* Perl's \L \U \l \u: ASCII changes case */
		for (i = 0; o != NULL && i < m && (mode || once); i++) {
			k = once ? once : mode == 'L' ? 'l' : 'u';
			o[i] = (char)(k == 'l' ? tolower((unsigned char)o[i]) :
			    toupper((unsigned char)o[i]));
			once = 0;
		}
		if (m > 0)
			once = 0;
		n += m;
	}
	*np = n;
	return (q);
}

struct codelit {
	const char	*end;		/* past it */
	char		*v;		/* its value, in the arena */
	size_t		 vn;
	int		 cmd;		/* `...`, qx: a command line */
};

/*
 * The string literal at p, if any: q'..', "..", `..`, r"..", """..""",
 * qx{..}, %x(..), [[..]].  Its value has the usual escapes undone
 * (none in a raw or single-quoted string but \\ and \').  0 if p is at
 * no literal.
 */
static int
code_string(struct ctx *c, const char *p, const char *e, int lang,
    struct codelit *l)
{
	const char *q = p, *b, *f;
	char *d;
	int open, raw = 0, triple = 0, bytes = 0, fmt = 0, kind, flags;
	size_t n = 0, i;

	memset(l, 0, sizeof(*l));
	if (lang == LANG_PY) {
		/* r, b, u, f, rb, br, fr, rf: any case */
		for (i = 0; i < 2 && q < e && strchr("rRbBuUfF", *q) != NULL;
		    i++, q++)
			if (*q == 'r' || *q == 'R')
				raw = 1;
			else if (*q == 'b' || *q == 'B')
				bytes = 1;
			else if (*q == 'f' || *q == 'F')
				fmt = 1;
		if (q > p && q < e && *q != '\'' && *q != '"')
			return (0);
	}
	if (q >= e)
		return (0);
	open = *q;
	if (open == '\'' || open == '"' || open == '`') {
		if (open == '`' && (lang == LANG_PY || lang == LANG_LUA))
			return (0);
		l->cmd = open == '`' && lang != LANG_JS;
		if (lang == LANG_PY && e - q >= 6 && q[1] == open &&
		    q[2] == open)
			triple = 1;
		q += triple ? 3 : 1;
	} else if ((lang == LANG_PERL && *q == 'q') ||
	    (lang == LANG_RUBY && *q == '%')) {
		/* q( ), qq{ }, qx[ ], qw< >; %( ), %q{ }, %Q[ ], %x( ), %w[ ] */
		b = q + 1;
		kind = 0;
		if (b < e && strchr(lang == LANG_PERL ? "qxw" : "qQxwWiI",
		    *b) != NULL)
			kind = *b++;
		l->cmd = kind == 'x';
		raw = lang == LANG_PERL ? kind == 0 || kind == 'w' :
		    kind == 'q' || kind == 'w' || kind == 'i';
		if (lang == LANG_PERL)
			while (b < e && (*b == ' ' || *b == '\t'))
				b++;
		if (b >= e || isalnum((unsigned char)*b) || *b == '_' ||
		    isspace((unsigned char)*b) ||
		    strchr("=,;)}]", *b) != NULL ||
		    (lang == LANG_RUBY && kind == 0 && *b != '(' &&
		    *b != '[' && *b != '{'))
			return (0);
		open = *b;
		q = b + 1;
	} else if (lang == LANG_LUA && *q == '[' && q + 1 < e &&
	    (q[1] == '[' || q[1] == '=')) {
		/* [[ ]], [=[ ]=]: no escapes */
		for (b = q + 1; b < e && *b == '='; b++)
			;
		if (b >= e || *b != '[')
			return (0);
		for (p = b + 1; p < e; p++)
			if (*p == ']' && (size_t)(e - p) > (size_t)(b - q) &&
			    memcmp(p + 1, q + 1, (size_t)(b - q - 1)) == 0 &&
			    p[b - q] == ']')
				break;
		if (!code_take(c, (size_t)(p - b)))
			return (0);
		if ((d = shellparse_alloc(c->sp, (size_t)(p - b))) == NULL) {
			c->nomem = 1;
			return (0);
		}
		memcpy(d, b + 1, (size_t)(p - b - 1));
		d[p - b - 1] = '\0';
		l->v = d;
		l->vn = (size_t)(p - b - 1);
		l->end = p < e ? p + (b - q) + 1 : e;
		return (1);
	} else
		return (0);
	if (open == '\'' && (lang == LANG_PERL || lang == LANG_RUBY ||
	    lang == LANG_PHP))
		raw = 1;		/* '..': only \\ and \' */
	flags = (raw ? UQ_RAW : 0) | (triple ? UQ_TRIPLE : 0) |
	    (bytes ? UQ_BYTES : 0);
	/* Its length first: the arena holds only what it takes. */
	b = code_unquote(q, e, open, lang, flags, NULL, &n);
	/* f"x {y}": made when it runs, no literal ({{ is a brace) */
	for (f = q; fmt && f < b; f++)
		if (*f == '{' && (f + 1 >= b || f[1] != '{'))
			return (0);
		else if (*f == '{')
			f++;
	if (!code_take(c, (size_t)(b - q)))
		return (0);
	if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
		c->nomem = 1;
		return (0);
	}
	code_unquote(q, e, open, lang, flags, d, &n);
	d[n] = '\0';
	l->v = d;
	l->vn = n;
	l->end = b < e ? b + 1 + 2 * triple : e;
	return (1);
}

/*
 * Parse text s as a command line of command ci that a program runs:
 * bounded (codeleft), and lenient as a shell is with text it cannot
 * parse (it runs none of it).  With guess, the text may be no command
 * at all: its commands add their rules, but need none.
 */
static void
lit_parse(struct ctx *c, uint32_t ci, const char *s, size_t n, int guess)
{
	struct shellparse *sp = c->sp;
	size_t pos = sp->errpos, k = sp->ncmds;
	int err = sp->error;

	if (n == 0 || !code_take(c, n))
		return;
	calc_note(c, s, n);
	shellparse(sp, s, n, (unsigned)sp->cmds[ci].depth + 1, ci);
	if (guess)
		for (; k < sp->ncmds; k++)
			sp->cmds[k].mark |= CM_GUESS;
	lenient(sp, err, pos);
}

/* Literals l[0 .. m) as the argv of a command, quoted and joined. */
static void
lits_argv(struct ctx *c, uint32_t ci, const struct codelit *l, size_t m)
{
	size_t i, n = 0;
	char *d;

	for (i = 0; i < m; i++)
		n += 4 * l[i].vn + 3;
	if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	for (i = 0, n = 0; i < m; i++) {
		if (i > 0)
			d[n++] = ' ';
		n += squote(d + n, l[i].v, l[i].vn);
	}
	d[n] = '\0';
	lit_parse(c, ci, d, n, 0);
}

static const char *
code_blank(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return (p);
}

/* A perl or ruby open's literal: "X |", "| X", or the "-|" mode. */
static void
code_open(struct ctx *c, uint32_t ci, const struct codelit *l, size_t m)
{
	size_t i, n;
	const char *v;

	for (i = 0; i < m; i++) {
		v = l[i].v;
		n = l[i].vn;
		while (n > 0 && (*v == ' ' || *v == '\t'))
			v++, n--;
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		if (n == 2 && (memcmp(v, "-|", 2) == 0 ||
		    memcmp(v, "|-", 2) == 0)) {
			if (i + 1 < m) {
				lit_parse(c, ci, l[i + 1].v, l[i + 1].vn, 0);
				if (i + 2 < m)
					lits_argv(c, ci, l + i + 1, m - i - 1);
			}
			return;
		}
		if (n > 0 && v[0] == '|')
			lit_parse(c, ci, v + 1, n - 1, 0);
		else if (n > 0 && v[n - 1] == '|')
			lit_parse(c, ci, v, n - 1, 0);
	}
}

/*
 * Python's executable= of a subprocess call whose other arguments end
 * at q: the program that runs, the argv's first word only its name
 * (subprocess.run(["ls", "/"], executable="/bin/rm") runs rm).  Not a
 * literal: what runs is not known.
 */
static void
py_executable(struct ctx *c, uint32_t ci, const char *q, const char *e,
    struct codelit *l, size_t m)
{
	static char dash_c[] = "-c";
	struct codelit x;
	const char *p;
	int depth = 0;

	if (e - q > 4096)
		e = q + 4096;
	for (p = q; p < e && depth >= 0; p++) {
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if (*p == ')' || *p == ']' || *p == '}')
			depth--;
		else if (*p == '\'' || *p == '"') {
			if (!code_string(c, p, e, LANG_PY, &x))
				return;
			p = x.end - 1;
		} else if (depth == 0 && *p == 'e' && e - p > 10 &&
		    memcmp(p, "executable", 10) == 0 &&
		    !code_id((unsigned char)p[-1])) {
			p = code_blank(p + 10, e);
			if (p >= e || *p != '=' || (p + 1 < e && p[1] == '='))
				continue;
			p = code_blank(p + 1, e);
			if (!code_string(c, p, e, LANG_PY, &x)) {
				if (!c->nomem)
					interp_opaque(c, ci);
				return;
			}
			if (m > 1) {
				l[0] = x;
				lits_argv(c, ci, l, m);
			} else {
				/* shell=True: the shell is X, as X -c LINE */
				l[1] = l[0];
				l[0] = x;
				l[2] = l[1];
				l[1].v = dash_c;
				l[1].vn = 2;
				lits_argv(c, ci, l, 3);
			}
			return;
		}
	}
}

/* Does a string literal of lang start at p? */
static int
code_quote_at(const char *p, const char *e, int lang)
{
	size_t i;

	for (i = 0; lang == LANG_PY && i < 2 && p < e &&
	    strchr("rRbBuUfF", *p) != NULL; i++)
		p++;
	return (p < e && (*p == '\'' || *p == '"'));
}

/* A call of x at p, past its name (which starts at name): its
   literal arguments. */
static void
code_do_call(struct ctx *c, uint32_t ci, const struct codecall *x,
    const char *s, const char *name, const char *p, const char *e,
    int lang, int depth, int subp)
{
	struct codelit l[CODE_LITS];
	const char *q = p, *r;
	size_t m = 0;
	int paren = 0, blank, list = 0, exec = x->kind == CC_EXEC ||
	    x->kind == CC_SPAWN;

	if (x->kind == CC_SUBP && !subp)
		return;
	blank = q < e && (*q == ' ' || *q == '\t');
	q = code_blank(q, e);
	if (q < e && *q == '(') {
		paren = 1;
		q = code_blank(q + 1, e);
	}
	if (x->kind == CC_OPEN) {
		/* open(my $f, "-|", "a", "b"): the literals up to ")" */
		for (; q < e && *q != ')' && *q != ';'; ) {
			if (m >= CODE_LITS) {
				interp_opaque(c, ci);
				break;
			}
			if (code_string(c, q, e, lang, &l[m]))
				q = l[m++].end;
			else
				q++;
		}
		code_open(c, ci, l, m);
		return;
	}
	if (x->kind == CC_PAGER) {
		/* pydoc.pipepager(text, "cmd"): past a name or a literal */
		if (code_string(c, q, e, lang, &l[0]))
			q = l[0].end;
		else
			while (q < e && (code_id((unsigned char)*q) ||
			    *q == '.'))
				q++;
		q = code_blank(q, e);
		if (q >= e || *q != ',') {
			if (!c->nomem)
				interp_opaque(c, ci);
			return;
		}
		q = code_blank(q + 1, e);
	}
	if (x->kind == CC_SPAWN) {
		/* os.spawnlp(os.P_WAIT, ...): past the mode */
		while (q < e && (code_id((unsigned char)*q) || *q == '.'))
			q++;
		q = code_blank(q, e);
		if (q < e && *q == ',')
			q = code_blank(q + 1, e);
	} else if (lang == LANG_PERL && !paren && q < e && *q == '{' &&
	    x->kind == CC_CMD) {
		/* system { "rm" } "x", "-rf": the block names the program,
		   the list's first word is only its argv[0] */
		q = code_blank(q + 1, e);
		if (!code_string(c, q, e, lang, &l[0]) ||
		    (q = code_blank(l[0].end, e)) >= e || *q != '}') {
			if (!c->nomem)
				interp_opaque(c, ci);	/* system { $x } */
			return;
		}
		q = code_blank(q + 1, e);
		m = 1;
		exec = 1;
	}
	/* system(["a", "b"]), system(*%w[a b]), spawn("a", ["b"]) */
	for (;;) {
		while (q < e && (*q == '[' || *q == ']' || *q == '*' ||
		    *q == ',')) {
			/* run(["ls"], **{"executable": x}) */
			if (lang == LANG_PY && *q == '*' && q + 1 < e &&
			    q[1] == '*')
				interp_opaque(c, ci);
			if (*q == '[')
				list++;
			else if (*q == ']' && list > 0)
				list--;
			q = code_blank(q + 1, e);
		}
		if (m >= CODE_LITS) {
			interp_opaque(c, ci);	/* an argv longer than that */
			break;
		}
		if (!code_string(c, q, e, lang, &l[m])) {
			if (m > 0 && list > 0)
				interp_opaque(c, ci);	/* ["rm", x] */
			break;
		}
		q = code_blank(l[m++].end, e);
		if (q < e && (*q == '+' || *q == '.' || *q == '%' ||
		    *q == '[' || (*q == '*' && lang == LANG_PY)))
			interp_opaque(c, ci);	/* "rm " + x, "rm %s" % x,
						   "xid"[1:], "id "*2 */
		/* "true" ";id": two literals are one string */
		if (q < e && (lang == LANG_PY || lang == LANG_RUBY) &&
		    code_quote_at(q, e, lang))
			interp_opaque(c, ci);

		if (q >= e || (*q != ',' && *q != ']'))
			break;
	}
	if (c->nomem)
		return;
	if (m == 0) {
		r = q;
		if (paren && r < e && *r == ')')
			return;			/* f(): nothing given */
		if (paren || (blank && (lang == LANG_PERL ||
		    lang == LANG_RUBY) && r < e && (*r == '$' || *r == '@')) ||
		    (!paren && name > s && name[-1] == '.' &&
		    (r >= e || *r != '.')) ||
		    (lang == LANG_JS && r < e && *r == ':'))
			interp_opaque(c, ci);	/* f(x); system $x; os.system;
						   { execSync: e } */
		return;
	}
	if (exec) {
		/* the program is the path; argv[0] is only its name */
		if (m > 1) {
			l[1] = l[0];
			lits_argv(c, ci, l + 1, m - 1);
		} else
			lits_argv(c, ci, l, m);
		return;
	}
	switch (x->kind) {
	case CC_CODE:
		if (depth + 1 < CODE_DEPTH)
			code_scan(c, ci, l[0].v, l[0].vn, lang, depth + 1);
		else
			interp_opaque(c, ci);
		break;
	default:
		lit_parse(c, ci, l[0].v, l[0].vn, 0);
		if (m > 1)
			lits_argv(c, ci, l, m);
		if (lang == LANG_PY)
			py_executable(c, ci, q, e, l, m);
		break;
	}
}

/*
 * Python's names for what runs commands: import subprocess as sp (sp.run
 * is subprocess.run), from subprocess import run, check_output as co
 * (run( and co( are calls of them), from subprocess import *.
 */
#define PY_ALIASES	16

struct pyalias {
	const char		*a;
	size_t			 n;
	const struct codecall	*x;	/* NULL: a module's name */
	int			 subp;	/* of subprocess */
};

struct pynames {
	struct pyalias		 al[PY_ALIASES];
	size_t			 n;
	int			 star;	/* from subprocess import * */
};

/* The identifier at p, or an empty one; *q past it. */
static size_t
py_ident(const char *p, const char *e, const char **q)
{
	const char *b = p;

	while (p < e && code_id((unsigned char)*p))
		p++;
	*q = p;
	return ((size_t)(p - b));
}

/* Past blanks, line continuations and the ( of from M import (...). */
static const char *
py_skip(const char *p, const char *e)
{
	for (p = code_blank(p, e); p < e && (*p == '(' || *p == '\\'); )
		p = code_blank(p + 1, e);
	return (p);
}

static int
py_runmod(const char *m, size_t n)
{
	return ((n == 10 && memcmp(m, "subprocess", 10) == 0) ||
	    (n == 2 && memcmp(m, "os", 2) == 0) ||
	    (n == 3 && memcmp(m, "pty", 3) == 0) ||
	    (n == 5 && memcmp(m, "posix", 5) == 0) ||
	    (n == 7 && memcmp(m, "asyncio", 7) == 0) ||
	    (n == 8 && memcmp(m, "commands", 8) == 0));
}

static void
py_names(const char *s, size_t n, struct pynames *pn)
{
	const char *p, *e = s + n, *q, *m, *f, *a;
	size_t ml, fl, al;
	int from;

	pn->n = 0;
	pn->star = 0;
	for (p = s; p < e && (p = memmem(p, (size_t)(e - p), "import",
	    6)) != NULL; p += 6) {
		if ((p > s && code_id((unsigned char)p[-1])) ||
		    (p + 6 < e && code_id((unsigned char)p[6])))
			continue;
		/* from M import ...: M is the word before "import" */
		for (q = p; q > s && (q[-1] == ' ' || q[-1] == '\t'); q--)
			;
		for (m = q; m > s && (code_id((unsigned char)m[-1]) ||
		    m[-1] == '.'); m--)
			;
		ml = (size_t)(q - m);
		for (f = m; f > s && (f[-1] == ' ' || f[-1] == '\t'); f--)
			;
		from = f - s >= 4 && memcmp(f - 4, "from", 4) == 0 &&
		    (f - 4 == s || !code_id((unsigned char)f[-5]));
		if (from && !py_runmod(m, ml))
			continue;
		for (q = p + 6; q < e && pn->n < PY_ALIASES; ) {
			q = py_skip(q, e);
			if (q < e && *q == '*') {
				if (from && ml == 10)
					pn->star = 1;
				break;
			}
			fl = py_ident(q, e, &a);
			f = q;
			q = a;
			while (!from && q < e && *q == '.')	/* import a.b */
				fl += 1 + py_ident(q + 1, e, &q);
			if (fl == 0)
				break;
			q = py_skip(q, e);
			a = f;
			al = fl;
			if (e - q > 3 && memcmp(q, "as", 2) == 0 &&
			    (q[2] == ' ' || q[2] == '\t')) {
				q = py_skip(q + 2, e);
				al = py_ident(q, e, &q);
				a = q - al;
			}
			if (al > 0 && from) {
				pn->al[pn->n].x = code_call(f, fl, LANG_PY);
				if (pn->al[pn->n].x != NULL) {
					pn->al[pn->n].a = a;
					pn->al[pn->n].n = al;
					pn->al[pn->n++].subp = ml == 10;
				}
			} else if (al > 0 && a != f && py_runmod(f, fl)) {
				pn->al[pn->n].a = a;
				pn->al[pn->n].n = al;
				pn->al[pn->n].x = NULL;
				pn->al[pn->n++].subp = fl == 10;
			}
			q = py_skip(q, e);
			if (q >= e || *q != ',')
				break;
			q++;
		}
	}
}

/* The alias of pn that identifier b (n bytes) is, if any. */
static const struct pyalias *
py_alias(const struct pynames *pn, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < pn->n; i++)
		if (pn->al[i].n == n && memcmp(pn->al[i].a, b, n) == 0)
			return (&pn->al[i]);
	return (NULL);
}

/* Is there a call that runs something in program s of lang? */
static int
code_runs(const char *s, size_t n, int lang)
{
	const char *p = s, *e = s + n, *b;

	if (lang == LANG_JS && memmem(s, n, "child_process", 13) == NULL &&
	    memmem(s, n, "spawn_sync", 10) == NULL &&
	    memmem(s, n, "Bun.", 4) == NULL)
		return (0);
	while (p < e) {
		if (!code_id((unsigned char)*p) ||
		    isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		for (b = p; p < e && code_id((unsigned char)*p); p++)
			;
		if (code_call(b, (size_t)(p - b), lang) != NULL)
			return (1);
	}
	return (0);
}

/*
 * Calls that pick the function they call, or the module they load, by
 * a string: getattr(os, "sys" + "tem"), require(m), send(x, ...),
 * &$f(...), $f(...), call_user_func($f), os[x](...).  Given anything
 * but one plain literal (which the scan reads as any other), what they
 * run is not known.
 */
#define RF_ARG1		1	/* its first argument */
#define RF_ARG2		2	/* its second argument */
#define RF_SUBSCR	3	/* the [..] after it */
#define RF_ALWAYS	4	/* any use */
#define RF_CALLSUB	5	/* the [..] after the call's ( ) */
#define RF_MODARG2	6	/* as RF_ARG2, of a module (getattr(os, x)) */
#define RF_MODCALLSUB	7	/* as RF_CALLSUB, of a module (vars(os)[x]) */
#define RF_MODSUBSCR	8	/* as RF_SUBSCR, of a module (os.__dict__) */

struct reflect {
	const char	*tok;
	uint8_t		 langs;
	uint8_t		 kind;
};

static const struct reflect reflects[] = {
	{ "getattr(", L_PY, RF_MODARG2 },
	{ "__import__(", L_PY, RF_ARG1 },
	{ "import_module(", L_PY, RF_ARG1 },
	{ "__dict__[", L_PY, RF_MODSUBSCR },
	{ "modules[", L_PY, RF_SUBSCR },
	{ "globals(", L_PY, RF_CALLSUB },
	{ "locals(", L_PY, RF_CALLSUB },
	{ "vars(", L_PY, RF_MODCALLSUB },
	{ "require(", L_JS | L_LUA, RF_ARG1 },
	{ "import(", L_JS, RF_ARG1 },
	{ "eval(", L_JS, RF_ARG1 },
	{ "Function(", L_JS, RF_ARG1 },
	{ "_load(", L_JS, RF_ARG1 },
	{ "binding(", L_JS, RF_ALWAYS },
	{ "dlopen(", L_JS, RF_ALWAYS },
	{ "runInThisContext(", L_JS, RF_ARG1 },
	{ "runInNewContext(", L_JS, RF_ARG1 },
	{ "runInContext(", L_JS, RF_ARG1 },
	{ "compileFunction(", L_JS, RF_ARG1 },
	{ "globalThis[", L_JS, RF_SUBSCR },
	{ "global[", L_JS, RF_SUBSCR },
	{ "process[", L_JS, RF_SUBSCR },
	{ "send(", L_RUBY, RF_ARG1 },
	{ "public_send(", L_RUBY, RF_ARG1 },
	{ "__send__(", L_RUBY, RF_ARG1 },
	{ "method(", L_RUBY, RF_ARG1 },
	{ "const_get(", L_RUBY, RF_ARG1 },
	{ "instance_eval(", L_RUBY, RF_ARG1 },
	{ "class_eval(", L_RUBY, RF_ARG1 },
	{ "module_eval(", L_RUBY, RF_ARG1 },
	{ "call_user_func(", L_PHP, RF_ARG1 },
	{ "call_user_func_array(", L_PHP, RF_ARG1 },
	{ "forward_static_call(", L_PHP, RF_ARG1 },
	{ "forward_static_call_array(", L_PHP, RF_ARG1 },
	{ "array_map(", L_PHP, RF_ARG1 },
	{ "ReflectionFunction(", L_PHP, RF_ARG1 },
	{ "create_function(", L_PHP, RF_ALWAYS },
	{ "_G[", L_LUA, RF_SUBSCR },
	{ "_ENV[", L_LUA, RF_SUBSCR },
	{ "os[", L_LUA, RF_SUBSCR },
	{ "io[", L_LUA, RF_SUBSCR },
	{ "rawget(", L_LUA, RF_ARG2 },
};

/*
 * Is the identifier of n bytes at w a module of program s (n bytes):
 * one that runs commands, or one it imports (import os as o)?  A
 * dotted name is an object's, not a module's.
 */
static int
reflect_mod(const char *s, size_t sn, const char *w, size_t n)
{
	static const char *const mods[] = { "os", "subprocess", "pty",
	    "posix", "commands", "asyncio", "builtins", "__builtins__",
	    "sys", "importlib", "ctypes", NULL };
	const char *p, *e = s + sn;
	size_t i;

	for (i = 0; mods[i] != NULL; i++)
		if (strlen(mods[i]) == n && memcmp(mods[i], w, n) == 0)
			return (1);
	for (p = s; p + n <= e && (p = memmem(p, (size_t)(e - p), w, n)) !=
	    NULL; p += n) {
		if ((p + n < e && code_id((unsigned char)p[n])) ||
		    (p > s && code_id((unsigned char)p[-1])))
			continue;
		if ((p - s >= 7 && memcmp(p - 7, "import ", 7) == 0) ||
		    (p - s >= 3 && memcmp(p - 3, "as ", 3) == 0 &&
		    (p - s == 3 || !code_id((unsigned char)p[-4]))))
			return (1);
	}
	return (0);
}

/* The first argument at p (past a '('): a module's name? */
static int
reflect_modarg(const char *s, size_t sn, const char *p, const char *e)
{
	const char *b;

	p = code_blank(p, e);
	for (b = p; p < e && code_id((unsigned char)*p); p++)
		;
	if (p == b)
		return (1);		/* __import__("os"), a call */
	if ((p = code_blank(p, e)) < e && *p == '.')
		return (0);		/* self.x */
	if (p < e && *p == '(')		/* __import__("os") */
		return ((p - b == 10 && memcmp(b, "__import__", 10) == 0) ||
		    (p - b == 13 && memcmp(b, "import_module", 13) == 0));
	return (reflect_mod(s, sn, b, (size_t)(p - b)));
}

/* Past one plain literal at p ("x", 'x', :x, a closure), or NULL. */
static const char *
reflect_lit(const char *p, const char *e, int lang)
{
	const char *q;
	int open;

	p = code_blank(p, e);
	if (lang == LANG_PY)
		while (p < e && strchr("rRbBuU", *p) != NULL)
			p++;
	if (p >= e)
		return (NULL);
	if (lang == LANG_RUBY && *p == ':') {
		for (q = p + 1; q < e && code_id((unsigned char)*q); q++)
			;
		return (q > p + 1 ? q : NULL);
	}
	if (lang == LANG_PHP && ((e - p > 8 && memcmp(p, "function", 8) ==
	    0 && !code_id((unsigned char)p[8])) || (e - p > 2 &&
	    memcmp(p, "fn", 2) == 0 && !code_id((unsigned char)p[2]))))
		return (e);			/* a closure: read as code */
	if (lang == LANG_PHP && e - p >= 4 && strncasecmp(p, "null", 4) == 0 &&
	    (e - p == 4 || !code_id((unsigned char)p[4])))
		return (p + 4);
	if (lang == LANG_PY && e - p >= 8 && memcmp(p, "__name__", 8) == 0 &&
	    (e - p == 8 || !code_id((unsigned char)p[8])))
		return (p + 8);			/* sys.modules[__name__] */
	if (*p != '\'' && *p != '"' && (*p != '`' || lang != LANG_JS))
		return (NULL);
	for (open = *p, q = p + 1; q < e && *q != open; q++) {
		if (*q == '\\' && q + 1 < e)
			q++;
		else if (open != '\'' && ((*q == '$' && lang != LANG_PY) ||
		    (*q == '#' && q + 1 < e && q[1] == '{')))
			return (NULL);	/* "$x", "#{x}", `${x}` */
	}
	return (q < e ? q + 1 : NULL);
}

/* Is the argument at p (past a '(' or '[') one plain literal alone? */
static int
reflect_only_lit(const char *p, const char *e, int lang)
{
	if ((p = reflect_lit(p, e, lang)) == NULL)
		return (0);
	if (p == e)
		return (1);
	p = code_blank(p, e);
	return (p < e && (*p == ',' || *p == ')' || *p == ']'));
}

/* Past the ( ) or [ ] whose opening is just before p, or NULL. */
static const char *
reflect_close(const char *p, const char *e, int stopcomma)
{
	int depth = 0, q = 0;

	for (; p < e; p++) {
		if (q != 0) {
			if (*p == '\\' && p + 1 < e)
				p++;
			else if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"' || *p == '`')
			q = *p;
		else if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if (*p == ')' || *p == ']' || *p == '}') {
			if (depth-- == 0)
				return (p + 1);
		} else if (*p == ',' && depth == 0 && stopcomma)
			return (p + 1);
	}
	return (NULL);
}

/* Does program s of lang call a function or load a module named by a
   string made when it runs? */
static int
code_reflect(const char *s, size_t n, int lang)
{
	const struct reflect *r;
	const char *e = s + n, *p, *q, *b;
	size_t l, nl;

	/* perl &$f(...), &{...}, $o->$m(...), *{"name"}; php $f(...),
	   $o->$m(...) */
	if (lang == LANG_PERL || lang == LANG_PHP)
		for (p = s; p + 1 < e; p++) {
			if (p[0] == '-' && p[1] == '>' && p + 2 < e &&
			    p[2] == '$')
				return (1);
			if (lang == LANG_PERL && ((p[0] == '&' &&
			    (p[1] == '$' || p[1] == '{') &&
			    (p == s || p[-1] != '&')) ||
			    (p[0] == '*' && p[1] == '{')))
				return (1);
			if (lang == LANG_PHP && p[0] == '$' &&
			    code_id((unsigned char)p[1])) {
				for (q = p + 1; q < e &&
				    code_id((unsigned char)*q); q++)
					;
				if ((q = code_blank(q, e)) < e && *q == '(')
					return (1);
			}
		}
	for (r = reflects; r < reflects + sizeof(reflects) /
	    sizeof(reflects[0]); r++) {
		if (!(r->langs & (1 << lang)))
			continue;
		/* the name, then its ( or [ after any blanks: getattr (x) */
		nl = strlen(r->tok) - 1;
		for (p = s; (q = memmem(p, (size_t)(e - p), r->tok, nl)) !=
		    NULL; p = q + 1) {
			if (q > s && code_id((unsigned char)q[-1]))
				continue;	/* xgetattr( */
			if ((b = code_blank(q + nl, e)) >= e ||
			    *b != r->tok[nl])
				continue;
			l = (size_t)(b + 1 - q);
			q = b + 1;
			switch (r->kind) {
			case RF_ALWAYS:
				return (1);
			case RF_MODARG2:
				if (!reflect_modarg(s, n, q, e))
					break;
				/* FALLTHROUGH */
			case RF_ARG2:
				if ((q = reflect_close(q, e, 1)) == NULL ||
				    q[-1] != ',')
					break;
				/* FALLTHROUGH */
			case RF_ARG1:
			case RF_SUBSCR:
				if (!reflect_only_lit(q, e, lang))
					return (1);
				break;
			case RF_MODSUBSCR:
				/* os.__dict__[x] */
				if (q - l < s + 1 || (q - l)[-1] != '.')
					break;
				for (p = q - l - 1; p > s &&
				    code_id((unsigned char)p[-1]); p--)
					;
				if (reflect_mod(s, n, p, (size_t)(q - l - 1 -
				    p)) && !reflect_only_lit(q, e, lang))
					return (1);
				break;
			case RF_MODCALLSUB:
				if (!reflect_modarg(s, n, q, e))
					break;
				/* FALLTHROUGH */
			case RF_CALLSUB:
				if ((q = reflect_close(q, e, 0)) != NULL &&
				    (q = code_blank(q, e)) < e && *q == '[' &&
				    !reflect_only_lit(q + 1, e, lang))
					return (1);
				break;
			}
			if (q == NULL)
				break;
			q--;
		}
	}
	return (0);
}

/*
 * Python code that names what it runs in ways not followed here: a
 * name spelled with letters other than ASCII (NFKC makes os.ｓystem
 * os.system), or a module that runs commands given another name by an
 * assignment (s = subprocess; s.run(x)).  Strings and comments are
 * skipped.
 */
static int
py_opaque(struct ctx *c, const char *s, size_t n)
{
	const char *p = s, *e = s + n, *q, *w;
	struct codelit l;
	size_t il;

	while (p < e) {
		if (*p == '#') {
			while (p < e && *p != '\n')
				p++;
			continue;
		}
		if (code_quote_at(p, e, LANG_PY) &&
		    (p == s || !code_id((unsigned char)p[-1]))) {
			if (code_string(c, p, e, LANG_PY, &l)) {
				p = l.end;
				continue;
			}
		}
		if ((unsigned char)*p >= 0x80)
			return (1);
		/* NAME = module, not NAME == x, NAME = module.f(...) */
		if (*p == '=' && (p + 1 >= e || p[1] != '=') && p > s &&
		    strchr("=!<>+-*/%&|^:", p[-1]) == NULL) {
			q = code_blank(p + 1, e);
			for (w = q; w < e && code_id((unsigned char)*w); w++)
				;
			il = (size_t)(w - q);
			if (il > 0 && reflect_mod(s, n, q, il) &&
			    ((w = code_blank(w, e)) >= e ||
			    (*w != '.' && *w != '(' && *w != '[')))
				return (1);
		}
		p++;
	}
	return (0);
}

/*
 * Does a lone "/" or "~" at q..end of code s..e stand as a separator
 * or a prefix, not a directory: "/".join(x), x.split("/"), a + "/",
 * x.startswith("~")?  It is a directory only as a call's argument alone
 * (os.walk("/"), shutil.rmtree("~")) or a value given a name (p = "/").
 */
static int
code_sep(const char *s, const char *e, const char *q, const char *end)
{
	static const char *const meths[] = { "split", "rsplit", "join",
	    "strip", "lstrip", "rstrip", "startswith", "endswith",
	    "replace", "count", "find", "rfind", "index", "rindex",
	    "partition", "rpartition", "removeprefix", "removesuffix",
	    "indexOf", "lastIndexOf", "includes", "startsWith", "endsWith",
	    "chomp", "chop", "delete", "gsub", "sub", "tr", "explode",
	    "implode", "str_replace", "strpos", "rtrim", "ltrim", "trim" };
	const char *p = code_blank(end, e), *b;
	size_t i, n;

	if (p < e && *p != ')' && *p != ',' && *p != ';' && *p != '\n')
		return (1);
	for (p = q; p > s && (p[-1] == ' ' || p[-1] == '\t'); p--)
		;
	if (p == s || p[-1] == '=')
		return (p > s + 1 && strchr("=!<>", p[-2]) != NULL);
	if (p[-1] != '(')
		return (1);
	for (p--; p > s && (p[-1] == ' ' || p[-1] == '\t'); p--)
		;
	for (b = p; b > s && code_id((unsigned char)b[-1]); b--)
		;
	n = (size_t)(p - b);
	for (i = 0; i < sizeof(meths) / sizeof(meths[0]); i++)
		if (strlen(meths[i]) == n && memcmp(meths[i], b, n) == 0)
			return (1);
	return (0);
}

/*
 * A string literal (q..l->end) of interpreter code s..e as a path.  What
 * the code does with it is not followed, so every literal is a path it
 * may touch (python3 -c "print(open('.env').read())" is cat .env) and,
 * but for a reader, write, and one that names a directory is a tree it
 * may work through (shutil.rmtree, os.walk).  A path the code builds
 * from parts (Path.home() / ".ssh") is not put together.
 */
static void
code_path(struct ctx *c, const char *s, const char *e, const char *q,
    const struct codelit *l, int home)
{
	char *h;
	size_t k;

	if (l->cmd || l->vn == 0 || l->vn > 4096 || c->nomem)
		return;
	path_feed_here(c, l->v, l->vn);
	if (l->vn > 1000 || memchr(l->v, '\n', l->vn) != NULL)
		return;
	if (home && l->v[0] != '~') {
		/* in the home directory too: Path.home() / ".ssh",
		   os.homedir() + "/.ssh" */
		if ((h = shellparse_alloc(c->sp, l->vn + 3)) == NULL) {
			c->nomem = 1;
			return;
		}
		h[0] = '~';
		k = 1;
		if (l->v[0] != '/')
			h[k++] = '/';
		memcpy(h + k, l->v, l->vn);
		h[k + l->vn] = '\0';
		path_feed(c, h, k + l->vn, NULL, NULL);
		dir_feed(c, h, k + l->vn, NULL, NULL);
	}
	if (l->vn == 1 && ((l->v[0] != '/' && l->v[0] != '~') ||
	    code_sep(s, e, q, l->end)))
		return;
	dir_feed(c, l->v, l->vn, NULL, NULL);
}

/* Does a program look up the home directory (Path.home(), $HOME,
   os.homedir(), Dir.home, ENV["HOME"])?  Its relative literals may
   then be joined to it. */
static int
code_home(const char *s, size_t n)
{
	return (memmem(s, n, "home", 4) != NULL ||
	    memmem(s, n, "HOME", 4) != NULL || memmem(s, n, "Home", 4) != NULL);
}

/*
 * A file code loads (imp, n bytes; with ext added when the name has
 * no '.' after its last '/'): if the line wrote it, the code it runs
 * is not known.  Looked for as named from where the command runs, and
 * by its last part in any directory the line redirected into, as the
 * name is from the script's own directory.
 */
static void
imp_file(struct ctx *c, uint32_t ci, const char *imp, size_t n,
    const char *ext)
{
	char buf[272];
	const char *b;
	size_t l, el = ext != NULL ? strlen(ext) : 0;

	if (n == 0 || n + el >= sizeof(buf) || c->opq != NONE ||
	    memchr(imp, '\0', n) != NULL)
		return;
	memcpy(buf, imp, n);
	l = n;
	b = memrchr(buf, '/', l);
	b = b != NULL ? b + 1 : buf;
	if (el > 0 && memchr(b, '.', l - (size_t)(b - buf)) == NULL) {
		memcpy(buf + l, ext, el);
		l += el;
	}
	buf[l] = '\0';
	named_opaque(c, ci, buf, l);
	if (c->opq == NONE && strpbrk(b, "*?[\\") == NULL && *b != '\0')
		glob_pat(c, ci, b, 0);
}

/* A quoted literal at p (no escapes in it): its text in *v, *vn;
   past it, or NULL. */
static const char *
imp_lit(const char *p, const char *e, const char **v, size_t *vn)
{
	const char *q;
	char d;

	if (p >= e || (*p != '\'' && *p != '"' && *p != '`'))
		return (NULL);
	d = *p++;
	for (q = p; q < e && *q != d && *q != '\\' && *q != '\n'; q++)
		;
	if (q >= e || *q != d || q - p > 256)
		return (NULL);
	*v = p;
	*vn = (size_t)(q - p);
	return (q + 1);
}

/* A dotted name at p (a.b.c, or perl's A::B) as a path a/b/c in buf
   (size bs): its length, 0 if none; *q past it. */
static size_t
imp_dotted(const char *p, const char *e, char *buf, size_t bs,
    const char **q, int perl)
{
	size_t l = 0;

	while (p < e && l + 1 < bs) {
		if (code_id((unsigned char)*p))
			buf[l++] = *p++;
		else if (!perl && *p == '.' && l > 0 && p + 1 < e &&
		    code_id((unsigned char)p[1])) {
			buf[l++] = '/';
			p++;
		} else if (perl && *p == ':' && p + 2 < e && p[1] == ':' &&
		    l > 0 && code_id((unsigned char)p[2])) {
			buf[l++] = '/';
			p += 2;
		} else
			break;
	}
	*q = p;
	return (p < e && l + 1 >= bs ? 0 : l);
}

/* Past python's " as NAME" at p, if there is one. */
static const char *
imp_as(const char *p, const char *e)
{
	if (e - p > 3 && memcmp(p, "as", 2) == 0 &&
	    !code_id((unsigned char)p[2])) {
		p = code_blank(p + 2, e);
		(void)py_ident(p, e, &p);
		p = code_blank(p, e);
	}
	return (p);
}

/* python module a/b (ml bytes at mod, which holds ms): a/b.py and
   a/b/__init__.py. */
static void
imp_pymod(struct ctx *c, uint32_t ci, char *mod, size_t ml, size_t ms)
{
	imp_file(c, ci, mod, ml, ".py");
	if (ml + 12 < ms) {
		memcpy(mod + ml, "/__init__.py", 12);
		imp_file(c, ci, mod, ml + 12, NULL);
	}
}

/* python's import A.B [as x], C and from A import B, C: A.py,
   A/__init__.py, A/B.py; from . import B: B.py. */
static const char *
imp_python(struct ctx *c, uint32_t ci, const char *p, const char *e,
    int from)
{
	char mod[200], sub[200];
	const char *q;
	size_t ml, sl;
	int dots = 0;

	p = code_blank(p, e);
	if (from) {
		while (p < e && *p == '.') {
			dots = 1;
			p++;
		}
		ml = imp_dotted(p, e, mod, sizeof(mod), &q, 0);
		if (ml == 0 && !dots)
			return (p);
		if (ml > 0)
			imp_pymod(c, ci, mod, ml, sizeof(mod));
		p = py_skip(q, e);
		if (e - p < 6 || memcmp(p, "import", 6) != 0)
			return (p);
		p += 6;
		for (;;) {
			p = py_skip(p, e);
			sl = imp_dotted(p, e, sub, sizeof(sub), &q, 0);
			if (sl == 0 || q == p)
				return (p);
			if (ml > 0 && ml + 1 + sl + 3 < sizeof(mod)) {
				mod[ml] = '/';
				memcpy(mod + ml + 1, sub, sl);
				imp_file(c, ci, mod, ml + 1 + sl, ".py");
			} else if (ml == 0)
				imp_file(c, ci, sub, sl, ".py");
			p = py_skip(q, e);
			p = imp_as(p, e);
			if (p >= e || *p != ',')
				return (p);
			p++;
		}
	}
	for (;;) {
		p = code_blank(p, e);
		ml = imp_dotted(p, e, mod, sizeof(mod), &q, 0);
		if (ml == 0 || q == p)
			return (p);
		imp_pymod(c, ci, mod, ml, sizeof(mod));
		p = code_blank(q, e);
		p = imp_as(p, e);
		if (p >= e || *p != ',')
			return (p);
		p++;
	}
}

/* Might code s (n bytes) of lang load a module or file? */
static int
imp_maybe(const char *s, size_t n, int lang)
{
	switch (lang) {
	case LANG_PY:
		return (memmem(s, n, "import", 6) != NULL);
	case LANG_PERL:
		return (memmem(s, n, "use", 3) != NULL ||
		    memmem(s, n, "require", 7) != NULL ||
		    memmem(s, n, "do", 2) != NULL ||
		    memmem(s, n, "no", 2) != NULL);
	case LANG_RUBY:
		return (memmem(s, n, "require", 7) != NULL ||
		    memmem(s, n, "load", 4) != NULL);
	case LANG_JS:
		return (memmem(s, n, "require", 7) != NULL ||
		    memmem(s, n, "import", 6) != NULL);
	case LANG_PHP:
		return (memmem(s, n, "include", 7) != NULL ||
		    memmem(s, n, "require", 7) != NULL);
	case LANG_LUA:
		return (memmem(s, n, "require", 7) != NULL ||
		    memmem(s, n, "dofile", 6) != NULL ||
		    memmem(s, n, "loadfile", 8) != NULL);
	}
	return (0);
}

/*
 * Modules and files code loads, which the line may have written:
 * python's import and from ... import, __import__("m") and
 * import_module("m"); perl's use/require A::B (A/B.pm) and require or
 * do "f"; ruby's require, require_relative and load "f"; node's
 * require("./f"), import ... from "./f" and import("./f"); php's
 * include and require; lua's dofile, loadfile and require "a.b".
 * Called only when a command before ci writes files.
 */
static void __attribute__((noinline))
code_imports(struct ctx *c, uint32_t ci, const char *s, size_t n, int lang)
{
	const char *p = s, *e = s + n, *b, *q, *v;
	char mod[200];
	size_t il, vn, ml;

	while (p < e && c->opq == NONE && !c->nomem) {
		if (!code_id((unsigned char)*p) || isdigit((unsigned char)*p) ||
		    (p > s && (code_id((unsigned char)p[-1]) ||
		    p[-1] == '$' || p[-1] == '>'))) {
			p++;
			continue;
		}
		for (b = p; p < e && code_id((unsigned char)*p); p++)
			;
		il = (size_t)(p - b);
#define IMP_IS(w)	(il == sizeof(w) - 1 && memcmp(b, w, il) == 0)
		/* x.import is not a statement; importlib.import_module is */
		if (b > s && b[-1] == '.' && !IMP_IS("import_module"))
			continue;
		q = code_blank(p, e);
		if (q < e && *q == '(' && !IMP_IS("import") && lang != LANG_PY)
			q = code_blank(q + 1, e);
		switch (lang) {
		case LANG_PY:
			if (IMP_IS("import") || IMP_IS("from"))
				p = imp_python(c, ci, p, e, b[0] == 'f');
			else if ((IMP_IS("__import__") ||
			    IMP_IS("import_module")) && q < e && *q == '(' &&
			    imp_lit(code_blank(q + 1, e), e, &v, &vn) != NULL &&
			    (ml = imp_dotted(v, v + vn, mod, sizeof(mod), &q,
			    0)) > 0)
				imp_pymod(c, ci, mod, ml, sizeof(mod));
			break;
		case LANG_PERL:
			if (!IMP_IS("use") && !IMP_IS("require") &&
			    !IMP_IS("do") && !IMP_IS("no"))
				break;
			if (imp_lit(q, e, &v, &vn) != NULL)
				imp_file(c, ci, v, vn, NULL);
			else if (!IMP_IS("do") && (ml = imp_dotted(q, e, mod,
			    sizeof(mod), &q, 1)) > 0)
				imp_file(c, ci, mod, ml, ".pm");
			break;
		case LANG_RUBY:
			if ((IMP_IS("require") || IMP_IS("require_relative") ||
			    IMP_IS("load")) && imp_lit(q, e, &v, &vn) != NULL)
				imp_file(c, ci, v, vn, IMP_IS("load") ? NULL :
				    ".rb");
			break;
		case LANG_JS:
			if (IMP_IS("import") && q < e && *q != '(') {
				/* import x from "./f", import "./f" */
				for (; q < e && *q != ';' && *q != '\n' &&
				    *q != '\'' && *q != '"'; q++)
					;
			} else if (IMP_IS("import"))
				q = code_blank(q + 1, e);
			else if (!IMP_IS("require"))
				break;
			if (imp_lit(q, e, &v, &vn) == NULL || vn == 0 ||
			    (v[0] != '.' && v[0] != '/'))
				break;
			imp_file(c, ci, v, vn, ".js");
			if (vn + 9 < sizeof(mod)) {
				memcpy(mod, v, vn);
				memcpy(mod + vn, "/index.js", 9);
				imp_file(c, ci, mod, vn + 9, NULL);
			}
			break;
		case LANG_PHP:
			if ((IMP_IS("include") || IMP_IS("require") ||
			    IMP_IS("include_once") || IMP_IS("require_once")) &&
			    imp_lit(q, e, &v, &vn) != NULL)
				imp_file(c, ci, v, vn, NULL);
			break;
		case LANG_LUA:
			if ((IMP_IS("dofile") || IMP_IS("loadfile")) &&
			    imp_lit(q, e, &v, &vn) != NULL)
				imp_file(c, ci, v, vn, NULL);
			else if (IMP_IS("require") && imp_lit(q, e, &v, &vn) !=
			    NULL && (ml = imp_dotted(v, v + vn, mod,
			    sizeof(mod), &q, 0)) > 0) {
				imp_file(c, ci, mod, ml, ".lua");
				if (ml + 9 < sizeof(mod)) {
					memcpy(mod + ml, "/init.lua", 9);
					imp_file(c, ci, mod, ml + 9, NULL);
				}
			}
			break;
		}
#undef IMP_IS
	}
}

/*
 * Program s of lang, run by command ci.  Calls and command literals
 * are looked for in all of its text, in strings and comments too: a
 * quote that is not where the scan takes it to be cannot hide one.
 * Other literals, for the guess, are found by a scan that knows the
 * language's strings and comments, as well as it can.
 */
static void
code_scan(struct ctx *c, uint32_t ci, const char *s, size_t n, int lang,
    int depth)
{
	const struct codecall *x;
	const struct pyalias *pa;
	const char *p, *e = s + n, *b, *q;
	struct codelit l;
	struct pynames pn;
	size_t il;
	int runs, subp, home;

	if (!code_take(c, n))
		return;
	if (code_reflect(s, n, lang) || (lang == LANG_PY && py_opaque(c, s, n)))
		interp_opaque(c, ci);	/* getattr(os, x)(...) */
	/* import m: m.py, if the line wrote it */
	if (ci > 0 && imp_maybe(s, n, lang) && lw_before(c, ci))
		code_imports(c, ci, s, n, lang);
	runs = code_runs(s, n, lang);
	pn.n = 0;
	pn.star = 0;
	if (runs && lang == LANG_PY)
		py_names(s, n, &pn);
	for (p = s; p < e && !c->nomem && c->codeleft > 0; ) {
		if ((*p == '`' && lang != LANG_PY && lang != LANG_LUA &&
		    (lang != LANG_JS || (p > s && p[-1] == '$'))) ||
		    (*p == '%' && lang == LANG_RUBY && p + 1 < e &&
		    p[1] == 'x') ||
		    (*p == 'q' && lang == LANG_PERL && p + 1 < e &&
		    p[1] == 'x' && (p == s || !code_id((unsigned char)p[-1])))) {
			/* `X`, qx{X}, %x(X), Bun's $`X` */
			if (code_string(c, p, e, lang, &l) &&
			    (l.cmd || lang == LANG_JS))
				lit_parse(c, ci, l.v, l.vn, 0);
			p++;
			continue;
		}
		if (!runs || !code_id((unsigned char)*p) ||
		    isdigit((unsigned char)*p) ||
		    (p > s && code_id((unsigned char)p[-1]))) {
			p++;
			continue;
		}
		for (b = p; p < e && code_id((unsigned char)*p); p++)
			;
		il = (size_t)(p - b);
		if (pn.n > 0 && (b == s || b[-1] != '.') &&
		    (pa = py_alias(&pn, b, il)) != NULL) {
			if (pa->x == NULL && p < e && *p == '.' &&
			    (il = py_ident(p + 1, e, &q)) > 0 &&
			    (x = code_call(p + 1, il, lang)) != NULL) {
				/* sp.run(...), of import subprocess as sp */
				code_do_call(c, ci, x, s, p + 1, q, e, lang,
				    depth, pa->subp);
				p = q;
				continue;
			}
			if (pa->x != NULL && (q = code_blank(p, e)) < e &&
			    *q == '(') {
				/* co(...), of from subprocess import
				   check_output as co */
				code_do_call(c, ci, pa->x, s, b, p, e, lang,
				    depth, pa->subp);
				continue;
			}
		}
		if ((x = code_call(b, il, lang)) == NULL)
			continue;
		/* subprocess.run, __import__("subprocess").run; run of
		   from subprocess import * */
		subp = (b - s >= 11 && memcmp(b - 11, "subprocess.", 11) ==
		    0) || (b - s >= 13 && (memcmp(b - 13, "subprocess\").",
		    13) == 0 || memcmp(b - 13, "subprocess').", 13) == 0)) ||
		    (pn.star && (b == s || b[-1] != '.'));
		code_do_call(c, ci, x, s, b, p, e, lang, depth, subp);
	}
	if (!runs && c->rs->npp == 0)
		return;
	/* Every literal: a path (code_path()); if the code runs
	   commands, every other literal a guess at a command line. */
	home = c->rs->npp > 0 && code_home(s, n);
	for (p = s; p < e && !c->nomem && c->codeleft > 0; ) {
		if ((*p == '#' && (lang == LANG_PY || lang == LANG_PHP)) ||
		    (*p == '/' && p + 1 < e && p[1] == '/' &&
		    (lang == LANG_JS || lang == LANG_PHP)) ||
		    (*p == '-' && p + 1 < e && p[1] == '-' &&
		    lang == LANG_LUA && (p + 2 >= e || p[2] != '['))) {
			while (p < e && *p != '\n')
				p++;
			continue;
		}
		if (*p == '/' && p + 1 < e && p[1] == '*' &&
		    (lang == LANG_JS || lang == LANG_PHP)) {
			if ((b = memmem(p + 2, (size_t)(e - p - 2), "*/", 2)) ==
			    NULL)
				break;
			p = b + 2;
			continue;
		}
		if ((*p == '\'' || *p == '"' || *p == '`' ||
		    ((p == s || !code_id((unsigned char)p[-1])) &&
		    strchr("rRbBuUfFq%[", *p) != NULL)) &&
		    code_string(c, p, e, lang, &l)) {
			if (c->rs->npp > 0)
				code_path(c, s, e, p, &l, home);
			p = l.end;
			if (runs && !l.cmd && memchr(l.v, '$', l.vn) == NULL &&
			    memchr(l.v, '`', l.vn) == NULL &&
			    memmem(l.v, l.vn, "#{", 2) == NULL)
				lit_parse(c, ci, l.v, l.vn, 1);
			continue;
		}
		if (code_id((unsigned char)*p))
			while (p < e && code_id((unsigned char)*p))
				p++;
		else
			p++;
	}
}

/*
 * The program of interpreter command ci: the text of its code options
 * (python -c, perl -e/-E, ruby -e, node -e/-p/--eval/--print, php
 * -r/-B/-R/-E, lua -e), else, with no script operand or "-", what a
 * here-document or here-string gives it.  Options are read as getopt
 * reads them, with each interpreter's own that take an argument.
 */
/*
 * code_scan() of a word's text (v, n of it), an expansion put in: a
 * value the line gives (x='...'; python3 -c "$x"), else, if the word
 * may be anything the line works out as it runs, text not known.
 */
static void
code_word(struct ctx *c, uint32_t ci, const struct shellparse_word *w,
    const char *v, size_t n, int lang)
{
	const char *pat = shellparse_pattern(w), *os, *op;
	size_t on;

	if (pat == NULL || v != w->text) {
		if (pat != NULL && memchr(v, '$', n) != NULL &&
		    word_any(c, v, n))
			interp_opaque(c, ci);
		code_scan(c, ci, v, n, lang, 0);
	} else if (word_subst(c, w->text, w->len, pat, &os, &on, &op))
		code_scan(c, ci, os, on, lang, 0);
	else if (word_any(c, w->text, w->len))
		interp_opaque(c, ci);
	else
		code_scan(c, ci, v, n, lang, 0);
}

/* The here-documents and here-strings of command ci as its program. */
static int
code_heredocs(struct ctx *c, uint32_t ci, int lang)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_redir *r;
	uint32_t k;
	int given = 0;

	for (k = 0; k < cmd->nredirs && !c->nomem; k++) {
		r = &cmd->redirs[k];
		if (r->op == SHELLPARSE_R_HEREDOC && r->body != NULL) {
			code_scan(c, ci, r->body, r->bodylen, lang, 0);
			given = 1;
		} else if (r->op == SHELLPARSE_R_HERESTR) {
			code_word(c, ci, &r->target, r->target.text,
			    r->target.len, lang);
			given = 1;
		}
	}
	return (given);
}

/*
 * python -m MODULE: timeit's operands (and -s SETUP) are code; pdb's
 * -c commands run code of their own (!x), as does the console of code,
 * asyncio, IPython, bpython and ptpython on what it reads; the
 * profilers, trace and doctest run a script, which may be the input
 * (-m cProfile /dev/stdin <<< CODE).
 * Any other module is the program's own, as a script is.  Returns 1
 * when what the interpreter reads is code too.
 */
static int
py_module(struct ctx *c, uint32_t ci, const char *m, uint32_t k,
    uint32_t end)
{
	static const char *const runners[] = { "cProfile", "profile",
	    "trace", "doctest", NULL };
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t;
	int i, u;

again:
	for (i = 0; runners[i] != NULL; i++)
		if (strcmp(m, runners[i]) == 0)
			break;
	if (runners[i] != NULL) {
		/* any operand may be the script (options' values too) */
		for (; k < end && !c->nomem; k++) {
			w = &cmd->words[k];
			if (strcmp(w->text, "-m") == 0 && k + 1 < end) {
				m = cmd->words[k + 1].text;
				k += 2;
				goto again;
			}
			if ((u = script_operand(w)) == UW_NONE)
				continue;
			if (u != UW_STDIN || !code_heredocs(c, ci, LANG_PY))
				feed_shell(c, ci, u == UW_PROCSUB, LANG_PY);
			return (0);
		}
		return (0);
	}

	if (strcmp(m, "timeit") == 0) {
		for (; k < end && !c->nomem; k++) {
			w = &cmd->words[k];
			if (w->len >= 2 && w->text[0] == '-') {
				if (strchr("nrpu", w->text[1]) != NULL &&
				    w->len == 2)
					k++;	/* -n N, -r N, -u U */
				else if (strcmp(w->text, "-s") == 0 &&
				    k + 1 < end) {
					k++;
					code_word(c, ci, &cmd->words[k],
					    cmd->words[k].text,
					    cmd->words[k].len, LANG_PY);
				} else if (w->text[1] == 's')
					code_scan(c, ci, w->text + 2,
					    w->len - 2, LANG_PY, 0);
				continue;
			}
			code_word(c, ci, w, w->text, w->len, LANG_PY);
		}
		return (0);
	}
	if (strcmp(m, "pdb") == 0) {
		for (; k < end; k++)
			if (strncmp(cmd->words[k].text, "-c", 2) == 0 ||
			    strncmp(cmd->words[k].text, "--command", 9) == 0)
				interp_opaque(c, ci);
		return (1);
	}
	/* -m pip, -m pytest, -m build, -m unittest: files of code */
	if ((t = build_files_of(m, strlen(m))) != NULL ||
	    (t = strcmp(m, "build") == 0 ? "!setup.py|setup.cfg|"
	    "pyproject.toml" : strcmp(m, "unittest") == 0 ? "test*.py" :
	    NULL) != NULL)
		build_files(c, ci, k - 1, end, t);
	return (strcmp(m, "code") == 0 || strcmp(m, "asyncio") == 0 ||
	    strcmp(m, "IPython") == 0 || strcmp(m, "bpython") == 0 ||
	    strcmp(m, "ptpython") == 0 || strcmp(m, "ptipython") == 0);
}

/* By language: the short options that give code (python -c), and
   those that take a value (python -W arg). */
static const char *const code_copts[] = { NULL, "c", "eE", "e", "ep",
    "rBRE", "e" };
static const char *const code_vopts[] = { NULL, "WX", "iIMmxCdD",
    "rICEFiTWxK", "r", "dcfzt", "l" };

/*
 * Letter *i of option word t (n bytes) of interpreter lang: 1 if it
 * takes a value, the rest of the word or (but for perl, which takes
 * them joined: -Mstrict) the next one, which *k then moves past; 0 if
 * not (perl's -l and -0 take the digits after them).
 */
static int
code_optletter(int lang, const char *t, size_t n, size_t *i, uint32_t *k)
{
	if (lang == LANG_PERL && (t[*i] == 'l' || t[*i] == '0')) {
		while (*i + 1 < n && isxdigit((unsigned char)t[*i + 1]))
			(*i)++;
		return (0);
	}
	if (strchr(code_vopts[lang], t[*i]) == NULL)
		return (0);
	if (*i + 1 == n && lang != LANG_PERL)
		(*k)++;
	return (1);
}

static void
code_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    int lang)
{
	const char *const *code = code_copts;
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t, *v;
	uint32_t k, j;
	size_t i, n;
	int given = 0, stop = 0, inspect = 0;

	for (k = start + 1; k < end && !stop && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (shellparse_pattern(w) != NULL || t[0] != '-' ||
		    w->len < 2)
			break;
		if (strcmp(t, "--") == 0) {
			k++;
			break;
		}
		if (t[1] == '-') {
			/* python --check-hash-based-pycs MODE */
			if (lang == LANG_PY &&
			    strcmp(t, "--check-hash-based-pycs") == 0)
				k++;
			/* node --eval X, --print=X */
			if (lang != LANG_JS)
				continue;
			n = strncmp(t, "--eval", 6) == 0 ? 6 :
			    strncmp(t, "--print", 7) == 0 ? 7 : 0;
			if (n == 0 || (t[n] != '\0' && t[n] != '='))
				continue;
			given = 1;
			if (t[n] == '=')
				code_scan(c, ci, t + n + 1, w->len - n - 1,
				    lang, 0);
			else if (k + 1 < end) {
				k++;
				code_scan(c, ci, cmd->words[k].text,
				    cmd->words[k].len, lang, 0);
			}
			continue;
		}
		for (i = 1; i < w->len; i++) {
			if (strchr(code[lang], t[i]) != NULL) {
				given = 1;
				if (i + 1 < w->len) {
					v = t + i + 1;
					n = w->len - i - 1;
				} else if (k + 1 < end) {
					k++;
					v = cmd->words[k].text;
					n = cmd->words[k].len;
				} else
					break;
				code_word(c, ci, &cmd->words[k], v, n, lang);
				stop = lang == LANG_PY;	/* the rest: argv */
				break;
			}
			if (lang == LANG_PY && t[i] == 'i')
				inspect = 1;	/* then what it reads */
			/* perl -d[t][:MOD]: its debugger reads commands, which
			   are perl; -de 0 is -d -e 0 */
			if (lang == LANG_PERL && t[i] == 'd') {
				inspect = 1;
				if (i + 1 < w->len && (t[i + 1] == ':' ||
				    t[i + 1] == 't'))
					break;
				continue;
			}
			if (lang == LANG_PY && t[i] == 'm') {
				/* -m module, its argv */
				if (i + 1 < w->len)
					v = t + i + 1;
				else if (k + 1 < end)
					v = cmd->words[++k].text;
				else
					return;
				if (!py_module(c, ci, v, k + 1, end))
					return;
				given = 0;
				k = end;
				stop = 1;
				break;
			}
			if (code_optletter(lang, t, w->len, &i, &k))
				break;
		}
	}
	if (given && !inspect)
		return;
	/* python3 $x 'import os; ...': $x may be -c, the rest code */
	if (!given && k < end && shellparse_pattern(&cmd->words[k]) != NULL &&
	    cmd->words[k].text[0] != '<') {
		for (j = k + 1; j < end && !c->nomem; j++)
			if (shellparse_pattern(&cmd->words[j]) == NULL)
				code_scan(c, ci, cmd->words[j].text,
				    cmd->words[j].len, lang, 0);
		return;
	}
	/* xargs python3: its operands come from what xargs reads */
	for (i = cmd->nassign; i < start; i++) {
		t = memrchr(cmd->words[i].text, '/', cmd->words[i].len);
		t = t != NULL ? t + 1 : cmd->words[i].text;
		if (strcmp(t, "xargs") == 0 || strcmp(t, "parallel") == 0)
			return;
	}
	if (!given && k < end && strcmp(cmd->words[k].text, "-") != 0) {
		/* python3 <(echo ...), perl /dev/stdin <<EOF */
		if ((i = (size_t)script_operand(&cmd->words[k])) == UW_NONE) {
			file_script(c, ci, k, lang);	/* x > a.py; python3 a.py */
			/* python3 -i a.py, perl -d a.pl: then what it reads */
			if (inspect && !code_heredocs(c, ci, lang))
				feed_shell(c, ci, 0, lang);
			return;
		}
		if (i != UW_STDIN || !code_heredocs(c, ci, lang))
			feed_shell(c, ci, i == UW_PROCSUB, lang);
		return;
	}
	/* python3 - <<EOF, perl <<< '...'; else what it reads */
	if (!code_heredocs(c, ci, lang))
		feed_shell(c, ci, 0, lang);	/* echo '...' | python3 */
}

/*
 * Builtins that take a variable name evaluate an array subscript in it
 * as arithmetic, which runs a $( ) even from quotes the shell kept it
 * in: printf -v 'a[$(X)]', declare, let, read, unset, test -v, [[ -v.
 * Such an operand is parsed as a command line, so X is matched.
 */
static void
subscripts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *b;
	uint32_t k;

	if (cmd->mark & CM_SUBS)
		return;
	cmd->mark |= CM_SUBS;
	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end && !c->nomem; k++) {
		w = &cmd->words[k];
		if ((b = memchr(w->text, '[', w->len)) != NULL &&
		    (memmem(b, w->len - (size_t)(b - w->text), "$(", 2) !=
		    NULL || memchr(b, '`', w->len - (size_t)(b - w->text)) !=
		    NULL))
			opt_parse(c, ci, w->text, w->len, 0);
	}
}

/* A file of code (the value v, n bytes, of word w): XF_NAMED, or its
   input (-, /dev/stdin) or a <( )? */
static int
xlang_file(const struct shellparse_word *w, const char *v, size_t n)
{
	if (n >= 2 && v[0] == '<' && v[1] == '(' &&
	    (w->flags & SHELLPARSE_W_SUBST))
		return (XF_PROCSUB);
	if (shellparse_pattern(w) != NULL)
		return (XF_NAMED);
	if (n == 1 && v[0] == '-')
		return (XF_INPUT);
	return (fd_path(v, n));
}

/* Is NAME (n bytes) a make variable that names a program: CC, SHELL? */
static int
make_prog_var(const char *s, size_t n)
{
	static const char *const progs[LT_N] = {
		NULL, NULL, "AR AS CC CO FC GO LD NM PC RM", "CPP CXX F77 "
		"GET LEX NPM TEX", "LINT MAKE NODE PERL YACC", "CARGO "
		"RUSTC SHELL STRIP", "DOCKER HOSTCC PYTHON RANLIB",
		"HOSTCXX INSTALL OBJCOPY OBJDUMP PYTHON3 READELF",
		"MAKEINFO", NULL,
	};

	if (len_table_has(progs, s, n))
		return (1);
	if ((n == 10 && memcmp(s, "PKG_CONFIG", 10) == 0) ||
	    (n == 13 && memcmp(s, "CROSS_COMPILE", 13) == 0))
		return (1);
	/* TARGET_CC, FOO_CMD, FOO_COMMAND */
	return ((n > 2 && memcmp(s + n - 2, "CC", 2) == 0) ||
	    (n > 4 && memcmp(s + n - 4, "_CMD", 4) == 0) ||
	    (n > 8 && memcmp(s + n - 8, "_COMMAND", 8) == 0));
}

/*
 * make NAME=VALUE, or NAME=VALUE make: a recipe may run $(NAME).  A
 * program's variable (CC, SHELL) is a command line; a value with
 * shell syntax or a make $( ) in it is code not known; NAME!=VALUE
 * runs VALUE now.  MAKEFLAGS can carry --eval, -f and more variables.
 */
static void
make_var(struct ctx *c, uint32_t ci, const struct shellparse_word *w,
    int prefix)
{
	const char *t = w->text, *eq, *v;
	size_t nl, vl, i;

	if ((eq = memchr(t, '=', w->len)) == NULL || eq == t)
		return;
	nl = (size_t)(eq - t);
	v = eq + 1;
	vl = w->len - nl - 1;
	if (t[nl - 1] == '!') {
		opt_parse(c, ci, v, vl, 0);
		return;
	}
	while (nl > 0 && (t[nl - 1] == ':' || t[nl - 1] == '+' ||
	    t[nl - 1] == '?'))
		nl--;
	if ((nl == 9 && memcmp(t, "MAKEFLAGS", 9) == 0) ||
	    (nl == 12 && memcmp(t, "GNUMAKEFLAGS", 12) == 0) ||
	    (nl == 6 && memcmp(t, "MFLAGS", 6) == 0)) {
		if (shellparse_pattern(w) != NULL || memchr(v, '=', vl) ||
		    memchr(v, 'E', vl) || memchr(v, 'f', vl) ||
		    memmem(v, vl, "ev", 2) != NULL)
			interp_opaque(c, ci);
		return;
	}
	if (make_prog_var(t, nl)) {
		if (prefix && nl == (size_t)(eq - t))
			return;		/* opt_assign() parsed it */
		if (shellparse_pattern(w) != NULL)
			interp_opaque(c, ci);	/* CC="$x" */
		else
			opt_parse(c, ci, v, vl, 0);
		return;
	}
	if (shellparse_pattern(w) != NULL)
		return;				/* PREFIX="$HOME/x" */
	for (i = 0; i < vl; i++)
		if (strchr(";&|`$<>()\n", v[i]) != NULL) {
			interp_opaque(c, ci);
			return;
		}
}

/* A make operand NAME=VALUE: NAME has no '/' and is not empty. */
static int
make_assign(const struct shellparse_word *w)
{
	const char *eq = memchr(w->text, '=', w->len);

	return (eq != NULL && eq != w->text &&
	    memchr(w->text, '/', (size_t)(eq - w->text)) == NULL &&
	    memchr(w->text, ' ', (size_t)(eq - w->text)) == NULL);
}

/*
 * The value of option word w (n bytes, the option's name at v, its
 * value after eq if any) is the next word or after the '='; *kp moves
 * past it.  NULL when there is none.
 */
static void	go_env(struct ctx *, uint32_t, uint32_t, uint32_t);
static void	imagick_texts(struct ctx *, uint32_t, uint32_t, uint32_t);
static void	screen_texts(struct ctx *, uint32_t, uint32_t, uint32_t);
static void	ssd_texts(struct ctx *, uint32_t, uint32_t, uint32_t);
static void	nix_texts(struct ctx *, uint32_t, uint32_t, uint32_t);
static void	scl_texts(struct ctx *, uint32_t, uint32_t, uint32_t);
static void	mvn_texts(struct ctx *, uint32_t, uint32_t, uint32_t);
static void	su_texts(struct ctx *, uint32_t, uint32_t, uint32_t, int);
static void	xargs_texts(struct ctx *, uint32_t, uint32_t, uint32_t,
		    const struct wrapper *, int);

static const struct shellparse_word *
xlang_value(const struct shellparse_cmd *cmd, uint32_t *kp, uint32_t end,
    const char *at, const char **vp, size_t *np)
{
	const struct shellparse_word *w = &cmd->words[*kp];

	if (at != NULL) {
		*vp = at;
		*np = w->len - (size_t)(at - w->text);
		return (w);
	}
	if (*kp + 1 >= end)
		return (NULL);
	w = &cmd->words[++*kp];
	*vp = w->text;
	*np = w->len;
	return (w);
}

/* Is c in the options list, 2 if after its '+' (see struct xlang)? */
static int
chr_plus(const char *list, char c)
{
	const char *p, *plus;

	if (list == NULL || c == '\0' || c == '+' ||
	    (p = strchr(list, c)) == NULL)
		return (0);
	return ((plus = strchr(list, '+')) != NULL && p > plus ? 2 : 1);
}

/* As in_list_abbr(), 2 for a name after the list's "|+|" item. */
static int
in_list_plus(const char *list, const char *s, size_t n, int exact)
{
	const char *p, *e;
	size_t l;
	int after = 0;

	if (list == NULL || n == 0)
		return (0);
	for (p = list; p[0] == '|' && (e = strchr(p + 1, '|')) != NULL;
	    p = e) {
		l = (size_t)(e - p - 1);
		if (l == 1 && p[1] == '+')
			after = 1;
		else if ((l == n || (l > n && !exact)) &&
		    memcmp(p + 1, s, n) == 0)
			return (1 + after);
	}
	return (0);
}

static void
xlang_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const struct xlang *x)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *vw;
	const char *t, *eq, *v;
	uint32_t k;
	size_t l, n, i;
	int endopts = 0, operands = 0, input = 0, noinput = 0, a, f, kind;

	if (x->vars)
		for (k = 0; k < start && k < cmd->nwords; k++)
			if (is_assign(&cmd->words[k]))
				make_var(c, ci, &cmd->words[k], 1);
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		vw = NULL;
		kind = 0;
		if (!endopts && l > 1 && t[0] == '-' &&
		    shellparse_pattern(w) == NULL) {
			if (l == 2 && t[1] == '-') {
				endopts = 1;
				continue;
			}
			/* --long[=V]; -long[=V] where it takes those */
			if (t[1] == '-' || (x->single && l > 2)) {
				v = t + (t[1] == '-' ? 2 : 1);
				eq = memchr(v, '=', l - (size_t)(v - t));
				n = (eq != NULL ? (size_t)(eq - v) :
				    l - (size_t)(v - t));
				a = t[1] == '-' || x->single == 2 ?
				    x->exact : 1;
				/* a whole name is not another's abbreviation
				   (maxima --batch, --batch-string) */
				if (!a && (in_list_abbr(x->longcode, v, n, 1) ||
				    in_list_plus(x->longfile, v, n, 1) ||
				    in_list_plus(x->longin, v, n, 1) ||
				    in_list_abbr(x->noinput, v, n, 1) ||
				    in_list_abbr(x->longargs, v, n, 1)))
					a = 1;
				if (in_list_abbr(x->longcode, v, n, a))
					kind = 'c';
				else if ((f = in_list_plus(x->longfile, v, n,
				    a)) != 0)
					kind = f == 2 ? 'F' : 'f';
				else if ((f = in_list_plus(x->longin, v, n,
				    a)) != 0)
					kind = f == 2 ? 'I' : 'i';
				else if (in_list_abbr(x->noinput, v, n, a))
					noinput = 1;
				else if (in_list_abbr(x->longargs, v, n, a) &&
				    eq == NULL)
					k++;
				if (kind != 0)
					vw = xlang_value(cmd, &k, end, eq !=
					    NULL ? eq + 1 : NULL, &v, &n);
				else if (t[1] == '-' || x->single)
					continue;
			}
			/* -abc as getopt reads it */
			for (i = 1; kind == 0 && i < l; i++) {
				if (strchr(x->codeopts, t[i]) != NULL)
					kind = 'c';
				else if ((f = chr_plus(x->fileopts, t[i])) != 0)
					kind = f == 2 ? 'F' : 'f';
				else if ((f = chr_plus(x->inopts, t[i])) != 0)
					kind = f == 2 ? 'I' : 'i';
				else if (strchr(x->argopts, t[i]) != NULL) {
					if (i + 1 == l)
						k++;
					break;
				} else if (x->noinput != NULL &&
				    in_list_abbr(x->noinput, t + i, 1, 1))
					noinput = 1;	/* crontab -l */
				if (kind != 0)
					vw = xlang_value(cmd, &k, end, i + 1 <
					    l ? t + i + 1 : NULL, &v, &n);
			}
			if (kind == 'c') {
				interp_opaque(c, ci);	/* make --eval */
				return;
			}
			if (vw == NULL)
				continue;
			if (kind == 'i' || kind == 'I') {
				/* psql -c TEXT: read as its input is; lftp
				   -e TEXT: and then its input */
				if (kind == 'i')
					noinput = 1;
				if (shellparse_pattern(vw) != NULL)
					interp_opaque(c, ci);
				else
					text_scan(c, ci, v, n, x->scan);
				continue;
			}
			/* make -f FILE; -f - reads its input; -f <( ) */
			if ((f = xlang_file(vw, v, n)) == XF_PROCSUB) {
				interp_opaque(c, ci);
				return;
			}
			if (f == XF_INPUT)
				input = 1;
			else {
				if (kind == 'f')
					noinput = 1;	/* gdb -x FILE */
				/* of a file the line wrote: its text */
				if (vw == &cmd->words[k] && v == vw->text &&
				    n == vw->len)
					file_script(c, ci, k, x->scan);
			}
			continue;
		}
		if (x->vars && make_assign(w)) {
			make_var(c, ci, w, 0);
			continue;
		}
		if (x->subcode != NULL && x->subcode[1] == '/' && l >= 2 &&
		    t[0] == '/') {
			/* cmd.exe /s /c CMD, /cCMD, /K CMD */
			if ((t[1] | 0x20) == 'c' || (t[1] | 0x20) == 'k') {
				interp_opaque(c, ci);
				return;
			}
			continue;
		}
		if (operands++ == 0 && x->subcode != NULL &&
		    shellparse_pattern(w) == NULL &&
		    in_list_abbr(x->subcode, t, l, 1)) {
			interp_opaque(c, ci);	/* deno eval CODE */
			return;
		}
		/* deno run https://...: code from the net */
		if (l > 7 && t[0] == 'h' && strcmp(x->name, "deno") == 0 &&
		    (strncmp(t, "https://", 8) == 0 ||
		    strncmp(t, "http://", 7) == 0)) {
			interp_opaque(c, ci);
			return;
		}
		if (operands == (x->input == XS_NOARG2 ? 2 : 1) &&
		    (x->input == XS_NOARG || x->input == XS_NOARG2)) {
			/* tclsh FILE, sqlite3 DB SQL; tclsh -: later ones
			   are the program's arguments */
			f = xlang_file(w, t, l);
			if (f == XF_PROCSUB) {
				interp_opaque(c, ci);
				return;
			}
			if (f == XF_INPUT && x->input == XS_NOARG)
				input = 1;
			else {
				noinput = 1;
				/* crontab f, tclsh f: a file the line
				   wrote is read as its input would be */
				if (f == XF_NAMED && x->input == XS_NOARG)
					file_script(c, ci, k, x->scan);
			}
		}
	}
	if (!input && (noinput || x->input == XS_NONE))
		return;
	input_scan(c, ci, x->scan);
}

/*
 * git -c KEY=VALUE (vw the word VALUE is in), --config-env KEY=VAR
 * (env): a value git runs is a command line; one from the
 * environment, or a key or value with an expansion in it that may be
 * one, is not known.
 */
static void
git_opt(struct ctx *c, uint32_t ci, const struct shellparse_word *vw,
    const char *v, size_t n, int env)
{
	const char *eq = memchr(v, '=', n), *t;
	size_t kl = eq != NULL ? (size_t)(eq - v) : n, l;
	int gk, pat = shellparse_pattern(vw) != NULL;

	if (pat && (memchr(v, '$', kl) != NULL || memchr(v, '`', kl) !=
	    NULL)) {
		interp_opaque(c, ci);	/* git -c "$k"=x */
		return;
	}
	if ((gk = git_key(v, kl)) == GK_NONE)
		return;
	if (gk == GK_OPAQUE || env || (pat && gk != GK_CMD)) {
		interp_opaque(c, ci);
		return;
	}
	/* -c core.fsmonitor: a boolean, true */
	t = eq != NULL ? eq + 1 : v + n;
	l = eq != NULL ? n - kl - 1 : 0;
	if ((t = git_value(gk, t, &l)) != NULL)
		opt_parse(c, ci, t, l, 0);
}

/*
 * An argv given as one word, its words split at commas (gcc -wrapper
 * PROG,ARG,...): parsed as the line 'PROG' 'ARG' ...; one only known
 * when it runs is not known.
 */
static void
comma_argv(struct ctx *c, uint32_t ci, const struct shellparse_word *vw,
    const char *v, size_t n)
{
	size_t i, l = 0;
	char *d;

	if (shellparse_pattern(vw) != NULL || 4 * n + 2 > SHELLPARSE_MAXLEN) {
		interp_opaque(c, ci);
		return;
	}
	if (n == 0)
		return;
	/* each comma ends a quote and opens one: 3 bytes for 1 */
	if ((d = shellparse_alloc(c->sp, 4 * n + 3)) == NULL) {
		c->nomem = 1;
		return;
	}
	d[l++] = '\'';
	for (i = 0; i < n; i++) {
		if (v[i] == ',') {
			memcpy(d + l, "' '", 3);
			l += 3;
		} else
			l += squote_in(d + l, v[i]);
	}
	d[l++] = '\'';
	d[l] = '\0';
	opt_parse(c, ci, d, l, 0);
}

/*
 * Words a builtin expands again (compgen -W WORDS): a $(cmd) or `cmd`
 * in them runs, as it would in "...": so they are parsed as the words
 * of : "WORDS", their own double quotes left out (quote characters to
 * compgen).  A value the line does not give may hold any of that.
 */
static void
words_exp(struct ctx *c, uint32_t ci, const struct shellparse_word *vw,
    const char *v, size_t n)
{
	size_t i, l = 0;
	char *d;

	if (shellparse_pattern(vw) != NULL || n + 8 > SHELLPARSE_MAXLEN) {
		interp_opaque(c, ci);
		return;
	}
	if (memchr(v, '$', n) == NULL && memchr(v, '`', n) == NULL)
		return;
	if ((d = shellparse_alloc(c->sp, n + 8)) == NULL) {
		c->nomem = 1;
		return;
	}
	memcpy(d, ": \"", 3);
	l = 3;
	for (i = 0; i < n; i++)
		if (v[i] != '"')
			d[l++] = v[i];
	/* (a last lone backslash would quote the closing quote) */
	for (i = l; i > 3 && d[i - 1] == '\\'; i--)
		;
	if ((l - i) % 2 == 1)
		l--;
	d[l++] = '"';
	d[l] = '\0';
	opt_parse(c, ci, d, l, 0);
}

/*
 * rpm's macro text: %(cmd) runs cmd in a shell when expanded, after
 * the macros in it; %{lua:...} runs Lua, %{load:FILE} reads macros,
 * and one nested in another or not closed is not followed here.
 */
static void
rpm_macros(struct ctx *c, uint32_t ci, const struct shellparse_word *vw,
    const char *v, size_t n)
{
	const char *p = v, *e = v + n, *q;
	int depth;

	if (shellparse_pattern(vw) != NULL) {
		if (memchr(v, '%', n) != NULL)
			interp_opaque(c, ci);
		return;
	}
	while (p < e && (p = memchr(p, '%', (size_t)(e - p))) != NULL) {
		if (p + 1 >= e)
			break;
		if (p[1] == '%') {
			p += 2;			/* %% */
			continue;
		}
		if (p[1] == '{' && (e - p > 6 && (strncmp(p + 2, "lua:", 4) ==
		    0 || (e - p > 7 && strncmp(p + 2, "load:", 5) == 0)))) {
			interp_opaque(c, ci);
			return;
		}
		if (p[1] != '(') {
			p++;
			continue;
		}
		for (q = p + 2, depth = 1; q < e; q++) {
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0)
				break;
			else if (*q == '%' && q + 1 < e && (q[1] == '(' ||
			    q[1] == '{'))
				break;		/* nested: not followed */
		}
		if (q >= e || *q != ')') {
			interp_opaque(c, ci);
			return;
		}
		opt_parse(c, ci, p + 2, (size_t)(q - p - 2), 0);
		p = q + 1;
	}
}

/*
 * git's ext:: transport (git clone 'ext::sh -c cmd% x'): the command
 * and its arguments, split at spaces, "% " a space and "%%" a '%', run
 * as they are.  Each is quoted here for the shell parser.
 */
static void
git_ext(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	const char *t;
	char *d;
	size_t i, l, o;
	uint32_t k;

	for (k = start + 1; k < end && !c->nomem; k++) {
		t = w[k].text;
		l = w[k].len;
		if (l <= 5 || memcmp(t, "ext::", 5) != 0)
			continue;
		if (shellparse_pattern(&w[k]) != NULL) {
			interp_opaque(c, ci);
			continue;
		}
		/* each byte at most 4 ('\''), and 2 quotes a word */
		if ((d = shellparse_alloc(c->sp, 6 * l + 1)) == NULL) {
			c->nomem = 1;
			return;
		}
		d[0] = '\'';
		for (i = 5, o = 1; i < l; i++) {
			if (t[i] == '%' && i + 1 < l && (t[i + 1] == ' ' ||
			    t[i + 1] == '%'))
				d[o++] = t[++i];
			else if (t[i] == ' ') {
				memcpy(d + o, "' '", 3);
				o += 3;
			} else if (t[i] == '\'') {
				memcpy(d + o, "'\\''", 4);
				o += 4;
			} else
				d[o++] = t[i];
		}
		d[o++] = '\'';
		d[o] = '\0';
		opt_parse(c, ci, d, o, 0);
	}
}

/*
 * mail -S NAME=VALUE (s-nail, heirloom mailx) in v (n bytes, in word
 * vw): a variable that names a program mail runs (sendmail, mta,
 * shell, an editor or pager, a MIME type's pipe-) is a command line;
 * a hook (on-*, folder-hook) runs mail's commands, not known here.
 */
static void
mail_var(struct ctx *c, uint32_t ci, const struct shellparse_word *vw,
    const char *v, size_t n)
{
	static const char *const prog[] = {
		"sendmail", "mta", "shell", "editor", "EDITOR", "VISUAL",
		"PAGER", "pager", "cmd",
	};
	const char *eq = memchr(v, '=', n), *q;
	size_t kl = eq != NULL ? (size_t)(eq - v) : n, i;
	int pat = shellparse_pattern(vw) != NULL, kind = 0;

	if (pat && (memchr(v, '$', kl) != NULL || memchr(v, '`', kl) !=
	    NULL)) {
		interp_opaque(c, ci);	/* -S "$x"=y */
		return;
	}
	if (kl > 3 && memcmp(v, "on-", 3) == 0)
		kind = 2;
	else if (memmem(v, kl, "hook", 4) != NULL)
		kind = 2;
	else if (kl > 5 && memcmp(v, "pipe-", 5) == 0)
		kind = 1;
	else
		for (i = 0; i < sizeof(prog) / sizeof(prog[0]); i++)
			if (strlen(prog[i]) == kl && memcmp(prog[i], v, kl) ==
			    0)
				kind = 1;
	if (kind == 0 || eq == NULL)
		return;
	if (kind == 2 || pat) {
		interp_opaque(c, ci);
		return;
	}
	/* mta=smtp://host is a server, not a program */
	for (q = eq + 1; q < v + n && isalpha((unsigned char)*q); q++)
		;
	if (q > eq + 1 && v + n - q > 3 && memcmp(q, "://", 3) == 0)
		return;
	opt_parse(c, ci, eq + 1, n - kl - 1, 0);
}

/* The value of mail's option at word k (from t[i + 1] or the next). */
static const struct shellparse_word *
mail_value(const struct shellparse_cmd *cmd, uint32_t *k, uint32_t end,
    size_t i, const char **v, size_t *n)
{
	const struct shellparse_word *w = &cmd->words[*k];

	if (i + 1 < w->len) {
		*v = w->text + i + 1;
		*n = w->len - i - 1;
		return (w);
	}
	if (*k + 1 >= end)
		return (NULL);
	w = &cmd->words[++*k];
	*v = w->text;
	*n = w->len;
	return (w);
}

/*
 * mail, mailx, s-nail, heirloom and GNU mailx: -X CMD, -Y CMD (s-nail)
 * and -E CMD, --exec CMD (GNU) are its commands; -S VAR=VALUE may name
 * a program.  Sending (recipients given, or -t), its input is the
 * message, whose ~! lines run commands when escapes are on (-~, -I,
 * -#, or a terminal); reading a mailbox (none given, -f, -u), its
 * input is its commands.
 */
static void __attribute__((noinline))
mail_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *vw;
	const char *t, *v, *eq;
	size_t l, n, i;
	uint32_t k;
	int endopts = 0, operands = 0, reading = 0, tilde = 0, escape = 0;
	int recips = 0;

	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (endopts || l < 2 || t[0] != '-' ||
		    shellparse_pattern(w) != NULL) {
			operands++;
			continue;
		}
		if (l == 2 && t[1] == '-') {
			endopts = 1;
			continue;
		}
		if (t[1] == '-') {
			/* GNU's --exec=CMD, --file[=F], --user=U */
			eq = memchr(t, '=', l);
			n = eq != NULL ? (size_t)(eq - t) - 2 : l - 2;
			if (n == 4 && memcmp(t + 2, "exec", 4) == 0) {
				vw = eq != NULL ? w : k + 1 < end ?
				    &cmd->words[++k] : NULL;
				if (vw == NULL)
					continue;
				v = eq != NULL ? eq + 1 : vw->text;
				n = eq != NULL ? l - (size_t)(eq + 1 - t) :
				    vw->len;
				if (shellparse_pattern(vw) != NULL)
					interp_opaque(c, ci);
				else
					each_line(c, ci, v, n,
					    mailcmd_line);
			} else if ((n == 4 && (memcmp(t + 2, "file", 4) == 0 ||
			    memcmp(t + 2, "user", 4) == 0)))
				reading = 1;
			continue;
		}
		for (i = 1; i < l; i++) {
			if (t[i] == 'X' || t[i] == 'Y' || t[i] == 'E' ||
			    t[i] == 'S') {
				/* (s-nail's -E is a flag: -E -s x) */
				if (t[i] == 'E' && i + 1 == l && k + 1 < end &&
				    cmd->words[k + 1].text[0] == '-')
					continue;
				if ((vw = mail_value(cmd, &k, end, i, &v, &n)) ==
				    NULL)
					break;
				if (t[i] == 'S') {
					if (n >= 6 && memcmp(v, "escape", 6) ==
					    0 && (n == 6 || v[6] == '='))
						escape = 1;
					mail_var(c, ci, vw, v, n);
				} else if (shellparse_pattern(vw) != NULL)
					interp_opaque(c, ci);
				else
					each_line(c, ci, v, n,
					    mailcmd_line);
				break;
			}
			if (strchr("sbcraAqTuOLMmCj", t[i]) != NULL) {
				if (t[i] == 'u')
					reading = 1;
				if (i + 1 == l)
					k++;
				break;
			}
			if (t[i] == '~' || t[i] == 'I' || t[i] == '#')
				tilde = 1;
			else if (t[i] == 'f')
				reading = 1;
			else if (t[i] == 't')
				recips = 1;
		}
	}
	if (reading || (operands == 0 && !recips))
		input_scan(c, ci, FEED_MAILCMD);
	else if (escape)	/* which lines are escapes: not known */
		input_scan(c, ci, tilde ? FEED_OPAQUE : FEED_TILDE_Q);
	else
		input_scan(c, ci, tilde ? FEED_TILDE : FEED_TILDE_Q);
}

/*
 * The entries of cmdopts[] of name (nlen bytes), from *first to before
 * *last: they are together in the table.  Is there any?
 */
static inline int
co_range(const struct risk_ruleset *rs, const char *name, size_t nlen,
    const struct cmdopt **first, const struct cmdopt **last)
{
	size_t n = sizeof(cmdopts) / sizeof(cmdopts[0]);
	uint32_t k;

	if (nlen == 0 || nlen >= 16 || (unsigned char)name[0] >= 128 ||
	    (k = rs->optidx[nlen][(unsigned char)name[0]]) == 0)
		return (0);
	/* name by name, those of this length and first byte */
	for (k--; k < n && cmdopts[k].clen == nlen &&
	    cmdopts[k].cmd[0] == name[0]; k = rs->optnext[k])
		if (meq(cmdopts[k].cmd, name, nlen)) {
			*first = cmdopts + k;
			*last = cmdopts + rs->optnext[k];
			return (1);
		}
	return (0);
}

/*
 * Does word k of cmd (its words before end) give option o, not an
 * OT_PLUS?  Then *vk is the word that holds its value, *vp and *np the
 * value: -c X, -cX, -qc X as getopt reads them; --opt VALUE,
 * --opt=VALUE, --op=VALUE (OT_OPTEQ: only with '='); -opt VALUE,
 * -opt=VALUE.
 */
static int
co_match(const struct cmdopt *o, const struct shellparse_cmd *cmd,
    uint32_t k, uint32_t end, uint32_t *vk, const char **vp, size_t *np)
{
	const struct shellparse_word *w = &cmd->words[k];
	const char *v;
	size_t ol = o->olen;

	if (ol == 2 && w->text[1] != '-') {
		if ((v = memchr(w->text + 1, o->opt[1], w->len - 1)) == NULL)
			return (0);
		if (v + 1 < w->text + w->len) {
			*vk = k;
			*vp = v + 1;
			*np = w->len - (size_t)(v + 1 - w->text);
			return (1);
		}
	} else if (ol > 2 && o->opt[1] == '-' &&
	    long_opt(w->text, w->len, o->opt + 2)) {
		if ((v = memchr(w->text, '=', w->len)) != NULL) {
			*vk = k;
			*vp = v + 1;
			*np = w->len - (size_t)(v + 1 - w->text);
			return (1);
		}
		if (o->kind == OT_OPTEQ)
			return (0);
	} else if (w->len > ol && w->text[ol] == '=' &&
	    memcmp(w->text, o->opt, ol) == 0) {
		*vk = k;
		*vp = w->text + ol + 1;
		*np = w->len - ol - 1;
		return (1);
	} else if (w->len != ol || memcmp(w->text, o->opt, ol) != 0)
		return (0);
	if (k + 1 >= end)
		return (0);
	*vk = k + 1;
	*vp = cmd->words[k + 1].text;
	*np = cmd->words[k + 1].len;
	return (1);
}

/*
 * opt_texts()'s look at a name: its xlang, whether it is a subs_names
 * name, and which of opt_texts()'s readers it goes to (for OTN_OPTS,
 * its entries in cmdopts[]).  e is the name's index entry, or NULL.
 */
static void
ot_name(const struct risk_ruleset *rs, const struct ient *e,
    const char *name, size_t nlen, struct otname *ot)
{
	const struct cmdopt *first, *last;
	uint32_t k;
	int lang;

	ot->xl = NULL;
	ot->first = ot->last = 0;
	ot->act = OTN_NONE;
	ot->subs = 0;
	ot->dirs = 1;
	ot->plus = 0;
	ot->lang = 0;
	if (nlen == 0)
		return;		/* (opt_texts() is given none) */
	/* make, emacs; tclsh8.6 by its name */
	if ((ot->xl = e != NULL ? e->xlang : NULL) == NULL &&
	    isdigit((unsigned char)name[nlen - 1]))
		ot->xl = xlang_find(name, nlen); /* a rule may name tclsh8.6 */
	ot->subs = len_table_has(subs_names, name, nlen);
	if (e != NULL && e->tx != TX_NONE) {
		ot->act = OTN_TX;
		return;
	}
	/* python -c, perl -e, ...; tmux, and byobu (tmux's by default) */
	if (((lang = code_lang(name, nlen)) != 0 || (nlen == 4 &&
	    memcmp(name, "tmux", 4) == 0) || (nlen == 5 && memcmp(name,
	    "byobu", 5) == 0) || (nlen == 10 && memcmp(name, "byobu-tmux",
	    10) == 0))) {
		ot->act = OTN_CODE;
		ot->lang = lang;
		return;
	}
	/* sqlite3 .shell, socat SYSTEM: */
	if ((name[0] == 's' && ((nlen == 7 && memcmp(name, "sqlite3", 7) ==
	    0) || (nlen == 5 && memcmp(name, "socat", 5) == 0))) ||
	    (nlen == 6 && memcmp(name, "duckdb", 6) == 0)) {
		ot->act = OTN_SQL;
		return;
	}
	/* awk, gawk, mawk, nawk, goawk, original-awk; sed, gsed */
	if (((nlen == 3 || nlen == 4) && (memcmp(name + nlen - 3, "awk",
	    3) == 0 || memcmp(name + nlen - 3, "sed", 3) == 0) &&
	    (nlen == 3 || strchr(name[2] == 'w' ? "gmn" : "g", name[0]) !=
	    NULL)) || (nlen == 5 && memcmp(name, "goawk", 5) == 0) ||
	    (nlen == 12 && memcmp(name, "original-awk", 12) == 0)) {
		ot->act = OTN_AWK;
		return;
	}
	if (mail_name(name, nlen)) {
		ot->act = OTN_MAIL;
		return;
	}
	if (!opt_name(name, nlen) || !co_range(rs, name, nlen, &first,
	    &last))
		return;
	for (k = 0; first + k < last; k++) {
		if (first[k].kind != OT_DIR)
			ot->dirs = 0;
		if (first[k].kind == OT_PLUS)
			ot->plus = 1;
	}
	ot->act = OTN_OPTS;
	ot->first = (uint16_t)(first - cmdopts);
	ot->last = (uint16_t)(last - cmdopts);
}

/*
 * The words of cmd, its word k0 run as b (n bytes), that hold a command
 * line of cmdopts[]: ssh -o ProxyCommand=X, git -c core.pager=X, script -c X,
 * tar -I X, man -P X, trap X, alias n=X; vim -c X and +X, whose
 * files vim_file() names.  Into tw[] after its nt, at most max; the
 * count after.  opt_texts() parses each, and its commands have paths
 * of their own: the text is not one.  Not a value that may also name a
 * file: hg's alias.x=!CMD, rpm's macros, gcc -wrapper PROG,ARG, git's
 * keys other than a command's or a pager's, vim's text with an
 * expansion.
 */
static uint32_t
cmdopt_words(const struct ctx *c, const struct shellparse_cmd *cmd,
    uint32_t k0, const char *b, size_t n, uint32_t *tw, uint32_t nt,
    uint32_t max)
{
	const struct cmdopt *o, *first, *last;
	const struct shellparse_word *w;
	const char *v, *eq;
	uint32_t k, vk;
	size_t vn;
	int gk, plus = 0, any = 0;

	if (!opt_name(b, n) || !co_range(c->rs, b, n, &first, &last))
		return (nt);
	for (o = first; o < last; o++) {
		if (o->kind == OT_PLUS)
			plus = 1;
		else if (o->kind != OT_DIR && o->kind != OT_ASSIGN)
			any = 1;
	}
	if (!plus && !any)
		return (nt);		/* make -C DIR, export: none */
	k = k0 + 1;
	if (first->kind == OT_FIRST) {
		/* trap X SIG */
		while (k < cmd->nwords && word_is(&cmd->words[k], "--"))
			k++;
		if (k < cmd->nwords && cmd->words[k].text[0] != '-')
			nt = text_add(tw, nt, max, k);
		return (nt);
	}
	if (first->kind == OT_ALIAS) {
		/* alias n=X */
		for (; k < cmd->nwords; k++) {
			w = &cmd->words[k];
			if (w->text[0] != '-' && (eq = memchr(w->text, '=',
			    w->len)) != NULL && eq != w->text)
				nt = text_add(tw, nt, max, k);
		}
		return (nt);
	}
	for (; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (plus && w->len > 1 && w->text[0] == '+' &&
		    shellparse_pattern(w) == NULL) {
			nt = text_add(tw, nt, max, k);	/* vim +CMD */
			continue;
		}
		if (w->len < 2 || w->text[0] != '-')
			continue;
		if (w->len == 2 && w->text[1] == '-')
			break;
		for (o = first; o < last; o++) {
			if ((o->kind != OT_OPT && o->kind != OT_OPTEQ) ||
			    o->bang == 1 ||
			    !co_match(o, cmd, k, cmd->nwords, &vk, &v, &vn) ||
			    (o->bang == 2 &&
			    shellparse_pattern(&cmd->words[vk]) != NULL))
				continue;
			if (o->key != NULL && o->key[0] == GIT_KEYS[0]) {
				/* git -c core.pager=X */
				if (shellparse_pattern(&cmd->words[vk]) !=
				    NULL || (eq = memchr(v, '=', vn)) == NULL)
					continue;
				gk = git_key(v, (size_t)(eq - v));
				if (gk != GK_CMD && gk != GK_PROG)
					continue;
			} else if (o->key != NULL &&
			    (unsigned char)o->key[0] < ' ')
				continue;
			else if (!opt_value(o, &v, &vn))
				continue;
			nt = text_add(tw, nt, max, vk);
			if (vk > k)
				k = vk;
			break;
		}
	}
	return (nt);
}

static void __attribute__((noinline))
opt_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const struct ient *e, const char *name, size_t nlen)
{
	struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *vw;
	const struct cmdopt *o, *first, *last;
	const struct otname *ot;
	struct otname otl;
	const char *v;
	size_t n;
	uint32_t k, vk;
	int dirs, plus;

	/* An entry has its name's worked out; a name without one not. */
	if (e != NULL)
		ot = &e->ot;
	else {
		ot_name(c->rs, NULL, name, nlen, &otl);
		ot = &otl;
	}
	if (ot->xl != NULL && !(cmd->mark & CM_XLANG)) {
		cmd->mark |= CM_XLANG;
		xlang_texts(c, ci, start, end > cmd->nwords ? cmd->nwords :
		    end, ot->xl);
	}
	if (ot->subs) {
		subscripts(c, ci, start, end);
		if (!c->calc && (c->calccode || c->calclazy))
			c->calc = calc_has_code(c);	/* read "$x" */
	}
	if (ot->act == OTN_NONE)
		return;
	if (ot->act == OTN_TX && e->tx == TX_SU) {
		if (!(cmd->mark & CM_SU)) {
			cmd->mark |= CM_SU;
			su_texts(c, ci, start, end > cmd->nwords ?
			    cmd->nwords : end, e->h.name[0] == 'r');
		}
		return;
	}
	if (ot->act != OTN_OPTS) {
		if (cmd->mark & CM_OPTS)
			return;
		cmd->mark |= CM_OPTS;
		if (end > cmd->nwords)
			end = cmd->nwords;
	}
	switch (ot->act) {
	case OTN_TX:
		switch (e->tx) {
		case TX_IMAGICK:
			imagick_texts(c, ci, start, end);
			break;
		case TX_SCREEN:
			screen_texts(c, ci, start, end);
			break;
		case TX_SSD:
			ssd_texts(c, ci, start, end);
			break;
		case TX_NIX:
			nix_texts(c, ci, start, end);
			break;
		case TX_SCL:
			scl_texts(c, ci, start, end);
			break;
		case TX_MVN:
			mvn_texts(c, ci, start, end);
			break;
		case TX_XARGS:
			xargs_texts(c, ci, start, end, e->wrap,
			    e->h.name[0] == 'p');
			break;
		}
		return;
	case OTN_CODE:
		if (ot->lang != 0)
			code_texts(c, ci, start, end, ot->lang);
		else
			tmux_texts(c, ci, start, end);
		return;
	case OTN_SQL:
		if (nlen != 5)
			sqlite_texts(c, ci, start, end);
		else
			socat_texts(c, ci, start, end);
		return;
	case OTN_AWK:
		if (name[nlen - 1] == 'k')
			awk_texts(c, ci, start, end);
		else
			sed_texts(c, ci, start, end);
		return;
	case OTN_MAIL:
		mail_texts(c, ci, start, end);
		return;
	}
	first = cmdopts + ot->first;
	last = cmdopts + ot->last;
	dirs = ot->dirs;
	plus = ot->plus;
	/* Text in options is parsed once a command, at its first view
	   that has some; directories only feed paths again, and sudo's
	   must not hide the git -c of sudo git -c ... */
	if (!dirs) {
		if (cmd->mark & CM_OPTS)
			return;
		cmd->mark |= CM_OPTS;
	}
	if (end > cmd->nwords)
		end = cmd->nwords;
	if (nlen == 2 && name[0] == 'g' && name[1] == 'o')
		go_env(c, ci, start, end);
	if (nlen == 3 && memcmp(name, "git", 3) == 0)
		git_ext(c, ci, start, end);
	if (first->kind == OT_FIRST) {
		for (k = start + 1; k < end; k++) {
			w = &cmd->words[k];
			if (strcmp(w->text, "--") == 0)
				continue;
			if (w->text[0] != '-')
				opt_parse(c, ci, w->text, w->len, 0);
			return;
		}
		return;
	}
	if (first->kind == OT_ASSIGN || first->kind == OT_ALIAS) {
		for (k = start + 1; k < end; k++)
			if (cmd->words[k].text[0] != '-')
				opt_assign(c, ci, &cmd->words[k],
				    first->kind == OT_ALIAS);
		return;
	}
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		if (plus && w->len > 1 && w->text[0] == '+') {
			/* vim +CMD, less +CMD, ++CMD: a ! runs a shell */
			for (v = w->text, n = w->len; n > 0 && v[0] == '+';
			    v++, n--)
				;
			opt_parse(c, ci, v, n, (nlen == 4 &&
			    memcmp(name, "less", 4) == 0) ? 1 : 2);
			continue;
		}
		if (w->len < 2 || w->text[0] != '-')
			continue;
		if (w->len == 2 && w->text[1] == '-')
			return;		/* -- */
		for (o = first; o < last; o++) {
			if (o->kind == OT_PLUS ||
			    !co_match(o, cmd, k, end, &vk, &v, &n))
				continue;
			vw = &cmd->words[vk];
			if (o->kind == OT_DIR) {
				if (n > 0 && shellparse_pattern(vw) == NULL)
					opt_dir(c, cmd, v, n);
			} else if (o->key != NULL && (o->key[0] ==
			    GIT_KEYS[0] || o->key[0] == GIT_ENVKEYS[0]))
				/* --config-env, whole; --config (git clone's
				   -c) is a value */
				git_opt(c, ci, vw, v, n, o->key[0] ==
				    GIT_ENVKEYS[0] && strncmp(w->text,
				    "--config-env", 12) == 0);
			else if (o->key != NULL && o->key[0] == RPM_MACROS[0])
				rpm_macros(c, ci, vw, v, n);
			else if (o->key != NULL && o->key[0] == COMMA_ARGV[0])
				comma_argv(c, ci, vw, v, n);
			else if (o->key != NULL && o->key[0] == WORDS_EXP[0])
				words_exp(c, ci, vw, v, n);
			else if (opt_value(o, &v, &n))
				opt_parse(c, ci, v, n, o->bang);
		}
	}
}

/*
 * -draw's primitives: image OP X,Y W,H 'FILE' reads FILE as a file name
 * operand is read, so a '|cmd' there runs cmd; @FILE draws what FILE
 * holds, which is not known.
 */
static void
imagick_draw(struct ctx *c, uint32_t ci, const struct shellparse_word *w)
{
	const char *t = w->text, *e = t + w->len, *p, *q;
	char quote;

	if (shellparse_pattern(w) != NULL) {
		if (memchr(t, '|', w->len) != NULL || t[0] == '@')
			interp_opaque(c, ci);
		return;
	}
	if (t[0] == '@') {
		interp_opaque(c, ci);
		return;
	}
	for (p = t; (p = memchr(p, '|', (size_t)(e - p))) != NULL; p++) {
		if (p == t || (p[-1] != '\'' && p[-1] != '"' &&
		    !isspace((unsigned char)p[-1])))
			continue;
		quote = isspace((unsigned char)p[-1]) ? 0 : p[-1];
		for (q = p + 1; q < e && (quote ? *q != quote :
		    !isspace((unsigned char)*q)); q++)
			;
		if (q > p + 1)
			opt_parse(c, ci, p + 1, (size_t)(q - p - 1), 0);
		p = q - 1;
	}
}

/*
 * ImageMagick (and GraphicsMagick) open a file name that starts with
 * "|", or FORMAT:|, as a pipe to or from a shell command: convert
 * '|cmd' out.png, -write 'png:|cmd'.  Options are not told from
 * operands: any such word counts.
 */
static void
imagick_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	const char *t;
	size_t i, l;
	uint32_t k;

	for (k = start + 1; k < end && !c->nomem; k++) {
		t = w[k].text;
		l = w[k].len;
		if (shellparse_pattern(&w[k]) == NULL && (strcmp(t, "-draw") ==
		    0 || strcmp(t, "+draw") == 0) && k + 1 < end) {
			k++;
			imagick_draw(c, ci, &w[k]);
			continue;
		}
		if (strcmp(t, "-annotate") == 0 || strcmp(t, "-comment") == 0 ||
		    strcmp(t, "-label") == 0 || strcmp(t, "-title") == 0) {
			/* text, where @FILE is the file's text */
			k += t[1] == 'a' ? 2 : 1;
			continue;
		}
		for (i = 0; i < l && i < 32 && isalnum((unsigned char)t[i]);
		    i++)
			;
		if (i > 0 && i < l && t[i] == ':')
			i++;		/* FORMAT: */
		else
			i = 0;
		if ((i == 4 && strncasecmp(t, "msl:", 4) == 0) ||
		    (i < l && t[i] == '@' && !(i > 0 && (strncasecmp(t,
		    "label:", i) == 0 || strncasecmp(t, "caption:", i) == 0 ||
		    strncasecmp(t, "text:", i) == 0 || strncasecmp(t,
		    "pango:", i) == 0)))) {
			/* a script; @FILE: the names of files in FILE, each
			   read as this one would be ('|cmd') */
			interp_opaque(c, ci);
			continue;
		}
		if (i >= l || t[i] != '|')
			continue;
		if (shellparse_pattern(&w[k]) != NULL)
			interp_opaque(c, ci);	/* '|'"$x" */
		else
			opt_parse(c, ci, t + i + 1, l - i - 1, 0);
	}
}

/*
 * start-stop-daemon --start --exec PROG [--startas AS] ... -- ARGS runs
 * AS (else PROG) with ARGS; --stop, --status and the rest run nothing.
 * The command is put together, quoted, and parsed as a command line.
 */
static void
ssd_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words, *pw = NULL,
	    *aw = NULL, **vp;
	const char *t, *v, *prog = NULL, *as = NULL;
	size_t i, l, pl = 0, al = 0, room, o;
	uint32_t k, args = end;
	int run = 0;
	char *d;

	for (k = start + 1; k < end; k++) {
		t = w[k].text;
		l = w[k].len;
		/* --exec="$p" too: its word is the program's */
		if (l < 2 || t[0] != '-')
			continue;
		if (strcmp(t, "--") == 0) {
			args = k + 1;
			break;
		}
		vp = NULL;
		v = NULL;
		if (t[1] == '-') {
			if (strcmp(t, "--start") == 0)
				run = 1;
			else if (strcmp(t, "--stop") == 0 ||
			    strcmp(t, "--status") == 0)
				return;
			if (strncmp(t, "--exec", 6) == 0 && (l == 6 ||
			    t[6] == '='))
				vp = &pw;
			else if (strncmp(t, "--startas", 9) == 0 && (l == 9 ||
			    t[9] == '='))
				vp = &aw;
			else if (memchr(t, '=', l) == NULL && in_list_abbr(
			    "|name|user|pidfile|chuid|group|chroot|chdir|"
			    "nicelevel|procsched|iosched|umask|signal|retry|"
			    "output|remove-pidfile-timeout|notify-timeout|",
			    t + 2, l - 2, 1))
				k++;
			if (vp != NULL && (v = memchr(t, '=', l)) != NULL)
				v++;
		} else {
			/* -bSx PROG, as getopt reads it */
			for (i = 1; i < l; i++) {
				if (t[i] == 'S')
					run = 1;
				else if (t[i] == 'K' || t[i] == 'T')
					return;
				else if (t[i] == 'x' || t[i] == 'a') {
					vp = t[i] == 'x' ? &pw : &aw;
					if (i + 1 < l)
						v = t + i + 1;	/* -xPROG */
					break;
				} else if (strchr("nupcgrdNPkIsRO", t[i]) !=
				    NULL) {
					if (i + 1 == l)
						k++;
					break;
				}
			}
		}
		if (vp == NULL)
			continue;
		if (v == NULL) {
			if (k + 1 >= end)
				continue;
			*vp = &w[++k];
			v = w[k].text;
		} else
			*vp = &w[k];
		if (vp == &pw)
			prog = v, pl = w[k].len - (size_t)(v - w[k].text);
		else
			as = v, al = w[k].len - (size_t)(v - w[k].text);
	}
	if (!run || (prog == NULL && as == NULL))
		return;
	if (as != NULL)
		prog = as, pl = al, pw = aw;
	if (shellparse_pattern(pw) != NULL) {
		interp_opaque(c, ci);
		return;
	}
	room = 4 * pl + 3;
	for (k = args; k < end; k++) {
		if (shellparse_pattern(&w[k]) != NULL) {
			interp_opaque(c, ci);	/* -- "$@" */
			return;
		}
		room += 4 * (size_t)w[k].len + 3;
	}
	if ((d = shellparse_alloc(c->sp, room)) == NULL) {
		c->nomem = 1;
		return;
	}
	o = squote(d, prog, pl);
	for (k = args; k < end; k++) {
		d[o++] = ' ';
		o += squote(d + o, w[k].text, w[k].len);
	}
	d[o] = '\0';
	opt_parse(c, ci, d, o, 0);
}

/* xargs -d's delimiter: a character, or \n, \t, \0, \xHH, \OOO. */
static int
xargs_delim(const char *v, size_t n)
{
	unsigned x = 0;
	size_t i;

	if (n < 2 || v[0] != '\\')
		return (n > 0 ? (unsigned char)v[0] : '\n');
	switch (v[1]) {
	case 'n':
		return ('\n');
	case 't':
		return ('\t');
	case 'x':
		for (i = 2; i < n && i < 4 && hexdig(v[i]) >= 0; i++)
			x = x * 16 + (unsigned)hexdig(v[i]);
		return ((int)(x & 0xff));
	}
	if (v[1] >= '0' && v[1] <= '7') {
		for (i = 1; i < n && i < 4 && v[i] >= '0' && v[i] <= '7'; i++)
			x = x * 8 + (unsigned)(v[i] - '0');
		return ((int)(x & 0xff));
	}
	return ((unsigned char)v[1]);
}

/*
 * The next item xargs reads from p..e into d (its length in *dl):
 * split at delim, or (delim -1) at blanks and newlines with quotes and
 * backslashes as xargs takes them, or (delim -2, -I) at newlines only.
 * Returns where reading goes on, or NULL at the end.
 */
static const char *
xargs_item(const char *p, const char *e, int delim, char *d, size_t *dl)
{
	size_t o = 0;
	char q = 0;

	if (delim >= 0) {
		if (p >= e)
			return (NULL);
		for (; p < e && (unsigned char)*p != delim; p++)
			d[o++] = *p;
		*dl = o;
		return (p < e ? p + 1 : p);
	}
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++;
	if (p >= e)
		return (NULL);
	for (; p < e; p++) {
		if (q != 0) {
			if (*p == q)
				q = 0;
			else
				d[o++] = *p;
		} else if (*p == '\'' || *p == '"')
			q = *p;
		else if (*p == '\\' && p + 1 < e)
			d[o++] = *++p;
		else if (*p == '\n' || (delim == -1 && (*p == ' ' ||
		    *p == '\t')))
			break;
		else
			d[o++] = *p;
	}
	*dl = o;
	return (p);
}

/*
 * With -I R: the command for one item (n bytes), R in each word
 * replaced by it, each word quoted but one only known when it runs
 * (or, raw, each as it is: parallel's, a shell's line), and a newline;
 * into d, or (d NULL) only counted.  Its length.
 */
static size_t
xargs_repl(char *d, const struct shellparse_word *w, uint32_t cmd,
    uint32_t end, const char *repl, size_t rl, const char *item, size_t n,
    int raw)
{
	char q[4];
	size_t o = 0, i, j;
	uint32_t k;
	int as = 0;

	for (k = cmd; k < end; k++) {
		if (k > cmd && d != NULL)
			d[o] = ' ';
		o += k > cmd;
		if (!raw && shellparse_pattern(&w[k]) != NULL) {
			if (d != NULL)
				memcpy(d + o, w[k].text, w[k].len);
			o += w[k].len;
			continue;
		}
		/* quoted: the word's own quote; raw: one around the item */
		if (!raw && d != NULL)
			d[o] = '\'';
		o += !raw;
		for (i = 0; i < w[k].len; ) {
			if (rl > 0 && i + rl <= w[k].len &&
			    memcmp(w[k].text + i, repl, rl) == 0) {
				if (raw && d != NULL)
					d[o] = '\'';
				o += raw;
				for (j = 0; j < n; j++)
					o += squote_in(d != NULL ? d + o : q,
					    item[j]);
				if (raw && d != NULL)
					d[o] = '\'';
				o += raw;
				i += rl;
				as = 1;
			} else if (raw) {
				if (d != NULL)
					d[o] = w[k].text[i];
				o++;
				i++;
			} else
				o += squote_in(d != NULL ? d + o : q,
				    w[k].text[i++]);
		}
		if (!raw && d != NULL)
			d[o] = '\'';
		o += !raw;
	}
	/* parallel: with no {} the item goes after the command */
	if (raw && !as) {
		if (d != NULL) {
			d[o] = ' ';
			o += 1 + squote(d + o + 1, item, n);
		} else
			o += 1 + squote_len(item, n);
	}
	if (d != NULL)
		d[o] = '\n';
	return (o + 1);
}

#define PAR_SOURCES	8	/* ::: sources read; more: opaque */
#define PAR_COMBOS	1024	/* commands made; more: opaque */
/* An item only known when parallel runs (from a file, or a word with
   an expansion): a parameter, so that the line parsed says so. */
#define PAR_UNKNOWN	"\"${PARALLEL_ITEM}\""

struct par_src {
	uint32_t	 a, b;		/* its item words */
	uint32_t	 group;		/* :::+ links it to the one before */
	int		 unknown;	/* :::: FILE, or a word with $ etc. */
};

/* Text written at d + o, or (d NULL) only counted. */
struct pout {
	char	*d;
	size_t	 o;
};

static void
pout_put(struct pout *p, const char *s, size_t n)
{
	if (p->d != NULL)
		memcpy(p->d + p->o, s, n);
	p->o += n;
}

/* s quoted: a word of its own, or (inq) inside a quoted word. */
static void
pout_quote(struct pout *p, const char *s, size_t n, int inq)
{
	char q[4];
	size_t i;

	if (!inq) {
		p->o += p->d != NULL ? squote(p->d + p->o, s, n) :
		    squote_len(s, n);
		return;
	}
	for (i = 0; i < n; i++)
		p->o += squote_in(p->d != NULL ? p->d + p->o : q, s[i]);
}

/*
 * The part of item t (n bytes) a replacement string takes: all of it
 * ({}), without its extension ({.}), its base name ({/}), its
 * directory ({//}), or the base name without extension ({/.}).
 */
static void
par_part(const char *t, size_t n, int how, const char **pp, size_t *pn)
{
	const char *sl = memrchr(t, '/', n), *dot;
	size_t b = sl != NULL ? (size_t)(sl - t) + 1 : 0;

	*pp = t;
	*pn = n;
	if (how == 'd') {
		if (sl == NULL)
			*pp = ".", *pn = 1;
		else
			*pn = sl == t ? 1 : (size_t)(sl - t);
		return;
	}
	if (how == '/' || how == 'b') {
		*pp = t + b;
		*pn = n - b;
	}
	if ((how == '.' || how == 'b') && n > b &&
	    (dot = memrchr(t + b, '.', n - b)) != NULL && dot + 1 < t + n)
		*pn = (size_t)(dot - *pp);
}

/*
 * A replacement string at t (n bytes left): its length, with the
 * input source it takes in *src (0: each of them) and the part of the
 * item in *how ('#' a number, '?' one --plus makes); 0 if there is
 * none, -1 for perl code, {= =}, which parallel runs itself.
 */
static int
par_repl(const char *t, size_t n, const char *repl, size_t rl, int plus,
    int *src, int *how)
{
	static const struct {
		const char	*s;
		int		 how;
	} forms[] = {
		{ "}", 0 }, { ".}", '.' }, { "/}", '/' }, { "//}", 'd' },
		{ "/.}", 'b' },
	};
	const char *e;
	size_t i = 1, f, l;
	int num = 0;

	*src = 0;
	*how = 0;
	if (rl > 0 && n >= rl && memcmp(t, repl, rl) == 0)
		return ((int)rl);
	if (t[0] != '{' || n < 2)
		return (0);
	while (i < n && i < 4 && isdigit((unsigned char)t[i]))
		num = num * 10 + (t[i++] - '0');
	if (i < n && t[i] == '=')
		return (-1);
	if (i == 1 && n >= 3 && (t[1] == '#' || t[1] == '%') && t[2] == '}') {
		*how = '#';
		return (3);
	}
	for (f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		l = strlen(forms[f].s);
		if (n - i < l || memcmp(t + i, forms[f].s, l) != 0)
			continue;
		/* -I R renames {}: then {} is only text */
		if (i == 1 && f == 0 && (rl != 2 || memcmp(repl, "{}", 2)))
			break;
		*src = num;
		*how = forms[f].how;
		return ((int)(i + l));
	}
	if (plus && (e = memchr(t, '}', n)) != NULL) {
		*how = '?';
		return ((int)(e - t + 1));
	}
	return (0);
}

/* One replacement string's text for the items at[] of the sources. */
static void
par_emit(struct pout *p, const struct shellparse_word *w,
    const struct par_src *src, uint32_t ns, const uint32_t *at, int which,
    int how, int inq, int bare)
{
	const char *part;
	size_t pn;
	uint32_t s, lo = 0, hi = ns;

	if (how == '#') {
		pout_put(p, "1", 1);
		return;
	}
	if (which > 0)
		lo = (uint32_t)which - 1, hi = (uint32_t)which;
	for (s = lo; s < hi; s++) {
		if (s > lo)
			pout_put(p, " ", 1);
		if (src[s].unknown || how == '?') {
			if (inq)
				pout_put(p, "'", 1);
			pout_put(p, PAR_UNKNOWN, sizeof(PAR_UNKNOWN) - 1);
			if (inq)
				pout_put(p, "'", 1);
			continue;
		}
		par_part(w[at[s]].text, w[at[s]].len, how, &part, &pn);
		if (bare)
			pout_put(p, part, pn);
		else
			pout_quote(p, part, pn, inq);
	}
}

/*
 * The command parallel makes for one choice of items (at[]): the
 * template's words [cmd, te), each as it is (a shell's line) or with
 * -q quoted, its replacement strings replaced by the items quoted, or
 * the items after it if it has none; then a newline.  -1 if it runs
 * perl code.
 */
static int
par_command(struct pout *p, const struct shellparse_word *w, uint32_t cmd,
    uint32_t te, const struct par_src *src, uint32_t ns, const uint32_t *at,
    const char *repl, size_t rl, int quote, int plus)
{
	uint32_t k, s;
	size_t i;
	int any = 0, r, which, how, inq;

	for (k = cmd; k < te; k++) {
		if (k > cmd)
			pout_put(p, " ", 1);
		inq = quote && shellparse_pattern(&w[k]) == NULL;
		if (inq)
			pout_put(p, "'", 1);
		for (i = 0; i < w[k].len; ) {
			r = par_repl(w[k].text + i, w[k].len - i, repl, rl,
			    plus, &which, &how);
			if (r < 0)
				return (-1);
			if (r == 0 || (uint32_t)which > ns) {
				if (inq)
					pout_quote(p, w[k].text + i, 1, 1);
				else
					pout_put(p, w[k].text + i, 1);
				i++;
				continue;
			}
			/* the program's name: as the items run with no
			   template too, unquoted (the stricter reading) */
			par_emit(p, w, src, ns, at, which, how, inq,
			    k == cmd && i == 0 && !inq);
			i += (size_t)r;
			any = 1;
		}
		if (inq)
			pout_put(p, "'", 1);
	}
	for (s = 0; !any && s < ns; s++) {
		pout_put(p, " ", 1);
		par_emit(p, w, src, ns, at, (int)s + 1, 0, 0, 0);
	}
	pout_put(p, "\n", 1);
	return (0);
}

/*
 * parallel CMD ::: A B ::: C D: the items are on the line.  A command
 * per choice of one item of each source (a source after :::+ goes
 * item by item with the one before), as par_command() makes it; all
 * of them parsed as the lines they are.  An item in a file (::::) or
 * with an expansion is one only known when it runs.
 */
static void
par_texts(struct ctx *c, uint32_t ci, uint32_t cmd, uint32_t end,
    const char *repl, int quote, int plus)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	struct par_src src[PAR_SOURCES];
	struct pout p;
	uint32_t at[PAR_SOURCES], pos[PAR_SOURCES], len[PAR_SOURCES];
	uint32_t k, te = end, ns = 0, ng = 0, g, s, n, combos = 1;
	size_t rl = repl != NULL ? strlen(repl) : 0;
	int pass, file = 0;

	for (k = cmd; k < end; k++) {
		if (!par_marker(&w[k]))
			continue;
		if (te == end)
			te = k;
		else
			src[ns - 1].b = k;
		if (ns == PAR_SOURCES) {
			interp_opaque(c, ci);
			return;
		}
		file = w[k].len >= 4 && w[k].text[3] == ':';
		src[ns].a = k + 1;
		src[ns].b = end;
		src[ns].unknown = file;
		src[ns].group = ns > 0 && w[k].text[w[k].len - 1] == '+' ?
		    src[ns - 1].group : ng++;
		ns++;
	}
	if (te == cmd || ns == 0)
		return;		/* no template: the items are the commands */
	memset(len, 0, sizeof(len));
	for (s = 0; s < ns; s++) {
		for (k = src[s].a; k < src[s].b && !src[s].unknown; k++)
			if (shellparse_pattern(&w[k]) != NULL)
				src[s].unknown = 1;
		n = src[s].unknown ? 1 : src[s].b - src[s].a;
		if (n == 0)
			return;		/* no items: nothing runs */
		if (n > len[src[s].group])
			len[src[s].group] = n;
	}
	for (g = 0; g < ng; g++) {
		combos *= len[g];
		if (combos > PAR_COMBOS) {
			interp_opaque(c, ci);
			return;
		}
	}
	for (p.d = NULL, pass = 0; pass < 2; pass++) {
		p.o = 0;
		memset(pos, 0, sizeof(pos));
		for (n = 0; n < combos; n++) {
			for (s = 0; s < ns; s++)
				at[s] = src[s].a + (src[s].unknown ? 0 :
				    pos[src[s].group] % (src[s].b - src[s].a));
			if (par_command(&p, w, cmd, te, src, ns, at, repl, rl,
			    quote, plus) == -1) {
				interp_opaque(c, ci);	/* {= perl =} */
				return;
			}
			if (p.o > FEED_MAX) {
				interp_opaque(c, ci);	/* too much */
				return;
			}
			/* the next choice: the last source fastest */
			for (g = ng; g-- > 0; )
				if (++pos[g] < len[g])
					break;
				else
					pos[g] = 0;
		}
		if (p.d == NULL && (p.d = shellparse_alloc(c->sp, p.o + 1)) ==
		    NULL) {
			c->nomem = 1;
			return;
		}
	}
	p.d[p.o] = '\0';
	opt_parse(c, ci, p.d, p.o, 0);
}

/*
 * xargs (or parallel) reading items the line does not give: each may
 * be any path, unless find lists them (its roots and tests say which:
 * find_tests()).
 */
static void
xargs_any(struct ctx *c, uint32_t ci, int par, const char *prog)
{
	const struct shellparse_cmd *x;
	const char *b;
	uint32_t k;

	/* xargs alone, xargs echo: they open no file (as echo "$x") */
	if (c->rs->npany == 0 || prog == NULL ||
	    len_table_has(quiet_names, prog, strlen(prog)))
		return;
	for (k = 0; k < ci; k++)
		if (c->sp->cmds[k].next == ci)
			break;
	if (k < ci) {
		x = &c->sp->cmds[k];
		if (x->nwords > x->nassign) {
			b = x->words[x->nassign].text;
			if (strrchr(b, '/') != NULL)
				b = strrchr(b, '/') + 1;
			if (strcmp(b, "find") == 0)
				return;
		}
	}
	if (par)
		path_any(c, "(what parallel reads)", 21);
	else
		path_any(c, "(what xargs reads)", 18);
}

/*
 * xargs CMD ARGS, its input known from the line (echo -rf / | xargs
 * rm): CMD ARGS with the items it reads, as one command line, or with
 * -I R one line per item with R in ARGS replaced by it.  The command
 * as written is a view of its own (its wrapper's part); a shell given
 * its script this way is xargs_shell()'s.  More items than fit make
 * it opaque.  GNU parallel (par) reads a line an item, and runs its
 * words as a shell's line, each item quoted in place of {} (or -I's
 * R) or else after it: a command per item.
 */
static void
xargs_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const struct wrapper *wr, int par)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	const char *t, *v, *in, *p, *e, *repl = NULL;
	size_t l, n, o, il, rl = 0, i, pl = 0;
	uint32_t k, cmd;
	int delim = par ? '\n' : -1, pass, takes;
	int quote = 0, plus = 0, rpl = 0;
	char *d, *item, *pre = NULL;

	if (wr == NULL)
		return;
	for (k = start + 1; k < end; k++) {
		t = w[k].text;
		l = w[k].len;
		if (l < 2 || t[0] != '-' || shellparse_pattern(&w[k]) != NULL)
			break;
		if (l == 2 && t[1] == '-') {
			k++;
			break;
		}
		takes = opt_takes(wr, t, l);
		v = NULL;
		if (t[1] == '-') {
			if ((v = memchr(t, '=', l)) != NULL)
				v++;
			else if (takes > 0 && k + 1 < end)
				v = w[k + 1].text;
			if (long_opt(t, l, "null"))
				delim = 0;
			else if (long_opt(t, l, "replace"))
				repl = v != NULL ? v : "{}";
			else if (long_opt(t, l, "arg-file")) {
				xargs_any(c, ci, par, "");	/* a file's */
				return;
			}
			else if (v != NULL && long_opt(t, l, "delimiter"))
				delim = xargs_delim(v, strlen(v));
			else if (par && long_opt(t, l, "quote"))
				quote = 1;
			else if (par && long_opt(t, l, "plus"))
				plus = 1;
			else if (par && (long_opt(t, l, "rpl") ||
			    long_opt(t, l, "extensionreplace") ||
			    long_opt(t, l, "er") ||
			    long_opt(t, l, "basenamereplace") ||
			    long_opt(t, l, "bnr") ||
			    long_opt(t, l, "dirnamereplace") ||
			    long_opt(t, l, "dnr") ||
			    long_opt(t, l, "basenameextensionreplace") ||
			    long_opt(t, l, "bner") ||
			    long_opt(t, l, "seqreplace") ||
			    long_opt(t, l, "slotreplace")))
				rpl = 1;
		}
		for (i = 1; t[1] != '-' && i < l; i++) {
			if (t[i] == '0') {
				delim = 0;
				continue;
			}
			if (par && t[i] == 'q')
				quote = 1;
			if (t[i] == 'i' || (!par && (t[i] == 'e' ||
			    t[i] == 'l'))) {
				if (t[i] == 'i')
					repl = i + 1 < l ? t + i + 1 : "{}";
				break;		/* optional, attached */
			}
			if (strchr(wr->argopts, t[i]) == NULL)
				continue;
			if (i + 1 < l)
				v = t + i + 1;
			else if (k + 1 < end)
				v = w[k + 1].text;
			if (t[i] == 'a') {
				xargs_any(c, ci, par, "");
				return;
			}
			if (v != NULL && t[i] == 'd')
				delim = xargs_delim(v, strlen(v));
			else if (v != NULL && t[i] == 'I')
				repl = v;
			break;
		}
		k += (uint32_t)takes;
	}
	cmd = k;
	if (par) {
		if (repl == NULL)
			repl = "{}";
		if (rpl) {
			interp_opaque(c, ci);	/* its own perl code */
			return;
		}
		/* ::: ARGS: the items are on the line, not read */
		for (k = cmd; k < end; k++)
			if (par_marker(&w[k])) {
				par_texts(c, ci, cmd, end, repl, quote, plus);
				return;
			}
	}
	if (!par && cmd < end && xargs_shell(w, start + 1, cmd, cmd, end) > 0)
		return;
	if ((in = input_text(c, ci, &il)) == NULL) {
		xargs_any(c, ci, par, cmd < end ? w[cmd].text : NULL);
		return;
	}
	if (cmd >= end)
		return;
	if (repl != NULL) {
		rl = strlen(repl);
		if (delim == -1)
			delim = -2;
	}
	if ((item = shellparse_alloc(c->sp, il + 1)) == NULL ||
	    (!par && (pre = join_words(c, &c->sp->cmds[ci], cmd, end, 1,
	    &pl)) == NULL)) {
		c->nomem = 1;
		return;
	}
	/* Twice: what it takes, then (d) writing it. */
	for (d = NULL, pass = 0; pass < 2; pass++) {
		o = 0;
		for (p = in, e = in + il; (p = xargs_item(p, e, delim, item,
		    &n)) != NULL; ) {
			if (repl == NULL) {
				/* CMD ARGS 'item' 'item' ... */
				if (o == 0) {
					if (d != NULL)
						memcpy(d, pre, pl);
					o = pl;
				}
				if (d != NULL) {
					d[o] = ' ';
					o += 1 + squote(d + o + 1, item, n);
				} else
					o += 1 + squote_len(item, n);
			} else
				o += xargs_repl(d != NULL ? d + o : NULL, w,
				    cmd, end, repl, rl, item, n, par);
			if (o > FEED_MAX) {
				interp_opaque(c, ci);	/* too much */
				return;
			}
		}
		if (o == 0)
			return;
		if (d == NULL && (d = shellparse_alloc(c->sp, o + 1)) == NULL) {
			c->nomem = 1;
			return;
		}
	}
	d[o] = '\0';
	opt_parse(c, ci, d, o, 0);
}

/* nix's options that take words (others take none, or are =VALUE). */
#define NIX_ARGOPTS	"|arg:2|argstr:2|override-input:2|override-flake:2|" \
	"option:2|set-env-var:2|store|eval-store|include|file|expr|profile|" \
	"inputs-from|update-input|reference-lock-file|output-lock-file|" \
	"log-format|max-jobs|cores|builders|substituters|keep|unset|chdir|" \
	"extra-experimental-features|experimental-features|extra-substituters|" \
	"trusted-public-keys|extra-trusted-public-keys|access-tokens|" \
	"system|extra-platforms|print-build-logs-to|"

/*
 * How many words nix's option t (l bytes) takes after it, or -1 when t
 * is no option.
 */
static int
nix_opt(const char *t, size_t l)
{
	if (l < 2 || t[0] != '-')
		return (-1);
	if (memchr(t, '=', l) != NULL)
		return (0);
	if (t[1] == '-')
		return (in_list_abbr(NIX_ARGOPTS, t + 2, l - 2, 1));
	/* -I PATH, -j N, -k NAME, -u NAME, -C DIR, -f FILE, -s NAME VALUE */
	if (strchr("IjkuCf", t[l - 1]) != NULL)
		return (1);
	return (t[l - 1] == 's' ? 2 : 0);
}

/*
 * nix run [options] INSTALLABLE [ARGS] [-- ARGS]: the installable's
 * program runs with ARGS.  Its name is the attribute's last part
 * (nixpkgs#bash, nixpkgs#legacyPackages.x86_64-linux.bash^out: bash);
 * a flake with no attribute runs its own default, known by no name.
 * An option nix takes a value for that is not listed may hide the
 * installable: the first word with a '#' is taken for it.  Nix 2.3's
 * nix run PKGS -c CMD ARGS runs CMD.  --expr and --file give the Nix
 * code that says what runs, as does an installable only known when
 * it runs: opaque.
 */
static void
nix_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	const char *t, *p, *q, *a;
	size_t l, n, o, room;
	uint32_t k, sub = end, inst = end, dd = end;
	int nargs;
	char *d;

	for (k = start + 1; k < end; k++) {
		t = w[k].text;
		l = w[k].len;
		if (l == 2 && memcmp(t, "--", 2) == 0) {
			dd = k;
			break;
		}
		if ((nargs = nix_opt(t, l)) < 0) {
			if (sub == end) {
				if (l != 3 || memcmp(t, "run", 3) != 0)
					return;
				sub = k;
			} else if (inst == end || (memchr(t, '#', l) != NULL &&
			    memchr(w[inst].text, '#', w[inst].len) == NULL))
				inst = k;
			continue;
		}
		if (sub != end && ((l == 2 && t[1] == 'c') ||
		    long_opt(t, l, "command"))) {
			/* Nix 2.3's; or the program's, if nix passes it */
			if ((d = join_words(c, &c->sp->cmds[ci], k + 1, end,
			    1, &o)) == NULL)
				return;
			opt_parse(c, ci, d, o, 0);
			dd = k;
			break;
		}
		if (sub != end && (long_opt(t, l, "expr") ||
		    long_opt(t, l, "file") || (t[1] != '-' &&
		    memchr(t, 'f', l) != NULL))) {
			interp_opaque(c, ci);
			return;
		}
		k += (uint32_t)nargs;
	}
	if (sub == end || inst == end)
		return;
	if (shellparse_pattern(&w[inst]) != NULL) {
		interp_opaque(c, ci);
		return;
	}
	t = w[inst].text;
	l = w[inst].len;
	if ((p = memchr(t, '#', l)) == NULL)
		return;		/* the flake's default: no name */
	p++;
	if ((q = memchr(p, '^', l - (size_t)(p - t))) == NULL)
		q = t + l;
	for (a = q; a > p && a[-1] != '.'; a--)
		;
	if (a == q)
		return;
	n = (size_t)(q - a);
	/* NAME, the words after the installable that are not nix's
	   options, then those after -- */
	room = 4 * n + 3;
	for (k = inst + 1; k < end; k++)
		room += 4 * (size_t)w[k].len + 3;
	if (room > SHELLPARSE_MAXLEN || (d = shellparse_alloc(c->sp, room)) ==
	    NULL) {
		if (room <= SHELLPARSE_MAXLEN)
			c->nomem = 1;
		return;
	}
	o = squote(d, a, n);
	for (k = inst + 1; k < end; k++) {
		if (k < dd && (nargs = nix_opt(w[k].text, w[k].len)) >= 0) {
			k += (uint32_t)nargs;
			continue;
		}
		if (k == dd && w[k].len == 2 && w[k].text[1] == '-')
			continue;
		d[o++] = ' ';
		if (shellparse_pattern(&w[k]) != NULL) {
			memcpy(d + o, w[k].text, w[k].len);
			o += w[k].len;
		} else
			o += squote(d + o, w[k].text, w[k].len);
	}
	d[o] = '\0';
	opt_parse(c, ci, d, o, 0);
}

/*
 * scl enable|run COLLECTION... COMMAND: a shell runs COMMAND; with
 * "--", the words after it, joined by spaces as scl joins them.
 */
static void
scl_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	const char *t;
	size_t o;
	uint32_t k;
	char *d;

	for (k = start + 1; k < end && w[k].len > 0 && w[k].text[0] == '-';
	    k++)
		;
	if (k >= end || !((w[k].len == 6 && memcmp(w[k].text, "enable",
	    6) == 0) || (w[k].len == 3 && memcmp(w[k].text, "run", 3) == 0)))
		return;
	for (k++; k < end; k++)
		if (w[k].len == 2 && memcmp(w[k].text, "--", 2) == 0)
			break;
	if (k < end) {
		if ((d = join_words(c, &c->sp->cmds[ci], k + 1, end, 0,
		    &o)) != NULL)
			opt_parse(c, ci, d, o, 0);
		return;
	}
	if (end - start < 4)
		return;		/* no collection, or no command */
	if (shellparse_pattern(&w[end - 1]) != NULL) {
		interp_opaque(c, ci);
		return;
	}
	t = w[end - 1].text;
	opt_parse(c, ci, t, w[end - 1].len, 0);
}

/*
 * Maven's exec plugin runs program X with arguments A (split as words
 * are, quotes kept): mvn exec:exec -Dexec.executable=X -Dexec.args=A,
 * -D X=V given as two words too.  Read as the command line 'X' A; an
 * expansion in either is not known.
 */
static void
mvn_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words, *x = NULL,
	    *a = NULL;
	const char *t;
	size_t l, xo = 0, ao = 0, n;
	uint32_t k;
	char *d;

	for (k = start + 1; k < end; k++) {
		t = w[k].text;
		l = w[k].len;
		if (l == 2 && memcmp(t, "-D", 2) == 0 && k + 1 < end) {
			k++;
			t = w[k].text;
			l = w[k].len;
			n = 0;
		} else if (l > 2 && t[0] == '-' && t[1] == 'D')
			n = 2;
		else
			continue;
		if (l - n > 16 && memcmp(t + n, "exec.executable=", 16) == 0) {
			x = &w[k];
			xo = n + 16;
		} else if (l - n > 10 && memcmp(t + n, "exec.args=", 10) == 0) {
			a = &w[k];
			ao = n + 10;
		}
	}
	if (x == NULL)
		return;
	if (shellparse_pattern(x) != NULL || (a != NULL &&
	    shellparse_pattern(a) != NULL)) {
		interp_opaque(c, ci);
		return;
	}
	n = 4 * (x->len - xo) + 3 + (a != NULL ? a->len - ao : 0);
	if (n > SHELLPARSE_MAXLEN) {
		interp_opaque(c, ci);
		return;
	}
	if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	l = squote(d, x->text + xo, x->len - xo);
	if (a != NULL) {
		d[l++] = ' ';
		memcpy(d + l, a->text + ao, a->len - ao);
		l += a->len - ao;
	}
	d[l] = '\0';
	opt_parse(c, ci, d, l, 0);
}

/*
 * su's program and operands (su_scan()): a PROG that is no shell
 * (su -s /usr/bin/python3 -c CODE), and ARGS (su root -- -c CMD, su
 * root FILE), read as the line 'PROG' ['-c' 'STRING'] ARGS.  A PROG or
 * an option only known when it runs is not known.
 */
static void
su_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    int runuser)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	struct suargs sa;
	size_t l, n;
	uint32_t a;
	int prog, rc;
	char *d;

	if ((rc = su_scan(w, start, end, runuser, &sa)) <= 0) {
		if (rc < 0)
			interp_opaque(c, ci);
		return;
	}
	prog = sa.sh && !shell_word(sa.shv, sa.shn);
	if (!prog && (sa.csw != 0 || sa.nops <= 1))
		return;		/* the wrapper's: a shell, -c or input */
	n = (sa.sh ? 4 * sa.shn + 2 : 2) + (prog && sa.csw != 0 ?
	    4 * sa.csn + 8 : 0);
	for (a = 1; a < sa.nops; a++)
		n += 4 * w[sa.ops[a]].len + 3;
	if (n > SHELLPARSE_MAXLEN) {
		interp_opaque(c, ci);
		return;
	}
	if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	if (sa.sh)
		l = squote(d, sa.shv, sa.shn);
	else {
		memcpy(d, "sh", 2);
		l = 2;
	}
	if (prog && sa.csw != 0) {
		/* a whole word as written: "$CODE" is not known */
		memcpy(d + l, " -c ", 4);
		l += 4;
		l += sa.csw != UINT32_MAX ? word_put(d + l, &w[sa.csw - 1]) :
		    squote(d + l, sa.csv, sa.csn);
	}
	for (a = 1; a < sa.nops; a++) {
		d[l++] = ' ';
		l += word_put(d + l, &w[sa.ops[a]]);
	}
	d[l] = '\0';
	opt_parse(c, ci, d, l, 0);
}

/*
 * screen -X CMD ARGS (or -Q) gives a command to a running session.
 * stuff types its string into a window (^X and \\ooo escapes); exec
 * and screen run a program; the commands that run screen commands or
 * keys later, or change the shell new windows run, are opaque.
 * Without -X, screen CMD runs CMD: that is its wrapper's part.
 */
static int
screen_x(const struct shellparse_word *w, uint32_t *kp, uint32_t end)
{
	const char *t;
	uint32_t k;
	size_t i;
	int x = 0;

	for (k = *kp; k < end; k++) {
		t = w[k].text;
		if (shellparse_pattern(&w[k]) != NULL || t[0] != '-' ||
		    w[k].len < 2)
			break;
		if (strcmp(t, "--") == 0) {
			k++;
			break;
		}
		for (i = 1; i < w[k].len; i++) {
			if (t[i] == 'X' || t[i] == 'Q')
				x = 1;
			else if (strchr("cehpRSTs", t[i]) != NULL) {
				if (i + 1 == w[k].len)
					k++;
				break;
			}
		}
	}
	*kp = k;
	return (x);
}

static void
screen_texts(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	static const char *const later[] = { "eval", "at", "bind", "bindkey",
	    "source", "register", "readreg", "readbuf", "paste", "process",
	    "shell", "defshell", "colon", "command", "idle", "blanker",
	    "blankerprg", "zmodem", NULL };
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	const char *t;
	uint32_t k = start + 1, a;
	size_t i, n;
	char *d;

	if (!screen_x(w, &k, end) || k >= end)
		return;
	if (shellparse_pattern(&w[k]) != NULL) {
		interp_opaque(c, ci);
		return;
	}
	t = w[k].text;
	if (strcmp(t, "stuff") == 0) {
		for (a = k + 1, n = 0; a < end; a++) {
			if (shellparse_pattern(&w[a]) != NULL) {
				interp_opaque(c, ci);
				return;
			}
			n += w[a].len + 1;
		}
		if ((d = shellparse_alloc(c->sp, n + 1)) == NULL) {
			c->nomem = 1;
			return;
		}
		for (a = k + 1, n = 0; a < end; a++) {
			if (a > k + 1)
				d[n++] = ' ';
			for (t = w[a].text, i = 0; i < w[a].len; i++) {
				if (t[i] == '^' && i + 1 < w[a].len) {
					i++;
					d[n++] = t[i] == '?' ? 0x7f :
					    (char)(t[i] & 0x1f);
				} else if (t[i] == '\\' && i + 1 < w[a].len &&
				    t[i + 1] >= '0' && t[i + 1] <= '7') {
					unsigned o = 0, m;

					for (m = 0; m < 3 && i + 1 < w[a].len &&
					    t[i + 1] >= '0' && t[i + 1] <= '7';
					    m++)
						o = o * 8 + (unsigned)(t[++i] -
						    '0');
					d[n++] = (char)o;
				} else if (t[i] == '\\' && i + 1 < w[a].len) {
					i++;
					d[n++] = t[i] == 'n' ? '\n' :
					    t[i] == 'r' ? '\r' : t[i] == 't' ?
					    '\t' : t[i];
				} else
					d[n++] = t[i];
				if (d[n - 1] == '\r')
					d[n - 1] = '\n';	/* Enter */
			}
		}
		d[n] = '\0';
		keys_parse(c, ci, d, n);
		return;
	}
	if (strcmp(t, "screen") == 0) {
		/* screen [-opts] [N] CMD ARGS */
		for (k++; k < end && w[k].text[0] == '-' && w[k].len > 1 &&
		    shellparse_pattern(&w[k]) == NULL; k++)
			if (strchr("htT", w[k].text[1]) != NULL &&
			    w[k].len == 2)
				k++;
		if (k < end && shellparse_pattern(&w[k]) == NULL &&
		    strspn(w[k].text, "0123456789") == w[k].len)
			k++;
		if (k < end && strncmp(w[k].text, "//", 2) != 0)
			argv_parse(c, ci, k, end);
		return;
	}
	if (strcmp(t, "exec") == 0) {
		/* exec [[FDPAT] CMD ARGS]: exec !.. cmd, exec !:sed ... */
		if (++k >= end)
			return;
		if (shellparse_pattern(&w[k]) != NULL ||
		    (i = strspn(w[k].text, ".!|:<>")) == 0)
			argv_parse(c, ci, k, end);
		else if (i == w[k].len)
			argv_parse(c, ci, k + 1, end);
		else if ((d = join_words(c, &c->sp->cmds[ci], k + 1, end, 1,
		    &n)) != NULL) {
			/* the program's name is what follows FDPAT */
			char *j;

			if ((j = shellparse_alloc(c->sp, 4 * (w[k].len - i) +
			    n + 4)) == NULL) {
				c->nomem = 1;
				return;
			}
			a = (uint32_t)squote(j, w[k].text + i, w[k].len - i);
			j[a++] = ' ';
			memcpy(j + a, d, n + 1);
			opt_parse(c, ci, j, a + n, 0);
		}
		return;
	}
	for (i = 0; later[i] != NULL; i++)
		if (strcmp(t, later[i]) == 0) {
			interp_opaque(c, ci);
			return;
		}
}

/*
 * go env -w NAME=VALUE ...: the settings every later go command takes,
 * as if its environment held them (GOFLAGS=-toolexec=X, CC=X).
 */
static void
go_env(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_word *w = c->sp->cmds[ci].words;
	uint32_t k = start + 1;
	int set = 0;

	if (k < end && strcmp(w[k].text, "-C") == 0)
		k += 2;			/* go -C DIR env */
	else if (k < end && strncmp(w[k].text, "-C=", 3) == 0)
		k++;
	if (k >= end || strcmp(w[k].text, "env") != 0 ||
	    shellparse_pattern(&w[k]) != NULL)
		return;
	for (k++; k < end; k++) {
		if (shellparse_pattern(&w[k]) != NULL)
			continue;
		if (w[k].text[0] == '-') {
			if (strcmp(w[k].text, "-w") == 0 ||
			    strcmp(w[k].text, "--w") == 0)
				set = 1;
			continue;
		}
		if (set && is_assign(&w[k]))
			opt_assign(c, ci, &w[k], 0);
	}
}

/*
 * Where the command a wrapper (entry e) of words[start, end) runs
 * starts, or end: docker run IMAGE CMD, bwrap ... CMD.
 */
static uint32_t
wrapped_at(const struct shellparse_cmd *cmd, uint32_t start, uint32_t end,
    const struct ient *e)
{
	struct unwrap u;

	if (end > cmd->nwords)
		end = cmd->nwords;
	if (e == NULL || e->wrap == NULL)
		return (end);
	unwrap(cmd, start, end, e->wrap, &u);
	if ((u.kind == UW_VIEW || u.kind == UW_JOIN || u.kind == UW_JOINQ) &&
	    u.start > start && u.start < end)
		return (u.start);
	return (end);
}

/* The option letters of an interpreter whose value is a file or a
   directory it reads: node -r, ruby -r and -I, perl -I, php -c. */
static const char *const code_ropts[] = { NULL, "", "I", "rI", "r", "c",
    "" };

/*
 * The word of the script interpreter lang, the program of word start,
 * runs: its first operand, unless an option gives the code instead
 * (python3 -c CODE, -m MODULE, perl -e, node --eval); 0 if none, or if
 * an expansion may be any option.  The words of the modules, libraries
 * and directories its options read (node -r X, --import X, ruby -I X,
 * perl -IX) go into run[] after *nr, at most nrun.
 */
static uint32_t
code_script(const struct shellparse_cmd *cmd, uint32_t start, int lang,
    uint32_t *run, uint32_t *nr, uint32_t nrun)
{
	const struct shellparse_word *w;
	const char *t, *eq;
	uint32_t k, v;
	size_t i, l;

	for (k = start + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (shellparse_pattern(w) != NULL)
			return (0);
		if (t[0] != '-' || w->len < 2)
			break;
		if (w->len == 2 && t[1] == '-') {
			k++;
			break;
		}
		if (t[1] == '-') {
			eq = memchr(t, '=', w->len);
			l = (eq != NULL ? (size_t)(eq - t) : w->len) - 2;
			if (lang == LANG_JS && (in_list_abbr("|eval|print|",
			    t + 2, l, 1) || in_list_abbr("|check|", t + 2, l,
			    1)))
				return (0);	/* node --eval X, --check */
			/* node --require X, --import=X */
			if (lang == LANG_JS && in_list_abbr(JS_MODOPTS,
			    t + 2, l, 1) && (eq != NULL || k + 1 <
			    cmd->nwords) && *nr < nrun)
				run[(*nr)++] = eq != NULL ? k : k + 1;
			if (eq == NULL && ((lang == LANG_PY &&
			    strcmp(t, "--check-hash-based-pycs") == 0) ||
			    (lang == LANG_JS && in_list_abbr(JS_MODOPTS,
			    t + 2, l, 1))))
				k++;
			continue;
		}
		for (i = 1; i < w->len; i++) {
			if (strchr(code_copts[lang], t[i]) != NULL ||
			    (lang == LANG_PY && t[i] == 'm'))
				return (0);
			v = i + 1 < w->len ? k : k + 1;
			if (strchr(code_ropts[lang], t[i]) != NULL &&
			    v < cmd->nwords && *nr < nrun)
				run[(*nr)++] = v;
			if (code_optletter(lang, t, w->len, &i, &k))
				break;
		}
	}
	if (k >= cmd->nwords || script_operand(&cmd->words[k]) != UW_NONE)
		return (0);
	return (k);
}

/* The word of cmd, from word k on, whose text holds s; NONE if none. */
static uint32_t
word_holding(const struct shellparse_cmd *cmd, uint32_t k, const char *s)
{
	for (; s != NULL && k < cmd->nwords; k++)
		if (s >= cmd->words[k].text &&
		    s <= cmd->words[k].text + cmd->words[k].len)
			return (k);
	return (NONE);
}

/* gdb's options whose value is a file or directory it reads (a
   command file, the program, its symbols, a core, where sources are),
   as names without their dashes; the one-letter ones are short. */
#define GDB_READS	"|x|command|ix|init-command|e|exec|se|s|symbols|" \
	"c|core|d|directory|D|data-directory|cd|"

/*
 * gdb [options] PROG [CORE|PID], its word k: the words it reads, into
 * run[] (nr of nrun used; the count after): PROG (which it runs), the
 * core after it, and the values of GDB_READS (-x FILE, --core=FILE).
 * Its long options may have one dash (-ex CMD); wr is its wrapper.
 */
static uint32_t
gdb_words(const struct shellparse_cmd *cmd, uint32_t k,
    const struct wrapper *wr, uint32_t *run, uint32_t nr, uint32_t nrun)
{
	const struct shellparse_word *w;
	const char *t, *eq;
	uint32_t j, a;
	size_t l;

	for (j = k + 1; j < cmd->nwords && nr < nrun; j++) {
		w = &cmd->words[j];
		t = w->text;
		if (shellparse_pattern(w) != NULL)
			return (nr);
		if (w->len < 2 || t[0] != '-' || word_is(w, "--")) {
			if (t[0] == '-' && w->len == 2 && ++j >= cmd->nwords)
				return (nr);
			/* PROG, and a core (or a pid) after it */
			run[nr++] = j;
			if (j + 1 < cmd->nwords && nr < nrun &&
			    cmd->words[j + 1].text[0] != '-' &&
			    shellparse_pattern(&cmd->words[j + 1]) == NULL)
				run[nr++] = j + 1;
			return (nr);
		}
		t += t[1] == '-' ? 2 : 1;
		eq = memchr(t, '=', w->len - (size_t)(t - w->text));
		l = eq != NULL ? (size_t)(eq - t) : w->len -
		    (size_t)(t - w->text);
		/* -nx, -batch: one dash and a long name, as gdb's
		   getopt_long_only() takes them first (not -n -x FILE) */
		if (eq != NULL)
			a = 0;
		else if (w->text[1] != '-' && w->len > 2)
			a = in_list_abbr(wr->longargs, t, l, 1) > 0 ||
			    in_list_abbr(wr->longstr, t, l, 1);
		else
			a = (uint32_t)opt_takes(wr, w->text, w->len);
		if (in_list_abbr(GDB_READS, t, l, 1) && (eq != NULL ||
		    (a > 0 && j + 1 < cmd->nwords)))
			run[nr++] = eq != NULL ? j : j + 1;
		j += a;
	}
	return (nr);
}

/*
 * The words of cmd that name a program a wrapper runs (sudo /usr/bin/x,
 * env A=1 timeout 5 /usr/bin/x, watch /usr/bin/x), the script an
 * interpreter or a shell runs (python3 /usr/bin/x.py, sh x.sh), the
 * programs ldd looks at, and the shell text a wrapper runs (sh -c
 * TEXT, su -c TEXT: not a path; the commands in it are classified as
 * their own): their indexes into run[] (at most nrun), their count
 * returned.  Only where path write rules ask: such a word is run,
 * which reads it; the other operands stay written.
 */
static uint32_t __attribute__((noinline))
run_words(const struct ctx *c, const struct shellparse_cmd *cmd,
    uint32_t *run, uint32_t nrun)
{
	const struct ient *e;
	struct unwrap u;
	const char *b;
	size_t n;
	uint32_t k = cmd->nassign, nr = 0, depth, i, j;
	int lang;

	for (depth = 0; depth < 8 && k < cmd->nwords; depth++) {
		if ((b = lw_base(&cmd->words[k], &n)) == NULL)
			return (nr);
		/* sudo ssh -o ProxyCommand=/usr/bin/nc: a command line,
		   whose commands have paths of their own; here, a path it
		   reads (as the first word, cmd_paths1() takes it to be
		   none) */
		if (k > cmd->nassign && n < 16 && (unsigned char)b[0] < 128 &&
		    c->rs->optidx[n][(unsigned char)b[0]] != 0)
			nr = cmdopt_words(c, cmd, k, b, n, run, nr, nrun);
		if ((e = ilookup(c->rs, b, n)) == NULL || e->wrap == NULL)
			break;
		unwrap(cmd, k, cmd->nwords, e->wrap, &u);
		/* sh FILE: FILE is run, so read */
		if (u.kind == UW_NONE && u.script > k &&
		    u.script < cmd->nwords && nr < nrun)
			run[nr++] = u.script;
		/* sh -c TEXT, ssh -o ProxyCommand=TEXT: TEXT is no path */
		for (i = 0; i < u.nss && i < UW_NSTR && nr < nrun; i++)
			if ((j = word_holding(cmd, k + 1, u.ss[i])) != NONE)
				run[nr++] = j;
		if (u.kind == UW_STRING && nr < nrun &&
		    (j = word_holding(cmd, k + 1, u.s)) != NONE)
			run[nr++] = j;
		if (u.kind == UW_STRING || u.kind == UW_STRINGS)
			return (nr);
		/* gdb /usr/bin/x: run (by run, -ex run); its core,
		   -x FILE: read */
		if (u.kind != UW_VIEW && n == 3 && memcmp(b, "gdb", 3) == 0)
			return (gdb_words(cmd, k, e->wrap, run, nr, nrun));
		/* find . -exec /usr/bin/x {} +: the program of each */
		if (u.kind == UW_FIND) {
			for (j = k + 1; j + 1 < cmd->nwords && nr < nrun; j++)
				if (word_is(&cmd->words[j], "-exec") ||
				    word_is(&cmd->words[j], "-execdir") ||
				    word_is(&cmd->words[j], "-ok") ||
				    word_is(&cmd->words[j], "-okdir")) {
					if (memchr(cmd->words[j + 1].text, '/',
					    cmd->words[j + 1].len) != NULL)
						run[nr++] = j + 1;
				}
			return (nr);
		}
		/* watch /usr/bin/x: the first word of the text it runs */
		if ((u.kind == UW_JOIN || u.kind == UW_JOINQ) &&
		    u.start > k && u.start < u.end && u.end <= cmd->nwords &&
		    shellparse_pattern(&cmd->words[u.start]) == NULL &&
		    strcspn(cmd->words[u.start].text, " \t\n;&|<>()$`\\\"'"
		    "*?[#~=%") == cmd->words[u.start].len &&
		    memchr(cmd->words[u.start].text, '/',
		    cmd->words[u.start].len) != NULL && nr < nrun) {
			run[nr++] = u.start;
			return (nr);
		}
		if (u.kind != UW_VIEW || u.start <= k ||
		    u.start >= cmd->nwords)
			return (nr);
		k = u.start;
		if (memchr(cmd->words[k].text, '/', cmd->words[k].len) !=
		    NULL && nr < nrun)
			run[nr++] = k;
	}
	if (depth == 8 || k >= cmd->nwords ||
	    (b = lw_base(&cmd->words[k], &n)) == NULL)
		return (nr);
	/* python3 /usr/bin/x.py: the script */
	if ((lang = code_lang(b, n)) != 0 && lang != LANG_AWK) {
		if ((j = code_script(cmd, k, lang, run, &nr, nrun)) != 0 &&
		    nr < nrun)
			run[nr++] = j;
	} else if (n == 3 && memcmp(b, "ldd", 3) == 0) {
		/* ldd /usr/bin/x: may run x (its loader) */
		for (j = k + 1; j < cmd->nwords && nr < nrun; j++)
			if (cmd->words[j].text[0] != '-')
				run[nr++] = j;
	}
	return (nr);
}

/* Word w is a mount's value: mount_word() says so to cmd_paths1(). */
static void
mount_note(struct ctx *c, const struct shellparse_word *w)
{
	if (c->nmntw < sizeof(c->mntw) / sizeof(c->mntw[0]))
		c->mntw[c->nmntw++] = w;
}

/*
 * A container's mount of SRC, n bytes of word text: a tree (tree) or
 * a file (a device), written unless ro.  $PWD, ${PWD}, $(pwd) and
 * `pwd` are where the command runs, $HOME ~; what another expansion or
 * a glob gives is any path (pat: the word has one).
 */
static void
mount_feed(struct ctx *c, const char *s, size_t n, int pat, int ro,
    int tree)
{
	static const struct {
		const char	*v, *to;
	} pre[] = {
		{ "$PWD", "." }, { "${PWD}", "." }, { "$(pwd)", "." },
		{ "`pwd`", "." }, { "$HOME", "~" }, { "${HOME}", "~" },
	};
	char *buf;
	size_t i, l, tl;
	int pr = c->pread;

	if (n == 0 || n > 1000)
		return;
	if (pat) {
		for (i = 0, l = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
			l = strlen(pre[i].v);
			if (n >= l && memcmp(s, pre[i].v, l) == 0 &&
			    (n == l || s[l] == '/'))
				break;
		}
		/* the rest as written: no other expansion, no glob */
		if (i == sizeof(pre) / sizeof(pre[0]) ||
		    strcspn(s + l, "$`*?[\\") < n - l) {
			c->pread = ro;
			path_any(c, s, n);
			c->pread = pr;
			return;
		}
		tl = strlen(pre[i].to);
		/* (the why may name it: not on the stack) */
		if ((buf = shellparse_alloc(c->sp, tl + n - l + 1)) == NULL) {
			c->nomem = 1;
			return;
		}
		memcpy(buf, pre[i].to, tl);
		memcpy(buf + tl, s + l, n - l);
		n = tl + n - l;
		buf[n] = '\0';
		s = buf;
	}
	c->pread = ro;
	if (tree)
		dir_feed(c, s, n, NULL, NULL);
	written_here(c, s, n, NULL);
	c->pread = pr;
}

/*
 * The mounts of a container that docker, podman or nerdctl run or
 * create: -v SRC:DST[:OPTS] (--volume), --mount type=bind,src=SRC,...
 * and --device SRC[:DST].  The container, and what runs in it, works
 * through SRC, and writes it unless it is mounted read only (ro,
 * readonly); a volume's name is no path.  Options after the image
 * are the command's: lim is where it starts (wrapped_at()).
 */
static void
mount_paths(struct ctx *c, uint32_t ci, uint32_t start, uint32_t lim)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t, *v, *p, *q, *eq, *src;
	size_t l, vl, sl, j;
	uint32_t k;
	int kind, ro, pat, bind;

	/* docker [-H x] run, container run, compose run */
	for (k = start + 1; k < lim; k++)
		if (shellparse_pattern(&cmd->words[k]) == NULL &&
		    (strcmp(cmd->words[k].text, "run") == 0 ||
		    strcmp(cmd->words[k].text, "create") == 0))
			break;
	for (k++; k < lim && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (l < 2 || t[0] != '-')
			continue;
		kind = 0;
		v = NULL;
		if (t[1] == '-') {
			eq = memchr(t, '=', l);
			vl = (eq != NULL ? (size_t)(eq - t) : l) - 2;
			if (vl == 6 && memcmp(t + 2, "volume", 6) == 0)
				kind = 1;
			else if (vl == 5 && memcmp(t + 2, "mount", 5) == 0)
				kind = 2;
			else if (vl == 6 && memcmp(t + 2, "device", 6) == 0)
				kind = 3;
			else
				continue;
			if (eq != NULL)
				v = eq + 1;
		} else {
			/* -v X, -vX, -itv X; -e, -p ... take the rest */
			for (j = 1; j < l && strchr("acehlmpuw", t[j]) == NULL;
			    j++)
				if (t[j] == 'v')
					break;
			if (j >= l || t[j] != 'v')
				continue;
			kind = 1;
			if (j + 1 < l)
				v = t + j + 1 + (t[j + 1] == '=');
		}
		if (v == NULL) {
			if (k + 1 >= lim)
				break;
			w = &cmd->words[++k];
			v = w->text;
		}
		vl = w->len - (size_t)(v - w->text);
		pat = shellparse_pattern(w) != NULL;
		mount_note(c, w);
		if (kind == 2) {
			/* type=bind,source=/x,target=/y,readonly */
			src = NULL;
			sl = 0;
			ro = bind = 0;
			for (p = v; p < v + vl; p = q + 1) {
				q = memchr(p, ',', (size_t)(v + vl - p));
				if (q == NULL)
					q = v + vl;
				eq = memchr(p, '=', (size_t)(q - p));
				j = (size_t)((eq != NULL ? eq : q) - p);
				if ((j == 6 && memcmp(p, "source", 6) == 0) ||
				    (j == 3 && memcmp(p, "src", 3) == 0)) {
					if (eq != NULL) {
						src = eq + 1;
						sl = (size_t)(q - src);
					}
				} else if ((j == 8 &&
				    memcmp(p, "readonly", 8) == 0) ||
				    (j == 2 && memcmp(p, "ro", 2) == 0))
					ro = eq == NULL || (q - eq == 2 &&
					    eq[1] != '0') || (q - eq == 5 &&
					    memcmp(eq + 1, "true", 4) == 0);
				else if (j == 4 && memcmp(p, "type", 4) == 0 &&
				    eq != NULL && q - eq == 5 &&
				    memcmp(eq + 1, "bind", 4) == 0)
					bind = 1;
			}
			if (src != NULL && (bind || src[0] == '/' ||
			    src[0] == '.' || src[0] == '~'))
				mount_feed(c, src, sl, pat, ro, 1);
			continue;
		}
		/* SRC:DST[:OPTS] (a device's OPTS: rwm) */
		if ((p = memchr(v, ':', vl)) == NULL) {
			if (kind == 1)
				continue;	/* a volume of its own */
			p = v + vl;
		}
		sl = (size_t)(p - v);
		if (sl == 0 || (v[0] != '/' && v[0] != '.' && v[0] != '~' &&
		    v[0] != '$' && v[0] != '`'))
			continue;		/* a volume's name */
		/* OPTS: ro among z, Z, rw, nocopy, ... */
		ro = 0;
		if (kind == 1 && p < v + vl && (q = memchr(p + 1, ':',
		    (size_t)(v + vl - p - 1))) != NULL)
			for (p = q + 1; p < v + vl; p = q + 1) {
				if ((q = memchr(p, ',', (size_t)(v + vl -
				    p))) == NULL)
					q = v + vl;
				if (q - p == 2 && p[0] == 'r' && p[1] == 'o')
					ro = 1;
			}
		mount_feed(c, v, sl, pat, ro, kind == 1);
	}
}

/*
 * Sandboxes' binds of a host directory, before the command they run:
 * bwrap --bind SRC DEST (--ro-bind: read only), proot -b SRC[:DST],
 * apptainer and singularity -B SRC[:DST[:ro]][,...], systemd-nspawn
 * --bind=SRC[:DST] (--bind-ro).
 */
#define BF_PAIR		1	/* SRC DEST, two words */
#define BF_SPEC		2	/* SRC[:DST[:OPTS]] */
#define BF_LIST		3	/* BF_SPEC, comma-separated */

static const struct bindspec {
	const char	*name;
	const char	*shorts;	/* its short options of a bind */
	const char	*longs;		/* "|long|" ones */
	const char	*ros;		/* "|long|" read-only ones */
	int		 form;
} bindspecs[] = {
	{ "bwrap", "", "|bind|bind-try|dev-bind|dev-bind-try|",
	    "|ro-bind|ro-bind-try|", BF_PAIR },
	{ "proot", "b", "|bind|mount|", "", BF_SPEC },
	{ "apptainer", "B", "|bind|", "", BF_LIST },
	{ "singularity", "B", "|bind|", "", BF_LIST },
	{ "systemd-nspawn", "", "|bind|", "|bind-ro|", BF_SPEC },
};

/* A bind's SRC[:DST[:OPTS]] (v, n bytes) of word w: mount_feed(). */
static void
bind_spec(struct ctx *c, const struct shellparse_word *w, const char *v,
    size_t n, int ro)
{
	const char *p, *q, *e = v + n;
	size_t sl;

	if ((p = memchr(v, ':', n)) == NULL)
		p = e;
	sl = (size_t)(p - v);
	if (sl == 0 || (v[0] != '/' && v[0] != '.' && v[0] != '~' &&
	    v[0] != '$' && v[0] != '`'))
		return;
	if (p < e && (q = memchr(p + 1, ':', (size_t)(e - p - 1))) != NULL)
		for (p = q + 1; p < e; p = q + 1) {
			if ((q = memchr(p, ',', (size_t)(e - p))) == NULL)
				q = e;
			if (q - p == 2 && p[0] == 'r' && p[1] == 'o')
				ro = 1;
		}
	mount_feed(c, v, sl, shellparse_pattern(w) != NULL, ro, 1);
}

static void
bind_paths(struct ctx *c, uint32_t ci, uint32_t start,
    const struct bindspec *bs, const struct ient *e)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *t, *v, *eq, *p, *q;
	size_t l, n;
	uint32_t k, lim = wrapped_at(cmd, start, cmd->nwords, e);
	int ro;

	for (k = start + 1; k < lim && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (l < 2 || t[0] != '-')
			continue;
		v = NULL;
		ro = 0;
		if (t[1] == '-') {
			eq = memchr(t, '=', l);
			n = (eq != NULL ? (size_t)(eq - t) : l) - 2;
			if (in_list_abbr(bs->ros, t + 2, n, 1))
				ro = 1;
			else if (!in_list_abbr(bs->longs, t + 2, n, 1))
				continue;
			if (eq != NULL)
				v = eq + 1;
		} else if (strchr(bs->shorts, t[1]) != NULL) {
			if (l > 2)
				v = t + 2 + (t[2] == '=');
		} else
			continue;
		if (v == NULL) {
			if (k + 1 >= lim)
				break;
			w = &cmd->words[++k];
			v = w->text;
		}
		n = w->len - (size_t)(v - w->text);
		mount_note(c, w);
		if (bs->form == BF_PAIR) {
			mount_feed(c, v, n, shellparse_pattern(w) != NULL, ro,
			    1);
			k++;	/* DEST: in the sandbox */
		} else if (bs->form == BF_SPEC)
			bind_spec(c, w, v, n, ro);
		else
			for (p = v; p < v + n; p = q + 1) {
				if ((q = memchr(p, ',', (size_t)(v + n - p))) ==
				    NULL)
					q = v + n;
				bind_spec(c, w, p, (size_t)(q - p), ro);
			}
	}
}

/*
 * docker cp SRC DST (podman, nerdctl, kubectl): a local operand is a
 * tree read (SRC) or written (DST); CONTAINER:PATH is not here.  Not
 * a cp at or after lim, the command a wrapper runs (docker run IMAGE
 * cp ...: the container's).
 */
static void
cp_paths(struct ctx *c, uint32_t ci, uint32_t start, uint32_t lim)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *ops[2];
	uint32_t k, n = 0;
	int cp = 0, dd = 0;

	for (k = start + 1; k < lim && n < 3; k++) {
		w = &cmd->words[k];
		if (!cp) {
			cp = w->len == 2 && memcmp(w->text, "cp", 2) == 0 &&
			    shellparse_pattern(w) == NULL;
			continue;
		}
		if (!dd && w->len >= 2 && w->text[0] == '-') {
			dd = w->len == 2 && w->text[1] == '-';
			/* kubectl cp -c C, --container C, --retries N */
			if (w->len == 2 && (w->text[1] == 'c' ||
			    w->text[1] == 'n'))
				k++;
			else if (w->len > 2 && w->text[1] == '-' &&
			    memchr(w->text, '=', w->len) == NULL &&
			    (strcmp(w->text, "--container") == 0 ||
			    strcmp(w->text, "--retries") == 0 ||
			    strcmp(w->text, "--namespace") == 0))
				k++;
			continue;
		}
		if (n < 2)
			ops[n] = w;
		n++;
	}
	if (n != 2)
		return;
	for (k = 0; k < 2; k++) {
		w = ops[k];
		if (word_remote(w) || (w->len == 1 && w->text[0] == '-'))
			continue;
		mount_note(c, w);
		mount_feed(c, w->text, w->len, shellparse_pattern(w) != NULL,
		    k == 0, 1);
	}
}

/*
 * mount --bind SRC DIR (-B, --rbind, -R, --move, -M, -o bind): DIR
 * then shows SRC, and a write there writes it; mount DEV DIR hides
 * what DIR held.  Either way DIR is a tree written, and so is SRC of
 * a bind.
 */
static void
mount_cmd(struct ctx *c, uint32_t ci, uint32_t start)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *ops[2];
	const char *t, *v;
	uint32_t k, n = 0;
	int bind = 0, dd = 0;

	for (k = start + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		if (!dd && w->len >= 2 && t[0] == '-') {
			if (w->len == 2 && t[1] == '-') {
				dd = 1;
				continue;
			}
			if (strcmp(t, "--bind") == 0 || strcmp(t, "--rbind") ==
			    0 || strcmp(t, "--move") == 0 || (t[1] != '-' &&
			    strpbrk(t + 1, "BRM") != NULL))
				bind = 1;
			v = NULL;
			if (t[1] != '-' && strpbrk(t + 1, "otOLUNT") != NULL) {
				/* -o VALUE, -oVALUE: the last letter's */
				if (strchr("otOLUNT", t[w->len - 1]) != NULL &&
				    k + 1 < cmd->nwords)
					v = cmd->words[++k].text;
				else
					v = strpbrk(t + 1, "otOLUNT") + 1;
			} else if (strncmp(t, "--options", 9) == 0 ||
			    strncmp(t, "--types", 7) == 0 ||
			    strncmp(t, "--source", 8) == 0 ||
			    strncmp(t, "--target", 8) == 0) {
				if ((v = strchr(t, '=')) != NULL)
					v++;
				else if (k + 1 < cmd->nwords)
					v = cmd->words[++k].text;
			}
			if (v != NULL && (strstr(v, "bind") != NULL ||
			    strstr(v, "move") != NULL))
				bind = 1;
			continue;
		}
		if (n < 2)
			ops[n] = w;
		n++;
	}
	if (n == 0 || n > 2)
		return;
	for (k = 0; k < n; k++) {
		w = ops[k];
		if (k + 1 < n && !bind)
			continue;	/* a device, or a spec */
		mount_note(c, w);
		mount_feed(c, w->text, w->len, shellparse_pattern(w) != NULL,
		    0, 1);
	}
}

/*
 * A virtual machine's or system container's share of a host tree:
 * multipass mount [-g MAP] [-u MAP] [-t TYPE] SRC VM:DST, and lxc
 * (incus) config device add C NAME disk source=SRC path=DST
 * [readonly=true].  What runs there works through SRC and writes it
 * (lxc's readonly=true aside).
 */
static void
vm_mount(struct ctx *c, uint32_t ci, uint32_t start, int lxc)
{
	static const char *const lxcw[] = { "config", "device", "add", NULL,
	    NULL, "disk" }, *const mpw[] = { "mount" };
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w, *src = NULL;
	const char *const *want = lxc ? lxcw : mpw;
	const char *t;
	uint32_t k, ops = 0, nwant = lxc ? 6 : 1;
	size_t l;
	int ro = 0, dd = 0;

	for (k = start + 1; k < cmd->nwords && !c->nomem; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (!dd && l >= 2 && t[0] == '-') {
			if (l == 2 && t[1] == '-')
				dd = 1;
			/* multipass mount -g 1000:0, --type native */
			else if (!lxc && memchr(t, '=', l) == NULL &&
			    ((t[1] != '-' && strchr("gut", t[l - 1]) !=
			    NULL) || long_opt(t, l, "gid-map") ||
			    long_opt(t, l, "uid-map") ||
			    long_opt(t, l, "type")))
				k++;
			continue;
		}
		if (ops < nwant) {
			if (want[ops] != NULL && (strlen(want[ops]) != l ||
			    memcmp(want[ops], t, l) != 0))
				return;
			ops++;
			continue;
		}
		if (!lxc) {
			mount_note(c, w);
			mount_feed(c, t, l, shellparse_pattern(w) != NULL, 0,
			    1);
			return;
		}
		if (l > 7 && memcmp(t, "source=", 7) == 0)
			src = w;
		else if (l > 9 && memcmp(t, "readonly=", 9) == 0)
			ro = strcmp(t + 9, "true") == 0 ||
			    strcmp(t + 9, "1") == 0 ||
			    strcmp(t + 9, "yes") == 0;
	}
	if (src != NULL) {
		mount_note(c, src);
		mount_feed(c, src->text + 7, src->len - 7,
		    shellparse_pattern(src) != NULL, ro, 1);
	}
}

/*
 * Is word k of command ci a program that mounts or copies host
 * directories (mount_paths(), bind_paths(), cp_paths(), mount_cmd(),
 * vm_mount())?
 * Then it is read, and 1 returned.
 */
static int __attribute__((noinline))
mount_at(struct ctx *c, uint32_t ci, uint32_t k)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const char *b;
	size_t n, i;
	uint32_t lim;

	if ((b = lw_base(&cmd->words[k], &n)) == NULL)
		return (0);
	if ((n == 6 && (memcmp(b, "docker", 6) == 0 ||
	    memcmp(b, "podman", 6) == 0)) || (n == 7 &&
	    (memcmp(b, "nerdctl", 7) == 0 || memcmp(b, "kubectl", 7) == 0))) {
		lim = wrapped_at(cmd, k, cmd->nwords, ilookup(c->rs, b, n));
		cp_paths(c, ci, k, lim);
		if (b[0] != 'k')
			mount_paths(c, ci, k, lim);
		return (1);
	}
	if (n == 5 && memcmp(b, "mount", 5) == 0) {
		mount_cmd(c, ci, k);
		return (1);
	}
	if ((n == 9 && memcmp(b, "multipass", 9) == 0) || (n == 3 &&
	    memcmp(b, "lxc", 3) == 0) || (n == 5 &&
	    memcmp(b, "incus", 5) == 0)) {
		vm_mount(c, ci, k, b[0] != 'm');
		return (1);
	}
	for (i = 0; i < sizeof(bindspecs) / sizeof(bindspecs[0]); i++)
		if (bindspecs[i].name[0] == b[0] &&
		    strlen(bindspecs[i].name) == n &&
		    memcmp(bindspecs[i].name, b, n) == 0) {
			bind_paths(c, ci, k, &bindspecs[i], ilookup(c->rs, b,
			    n));
			return (1);
		}
	return (0);
}

/* mount_at() of the words of command ci that may name such a program,
   before its words are taken as paths (cheap: every command's). */
static inline void __attribute__((always_inline))
mount_scan(struct ctx *c, uint32_t ci)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	uint32_t k;
	char z;

	for (k = cmd->nassign; k + 1 < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (w->len < 3)
			continue;
		/* (the names' first and last bytes, or a path's /: lxc,
		   multipass and incus apart) */
		z = w->text[w->len - 1];
		if ((((z == 'r' || z == 'n' || z == 'l' || z == 'p' ||
		    z == 't' || z == 'y') && w->len >= 5 &&
		    (w->text[0] == '/' || memchr("dpnkbasm", w->text[0],
		    8) != NULL)) || (z == 's' && (w->text[0] == 'm' ||
		    w->text[0] == 'i' || w->text[0] == '/')) || (z == 'c' &&
		    (w->len == 3 ? w->text[0] == 'l' : w->text[0] == '/'))) &&
		    mount_at(c, ci, k))
			return;
	}
}

/*
 * Programs that open the files whose names they read on their input: a
 * name a line (or NUL-separated, read here at either).  cpio -o and -p,
 * tar -T - (--files-from), zip -@, rsync --files-from=-, pax -w without
 * operands, du, wc and sort --files0-from=-, file -f -, and git's
 * --pathspec-from-file=-.
 */
#define NR_CPIO		1
#define NR_TAR		2
#define NR_ZIP		3
#define NR_RSYNC	4
#define NR_PAX		5
#define NR_FILES0	6
#define NR_FILE		7
#define NR_GIT		8

static const char *const nr_any[] = { NULL,
	"(the names cpio reads)", "(the names tar reads)",
	"(the names zip reads)", "(the names rsync reads)",
	"(the names pax reads)", "(the names it reads)",
	"(the names file reads)", "(the names git reads)",
};

/* Is file name s (n bytes) standard input? */
static int
nr_stdin(const char *s, size_t n)
{
	return ((n == 1 && s[0] == '-') || (n == 10 && memcmp(s,
	    "/dev/stdin", 10) == 0) || (n == 9 && memcmp(s, "/dev/fd/0",
	    9) == 0) || (n == 15 && memcmp(s, "/proc/self/fd/0", 15) == 0));
}

/* Which of those is program b (bl bytes)? */
static int
nr_kind(const char *b, size_t bl)
{
	static const struct {
		const char *name;
		size_t len;
		int kind;
	} progs[] = {
		{ "cpio", 4, NR_CPIO }, { "bsdcpio", 7, NR_CPIO },
		{ "tar", 3, NR_TAR }, { "bsdtar", 6, NR_TAR },
		{ "gtar", 4, NR_TAR }, { "zip", 3, NR_ZIP },
		{ "rsync", 5, NR_RSYNC }, { "pax", 3, NR_PAX },
		{ "du", 2, NR_FILES0 }, { "wc", 2, NR_FILES0 },
		{ "sort", 4, NR_FILES0 }, { "file", 4, NR_FILE },
		{ "git", 3, NR_GIT },
	};
	size_t i;

	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++)
		if (progs[i].len == bl && progs[i].name[0] == b[0] &&
		    memcmp(progs[i].name, b, bl) == 0)
			return (progs[i].kind);
	return (0);
}

/*
 * Does program kind at word p of cmd read the names on its input?  Its
 * short options that take a value are argl.  *write: it writes them
 * (tar -x).
 */
static int
nr_reads(const struct shellparse_cmd *cmd, uint32_t p, int kind,
    int *write)
{
	static const char *const argl[] = { "", "CEFHIMOR", "fCTbgHKLNVXIF",
	    "bnOtixdX", "eBfMT", "bfopsxBGTU", "", "efFmP", "Ccx" };
	static const char *const longv[] = { NULL, NULL, "files-from",
	    NULL, "files-from", NULL, "files0-from", "files-from",
	    "pathspec-from-file" };
	const struct shellparse_word *w;
	const char *t, *v;
	size_t l, i;
	uint32_t k;
	int yes = 0, opnd = 0, mode = 0, dd = 0;

	*write = 0;
	for (k = p + 1; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		t = w->text;
		l = w->len;
		if (dd || l < 2 || t[0] != '-') {
			/* tar czf, tar xvf: the mode first, old style */
			if (kind == NR_TAR && k == p + 1 && !dd &&
			    shellparse_pattern(w) == NULL &&
			    memchr(t, 'x', l) != NULL)
				*write = 1;
			opnd++;
			continue;
		}
		if (l == 2 && t[1] == '-') {
			dd = 1;
			continue;
		}
		if (t[1] == '-') {
			if (longv[kind] != NULL &&
			    long_opt(t, l, longv[kind])) {
				v = memchr(t, '=', l);
				if (v != NULL)
					yes |= nr_stdin(v + 1,
					    l - (size_t)(v + 1 - t));
				else if (k + 1 < cmd->nwords) {
					k++;
					yes |= nr_stdin(cmd->words[k].text,
					    cmd->words[k].len);
				}
			} else if ((kind == NR_CPIO && (long_opt(t, l,
			    "create") || long_opt(t, l, "pass-through"))) ||
			    (kind == NR_ZIP && long_opt(t, l, "names-stdin")))
				yes = 1;
			else if (kind == NR_TAR && (long_opt(t, l, "extract") ||
			    long_opt(t, l, "get")))
				*write = 1;
			continue;
		}
		for (i = 1; i < l; i++) {
			if ((kind == NR_CPIO && (t[i] == 'o' ||
			    t[i] == 'p')) || (kind == NR_ZIP && t[i] == '@'))
				yes = 1;
			else if (kind == NR_PAX && t[i] == 'w')
				mode = 1;
			else if (kind == NR_TAR && t[i] == 'x')
				*write = 1;
			if (strchr(argl[kind], t[i]) == NULL)
				continue;
			/* -T -, -T-, -f - */
			if (i + 1 < l)
				v = t + i + 1;
			else if (k + 1 < cmd->nwords)
				v = cmd->words[++k].text;
			else
				break;
			if ((kind == NR_TAR && t[i] == 'T') ||
			    (kind == NR_FILE && t[i] == 'f'))
				yes |= nr_stdin(v, strlen(v));
			break;
		}
	}
	/* pax -w with no file operand */
	return (yes || (mode && opnd == 0));
}

#define NR_DIRS		16	/* directories a name is joined to */

/*
 * The directories the names are under: rsync's sources (its operands
 * but the last), tar -C's; at most NR_DIRS, into d[] and dl[].  Their
 * count.  One with expansions, or another host's, is none: the names
 * are fed as written too.
 */
static size_t
nr_dirs(const struct shellparse_cmd *cmd, uint32_t p, int kind,
    const char **d, size_t *dl)
{
	const struct shellparse_word *w;
	const char *v;
	size_t nd = 0;
	uint32_t k, last = NONE;

	if (kind != NR_RSYNC && kind != NR_TAR)
		return (0);
	for (k = p + 1; k < cmd->nwords; k++)
		if (cmd->words[k].text[0] != '-')
			last = k;
	for (k = p + 1; k < cmd->nwords && nd < NR_DIRS; k++) {
		w = &cmd->words[k];
		d[nd] = NULL;
		if (kind == NR_TAR) {
			if (long_opt(w->text, w->len, "directory") &&
			    (v = memchr(w->text, '=', w->len)) != NULL) {
				d[nd] = v + 1;
				dl[nd] = w->len - (size_t)(d[nd] - w->text);
			} else if (k + 1 < cmd->nwords && ((w->len == 2 &&
			    memcmp(w->text, "-C", 2) == 0) ||
			    long_opt(w->text, w->len, "directory")))
				w = &cmd->words[++k];
			else
				continue;
		} else if (w->text[0] == '-' || k == last)
			continue;
		if (d[nd] == NULL) {
			if (shellparse_pattern(w) != NULL)
				continue;
			d[nd] = w->text;
			dl[nd] = w->len;
		}
		/* host:path is another host's */
		if (dl[nd] == 0 || ((v = memchr(d[nd], ':', dl[nd])) != NULL &&
		    memchr(d[nd], '/', (size_t)(v - d[nd])) == NULL))
			continue;
		while (dl[nd] > 1 && d[nd][dl[nd] - 1] == '/')
			dl[nd]--;
		nd++;
	}
	return (nd);
}

/* Name s (n bytes) as written, and joined to each of the nd dirs. */
static void
nr_feed(struct ctx *c, const char *s, size_t n, const char *const *d,
    const size_t *dl, size_t nd)
{
	size_t i, l;
	char *j;

	path_feed_here(c, s, n);
	for (i = 0; i < nd && !c->nomem; i++) {
		if ((j = shellparse_alloc(c->sp, dl[i] + 1 + n + 1)) == NULL) {
			c->nomem = 1;
			return;
		}
		memcpy(j, d[i], (l = dl[i]));
		if (l != 1 || d[i][0] != '/')
			j[l++] = '/';
		memcpy(j + l, s, n);
		j[l + n] = '\0';
		path_feed_here(c, j, l + n);
	}
}

/* Does cmd read a redirection of its own (<, <<, <<<, <>, <&)? */
static inline int
reads_redir(const struct shellparse_cmd *cmd)
{
	const struct shellparse_redir *r;
	uint32_t k;

	for (k = 0; k < cmd->nredirs; k++) {
		r = &cmd->redirs[k];
		if ((r->fd == -1 || r->fd == 0) && (r->op ==
		    SHELLPARSE_R_IN || r->op == SHELLPARSE_R_RDWR ||
		    r->op == SHELLPARSE_R_DUPIN ||
		    r->op == SHELLPARSE_R_HEREDOC ||
		    r->op == SHELLPARSE_R_HERESTR))
			return (1);
	}
	return (0);
}

/*
 * Command ci, piped into or redirected: if its program opens the files
 * whose names it reads, those the line gives it (cpio -o <<< .env,
 * printf '%s\n' x | tar -cf a -T -) are paths it reads (tar -x: writes),
 * and names not known may be any file's, unless find lists them, as for
 * xargs_any().
 */
static void __attribute__((noinline))
names_in(struct ctx *c, uint32_t ci)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *cmd = &sp->cmds[ci], *x;
	const char *b, *t, *e, *q, *d[NR_DIRS];
	size_t bl, n, dl[NR_DIRS], nd;
	uint32_t p, k;
	int kind, write, src = 0;

	p = lw_program(c, cmd, cmd->nwords);
	if (p >= cmd->nwords || (b = lw_base(&cmd->words[p], &bl)) == NULL ||
	    (kind = nr_kind(b, bl)) == 0 || !nr_reads(cmd, p, kind, &write))
		return;
	if ((t = input_text(c, ci, &n)) == NULL) {
		if (c->nomem)
			return;
		/* where its input is from, if not the call's own */
		src = reads_redir(cmd) ||
		    (cmd->flags & SHELLPARSE_C_PIPEIN) != 0;
		for (k = ci; !src && (cmd->mark & CM_PIPED) && k-- > 0; )
			if (sp->cmds[k].next == ci) {
				x = &sp->cmds[k];
				src = x->nwords <= x->nassign || (b = lw_base(
				    &x->words[x->nassign], &bl)) == NULL ||
				    bl != 4 || memcmp(b, "find", 4) != 0;
				break;
			}
		if (src) {
			c->pread = c->rs->npmw > 0 && !write;
			path_any(c, nr_any[kind], strlen(nr_any[kind]));
			c->pread = 0;
		}
		return;
	}
	nd = nr_dirs(cmd, p, kind, d, dl);
	c->pread = c->rs->npmw > 0 && !write;
	for (e = t + n; t < e && !c->nomem; t = q + 1) {
		for (q = t; q < e && *q != '\n' && *q != '\0'; q++)
			;
		if (q > t)
			nr_feed(c, t, (size_t)(q - t), d, dl, nd);
	}
	c->pread = 0;
}

/*
 * After export PATH=..., declare/typeset/local/readonly PATH=..., or
 * hash -p FILE NAME, a name may run a file the line wrote
 * (view_trusted()); enable -f FILE NAME also loads FILE's code now.
 */
static void
path_setter(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end,
    const char *name, size_t n)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	uint32_t k;
	int opt;

	if (!len_table_has(pathset_names, name, n))
		return;
	opt = name[0] == 'h' ? 'p' : (name[0] == 'e' && name[1] == 'n') ?
	    'f' : 0;
	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		if (w->len == 2 && memcmp(w->text, "--", 2) == 0) {
			if (opt != 0)
				break;
			continue;
		}
		if (opt == 0 ? !path_assign(w) : (w->len < 2 ||
		    w->text[0] != '-' || memchr(w->text + 1, opt, w->len - 1) ==
		    NULL))
			continue;
		c->pathset = 1;
		if (opt == 'f')
			interp_opaque(c, ci);
		return;
	}
}

/*
 * fc re-runs history entries (-s, or -e - : bash keeps a history even
 * when it is not interactive, and history -s writes any text into it)
 * or runs an editor on them and then what it wrote (-e NAME, or
 * $FCEDIT).  Only a listing, -l without -s, runs nothing.
 */
static void
fc_runs(struct ctx *c, uint32_t ci, uint32_t start, uint32_t end)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	uint32_t k;
	size_t j;
	int list = 0, redo = 0;

	if (end > cmd->nwords)
		end = cmd->nwords;
	for (k = start + 1; k < end; k++) {
		w = &cmd->words[k];
		if (shellparse_pattern(w) != NULL || w->len < 2 ||
		    w->text[0] != '-' || isdigit((unsigned char)w->text[1]) ||
		    (w->len == 2 && w->text[1] == '-'))
			break;
		for (j = 1; j < w->len; j++) {
			if (w->text[j] == 'e') {
				if (j + 1 == w->len)
					k++;	/* -e NAME */
				break;
			}
			if (w->text[j] == 'l')
				list = 1;
			else if (w->text[j] == 's')
				redo = 1;
		}
	}
	if (redo || !list)
		interp_opaque(c, ci);
}

/*
 * The line text s (n bytes) then, each after a blank, command cmd's
 * words [from, end) as the shell would read them (word_put()): in the
 * arena, its length in *len; NULL when it is too long or no room is
 * left (c->nomem).
 */
static char *
value_line(struct ctx *c, const char *s, size_t n,
    const struct shellparse_cmd *cmd, uint32_t from, uint32_t end,
    size_t *len)
{
	size_t l;
	uint32_t k;
	char *t;

	for (l = n, k = from; k < end; k++)
		l += 3 + 4 * (size_t)cmd->words[k].len;
	if (l > SHELLPARSE_MAXLEN || (t = shellparse_alloc(c->sp, l + 1)) ==
	    NULL) {
		if (l <= SHELLPARSE_MAXLEN)
			c->nomem = 1;
		return (NULL);
	}
	memcpy(t, s, n);
	for (l = n, k = from; k < end; k++) {
		t[l++] = ' ';
		l += word_put(t + l, &cmd->words[k]);
	}
	t[l] = '\0';
	*len = l;
	return (t);
}

/* Is a $1, $@, $* (or ${...} of one) in text s? */
static int
has_posparam(const char *s, size_t n)
{
	const char *p, *e = s + n;

	for (p = s; (p = memchr(p, '$', (size_t)(e - p))) != NULL; p++) {
		if (p + 1 < e && p[1] == '{')
			p++;
		if (p + 1 < e && ((p[1] >= '0' && p[1] <= '9') ||
		    p[1] == '@' || p[1] == '*'))
			return (1);
	}
	return (0);
}

/*
 * May a for's variable in text s (n bytes) have a value with blanks,
 * or one not known?  Its list is looked at: for x in 'a b', for x in
 * $y, for x in *, and for x (the positional parameters) say yes.
 */
static int
for_split(struct ctx *c, const char *s, size_t n)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_cmd *f;
	const struct shellparse_word *w;
	const char *p, *e = s + n, *q;
	size_t l;
	uint32_t i, k;

	for (p = s; (p = memchr(p, '$', (size_t)(e - p))) != NULL; p++) {
		q = p + 1 + (p + 1 < e && p[1] == '{');
		for (l = 0; q + l < e && vt_id((unsigned char)q[l]); l++)
			;
		if (l == 0 || !vt_isset(c, q, l))
			continue;
		for (i = 0; i < sp->ncmds; i++) {
			f = &sp->cmds[i];
			if (!(f->flags & SHELLPARSE_C_KEYWORD) ||
			    f->nwords < 2 || f->words[1].len != l ||
			    memcmp(f->words[1].text, q, l) != 0 ||
			    (strcmp(f->words[0].text, "for") != 0 &&
			    strcmp(f->words[0].text, "select") != 0))
				continue;
			if (f->nwords < 3)
				return (1);	/* for x; do: "$@" */
			for (k = 3; k < f->nwords; k++) {
				w = &f->words[k];
				if ((w->flags & (SHELLPARSE_W_SPLIT |
				    SHELLPARSE_W_GLOB | SHELLPARSE_W_OPAQUE)) ||
				    strpbrk(w->text, " \t\n") != NULL)
					return (1);
			}
		}
	}
	return (0);
}

/*
 * Word k, an option's argument or an operand a wrapper takes before
 * its command (sudo -u USER, timeout's DURATION, ssh's HOST), that the
 * shell may split into fields: the command may start inside it (T='5
 * rm -rf /'; timeout $T ls runs rm -rf / ls).  Of a value the line
 * gives, what follows its first field and the words after k are parsed
 * as a line; unless operands are still to come, or an option (-x) is
 * next: then the command is not known.  A value it works out as it
 * runs (read, $(x), $@, a for's list with blanks) or a glob may be
 * anything: the words from k on are a view, as of a command whose name
 * is not known.  A variable the line does not set is the tool's
 * environment's: not split here.
 */
/*
 * A string option's command line that runs besides the command the
 * operands give: mosh --ssh X HOST CMD runs X here and CMD there,
 * bsub -E X CMD runs X first.  env -S X ARGS runs X's words with
 * ARGS after them (env -S 'rm -rf' / is rm -rf /): then returns 1, as
 * the words are not a command of their own.  (env splits X into words
 * and runs no shell; X is read alone too, as the line it looks like.)
 */
static int
view_str(struct ctx *c, struct vwalk *vw, const struct unwrap *u,
    const struct wrapper *wr)
{
	const char *j;
	size_t l;

	int env = wr->kind == WK_PREFIX && strcmp(wr->name, "env") == 0;

	vw->expanded = 1;
	if (vw->mode != VW_MAIN)
		return (env);
	opt_parse(c, vw->cmd, u->s, u->len, 0);
	if (env && (j = value_line(c, u->s, u->len, &c->sp->cmds[vw->cmd],
	    u->start, u->end, &l)) != NULL)
		opt_parse(c, vw->cmd, j, l, 0);
	return (env);
}

static void
pos_split(struct ctx *c, struct vwalk *vw, const struct unwrap *u,
    int depth)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[vw->cmd];
	uint32_t k = u->pos - 1;
	const struct shellparse_word *w = &cmd->words[k];
	const char *pat = shellparse_pattern(w), *os, *op;
	size_t on, i, l;
	char *t;
	int glob = (w->flags & (SHELLPARSE_W_GLOB | SHELLPARSE_W_OPAQUE)) != 0;

	if (pat == NULL || k + 1 > u->end)
		return;
	if (!glob && word_subst(c, w->text, w->len, pat, &os, &on, &op) &&
	    op == NULL) {
		i = strspn(os, " \t\n");
		i += strcspn(os + i, " \t\n");
		i += strspn(os + i, " \t\n");
		if (i >= on)
			return;		/* one field */
		/* (-x after it: the wrapper's option, as it may read it) */
		if (!u->posmore && os[i] != '-') {
			if (vw->mode == VW_MAIN && (t = value_line(c, os + i,
			    on - i, cmd, k + 1, u->end, &l)) != NULL)
				opt_parse(c, vw->cmd, t, l, 0);
			return;
		}
	} else if (!glob && !word_any(c, w->text, w->len) &&
	    !has_posparam(w->text, w->len) && !for_split(c, w->text, w->len))
		return;
	walk_views(c, vw, k, u->end, depth + 1);
}

static void
do_view(struct ctx *c, struct vwalk *vw, uint32_t start, uint32_t end,
    const struct ient *e, const char *base, size_t blen, const char *bpat,
    int dowild, int depth)
{
	const struct risk_ruleset *rs = c->rs;
	struct shellparse_cmd *cmd = &c->sp->cmds[vw->cmd];
	const struct shellparse_redir *r;
	struct vinfo v;
	struct unwrap u;
	uint32_t k, s, x;
	size_t l;
	char *j;
	int sw;

	if (vw->mode == VW_MAIN && bpat == NULL && blen > 0) {
		/* ./f, a file a command of the line wrote */
		if (memchr(cmd->words[start].text, '/',
		    cmd->words[start].len) != NULL || (blen == 2 &&
		    base[0] == '{' && base[1] == '}'))
			file_script(c, vw->cmd, start, FEED_SHEBANG);
		/* BASH_ENV=f sh, make -f f, PATH=. f: of a file written
		   before */
		if (vw->cmd > 0) {
			if (blen <= 10)
				named_files(c, vw->cmd, start, end, base,
				    blen);
			if (c->pathset || start > 0)
				path_runs(c, vw->cmd, start);
			if (base == cmd->words[start].text)
				sys_path_runs(c, vw->cmd, start);
		} else if ((base[0] == 'p' || base[0] == 'n' ||
		    base[0] == 'b') && (code_lang(base, blen) == LANG_PERL ||
		    code_lang(base, blen) == LANG_JS))
			/* perl -M'X;code', node --import data:...: the
			   first command too */
			(void)conf_files(c, vw->cmd, start, end, base, blen);
		opt_texts(c, vw->cmd, start, end, e, base, blen);
		if (e != NULL && e->rec != 0 && rs->npp > 0) {
			/* grep -r, diff -r: the program named as it is */
			int cp = 0;

			c->pread = start == cmd->nassign &&
			    cmd_reads(c, cmd, &cp);
			/* cp -r D X: what D holds is read; and what tar
			   c D puts in its archive */
			c->rcopy = (cp == 1 && e->rec - 1 == RP_CP &&
			    cmd_copies(c, cmd) != NONE) || (cp == 3 &&
			    rsync_dest(cmd) != NONE);
			if ((cp == 2 && tar_dest(cmd) != NONE) ||
			    (cp == 4 && zip_dest(cmd) != NONE))
				c->pread = 1;
			rec_paths(c, vw->cmd, start, end,
			    &recprogs[e->rec - 1]);
			c->pread = c->rcopy = 0;
		}
		/* alias cat=tee: a reader's name may run a writer; and
		   alias x=rm; x -rf /: a name may run any text */
		if (blen == 5 && memcmp(base, "alias", 5) == 0) {
			c->rnames = 1;
			alias_note(c, vw->cmd, start, end, 0);
		} else if (blen == 4 && memcmp(base, "hash", 4) == 0)
			alias_note(c, vw->cmd, start, end, 1);
		if (!c->pathset && blen >= 4 && blen <= 8)
			path_setter(c, vw->cmd, start, end, base, blen);
		/* git, npm, pnpm, yarn, bun, pip, make, dpkg, rpm; gh auth
		   token, gpg --export-secret-keys, ...; apt, dnf, zypper */
		if (rs->npp > 0 && ((blen >= 2 && blen <= 8 &&
		    memchr("gnpybmakvhdrstz", base[0], 15) != NULL) ||
		    ((blen == 9 || blen == 10) && base[0] == 'p') ||
		    (blen == 5 && base[0] == 'c')))
			prog_files(c, vw->cmd, start, end, base, blen);
		else if (blen == 2 && base[0] == 'f' && base[1] == 'c')
			fc_runs(c, vw->cmd, start, end);
		/* crontab, systemctl enable, passwd, visudo */
		if (rs->npp > 0 && (sw = sys_writer(base, blen)) != 0)
			sys_writes(c, vw->cmd, start, end, sw);
		/* tsc --outDir DIR, of a program not known */
		else if (rs->npp > 0 && e == NULL && end > start + 1)
			dir_opts(c, cmd, start, end);
		/* export LD_PRELOAD=x: what a builtin sets is an
		   assignment too, for rules like LD_PRELOAD=* */
		if (rs->nwild > 0 && len_table_has(setvar_names, base, blen))
			for (k = start + 1; k < end && k < cmd->nwords; k++) {
				if (!is_assign(&cmd->words[k]))
					continue;
				vinfo_init(&v, cmd, k, k + 1, NULL,
				    cmd->words[k].text, cmd->words[k].len,
				    shellparse_pattern(&cmd->words[k]));
				v.assign = 1;
				try_refs(c, vw, &v, rs->wild, rs->nwild, 0);
			}
	}
	vinfo_init(&v, cmd, start, end, e, base, blen, bpat);
	if (vw->mode == VW_STAGE) {
		if (stage_match(c, vw->stage, &v, 0)) {
			vw->found = 1;
			return;
		}
	} else {
		/* (a list of none is no call: most entries of wrappers
		   and languages have no rule, most rule sets no wild) */
		if (e != NULL) {
			if (e->nrefs > 0)
				try_refs(c, vw, &v, e->refs, e->nrefs, 1);
			if (e->shellfam && rs->shent != NONE &&
			    &rs->ients[rs->shent] != e &&
			    rs->ients[rs->shent].nrefs > 0)
				try_refs(c, vw, &v, rs->ients[rs->shent].refs,
				    rs->ients[rs->shent].nrefs, 1);
		}
		if (dowild && rs->nwild > 0)
			try_refs(c, vw, &v, rs->wild, rs->nwild, 0);
	}
	if (e == NULL || e->wrap == NULL || c->nomem)
		return;
	unwrap(cmd, start, end, e->wrap, &u);
	if (u.kind == UW_NONE && u.script != 0 && vw->mode == VW_MAIN)
		file_script(c, vw->cmd, u.script, 0);	/* x > f; sh f */
	switch (u.kind) {
	case UW_VIEW:
		if (u.opq && vw->mode == VW_MAIN)
			interp_opaque(c, vw->cmd);
		/* env X=1 cmd: X=1 as an assignment, for LD_PRELOAD=*. */
		for (k = u.astart; k < u.aend && vw->mode == VW_MAIN; k++)
			opt_assign(c, vw->cmd, &cmd->words[k], 0);
		for (k = u.astart; k < u.aend && vw->mode == VW_MAIN &&
		    rs->nwild > 0; k++) {
			vinfo_init(&v, cmd, k, k + 1, NULL, cmd->words[k].text,
			    cmd->words[k].len, NULL);
			v.assign = 1;
			try_refs(c, vw, &v, rs->wild, rs->nwild, 0);
		}
		if (u.s == NULL || !view_str(c, vw, &u, e->wrap))
			walk_views(c, vw, u.start, u.end, depth + 1);
		if (u.pos != 0)
			pos_split(c, vw, &u, depth);
		return;
	case UW_STRING:
		vw->expanded = 1;
		if (vw->mode == VW_MAIN)
			nested(c, vw->cmd, u.s, u.len);
		return;
	case UW_JOIN:
	case UW_JOINQ:
		vw->expanded = 1;
		if (u.pos != 0)
			pos_split(c, vw, &u, depth);	/* ssh $H CMD */
		if (u.s != NULL)
			(void)view_str(c, vw, &u, e->wrap);
		/* Once a command; but a name not known ($x: sg or ssh?)
		   may be each wrapper, and each joins its own words. */
		if (vw->mode != VW_MAIN || ((cmd->mark & CM_PARSED) &&
		    bpat == NULL))
			return;
		if ((j = join_words(c, cmd, u.start, u.end, 0, &l)) == NULL)
			return;
		/* kitten @ send-text 'x\r', wezterm cli send-text */
		if (u.typed) {
			int ctl;

			if ((j = typed_text(c, j, &l, u.typed & WX_PYESC,
			    &ctl)) == NULL)
				return;
			if (ctl)
				interp_opaque(c, vw->cmd);	/* '\e[A\r' */
		}
		if (cmd->mark & CM_PARSED)
			opt_parse(c, vw->cmd, j, l, 0);
		else
			nested(c, vw->cmd, j, l);
		if (u.kind == UW_JOINQ && u.end - u.start > 1 &&
		    (j = join_words(c, cmd, u.start, u.end, 1, &l)) != NULL)
			opt_parse(c, vw->cmd, j, l, 0);
		return;
	case UW_STDIN:
		/* sh <<EOF ... or sh <<< "...": the body is the script. */
		for (k = 0; k < cmd->nredirs; k++) {
			r = &cmd->redirs[k];
			if (r->op == SHELLPARSE_R_HEREDOC && r->body != NULL) {
				vw->expanded = 1;
				if (vw->mode == VW_MAIN)
					nested(c, vw->cmd, r->body,
					    r->bodylen);
			} else if (r->op == SHELLPARSE_R_HERESTR) {
				vw->expanded = 1;
				if (vw->mode == VW_MAIN)
					nested(c, vw->cmd, r->target.text,
					    r->target.len);
			}
		}
		/* FALLTHROUGH */
	case UW_PROCSUB:
		/* x | sh, sh <(x), . /dev/stdin < <(x) */
		if (vw->mode == VW_MAIN && !vw->expanded) {
			feed_shell(c, vw->cmd, u.kind == UW_PROCSUB, 0);
			if (cmd->mark & CM_PARSED)
				vw->expanded = 1;
		}
		return;
	case UW_OPAQUE:
		vw->expanded = 1;
		if (vw->mode == VW_MAIN)
			interp_opaque(c, vw->cmd);
		return;
	case UW_STRINGS:
		/* git rebase -x X -x Y: each is a command line; git runs
		   too, so the command is not only what it expands to */
		if (vw->mode != VW_MAIN)
			return;
		if (u.opq)
			interp_opaque(c, vw->cmd);
		if (cmd->mark & CM_PARSED)
			return;
		cmd->mark |= CM_PARSED;
		for (k = 0; k < u.nss; k++)
			if (u.net)
				opt_parse_net(c, vw->cmd, u.ss[k], u.sl[k]);
			else
				opt_parse(c, vw->cmd, u.ss[k], u.sl[k], 0);
		return;
	case UW_FIND:
		for (k = start + 1; k < end && !vw->found; k++) {
			const char *t = cmd->words[k].text;

			if (t[0] != '-' || (strcmp(t, "-exec") != 0 &&
			    strcmp(t, "-execdir") != 0 &&
			    strcmp(t, "-ok") != 0 && strcmp(t, "-okdir") != 0))
				continue;
			s = k + 1;
			for (x = s; x < end; x++)
				if ((cmd->words[x].text[0] == ';' ||
				    cmd->words[x].text[0] == '+') &&
				    cmd->words[x].text[1] == '\0')
					break;
			if (x > s)
				walk_views(c, vw, s, x, depth + 1);
			k = x;
		}
		return;
	}
}

/*
 * A glob that only matches itself: no * or ?, and no [ that opens a
 * class ("[" alone, as in [ -f x ], is the test builtin).
 */
static int
glob_literal(const char *p)
{
	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '*' || *p == '?' ||
		    (*p == '[' && class_end(p) != NULL))
			return (0);
	}
	return (1);
}

/* Basename of a glob: after its last unescaped '/'. */
static const char *
glob_base(const char *p)
{
	const char *b = p;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '/')
			b = p + 1;
	}
	return (b);
}

/*
 * A command name that is an expansion of values the line gives (x=rm;
 * $x -rf /, x='rm -rf'; $x /): also the view of what it expands to.
 * Only added to the view of a name not known: the line may use the
 * name before it sets it, or in a subshell, so the value is what it
 * may be, not what it is.
 */
static void
name_subst(struct ctx *c, struct vwalk *vw, uint32_t start, uint32_t end,
    const struct shellparse_word *w, const char *pat, int depth)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[vw->cmd];
	const char *os, *op, *b;
	size_t on, n, l;
	char *t;

	/* (empty: x=; $x rm -rf /, the caller's view of a word that is
	   all expansion takes rm as the command) */
	if (!word_subst(c, w->text, w->len, pat, &os, &on, &op) ||
	    op != NULL || on == 0)
		return;
	if (strcspn(os, " \t\n") == on) {
		b = memrchr(os, '/', on);
		b = b ? b + 1 : os;
		n = on - (size_t)(b - os);
		do_view(c, vw, start, end, ilookup(c->rs, b, n), b, n, NULL, 1,
		    depth);
		return;
	}
	/* Split into words as the shell does: parsed as a line of the
	   value and the words after it (quoted unless they expand). */
	if (vw->mode != VW_MAIN || memchr(os, '$', on) != NULL ||
	    memchr(os, '`', on) != NULL)
		return;
	if ((t = value_line(c, os, on, cmd, start + 1, end, &l)) != NULL)
		nested(c, vw->cmd, t, l);
}

/*
 * A command whose name is the glob b: a view for each command of the
 * index it may be.  Tokenised once (names are plain words, but for a
 * few with glob bytes), not for each name.
 */
static __attribute__((noinline)) void
glob_views(struct ctx *c, struct vwalk *vw, uint32_t start, uint32_t end,
    const char *b, int depth)
{
	const struct risk_ruleset *rs = c->rs;
	const struct ient *e;
	struct gtok tb[GTOK_NAME_MAX];
	uint32_t i;
	int nb, s2;

	/* past GTOK_NAME_MAX tokens it may be any of them */
	nb = gtokens(b, tb, GTOK_NAME_MAX);
	/*
	 * What a '*' stands for (a variable's value) may hold a '/': x${y}m
	 * is /bin/rm when y is /bin/r.  So the name may also be what
	 * matches from its last '*' on (tokens s2..nb), unless that is
	 * the whole glob or all of it (s${x} may be anything: a name not
	 * known, looked up as s*).
	 */
	for (s2 = nb - 1; s2 > 0 && tb[s2].t != T_STAR; s2--)
		;
	if (s2 == nb - 1)
		s2 = 0;
	/* a line of thousands of commands named by globs, each looked
	   at in the views of others: it could be anything (high) */
	if (c->gvleft < rs->nients) {
		if (c->unk == NONE)
			c->unk = vw->cmd;
		return;
	}
	c->gvleft -= rs->nients;
	for (i = 0; i < rs->nients && !vw->found && !c->nomem; i++) {
		e = &rs->ients[i];
		if (nb < 0 || (e->globby ? gisect(b, e->h.name) :
		    gtok_match(tb, nb, e->h.name, e->h.len) ||
		    (s2 > 0 && gtok_match(tb + s2, nb - s2, e->h.name,
		    e->h.len))))
			do_view(c, vw, start, end, e, e->h.name, e->h.len, b,
			    0, depth);
	}
}

static void
walk_views(struct ctx *c, struct vwalk *vw, uint32_t start, uint32_t end,
    int depth)
{
	const struct risk_ruleset *rs = c->rs;
	const struct shellparse_cmd *cmd = &c->sp->cmds[vw->cmd];
	const struct shellparse_word *w;
	const struct ient *e;
	const char *pat, *b, *q;
	char buf[128];
	size_t n;

	if (start >= end || end > cmd->nwords || vw->found || c->nomem)
		return;
	if (depth > MAXVDEPTH || vw->n++ > MAXVIEWS) {
		/* Wrapped past what is looked at: it could be anything. */
		if (c->unk == NONE)
			c->unk = vw->cmd;
		return;
	}
	w = &cmd->words[start];
	if ((pat = shellparse_pattern(w)) == NULL) {
		b = memrchr(w->text, '/', w->len);
		b = b ? b + 1 : w->text;
		n = w->len - (size_t)(b - w->text);
		e = ilookup(rs, b, n);
		do_view(c, vw, start, end, e, b, n, NULL, 1, depth);
		return;
	}
	/* A name not known before it runs: $x/rm, r${x}m, /bin/r?. */
	b = glob_base(pat);
	if (glob_literal(b)) {
		for (q = b, n = 0; *q != '\0' && n < sizeof(buf) - 1; q++) {
			if (*q == '\\' && q[1] != '\0')
				q++;
			buf[n++] = *q;
		}
		buf[n] = '\0';
		e = ilookup(rs, buf, n);
		do_view(c, vw, start, end, e, buf, n, NULL, 1, depth);
		return;
	}
	/* Whatever rules it may match, it could be anything: high. */
	if (vw->mode == VW_MAIN && c->unk == NONE)
		c->unk = vw->cmd;
	/* x=rm; $x -rf /: also the rules of the value the line gives. */
	name_subst(c, vw, start, end, w, pat, depth);
	if (vw->found || c->nomem)
		return;
	do_view(c, vw, start, end, NULL, "", 0, b, 1, depth);
	if (gall(pat)) {
		/* $x rm -rf /: $x may be nothing, rm the command */
		walk_views(c, vw, start + 1, end, depth + 1);
		return;
	}
	if (gall(b))
		return;		/* wholly unknown: no name to look up */
	glob_views(c, vw, start, end, b, depth);
}

/* Does any command (at any view) match a COMMAND match? */
static int
any_cmd(struct ctx *c, const struct cmatch *m)
{
	uint32_t k, i, cov[MAXSTAGES], ncov;

	for (k = 0; k < m->npats; k++)
		for (i = 0; i < c->sp->ncmds; i++) {
			if (!cmd_stage(c, i, &m->pats[k].st[0]))
				continue;
			ncov = 0;
			if (pipe_rest(c, i, &m->pats[k], 1, cov, &ncov) != NONE)
				return (1);
		}
	return (0);
}

static void
run_deferred(struct ctx *c)
{
	const struct crule *cr;
	const struct defer *d;
	uint32_t i, k;
	int ok;

	for (i = 0; i < c->ndefer; i++) {
		d = &c->defer[i];
		cr = &c->rs->rules[d->rule];
		for (k = 0, ok = 1; k < cr->nm && ok; k++)
			if (cr->m[k].kind == RISK_M_COMMAND &&
			    (int)k != cr->cmd)
				ok = any_cmd(c, &cr->m[k]);
		if (!ok)
			continue;
		cover_view(c, d->cmd, (int)d->covers);
		for (k = 0; k < d->ncov; k++)
			cover(c, d->cov[k]);
		hit_cmd(c, d->rule, cr->level, d->cmd, d->start, d->end,
		    d->last);
	}
}

/* A call rule: every match, PATH by its bit. */
static void
try_call(struct ctx *c, uint32_t ri)
{
	const struct crule *cr = &c->rs->rules[ri];
	const struct cmatch *m, *pm = NULL;
	uint32_t k, pl;
	int anyonly = 0;

	/* A rule that cannot win changes nothing, unless it covers. */
	if (c->matched && (cr->level < c->level || (cr->level == c->level &&
	    ri > c->best)) && (!cr->tool || c->blanket || c->uncovered == 0))
		return;
	for (k = 0; k < cr->nm; k++) {
		m = &cr->m[k];
		if (m->kind == RISK_M_PATH) {
			if (!pisset(c, m->pmid)) {
				if (!(m->write ? c->anypw : c->anyp) ||
				    !c->rs->pmany[m->pmid])
					return;
				anyonly = m->write ? 2 : 1;
			}
			if (pm == NULL)
				pm = m;
		}
	}
	if (!callpart(c, ri))
		return;
	if (cr->tool)
		c->blanket = 1;
	if (anyonly) {
		if (hit_level(c, ri, cr->level < RISK_HIGH ? cr->level :
		    RISK_HIGH)) {
			c->wkind = K_APATH;
			c->ws = anyonly == 2 ? c->anyww : c->anyw;
			c->wn = anyonly == 2 ? c->anywn : c->anyn;
		}
	} else if (pm != NULL && c->pwhat != NULL) {
		pl = c->pwlen[pm->pmid];
		hit(c, ri, (pl & PW_TREE) ? (pm->write ? K_TWPATH : K_TPATH) :
		    pm->write ? K_WPATH : K_PATH, c->pwhat[pm->pmid],
		    pl & ~PW_TREE);
	}
	else if (pm != NULL)
		hit(c, ri, pm->write ? K_WPATH : K_PATH, NULL, 0);
	else {
		/* Say what held: the tool, else what was matched last. */
		for (k = 0; k < cr->nm; k++)
			if (cr->m[k].kind == RISK_M_NETWORK ||
			    cr->m[k].kind == RISK_M_ARG)
				break;
		if (k < cr->nm) {
			/* Re-evaluate to point mval at this rule's value. */
			if (cr->m[k].kind == RISK_M_NETWORK)
				net_match(c, &cr->m[k]);
			else
				arg_match(c, &cr->m[k]);
			hit(c, ri, cr->m[k].kind == RISK_M_NETWORK ?
			    K_NETWORK : K_ARG, c->mval, c->mlen);
		} else
			hit(c, ri, K_TOOL, c->call->tool ? c->call->tool : "",
			    c->toollen);
	}
}

static void
call_rules(struct ctx *c)
{
	const struct risk_ruleset *rs = c->rs;
	const struct tent *te;
	const char *t = c->call->tool ? c->call->tool : "";
	const unsigned char f = (unsigned char)t[0];
	const unsigned char l = c->toollen ?
	    (unsigned char)t[c->toollen - 1] : 0;
	uint64_t bits;
	uint32_t i, k, npw = (rs->npm + 63) / 64;

	/*
	 * alias cat=tee, cat() { tee $1; }, hash -p, PATH=...: a program
	 * that only reads may not be the one run, so what it was given
	 * counts as written.
	 */
	if (rs->npmw > 0 && (c->rnames || c->pathset || (c->sp != NULL &&
	    c->sp->funcs > 0))) {
		for (k = 0; k < npw; k++)
			c->pbits[k] |= c->prbits[k];
		if (c->anyp && !c->anypw) {
			c->anypw = 1;
			c->anyww = c->anyw;
			c->anywn = c->anyn;
		}
	}
	if ((te = hfind(rs->ttab, rs->tmask, rs->tents, sizeof(*te), t,
	    c->toollen)) != NULL)
		for (i = 0; i < te->n; i++)
			try_call(c, te->rules[i]);
	for (k = 0; k < npw; k++)
		for (bits = c->pbits[k]; bits != 0; bits &= bits - 1) {
			i = (uint32_t)k * 64 + (uint32_t)__builtin_ctzll(bits);
			if (rs->pmtrig[i])
				try_call(c, rs->pmrule[i]);
		}
	for (i = 0; c->anyp && i < rs->npany; i++)
		if (rs->pmtrig[rs->pany[i]] && !pisset(c, rs->pany[i]))
			try_call(c, rs->pmrule[rs->pany[i]]);
	if (c->call->network != NULL)
		for (i = 0; i < rs->nnetr; i++)
			try_call(c, rs->netr[i]);
	if (c->call->args != NULL) {
		if (rs->nakeys > 0 &&
		    json_object_is_type(c->call->args, json_type_object)) {
			json_object_object_foreach(c->call->args, key, val) {
				(void)val;
				if ((te = hfind(rs->akeytab, rs->akeymask,
				    rs->akeys, sizeof(*te), key,
				    strlen(key))) == NULL)
					continue;
				for (i = 0; i < te->n; i++)
					try_call(c, te->rules[i]);
			}
		}
		for (i = 0; i < rs->nargr; i++)
			try_call(c, rs->argr[i]);
	}
	for (i = 0; i < rs->nalways; i++) {
		const struct crule *cr = &rs->rules[rs->always[i]];

		/* mcp__* cannot match "shell": skip without a look. */
		if ((cr->tprefix && !((cr->tfirst[f / 64] >> (f % 64)) & 1)) ||
		    (cr->tsuffix && !((cr->tlast[l / 64] >> (l % 64)) & 1)))
			continue;
		try_call(c, rs->always[i]);
	}
}

/*
 * for NAME in WORDS (select too): the loop's variable takes each of
 * WORDS' values, so those are paths as an operand's are (for f in .e*;
 * do cat "$f"; done reads what cat .e* does).
 */
static void __attribute__((noinline))
for_paths(struct ctx *c, const struct shellparse_cmd *cmd)
{
	const struct shellparse_word *w;
	uint32_t k;

	if (cmd->nwords < 4 || cmd->words[2].len != 2 ||
	    memcmp(cmd->words[2].text, "in", 2) != 0 ||
	    !((cmd->words[0].len == 3 &&
	    memcmp(cmd->words[0].text, "for", 3) == 0) ||
	    (cmd->words[0].len == 6 &&
	    memcmp(cmd->words[0].text, "select", 6) == 0)))
		return;
	for (k = 3; k < cmd->nwords && !c->nomem; k++) {
		w = &cmd->words[k];
		if (w->len == 0)
			continue;
		if (feed_word(c, c->cwd == NULL ? path_feed : path_feed_cwd,
		    w->text, w->len, shellparse_pattern(w), NULL))
			return;
	}
}

/*
 * Has any text of the call (line, argv, environment, input) s in it,
 * in any case when icase (s then in lower case)?
 */
static int
call_find(const struct risk_call *call, const char *s, int icase)
{
	char *(*find)(const char *, const char *) = icase ? strcasestr :
	    strstr;
	size_t i, l;

	if (call->command != NULL && find(call->command, s) != NULL)
		return (1);
	for (i = 0; call->argv != NULL && i < call->argc; i++)
		if (call->argv[i] != NULL && find(call->argv[i], s) != NULL)
			return (1);
	for (i = 0; call->envv != NULL && i < call->envc; i++)
		if (call->envv[i] != NULL && find(call->envv[i], s) != NULL)
			return (1);
	if (call->input == NULL)
		return (0);
	l = strlen(s);
	if (!icase)
		return (memmem(call->input, call->inputlen, s, l) != NULL);
	for (i = 0; i + l <= call->inputlen; i++)
		if (tolower((unsigned char)call->input[i]) == s[0] &&
		    strncasecmp(call->input + i, s, l) == 0)
			return (1);
	return (0);
}

static int
call_has(const struct risk_call *call, const char *s)
{
	return (call_find(call, s, 0));
}

static int
call_has_case(const struct risk_call *call, const char *s)
{
	return (call_find(call, s, 1));
}

/*
 * ${x@P} expands x as a prompt: its $( ) and ` ` run, and its escapes
 * can spell them (\044(x) is $(x)).  What a value the line gives may
 * become is not followed: the command runs text not known.
 */
static void __attribute__((noinline))
prompt_expand(struct ctx *c, uint32_t ci)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_redir *r;
	uint32_t k;

	for (k = 0; k < cmd->nwords; k++)
		if ((cmd->words[k].flags & SHELLPARSE_W_EXPAND) &&
		    memmem(cmd->words[k].text, cmd->words[k].len, "@P}",
		    3) != NULL) {
			interp_opaque(c, ci);
			return;
		}
	for (k = 0; k < cmd->nredirs; k++) {
		r = &cmd->redirs[k];
		if ((r->op == SHELLPARSE_R_HEREDOC && !r->quoted &&
		    r->body != NULL &&
		    memmem(r->body, r->bodylen, "@P}", 3) != NULL) ||
		    ((r->target.flags & SHELLPARSE_W_EXPAND) &&
		    memmem(r->target.text, r->target.len, "@P}", 3) != NULL)) {
			interp_opaque(c, ci);
			return;
		}
	}
}

/*
 * zsh's glob qualifiers: *(e:'cmd':) and *(+cmd) run code for each
 * file.  A glob word that ends in a (...) not of $( <( >( in a call
 * that runs zsh runs text not known.
 */
static int
zsh_quals(struct ctx *c, const struct shellparse_cmd *cmd)
{
	static const char *const zsh[] = { "zsh" };
	const struct shellparse_word *w;
	const char *p;
	uint32_t k;

	if (c->zsh == 1)
		return (0);	/* no zsh in the call */
	for (k = 0; k < cmd->nwords; k++) {
		w = &cmd->words[k];
		if (w->len < 3 || w->text[w->len - 1] != ')' ||
		    shellparse_pattern(w) == NULL ||
		    (p = memrchr(w->text, '(', w->len)) == NULL ||
		    p == w->text || strchr("$<>=", p[-1]) != NULL)
			continue;
		break;
	}
	if (k == cmd->nwords)
		return (0);
	return (call_names(c, &c->zsh, zsh, 1));
}

/* Does a word of cmd begin with '=' (the quick test for eq_name())? */
static inline int
eq_first(const struct shellparse_cmd *cmd)
{
	uint32_t k;

	for (k = 0; k < cmd->nwords; k++)
		if (cmd->words[k].text[0] == '=')
			return (1);
	return (0);
}

/* Is w zsh's =NAME, the path of command NAME? */
static int
eq_name(const struct shellparse_word *w)
{
	uint32_t i;

	if (w->len < 2 || w->text[0] != '=' || shellparse_pattern(w) != NULL)
		return (0);
	for (i = 1; i < w->len; i++)
		if (!isalnum((unsigned char)w->text[i]) &&
		    strchr("_.+-", w->text[i]) == NULL)
			return (0);
	return (1);
}

/*
 * zsh's =NAME is the path of command NAME (=rm -rf /, sudo =rm).  In a
 * call that runs zsh, command ci with such a word is read again with
 * NAME for it.
 */
static void __attribute__((noinline))
zsh_equals(struct ctx *c, uint32_t ci)
{
	static const char *const zsh[] = { "zsh" };
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_word *w;
	const char *eq;
	size_t l = 0;
	uint32_t k;
	char *t;

	for (k = 0; k < cmd->nwords && !eq_name(&cmd->words[k]); k++)
		;
	if (k == cmd->nwords || c->zsh == 1 ||
	    !call_names(c, &c->zsh, zsh, 1))
		return;
	for (k = 0; k < cmd->nwords; k++)
		l += 4 * (size_t)cmd->words[k].len + 3;
	if (l > SHELLPARSE_MAXLEN) {
		interp_opaque(c, ci);
		return;
	}
	if ((t = shellparse_alloc(c->sp, l + 1)) == NULL) {
		c->nomem = 1;
		return;
	}
	for (k = 0, l = 0; k < cmd->nwords; k++) {
		if (k > 0)
			t[l++] = ' ';
		w = &cmd->words[k];
		if (eq_name(w))
			l += squote(t + l, w->text + 1, w->len - 1);
		else if (k < cmd->nassign && shellparse_pattern(w) == NULL &&
		    (eq = memchr(w->text, '=', w->len)) != NULL) {
			/* x=1 =cmd: x='1' stays an assignment */
			memcpy(t + l, w->text, (size_t)(eq + 1 - w->text));
			l += (size_t)(eq + 1 - w->text);
			l += squote(t + l, eq + 1, w->len -
			    (size_t)(eq + 1 - w->text));
		} else
			l += word_put(t + l, w);
	}
	t[l] = '\0';
	opt_parse(c, ci, t, l, 0);
}

/* A cd moved the line: where the commands from here run. */
static void __attribute__((noinline))
cwd_note(struct ctx *c)
{
	c->lwlast = c->cwd;
	c->lwlastp = c->cwdp;
	if (c->nlwcwd >= LW_NCWD) {
		c->lwcur = LW_CWDFULL;
		return;
	}
	c->lwcwd[c->nlwcwd].d = c->cwd;
	c->lwcwd[c->nlwcwd].n = c->cwdlen;
	c->lwcwd[c->nlwcwd].any = c->cwdp != NULL;
	c->lwcwd[c->nlwcwd].p = c->cwdp;
	c->lwcwd[c->nlwcwd].pn = c->cwdplen;
	c->lwcur = c->nlwcwd++;
}

/* Is command i run by command s, or in the ( ), { } or $( ) s stands
   for, at any depth? */
static int
cmd_within(const struct shellparse *sp, uint32_t i, uint32_t s)
{
	int n;

	for (n = 0; i != NONE && i < sp->ncmds && n < 64; n++) {
		if (i == s)
			return (1);
		i = sp->cmds[i].parent;
	}
	return (0);
}

/*
 * Command i is past the process a cd was in ((cd /etc); cat shadow):
 * where the line was before that cd, again.
 */
static void __attribute__((noinline))
cwd_leave(struct ctx *c, uint32_t i)
{
	const struct cscope *e;

	while (c->ncscope > 0 && !cmd_within(c->sp, i,
	    c->cscope[c->ncscope - 1].s)) {
		e = &c->cscope[--c->ncscope];
		cwd_put(c, e->d, e->n, e->p, e->pn);
	}
}

/*
 * Command i is the first of text command p runs that was parsed after
 * the line (cd /etc && sh -c 'cat shadow' && cd /tmp): it runs where p
 * did, not where the line's last cd went.
 */
static void __attribute__((noinline))
cwd_enter(struct ctx *c, uint32_t i, uint32_t p)
{
	const struct shellparse_cmd *pc = &c->sp->cmds[p];
	const struct lwcwd *e;

	if (cmd_within(c->sp, i - 1, p) || !(pc->mark & CM_CWDSET))
		return;
	if (CM_CWD(pc->mark) >= c->nlwcwd) {
		cwd_any(c);	/* after too many cds: not known */
		return;
	}
	e = &c->lwcwd[CM_CWD(pc->mark)];
	cwd_put(c, e->d, e->n, e->p, e->pn);
}

/*
 * Is any command of the text . or source command cmd runs (parsed
 * after the line: its file written by the line, a <( )) a cd, pushd
 * or popd?
 */
static int __attribute__((noinline))
src_cds(struct ctx *c, const struct shellparse_cmd *cmd)
{
	const struct shellparse *sp = c->sp;
	const struct shellparse_word *w;
	uint32_t ci = (uint32_t)(cmd - sp->cmds), j, k;

	for (j = ci + 1; j < sp->ncmds; j++) {
		if (!cmd_within(sp, j, ci))
			continue;
		for (k = sp->cmds[j].nassign; k < sp->cmds[j].nwords; k++) {
			w = &sp->cmds[j].words[k];
			if (shellparse_pattern(w) != NULL)
				return (1);	/* $x: may be cd */
			if (strcmp(w->text, "builtin") != 0 &&
			    strcmp(w->text, "command") != 0)
				break;
		}
		if (k < sp->cmds[j].nwords && (strcmp(w->text, "cd") == 0 ||
		    strcmp(w->text, "pushd") == 0 ||
		    strcmp(w->text, "popd") == 0 ||
		    strcmp(w->text, "eval") == 0))
			return (1);
	}
	return (0);
}

/*
 * A cd is to run: when it is in a process of its own, keep where the
 * line is, for the commands after that process (cwd_leave()).  { }
 * is no process.  Past CSCOPE_MAX the cd reaches every command after
 * it, which can only match more rules.
 */
static void __attribute__((noinline))
cwd_scope(struct ctx *c, const struct shellparse_cmd *cmd)
{
	const struct shellparse *sp = c->sp;
	struct cscope *e;
	uint32_t s = cmd->parent;
	int n;

	for (n = 0; s != NONE && s < sp->ncmds && n < 64 &&
	    (sp->cmds[s].flags & SHELLPARSE_C_GROUP); n++)
		s = sp->cmds[s].parent;
	if (s == NONE || s >= sp->ncmds || (sp->cmds[s].flags &
	    SHELLPARSE_C_GROUP) || (c->ncscope > 0 &&
	    c->cscope[c->ncscope - 1].s == s) || c->ncscope >= CSCOPE_MAX)
		return;
	e = &c->cscope[c->ncscope++];
	e->s = s;
	e->d = c->cwd;
	e->n = c->cwdlen;
	e->p = c->cwdp;
	e->pn = c->cwdplen;
}

/* Every simple command, every view of it. */
static inline __attribute__((always_inline)) void
command1(struct ctx *c, uint32_t i)
{
	struct shellparse *sp = c->sp;
	struct shellparse_cmd *cmd = &sp->cmds[i];
	struct vinfo v;
	struct vwalk vw;
	uint32_t k;

	if (cmd->next != NONE && cmd->next < sp->ncmds)
		sp->cmds[cmd->next].mark |= CM_PIPED;
	if (__builtin_expect(c->ncscope > 0, 0))
		cwd_leave(c, i);
	if (cmd->parent != NONE && cmd->parent + 1 != i && i > 0 &&
	    sp->cmds[i - 1].parent != cmd->parent)
		cwd_enter(c, i, cmd->parent);
	if (__builtin_expect(c->cwd != c->lwlast || c->cwdp != c->lwlastp, 0))
		cwd_note(c);
	cmd->mark |= CM_CWDSET | (c->lwcur << CM_CWDSHIFT);
	if (cmd->flags & SHELLPARSE_C_KEYWORD) {
		/* [[ -v 'a[$(x)]' ]] */
		if (cmd->nwords > 0 && cmd->words[0].len == 2 &&
		    memcmp(cmd->words[0].text, "[[", 2) == 0)
			subscripts(c, i, 0, cmd->nwords);
		else if (c->rs->npp > 0)
			for_paths(c, cmd);
		/* [[ x ]] 2>>~/.bashrc: its redirections are opened */
		if (c->rs->npp > 0 && cmd->nredirs > 0)
			redir_paths(c, cmd);
		return;
	}
	if (cmd->nwords > 0 && zsh_quals(c, cmd))
		interp_opaque(c, i);
	if (c->zsh != 1 && eq_first(cmd))
		zsh_equals(c, i);
	if (c->rs->npp > 0 && cmd->nwords > cmd->nassign + 2)
		mount_scan(c, i);	/* before its words are paths */
	if (c->rs->npp > 0 && c->cwd == NULL)
		cmd_paths(c, cmd, path_feed, NULL);
	else if (c->rs->npp > 0)
		cmd_paths_cwd(c, cmd);
	/* cpio -o <<< NAME, ... | tar -T -: the names it reads */
	if (c->rs->npp > 0 && cmd->nwords > cmd->nassign + 1 &&
	    ((cmd->mark & CM_PIPED) || (cmd->flags & SHELLPARSE_C_PIPEIN) ||
	    (cmd->nredirs > 0 && reads_redir(cmd))))
		names_in(c, i);
	if (c->promptx & 1)
		prompt_expand(c, i);
	/* TEXTDOMAINDIR=.; echo $"x": a catalogue the line may have
	   written gives $"x"'s text, which is expanded */
	if (c->promptx & 2)
		interp_opaque(c, i);
	memset(&vw, 0, sizeof(vw));
	vw.mode = VW_MAIN;
	vw.cmd = i;
	/* PS4='$(x)' bash -x: shell code in a variable */
	for (k = 0; k < cmd->nassign; k++)
		opt_assign(c, i, &cmd->words[k], 0);
	/* NAME=value words, for rules like LD_PRELOAD=*. */
	for (k = 0; k < cmd->nassign && c->rs->nwild > 0; k++) {
		vinfo_init(&v, cmd, k, k + 1, NULL, cmd->words[k].text,
		    cmd->words[k].len, shellparse_pattern(
		    &cmd->words[k]));
		v.assign = 1;
		try_refs(c, &vw, &v, c->rs->wild, c->rs->nwild, 0);
	}
	if (cmd->nwords <= cmd->nassign) {
		/* PATH=/tmp; ls */
		for (k = 0; k < cmd->nassign; k++)
			if (path_assign(&cmd->words[k]))
				c->pathset = 1;
		return;
	}
	if (!(cmd->mark & CM_GUESS))
		cmd->mark |= CM_COUNTED;
	walk_views(c, &vw, cmd->nassign, cmd->nwords, 0);
	if (vw.expanded)
		cmd->mark |= CM_EXPANDED;
	/* (the paths of rules, and the files the line writes and runs:
	   line_writer()) */
	cd_track(c, cmd);
}

/*
 * Parse s for what command ci runs when bash evaluates it.  s is a
 * name or an expression, never a command: only the substitutions in it
 * run, so the commands it makes at its own level run nothing (they are
 * marked as keywords are).  Those nested in them are classified.
 */
static void
calc_parse(struct ctx *c, uint32_t ci, const char *s, size_t n)
{
	struct shellparse *sp = c->sp;
	unsigned depth = (unsigned)sp->cmds[ci].depth + 1;
	size_t pos = sp->errpos, k = sp->ncmds;
	int err = sp->error;

	if (n > c->calcleft) {
		/* Too much text to follow: not understood. */
		c->calcleft = 0;
		if (sp->error == 0) {
			sp->error = SHELLPARSE_E_COMPLEX;
			sp->errpos = 0;
		}
		return;
	}
	c->calcleft -= n;
	shellparse(sp, s, n, depth, ci);
	for (; k < sp->ncmds; k++)
		if (sp->cmds[k].depth == depth)
			sp->cmds[k].flags |= SHELLPARSE_C_KEYWORD;
	lenient(sp, err, pos);
}

/* A word with a $( ) or ` ` that only runs if its text is evaluated. */
static int
calc_word(const struct shellparse_word *w)
{
	const char *t = w->text;
	size_t n = w->len;

	/* An expansion ($( ), $(( )), ${ }) is "*" in the pattern form,
	   and was parsed with the line; an argv word is all text. */
	if (w->flags & SHELLPARSE_W_PATTERN) {
		t = shellparse_pattern(w);
		n = strlen(t);
	}
	return (memchr(t, '`', n) != NULL || has_pair(t, n, '$', '('));
}

static void
calc_scan(struct ctx *c, uint32_t ci)
{
	const struct shellparse_cmd *cmd = &c->sp->cmds[ci];
	const struct shellparse_redir *r;
	char *t;
	uint32_t k, i, n;

	for (k = 0; k < cmd->nwords && !c->nomem; k++)
		if (calc_word(&cmd->words[k]))
			calc_parse(c, ci, cmd->words[k].text,
			    cmd->words[k].len);
	for (k = 0; k < cmd->nredirs && !c->nomem; k++) {
		r = &cmd->redirs[k];
		if (r->op != SHELLPARSE_R_HEREDOC) {
			if (calc_word(&r->target))
				calc_parse(c, ci, r->target.text,
				    r->target.len);
			continue;
		}
		if (r->body == NULL || !calc_code(r->body, r->bodylen))
			continue;
		if (r->quoted) {
			calc_parse(c, ci, r->body, r->bodylen);
			continue;
		}
		/* <<EOF: \$ \` \\ are $ ` \ in what is read. */
		if ((t = shellparse_alloc(c->sp, (size_t)r->bodylen + 1)) ==
		    NULL) {
			c->nomem = 1;
			return;
		}
		for (i = n = 0; i < r->bodylen; i++) {
			if (r->body[i] == '\\' && i + 1 < r->bodylen &&
			    strchr("$`\\", r->body[i + 1]) != NULL)
				i++;
			t[n++] = r->body[i];
		}
		t[n] = '\0';
		calc_parse(c, ci, t, n);
	}
}

/* command1(), out of line for the rare case. */
static void __attribute__((noinline))
command1_more(struct ctx *c, uint32_t i)
{
	command1(c, i);
}

static void __attribute__((noinline))
commands(struct ctx *c)
{
	struct shellparse *sp = c->sp;
	uint32_t i, j, cj = 0, nla, pass;

	for (i = 0; i < sp->ncmds && !c->nomem; i++)
		command1(c, i);
	/*
	 * What quoted text would run, and what that holds in turn; what
	 * the line's aliases make of its commands, wherever in the line
	 * they are defined (a loop may run a later one first), and again
	 * while what they make defines more.
	 */
	for (pass = 0; (c->calc || c->nla > 0) && !c->nomem; pass++) {
		if (pass == 4) {
			if (c->unk == NONE)
				c->unk = 0;
			break;
		}
		nla = c->nla;
		for (j = 0; j < sp->ncmds && !c->nomem; j++) {
			if (c->calc && j >= cj) {
				calc_scan(c, j);
				cj = j + 1;
			}
			if (nla > 0)
				alias_scan(c, j);
			for (; i < sp->ncmds && !c->nomem; i++)
				command1_more(c, i);
		}
		if (c->nla == nla)
			break;
	}
	if (c->nlrun > 0)
		late_writers(c);
}

static void
classify(struct ctx *c, struct shellparse *sp, size_t len, int code,
    struct risk_result *res)
{
	const struct risk_ruleset *rs = c->rs;
	const struct risk_call *call = c->call;
	const struct crule *cr;
	struct wbuf wb;
	uint32_t i, first = NONE;

	c->sp = sp;
	calc_init(c, call, len, code);
	if (call->command != NULL) {
		calc_note(c, call->command, len);
		shellparse(sp, call->command, len, 0, NONE);
	}
	if (call->argv != NULL && call->argc > 0 &&
	    shellparse_argv_env(sp, call->envv, call->envc, call->argv,
	    call->argc, 0, NONE) == 0 &&
	    (call->input != NULL || call->input_unknown)) {
		if (call->input != NULL)
			calc_note(c, call->input, call->inputlen);
		shellparse_input(sp, call->input_unknown ? NULL : call->input,
		    call->inputlen);
	}
	commands(c);
	if (c->nomem || sp->full)
		return;
	run_deferred(c);
	for (i = 0; i < sp->ncmds; i++) {
		if (!(sp->cmds[i].mark & CM_COUNTED))
			continue;
		res->ncommands++;
		if (sp->cmds[i].mark & (CM_COVERED | CM_EXPANDED))
			continue;
		res->uncovered++;
		if (first == NONE)
			first = i;
	}
	c->uncovered = res->uncovered;
	if (rs->npp > 0 && call->args != NULL) {
		/* the built-in tools that only read (harness.conf(5)
		   reserves their names) */
		c->pread = rs->npmw > 0 && call->tool != NULL &&
		    (strcmp(call->tool, "read_file") == 0 ||
		    strcmp(call->tool, "list_files") == 0);
		args_paths(c, call->args, 0, 0);
		c->pread = 0;
	}
	call_rules(c);
	if (c->nomem)
		return;

	res->unparseable = sp->error != 0;
	res->opaque = c->opq != NONE || c->unk != NONE;
	res->matched = c->matched;
	res->level = c->matched ? c->level : RISK_LOW;
	if ((res->unparseable || res->opaque) && res->level < RISK_HIGH)
		res->level = RISK_HIGH;
	if (!c->matched && !res->unparseable && !res->opaque)
		res->decision = rs->policy.nomatch;
	else {
		res->decision = rs->policy.decision[res->level];
		if (res->uncovered > 0 && !c->blanket &&
		    rs->policy.nomatch > res->decision)
			res->decision = rs->policy.nomatch;
	}
	wb.p = res->why;
	wb.cap = sizeof(res->why);
	wb.len = 0;
	res->why[0] = '\0';
	if (c->matched && c->level == res->level) {
		cr = &rs->rules[c->best];
		res->rule_name = cr->name;
		res->rule_file = cr->file;
		res->rule_line = cr->line;
		explain(c, &wb);
	} else if (res->unparseable) {
		wb.len = (size_t)snprintf(res->why, sizeof(res->why),
		    "command line not understood (%s at offset %zu)",
		    shellparse_strerror(sp->error), sp->errpos);
		if (wb.len >= sizeof(res->why))
			wb.len = sizeof(res->why) - 1;
	} else if (c->opq != NONE) {
		static const char opq[] =
		    "runs code not known before it runs: `";

		wb_put(&wb, opq, sizeof(opq) - 1, sizeof(opq) - 1);
		if (c->opqfrom != NONE) {
			wb_view(&wb, &sp->cmds[c->opqfrom],
			    sp->cmds[c->opqfrom].nassign,
			    sp->cmds[c->opqfrom].nwords);
			wb_put(&wb, " | ", 3, 3);
		}
		wb_view(&wb, &sp->cmds[c->opq], sp->cmds[c->opq].nassign,
		    sp->cmds[c->opq].nwords);
		wb_put(&wb, "`", 1, 1);
		wb_clean(&wb, 0);
	} else if (res->opaque) {
		static const char unk[] =
		    "a command not known before it runs: `";

		wb_put(&wb, unk, sizeof(unk) - 1, sizeof(unk) - 1);
		wb_view(&wb, &sp->cmds[c->unk], sp->cmds[c->unk].nassign,
		    sp->cmds[c->unk].nwords);
		wb_put(&wb, "`", 1, 1);
		wb_clean(&wb, 0);
	} else
		wb_put(&wb, "no rule matched", 15, 15);
	if (first != NONE && !c->blanket && (c->matched ||
	    res->unparseable || res->opaque) && (c->matched ||
	    c->opq != NONE || first != c->unk)) {
		static const char bypath[] = "` runs a program outside the "
		    "system's directories, which no rule names";

		i = (uint32_t)wb.len;
		wb_put(&wb, "; `", 3, 3);
		wb_view(&wb, &sp->cmds[first], sp->cmds[first].nassign,
		    sp->cmds[first].nwords);
		if (sp->cmds[first].mark & CM_BYPATH)
			wb_put(&wb, bypath, sizeof(bypath) - 1,
			    sizeof(bypath) - 1);
		else
			wb_put(&wb, "` matched no rule", 17, 17);
		wb_clean(&wb, i);
	}
	wb_clean(&wb, wb.len);
}

/*
 * ctx->promptx for a call: bit 0, ${x@P} may be in its text; bit 1,
 * $"x" and TEXTDOMAIN* may be.  The command line (len bytes, code: it
 * has a $ or `) is looked at with memchr; a call with other texts
 * (argv, environment, input) by call_has() over all of them.
 */
/* prompt_text(): s has @P (bit 0), $" (bit 1), by one strpbrk() pass. */
static int
prompt_str(const char *s)
{
	int f = 0;

	while ((s = strpbrk(s, "@$")) != NULL && f != 3) {
		if (s[0] == '@' && s[1] == 'P')
			f |= 1;
		else if (s[0] == '$' && s[1] == '"')
			f |= 2;
		s++;
	}
	return (f);
}

/* prompt_flags() of a call with argv, environment or input. */
static int __attribute__((noinline))
prompt_texts(const struct risk_call *call)
{
	size_t i;
	int f = 0;

	if (call->command != NULL)
		f |= prompt_str(call->command);
	for (i = 0; call->argv != NULL && i < call->argc && f != 3; i++)
		if (call->argv[i] != NULL)
			f |= prompt_str(call->argv[i]);
	for (i = 0; call->envv != NULL && i < call->envc && f != 3; i++)
		if (call->envv[i] != NULL)
			f |= prompt_str(call->envv[i]);
	if (call->input != NULL && f != 3)
		f |= (has_pair(call->input, call->inputlen, '@', 'P') ? 1 : 0) |
		    (has_pair(call->input, call->inputlen, '$', '"') ? 2 : 0);
	return ((f & 1) | ((f & 2) && call_has(call, "TEXTDOMAIN")) << 1);
}

static int
prompt_flags(const struct risk_call *call, size_t len, int code)
{
	if ((call->argv != NULL && call->argc > 0) ||
	    (call->envv != NULL && call->envc > 0) || call->input != NULL)
		return (prompt_texts(call));
	if (call->command == NULL)
		return (0);
	return (has_pair(call->command, len, '@', 'P') | (code &&
	    has_pair(call->command, len, '$', '"') &&
	    strstr(call->command, "TEXTDOMAIN") != NULL) << 1);
}

static void
result_init(struct risk_result *res)
{
	res->level = RISK_LOW;
	res->decision = RISK_DENY;
	res->matched = 0;
	res->unparseable = 0;
	res->rule_name = NULL;
	res->rule_file = NULL;
	res->rule_line = 0;
	res->why[0] = '\0';
	res->ncommands = 0;
	res->uncovered = 0;
	res->opaque = 0;
}

static int
ctx_init(struct ctx *c, const struct risk_ruleset *rs,
    const struct risk_call *call, uint64_t *bits, size_t nbits,
    const char **pwhat, uint32_t *pwlen, int promptx)
{
	size_t nr = (rs->nrules + 63) / 64, np = (rs->npm + 63) / 64;

	c->rs = rs;
	c->call = call;
	c->sp = NULL;
	c->nomem = 0;
	c->matched = 0;
	c->best = NONE;
	c->level = RISK_LOW;
	c->toollen = call->tool ? strlen(call->tool) : 0;
	c->dotglob = 0;
	c->globx = 0;
	c->zsh = 0;
	c->wkind = K_TOOL;
	c->ptree = 0;
	c->ws = NULL;
	c->wn = 0;
	c->wlast = NONE;
	c->blanket = 0;
	c->uncovered = 0;
	c->nmntw = 0;
	c->nnet = -1;
	c->defer = c->deferbuf;
	c->ndefer = 0;
	c->defermax = sizeof(c->deferbuf) / sizeof(c->deferbuf[0]);
	c->mval = NULL;
	c->mlen = 0;
	c->opq = NONE;
	c->opqfrom = NONE;
	c->unk = NONE;
	c->nfeed = 0;
	c->lwleft = LW_BUDGET;
	c->gvleft = GV_BUDGET;
	c->lwinit = 0;
	c->lwwscan = 0;
	c->lwwfirst = NONE;
	c->lwcscan = 0;
	c->lwcfirst = NONE;
	c->lwdepth = 0;
	c->nlrun = 0;
	c->calccode = c->calclazy = c->calc = 0;
	c->calcleft = 0;
	c->codeleft = CODE_MAX;
	c->cwd = NULL;
	c->cwdlen = 0;
	c->cwdp = NULL;
	c->cwdplen = 0;
	c->ocwdset = 0;
	c->odcmd = NULL;
	c->vtdone = 0;
	c->anyp = c->noany = c->opqw = 0;
	c->pread = c->rnames = c->anypw = c->rcopy = c->lwpathrun = 0;
	c->nla = 0;
	c->anyww = NULL;
	c->anywn = 0;
	c->pathset = 0;
	c->promptx = promptx;
	c->cdpath = -1;
	if (call->cwd != NULL && call->cwd[0] != '\0' &&
	    strlen(call->cwd) <= 1000) {
		c->cwd = call->cwd;
		c->cwdlen = strlen(call->cwd);
	}
	c->lwcwd[0].d = c->cwd;
	c->lwcwd[0].n = c->cwdlen;
	c->lwcwd[0].any = 0;
	c->lwcwd[0].p = NULL;
	c->lwcwd[0].pn = 0;
	c->nlwcwd = 1;
	c->ncscope = 0;
	c->lwcur = 0;
	c->lwlast = c->cwd;
	c->lwlastp = NULL;
	if (2 * nr + 2 * np > nbits)
		return (-1);
	memset(bits, 0, (2 * nr + 2 * np) * sizeof(*bits));
	c->known = bits;
	c->value = bits + nr;
	c->pbits = bits + 2 * nr;
	c->prbits = bits + 2 * nr + np;
	c->pwhat = pwhat;
	c->pwlen = pwlen;
	return (0);
}

static void
ctx_done(struct ctx *c)
{
	if (c->defer != c->deferbuf)
		free(c->defer);
	c->defer = c->deferbuf;
}

int
risk_classify(const struct risk_ruleset *rs, const struct risk_call *call,
    struct risk_result *res)
{
	uint64_t sbits[48], *bits = sbits;
	const char *spwhat[64], **pwhat = NULL;
	uint32_t spwlen[64], *pwlen = NULL;
	uint64_t arena[ARENA_STACK / sizeof(uint64_t)];
	struct shellparse sp;
	struct ctx c;
	size_t nbits, size = 0, len;
	void *heap = NULL;
	int rc = -1, tries, code, promptx;

	result_init(res);
	if (rs == NULL || call == NULL) {
		strlcpy(res->why, "no rule set", sizeof(res->why));
		res->level = RISK_CRITICAL;
		return (-1);
	}
	nbits = 2 * ((rs->nrules + 63) / 64) + 2 * ((rs->npm + 63) / 64);
	if (nbits > sizeof(sbits) / sizeof(sbits[0]) &&
	    (bits = calloc(nbits, sizeof(*bits))) == NULL)
		goto nomem;
	if (rs->npm <= 64) {
		pwhat = spwhat;
		pwlen = spwlen;
	} else if ((pwhat = calloc(rs->npm, sizeof(*pwhat))) == NULL ||
	    (pwlen = calloc(rs->npm, sizeof(*pwlen))) == NULL)
		goto nomem;
	if (nbits < sizeof(sbits) / sizeof(sbits[0]))
		nbits = sizeof(sbits) / sizeof(sbits[0]);

	/* Its length, and whether it has a $ or ` (calc_init()), in
	   one vector scan. */
	len = code = 0;
	if (call->command != NULL) {
		len = strcspn(call->command, "$`");
		if (call->command[len] != '\0') {
			code = 1;
			len += strlen(call->command + len);
		}
	}
	promptx = prompt_flags(call, len, code);
	for (tries = 0; tries < 3; tries++) {
		if (tries == 0 && call->command == NULL &&
		    (call->argv == NULL || call->argc == 0)) {
			/* Nothing to parse: no arena to lay out, and field
			   by field (a memset of it is a slow "rep stos"). */
			sp.text = NULL;
			sp.words = NULL;
			sp.redirs = NULL;
			sp.cmds = NULL;
			sp.textsize = sp.textlen = sp.wordsmax = sp.nwords = 0;
			sp.redirsmax = sp.nredirs = sp.cmdsmax = sp.ncmds = 0;
			sp.error = sp.full = 0;
			sp.funcs = 0;
			sp.errpos = 0;
		} else if (tries == 0) {
			shellparse_init(&sp, arena, sizeof(arena));
		} else {
			/* Room for what the line holds; then the most. */
			size = call->argc > 65536 || tries == 2 ? ARENA_MAX :
			    64 * len + 4096 * (call->argc + 16);
			if (size < 256 * 1024)
				size = 256 * 1024;
			if (size > ARENA_MAX)
				size = ARENA_MAX;
			free(heap);
			if ((heap = malloc(size)) == NULL)
				goto nomem;
			shellparse_init(&sp, heap, size);
		}
		ctx_init(&c, rs, call, bits, nbits, pwhat, pwlen, promptx);
		result_init(res);
		classify(&c, &sp, len, code, res);
		ctx_done(&c);
		if (!c.nomem && !sp.full)
			break;
		if (tries > 0 && size == ARENA_MAX)
			tries = 2;	/* no more to give */
	}
	if (tries == 3) {
		/* Too big even for the heap arena: refuse, and say so. */
		result_init(res);
		res->level = RISK_CRITICAL;
		res->unparseable = 1;
		res->opaque = 1;	/* what it runs is not known */
		res->decision = rs->policy.decision[RISK_CRITICAL] >
		    rs->policy.nomatch ? rs->policy.decision[RISK_CRITICAL] :
		    rs->policy.nomatch;
		if (res->decision < RISK_ASK)
			res->decision = RISK_ASK;
		strlcpy(res->why, "command line too complex to classify",
		    sizeof(res->why));
	}
	rc = 0;
	goto out;
 nomem:
	result_init(res);
	res->level = RISK_CRITICAL;
	res->decision = RISK_DENY;
	res->opaque = 1;
	strlcpy(res->why, "classifier out of memory", sizeof(res->why));
 out:
	if (heap != NULL)
		free(heap);
	if (bits != sbits)
		free(bits);
	if (pwhat != spwhat)
		free(pwhat);
	if (pwlen != spwlen)
		free(pwlen);
	return (rc);
}

const char *
risk_level_name(enum risk_level l)
{
	switch (l) {
	case RISK_LOW:
		return ("low");
	case RISK_MEDIUM:
		return ("medium");
	case RISK_HIGH:
		return ("high");
	case RISK_CRITICAL:
		return ("critical");
	}
	return ("unknown");
}

const char *
risk_decision_name(enum risk_decision d)
{
	switch (d) {
	case RISK_ALLOW:
		return ("allow");
	case RISK_ASK:
		return ("ask");
	case RISK_DENY:
		return ("deny");
	}
	return ("unknown");
}

int
risk_level_parse(const char *s, enum risk_level *l)
{
	int i;

	if (s == NULL)
		return (-1);
	for (i = RISK_LOW; i <= RISK_CRITICAL; i++)
		if (strcasecmp(s, risk_level_name((enum risk_level)i)) == 0) {
			*l = (enum risk_level)i;
			return (0);
		}
	return (-1);
}

int
risk_decision_parse(const char *s, enum risk_decision *d)
{
	int i;

	if (s == NULL)
		return (-1);
	for (i = RISK_ALLOW; i <= RISK_DENY; i++)
		if (strcasecmp(s, risk_decision_name(
		    (enum risk_decision)i)) == 0) {
			*d = (enum risk_decision)i;
			return (0);
		}
	return (-1);
}
