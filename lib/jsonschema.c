/*
 * jsonschema: a small JSON Schema validator over json-c values.
 *
 * A schema is compiled into a tree of struct jsonschema nodes, one per
 * subschema, so that keyword types are checked and regular expressions
 * compiled once; validation then walks that tree alongside the instance.
 * The tree is at most JSONSCHEMA_MAX_DEPTH deep, which also bounds the
 * recursion of validation.  Values compared as a whole (const, enum,
 * uniqueItems) are walked by functions with their own depth bound.
 *
 * json-c represents JSON null as a NULL pointer; every function here
 * accepts NULL as a value and treats it as null.
 */

#include <sys/types.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "jsonschema.h"
#include "jsonschema_re.h"

#define T_NULL		0x01
#define T_BOOLEAN	0x02
#define T_INTEGER	0x04
#define T_NUMBER	0x08
#define T_STRING	0x10
#define T_ARRAY		0x20
#define T_OBJECT	0x40

#define HAS_MIN		0x0001
#define HAS_MAX		0x0002
#define HAS_XMIN	0x0004
#define HAS_XMAX	0x0008
#define HAS_MINLEN	0x0010
#define HAS_MAXLEN	0x0020
#define HAS_MINITEMS	0x0040
#define HAS_MAXITEMS	0x0080
#define HAS_CONST	0x0100
#define HAS_ENUM	0x0200
#define HAS_PATTERN	0x0400
#define HAS_NUMERIC	(HAS_MIN | HAS_MAX | HAS_XMIN | HAS_XMAX)

#define ADDL_ANY	0
#define ADDL_NONE	1
#define ADDL_SCHEMA	2

#define NUM_INT		0
#define NUM_DBL		1

/* Path segments: two per schema level ("properties", name) and spare. */
#define PATH_MAX_SEGS	(2 * JSONSCHEMA_MAX_DEPTH + 8)

/*
 * A JSON number as compared by JSON Schema: integers exactly (json-c
 * holds int64 or uint64, so sign and magnitude), others as double.
 */
struct jsnum {
	int		 kind;
	int		 neg;
	uint64_t	 mag;
	double		 d;
};

struct jsprop {
	char			*name;
	struct jsonschema	*schema;
};

struct jsonschema {
	int			 isbool;	/* true or false schema */
	int			 boolval;
	unsigned int		 types;		/* T_*; 0 is any */
	unsigned int		 has;		/* HAS_* */
	struct jsprop		*props;		/* sorted by name */
	size_t			 nprops;
	char			**required;
	size_t			 nrequired;
	int			 addl;
	struct jsonschema	*addlschema;
	struct json_object	*constv;
	struct json_object	*enumv;
	struct jsnum		 min, max, xmin, xmax;
	uint64_t		 minlen, maxlen;
	uint64_t		 minitems, maxitems;
	int			 unique;
	struct jsonschema_re	*re;
	char			*pattern;
	struct jsonschema	*items;
};

struct seg {
	const char	*key;		/* NULL: array index */
	size_t		 idx;
};

struct ctx {
	struct seg	 path[PATH_MAX_SEGS];
	size_t		 npath;		/* may exceed PATH_MAX_SEGS */
	int		 pointer;	/* JSON Pointer form (schemas) */
	char		*err;
	size_t		 errlen;
};

/* Bounded string builder for messages; silently truncates. */
struct sb {
	char		*buf;
	size_t		 cap;
	size_t		 len;
};

static const struct {
	const char	*name;
	unsigned int	 bit;
} typenames[] = {
	{ "null",	T_NULL },
	{ "boolean",	T_BOOLEAN },
	{ "integer",	T_INTEGER },
	{ "number",	T_NUMBER },
	{ "string",	T_STRING },
	{ "array",	T_ARRAY },
	{ "object",	T_OBJECT },
};
#define NTYPENAMES	(sizeof(typenames) / sizeof(typenames[0]))

