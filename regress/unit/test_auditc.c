/*
 * lib/auditc without auditd: argument checks, the wire encoding, and
 * fail secure when the socket is not there (the callback reports
 * "auditd unreachable", never from inside audit_event()).
 */
#include <sys/types.h>

#include <errno.h>
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>

#include "auditc.h"
#include "auditlog.h"
#include "../tap.h"
#include "wire.h"

static int	 calls, in_event, bad_ok;
static char	 why[512];

static void
cb(int ok, uint64_t seq, const char *err, void *arg)
{
	calls++;
	if (in_event || ok)
		bad_ok = 1;
	strlcpy(why, err != NULL ? err : "", sizeof(why));
	event_base_loopbreak(arg);
}

int
main(void)
{
	struct event_base *base;
	struct wbuf	 wb;
	struct rbuf	 rb;
	uint32_t	 flags;
	int64_t		 t;
	char		*s[5], *big;
	int		 rc, i, ok;

	errno = 0;
	tap_ok(audit_event("a.b", NULL, NULL, "{}", 0, NULL, NULL) == -1 &&
	    errno == EINVAL, "audit_event before init is EINVAL");

	tap_ok(audit_encode(&wb, AUDIT_ACK, 42, "src", "a.b", "s", "act",
	    "{\"x\":1}") == 0, "encode an event");
	wire_rinit(&rb, wb.buf, wb.len);
	wire_get_u32(&rb, &flags);
	wire_get_i64(&rb, &t);
	for (i = 0; i < 5; i++)
		wire_get_str(&rb, &s[i], 65536);
	ok = wire_end(&rb) == 0 && flags == AUDIT_ACK && t == 42 &&
	    strcmp(s[0], "src") == 0 && strcmp(s[1], "a.b") == 0 &&
	    strcmp(s[2], "s") == 0 && strcmp(s[3], "act") == 0 &&
	    strcmp(s[4], "{\"x\":1}") == 0;
	tap_ok(ok, "encoding decodes field by field");
	for (i = 0; i < 5; i++)
		free(s[i]);
	tap_ok(audit_encode(&wb, 0, 0, "s", "a.b", NULL, NULL, NULL) == 0 &&
	    wb.len == 4 + 8 + 4 + 1 + 4 + 3 + 4 + 4 + 4 + 2,
	    "NULL session/actor are empty, NULL body is {}");

	if ((base = event_base_new()) == NULL)
		return 1;
	tap_ok(audit_init_socket(base, "/nonexistent/auditd.sock", "test") ==
	    0, "init with a socket path");
	tap_ok(audit_init_socket(base, "/x", "test") == -1 && errno == EBUSY,
	    "second init is EBUSY");
	tap_ok(audit_event("a.b", NULL, NULL, "{}", AUDIT_ACK, NULL, NULL) ==
	    -1 && errno == EINVAL, "AUDIT_ACK without a callback is EINVAL");
	tap_ok(audit_event("a.b", NULL, NULL, "{}", 0x80, cb, base) == -1 &&
	    errno == EINVAL, "unknown flags are EINVAL");
	if ((big = malloc(20000)) == NULL)
		return 1;
	memset(big, 'x', 19999);
	big[19999] = '\0';
	tap_ok(audit_event("a.b", NULL, NULL, big, AUDIT_ACK, cb, base) ==
	    -1 && errno == EMSGSIZE, "an event over one message is EMSGSIZE");
	free(big);

	in_event = 1;
	rc = audit_event("tool.call", "s1", "key:a", "{}", AUDIT_ACK, cb,
	    base);
	in_event = 0;
	tap_ok(rc == 0 && calls == 0, "acked event queued, no callback yet");
	tap_ok(audit_pending() == 1 && !audit_connected(),
	    "one pending, not connected");
	event_base_dispatch(base);
	tap_ok(calls == 1 && !bad_ok, "callback once, from the loop, ok=0");
	tap_ok(strncmp(why, "auditd unreachable: connect ", 28) == 0,
	    "reason says auditd is unreachable");
	tap_ok(audit_pending() == 0, "nothing pending afterwards");

	/* The next event tries again, and fails again. */
	rc = audit_event("tool.call", NULL, NULL, NULL, AUDIT_ACK, cb, base);
	event_base_dispatch(base);
	tap_ok(rc == 0 && calls == 2 && !bad_ok,
	    "a later event reconnects on demand and fails secure");

	audit_shutdown();
	event_base_free(base);
	return tap_done();
}
