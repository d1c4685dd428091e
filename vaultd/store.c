/*
 * The store process: holds the master key once unsealed.  It never
 * swaps (mlockall) and cannot be dumped or traced (PR_SET_DUMPABLE 0).
 * It answers the administrator (harnessctl vault) and sandboxd's
 * deliveries on the control socket; values only ever cross the socket
 * inside memfds, and only delivered copies leave the process.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <event2/event.h>
#include <json-c/json.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auditc.h"
#include "conf.h"
#include "control.h"
#include "imsg.h"
#include "jwt.h"
#include "log.h"
#include "proc.h"
#include "vault_proto.h"
#include "vaultc.h"
#include "vaultd.h"
#include "wire.h"

/*
 * Locked memory wanted: the event loop and its buffers, a few 1 MiB
 * values in flight, and Argon2id's work area.
 */
#define VAULT_MEMLOCK	(64ULL * 1024 * 1024 + VSTORE_MEMLIMIT)

struct vault_state {
	struct vstore	*vs;
	int		 dirfd;
};

static struct vault_state vault;

const char *
vault_chroot(const struct harness_conf *conf)
{
	return conf->vaultd.d.chroot;
}

/*
 * Log and send one record.  With AUDIT_ACK, cb hears whether it is
 * durable (never from in here); -1 when it cannot be sent at all.
 */
static int
audit_send(const char *action, const char *tool, const char *session,
    const char *secret, const char *result, int flags, audit_cb cb,
    void *arg)
{
	struct json_object	*o;
	char			 type[64];
	int			 rc;

	/* Names only, never values. */
	log_info("audit: vault %s tool=%s session=%s secret=%s result=%s",
	    action, tool != NULL ? tool : "-", session != NULL ? session : "-",
	    secret != NULL ? secret : "-", result);
	if (strcmp(action, "deliver") == 0)
		strlcpy(type, "vault.secret.read", sizeof(type));
	else
		snprintf(type, sizeof(type), "vault.%s", action);
	o = json_object_new_object();
	if (tool != NULL)
		json_object_object_add(o, "tool", json_object_new_string(tool));
	if (secret != NULL)
		json_object_object_add(o, "secret",
		    json_object_new_string(secret));
	json_object_object_add(o, "result", json_object_new_string(result));
	rc = audit_event(type, session != NULL ? session : "",
	    tool == NULL ? "uid:0" : strcmp(tool, JWT_VAULT_TOOL) == 0 ?
	    "harnessd" : "sandboxd",
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), flags,
	    cb, arg);
	if (rc == -1)
		log_warnx("cannot send the audit event %s: %s", type,
		    strerror(errno));
	json_object_put(o);
	return rc;
}

/* A record nothing waits for: refusals and administration. */
void
vault_audit(const char *action, const char *tool, const char *session,
    const char *secret, const char *result)
{
	(void)audit_send(action, tool, session, secret, result, 0, NULL,
	    NULL);
}

void
vault_on_fd(struct proc_ctx *ctx, uint32_t type, uint32_t arg, int fd)
{
	if (audit_on_fd(ctx, type, arg, fd))
		return;
	log_warnx("%s: unexpected fd (%u/%u)", __func__, type, arg);
	if (fd != -1)
		close(fd);
}

/*
 * Read a passed memfd (or any regular file) of min..max bytes into a
 * guarded allocation (free with vstore_value_free, which wipes).  The
 * pages are dropped from the memfd afterwards where it allows it.
 */
