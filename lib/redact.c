/*
 * Streaming redaction of known secret values: an Aho-Corasick automaton
 * over every pattern (the values and their encodings), run byte by byte
 * over the stream, with a window that delays each byte's release until
 * every pattern that could start at it has had the chance to end.
 *
 * The window holds, per position, the best candidate match starting
 * there.  Position s is decided once (longest pattern) bytes from s on
 * have been seen, so all matches starting at s are known: the longest
 * one is replaced and the bytes it covers are skipped, or the byte at s
 * is released.  Deciding positions in order gives leftmost-longest.
 *
 * Patterns up to RD_PREFIX bytes live in the automaton whole.  A longer
 * pattern (a large value, or its hex/base64/percent form) puts only its
 * first RD_PREFIX bytes in the automaton; the node where that prefix
 * ends names a group of long patterns, and when the prefix is seen at s
 * the decision at s compares a rolling hash of the window against each
 * of them (longest first).  That keeps memory proportional to the
 * prefixes, not to megabytes of encoded value, while every step stays
 * O(1) amortized.  The hash is a polynomial over GF(2^61-1) with a
 * random base: two different strings of length n collide with
 * probability at most n/2^61, and a collision can only over-redact.
 */

#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"

#define RD_PREFIX	256		/* longest pattern kept whole */
#define RD_GROUP	0x80000000U	/* candidate names a group */
#define RD_P		0x1fffffffffffffffULL	/* 2^61 - 1 */
#define RD_NODES_MAX	0x7fffffffU
#define RD_ROWS_MAX	4096		/* dense rows: 4 MiB at most */

struct rd_node {
	uint32_t	 child;		/* first child, 0 if none */
	uint32_t	 sibling;	/* next child of the same parent */
	uint32_t	 parent;
	uint32_t	 fail;
	uint32_t	 dict;		/* next output on fail chain */
	uint32_t	 depth;
	uint32_t	 secret;	/* secret + 1 if a pattern ends here */
	uint32_t	 group;		/* group + 1: long ones go on */
	uint32_t	 row;		/* dense row + 1, or 0 */
	unsigned char	 byte;
};

struct rd_long {
	uint64_t	 hash;
	uint64_t	 bpow;		/* base^len mod p */
	uint32_t	 len;
	uint32_t	 secret;
	uint32_t	 group;
	uint32_t	 order;		/* first added wins */
};

struct rd_group {
	uint32_t	 node;
	uint32_t	 first;		/* in longs, longest first */
	uint32_t	 count;
	uint32_t	 fallback;	/* deepest pattern on the prefix */
};

struct rd_secret {
	char		 name[REDACT_NAME_MAX + 1];
	char		 repl[REDACT_NAME_MAX + 16];
	size_t		 repllen;
	unsigned char	*value;
	size_t		 len;
	size_t		 hits;
};

struct redactor {
	struct rd_secret *secrets;
	size_t		 nsecrets, secretscap;

	struct rd_node	*nodes;
	size_t		 nnodes, nodescap;
	uint32_t	 root[256];
	uint32_t	*delta;		/* 256 transitions per row */
	size_t		 nrows;
	struct rd_long	*longs;
	size_t		 nlongs, longscap;
	struct rd_group	*groups;
	size_t		 ngroups, groupscap;
	uint64_t	 base;
	size_t		 maxlen;

	int		 compiled;
	int		 broken;
	uint32_t	 state;
	uint64_t	 pos;		/* bytes consumed */
	uint64_t	 committed;	/* bytes released or replaced */
	size_t		 wincap;
	size_t		 mask;
	unsigned char	*ring;		/* input bytes by position */
	uint32_t	*cand;		/* best match starting there */
	uint64_t	*hring;		/* prefix hashes */
	size_t		 hits;
};

