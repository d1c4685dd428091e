/*
 * lib/redact: known secrets are replaced however the stream is cut, in
 * each encoding, and nothing else is touched.  A naive reference
 * (every pattern tried at every position) checks random streams.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "../tap.h"

struct buf {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		if ((b->p = realloc(b->p, b->cap)) == NULL)
			abort();
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

struct sec {
	const char		*name;
	const unsigned char	*v;
	size_t			 n;
};

static struct redactor *
mk(const struct sec *s, size_t ns)
{
	struct redactor	*r;
	size_t		 i;

	if ((r = redactor_new()) == NULL)
		abort();
	for (i = 0; i < ns; i++)
		if (redactor_add(r, s[i].name, s[i].v, s[i].n) == -1)
			abort();
	if (redactor_compile(r) == -1)
		abort();
	return r;
}

/* Feed in pieces cut at the given points (sorted), then flush. */
static void
run_cuts(struct redactor *r, const void *in, size_t n, const size_t *cuts,
    size_t ncuts, struct redact_out *o)
{
	const unsigned char	*p = in;
	size_t			 i, at = 0;

	for (i = 0; i <= ncuts; i++) {
		size_t end = i < ncuts ? cuts[i] : n;

		if (redactor_feed(r, p + at, end - at, o) == -1)
			abort();
		at = end;
	}
	if (redactor_flush(r, o) == -1)
		abort();
}

/* Redact in one piece into a new NUL-terminated string. */
static char *
redact1(const struct sec *s, size_t ns, const void *in, size_t n,
    size_t *outlen)
{
	struct redactor		*r = mk(s, ns);
	struct redact_out	 o;
	char			*res;

	redact_out_init(&o);
	run_cuts(r, in, n, NULL, 0, &o);
	if ((res = malloc(o.len + 1)) == NULL)
		abort();
	memcpy(res, o.buf, o.len);
	res[o.len] = '\0';
	if (outlen != NULL)
		*outlen = o.len;
	redact_out_free(&o);
	redactor_free(r);
	return res;
}

static int
redacts_to(const struct sec *s, size_t ns, const char *in, const char *want)
{
	char	*got;
	int	 ok;

	got = redact1(s, ns, in, strlen(in), NULL);
	ok = strcmp(got, want) == 0;
	if (!ok)
		TAP_DIAG("in \"%s\" got \"%s\" want \"%s\"", in, got, want);
	free(got);
	return ok;
}

/* --- reference implementation ------------------------------------- */

