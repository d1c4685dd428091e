/*
 * Messages of the hitl protocol (see proto.h for the ranges).
 *
 * Requesters (the engine, through its parent; harnessctl as root) speak
 * on hitld's control socket; approvers on the approvers' socket (root
 * may use either).  Payloads are wire.h encodings done by lib/hitlc.c.
 *
 *   CLASSIFY   req -> d   a tool call (hitl_req); peerid is the caller's.
 *   PENDING    d -> req   it waits for a person: u32 id, u64 ms left.
 *   VERDICT    d -> req   the final answer (hitl_verdict), same peerid.
 *   SUBSCRIBE  app -> d   send every pending request, then each new one
 *                         (REQUEST) and each decision (DECIDED); the
 *                         pending ones end with IMSG_CTL_END.
 *   LIST       app -> d   the pending requests (REQUEST...), CTL_END.
 *   ANSWER     app -> d   u32 id, u8 HITL_ANSWER_*; CTL_OK or CTL_ERROR
 *                         (unknown id, or who decided it first).
 *   DECIDED    d -> app   hitl_decided: an id left the queue, and why.
 *   ENDSESSION req -> d   str session: forget its allow-for-session
 *                         grants; CTL_OK.
 *   CANCEL     req -> d   no payload: withdraw request peerid; a pending
 *                         one is decided (cancel) and not answered.
 */
#ifndef HARNESS_HITL_PROTO_H
#define HARNESS_HITL_PROTO_H

#include "proto.h"

#define IMSG_HITL_CLASSIFY	(IMSG_HITL_BASE + 1)
#define IMSG_HITL_PENDING	(IMSG_HITL_BASE + 2)
#define IMSG_HITL_VERDICT	(IMSG_HITL_BASE + 3)
#define IMSG_HITL_SUBSCRIBE	(IMSG_HITL_BASE + 4)
#define IMSG_HITL_LIST		(IMSG_HITL_BASE + 5)
#define IMSG_HITL_REQUEST	(IMSG_HITL_BASE + 6)
#define IMSG_HITL_ANSWER	(IMSG_HITL_BASE + 7)
#define IMSG_HITL_DECIDED	(IMSG_HITL_BASE + 8)
#define IMSG_HITL_ENDSESSION	(IMSG_HITL_BASE + 9)
#define IMSG_HITL_CANCEL	(IMSG_HITL_BASE + 10)	/* withdraw the
							   request peerid */

/* What an approver answers. */
#define HITL_ANSWER_ALLOW	0	/* allow once */
#define HITL_ANSWER_DENY	1
#define HITL_ANSWER_SESSION	2	/* allow this exact call for the
					   rest of its session */

/* How a verdict came about (hitl_verdict.how). */
#define HITL_HOW_POLICY		0	/* rules and policy, no person */
#define HITL_HOW_SESSION	1	/* an earlier allow-for-session */
#define HITL_HOW_APPROVER	2	/* a person answered */
#define HITL_HOW_TIMEOUT	3	/* nobody answered in time */
#define HITL_HOW_CANCEL		4	/* the requester went away or
					   withdrew it */
#define HITL_HOW_ERROR		5	/* hitld failed or was unreachable */

#endif
