/*
 * vaultd's store without the daemon: init, seal, unseal, put, rotate,
 * prune, rm, tamper, names, sizes.  Small Argon2id limits keep it fast;
 * one case uses the defaults.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "vaultc.h"
#include "../../vaultd/vaultd.h"

static char	 dir[64];

static int
opendirfd(const char *d)
{
	return open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static void
rmdir_all(const char *d)
{
	char	 cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", d);
}

static int
get_eq(struct vstore *vs, const char *name, uint32_t ver, const void *want,
    size_t wlen)
{
	unsigned char	*val;
	size_t		 len;
	uint32_t	 v, st;
	char		 err[256];
	int		 ok;

	if (vstore_get(vs, name, ver, &val, &len, &v, &st, err,
	    sizeof(err)) == -1)
		return 0;
	ok = len == wlen && memcmp(val, want, len) == 0;
	vstore_value_free(val, len);
	return ok;
}

static int
flip_byte(const char *d, const char *f, off_t off)
{
	char		 path[PATH_MAX];
	unsigned char	 c;
	int		 fd, ok;

	snprintf(path, sizeof(path), "%s/%s", d, f);
	if ((fd = open(path, O_RDWR)) == -1)
		return -1;
	ok = pread(fd, &c, 1, off) == 1;
	c ^= 0x01;
	ok = ok && pwrite(fd, &c, 1, off) == 1;
	close(fd);
	return ok ? 0 : -1;
}

int
main(void)
{
	struct vstore		*vs;
	struct vstore_info	 vi;
	struct vstore_entry	*ent, e;
	unsigned char		 key[VAULT_KEYFILE_LEN], big[VAULT_VALUE_MAX + 1];
	unsigned char		*val;
	const char		 nul[] = "a\0b\0c";
	char			 err[256], path[PATH_MAX];
	size_t			 n, len;
	uint32_t		 v, st, removed;
	int			 dfd;
	const char		*bad[] = { "", ".hidden", "a..b", "a/b",
				    "../x", "a b", "x@1",
				    "0123456789012345678901234567890123456789"
				    "012345678901234567890123" };
	size_t			 i;

	snprintf(dir, sizeof(dir), "/tmp/test_vstore.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	dfd = opendirfd(dir);

	vs = vstore_open(dfd, err, sizeof(err));
	tap_ok(vs != NULL, "open an empty directory");
	vstore_info(vs, &vi);
	tap_ok(!vi.initialised && vi.sealed, "empty store: not initialised, "
	    "sealed");
	tap_ok(vstore_put(vs, "A", "x", 1, 0, &v, err, sizeof(err)) == -1 &&
	    strcmp(err, "vault is sealed") == 0, "put before init: sealed");
	tap_ok(vstore_unseal(vs, VAULT_METHOD_PASSPHRASE, "password1", 9, err,
	    sizeof(err)) == -1, "unseal before init fails");
	tap_ok(vstore_init(vs, VAULT_METHOD_PASSPHRASE, "short", 5, 1, 8192,
	    err, sizeof(err)) == -1, "too short a passphrase is refused");
	tap_ok(vstore_init(vs, VAULT_METHOD_PASSPHRASE, "correct horse", 13,
	    1, 8192, err, sizeof(err)) == 0, "init with a passphrase");
	vstore_info(vs, &vi);
	tap_ok(vi.initialised && !vi.sealed && vi.opslimit == 1 &&
	    vi.memlimit == 8192 && vi.method == VAULT_METHOD_PASSPHRASE,
	    "after init: unsealed, parameters recorded");
	tap_ok(vstore_init(vs, VAULT_METHOD_PASSPHRASE, "correct horse", 13,
	    1, 8192, err, sizeof(err)) == -1, "second init refused");

	tap_ok(vstore_put(vs, "A", "alpha", 5, 0, &v, err, sizeof(err)) == 0 &&
	    v == 1, "put A: version 1");
	tap_ok(vstore_put(vs, "A", "alpha", 5, 0, &v, err, sizeof(err)) == -1,
	    "put of an existing secret refused");
	tap_ok(vstore_put(vs, "B", nul, sizeof(nul), 0, &v, err,
	    sizeof(err)) == 0 && get_eq(vs, "B", 0, nul, sizeof(nul)),
	    "a value with NUL bytes round-trips");
	memset(big, 'z', sizeof(big));
	big[0] = 0;
	tap_ok(vstore_put(vs, "BIG", big, VAULT_VALUE_MAX, 0, &v, err,
	    sizeof(err)) == 0 && get_eq(vs, "BIG", 0, big, VAULT_VALUE_MAX),
	    "a 1 MiB value round-trips");
	tap_ok(vstore_put(vs, "BIGGER", big, VAULT_VALUE_MAX + 1, 0, &v, err,
	    sizeof(err)) == -1, "1 MiB + 1 refused");
	tap_ok(vstore_put(vs, "EMPTY", big, 0, 0, &v, err, sizeof(err)) == -1,
	    "an empty value refused");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char	 t[128];

		snprintf(t, sizeof(t), "bad name '%s' refused", bad[i]);
		tap_ok(vstore_put(vs, bad[i], "x", 1, 0, &v, err,
		    sizeof(err)) == -1, t);
	}
	tap_ok(vstore_put(vs, "ok_name-1.x", "x", 1, 0, &v, err,
	    sizeof(err)) == 0, "name with _ - . digits accepted");

	tap_ok(vstore_put(vs, "A", "alpha2", 6, 1, &v, err, sizeof(err)) ==
	    0 && v == 2, "rotate A: version 2");
	tap_ok(get_eq(vs, "A", 0, "alpha2", 6), "latest is version 2");
	tap_ok(get_eq(vs, "A", 1, "alpha", 5), "version 1 kept for rollback");
	tap_ok(vstore_put(vs, "NOPE", "x", 1, 1, &v, err, sizeof(err)) == -1,
	    "rotate of a missing secret refused");
	tap_ok(vstore_list(vs, &ent, &n, err, sizeof(err)) == 0 && n == 4 &&
	    strcmp(ent[0].name, "A") == 0 && ent[0].nversions == 2 &&
	    ent[0].v[1].version == 2 && ent[0].v[0].created > 0,
	    "list: 4 secrets, A with 2 versions");
	free(ent);
	tap_ok(vstore_prune(vs, "A", &removed, err, sizeof(err)) == 0 &&
	    removed == 1 && vstore_versions(vs, "A", &e, err, sizeof(err)) ==
	    0 && e.nversions == 1 && e.v[0].version == 2,
	    "prune keeps only the latest");
	tap_ok(vstore_put(vs, "A", "alpha3", 6, 1, &v, err, sizeof(err)) ==
	    0 && v == 3, "rotate after prune: version 3");

	/* In two steps: stage, then commit or abort. */
	snprintf(path, sizeof(path), "%s/.tmp.A@4", dir);
	tap_ok(vstore_put_stage(vs, "A", "alpha4", 6, 1, &v, err,
	    sizeof(err)) == 0 && v == 4 && access(path, F_OK) == 0 &&
	    vstore_versions(vs, "A", &e, err, sizeof(err)) == 0 &&
	    e.nversions == 2 && get_eq(vs, "A", 0, "alpha3", 6),
	    "staged: written aside, not yet a version");
	vstore_put_abort(vs, "A", 4);
	tap_ok(access(path, F_OK) == -1 && errno == ENOENT &&
	    vstore_versions(vs, "A", &e, err, sizeof(err)) == 0 &&
	    e.nversions == 2, "aborted: the staged file is gone");
	tap_ok(vstore_put_stage(vs, "A", "alpha4", 6, 1, &v, err,
	    sizeof(err)) == 0 && v == 4 && vstore_put_commit(vs, "A", v, err,
	    sizeof(err)) == 0 && access(path, F_OK) == -1 &&
	    get_eq(vs, "A", 0, "alpha4", 6), "committed: the latest version");
	tap_ok(vstore_put_stage(vs, "A", "x", 1, 0, &v, err, sizeof(err)) ==
	    -1 && vstore_put_stage(vs, "NEW", "x", 1, 1, &v, err,
	    sizeof(err)) == -1 && vstore_put_commit(vs, "A", 9, err,
	    sizeof(err)) == -1, "staging checks what put checks; nothing to "
	    "commit fails");
	tap_ok(vstore_put_stage(vs, "A", "alpha5", 6, 1, &v, err,
	    sizeof(err)) == 0 && v == 5, "staged, then left behind");

	/* Seal, unseal. */
	vstore_seal(vs);
	tap_ok(vstore_sealed(vs) && vstore_get(vs, "A", 0, &val, &len, &v,
	    &st, err, sizeof(err)) == -1 && strcmp(err, "vault is sealed") ==
	    0, "sealed: get refused");
	tap_ok(vstore_unseal(vs, VAULT_METHOD_PASSPHRASE, "wrong horse", 11,
	    err, sizeof(err)) == -1 && strcmp(err, "wrong passphrase") == 0 &&
	    vstore_sealed(vs), "wrong passphrase: stays sealed");
	tap_ok(vstore_unseal(vs, VAULT_METHOD_KEYFILE, key, sizeof(key), err,
	    sizeof(err)) == -1 && vstore_sealed(vs),
	    "a key file on a passphrase vault refused");
	vstore_free(vs);

	/* Reopen from disk. */
	vs = vstore_open(dfd, err, sizeof(err));
	tap_ok(vs != NULL && vstore_sealed(vs), "reopen: sealed");
	snprintf(path, sizeof(path), "%s/.tmp.A@5", dir);
	tap_ok(access(path, F_OK) == -1 && errno == ENOENT,
	    "reopen: a staged file left behind is removed");
	tap_ok(vstore_unseal(vs, VAULT_METHOD_PASSPHRASE, "correct horse", 13,
	    err, sizeof(err)) == 0 && get_eq(vs, "A", 0, "alpha4", 6),
	    "unseal after reopen reads the values");

	/* Tamper: a byte of the ciphertext, of the header, a rename. */
	tap_ok(flip_byte(dir, "B@1", 60) == 0 && vstore_get(vs, "B", 0, &val,
	    &len, &v, &st, err, sizeof(err)) == -1 && st == VAULT_S_DECRYPT &&
	    strcmp(err, "secret B: decryption failed (tampered or wrong key)")
	    == 0, "flipped ciphertext byte: decryption failed");
	tap_ok(get_eq(vs, "A", 0, "alpha4", 6), "the others still work");
	tap_ok(flip_byte(dir, "A@4", 17) == 0 && vstore_get(vs, "A", 0, &val,
	    &len, &v, &st, err, sizeof(err)) == -1 && st == VAULT_S_DECRYPT,
	    "flipped created time: decryption failed");
	snprintf(path, sizeof(path), "%s/ok_name-1.x@1", dir);
	{
		char	 to[PATH_MAX];

		snprintf(to, sizeof(to), "%s/C@1", dir);
		tap_ok(rename(path, to) == 0 && vstore_get(vs, "C", 0, &val,
		    &len, &v, &st, err, sizeof(err)) == -1 &&
		    st == VAULT_S_DECRYPT, "a file renamed to another secret "
		    "fails");
	}
	tap_ok(vstore_get(vs, "NOPE", 0, &val, &len, &v, &st, err,
	    sizeof(err)) == -1 && st == VAULT_S_NOSECRET,
	    "missing secret: no such secret");
	tap_ok(vstore_rm(vs, "A", err, sizeof(err)) == 0 &&
	    vstore_versions(vs, "A", &e, err, sizeof(err)) == -1,
	    "rm removes every version");
	tap_ok(vstore_rm(vs, "A", err, sizeof(err)) == -1,
	    "rm of a missing secret fails");
	vstore_free(vs);
	flip_byte(dir, VSTORE_HEADER, 100);
	vs = vstore_open(dfd, err, sizeof(err));
	tap_ok(vs != NULL && vstore_unseal(vs, VAULT_METHOD_PASSPHRASE, "correct horse", 13,
	    err, sizeof(err)) == -1 && vstore_sealed(vs),
	    "tampered header: stays sealed");
	vstore_free(vs);
	close(dfd);
	rmdir_all(dir);

	/* A key file store, default Argon2id limits not involved. */
	snprintf(dir, sizeof(dir), "/tmp/test_vstore.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	dfd = opendirfd(dir);
	randombytes_buf(key, sizeof(key));
	vs = vstore_open(dfd, err, sizeof(err));
	tap_ok(vs != NULL && vstore_init(vs, VAULT_METHOD_KEYFILE, key, 31, 0,
	    0, err, sizeof(err)) == -1, "a 31-byte key file refused");
	tap_ok(vstore_init(vs, VAULT_METHOD_KEYFILE, key, sizeof(key), 0, 0,
	    err, sizeof(err)) == 0 && vstore_put(vs, "K", "v", 1, 0, &v, err,
	    sizeof(err)) == 0, "init with a key file, put");
	vstore_seal(vs);
	key[5] ^= 1;
	tap_ok(vstore_unseal(vs, VAULT_METHOD_KEYFILE, key, sizeof(key), err,
	    sizeof(err)) == -1 && strcmp(err, "wrong key file") == 0,
	    "wrong key file: stays sealed");
	key[5] ^= 1;
	tap_ok(vstore_unseal(vs, VAULT_METHOD_KEYFILE, key, sizeof(key), err,
	    sizeof(err)) == 0 && get_eq(vs, "K", 0, "v", 1),
	    "the right key file unseals");
	vstore_free(vs);
	close(dfd);
	rmdir_all(dir);

	/* The stated defaults. */
	snprintf(dir, sizeof(dir), "/tmp/test_vstore.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	dfd = opendirfd(dir);
	vs = vstore_open(dfd, err, sizeof(err));
	tap_ok(vs != NULL && vstore_init(vs, VAULT_METHOD_PASSPHRASE,
	    "correct horse", 13, 0, 0, err, sizeof(err)) == 0,
	    "init with the default Argon2id limits");
	vstore_info(vs, &vi);
	tap_ok(vi.opslimit == VSTORE_OPSLIMIT &&
	    vi.memlimit == VSTORE_MEMLIMIT, "defaults: 3 passes, 64 MiB");
	vstore_free(vs);
	close(dfd);
	rmdir_all(dir);
	return tap_done();
}