static int
read_passed(int fd, size_t min, size_t max, unsigned char **bufp,
    size_t *lenp, char *err, size_t errlen)
{
	struct stat	 st;
	unsigned char	*buf;
	size_t		 off = 0, len;
	ssize_t		 n;

	*bufp = NULL;
	if (fd == -1) {
		snprintf(err, errlen, "no file descriptor with the request");
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "the passed descriptor is not a memfd");
		return -1;
	}
	if (st.st_size < (off_t)min || st.st_size > (off_t)max) {
		snprintf(err, errlen, "size must be %zu to %zu bytes, got "
		    "%lld", min, max, (long long)st.st_size);
		return -1;
	}
	len = (size_t)st.st_size;
	if ((buf = sodium_malloc(len > 0 ? len : 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (off < len) {
		n = pread(fd, buf + off, len - off, (off_t)off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "read: %s", n == 0 ?
			    "short file" : strerror(errno));
			sodium_free(buf);
			return -1;
		}
		off += (size_t)n;
	}
	/* Drop the pages now; a sender that sealed them frees them. */
	if (ftruncate(fd, 0) == -1 && errno != EPERM)
		log_debug("%s: ftruncate: %s", __func__, strerror(errno));
	*bufp = buf;
	*lenp = len;
	return 0;
}

/* A memfd holding exactly the value, sealed, offset 0.  fd or -1. */
static int
sealed_memfd(const unsigned char *val, size_t len, char *err, size_t errlen)
{
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = memfd_create("vault-secret", MFD_CLOEXEC |
	    MFD_ALLOW_SEALING)) == -1) {
		snprintf(err, errlen, "memfd_create: %s", strerror(errno));
		return -1;
	}
	while (off < len) {
		n = write(fd, val + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "memfd write: %s", n == 0 ?
			    "short write" : strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) == -1 ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK |
	    F_SEAL_GROW | F_SEAL_SEAL) == -1) {
		snprintf(err, errlen, "memfd seal: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void
ctl_session(struct ctl_conn *c, char *buf, size_t len)
{
	snprintf(buf, len, "ctl-uid%u-pid%d", (unsigned)c->uid, (int)c->pid);
}

static void
ctl_ok(struct ctl_conn *c, uint32_t peerid)
{
	control_reply(c, IMSG_CTL_OK, peerid, -1, NULL, 0);
}

/* INIT and UNSEAL: u32 method; fd: passphrase or key. */
static void
handle_key(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	struct rbuf	 rb;
	unsigned char	*buf = NULL;
	size_t		 len = 0;
	uint32_t	 method;
	char		 err[256], sess[64];
	const char	*what = imsg->hdr.type == IMSG_VAULT_INIT ? "init" :
			    "unseal";
	int		 rc;

	ctl_session(c, sess, sizeof(sess));
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_u32(&rb, &method) == -1 || wire_end(&rb) == -1 ||
	    (method != VAULT_METHOD_PASSPHRASE &&
	    method != VAULT_METHOD_KEYFILE)) {
		control_error(c, imsg->hdr.peerid, "malformed %s request",
		    what);
		return;
	}
	if (read_passed(imsg->fd, 1, method == VAULT_METHOD_KEYFILE ?
	    VAULT_KEYFILE_LEN : VAULT_PASS_MAX, &buf, &len, err,
	    sizeof(err)) == -1) {
		control_error(c, imsg->hdr.peerid, "%s: %s", what, err);
		vault_audit(what, NULL, sess, NULL, "refused: bad request");
		return;
	}
	if (imsg->hdr.type == IMSG_VAULT_INIT)
		rc = vstore_init(vault.vs, method, buf, len, 0, 0, err,
		    sizeof(err));
	else
		rc = vstore_unseal(vault.vs, method, buf, len, err,
		    sizeof(err));
	vstore_value_free(buf, len);
	if (rc == -1) {
		log_warnx("%s refused for uid %u pid %d: %s", what,
		    (unsigned)c->uid, (int)c->pid, err);
		vault_audit(what, NULL, sess, NULL, err);
		control_error(c, imsg->hdr.peerid, "%s", err);
		return;
	}
	log_info("vault %s by uid %u pid %d: unsealed with a %s",
	    imsg->hdr.type == IMSG_VAULT_INIT ? "initialised" : "unsealed",
	    (unsigned)c->uid, (int)c->pid, method == VAULT_METHOD_KEYFILE ?
	    "key file" : "passphrase");
	vault_audit(what, NULL, sess, NULL, "ok");
	ctl_ok(c, imsg->hdr.peerid);
}

static void
handle_status(struct ctl_conn *c, struct imsg *imsg)
{
	struct vstore_info	 vi;
	struct vstore_entry	*ent = NULL;
	struct wbuf		 wb;
	size_t			 n = 0, i, nver = 0;
	char			 err[256];

	vstore_info(vault.vs, &vi);
	if (vi.initialised && vstore_list(vault.vs, &ent, &n, err,
	    sizeof(err)) == -1) {
		control_error(c, imsg->hdr.peerid, "%s", err);
		return;
	}
	for (i = 0; i < n; i++)
		nver += ent[i].nversions;
	free(ent);
	wire_init(&wb);
	wire_put_u32(&wb, (uint32_t)vi.initialised);
	wire_put_u32(&wb, (uint32_t)vi.sealed);
	wire_put_u32(&wb, vi.method);
	wire_put_u32(&wb, (uint32_t)n);
	wire_put_u32(&wb, (uint32_t)nver);
	wire_put_u64(&wb, vi.opslimit);
	wire_put_u64(&wb, vi.memlimit);
	control_reply(c, IMSG_VAULT_STATUS, imsg->hdr.peerid, -1, wb.buf,
	    wb.len);
}

/* Requests that carry only a secret name. */
static int
get_name(struct ctl_conn *c, struct imsg *imsg, char *name, size_t len)
{
	struct rbuf	 rb;
	char		 err[256];

	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_strbuf(&rb, name, len) == -1 || wire_end(&rb) == -1) {
		control_error(c, imsg->hdr.peerid, "malformed request");
		return -1;
	}
	if (vault_name_check(name, err, sizeof(err)) == -1) {
		control_error(c, imsg->hdr.peerid, "%s", err);
		return -1;
	}
	return 0;
}

/*
 * A change to the stored secrets (put, rotate, rm, prune) is made only
 * once auditd has acknowledged its record, as DESIGN.md's fail secure
 * asks: with auditd down, unreachable, refusing or silent it is refused
 * and nothing changes.  A new version is first written to a temporary
 * file, so that when the record says "ok" only a rename is left;
 * versions are removed after the ack.  Should that last step still
 * fail, a second record says so.  Changes to one secret go one at a
 * time in the order asked (a new version's number depends on the one
 * before); other secrets' changes do not wait for them.
 */
#define CHANGES_MAX	64	/* changes waiting or running at once */

