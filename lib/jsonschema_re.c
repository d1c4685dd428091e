/*
 * jsonschema_re: JSON Schema patterns without backtracking.
 *
 * glibc's regexec(3) was measured taking 16 s to search 100 KB for the
 * innocent "[ab]+x" (each start position rescans to the end), and 37 s
 * once anchored as "^.*(b.{500}c)" (its DFA explodes); it also reads
 * "\d" and "[^\s]" differently from the ECMA-262 patterns schemas are
 * written in.  Subjects come from a model and are hostile, so patterns
 * are matched here instead.
 *
 * A pattern is parsed into a small tree, then into its position
 * (Glushkov) automaton: one state per literal or class occurrence, with
 * the set of positions that may come first, last, and after each
 * position, as bitsets.  Counted repetitions are expanded into copies,
 * which is why their count is bounded.  Anchors are positions that
 * match virtual symbols before and after the subject.  Matching keeps
 * the set of positions that may match next and adds the first set at
 * every step, which searches from every start position at once.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexdig.h"
#include "jsonschema_re.h"

#define W_MAX		((JSONSCHEMA_RE_MAX_POSITIONS + 63) / 64)
#define REP_INF		UINT32_MAX
#define REP_CAP		100000		/* counts beyond are all "too many" */
#define CP_MAX		0x10ffffU
#define SYM_BEGIN	(CP_MAX + 1)
#define SYM_END		(CP_MAX + 2)
#define SYM_BOTH	(CP_MAX + 3)	/* start and end of "" */
#define SPARSE_MAX	4		/* follow sets kept as a list */

enum atom {
	A_LIT,
	A_ANY,
	A_SET,
	A_BEGIN,
	A_END
};

enum ntype {
	N_EMPTY,
	N_ATOM,
	N_CAT,
	N_ALT,
	N_REPEAT
};

struct range {
	uint32_t	 lo;
	uint32_t	 hi;
};

struct cset {
	struct range	*r;
	size_t		 nr;
	size_t		 cap;
	int		 neg;
};

struct node {
	enum ntype	 type;
	enum atom	 atom;
	uint32_t	 cp;		/* A_LIT */
	size_t		 set;		/* A_SET */
	struct node	*child;		/* CAT, ALT: first; REPEAT: body */
	struct node	*next;		/* next in a CAT or ALT */
	uint32_t	 min;
	uint32_t	 max;		/* REP_INF: unbounded */
};

struct pos {
	enum atom	 atom;
	uint32_t	 cp;
	size_t		 set;
	/*
	 * A follow set of at most SPARSE_MAX positions is also kept as a
	 * list, so that chains like "[a-z]{1,255}" cost a few bit sets per
	 * step instead of a row of words; nsparse > SPARSE_MAX: use the row.
	 */
	uint16_t	 sparse[SPARSE_MAX];
	unsigned int	 nsparse;
};

struct jsonschema_re {
	struct pos	*pos;
	size_t		 npos;
	size_t		 words;
	uint64_t	*follow;	/* npos rows of words */
	uint64_t	*first;
	uint64_t	*last;
	int		 nullable;
	size_t		 nbegin;	/* ^ positions */
	size_t		 nend;		/* $ positions */
	struct cset	*sets;
	size_t		 nsets;
};

struct parser {
	const unsigned char *p;
	size_t		 len;
	size_t		 off;
	struct node	*pool;
	size_t		 npool;
	size_t		 cappool;
	struct cset	*sets;
	size_t		 nsets;
	size_t		 capsets;
	int		 depth;
	int		 failed;
	char		*err;
	size_t		 errlen;
};

struct frag {
	uint64_t	 first[W_MAX];
	uint64_t	 last[W_MAX];
	int		 nullable;
};

