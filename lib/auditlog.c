/*
 * auditlog: append-only, hash-chained, forward-securely sealed audit
 * store.  See auditlog.h for the formats; this file must keep to them
 * byte for byte, or every existing log stops verifying.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <sodium.h>
#include <sqlite3.h>

#include "auditlog.h"
#include "hexdig.h"
#include "utf8.h"

#define FORMAT_NAME	"harness-audit-1"
#define ENC_VERSION	1
#define FSS_TAG		"harness-audit-fss"
#define KEYFILE_MAGIC	"HAUDITK1"
#define KEYFILE_LEN	(8 + 8 + AUDITLOG_KEYLEN)
#define SEAL_ENCLEN	(4 + 8 + 8 + AUDITLOG_HASHLEN + 8)
#define JSON_DEPTH_MAX	32
#define NUMBER_MAX	64	/* longest number token we accept */
#define FORMAT_MAX	(1024 * 1024)

struct auditlog_keys {
	unsigned char	 fss[AUDITLOG_KEYLEN];	/* K_epoch */
	unsigned char	 hmac[AUDITLOG_KEYLEN];	/* fingerprints */
};

struct auditlog {
	sqlite3			*db;
	int			 ro;
	int			 broken;	/* state unknown: refuse work */
	int			 dirfd;
	int			 lockfd;
	struct auditlog_keys	*keys;		/* sodium_malloc, noaccess */
	uint64_t		 epoch;
	uint64_t		 last_seq;
	unsigned char		 head[AUDITLOG_HASHLEN];
	uint64_t		 sealed_seq;
	int			 sealed;
	int64_t			 max_epoch;	/* -1: no seal stored */
	sqlite3_stmt		*st_begin;
	sqlite3_stmt		*st_commit;
	sqlite3_stmt		*st_rollback;
	sqlite3_stmt		*st_insert;
	sqlite3_stmt		*st_seal;
};

/* A record's fields as the hash sees them: explicit lengths. */
struct rfields {
	uint64_t	 seq;
	int64_t		 time;
	int64_t		 uid;
	int64_t		 pid;
	const char	*s[5];		/* source type session actor body */
	size_t		 l[5];
};

/* Growable output buffer with a ceiling. */
struct dbuf {
	char		*p;
	size_t		 len;
	size_t		 cap;
	size_t		 max;
	int		 err;
};

static const unsigned char zerohash[AUDITLOG_HASHLEN];