struct change {
	TAILQ_ENTRY(change) entry;
	uint32_t	 type;		/* IMSG_VAULT_ PUT ROTATE RM PRUNE */
	uint32_t	 conn_id;
	uint32_t	 peerid;
	int		 running;	/* record sent, waiting for its ack */
	int		 queued;	/* behind another of the secret */
	unsigned char	*val;		/* put, rotate: value until staged */
	size_t		 len;
	uint32_t	 version;	/* put, rotate: the staged version */
	char		 name[VAULT_NAME_MAX + 1];
	char		 sess[64];
};
TAILQ_HEAD(changes, change);
static struct changes changes = TAILQ_HEAD_INITIALIZER(changes);
static size_t nchanges;
static int changes_stopping;	/* vaultd is stopping: start none */

static void	change_audited(int, uint64_t, const char *, void *);
static void	change_shutdown(struct change *);

static const char *
change_name(uint32_t type)
{
	switch (type) {
	case IMSG_VAULT_PUT:
		return "put";
	case IMSG_VAULT_ROTATE:
		return "rotate";
	case IMSG_VAULT_RM:
		return "rm";
	default:
		return "prune";
	}
}

static const char *
change_what(const struct change *ch)
{
	return change_name(ch->type);
}

/* As in "secret NAME not stored: REASON". */
static const char *
done_name(uint32_t type)
{
	switch (type) {
	case IMSG_VAULT_PUT:
	case IMSG_VAULT_ROTATE:
		return "stored";
	case IMSG_VAULT_RM:
		return "removed";
	default:
		return "pruned";
	}
}

static const char *
change_done(const struct change *ch)
{
	return done_name(ch->type);
}

/* The requester, or NULL when it has gone. */
static struct ctl_conn *
change_conn(const struct change *ch)
{
	struct ctl_conn	*c;

	if ((c = control_find(ch->conn_id)) != NULL && c->closing)
		return NULL;
	return c;
}

static void
change_free(struct change *ch)
{
	TAILQ_REMOVE(&changes, ch, entry);
	nchanges--;
	vstore_value_free(ch->val, ch->len);
	free(ch);
}

/* Refused before its record was sent: answered and recorded as now. */
static void
change_refuse(struct change *ch, const char *err)
{
	struct ctl_conn	*c;

	if ((c = change_conn(ch)) != NULL)
		control_error(c, ch->peerid, "%s", err);
	vault_audit(change_what(ch), NULL, ch->sess, ch->name, err);
}

/* Its record was not acknowledged: nothing changes. */
static void
change_unaudited(struct change *ch, const char *why)
{
	struct ctl_conn	*c;

	log_warnx("secret %s not %s: %s", ch->name, change_done(ch), why);
	if (ch->type == IMSG_VAULT_PUT || ch->type == IMSG_VAULT_ROTATE)
		vstore_put_abort(vault.vs, ch->name, ch->version);
	if ((c = change_conn(ch)) != NULL)
		control_error(c, ch->peerid, "secret %s not %s: %s", ch->name,
		    change_done(ch), why);
}

/* Not started when vaultd stops: nothing was staged or recorded. */
static void
change_shutdown(struct change *ch)
{
	struct ctl_conn	*c;

	log_info("secret %s not %s: vaultd is shutting down", ch->name,
	    change_done(ch));
	if ((c = change_conn(ch)) != NULL)
		control_error(c, ch->peerid, "secret %s not %s: vaultd is "
		    "shutting down", ch->name, change_done(ch));
}

/* Check and stage it, and send its record: 0 when it waits for the ack. */
static int
change_start(struct change *ch)
{
	struct vstore_entry	 e;
	struct ctl_conn		*c;
	char			 err[256];
	int			 rc;

	/* Sealed while it waited its turn. */
	if (vstore_sealed(vault.vs)) {
		if ((c = change_conn(ch)) != NULL)
			control_error(c, ch->peerid, "vault is sealed");
		vault_audit(change_what(ch), NULL, ch->sess, ch->name,
		    "refused: vault is sealed");
		return -1;
	}
	if (ch->type == IMSG_VAULT_PUT || ch->type == IMSG_VAULT_ROTATE) {
		rc = vstore_put_stage(vault.vs, ch->name, ch->val, ch->len,
		    ch->type == IMSG_VAULT_ROTATE, &ch->version, err,
		    sizeof(err));
		vstore_value_free(ch->val, ch->len);
		ch->val = NULL;
		ch->len = 0;
	} else
		rc = vstore_versions(vault.vs, ch->name, &e, err, sizeof(err));
	if (rc == -1) {
		change_refuse(ch, err);
		return -1;
	}
	ch->running = 1;
	if (audit_send(change_what(ch), NULL, ch->sess, ch->name, "ok",
	    AUDIT_ACK, change_audited, ch) == -1) {
		change_unaudited(ch, "auditd unreachable: cannot send the "
		    "record");
		return -1;
	}
	return 0;
}

/* Start every change whose secret has none before it in the queue. */
static void
change_run(void)
{
	struct change	*ch, *next, *o;

	for (ch = TAILQ_FIRST(&changes); ch != NULL; ch = next) {
		next = TAILQ_NEXT(ch, entry);
		if (ch->running)
			continue;
		for (o = TAILQ_FIRST(&changes); o != ch;
		    o = TAILQ_NEXT(o, entry))
			if (strcmp(o->name, ch->name) == 0)
				break;
		if (changes_stopping) {
			change_shutdown(ch);
			change_free(ch);
		} else if (o != ch) {
			if (!ch->queued)
				log_info("secret %s: %s waits for the %s "
				    "before it", ch->name, change_what(ch),
				    change_what(o));
			ch->queued = 1;
		} else if (change_start(ch) == -1)
			change_free(ch);
	}
}

