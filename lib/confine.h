/*
 * Confinement of a daemon process, in the order OpenBSD daemons lock the
 * door after opening what they need: capability bounding set, chroot and
 * chdir, setgroups/setresgid/setresuid, capabilities, core dumps,
 * PR_SET_NO_NEW_PRIVS, and a libseccomp allowlist whose default action
 * kills the process (or, in debug mode, traps and logs the syscall name).
 */
#ifndef HARNESS_CONFINE_H
#define HARNESS_CONFINE_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

/* A syscall allowed only when one argument compares as given. */
struct confine_argrule {
	int		 nr;		/* syscall number (SYS_...) */
	unsigned int	 arg;		/* argument index 0..5 */
	int		 op;		/* CONFINE_EQ, CONFINE_MASKED_EQ */
	uint64_t	 mask;		/* CONFINE_MASKED_EQ only */
	uint64_t	 value;
};
#define CONFINE_EQ		1
#define CONFINE_MASKED_EQ	2

/* A syscall refused with an errno instead of killing ("soft deny"). */
struct confine_errno {
	int		 nr;
	int		 err;
};

struct confine {
	const char	*user;		/* NULL: stay uid 0 */
	const char	*chroot;	/* NULL: no chroot */
	const int	*keep_caps;	/* cap_value_t values to keep */
	size_t		 nkeep;
	int		 keep_latent;	/* keep them permitted only, not
					   effective: confine_raise_cap()
					   for the moment one is needed */
	int		 nodump;	/* PR_SET_DUMPABLE 0 */
	const int	*syscalls;	/* allowlist, no conditions */
	size_t		 nsyscalls;
	const struct confine_argrule *argrules;
	size_t		 nargrules;
	const struct confine_errno *soft;
	size_t		 nsoft;
	/*
	 * Refused with SCMP_ACT_NOTIFY and a listener closed at once: the
	 * process gets ENOSYS.  Unlike a kill (which no filter stacked
	 * later can weaken or name), it leaves the call to a filter a
	 * descendant stacks with a listener of its own: the kernel's tie
	 * between equal actions goes to the newest filter.  Calls that
	 * are allowed are left out, as with soft denies.
	 */
	const int	*notify;
	size_t		 nnotify;
	int		 debug;		/* trap + log instead of kill */
	int		 pdeathsig;	/* signal when the parent dies */
};

/*
 * Make a capability kept latent (keep_latent) effective; -1 and errno
 * if it was not kept.  The caller's filter must allow capget/capset.
 */
int	 confine_raise_cap(int cap);

/* The syscalls every libevent/imsg daemon process needs. */
extern const int confine_base_syscalls[];
extern const size_t confine_base_nsyscalls;
/* Calls libc makes harmlessly that we refuse (socket -> EACCES, ...). */
extern const struct confine_errno confine_base_soft[];
extern const size_t confine_base_nsoft;
/* File calls refused (EACCES) where a process should touch no file. */
extern const struct confine_errno confine_nofile_soft[];
extern const size_t confine_nofile_nsoft;

/*
 * Confine the calling process.  Returns 0, or -1 with a message in err.
 * User lookup happens first, so call it before anything that hides
 * /etc/passwd.  Safe to call as root only, and once per process
 * (libseccomp remembers the notify listener it made, closed or not).
 */
int	 confine_process(const struct confine *, char *, size_t);

/* Self-check, as /proc/self/status would show it. */
struct confine_report {
	uid_t		 uid;
	gid_t		 gid;
	int		 seccomp;	/* 0 none, 2 filter */
	int		 nnp;
	uint64_t	 capeff;
};
void	 confine_self_report(struct confine_report *);

/* Resolve a user name to uid/gid.  0 or -1. */
int	 confine_lookup_user(const char *, uid_t *, gid_t *);
int	 confine_lookup_group(const char *, gid_t *);

#endif /* HARNESS_CONFINE_H */
