# The gateway's bounds, with all five daemons: a client that pipelines
# and never reads, answers larger than a buffer, refused requests in
# bulk, request targets the engine cannot take, WebSocket members, the
# Allow of every 405 and the Host field.
. "$TOP/regress/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	skip "gwlimits" "needs root"
	exit 0
fi
command -v curl >/dev/null || { skip "gwlimits" "curl missing"; exit 0; }
command -v python3 >/dev/null || { skip "gwlimits" "python3 missing"; exit 0; }

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
import json, os, select, socket, sys, time

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

def read_all(s):
    out = b""
    try:
        while True:
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
    else:
        sys.exit("gwl.py: unknown mode " + mode)

main()
EOF

# ---- a client that pipelines and never reads ----
out=$(python3 "$GWL" ordered "$sock" "$big")
[ "$out" = "ordered yes 600" ]
ok $? "600 pipelined requests read after they were all sent: every answer, in order ($out)"
gw=$(gateway_pid)
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
diag "flood: $(cat "$T/flood"), $((after - before)) answered, gateway RSS $rss kB, paused $paused"
[ "$paused" -ge 1 ] && [ "$(metric harness_read_pauses_total)" -ge 1 ]
ok $? "a client that pipelines and never reads is not read further (paused $paused)"
[ $((after - before)) -lt 1000 ] && [ "$rss" -lt 65536 ]
ok $? "...so the gateway answers a bounded number of its requests ($((after - before))) and stays small ($rss kB)"
[ "$(code http://x/v1/health)" = 200 ] && [ "$(metric harness_connections_paused)" = 0 ]
ok $? "the gateway serves others; the paused connection is gone when its client went"

t_exit
