/*
 * The encrypted store.  See vaultd.h for the files, vaultd(8) for the
 * formats.
 *
 * vault.hdr (128 bytes, integers little-endian):
 *	0	8	magic "HRNSVLT1"
 *	8	4	format (1)
 *	12	4	method (1 passphrase, 2 key file)
 *	16	4	algorithm (crypto_pwhash_ALG_ARGON2ID13)
 *	20	4	reserved, 0
 *	24	8	opslimit
 *	32	8	memlimit
 *	40	16	salt
 *	56	24	nonce
 *	80	48	master key (32) + tag (16), XChaCha20-Poly1305 under
 *			the key-encrypting key, bytes 0-79 as associated data
 *
 * NAME@V (48 bytes + value + 16):
 *	0	8	magic "HRNSSEC1"
 *	8	4	version V
 *	12	4	reserved, 0
 *	16	8	created (seconds since the epoch)
 *	24	24	nonce
 *	48	...	value + tag, XChaCha20-Poly1305 under the master key,
 *			associated data "harness-vault-secret\0" NAME "\0"
 *			then bytes 0-47
 * A file renamed to another secret or version, or with any byte
 * changed, fails to decrypt.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vault_proto.h"
#include "vaultc.h"
#include "vaultd.h"

#define HDR_MAGIC	"HRNSVLT1"
#define HDR_LEN		128
#define HDR_AD_LEN	80
#define SEC_MAGIC	"HRNSSEC1"
#define SEC_HDR_LEN	48
#define SEC_AD_PREFIX	"harness-vault-secret"
#define KEY_LEN		crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_LEN	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN		crypto_aead_xchacha20poly1305_ietf_ABYTES
#define KEYFILE_CTX	"harness vault key file v1"
/* read_file: not a regular file of the expected size. */
#define VS_EBADFILE	EMEDIUMTYPE

struct vstore {
	int		 dirfd;
	int		 initialised;
	unsigned char	 hdr[HDR_LEN];
	unsigned char	*key;		/* sodium_malloc'd, NULL when sealed */
};

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void
put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* Read a whole small file relative to dirfd.  0, or -1 with errno. */
static int
read_file(int dirfd, const char *name, size_t min, size_t max,
    unsigned char **bufp, size_t *lenp)
{
	struct stat	 st;
	unsigned char	*buf;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, saved;

	*bufp = NULL;
	if ((fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) ==
	    -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size < (off_t)min ||
	    st.st_size > (off_t)max) {
		close(fd);
		errno = VS_EBADFILE;
		return -1;
	}
	if ((buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1)) == NULL) {
		close(fd);
		return -1;
	}
	while (off < (size_t)st.st_size) {
		n = read(fd, buf + off, (size_t)st.st_size - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = n == 0 ? EIO : errno;
			free(buf);
			close(fd);
			errno = saved;
			return -1;
		}
		off += (size_t)n;
	}
	close(fd);
	*bufp = buf;
	*lenp = off;
	return 0;
}

/*
 * Write a file so that it survives a power loss, in two steps:
 * write_tmp() writes and fsyncs a temporary file, commit_tmp() renames
 * it over the name and fsyncs the directory.  The temporary name starts
 * with '.', which no secret name may; vstore_open() removes leftovers.
 */
static void
tmp_name(char *tmp, size_t len, const char *name)
{
	snprintf(tmp, len, ".tmp.%s", name);
}

