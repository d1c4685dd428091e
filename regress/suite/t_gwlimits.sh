# The gateway's bounds, with all five daemons: a client that pipelines
# and never reads, answers larger than a buffer, refused requests in
# bulk, request targets the engine cannot take, WebSocket members, the
# Allow of every 405 and the Host field.
. "$TOP/regress/lib.sh"

needs "gwlimits" root curl python3

suite_setup
suite_cgroup || { ok 1 "test config"; t_exit; }
port=$(free_port)
big=gwlimits-big-$$
bighash=$(printf '%s' "$big" | sha256sum | cut -d' ' -f1)
cat >>"$conf" <<EOT
harnessd {
	listen on 127.0.0.1 port $port
	key "big" {
		hash "sha256:$bighash"
		rate 1000000
		burst 1000000
	}
	rate 1000 burst 1000
}
EOT
sock=$T/run/agent.sock
if ! suite_start auditd vaultd hitld sandboxd harnessd; then
	ok 1 "the five daemons start"
	t_exit
fi

code() { curl -s -o "$T/body" -w '%{http_code}' --unix-socket "$sock" "$@"; }
metric() {	# NAME-AND-LABELS: its value in /metrics, 0 if not there
	curl -s --unix-socket "$sock" http://x/metrics |
	    awk -v m="$1" '$1 == m { v = $2 } END { print v + 0 }'
}
gateway_pid() {
	for _p in $(pgrep -P "$(cat "$T/harnessd.pid")"); do
		case $(tr '\0' ' ' <"/proc/$_p/cmdline") in
		"harnessd: gateway"*) echo "$_p"; return 0 ;;
		esac
	done
	return 1
}

GWL=$T/gwl.py
cat >"$GWL" <<'EOF'
import base64, json, os, select, socket, struct, sys, threading, time

def unix(path):
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.settimeout(20)
    return s

def responses(data):
    """Split pipelined responses: (status, headers, body) each."""
    out = []
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            break
        lines = head.split(b"\r\n")
        st = int(lines[0].split(b" ")[1])
        h = {}
        for l in lines[1:]:
            k, _, v = l.partition(b":")
            h[k.strip().lower().decode()] = v.strip().decode()
        n = int(h.get("content-length", "0"))
        out.append((st, h, rest[:n]))
        data = rest[n:]
    return out

def read_all(s, enough=None):
    """What s sends until it closes, times out, or enough(out) holds."""
    out = b""
    try:
        while enough is None or not enough(out):
            d = s.recv(1 << 20)
            if not d:
                break
            out += d
    except socket.timeout:
        pass
    return out

