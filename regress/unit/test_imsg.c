/*
 * imsg: round trips, partial I/O under tiny socket buffers, fd passing,
 * and hostile input (bad lengths, garbage, truncation, extra fds), each
 * checked for leaked fds; ASan checks leaked memory.
 */

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"
#include "../tap.h"

#define NMSG		100000
#define NFDMSG		3000
#define TINY		1024

static int
count_fds(void)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;		/* the directory's own fd */
}

static int
fd_closed(int fd)
{
	return fcntl(fd, F_GETFD) == -1 && errno == EBADF;
}

static void
mkpair(int sv[2], int tiny)
{
	int	 sz = TINY, i;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0, sv) == -1)
		abort();
	if (!tiny)
		return;
	for (i = 0; i < 2; i++) {
		if (setsockopt(sv[i], SOL_SOCKET, SO_SNDBUF, &sz,
		    sizeof(sz)) == -1 ||
		    setsockopt(sv[i], SOL_SOCKET, SO_RCVBUF, &sz,
		    sizeof(sz)) == -1)
			abort();
	}
}

/* A connected pair, w writing at sv[0] and r reading at sv[1]. */
static void
bufs_open(struct imsgbuf **w, struct imsgbuf **r, int sv[2], int tiny)
{
	if ((*w = malloc(sizeof(**w))) == NULL ||
	    (*r = malloc(sizeof(**r))) == NULL)
		abort();
	mkpair(sv, tiny);
	imsg_init(*w, sv[0]);
	imsg_init(*r, sv[1]);
}

static void
bufs_close(struct imsgbuf *w, struct imsgbuf *r, int sv[2])
{
	imsg_clear(w);
	imsg_clear(r);
	close(sv[0]);
	close(sv[1]);
	free(w);
	free(r);
}

/* Move bytes from w to r until r holds a whole message.  1, 0, -1. */
static int
transfer(struct imsgbuf *w, struct imsgbuf *r, struct imsg *imsg)
{
	ssize_t	 n;
	long	 i;

	for (i = 0; i < 1000000; i++) {
		if ((n = imsg_get(r, imsg)) != 0)
			return n > 0 ? 1 : -1;
		if (imsg_write(w) == -1)
			return -1;
		if ((n = imsg_read(r)) == 0)
			return 0;
		if (n == -1 && errno != EAGAIN)
			return -1;
	}
	errno = ETIMEDOUT;
	return -1;
}

/*
 * Read and take messages until EOF or an error.  0 on EOF, -1 with
 * errno on error.  Messages and their fds are freed and counted.
 */
static int
drain(struct imsgbuf *ib, int *nmsg)
{
	struct imsg	 imsg;
	struct pollfd	 pfd;
	ssize_t		 n;

	for (;;) {
		while ((n = imsg_get(ib, &imsg)) > 0) {
			if (imsg.fd != -1)
				close(imsg.fd);
			imsg_free(&imsg);
			(*nmsg)++;
		}
		if (n == -1)
			return -1;
		if ((n = imsg_read(ib)) == 0)
			return 0;
		if (n == -1) {
			if (errno != EAGAIN)
				return -1;
			pfd.fd = ib->fd;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, 10000) == 0) {
				errno = ETIMEDOUT;
				return -1;
			}
		}
	}
}

/* Send raw bytes with up to two fds attached in one sendmsg. */
static int
send_raw(int s, const void *buf, size_t len, int fd1, int fd2)
{
	union {
		struct cmsghdr	 hdr;
		unsigned char	 buf[CMSG_SPACE(2 * sizeof(int))];
	} cbuf;
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	int		 fds[2] = { fd1, fd2 }, nfds;

	nfds = fd1 == -1 ? 0 : (fd2 == -1 ? 1 : 2);
	memset(&msg, 0, sizeof(msg));
	memset(&cbuf, 0, sizeof(cbuf));
	iov.iov_base = (void *)(uintptr_t)buf;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (nfds > 0) {
		msg.msg_control = cbuf.buf;
		msg.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
		cmsg = CMSG_FIRSTHDR(&msg);
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		cmsg->cmsg_len = CMSG_LEN(nfds * sizeof(int));
		memcpy(CMSG_DATA(cmsg), fds, nfds * sizeof(int));
	}
	return sendmsg(s, &msg, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
}

static void
mkhdr(unsigned char *p, uint32_t type, uint16_t len, uint16_t flags)
{
	struct imsg_hdr	 h;

	memset(&h, 0, sizeof(h));
	h.type = type;
	h.len = len;
	h.flags = flags;
	h.peerid = 7;
	h.pid = 1;
	memcpy(p, &h, sizeof(h));
}

static void
fill(unsigned char *p, size_t len, uint32_t seq)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(seq * 31 + i * 7 + (i >> 8));
}