static const char rd_hexlo[] = "0123456789abcdef";
static const char rd_hexup[] = "0123456789ABCDEF";
static const char rd_b64std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char rd_b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/*
 * Grow an array that may hold secret-derived bytes: the old copy is
 * wiped before it is freed, which realloc would not do.  Returns the
 * array to use from now on (old itself if it is big enough), or NULL
 * with old untouched.
 */
static void *
rd_grow(void *old, size_t *capp, size_t need, size_t size)
{
	void	*np;
	size_t	 ncap;

	if (need <= *capp)
		return old;
	ncap = *capp ? *capp : 16;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2) {
			errno = ENOMEM;
			return NULL;
		}
		ncap *= 2;
	}
	if ((np = calloc(ncap, size)) == NULL)
		return NULL;
	if (old != NULL) {
		memcpy(np, old, *capp * size);
		freezero(old, *capp * size);
	}
	*capp = ncap;
	return np;
}

static uint64_t
rd_mulmod(uint64_t a, uint64_t b)
{
	unsigned __int128 m = (unsigned __int128)a * b;
	uint64_t	 r;

	r = ((uint64_t)m & RD_P) + (uint64_t)(m >> 61);
	r = (r & RD_P) + (r >> 61);
	if (r >= RD_P)
		r -= RD_P;
	return r;
}

static uint64_t
rd_hashstep(uint64_t h, uint64_t base, unsigned char b)
{
	h = rd_mulmod(h, base) + (uint64_t)b + 1;
	if (h >= RD_P)
		h -= RD_P;
	return h;
}

static uint64_t
rd_powmod(uint64_t b, uint64_t e)
{
	uint64_t r = 1;

	while (e) {
		if (e & 1)
			r = rd_mulmod(r, b);
		b = rd_mulmod(b, b);
		e >>= 1;
	}
	return r;
}

void
redact_out_init(struct redact_out *o)
{
	o->buf = NULL;
	o->len = o->cap = 0;
}

void
redact_out_reset(struct redact_out *o)
{
	o->len = 0;
}

void
redact_out_free(struct redact_out *o)
{
	free(o->buf);
	redact_out_init(o);
}

static int
rd_reserve(struct redact_out *o, size_t more)
{
	unsigned char	*nb;
	size_t		 ncap;

	if (more <= o->cap - o->len)
		return 0;
	if (more > SIZE_MAX - o->len) {
		errno = ENOMEM;
		return -1;
	}
	ncap = o->cap ? o->cap : 256;
	while (ncap < o->len + more) {
		if (ncap > SIZE_MAX / 2) {
			ncap = o->len + more;
			break;
		}
		ncap *= 2;
	}
	if ((nb = realloc(o->buf, ncap)) == NULL)
		return -1;
	o->buf = nb;
	o->cap = ncap;
	return 0;
}

static int
rd_put(struct redact_out *o, const void *p, size_t n)
{
	if (rd_reserve(o, n) == -1)
		return -1;
	memcpy(o->buf + o->len, p, n);
	o->len += n;
	return 0;
}

struct redactor *
redactor_new(void)
{
	struct redactor	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	/* Node 0 is the root. */
	if ((r->nodes = rd_grow(NULL, &r->nodescap, 1,
	    sizeof(*r->nodes))) == NULL) {
		free(r);
		return NULL;
	}
	r->nnodes = 1;
	return r;
}

