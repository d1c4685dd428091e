/*
 * harnessctl vault: administer vaultd's store.  Passphrases and values
 * are read from the terminal with echo off, or from standard input when
 * it is not a terminal, never from the command line; they travel to
 * vaultd in a memfd and every buffer that held one is wiped.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "harness.h"
#include "harnessctl.h"
#include "imsg.h"
#include "proto.h"
#include "vault_proto.h"
#include "vaultc.h"
#include "wire.h"

static __attribute__((noreturn)) void vault_usage(void);

static struct termios	 tty_saved;
static volatile sig_atomic_t tty_fd = -1;

/* Put the terminal back the way we found it if we are interrupted. */
static void
tty_restore_sig(int sig)
{
	if (tty_fd != -1)
		tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
	_exit(128 + sig);
}

/*
 * Prompt on the terminal and read one line without echo.  Returns the
 * length (without the newline), or -1.  buf gets a NUL after the line.
 */
static ssize_t
tty_read_secret(const char *prompt, unsigned char *buf, size_t size)
{
	struct termios	 t;
	struct sigaction sa, old[3];
	const int	 sigs[3] = { SIGINT, SIGTERM, SIGQUIT };
	size_t		 len = 0;
	ssize_t		 n;
	char		 c;
	int		 fd, i, toolong = 0;

	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1)
		err(1, "/dev/tty");
	if (tcgetattr(fd, &tty_saved) == -1)
		err(1, "tcgetattr");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tty_restore_sig;
	sigemptyset(&sa.sa_mask);
	tty_fd = fd;
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	t = tty_saved;
	t.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
	t.c_lflag |= ICANON;
	if (tcsetattr(fd, TCSAFLUSH, &t) == -1)
		err(1, "tcsetattr");
	if (write(fd, prompt, strlen(prompt)) == -1)
		warn("/dev/tty");
	for (;;) {
		n = read(fd, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0 || c == '\n' || c == '\r')
			break;
		if (len + 1 >= size) {
			toolong = 1;
			continue;
		}
		buf[len++] = (unsigned char)c;
	}
	c = 0;
	tcsetattr(fd, TCSAFLUSH, &tty_saved);
	if (write(fd, "\n", 1) == -1)
		warn("/dev/tty");
	tty_fd = -1;
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	close(fd);
	buf[len] = '\0';
	if (toolong) {
		sodium_memzero(buf, size);
		warnx("too long: at most %zu bytes", size - 2);
		return -1;
	}
	return (ssize_t)len;
}

/* All of standard input, at most max bytes.  Length or -1. */
static ssize_t
stdin_read_all(unsigned char *buf, size_t max)
{
	size_t	 len = 0;
	ssize_t	 n;

	for (;;) {
		n = read(STDIN_FILENO, buf + len, max + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			warn("standard input");
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			warnx("standard input: more than %zu bytes", max);
			return -1;
		}
	}
	return (ssize_t)len;
}

/*
 * The first line of standard input, without its newline, at most max
 * bytes.  Read a byte at a time so that nothing after it is consumed.
 * Length or -1.
 */
static ssize_t
stdin_read_line(unsigned char *buf, size_t max)
{
	size_t	 len = 0;
	ssize_t	 n;

	for (;;) {
		n = read(STDIN_FILENO, buf + len, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			warn("standard input");
			return -1;
		}
		if (n == 0 || buf[len] == '\n')
			break;
		if (++len > max) {
			warnx("standard input: a line of more than %zu bytes",
			    max);
			return -1;
		}
	}
	return (ssize_t)len;
}

/*
 * A passphrase: from the terminal (twice when confirm is set), or the
 * first line of standard input when it is not a terminal.
 */
