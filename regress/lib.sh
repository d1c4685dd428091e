# Shared helpers for regress shell tests.  Source it; it prints TAP.
#   ok COND-EXIT "name"      -- ok 0 "x" passes, anything else fails
#   skip "name" "reason"
#   BIN: directory holding the built programs (set by regress/run)

: "${BIN:?BIN must point at the build's bin directory}"
T_FAILED=0

ok() {
	if [ "$1" -eq 0 ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		T_FAILED=$((T_FAILED + 1))
	fi
}

skip() {
	echo "ok - $1 # SKIP $2"
}

diag() {
	echo "# $*"
}

# wait_for FILE PATTERN [SECONDS]: wait until FILE contains PATTERN.
wait_for() {
	_f=$1 _p=$2 _t=${3:-10}
	_n=$((_t * 20))
	while [ $_n -gt 0 ]; do
		if [ -f "$_f" ] && grep -q -- "$_p" "$_f"; then
			return 0
		fi
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# wait_gone PID [SECONDS]
wait_gone() {
	_pid=$1 _t=${2:-10}
	_n=$((_t * 20))
	while [ $_n -gt 0 ]; do
		kill -0 "$_pid" 2>/dev/null || return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# needs NAME WHAT ...: skip the whole test (exit 0) unless each WHAT
# holds: "root" that it runs as root, any other word that the command
# is installed.
needs() {
	_name=$1
	shift
	for _w in "$@"; do
		if [ "$_w" = root ]; then
			[ "$(id -u)" -eq 0 ] && continue
			skip "$_name" "needs root"
			exit 0
		fi
		command -v "$_w" >/dev/null && continue
		skip "$_name" "$_w missing"
		exit 0
	done
}

# wait_until SECONDS COMMAND [ARG ...]: until COMMAND succeeds, or the
# time is up (1).
wait_until() {
	_n=$(($1 * 10))
	shift
	while [ $_n -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}

t_exit() {
	[ "$T_FAILED" -eq 0 ]
	exit $?
}

# ---- running daemons under a temporary root ----
# suite_setup [CONFIG-TEMPLATE]: make $T, write $T/harness.conf from the
# template (default etc/harness.conf.sample) with /run/harness and
# /var/lib/harness moved under $T; sets $conf.  Call suite_cleanup at
# exit (suite_setup installs it as the EXIT trap).
# A TCP port on 127.0.0.1 nothing listens on, below the ephemeral range
# (32768 up), so that no outgoing connection holds it either.
free_port() {
	python3 -c '
import random, socket
for _ in range(500):
    p = random.randint(20000, 32000)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    print(p)
    break
'
}

suite_setup() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/harness-test.XXXXXX")
	chmod 755 "$T"
	conf=$T/harness.conf
	sed -e "s|/run/harness|$T/run|g" -e "s|/var/lib/harness|$T/state|g" \
	    "${1:-$TOP/etc/harness.conf.sample}" >"$conf"
	export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0"
	"$TOP/scripts/users" >/dev/null
	trap suite_cleanup EXIT
}

# suite_start DAEMON...: start each in the foreground (-d) with a pid
# file, wait for its "ready: N processes" line (its children say "ready:"
# first).  Returns 1 if one did not start.
suite_start() {
	for _d in "$@"; do
		# A restart must not see the last run's "ready:".
		[ -f "$T/$_d.log" ] && cat "$T/$_d.log" >>"$T/$_d.log.old" &&
		    rm -f "$T/$_d.log"
		"$BIN/$_d" -d -f "$conf" -p "$T/$_d.pid" >>"$T/$_d.log" 2>&1 &
		if ! wait_for "$T/$_d.log" "ready: [0-9]* processes" 15; then
			diag "$_d did not start:"
			sed 's/^/# /' "$T/$_d.log"
			return 1
		fi
	done
	return 0
}

# suite_stop DAEMON...: SIGTERM and wait.
suite_stop() {
	for _d in "$@"; do
		[ -f "$T/$_d.pid" ] || continue
		_p=$(cat "$T/$_d.pid")
		kill -TERM "$_p" 2>/dev/null
		wait_gone "$_p" 10 || kill -KILL "$_p" 2>/dev/null
	done
}

# suite_cgroup: give sandboxd a cgroup of its own ($CG) in $conf:
# sandboxd empties its cgroup at start, and another sandboxd on this
# host may be using "harness".  suite_cleanup removes it.  1 if the
# config has no "sandbox user" line to put it after.
suite_cgroup() {
	CG=harness-test-$$
	sed -i -e "s/^\([[:space:]]*\)sandbox user .*/&\\
\1cgroup \"$CG\"/" "$conf"
	grep -q "cgroup \"$CG\"" "$conf"
}

suite_cleanup() {
	suite_stop harnessd sandboxd hitld vaultd auditd
	if [ -n "${CG:-}" ]; then
		for _d in /sys/fs/cgroup/*/"$CG" /sys/fs/cgroup/"$CG"; do
			[ -d "$_d" ] && rmdir "$_d" 2>/dev/null
		done
	fi
	if [ -n "${KEEP_T:-}" ]; then
		echo "# kept $T"
	else
		rm -rf "$T"
	fi
}

# ctl ARGS...: harnessctl against the test's config.
ctl() {
	"$BIN/harnessctl" -f "$conf" "$@"
}