static int
check_fill(const unsigned char *p, size_t len, uint32_t seq)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (p[i] != (unsigned char)(seq * 31 + i * 7 + (i >> 8)))
			return 0;
	return 1;
}

static void
test_sizes(void)
{
	static const size_t	 sizes[] = { 0, 1, 15, 16, 17, 4095, 16383,
				    16384 };
	static unsigned char	 buf[IMSG_MAX_PAYLOAD];
	struct imsgbuf		*w, *r;
	struct imsg		 imsg;
	size_t			 i, sz;
	int			 sv[2], ok, before;

	before = count_fds();
	bufs_open(&w, &r, sv, 0);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		sz = sizes[i];
		fill(buf, sz, (uint32_t)i);
		ok = imsg_compose(w, 1000 + i, 0xdeadbeef ^ (uint32_t)sz,
		    4242, -1, buf, sz) == 0;
		ok = ok && transfer(w, r, &imsg) == 1;
		if (ok) {
			ok = imsg.hdr.type == 1000 + i &&
			    imsg.hdr.peerid == (0xdeadbeef ^ (uint32_t)sz) &&
			    imsg.hdr.pid == 4242 && imsg.fd == -1 &&
			    imsg.hdr.flags == 0 &&
			    imsg.hdr.len == IMSG_HEADER_SIZE + sz &&
			    imsg_datalen(&imsg) == sz &&
			    (sz == 0 || check_fill(imsg.data, sz, i));
			imsg_free(&imsg);
		}
		tap_ok(ok, "round trip, payload %zu bytes", sz);
	}

	/* pid 0 means "mine". */
	ok = imsg_compose(w, 1, 2, 0, -1, NULL, 0) == 0 &&
	    transfer(w, r, &imsg) == 1 && imsg.hdr.pid == (uint32_t)getpid();
	if (ok)
		imsg_free(&imsg);
	tap_ok(ok, "pid 0 is filled with the sender's pid");

	bufs_close(w, r, sv);
	tap_ok(count_fds() == before, "round trips leak no fd");
}

static void
test_composev(void)
{
	static unsigned char	 a[IMSG_MAX_PAYLOAD];
	struct imsgbuf		*w, *r;
	struct imsg		 imsg;
	struct iovec		 iov[3];
	int			 sv[2], ok;

	bufs_open(&w, &r, sv, 0);
	fill(a, sizeof(a), 9);
	iov[0].iov_base = a;
	iov[0].iov_len = 100;
	iov[1].iov_base = NULL;
	iov[1].iov_len = 0;
	iov[2].iov_base = a + 100;
	iov[2].iov_len = sizeof(a) - 100;
	ok = imsg_composev(w, 5, 6, 7, -1, iov, 3) == 0 &&
	    transfer(w, r, &imsg) == 1;
	if (ok) {
		ok = imsg_datalen(&imsg) == sizeof(a) &&
		    check_fill(imsg.data, sizeof(a), 9) && imsg.hdr.type == 5;
		imsg_free(&imsg);
	}
	tap_ok(ok, "composev gathers iovecs into one payload");

	iov[2].iov_len = sizeof(a) - 99;
	ok = imsg_composev(w, 5, 6, 7, -1, iov, 3) == -1 &&
	    errno == EMSGSIZE && imsg_queued(w) == 0;
	tap_ok(ok, "composev refuses a total over the maximum");

	bufs_close(w, r, sv);
}

