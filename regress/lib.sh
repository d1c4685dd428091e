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

t_exit() {
	[ "$T_FAILED" -eq 0 ]
	exit $?
}
