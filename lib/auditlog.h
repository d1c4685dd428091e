/*
 * auditlog: the append-only, hash-chained, forward-securely sealed audit
 * store behind auditd(8) and "harnessctl audit verify/show".
 *
 * Storage.  One SQLite database (AUDITLOG_DB) in WAL mode with
 * synchronous=FULL, in a log directory that also holds the key files.
 * One writer (auditd) appends records in group commits: a batch is one
 * transaction, and when auditlog_append() returns 0 every record of the
 * batch is durable.  The writer never updates or deletes a row; triggers
 * refuse it too, which catches bugs, not attackers.  Readers (harnessctl,
 * or a copy of the file on another host) open the database read-only.
 *
 * Records.  seq is 1-based and contiguous.  time is int64 NANOSECONDS
 * since the Unix epoch (UTC).  type is 1..64 characters of [a-z0-9_-]
 * in dot-separated non-empty components ("gateway.auth.fail").  source
 * is 1..64 characters of [A-Za-z0-9_.:/-] ("harnessd/gateway").  session
 * and actor are 0..256 bytes without control characters.  body is a JSON
 * object of at most AUDITLOG_BODY_MAX bytes; it is stored in canonical
 * form: strict RFC 8259 parse (json-c), no duplicate keys, then
 * re-serialised with object keys sorted by byte value, no whitespace,
 * strings escaped only where JSON requires it (\" \\ \b \f \n \r \t and
 * \u00xx for other control characters; everything else raw UTF-8),
 * integers (which must fit int64 or uint64) in plain decimal, other
 * numbers as the shortest digit string that reads back to the same
 * double, written like ECMAScript's Number-to-String (plain decimal for
 * 1e-6 <= |x| < 1e21 with ".0" if there is no fraction, else d.ddde+X).
 * Secret values never belong in a record: store auditlog_hmac_value() of
 * them instead.
 *
 * Canonical encoding (all integers big-endian, fixed width; a "str" is a
 * uint32 byte length followed by the bytes, no NUL):
 *
 *   R = u32 version (1) || u64 seq || i64 time || str source || str type
 *       || str session || str actor || i64 uid || i64 pid || str body
 *   hash(seq) = SHA-256(prev_hash || R)
 *
 * prev_hash of record 1 is 32 zero bytes (a future rotation would put the
 * hash of the previous file's last record there instead); prev_hash of
 * record n is hash(n - 1).  The "head" at seq n is hash(n); at seq 0 it
 * is 32 zero bytes.
 *
 * Forward-secure sealing.  At creation a random 32-byte key K_0 is drawn.
 * It is written once to AUDITLOG_VERIFYFILE (hex, 0600; owned by root,
 * 0400, when auditd's parent makes it with auditlog_keys_prepare()) for
 * the administrator to move off the host, and handed back to the caller
 * of auditlog_open().  The running key K_e and its epoch e live in
 * AUDITLOG_KEYFILE (0600, replaced by write-temp/fsync/rename/fsync-dir).
 * auditlog_seal() writes a seal row for epoch e:
 *
 *   S = u32 version (1) || u64 epoch || u64 seq || head[32] || i64 time
 *   mac = HMAC-SHA256(K_e, S)
 *
 * and, once that row is durable, evolves the key:
 *
 *   K_{e+1} = SHA-256("harness-audit-fss" || K_e)   (17-byte tag, no NUL)
 *
 * stores K_{e+1} and wipes K_e.  Epochs therefore start at 0 and are
 * contiguous; a crash between the seal commit and the key update is
 * repaired at the next open by evolving the key past the last stored
 * epoch.  Whoever steals the running key at epoch e can forge seals for
 * epochs >= e only: everything sealed before the theft stays provable.
 * The verifier derives K_n from K_0 by n evolutions.
 *
 * A separate random per-log key (AUDITLOG_HMACFILE, 0600) keys
 * auditlog_hmac_value() fingerprints of secrets.
 *
 * Files: AUDITLOG_KEYFILE is 48 bytes, "HAUDITK1" || u64 epoch || K_e;
 * AUDITLOG_HMACFILE is the 32 raw key bytes; AUDITLOG_VERIFYFILE is K_0
 * as 64 lowercase hex digits and a newline.  The writer refuses its key
 * files if they are group- or world-accessible.
 *
 * Verification walks records in seq order and seals in epoch order
 * together.  Reported, first problem first: a hole in seq ("records A-B
 * missing"); a record whose prev_hash or hash does not match ("record N:
 * hash mismatch"); a seal whose epoch breaks the 0, 1, 2, ... sequence,
 * whose seq goes backwards, whose MAC fails or whose head differs from
 * the recomputed hash at its seq ("head signature invalid"); a seal past
 * the last record ("chain truncated after record N").  Records after the
 * last seal cannot be told from forgeries by an attacker holding the
 * running key; their number is returned as "unsealed".
 *
 * Threads.  A handle may be used from any thread, but from one at a
 * time: the caller serialises (SQLite runs without its own mutexes).
 *
 * Errors.  Functions that can fail return -1 and write a message without
 * secrets into err (errlen bytes), unless said otherwise.  The library
 * never prints or exits.
 */