static void
test_too_big(void)
{
	static unsigned char	 buf[IMSG_MAX_PAYLOAD + 1];
	struct imsgbuf		*w;
	int			 sv[2], p[2], ok, before;

	before = count_fds();
	if ((w = malloc(sizeof(*w))) == NULL)
		abort();
	mkpair(sv, 0);
	imsg_init(w, sv[0]);
	ok = imsg_compose(w, 1, 0, 0, -1, buf, sizeof(buf)) == -1 &&
	    errno == EMSGSIZE && imsg_queued(w) == 0;
	tap_ok(ok, "payload %zu refused with EMSGSIZE", sizeof(buf));

	if (pipe2(p, O_CLOEXEC) == -1)
		abort();
	ok = imsg_compose(w, 1, 0, 0, p[0], buf, sizeof(buf)) == -1 &&
	    errno == EMSGSIZE && fd_closed(p[0]) && imsg_queued(w) == 0;
	close(p[1]);
	tap_ok(ok, "refused compose closes the fd it was given");

	imsg_clear(w);
	close(sv[0]);
	close(sv[1]);
	free(w);
	tap_ok(count_fds() == before, "refusals leak no fd");
}

static size_t
msgsize(uint32_t seq)
{
	if (seq % 997 == 0)
		return IMSG_MAX_PAYLOAD;
	return (seq * 7919u) % 600;
}

static void
test_many_tiny(void)
{
	static unsigned char	 buf[IMSG_MAX_PAYLOAD];
	struct imsgbuf		*w, *r;
	struct imsg		 imsg;
	uint32_t		 sent = 0, recvd = 0, seq;
	ssize_t			 n;
	long			 stall = 0, nreads = 0;
	int			 sv[2], bad = 0, before;
	size_t			 sz, maxread = 0;

	before = count_fds();
	bufs_open(&w, &r, sv, 1);
	while (recvd < NMSG && !bad) {
		while (sent < NMSG && imsg_queued(w) < 32) {
			sz = msgsize(sent);
			fill(buf, sz, sent);
			if (imsg_compose(w, sent % 251, sent, 99, -1, buf,
			    sz) == -1)
				bad = 1;
			sent++;
		}
		if (imsg_write(w) == -1)
			bad = 1;
		n = imsg_read(r);
		if (n == 0 || (n == -1 && errno != EAGAIN))
			bad = 1;
		if (n > 0) {
			stall = 0;
			nreads++;
			if ((size_t)n > maxread)
				maxread = n;
		} else if (++stall > 1000000)
			bad = 1;
		while ((n = imsg_get(r, &imsg)) > 0) {
			seq = recvd++;
			sz = msgsize(seq);
			if (imsg.hdr.type != seq % 251 ||
			    imsg.hdr.peerid != seq || imsg.hdr.pid != 99 ||
			    imsg.fd != -1 || imsg_datalen(&imsg) != sz ||
			    (sz > 0 && !check_fill(imsg.data, sz, seq))) {
				TAP_DIAG("message %u wrong", seq);
				bad = 1;
			}
			imsg_free(&imsg);
		}
		if (n == -1)
			bad = 1;
	}
	/* Show that messages really were split and batched. */
	TAP_DIAG("%ld reads, at most %zu bytes each", nreads, maxread);
	tap_ok(!bad && recvd == NMSG && imsg_queued(w) == 0 && r->rlen == 0,
	    "%d messages in order through %d-byte socket buffers", NMSG,
	    TINY);
	bufs_close(w, r, sv);
	tap_ok(count_fds() == before, "bulk transfer leaks no fd");
}

