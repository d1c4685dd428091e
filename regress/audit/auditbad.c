/*
 * auditbad: a hostile producer.  Connects to auditd's socket and sends
 * malformed, oversized and invalid events; each must be refused with an
 * error reply naming the reason, and the connection must stay usable
 * (a good event afterwards is acked).  A frame with an impossible
 * length must get the connection closed, and auditd must still serve a
 * new one.  Prints TAP lines; the count of refusals that auditd should
 * have counted is printed last as "# refused N".
 *
 * usage: auditbad socket
 *        auditbad socket lazy|sync TYPE
 * The other forms send one event of TYPE that nobody waits for; sync
 * then sends IMSG_AUDIT_SYNC on a second connection (once with a
 * payload, which is refused), and exits 0 once auditd says all it
 * received is durable: t_audit then finds the record at once.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit_proto.h"
#include "auditc.h"
#include "auditlog.h"
#include "harness.h"
#include "imsg.h"
#include "wire.h"

static const char *sock;
static int	 refused;

static int
raw_connect(void)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strlcpy(sun.sun_path, sock, sizeof(sun.sun_path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		err(1, "socket");
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "connect %s", sock);
	return fd;
}

/* Send one message, expect an error containing want. */
static void
expect_error(struct imsgbuf *ib, uint32_t type, const void *p, size_t len,
    const char *want, const char *name)
{
	struct imsg	 imsg;
	char		 msg[1024];
	static uint32_t	 id = 100;
	int		 good = 0;

	id++;
	if (imsg_compose(ib, type, id, 0, -1, p, len) == -1 ||
	    imsg_flush(ib) == -1)
		err(1, "send");
	if (imsg_wait(ib, &imsg, 10000) == 1) {
		if (harness_error(&imsg, msg, sizeof(msg)) &&
		    imsg.hdr.peerid == id && strstr(msg, want) != NULL)
			good = 1;
		else if (imsg.hdr.type == IMSG_CTL_ERROR)
			printf("# got: %s\n", msg);
		else
			printf("# got message type %u\n", imsg.hdr.type);
		imsg_free(&imsg);
	} else
		printf("# no reply: %s\n", strerror(errno));
	printf("%s - %s refused (%s)\n", good ? "ok" : "not ok", name, want);
	refused++;
}

static void
expect_event_error(struct imsgbuf *ib, uint32_t flags, const char *source,
    const char *type, const char *session, const char *body,
    const char *want, const char *name)
{
	struct wbuf	 wb;

	if (audit_encode(&wb, flags, 0, source, type, session, "test",
	    body) == -1)
		errx(1, "encode %s", name);
	expect_error(ib, IMSG_AUDIT_EVENT, wb.buf, wb.len, want, name);
}

static int
good_event(struct imsgbuf *ib)
{
	struct wbuf	 wb;
	struct imsg	 imsg;
	int		 ok = 0;

	audit_encode(&wb, AUDIT_ACK, 0, "auditbad", "admin.test-good", "",
	    "test", "{\"still\":\"up\"}");
	if (imsg_compose(ib, IMSG_AUDIT_EVENT, 7, 0, -1, wb.buf, wb.len) ==
	    -1 || imsg_flush(ib) == -1)
		return 0;
	if (imsg_wait(ib, &imsg, 10000) == 1) {
		ok = imsg.hdr.type == IMSG_AUDIT_ACK && imsg.hdr.peerid == 7;
		imsg_free(&imsg);
	}
	return ok;
}

