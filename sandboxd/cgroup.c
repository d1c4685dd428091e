/*
 * Per-sandbox cgroups on cgroup v2 or v1.
 *
 * Layout: <parent>/<name> in each hierarchy, where <parent> defaults to
 * "<our own cgroup>/harness-sandbox".  Nothing but sandbox cgroups is
 * ever created under <parent>, so cg_cleanup_stale() may remove every
 * directory below it.
 */
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/magic.h>

#include "cgroup.h"

#define CG_DEFAULT_LEAF	"harness-sandbox"

static const char *v1_names[CG_NCTL] = { "memory", "pids", "cpu", "cpuacct" };

/* Write val to a control file opened for it, in one write; close it. */
static int
write_close(int fd, const char *val)
{
	size_t	 len = strlen(val);
	ssize_t	 n;
	int	 saved;

	n = write(fd, val, len);
	saved = errno;
	close(fd);
	if (n == -1) {
		errno = saved;
		return -1;
	}
	if ((size_t)n != len) {
		errno = EIO;
		return -1;
	}
	return 0;
}

static int
write_file(const char *dir, const char *file, const char *val)
{
	char	 path[PATH_MAX];
	int	 fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >=
	    sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	return write_close(fd, val);
}

static ssize_t
read_file(const char *dir, const char *file, char *buf, size_t size)
{
	char	 path[PATH_MAX];
	int	 fd;
	ssize_t	 n;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >=
	    sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* Value of "key N" in a flat keyed file such as memory.events. */
static int
keyed_value(const char *buf, const char *key, uint64_t *val)
{
	size_t		 klen = strlen(key);
	const char	*p = buf;

	while (p && *p) {
		if (strncmp(p, key, klen) == 0 && p[klen] == ' ') {
			*val = strtoull(p + klen + 1, NULL, 10);
			return 0;
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return -1;
}

static int
is_fs(const char *path, long magic)
{
	struct statfs sf;

	if (statfs(path, &sf) == -1)
		return 0;
	return (long)sf.f_type == magic;
}

static int
has_word(const char *list, const char *word)
{
	size_t		 wlen = strlen(word);
	const char	*p = list;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ' || p[-1] == ',' ||
		    p[-1] == ':') && (p[wlen] == '\0' || p[wlen] == ' ' ||
		    p[wlen] == '\n' || p[wlen] == ',' || p[wlen] == ':'))
			return 1;
		p += wlen;
	}
	return 0;
}

/*
 * Our own cgroup in the hierarchy holding controller ctl (v1) or in
 * the unified hierarchy (ctl NULL), from /proc/self/cgroup.
 */
