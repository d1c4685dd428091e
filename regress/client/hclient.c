/*
 * hclient: the agent API through lib/harness.h's HTTP client, against a
 * running harnessd (regress/suite/t_client.sh starts the suite).
 *
 *   hclient SOCKET [TOKEN]
 *
 * Health, the tool list, a tool call as one JSON reply and as an event
 * stream, /v1/exec, errors with their JSON message, several requests
 * on one kept-alive connection, a stream stopped early by the callback,
 * and (with TOKEN, a key allowed only "shell") Bearer authentication.
 * Prints TAP lines; asserts no timing.
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "harness.h"
#include "../tap.h"

#define BIG_OUT		100000	/* bytes: several chunks and events */

struct events {
	char		*out;		/* stdout events, concatenated */
	size_t		 outlen;
	int		 nout;
	int		 nresult;
	int		 nother;
	int		 exit_code;
	int		 bad;		/* an event that is not JSON */
	int		 stop_after;	/* return 1 after this many (0 never) */
	int		 n;
};

static const char *sock;

static int
on_event(const char *event, const char *data, size_t len, void *arg)
{
	struct events		*ev = arg;
	struct json_object	*o, *v;
	char			*np;
	size_t			 dl;

	ev->n++;
	if ((o = json_tokener_parse(data)) == NULL || strlen(data) != len) {
		ev->bad++;
		json_object_put(o);
		return 0;
	}
	if (strcmp(event, "stdout") == 0) {
		ev->nout++;
		if (json_object_object_get_ex(o, "data", &v) &&
		    json_object_is_type(v, json_type_string)) {
			dl = (size_t)json_object_get_string_len(v);
			if ((np = realloc(ev->out, ev->outlen + dl + 1)) ==
			    NULL) {
				ev->bad++;
				json_object_put(o);
				return 1;
			}
			ev->out = np;
			memcpy(ev->out + ev->outlen, json_object_get_string(v),
			    dl);
			ev->outlen += dl;
			ev->out[ev->outlen] = '\0';
		} else
			ev->bad++;
	} else if (strcmp(event, "result") == 0) {
		ev->nresult++;
		ev->exit_code = json_object_object_get_ex(o, "exit_code", &v) ?
		    json_object_get_int(v) : -1;
	} else
		ev->nother++;
	json_object_put(o);
	return ev->stop_after > 0 && ev->n >= ev->stop_after;
}

static void
events_free(struct events *ev)
{
	free(ev->out);
	memset(ev, 0, sizeof(*ev));
}

/* The string member name of a JSON body ("" if none) into buf. */
static const char *
member(const struct harness_http_resp *r, const char *name, char *buf,
    size_t len)
{
	struct json_object	*o, *v;

	buf[0] = '\0';
	if ((o = json_tokener_parse(r->body)) != NULL &&
	    json_object_object_get_ex(o, name, &v))
		strlcpy(buf, json_object_get_string(v), len);
	json_object_put(o);
	return buf;
}

static int
req(struct harness_http *h, const char *method, const char *target,
    const char *body, struct harness_http_resp *r, harness_sse_fn cb,
    void *arg)
{
	char	 err[512];
	int	 rc;

	rc = harness_http_request(h, method, target, body, body != NULL ?
	    strlen(body) : 0, r, cb, arg, err, sizeof(err));
	if (rc == -1)
		printf("# %s %s: %s\n", method, target, err);
	return rc;
}

/* Does the tool list in r name tool? */
static int
lists_tool(const struct harness_http_resp *r, const char *tool)
{
	struct json_object	*o, *a, *t, *n;
	size_t			 i;
	int			 found = 0;

	if ((o = json_tokener_parse(r->body)) == NULL)
		return 0;
	a = o;
	if (json_object_is_type(o, json_type_object))
		json_object_object_get_ex(o, "tools", &a);
	if (a != NULL && json_object_is_type(a, json_type_array))
		for (i = 0; i < json_object_array_length(a); i++) {
			t = json_object_array_get_idx(a, i);
			if (json_object_object_get_ex(t, "name", &n) &&
			    strcmp(json_object_get_string(n), tool) == 0)
				found = 1;
		}
	json_object_put(o);
	return found;
}

