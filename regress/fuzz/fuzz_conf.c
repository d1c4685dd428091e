/*
 * Fuzz the harness.conf parser: the input is one configuration file,
 * wrapped in a bundle so no file system is touched.
 */
#include <stdint.h>

#include "conf.h"
#include "fuzz_bundle.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 err[4096];

	if (size > 64 * 1024)
		return 0;
	conf_free(fuzz_bundle_load(data, size, err, sizeof(err)));
	return 0;
}
