/*
 * harnessctl approve: answer hitld's pending requests.
 *
 *   approve            interactive: every pending request on screen as
 *                      it arrives, time left counting down; y allows
 *                      the selected one once, n denies it, s allows
 *                      this exact call for the rest of its session, v
 *                      shows the whole of it in a pager.
 *   approve -l [-a]    list the pending requests and exit; -a: each
 *                      whole, not cut to 16 lines.
 *   approve ID allow|deny|session
 *                      answer one; exit 1 if it is unknown or was
 *                      already decided (the message says by whom).
 *
 * Everything goes through the approvers' socket (root may use it too).
 * Text that came from an agent is escaped before it reaches the
 * terminal (ctl_putsafe).
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/queue.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <json-c/json.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "harness.h"
#include "harnessctl.h"
#include "hitl_proto.h"
#include "hitlc.h"
#include "imsg.h"
#include "risk.h"
#include "wire.h"

#define APPROVE_MAXLINES	16	/* lines of a selected request */
#define APPROVE_OTHERLINES	2	/* ... of the others */

struct view {
	TAILQ_ENTRY(view) entry;
	struct hitl_item it;
	struct timespec	 due;		/* local CLOCK_MONOTONIC */
	int		 answering;
};
TAILQ_HEAD(views, view);

static struct termios	 tio_orig;
/* The selected request was decided elsewhere (or timed out), so the
   selection moved, or will to the next that comes: answers wait until
   then, lest a key meant for one request answer another. */
static struct timespec	 hold_until;
static uint32_t		 held_from;	/* the one decided */
#define APPROVE_HOLD_MS		1500

static void
hold_answers(uint32_t id)
{
	struct timespec	 hold = { APPROVE_HOLD_MS / 1000,
			    (APPROVE_HOLD_MS % 1000) * 1000000 };

	held_from = id;
	clock_gettime(CLOCK_MONOTONIC, &hold_until);
	timespecadd(&hold_until, &hold, &hold_until);
}

static int		 tio_saved;
static volatile sig_atomic_t got_quit, got_winch;

static struct hconn *
approver_connect(struct ctl_env *env)
{
	struct hconn	*h;
	char		 errbuf[512];

	ctl_load_conf(env);
	h = harness_connect(env->conf->hitld.approver.path, errbuf,
	    sizeof(errbuf));
	if (h == NULL)
		errx(1, "%s", errbuf);
	return h;
}

static int64_t
ms_left(const struct timespec *due)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(due->tv_sec - now.tv_sec) * 1000 +
	    (due->tv_nsec - now.tv_nsec) / 1000000;
}

static void
print_lines(FILE *f, const char *indent, const char *first, const char *s,
    size_t width, int *budget)
{
	const char	*nl;
	char		*line, more[64];
	size_t		 len;
	int		 n = 0;

	/* Continuation lines line up under the first one's text. */
	snprintf(more, sizeof(more), "%*s", (int)(first != NULL ?
	    strlen(first) : strlen(indent)), "");

	while (*budget > 0) {
		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		if ((line = strndup(s, len)) == NULL)
			return;
		fputs(n == 0 && first != NULL ? first : more, f);
		ctl_putsafe(f, line, 0, width);
		fputs("\n", f);
		free(line);
		(*budget)--;
		n++;
		if (nl == NULL || nl[1] == '\0')
			return;		/* a last newline ends the text */
		s = nl + 1;
	}
	fprintf(f, "%s...\n", more);
}

/* "argv: a 'b c'": one line of words, quoted for a shell. */
static void
print_words(FILE *f, const char *indent, const char *label, char **w,
    size_t n, int *budget)
{
	size_t	 i;

	fprintf(f, "%s%s", indent, label);
	for (i = 0; i < n; i++) {
		fputc(' ', f);
		ctl_putword(f, w[i]);
	}
	fputc('\n', f);
	(*budget)--;
}

