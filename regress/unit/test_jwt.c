/*
 * lib/jwt: HS256 verification, every check and its reason.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jwt.h"
#include "../tap.h"

#define NOW	1700000000LL

static const char key[] = "0123456789abcdef0123456789abcdef-test-key";

static void
b64(char *out, size_t outlen, const void *in, size_t len)
{
	sodium_bin2base64(out, outlen, in, len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* header.claims.signature, signed with k (NULL: use sig as is). */
static char *
make(const char *header, const char *claims, const char *k,
    const char *sig)
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];
	char				*t, *p;
	size_t				 hl = strlen(header), cl = strlen(claims);
	size_t				 len = (hl + cl) * 2 + 200;

	if ((t = malloc(len)) == NULL)
		abort();
	b64(t, len, header, hl);
	p = t + strlen(t);
	*p++ = '.';
	b64(p, len - (size_t)(p - t), claims, cl);
	if (sig != NULL) {
		strlcat(t, ".", len);
		strlcat(t, sig, len);
		return t;
	}
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)k, strlen(k));
	crypto_auth_hmacsha256_update(&st, (unsigned char *)t, strlen(t));
	crypto_auth_hmacsha256_final(&st, mac);
	p = t + strlen(t);
	*p++ = '.';
	b64(p, len - (size_t)(p - t), mac, sizeof(mac));
	return t;
}

static int
verify(const char *t, const char *aud, const char *iss,
    struct jwt_claims *c, char *err, size_t errlen)
{
	return jwt_verify(t, strlen(t), key, strlen(key), NOW, aud, iss, c,
	    err, errlen);
}

#define HS256	"{\"alg\":\"HS256\",\"typ\":\"JWT\"}"

static void
expect(const char *name, const char *header, const char *claims,
    const char *aud, const char *iss, int want, const char *why)
{
	struct jwt_claims	 c;
	char			 err[256], *t;
	int			 rc;

	t = make(header, claims, key, NULL);
	err[0] = '\0';
	rc = verify(t, aud, iss, &c, err, sizeof(err));
	tap_ok(rc == want && (why == NULL || strstr(err, why) != NULL),
	    "%s: %s (%d, %s)", name, jwt_code(want), rc, err);
	free(t);
}

