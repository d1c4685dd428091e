/*
 * cgroup: one cgroup per sandbox, on cgroup v2 where the unified
 * hierarchy has the memory, pids and cpu controllers, else on the v1
 * memory, pids and cpu (+ cpuacct) hierarchies.
 *
 * A sandbox's cgroup that is verifiably empty when the sandbox is over
 * goes to a bounded list of spares (cg_release) instead of rmdir, and
 * cg_create takes one from there when it can: making and removing
 * cgroup directories is most of what a run costs the spawner.  A spare
 * taken gets its limits set afresh and every counter a result reads
 * reset or baselined, so that nothing of a run but the empty directory
 * reaches the next.
 */
#ifndef SANDBOXD_CGROUP_H
#define SANDBOXD_CGROUP_H

#include <sys/types.h>
#include <limits.h>
#include <stdint.h>

enum cg_ctl { CG_MEM = 0, CG_PIDS, CG_CPU, CG_CPUACCT, CG_NCTL };

#define CG_SPARE_DEFAULT	4	/* spares kept without a pool */
#define CG_SPARE_MAX		72	/* the most cg_spares() allows */
#define CG_REUSE_MAXMEM	(4 << 20)	/* a spare still charged more (page
					   cache the last run read) is not
					   reused */

struct cg_limits {
	uint64_t	 mem;		/* bytes, 0: none */
	uint64_t	 pids;		/* 0: none */
	uint32_t	 cpu_pct;	/* 100 = one CPU, 0: none */
	uint32_t	 idle;		/* 1: least CPU weight (pool making) */
};

/* An empty cgroup kept for the next sandbox. */
struct cg_spare {
	char		 name[96];
	int		 dirfd;		/* v2: kept open, else -1 */
	int		 flags;
	struct cg_limits lim;		/* what its limit files hold */
};

struct cg_root {
	int		 version;		/* 1 or 2 */
	/* v2: dir[0] is the parent dir; v1: one per controller ("" if
	   the controller is missing) */
	char		 dir[CG_NCTL][PATH_MAX];
	int		 has_kill;		/* v2 cgroup.kill */
	int		 has_peak;		/* v2 memory.peak */
	int		 has_memsw;		/* v1 memory.memsw.* */
	int		 has_swapmax;		/* v2 memory.swap.max */
	int		 no_reuse;		/* never keep a spare (v2
						   memory.peak not writable) */
	int		 pfd[CG_NCTL];		/* O_PATH of dir[], or -1 */
	struct cg_spare	 spare[CG_SPARE_MAX];
	int		 nspare;
	int		 spare_max;		/* 0: no reuse */
};

/*
 * A sandbox's cgroup.  Its fields other than root, name, dirfd and made
 * mean something only while made is not 0.
 */
struct cg {
	const struct cg_root *root;
	char		 name[96];
	int		 dirfd;		/* v2: for CLONE_INTO_CGROUP, else -1 */
	int		 made;		/* bitmask of created dirs */
	int		 flags;		/* CGF_* in cgroup.c */
	int		 peakfd;	/* v2 memory.peak reset for this run */
	struct cg_limits lim;		/* what its limit files hold */
	uint64_t	 base_oom;	/* counters when it was taken */
	uint64_t	 base_pids;
	uint64_t	 base_cpu;
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
void	 cg_free(struct cg_root *);
void	 cg_spares(struct cg_root *, int);
int	 cg_create(struct cg_root *, const char *,
	    const struct cg_limits *, struct cg *, char *, size_t);
int	 cg_release(struct cg_root *, struct cg *);
int	 cg_limit(struct cg *, const struct cg_limits *, char *, size_t);
int	 cg_join_fds(struct cg *, int *, int);
int	 cg_cpu_usec(struct cg *, uint64_t *);
int	 cg_stats(struct cg *, struct cg_stats *);
int	 cg_kill(struct cg *);
int	 cg_populated(struct cg *);
int	 cg_destroy(struct cg *);
int	 cg_cleanup_stale(struct cg_root *);

#endif /* SANDBOXD_CGROUP_H */