static int
own_cgroup(const char *ctl, char *out, size_t outlen)
{
	FILE	*fp;
	char	 line[1024], *c1, *c2;
	int	 found = -1;

	if ((fp = fopen("/proc/self/cgroup", "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if ((c1 = strchr(line, ':')) == NULL ||
		    (c2 = strchr(c1 + 1, ':')) == NULL)
			continue;
		*c2 = '\0';
		if (ctl == NULL ? (strcmp(line, "0") == 0 && c1[1] == '\0') :
		    has_word(c1 + 1, ctl)) {
			if (strlcpy(out, c2 + 1, outlen) < outlen)
				found = 0;
			break;
		}
	}
	fclose(fp);
	return found;
}

static int
mkdir_p(const char *path)
{
	char	 tmp[PATH_MAX], *p;

	if (strlcpy(tmp, path, sizeof(tmp)) >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, 0755) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

static int
parent_path(const char *mnt, const char *ctl, const char *parent,
    char *out, size_t outlen)
{
	char	 own[PATH_MAX];

	if (parent != NULL) {
		if (parent[0] != '/' || strstr(parent, "..") != NULL) {
			errno = EINVAL;
			return -1;
		}
		if ((size_t)snprintf(out, outlen, "%s%s", mnt, parent) >= outlen)
			goto toolong;
		return 0;
	}
	if (own_cgroup(ctl, own, sizeof(own)) == -1) {
		errno = ENOENT;
		return -1;
	}
	if (strcmp(own, "/") == 0)
		own[0] = '\0';
	if ((size_t)snprintf(out, outlen, "%s%s/%s", mnt, own,
	    CG_DEFAULT_LEAF) >= outlen)
		goto toolong;
	return 0;
 toolong:
	errno = ENAMETOOLONG;
	return -1;
}

static int
detect_v2(struct cg_root *r, const char *mnt, const char *parent,
    char *err, size_t errlen)
{
	char	 buf[512], path[PATH_MAX], *p;
	size_t	 mlen = strlen(mnt);

	if (read_file(mnt, "cgroup.controllers", buf, sizeof(buf)) == -1 ||
	    !has_word(buf, "memory") || !has_word(buf, "pids") ||
	    !has_word(buf, "cpu")) {
		snprintf(err, errlen, "cgroup v2 at %.100s lacks memory, pids or "
		    "cpu controllers", mnt);
		return -1;
	}
	if (parent_path(mnt, NULL, parent, r->dir[0], sizeof(r->dir[0]))
	    == -1) {
		snprintf(err, errlen, "cgroup v2 parent: %s", strerror(errno));
		return -1;
	}
	if (mkdir_p(r->dir[0]) == -1) {
		snprintf(err, errlen, "mkdir %.150s: %s", r->dir[0],
		    strerror(errno));
		return -1;
	}
	/*
	 * Enable the controllers along the path from the hierarchy's root
	 * down to our parent, so its children get them.  A cgroup that
	 * holds processes cannot delegate (no internal processes), hence
	 * the hint.
	 */
	strlcpy(path, r->dir[0], sizeof(path));
	p = path + mlen;
	for (;;) {
		char	 save = *p;

		*p = '\0';
		if (write_file(p == path + mlen ? mnt : path,
		    "cgroup.subtree_control", "+memory +pids +cpu") == -1) {
			int	 busy = errno == EBUSY;

			/* a long path's hint may be cut: that is fine */
			if (snprintf(err, errlen, "cgroup v2: enabling "
			    "controllers in %.100s: %s%s", p == path + mlen ?
			    mnt : path, strerror(errno), busy ? " (that "
			    "cgroup holds processes, so it cannot give "
			    "controllers to its children; in a container, "
			    "give it the host's cgroup namespace or move its "
			    "processes into a child cgroup)" : "") >=
			    (int)errlen)
				err[errlen - 1] = '\0';
			return -1;
		}
		*p = save;
		if (save == '\0')
			break;
		if ((p = strchr(p + 1, '/')) == NULL)
			p = path + strlen(path);
	}
	r->version = 2;
	r->has_kill = (size_t)snprintf(path, sizeof(path), "%s/cgroup.kill",
	    r->dir[0]) < sizeof(path) && access(path, F_OK) == 0;
	return 0;
}

static int
detect_v1(struct cg_root *r, const char *parent, char *err, size_t errlen)
{
	char	 mnt[PATH_MAX], path[PATH_MAX];
	int	 i;

	for (i = 0; i < CG_NCTL; i++) {
		r->dir[i][0] = '\0';
		snprintf(mnt, sizeof(mnt), "/sys/fs/cgroup/%s", v1_names[i]);
		if (!is_fs(mnt, CGROUP_SUPER_MAGIC)) {
			if (i == CG_CPUACCT)
				continue;
			snprintf(err, errlen, "cgroup v1: %.100s is not mounted",
			    mnt);
			return -1;
		}
		if (parent_path(mnt, v1_names[i], parent, r->dir[i],
		    sizeof(r->dir[i])) == -1) {
			snprintf(err, errlen, "cgroup v1 %s parent: %s",
			    v1_names[i], strerror(errno));
			return -1;
		}
		if (mkdir_p(r->dir[i]) == -1) {
			snprintf(err, errlen, "mkdir %.150s: %s", r->dir[i],
			    strerror(errno));
			return -1;
		}
	}
	/* cpu,cpuacct mounted together: account through the cpu dir */
	if (r->dir[CG_CPUACCT][0] != '\0' &&
	    strcmp(r->dir[CG_CPUACCT], r->dir[CG_CPU]) != 0) {
		struct stat s1, s2;

		if (stat(r->dir[CG_CPUACCT], &s1) == 0 &&
		    stat(r->dir[CG_CPU], &s2) == 0 && s1.st_dev == s2.st_dev &&
		    s1.st_ino == s2.st_ino)
			r->dir[CG_CPUACCT][0] = '\0';
	}
	r->has_memsw = (size_t)snprintf(path, sizeof(path),
	    "%s/memory.memsw.limit_in_bytes", r->dir[CG_MEM]) < sizeof(path) &&
	    access(path, F_OK) == 0;
	/* v1 memory cgroups need hierarchy accounting for our reads */
	(void)write_file(r->dir[CG_MEM], "memory.use_hierarchy", "1");
	r->version = 1;
	return 0;
}

#define CGF_PEAKFD	0x01	/* peakfd is open */
#define CGF_PERIOD	0x02	/* v1 cpu.cfs_period_us written */
#define CGF_MEMX	0x04	/* swap off, OOM group written */

static void	spares_drop(struct cg_root *);

int
cg_detect(struct cg_root *r, const char *parent, int version, char *err,
    size_t errlen)
{
	const char	*mnt = NULL;
	char		 e2[256] = "", path[PATH_MAX];
	int		 i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < CG_NCTL; i++)
		r->pfd[i] = -1;
	if (is_fs("/sys/fs/cgroup", CGROUP2_SUPER_MAGIC))
		mnt = "/sys/fs/cgroup";
	else if (is_fs("/sys/fs/cgroup/unified", CGROUP2_SUPER_MAGIC))
		mnt = "/sys/fs/cgroup/unified";
	if (version != 1 && mnt != NULL) {
		if (detect_v2(r, mnt, parent, e2, sizeof(e2)) == 0)
			goto found;
		if (version == 2) {
			strlcpy(err, e2, errlen);
			return -1;
		}
	}
	if (detect_v1(r, parent, err, errlen) == 0)
		goto found;
	if (e2[0] != '\0') {
		size_t l = strlen(err);

		snprintf(err + l, errlen - l, "; %s", e2);
	}
	return -1;
 found:
	/*
	 * The parents stay open: a sandbox's files are opened below them,
	 * a walk of two names instead of the whole path.
	 */
	for (i = 0; i < CG_NCTL; i++)
		if (r->dir[i][0] != '\0')
			r->pfd[i] = open(r->dir[i], O_PATH | O_DIRECTORY |
			    O_CLOEXEC);
	r->spare_max = CG_SPARE_DEFAULT;
	if (r->version == 2) {
		struct stat	 sb;

		r->has_peak = (size_t)snprintf(path, sizeof(path),
		    "%s/memory.peak", r->dir[0]) < sizeof(path) &&
		    stat(path, &sb) == 0;
		/*
		 * A kept cgroup's peak must be reset, by a write that
		 * kernels before 6.12 do not take (the file is r--r--r--
		 * there): then nothing is kept.
		 */
		if (r->has_peak && !(sb.st_mode & S_IWUSR))
			r->no_reuse = 1;
		/* no swap accounting (swapaccount=0): memory.max does not
		   hold swap, and the spawner says so */
		r->has_swapmax = (size_t)snprintf(path, sizeof(path),
		    "%s/memory.swap.max", r->dir[0]) < sizeof(path) &&
		    access(path, F_OK) == 0;
	}
	if (r->no_reuse)
		r->spare_max = 0;
	return 0;
}

void
cg_free(struct cg_root *r)
{
	int	 i;

	spares_drop(r);
	for (i = 0; i < CG_NCTL; i++) {
		if (r->pfd[i] != -1)
			close(r->pfd[i]);
		r->pfd[i] = -1;
	}
}

static int
cg_path(const struct cg *c, int ctl, char *out, size_t outlen)
{
	if ((size_t)snprintf(out, outlen, "%s/%s", c->root->dir[ctl],
	    c->name) >= outlen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Open one of the cgroup's files in hierarchy ctl (v2: the one). */
static int
cg_open(const struct cg *c, int ctl, const char *file, int flags)
{
	const struct cg_root *r = c->root;
	char	 path[PATH_MAX];

	if (r->version == 2)
		ctl = 0;
	if (r->pfd[ctl] != -1) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", c->name,
		    file) >= sizeof(path))
			goto toolong;
		return openat(r->pfd[ctl], path, flags | O_CLOEXEC);
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s/%s", r->dir[ctl],
	    c->name, file) >= sizeof(path))
		goto toolong;
	return open(path, flags | O_CLOEXEC);
 toolong:
	errno = ENAMETOOLONG;
	return -1;
}

