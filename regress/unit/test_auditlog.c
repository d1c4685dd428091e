/*
 * test_auditlog: the audit store.  Append and verify, chain continuity
 * across reopen, forward-secure seals, every tamper case with the exact
 * message the acceptance tests grep, bad inputs, queries, formatting,
 * and a kill -9 crash test.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <sodium.h>
#include <sqlite3.h>

#include "auditlog.h"
#include "../tap.h"

static char	 top[256];	/* scratch directory for this run */
static int	 ndirs;

/* A fresh empty directory under top. */
static char *
newdir(char *buf, size_t len)
{
	snprintf(buf, len, "%s/d%d", top, ndirs++);
	if (mkdir(buf, 0700) == -1) {
		perror(buf);
		exit(1);
	}
	return buf;
}

static void
rmtree(const char *dir)
{
	char		 path[512];
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			rmtree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static char *
dbpath(const char *dir)
{
	static char	 buf[4][512];
	static int	 i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, AUDITLOG_DB);
	return buf[i];
}

static int
copyfile(const char *from, const char *to)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in, out, r = 0;

	if ((in = open(from, O_RDONLY)) == -1)
		return -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			r = -1;
	if (n < 0)
		r = -1;
	close(in);
	close(out);
	return r;
}

static size_t
readfile(const char *path, unsigned char *buf, size_t len)
{
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return 0;
	n = read(fd, buf, len);
	close(fd);
	return n < 0 ? 0 : (size_t)n;
}

/* Records */

static const char *sessions[] = { "s1", "s2", "" };
static const char *types[] = { "tool.call", "gateway.auth.fail",
    "gateway.auth.ok", "vault.secret.read" };
static char	 bodybuf[AUDITLOG_BATCH_MAX][64];
static int	 nmade;

static void
mkrec(struct auditlog_record *r, int i)
{
	memset(r, 0, sizeof(*r));
	r->time = 1700000000000000000LL + (int64_t)nmade * 1000;
	r->source = "harnessd/gateway";
	r->type = types[nmade % 4];
	r->session = sessions[nmade % 3];
	r->actor = "uid:0";
	r->uid = 0;
	r->pid = 1000 + nmade;
	snprintf(bodybuf[i], sizeof(bodybuf[i]),
	    "{ \"n\": %d, \"ok\": true }", nmade);
	r->body = bodybuf[i];
	nmade++;
}

static int
append_n(struct auditlog *log, int n)
{
	struct auditlog_record	 recs[64];
	char			 err[256];
	int			 i;

	if (n > 64)
		return -1;
	for (i = 0; i < n; i++)
		mkrec(&recs[i], i);
	if (auditlog_append(log, recs, n, err, sizeof(err)) == -1) {
		TAP_DIAG("append: %s", err);
		return -1;
	}
	return 0;
}

static struct auditlog *
openlog(const char *dir, unsigned char *vkey, int *created)
{
	struct auditlog	*log;
	char		 err[256];

	if ((log = auditlog_open(dir, vkey, created, err, sizeof(err)))
	    == NULL)
		TAP_DIAG("open %s: %s", dir, err);
	return log;
}

static const char *
verify(const char *dir, const unsigned char *key,
    struct auditlog_verify_result *res)
{
	static struct auditlog_verify_result	 r0;

	if (res == NULL)
		res = &r0;
	auditlog_verify(dbpath(dir), key, res);
	return res->msg;
}

static int
verify_is(const char *dir, const unsigned char *key, const char *want)
{
	const char	*got;

	got = verify(dir, key, NULL);
	if (strcmp(got, want) != 0) {
		TAP_DIAG("verify: got \"%s\", want \"%s\"", got, want);
		return 0;
	}
	return 1;
}