/* The call itself: command line, argv, JSON arguments pretty-printed. */
static void
print_call(FILE *f, const struct hitl_req *r, const char *indent,
    size_t width, int budget)
{
	struct json_object	*o;
	char			 first[64];

	if (r->command != NULL) {
		snprintf(first, sizeof(first), "%s$ ", indent);
		print_lines(f, indent, first, r->command, width, &budget);
	}
	if (r->argc > 0 && budget > 0)
		print_words(f, indent, "argv:", r->argv, r->argc, &budget);
	if (r->envc > 0 && budget > 0)
		print_words(f, indent, "env:", r->envv, r->envc, &budget);
	if (r->input != NULL && budget > 0) {
		snprintf(first, sizeof(first), "%sstdin| ", indent);
		print_lines(f, indent, first, r->input, width, &budget);
	} else if ((r->flags & HITL_REQ_INPUT_CUT) && budget > 0) {
		fprintf(f, "%sstdin: more than %d bytes, or binary: not "
		    "shown\n", indent, HITL_INPUT_MAX);
		budget--;
	}
	if (r->args != NULL && budget > 0) {
		o = json_tokener_parse(r->args);
		print_lines(f, indent, NULL, o != NULL ?
		    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
		    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE) :
		    r->args, width, &budget);
		json_object_put(o);
	}
	if ((r->network != NULL || r->workspace != NULL || r->cwd != NULL) &&
	    budget > 0) {
		fprintf(f, "%snetwork: ", indent);
		ctl_putsafe(f, r->network ? r->network : "-", 0,
		    width > 0 ? 40 : 0);
		fprintf(f, "  workspace: ");
		ctl_putsafe(f, r->workspace ? r->workspace : "-", 0,
		    width > 0 ? 60 : 0);
		if (r->cwd != NULL) {
			fprintf(f, "  in: ");
			ctl_putsafe(f, r->cwd, 0, width);
		}
		fputc('\n', f);
	}
}

/* One request's header lines, shared by -l and the prompt. */
static void
print_head(FILE *f, const struct hitl_item *it, int64_t left,
    const char *mark, size_t width)
{
	/* cut on a terminal (width), whole in -l and the pager */
	/* No rule held: its level is no risk a rule gave ("none"). */
	fprintf(f, "%s#%u  risk %s  session ", mark, it->id,
	    it->rule[0] == '\0' && it->level == RISK_LOW ? "none" :
	    risk_level_name(it->level));
	ctl_putsafe(f, it->req.session && *it->req.session ?
	    it->req.session : "-", 0, width > 0 ? 40 : 0);
	fprintf(f, "  tool ");
	ctl_putsafe(f, it->req.tool, 0, width > 0 ? 40 : 0);
	fprintf(f, "  %llds left\n", (long long)(left > 0 ?
	    (left + 999) / 1000 : 0));
	/* The classifier's why names the rule and where it is defined. */
	fprintf(f, "      ");
	ctl_putsafe(f, it->why, 0, width);
	fputc('\n', f);
}

/* ---- approve -l ---- */

static int
approve_list(struct ctl_env *env, int all)
{
	struct hconn		*h = approver_connect(env);
	struct hitl_item	 it;
	struct imsg		 imsg;
	struct rbuf		 rb;
	unsigned char		*heap;
	char			 errbuf[512];
	int			 n = 0, rc;

	if (harness_send(h, IMSG_HITL_LIST, 1, -1, NULL, 0) == -1)
		err(1, "send");
	for (;;) {
		if ((rc = harness_recv(h, &imsg, 10000)) != 1)
			errx(1, "hitld: %s", rc == 0 ? "connection closed" :
			    strerror(errno));
		if (harness_error(&imsg, errbuf, sizeof(errbuf)))
			errx(1, "hitld: %s", errbuf);
		if (imsg.hdr.type == IMSG_CTL_END) {
			imsg_free(&imsg);
			break;
		}
		if (imsg.hdr.type != IMSG_HITL_REQUEST ||
		    hitl_msg_open(&imsg, &rb, &heap) == -1 ||
		    hitl_item_decode(&rb, &it) == -1)
			errx(1, "hitld: bad reply");
		free(heap);
		imsg_free(&imsg);
		print_head(stdout, &it, (int64_t)it.left_ms, "", 0);
		print_call(stdout, &it.req, "      ", 0, all ? INT_MAX :
		    APPROVE_MAXLINES);
		hitl_item_free(&it);
		n++;
	}
	if (n == 0)
		printf("no pending requests\n");
	harness_close(h);
	return 0;
}