static ssize_t
read_passphrase(unsigned char *buf, size_t size, int confirm)
{
	unsigned char	*again;
	ssize_t		 len, len2;

	if (!isatty(STDIN_FILENO)) {
		if ((len = stdin_read_line(buf, size - 2)) == -1)
			return -1;
		if (len > 0 && buf[len - 1] == '\r')
			len--;
		buf[len] = '\0';
	} else {
		len = tty_read_secret(confirm ? "New vault passphrase: " :
		    "Vault passphrase: ", buf, size);
		if (len == -1)
			return -1;
		if (confirm) {
			if ((again = sodium_malloc(size)) == NULL)
				errx(1, "out of memory");
			len2 = tty_read_secret("Repeat the passphrase: ",
			    again, size);
			if (len2 != len || sodium_memcmp(buf, again,
			    (size_t)len) != 0) {
				sodium_free(again);
				warnx("the passphrases do not match");
				return -1;
			}
			sodium_free(again);
		}
	}
	if (len < VAULT_PASS_MIN || len > VAULT_PASS_MAX) {
		warnx("a passphrase has %d to %d bytes", VAULT_PASS_MIN,
		    VAULT_PASS_MAX);
		return -1;
	}
	return len;
}

/*
 * Read or (create != 0 and missing) create a key file; *created says
 * which, so that a key nobody could use is removed again.
 */
static int
keyfile_load(const char *path, int create, unsigned char *key,
    int *created)
{
	struct stat	 st;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno != ENOENT || !create) {
			warn("%s", path);
			return -1;
		}
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOFOLLOW, 0600)) == -1) {
			warn("create %s", path);
			return -1;
		}
		randombytes_buf(key, VAULT_KEYFILE_LEN);
		if (write(fd, key, VAULT_KEYFILE_LEN) != VAULT_KEYFILE_LEN ||
		    fsync(fd) == -1 || close(fd) == -1) {
			warn("write %s", path);
			unlink(path);
			sodium_memzero(key, VAULT_KEYFILE_LEN);
			return -1;
		}
		*created = 1;
		return 0;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size != VAULT_KEYFILE_LEN) {
		warnx("%s: a key file is a file of exactly %d bytes", path,
		    VAULT_KEYFILE_LEN);
		close(fd);
		return -1;
	}
	if (st.st_mode & 077)
		warnx("warning: %s is readable by others than its owner",
		    path);
	n = read(fd, key, VAULT_KEYFILE_LEN);
	close(fd);
	if (n != VAULT_KEYFILE_LEN) {
		warnx("%s: short read", path);
		sodium_memzero(key, VAULT_KEYFILE_LEN);
		return -1;
	}
	return 0;
}

/* A memfd holding buf, offset 0.  fd, or exits. */
static int
memfd_of(const unsigned char *buf, size_t len)
{
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = memfd_create("harnessctl-vault", MFD_CLOEXEC)) == -1)
		err(1, "memfd_create");
	while (off < len) {
		n = write(fd, buf + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			err(1, "memfd write");
		off += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) == -1)
		err(1, "lseek");
	return fd;
}

static struct hconn *
vault_connect(struct ctl_env *env)
{
	struct hconn	*h;
	char		 e[512];

	if ((h = ctl_connect(env, D_VAULTD, e, sizeof(e))) == NULL)
		errx(1, "vaultd: %s", e);
	return h;
}

/*
 * Send one request and wait for its first reply.  Returns 0 with *imsg
 * filled, or 1 after printing vaultd's error.
 */
static int
vault_call(struct hconn *h, uint32_t type, int fd, const void *data,
    size_t len, struct imsg *imsg)
{
	char	 e[1024];
	int	 rc;

	if (harness_send(h, type, 0, fd, data, len) == -1)
		err(1, "vaultd: send");
	if ((rc = harness_recv(h, imsg, 120000)) != 1)
		errx(1, "vaultd: %s", rc == 0 ? "connection closed" :
		    strerror(errno));
	if (harness_error(imsg, e, sizeof(e))) {
		imsg_free(imsg);
		if (imsg->fd != -1)
			close(imsg->fd);
		warnx("vault: %s", e);
		return 1;
	}
	return 0;
}

