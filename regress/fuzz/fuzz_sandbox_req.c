/*
 * Fuzz the sandbox request and result decoders: whatever the bytes,
 * decode either fails cleanly or gives a request that packs again to
 * the very same bytes (the listener hands the spawner its own
 * encoding of what it decoded: it must fit wherever the input did).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sandboxc.h"
#include "wire.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct sandbox_req	 req;
	struct sandbox_result	 res;
	struct wbuf		 wb;
	char			 err[256];

	if (sandbox_req_decode(data, len, &req, err, sizeof(err)) == 0) {
		if (sandbox_req_pack(&req, &wb, NULL, err, sizeof(err)) ==
		    -1 || wb.len != len || memcmp(wire_data(&wb), data,
		    len) != 0)
			abort();
		wire_free(&wb);
	}
	sandbox_req_free(&req);
	(void)sandbox_result_decode(data, len, &res);
	return 0;
}