static void
test_keepalive(void)
{
	struct harness_http		*h;
	struct harness_http_resp	 r;
	struct events			 ev;
	char				 err[512], v[256];
	int				 i, good;

	if ((h = harness_http_connect(sock, err, sizeof(err))) == NULL) {
		tap_ok(0, "connect: %s", err);
		return;
	}
	tap_ok(1, "connect to agent.sock");

	good = req(h, "GET", "/v1/health", NULL, &r, NULL, NULL) == 0 &&
	    r.status == 200 && strncmp(r.ctype, "application/json", 16) == 0 &&
	    strcmp(member(&r, "status", v, sizeof(v)), "ok") == 0 &&
	    r.blen == strlen(r.body);
	tap_ok(good, "GET /v1/health: 200 {\"status\":\"ok\"}");
	harness_http_resp_free(&r);

	good = req(h, "GET", "/v1/tools", NULL, &r, NULL, NULL) == 0 &&
	    r.status == 200 && lists_tool(&r, "shell") &&
	    lists_tool(&r, "demo");
	tap_ok(good, "GET /v1/tools lists shell and demo (same connection)");
	harness_http_resp_free(&r);

	good = req(h, "POST", "/v1/tools/shell/call",
	    "{\"arguments\":{\"command\":\"echo hello\"}}", &r, NULL,
	    NULL) == 0 && r.status == 200 &&
	    strcmp(member(&r, "stdout", v, sizeof(v)), "hello\n") == 0 &&
	    strcmp(member(&r, "exit_code", v, sizeof(v)), "0") == 0;
	tap_ok(good, "POST /v1/tools/shell/call: JSON reply with stdout");
	harness_http_resp_free(&r);

	memset(&ev, 0, sizeof(ev));
	good = req(h, "POST", "/v1/tools/shell/call?stream=1",
	    "{\"arguments\":{\"command\":\"echo streamed\"}}", &r, on_event,
	    &ev) == 0 && r.status == 200 &&
	    strncmp(r.ctype, "text/event-stream", 17) == 0 && r.blen == 0;
	tap_ok(good, "POST ...?stream=1: 200 text/event-stream");
	tap_ok(ev.nout >= 1 && ev.out != NULL &&
	    strcmp(ev.out, "streamed\n") == 0,
	    "stream: stdout events carry the output (%d)", ev.nout);
	tap_ok(ev.nresult == 1 && ev.exit_code == 0 && ev.bad == 0,
	    "stream: one result event, exit_code 0, every event JSON");
	harness_http_resp_free(&r);
	events_free(&ev);

	/* After a stream (chunked to its end) the connection goes on. */
	good = req(h, "POST", "/v1/exec", "{\"argv\":[\"/bin/true\"]}", &r,
	    NULL, NULL) == 0 && r.status == 200 &&
	    strcmp(member(&r, "exit_code", v, sizeof(v)), "0") == 0 &&
	    strcmp(member(&r, "reason", v, sizeof(v)), "exited") == 0;
	tap_ok(good, "POST /v1/exec /bin/true after a stream: exit_code 0");
	harness_http_resp_free(&r);

	/* t_client.sh makes "false" critical: policy critical deny. */
	good = req(h, "POST", "/v1/exec", "{\"argv\":[\"false\"]}", &r,
	    NULL, NULL) == 0 && r.status == 403;
	if (good)
		harness_http_errmsg(&r, err, sizeof(err));
	tap_ok(good && strstr(err, "denied") != NULL,
	    "exec of a denied command: 403 naming the cause (%s)",
	    good ? err : "");
	harness_http_resp_free(&r);

	good = req(h, "POST", "/v1/tools/nosuch/call",
	    "{\"arguments\":{}}", &r, NULL, NULL) == 0 && r.status == 404;
	if (good) {
		harness_http_errmsg(&r, err, sizeof(err));
		good = strstr(err, "no tool") != NULL &&
		    strstr(err, "nosuch") != NULL && err[0] != '{';
	}
	tap_ok(good, "unknown tool: 404, harness_http_errmsg gives the "
	    "message");
	harness_http_resp_free(&r);

	memset(&ev, 0, sizeof(ev));
	good = req(h, "POST", "/v1/tools/nosuch/call?stream=1",
	    "{\"arguments\":{}}", &r, on_event, &ev) == 0 &&
	    r.status == 404 && ev.n == 0 && strstr(r.body, "no_such_tool");
	tap_ok(good, "unknown tool with ?stream=1: a JSON 404, no events");
	harness_http_resp_free(&r);
	events_free(&ev);

	/* Ten more on the same connection: keep-alive holds. */
	for (i = 0, good = 1; i < 10 && good; i++) {
		good = req(h, "GET", "/v1/health", NULL, &r, NULL, NULL) ==
		    0 && r.status == 200;
		harness_http_resp_free(&r);
	}
	tap_ok(good, "one connection, many requests (keep-alive)");

	/* A 400 ends the connection (Connection: close). */
	good = req(h, "POST", "/v1/exec", "{\"argv\":", &r, NULL, NULL) ==
	    0 && r.status == 400;
	tap_ok(good, "malformed JSON body: 400");
	harness_http_resp_free(&r);
	/* Without a SIGPIPE handler: the library must not raise one. */
	err[0] = '\0';
	good = harness_http_request(h, "GET", "/v1/health", NULL, 0, &r, NULL,
	    NULL, err, sizeof(err)) == -1 && err[0] != '\0';
	tap_ok(good, "after Connection: close, a request fails cleanly (%s)",
	    err);
	harness_http_close(h);
}

