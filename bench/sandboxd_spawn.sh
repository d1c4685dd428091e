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
. "$TOP/regress/lib.sh"
suite_setup
suite_cgroup || { echo "sandboxd_spawn: cannot write the test config"; exit 1; }

# start POOL: sandboxd under $T with that many pre-made sandboxes (and
# auditd, which audits every run before it starts)
start() {
	sed -i -e "s/^\([[:space:]]*\)pool [0-9]*/\1pool $1/" "$conf"
	if ! { [ -f "$T/auditd.pid" ] && kill -0 "$(cat "$T/auditd.pid")"; } \
	    2>/dev/null; then
		suite_start auditd || exit 1
	fi
	suite_start sandboxd || exit 1
}
stop() {
	suite_stop sandboxd
	rm -f "$T/sandboxd.pid"
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
