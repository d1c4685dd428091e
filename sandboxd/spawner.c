/*
 * The spawner: the only part of sandboxd with privileges.  It takes
 * requests the listener has already decoded, checked and re-encoded,
 * decodes them once more with the same code, and runs each in a
 * sandbox (spawn.h).  For every run it creates the stdout and stderr
 * pipes, hands the write ends to the spawn module and the read ends
 * to the listener, which passes them on to the requester: output never
 * travels through imsg.
 *
 * Its seccomp filter is inherited by every sandbox it creates (a
 * filter cannot be shed), so besides what the spawner itself does it
 * allows what a sandbox's setup does (mounts inside the new mount
 * namespace, pivot_root, uid maps) and what ordinary programs use; the
 * sandbox's own, stricter filter is stacked on top before its program
 * runs.  Calls no sandbox may make either (ptrace, bpf, kexec, module
 * loading, keyrings, ...) stay out, but must not kill: the kernel takes
 * the strictest action of all filters, and a kill here would beat the
 * sandbox filter's notification (which names the call) and its errnos.
 * So this filter refuses the sandbox policy's errno calls with the same
 * errno, and its kill calls with a notification whose listener is
 * closed at once (ENOSYS for the spawner; for a sandbox, its own
 * filter's notification, which the spawner reads, wins the tie).
 */
#include <sys/types.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "confine.h"
#include "log.h"
#include "proc.h"
#include "redact.h"
#include "sandbox_proto.h"
#include "sandboxc.h"
#include "sandboxd.h"
#include "wire.h"

_Static_assert(SANDBOX_SETUP_FAILED == (int)SBX_SETUP_FAILED &&
    SANDBOX_SECCOMP == (int)SBX_SECCOMP, "reason lists differ");
_Static_assert(sizeof(struct sandbox_limits) == sizeof(struct sbx_limits),
    "limit lists differ");

/* A secret the listener passed on for a run (IMSG_SANDBOXD_SECRET). */
struct psecret {
	uint32_t	 id;		/* the run's */
	char		 name[REDACT_NAME_MAX + 1];
	char		 env[64];
	char		 file[64];
	int		 fd;		/* vaultd's sealed memfd */
};

#define SPAWN_SECRETS_MAX	64

struct srun {
	TAILQ_ENTRY(srun) entry;
	uint32_t	 id;
	struct sbx	*sbx;
	int		 stdin_fd;
	struct sandbox_req req;
	char		**envp;
	void		*code;		/* from the memfd */
	size_t		 code_len;
	/* secrets: their memfds go to the sandbox, their values only
	 * into the redactors, one per output stream */
	struct psecret	*psec;
	struct sbx_secret *sec;
	size_t		 nsec;
	struct redactor	*rd[2];
	int		 rd_failed[2];
	struct redact_out ro;
};

#define SBX_POOL_LIMIT	64	/* the spawn module keeps no more */

static TAILQ_HEAD(, srun) sruns = TAILQ_HEAD_INITIALIZER(sruns);
static struct sbx_conf	 sconf;
static struct proc_ctx	*the_ctx;
/* fds that came ahead of their SANDBOX_RUN */
static int		 pend_code = -1, pend_stdin = -1;
static uint32_t		 pend_code_id, pend_stdin_id;
static struct psecret	 pend_sec[SPAWN_SECRETS_MAX];
static size_t		 npend_sec;

static void
pend_sec_clear(void)
{
	size_t	 i;

	for (i = 0; i < npend_sec; i++)
		if (pend_sec[i].fd != -1)
			close(pend_sec[i].fd);
	explicit_bzero(pend_sec, sizeof(pend_sec));
	npend_sec = 0;
}

static void
srun_close_secrets(struct srun *r)
{
	size_t	 i;

	for (i = 0; i < r->nsec; i++)
		if (r->psec[i].fd != -1) {
			close(r->psec[i].fd);
			r->psec[i].fd = -1;
		}
}

