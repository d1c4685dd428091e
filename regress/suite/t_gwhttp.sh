# The gateway's edges, with all five daemons: strict JSON bodies, NUL
# bytes in arguments, auth headers, reserved tool names, streams to
# HTTP/1.0 and "Connection: close" clients, half-closed clients, and
# the reasons of runs sandboxd refuses.
. "$TOP/regress/lib.sh"

needs "gwhttp" root curl python3

suite_setup
suite_cgroup || { ok 1 "test config"; t_exit; }
port=$(free_port)
token=gwhttp-token-$$
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
cat >>"$conf" <<EOT
harnessd {
	listen on 127.0.0.1 port $port
	key "full" {
		hash "sha256:$hash"
		rate 1000
		burst 1000
	}
	rate 1000 burst 1000
}
rule "t-low" {
	command { "sleep *" "printf *" "cat *" "wc *" }
	risk low
}
tool "nulenv" {
	description "A secret with a NUL byte, as a variable"
	command { "sh" "-c" "echo ran" }
	secret "NULSEC" env "NULSEC"
}
tool "bigenv" {
	description "A secret too long for a variable"
	command { "sh" "-c" "echo ran" }
	secret "BIGSEC" env "BIGSEC"
}
rule "t-tools" {
	tool { "nulenv" "bigenv" }
	risk low
}
EOT
sock=$T/run/agent.sock
if ! suite_start auditd vaultd hitld sandboxd harnessd; then
	ok 1 "the five daemons start"
	t_exit
fi

c() { curl -s --unix-socket "$sock" "$@"; }
code() { curl -s -o "$T/body" -w '%{http_code}' --unix-socket "$sock" "$@"; }
post() { _u=$1; shift; code -H 'Content-Type: application/json' --data-binary "$@" "http://x$_u"; }

raw() { python3 "$TOP/regress/suite/rawhttp.py" "$sock" "$@"; }

# ---- strict JSON ----
for b in "{'argv':['echo','single',],}" '{"argv":["echo","x"],}' \
    '{"argv":["echo","x"]/*c*/}' '{"argv":["echo","x"],"timeout":NaN}' \
    '{"argv":["echo","x"],"timeout":Infinity}' '{"argv":["echo","x"]} x' \
    '{"argv":["echo","x"],"timeout":1.}' '{"argv":["echo","x"],"timeout":-01}' \
    '{"argv":["echo","x"],"timeout":1e999}' '{"argv":["echo","x"],"argv":["echo","y"]}'; do
	st=$(post /v1/exec "$b")
	if [ "$st" != 400 ] || ! grep -q '"code":"bad_json"' "$T/body"; then
		diag "$b: $st $(cat "$T/body")"
		break
	fi
done
[ "$st" = 400 ] && grep -q '"code":"bad_json"' "$T/body"
ok $? "lenient JSON (quotes, commas, comments, NaN, Infinity, 1., -01, repeats, garbage): 400 bad_json"
post /v1/exec '{"argv":["echo","x"],"timeout":NaN}' >/dev/null
grep -q 'at byte 31' "$T/body"
ok $? "bad_json names the byte ($(cat "$T/body"))"
post /v1/exec '{"argv":["echo","x"],"\u0061rgv":["echo","y"]}' >/dev/null
grep -q 'a key is repeated in an object at byte 21' "$T/body"
ok $? "a repeated key (escaped the second time) is named by its byte ($(cat "$T/body"))"
cat >"$T/ws.py" <<'EOF'
import base64, os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(10)
s.sendall(b"GET /v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
    b"Sec-WebSocket-Key: " + base64.b64encode(os.urandom(16)) + b"\r\n\r\n")
buf = b""
while b"\r\n\r\n" not in buf:
    buf += s.recv(4096)
buf = buf.partition(b"\r\n\r\n")[2]
d = sys.argv[2].encode()
k = os.urandom(4)
s.sendall(bytes([0x81, 0x80 | len(d)]) + k +
    bytes(b ^ k[i % 4] for i, b in enumerate(d)))
def need(n):
    global buf
    while len(buf) < n:
        d = s.recv(4096)
        if not d:
            raise EOFError
        buf += d
need(2)
n, h = buf[1] & 0x7f, 2
if n == 126:
    need(4)
    n, h = int.from_bytes(buf[2:4], "big"), 4
