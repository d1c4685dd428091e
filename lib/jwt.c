/*
 * HS256 JSON Web Token verification.  See jwt.h.
 *
 * The token is hostile until its signature checks out: before that we
 * only split it, decode the header and look at "alg".  The claims are
 * decoded only after the MAC matched.
 */
#include <sys/types.h>

#include <json-c/json.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jwt.h"

#define JWT_JSON_DEPTH	8

static int
b64url_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/*
 * Split into three parts; 0 with the offsets, -1 if not shaped so.  The
 * signature may be empty: an unsigned token ("alg":"none") is still a
 * token, to be refused for its algorithm.
 */
static int
split(const char *tok, size_t len, size_t off[3], size_t plen[3])
{
	size_t	 i, part = 0, start = 0;

	if (len == 0 || len > JWT_MAX_LEN)
		return -1;
	for (i = 0; i <= len; i++) {
		if (i < len && tok[i] != '.') {
			if (!b64url_char((unsigned char)tok[i]))
				return -1;
			continue;
		}
		if (part >= 3 || (i == start && part < 2))
			return -1;
		off[part] = start;
		plen[part] = i - start;
		part++;
		start = i + 1;
	}
	return part == 3 ? 0 : -1;
}

int
jwt_shape(const char *tok, size_t len)
{
	size_t	 off[3], plen[3];

	return split(tok, len, off, plen) == 0;
}

/* Decode a base64url part into a fresh NUL-terminated buffer. */
static unsigned char *
b64_decode(const char *s, size_t len, size_t *outlen)
{
	unsigned char	*out;
	size_t		 max = len / 4 * 3 + 3;

	if (len % 4 == 1)
		return NULL;	/* no base64 text has this length */
	if ((out = malloc(max + 1)) == NULL)
		return NULL;
	if (sodium_base642bin(out, max, s, len, NULL, outlen, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
		free(out);
		return NULL;
	}
	out[*outlen] = '\0';
	return out;
}

/* A JSON object, the whole text and nothing else; NULL otherwise. */
static struct json_object *
parse_object(const unsigned char *s, size_t len)
{
	struct json_tokener	*tok;
	struct json_object	*o;

	if (len == 0 || len > JWT_MAX_LEN ||
	    (tok = json_tokener_new_ex(JWT_JSON_DEPTH)) == NULL)
		return NULL;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, (const char *)s, (int)len);
	if (o != NULL && (json_tokener_get_error(tok) != json_tokener_success
	    || json_tokener_get_parse_end(tok) != len ||
	    !json_object_is_type(o, json_type_object))) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

/* A NumericDate: an integer or a finite number of seconds. */
static int
numeric_date(struct json_object *o, int64_t *v)
{
	double	 d;

	if (json_object_is_type(o, json_type_int)) {
		*v = json_object_get_int64(o);
		return 0;
	}
	if (json_object_is_type(o, json_type_double)) {
		d = json_object_get_double(o);
		if (!isfinite(d) || d > 9e15 || d < -9e15)
			return -1;
		*v = (int64_t)floor(d);
		return 0;
	}
	return -1;
}

static int
aud_match(struct json_object *o, const char *aud)
{
	struct json_object	*e;
	size_t			 i, n;

	if (json_object_is_type(o, json_type_string))
		return strcmp(json_object_get_string(o), aud) == 0;
	if (!json_object_is_type(o, json_type_array))
		return 0;
	n = json_object_array_length(o);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(o, i);
		if (json_object_is_type(e, json_type_string) &&
		    strcmp(json_object_get_string(e), aud) == 0)
			return 1;
	}
	return 0;
}

static int
fail(int code, char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", msg);
	return code;
}

/* Name the algorithm when it is a short word, as "none" or "RS256". */
static int
alg_refused(const char *alg, char *err, size_t errlen)
{
	size_t	 i, n = strlen(alg);

	for (i = 0; i < n; i++)
		if (!((alg[i] >= 'A' && alg[i] <= 'Z') ||
		    (alg[i] >= 'a' && alg[i] <= 'z') ||
		    (alg[i] >= '0' && alg[i] <= '9')))
			break;
	if (n == 0 || n > 16 || i < n)
		return fail(JWT_E_ALG, err, errlen, "token algorithm not "
		    "accepted (only HS256)");
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "token algorithm %s not accepted (only "
		    "HS256)", alg);
	return JWT_E_ALG;
}