/* ---- approve ID allow|deny|session ---- */

static int
answer_word(const char *w)
{
	if (strcmp(w, "allow") == 0 || strcmp(w, "y") == 0)
		return HITL_ANSWER_ALLOW;
	if (strcmp(w, "deny") == 0 || strcmp(w, "n") == 0)
		return HITL_ANSWER_DENY;
	if (strcmp(w, "session") == 0 || strcmp(w, "s") == 0)
		return HITL_ANSWER_SESSION;
	return -1;
}

static int
approve_one(struct ctl_env *env, const char *idstr, const char *word)
{
	struct hconn	*h;
	struct imsg	 imsg;
	struct wbuf	 wb;
	const char	*errstr;
	char		 errbuf[512];
	uint32_t	 id;
	int		 answer, rc;

	id = (uint32_t)strtonum(idstr, 1, UINT32_MAX, &errstr);
	if (errstr != NULL)
		errx(EX_USAGE, "request id %.*s%s: %s", 32, idstr,
		    strlen(idstr) > 32 ? "..." : "", errstr);
	if ((answer = answer_word(word)) == -1)
		usage();
	h = approver_connect(env);
	wire_init(&wb);
	wire_put_u32(&wb, id);
	wire_put_u8(&wb, (uint8_t)answer);
	if (harness_send(h, IMSG_HITL_ANSWER, 1, -1, wb.buf, wb.len) == -1)
		err(1, "send");
	if ((rc = harness_recv(h, &imsg, 10000)) != 1)
		errx(1, "hitld: %s", rc == 0 ? "connection closed" :
		    strerror(errno));
	if (harness_error(&imsg, errbuf, sizeof(errbuf))) {
		harness_close(h);
		errx(1, "%s", errbuf);
	}
	if (imsg.hdr.type != IMSG_CTL_OK)
		errx(1, "hitld: unexpected reply %u", imsg.hdr.type);
	imsg_free(&imsg);
	harness_close(h);
	printf("request %u: %s\n", id, answer == HITL_ANSWER_ALLOW ?
	    "allowed once" : answer == HITL_ANSWER_DENY ? "denied" :
	    "allowed for the session");
	return 0;
}

/* ---- the interactive prompt ---- */

static void
tty_restore(void)
{
	if (!tio_saved)
		return;
	/* Leave the alternate screen, show the cursor. */
	fputs("\033[?25h\033[?1049l", stdout);
	fflush(stdout);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &tio_orig);
	tio_saved = 0;
}

static void
on_signal(int sig)
{
	if (sig == SIGWINCH)
		got_winch = 1;
	else
		got_quit = 1;
}

static void
tty_raw(void)
{
	static int		 registered;
	struct termios		 raw;
	struct sigaction	 sa;

	if (tcgetattr(STDIN_FILENO, &tio_orig) == -1)
		err(1, "tcgetattr");
	raw = tio_orig;
	/* Keys one by one, unechoed; output processing and ^C stay. */
	raw.c_lflag &= ~(ICANON | ECHO | IEXTEN);
	raw.c_iflag &= ~(IXON | ICRNL | INLCR | IGNCR);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll returns EINTR and the loop sees the flag. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == -1)
		err(1, "tcsetattr");
	tio_saved = 1;
	if (!registered++)
		atexit(tty_restore);
	fputs("\033[?1049h\033[?25l", stdout);
}

static void
term_size(size_t *cols, size_t *rows)
{
	struct winsize	 ws;

	*cols = 80;
	*rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	}
}