need(h + n)
print(buf[h:h + n].decode())
EOF
out=$(python3 "$T/ws.py" "$sock" '{"id":1,"exec":{"argv":["echo","x"],"timeout":NaN}}')
printf '%s\n' "$out" | grep -q '"code":"bad_request".*at byte 46'
ok $? "a WebSocket message is read strictly too ($out)"
[ "$(post /v1/exec '7')" = 400 ] && grep -q 'not one JSON object: a JSON int, not an object' "$T/body" &&
    [ "$(post /v1/exec ' null ')" = 400 ] && grep -q 'a JSON null, not an object' "$T/body"
ok $? "a JSON value that is no object: 400 bad_json saying what it is"
[ "$(post /v1/exec '{"argv":["echo","strict"]}')" = 200 ] &&
    grep -q '"stdout":"strict\\n"' "$T/body"
ok $? "strict JSON still runs"

# ---- NUL bytes: refused with the path of the value, never cut ----
[ "$(post /v1/tools/shell/call '{"command":"echo hi\u0000; rm -rf /work/x"}')" = 400 ] &&
    grep -q '"code":"bad_arguments"' "$T/body" && grep -q '\$\.command: ' "$T/body"
ok $? "NUL in a shell command: 400 naming \$.command ($(cat "$T/body"))"
[ "$(post /v1/tools/write_file/call '{"arguments":{"path":"a.txt\u0000../../etc/passwd","content":"x"},"session":"nul"}')" = 400 ] &&
    grep -q '\$\.arguments\.path: ' "$T/body"
ok $? "NUL in write_file's path: 400 naming \$.arguments.path"
[ "$(post /v1/tools/shell/call '{"command":"echo","x":[1,{"a b":"z\u0000"}]}')" = 400 ] &&
    grep -q "\\\$\\.x\\[1\\]\\['a b'\\]: " "$T/body"
ok $? "the path names array items and odd keys ($(cat "$T/body"))"
[ "$(post /v1/tools/shell/call '{"arguments":{"command":"echo x"},"session":"s\u0000t"}')" = 400 ] &&
    grep -q '\$\.session: ' "$T/body"
ok $? "NUL in a session: 400 naming \$.session"
[ "$(post /v1/exec '{"argv":["echo","x"],"env":{"A":"x\u0000y"}}')" = 400 ] &&
    grep -q '"code":"bad_request"' "$T/body" && grep -q '\$\.env\.A: ' "$T/body"
ok $? "NUL in an /v1/exec env value: 400 naming \$.env.A ($(cat "$T/body"))"
[ "$(post /v1/exec '{"argv":["echo","x"],"cwd":"/work\u0000/../etc"}')" = 400 ] &&
    grep -q '\$\.cwd: ' "$T/body"
ok $? "NUL in /v1/exec's cwd: 400 naming \$.cwd"
[ "$(post /v1/tools '{"name":"nulcmd","command":["echo","a\u0000b"]}')" = 400 ] &&
    grep -q '"code":"bad_tool"' "$T/body" && grep -q '\$\.command\[1\]: ' "$T/body"
ok $? "NUL in a registered tool's command: 400 naming \$.command[1]"
[ "$(post /v1/exec '{"argv":["cat","-"],"stdin":"a\u0000b"}')" = 200 ] &&
    grep -q '"stdout":"a\\u0000b"' "$T/body"
ok $? "NUL in /v1/exec's stdin still reaches the program ($(cat "$T/body" | head -c 300))"

# ---- auth headers ----
ch=0
for a in "X-None: 1" "Authorization: Bearer nope" "Authorization: Basic YTpi"; do
	curl -s -D "$T/hdr" -o /dev/null -H "$a" \
	    http://127.0.0.1:$port/v1/tools
	head -n 1 "$T/hdr" | grep -q ' 401' &&
	    tr -d '\r' <"$T/hdr" | grep -qx 'WWW-Authenticate: Bearer realm="harness"' &&
	    ch=$((ch + 1))
done
[ $ch = 3 ]
ok $? "401 (no key, a bad key, Basic) carries WWW-Authenticate: Bearer ($ch of 3)"
out=$(raw send GET /v1/tools "" 1.1 "Authorization: Bearer nope|Authorization: Bearer $token|")
printf "%s\n" "$out" | head -n 1 | grep -q '^HTTP/1.1 400 ' &&
    printf "%s\n" "$out" | grep -q '2 Authorization fields'