def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "flood":
        # Pipeline requests for some seconds, never read, then hold
        # the connection until told to go (stdin closes).
        secs, auth = float(sys.argv[3]), sys.argv[4]
        req = ("GET /v1/tools HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Bearer %s\r\n\r\n" % auth).encode() * 1000
        s = unix(path)
        s.setblocking(False)
        sent, t0 = 0, time.time()
        while time.time() - t0 < secs:
            try:
                sent += s.send(req)
            except BlockingIOError:
                select.select([], [s], [], 0.05)
        print("sent", sent, flush=True)
        sys.stdin.read()
    elif mode == "ordered":
        # 600 pipelined requests, then read: every answer, in order.
        auth = sys.argv[3]
        names = ["shell", "python", "read_file", "write_file",
                 "list_files", "demo"]
        want = [names[i % len(names)] for i in range(600)]
        req = b""
        for i, n in enumerate(want):
            req += ("GET /v1/tools/%s HTTP/1.1\r\nHost: x\r\n"
                    "Authorization: Bearer %s\r\n%s\r\n" % (n, auth,
                    "Connection: close\r\n" if i == len(want) - 1
                    else "")).encode()
        s = unix(path)
        s.sendall(req)
        got = responses(read_all(s))
        names_got = [json.loads(b).get("name") if st == 200 else st
                     for st, h, b in got]
        print("ordered", "yes" if names_got == want else "no", len(got))
    elif mode == "partial":
        # 20000 requests the gateway answers itself, sent while the
        # answers are read: it pauses now and then, and must read on
        # each time, also the rest of a request it had the start of.
        n = 20000
        s = unix(path)
        req = b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
        def send():
            s.sendall(req * (n - 1) + b"GET /v1/health HTTP/1.1\r\n"
                      b"Host: x\r\nConnection: close\r\n\r\n")
        t = threading.Thread(target=send, daemon=True)
        t.start()
        got = responses(read_all(s))
        print("partial", len([g for g in got if g[0] == 200]))
    elif mode == "refused":
        # N pipelined requests without a credential (as uid U when
        # given, on a Unix socket): how many got each status, and
        # whether every 429 said when to retry.
        n = int(sys.argv[3])
        if len(sys.argv) > 4:
            os.setgid(int(sys.argv[4]))
            os.setuid(int(sys.argv[4]))
        if path.startswith("/"):
            s = unix(path)
        else:
            h, p = path.rsplit(":", 1)
            s = socket.create_connection((h, int(p)))
            s.settimeout(20)
        s.sendall(b"GET /v1/tools HTTP/1.1\r\nHost: x\r\n\r\n" * n)
        data = read_all(s, lambda out: len(responses(out)) >= n)
        got = responses(data)
        count = {}
        for st, h, b in got:
            count[st] = count.get(st, 0) + 1
        retry = all("retry-after" in h for st, h, b in got if st == 429)
        print(" ".join("%d=%d" % kv for kv in sorted(count.items())),
              "retry-after" if retry else "no-retry-after")
    elif mode == "conns":
        # Hold n connections; how many were refused with 503.
        n, held, refused = int(sys.argv[3]), [], 0
        for i in range(n):
            held.append(unix(path))
        for s in held:
            s.settimeout(0.5)
            try:
                if s.recv(4096).startswith(b"HTTP/1.1 503 "):
                    refused += 1
            except socket.timeout:
                pass
        print("refused", refused)
    elif mode == "ws":
        # One WebSocket request; a line per frame until its end.
        s = unix(path)
        s.sendall(b"GET /v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket"
                  b"\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13"
                  b"\r\nSec-WebSocket-Key: " +
                  base64.b64encode(os.urandom(16)) + b"\r\n\r\n")
        buf = b""
        while b"\r\n\r\n" not in buf:
            d = s.recv(4096)
            if not d:
                sys.exit("no handshake")
            buf += d
        buf = buf.partition(b"\r\n\r\n")[2]
        def need(n):
            nonlocal buf
            while len(buf) < n:
                d = s.recv(1 << 20)
                if not d:
                    raise EOFError
                buf += d
            out, buf = buf[:n], buf[n:]
            return out
        d = sys.argv[3].encode()
        k = os.urandom(4)
        h = bytes([0x81])
        if len(d) < 126:
            h += bytes([0x80 | len(d)])
        elif len(d) < 65536:
            h += bytes([0x80 | 126]) + struct.pack(">H", len(d))
        else:
            h += bytes([0x80 | 127]) + struct.pack(">Q", len(d))
        s.sendall(h + k + bytes(b ^ k[i % 4] for i, b in enumerate(d)))
        while True:
            b0, b1 = need(2)
            n = b1 & 0x7f
            if n == 126:
                n = struct.unpack(">H", need(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", need(8))[0]
            data = need(n)
            if b0 & 0x0f != 1:
                print("frame", b0 & 0x0f)
                break
            j = json.loads(data)
            line = ["bytes=%d" % n]
            for key in ("event", "status"):
                if key in j:
                    line.append("%s=%s" % (key, j[key]))
            if "error" in j:
                line.append("error=%s" % j["error"].get("code"))
                line.append("message=%s" % j["error"].get("message"))
            dd = j.get("data")
            if isinstance(dd, dict):
                if "stdout" in dd:
                    line.append("stdout=%d" % len(dd["stdout"]))
                if "tools" in dd:
                    line.append("tools=%d" % len(dd["tools"]))
                if "error" in dd:
                    line.append("data.error=%s" % dd["error"].get("code"))
            print(" ".join(line), flush=True)
            # An error frame is the last about a message not accepted.
            if j.get("event") == "end" or ("error" in j and
                                             "event" not in j):
                break
    else:
        sys.exit("gwl.py: unknown mode " + mode)

main()
EOF

# ---- a client that pipelines and never reads ----
out=$(python3 "$GWL" ordered "$sock" "$big")
[ "$out" = "ordered yes 600" ]
ok $? "600 pipelined requests read after they were all sent: every answer, in order ($out)"
out=$(python3 "$GWL" partial "$sock")
[ "$out" = "partial 20000" ]
ok $? "a request cut short while the connection is paused is read on once it is not ($out)"
gw=$(gateway_pid)
rss0=$(awk '/^VmRSS:/ { print $2 }' "/proc/$gw/status")
before=$(metric 'harness_http_requests_total{route="/v1/tools",code="200"}')
mkfifo "$T/hold"
python3 "$GWL" flood "$sock" 3 "$big" <"$T/hold" >"$T/flood" 2>&1 &
fpid=$!
exec 3>"$T/hold"
wait_for "$T/flood" '^sent' 30
paused=$(metric harness_connections_paused)
after=$(metric 'harness_http_requests_total{route="/v1/tools",code="200"}')
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$gw/status")
exec 3>&-
wait $fpid
diag "flood: $(cat "$T/flood"), $((after - before)) answered, gateway RSS $rss0 then $rss kB, paused $paused"
[ "$paused" -ge 1 ] && [ "$(metric harness_read_pauses_total)" -ge 1 ]
ok $? "a client that pipelines and never reads is not read further (paused $paused)"
[ $((after - before)) -lt 1000 ] && [ $((rss - rss0)) -lt 32768 ]
ok $? "...so the gateway answers a bounded number of its requests ($((after - before))) and grows little ($rss0 then $rss kB)"
[ "$(code http://x/v1/health)" = 200 ] && [ "$(metric harness_connections_paused)" = 0 ]
ok $? "the gateway serves others; the paused connection is gone when its client went"

# ---- answers larger than 16 MB ----
curl -s -o "$T/out" -w '%{http_code}' --unix-socket "$sock" -m 120 \
    -d '{"argv":["python3","-c","import sys\nsys.stdout.write(\"a\"*9000000)\nsys.stderr.write(\"b\"*9000000)"],"limits":{"output":"64M"}}' \
    http://x/v1/exec >"$T/st"
rc=$?
python3 - "$T/out" <<'PYEOF'
import json, os, sys
d = json.load(open(sys.argv[1]))
ok = os.path.getsize(sys.argv[1]) > 16 * 1024 * 1024 and \
    len(d["stdout"]) > 8000000 and set(d["stdout"]) == {"a"} and \
    len(d["stderr"]) > 8000000 and set(d["stderr"]) == {"b"}
sys.exit(0 if ok else 1)
PYEOF
ok $? "an exec answer over 16 MB is sent whole (curl rc $rc, status $(cat "$T/st"), $(wc -c <"$T/out") bytes)"
curl -s -o "$T/out" -w '%{http_code}' --unix-socket "$sock" -m 120 \
    -d '{"argv":["python3","-c","import sys\nsys.stdout.write(\"\\0\"*3000000)"],"limits":{"output":"64M"}}' \
    http://x/v1/exec >"$T/st"
rc=$?
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["stdout"] == "\0" * 3000000 else 1)' "$T/out"
ok $? "3 MB of NUL bytes, 18 MB once escaped: sent whole (curl rc $rc, status $(cat "$T/st"), $(wc -c <"$T/out") bytes)"
python3 "$GWL" ws "$sock" '{"id":1,"method":"POST","path":"/v1/exec","body":{"argv":["python3","-c","import sys\nsys.stdout.write(\"\\0\"*3000000)"],"limits":{"output":"64M"}}}' >"$T/ws" 2>&1
grep -q '^bytes=1[0-9]\{7\} event=reply status=200 stdout=3000000$' "$T/ws" &&
    tail -n 1 "$T/ws" | grep -q 'event=end$'
ok $? "...and over a WebSocket: the reply in one frame, then the end ($(head -c 300 "$T/ws"))"
python3 - "$T" <<'PYEOF'
import json, sys
for i in range(70):
    open("%s/tool%d.json" % (sys.argv[1], i), "w").write(json.dumps({
        "name": "big%d" % i, "description": "256 KB of code",
        "language": "sh", "code": "#" + "a" * 255000 + "\ntrue\n"}))
PYEOF
n=0
for i in $(seq 0 69); do
	[ "$(code --data-binary @"$T/tool$i.json" http://x/v1/tools)" = 201 ] &&
	    n=$((n + 1))
done
[ $n = 70 ]
ok $? "70 tools of 256 KB of code each are registered ($n)"
gw=$(gateway_pid)
fds=$(ls "/proc/$gw/fd" | wc -l)
for i in 1 2 3; do
	curl -s -o "$T/out" -w '%{http_code}' --unix-socket "$sock" http://x/v1/tools >"$T/st"
done
python3 -c 'import json, sys; sys.exit(0 if len(json.load(open(sys.argv[1]))["tools"]) == 76 else 1)' "$T/out"
ok $? "GET /v1/tools lists all of them, $(wc -c <"$T/out") bytes (status $(cat "$T/st"))"
[ "$(ls "/proc/$gw/fd" | wc -l)" = "$fds" ]
ok $? "the gateway keeps no descriptor of the replies it sent ($fds, then $(ls "/proc/$gw/fd" | wc -l))"
python3 "$GWL" ws "$sock" '{"id":"L","path":"/v1/tools"}' >"$T/ws" 2>&1
grep -q '^bytes=1[0-9]\{7\} event=reply status=200 tools=76$' "$T/ws"
ok $? "...and over a WebSocket ($(head -c 300 "$T/ws"))"
curl -s -I --unix-socket "$sock" http://x/v1/tools >"$T/head"
head -n 1 "$T/head" | grep -q ' 200 ' &&
    tr -d '\r' <"$T/head" | grep -q "^Content-Length: $(wc -c <"$T/out")$"
ok $? "HEAD /v1/tools: the length GET has, no body"
for i in $(seq 0 69); do
	code -X DELETE "http://x/v1/tools/big$i" >/dev/null
done

# ---- refused requests in bulk ----
count_of() {	# STATUS OUTPUT: how many answers had that status
	printf '%s\n' "$2" | tr ' ' '\n' | awk -F= -v s="$1" '$1 == s { print $2 }' |
	    grep . || echo 0
}
out=$(python3 "$GWL" refused 127.0.0.1:$port 3000)
n401=$(count_of 401 "$out")
n429=$(count_of 429 "$out")
[ $((n401 + n429)) = 3000 ] && [ "$n429" -gt 0 ] && [ "$n401" -lt 2000 ] &&
    printf '%s\n' "$out" | grep -q ' retry-after$'
ok $? "3000 pipelined requests without a key over TCP: 401 up to the burst, then 429 with Retry-After ($out)"
out=$(python3 "$GWL" refused "$sock" 3000 65534)
n403=$(count_of 403 "$out")
n429=$(count_of 429 "$out")
[ $((n403 + n429)) = 3000 ] && [ "$n429" -gt 0 ] && [ "$n403" -lt 2000 ] &&
    printf '%s\n' "$out" | grep -q ' retry-after$'
ok $? "...and from a uid not allowed on the Unix socket: 403, then 429 ($out)"
grep -q 'auth failure: an API key is required .*(address 127\.0\.0\.1)$' "$T/harnessd.log" &&
    ! grep -q 'uid 4294967295' "$T/harnessd.log"
ok $? "a refused TCP client is logged by its address ($(grep -m 1 'auth failure: an API' "$T/harnessd.log"))"
[ "$(grep -c 'refusing address 127\.0\.0\.1: too many failed authentications' "$T/harnessd.log")" = 1 ] &&
    [ "$(grep -c 'refusing uid 65534: too many failed authentications' "$T/harnessd.log")" = 1 ] &&
    [ "$(grep -c 'auth failure: .*(address 127\.0\.0\.1)$' "$T/harnessd.log")" -lt 1100 ] &&
    [ "$(grep -c 'auth failure: .*(uid 65534 pid' "$T/harnessd.log")" -lt 1100 ]
ok $? "a log line per failure up to the burst, then one saying the peer is refused ($(grep -c 'auth failure: ' "$T/harnessd.log") lines)"
wait_for "$T/harnessd.log" 'more refused from address 127\.0\.0\.1' 30 &&
    wait_for "$T/harnessd.log" 'more refused from uid 65534' 30
ok $? "...and a summary of the refusals after ($(grep -m 1 'more refused from' "$T/harnessd.log"))"
n=0
while ! ctl audit show -t gateway.auth.fail 2>/dev/null | grep -q 'more refused from uid 65534' &&
    [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
ctl audit show -t gateway.auth.fail >"$T/audit"
ntcp=$(grep -c '"address":"127\.0\.0\.1"' "$T/audit")
nuid=$(grep -c ' uid:65534 ' "$T/audit")
grep -q '"reason":"[0-9]* more refused from address 127\.0\.0\.1","refused":[0-9]*,"status":429' "$T/audit" &&
    grep -q 'more refused from uid 65534' "$T/audit" &&
    [ "$ntcp" -lt 1100 ] && [ "$nuid" -lt 1100 ]
ok $? "the audit log has a record per failure up to the burst and a summary ($ntcp and $nuid records)"
out=$(python3 "$GWL" conns "$sock" 300)
[ "$out" != "refused 0" ] &&
    [ "$(grep -c 'too many connections; refusing uid 0$' "$T/harnessd.log")" = 1 ]
ok $? "connections over the per-uid cap: refused, one log line ($out)"
wait_for "$T/harnessd.log" '[0-9]* more connections refused from uid 0 ' 30
ok $? "...then how many more ($(grep -m 1 'more connections refused' "$T/harnessd.log"))"

# ---- request targets the engine cannot take ----
a1100=$(printf 'a%.0s' $(seq 1100))
for u in "/v1/tools?x=$a1100" "/v1/$a1100"; do
	st=$(code "http://x$u")
	[ "$st" = 414 ] && grep -q '"code":"uri_too_long","message":"request target too long: the [a-z]* is 110[0-9] bytes, the most is 1023"' "$T/body"
	ok $? "GET $(printf '%s' "$u" | cut -c1-16)... (1100 bytes): 414 with the reason ($st $(head -c 160 "$T/body"))"
done
st=$(code -d '{"argv":["true"]}' "http://x/v1/exec?x=$a1100")
[ "$st" = 414 ] && grep -q '"code":"uri_too_long"' "$T/body"
ok $? "POST /v1/exec?x=<1100 bytes>: 414 ($st)"
for n in 63 64 65 500 1015; do
	name=$(printf 'a%.0s' $(seq $n))
	st=$(code "http://x/v1/tools/$name")
	[ "$st" = 404 ] && grep -q '"code":"no_such_tool"' "$T/body"
	ok $? "GET /v1/tools/<$n a's>: 404 no_such_tool ($st $(head -c 160 "$T/body"))"
done
name=$(printf 'a%.0s' $(seq 500))
st=$(code -d '{}' "http://x/v1/tools/$name/call")
[ "$st" = 404 ] && grep -q '"code":"no_such_tool"' "$T/body"
ok $? "POST /v1/tools/<500 a's>/call: 404 no_such_tool ($st)"
curl -s -D "$T/hdr" -o "$T/body" -X PUT -d '{}' --unix-socket "$sock" \
    "http://x/v1/tools/$name/call"
head -n 1 "$T/hdr" | grep -q ' 405 ' && tr -d '\r' <"$T/hdr" | grep -qx 'Allow: POST'
ok $? "PUT /v1/tools/<500 a's>/call: 405 with Allow: POST"
python3 "$GWL" ws "$sock" "{\"id\":2,\"path\":\"/v1/tools/$name\"}" >"$T/ws" 2>&1
grep -q '^bytes=[0-9]* event=reply status=404 data.error=no_such_tool$' "$T/ws" &&
    tail -n 1 "$T/ws" | grep -q 'event=end$'
ok $? "WebSocket path /v1/tools/<500 a's>: reply 404 no_such_tool, then the end ($(head -c 200 "$T/ws"))"
python3 "$GWL" ws "$sock" "{\"id\":3,\"path\":\"/v1/$(printf 'b%.0s' $(seq 1020))\"}" >"$T/ws" 2>&1
grep -q '^bytes=[0-9]* event=reply status=414 data.error=uri_too_long$' "$T/ws"
ok $? "WebSocket path of 1024 bytes: reply 414 uri_too_long ($(head -c 200 "$T/ws"))"

# ---- WebSocket messages name what they do not know ----
python3 "$GWL" ws "$sock" '{"id":1,"tool":"shell","arguments":{"command":"ls"},"sesion":"ws1"}' >"$T/ws" 2>&1
grep -q '^bytes=[0-9]* error=bad_request message=unknown member "sesion" (id, tool, arguments, session)$' "$T/ws" &&
    [ "$(wc -l <"$T/ws")" = 1 ]
ok $? "a tool message with a misspelt member: bad_request naming it, nothing run ($(head -c 200 "$T/ws"))"
python3 "$GWL" ws "$sock" '{"id":2,"exec":{"argv":["true"]},"session":"s"}' >"$T/ws" 2>&1
grep -q '^bytes=[0-9]* error=bad_request message=unknown member "session" (id, exec)$' "$T/ws"
ok $? "an exec message with a member of another kind: bad_request ($(head -c 200 "$T/ws"))"
python3 "$GWL" ws "$sock" '{"id":3,"path":"/v1/tools","bdy":{}}' >"$T/ws" 2>&1
grep -q '^bytes=[0-9]* error=bad_request message=unknown member "bdy" (id, method, path, body)$' "$T/ws"
ok $? "a path message with a misspelt member: bad_request ($(head -c 200 "$T/ws"))"
python3 "$GWL" ws "$sock" '{"id":4,"tool":"shell","arguments":{"command":"true"},"session":"ws1"}' >"$T/ws" 2>&1
grep -q 'event=result' "$T/ws" && tail -n 1 "$T/ws" | grep -q 'event=end$'
ok $? "...and one with exactly its members runs ($(tr '\n' ' ' <"$T/ws" | head -c 300))"

# ---- every 405 says what the route answers ----
for t in "POST /v1/ws:GET" "HEAD /v1/ws:GET" "PUT /v1/health:GET, HEAD" \
    "DELETE /metrics:GET, HEAD" "PUT /v1/tools:GET, HEAD, POST" \
    "POST /v1/tools/shell:GET, HEAD, DELETE" "GET /v1/tools/shell/call:POST" \
    "HEAD /v1/tools/shell/call:POST" "GET /v1/exec:POST" "HEAD /v1/exec:POST"; do
	m=${t%% *}
	u=${t#* }
	allow=${u#*:}
	u=${u%%:*}
	if [ "$m" = HEAD ]; then
		curl -s -I --unix-socket "$sock" "http://x$u" >"$T/hdr"
	elif [ "$m" = POST ] || [ "$m" = PUT ]; then
		curl -s -D "$T/hdr" -o /dev/null -X "$m" -d '' \
		    --unix-socket "$sock" "http://x$u"
	else
		curl -s -D "$T/hdr" -o /dev/null -X "$m" --unix-socket "$sock" \
		    "http://x$u"
	fi
	head -n 1 "$T/hdr" | grep -q ' 405 ' && tr -d '\r' <"$T/hdr" | grep -qx "Allow: $allow"
	ok $? "$m $u: 405 with Allow: $allow ($(head -n 1 "$T/hdr" | tr -d '\r'), $(tr -d '\r' <"$T/hdr" | grep '^Allow'))"
done

# ---- Host ----
host_status() {	# VALUE: the status line a Host field of that value gets
	python3 - "$sock" "$1" <<'PYEOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(10)
s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: " + sys.argv[2].encode() +
          b"\r\nConnection: close\r\n\r\n")
out = b""
while True:
    d = s.recv(65536)
    if not d:
        break
    out += d
print(out.split(b"\r\n")[0].decode(), "invalid Host" if b"invalid Host" in out
      else "")
PYEOF
}
out=$(host_status 'a b')
[ "$out" = "HTTP/1.1 400 Bad Request invalid Host" ]
ok $? "Host: a b is 400, invalid Host ($out)"
out=$(host_status 'localhost:8080')
[ "$out" = "HTTP/1.1 200 OK " ]
ok $? "Host: localhost:8080 is fine ($out)"

t_exit
