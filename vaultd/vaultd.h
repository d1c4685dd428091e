/*
 * vaultd: keeps secrets encrypted at rest, sealed until an administrator
 * unseals it, and hands them to sandboxd as sealed memfds.
 */
#ifndef VAULTD_H
#define VAULTD_H

#include <stddef.h>
#include <stdint.h>

#include "proc.h"
#include "vault_proto.h"

enum vaultd_proc {
	PROC_VAULT = 0,
	PROC_VAULTD_MAX
};

void	 vault_run(struct proc_ctx *);
void	 vault_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);
int	 vault_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
void	 vault_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
int	 vault_stopping(struct proc_ctx *);
const char *vault_chroot(const struct harness_conf *);

/*
 * An audit record nothing waits for: a refusal or an administrative
 * action, never a value.  Logged at info level and sent to auditd
 * without an ack; reads and deliveries send theirs with AUDIT_ACK and
 * hold the value back until it is durable (store.c).
 */
void	 vault_audit(const char *, const char *, const char *, const char *,
	    const char *);

/*
 * The store (vstore.c): files in one directory, given as an open fd.
 *
 *   vault.hdr	the master key, wrapped (XChaCha20-Poly1305) by a key
 *		derived from a passphrase (Argon2id) or from a key file
 *   NAME@V	version V of secret NAME, encrypted under the master key
 *		with the name and the version bound as associated data
 *
 * Every write goes to a temporary file that is fsync'd, renamed into
 * place, and followed by an fsync of the directory.
 */
#define VSTORE_HEADER		"vault.hdr"
#define VSTORE_OPSLIMIT		3		/* Argon2id passes */
#define VSTORE_MEMLIMIT		(64ULL << 20)	/* Argon2id memory */

struct vstore;

struct vstore_version {
	uint32_t	 version;
	int64_t		 created;
};

struct vstore_entry {
	char		 name[VAULT_NAME_MAX + 1];
	size_t		 nversions;		/* ascending */
	struct vstore_version v[VAULT_VERSIONS_MAX];
};

struct vstore_info {
	int		 initialised;
	int		 sealed;
	uint32_t	 method;		/* VAULT_METHOD_* */
	uint64_t	 opslimit;
	uint64_t	 memlimit;
};

/* Open the store in dirfd (kept; the caller closes it after free). */
struct vstore *vstore_open(int, char *, size_t);
void	 vstore_free(struct vstore *);
void	 vstore_info(const struct vstore *, struct vstore_info *);
int	 vstore_sealed(const struct vstore *);
/*
 * Create the header with a new random master key, wrapped with a
 * passphrase (Argon2id with the given limits, 0 for the defaults) or a
 * 32-byte key file.  The store is then unsealed.  0 or -1.
 */
int	 vstore_init(struct vstore *, uint32_t, const void *, size_t,
	    uint64_t, uint64_t, char *, size_t);
/* Unwrap the master key: "wrong passphrase" / "wrong key file". */
int	 vstore_unseal(struct vstore *, uint32_t, const void *, size_t,
	    char *, size_t);
/* Wipe the master key. */
void	 vstore_seal(struct vstore *);
/*
 * Store a new version: rotate 0 makes version 1 of a new secret, 1 the
 * next version of an existing one.  *versionp gets the version.
 */
int	 vstore_put(struct vstore *, const char *, const void *, size_t,
	    int, uint32_t *, char *, size_t);
/*
 * The same in two steps, for a change that waits for its audit record:
 * stage writes the encrypted version to a temporary file (every check
 * vstore_put makes is made here) and gives its number; commit makes it
 * the secret's version, abort removes it.  At most one staged version
 * per secret at a time.
 */
int	 vstore_put_stage(struct vstore *, const char *, const void *, size_t,
	    int, uint32_t *, char *, size_t);
int	 vstore_put_commit(struct vstore *, const char *, uint32_t, char *,
	    size_t);
void	 vstore_put_abort(struct vstore *, const char *, uint32_t);
/*
 * Decrypt a version (0: the latest) into *valp, a guarded allocation
 * freed with vstore_value_free.  Returns 0, or -1 with err and, in
 * *statusp, a VAULT_S_* reason.
 */
int	 vstore_get(struct vstore *, const char *, uint32_t, unsigned char **,
	    size_t *, uint32_t *, uint32_t *, char *, size_t);
void	 vstore_value_free(unsigned char *, size_t);
/* Remove every version. */
int	 vstore_rm(struct vstore *, const char *, char *, size_t);
/* Remove every version but the latest; *removedp gets the count. */
int	 vstore_prune(struct vstore *, const char *, uint32_t *, char *,
	    size_t);
/* Every secret, sorted by name (free *entriesp). */
int	 vstore_list(struct vstore *, struct vstore_entry **, size_t *,
	    char *, size_t);
/* One secret's versions (created left 0); -1 when it does not exist. */
int	 vstore_versions(struct vstore *, const char *, struct vstore_entry *,
	    char *, size_t);

#endif /* VAULTD_H */
