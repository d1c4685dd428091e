/*
 * imsg: framed messages with file descriptor passing over SOCK_STREAM
 * Unix sockets, in the style of OpenBSD's imsg(3).
 *
 * Wire header (host byte order; both ends are on one host):
 *	uint32_t type;	 message type
 *	uint16_t len;	 total length including this header
 *	uint16_t flags;	 IMSGF_HASFD when an fd travels with the message
 *	uint32_t peerid; free for the caller (request ids, peers)
 *	uint32_t pid;	 sender's pid
 * A payload is at most IMSG_MAX_PAYLOAD bytes.  A received length
 * outside [IMSG_HEADER_SIZE, IMSG_HEADER_SIZE + IMSG_MAX_PAYLOAD] is a
 * protocol error: imsg_get() fails with EBADMSG and the caller closes.
 * At most one fd per message, sent with the message's first byte via
 * SCM_RIGHTS; the sender's copy is closed once it has been sent.
 */
#ifndef HARNESS_IMSG_H
#define HARNESS_IMSG_H

#include <sys/types.h>
#include <sys/queue.h>
#include <stddef.h>
#include <stdint.h>

#define IMSG_MAX_PAYLOAD	16384
#define IMSG_HEADER_SIZE	16
#define IMSG_MAX_LEN		(IMSG_HEADER_SIZE + IMSG_MAX_PAYLOAD)
#define IMSG_READ_BUFSIZE	65536
#define IMSGF_HASFD		0x0001

struct imsg_hdr {
	uint32_t	 type;
	uint16_t	 len;
	uint16_t	 flags;
	uint32_t	 peerid;
	uint32_t	 pid;
};

struct imsg {
	struct imsg_hdr	 hdr;
	int		 fd;		/* -1 if none; caller owns it */
	void		*data;		/* hdr.len - IMSG_HEADER_SIZE bytes */
};

/* One queued outgoing message. */
struct imsg_wbuf {
	TAILQ_ENTRY(imsg_wbuf) entry;
	unsigned char	*buf;
	size_t		 len;
	size_t		 off;		/* bytes already written */
	int		 fd;		/* -1, or fd still to send */
};

struct imsg_fdq {
	TAILQ_ENTRY(imsg_fdq) entry;
	int		 fd;
};

struct imsgbuf {
	int		 fd;
	pid_t		 pid;
	/* read side */
	unsigned char	 rbuf[IMSG_READ_BUFSIZE];
	size_t		 rlen;		/* valid bytes in rbuf */
	TAILQ_HEAD(, imsg_fdq) fds;	/* received fds, in arrival order */
	/*
	 * With SO_PASSCRED on the socket, the kernel's word on who sent
	 * the bytes of the last read (it never joins two senders' bytes in
	 * one read, and a message is one sender's): cred_ok 0 when it said
	 * nothing.
	 */
	int		 cred_ok;
	pid_t		 cred_pid;
	uid_t		 cred_uid;
	gid_t		 cred_gid;
	/* write side */
	TAILQ_HEAD(, imsg_wbuf) wq;
	size_t		 wqlen;		/* number of queued messages */
};

void	 imsg_init(struct imsgbuf *, int);
/*
 * Read what is available.  Returns bytes read (> 0), 0 on EOF, -1 on
 * error with errno set (EAGAIN/EINTR when nothing is there yet).  Fails
 * with ENOBUFS when the buffer is full and EBADMSG when the kernel
 * reports truncated control data (more than one fd).
 */
ssize_t	 imsg_read(struct imsgbuf *);
/*
 * Take the next complete message.  Returns its total length (> 0) and
 * fills *imsg (free with imsg_free), 0 when no whole message is
 * buffered, -1 with errno EBADMSG on a protocol error (bad length, a
 * message marked as carrying an fd with no fd received), ENOMEM.
 */
ssize_t	 imsg_get(struct imsgbuf *, struct imsg *);
void	 imsg_free(struct imsg *);
/* Payload length of a received message. */
size_t	 imsg_datalen(const struct imsg *);

/*
 * Queue a message.  fd is -1 or an fd to pass; it is closed once sent
 * (or on failure).  Returns 0, or -1 with errno (EMSGSIZE for a payload
 * over IMSG_MAX_PAYLOAD, ENOMEM).
 */
int	 imsg_compose(struct imsgbuf *, uint32_t, uint32_t, pid_t, int,
	    const void *, size_t);
struct iovec;
int	 imsg_composev(struct imsgbuf *, uint32_t, uint32_t, pid_t, int,
	    const struct iovec *, int);
/*
 * Write as much of the queue as the socket takes without blocking.
 * Returns 1 when the queue is now empty, 0 when data remains (EAGAIN),
 * -1 on error (EPIPE and friends).  Never sends two fds in one sendmsg.
 */
int	 imsg_write(struct imsgbuf *);
/* Write the whole queue, polling on EAGAIN.  0 or -1. */
int	 imsg_flush(struct imsgbuf *);
/* Drop everything queued and received; closes pending fds. */
void	 imsg_clear(struct imsgbuf *);
/* Number of messages still queued for writing. */
size_t	 imsg_queued(const struct imsgbuf *);
/*
 * Blocking helper for simple clients: wait (up to timeout ms, -1 for
 * ever) for one whole message.  1 and *imsg filled, 0 on EOF, -1 on
 * error (ETIMEDOUT on timeout).
 */
int	 imsg_wait(struct imsgbuf *, struct imsg *, int);

#endif /* HARNESS_IMSG_H */
