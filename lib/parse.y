/*
 * harness.conf(5) grammar, OpenBSD style: a hand-written lexer over
 * in-memory file buffers (so a chrooted child can parse the bundle its
 * parent validated), macros ("name = value", used as $name), include,
 * sizes (512M), durations (30s, 5m) and quoted strings.
 */

%{
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "conf.h"
#include "jsonschema.h"
#include "risk.h"
#include "riskconf.h"
#include "sandboxc.h"

struct file {
	TAILQ_ENTRY(file)	 entry;
	char			*name;
	const unsigned char	*buf;
	size_t			 len;
	size_t			 pos;
	int			 lineno;
	int			 is_macro;
	int			 eof_sent;
	dev_t			 dev;		/* read from disk: which */
	ino_t			 ino;		/* file, for include loops */
	int			 has_id;
	/* What the lexer had read ahead here when an include began. */
	unsigned char		 ahead[8];
	int			 nahead;
	int			 depth0;	/* braces open when it began */
};
TAILQ_HEAD(files, file);

struct sym {
	TAILQ_ENTRY(sym)	 entry;
	int			 used;
	int			 persist;	/* from -D */
	char			*nam;
	char			*val;
};
TAILQ_HEAD(symhead, sym);

/*
 * Strings from the lexer belong to the parser's stack until an action
 * takes them; an action that frees or keeps one empties its slot, so
 * the %destructor run on error recovery frees only what nobody took.
 */
#define FREE_STR(x)	do { free(x); (x) = NULL; } while (0)
#define STEAL(x)	({ char *steal_ = (x); (x) = NULL; steal_; })

typedef struct {
	union {
		int64_t			 number;
		char			*string;
		uint64_t		 u64;
		struct conf_strlist	 list;
	} v;
	int lineno;
	int octal;		/* a NUMBER written with a leading 0 */
} YYSTYPE;

static struct files	 files = TAILQ_HEAD_INITIALIZER(files);
static struct file	*file, *topfile;
static struct symhead	 symhead = TAILQ_HEAD_INITIALIZER(symhead);
static struct harness_conf *conf;
static struct conf_bundle *bundle_out;		/* record reads here */
static const unsigned char *bundle_in;		/* or read from here */
static size_t		 bundle_inlen;
static char		*errbuf;
static size_t		 errbuflen;
static int		 errors;
static const char	*ctx = "top level";
static char		 lasttok[64];
static int		 brace_depth;	/* { not yet closed, all files */
/*
 * The statement being lexed: how many tokens so far and its first word
 * when that is no keyword, for naming an unknown keyword at top level.
 */
static int		 stmt_begin = 1;
static int		 stmt_ntok;
static char		 stmt_word[64];
static int		 lex_failed;	/* last token: the lexer's ERROR */
static int		 expansions;	/* macro uses in this parse */
#define MAX_EXPANSIONS	10000

static struct conf_daemon *cur_daemon;
static struct conf_tool *cur_tool;
static struct conf_provider *cur_provider;
static struct conf_rule *cur_rule;
static struct conf_apikey *cur_key;
static struct conf_limits *cur_limits;
static struct conf_sock *cur_sock;
static enum daemon_id cur_daemon_id;

int		 yyparse(void);
static int	 yylex(void);
static int	 lex_token(void);
static int	 yyerror(const char *, ...)
		    __attribute__((__format__ (printf, 1, 2)));
static int	 kw_cmp(const void *, const void *);
static int	 lookup(char *);
static int	 lgetc(int);
static int	 lungetc(int);
static int	 findeol(void);
static struct file *pushfile(const char *, int);
static struct file *pushmacro(const char *, const char *);
static int	 popfile(void);
static int	 symset(const char *, const char *, int);
static char	*symget(const char *);
static void	 conf_init(struct harness_conf *);
static int	 conf_finish(struct harness_conf *);
static int	 sockets_distinct(struct harness_conf *);
static int	 strlist_add(struct conf_strlist *, char *);
static void	 strlist_free(struct conf_strlist *);
static int	 check_name(const char *, const char *);
static int	 set_str(char *, size_t, char **, const char *);
static void	 where_set(struct conf_where *);
static int	 parse_expires(const char *, time_t *);
static int	 decimal_ok(const char *);
static void	 tool_init(struct conf_tool *);
static struct conf_daemon *conf_daemon_rw(struct harness_conf *, enum daemon_id);
static int	 rule_add(enum conf_match_kind, char *, struct conf_strlist *);
static void	 errappend(const char *);
static int	 listen_room(void);
static int	 limit_set(uint64_t *, uint64_t);
%}

%token	ALLOW ANY APPROVER ARG AUDIENCE AUDITD BURST CACHE CGROUP CHROOT
%token	CODE COMMAND CONTROL CPU DEBUG DEFAULT DESCRIPTION ENGINE ENV
%token	EXPIRES FILE_ FILES FILESIZE GROUP HARNESSD HASH HEADER HITLD
%token	INCLUDE INTERVAL ISSUER JWT KEY KEYFILE LANGUAGE LIMITS LISTEN
%token	MAX MEMORY MODE MODEL NETWORK NONE ON OUTPUT OWNER PATH PLAINTEXT
%token	POLICY POOL PORT PROCESSES PROVIDER PUBLIC QUEUE QUOTA RATE READ
%token	REQUEST
%token	RISK RULE RUNDIR SANDBOX SANDBOXD SANDBOXES SCHEMA SEAL SECCOMP
%token	SECRET SHELL SIZE SOCKET STATEDIR TIME TIMEOUT TMP TOOL TOOLS TYPE
%token	URL USER VAULTD WORKSPACES WRITE ERROR
%token	<v.string>	STRING
%token	<v.number>	NUMBER
%type	<v.u64>		size duration
%type	<v.number>	decision level
%type	<v.list>	strlist strings
%type	<v.string>	string
%destructor	{ free($$); } <v.string>
%destructor	{ strlist_free(&$$); } <v.list>
%type	<v.number>	expires public

%%

grammar		: /* empty */
		| grammar include '\n'
		| grammar '\n'
		| grammar varset '\n'
		| grammar main '\n'
		| grammar section '\n'
		| grammar error '\n'
		;

include		: INCLUDE STRING		{
			struct file	*nfile;

			if ((nfile = pushfile($2, 0)) == NULL) {
				FREE_STR($2);
				YYERROR;
			}
			FREE_STR($2);
			/*
			 * What the lexer read past the name (the line's end,
			 * after an unquoted name) is this file's: it comes
			 * back when the included one ends.
			 */
			if (pushback_index > (int)sizeof(file->ahead)) {
				yyerror("include: too much text after the "
				    "file name");
				YYERROR;
			}
			memcpy(file->ahead, pushback_buffer,
			    (size_t)pushback_index);
			file->nahead = pushback_index;
			pushback_index = 0;
			file = nfile;
			/*
			 * The '\n' the rule still wants; the real one follows
			 * when the included file ends.  Lexing it counts a
			 * line of the new file, hence line 0.
			 */
			file->lineno = 0;
			lungetc('\n');
		}
		;

