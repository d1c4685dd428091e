/*
 * vaultc: the client side of vaultd's delivery protocol (vault_proto.h)
 * and the rules both ends share.  sandboxd uses the encode/decode pair
 * from its event loop; simple programs (tests, benchmarks) use the
 * blocking vaultc_fetch() over a harness_connect() connection.
 */
#ifndef HARNESS_VAULTC_H
#define HARNESS_VAULTC_H

#include <stddef.h>
#include <stdint.h>

#include "vault_proto.h"

struct hconn;
struct imsg;
struct wbuf;

/* One secret of a FETCH reply. */
struct vaultc_secret {
	char		 name[VAULT_NAME_MAX + 1];
	uint32_t	 status;		/* VAULT_S_* */
	uint32_t	 how;			/* VAULT_AS_ENV, VAULT_AS_FILE */
	char		 target[64];		/* env variable or file name */
	uint32_t	 version;
	char		 error[256];		/* why, when status != OK */
	int		 fd;			/* sealed memfd, or -1 */
};

/*
 * A secret name: [A-Za-z0-9_.-], 1 to VAULT_NAME_MAX bytes, no leading
 * '.', no "..".  0 if valid, -1 with the reason in err.
 */
int	 vault_name_check(const char *, char *, size_t);
/* A session id: [A-Za-z0-9_.:-], 1 to VAULT_SESSION_MAX bytes. */
int	 vault_session_check(const char *);
/* "no such secret" and friends for a VAULT_S_* status. */
const char *vault_status_name(uint32_t);

/* Encode a FETCH request.  0, or -1 (bad arguments, too big). */
int	 vaultc_fetch_encode(struct wbuf *, const char *, const char *,
	    const char *const *, size_t);
/*
 * Decode one VAULT_SECRET message; the fd moves from the imsg into *s
 * (imsg->fd becomes -1).  0, or -1 on a malformed message.
 */
int	 vaultc_secret_decode(struct imsg *, struct vaultc_secret *);

/*
 * Blocking delivery over a control connection: send a FETCH and read
 * the replies into *out (n entries, in request order; free with
 * vaultc_secrets_free, which closes the fds).  Returns the number of
 * secrets that failed (0: all delivered), or -1 with the message in
 * err when the whole request was refused ("vault is sealed") or the
 * connection failed.
 */
int	 vaultc_fetch(struct hconn *, const char *, const char *,
	    const char *const *, size_t, struct vaultc_secret **, char *,
	    size_t);
void	 vaultc_secrets_free(struct vaultc_secret *, size_t);

#endif /* HARNESS_VAULTC_H */