static int
rd_name_ok(const char *name)
{
	size_t	i, n;

	if (name == NULL)
		return 0;
	n = strnlen(name, REDACT_NAME_MAX + 1);
	if (n == 0 || n > REDACT_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

int
redactor_add(struct redactor *r, const char *name, const void *value,
    size_t len)
{
	struct rd_secret *s;
	void		*np;

	if (r == NULL || r->compiled || !rd_name_ok(name) || value == NULL ||
	    len == 0 || len > REDACT_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (r->nsecrets >= REDACT_SECRETS_MAX) {
		errno = E2BIG;
		return -1;
	}
	if ((np = rd_grow(r->secrets, &r->secretscap, r->nsecrets + 1,
	    sizeof(*r->secrets))) == NULL)
		return -1;
	r->secrets = np;
	s = &r->secrets[r->nsecrets];
	memset(s, 0, sizeof(*s));
	if ((s->value = malloc(len)) == NULL)
		return -1;
	memcpy(s->value, value, len);
	s->len = len;
	strlcpy(s->name, name, sizeof(s->name));
	s->repllen = (size_t)snprintf(s->repl, sizeof(s->repl),
	    "[REDACTED:%s]", name);
	r->nsecrets++;
	return 0;
}

/* Walk (and extend) the trie along p; the node where p ends. */
static int
rd_insert(struct redactor *r, const unsigned char *p, size_t len,
    uint32_t *nodep)
{
	uint32_t	 n = 0, c;
	size_t		 i;
	void		*np;

	for (i = 0; i < len; i++) {
		if (n == 0)
			c = r->root[p[i]];
		else {
			for (c = r->nodes[n].child; c != 0;
			    c = r->nodes[c].sibling)
				if (r->nodes[c].byte == p[i])
					break;
		}
		if (c == 0) {
			if (r->nnodes >= RD_NODES_MAX) {
				errno = ENOMEM;
				return -1;
			}
			if ((np = rd_grow(r->nodes, &r->nodescap,
			    r->nnodes + 1, sizeof(*r->nodes))) == NULL)
				return -1;
			r->nodes = np;
			c = (uint32_t)r->nnodes++;
			r->nodes[c].byte = p[i];
			r->nodes[c].parent = n;
			r->nodes[c].depth = r->nodes[n].depth + 1;
			if (n == 0)
				r->root[p[i]] = c;
			else {
				r->nodes[c].sibling = r->nodes[n].child;
				r->nodes[n].child = c;
			}
		}
		n = c;
	}
	*nodep = n;
	return 0;
}

static int
rd_pattern(struct redactor *r, uint32_t secret, const unsigned char *p,
    size_t len)
{
	struct rd_long	*l;
	uint32_t	 node;
	uint64_t	 h = 0;
	size_t		 i;
	void		*np;

	/*
	 * The window is as long as the longest pattern: a 1 MiB binary
	 * value in JSON (\u00XX) would need 6 MiB of it, for a form that
	 * no tool prints.  Hex of the largest value is the limit.
	 */
	if (len > REDACT_PATTERN_MAX)
		return 0;
	if (len <= RD_PREFIX) {
		if (rd_insert(r, p, len, &node) == -1)
			return -1;
		/* The same bytes for two secrets: the first one names it. */
		if (r->nodes[node].secret == 0)
			r->nodes[node].secret = secret + 1;
	} else {
		if (rd_insert(r, p, RD_PREFIX, &node) == -1)
			return -1;
		if (r->nodes[node].group == 0) {
			if ((np = rd_grow(r->groups, &r->groupscap,
			    r->ngroups + 1, sizeof(*r->groups))) == NULL)
				return -1;
			r->groups = np;
			r->groups[r->ngroups].node = node;
			r->nodes[node].group = (uint32_t)++r->ngroups;
		}
		if ((np = rd_grow(r->longs, &r->longscap, r->nlongs + 1,
		    sizeof(*r->longs))) == NULL)
			return -1;
		r->longs = np;
		for (i = 0; i < len; i++)
			h = rd_hashstep(h, r->base, p[i]);
		l = &r->longs[r->nlongs];
		l->hash = h;
		l->bpow = rd_powmod(r->base, len);
		l->len = (uint32_t)len;
		l->secret = secret;
		l->group = r->nodes[node].group - 1;
		l->order = (uint32_t)r->nlongs;
		r->nlongs++;
	}
	if (len > r->maxlen)
		r->maxlen = len;
	return 0;
}

/*
 * The characters of base64(a zero bytes, then v) that depend on v
 * alone: character j covers bits [6j, 6j + 6) of the stream and v
 * occupies bits [8a, 8a + 8n).
 */
static size_t
rd_b64_inner(const unsigned char *v, size_t n, size_t a, const char *alpha,
    unsigned char *out)
{
	size_t		j, j0, j1, bit, byte, sh, k = 0;
	unsigned int	w;

	j0 = (8 * a + 5) / 6;
	j1 = (8 * a + 8 * n) / 6;
	for (j = j0; j < j1; j++) {
		bit = 6 * j - 8 * a;
		byte = bit / 8;
		sh = bit % 8;
		w = (unsigned int)v[byte] << 8;
		if (byte + 1 < n)
			w |= v[byte + 1];
		out[k++] = (unsigned char)alpha[(w >> (10 - sh)) & 63];
	}
	return k;
}

#define RD_URL_UPPER	0x01	/* %2F, not %2f */
#define RD_URL_PLUS	0x02	/* space as '+' */
#define RD_URL_SLASH	0x04	/* '/' left as is */
#define RD_URL_JS	0x08	/* "!'()*" left as is */

/* Left as is by encodeURIComponent, encoded by most others. */
static int
rd_is_js(unsigned char c)
{
	return c == '!' || c == '\'' || c == '(' || c == ')' || c == '*';
}

static size_t
rd_url(const unsigned char *v, size_t n, int flags, unsigned char *out)
{
	const char	*hex = (flags & RD_URL_UPPER) ? rd_hexup : rd_hexlo;
	size_t		 i, k = 0;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = v[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~' ||
		    (c == '/' && (flags & RD_URL_SLASH)) ||
		    (rd_is_js(c) && (flags & RD_URL_JS)))
			out[k++] = c;
		else if (c == ' ' && (flags & RD_URL_PLUS))
			out[k++] = '+';
		else {
			out[k++] = '%';
			out[k++] = (unsigned char)hex[c >> 4];
			out[k++] = (unsigned char)hex[c & 15];
		}
	}
	return k;
}

/*
 * The value as it appears inside a JSON string: quote, backslash and
 * control characters escaped, the rest (UTF-8 included) as is.
 */
static size_t
rd_json(const unsigned char *v, size_t n, int slash, unsigned char *out)
{
	size_t		i, k = 0;
	unsigned char	c, e;

	for (i = 0; i < n; i++) {
		c = v[i];
		switch (c) {
		case '"':
		case '\\':
			e = c;
			break;
		case '/':
			e = slash ? '/' : 0;
			break;
		case '\b':
			e = 'b';
			break;
		case '\f':
			e = 'f';
			break;
		case '\n':
			e = 'n';
			break;
		case '\r':
			e = 'r';
			break;
		case '\t':
			e = 't';
			break;
		default:
			e = 0;
			break;
		}
		if (e != 0) {
			out[k++] = '\\';
			out[k++] = e;
		} else if (c < 0x20) {
			memcpy(out + k, "\\u00", 4);
			out[k + 4] = (unsigned char)rd_hexlo[c >> 4];
			out[k + 5] = (unsigned char)rd_hexlo[c & 15];
			k += 6;
		} else
			out[k++] = c;
	}
	return k;
}

/* Add a value of secret si and each encoding of it. */
static int
rd_value_patterns(struct redactor *r, uint32_t si, const unsigned char *v,
    size_t n)
{
	unsigned char		*buf;
	size_t			 bufsz, i, k, a;
	int			 f, rv = -1, has_space = 0, has_slash = 0;
	int			 has_js = 0, has_hexalpha = 0, plain = 1;
	const char		*alpha[2] = { rd_b64std, rd_b64url };

	/* JSON's \u00XX is the longest form: 6 bytes per byte. */
	bufsz = 6 * n + 4;
	if ((buf = malloc(bufsz)) == NULL)
		return -1;

	if (rd_pattern(r, si, v, n) == -1)
		goto done;

	if (2 * n >= REDACT_ENC_MIN) {
		for (i = 0; i < n; i++) {
			buf[2 * i] = (unsigned char)rd_hexlo[v[i] >> 4];
			buf[2 * i + 1] = (unsigned char)rd_hexlo[v[i] & 15];
		}
		if (rd_pattern(r, si, buf, 2 * n) == -1)
			goto done;
		for (i = 0; i < n; i++) {
			buf[2 * i] = (unsigned char)rd_hexup[v[i] >> 4];
			buf[2 * i + 1] = (unsigned char)rd_hexup[v[i] & 15];
		}
		if (rd_pattern(r, si, buf, 2 * n) == -1)
			goto done;
	}

	for (f = 0; f < 2; f++) {
		for (a = 0; a < 3; a++) {
			k = rd_b64_inner(v, n, a, alpha[f], buf);
			if (k >= REDACT_ENC_MIN &&
			    rd_pattern(r, si, buf, k) == -1)
				goto done;
		}
	}

	for (i = 0; i < n; i++) {
		unsigned char c = v[i];

		if (c == ' ')
			has_space = 1;
		else if (c == '/')
			has_slash = 1;
		else if (rd_is_js(c))
			has_js = 1;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')) {
			plain = 0;
			if ((c >> 4) >= 10 || (c & 15) >= 10)
				has_hexalpha = 1;
		}
	}
	/* Nothing to encode: every variant is the raw value again. */
	if (!plain) {
		for (f = 0; f < 16; f++) {
			if ((f & RD_URL_UPPER) && !has_hexalpha)
				continue;
			if ((f & RD_URL_PLUS) && !has_space)
				continue;
			if ((f & RD_URL_SLASH) && !has_slash)
				continue;
			if ((f & RD_URL_JS) && !has_js)
				continue;
			k = rd_url(v, n, f, buf);
			if (k == n && memcmp(buf, v, n) == 0)
				continue;
			if (k >= REDACT_ENC_MIN &&
			    rd_pattern(r, si, buf, k) == -1)
				goto done;
		}
	}

	/* Inside a JSON string; json-c also writes '/' as "\/". */
	for (f = 0; f < 2; f++) {
		if (f == 1 && !has_slash)
			continue;
		k = rd_json(v, n, f, buf);
		if (k == n && memcmp(buf, v, n) == 0)
			continue;
		if (k >= REDACT_ENC_MIN && rd_pattern(r, si, buf, k) == -1)
			goto done;
	}
	rv = 0;
 done:
	freezero(buf, bufsz);
	return rv;
}

/*
 * Add a secret's value and each encoding of it.  A value stored with a
 * line ending ("echo V | harnessctl vault put", a file saved by an
 * editor) is mostly used without it: "$(cat file)", read, strip() all
 * drop it.  So the value without its trailing "\n" or "\r\n" (all of
 * them) is matched too, with its encodings, when what is left is at
 * least REDACT_ENC_MIN bytes; leftmost-longest still replaces the whole
 * value, line ending included, where it appears whole.
 */
static int
rd_secret_patterns(struct redactor *r, uint32_t si)
{
	const unsigned char	*v = r->secrets[si].value;
	size_t			 n = r->secrets[si].len, k = n;

	if (rd_value_patterns(r, si, v, n) == -1)
		return -1;
	while (k > 0 && v[k - 1] == '\n') {
		k--;
		if (k > 0 && v[k - 1] == '\r')
			k--;
	}
	if (k < n && k >= REDACT_ENC_MIN &&
	    rd_value_patterns(r, si, v, k) == -1)
		return -1;
	return 0;
}

/*
 * One transition.  Shallow nodes, where the automaton spends most of its
 * time on text that matches nothing, have a dense row; deeper ones look
 * through their few children and fall back along the failure links.
 */
static uint32_t
rd_step(const struct redactor *r, uint32_t n, unsigned char b)
{
	uint32_t	c;

	for (;;) {
		if (r->nodes[n].row != 0)
			return r->delta[(size_t)(r->nodes[n].row - 1) * 256 +
			    b];
		if (n == 0)
			return r->root[b];
		for (c = r->nodes[n].child; c != 0; c = r->nodes[c].sibling)
			if (r->nodes[c].byte == b)
				return c;
		n = r->nodes[n].fail;
	}
}

static int
rd_has_output(const struct redactor *r, uint32_t n)
{
	return r->nodes[n].secret != 0 || r->nodes[n].group != 0;
}

static int
rd_long_cmp(const void *a, const void *b)
{
	const struct rd_long *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

/* Dense rows for the nodes of depth <= maxdepth, in BFS order. */
static int
rd_rows(struct redactor *r, const uint32_t *bfs, size_t nbfs)
{
	size_t		 i, count = 1, row;
	uint32_t	 maxdepth = 2, u, c, *d;

	for (i = 0; i < nbfs; i++)
		if (r->nodes[bfs[i]].depth <= maxdepth)
			count++;
	if (count > RD_ROWS_MAX) {
		maxdepth = 1;
		for (i = 0, count = 1; i < nbfs; i++)
			if (r->nodes[bfs[i]].depth <= maxdepth)
				count++;
	}
	if ((r->delta = calloc(count * 256, sizeof(*r->delta))) == NULL)
		return -1;
	r->nrows = count;
	memcpy(r->delta, r->root, sizeof(r->root));
	r->nodes[0].row = 1;
	for (i = 0, row = 1; i < nbfs; i++) {
		u = bfs[i];
		if (r->nodes[u].depth > maxdepth)
			continue;
		d = r->delta + row * 256;
		/* Where the failure link goes, then our own children. */
		memcpy(d, r->delta + (size_t)(r->nodes[r->nodes[u].fail].row -
		    1) * 256, 256 * sizeof(*d));
		for (c = r->nodes[u].child; c != 0; c = r->nodes[c].sibling)
			d[r->nodes[c].byte] = c;
		r->nodes[u].row = (uint32_t)++row;
	}
	return 0;
}

static int
rd_links(struct redactor *r)
{
	uint32_t	*queue, u, v, f;
	size_t		 head = 0, tail = 0, i;
	int		 rv;

	if ((queue = calloc(r->nnodes, sizeof(*queue))) == NULL)
		return -1;
	for (i = 0; i < 256; i++) {
		if ((v = r->root[i]) == 0)
			continue;
		r->nodes[v].fail = 0;
		r->nodes[v].dict = 0;
		queue[tail++] = v;
	}
	while (head < tail) {
		u = queue[head++];
		for (v = r->nodes[u].child; v != 0; v = r->nodes[v].sibling) {
			f = rd_step(r, r->nodes[u].fail, r->nodes[v].byte);
			r->nodes[v].fail = f;
			r->nodes[v].dict = rd_has_output(r, f) ? f :
			    r->nodes[f].dict;
			queue[tail++] = v;
		}
	}
	rv = rd_rows(r, queue, tail);
	freezero(queue, r->nnodes * sizeof(*queue));
	return rv;
}

static int
rd_build_groups(struct redactor *r)
{
	struct rd_group	*g;
	size_t		 i, j;
	uint32_t	 n;

	if (r->nlongs == 0)
		return 0;
	qsort(r->longs, r->nlongs, sizeof(*r->longs), rd_long_cmp);
	/* Drop duplicates: the same encoding produced twice. */
	for (i = 0, j = 0; i < r->nlongs; i++) {
		if (j > 0 && r->longs[j - 1].group == r->longs[i].group &&
		    r->longs[j - 1].len == r->longs[i].len &&
		    r->longs[j - 1].hash == r->longs[i].hash)
			continue;
		r->longs[j++] = r->longs[i];
	}
	explicit_bzero(&r->longs[j], (r->nlongs - j) * sizeof(*r->longs));
	r->nlongs = j;
	for (i = 0; i < r->nlongs; i++) {
		g = &r->groups[r->longs[i].group];
		if (g->count == 0)
			g->first = (uint32_t)i;
		g->count++;
	}
	for (i = 0; i < r->ngroups; i++) {
		g = &r->groups[i];
		for (n = g->node; n != 0 && r->nodes[n].secret == 0;
		    n = r->nodes[n].parent)
			;
		g->fallback = n;
	}
	return 0;
}

int
redactor_compile(struct redactor *r)
{
	size_t	i, cap;

	if (r == NULL || r->compiled || r->broken) {
		errno = EINVAL;
		return -1;
	}
	/* A half-built automaton is not usable: refuse to try again. */
	r->broken = 1;
	arc4random_buf(&r->base, sizeof(r->base));
	r->base = 256 + r->base % (RD_P - 512);

	for (i = 0; i < r->nsecrets; i++)
		if (rd_secret_patterns(r, (uint32_t)i) == -1)
			return -1;
	if (rd_links(r) == -1 || rd_build_groups(r) == -1)
		return -1;

	if (r->maxlen == 0)
		r->maxlen = 1;
	for (cap = 16; cap < r->maxlen + 1; cap *= 2)
		;
	r->wincap = cap;
	r->mask = cap - 1;
	if ((r->ring = calloc(cap, 1)) == NULL ||
	    (r->cand = calloc(cap, sizeof(*r->cand))) == NULL)
		return -1;
	if (r->nlongs > 0 &&
	    (r->hring = calloc(cap, sizeof(*r->hring))) == NULL)
		return -1;

	/* The automaton and the hashes are all we need from now on. */
	for (i = 0; i < r->nsecrets; i++) {
		freezero(r->secrets[i].value, r->secrets[i].len);
		r->secrets[i].value = NULL;
	}
	r->compiled = 1;
	r->broken = 0;
	return 0;
}

static uint64_t
rd_hash_at(const struct redactor *r, uint64_t s, const struct rd_long *l)
{
	uint64_t	hs, he, x;

	hs = r->hring[s & r->mask];
	he = r->hring[(s + l->len) & r->mask];
	x = rd_mulmod(hs, l->bpow);
	return he >= x ? he - x : he + RD_P - x;
}

static int
rd_replace(struct redactor *r, struct redact_out *out, size_t len,
    uint32_t secret)
{
	struct rd_secret	*s = &r->secrets[secret];
	size_t			 i;

	if (rd_put(out, s->repl, s->repllen) == -1)
		return -1;
	for (i = 0; i < len; i++)
		r->cand[(r->committed + i) & r->mask] = 0;
	r->committed += len;
	s->hits++;
	r->hits++;
	return 0;
}

/* Decide the oldest undecided position. */
static int
rd_decide(struct redactor *r, struct redact_out *out)
{
	const struct rd_group	*g;
	const struct rd_long	*l;
	uint64_t		 s = r->committed;
	size_t			 idx = s & r->mask, k;
	uint32_t		 v = r->cand[idx];

	if (v & RD_GROUP) {
		g = &r->groups[v & ~RD_GROUP];
		for (k = 0; k < g->count; k++) {
			l = &r->longs[g->first + k];
			if (s + l->len > r->pos)
				continue;
			if (rd_hash_at(r, s, l) == l->hash)
				return rd_replace(r, out, l->len, l->secret);
		}
		v = g->fallback;
	}
	if (v != 0)
		return rd_replace(r, out, r->nodes[v].depth,
		    r->nodes[v].secret - 1);
	if (out->len == out->cap && rd_reserve(out, 1) == -1)
		return -1;
	out->buf[out->len++] = r->ring[idx];
	r->cand[idx] = 0;
	r->committed++;
	return 0;
}

static void
rd_push(struct redactor *r, unsigned char b)
{
	const struct rd_node	*nd;
	size_t			 idx = r->pos & r->mask, si;
	uint64_t		 start;
	uint32_t		 n, cur;

	r->ring[idx] = b;
	r->cand[idx] = 0;
	if (r->hring != NULL)
		r->hring[(r->pos + 1) & r->mask] =
		    rd_hashstep(r->hring[idx], r->base, b);

	r->state = rd_step(r, r->state, b);
	n = rd_has_output(r, r->state) ? r->state : r->nodes[r->state].dict;
	for (; n != 0; n = r->nodes[n].dict) {
		nd = &r->nodes[n];
		start = r->pos + 1 - nd->depth;
		if (start < r->committed)
			continue;
		si = start & r->mask;
		cur = r->cand[si];
		if (nd->group != 0)
			r->cand[si] = RD_GROUP | (nd->group - 1);
		else if (!(cur & RD_GROUP) &&
		    (cur == 0 || r->nodes[cur].depth < nd->depth))
			r->cand[si] = n;
	}
	r->pos++;
}

int
redactor_feed(struct redactor *r, const void *in, size_t len,
    struct redact_out *out)
{
	const unsigned char	*p = in;
	size_t			 i;

	if (r == NULL || !r->compiled || r->broken || out == NULL ||
	    (in == NULL && len > 0)) {
		errno = EINVAL;
		return -1;
	}
	if (rd_reserve(out, len) == -1)
		goto fail;
	for (i = 0; i < len; i++) {
		rd_push(r, p[i]);
		while (r->pos - r->committed >= r->maxlen)
			if (rd_decide(r, out) == -1)
				goto fail;
	}
	return 0;
 fail:
	r->broken = 1;
	return -1;
}

int
redactor_flush(struct redactor *r, struct redact_out *out)
{
	if (r == NULL || !r->compiled || r->broken || out == NULL) {
		errno = EINVAL;
		return -1;
	}
	while (r->committed < r->pos)
		if (rd_decide(r, out) == -1) {
			r->broken = 1;
			return -1;
		}
	r->state = 0;
	return 0;
}

void
redactor_free(struct redactor *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsecrets; i++)
		if (r->secrets[i].value != NULL)
			freezero(r->secrets[i].value, r->secrets[i].len);
	if (r->secrets != NULL)
		freezero(r->secrets, r->secretscap * sizeof(*r->secrets));
	if (r->nodes != NULL)
		freezero(r->nodes, r->nodescap * sizeof(*r->nodes));
	if (r->longs != NULL)
		freezero(r->longs, r->longscap * sizeof(*r->longs));
	if (r->groups != NULL)
		freezero(r->groups, r->groupscap * sizeof(*r->groups));
	if (r->delta != NULL)
		freezero(r->delta, r->nrows * 256 * sizeof(*r->delta));
	if (r->ring != NULL)
		freezero(r->ring, r->wincap);
	if (r->cand != NULL)
		freezero(r->cand, r->wincap * sizeof(*r->cand));
	if (r->hring != NULL)
		freezero(r->hring, r->wincap * sizeof(*r->hring));
	freezero(r, sizeof(*r));
}

size_t
redactor_hits(const struct redactor *r)
{
	return r == NULL ? 0 : r->hits;
}

size_t
redactor_name_hits(const struct redactor *r, const char *name)
{
	size_t	i, n = 0;

	if (r == NULL || name == NULL)
		return 0;
	for (i = 0; i < r->nsecrets; i++)
		if (strcmp(r->secrets[i].name, name) == 0)
			n += r->secrets[i].hits;
	return n;
}

size_t
redactor_pending(const struct redactor *r)
{
	return r == NULL ? 0 : (size_t)(r->pos - r->committed);
}

size_t
redactor_maxlen(const struct redactor *r)
{
	return r == NULL ? 0 : r->maxlen;
}
