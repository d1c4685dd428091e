# harnessd's gateway, second part: JWT authentication with the key from
# vaultd (the "@jwt" grant), WebSocket requests at /v1/ws, and the
# engine counters and latency histograms in /metrics.
. "$TOP/regress/lib.sh"

needs "gwext" root curl python3
VF=$BUILD/regress/vault/vfetch

suite_setup
port=$(free_port)
token=test-token-$$
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
cat >>"$conf" <<EOF
harnessd {
	listen on 127.0.0.1 port $port
	key "ci" {
		hash "sha256:$hash"
		rate 1000
		burst 1000
	}
	jwt secret "JWTKEY" audience "harness" issuer "test-idp"
	rate 1000 burst 1000
	timeout 2s
	max request size 4K
}
EOF
sock=$T/run/agent.sock
PASS="correct horse battery staple"
JWTKEY="jwt-hmac-key-$$-0123456789abcdef"
suite_start auditd vaultd harnessd || { ok 1 "daemons start"; t_exit; }

WS=$T/ws.py
cat >"$WS" <<'EOF'
import base64, hashlib, hmac, json, os, socket, struct, sys, time

def jwt(key, claims, alg="HS256"):
    def b(x):
        return base64.urlsafe_b64encode(x).rstrip(b"=")
    s = b(json.dumps({"alg": alg, "typ": "JWT"}).encode()) + b"." + \
        b(json.dumps(claims).encode())
    return (s + b"." + b(hmac.new(key, s, hashlib.sha256).digest())).decode()

def connect(target):
    if target.startswith("/"):
        s = socket.socket(socket.AF_UNIX)
        s.connect(target)
    else:
        h, p = target.rsplit(":", 1)
        s = socket.create_connection((h, int(p)))
    s.settimeout(10)
    return s

