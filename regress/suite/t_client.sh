# The C client of lib/harness.h (harness_http_*) against the whole
# suite: auditd, hitld, sandboxd and harnessd under a temporary root.
# regress/client/hclient does the requests and prints TAP lines, which
# pass through to regress/run as they are.
. "$TOP/regress/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	skip "client" "needs root (namespaces, cgroups, uid maps)"
	exit 0
fi
HC=$BUILD/regress/client/hclient
[ -x "$HC" ] || { ok 1 "$HC is built"; t_exit; }
needs "client" python3

suite_setup
# A cgroup of our own (another sandboxd may be using "harness").
suite_cgroup || { ok 1 "test config"; t_exit; }

token=client-token-$$
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
cat >>"$conf" <<EOF
harnessd {
	key "client" {
		hash "sha256:$hash"
		tools { "shell" }
		rate 1000
		burst 1000
	}
	rate 1000 burst 1000
}
rule "client-true" {
	tool { "exec" }
	command { "/bin/true" "true" }
	risk low
}
rule "client-denied" {
	command { "false" }
	risk critical
}
EOF
suite_start auditd hitld sandboxd harnessd || { ok 1 "daemons start"; t_exit; }

# suite_setup turned leak checks off for the daemons; not for the client.
ASAN_OPTIONS="detect_leaks=1:abort_on_error=0" \
    "$HC" "$T/run/agent.sock" "$token" >"$T/hclient.out" 2>&1
rc=$?
cat "$T/hclient.out"
grep -q '^ok ' "$T/hclient.out"
ok $? "hclient printed results"
ok $rc "hclient exits 0 (status $rc)"

pid=$(cat "$T/harnessd.pid")
kill -0 "$pid"
ok $? "harnessd still up"
t_exit
