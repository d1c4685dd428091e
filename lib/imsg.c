/*
 * imsg: framed messages with fd passing over SOCK_STREAM Unix sockets.
 * See imsg.h for the wire header and the rules.
 *
 * fd discipline, which both sides rely on:
 *  - the writer starts a new sendmsg() at every message that carries an
 *    fd and attaches the fd to it, so the fd always travels with the
 *    message's first byte and never two fds share one sendmsg();
 *  - Linux hands the fds of a stream sendmsg() to the reader together
 *    with the first byte of that sendmsg(), and never returns two
 *    fd-carrying sendmsg()s in one recvmsg();
 *  - so the reader sees each fd no later than its message's first
 *    byte, and can queue fds in arrival order and give the head of the
 *    queue to the next message marked IMSGF_HASFD.
 * An fd still queued when every byte read so far has been consumed
 * belongs to no message: the peer broke the rules (EBADMSG).
 */

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "imsg.h"

/* Most iovecs gathered into one sendmsg(); well under IOV_MAX. */
#define IMSG_WRITE_IOV	64
/* fds accepted from one recvmsg() before we call it a protocol error. */
#define IMSG_READ_FDS	4

static void	imsg_close_keep_errno(int);
static int	imsg_queue_fd(struct imsgbuf *, int);

void
imsg_init(struct imsgbuf *ib, int fd)
{
	memset(ib, 0, sizeof(*ib));
	ib->fd = fd;
	ib->pid = getpid();
	TAILQ_INIT(&ib->fds);
	TAILQ_INIT(&ib->wq);
}

static void
imsg_close_keep_errno(int fd)
{
	int	 saved;

	saved = errno;
	if (fd >= 0)
		close(fd);
	errno = saved;
}

static int
imsg_queue_fd(struct imsgbuf *ib, int fd)
{
	struct imsg_fdq	*fq;

	if ((fq = malloc(sizeof(*fq))) == NULL)
		return -1;
	fq->fd = fd;
	TAILQ_INSERT_TAIL(&ib->fds, fq, entry);
	return 0;
}

ssize_t
imsg_read(struct imsgbuf *ib)
{
	union {
		struct cmsghdr	 hdr;
		/*
		 * Room for more than one fd, so that a peer breaking the
		 * one-fd rule is seen and its fds closed.
		 */
		unsigned char	 buf[CMSG_SPACE(IMSG_READ_FDS * sizeof(int)) +
		    CMSG_SPACE(sizeof(struct ucred))];
	} cbuf;
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	int		 fds[IMSG_READ_FDS];
	size_t		 nfds = 0, i, n;
	int		 bad = 0;
	ssize_t		 r;

	if (ib->rlen >= sizeof(ib->rbuf)) {
		errno = ENOBUFS;
		return -1;
	}

	memset(&msg, 0, sizeof(msg));
	memset(&cbuf, 0, sizeof(cbuf));
	iov.iov_base = ib->rbuf + ib->rlen;
	iov.iov_len = sizeof(ib->rbuf) - ib->rlen;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf.buf;
	msg.msg_controllen = sizeof(cbuf.buf);

	if ((r = recvmsg(ib->fd, &msg, MSG_CMSG_CLOEXEC)) == -1)
		return -1;

	/* Collect every fd that arrived, whatever happens next. */
	ib->cred_ok = 0;
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL;
	    cmsg = CMSG_NXTHDR(&msg, cmsg)) {
		if (cmsg->cmsg_level == SOL_SOCKET &&
		    cmsg->cmsg_type == SCM_CREDENTIALS &&
		    cmsg->cmsg_len == CMSG_LEN(sizeof(struct ucred))) {
			struct ucred	 uc;

			memcpy(&uc, CMSG_DATA(cmsg), sizeof(uc));
			/* pid 0: bytes sent before the kernel was asked. */
			if (uc.pid > 0) {
				ib->cred_ok = 1;
				ib->cred_pid = uc.pid;
				ib->cred_uid = uc.uid;
				ib->cred_gid = uc.gid;
			}
			continue;
		}
		if (cmsg->cmsg_level != SOL_SOCKET ||
		    cmsg->cmsg_type != SCM_RIGHTS ||
		    cmsg->cmsg_len < CMSG_LEN(0))
			continue;
		n = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			int	 fd;

			memcpy(&fd, CMSG_DATA(cmsg) + i * sizeof(int),
			    sizeof(int));
			if (nfds < IMSG_READ_FDS) {
				fds[nfds++] = fd;
			} else {
				close(fd);
				bad = 1;
			}
		}
	}
	if (nfds > 1 || (msg.msg_flags & MSG_CTRUNC))
		bad = 1;
	if (bad) {
		for (i = 0; i < nfds; i++)
			close(fds[i]);
		errno = EBADMSG;
		return -1;
	}
	if (r == 0) {
		/* EOF: an fd with no bytes belongs to nothing. */
		for (i = 0; i < nfds; i++)
			close(fds[i]);
		return 0;
	}
	if (nfds == 1 && imsg_queue_fd(ib, fds[0]) == -1) {
		imsg_close_keep_errno(fds[0]);
		return -1;
	}
	ib->rlen += r;
	return r;
}

