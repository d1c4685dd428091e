/*
 * fuzz_bundle.h: a fuzz input as harness.conf in a conf bundle (one
 * file, "fuzz.conf"), which conf_load_bundle() reads without touching
 * the file system.  For fuzz_conf and fuzz_riskconf.
 */
#ifndef FUZZ_BUNDLE_H
#define FUZZ_BUNDLE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

/* The configuration data (size bytes) parses to, or NULL. */
static inline struct harness_conf *
fuzz_bundle_load(const uint8_t *data, size_t size, char *err, size_t errlen)
{
	struct harness_conf	*c;
	unsigned char		*b;
	uint32_t		 n32 = 9, d32 = (uint32_t)size;
	size_t			 len = 4 + 1 + 4 + 9 + 4 + size;

	if ((b = malloc(len)) == NULL)
		return NULL;
	memcpy(b, "HCB1", 4);
	b[4] = 0;
	memcpy(b + 5, &n32, 4);
	memcpy(b + 9, "fuzz.conf", 9);
	memcpy(b + 18, &d32, 4);
	memcpy(b + 22, data, size);
	c = conf_load_bundle(b, len, err, errlen);
	free(b);
	return c;
}

#endif /* FUZZ_BUNDLE_H */
