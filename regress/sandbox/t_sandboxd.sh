# sandboxd end to end: `harnessctl sandbox run` through the daemon.
# argv and languages, stdin and exit status passthrough, every limit
# reason, refused requests, workspaces, 20 runs at once, the queue,
# and that nothing is left behind, also after sandboxd is killed -9.
. "$TOP/regress/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	skip "sandboxd" "needs root (namespaces, cgroups, uid maps)"
	exit 0
fi
suite_setup
# No pre-made sandboxes here, so that "nothing left" means nothing.
sed -i -e 's/^\([[:space:]]*\)pool [0-9]*/\1pool 0/' "$conf"
# A cgroup of our own: sandboxd removes whatever is below its cgroup at
# start, and another sandboxd on this host may be using "harness".
suite_cgroup || { ok 1 "test config"; t_exit; }
SUID=$(id -u _sandbox)
sed 's/^[0-9]* [0-9]* //' /proc/self/mountinfo | sort >"$T/mounts.before"

if ! suite_start auditd sandboxd; then
	ok 1 "sandboxd starts"
	t_exit
fi
ok 0 "sandboxd starts"

# cgroups of sandboxes under our cgroup, in any hierarchy
cg_count() {
	_n=0
	for _d in /sys/fs/cgroup/*/"$CG" /sys/fs/cgroup/"$CG"; do
		[ -d "$_d" ] || continue
		_c=$(find "$_d" -mindepth 1 -maxdepth 1 -type d | wc -l)
		_n=$((_n + _c))
	done
	echo "$_n"
}

# Sandbox cgroups that hold a process, in any hierarchy
cg_busy() {
	_n=0
	for _d in /sys/fs/cgroup/*/"$CG"/*/ /sys/fs/cgroup/"$CG"/*/; do
		[ -f "$_d/cgroup.procs" ] || continue
		[ -s "$_d/cgroup.procs" ] && _n=$((_n + 1))
	done
	echo "$_n"
}