#ifndef HARNESS_AUDITLOG_H
#define HARNESS_AUDITLOG_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#define AUDITLOG_KEYLEN		32
#define AUDITLOG_HASHLEN	32
#define AUDITLOG_HEXLEN		64	/* hex digits of a key or hash */
#define AUDITLOG_BODY_MAX	15360	/* JSON body, bytes, in and out */
#define AUDITLOG_TYPE_MAX	64
#define AUDITLOG_SOURCE_MAX	64
#define AUDITLOG_STR_MAX	256	/* session, actor */
#define AUDITLOG_BATCH_MAX	4096	/* records per auditlog_append() */

#define AUDITLOG_DB		"audit.db"
#define AUDITLOG_KEYFILE	"audit.key"
#define AUDITLOG_HMACFILE	"audit.hmac.key"
#define AUDITLOG_VERIFYFILE	"audit.verify.key"
#define AUDITLOG_LOCKFILE	"audit.lock"

struct auditlog;

/*
 * One record.  On append the caller fills time (0: now), source, type,
 * session, actor, uid, pid and body; auditlog_append() fills seq,
 * prev_hash and hash.  Strings handed to a query callback point into the
 * database cursor and are valid only during the callback.
 */
struct auditlog_record {
	uint64_t	 seq;
	int64_t		 time;		/* ns since the epoch, UTC */
	const char	*source;
	const char	*type;
	const char	*session;	/* "" if none */
	const char	*actor;		/* "uid:0", "key:name", ... */
	int64_t		 uid;		/* peer uid, -1 if unknown */
	int64_t		 pid;		/* peer pid, -1 if unknown */
	const char	*body;		/* JSON object text */
	unsigned char	 prev_hash[AUDITLOG_HASHLEN];
	unsigned char	 hash[AUDITLOG_HASHLEN];
};

struct auditlog_status {
	uint64_t	 last_seq;	/* 0: empty */
	unsigned char	 head[AUDITLOG_HASHLEN];
	uint64_t	 epoch;		/* epoch of the running key */
	uint64_t	 sealed_seq;	/* seq covered by the last seal */
	int		 sealed;	/* a seal exists */
};

/*
 * Open (creating if needed) the log in directory dir for writing.  Takes
 * an exclusive lock: one writer per log.  If the log was created now,
 * *created is set to 1 and, if vkey is not NULL, K_0 is copied there for
 * the caller to show the administrator (wipe it afterwards).  Refuses a
 * log that has records but no running key.  NULL on error.
 */
struct auditlog	*auditlog_open(const char *dir,
		    unsigned char vkey[AUDITLOG_KEYLEN], int *created,
		    char *err, size_t errlen);
/* Open a database file read-only, for queries.  NULL on error. */
struct auditlog	*auditlog_open_reader(const char *dbpath, char *err,
		    size_t errlen);
void		 auditlog_close(struct auditlog *);

/*
 * Append n (1..AUDITLOG_BATCH_MAX) records in one durable transaction.
 * Every record is validated first; if one is bad nothing is written and
 * err names it ("record 3: ...", counting from 0 in the batch).  0 once
 * the batch is durable, seq/prev_hash/hash filled in.
 */
int		 auditlog_append(struct auditlog *, struct auditlog_record *,
		    size_t n, char *err, size_t errlen);
/*
 * The same for bodies that are auditlog_canon_json() output already
 * (auditd canonicalises on arrival, to refuse bad JSON at once): saves
 * parsing every body twice.  Bodies are only checked to be objects of
 * at most AUDITLOG_BODY_MAX bytes; anything else must not be passed.
 */
int		 auditlog_append_canon(struct auditlog *,
		    struct auditlog_record *, size_t n, char *err,
		    size_t errlen);

/*
 * Seal the current head with the running key and evolve the key.
 * 0 if a seal was written, 1 if there was nothing new to seal, -1 on
 * error.
 */
