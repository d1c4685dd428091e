#!/bin/sh
# Benchmarks still run: every program in bench/ and every bench/*.sh,
# with the shortest settings they take, exits 0 and prints a figure.
# The figures themselves are not judged here (machines are noisy; that
# is make bench's job); a benchmark that errors out, as vault_unseal did
# once vaultd would deliver nothing without auditd, is caught here.
# The normal build only: the sanitizer build adds nothing to a check
# that the programs run.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$TOP/regress/lib.sh"

B=$(dirname "$BIN")/bench
if [ -n "${HARNESS_SANITIZED:-}" ]; then
	skip "benchmarks run" "the normal build runs them"
	exit 0
fi
if [ ! -d "$B" ]; then
	skip "benchmarks run" "no $B (make all builds them)"
	exit 0
fi

tmp=$(mktemp -d /tmp/harness-t_bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export BENCH_SECONDS=0.2 BENCH_RUNS=10 BENCH_ROUNDS=1

# run NAME CMD...: exit 0 and at least one figure (a digit) printed.
run() {
	_n=$1
	shift
	timeout -k 5 120 "$@" >"$tmp/out" 2>&1
	_rc=$?
	if [ $_rc -eq 0 ] && grep -q '[0-9]' "$tmp/out" &&
	    ! grep -qi 'skipped\|SKIP' "$tmp/out"; then
		ok 0 "bench $_n runs and prints its figures"
	elif [ $_rc -eq 0 ] && grep -qi 'skipped\|SKIP' "$tmp/out"; then
		skip "bench $_n" "$(grep -i -m1 'skip' "$tmp/out")"
	else
		ok 1 "bench $_n runs and prints its figures (exit $_rc)"
		sed 's/^/# /' "$tmp/out" | tail -n 15
	fi
}

for p in "$B"/*; do
	[ -f "$p" ] && [ -x "$p" ] || continue
	n=$(basename "$p")
	case $n in
	hitl_classify)	run "$n" "$p" 0.05 1 ;;
	sandbox_spawn)	run "$n" "$p" -n 4 -j 2 ;;
	exec_latency|gateway_health)
			;;	# driven by bench/gateway.sh below
	*)		run "$n" "$p" ;;
	esac
done
for s in "$TOP"/bench/*.sh; do
	[ -f "$s" ] || continue
	run "$(basename "$s")" env BIN="$BIN" BUILD="$(dirname "$BIN")" \
	    sh "$s"
done
t_exit