/* The record is durable: make the change, then answer. */
static void
change_make(struct change *ch, uint64_t seq)
{
	struct ctl_conn	*c;
	struct wbuf	 wb;
	uint32_t	 n = 0;
	char		 err[256], why[300];
	int		 rc;

	switch (ch->type) {
	case IMSG_VAULT_PUT:
	case IMSG_VAULT_ROTATE:
		rc = vstore_put_commit(vault.vs, ch->name, ch->version, err,
		    sizeof(err));
		n = ch->version;
		break;
	case IMSG_VAULT_RM:
		rc = vstore_rm(vault.vs, ch->name, err, sizeof(err));
		break;
	default:
		rc = vstore_prune(vault.vs, ch->name, &n, err, sizeof(err));
		break;
	}
	c = change_conn(ch);
	if (rc == -1) {
		log_warnx("secret %s: %s failed after its audit record %llu: "
		    "%s", ch->name, change_what(ch), (unsigned long long)seq,
		    err);
		snprintf(why, sizeof(why), "failed after its record: %s", err);
		vault_audit(change_what(ch), NULL, ch->sess, ch->name, why);
		if (c != NULL)
			control_error(c, ch->peerid, "%s", err);
		return;
	}
	if (c == NULL) {
		log_info("secret %s %s; its requester left before the answer",
		    ch->name, change_done(ch));
		return;
	}
	if (ch->type == IMSG_VAULT_RM) {
		ctl_ok(c, ch->peerid);
		return;
	}
	wire_init(&wb);
	wire_put_u32(&wb, n);
	control_reply(c, IMSG_VAULT_STORED, ch->peerid, -1, wb.buf, wb.len);
}

static void
change_audited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct change	*ch = arg;

	if (ok)
		change_make(ch, seq);
	else
		change_unaudited(ch, err);
	change_free(ch);
	change_run();
}

/* PUT, ROTATE, RM, PRUNE: string name; PUT and ROTATE: fd, the value. */
static void
handle_change(struct ctl_conn *c, struct imsg *imsg)
{
	struct change	*ch;
	unsigned char	*buf = NULL;
	size_t		 len = 0;
	char		 name[VAULT_NAME_MAX + 1], err[256], sess[64];
	int		 put = imsg->hdr.type == IMSG_VAULT_PUT ||
			    imsg->hdr.type == IMSG_VAULT_ROTATE;
	const char	*what = change_name(imsg->hdr.type);

	ctl_session(c, sess, sizeof(sess));
	if (get_name(c, imsg, name, sizeof(name)) == -1)
		return;
	/* Destroying versions takes the key holder, like writing them. */
	if (vstore_sealed(vault.vs)) {
		control_error(c, imsg->hdr.peerid, "vault is sealed");
		vault_audit(what, NULL, sess, name, "refused: vault is sealed");
		return;
	}
	if (changes_stopping) {
		control_error(c, imsg->hdr.peerid, "secret %s not %s: vaultd "
		    "is shutting down", name, done_name(imsg->hdr.type));
		return;
	}
	if (nchanges >= CHANGES_MAX) {
		control_error(c, imsg->hdr.peerid, "secret %s: %d vault "
		    "changes are waiting already: try again later", name,
		    CHANGES_MAX);
		vault_audit(what, NULL, sess, name, "refused: too many "
		    "changes waiting");
		return;
	}
	if (put && read_passed(imsg->fd, 1, VAULT_VALUE_MAX, &buf, &len, err,
	    sizeof(err)) == -1) {
		control_error(c, imsg->hdr.peerid, "secret %s: value: %s",
		    name, err);
		vault_audit(what, NULL, sess, name, "refused: bad value");
		return;
	}
	if ((ch = calloc(1, sizeof(*ch))) == NULL) {
		vstore_value_free(buf, len);
		control_error(c, imsg->hdr.peerid, "secret %s: out of memory",
		    name);
		vault_audit(what, NULL, sess, name, "out of memory");
		return;
	}
	ch->type = imsg->hdr.type;
	ch->conn_id = c->id;
	ch->peerid = imsg->hdr.peerid;
	ch->val = buf;
	ch->len = len;
	strlcpy(ch->name, name, sizeof(ch->name));
	strlcpy(ch->sess, sess, sizeof(ch->sess));
	TAILQ_INSERT_TAIL(&changes, ch, entry);
	nchanges++;
	change_run();
}