static const struct range class_d[] = {
	{ 0x30, 0x39 },
};
static const struct range class_w[] = {
	{ 0x30, 0x39 }, { 0x41, 0x5a }, { 0x5f, 0x5f }, { 0x61, 0x7a },
};
/* ECMA-262 WhiteSpace and LineTerminator. */
static const struct range class_s[] = {
	{ 0x09, 0x0d }, { 0x20, 0x20 }, { 0xa0, 0xa0 }, { 0x1680, 0x1680 },
	{ 0x2000, 0x200a }, { 0x2028, 0x2029 }, { 0x202f, 0x202f },
	{ 0x205f, 0x205f }, { 0x3000, 0x3000 }, { 0xfeff, 0xfeff },
};

static struct node *parse_alt(struct parser *);

static void *
perr(struct parser *ps, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (ps->failed)
		return NULL;
	ps->failed = 1;
	if (ps->err == NULL || ps->errlen == 0)
		return NULL;
	va_start(ap, fmt);
	n = vsnprintf(ps->err, ps->errlen, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < ps->errlen)
		snprintf(ps->err + n, ps->errlen - n, " at offset %zu",
		    ps->off);
	return NULL;
}

/* One UTF-8 sequence, strictly; its length, or 0 if invalid. */
static size_t
utf8_get(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	 c;
	size_t		 n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > CP_MAX)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static struct node *
node_new(struct parser *ps, enum ntype type)
{
	struct node	*n;

	if (ps->npool == ps->cappool)
		return perr(ps, "pattern too complex");
	n = &ps->pool[ps->npool++];
	memset(n, 0, sizeof(*n));
	n->type = type;
	return n;
}

static int
set_new(struct parser *ps, size_t *idx)
{
	struct cset	*ns;
	size_t		 cap;

	if (ps->nsets == ps->capsets) {
		cap = ps->capsets ? ps->capsets * 2 : 4;
		if ((ns = reallocarray(ps->sets, cap, sizeof(*ns))) == NULL) {
			perr(ps, "out of memory");
			return -1;
		}
		ps->sets = ns;
		ps->capsets = cap;
	}
	memset(&ps->sets[ps->nsets], 0, sizeof(ps->sets[0]));
	*idx = ps->nsets++;
	return 0;
}

static int
set_add(struct parser *ps, size_t idx, uint32_t lo, uint32_t hi)
{
	struct cset	*s = &ps->sets[idx];
	struct range	*nr;
	size_t		 cap;

	if (s->nr == s->cap) {
		cap = s->cap ? s->cap * 2 : 8;
		if ((nr = reallocarray(s->r, cap, sizeof(*nr))) == NULL) {
			perr(ps, "out of memory");
			return -1;
		}
		s->r = nr;
		s->cap = cap;
	}
	s->r[s->nr].lo = lo;
	s->r[s->nr].hi = hi;
	s->nr++;
	return 0;
}

/* Add \d \w \s (lower case) or their complements (upper case). */
static int
set_add_class(struct parser *ps, size_t idx, int cls)
{
	const struct range	*r;
	size_t			 n, i;
	uint32_t		 next = 0;

	switch (cls) {
	case 'd':
	case 'D':
		r = class_d;
		n = sizeof(class_d) / sizeof(class_d[0]);
		break;
	case 'w':
	case 'W':
		r = class_w;
		n = sizeof(class_w) / sizeof(class_w[0]);
		break;
	default:
		r = class_s;
		n = sizeof(class_s) / sizeof(class_s[0]);
		break;
	}
	for (i = 0; i < n; i++) {
		if (cls >= 'a') {
			if (set_add(ps, idx, r[i].lo, r[i].hi) == -1)
				return -1;
			continue;
		}
		/* The tables are sorted: add the gaps. */
		if (r[i].lo > next &&
		    set_add(ps, idx, next, r[i].lo - 1) == -1)
			return -1;
		next = r[i].hi + 1;
	}
	if (cls < 'a' && set_add(ps, idx, next, CP_MAX) == -1)
		return -1;
	return 0;
}

static int
cset_has(const struct cset *s, uint32_t c)
{
	size_t	 i;

	for (i = 0; i < s->nr; i++)
		if (c >= s->r[i].lo && c <= s->r[i].hi)
			return !s->neg;
	return s->neg;
}

