# The tool path end to end, with all five daemons: harnessctl exec and
# tool call, curl on every tool route, JSON and SSE replies, schema
# errors, per-key permissions, approvals (allow, deny by rule, timeout),
# secrets redacted, the secret scanner, workspaces per session, the
# result cache, registered tools surviving a restart, fail-secure when
# hitld or auditd is down, and the gateway's death taking harnessd down.
. "$TOP/regress/lib.sh"

needs "tools" root curl python3

suite_setup
suite_cgroup || { ok 1 "test config"; t_exit; }
# approvals answered by the test take well under a second, even on a
# loaded machine; "nobody answers" below waits the whole timeout
sed -i -e 's/^\([[:space:]]*\)timeout 60s/\1timeout 10s/' "$conf"
token=tools-token-$$
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
token2=tools-token2-$$
hash2=$(printf '%s' "$token2" | sha256sum | cut -d' ' -f1)
cat >>"$conf" <<EOT
harnessd {
	key "limited" {
		hash "sha256:$hash"
		tools { "shell" }
		rate 1000
		burst 1000
	}
	key "another" {
		hash "sha256:$hash2"
	}
	rate 1000 burst 1000
}
rule "t-low" {
	command { "false" "sleep *" "date *" "printf *" "sh *" "exit *" }
	risk low
}
rule "t-tools" {
	tool { "clock" "say" "say2" "pycount" }
	risk low
}
rule "t-deny" {
	command { "shutdown *" }
	risk critical
}
tool "hostsnet" {
	description "Asks for named hosts, which nothing can enforce yet"
	command { "true" }
	network "example.com:443"
}
tool "pycount" {
	description "Count the arguments"
	language python3
	code "import json, sys; a = json.load(sys.stdin); print(len(a))"
}
EOT
grep -q "cgroup \"$CG\"" "$conf" && grep -q "timeout 10s" "$conf"
ok $? "test config"
sock=$T/run/agent.sock
if ! suite_start auditd vaultd hitld sandboxd harnessd; then
	ok 1 "the five daemons start"
	t_exit
fi
ok 0 "the five daemons start"

c() { curl -s --unix-socket "$sock" "$@"; }
code() { curl -s -o "$T/body" -w '%{http_code}' --unix-socket "$sock" "$@"; }
post() { _u=$1; shift; code -H 'Content-Type: application/json' -d "$@" "http://x$_u"; }

# ---- harnessctl exec ----
out=$(ctl exec -- echo hello world 2>"$T/err")
[ $? -eq 0 ] && [ "$out" = "hello world" ]
ok $? "exec: stdout passed through, status 0"
ctl exec -- false 2>/dev/null
[ $? -eq 1 ]
ok $? "exec: the program's exit status is harnessctl's"
ctl exec -- cat /no/such/file >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q "No such file" "$T/err" && [ ! -s "$T/out" ]
ok $? "exec: stderr passed through separately"
ctl exec -q -t 1s -- sleep 10 2>"$T/err"
rc=$?
[ $rc -gt 128 ] && grep -q timeout "$T/err"
ok $? "exec -t 1s: timeout ends the run (status $rc)"
n=$(ctl exec -- python3 -c 'import sys; sys.stdout.write("\x01\u00e9" * 30000)' | wc -c)
[ "$n" -eq 90000 ]
ok $? "exec: large output streams whole, escapes and UTF-8 included ($n bytes)"
ctl tool call shell '{"command":"echo in json"}' | grep -q '"stdout":"in json\\n"'
ok $? "tool call prints the whole result with its output"
printf 'from stdin\n' | ctl exec -i -- cat >"$T/out" 2>/dev/null
grep -qx "from stdin" "$T/out"
ok $? "exec -i: stdin reaches the program"

# ---- the routes with curl ----
[ "$(post /v1/exec '{"argv":["echo","via","curl"]}')" = 200 ] &&
    grep -q '"stdout":"via curl\\n"' "$T/body" &&
    grep -q '"reason":"exited"' "$T/body" && grep -q '"elapsed_ms":' "$T/body"
ok $? "POST /v1/exec: JSON result with stdout, reason and time"
# The outcome's record went to auditd before the reply; harnessctl audit
# has auditd commit what it holds before reading, so no waiting here.
ctl audit show -t tool.call -j -n 1 | grep '"outcome":"ran"' |
    grep -q '"argv":\["echo","via","curl"\]'
ok $? "the call's tool.call record is in the trail when the reply is"
ctl audit show -t sandbox.exit -j -n 1 | grep -q '"exit_code":0'
ok $? "...and sandboxd's sandbox.exit record (sent unawaited) too"
[ "$(post /v1/tools/shell/call '{"arguments":{"command":"echo a; echo b >&2"}}')" = 200 ] &&
    grep -q '"stdout":"a\\n"' "$T/body" && grep -q '"stderr":"b\\n"' "$T/body" &&
    grep -q '"rule":"harmless"' "$T/body"
ok $? "POST /v1/tools/shell/call: result names the deciding rule"
# The verdict rides with sandbox.start, durable before the program ran;
# hitld's own record of the automatic decision is written with it.
ctl audit show -t sandbox.start -j | grep '"tool":"shell"' |
    grep -q '"approval":"allow (policy), risk low, rule harmless at [^"]*:[0-9]*"'
