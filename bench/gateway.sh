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
"$TOP/scripts/users" >/dev/null || exit 1

T=$(mktemp -d "${TMPDIR:-/tmp}/harness-bench.XXXXXX")
chmod 755 "$T"
conf=$T/harness.conf
# a cgroup of our own: sandboxd empties its cgroup at start
CG=harness-bench-$$

stop_all() {
	for d in harnessd sandboxd hitld auditd; do
		[ -f "$T/$d.pid" ] || continue
		p=$(cat "$T/$d.pid")
		kill -TERM "$p" 2>/dev/null
		n=0
		while kill -0 "$p" 2>/dev/null && [ $n -lt 200 ]; do
			sleep 0.05
			n=$((n + 1))
		done
	done
}
trap 'stop_all; rm -rf "$T"; rmdir /sys/fs/cgroup/*/"$CG" \
    /sys/fs/cgroup/"$CG" 2>/dev/null' EXIT

sed -e "s|/run/harness|$T/run|g" -e "s|/var/lib/harness|$T/state|g" \
    -e "s/^\([[:space:]]*\)sandbox user .*/&\\
\1cgroup \"$CG\"/" "$TOP/etc/harness.conf.sample" >"$conf"
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

start() {
	: >"$T/$1.log"
	"$BIN/$1" -d -f "$conf" -p "$T/$1.pid" >>"$T/$1.log" 2>&1 &
	n=0
	while ! grep -q "ready:" "$T/$1.log"; do
		n=$((n + 1))
		if [ $n -gt 300 ]; then
			echo "$1 did not start:"
			cat "$T/$1.log"
			exit 1
		fi
		sleep 0.05
	done
}
start auditd
start hitld
start sandboxd
start harnessd

echo "shared machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "figures vary with what else runs"
# Acked audit records wait for auditd's fsync: the disk is in the figure.
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