static void
srun_free(struct srun *r)
{
	size_t	 i;

	if (r->stdin_fd != -1)
		close(r->stdin_fd);
	if (r->envp != NULL) {
		for (i = 0; r->envp[i] != NULL; i++)
			free(r->envp[i]);
		free(r->envp);
	}
	if (r->code != NULL)
		freezero(r->code, r->code_len);
	srun_close_secrets(r);
	free(r->psec);
	free(r->sec);
	redactor_free(r->rd[0]);
	redactor_free(r->rd[1]);
	if (r->ro.buf != NULL)
		explicit_bzero(r->ro.buf, r->ro.cap);
	redact_out_free(&r->ro);
	sandbox_req_free(&r->req);
	free(r);
}

/*
 * The redaction hook (sbx_filter_cb): every byte a sandbox with secrets
 * writes passes through its stream's redactor before it reaches the
 * pipe the requester reads.  A redactor that fails (out of memory)
 * withholds the rest of its stream rather than pass it unfiltered.
 */
static void
redact_filter(void *arg, int stream, const void *buf, size_t len, int eof,
    struct evbuffer *out)
{
	struct srun	*r = arg;
	int		 k = stream == 2 ? 1 : 0, rc = 0;

	if (r->rd_failed[k])
		return;
	redact_out_reset(&r->ro);
	if (len > 0)
		rc = redactor_feed(r->rd[k], buf, len, &r->ro);
	if (rc == 0 && eof)
		rc = redactor_flush(r->rd[k], &r->ro);
	if (rc == -1) {
		r->rd_failed[k] = 1;
		log_warnx("run %u: redaction failed: %s; the rest of its %s "
		    "is withheld", r->id, strerror(errno), k ? "stderr" :
		    "stdout");
		evbuffer_add_printf(out, "\n[harness: output withheld: "
		    "redaction failed]\n");
		return;
	}
	if (r->ro.len > 0)
		evbuffer_add(out, r->ro.buf, r->ro.len);
}

/*
 * Take the secrets the listener sent ahead of run r: the sandbox gets
 * the memfds, the redactors the values (read once, wiped at once).
 */
