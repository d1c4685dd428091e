/*
 * audit_store: durable audit events per second with group commits of 1,
 * 8, 64 and 512 records, against a plain SQLite loop that makes one
 * durable INSERT per transaction (WAL, synchronous=FULL) on the same
 * disk.  Both sides write a row of the same shape and body size; the
 * audit store also validates, canonicalises and hashes every record.
 *
 * usage: audit_store [dir]   (default: /var/tmp, or . if that is tmpfs)
 * BENCH_SECONDS sets the time given to each contender (default 3), in
 * interleaved slices of 0.25 s.
 */
#include <sys/stat.h>
#include <sys/vfs.h>

#include <dirent.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "auditlog.h"

#define TMPFS_MAGIC	0x01021994

static const char body[] = "{\"tool\":\"shell\",\"args\":{\"cmd\":"
    "\"ls -la /srv/project\",\"cwd\":\"/srv/project\",\"env\":[\"LANG\","
    "\"PATH\"]},\"sandbox\":\"sb-42\",\"exit\":0,\"ms\":12,"
    "\"approved_by\":\"key:alice\",\"approval\":\"auto\"}";

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
rmtree(const char *dir)
{
	char		 path[PATH_MAX + 300];
	struct dirent	*de;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

struct raw {
	char		 dir[PATH_MAX + 32];
	sqlite3		*db;
	sqlite3_stmt	*begin, *ins, *commit;
	unsigned char	 h[2][32];
	long		 n;
	double		 t;
};

struct store {
	char			 dir[PATH_MAX + 32];
	struct auditlog		*log;
	struct auditlog_record	*recs;
	size_t			 batch;
	long			 n;
	double			 t;
};

static void
raw_open(struct raw *w, const char *top)
{
	char	 path[PATH_MAX + 64];

	memset(w, 0, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "%s/raw", top);
	if (mkdir(w->dir, 0700) == -1)
		err(1, "%s", w->dir);
	snprintf(path, sizeof(path), "%s/raw.db", w->dir);
	if (sqlite3_open(path, &w->db) != SQLITE_OK ||
	    sqlite3_exec(w->db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "CREATE TABLE records (seq INTEGER PRIMARY KEY, time INTEGER,"
	    " source TEXT, type TEXT, session TEXT, actor TEXT, uid INTEGER,"
	    " pid INTEGER, body TEXT, prev_hash BLOB, hash BLOB);",
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w->db, "BEGIN IMMEDIATE", -1, &w->begin, NULL) ||
	    sqlite3_prepare_v2(w->db, "COMMIT", -1, &w->commit, NULL) ||
	    sqlite3_prepare_v2(w->db, "INSERT INTO records VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &w->ins, NULL))
		errx(1, "raw sqlite: %s", sqlite3_errmsg(w->db));
	randombytes_buf(w->h, sizeof(w->h));
}

static void
raw_slice(struct raw *w, double secs)
{
	sqlite3_stmt	*ins = w->ins;
	double		 t0, t;

	t0 = now();
	do {
		sqlite3_step(w->begin);
		sqlite3_reset(w->begin);
		sqlite3_bind_int64(ins, 1, w->n + 1);
		sqlite3_bind_int64(ins, 2, time(NULL) * 1000000000LL);
		sqlite3_bind_text(ins, 3, "harnessd/engine", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, "tool.call", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, "sess-1", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, "key:alice", -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 7, 1000);
		sqlite3_bind_int64(ins, 8, 4242);
		sqlite3_bind_text(ins, 9, body, -1, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 10, w->h[0], 32, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 11, w->h[1], 32, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			errx(1, "raw insert: %s", sqlite3_errmsg(w->db));
		sqlite3_reset(ins);
		if (sqlite3_step(w->commit) != SQLITE_DONE)
			errx(1, "raw commit: %s", sqlite3_errmsg(w->db));
		sqlite3_reset(w->commit);
		w->n++;
		t = now() - t0;
	} while (t < secs);
	w->t += t;
}

static void
raw_close(struct raw *w)
{
	sqlite3_finalize(w->begin);
	sqlite3_finalize(w->ins);
	sqlite3_finalize(w->commit);
	sqlite3_close(w->db);
	rmtree(w->dir);
}

static void
store_open(struct store *w, const char *top, size_t batch)
{
	char	 e[256];

	memset(w, 0, sizeof(*w));
	w->batch = batch;
	snprintf(w->dir, sizeof(w->dir), "%s/batch%zu", top, batch);
	if (mkdir(w->dir, 0700) == -1)
		err(1, "%s", w->dir);
	if ((w->log = auditlog_open(w->dir, NULL, NULL, e, sizeof(e))) == NULL)
		errx(1, "auditlog_open: %s", e);
	if ((w->recs = calloc(batch, sizeof(*w->recs))) == NULL)
		err(1, NULL);
}

static void
store_slice(struct store *w, double secs)
{
	char	 e[256];
	double	 t0, t;
	size_t	 i;

	t0 = now();
	do {
		for (i = 0; i < w->batch; i++) {
			memset(&w->recs[i], 0, sizeof(w->recs[i]));
			w->recs[i].source = "harnessd/engine";
			w->recs[i].type = "tool.call";
			w->recs[i].session = "sess-1";
			w->recs[i].actor = "key:alice";
			w->recs[i].uid = 1000;
			w->recs[i].pid = 4242;
			w->recs[i].body = body;
		}
		if (auditlog_append(w->log, w->recs, w->batch, e, sizeof(e))
		    == -1)
			errx(1, "auditlog_append: %s", e);
		w->n += w->batch;
		t = now() - t0;
	} while (t < secs);
	w->t += t;
}

static void
store_close(struct store *w)
{
	free(w->recs);
	auditlog_close(w->log);
	rmtree(w->dir);
}

int
main(int argc, char *argv[])
{
	static const size_t	 batches[] = { 1, 8, 64, 512 };
	enum { NB = sizeof(batches) / sizeof(batches[0]) };
	struct store		 st[NB];
	struct raw		 raw;
	struct statfs		 sf;
	const char		*base, *s;
	char			 top[PATH_MAX];
	double			 secs = 3, slice = 0.25, r, ev;
	size_t			 i;
	int			 k, rounds;

	if (sodium_init() < 0)
		errx(1, "libsodium");
	if ((s = getenv("BENCH_SECONDS")) != NULL && atof(s) > 0)
		secs = atof(s);
	if (argc > 1)
		base = argv[1];
	else if (statfs("/var/tmp", &sf) == 0 && sf.f_type != TMPFS_MAGIC)
		base = "/var/tmp";
	else
		base = ".";
	if (statfs(base, &sf) == 0 && sf.f_type == TMPFS_MAGIC)
		warnx("%s is tmpfs: fsync costs nothing there", base);
	snprintf(top, sizeof(top), "%s/audit_store.XXXXXX", base);
	if (mkdtemp(top) == NULL)
		err(1, "%s", top);

	raw_open(&raw, top);
	for (i = 0; i < NB; i++)
		store_open(&st[i], top, batches[i]);
	/*
	 * Interleave short slices of every contender so that a burst of
	 * I/O from a neighbour on a shared disk falls on all of them alike.
	 */
	rounds = secs / slice < 1 ? 1 : secs / slice;
	for (k = 0; k < rounds; k++) {
		raw_slice(&raw, slice);
		for (i = 0; i < NB; i++)
			store_slice(&st[i], slice);
	}
	r = raw.n / raw.t;
	printf("audit store: raw sqlite: %.0f ev/s (one durable INSERT per "
	    "transaction, WAL, synchronous=FULL, in %s, %.1f s each)\n", r,
	    base, raw.t);
	for (i = 0; i < NB; i++) {
		ev = st[i].n / st[i].t;
		printf("audit store: batch %zu: %.0f ev/s (ratio %.1fx vs raw "
		    "sqlite %.0f ev/s)\n", batches[i], ev, ev / r, r);
	}
	raw_close(&raw);
	for (i = 0; i < NB; i++)
		store_close(&st[i]);
	rmdir(top);
	return 0;
}