string		: string STRING			{
			if (asprintf(&$$, "%s %s", $1, $2) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
			FREE_STR($1);
			FREE_STR($2);
		}
		| STRING
		;

varset		: STRING '=' string		{
			char *s = $1;
			for (; *s; s++)
				if (!isalnum((unsigned char)*s) && *s != '_') {
					yyerror("macro name may contain only "
					    "letters, digits and '_'");
					FREE_STR($1);
					FREE_STR($3);
					YYERROR;
				}
			if (symset($1, $3, 0) == -1) {
				yyerror("cannot store macro");
				FREE_STR($1);
				FREE_STR($3);
				YYERROR;
			}
			FREE_STR($1);
			FREE_STR($3);
		}
		;

optnl		: '\n' optnl
		| /* empty */
		;

size		: NUMBER			{
			if ($1 < 0) {
				yyerror("expected a size, got a negative "
				    "number");
				YYERROR;
			}
			$$ = (uint64_t)$1;
		}
		| STRING			{
			if (conf_parse_size($1, &$$) == -1) {
				yyerror("expected a size like 512K, 64M or "
				    "2G, got '%s'", $1);
				FREE_STR($1);
				YYERROR;
			}
			FREE_STR($1);
		}
		;

duration	: NUMBER			{
			if ($1 < 0 || $1 > INT32_MAX) {
				yyerror("expected a duration, got %lld",
				    (long long)$1);
				YYERROR;
			}
			$$ = (uint64_t)$1 * 1000;
		}
		| STRING			{
			if (conf_parse_duration($1, &$$) == -1) {
				yyerror("expected a duration like 500ms, "
				    "30s, 5m or 1h, got '%s'", $1);
				FREE_STR($1);
				YYERROR;
			}
			FREE_STR($1);
		}
		;

decision	: ALLOW				{ $$ = DECIDE_ALLOW; }
		| STRING			{
			if (strcmp($1, "ask") == 0)
				$$ = DECIDE_ASK;
			else if (strcmp($1, "deny") == 0)
				$$ = DECIDE_DENY;
			else {
				yyerror("expected allow, ask or deny, got "
				    "'%s'", $1);
				FREE_STR($1);
				YYERROR;
			}
			FREE_STR($1);
		}
		;

level		: STRING			{
			if (strcmp($1, "low") == 0)
				$$ = 0;
			else if (strcmp($1, "medium") == 0)
				$$ = 1;
			else if (strcmp($1, "high") == 0)
				$$ = 2;
			else if (strcmp($1, "critical") == 0)
				$$ = 3;
			else {
				yyerror("expected a risk level (low, medium, "
				    "high, critical), got '%s'", $1);
				FREE_STR($1);
				YYERROR;
			}
			FREE_STR($1);
		}
		;

strlist		: STRING			{
			memset(&$$, 0, sizeof($$));
			if (strlist_add(&$$, STEAL($1)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
		| '{' optnl strings '}'		{ $$ = $3; }
		;

strings		: STRING optcomma optnl		{
			memset(&$$, 0, sizeof($$));
			if (strlist_add(&$$, STEAL($1)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
		| strings STRING optcomma optnl	{
			$$ = $1;
			if (strlist_add(&$$, STEAL($2)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
		;

optcomma	: ','
		| /* empty */
		;

main		: RUNDIR STRING			{
			if ($2[0] != '/') {
				yyerror("rundir must be an absolute path");
				YYERROR;
			}
			if (set_str(conf->rundir, sizeof(conf->rundir), &$2,
			    "rundir") == -1)
				YYERROR;
		}
		| STATEDIR STRING		{
			if ($2[0] != '/') {
				yyerror("statedir must be an absolute path");
				YYERROR;
			}
			if (set_str(conf->statedir, sizeof(conf->statedir),
			    &$2, "statedir") == -1)
				YYERROR;
		}
		| SECCOMP DEBUG			{ conf->seccomp_debug = 1; }
		| SECCOMP STRING		{
			if (strcmp($2, "kill") != 0) {
				yyerror("expected 'seccomp kill' or "
				    "'seccomp debug'");
				FREE_STR($2);
				YYERROR;
			}
			FREE_STR($2);
			conf->seccomp_debug = 0;
		}
		;

section		: HARNESSD			{
			ctx = "harnessd";
			cur_daemon = &conf->harnessd.d;
			cur_daemon_id = D_HARNESSD;
		} '{' optnl harnessd_opts '}'	{ ctx = "top level"; }
		| SANDBOXD			{
			ctx = "sandboxd";
			cur_daemon = &conf->sandboxd.d;
			cur_daemon_id = D_SANDBOXD;
		} '{' optnl sandboxd_opts '}'	{ ctx = "top level"; }
		| VAULTD			{
			ctx = "vaultd";
			cur_daemon = &conf->vaultd.d;
			cur_daemon_id = D_VAULTD;
		} '{' optnl vaultd_opts '}'	{ ctx = "top level"; }
		| AUDITD			{
			ctx = "auditd";
			cur_daemon = &conf->auditd.d;
			cur_daemon_id = D_AUDITD;
		} '{' optnl auditd_opts '}'	{ ctx = "top level"; }
		| HITLD				{
			ctx = "hitld";
			cur_daemon = &conf->hitld.d;
			cur_daemon_id = D_HITLD;
		} '{' optnl hitld_opts '}'	{ ctx = "top level"; }
		| TOOL STRING			{
			ctx = "tool";
			if (check_name($2, "tool") == -1) {
				FREE_STR($2);
				YYERROR;
			}
			if (conf_tool_reserved($2) != NULL) {
				yyerror("tool name '%s' is reserved: %s", $2,
				    conf_tool_reserved($2));
				FREE_STR($2);
				YYERROR;
			}
			if (conf_tool_find(conf, $2) != NULL) {
				yyerror("tool '%s' defined twice", $2);
				FREE_STR($2);
				YYERROR;
			}
			if ((cur_tool = calloc(1, sizeof(*cur_tool))) ==
			    NULL) {
				yyerror("out of memory");
				FREE_STR($2);
				YYERROR;
			}
			tool_init(cur_tool);
			strlcpy(cur_tool->name, $2, sizeof(cur_tool->name));
			strlcpy(cur_tool->file, file->name,
			    sizeof(cur_tool->file));
			cur_tool->line = yylval.lineno;
			FREE_STR($2);
			TAILQ_INSERT_TAIL(&conf->tools, cur_tool, entry);
		} '{' optnl tool_opts '}'	{
			ctx = "top level";
			cur_tool = NULL;
		}
		| PROVIDER STRING		{
			struct conf_provider *p;

			ctx = "provider";
			if (check_name($2, "provider") == -1) {
				FREE_STR($2);
				YYERROR;
			}
			TAILQ_FOREACH(p, &conf->providers, entry)
				if (strcmp(p->name, $2) == 0) {
					yyerror("provider '%s' defined twice",
					    $2);
					FREE_STR($2);
					YYERROR;
				}
			if ((cur_provider = calloc(1, sizeof(*p))) == NULL) {
				yyerror("out of memory");
				FREE_STR($2);
				YYERROR;
			}
			strlcpy(cur_provider->name, $2,
			    sizeof(cur_provider->name));
			cur_provider->timeout_ms = 120 * 1000;
			FREE_STR($2);
			TAILQ_INSERT_TAIL(&conf->providers, cur_provider,
			    entry);
		} '{' optnl provider_opts '}'	{
			ctx = "top level";
			if (cur_provider->type[0] == '\0') {
				yyerror("provider '%s' needs a type",
				    cur_provider->name);
				YYERROR;
			}
		}
		| RULE STRING			{
			struct conf_rule *r;

			ctx = "rule";
			if (check_name($2, "rule") == -1) {
				FREE_STR($2);
				YYERROR;
			}
			TAILQ_FOREACH(r, &conf->rules, entry)
				if (strcmp(r->name, $2) == 0) {
					yyerror("rule '%s' defined twice", $2);
					FREE_STR($2);
					YYERROR;
				}
			if ((cur_rule = calloc(1, sizeof(*r))) == NULL) {
				yyerror("out of memory");
				FREE_STR($2);
				YYERROR;
			}
			strlcpy(cur_rule->name, $2, sizeof(cur_rule->name));
			strlcpy(cur_rule->file, file->name,
			    sizeof(cur_rule->file));
			cur_rule->line = yylval.lineno;
			cur_rule->level = -1;
			TAILQ_INIT(&cur_rule->matches);
			FREE_STR($2);
			TAILQ_INSERT_TAIL(&conf->rules, cur_rule, entry);
		} '{' optnl rule_opts '}'	{
			ctx = "top level";
			if (cur_rule->level == -1) {
				yyerror("rule '%s' needs a risk level",
				    cur_rule->name);
				YYERROR;
			}
			if (TAILQ_EMPTY(&cur_rule->matches)) {
				yyerror("rule '%s' matches nothing: give "
				    "tool, command, arg, path or network",
				    cur_rule->name);
				YYERROR;
			}
		}
		;

daemon_opt	: USER STRING			{
			if (check_name($2, "user") == -1 ||
			    set_str(cur_daemon->user, sizeof(cur_daemon->user),
			    &$2, "user") == -1)
				YYERROR;
			where_set(&cur_daemon->user_at);
		}
		| CHROOT STRING			{
			if ($2[0] != '/') {
				yyerror("chroot must be an absolute path");
				FREE_STR($2);
				YYERROR;
			}
			if (set_str(cur_daemon->chroot,
			    sizeof(cur_daemon->chroot), &$2, "chroot") == -1)
				YYERROR;
		}
		| CONTROL SOCKET STRING		{
			if ($3[0] != '/') {
				yyerror("control socket must be an absolute "
				    "path");
				FREE_STR($3);
				YYERROR;
			}
			if (set_str(cur_daemon->control.path,
			    sizeof(cur_daemon->control.path), &$3,
			    "control socket") == -1)
				YYERROR;
		}
		;

sockopts	: /* empty */
		| sockopts sockopt
		;

sockopt		: OWNER STRING			{
			if (check_name($2, "user") == -1 ||
			    set_str(cur_sock->owner, sizeof(cur_sock->owner),
			    &$2, "owner") == -1)
				YYERROR;
			where_set(&cur_sock->at);
		}
		| GROUP STRING			{
			if (check_name($2, "group") == -1 ||
			    set_str(cur_sock->group, sizeof(cur_sock->group),
			    &$2, "group") == -1)
				YYERROR;
			where_set(&cur_sock->at);
		}
		| MODE NUMBER			{
			int64_t	 m = $2;
			char	 digits[32], *ep;

			/*
			 * A mode is octal however it is written: 660 is
			 * 0660, as for chmod(1), never decimal 660.
			 */
			if (!$<octal>2 && m >= 0) {
				snprintf(digits, sizeof(digits), "%lld",
				    (long long)m);
				m = strtoll(digits, &ep, 8);
				if (*ep != '\0')
					m = -1;
			}
			if (m < 0 || m > 0777) {
				yyerror("mode must be octal, 0 to 0777");
				YYERROR;
			}
			cur_sock->mode = (mode_t)m;
		}
		;

limits		: '{' optnl limit_opts '}'
		;

limit_opts	: /* empty */
		| limit_opts limit_opt optnl
		;

limit_opt	: TIME duration			{
			if (limit_set(&cur_limits->wall_ms, $2) == -1)
				YYERROR;
		}
		| CPU duration			{
			if (limit_set(&cur_limits->cpu_ms, $2) == -1)
				YYERROR;
		}
		| MEMORY size			{
			if (limit_set(&cur_limits->memory, $2) == -1)
				YYERROR;
		}
		| PROCESSES NUMBER		{
			if (limit_set(&cur_limits->procs, $2 < 0 ? 0 :
			    (uint64_t)$2) == -1)
				YYERROR;
		}
		| OUTPUT size			{
			if (limit_set(&cur_limits->output, $2) == -1)
				YYERROR;
		}
		| FILESIZE size			{
			if (limit_set(&cur_limits->fsize, $2) == -1)
				YYERROR;
		}
		| FILES NUMBER			{
			if (limit_set(&cur_limits->nofile, $2 < 0 ? 0 :
			    (uint64_t)$2) == -1)
				YYERROR;
		}
		| TMP size			{
			if (limit_set(&cur_limits->tmp, $2) == -1)
				YYERROR;
		}
		;

harnessd_opts	: /* empty */
		| harnessd_opts harnessd_opt optnl
		;

harnessd_opt	: daemon_opt
		| ENGINE CHROOT STRING		{
			if ($3[0] != '/') {
				yyerror("engine chroot must be an absolute "
				    "path");
				FREE_STR($3);
				YYERROR;
			}
			if (set_str(conf->harnessd.engine_chroot,
			    sizeof(conf->harnessd.engine_chroot), &$3,
			    "engine chroot") == -1)
				YYERROR;
		}
		| LISTEN ON STRING		{
			struct conf_listen *l;

			if (listen_room() == -1) {
				FREE_STR($3);
				YYERROR;
			}
			if ($3[0] != '/') {
				yyerror("listen on a Unix socket needs an "
				    "absolute path; for TCP say 'listen on "
				    "ADDRESS port N'");
				FREE_STR($3);
				YYERROR;
			}
			if ((l = calloc(1, sizeof(*l))) == NULL) {
				yyerror("out of memory");
				FREE_STR($3);
				YYERROR;
			}
			l->type = LISTEN_UNIX;
			l->sock.mode = 0660;
			if (set_str(l->sock.path, sizeof(l->sock.path), &$3,
			    "listen") == -1) {
				free(l);
				YYERROR;
			}
			TAILQ_INSERT_TAIL(&conf->harnessd.listens, l, entry);
			cur_sock = &l->sock;
		} sockopts
		| LISTEN ON STRING PORT NUMBER public	{
			int	 rc = tcp_listen($3, $5, $6);

			FREE_STR($3);
			if (rc == -1)
				YYERROR;
		}
		| LISTEN ON PORT NUMBER		{
			if (tcp_listen("127.0.0.1", $4, 0) == -1)
				YYERROR;
		}
		| ALLOW USER STRING		{
			struct conf_peer_allow *a;

			if (check_name($3, "user") == -1)
				YYERROR;
			if ((a = calloc(1, sizeof(*a))) == NULL) {
				yyerror("out of memory");
				FREE_STR($3);
				YYERROR;
			}
			if (set_str(a->name, sizeof(a->name), &$3, "user")
			    == -1) {
				free(a);
				YYERROR;
			}
			where_set(&a->at);
			TAILQ_INSERT_TAIL(&conf->harnessd.allows, a, entry);
		}
		| ALLOW GROUP STRING		{
			struct conf_peer_allow *a;

			if (check_name($3, "group") == -1)
				YYERROR;
			if ((a = calloc(1, sizeof(*a))) == NULL) {
				yyerror("out of memory");
				FREE_STR($3);
				YYERROR;
			}
			a->is_group = 1;
			if (set_str(a->name, sizeof(a->name), &$3, "group")
			    == -1) {
				free(a);
				YYERROR;
			}
			where_set(&a->at);
			TAILQ_INSERT_TAIL(&conf->harnessd.allows, a, entry);
		}
		| KEY STRING			{
			struct conf_apikey *k;

			if (check_name($2, "key") == -1) {
				FREE_STR($2);
				YYERROR;
			}
			TAILQ_FOREACH(k, &conf->harnessd.keys, entry)
				if (strcmp(k->name, $2) == 0) {
					yyerror("key '%s' defined twice", $2);
					FREE_STR($2);
					YYERROR;
				}
			if ((cur_key = calloc(1, sizeof(*k))) == NULL) {
				yyerror("out of memory");
				FREE_STR($2);
				YYERROR;
			}
			strlcpy(cur_key->name, $2, sizeof(cur_key->name));
			FREE_STR($2);
			TAILQ_INSERT_TAIL(&conf->harnessd.keys, cur_key,
			    entry);
			ctx = "key";
		} '{' optnl key_opts '}'	{
			struct conf_apikey *k;

			ctx = "harnessd";
			if (cur_key->hash[0] == '\0') {
				yyerror("key '%s' needs a hash",
				    cur_key->name);
				cur_key = NULL;
				YYERROR;
			}
			/* One key, one name: else the audit trail lies. */
			TAILQ_FOREACH(k, &conf->harnessd.keys, entry)
				if (k != cur_key &&
				    strcmp(k->hash, cur_key->hash) == 0) {
					yyerror("keys '%s' and '%s' have the "
					    "same hash", k->name,
					    cur_key->name);
					cur_key = NULL;
					YYERROR;
				}
			cur_key = NULL;
		}
		| JWT SECRET STRING		{
			if (check_name($3, "secret") == -1 ||
			    set_str(conf->harnessd.jwt_secret,
			    sizeof(conf->harnessd.jwt_secret), &$3,
			    "jwt secret") == -1)
				YYERROR;
		} jwt_opts
		| MAX REQUEST SIZE size		{
			if ($4 < 1024 || $4 > (1ULL << 30)) {
				yyerror("max request size must be 1K to 1G");
				YYERROR;
			}
			conf->harnessd.max_body = $4;
		}
		| MAX HEADER SIZE size		{
			if ($4 < 1024 || $4 > (1ULL << 20)) {
				yyerror("max header size must be 1K to 1M");
				YYERROR;
			}
			conf->harnessd.max_header = $4;
		}
		| TIMEOUT duration		{
			if ($2 < 1000 || $2 > 24 * 3600 * 1000ULL) {
				yyerror("client timeout must be 1s to 24h");
				YYERROR;
			}
			conf->harnessd.client_timeout_ms = $2;
		}
		| RATE ratenum BURST NUMBER	{
			if ($4 < 1 || $4 > 1000000) {
				yyerror("burst must be 1 to 1000000");
				YYERROR;
			}
			conf->harnessd.burst = (uint32_t)$4;
		}
		| QUOTA NUMBER			{
			if ($2 < 0) {
				yyerror("quota must not be negative");
				YYERROR;
			}
			conf->harnessd.quota = (uint64_t)$2;
		}
		;

ratenum		: NUMBER			{
			if ($1 < 0 || $1 > 1000000) {
				yyerror("rate must be 0 to 1000000");
				YYERROR;
			}
			if (cur_key != NULL)
				cur_key->rate = (double)$1;
			else
				conf->harnessd.rate = (double)$1;
		}
		| STRING			{
			char	*ep;
			double	 d;

			errno = 0;
			d = strtod($1, &ep);
			/* Digits, with a fraction: no nan, inf, 0x or 1e3. */
			if (!decimal_ok($1) || errno != 0 || *ep != '\0' ||
			    !(d >= 0 && d <= 1000000)) {
				yyerror("expected a rate in requests per "
				    "second, got '%s'", $1);
				FREE_STR($1);
				YYERROR;
			}
			FREE_STR($1);
			if (cur_key != NULL)
				cur_key->rate = d;
			else
				conf->harnessd.rate = d;
		}
		;

jwt_opts	: /* empty */
		| jwt_opts AUDIENCE STRING	{
			if (set_str(conf->harnessd.jwt_audience,
			    sizeof(conf->harnessd.jwt_audience), &$3,
			    "audience") == -1)
				YYERROR;
		}
		| jwt_opts ISSUER STRING	{
			if (set_str(conf->harnessd.jwt_issuer,
			    sizeof(conf->harnessd.jwt_issuer), &$3,
			    "issuer") == -1)
				YYERROR;
		}
		;

key_opts	: /* empty */
		| key_opts key_opt optnl
		;

key_opt		: HASH STRING			{
			size_t	 i;

			if (strncmp($2, "sha256:", 7) != 0 ||
			    strlen($2) != 7 + 64) {
				yyerror("key hash must be 'sha256:' and 64 "
				    "hex digits (printf %%s KEY | sha256sum)");
				FREE_STR($2);
				YYERROR;
			}
			for (i = 7; $2[i] != '\0'; i++) {
				if (!isxdigit((unsigned char)$2[i])) {
					yyerror("key hash must be hex");
					FREE_STR($2);
					YYERROR;
				}
				/* sha256sum prints lower case; so do we. */
				$2[i] = (char)tolower((unsigned char)$2[i]);
			}
			strlcpy(cur_key->hash, $2, sizeof(cur_key->hash));
			FREE_STR($2);
		}
		| TOOLS strlist			{
			strlist_free(&cur_key->tools);
			cur_key->tools = $2;
		}
		| RATE ratenum			
		| BURST NUMBER			{
			if ($2 < 1 || $2 > 1000000) {
				yyerror("burst must be 1 to 1000000");
				YYERROR;
			}
			cur_key->burst = (uint32_t)$2;
		}
		| QUOTA NUMBER			{
			if ($2 < 0) {
				yyerror("quota must not be negative");
				YYERROR;
			}
			cur_key->quota = (uint64_t)$2;
		}
		;

sandboxd_opts	: /* empty */
		| sandboxd_opts sandboxd_opt optnl
		;

sandboxd_opt	: daemon_opt
		| MAX SANDBOXES NUMBER		{
			if ($3 < 1 || $3 > 4096) {
				yyerror("max sandboxes must be 1 to 4096");
				YYERROR;
			}
			conf->sandboxd.max_sandboxes = (uint32_t)$3;
		}
		| QUEUE NUMBER			{
			if ($2 < 0 || $2 > 65536) {
				yyerror("queue must be 0 to 65536");
				YYERROR;
			}
			conf->sandboxd.queue = (uint32_t)$2;
		}
		| POOL NUMBER			{
			if ($2 < 0 || $2 > 1024) {
				yyerror("pool must be 0 to 1024");
				YYERROR;
			}
			conf->sandboxd.pool = (uint32_t)$2;
		}
		| WORKSPACES STRING		{
			if ($2[0] != '/') {
				yyerror("workspaces must be an absolute path");
				FREE_STR($2);
				YYERROR;
			}
			if (set_str(conf->sandboxd.workspaces,
			    sizeof(conf->sandboxd.workspaces), &$2,
			    "workspaces") == -1)
				YYERROR;
		}
		| SANDBOX USER STRING		{
			if (check_name($3, "user") == -1 ||
			    set_str(conf->sandboxd.sandbox_user,
			    sizeof(conf->sandboxd.sandbox_user), &$3,
			    "sandbox user") == -1)
				YYERROR;
			where_set(&conf->sandboxd.sandbox_user_at);
		}
		| CGROUP STRING			{
			size_t	 l = strlen($2);

			/*
			 * Everything below it is killed at start: never a
			 * cgroup of systemd's (system.slice, init.scope).
			 */
			if ((l > 6 && strcmp($2 + l - 6, ".slice") == 0) ||
			    (l > 6 && strcmp($2 + l - 6, ".scope") == 0) ||
			    (l > 8 && strcmp($2 + l - 8, ".service") == 0)) {
				yyerror("cgroup '%s' looks like one of "
				    "systemd's: sandboxd kills everything "
				    "below its cgroup at start", $2);
				FREE_STR($2);
				YYERROR;
			}
			if (check_name($2, "cgroup") == -1 ||
			    set_str(conf->sandboxd.cgroup,
			    sizeof(conf->sandboxd.cgroup), &$2, "cgroup") == -1)
				YYERROR;
		}
		| LIMITS			{
			cur_limits = &conf->sandboxd.limits;
			ctx = "limits";
		} limits			{ ctx = "sandboxd"; }
		| MAX LIMITS			{
			cur_limits = &conf->sandboxd.max_limits;
			ctx = "limits";
		} limits			{ ctx = "sandboxd"; }
		;

vaultd_opts	: /* empty */
		| vaultd_opts vaultd_opt optnl
		;

vaultd_opt	: daemon_opt
		| KEYFILE STRING		{
			if ($2[0] != '/') {
				yyerror("keyfile must be an absolute path");
				FREE_STR($2);
				YYERROR;
			}
			if (set_str(conf->vaultd.keyfile,
			    sizeof(conf->vaultd.keyfile), &$2, "keyfile") == -1)
				YYERROR;
		}
		| ALLOW PLAINTEXT READ		{ conf->vaultd.allow_read = 1; }
		;

auditd_opts	: /* empty */
		| auditd_opts auditd_opt optnl
		;

auditd_opt	: daemon_opt
		| SEAL INTERVAL duration	{
			if ($3 < 100 || $3 > 3600 * 1000) {
				yyerror("seal interval must be 100ms to 1h");
				YYERROR;
			}
			conf->auditd.seal_interval_ms = $3;
		}
		| ALLOW USER STRING		{
			if (check_name($3, "user") == -1)
				YYERROR;
			if (strlist_add(&conf->auditd.producers, STEAL($3)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
		;

hitld_opts	: /* empty */
		| hitld_opts hitld_opt optnl
		;

hitld_opt	: daemon_opt
		| APPROVER SOCKET STRING	{
			if ($3[0] != '/') {
				yyerror("approver socket must be an absolute "
				    "path");
				FREE_STR($3);
				YYERROR;
			}
			if (set_str(conf->hitld.approver.path,
			    sizeof(conf->hitld.approver.path), &$3,
			    "approver socket") == -1)
				YYERROR;
			cur_sock = &conf->hitld.approver;
		} sockopts
		| TIMEOUT duration		{
			if ($2 < 1000 || $2 > 24 * 3600 * 1000ULL) {
				yyerror("approval timeout must be 1s to 24h");
				YYERROR;
			}
			conf->hitld.timeout_ms = $2;
		}
		| POLICY level decision		{
			conf->hitld.policy[$2] = (enum conf_decision)$3;
		}
		| DEFAULT decision		{
			conf->hitld.nomatch = (enum conf_decision)$2;
		}
		;

tool_opts	: /* empty */
		| tool_opts tool_opt optnl
		;

tool_opt	: DESCRIPTION STRING		{
			free(cur_tool->description);
			cur_tool->description = $2;
		}
		| COMMAND strlist		{
			strlist_free(&cur_tool->command);
			cur_tool->command = $2;
		}
		| LANGUAGE STRING		{
			if (strcmp($2, "sh") != 0 && strcmp($2, "bash") != 0 &&
			    strcmp($2, "python3") != 0) {
				yyerror("language must be sh, bash or "
				    "python3, got '%s'", $2);
				FREE_STR($2);
				YYERROR;
			}
			strlcpy(cur_tool->language, $2,
			    sizeof(cur_tool->language));
			FREE_STR($2);
		}
		| CODE STRING			{
			free(cur_tool->code);
			cur_tool->code = $2;
		}
		| SCHEMA STRING			{
			struct json_object *o;
			struct jsonschema *js;
			char		 why[400];

			o = json_tokener_parse($2);
			if (o == NULL ||
			    !json_object_is_type(o, json_type_object)) {
				yyerror("schema of tool '%s' is not a JSON "
				    "object", cur_tool->name);
				json_object_put(o);
				FREE_STR($2);
				YYERROR;
			}
			/* What harnessd would refuse at start: say so now. */
			if ((js = jsonschema_compile(o, why, sizeof(why))) ==
			    NULL || !jsonschema_takes_object(o)) {
				yyerror("schema of tool '%s': %s",
				    cur_tool->name, js == NULL ? why : "a "
				    "tool's arguments are a JSON object, and its "
				    "type does not allow one");
				jsonschema_free(js);
				json_object_put(o);
				FREE_STR($2);
				YYERROR;
			}
			jsonschema_free(js);
			json_object_put(o);
			free(cur_tool->schema);
			cur_tool->schema = $2;
		}
		| SHELL STRING			{
			if (set_str(cur_tool->shell_arg,
			    sizeof(cur_tool->shell_arg), &$2, "shell") == -1)
				YYERROR;
		}
		| LIMITS			{
			cur_limits = &cur_tool->limits;
			ctx = "limits";
		} limits			{ ctx = "tool"; }
		| NETWORK NONE			{
			strlcpy(cur_tool->network, "none",
			    sizeof(cur_tool->network));
		}
		| NETWORK ANY			{
			strlcpy(cur_tool->network, "any",
			    sizeof(cur_tool->network));
		}
		| NETWORK STRING		{
			if (set_str(cur_tool->network,
			    sizeof(cur_tool->network), &$2, "network") == -1)
				YYERROR;
		}
		| SECRET STRING ENV STRING expires {
			struct conf_grant *g;

			if (check_name($2, "secret") == -1 ||
			    check_name($4, "environment variable") == -1) {
				FREE_STR($2);
				FREE_STR($4);
				YYERROR;
			}
			if ((g = calloc(1, sizeof(*g))) == NULL) {
				yyerror("out of memory");
				FREE_STR($2);
				FREE_STR($4);
				YYERROR;
			}
			strlcpy(g->secret, $2, sizeof(g->secret));
			strlcpy(g->env, $4, sizeof(g->env));
			g->expires = (time_t)$5;
			FREE_STR($2);
			FREE_STR($4);
			TAILQ_INSERT_TAIL(&cur_tool->grants, g, entry);
		}
		| SECRET STRING FILE_ STRING expires {
			struct conf_grant *g;

			if (check_name($2, "secret") == -1 ||
			    check_name($4, "secret file") == -1) {
				FREE_STR($2);
				FREE_STR($4);
				YYERROR;
			}
			if ((g = calloc(1, sizeof(*g))) == NULL) {
				yyerror("out of memory");
				FREE_STR($2);
				FREE_STR($4);
				YYERROR;
			}
			strlcpy(g->secret, $2, sizeof(g->secret));
			strlcpy(g->file, $4, sizeof(g->file));
			g->expires = (time_t)$5;
			FREE_STR($2);
			FREE_STR($4);
			TAILQ_INSERT_TAIL(&cur_tool->grants, g, entry);
		}
		| CACHE duration		{ cur_tool->cache_ttl_ms = $2; }
		;

public		: /* empty */		{ $$ = 0; }
		| PUBLIC		{ $$ = 1; }
		;

expires		: /* empty */			{ $$ = 0; }
		| EXPIRES STRING		{
			time_t	 t;

			if (parse_expires($2, &t) == -1) {
				yyerror("expected a date like 2027-01-31 or "
				    "2027-01-31T12:00:00Z, got '%s'", $2);
				FREE_STR($2);
				YYERROR;
			}
			FREE_STR($2);
			$$ = (int64_t)t;
		}
		;

provider_opts	: /* empty */
		| provider_opts provider_opt optnl
		;

provider_opt	: TYPE STRING			{
			if (strcmp($2, "openai") != 0 &&
			    strcmp($2, "anthropic") != 0 &&
			    strcmp($2, "ollama") != 0) {
				yyerror("provider type must be openai, "
				    "anthropic or ollama, got '%s'", $2);
				FREE_STR($2);
				YYERROR;
			}
			strlcpy(cur_provider->type, $2,
			    sizeof(cur_provider->type));
			FREE_STR($2);
		}
		| URL STRING			{
			if (strncmp($2, "http://", 7) != 0 &&
			    strncmp($2, "https://", 8) != 0) {
				yyerror("url must start with http:// or "
				    "https://");
				FREE_STR($2);
				YYERROR;
			}
			if (set_str(cur_provider->url,
			    sizeof(cur_provider->url), &$2, "url") == -1)
				YYERROR;
		}
		| MODEL STRING			{
			if (set_str(cur_provider->model,
			    sizeof(cur_provider->model), &$2, "model") == -1)
				YYERROR;
		}
		| KEY SECRET STRING		{
			if (check_name($3, "secret") == -1 ||
			    set_str(cur_provider->key_secret,
			    sizeof(cur_provider->key_secret), &$3,
			    "key secret") == -1)
				YYERROR;
		}
		| TIMEOUT duration		{ cur_provider->timeout_ms = $2; }
		;

rule_opts	: /* empty */
		| rule_opts rule_opt optnl
		;

rule_opt	: TOOL strlist			{
			if (rule_add(MATCH_TOOL, NULL, &$2) == -1)
				YYERROR;
		}
		| COMMAND strlist		{
			if (rule_add(MATCH_COMMAND, NULL, &$2) == -1)
				YYERROR;
		}
		| ARG STRING strlist		{
			if ($2[0] != '$') {
				yyerror("arg needs a JSON path like $.url, "
				    "got '%s'", $2);
				FREE_STR($2);
				strlist_free(&$3);
				YYERROR;
			}
			if (rule_add(MATCH_ARG, STEAL($2), &$3) == -1)
				YYERROR;
		}
		| PATH strlist			{
			if (rule_add(MATCH_PATH, NULL, &$2) == -1)
				YYERROR;
		}
		| PATH WRITE strlist		{
			if (rule_add(MATCH_PATH, NULL, &$3) == -1)
				YYERROR;
			TAILQ_LAST(&cur_rule->matches, conf_matches)->write = 1;
		}
		| NETWORK strlist		{
			if (rule_add(MATCH_NETWORK, NULL, &$2) == -1)
				YYERROR;
		}
		| NETWORK ANY			{
			struct conf_strlist l;

			memset(&l, 0, sizeof(l));
			if (strlist_add(&l, strdup("any")) == -1 ||
			    rule_add(MATCH_NETWORK, NULL, &l) == -1)
				YYERROR;
		}
		| NETWORK NONE			{
			struct conf_strlist l;

			memset(&l, 0, sizeof(l));
			if (strlist_add(&l, strdup("none")) == -1 ||
			    rule_add(MATCH_NETWORK, NULL, &l) == -1)
				YYERROR;
		}
		| RISK level			{
			if (cur_rule->level != -1) {
				yyerror("rule '%s' gives risk twice",
				    cur_rule->name);
				YYERROR;
			}
			cur_rule->level = (int)$2;
		}
		;

%%


struct keywords {
	const char	*k_name;
	int		 k_val;
};

/* What each context accepts, for "expected ..." in syntax errors. */
static const struct {
	const char	*ctx;
	const char	*expect;
} expects[] = {
	{ "top level", "rundir, statedir, seccomp, include, a macro "
	    "(name = \"value\"), or a section: harnessd, sandboxd, vaultd, "
	    "auditd, hitld, tool, provider, rule" },
	{ "harnessd", "user, chroot, engine chroot, control socket, "
	    "listen on, allow user, allow group, key, jwt secret, "
	    "max request size, max header size, timeout, rate, quota" },
	{ "sandboxd", "user, chroot, control socket, max sandboxes, queue, "
	    "pool, workspaces, sandbox user, cgroup, limits, max limits" },
	{ "vaultd", "user, chroot, control socket, keyfile, "
	    "allow plaintext read" },
	{ "auditd", "user, chroot, control socket, seal interval, "
	    "allow user" },
	{ "hitld", "user, chroot, control socket, approver socket, "
	    "timeout, policy LEVEL DECISION, default DECISION" },
	{ "tool", "description, command, language, code, schema, shell, "
	    "limits, network, secret, cache" },
	{ "provider", "type, url, model, key secret, timeout" },
	{ "rule", "tool, command, arg, path, path write, network, risk" },
	{ "limits", "time, cpu, memory, processes, output, filesize, "
	    "files, tmp" },
	{ "key", "hash, tools, rate, burst, quota" },
};

static void
errappend(const char *line)
{
	if (errbuf == NULL || errbuflen == 0)
		return;
	if (errbuf[0] != '\0')
		strlcat(errbuf, "\n", errbuflen);
	strlcat(errbuf, line, errbuflen);
}

/* harnessd takes at most CONF_MAX_LISTEN listeners: refuse one more. */
static int
listen_room(void)
{
	struct conf_listen *l;
	int		 n = 0;

	TAILQ_FOREACH(l, &conf->harnessd.listens, entry)
		n++;
	if (n >= CONF_MAX_LISTEN) {
		yyerror("too many listeners (at most %d)", CONF_MAX_LISTEN);
		return -1;
	}
	return 0;
}

/* dst, a member of cur_limits, to v: conf_limit_check() says what. */
static int
limit_set(uint64_t *dst, uint64_t v)
{
	char	 msg[128];

	if (conf_limit_check((size_t)(dst - &cur_limits->wall_ms), v, msg,
	    sizeof(msg)) == -1) {
		yyerror("%s", msg);
		return -1;
	}
	*dst = v;
	return 0;
}

/* A loopback address: 127/8, ::1, or 127/8 mapped into IPv6. */
static int
is_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in6 *s6;

	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.
		    s_addr) >> 24) == 127;
	if (sa->sa_family != AF_INET6)
		return 0;
	s6 = (const struct sockaddr_in6 *)sa;
	if (IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr))
		return 1;
	return IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr) &&
	    s6->sin6_addr.s6_addr[12] == 127;
}

/*
 * listen on ADDRESS port N [public]: TCP is for the loopback unless the
 * administrator says "public" (agents elsewhere then need API keys or
 * tokens, as every TCP client does).
 */
static int
tcp_listen(const char *host, long long portnum, int public)
{
	struct conf_listen *l;
	struct addrinfo	 hints, *res;
	char		 port[8];
	int		 rc;

	if (listen_room() == -1)
		return -1;
	if (portnum < 1 || portnum > 65535) {
		yyerror("port must be 1 to 65535");
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	snprintf(port, sizeof(port), "%lld", portnum);
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		yyerror("listen on '%s': expected a numeric IPv4 or IPv6 "
		    "address", host);
		return -1;
	}
	if (!public && !is_loopback(res->ai_addr)) {
		freeaddrinfo(res);
		yyerror("listen on '%s' port %lld: not a loopback address; "
		    "to accept agents from the network say 'public' after "
		    "the port", host, portnum);
		return -1;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL) {
		freeaddrinfo(res);
		yyerror("out of memory");
		return -1;
	}
	l->type = LISTEN_TCP;
	strlcpy(l->host, host, sizeof(l->host));
	l->port = (uint16_t)portnum;
	l->public = public;
	memcpy(&l->ss, res->ai_addr, res->ai_addrlen);
	l->sslen = res->ai_addrlen;
	freeaddrinfo(res);
	TAILQ_INSERT_TAIL(&conf->harnessd.listens, l, entry);
	return 0;
}

static int
yyerror(const char *fmt, ...)
{
	char		 msg[1024], shown[1024], line[1400];
	va_list		 ap;
	size_t		 i, n;
	int		 c;
	const char	*expect = NULL, *near;

	errors++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (strcmp(msg, "syntax error") == 0) {
		/*
		 * The lexer already said what was wrong with the line (an
		 * undefined macro, a string too long): the ERROR token it
		 * returned is no second error.
		 */
		if (lex_failed)
			return 0;
		for (i = 0; i < sizeof(expects) / sizeof(expects[0]); i++)
			if (strcmp(expects[i].ctx, ctx) == 0)
				expect = expects[i].expect;
		/*
		 * At top level a line may start with any word, as a macro
		 * name: when the next token does not fit, the word was
		 * meant as a keyword, and that is what to name.
		 */
		if (strcmp(ctx, "top level") == 0 && stmt_ntok == 2 &&
		    stmt_word[0] != '\0')
			near = stmt_word;
		else
			near = lasttok;
		if (near[0] == '\0' || strcmp(near, "\n") == 0)
			snprintf(msg, sizeof(msg), "syntax error at end of "
			    "line in %s", ctx);
		else
			snprintf(msg, sizeof(msg), "syntax error near '%s' in "
			    "%s", near, ctx);
		if (expect != NULL) {
			strlcat(msg, ": expected ", sizeof(msg));
			strlcat(msg, expect, sizeof(msg));
		}
	}
	/* A word of a binary file is not echoed raw into a log. */
	for (i = 0, n = 0; msg[i] != '\0' && n + 5 < sizeof(shown); i++) {
		c = (unsigned char)msg[i];
		if (c >= 0x20 && c < 0x7f)
			shown[n++] = (char)c;
		else
			n += (size_t)snprintf(shown + n, sizeof(shown) - n,
			    "\\x%02x", c);
	}
	shown[n] = '\0';
	snprintf(line, sizeof(line), "%s:%d: %s",
	    file != NULL ? file->name : "?",
	    file != NULL ? yylval.lineno : 0, shown);
	errappend(line);
	return 0;
}

static int
kw_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct keywords *)e)->k_name);
}

static int
lookup(char *s)
{
	/* this has to be sorted always */
	static const struct keywords keywords[] = {
		{ "allow",		ALLOW },
		{ "any",		ANY },
		{ "approver",		APPROVER },
		{ "arg",		ARG },
		{ "audience",		AUDIENCE },
		{ "auditd",		AUDITD },
		{ "burst",		BURST },
		{ "cache",		CACHE },
		{ "cgroup",		CGROUP },
		{ "chroot",		CHROOT },
		{ "code",		CODE },
		{ "command",		COMMAND },
		{ "control",		CONTROL },
		{ "cpu",		CPU },
		{ "debug",		DEBUG },
		{ "default",		DEFAULT },
		{ "description",	DESCRIPTION },
		{ "engine",		ENGINE },
		{ "env",		ENV },
		{ "expires",		EXPIRES },
		{ "file",		FILE_ },
		{ "files",		FILES },
		{ "filesize",		FILESIZE },
		{ "group",		GROUP },
		{ "harnessd",		HARNESSD },
		{ "hash",		HASH },
		{ "header",		HEADER },
		{ "hitld",		HITLD },
		{ "include",		INCLUDE },
		{ "interval",		INTERVAL },
		{ "issuer",		ISSUER },
		{ "jwt",		JWT },
		{ "key",		KEY },
		{ "keyfile",		KEYFILE },
		{ "language",		LANGUAGE },
		{ "limits",		LIMITS },
		{ "listen",		LISTEN },
		{ "max",		MAX },
		{ "memory",		MEMORY },
		{ "mode",		MODE },
		{ "model",		MODEL },
		{ "network",		NETWORK },
		{ "none",		NONE },
		{ "on",			ON },
		{ "output",		OUTPUT },
		{ "owner",		OWNER },
		{ "path",		PATH },
		{ "plaintext",		PLAINTEXT },
		{ "policy",		POLICY },
		{ "pool",		POOL },
		{ "port",		PORT },
		{ "processes",		PROCESSES },
		{ "provider",		PROVIDER },
		{ "public",		PUBLIC },
		{ "queue",		QUEUE },
		{ "quota",		QUOTA },
		{ "rate",		RATE },
		{ "read",		READ },
		{ "request",		REQUEST },
		{ "risk",		RISK },
		{ "rule",		RULE },
		{ "rundir",		RUNDIR },
		{ "sandbox",		SANDBOX },
		{ "sandboxd",		SANDBOXD },
		{ "sandboxes",		SANDBOXES },
		{ "schema",		SCHEMA },
		{ "seal",		SEAL },
		{ "seccomp",		SECCOMP },
		{ "secret",		SECRET },
		{ "shell",		SHELL },
		{ "size",		SIZE },
		{ "socket",		SOCKET },
		{ "statedir",		STATEDIR },
		{ "time",		TIME },
		{ "timeout",		TIMEOUT },
		{ "tmp",		TMP },
		{ "tool",		TOOL },
		{ "tools",		TOOLS },
		{ "type",		TYPE },
		{ "url",		URL },
		{ "user",		USER },
		{ "vaultd",		VAULTD },
		{ "workspaces",		WORKSPACES },
		{ "write",		WRITE },
	};
	const struct keywords	*p;

	p = bsearch(s, keywords, sizeof(keywords) / sizeof(keywords[0]),
	    sizeof(keywords[0]), kw_cmp);
	return p != NULL ? p->k_val : STRING;
}

#define MAXPUSHBACK	128

static unsigned char	 pushback_buffer[MAXPUSHBACK];
static int		 pushback_index;

static int
lgetc(int quotec)
{
	int	 c, next;

	if (pushback_index)
		return pushback_buffer[--pushback_index];

	for (;;) {
		if (file->pos >= file->len) {
			if (quotec) {
				if (!file->is_macro) {
					yyerror("reached end of file while "
					    "parsing quoted string");
					return EOF;
				}
			}
			/* A file or macro ends: continue in what used it. */
			if (file == topfile)
				return EOF;
			/* An included file is whole sections, or none. */
			if (!file->is_macro && brace_depth > file->depth0) {
				yyerror("a section opened in %s is not closed "
				    "before its end", file->name);
				brace_depth = file->depth0;
			}
			if (popfile() == EOF)
				return EOF;
			if (pushback_index)
				return pushback_buffer[--pushback_index];
			continue;
		}
		c = file->buf[file->pos++];
		/* A DOS line end is a line end. */
		if (c == '\r' && file->pos < file->len &&
		    file->buf[file->pos] == '\n')
			c = file->buf[file->pos++];
		if (c == '\0') {
			yyerror("NUL byte in configuration");
			c = ' ';
		}
		if (quotec)
			return c;
		/* Line continuation. */
		if (c == '\\' && file->pos < file->len) {
			next = file->buf[file->pos];
			if (next == '\r' && file->pos + 1 < file->len &&
			    file->buf[file->pos + 1] == '\n')
				next = file->buf[++file->pos];
			if (next == '\n') {
				file->pos++;
				file->lineno++;
				continue;
			}
		}
		if (c == '\t' || c == ' ') {
			/* Compress blanks to a single space. */
			while (file->pos < file->len &&
			    (file->buf[file->pos] == '\t' ||
			    file->buf[file->pos] == ' '))
				file->pos++;
			c = ' ';
		}
		return c;
	}
}

static int
lungetc(int c)
{
	if (c == EOF)
		return EOF;
	if (pushback_index < MAXPUSHBACK - 1)
		return pushback_buffer[pushback_index++] = c;
	return EOF;
}

static int
findeol(void)
{
	int	 c;

	pushback_index = 0;
	/* Skip to either EOF or the first real EOL. */
	for (;;) {
		c = lgetc(0);
		if (c == '\n') {
			file->lineno++;
			break;
		}
		if (c == EOF)
			break;
	}
	return ERROR;
}

/*
 * The parser's lexer: lex_token(), and what yyerror() needs to know of
 * the statement and of the lexer's own errors.
 */
static int
yylex(void)
{
	int	 t;

	if (stmt_begin) {
		stmt_ntok = 0;
		stmt_word[0] = '\0';
	}
	t = lex_token();
	/* A last line without its newline ends all the same. */
	if (t == 0 && !stmt_begin && file == topfile && !file->eof_sent) {
		file->eof_sent = 1;
		t = '\n';
	}
	if (++stmt_ntok == 1 && t == STRING)
		strlcpy(stmt_word, lasttok, sizeof(stmt_word));
	/* findeol() ate the rest of the line, its newline too */
	stmt_begin = t == '\n' || t == ERROR;
	lex_failed = t == ERROR;
	return t;
}

/* Braces open when the file being read (not a macro in it) began. */
static int
incl_depth0(void)
{
	struct file	*f = file;

	while (f != NULL && f->is_macro)
		f = TAILQ_PREV(f, files, entry);
	return f != NULL ? f->depth0 : 0;
}

static int
lex_token(void)
{
	char	 buf[8192];
	char	*p, *val;
	int	 quotec, next, c;
	int	 token;

top:
	p = buf;
	while ((c = lgetc(0)) == ' ' || c == '\t')
		; /* nothing */

	yylval.lineno = file->lineno;
	if (c == '#') {
		/*
		 * To the end of the line, a backslash there included: a
		 * comment does not swallow the line after it.
		 */
		while (pushback_index > 0 && c != '\n')
			c = pushback_buffer[--pushback_index];
		if (c != '\n') {
			while (file->pos < file->len &&
			    file->buf[file->pos] != '\n')
				file->pos++;
			c = lgetc(0);
		}
	}
	if (c == '$') {
		while (1) {
			if ((c = lgetc(0)) == EOF)
				return 0;
			if (p + 1 >= buf + sizeof(buf) - 1) {
				yyerror("string too long");
				return findeol();
			}
			if (isalnum(c) || c == '_') {
				*p++ = c;
				continue;
			}
			*p = '\0';
			/*
			 * The character that ended the name belongs after
			 * the expansion: put it back in the file, not on the
			 * pushback stack the macro's text would come after.
			 */
			if (pushback_index == 0 && file->pos > 0)
				file->pos--;
			else
				lungetc(c);
			break;
		}
		val = symget(buf);
		if (val == NULL) {
			yyerror("macro '%s' not defined", buf);
			return findeol();
		}
		if (pushmacro(buf, val) == NULL) {
			yyerror("macro '%s' nested too deeply or used too "
			    "often (recursive?)", buf);
			return findeol();
		}
		goto top;
	}

	switch (c) {
	case '\'':
	case '"':
		quotec = c;
		while (1) {
			if ((c = lgetc(quotec)) == EOF)
				return 0;
			if (c == '\n') {
				file->lineno++;
				continue;
			} else if (c == '\\') {
				if ((next = lgetc(quotec)) == EOF)
					return 0;
				if (next == quotec || next == ' ' ||
				    next == '\t' || next == '\\')
					c = next;
				else if (next == 'n')
					c = '\n';
				else if (next == '\n') {
					file->lineno++;
					continue;
				} else
					lungetc(next);
			} else if (c == quotec) {
				*p = '\0';
				break;
			}
			if (p + 1 >= buf + sizeof(buf) - 1) {
				yyerror("string too long");
				return findeol();
			}
			*p++ = c;
		}
		yylval.v.string = strdup(buf);
		if (yylval.v.string == NULL) {
			yyerror("out of memory");
			return findeol();
		}
		strlcpy(lasttok, buf, sizeof(lasttok));
		return STRING;
	}

#define allowed_to_end_number(x) \
	(isspace(x) || x == ')' || x ==',' || x == '/' || x == '}' || x == '=')

	if (c == '-' || isdigit(c)) {
		do {
			*p++ = c;
			if ((size_t)(p - buf) >= sizeof(buf)) {
				yyerror("string too long");
				return findeol();
			}
		} while ((c = lgetc(0)) != EOF && isdigit(c));
		lungetc(c);
		if (p == buf + 1 && buf[0] == '-')
			goto nodigits;
		if (c == EOF || allowed_to_end_number(c)) {
			char	*ep;
			int	 base = 10;

			*p = '\0';
			strlcpy(lasttok, buf, sizeof(lasttok));
			/* A leading 0 means octal, as for file modes. */
			if (buf[0] == '0' && buf[1] != '\0')
				base = 8;
			errno = 0;
			yylval.octal = base == 8;
			yylval.v.number = strtoll(buf, &ep, base);
			if (*ep != '\0' || errno != 0) {
				yyerror("\"%s\" is not a valid number%s", buf,
				    base == 8 ? " (a leading 0 means octal)" :
				    "");
				return findeol();
			}
			return NUMBER;
		} else {
nodigits:
			/*
			 * A word then (-5s, 12ab, -x), which goes on from
			 * what is in buf: pushing it back could lose some.
			 */
			c = lgetc(0);
			goto inword;
		}
	}

#define allowed_in_string(x) \
	(isalnum(x) || (ispunct(x) && x != '(' && x != ')' && \
	x != '{' && x != '}' && x != '<' && x != '>' && \
	x != '!' && x != '=' && x != '#' && \
	x != ',' && x != '"' && x != '\''))

	if (isalnum(c) || c == ':' || c == '_' || c == '/' || c == '.' ||
	    c == '*' || c == '-' || c == '~' || c == '$') {
		do {
			*p++ = c;
			if ((size_t)(p - buf) >= sizeof(buf)) {
				yyerror("string too long");
				return findeol();
			}
			c = lgetc(0);
 inword:
			;
		} while (c != EOF && allowed_in_string(c));
		lungetc(c);
		*p = '\0';
		strlcpy(lasttok, buf, sizeof(lasttok));
		if ((token = lookup(buf)) == STRING)
			if ((yylval.v.string = strdup(buf)) == NULL) {
				yyerror("out of memory");
				return findeol();
			}
		return token;
	}
	if (c == '\n') {
		yylval.lineno = file->lineno;
		file->lineno++;
	}
	if (c == EOF)
		return 0;
	if (c == '{')
		brace_depth++;
	else if (c == '}' && brace_depth > 0) {
		/* (with none open, the grammar says what is wrong) */
		if (brace_depth <= incl_depth0())
			yyerror("'}' closes a section that the file including "
			    "this one opened");
		brace_depth--;
	}
	lasttok[0] = (char)c;
	lasttok[1] = '\0';
	return c;
}

/* Bundle format: "HCB1", then records {u8 kind, u32 nlen, name, u32 dlen,
 * data}.  kind 0: a file as read; kind 1: a -D macro "name=value". */
#define BUNDLE_MAGIC	"HCB1"

static int
bundle_put(struct conf_bundle *b, int kind, const char *name,
    const void *data, size_t dlen)
{
	size_t		 nlen = strlen(name), need;
	uint32_t	 n32, d32;
	unsigned char	*nb, *p;

	if (dlen > CONF_MAX_FILE || nlen > PATH_MAX)
		return -1;
	need = 1 + 4 + nlen + 4 + dlen;
	if (b->len == 0)
		need += 4;
	if ((nb = realloc(b->buf, b->len + need)) == NULL)
		return -1;
	b->buf = nb;
	p = b->buf + b->len;
	if (b->len == 0) {
		memcpy(p, BUNDLE_MAGIC, 4);
		p += 4;
	}
	*p++ = (unsigned char)kind;
	n32 = (uint32_t)nlen;
	d32 = (uint32_t)dlen;
	memcpy(p, &n32, 4);
	p += 4;
	memcpy(p, name, nlen);
	p += nlen;
	memcpy(p, &d32, 4);
	p += 4;
	if (dlen)
		memcpy(p, data, dlen);
	b->len += need;
	return 0;
}

/* One record of a bundle, as bundle_next() reads it. */
struct bundle_rec {
	int			 kind;
	char			 name[PATH_MAX + 1];
	const unsigned char	*data;
	size_t			 dlen;
};

/*
 * The record at *offp (start with 0): 1 and *offp moved past it, 0 at
 * the end, -1 if the bundle is corrupt.  Every length is checked
 * against what is left before anything is read.
 */
static int
bundle_next(const unsigned char *buf, size_t len, size_t *offp,
    struct bundle_rec *r)
{
	size_t		 off = *offp;
	uint32_t	 n32, d32;

	if (off == 0) {
		if (len < 4 || memcmp(buf, BUNDLE_MAGIC, 4) != 0)
			return -1;
		off = 4;
	}
	if (off >= len)
		return 0;
	if (len - off < 5)
		return -1;
	r->kind = buf[off];
	memcpy(&n32, buf + off + 1, 4);
	off += 5;
	if (n32 > PATH_MAX || len - off < n32)
		return -1;
	memcpy(r->name, buf + off, n32);
	r->name[n32] = '\0';
	off += n32;
	if (len - off < 4)
		return -1;
	memcpy(&d32, buf + off, 4);
	off += 4;
	if (d32 > CONF_MAX_FILE || len - off < d32)
		return -1;
	r->data = buf + off;
	r->dlen = d32;
	*offp = off + d32;
	return 1;
}

/*
 * Walk the bundle.  With want == NULL, call the macro callback for each
 * kind-1 record; otherwise find the file record named want.
 */
static int
bundle_find(const unsigned char *buf, size_t len, const char *want,
    const unsigned char **data, size_t *dlen, int define)
{
	struct bundle_rec	 r;
	size_t			 off = 0;
	int			 rc;

	while ((rc = bundle_next(buf, len, &off, &r)) == 1) {
		if (define && r.kind == 1) {
			char	*def;

			if ((def = strndup((const char *)r.data, r.dlen))
			    == NULL)
				return -1;
			if (conf_define(def) == -1) {
				free(def);
				return -1;
			}
			free(def);
		} else if (!define && r.kind == 0 && strcmp(r.name, want)
		    == 0) {
			*data = r.data;
			*dlen = r.dlen;
			return 0;
		}
	}
	if (rc == -1)
		return -1;
	return define ? 0 : -1;
}

int
conf_bundle_files(const void *buf, size_t len,
    int (*cb)(const char *, const void *, size_t, void *), void *arg)
{
	struct bundle_rec	 r;
	size_t			 off = 0;
	int			 rc;

	while ((rc = bundle_next(buf, len, &off, &r)) == 1)
		if (r.kind == 0 && cb(r.name, r.data, r.dlen, arg) == -1)
			return -1;
	return rc;
}

/*
 * Read a whole configuration file; its device and inode in *stp.  The
 * open does not block: a FIFO (or a device) named as the file would
 * wait there for a writer, hanging -n and a reload, so it is opened
 * O_NONBLOCK, checked with fstat (the very file opened, not the name
 * again) and refused unless regular.  -1 with why filled on failure.
 */
static int
read_whole_file(const char *path, unsigned char **bufp, size_t *lenp,
    struct stat *stp, char *why, size_t whylen)
{
	struct stat	 st;
	unsigned char	*buf;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, fl;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY))
	    == -1) {
		snprintf(why, whylen, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		snprintf(why, whylen, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "not a regular file");
		close(fd);
		return -1;
	}
	if (st.st_size > CONF_MAX_FILE) {
		snprintf(why, whylen, "larger than %d bytes", CONF_MAX_FILE);
		close(fd);
		return -1;
	}
	/* A regular file: reads may block as they ordinarily do. */
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
		snprintf(why, whylen, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		snprintf(why, whylen, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	while (off < (size_t)st.st_size) {
		n = read(fd, buf + off, (size_t)st.st_size - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			snprintf(why, whylen, "%s", strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	*bufp = buf;
	*lenp = off;
	*stp = st;
	return 0;
}

static struct file *
pushfile(const char *name, int top)
{
	struct file	*nfile, *f;
	struct stat	 st;
	unsigned char	*data = NULL;
	const unsigned char *bdata, *nul;
	size_t		 dlen = 0, depth = 0;
	char		 path[PATH_MAX], *slash, why[128];

	/* Includes are relative to the including file. */
	if (!top && name[0] != '/' && file != NULL &&
	    (slash = strrchr(file->name, '/')) != NULL) {
		snprintf(path, sizeof(path), "%.*s/%s",
		    (int)(slash - file->name), file->name, name);
	} else
		strlcpy(path, name, sizeof(path));

	TAILQ_FOREACH(f, &files, entry) {
		if (f->is_macro)
			continue;
		depth++;
		if (strcmp(f->name, path) == 0) {
			yyerror("include loop: '%s' includes itself", path);
			return NULL;
		}
	}
	if (depth > CONF_MAX_INCLUDE) {
		yyerror("includes nested too deeply at '%s'", path);
		return NULL;
	}
	if ((nfile = calloc(1, sizeof(*nfile))) == NULL) {
		yyerror("out of memory");
		return NULL;
	}
	if ((nfile->name = strdup(path)) == NULL) {
		free(nfile);
		yyerror("out of memory");
		return NULL;
	}
	if (bundle_in != NULL) {
		if (bundle_find(bundle_in, bundle_inlen, path, &bdata, &dlen,
		    0) == -1) {
			yyerror("%s: not in the configuration bundle", path);
			free(nfile->name);
			free(nfile);
			return NULL;
		}
		if ((data = malloc(dlen + 1)) == NULL) {
			free(nfile->name);
			free(nfile);
			return NULL;
		}
		memcpy(data, bdata, dlen);
	} else {
		if (read_whole_file(path, &data, &dlen, &st, why,
		    sizeof(why)) == -1) {
			char	 msg[PATH_MAX + 256];

			snprintf(msg, sizeof(msg), "%s: %s", path, why);
			if (file != NULL)
				yyerror("cannot include %s", msg);
			else
				errappend(msg);
			errors++;
			free(nfile->name);
			free(nfile);
			return NULL;
		}
		/*
		 * A loop through other files, or by another name
		 * ("sub/../t.conf"), is the same file again.
		 */
		TAILQ_FOREACH(f, &files, entry) {
			if (f->is_macro || !f->has_id ||
			    f->dev != st.st_dev || f->ino != st.st_ino)
				continue;
			yyerror("include loop: '%s' is '%s', which is being "
			    "read already", path, f->name);
			free(data);
			free(nfile->name);
			free(nfile);
			return NULL;
		}
		/*
		 * A NUL byte is no text: one line saying where the first
		 * one is, not an error for each line of a binary file.
		 */
		if ((nul = memchr(data, '\0', dlen)) != NULL) {
			char		 msg[PATH_MAX + 64];
			const unsigned char *q;
			int		 ln = 1;

			for (q = data; q < nul; q++)
				if (*q == '\n')
					ln++;
			snprintf(msg, sizeof(msg), "%s:%d: NUL byte: not a "
			    "text file", path, ln);
			errappend(msg);
			errors++;
			free(data);
			free(nfile->name);
			free(nfile);
			return NULL;
		}
		nfile->dev = st.st_dev;
		nfile->ino = st.st_ino;
		nfile->has_id = 1;
		if (bundle_out != NULL &&
		    bundle_put(bundle_out, 0, path, data, dlen) == -1) {
			free(data);
			free(nfile->name);
			free(nfile);
			yyerror("out of memory");
			return NULL;
		}
	}
	nfile->buf = data;
	nfile->len = dlen;
	nfile->lineno = 1;
	nfile->depth0 = brace_depth;
	TAILQ_INSERT_TAIL(&files, nfile, entry);
	return nfile;
}

static struct file *
pushmacro(const char *name, const char *val)
{
	struct file	*nfile, *f;
	int		 depth = 0;

	TAILQ_FOREACH(f, &files, entry)
		if (f->is_macro)
			depth++;
	/* A macro that ends in itself never nests: count uses too. */
	if (depth >= 32 || ++expansions > MAX_EXPANSIONS)
		return NULL;
	if ((nfile = calloc(1, sizeof(*nfile))) == NULL)
		return NULL;
	nfile->name = file->name;	/* errors point at the user */
	nfile->buf = (const unsigned char *)val;
	nfile->len = strlen(val);
	nfile->lineno = file->lineno;
	nfile->is_macro = 1;
	TAILQ_INSERT_TAIL(&files, nfile, entry);
	file = nfile;
	return nfile;
}

static int
popfile(void)
{
	struct file	*prev;

	if ((prev = TAILQ_PREV(file, files, entry)) == NULL)
		return EOF;
	TAILQ_REMOVE(&files, file, entry);
	if (!file->is_macro) {
		free(file->name);
		free((void *)(uintptr_t)file->buf);
	}
	free(file);
	file = prev;
	if (file->nahead > 0) {
		memcpy(pushback_buffer, file->ahead, (size_t)file->nahead);
		pushback_index = file->nahead;
		file->nahead = 0;
	}
	return 0;
}

int
conf_define(const char *s)
{
	char	*sym, *val;
	int	 ret;
	size_t	 len, i;

	/* The name ends at the first '=': values may contain '='. */
	if ((val = strchr(s, '=')) == NULL)
		return -1;
	len = (size_t)(val - s);
	if (len == 0)
		return -1;
	/* As a name in the file must be: letters, digits and '_'. */
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return -1;
	if ((sym = strndup(s, len)) == NULL)
		return -1;
	/* A keyword could not be used as $name in the file either. */
	if (lookup(sym) != STRING) {
		free(sym);
		return -1;
	}
	ret = symset(sym, val + 1, 1);
	free(sym);
	return ret;
}

static int
symset(const char *nam, const char *val, int persist)
{
	struct sym	*sym;

	TAILQ_FOREACH(sym, &symhead, entry)
		if (strcmp(nam, sym->nam) == 0)
			break;
	if (sym != NULL) {
		if (sym->persist == 1)
			return 0;
		free(sym->nam);
		free(sym->val);
		TAILQ_REMOVE(&symhead, sym, entry);
		free(sym);
	}
	if ((sym = calloc(1, sizeof(*sym))) == NULL)
		return -1;
	sym->nam = strdup(nam);
	sym->val = strdup(val);
	if (sym->nam == NULL || sym->val == NULL) {
		free(sym->nam);
		free(sym->val);
		free(sym);
		return -1;
	}
	sym->persist = persist;
	TAILQ_INSERT_TAIL(&symhead, sym, entry);
	return 0;
}

static char *
symget(const char *nam)
{
	struct sym	*sym;

	TAILQ_FOREACH(sym, &symhead, entry)
		if (strcmp(nam, sym->nam) == 0) {
			sym->used = 1;
			return sym->val;
		}
	return NULL;
}

static void
symclear(int all)
{
	struct sym	*sym, *next;

	TAILQ_FOREACH_SAFE(sym, &symhead, entry, next) {
		if (sym->persist && !all)
			continue;
		TAILQ_REMOVE(&symhead, sym, entry);
		free(sym->nam);
		free(sym->val);
		free(sym);
	}
}

static int
strlist_add(struct conf_strlist *l, char *s)
{
	char	**nv;

	if (s == NULL)
		return -1;
	if (l->n >= 4096) {
		free(s);
		return -1;
	}
	if ((nv = reallocarray(l->v, l->n + 1, sizeof(*nv))) == NULL) {
		free(s);
		return -1;
	}
	l->v = nv;
	l->v[l->n++] = s;
	return 0;
}

static void
strlist_free(struct conf_strlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
rule_add(enum conf_match_kind kind, char *path, struct conf_strlist *l)
{
	struct conf_match	*m;

	if ((m = calloc(1, sizeof(*m))) == NULL) {
		yyerror("out of memory");
		free(path);
		strlist_free(l);
		return -1;
	}
	m->kind = kind;
	m->path = path;
	m->patterns = *l;
	memset(l, 0, sizeof(*l));	/* ours now */
	TAILQ_INSERT_TAIL(&cur_rule->matches, m, entry);
	return 0;
}

/* Names of tools, secrets, keys, users: no spaces, slashes or "..". */
static int
check_name(const char *s, const char *what)
{
	const char	*p;

	if (*s == '\0' || strlen(s) >= CONF_NAME_MAX) {
		yyerror("%s name must be 1 to %d characters", what,
		    CONF_NAME_MAX - 1);
		return -1;
	}
	for (p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.') {
			yyerror("%s name '%s' may contain only letters, "
			    "digits, '_', '-' and '.'", what, s);
			return -1;
		}
	if (s[0] == '.' || strstr(s, "..") != NULL) {
		yyerror("%s name '%s' must not start with '.' or contain "
		    "'..'", what, s);
		return -1;
	}
	return 0;
}

/*
 * Copy a lexer string into a fixed buffer and free it, or complain.
 * The stack slot is emptied either way, so the %destructor that runs
 * when an action fails cannot free it twice.
 */
/* The file and line of the statement being parsed, as yyerror() names. */
static void
where_set(struct conf_where *w)
{
	strlcpy(w->file, file->name, sizeof(w->file));
	w->line = yylval.lineno;
}

static int
set_str(char *dst, size_t dstsz, char **srcp, const char *what)
{
	char	*src = *srcp;

	*srcp = NULL;
	if (strlcpy(dst, src, dstsz) >= dstsz) {
		yyerror("%s too long (at most %zu bytes)", what, dstsz - 1);
		free(src);
		return -1;
	}
	free(src);
	return 0;
}

/* "12", "0.5": decimal digits with at most one '.' between digits. */
static int
decimal_ok(const char *s)
{
	size_t	 i, digits = 0, dots = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (s[i] != '.' || dots++ > 0 || i == 0)
			return 0;
	}
	return digits > 0 && s[i - 1] != '.';
}

/*
 * YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ, a real date and
 * time after the epoch: 0 means "never expires" to vaultd, and
 * 2027-02-30 is a mistake, not 2 March.
 */
static int
parse_expires(const char *s, time_t *t)
{
	static const char	 form[] = "dddd-dd-ddTdd:dd:ddZ";
	struct tm		 tm, back;
	size_t			 i, n = strlen(s);

	if (n != 10 && n != sizeof(form) - 1)
		return -1;
	for (i = 0; i < n; i++)
		if (form[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    s[i] != form[i])
			return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	if (n > 10) {
		tm.tm_hour = atoi(s + 11);
		tm.tm_min = atoi(s + 14);
		tm.tm_sec = atoi(s + 17);
	}
	back = tm;
	if ((*t = timegm(&tm)) == (time_t)-1 || *t <= 0)
		return -1;
	/* timegm() carries 30 February into March; refuse it instead. */
	if (tm.tm_year != back.tm_year || tm.tm_mon != back.tm_mon ||
	    tm.tm_mday != back.tm_mday || tm.tm_hour != back.tm_hour ||
	    tm.tm_min != back.tm_min || tm.tm_sec != back.tm_sec)
		return -1;
	return 0;
}

static void
tool_init(struct conf_tool *t)
{
	TAILQ_INIT(&t->grants);
	strlcpy(t->network, "none", sizeof(t->network));
}

static void
conf_init(struct harness_conf *c)
{
	memset(c, 0, sizeof(*c));
	strlcpy(c->rundir, "/run/harness", sizeof(c->rundir));
	strlcpy(c->statedir, "/var/lib/harness", sizeof(c->statedir));

	strlcpy(c->harnessd.d.user, "_harness", sizeof(c->harnessd.d.user));
	TAILQ_INIT(&c->harnessd.listens);
	TAILQ_INIT(&c->harnessd.allows);
	TAILQ_INIT(&c->harnessd.keys);
	c->harnessd.max_body = 1024 * 1024;
	c->harnessd.max_header = 32 * 1024;
	c->harnessd.client_timeout_ms = 30 * 1000;
	c->harnessd.rate = 50;
	c->harnessd.burst = 100;

	strlcpy(c->sandboxd.d.user, "_sandbox", sizeof(c->sandboxd.d.user));
	strlcpy(c->sandboxd.sandbox_user, "_sandbox",
	    sizeof(c->sandboxd.sandbox_user));
	strlcpy(c->sandboxd.cgroup, "harness", sizeof(c->sandboxd.cgroup));
	c->sandboxd.max_sandboxes = 16;
	c->sandboxd.queue = 256;
	c->sandboxd.pool = 4;
	c->sandboxd.limits = (struct conf_limits){
		.wall_ms = 30 * 1000, .cpu_ms = 10 * 1000,
		.memory = 512ULL << 20, .procs = 64, .output = 1 << 20,
		.fsize = 64ULL << 20, .nofile = 256, .tmp = 64ULL << 20
	};
	c->sandboxd.max_limits = (struct conf_limits){
		.wall_ms = 3600 * 1000, .cpu_ms = 3600 * 1000,
		.memory = 8ULL << 30, .procs = 4096, .output = 64ULL << 20,
		.fsize = 1ULL << 30, .nofile = 65536, .tmp = 1ULL << 30
	};

	strlcpy(c->vaultd.d.user, "_vault", sizeof(c->vaultd.d.user));
	strlcpy(c->auditd.d.user, "_audit", sizeof(c->auditd.d.user));
	c->auditd.seal_interval_ms = 1000;
	strlcpy(c->hitld.d.user, "_hitl", sizeof(c->hitld.d.user));
	c->hitld.timeout_ms = 60 * 1000;
	c->hitld.approver.mode = 0660;
	strlcpy(c->hitld.approver.group, "_hitl",
	    sizeof(c->hitld.approver.group));
	c->hitld.policy[0] = DECIDE_ALLOW;
	c->hitld.policy[1] = DECIDE_ALLOW;
	c->hitld.policy[2] = DECIDE_ASK;
	c->hitld.policy[3] = DECIDE_DENY;
	c->hitld.nomatch = DECIDE_ASK;

	TAILQ_INIT(&c->tools);
	TAILQ_INIT(&c->providers);
	TAILQ_INIT(&c->rules);
}

static struct conf_daemon *
conf_daemon_rw(struct harness_conf *c, enum daemon_id id)
{
	switch (id) {
	case D_HARNESSD:
		return &c->harnessd.d;
	case D_SANDBOXD:
		return &c->sandboxd.d;
	case D_VAULTD:
		return &c->vaultd.d;
	case D_AUDITD:
		return &c->auditd.d;
	case D_HITLD:
	default:
		return &c->hitld.d;
	}
}

static int
default_path(char *dst, size_t dstsz, const char *dir, const char *name)
{
	if (dst[0] != '\0')
		return 0;
	if ((size_t)snprintf(dst, dstsz, "%s/%s", dir, name) >= dstsz) {
		errappend("derived path too long");
		return -1;
	}
	return 0;
}

/*
 * Limits above sandboxd's max limits: every run asking for them would
 * be refused, so the file is.  0 is a limit not given.
 */
static int
limits_within(const struct conf_limits *l, const struct conf_limits *max,
    const char *what)
{
	char	 over[256], msg[PATH_MAX + 256 + sizeof(over) + 16];
	size_t	 i = 0;
	int	 rc = 0;

	while (conf_limits_over(l, max, &i, over, sizeof(over))) {
		snprintf(msg, sizeof(msg), "%s: limits %s", what, over);
		errappend(msg);
		rc = -1;
	}
	return rc;
}

/* Fill derived defaults and check what spans sections. */
static int
conf_finish(struct harness_conf *c)
{
	struct conf_listen	*l;
	struct conf_tool	*t;
	struct risk_ruleset	*rs;
	size_t			 nrules;
	int			 i, rc = 0;
	char			 name[64], msg[PATH_MAX + 256];

	snprintf(msg, sizeof(msg), "%s: sandboxd", c->path);
	rc |= limits_within(&c->sandboxd.limits, &c->sandboxd.max_limits,
	    msg);
	TAILQ_FOREACH(t, &c->tools, entry) {
		snprintf(msg, sizeof(msg), "%s:%d: tool '%s'", t->file,
		    t->line, t->name);
		rc |= limits_within(&t->limits, &c->sandboxd.max_limits, msg);
	}
	for (i = 0; i < D_MAX; i++) {
		struct conf_daemon *d = conf_daemon_rw(c, (enum daemon_id)i);

		snprintf(name, sizeof(name), "%s.sock", daemon_names[i]);
		rc |= default_path(d->control.path, sizeof(d->control.path),
		    c->rundir, name);
		if (d->control.mode == 0)
			d->control.mode = 0600;
	}
	rc |= default_path(c->harnessd.d.chroot, sizeof(c->harnessd.d.chroot),
	    c->rundir, "empty");
	rc |= default_path(c->harnessd.engine_chroot,
	    sizeof(c->harnessd.engine_chroot), c->statedir, "engine");
	rc |= default_path(c->sandboxd.d.chroot, sizeof(c->sandboxd.d.chroot),
	    c->rundir, "sandboxd");
	rc |= default_path(c->sandboxd.workspaces,
	    sizeof(c->sandboxd.workspaces), c->statedir, "workspaces");
	rc |= default_path(c->vaultd.d.chroot, sizeof(c->vaultd.d.chroot),
	    c->statedir, "vault");
	rc |= default_path(c->auditd.d.chroot, sizeof(c->auditd.d.chroot),
	    c->statedir, "audit");
	rc |= default_path(c->hitld.d.chroot, sizeof(c->hitld.d.chroot),
	    c->rundir, "empty");
	rc |= default_path(c->hitld.approver.path,
	    sizeof(c->hitld.approver.path), c->rundir, "approve.sock");

	if (TAILQ_EMPTY(&c->harnessd.listens)) {
		if ((l = calloc(1, sizeof(*l))) == NULL)
			return -1;
		l->type = LISTEN_UNIX;
		l->sock.mode = 0660;
		strlcpy(l->sock.group, "_harness", sizeof(l->sock.group));
		rc |= default_path(l->sock.path, sizeof(l->sock.path),
		    c->rundir, "agent.sock");
		TAILQ_INSERT_TAIL(&c->harnessd.listens, l, entry);
	}
	rc |= sockets_distinct(c);
	if (c->auditd.producers.n == 0) {
		const char *defs[] = { "_harness", "_sandbox", "_vault",
		    "_hitl", "root" };
		for (i = 0; i < 5; i++)
			if (strlist_add(&c->auditd.producers,
			    strdup(defs[i])) == -1)
				return -1;
	}

	/*
	 * A rule that parses may still not compile (a pattern's quotes,
	 * a JSON path): -n and a reload must see what hitld would refuse.
	 */
	if ((rs = risk_conf_compile(c, &nrules, msg, sizeof(msg))) == NULL) {
		errappend(msg);
		rc = -1;
	} else
		risk_free(rs);

	TAILQ_FOREACH(t, &c->tools, entry) {
		int	 has_cmd = t->command.n > 0;
		int	 has_code = t->language[0] != '\0' || t->code != NULL;

		if (has_cmd && has_code) {
			snprintf(msg, sizeof(msg), "%s:%d: tool '%s' has both "
			    "a command and code: give one", t->file, t->line,
			    t->name);
			errappend(msg);
			rc = -1;
		} else if (!has_cmd && !has_code) {
			snprintf(msg, sizeof(msg), "%s:%d: tool '%s' needs a "
			    "command or a language and code", t->file,
			    t->line, t->name);
			errappend(msg);
			rc = -1;
		} else if (has_code && (t->language[0] == '\0' ||
		    t->code == NULL)) {
			snprintf(msg, sizeof(msg), "%s:%d: tool '%s' needs "
			    "both language and code", t->file, t->line,
			    t->name);
			errappend(msg);
			rc = -1;
		}
	}
	return rc == 0 ? 0 : -1;
}

/*
 * Every socket the suite binds is bound once: two listeners on one path
 * or one address and port, or a listener on a daemon's control or the
 * approvers' socket, pass -n today and fail at start, or worse, one
 * daemon unlinks and takes over the other's socket.
 */
static int
sockets_distinct(struct harness_conf *c)
{
	const char		*path[D_MAX + 1 + CONF_MAX_LISTEN];
	char			 what[D_MAX + 1 + CONF_MAX_LISTEN][64];
	char			 msg[2 * PATH_MAX + 512];
	struct conf_listen	*l, *m;
	size_t			 n = 0, i, j, nd;
	int			 rc = 0;

	for (i = 0; i < D_MAX; i++) {
		path[n] = conf_daemon_rw(c, (enum daemon_id)i)->control.path;
		snprintf(what[n++], sizeof(what[0]), "%s's control socket",
		    daemon_names[i]);
	}
	path[n] = c->hitld.approver.path;
	snprintf(what[n++], sizeof(what[0]), "hitld's approver socket");
	nd = n;
	TAILQ_FOREACH(l, &c->harnessd.listens, entry) {
		if (l->type != LISTEN_UNIX || n == sizeof(path) /
		    sizeof(path[0]))
			continue;
		path[n] = l->sock.path;
		snprintf(what[n++], sizeof(what[0]), "a harnessd listen on");
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (path[i][0] == '\0' || strcmp(path[i], path[j]) != 0)
				continue;
			if (i >= nd)
				snprintf(msg, sizeof(msg), "%s: listen on %s is "
				    "given twice", c->path, path[i]);
			else
				snprintf(msg, sizeof(msg), "%s: socket %s is "
				    "both %s and %s", c->path, path[i],
				    what[i], what[j]);
			errappend(msg);
			rc = -1;
		}
	TAILQ_FOREACH(l, &c->harnessd.listens, entry) {
		if (l->type != LISTEN_TCP)
			continue;
		for (m = TAILQ_NEXT(l, entry); m != NULL;
		    m = TAILQ_NEXT(m, entry))
			if (m->type == LISTEN_TCP && m->port == l->port &&
			    m->sslen == l->sslen &&
			    memcmp(&m->ss, &l->ss, l->sslen) == 0) {
				snprintf(msg, sizeof(msg), "%s: listen on %s "
				    "port %u is given twice", c->path,
				    l->host, l->port);
				errappend(msg);
				rc = -1;
			}
	}
	return rc;
}

static struct harness_conf *
conf_parse_common(const char *path, char *err, size_t errlen)
{
	struct harness_conf	*c;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	errbuf = err;
	errbuflen = errlen;
	errors = 0;
	expansions = 0;
	ctx = "top level";
	lasttok[0] = '\0';
	stmt_begin = 1;
	stmt_ntok = 0;
	stmt_word[0] = '\0';
	lex_failed = 0;
	pushback_index = 0;
	brace_depth = 0;
	cur_daemon = NULL;
	cur_tool = NULL;
	cur_provider = NULL;
	cur_rule = NULL;
	cur_key = NULL;
	cur_limits = NULL;
	cur_sock = NULL;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		errappend("out of memory");
		return NULL;
	}
	conf_init(c);
	strlcpy(c->path, path, sizeof(c->path));
	conf = c;

	file = NULL;
	if ((file = pushfile(path, 1)) == NULL) {
		conf_free(c);
		conf = NULL;
		symclear(0);
		return NULL;
	}
	topfile = file;
	yyparse();
	while (popfile() != EOF)
		;
	TAILQ_REMOVE(&files, file, entry);
	free(file->name);
	free((void *)(uintptr_t)file->buf);
	free(file);
	file = topfile = NULL;
	symclear(0);

	if (errors == 0 && conf_finish(c) == -1)
		errors++;
	conf = NULL;
	if (errors) {
		conf_free(c);
		return NULL;
	}
	return c;
}

struct harness_conf *
conf_load(const char *path, struct conf_bundle *bundle, char *err,
    size_t errlen)
{
	struct harness_conf	*c;
	struct sym		*sym;

	if (bundle != NULL) {
		memset(bundle, 0, sizeof(*bundle));
		/* Command-line macros travel with the bundle. */
		TAILQ_FOREACH(sym, &symhead, entry) {
			char	*def;

			if (!sym->persist)
				continue;
			if (asprintf(&def, "%s=%s", sym->nam, sym->val) == -1)
				return NULL;
			if (bundle_put(bundle, 1, "-D", def, strlen(def))
			    == -1) {
				free(def);
				return NULL;
			}
			free(def);
		}
	}
	bundle_out = bundle;
	bundle_in = NULL;
	c = conf_parse_common(path, err, errlen);
	bundle_out = NULL;
	if (c == NULL && bundle != NULL)
		conf_bundle_free(bundle);
	return c;
}

struct harness_conf *
conf_load_bundle(const void *buf, size_t len, char *err, size_t errlen)
{
	struct harness_conf	*c;
	struct bundle_rec	 r;
	size_t			 off = 0;
	int			 rc;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	symclear(1);
	if (bundle_find(buf, len, NULL, NULL, NULL, 1) == -1) {
		if (err != NULL)
			strlcpy(err, "configuration bundle is corrupt",
			    errlen);
		return NULL;
	}
	/* The first file record is the main file. */
	while ((rc = bundle_next(buf, len, &off, &r)) == 1 && r.kind != 0)
		;
	if (rc != 1) {
		if (err != NULL)
			strlcpy(err, "configuration bundle has no file",
			    errlen);
		symclear(1);
		return NULL;
	}
	bundle_in = buf;
	bundle_inlen = len;
	bundle_out = NULL;
	c = conf_parse_common(r.name, err, errlen);
	bundle_in = NULL;
	symclear(1);
	return c;
}

void
conf_bundle_free(struct conf_bundle *b)
{
	if (b == NULL)
		return;
	free(b->buf);
	b->buf = NULL;
	b->len = 0;
}

int
conf_bundle_to_memfd(const struct conf_bundle *b)
{
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = memfd_create("harness.conf", MFD_CLOEXEC |
	    MFD_ALLOW_SEALING)) == -1)
		return -1;
	while (off < b->len) {
		if ((n = write(fd, b->buf + off, b->len - off)) == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
	    F_SEAL_WRITE | F_SEAL_SEAL) == -1 ||
	    lseek(fd, 0, SEEK_SET) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

int
conf_bundle_from_fd(int fd, struct conf_bundle *b)
{
	struct stat	 st;
	size_t		 off = 0;
	ssize_t		 n;

	memset(b, 0, sizeof(*b));
	if (fstat(fd, &st) == -1)
		return -1;
	if (st.st_size <= 4 || st.st_size > 16 * CONF_MAX_FILE) {
		errno = EINVAL;
		return -1;
	}
	if ((b->buf = malloc((size_t)st.st_size)) == NULL)
		return -1;
	while (off < (size_t)st.st_size) {
		n = pread(fd, b->buf + off, (size_t)st.st_size - off,
		    (off_t)off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(b->buf);
			b->buf = NULL;
			if (n == 0)
				errno = EIO;
			return -1;
		}
		off += (size_t)n;
	}
	b->len = off;
	return 0;
}