static void
handle_list(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	struct vstore_entry	*ent = NULL;
	struct conf_tool	*t;
	struct conf_grant	*g;
	struct wbuf		 wb;
	size_t			 n = 0, i, j;
	uint32_t		 ng;
	char			 err[256];

	if (vstore_list(vault.vs, &ent, &n, err, sizeof(err)) == -1) {
		control_error(c, imsg->hdr.peerid, "%s", err);
		return;
	}
	for (i = 0; i < n; i++) {
		wire_init(&wb);
		wire_put_str(&wb, ent[i].name);
		wire_put_u32(&wb, (uint32_t)ent[i].nversions);
		for (j = 0; j < ent[i].nversions; j++) {
			wire_put_u32(&wb, ent[i].v[j].version);
			wire_put_i64(&wb, ent[i].v[j].created);
		}
		ng = 0;
		TAILQ_FOREACH(t, &ctx->conf->tools, entry)
			TAILQ_FOREACH(g, &t->grants, entry)
				if (strcmp(g->secret, ent[i].name) == 0)
					ng++;
		wire_put_u32(&wb, ng);
		TAILQ_FOREACH(t, &ctx->conf->tools, entry)
			TAILQ_FOREACH(g, &t->grants, entry) {
				if (strcmp(g->secret, ent[i].name) != 0)
					continue;
				wire_put_str(&wb, t->name);
				wire_put_u32(&wb, g->env[0] != '\0' ?
				    VAULT_AS_ENV : VAULT_AS_FILE);
				wire_put_str(&wb, g->env[0] != '\0' ? g->env :
				    g->file);
				wire_put_i64(&wb, (int64_t)g->expires);
			}
		if (wire_ok(&wb) == -1) {
			control_error(c, imsg->hdr.peerid, "secret %s: too "
			    "many grants to list", ent[i].name);
			free(ent);
			return;
		}
		control_reply(c, IMSG_VAULT_ENTRY, imsg->hdr.peerid, -1,
		    wb.buf, wb.len);
	}
	free(ent);
	control_reply(c, IMSG_CTL_END, imsg->hdr.peerid, -1, NULL, 0);
}

/* A plaintext read waiting for its record's acknowledgement. */
struct get_wait {
	uint32_t	 conn_id;
	uint32_t	 peerid;
	uint32_t	 version;
	int		 fd;
	char		 name[VAULT_NAME_MAX + 1];
};

static void
get_audited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct get_wait	*w = arg;
	struct ctl_conn	*c;
	struct wbuf	 wb;

	if ((c = control_find(w->conn_id)) != NULL && c->closing)
		c = NULL;
	if (!ok) {
		log_warnx("secret %s not read: %s", w->name, err);
		close(w->fd);
		if (c != NULL)
			control_error(c, w->peerid, "secret %s not read: %s",
			    w->name, err);
	} else if (c == NULL) {
		log_warnx("secret %s: the administrator left before the "
		    "value was sent (audit record %llu)", w->name,
		    (unsigned long long)seq);
		close(w->fd);
	} else {
		wire_init(&wb);
		wire_put_u32(&wb, w->version);
		/* control_reply closes the fd, sent or not. */
		control_reply(c, IMSG_VAULT_VALUE, w->peerid, w->fd, wb.buf,
		    wb.len);
	}
	free(w);
}

static void
handle_get(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	struct get_wait	*w;
	unsigned char	*val;
	size_t		 len;
	uint32_t	 version, st;
	char		 name[VAULT_NAME_MAX + 1], err[256], sess[64];
	int		 fd;

	ctl_session(c, sess, sizeof(sess));
	if (get_name(c, imsg, name, sizeof(name)) == -1)
		return;
	if (!ctx->conf->vaultd.allow_read) {
		control_error(c, imsg->hdr.peerid, "reading a value back is "
		    "disabled (see 'allow plaintext read' in harness.conf(5))");
		vault_audit("get", NULL, sess, name,
		    "refused: plaintext read not allowed");
		return;
	}
	if (vstore_sealed(vault.vs)) {
		control_error(c, imsg->hdr.peerid, "vault is sealed");
		vault_audit("get", NULL, sess, name, "refused: vault is sealed");
		return;
	}
	if (vstore_get(vault.vs, name, 0, &val, &len, &version, &st, err,
	    sizeof(err)) == -1) {
		control_error(c, imsg->hdr.peerid, "%s", err);
		vault_audit("get", NULL, sess, name, err);
		return;
	}
	fd = sealed_memfd(val, len, err, sizeof(err));
	vstore_value_free(val, len);
	if (fd == -1) {
		control_error(c, imsg->hdr.peerid, "secret %s: %s", name, err);
		vault_audit("get", NULL, sess, name, err);
		return;
	}
	/* The value leaves only once its record is durable. */
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		close(fd);
		control_error(c, imsg->hdr.peerid, "secret %s: out of memory",
		    name);
		vault_audit("get", NULL, sess, name, "out of memory");
		return;
	}
	w->conn_id = c->id;
	w->peerid = imsg->hdr.peerid;
	w->version = version;
	w->fd = fd;
	strlcpy(w->name, name, sizeof(w->name));
	if (audit_send("get", NULL, sess, name, "read back by an "
	    "administrator", AUDIT_ACK, get_audited, w) == -1)
		get_audited(0, 0, "auditd unreachable: cannot send the record",
		    w);
}

/*
 * A delivery being answered.  Each secret's reply is kept until every
 * delivered secret's record is durable: no fd leaves before its record,
 * and the replies go in request order, then FETCH_END.
 */
struct fetch_wait;

struct fetch_item {
	struct fetch_wait *fw;
	char		 name[VAULT_NAME_MAX + 2];
	uint32_t	 status;
	uint32_t	 how;			/* 0 without a grant */
	char		 target[CONF_NAME_MAX];
	uint32_t	 version;
	char		 error[400];
	int		 fd;
};

struct fetch_wait {
	uint32_t	 conn_id;
	uint32_t	 peerid;
	uint32_t	 n;
	uint32_t	 npending;		/* records not yet acked */
	char		 tool[VAULT_TOOL_MAX + 1];
	char		 session[VAULT_SESSION_MAX + 1];
	struct fetch_item item[VAULT_FETCH_MAX];
};

/*
 * Fill one reply.  The grant is copied: a reload may free it before
 * the reply is sent.
 */
