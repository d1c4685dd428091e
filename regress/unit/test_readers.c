/*
 * test_readers: what path write rules take for a read must not write.
 *
 * A deterministic generator makes command lines of the programs the
 * classifier may count as only reading (sort, sed, find, uniq, xxd,
 * file, cp, install, jq, cat, grep, awk, less, git diff, scp, zip ...)
 * with options that write and
 * options that do not, scripts with w and e, files that exist (a, b,
 * c) and one that does not (d).  Each line is classified against one
 * rule, path write { "*" }, and then run for real by /bin/sh in a
 * scratch directory holding a, b and c.  A line the classifier says
 * writes no path must leave the names it may give as they were: a, b
 * and c with the same contents, modes and times, and no d.  (A file
 * the line does not name, as file -C's magic.mgc, is not a path the
 * call names, which is all path rules see.)  The lines that do write
 * are counted too, so a generator that no longer makes any is caught.
 *
 * Every word is a relative name or an option: nothing can reach out
 * of the scratch directory but sort -T's and sed -i's temporary files,
 * which they remove.
 */

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "risk.h"
#include "../tap.h"

#define NLINES		160	/* per program (TEST_READERS_LINES=N for more,
				   TEST_READERS_SEED=N for others) */
#define OLD_TIME	1000000000

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static uint32_t
rn(uint32_t n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (n ? (uint32_t)(seed >> 33) % n : 0);
}

/* A program and the words its lines are made of (a word may be two). */
struct prog {
	const char	*name;
	int		 writes;	/* some of its lines write a-d */
	const char	*words[40];
};

#define FILES	"a", "b", "c", "d", "-", "--", "*", "./a"

static const struct prog progs[] = {
	{ "sort", 1, { FILES, "-u", "-r", "-n", "-o d", "-o b", "-uo d",
	    "-o", "-T .", "-k1", "-t:", "--output=d", "--out=b", "-m",
	    "-c", "-s", "-k1o", "-ro a", "--compress-program=gzip", "-S 1M",
	    NULL } },
	{ "sed", 1, { FILES, "-n", "-e p", "-e 'w d'", "-e '1w b'", "p",
	    "'1,2p'", "'w d'", "'s/x/z/w d'", "'1e touch d'",
	    "'s/x/touch d/e'", "-i", "-i.bak", "-s", "-E", "-z",
	    "--expression=p", "--expr='w d'", "-f a", "'r a'", "-l 5",
	    "--posix", "-u", "-ne p", "'$!N;P;D'", "'/x/W d'", "-ni", NULL } },
	{ "uniq", 1, { FILES, "-c", "-d", "-u", "-f 1", "-s 1", "-w 1", "-cf 1",
	    "--skip-fields=1", "--skip-fields 1", "--check-chars 2", "-i",
	    "-z", "-D", NULL } },
	{ "xxd", 1, { FILES, "-p", "-ps", "-r", "-r -p", "-c 8", "-c8",
	    "-cols 8", "-g 2", "-s 1", "-l 4", "-u", "-i", "-b", "-e",
	    NULL } },
	{ "find", 1, { "a", "b", "d", ".", "-name a", "-type f", "-print",
	    "-delete", "-exec touch d \\;", "-fprint d", "-fls d",
	    "-newer a", "-maxdepth 1", "-empty", "-execdir rm {} +",
	    "-print0", "-fprintf d %p", "-size -1k", NULL } },
	{ "file", 0, { FILES, "-C", "-m a", "-z", "-b", "-i", "--compile",
	    "-zC", "-L", "--mime-type", NULL } },
	{ "cp", 1, { FILES, "-r", "-l", "-s", "-p", "-f", "-t c", "-S .bak",
	    "-b", "--backup", "-n", "-u", "-T", "--target-directory=.",
	    NULL } },
	{ "install", 1, { FILES, "-m 644", "-d", "-D", "-t .", "-b", "-C",
	    "-p", NULL } },
	{ "jq", 0, { "a", "b", "d", ".", "-r", "-s", "-n", "--arg x y",
	    "--rawfile x a", "-R", "--slurpfile x b", NULL } },
	{ "cat", 0, { FILES, "-n", "-A", "-v", NULL } },
	{ "grep", 0, { FILES, "x", "-r x", "-c x", "-l x", "-f a", "-v y",
	    NULL } },
	{ "head", 0, { FILES, "-n 1", "-c 2", "-q", NULL } },
	{ "tail", 0, { FILES, "-n 1", "-c 2", "-q", NULL } },
	{ "diff", 0, { FILES, "-u", "-r", "-q", NULL } },
	{ "base64", 0, { FILES, "-d", "-w 4", "-i", NULL } },
	{ "column", 0, { FILES, "-t", "-s:", "-c 20", NULL } },
	{ "fold", 0, { FILES, "-w 1", "-b", "-s", NULL } },
	{ "rev", 0, { FILES, NULL } },
	{ "od", 0, { FILES, "-c", "-An", "-N 2", NULL } },
	{ "wc", 0, { FILES, "-l", "-c", "--files0-from=a", NULL } },
	{ "awk", 1, { FILES, "'{print}'", "'NR==1'", "'{print > \"d\"}'",
	    "'{print >> FILENAME}'", "'BEGIN{system(\"touch d\")}'",
	    "'{print | \"cat > d\"}'", "-F:", "-v x=1", "-f a",
	    "'$1 > 1 {print}'", "'{n++} END {print n}'", NULL } },
	{ "less", 0, { FILES, "-N", "-S", "-R", "-x 4", "-o d", "-O d",
	    "-p x", "+G", NULL } },
	{ "more", 0, { FILES, "-d", NULL } },
	{ "git", 0, { FILES, "diff", "diff --no-index", "log", "show",
	    "status", "ls-files", "grep x", "blame", "diff --output=d",
	    "-C .", "--no-pager", NULL } },
	{ "scp", 1, { FILES, "-r", "-p", "-q", "-o BatchMode=yes", "-P 1",
	    NULL } },
	{ "tar", 1, { FILES, "cf d", "cf -", "-cf d", "-cf b", "-c", "-t",
	    "-f d", "-f -", "-f a", "--file=d", "czf -", "-tf a", "-tvf b",
	    "--remove-files", "-C .", "-v", "-z", "--create", "--list",
	    "-T a", "--exclude=b", "-r", "-u", "-g d", "tf -", NULL } },
	/* (zip's archive is written, so only the lines that write it to
	   standard output, - a, are said to read) */
	{ "zip", 1, { FILES, "-r", "-q", "-m", "-j", "-9", "-x b", "-i a",
	    "-u", "-T", "-ll", "-D", "-O d", "-FS", "-0", "--move",
	    "-lf d", "-TT true", "-b .", "-n .gz", "-X", "- a", "- b c",
	    "- -m b", "- ./a", "- -r .", "- -x b -r .", "- b -lf d",
	    "- -O d a", NULL } },
};