/* Output over several reads and chunks: JSON and stream agree. */
static void
test_big(void)
{
	struct harness_http		*h;
	struct harness_http_resp	 r;
	struct json_object		*o, *v;
	struct events			 ev;
	char				 err[512], body[256];
	int				 good;

	if ((h = harness_http_connect(sock, err, sizeof(err))) == NULL) {
		tap_ok(0, "connect: %s", err);
		return;
	}
	snprintf(body, sizeof(body), "{\"argv\":[\"python3\",\"-c\","
	    "\"import sys; sys.stdout.write('x' * %d)\"]}", BIG_OUT);
	good = req(h, "POST", "/v1/exec", body, &r, NULL, NULL) == 0 &&
	    r.status == 200 && r.blen > BIG_OUT && r.blen == strlen(r.body);
	if (good) {
		o = json_tokener_parse(r.body);
		good = o != NULL && json_object_object_get_ex(o, "stdout",
		    &v) && json_object_get_string_len(v) == BIG_OUT;
		json_object_put(o);
	}
	tap_ok(good, "exec with %d bytes of output: whole JSON body", BIG_OUT);
	harness_http_resp_free(&r);

	memset(&ev, 0, sizeof(ev));
	snprintf(body, sizeof(body), "{\"argv\":[\"python3\",\"-c\","
	    "\"import sys; sys.stdout.write('y' * %d)\"]}", BIG_OUT);
	good = req(h, "POST", "/v1/exec?stream=1", body, &r, on_event, &ev) ==
	    0 && r.status == 200;
	tap_ok(good && ev.outlen == BIG_OUT && ev.bad == 0 &&
	    strspn(ev.out, "y") == BIG_OUT,
	    "stream of %d bytes: %d stdout events add up", BIG_OUT, ev.nout);
	tap_ok(good && ev.nresult == 1 && ev.exit_code == 0,
	    "stream of a large output ends with the result event");
	harness_http_resp_free(&r);
	events_free(&ev);

	/* Stop at the first event: the client closes the connection. */
	memset(&ev, 0, sizeof(ev));
	ev.stop_after = 1;
	good = req(h, "POST", "/v1/exec?stream=1", body, &r, on_event, &ev) ==
	    0 && r.status == 200 && ev.n == 1;
	tap_ok(good, "callback returning non-zero stops the stream");
	harness_http_resp_free(&r);
	events_free(&ev);
	good = harness_http_request(h, "GET", "/v1/health", NULL, 0, &r, NULL,
	    NULL, err, sizeof(err)) == -1 && err[0] != '\0';
	tap_ok(good, "a request on the stopped connection fails cleanly "
	    "(%s)", err);
	harness_http_close(h);
}