static int
check_header(const char *tok, size_t len, char *err, size_t errlen)
{
	struct json_object	*h, *v;
	unsigned char		*raw;
	size_t			 rawlen;
	int			 rc = JWT_OK;

	if ((raw = b64_decode(tok, len, &rawlen)) == NULL)
		return fail(JWT_E_MALFORMED, err, errlen, "malformed token "
		    "header (base64url)");
	h = parse_object(raw, rawlen);
	free(raw);
	if (h == NULL)
		return fail(JWT_E_MALFORMED, err, errlen, "malformed token "
		    "header (not a JSON object)");
	if (!json_object_object_get_ex(h, "alg", &v) ||
	    !json_object_is_type(v, json_type_string))
		rc = fail(JWT_E_ALG, err, errlen, "token header has no alg");
	else if (strcmp(json_object_get_string(v), "HS256") != 0)
		rc = alg_refused(json_object_get_string(v), err, errlen);
	else if (json_object_object_get_ex(h, "crit", NULL))
		rc = fail(JWT_E_ALG, err, errlen, "token header has crit "
		    "extensions");
	else if (json_object_object_get_ex(h, "typ", &v) &&
	    (!json_object_is_type(v, json_type_string) ||
	    strcasecmp(json_object_get_string(v), "JWT") != 0))
		rc = fail(JWT_E_MALFORMED, err, errlen, "token typ is not "
		    "JWT");
	json_object_put(h);
	return rc;
}

static int
check_sig(const char *tok, size_t signed_len, const char *sig,
    size_t siglen, const void *key, size_t keylen, char *err, size_t errlen)
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];
	unsigned char			*got;
	size_t				 gotlen;
	int				 rc;

	if (siglen == 0)
		return fail(JWT_E_SIG, err, errlen, "token has no signature");
	if ((got = b64_decode(sig, siglen, &gotlen)) == NULL)
		return fail(JWT_E_MALFORMED, err, errlen, "malformed token "
		    "signature (base64url)");
	if (gotlen != sizeof(mac)) {
		free(got);
		return fail(JWT_E_SIG, err, errlen, "bad signature");
	}
	if (crypto_auth_hmacsha256_init(&st, key, keylen) != 0 ||
	    crypto_auth_hmacsha256_update(&st, (const unsigned char *)tok,
	    signed_len) != 0 || crypto_auth_hmacsha256_final(&st, mac) != 0) {
		sodium_memzero(&st, sizeof(st));
		free(got);
		return fail(JWT_E_INTERNAL, err, errlen, "cannot compute the "
		    "signature");
	}
	rc = sodium_memcmp(mac, got, sizeof(mac)) == 0 ? JWT_OK : JWT_E_SIG;
	sodium_memzero(&st, sizeof(st));
	sodium_memzero(mac, sizeof(mac));
	free(got);
	if (rc != JWT_OK)
		return fail(rc, err, errlen, "bad signature");
	return JWT_OK;
}

static int
check_sub(struct json_object *v, struct jwt_claims *out)
{
	const char	*s;
	size_t		 i, n;

	if (!json_object_is_type(v, json_type_string))
		return -1;
	s = json_object_get_string(v);
	n = strlen(s);
	if (n == 0 || n > JWT_SUB_MAX ||
	    n != (size_t)json_object_get_string_len(v))
		return -1;
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return -1;
	memcpy(out->sub, s, n + 1);
	return 0;
}