static int
cg_write(const struct cg *c, int ctl, const char *file, const char *val)
{
	int	 fd;

	if ((fd = cg_open(c, ctl, file, O_WRONLY)) == -1)
		return -1;
	return write_close(fd, val);
}

static ssize_t
cg_read(const struct cg *c, int ctl, const char *file, char *buf,
    size_t size)
{
	ssize_t	 n;
	int	 fd;

	if ((fd = cg_open(c, ctl, file, O_RDONLY)) == -1)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* Read "key N" of a flat keyed file; 0 if the key is not there. */
static int
cg_keyed(const struct cg *c, int ctl, const char *file, const char *key,
    uint64_t *val)
{
	char	 buf[2048];

	*val = 0;
	if (cg_read(c, ctl, file, buf, sizeof(buf)) == -1)
		return -1;
	(void)keyed_value(buf, key, val);
	return 0;
}

/* The dirs a sandbox's cgroup has: one on v2, one per hierarchy on v1. */
static int
full_mask(const struct cg_root *r)
{
	int	 i, m = 0;

	if (r->version == 2)
		return 1;
	for (i = 0; i < CG_NCTL; i++)
		if (r->dir[i][0] != '\0')
			m |= 1 << i;
	return m;
}

/* The last spare, taken off the list as a made cgroup in *c. */
static void
spare_pop(struct cg_root *r, struct cg *c)
{
	struct cg_spare	*sp = &r->spare[--r->nspare];

	memset(c, 0, sizeof(*c));
	c->root = r;
	c->peakfd = -1;
	strlcpy(c->name, sp->name, sizeof(c->name));
	c->dirfd = sp->dirfd;
	c->flags = sp->flags;
	c->lim = sp->lim;
	c->made = full_mask(r);
}

/*
 * Make a spare cgroup as good as new for the run about to start: the
 * peak memory starts again from what is charged now, the OOM kill,
 * pids.max and CPU counters are taken as the baselines cg_stats()
 * subtracts (v1 cpuacct.usage is set to 0 instead).  What is still
 * charged to it (the last run's page cache, kernel objects) counts
 * against the next run's limit and in its peak: a spare with more
 * than CG_REUSE_MAXMEM is not used.  Failing any of
 * this, the spare must not be used: -2 if the kernel cannot reset a
 * v2 memory.peak (before 6.12), -1 for anything else.
 */
static int
cg_reset(struct cg *c)
{
	const struct cg_root *r = c->root;
	char	 buf[64];
	int	 fd, cpuctl;

	if (cg_read(c, r->version == 2 ? 0 : CG_MEM, r->version == 2 ?
	    "memory.current" : "memory.usage_in_bytes", buf, sizeof(buf)) <= 0 ||
	    strtoull(buf, NULL, 10) > CG_REUSE_MAXMEM)
		return -1;
	if (r->version == 2) {
		/*
		 * memory.peak resets on a write (kernel 6.12 and later),
		 * for what is read through the same open file only.
		 */
		if (r->has_peak) {
			/* read-only before 6.12: for root too, without
			   CAP_DAC_OVERRIDE */
			if ((fd = cg_open(c, 0, "memory.peak", O_RDWR)) == -1)
				return (errno == EACCES || errno == EPERM ?
				    -2 : -1);
			if (write(fd, "reset\n", 6) != 6) {
				close(fd);
				return -2;
			}
			c->peakfd = fd;
			c->flags |= CGF_PEAKFD;
		}
		if (cg_keyed(c, 0, "memory.events", "oom_kill",
		    &c->base_oom) == -1 ||
		    cg_keyed(c, 0, "pids.events", "max", &c->base_pids) == -1 ||
		    cg_keyed(c, 0, "cpu.stat", "usage_usec", &c->base_cpu) == -1)
			return -1;
		return 0;
	}
	cpuctl = c->made & (1 << CG_CPUACCT) ? CG_CPUACCT : CG_CPU;
	if (cg_write(c, CG_MEM, "memory.max_usage_in_bytes", "0") == -1 ||
	    cg_write(c, cpuctl, "cpuacct.usage", "0") == -1)
		return -1;
	(void)cg_write(c, CG_MEM, "memory.failcnt", "0");
	if (cg_keyed(c, CG_MEM, "memory.oom_control", "oom_kill",
	    &c->base_oom) == -1 ||
	    cg_keyed(c, CG_PIDS, "pids.events", "max", &c->base_pids) == -1)
		return -1;
	c->base_cpu = 0;
	return 0;
}

int
cg_create(struct cg_root *r, const char *name,
    const struct cg_limits *lim, struct cg *c, char *err, size_t errlen)
{
	char		 dir[PATH_MAX];
	int		 i, rv, nctl = r->version == 2 ? 1 : CG_NCTL;

	/* a spare if there is one that can be made as good as new */
	while (r->nspare > 0) {
		spare_pop(r, c);
		if ((rv = cg_reset(c)) == 0)
			goto limit;
		/* a kernel without a memory.peak reset: no more reuse */
		if (rv == -2) {
			r->spare_max = 0;
			r->no_reuse = 1;
		}
		cg_destroy(c);
	}

	memset(c, 0, sizeof(*c));
	c->root = r;
	c->dirfd = -1;
	c->peakfd = -1;
	if (strlcpy(c->name, name, sizeof(c->name)) >= sizeof(c->name)) {
		snprintf(err, errlen, "cgroup name too long");
		return -1;
	}
	for (i = 0; i < nctl; i++) {
		if (r->dir[i][0] == '\0')
			continue;
		if (cg_path(c, i, dir, sizeof(dir)) == -1 ||
		    mkdir(dir, 0755) == -1) {
			snprintf(err, errlen, "mkdir cgroup %.150s: %s", dir,
			    strerror(errno));
			goto fail;
		}
		c->made |= 1 << i;
	}
	if (r->version == 2) {
		cg_path(c, 0, dir, sizeof(dir));
		if ((c->dirfd = open(dir, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1) {
			snprintf(err, errlen, "cgroup %.150s: %s", dir,
			    strerror(errno));
			goto fail;
		}
	}
 limit:
	if (cg_limit(c, lim, err, errlen) == -1)
		goto fail;
	return 0;
 fail:
	cg_destroy(c);
	return -1;
}

static void
num(char *buf, size_t len, uint64_t v, const char *none)
{
	if (v == 0)
		strlcpy(buf, none, len);
	else
		snprintf(buf, len, "%llu", (unsigned long long)v);
}

/*
 * CPU weights: a pool entry builds its root with the least weight, so
 * that making sandboxes ahead takes only CPU time that running ones
 * leave; it gets the default back when a request takes it.
 */
#define CG_WEIGHT1_IDLE	"2"		/* v1 cpu.shares */
#define CG_WEIGHT1_DEF	"1024"
#define CG_WEIGHT2_IDLE	"1"		/* v2 cpu.weight */
#define CG_WEIGHT2_DEF	"100"

/*
 * Set the limits, 0 meaning none.  Only what differs from what the
 * files hold (c->lim: nothing for a new cgroup) is written.
 */
int
cg_limit(struct cg *c, const struct cg_limits *lim, char *err, size_t errlen)
{
	const struct cg_root *r = c->root;
	const char	*file = "";
	char		 val[64];
	int		 raise;

	if (r->version == 2) {
		if (lim->mem != c->lim.mem) {
			num(val, sizeof(val), lim->mem, "max");
			if (cg_write(c, 0, file = "memory.max", val) == -1)
				goto wfail;
			c->lim.mem = lim->mem;
		}
		if (lim->mem && !(c->flags & CGF_MEMX)) {
			/* no swap: memory.max must be the whole story */
			(void)cg_write(c, 0, "memory.swap.max", "0");
			/* an OOM kills the whole sandbox, not a random part */
			(void)cg_write(c, 0, "memory.oom.group", "1");
			c->flags |= CGF_MEMX;
		}
		if (lim->pids != c->lim.pids) {
			num(val, sizeof(val), lim->pids, "max");
			if (cg_write(c, 0, file = "pids.max", val) == -1)
				goto wfail;
			c->lim.pids = lim->pids;
		}
		if (lim->cpu_pct != c->lim.cpu_pct) {
			if (lim->cpu_pct)
				snprintf(val, sizeof(val), "%u 100000",
				    lim->cpu_pct * 1000);
			else
				strlcpy(val, "max 100000", sizeof(val));
			if (cg_write(c, 0, file = "cpu.max", val) == -1)
				goto wfail;
			c->lim.cpu_pct = lim->cpu_pct;
		}
		if (lim->idle != c->lim.idle) {
			/* lowering it is a nicety; raising it must work */
			if (cg_write(c, 0, file = "cpu.weight", lim->idle ?
			    CG_WEIGHT2_IDLE : CG_WEIGHT2_DEF) == -1) {
				if (!lim->idle)
					goto wfail;
			} else
				c->lim.idle = lim->idle;
		}
		return 0;
	}
	if (lim->mem != c->lim.mem) {
		/* v1 wants memory.limit_in_bytes <= memsw.limit_in_bytes */
		raise = lim->mem == 0 ||
		    (c->lim.mem != 0 && lim->mem > c->lim.mem);
		num(val, sizeof(val), lim->mem, "-1");
		if (r->has_memsw && raise && cg_write(c, CG_MEM,
		    file = "memory.memsw.limit_in_bytes", val) == -1)
			goto wfail;
		if (cg_write(c, CG_MEM, file = "memory.limit_in_bytes",
		    val) == -1)
			goto wfail;
		if (r->has_memsw && !raise && cg_write(c, CG_MEM,
		    file = "memory.memsw.limit_in_bytes", val) == -1)
			goto wfail;
		c->lim.mem = lim->mem;
	}
	if (lim->mem && !(c->flags & CGF_MEMX)) {
		(void)cg_write(c, CG_MEM, "memory.swappiness", "0");
		c->flags |= CGF_MEMX;
	}
	if (lim->pids != c->lim.pids) {
		num(val, sizeof(val), lim->pids, "max");
		if (cg_write(c, CG_PIDS, file = "pids.max", val) == -1)
			goto wfail;
		c->lim.pids = lim->pids;
	}
	if (lim->cpu_pct != c->lim.cpu_pct) {
		if (lim->cpu_pct && !(c->flags & CGF_PERIOD)) {
			if (cg_write(c, CG_CPU, file = "cpu.cfs_period_us",
			    "100000") == -1)
				goto wfail;
			c->flags |= CGF_PERIOD;
		}
		if (lim->cpu_pct)
			snprintf(val, sizeof(val), "%u", lim->cpu_pct * 1000);
		else
			strlcpy(val, "-1", sizeof(val));
		if (cg_write(c, CG_CPU, file = "cpu.cfs_quota_us", val) == -1)
			goto wfail;
		c->lim.cpu_pct = lim->cpu_pct;
	}
	if (lim->idle != c->lim.idle) {
		if (cg_write(c, CG_CPU, file = "cpu.shares", lim->idle ?
		    CG_WEIGHT1_IDLE : CG_WEIGHT1_DEF) == -1) {
			if (!lim->idle)
				goto wfail;
		} else
			c->lim.idle = lim->idle;
	}
	return 0;
 wfail:
	snprintf(err, errlen, "cgroup %.60s %s: %s", c->name, file,
	    strerror(errno));
	return -1;
}

/*
 * v1: open the "tasks" file of each hierarchy, for a child to join by
 * writing "0" itself (see sbx_child's cg_join).  The spawner writing the
 * child's pid into cgroup.procs stalled for 5-16 ms in one run of
 * seven; a task moving itself does not.  Returns how many are open, or
 * -1 with all closed.
 */
int
cg_join_fds(struct cg *c, int *fds, int max)
{
	int	 i, n = 0, saved;

	for (i = 0; i < CG_NCTL; i++) {
		if (!(c->made & (1 << i)))
			continue;
		if (n == max) {
			errno = E2BIG;
			goto fail;
		}
		if ((fds[n] = cg_open(c, i, "tasks", O_WRONLY)) == -1)
			goto fail;
		n++;
	}
	return n;
 fail:
	saved = errno;
	while (n > 0)
		close(fds[--n]);
	errno = saved;
	return -1;
}

/* CPU time of this run: since the cgroup was made or taken. */
int
cg_cpu_usec(struct cg *c, uint64_t *usec)
{
	char	 buf[1024];
	uint64_t v;

	if (c->root->version == 2) {
		if (cg_read(c, 0, "cpu.stat", buf, sizeof(buf)) == -1 ||
		    keyed_value(buf, "usage_usec", &v) == -1)
			return -1;
	} else {
		if (cg_read(c, c->made & (1 << CG_CPUACCT) ? CG_CPUACCT :
		    CG_CPU, "cpuacct.usage", buf, sizeof(buf)) == -1)
			return -1;
		v = strtoull(buf, NULL, 10) / 1000;
	}
	*usec = v > c->base_cpu ? v - c->base_cpu : 0;
	return 0;
}

static uint64_t
since(uint64_t v, uint64_t base)
{
	return v > base ? v - base : 0;
}

int
cg_stats(struct cg *c, struct cg_stats *s)
{
	char	 buf[256];
	ssize_t	 n;

	memset(s, 0, sizeof(*s));
	s->have_cpu = cg_cpu_usec(c, &s->cpu_usec) == 0;
	if (c->root->version == 2) {
		(void)cg_keyed(c, 0, "memory.events", "oom_kill",
		    &s->oom_kills);
		(void)cg_keyed(c, 0, "pids.events", "max", &s->pids_max);
		if (c->flags & CGF_PEAKFD)
			n = pread(c->peakfd, buf, sizeof(buf) - 1, 0);
		else if (c->root->has_peak)
			n = cg_read(c, 0, "memory.peak", buf, sizeof(buf));
		else
			n = -1;
		if (n > 0) {
			buf[n] = '\0';
			s->mem_peak = strtoull(buf, NULL, 10);
			s->have_peak = 1;
		}
	} else {
		(void)cg_keyed(c, CG_MEM, "memory.oom_control", "oom_kill",
		    &s->oom_kills);
		if (cg_read(c, CG_MEM, "memory.max_usage_in_bytes", buf,
		    sizeof(buf)) > 0) {
			s->mem_peak = strtoull(buf, NULL, 10);
			s->have_peak = 1;
		}
		(void)cg_keyed(c, CG_PIDS, "pids.events", "max",
		    &s->pids_max);
	}
	s->oom_kills = since(s->oom_kills, c->base_oom);
	s->pids_max = since(s->pids_max, c->base_pids);
	return 0;
}

/* Kill every process listed in dir/cgroup.procs; returns how many. */
static int
kill_procs(const char *dir)
{
	char	 path[PATH_MAX], line[32];
	FILE	*fp;
	int	 n = 0;
	long	 pid;

	if ((size_t)snprintf(path, sizeof(path), "%s/cgroup.procs", dir) >=
	    sizeof(path))
		return 0;
	if ((fp = fopen(path, "re")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		pid = strtol(line, NULL, 10);
		if (pid > 1 && kill((pid_t)pid, SIGKILL) == 0)
			n++;
	}
	fclose(fp);
	return n;
}

int
cg_kill(struct cg *c)
{
	char	 dir[PATH_MAX];
	int	 i, ctl;

	if (c->root->version == 2) {
		if (c->root->has_kill && cg_write(c, 0, "cgroup.kill", "1") == 0)
			return 0;
		ctl = 0;
	} else
		ctl = CG_PIDS;
	cg_path(c, ctl, dir, sizeof(dir));
	/* no freezer: repeat while a fork bomb keeps refilling the list */
	for (i = 0; i < 100; i++)
		if (kill_procs(dir) == 0)
			break;
	return 0;
}

int
cg_populated(struct cg *c)
{
	char	 buf[256];
	uint64_t v = 0;

	if (c->root->version == 2) {
		if (cg_read(c, 0, "cgroup.events", buf, sizeof(buf)) <= 0 ||
		    keyed_value(buf, "populated", &v) == -1)
			return 0;
		return v != 0;
	}
	if (cg_read(c, CG_PIDS, "cgroup.procs", buf, sizeof(buf)) <= 0)
		return 0;
	return buf[0] != '\0';
}

/*
 * No task at all is charged to the cgroup: not even one that has
 * exited and not yet been reaped.  All of a sandbox's tasks are in all
 * of its v1 hierarchies (its first task joins each before it does
 * anything else), so the pids one answers for them.
 */
static int
cg_idle(const struct cg *c)
{
	char	 buf[64];

	if (cg_read(c, CG_PIDS, "pids.current", buf, sizeof(buf)) <= 0)
		return 0;
	return strcmp(buf, "0\n") == 0 || strcmp(buf, "0") == 0;
}

/*
 * The sandbox is over: keep its cgroup as a spare if there is room and
 * it is verifiably empty, else remove it.
 */
int
cg_release(struct cg_root *r, struct cg *c)
{
	struct cg_spare	*sp;

	if (c->made == 0)
		return 0;
	if (c->flags & CGF_PEAKFD) {
		close(c->peakfd);
		c->peakfd = -1;
		c->flags &= ~CGF_PEAKFD;
	}
	if (r->nspare >= r->spare_max || r->nspare >= CG_SPARE_MAX ||
	    c->root != r || c->made != full_mask(r) || !cg_idle(c))
		return cg_destroy(c);
	sp = &r->spare[r->nspare++];
	strlcpy(sp->name, c->name, sizeof(sp->name));
	sp->dirfd = c->dirfd;
	sp->flags = c->flags;
	sp->lim = c->lim;
	c->dirfd = -1;
	c->made = 0;
	c->flags = 0;
	return 0;
}

/* At most n spares from now on (0: no reuse). */
void
cg_spares(struct cg_root *r, int n)
{
	struct cg	 c;
	int		 i;

	if (n < 0)
		n = 0;
	if (n > CG_SPARE_MAX)
		n = CG_SPARE_MAX;
	if (r->no_reuse)
		n = 0;
	r->spare_max = n;
	while (r->nspare > n) {
		spare_pop(r, &c);
		/* empty, but a moment ago it may not have been */
		for (i = 0; i < 200 && cg_destroy(&c) == -1; i++)
			usleep(5000);
	}
}

/* Remove the spares, keep the limit where it was. */
static void
spares_drop(struct cg_root *r)
{
	int	 max = r->spare_max;

	cg_spares(r, 0);
	r->spare_max = max;
}

int
cg_destroy(struct cg *c)
{
	char	 dir[PATH_MAX];
	int	 i, rv = 0;

	if (c->dirfd != -1) {
		close(c->dirfd);
		c->dirfd = -1;
	}
	if (c->made != 0 && (c->flags & CGF_PEAKFD)) {
		close(c->peakfd);
		c->peakfd = -1;
		c->flags &= ~CGF_PEAKFD;
	}
	for (i = 0; i < CG_NCTL; i++) {
		if (!(c->made & (1 << i)))
			continue;
		if (cg_path(c, i, dir, sizeof(dir)) == 0 &&
		    (rmdir(dir) == 0 || errno == ENOENT))
			c->made &= ~(1 << i);
		else
			rv = -1;
	}
	return rv;
}

/*
 * Remove every cgroup below the parent: ours that are spare (not
 * counted), and those of sandboxes that still run or were left by a
 * sandboxd that died (counted), killing what is in them.
 */
int
cg_cleanup_stale(struct cg_root *r)
{
	DIR		*d;
	struct dirent	*de;
	struct cg	 c;
	int		 i, n = 0, nctl = r->version == 2 ? 1 : CG_NCTL;

	spares_drop(r);
	for (i = 0; i < nctl; i++) {
		if (r->dir[i][0] == '\0' || (d = opendir(r->dir[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (de->d_type != DT_DIR || de->d_name[0] == '.')
				continue;
			memset(&c, 0, sizeof(c));
			c.root = r;
			c.dirfd = -1;
			c.peakfd = -1;
			if (strlcpy(c.name, de->d_name, sizeof(c.name)) >=
			    sizeof(c.name))
				continue;
			c.made = 1 << i;
			if (r->version == 2 || i == CG_PIDS)
				cg_kill(&c);
			else {
				char dir[PATH_MAX];

				cg_path(&c, i, dir, sizeof(dir));
				kill_procs(dir);
			}
			/*
			 * The killed need a moment to leave, longer on a
			 * loaded host: up to 5 s, and count only what went.
			 */
			for (int t = 0; t < 1000; t++) {
				if (cg_destroy(&c) == 0) {
					n++;
					break;
				}
				if (t % 50 == 0 && t > 0)
					cg_kill(&c);
				usleep(5000);
			}
		}
		closedir(d);
	}
	return n;
}
