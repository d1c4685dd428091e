/*
 * Fuzz lib/jwt: any bytes as a token, verified against a fixed key with
 * and without audience and issuer.  Nothing may crash; a token that
 * verifies must have the JWT shape and a sub of printable ASCII.
 *
 * Input: byte 0 picks the checks (bit 0: audience, bit 1: issuer), the
 * rest is the token.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "jwt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 key[] = "fuzz-key";
	static int		 init;
	struct jwt_claims	 c;
	char			 err[256];
	size_t			 i;
	int			 rc;

	if (!init) {
		if (sodium_init() == -1)
			abort();
		init = 1;
	}
	if (size < 1)
		return 0;
	rc = jwt_verify((const char *)data + 1, size - 1, key,
	    sizeof(key) - 1, 1700000000, data[0] & 1 ? "harness" : NULL,
	    data[0] & 2 ? "idp" : NULL, &c, err, sizeof(err));
	if (rc == JWT_OK) {
		if (!jwt_shape((const char *)data + 1, size - 1) ||
		    c.sub[0] == '\0')
			abort();
		for (i = 0; c.sub[i] != '\0'; i++)
			if (c.sub[i] <= ' ' || c.sub[i] > '~')
				abort();
	} else if (strlen(err) == 0 || strlen(err) >= sizeof(err))
		abort();
	(void)jwt_code(rc);
	return 0;
}