static void	 seterr(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static int64_t
now_ns(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Output buffers */

static void
db_grow(struct dbuf *b, size_t need)
{
	size_t	 ncap;
	char	*np;

	if (b->err)
		return;
	if (need > b->max || need < b->len) {
		b->err = 1;
		return;
	}
	if (need + 1 <= b->cap)
		return;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need + 1)
		ncap *= 2;
	if ((np = realloc(b->p, ncap)) == NULL) {
		b->err = 1;
		return;
	}
	b->p = np;
	b->cap = ncap;
}

static void
db_put(struct dbuf *b, const void *p, size_t len)
{
	db_grow(b, b->len + len);
	if (b->err)
		return;
	memcpy(b->p + b->len, p, len);
	b->len += len;
	b->p[b->len] = '\0';
}

static void
db_puts(struct dbuf *b, const char *s)
{
	db_put(b, s, strlen(s));
}

static void
db_putc(struct dbuf *b, char c)
{
	db_put(b, &c, 1);
}

static void	 db_printf(struct dbuf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
db_printf(struct dbuf *b, const char *fmt, ...)
{
	char	 tmp[128];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		b->err = 1;
		return;
	}
	db_put(b, tmp, n);
}

/* Text checks */

/*
 * Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0.
 */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	unsigned char	 c = p[0];

	if (c < 0x80)
		return 1;
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		if (n < 2 || (p[1] & 0xc0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xf0) {
		if (n < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)
			return 0;
		if (c == 0xed && p[1] >= 0xa0)
			return 0;
		return 3;
	}
	if (c < 0xf5) {
		if (n < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)
			return 0;
		if (c == 0xf4 && p[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int
auditlog_check_type(const char *s)
{
	size_t	 i, len;

	if (s == NULL)
		return -1;
	len = strnlen(s, AUDITLOG_TYPE_MAX + 1);
	if (len == 0 || len > AUDITLOG_TYPE_MAX)
		return -1;
	if (s[0] == '.' || s[len - 1] == '.')
		return -1;
	for (i = 0; i < len; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-')
			continue;
		if (s[i] == '.' && s[i + 1] != '.')
			continue;
		return -1;
	}
	return 0;
}

/*
 * The event types the daemons send.  A new producer or event adds its
 * types here (and to auditd(8)); auditd refuses and counts the others.
 */
static const char *const known_types[] = {
	"approval.decision",	/* hitld */
	"config.reload",	/* every daemon, on SIGHUP */
	"gateway.auth.fail",	/* harnessd's gateway */
	"sandbox.exit",		/* sandboxd */
	"sandbox.start",
	"secret.detected",	/* harnessd's engine */
	"tool.call",
	"tool.delete",
	"tool.register",
	"vault.get",		/* vaultd */
	"vault.init",
	"vault.prune",
	"vault.put",
	"vault.rm",
	"vault.rotate",
	"vault.seal",
	"vault.secret.read",
	"vault.unseal",
};

/* An administrator's own records (harnessctl audit log admin.NAME). */
#define ADMIN_PREFIX	"admin."

int
auditlog_type_known(const char *s)
{
	size_t	 i;

	if (auditlog_check_type(s) == -1)
		return 0;
	if (strncmp(s, ADMIN_PREFIX, strlen(ADMIN_PREFIX)) == 0)
		return 1;
	for (i = 0; i < sizeof(known_types) / sizeof(known_types[0]); i++)
		if (strcmp(s, known_types[i]) == 0)
			return 1;
	return 0;
}

static int
check_source(const char *s)
{
	size_t	 i, len;

	if (s == NULL)
		return -1;
	len = strnlen(s, AUDITLOG_SOURCE_MAX + 1);
	if (len == 0 || len > AUDITLOG_SOURCE_MAX)
		return -1;
	for (i = 0; i < len; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    strchr("_.:/-", s[i]) != NULL)
			continue;
		return -1;
	}
	return 0;
}

/* session, actor: UTF-8 text without control characters. */
static int
check_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, len, n;

	if (s == NULL)
		return 0;
	len = strnlen(s, AUDITLOG_STR_MAX + 1);
	if (len > AUDITLOG_STR_MAX)
		return -1;
	for (i = 0; i < len; i += n) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return -1;
		if ((n = utf8_len(p + i, len - i)) == 0)
			return -1;
	}
	return 0;
}

int
auditlog_check_text(const char *s)
{
	return check_text(s);
}

/* Strict JSON scan */

/*
 * json-c accepts more than RFC 8259 (single quotes, NaN, raw control
 * characters, clamped integers) and silently keeps the last of duplicate
 * keys.  An audit record must store what was meant, so a strict scanner
 * runs first: it enforces the grammar, UTF-8, number ranges and counts
 * object members so that duplicates can be told by comparing with the
 * tree json-c builds.
 */
struct jscan {
	const unsigned char	*p;
	size_t			 len;
	size_t			 off;
	size_t			 members;
	const char		*why;
	int			 maxdepth;	/* 0: JSON_DEPTH_MAX */
};

static void
js_ws(struct jscan *js)
{
	while (js->off < js->len && (js->p[js->off] == ' ' ||
	    js->p[js->off] == '\t' || js->p[js->off] == '\n' ||
	    js->p[js->off] == '\r'))
		js->off++;
}

static int
js_fail(struct jscan *js, const char *why)
{
	if (js->why == NULL)
		js->why = why;
	return -1;
}

static int
js_hex4(struct jscan *js, unsigned int *cp)
{
	unsigned int	 v = 0;
	size_t		 i;
	unsigned char	 c;

	if (js->len - js->off < 4)
		return js_fail(js, "bad \\u escape");
	for (i = 0; i < 4; i++) {
		c = js->p[js->off + i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return js_fail(js, "bad \\u escape");
	}
	js->off += 4;
	*cp = v;
	return 0;
}

static int
js_string(struct jscan *js, int iskey)
{
	unsigned int	 cp, lo;
	unsigned char	 c;
	size_t		 n;

	js->off++;	/* opening quote */
	for (;;) {
		if (js->off >= js->len)
			return js_fail(js, "unterminated string");
		c = js->p[js->off];
		if (c == '"') {
			js->off++;
			return 0;
		}
		if (c < 0x20)
			return js_fail(js, "control character in string");
		if (c != '\\') {
			if ((n = utf8_len(js->p + js->off,
			    js->len - js->off)) == 0)
				return js_fail(js, "invalid UTF-8");
			js->off += n;
			continue;
		}
		if (++js->off >= js->len)
			return js_fail(js, "unterminated string");
		c = js->p[js->off++];
		if (strchr("\"\\/bfnrt", c) != NULL && c != '\0')
			continue;
		if (c != 'u')
			return js_fail(js, "bad escape");
		if (js_hex4(js, &cp) == -1)
			return -1;
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return js_fail(js, "lone surrogate");
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (js->len - js->off < 6 || js->p[js->off] != '\\' ||
			    js->p[js->off + 1] != 'u')
				return js_fail(js, "lone surrogate");
			js->off += 2;
			if (js_hex4(js, &lo) == -1)
				return -1;
			if (lo < 0xdc00 || lo > 0xdfff)
				return js_fail(js, "lone surrogate");
		}
		/* json-c keys are C strings: a NUL would cut them short. */
		if (cp == 0 && iskey)
			return js_fail(js, "NUL in object key");
	}
}

static int
js_number(struct jscan *js)
{
	char		 tok[NUMBER_MAX + 1];
	size_t		 start = js->off, n;
	int		 isint = 1;
	double		 d;

#define DIGIT(o) ((o) < js->len && js->p[o] >= '0' && js->p[o] <= '9')
	if (js->off < js->len && js->p[js->off] == '-')
		js->off++;
	if (!DIGIT(js->off))
		return js_fail(js, "bad number");
	if (js->p[js->off] == '0')
		js->off++;
	else
		while (DIGIT(js->off))
			js->off++;
	if (js->off < js->len && js->p[js->off] == '.') {
		isint = 0;
		js->off++;
		if (!DIGIT(js->off))
			return js_fail(js, "bad number");
		while (DIGIT(js->off))
			js->off++;
	}
	if (js->off < js->len && (js->p[js->off] == 'e' ||
	    js->p[js->off] == 'E')) {
		isint = 0;
		js->off++;
		if (js->off < js->len && (js->p[js->off] == '+' ||
		    js->p[js->off] == '-'))
			js->off++;
		if (!DIGIT(js->off))
			return js_fail(js, "bad number");
		while (DIGIT(js->off))
			js->off++;
	}
#undef DIGIT
	n = js->off - start;
	if (n > NUMBER_MAX)
		return js_fail(js, "number too long");
	memcpy(tok, js->p + start, n);
	tok[n] = '\0';
	errno = 0;
	if (isint && tok[0] == '-')
		(void)strtoll(tok, NULL, 10);
	else if (isint)
		(void)strtoull(tok, NULL, 10);
	if (isint && errno == ERANGE)
		return js_fail(js, "integer out of range");
	if (!isint) {
		d = strtod(tok, NULL);
		if (!isfinite(d))
			return js_fail(js, "number out of range");
	}
	return 0;
}

static int
js_lit(struct jscan *js, const char *lit)
{
	size_t	 n = strlen(lit);

	if (js->len - js->off < n || memcmp(js->p + js->off, lit, n) != 0)
		return js_fail(js, "unexpected character");
	js->off += n;
	return 0;
}

static int
js_value(struct jscan *js, int depth)
{
	unsigned char	 c;

	if (depth > (js->maxdepth > 0 ? js->maxdepth : JSON_DEPTH_MAX))
		return js_fail(js, "nested too deeply");
	js_ws(js);
	if (js->off >= js->len)
		return js_fail(js, "unexpected end");
	c = js->p[js->off];
	switch (c) {
	case '{':
		js->off++;
		js_ws(js);
		if (js->off < js->len && js->p[js->off] == '}') {
			js->off++;
			return 0;
		}
		for (;;) {
			js_ws(js);
			if (js->off >= js->len || js->p[js->off] != '"')
				return js_fail(js, "object key expected");
			if (js_string(js, 1) == -1)
				return -1;
			js_ws(js);
			if (js->off >= js->len || js->p[js->off] != ':')
				return js_fail(js, "':' expected");
			js->off++;
			if (js_value(js, depth + 1) == -1)
				return -1;
			js->members++;
			js_ws(js);
			if (js->off < js->len && js->p[js->off] == ',') {
				js->off++;
				continue;
			}
			if (js->off < js->len && js->p[js->off] == '}') {
				js->off++;
				return 0;
			}
			return js_fail(js, "',' or '}' expected");
		}
	case '[':
		js->off++;
		js_ws(js);
		if (js->off < js->len && js->p[js->off] == ']') {
			js->off++;
			return 0;
		}
		for (;;) {
			if (js_value(js, depth + 1) == -1)
				return -1;
			js_ws(js);
			if (js->off < js->len && js->p[js->off] == ',') {
				js->off++;
				continue;
			}
			if (js->off < js->len && js->p[js->off] == ']') {
				js->off++;
				return 0;
			}
			return js_fail(js, "',' or ']' expected");
		}
	case '"':
		return js_string(js, 0);
	case 't':
		return js_lit(js, "true");
	case 'f':
		return js_lit(js, "false");
	case 'n':
		return js_lit(js, "null");
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return js_number(js);
		return js_fail(js, "unexpected character");
	}
}

/* Canonical JSON */

/*
 * JSON string body: escape what JSON requires, keep valid UTF-8 raw and
 * show any other byte as \u00xx, so output is valid JSON even from a
 * damaged database.
 */
static void
esc_json(struct dbuf *b, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;

	db_putc(b, '"');
	for (i = 0; i < len && !b->err; i += n) {
		n = 1;
		switch (p[i]) {
		case '"':
			db_puts(b, "\\\"");
			continue;
		case '\\':
			db_puts(b, "\\\\");
			continue;
		case '\b':
			db_puts(b, "\\b");
			continue;
		case '\f':
			db_puts(b, "\\f");
			continue;
		case '\n':
			db_puts(b, "\\n");
			continue;
		case '\r':
			db_puts(b, "\\r");
			continue;
		case '\t':
			db_puts(b, "\\t");
			continue;
		}
		if (p[i] < 0x20 || (n = utf8_len(p + i, len - i)) == 0) {
			db_printf(b, "\\u%04x", p[i]);
			n = 1;
			continue;
		}
		db_put(b, p + i, n);
	}
	db_putc(b, '"');
}

/*
 * A double as the shortest digit string that reads back to the same
 * value, laid out like ECMAScript's Number to String: plain decimal for
 * 1e-6 <= |d| < 1e21 (with ".0" if it has no fraction, so it stays a
 * double when read again), otherwise d.ddde+XX.
 */
static void
canon_double(struct dbuf *b, double d)
{
	char	 buf[64], digits[32], *e;
	int	 prec, k, n, i, exp;

	if (d == 0) {
		db_puts(b, signbit(d) ? "-0.0" : "0.0");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	/* buf is [-]D[.DDD]e(+|-)XX; a locale may use ',' for '.'. */
	if ((e = strchr(buf, 'e')) == NULL) {
		b->err = 1;
		return;
	}
	exp = atoi(e + 1);
	for (k = 0, i = (buf[0] == '-'); buf + i < e && k < 20; i++)
		if (buf[i] >= '0' && buf[i] <= '9')
			digits[k++] = buf[i];
	digits[k] = '\0';
	if (buf[0] == '-')
		db_putc(b, '-');
	n = exp + 1;		/* digits before the decimal point */
	if (k <= n && n <= 21) {
		db_puts(b, digits);
		for (i = k; i < n; i++)
			db_putc(b, '0');
		db_puts(b, ".0");
	} else if (0 < n && n <= 21) {
		db_put(b, digits, n);
		db_putc(b, '.');
		db_puts(b, digits + n);
	} else if (-6 < n && n <= 0) {
		db_puts(b, "0.");
		for (i = n; i < 0; i++)
			db_putc(b, '0');
		db_puts(b, digits);
	} else {
		db_putc(b, digits[0]);
		if (k > 1) {
			db_putc(b, '.');
			db_puts(b, digits + 1);
		}
		db_printf(b, "e%c%d", exp < 0 ? '-' : '+', abs(exp));
	}
}

struct kv {
	const char		*k;
	struct json_object	*v;
};

static int
kv_cmp(const void *a, const void *b)
{
	const struct kv	*x = a, *y = b;

	return strcmp(x->k, y->k);
}

static int
canon_value(struct dbuf *b, struct json_object *o, size_t *members, int depth)
{
	struct json_object_iterator	 it, end;
	struct kv			*kv;
	size_t				 i, n;
	int64_t				 i64;
	double				 d;

	if (depth > JSON_DEPTH_MAX + 1)
		return -1;
	switch (json_object_get_type(o)) {
	case json_type_null:
		db_puts(b, "null");
		break;
	case json_type_boolean:
		db_puts(b, json_object_get_boolean(o) ? "true" : "false");
		break;
	case json_type_int:
		/* json-c keeps values above INT64_MAX as uint64. */
		i64 = json_object_get_int64(o);
		if (i64 == INT64_MAX)
			db_printf(b, "%llu",
			    (unsigned long long)json_object_get_uint64(o));
		else
			db_printf(b, "%lld", (long long)i64);
		break;
	case json_type_double:
		d = json_object_get_double(o);
		if (!isfinite(d))
			return -1;
		canon_double(b, d);
		break;
	case json_type_string:
		esc_json(b, json_object_get_string(o),
		    json_object_get_string_len(o));
		break;
	case json_type_array:
		n = json_object_array_length(o);
		db_putc(b, '[');
		for (i = 0; i < n; i++) {
			if (i > 0)
				db_putc(b, ',');
			if (canon_value(b, json_object_array_get_idx(o, i),
			    members, depth + 1) == -1)
				return -1;
		}
		db_putc(b, ']');
		break;
	case json_type_object:
		n = json_object_object_length(o);
		*members += n;
		if ((kv = calloc(n ? n : 1, sizeof(*kv))) == NULL)
			return -1;
		it = json_object_iter_begin(o);
		end = json_object_iter_end(o);
		for (i = 0; i < n && !json_object_iter_equal(&it, &end); i++) {
			kv[i].k = json_object_iter_peek_name(&it);
			kv[i].v = json_object_iter_peek_value(&it);
			json_object_iter_next(&it);
		}
		n = i;
		qsort(kv, n, sizeof(*kv), kv_cmp);
		db_putc(b, '{');
		for (i = 0; i < n; i++) {
			if (i > 0)
				db_putc(b, ',');
			esc_json(b, kv[i].k, strlen(kv[i].k));
			db_putc(b, ':');
			if (canon_value(b, kv[i].v, members, depth + 1) == -1) {
				free(kv);
				return -1;
			}
		}
		db_putc(b, '}');
		free(kv);
		break;
	default:
		return -1;
	}
	return b->err ? -1 : 0;
}

/*
 * Fast path of auditlog_canon_json(): one strict pass over the text that
 * validates (with the js_* scanner) and writes the canonical form at the
 * same time, without building a json-c tree.  It yields exactly what
 * the json-c path yields (regress/unit/test_auditlog.c compares both);
 * for anything it does not handle itself (invalid input, which needs
 * the reference path's error message, keys with escapes, duplicate keys,
 * a body too large) it returns -1 and the caller takes the json-c path.
 */
struct fmember {
	const unsigned char	*key;	/* raw key text, no escapes */
	size_t			 klen;
	size_t			 voff;	/* value in the segment */
	size_t			 vlen;
};

static int
fm_cmp(const void *a, const void *b)
{
	const struct fmember	*x = a, *y = b;
	size_t			 n = x->klen < y->klen ? x->klen : y->klen;
	int			 c;

	/* strcmp order: keys hold no NUL. */
	if ((c = memcmp(x->key, y->key, n)) != 0)
		return c;
	return x->klen < y->klen ? -1 : x->klen > y->klen;
}

static int
hexdigit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

static unsigned int
hex4(const unsigned char *p)
{
	return hexdigit(p[0]) << 12 | hexdigit(p[1]) << 8 |
	    hexdigit(p[2]) << 4 | hexdigit(p[3]);
}

/* Decode a string body the scanner has accepted already. */
static void
fc_unescape(struct dbuf *out, const unsigned char *p, size_t len)
{
	unsigned char	 u[4];
	unsigned int	 cp;
	size_t		 i, n;
	char		 c;

	for (i = 0; i < len && !out->err; i++) {
		if (p[i] != '\\') {
			for (n = i; n < len && p[n] != '\\'; n++)
				;
			db_put(out, p + i, n - i);
			i = n - 1;
			continue;
		}
		c = p[++i];
		switch (c) {
		case 'b':
			db_putc(out, '\b');
			continue;
		case 'f':
			db_putc(out, '\f');
			continue;
		case 'n':
			db_putc(out, '\n');
			continue;
		case 'r':
			db_putc(out, '\r');
			continue;
		case 't':
			db_putc(out, '\t');
			continue;
		case 'u':
			break;
		default:	/* " \ / */
			db_putc(out, c);
			continue;
		}
		cp = hex4(p + i + 1);
		i += 4;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			cp = 0x10000 + ((cp - 0xd800) << 10) +
			    (hex4(p + i + 3) - 0xdc00);
			i += 6;
		}
		n = utf8_encode(cp, u);
		db_put(out, u, n);
	}
}

static int
fc_value(struct jscan *js, struct dbuf *b, int depth)
{
	struct fmember	 fixed[16], *m = fixed, *nm;
	struct dbuf	 tmp;
	const unsigned char *p = js->p;
	size_t		 start, nmem = 0, cap = 16, seg, i;
	char		 num[NUMBER_MAX + 1];
	int		 r = -1;

	if (depth > JSON_DEPTH_MAX)
		return -1;
	js_ws(js);
	if (js->off >= js->len)
		return -1;
	start = js->off;
	switch (p[js->off]) {
	case '{':
		js->off++;
		seg = b->len;
		js_ws(js);
		if (js->off < js->len && p[js->off] == '}') {
			js->off++;
			db_puts(b, "{}");
			return b->err ? -1 : 0;
		}
		for (;;) {
			js_ws(js);
			if (js->off >= js->len || p[js->off] != '"')
				goto out;
			start = js->off;
			if (js_string(js, 1) == -1 ||
			    memchr(p + start, '\\', js->off - start) != NULL)
				goto out;
			if (nmem == cap) {
				if ((nm = reallocarray(m == fixed ? NULL : m,
				    cap * 2, sizeof(*m))) == NULL)
					goto out;
				if (m == fixed)
					memcpy(nm, fixed, sizeof(fixed));
				m = nm;
				cap *= 2;
			}
			m[nmem].key = p + start + 1;
			m[nmem].klen = js->off - start - 2;
			js_ws(js);
			if (js->off >= js->len || p[js->off] != ':')
				goto out;
			js->off++;
			m[nmem].voff = b->len - seg;
			if (fc_value(js, b, depth + 1) == -1)
				goto out;
			m[nmem].vlen = b->len - seg - m[nmem].voff;
			nmem++;
			js_ws(js);
			if (js->off < js->len && p[js->off] == ',') {
				js->off++;
				continue;
			}
			if (js->off < js->len && p[js->off] == '}') {
				js->off++;
				break;
			}
			goto out;
		}
		qsort(m, nmem, sizeof(*m), fm_cmp);
		for (i = 1; i < nmem; i++)
			if (fm_cmp(&m[i - 1], &m[i]) == 0)
				goto out;	/* duplicate key */
		/* The values sit in b in input order: lay them out sorted. */
		memset(&tmp, 0, sizeof(tmp));
		tmp.max = b->max;
		db_put(&tmp, b->p + seg, b->len - seg);
		if (tmp.err || b->err) {
			free(tmp.p);
			goto out;
		}
		b->len = seg;
		db_putc(b, '{');
		for (i = 0; i < nmem; i++) {
			if (i > 0)
				db_putc(b, ',');
			db_putc(b, '"');
			db_put(b, m[i].key, m[i].klen);
			db_put(b, "\":", 2);
			db_put(b, tmp.p + m[i].voff, m[i].vlen);
		}
		db_putc(b, '}');
		free(tmp.p);
		r = b->err ? -1 : 0;
		goto out;
	case '[':
		js->off++;
		db_putc(b, '[');
		js_ws(js);
		if (js->off < js->len && p[js->off] == ']') {
			js->off++;
			db_putc(b, ']');
			return b->err ? -1 : 0;
		}
		for (;;) {
			if (fc_value(js, b, depth + 1) == -1)
				return -1;
			js_ws(js);
			if (js->off < js->len && p[js->off] == ',') {
				js->off++;
				db_putc(b, ',');
				continue;
			}
			if (js->off < js->len && p[js->off] == ']') {
				js->off++;
				db_putc(b, ']');
				return b->err ? -1 : 0;
			}
			return -1;
		}
	case '"':
		if (js_string(js, 0) == -1)
			return -1;
		if (memchr(p + start, '\\', js->off - start) == NULL)
			db_put(b, p + start, js->off - start);
		else {
			memset(&tmp, 0, sizeof(tmp));
			tmp.max = b->max;
			fc_unescape(&tmp, p + start + 1, js->off - start - 2);
			if (tmp.err) {
				free(tmp.p);
				return -1;
			}
			esc_json(b, tmp.p ? tmp.p : "", tmp.len);
			free(tmp.p);
		}
		return b->err ? -1 : 0;
	case 't':
	case 'f':
	case 'n':
		if (js_lit(js, p[start] == 't' ? "true" : p[start] == 'f' ?
		    "false" : "null") == -1)
			return -1;
		db_put(b, p + start, js->off - start);
		return b->err ? -1 : 0;
	default:
		if (js_number(js) == -1)
			return -1;
		i = js->off - start;
		memcpy(num, p + start, i);
		num[i] = '\0';
		if (strpbrk(num, ".eE") != NULL)
			canon_double(b, strtod(num, NULL));
		else if (strcmp(num, "-0") == 0)
			db_putc(b, '0');	/* an integer zero */
		else
			db_put(b, num, i);	/* in range, no leading 0 */
		return b->err ? -1 : 0;
	}
 out:
	if (m != fixed)
		free(m);
	return r;
}

static int
canon_fast(const char *in, size_t len, size_t max, char **out,
    size_t *outlen)
{
	struct jscan	 js;
	struct dbuf	 b;

	memset(&js, 0, sizeof(js));
	memset(&b, 0, sizeof(b));
	b.max = max;
	js.p = (const unsigned char *)in;
	js.len = len;
	js_ws(&js);
	if (js.off >= len || in[js.off] != '{' ||
	    fc_value(&js, &b, 1) == -1) {
		free(b.p);
		return -1;
	}
	js_ws(&js);
	if (js.off != len || b.p == NULL) {
		free(b.p);
		return -1;
	}
	*out = b.p;
	*outlen = b.len;
	return 0;
}

/*
 * Where a key is repeated, in text auditlog_json_check() accepted: the
 * byte at which the second of two equal keys (compared decoded, so
 * "a" and "\u0061" are equal) of one object starts.  Only for an
 * error message: its cost is no concern, its bounds are the text's.
 */
struct dupkey {
	size_t	 koff;		/* decoded key in the key buffer */
	size_t	 klen;
	size_t	 at;		/* where it starts in the text */
};

static int
dk_cmp(const void *a, const void *b, void *arg)
{
	const struct dbuf	*dk_keys = arg;
	const struct dupkey	*x = a, *y = b;
	size_t			 n = x->klen < y->klen ? x->klen : y->klen;
	int			 c;

	/* (all keys empty: no buffer, nothing to compare) */
	if (n > 0 && (c = memcmp(dk_keys->p + x->koff, dk_keys->p + y->koff,
	    n)) != 0)
		return c;
	if (x->klen != y->klen)
		return x->klen < y->klen ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static void
js_dupkey(struct jscan *js, struct dbuf *kb, int depth, size_t *at)
{
	struct dupkey	*k = NULL, *nk;
	size_t		 n = 0, cap = 0, start, i;

	js_ws(js);
	if (js->off >= js->len || js->why != NULL || depth > JSON_DEPTH_MAX)
		return;
	if (js->p[js->off] == '[') {
		js->off++;
		js_ws(js);
		if (js->off < js->len && js->p[js->off] == ']') {
			js->off++;
			return;
		}
		for (;;) {
			js_dupkey(js, kb, depth + 1, at);
			js_ws(js);
			if (js->why != NULL || js->off >= js->len ||
			    js->p[js->off++] != ',')
				return;
		}
	}
	if (js->p[js->off] != '{') {
		js_value(js, depth);
		return;
	}
	js->off++;
	js_ws(js);
	if (js->off < js->len && js->p[js->off] == '}') {
		js->off++;
		return;
	}
	for (;;) {
		js_ws(js);
		start = js->off;
		if (js_string(js, 1) == -1)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nk = reallocarray(k, cap, sizeof(*k))) == NULL)
				break;
			k = nk;
		}
		k[n].koff = kb->len;
		fc_unescape(kb, js->p + start + 1, js->off - start - 2);
		if (kb->err)
			break;
		k[n].klen = kb->len - k[n].koff;
		k[n].at = start;
		n++;
		js_ws(js);
		if (js->off >= js->len || js->p[js->off++] != ':')
			break;
		js_dupkey(js, kb, depth + 1, at);
		js_ws(js);
		if (js->why != NULL || js->off >= js->len ||
		    js->p[js->off++] != ',')
			break;
	}
	if (!kb->err && n > 1)
		qsort_r(k, n, sizeof(*k), dk_cmp, kb);
	for (i = 1; i < n && !kb->err; i++)
		if (k[i - 1].klen == k[i].klen && (k[i].klen == 0 ||
		    memcmp(kb->p + k[i - 1].koff, kb->p + k[i].koff,
		    k[i].klen) == 0) && k[i].at < *at)
			*at = k[i].at;
	free(k);
}

