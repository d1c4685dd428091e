/*
 * Credential scanner: one hand-written matcher per pattern, each a single
 * forward pass over the input (every matcher resumes after what it has
 * looked at, so the whole scan is linear), candidates merged at the end.
 *
 * The high-entropy detector is the only statistical one.  Its rules,
 * measured on 20000 random strings per length and on identifiers, paths
 * and prose (see the table in the comment above sc_entropy_ok()):
 *   - a run of [A-Za-z0-9+/_-] (plus up to two '=' of padding) whose
 *     body is at least 32 characters: shorter random strings exist by
 *     the million in normal output (base64 of small ids, cache keys);
 *   - not hex digits and dashes only (digests, UUIDs: by policy);
 *   - not an SRI digest (sha256-..., sha512-...) from lock files;
 *   - upper case, lower case and a digit all present: a random 32
 *     character base64 string lacks one of them with p ~= 0.4%, while
 *     paths, snake_case and SCREAMING_CASE names lack one almost always;
 *   - Shannon entropy >= min(4.5, 3.9 + 0.025 * (n - 32)) bits per
 *     character, which sits just under the 1st percentile of random
 *     base64/alnum strings of length n (3.97 at 32, 4.25 at 40, 4.45 at
 *     48, 4.73 at 64) and caps at 4.5, which English text (about 4.1
 *     bits per letter) does not reach;
 *   - fewer than half of its characters inside "words" ([A-Z]?[a-z]{2,}
 *     with a vowel, 3 letters or more): CamelCase identifiers and paths
 *     reach the entropy threshold but are mostly words (60-97%), random
 *     strings rarely are (1% of 32-character ones, 0.04% at 64).
 * Measured miss rate on random base64: 1.3% at 32 characters, 0.6% at
 * 40, under 0.1% from 64; none of the identifiers and paths tried was
 * flagged.
 */

#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "secscan.h"

#define SC_NONE		SIZE_MAX
#define SC_ENTROPY_MIN	32	/* shortest high-entropy run */
#define SC_VALUE_MIN	3	/* shortest bare value flagged */
#define SC_JWT_HDR_MAX	1024	/* header characters decoded */
#define SC_PEM_LINE_MAX	128	/* longest line of a PEM body */

/* Priority order: the most specific pattern names a merged hit. */
enum sc_pattern {
	SC_PRIVKEY,
	SC_AWS_ID,
	SC_GITHUB,
	SC_SLACK,
	SC_SLACK_HOOK,
	SC_JWT,
	SC_AWS_SECRET,
	SC_AUTH,
	SC_URL_PASS,
	SC_PASSWORD,
	SC_ENTROPY,
	SC_NPATTERNS
};

static const char *sc_names[SC_NPATTERNS] = {
	"private-key",
	"aws-access-key-id",
	"github-token",
	"slack-token",
	"slack-webhook",
	"jwt",
	"aws-secret-key",
	"auth-header",
	"url-password",
	"password-assignment",
	"high-entropy",
};

struct sc_cand {
	size_t		off;
	size_t		len;
	int		pat;
};

struct sc_list {
	struct sc_cand	*v;
	size_t		 n, cap;
	int		 err;
};

static void
sc_add(struct sc_list *l, size_t off, size_t len, int pat)
{
	struct sc_cand	*nv;
	size_t		 ncap;

	if (l->err || len == 0)
		return;
	if (l->n == l->cap) {
		ncap = l->cap ? l->cap * 2 : 32;
		if ((nv = reallocarray(l->v, ncap, sizeof(*nv))) == NULL) {
			l->err = 1;
			return;
		}
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n].off = off;
	l->v[l->n].len = len;
	l->v[l->n].pat = pat;
	l->n++;
}

static int
sc_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
sc_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static int
sc_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
sc_alpha(unsigned char c)
{
	return sc_upper(c) || sc_lower(c);
}

static int
sc_alnum(unsigned char c)
{
	return sc_alpha(c) || sc_digit(c);
}