static void
test_pass_pipe_memfd(void)
{
	static const char	 pmsg[] = "through a pipe";
	static const char	 mmsg[] = "inside a memfd";
	struct imsgbuf		*w, *r;
	struct imsg		 imsg;
	char			 got[64];
	int			 sv[2], p[2], m, ok, before;
	ssize_t			 n;

	before = count_fds();
	bufs_open(&w, &r, sv, 0);

	if (pipe2(p, O_CLOEXEC) == -1)
		abort();
	if (write(p[1], pmsg, sizeof(pmsg)) != sizeof(pmsg))
		abort();
	close(p[1]);
	ok = imsg_compose(w, 1, 0, 0, p[0], "p", 1) == 0 &&
	    imsg_write(w) == 1;
	/* Before anything is received, which could reuse the number. */
	tap_ok(ok && fd_closed(p[0]), "pipe: sender's copy closed once sent");
	ok = ok && transfer(w, r, &imsg) == 1;
	if (ok) {
		ok = imsg.fd != -1 && (imsg.hdr.flags & IMSGF_HASFD) &&
		    (fcntl(imsg.fd, F_GETFD) & FD_CLOEXEC) &&
		    read(imsg.fd, got, sizeof(got)) == sizeof(pmsg) &&
		    memcmp(got, pmsg, sizeof(pmsg)) == 0 &&
		    read(imsg.fd, got, sizeof(got)) == 0;
		if (imsg.fd != -1)
			close(imsg.fd);
		imsg_free(&imsg);
	}
	tap_ok(ok, "pipe: passed, close-on-exec, content read back");

	if ((m = memfd_create("test_imsg", MFD_CLOEXEC)) == -1)
		abort();
	if (write(m, mmsg, sizeof(mmsg)) != sizeof(mmsg))
		abort();
	ok = imsg_compose(w, 2, 0, 0, m, NULL, 0) == 0 && imsg_write(w) == 1;
	tap_ok(ok && fd_closed(m), "memfd: sender's copy closed once sent");
	ok = ok && transfer(w, r, &imsg) == 1;
	if (ok) {
		n = imsg.fd == -1 ? -1 : pread(imsg.fd, got, sizeof(got), 0);
		ok = imsg.hdr.type == 2 && n == sizeof(mmsg) &&
		    memcmp(got, mmsg, sizeof(mmsg)) == 0;
		if (imsg.fd != -1)
			close(imsg.fd);
		imsg_free(&imsg);
	}
	tap_ok(ok, "memfd: passed, content read back");

	bufs_close(w, r, sv);
	tap_ok(count_fds() == before, "fd passing leaks no fd");
}

/*
 * SO_PASSCRED: the reader learns which process sent each read's bytes,
 * also when a connection is handed to another process (and another
 * uid) and when an fd comes with them; without it, nothing is claimed.
 */
static void
test_creds(void)
{
	struct imsgbuf	*w, *r;
	struct imsg	 imsg;
	int		 sv[2], on = 1, st, ok, p[2];
	pid_t		 pid;
	uid_t		 want = getuid() == 0 ? 65534 : getuid();

	bufs_open(&w, &r, sv, 0);
	ok = imsg_compose(w, 1, 0, 0, -1, "x", 1) == 0 &&
	    imsg_write(w) == 1 && transfer(w, r, &imsg) == 1;
	if (ok)
		imsg_free(&imsg);
	tap_ok(ok && !r->cred_ok, "creds: none claimed without SO_PASSCRED");

	if (setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == -1)
		abort();
	if ((pid = fork()) == -1)
		abort();
	if (pid == 0) {
		/* The connection passed on, as the parent does. */
		if (pipe2(p, O_CLOEXEC) == -1 ||
		    (getuid() == 0 && (setgid(65534) == -1 ||
		    setuid(65534) == -1)))
			_exit(1);
		close(p[1]);
		if (imsg_compose(w, 2, 0, 0, p[0], "child", 5) == -1 ||
		    imsg_flush(w) == -1)
			_exit(1);
		_exit(0);
	}
	ok = waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0 && transfer(w, r, &imsg) == 1;
	if (ok) {
		ok = imsg.hdr.type == 2 && imsg.fd != -1;
		if (imsg.fd != -1)
			close(imsg.fd);
		imsg_free(&imsg);
	}
	tap_ok(ok && r->cred_ok && r->cred_pid == pid && r->cred_uid == want,
	    "creds: the child that sent it (pid %d uid %u), with its fd",
	    (int)r->cred_pid, (unsigned)r->cred_uid);

	ok = imsg_compose(w, 3, 0, 0, -1, "me", 2) == 0 &&
	    imsg_write(w) == 1 && transfer(w, r, &imsg) == 1;
	if (ok)
		imsg_free(&imsg);
	tap_ok(ok && r->cred_ok && r->cred_pid == getpid() &&
	    r->cred_uid == getuid(), "creds: then this process");

	bufs_close(w, r, sv);
}