static int
check_claims(const char *part, size_t len, int64_t now, const char *aud,
    const char *iss, struct jwt_claims *out, char *err, size_t errlen)
{
	struct json_object	*c, *v;
	unsigned char		*raw;
	size_t			 rawlen;
	int			 rc = JWT_OK;

	if ((raw = b64_decode(part, len, &rawlen)) == NULL)
		return fail(JWT_E_MALFORMED, err, errlen, "malformed token "
		    "claims (base64url)");
	c = parse_object(raw, rawlen);
	free(raw);
	if (c == NULL)
		return fail(JWT_E_MALFORMED, err, errlen, "malformed token "
		    "claims (not a JSON object)");

	if (!json_object_object_get_ex(c, "exp", &v))
		rc = fail(JWT_E_CLAIMS, err, errlen, "token has no exp claim");
	else if (numeric_date(v, &out->exp) == -1)
		rc = fail(JWT_E_CLAIMS, err, errlen, "token exp is not a "
		    "number");
	else if (out->exp < now - JWT_LEEWAY)
		rc = fail(JWT_E_EXPIRED, err, errlen, "token expired");
	if (rc != JWT_OK)
		goto done;
	if (json_object_object_get_ex(c, "nbf", &v)) {
		if (numeric_date(v, &out->nbf) == -1)
			rc = fail(JWT_E_CLAIMS, err, errlen, "token nbf is not "
			    "a number");
		else if (out->nbf > now + JWT_LEEWAY)
			rc = fail(JWT_E_NBF, err, errlen, "token not valid "
			    "yet (nbf)");
		if (rc != JWT_OK)
			goto done;
	}
	if (json_object_object_get_ex(c, "iat", &v) &&
	    numeric_date(v, &out->iat) == -1) {
		rc = fail(JWT_E_CLAIMS, err, errlen, "token iat is not a "
		    "number");
		goto done;
	}
	if (aud != NULL && aud[0] != '\0' &&
	    (!json_object_object_get_ex(c, "aud", &v) || !aud_match(v, aud))) {
		rc = fail(JWT_E_AUD, err, errlen, "token audience does not "
		    "match");
		goto done;
	}
	if (iss != NULL && iss[0] != '\0' &&
	    (!json_object_object_get_ex(c, "iss", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    strcmp(json_object_get_string(v), iss) != 0)) {
		rc = fail(JWT_E_ISS, err, errlen, "token issuer does not "
		    "match");
		goto done;
	}
	if (!json_object_object_get_ex(c, "sub", &v) || check_sub(v, out) ==
	    -1)
		rc = fail(JWT_E_CLAIMS, err, errlen, "token sub claim missing "
		    "or not 1-64 printable characters");
 done:
	json_object_put(c);
	return rc;
}

int
jwt_verify(const char *tok, size_t len, const void *key, size_t keylen,
    int64_t now, const char *aud, const char *iss, struct jwt_claims *claims,
    char *err, size_t errlen)
{
	struct jwt_claims	 tmp;
	size_t			 off[3], plen[3];
	int			 rc;

	if (claims == NULL)
		claims = &tmp;
	memset(claims, 0, sizeof(*claims));
	if (tok == NULL || len > JWT_MAX_LEN)
		return fail(JWT_E_MALFORMED, err, errlen, "token too long");
	if (split(tok, len, off, plen) == -1)
		return fail(JWT_E_MALFORMED, err, errlen, "malformed token "
		    "(not three base64url parts)");
	if ((rc = check_header(tok + off[0], plen[0], err, errlen)) != JWT_OK)
		return rc;
	if (key == NULL || keylen == 0)
		return fail(JWT_E_INTERNAL, err, errlen, "no key");
	if ((rc = check_sig(tok, plen[0] + 1 + plen[1], tok + off[2],
	    plen[2], key, keylen, err, errlen)) != JWT_OK)
		return rc;
	rc = check_claims(tok + off[1], plen[1], now, aud, iss, claims, err,
	    errlen);
	if (rc != JWT_OK)
		memset(claims, 0, sizeof(*claims));
	return rc;
}

const char *
jwt_code(int rc)
{
	switch (rc) {
	case JWT_OK:
		return "ok";
	case JWT_E_MALFORMED:
		return "malformed";
	case JWT_E_ALG:
		return "bad_algorithm";
	case JWT_E_SIG:
		return "bad_signature";
	case JWT_E_EXPIRED:
		return "expired";
	case JWT_E_NBF:
		return "not_yet_valid";
	case JWT_E_AUD:
		return "bad_audience";
	case JWT_E_ISS:
		return "bad_issuer";
	case JWT_E_CLAIMS:
		return "bad_claims";
	}
	return "internal";
}