static int
sync_mode(const char *type, int sync)
{
	struct imsgbuf	 ia, ib;
	struct imsg	 imsg;
	struct wbuf	 wb;
	int		 ok = 0;

	imsg_init(&ia, raw_connect());
	if (audit_encode(&wb, 0, 0, "auditbad", type, "", "test",
	    "{\"synced\":true}") == -1)
		errx(1, "encode");
	if (imsg_compose(&ia, IMSG_AUDIT_EVENT, 1, 0, -1, wb.buf, wb.len) ==
	    -1 || imsg_flush(&ia) == -1)
		err(1, "send %s", type);
	if (!sync) {
		imsg_clear(&ia);
		return 0;
	}
	imsg_init(&ib, raw_connect());
	expect_error(&ib, IMSG_AUDIT_SYNC, "x", 1, "unexpected payload",
	    "sync with a payload");
	if (imsg_compose(&ib, IMSG_AUDIT_SYNC, 9, 0, -1, NULL, 0) == -1 ||
	    imsg_flush(&ib) == -1)
		err(1, "send sync");
	if (imsg_wait(&ib, &imsg, 10000) == 1) {
		ok = imsg.hdr.type == IMSG_CTL_OK && imsg.hdr.peerid == 9;
		imsg_free(&imsg);
	}
	printf("%s - sync answered\n", ok ? "ok" : "not ok");
	imsg_clear(&ia);
	imsg_clear(&ib);
	return ok ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	struct imsgbuf	 ib;
	struct imsg	 imsg;
	struct wbuf	 wb;
	unsigned char	 junk[64], hdr[IMSG_HEADER_SIZE];
	char		*big;
	size_t		 i;
	int		 fd, rc;
	uint16_t	 len;

	if (argc == 4 && (strcmp(argv[2], "sync") == 0 ||
	    strcmp(argv[2], "lazy") == 0)) {
		sock = argv[1];
		return sync_mode(argv[3], strcmp(argv[2], "sync") == 0);
	}
	if (argc != 2) {
		fprintf(stderr, "usage: auditbad socket [lazy|sync TYPE]\n");
		return 64;
	}
	sock = argv[1];
	fd = raw_connect();
	imsg_init(&ib, fd);

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 37 + 11);
	expect_error(&ib, IMSG_AUDIT_EVENT, junk, 5, "malformed",
	    "garbage payload");
	expect_error(&ib, IMSG_AUDIT_EVENT, junk, sizeof(junk), "malformed",
	    "garbage lengths");
	expect_error(&ib, IMSG_AUDIT_EVENT, NULL, 0, "malformed",
	    "empty payload");
	/* A good event with trailing bytes. */
	audit_encode(&wb, 0, 0, "auditbad", "admin.test-x", "", "", "{}");
	wire_put_u32(&wb, 1);
	expect_error(&ib, IMSG_AUDIT_EVENT, wb.buf, wb.len, "malformed",
	    "trailing bytes");

	if ((big = malloc(AUDITLOG_BODY_MAX + 200)) == NULL)
		err(1, "malloc");
	memset(big, 'x', AUDITLOG_BODY_MAX + 199);
	memcpy(big, "{\"a\":\"", 6);
	memcpy(big + AUDITLOG_BODY_MAX + 190, "\"}", 3);
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "admin.test-big", "",
	    big, "body of", "oversized body");
	free(big);

	expect_event_error(&ib, AUDIT_ACK, "auditbad", "admin.test-json", "",
	    "{\"a\":", "body:", "truncated JSON");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "admin.test-json", "",
	    "[1,2]", "body:", "JSON array body");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "admin.test-json", "",
	    "{\"a\":1,\"a\":2}", "body:", "duplicate keys");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "admin.test-json", "",
	    "{'a':1}", "body:", "single quotes");
	expect_event_error(&ib, 0, "auditbad", "admin.test-json", "",
	    "{\"a\":NaN}", "body:", "NaN, without ack flag");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "Tool.Call", "", "{}",
	    "bad type", "upper-case type");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "tool..call", "", "{}",
	    "bad type", "empty type component");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "", "", "{}",
	    "bad type", "empty type");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "tool call", "", "{}",
	    "bad type", "type with a space");
	expect_event_error(&ib, AUDIT_ACK, "", "admin.test-x", "", "{}",
	    "bad source", "empty source");
	expect_event_error(&ib, AUDIT_ACK, "a b", "admin.test-x", "", "{}",
	    "bad source", "source with a space");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "admin.test-x", "a\nb",
	    "{}", "bad session", "newline in session");
	expect_event_error(&ib, AUDIT_ACK, "auditbad", "admin.test-x",
	    "\xff\xfe", "{}", "bad session", "invalid UTF-8 in session");
	expect_event_error(&ib, 0x80, "auditbad", "admin.test-x", "", "{}",
	    "unknown flags", "unknown flags");
	expect_error(&ib, IMSG_AUDIT_BASE + 50, junk, 8,
	    "unknown audit request", "unknown audit request type");
	expect_error(&ib, IMSG_AUDIT_ACK, junk, 8,
	    "unknown audit request", "ack sent to auditd");

	printf("%s - connection still usable after refusals\n",
	    good_event(&ib) ? "ok" : "not ok");
	imsg_clear(&ib);
	close(fd);

	/* An impossible frame length: the connection is dropped. */
	fd = raw_connect();
	memset(hdr, 0, sizeof(hdr));
	i = IMSG_AUDIT_EVENT;
	memcpy(hdr, &i, 4);
	len = 8;	/* shorter than the header itself */
	memcpy(hdr + 4, &len, 2);
	if (write(fd, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr))
		err(1, "write");
	imsg_init(&ib, fd);
	rc = imsg_wait(&ib, &imsg, 10000);
	if (rc == 1)
		imsg_free(&imsg);
	printf("%s - bad frame length closes the connection\n",
	    rc == 0 ? "ok" : "not ok");
	imsg_clear(&ib);
	close(fd);

	fd = raw_connect();
	imsg_init(&ib, fd);
	printf("%s - auditd serves a new connection afterwards\n",
	    good_event(&ib) ? "ok" : "not ok");
	/*
	 * A record nobody waits for, alone: auditd holds it a few ms for
	 * company, then writes it anyway (t_audit looks for it).
	 */
	audit_encode(&wb, 0, 0, "auditbad", "admin.test-lazy", "", "test",
	    "{\"alone\":true}");
	if (imsg_compose(&ib, IMSG_AUDIT_EVENT, 8, 0, -1, wb.buf, wb.len) ==
	    -1 || imsg_flush(&ib) == -1)
		err(1, "send admin.test-lazy");
	imsg_clear(&ib);
	close(fd);
	printf("# refused %d\n", refused);
	return 0;
}