static void
test_bad_input(void)
{
	struct harness_http		*h;
	struct harness_http_resp	 r;
	char				 err[512], big[4096];

	if ((h = harness_http_connect(sock, err, sizeof(err))) == NULL) {
		tap_ok(0, "connect: %s", err);
		return;
	}
	err[0] = '\0';
	tap_ok(harness_http_request(h, "GET", "/v1/health\r\nX-Evil: 1", NULL,
	    0, &r, NULL, NULL, err, sizeof(err)) == -1 && err[0] != '\0',
	    "a target with CR LF is refused by the client (%s)", err);
	memset(big, 'a', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	err[0] = '\0';
	tap_ok(harness_http_request(h, "GET", big, NULL, 0, &r, NULL, NULL,
	    err, sizeof(err)) == 0 && r.status == 404,
	    "a long target is sent whole (404, not a cut request)");
	harness_http_resp_free(&r);
	tap_ok(harness_http_request(h, "HEAD", "/v1/health", NULL, 0, &r, NULL,
	    NULL, err, sizeof(err)) == 0 && r.status == 200 && r.blen == 0,
	    "HEAD: headers only, no body awaited");
	harness_http_resp_free(&r);
	tap_ok(harness_http_request(h, "GET", "/v1/health", NULL, 0, &r, NULL,
	    NULL, err, sizeof(err)) == 0 && r.status == 200,
	    "the connection goes on after HEAD");
	harness_http_resp_free(&r);
	harness_http_close(h);

	tap_ok(harness_http_connect("/nonexistent/agent.sock", err,
	    sizeof(err)) == NULL && strstr(err, "agent.sock") != NULL,
	    "connect to a missing socket: NULL with the reason");
}

static void
test_auth(const char *token)
{
	struct harness_http		*h;
	struct harness_http_resp	 r;
	char				 err[512];
	int				 good;

	if ((h = harness_http_connect(sock, err, sizeof(err))) == NULL) {
		tap_ok(0, "connect: %s", err);
		return;
	}
	harness_http_auth(h, "not-the-key");
	good = req(h, "GET", "/v1/tools", NULL, &r, NULL, NULL) == 0 &&
	    r.status == 401;
	if (good)
		harness_http_errmsg(&r, err, sizeof(err));
	tap_ok(good && strstr(err, "API key") != NULL,
	    "bad Bearer token: 401 (%s)", good ? err : "");
	harness_http_resp_free(&r);
	harness_http_close(h);

	/* A 401 may close the connection: start again with the right key. */
	if ((h = harness_http_connect(sock, err, sizeof(err))) == NULL) {
		tap_ok(0, "connect: %s", err);
		return;
	}
	harness_http_auth(h, token);
	good = req(h, "GET", "/v1/tools", NULL, &r, NULL, NULL) == 0 &&
	    r.status == 200 && lists_tool(&r, "shell") &&
	    !lists_tool(&r, "demo");
	tap_ok(good, "harness_http_auth: the key sees only its tools");
	harness_http_resp_free(&r);
	harness_http_auth(h, NULL);
	good = req(h, "GET", "/v1/tools", NULL, &r, NULL, NULL) == 0 &&
	    r.status == 200 && lists_tool(&r, "demo");
	tap_ok(good, "harness_http_auth(NULL): back to the peer uid");
	harness_http_resp_free(&r);
	harness_http_close(h);
}

int
main(int argc, char *argv[])
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: hclient socket [token]\n");
		return 64;
	}
	/* No SIGPIPE handler: the library must not need one. */
	sock = argv[1];
	test_keepalive();
	test_big();
	test_bad_input();
	if (argc == 3)
		test_auth(argv[2]);
	else
		tap_skip("Bearer authentication", "no token given");
	return tap_done();
}