static char	 dir[64];

/* Make the scratch directory hold a, b and c alone, as at the start. */
static int
reset(void)
{
	static const char *const names[] = { "a", "b", "c" };
	static const char *const texts[] = { "x\ny\nx\n", "1 x\n2 y\n",
	    "{\"k\":1}\n" };
	struct timespec ts[2] = { { OLD_TIME, 0 }, { OLD_TIME, 0 } };
	struct dirent *de;
	char cmd[400];
	DIR *d;
	size_t i;
	int fd;

	if ((d = opendir(dir)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == -1 &&
		    unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR) == -1) {
			/* a directory with something in it */
			snprintf(cmd, sizeof(cmd), "rm -rf '%s/%s'", dir,
			    de->d_name);
			if (system(cmd) != 0) {
				closedir(d);
				return (-1);
			}
		}
	}
	closedir(d);
	for (i = 0; i < 3; i++) {
		if ((fd = openat(AT_FDCWD, names[i], O_WRONLY | O_CREAT |
		    O_TRUNC, 0644)) == -1)
			return (-1);
		if (write(fd, texts[i], strlen(texts[i])) !=
		    (ssize_t)strlen(texts[i]) || fchmod(fd, 0644) == -1 ||
		    futimens(fd, ts) == -1) {
			close(fd);
			return (-1);
		}
		close(fd);
	}
	return (0);
}

/* Are a, b, c and d as reset() left them?  What differs, into why. */
static int
unchanged(char *why, size_t len)
{
	static const char *const texts[] = { "x\ny\nx\n", "1 x\n2 y\n",
	    "{\"k\":1}\n" };
	struct stat st;
	char buf[64], name[2] = { 0, 0 };
	ssize_t n;
	int fd, i;

	if (lstat("d", &st) == 0) {
		snprintf(why, len, "made d");
		return (0);
	}
	for (i = 0; i < 3; i++) {
		name[0] = (char)('a' + i);
		if (lstat(name, &st) == -1) {
			snprintf(why, len, "removed %s", name);
			return (0);
		}
		if (!S_ISREG(st.st_mode) || (st.st_mode & 07777) != 0644 ||
		    st.st_mtim.tv_sec != OLD_TIME) {
			snprintf(why, len, "changed %s", name);
			return (0);
		}
		if ((fd = open(name, O_RDONLY)) == -1) {
			snprintf(why, len, "cannot open %s", name);
			return (0);
		}
		n = read(fd, buf, sizeof(buf));
		close(fd);
		if (n != (ssize_t)strlen(texts[i]) ||
		    memcmp(buf, texts[i], (size_t)n) != 0) {
			snprintf(why, len, "wrote %s", name);
			return (0);
		}
	}
	return (1);
}