ok $? "two Authorization fields: 400 ($(printf "%s\n" "$out" | head -n 1))"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
    http://127.0.0.1:$port/v1/tools)" = 200 ]
ok $? "one good key: 200"

# ---- reserved tool names ----
[ "$(post /v1/tools '{"name":"exec","command":["echo","I am exec"]}')" = 400 ] &&
    grep -q '"code":"bad_tool"' "$T/body" && grep -q 'reserved' "$T/body"
ok $? "POST /v1/tools named exec: 400 bad_tool, reserved ($(cat "$T/body"))"
[ "$(code http://x/v1/tools/exec)" = 404 ]
ok $? "...and no tool exec was registered"
sed 's/^tool "demo" {/tool "exec" {/' "$conf" >"$T/exec.conf"
out=$("$BIN/harnessd" -n -f "$T/exec.conf" 2>&1)
[ $? -ne 0 ] && printf "%s\n" "$out" | grep -q "exec.conf:[0-9]*: tool name 'exec' is reserved"
ok $? "a configured tool named exec is a config error at file:line ($out)"

# ---- streams to HTTP/1.0 and "Connection: close" clients ----
sse_ok() {	# FILE: one whole unchunked stream, closed by the gateway
	head -n 1 "$1" | grep -q '^HTTP/1.1 200 ' &&
	    tr -d '\r' <"$1" | grep -qx 'Content-Type: text/event-stream' &&
	    tr -d '\r' <"$1" | grep -qx 'Connection: close' &&
	    ! grep -qi '^Transfer-Encoding' "$1" &&
	    ! grep -q '^[0-9a-f]*\r$' "$1" &&
	    grep -q '^event: verdict' "$1" && grep -q '^event: result' "$1" &&
	    [ "$(tail -n 1 "$1")" = "--closed--" ]
}
raw send POST '/v1/tools/shell/call?stream=1' '{"command":"echo 1"}' 1.0 "" >"$T/s10"
sse_ok "$T/s10"
ok $? "SSE to HTTP/1.0: status line, headers, no chunks, closed at the end"
raw send POST '/v1/tools/shell/call?stream=1' '{"command":"echo 1"}' 1.0 "Connection: keep-alive|" >"$T/s10k"
sse_ok "$T/s10k"
ok $? "SSE to HTTP/1.0 asking keep-alive: the same (a body without length ends at the close)"
curl -s --http1.0 -N --unix-socket "$sock" -d '{"command":"echo ten"}' \
    'http://x/v1/tools/shell/call?stream=1' >"$T/s10c"
rc=$?
[ $rc -eq 0 ] && grep -q '^event: result' "$T/s10c" && grep -q '"data":"ten\\n"' "$T/s10c"
ok $? "curl --http1.0 -N reads the whole stream (rc $rc)"
raw send POST '/v1/tools/shell/call?stream=1' '{"command":"echo 1"}' 1.1 "Connection: close|" >"$T/s11"
head -n 1 "$T/s11" | grep -q '^HTTP/1.1 200 ' &&
    tr -d '\r' <"$T/s11" | grep -qx 'Transfer-Encoding: chunked' &&
    tr -d '\r' <"$T/s11" | grep -qx 'Connection: close' &&
    grep -q '^event: result' "$T/s11" &&
    [ "$(tail -n 4 "$T/s11" | head -n 1 | tr -d '\r')" = 0 ] &&
    [ "$(tail -n 1 "$T/s11")" = "--closed--" ]
ok $? "SSE with Connection: close: chunked, last chunk, then closed"

# ---- half-closed clients ----
out=$(raw send GET /v1/tools "" 1.1 "" halfclose)
printf "%s\n" "$out" | head -n 1 | grep -q '^HTTP/1.1 200 ' &&
    printf "%s\n" "$out" | grep -q '"name":"shell"' &&
    [ "$(printf "%s\n" "$out" | tail -n 1)" = "--closed--" ]
ok $? "GET /v1/tools, then a half-close: answered, then closed ($(printf "%s\n" "$out" | head -n 1))"
out=$(raw send GET /v1/tools/shell "" 1.1 "" halfclose)
printf "%s\n" "$out" | head -n 1 | grep -q '^HTTP/1.1 200 ' &&
    printf "%s\n" "$out" | grep -q '"source":"builtin"'