static void
fmt_time(int64_t t, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (t == 0) {
		strlcpy(buf, "unknown", len);
		return;
	}
	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
vault_key(struct ctl_env *env, int init, int argc, char **argv)
{
	struct hconn	*h;
	struct imsg	 imsg;
	unsigned char	*buf;
	const char	*keyfile = NULL;
	uint32_t	 method;
	ssize_t		 len;
	int		 ch, fd, rc, created = 0;

	optind = 1;
	optreset = 1;
	/* getopt(3) names argv[0] in its messages */
	argv[0] = init ? "harnessctl vault init" : "harnessctl vault unseal";
	while ((ch = getopt(argc, argv, "k:")) != -1) {
		switch (ch) {
		case 'k':
			keyfile = optarg;
			break;
		default:
			vault_usage();
		}
	}
	if (optind != argc)
		vault_usage();
	if (sodium_init() == -1)
		errx(1, "libsodium failed to initialise");
	if ((buf = sodium_malloc(VAULT_PASS_MAX + 2)) == NULL)
		errx(1, "out of memory");
	h = NULL;
	if (keyfile != NULL) {
		/* Connected first: a new key must not outlive a failure. */
		h = vault_connect(env);
		method = VAULT_METHOD_KEYFILE;
		len = VAULT_KEYFILE_LEN;
		if (keyfile_load(keyfile, init, buf, &created) == -1) {
			sodium_free(buf);
			harness_close(h);
			return 1;
		}
	} else {
		method = VAULT_METHOD_PASSPHRASE;
		if ((len = read_passphrase(buf, VAULT_PASS_MAX + 2, init)) ==
		    -1) {
			sodium_free(buf);
			return 1;
		}
	}
	if (h == NULL)
		h = vault_connect(env);
	fd = memfd_of(buf, (size_t)len);
	sodium_free(buf);
	rc = vault_call(h, init ? IMSG_VAULT_INIT : IMSG_VAULT_UNSEAL, fd,
	    &method, sizeof(method), &imsg);
	if (rc == 0) {
		imsg_free(&imsg);
		printf("vault %s and unsealed\n", init ? "initialised" :
		    "opened");
		if (created)
			fprintf(stderr, "harnessctl: created key file %s "
			    "(keep a copy: without it the vault cannot be "
			    "opened)\n", keyfile);
	} else if (created && unlink(keyfile) == -1)
		warn("remove the unused key file %s", keyfile);
	harness_close(h);
	return rc;
}

/* A value: the terminal (one line, no echo) or all of stdin. */
static int
vault_put(struct ctl_env *env, uint32_t type, const char *name)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct wbuf	 wb;
	struct rbuf	 rb;
	unsigned char	*buf;
	char		 prompt[128], e[256];
	uint32_t	 version;
	ssize_t		 len;
	int		 fd, rc;

	if (vault_name_check(name, e, sizeof(e)) == -1)
		errx(EX_USAGE, "%s", e);
	if (sodium_init() == -1)
		errx(1, "libsodium failed to initialise");
	if ((buf = sodium_malloc(VAULT_VALUE_MAX + 2)) == NULL)
		errx(1, "out of memory");
	if (isatty(STDIN_FILENO)) {
		snprintf(prompt, sizeof(prompt), "Value of %s: ", name);
		len = tty_read_secret(prompt, buf, VAULT_VALUE_MAX + 2);
	} else
		len = stdin_read_all(buf, VAULT_VALUE_MAX);
	if (len == 0) {
		warnx("empty value: nothing stored");
		len = -1;
	}
	if (len == -1) {
		sodium_free(buf);
		return 1;
	}
	h = vault_connect(env);
	fd = memfd_of(buf, (size_t)len);
	sodium_free(buf);
	wire_init(&wb);
	wire_put_str(&wb, name);
	rc = vault_call(h, type, fd, wb.buf, wb.len, &imsg);
	if (rc == 0) {
		wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
		if (imsg.hdr.type != IMSG_VAULT_STORED ||
		    wire_get_u32(&rb, &version) == -1 || wire_end(&rb) == -1)
			errx(1, "vaultd: malformed reply");
		imsg_free(&imsg);
		printf("%s: version %u stored%s\n", name, version,
		    type == IMSG_VAULT_ROTATE ? " (older versions kept until "
		    "prune)" : "");
	}
	harness_close(h);
	return rc;
}