int		 auditlog_seal(struct auditlog *, char *err, size_t errlen);

/*
 * Copy what the WAL holds back into the database (a passive
 * checkpoint), so that the next write starts the WAL over from its
 * beginning: commits then overwrite blocks the file has already, whose
 * fdatasync is a data flush, instead of growing the file, whose
 * fdatasync is a journal commit too.  0 when everything was copied, 1
 * when a reader held some back, -1 on error.
 */
int		 auditlog_checkpoint(struct auditlog *, char *err,
		    size_t errlen);

int		 auditlog_status(struct auditlog *, struct auditlog_status *);

/*
 * Query.  Conditions that are set are ANDed: session equal, type
 * matching an fnmatch(3) glob, time >= since, seq > after_seq.  last > 0
 * keeps only the last N matching records; otherwise limit > 0 keeps the
 * first N.  Records come in ascending seq order.  The callback returns 0
 * to go on, anything else to stop; auditlog_query() returns that value,
 * 0 when all were delivered, or -1 on error.
 */
struct auditlog_filter {
	const char	*session;	/* NULL: any */
	const char	*type;		/* glob, NULL: any */
	int64_t		 since;		/* ns, 0: any */
	uint64_t	 after_seq;	/* 0: from the start */
	uint64_t	 last;		/* 0: no limit */
	uint64_t	 limit;		/* 0: no limit */
};
typedef int	(*auditlog_cb)(const struct auditlog_record *, void *);

int		 auditlog_query(struct auditlog *,
		    const struct auditlog_filter *, auditlog_cb, void *,
		    char *err, size_t errlen);
/* Records with seq > after_seq, at most max (0: all), in order. */
int		 auditlog_tail(struct auditlog *, uint64_t after_seq,
		    uint64_t max, auditlog_cb, void *, char *err,
		    size_t errlen);

/*
 * Verify a database file with K_0: recompute the chain and check every
 * seal, inside one read transaction (works on a live WAL database and on
 * an offline copy).  msg holds exactly one of:
 *   "ok: N records"
 *   "record N: hash mismatch"
 *   "records A-B missing"
 *   "head signature invalid"
 *   "chain truncated after record N"
 * for the first problem found, or "error: ..." if the file could not be
 * read.  Returns 0 if ok, -1 otherwise.
 */
enum auditlog_verdict {
	AUDITLOG_OK = 0,
	AUDITLOG_TAMPERED,
	AUDITLOG_ERROR
};
struct auditlog_verify_result {
	enum auditlog_verdict verdict;
	char		 msg[256];
	uint64_t	 records;	/* records read */
	uint64_t	 last_seq;
	uint64_t	 seals;		/* seals verified */
	uint64_t	 sealed_seq;	/* seq covered by the last good seal */
	uint64_t	 unsealed;	/* records after the last good seal */
	uint64_t	 bad_seq;	/* record where the problem is, or 0 */
	uint64_t	 key_epoch;	/* the running key's, when given */
};
int		 auditlog_verify(const char *dbpath,
		    const unsigned char key[AUDITLOG_KEYLEN],
		    struct auditlog_verify_result *);

/*
 * The running key (AUDITLOG_KEYFILE) as read by a verifier.  With it,
 * auditlog_verify_with() also fails when the log holds fewer seals than
 * the key's epoch ("head signature invalid": seals deleted and the
 * records after them re-chained) or when the key is not K_0 evolved
 * epoch times ("running key does not derive from the verification
 * key").  Read it before the database: seals only grow.  rk may be NULL.
 */
struct auditlog_runkey {
	uint64_t	 epoch;
	unsigned char	 key[AUDITLOG_KEYLEN];
};
int		 auditlog_runkey_load(const char *path,
		    struct auditlog_runkey *, char *err, size_t errlen);
int		 auditlog_verify_with(const char *dbpath,
		    const unsigned char key[AUDITLOG_KEYLEN],
		    const struct auditlog_runkey *,
		    struct auditlog_verify_result *);

/*
 * For auditd's parent, as root, before the writer starts: in dir (the
 * writer's directory), make a new log's keys with the verification key
 * owned by root, mode 0400, and the running and HMAC keys owned by
 * uid:gid, 0600; or, for an existing log, give a verification key still
 * lying there to root, 0400.  Either way the writer's user never reads
 * K_0.  *done is AUDITLOG_PREP_CREATED, AUDITLOG_PREP_CHOWNED or 0.  A
 * directory with a database but no running key is left alone for
 * auditlog_open() to judge.
 */