static int
write_tmp(int dirfd, const char *name, const void *buf, size_t len,
    char *err, size_t errlen)
{
	char		 tmp[128];
	const unsigned char *p = buf;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd;

	tmp_name(tmp, sizeof(tmp), name);
	(void)unlinkat(dirfd, tmp, 0);
	if ((fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1) {
		snprintf(err, errlen, "create %s: %s", tmp, strerror(errno));
		return -1;
	}
	while (off < len) {
		n = write(fd, p + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "write %s: %s", tmp,
			    n == 0 ? "short write" : strerror(errno));
			goto fail;
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1) {
		snprintf(err, errlen, "fsync %s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		snprintf(err, errlen, "close %s: %s", tmp, strerror(errno));
		goto fail;
	}
	return 0;
 fail:
	if (fd != -1)
		close(fd);
	(void)unlinkat(dirfd, tmp, 0);
	return -1;
}

static int
commit_tmp(int dirfd, const char *name, char *err, size_t errlen)
{
	char	 tmp[128];

	tmp_name(tmp, sizeof(tmp), name);
	if (renameat(dirfd, tmp, dirfd, name) == -1) {
		snprintf(err, errlen, "rename %s: %s", name, strerror(errno));
		(void)unlinkat(dirfd, tmp, 0);
		return -1;
	}
	if (fsync(dirfd) == -1) {
		snprintf(err, errlen, "fsync of the store directory: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_atomic(int dirfd, const char *name, const void *buf, size_t len,
    char *err, size_t errlen)
{
	if (write_tmp(dirfd, name, buf, len, err, errlen) == -1)
		return -1;
	return commit_tmp(dirfd, name, err, errlen);
}

/*
 * Temporary files left by a write that never finished: a crash, or a
 * change whose audit record was never acknowledged.  Neither was
 * reported stored, so neither is kept.
 */
static void
remove_leftovers(int dirfd)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd;

	if ((fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".tmp.", 5) == 0)
			(void)unlinkat(dirfd, de->d_name, 0);
	closedir(d);
}

struct vstore *
vstore_open(int dirfd, char *err, size_t errlen)
{
	struct vstore	*vs;
	unsigned char	*buf;
	size_t		 len;

	if (sodium_init() == -1) {
		snprintf(err, errlen, "libsodium failed to initialise");
		return NULL;
	}
	if ((vs = calloc(1, sizeof(*vs))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	vs->dirfd = dirfd;
	remove_leftovers(dirfd);
	if (read_file(dirfd, VSTORE_HEADER, HDR_LEN, HDR_LEN, &buf, &len) ==
	    -1) {
		if (errno == ENOENT)
			return vs;		/* not initialised yet */
		snprintf(err, errlen, "%s: %s", VSTORE_HEADER,
		    errno == VS_EBADFILE ? "not a vault header" :
		    strerror(errno));
		free(vs);
		return NULL;
	}
	if (memcmp(buf, HDR_MAGIC, 8) != 0 || get32(buf + 8) != 1 ||
	    (get32(buf + 12) != VAULT_METHOD_PASSPHRASE &&
	    get32(buf + 12) != VAULT_METHOD_KEYFILE) ||
	    get32(buf + 16) != crypto_pwhash_ALG_ARGON2ID13) {
		snprintf(err, errlen, "%s: not a vault header of a version "
		    "this vaultd knows", VSTORE_HEADER);
		free(buf);
		free(vs);
		return NULL;
	}
	memcpy(vs->hdr, buf, HDR_LEN);
	free(buf);
	vs->initialised = 1;
	return vs;
}

void
vstore_seal(struct vstore *vs)
{
	if (vs->key != NULL) {
		/* sodium_free wipes, whatever the protection was. */
		sodium_free(vs->key);
		vs->key = NULL;
	}
}

void
vstore_free(struct vstore *vs)
{
	if (vs == NULL)
		return;
	vstore_seal(vs);
	free(vs);
}

int
vstore_sealed(const struct vstore *vs)
{
	return vs->key == NULL;
}

void
vstore_info(const struct vstore *vs, struct vstore_info *vi)
{
	memset(vi, 0, sizeof(*vi));
	vi->initialised = vs->initialised;
	vi->sealed = vs->key == NULL;
	if (vs->initialised) {
		vi->method = get32(vs->hdr + 12);
		vi->opslimit = get64(vs->hdr + 24);
		vi->memlimit = get64(vs->hdr + 32);
	}
}

/*
 * The key-encrypting key.  Argon2id may need more memory than the
 * locked-memory limit of an mlockall'd process allows: then the
 * derivation runs with memory unlocked for its duration (libsodium
 * wipes its work area before it frees it) and everything is locked
 * again afterwards.
 */
static int
derive_kek(const unsigned char *hdr, const void *secret, size_t len,
    unsigned char *kek, char *err, size_t errlen)
{
	uint32_t	 method = get32(hdr + 12);
	uint64_t	 ops = get64(hdr + 24), mem = get64(hdr + 32);

	if (method == VAULT_METHOD_KEYFILE) {
		if (len != VAULT_KEYFILE_LEN) {
			snprintf(err, errlen, "a key file holds exactly %d "
			    "bytes", VAULT_KEYFILE_LEN);
			return -1;
		}
		crypto_generichash(kek, KEY_LEN,
		    (const unsigned char *)KEYFILE_CTX, strlen(KEYFILE_CTX),
		    secret, len);
		return 0;
	}
	if (len < VAULT_PASS_MIN || len > VAULT_PASS_MAX) {
		snprintf(err, errlen, "a passphrase has %d to %d bytes",
		    VAULT_PASS_MIN, VAULT_PASS_MAX);
		return -1;
	}
	if (ops < crypto_pwhash_OPSLIMIT_MIN ||
	    ops > crypto_pwhash_OPSLIMIT_MAX ||
	    mem < crypto_pwhash_MEMLIMIT_MIN ||
	    mem > (uint64_t)1 << 32) {
		snprintf(err, errlen, "Argon2id parameters out of range");
		return -1;
	}
	if (crypto_pwhash(kek, KEY_LEN, secret, len, hdr + 40, ops,
	    (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) == 0)
		return 0;
#if !defined(HARNESS_SANITIZE)
	if (errno == ENOMEM || errno == EAGAIN) {
		int	 rc;

		(void)munlockall();
		rc = crypto_pwhash(kek, KEY_LEN, secret, len, hdr + 40, ops,
		    (size_t)mem, crypto_pwhash_ALG_ARGON2ID13);
		if (mlockall(MCL_CURRENT | MCL_FUTURE) == -1) {
			sodium_memzero(kek, KEY_LEN);
			snprintf(err, errlen, "mlockall: %s",
			    strerror(errno));
			return -1;
		}
		if (rc == 0)
			return 0;
	}
#endif
	snprintf(err, errlen, "Argon2id: %s (needs %llu MiB)",
	    strerror(errno), (unsigned long long)(mem >> 20));
	return -1;
}

int
vstore_init(struct vstore *vs, uint32_t method, const void *secret,
    size_t len, uint64_t ops, uint64_t mem, char *err, size_t errlen)
{
	unsigned char	 hdr[HDR_LEN];
	unsigned char	*kek = NULL, *key = NULL;
	int		 rc = -1;

	if (vs->initialised) {
		snprintf(err, errlen, "vault already initialised");
		return -1;
	}
	if (method != VAULT_METHOD_PASSPHRASE &&
	    method != VAULT_METHOD_KEYFILE) {
		snprintf(err, errlen, "unknown unseal method %u", method);
		return -1;
	}
	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, HDR_MAGIC, 8);
	put32(hdr + 8, 1);
	put32(hdr + 12, method);
	put32(hdr + 16, crypto_pwhash_ALG_ARGON2ID13);
	if (method == VAULT_METHOD_PASSPHRASE) {
		put64(hdr + 24, ops ? ops : VSTORE_OPSLIMIT);
		put64(hdr + 32, mem ? mem : VSTORE_MEMLIMIT);
		randombytes_buf(hdr + 40, crypto_pwhash_SALTBYTES);
	}
	randombytes_buf(hdr + 56, NONCE_LEN);

	if ((kek = sodium_malloc(KEY_LEN)) == NULL ||
	    (key = sodium_malloc(KEY_LEN)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	if (derive_kek(hdr, secret, len, kek, err, errlen) == -1)
		goto done;
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	crypto_aead_xchacha20poly1305_ietf_encrypt(hdr + 80, NULL, key,
	    KEY_LEN, hdr, HDR_AD_LEN, NULL, hdr + 56, kek);
	if (write_atomic(vs->dirfd, VSTORE_HEADER, hdr, sizeof(hdr), err,
	    errlen) == -1)
		goto done;
	memcpy(vs->hdr, hdr, sizeof(hdr));
	vs->initialised = 1;
	vstore_seal(vs);
	sodium_mprotect_noaccess(key);
	vs->key = key;
	key = NULL;
	rc = 0;
 done:
	if (kek != NULL)
		sodium_free(kek);
	if (key != NULL)
		sodium_free(key);
	return rc;
}

int
vstore_unseal(struct vstore *vs, uint32_t method, const void *secret,
    size_t len, char *err, size_t errlen)
{
	unsigned char	*kek = NULL, *key = NULL;
	uint32_t	 have;
	int		 rc = -1;

	if (!vs->initialised) {
		snprintf(err, errlen, "vault not initialised (harnessctl "
		    "vault init)");
		return -1;
	}
	have = get32(vs->hdr + 12);
	if (method != have) {
		snprintf(err, errlen, "this vault is unsealed with a %s",
		    have == VAULT_METHOD_KEYFILE ? "key file" : "passphrase");
		return -1;
	}
	if ((kek = sodium_malloc(KEY_LEN)) == NULL ||
	    (key = sodium_malloc(KEY_LEN)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	if (derive_kek(vs->hdr, secret, len, kek, err, errlen) == -1)
		goto done;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(key, NULL, NULL,
	    vs->hdr + 80, KEY_LEN + TAG_LEN, vs->hdr, HDR_AD_LEN,
	    vs->hdr + 56, kek) == -1) {
		snprintf(err, errlen, "%s", have == VAULT_METHOD_KEYFILE ?
		    "wrong key file" : "wrong passphrase");
		goto done;
	}
	vstore_seal(vs);
	sodium_mprotect_noaccess(key);
	vs->key = key;
	key = NULL;
	rc = 0;
 done:
	if (kek != NULL)
		sodium_free(kek);
	if (key != NULL)
		sodium_free(key);
	return rc;
}

/* "NAME@V" -> name and version; -1 for anything else in the dir. */
static int
parse_fname(const char *f, char *name, size_t namelen, uint32_t *vp)
{
	const char	*at, *errstr;
	char		 e[8];
	long long	 v;

	if ((at = strrchr(f, '@')) == NULL || (size_t)(at - f) >= namelen ||
	    at[1] == '0')
		return -1;
	memcpy(name, f, (size_t)(at - f));
	name[at - f] = '\0';
	if (vault_name_check(name, e, sizeof(e)) == -1)
		return -1;
	v = strtonum(at + 1, 1, UINT32_MAX, &errstr);
	if (errstr != NULL)
		return -1;
	*vp = (uint32_t)v;
	return 0;
}

static int
vers_cmp(const void *a, const void *b)
{
	const struct vstore_version *x = a, *y = b;

	return x->version < y->version ? -1 : x->version > y->version;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct vstore_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* The created time from a secret file's clear header (0 if unreadable). */
static int64_t
file_created(int dirfd, const char *fname)
{
	unsigned char	 h[SEC_HDR_LEN];
	ssize_t		 n;
	int		 fd;

	if ((fd = openat(dirfd, fname, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) ==
	    -1)
		return 0;
	n = read(fd, h, sizeof(h));
	close(fd);
	if (n != (ssize_t)sizeof(h) || memcmp(h, SEC_MAGIC, 8) != 0)
		return 0;
	return (int64_t)get64(h + 16);
}

/*
 * Scan the directory.  With only != NULL, just that secret (one entry
 * or none).  Creation times cost an open per file: only when asked.
 */
static int
scan(struct vstore *vs, const char *only, int created,
    struct vstore_entry **entp, size_t *np, char *err, size_t errlen)
{
	DIR			*d;
	struct dirent		*de;
	struct vstore_entry	*ent = NULL, *e, *t;
	size_t			 n = 0, i;
	char			 name[VAULT_NAME_MAX + 1];
	uint32_t		 v;
	int			 fd;

	*entp = NULL;
	*np = 0;
	if ((fd = openat(vs->dirfd, ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1 || (d = fdopendir(fd)) == NULL) {
		snprintf(err, errlen, "store directory: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (parse_fname(de->d_name, name, sizeof(name), &v) == -1)
			continue;
		if (only != NULL && strcmp(name, only) != 0)
			continue;
		for (i = 0, e = NULL; i < n; i++)
			if (strcmp(ent[i].name, name) == 0) {
				e = &ent[i];
				break;
			}
		if (e == NULL) {
			if ((t = reallocarray(ent, n + 1, sizeof(*ent))) ==
			    NULL) {
				snprintf(err, errlen, "out of memory");
				free(ent);
				closedir(d);
				return -1;
			}
			ent = t;
			e = &ent[n++];
			memset(e, 0, sizeof(*e));
			strlcpy(e->name, name, sizeof(e->name));
		}
		if (e->nversions >= VAULT_VERSIONS_MAX)
			continue;
		e->v[e->nversions].version = v;
		e->v[e->nversions].created = created ?
		    file_created(vs->dirfd, de->d_name) : 0;
		e->nversions++;
	}
	closedir(d);
	for (i = 0; i < n; i++)
		qsort(ent[i].v, ent[i].nversions, sizeof(ent[i].v[0]),
		    vers_cmp);
	if (n > 1)
		qsort(ent, n, sizeof(*ent), entry_cmp);
	*entp = ent;
	*np = n;
	return 0;
}

int
vstore_list(struct vstore *vs, struct vstore_entry **entp, size_t *np,
    char *err, size_t errlen)
{
	return scan(vs, NULL, 1, entp, np, err, errlen);
}

int
vstore_versions(struct vstore *vs, const char *name, struct vstore_entry *e,
    char *err, size_t errlen)
{
	struct vstore_entry	*ent;
	size_t			 n;

	if (vault_name_check(name, err, errlen) == -1)
		return -1;
	if (scan(vs, name, 0, &ent, &n, err, errlen) == -1)
		return -1;
	if (n == 0) {
		snprintf(err, errlen, "secret %s: no such secret", name);
		free(ent);
		return -1;
	}
	*e = ent[0];
	free(ent);
	return 0;
}

static void
secret_ad(unsigned char *ad, size_t *adlen, const char *name,
    const unsigned char *hdr)
{
	size_t	 off = 0, nl = strlen(name);

	memcpy(ad, SEC_AD_PREFIX, sizeof(SEC_AD_PREFIX));
	off += sizeof(SEC_AD_PREFIX);
	memcpy(ad + off, name, nl + 1);
	off += nl + 1;
	memcpy(ad + off, hdr, SEC_HDR_LEN);
	off += SEC_HDR_LEN;
	*adlen = off;
}

static void
version_fname(char *fname, size_t len, const char *name, uint32_t v)
{
	snprintf(fname, len, "%s@%u", name, v);
}

int
vstore_put_stage(struct vstore *vs, const char *name, const void *val,
    size_t len, int rotate, uint32_t *versionp, char *err, size_t errlen)
{
	struct vstore_entry	 e;
	unsigned char		 ad[sizeof(SEC_AD_PREFIX) + VAULT_NAME_MAX + 1 +
				    SEC_HDR_LEN];
	unsigned char		*buf;
	char			 fname[VAULT_NAME_MAX + 16], e2[256];
	size_t			 adlen;
	uint32_t		 v;
	int			 exists, rc;

	if (vault_name_check(name, err, errlen) == -1)
		return -1;
	if (vs->key == NULL) {
		snprintf(err, errlen, "vault is sealed");
		return -1;
	}
	if (len == 0 || len > VAULT_VALUE_MAX) {
		snprintf(err, errlen, "a value has 1 byte to %d bytes",
		    VAULT_VALUE_MAX);
		return -1;
	}
	exists = vstore_versions(vs, name, &e, e2, sizeof(e2)) == 0;
	if (!rotate && exists) {
		snprintf(err, errlen, "secret %s exists (use rotate for a new "
		    "version)", name);
		return -1;
	}
	if (rotate && !exists) {
		snprintf(err, errlen, "secret %s: no such secret", name);
		return -1;
	}
	if (exists && e.nversions >= VAULT_VERSIONS_MAX) {
		snprintf(err, errlen, "secret %s has %d versions: prune it "
		    "first", name, VAULT_VERSIONS_MAX);
		return -1;
	}
	v = exists ? e.v[e.nversions - 1].version + 1 : 1;
	if (v == 0) {
		snprintf(err, errlen, "secret %s: out of versions", name);
		return -1;
	}
	if ((buf = malloc(SEC_HDR_LEN + len + TAG_LEN)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(buf, 0, SEC_HDR_LEN);
	memcpy(buf, SEC_MAGIC, 8);
	put32(buf + 8, v);
	put64(buf + 16, (uint64_t)time(NULL));
	randombytes_buf(buf + 24, NONCE_LEN);
	secret_ad(ad, &adlen, name, buf);
	sodium_mprotect_readonly(vs->key);
	crypto_aead_xchacha20poly1305_ietf_encrypt(buf + SEC_HDR_LEN, NULL,
	    val, len, ad, adlen, NULL, buf + 24, vs->key);
	sodium_mprotect_noaccess(vs->key);
	version_fname(fname, sizeof(fname), name, v);
	rc = write_tmp(vs->dirfd, fname, buf, SEC_HDR_LEN + len + TAG_LEN,
	    err, errlen);
	free(buf);
	if (rc == 0)
		*versionp = v;
	return rc;
}

int
vstore_put_commit(struct vstore *vs, const char *name, uint32_t version,
    char *err, size_t errlen)
{
	char	 fname[VAULT_NAME_MAX + 16];

	version_fname(fname, sizeof(fname), name, version);
	return commit_tmp(vs->dirfd, fname, err, errlen);
}

void
vstore_put_abort(struct vstore *vs, const char *name, uint32_t version)
{
	char	 fname[VAULT_NAME_MAX + 16], tmp[128];

	version_fname(fname, sizeof(fname), name, version);
	tmp_name(tmp, sizeof(tmp), fname);
	(void)unlinkat(vs->dirfd, tmp, 0);
}

int
vstore_put(struct vstore *vs, const char *name, const void *val, size_t len,
    int rotate, uint32_t *versionp, char *err, size_t errlen)
{
	uint32_t	 v;

	if (vstore_put_stage(vs, name, val, len, rotate, &v, err, errlen) ==
	    -1)
		return -1;
	if (vstore_put_commit(vs, name, v, err, errlen) == -1)
		return -1;
	if (versionp != NULL)
		*versionp = v;
	return 0;
}

void
vstore_value_free(unsigned char *val, size_t len)
{
	(void)len;
	if (val != NULL)
		sodium_free(val);	/* wipes */
}

int
vstore_get(struct vstore *vs, const char *name, uint32_t version,
    unsigned char **valp, size_t *lenp, uint32_t *versionp,
    uint32_t *statusp, char *err, size_t errlen)
{
	struct vstore_entry	 e;
	unsigned char		 ad[sizeof(SEC_AD_PREFIX) + VAULT_NAME_MAX + 1 +
				    SEC_HDR_LEN];
	unsigned char		*buf, *val;
	char			 fname[VAULT_NAME_MAX + 16];
	size_t			 len, adlen, vlen;
	uint32_t		 v;

	*valp = NULL;
	*statusp = VAULT_S_INTERNAL;
	if (vault_name_check(name, err, errlen) == -1) {
		*statusp = VAULT_S_BADNAME;
		return -1;
	}
	if (vs->key == NULL) {
		snprintf(err, errlen, "vault is sealed");
		return -1;
	}
	if (vstore_versions(vs, name, &e, err, errlen) == -1) {
		*statusp = VAULT_S_NOSECRET;
		return -1;
	}
	v = version ? version : e.v[e.nversions - 1].version;
	snprintf(fname, sizeof(fname), "%s@%u", name, v);
	if (read_file(vs->dirfd, fname, SEC_HDR_LEN + TAG_LEN + 1,
	    SEC_HDR_LEN + TAG_LEN + VAULT_VALUE_MAX, &buf, &len) == -1) {
		if (errno == ENOENT) {
			snprintf(err, errlen, "secret %s: no version %u",
			    name, v);
			*statusp = VAULT_S_NOSECRET;
		} else if (errno == VS_EBADFILE) {
			snprintf(err, errlen, "secret %s: decryption failed "
			    "(tampered or wrong key)", name);
			*statusp = VAULT_S_DECRYPT;
		} else
			snprintf(err, errlen, "secret %s: %s", name,
			    strerror(errno));
		return -1;
	}
	vlen = len - SEC_HDR_LEN - TAG_LEN;
	if (memcmp(buf, SEC_MAGIC, 8) != 0 || get32(buf + 8) != v) {
		free(buf);
		snprintf(err, errlen, "secret %s: decryption failed "
		    "(tampered or wrong key)", name);
		*statusp = VAULT_S_DECRYPT;
		return -1;
	}
	if ((val = sodium_malloc(vlen)) == NULL) {
		free(buf);
		snprintf(err, errlen, "secret %s: out of memory", name);
		return -1;
	}
	secret_ad(ad, &adlen, name, buf);
	sodium_mprotect_readonly(vs->key);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(val, NULL, NULL,
	    buf + SEC_HDR_LEN, vlen + TAG_LEN, ad, adlen, buf + 24,
	    vs->key) == -1) {
		sodium_mprotect_noaccess(vs->key);
		sodium_free(val);
		free(buf);
		snprintf(err, errlen, "secret %s: decryption failed "
		    "(tampered or wrong key)", name);
		*statusp = VAULT_S_DECRYPT;
		return -1;
	}
	sodium_mprotect_noaccess(vs->key);
	free(buf);
	*valp = val;
	*lenp = vlen;
	if (versionp != NULL)
		*versionp = v;
	*statusp = VAULT_S_OK;
	return 0;
}

static int
remove_versions(struct vstore *vs, const char *name, size_t keep,
    uint32_t *removedp, char *err, size_t errlen)
{
	struct vstore_entry	 e;
	char			 fname[VAULT_NAME_MAX + 16];
	size_t			 i;
	uint32_t		 removed = 0;

	if (vstore_versions(vs, name, &e, err, errlen) == -1)
		return -1;
	for (i = 0; i + keep < e.nversions; i++) {
		version_fname(fname, sizeof(fname), name, e.v[i].version);
		if (unlinkat(vs->dirfd, fname, 0) == -1) {
			snprintf(err, errlen, "remove %s: %s", fname,
			    strerror(errno));
			return -1;
		}
		removed++;
	}
	if (removed > 0 && fsync(vs->dirfd) == -1) {
		snprintf(err, errlen, "fsync of the store directory: %s",
		    strerror(errno));
		return -1;
	}
	if (removedp != NULL)
		*removedp = removed;
	return 0;
}

int
vstore_rm(struct vstore *vs, const char *name, char *err, size_t errlen)
{
	return remove_versions(vs, name, 0, NULL, err, errlen);
}

int
vstore_prune(struct vstore *vs, const char *name, uint32_t *removedp,
    char *err, size_t errlen)
{
	return remove_versions(vs, name, 1, removedp, err, errlen);
}
