/*
 * hitld: classifies tool calls by risk and holds the ones that need a
 * person until an approver answers or the deadline denies them.
 */
#ifndef HITLD_H
#define HITLD_H

#include <sys/types.h>

#include "hitlc.h"
#include "proc.h"
#include "proto.h"

enum hitld_proc {
	PROC_QUEUE = 0,
	PROC_HITLD_MAX
};

struct hitld_parent {
	int		 approver_fd;
	int		 ids_fd;	/* statedir/hitld/ids, for the queue */
};

/*
 * The last request id given, kept across restarts so that an answer
 * meant for a request of an earlier run (approve 3 allow, typed from an
 * old listing) cannot land on a new request that took its number: ten
 * digits and a newline, rewritten in place as each id is given.
 */
#define HITLD_IDS_DIR		"hitld"
#define HITLD_IDS_FILE		"ids"
#define HITLD_IDS_LEN		11

/* parent -> queue: user names read again on SIGHUP (users.c). */
#define IMSG_HITL_USERS		(IMSG_HITL_BASE + 64)
#define HITLD_PASSWD		"/etc/passwd"
#define USERS_MAX		65536

struct uname {
	uid_t		 uid;
	size_t		 seq;		/* order read */
	char		 name[HITL_NAME_MAX];
};

struct users {
	struct uname	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 seq;
};

/* users.c: the uid -> name table (zeroed to start). */
struct wbuf;
int	 users_add(struct users *, uid_t, const char *);
void	 users_sort(struct users *);
const char *users_find(const struct users *, uid_t);
int	 users_merge(struct users *, const struct users *);
void	 users_free(struct users *);
int	 users_read(struct users *, const char *);
void	 users_encode(const struct users *, size_t *, struct wbuf *);
int	 users_decode(struct users *, const void *, size_t);

void	 queue_run(struct proc_ctx *);
void	 queue_on_fd(struct proc_ctx *, uint32_t, uint32_t, int);
int	 queue_control(struct proc_ctx *, struct ctl_conn *, struct imsg *);
int	 queue_reload(struct proc_ctx *, struct harness_conf *, char *,
	    size_t);
void	 queue_dispatch(struct proc_ctx *, struct imsgev *, struct imsg *);
const char *queue_chroot(const struct harness_conf *);
int	 queue_stopping(struct proc_ctx *);

/* audit.c: record one decision (see there). */
struct hitl_req;
struct hitl_verdict;
void	 hitl_audit_reply(const struct hitl_req *, const struct hitl_verdict *,
	    uint32_t, uint32_t, uint32_t, int);
void	 hitl_audit(const struct hitl_req *, const struct hitl_verdict *,
	    uint32_t);
size_t	 hitl_audit_outstanding(void);

#endif /* HITLD_H */
