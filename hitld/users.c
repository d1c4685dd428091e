/*
 * The user table that names approvers in decisions.  The queue runs in
 * an empty chroot without a password database, so it reads the names
 * at start, before the chroot; on SIGHUP the parent, which can still
 * read files, reads the password file again and sends its names in
 * IMSG_HITL_USERS messages, which the queue merges into its table.
 * An approver added to the group after the start is then named, not
 * shown by uid.
 *
 * Payload of IMSG_HITL_USERS: any number of (u32 uid, str name), as
 * many as fit; a table takes as many messages as it needs.
 */
#include <sys/types.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hitld.h"
#include "wire.h"

/* Sort by uid, and by the order read within one uid. */
static int
uname_cmp(const void *a, const void *b)
{
	const struct uname *x = a, *y = b;

	if (x->uid != y->uid)
		return x->uid < y->uid ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * A name goes into audit records and log lines as the approver's: one
 * with a control character, a space, a quote or a backslash is not
 * kept (its uid is shown instead).
 */
static int
name_ok(const char *name)
{
	size_t	 len;

	if (name == NULL || (len = strlen(name)) == 0 ||
	    len >= HITL_NAME_MAX)
		return 0;
	for (; *name != '\0'; name++)
		if ((unsigned char)*name <= 0x20 ||
		    (unsigned char)*name == 0x7f || *name == '"' ||
		    *name == '\\')
			return 0;
	return 1;
}

int
users_add(struct users *t, uid_t uid, const char *name)
{
	struct uname	*v;
	size_t		 cap;

	if (!name_ok(name))
		return 0;
	if (t->n >= USERS_MAX) {
		errno = ENOSPC;
		return -1;
	}
	if (t->n == t->cap) {
		cap = t->cap ? t->cap * 2 : 64;
		if ((v = reallocarray(t->v, cap, sizeof(*v))) == NULL)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n].uid = uid;
	t->v[t->n].seq = t->seq++;
	strlcpy(t->v[t->n].name, name, sizeof(t->v[t->n].name));
	t->n++;
	return 0;
}

/* Sorted by uid; of several entries for one uid, the first read wins. */
void
users_sort(struct users *t)
{
	size_t	 i, n;

	if (t->n == 0)
		return;
	qsort(t->v, t->n, sizeof(*t->v), uname_cmp);
	for (i = 1, n = 1; i < t->n; i++)
		if (t->v[i].uid != t->v[n - 1].uid)
			t->v[n++] = t->v[i];
	t->n = n;
}

/* The entry of uid among the first n (sorted) entries, or NULL. */
static struct uname *
find(const struct users *t, size_t n, uid_t uid)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->v[mid].uid == uid)
			return &t->v[mid];
		if (t->v[mid].uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
users_find(const struct users *t, uid_t uid)
{
	struct uname	*u;

	return (u = find(t, t->n, uid)) != NULL ? u->name : NULL;
}

/*
 * Names in from (sorted) replace those of the same uids in t (sorted),
 * the others are added: a user renamed is shown by the new name, one
 * removed from the file keeps the old.
 */
int
users_merge(struct users *t, const struct users *from)
{
	struct uname	*u;
	size_t		 i, n = t->n;
	int		 rc = 0;

	for (i = 0; i < from->n; i++) {
		if ((u = find(t, n, from->v[i].uid)) != NULL)
			strlcpy(u->name, from->v[i].name, sizeof(u->name));
		else if (users_add(t, from->v[i].uid, from->v[i].name) == -1) {
			rc = -1;
			break;
		}
	}
	users_sort(t);
	return rc;
}

void
users_free(struct users *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/*
 * The password file itself, not the name service switch: the parent is
 * confined, and NSS modules would want to load libraries and reach
 * other services.  Users only a directory service knows are named at
 * start only.
 */
int
users_read(struct users *t, const char *path)
{
	FILE		*f;
	struct passwd	*pw;
	int		 rc = 0, saved;

	if ((f = fopen(path, "re")) == NULL)
		return -1;
	errno = 0;
	while ((pw = fgetpwent(f)) != NULL)
		if (users_add(t, pw->pw_uid, pw->pw_name) == -1) {
			rc = -1;
			break;
		}
	saved = errno;
	if (rc == 0 && ferror(f))
		rc = -1;
	fclose(f);
	if (rc == 0)
		users_sort(t);
	else
		errno = saved ? saved : EIO;
	return rc;
}

/* As many entries from *pos as fit into wb; *pos moves past them. */
void
users_encode(const struct users *t, size_t *pos, struct wbuf *wb)
{
	size_t	 len;

	for (; *pos < t->n; (*pos)++) {
		len = strlen(t->v[*pos].name);
		if (wb->len + 2 * sizeof(uint32_t) + len > sizeof(wb->buf))
			break;
		wire_put_u32(wb, (uint32_t)t->v[*pos].uid);
		wire_put_str(wb, t->v[*pos].name);
	}
}

/* One payload into t (then sorted); -1 if malformed. */
int
users_decode(struct users *t, const void *p, size_t len)
{
	struct rbuf	 rb;
	uint32_t	 uid;
	char		 name[HITL_NAME_MAX];

	wire_rinit(&rb, p, len);
	while (wire_left(&rb) > 0) {
		if (wire_get_u32(&rb, &uid) == -1 ||
		    wire_get_strbuf(&rb, name, sizeof(name)) == -1 ||
		    !name_ok(name) || users_add(t, (uid_t)uid, name) == -1)
			return -1;
	}
	users_sort(t);
	return 0;
}