static void
test_one_fd_per_sendmsg(void)
{
	union {
		struct cmsghdr	 hdr;
		unsigned char	 buf[CMSG_SPACE(8 * sizeof(int))];
	} cbuf;
	static unsigned char	 rbuf[65536];
	struct imsgbuf		*w;
	struct msghdr		 msg;
	struct iovec		 iov;
	struct cmsghdr		*cmsg;
	/* 1 = carries an fd; the fd message's stream offsets below. */
	static const int	 hasfd[] = { 0, 1, 1, 0, 1, 0, 0, 1, 1 };
	size_t			 start[9], off = 0, i, k, nfd = 0;
	int			 sv[2], fd, ok = 1, before, nin;
	ssize_t			 n;

	before = count_fds();
	if ((w = malloc(sizeof(*w))) == NULL)
		abort();
	mkpair(sv, 0);
	imsg_init(w, sv[0]);
	for (i = 0; i < 9; i++) {
		fd = -1;
		if (hasfd[i] && (fd = memfd_create("x", MFD_CLOEXEC)) == -1)
			abort();
		start[i] = off;
		if (imsg_compose(w, i, 0, 0, fd, rbuf, 100 + i) == -1)
			abort();
		off += IMSG_HEADER_SIZE + 100 + i;
	}
	ok &= imsg_write(w) == 1;

	/* A raw reader with room for many fds counts them per recvmsg. */
	off = 0;
	for (;;) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = rbuf;
		iov.iov_len = sizeof(rbuf);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf.buf;
		msg.msg_controllen = sizeof(cbuf.buf);
		if ((n = recvmsg(sv[1], &msg, MSG_CMSG_CLOEXEC)) <= 0)
			break;
		nin = 0;
		for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL;
		    cmsg = CMSG_NXTHDR(&msg, cmsg)) {
			if (cmsg->cmsg_type != SCM_RIGHTS)
				continue;
			k = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			for (i = 0; i < k; i++) {
				memcpy(&fd, CMSG_DATA(cmsg) + i * sizeof(int),
				    sizeof(int));
				close(fd);
			}
			nin += k;
		}
		if (nin > 1)
			ok = 0;
		if (nin == 1) {
			/* It came with the first byte of the next fd
			 * message. */
			while (nfd < 9 && !hasfd[nfd])
				nfd++;
			if (nfd == 9 || start[nfd] < off ||
			    start[nfd] >= off + (size_t)n)
				ok = 0;
			nfd++;
		}
		off += n;
	}
	while (nfd < 9 && !hasfd[nfd])
		nfd++;
	tap_ok(ok && nfd == 9, "never two fds in one sendmsg; "
	    "each fd travels with its message's first byte");

	imsg_clear(w);
	close(sv[0]);
	close(sv[1]);
	free(w);
	tap_ok(count_fds() == before, "raw fd count check leaks no fd");
}

static void
test_fds_tiny(void)
{
	static unsigned char	 buf[4096];
	struct imsgbuf		*w, *r;
	struct imsg		 imsg;
	uint32_t		 sent = 0, recvd = 0, seq, got;
	ssize_t			 n;
	size_t			 sz;
	long			 stall = 0;
	int			 sv[2], p[2], fd, bad = 0, before, want;

	before = count_fds();
	bufs_open(&w, &r, sv, 1);
	while (recvd < NFDMSG && !bad) {
		while (sent < NFDMSG && imsg_queued(w) < 16) {
			fd = -1;
			/* Runs of fd messages as well as alternation. */
			if (sent % 3 == 0 || sent % 11 < 3) {
				if (pipe2(p, O_CLOEXEC) == -1)
					abort();
				if (write(p[1], &sent, 4) != 4)
					abort();
				close(p[1]);
				fd = p[0];
			}
			sz = (sent * 131u) % sizeof(buf);
			fill(buf, sz, sent);
			if (imsg_compose(w, sent, 0, 0, fd, buf, sz) == -1)
				bad = 1;
			sent++;
		}
		if (imsg_write(w) == -1)
			bad = 1;
		n = imsg_read(r);
		if (n == 0 || (n == -1 && errno != EAGAIN)) {
			TAP_DIAG("imsg_read: %zd %s", n, strerror(errno));
			bad = 1;
		}
		if (n > 0)
			stall = 0;
		else if (++stall > 1000000)
			bad = 1;
		while ((n = imsg_get(r, &imsg)) > 0) {
			seq = recvd++;
			want = seq % 3 == 0 || seq % 11 < 3;
			sz = (seq * 131u) % sizeof(buf);
			if (imsg.hdr.type != seq || (imsg.fd != -1) != want ||
			    imsg_datalen(&imsg) != sz ||
			    (sz > 0 && !check_fill(imsg.data, sz, seq)))
				bad = 1;
			if (imsg.fd != -1) {
				if (read(imsg.fd, &got, 4) != 4 || got != seq)
					bad = 1;
				close(imsg.fd);
			}
			imsg_free(&imsg);
		}
		if (n == -1) {
			TAP_DIAG("imsg_get: %s", strerror(errno));
			bad = 1;
		}
	}
	tap_ok(!bad && recvd == NFDMSG && TAILQ_EMPTY(&r->fds),
	    "%d messages, fds interleaved, %d-byte buffers, each fd "
	    "with its message", NFDMSG, TINY);
	bufs_close(w, r, sv);
	tap_ok(count_fds() == before, "fd stream leaks no fd");
}

