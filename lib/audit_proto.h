/*
 * Messages of the audit protocol (see proto.h for the ranges), spoken on
 * auditd's control socket by producers (lib/auditc.c) and harnessctl.
 * Payloads use lib/wire.h encoding (host byte order, str = u32 length +
 * bytes).  The imsg peerid of a request is the caller's request id and
 * comes back unchanged in its reply.
 */
#ifndef HARNESS_AUDIT_PROTO_H
#define HARNESS_AUDIT_PROTO_H

#include "proto.h"

enum audit_imsg {
	/*
	 * producer -> auditd: one event.
	 *   u32 flags (AUDIT_ACK) || i64 time (ns, 0: auditd's clock)
	 *   || str source || str type || str session || str actor
	 *   || str body (JSON object)
	 * Reply: IMSG_AUDIT_ACK once the transaction holding it is
	 * durable (only if AUDIT_ACK was set; with AUDIT_ACKV too, the
	 * ack may come inside an IMSG_AUDIT_ACKV instead), or
	 * IMSG_CTL_ERROR with the reason if it was refused or could not
	 * be written (always).
	 */
	IMSG_AUDIT_EVENT = IMSG_AUDIT_BASE + 1,
	/* auditd -> producer: u64 seq of the durable record. */
	IMSG_AUDIT_ACK,
	/* harnessctl -> auditd: no payload.  Reply IMSG_AUDIT_STATS. */
	IMSG_AUDIT_STATS,
	/* harnessctl -> auditd: seal now.  Reply IMSG_CTL_OK or error. */
	IMSG_AUDIT_SEAL,
	/*
	 * auditd -> producer: many acks in one message, for events sent
	 * with AUDIT_ACKV.  peerid 0.  Payload: u32 n (1..AUDIT_ACKV_MAX)
	 * || n runs of (u32 reqid || u64 seq || u32 count): the events
	 * with request ids reqid .. reqid + count - 1 (never wrapping
	 * through 0) are durable as records seq .. seq + count - 1.
	 * Events of one connection that one transaction holds are mostly
	 * one run, so a whole group commit is acked in a message or two.
	 */
	IMSG_AUDIT_ACKV,
	/*
	 * harnessctl -> auditd: no payload.  Reply IMSG_CTL_OK once every
	 * event auditd had received when the request came is durable
	 * (events nobody waits for otherwise wait up to WRITER_LAZY_MS),
	 * so that a reader of the log then sees them.  Root only.
	 */
	IMSG_AUDIT_SYNC,
};

/* IMSG_AUDIT_EVENT flags. */
#define AUDIT_ACK		0x0001	/* reply once durable */
#define AUDIT_ACKV		0x0002	/* sender reads IMSG_AUDIT_ACKV */
#define AUDIT_FLAGS_MASK	0x0003

#define AUDIT_ACKV_MAX		1000	/* runs in one IMSG_AUDIT_ACKV */

/*
 * IMSG_AUDIT_STATS reply: AUDIT_NSTATS u64 counters in this order, then
 * u64 last_seq, u64 epoch, u64 sealed_seq.
 */
enum audit_stat {
	AUDIT_ST_RECEIVED = 0,	/* event messages received */
	AUDIT_ST_WRITTEN,	/* records made durable */
	AUDIT_ST_ACKED,		/* acks sent */
	AUDIT_ST_TXNS,		/* append transactions (one fsync each) */
	AUDIT_ST_MAXBATCH,	/* largest transaction, records */
	AUDIT_ST_SEALS,		/* seals written */
	AUDIT_ST_MALFORMED,	/* payload did not decode */
	AUDIT_ST_OVERSIZE,	/* body over AUDITLOG_BODY_MAX */
	AUDIT_ST_BADJSON,	/* body not a valid JSON object */
	AUDIT_ST_BADTYPE,	/* type fails auditlog_check_type */
	AUDIT_ST_BADFIELD,	/* source, session, actor, time, flags */
	AUDIT_ST_DENIED,	/* peer may not do this */
	AUDIT_ST_WRITEFAIL,	/* events lost to a failed transaction */
	AUDIT_NSTATS
};

#define AUDIT_STAT_NAMES { "received", "written", "acked", "transactions", \
	"max_batch", "seals", "malformed", "oversize", "bad_json", \
	"bad_type", "bad_field", "denied", "write_failed" }

#endif