ok $? "sandbox.start carries the verdict the run rests on"
n=0
while ! ctl audit show -t approval.decision -j | grep '"tool":"shell"' |
    grep -q '"rule":"harmless"' && [ $n -lt 30 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl audit show -t approval.decision -j | grep '"tool":"shell"' |
    grep -q '"rule":"harmless"'
ok $? "hitld's record of the automatic decision is in the trail too"
[ "$(post /v1/tools/shell/call '{"command":"echo bare"}')" = 200 ] &&
    grep -q '"stdout":"bare\\n"' "$T/body"
ok $? "arguments may also be the body itself"
c -N -d '{"arguments":{"command":"echo one; echo two"}}' \
    'http://x/v1/tools/shell/call?stream=1' >"$T/sse"
grep -q '^event: stdout' "$T/sse" && grep -q '^event: result' "$T/sse" &&
    grep -q '^event: verdict' "$T/sse" &&
    [ "$(grep -n '^event: stdout' "$T/sse" | head -1 | cut -d: -f1)" -lt \
      "$(grep -n '^event: result' "$T/sse" | cut -d: -f1)" ]
ok $? "?stream=1: SSE events verdict, stdout, then result"
[ "$(post /v1/tools/python/call '{"code":"print(6*7)"}')" = 200 ] &&
    grep -q '"stdout":"42\\n"' "$T/body"
ok $? "python tool"
# 60 KB of code: to hitld (twice over, as arguments and as python3 -c)
# and to sandboxd, each in a memfd.
python3 -c 'import json; print(json.dumps({"code": "x = 0\n" + "x += 1\n" * 8500 + "print(x)\n"}))' >"$T/bigcode.json"
[ "$(post /v1/tools/python/call @"$T/bigcode.json")" = 200 ] &&
    grep -q '"stdout":"8500\\n"' "$T/body"
ok $? "python tool with 60 KB of code ($(head -c 200 "$T/body"))"
[ "$(post /v1/tools/pycount/call '{"a":1,"b":2,"c":3}')" = 200 ] &&
    grep -q '"stdout":"3\\n"' "$T/body"
ok $? "a config code tool reads its arguments as JSON on stdin"
[ "$(code http://x/v1/tools/shell)" = 200 ] && grep -q '"source":"builtin"' "$T/body"
ok $? "GET /v1/tools/NAME"

# The same stream over a WebSocket.
python3 - "$sock" >"$T/ws" 2>&1 <<'EOF2'
import base64, json, os, socket, struct, sys
sk = socket.socket(socket.AF_UNIX)
sk.connect(sys.argv[1])
key = base64.b64encode(os.urandom(16)).decode()
sk.sendall(("GET /v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n" % key).encode())
buf = b""
while b"\r\n\r\n" not in buf:
    buf += sk.recv(4096)
head, buf = buf.split(b"\r\n\r\n", 1)
assert b" 101 " in head.split(b"\r\n")[0], head
def send(obj):
    d = json.dumps(obj).encode()
    m = os.urandom(4)
    hdr = bytes([0x81])
    hdr += bytes([0x80 | len(d)]) if len(d) < 126 else \
        bytes([0x80 | 126]) + struct.pack(">H", len(d))
    sk.sendall(hdr + m + bytes(b ^ m[i % 4] for i, b in enumerate(d)))
def need(n):
    global buf
    while len(buf) < n:
        d = sk.recv(65536)
        if not d:
            raise SystemExit("closed")
        buf += d
    r, buf = buf[:n], buf[n:]
    return r
def frame():
    b0, b1 = need(2)
    n = b1 & 0x7f
    if n == 126:
        n = struct.unpack(">H", need(2))[0]
    elif n == 127:
        n = struct.unpack(">Q", need(8))[0]
    return json.loads(need(n))
send({"id": 1, "tool": "shell", "arguments": {"command": "echo over ws"}})
events = []
while True:
    f = frame()
    events.append(f.get("event"))
    if f.get("event") == "stdout":
        print("stdout", json.dumps(f.get("data")))
    if f.get("event") == "result":
        print("result", f["data"].get("exit_code"))
    if f.get("event") == "end":
        break
print("events", " ".join(events))
EOF2
grep -q '^stdout {"data": "over ws\\n"}' "$T/ws" && grep -q '^result 0' "$T/ws"
r=$?; [ $r -ne 0 ] && diag "$(cat "$T/ws")"
ok $r "WebSocket /v1/ws: a tool call streams stdout and the result"

# ---- bad requests: clear errors, nothing runs ----
[ "$(post /v1/tools/shell/call '{"command":5}')" = 422 ] &&
    grep -q '"code":"invalid_arguments"' "$T/body" && grep -q '\$.command' "$T/body"
ok $? "schema violation: 422 naming the path"
[ "$(post /v1/tools/shell/call '{"command":"x","extra":1}')" = 422 ]
ok $? "schema: additionalProperties refused"
[ "$(post /v1/tools/shell/call '{"command":')" = 400 ] &&
    grep -q '"code":"bad_json"' "$T/body"
ok $? "malformed JSON: 400 bad_json"
[ "$(post /v1/tools/nosuch/call '{}')" = 404 ] &&
    grep -q '"code":"no_such_tool"' "$T/body"
ok $? "unknown tool: 404"
[ "$(post /v1/exec '{"argv":[]}')" = 400 ] && grep -q 'argv' "$T/body"
ok $? "exec with an empty argv: 400"
[ "$(post /v1/exec '{"argv":["true"],"bogus":1}')" = 400 ]
ok $? "exec with an unknown member: 400"
[ "$(post /v1/exec '{"argv":["true"],"session":"../x"}')" = 400 ]
ok $? "exec with a bad session id: 400"
bad=0
for v in '"-5s"' '"0x10"' '"1e3"' '" 5"' '"5 s"' '"5x"' '"."' '"1.5s"' \
    '"2M"' '"99999999999999999999d"' '-1' '1.5' 'true' '{}' '""'; do
	[ "$(post /v1/exec "{\"argv\":[\"true\"],\"timeout\":$v}")" = 400 ] &&
	    grep -q 'timeout: a duration' "$T/body" || { bad=1; echo "# $v"; }
done
for v in '"100000000000000000G"' '"5Q"' '"-1"' '"64MX"' '"1.5G"' '-64'; do
	[ "$(post /v1/exec "{\"argv\":[\"true\"],\"memory\":$v}")" = 400 ] ||
	    { bad=1; echo "# $v"; }
done
ok $bad "exec: bad timeouts and sizes are 400 with the reason"
[ "$(post /v1/exec '{"argv":["true"],"timeout":"2500ms","memory":"64mb"}')" \
    = 200 ] && [ "$(post /v1/exec '{"argv":["true"],"timeout":"5"}')" \
    = 200 ] && [ "$(post /v1/exec '{"argv":["true"],"limits":{"time":"2m",
    "output":"1k","memory":"64MiB","cpu":3000}}')" = 200 ]
ok $? "exec: durations and sizes in harness.conf's forms"

# ---- per-key permissions ----
auth="Authorization: Bearer $token"
[ "$(code -H "$auth" http://x/v1/tools)" = 200 ] &&
    grep -q '"name":"shell"' "$T/body" && ! grep -q '"name":"python"' "$T/body"
ok $? "a key sees only its tools"
[ "$(code -H "$auth" -d '{"code":"print(1)"}' http://x/v1/tools/python/call)" = 404 ]
ok $? "a key cannot call a tool it is not allowed"
[ "$(code -H "$auth" -d '{"argv":["true"]}' http://x/v1/exec)" = 403 ]
ok $? "a key without exec cannot use /v1/exec"
[ "$(code -H "$auth" -d '{"command":"echo k"}' http://x/v1/tools/shell/call)" = 200 ]
ok $? "a key calls its allowed tool"

# ---- approvals ----
# pending TOOL: the id of the TOOL call waiting for approval, within 5 s
pending() {
	_n=0
	_id=
	while [ $_n -lt 50 ] && [ -z "$_id" ]; do
		_id=$(ctl approve -l 2>/dev/null |
		    sed -n "s/^#\([0-9]*\) .*tool $1.*/\1/p" | head -1)
		[ -n "$_id" ] || sleep 0.1
		_n=$((_n + 1))
	done
	echo "$_id"
}
( ctl exec -q -- rm -rf /work/gone >"$T/ask.out" 2>&1; echo $? >"$T/ask.rc" ) &
id=$(pending exec)
[ -n "$id" ] && ctl approve "$id" allow >/dev/null
ok $? "an ask call is pending until approved (id ${id:-none})"
n=0; while [ ! -s "$T/ask.rc" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat "$T/ask.rc" 2>/dev/null)" = 0 ]
ok $? "the approved call completes"
ctl audit show -t approval.decision | grep -q "allow"
ok $? "the approval is an audit record"

# A shell line too long for one argument (a 200 KB heredoc) is too long
# for hitld to parse: it asks; approved, sh runs it as its script file.
python3 -c 'import json; print(json.dumps({"arguments": {"command": "cat > heredoc.txt <<'"'"'EOF'"'"'\n" + ("y" * 99 + "\n") * 2000 + "EOF\nwc -c < heredoc.txt; echo \"$0\""}, "session": "hd"}))' >"$T/hd.json"
rm -f "$T/ask.rc"
( c -o "$T/hd.out" -H 'Content-Type: application/json' --data-binary @"$T/hd.json" \
    http://x/v1/tools/shell/call; echo $? >"$T/ask.rc" ) &
id=$(pending shell)
ctl approve -l >"$T/l" 2>/dev/null
[ -n "$id" ] && grep -q 'line too long' "$T/l" && ctl approve "$id" allow >/dev/null
ok $? "a 200 KB shell line asks: too long to parse (id ${id:-none})"
n=0; while [ ! -s "$T/ask.rc" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
grep -q '"exit_code":0' "$T/hd.out" &&
    grep -q '"stdout":"200000\\n/run/code/main.sh\\n"' "$T/hd.out"
ok $? "... approved, it runs as sh's script file, the file written whole ($(head -c 300 "$T/hd.out"))"

# The directory a call runs in is classified: cat shadow in /etc asks.
rm -f "$T/ask.rc"
( ctl exec -q -C /etc -- cat shadow >"$T/ask.out" 2>&1; echo $? >"$T/ask.rc" ) &
id=$(pending exec)
ctl approve -l >"$T/l" 2>/dev/null
[ -n "$id" ] && grep -q 'in: /etc' "$T/l" &&
    grep -q 'matched path `/etc/shadow`' "$T/l" &&
    ctl approve "$id" deny >/dev/null
ok $? "exec -C /etc -- cat shadow: /etc/shadow asks, and the prompt says where"
n=0; while [ ! -s "$T/ask.rc" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat "$T/ask.rc" 2>/dev/null)" != 0 ]
ok $? "... and denied, it does not run"

# A script on a shell's stdin is classified ("sh *" alone is low here).
rm -f "$T/ask.rc"
( echo 'rm -rf /work/gone' | ctl exec -i -q -- sh >"$T/ask.out" 2>&1
    echo $? >"$T/ask.rc" ) &
id=$(pending exec)
ctl approve -l >"$T/l" 2>/dev/null
[ -n "$id" ] && grep -q 'stdin| rm -rf /work/gone' "$T/l" &&
    ctl approve "$id" deny >/dev/null
ok $? "exec -i sh with rm -rf on stdin asks, and the prompt shows the input"
n=0; while [ ! -s "$T/ask.rc" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat "$T/ask.rc" 2>/dev/null)" = 126 ]
ok $? "... and denied, it does not run"

# ---- allow-for-session grants stay with the identity ----
gcall='{"command":"rm -rf /work/gone"}'
rm -f "$T/ask.rc"
( ctl tool call -o -s grant-1 shell "$gcall" >/dev/null 2>&1
    echo $? >"$T/ask.rc" ) &
id=$(pending shell)
[ -n "$id" ] && ctl approve "$id" session >/dev/null
ok $? "a shell call in session grant-1 asks; allowed for the session"
n=0; while [ ! -s "$T/ask.rc" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat "$T/ask.rc" 2>/dev/null)" = 0 ] &&
    ctl tool call -o -s grant-1 shell "$gcall" >/dev/null 2>&1
ok $? "...and the same call in that session runs without asking again"
rm -f "$T/ask.rc"
( code -H "$auth" -d "{\"arguments\":$gcall,\"session\":\"grant-1\"}" \
    http://x/v1/tools/shell/call >"$T/ask.rc" ) &
id=$(pending shell)
[ -n "$id" ] && ctl approve "$id" deny >/dev/null
ok $? "the same session name from another key is asked again"
n=0; while [ ! -s "$T/ask.rc" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat "$T/ask.rc" 2>/dev/null)" = 403 ] &&
    ctl audit show -s grant-1 -t approval.decision -j |
    grep '"how":"approver"' | grep -q '"decision":"deny"'
ok $? "...denied, and its records are under the name it gave (grant-1)"

# ---- the host's network, asked for and approved ----
python3 - "$T/netsrv.log" <<'EOF2' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(4)
open(sys.argv[1], "w").write("ready %d\n" % s.getsockname()[1])
s.settimeout(60)
c, _ = s.accept()
open(sys.argv[1], "a").write("accepted\n")
EOF2
netpid=$!
wait_for "$T/netsrv.log" ready
nport=$(awk '/ready/ {print $2}' "$T/netsrv.log")
probe="import socket; socket.create_connection(('127.0.0.1', $nport), 3); print('reached')"
ctl exec -q -- python3 -c "$probe" >"$T/net.out" 2>&1
[ $? -ne 0 ] && ! grep -q reached "$T/net.out"
ok $? "exec: no network by default (the host's 127.0.0.1 is out of reach)"
( ctl exec -q -n any -- python3 -c "$probe" >"$T/net.out" 2>&1; echo $? >"$T/net.rc" ) &
id=$(pending exec)
[ -n "$id" ] && ctl approve -l | grep -q host-network &&
    ctl approve "$id" allow >/dev/null
ok $? "exec -n any: asks, by the sample's host-network rule (id ${id:-none})"
n=0; while [ ! -s "$T/net.rc" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(cat "$T/net.rc" 2>/dev/null)" = 0 ] && grep -q reached "$T/net.out" &&
    wait_for "$T/netsrv.log" accepted 5
r=$?; [ $r -ne 0 ] && diag "$(cat "$T/net.out")"
ok $r "exec -n any: once approved, the run reaches the host's 127.0.0.1"
ctl audit show -t sandbox.start -j | grep -q '"network":"host"'
ok $? "sandbox.start records the network"
kill $netpid 2>/dev/null; wait $netpid 2>/dev/null
[ "$(post /v1/exec '{"argv":["true"],"network":"example.com"}')" = 400 ] &&
    grep -q '"none\\" or \\"any' "$T/body"
ok $? "exec with a network other than none or any: 400"
[ "$(post /v1/tools/hostsnet/call '{}')" = 501 ] &&
    grep -q '"code":"network_unsupported"' "$T/body"
ok $? "a tool naming hosts is refused: no filter by destination yet"
grep -q 'tool hostsnet: network "example.com:443"' "$T/harnessd.log"
ok $? "and harnessd warned about it at start"
"$BIN/harnessd" -n -f "$conf" 2>&1 | grep -q 'warning: tool hostsnet: network'
ok $? "harnessd -n warns about it too"

# ---- a client that goes away takes its call with it ----
curl -s --unix-socket "$sock" -N -d '{"argv":["sleep","300"],"session":"gone"}' \
    'http://x/v1/exec?stream=1' >/dev/null 2>&1 &
cpid=$!
n=0
while ! ctl sandbox list 2>/dev/null | grep -q sleep && [ $n -lt 100 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl sandbox list 2>/dev/null | grep -q sleep
ok $? "a long run is under way"
kill $cpid; wait $cpid 2>/dev/null
n=0
while ctl sandbox list 2>/dev/null | grep -q sleep && [ $n -lt 100 ]; do
	sleep 0.1; n=$((n + 1))
done
! ctl sandbox list 2>/dev/null | grep -q sleep
ok $? "client gone: its run is killed"
n=0
while ! ctl audit show -t tool.call -j | grep -q '"cancelled":true' && [ $n -lt 50 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl audit show -t tool.call -j | grep '"cancelled":true' | grep -q 'killed on request'
ok $? "the killed run's tool.call record says it was cancelled"
curl -s --unix-socket "$sock" -d '{"argv":["rm","-rf","/work/never"]}' \
    'http://x/v1/exec' >/dev/null 2>&1 &
cpid=$!
n=0
while ! ctl approve -l 2>/dev/null | grep -q never && [ $n -lt 100 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl approve -l 2>/dev/null | grep -q never
ok $? "an ask call waits for a person"
kill $cpid; wait $cpid 2>/dev/null
n=0
while ctl approve -l 2>/dev/null | grep -q never && [ $n -lt 50 ]; do
	sleep 0.1; n=$((n + 1))
done
! ctl approve -l 2>/dev/null | grep -q never
ok $? "client gone: the request leaves the approvers' queue at once"
n=0
while ! ctl audit show -t tool.call -j | grep -q 'before it ran' && [ $n -lt 50 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl audit show -t tool.call -j | grep '"code":"cancelled"' | grep -q 'before it ran' &&
    ctl audit show -t approval.decision -j | grep -q 'requester withdrew it'
ok $? "both the withdrawal and the refusal are audited"
# (the gateway counts it when the engine's answer for the call comes)
cancelled_counted() {
	c http://x/metrics | grep -q '^harness_approvals_total{decision="cancelled"} [1-9]'
}
wait_until 10 cancelled_counted
ok $? "and /metrics counts the approval as cancelled"

[ "$(post /v1/exec '{"argv":["shutdown","-h","now"]}')" = 403 ] &&
    grep -q 'denied by rule t-deny' "$T/body"
ok $? "a denied call: 403 naming the rule"
n=0
while ! ctl audit show -t tool.call -j | grep '"outcome":"refused"' | grep -q t-deny &&
    [ $n -lt 30 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl audit show -t tool.call -j | grep '"outcome":"refused"' | grep -q t-deny
ok $? "the refusal is audited"
[ "$(post /v1/exec '{"argv":["rm","-rf","/work/x"]}')" = 403 ] &&
    grep -q 'approval timed out' "$T/body"
ok $? "nobody answers: approval timed out, 403"

c http://x/metrics >"$T/metrics"
grep -q 'harness_sandbox_runs_total{reason="exited"}' "$T/metrics" &&
    grep -q 'harness_sandbox_runs_total{reason="timeout"}' "$T/metrics" &&
    grep -q 'harness_approvals_total{decision="allow"}' "$T/metrics" &&
    grep -q 'harness_approvals_total{decision="timeout"}' "$T/metrics"
ok $? "metrics: sandbox runs by reason, approvals by decision"

# ---- workspaces ----
ctl tool call -s wsA write_file '{"path":"d/f.txt","content":"kept\n"}' >/dev/null &&
    out=$(ctl tool call -o -s wsA read_file '{"path":"d/f.txt"}') &&
    [ "$out" = "kept" ]
ok $? "a session's workspace persists across calls"
ctl tool call -o -s wsB read_file '{"path":"d/f.txt"}' >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "another session does not see it"
ctl tool call -o -s wsA list_files '{}' | grep -q ' d$'
ok $? "list_files"
[ "$(code -H "$auth" -d '{"arguments":{"command":"cat d/f.txt"},"session":"wsA"}' \
    http://x/v1/tools/shell/call)" = 200 ] && grep -q '"exit_code":1' "$T/body"
ok $? "the same session name from another identity is another workspace"
[ "$(post /v1/exec '{"argv":["true"],"cwd":"work"}')" = 400 ]
ok $? "exec with a relative cwd: 400"
ctl exec -q -- shutdown -h now 2>/dev/null
[ $? -eq 126 ]
ok $? "exec of a denied command exits 126"

# ---- registered tools and the cache ----
[ "$(post /v1/tools '{"name":"clock","command":["date","+%s%N"],"cache":"1m","schema":{"type":"object","properties":{"k":{"type":"integer"}}}}')" = 201 ]
ok $? "POST /v1/tools registers a tool: 201"
[ "$(post /v1/tools '{"name":"say","command":["printf","%s\\n","{msg}"],"schema":{"type":"object","properties":{"msg":{"type":"string"}},"required":["msg"]}}')" = 201 ]
r=$?; [ $r -ne 0 ] && diag "$(cat "$T/body")"; ok $r "a tool with a command template"
[ "$(post /v1/tools '{"name":"netty","command":["true"],"network":"example.com"}')" = 400 ] &&
    grep -q 'network' "$T/body"
ok $? "a registered tool's network is none or any"
[ "$(post /v1/tools '{"name":"huge","command":["true"],"limits":{"memory":"100G"}}')" = 400 ] &&
    grep -q "above sandboxd's max limits" "$T/body"
ok $? "POST /v1/tools: limits above sandboxd's max limits are 400 ($(cat "$T/body"))"
# A schema that takes no object would refuse every call of the tool.
[ "$(post /v1/tools '{"name":"t1","command":["true"],"schema":{"type":"string"}}')" = 400 ] &&
    grep -q "a tool's arguments are a JSON object" "$T/body"
ok $? "POST /v1/tools: a schema that takes no object is 400 ($(cat "$T/body"))"
# A limit of 0, or processes or files out of range, is refused as the
# file refuses it, not stored without the limit.
[ "$(post /v1/tools '{"name":"t0","command":["true"],"limits":{"time":0}}')" = 400 ] &&
    grep -q 'limits.time: a limit of 0 is not a limit' "$T/body" &&
    [ "$(code http://x/v1/tools/t0)" = 404 ]
ok $? "POST /v1/tools: a limit of 0 is 400 ($(cat "$T/body"))"
[ "$(post /v1/tools '{"name":"t0","command":["true"],"limits":{"files":3}}')" = 400 ] &&
    grep -q 'limits.files must be 8 to 1048576' "$T/body"
ok $? "POST /v1/tools: files below 8 is 400 ($(cat "$T/body"))"
for b in '"limits":{"memory":"0"}' '"limits":{"processes":0}' \
    '"limits":{"processes":1000001}' '"timeout":0' '"memory":"0K"'; do
	[ "$(post /v1/exec "{\"argv\":[\"true\"],$b}")" = 400 ] &&
	    grep -q '"bad_request"' "$T/body"
	ok $? "POST /v1/exec: $b is 400 ($(cat "$T/body"))"
done
[ "$(post /v1/tools '{"name":"netany","command":["true"],"network":"any"}')" = 201 ] &&
    [ "$(code http://x/v1/tools/netany)" = 200 ] && grep -q '"network":"any"' "$T/body"
ok $? "a registered tool may ask for any network"
[ "$(post /v1/tools '{"name":"clock","command":["true"]}')" = 409 ]
ok $? "registering an existing name: 409"
[ "$(post /v1/tools '{"name":"shell","command":["true"]}')" = 409 ]
ok $? "a built-in cannot be replaced: 409"
[ "$(post /v1/tools '{"name":"leak","command":["true"],"secrets":["DEMO_TOKEN"]}')" = 400 ] &&
    grep -q 'only from harness.conf' "$T/body"
ok $? "a registered tool cannot ask for secrets"
[ "$(code -H "$auth" -d '{"name":"k2","command":["true"]}' http://x/v1/tools)" = 403 ]
ok $? "a restricted key cannot register tools"
[ "$(post /v1/tools/say/call '{"msg":"a; echo INJECTED $(id)"}')" = 200 ] &&
    grep -q '"stdout":"a; echo INJECTED $(id)\\n"' "$T/body"
ok $? "template values are one argument, never shell text"
[ "$(post /v1/tools '{"name":"say2","command":["sh","-ec","echo {msg}"],"schema":{"type":"object"}}')" = 201 ] &&
    [ "$(post /v1/tools/say2/call '{"msg":"a; echo INJECTED"}')" = 200 ] &&
    grep -q '"stdout":"a; echo INJECTED\\n"' "$T/body"
ok $? "values in a shell script (sh -ec) are quoted"
long=$(head -c 5000 /dev/zero | tr '\0' x)
[ "$(post /v1/tools/say/call "{\"msg\":\"$long\"}")" = 200 ] &&
    grep -q "\"stdout\":\"$long\\\\n\"" "$T/body"
ok $? "a template word of 5000 bytes once filled in runs"
printf '{"msg":"%s"}' "$(head -c 140000 /dev/zero | tr '\0' x)" >"$T/long.json"
[ "$(post /v1/tools/say/call @"$T/long.json")" = 400 ] &&
    grep -q 'too long for the command template' "$T/body"
ok $? "a template word past 131071 bytes once filled in: 400"
post /v1/tools/clock/call '{"k":1}' >/dev/null; cp "$T/body" "$T/c1"
post /v1/tools/clock/call '{"k":1}' >/dev/null; cp "$T/body" "$T/c2"
post /v1/tools/clock/call '{"k":2}' >/dev/null; cp "$T/body" "$T/c3"
s1=$(sed 's/.*"stdout":"\([0-9]*\).*/\1/' "$T/c1")
s2=$(sed 's/.*"stdout":"\([0-9]*\).*/\1/' "$T/c2")
s3=$(sed 's/.*"stdout":"\([0-9]*\).*/\1/' "$T/c3")
grep -q '"cached":false' "$T/c1" && grep -q '"cached":true' "$T/c2" &&
    [ -n "$s1" ] && [ "$s1" = "$s2" ] && [ "$s3" != "$s1" ]
ok $? "cacheable tool: same arguments reuse the result, others run"
[ "$(ctl tool call -o clock '{"k":1}')" = "$s1" ]
ok $? "a cached result streams its output like a run"
post /v1/tools/clock/call '{"arguments":{"k":1},"session":"other"}' >/dev/null
grep -q '"cached":false' "$T/body"
ok $? "another session does not read the cache"
[ "$(code -H "Authorization: Bearer $token2" -H 'Content-Type: application/json' \
    -d '{"k":1}' http://x/v1/tools/clock/call)" = 200 ] &&
    grep -q '"cached":false' "$T/body"
ok $? "another identity does not read the cache, without a session either"

suite_stop harnessd
[ -f "$T/state/engine/state.db" ] && [ ! -e "$T/state/engine/state.db-wal" ] &&
    [ ! -e "$T/state/engine/state.db-shm" ]
rc=$?
ok $rc "a clean stop leaves the state DB and no -wal or -shm file ($(ls "$T/state/engine" | tr '\n' ' '))"
[ $rc -eq 0 ] || diag "$(tail -n 20 "$T/harnessd.log")"
suite_start harnessd || { ok 1 "harnessd restarts"; t_exit; }
[ "$(code http://x/v1/tools/clock)" = 200 ] && grep -q '"source":"dynamic"' "$T/body"
ok $? "registered tools survive a restart (state DB)"
[ -f "$T/state/engine/state.db" ]
ok $? "the state DB is in the engine's chroot"
[ "$(code -X DELETE http://x/v1/tools/clock)" = 200 ] &&
    [ "$(code http://x/v1/tools/clock)" = 404 ]
ok $? "DELETE /v1/tools/NAME"
# Records of refusals are sent, not waited for: look until they are in.
tool_records() {
	ctl audit show -t 'tool.*' -j >"$T/taudit" 2>&1 || return 1
	grep '"tool.register"' "$T/taudit" | grep "\"tool\":\"$1\"" |
	    grep "\"outcome\":\"$2\"" | grep -q -- "$3" &&
	    grep '"tool.delete"' "$T/taudit" | grep "\"tool\":\"$4\"" |
	    grep "\"outcome\":\"$5\"" | grep -q -- "$6"
}
tool_records clock registered '"sha256":"[0-9a-f]\{64\}"' clock deleted .
ok $? "audit trail: the registration (with its definition's SHA-256) and the deletion"
[ "$(code -X DELETE http://x/v1/tools/shell)" = 403 ]
ok $? "a built-in cannot be deleted"
wait_until 10 tool_records clock refused '"code":"exists"' \
    shell refused '"code":"forbidden"'
ok $? "audit trail: refused registrations and deletions, with the code"

# ---- secrets and the scanner ----
VAL=demo-VALUE-$$-Zq9
ctl vault init -k "$T/vault.key" >/dev/null 2>&1 &&
    printf '%s' "$VAL" | ctl vault put DEMO_TOKEN >/dev/null
ok $? "vault init and put"
out=$(ctl tool call -o demo 2>&1)
echo "$out" | grep -q 'REDACTED:DEMO_TOKEN' && ! echo "$out" | grep -q "$VAL"
ok $? "a tool's secret is redacted from its output"
# Every record of one call carries the session as the client named it,
# whichever daemon wrote it (the engine scopes it to the identity only
# for hitld's grants): audit show -s finds them all.
ctl tool call -o -s rec-1 demo >/dev/null 2>&1
types="tool.call approval.decision sandbox.start sandbox.exit vault.secret.read"
n=0
while :; do
	ctl audit show -s rec-1 -j >"$T/rec" 2>&1
	miss=
	for t in $types; do
		grep -q "\"type\":\"$t\"" "$T/rec" || miss="$miss $t"
	done
	[ -z "$miss" ] || [ $n -ge 50 ] && break
	sleep 0.1; n=$((n + 1))
done
[ -z "$miss" ]
ok $? "audit show -s rec-1: the call's $types records${miss:+ (missing:$miss)}"
ctl audit show -j >"$T/rec" 2>&1
! grep -q '"session":"rec-1\.' "$T/rec" &&
    grep '"type":"approval.decision"' "$T/rec" | grep -q '"session":"rec-1"' &&
    grep '"type":"approval.decision"' "$T/rec" | grep '"session":"rec-1"' |
    grep -q 'grant_session.*rec-1\.[0-9a-f]\{8\}'
ok $? "no record of it has the scoped session; hitld's names it in its body"
for p in $(cat "$T/harnessd.pid" "$T/hitld.pid"); do
	echo "$p"
	pgrep -P "$p"
done | sort -u >"$T/pids"
python3 - "$VAL" "$T/pids" >"$T/memscan" 2>&1 <<'EOF'
import sys, re
val = sys.argv[1].encode()
found = []
for pid in open(sys.argv[2]).read().split():
    try:
        maps = open("/proc/%s/maps" % pid).read().splitlines()
        mem = open("/proc/%s/mem" % pid, "rb", 0)
    except OSError:
        continue
    for line in maps:
        m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
        if not m or m.group(3)[0] != "r":
            continue
        a, b = int(m.group(1), 16), int(m.group(2), 16)
        # Huge reservations (the sanitizers' shadow) hold no data.
        if b - a > (1 << 30):
            continue
        prev = b""
        while a < b:
            n = min(b - a, 1 << 20)
            try:
                mem.seek(a)
                chunk = mem.read(n)
            except (OSError, ValueError, OverflowError):
                break
            if val in prev[-len(val):] + chunk:
                found.append(pid)
                break
            prev = chunk
            a += n
print("scanned", len(open(sys.argv[2]).read().split()), "found", found)
sys.exit(1 if found else 0)
EOF
ok $? "the value is in no memory of harnessd or hitld ($(cat "$T/memscan"))"
! grep -rqs "$VAL" "$T"/*.log "$T/state/engine" "$T/state/audit"
ok $? "the value is in no log, state DB or audit DB"
ctl vault seal >/dev/null
[ "$(post /v1/tools/demo/call '{}')" = 503 ] && grep -q 'vault is sealed' "$T/body"
ok $? "vault sealed: the call is refused with \"vault is sealed\""
[ "$(post /v1/exec '{"argv":["echo","AKIAIOSFODNN7EXAMPLE"]}')" = 200 ] &&
    grep -q 'REDACTED:aws-access-key-id' "$T/body" &&
    ! grep -q AKIAIOSFODNN7EXAMPLE "$T/body"
ok $? "the secret scanner redacts a credential in output"
n=0
while ! ctl audit show -t secret.detected | grep -q aws-access-key-id && [ $n -lt 30 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl audit show -t secret.detected | grep -q aws-access-key-id
ok $? "each scanner hit is an audit record with the pattern"


# ---- a daemon's connection stays a daemon's ----
# Parents connect for their children as root; the first message (ROLE)
# marks the connection, and hitld then refuses approver requests on it.
python3 - "$T/run/hitld.sock" >"$T/role" 2>&1 <<'EOF2'
import socket, struct, sys
def msg(t, payload=b""):
    return struct.pack("=IHHII", t, 16 + len(payload), 0, 1, 0) + payload
def s(x):
    return struct.pack("=I", len(x)) + x
def recv(sk):
    h = b""
    while len(h) < 16:
        d = sk.recv(16 - len(h))
        if not d:
            return None, b""
        h += d
    t, l, _, _, _ = struct.unpack("=IHHII", h)
    p = b""
    while len(p) < l - 16:
        p += sk.recv(l - 16 - len(p))
    return t, p
sk = socket.socket(socket.AF_UNIX)
sk.connect(sys.argv[1])
sk.sendall(msg(26, s(b"harnessd/engine")) + msg(407, struct.pack("=IB", 1, 0)))
t, p = recv(sk)
print("answer:", t, p)
ok1 = t == 24 and b"not by daemons" in p
sk.sendall(msg(26, s(b"anything")))
t, p = recv(sk)
print("second role:", t)
sys.exit(0 if ok1 and t is None else 1)
EOF2
r=$?; [ $r -ne 0 ] && diag "$(cat "$T/role")"
ok $r "a daemon's connection cannot answer approvals, nor change its role"

# exec_works: whether calls run again, within 10s
exec_works() {
	_n=0
	while [ "$(post /v1/exec '{"argv":["true"]}')" != 200 ] &&
	    [ $_n -lt 50 ]; do
		sleep 0.2; _n=$((_n + 1))
	done
	[ "$(post /v1/exec '{"argv":["true"]}')" = 200 ]
}

# ---- a peer that stops answering: the call is refused, not held ----
# hitld's queue stopped (SIGSTOP): no verdict and no "pending" comes.
hq=$(pgrep -P "$(cat "$T/hitld.pid")" | head -1)
kill -STOP "$hq"
post /v1/exec '{"argv":["true"]}' >"$T/code"
kill -CONT "$hq"
[ "$(cat "$T/code")" = 503 ] &&
    grep -q 'hitld_unavailable.*hitld did not answer within 10s' "$T/body"
ok $? "hitld stopped: the call is refused after 10s, saying why ($(cat "$T/body"))"
# sandboxd stopped under a run of a 1s limit: refused 10s past it.
for p in $(pgrep -P "$(cat "$T/sandboxd.pid")"); do kill -STOP "$p"; done
post /v1/exec '{"argv":["sleep","5"],"timeout":"1s"}' >"$T/code"
for p in $(pgrep -P "$(cat "$T/sandboxd.pid")"); do kill -CONT "$p"; done
[ "$(cat "$T/code")" = 503 ] &&
    grep -q 'sandboxd did not end the run within 11s' "$T/body"
ok $? "sandboxd stopped: the run is refused past its limit ($(cat "$T/body"))"
exec_works
ok $? "once they go on, calls work again"

# ---- fail secure ----
suite_stop hitld
[ "$(post /v1/exec '{"argv":["true"]}')" = 503 ] && grep -q 'hitld' "$T/body"
ok $? "hitld down: refused, naming hitld"
suite_start hitld
# auditd lost while a program runs: the record of its outcome cannot be
# handed over, so the result is withheld (its start was recorded).
c -N -d '{"argv":["sleep","2"]}' 'http://x/v1/exec?stream=1' >"$T/wsse" &
wp=$!
wait_for "$T/wsse" '^event: started' 20
suite_stop auditd
wait $wp
grep -A1 '^event: error' "$T/wsse" | grep '"status":503' |
    grep -q 'audit_unavailable.*result withheld'
ok $? "auditd lost during a run: the result is withheld, and says why"
[ "$(post /v1/exec '{"argv":["true"]}')" -ge 500 ] && grep -qi 'audit' "$T/body"
ok $? "auditd down: refused, naming auditd"
# Registering and deleting a tool wait for their record too.
[ "$(post /v1/tools '{"name":"unaudited","command":["true"]}')" = 503 ] &&
    grep -q '"code":"audit_unavailable"' "$T/body" &&
    grep -q 'tool unaudited not registered: auditd unreachable' "$T/body" &&
    [ "$(code http://x/v1/tools/unaudited)" = 404 ]
ok $? "auditd down: a registration is refused, nothing registered ($(cat "$T/body"))"
[ "$(code -X DELETE http://x/v1/tools/say)" = 503 ] &&
    grep -q 'tool say not deleted: auditd unreachable' "$T/body" &&
    [ "$(code http://x/v1/tools/say)" = 200 ]
ok $? "auditd down: a deletion is refused, the tool stays ($(cat "$T/body"))"
suite_start auditd
exec_works
ok $? "calls work again once they are back"
c http://x/v1/health | grep -q '"status":"ok"'
ok $? "the gateway stayed up throughout"
n=0
while c http://x/metrics >"$T/metrics" &&
    ! grep -q '^harness_audit_records_total{outcome="withheld"} [1-9]' \
    "$T/metrics" && [ $n -lt 40 ]; do
	sleep 0.05; n=$((n + 1))
done
grep -q '^harness_audit_records_total{outcome="written"} [1-9]' "$T/metrics" &&
    grep -q '^harness_audit_records_total{outcome="withheld"} [1-9]' "$T/metrics"
ok $? "/metrics counts call records written, and the one withheld"

# ---- the gateway dies: harnessd does not stay half alive ----
hp=$(cat "$T/harnessd.pid")
gp=$(pgrep -P "$hp" -f 'gateway' | head -1)
[ -n "$gp" ] && kill -KILL "$gp"
wait_gone "$hp" 10
ok $? "gateway killed: harnessd exits"
grep -q 'lost child' "$T/harnessd.log" &&
    grep -q 'terminating' "$T/harnessd.log" && [ ! -S "$sock" ]
ok $? "it says why, and leaves no socket behind"
# The engine, losing its sibling, still closes the state DB properly.
grep -Eq 'engine.*: (lost channel to gateway|parent closed the channel), finishing' "$T/harnessd.log" &&
    [ -f "$T/state/engine/state.db" ] &&
    [ ! -e "$T/state/engine/state.db-wal" ] &&
    [ ! -e "$T/state/engine/state.db-shm" ]
rc=$?
ok $rc "the engine finishes and closes the state DB ($(ls "$T/state/engine" | tr '\n' ' '))"
[ $rc -eq 0 ] || diag "$(tail -n 8 "$T/harnessd.log")"
t_exit