size_t
auditlog_json_members(struct json_object *o)
{
	size_t	 i, n = 0;

	if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, v) {
			(void)k;
			n += 1 + auditlog_json_members(v);
		}
	} else if (json_object_is_type(o, json_type_array))
		for (i = 0; i < json_object_array_length(o); i++)
			n += auditlog_json_members(
			    json_object_array_get_idx(o, i));
	return n;
}

int
auditlog_json_dupkey(const char *in, size_t len, size_t *at)
{
	struct jscan	 js;
	struct dbuf	 kb;

	memset(&js, 0, sizeof(js));
	js.p = (const unsigned char *)in;
	js.len = len;
	memset(&kb, 0, sizeof(kb));
	kb.max = len + 1;
	*at = SIZE_MAX;
	if (in != NULL)
		js_dupkey(&js, &kb, 1, at);
	free(kb.p);
	return *at != SIZE_MAX;
}

int
auditlog_json_check(const char *in, size_t len, int maxdepth,
    size_t *members, char *err, size_t errlen)
{
	struct jscan	 js;

	memset(&js, 0, sizeof(js));
	js.p = (const unsigned char *)in;
	js.len = len;
	js.maxdepth = maxdepth;
	if (in == NULL || js_value(&js, 1) == -1) {
		seterr(err, errlen, "%s at byte %zu", js.why != NULL ? js.why :
		    "no JSON", js.off);
		return -1;
	}
	js_ws(&js);
	if (js.off != len) {
		seterr(err, errlen, "trailing data at byte %zu", js.off);
		return -1;
	}
	if (members != NULL)
		*members = js.members;
	return 0;
}

static int canon_ref(const char *, size_t, size_t, char **, size_t *,
    char *, size_t);

int
auditlog_canon_json(const char *in, size_t len, char **out, size_t *outlen,
    char *err, size_t errlen)
{
	return auditlog_canon_json_max(in, len, AUDITLOG_BODY_MAX, out, outlen,
	    err, errlen);
}

int
auditlog_canon_json_max(const char *in, size_t len, size_t max, char **out,
    size_t *outlen, char *err, size_t errlen)
{
	if (in != NULL && len <= max &&
	    canon_fast(in, len, max, out, outlen) == 0)
		return 0;
	return canon_ref(in, len, max, out, outlen, err, errlen);
}

int
auditlog_canon_json_ref(const char *in, size_t len, char **out,
    size_t *outlen, char *err, size_t errlen)
{
	return canon_ref(in, len, AUDITLOG_BODY_MAX, out, outlen, err,
	    errlen);
}

static int
canon_ref(const char *in, size_t len, size_t max, char **out,
    size_t *outlen, char *err, size_t errlen)
{
	struct jscan		 js;
	struct json_tokener	*tok = NULL;
	struct json_object	*o = NULL;
	struct dbuf		 b;
	size_t			 members = 0;
	int			 ret = -1;

	*out = NULL;
	*outlen = 0;
	memset(&b, 0, sizeof(b));
	b.max = max;
	if (in == NULL) {
		seterr(err, errlen, "no JSON body");
		return -1;
	}
	if (len > max) {
		seterr(err, errlen, "JSON body too large (%zu > %zu bytes)",
		    len, max);
		return -1;
	}
	memset(&js, 0, sizeof(js));
	js.p = (const unsigned char *)in;
	js.len = len;
	js_ws(&js);
	if (js.off >= len || in[js.off] != '{') {
		seterr(err, errlen, "JSON body is not an object");
		return -1;
	}
	if (js_value(&js, 1) == -1) {
		seterr(err, errlen, "invalid JSON: %s at byte %zu", js.why,
		    js.off);
		return -1;
	}
	js_ws(&js);
	if (js.off != len) {
		seterr(err, errlen, "invalid JSON: trailing data at byte %zu",
		    js.off);
		return -1;
	}
	if ((tok = json_tokener_new_ex(JSON_DEPTH_MAX * 2)) == NULL) {
		seterr(err, errlen, "out of memory");
		return -1;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, in, (int)len);
	if (o == NULL || json_tokener_get_error(tok) != json_tokener_success ||
	    !json_object_is_type(o, json_type_object)) {
		seterr(err, errlen, "invalid JSON: %s", json_tokener_error_desc(
		    json_tokener_get_error(tok)));
		goto done;
	}
	if (canon_value(&b, o, &members, 1) == -1) {
		if (b.err && b.len + 64 > b.max)
			seterr(err, errlen, "JSON body too large in "
			    "canonical form");
		else
			seterr(err, errlen, "cannot encode JSON");
		goto done;
	}
	if (members != js.members) {
		size_t	at;

		if (auditlog_json_dupkey(in, len, &at))
			seterr(err, errlen, "invalid JSON: duplicate object "
			    "key at byte %zu", at);
		else
			seterr(err, errlen, "invalid JSON: duplicate object "
			    "key");
		goto done;
	}
	*out = b.p;
	*outlen = b.len;
	b.p = NULL;
	ret = 0;
 done:
	free(b.p);
	json_object_put(o);
	json_tokener_free(tok);
	return ret;
}