static void
fetch_set(struct fetch_item *it, uint32_t status, const struct conf_grant *g,
    uint32_t version, const char *error, int fd)
{
	it->status = status;
	if (g != NULL) {
		it->how = g->env[0] != '\0' ? VAULT_AS_ENV : VAULT_AS_FILE;
		strlcpy(it->target, g->env[0] != '\0' ? g->env : g->file,
		    sizeof(it->target));
	} else {
		it->how = 0;
		it->target[0] = '\0';
	}
	it->version = version;
	strlcpy(it->error, error, sizeof(it->error));
	it->fd = fd;
}

/* Send every reply, then FETCH_END, and free the delivery. */
static void
fetch_flush(struct fetch_wait *fw)
{
	struct ctl_conn		*c;
	struct fetch_item	*it;
	struct wbuf		 wb;
	uint32_t		 i, ok = 0;

	if ((c = control_find(fw->conn_id)) != NULL && c->closing)
		c = NULL;
	if (c == NULL)
		log_warnx("delivery to tool %s session %s: the requester "
		    "left before the secrets were sent", fw->tool,
		    fw->session);
	for (i = 0; i < fw->n; i++) {
		it = &fw->item[i];
		if (c == NULL) {
			if (it->fd != -1)
				close(it->fd);
			continue;
		}
		if (it->status == VAULT_S_OK)
			ok++;
		wire_init(&wb);
		wire_put_str(&wb, it->name);
		wire_put_u32(&wb, it->status);
		wire_put_u32(&wb, it->how);
		wire_put_str(&wb, it->target);
		wire_put_u32(&wb, it->version);
		wire_put_str(&wb, it->error);
		/* control_reply closes the fd, sent or not. */
		control_reply(c, IMSG_VAULT_SECRET, fw->peerid, it->fd, wb.buf,
		    wb.len);
	}
	if (c != NULL) {
		wire_init(&wb);
		wire_put_u32(&wb, ok);
		wire_put_u32(&wb, fw->n - ok);
		control_reply(c, IMSG_VAULT_FETCH_END, fw->peerid, -1, wb.buf,
		    wb.len);
	}
	free(fw);
}

/* A delivered secret whose record is not durable is not delivered. */
static void
fetch_unaudited(struct fetch_item *it, const char *why)
{
	char	 err[sizeof(it->error)];

	log_warnx("secret %s for tool %s session %s not delivered: %s",
	    it->name, it->fw->tool, it->fw->session, why);
	close(it->fd);
	snprintf(err, sizeof(err), "secret %s: audit: %s", it->name, why);
	strlcpy(it->error, err, sizeof(it->error));
	it->status = VAULT_S_INTERNAL;
	it->version = 0;
	it->fd = -1;
}

static void
fetch_audited(int ok, uint64_t seq, const char *err, void *arg)
{
	struct fetch_item	*it = arg;
	struct fetch_wait	*fw = it->fw;

	if (!ok)
		fetch_unaudited(it, err);
	if (--fw->npending == 0)
		fetch_flush(fw);
}

/*
 * One secret of a delivery, into fw->item[i] (its name is there
 * already).  A delivered one waits for its record's ack.
 */
