/*
 * cgroup: one cgroup per sandbox, on cgroup v2 where the unified
 * hierarchy has the memory, pids and cpu controllers, else on the v1
 * memory, pids and cpu (+ cpuacct) hierarchies.
 */
#ifndef SANDBOXD_CGROUP_H
#define SANDBOXD_CGROUP_H

#include <sys/types.h>
#include <limits.h>
#include <stdint.h>

enum cg_ctl { CG_MEM = 0, CG_PIDS, CG_CPU, CG_CPUACCT, CG_NCTL };

struct cg_root {
	int		 version;		/* 1 or 2 */
	/* v2: dir[0] is the parent dir; v1: one per controller ("" if
	   the controller is missing) */
	char		 dir[CG_NCTL][PATH_MAX];
	int		 has_kill;		/* v2 cgroup.kill */
	int		 has_peak;		/* v2 memory.peak */
	int		 has_memsw;		/* v1 memory.memsw.* */
};

struct cg {
	const struct cg_root *root;
	char		 name[96];
	int		 dirfd;		/* v2: for CLONE_INTO_CGROUP, else -1 */
	int		 made;		/* bitmask of created dirs */
};

struct cg_limits {
	uint64_t	 mem;		/* bytes, 0: none */
	uint64_t	 pids;		/* 0: none */
	uint32_t	 cpu_pct;	/* 100 = one CPU, 0: none */
};

struct cg_stats {
	uint64_t	 oom_kills;
	uint64_t	 pids_max;	/* times a fork hit pids.max */
	uint64_t	 cpu_usec;
	uint64_t	 mem_peak;
	int		 have_cpu;
	int		 have_peak;
};

int	 cg_detect(struct cg_root *, const char *, int, char *, size_t);
int	 cg_create(const struct cg_root *, const char *,
	    const struct cg_limits *, struct cg *, char *, size_t);
int	 cg_limit(struct cg *, const struct cg_limits *, char *, size_t);
int	 cg_attach(struct cg *, pid_t);
int	 cg_cpu_usec(struct cg *, uint64_t *);
int	 cg_stats(struct cg *, struct cg_stats *);
int	 cg_kill(struct cg *);
int	 cg_populated(struct cg *);
int	 cg_destroy(struct cg *);
int	 cg_cleanup_stale(const struct cg_root *);

#endif /* SANDBOXD_CGROUP_H */
