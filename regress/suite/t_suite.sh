# The whole suite under a temporary root: every process confined as
# DESIGN.md says (checked from /proc), health over agent.sock, status,
# a daemon going down, a child dying, clean shutdown.
. "$TOP/regress/lib.sh"

needs "suite" root
"$TOP/scripts/users" >/dev/null || { ok 1 "create users"; t_exit; }
needs "suite" curl

T=$(mktemp -d /tmp/harness-suite.XXXXXX)
chmod 755 "$T"
conf=$T/harness.conf
sed -e "s|/run/harness|$T/run|g" -e "s|/var/lib/harness|$T/state|g" \
    "$TOP/etc/harness.conf.sample" >"$conf"
# Daemons are seccomp-confined: LeakSanitizer cannot run inside them.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0"

cleanup() {
	for d in harnessd sandboxd hitld vaultd auditd; do
		[ -f "$T/$d.pid" ] && kill -TERM "$(cat "$T/$d.pid")" 2>/dev/null
	done
	sleep 0.3
	rm -rf "$T"
}
trap cleanup EXIT

for d in auditd vaultd hitld sandboxd harnessd; do
	"$BIN/$d" -d -f "$conf" -p "$T/$d.pid" >"$T/$d.log" 2>&1 &
	if wait_for "$T/$d.log" "ready: [0-9]* processes" 15; then
		ok 0 "$d starts and reports ready"
	else
		ok 1 "$d starts and reports ready"
		sed 's/^/# /' "$T/$d.log"
	fi
done

"$BIN/harnessctl" -f "$conf" status >"$T/status.out" 2>&1
ok $? "harnessctl status exits 0 with every daemon up"
sed 's/^/# /' "$T/status.out"

# expected: title user chroot capeff
expect() {
	cat <<EOT
harnessd root / 0000000000000000
harnessd/gateway _harness $T/run/empty 0000000000000000
harnessd/engine _harness $T/state/engine 0000000000000000
sandboxd root / 0000000000000000
sandboxd/spawner root / 00000000000000e0
sandboxd/listener _sandbox $T/run/sandboxd 0000000000000000
vaultd root / 0000000000000000
vaultd/store _vault $T/state/vault 0000000000000000
auditd root / 0000000000000000
auditd/writer _audit $T/state/audit 0000000000000000
hitld root / 0000000000000000
hitld/queue _hitl $T/run/empty 0000000000000000
EOT
}

expect | while read -r title user chroot capeff; do
	pid=$(awk -v t="$title" '$1 == t { print $2 }' "$T/status.out")
	if [ -z "$pid" ] || [ ! -d "/proc/$pid" ]; then
		ok 1 "$title is running"
		continue
	fi
	st=/proc/$pid/status
	uid=$(awk '/^Uid:/ { print $3 }' "$st")
	want_uid=$(id -u "$user")
	sc=$(awk '/^Seccomp:/ { print $2 }' "$st")
	nnp=$(awk '/^NoNewPrivs:/ { print $2 }' "$st")
	cap=$(awk '/^CapEff:/ { print $2 }' "$st")
	root=$(readlink "/proc/$pid/root")
	[ "$uid" = "$want_uid" ] && [ "$sc" = 2 ] && [ "$nnp" = 1 ] &&
	    [ "$cap" = "$capeff" ] && [ "$root" = "$chroot" ]
	ok $? "$title: user $user, Seccomp 2, NoNewPrivs 1, CapEff $capeff, root $chroot"
	[ "$uid" = "$want_uid" ] || diag "uid $uid, want $want_uid"
	[ "$cap" = "$capeff" ] || diag "CapEff $cap"
	[ "$root" = "$chroot" ] || diag "root $root"
done

out=$(curl -s --unix-socket "$T/run/agent.sock" http://x/v1/health)
echo "$out" | grep -q '"status":"ok"'
ok $? "GET /v1/health over agent.sock answers JSON"
code=$(curl -s -o "$T/err.json" -w '%{http_code}' \
    --unix-socket "$T/run/agent.sock" http://x/nowhere)
[ "$code" = 404 ] && grep -q '"error":{"code":"not_found"' "$T/err.json"
ok $? "unknown route: 404 with a JSON error"

for d in harnessd sandboxd vaultd auditd hitld; do
	out=$("$BIN/$d" -n -f "$conf" 2>&1)
	[ $? -eq 0 ] && [ "$out" = "configuration OK" ]
	ok $? "$d -n: configuration OK"
done
printf 'auditd {\n  nonsense 1\n}\n' >"$T/bad.conf"
out=$("$BIN/auditd" -n -f "$T/bad.conf" 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "bad.conf:2: syntax error"
ok $? "-n on a bad file: exit 1 naming file:line"
printf 'rule "bad" {\n  risk high\n  command { "echo \\"open" }\n}\n' \
    >"$T/badrule.conf"
out=$("$BIN/hitld" -n -f "$T/badrule.conf" 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "badrule.conf:1.*unterminated quote" &&
    echo "$out" | grep -q "configuration failed"
ok $? "-n on a rule that does not compile: exit 1 naming it"

"$BIN/harnessctl" -f "$conf" frobnicate >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "harnessctl: unknown command exits 64"
"$BIN/harnessctl" -f "$conf" >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "harnessctl: no command exits 64"
"$BIN/harnessctl" -f "$conf" status extra >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "harnessctl: wrong arguments exit 64"

# A daemon goes down: status says so and exits 1.
apid=$(cat "$T/auditd.pid")
kill -TERM "$apid"
wait_gone "$apid" 10
ok $? "auditd exits on SIGTERM"
[ ! -e "$T/run/auditd.sock" ]
ok $? "auditd removed its socket"
[ ! -e "$T/auditd.pid" ]
ok $? "auditd removed its pid file"
"$BIN/harnessctl" -f "$conf" status >"$T/status2.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q '^auditd  *down' "$T/status2.out"
ok $? "status shows auditd down and exits 1"

# A child dies: its daemon exits loudly rather than run half-alive.
gpid=$(awk '$1 == "harnessd/gateway" { print $2 }' "$T/status.out")
hpid=$(cat "$T/harnessd.pid")
kill -KILL "$gpid"
wait_gone "$hpid" 10
ok $? "harnessd exits when its gateway dies"
grep -q "lost child" "$T/harnessd.log"
ok $? "harnessd logs the lost child"
[ ! -e "$T/run/agent.sock" ] && [ ! -e "$T/run/harnessd.sock" ]
ok $? "harnessd leaves no stale sockets"

# The rest shut down cleanly.
for d in sandboxd vaultd hitld; do
	p=$(cat "$T/$d.pid")
	kill -TERM "$p"
	wait_gone "$p" 10
	ok $? "$d shuts down on SIGTERM"
done
left=$(find "$T/run" -type s | wc -l)
[ "$left" -eq 0 ]
ok $? "no sockets left behind"
# Every process this test started (from the status table) is gone.
left=0
for pid in $(awk 'NR > 1 && $2 ~ /^[0-9]+$/ { print $2 }' "$T/status.out"); do
	kill -0 "$pid" 2>/dev/null && left=$((left + 1))
done
[ "$left" -eq 0 ]
ok $? "no daemon processes left behind"
grep -l "SIGSYS\|seccomp violation" "$T"/*.log >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "no seccomp violations in the logs"
t_exit