ok $? "GET /v1/tools/shell, then a half-close: answered"
out=$(raw send GET /v1/tools/shell "" 1.1 "|GET /v1/tools/python HTTP/1.1|Host: x|" halfclose)
[ "$(printf "%s\n" "$out" | grep -c '^HTTP/1.1 200 ')" = 2 ] &&
    [ "$(printf "%s\n" "$out" | tail -n 1)" = "--closed--" ]
ok $? "two pipelined requests, then a half-close: both answered, then closed"
out=$(raw send POST /v1/tools/shell/call '{"command":"sleep 5; echo late"}' 1.1 "" halfclose)
printf "%s\n" "$out" | head -n 1 | grep -q '^HTTP/1.1 499 ' &&
    printf "%s\n" "$out" | grep -q '"code":"cancelled"' && ! printf "%s\n" "$out" | grep -q late &&
    [ "$(printf "%s\n" "$out" | tail -n 1)" = "--closed--" ]
ok $? "a call, then a half-close: cancelled, 499 cancelled ($(printf "%s\n" "$out" | head -n 1))"
out=$(raw send POST '/v1/tools/shell/call?stream=1' '{"arguments":{"command":"sleep 5; echo late"},"session":"hc"}' \
    1.1 "" "event: started")
printf "%s\n" "$out" | grep -q '^event: started' && printf "%s\n" "$out" | grep -q '^event: error' &&
    printf "%s\n" "$out" | grep '^data: ' | tail -n 1 | grep -q '"code":"cancelled".*"status":499' &&
    ! printf "%s\n" "$out" | grep -q '^event: result' &&
    [ "$(printf "%s\n" "$out" | tail -n 1)" = "--closed--" ]
ok $? "a half-close while a call streams: an error event, the last chunk, closed"
n=0
while ! ctl audit show -s hc -t tool.call -j | grep -q '"cancelled":true' && [ $n -lt 100 ]; do
	sleep 0.1; n=$((n + 1))
done
ctl audit show -s hc -t tool.call -j | grep -q '"cancelled":true'
ok $? "...and the run was killed: its tool.call record says cancelled"

# ---- runs sandboxd cannot set up: the reason reaches the client ----
[ "$(post /v1/exec '{"argv":["cat","x"],"cwd":"/nonexist"}')" = 503 ] &&
    grep -q '"code":"sandbox_refused"' "$T/body" &&
    grep -q 'sandbox refused: chdir /nonexist: No such file' "$T/body"
ok $? "a working directory that is not there: 503 sandbox_refused ($(cat "$T/body"))"
c -N -d '{"argv":["cat","x"],"cwd":"/nonexist"}' 'http://x/v1/exec?stream=1' >"$T/sse"
grep -q '^event: error' "$T/sse" && grep '^data: ' "$T/sse" | tail -n 1 |
    grep -q '"code":"sandbox_refused".*"status":503' && ! grep -q '^event: result' "$T/sse"
ok $? "...streamed: the last event is the error"
ctl exec -C /nonexist -- cat x >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'chdir /nonexist' "$T/err"
ok $? "harnessctl exec -C /nonexist: the reason printed, exit 1 (rc $rc: $(cat "$T/err"))"
# ---- what a request may hold: refused with the reason, as 4xx ----
[ "$(post /v1/exec '{"argv":["echo"],"env":{"1V":"x"}}')" = 400 ] &&
    grep -q '"code":"bad_request"' "$T/body"
