/* original parser id follows */
/* yysccsid[] = "@(#)yaccpar	1.9 (Berkeley) 02/21/93" */
/* (use YYMAJOR/YYMINOR for ifdefs dependent on parser version) */

#define YYBYACC 1
#define YYMAJOR 2
#define YYMINOR 0
#define YYPATCH 20221106

#define YYEMPTY        (-1)
#define yyclearin      (yychar = YYEMPTY)
#define yyerrok        (yyerrflag = 0)
#define YYRECOVERING() (yyerrflag != 0)
#define YYENOMEM       (-2)
#define YYEOF          0
#undef YYBTYACC
#define YYBTYACC 0
#define YYDEBUGSTR YYPREFIX "debug"
#define YYPREFIX "yy"

#define YYPURE 0

#line 9 "lib/parse.y"
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
#include "risk.h"
#include "riskconf.h"

struct file {
	TAILQ_ENTRY(file)	 entry;
	char			*name;
	const unsigned char	*buf;
	size_t			 len;
	size_t			 pos;
	int			 lineno;
	int			 is_macro;
	int			 eof_sent;
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
static int	 strlist_add(struct conf_strlist *, char *);
static void	 strlist_free(struct conf_strlist *);
static int	 check_name(const char *, const char *);
static int	 set_str(char *, size_t, char **, const char *);
static int	 parse_expires(const char *, time_t *);
static void	 tool_init(struct conf_tool *);
static struct conf_daemon *conf_daemon_rw(struct harness_conf *, enum daemon_id);
static int	 rule_add(enum conf_match_kind, char *, struct conf_strlist *);
static void	 errappend(const char *);
#line 141 "obj-fuzz2/parse.c"

/* compatibility with bison */
#ifdef YYPARSE_PARAM
/* compatibility with FreeBSD */
# ifdef YYPARSE_PARAM_TYPE
#  define YYPARSE_DECL() yyparse(YYPARSE_PARAM_TYPE YYPARSE_PARAM)
# else
#  define YYPARSE_DECL() yyparse(void *YYPARSE_PARAM)
# endif
#else
# define YYPARSE_DECL() yyparse(void)
#endif

/* Parameters sent to lex. */
#ifdef YYLEX_PARAM
# define YYLEX_DECL() yylex(void *YYLEX_PARAM)
# define YYLEX yylex(YYLEX_PARAM)
#else
# define YYLEX_DECL() yylex(void)
# define YYLEX yylex()
#endif

#if !(defined(yylex) || defined(YYSTATE))
int YYLEX_DECL();
#endif

/* Parameters sent to yyerror. */
#ifndef YYERROR_DECL
#define YYERROR_DECL() yyerror(const char *s)
#endif
#ifndef YYERROR_CALL
#define YYERROR_CALL(msg) yyerror(msg)
#endif

#ifndef YYDESTRUCT_DECL
#define YYDESTRUCT_DECL() yydestruct(const char *msg, int psymb, YYSTYPE *val)
#endif
#ifndef YYDESTRUCT_CALL
#define YYDESTRUCT_CALL(msg, psymb, val) yydestruct(msg, psymb, val)
#endif

extern int YYPARSE_DECL();

#define ALLOW 257
#define ANY 258
#define APPROVER 259
#define ARG 260
#define AUDIENCE 261
#define AUDITD 262
#define BURST 263
#define CACHE 264
#define CGROUP 265
#define CHROOT 266
#define CODE 267
#define COMMAND 268
#define CONTROL 269
#define CPU 270
#define DEBUG 271
#define DEFAULT 272
#define DESCRIPTION 273
#define ENGINE 274
#define ENV 275
#define EXPIRES 276
#define FILE_ 277
#define FILES 278
#define FILESIZE 279
#define GROUP 280
#define HARNESSD 281
#define HASH 282
#define HEADER 283
#define HITLD 284
#define INCLUDE 285
#define INTERVAL 286
#define ISSUER 287
#define JWT 288
#define KEY 289
#define KEYFILE 290
#define LANGUAGE 291
#define LIMITS 292
#define LISTEN 293
#define MAX 294
#define MEMORY 295
#define MODE 296
#define MODEL 297
#define NETWORK 298
#define NONE 299
#define ON 300
#define OUTPUT 301
#define OWNER 302
#define PATH 303
#define PLAINTEXT 304
#define POLICY 305
#define POOL 306
#define PORT 307
#define PROCESSES 308
#define PROVIDER 309
#define PUBLIC 310
#define QUEUE 311
#define QUOTA 312
#define RATE 313
#define READ 314
#define REQUEST 315
#define RISK 316
#define RULE 317
#define RUNDIR 318
#define SANDBOX 319
#define SANDBOXD 320
#define SANDBOXES 321
#define SCHEMA 322
#define SEAL 323
#define SECCOMP 324
#define SECRET 325
#define SHELL 326
#define SIZE 327
#define SOCKET 328
#define STATEDIR 329
#define TIME 330
#define TIMEOUT 331
#define TMP 332
#define TOOL 333
#define TOOLS 334
#define TYPE 335
#define URL 336
#define USER 337
#define VAULTD 338
#define WORKSPACES 339
#define ERROR 340
#define STRING 341
#define NUMBER 342
#define YYERRCODE 256
typedef int YYINT;
static const YYINT yylhs[] = {                           -1,
    0,    0,    0,    0,    0,    0,    0,   10,    7,    7,
   11,   14,   14,    1,    1,    2,    2,    3,    3,    4,
    5,    5,    6,    6,   15,   15,   12,   12,   12,   12,
   16,   13,   18,   13,   20,   13,   22,   13,   24,   13,
   26,   13,   28,   13,   30,   13,   32,   32,   32,   33,
   33,   34,   34,   34,   35,   36,   36,   37,   37,   37,
   37,   37,   37,   37,   37,   17,   17,   38,   38,   39,
   38,   38,   38,   38,   38,   40,   38,   43,   38,   38,
   38,   38,   38,   38,   44,   44,   42,   42,   42,   41,
   41,   45,   45,   45,   45,   45,   19,   19,   46,   46,
   46,   46,   46,   46,   46,   47,   46,   48,   46,   21,
   21,   49,   49,   49,   23,   23,   50,   50,   50,   25,
   25,   51,   52,   51,   51,   51,   51,   27,   27,   53,
   53,   53,   53,   53,   53,   54,   53,   53,   53,   53,
   53,   53,   53,    9,    9,    8,    8,   29,   29,   55,
   55,   55,   55,   55,   31,   31,   56,   56,   56,   56,
   56,   56,   56,
};
static const YYINT yylen[] = {                            2,
    0,    3,    2,    3,    3,    3,    3,    2,    2,    1,
    3,    2,    0,    1,    1,    1,    1,    1,    1,    1,
    1,    4,    3,    4,    1,    0,    2,    2,    2,    2,
    0,    6,    0,    6,    0,    6,    0,    6,    0,    6,
    0,    7,    0,    7,    0,    7,    2,    2,    3,    0,
    2,    2,    2,    2,    4,    0,    3,    2,    2,    2,
    2,    2,    2,    2,    2,    0,    3,    1,    3,    0,
    5,    6,    4,    3,    3,    0,    7,    0,    5,    4,
    4,    2,    4,    2,    1,    1,    0,    3,    3,    0,
    3,    2,    2,    2,    2,    2,    0,    3,    1,    3,
    2,    2,    2,    3,    2,    0,    3,    0,    4,    0,
    3,    1,    2,    3,    0,    3,    1,    3,    3,    0,
    3,    1,    0,    5,    2,    3,    2,    0,    3,    2,
    2,    2,    2,    2,    2,    0,    3,    2,    2,    2,
    5,    5,    2,    0,    1,    0,    2,    0,    3,    2,
    2,    2,    3,    2,    0,    3,    2,    2,    3,    2,
    2,    2,    2,
};
static const YYINT yydefred[] = {                         1,
    0,    0,   37,   31,   39,    0,    0,    0,    0,   33,
    0,    0,    0,   35,    0,    3,    0,    0,    0,    0,
    7,    0,    0,    0,    8,   43,   45,   27,    0,   29,
   30,   28,   41,    0,    0,    2,    4,    5,    6,    0,
    0,    0,    0,    0,    0,    0,    0,   10,    0,    0,
  115,   66,  120,    0,    0,   97,    0,  110,    9,   12,
    0,    0,    0,  148,  155,    0,  128,    0,    0,    0,
    0,    0,    0,   38,  117,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,   32,   68,    0,    0,    0,
    0,    0,   40,  122,    0,    0,    0,    0,  106,    0,
    0,    0,    0,    0,   34,   99,    0,    0,    0,    0,
   36,  112,    0,    0,   48,    0,    0,   47,  116,    0,
    0,    0,    0,   76,    0,    0,    0,   84,   86,   85,
    0,   17,   16,   82,   67,    0,   18,   19,  127,   20,
    0,  125,  121,    0,    0,    0,    0,    0,   44,    0,
    0,    0,    0,    0,    0,    0,   46,    0,  105,    0,
  108,    0,  102,  101,    0,  103,   98,    0,    0,    0,
    0,    0,  136,    0,    0,    0,    0,   42,    0,    0,
  113,  111,  119,   49,  118,   75,   74,   69,   78,    0,
    0,    0,    0,    0,    0,  123,  126,    0,  152,  154,
  150,  151,  149,    0,   21,    0,  158,  162,  161,  160,
  163,  157,  156,    0,  107,    0,  100,  104,  143,  133,
  131,  130,  132,    0,  139,  138,  140,  134,    0,  135,
  129,  114,   87,    0,   73,    0,   50,   15,   14,   81,
   80,   83,   50,  153,  159,    0,   56,  109,  137,    0,
    0,    0,   90,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,  145,   72,    0,    0,    0,   51,
   25,    0,    0,   22,    0,    0,    0,    0,    0,    0,
    0,    0,   55,    0,    0,  141,  142,   88,   89,    0,
    0,    0,    0,    0,   77,    0,   53,   54,   52,   23,
    0,   59,   64,   63,   60,   62,   61,   58,   65,   57,
  147,   95,   92,   96,   94,   93,   91,   24,
};
#if defined(YYDESTRUCT_CALL) || defined(YYSTYPE_TOSTRING)
static const YYINT yystos[] = {                           0,
  344,  256,  262,  281,  284,  285,  309,  317,  318,  320,
  324,  329,  333,  338,  341,   10,  354,  355,  356,  357,
   10,  366,  360,  368,  341,  341,  341,  341,  362,  271,
  341,  341,  341,  364,   61,   10,   10,   10,   10,  123,
  123,  123,  372,  374,  123,  370,  123,  341,  351,   10,
  358,  358,  358,  123,  123,  358,  123,  358,  341,  358,
  367,  361,  369,  358,  358,  363,  358,  365,  257,  266,
  269,  323,  337,  125,  376,  394,  257,  274,  288,  289,
  293,  294,  312,  313,  331,  125,  376,  382,  259,  272,
  305,  331,  125,  376,  395,  373,  375,  265,  292,  294,
  306,  311,  319,  339,  125,  376,  390,  371,  257,  290,
  125,  376,  393,  337,  341,  328,  286,  341,  358,  280,
  337,  266,  325,  341,  300,  283,  315,  342,  341,  342,
  388,  341,  342,  346,  358,  328,  257,  341,  347,  341,
  348,  346,  358,  289,  297,  331,  335,  336,  125,  399,
  260,  268,  298,  303,  316,  333,  125,  400,  341,  391,
  292,  321,  342,  342,  337,  341,  358,  264,  267,  268,
  273,  291,  292,  298,  322,  325,  326,  125,  397,  304,
  341,  358,  341,  341,  346,  341,  341,  341,  341,  384,
  307,  341,  327,  327,  263,  341,  347,  325,  341,  346,
  341,  341,  358,  341,  341,  123,  349,  258,  349,  349,
  348,  349,  358,  123,  379,  392,  342,  341,  346,  341,
  349,  341,  341,  398,  258,  299,  341,  341,  341,  341,
  358,  314,  387,  123,  342,  307,  383,  341,  342,  345,
  345,  342,  396,  341,  349,  358,  358,  379,  379,  275,
  277,  386,  358,  342,  377,  377,  341,  350,  380,  341,
  341,  261,  287,  385,  310,  353,  280,  296,  302,  378,
   44,  359,  341,  125,  270,  278,  279,  295,  301,  308,
  330,  332,  125,  381,  276,  352,  352,  341,  341,  263,
  282,  312,  313,  334,  125,  389,  341,  342,  341,  358,
  359,  346,  342,  345,  345,  345,  342,  346,  345,  358,
  341,  342,  341,  342,  388,  349,  358,  358,
};
#endif /* YYDESTRUCT_CALL || YYSTYPE_TOSTRING */
static const YYINT yydgoto[] = {                          1,
  240,  134,  139,  141,  207,  258,   49,  286,  266,   17,
   18,   19,   20,   51,  272,   23,   62,   29,   66,   34,
   68,   22,   61,   24,   63,   46,  108,   43,   96,   44,
   97,   75,  255,  270,  215,  259,  284,   88,  237,  190,
  264,  252,  233,  131,  296,  107,  160,  216,  113,   76,
   95,  243,  179,  224,  150,  158,
};
static const YYINT yysindex[] = {                         0,
  -10,   29,    0,    0,    0, -293, -286, -280, -274,    0,
 -253, -273, -272,    0,    9,    0,   61,   64,   65,   66,
    0,  -46,  -43,  -41,    0,    0,    0,    0,  -40,    0,
    0,    0,    0,  -39, -256,    0,    0,    0,    0,   77,
   77,   77,  -34,  -32,   77,  -31,   77,    0, -243,   77,
    0,    0,    0,   77,   77,    0,   77,    0,    0,    0,
  -89,  249,  -99,    0,    0, -111,    0,  -94, -235, -240,
 -224, -181, -234,    0,    0,   77, -264, -160, -217, -232,
 -190, -259, -231, -309, -299,    0,    0,   77, -216, -248,
 -222, -299,    0,    0,   77,  -80,  267, -221,    0, -262,
 -225, -220, -212, -215,    0,    0,   77,  283, -180, -214,
    0,    0,   77, -211,    0, -210, -299,    0,    0, -209,
 -208, -207, -206,    0, -284, -198, -191,    0,    0,    0,
 -142,    0,    0,    0,    0, -203,    0,    0,    0,    0,
 -248,    0,    0, -186, -201, -299, -200, -199,    0,   77,
 -195, -119, -121, -119, -222, -119,    0,   77,    0,   24,
    0, -194,    0,    0, -192,    0,    0, -299, -189, -119,
 -188, -185,    0, -241, -184, -182, -177,    0,   77, -171,
    0,    0,    0,    0,    0,    0,    0,    0,    0,   27,
 -176, -156, -276, -276, -173,    0,    0, -167,    0,    0,
    0,    0,    0, -119,    0,   77,    0,    0,    0,    0,
    0,    0,    0,   77,    0,   24,    0,    0,    0,    0,
    0,    0,    0,   24,    0,    0,    0,    0, -213,    0,
    0,    0,    0,   77,    0, -166,    0,    0,    0,    0,
    0,    0,    0,    0,    0, -163,    0,    0,    0, -159,
 -157, -236,    0, -125, -252, -252,  142, -120,  289,  -87,
  -87, -150, -148,  -71,    0,    0, -144, -138, -143,    0,
    0,   77,  142,    0, -299, -130, -276, -276, -276, -129,
 -299, -276,    0,   77, -127,    0,    0,    0,    0, -124,
 -122, -115, -309, -119,    0,   77,    0,    0,    0,    0,
   77,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,
};
static const YYINT yyrindex[] = {                         0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,  -12,
  251,  114,    0,    0, -104,    0,  262,    0,  213,  168,
    0,    0,    0,   20,  273,    0,  343,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,  -12,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,  251,    0,    0,
    0,    0,    0,    0,  114,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0, -104,    0,    0,    0,
    0,    0,  262,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,   20,
    0,    0,    0,    0,    0,    0,    0,  273,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,  343,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,   -7,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0, -116,    0,    0,    0,    0,
    0,    0,    0,  323,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,   78,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    3,    0,   69,   76,   80,   -9,    0,    0,  104,
  104,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0, -117,   -9,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,  323,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,   78,    0,    0,    0,    0,
 -117,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,
};
#if YYBTYACC
static const YYINT yycindex[] = {                         0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,
};
#endif
static const YYINT yygindex[] = {                         0,
 -183,  -65,   89,   81, -107,    0,    0,  -30,    0,    0,
    0,    0,    0,  -35,  -33,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,  -28,    1,    0, -187,    0,    0,    0,    0,    0,
    0,    0,    0,  -29,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,
};
#define YYTABLESIZE 669
static const YYINT yytable[] = {                         16,
   26,  206,   70,  206,  274,   52,   53,   13,  137,   56,
  241,   58,   79,  105,   60,  120,  225,   30,   64,   65,
   13,   67,  191,  126,  262,   93,  142,  267,  248,  161,
  111,  129,  130,   87,   94,   74,  249,  106,   21,  112,
  119,  132,  133,  268,  149,  209,  210,   25,  212,  269,
  263,  185,  135,  295,   26,  127,  192,  226,  162,  143,
   27,  250,  221,  251,  238,  239,   28,   32,   33,   35,
   36,  167,  121,   37,   38,   39,   40,  182,  144,   41,
  200,   42,   45,   47,   48,   71,   50,   31,   54,  124,
   55,   57,  138,  304,  305,  306,  245,   59,  309,  227,
  115,  114,  219,  116,  117,  122,  118,  123,  124,  125,
  128,  136,   13,  146,  203,   26,  163,   70,  140,  159,
  195,  164,  213,  180,  165,  166,  181,   79,  193,  183,
  184,  186,  187,  188,  189,  194,  208,  196,  198,  199,
  201,  202,  232,  231,   13,  204,  214,  217,  218,  234,
  236,  220,  222,   98,   70,  223,  228,   71,  229,   89,
   13,   13,  109,  230,   13,  235,   70,   69,  242,   71,
  246,   70,   90,  244,   71,  254,   70,  257,  247,   71,
   99,  260,  100,  261,  265,  271,  316,   13,  285,   13,
  288,  290,  289,  144,  101,  110,  297,  299,  253,  102,
   71,   13,   13,  298,  124,   91,   13,  103,  144,  302,
  291,  303,  307,  311,   13,  308,  145,  312,  313,  205,
  273,  205,   11,   13,   13,   73,  314,  104,  146,  197,
  287,   92,   13,   72,   13,  211,  300,   73,   13,  301,
  292,  293,   73,  256,   13,    2,    0,   73,  310,   70,
  146,    3,    0,   13,  147,  148,   13,    0,   70,   79,
  317,   70,  294,  315,    0,  318,   70,    0,   79,    0,
    4,   79,   70,    5,    6,    0,   79,    0,    0,    0,
   70,   70,    0,    0,    0,   70,   70,    0,   70,    0,
   79,   79,   13,    0,   70,   79,   79,    0,    7,    0,
    0,    0,    0,    0,   70,   70,    8,    9,   13,   10,
   13,    0,    0,   11,   79,   79,   13,    0,   12,    0,
    0,    0,   13,   70,   13,  144,    0,   14,    0,   70,
   15,   26,   71,   79,  144,    0,    0,  144,  124,   79,
   13,   71,  144,    0,   71,  124,    0,    0,  124,   71,
   13,  124,    0,    0,   13,   13,  144,  144,    0,   13,
    0,  144,  144,   71,   71,    0,    0,  146,   71,   71,
  146,  146,   13,   86,    0,   13,  146,    0,    0,   13,
  144,  144,   13,    0,  124,   13,   13,   71,   71,   13,
   13,  157,    0,    0,  146,  146,    0,   13,    0,  144,
    0,  146,    0,    0,    0,  144,   71,  178,    0,    0,
  124,   13,   71,  283,    0,    0,  124,    0,   13,    0,
    0,    0,    0,    0,   13,  146,   13,   13,  146,  146,
   13,   13,   13,   13,   13,   13,   13,   13,    0,   13,
   13,   13,    0,    0,   13,   13,   13,   13,    0,   13,
   13,    0,    0,    0,    0,   13,   13,   13,   13,   13,
   13,   13,   13,    0,   13,   13,    0,   13,   13,    0,
   13,    0,   13,   13,    0,   13,    0,    0,   13,   13,
   13,    0,    0,   13,    0,    0,   13,    0,    0,   13,
   13,    0,   13,   13,    0,    0,    0,   13,   13,   13,
   13,   13,   13,   13,   13,   77,   13,   13,   13,    0,
    0,    0,    0,    0,   70,    0,   13,   71,   13,   13,
    0,    0,   78,    0,   13,    0,  151,   13,    0,    0,
   13,    0,   13,    0,  152,    0,   79,   80,   13,   13,
   13,   81,   82,   13,   13,    0,  168,    0,    0,  169,
  170,   13,    0,    0,    0,  171,    0,    0,  275,    0,
   83,   84,   13,   13,  153,    0,  276,  277,    0,  154,
   13,    0,    0,  172,  173,   13,    0,    0,    0,   85,
  174,   13,  155,  278,    0,   73,    0,   13,   13,  279,
    0,    0,   13,    0,    0,    0,  280,    0,   13,  156,
   13,   13,    0,    0,  175,   13,   13,  176,  177,   13,
   13,    0,    0,    0,    0,   13,    0,   13,  281,    0,
  282,    0,    0,   13,    0,    0,    0,    0,    0,    0,
   13,    0,    0,   13,   13,    0,    0,    0,    0,    0,
   13,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,   13,    0,   13,    0,    0,    0,    0,    0,
    0,    0,    0,    0,   13,    0,    0,   13,   13,
};
static const YYINT yycheck[] = {                         10,
   10,  123,   10,  123,  125,   41,   42,  125,  257,   45,
  194,   47,   10,  125,   50,  280,  258,  271,   54,   55,
  125,   57,  307,  283,  261,  125,   92,  280,  216,  292,
  125,  341,  342,   62,   63,  125,  224,   66,   10,   68,
   76,  341,  342,  296,  125,  153,  154,  341,  156,  302,
  287,  117,   88,  125,  341,  315,  341,  299,  321,   95,
  341,  275,  170,  277,  341,  342,  341,  341,  341,   61,
   10,  107,  337,   10,   10,   10,  123,  113,   10,  123,
  146,  123,  123,  123,  341,   10,   10,  341,  123,   10,
  123,  123,  341,  277,  278,  279,  204,  341,  282,  341,
  341,  337,  168,  328,  286,  266,  341,  325,  341,  300,
  342,  328,  125,   10,  150,  125,  342,  125,  341,  341,
  263,  342,  158,  304,  337,  341,  341,  125,  327,  341,
  341,  341,  341,  341,  341,  327,  258,  341,  325,  341,
  341,  341,  314,  179,  125,  341,  123,  342,  341,  123,
  307,  341,  341,  265,  266,  341,  341,  269,  341,  259,
  265,  266,  257,  341,  269,  342,  266,  257,  342,  269,
  206,  266,  272,  341,  269,  342,  266,  341,  214,  269,
  292,  341,  294,  341,  310,   44,  294,  292,  276,  294,
  341,  263,  341,  125,  306,  290,  341,  341,  234,  311,
  125,  306,  125,  342,  125,  305,  311,  319,  289,  275,
  282,  342,  342,  341,  319,  281,  297,  342,  341,  341,
  341,  341,   10,  341,  341,  337,  342,  339,  125,  141,
  261,  331,  337,  323,  339,  155,  272,  337,  125,  273,
  312,  313,  337,  243,  257,  256,   -1,  337,  284,  257,
  331,  262,   -1,  266,  335,  336,  269,   -1,  266,  257,
  296,  269,  334,  293,   -1,  301,  274,   -1,  266,   -1,
  281,  269,  280,  284,  285,   -1,  274,   -1,   -1,   -1,
  288,  289,   -1,   -1,   -1,  293,  294,   -1,  296,   -1,
  288,  289,  125,   -1,  302,  293,  294,   -1,  309,   -1,
   -1,   -1,   -1,   -1,  312,  313,  317,  318,  289,  320,
  323,   -1,   -1,  324,  312,  313,  297,   -1,  329,   -1,
   -1,   -1,  333,  331,  337,  257,   -1,  338,   -1,  337,
  341,  341,  257,  331,  266,   -1,   -1,  269,  259,  337,
  263,  266,  274,   -1,  269,  266,   -1,   -1,  269,  274,
  331,  272,   -1,   -1,  335,  336,  288,  289,   -1,  282,
   -1,  293,  294,  288,  289,   -1,   -1,  264,  293,  294,
  267,  268,  259,  125,   -1,  125,  273,   -1,   -1,  266,
  312,  313,  269,   -1,  305,  272,  125,  312,  313,  312,
  313,  125,   -1,   -1,  291,  292,   -1,  125,   -1,  331,
   -1,  298,   -1,   -1,   -1,  337,  331,  125,   -1,   -1,
  331,  334,  337,  125,   -1,   -1,  337,   -1,  305,   -1,
   -1,   -1,   -1,   -1,  257,  322,  259,  260,  325,  326,
  263,  264,  265,  266,  267,  268,  269,  270,   -1,  272,
  273,  274,   -1,   -1,  331,  278,  279,  125,   -1,  282,
  337,   -1,   -1,   -1,   -1,  288,  289,  290,  291,  292,
  293,  294,  295,   -1,  297,  298,   -1,  125,  301,   -1,
  303,   -1,  305,  306,   -1,  308,   -1,   -1,  311,  312,
  313,   -1,   -1,  316,   -1,   -1,  319,   -1,   -1,  322,
  323,   -1,  325,  326,   -1,   -1,   -1,  330,  331,  332,
  333,  334,  335,  336,  337,  257,  339,  257,  341,   -1,
   -1,   -1,   -1,   -1,  266,   -1,  266,  269,  257,  269,
   -1,   -1,  274,   -1,  274,   -1,  260,  266,   -1,   -1,
  269,   -1,  260,   -1,  268,   -1,  288,  289,  288,  289,
  268,  293,  294,  293,  294,   -1,  264,   -1,   -1,  267,
  268,  290,   -1,   -1,   -1,  273,   -1,   -1,  270,   -1,
  312,  313,  312,  313,  298,   -1,  278,  279,   -1,  303,
  298,   -1,   -1,  291,  292,  303,   -1,   -1,   -1,  331,
  298,  331,  316,  295,   -1,  337,   -1,  337,  316,  301,
   -1,   -1,  270,   -1,   -1,   -1,  308,   -1,  337,  333,
  278,  279,   -1,   -1,  322,  333,  264,  325,  326,  267,
  268,   -1,   -1,   -1,   -1,  273,   -1,  295,  330,   -1,
  332,   -1,   -1,  301,   -1,   -1,   -1,   -1,   -1,   -1,
  308,   -1,   -1,  291,  292,   -1,   -1,   -1,   -1,   -1,
  298,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,  330,   -1,  332,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,  322,   -1,   -1,  325,  326,
};
#if YYBTYACC
static const YYINT yyctable[] = {                        -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
   -1,   -1,   -1,   -1,   -1,   -1,   -1,   -1,
};
#endif
#define YYFINAL 1
#ifndef YYDEBUG
#define YYDEBUG 0
#endif
#define YYMAXTOKEN 342
#define YYUNDFTOKEN 401
#define YYTRANSLATE(a) ((a) > YYMAXTOKEN ? YYUNDFTOKEN : (a))
#if YYDEBUG
static const char *const yyname[] = {

"$end",0,0,0,0,0,0,0,0,0,"'\\n'",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
0,0,0,0,0,0,0,0,0,0,"','",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"'='",0,0,0,0,0,0,0,0,
0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
0,0,0,0,0,0,0,0,0,0,0,0,0,"'{'",0,"'}'",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"error","ALLOW",
"ANY","APPROVER","ARG","AUDIENCE","AUDITD","BURST","CACHE","CGROUP","CHROOT",
"CODE","COMMAND","CONTROL","CPU","DEBUG","DEFAULT","DESCRIPTION","ENGINE","ENV",
"EXPIRES","FILE_","FILES","FILESIZE","GROUP","HARNESSD","HASH","HEADER","HITLD",
"INCLUDE","INTERVAL","ISSUER","JWT","KEY","KEYFILE","LANGUAGE","LIMITS",
"LISTEN","MAX","MEMORY","MODE","MODEL","NETWORK","NONE","ON","OUTPUT","OWNER",
"PATH","PLAINTEXT","POLICY","POOL","PORT","PROCESSES","PROVIDER","PUBLIC",
"QUEUE","QUOTA","RATE","READ","REQUEST","RISK","RULE","RUNDIR","SANDBOX",
"SANDBOXD","SANDBOXES","SCHEMA","SEAL","SECCOMP","SECRET","SHELL","SIZE",
"SOCKET","STATEDIR","TIME","TIMEOUT","TMP","TOOL","TOOLS","TYPE","URL","USER",
"VAULTD","WORKSPACES","ERROR","STRING","NUMBER","$accept","grammar","size",
"duration","decision","level","strlist","strings","string","expires","public",
"include","varset","main","section","optnl","optcomma","$$1","harnessd_opts",
"$$2","sandboxd_opts","$$3","vaultd_opts","$$4","auditd_opts","$$5",
"hitld_opts","$$6","tool_opts","$$7","provider_opts","$$8","rule_opts",
"daemon_opt","sockopts","sockopt","limits","limit_opts","limit_opt",
"harnessd_opt","$$9","$$10","key_opts","jwt_opts","$$11","ratenum","key_opt",
"sandboxd_opt","$$12","$$13","vaultd_opt","auditd_opt","hitld_opt","$$14",
"tool_opt","$$15","provider_opt","rule_opt","illegal-symbol",
};
static const char *const yyrule[] = {
"$accept : grammar",
"grammar :",
"grammar : grammar include '\\n'",
"grammar : grammar '\\n'",
"grammar : grammar varset '\\n'",
"grammar : grammar main '\\n'",
"grammar : grammar section '\\n'",
"grammar : grammar error '\\n'",
"include : INCLUDE STRING",
"string : string STRING",
"string : STRING",
"varset : STRING '=' string",
"optnl : '\\n' optnl",
"optnl :",
"size : NUMBER",
"size : STRING",
"duration : NUMBER",
"duration : STRING",
"decision : ALLOW",
"decision : STRING",
"level : STRING",
"strlist : STRING",
"strlist : '{' optnl strings '}'",
"strings : STRING optcomma optnl",
"strings : strings STRING optcomma optnl",
"optcomma : ','",
"optcomma :",
"main : RUNDIR STRING",
"main : STATEDIR STRING",
"main : SECCOMP DEBUG",
"main : SECCOMP STRING",
"$$1 :",
"section : HARNESSD $$1 '{' optnl harnessd_opts '}'",
"$$2 :",
"section : SANDBOXD $$2 '{' optnl sandboxd_opts '}'",
"$$3 :",
"section : VAULTD $$3 '{' optnl vaultd_opts '}'",
"$$4 :",
"section : AUDITD $$4 '{' optnl auditd_opts '}'",
"$$5 :",
"section : HITLD $$5 '{' optnl hitld_opts '}'",
"$$6 :",
"section : TOOL STRING $$6 '{' optnl tool_opts '}'",
"$$7 :",
"section : PROVIDER STRING $$7 '{' optnl provider_opts '}'",
"$$8 :",
"section : RULE STRING $$8 '{' optnl rule_opts '}'",
"daemon_opt : USER STRING",
"daemon_opt : CHROOT STRING",
"daemon_opt : CONTROL SOCKET STRING",
"sockopts :",
"sockopts : sockopts sockopt",
"sockopt : OWNER STRING",
"sockopt : GROUP STRING",
"sockopt : MODE NUMBER",
"limits : '{' optnl limit_opts '}'",
"limit_opts :",
"limit_opts : limit_opts limit_opt optnl",
"limit_opt : TIME duration",
"limit_opt : CPU duration",
"limit_opt : MEMORY size",
"limit_opt : PROCESSES NUMBER",
"limit_opt : OUTPUT size",
"limit_opt : FILESIZE size",
"limit_opt : FILES NUMBER",
"limit_opt : TMP size",
"harnessd_opts :",
"harnessd_opts : harnessd_opts harnessd_opt optnl",
"harnessd_opt : daemon_opt",
"harnessd_opt : ENGINE CHROOT STRING",
"$$9 :",
"harnessd_opt : LISTEN ON STRING $$9 sockopts",
"harnessd_opt : LISTEN ON STRING PORT NUMBER public",
"harnessd_opt : LISTEN ON PORT NUMBER",
"harnessd_opt : ALLOW USER STRING",
"harnessd_opt : ALLOW GROUP STRING",
"$$10 :",
"harnessd_opt : KEY STRING $$10 '{' optnl key_opts '}'",
"$$11 :",
"harnessd_opt : JWT SECRET STRING $$11 jwt_opts",
"harnessd_opt : MAX REQUEST SIZE size",
"harnessd_opt : MAX HEADER SIZE size",
"harnessd_opt : TIMEOUT duration",
"harnessd_opt : RATE ratenum BURST NUMBER",
"harnessd_opt : QUOTA NUMBER",
"ratenum : NUMBER",
"ratenum : STRING",
"jwt_opts :",
"jwt_opts : jwt_opts AUDIENCE STRING",
"jwt_opts : jwt_opts ISSUER STRING",
"key_opts :",
"key_opts : key_opts key_opt optnl",
"key_opt : HASH STRING",
"key_opt : TOOLS strlist",
"key_opt : RATE ratenum",
"key_opt : BURST NUMBER",
"key_opt : QUOTA NUMBER",
"sandboxd_opts :",
"sandboxd_opts : sandboxd_opts sandboxd_opt optnl",
"sandboxd_opt : daemon_opt",
"sandboxd_opt : MAX SANDBOXES NUMBER",
"sandboxd_opt : QUEUE NUMBER",
"sandboxd_opt : POOL NUMBER",
"sandboxd_opt : WORKSPACES STRING",
"sandboxd_opt : SANDBOX USER STRING",
"sandboxd_opt : CGROUP STRING",
"$$12 :",
"sandboxd_opt : LIMITS $$12 limits",
"$$13 :",
"sandboxd_opt : MAX LIMITS $$13 limits",
"vaultd_opts :",
"vaultd_opts : vaultd_opts vaultd_opt optnl",
"vaultd_opt : daemon_opt",
"vaultd_opt : KEYFILE STRING",
"vaultd_opt : ALLOW PLAINTEXT READ",
"auditd_opts :",
"auditd_opts : auditd_opts auditd_opt optnl",
"auditd_opt : daemon_opt",
"auditd_opt : SEAL INTERVAL duration",
"auditd_opt : ALLOW USER STRING",
"hitld_opts :",
"hitld_opts : hitld_opts hitld_opt optnl",
"hitld_opt : daemon_opt",
"$$14 :",
"hitld_opt : APPROVER SOCKET STRING $$14 sockopts",
"hitld_opt : TIMEOUT duration",
"hitld_opt : POLICY level decision",
"hitld_opt : DEFAULT decision",
"tool_opts :",
"tool_opts : tool_opts tool_opt optnl",
"tool_opt : DESCRIPTION STRING",
"tool_opt : COMMAND strlist",
"tool_opt : LANGUAGE STRING",
"tool_opt : CODE STRING",
"tool_opt : SCHEMA STRING",
"tool_opt : SHELL STRING",
"$$15 :",
"tool_opt : LIMITS $$15 limits",
"tool_opt : NETWORK NONE",
"tool_opt : NETWORK ANY",
"tool_opt : NETWORK STRING",
"tool_opt : SECRET STRING ENV STRING expires",
"tool_opt : SECRET STRING FILE_ STRING expires",
"tool_opt : CACHE duration",
"public :",
"public : PUBLIC",
"expires :",
"expires : EXPIRES STRING",
"provider_opts :",
"provider_opts : provider_opts provider_opt optnl",
"provider_opt : TYPE STRING",
"provider_opt : URL STRING",
"provider_opt : MODEL STRING",
"provider_opt : KEY SECRET STRING",
"provider_opt : TIMEOUT duration",
"rule_opts :",
"rule_opts : rule_opts rule_opt optnl",
"rule_opt : TOOL strlist",
"rule_opt : COMMAND strlist",
"rule_opt : ARG STRING strlist",
"rule_opt : PATH strlist",
"rule_opt : NETWORK strlist",
"rule_opt : NETWORK ANY",
"rule_opt : RISK level",

};
#endif

#if YYDEBUG
int      yydebug;
#endif

int      yyerrflag;
int      yychar;
YYSTYPE  yyval;
YYSTYPE  yylval;
int      yynerrs;

#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
YYLTYPE  yyloc; /* position returned by actions */
YYLTYPE  yylloc; /* position from the lexer */
#endif

#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
#ifndef YYLLOC_DEFAULT
#define YYLLOC_DEFAULT(loc, rhs, n) \
do \
{ \
    if (n == 0) \
    { \
        (loc).first_line   = YYRHSLOC(rhs, 0).last_line; \
        (loc).first_column = YYRHSLOC(rhs, 0).last_column; \
        (loc).last_line    = YYRHSLOC(rhs, 0).last_line; \
        (loc).last_column  = YYRHSLOC(rhs, 0).last_column; \
    } \
    else \
    { \
        (loc).first_line   = YYRHSLOC(rhs, 1).first_line; \
        (loc).first_column = YYRHSLOC(rhs, 1).first_column; \
        (loc).last_line    = YYRHSLOC(rhs, n).last_line; \
        (loc).last_column  = YYRHSLOC(rhs, n).last_column; \
    } \
} while (0)
#endif /* YYLLOC_DEFAULT */
#endif /* defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED) */
#if YYBTYACC

#ifndef YYLVQUEUEGROWTH
#define YYLVQUEUEGROWTH 32
#endif
#endif /* YYBTYACC */

/* define the initial stack-sizes */
#ifdef YYSTACKSIZE
#undef YYMAXDEPTH
#define YYMAXDEPTH  YYSTACKSIZE
#else
#ifdef YYMAXDEPTH
#define YYSTACKSIZE YYMAXDEPTH
#else
#define YYSTACKSIZE 10000
#define YYMAXDEPTH  10000
#endif
#endif

#ifndef YYINITSTACKSIZE
#define YYINITSTACKSIZE 200
#endif

typedef struct {
    unsigned stacksize;
    YYINT    *s_base;
    YYINT    *s_mark;
    YYINT    *s_last;
    YYSTYPE  *l_base;
    YYSTYPE  *l_mark;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    YYLTYPE  *p_base;
    YYLTYPE  *p_mark;
#endif
} YYSTACKDATA;
#if YYBTYACC

struct YYParseState_s
{
    struct YYParseState_s *save;    /* Previously saved parser state */
    YYSTACKDATA            yystack; /* saved parser stack */
    int                    state;   /* saved parser state */
    int                    errflag; /* saved error recovery status */
    int                    lexeme;  /* saved index of the conflict lexeme in the lexical queue */
    YYINT                  ctry;    /* saved index in yyctable[] for this conflict */
};
typedef struct YYParseState_s YYParseState;
#endif /* YYBTYACC */
/* variables for the parser stack */
static YYSTACKDATA yystack;
#if YYBTYACC

/* Current parser state */
static YYParseState *yyps = 0;

/* yypath != NULL: do the full parse, starting at *yypath parser state. */
static YYParseState *yypath = 0;

/* Base of the lexical value queue */
static YYSTYPE *yylvals = 0;

/* Current position at lexical value queue */
static YYSTYPE *yylvp = 0;

/* End position of lexical value queue */
static YYSTYPE *yylve = 0;

/* The last allocated position at the lexical value queue */
static YYSTYPE *yylvlim = 0;

#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
/* Base of the lexical position queue */
static YYLTYPE *yylpsns = 0;

/* Current position at lexical position queue */
static YYLTYPE *yylpp = 0;

/* End position of lexical position queue */
static YYLTYPE *yylpe = 0;

/* The last allocated position at the lexical position queue */
static YYLTYPE *yylplim = 0;
#endif

/* Current position at lexical token queue */
static YYINT  *yylexp = 0;

static YYINT  *yylexemes = 0;
#endif /* YYBTYACC */
#line 1151 "lib/parse.y"


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
	{ "rule", "tool, command, arg, path, network, risk" },
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
	char		 msg[1024], line[1400];
	va_list		 ap;
	size_t		 i;
	const char	*expect = NULL;