static int
vault_status(struct ctl_env *env)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct rbuf	 rb;
	uint32_t	 init, sealed, method, nsec, nver;
	uint64_t	 ops, mem;
	int		 rc;

	h = vault_connect(env);
	if ((rc = vault_call(h, IMSG_VAULT_STATUS, -1, NULL, 0, &imsg)) != 0) {
		harness_close(h);
		return rc;
	}
	wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
	wire_get_u32(&rb, &init);
	wire_get_u32(&rb, &sealed);
	wire_get_u32(&rb, &method);
	wire_get_u32(&rb, &nsec);
	wire_get_u32(&rb, &nver);
	wire_get_u64(&rb, &ops);
	wire_get_u64(&rb, &mem);
	if (imsg.hdr.type != IMSG_VAULT_STATUS || wire_end(&rb) == -1)
		errx(1, "vaultd: malformed status reply");
	imsg_free(&imsg);
	harness_close(h);
	if (!init) {
		printf("state: not initialised (harnessctl vault init)\n");
		return 0;
	}
	printf("state: %s\n", sealed ? "sealed" : "unsealed");
	if (method == VAULT_METHOD_KEYFILE)
		printf("unseal: key file\n");
	else
		printf("unseal: passphrase (Argon2id, %llu passes, %llu "
		    "MiB)\n", (unsigned long long)ops,
		    (unsigned long long)(mem >> 20));
	printf("secrets: %u\n", nsec);
	printf("versions: %u\n", nver);
	return 0;
}

static int
vault_list(struct ctl_env *env)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct rbuf	 rb;
	char		 name[VAULT_NAME_MAX + 1], tool[CONF_NAME_MAX];
	char		 target[CONF_NAME_MAX], when[32];
	uint32_t	 nv, ng, i, ver, how;
	int64_t		 created, expires;
	int		 rc;

	h = vault_connect(env);
	if (harness_send(h, IMSG_VAULT_LIST, 0, -1, NULL, 0) == -1)
		err(1, "vaultd: send");
	for (;;) {
		if ((rc = harness_recv(h, &imsg, 30000)) != 1)
			errx(1, "vaultd: %s", rc == 0 ? "connection closed" :
			    strerror(errno));
		if (harness_error(&imsg, name, sizeof(name))) {
			warnx("vault: %s", name);
			imsg_free(&imsg);
			harness_close(h);
			return 1;
		}
		if (imsg.hdr.type == IMSG_CTL_END) {
			imsg_free(&imsg);
			break;
		}
		if (imsg.hdr.type != IMSG_VAULT_ENTRY)
			errx(1, "vaultd: unexpected reply %u", imsg.hdr.type);
		wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
		if (wire_get_strbuf(&rb, name, sizeof(name)) == -1 ||
		    wire_get_u32(&rb, &nv) == -1)
			errx(1, "vaultd: malformed list entry");
		printf("%s\n", name);
		for (i = 0; i < nv; i++) {
			if (wire_get_u32(&rb, &ver) == -1 ||
			    wire_get_i64(&rb, &created) == -1)
				errx(1, "vaultd: malformed list entry");
			fmt_time(created, when, sizeof(when));
			printf("  version %u  created %s%s\n", ver, when,
			    i + 1 == nv ? "  (current)" : "");
		}
		if (wire_get_u32(&rb, &ng) == -1)
			errx(1, "vaultd: malformed list entry");
		if (ng == 0)
			printf("  granted to no tool\n");
		for (i = 0; i < ng; i++) {
			if (wire_get_strbuf(&rb, tool, sizeof(tool)) == -1 ||
			    wire_get_u32(&rb, &how) == -1 ||
			    wire_get_strbuf(&rb, target, sizeof(target)) ==
			    -1 || wire_get_i64(&rb, &expires) == -1)
				errx(1, "vaultd: malformed list entry");
			if (expires != 0)
				fmt_time(expires, when, sizeof(when));
			printf("  tool %s: %s %s, %s%s%s\n", tool,
			    how == VAULT_AS_ENV ? "env" : "file", target,
			    expires ? "expires " : "no expiry",
			    expires ? when : "", expires != 0 &&
			    expires <= (int64_t)time(NULL) ? " (expired)" :
			    "");
		}
		if (wire_end(&rb) == -1)
			errx(1, "vaultd: malformed list entry");
		imsg_free(&imsg);
	}
	harness_close(h);
	return 0;
}