#define AUDITLOG_PREP_CREATED	1
#define AUDITLOG_PREP_CHOWNED	2
int		 auditlog_keys_prepare(const char *dir, uid_t, gid_t,
		    int *done, char *err, size_t errlen);

/*
 * One record as a line without newline, in a new allocation (free it),
 * NULL if out of memory.  Human: "TIME SEQ SOURCE TYPE SESSION ACTOR
 * BODY" with TIME in ISO-8601 UTC with nanoseconds, "-" for an empty
 * session or actor, control characters shown as \xNN.  AUDITLOG_FMT_JSON:
 * one JSON object per line.
 */
#define AUDITLOG_FMT_JSON	0x01
char		*auditlog_format(const struct auditlog_record *, int flags);

/* 0 if the string is a valid record type, else -1. */
int		 auditlog_check_type(const char *);
/* A session or actor a record may hold: 0, else -1. */
int		 auditlog_check_text(const char *);
/*
 * 1 if the type is one a producer may send: a daemon's (tool.call,
 * sandbox.exit, vault.secret.read, ...) or an administrator's own
 * ("admin." and more); else 0.  auditd refuses the others.
 */
int		 auditlog_type_known(const char *);

/*
 * Canonical form of a JSON object text of len bytes: *out is a new
 * NUL-terminated allocation of *outlen bytes (free it).  0 or -1.
 */
int		 auditlog_canon_json(const char *, size_t, char **out,
		    size_t *outlen, char *err, size_t errlen);
/* The same for text of other sizes than a record body: at most max
   bytes in and out. */
int		 auditlog_canon_json_max(const char *, size_t, size_t max,
		    char **out, size_t *outlen, char *err, size_t errlen);
/*
 * The strict scanner of record bodies, for other callers of json-c
 * (the gateway): 0 if the len bytes are exactly one JSON value by RFC
 * 8259, white space around it aside, with no invalid UTF-8, raw
 * control character, lone surrogate or NUL (\u0000) in an object key,
 * no number json-c would change (NaN and Infinity are no JSON; an
 * integer beyond 64 bits, a number beyond a double's range) and at most
 * maxdepth levels of nesting (0: 32).  *members (when not NULL) counts
 * the object members seen, which is more than a json-c tree holds when
 * a key was repeated.  -1 with "why at byte N" in err.
 */
int		 auditlog_json_check(const char *, size_t, int, size_t *,
		    char *, size_t);
/*
 * 1 and the byte where the second of two equal keys of one object
 * starts, in text auditlog_json_check() accepted; 0 if none is.
 */
int		 auditlog_json_dupkey(const char *, size_t, size_t *);
/*
 * Object members in a json-c tree, at every level: fewer than the
 * scanner's count when a key was repeated (json-c keeps the last).
 */
struct json_object;
size_t		 auditlog_json_members(struct json_object *);
/*
 * The same through a json-c tree: the reference the fast single-pass
 * path of auditlog_canon_json() must agree with (tests compare them).
 */
int		 auditlog_canon_json_ref(const char *, size_t, char **out,
		    size_t *outlen, char *err, size_t errlen);

/* hash(rec) with the given prev_hash, body taken as already canonical. */
void		 auditlog_hash_record(
		    const unsigned char prev[AUDITLOG_HASHLEN],
		    const struct auditlog_record *,
		    unsigned char out[AUDITLOG_HASHLEN]);
/* K_{n+1} from K_n, in place. */
void		 auditlog_key_evolve(unsigned char key[AUDITLOG_KEYLEN]);

/*
 * HMAC-SHA256(key, value) as 64 lowercase hex digits + NUL: a matchable
 * fingerprint of a secret.  auditlog_fingerprint() uses the log's own
 * HMAC key (writer handles only; -1 otherwise).
 */
void		 auditlog_hmac_value(const unsigned char key[AUDITLOG_KEYLEN],
		    const void *value, size_t len,
		    char hex[AUDITLOG_HEXLEN + 1]);
int		 auditlog_fingerprint(struct auditlog *, const void *value,
		    size_t len, char hex[AUDITLOG_HEXLEN + 1]);

/* Keys as hex text and back.  0 or -1. */
void		 auditlog_tohex(const unsigned char *, size_t, char *hex);
int		 auditlog_fromhex(const char *hex, unsigned char *, size_t);
/* Read a verification key file: 64 hex digits, optional newline. */
int		 auditlog_key_load(const char *path,
		    unsigned char key[AUDITLOG_KEYLEN], char *err,
		    size_t errlen);

#endif /* HARNESS_AUDITLOG_H */