int
main(void)
{
	struct jwt_claims	 c;
	char			 err[256], *t, *big, claims[512];
	size_t			 i;
	int			 rc;

	if (sodium_init() == -1)
		return 1;

	/* A good token. */
	snprintf(claims, sizeof(claims), "{\"sub\":\"alice\",\"exp\":%lld,"
	    "\"iat\":%lld,\"aud\":\"harness\",\"iss\":\"idp\"}", NOW + 60,
	    NOW);
	t = make(HS256, claims, key, NULL);
	rc = verify(t, "harness", "idp", &c, err, sizeof(err));
	tap_ok(rc == JWT_OK && strcmp(c.sub, "alice") == 0 &&
	    c.exp == NOW + 60 && c.iat == NOW, "good token verifies (%s)",
	    rc == JWT_OK ? "ok" : err);
	tap_ok(jwt_shape(t, strlen(t)), "good token has the JWT shape");
	rc = verify(t, NULL, NULL, NULL, err, sizeof(err));
	tap_ok(rc == JWT_OK, "no audience or issuer configured: accepted");

	/* Tampering: one byte of the claims, the signature, another key. */
	t[strlen(t) - 2] = t[strlen(t) - 2] == 'A' ? 'B' : 'A';
	rc = verify(t, "harness", "idp", &c, err, sizeof(err));
	tap_ok(rc == JWT_E_SIG && strcmp(err, "bad signature") == 0 &&
	    c.sub[0] == '\0', "changed signature: bad signature");
	free(t);
	t = make(HS256, claims, "another key", NULL);
	rc = verify(t, "harness", "idp", &c, err, sizeof(err));
	tap_ok(rc == JWT_E_SIG, "signed with another key: bad signature");
	free(t);
	t = make(HS256, claims, key, NULL);
	*strchr(strchr(t, '.') + 1, '.') = '\0';	/* cut the signature */
	tap_ok(verify(t, NULL, NULL, NULL, err, sizeof(err)) ==
	    JWT_E_MALFORMED && !jwt_shape(t, strlen(t)),
	    "two parts: malformed");
	free(t);
	t = make(HS256, claims, NULL, "AAAA");
	tap_ok(verify(t, NULL, NULL, NULL, err, sizeof(err)) == JWT_E_SIG,
	    "short signature: bad signature");
	free(t);

	/* Algorithms. */
	t = make("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims, NULL, "x");
	rc = verify(t, NULL, NULL, NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_ALG && strstr(err, "only HS256") != NULL,
	    "alg none: refused (%s)", err);
	free(t);
	/* As an unsigned token is sent: for its algorithm, not its shape. */
	t = make("{\"alg\":\"none\"}", claims, NULL, "");
	rc = verify(t, NULL, NULL, NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_ALG && jwt_shape(t, strlen(t)) &&
	    strcmp(err, "token algorithm none not accepted (only HS256)") ==
	    0 && strcmp(jwt_code(rc), "bad_algorithm") == 0,
	    "alg none with an empty signature: refused for its algorithm "
	    "(%s)", err);
	free(t);
	t = make(HS256, claims, NULL, "");
	rc = verify(t, NULL, NULL, NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_SIG && strcmp(err, "token has no signature") == 0,
	    "HS256 with an empty signature: no signature (%s)", err);
	free(t);
	expect("alg of another shape", "{\"alg\":\"x y\"}", claims, NULL,
	    NULL, JWT_E_ALG, "token algorithm not accepted (only HS256)");
	tap_ok(!jwt_shape("a.b.c.", 6) && !jwt_shape("a..c", 4) &&
	    !jwt_shape(".b.c", 4) && !jwt_shape("a.b", 3) &&
	    jwt_shape("a.b.", 4) && jwt_shape("a.b.c", 5),
	    "shape: only the signature may be empty");
	expect("alg HS512", "{\"alg\":\"HS512\"}", claims, NULL, NULL,
	    JWT_E_ALG, "only HS256");
	expect("alg hs256 (case)", "{\"alg\":\"hs256\"}", claims, NULL, NULL,
	    JWT_E_ALG, NULL);
	expect("no alg", "{\"typ\":\"JWT\"}", claims, NULL, NULL, JWT_E_ALG,
	    "no alg");
	expect("crit", "{\"alg\":\"HS256\",\"crit\":[\"b64\"]}", claims,
	    NULL, NULL, JWT_E_ALG, "crit");
	expect("header not an object", "[\"HS256\"]", claims, NULL, NULL,
	    JWT_E_MALFORMED, NULL);
	expect("header with trailing bytes", HS256 "x", claims, NULL, NULL,
	    JWT_E_MALFORMED, NULL);

	/* Time. */
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld}",
	    NOW - 31);
	expect("expired", HS256, claims, NULL, NULL, JWT_E_EXPIRED,
	    "token expired");
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld}",
	    NOW - 30);
	expect("expired within the leeway", HS256, claims, NULL, NULL,
	    JWT_OK, NULL);
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld.5}",
	    NOW + 10);
	expect("fractional exp", HS256, claims, NULL, NULL, JWT_OK, NULL);
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld,"
	    "\"nbf\":%lld}", NOW + 600, NOW + 31);
	expect("nbf in the future", HS256, claims, NULL, NULL, JWT_E_NBF,
	    "not valid yet");
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld,"
	    "\"nbf\":%lld}", NOW + 600, NOW + 30);
	expect("nbf within the leeway", HS256, claims, NULL, NULL, JWT_OK,
	    NULL);
	expect("missing exp", HS256, "{\"sub\":\"a\"}", NULL, NULL,
	    JWT_E_CLAIMS, "no exp");
	expect("exp a string", HS256, "{\"sub\":\"a\",\"exp\":\"9999999999\"}",
	    NULL, NULL, JWT_E_CLAIMS, "not a number");
	expect("exp hugely negative", HS256,
	    "{\"sub\":\"a\",\"exp\":-9223372036854775808}", NULL, NULL,
	    JWT_E_EXPIRED, NULL);

	/* Audience and issuer. */
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld,"
	    "\"aud\":\"other\",\"iss\":\"idp\"}", NOW + 60);
	expect("wrong aud", HS256, claims, "harness", NULL, JWT_E_AUD,
	    "audience");
	expect("wrong iss", HS256, claims, NULL, "evil", JWT_E_ISS,
	    "issuer");
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld,"
	    "\"aud\":[\"x\",\"harness\"]}", NOW + 60);
	expect("aud array containing ours", HS256, claims, "harness", NULL,
	    JWT_OK, NULL);
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld,"
	    "\"aud\":[\"x\",1]}", NOW + 60);
	expect("aud array without ours", HS256, claims, "harness", NULL,
	    JWT_E_AUD, NULL);
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld}",
	    NOW + 60);
	expect("no aud when one is required", HS256, claims, "harness", NULL,
	    JWT_E_AUD, NULL);

	/* sub. */
	snprintf(claims, sizeof(claims), "{\"exp\":%lld}", NOW + 60);
	expect("no sub", HS256, claims, NULL, NULL, JWT_E_CLAIMS, "sub");
	snprintf(claims, sizeof(claims), "{\"sub\":\"a b\",\"exp\":%lld}",
	    NOW + 60);
	expect("sub with a space", HS256, claims, NULL, NULL, JWT_E_CLAIMS,
	    NULL);
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\\u0000b\",\"exp\":"
	    "%lld}", NOW + 60);
	expect("sub with a NUL", HS256, claims, NULL, NULL, JWT_E_CLAIMS,
	    NULL);
	expect("claims not an object", HS256, "[1]", NULL, NULL,
	    JWT_E_MALFORMED, NULL);

	/* Malformed encodings and sizes. */
	rc = jwt_verify("a+b.c/d.e=f", 11, key, strlen(key), NOW, NULL, NULL,
	    NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_MALFORMED, "base64 (not base64url) characters: "
	    "malformed");
	t = make(HS256, "{}", key, NULL);
	t[0] = '.';
	tap_ok(verify(t, NULL, NULL, NULL, err, sizeof(err)) ==
	    JWT_E_MALFORMED, "empty header part: malformed");
	free(t);
	rc = jwt_verify("abcde.abcde.abcde", 17, key, strlen(key), NOW, NULL,
	    NULL, NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_MALFORMED, "impossible base64 length: malformed");
	rc = jwt_verify("a.b.c.d", 7, key, strlen(key), NOW, NULL, NULL,
	    NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_MALFORMED, "four parts: malformed");
	if ((big = malloc(JWT_MAX_LEN * 2)) == NULL)
		return 1;
	for (i = 0; i < JWT_MAX_LEN * 2 - 1; i++)
		big[i] = i % 100 == 50 && i < 200 ? '.' : 'A';
	big[i] = '\0';
	rc = jwt_verify(big, strlen(big), key, strlen(key), NOW, NULL, NULL,
	    NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_MALFORMED && strstr(err, "too long") != NULL,
	    "huge token: refused by size (%s)", err);
	free(big);
	snprintf(claims, sizeof(claims), "{\"sub\":\"a\",\"exp\":%lld}",
	    NOW + 60);
	t = make(HS256, claims, key, NULL);
	rc = jwt_verify(t, strlen(t), "", 0, NOW, NULL, NULL, NULL, err,
	    sizeof(err));
	tap_ok(rc == JWT_E_INTERNAL, "empty key: refused");
	rc = jwt_verify(t, strlen(t) - 1, key, strlen(key), NOW, NULL, NULL,
	    NULL, err, sizeof(err));
	tap_ok(rc == JWT_E_SIG || rc == JWT_E_MALFORMED,
	    "length honoured (last byte cut off)");
	free(t);
	/* Without a key, the shape and header are checked all the same. */
	t = make(HS256, claims, key, NULL);
	rc = jwt_verify(t, strlen(t), NULL, 0, NOW, NULL, NULL, NULL, err,
	    sizeof(err));
	tap_ok(rc == JWT_E_INTERNAL && strcmp(err, "no key") == 0,
	    "no key: a good header passes, then no key (%s)", err);
	free(t);
	t = make("{\"alg\":\"none\"}", claims, NULL, "");
	rc = jwt_verify(t, strlen(t), NULL, 0, NOW, NULL, NULL, NULL, err,
	    sizeof(err));
	tap_ok(rc == JWT_E_ALG, "no key: alg none is refused all the same "
	    "(%s)", err);
	free(t);
	tap_ok(strcmp(jwt_code(JWT_E_EXPIRED), "expired") == 0 &&
	    strcmp(jwt_code(JWT_E_SIG), "bad_signature") == 0,
	    "jwt_code names");
	return tap_done();
}
