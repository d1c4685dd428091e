/*
 * Client side of the vault delivery protocol.  See vaultc.h.
 */
#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "imsg.h"
#include "proto.h"
#include "vault_proto.h"
#include "vaultc.h"
#include "wire.h"

/* Free a received message and close an fd nobody took. */
static void
vaultc_imsg_done(struct imsg *imsg)
{
	if (imsg->fd != -1) {
		close(imsg->fd);
		imsg->fd = -1;
	}
	imsg_free(imsg);
}

int
vault_name_check(const char *s, char *err, size_t errlen)
{
	const char	*p;
	size_t		 len;

	if (s == NULL || (len = strlen(s)) == 0 || len > VAULT_NAME_MAX) {
		snprintf(err, errlen, "a secret name has 1 to %d characters",
		    VAULT_NAME_MAX);
		return -1;
	}
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.') {
			snprintf(err, errlen, "a secret name may contain only "
			    "letters, digits, '_', '-' and '.'");
			return -1;
		}
	if (s[0] == '.' || strstr(s, "..") != NULL) {
		snprintf(err, errlen, "a secret name must not start with '.' "
		    "or contain '..'");
		return -1;
	}
	return 0;
}

int
vault_session_check(const char *s)
{
	const char	*p;
	size_t		 len;

	if (s == NULL || (len = strlen(s)) == 0 || len > VAULT_SESSION_MAX)
		return -1;
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.' && *p != ':')
			return -1;
	return 0;
}

const char *
vault_status_name(uint32_t st)
{
	switch (st) {
	case VAULT_S_OK:
		return "delivered";
	case VAULT_S_BADNAME:
		return "bad name";
	case VAULT_S_NOGRANT:
		return "not granted";
	case VAULT_S_EXPIRED:
		return "grant expired";
	case VAULT_S_NOSECRET:
		return "no such secret";
	case VAULT_S_DECRYPT:
		return "decryption failed";
	case VAULT_S_INTERNAL:
		return "internal error";
	}
	return "unknown status";
}

int
vaultc_fetch_encode(struct wbuf *wb, const char *tool, const char *session,
    const char *const *names, size_t n)
{
	size_t	 i;

	if (tool == NULL || strlen(tool) == 0 ||
	    strlen(tool) > VAULT_TOOL_MAX || vault_session_check(session) ==
	    -1 || n == 0 || n > VAULT_FETCH_MAX) {
		errno = EINVAL;
		return -1;
	}
	wire_init(wb);
	wire_put_str(wb, tool);
	wire_put_str(wb, session);
	wire_put_u32(wb, (uint32_t)n);
	for (i = 0; i < n; i++) {
		if (names[i] == NULL) {
			errno = EINVAL;
			return -1;
		}
		wire_put_str(wb, names[i]);
	}
	return wire_ok(wb);
}

int
vaultc_secret_decode(struct imsg *imsg, struct vaultc_secret *s)
{
	struct rbuf	 rb;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (imsg->hdr.type != IMSG_VAULT_SECRET)
		return -1;
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	wire_get_strbuf(&rb, s->name, sizeof(s->name));
	wire_get_u32(&rb, &s->status);
	wire_get_u32(&rb, &s->how);
	wire_get_strbuf(&rb, s->target, sizeof(s->target));
	wire_get_u32(&rb, &s->version);
	wire_get_strbuf(&rb, s->error, sizeof(s->error));
	if (wire_end(&rb) == -1)
		return -1;
	/* A delivered secret comes with its fd, a refused one without. */
	if ((s->status == VAULT_S_OK) != (imsg->fd != -1))
		return -1;
	if (s->status == VAULT_S_OK && s->how != VAULT_AS_ENV &&
	    s->how != VAULT_AS_FILE)
		return -1;
	s->fd = imsg->fd;
	imsg->fd = -1;
	return 0;
}

void
vaultc_secrets_free(struct vaultc_secret *v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		if (v[i].fd != -1)
			close(v[i].fd);
	free(v);
}

int
vaultc_fetch(struct hconn *h, const char *tool, const char *session,
    const char *const *names, size_t n, struct vaultc_secret **out,
    char *err, size_t errlen)
{
	struct wbuf		 wb;
	struct rbuf		 rb;
	struct imsg		 imsg;
	struct vaultc_secret	*v;
	size_t			 got = 0;
	uint32_t		 ok, bad;
	int			 rc, failed = 0;

	*out = NULL;
	if (vaultc_fetch_encode(&wb, tool, session, names, n) == -1) {
		snprintf(err, errlen, "bad fetch request");
		return -1;
	}
	if ((v = calloc(n, sizeof(*v))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (harness_send(h, IMSG_VAULT_FETCH, 0, -1, wb.buf, wb.len) == -1) {
		snprintf(err, errlen, "send: %s", strerror(errno));
		free(v);
		return -1;
	}
	for (;;) {
		if ((rc = harness_recv(h, &imsg, 30000)) != 1) {
			snprintf(err, errlen, "%s", rc == 0 ?
			    "vaultd closed the connection" : strerror(errno));
			goto fail;
		}
		if (harness_error(&imsg, err, errlen)) {
			vaultc_imsg_done(&imsg);
			goto fail;
		}
		if (imsg.hdr.type == IMSG_VAULT_FETCH_END) {
			wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
			wire_get_u32(&rb, &ok);
			wire_get_u32(&rb, &bad);
			vaultc_imsg_done(&imsg);
			if (wire_end(&rb) == -1 || got != n ||
			    (size_t)ok + bad != n) {
				snprintf(err, errlen, "malformed end of "
				    "delivery");
				goto fail;
			}
			break;
		}
		if (got == n || vaultc_secret_decode(&imsg, &v[got]) == -1 ||
		    strcmp(v[got].name, names[got]) != 0) {
			vaultc_imsg_done(&imsg);
			snprintf(err, errlen, "malformed delivery message");
			goto fail;
		}
		vaultc_imsg_done(&imsg);
		if (v[got].status != VAULT_S_OK)
			failed++;
		got++;
	}
	*out = v;
	return failed;
 fail:
	vaultc_secrets_free(v, got);
	return -1;
}