static void
fetch_one(struct conf_tool *t, struct fetch_wait *fw, uint32_t i)
{
	struct fetch_item *it = &fw->item[i];
	struct conf_grant *g, *found = NULL, *expired = NULL;
	struct tm	 tm;
	unsigned char	*val;
	size_t		 len;
	uint32_t	 version = 0, st;
	time_t		 now = time(NULL);
	const char	*name = it->name, *session = fw->session;
	char		 err[320], when[32];
	int		 fd;

	it->fw = fw;
	it->fd = -1;
	if (vault_name_check(name, err, sizeof(err)) == -1) {
		fetch_set(it, VAULT_S_BADNAME, NULL, 0, err, -1);
		vault_audit("deliver", t->name, session, "(bad name)", err);
		return;
	}
	TAILQ_FOREACH(g, &t->grants, entry) {
		if (strcmp(g->secret, name) != 0)
			continue;
		if (g->expires != 0 && g->expires <= now) {
			expired = g;
			continue;
		}
		found = g;
		break;
	}
	if (found == NULL && expired != NULL) {
		gmtime_r(&expired->expires, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		snprintf(err, sizeof(err), "secret %s: grant to tool %s "
		    "expired at %s", name, t->name, when);
		fetch_set(it, VAULT_S_EXPIRED, NULL, 0, err, -1);
		vault_audit("deliver", t->name, session, name,
		    "refused: grant expired");
		return;
	}
	if (found == NULL) {
		snprintf(err, sizeof(err), "secret %s: not granted to tool %s",
		    name, t->name);
		fetch_set(it, VAULT_S_NOGRANT, NULL, 0, err, -1);
		vault_audit("deliver", t->name, session, name,
		    "refused: not granted");
		return;
	}
	if (vstore_get(vault.vs, name, 0, &val, &len, &version, &st, err,
	    sizeof(err)) == -1) {
		if (st == VAULT_S_DECRYPT)
			log_warnx("%s", err);
		fetch_set(it, st, found, 0, err, -1);
		vault_audit("deliver", t->name, session, name, err);
		return;
	}
	fd = sealed_memfd(val, len, err, sizeof(err));
	vstore_value_free(val, len);
	if (fd == -1) {
		fetch_set(it, VAULT_S_INTERNAL, found, 0, err, -1);
		vault_audit("deliver", t->name, session, name, err);
		return;
	}
	fetch_set(it, VAULT_S_OK, found, version, "", fd);
	if (audit_send("deliver", t->name, session, name, "delivered",
	    AUDIT_ACK, fetch_audited, it) == -1)
		fetch_unaudited(it, "auditd unreachable: cannot send the "
		    "record");
	else
		fw->npending++;
}

/*
 * harnessd's gateway verifies JSON Web Tokens with a key kept here: the
 * pseudo-tool "@jwt" holds exactly one grant, to the secret named by
 * harnessd's "jwt secret", and nothing else (no grant at all when that
 * is not configured).  Configured tool names cannot contain '@', so no
 * tool can pose as it, nor it as a tool.
 */
static struct conf_tool *
jwt_tool(struct proc_ctx *ctx)
{
	static struct conf_tool	 t;
	static struct conf_grant g;

	memset(&t, 0, sizeof(t));
	memset(&g, 0, sizeof(g));
	strlcpy(t.name, JWT_VAULT_TOOL, sizeof(t.name));
	TAILQ_INIT(&t.grants);
	if (ctx->conf->harnessd.jwt_secret[0] != '\0') {
		strlcpy(g.secret, ctx->conf->harnessd.jwt_secret,
		    sizeof(g.secret));
		strlcpy(g.file, "jwt-key", sizeof(g.file));
		TAILQ_INSERT_TAIL(&t.grants, &g, entry);
	}
	return &t;
}

static void
handle_fetch(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	struct rbuf		 rb;
	struct conf_tool	*t;
	struct fetch_wait	*fw;
	uint32_t		 n, i;

	if ((fw = calloc(1, sizeof(*fw))) == NULL) {
		control_error(c, imsg->hdr.peerid, "out of memory");
		return;
	}
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	wire_get_strbuf(&rb, fw->tool, sizeof(fw->tool));
	wire_get_strbuf(&rb, fw->session, sizeof(fw->session));
	if (wire_get_u32(&rb, &n) == -1 || n == 0 || n > VAULT_FETCH_MAX) {
		control_error(c, imsg->hdr.peerid, "malformed delivery "
		    "request");
		free(fw);
		return;
	}
	/* A name one byte too long still decodes, to be refused by name. */
	for (i = 0; i < n; i++)
		wire_get_strbuf(&rb, fw->item[i].name,
		    sizeof(fw->item[i].name));
	if (wire_end(&rb) == -1 || vault_session_check(fw->session) == -1) {
		control_error(c, imsg->hdr.peerid, "malformed delivery "
		    "request");
		free(fw);
		return;
	}
	if (vstore_sealed(vault.vs)) {
		control_error(c, imsg->hdr.peerid, "vault is sealed");
		vault_audit("deliver", fw->tool, fw->session, NULL,
		    "refused: vault is sealed");
		free(fw);
		return;
	}
	if (strcmp(fw->tool, JWT_VAULT_TOOL) == 0)
		t = jwt_tool(ctx);
	else if ((t = conf_tool_find(ctx->conf, fw->tool)) == NULL) {
		control_error(c, imsg->hdr.peerid, "unknown tool %s",
		    fw->tool);
		vault_audit("deliver", "(unknown)", fw->session, NULL,
		    "refused: unknown tool");
		free(fw);
		return;
	}
	fw->conn_id = c->id;
	fw->peerid = imsg->hdr.peerid;
	fw->n = n;
	/* Acks never come from inside audit_event(): count them first. */
	for (i = 0; i < n; i++)
		fetch_one(t, fw, i);
	if (fw->npending == 0)
		fetch_flush(fw);
}

int
vault_control(struct proc_ctx *ctx, struct ctl_conn *c, struct imsg *imsg)
{
	char	 sess[64];

	/*
	 * A daemon's connection (made by its parent, see IMSG_CTL_ROLE)
	 * only fetches; administration is for root's own clients.
	 */
	if (c->role[0] != '\0' && imsg->hdr.type != IMSG_VAULT_FETCH &&
	    imsg->hdr.type != IMSG_VAULT_STATUS) {
		log_warnx("%s asked for vault administration (type %u): "
		    "refused", c->role, imsg->hdr.type);
		control_error(c, imsg->hdr.peerid, "vault administration is "
		    "not for daemons (%s)", c->role);
		return 0;
	}
	switch (imsg->hdr.type) {
	case IMSG_VAULT_INIT:
	case IMSG_VAULT_UNSEAL:
		handle_key(ctx, c, imsg);
		break;
	case IMSG_VAULT_SEAL:
		ctl_session(c, sess, sizeof(sess));
		vstore_seal(vault.vs);
		log_info("vault sealed by uid %u pid %d", (unsigned)c->uid,
		    (int)c->pid);
		vault_audit("seal", NULL, sess, NULL, "ok");
		ctl_ok(c, imsg->hdr.peerid);
		break;
	case IMSG_VAULT_STATUS:
		handle_status(c, imsg);
		break;
	case IMSG_VAULT_PUT:
	case IMSG_VAULT_ROTATE:
	case IMSG_VAULT_RM:
	case IMSG_VAULT_PRUNE:
		handle_change(c, imsg);
		break;
	case IMSG_VAULT_LIST:
		handle_list(ctx, c, imsg);
		break;
	case IMSG_VAULT_GET:
		handle_get(ctx, c, imsg);
		break;
	case IMSG_VAULT_FETCH:
		handle_fetch(ctx, c, imsg);
		break;
	default:
		return -1;
	}
	return 0;
}

static size_t
changes_running(void)
{
	struct change	*ch;
	size_t		 n = 0;

	TAILQ_FOREACH(ch, &changes, entry)
		if (ch->running)
			n++;
	return n;
}

static int
stop_done(struct proc_ctx *ctx)
{
	return changes_running() == 0;
}

static void
stop_end(struct proc_ctx *ctx, int in_time)
{
	size_t	 n = changes_running();

	if (!in_time)
		log_warnx("%zu vault change%s not acknowledged in time: not "
		    "made", n, n == 1 ? "" : "s");
}

/*
 * The parent closed the channel: a change whose record was sent is
 * made (or not) when auditd answers, so wait for those, within the
 * parent's patience; queued ones and new ones are refused.
 */
int
vault_stopping(struct proc_ctx *ctx)
{
	size_t		 n;

	changes_stopping = 1;
	change_run();
	if ((n = changes_running()) == 0)
		return 0;
	log_info("waiting for the audit record%s of %zu vault change%s",
	    n == 1 ? "" : "s", n, n == 1 ? "" : "s");
	return proc_finish(ctx, stop_done, stop_end);
}

/* From the parent: the configured key file, read before it confined. */
void
vault_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	unsigned char	*buf;
	size_t		 len;
	char		 err[256];

	if (iev != &ctx->parent || imsg->hdr.type != IMSG_VAULT_KEYFILE)
		fatalx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
	if (read_passed(imsg->fd, VAULT_KEYFILE_LEN, VAULT_KEYFILE_LEN, &buf,
	    &len, err, sizeof(err)) == -1) {
		log_warnx("key file: %s; vault stays sealed", err);
		return;
	}
	if (!vstore_sealed(vault.vs)) {
		vstore_value_free(buf, len);
		return;
	}
	if (vstore_unseal(vault.vs, VAULT_METHOD_KEYFILE, buf, len, err,
	    sizeof(err)) == -1) {
		log_warnx("unseal with the configured key file refused: %s; "
		    "vault stays sealed", err);
		vault_audit("unseal", NULL, "keyfile", NULL, err);
	} else {
		log_info("vault unsealed with the configured key file");
		vault_audit("unseal", NULL, "keyfile", NULL, "ok");
	}
	vstore_value_free(buf, len);
}