/* n hex digits at ps->off into *v; 0 or -1. */
static int
hexdigits(struct parser *ps, size_t n, uint32_t *v)
{
	size_t	 i;
	int	 h;

	if (ps->len - ps->off < n)
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if ((h = hexdig(ps->p[ps->off + i])) == -1)
			return -1;
		*v = (*v << 4) | (uint32_t)h;
	}
	ps->off += n;
	return 0;
}

static int
is_punct(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e &&
	    !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
	    !(c >= 'A' && c <= 'Z');
}

/*
 * The escape after a backslash (ps->off is past it).  1 with a class
 * letter in *cls, 0 with a code point in *cp, -1 on error.
 */
static int
parse_escape(struct parser *ps, int inclass, uint32_t *cp, int *cls)
{
	uint32_t	 lo;
	unsigned char	 c;

	if (ps->off >= ps->len) {
		perr(ps, "trailing backslash");
		return -1;
	}
	c = ps->p[ps->off++];
	switch (c) {
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
		*cls = c;
		return 1;
	case 't':
		*cp = '\t';
		return 0;
	case 'n':
		*cp = '\n';
		return 0;
	case 'r':
		*cp = '\r';
		return 0;
	case 'f':
		*cp = '\f';
		return 0;
	case 'v':
		*cp = '\v';
		return 0;
	case '0':
		if (ps->off < ps->len && ps->p[ps->off] >= '0' &&
		    ps->p[ps->off] <= '9') {
			perr(ps, "octal escapes are not supported");
			return -1;
		}
		*cp = 0;
		return 0;
	case 'x':
		if (hexdigits(ps, 2, cp) == -1) {
			perr(ps, "\\x needs two hex digits");
			return -1;
		}
		return 0;
	case 'u':
		if (ps->off < ps->len && ps->p[ps->off] == '{') {
			perr(ps, "\\u{...} is not supported");
			return -1;
		}
		if (hexdigits(ps, 4, cp) == -1) {
			perr(ps, "\\u needs four hex digits");
			return -1;
		}
		/* A surrogate pair written as two escapes is one. */
		if (*cp >= 0xd800 && *cp <= 0xdbff &&
		    ps->len - ps->off >= 6 && ps->p[ps->off] == '\\' &&
		    ps->p[ps->off + 1] == 'u') {
			ps->off += 2;
			if (hexdigits(ps, 4, &lo) == 0 &&
			    lo >= 0xdc00 && lo <= 0xdfff)
				*cp = 0x10000 + ((*cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			else {
				perr(ps, "unpaired surrogate escape");
				return -1;
			}
		}
		return 0;
	case 'b':
		if (inclass) {
			*cp = '\b';
			return 0;
		}
		perr(ps, "word boundaries (\\b) are not supported");
		return -1;
	case '1': case '2': case '3': case '4': case '5':
	case '6': case '7': case '8': case '9':
		perr(ps, "back-references are not supported");
		return -1;
	default:
		if (is_punct(c)) {
			*cp = c;
			return 0;
		}
		ps->off--;
		if (c >= 0x21 && c <= 0x7e)
			perr(ps, "unsupported escape \\%c", c);
		else
			perr(ps, "unsupported escape");
		return -1;
	}
}

/* One member of a class: 1 class letter, 0 code point, -1 error. */
static int
class_atom(struct parser *ps, uint32_t *cp, int *cls)
{
	size_t	 n;

	if (ps->p[ps->off] == '\\') {
		ps->off++;
		return parse_escape(ps, 1, cp, cls);
	}
	if ((n = utf8_get(ps->p + ps->off, ps->len - ps->off, cp)) == 0) {
		perr(ps, "invalid UTF-8");
		return -1;
	}
	ps->off += n;
	return 0;
}

static struct node *
parse_class(struct parser *ps)
{
	struct node	*n;
	size_t		 idx;
	uint32_t	 lo, hi;
	int		 cls, r;

	ps->off++;	/* [ */
	if (set_new(ps, &idx) == -1)
		return NULL;
	if (ps->off < ps->len && ps->p[ps->off] == '^') {
		ps->sets[idx].neg = 1;
		ps->off++;
	}
	for (;;) {
		if (ps->off >= ps->len)
			return perr(ps, "missing ]");
		if (ps->p[ps->off] == ']') {
			ps->off++;
			break;
		}
		if (ps->p[ps->off] == '[' && ps->off + 1 < ps->len &&
		    ps->p[ps->off + 1] == ':')
			return perr(ps, "POSIX classes like [:alpha:] are "
			    "not supported, use ranges");
		if ((r = class_atom(ps, &lo, &cls)) == -1)
			return NULL;
		if (r == 1) {
			if (ps->len - ps->off >= 2 && ps->p[ps->off] == '-' &&
			    ps->p[ps->off + 1] != ']')
				return perr(ps, "class escape in a range");
			if (set_add_class(ps, idx, cls) == -1)
				return NULL;
			continue;
		}
		hi = lo;
		if (ps->len - ps->off >= 2 && ps->p[ps->off] == '-' &&
		    ps->p[ps->off + 1] != ']') {
			ps->off++;
			if ((r = class_atom(ps, &hi, &cls)) == -1)
				return NULL;
			if (r == 1)
				return perr(ps, "class escape in a range");
			if (lo > hi)
				return perr(ps, "range out of order");
		}
		if (set_add(ps, idx, lo, hi) == -1)
			return NULL;
	}
	if ((n = node_new(ps, N_ATOM)) == NULL)
		return NULL;
	n->atom = A_SET;
	n->set = idx;
	return n;
}

/*
 * A braced quantifier {n}, {n,} or {n,m} at 'at'?  1 with its bounds
 * and the offset past it, else 0 (then '{' is a literal).
 */
static int
brace_at(struct parser *ps, size_t at, uint32_t *min, uint32_t *max,
    size_t *end)
{
	size_t		 i = at + 1;
	uint32_t	 a = 0, b = 0;
	int		 digits = 0;

	while (i < ps->len && ps->p[i] >= '0' && ps->p[i] <= '9') {
		if (a < REP_CAP)
			a = a * 10 + (ps->p[i] - '0');
		digits = 1;
		i++;
	}
	if (!digits || i >= ps->len)
		return 0;
	if (ps->p[i] == '}') {
		*min = *max = a;
		*end = i + 1;
		return 1;
	}
	if (ps->p[i] != ',')
		return 0;
	i++;
	digits = 0;
	while (i < ps->len && ps->p[i] >= '0' && ps->p[i] <= '9') {
		if (b < REP_CAP)
			b = b * 10 + (ps->p[i] - '0');
		digits = 1;
		i++;
	}
	if (i >= ps->len || ps->p[i] != '}')
		return 0;
	*min = a;
	*max = digits ? b : REP_INF;
	*end = i + 1;
	return 1;
}

/* A quantifier at ps->off: 1 parsed, 0 none, -1 error. */
static int
parse_quant(struct parser *ps, uint32_t *min, uint32_t *max)
{
	size_t	 end;

	if (ps->off >= ps->len)
		return 0;
	switch (ps->p[ps->off]) {
	case '*':
		*min = 0;
		*max = REP_INF;
		ps->off++;
		break;
	case '+':
		*min = 1;
		*max = REP_INF;
		ps->off++;
		break;
	case '?':
		*min = 0;
		*max = 1;
		ps->off++;
		break;
	case '{':
		if (!brace_at(ps, ps->off, min, max, &end))
			return 0;
		if (*min > *max) {
			perr(ps, "numbers out of order in {} quantifier");
			return -1;
		}
		ps->off = end;
		break;
	default:
		return 0;
	}
	/* Lazy matching changes what is captured, not whether it matches. */
	if (ps->off < ps->len && ps->p[ps->off] == '?')
		ps->off++;
	return 1;
}

static struct node *
parse_atom(struct parser *ps)
{
	struct node	*n;
	uint32_t	 cp, a, b;
	size_t		 len, end;
	int		 cls, r;

	switch (ps->p[ps->off]) {
	case '(':
		if (ps->depth >= JSONSCHEMA_RE_MAX_NEST)
			return perr(ps, "groups nest deeper than %d",
			    JSONSCHEMA_RE_MAX_NEST);
		ps->off++;
		if (ps->off < ps->len && ps->p[ps->off] == '?') {
			if (ps->off + 1 < ps->len && ps->p[ps->off + 1] == ':')
				ps->off += 2;
			else
				return perr(ps, "lookaround and named groups "
				    "are not supported");
		}
		ps->depth++;
		n = parse_alt(ps);
		ps->depth--;
		if (n == NULL)
			return NULL;
		if (ps->off >= ps->len || ps->p[ps->off] != ')')
			return perr(ps, "missing )");
		ps->off++;
		return n;
	case '*':
	case '+':
	case '?':
		return perr(ps, "nothing to repeat");
	case '{':
		if (brace_at(ps, ps->off, &a, &b, &end))
			return perr(ps, "nothing to repeat");
		break;
	case '[':
		return parse_class(ps);
	case '.':
	case '^':
	case '$':
		if ((n = node_new(ps, N_ATOM)) == NULL)
			return NULL;
		n->atom = ps->p[ps->off] == '.' ? A_ANY :
		    ps->p[ps->off] == '^' ? A_BEGIN : A_END;
		ps->off++;
		return n;
	case '\\':
		ps->off++;
		if ((r = parse_escape(ps, 0, &cp, &cls)) == -1)
			return NULL;
		if (r == 0)
			goto literal;
		if ((n = node_new(ps, N_ATOM)) == NULL)
			return NULL;
		n->atom = A_SET;
		if (set_new(ps, &n->set) == -1)
			return NULL;
		ps->sets[n->set].neg = cls < 'a';
		if (set_add_class(ps, n->set, cls + (cls < 'a' ? 32 : 0)) ==
		    -1)
			return NULL;
		return n;
	default:
		break;
	}
	if ((len = utf8_get(ps->p + ps->off, ps->len - ps->off, &cp)) == 0)
		return perr(ps, "invalid UTF-8");
	ps->off += len;
 literal:
	if ((n = node_new(ps, N_ATOM)) == NULL)
		return NULL;
	n->atom = A_LIT;
	n->cp = cp;
	return n;
}

static struct node *
parse_cat(struct parser *ps)
{
	struct node	*head = NULL, *tail = NULL, *a, *rep, *cat;
	uint32_t	 min, max;
	int		 r, anchor;

	while (ps->off < ps->len && ps->p[ps->off] != '|' &&
	    ps->p[ps->off] != ')') {
		anchor = ps->p[ps->off] == '^' || ps->p[ps->off] == '$';
		if ((a = parse_atom(ps)) == NULL)
			return NULL;
		if ((r = parse_quant(ps, &min, &max)) == -1)
			return NULL;
		/* ECMA-262 refuses "^*" but not "(^)*". */
		if (r == 1 && anchor)
			return perr(ps, "nothing to repeat");
		if (r == 1) {
			if ((rep = node_new(ps, N_REPEAT)) == NULL)
				return NULL;
			rep->child = a;
			rep->min = min;
			rep->max = max;
			a = rep;
		}
		if (head == NULL)
			head = a;
		else
			tail->next = a;
		tail = a;
	}
	if (head == NULL)
		return node_new(ps, N_EMPTY);
	if (head == tail)
		return head;
	if ((cat = node_new(ps, N_CAT)) == NULL)
		return NULL;
	cat->child = head;
	return cat;
}

static struct node *
parse_alt(struct parser *ps)
{
	struct node	*first, *tail, *n, *alt;

	if ((first = parse_cat(ps)) == NULL)
		return NULL;
	if (ps->off >= ps->len || ps->p[ps->off] != '|')
		return first;
	if ((alt = node_new(ps, N_ALT)) == NULL)
		return NULL;
	alt->child = tail = first;
	while (ps->off < ps->len && ps->p[ps->off] == '|') {
		ps->off++;
		if ((n = parse_cat(ps)) == NULL)
			return NULL;
		tail->next = n;
		tail = n;
	}
	return alt;
}

static uint32_t
copies(const struct node *n)
{
	if (n->max != REP_INF)
		return n->max;
	return n->min > 0 ? n->min : 1;
}

/* Positions after expansion, saturating above the limit. */
static uint64_t
count_pos(const struct node *n)
{
	const struct node	*c;
	uint64_t		 sum = 0;

	switch (n->type) {
	case N_EMPTY:
		return 0;
	case N_ATOM:
		return 1;
	case N_CAT:
	case N_ALT:
		for (c = n->child; c != NULL; c = c->next) {
			sum += count_pos(c);
			if (sum > JSONSCHEMA_RE_MAX_POSITIONS)
				return JSONSCHEMA_RE_MAX_POSITIONS + 1;
		}
		return sum;
	case N_REPEAT:
		/*
		 * An empty body still costs one per copy: building
		 * "((){9999}){9999}" would otherwise loop 10^8 times.
		 * Both factors are below 10^7, so no overflow.
		 */
		sum = count_pos(n->child);
		sum = (sum > 0 ? sum : 1) * copies(n);
		if (sum > JSONSCHEMA_RE_MAX_POSITIONS)
			return JSONSCHEMA_RE_MAX_POSITIONS + 1;
		return sum;
	}
	return 0;
}

static void
bits_or(uint64_t *d, const uint64_t *s, size_t w)
{
	size_t	 i;

	for (i = 0; i < w; i++)
		d[i] |= s[i];
}

/* f = f followed by x. */
static void
frag_cat(struct jsonschema_re *re, struct frag *f, const struct frag *x)
{
	uint64_t	 bits;
	size_t		 w, p;

	for (w = 0; w < re->words; w++) {
		for (bits = f->last[w]; bits != 0; bits &= bits - 1) {
			p = w * 64 + (size_t)__builtin_ctzll(bits);
			bits_or(re->follow + p * re->words, x->first,
			    re->words);
		}
	}
	if (f->nullable)
		bits_or(f->first, x->first, re->words);
	if (x->nullable)
		bits_or(f->last, x->last, re->words);
	else
		memcpy(f->last, x->last, sizeof(f->last));
	f->nullable = f->nullable && x->nullable;
}

/* x+: what may end x may be followed by what may start it. */
static void
frag_loop(struct jsonschema_re *re, struct frag *x)
{
	uint64_t	 bits;
	size_t		 w, p;

	for (w = 0; w < re->words; w++) {
		for (bits = x->last[w]; bits != 0; bits &= bits - 1) {
			p = w * 64 + (size_t)__builtin_ctzll(bits);
			bits_or(re->follow + p * re->words, x->first,
			    re->words);
		}
	}
}

/* Recursion is bounded by the group nesting limit. */
static void
build(struct jsonschema_re *re, const struct node *n, struct frag *f)
{
	const struct node	*c;
	struct frag		 x, r;
	uint32_t		 i, k;
	size_t			 p;

	memset(f, 0, sizeof(*f));
	switch (n->type) {
	case N_EMPTY:
		f->nullable = 1;
		break;
	case N_ATOM:
		p = re->npos++;
		if (n->atom == A_BEGIN)
			re->nbegin++;
		if (n->atom == A_END)
			re->nend++;
		re->pos[p].atom = n->atom;
		re->pos[p].cp = n->cp;
		re->pos[p].set = n->set;
		f->first[p / 64] |= 1ULL << (p % 64);
		f->last[p / 64] |= 1ULL << (p % 64);
		break;
	case N_CAT:
		f->nullable = 1;
		for (c = n->child; c != NULL; c = c->next) {
			build(re, c, &x);
			frag_cat(re, f, &x);
		}
		break;
	case N_ALT:
		for (c = n->child; c != NULL; c = c->next) {
			build(re, c, &x);
			bits_or(f->first, x.first, re->words);
			bits_or(f->last, x.last, re->words);
			f->nullable |= x.nullable;
		}
		break;
	case N_REPEAT:
		f->nullable = 1;
		if (n->max == REP_INF) {
			/* x{2,} is x x+; x* is (x+)?. */
			k = copies(n);
			for (i = 0; i < k; i++) {
				build(re, n->child, &x);
				if (i == k - 1) {
					frag_loop(re, &x);
					if (n->min == 0)
						x.nullable = 1;
				}
				frag_cat(re, f, &x);
			}
			break;
		}
		for (i = 0; i < n->min; i++) {
			build(re, n->child, &x);
			frag_cat(re, f, &x);
		}
		/*
		 * x{0,3} as (x(x(x)?)?)? rather than x?x?x?: the same
		 * strings, but each copy is followed by the next one only,
		 * not by all the rest, which keeps follow sets small.
		 */
		memset(&r, 0, sizeof(r));
		r.nullable = 1;
		for (i = n->max - n->min; i > 0; i--) {
			build(re, n->child, &x);
			frag_cat(re, &x, &r);
			x.nullable = 1;
			r = x;
		}
		frag_cat(re, f, &r);
		break;
	}
}

static void
sparsify(struct jsonschema_re *re)
{
	const uint64_t	*row;
	uint64_t	 bits;
	size_t		 p, w;
	unsigned int	 n;

	for (p = 0; p < re->npos; p++) {
		row = re->follow + p * re->words;
		n = 0;
		for (w = 0; w < re->words; w++) {
			for (bits = row[w]; bits != 0; bits &= bits - 1) {
				if (n < SPARSE_MAX)
					re->pos[p].sparse[n] = (uint16_t)(w *
					    64 + (size_t)__builtin_ctzll(bits));
				n++;
			}
		}
		re->pos[p].nsparse = n;
	}
}

static void
sets_free(struct cset *sets, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(sets[i].r);
	free(sets);
}

struct jsonschema_re *
jsonschema_re_compile(const char *pat, size_t len, char *err, size_t errlen)
{
	struct parser		 ps;
	struct jsonschema_re	*re = NULL;
	struct node		*root;
	struct frag		 f;
	uint64_t		 npos;
	size_t			 rows;

	memset(&ps, 0, sizeof(ps));
	ps.p = (const unsigned char *)pat;
	ps.len = len;
	ps.err = err;
	ps.errlen = errlen;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (len > JSONSCHEMA_RE_MAX_LEN) {
		perr(&ps, "longer than %d bytes", JSONSCHEMA_RE_MAX_LEN);
		return NULL;
	}
	/* Each byte makes at most one atom, one join and one repeat. */
	ps.cappool = 3 * len + 8;
	if ((ps.pool = reallocarray(NULL, ps.cappool, sizeof(*ps.pool))) ==
	    NULL) {
		perr(&ps, "out of memory");
		return NULL;
	}
	if ((root = parse_alt(&ps)) == NULL)
		goto fail;
	if (ps.off != ps.len) {
		perr(&ps, "unmatched )");
		goto fail;
	}
	if ((npos = count_pos(root)) > JSONSCHEMA_RE_MAX_POSITIONS) {
		perr(&ps, "too complex: repetitions expand beyond %d "
		    "positions (bound lengths with maxLength)",
		    JSONSCHEMA_RE_MAX_POSITIONS);
		goto fail;
	}
	if ((re = calloc(1, sizeof(*re))) == NULL)
		goto nomem;
	re->words = npos > 0 ? (size_t)(npos + 63) / 64 : 1;
	rows = npos > 0 ? (size_t)npos : 1;
	re->pos = calloc(rows, sizeof(*re->pos));
	re->follow = calloc(rows * re->words, sizeof(*re->follow));
	re->first = calloc(re->words, sizeof(*re->first));
	re->last = calloc(re->words, sizeof(*re->last));
	if (re->pos == NULL || re->follow == NULL || re->first == NULL ||
	    re->last == NULL)
		goto nomem;
	build(re, root, &f);
	sparsify(re);
	memcpy(re->first, f.first, re->words * sizeof(*re->first));
	memcpy(re->last, f.last, re->words * sizeof(*re->last));
	re->nullable = f.nullable;
	re->sets = ps.sets;
	re->nsets = ps.nsets;
	free(ps.pool);
	return re;
 nomem:
	perr(&ps, "out of memory");
 fail:
	free(ps.pool);
	sets_free(ps.sets, ps.nsets);
	if (re != NULL) {
		re->sets = NULL;
		re->nsets = 0;
		jsonschema_re_free(re);
	}
	return NULL;
}

static int
pos_match(const struct jsonschema_re *re, const struct pos *p, uint32_t x)
{
	switch (p->atom) {
	case A_BEGIN:
		return x == SYM_BEGIN || x == SYM_BOTH;
	case A_END:
		return x == SYM_END || x == SYM_BOTH;
	case A_LIT:
		return x == p->cp;
	case A_ANY:
		return x <= CP_MAX && x != '\n' && x != '\r' &&
		    x != 0x2028 && x != 0x2029;
	case A_SET:
		return x <= CP_MAX && cset_has(&re->sets[p->set], x);
	}
	return 0;
}

int
jsonschema_re_search(const struct jsonschema_re *re, const char *s,
    size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint64_t		 cur[W_MAX], nxt[W_MAX], bits;
	uint32_t		 x;
	size_t			 off = 0, n, w, p, q, nb, ne;
	unsigned int		 i;

	if (re->nullable)
		return 1;
	memcpy(cur, re->first, re->words * sizeof(*cur));
	/*
	 * The subject is framed by one BEGIN per ^ in the pattern and one
	 * END per $, so that anchors in a row ("^(^a)", "a$(b|$)") each
	 * find a symbol to match; a path never needs more, and may start
	 * at any of them because the first set is added at every step.
	 * In the empty string start and end are one place, where "$^"
	 * matches too: each symbol there is both.
	 */
	nb = re->nbegin > 0 ? re->nbegin : 1;
	ne = re->nend > 0 ? re->nend : 1;
	if (len == 0) {
		nb += ne;
		ne = 0;
	}
	for (;;) {
		if (nb > 0) {
			x = len == 0 ? SYM_BOTH : SYM_BEGIN;
			nb--;
		} else if (off < len) {
			/* Invalid UTF-8 is one U+FFFD per bad byte. */
			if ((n = utf8_get(u + off, len - off, &x)) == 0) {
				x = 0xfffd;
				n = 1;
			}
			off += n;
		} else if (ne > 0) {
			x = SYM_END;
			ne--;
		} else
			break;
		memset(nxt, 0, re->words * sizeof(*nxt));
		for (w = 0; w < re->words; w++) {
			for (bits = cur[w]; bits != 0; bits &= bits - 1) {
				p = w * 64 + (size_t)__builtin_ctzll(bits);
				if (!pos_match(re, &re->pos[p], x))
					continue;
				if (re->last[w] & (1ULL << (p % 64)))
					return 1;
				if (re->pos[p].nsparse > SPARSE_MAX) {
					bits_or(nxt, re->follow + p * re->words,
					    re->words);
					continue;
				}
				for (i = 0; i < re->pos[p].nsparse; i++) {
					q = re->pos[p].sparse[i];
					nxt[q / 64] |= 1ULL << (q % 64);
				}
			}
		}
		for (w = 0; w < re->words; w++)
			cur[w] = nxt[w] | re->first[w];
	}
	return 0;
}

size_t
jsonschema_re_ncodepoints(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 off = 0, n, count = 0;
	uint32_t		 cp;

	while (off < len) {
		if ((n = utf8_get(u + off, len - off, &cp)) == 0)
			n = 1;
		off += n;
		count++;
	}
	return count;
}

void
jsonschema_re_free(struct jsonschema_re *re)
{
	if (re == NULL)
		return;
	sets_free(re->sets, re->nsets);
	free(re->pos);
	free(re->follow);
	free(re->first);
	free(re->last);
	free(re);
}