# The most sandbox cgroups in one hierarchy: emptied ones are kept for
# reuse, at most 4 without a pool (CG_SPARE_DEFAULT), none after a stop.
cg_most() {
	_m=0
	for _d in /sys/fs/cgroup/*/"$CG" /sys/fs/cgroup/"$CG"; do
		[ -d "$_d" ] || continue
		_c=$(find "$_d" -mindepth 1 -maxdepth 1 -type d | wc -l)
		[ "$_c" -gt "$_m" ] && _m=$_c
	done
	echo "$_m"
}

# Live (not zombie) processes of the sandbox user that no running
# sandboxd owns: not a listener (it runs as that user too) and not a
# descendant of another sandboxd (another instance's sandboxes).
sbx_procs() {
	ps -e -o pid=,ppid=,uid=,stat=,args= >"$T/ps.all"
	awk -v u="$SUID" -v me="$T/" '
	{ ppid[$1] = $2; uid[$1] = $3; st[$1] = $4
	  a = $0; sub(/^ *[0-9]+ +[0-9]+ +[0-9]+ +[^ ]+ +/, "", a); args[$1] = a }
	END {
		for (p in uid) {
			if (uid[p] != u || st[p] ~ /^Z/ ||
			    args[p] ~ /^sandboxd: listener/)
				continue
			q = ppid[p]; owned = 0
			while (q > 1 && (q in ppid)) {
				if (args[q] ~ /sandboxd -d/ &&
				    index(args[q], me) == 0)
					owned = 1
				q = ppid[q]
			}
			if (!owned)
				print p, args[p]
		}
	}' "$T/ps.all" >"$T/procs.out"
	sed 's/^/#   /' "$T/procs.out" >&2
	wc -l <"$T/procs.out"
}

# run NAME EXPECTED-STATUS ARGS...: harnessctl sandbox run ARGS with
# stdin from /dev/null; output in $T/NAME.out, $T/NAME.err
run() {
	_name=$1 _want=$2
	shift 2
	ctl sandbox run "$@" </dev/null >"$T/$_name.out" 2>"$T/$_name.err"
	_rc=$?
	[ "$_rc" -eq "$_want" ]
	_r=$?
	if [ $_r -ne 0 ]; then
		diag "$_name: status $_rc, want $_want"
		sed 's/^/#   /' "$T/$_name.err" | head -5
	fi
	return $_r
}

run argv 0 -- echo hello world && [ "$(cat "$T/argv.out")" = "hello world" ]
ok $? "argv run: output passed through, status 0"
run sh 0 -l sh -e 'echo "sh $((6 * 7))"' && [ "$(cat "$T/sh.out")" = "sh 42" ]
ok $? "language sh"
run bash 0 -l bash -e 'a=(x y z); echo "bash ${#a[@]}"' &&
    [ "$(cat "$T/bash.out")" = "bash 3" ]
ok $? "language bash"
run py 0 -l python3 -e 'print("py", sum(range(10)))' &&
    [ "$(cat "$T/py.out")" = "py 45" ]
ok $? "language python3"
{
	i=0
	while [ $i -lt 400 ]; do
		echo "# padding line $i to make the code larger than a message"
		i=$((i + 1))
	done
	echo 'print("big", 1 + 1)'
} >"$T/big.py"
run big 0 -l python3 -F "$T/big.py" && [ "$(cat "$T/big.out")" = "big 2" ]
ok $? "code larger than one message travels in a memfd ($(wc -c <"$T/big.py") bytes)"
run stderr 0 -- sh -c 'echo out; echo err >&2' &&
    [ "$(cat "$T/stderr.out")" = out ] && grep -qx err "$T/stderr.err"
ok $? "stdout and stderr kept apart"

out=$(printf 'line one\nline two\n' | ctl sandbox run -- wc -l 2>&1)
[ "$out" = 2 ]
ok $? "stdin passthrough from a pipe ($out)"
seq 1 1000 >"$T/in.txt"
out=$(ctl sandbox run -- tail -n 1 <"$T/in.txt" 2>&1)
[ "$out" = 1000 ]
ok $? "stdin passthrough from a file ($out)"

run exit7 7 -- sh -c 'exit 7'
ok $? "exit status passthrough (7)"
run sig 143 -- sh -c 'kill -TERM $$'
ok $? "signal passthrough: 128 + SIGTERM"
grep -q "reason=signaled .*signal=15" "$T/sig.err"
ok $? "signaled: result line on stderr"
run verbose 0 -v -- true && grep -q "^sandbox: reason=exited code=0 .*wall_ms=.*cpu_ms=.*mem_peak=" "$T/verbose.err"
ok $? "-v prints the result line"

run timeout 137 -t 1s -- sleep 30 && grep -q "reason=timeout" "$T/timeout.err"
ok $? "wall time limit: reason timeout"
run cpu 137 -c 300ms -- sh -c 'while :; do :; done' &&
    grep -q "reason=timeout .*cpu time" "$T/cpu.err"
ok $? "cpu time limit: reason timeout"
run mem 137 -m 32M -l python3 -e 'x = bytearray(256 << 20); print(len(x))' &&
    grep -q "reason=memory" "$T/mem.err"
ok $? "memory limit: reason memory"
run pids 2 -p 8 -l sh -e 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 1 & done; wait' 
grep -q "reason=pids" "$T/pids.err"
ok $? "process limit: reason pids"
ctl sandbox run -o 4096 -- yes </dev/null >"$T/olim.out" 2>"$T/olim.err"
rc=$?
n=$(wc -c <"$T/olim.out")
[ $rc -eq 137 ] && grep -q "reason=output-limit .*truncated=1" "$T/olim.err" &&
    [ "$n" -eq 4096 ]
_r=$?
ok $_r "output limit: reason output-limit, truncated, $n bytes of 4096"
[ $_r -eq 0 ] || { diag "status $rc"; sed 's/^/# /' "$T/olim.err"; }
# The program may die of the SIGPIPE of a write racing the kill, or
# exit on EPIPE: the status is SIGKILL's all the same.
n=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	ctl sandbox run -o 4096 -- yes </dev/null >/dev/null 2>&1
	[ $? -eq 137 ] && n=$((n + 1))
done
ctl sandbox run -o 100 -l python3 -e 'import sys
while True: sys.stdout.write("x" * 1000)' >/dev/null 2>"$T/olim2.err"
rc=$?
[ $rc -eq 137 ] && [ $n -eq 10 ] &&
    grep -q "reason=output-limit .*signal=9" "$T/olim2.err"
ok $? "output limit: status 137 every time, whatever the program died of ($n of 10, $rc)"
run seccomp 137 -l python3 -e 'import ctypes; ctypes.CDLL(None).syscall(165, 0, 0, 0, 0, 0)' &&
    grep -q "reason=seccomp .*syscall=mount" "$T/seccomp.err"
ok $? "seccomp: reason seccomp with the syscall's name"
# Every sandbox inherits the spawner's filter, and the kernel takes the
# strictest action of stacked filters: a kill there would beat the
# sandbox filter's notification (the name) and its errnos.  These are
# calls the spawner does not allow itself (x86_64 numbers).
if [ "$(uname -m)" = x86_64 ]; then
	for c in ptrace:101 bpf:321 setns:308 kexec_load:246 \
	    process_vm_readv:310 fsopen:430 init_module:175; do
		n=${c%%:*}
		run "sc_$n" 137 -v -l python3 -e "import ctypes
ctypes.CDLL(None).syscall(${c#*:}, 0, 0, 0, 0, 0)" &&
		    grep -q "^sandbox: reason=seccomp .*syscall=$n\( \|$\)" \
		    "$T/sc_$n.err"
		ok $? "seccomp: $n, which the spawner refuses itself, is named"
	done
	run refused 0 -l python3 -e 'import ctypes, errno
libc = ctypes.CDLL(None, use_errno=True)
for name, nr in (("keyctl", 250), ("add_key", 248), ("io_uring_setup", 425),
    ("userfaultfd", 323), ("perf_event_open", 298), ("syslog", 103),
    ("name_to_handle_at", 303), ("fanotify_init", 300)):
    ctypes.set_errno(0)
    r = libc.syscall(nr, 0, 0, 0, 0, 0)
    print(name, r, errno.errorcode.get(ctypes.get_errno(), "none"))
print("still here")'
	_r=$?
	grep -qx "still here" "$T/refused.out"
	ok $((_r | $?)) "refused calls return an errno, the program runs on"
	# (python names EOPNOTSUPP by its other name, ENOTSUP)
	for c in keyctl:ENOSYS add_key:ENOSYS io_uring_setup:ENOSYS \
	    userfaultfd:EPERM perf_event_open:EACCES syslog:EPERM \
	    name_to_handle_at:ENOTSUP fanotify_init:EPERM; do
		grep -qx "${c%%:*} -1 ${c#*:}" "$T/refused.out"
		ok $? "refused: ${c%%:*} fails with ${c#*:}"
	done
	grep -v "still here" "$T/refused.out" | sed 's/^/#   /'
else
	skip "seccomp through the spawner" "syscall numbers for x86_64 only"
fi

# Refusals: status 125 and a message that says why.  A malformed option
# value is a usage error, 64, before anything is sent (sandboxd's own
# refusal of the same request is in regress/unit/test_sandboxc.c).
run badlang 64 -l perl -e 'print 1' &&
    grep -q -- '-l: a language is sh, bash or python3' "$T/badlang.err"
ok $? "unknown language: a usage error, 64"
run manyargs 125 -- echo $(seq 1 300) &&
    grep -q "argv has 301 entries, at most 256" "$T/manyargs.err"
ok $? "argv with too many arguments refused"
# A request larger than a message travels in a sealed memfd, both hops.
big=$(head -c 100000 /dev/zero | tr '\0' x)
run bigargs 0 -- sh -c 'n=0; for a; do n=$((n + ${#a})); done; echo "$# $n"' \
    x "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big" &&
    [ "$(cat "$T/bigargs.out")" = "9 900000" ]
ok $? "argv of 900 KB, larger than a message: runs whole ($(cat "$T/bigargs.out"))"
w=$(head -c 131071 /dev/zero | tr '\0' w)
run maxword 0 -- sh -c 'echo ${#1}' x "$w" && [ "$(cat "$T/maxword.out")" = 131071 ]
ok $? "an argument of 131071 bytes, the most Linux takes: runs"
run hugeargs 125 -- echo "$big" "$big" "$big" "$big" "$big" "$big" \
    "$big" "$big" "$big" "$big" "$big" &&
    grep -q "request too large: .* more than 1048576 bytes" "$T/hugeargs.err"
ok $? "a request over 1 MiB refused by the sender ($(cat "$T/hugeargs.err"))"
python3 "$TOP/regress/sandbox/bigq.py" "$T/run/sandboxd.sock" 1 unsealed \
    </dev/null >"$T/bq.out" 2>"$T/bq.err"
grep -q "^1 error .*request fd: not a memfd sealed against writes" "$T/bq.out"
ok $? "a request in an unsealed memfd is refused ($(cat "$T/bq.out" "$T/bq.err"))"
run overmax 125 -m 100G -- true &&
    grep -q "limit memory .* is above the maximum" "$T/overmax.err"
ok $? "limit above max limits refused"
run badws 64 -w ../etc -- true && grep -q -- "-w: a workspace is" "$T/badws.err"
ok $? "bad workspace name: a usage error, 64"
run badcwd 64 -C tmp -- true && grep -q -- "-C: an absolute path" "$T/badcwd.err"
ok $? "relative cwd: a usage error, 64"
run badcwd2 64 -C /work/../etc -- true &&
    grep -q -- "-C: an absolute path" "$T/badcwd2.err"
ok $? "cwd with ..: a usage error, 64"
run badenv 64 -E 'A B=1' -- true && grep -q -- "-E: NAME=value" "$T/badenv.err"
ok $? "bad environment entry: a usage error, 64"
run badenv2 64 -E '1A=1' -- true && grep -q -- "-E: NAME=value" "$T/badenv2.err"
ok $? "environment name starting with a digit: a usage error, 64"
run goodopts 0 -w okws -C /work -E A_1=x -- sh -c 'echo "$A_1 $PWD"' &&
    [ "$(cat "$T/goodopts.out")" = "x /work" ]
ok $? "good -w, -C and -E values pass ($(cat "$T/goodopts.out"))"
run noprog 127 -- /nonexistent/program
ok $? "a missing program: status 127"

# Workspaces: named ones persist, the default one is gone after.
run ws1 0 -w proj -- sh -c 'echo kept >/work/f' &&
    run ws2 0 -w proj -- cat /work/f && [ "$(cat "$T/ws2.out")" = kept ]
ok $? "named workspace persists between runs"
# A pre-made sandbox keeps a copy of the workspaces' directory until its
# request comes: the program sees only its own workspace, in no mount.
run ws3 0 -w other -- sh -c 'echo private >/work/g' &&
    run ws4 0 -w proj -- sh -c 'ls /work; cat /proc/self/mountinfo;
	find / -xdev -name g 2>/dev/null; for m in /tmp /work /run /dev/shm; do
	find "$m" -name g 2>/dev/null; done' &&
    grep -qx f "$T/ws4.out" && ! grep -q '/g$' "$T/ws4.out" &&
    [ "$(grep -c workspaces "$T/ws4.out")" -eq 1 ] &&
    grep -q 'workspaces/proj /work ' "$T/ws4.out"
ok $? "a workspace run sees its own workspace and no other"
st=$(stat -c '%U %a' "$T/state/workspaces/proj")
[ "$st" = "_sandbox 700" ]
ok $? "workspace belongs to the sandbox user, mode 0700 ($st)"
run tmp1 0 -- sh -c 'echo x >/work/f' && run tmp2 1 -- cat /work/f
ok $? "without a workspace, /work is fresh each run"

# Many at once.
pids=""
i=1
while [ $i -le 20 ]; do
	( ctl sandbox run -l sh -e "sleep 0.2; echo run $i" </dev/null \
	    >"$T/c.$i.out" 2>"$T/c.$i.err"; echo $? >"$T/c.$i.rc" ) &
	pids="$pids $!"
	i=$((i + 1))
done
# list until one shows (each run lasts 0.2 s, more when queued)
for i in $(seq 50); do
	ctl sandbox list >"$T/list.out" 2>&1
	grep -q "^run[0-9]* *\(running\|queued\)" "$T/list.out" && break
	sleep 0.02
done
wait $pids
bad=0
i=1
while [ $i -le 20 ]; do
	[ "$(cat "$T/c.$i.rc")" = 0 ] && [ "$(cat "$T/c.$i.out")" = "run $i" ] ||
	    bad=$((bad + 1))
	i=$((i + 1))
done
[ $bad -eq 0 ]
ok $? "20 concurrent runs: every status and output right ($bad bad)"
grep -q "^run[0-9]* *\(running\|queued\)" "$T/list.out"
ok $? "sandbox list shows runs"
# A program named by a client with a terminal escape in it: listed
# escaped, never raw.
esc=$(printf '\033')
run escprep 0 -w escws -- sh -c "cp /bin/sleep '/work/s${esc}[2Jx'"
ctl sandbox run -w escws -- "/work/s${esc}[2Jx" 2 </dev/null >/dev/null 2>&1 &
escpid=$!
for i in $(seq 100); do
	ctl sandbox list >"$T/list.out" 2>&1
	grep -q 'escws' "$T/list.out" && break
	sleep 0.05
done
grep -q '/work/s\\x1b\[2Jx' "$T/list.out" && ! grep -q "$esc" "$T/list.out"
ok $? "sandbox list escapes a program's control characters ($(grep escws "$T/list.out"))"
age=$(awk '/escws/ { sub("s$", "", $5); print $5 }' "$T/list.out")
[ -n "$age" ] && [ "$age" -lt 60 ]
ok $? "sandbox list: the age of a run just asked for is seconds (${age}s)"
wait $escpid
# the exit records are sent without waiting for auditd: poll for them
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	n=$(ctl audit show -t sandbox.start | wc -l)
	m=$(ctl audit show -t sandbox.exit | wc -l)
	[ "$n" -gt 20 ] && [ "$n" -eq "$m" ] && break
	sleep 0.25
done
[ "$n" -gt 20 ] && [ "$n" -eq "$m" ]
ok $? "every start and end is an audit record ($n starts, $m exits)"
ctl audit show -t sandbox.exit -j | grep -q '"reason":"timeout"'
ok $? "sandbox.exit records carry the reason"
ctl sandbox run -S sess.audit -- /bin/true >/dev/null 2>&1
[ "$(ctl audit show -s sess.audit -t 'sandbox.*' | awk '{ print $4 }' |
    sort | tr '\n' ' ')" = "sandbox.exit sandbox.start " ]
ok $? "a run's session is its records' session (audit show -s)"
# A child lost to the memory limit is said so, though the program's
# own exit is clean; a memory limit followed by the wall time says both.
ctl sandbox run -v -m 32M -- sh -c \
    'python3 -c "x = bytearray(200 << 20)" 2>/dev/null; exit 0' \
    >"$T/oom1.out" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q "reason=exited.*killed by the memory limit" \
    "$T/oom1.out"
ok $? "exit 0 after a child's OOM kill: the detail names it"
ctl sandbox run -v -m 32M -t 1s -- sh -c \
    'python3 -c "x = bytearray(200 << 20)" 2>/dev/null; sleep 5' \
    >"$T/oom2.out" 2>&1
grep -q "reason=memory.*then the wall time limit of 1000 ms ended it" \
    "$T/oom2.out"
ok $? "OOM kill, then the wall time: both in the result"
sed 's/^/# /' "$T/oom1.out" "$T/oom2.out" | grep reason=
# SIGHUP: the spawner takes the new default limits too.
sed -i -e '/^sandboxd/,/^}/s/^\([[:space:]]*\)time 30s/\1time 1s/' "$conf"
grep -q "time 1s" "$conf" &&
    kill -HUP "$(cat "$T/sandboxd.pid")" &&
    wait_for "$T/sandboxd.log" "spawner.*configuration reloaded" 10
ok $? "reload: the spawner says so"
run hup 137 -v -- sleep 5
grep -q "reason=timeout.*wall time limit of 1000 ms" "$T/hup.err"
ok $? "reload: the new default time limit ends a run"
sed -i -e '/^sandboxd/,/^}/s/^\([[:space:]]*\)time 1s/\1time 30s/' "$conf"
kill -HUP "$(cat "$T/sandboxd.pid")"
i=0
while [ "$(grep -c 'spawner.*configuration reloaded' "$T/sandboxd.log")" \
    -lt 2 ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
# A run that reads much leaves page cache charged to its cgroup: it is
# not kept for the next run, whose peak would show it.  300 MiB, not
# all of /usr (1.4 GiB here): read cold from a slow disk, that took
# longer than the 30 s wall limit, and even 300 MiB once did: the run
# gets 5 minutes, as what is timed is the disk, not sandboxd.
run cache 0 -v -t 300s -- sh -c 'cat /usr/bin/* /usr/lib/x86_64-linux-gnu/* \
    2>/dev/null | head -c 300M >/dev/null; exit 0'
ok $? "a run that reads 100s of MiB"
peaks=
for i in 1 2 3 4 5 6; do
	run after 0 -v -- true
	peaks="$peaks $(grep -o 'mem_peak=[0-9]*' "$T/after.err" | cut -d= -f2)"
done
big=$(echo "$peaks" | tr ' ' '\n' | awk '$1 > 16 * 1048576' | wc -l)
[ "$big" -eq 0 ]
ok $? "later runs' peaks do not show its page cache:$peaks"

sleep 0.3
n=$(cg_busy)
m=$(cg_most)
[ "$n" -eq 0 ] && [ "$m" -le 4 ]
ok $? "no sandbox cgroup in use, at most 4 kept for reuse ($n, $m)"
n=$(sbx_procs)
[ "$n" -eq 0 ]
ok $? "no process of the sandbox user left ($n)"
sed 's/^[0-9]* [0-9]* //' /proc/self/mountinfo | sort >"$T/mounts.after"
diff "$T/mounts.before" "$T/mounts.after" >"$T/mounts.diff"
ok $? "host mounts unchanged"

# A requester that goes away takes its sandbox with it.
# (harnessctl itself, not a subshell running ctl)
"$BIN/harnessctl" -f "$conf" sandbox run -w gone -- sleep 30 </dev/null \
    >/dev/null 2>&1 &
cpid=$!
wait_for "$T/sandboxd.log" "program sleep workspace gone" 10
kill -KILL $cpid
wait $cpid 2>/dev/null
n=1
for i in $(seq 100); do
	n=$(cg_busy)
	[ "$n" -eq 0 ] && break
	sleep 0.1
done
[ "$n" -eq 0 ] && [ "$(cg_most)" -le 4 ] &&
    grep -q "reason=signaled .*killed on request" "$T/sandboxd.log"
ok $? "requester gone: its sandbox is killed and removed"

grep -q "lost child\|fatal" "$T/sandboxd.log"
[ $? -ne 0 ]
ok $? "no lost child or fatal error in the log"

# Fail secure: with auditd down nothing runs, and the reason says why.
suite_stop auditd
run noaudit 125 -- echo should-not-run
grep -q "sandbox refused: auditd unreachable" "$T/noaudit.err" &&
    ! grep -q should-not-run "$T/noaudit.out"
ok $? "auditd down: the run is refused, not started"
suite_start auditd || ok 1 "auditd restarts"
suite_stop sandboxd
# The first start made our cgroup: the orderly stop removes it (one a
# start found, perhaps left by a kill -9, is kept).
cg_dirs() {
	for _d in /sys/fs/cgroup/*/"$CG" /sys/fs/cgroup/"$CG"; do
		[ -d "$_d" ] && printf ' %s' "$_d"
	done
}
left=$(cg_dirs)
[ -z "$left" ]
ok $? "orderly stop removes the cgroup it made ($left)"
# suite_start waits for "ready:" in the log: start each with a new one
mv "$T/sandboxd.log" "$T/sandboxd.log.1"