	errors++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (strcmp(msg, "syntax error") == 0) {
		for (i = 0; i < sizeof(expects) / sizeof(expects[0]); i++)
			if (strcmp(expects[i].ctx, ctx) == 0)
				expect = expects[i].expect;
		if (lasttok[0] == '\0' || strcmp(lasttok, "\n") == 0)
			snprintf(msg, sizeof(msg), "syntax error at end of "
			    "line in %s", ctx);
		else
			snprintf(msg, sizeof(msg), "syntax error near '%s' in "
			    "%s", lasttok, ctx);
		if (expect != NULL) {
			strlcat(msg, ": expected ", sizeof(msg));
			strlcat(msg, expect, sizeof(msg));
		}
	}
	snprintf(line, sizeof(line), "%s:%d: %s",
	    file != NULL ? file->name : "?",
	    file != NULL ? yylval.lineno : 0, msg);
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
			/* A macro ends: continue in what used it. */
			if (file == topfile || popfile() == EOF)
				return EOF;
			if (quotec)
				continue;
			continue;
		}
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

static int
yylex(void)
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
	if (c == '#')
		while ((c = lgetc(0)) != '\n' && c != EOF)
			; /* nothing */
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
			while (p > buf + 1)
				lungetc((unsigned char)*--p);
			/* a string then: -5s, 12ab, -x */
			c = (unsigned char)*--p;
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
		} while ((c = lgetc(0)) != EOF && (allowed_in_string(c)));
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