/* Hashing and encodings */

static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void
put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, v >> 32);
	put_u32(p + 4, (uint32_t)v);
}

static uint64_t
get_u64(const unsigned char *p)
{
	uint64_t	 v = 0;
	int		 i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void
hash_str(crypto_hash_sha256_state *st, const char *s, size_t len)
{
	unsigned char	 l[4];

	put_u32(l, (uint32_t)len);
	crypto_hash_sha256_update(st, l, sizeof(l));
	if (len > 0)
		crypto_hash_sha256_update(st, (const unsigned char *)s, len);
}

static void
hash_fields(const unsigned char prev[AUDITLOG_HASHLEN],
    const struct rfields *f, unsigned char out[AUDITLOG_HASHLEN])
{
	crypto_hash_sha256_state	 st;
	unsigned char			 hdr[4 + 8 + 8], ints[16];
	int				 i;

	put_u32(hdr, ENC_VERSION);
	put_u64(hdr + 4, f->seq);
	put_u64(hdr + 12, (uint64_t)f->time);
	put_u64(ints, (uint64_t)f->uid);
	put_u64(ints + 8, (uint64_t)f->pid);

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, prev, AUDITLOG_HASHLEN);
	crypto_hash_sha256_update(&st, hdr, sizeof(hdr));
	for (i = 0; i < 4; i++)
		hash_str(&st, f->s[i], f->l[i]);
	crypto_hash_sha256_update(&st, ints, sizeof(ints));
	hash_str(&st, f->s[4], f->l[4]);
	crypto_hash_sha256_final(&st, out);
}

static void
rec_fields(const struct auditlog_record *r, const char *body, size_t blen,
    struct rfields *f)
{
	f->seq = r->seq;
	f->time = r->time;
	f->uid = r->uid;
	f->pid = r->pid;
	f->s[0] = r->source ? r->source : "";
	f->s[1] = r->type ? r->type : "";
	f->s[2] = r->session ? r->session : "";
	f->s[3] = r->actor ? r->actor : "";
	f->s[4] = body ? body : "";
	f->l[0] = strlen(f->s[0]);
	f->l[1] = strlen(f->s[1]);
	f->l[2] = strlen(f->s[2]);
	f->l[3] = strlen(f->s[3]);
	f->l[4] = body ? blen : 0;
}

void
auditlog_hash_record(const unsigned char prev[AUDITLOG_HASHLEN],
    const struct auditlog_record *r, unsigned char out[AUDITLOG_HASHLEN])
{
	struct rfields	 f;

	rec_fields(r, r->body, r->body ? strlen(r->body) : 0, &f);
	hash_fields(prev, &f, out);
}

static void
seal_encode(unsigned char buf[SEAL_ENCLEN], uint64_t epoch, uint64_t seq,
    const unsigned char head[AUDITLOG_HASHLEN], int64_t t)
{
	put_u32(buf, ENC_VERSION);
	put_u64(buf + 4, epoch);
	put_u64(buf + 12, seq);
	memcpy(buf + 20, head, AUDITLOG_HASHLEN);
	put_u64(buf + 20 + AUDITLOG_HASHLEN, (uint64_t)t);
}

void
auditlog_key_evolve(unsigned char key[AUDITLOG_KEYLEN])
{
	crypto_hash_sha256_state	 st;
	unsigned char			 next[AUDITLOG_KEYLEN];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)FSS_TAG,
	    strlen(FSS_TAG));
	crypto_hash_sha256_update(&st, key, AUDITLOG_KEYLEN);
	crypto_hash_sha256_final(&st, next);
	memcpy(key, next, AUDITLOG_KEYLEN);
	sodium_memzero(next, sizeof(next));
	sodium_memzero(&st, sizeof(st));
}

void
auditlog_tohex(const unsigned char *p, size_t len, char *hex)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < len; i++) {
		hex[2 * i] = digits[p[i] >> 4];
		hex[2 * i + 1] = digits[p[i] & 0xf];
	}
	hex[2 * len] = '\0';
}

int
auditlog_fromhex(const char *hex, unsigned char *p, size_t len)
{
	size_t	 i;
	int	 hi, lo;

	if (strnlen(hex, 2 * len + 1) != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		if ((hi = hexdig(hex[2 * i])) == -1 ||
		    (lo = hexdig(hex[2 * i + 1])) == -1)
			return -1;
		p[i] = (hi << 4) | lo;
	}
	return 0;
}

void
auditlog_hmac_value(const unsigned char key[AUDITLOG_KEYLEN],
    const void *value, size_t len, char hex[AUDITLOG_HEXLEN + 1])
{
	unsigned char	 mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256(mac, value, len, key);
	auditlog_tohex(mac, sizeof(mac), hex);
	sodium_memzero(mac, sizeof(mac));
}

int
auditlog_fingerprint(struct auditlog *log, const void *value, size_t len,
    char hex[AUDITLOG_HEXLEN + 1])
{
	if (log == NULL || log->keys == NULL)
		return -1;
	sodium_mprotect_readonly(log->keys);
	auditlog_hmac_value(log->keys->hmac, value, len, hex);
	sodium_mprotect_noaccess(log->keys);
	return 0;
}

/* Key files */

/* Read exactly len bytes from a private regular file. */
static int
read_private(int dirfd, const char *name, unsigned char *buf, size_t len,
    char *err, size_t errlen)
{
	struct stat	 sb;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC))
	    == -1) {
		seterr(err, errlen, "%s: %s", name, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (sb.st_mode & 077) != 0 || (size_t)sb.st_size != len) {
		seterr(err, errlen, "%s: not a private regular file of %zu "
		    "bytes", name, len);
		close(fd);
		return -1;
	}
	while (off < len) {
		n = read(fd, buf + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			seterr(err, errlen, "%s: short read", name);
			close(fd);
			return -1;
		}
		off += n;
	}
	close(fd);
	return 0;
}

/*
 * Replace a file durably and atomically: write a temporary file, fsync
 * it, rename it over the old one, fsync the directory.  After this the
 * old contents are no longer reachable through the file system.  The
 * file is owned by uid:gid with the given mode, or, with uid -1, the
 * caller's with mode 0600.
 */