def handshake(s, auth=None):
    key = base64.b64encode(os.urandom(16)).decode()
    req = ("GET /v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
           "Sec-WebSocket-Version: 13\r\n" % key)
    if auth:
        req += "Authorization: Bearer %s\r\n" % auth
    s.sendall((req + "\r\n").encode())
    buf = b""
    while b"\r\n\r\n" not in buf:
        d = s.recv(4096)
        if not d:
            break
        buf += d
    head, _, rest = buf.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1]) if head else 0
    want = base64.b64encode(hashlib.sha1((key +
        "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
    if status == 101 and want not in head:
        status = -1
    return status, rest

def frame(op, data, fin=True, mask=True, length=None):
    if isinstance(data, str):
        data = data.encode()
    n = len(data) if length is None else length
    h = bytes([(0x80 if fin else 0) | op])
    m = 0x80 if mask else 0
    if n < 126:
        h += bytes([m | n])
    elif n < 65536:
        h += bytes([m | 126]) + struct.pack(">H", n)
    else:
        h += bytes([m | 127]) + struct.pack(">Q", n)
    if not mask:
        return h + data
    k = os.urandom(4)
    return h + k + bytes(b ^ k[i % 4] for i, b in enumerate(data))

class Reader:
    def __init__(self, s, rest):
        self.s, self.buf = s, rest
    def need(self, n):
        while len(self.buf) < n:
            d = self.s.recv(65536)
            if not d:
                raise EOFError
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n:]
        return out
    def frame(self):
        b0, b1 = self.need(2)
        n = b1 & 0x7f
        if n == 126:
            n = struct.unpack(">H", self.need(2))[0]
        elif n == 127:
            n = struct.unpack(">Q", self.need(8))[0]
        if b1 & 0x80:
            raise ValueError("server frame masked")
        return b0 & 0x0f, self.need(n)
    def json(self):
        while True:
            op, d = self.frame()
            if op == 1:
                return json.loads(d)
            if op == 8:
                return {"close": struct.unpack(">H", d[:2])[0] if d else 1005}
    def until_end(self, rid):
        frames = []
        while True:
            j = self.json()
            frames.append(j)
            if "close" in j or (j.get("id") == rid and
                                (j.get("event") == "end" or "error" in j)):
                return frames

def close_code(r):
    try:
        while True:
            op, d = r.frame()
            if op == 8:
                return struct.unpack(">H", d[:2])[0] if d else 1005
    except (EOFError, socket.timeout, ConnectionError):
        return "eof"

def main():
    target, mode = sys.argv[1], sys.argv[2]
    auth = os.environ.get("WS_AUTH")
    if mode == "jwt":
        print(jwt(sys.argv[3].encode(), json.loads(sys.argv[4]),
                  sys.argv[5] if len(sys.argv) > 5 else "HS256"))
        return
    s = connect(target)
    st, rest = handshake(s, auth)
    if mode == "handshake" or st != 101:
        print("status", st)
        return
    r = Reader(s, rest)
    if mode == "tools":
        s.sendall(frame(1, json.dumps({"id": 7, "method": "GET",
                                       "path": "/v1/tools"})))
        fr = r.until_end(7)
        rep = [f for f in fr if f.get("event") == "reply"]
        names = [t.get("name") for t in rep[0]["data"].get("tools", [])] \
            if rep and isinstance(rep[0].get("data"), dict) else []
        print("reply", rep[0]["status"] if rep else None,
              "shell" if "shell" in names else "noshell",
              "end" if fr[-1].get("event") == "end" else "noend")
    elif mode == "tool":
        s.sendall(frame(1, json.dumps({"id": "t", "tool": "shell",
            "arguments": {"command": "true"}, "session": "s1"})))
        fr = r.until_end("t")
        rep = [f for f in fr if f.get("event") == "reply"]
        ok = fr[-1].get("event") == "end" and (rep or len(fr) > 1)
        print("tool", "ok" if ok else "bad", json.dumps(fr)[:300])
    elif mode == "busy":
        q = json.dumps({"id": 1, "method": "GET", "path": "/v1/tools"})
        q2 = json.dumps({"id": 2, "method": "GET", "path": "/v1/tools"})
        s.sendall(frame(1, q) + frame(1, q2))
        got = []
        while True:
            j = r.json()
            got.append(j)
            if j.get("id") == 1 and j.get("event") == "end":
                break
        busy = [j for j in got if j.get("id") == 2 and
                j.get("error", {}).get("code") == "busy"]
        print("busy", "yes" if busy else "no")
    elif mode == "badjson":
        s.sendall(frame(1, "this is not json"))
        j = r.json()
        e = j.get("error", {}).get("code")
        s.sendall(frame(1, json.dumps({"id": 3, "path": "/v1/ws"})))
        j2 = r.json()
        s.sendall(frame(1, json.dumps({"id": 4, "path": "/v1/health"})))
        fr = r.until_end(4)
        print("badjson", e, j2.get("error", {}).get("code"),
              "then", fr[-1].get("event"))
    elif mode == "ping":
        s.sendall(frame(9, "hello"))
        op, d = r.frame()
        print("pong" if op == 10 and d == b"hello" else "nopong")
    elif mode == "fragments":
        q = json.dumps({"id": 5, "method": "GET", "path": "/v1/tools"})
        s.sendall(frame(1, q[:10], fin=False) + frame(9, "p") +
                  frame(0, q[10:]))
        op, d = r.frame()
        fr = r.until_end(5)
        print("fragments", "pong" if op == 10 else "nopong",
              fr[-1].get("event"))
    elif mode == "close":
        s.sendall(frame(8, struct.pack(">H", 1000) + b"bye"))
        print("close", close_code(r))
    elif mode == "unmasked":
        s.sendall(frame(1, '{"id":1}', mask=False))
        print("close", close_code(r))
    elif mode == "oversized":
        s.sendall(frame(1, b"", length=1 << 20)[:14])
        print("close", close_code(r))
    elif mode == "utf8":
        s.sendall(frame(1, b'{"id":"\xff\xfe"}'))
        print("close", close_code(r))
    elif mode == "binary":
        s.sendall(frame(2, b"\x00\x01"))
        print("close", close_code(r))
    elif mode == "leave":
        # A request, then gone without waiting.
        s.sendall(frame(1, json.dumps({"id": 9, "method": "GET",
                                       "path": "/v1/tools"})))
        s.close()
        print("left")

main()
EOF

now=$(date +%s)
mk() { python3 "$WS" - jwt "$1" "$2" ${3:-}; }
good=$(mk "$JWTKEY" "{\"sub\":\"alice\",\"exp\":$((now + 600)),\"aud\":\"harness\",\"iss\":\"test-idp\"}")
expired=$(mk "$JWTKEY" "{\"sub\":\"alice\",\"exp\":$((now - 120)),\"aud\":\"harness\",\"iss\":\"test-idp\"}")
badsig=$(mk "wrong-key" "{\"sub\":\"alice\",\"exp\":$((now + 600)),\"aud\":\"harness\",\"iss\":\"test-idp\"}")
badaud=$(mk "$JWTKEY" "{\"sub\":\"alice\",\"exp\":$((now + 600)),\"aud\":[\"x\",\"other\"],\"iss\":\"test-idp\"}")
arraud=$(mk "$JWTKEY" "{\"sub\":\"bob\",\"exp\":$((now + 600)),\"aud\":[\"x\",\"harness\"],\"iss\":\"test-idp\"}")
hs512=$(mk "$JWTKEY" "{\"sub\":\"alice\",\"exp\":$((now + 600)),\"aud\":\"harness\",\"iss\":\"test-idp\"}" HS512)

code() { curl -s -o "$T/body" -w '%{http_code}' --unix-socket "$sock" "$@"; }
tcode() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
J() { echo "Authorization: Bearer $1"; }

# ---- the vault is sealed (never initialised, then sealed) ----
[ "$(code -H "$(J "$good")" http://x/v1/tools)" = 503 ] &&
    grep -q '"vault is sealed"' "$T/body"
ok $? "JWT while the vault is sealed: 503 'vault is sealed'"
[ "$(code -H "Authorization: Bearer $token" http://x/v1/tools)" = 200 ]
ok $? "API key works while the vault is sealed"
[ "$(code http://x/v1/tools)" = 200 ]
ok $? "peer credentials work while the vault is sealed"

echo "$PASS" | ctl vault init >/dev/null &&
    printf '%s' "$JWTKEY" | ctl vault put JWTKEY >/dev/null &&
    printf 'other' | ctl vault put OTHER >/dev/null &&
    ctl vault seal >/dev/null
ok $? "vault initialised with the JWT key, then sealed"
[ "$(code -H "$(J "$good")" http://x/v1/tools)" = 503 ] &&
    grep -q 'vault is sealed' "$T/body"
ok $? "sealed again: JWT still 503"
# An unsigned token, as sent: header.claims. with an empty signature.
b64u() { base64 | tr '+/' '-_' | tr -d '=\n'; }
unsigned=$(printf '%s.%s.' "$(printf '{"alg":"none","typ":"JWT"}' | b64u)" \
    "$(printf '{"sub":"a","exp":%s}' $((now + 600)) | b64u)")
[ "$(code -H "$(J "$unsigned")" http://x/v1/tools)" = 401 ] &&
    grep -q '"code":"unauthorized".*token algorithm none not accepted (only HS256)' "$T/body"
ok $? "alg none while sealed: 401 for its algorithm, no key needed ($(cat "$T/body"))"
echo "$PASS" | ctl vault unseal >/dev/null
ok $? "vault unsealed"

# ---- JWTs, Unix socket and TCP ----
[ "$(code -H "$(J "$good")" http://x/v1/tools)" = 200 ] &&
    grep -q '"name":"shell"' "$T/body"
ok $? "valid JWT on agent.sock: 200 (key fetched after the unseal)"
[ "$(tcode -H "$(J "$good")" http://127.0.0.1:$port/v1/tools)" = 200 ]
ok $? "valid JWT over TCP: 200"
[ "$(tcode -H "$(J "$arraud")" http://127.0.0.1:$port/v1/tools)" = 200 ]
ok $? "aud as an array containing ours: 200"
[ "$(tcode -H "$(J "$expired")" http://127.0.0.1:$port/v1/tools)" = 401 ] &&
    grep -q 'token expired' "$T/body"
ok $? "expired JWT: 401 saying expired"
[ "$(code -H "$(J "$badsig")" http://x/v1/tools)" = 401 ] &&
    grep -q 'bad signature' "$T/body"
ok $? "JWT signed with another key: 401 bad signature"
[ "$(tcode -H "$(J "$badaud")" http://127.0.0.1:$port/v1/tools)" = 401 ] &&
    grep -q 'audience' "$T/body"
ok $? "wrong audience: 401"
[ "$(code -H "$(J "$hs512")" http://x/v1/tools)" = 401 ] &&
    grep -q 'only HS256' "$T/body"
ok $? "alg HS512: 401"
none=$(printf '%s.%s.x' "$(printf '{"alg":"none"}' | base64 | tr '+/' '-_' | tr -d '=\n')" \
    "$(printf '{"sub":"a","exp":%s}' $((now + 600)) | base64 | tr '+/' '-_' | tr -d '=\n')")
[ "$(code -H "$(J "$none")" http://x/v1/tools)" = 401 ] &&
    grep -q 'token algorithm none not accepted' "$T/body"
ok $? "alg none: 401 ($(cat "$T/body"))"
[ "$(tcode -H "$(J "$unsigned")" http://127.0.0.1:$port/v1/tools)" = 401 ] &&
    grep -q '"code":"unauthorized","message":"invalid JWT (bad_algorithm): token algorithm none not accepted (only HS256)"' "$T/body"
ok $? "alg none with an empty signature: 401 saying the algorithm is not accepted, not 'invalid API key' ($(cat "$T/body"))"
nosig=$(printf '%s.' "${good%.*}")
[ "$(code -H "$(J "$nosig")" http://x/v1/tools)" = 401 ] &&
    grep -q 'invalid JWT (bad_signature): token has no signature' "$T/body"
ok $? "HS256 without its signature: 401 no signature ($(cat "$T/body"))"
[ "$(code -H "$(J "$(printf 'bm90IGpzb24.%s' "${good#*.}")")" http://x/v1/tools)" = 401 ] &&
    grep -q 'invalid JWT (malformed): malformed token header (not a JSON object)' "$T/body"
ok $? "a header that is not JSON: 401 malformed ($(cat "$T/body"))"
[ "$(code -H "$(J "$expired")" http://x/v1/tools)" = 401 ] &&
    grep -q 'invalid JWT (expired): token expired' "$T/body" &&
    [ "$(code -H "$(J "$badsig")" http://x/v1/tools)" = 401 ] &&
    grep -q 'invalid JWT (bad_signature): bad signature' "$T/body"
ok $? "expired and badly signed tokens: each reason named with its code"
n=0
while [ $n -lt 40 ]; do
	ctl audit show -t gateway.auth.fail 2>/dev/null | grep -q "token expired" && break
	sleep 0.1
	n=$((n + 1))
done
ctl audit show -t gateway.auth.fail | grep -q "token expired"
ok $? "JWT refusal is an audit record"
grep -q "audit: vault deliver tool=@jwt session=gateway secret=JWTKEY result=delivered" "$T/vaultd.log"
ok $? "vaultd audits the delivery of the JWT key"
if [ -x "$VF" ]; then
	out=$("$VF" "$conf" @jwt gateway OTHER)
	echo "$out" | grep -q "^OTHER: refused.*not granted"
	ok $? "@jwt may not fetch another secret ($out)"
	out=$("$VF" "$conf" @jwt gateway JWTKEY)
	echo "$out" | grep -q "^JWTKEY: delivered"
	ok $? "@jwt fetches exactly the jwt secret"
else
	skip "@jwt grant" "vfetch not built"
fi
grep -q "$JWTKEY" "$T"/*.log
[ $? -ne 0 ]
ok $? "the JWT key is in no log"

# ---- WebSocket ----
out=$(python3 "$WS" "$sock" tools)
[ "$out" = "reply 200 shell end" ]
ok $? "WebSocket on agent.sock: GET /v1/tools as method/path ($out)"
out=$(WS_AUTH=$good python3 "$WS" 127.0.0.1:$port tools)
[ "$out" = "reply 200 shell end" ]
ok $? "WebSocket over TCP with a JWT ($out)"
out=$(python3 "$WS" 127.0.0.1:$port handshake)
[ "$out" = "status 401" ]
ok $? "WebSocket over TCP without credentials: 401 ($out)"
out=$(python3 "$WS" "$sock" tool)
echo "$out" | grep -q "^tool ok"
ok $? "tool form reaches the engine and ends ($(echo "$out" | cut -c1-120))"
out=$(python3 "$WS" "$sock" busy)
[ "$out" = "busy yes" ]
ok $? "a second request while one is in flight: busy error frame"
out=$(python3 "$WS" "$sock" badjson)
[ "$out" = "badjson bad_request bad_request then end" ]
ok $? "bad JSON and path /v1/ws: error frames, connection stays ($out)"
out=$(python3 "$WS" "$sock" ping)
[ "$out" = pong ]
ok $? "ping answered by pong"
out=$(python3 "$WS" "$sock" fragments)
[ "$out" = "fragments pong end" ]
ok $? "fragmented message with a ping between the fragments ($out)"
out=$(python3 "$WS" "$sock" close)
[ "$out" = "close 1000" ]
ok $? "close handshake echoes 1000 ($out)"
out=$(python3 "$WS" "$sock" unmasked)
[ "$out" = "close 1002" ]
ok $? "unmasked client frame: close 1002 ($out)"
out=$(python3 "$WS" "$sock" oversized)
[ "$out" = "close 1009" ]
ok $? "message over max request size: close 1009 ($out)"
out=$(python3 "$WS" "$sock" utf8)
[ "$out" = "close 1007" ]
ok $? "invalid UTF-8 text: close 1007 ($out)"
out=$(python3 "$WS" "$sock" binary)
[ "$out" = "close 1003" ]
ok $? "binary message: close 1003 ($out)"
python3 "$WS" "$sock" leave >/dev/null
[ "$(code http://x/v1/health)" = 200 ]
ok $? "gateway up after a client left mid-request"

# ---- metrics ----
curl -s --unix-socket "$sock" http://x/metrics >"$T/metrics"
grep -q '^harness_http_requests_total{route="/v1/ws",code="101"} [1-9]' "$T/metrics"
ok $? "/metrics counts WebSocket upgrades"
grep -q '^harness_http_request_duration_seconds_bucket{route="/v1/tools",le="+Inf"} [1-9]' "$T/metrics" &&
    grep -q '^harness_rate_limited_total ' "$T/metrics" &&
    grep -q '^harness_auth_failures_total [1-9]' "$T/metrics"
ok $? "/metrics has latency histograms, rate-limit and auth rejections"
grep -q '^# TYPE harness_sandbox_runs_total counter' "$T/metrics" &&
    grep -q '^# TYPE harness_approvals_total counter' "$T/metrics"
ok $? "/metrics declares sandbox runs and approvals"

# ---- SIGHUP: another JWT key, then the first again ----
# reload harnessd and vaultd (the @jwt grant is vaultd's) and wait for
# both to say so
jwt_reload() {
	sed -i "s/jwt secret \"[A-Z]*\"/jwt secret \"$1\"/" "$conf"
	_h=$(grep -c 'configuration reloaded' "$T/harnessd.log")
	_v=$(grep -c 'configuration reloaded' "$T/vaultd.log")
	kill -HUP "$(cat "$T/harnessd.pid")" "$(cat "$T/vaultd.pid")"
	_n=0
	while [ $_n -lt 100 ]; do
		[ "$(grep -c 'configuration reloaded' "$T/harnessd.log")" -gt "$_h" ] &&
		    [ "$(grep -c 'configuration reloaded' "$T/vaultd.log")" -gt "$_v" ] &&
		    return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}
jwt_reload NOSUCH &&
    [ "$(code -H "$(J "$good")" http://x/v1/tools)" = 503 ] &&
    grep -q 'JWT key unavailable: .*NOSUCH' "$T/body"
ok $? "SIGHUP to a key the vault lacks: 503 with vaultd's reason ($(cat "$T/body"))"
jwt_reload JWTKEY &&
    [ "$(code -H "$(J "$good")" http://x/v1/tools)" = 200 ]
ok $? "SIGHUP back to the key: the valid JWT is 200 again"
jwt_reload OTHER &&
    [ "$(code -H "$(J "$good")" http://x/v1/tools)" = 401 ] &&
    grep -q 'bad signature' "$T/body"
ok $? "SIGHUP to another key: the old key is forgotten (401 bad signature)"

pid=$(cat "$T/harnessd.pid")
kill -0 "$pid"
ok $? "harnessd still up"
t_exit
