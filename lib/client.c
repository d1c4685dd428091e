/*
 * Client end of the control protocol (see harness.h).
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "imsg.h"
#include "proto.h"
#include "wire.h"

struct hconn *
harness_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	 sun;
	struct hconn		*h;
	struct imsg		 imsg;
	struct rbuf		 rb;
	uint32_t		 v = CTL_PROTO_VERSION;
	int			 fd, rc;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlcpy(sun.sun_path, path, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path)) {
		snprintf(err, errlen, "%s: path too long", path);
		return NULL;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return NULL;
	}
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		snprintf(err, errlen, "connect %s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if ((h = calloc(1, sizeof(*h))) == NULL) {
		snprintf(err, errlen, "out of memory");
		close(fd);
		return NULL;
	}
	imsg_init(&h->ibuf, fd);
	strlcpy(h->path, path, sizeof(h->path));
	if (harness_send(h, IMSG_CTL_HELLO, 0, -1, &v, sizeof(v)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		harness_close(h);
		return NULL;
	}
	rc = harness_recv(h, &imsg, 5000);
	if (rc != 1) {
		snprintf(err, errlen, "%s: %s", path, rc == 0 ?
		    "connection closed (refused?)" : strerror(errno));
		harness_close(h);
		return NULL;
	}
	if (harness_error(&imsg, err, errlen)) {
		imsg_free(&imsg);
		harness_close(h);
		return NULL;
	}
	wire_rinit(&rb, imsg.data, imsg_datalen(&imsg));
	if (imsg.hdr.type != IMSG_CTL_HELLO || wire_get_u32(&rb, &v) == -1 ||
	    wire_get_strbuf(&rb, h->daemon, sizeof(h->daemon)) == -1 ||
	    wire_get_strbuf(&rb, h->version, sizeof(h->version)) == -1) {
		snprintf(err, errlen, "%s: bad hello reply", path);
		imsg_free(&imsg);
		harness_close(h);
		return NULL;
	}
	imsg_free(&imsg);
	return h;
}

void
harness_close(struct hconn *h)
{
	if (h == NULL)
		return;
	imsg_clear(&h->ibuf);
	if (h->ibuf.fd != -1)
		close(h->ibuf.fd);
	free(h);
}

int
harness_send(struct hconn *h, uint32_t type, uint32_t peerid, int fd,
    const void *data, size_t len)
{
	if (imsg_compose(&h->ibuf, type, peerid, 0, fd, data, len) == -1)
		return -1;
	return imsg_flush(&h->ibuf);
}

int
harness_recv(struct hconn *h, struct imsg *imsg, int timeout)
{
	return imsg_wait(&h->ibuf, imsg, timeout);
}

int
harness_error(const struct imsg *imsg, char *buf, size_t len)
{
	uint32_t	 class;

	return harness_error_class(imsg, buf, len, &class);
}

int
harness_error_class(const struct imsg *imsg, char *buf, size_t len,
    uint32_t *class)
{
	struct rbuf	 rb;

	*class = ERRC_NONE;
	if (imsg->hdr.type != IMSG_CTL_ERROR)
		return 0;
	wire_rinit(&rb, imsg->data, imsg_datalen(imsg));
	if (wire_get_strbuf(&rb, buf, len) == -1) {
		strlcpy(buf, "error (unreadable message)", len);
		return 1;
	}
	/* a class it does not know is no class */
	if (wire_left(&rb) == sizeof(uint32_t) &&
	    wire_get_u32(&rb, class) == 0 && *class >= ERRC_MAX)
		*class = ERRC_NONE;
	return 1;
}