/*
 * Walk the bundle.  With want == NULL, call the macro callback for each
 * kind-1 record; otherwise find the file record named want.
 */
static int
bundle_find(const unsigned char *buf, size_t len, const char *want,
    const unsigned char **data, size_t *dlen, int define)
{
	size_t		 off = 4;
	uint32_t	 n32, d32;
	int		 kind;
	char		 name[PATH_MAX + 1];

	if (len < 4 || memcmp(buf, BUNDLE_MAGIC, 4) != 0)
		return -1;
	while (off < len) {
		if (len - off < 5)
			return -1;
		kind = buf[off];
		memcpy(&n32, buf + off + 1, 4);
		off += 5;
		if (n32 > PATH_MAX || len - off < n32)
			return -1;
		memcpy(name, buf + off, n32);
		name[n32] = '\0';
		off += n32;
		if (len - off < 4)
			return -1;
		memcpy(&d32, buf + off, 4);
		off += 4;
		if (d32 > CONF_MAX_FILE || len - off < d32)
			return -1;
		if (define && kind == 1) {
			char	*def;

			if ((def = strndup((const char *)buf + off, d32))
			    == NULL)
				return -1;
			if (conf_define(def) == -1) {
				free(def);
				return -1;
			}
			free(def);
		} else if (!define && kind == 0 && strcmp(name, want) == 0) {
			*data = buf + off;
			*dlen = d32;
			return 0;
		}
		off += d32;
	}
	return define ? 0 : -1;
}

