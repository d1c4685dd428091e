/*
 * Fuzz the imsg reader: the input is written into one end of a
 * non-blocking socketpair and the other end is read with imsg_read and
 * imsg_get until error or EOF.
 *
 * The input is a sequence of records so that the fuzzer also controls
 * how the stream is cut and where fds travel:
 *	ctl byte:  bits 0-5  data length - 1; 0x3f means "all the rest"
 *		   bit 6     attach one fd to this record's sendmsg
 *		   bit 7     attach one more (two in one sendmsg: illegal)
 *	data bytes
 * Each record is one sendmsg (a short write sends the rest later, fds
 * only with the first part).  A plain imsg stream prefixed with 0x3f
 * is a valid input.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imsg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static ssize_t
send_chunk(int s, const uint8_t *p, size_t len, int fd, int nfds)
{
	union {
		struct cmsghdr	 hdr;
		unsigned char	 buf[CMSG_SPACE(2 * sizeof(int))];
	} cbuf;
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	int		 fds[2] = { fd, fd };

	memset(&msg, 0, sizeof(msg));
	memset(&cbuf, 0, sizeof(cbuf));
	iov.iov_base = (void *)(uintptr_t)p;
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
	return sendmsg(s, &msg, MSG_NOSIGNAL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct imsgbuf	 ib;	/* 64 KiB: keep it off the stack */
	struct imsg		 imsg;
	size_t			 off = 0, clen = 0, i;
	ssize_t			 n, m;
	unsigned int		 sum = 0;
	int			 sv[2], nullfd, probe, nfds = 0, wclosed = 0;
	uint8_t			 ctl;

	/* The lowest free fd now must be free again at the end. */
	if ((probe = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
		abort();
	close(probe);

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0, sv) == -1)
		abort();
	if ((nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
		abort();
	imsg_init(&ib, sv[1]);

	for (;;) {
		/* Next record, unless one is still partly unsent. */
		if (clen == 0 && off < size) {
			ctl = data[off++];
			clen = (ctl & 0x3f) == 0x3f ? size - off :
			    (size_t)(ctl & 0x3f) + 1;
			if (clen > size - off)
				clen = size - off;
			nfds = !!(ctl & 0x40) + !!(ctl & 0x80);
		}
		if (clen > 0) {
			n = send_chunk(sv[0], data + off, clen, nullfd, nfds);
			if (n > 0) {
				off += n;
				clen -= n;
				nfds = 0;	/* they went with the bytes */
			} else if (n == -1 && errno != EAGAIN)
				abort();
		} else if (off >= size && !wclosed) {
			close(sv[0]);
			wclosed = 1;
		}

		n = imsg_read(&ib);
		if (n == 0 || (n == -1 && errno != EAGAIN))
			break;
		while ((m = imsg_get(&ib, &imsg)) > 0) {
			if (m != imsg.hdr.len || imsg.hdr.len > IMSG_MAX_LEN ||
			    imsg_datalen(&imsg) + IMSG_HEADER_SIZE !=
			    imsg.hdr.len)
				abort();
			if (((imsg.hdr.flags & IMSGF_HASFD) != 0) !=
			    (imsg.fd != -1))
				abort();
			/* Touch every payload byte for ASan. */
			for (i = 0; i < imsg_datalen(&imsg); i++)
				sum += ((unsigned char *)imsg.data)[i];
			if (imsg.fd != -1)
				close(imsg.fd);
			imsg_free(&imsg);
		}
		if (m == -1) {
			if (errno != EBADMSG)
				abort();
			break;
		}
	}
	(void)sum;

	imsg_clear(&ib);
	if (!wclosed)
		close(sv[0]);
	close(sv[1]);
	close(nullfd);

	if ((nullfd = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
		abort();
	close(nullfd);
	if (nullfd != probe)
		abort();	/* an fd leaked */
	return 0;
}