static const char b64s[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64u[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Plain base64 without padding. */
static size_t
b64(const unsigned char *v, size_t n, const char *alpha, char *out)
{
	size_t		i, k = 0;
	uint32_t	w;

	for (i = 0; i + 3 <= n; i += 3) {
		w = (uint32_t)v[i] << 16 | (uint32_t)v[i + 1] << 8 | v[i + 2];
		out[k++] = alpha[w >> 18 & 63];
		out[k++] = alpha[w >> 12 & 63];
		out[k++] = alpha[w >> 6 & 63];
		out[k++] = alpha[w & 63];
	}
	if (n - i == 1) {
		w = (uint32_t)v[i] << 16;
		out[k++] = alpha[w >> 18 & 63];
		out[k++] = alpha[w >> 12 & 63];
	} else if (n - i == 2) {
		w = (uint32_t)v[i] << 16 | (uint32_t)v[i + 1] << 8;
		out[k++] = alpha[w >> 18 & 63];
		out[k++] = alpha[w >> 12 & 63];
		out[k++] = alpha[w >> 6 & 63];
	}
	return k;
}

static int
unreserved(unsigned char c, int flags)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~')
		return 1;
	if (c == '/' && (flags & 4))
		return 1;
	if ((flags & 8) && (c == '!' || c == '\'' || c == '(' || c == ')' ||
	    c == '*'))
		return 1;
	return 0;
}

struct pat {
	unsigned char	*p;
	size_t		 n;
	size_t		 secret;
};

struct pats {
	struct pat	*v;
	size_t		 n, cap;
};

static void
pat_add(struct pats *ps, const void *p, size_t n, size_t secret, int enc)
{
	if (enc && n < REDACT_ENC_MIN)
		return;
	if (ps->n == ps->cap) {
		ps->cap = ps->cap * 2 + 16;
		if ((ps->v = realloc(ps->v, ps->cap * sizeof(*ps->v))) == NULL)
			abort();
	}
	if ((ps->v[ps->n].p = malloc(n)) == NULL)
		abort();
	memcpy(ps->v[ps->n].p, p, n);
	ps->v[ps->n].n = n;
	ps->v[ps->n].secret = secret;
	ps->n++;
}

static int
json_esc(unsigned char c)
{
	static const char	tab[] = "\"\"\\\\\bb\ff\nn\rr\tt";
	size_t			i;

	for (i = 0; i + 1 < sizeof(tab); i += 2)
		if ((unsigned char)tab[i] == c)
			return tab[i + 1];
	return 0;
}

/* One value of secret i and its encodings. */
static void
ref_value(const unsigned char *v, size_t n, size_t i, struct pats *ps)
{
	size_t		 j, k, a;
	unsigned char	*tmp;
	char		*enc;
	int		 f, al;

	if ((tmp = calloc(1, n + 3)) == NULL ||
	    (enc = malloc(6 * n + 8)) == NULL)
		abort();
	pat_add(ps, v, n, i, 0);
	for (k = 0; k < n; k++)
		sprintf(enc + 2 * k, "%02x", v[k]);
	pat_add(ps, enc, 2 * n, i, 1);
	for (k = 0; k < n; k++)
		sprintf(enc + 2 * k, "%02X", v[k]);
	pat_add(ps, enc, 2 * n, i, 1);
	for (al = 0; al < 2; al++) {
		for (a = 0; a < 3; a++) {
			size_t j0 = (8 * a + 5) / 6;
			size_t j1 = (8 * a + 8 * n) / 6;

			memset(tmp, 0, n + 3);
			memcpy(tmp + a, v, n);
			b64(tmp, a + n, al ? b64u : b64s, enc);
			if (j1 > j0)
				pat_add(ps, enc + j0, j1 - j0, i, 1);
		}
	}
	for (f = 0; f < 16; f++) {
		k = 0;
		for (j = 0; j < n; j++) {
			unsigned char c = v[j];

			if (unreserved(c, f))
				enc[k++] = (char)c;
			else if (c == ' ' && (f & 2))
				enc[k++] = '+';
			else {
				sprintf(enc + k, (f & 1) ? "%%%02X" :
				    "%%%02x", c);
				k += 3;
			}
		}
		if (k != n || memcmp(enc, v, n) != 0)
			pat_add(ps, enc, k, i, 1);
	}
	for (f = 0; f < 2; f++) {
		k = 0;
		for (j = 0; j < n; j++) {
			unsigned char c = v[j];
			int e = json_esc(c);

			if (c == '/' && f)
				k += sprintf(enc + k, "\\/");
			else if (e != 0)
				k += sprintf(enc + k, "\\%c", e);
			else if (c < 0x20)
				k += sprintf(enc + k, "\\u%04x", c);
			else
				enc[k++] = (char)c;
		}
		if (k != n || memcmp(enc, v, n) != 0)
			pat_add(ps, enc, k, i, 1);
	}
	free(tmp);
	free(enc);
}

/*
 * Each value, and the value without its trailing line endings ("\n",
 * "\r\n") when at least REDACT_ENC_MIN bytes are left.
 */
static void
ref_patterns(const struct sec *s, size_t ns, struct pats *ps)
{
	size_t		 i, k;

	for (i = 0; i < ns; i++) {
		ref_value(s[i].v, s[i].n, i, ps);
		k = s[i].n;
		while (k > 0 && s[i].v[k - 1] == '\n') {
			k--;
			if (k > 0 && s[i].v[k - 1] == '\r')
				k--;
		}
		if (k < s[i].n && k >= REDACT_ENC_MIN)
			ref_value(s[i].v, k, i, ps);
	}
}

static void
ref_free(struct pats *ps)
{
	size_t	i;

	for (i = 0; i < ps->n; i++)
		free(ps->v[i].p);
	free(ps->v);
}

/* Leftmost-longest; equal patterns: the first secret added wins. */
static void
ref_redact(const struct sec *s, size_t ns, const unsigned char *in,
    size_t n, struct buf *out)
{
	struct pats	ps = { NULL, 0, 0 };
	size_t		i = 0, k, best, bestlen;
	char		repl[128];

	ref_patterns(s, ns, &ps);
	while (i < n) {
		bestlen = 0;
		best = 0;
		for (k = 0; k < ps.n; k++) {
			if (ps.v[k].n > n - i || ps.v[k].n < bestlen)
				continue;
			if (memcmp(in + i, ps.v[k].p, ps.v[k].n) != 0)
				continue;
			if (ps.v[k].n > bestlen || ps.v[k].secret < best) {
				bestlen = ps.v[k].n;
				best = ps.v[k].secret;
			}
		}
		if (bestlen > 0) {
			snprintf(repl, sizeof(repl), "[REDACTED:%s]",
			    s[best].name);
			buf_str(out, repl);
			i += bestlen;
		} else
			buf_add(out, in + i++, 1);
	}
	ref_free(&ps);
}

/* --- tests -------------------------------------------------------- */

static const unsigned char tok[] = "s3cr3t-T0k3n!";
static struct sec tok1[] = { { "TOK", tok, sizeof(tok) - 1 } };

static void
t_basic(void)
{
	tap_ok(redacts_to(tok1, 1, "key is s3cr3t-T0k3n! ok",
	    "key is [REDACTED:TOK] ok"), "raw value replaced");
	tap_ok(redacts_to(tok1, 1,
	    "nothing secret here: s3cr3t-T0k3n? s3cr3t T0k3n! 12345",
	    "nothing secret here: s3cr3t-T0k3n? s3cr3t T0k3n! 12345"),
	    "unrelated and near-miss text untouched");
	tap_ok(redacts_to(tok1, 1, "s3cr3t-T0k3n!s3cr3t-T0k3n!",
	    "[REDACTED:TOK][REDACTED:TOK]"), "adjacent occurrences");
	tap_ok(redacts_to(tok1, 1, "s3cr3t-T0k3n", "s3cr3t-T0k3n"),
	    "truncated value at end of stream left alone");
}

static void
t_splits(void)
{
	const char		*in = "<<s3cr3t-T0k3n!>>";
	const char		*want = "<<[REDACTED:TOK]>>";
	size_t			 n = strlen(in), i, j, cuts[2];
	struct redactor		*r;
	struct redact_out	 o;
	int			 ok2 = 1, ok3 = 1, ok1 = 1;

	redact_out_init(&o);
	for (i = 0; i <= n; i++) {
		r = mk(tok1, 1);
		redact_out_reset(&o);
		cuts[0] = i;
		run_cuts(r, in, n, cuts, 1, &o);
		if (o.len != strlen(want) || memcmp(o.buf, want, o.len) != 0)
			ok2 = 0;
		redactor_free(r);
	}
	tap_ok(ok2, "value split at every boundary (2 feeds)");

	for (i = 0; i <= n; i++)
		for (j = i; j <= n; j++) {
			r = mk(tok1, 1);
			redact_out_reset(&o);
			cuts[0] = i;
			cuts[1] = j;
			run_cuts(r, in, n, cuts, 2, &o);
			if (o.len != strlen(want) ||
			    memcmp(o.buf, want, o.len) != 0)
				ok3 = 0;
			redactor_free(r);
		}
	tap_ok(ok3, "value split at every pair of boundaries (3 feeds)");

	r = mk(tok1, 1);
	redact_out_reset(&o);
	for (i = 0; i < n; i++) {
		if (redactor_feed(r, in + i, 1, &o) == -1)
			ok1 = 0;
		if (redactor_pending(r) > redactor_maxlen(r) - 1)
			ok1 = 0;
	}
	if (redactor_flush(r, &o) == -1)
		ok1 = 0;
	tap_ok(ok1 && o.len == strlen(want) && memcmp(o.buf, want, o.len) == 0,
	    "one byte per feed, never more than maxlen-1 held back");
	redactor_free(r);
	redact_out_free(&o);
}

static void
t_flush(void)
{
	struct redactor		*r = mk(tok1, 1);
	struct redact_out	 o;
	size_t			 held;

	redact_out_init(&o);
	redactor_feed(r, "abc s3cr3t", 10, &o);
	held = redactor_pending(r);
	tap_ok(held > 0 && held <= redactor_maxlen(r) - 1 &&
	    o.len + held == 10, "partial value held back (%zu bytes)", held);
	redactor_flush(r, &o);
	tap_ok(redactor_pending(r) == 0 && o.len == 10 &&
	    memcmp(o.buf, "abc s3cr3t", 10) == 0,
	    "flush releases held-back bytes");
	redact_out_reset(&o);
	redactor_feed(r, "-T0k3n!", 7, &o);
	redactor_flush(r, &o);
	tap_ok(o.len == 7 && memcmp(o.buf, "-T0k3n!", 7) == 0,
	    "flush ends the stream: no match across it");
	redact_out_reset(&o);
	redactor_feed(r, "x s3cr3t-T0k3n! y", 17, &o);
	redactor_flush(r, &o);
	tap_ok(o.len == 18 && memcmp(o.buf, "x [REDACTED:TOK] y", 18) == 0,
	    "stream usable after flush");
	redact_out_free(&o);
	redactor_free(r);
}

static void
t_encodings(void)
{
	/* 15 bytes; "\xfb\xff" makes '+' '/' vs '-' '_' show up. */
	static const unsigned char v[] = "k\xfb\xffy/Pa ss(w)*d!";
	struct sec	 s[] = { { "K", v, sizeof(v) - 1 } };
	unsigned char	 pre[3 + sizeof(v)];
	char		 enc[128], in[256], want[256];
	size_t		 a, n = sizeof(v) - 1, k, j0, j1;
	int		 al, ok;

	for (al = 0; al < 2; al++)
		for (a = 0; a < 3; a++) {
			memset(pre, 'Q', a);
			memcpy(pre + a, v, n);
			memcpy(pre + a + n, "ZZ", 2);
			k = b64(pre, a + n + 2, al ? b64u : b64s, enc);
			enc[k] = '\0';
			j0 = (8 * a + 5) / 6;
			j1 = (8 * a + 8 * n) / 6;
			snprintf(in, sizeof(in), "data=%s;", enc);
			snprintf(want, sizeof(want), "data=%.*s[REDACTED:K]%s;",
			    (int)j0, enc, enc + j1);
			ok = redacts_to(s, 1, in, want);
			tap_ok(ok, "%s inside a longer stream, offset %zu "
			    "mod 3", al ? "base64url" : "base64", a);
		}

	tap_ok(redacts_to(s, 1,
	    "u=k%FB%FFy%2FPa%20ss%28w%29%2Ad%21&x",
	    "u=[REDACTED:K]&x"), "percent-encoding, upper hex");
	tap_ok(redacts_to(s, 1,
	    "u=k%fb%ffy%2fPa%20ss%28w%29%2ad%21&x",
	    "u=[REDACTED:K]&x"), "percent-encoding, lower hex");
	tap_ok(redacts_to(s, 1,
	    "u=k%FB%FFy%2FPa+ss%28w%29%2Ad%21&x",
	    "u=[REDACTED:K]&x"), "percent-encoding, '+' for space");
	tap_ok(redacts_to(s, 1,
	    "u=k%fb%ffy/Pa+ss(w)*d!&x",
	    "u=[REDACTED:K]&x"), "percent-encoding, '/' and \"!'()*\" kept");
	tap_ok(redacts_to(s, 1,
	    "h=6bfbff792f5061207373287729*6421",
	    "h=6bfbff792f5061207373287729*6421"),
	    "broken hex left alone");
	tap_ok(redacts_to(s, 1,
	    "h=6bfbff792f506120737328772' '92a6421.",
	    "h=6bfbff792f506120737328772' '92a6421."),
	    "hex with a gap left alone");
	tap_ok(redacts_to(s, 1,
	    "h=6bfbff792f50612073732877292a6421.",
	    "h=[REDACTED:K]."), "hex, lower case");
	tap_ok(redacts_to(s, 1,
	    "h=6BFBFF792F50612073732877292A6421.",
	    "h=[REDACTED:K]."), "hex, upper case");
}

static void
t_json(void)
{
	static const unsigned char v[] = "line1\nline/2\t\"q\"\x01";
	struct sec	 s[] = { { "PEM", v, sizeof(v) - 1 } };

	tap_ok(redacts_to(s, 1,
	    "{\"k\": \"line1\\nline/2\\t\\\"q\\\"\\u0001\"}",
	    "{\"k\": \"[REDACTED:PEM]\"}"), "inside a JSON string");
	tap_ok(redacts_to(s, 1,
	    "{\"k\": \"line1\\nline\\/2\\t\\\"q\\\"\\u0001\"}",
	    "{\"k\": \"[REDACTED:PEM]\"}"), "inside a JSON string, \"\\/\"");
}

static void
t_nul(void)
{
	static const unsigned char v[] = { 'a', 0, 'b', 0, 0, 'c' };
	static const unsigned char in[] = { 'x', 'a', 0, 'b', 0, 0, 'c', 0,
	    'a', 0, 'b', 0, 'c' };
	struct sec	 s[] = { { "NUL", v, sizeof(v) } };
	size_t		 n;
	char		*got;

	got = redact1(s, 1, in, sizeof(in), &n);
	tap_ok(n == 1 + 14 + 6 && memcmp(got, "x[REDACTED:NUL]\0a\0b\0c",
	    n) == 0, "NUL bytes inside a value and around it");
	free(got);
}

static void
t_overlap(void)
{
	struct sec s1[] = {
		{ "A", (const unsigned char *)"abcdef", 6 },
		{ "B", (const unsigned char *)"cdefgh", 6 },
	};
	struct sec s2[] = {
		{ "SHORT", (const unsigned char *)"abc", 3 },
		{ "LONG", (const unsigned char *)"abcdefg", 7 },
	};
	struct sec s3[] = {
		{ "X", (const unsigned char *)"secret", 6 },
		{ "Y", (const unsigned char *)"secret", 6 },
	};

	tap_ok(redacts_to(s1, 2, "-abcdefgh-", "-[REDACTED:A]gh-"),
	    "overlapping secrets: leftmost wins");
	tap_ok(redacts_to(s1, 2, "-cdefgh abcdef-",
	    "-[REDACTED:B] [REDACTED:A]-"), "both found when apart");
	tap_ok(redacts_to(s2, 2, "abcdefg abcdeX",
	    "[REDACTED:LONG] [REDACTED:SHORT]deX"),
	    "same start: longest wins, shorter when the long one breaks");
	tap_ok(redacts_to(s3, 2, "a secret", "a [REDACTED:X]"),
	    "same value twice: first name wins");
}

static void
t_counts(void)
{
	struct sec s[] = {
		{ "A", (const unsigned char *)"alpha-1", 7 },
		{ "B", (const unsigned char *)"bravo-22", 8 },
		{ "A", (const unsigned char *)"charlie-333", 11 },
	};
	struct redactor		*r = mk(s, 3);
	struct redact_out	 o;
	const char		*in = "alpha-1 bravo-22 charlie-333 alpha-1 "
	    "62726176 6f2d3232";

	redact_out_init(&o);
	run_cuts(r, in, strlen(in), NULL, 0, &o);
	tap_ok(redactor_hits(r) == 4 && redactor_name_hits(r, "A") == 3 &&
	    redactor_name_hits(r, "B") == 1 &&
	    redactor_name_hits(r, "C") == 0, "hit counts, total and by name");
	redact_out_free(&o);
	redactor_free(r);
}

static void
t_api(void)
{
	struct redactor		*r;
	struct redact_out	 o;
	char			 name[REDACT_NAME_MAX + 2];
	int			 ok = 1;

	if ((r = redactor_new()) == NULL)
		abort();
	if (redactor_add(r, "E", "", 0) != -1 || errno != EINVAL)
		ok = 0;
	if (redactor_add(r, "", "x", 1) != -1)
		ok = 0;
	if (redactor_add(r, "bad name", "x", 1) != -1)
		ok = 0;
	if (redactor_add(r, "bad]", "x", 1) != -1)
		ok = 0;
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	if (redactor_add(r, name, "x", 1) != -1)
		ok = 0;
	if (redactor_add(r, "BIG", name, REDACT_VALUE_MAX + 1) != -1)
		ok = 0;
	redact_out_init(&o);
	if (redactor_feed(r, "x", 1, &o) != -1)
		ok = 0;
	if (redactor_add(r, "OK", "x", 1) == -1 ||
	    redactor_compile(r) == -1)
		ok = 0;
	if (redactor_add(r, "LATE", "y", 1) != -1 ||
	    redactor_compile(r) != -1)
		ok = 0;
	tap_ok(ok, "bad names, empty or oversized values, misuse refused");
	redactor_free(r);

	r = mk(NULL, 0);
	run_cuts(r, "plain\0text", 10, NULL, 0, &o);
	tap_ok(o.len == 10 && memcmp(o.buf, "plain\0text", 10) == 0 &&
	    redactor_maxlen(r) == 1, "no secrets: input copied");
	redactor_free(r);
	redact_out_free(&o);
}

static void
t_short(void)
{
	struct sec s[] = { { "ONE", (const unsigned char *)"Q", 1 } };

	/* base64 of "Q" (UQ, "U") would hit everywhere: only raw and hex. */
	tap_ok(redacts_to(s, 1, "a Q b UQ== c 51 d",
	    "a [REDACTED:ONE] b U[REDACTED:ONE]== c 51 d"),
	    "1-byte secret: raw only, short encodings not matched");
}

/*
 * A value stored with its line ending ("echo V | vault put") is matched
 * without it too, as "$(cat file)" prints it, when at least
 * REDACT_ENC_MIN bytes are left.
 */
static void
t_newline(void)
{
	struct sec nl[] = { { "FTOK",
	    (const unsigned char *)"NewFileS3cretValue2\n", 20 } };
	struct sec crlf[] = { { "W",
	    (const unsigned char *)"abcd1234\r\n", 10 } };
	struct sec many[] = { { "M",
	    (const unsigned char *)"wxyz\n\r\n\n", 8 } };
	struct sec shrt[] = { { "S", (const unsigned char *)"abc\n", 4 } };
	struct sec four[] = { { "F", (const unsigned char *)"abcd\n", 5 } };
	struct sec only[] = { { "N", (const unsigned char *)"\r\n\n", 3 } };

	tap_ok(redacts_to(nl, 1, "value=[NewFileS3cretValue2]\n",
	    "value=[[REDACTED:FTOK]]\n"),
	    "value with a newline: redacted without it");
	tap_ok(redacts_to(nl, 1, "NewFileS3cretValue2\nx",
	    "[REDACTED:FTOK]x"),
	    "...and whole, newline included, where it appears whole");
	/* base64 of "NewFileS3cretValue2" ("...lMg=="): its last
	   character's bits happen to be those of the value's base64. */
	tap_ok(redacts_to(nl, 1, "TmV3RmlsZVMzY3JldFZhbHVlMg==",
	    "[REDACTED:FTOK]==") &&
	    redacts_to(nl, 1, "NewFileS3cretValue2%21",
	    "[REDACTED:FTOK]%21") &&
	    redacts_to(nl, 1, "4e657746696c6553336372657456616c756532",
	    "[REDACTED:FTOK]"),
	    "...its encodings without the newline too");
	tap_ok(redacts_to(crlf, 1, "<abcd1234> <abcd1234\r> <abcd1234\r\n>",
	    "<[REDACTED:W]> <[REDACTED:W]\r> <[REDACTED:W]>"),
	    "value with \\r\\n: redacted without it");
	tap_ok(redacts_to(many, 1, "[wxyz] [wxyz\n]",
	    "[[REDACTED:M]] [[REDACTED:M]\n]"),
	    "several line endings: all stripped");
	tap_ok(redacts_to(shrt, 1, "abc abc\n", "abc [REDACTED:S]"),
	    "3 bytes left: too short, only the whole value");
	tap_ok(redacts_to(four, 1, "abcd abcd\n",
	    "[REDACTED:F] [REDACTED:F]"),
	    "4 bytes left (REDACT_ENC_MIN): redacted");
	tap_ok(redacts_to(only, 1, "a\nb\r\n\nc", "a\nb[REDACTED:N]c"),
	    "a value of line endings only: nothing left to add");
}

/* Random bytes from a tiny alphabet so that patterns collide often. */
static unsigned char
rbyte(void)
{
	static const unsigned char al[] = { 'a', 'b', '/', ' ', 0, 0xfb,
	    '\n', '"' };

	return al[arc4random_uniform(sizeof(al))];
}

static void
t_reference(void)
{
	static unsigned char	 vals[4][200];
	struct sec		 s[4];
	struct pats		 ps;
	struct buf		 in, want;
	struct redactor		*r;
	struct redact_out	 o;
	size_t			 cuts[8], ns, i, k, iter, bad = 0, nc;
	static const char	*names[] = { "S0", "S1", "S2", "S3" };

	for (iter = 0; iter < 400; iter++) {
		int longvals = iter % 4 == 3;

		ns = 1 + arc4random_uniform(4);
		for (i = 0; i < ns; i++) {
			s[i].name = names[i];
			s[i].n = longvals ? 80 + arc4random_uniform(100) :
			    1 + arc4random_uniform(6);
			for (k = 0; k < s[i].n; k++)
				vals[i][k] = rbyte();
			s[i].v = vals[i];
		}
		/* Long values: let two share a 256-byte encoded prefix. */
		if (longvals && ns > 1) {
			memcpy(vals[1], vals[0], 150);
			s[1].n = s[0].n < 150 ? s[0].n + 20 : s[1].n;
		}
		memset(&ps, 0, sizeof(ps));
		ref_patterns(s, ns, &ps);
		memset(&in, 0, sizeof(in));
		for (k = 0; k < 12; k++) {
			struct pat *p = &ps.v[arc4random_uniform(ps.n)];
			size_t cut = arc4random_uniform(4) == 0 ?
			    arc4random_uniform(p->n + 1) : p->n;
			size_t noise = arc4random_uniform(4);

			buf_add(&in, p->p, cut);
			while (noise--) {
				unsigned char c = rbyte();

				buf_add(&in, &c, 1);
			}
		}
		ref_free(&ps);
		memset(&want, 0, sizeof(want));
		ref_redact(s, ns, in.p, in.len, &want);

		nc = arc4random_uniform(8);
		for (k = 0; k < nc; k++)
			cuts[k] = arc4random_uniform(in.len + 1);
		for (i = 1; i < nc; i++)	/* insertion sort */
			for (k = i; k > 0 && cuts[k - 1] > cuts[k]; k--) {
				size_t t = cuts[k];

				cuts[k] = cuts[k - 1];
				cuts[k - 1] = t;
			}
		r = mk(s, ns);
		redact_out_init(&o);
		run_cuts(r, in.p, in.len, cuts, nc, &o);
		if (o.len != want.len || memcmp(o.buf, want.p, o.len) != 0)
			bad++;
		redact_out_free(&o);
		redactor_free(r);
		free(in.p);
		free(want.p);
	}
	tap_ok(bad == 0, "400 random streams match the naive reference "
	    "(%zu differ)", bad);
}

static void
t_large(void)
{
	size_t			 n = REDACT_VALUE_MAX, i, at, step, k;
	unsigned char		*v;
	char			*hex, *enc;
	struct sec		 s[1];
	struct buf		 in, want;
	struct redactor		*r;
	struct redact_out	 o;
	const char		*R = "[REDACTED:BIG]";

	if ((v = malloc(n)) == NULL || (hex = malloc(2 * n + 1)) == NULL ||
	    (enc = malloc(2 * n)) == NULL)
		abort();
	/* Unreserved characters only: no percent form to match. */
	for (i = 0; i < n; i++)
		v[i] = (unsigned char)
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_"[arc4random_uniform(64)];
	for (i = 0; i < n; i++) {
		hex[2 * i] = "0123456789abcdef"[v[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[v[i] & 15];
	}
	k = b64(v, n, b64s, enc);
	s[0].name = "BIG";
	s[0].v = v;
	s[0].n = n;
	memset(&in, 0, sizeof(in));
	memset(&want, 0, sizeof(want));
	buf_str(&in, "<");
	buf_add(&in, v, n);
	buf_str(&in, "|");
	buf_add(&in, hex, 2 * n);
	buf_str(&in, "|");
	buf_add(&in, enc, k);
	buf_str(&in, "|");
	buf_add(&in, v, n - 1);		/* one byte short: not a match */
	buf_str(&in, "!>");
	/* The last base64 character mixes in padding bits: it stays. */
	buf_str(&want, "<");
	buf_str(&want, R);
	buf_str(&want, "|");
	buf_str(&want, R);
	buf_str(&want, "|");
	buf_str(&want, R);
	buf_add(&want, enc + (8 * n) / 6, k - (8 * n) / 6);
	buf_str(&want, "|");
	buf_add(&want, v, n - 1);
	buf_str(&want, "!>");

	r = mk(s, 1);
	redact_out_init(&o);
	for (at = 0; at < in.len; at += step) {
		step = 1 + arc4random_uniform(100000);
		if (step > in.len - at)
			step = in.len - at;
		if (redactor_feed(r, in.p + at, step, &o) == -1)
			abort();
	}
	redactor_flush(r, &o);
	tap_ok(o.len == want.len && memcmp(o.buf, want.p, o.len) == 0 &&
	    redactor_hits(r) == 3,
	    "1 MiB value: raw, hex and base64 in random chunks");
	redact_out_free(&o);
	redactor_free(r);
	free(in.p);
	free(want.p);
	free(v);
	free(hex);
	free(enc);
}

int
main(void)
{
	t_basic();
	t_splits();
	t_flush();
	t_encodings();
	t_json();
	t_nul();
	t_overlap();
	t_counts();
	t_api();
	t_short();
	t_newline();
	t_reference();
	t_large();
	return tap_done();
}
