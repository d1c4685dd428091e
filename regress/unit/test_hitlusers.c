/*
 * hitld's user table (hitld/users.c): the first entry of a uid wins,
 * a merge renames and adds, the table crosses in as many payloads as
 * it needs, and malformed payloads or names are refused.
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "wire.h"
#include "../../hitld/hitld.h"

static int
named(const struct users *t, uid_t uid, const char *want)
{
	const char	*n = users_find(t, uid);

	if (want == NULL)
		return n == NULL;
	return n != NULL && strcmp(n, want) == 0;
}

static void
test_table(void)
{
	struct users	 t, f;

	memset(&t, 0, sizeof(t));
	memset(&f, 0, sizeof(f));
	users_add(&t, 1000, "alice");
	users_add(&t, 0, "root");
	users_add(&t, 0, "toor");
	users_add(&t, 1001, "bob");
	users_sort(&t);
	tap_ok(t.n == 3 && named(&t, 0, "root") && named(&t, 1000, "alice") &&
	    named(&t, 1001, "bob") && named(&t, 5, NULL),
	    "table: sorted, the first name of a uid wins");

	users_add(&t, 7, "");
	users_add(&t, 8, "a b");
	users_add(&t, 9, "x\ny");
	users_add(&t, 10, "q\"");
	users_add(&t, 11, "0123456789012345678901234567890123456789"
	    "012345678901234567890123");
	users_sort(&t);
	tap_ok(t.n == 3 && named(&t, 7, NULL) && named(&t, 8, NULL) &&
	    named(&t, 9, NULL) && named(&t, 10, NULL) && named(&t, 11, NULL),
	    "table: empty, spaced, control, quoted and long names not kept");

	users_add(&f, 1001, "robert");
	users_add(&f, 1002, "carol");
	users_sort(&f);
	tap_ok(users_merge(&t, &f) == 0 && t.n == 4 &&
	    named(&t, 1001, "robert") && named(&t, 1002, "carol") &&
	    named(&t, 1000, "alice") && named(&t, 0, "root"),
	    "merge: renamed, added, the others kept");
	users_free(&t);
	users_free(&f);
}

static void
test_wire(void)
{
	struct users	 t, r;
	struct wbuf	 wb;
	char		 name[32];
	size_t		 pos = 0, msgs = 0, i;
	int		 bad = 0;

	memset(&t, 0, sizeof(t));
	memset(&r, 0, sizeof(r));
	for (i = 0; i < 3000; i++) {
		snprintf(name, sizeof(name), "user%05zu", i);
		users_add(&t, (uid_t)(10000 + i), name);
	}
	users_sort(&t);
	while (pos < t.n && msgs < 100) {
		wire_init(&wb);
		users_encode(&t, &pos, &wb);
		if (wire_ok(&wb) == -1 || wb.len == 0 ||
		    users_decode(&r, wb.buf, wb.len) == -1)
			bad++;
		msgs++;
	}
	for (i = 0; i < t.n; i++)
		if (!named(&r, t.v[i].uid, t.v[i].name))
			bad++;
	tap_ok(bad == 0 && msgs > 1 && r.n == t.n,
	    "wire: 3000 names in several payloads, all back");
	users_free(&r);

	/* Every cut inside its last entry (17 bytes) is refused. */
	pos = 0;
	wire_init(&wb);
	users_encode(&t, &pos, &wb);
	bad = 0;
	for (i = 1; i < 17; i++) {
		memset(&r, 0, sizeof(r));
		if (users_decode(&r, wb.buf, wb.len - i) != -1)
			bad++;
		users_free(&r);
	}
	tap_ok(bad == 0, "wire: cut payloads refused");

	wire_init(&wb);
	wire_put_u32(&wb, 5);
	wire_put_str(&wb, "bad name");
	memset(&r, 0, sizeof(r));
	tap_ok(users_decode(&r, wb.buf, wb.len) == -1, "wire: a bad name refused");
	users_free(&r);

	wire_init(&wb);
	wire_put_u32(&wb, 5);
	wire_put_u32(&wb, 3);
	wire_put_bytes(&wb, "a\0b", 3);
	memset(&r, 0, sizeof(r));
	tap_ok(users_decode(&r, wb.buf, wb.len) == -1, "wire: a NUL refused");
	users_free(&r);

	memset(&r, 0, sizeof(r));
	tap_ok(users_decode(&r, "", 0) == 0 && r.n == 0,
	    "wire: an empty payload is an empty table");
	users_free(&r);
	users_free(&t);
}

static void
test_read(void)
{
	struct users	 t;
	char		 path[] = "/tmp/test_hitlusers.XXXXXX";
	FILE		*f;
	int		 fd;

	memset(&t, 0, sizeof(t));
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		tap_skip("read: a password file", "cannot make a temp file");
		return;
	}
	fputs("root:x:0:0:root:/root:/bin/sh\n"
	    "h6ap:x:1001:100::/nonexistent:/usr/sbin/nologin\n"
	    "toor:x:0:0::/:/bin/sh\n", f);
	fclose(f);
	tap_ok(users_read(&t, path) == 0 && t.n == 2 &&
	    named(&t, 0, "root") && named(&t, 1001, "h6ap"),
	    "read: the password file, first name of a uid");
	users_free(&t);
	unlink(path);
	tap_ok(users_read(&t, path) == -1 && t.n == 0,
	    "read: a missing file is an error");
	users_free(&t);
}

int
main(void)
{
	test_table();
	test_wire();
	test_read();
	return tap_done();
}