# The queue: one slot, one queued, the next refused.
sed -i -e 's/max sandboxes [0-9]*/max sandboxes 1/' \
    -e 's/^\([[:space:]]*\)queue [0-9]*/\1queue 1/' "$conf"
if suite_start sandboxd; then
	# q1 holds the slot until we let it go: no race with its end
	# (harnessctl itself, which the kill below must reach)
	"$BIN/harnessctl" -f "$conf" sandbox run -w q1 -- sleep 60 \
	    </dev/null >"$T/q1.out" 2>&1 &
	q1=$!
	wait_for "$T/sandboxd.log" "program sleep workspace q1" 10
	ctl sandbox run -v -- echo second </dev/null >"$T/q2.out" \
	    2>"$T/q2.err" &
	q2=$!
	wait_for "$T/q2.err" "queued" 10
	run q3 125 -- true && grep -q "sandbox queue full: 1 running, 1 queued" "$T/q3.err"
	ok $? "queue full: refused with a clear error"
	# its requester gone, q1's sandbox is killed and q2 gets the slot
	kill $q1
	wait $q1
	wait $q2
	[ $? -eq 0 ] && [ "$(cat "$T/q2.out")" = second ]
	ok $? "the queued run runs once a slot is free"
	suite_stop sandboxd
else
	ok 1 "sandboxd restarts with a queue of 1"
