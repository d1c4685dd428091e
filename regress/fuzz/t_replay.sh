#!/bin/sh
# Every fuzz target replays its seed corpus (regress/fuzz/corpus/NAME:
# the seeds, and the crashers fuzzing found and that were fixed) through
# the build's replay driver, without libFuzzer: in the normal build and,
# in the sanitizer build, under ASan/UBSan.  A crash, a sanitizer report
# or a hang fails the target.  make fuzz explores; this keeps what it
# found fixed.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$TOP/regress/lib.sh"

F=$(dirname "$BIN")/regress/fuzz
n=0
for src in "$TOP"/regress/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	n=$((n + 1))
	corpus=$TOP/regress/fuzz/corpus/$name
	if [ ! -x "$F/$name" ]; then
		ok 1 "$name: replay driver built ($F/$name missing)"
		continue
	fi
	if [ ! -d "$corpus" ]; then
		skip "$name replays its seeds" "no corpus/$name"
		continue
	fi
	out=$(timeout -k 5 300 "$F/$name" "$corpus" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		case $out in *"replayed "*" inputs"*) ;; *) rc=1 ;; esac
	fi
	ok $rc "$name replays its $(find "$corpus" -type f | wc -l) seeds"
	[ $rc -eq 0 ] || printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
done
ok $([ $n -gt 0 ]; echo $?) "fuzz targets found ($n)"
t_exit