static int
write_durable(int dirfd, const char *name, const void *buf, size_t len,
    uid_t uid, gid_t gid, mode_t mode, char *err, size_t errlen)
{
	char	 tmp[64];
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", name) >= sizeof(tmp))
		return -1;
	if (unlinkat(dirfd, tmp, 0) == -1 && errno != ENOENT)
		goto fail;
	if ((fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1)
		goto fail;
	/* Only when asked: the writer's filter allows neither call. */
	if (uid != (uid_t)-1 &&
	    (fchown(fd, uid, gid) == -1 || fchmod(fd, mode) == -1)) {
		close(fd);
		goto failtmp;
	}
	while (off < len) {
		n = write(fd, (const char *)buf + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			close(fd);
			goto failtmp;
		}
		off += n;
	}
	if (fsync(fd) == -1) {
		close(fd);
		goto failtmp;
	}
	if (close(fd) == -1)
		goto failtmp;
	if (renameat(dirfd, tmp, dirfd, name) == -1)
		goto failtmp;
	if (fsync(dirfd) == -1)
		goto fail;
	return 0;
 failtmp:
	seterr(err, errlen, "%s: %s", name, strerror(errno));
	unlinkat(dirfd, tmp, 0);
	return -1;
 fail:
	seterr(err, errlen, "%s: %s", name, strerror(errno));
	return -1;
}

/* AUDITLOG_KEYFILE: magic, epoch, K_epoch; owned by uid:gid (-1: ours). */
static int
write_running_key(int dirfd, uint64_t epoch, const unsigned char *key,
    uid_t uid, gid_t gid, char *err, size_t errlen)
{
	unsigned char	 buf[KEYFILE_LEN];
	int		 r;

	memcpy(buf, KEYFILE_MAGIC, 8);
	put_u64(buf + 8, epoch);
	memcpy(buf + 16, key, AUDITLOG_KEYLEN);
	r = write_durable(dirfd, AUDITLOG_KEYFILE, buf, sizeof(buf), uid,
	    gid, 0600, err, errlen);
	sodium_memzero(buf, sizeof(buf));
	return r;
}

static int
store_running_key(struct auditlog *log, char *err, size_t errlen)
{
	int	 r;

	sodium_mprotect_readonly(log->keys);
	r = write_running_key(log->dirfd, log->epoch, log->keys->fss,
	    (uid_t)-1, (gid_t)-1, err, errlen);
	sodium_mprotect_noaccess(log->keys);
	return r;
}

/*
 * A new log's three key files from K_0 and the HMAC key, the running
 * key last: its existence marks a finished initialisation, so a crash
 * before it simply starts over with new keys on an empty log.  With
 * uid -1 all are the caller's, 0600; else the verification key is
 * root's, 0400, and the other two uid:gid's, 0600.
 */
static int
write_new_keys(int dirfd, const unsigned char *fss, const unsigned char *hmac,
    uid_t uid, gid_t gid, char *err, size_t errlen)
{
	char	 hex[AUDITLOG_HEXLEN + 2];
	int	 r, mine = uid == (uid_t)-1;

	auditlog_tohex(fss, AUDITLOG_KEYLEN, hex);
	hex[AUDITLOG_HEXLEN] = '\n';
	hex[AUDITLOG_HEXLEN + 1] = '\0';
	r = write_durable(dirfd, AUDITLOG_VERIFYFILE, hex,
	    AUDITLOG_HEXLEN + 1, mine ? (uid_t)-1 : 0, mine ? (gid_t)-1 : 0,
	    mine ? 0600 : 0400, err, errlen);
	sodium_memzero(hex, sizeof(hex));
	if (r == -1 || write_durable(dirfd, AUDITLOG_HMACFILE, hmac,
	    AUDITLOG_KEYLEN, uid, gid, 0600, err, errlen) == -1)
		return -1;
	return write_running_key(dirfd, 0, fss, uid, gid, err, errlen);
}

static int
load_keys(struct auditlog *log, char *err, size_t errlen)
{
	unsigned char	 buf[KEYFILE_LEN];
	int		 r = -1;

	if (read_private(log->dirfd, AUDITLOG_KEYFILE, buf, sizeof(buf),
	    err, errlen) == -1)
		return -1;
	if (memcmp(buf, KEYFILE_MAGIC, 8) != 0) {
		seterr(err, errlen, "%s: bad format", AUDITLOG_KEYFILE);
		goto done;
	}
	log->epoch = get_u64(buf + 8);
	sodium_mprotect_readwrite(log->keys);
	memcpy(log->keys->fss, buf + 16, AUDITLOG_KEYLEN);
	r = read_private(log->dirfd, AUDITLOG_HMACFILE, log->keys->hmac,
	    AUDITLOG_KEYLEN, err, errlen);
	sodium_mprotect_noaccess(log->keys);
 done:
	sodium_memzero(buf, sizeof(buf));
	return r;
}

/* First start: draw K_0 and the HMAC key, and write them. */
static int
create_keys(struct auditlog *log, unsigned char *vkey, char *err,
    size_t errlen)
{
	int	 r;

	sodium_mprotect_readwrite(log->keys);
	randombytes_buf(log->keys->fss, AUDITLOG_KEYLEN);
	randombytes_buf(log->keys->hmac, AUDITLOG_KEYLEN);
	if (vkey != NULL)
		memcpy(vkey, log->keys->fss, AUDITLOG_KEYLEN);
	log->epoch = 0;
	r = write_new_keys(log->dirfd, log->keys->fss, log->keys->hmac,
	    (uid_t)-1, (gid_t)-1, err, errlen);
	sodium_mprotect_noaccess(log->keys);
	return r;
}

/*
 * For auditd's parent while it is still root: see auditlog.h.  The
 * verification key is written, or given, to root with mode 0400, so the
 * writer's user, which holds the running key, can never read K_0 and
 * forge the epochs before its own.
 */
int
auditlog_keys_prepare(const char *dir, uid_t uid, gid_t gid, int *done,
    char *err, size_t errlen)
{
	struct stat	 sb;
	unsigned char	*k = NULL;
	int		 dirfd, fd, r = -1;

	*done = 0;
	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		seterr(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (fstatat(dirfd, AUDITLOG_KEYFILE, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		/* An existing log: its verification key, if still here. */
		if ((fd = openat(dirfd, AUDITLOG_VERIFYFILE, O_RDONLY |
		    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) == -1) {
			if (errno == ENOENT || errno == ELOOP)
				r = 0;	/* moved off the host, as it should */
			else
				seterr(err, errlen, "%s: %s",
				    AUDITLOG_VERIFYFILE, strerror(errno));
			goto done;
		}
		if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
		    sb.st_nlink != 1) {
			seterr(err, errlen, "%s: not a regular file with one "
			    "link", AUDITLOG_VERIFYFILE);
			close(fd);
			goto done;
		}
		if (sb.st_uid != 0 || sb.st_gid != 0 ||
		    (sb.st_mode & 07777) != 0400) {
			if (fchown(fd, 0, 0) == -1 || fchmod(fd, 0400) == -1) {
				seterr(err, errlen, "%s: %s",
				    AUDITLOG_VERIFYFILE, strerror(errno));
				close(fd);
				goto done;
			}
			*done = AUDITLOG_PREP_CHOWNED;
		}
		close(fd);
		r = 0;
		goto done;
	}
	if (errno != ENOENT) {
		seterr(err, errlen, "%s: %s", AUDITLOG_KEYFILE,
		    strerror(errno));
		goto done;
	}
	/* A log begun without keys is auditlog_open()'s to judge. */
	if (fstatat(dirfd, AUDITLOG_DB, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		r = 0;
		goto done;
	}

	if (sodium_init() < 0 ||
	    (k = sodium_malloc(2 * AUDITLOG_KEYLEN)) == NULL) {
		seterr(err, errlen, "libsodium: out of memory");
		goto done;
	}
	randombytes_buf(k, 2 * AUDITLOG_KEYLEN);
	if (write_new_keys(dirfd, k, k + AUDITLOG_KEYLEN, uid, gid, err,
	    errlen) == 0) {
		*done = AUDITLOG_PREP_CREATED;
		r = 0;
	}
 done:
	if (k != NULL)
		sodium_free(k);
	close(dirfd);
	return r;
}

int
auditlog_runkey_load(const char *path, struct auditlog_runkey *rk,
    char *err, size_t errlen)
{
	struct stat	 sb;
	unsigned char	 buf[KEYFILE_LEN];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size != KEYFILE_LEN) {
		seterr(err, errlen, "%s: not a running key file", path);
		close(fd);
		return -1;
	}
	do
		n = read(fd, buf, sizeof(buf));
	while (n == -1 && errno == EINTR);
	close(fd);
	if (n != KEYFILE_LEN || memcmp(buf, KEYFILE_MAGIC, 8) != 0) {
		seterr(err, errlen, "%s: not a running key file", path);
		sodium_memzero(buf, sizeof(buf));
		return -1;
	}
	rk->epoch = get_u64(buf + 8);
	memcpy(rk->key, buf + 16, AUDITLOG_KEYLEN);
	sodium_memzero(buf, sizeof(buf));
	return 0;
}

int
auditlog_key_load(const char *path, unsigned char key[AUDITLOG_KEYLEN],
    char *err, size_t errlen)
{
	char	 buf[AUDITLOG_HEXLEN + 16];
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd, r = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (off < sizeof(buf) - 1) {
		n = read(fd, buf + off, sizeof(buf) - 1 - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			seterr(err, errlen, "%s: %s", path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		off += n;
	}
	buf[off] = '\0';
	while (off > 0 && (buf[off - 1] == '\n' || buf[off - 1] == '\r' ||
	    buf[off - 1] == ' ' || buf[off - 1] == '\t'))
		buf[--off] = '\0';
	if (auditlog_fromhex(buf, key, AUDITLOG_KEYLEN) == -1) {
		seterr(err, errlen, "%s: not a key (%d hex digits)", path,
		    AUDITLOG_HEXLEN);
		goto done;
	}
	r = 0;
 done:
	sodium_memzero(buf, sizeof(buf));
	close(fd);
	return r;
}

/* SQLite */

static const char schema[] =
    "BEGIN IMMEDIATE;"
    "CREATE TABLE IF NOT EXISTS meta ("
    " name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES ('format', '" FORMAT_NAME "');"
    "CREATE TABLE IF NOT EXISTS records ("
    " seq INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
    " source TEXT NOT NULL, type TEXT NOT NULL, session TEXT NOT NULL,"
    " actor TEXT NOT NULL, uid INTEGER NOT NULL, pid INTEGER NOT NULL,"
    " body TEXT NOT NULL, prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
    "CREATE INDEX IF NOT EXISTS records_time ON records (time);"
    "CREATE INDEX IF NOT EXISTS records_session ON records (session);"
    "CREATE TABLE IF NOT EXISTS seals ("
    " epoch INTEGER PRIMARY KEY, seq INTEGER NOT NULL,"
    " head BLOB NOT NULL, time INTEGER NOT NULL, mac BLOB NOT NULL);"
    "CREATE TRIGGER IF NOT EXISTS records_no_update BEFORE UPDATE ON records"
    " BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS records_no_delete BEFORE DELETE ON records"
    " BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS seals_no_update BEFORE UPDATE ON seals"
    " BEGIN SELECT RAISE(ABORT, 'audit seals are append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS seals_no_delete BEFORE DELETE ON seals"
    " BEGIN SELECT RAISE(ABORT, 'audit seals are append-only'); END;"
    "COMMIT;";

#define RECORD_COLS \
    "seq, time, source, type, session, actor, uid, pid, body, prev_hash, hash"

static void
sql_fnmatch(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*pat, *str;

	pat = sqlite3_value_text(argv[0]);
	str = sqlite3_value_text(argv[1]);
	if (pat == NULL || str == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	sqlite3_result_int(ctx, fnmatch((const char *)pat,
	    (const char *)str, 0) == 0);
}

static int
db_setup(sqlite3 *db, char *err, size_t errlen)
{
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_create_function(db, "audit_fnmatch", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fnmatch, NULL,
	    NULL) != SQLITE_OK) {
		seterr(err, errlen, "sqlite: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

static int
db_check_format(sqlite3 *db, char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	const unsigned char	*v;
	int			 ok = 0;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE name = "
	    "'format'", -1, &st, NULL) != SQLITE_OK) {
		seterr(err, errlen, "not a harness audit log: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = sqlite3_column_text(st, 0)) != NULL &&
	    strcmp((const char *)v, FORMAT_NAME) == 0)
		ok = 1;
	sqlite3_finalize(st);
	if (!ok) {
		seterr(err, errlen, "not a harness audit log (format)");
		return -1;
	}
	return 0;
}

/*
 * Open a database read-only.  The file may come from an attacker (an
 * offline copy), so defensive settings are on.  A WAL database in a
 * directory we cannot write to has no -shm; then it is opened as
 * immutable, which is right for a copy that nobody writes.
 */
static sqlite3 *
db_open_ro(const char *path, char *err, size_t errlen)
{
	sqlite3		*db = NULL;
	struct dbuf	 uri;
	const char	*p;
	int		 rc, attempt;

	memset(&uri, 0, sizeof(uri));
	uri.max = PATH_MAX * 3 + 64;
	for (attempt = 0; attempt < 2; attempt++) {
		if (attempt == 0)
			rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
			    NULL);
		else {
			db_puts(&uri, "file:");
			for (p = path; *p != '\0'; p++) {
				if (*p == '%' || *p == '?' || *p == '#')
					db_printf(&uri, "%%%02x",
					    (unsigned char)*p);
				else
					db_putc(&uri, *p);
			}
			db_puts(&uri, "?immutable=1");
			if (uri.err) {
				seterr(err, errlen, "%s: path too long", path);
				free(uri.p);
				return NULL;
			}
			rc = sqlite3_open_v2(uri.p, &db, SQLITE_OPEN_READONLY |
			    SQLITE_OPEN_URI, NULL);
		}
		if (rc != SQLITE_OK) {
			seterr(err, errlen, "%s: %s", path,
			    db ? sqlite3_errmsg(db) : "out of memory");
			break;
		}
		sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
		sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
		if (db_setup(db, err, errlen) == -1)
			break;
		rc = sqlite3_exec(db, "PRAGMA query_only = 1;"
		    "SELECT count(*) FROM sqlite_master;", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			if (db_check_format(db, err, errlen) == -1)
				break;
			free(uri.p);
			return db;
		}
		seterr(err, errlen, "%s: %s", path, sqlite3_errmsg(db));
		if ((rc & 0xff) != SQLITE_CANTOPEN &&
		    (rc & 0xff) != SQLITE_READONLY)
			break;
		sqlite3_close(db);
		db = NULL;
	}
	sqlite3_close(db);
	free(uri.p);
	return NULL;
}

/* Reload what the writer keeps in memory from the database. */
static int
load_state(struct auditlog *log, char *err, size_t errlen)
{
	sqlite3_stmt	*st = NULL;
	int		 rc, r = -1;

	log->last_seq = 0;
	memcpy(log->head, zerohash, sizeof(log->head));
	log->sealed = 0;
	log->sealed_seq = 0;
	log->max_epoch = -1;

	if (sqlite3_prepare_v2(log->db, "SELECT seq, hash FROM records "
	    "ORDER BY seq DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) <= 0 ||
		    sqlite3_column_bytes(st, 1) != AUDITLOG_HASHLEN) {
			seterr(err, errlen, "last record is damaged");
			goto done;
		}
		log->last_seq = sqlite3_column_int64(st, 0);
		memcpy(log->head, sqlite3_column_blob(st, 1), AUDITLOG_HASHLEN);
	} else if (rc != SQLITE_DONE)
		goto sqlerr;
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(log->db, "SELECT epoch, seq FROM seals "
	    "ORDER BY epoch DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) < 0 ||
		    sqlite3_column_int64(st, 1) < 0) {
			seterr(err, errlen, "last seal is damaged");
			goto done;
		}
		log->sealed = 1;
		log->max_epoch = sqlite3_column_int64(st, 0);
		log->sealed_seq = sqlite3_column_int64(st, 1);
	} else if (rc != SQLITE_DONE)
		goto sqlerr;
	r = 0;
	goto done;
 sqlerr:
	seterr(err, errlen, "sqlite: %s", sqlite3_errmsg(log->db));
 done:
	sqlite3_finalize(st);
	return r;
}

/*
 * The running key lags the seals table only if we crashed between a
 * seal's commit and the key update (or the key file was restored from a
 * backup): move it past the last stored epoch so no epoch is reused.
 */
static int
catch_up_key(struct auditlog *log, char *err, size_t errlen)
{
	if (log->max_epoch < 0 || log->epoch > (uint64_t)log->max_epoch)
		return 0;
	sodium_mprotect_readwrite(log->keys);
	while (log->epoch <= (uint64_t)log->max_epoch) {
		auditlog_key_evolve(log->keys->fss);
		log->epoch++;
	}
	sodium_mprotect_noaccess(log->keys);
	return store_running_key(log, err, errlen);
}

/* After a failed transaction: roll back and re-read the truth. */
static void
resync(struct auditlog *log)
{
	if (!sqlite3_get_autocommit(log->db)) {
		sqlite3_reset(log->st_rollback);
		sqlite3_step(log->st_rollback);
		sqlite3_reset(log->st_rollback);
	}
	if (load_state(log, NULL, 0) == -1)
		log->broken = 1;
}

static int
step_once(sqlite3_stmt *st)
{
	int	 rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

struct auditlog *
auditlog_open(const char *dir, unsigned char vkey[AUDITLOG_KEYLEN],
    int *created, char *err, size_t errlen)
{
	struct auditlog	*log;
	struct stat	 sb;
	char		*path = NULL, *jm = NULL;
	sqlite3_stmt	*st;

	if (created != NULL)
		*created = 0;
	if (sodium_init() < 0) {
		seterr(err, errlen, "libsodium initialisation failed");
		return NULL;
	}
	if ((log = calloc(1, sizeof(*log))) == NULL) {
		seterr(err, errlen, "out of memory");
		return NULL;
	}
	log->dirfd = log->lockfd = -1;
	if ((log->keys = sodium_malloc(sizeof(*log->keys))) == NULL) {
		seterr(err, errlen, "out of memory");
		goto fail;
	}
	sodium_memzero(log->keys, sizeof(*log->keys));
	sodium_mprotect_noaccess(log->keys);

	if ((log->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
	    == -1) {
		seterr(err, errlen, "%s: %s", dir, strerror(errno));
		goto fail;
	}
	if ((log->lockfd = openat(log->dirfd, AUDITLOG_LOCKFILE,
	    O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600)) == -1) {
		seterr(err, errlen, "%s: %s", AUDITLOG_LOCKFILE,
		    strerror(errno));
		goto fail;
	}
	if (flock(log->lockfd, LOCK_EX | LOCK_NB) == -1) {
		seterr(err, errlen, "%s: %s", AUDITLOG_LOCKFILE,
		    errno == EWOULDBLOCK ? "log in use by another writer" :
		    strerror(errno));
		goto fail;
	}

	if (asprintf(&path, "%s/%s", dir, AUDITLOG_DB) == -1) {
		path = NULL;
		seterr(err, errlen, "out of memory");
		goto fail;
	}
	/*
	 * A handle is used by one thread at a time (auditd's committer
	 * takes it while the event loop keeps off): no SQLite mutexes.
	 */
	if (sqlite3_open_v2(path, &log->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		seterr(err, errlen, "%s: %s", path, log->db ?
		    sqlite3_errmsg(log->db) : "out of memory");
		goto fail;
	}
	if (db_setup(log->db, err, errlen) == -1)
		goto fail;
	if (sqlite3_prepare_v2(log->db, "PRAGMA journal_mode = WAL", -1, &st,
	    NULL) != SQLITE_OK)
		goto sqlfail;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		jm = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (jm == NULL || strcmp(jm, "wal") != 0) {
		seterr(err, errlen, "%s: cannot switch to WAL mode", path);
		goto fail;
	}
	if (sqlite3_exec(log->db, "PRAGMA synchronous = FULL;"
	    "PRAGMA temp_store = MEMORY;", NULL, NULL, NULL) != SQLITE_OK)
		goto sqlfail;
	if (sqlite3_exec(log->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		seterr(err, errlen, "%s: schema: %s", path,
		    sqlite3_errmsg(log->db));
		if (!sqlite3_get_autocommit(log->db))
			sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
		goto fail;
	}
	if (db_check_format(log->db, err, errlen) == -1)
		goto fail;
	if (load_state(log, err, errlen) == -1)
		goto fail;

	if (fstatat(log->dirfd, AUDITLOG_KEYFILE, &sb, AT_SYMLINK_NOFOLLOW)
	    == -1) {
		if (errno != ENOENT) {
			seterr(err, errlen, "%s: %s", AUDITLOG_KEYFILE,
			    strerror(errno));
			goto fail;
		}
		if (log->last_seq != 0 || log->sealed) {
			seterr(err, errlen, "%s missing but the log has "
			    "records: refusing to start a new key",
			    AUDITLOG_KEYFILE);
			goto fail;
		}
		if (create_keys(log, vkey, err, errlen) == -1)
			goto fail;
		if (created != NULL)
			*created = 1;
	} else if (load_keys(log, err, errlen) == -1)
		goto fail;
	if (catch_up_key(log, err, errlen) == -1)
		goto fail;

	if (sqlite3_prepare_v3(log->db, "BEGIN IMMEDIATE", -1,
	    SQLITE_PREPARE_PERSISTENT, &log->st_begin, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(log->db, "COMMIT", -1,
	    SQLITE_PREPARE_PERSISTENT, &log->st_commit, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(log->db, "ROLLBACK", -1,
	    SQLITE_PREPARE_PERSISTENT, &log->st_rollback, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(log->db, "INSERT INTO records (" RECORD_COLS
	    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
	    SQLITE_PREPARE_PERSISTENT, &log->st_insert, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v3(log->db, "INSERT INTO seals (epoch, seq, head, "
	    "time, mac) VALUES (?, ?, ?, ?, ?)", -1,
	    SQLITE_PREPARE_PERSISTENT, &log->st_seal, NULL) != SQLITE_OK)
		goto sqlfail;

	free(jm);
	free(path);
	return log;
 sqlfail:
	seterr(err, errlen, "%s: %s", path ? path : dir,
	    sqlite3_errmsg(log->db));
 fail:
	free(jm);
	free(path);
	auditlog_close(log);
	return NULL;
}

struct auditlog *
auditlog_open_reader(const char *dbpath, char *err, size_t errlen)
{
	struct auditlog	*log;

	if (sodium_init() < 0) {
		seterr(err, errlen, "libsodium initialisation failed");
		return NULL;
	}
	if ((log = calloc(1, sizeof(*log))) == NULL) {
		seterr(err, errlen, "out of memory");
		return NULL;
	}
	log->ro = 1;
	log->dirfd = log->lockfd = -1;
	if ((log->db = db_open_ro(dbpath, err, errlen)) == NULL) {
		free(log);
		return NULL;
	}
	return log;
}

void
auditlog_close(struct auditlog *log)
{
	if (log == NULL)
		return;
	sqlite3_finalize(log->st_begin);
	sqlite3_finalize(log->st_commit);
	sqlite3_finalize(log->st_rollback);
	sqlite3_finalize(log->st_insert);
	sqlite3_finalize(log->st_seal);
	sqlite3_close(log->db);
	if (log->keys != NULL)
		sodium_free(log->keys);	/* wipes */
	if (log->lockfd != -1)
		close(log->lockfd);	/* drops the lock */
	if (log->dirfd != -1)
		close(log->dirfd);
	free(log);
}

/* Append */

static int
check_record(const struct auditlog_record *r, int canon, char **body,
    size_t *blen, char *err, size_t errlen)
{
	char	 why[128];

	if (r->time < 0) {
		seterr(err, errlen, "bad time");
		return -1;
	}
	if (check_source(r->source) == -1) {
		seterr(err, errlen, "bad source (1-%d of [A-Za-z0-9_.:/-])",
		    AUDITLOG_SOURCE_MAX);
		return -1;
	}
	if (auditlog_check_type(r->type) == -1) {
		seterr(err, errlen, "bad type (1-%d of [a-z0-9_.-], "
		    "dot-separated)", AUDITLOG_TYPE_MAX);
		return -1;
	}
	if (check_text(r->session) == -1) {
		seterr(err, errlen, "bad session");
		return -1;
	}
	if (check_text(r->actor) == -1) {
		seterr(err, errlen, "bad actor");
		return -1;
	}
	if (r->body == NULL) {
		seterr(err, errlen, "no body");
		return -1;
	}
	if (canon) {
		/* The caller canonicalised it: only what is cheap. */
		*blen = strnlen(r->body, AUDITLOG_BODY_MAX + 1);
		if (*blen > AUDITLOG_BODY_MAX || r->body[0] != '{') {
			seterr(err, errlen, "body: not canonical JSON");
			return -1;
		}
		return 0;
	}
	if (auditlog_canon_json(r->body, strnlen(r->body,
	    AUDITLOG_BODY_MAX + 1), body, blen, why, sizeof(why)) == -1) {
		seterr(err, errlen, "body: %s", why);
		return -1;
	}
	return 0;
}

static int
append(struct auditlog *log, struct auditlog_record *recs, size_t n,
    int canon, char *err, size_t errlen)
{
	struct rfields	 f;
	char		**bodies = NULL, why[192];
	size_t		*blens = NULL, i;
	unsigned char	 prev[AUDITLOG_HASHLEN];
	sqlite3_stmt	*st;
	int64_t		 now;
	int		 r = -1;

	if (log == NULL || log->ro || log->broken) {
		seterr(err, errlen, "log not open for writing");
		return -1;
	}
	if (n == 0 || n > AUDITLOG_BATCH_MAX) {
		seterr(err, errlen, "batch of %zu records (1-%d)", n,
		    AUDITLOG_BATCH_MAX);
		return -1;
	}
	if ((bodies = calloc(n, sizeof(*bodies))) == NULL ||
	    (blens = calloc(n, sizeof(*blens))) == NULL) {
		seterr(err, errlen, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (check_record(&recs[i], canon, &bodies[i], &blens[i], why,
		    sizeof(why)) == -1) {
			seterr(err, errlen, "record %zu: %s", i, why);
			goto done;
		}
	}

	now = now_ns();
	if (step_once(log->st_begin) == -1)
		goto sqlerr;
	memcpy(prev, log->head, sizeof(prev));
	st = log->st_insert;
	for (i = 0; i < n; i++) {
		recs[i].seq = log->last_seq + 1 + i;
		if (recs[i].time == 0)
			recs[i].time = now;
		rec_fields(&recs[i], canon ? recs[i].body : bodies[i],
		    blens[i], &f);
		memcpy(recs[i].prev_hash, prev, sizeof(prev));
		hash_fields(prev, &f, recs[i].hash);
		memcpy(prev, recs[i].hash, sizeof(prev));

		sqlite3_bind_int64(st, 1, (sqlite3_int64)f.seq);
		sqlite3_bind_int64(st, 2, f.time);
		sqlite3_bind_text(st, 3, f.s[0], f.l[0], SQLITE_STATIC);
		sqlite3_bind_text(st, 4, f.s[1], f.l[1], SQLITE_STATIC);
		sqlite3_bind_text(st, 5, f.s[2], f.l[2], SQLITE_STATIC);
		sqlite3_bind_text(st, 6, f.s[3], f.l[3], SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, f.uid);
		sqlite3_bind_int64(st, 8, f.pid);
		sqlite3_bind_text(st, 9, f.s[4], f.l[4], SQLITE_STATIC);
		sqlite3_bind_blob(st, 10, recs[i].prev_hash, AUDITLOG_HASHLEN,
		    SQLITE_STATIC);
		sqlite3_bind_blob(st, 11, recs[i].hash, AUDITLOG_HASHLEN,
		    SQLITE_STATIC);
		if (step_once(st) == -1) {
			sqlite3_clear_bindings(st);
			goto sqlerr;
		}
		sqlite3_clear_bindings(st);
	}
	if (step_once(log->st_commit) == -1)
		goto sqlerr;
	log->last_seq += n;
	memcpy(log->head, prev, sizeof(prev));
	r = 0;
	goto done;
 sqlerr:
	seterr(err, errlen, "sqlite: %s", sqlite3_errmsg(log->db));
	resync(log);
 done:
	if (bodies != NULL)
		for (i = 0; i < n; i++)
			free(bodies[i]);
	free(bodies);
	free(blens);
	return r;
}

int
auditlog_append(struct auditlog *log, struct auditlog_record *recs,
    size_t n, char *err, size_t errlen)
{
	return append(log, recs, n, 0, err, errlen);
}

int
auditlog_append_canon(struct auditlog *log, struct auditlog_record *recs,
    size_t n, char *err, size_t errlen)
{
	return append(log, recs, n, 1, err, errlen);
}

/* Seal */

int
auditlog_seal(struct auditlog *log, char *err, size_t errlen)
{
	unsigned char	 enc[SEAL_ENCLEN], mac[crypto_auth_hmacsha256_BYTES];
	sqlite3_stmt	*st;
	int64_t		 t;
	uint64_t	 epoch;

	if (log == NULL || log->ro || log->broken) {
		seterr(err, errlen, "log not open for writing");
		return -1;
	}
	if (log->sealed ? log->sealed_seq == log->last_seq :
	    log->last_seq == 0)
		return 1;
	if (log->epoch > INT64_MAX - 1) {
		seterr(err, errlen, "epoch counter exhausted");
		return -1;
	}
	epoch = log->epoch;
	t = now_ns();
	seal_encode(enc, epoch, log->last_seq, log->head, t);
	sodium_mprotect_readonly(log->keys);
	crypto_auth_hmacsha256(mac, enc, sizeof(enc), log->keys->fss);
	sodium_mprotect_noaccess(log->keys);

	if (step_once(log->st_begin) == -1)
		goto sqlerr;
	st = log->st_seal;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)epoch);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)log->last_seq);
	sqlite3_bind_blob(st, 3, log->head, AUDITLOG_HASHLEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, t);
	sqlite3_bind_blob(st, 5, mac, sizeof(mac), SQLITE_STATIC);
	if (step_once(st) == -1) {
		sqlite3_clear_bindings(st);
		goto sqlerr;
	}
	sqlite3_clear_bindings(st);
	if (step_once(log->st_commit) == -1)
		goto sqlerr;
	log->sealed = 1;
	log->sealed_seq = log->last_seq;
	log->max_epoch = epoch;
	goto evolve;
 sqlerr:
	seterr(err, errlen, "sqlite: %s", sqlite3_errmsg(log->db));
	resync(log);
	/* A commit that failed late may have made it to disk after all. */
	if (log->broken || log->max_epoch < 0 ||
	    (uint64_t)log->max_epoch < epoch)
		return -1;
 evolve:
	sodium_mprotect_readwrite(log->keys);
	auditlog_key_evolve(log->keys->fss);
	sodium_mprotect_noaccess(log->keys);
	log->epoch = epoch + 1;
	/*
	 * If this fails the old key stays on disk until the next open
	 * evolves it; the key in memory has moved on already.
	 */
	if (store_running_key(log, err, errlen) == -1)
		return -1;
	return 0;
}

int
auditlog_checkpoint(struct auditlog *log, char *err, size_t errlen)
{
	int	 nlog = 0, nckpt = 0;

	if (log == NULL || log->ro || log->broken) {
		seterr(err, errlen, "log not open for writing");
		return -1;
	}
	if (sqlite3_wal_checkpoint_v2(log->db, "main",
	    SQLITE_CHECKPOINT_PASSIVE, &nlog, &nckpt) != SQLITE_OK) {
		seterr(err, errlen, "checkpoint: %s",
		    sqlite3_errmsg(log->db));
		return -1;
	}
	return nckpt < nlog ? 1 : 0;
}

int
auditlog_status(struct auditlog *log, struct auditlog_status *s)
{
	memset(s, 0, sizeof(*s));
	if (log == NULL || log->ro)
		return -1;
	s->last_seq = log->last_seq;
	memcpy(s->head, log->head, sizeof(s->head));
	s->epoch = log->epoch;
	s->sealed_seq = log->sealed_seq;
	s->sealed = log->sealed;
	return 0;
}

/* Query */

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*p;

	p = sqlite3_column_text(st, i);
	return p ? (const char *)p : "";
}

static void
col_hash(sqlite3_stmt *st, int i, unsigned char out[AUDITLOG_HASHLEN])
{
	if (sqlite3_column_bytes(st, i) == AUDITLOG_HASHLEN &&
	    sqlite3_column_blob(st, i) != NULL)
		memcpy(out, sqlite3_column_blob(st, i), AUDITLOG_HASHLEN);
	else
		memset(out, 0, AUDITLOG_HASHLEN);
}

static void
row_record(sqlite3_stmt *st, struct auditlog_record *r)
{
	memset(r, 0, sizeof(*r));
	r->seq = (uint64_t)sqlite3_column_int64(st, 0);
	r->time = sqlite3_column_int64(st, 1);
	r->source = col_text(st, 2);
	r->type = col_text(st, 3);
	r->session = col_text(st, 4);
	r->actor = col_text(st, 5);
	r->uid = sqlite3_column_int64(st, 6);
	r->pid = sqlite3_column_int64(st, 7);
	r->body = col_text(st, 8);
	col_hash(st, 9, r->prev_hash);
	col_hash(st, 10, r->hash);
}

static sqlite3_int64
clamp64(uint64_t v)
{
	return v > INT64_MAX ? INT64_MAX : (sqlite3_int64)v;
}

int
auditlog_query(struct auditlog *log, const struct auditlog_filter *flt,
    auditlog_cb cb, void *arg, char *err, size_t errlen)
{
	struct auditlog_filter	 none;
	struct auditlog_record	 rec;
	struct dbuf		 q;
	sqlite3_stmt		*st = NULL;
	int			 rc, r = -1, i;

	if (log == NULL || log->db == NULL || log->broken) {
		seterr(err, errlen, "log not open");
		return -1;
	}
	if (flt == NULL) {
		memset(&none, 0, sizeof(none));
		flt = &none;
	}
	memset(&q, 0, sizeof(q));
	q.max = 1024;
	if (flt->last > 0)
		db_puts(&q, "SELECT * FROM (");
	db_puts(&q, "SELECT " RECORD_COLS " FROM records WHERE 1");
	if (flt->session != NULL)
		db_puts(&q, " AND session = :session");
	if (flt->type != NULL)
		db_puts(&q, " AND audit_fnmatch(:type, type)");
	if (flt->since != 0)
		db_puts(&q, " AND time >= :since");
	if (flt->after_seq != 0)
		db_puts(&q, " AND seq > :after");
	if (flt->last > 0)
		db_puts(&q, " ORDER BY seq DESC LIMIT :n) ORDER BY seq");
	else
		db_puts(&q, " ORDER BY seq LIMIT :n");
	if (q.err) {
		seterr(err, errlen, "out of memory");
		goto done;
	}
	if (sqlite3_prepare_v2(log->db, q.p, -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	if ((i = sqlite3_bind_parameter_index(st, ":session")) > 0)
		sqlite3_bind_text(st, i, flt->session, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":type")) > 0)
		sqlite3_bind_text(st, i, flt->type, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":since")) > 0)
		sqlite3_bind_int64(st, i, flt->since);
	if ((i = sqlite3_bind_parameter_index(st, ":after")) > 0)
		sqlite3_bind_int64(st, i, clamp64(flt->after_seq));
	if ((i = sqlite3_bind_parameter_index(st, ":n")) > 0)
		sqlite3_bind_int64(st, i, flt->last > 0 ? clamp64(flt->last) :
		    flt->limit > 0 ? clamp64(flt->limit) : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_record(st, &rec);
		if ((r = cb(&rec, arg)) != 0)
			goto done;
	}
	if (rc != SQLITE_DONE)
		goto sqlerr;
	r = 0;
	goto done;
 sqlerr:
	seterr(err, errlen, "sqlite: %s", sqlite3_errmsg(log->db));
	r = -1;
 done:
	sqlite3_finalize(st);
	free(q.p);
	return r;
}

int
auditlog_tail(struct auditlog *log, uint64_t after_seq, uint64_t max,
    auditlog_cb cb, void *arg, char *err, size_t errlen)
{
	struct auditlog_filter	 flt;

	memset(&flt, 0, sizeof(flt));
	flt.after_seq = after_seq;
	flt.limit = max;
	return auditlog_query(log, &flt, cb, arg, err, errlen);
}

/* Verify */

struct vseal {
	int		 have;
	int64_t		 epoch;
	int64_t		 seq;
	int64_t		 time;
	int		 good;		/* blobs the right size */
	unsigned char	 head[AUDITLOG_HASHLEN];
	unsigned char	 mac[crypto_auth_hmacsha256_BYTES];
};

static int
next_seal(sqlite3_stmt *st, struct vseal *s)
{
	int	 rc;

	memset(s, 0, sizeof(*s));
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	s->have = 1;
	s->epoch = sqlite3_column_int64(st, 0);
	s->seq = sqlite3_column_int64(st, 1);
	s->time = sqlite3_column_int64(st, 3);
	s->good = sqlite3_column_bytes(st, 2) == AUDITLOG_HASHLEN &&
	    sqlite3_column_bytes(st, 4) == crypto_auth_hmacsha256_BYTES;
	if (s->good) {
		memcpy(s->head, sqlite3_column_blob(st, 2), AUDITLOG_HASHLEN);
		memcpy(s->mac, sqlite3_column_blob(st, 4), sizeof(s->mac));
	}
	return 0;
}

/*
 * One seal against the chain head recomputed at its seq.  Epochs must
 * run 0, 1, 2, ... without a hole: the writer never skips one, so a hole
 * is a deleted seal.
 */
static int
check_seal(const struct vseal *s, uint64_t want_epoch,
    const unsigned char head[AUDITLOG_HASHLEN], unsigned char *key,
    uint64_t *kepoch)
{
	unsigned char	 enc[SEAL_ENCLEN];

	if (!s->good || s->epoch < 0 || (uint64_t)s->epoch != want_epoch)
		return -1;
	while (*kepoch < want_epoch) {
		auditlog_key_evolve(key);
		(*kepoch)++;
	}
	seal_encode(enc, s->epoch, s->seq, s->head, s->time);
	if (crypto_auth_hmacsha256_verify(s->mac, enc, sizeof(enc), key) != 0)
		return -1;
	if (sodium_memcmp(s->head, head, AUDITLOG_HASHLEN) != 0)
		return -1;
	return 0;
}

static int
vfail(struct auditlog_verify_result *res, enum auditlog_verdict v,
    uint64_t bad, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
vfail(struct auditlog_verify_result *res, enum auditlog_verdict v,
    uint64_t bad, const char *fmt, ...)
{
	va_list	 ap;

	res->verdict = v;
	res->bad_seq = bad;
	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int
auditlog_verify(const char *dbpath, const unsigned char key[AUDITLOG_KEYLEN],
    struct auditlog_verify_result *res)
{
	return auditlog_verify_with(dbpath, key, NULL, res);
}

/*
 * The running key K_E, read before the snapshot, says that the seals of
 * epochs 0 .. E-1 were durable then: fewer seals means some were deleted
 * (with the records after them re-chained, which needs no key).  And
 * K_E must be K_0 evolved E times.
 */
static int
check_runkey(const struct auditlog_runkey *rk, const unsigned char *key,
    unsigned char *k, uint64_t kepoch, struct auditlog_verify_result *res)
{
	uint64_t	 e;

	res->key_epoch = rk->epoch;
	/* Seals missing; and evolving to a forged epoch could take years. */
	if (rk->epoch > res->seals + 1)
		return vfail(res, AUDITLOG_TAMPERED, res->sealed_seq + 1,
		    "head signature invalid");
	if (kepoch > rk->epoch) {
		memcpy(k, key, AUDITLOG_KEYLEN);
		kepoch = 0;
	}
	for (e = kepoch; e < rk->epoch; e++)
		auditlog_key_evolve(k);
	if (sodium_memcmp(k, rk->key, AUDITLOG_KEYLEN) != 0)
		return vfail(res, AUDITLOG_TAMPERED, 0, "running key does not "
		    "derive from the verification key");
	if (res->seals < rk->epoch)
		return vfail(res, AUDITLOG_TAMPERED, res->sealed_seq + 1,
		    "head signature invalid");
	return 0;
}

int
auditlog_verify_with(const char *dbpath,
    const unsigned char key[AUDITLOG_KEYLEN], const struct auditlog_runkey *rk,
    struct auditlog_verify_result *res)
{
	struct rfields	 f;
	struct vseal	 seal;
	sqlite3		*db = NULL;
	sqlite3_stmt	*rs = NULL, *ss = NULL;
	unsigned char	*k = NULL, prev[AUDITLOG_HASHLEN];
	unsigned char	 sprev[AUDITLOG_HASHLEN], shash[AUDITLOG_HASHLEN];
	unsigned char	 calc[AUDITLOG_HASHLEN];
	char		 why[200];
	uint64_t	 expect = 1, want_epoch = 0, kepoch = 0, last = 0;
	int64_t		 seq;
	int		 rc, i, r = -1;

	memset(res, 0, sizeof(*res));
	if (sodium_init() < 0)
		return vfail(res, AUDITLOG_ERROR, 0, "error: libsodium");
	if ((db = db_open_ro(dbpath, why, sizeof(why))) == NULL)
		return vfail(res, AUDITLOG_ERROR, 0, "error: %s", why);
	if ((k = sodium_malloc(AUDITLOG_KEYLEN)) == NULL) {
		vfail(res, AUDITLOG_ERROR, 0, "error: out of memory");
		goto done;
	}
	memcpy(k, key, AUDITLOG_KEYLEN);

	/* One read transaction: records and seals from one snapshot. */
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT " RECORD_COLS " FROM records "
	    "ORDER BY seq", -1, &rs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT epoch, seq, head, time, mac "
	    "FROM seals ORDER BY epoch", -1, &ss, NULL) != SQLITE_OK)
		goto sqlerr;
	if (next_seal(ss, &seal) == -1)
		goto sqlerr;
	memcpy(prev, zerohash, sizeof(prev));

	/* Seals over the empty chain (seq 0) come first. */
	while (seal.have && seal.seq <= 0) {
		if (seal.seq < 0 || check_seal(&seal, want_epoch, prev, k,
		    &kepoch) == -1) {
			vfail(res, AUDITLOG_TAMPERED, 0,
			    "head signature invalid");
			goto done;
		}
		res->seals++;
		want_epoch++;
		if (next_seal(ss, &seal) == -1)
			goto sqlerr;
	}

	while ((rc = sqlite3_step(rs)) == SQLITE_ROW) {
		seq = sqlite3_column_int64(rs, 0);
		if (seq > 0 && (uint64_t)seq > expect) {
			vfail(res, AUDITLOG_TAMPERED, expect,
			    "records %llu-%llu missing",
			    (unsigned long long)expect,
			    (unsigned long long)seq - 1);
			goto done;
		}
		f.seq = expect;
		f.time = sqlite3_column_int64(rs, 1);
		f.uid = sqlite3_column_int64(rs, 6);
		f.pid = sqlite3_column_int64(rs, 7);
		for (i = 0; i < 5; i++) {
			/* text first, then its length (sqlite3 docs) */
			f.s[i] = col_text(rs, i < 4 ? 2 + i : 8);
			f.l[i] = sqlite3_column_bytes(rs, i < 4 ? 2 + i : 8);
		}
		col_hash(rs, 9, sprev);
		col_hash(rs, 10, shash);
		hash_fields(prev, &f, calc);
		if (seq != (int64_t)expect ||
		    sqlite3_column_bytes(rs, 9) != AUDITLOG_HASHLEN ||
		    sqlite3_column_bytes(rs, 10) != AUDITLOG_HASHLEN ||
		    memcmp(sprev, prev, sizeof(prev)) != 0 ||
		    memcmp(shash, calc, sizeof(calc)) != 0) {
			vfail(res, AUDITLOG_TAMPERED, (uint64_t)seq,
			    "record %lld: hash mismatch", (long long)seq);
			goto done;
		}
		memcpy(prev, calc, sizeof(prev));
		last = expect++;
		res->records++;

		while (seal.have && seal.seq <= (int64_t)last) {
			/* A seal behind the walk went backwards in seq. */
			if (seal.seq < (int64_t)last ||
			    check_seal(&seal, want_epoch, prev, k,
			    &kepoch) == -1) {
				vfail(res, AUDITLOG_TAMPERED, last,
				    "head signature invalid");
				goto done;
			}
			res->seals++;
			res->sealed_seq = last;
			want_epoch++;
			if (next_seal(ss, &seal) == -1)
				goto sqlerr;
		}
	}
	if (rc != SQLITE_DONE)
		goto sqlerr;
	res->last_seq = last;
	if (seal.have) {
		vfail(res, AUDITLOG_TAMPERED, last,
		    "chain truncated after record %llu",
		    (unsigned long long)last);
		goto done;
	}
	res->unsealed = last - res->sealed_seq;
	if (rk != NULL && check_runkey(rk, key, k, kepoch, res) == -1)
		goto done;
	res->verdict = AUDITLOG_OK;
	snprintf(res->msg, sizeof(res->msg), "ok: %llu records",
	    (unsigned long long)res->records);
	r = 0;
	goto done;
 sqlerr:
	vfail(res, AUDITLOG_ERROR, 0, "error: sqlite: %s", sqlite3_errmsg(db));
 done:
	if (r == -1)
		res->last_seq = last;
	sqlite3_finalize(rs);
	sqlite3_finalize(ss);
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	if (k != NULL)
		sodium_free(k);
	sodium_memzero(&seal, sizeof(seal));
	return r;
}

/* Formatting */

static void
fmt_time(struct dbuf *b, int64_t t)
{
	struct tm	 tm;
	time_t		 sec;
	long		 ns;
	char		 buf[64];

	sec = t / 1000000000LL;
	ns = t % 1000000000LL;
	if (ns < 0) {
		ns += 1000000000L;
		sec--;
	}
	if (gmtime_r(&sec, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		db_printf(b, "@%lld", (long long)t);
		return;
	}
	db_printf(b, "%s.%09ldZ", buf, ns);
}

/*
 * For terminals: control bytes and bytes of no valid UTF-8 sequence as
 * \xNN, C1 controls and characters that reorder or hide text as \uNNNN
 * (utf8_hides), the rest as is.
 */
static void
esc_vis(struct dbuf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), sl;
	uint32_t		 cp;

	if (len == 0) {
		db_putc(b, '-');
		return;
	}
	while (len > 0) {
		if (*p >= 0x20 && *p < 0x7f) {
			db_putc(b, *p);
			p++, len--;
			continue;
		}
		if (*p < 0x80 || (sl = utf8_seqlen(p, len)) == 0) {
			db_printf(b, "\\x%02x", *p);
			p++, len--;
			continue;
		}
		if (utf8_hides(p, sl, &cp))
			db_printf(b, "\\u%04x", (unsigned)cp);
		else
			db_put(b, p, sl);
		p += sl, len -= sl;
	}
}

char *
auditlog_format(const struct auditlog_record *r, int flags)
{
	struct dbuf	 b;
	char		*canon = NULL, hex[AUDITLOG_HEXLEN + 1];
	size_t		 clen;

	memset(&b, 0, sizeof(b));
	b.max = FORMAT_MAX;
	if (!(flags & AUDITLOG_FMT_JSON)) {
		fmt_time(&b, r->time);
		db_printf(&b, " %llu ", (unsigned long long)r->seq);
		esc_vis(&b, r->source ? r->source : "");
		db_putc(&b, ' ');
		esc_vis(&b, r->type ? r->type : "");
		db_putc(&b, ' ');
		esc_vis(&b, r->session ? r->session : "");
		db_putc(&b, ' ');
		esc_vis(&b, r->actor ? r->actor : "");
		db_putc(&b, ' ');
		esc_vis(&b, r->body ? r->body : "");
	} else {
		db_printf(&b, "{\"seq\":%llu,\"time\":\"",
		    (unsigned long long)r->seq);
		fmt_time(&b, r->time);
		db_printf(&b, "\",\"time_ns\":%lld,\"source\":",
		    (long long)r->time);
#define STR(s)	esc_json(&b, (s) ? (s) : "", (s) ? strlen(s) : 0)
		STR(r->source);
		db_puts(&b, ",\"type\":");
		STR(r->type);
		db_puts(&b, ",\"session\":");
		STR(r->session);
		db_puts(&b, ",\"actor\":");
		STR(r->actor);
		db_printf(&b, ",\"uid\":%lld,\"pid\":%lld,\"body\":",
		    (long long)r->uid, (long long)r->pid);
		/* A damaged body is shown as a string, never as raw JSON. */
		if (r->body != NULL && auditlog_canon_json(r->body,
		    strlen(r->body), &canon, &clen, NULL, 0) == 0)
			db_put(&b, canon, clen);
		else
			STR(r->body);
#undef STR
		auditlog_tohex(r->hash, AUDITLOG_HASHLEN, hex);
		db_printf(&b, ",\"hash\":\"%s\"}", hex);
		free(canon);
	}
	if (b.err) {
		free(b.p);
		return NULL;
	}
	return b.p;
}
