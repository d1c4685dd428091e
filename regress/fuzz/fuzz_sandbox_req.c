/*
 * Fuzz the sandbox request and result decoders: whatever the bytes,
 * decode either fails cleanly or gives a request that encodes again.
 */
#include <stddef.h>
#include <stdint.h>

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

	if (sandbox_req_decode(data, len, &req, err, sizeof(err)) == 0)
		(void)sandbox_req_encode(&req, &wb, err, sizeof(err));
	sandbox_req_free(&req);
	(void)sandbox_result_decode(data, len, &res);
	return 0;
}
