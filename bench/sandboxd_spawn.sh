#!/bin/sh
# bench/sandboxd_spawn.sh: spawn-to-exit latency of /bin/true through
# the daemon (`harnessctl sandbox run /bin/true`: connect, request,
# sandbox, output pipes, result), with and without the pool of
# pre-made sandboxes, side by side with bwrap running /bin/true in the
# same run.  p50/p99 over N runs (default 200, BENCH_RUNS overrides).
# Needs root; BIN is the build's bin directory (bench/run sets it).
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$TOP/obj/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
N=${BENCH_RUNS:-200}

if [ "$(id -u)" -ne 0 ]; then
	echo "sandboxd_spawn: SKIPPED (needs root)"
	exit 0
fi
command -v python3 >/dev/null || { echo "sandboxd_spawn: SKIPPED" \
    "(python3 missing)"; exit 0; }
"$TOP/scripts/users" >/dev/null || exit 1

T=$(mktemp -d /tmp/harness-bench.XXXXXX)
chmod 755 "$T"
conf=$T/harness.conf
pid=
# a cgroup of our own: sandboxd empties its cgroup at start
CG=harness-bench-$$

stop() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null
		while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
		pid=
	fi
}
trap 'stop; [ -f "$T/auditd.pid" ] && kill -TERM "$(cat "$T/auditd.pid")"; sleep 0.3; rm -rf "$T"; rmdir /sys/fs/cgroup/*/"$CG" /sys/fs/cgroup/"$CG" \
    2>/dev/null' EXIT

# start POOL: sandboxd under $T with that many pre-made sandboxes
start() {
	sed -e "s|/run/harness|$T/run|g" -e "s|/var/lib/harness|$T/state|g" \
	    -e "s/^\([[:space:]]*\)pool [0-9]*/\1pool $1/" \
	    -e "s/^\([[:space:]]*\)sandbox user .*/&\\
\1cgroup \"$CG\"/" \
	    "$TOP/etc/harness.conf.sample" >"$conf"
	# Every run is audited before it starts: auditd must be up.
	if ! { [ -f "$T/auditd.pid" ] && kill -0 "$(cat "$T/auditd.pid")"; } \
	    2>/dev/null; then
		: >"$T/auditd.log"
		"$BIN/auditd" -d -f "$conf" -p "$T/auditd.pid" \
		    >>"$T/auditd.log" 2>&1 &
		n=0
		while ! grep -q "ready:" "$T/auditd.log"; do
			n=$((n + 1))
			[ $n -gt 300 ] && { cat "$T/auditd.log"; exit 1; }
			sleep 0.05
		done
	fi
	: >"$T/sandboxd.log"
	"$BIN/sandboxd" -d -f "$conf" -p "$T/sandboxd.pid" \
	    >>"$T/sandboxd.log" 2>&1 &
	pid=$!
	n=0
	while ! grep -q "ready:" "$T/sandboxd.log"; do
		n=$((n + 1))
		if [ $n -gt 300 ]; then
			echo "sandboxd did not start:"
			cat "$T/sandboxd.log"
			exit 1
		fi
		sleep 0.05
	done
}

# measure LABEL ARGV...: p50/p99 in ms of N runs, stdin /dev/null
measure() {
	_label=$1
	shift
	python3 - "$N" "$_label" "$@" <<'EOF'
import subprocess, sys, time
n, label, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
t = []
for i in range(n + 5):
    t0 = time.perf_counter()
    rc = subprocess.run(argv, stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL).returncode
    dt = (time.perf_counter() - t0) * 1000
    if rc != 0:
        print("%-34s run %d failed with status %d" % (label, i, rc))
        sys.exit(1)
    if i >= 5:          # warm-up runs are not counted
        t.append(dt)
t.sort()
p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
print("%-34s p50 %7.2f ms   p99 %7.2f ms" % (label, p(0.50), p(0.99)))
EOF
}

echo "spawn-to-exit of /bin/true, $N runs each"
rc=0
start 4
measure "sandboxd (harnessctl, pool 4)" "$BIN/harnessctl" -f "$conf" \
    sandbox run /bin/true || rc=1
stop
start 0
measure "sandboxd (harnessctl, no pool)" "$BIN/harnessctl" -f "$conf" \
    sandbox run /bin/true || rc=1
stop
if command -v bwrap >/dev/null; then
	measure "bwrap --unshare-all" bwrap --unshare-all --die-with-parent \
	    --ro-bind /usr /usr --symlink usr/bin /bin \
	    --symlink usr/sbin /sbin --symlink usr/lib /lib \
	    --symlink usr/lib64 /lib64 \
	    --ro-bind /etc/ld.so.cache /etc/ld.so.cache \
	    --proc /proc --dev /dev --tmpfs /tmp --dir /work --chdir /work \
	    -- /bin/true || rc=1
else
	echo "bwrap: not installed"
fi
measure "fork+exec (no sandbox)" /bin/true || rc=1
exit $rc