static void	 sb_add(struct sb *, const char *, size_t);
static void	 sb_addf(struct sb *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 sb_quoted(struct sb *, const char *, size_t, int);
static void	 path_push_key(struct ctx *, const char *);
static void	 path_push_idx(struct ctx *, size_t);
static void	 path_pop(struct ctx *);
static int	 fail(struct ctx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 num_from(struct json_object *, struct jsnum *);
static int	 num_int_dbl_cmp(const struct jsnum *, double);
static int	 num_cmp(const struct jsnum *, const struct jsnum *);
static void	 num_fmt(const struct jsnum *, char *, size_t);
static int	 dbl_integral(double, int *, uint64_t *);
static int	 is_number(struct json_object *);
static unsigned int type_mask(struct json_object *);
static const char *type_name(struct json_object *);
static int	 value_equal(struct json_object *, struct json_object *, int);
static int	 value_hash(struct json_object *, int, uint64_t *);
static int	 value_depth_ok(struct json_object *, int);
static int	 prop_cmp(const void *, const void *);
static int	 prop_find(const void *, const void *);
static struct jsonschema *compile_node(struct ctx *, struct json_object *,
		    int);
static void	 node_free(struct jsonschema *);
static int	 validate_node(struct ctx *, const struct jsonschema *,
		    struct json_object *, int);

/*
 * Messages.
 */

static void
sb_add(struct sb *sb, const char *s, size_t n)
{
	size_t	 room;

	if (sb->cap == 0)
		return;
	room = sb->cap - 1 - sb->len;
	if (n > room)
		n = room;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static void
sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (sb->cap == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len)
		sb->len = sb->cap - 1;
	else
		sb->len += n;
}

/*
 * Copy a key or name into a message so that it cannot forge log lines
 * or terminal escapes: anything but printable ASCII becomes \xNN.  In
 * pointer form '~' and '/' are escaped as in RFC 6901; otherwise quote
 * characters and backslashes are.
 */
static void
sb_quoted(struct sb *sb, const char *s, size_t n, int pointer)
{
	unsigned char	 c;
	size_t		 i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (pointer && c == '~')
			sb_add(sb, "~0", 2);
		else if (pointer && c == '/')
			sb_add(sb, "~1", 2);
		else if (!pointer && (c == '\'' || c == '"' || c == '\\')) {
			sb_add(sb, "\\", 1);
			sb_add(sb, (const char *)&s[i], 1);
		} else if (c < 0x20 || c >= 0x7f)
			sb_addf(sb, "\\x%02x", c);
		else
			sb_add(sb, (const char *)&s[i], 1);
	}
}

static void
path_push_key(struct ctx *c, const char *key)
{
	if (c->npath < PATH_MAX_SEGS) {
		c->path[c->npath].key = key;
		c->path[c->npath].idx = 0;
	}
	c->npath++;
}

static void
path_push_idx(struct ctx *c, size_t idx)
{
	if (c->npath < PATH_MAX_SEGS) {
		c->path[c->npath].key = NULL;
		c->path[c->npath].idx = idx;
	}
	c->npath++;
}

static void
path_pop(struct ctx *c)
{
	if (c->npath > 0)
		c->npath--;
}

static int
is_ident(const char *s)
{
	size_t	 i;

	if (s[0] == '\0' || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/*
 * Write "<path>: <message>" to the caller's buffer; always -1.  If both
 * do not fit, the middle of the path gives way ("$.a...x.y: ..."), so
 * that the message and the most specific part of the path survive.
 */
static int
fail(struct ctx *c, const char *fmt, ...)
{
	char		 pbuf[1024], mbuf[256];
	struct sb	 sb, out;
	va_list		 ap;
	size_t		 i, n, room, head;
	const char	*k;

	if (c->err == NULL || c->errlen == 0)
		return -1;
	sb.buf = pbuf;
	sb.cap = sizeof(pbuf);
	sb.len = 0;
	pbuf[0] = '\0';
	sb_add(&sb, c->pointer ? "#" : "$", 1);
	n = c->npath < PATH_MAX_SEGS ? c->npath : PATH_MAX_SEGS;
	for (i = 0; i < n; i++) {
		k = c->path[i].key;
		if (k == NULL)
			sb_addf(&sb, c->pointer ? "/%zu" : "[%zu]",
			    c->path[i].idx);
		else if (c->pointer) {
			sb_add(&sb, "/", 1);
			sb_quoted(&sb, k, strlen(k), 1);
		} else if (is_ident(k)) {
			sb_add(&sb, ".", 1);
			sb_add(&sb, k, strlen(k));
		} else {
			sb_add(&sb, "['", 2);
			sb_quoted(&sb, k, strlen(k), 0);
			sb_add(&sb, "']", 2);
		}
	}
	if (c->npath > n)
		sb_add(&sb, "...", 3);

	va_start(ap, fmt);
	(void)vsnprintf(mbuf, sizeof(mbuf), fmt, ap);
	va_end(ap);

	out.buf = c->err;
	out.cap = c->errlen;
	out.len = 0;
	out.buf[0] = '\0';
	room = 0;
	if (c->errlen > strlen(mbuf) + 3)
		room = c->errlen - strlen(mbuf) - 3;
	if (sb.len <= room || room < 16)
		sb_add(&out, pbuf, sb.len);
	else {
		/* A third of the room for the head, the rest for the tail. */
		head = (room - 3) / 3;
		sb_add(&out, pbuf, head);
		sb_add(&out, "...", 3);
		sb_add(&out, pbuf + sb.len - (room - 3 - head),
		    room - 3 - head);
	}
	sb_add(&out, ": ", 2);
	sb_add(&out, mbuf, strlen(mbuf));
	return -1;
}

/*
 * Numbers.
 */

static void
num_from(struct json_object *o, struct jsnum *n)
{
	int64_t	 i;

	memset(n, 0, sizeof(*n));
	if (json_object_get_type(o) == json_type_int) {
		n->kind = NUM_INT;
		i = json_object_get_int64(o);
		/* json-c clamps a uint64 above INT64_MAX to INT64_MAX. */
		if (i == INT64_MAX)
			n->mag = json_object_get_uint64(o);
		else if (i < 0) {
			n->neg = 1;
			n->mag = (uint64_t)(-(i + 1)) + 1;
		} else
			n->mag = (uint64_t)i;
	} else {
		n->kind = NUM_DBL;
		n->d = json_object_get_double(o);
	}
}

/*
 * Compare an integer with a double exactly: -1, 0, 1, or 2 if the
 * double is NaN.  Converting the integer to double would round above
 * 2^53, so the double's integer part is compared instead.
 */
static int
num_int_dbl_cmp(const struct jsnum *n, double d)
{
	uint64_t	 t;
	double		 e, frac;

	if (isnan(d))
		return 2;
	if (!n->neg) {
		if (d < 0)
			return 1;
		if (d >= 0x1p64)
			return -1;
		t = (uint64_t)d;
		frac = d - (double)t;
		if (n->mag != t)
			return n->mag < t ? -1 : 1;
		return frac > 0 ? -1 : 0;
	}
	if (d >= 0)
		return -1;
	e = -d;
	if (e >= 0x1p64)
		return 1;
	t = (uint64_t)e;
	frac = e - (double)t;
	if (n->mag != t)
		return n->mag < t ? 1 : -1;
	return frac > 0 ? 1 : 0;
}

/* -1, 0, 1, or 2 when unordered (NaN). */
static int
num_cmp(const struct jsnum *a, const struct jsnum *b)
{
	int	 r;

	if (a->kind == NUM_INT && b->kind == NUM_INT) {
		if (a->neg != b->neg)
			return a->neg ? -1 : 1;
		if (a->mag == b->mag)
			return 0;
		r = a->mag < b->mag ? -1 : 1;
		return a->neg ? -r : r;
	}
	if (a->kind == NUM_DBL && b->kind == NUM_DBL) {
		if (isnan(a->d) || isnan(b->d))
			return 2;
		if (a->d < b->d)
			return -1;
		return a->d > b->d ? 1 : 0;
	}
	if (a->kind == NUM_INT)
		return num_int_dbl_cmp(a, b->d);
	r = num_int_dbl_cmp(b, a->d);
	return r == 2 ? 2 : -r;
}

/* Shortest of %.15g and %.17g that reads back as the same double. */
static void
num_fmt(const struct jsnum *n, char *buf, size_t len)
{
	if (n->kind == NUM_INT) {
		snprintf(buf, len, "%s%llu", n->neg ? "-" : "",
		    (unsigned long long)n->mag);
		return;
	}
	snprintf(buf, len, "%.15g", n->d);
	if (strtod(buf, NULL) != n->d)
		snprintf(buf, len, "%.17g", n->d);
}

/*
 * If d is a whole number that an integer jsnum can hold, return 1 with
 * its sign and magnitude.  -0.0 is 0.
 */
static int
dbl_integral(double d, int *neg, uint64_t *mag)
{
	if (!isfinite(d) || d != floor(d))
		return 0;
	if (d >= 0) {
		if (d >= 0x1p64)
			return 0;
		*neg = 0;
		*mag = (uint64_t)d;
		return 1;
	}
	if (-d >= 0x1p64)
		return 0;
	*neg = 1;
	*mag = (uint64_t)-d;
	return 1;
}

static int
is_number(struct json_object *o)
{
	enum json_type	 t;

	t = json_object_get_type(o);
	return t == json_type_int || t == json_type_double;
}

/* The set of JSON Schema types a value belongs to. */
static unsigned int
type_mask(struct json_object *o)
{
	double	 d;

	switch (json_object_get_type(o)) {
	case json_type_null:
		return T_NULL;
	case json_type_boolean:
		return T_BOOLEAN;
	case json_type_int:
		return T_INTEGER | T_NUMBER;
	case json_type_double:
		d = json_object_get_double(o);
		if (isfinite(d) && d == floor(d))
			return T_INTEGER | T_NUMBER;
		return T_NUMBER;
	case json_type_string:
		return T_STRING;
	case json_type_array:
		return T_ARRAY;
	case json_type_object:
		return T_OBJECT;
	}
	return 0;
}

static const char *
type_name(struct json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "boolean";
	case json_type_int:
		return "integer";
	case json_type_double:
		return "number";
	case json_type_string:
		return "string";
	case json_type_array:
		return "array";
	case json_type_object:
		return "object";
	}
	return "unknown";
}

/*
 * Values as wholes.
 */

/* Deep equality as JSON Schema defines it: 1, 0, or -1 if too deep. */
static int
value_equal(struct json_object *a, struct json_object *b, int depth)
{
	struct json_object_iterator	 it, end;
	struct json_object		*bv;
	struct jsnum			 na, nb;
	enum json_type			 ta, tb;
	size_t				 i, n;
	int				 r;

	if (depth > JSONSCHEMA_MAX_DEPTH)
		return -1;
	if (is_number(a) && is_number(b)) {
		num_from(a, &na);
		num_from(b, &nb);
		return num_cmp(&na, &nb) == 0;
	}
	ta = json_object_get_type(a);
	tb = json_object_get_type(b);
	if (ta != tb)
		return 0;
	switch (ta) {
	case json_type_null:
		return 1;
	case json_type_boolean:
		return !json_object_get_boolean(a) ==
		    !json_object_get_boolean(b);
	case json_type_string:
		if (json_object_get_string_len(a) !=
		    json_object_get_string_len(b))
			return 0;
		return memcmp(json_object_get_string(a),
		    json_object_get_string(b),
		    json_object_get_string_len(a)) == 0;
	case json_type_array:
		n = json_object_array_length(a);
		if (n != json_object_array_length(b))
			return 0;
		for (i = 0; i < n; i++) {
			r = value_equal(json_object_array_get_idx(a, i),
			    json_object_array_get_idx(b, i), depth + 1);
			if (r != 1)
				return r;
		}
		return 1;
	case json_type_object:
		if (json_object_object_length(a) !=
		    json_object_object_length(b))
			return 0;
		it = json_object_iter_begin(a);
		end = json_object_iter_end(a);
		for (; !json_object_iter_equal(&it, &end);
		    json_object_iter_next(&it)) {
			if (!json_object_object_get_ex(b,
			    json_object_iter_peek_name(&it), &bv))
				return 0;
			r = value_equal(json_object_iter_peek_value(&it), bv,
			    depth + 1);
			if (r != 1)
				return r;
		}
		return 1;
	default:
		return 0;
	}
}

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t
bytes_hash(const char *s, size_t n)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return mix64(h ^ n);
}

/*
 * A hash consistent with value_equal: numbers equal by value hash the
 * same (whole doubles as integers), object members are combined in an
 * order-independent way.  0, or -1 if too deep.
 */
static int
value_hash(struct json_object *o, int depth, uint64_t *hp)
{
	struct json_object_iterator	 it, end;
	const char			*k;
	struct jsnum			 n;
	uint64_t			 h, ch, mag;
	size_t				 i, len;
	int				 neg;

	if (depth > JSONSCHEMA_MAX_DEPTH)
		return -1;
	switch (json_object_get_type(o)) {
	case json_type_null:
		*hp = mix64(1);
		return 0;
	case json_type_boolean:
		*hp = mix64(2 + (json_object_get_boolean(o) ? 1 : 0));
		return 0;
	case json_type_int:
	case json_type_double:
		num_from(o, &n);
		if (n.kind == NUM_DBL) {
			if (dbl_integral(n.d, &neg, &mag)) {
				n.neg = neg;
				n.mag = mag;
				n.kind = NUM_INT;
			} else {
				memcpy(&mag, &n.d, sizeof(mag));
				*hp = mix64(mix64(4) ^ mag);
				return 0;
			}
		}
		*hp = mix64(mix64(3 + n.neg) ^ n.mag);
		return 0;
	case json_type_string:
		*hp = mix64(5) ^ bytes_hash(json_object_get_string(o),
		    json_object_get_string_len(o));
		return 0;
	case json_type_array:
		h = mix64(6);
		len = json_object_array_length(o);
		for (i = 0; i < len; i++) {
			if (value_hash(json_object_array_get_idx(o, i),
			    depth + 1, &ch) == -1)
				return -1;
			h = mix64(h * 31 + ch);
		}
		*hp = h;
		return 0;
	case json_type_object:
		h = mix64(7);
		it = json_object_iter_begin(o);
		end = json_object_iter_end(o);
		for (; !json_object_iter_equal(&it, &end);
		    json_object_iter_next(&it)) {
			k = json_object_iter_peek_name(&it);
			if (value_hash(json_object_iter_peek_value(&it),
			    depth + 1, &ch) == -1)
				return -1;
			h += mix64(bytes_hash(k, strlen(k)) ^ mix64(ch));
		}
		*hp = h;
		return 0;
	}
	*hp = 0;
	return 0;
}

/* 1 if o nests at most JSONSCHEMA_MAX_DEPTH - depth more levels. */
static int
value_depth_ok(struct json_object *o, int depth)
{
	struct json_object_iterator	 it, end;
	size_t				 i, n;

	if (depth > JSONSCHEMA_MAX_DEPTH)
		return 0;
	switch (json_object_get_type(o)) {
	case json_type_array:
		n = json_object_array_length(o);
		for (i = 0; i < n; i++)
			if (!value_depth_ok(json_object_array_get_idx(o, i),
			    depth + 1))
				return 0;
		return 1;
	case json_type_object:
		it = json_object_iter_begin(o);
		end = json_object_iter_end(o);
		for (; !json_object_iter_equal(&it, &end);
		    json_object_iter_next(&it))
			if (!value_depth_ok(json_object_iter_peek_value(&it),
			    depth + 1))
				return 0;
		return 1;
	default:
		return 1;
	}
}

/*
 * Compiling.
 */

static int
prop_cmp(const void *a, const void *b)
{
	const struct jsprop	*pa = a, *pb = b;

	return strcmp(pa->name, pb->name);
}

/* bsearch(3) comparator: a property name against a struct jsprop. */
static int
prop_find(const void *key, const void *elem)
{
	const struct jsprop	*p = elem;

	return strcmp(key, p->name);
}

/* Fetch kw as a non-negative integer (5.0 counts); 0, 1 absent, -1. */
static int
get_count(struct ctx *c, struct json_object *o, const char *kw,
    uint64_t *out)
{
	struct json_object	*v;
	struct jsnum		 n;
	int			 neg;

	if (!json_object_object_get_ex(o, kw, &v))
		return 1;
	if (is_number(v)) {
		num_from(v, &n);
		if (n.kind == NUM_DBL && dbl_integral(n.d, &neg, &n.mag))
			n.neg = neg;
		else if (n.kind == NUM_DBL && n.d >= 0x1p64 && isfinite(n.d)) {
			/* Whole, and beyond any count there can be. */
			n.neg = 0;
			n.mag = UINT64_MAX;
		} else if (n.kind == NUM_DBL)
			n.neg = 1;	/* fractional or not finite */
		if (!n.neg) {
			*out = n.mag;
			return 0;
		}
	}
	path_push_key(c, kw);
	fail(c, "must be a non-negative integer");
	path_pop(c);
	return -1;
}

/* Fetch kw as a finite number; 0, 1 absent, -1. */
static int
get_bound(struct ctx *c, struct json_object *o, const char *kw,
    struct jsnum *out)
{
	struct json_object	*v;

	if (!json_object_object_get_ex(o, kw, &v))
		return 1;
	path_push_key(c, kw);
	if (json_object_get_type(v) == json_type_boolean &&
	    strncmp(kw, "exclusive", 9) == 0) {
		fail(c, "the boolean (draft-4) form is not supported, "
		    "use a number");
		path_pop(c);
		return -1;
	}
	if (!is_number(v)) {
		fail(c, "must be a number");
		path_pop(c);
		return -1;
	}
	num_from(v, out);
	if (out->kind == NUM_DBL && !isfinite(out->d)) {
		fail(c, "must be a finite number");
		path_pop(c);
		return -1;
	}
	path_pop(c);
	return 0;
}

static int
compile_type(struct ctx *c, struct jsonschema *s, struct json_object *v)
{
	struct json_object	*e;
	const char		*name;
	size_t			 i, j, n;

	path_push_key(c, "type");
	if (json_object_get_type(v) == json_type_string)
		n = 1;
	else if (json_object_get_type(v) == json_type_array) {
		n = json_object_array_length(v);
		if (n == 0) {
			fail(c, "must not be an empty array");
			goto bad;
		}
	} else {
		fail(c, "must be a string or an array of strings");
		goto bad;
	}
	for (i = 0; i < n; i++) {
		if (json_object_get_type(v) == json_type_string)
			e = v;
		else {
			e = json_object_array_get_idx(v, i);
			path_push_idx(c, i);
		}
		if (json_object_get_type(e) != json_type_string) {
			fail(c, "must be a type name");
			goto bad;
		}
		name = json_object_get_string(e);
		for (j = 0; j < NTYPENAMES; j++)
			if (strcmp(name, typenames[j].name) == 0)
				break;
		if (j == NTYPENAMES ||
		    strlen(name) != (size_t)json_object_get_string_len(e)) {
			fail(c, "unknown type name");
			goto bad;
		}
		s->types |= typenames[j].bit;
		if (e != v)
			path_pop(c);
	}
	path_pop(c);
	return 0;
 bad:
	/* The caller fails; the path depth no longer matters. */
	return -1;
}

static int
compile_properties(struct ctx *c, struct jsonschema *s,
    struct json_object *v, int depth)
{
	struct json_object_iterator	 it, end;
	const char			*name;
	size_t				 n, i;

	path_push_key(c, "properties");
	if (json_object_get_type(v) != json_type_object) {
		fail(c, "must be an object");
		return -1;
	}
	n = (size_t)json_object_object_length(v);
	if (n == 0) {
		path_pop(c);
		return 0;
	}
	if ((s->props = calloc(n, sizeof(*s->props))) == NULL) {
		fail(c, "out of memory");
		return -1;
	}
	it = json_object_iter_begin(v);
	end = json_object_iter_end(v);
	for (i = 0; i < n && !json_object_iter_equal(&it, &end);
	    json_object_iter_next(&it)) {
		name = json_object_iter_peek_name(&it);
		if ((s->props[i].name = strdup(name)) == NULL) {
			fail(c, "out of memory");
			return -1;
		}
		/* Count it now so that node_free frees the name. */
		s->nprops = ++i;
		path_push_key(c, name);
		s->props[i - 1].schema = compile_node(c,
		    json_object_iter_peek_value(&it), depth + 1);
		if (s->props[i - 1].schema == NULL)
			return -1;
		path_pop(c);
	}
	qsort(s->props, s->nprops, sizeof(*s->props), prop_cmp);
	path_pop(c);
	return 0;
}

static int
compile_required(struct ctx *c, struct jsonschema *s, struct json_object *v)
{
	struct json_object	*e;
	size_t			 i, n;

	path_push_key(c, "required");
	if (json_object_get_type(v) != json_type_array) {
		fail(c, "must be an array of strings");
		return -1;
	}
	n = json_object_array_length(v);
	if (n == 0) {
		path_pop(c);
		return 0;
	}
	if ((s->required = calloc(n, sizeof(*s->required))) == NULL) {
		fail(c, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		if (json_object_get_type(e) != json_type_string) {
			path_push_idx(c, i);
			fail(c, "must be a string");
			return -1;
		}
		if ((s->required[i] = strdup(json_object_get_string(e))) ==
		    NULL) {
			fail(c, "out of memory");
			return -1;
		}
		s->nrequired = i + 1;
	}
	path_pop(c);
	return 0;
}

static int
compile_pattern(struct ctx *c, struct jsonschema *s, struct json_object *v)
{
	char	 why[160];

	path_push_key(c, "pattern");
	if (json_object_get_type(v) != json_type_string) {
		fail(c, "must be a string");
		return -1;
	}
	s->re = jsonschema_re_compile(json_object_get_string(v),
	    (size_t)json_object_get_string_len(v), why, sizeof(why));
	if (s->re == NULL) {
		fail(c, "%s", why);
		return -1;
	}
	s->has |= HAS_PATTERN;
	if ((s->pattern = strdup(json_object_get_string(v))) == NULL) {
		fail(c, "out of memory");
		return -1;
	}
	path_pop(c);
	return 0;
}

/* Compile a subschema under kw (already on the path). */
static struct jsonschema *
compile_sub(struct ctx *c, const char *kw, struct json_object *v, int depth)
{
	struct jsonschema	*sub;

	path_push_key(c, kw);
	if ((sub = compile_node(c, v, depth + 1)) != NULL)
		path_pop(c);
	return sub;
}

static struct jsonschema *
compile_node(struct ctx *c, struct json_object *o, int depth)
{
	struct jsonschema	*s;
	struct json_object	*v;
	enum json_type		 t;
	int			 r;

	if (depth > JSONSCHEMA_MAX_DEPTH) {
		fail(c, "schema nested deeper than %d levels",
		    JSONSCHEMA_MAX_DEPTH);
		return NULL;
	}
	t = json_object_get_type(o);
	if (t != json_type_object && t != json_type_boolean) {
		fail(c, "a schema must be an object or a boolean");
		return NULL;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		fail(c, "out of memory");
		return NULL;
	}
	if (t == json_type_boolean) {
		s->isbool = 1;
		s->boolval = json_object_get_boolean(o) ? 1 : 0;
		return s;
	}

	if (json_object_object_get_ex(o, "$ref", NULL)) {
		path_push_key(c, "$ref");
		fail(c, "$ref is not supported; inline the referenced schema");
		goto bad;
	}
	if (json_object_object_get_ex(o, "type", &v) &&
	    compile_type(c, s, v) == -1)
		goto bad;
	if (json_object_object_get_ex(o, "properties", &v) &&
	    compile_properties(c, s, v, depth) == -1)
		goto bad;
	if (json_object_object_get_ex(o, "required", &v) &&
	    compile_required(c, s, v) == -1)
		goto bad;
	if (json_object_object_get_ex(o, "additionalProperties", &v)) {
		t = json_object_get_type(v);
		if (t == json_type_boolean)
			s->addl = json_object_get_boolean(v) ? ADDL_ANY :
			    ADDL_NONE;
		else if (t == json_type_object) {
			s->addl = ADDL_SCHEMA;
			s->addlschema = compile_sub(c, "additionalProperties",
			    v, depth);
			if (s->addlschema == NULL)
				goto bad;
		} else {
			path_push_key(c, "additionalProperties");
			fail(c, "must be a boolean or a schema");
			goto bad;
		}
	}
	if (json_object_object_get_ex(o, "enum", &v)) {
		path_push_key(c, "enum");
		if (json_object_get_type(v) != json_type_array) {
			fail(c, "must be an array");
			goto bad;
		}
		if (!value_depth_ok(v, depth)) {
			fail(c, "nested deeper than %d levels",
			    JSONSCHEMA_MAX_DEPTH);
			goto bad;
		}
		s->enumv = json_object_get(v);
		s->has |= HAS_ENUM;
		path_pop(c);
	}
	if (json_object_object_get_ex(o, "const", &v)) {
		if (!value_depth_ok(v, depth)) {
			path_push_key(c, "const");
			fail(c, "nested deeper than %d levels",
			    JSONSCHEMA_MAX_DEPTH);
			goto bad;
		}
		s->constv = json_object_get(v);
		s->has |= HAS_CONST;
	}

	if ((r = get_bound(c, o, "minimum", &s->min)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_MIN : 0;
	if ((r = get_bound(c, o, "maximum", &s->max)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_MAX : 0;
	if ((r = get_bound(c, o, "exclusiveMinimum", &s->xmin)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_XMIN : 0;
	if ((r = get_bound(c, o, "exclusiveMaximum", &s->xmax)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_XMAX : 0;

	if ((r = get_count(c, o, "minLength", &s->minlen)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_MINLEN : 0;
	if ((r = get_count(c, o, "maxLength", &s->maxlen)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_MAXLEN : 0;
	if (json_object_object_get_ex(o, "pattern", &v) &&
	    compile_pattern(c, s, v) == -1)
		goto bad;

	if (json_object_object_get_ex(o, "items", &v)) {
		t = json_object_get_type(v);
		if (t == json_type_array) {
			path_push_key(c, "items");
			fail(c, "the array (tuple) form is not supported");
			goto bad;
		}
		if ((s->items = compile_sub(c, "items", v, depth)) == NULL)
			goto bad;
	}
	if ((r = get_count(c, o, "minItems", &s->minitems)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_MINITEMS : 0;
	if ((r = get_count(c, o, "maxItems", &s->maxitems)) == -1)
		goto bad;
	s->has |= r == 0 ? HAS_MAXITEMS : 0;
	if (json_object_object_get_ex(o, "uniqueItems", &v)) {
		if (json_object_get_type(v) != json_type_boolean) {
			path_push_key(c, "uniqueItems");
			fail(c, "must be a boolean");
			goto bad;
		}
		s->unique = json_object_get_boolean(v) ? 1 : 0;
	}
	return s;
 bad:
	node_free(s);
	return NULL;
}

static void
node_free(struct jsonschema *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nprops; i++) {
		free(s->props[i].name);
		node_free(s->props[i].schema);
	}
	free(s->props);
	for (i = 0; i < s->nrequired; i++)
		free(s->required[i]);
	free(s->required);
	node_free(s->addlschema);
	node_free(s->items);
	if (s->has & HAS_CONST)
		json_object_put(s->constv);
	if (s->has & HAS_ENUM)
		json_object_put(s->enumv);
	jsonschema_re_free(s->re);
	free(s->pattern);
	free(s);
}

struct jsonschema *
jsonschema_compile(struct json_object *schema, char *err, size_t errlen)
{
	struct ctx	 c;

	memset(&c, 0, sizeof(c));
	c.pointer = 1;
	c.err = err;
	c.errlen = errlen;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	return compile_node(&c, schema, 0);
}

void
jsonschema_free(struct jsonschema *s)
{
	node_free(s);
}

/*
 * Validating.
 */

static int
types_fail(struct ctx *c, const struct jsonschema *s, struct json_object *o)
{
	char		 want[128];
	struct sb	 sb;
	size_t		 i;
	int		 n = 0;

	sb.buf = want;
	sb.cap = sizeof(want);
	sb.len = 0;
	want[0] = '\0';
	for (i = 0; i < NTYPENAMES; i++) {
		if (!(s->types & typenames[i].bit))
			continue;
		if (n++ > 0)
			sb_add(&sb, " or ", 4);
		sb_add(&sb, typenames[i].name, strlen(typenames[i].name));
	}
	return fail(c, "expected %s, got %s", want, type_name(o));
}

static int
validate_number(struct ctx *c, const struct jsonschema *s,
    struct json_object *o)
{
	struct jsnum	 n;
	char		 b[64];
	int		 r;

	num_from(o, &n);
	if (n.kind == NUM_DBL && isnan(n.d))
		return fail(c, "number is NaN");
	if (s->has & HAS_MIN) {
		r = num_cmp(&n, &s->min);
		if (r < 0) {
			num_fmt(&s->min, b, sizeof(b));
			return fail(c, "number less than minimum %s", b);
		}
	}
	if (s->has & HAS_MAX) {
		r = num_cmp(&n, &s->max);
		if (r > 0) {
			num_fmt(&s->max, b, sizeof(b));
			return fail(c, "number greater than maximum %s", b);
		}
	}
	if (s->has & HAS_XMIN) {
		r = num_cmp(&n, &s->xmin);
		if (r <= 0) {
			num_fmt(&s->xmin, b, sizeof(b));
			return fail(c, "number not greater than "
			    "exclusiveMinimum %s", b);
		}
	}
	if (s->has & HAS_XMAX) {
		r = num_cmp(&n, &s->xmax);
		if (r >= 0) {
			num_fmt(&s->xmax, b, sizeof(b));
			return fail(c, "number not less than "
			    "exclusiveMaximum %s", b);
		}
	}
	return 0;
}

static int
validate_string(struct ctx *c, const struct jsonschema *s,
    struct json_object *o)
{
	const char	*str;
	char		 pat[80];
	struct sb	 sb;
	size_t		 len, n;

	str = json_object_get_string(o);
	len = (size_t)json_object_get_string_len(o);
	if (s->has & (HAS_MINLEN | HAS_MAXLEN)) {
		n = jsonschema_re_ncodepoints(str, len);
		if ((s->has & HAS_MINLEN) && n < s->minlen)
			return fail(c, "string shorter than minLength %llu",
			    (unsigned long long)s->minlen);
		if ((s->has & HAS_MAXLEN) && n > s->maxlen)
			return fail(c, "string longer than maxLength %llu",
			    (unsigned long long)s->maxlen);
	}
	if ((s->has & HAS_PATTERN) && !jsonschema_re_search(s->re, str, len)) {
		sb.buf = pat;
		sb.cap = sizeof(pat);
		sb.len = 0;
		pat[0] = '\0';
		sb_quoted(&sb, s->pattern, strlen(s->pattern), 0);
		return fail(c, "string does not match pattern \"%s\"", pat);
	}
	return 0;
}

struct hashed {
	uint64_t	 h;
	size_t		 idx;
};

static int
hashed_cmp(const void *a, const void *b)
{
	const struct hashed	*ha = a, *hb = b;

	if (ha->h != hb->h)
		return ha->h < hb->h ? -1 : 1;
	if (ha->idx != hb->idx)
		return ha->idx < hb->idx ? -1 : 1;
	return 0;
}

/*
 * uniqueItems without comparing every pair: sort the items' hashes and
 * compare only items whose hashes collide.
 */
static int
validate_unique(struct ctx *c, struct json_object *o, int depth)
{
	struct hashed	*hs;
	size_t		 i, j, k, l, n, bi = 0, bj = 0;
	int		 r, found = 0;

	n = json_object_array_length(o);
	if (n < 2)
		return 0;
	if ((hs = reallocarray(NULL, n, sizeof(*hs))) == NULL)
		return fail(c, "out of memory checking uniqueItems");
	for (i = 0; i < n; i++) {
		hs[i].idx = i;
		if (value_hash(json_object_array_get_idx(o, i), depth + 1,
		    &hs[i].h) == -1) {
			free(hs);
			path_push_idx(c, i);
			fail(c, "value nested deeper than %d levels",
			    JSONSCHEMA_MAX_DEPTH);
			path_pop(c);
			return -1;
		}
	}
	qsort(hs, n, sizeof(*hs), hashed_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && hs[j].h == hs[i].h; j++)
			;
		/* Report the pair with the smallest indices. */
		for (k = i; k < j; k++) {
			for (l = k + 1; l < j; l++) {
				r = value_equal(
				    json_object_array_get_idx(o, hs[k].idx),
				    json_object_array_get_idx(o, hs[l].idx),
				    depth + 1);
				if (r == 0)
					continue;
				if (r == -1) {
					free(hs);
					return fail(c, "value nested deeper "
					    "than %d levels",
					    JSONSCHEMA_MAX_DEPTH);
				}
				if (!found || hs[l].idx < bj ||
				    (hs[l].idx == bj && hs[k].idx < bi)) {
					bi = hs[k].idx;
					bj = hs[l].idx;
					found = 1;
				}
			}
		}
	}
	free(hs);
	if (found)
		return fail(c, "array items [%zu] and [%zu] are equal, "
		    "uniqueItems", bi, bj);
	return 0;
}

static int
validate_array(struct ctx *c, const struct jsonschema *s,
    struct json_object *o, int depth)
{
	size_t	 i, n;

	n = json_object_array_length(o);
	if ((s->has & HAS_MINITEMS) && n < s->minitems)
		return fail(c, "array shorter than minItems %llu",
		    (unsigned long long)s->minitems);
	if ((s->has & HAS_MAXITEMS) && n > s->maxitems)
		return fail(c, "array longer than maxItems %llu",
		    (unsigned long long)s->maxitems);
	if (s->items != NULL) {
		for (i = 0; i < n; i++) {
			path_push_idx(c, i);
			if (validate_node(c, s->items,
			    json_object_array_get_idx(o, i), depth + 1) == -1)
				return -1;
			path_pop(c);
		}
	}
	if (s->unique && validate_unique(c, o, depth) == -1)
		return -1;
	return 0;
}

static int
validate_object(struct ctx *c, const struct jsonschema *s,
    struct json_object *o, int depth)
{
	struct json_object_iterator	 it, end;
	const struct jsprop		*p;
	const struct jsonschema		*sub;
	const char			*key;
	char				 name[80];
	struct sb			 sb;
	size_t				 i;

	for (i = 0; i < s->nrequired; i++) {
		if (json_object_object_get_ex(o, s->required[i], NULL))
			continue;
		sb.buf = name;
		sb.cap = sizeof(name);
		sb.len = 0;
		name[0] = '\0';
		sb_quoted(&sb, s->required[i], strlen(s->required[i]), 0);
		return fail(c, "missing required property \"%s\"", name);
	}
	if (s->nprops == 0 && s->addl == ADDL_ANY)
		return 0;
	it = json_object_iter_begin(o);
	end = json_object_iter_end(o);
	for (; !json_object_iter_equal(&it, &end);
	    json_object_iter_next(&it)) {
		key = json_object_iter_peek_name(&it);
		p = NULL;
		if (s->nprops > 0)
			p = bsearch(key, s->props, s->nprops,
			    sizeof(*s->props), prop_find);
		if (p != NULL)
			sub = p->schema;
		else if (s->addl == ADDL_SCHEMA)
			sub = s->addlschema;
		else if (s->addl == ADDL_NONE) {
			path_push_key(c, key);
			fail(c, "property not allowed, "
			    "additionalProperties is false");
			path_pop(c);
			return -1;
		} else
			continue;
		path_push_key(c, key);
		if (validate_node(c, sub, json_object_iter_peek_value(&it),
		    depth + 1) == -1)
			return -1;
		path_pop(c);
	}
	return 0;
}

static int
validate_node(struct ctx *c, const struct jsonschema *s,
    struct json_object *o, int depth)
{
	struct json_object	*e;
	size_t			 i, n;
	int			 r;

	if (s->isbool) {
		if (s->boolval)
			return 0;
		return fail(c, "no value allowed, schema is false");
	}
	if (depth > JSONSCHEMA_MAX_DEPTH)
		return fail(c, "value nested deeper than %d levels",
		    JSONSCHEMA_MAX_DEPTH);
	if (s->types != 0 && (s->types & type_mask(o)) == 0)
		return types_fail(c, s, o);
	if (s->has & HAS_CONST) {
		r = value_equal(s->constv, o, depth);
		if (r == -1)
			return fail(c, "value nested deeper than %d levels",
			    JSONSCHEMA_MAX_DEPTH);
		if (r == 0)
			return fail(c, "value does not equal const");
	}
	if (s->has & HAS_ENUM) {
		n = json_object_array_length(s->enumv);
		for (i = 0; i < n; i++) {
			e = json_object_array_get_idx(s->enumv, i);
			r = value_equal(e, o, depth);
			if (r == -1)
				return fail(c, "value nested deeper than %d "
				    "levels", JSONSCHEMA_MAX_DEPTH);
			if (r == 1)
				break;
		}
		if (i == n)
			return fail(c, "value is not one of enum");
	}
	switch (json_object_get_type(o)) {
	case json_type_int:
	case json_type_double:
		if (s->has & HAS_NUMERIC)
			return validate_number(c, s, o);
		return 0;
	case json_type_string:
		return validate_string(c, s, o);
	case json_type_array:
		return validate_array(c, s, o, depth);
	case json_type_object:
		return validate_object(c, s, o, depth);
	default:
		return 0;
	}
}

int
jsonschema_validate(const struct jsonschema *s, struct json_object *o,
    char *err, size_t errlen)
{
	struct ctx	 c;

	memset(&c, 0, sizeof(c));
	c.err = err;
	c.errlen = errlen;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (s == NULL)
		return fail(&c, "no schema");
	if (validate_node(&c, s, o, 0) == -1)
		return -1;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	return 0;
}

int
jsonschema_takes_object(struct json_object *schema)
{
	struct json_object	*t, *e;
	size_t			 i, n;

	if (!json_object_is_type(schema, json_type_object) ||
	    !json_object_object_get_ex(schema, "type", &t))
		return 1;
	if (json_object_is_type(t, json_type_string))
		return strcmp(json_object_get_string(t), "object") == 0;
	if (!json_object_is_type(t, json_type_array))
		return 1;
	n = json_object_array_length(t);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(t, i);
		if (json_object_is_type(e, json_type_string) &&
		    strcmp(json_object_get_string(e), "object") == 0)
			return 1;
	}
	return 0;
}