ssize_t
imsg_get(struct imsgbuf *ib, struct imsg *imsg)
{
	struct imsg_hdr	 hdr;
	struct imsg_fdq	*fq = NULL;
	void		*data = NULL;
	size_t		 datalen;

	if (ib->rlen == 0 && !TAILQ_EMPTY(&ib->fds)) {
		/* See the top of this file: an orphan fd. */
		errno = EBADMSG;
		return -1;
	}
	if (ib->rlen < IMSG_HEADER_SIZE)
		return 0;
	memcpy(&hdr, ib->rbuf, sizeof(hdr));
	if (hdr.len < IMSG_HEADER_SIZE || hdr.len > IMSG_MAX_LEN ||
	    (hdr.flags & ~IMSGF_HASFD) != 0) {
		errno = EBADMSG;
		return -1;
	}
	if (hdr.len > ib->rlen)
		return 0;
	if (hdr.flags & IMSGF_HASFD) {
		if ((fq = TAILQ_FIRST(&ib->fds)) == NULL) {
			errno = EBADMSG;
			return -1;
		}
	}
	datalen = hdr.len - IMSG_HEADER_SIZE;
	if (datalen > 0) {
		if ((data = malloc(datalen)) == NULL)
			return -1;
		memcpy(data, ib->rbuf + IMSG_HEADER_SIZE, datalen);
	}

	/* Nothing can fail from here on. */
	imsg->hdr = hdr;
	imsg->data = data;
	imsg->fd = -1;
	if (fq != NULL) {
		TAILQ_REMOVE(&ib->fds, fq, entry);
		imsg->fd = fq->fd;
		free(fq);
	}
	ib->rlen -= hdr.len;
	memmove(ib->rbuf, ib->rbuf + hdr.len, ib->rlen);
	return hdr.len;
}

void
imsg_free(struct imsg *imsg)
{
	/* The fd, if any, belongs to the caller. */
	free(imsg->data);
	imsg->data = NULL;
}

size_t
imsg_datalen(const struct imsg *imsg)
{
	if (imsg->hdr.len < IMSG_HEADER_SIZE)
		return 0;
	return imsg->hdr.len - IMSG_HEADER_SIZE;
}

int
imsg_compose(struct imsgbuf *ib, uint32_t type, uint32_t peerid, pid_t pid,
    int fd, const void *data, size_t datalen)
{
	struct iovec	 iov;

	/* Cast away const: composev only reads through iov_base. */
	iov.iov_base = (void *)(uintptr_t)data;
	iov.iov_len = datalen;
	return imsg_composev(ib, type, peerid, pid, fd, &iov, 1);
}

int
imsg_composev(struct imsgbuf *ib, uint32_t type, uint32_t peerid, pid_t pid,
    int fd, const struct iovec *iov, int iovcnt)
{
	struct imsg_wbuf	*w;
	struct imsg_hdr		 hdr;
	size_t			 datalen = 0, off;
	int			 i;

	if (iovcnt < 0 || (iovcnt > 0 && iov == NULL)) {
		imsg_close_keep_errno(fd);
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > 0 && iov[i].iov_base == NULL) {
			imsg_close_keep_errno(fd);
			errno = EINVAL;
			return -1;
		}
		/* Checked per element, so the sum cannot wrap. */
		if (iov[i].iov_len > IMSG_MAX_PAYLOAD - datalen) {
			imsg_close_keep_errno(fd);
			errno = EMSGSIZE;
			return -1;
		}
		datalen += iov[i].iov_len;
	}

	/* One allocation: the queue entry followed by the bytes. */
	if ((w = malloc(sizeof(*w) + IMSG_HEADER_SIZE + datalen)) == NULL) {
		imsg_close_keep_errno(fd);
		return -1;
	}
	w->buf = (unsigned char *)(w + 1);
	w->len = IMSG_HEADER_SIZE + datalen;
	w->off = 0;
	w->fd = fd >= 0 ? fd : -1;

	memset(&hdr, 0, sizeof(hdr));
	hdr.type = type;
	hdr.len = (uint16_t)w->len;
	hdr.flags = w->fd != -1 ? IMSGF_HASFD : 0;
	hdr.peerid = peerid;
	hdr.pid = (uint32_t)(pid != 0 ? pid : ib->pid);
	memcpy(w->buf, &hdr, sizeof(hdr));
	off = IMSG_HEADER_SIZE;
	for (i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len == 0)
			continue;
		memcpy(w->buf + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}

	TAILQ_INSERT_TAIL(&ib->wq, w, entry);
	ib->wqlen++;
	return 0;
}