/*
 * Feed raw bytes (optionally with fds in one sendmsg) to a fresh
 * reader, close the writing end, drain.  Returns drain()'s result;
 * *err gets errno.  Checks no fd leaked.
 */
static int
feed(const void *buf, size_t len, int nfds, int *err, int *nmsg,
    int *leak)
{
	struct imsgbuf	*r;
	int		 sv[2], fds[2] = { -1, -1 }, i, rv, before;

	before = count_fds();
	if ((r = malloc(sizeof(*r))) == NULL)
		abort();
	mkpair(sv, 0);
	imsg_init(r, sv[1]);
	for (i = 0; i < nfds; i++)
		if ((fds[i] = memfd_create("x", MFD_CLOEXEC)) == -1)
			abort();
	if (len > 0 && send_raw(sv[0], buf, len, fds[0], fds[1]) == -1)
		abort();
	for (i = 0; i < nfds; i++)
		close(fds[i]);
	close(sv[0]);
	*nmsg = 0;
	errno = 0;
	rv = drain(r, nmsg);
	*err = errno;
	imsg_clear(r);
	close(sv[1]);
	free(r);
	*leak = count_fds() != before;
	return rv;
}

static void
test_hostile(void)
{
	unsigned char	 b[256];
	int		 rv, err, nmsg, leak;

	memset(b, 0, sizeof(b));
	mkhdr(b, 1, 20, 0);
	rv = feed(b, 10, 0, &err, &nmsg, &leak);
	tap_ok(rv == 0 && nmsg == 0 && !leak,
	    "truncated header then EOF: EOF, no message");

	mkhdr(b, 1, IMSG_MAX_LEN + 1, 0);
	rv = feed(b, IMSG_HEADER_SIZE, 0, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && !leak,
	    "length over the maximum: EBADMSG");

	mkhdr(b, 1, 0xffff, 0);
	rv = feed(b, sizeof(b), 0, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && !leak,
	    "length 0xffff: EBADMSG");

	mkhdr(b, 1, IMSG_HEADER_SIZE - 1, 0);
	rv = feed(b, sizeof(b), 0, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && nmsg == 0 && !leak,
	    "length smaller than the header: EBADMSG");

	mkhdr(b, 1, 0, 0);
	rv = feed(b, sizeof(b), 0, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && !leak, "length 0: EBADMSG");

	mkhdr(b, 1, 200, 0);
	rv = feed(b, 100, 0, &err, &nmsg, &leak);
	tap_ok(rv == 0 && nmsg == 0 && !leak,
	    "peer closes mid-message: EOF, no message");

	mkhdr(b, 1, 32, IMSGF_HASFD);
	rv = feed(b, 32, 0, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && nmsg == 0 && !leak,
	    "fd flag with no fd: EBADMSG");

	mkhdr(b, 1, 32, 0x8000);
	rv = feed(b, 32, 0, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && !leak,
	    "unknown flag bits: EBADMSG");

	mkhdr(b, 1, 32, IMSGF_HASFD);
	rv = feed(b, 32, 2, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && nmsg == 0 && !leak,
	    "two fds in one sendmsg: EBADMSG, both closed");

	mkhdr(b, 1, 32, 0);
	rv = feed(b, 32, 1, &err, &nmsg, &leak);
	tap_ok(rv == -1 && err == EBADMSG && nmsg == 1 && !leak,
	    "fd sent with a message not marked for one: EBADMSG, closed");

	mkhdr(b, 1, 32, IMSGF_HASFD);
	rv = feed(b, 20, 1, &err, &nmsg, &leak);
	tap_ok(rv == 0 && nmsg == 0 && !leak,
	    "fd then EOF mid-message: queued fd closed by imsg_clear");

	mkhdr(b, 1, 32, IMSGF_HASFD);
	mkhdr(b + 32, 2, 16, 0);
	rv = feed(b, 48, 1, &err, &nmsg, &leak);
	tap_ok(rv == 0 && nmsg == 2 && !leak,
	    "raw fd message followed by a plain one is accepted");
}