/* Run line with /bin/sh here, for 5 s at most. */
static void
run(const char *line)
{
	struct timespec ts = { 0, 2000000 };
	pid_t pid;
	int st, fd, i;

	if ((pid = fork()) == -1)
		return;
	if (pid == 0) {
		setpgid(0, 0);
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		execl("/bin/sh", "sh", "-c", line, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 2500; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return;
		nanosleep(&ts, NULL);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

/* Is the program there to run? */
static int
have(const char *name)
{
	static const char *const dirs[] = { "/usr/bin/", "/bin/" };
	char p[64];
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", dirs[i], name);
		if (access(p, X_OK) == 0)
			return (1);
	}
	return (0);
}

int
main(void)
{
	struct risk_match m = { RISK_M_PATH, NULL, NULL, 1, 1 };
	struct risk_rule rule = { "w", "test.conf", 1, RISK_CRITICAL, &m, 1 };
	char *pats[] = { "*" };
	struct risk_ruleset *rs;
	struct risk_result r;
	struct risk_call call;
	char line[512], why[128], err[256];
	const struct prog *p;
	size_t i, nw;
	uint32_t k, n, nreads, nwrote, nbad, nlines = NLINES;
	const char *e;

	m.patterns = pats;
	if ((e = getenv("TEST_READERS_LINES")) != NULL && atoi(e) > 0)
		nlines = (uint32_t)atoi(e);
	if ((e = getenv("TEST_READERS_SEED")) != NULL)
		seed ^= strtoull(e, NULL, 10);
	if ((rs = risk_compile(&rule, 1, NULL, err, sizeof(err))) == NULL) {
		TAP_DIAG("compile: %s", err);
		return (1);
	}
	snprintf(dir, sizeof(dir), "/tmp/test_readers.XXXXXX");
	if (mkdtemp(dir) == NULL || chdir(dir) == -1) {
		TAP_DIAG("scratch directory: %s", strerror(errno));
		return (1);
	}
	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
		p = &progs[i];
		if (!have(p->name)) {
			tap_skip(p->name, "not installed");
			continue;
		}
		for (nw = 0; p->words[nw] != NULL; nw++)
			;
		nreads = nwrote = nbad = 0;
		for (k = 0; k < nlines; k++) {
			/* now and then after a cd to where it is */
			size_t l = (size_t)snprintf(line, sizeof(line),
			    "%s%s", rn(4) == 0 ? "cd . && " : "", p->name);

			for (n = 1 + rn(4); n > 0 && l < sizeof(line) - 64;
			    n--)
				l += (size_t)snprintf(line + l,
				    sizeof(line) - l, " %s",
				    p->words[rn((uint32_t)nw)]);
			memset(&call, 0, sizeof(call));
			call.tool = "shell";
			call.command = line;
			if (risk_classify(rs, &call, &r) != 0 ||
			    r.unparseable || (r.rule_name != NULL &&
			    strcmp(r.rule_name, "w") == 0)) {
				/* said to write (or not sure): run it to
				   count the lines that do */
				if (reset() == -1)
					break;
				run(line);
				if (!unchanged(why, sizeof(why)))
					nwrote++;
				continue;
			}
			nreads++;
			if (reset() == -1)
				break;
			run(line);
			if (!unchanged(why, sizeof(why))) {
				nbad++;
				TAP_DIAG("%s: classified as only reading, "
				    "but %s", line, why);
			}
		}
		tap_ok(k == nlines && nbad == 0, "%s: %u lines, %u said to "
		    "read only, %u of them wrote", p->name, k, nreads, nbad);
		if (p->writes)
			tap_ok(nwrote > 0 && nreads > 0, "%s: the lines "
			    "both read (%u) and write (%u)", p->name, nreads,
			    nwrote);
	}
	if (chdir("/") == 0) {
		snprintf(line, sizeof(line), "rm -rf '%s'", dir);
		if (system(line) != 0)
			TAP_DIAG("could not remove %s", dir);
	}
	risk_free(rs);
	return (tap_done());
}
