#!/bin/sh
# bench/gateway.sh: the agent API under load.  auditd, hitld, sandboxd
# (pool 4) and harnessd under a temporary root, then
#   gateway_health: GET /v1/health req/s and p50/p99 with 1 and 64
#                   keep-alive connections (BENCH_SECONDS per figure);
#   exec_latency:   POST /v1/exec of /bin/true under an allow rule
#                   against sandboxd's direct spawn, interleaved, and the
#                   overhead of gateway + engine + hitld + audit
#                   (BENCH_RUNS runs, default 200).
# Needs root.  BIN is the build's bin directory (bench/run sets it).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$TOP/obj/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
B=$(dirname "$BIN")/bench

if [ "$(id -u)" -ne 0 ]; then
	echo "gateway: SKIPPED (needs root)"
	exit 0
fi
for p in gateway_health exec_latency; do
	[ -x "$B/$p" ] || { echo "gateway: SKIPPED ($B/$p not built)"; exit 0; }
done
. "$TOP/regress/lib.sh"
suite_setup
suite_cgroup || { echo "gateway: cannot write the test config"; exit 1; }
# The rate limit is not what we measure; /bin/true is allowed outright
# (the sample's "harmless" rule says so too; this does not depend on it).
cat >>"$conf" <<'EOF'
harnessd {
	rate 1000000 burst 1000000
}
rule "bench-true" {
	tool { "exec" }
	command { "/bin/true" "true" }
	risk low
}
EOF

suite_start auditd hitld sandboxd harnessd || exit 1

echo "shared machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "figures vary with what else runs"
# Both sides wait for the fsync of sandboxd's sandbox.start record; the
# engine's tool.call record is committed after its reply, off the path.
echo "state (audit log) on $(df -PT "$T" | awk 'NR == 2 { print $2 }')" \
    "under ${TMPDIR:-/tmp}; TMPDIR=/dev/shm measures without the disk"
rc=0
"$B/gateway_health" "$T/run/agent.sock" || rc=1
"$B/exec_latency" "$T/run/agent.sock" "$T/run/sandboxd.sock" || rc=1
if [ $rc -ne 0 ]; then
	for d in harnessd sandboxd hitld auditd; do
		echo "--- $d.log (last lines)"
		tail -n 5 "$T/$d.log"
	done
fi
exit $rc