/*
 * The whole of a request, nothing cut, in a pager ($PAGER, else less,
 * else more) on the real screen; the prompt comes back when it ends.
 * Requests and answers from hitld wait in the socket meanwhile.
 */
static void
view_whole(const struct view *v, char *status, size_t statuslen)
{
	struct sigaction	 ign, oint, oquit, opipe;
	const char		*pager;
	char			*text = NULL;
	size_t			 len = 0, off;
	ssize_t			 n;
	FILE			*f;
	pid_t			 pid;
	int			 p[2], st;

	if ((f = open_memstream(&text, &len)) == NULL) {
		snprintf(status, statuslen, "view: %s", strerror(errno));
		return;
	}
	print_head(f, &v->it, ms_left(&v->due), "", 0);
	print_call(f, &v->it.req, "      ", 0, INT_MAX);
	if (fclose(f) == EOF || pipe2(p, O_CLOEXEC) == -1) {
		snprintf(status, statuslen, "view: %s", strerror(errno));
		free(text);
		return;
	}
	if ((pager = getenv("PAGER")) == NULL || *pager == '\0')
		pager = "less 2>/dev/null || more";
	tty_restore();
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* ^C and q are the pager's; a pager that quits early is EPIPE. */
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	sigaction(SIGPIPE, &ign, &opipe);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		if (dup2(p[0], STDIN_FILENO) == -1)
			_exit(127);
		closefrom(STDERR_FILENO + 1);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	for (off = 0; pid != -1 && off < len; off += (size_t)n)
		if ((n = write(p[1], text + off, len - off)) == -1) {
			if (errno == EINTR) {
				n = 0;
				continue;
			}
			break;
		}
	close(p[1]);
	st = 0;
	while (pid != -1 && waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	sigaction(SIGPIPE, &opipe, NULL);
	free(text);
	tty_raw();
	if (pid == -1)
		snprintf(status, statuslen, "view: fork: %s", strerror(errno));
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		snprintf(status, statuslen, "view: no pager could run "
		    "(set PAGER)");
}

/* One request as drawn: its text and how many lines it takes. */
struct block {
	char	*text;
	size_t	 len;
	int	 lines;
};

static void
block_make(struct block *b, const struct view *v, int selected,
    size_t width, int budget)
{
	FILE	*f;
	size_t	 k;

	b->text = NULL;
	b->len = 0;
	b->lines = 0;
	if ((f = open_memstream(&b->text, &b->len)) == NULL)
		return;
	fputc('\n', f);
	print_head(f, &v->it, ms_left(&v->due), selected ? "> " : "  ",
	    width);
	print_call(f, &v->it.req, "      ", width, budget);
	if (v->answering)
		fputs("      (answer sent)\n", f);
	if (fclose(f) == EOF) {
		free(b->text);
		b->text = NULL;
		b->len = 0;
		return;
	}
	for (k = 0; k < b->len; k++)
		b->lines += b->text[k] == '\n';
}

/*
 * The screen: a header, then as many requests as fit around the
 * selected one, which is always shown (cut to what fits), then the
 * status line.  Nothing is printed past the last row, so the header
 * never scrolls away.
 */
/*
 * Text to the terminal with each line cut to fit (marked "..."), so
 * that no line wraps and the rows drawn are the rows counted.  The text
 * is escaped already: printable ASCII and whole UTF-8 characters, of
 * which those of three bytes or more count as two columns (as CJK
 * takes; others are cut a little early, never wrapped).
 */
static void
put_fitted(const char *s, size_t len, size_t cols)
{
	size_t	 i = 0, b, c, cut, sl, w, max = cols > 8 ? cols - 1 : 7;
	unsigned char ch;

	while (i < len) {
		for (b = cut = i, c = 0; i < len && s[i] != '\n'; i += sl) {
			ch = (unsigned char)s[i];
			sl = ch < 0xc0 ? 1 : ch < 0xe0 ? 2 : ch < 0xf0 ? 3 : 4;
			if (sl > len - i)
				sl = len - i;
			w = sl >= 3 ? 2 : 1;
			if (c + w <= max - 3)
				cut = i + sl;
			c += w;
		}
		if (c <= max)
			fwrite(s + b, 1, i - b, stdout);
		else {
			fwrite(s + b, 1, cut - b, stdout);
			fputs("...", stdout);
		}
		if (i < len) {
			fputc('\n', stdout);
			i++;
		}
	}
}

static void
draw(struct views *vs, struct view *sel, const char *status,
    const char *where)
{
	struct view	*v;
	struct block	*b = NULL;
	FILE		*f;
	char		*scr = NULL;
	size_t		 cols, rows, width, scrlen = 0;
	int		 n = 0, i, s = 0, lo, hi, room, used, budget;

	term_size(&cols, &rows);
	width = cols > 16 ? cols - 10 : 6;
	if ((f = open_memstream(&scr, &scrlen)) == NULL)
		return;
	fprintf(f, "harness approvals on ");
	ctl_putsafe(f, where, 0, width);
	fprintf(f, "\n");
	fprintf(f, "y allow once  n deny  s allow for the session  v view all"
	    "  j/k select  q quit\n\n");
	TAILQ_FOREACH(v, vs, entry)
		n++;
	if (n == 0)
		fprintf(f, "no pending requests: waiting\n");
	else
		fprintf(f, "%d pending request%s\n", n, n == 1 ? "" : "s");
	/* Rows left: 4 above, 2 for the status, 2 for "more" marks,
	   and the last row, which a newline there would scroll. */
	room = (int)rows - 4 - (status[0] != '\0' ? 2 : 0) - 2 - 1;
	if (n > 0 && (b = calloc((size_t)n, sizeof(*b))) != NULL) {
		i = 0;
		TAILQ_FOREACH(v, vs, entry) {
			if (v == sel)
				s = i;
			/* The selected one: what fits after its blank
			   line and two head lines, and a "..." line. */
			budget = v == sel ? APPROVE_MAXLINES :
			    APPROVE_OTHERLINES;
			if (v == sel && budget > room - 4)
				budget = room - 4 > 1 ? room - 4 : 1;
			block_make(&b[i++], v, v == sel, width, budget);
		}
		/* The window: the selected one, then those after it,
		   then those before it, while they fit. */
		lo = hi = s;
		used = b[s].lines;
		while (hi + 1 < n && used + b[hi + 1].lines <= room)
			used += b[++hi].lines;
		while (lo > 0 && used + b[lo - 1].lines <= room)
			used += b[--lo].lines;
		if (lo > 0)
			fprintf(f, "  (%d more above: k)\n", lo);
		for (i = lo; i <= hi; i++)
			if (b[i].text != NULL)
				fwrite(b[i].text, 1, b[i].len, f);
		if (hi + 1 < n)
			fprintf(f, "  (%d more below: j)\n", n - 1 - hi);
		for (i = 0; i < n; i++)
			free(b[i].text);
		free(b);
	}
	if (status[0] != '\0') {
		fprintf(f, "\n");
		ctl_putsafe(f, status, 0, width);
		fprintf(f, "\n");
	}
	fputs("\033[H\033[2J", stdout);
	if (fclose(f) == 0)
		put_fitted(scr, scrlen, cols);
	free(scr);
	fflush(stdout);
}

static struct view *
view_find(struct views *vs, uint32_t id)
{
	struct view	*v;

	TAILQ_FOREACH(v, vs, entry)
		if (v->it.id == id)
			return v;
	return NULL;
}

static void
view_free(struct views *vs, struct view *v)
{
	TAILQ_REMOVE(vs, v, entry);
	hitl_item_free(&v->it);
	free(v);
}

/* One message from hitld; -1 when it makes no sense. */
static int
on_message(struct views *vs, struct view **selp, struct imsg *imsg,
    char *status, size_t slen)
{
	struct hitl_decided	 d;
	struct view		*v;
	struct rbuf		 rb;
	unsigned char		*heap = NULL;
	char			 msg[512];
	int64_t			 left;

	if (harness_error(imsg, msg, sizeof(msg))) {
		snprintf(status, slen, "%s", msg);
		return 0;
	}
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	switch (imsg->hdr.type) {
	case IMSG_HITL_REQUEST:
		if ((v = calloc(1, sizeof(*v))) == NULL)
			err(1, "calloc");
		/* A large one comes in a memfd. */
		if (hitl_msg_open(imsg, &rb, &heap) == -1 ||
		    hitl_item_decode(&rb, &v->it) == -1) {
			free(heap);
			free(v);
			return -1;
		}
		free(heap);
		if (view_find(vs, v->it.id) != NULL) {
			hitl_item_free(&v->it);
			free(v);
			return 0;
		}
		clock_gettime(CLOCK_MONOTONIC, &v->due);
		left = v->it.left_ms > 86400000 ? 86400000 :
		    (int64_t)v->it.left_ms;
		v->due.tv_sec += left / 1000;
		v->due.tv_nsec += (left % 1000) * 1000000;
		if (v->due.tv_nsec >= 1000000000) {
			v->due.tv_sec++;
			v->due.tv_nsec -= 1000000000;
		}
		TAILQ_INSERT_TAIL(vs, v, entry);
		if (*selp == NULL)
			*selp = v;	/* (held if one just went: below) */
		/* Get the person's attention. */
		fputc('\a', stdout);
		break;
	case IMSG_HITL_DECIDED:
		if (hitl_decided_decode(&rb, &d) == -1)
			return -1;
		snprintf(status, slen, "request %u: %s", d.id, d.reason);
		if ((v = view_find(vs, d.id)) != NULL) {
			if (*selp == v) {
				*selp = TAILQ_NEXT(v, entry) ?
				    TAILQ_NEXT(v, entry) :
				    TAILQ_PREV(v, views, entry);
				if (!v->answering) {
					/* decided elsewhere: say so */
					hold_answers(d.id);
					if (*selp != NULL)
						snprintf(status, slen,
						    "request %u: %s; now "
						    "selected: #%u", d.id,
						    d.reason, (*selp)->it.id);
				}
			}
			view_free(vs, v);
		}
		break;
	case IMSG_CTL_OK:
	case IMSG_CTL_END:
		break;
	default:
		return -1;
	}
	return 0;
}

static void
send_answer(struct hconn *h, struct view *v, int answer, char *status,
    size_t slen)
{
	struct wbuf	 wb;
	struct timespec	 now;
	static uint32_t	 seq = 1;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (timespeccmp(&now, &hold_until, <)) {
		snprintf(status, slen, "#%u was decided elsewhere; #%u is "
		    "selected now: look, then answer again", held_from,
		    v->it.id);
		return;
	}
	if (answer == HITL_ANSWER_SESSION && (v->it.req.session == NULL ||
	    v->it.req.session[0] == '\0')) {
		snprintf(status, slen, "request %u has no session: answer y "
		    "or n", v->it.id);
		return;
	}
	wire_init(&wb);
	wire_put_u32(&wb, v->it.id);
	wire_put_u8(&wb, (uint8_t)answer);
	if (++seq == 0)
		seq = 2;
	if (harness_send(h, IMSG_HITL_ANSWER, seq, -1, wb.buf, wb.len) == -1)
		snprintf(status, slen, "sending the answer: %s",
		    strerror(errno));
	else
		v->answering = 1;
}

static int
approve_prompt(struct ctl_env *env)
{
	struct views	 vs;
	struct view	*sel = NULL, *v;
	struct hconn	*h;
	struct imsg	 imsg;
	struct pollfd	 pfd[2];
	char		 status[512], where[PATH_MAX + 32];
	unsigned char	 keys[64];
	ssize_t		 n, i;
	int		 rc = 0, esc = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		errx(1, "approve needs a terminal; use approve -l and "
		    "approve ID allow|deny");
	h = approver_connect(env);
	snprintf(where, sizeof(where), "%s", env->conf->hitld.approver.path);
	TAILQ_INIT(&vs);
	status[0] = '\0';
	if (harness_send(h, IMSG_HITL_SUBSCRIBE, 1, -1, NULL, 0) == -1)
		err(1, "send");
	tty_raw();
	draw(&vs, sel, status, where);

	while (!got_quit) {
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = h->ibuf.fd;
		pfd[1].events = POLLIN;
		/* Wake at most once a second: the countdown. */
		if (poll(pfd, 2, 1000) == -1) {
			if (errno == EINTR)
				continue;
			tty_restore();
			err(1, "poll");
		}
		if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			n = imsg_read(&h->ibuf);
			if (n == 0 || (n == -1 && errno != EAGAIN &&
			    errno != EINTR)) {
				tty_restore();
				warnx("hitld closed the connection");
				rc = 1;
				break;
			}
			for (;;) {
				n = imsg_get(&h->ibuf, &imsg);
				if (n == 0)
					break;
				if (n == -1 || on_message(&vs, &sel, &imsg,
				    status, sizeof(status)) == -1) {
					tty_restore();
					errx(1, "hitld: bad message");
				}
				imsg_free(&imsg);
			}
		}
		if (pfd[0].revents & (POLLHUP | POLLERR))
			break;
		if (pfd[0].revents & POLLIN) {
			n = read(STDIN_FILENO, keys, sizeof(keys));
			if (n <= 0) {
				if (n == -1 && errno == EINTR)
					continue;
				break;
			}
			for (i = 0; i < n && !got_quit; i++) {
				/* Arrow keys: ESC [ A / ESC [ B. */
				if (esc == 1) {
					esc = keys[i] == '[' ? 2 : 0;
					continue;
				}
				if (esc == 2) {
					esc = 0;
					if (keys[i] == 'A')
						keys[i] = 'k';
					else if (keys[i] == 'B')
						keys[i] = 'j';
					else
						continue;
				}
				switch (keys[i]) {
				case 0x1b:
					esc = 1;
					break;
				case 'q':
				case 0x03:	/* ^C without ISIG */
				case 0x04:	/* ^D */
					got_quit = 1;
					break;
				case 'j':
				case '\t':
					if (sel && TAILQ_NEXT(sel, entry))
						sel = TAILQ_NEXT(sel, entry);
					break;
				case 'k':
					if (sel && TAILQ_PREV(sel, views,
					    entry))
						sel = TAILQ_PREV(sel, views,
						    entry);
					break;
				case 'y':
				case 'Y':
					if (sel)
						send_answer(h, sel,
						    HITL_ANSWER_ALLOW, status,
						    sizeof(status));
					break;
				case 'n':
				case 'N':
					if (sel)
						send_answer(h, sel,
						    HITL_ANSWER_DENY, status,
						    sizeof(status));
					break;
				case 's':
				case 'S':
					if (sel)
						send_answer(h, sel,
						    HITL_ANSWER_SESSION,
						    status, sizeof(status));
					break;
				case 'v':
				case 'V':
					if (sel)
						view_whole(sel, status,
						    sizeof(status));
					break;
				}
			}
		}
		got_winch = 0;
		if (!got_quit)
			draw(&vs, sel, status, where);
	}
	tty_restore();
	while ((v = TAILQ_FIRST(&vs)) != NULL)
		view_free(&vs, v);
	harness_close(h);
	return rc;
}

int
cmd_approve(struct ctl_env *env, int argc, char **argv)
{
	int	 ch, list = 0, all = 0;

	/* getopt(3) names argv[0] in its messages */
	argv[0] = "harnessctl approve";
	while ((ch = getopt(argc, argv, "al")) != -1) {
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'l':
			list = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (all && !list)
		usage();
	if (list) {
		if (argc != 0)
			usage();
		return approve_list(env, all);
	}
	if (argc == 2)
		return approve_one(env, argv[0], argv[1]);
	if (argc != 0)
		usage();
	return approve_prompt(env);
}
