/*
 * harnessctl: the administrator's tool.  One command table; one file per
 * command family.
 */
#ifndef HARNESSCTL_H
#define HARNESSCTL_H

#include <stdio.h>

#include "conf.h"
#include "harness.h"

#define EX_USAGE	64

struct ctl_env {
	const char		*conffile;
	struct harness_conf	*conf;		/* NULL until loaded */
	int			 verbose;
};

struct ctl_cmd {
	const char	*name;
	const char	*usage;
	int		(*fn)(struct ctl_env *, int, char **);
	int		 needs_conf;
};

__attribute__((noreturn)) void usage(void);
/* Load ctl->conf from ctl->conffile or exit 1 with the error. */
void	 ctl_load_conf(struct ctl_env *);
/* Connect to a daemon's control socket or return NULL (message in err). */
struct hconn *ctl_connect(struct ctl_env *, enum daemon_id, char *, size_t);

int	 cmd_status(struct ctl_env *, int, char **);
int	 cmd_audit(struct ctl_env *, int, char **);
int	 cmd_vault(struct ctl_env *, int, char **);
int	 cmd_approve(struct ctl_env *, int, char **);
int	 cmd_hitl(struct ctl_env *, int, char **);
int	 cmd_reload(struct ctl_env *, int, char **);

/* hitl.c: print text from agents with control characters escaped. */
size_t	 ctl_putsafe(FILE *, const char *, int, size_t);
size_t	 ctl_putsafe_n(FILE *, const char *, size_t, int, size_t);
void	 ctl_putword(FILE *, const char *);
int	 cmd_sandbox(struct ctl_env *, int, char **);
int	 cmd_exec(struct ctl_env *, int, char **);
int	 cmd_tool(struct ctl_env *, int, char **);

#endif /* HARNESSCTL_H */
