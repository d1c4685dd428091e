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

static int
write_file(const char *dir, const char *file, const char *val)
{
	char	 path[PATH_MAX];
	int	 fd, r, saved;
	size_t	 len = strlen(val);

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >=
	    sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	r = write(fd, val, len);
	saved = errno;
	close(fd);
	if (r == -1) {
		errno = saved;
		return -1;
	}
	if ((size_t)r != len) {
		errno = EIO;
		return -1;
	}
	return 0;
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
			snprintf(err, errlen, "cgroup v2: enabling controllers "
			    "in %.100s: %s (set cgroup_parent to a delegated "
			    "cgroup without processes)",
			    p == path + mlen ? mnt : path, strerror(errno));
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

int
cg_detect(struct cg_root *r, const char *parent, int version, char *err,
    size_t errlen)
{
	const char	*mnt = NULL;
	char		 e2[256] = "";

	memset(r, 0, sizeof(*r));
	if (is_fs("/sys/fs/cgroup", CGROUP2_SUPER_MAGIC))
		mnt = "/sys/fs/cgroup";
	else if (is_fs("/sys/fs/cgroup/unified", CGROUP2_SUPER_MAGIC))
		mnt = "/sys/fs/cgroup/unified";
	if (version != 1 && mnt != NULL) {
		if (detect_v2(r, mnt, parent, e2, sizeof(e2)) == 0)
			return 0;
		if (version == 2) {
			strlcpy(err, e2, errlen);
			return -1;
		}
	}
	if (detect_v1(r, parent, err, errlen) == 0)
		return 0;
	if (e2[0] != '\0') {
		size_t l = strlen(err);

		snprintf(err + l, errlen - l, "; %s", e2);
	}
	return -1;
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

int
cg_create(const struct cg_root *r, const char *name,
    const struct cg_limits *lim, struct cg *c, char *err, size_t errlen)
{
	char	 dir[PATH_MAX];
	int	 i, nctl = r->version == 2 ? 1 : CG_NCTL;

	memset(c, 0, sizeof(*c));
	c->root = r;
	c->dirfd = -1;
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
	if (cg_limit(c, lim, err, errlen) == -1)
		goto fail;
	return 0;
 fail:
	cg_destroy(c);
	return -1;
}

/* Set the limits that are not 0. */
int
cg_limit(struct cg *c, const struct cg_limits *lim, char *err, size_t errlen)
{
	const struct cg_root *r = c->root;
	char	 dir[PATH_MAX] = "", val[64];

	if (r->version == 2) {
		cg_path(c, 0, dir, sizeof(dir));
		if (lim->mem) {
			snprintf(val, sizeof(val), "%llu",
			    (unsigned long long)lim->mem);
			if (write_file(dir, "memory.max", val) == -1)
				goto wfail;
			/* no swap: memory.max must be the whole story */
			(void)write_file(dir, "memory.swap.max", "0");
			/* an OOM kills the whole sandbox, not a random part */
			(void)write_file(dir, "memory.oom.group", "1");
		}
		if (lim->pids) {
			snprintf(val, sizeof(val), "%llu",
			    (unsigned long long)lim->pids);
			if (write_file(dir, "pids.max", val) == -1)
				goto wfail;
		}
		if (lim->cpu_pct) {
			snprintf(val, sizeof(val), "%u 100000",
			    lim->cpu_pct * 1000);
			if (write_file(dir, "cpu.max", val) == -1)
				goto wfail;
		}
		return 0;
	}
	if (lim->mem) {
		cg_path(c, CG_MEM, dir, sizeof(dir));
		snprintf(val, sizeof(val), "%llu",
		    (unsigned long long)lim->mem);
		if (write_file(dir, "memory.limit_in_bytes", val) == -1)
			goto wfail;
		if (r->has_memsw &&
		    write_file(dir, "memory.memsw.limit_in_bytes", val) == -1)
			goto wfail;
		(void)write_file(dir, "memory.swappiness", "0");
	}
	if (lim->pids) {
		cg_path(c, CG_PIDS, dir, sizeof(dir));
		snprintf(val, sizeof(val), "%llu",
		    (unsigned long long)lim->pids);
		if (write_file(dir, "pids.max", val) == -1)
			goto wfail;
	}
	if (lim->cpu_pct) {
		cg_path(c, CG_CPU, dir, sizeof(dir));
		snprintf(val, sizeof(val), "%u", lim->cpu_pct * 1000);
		if (write_file(dir, "cpu.cfs_period_us", "100000") == -1 ||
		    write_file(dir, "cpu.cfs_quota_us", val) == -1)
			goto wfail;
	}
	return 0;
 wfail:
	snprintf(err, errlen, "cgroup %.150s: %s", dir, strerror(errno));
	return -1;
}

int
cg_attach(struct cg *c, pid_t pid)
{
	char	 dir[PATH_MAX], val[32];
	int	 i;

	snprintf(val, sizeof(val), "%ld", (long)pid);
	for (i = 0; i < CG_NCTL; i++) {
		if (!(c->made & (1 << i)))
			continue;
		if (cg_path(c, i, dir, sizeof(dir)) == -1 ||
		    write_file(dir, "cgroup.procs", val) == -1)
			return -1;
	}
	return 0;
}

int
cg_cpu_usec(struct cg *c, uint64_t *usec)
{
	char	 dir[PATH_MAX], buf[1024];

	if (c->root->version == 2) {
		cg_path(c, 0, dir, sizeof(dir));
		if (read_file(dir, "cpu.stat", buf, sizeof(buf)) == -1 ||
		    keyed_value(buf, "usage_usec", usec) == -1)
			return -1;
		return 0;
	}
	if (c->made & (1 << CG_CPUACCT))
		cg_path(c, CG_CPUACCT, dir, sizeof(dir));
	else
		cg_path(c, CG_CPU, dir, sizeof(dir));
	if (read_file(dir, "cpuacct.usage", buf, sizeof(buf)) == -1)
		return -1;
	*usec = strtoull(buf, NULL, 10) / 1000;
	return 0;
}

int
cg_stats(struct cg *c, struct cg_stats *s)
{
	char	 dir[PATH_MAX], buf[2048];

	memset(s, 0, sizeof(*s));
	s->have_cpu = cg_cpu_usec(c, &s->cpu_usec) == 0;
	if (c->root->version == 2) {
		cg_path(c, 0, dir, sizeof(dir));
		if (read_file(dir, "memory.events", buf, sizeof(buf)) > 0)
			(void)keyed_value(buf, "oom_kill", &s->oom_kills);
		if (read_file(dir, "pids.events", buf, sizeof(buf)) > 0)
			(void)keyed_value(buf, "max", &s->pids_max);
		if (read_file(dir, "memory.peak", buf, sizeof(buf)) > 0) {
			s->mem_peak = strtoull(buf, NULL, 10);
			s->have_peak = 1;
		}
		return 0;
	}
	cg_path(c, CG_MEM, dir, sizeof(dir));
	if (read_file(dir, "memory.oom_control", buf, sizeof(buf)) > 0)
		(void)keyed_value(buf, "oom_kill", &s->oom_kills);
	if (read_file(dir, "memory.max_usage_in_bytes", buf,
	    sizeof(buf)) > 0) {
		s->mem_peak = strtoull(buf, NULL, 10);
		s->have_peak = 1;
	}
	cg_path(c, CG_PIDS, dir, sizeof(dir));
	if (read_file(dir, "pids.events", buf, sizeof(buf)) > 0)
		(void)keyed_value(buf, "max", &s->pids_max);
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
		cg_path(c, 0, dir, sizeof(dir));
		if (c->root->has_kill &&
		    write_file(dir, "cgroup.kill", "1") == 0)
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
	char	 dir[PATH_MAX], buf[256];
	uint64_t v = 0;

	if (c->root->version == 2) {
		cg_path(c, 0, dir, sizeof(dir));
		if (read_file(dir, "cgroup.events", buf, sizeof(buf)) <= 0 ||
		    keyed_value(buf, "populated", &v) == -1)
			return 0;
		return v != 0;
	}
	cg_path(c, CG_PIDS, dir, sizeof(dir));
	if (read_file(dir, "cgroup.procs", buf, sizeof(buf)) <= 0)
		return 0;
	return buf[0] != '\0';
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

int
cg_cleanup_stale(const struct cg_root *r)
{
	DIR		*d;
	struct dirent	*de;
	struct cg	 c;
	int		 i, n = 0, nctl = r->version == 2 ? 1 : CG_NCTL;

	for (i = 0; i < nctl; i++) {
		if (r->dir[i][0] == '\0' || (d = opendir(r->dir[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (de->d_type != DT_DIR || de->d_name[0] == '.')
				continue;
			memset(&c, 0, sizeof(c));
			c.root = r;
			c.dirfd = -1;
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