static int
sc_hex(unsigned char c)
{
	return sc_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
sc_b64url(unsigned char c)
{
	return sc_alnum(c) || c == '-' || c == '_';
}

static int
sc_b64(unsigned char c)
{
	return sc_alnum(c) || c == '+' || c == '/' || c == '=';
}

/* Characters of a high-entropy run: both base64 alphabets. */
static int
sc_run(unsigned char c)
{
	return sc_alnum(c) || c == '+' || c == '/' || c == '-' || c == '_';
}

/* Characters of an assignment's key. */
static int
sc_ident(unsigned char c)
{
	return sc_alnum(c) || c == '_' || c == '-' || c == '.';
}

static int
sc_space(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static unsigned char
sc_tolower(unsigned char c)
{
	return sc_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

static int
sc_has(const unsigned char *p, size_t n, size_t i, const char *s)
{
	size_t	l = strlen(s);

	return i <= n && n - i >= l && memcmp(p + i, s, l) == 0;
}

static size_t
sc_find(const unsigned char *p, size_t n, size_t from, const char *s)
{
	const unsigned char	*x;
	size_t			 l = strlen(s);

	if (from >= n)
		return SC_NONE;
	if ((x = memmem(p + from, n - from, s, l)) == NULL)
		return SC_NONE;
	return (size_t)(x - p);
}

static int
sc_ends(const unsigned char *p, size_t n, const char *s)
{
	size_t	l = strlen(s);

	return n >= l && memcmp(p + n - l, s, l) == 0;
}

/* --- private keys ------------------------------------------------- */

/*
 * A "-----BEGIN label-----" or "-----END label-----" marker at i (skip
 * is the length of "-----BEGIN " or "-----END ").  Returns the offset
 * just past it, or 0; *priv tells whether the label names a private key.
 */
static size_t
sc_pem_marker(const unsigned char *p, size_t n, size_t i, size_t skip,
    int *priv)
{
	size_t	j = i + skip, k;

	for (k = j; k < n && k - j <= 64 &&
	    (sc_upper(p[k]) || sc_digit(p[k]) || p[k] == ' '); k++)
		;
	if (k == j || !sc_has(p, n, k, "-----"))
		return 0;
	*priv = sc_ends(p + j, k - j, "PRIVATE KEY") ||
	    sc_ends(p + j, k - j, "PRIVATE KEY BLOCK");
	return k + 5;
}

/*
 * The first END marker at or after from, private ones only or any: a
 * cursor that only moves forward, so that all searches together read
 * the input once.
 */
struct sc_endcur {
	int	 priv;		/* private-key END markers only */
	int	 known;		/* pos/end hold a marker */
	int	 none;		/* there is no marker after pos */
	size_t	 pos;
	size_t	 end;
};

/* Do the BEGIN marker at b and the END marker at e name the same thing? */
static int
sc_pem_same(const unsigned char *p, size_t b, size_t bend, size_t e,
    size_t eend)
{
	size_t	bl, el;

	/* "-----BEGIN " label "-----", "-----END " label "-----" */
	bl = bend - b - 16;
	el = eend - e - 14;

	return bl == el && memcmp(p + b + 11, p + e + 9, bl) == 0;
}

static int
sc_next_end(const unsigned char *p, size_t n, struct sc_endcur *c,
    size_t from)
{
	size_t	x, y;
	int	priv;

	if (c->none)
		return 0;
	if (c->known && c->pos >= from)
		return 1;
	c->known = 0;
	x = from;
	while ((x = sc_find(p, n, x, "-----END ")) != SC_NONE) {
		if ((y = sc_pem_marker(p, n, x, 9, &priv)) != 0 &&
		    (priv || !c->priv)) {
			c->pos = x;
			c->end = y;
			c->known = 1;
			return 1;
		}
		x++;
	}
	c->none = 1;
	return 0;
}

/* A line break at q, real or JSON-escaped: its length, or 0. */
static size_t
sc_linebreak(const unsigned char *p, size_t n, size_t q)
{
	if (p[q] == '\r' && q + 1 < n && p[q + 1] == '\n')
		return 2;
	if (p[q] == '\n' || p[q] == '\r')
		return 1;
	if (sc_has(p, n, q, "\\r\\n"))
		return 4;
	if (sc_has(p, n, q, "\\n"))
		return 2;
	return 0;
}

/*
 * A block whose END line is missing (output cut short): take the lines
 * that look like key material, base64 or "Proc-Type: ..." headers.
 */
static size_t
sc_pem_body(const unsigned char *p, size_t n, size_t h)
{
	size_t	end = h, q = h, s, k, br;
	int	b64, hdr;

	while (q < n) {
		if ((br = sc_linebreak(p, n, q)) > 0) {
			q += br;
			continue;
		}
		/*
		 * Key lines are 64-76 characters: a longer one is not key
		 * material, and not reading past it keeps a run of BEGIN
		 * lines without END from costing quadratic time.
		 */
		s = q;
		while (q < n && q - s <= SC_PEM_LINE_MAX &&
		    sc_linebreak(p, n, q) == 0)
			q++;
		if (q - s > SC_PEM_LINE_MAX)
			break;
		b64 = 1;
		for (k = s; k < q && b64; k++)
			if (!sc_b64(p[k]))
				b64 = 0;
		hdr = 0;
		if (!b64 && q - s <= 128) {
			for (k = s; k < q && (sc_alpha(p[k]) || p[k] == '-');
			    k++)
				;
			hdr = k > s && k < q && p[k] == ':';
		}
		if (!b64 && !hdr)
			break;
		end = q;
	}
	return end;
}

/*
 * Private key blocks are hits.  Other PEM blocks (certificates, public
 * keys) go to pub, so that the entropy check leaves their bodies alone.
 */
static void
sc_pem(const unsigned char *p, size_t n, struct sc_list *l,
    struct sc_list *pub)
{
	struct sc_endcur	 pe, ae;
	size_t			 i = 0, b, h, x;
	int			 priv;

	memset(&pe, 0, sizeof(pe));
	memset(&ae, 0, sizeof(ae));
	pe.priv = 1;
	while ((b = sc_find(p, n, i, "-----BEGIN ")) != SC_NONE) {
		if ((h = sc_pem_marker(p, n, b, 11, &priv)) == 0) {
			i = b + 1;
			continue;
		}
		if (!priv) {
			if (sc_next_end(p, n, &ae, h)) {
				sc_add(pub, b, ae.end - b, 0);
				i = ae.end;
			} else
				i = h;
			continue;
		}
		if (sc_next_end(p, n, &pe, h) &&
		    sc_pem_same(p, b, h, pe.pos, pe.end)) {
			sc_add(l, b, pe.end - b, SC_PRIVKEY);
			i = pe.end;
		} else {
			/* Cut short, or the END of some other key. */
			x = sc_pem_body(p, n, h);
			sc_add(l, b, x - b, SC_PRIVKEY);
			i = x;
		}
	}
}

/* --- fixed-format tokens ------------------------------------------ */

static void
sc_aws_id(const unsigned char *p, size_t n, struct sc_list *l)
{
	static const char	*pfx[] = { "AKIA", "ASIA", "AGPA", "AIDA",
	    "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA" };
	size_t			 i, k;
	int			 ok;

	for (i = 0; i + 20 <= n; i++) {
		if (p[i] != 'A' || (i > 0 && sc_alnum(p[i - 1])))
			continue;
		ok = 0;
		for (k = 0; k < sizeof(pfx) / sizeof(pfx[0]) && !ok; k++)
			ok = memcmp(p + i, pfx[k], 4) == 0;
		if (!ok && p[i + 1] == '3' && p[i + 2] == 'T' &&
		    (sc_upper(p[i + 3]) || sc_digit(p[i + 3])))
			ok = 1;
		for (k = 4; k < 20 && ok; k++)
			ok = sc_upper(p[i + k]) || sc_digit(p[i + k]);
		if (!ok || (i + 20 < n && sc_alnum(p[i + 20])))
			continue;
		sc_add(l, i, 20, SC_AWS_ID);
		i += 19;
	}
}

static void
sc_github(const unsigned char *p, size_t n, struct sc_list *l)
{
	size_t	i, j;

	for (i = 0; i + 4 <= n; i++) {
		if (p[i] != 'g' || (i > 0 && (sc_alnum(p[i - 1]) ||
		    p[i - 1] == '_')))
			continue;
		if (p[i + 1] == 'h' && p[i + 3] == '_' && (p[i + 2] == 'p' ||
		    p[i + 2] == 'o' || p[i + 2] == 'u' || p[i + 2] == 's' ||
		    p[i + 2] == 'r')) {
			for (j = i + 4; j < n && sc_alnum(p[j]); j++)
				;
			if (j - (i + 4) >= 36) {
				sc_add(l, i, j - i, SC_GITHUB);
				i = j - 1;
			}
		} else if (sc_has(p, n, i, "github_pat_")) {
			for (j = i + 11; j < n && (sc_alnum(p[j]) ||
			    p[j] == '_'); j++)
				;
			if (j - (i + 11) >= 22) {
				sc_add(l, i, j - i, SC_GITHUB);
				i = j - 1;
			}
		}
	}
}

static void
sc_slack(const unsigned char *p, size_t n, struct sc_list *l)
{
	size_t	i, j, x, s;

	for (i = 0; i + 5 <= n; i++) {
		if (p[i] != 'x' || (i > 0 && sc_alnum(p[i - 1])) ||
		    p[i + 1] != 'o' || p[i + 2] != 'x' || p[i + 4] != '-')
			continue;
		if (p[i + 3] != 'a' && p[i + 3] != 'b' && p[i + 3] != 'p' &&
		    p[i + 3] != 'r' && p[i + 3] != 's' && p[i + 3] != 'e')
			continue;
		for (j = i + 5; j < n && (sc_alnum(p[j]) || p[j] == '-'); j++)
			;
		if (j - (i + 5) >= 10) {
			sc_add(l, i, j - i, SC_SLACK);
			i = j - 1;
		}
	}

	i = 0;
	while ((x = sc_find(p, n, i, "hooks.slack.com/services/")) != SC_NONE) {
		s = x;
		if (x >= 8 && memcmp(p + x - 8, "https://", 8) == 0)
			s = x - 8;
		else if (x >= 7 && memcmp(p + x - 7, "http://", 7) == 0)
			s = x - 7;
		for (j = x + 25; j < n && (sc_b64url(p[j]) || p[j] == '/');
		    j++)
			;
		if (j - (x + 25) >= 10)
			sc_add(l, s, j - s, SC_SLACK_HOOK);
		i = j;
	}
}

/* --- JWT ---------------------------------------------------------- */

static int
sc_b64val(unsigned char c)
{
	if (sc_upper(c))
		return c - 'A';
	if (sc_lower(c))
		return c - 'a' + 26;
	if (sc_digit(c))
		return c - '0' + 52;
	if (c == '-' || c == '+')
		return 62;
	if (c == '_' || c == '/')
		return 63;
	return -1;
}

/* Does this base64url text decode to a JSON object naming "alg"? */
static int
sc_jwt_header(const unsigned char *p, size_t n)
{
	unsigned char	out[SC_JWT_HDR_MAX * 3 / 4 + 3];
	size_t		i, k = 0, o;
	uint32_t	acc = 0;
	int		bits = 0, v;

	if (n > SC_JWT_HDR_MAX)
		n = SC_JWT_HDR_MAX;
	for (i = 0; i < n; i++) {
		if ((v = sc_b64val(p[i])) < 0)
			return 0;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[k++] = (unsigned char)(acc >> bits);
			acc &= (1U << bits) - 1;
		}
	}
	for (o = 0; o < k && (out[o] == ' ' || out[o] == '\t' ||
	    out[o] == '\r' || out[o] == '\n'); o++)
		;
	if (o == k || out[o] != '{')
		return 0;
	return memmem(out, k, "\"alg\"", 5) != NULL;
}

static void
sc_jwt(const unsigned char *p, size_t n, struct sc_list *l)
{
	size_t	i = 0, j, k, m;

	while (i + 2 <= n) {
		if (p[i] != 'e' || p[i + 1] != 'y' ||
		    (i > 0 && (sc_b64url(p[i - 1]) || p[i - 1] == '.'))) {
			i++;
			continue;
		}
		for (j = i; j < n && sc_b64url(p[j]); j++)
			;
		if (j - i < 10 || j >= n || p[j] != '.') {
			i = j;
			continue;
		}
		for (k = j + 1; k < n && sc_b64url(p[k]); k++)
			;
		if (k == j + 1 || k >= n || p[k] != '.') {
			i = j;
			continue;
		}
		for (m = k + 1; m < n && sc_b64url(p[m]); m++)
			;
		if (m == k + 1 || !sc_jwt_header(p + i, j - i)) {
			i = j;
			continue;
		}
		sc_add(l, i, m - i, SC_JWT);
		i = m;
	}
}

/* --- key = value -------------------------------------------------- */

enum sc_kw { KW_NONE, KW_PASSWORD, KW_AWS_SECRET, KW_AUTH };

static enum sc_kw
sc_keyword(const unsigned char *k, size_t kn)
{
	static const char	*words[] = { "password", "passwd",
	    "passphrase", "secret", "secretkey", "token", "apikey",
	    "accesskey", "privatekey" };
	unsigned char		 norm[64], last[8];
	size_t			 i, m = 0, lm = 0, w;
	int			 inlast = 1;

	/* The key's tail, lower case, separators dropped. */
	for (i = kn; i > 0 && m < sizeof(norm); i--) {
		unsigned char c = k[i - 1];

		if (c == '_' || c == '-' || c == '.') {
			inlast = 0;
			continue;
		}
		norm[sizeof(norm) - 1 - m++] = sc_tolower(c);
		if (inlast) {
			if (lm < sizeof(last))
				last[sizeof(last) - 1 - lm] = sc_tolower(c);
			lm++;
		}
	}
	if (sc_ends(norm + sizeof(norm) - m, m, "secretaccesskey") ||
	    sc_ends(norm + sizeof(norm) - m, m, "awssecretkey"))
		return KW_AWS_SECRET;
	if (sc_ends(norm + sizeof(norm) - m, m, "authorization"))
		return KW_AUTH;
	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		if (sc_ends(norm + sizeof(norm) - m, m, words[w]))
			return KW_PASSWORD;
	/* Short words only as the whole last component: DB_PASS, PWD. */
	if ((lm == 3 && memcmp(last + sizeof(last) - 3, "pwd", 3) == 0) ||
	    (lm == 4 && memcmp(last + sizeof(last) - 4, "pass", 4) == 0))
		return KW_PASSWORD;
	return KW_NONE;
}

/*
 * Not a secret: nothing, a reference, a placeholder, a mask, a path.  A
 * quoted value is deliberate and may be short; a bare one of one or two
 * characters is more likely prose ("password: no").
 */
static int
sc_value_ok(const unsigned char *v, size_t n, int bare)
{
	static const char	*words[] = { "null", "none", "nil", "true",
	    "false", "undefined", "string", "str", "bool", "int", "number",
	    "required", "optional", "hidden", "redacted", "empty" };
	unsigned char		 low[16];
	size_t			 i, w;

	if (n == 0 || (bare && n < SC_VALUE_MIN))
		return 0;
	if (v[0] == '$' || v[0] == '<' || v[0] == '%' || v[0] == '{' ||
	    v[0] == '[' || v[0] == '/' ||
	    (n > 1 && (v[0] == '~' || v[0] == '.') && v[1] == '/'))
		return 0;
	for (i = 1; i < n && v[i] == v[0]; i++)
		;
	if (i == n && n > 1 && (v[0] == '*' || v[0] == 'x' || v[0] == 'X' ||
	    v[0] == '.' || v[0] == '-' || v[0] == '#'))
		return 0;
	if (n < sizeof(low)) {
		for (i = 0; i < n; i++)
			low[i] = sc_tolower(v[i]);
		for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
			if (strlen(words[w]) == n &&
			    memcmp(low, words[w], n) == 0)
				return 0;
	}
	return 1;
}

/*
 * A dotted name without digits, as in token = req.headers.authorization
 * or password = self.password: code, not a value.
 */
static int
sc_dotted(const unsigned char *v, size_t n)
{
	size_t	i;
	int	dot = 0, start = 1;

	for (i = 0; i < n; i++) {
		if (v[i] == '.') {
			if (start)
				return 0;
			dot = start = 1;
		} else if (sc_alpha(v[i]) || v[i] == '_')
			start = 0;
		else
			return 0;
	}
	return dot && !start;
}

static int
sc_unquoted_end(unsigned char c)
{
	return c <= ' ' || c == ',' || c == ';' || c == '&' || c == '"' ||
	    c == '\'' || c == '<' || c == '>' || c == '(' || c == ')' ||
	    c == '{' || c == '}' || c == '[' || c == ']' || c == '`' ||
	    c == '\\' || c == 0x7f;
}

/*
 * Parse the value starting at j: '...', "...", \"...\" (JSON inside a
 * JSON string) or bare.  Sets [*vs, *ve) and returns where scanning
 * resumes.  toeol: a bare value runs to the end of the line (headers).
 */
static size_t
sc_value(const unsigned char *p, size_t n, size_t j, int toeol, size_t *vs,
    size_t *ve, int *bare)
{
	size_t		k;
	unsigned char	q;

	*bare = 0;
	if (j < n && (p[j] == '"' || p[j] == '\'')) {
		q = p[j];
		for (k = j + 1; k < n && p[k] != q && p[k] != '\n' &&
		    p[k] != '\r'; k++)
			if (p[k] == '\\' && k + 1 < n && p[k + 1] != '\n')
				k++;
		*vs = j + 1;
		*ve = k;
		return k < n ? k + 1 : n;
	}
	if (sc_has(p, n, j, "\\\"")) {
		for (k = j + 2; k < n && p[k] != '\n' && p[k] != '\r' &&
		    !sc_has(p, n, k, "\\\""); k++)
			;
		*vs = j + 2;
		*ve = k;
		return k < n ? k + 2 : n;
	}
	*bare = 1;
	if (toeol)
		for (k = j; k < n && p[k] != '\n' && p[k] != '\r' &&
		    p[k] != '"' && p[k] != '\'' && p[k] != '\\'; k++)
			;
	else
		for (k = j; k < n && !sc_unquoted_end(p[k]); k++)
			;
	*vs = j;
	*ve = k;
	return k;
}

static void
sc_assign_value(const unsigned char *p, size_t n, enum sc_kw kw, size_t vs,
    size_t ve, int bare, struct sc_list *l)
{
	size_t	k;
	int	b64;

	/* Trailing blanks of a header line are not part of it. */
	while (bare && ve > vs && sc_space(p[ve - 1]))
		ve--;
	if (kw == KW_AUTH) {
		/* "Bearer X", "Basic X": the scheme is not the secret. */
		for (k = vs; k < ve && sc_alpha(p[k]); k++)
			;
		if (k < ve && sc_space(p[k])) {
			while (k < ve && sc_space(p[k]))
				k++;
			vs = k;
		}
		if (ve - vs >= SC_VALUE_MIN && p[vs] != '$' && p[vs] != '<')
			sc_add(l, vs, ve - vs, SC_AUTH);
		return;
	}
	/* A bare word followed by ( or [ is code: password = getpass(). */
	if (bare && ve < n && (p[ve] == '(' || p[ve] == '['))
		return;
	if (bare && sc_dotted(p + vs, ve - vs))
		return;
	if (!sc_value_ok(p + vs, ve - vs, bare))
		return;
	if (kw == KW_AWS_SECRET && ve - vs == 40) {
		for (k = vs, b64 = 1; k < ve && b64; k++)
			b64 = sc_b64(p[k]);
		if (b64) {
			sc_add(l, vs, ve - vs, SC_AWS_SECRET);
			return;
		}
	}
	sc_add(l, vs, ve - vs, SC_PASSWORD);
}

static void
sc_assign(const unsigned char *p, size_t n, struct sc_list *l)
{
	size_t		i = 0, a, b, j, vs, ve, next;
	enum sc_kw	kw;
	int		sep, bare;

	while (i < n) {
		if (!sc_ident(p[i]) || (i > 0 && sc_ident(p[i - 1]))) {
			i++;
			continue;
		}
		a = i;
		for (b = a; b < n && sc_ident(p[b]); b++)
			;
		i = b;
		/* scheme://user:password@ is sc_urlpass()'s business. */
		if (a >= 3 && memcmp(p + a - 3, "://", 3) == 0)
			continue;
		/* Closing quote of a quoted key: "k": 'k': \"k\": */
		j = b;
		if (j < n && (p[j] == '"' || p[j] == '\''))
			j++;
		else if (sc_has(p, n, j, "\\\""))
			j += 2;
		while (j < n && sc_space(p[j]))
			j++;
		sep = 0;
		if (j < n && p[j] == '=' && !(j + 1 < n && p[j + 1] == '=')) {
			j++;
			if (j < n && p[j] == '>')
				j++;
			sep = 1;
		} else if (j < n && p[j] == ':' && !(j + 1 < n &&
		    (p[j + 1] == ':' || p[j + 1] == '='))) {
			j++;
			sep = 1;
		} else if (sc_has(p, n, j, ":=")) {
			j += 2;
			sep = 1;
		} else if (b - a > 2 && p[a] == '-' && p[a + 1] == '-' &&
		    j == b + 1 && p[b] == ' ' && j < n && p[j] != '-') {
			sep = 1;	/* --password VALUE */
		}
		if (!sep)
			continue;
		while (p[a] == '-' && a < b)
			a++;
		if ((kw = sc_keyword(p + a, b - a)) == KW_NONE)
			continue;
		while (j < n && sc_space(p[j]))
			j++;
		next = sc_value(p, n, j, kw == KW_AUTH, &vs, &ve, &bare);
		sc_assign_value(p, n, kw, vs, ve, bare, l);
		if (next > i)
			i = next;
	}
}

/* --- scheme://user:password@host ---------------------------------- */

static void
sc_urlpass(const unsigned char *p, size_t n, struct sc_list *l)
{
	size_t		i = 0, x, j, colon;
	unsigned char	c;

	while ((x = sc_find(p, n, i, "://")) != SC_NONE) {
		i = x + 3;
		if (x == 0 || !sc_alnum(p[x - 1]))
			continue;
		colon = SC_NONE;
		for (j = x + 3; j < n && j - x < 512; j++) {
			c = p[j];
			if (c == '@' || c == '/' || c == '?' || c == '#' ||
			    c <= ' ' || c == '"' || c == '\'' || c == '<' ||
			    c == '>' || c == '\\' || c == '`' || c == 0x7f)
				break;
			if (c == ':' && colon == SC_NONE)
				colon = j;
		}
		if (j >= n || p[j] != '@' || colon == SC_NONE ||
		    j == colon + 1)
			continue;
		c = p[colon + 1];
		if (c == '$' || c == '<' || c == '{')
			continue;
		sc_add(l, colon + 1, j - colon - 1, SC_URL_PASS);
		i = j;
	}
}

/* --- high entropy ------------------------------------------------- */

static int
sc_vowel(unsigned char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'y';
}

/* Characters inside words: [A-Z]?[a-z]{2,} with a vowel, >= 3 long. */
static size_t
sc_wordchars(const unsigned char *p, size_t n)
{
	size_t	k = 0, w, ls, t, words = 0;
	int	vowel;

	while (k < n) {
		w = k;
		if (sc_upper(p[k]) && k + 1 < n && sc_lower(p[k + 1]))
			k++;
		ls = k;
		vowel = 0;
		for (t = k; t < n && sc_lower(p[t]); t++)
			vowel |= sc_vowel(p[t]);
		k = t;
		if (k - ls >= 2 && k - w >= 3 && vowel)
			words += k - w;
		if (k == w)
			k++;
	}
	return words;
}

static int
sc_entropy_ok(const unsigned char *p, size_t n)
{
	unsigned int	cnt[256];
	size_t		i;
	double		h = 0, t;
	int		up = 0, lo = 0, dg = 0, hex = 1;

	for (i = 0; i < n; i++) {
		up |= sc_upper(p[i]);
		lo |= sc_lower(p[i]);
		dg |= sc_digit(p[i]);
		if (!sc_hex(p[i]) && p[i] != '-')
			hex = 0;
	}
	if (hex || !up || !lo || !dg)
		return 0;
	if (sc_has(p, n, 0, "sha1-") || sc_has(p, n, 0, "sha256-") ||
	    sc_has(p, n, 0, "sha384-") || sc_has(p, n, 0, "sha512-"))
		return 0;
	if (2 * sc_wordchars(p, n) >= n)
		return 0;
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < n; i++)
		cnt[p[i]]++;
	for (i = 0; i < 256; i++)
		if (cnt[i] > 0)
			h -= (double)cnt[i] / (double)n *
			    log2((double)cnt[i] / (double)n);
	t = 3.9 + 0.025 * (double)(n - SC_ENTROPY_MIN);
	if (t > 4.5)
		t = 4.5;
	return h >= t;
}

static void
sc_entropy(const unsigned char *p, size_t n, struct sc_list *l,
    const struct sc_list *pub)
{
	size_t	i = 0, s, e, k = 0;

	while (i < n) {
		if (!sc_run(p[i])) {
			i++;
			continue;
		}
		for (s = i; i < n && sc_run(p[i]); i++)
			;
		e = i;
		while (i < n && p[i] == '=' && i - e < 2)
			i++;
		/* Inside a certificate or public key: public by design. */
		while (k < pub->n && pub->v[k].off + pub->v[k].len <= s)
			k++;
		if (k < pub->n && pub->v[k].off <= s)
			continue;
		if (e - s >= SC_ENTROPY_MIN && sc_entropy_ok(p + s, e - s))
			sc_add(l, s, i - s, SC_ENTROPY);
	}
}

/* --- merge and output --------------------------------------------- */

static int
sc_cand_cmp(const void *a, const void *b)
{
	const struct sc_cand *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->pat - y->pat;
}

/*
 * Run every matcher, then merge overlapping candidates in place: every
 * byte that any matcher flagged stays covered.
 */
static int
sc_scan(const unsigned char *p, size_t n, struct sc_list *l)
{
	struct sc_list	pub;
	size_t		i, k, end;

	memset(l, 0, sizeof(*l));
	memset(&pub, 0, sizeof(pub));
	if (n == 0)
		return 0;
	sc_pem(p, n, l, &pub);
	sc_aws_id(p, n, l);
	sc_github(p, n, l);
	sc_slack(p, n, l);
	sc_jwt(p, n, l);
	sc_assign(p, n, l);
	sc_urlpass(p, n, l);
	sc_entropy(p, n, l, &pub);
	if (pub.err)
		l->err = 1;
	free(pub.v);
	if (l->err) {
		free(l->v);
		memset(l, 0, sizeof(*l));
		errno = ENOMEM;
		return -1;
	}
	if (l->n == 0)
		return 0;
	qsort(l->v, l->n, sizeof(*l->v), sc_cand_cmp);
	for (i = 1, k = 0; i < l->n; i++) {
		end = l->v[k].off + l->v[k].len;
		if (l->v[i].off < end) {
			if (l->v[i].off + l->v[i].len > end)
				l->v[k].len = l->v[i].off + l->v[i].len -
				    l->v[k].off;
			if (l->v[i].pat < l->v[k].pat)
				l->v[k].pat = l->v[i].pat;
		} else
			l->v[++k] = l->v[i];
	}
	l->n = k + 1;
	return 0;
}

static int
sc_report(const struct sc_list *l, struct secscan_hit *hits, size_t maxhits)
{
	size_t	i;

	for (i = 0; i < l->n && i < maxhits; i++) {
		hits[i].pattern = sc_names[l->v[i].pat];
		hits[i].off = l->v[i].off;
		hits[i].len = l->v[i].len;
	}
	return l->n > INT_MAX ? INT_MAX : (int)l->n;
}

int
secscan_find(const char *in, size_t len, struct secscan_hit *hits,
    size_t maxhits)
{
	struct sc_list	l;
	int		rv;

	if ((in == NULL && len > 0) || (hits == NULL && maxhits > 0)) {
		errno = EINVAL;
		return -1;
	}
	if (sc_scan((const unsigned char *)in, len, &l) == -1)
		return -1;
	rv = sc_report(&l, hits, maxhits);
	free(l.v);
	return rv;
}

int
secscan_redact(const char *in, size_t len, char **out, size_t *outlen,
    struct secscan_hit *hits, size_t maxhits)
{
	struct sc_list	 l;
	size_t		 i, total, at, k, nl;
	char		*o;
	int		 rv;

	if (out != NULL)
		*out = NULL;
	if ((in == NULL && len > 0) || out == NULL || outlen == NULL ||
	    (hits == NULL && maxhits > 0)) {
		errno = EINVAL;
		return -1;
	}
	if (sc_scan((const unsigned char *)in, len, &l) == -1)
		return -1;

	/* Every hit gets shorter or grows by at most its label. */
	total = len;
	for (i = 0; i < l.n; i++) {
		nl = strlen(sc_names[l.v[i].pat]) + 11;
		if (nl > l.v[i].len && total > SIZE_MAX - 1 - nl) {
			free(l.v);
			errno = ENOMEM;
			return -1;
		}
		total = total - l.v[i].len + nl;
	}
	if ((o = malloc(total + 1)) == NULL) {
		free(l.v);
		return -1;
	}
	for (i = 0, at = 0, k = 0; i < l.n; i++) {
		memcpy(o + k, in + at, l.v[i].off - at);
		k += l.v[i].off - at;
		nl = strlen(sc_names[l.v[i].pat]);
		memcpy(o + k, "[REDACTED:", 10);
		memcpy(o + k + 10, sc_names[l.v[i].pat], nl);
		o[k + 10 + nl] = ']';
		k += nl + 11;
		at = l.v[i].off + l.v[i].len;
	}
	if (len > at)
		memcpy(o + k, in + at, len - at);
	k += len - at;
	o[k] = '\0';
	*out = o;
	*outlen = k;
	rv = sc_report(&l, hits, maxhits);
	free(l.v);
	return rv;
}
