/*
 * fuzz_hitl: every hitl payload decoder on hostile bytes.  A decoder
 * must refuse or accept without reading out of bounds or leaking; a
 * request it accepts must encode back to the very same bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hitlc.h"
#include "wire.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hitl_req		 r;
	struct hitl_verdict	 v;
	struct hitl_item	 it;
	struct hitl_decided	 d;
	struct rbuf		 rb;
	static struct wbuf	 wb;

	wire_rinit(&rb, data, size);
	if (hitl_req_decode(&rb, &r) == 0) {
		wire_init(&wb);
		hitl_req_encode(&wb, &r);
		/* Optional fields: "" decodes as NULL, same bytes. */
		if (wire_ok(&wb) == -1 || wb.len != size ||
		    memcmp(wb.buf, data, size) != 0)
			abort();
		hitl_req_free(&r);
	}
	wire_rinit(&rb, data, size);
	(void)hitl_verdict_decode(&rb, &v);
	wire_rinit(&rb, data, size);
	if (hitl_item_decode(&rb, &it) == 0)
		hitl_item_free(&it);
	wire_rinit(&rb, data, size);
	(void)hitl_decided_decode(&rb, &d);
	return 0;
}