static int
take_secrets(struct srun *r, char *err, size_t errlen)
{
	struct stat	 sb;
	unsigned char	*val;
	size_t		 i, n = 0, len;
	ssize_t		 got;
	int		 k;

	for (i = 0; i < npend_sec; i++)
		if (pend_sec[i].id == r->id)
			n++;
	if (n == 0) {
		pend_sec_clear();
		return 0;
	}
	if ((r->psec = calloc(n, sizeof(*r->psec))) == NULL ||
	    (r->sec = calloc(n, sizeof(*r->sec))) == NULL ||
	    (r->rd[0] = redactor_new()) == NULL ||
	    (r->rd[1] = redactor_new()) == NULL) {
		pend_sec_clear();
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < npend_sec; i++) {
		if (pend_sec[i].id != r->id)
			continue;
		r->psec[r->nsec] = pend_sec[i];
		pend_sec[i].fd = -1;
		r->nsec++;
	}
	pend_sec_clear();
	for (i = 0; i < r->nsec; i++) {
		struct psecret	*p = &r->psec[i];

		r->sec[i].name = p->name;
		r->sec[i].memfd = p->fd;
		r->sec[i].env = p->env[0] != '\0' ? p->env : NULL;
		r->sec[i].file = p->file[0] != '\0' ? p->file : NULL;
		if (fstat(p->fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
		    sb.st_size <= 0 || sb.st_size > REDACT_VALUE_MAX) {
			snprintf(err, errlen, "secret %s: not a memfd of 1 to "
			    "%d bytes", p->name, REDACT_VALUE_MAX);
			return -1;
		}
		len = (size_t)sb.st_size;
		if ((val = malloc(len)) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		got = pread(p->fd, val, len, 0);
		for (k = 0; k < 2 && got == (ssize_t)len; k++)
			if (redactor_add(r->rd[k], p->name, val, len) == -1)
				got = -2;
		freezero(val, len);
		if (got != (ssize_t)len) {
			snprintf(err, errlen, "secret %s: %s", p->name,
			    got == -2 ? "cannot be redacted" :
			    "cannot read its memfd");
			return -1;
		}
	}
	if (redactor_compile(r->rd[0]) == -1 ||
	    redactor_compile(r->rd[1]) == -1) {
		snprintf(err, errlen, "redaction: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void
send_result(uint32_t id, const struct sandbox_result *res)
{
	struct wbuf	 wb;

	sandbox_result_encode(res, &wb);
	if (proc_compose_peer(the_ctx, PROC_LISTENER, IMSG_SANDBOX_RESULT, id,
	    -1, wb.buf, wb.len) == -1)
		log_warn("%s: compose", __func__);
}

/* Nothing started; class (enum errclass) says whose doing it was. */
static void
send_failure(uint32_t id, uint32_t class, const char *fmt, const char *msg)
{
	struct sandbox_result	 res;

	memset(&res, 0, sizeof(res));
	res.reason = SANDBOX_SETUP_FAILED;
	res.exit_code = -1;
	res.fail = class;
	snprintf(res.detail, sizeof(res.detail), fmt, msg);
	send_result(id, &res);
}

static void
done_cb(struct sbx *s, const struct sbx_result *sr, void *arg)
{
	struct srun		*r = arg;
	struct sandbox_result	 res;

	memset(&res, 0, sizeof(res));
	res.reason = (uint32_t)sr->reason;
	res.exit_code = sr->exit_code;
	res.signo = sr->signo;
	res.wall_ms = sr->wall_ms;
	res.cpu_ms = sr->cpu_ms;
	res.mem_peak = sr->mem_peak;
	res.truncated = sr->out_truncated ? 1 : 0;
	strlcpy(res.syscall, sr->syscall, sizeof(res.syscall));
	strlcpy(res.detail, sr->detail, sizeof(res.detail));
	if (sr->reason == SBX_SETUP_FAILED)
		res.fail = sr->fail == SBX_FAIL_SECRET ? ERRC_VAULT :
		    sr->fail == SBX_FAIL_CWD ? ERRC_SANDBOX : ERRC_NONE;
	if (r->nsec > 0)
		log_info("run %u: %zu secret(s), %zu occurrence(s) redacted",
		    r->id, r->nsec, redactor_hits(r->rd[0]) +
		    redactor_hits(r->rd[1]));
	send_result(r->id, &res);
	TAILQ_REMOVE(&sruns, r, entry);
	srun_free(r);
}

/* Read the code memfd: a regular file of bounded size. */
static int
read_code(int fd, void **codep, size_t *lenp, char *err, size_t errlen)
{
	struct stat	 sb;
	unsigned char	*buf;
	size_t		 off = 0, len;
	ssize_t		 n;

	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "code is not in a memfd");
		return -1;
	}
	if (sb.st_size <= 0 || sb.st_size > SANDBOX_CODE_MAX) {
		snprintf(err, errlen, "code memfd holds %lld bytes, 1 to %d "
		    "allowed", (long long)sb.st_size, SANDBOX_CODE_MAX);
		return -1;
	}
	len = (size_t)sb.st_size;
	if ((buf = malloc(len)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (off < len) {
		n = pread(fd, buf + off, len - off, (off_t)off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off != len) {
		snprintf(err, errlen, "code memfd changed while read");
		freezero(buf, len);
		return -1;
	}
	*codep = buf;
	*lenp = len;
	return 0;
}

/*
 * The environment: the defaults below, replaced or extended by the
 * request's NAME=value entries.
 */
static char **
make_env(const struct sandbox_req *req)
{
	static const char *defenv[] = { "PATH=/usr/local/bin:/usr/bin:/bin:"
	    "/usr/sbin:/sbin", "HOME=/work", "USER=sandbox",
	    "LOGNAME=sandbox", "LANG=C.UTF-8", "TMPDIR=/tmp", NULL };
	char	**v;
	size_t	 n = 0, i, j, klen;

	if ((v = calloc(6 + req->envc + 1, sizeof(char *))) == NULL)
		return NULL;
	for (i = 0; defenv[i] != NULL; i++)
		if ((v[n++] = strdup(defenv[i])) == NULL)
			goto fail;
	for (i = 0; i < req->envc; i++) {
		klen = strcspn(req->envp[i], "=") + 1;
		for (j = 0; j < n; j++)
			if (strncmp(v[j], req->envp[i], klen) == 0)
				break;
		if (j < n)
			free(v[j]);
		else
			n++;
		if ((v[j] = strdup(req->envp[i])) == NULL)
			goto fail;
	}
	return v;
 fail:
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return NULL;
}

/*
 * A named workspace: <workspaces>/<name>, created on first use by the
 * sandbox user itself (fsuid/fsgid, which CAP_SETUID/CAP_SETGID allow),
 * so it belongs to that user without CAP_CHOWN; the parent dir is
 * root:<sandbox group> 0730 (see sandboxd.c).
 */
static int
workspace_dir(const char *name, char *path, size_t len, char *err,
    size_t errlen)
{
	struct stat	 sb;
	int		 rc = 0, saved;

	if (!sandbox_name_valid(name) ||
	    (size_t)snprintf(path, len, "%s/%s",
	    the_ctx->conf->sandboxd.workspaces, name) >= len) {
		snprintf(err, errlen, "bad workspace name");
		return -1;
	}
	setfsgid(sconf.gid);
	setfsuid(sconf.uid);
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		rc = -1;
	saved = errno;
	setfsuid(0);
	setfsgid(0);
	if (rc == -1) {
		snprintf(err, errlen, "workspace %s: %s", name,
		    strerror(saved));
		return -1;
	}
	if (lstat(path, &sb) == -1 || !S_ISDIR(sb.st_mode) ||
	    sb.st_uid != sconf.uid) {
		snprintf(err, errlen, "workspace %s: not a directory of the "
		    "sandbox user", name);
		return -1;
	}
	return 0;
}

static void
spawn_run(struct imsg *imsg)
{
	struct srun	*r;
	struct sbx_req	 sreq;
	struct wbuf	 wb;
	const void	*data;
	unsigned char	*heap = NULL;
	size_t		 len;
	char		 err[200], ws[PATH_MAX], id[32];
	int		 po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	uint32_t	 rid = imsg->hdr.peerid;
	uint64_t	 secbytes;
	pid_t		 pid;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		send_failure(rid, ERRC_NONE, "%s", "out of memory");
		return;
	}
	r->id = rid;
	r->stdin_fd = -1;
	if (sandbox_req_open(imsg, &data, &len, &heap, err,
	    sizeof(err)) == -1 ||
	    sandbox_req_decode(data, len, &r->req, err, sizeof(err)) == -1) {
		free(heap);
		/* the listener checked it: this is a bug, say so loudly */
		log_warnx("%s: run %u: %s", __func__, rid, err);
		send_failure(rid, ERRC_NONE, "bad request: %s", err);
		goto fail;
	}
	free(heap);
	if (r->req.flags & SANDBOX_F_STDIN) {
		if (pend_stdin == -1 || pend_stdin_id != rid) {
			send_failure(rid, ERRC_NONE, "%s", "stdin fd missing");
			goto fail;
		}
		r->stdin_fd = pend_stdin;
		pend_stdin = -1;
	}
	if (r->req.flags & SANDBOX_F_CODE_FD) {
		if (pend_code == -1 || pend_code_id != rid) {
			send_failure(rid, ERRC_NONE, "%s",
			    "code memfd missing");
			goto fail;
		}
		if (read_code(pend_code, &r->code, &r->code_len, err,
		    sizeof(err)) == -1) {
			send_failure(rid, ERRC_NONE, "%s", err);
			goto fail;
		}
	}
	/* fds the request did not claim are not kept around */
	if (pend_code != -1) {
		close(pend_code);
		pend_code = -1;
	}
	if (pend_stdin != -1) {
		close(pend_stdin);
		pend_stdin = -1;
	}
	if (take_secrets(r, err, sizeof(err)) == -1) {
		send_failure(rid, ERRC_VAULT, "%s", err);
		goto fail;
	}

	memset(&sreq, 0, sizeof(sreq));
	if (r->req.lang[0] != '\0') {
		if (sbx_lang(r->req.lang, r->code != NULL ? r->code :
		    r->req.code, r->code != NULL ? r->code_len :
		    r->req.code_len, &sreq, err, sizeof(err)) == -1) {
			send_failure(rid, ERRC_NONE, "%s", err);
			goto fail;
		}
	} else
		sreq.argv = r->req.argv;
	if ((r->envp = make_env(&r->req)) == NULL) {
		send_failure(rid, ERRC_NONE, "%s", "out of memory");
		goto fail;
	}
	sreq.envp = r->envp;
	sreq.cwd = r->req.cwd;
	if (r->req.workspace[0] != '\0') {
		if (workspace_dir(r->req.workspace, ws, sizeof(ws), err,
		    sizeof(err)) == -1) {
			send_failure(rid, ERRC_NONE, "%s", err);
			goto fail;
		}
		sreq.workspace = ws;
	}
	memcpy(&sreq.lim, &r->req.lim, sizeof(sreq.lim));
	sreq.net = r->req.net == SANDBOX_NET_HOST ? SBX_NET_HOST :
	    SBX_NET_NONE;
	sreq.stdin_fd = r->stdin_fd;
	snprintf(id, sizeof(id), "run%u", rid);
	sreq.id = id;
	if (r->nsec > 0) {
		sreq.secrets = r->sec;
		sreq.nsecrets = r->nsec;
		sreq.filter = redact_filter;
		sreq.filter_arg = r;
	}

	/* a secret it cannot deliver is the vault's side of the run */
	if (sbx_check_secrets(&sreq, &secbytes, err, sizeof(err)) == -1) {
		send_failure(rid, ERRC_VAULT, "%s", err);
		goto fail;
	}
	if (pipe2(po, O_CLOEXEC) == -1 || pipe2(pe, O_CLOEXEC) == -1) {
		send_failure(rid, ERRC_NONE, "pipe: %s", strerror(errno));
		goto fail;
	}
	/* sbx_spawn owns the write ends from here on, even on failure */
	r->sbx = sbx_spawn(the_ctx->base, &sconf, &sreq, po[1], pe[1], done_cb,
	    r, err, sizeof(err));
	po[1] = pe[1] = -1;
	/* the sandbox has its own copies of the secrets' memfds now */
	srun_close_secrets(r);
	if (r->sbx == NULL) {
		send_failure(rid, ERRC_NONE, "%s", err);
		goto fail;
	}
	TAILQ_INSERT_TAIL(&sruns, r, entry);
	pid = sbx_pid(r->sbx);
	wire_init(&wb);
	wire_put_u32(&wb, (uint32_t)pid);
	wire_put_str(&wb, id);
	if (proc_compose_peer(the_ctx, PROC_LISTENER, IMSG_SANDBOX_STARTED,
	    rid, -1, wb.buf, wb.len) == -1 ||
	    proc_compose_peer(the_ctx, PROC_LISTENER, IMSG_SANDBOX_STDOUT,
	    rid, po[0], NULL, 0) == -1 ||
	    proc_compose_peer(the_ctx, PROC_LISTENER, IMSG_SANDBOX_STDERR,
	    rid, pe[0], NULL, 0) == -1) {
		log_warn("%s: run %u: compose", __func__, rid);
		sbx_kill(r->sbx);
	}
	return;
 fail:
	/* secrets sent ahead of a run that failed early go too */
	if (npend_sec > 0 && pend_sec[0].id == rid)
		pend_sec_clear();
	if (po[0] != -1)
		close(po[0]);
	if (po[1] != -1)
		close(po[1]);
	if (pe[0] != -1)
		close(pe[0]);
	if (pe[1] != -1)
		close(pe[1]);
	srun_free(r);
}

static void
stash_fd(int *slot, uint32_t *slot_id, struct imsg *imsg)
{
	if (*slot != -1)
		close(*slot);
	*slot = imsg->fd;
	*slot_id = imsg->hdr.peerid;
	imsg->fd = -1;
}

/* A secret for the run that follows; a new run id drops older ones. */
static void
stash_secret(struct imsg *imsg)
{
	struct psecret	*p;
	struct rbuf	 rb;

	if (imsg->fd == -1)
		fatalx("%s: secret without an fd", __func__);
	if (npend_sec > 0 && pend_sec[0].id != imsg->hdr.peerid)
		pend_sec_clear();
	if (npend_sec >= SPAWN_SECRETS_MAX)
		fatalx("%s: more than %d secrets", __func__,
		    SPAWN_SECRETS_MAX);
	p = &pend_sec[npend_sec];
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	wire_get_strbuf(&rb, p->name, sizeof(p->name));
	wire_get_strbuf(&rb, p->env, sizeof(p->env));
	wire_get_strbuf(&rb, p->file, sizeof(p->file));
	if (wire_end(&rb) == -1 || p->name[0] == '\0' ||
	    (p->env[0] == '\0') == (p->file[0] == '\0'))
		fatalx("%s: malformed secret", __func__);
	p->id = imsg->hdr.peerid;
	p->fd = imsg->fd;
	imsg->fd = -1;
	npend_sec++;
}

void
spawner_dispatch(struct proc_ctx *ctx, struct imsgev *iev, struct imsg *imsg)
{
	struct srun	*r;

	switch (imsg->hdr.type) {
	case IMSG_SANDBOX_CODE:
		if (imsg->fd == -1)
			fatalx("%s: code without an fd", __func__);
		stash_fd(&pend_code, &pend_code_id, imsg);
		break;
	case IMSG_SANDBOX_STDIN:
		if (imsg->fd == -1)
			fatalx("%s: stdin without an fd", __func__);
		stash_fd(&pend_stdin, &pend_stdin_id, imsg);
		break;
	case IMSG_SANDBOXD_SECRET:
		stash_secret(imsg);
		break;
	case IMSG_SANDBOX_RUN:
		spawn_run(imsg);
		break;
	case IMSG_SANDBOX_KILL:
		TAILQ_FOREACH(r, &sruns, entry)
			if (r->id == imsg->hdr.peerid) {
				sbx_kill(r->sbx);
				break;
			}
		break;
	default:
		log_warnx("%s: unexpected message %u from %s", __func__,
		    imsg->hdr.type, iev->name);
		break;
	}
	if (imsg->fd != -1) {
		close(imsg->fd);
		imsg->fd = -1;
	}
}

/* The limits as harness.conf gives them. */
static void
spawner_limits(const struct harness_conf *conf)
{
	const struct conf_limits *dl = &conf->sandboxd.limits;
	const struct conf_limits *ml = &conf->sandboxd.max_limits;

	sconf.deflim = (struct sbx_limits){ dl->wall_ms, dl->cpu_ms,
	    dl->memory, dl->procs, dl->output, dl->fsize, dl->nofile,
	    dl->tmp };
	sconf.maxlim = (struct sbx_limits){ ml->wall_ms, ml->cpu_ms,
	    ml->memory, ml->procs, ml->output, ml->fsize, ml->nofile,
	    ml->tmp };
}

/*
 * SIGHUP: the new default and maximum limits apply to the runs that
 * start from now on (the listener checks requests against the same
 * maximum).  The pool's size, the cgroup and the users need a restart.
 */
int
spawner_reload(struct proc_ctx *ctx, struct harness_conf *nconf, char *note,
    size_t notesz)
{
	(void)ctx;
	(void)note;
	(void)notesz;
	spawner_limits(nconf);
	return 0;
}

/*
 * On an orderly exit (the parent closed our channel), take the running
 * sandboxes down with us: their cgroups are removed and their processes
 * killed, as after a crash the next start would.
 */
static void
spawner_atexit(void)
{
	int	 n;

	if (sconf.st == NULL)
		return;
	/* nothing of ours outlives us: the maker, the pool's sandboxes */
	sbx_pool_kill(&sconf);
	n = sbx_cleanup_stale(&sconf);
	if (n > 0)
		log_info("removed %d sandbox cgroup(s) on the way out", n);
}

/*
 * What the spawner, the sandboxes' setup and the programs in them may
 * call (see the comment at the top), beyond confine_base_syscalls.
 */
static const int spawner_syscalls[] = {
	/* the spawner: sandboxes, cgroups, workspaces, pipes */
	SYS_clone, SYS_clone3, SYS_fork, SYS_vfork, SYS_wait4, SYS_waitid,
	SYS_pidfd_open, SYS_pidfd_send_signal, SYS_socketpair,
	SYS_memfd_create, SYS_ioctl, SYS_open, SYS_openat, SYS_openat2,
	SYS_stat, SYS_lstat, SYS_statx, SYS_statfs, SYS_fstatfs,
	SYS_access, SYS_faccessat, SYS_faccessat2, SYS_readlink,
	SYS_readlinkat, SYS_mkdir, SYS_mkdirat, SYS_rmdir, SYS_unlink,
	SYS_unlinkat, SYS_setfsuid, SYS_setfsgid, SYS_prctl,
	SYS_close_range, SYS_dup2, SYS_fchmod, SYS_seccomp, SYS_setrlimit,
	/* a sandbox's setup, in its own namespaces */
	SYS_unshare, SYS_mount, SYS_umount2, SYS_pivot_root, SYS_chdir,
	SYS_fchdir, SYS_sethostname, SYS_setdomainname, SYS_symlink,
	SYS_symlinkat, SYS_open_tree, SYS_move_mount, SYS_mount_setattr,
	SYS_setgroups, SYS_setresuid, SYS_setresgid, SYS_setuid, SYS_setgid,
	SYS_setreuid, SYS_setregid, SYS_capset, SYS_setsid, SYS_execve,
	SYS_execveat, SYS_chroot, SYS_mknod, SYS_mknodat,
	/* ordinary programs */
	SYS_pwrite64, SYS_preadv, SYS_pwritev, SYS_preadv2, SYS_pwritev2,
	SYS_pipe, SYS_dup, SYS_getdents, SYS_getcwd, SYS_rename,
	SYS_renameat, SYS_renameat2, SYS_link, SYS_linkat, SYS_creat,
	SYS_chmod, SYS_fchmodat, SYS_chown, SYS_fchown, SYS_lchown,
	SYS_fchownat, SYS_truncate, SYS_ftruncate, SYS_fallocate,
	SYS_fsync, SYS_fdatasync, SYS_sync, SYS_syncfs, SYS_sync_file_range,
	SYS_flock, SYS_utime, SYS_utimes, SYS_utimensat, SYS_futimesat,
	SYS_fadvise64, SYS_readahead, SYS_sendfile, SYS_splice, SYS_tee,
	SYS_vmsplice, SYS_copy_file_range, SYS_getxattr, SYS_lgetxattr,
	SYS_fgetxattr, SYS_listxattr, SYS_llistxattr, SYS_flistxattr,
	SYS_msync, SYS_mincore, SYS_mlock, SYS_munlock, SYS_mlock2,
	SYS_membarrier, SYS_get_mempolicy, SYS_arch_prctl,
	SYS_set_tid_address, SYS_get_robust_list, SYS_tkill,
	SYS_rt_sigpending, SYS_rt_sigtimedwait, SYS_rt_sigqueueinfo,
	SYS_rt_tgsigqueueinfo, SYS_rt_sigsuspend, SYS_pause, SYS_alarm,
	SYS_getitimer, SYS_setitimer, SYS_timer_create, SYS_timer_settime,
	SYS_timer_gettime, SYS_timer_getoverrun, SYS_timer_delete,
	SYS_timerfd_gettime, SYS_clock_getres, SYS_times,
	SYS_signalfd, SYS_signalfd4, SYS_eventfd, SYS_epoll_create,
	SYS_epoll_pwait2, SYS_inotify_init, SYS_inotify_init1,
	SYS_inotify_add_watch, SYS_inotify_rm_watch,
	SYS_getpgid, SYS_setpgid, SYS_getpgrp, SYS_getsid, SYS_getgroups,
	SYS_getpriority, SYS_setpriority, SYS_sched_getparam,
	SYS_sched_setparam, SYS_sched_getscheduler, SYS_sched_setscheduler,
	SYS_sched_get_priority_max, SYS_sched_get_priority_min,
	SYS_sched_setaffinity, SYS_sched_getattr, SYS_getcpu,
	SYS_socket, SYS_connect, SYS_bind, SYS_listen, SYS_accept,
	SYS_recvmmsg, SYS_sendmmsg, SYS_personality,
	SYS_shmget, SYS_shmat, SYS_shmctl, SYS_shmdt, SYS_semget,
	SYS_semop, SYS_semctl, SYS_semtimedop, SYS_msgget, SYS_msgsnd,
	SYS_msgrcv, SYS_msgctl, SYS_futex_waitv, SYS_ioprio_get,
};

void
spawner_run(struct proc_ctx *ctx)
{
	static const int caps[] = SPAWNER_CAPS;
	struct harness_conf	*conf = ctx->conf;
	struct proc_confine_spec spec;
	struct confine_errno	 refuse[32];
	int			 notify[64];
	size_t			 nrefuse, nnotify;
	char			 err[512], cgparent[CONF_NAME_MAX + 2];
	const char		*caveat;
	uid_t			 uid;
	gid_t			 gid;
	int			 n;

	the_ctx = ctx;
	if (confine_lookup_user(conf->sandboxd.sandbox_user, &uid, &gid) ==
	    -1)
		fatalx("unknown sandbox user %s", conf->sandboxd.sandbox_user);
	sbx_conf_defaults(&sconf);
	sconf.uid = uid;
	sconf.gid = gid;
	/* pool entries keep a copy of it for the workspace they may get */
	sconf.wsroot = conf->sandboxd.workspaces;
	snprintf(cgparent, sizeof(cgparent), "/%s", conf->sandboxd.cgroup);
	sconf.cgroup_parent = cgparent;
	spawner_limits(conf);
	sconf.max_code = SANDBOX_CODE_MAX;
	/* cgroup dirs, the seccomp programs, /etc and /usr layout */
	if (sbx_init(&sconf, err, sizeof(err)) == -1)
		fatalx("sandbox setup: %s", err);
	/* what a killed sandboxd left behind */
	if ((n = sbx_cleanup_stale(&sconf)) > 0)
		log_info("removed %d stale sandbox cgroup(s)", n);
	log_info("sandboxes as uid %u gid %u, cgroup %s %s, pool %u",
	    (unsigned)uid, (unsigned)gid, sbx_cgroup_mode(&sconf), cgparent,
	    conf->sandboxd.pool);
	if ((caveat = sbx_cgroup_caveat(&sconf)) != NULL)
		log_warnx("cgroup %s: %s", cgparent, caveat);
	atexit(spawner_atexit);

	memset(&spec, 0, sizeof(spec));
	spec.keep_caps = caps;
	spec.nkeep = sizeof(caps) / sizeof(caps[0]);
	spec.syscalls = spawner_syscalls;
	spec.nsyscalls = sizeof(spawner_syscalls) /
	    sizeof(spawner_syscalls[0]);
	spec.allow_files = 1;
	/* what the sandboxes' filter refuses: see the comment at the top */
	nnotify = sizeof(notify) / sizeof(notify[0]);
	nrefuse = sizeof(refuse) / sizeof(refuse[0]);
	if (sbx_seccomp_refusals(notify, &nnotify, refuse, &nrefuse) == -1)
		fatalx("%s: too many refused calls", __func__);
	spec.notify = notify;
	spec.nnotify = nnotify;
	spec.soft = refuse;
	spec.nsoft = nrefuse;
	proc_confine(ctx, &spec);
	if (conf->sandboxd.pool > 0 && sbx_pool(&sconf, ctx->base,
	    conf->sandboxd.pool > SBX_POOL_LIMIT ? SBX_POOL_LIMIT :
	    (int)conf->sandboxd.pool, err, sizeof(err)) == -1)
		log_warnx("sandbox pool: %s (spawning without one)", err);
	event_base_dispatch(ctx->base);
}