static void
test_garbage(void)
{
	static unsigned char	 b[8192];
	uint64_t		 x = 0x9e3779b97f4a7c15ULL;
	size_t			 len, i;
	int			 round, rv, err, nmsg, leak, bad = 0, total = 0;

	for (round = 0; round < 200; round++) {
		/* xorshift: reproducible, no libc state. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		len = 1 + x % sizeof(b);
		for (i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			b[i] = x & 0xff;
			/* Some plausible headers, to get past the check. */
			if (round % 4 == 0 && i % 64 == 4)
				b[i] = 64;
			if (round % 4 == 0 && (i % 64 == 5 || i % 64 == 6 ||
			    i % 64 == 7))
				b[i] = 0;
		}
		rv = feed(b, len, round % 3 == 0, &err, &nmsg, &leak);
		if (leak || (rv == -1 && err != EBADMSG))
			bad++;
		total += nmsg;
	}
	tap_ok(bad == 0, "200 garbage streams: EOF or EBADMSG, no leak "
	    "(%d messages parsed)", total);
}

static void
test_enobufs(void)
{
	static unsigned char	 buf[IMSG_MAX_PAYLOAD];
	struct imsgbuf		*w, *r;
	struct imsg		 imsg;
	ssize_t			 n = 0;
	int			 sv[2], i, ok, got = 0;

	bufs_open(&w, &r, sv, 0);
	for (i = 0; i < 5; i++)
		imsg_compose(w, i, 0, 0, -1, buf, sizeof(buf));
	/* Read without taking: the buffer fills and says so. */
	for (i = 0; i < 1000; i++) {
		imsg_write(w);
		if ((n = imsg_read(r)) == -1 && errno != EAGAIN)
			break;
	}
	ok = n == -1 && errno == ENOBUFS && r->rlen == IMSG_READ_BUFSIZE;
	while (imsg_get(r, &imsg) > 0) {
		got++;
		imsg_free(&imsg);
	}
	ok = ok && got == IMSG_READ_BUFSIZE / IMSG_MAX_LEN;
	tap_ok(ok, "full read buffer: ENOBUFS, buffered messages intact");
	bufs_close(w, r, sv);
}

static void
test_clear(void)
{
	struct imsgbuf	*w;
	int		 sv[2], m[3], i, ok = 1, before;

	before = count_fds();
	if ((w = malloc(sizeof(*w))) == NULL)
		abort();
	mkpair(sv, 0);
	imsg_init(w, sv[0]);
	for (i = 0; i < 3; i++) {
		if ((m[i] = memfd_create("x", MFD_CLOEXEC)) == -1)
			abort();
		ok &= imsg_compose(w, i, 0, 0, m[i], "x", 1) == 0;
	}
	ok &= imsg_queued(w) == 3;
	imsg_clear(w);
	for (i = 0; i < 3; i++)
		ok &= fd_closed(m[i]);
	ok &= imsg_queued(w) == 0 && TAILQ_EMPTY(&w->wq);
	close(sv[0]);
	close(sv[1]);
	free(w);
	tap_ok(ok && count_fds() == before,
	    "imsg_clear drops the queue and closes its fds");
}