static int
vault_simple(struct ctl_env *env, uint32_t type, const char *name)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct wbuf	 wb;
	struct rbuf	 rb;
	char		 e[256];
	uint32_t	 removed;
	int		 rc;

	if (name != NULL && vault_name_check(name, e, sizeof(e)) == -1)
		errx(EX_USAGE, "%s", e);
	h = vault_connect(env);
	wire_init(&wb);
	if (name != NULL)
		wire_put_str(&wb, name);
	if ((rc = vault_call(h, type, -1, wb.buf, wb.len, &imsg)) != 0) {
		harness_close(h);
		return rc;
	}
	switch (type) {
	case IMSG_VAULT_SEAL:
		printf("vault sealed\n");
		break;
	case IMSG_VAULT_RM:
		printf("%s: removed\n", name);
		break;
	case IMSG_VAULT_PRUNE:
		wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
		if (imsg.hdr.type != IMSG_VAULT_STORED ||
		    wire_get_u32(&rb, &removed) == -1 || wire_end(&rb) == -1)
			errx(1, "vaultd: malformed reply");
		printf("%s: %u old version%s removed\n", name, removed,
		    removed == 1 ? "" : "s");
		break;
	}
	imsg_free(&imsg);
	harness_close(h);
	return 0;
}

static int
vault_get(struct ctl_env *env, const char *name)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct wbuf	 wb;
	unsigned char	 buf[8192];
	char		 e[256];
	ssize_t		 n;
	int		 rc;

	if (vault_name_check(name, e, sizeof(e)) == -1)
		errx(EX_USAGE, "%s", e);
	h = vault_connect(env);
	wire_init(&wb);
	wire_put_str(&wb, name);
	if ((rc = vault_call(h, IMSG_VAULT_GET, -1, wb.buf, wb.len, &imsg)) !=
	    0) {
		harness_close(h);
		return rc;
	}
	if (imsg.hdr.type != IMSG_VAULT_VALUE || imsg.fd == -1)
		errx(1, "vaultd: malformed reply");
	while ((n = read(imsg.fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			err(1, "stdout");
	explicit_bzero(buf, sizeof(buf));
	if (n == -1)
		err(1, "read value");
	close(imsg.fd);
	imsg_free(&imsg);
	harness_close(h);
	if (fflush(stdout) == EOF)
		err(1, "stdout");
	return 0;
}

static void
vault_usage(void)
{
	fprintf(stderr, "usage: harnessctl vault init|unseal [-k keyfile]\n"
	    "       harnessctl vault seal|status|list\n"
	    "       harnessctl vault put|rotate|get|rm|prune name\n");
	exit(EX_USAGE);
}

int
cmd_vault(struct ctl_env *env, int argc, char **argv)
{
	const char	*sub;

	if (argc < 2)
		vault_usage();
	sub = argv[1];
	argc--;
	argv++;
	if (strcmp(sub, "init") == 0)
		return vault_key(env, 1, argc, argv);
	if (strcmp(sub, "unseal") == 0)
		return vault_key(env, 0, argc, argv);
	if (argc == 1 && strcmp(sub, "seal") == 0)
		return vault_simple(env, IMSG_VAULT_SEAL, NULL);
	if (argc == 1 && strcmp(sub, "status") == 0)
		return vault_status(env);
	if (argc == 1 && strcmp(sub, "list") == 0)
		return vault_list(env);
	if (argc != 2)
		vault_usage();
	if (strcmp(sub, "put") == 0)
		return vault_put(env, IMSG_VAULT_PUT, argv[1]);
	if (strcmp(sub, "rotate") == 0)
		return vault_put(env, IMSG_VAULT_ROTATE, argv[1]);
	if (strcmp(sub, "rm") == 0)
		return vault_simple(env, IMSG_VAULT_RM, argv[1]);
	if (strcmp(sub, "prune") == 0)
		return vault_simple(env, IMSG_VAULT_PRUNE, argv[1]);
	if (strcmp(sub, "get") == 0)
		return vault_get(env, argv[1]);
	vault_usage();
}
