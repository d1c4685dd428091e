/*
 * gateway <-> engine messages (harnessd's range, 500-599).
 */
#ifndef GW_PROTO_H
#define GW_PROTO_H

#include "proto.h"

enum gw_imsg {
	/*
	 * gateway -> engine, peerid = connection id:
	 * str method, str path, str query, str identity ("uid:N" or
	 * "key:NAME"), u32 nallowed + str tool..., u32 bodylen, and the
	 * body inline (fd -1) or in a memfd when it does not fit.
	 */
	IMSG_GW_REQUEST = IMSG_HARNESS_BASE + 1,
	/*
	 * engine -> gateway, peerid = connection id: u32 status,
	 * str content type, u32 bodylen, body inline or in a memfd.
	 */
	IMSG_GW_REPLY,
	/* engine -> gateway: str event, str data (one SSE event). */
	IMSG_GW_EVENT,
	/* engine -> gateway: the stream of events is over. */
	IMSG_GW_END,
	/*
	 * gateway -> engine, peerid = connection id: u32 why
	 * (GW_CANCEL_*), the request's call is cancelled.
	 */
	IMSG_GW_CANCEL,
	/*
	 * engine -> gateway, peerid 0: str counter, str label; one more
	 * for /metrics.  Counters: "sandbox_runs" labelled by result
	 * reason (exited, timeout, ..., refused), "approvals" labelled by
	 * decision (allow, deny, timeout, session, error).
	 */
	IMSG_GW_COUNT,
	/*
	 * gateway -> engine, peerid 0: u32 sequence.  The gateway asks
	 * every second, one at a time, whether the engine still answers;
	 * /v1/health reports what it saw.
	 */
	IMSG_GW_PING,
	/* engine -> gateway, peerid 0: the same u32 sequence. */
	IMSG_GW_PONG,
};

/* Why IMSG_GW_CANCEL: the client went away, or harnessd stops. */
#define GW_CANCEL_GONE		0
#define GW_CANCEL_STOPPING	1

/* Inline bodies up to this size; larger ones travel in a memfd. */
#define GW_INLINE_MAX	12288

/* The longest path and query of a request (struct gw_req holds them). */
#define GW_PATH_MAX	1023
#define GW_QUERY_MAX	1023

#endif /* GW_PROTO_H */