/* Raw SQL on a database, triggers out of the way as an attacker would. */
static int
sql(const char *dir, const char *q)
{
	sqlite3	*db;
	char	*msg = NULL;
	int	 rc;

	if (sqlite3_open(dbpath(dir), &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, "DROP TRIGGER IF EXISTS records_no_update;"
	    "DROP TRIGGER IF EXISTS records_no_delete;"
	    "DROP TRIGGER IF EXISTS seals_no_update;"
	    "DROP TRIGGER IF EXISTS seals_no_delete;", NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, q, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		TAP_DIAG("sql: %s", msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int
count_rows(const char *dir)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_open_v2(dbpath(dir), &db, SQLITE_OPEN_READONLY, NULL)
	    != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM records", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Tests */

static unsigned char	 k0[AUDITLOG_KEYLEN];

/*
 * A copy in a directory the verifier cannot write to: SQLite cannot make
 * the -shm file there.  Root writes anywhere, so drop to nobody for it.
 */
static void
verify_readonly_dir(const char *dir)
{
	const char	*m;
	char		 msg[256];
	pid_t		 pid;
	ssize_t		 n;
	int		 p[2], status;

	if (getuid() != 0) {
		chmod(dir, 0500);
		tap_ok(verify_is(dir, k0, "ok: 11 records"),
		    "verify a copy in a read-only directory");
		chmod(dir, 0700);
		return;
	}
	chmod(top, 0755);
	chmod(dir, 0755);
	chmod(dbpath(dir), 0644);
	if (pipe(p) == -1)
		exit(1);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(p[0]);
		if (setgroups(0, NULL) == -1 || setgid(65534) == -1 ||
		    setuid(65534) == -1)
			_exit(1);
		m = verify(dir, k0, NULL);
		n = strlen(m);
		if (write(p[1], m, n) != n)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	memset(msg, 0, sizeof(msg));
	n = read(p[0], msg, sizeof(msg) - 1);
	close(p[0]);
	waitpid(pid, &status, 0);
	chmod(top, 0700);
	tap_ok(n > 0 && strcmp(msg, "ok: 11 records") == 0,
	    "verify a copy in a directory we cannot write to: %s", msg);
}

static void
test_basic(void)
{
	struct auditlog_verify_result	 res;
	struct auditlog_status		 st;
	struct auditlog_record		 recs[3];
	struct auditlog			*log, *log2;
	unsigned char			 fk[AUDITLOG_KEYLEN];
	unsigned char			 head[AUDITLOG_HASHLEN], zero[32];
	char				 dir[512], path[600], err[256];
	char				 kp2[640];
	struct stat			 sb;
	int				 created = -1, i, ok;

	newdir(dir, sizeof(dir));
	log = openlog(dir, k0, &created);
	tap_ok(log != NULL && created == 1, "open creates a new log");
	if (log == NULL)
		exit(1);
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_VERIFYFILE);
	tap_ok(auditlog_key_load(path, fk, err, sizeof(err)) == 0 &&
	    memcmp(fk, k0, sizeof(k0)) == 0,
	    "verification key file holds K_0 returned by open");
	ok = 1;
	for (i = 0; i < 3; i++) {
		const char *f[] = { AUDITLOG_KEYFILE, AUDITLOG_HMACFILE,
		    AUDITLOG_VERIFYFILE };
		snprintf(path, sizeof(path), "%s/%s", dir, f[i]);
		if (stat(path, &sb) == -1 || (sb.st_mode & 0777) != 0600)
			ok = 0;
	}
	tap_ok(ok, "key files are mode 0600");

	for (i = 0; i < 3; i++)
		mkrec(&recs[i], i);
	ok = auditlog_append(log, recs, 3, err, sizeof(err)) == 0;
	memset(zero, 0, sizeof(zero));
	tap_ok(ok && recs[0].seq == 1 && recs[1].seq == 2 &&
	    recs[2].seq == 3 && memcmp(recs[0].prev_hash, zero, 32) == 0 &&
	    memcmp(recs[1].prev_hash, recs[0].hash, 32) == 0 &&
	    memcmp(recs[2].prev_hash, recs[1].hash, 32) == 0,
	    "batch gets contiguous seqs 1-3 chained from the zero hash");
	tap_ok(append_n(log, 1) == 0 && append_n(log, 6) == 0,
	    "batches of 1 and 6 appended");
	auditlog_status(log, &st);
	tap_ok(st.last_seq == 10, "status: last seq 10");
	tap_ok(verify_is(dir, k0, "ok: 10 records"),
	    "verify live WAL database: ok: 10 records");
	verify(dir, k0, &res);
	tap_ok(res.verdict == AUDITLOG_OK && res.records == 10 &&
	    res.unsealed == 10 && res.seals == 0,
	    "verify result counts: 10 records, 10 unsealed, 0 seals");

	log2 = auditlog_open(dir, NULL, NULL, err, sizeof(err));
	tap_ok(log2 == NULL && strstr(err, "another writer") != NULL,
	    "second writer refused: %s", err);
	auditlog_close(log2);

	memcpy(head, st.head, sizeof(head));
	auditlog_close(log);
	log = openlog(dir, NULL, &created);
	auditlog_status(log, &st);
	tap_ok(log != NULL && created == 0 && st.last_seq == 10 &&
	    memcmp(st.head, head, 32) == 0, "reopen finds seq 10 and head");
	mkrec(&recs[0], 0);
	ok = auditlog_append(log, recs, 1, err, sizeof(err)) == 0;
	tap_ok(ok && recs[0].seq == 11 &&
	    memcmp(recs[0].prev_hash, head, 32) == 0,
	    "reopen continues the chain at seq 11");
	auditlog_close(log);
	tap_ok(verify_is(dir, k0, "ok: 11 records"),
	    "verify after reopen: ok: 11 records");

	/* A log with records never gets a fresh key behind its back. */
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_KEYFILE);
	snprintf(kp2, sizeof(kp2), "%s/%s.saved", dir, AUDITLOG_KEYFILE);
	rename(path, kp2);
	log = auditlog_open(dir, NULL, NULL, err, sizeof(err));
	tap_ok(log == NULL && strstr(err, "missing") != NULL,
	    "running key missing: open refused: %s", err);
	auditlog_close(log);
	rename(kp2, path);

	/* Offline copy: only the database file, elsewhere. */
	newdir(path, sizeof(path));
	tap_ok(copyfile(dbpath(dir), dbpath(path)) == 0 &&
	    verify_is(path, k0, "ok: 11 records"),
	    "verify an offline copy of the database");
	newdir(path, sizeof(path));
	copyfile(dbpath(dir), dbpath(path));
	verify_readonly_dir(path);
}

static void
test_seals(void)
{
	struct auditlog_verify_result	 res;
	struct auditlog_status		 st;
	struct auditlog			*log;
	unsigned char			 key[AUDITLOG_KEYLEN];
	unsigned char			 before[128], after[128], saved[128];
	unsigned char			 wrong[AUDITLOG_KEYLEN], evolved[32];
	char				 dir[512], kpath[600], vpath[600];
	char				 err[256];
	size_t				 nb, na, ns, i;
	int				 ok, found;

	newdir(dir, sizeof(dir));
	log = openlog(dir, key, NULL);
	if (log == NULL)
		exit(1);
	tap_ok(auditlog_seal(log, err, sizeof(err)) == 1,
	    "seal of an empty log has nothing to do");
	ok = 1;
	for (i = 0; i < 4; i++) {
		if (append_n(log, 5) == -1 ||
		    auditlog_seal(log, err, sizeof(err)) != 0)
			ok = 0;
	}
	auditlog_status(log, &st);
	tap_ok(ok && st.epoch == 4 && st.sealed_seq == 20,
	    "four epochs sealed, running key at epoch 4");
	tap_ok(auditlog_seal(log, err, sizeof(err)) == 1,
	    "seal without new records has nothing to do");
	verify(dir, key, &res);
	tap_ok(strcmp(res.msg, "ok: 20 records") == 0 && res.seals == 4 &&
	    res.unsealed == 0, "seals over 4 epochs verify from K_0 (%s)",
	    res.msg);
	append_n(log, 3);
	verify(dir, key, &res);
	tap_ok(strcmp(res.msg, "ok: 23 records") == 0 && res.unsealed == 3 &&
	    res.sealed_seq == 20, "unsealed tail of 3 reported");
	memcpy(wrong, key, sizeof(wrong));
	wrong[0] ^= 1;
	tap_ok(verify_is(dir, wrong, "head signature invalid"),
	    "wrong verification key: head signature invalid");

	/* One-way evolution: the old running key is gone from its file. */
	snprintf(kpath, sizeof(kpath), "%s/%s", dir, AUDITLOG_KEYFILE);
	snprintf(vpath, sizeof(vpath), "%s/%s", dir, AUDITLOG_VERIFYFILE);
	nb = readfile(kpath, before, sizeof(before));
	auditlog_seal(log, err, sizeof(err));
	na = readfile(kpath, after, sizeof(after));
	found = 0;
	for (i = 0; na >= 32 && i + 32 <= na; i++)
		if (memcmp(after + i, before + 16, 32) == 0)
			found = 1;
	memcpy(evolved, before + 16, 32);
	auditlog_key_evolve(evolved);
	tap_ok(nb == 48 && na == 48 && !found &&
	    memcmp(after + 16, evolved, 32) == 0 && after[15] == 5,
	    "seal evolves the running key one way, old key gone from file");
	tap_ok(auditlog_key_load(vpath, wrong, err, sizeof(err)) == 0 &&
	    memcmp(wrong, key, 32) == 0 && memcmp(after + 16, key, 32) != 0,
	    "verification key file still holds K_0, unlike the running key");

	/*
	 * Crash between a seal's commit and the key update: put the old
	 * key file back.  Reopen must move past the stored epoch.
	 */
	append_n(log, 2);
	ns = readfile(kpath, saved, sizeof(saved));
	auditlog_seal(log, err, sizeof(err));
	auditlog_close(log);
	{
		int fd = open(kpath, O_WRONLY | O_TRUNC);
		if (fd == -1 || write(fd, saved, ns) != (ssize_t)ns)
			ok = 0;
		close(fd);
	}
	log = openlog(dir, NULL, NULL);
	auditlog_status(log, &st);
	tap_ok(log != NULL && st.epoch == 6,
	    "reopen after lost key update evolves past stored epoch 5");
	append_n(log, 1);
	tap_ok(auditlog_seal(log, err, sizeof(err)) == 0 &&
	    verify_is(dir, key, "ok: 26 records"),
	    "sealing after recovery verifies");
	auditlog_close(log);
}

/* Build a sealed log of 30 records, seals at 10, 20, 30. */
static void
make_base(char *dir, size_t len, unsigned char *key)
{
	struct auditlog	*log;
	char		 err[256];
	int		 i;

	newdir(dir, len);
	if ((log = openlog(dir, key, NULL)) == NULL)
		exit(1);
	for (i = 0; i < 3; i++) {
		append_n(log, 4);
		append_n(log, 6);
		if (auditlog_seal(log, err, sizeof(err)) != 0)
			TAP_DIAG("seal: %s", err);
	}
	auditlog_close(log);
}

static void
tamper_copy(const char *base, char *dir, size_t len)
{
	newdir(dir, len);
	if (copyfile(dbpath(base), dbpath(dir)) == -1) {
		perror("copy");
		exit(1);
	}
}

struct row {
	struct auditlog_record	 r;
	char			*s[5];
};

/*
 * Insert a forged record at seq "at", renumber the rest and recompute
 * every following hash, leaving the seals as they are.
 */
static int
forge_insert(const char *dir, uint64_t at)
{
	struct auditlog_record	 forged;
	struct row		 rows[64];
	sqlite3			*db;
	sqlite3_stmt		*st, *ins;
	unsigned char		 prev[32];
	int			 n = 0, i, j, rc = -1;

	if (sql(dir, "SELECT 1") == -1 ||
	    sqlite3_open(dbpath(dir), &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT seq, time, source, type, session,"
	    " actor, uid, pid, body FROM records WHERE seq >= ? ORDER BY seq",
	    -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, at);
	while (sqlite3_step(st) == SQLITE_ROW && n < 64) {
		memset(&rows[n], 0, sizeof(rows[n]));
		rows[n].r.seq = sqlite3_column_int64(st, 0) + 1;
		rows[n].r.time = sqlite3_column_int64(st, 1);
		for (j = 0; j < 5; j++)
			rows[n].s[j] = strdup((const char *)
			    sqlite3_column_text(st, j < 4 ? 2 + j : 8));
		rows[n].r.source = rows[n].s[0];
		rows[n].r.type = rows[n].s[1];
		rows[n].r.session = rows[n].s[2];
		rows[n].r.actor = rows[n].s[3];
		rows[n].r.body = rows[n].s[4];
		rows[n].r.uid = sqlite3_column_int64(st, 6);
		rows[n].r.pid = sqlite3_column_int64(st, 7);
		n++;
	}
	sqlite3_finalize(st);
	/* The hash before the insertion point. */
	if (sqlite3_prepare_v2(db, "SELECT hash FROM records WHERE seq = ?",
	    -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, at - 1);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto out;
	memcpy(prev, sqlite3_column_blob(st, 0), 32);
	sqlite3_finalize(st);

	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db, "DELETE FROM records WHERE seq >= ?", -1,
	    &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO records (seq, time, source, "
	    "type, session, actor, uid, pid, body, prev_hash, hash) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &ins, NULL) != SQLITE_OK)
		goto out;
	memset(&forged, 0, sizeof(forged));
	forged.seq = at;
	forged.time = 1700000000000000000LL;
	forged.source = "harnessd/gateway";
	forged.type = "approval.decision";
	forged.session = "s1";
	forged.actor = "uid:0";
	forged.body = "{\"approved\":true}";
	for (i = -1; i < n; i++) {
		struct auditlog_record *r = i < 0 ? &forged : &rows[i].r;

		memcpy(r->prev_hash, prev, 32);
		auditlog_hash_record(prev, r, r->hash);
		memcpy(prev, r->hash, 32);
		sqlite3_bind_int64(ins, 1, r->seq);
		sqlite3_bind_int64(ins, 2, r->time);
		sqlite3_bind_text(ins, 3, r->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, r->type, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, r->session, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, r->actor, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 7, r->uid);
		sqlite3_bind_int64(ins, 8, r->pid);
		sqlite3_bind_text(ins, 9, r->body, -1, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 10, r->prev_hash, 32, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 11, r->hash, 32, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			TAP_DIAG("forge: %s", sqlite3_errmsg(db));
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	rc = 0;
 out:
	for (i = 0; i < n; i++)
		for (j = 0; j < 5; j++)
			free(rows[i].s[j]);
	sqlite3_close(db);
	return rc;
}

static void
test_tamper(void)
{
	struct auditlog_verify_result	 res;
	unsigned char			 key[AUDITLOG_KEYLEN];
	char				 base[512], d[512];

	make_base(base, sizeof(base), key);
	tap_ok(verify_is(base, key, "ok: 30 records"),
	    "base log of 30 records with 3 seals verifies");

	tamper_copy(base, d, sizeof(d));
	sql(d, "UPDATE records SET body = '{\"n\":999,\"ok\":true}' "
	    "WHERE seq = 7");
	tap_ok(verify_is(d, key, "record 7: hash mismatch"),
	    "changed body: record 7: hash mismatch");

	tamper_copy(base, d, sizeof(d));
	sql(d, "UPDATE records SET time = time + 1 WHERE seq = 12");
	tap_ok(verify_is(d, key, "record 12: hash mismatch"),
	    "changed time: record 12: hash mismatch");

	tamper_copy(base, d, sizeof(d));
	sql(d, "UPDATE records SET actor = 'uid:1000' WHERE seq = 25");
	tap_ok(verify_is(d, key, "record 25: hash mismatch"),
	    "changed actor: record 25: hash mismatch");

	tamper_copy(base, d, sizeof(d));
	sql(d, "DELETE FROM records WHERE seq BETWEEN 14 AND 16");
	tap_ok(verify_is(d, key, "records 14-16 missing"),
	    "deleted rows: records 14-16 missing");

	tamper_copy(base, d, sizeof(d));
	sql(d, "DELETE FROM records WHERE seq = 5");
	tap_ok(verify_is(d, key, "records 5-5 missing"),
	    "deleted single row: records 5-5 missing");

	tamper_copy(base, d, sizeof(d));
	sql(d, "DELETE FROM records WHERE seq <= 2");
	tap_ok(verify_is(d, key, "records 1-2 missing"),
	    "deleted first rows: records 1-2 missing");

	/* Swap the contents of rows 8 and 9, keeping their seqs. */
	tamper_copy(base, d, sizeof(d));
	sql(d, "CREATE TEMP TABLE t AS SELECT * FROM records "
	    "WHERE seq IN (8, 9);"
	    "DELETE FROM records WHERE seq IN (8, 9);"
	    "INSERT INTO records SELECT 17 - seq, time, source, type, session,"
	    " actor, uid, pid, body, prev_hash, hash FROM t;");
	tap_ok(verify_is(d, key, "record 8: hash mismatch"),
	    "swapped pair: record 8: hash mismatch");

	tamper_copy(base, d, sizeof(d));
	sql(d, "DELETE FROM records WHERE seq >= 28");
	tap_ok(verify_is(d, key, "chain truncated after record 27"),
	    "truncated tail: chain truncated after record 27");

	tamper_copy(base, d, sizeof(d));
	sql(d, "DELETE FROM records");
	tap_ok(verify_is(d, key, "chain truncated after record 0"),
	    "all records deleted: chain truncated after record 0");

	tamper_copy(base, d, sizeof(d));
	sql(d, "UPDATE seals SET mac = randomblob(32) WHERE epoch = 2");
	tap_ok(verify_is(d, key, "head signature invalid"),
	    "replaced head signature: head signature invalid");

	tamper_copy(base, d, sizeof(d));
	sql(d, "UPDATE seals SET head = randomblob(32) WHERE epoch = 0");
	tap_ok(verify_is(d, key, "head signature invalid"),
	    "replaced head hash in seal: head signature invalid");

	tamper_copy(base, d, sizeof(d));
	sql(d, "DELETE FROM seals WHERE epoch = 1");
	tap_ok(verify_is(d, key, "head signature invalid"),
	    "deleted middle seal: head signature invalid");

	tamper_copy(base, d, sizeof(d));
	tap_ok(forge_insert(d, 15) == 0 &&
	    verify_is(d, key, "head signature invalid"),
	    "forged row with rehashed chain: head signature invalid");
	verify(d, key, &res);
	tap_ok(res.bad_seq == 20 && res.seals == 1,
	    "forgery caught at the seal over seq 20 (bad_seq %llu)",
	    (unsigned long long)res.bad_seq);

	tamper_copy(base, d, sizeof(d));
	sql(d, "UPDATE records SET prev_hash = randomblob(32) WHERE seq = 3");
	tap_ok(verify_is(d, key, "record 3: hash mismatch"),
	    "broken prev_hash link: record 3: hash mismatch");

	/*
	 * Without seals there is nothing to check a rewrite against: the
	 * verifier says so through the unsealed count.
	 */
	tamper_copy(base, d, sizeof(d));
	sql(d, "DELETE FROM seals");
	verify(d, key, &res);
	tap_ok(strcmp(res.msg, "ok: 30 records") == 0 && res.unsealed == 30,
	    "seals removed: reported as 30 unsealed records");

	newdir(d, sizeof(d));
	verify(d, key, &res);
	tap_ok(res.verdict == AUDITLOG_ERROR &&
	    strncmp(res.msg, "error: ", 7) == 0,
	    "missing database: %s", res.msg);
}

static void
test_bad_inputs(void)
{
	struct auditlog_record	 recs[3];
	struct auditlog		*log;
	char			 dir[512], err[256], *big;
	int			 i, ok;
	static const struct {
		const char	*what;
		const char	*type;
		const char	*source;
		const char	*actor;
		const char	*body;
	} bad[] = {
		{ "invalid JSON", "tool.call", "s", "a", "{\"a\":" },
		{ "JSON array", "tool.call", "s", "a", "[1,2]" },
		{ "JSON string", "tool.call", "s", "a", "\"x\"" },
		{ "trailing data", "tool.call", "s", "a", "{} {}" },
		{ "single quotes", "tool.call", "s", "a", "{'a':1}" },
		{ "NaN", "tool.call", "s", "a", "{\"a\":NaN}" },
		{ "huge number", "tool.call", "s", "a", "{\"a\":1e999}" },
		{ "integer overflow", "tool.call", "s", "a",
		    "{\"a\":18446744073709551616}" },
		{ "duplicate key", "tool.call", "s", "a",
		    "{\"a\":1,\"b\":{\"c\":1,\"c\":2}}" },
		{ "raw control char", "tool.call", "s", "a",
		    "{\"a\":\"x\ty\"}" },
		{ "bad UTF-8", "tool.call", "s", "a", "{\"a\":\"\xc0\xaf\"}" },
		{ "lone surrogate", "tool.call", "s", "a",
		    "{\"a\":\"\\ud800\"}" },
		{ "NUL in key", "tool.call", "s", "a", "{\"a\\u0000b\":1}" },
		{ "uppercase type", "Tool.Call", "s", "a", "{}" },
		{ "empty type", "", "s", "a", "{}" },
		{ "type with ..", "tool..call", "s", "a", "{}" },
		{ "type leading dot", ".tool", "s", "a", "{}" },
		{ "type trailing dot", "tool.", "s", "a", "{}" },
		{ "type with space", "tool call", "s", "a", "{}" },
		{ "type too long", "a23456789.123456789.123456789."
		    "123456789.123456789.123456789.12345", "s", "a", "{}" },
		{ "empty source", "tool.call", "", "a", "{}" },
		{ "source with space", "tool.call", "a b", "a", "{}" },
		{ "actor with newline", "tool.call", "s", "a\nb", "{}" },
	};

	newdir(dir, sizeof(dir));
	if ((log = openlog(dir, NULL, NULL)) == NULL)
		exit(1);
	append_n(log, 2);
	for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
		mkrec(&recs[0], 0);
		recs[0].type = bad[i].type;
		recs[0].source = bad[i].source;
		recs[0].actor = bad[i].actor;
		recs[0].body = bad[i].body;
		err[0] = '\0';
		ok = auditlog_append(log, recs, 1, err, sizeof(err)) == -1 &&
		    err[0] != '\0';
		tap_ok(ok && count_rows(dir) == 2, "rejected %s: %s",
		    bad[i].what, err);
	}

	if ((big = malloc(AUDITLOG_BODY_MAX + 16)) == NULL)
		exit(1);
	memset(big, ' ', AUDITLOG_BODY_MAX + 15);
	big[0] = '{';
	big[AUDITLOG_BODY_MAX] = '}';
	big[AUDITLOG_BODY_MAX + 1] = '\0';
	mkrec(&recs[0], 0);
	recs[0].body = big;
	tap_ok(auditlog_append(log, recs, 1, err, sizeof(err)) == -1 &&
	    count_rows(dir) == 2, "rejected oversized body: %s", err);
	big[AUDITLOG_BODY_MAX - 1] = '}';
	big[AUDITLOG_BODY_MAX] = '\0';
	tap_ok(auditlog_append(log, recs, 1, err, sizeof(err)) == 0,
	    "body of exactly %d bytes accepted", AUDITLOG_BODY_MAX);
	free(big);

	for (i = 0; i < 3; i++)
		mkrec(&recs[i], i);
	recs[1].type = "BAD";
	tap_ok(auditlog_append(log, recs, 3, err, sizeof(err)) == -1 &&
	    strncmp(err, "record 1:", 9) == 0 && count_rows(dir) == 3,
	    "batch with one bad record writes nothing: %s", err);
	tap_ok(auditlog_append(log, recs, 0, err, sizeof(err)) == -1,
	    "empty batch rejected");
	tap_ok(auditlog_check_type("gateway.auth.fail") == 0 &&
	    auditlog_check_type("sandbox.exit") == 0 &&
	    auditlog_check_type("a_b-c.d9") == 0,
	    "valid types accepted");
	auditlog_close(log);
	/* Nothing sealed: any key will do. */
	tap_ok(verify_is(dir, k0, "ok: 3 records"),
	    "log with rejected input still verifies");
}

static void
test_canon(void)
{
	const char	*in = " { \"b\" : [1, 2.50, -0, 1e2,"
	    " \"x\\u00e9\\n\\/\"],"
	    " \"a\": {\"z\": null, \"y\": true},"
	    " \"c\": 18446744073709551615, \"d\": -9223372036854775808,"
	    " \"e\": 0.1, \"\\ud83d\\ude00\": false,"
	    " \"f\": [1e21, 1.5e-7, -0.0, 0.001, 123.456, 1E+2, 5e-324] } ";
	const char	*want = "{\"a\":{\"y\":true,\"z\":null},"
	    "\"b\":[1,2.5,0,100.0,\"x\xc3\xa9\\n/\"],"
	    "\"c\":18446744073709551615,\"d\":-9223372036854775808,"
	    "\"e\":0.1,\"f\":[1e+21,1.5e-7,-0.0,0.001,123.456,100.0,5e-324],"
	    "\"\xf0\x9f\x98\x80\":false}";
	char		*out = NULL, *out2 = NULL, err[256];
	size_t		 len, len2;

	tap_ok(auditlog_canon_json(in, strlen(in), &out, &len, err,
	    sizeof(err)) == 0 && strcmp(out, want) == 0 &&
	    len == strlen(want), "canonical JSON: sorted keys, no spaces");
	if (out != NULL && strcmp(out, want) != 0)
		TAP_DIAG("got %s", out);
	tap_ok(out != NULL && auditlog_canon_json(out, len, &out2, &len2,
	    err, sizeof(err)) == 0 && strcmp(out, out2) == 0,
	    "canonical JSON is a fixed point");
	free(out);
	free(out2);
}

/* Random JSON-ish text: mostly valid, sometimes broken on purpose. */
static unsigned long	 rng = 88172645463325252UL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
gen_str(char *buf, size_t *off, size_t max)
{
	static const char *const parts[] = { "a", "b", "ab", "key", "\\n",
	    "\\\"", "\\\\", "\\/", "\\u00e9", "\\u0000", "\\ud83d\\ude00",
	    "\xc3\xa9", "\xe2\x82\xac", " ", "\\t", "\\u001f", "z", "\x7f",
	    "\\b\\f\\r", "\\u0041" };
	int	 i, n = rnd(4);

	*off += snprintf(buf + *off, max - *off, "\"");
	for (i = 0; i < n && *off < max - 16; i++)
		*off += snprintf(buf + *off, max - *off, "%s",
		    parts[rnd(sizeof(parts) / sizeof(parts[0]))]);
	*off += snprintf(buf + *off, max - *off, "\"");
}

static void
gen_value(char *buf, size_t *off, size_t max, int depth)
{
	static const char *const nums[] = { "0", "-0", "1", "-1", "12",
	    "2.50", "1e2", "1E+2", "-0.0", "0.1", "1e21", "1.5e-7", "5e-324",
	    "18446744073709551615", "-9223372036854775808",
	    "9223372036854775807", "18446744073709551616", "123.456",
	    "1e400", "01", "1.", "-", "3.0e0" };
	static const char *const ws[] = { "", "", "", " ", "\n\t" };
	int	 i, n, k = rnd(depth > 4 ? 5 : 8);

	if (*off >= max - 64) {
		*off += snprintf(buf + *off, max - *off, "0");
		return;
	}
	*off += snprintf(buf + *off, max - *off, "%s", ws[rnd(5)]);
	switch (k) {
	case 0:
		gen_str(buf, off, max);
		break;
	case 1:
		*off += snprintf(buf + *off, max - *off, "%s",
		    nums[rnd(sizeof(nums) / sizeof(nums[0]))]);
		break;
	case 2:
		*off += snprintf(buf + *off, max - *off, "%s",
		    rnd(3) == 0 ? "true" : rnd(2) ? "false" : "null");
		break;
	case 3:
		if (rnd(50) == 0) {
			*off += snprintf(buf + *off, max - *off, "tru");
			break;
		}
		/* FALLTHROUGH */
	case 4:
		*off += snprintf(buf + *off, max - *off, "%d", (int)rnd(1000));
		break;
	case 5:
	case 6:
		n = rnd(5);
		*off += snprintf(buf + *off, max - *off, "[");
		for (i = 0; i < n; i++) {
			if (i > 0)
				*off += snprintf(buf + *off, max - *off, ",");
			gen_value(buf, off, max, depth + 1);
		}
		*off += snprintf(buf + *off, max - *off, "%s]",
		    rnd(40) == 0 ? "," : "");
		break;
	default:
		n = rnd(6);
		*off += snprintf(buf + *off, max - *off, "{");
		for (i = 0; i < n; i++) {
			if (i > 0)
				*off += snprintf(buf + *off, max - *off, ",");
			gen_str(buf, off, max);
			*off += snprintf(buf + *off, max - *off, "%s:",
			    ws[rnd(5)]);
			gen_value(buf, off, max, depth + 1);
		}
		*off += snprintf(buf + *off, max - *off, "}");
		break;
	}
}

/* The single-pass canonicaliser agrees with the json-c reference. */
static void
test_canon_diff(void)
{
	static const char *const fixed[] = {
		"{}", " {} ", "{\"a\":1,\"a\":2}", "{\"b\":1,\"a\":{\"d\":[],"
		"\"c\":{}}}", "{\"\\u0061\":1,\"a\":2}", "{\"a\\n\":1}",
		"{\"x\":\"\\u0000\"}", "{\"ab\":1,\"a\":2,\"b\":3,\"\":4}",
		"{\"a\":[1,2,{\"z\":1,\"y\":2}]}", "{\"a\":1}x", "[1]",
		"{\"a\":-0,\"b\":-0.0,\"c\":0e0}", "{\"a\":\"\\ud800\"}",
		"{\"a\":\"\xff\"}", "{\"a\":1,}", "{\"k\":1e-7,\"j\":1e-6}",
	};
	char		 buf[4096], *o1, *o2, e1[256], e2[256];
	size_t		 l1, l2, off, i;
	int		 r1, r2, bad = 0, valid = 0, total = 0;

	for (i = 0; i < 20000 + sizeof(fixed) / sizeof(fixed[0]); i++) {
		if (i < sizeof(fixed) / sizeof(fixed[0]))
			off = strlcpy(buf, fixed[i], sizeof(buf));
		else {
			off = 0;
			buf[0] = '\0';
			if (rnd(30) == 0)
				gen_value(buf, &off, sizeof(buf) - 8, 0);
			else {
				/* An object at the top. */
				off += snprintf(buf, sizeof(buf), "{\"k\":");
				gen_value(buf, &off, sizeof(buf) - 8, 1);
				off += snprintf(buf + off, sizeof(buf) - off,
				    ",\"b\":");
				gen_value(buf, &off, sizeof(buf) - 8, 1);
				off += snprintf(buf + off, sizeof(buf) - off,
				    "}");
			}
		}
		o1 = o2 = NULL;
		e1[0] = e2[0] = '\0';
		r1 = auditlog_canon_json(buf, off, &o1, &l1, e1, sizeof(e1));
		r2 = auditlog_canon_json_ref(buf, off, &o2, &l2, e2,
		    sizeof(e2));
		total++;
		if (r2 == 0)
			valid++;
		if (r1 != r2 || (r1 == 0 && (l1 != l2 ||
		    memcmp(o1, o2, l1) != 0)) ||
		    (r1 == -1 && strcmp(e1, e2) != 0)) {
			if (bad++ < 5)
				TAP_DIAG("differ on %s: %s | %s", buf,
				    r1 == 0 ? o1 : e1, r2 == 0 ? o2 : e2);
		}
		free(o1);
		free(o2);
	}
	tap_ok(bad == 0 && valid > total / 4 && valid < total,
	    "canonical JSON: fast path equals the json-c reference");
	if (bad != 0 || valid <= total / 4 || valid == total)
		TAP_DIAG("%d of %d differ, %d valid", bad, total, valid);
}

static int
collect(const struct auditlog_record *r, void *arg)
{
	uint64_t	*v = arg;

	if (v[0] < 63)
		v[++v[0]] = r->seq;
	return 0;
}

static int
stop_at_2(const struct auditlog_record *r, void *arg)
{
	int	*n = arg;

	return ++*n == 2 ? 42 : 0;
}

static void
test_query(void)
{
	struct auditlog_filter	 f;
	struct auditlog		*log, *rd;
	uint64_t		 v[64];
	char			 dir[512], err[256];
	int			 n, r;

	newdir(dir, sizeof(dir));
	if ((log = openlog(dir, NULL, NULL)) == NULL)
		exit(1);
	nmade = 0;	/* record i: type i%4, session i%3, time base+i us */
	append_n(log, 12);

	memset(&f, 0, sizeof(f));
	memset(v, 0, sizeof(v));
	r = auditlog_query(log, &f, collect, v, err, sizeof(err));
	tap_ok(r == 0 && v[0] == 12 && v[1] == 1 && v[12] == 12,
	    "query without filter returns all 12 in order");

	f.session = "s2";
	memset(v, 0, sizeof(v));
	auditlog_query(log, &f, collect, v, err, sizeof(err));
	tap_ok(v[0] == 4 && v[1] == 2 && v[4] == 11,
	    "query by session s2: 2 5 8 11");

	memset(&f, 0, sizeof(f));
	f.type = "gateway.*";
	memset(v, 0, sizeof(v));
	auditlog_query(log, &f, collect, v, err, sizeof(err));
	tap_ok(v[0] == 6 && v[1] == 2 && v[2] == 3 && v[6] == 11,
	    "query by type glob gateway.*: 6 records");

	f.type = "*.fail";
	f.session = "s1";
	memset(v, 0, sizeof(v));
	auditlog_query(log, &f, collect, v, err, sizeof(err));
	tap_ok(v[0] == 1 && v[1] == 10,
	    "query by type *.fail and session s1: record 10");

	memset(&f, 0, sizeof(f));
	f.since = 1700000000000000000LL + 9 * 1000;
	memset(v, 0, sizeof(v));
	auditlog_query(log, &f, collect, v, err, sizeof(err));
	tap_ok(v[0] == 3 && v[1] == 10 && v[3] == 12,
	    "query since a time: records 10-12");

	memset(&f, 0, sizeof(f));
	f.last = 3;
	memset(v, 0, sizeof(v));
	auditlog_query(log, &f, collect, v, err, sizeof(err));
	tap_ok(v[0] == 3 && v[1] == 10 && v[2] == 11 && v[3] == 12,
	    "query last 3: 10 11 12 ascending");

	f.type = "tool.call";
	memset(v, 0, sizeof(v));
	auditlog_query(log, &f, collect, v, err, sizeof(err));
	tap_ok(v[0] == 3 && v[1] == 1 && v[2] == 5 && v[3] == 9,
	    "query last 3 of type tool.call: 1 5 9");

	memset(v, 0, sizeof(v));
	r = auditlog_tail(log, 9, 0, collect, v, err, sizeof(err));
	tap_ok(r == 0 && v[0] == 3 && v[1] == 10,
	    "tail after seq 9: 10 11 12");
	memset(v, 0, sizeof(v));
	auditlog_tail(log, 4, 2, collect, v, err, sizeof(err));
	tap_ok(v[0] == 2 && v[1] == 5 && v[2] == 6,
	    "tail after seq 4, at most 2: 5 6");
	memset(v, 0, sizeof(v));
	auditlog_tail(log, 12, 0, collect, v, err, sizeof(err));
	tap_ok(v[0] == 0, "tail at the head: nothing");

	n = 0;
	tap_ok(auditlog_query(log, NULL, stop_at_2, &n, err, sizeof(err))
	    == 42 && n == 2, "callback stops the query");

	/* A reader on the live database sees the writer's records. */
	rd = auditlog_open_reader(dbpath(dir), err, sizeof(err));
	append_n(log, 1);
	memset(v, 0, sizeof(v));
	r = rd ? auditlog_tail(rd, 10, 0, collect, v, err, sizeof(err)) : -1;
	tap_ok(r == 0 && v[0] == 3 && v[3] == 13,
	    "reader handle tails the live log");
	tap_ok(rd != NULL && auditlog_append(rd, NULL, 1, err,
	    sizeof(err)) == -1, "reader handle cannot append");
	auditlog_close(rd);
	auditlog_close(log);
}

static int
grab_first(const struct auditlog_record *r, void *arg)
{
	char	**out = arg;

	out[0] = auditlog_format(r, 0);
	out[1] = auditlog_format(r, AUDITLOG_FMT_JSON);
	return 1;
}

static void
test_format(void)
{
	struct auditlog_record	 rec;
	struct auditlog		*log;
	struct json_object	*o, *v;
	char			 dir[512], err[256], *line[2] = { 0 };
	int			 ok;

	newdir(dir, sizeof(dir));
	if ((log = openlog(dir, NULL, NULL)) == NULL)
		exit(1);
	memset(&rec, 0, sizeof(rec));
	rec.time = 1700000000123456789LL;
	rec.source = "harnessd/gateway";
	rec.type = "gateway.auth.fail";
	rec.session = "";
	rec.actor = "key:ci";
	rec.uid = 1000;
	rec.pid = 42;
	rec.body = "{\"reason\": \"bad token\", \"addr\": \"127.0.0.1\"}";
	auditlog_append(log, &rec, 1, err, sizeof(err));
	auditlog_query(log, NULL, grab_first, line, err, sizeof(err));
	ok = line[0] != NULL && strcmp(line[0],
	    "2023-11-14T22:13:20.123456789Z 1 harnessd/gateway "
	    "gateway.auth.fail - key:ci "
	    "{\"addr\":\"127.0.0.1\",\"reason\":\"bad token\"}") == 0;
	tap_ok(ok, "human format: one line, ISO time, canonical body");
	if (!ok && line[0] != NULL)
		TAP_DIAG("%s", line[0]);
	o = line[1] ? json_tokener_parse(line[1]) : NULL;
	tap_ok(o != NULL && json_object_object_get_ex(o, "seq", &v) &&
	    json_object_get_int(v) == 1 &&
	    json_object_object_get_ex(o, "body", &v) &&
	    json_object_is_type(v, json_type_object) &&
	    json_object_object_get_ex(o, "time_ns", &v) &&
	    json_object_get_int64(v) == rec.time,
	    "JSON format parses, body is an object");
	json_object_put(o);
	free(line[0]);
	free(line[1]);

	rec.seq = 7;
	rec.session = "evil\x1b[2J";
	line[0] = auditlog_format(&rec, 0);
	tap_ok(line[0] != NULL && strstr(line[0], "evil\\x1b[2J") != NULL,
	    "control characters escaped in human format");
	free(line[0]);
	/* C1 controls and text-reordering characters: \uNNNN. */
	rec.session = "a\xc2\x9b" "31mb\xe2\x80\xae" "c\xe2\x81\xa6" "d\xc3\xa9";
	line[0] = auditlog_format(&rec, 0);
	tap_ok(line[0] != NULL &&
	    strstr(line[0], "a\\u009b31mb\\u202ec\\u2066d\xc3\xa9") != NULL,
	    "C1 and bidirectional controls escaped, other UTF-8 kept");
	if (line[0] != NULL && strstr(line[0], "\\u009b") == NULL)
		TAP_DIAG("%s", line[0]);
	free(line[0]);
	auditlog_close(log);
}

static void
test_hmac(void)
{
	struct auditlog	*log;
	unsigned char	 hk[AUDITLOG_KEYLEN];
	char		 dir[512], path[600], a[65], b[65], c[65];
	char		 d[65];

	newdir(dir, sizeof(dir));
	if ((log = openlog(dir, NULL, NULL)) == NULL)
		exit(1);
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_HMACFILE);
	readfile(path, hk, sizeof(hk));
	auditlog_hmac_value(hk, "hunter2", 7, a);
	auditlog_fingerprint(log, "hunter2", 7, b);
	auditlog_fingerprint(log, "hunter3", 7, c);
	hk[0] ^= 1;
	auditlog_hmac_value(hk, "hunter2", 7, d);
	tap_ok(strlen(a) == 64 && strcmp(a, b) == 0 && strcmp(a, c) != 0 &&
	    strcmp(a, d) != 0 && strstr(a, "hunter") == NULL,
	    "HMAC fingerprint: matchable, keyed per log, 64 hex");
	auditlog_close(log);
}

/*
 * kill -9 a writer at a random moment: every sequence number it
 * acknowledged must be there afterwards, and the log must verify.
 */
static void
test_crash(void)
{
	struct auditlog_verify_result	 res;
	struct auditlog_status		 st;
	struct auditlog			*log;
	unsigned char			 key[AUDITLOG_KEYLEN];
	char				 dir[512], path[600], err[256];
	uint64_t			 seq, maxack = 0, nack, want;
	ssize_t				 n;
	pid_t				 pid;
	int				 p[2], round, ok = 1, status;

	newdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_VERIFYFILE);
	for (round = 0; round < 3; round++) {
		if (pipe(p) == -1)
			exit(1);
		fflush(stdout);
		if ((pid = fork()) == -1)
			exit(1);
		if (pid == 0) {
			struct auditlog_record	 recs[16];
			int			 b, i, k;

			close(p[0]);
			if ((log = auditlog_open(dir, NULL, NULL, err,
			    sizeof(err))) == NULL)
				_exit(2);
			for (b = 0;; b++) {
				k = 1 + b % 16;
				for (i = 0; i < k; i++)
					mkrec(&recs[i], i);
				if (auditlog_append(log, recs, k, err,
				    sizeof(err)) == -1)
					_exit(3);
				for (i = 0; i < k; i++)
					if (write(p[1], &recs[i].seq,
					    sizeof(seq)) != sizeof(seq))
						_exit(4);
				if (b % 3 == 2 &&
				    auditlog_seal(log, err, sizeof(err)) == -1)
					_exit(5);
			}
		}
		close(p[1]);
		want = 50 + randombytes_uniform(400);
		nack = 0;
		while (nack < want && (n = read(p[0], &seq, sizeof(seq))) ==
		    sizeof(seq)) {
			if (seq != maxack + 1)
				ok = 0;
			maxack = seq;
			nack++;
		}
		usleep(randombytes_uniform(3000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status)) {
			TAP_DIAG("writer ended by itself: %d", status);
			ok = 0;
		}
		while ((n = read(p[0], &seq, sizeof(seq))) == sizeof(seq)) {
			if (seq != maxack + 1)
				ok = 0;
			maxack = seq;
		}
		close(p[0]);

		if ((log = openlog(dir, NULL, NULL)) == NULL) {
			ok = 0;
			break;
		}
		auditlog_status(log, &st);
		if (st.last_seq < maxack) {
			TAP_DIAG("acknowledged %llu, stored %llu",
			    (unsigned long long)maxack,
			    (unsigned long long)st.last_seq);
			ok = 0;
		}
		maxack = st.last_seq;	/* unacknowledged may survive too */
		auditlog_close(log);
	}
	tap_ok(ok, "kill -9 during appends and seals: every acknowledged "
	    "record stored (%llu)", (unsigned long long)maxack);
	auditlog_key_load(path, key, err, sizeof(err));
	verify(dir, key, &res);
	tap_ok(res.verdict == AUDITLOG_OK && res.records == maxack,
	    "log verifies after crashes: %s", res.msg);
	log = openlog(dir, NULL, NULL);
	ok = log != NULL && append_n(log, 2) == 0 &&
	    auditlog_seal(log, err, sizeof(err)) == 0;
	auditlog_close(log);
	verify(dir, key, &res);
	tap_ok(ok && res.verdict == AUDITLOG_OK && res.unsealed == 0 &&
	    res.records == maxack + 2, "chain and seals continue after "
	    "crashes: %s", res.msg);
}

/*
 * auditlog_keys_prepare(), as auditd's parent runs it, and verification
 * with the running key.  Owners other than root need root to test.
 */
static void
test_prepare(void)
{
	struct auditlog_verify_result res;
	struct auditlog_runkey rk;
	struct auditlog	*log;
	struct stat	 sb;
	unsigned char	 vkey[AUDITLOG_KEYLEN], vk0[AUDITLOG_KEYLEN];
	char		 dir[512], path[600], lnk[300], err[256];
	int		 done, created, root = geteuid() == 0;
	uid_t		 uid = root ? 65534 : geteuid();
	gid_t		 gid = root ? 65534 : getegid();

	newdir(dir, sizeof(dir));
	if (!root)
		tap_skip("prepare: keys owned by another user", "not root");
	tap_ok(auditlog_keys_prepare(dir, uid, gid, &done, err,
	    sizeof(err)) == 0 && done == AUDITLOG_PREP_CREATED,
	    "prepare: a new log's keys are made");
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_VERIFYFILE);
	tap_ok(stat(path, &sb) == 0 && sb.st_uid == geteuid() &&
	    (sb.st_mode & 07777) == 0400,
	    "prepare: the verification key is the caller's, mode 0400");
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_KEYFILE);
	tap_ok(stat(path, &sb) == 0 && sb.st_uid == uid &&
	    sb.st_gid == gid && (sb.st_mode & 07777) == 0600,
	    "prepare: the running key is the writer's, mode 0600");
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_VERIFYFILE);
	log = openlog(dir, vkey, &created);
	tap_ok(log != NULL && !created &&
	    auditlog_key_load(path, vk0, err, sizeof(err)) == 0,
	    "prepare: the writer opens the log on the prepared keys");
	if (log == NULL)
		return;
	append_n(log, 5);
	auditlog_seal(log, err, sizeof(err));
	append_n(log, 5);
	auditlog_seal(log, err, sizeof(err));
	append_n(log, 2);
	auditlog_close(log);
	tap_ok(verify_is(dir, vk0, "ok: 12 records"),
	    "prepare: K_0 from the verification key file verifies");

	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_KEYFILE);
	tap_ok(auditlog_runkey_load(path, &rk, err, sizeof(err)) == 0 &&
	    rk.epoch == 2, "runkey: loaded at epoch 2");
	auditlog_verify_with(dbpath(dir), vk0, &rk, &res);
	tap_ok(res.verdict == AUDITLOG_OK && res.key_epoch == 2 &&
	    res.unsealed == 2, "runkey: an untouched log verifies with it");
	sql(dir, "DELETE FROM seals WHERE epoch = 1;");
	auditlog_verify(dbpath(dir), vk0, &res);
	tap_ok(res.verdict == AUDITLOG_OK && res.unsealed == 7,
	    "runkey: the newest seal deleted passes without it");
	auditlog_verify_with(dbpath(dir), vk0, &rk, &res);
	tap_ok(res.verdict == AUDITLOG_TAMPERED &&
	    strcmp(res.msg, "head signature invalid") == 0,
	    "runkey: and is caught with it");
	rk.key[0] ^= 1;
	rk.epoch = 1;
	auditlog_verify_with(dbpath(dir), vk0, &rk, &res);
	tap_ok(res.verdict == AUDITLOG_TAMPERED && strcmp(res.msg,
	    "running key does not derive from the verification key") == 0,
	    "runkey: a key that is not K_0 evolved is refused");
	rk.epoch = UINT64_MAX;
	auditlog_verify_with(dbpath(dir), vk0, &rk, &res);
	tap_ok(res.verdict == AUDITLOG_TAMPERED,
	    "runkey: an epoch far past the seals is refused at once");
	explicit_bzero(&rk, sizeof(rk));

	/* An old log's verification key, made by the writer itself. */
	newdir(dir, sizeof(dir));
	log = openlog(dir, vkey, &created);
	auditlog_close(log);
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_VERIFYFILE);
	if (root) {
		tap_ok(chown(path, uid, gid) == 0 &&
		    auditlog_keys_prepare(dir, uid, gid, &done, err,
		    sizeof(err)) == 0 && done == AUDITLOG_PREP_CHOWNED &&
		    stat(path, &sb) == 0 && sb.st_uid == 0 &&
		    sb.st_gid == 0 && (sb.st_mode & 07777) == 0400,
		    "prepare: an existing verification key is given to root");
		tap_ok(auditlog_keys_prepare(dir, uid, gid, &done, err,
		    sizeof(err)) == 0 && done == 0,
		    "prepare: and left alone the next time");
	} else
		tap_skip("prepare: chown to root", "not root");
	snprintf(lnk, sizeof(lnk), "%s/ln", top);
	unlink(lnk);
	tap_ok(link(path, lnk) == 0 &&
	    auditlog_keys_prepare(dir, uid, gid, &done, err, sizeof(err))
	    == -1, "prepare: a verification key with two links is refused");
	unlink(lnk);
	unlink(path);
	tap_ok(auditlog_keys_prepare(dir, uid, gid, &done, err, sizeof(err))
	    == 0 && done == 0, "prepare: a key moved off the host is fine");

	/* A database without keys is auditlog_open()'s to judge. */
	newdir(dir, sizeof(dir));
	log = openlog(dir, vkey, &created);
	auditlog_close(log);
	snprintf(path, sizeof(path), "%s/%s", dir, AUDITLOG_KEYFILE);
	unlink(path);
	tap_ok(auditlog_keys_prepare(dir, uid, gid, &done, err, sizeof(err))
	    == 0 && done == 0 && stat(path, &sb) == -1,
	    "prepare: a database without a running key is left alone");
	explicit_bzero(vkey, sizeof(vkey));
	explicit_bzero(vk0, sizeof(vk0));
}

int
main(void)
{
	const char	*tmp;

	if (sodium_init() < 0)
		return 1;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(top, sizeof(top), "%s/test_auditlog.XXXXXX", tmp);
	if (mkdtemp(top) == NULL) {
		perror(top);
		return 1;
	}
	test_basic();
	test_seals();
	test_tamper();
	test_bad_inputs();
	test_canon();
	test_canon_diff();
	test_query();
	test_format();
	test_hmac();
	test_crash();
	test_prepare();
	rmtree(top);
	return tap_done();
}