static int
read_whole_file(const char *path, unsigned char **bufp, size_t *lenp)
{
	struct stat	 st;
	unsigned char	*buf;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	if (st.st_size > CONF_MAX_FILE) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return -1;
	}
	while (off < (size_t)st.st_size) {
		n = read(fd, buf + off, (size_t)st.st_size - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
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
	return 0;
}

static struct file *
pushfile(const char *name, int top)
{
	struct file	*nfile, *f;
	unsigned char	*data = NULL;
	const unsigned char *bdata;
	size_t		 dlen = 0, depth = 0;
	char		 path[PATH_MAX], *slash;

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
	if (depth >= CONF_MAX_INCLUDE) {
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
		if (read_whole_file(path, &data, &dlen) == -1) {
			char	 msg[PATH_MAX + 64];

			snprintf(msg, sizeof(msg), "%s: %s", path,
			    strerror(errno));
			if (file != NULL)
				yyerror("cannot include %s", msg);
			else
				errappend(msg);
			errors++;
			free(nfile->name);
			free(nfile);
			return NULL;
		}
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
	return 0;
}

int
conf_define(const char *s)
{
	char	*sym, *val;
	int	 ret;
	size_t	 len;

	/* The name ends at the first '=': values may contain '='. */
	if ((val = strchr(s, '=')) == NULL)
		return -1;
	len = (size_t)(val - s);
	if (len == 0)
		return -1;
	if ((sym = strndup(s, len)) == NULL)
		return -1;
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

static int
parse_expires(const char *s, time_t *t)
{
	struct tm	 tm;
	const char	*ep;

	memset(&tm, 0, sizeof(tm));
	if ((ep = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm)) == NULL ||
	    *ep != '\0') {
		memset(&tm, 0, sizeof(tm));
		if ((ep = strptime(s, "%Y-%m-%d", &tm)) == NULL || *ep != '\0')
			return -1;
	}
	*t = timegm(&tm);
	return *t == (time_t)-1 ? -1 : 0;
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

	if (c->rundir[0] != '/' || c->statedir[0] != '/') {
		snprintf(msg, sizeof(msg), "%s: rundir and statedir must be "
		    "absolute paths", c->path);
		errappend(msg);
		return -1;
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
	pushback_index = 0;
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
	const unsigned char	*p = buf;
	size_t			 off = 4, nlen;
	uint32_t		 n32;
	char			 first[PATH_MAX + 1];

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
	for (;;) {
		if (len < off + 5) {
			if (err != NULL)
				strlcpy(err, "configuration bundle has no "
				    "file", errlen);
			symclear(1);
			return NULL;
		}
		memcpy(&n32, p + off + 1, 4);
		nlen = n32;
		if (nlen > PATH_MAX || len - off - 5 < nlen) {
			symclear(1);
			return NULL;
		}
		if (p[off] == 0) {
			memcpy(first, p + off + 5, nlen);
			first[nlen] = '\0';
			break;
		}
		off += 5 + nlen;
		if (len - off < 4) {
			symclear(1);
			return NULL;
		}
		memcpy(&n32, p + off, 4);
		off += 4 + n32;
	}
	bundle_in = buf;
	bundle_inlen = len;
	bundle_out = NULL;
	c = conf_parse_common(first, err, errlen);
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
#line 2420 "obj-fuzz2/parse.c"

/* Release memory associated with symbol. */
#if ! defined YYDESTRUCT_IS_DECLARED
static void
YYDESTRUCT_DECL()
{
    switch (psymb)
    {
	case 341:
#line 143 "lib/parse.y"
	{ free((*val).v.string); }
#line 2432 "obj-fuzz2/parse.c"
	break;
	case 349:
#line 144 "lib/parse.y"
	{ strlist_free(&(*val).v.list); }
#line 2437 "obj-fuzz2/parse.c"
	break;
	case 350:
#line 144 "lib/parse.y"
	{ strlist_free(&(*val).v.list); }
#line 2442 "obj-fuzz2/parse.c"
	break;
	case 351:
#line 143 "lib/parse.y"
	{ free((*val).v.string); }
#line 2447 "obj-fuzz2/parse.c"
	break;
    }
}
#define YYDESTRUCT_IS_DECLARED 1
#endif

/* For use in generated program */
#define yydepth (int)(yystack.s_mark - yystack.s_base)
#if YYBTYACC
#define yytrial (yyps->save)
#endif /* YYBTYACC */

#if YYDEBUG
#include <stdio.h>	/* needed for printf */
#endif

#include <stdlib.h>	/* needed for malloc, etc */
#include <string.h>	/* needed for memset */

/* allocate initial stack or double stack size, up to YYMAXDEPTH */
static int yygrowstack(YYSTACKDATA *data)
{
    int i;
    unsigned newsize;
    YYINT *newss;
    YYSTYPE *newvs;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    YYLTYPE *newps;
#endif

    if ((newsize = data->stacksize) == 0)
        newsize = YYINITSTACKSIZE;
    else if (newsize >= YYMAXDEPTH)
        return YYENOMEM;
    else if ((newsize *= 2) > YYMAXDEPTH)
        newsize = YYMAXDEPTH;

    i = (int) (data->s_mark - data->s_base);
    newss = (YYINT *)realloc(data->s_base, newsize * sizeof(*newss));
    if (newss == 0)
        return YYENOMEM;

    data->s_base = newss;
    data->s_mark = newss + i;

    newvs = (YYSTYPE *)realloc(data->l_base, newsize * sizeof(*newvs));
    if (newvs == 0)
        return YYENOMEM;

    data->l_base = newvs;
    data->l_mark = newvs + i;

#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    newps = (YYLTYPE *)realloc(data->p_base, newsize * sizeof(*newps));
    if (newps == 0)
        return YYENOMEM;

    data->p_base = newps;
    data->p_mark = newps + i;
#endif

    data->stacksize = newsize;
    data->s_last = data->s_base + newsize - 1;

#if YYDEBUG
    if (yydebug)
        fprintf(stderr, "%sdebug: stack size increased to %d\n", YYPREFIX, newsize);
#endif
    return 0;
}

#if YYPURE || defined(YY_NO_LEAKS)
static void yyfreestack(YYSTACKDATA *data)
{
    free(data->s_base);
    free(data->l_base);
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    free(data->p_base);
#endif
    memset(data, 0, sizeof(*data));
}
#else
#define yyfreestack(data) /* nothing */
#endif /* YYPURE || defined(YY_NO_LEAKS) */
#if YYBTYACC

static YYParseState *
yyNewState(unsigned size)
{
    YYParseState *p = (YYParseState *) malloc(sizeof(YYParseState));
    if (p == NULL) return NULL;

    p->yystack.stacksize = size;
    if (size == 0)
    {
        p->yystack.s_base = NULL;
        p->yystack.l_base = NULL;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
        p->yystack.p_base = NULL;
#endif
        return p;
    }
    p->yystack.s_base    = (YYINT *) malloc(size * sizeof(YYINT));
    if (p->yystack.s_base == NULL) return NULL;
    p->yystack.l_base    = (YYSTYPE *) malloc(size * sizeof(YYSTYPE));
    if (p->yystack.l_base == NULL) return NULL;
    memset(p->yystack.l_base, 0, size * sizeof(YYSTYPE));
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    p->yystack.p_base    = (YYLTYPE *) malloc(size * sizeof(YYLTYPE));
    if (p->yystack.p_base == NULL) return NULL;
    memset(p->yystack.p_base, 0, size * sizeof(YYLTYPE));
#endif

    return p;
}

static void
yyFreeState(YYParseState *p)
{
    yyfreestack(&p->yystack);
    free(p);
}
#endif /* YYBTYACC */

#define YYABORT  goto yyabort
#define YYREJECT goto yyabort
#define YYACCEPT goto yyaccept
#define YYERROR  goto yyerrlab
#if YYBTYACC
#define YYVALID        do { if (yyps->save)            goto yyvalid; } while(0)
#define YYVALID_NESTED do { if (yyps->save && \
                                yyps->save->save == 0) goto yyvalid; } while(0)
#endif /* YYBTYACC */

int
YYPARSE_DECL()
{
    int yym, yyn, yystate, yyresult;
#if YYBTYACC
    int yynewerrflag;
    YYParseState *yyerrctx = NULL;
#endif /* YYBTYACC */
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    YYLTYPE  yyerror_loc_range[3]; /* position of error start/end (0 unused) */
#endif
#if YYDEBUG
    const char *yys;

    if ((yys = getenv("YYDEBUG")) != 0)
    {
        yyn = *yys;
        if (yyn >= '0' && yyn <= '9')
            yydebug = yyn - '0';
    }
    if (yydebug)
        fprintf(stderr, "%sdebug[<# of symbols on state stack>]\n", YYPREFIX);
#endif
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    memset(yyerror_loc_range, 0, sizeof(yyerror_loc_range));
#endif

#if YYBTYACC
    yyps = yyNewState(0); if (yyps == 0) goto yyenomem;
    yyps->save = 0;
#endif /* YYBTYACC */
    yym = 0;
    /* yyn is set below */
    yynerrs = 0;
    yyerrflag = 0;
    yychar = YYEMPTY;
    yystate = 0;

#if YYPURE
    memset(&yystack, 0, sizeof(yystack));
#endif

    if (yystack.s_base == NULL && yygrowstack(&yystack) == YYENOMEM) goto yyoverflow;
    yystack.s_mark = yystack.s_base;
    yystack.l_mark = yystack.l_base;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    yystack.p_mark = yystack.p_base;
#endif
    yystate = 0;
    *yystack.s_mark = 0;

yyloop:
    if ((yyn = yydefred[yystate]) != 0) goto yyreduce;
    if (yychar < 0)
    {
#if YYBTYACC
        do {
        if (yylvp < yylve)
        {
            /* we're currently re-reading tokens */
            yylval = *yylvp++;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            yylloc = *yylpp++;
#endif
            yychar = *yylexp++;
            break;
        }
        if (yyps->save)
        {
            /* in trial mode; save scanner results for future parse attempts */
            if (yylvp == yylvlim)
            {   /* Enlarge lexical value queue */
                size_t p = (size_t) (yylvp - yylvals);
                size_t s = (size_t) (yylvlim - yylvals);

                s += YYLVQUEUEGROWTH;
                if ((yylexemes = (YYINT *)realloc(yylexemes, s * sizeof(YYINT))) == NULL) goto yyenomem;
                if ((yylvals   = (YYSTYPE *)realloc(yylvals, s * sizeof(YYSTYPE))) == NULL) goto yyenomem;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                if ((yylpsns   = (YYLTYPE *)realloc(yylpsns, s * sizeof(YYLTYPE))) == NULL) goto yyenomem;
#endif
                yylvp   = yylve = yylvals + p;
                yylvlim = yylvals + s;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                yylpp   = yylpe = yylpsns + p;
                yylplim = yylpsns + s;
#endif
                yylexp  = yylexemes + p;
            }
            *yylexp = (YYINT) YYLEX;
            *yylvp++ = yylval;
            yylve++;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            *yylpp++ = yylloc;
            yylpe++;
#endif
            yychar = *yylexp++;
            break;
        }
        /* normal operation, no conflict encountered */
#endif /* YYBTYACC */
        yychar = YYLEX;
#if YYBTYACC
        } while (0);
#endif /* YYBTYACC */
        if (yychar < 0) yychar = YYEOF;
#if YYDEBUG
        if (yydebug)
        {
            if ((yys = yyname[YYTRANSLATE(yychar)]) == NULL) yys = yyname[YYUNDFTOKEN];
            fprintf(stderr, "%s[%d]: state %d, reading token %d (%s)",
                            YYDEBUGSTR, yydepth, yystate, yychar, yys);
#ifdef YYSTYPE_TOSTRING
#if YYBTYACC
            if (!yytrial)
#endif /* YYBTYACC */
                fprintf(stderr, " <%s>", YYSTYPE_TOSTRING(yychar, yylval));
#endif
            fputc('\n', stderr);
        }
#endif
    }
#if YYBTYACC

    /* Do we have a conflict? */
    if (((yyn = yycindex[yystate]) != 0) && (yyn += yychar) >= 0 &&
        yyn <= YYTABLESIZE && yycheck[yyn] == (YYINT) yychar)
    {
        YYINT ctry;

        if (yypath)
        {
            YYParseState *save;
#if YYDEBUG
            if (yydebug)
                fprintf(stderr, "%s[%d]: CONFLICT in state %d: following successful trial parse\n",
                                YYDEBUGSTR, yydepth, yystate);
#endif
            /* Switch to the next conflict context */
            save = yypath;
            yypath = save->save;
            save->save = NULL;
            ctry = save->ctry;
            if (save->state != yystate) YYABORT;
            yyFreeState(save);

        }
        else
        {

            /* Unresolved conflict - start/continue trial parse */
            YYParseState *save;
#if YYDEBUG
            if (yydebug)
            {
                fprintf(stderr, "%s[%d]: CONFLICT in state %d. ", YYDEBUGSTR, yydepth, yystate);
                if (yyps->save)
                    fputs("ALREADY in conflict, continuing trial parse.\n", stderr);
                else
                    fputs("Starting trial parse.\n", stderr);
            }
#endif
            save                  = yyNewState((unsigned)(yystack.s_mark - yystack.s_base + 1));
            if (save == NULL) goto yyenomem;
            save->save            = yyps->save;
            save->state           = yystate;
            save->errflag         = yyerrflag;
            save->yystack.s_mark  = save->yystack.s_base + (yystack.s_mark - yystack.s_base);
            memcpy (save->yystack.s_base, yystack.s_base, (size_t) (yystack.s_mark - yystack.s_base + 1) * sizeof(YYINT));
            save->yystack.l_mark  = save->yystack.l_base + (yystack.l_mark - yystack.l_base);
            memcpy (save->yystack.l_base, yystack.l_base, (size_t) (yystack.l_mark - yystack.l_base + 1) * sizeof(YYSTYPE));
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            save->yystack.p_mark  = save->yystack.p_base + (yystack.p_mark - yystack.p_base);
            memcpy (save->yystack.p_base, yystack.p_base, (size_t) (yystack.p_mark - yystack.p_base + 1) * sizeof(YYLTYPE));
#endif
            ctry                  = yytable[yyn];
            if (yyctable[ctry] == -1)
            {
#if YYDEBUG
                if (yydebug && yychar >= YYEOF)
                    fprintf(stderr, "%s[%d]: backtracking 1 token\n", YYDEBUGSTR, yydepth);
#endif
                ctry++;
            }
            save->ctry = ctry;
            if (yyps->save == NULL)
            {
                /* If this is a first conflict in the stack, start saving lexemes */
                if (!yylexemes)
                {
                    yylexemes = (YYINT *) malloc((YYLVQUEUEGROWTH) * sizeof(YYINT));
                    if (yylexemes == NULL) goto yyenomem;
                    yylvals   = (YYSTYPE *) malloc((YYLVQUEUEGROWTH) * sizeof(YYSTYPE));
                    if (yylvals == NULL) goto yyenomem;
                    yylvlim   = yylvals + YYLVQUEUEGROWTH;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                    yylpsns   = (YYLTYPE *) malloc((YYLVQUEUEGROWTH) * sizeof(YYLTYPE));
                    if (yylpsns == NULL) goto yyenomem;
                    yylplim   = yylpsns + YYLVQUEUEGROWTH;
#endif
                }
                if (yylvp == yylve)
                {
                    yylvp  = yylve = yylvals;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                    yylpp  = yylpe = yylpsns;
#endif
                    yylexp = yylexemes;
                    if (yychar >= YYEOF)
                    {
                        *yylve++ = yylval;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                        *yylpe++ = yylloc;
#endif
                        *yylexp  = (YYINT) yychar;
                        yychar   = YYEMPTY;
                    }
                }
            }
            if (yychar >= YYEOF)
            {
                yylvp--;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                yylpp--;
#endif
                yylexp--;
                yychar = YYEMPTY;
            }
            save->lexeme = (int) (yylvp - yylvals);
            yyps->save   = save;
        }
        if (yytable[yyn] == ctry)
        {
#if YYDEBUG
            if (yydebug)
                fprintf(stderr, "%s[%d]: state %d, shifting to state %d\n",
                                YYDEBUGSTR, yydepth, yystate, yyctable[ctry]);
#endif
            if (yychar < 0)
            {
                yylvp++;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                yylpp++;
#endif
                yylexp++;
            }
            if (yystack.s_mark >= yystack.s_last && yygrowstack(&yystack) == YYENOMEM)
                goto yyoverflow;
            yystate = yyctable[ctry];
            *++yystack.s_mark = (YYINT) yystate;
            *++yystack.l_mark = yylval;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            *++yystack.p_mark = yylloc;
#endif
            yychar  = YYEMPTY;
            if (yyerrflag > 0) --yyerrflag;
            goto yyloop;
        }
        else
        {
            yyn = yyctable[ctry];
            goto yyreduce;
        }
    } /* End of code dealing with conflicts */
#endif /* YYBTYACC */
    if (((yyn = yysindex[yystate]) != 0) && (yyn += yychar) >= 0 &&
            yyn <= YYTABLESIZE && yycheck[yyn] == (YYINT) yychar)
    {
#if YYDEBUG
        if (yydebug)
            fprintf(stderr, "%s[%d]: state %d, shifting to state %d\n",
                            YYDEBUGSTR, yydepth, yystate, yytable[yyn]);
#endif
        if (yystack.s_mark >= yystack.s_last && yygrowstack(&yystack) == YYENOMEM) goto yyoverflow;
        yystate = yytable[yyn];
        *++yystack.s_mark = yytable[yyn];
        *++yystack.l_mark = yylval;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
        *++yystack.p_mark = yylloc;
#endif
        yychar = YYEMPTY;
        if (yyerrflag > 0)  --yyerrflag;
        goto yyloop;
    }
    if (((yyn = yyrindex[yystate]) != 0) && (yyn += yychar) >= 0 &&
            yyn <= YYTABLESIZE && yycheck[yyn] == (YYINT) yychar)
    {
        yyn = yytable[yyn];
        goto yyreduce;
    }
    if (yyerrflag != 0) goto yyinrecovery;
#if YYBTYACC

    yynewerrflag = 1;
    goto yyerrhandler;
    goto yyerrlab; /* redundant goto avoids 'unused label' warning */

yyerrlab:
    /* explicit YYERROR from an action -- pop the rhs of the rule reduced
     * before looking for error recovery */
    yystack.s_mark -= yym;
    yystate = *yystack.s_mark;
    yystack.l_mark -= yym;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    yystack.p_mark -= yym;
#endif

    yynewerrflag = 0;
yyerrhandler:
    while (yyps->save)
    {
        int ctry;
        YYParseState *save = yyps->save;
#if YYDEBUG
        if (yydebug)
            fprintf(stderr, "%s[%d]: ERROR in state %d, CONFLICT BACKTRACKING to state %d, %d tokens\n",
                            YYDEBUGSTR, yydepth, yystate, yyps->save->state,
                    (int)(yylvp - yylvals - yyps->save->lexeme));
#endif
        /* Memorize most forward-looking error state in case it's really an error. */
        if (yyerrctx == NULL || yyerrctx->lexeme < yylvp - yylvals)
        {
            /* Free old saved error context state */
            if (yyerrctx) yyFreeState(yyerrctx);
            /* Create and fill out new saved error context state */
            yyerrctx                 = yyNewState((unsigned)(yystack.s_mark - yystack.s_base + 1));
            if (yyerrctx == NULL) goto yyenomem;
            yyerrctx->save           = yyps->save;
            yyerrctx->state          = yystate;
            yyerrctx->errflag        = yyerrflag;
            yyerrctx->yystack.s_mark = yyerrctx->yystack.s_base + (yystack.s_mark - yystack.s_base);
            memcpy (yyerrctx->yystack.s_base, yystack.s_base, (size_t) (yystack.s_mark - yystack.s_base + 1) * sizeof(YYINT));
            yyerrctx->yystack.l_mark = yyerrctx->yystack.l_base + (yystack.l_mark - yystack.l_base);
            memcpy (yyerrctx->yystack.l_base, yystack.l_base, (size_t) (yystack.l_mark - yystack.l_base + 1) * sizeof(YYSTYPE));
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            yyerrctx->yystack.p_mark = yyerrctx->yystack.p_base + (yystack.p_mark - yystack.p_base);
            memcpy (yyerrctx->yystack.p_base, yystack.p_base, (size_t) (yystack.p_mark - yystack.p_base + 1) * sizeof(YYLTYPE));
#endif
            yyerrctx->lexeme         = (int) (yylvp - yylvals);
        }
        yylvp          = yylvals   + save->lexeme;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
        yylpp          = yylpsns   + save->lexeme;
#endif
        yylexp         = yylexemes + save->lexeme;
        yychar         = YYEMPTY;
        yystack.s_mark = yystack.s_base + (save->yystack.s_mark - save->yystack.s_base);
        memcpy (yystack.s_base, save->yystack.s_base, (size_t) (yystack.s_mark - yystack.s_base + 1) * sizeof(YYINT));
        yystack.l_mark = yystack.l_base + (save->yystack.l_mark - save->yystack.l_base);
        memcpy (yystack.l_base, save->yystack.l_base, (size_t) (yystack.l_mark - yystack.l_base + 1) * sizeof(YYSTYPE));
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
        yystack.p_mark = yystack.p_base + (save->yystack.p_mark - save->yystack.p_base);
        memcpy (yystack.p_base, save->yystack.p_base, (size_t) (yystack.p_mark - yystack.p_base + 1) * sizeof(YYLTYPE));
#endif
        ctry           = ++save->ctry;
        yystate        = save->state;
        /* We tried shift, try reduce now */
        if ((yyn = yyctable[ctry]) >= 0) goto yyreduce;
        yyps->save     = save->save;
        save->save     = NULL;
        yyFreeState(save);

        /* Nothing left on the stack -- error */
        if (!yyps->save)
        {
#if YYDEBUG
            if (yydebug)
                fprintf(stderr, "%sdebug[%d,trial]: trial parse FAILED, entering ERROR mode\n",
                                YYPREFIX, yydepth);
#endif
            /* Restore state as it was in the most forward-advanced error */
            yylvp          = yylvals   + yyerrctx->lexeme;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            yylpp          = yylpsns   + yyerrctx->lexeme;
#endif
            yylexp         = yylexemes + yyerrctx->lexeme;
            yychar         = yylexp[-1];
            yylval         = yylvp[-1];
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            yylloc         = yylpp[-1];
#endif
            yystack.s_mark = yystack.s_base + (yyerrctx->yystack.s_mark - yyerrctx->yystack.s_base);
            memcpy (yystack.s_base, yyerrctx->yystack.s_base, (size_t) (yystack.s_mark - yystack.s_base + 1) * sizeof(YYINT));
            yystack.l_mark = yystack.l_base + (yyerrctx->yystack.l_mark - yyerrctx->yystack.l_base);
            memcpy (yystack.l_base, yyerrctx->yystack.l_base, (size_t) (yystack.l_mark - yystack.l_base + 1) * sizeof(YYSTYPE));
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            yystack.p_mark = yystack.p_base + (yyerrctx->yystack.p_mark - yyerrctx->yystack.p_base);
            memcpy (yystack.p_base, yyerrctx->yystack.p_base, (size_t) (yystack.p_mark - yystack.p_base + 1) * sizeof(YYLTYPE));
#endif
            yystate        = yyerrctx->state;
            yyFreeState(yyerrctx);
            yyerrctx       = NULL;
        }
        yynewerrflag = 1;
    }
    if (yynewerrflag == 0) goto yyinrecovery;
#endif /* YYBTYACC */

    YYERROR_CALL("syntax error");
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    yyerror_loc_range[1] = yylloc; /* lookahead position is error start position */
#endif

#if !YYBTYACC
    goto yyerrlab; /* redundant goto avoids 'unused label' warning */
yyerrlab:
#endif
    ++yynerrs;

yyinrecovery:
    if (yyerrflag < 3)
    {
        yyerrflag = 3;
        for (;;)
        {
            if (((yyn = yysindex[*yystack.s_mark]) != 0) && (yyn += YYERRCODE) >= 0 &&
                    yyn <= YYTABLESIZE && yycheck[yyn] == (YYINT) YYERRCODE)
            {
#if YYDEBUG
                if (yydebug)
                    fprintf(stderr, "%s[%d]: state %d, error recovery shifting to state %d\n",
                                    YYDEBUGSTR, yydepth, *yystack.s_mark, yytable[yyn]);
#endif
                if (yystack.s_mark >= yystack.s_last && yygrowstack(&yystack) == YYENOMEM) goto yyoverflow;
                yystate = yytable[yyn];
                *++yystack.s_mark = yytable[yyn];
                *++yystack.l_mark = yylval;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                /* lookahead position is error end position */
                yyerror_loc_range[2] = yylloc;
                YYLLOC_DEFAULT(yyloc, yyerror_loc_range, 2); /* position of error span */
                *++yystack.p_mark = yyloc;
#endif
                goto yyloop;
            }
            else
            {
#if YYDEBUG
                if (yydebug)
                    fprintf(stderr, "%s[%d]: error recovery discarding state %d\n",
                                    YYDEBUGSTR, yydepth, *yystack.s_mark);
#endif
                if (yystack.s_mark <= yystack.s_base) goto yyabort;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                /* the current TOS position is the error start position */
                yyerror_loc_range[1] = *yystack.p_mark;
#endif
#if defined(YYDESTRUCT_CALL)
#if YYBTYACC
                if (!yytrial)
#endif /* YYBTYACC */
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                    YYDESTRUCT_CALL("error: discarding state",
                                    yystos[*yystack.s_mark], yystack.l_mark, yystack.p_mark);
#else
                    YYDESTRUCT_CALL("error: discarding state",
                                    yystos[*yystack.s_mark], yystack.l_mark);
#endif /* defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED) */
#endif /* defined(YYDESTRUCT_CALL) */
                --yystack.s_mark;
                --yystack.l_mark;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                --yystack.p_mark;
#endif
            }
        }
    }
    else
    {
        if (yychar == YYEOF) goto yyabort;
#if YYDEBUG
        if (yydebug)
        {
            if ((yys = yyname[YYTRANSLATE(yychar)]) == NULL) yys = yyname[YYUNDFTOKEN];
            fprintf(stderr, "%s[%d]: state %d, error recovery discarding token %d (%s)\n",
                            YYDEBUGSTR, yydepth, yystate, yychar, yys);
        }
#endif
#if defined(YYDESTRUCT_CALL)
#if YYBTYACC
        if (!yytrial)
#endif /* YYBTYACC */
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
            YYDESTRUCT_CALL("error: discarding token", yychar, &yylval, &yylloc);
#else
            YYDESTRUCT_CALL("error: discarding token", yychar, &yylval);
#endif /* defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED) */
#endif /* defined(YYDESTRUCT_CALL) */
        yychar = YYEMPTY;
        goto yyloop;
    }

yyreduce:
    yym = yylen[yyn];
#if YYDEBUG
    if (yydebug)
    {
        fprintf(stderr, "%s[%d]: state %d, reducing by rule %d (%s)",
                        YYDEBUGSTR, yydepth, yystate, yyn, yyrule[yyn]);
#ifdef YYSTYPE_TOSTRING
#if YYBTYACC
        if (!yytrial)
#endif /* YYBTYACC */
            if (yym > 0)
            {
                int i;
                fputc('<', stderr);
                for (i = yym; i > 0; i--)
                {
                    if (i != yym) fputs(", ", stderr);
                    fputs(YYSTYPE_TOSTRING(yystos[yystack.s_mark[1-i]],
                                           yystack.l_mark[1-i]), stderr);
                }
                fputc('>', stderr);
            }
#endif
        fputc('\n', stderr);
    }
#endif
    if (yym > 0)
        yyval = yystack.l_mark[1-yym];
    else
        memset(&yyval, 0, sizeof yyval);
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)

    /* Perform position reduction */
    memset(&yyloc, 0, sizeof(yyloc));
#if YYBTYACC
    if (!yytrial)
#endif /* YYBTYACC */
    {
        YYLLOC_DEFAULT(yyloc, &yystack.p_mark[-yym], yym);
        /* just in case YYERROR is invoked within the action, save
           the start of the rhs as the error start position */
        yyerror_loc_range[1] = yystack.p_mark[1-yym];
    }
#endif

    switch (yyn)
    {
case 8:
#line 158 "lib/parse.y"
	{
			struct file	*nfile;

			if ((nfile = pushfile(yystack.l_mark[0].v.string, 0)) == NULL) {
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
			file = nfile;
			/*
			 * The '\n' the rule still wants; the real one follows
			 * when the included file ends.  Lexing it counts a
			 * line of the new file, hence line 0.
			 */
			file->lineno = 0;
			lungetc('\n');
		}
#line 3141 "obj-fuzz2/parse.c"
break;
case 9:
#line 177 "lib/parse.y"
	{
			if (asprintf(&yyval.v.string, "%s %s", yystack.l_mark[-1].v.string, yystack.l_mark[0].v.string) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
			FREE_STR(yystack.l_mark[-1].v.string);
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 3153 "obj-fuzz2/parse.c"
break;
case 11:
#line 188 "lib/parse.y"
	{
			char *s = yystack.l_mark[-2].v.string;
			for (; *s; s++)
				if (!isalnum((unsigned char)*s) && *s != '_') {
					yyerror("macro name may contain only "
					    "letters, digits and '_'");
					FREE_STR(yystack.l_mark[-2].v.string);
					FREE_STR(yystack.l_mark[0].v.string);
					YYERROR;
				}
			if (symset(yystack.l_mark[-2].v.string, yystack.l_mark[0].v.string, 0) == -1) {
				yyerror("cannot store macro");
				FREE_STR(yystack.l_mark[-2].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[-2].v.string);
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 3176 "obj-fuzz2/parse.c"
break;
case 14:
#line 213 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0) {
				yyerror("expected a size, got a negative "
				    "number");
				YYERROR;
			}
			yyval.v.u64 = (uint64_t)yystack.l_mark[0].v.number;
		}
#line 3188 "obj-fuzz2/parse.c"
break;
case 15:
#line 221 "lib/parse.y"
	{
			if (conf_parse_size(yystack.l_mark[0].v.string, &yyval.v.u64) == -1) {
				yyerror("expected a size like 512K, 64M or "
				    "2G, got '%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 3201 "obj-fuzz2/parse.c"
break;
case 16:
#line 232 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0 || yystack.l_mark[0].v.number > INT32_MAX) {
				yyerror("expected a duration, got %lld",
				    (long long)yystack.l_mark[0].v.number);
				YYERROR;
			}
			yyval.v.u64 = (uint64_t)yystack.l_mark[0].v.number * 1000;
		}
#line 3213 "obj-fuzz2/parse.c"
break;
case 17:
#line 240 "lib/parse.y"
	{
			if (conf_parse_duration(yystack.l_mark[0].v.string, &yyval.v.u64) == -1) {
				yyerror("expected a duration like 500ms, "
				    "30s, 5m or 1h, got '%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 3226 "obj-fuzz2/parse.c"
break;
case 18:
#line 251 "lib/parse.y"
	{ yyval.v.number = DECIDE_ALLOW; }
#line 3231 "obj-fuzz2/parse.c"
break;
case 19:
#line 252 "lib/parse.y"
	{
			if (strcmp(yystack.l_mark[0].v.string, "ask") == 0)
				yyval.v.number = DECIDE_ASK;
			else if (strcmp(yystack.l_mark[0].v.string, "deny") == 0)
				yyval.v.number = DECIDE_DENY;
			else {
				yyerror("expected allow, ask or deny, got "
				    "'%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 3248 "obj-fuzz2/parse.c"
break;
case 20:
#line 267 "lib/parse.y"
	{
			if (strcmp(yystack.l_mark[0].v.string, "low") == 0)
				yyval.v.number = 0;
			else if (strcmp(yystack.l_mark[0].v.string, "medium") == 0)
				yyval.v.number = 1;
			else if (strcmp(yystack.l_mark[0].v.string, "high") == 0)
				yyval.v.number = 2;
			else if (strcmp(yystack.l_mark[0].v.string, "critical") == 0)
				yyval.v.number = 3;
			else {
				yyerror("expected a risk level (low, medium, "
				    "high, critical), got '%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 3269 "obj-fuzz2/parse.c"
break;
case 21:
#line 286 "lib/parse.y"
	{
			memset(&yyval.v.list, 0, sizeof(yyval.v.list));
			if (strlist_add(&yyval.v.list, STEAL(yystack.l_mark[0].v.string)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
#line 3280 "obj-fuzz2/parse.c"
break;
case 22:
#line 293 "lib/parse.y"
	{ yyval.v.list = yystack.l_mark[-1].v.list; }
#line 3285 "obj-fuzz2/parse.c"
break;
case 23:
#line 296 "lib/parse.y"
	{
			memset(&yyval.v.list, 0, sizeof(yyval.v.list));
			if (strlist_add(&yyval.v.list, STEAL(yystack.l_mark[-2].v.string)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
#line 3296 "obj-fuzz2/parse.c"
break;
case 24:
#line 303 "lib/parse.y"
	{
			yyval.v.list = yystack.l_mark[-3].v.list;
			if (strlist_add(&yyval.v.list, STEAL(yystack.l_mark[-2].v.string)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
#line 3307 "obj-fuzz2/parse.c"
break;
case 27:
#line 316 "lib/parse.y"
	{
			if (set_str(conf->rundir, sizeof(conf->rundir), &yystack.l_mark[0].v.string,
			    "rundir") == -1)
				YYERROR;
		}
#line 3316 "obj-fuzz2/parse.c"
break;
case 28:
#line 321 "lib/parse.y"
	{
			if (set_str(conf->statedir, sizeof(conf->statedir),
			    &yystack.l_mark[0].v.string, "statedir") == -1)
				YYERROR;
		}
#line 3325 "obj-fuzz2/parse.c"
break;
case 29:
#line 326 "lib/parse.y"
	{ conf->seccomp_debug = 1; }
#line 3330 "obj-fuzz2/parse.c"
break;
case 30:
#line 327 "lib/parse.y"
	{
			if (strcmp(yystack.l_mark[0].v.string, "kill") != 0) {
				yyerror("expected 'seccomp kill' or "
				    "'seccomp debug'");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
			conf->seccomp_debug = 0;
		}
#line 3344 "obj-fuzz2/parse.c"
break;
case 31:
#line 339 "lib/parse.y"
	{
			ctx = "harnessd";
			cur_daemon = &conf->harnessd.d;
			cur_daemon_id = D_HARNESSD;
		}
#line 3353 "obj-fuzz2/parse.c"
break;
case 32:
#line 343 "lib/parse.y"
	{ ctx = "top level"; }
#line 3358 "obj-fuzz2/parse.c"
break;
case 33:
#line 344 "lib/parse.y"
	{
			ctx = "sandboxd";
			cur_daemon = &conf->sandboxd.d;
			cur_daemon_id = D_SANDBOXD;
		}
#line 3367 "obj-fuzz2/parse.c"
break;
case 34:
#line 348 "lib/parse.y"
	{ ctx = "top level"; }
#line 3372 "obj-fuzz2/parse.c"
break;
case 35:
#line 349 "lib/parse.y"
	{
			ctx = "vaultd";
			cur_daemon = &conf->vaultd.d;
			cur_daemon_id = D_VAULTD;
		}
#line 3381 "obj-fuzz2/parse.c"
break;
case 36:
#line 353 "lib/parse.y"
	{ ctx = "top level"; }
#line 3386 "obj-fuzz2/parse.c"
break;
case 37:
#line 354 "lib/parse.y"
	{
			ctx = "auditd";
			cur_daemon = &conf->auditd.d;
			cur_daemon_id = D_AUDITD;
		}
#line 3395 "obj-fuzz2/parse.c"
break;
case 38:
#line 358 "lib/parse.y"
	{ ctx = "top level"; }
#line 3400 "obj-fuzz2/parse.c"
break;
case 39:
#line 359 "lib/parse.y"
	{
			ctx = "hitld";
			cur_daemon = &conf->hitld.d;
			cur_daemon_id = D_HITLD;
		}
#line 3409 "obj-fuzz2/parse.c"
break;
case 40:
#line 363 "lib/parse.y"
	{ ctx = "top level"; }
#line 3414 "obj-fuzz2/parse.c"
break;
case 41:
#line 364 "lib/parse.y"
	{
			ctx = "tool";
			if (check_name(yystack.l_mark[0].v.string, "tool") == -1) {
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (conf_tool_find(conf, yystack.l_mark[0].v.string) != NULL) {
				yyerror("tool '%s' defined twice", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if ((cur_tool = calloc(1, sizeof(*cur_tool))) ==
			    NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			tool_init(cur_tool);
			strlcpy(cur_tool->name, yystack.l_mark[0].v.string, sizeof(cur_tool->name));
			strlcpy(cur_tool->file, file->name,
			    sizeof(cur_tool->file));
			cur_tool->line = yylval.lineno;
			FREE_STR(yystack.l_mark[0].v.string);
			TAILQ_INSERT_TAIL(&conf->tools, cur_tool, entry);
		}
#line 3443 "obj-fuzz2/parse.c"
break;
case 42:
#line 388 "lib/parse.y"
	{
			ctx = "top level";
			cur_tool = NULL;
		}
#line 3451 "obj-fuzz2/parse.c"
break;
case 43:
#line 392 "lib/parse.y"
	{
			struct conf_provider *p;

			ctx = "provider";
			if (check_name(yystack.l_mark[0].v.string, "provider") == -1) {
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			TAILQ_FOREACH(p, &conf->providers, entry)
				if (strcmp(p->name, yystack.l_mark[0].v.string) == 0) {
					yyerror("provider '%s' defined twice",
					    yystack.l_mark[0].v.string);
					FREE_STR(yystack.l_mark[0].v.string);
					YYERROR;
				}
			if ((cur_provider = calloc(1, sizeof(*p))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			strlcpy(cur_provider->name, yystack.l_mark[0].v.string,
			    sizeof(cur_provider->name));
			cur_provider->timeout_ms = 120 * 1000;
			FREE_STR(yystack.l_mark[0].v.string);
			TAILQ_INSERT_TAIL(&conf->providers, cur_provider,
			    entry);
		}
#line 3482 "obj-fuzz2/parse.c"
break;
case 44:
#line 418 "lib/parse.y"
	{
			ctx = "top level";
			if (cur_provider->type[0] == '\0') {
				yyerror("provider '%s' needs a type",
				    cur_provider->name);
				YYERROR;
			}
		}
#line 3494 "obj-fuzz2/parse.c"
break;
case 45:
#line 426 "lib/parse.y"
	{
			struct conf_rule *r;

			ctx = "rule";
			if (check_name(yystack.l_mark[0].v.string, "rule") == -1) {
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			TAILQ_FOREACH(r, &conf->rules, entry)
				if (strcmp(r->name, yystack.l_mark[0].v.string) == 0) {
					yyerror("rule '%s' defined twice", yystack.l_mark[0].v.string);
					FREE_STR(yystack.l_mark[0].v.string);
					YYERROR;
				}
			if ((cur_rule = calloc(1, sizeof(*r))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			strlcpy(cur_rule->name, yystack.l_mark[0].v.string, sizeof(cur_rule->name));
			strlcpy(cur_rule->file, file->name,
			    sizeof(cur_rule->file));
			cur_rule->line = yylval.lineno;
			cur_rule->level = -1;
			TAILQ_INIT(&cur_rule->matches);
			FREE_STR(yystack.l_mark[0].v.string);
			TAILQ_INSERT_TAIL(&conf->rules, cur_rule, entry);
		}
#line 3526 "obj-fuzz2/parse.c"
break;
case 46:
#line 453 "lib/parse.y"
	{
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
#line 3544 "obj-fuzz2/parse.c"
break;
case 47:
#line 469 "lib/parse.y"
	{
			if (check_name(yystack.l_mark[0].v.string, "user") == -1 ||
			    set_str(cur_daemon->user, sizeof(cur_daemon->user),
			    &yystack.l_mark[0].v.string, "user") == -1)
				YYERROR;
		}
#line 3554 "obj-fuzz2/parse.c"
break;
case 48:
#line 475 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.string[0] != '/') {
				yyerror("chroot must be an absolute path");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(cur_daemon->chroot,
			    sizeof(cur_daemon->chroot), &yystack.l_mark[0].v.string, "chroot") == -1)
				YYERROR;
		}
#line 3568 "obj-fuzz2/parse.c"
break;
case 49:
#line 485 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.string[0] != '/') {
				yyerror("control socket must be an absolute "
				    "path");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(cur_daemon->control.path,
			    sizeof(cur_daemon->control.path), &yystack.l_mark[0].v.string,
			    "control socket") == -1)
				YYERROR;
		}
#line 3584 "obj-fuzz2/parse.c"
break;
case 52:
#line 503 "lib/parse.y"
	{
			if (set_str(cur_sock->owner, sizeof(cur_sock->owner),
			    &yystack.l_mark[0].v.string, "owner") == -1)
				YYERROR;
		}
#line 3593 "obj-fuzz2/parse.c"
break;
case 53:
#line 508 "lib/parse.y"
	{
			if (set_str(cur_sock->group, sizeof(cur_sock->group),
			    &yystack.l_mark[0].v.string, "group") == -1)
				YYERROR;
		}
#line 3602 "obj-fuzz2/parse.c"
break;
case 54:
#line 513 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0 || yystack.l_mark[0].v.number > 0777) {
				yyerror("mode must be octal, 0 to 0777");
				YYERROR;
			}
			cur_sock->mode = (mode_t)yystack.l_mark[0].v.number;
		}
#line 3613 "obj-fuzz2/parse.c"
break;
case 58:
#line 529 "lib/parse.y"
	{ cur_limits->wall_ms = yystack.l_mark[0].v.u64; }
#line 3618 "obj-fuzz2/parse.c"
break;
case 59:
#line 530 "lib/parse.y"
	{ cur_limits->cpu_ms = yystack.l_mark[0].v.u64; }
#line 3623 "obj-fuzz2/parse.c"
break;
case 60:
#line 531 "lib/parse.y"
	{ cur_limits->memory = yystack.l_mark[0].v.u64; }
#line 3628 "obj-fuzz2/parse.c"
break;
case 61:
#line 532 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 1 || yystack.l_mark[0].v.number > 1000000) {
				yyerror("processes must be 1 to 1000000");
				YYERROR;
			}
			cur_limits->procs = (uint64_t)yystack.l_mark[0].v.number;
		}
#line 3639 "obj-fuzz2/parse.c"
break;
case 62:
#line 539 "lib/parse.y"
	{ cur_limits->output = yystack.l_mark[0].v.u64; }
#line 3644 "obj-fuzz2/parse.c"
break;
case 63:
#line 540 "lib/parse.y"
	{ cur_limits->fsize = yystack.l_mark[0].v.u64; }
#line 3649 "obj-fuzz2/parse.c"
break;
case 64:
#line 541 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 8 || yystack.l_mark[0].v.number > 1048576) {
				yyerror("files must be 8 to 1048576");
				YYERROR;
			}
			cur_limits->nofile = (uint64_t)yystack.l_mark[0].v.number;
		}
#line 3660 "obj-fuzz2/parse.c"
break;
case 65:
#line 548 "lib/parse.y"
	{ cur_limits->tmp = yystack.l_mark[0].v.u64; }
#line 3665 "obj-fuzz2/parse.c"
break;
case 69:
#line 556 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.string[0] != '/') {
				yyerror("engine chroot must be an absolute "
				    "path");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(conf->harnessd.engine_chroot,
			    sizeof(conf->harnessd.engine_chroot), &yystack.l_mark[0].v.string,
			    "engine chroot") == -1)
				YYERROR;
		}
#line 3681 "obj-fuzz2/parse.c"
break;
case 70:
#line 568 "lib/parse.y"
	{
			struct conf_listen *l;

			if (yystack.l_mark[0].v.string[0] != '/') {
				yyerror("listen on a Unix socket needs an "
				    "absolute path; for TCP say 'listen on "
				    "ADDRESS port N'");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if ((l = calloc(1, sizeof(*l))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			l->type = LISTEN_UNIX;
			l->sock.mode = 0660;
			if (set_str(l->sock.path, sizeof(l->sock.path), &yystack.l_mark[0].v.string,
			    "listen") == -1) {
				free(l);
				YYERROR;
			}
			TAILQ_INSERT_TAIL(&conf->harnessd.listens, l, entry);
			cur_sock = &l->sock;
		}
#line 3710 "obj-fuzz2/parse.c"
break;
case 72:
#line 593 "lib/parse.y"
	{
			int	 rc = tcp_listen(yystack.l_mark[-3].v.string, yystack.l_mark[-1].v.number, yystack.l_mark[0].v.number);

			FREE_STR(yystack.l_mark[-3].v.string);
			if (rc == -1)
				YYERROR;
		}
#line 3721 "obj-fuzz2/parse.c"
break;
case 73:
#line 600 "lib/parse.y"
	{
			if (tcp_listen("127.0.0.1", yystack.l_mark[0].v.number, 0) == -1)
				YYERROR;
		}
#line 3729 "obj-fuzz2/parse.c"
break;
case 74:
#line 604 "lib/parse.y"
	{
			struct conf_peer_allow *a;

			if ((a = calloc(1, sizeof(*a))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(a->name, sizeof(a->name), &yystack.l_mark[0].v.string, "user")
			    == -1) {
				free(a);
				YYERROR;
			}
			TAILQ_INSERT_TAIL(&conf->harnessd.allows, a, entry);
		}
#line 3748 "obj-fuzz2/parse.c"
break;
case 75:
#line 619 "lib/parse.y"
	{
			struct conf_peer_allow *a;

			if ((a = calloc(1, sizeof(*a))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			a->is_group = 1;
			if (set_str(a->name, sizeof(a->name), &yystack.l_mark[0].v.string, "group")
			    == -1) {
				free(a);
				YYERROR;
			}
			TAILQ_INSERT_TAIL(&conf->harnessd.allows, a, entry);
		}
#line 3768 "obj-fuzz2/parse.c"
break;
case 76:
#line 635 "lib/parse.y"
	{
			struct conf_apikey *k;

			if (check_name(yystack.l_mark[0].v.string, "key") == -1) {
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			TAILQ_FOREACH(k, &conf->harnessd.keys, entry)
				if (strcmp(k->name, yystack.l_mark[0].v.string) == 0) {
					yyerror("key '%s' defined twice", yystack.l_mark[0].v.string);
					FREE_STR(yystack.l_mark[0].v.string);
					YYERROR;
				}
			if ((cur_key = calloc(1, sizeof(*k))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			strlcpy(cur_key->name, yystack.l_mark[0].v.string, sizeof(cur_key->name));
			FREE_STR(yystack.l_mark[0].v.string);
			TAILQ_INSERT_TAIL(&conf->harnessd.keys, cur_key,
			    entry);
			ctx = "key";
		}
#line 3796 "obj-fuzz2/parse.c"
break;
case 77:
#line 658 "lib/parse.y"
	{
			ctx = "harnessd";
			if (cur_key->hash[0] == '\0') {
				yyerror("key '%s' needs a hash",
				    cur_key->name);
				cur_key = NULL;
				YYERROR;
			}
			cur_key = NULL;
		}
#line 3810 "obj-fuzz2/parse.c"
break;
case 78:
#line 668 "lib/parse.y"
	{
			if (set_str(conf->harnessd.jwt_secret,
			    sizeof(conf->harnessd.jwt_secret), &yystack.l_mark[0].v.string,
			    "jwt secret") == -1)
				YYERROR;
		}
#line 3820 "obj-fuzz2/parse.c"
break;
case 80:
#line 674 "lib/parse.y"
	{ conf->harnessd.max_body = yystack.l_mark[0].v.u64; }
#line 3825 "obj-fuzz2/parse.c"
break;
case 81:
#line 675 "lib/parse.y"
	{
			conf->harnessd.max_header = yystack.l_mark[0].v.u64;
		}
#line 3832 "obj-fuzz2/parse.c"
break;
case 82:
#line 678 "lib/parse.y"
	{
			conf->harnessd.client_timeout_ms = yystack.l_mark[0].v.u64;
		}
#line 3839 "obj-fuzz2/parse.c"
break;
case 83:
#line 681 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 1 || yystack.l_mark[0].v.number > 1000000) {
				yyerror("burst must be 1 to 1000000");
				YYERROR;
			}
			conf->harnessd.burst = (uint32_t)yystack.l_mark[0].v.number;
		}
#line 3850 "obj-fuzz2/parse.c"
break;
case 84:
#line 688 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0) {
				yyerror("quota must not be negative");
				YYERROR;
			}
			conf->harnessd.quota = (uint64_t)yystack.l_mark[0].v.number;
		}
#line 3861 "obj-fuzz2/parse.c"
break;
case 85:
#line 697 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0 || yystack.l_mark[0].v.number > 1000000) {
				yyerror("rate must be 0 to 1000000");
				YYERROR;
			}
			if (cur_key != NULL)
				cur_key->rate = (double)yystack.l_mark[0].v.number;
			else
				conf->harnessd.rate = (double)yystack.l_mark[0].v.number;
		}
#line 3875 "obj-fuzz2/parse.c"
break;
case 86:
#line 707 "lib/parse.y"
	{
			char	*ep;
			double	 d;

			errno = 0;
			d = strtod(yystack.l_mark[0].v.string, &ep);
			if (errno != 0 || *ep != '\0' || d < 0 ||
			    d > 1000000) {
				yyerror("expected a rate in requests per "
				    "second, got '%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
			if (cur_key != NULL)
				cur_key->rate = d;
			else
				conf->harnessd.rate = d;
		}
#line 3898 "obj-fuzz2/parse.c"
break;
case 88:
#line 729 "lib/parse.y"
	{
			if (set_str(conf->harnessd.jwt_audience,
			    sizeof(conf->harnessd.jwt_audience), &yystack.l_mark[0].v.string,
			    "audience") == -1)
				YYERROR;
		}
#line 3908 "obj-fuzz2/parse.c"
break;
case 89:
#line 735 "lib/parse.y"
	{
			if (set_str(conf->harnessd.jwt_issuer,
			    sizeof(conf->harnessd.jwt_issuer), &yystack.l_mark[0].v.string,
			    "issuer") == -1)
				YYERROR;
		}
#line 3918 "obj-fuzz2/parse.c"
break;
case 92:
#line 747 "lib/parse.y"
	{
			size_t	 i;

			if (strncmp(yystack.l_mark[0].v.string, "sha256:", 7) != 0 ||
			    strlen(yystack.l_mark[0].v.string) != 7 + 64) {
				yyerror("key hash must be 'sha256:' and 64 "
				    "hex digits (printf %%s KEY | sha256sum)");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			for (i = 7; yystack.l_mark[0].v.string[i] != '\0'; i++)
				if (!isxdigit((unsigned char)yystack.l_mark[0].v.string[i])) {
					yyerror("key hash must be hex");
					FREE_STR(yystack.l_mark[0].v.string);
					YYERROR;
				}
			strlcpy(cur_key->hash, yystack.l_mark[0].v.string, sizeof(cur_key->hash));
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 3941 "obj-fuzz2/parse.c"
break;
case 93:
#line 766 "lib/parse.y"
	{
			strlist_free(&cur_key->tools);
			cur_key->tools = yystack.l_mark[0].v.list;
		}
#line 3949 "obj-fuzz2/parse.c"
break;
case 95:
#line 771 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 1 || yystack.l_mark[0].v.number > 1000000) {
				yyerror("burst must be 1 to 1000000");
				YYERROR;
			}
			cur_key->burst = (uint32_t)yystack.l_mark[0].v.number;
		}
#line 3960 "obj-fuzz2/parse.c"
break;
case 96:
#line 778 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0) {
				yyerror("quota must not be negative");
				YYERROR;
			}
			cur_key->quota = (uint64_t)yystack.l_mark[0].v.number;
		}
#line 3971 "obj-fuzz2/parse.c"
break;
case 100:
#line 792 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 1 || yystack.l_mark[0].v.number > 4096) {
				yyerror("max sandboxes must be 1 to 4096");
				YYERROR;
			}
			conf->sandboxd.max_sandboxes = (uint32_t)yystack.l_mark[0].v.number;
		}
#line 3982 "obj-fuzz2/parse.c"
break;
case 101:
#line 799 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0 || yystack.l_mark[0].v.number > 65536) {
				yyerror("queue must be 0 to 65536");
				YYERROR;
			}
			conf->sandboxd.queue = (uint32_t)yystack.l_mark[0].v.number;
		}
#line 3993 "obj-fuzz2/parse.c"
break;
case 102:
#line 806 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.number < 0 || yystack.l_mark[0].v.number > 1024) {
				yyerror("pool must be 0 to 1024");
				YYERROR;
			}
			conf->sandboxd.pool = (uint32_t)yystack.l_mark[0].v.number;
		}
#line 4004 "obj-fuzz2/parse.c"
break;
case 103:
#line 813 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.string[0] != '/') {
				yyerror("workspaces must be an absolute path");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(conf->sandboxd.workspaces,
			    sizeof(conf->sandboxd.workspaces), &yystack.l_mark[0].v.string,
			    "workspaces") == -1)
				YYERROR;
		}
#line 4019 "obj-fuzz2/parse.c"
break;
case 104:
#line 824 "lib/parse.y"
	{
			if (set_str(conf->sandboxd.sandbox_user,
			    sizeof(conf->sandboxd.sandbox_user), &yystack.l_mark[0].v.string,
			    "sandbox user") == -1)
				YYERROR;
		}
#line 4029 "obj-fuzz2/parse.c"
break;
case 105:
#line 830 "lib/parse.y"
	{
			size_t	 l = strlen(yystack.l_mark[0].v.string);

			/*
			 * Everything below it is killed at start: never a
			 * cgroup of systemd's (system.slice, init.scope).
			 */
			if ((l > 6 && strcmp(yystack.l_mark[0].v.string + l - 6, ".slice") == 0) ||
			    (l > 6 && strcmp(yystack.l_mark[0].v.string + l - 6, ".scope") == 0) ||
			    (l > 8 && strcmp(yystack.l_mark[0].v.string + l - 8, ".service") == 0)) {
				yyerror("cgroup '%s' looks like one of "
				    "systemd's: sandboxd kills everything "
				    "below its cgroup at start", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (check_name(yystack.l_mark[0].v.string, "cgroup") == -1 ||
			    set_str(conf->sandboxd.cgroup,
			    sizeof(conf->sandboxd.cgroup), &yystack.l_mark[0].v.string, "cgroup") == -1)
				YYERROR;
		}
#line 4054 "obj-fuzz2/parse.c"
break;
case 106:
#line 851 "lib/parse.y"
	{
			cur_limits = &conf->sandboxd.limits;
			ctx = "limits";
		}
#line 4062 "obj-fuzz2/parse.c"
break;
case 107:
#line 854 "lib/parse.y"
	{ ctx = "sandboxd"; }
#line 4067 "obj-fuzz2/parse.c"
break;
case 108:
#line 855 "lib/parse.y"
	{
			cur_limits = &conf->sandboxd.max_limits;
			ctx = "limits";
		}
#line 4075 "obj-fuzz2/parse.c"
break;
case 109:
#line 858 "lib/parse.y"
	{ ctx = "sandboxd"; }
#line 4080 "obj-fuzz2/parse.c"
break;
case 113:
#line 866 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.string[0] != '/') {
				yyerror("keyfile must be an absolute path");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(conf->vaultd.keyfile,
			    sizeof(conf->vaultd.keyfile), &yystack.l_mark[0].v.string, "keyfile") == -1)
				YYERROR;
		}
#line 4094 "obj-fuzz2/parse.c"
break;
case 114:
#line 876 "lib/parse.y"
	{ conf->vaultd.allow_read = 1; }
#line 4099 "obj-fuzz2/parse.c"
break;
case 118:
#line 884 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.u64 < 100 || yystack.l_mark[0].v.u64 > 3600 * 1000) {
				yyerror("seal interval must be 100ms to 1h");
				YYERROR;
			}
			conf->auditd.seal_interval_ms = yystack.l_mark[0].v.u64;
		}
#line 4110 "obj-fuzz2/parse.c"
break;
case 119:
#line 891 "lib/parse.y"
	{
			if (strlist_add(&conf->auditd.producers, STEAL(yystack.l_mark[0].v.string)) == -1) {
				yyerror("out of memory");
				YYERROR;
			}
		}
#line 4120 "obj-fuzz2/parse.c"
break;
case 123:
#line 904 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.string[0] != '/') {
				yyerror("approver socket must be an absolute "
				    "path");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(conf->hitld.approver.path,
			    sizeof(conf->hitld.approver.path), &yystack.l_mark[0].v.string,
			    "approver socket") == -1)
				YYERROR;
			cur_sock = &conf->hitld.approver;
		}
#line 4137 "obj-fuzz2/parse.c"
break;
case 125:
#line 917 "lib/parse.y"
	{
			if (yystack.l_mark[0].v.u64 < 1000 || yystack.l_mark[0].v.u64 > 24 * 3600 * 1000ULL) {
				yyerror("approval timeout must be 1s to 24h");
				YYERROR;
			}
			conf->hitld.timeout_ms = yystack.l_mark[0].v.u64;
		}
#line 4148 "obj-fuzz2/parse.c"
break;
case 126:
#line 924 "lib/parse.y"
	{
			conf->hitld.policy[yystack.l_mark[-1].v.number] = (enum conf_decision)yystack.l_mark[0].v.number;
		}
#line 4155 "obj-fuzz2/parse.c"
break;
case 127:
#line 927 "lib/parse.y"
	{
			conf->hitld.nomatch = (enum conf_decision)yystack.l_mark[0].v.number;
		}
#line 4162 "obj-fuzz2/parse.c"
break;
case 130:
#line 936 "lib/parse.y"
	{
			free(cur_tool->description);
			cur_tool->description = yystack.l_mark[0].v.string;
		}
#line 4170 "obj-fuzz2/parse.c"
break;
case 131:
#line 940 "lib/parse.y"
	{
			strlist_free(&cur_tool->command);
			cur_tool->command = yystack.l_mark[0].v.list;
		}
#line 4178 "obj-fuzz2/parse.c"
break;
case 132:
#line 944 "lib/parse.y"
	{
			if (strcmp(yystack.l_mark[0].v.string, "sh") != 0 && strcmp(yystack.l_mark[0].v.string, "bash") != 0 &&
			    strcmp(yystack.l_mark[0].v.string, "python3") != 0) {
				yyerror("language must be sh, bash or "
				    "python3, got '%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			strlcpy(cur_tool->language, yystack.l_mark[0].v.string,
			    sizeof(cur_tool->language));
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 4194 "obj-fuzz2/parse.c"
break;
case 133:
#line 956 "lib/parse.y"
	{
			free(cur_tool->code);
			cur_tool->code = yystack.l_mark[0].v.string;
		}
#line 4202 "obj-fuzz2/parse.c"
break;
case 134:
#line 960 "lib/parse.y"
	{
			struct json_object *o;

			o = json_tokener_parse(yystack.l_mark[0].v.string);
			if (o == NULL ||
			    !json_object_is_type(o, json_type_object)) {
				yyerror("schema of tool '%s' is not a JSON "
				    "object", cur_tool->name);
				json_object_put(o);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			json_object_put(o);
			free(cur_tool->schema);
			cur_tool->schema = yystack.l_mark[0].v.string;
		}
#line 4222 "obj-fuzz2/parse.c"
break;
case 135:
#line 976 "lib/parse.y"
	{
			if (set_str(cur_tool->shell_arg,
			    sizeof(cur_tool->shell_arg), &yystack.l_mark[0].v.string, "shell") == -1)
				YYERROR;
		}
#line 4231 "obj-fuzz2/parse.c"
break;
case 136:
#line 981 "lib/parse.y"
	{
			cur_limits = &cur_tool->limits;
			ctx = "limits";
		}
#line 4239 "obj-fuzz2/parse.c"
break;
case 137:
#line 984 "lib/parse.y"
	{ ctx = "tool"; }
#line 4244 "obj-fuzz2/parse.c"
break;
case 138:
#line 985 "lib/parse.y"
	{
			strlcpy(cur_tool->network, "none",
			    sizeof(cur_tool->network));
		}
#line 4252 "obj-fuzz2/parse.c"
break;
case 139:
#line 989 "lib/parse.y"
	{
			strlcpy(cur_tool->network, "any",
			    sizeof(cur_tool->network));
		}
#line 4260 "obj-fuzz2/parse.c"
break;
case 140:
#line 993 "lib/parse.y"
	{
			if (set_str(cur_tool->network,
			    sizeof(cur_tool->network), &yystack.l_mark[0].v.string, "network") == -1)
				YYERROR;
		}
#line 4269 "obj-fuzz2/parse.c"
break;
case 141:
#line 998 "lib/parse.y"
	{
			struct conf_grant *g;

			if (check_name(yystack.l_mark[-3].v.string, "secret") == -1 ||
			    check_name(yystack.l_mark[-1].v.string, "environment variable") == -1) {
				FREE_STR(yystack.l_mark[-3].v.string);
				FREE_STR(yystack.l_mark[-1].v.string);
				YYERROR;
			}
			if ((g = calloc(1, sizeof(*g))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[-3].v.string);
				FREE_STR(yystack.l_mark[-1].v.string);
				YYERROR;
			}
			strlcpy(g->secret, yystack.l_mark[-3].v.string, sizeof(g->secret));
			strlcpy(g->env, yystack.l_mark[-1].v.string, sizeof(g->env));
			g->expires = (time_t)yystack.l_mark[0].v.number;
			FREE_STR(yystack.l_mark[-3].v.string);
			FREE_STR(yystack.l_mark[-1].v.string);
			TAILQ_INSERT_TAIL(&cur_tool->grants, g, entry);
		}
#line 4295 "obj-fuzz2/parse.c"
break;
case 142:
#line 1020 "lib/parse.y"
	{
			struct conf_grant *g;

			if (check_name(yystack.l_mark[-3].v.string, "secret") == -1 ||
			    check_name(yystack.l_mark[-1].v.string, "secret file") == -1) {
				FREE_STR(yystack.l_mark[-3].v.string);
				FREE_STR(yystack.l_mark[-1].v.string);
				YYERROR;
			}
			if ((g = calloc(1, sizeof(*g))) == NULL) {
				yyerror("out of memory");
				FREE_STR(yystack.l_mark[-3].v.string);
				FREE_STR(yystack.l_mark[-1].v.string);
				YYERROR;
			}
			strlcpy(g->secret, yystack.l_mark[-3].v.string, sizeof(g->secret));
			strlcpy(g->file, yystack.l_mark[-1].v.string, sizeof(g->file));
			g->expires = (time_t)yystack.l_mark[0].v.number;
			FREE_STR(yystack.l_mark[-3].v.string);
			FREE_STR(yystack.l_mark[-1].v.string);
			TAILQ_INSERT_TAIL(&cur_tool->grants, g, entry);
		}
#line 4321 "obj-fuzz2/parse.c"
break;
case 143:
#line 1042 "lib/parse.y"
	{ cur_tool->cache_ttl_ms = yystack.l_mark[0].v.u64; }
#line 4326 "obj-fuzz2/parse.c"
break;
case 144:
#line 1045 "lib/parse.y"
	{ yyval.v.number = 0; }
#line 4331 "obj-fuzz2/parse.c"
break;
case 145:
#line 1046 "lib/parse.y"
	{ yyval.v.number = 1; }
#line 4336 "obj-fuzz2/parse.c"
break;
case 146:
#line 1049 "lib/parse.y"
	{ yyval.v.number = 0; }
#line 4341 "obj-fuzz2/parse.c"
break;
case 147:
#line 1050 "lib/parse.y"
	{
			time_t	 t;

			if (parse_expires(yystack.l_mark[0].v.string, &t) == -1) {
				yyerror("expected a date like 2027-01-31 or "
				    "2027-01-31T12:00:00Z, got '%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			FREE_STR(yystack.l_mark[0].v.string);
			yyval.v.number = (int64_t)t;
		}
#line 4357 "obj-fuzz2/parse.c"
break;
case 150:
#line 1068 "lib/parse.y"
	{
			if (strcmp(yystack.l_mark[0].v.string, "openai") != 0 &&
			    strcmp(yystack.l_mark[0].v.string, "anthropic") != 0 &&
			    strcmp(yystack.l_mark[0].v.string, "ollama") != 0) {
				yyerror("provider type must be openai, "
				    "anthropic or ollama, got '%s'", yystack.l_mark[0].v.string);
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			strlcpy(cur_provider->type, yystack.l_mark[0].v.string,
			    sizeof(cur_provider->type));
			FREE_STR(yystack.l_mark[0].v.string);
		}
#line 4374 "obj-fuzz2/parse.c"
break;
case 151:
#line 1081 "lib/parse.y"
	{
			if (strncmp(yystack.l_mark[0].v.string, "http://", 7) != 0 &&
			    strncmp(yystack.l_mark[0].v.string, "https://", 8) != 0) {
				yyerror("url must start with http:// or "
				    "https://");
				FREE_STR(yystack.l_mark[0].v.string);
				YYERROR;
			}
			if (set_str(cur_provider->url,
			    sizeof(cur_provider->url), &yystack.l_mark[0].v.string, "url") == -1)
				YYERROR;
		}
#line 4390 "obj-fuzz2/parse.c"
break;
case 152:
#line 1093 "lib/parse.y"
	{
			if (set_str(cur_provider->model,
			    sizeof(cur_provider->model), &yystack.l_mark[0].v.string, "model") == -1)
				YYERROR;
		}
#line 4399 "obj-fuzz2/parse.c"
break;
case 153:
#line 1098 "lib/parse.y"
	{
			if (check_name(yystack.l_mark[0].v.string, "secret") == -1 ||
			    set_str(cur_provider->key_secret,
			    sizeof(cur_provider->key_secret), &yystack.l_mark[0].v.string,
			    "key secret") == -1)
				YYERROR;
		}
#line 4410 "obj-fuzz2/parse.c"
break;
case 154:
#line 1105 "lib/parse.y"
	{ cur_provider->timeout_ms = yystack.l_mark[0].v.u64; }
#line 4415 "obj-fuzz2/parse.c"
break;
case 157:
#line 1112 "lib/parse.y"
	{
			if (rule_add(MATCH_TOOL, NULL, &yystack.l_mark[0].v.list) == -1)
				YYERROR;
		}
#line 4423 "obj-fuzz2/parse.c"
break;
case 158:
#line 1116 "lib/parse.y"
	{
			if (rule_add(MATCH_COMMAND, NULL, &yystack.l_mark[0].v.list) == -1)
				YYERROR;
		}
#line 4431 "obj-fuzz2/parse.c"
break;
case 159:
#line 1120 "lib/parse.y"
	{
			if (yystack.l_mark[-1].v.string[0] != '$') {
				yyerror("arg needs a JSON path like $.url, "
				    "got '%s'", yystack.l_mark[-1].v.string);
				FREE_STR(yystack.l_mark[-1].v.string);
				strlist_free(&yystack.l_mark[0].v.list);
				YYERROR;
			}
			if (rule_add(MATCH_ARG, STEAL(yystack.l_mark[-1].v.string), &yystack.l_mark[0].v.list) == -1)
				YYERROR;
		}
#line 4446 "obj-fuzz2/parse.c"
break;
case 160:
#line 1131 "lib/parse.y"
	{
			if (rule_add(MATCH_PATH, NULL, &yystack.l_mark[0].v.list) == -1)
				YYERROR;
		}
#line 4454 "obj-fuzz2/parse.c"
break;
case 161:
#line 1135 "lib/parse.y"
	{
			if (rule_add(MATCH_NETWORK, NULL, &yystack.l_mark[0].v.list) == -1)
				YYERROR;
		}
#line 4462 "obj-fuzz2/parse.c"
break;
case 162:
#line 1139 "lib/parse.y"
	{
			struct conf_strlist l;

			memset(&l, 0, sizeof(l));
			if (strlist_add(&l, strdup("any")) == -1 ||
			    rule_add(MATCH_NETWORK, NULL, &l) == -1)
				YYERROR;
		}
#line 4474 "obj-fuzz2/parse.c"
break;
case 163:
#line 1147 "lib/parse.y"
	{ cur_rule->level = (int)yystack.l_mark[0].v.number; }
#line 4479 "obj-fuzz2/parse.c"
break;
#line 4481 "obj-fuzz2/parse.c"
    default:
        break;
    }
    yystack.s_mark -= yym;
    yystate = *yystack.s_mark;
    yystack.l_mark -= yym;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    yystack.p_mark -= yym;
#endif
    yym = yylhs[yyn];
    if (yystate == 0 && yym == 0)
    {
#if YYDEBUG
        if (yydebug)
        {
            fprintf(stderr, "%s[%d]: after reduction, ", YYDEBUGSTR, yydepth);
#ifdef YYSTYPE_TOSTRING
#if YYBTYACC
            if (!yytrial)
#endif /* YYBTYACC */
                fprintf(stderr, "result is <%s>, ", YYSTYPE_TOSTRING(yystos[YYFINAL], yyval));
#endif
            fprintf(stderr, "shifting from state 0 to final state %d\n", YYFINAL);
        }
#endif
        yystate = YYFINAL;
        *++yystack.s_mark = YYFINAL;
        *++yystack.l_mark = yyval;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
        *++yystack.p_mark = yyloc;
#endif
        if (yychar < 0)
        {
#if YYBTYACC
            do {
            if (yylvp < yylve)
            {
                /* we're currently re-reading tokens */
                yylval = *yylvp++;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                yylloc = *yylpp++;
#endif
                yychar = *yylexp++;
                break;
            }
            if (yyps->save)
            {
                /* in trial mode; save scanner results for future parse attempts */
                if (yylvp == yylvlim)
                {   /* Enlarge lexical value queue */
                    size_t p = (size_t) (yylvp - yylvals);
                    size_t s = (size_t) (yylvlim - yylvals);

                    s += YYLVQUEUEGROWTH;
                    if ((yylexemes = (YYINT *)realloc(yylexemes, s * sizeof(YYINT))) == NULL)
                        goto yyenomem;
                    if ((yylvals   = (YYSTYPE *)realloc(yylvals, s * sizeof(YYSTYPE))) == NULL)
                        goto yyenomem;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                    if ((yylpsns   = (YYLTYPE *)realloc(yylpsns, s * sizeof(YYLTYPE))) == NULL)
                        goto yyenomem;
#endif
                    yylvp   = yylve = yylvals + p;
                    yylvlim = yylvals + s;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                    yylpp   = yylpe = yylpsns + p;
                    yylplim = yylpsns + s;
#endif
                    yylexp  = yylexemes + p;
                }
                *yylexp = (YYINT) YYLEX;
                *yylvp++ = yylval;
                yylve++;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
                *yylpp++ = yylloc;
                yylpe++;
#endif
                yychar = *yylexp++;
                break;
            }
            /* normal operation, no conflict encountered */
#endif /* YYBTYACC */
            yychar = YYLEX;
#if YYBTYACC
            } while (0);
#endif /* YYBTYACC */
            if (yychar < 0) yychar = YYEOF;
#if YYDEBUG
            if (yydebug)
            {
                if ((yys = yyname[YYTRANSLATE(yychar)]) == NULL) yys = yyname[YYUNDFTOKEN];
                fprintf(stderr, "%s[%d]: state %d, reading token %d (%s)\n",
                                YYDEBUGSTR, yydepth, YYFINAL, yychar, yys);
            }
#endif
        }
        if (yychar == YYEOF) goto yyaccept;
        goto yyloop;
    }
    if (((yyn = yygindex[yym]) != 0) && (yyn += yystate) >= 0 &&
            yyn <= YYTABLESIZE && yycheck[yyn] == (YYINT) yystate)
        yystate = yytable[yyn];
    else
        yystate = yydgoto[yym];
#if YYDEBUG
    if (yydebug)
    {
        fprintf(stderr, "%s[%d]: after reduction, ", YYDEBUGSTR, yydepth);
#ifdef YYSTYPE_TOSTRING
#if YYBTYACC
        if (!yytrial)
#endif /* YYBTYACC */
            fprintf(stderr, "result is <%s>, ", YYSTYPE_TOSTRING(yystos[yystate], yyval));
#endif
        fprintf(stderr, "shifting from state %d to state %d\n", *yystack.s_mark, yystate);
    }
#endif
    if (yystack.s_mark >= yystack.s_last && yygrowstack(&yystack) == YYENOMEM) goto yyoverflow;
    *++yystack.s_mark = (YYINT) yystate;
    *++yystack.l_mark = yyval;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    *++yystack.p_mark = yyloc;
#endif
    goto yyloop;
#if YYBTYACC

    /* Reduction declares that this path is valid. Set yypath and do a full parse */
yyvalid:
    if (yypath) YYABORT;
    while (yyps->save)
    {
        YYParseState *save = yyps->save;
        yyps->save = save->save;
        save->save = yypath;
        yypath = save;
    }
#if YYDEBUG
    if (yydebug)
        fprintf(stderr, "%s[%d]: state %d, CONFLICT trial successful, backtracking to state %d, %d tokens\n",
                        YYDEBUGSTR, yydepth, yystate, yypath->state, (int)(yylvp - yylvals - yypath->lexeme));
#endif
    if (yyerrctx)
    {
        yyFreeState(yyerrctx);
        yyerrctx = NULL;
    }
    yylvp          = yylvals + yypath->lexeme;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    yylpp          = yylpsns + yypath->lexeme;
#endif
    yylexp         = yylexemes + yypath->lexeme;
    yychar         = YYEMPTY;
    yystack.s_mark = yystack.s_base + (yypath->yystack.s_mark - yypath->yystack.s_base);
    memcpy (yystack.s_base, yypath->yystack.s_base, (size_t) (yystack.s_mark - yystack.s_base + 1) * sizeof(YYINT));
    yystack.l_mark = yystack.l_base + (yypath->yystack.l_mark - yypath->yystack.l_base);
    memcpy (yystack.l_base, yypath->yystack.l_base, (size_t) (yystack.l_mark - yystack.l_base + 1) * sizeof(YYSTYPE));
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
    yystack.p_mark = yystack.p_base + (yypath->yystack.p_mark - yypath->yystack.p_base);
    memcpy (yystack.p_base, yypath->yystack.p_base, (size_t) (yystack.p_mark - yystack.p_base + 1) * sizeof(YYLTYPE));
#endif
    yystate        = yypath->state;
    goto yyloop;
#endif /* YYBTYACC */

yyoverflow:
    YYERROR_CALL("yacc stack overflow");
#if YYBTYACC
    goto yyabort_nomem;
yyenomem:
    YYERROR_CALL("memory exhausted");
yyabort_nomem:
#endif /* YYBTYACC */
    yyresult = 2;
    goto yyreturn;

yyabort:
    yyresult = 1;
    goto yyreturn;

yyaccept:
#if YYBTYACC
    if (yyps->save) goto yyvalid;
#endif /* YYBTYACC */
    yyresult = 0;

yyreturn:
#if defined(YYDESTRUCT_CALL)
    if (yychar != YYEOF && yychar != YYEMPTY)
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
        YYDESTRUCT_CALL("cleanup: discarding token", yychar, &yylval, &yylloc);
#else
        YYDESTRUCT_CALL("cleanup: discarding token", yychar, &yylval);
#endif /* defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED) */

    {
        YYSTYPE *pv;
#if defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED)
        YYLTYPE *pp;

        for (pv = yystack.l_base, pp = yystack.p_base; pv <= yystack.l_mark; ++pv, ++pp)
             YYDESTRUCT_CALL("cleanup: discarding state",
                             yystos[*(yystack.s_base + (pv - yystack.l_base))], pv, pp);
#else
        for (pv = yystack.l_base; pv <= yystack.l_mark; ++pv)
             YYDESTRUCT_CALL("cleanup: discarding state",
                             yystos[*(yystack.s_base + (pv - yystack.l_base))], pv);
#endif /* defined(YYLTYPE) || defined(YYLTYPE_IS_DECLARED) */
    }
#endif /* defined(YYDESTRUCT_CALL) */

#if YYBTYACC
    if (yyerrctx)
    {
        yyFreeState(yyerrctx);
        yyerrctx = NULL;
    }
    while (yyps)
    {
        YYParseState *save = yyps;
        yyps = save->save;
        save->save = NULL;
        yyFreeState(save);
    }
    while (yypath)
    {
        YYParseState *save = yypath;
        yypath = save->save;
        save->save = NULL;
        yyFreeState(save);
    }
#endif /* YYBTYACC */
    yyfreestack(&yystack);
    return (yyresult);
}