void
vault_run(struct proc_ctx *ctx)
{
	/*
	 * No socket(): the store has no network.  The base filter
	 * soft-denies socket and connect (syslog's reconnects) and
	 * nothing here allows them.
	 */
	static const int syscalls[] = {
		SYS_openat, SYS_fsync, SYS_fdatasync, SYS_rename, SYS_unlink,
		SYS_renameat, SYS_renameat2, SYS_unlinkat,
		SYS_memfd_create, SYS_ftruncate, SYS_mlock, SYS_munlock,
		SYS_mlockall, SYS_munlockall,
		SYS_stat, SYS_lstat, SYS_statx,
	};
	struct rlimit		 rl, up;
	struct proc_confine_spec spec;
	char			 err[256];

	/*
	 * Once we are not root, every new mapping counts against
	 * RLIMIT_MEMLOCK.  Ask for enough for Argon2id too while we
	 * still may (CAP_SYS_RESOURCE, which containers often withhold);
	 * otherwise take the hard limit, and the key derivation runs
	 * unlocked for its duration (see vstore.c).
	 */
	if (getrlimit(RLIMIT_MEMLOCK, &rl) == -1)
		fatal("getrlimit RLIMIT_MEMLOCK");
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < VAULT_MEMLOCK) {
		up.rlim_cur = up.rlim_max = VAULT_MEMLOCK;
		if (setrlimit(RLIMIT_MEMLOCK, &up) == 0)
			rl = up;
	}
	if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > VAULT_MEMLOCK)
		rl.rlim_max = VAULT_MEMLOCK;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_MEMLOCK, &rl) == -1)
		fatal("setrlimit RLIMIT_MEMLOCK");
#ifndef HARNESS_SANITIZE
	if (mlockall(MCL_CURRENT | MCL_FUTURE) == -1)
		fatal("mlockall");
#endif
	/* Before the chroot: it may want /dev/urandom. */
	if (sodium_init() == -1)
		fatalx("libsodium failed to initialise");
	memset(&spec, 0, sizeof(spec));
	spec.syscalls = syscalls;
	spec.nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);
	spec.nodump = 1;
	spec.allow_files = 1;
	if (audit_init(ctx) == -1)
		fatalx("cannot set up auditing");
	proc_confine(ctx, &spec);

	/* The chroot is the store directory. */
	if ((vault.dirfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		fatal("open the store directory");
	if ((vault.vs = vstore_open(vault.dirfd, err, sizeof(err))) == NULL)
		fatalx("store: %s", err);
	{
		struct vstore_info vi;

		vstore_info(vault.vs, &vi);
		log_info("vault %s, sealed", vi.initialised ? "initialised" :
		    "not initialised (harnessctl vault init)");
	}
	event_base_dispatch(ctx->base);
	vstore_free(vault.vs);
	close(vault.dirfd);
}
