/*
 * jwt: verification of JSON Web Tokens (RFC 7519) signed with
 * HMAC-SHA256 (JWS "HS256", RFC 7515), the only algorithm accepted.
 *
 * A token is three base64url parts (no padding) joined by '.': header,
 * claims, signature.  jwt_verify() checks, in this order, and stops at
 * the first failure with its JWT_E_* code and a short reason:
 *	shape		length, three parts, base64url alphabet; the
 *			signature may be empty, so that an unsigned token
 *			("alg":"none") is refused for its algorithm
 *	header		a JSON object whose "alg" is exactly "HS256"; "typ",
 *			if present, "JWT"; no "crit" (no extension is
 *			understood)
 *	signature	HMAC-SHA256 of "header.claims" under the key,
 *			compared in constant time; nothing in the claims is
 *			looked at before this passes
 *	claims		a JSON object with a numeric "exp" (required), now
 *			<= exp + JWT_LEEWAY; a numeric "nbf", if present,
 *			now >= nbf - JWT_LEEWAY; "aud" (string or array of
 *			strings) containing aud when aud is not NULL/empty;
 *			"iss" equal to iss when iss is not NULL/empty; a
 *			"sub" of 1 to JWT_SUB_MAX printable ASCII bytes
 *			(the identity the token stands for)
 */
#ifndef HARNESS_JWT_H
#define HARNESS_JWT_H

#include <stddef.h>
#include <stdint.h>

#define JWT_MAX_LEN	8192	/* bytes of a whole token */
#define JWT_LEEWAY	30	/* seconds of clock skew allowed */
#define JWT_SUB_MAX	64

/*
 * The key comes from vaultd: harnessd fetches the secret named by its
 * "jwt secret" under this pseudo-tool, which vaultd grants exactly that
 * one secret.  Session of the fetch: JWT_VAULT_SESSION.
 */
#define JWT_VAULT_TOOL		"@jwt"
#define JWT_VAULT_SESSION	"gateway"

#define JWT_OK		 0
#define JWT_E_MALFORMED	-1	/* not a well-formed token */
#define JWT_E_ALG	-2	/* alg is not HS256, or crit present */
#define JWT_E_SIG	-3	/* bad signature */
#define JWT_E_EXPIRED	-4
#define JWT_E_NBF	-5	/* not valid yet */
#define JWT_E_AUD	-6
#define JWT_E_ISS	-7
#define JWT_E_CLAIMS	-8	/* missing exp, bad sub, bad claim types */
#define JWT_E_INTERNAL	-9	/* out of memory */

struct jwt_claims {
	char		 sub[JWT_SUB_MAX + 1];
	int64_t		 exp;
	int64_t		 nbf;		/* 0 if absent */
	int64_t		 iat;		/* 0 if absent */
};

/* Does it look like a JWT (three base64url parts, the last maybe empty)? */
int	 jwt_shape(const char *, size_t);
/*
 * Verify token (len bytes, need not be NUL-terminated) with key at time
 * now.  JWT_OK with *claims filled (may be NULL), or a JWT_E_* code and
 * the reason in err ("token expired", "bad signature", ...), which never
 * quotes the token.  Without a key (NULL), the shape and the header are
 * checked all the same: JWT_E_INTERNAL ("no key") if they pass.
 */
int	 jwt_verify(const char *, size_t, const void *, size_t, int64_t,
	    const char *, const char *, struct jwt_claims *, char *, size_t);
/* "expired", "bad_signature", ...: a short code for a JWT_E_* value. */
const char *jwt_code(int);

#endif /* HARNESS_JWT_H */
