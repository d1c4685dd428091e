/*
 * vault_unseal: what vaultd's sealing costs.
 *
 *  1. Unseal time of the store itself (in process): Argon2id with the
 *     stated parameters (VSTORE_OPSLIMIT passes, VSTORE_MEMLIMIT), and
 *     with a key file (one BLAKE2b), next to libsodium's own
 *     INTERACTIVE and MODERATE limits for scale.
 *  2. As root, with obj/bin/vaultd next to this program and the _vault
 *     user present: a real vaultd under a temporary root, unseal over
 *     the control socket (passphrase in a memfd), then the latency of
 *     deliveries of 1 and 10 secrets through lib/vaultc (request,
 *     decrypt, sealed memfd per secret, fds passed back), against
 *     reading the same values from 1 or 10 plaintext files.
 *
 * BENCH_ROUNDS sets the unseal repetitions (default 5); deliveries run
 * for BENCH_SECONDS (default 2) each.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"
#include "harness.h"
#include "vault_proto.h"
#include "vaultc.h"
#include "wire.h"
#include "../vaultd/vaultd.h"

static const char pass[] = "correct horse battery staple";

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
envint(const char *name, int def)
{
	const char	*s = getenv(name);
	int		 v;

	if (s == NULL || (v = atoi(s)) <= 0)
		return def;
	return v;
}

static void
rmtree(const char *dir)
{
	char	 cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		warnx("could not remove %s", dir);
}

/* Median of n unseals of a fresh store with these limits, in ms. */
static double
unseal_ms(uint32_t method, uint64_t ops, uint64_t mem, int rounds)
{
	struct vstore	*vs;
	unsigned char	 key[VAULT_KEYFILE_LEN];
	char		 dir[] = "/tmp/bench-vault.XXXXXX", e[256];
	const void	*secret;
	size_t		 len;
	double		 t[64], x;
	int		 dfd, i, j;

	if (rounds > 64)
		rounds = 64;
	if (mkdtemp(dir) == NULL)
		err(1, "mkdtemp");
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
		err(1, "%s", dir);
	randombytes_buf(key, sizeof(key));
	secret = method == VAULT_METHOD_KEYFILE ? (const void *)key : pass;
	len = method == VAULT_METHOD_KEYFILE ? sizeof(key) : strlen(pass);
	if ((vs = vstore_open(dfd, e, sizeof(e))) == NULL ||
	    vstore_init(vs, method, secret, len, ops, mem, e, sizeof(e)) == -1)
		errx(1, "init: %s", e);
	for (i = 0; i < rounds; i++) {
		vstore_seal(vs);
		x = now();
		if (vstore_unseal(vs, method, secret, len, e, sizeof(e)) == -1)
			errx(1, "unseal: %s", e);
		t[i] = (now() - x) * 1000;
	}
	vstore_free(vs);
	close(dfd);
	rmtree(dir);
	for (i = 1; i < rounds; i++)		/* insertion sort */
		for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
			x = t[j];
			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[rounds / 2];
}

static int
memfd_of(const void *p, size_t len)
{
	int	 fd;

	if ((fd = memfd_create("bench", MFD_CLOEXEC)) == -1 ||
	    write(fd, p, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) == -1)
		err(1, "memfd");
	return fd;
}

/* One request, expect CTL_OK or VAULT_STORED. */
static void
call(struct hconn *h, uint32_t type, int fd, const void *d, size_t len)
{
	struct imsg	 imsg;
	char		 e[512];

	if (harness_send(h, type, 0, fd, d, len) == -1 ||
	    harness_recv(h, &imsg, 60000) != 1)
		errx(1, "vaultd: no answer");
	if (harness_error(&imsg, e, sizeof(e)))
		errx(1, "vaultd: %s", e);
	imsg_free(&imsg);
}