int
imsg_write(struct imsgbuf *ib)
{
	union {
		struct cmsghdr	 hdr;
		unsigned char	 buf[CMSG_SPACE(sizeof(int))];
	} cbuf;
	struct iovec		 iov[IMSG_WRITE_IOV];
	struct msghdr		 msg;
	struct cmsghdr		*cmsg;
	struct imsg_wbuf	*w;
	ssize_t			 r;
	size_t			 n, left;
	int			 i, fd;

	while (!TAILQ_EMPTY(&ib->wq)) {
		i = 0;
		fd = -1;
		TAILQ_FOREACH(w, &ib->wq, entry) {
			if (i == IMSG_WRITE_IOV)
				break;
			/* An fd-carrying message always starts a sendmsg. */
			if (w->fd != -1) {
				if (i > 0)
					break;
				fd = w->fd;
			}
			iov[i].iov_base = w->buf + w->off;
			iov[i].iov_len = w->len - w->off;
			i++;
		}

		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = iov;
		msg.msg_iovlen = i;
		if (fd != -1) {
			memset(&cbuf, 0, sizeof(cbuf));
			msg.msg_control = cbuf.buf;
			msg.msg_controllen = sizeof(cbuf.buf);
			cmsg = CMSG_FIRSTHDR(&msg);
			cmsg->cmsg_level = SOL_SOCKET;
			cmsg->cmsg_type = SCM_RIGHTS;
			cmsg->cmsg_len = CMSG_LEN(sizeof(int));
			memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
		}

		if ((r = sendmsg(ib->fd, &msg, MSG_NOSIGNAL)) == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			return -1;
		}
		if (r == 0)
			return 0;	/* not expected; never spin on it */

		/* Some bytes went, so the fd went with them. */
		if (fd != -1) {
			w = TAILQ_FIRST(&ib->wq);
			close(w->fd);
			w->fd = -1;
		}
		n = r;
		while (n > 0 && (w = TAILQ_FIRST(&ib->wq)) != NULL) {
			left = w->len - w->off;
			if (n < left) {
				w->off += n;
				break;
			}
			n -= left;
			TAILQ_REMOVE(&ib->wq, w, entry);
			ib->wqlen--;
			free(w);
		}
	}
	return 1;
}

int
imsg_flush(struct imsgbuf *ib)
{
	struct pollfd	 pfd;
	int		 r;

	for (;;) {
		if ((r = imsg_write(ib)) != 0)
			return r == 1 ? 0 : -1;
		pfd.fd = ib->fd;
		pfd.events = POLLOUT;
		pfd.revents = 0;
		if (poll(&pfd, 1, -1) == -1 && errno != EINTR)
			return -1;
	}
}

void
imsg_clear(struct imsgbuf *ib)
{
	struct imsg_wbuf	*w;
	struct imsg_fdq		*fq;

	while ((w = TAILQ_FIRST(&ib->wq)) != NULL) {
		TAILQ_REMOVE(&ib->wq, w, entry);
		if (w->fd != -1)
			close(w->fd);
		free(w);
	}
	ib->wqlen = 0;
	while ((fq = TAILQ_FIRST(&ib->fds)) != NULL) {
		TAILQ_REMOVE(&ib->fds, fq, entry);
		close(fq->fd);
		free(fq);
	}
	ib->rlen = 0;
}

size_t
imsg_queued(const struct imsgbuf *ib)
{
	return ib->wqlen;
}

int
imsg_wait(struct imsgbuf *ib, struct imsg *imsg, int timeout)
{
	struct timespec	 now, end;
	struct pollfd	 pfd;
	ssize_t		 n;
	long long	 ms;
	int		 wait, r;

	if (timeout >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		end.tv_sec += timeout / 1000;
		end.tv_nsec += (long)(timeout % 1000) * 1000000L;
		if (end.tv_nsec >= 1000000000L) {
			end.tv_sec++;
			end.tv_nsec -= 1000000000L;
		}
	}

	for (;;) {
		if ((n = imsg_get(ib, imsg)) == -1)
			return -1;
		if (n > 0)
			return 1;

		wait = -1;
		if (timeout >= 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			ms = (long long)(end.tv_sec - now.tv_sec) * 1000 +
			    (end.tv_nsec - now.tv_nsec) / 1000000;
			/* Past the deadline, still look once (poll 0). */
			if (ms < 0)
				ms = 0;
			wait = ms > INT_MAX ? INT_MAX : (int)ms;
		}

		pfd.fd = ib->fd;
		/* Send what the caller queued (the request) as we wait. */
		pfd.events = POLLIN | (ib->wqlen > 0 ? POLLOUT : 0);
		pfd.revents = 0;
		if ((r = poll(&pfd, 1, wait)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}

		/* Read first: a reply may wait behind a hangup. */
		if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
			if ((n = imsg_read(ib)) == 0)
				return 0;
			if (n == -1 && errno != EAGAIN &&
			    errno != EWOULDBLOCK && errno != EINTR)
				return -1;
		}
		if ((pfd.revents & POLLOUT) && imsg_write(ib) == -1)
			return -1;
	}
}
