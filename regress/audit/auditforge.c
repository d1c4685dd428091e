/*
 * auditforge: what an attacker with write access to audit.db (but not
 * the key) can do best.  Inserts a forged record at seq k, moves the
 * later records up by one and recomputes every hash from k on, so that
 * the chain itself is consistent again.  Only the seals can tell.
 *
 * usage: auditforge db k
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "auditlog.h"

struct row {
	struct auditlog_record r;
	char	*s[5];
};

static char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	char	*s;

	if ((s = strdup(t != NULL ? (const char *)t : "")) == NULL)
		err(1, "strdup");
	return s;
}

int
main(int argc, char *argv[])
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct row	*rows = NULL;
	unsigned char	 prev[AUDITLOG_HASHLEN];
	size_t		 n = 0, i, j;
	long long	 k;
	const char	*errstr;

	if (argc != 3)
		errx(64, "usage: auditforge db k");
	k = strtonum(argv[2], 1, 1000000000, &errstr);
	if (errstr != NULL)
		errx(64, "k: %s", errstr);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		errx(1, "%s: %s", argv[1], sqlite3_errmsg(db));
	if (sqlite3_prepare_v2(db, "SELECT seq, time, source, type, session, "
	    "actor, uid, pid, body, prev_hash FROM records ORDER BY seq", -1,
	    &st, NULL) != SQLITE_OK)
		errx(1, "select: %s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		if ((rows = reallocarray(rows, n + 2, sizeof(*rows))) == NULL)
			err(1, "realloc");
		if ((long long)n + 1 == k) {
			/* The forgery, before the row that had seq k. */
			memset(&rows[n], 0, sizeof(rows[n]));
			rows[n].r.time = sqlite3_column_int64(st, 1);
			rows[n].s[0] = strdup("harnessd/engine");
			rows[n].s[1] = strdup("approval.decision");
			rows[n].s[2] = strdup("");
			rows[n].s[3] = strdup("key:admin");
			rows[n].s[4] = strdup("{\"decision\":\"allow\"}");
			rows[n].r.uid = 0;
			rows[n].r.pid = 1;
			for (j = 0; j < 5; j++)
				if (rows[n].s[j] == NULL)
					err(1, "strdup");
			n++;
		}
		memset(&rows[n], 0, sizeof(rows[n]));
		rows[n].r.time = sqlite3_column_int64(st, 1);
		for (j = 0; j < 4; j++)
			rows[n].s[j] = col(st, 2 + (int)j);
		rows[n].r.uid = sqlite3_column_int64(st, 6);
		rows[n].r.pid = sqlite3_column_int64(st, 7);
		rows[n].s[4] = col(st, 8);
		n++;
	}
	sqlite3_finalize(st);
	if ((long long)n < k)
		errx(1, "only %zu records", n);

	if (sqlite3_exec(db, "BEGIN; DROP TRIGGER IF EXISTS records_no_delete;"
	    "DROP TRIGGER IF EXISTS records_no_update;"
	    "DELETE FROM records;", NULL, NULL, NULL) != SQLITE_OK)
		errx(1, "delete: %s", sqlite3_errmsg(db));
	if (sqlite3_prepare_v2(db, "INSERT INTO records VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		errx(1, "insert: %s", sqlite3_errmsg(db));
	memset(prev, 0, sizeof(prev));
	for (i = 0; i < n; i++) {
		struct auditlog_record *r = &rows[i].r;

		r->seq = i + 1;
		r->source = rows[i].s[0];
		r->type = rows[i].s[1];
		r->session = rows[i].s[2];
		r->actor = rows[i].s[3];
		r->body = rows[i].s[4];
		auditlog_hash_record(prev, r, r->hash);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)r->seq);
		sqlite3_bind_int64(st, 2, r->time);
		for (j = 0; j < 4; j++)
			sqlite3_bind_text(st, 3 + (int)j, rows[i].s[j], -1,
			    SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, r->uid);
		sqlite3_bind_int64(st, 8, r->pid);
		sqlite3_bind_text(st, 9, r->body, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 10, prev, AUDITLOG_HASHLEN,
		    SQLITE_TRANSIENT);
		sqlite3_bind_blob(st, 11, r->hash, AUDITLOG_HASHLEN,
		    SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			errx(1, "insert: %s", sqlite3_errmsg(db));
		sqlite3_reset(st);
		memcpy(prev, r->hash, sizeof(prev));
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		errx(1, "commit: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
	for (i = 0; i < n; i++)
		for (j = 0; j < 5; j++)
			free(rows[i].s[j]);
	free(rows);
	printf("forged record %lld of %zu\n", k, n);
	return 0;
}