ok $? "an env name sandboxd would refuse: 400, not 503 ($(cat "$T/body"))"
[ "$(post /v1/exec '{"argv":["echo"],"session":""}')" = 400 ]
ok $? "an empty session: 400 ($(cat "$T/body"))"
s118=$(printf 's%.0s' $(seq 118))
[ "$(post /v1/exec "{\"argv\":[\"true\"],\"session\":\"$s118\"}")" = 200 ] &&
    [ "$(post /v1/exec "{\"argv\":[\"true\"],\"session\":\"${s118}s\"}")" = 400 ] &&
    grep -q 'session: 1 to 118' "$T/body"
ok $? "a session of 118 bytes runs, 119 is refused ($(cat "$T/body"))"
# Arguments larger than one message reach hitld in a memfd.
python3 -c 'import json; print(json.dumps({"arguments": {"path": "big.txt", "content": "a" * 300000 + "\n"}, "session": "big"}))' >"$T/big.json"
[ "$(post /v1/tools/write_file/call @"$T/big.json")" = 200 ] &&
    [ "$(ctl tool call -o -s big read_file '{"path":"big.txt"}' | wc -c)" = 300001 ]
ok $? "write_file of 300 KB: classified, run and written whole ($(head -c 300 "$T/body"))"
python3 -c 'import json; print(json.dumps({"arguments": {"path": "big.txt", "content": "a" * 1100000}, "session": "big"}))' >"$T/big.json"
[ "$(post /v1/tools/write_file/call @"$T/big.json")" = 413 ]
ok $? "arguments past max request size: 413 ($(head -c 300 "$T/body"))"
python3 -c 'import json; print(json.dumps({"argv": ["printf", "%.0s.", "e" * 30000, "f" * 30000]}))' >"$T/big.json"
[ "$(post /v1/exec @"$T/big.json")" = 200 ] &&
    grep -q '"stdout":".."' "$T/body"
ok $? "exec: 60 KB of argv, more than a message, classified and run ($(tail -c 200 "$T/body"))"
python3 -c 'import json; print(json.dumps({"argv": ["echo", "e" * 131072]}))' >"$T/big.json"
[ "$(post /v1/exec @"$T/big.json")" = 400 ] &&
    grep -q 'argv\[1\]: .*shorter than 131072 bytes' "$T/body"
ok $? "an exec word of 131072 bytes: 400 naming the limit ($(head -c 200 "$T/body"))"
# A command line too long for one argv word runs as sh's script file.
python3 -c 'import json; print(json.dumps({"arguments": {"command": "printf %s " + "a" * 4087 + " && printf :sh"}, "session": "big"}))' >"$T/big.json"
[ "$(post /v1/tools/shell/call @"$T/big.json")" = 200 ] &&
    grep -q '"exit_code":0' "$T/body" && grep -q 'aaaa:sh"' "$T/body"
ok $? "a shell command of 4095 bytes runs ($(tail -c 200 "$T/body"))"
python3 -c 'import json; print(json.dumps({"arguments": {"command": "printf %s " + "a" * 4088 + " && printf :"}, "session": "big"}))' >"$T/big.json"
[ "$(post /v1/tools/shell/call @"$T/big.json")" = 200 ] &&
    grep -q '"exit_code":0' "$T/body" && grep -q 'aaaa:"' "$T/body"
ok $? "a shell command of 4096 bytes runs ($(tail -c 200 "$T/body"))"
python3 -c 'import json; print(json.dumps({"arguments": {"command": "cat > big2.txt <<'"'"'EOF'"'"'\n" + ("x" * 79 + "\n") * 750 + "EOF\nprintf %s \"$(wc -c < big2.txt)\""}, "session": "big"}))' >"$T/big.json"
[ "$(post /v1/tools/shell/call @"$T/big.json")" = 200 ] &&
    grep -q '"exit_code":0' "$T/body" && grep -q '"stdout":"60000"' "$T/body" &&
    [ "$(ctl tool call -o -s big read_file '{"path":"big2.txt"}' | wc -c)" = 60000 ]
ok $? "a 60 KB heredoc in one shell command: classified, run, the file written whole ($(tail -c 300 "$T/body"))"
python3 -c 'import json; print(json.dumps({"arguments": {"command": "printf " + "b" * 1100000}, "session": "big"}))' >"$T/big.json"
[ "$(post /v1/tools/shell/call @"$T/big.json")" = 413 ]
ok $? "a shell command past max request size: 413 ($(head -c 300 "$T/body"))"
ctl tool call shell '{"command":"true"} junk' >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q 'not valid JSON: trailing data at byte 19' "$T/err"
ok $? "harnessctl tool call: text after the JSON is refused, exit 64 (rc $rc: $(cat "$T/err"))"
ctl tool call shell notjson >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q 'not valid JSON: .* at byte 0' "$T/err"
ok $? "harnessctl tool call NAME notjson: a usage error, exit 64 (rc $rc: $(cat "$T/err"))"
ctl tool call shell '["true"]' >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q 'the arguments must be a JSON object' "$T/err"
ok $? "harnessctl tool call NAME [...]: not an object, exit 64 (rc $rc: $(cat "$T/err"))"
timeout 60 "$BIN/harnessctl" -f "$conf" tool call shell '{"nope":1}' \
    >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && [ -s "$T/err" ]
ok $? "harnessctl tool call: arguments that do not fit the schema are harnessd's refusal, exit 1 (rc $rc: $(cat "$T/err"))"
ctl sandbox run -T no-such-tool -- true >/dev/null 2>"$T/err"
grep -q 'tool no-such-tool is not in .*: it runs with no secrets' "$T/err"
ok $? "harnessctl sandbox run -T unknown: warns ($(cat "$T/err"))"
ctl exec -- echo "$(printf 'a\377b')" >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q 'argument 2 is not UTF-8 text' "$T/err"
ok $? "harnessctl exec: an argument that is not UTF-8 is named, exit 64 (rc $rc: $(cat "$T/err"))"
printf 'a\377' | ctl exec -i -- cat >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q 'standard input is not UTF-8' "$T/err"
ok $? "harnessctl exec -i: standard input that is not UTF-8, exit 64 (rc $rc)"
head -c 3000000 /dev/zero | tr '\0' a | ctl exec -i -- wc -c >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q 'body too large: more than max request size, [0-9]* bytes' "$T/err"
ok $? "harnessctl exec -i past max request size: the server's 413 reason, not a closed connection ($(cat "$T/err"))"
ctl approve "$(printf '9%.0s' $(seq 200))" allow >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q 'request id 9\{32\}\.\.\.: too large' "$T/err" &&
    [ "$(wc -c <"$T/err")" -lt 120 ]
ok $? "harnessctl approve with a huge id: 32 bytes of it echoed, exit 64 ($(cat "$T/err"))"
[ "$(post /v1/tools '{"name":"shell","description":"x","command":["true"]}')" = 409 ] &&
    grep -q 'a tool named \\"shell\\" exists already, built in' "$T/body"
ok $? "registering a built-in tool's name: 409 says it is built in ($(cat "$T/body"))"
[ "$(post /v1/tools '{"name":"dyn409","description":"x","command":["true"]}')" = 201 ] &&
    [ "$(post /v1/tools '{"name":"dyn409","description":"x","command":["true"]}')" = 409 ] &&
    grep -q 'DELETE /v1/tools/dyn409 (or harnessctl tool rm dyn409) first' "$T/body"
ok $? "registering a registered tool's name again: 409 says how to remove it ($(cat "$T/body"))"
code -X DELETE http://x/v1/tools/dyn409 >/dev/null
ctl exec -Z -- true >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q "^harnessctl exec: invalid option -- 'Z'" "$T/err"
ok $? "harnessctl exec -Z: getopt's message names the command ($(head -1 "$T/err"))"
# A malformed option value is a usage error too, before anything is sent.
for a in "-n bogus" "-s ../x" "-s .x" "-s $(printf 's%.0s' $(seq 119))" \
    "-C rel" "-C /work/../etc" "-e 1X=y" "-e A-B=y"; do
	ctl exec $a -- true >/dev/null 2>"$T/err"
	rc=$?
	[ $rc -eq 64 ] && grep -q "^harnessctl: ${a%% *}[ :]" "$T/err"
	ok $? "harnessctl exec $(echo "$a" | cut -c1-16): exit 64 (rc $rc: $(cat "$T/err"))"
done
ctl tool call -s ../x shell '{"command":"true"}' >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q '^harnessctl: -s: a session is 1 to 118' "$T/err"
ok $? "harnessctl tool call -s ../x: exit 64 (rc $rc: $(cat "$T/err"))"
[ "$(timeout 60 "$BIN/harnessctl" -f "$conf" exec -q -n none \
    -s "$(printf 's%.0s' $(seq 118))" -C /work -e A_1=x -- python3 -c \
    'import os; print(os.environ["A_1"], os.getcwd())' 2>"$T/err")" = "x /work" ]
ok $? "harnessctl exec with good -n, -s, -C and -e values runs ($(cat "$T/err"))"
ctl hitl classify shell -Z >/dev/null 2>"$T/err"
grep -q "^harnessctl hitl classify: invalid option -- 'Z'" "$T/err"
ok $? "harnessctl hitl classify TOOL -Z: named by the command, not the tool ($(head -1 "$T/err"))"
ctl vault frob >/dev/null 2>"$T/err"
rc=$?
[ $rc -eq 64 ] && grep -q '^usage: harnessctl vault init|unseal' "$T/err"
ok $? "harnessctl vault with an unknown word: the vault usage, exit 64"
"$BIN/harnessctl" 2>&1 | grep -q '^    hitl end-session session$' &&
    "$BIN/harnessctl" 2>&1 | grep -q '^    exec .*\[-n network\]'
ok $? "harnessctl's usage lists hitl end-session and exec -n"
ctl hitl classify shell -e NOEQUALS -c true >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "harnessctl hitl classify -e without '=': exit 64"

# ---- HEAD and percent-escapes in the path ----
# the reply ends at the blank line: whatever follows it is a body
headonly() {
	raw send HEAD "$1" "" 1.1 "Connection: close|" >"$T/head"
	python3 - "$T/head" <<'PYEOF'
import sys
d = open(sys.argv[1], "rb").read()
h, _, rest = d.partition(b"\r\n\r\n")
ok = h.startswith(b"HTTP/1.1 200 ") and rest.strip() == b"--closed--" and \
    any(l.startswith(b"Content-Length: ") and l != b"Content-Length: 0"
        for l in h.split(b"\r\n"))
sys.exit(0 if ok else 1)
PYEOF
}
headonly /v1/tools
ok $? "HEAD /v1/tools: 200, the length GET would have, no body"
headonly /v1/tools/shell
ok $? "HEAD /v1/tools/shell: 200, no body"
headonly /metrics
ok $? "HEAD /metrics: 200, no body ($(head -c 300 "$T/head"))"
[ "$(code http://x/v1/tools/%73hell)" = 200 ] &&
    grep -q '"name":"shell"' "$T/body"
ok $? "GET /v1/tools/%73hell is the route of shell"
[ "$(code http://x/v1/%74ools)" = 200 ] && grep -q '"tools"' "$T/body"
ok $? "GET /v1/%74ools is /v1/tools"
for p in 'a%2Fb' 'a%00b' 'a%0Ab' '%FF' '%2E%2E' 'a%7Fb'; do
	[ "$(code "http://x/v1/tools/$p")" = 400 ] &&
	    grep -q '"code":"bad_request"' "$T/body" &&
	    grep -q 'path' "$T/body" || { echo "# $p: $(cat "$T/body")"; false; }
	ok $? "GET /v1/tools/$p: 400, the path's escape refused"
done
ws_py() {
	python3 "$T/ws.py" "$sock" "{\"id\":1,\"path\":\"$1\"}"
}
ws_py /v1/tools/%73hell >"$T/ws" 2>&1
grep -q '"name":"shell"' "$T/ws"
ok $? "WebSocket: path /v1/tools/%73hell is shell ($(head -c 200 "$T/ws"))"
ws_py /v1/%77s >"$T/ws" 2>&1
grep -q '"bad_request"' "$T/ws"
ok $? "WebSocket: /v1/%77s is /v1/ws, refused ($(head -c 200 "$T/ws"))"

if ctl vault init -k "$T/vault.key" >/dev/null 2>&1 &&
    printf 'abc\0def' | ctl vault put NULSEC >/dev/null &&
    head -c 1048576 /dev/zero | tr '\0' a | ctl vault put BIGSEC >/dev/null; then
	[ "$(post /v1/tools/nulenv/call '{}')" = 503 ] &&
	    grep -q '"code":"vault"' "$T/body" &&
	    grep -q 'secret NULSEC holds a NUL byte' "$T/body"
	ok $? "a secret with a NUL byte as a variable: 503 vault ($(cat "$T/body"))"
	[ "$(post /v1/tools/bigenv/call '{}')" = 503 ] &&
	    grep -q '"code":"vault"' "$T/body" &&
	    grep -q 'secret BIGSEC: 1048576 bytes, more than an environment variable may hold' "$T/body"
	ok $? "a secret too long for a variable: 503 vault ($(cat "$T/body"))"
	ctl tool call nulenv '{}' >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] && grep -q 'NUL byte' "$T/err"
	ok $? "harnessctl tool call: the reason printed, exit 1 (rc $rc)"
else
	ok 1 "vault init and put"
fi

t_exit