fi
mv "$T/sandboxd.log" "$T/sandboxd.log.2"

# Requests of up to 1 MiB each: what waits is bounded in bytes too.
sed -i -e 's/^\([[:space:]]*\)queue [0-9]*/\1queue 200/' "$conf"
if suite_start sandboxd; then
	"$BIN/harnessctl" -f "$conf" sandbox run -w h1 -- sleep 60 \
	    </dev/null >/dev/null 2>&1 &
	h1=$!
	wait_for "$T/sandboxd.log" "program sleep workspace h1" 10
	# one connection (as the engine's): harnessctl has 32 per uid
	mkfifo "$T/bq.fifo"
	python3 "$TOP/regress/sandbox/bigq.py" "$T/run/sandboxd.sock" 70 \
	    hold <"$T/bq.fifo" >"$T/bq.out" 2>"$T/bq.err" &
	bq=$!
	exec 9>"$T/bq.fifo"	# its stdin ends when we close this
	n=0
	while [ $n -lt 600 ] && [ "$(wc -l <"$T/bq.out")" -lt 70 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(grep -c ' queued ' "$T/bq.out")" -eq 67 ] &&
	    [ "$(grep -c 'error sandbox queue full: [0-9]* bytes of requests waiting, at most 67108864' "$T/bq.out")" -eq 3 ]
	ok $? "requests of 1 MB: 67 wait, then the queue is full by bytes, not count ($(cut -d' ' -f2- "$T/bq.out" | sed 's/queued [0-9]*/queued/' | sort | uniq -c | tr "\n" " ") $(cat "$T/bq.err"))"
	(exec 9>&-; ctl sandbox run -v -w h2 -- echo small </dev/null \
	    >"$T/h2.out" 2>"$T/h2.err") &
	h2=$!
	wait_for "$T/h2.err" "queued" 10
	ok $? "... while a small one still queues"
	exec 9>&-
	wait $bq
	kill $h1 2>/dev/null
	wait $h2
	[ $? -eq 0 ] && [ "$(cat "$T/h2.out")" = small ]
	ok $? "... and runs once the others' requesters are gone"
	python3 "$TOP/regress/sandbox/bigq.py" "$T/run/sandboxd.sock" 1 \
	    unsealed </dev/null >"$T/bq.out" 2>"$T/bq.err"
	grep -q "^1 error .*request fd: not a memfd sealed against writes" "$T/bq.out"
	ok $? "a request in an unsealed memfd is refused ($(cat "$T/bq.out" "$T/bq.err"))"
	wait $h1 2>/dev/null
	suite_stop sandboxd
else
	ok 1 "sandboxd restarts with a queue of 200"
fi
mv "$T/sandboxd.log" "$T/sandboxd.log.2b"


# kill -9 of sandboxd (every process) while a sandbox runs: the next
# start removes what was left.
sed -i -e 's/max sandboxes [0-9]*/max sandboxes 16/' "$conf"
if suite_start sandboxd; then
	ctl sandbox run -w k9 -- sleep 30 </dev/null >/dev/null 2>&1 &
	wait_for "$T/sandboxd.log" "program sleep workspace k9" 10
	p=$(cat "$T/sandboxd.pid")
	kids=$(ps -o pid= --ppid "$p")
	kill -KILL "$p" $kids
	wait_gone "$p" 10
	left=$(cg_count)
	diag "left after kill -9: $left cgroup dirs"
	rm -f "$T/sandboxd.pid" "$T/run/sandboxd.sock"
	mv "$T/sandboxd.log" "$T/sandboxd.log.3"
	if suite_start sandboxd; then
		# The pool may make new ones at once, even under the old
		# names: trust what the spawner says it removed.
		n=0
		[ "$left" -gt 0 ] && wait_for "$T/sandboxd.log" \
		    "removed $left stale sandbox cgroup" 10
		ok $? "restart after kill -9 removes the leftovers ($left)"
		grep "stale" "$T/sandboxd.log" | sed 's/^/# /'
		n=$(sbx_procs)
		[ "$n" -eq 0 ]
		ok $? "no process of the sandbox user after the restart ($n)"
		run after 0 -- echo again && [ "$(cat "$T/after.out")" = again ]
		ok $? "runs work after the restart"
		suite_stop sandboxd
	else
		ok 1 "sandboxd restarts after kill -9"
	fi
else
	ok 1 "sandboxd starts again"
fi
# With a pool: its refills come from the maker, a child of the spawner
# named sandbox-maker, which the stop takes along.
sed -i -e 's/^\([[:space:]]*\)pool [0-9]*/\1pool 2/' "$conf"
if suite_start sandboxd; then
	p=$(cat "$T/sandboxd.pid")
	# The maker is forked before the spawner says it is ready, but it
	# names itself once it runs: on a loaded machine, give it a moment.
	sp= mk= i=0
	while [ -z "$mk" ] && [ $i -lt 50 ]; do
		[ -n "$sp" ] || sp=$(ps -o pid=,args= --ppid "$p" |
		    awk '/spawner/ { print $1 }')
		[ -n "$sp" ] && mk=$(ps -o pid=,comm= --ppid "$sp" |
		    awk '$2 == "sandbox-maker" { print $1 }')
		[ -n "$mk" ] || sleep 0.1
		i=$((i + 1))
	done
	ok=0
	for i in 1 2 3 4; do
		run pooled$i 0 -- echo "p$i" || ok=1
	done
	# the pool is full again: two pre-made sandboxes wait
	i=0
	while [ "$(ps -o comm= --ppid "$sp" | grep -cx sandbox)" -ne 2 ] &&
	    [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$mk" ] && [ $ok -eq 0 ] && kill -0 "$mk" 2>/dev/null &&
	    [ "$(ps -o comm= -p "$mk")" = sandbox-maker ] && [ $i -lt 50 ]
	ok $? "pool: runs work, the maker (pid ${mk:-none}) refills it, stays up"
	if [ -z "$mk" ]; then
		ps -e -o pid=,ppid=,comm=,args= --forest |
		    grep -i sandbox | sed 's/^/# ps: /'
		grep -i "pool\|maker\|spawner" "$T/sandboxd.log" |
		    sed 's/^/# log: /'
	fi
	# the maker has the spawner's filter: its sandboxes name calls too
	if [ "$(uname -m)" = x86_64 ]; then
		run pooledbpf 137 -v -l python3 -e 'import ctypes
ctypes.CDLL(None).syscall(321, 0, 0, 0, 0, 0)' &&
		    grep -q "^sandbox: reason=seccomp .*syscall=bpf" \
		    "$T/pooledbpf.err"
		ok $? "pool: bpf in a pre-made sandbox is named"
		run pooledkey 0 -l python3 -e 'import ctypes
libc = ctypes.CDLL(None, use_errno=True)
print(libc.syscall(250, 0, 0, 0, 0, 0), ctypes.get_errno())' &&
		    [ "$(cat "$T/pooledkey.out")" = "-1 38" ]
		ok $? "pool: keyctl in a pre-made sandbox fails with ENOSYS"
	else
		skip "pool: seccomp" "syscall numbers for x86_64 only"
	fi
	# A waiting sandbox killed (the OOM killer, by hand): reaped within
	# seconds, not left a zombie, and replaced; runs still work.
	w=$(ps -o pid=,stat=,comm= --ppid "$sp" |
	    awk '$3 == "sandbox" && $2 !~ /Z/ { print $1 }')
	[ -n "$w" ] && kill -9 $w
	wait_for "$T/sandboxd.log" "waiting sandbox.* died, replaced" 20
	_ok=$?
	i=0
	while [ "$(ps -o stat=,comm= --ppid "$sp" |
	    awk '$2 == "sandbox" && $1 !~ /Z/' | wc -l)" -ne 2 ] &&
	    [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	z=$(ps -o stat= --ppid "$sp" | grep -c Z)
	[ -n "$w" ] && [ $_ok -eq 0 ] && [ "$z" -eq 0 ] && [ $i -lt 100 ] &&
	    run pooled5 0 -- echo p5
	ok $? "pool: killed waiting sandboxes ($(echo $w)) reaped, replaced ($z zombies)"
	suite_stop sandboxd
	[ -n "$mk" ] && ! kill -0 "$mk" 2>/dev/null
	ok $? "the maker is gone after the stop"
else
	ok 1 "sandboxd starts with a pool"
fi
n=$(cg_count)
[ "$n" -eq 0 ]
ok $? "orderly stop leaves no sandbox cgroups ($n)"

t_exit
