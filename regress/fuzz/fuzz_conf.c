/*
 * Fuzz the harness.conf parser: the input is one configuration file,
 * wrapped in a bundle so no file system is touched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct harness_conf	*c;
	unsigned char		*b;
	uint32_t		 n32 = 9, d32;
	char			 err[4096];
	size_t			 len;

	if (size > 64 * 1024)
		return 0;
	len = 4 + 1 + 4 + 9 + 4 + size;
	if ((b = malloc(len)) == NULL)
		return 0;
	memcpy(b, "HCB1", 4);
	b[4] = 0;
	memcpy(b + 5, &n32, 4);
	memcpy(b + 9, "fuzz.conf", 9);
	d32 = (uint32_t)size;
	memcpy(b + 18, &d32, 4);
	memcpy(b + 22, data, size);
	c = conf_load_bundle(b, len, err, sizeof(err));
	conf_free(c);
	free(b);
	return 0;
}