static void
test_epipe(void)
{
	struct imsgbuf	*w;
	int		 sv[2], m, ok, before;

	before = count_fds();
	if ((w = malloc(sizeof(*w))) == NULL)
		abort();
	mkpair(sv, 0);
	imsg_init(w, sv[0]);
	close(sv[1]);
	if ((m = memfd_create("x", MFD_CLOEXEC)) == -1)
		abort();
	/* SIGPIPE is at its default: without MSG_NOSIGNAL we would die. */
	ok = imsg_compose(w, 1, 0, 0, m, "x", 1) == 0 &&
	    imsg_write(w) == -1 && errno == EPIPE && imsg_queued(w) == 1;
	ok = ok && imsg_flush(w) == -1 && errno == EPIPE;
	imsg_clear(w);
	close(sv[0]);
	free(w);
	tap_ok(ok && count_fds() == before,
	    "write to a closed peer: EPIPE, no signal, fd closed by clear");
}

static void
test_wait(void)
{
	struct imsgbuf	*a, *b;
	struct imsg	 imsg;
	pid_t		 pid;
	int		 sv[2], ok, status;

	if ((a = malloc(sizeof(*a))) == NULL ||
	    (b = malloc(sizeof(*b))) == NULL)
		abort();
	mkpair(sv, 0);
	imsg_init(a, sv[0]);
	imsg_init(b, sv[1]);

	ok = imsg_wait(b, &imsg, 50) == -1 && errno == ETIMEDOUT;
	tap_ok(ok, "imsg_wait: timeout gives ETIMEDOUT");

	ok = imsg_compose(a, 3, 4, 0, -1, "hi", 2) == 0 &&
	    imsg_flush(a) == 0 && imsg_wait(b, &imsg, 5000) == 1;
	if (ok) {
		ok = imsg.hdr.type == 3 && imsg_datalen(&imsg) == 2 &&
		    memcmp(imsg.data, "hi", 2) == 0;
		imsg_free(&imsg);
	}
	tap_ok(ok, "imsg_wait: returns a waiting message");

	/* A forked echo server: imsg_wait must send our request. */
	fflush(stdout);
	if ((pid = fork()) == -1)
		abort();
	if (pid == 0) {
		int	 rv = 1;

		close(sv[0]);
		if (imsg_wait(b, &imsg, 10000) == 1) {
			if (imsg_compose(b, imsg.hdr.type + 1,
			    imsg.hdr.peerid, 0, -1, imsg.data,
			    imsg_datalen(&imsg)) == 0 && imsg_flush(b) == 0)
				rv = 0;
			imsg_free(&imsg);
		}
		imsg_clear(b);
		free(b);
		free(a);
		close(sv[1]);
		_exit(rv);
	}
	close(sv[1]);
	ok = imsg_compose(a, 10, 77, 0, -1, "ping", 4) == 0 &&
	    imsg_wait(a, &imsg, 10000) == 1;
	if (ok) {
		ok = imsg.hdr.type == 11 && imsg.hdr.peerid == 77 &&
		    imsg_datalen(&imsg) == 4 &&
		    memcmp(imsg.data, "ping", 4) == 0;
		imsg_free(&imsg);
	}
	tap_ok(ok, "imsg_wait: sends the queued request, gets the reply");

	ok = imsg_wait(a, &imsg, 10000) == 0;
	tap_ok(ok, "imsg_wait: peer gone gives 0 (EOF)");
	ok = waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0;
	tap_ok(ok, "imsg_wait: echo child exited cleanly");

	imsg_clear(a);
	imsg_clear(b);
	close(sv[0]);
	free(a);
	free(b);
}

int
main(void)
{
	signal(SIGPIPE, SIG_DFL);
	test_sizes();
	test_composev();
	test_too_big();
	test_many_tiny();
	test_pass_pipe_memfd();
	test_one_fd_per_sendmsg();
	test_creds();
	test_fds_tiny();
	test_hostile();
	test_garbage();
	test_enobufs();
	test_clear();
	test_epipe();
	test_wait();
	return tap_done();
}