/* Start daemon NAME (bin/NAME, beside vaultd) in the foreground, quiet. */
static pid_t
start(const char *bindir, const char *name, const char *conf)
{
	char	 bin[PATH_MAX + 16];
	pid_t	 pid;
	int	 fd;

	snprintf(bin, sizeof(bin), "%s/%s", bindir, name);
	switch ((pid = fork())) {
	case -1:
		err(1, "fork");
	case 0:
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execl(bin, name, "-d", "-f", conf, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Wait up to 10 s for a daemon's control socket to answer. */
static struct hconn *
await(const char *sock, char *e, size_t elen)
{
	struct hconn	*h = NULL;
	int		 i;

	for (i = 0; i < 200 && h == NULL; i++) {
		usleep(50 * 1000);
		h = harness_connect(sock, e, elen);
	}
	return h;
}

static void
bench_delivery(double secs, int rounds)
{
	char		 exe[PATH_MAX], bin[PATH_MAX + 16], conf[PATH_MAX];
	char		 dir[] = "/tmp/bench-vaultd.XXXXXX", e[512], *p;
	char		 sock[PATH_MAX], names[10][8], path[PATH_MAX + 32];
	char		 asock[PATH_MAX], bindir[PATH_MAX + 8];
	char		 buf[64];
	const char	*nv[10];
	struct vaultc_secret *v;
	struct hconn	*h = NULL;
	struct wbuf	 wb;
	uint32_t	 m = VAULT_METHOD_PASSPHRASE;
	uid_t		 uid;
	gid_t		 gid;
	double		 t0, t, lat[2], plain[2];
	FILE		*f;
	pid_t		 pid = -1, apid;
	ssize_t		 n;
	long		 count;
	int		 i, k, fd, rc, sizes[2] = { 1, 10 }, status;

	if (geteuid() != 0) {
		printf("delivery: skipped (needs root to run vaultd)\n");
		return;
	}
	if (confine_lookup_user("_vault", &uid, &gid) == -1) {
		printf("delivery: skipped (no _vault user: make users)\n");
		return;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) == -1)
		err(1, "readlink");
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')) != NULL)
		*p = '\0';
	snprintf(bindir, sizeof(bindir), "%s/../bin", exe);
	snprintf(bin, sizeof(bin), "%s/vaultd", bindir);
	if (access(bin, X_OK) == -1) {
		printf("delivery: skipped (%s not built)\n", bin);
		return;
	}
	snprintf(bin, sizeof(bin), "%s/auditd", bindir);
	if (access(bin, X_OK) == -1 ||
	    confine_lookup_user("_audit", &uid, &gid) == -1) {
		printf("delivery: skipped (no auditd or _audit user)\n");
		return;
	}
	if (mkdtemp(dir) == NULL)
		err(1, "mkdtemp");
	chmod(dir, 0755);
	snprintf(conf, sizeof(conf), "%s/harness.conf", dir);
	snprintf(sock, sizeof(sock), "%s/run/vaultd.sock", dir);
	if ((f = fopen(conf, "w")) == NULL)
		err(1, "%s", conf);
	fprintf(f, "rundir \"%s/run\"\nstatedir \"%s/state\"\n"
	    "auditd {\n\tuser \"_audit\"\n}\n"
	    "vaultd {\n\tuser \"_vault\"\n}\ntool \"bench\" {\n"
	    "\tcommand { \"true\" }\n", dir, dir);
	for (i = 0; i < 10; i++) {
		snprintf(names[i], sizeof(names[i]), "S%d", i);
		nv[i] = names[i];
		fprintf(f, "\tsecret \"S%d\" env \"S%d\"\n", i, i);
	}
	fprintf(f, "}\n");
	fclose(f);

	/* vaultd delivers nothing it cannot record: auditd runs too. */
	snprintf(asock, sizeof(asock), "%s/run/auditd.sock", dir);
	apid = start(bindir, "auditd", conf);
	if ((h = await(asock, e, sizeof(e))) == NULL) {
		printf("delivery: auditd did not start: %s\n", e);
		goto out;
	}
	harness_close(h);
	pid = start(bindir, "vaultd", conf);
	if ((h = await(sock, e, sizeof(e))) == NULL) {
		printf("delivery: vaultd did not start: %s\n", e);
		goto out;
	}
	call(h, IMSG_VAULT_INIT, memfd_of(pass, strlen(pass)), &m, sizeof(m));
	call(h, IMSG_VAULT_SEAL, -1, NULL, 0);
	t0 = now();
	for (i = 0; i < rounds; i++) {
		if (i > 0)
			call(h, IMSG_VAULT_SEAL, -1, NULL, 0);
		call(h, IMSG_VAULT_UNSEAL, memfd_of(pass, strlen(pass)), &m,
		    sizeof(m));
	}
	printf("%-44s %9.1f ms\n", "unseal via vaultd (control socket)",
	    (now() - t0) * 1000 / rounds);
	for (i = 0; i < 10; i++) {
		snprintf(buf, sizeof(buf), "value-of-secret-%d-0123456789", i);
		wire_init(&wb);
		wire_put_str(&wb, names[i]);
		call(h, IMSG_VAULT_PUT, memfd_of(buf, strlen(buf)), wb.buf,
		    wb.len);
		snprintf(path, sizeof(path), "%s/plain%d", dir, i);
		if ((fd = open(path, O_WRONLY | O_CREAT, 0600)) == -1 ||
		    write(fd, buf, strlen(buf)) == -1)
			err(1, "%s", path);
		close(fd);
	}
	for (k = 0; k < 2; k++) {
		count = 0;
		t0 = now();
		do {
			if ((rc = vaultc_fetch(h, "bench", "bench-session",
			    nv, (size_t)sizes[k], &v, e, sizeof(e))) == -1)
				errx(1, "fetch: %s", e);
			for (i = 0; rc > 0 && i < sizes[k]; i++)
				if (v[i].status != VAULT_S_OK)
					errx(1, "fetch: %s refused: %s",
					    v[i].name, v[i].error);
			for (i = 0; i < sizes[k]; i++)
				if (pread(v[i].fd, buf, sizeof(buf), 0) <= 0)
					err(1, "read memfd");
			vaultc_secrets_free(v, (size_t)sizes[k]);
			count++;
		} while ((t = now() - t0) < secs);
		lat[k] = t / count * 1e6;
		count = 0;
		t0 = now();
		do {
			for (i = 0; i < sizes[k]; i++) {
				snprintf(path, sizeof(path), "%s/plain%d", dir,
				    i);
				if ((fd = open(path, O_RDONLY)) == -1 ||
				    read(fd, buf, sizeof(buf)) <= 0)
					err(1, "%s", path);
				close(fd);
			}
			count++;
		} while ((t = now() - t0) < secs);
		plain[k] = t / count * 1e6;
	}
	printf("%-28s %15s %18s\n", "delivery latency", "vaultd (us)",
	    "plaintext files (us)");
	for (k = 0; k < 2; k++)
		printf("%2d secret%-19s %15.1f %18.1f\n", sizes[k],
		    sizes[k] == 1 ? "" : "s", lat[k], plain[k]);
 out:
	harness_close(h);
	if (pid != -1) {
		kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
	}
	kill(apid, SIGTERM);
	waitpid(apid, &status, 0);
	rmtree(dir);
}

int
main(void)
{
	const char	*bs = getenv("BENCH_SECONDS");
	double		 secs = bs != NULL && atof(bs) > 0 ? atof(bs) : 2;
	int		 rounds = envint("BENCH_ROUNDS", 5);

	if (sodium_init() == -1)
		errx(1, "sodium_init");
	printf("%-44s %12s\n", "unseal (in process, median)", "ms");
	printf("%-44s %9.1f ms\n", "key file (BLAKE2b)",
	    unseal_ms(VAULT_METHOD_KEYFILE, 0, 0, rounds));
	printf("Argon2id %-35s %9.1f ms\n", "ops 2, 64 MiB (INTERACTIVE)",
	    unseal_ms(VAULT_METHOD_PASSPHRASE,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE, rounds));
	printf("Argon2id ops %llu, %llu MiB %-19s %9.1f ms\n",
	    (unsigned long long)VSTORE_OPSLIMIT,
	    (unsigned long long)(VSTORE_MEMLIMIT >> 20), "(vaultd's)",
	    unseal_ms(VAULT_METHOD_PASSPHRASE, 0, 0, rounds));
	printf("Argon2id %-35s %9.1f ms\n", "ops 3, 256 MiB (MODERATE)",
	    unseal_ms(VAULT_METHOD_PASSPHRASE,
	    crypto_pwhash_OPSLIMIT_MODERATE,
	    crypto_pwhash_MEMLIMIT_MODERATE, rounds > 3 ? 3 : rounds));
	bench_delivery(secs, rounds);
	return 0;
}
