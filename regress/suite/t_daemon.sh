# Starting the daemons, as an administrator would: -n refuses what a
# start refuses and never hangs on a FIFO; without -d a failed start
# exits 1 with its error on standard error, and a good one exits 0 once
# the daemon is ready; relative -f and -p hold after daemonizing; the
# pid file is written only once start-up succeeded, so a second
# instance never overwrites it; a reload does not hang on a FIFO.
. "$TOP/regress/lib.sh"

needs "daemon start-up" root

suite_setup
hp=t_daemon.$$.pid
# The hitld started without -d, whatever its pid file says (a daemon
# that does not make -p absolute writes it at /, after chdir("/")).
stray() {
	for _d in /proc/[0-9]*; do
		tr '\0' ' ' <"$_d/cmdline" 2>/dev/null |
		    grep -q -- "-p $hp" && kill -KILL "${_d#/proc/}"
	done
	rm -f "/$hp"
}
trap 'stray; suite_cleanup' EXIT

# ---- -n ----
mkfifo "$T/fifo"
printf 'include "fifo"\n' >"$T/f.conf"
out=$(timeout 10 "$BIN/sandboxd" -n -f "$T/f.conf" 2>&1)
rc=$?
[ $rc -eq 1 ] &&
    echo "$out" | grep -q "f.conf:1: cannot include .*fifo: not a regular file"
ok $? "-n: an include that is a FIFO is refused at once"
[ $rc -eq 1 ] || diag "rc $rc: $out"
out=$(timeout 10 "$BIN/hitld" -n -f "$T/fifo" 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "fifo: not a regular file"
ok $? "-n: a FIFO as the file is refused at once"

cp "$conf" "$T/l.conf"
{
	echo "harnessd {"
	for p in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do
		echo "	listen on 127.0.0.1 port $((9000 + p))"
	done
	echo "}"
} >>"$T/l.conf"
out=$("$BIN/harnessd" -n -f "$T/l.conf" 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "too many listeners (at most 16)"
ok $? "-n: 17 listeners are refused"

cp "$conf" "$T/u.conf"
printf 'vaultd {\n\tuser "nosuchuser_t"\n}\n' >>"$T/u.conf"
out=$("$BIN/vaultd" -n -f "$T/u.conf" 2>&1)
[ $? -eq 1 ] && n=$(grep -n nosuchuser_t "$T/u.conf" | cut -d: -f1) &&
    echo "$out" | grep -qx "vaultd: $T/u.conf:$n: user nosuchuser_t: unknown user (create it, see harness.conf(5))" &&
    echo "$out" | grep -q "vaultd: configuration failed"
ok $? "-n: vaultd refuses its user that does not exist, naming the file and line ($out)"
out=$("$BIN/hitld" -n -f "$T/u.conf" 2>&1)
[ $? -eq 0 ] && [ "$out" = "configuration OK" ]
ok $? "-n: hitld does not check vaultd's user"
printf 'hitld {\n\tuser "nosuchuser_h"\n\tapprover socket "%s/a.sock" group "nosuchgroup_h"\n}\n' \
    "$T" >>"$T/u.conf"
out=$(cd "$T" && "$BIN/hitld" -n -f u.conf 2>&1)
[ $? -eq 1 ] && n=$(grep -n nosuchuser_h "$T/u.conf" | cut -d: -f1) &&
    [ "$(echo "$out" | grep -c '^hitld: u\.conf:[0-9]*: ')" -eq 2 ] &&
    echo "$out" | grep -qx "hitld: u.conf:$n: user nosuchuser_h: unknown user (create it, see harness.conf(5))" &&
    echo "$out" | grep -qx "hitld: u.conf:$((n + 1)): approver socket $T/a.sock group nosuchgroup_h: unknown group"
ok $? "-n: hitld names the file, as given, on each line ($(echo "$out" | tr '\n' ' '))"

cp "$conf" "$T/z.conf"
printf 'sandboxd {\n\tlimits { time 0s memory 0 output 0 }\n}\n' >>"$T/z.conf"
out=$("$BIN/sandboxd" -n -f "$T/z.conf" 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "time: a limit of 0 is not a limit"
ok $? "-n: a limit of 0 is refused"

# ---- a start that fails, without -d: exit 1, the error on stderr ----
: >"$T/file"
sed "s|$T/run|$T/file/run|g" "$conf" >"$T/badrun.conf"
for d in auditd vaultd hitld sandboxd harnessd; do
	out=$(timeout 30 "$BIN/$d" -f "$T/badrun.conf" 2>&1)
	rc=$?
	[ $rc -eq 1 ] && echo "$out" | grep -q "Not a directory"
	ok $? "$d without -d: a failed start exits 1 with the error"
	[ $rc -eq 1 ] || diag "rc $rc: $out"
done

# A failed start after the control socket: no pid file is left.
sed "s|$T/run/approve.sock|$T/file|" "$conf" >"$T/ap.conf"
out=$("$BIN/hitld" -d -f "$T/ap.conf" -p "$T/ap.pid" 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "exists and is not a socket" &&
    [ ! -e "$T/ap.pid" ]
ok $? "a start that fails in its initialisation leaves no pid file"
[ -e "$T/ap.pid" ] && diag "pid file left: $(cat "$T/ap.pid")"

# ---- hitld as a daemon, with relative -f and -p ----
suite_start auditd || { ok 1 "auditd starts"; t_exit; }
mkdir "$T/h"
cp "$conf" "$T/h/h.conf"
out=$(cd "$T" && timeout 30 "$BIN/hitld" -f h/h.conf -p "$hp" 2>&1)
ok $? "hitld without -d, relative -f and -p: exits 0"
[ -n "$out" ] && diag "$out"
hpid=$(cat "$T/$hp" 2>/dev/null)
[ -n "$hpid" ] && kill -0 "$hpid" 2>/dev/null &&
    grep -q hitld "/proc/$hpid/comm"
ok $? "relative -p: the pid file is in the directory hitld started in"
ctl hitl classify shell -c 'ls /' >"$T/c" 2>&1
ok $? "hitld is ready when its start exits 0"
grep -q '^rule: harmless' "$T/c"
ok $? "ls is harmless before the reload"

# A second instance fails, loudly, and leaves the pid file alone.
out=$(cd "$T" && timeout 30 "$BIN/hitld" -f h/h.conf -p "$hp" 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "already in use"
ok $? "a second instance without -d exits 1 saying why"
[ $rc -eq 1 ] || diag "rc $rc: $out"
[ -n "$hpid" ] && [ "$(cat "$T/$hp" 2>/dev/null)" = "$hpid" ]
ok $? "a second instance without -d leaves the pid file alone"
"$BIN/hitld" -d -f "$T/h/h.conf" -p "$T/$hp" >"$T/second.log" 2>&1
rc=$?
[ $rc -eq 1 ] && [ -n "$hpid" ] && [ "$(cat "$T/$hp" 2>/dev/null)" = "$hpid" ]
ok $? "a second instance with -d exits 1 and leaves the pid file alone"

# A reload reads the file named at start, relative as it was: a
# critical rule for ls (so that both answers come at once) takes effect.
cat >>"$T/h/h.conf" <<'EOF'

rule "no-ls" {
	command { "ls *" }
	risk critical
}
EOF
kill -HUP "$hpid"
n=100
while [ $n -gt 0 ]; do
	ctl hitl classify shell -c 'ls /' >"$T/c" 2>&1
	grep -q '^rule: no-ls' "$T/c" && break
	sleep 0.1
	n=$((n - 1))
done
grep -q "^rule: no-ls ($T/h/h.conf:" "$T/c"
ok $? "relative -f: SIGHUP reloads the same file"
kill -TERM "$hpid"
wait_gone "$hpid" 10 && [ ! -e "$T/$hp" ]
ok $? "SIGTERM: hitld exits and removes its pid file"

# ---- a reload that finds a FIFO does not hang ----
suite_start hitld || { ok 1 "hitld -d starts"; t_exit; }
printf 'include "%s"\n' "$T/fifo" >>"$conf"
kill -HUP "$(cat "$T/hitld.pid")"
wait_for "$T/hitld.log" "fifo: not a regular file" 10 &&
    wait_for "$T/hitld.log" "reload failed, keeping" 10
ok $? "SIGHUP: an include that is a FIFO fails the reload at once"
# The error is the second line of that message: it carries the prefix.
grep -A1 'reload failed, keeping' "$T/hitld.log" | tail -n 1 |
    grep -q '^[0-9T:.-]*Z hitld\[[0-9]*\]: .*fifo: not a regular file'
ok $? "reload failed: every line of the message has the log prefix ($(grep -A1 'reload failed' "$T/hitld.log" | tail -1))"
hpid=$(cat "$T/hitld.pid")
sed -i '$d' "$conf"

# ---- a reload says what it cannot change ----
# The same file: no word of a restart.  A new approver socket mode: the
# reload goes on, and says that setting waits for a restart.
n0=$(grep -c "reloading" "$T/hitld.log")
kill -HUP "$hpid"
wait_for "$T/hitld.log" "rules reloaded.*" 10
n=50
while [ $n -gt 0 ] &&
    [ "$(grep -c "configuration reloaded" "$T/hitld.log")" -lt 1 ]; do
	sleep 0.1
	n=$((n - 1))
done
! grep -q "kept until a restart" "$T/hitld.log"
ok $? "SIGHUP, the same file: nothing said about a restart"
cp "$conf" "$T/conf.keep"
sed -i 's/^\(.*approver socket .*\) mode 0660/\1 mode 0666/' "$conf"
kill -HUP "$hpid"
wait_for "$T/hitld.log" "reload: approver socket changed: set at start, kept until a restart" 10
ok $? "SIGHUP, a new approver socket mode: the log says it needs a restart"
[ "$(grep -c "reloading" "$T/hitld.log")" -eq $((n0 + 2)) ] &&
    [ "$(stat -c %a "$T/run/approve.sock")" = 660 ]
ok $? "the approver socket keeps the mode it was made with"
cp "$T/conf.keep" "$conf"
kill -TERM "$hpid"
wait_gone "$hpid" 10
ok $? "SIGTERM is handled after that reload"

# ---- a child that does not exit is killed, not left behind ----
# hitld's queue stopped (SIGSTOP) cannot see its channel close: after
# five seconds the parent kills it, says so, and only then exits.
suite_start hitld || { ok 1 "hitld -d starts"; t_exit; }
hpid=$(cat "$T/hitld.pid")
qpid=$(pgrep -P "$hpid" | head -1)
kill -STOP "$qpid"
kill -TERM "$hpid"
wait_gone "$hpid" 15 && ! kill -0 "$qpid" 2>/dev/null &&
    grep -q "hitld/queue (pid $qpid) did not exit in 5000 ms, killing it" \
    "$T/hitld.log" && [ ! -e "$T/hitld.pid" ]
ok $? "a stopped child: killed after 5 s, the parent exits after it"
kill -CONT "$qpid" 2>/dev/null

# ---- a spawner killed: sandboxd takes its cgroups with it ----
# The spawner removes its sandboxes' cgroups at an orderly stop; killed,
# it leaves them (and the sleep's), and the parent must remove them
# before the cgroup it made, or that stays for good: at the next start
# it was "there before".
kcg=harness-test-k9-$$
sed "s/^\([[:space:]]*\)sandbox user .*/&\\
\1cgroup \"$kcg\"/" "$conf" >"$T/k9.conf"
"$BIN/sandboxd" -d -f "$T/k9.conf" -p "$T/k9.pid" >"$T/k9.log" 2>&1 &
if wait_for "$T/k9.log" "ready: [0-9]* processes" 15; then
	"$BIN/harnessctl" -f "$T/k9.conf" sandbox run -n -- sleep 30 \
	    >/dev/null 2>&1 &
	kpid=$!
	wait_for "$T/k9.log" "sandbox.start: .* program sleep" 10
	spid=$(cat "$T/k9.pid")
	kill -KILL "$(ps -o pid= -o args= --ppid "$spid" |
	    awk '/spawner/ { print $1 }')"
	wait_gone "$spid" 10
	wait "$kpid"
	left=$(ls -d /sys/fs/cgroup/*/"$kcg" /sys/fs/cgroup/"$kcg" 2>/dev/null)
	[ -z "$left" ] && ! kill -0 "$spid" 2>/dev/null &&
	    grep -q "terminating after an error" "$T/k9.log"
	ok $? "spawner killed: sandboxd exits and leaves no cgroup ($left)"
	[ -z "$left" ] || sed 's/^/# /' "$T/k9.log"
else
	ok 1 "sandboxd with cgroup $kcg starts"
	sed 's/^/# /' "$T/k9.log"
fi
for _d in /sys/fs/cgroup/*/"$kcg" /sys/fs/cgroup/"$kcg"; do
	[ -d "$_d" ] || continue
	find "$_d" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null
	rmdir "$_d" 2>/dev/null
done

# ---- SIGTERM to harnessd with calls under way ----
# Each is answered, and says why: a stream ends with an error event, a
# request with 503 shutting_down, a call waiting for approval leaves
# hitld's queue; the runs end.  The log says nothing was lost.
scg=harness-test-st-$$
sed "s/^\([[:space:]]*\)sandbox user .*/&\\
\1cgroup \"$scg\"/" "$conf" >"$T/st.conf"
for d in hitld sandboxd harnessd; do
	"$BIN/$d" -d -f "$T/st.conf" -p "$T/st-$d.pid" >"$T/st-$d.log" 2>&1 &
	wait_for "$T/st-$d.log" "ready: [0-9]* processes" 15 ||
	    diag "$d did not start"
done
sock=$T/run/agent.sock
slp='python3 -c \"import time; time.sleep(31.25)\"'
curl -sN --unix-socket "$sock" -d "{\"command\":\"$slp\"}" \
    'http://x/v1/tools/shell/call?stream=1' >"$T/st-sse" 2>&1 &
curl -s --unix-socket "$sock" \
    -d '{"argv":["python3","-c","import time; time.sleep(31.25)"]}' \
    http://x/v1/exec >"$T/st-exec" 2>&1 &
"$BIN/harnessctl" -f "$T/st.conf" exec -- rm -rf /nonexistent/st \
    >"$T/st-ask" 2>&1 &
apid=$!
# at least N sandboxed programs sleeping S seconds
sleepers() {
	[ "$(pgrep -c -u _sandbox -f "time.sleep\\($2\\)")" -ge "$1" ]
}
under_way() {
	sleepers 2 31.25 && grep -q "waits for approval" "$T/st-harnessd.log"
}
wait_until 10 under_way
hdpid=$(cat "$T/st-harnessd.pid")
kill -TERM "$hdpid"
wait_gone "$hdpid" 10
ok $? "SIGTERM with calls under way: harnessd exits"
wait "$apid"
arc=$?
sleep 0.5
grep -q '^event: error' "$T/st-sse" &&
    grep -q '"code":"shutting_down"' "$T/st-sse"
ok $? "SIGTERM: a stream under way ends with an error event saying why ($(tr '\n' ' ' <"$T/st-sse"))"
grep -q '"code":"shutting_down","message":"harnessd is shutting down"' \
    "$T/st-exec"
ok $? "SIGTERM: a request under way is answered 503 shutting_down ($(cat "$T/st-exec"))"
[ $arc -eq 1 ] && grep -q "harnessd is shutting down" "$T/st-ask" &&
    [ -z "$(ctl approve -l 2>/dev/null | grep '^#')" ]
ok $? "SIGTERM: a call waiting for approval is refused and leaves the queue ($arc: $(tr '\n' ' ' <"$T/st-ask"))"
[ "$(pgrep -c -u _sandbox -f 'time.sleep\(31.25\)')" -eq 0 ] &&
    ! grep -q "lost channel\|terminating after" "$T/st-harnessd.log" &&
    grep -q "cancelled, harnessd is shutting down" "$T/st-harnessd.log" &&
    ! grep -q "the client went away" "$T/st-harnessd.log"
ok $? "SIGTERM: the runs are ended, and harnessd stops cleanly, saying why each call went"
for d in sandboxd hitld; do
	_p=$(cat "$T/st-$d.pid" 2>/dev/null) && kill -TERM "$_p" &&
	    wait_gone "$_p" 10
done

# ---- SIGTERM to sandboxd with a run under way ----
# The requester is told sandboxd is shutting down, not that it failed;
# the run is logged and recorded as killed.
"$BIN/sandboxd" -d -f "$T/st.conf" -p "$T/st-sandboxd.pid" \
    >"$T/st-sandboxd.log" 2>&1 &
wait_for "$T/st-sandboxd.log" "ready: [0-9]* processes" 15 ||
    diag "sandboxd did not start"
"$BIN/harnessctl" -f "$T/st.conf" sandbox run -- python3 -c \
    'import time; time.sleep(32.25)' >"$T/st-run" 2>&1 &
rpid=$!
wait_until 10 sleepers 1 32.25
sdpid=$(cat "$T/st-sandboxd.pid")
kill -TERM "$sdpid"
wait_gone "$sdpid" 10
ok $? "SIGTERM with a run under way: sandboxd exits"
wait "$rpid"
rrc=$?
[ $rrc -ne 0 ] &&
    grep -q "sandboxd is shutting down: the run was stopped" "$T/st-run" &&
    grep -q "sandbox.exit: run .* killed: sandboxd is shutting down" \
    "$T/st-sandboxd.log" &&
    [ "$(pgrep -c -u _sandbox -f 'time.sleep\(32.25\)')" -eq 0 ]
ok $? "SIGTERM: the requester is told sandboxd is shutting down, the run is logged as killed ($rrc: $(tr '\n' ' ' <"$T/st-run"))"

for _d in /sys/fs/cgroup/*/"$scg" /sys/fs/cgroup/"$scg"; do
	[ -d "$_d" ] && rmdir "$_d" 2>/dev/null
done

# ---- make run, then make stop with nobody reaping the daemons ----
# scripts/run start leaves the daemons to whoever adopts orphans; here
# a subreaper that does not reap them until the end, as an init that
# never does: each exited daemon stays a zombie, which kill -0 still
# finds.  stop must see them gone at once, not wait and kill them.
mr=$T/mr
mkdir -p "$mr"
chmod 755 "$mr"
sed -e "s|/run/harness|$mr/sock|g" -e "s|/var/lib/harness|$mr/state|g" \
    -e "s/^\([[:space:]]*\)sandbox user .*/&\\
\1cgroup \"harness-test-mr-$$\"/" \
    "$TOP/etc/harness.conf.sample" >"$mr/harness.conf"
cat >"$T/reaper.py" <<'EOF'
import ctypes, os, subprocess, sys, time
top, build, rundir = sys.argv[1:4]
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)	# PR_SET_CHILD_SUBREAPER
env = dict(os.environ, RUNDIR=rundir)
run = top + "/scripts/run"
r = subprocess.run(["sh", run, "start", build], env=env, timeout=120,
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print("start", r.returncode, r.stderr.replace("\n", " "))
t0 = time.time()
r = subprocess.run(["sh", run, "stop", build], env=env, timeout=120,
    capture_output=True, text=True)
took = time.time() - t0
zombies = 0
for d in os.listdir("/proc"):
    try:
        with open("/proc/%s/stat" % d) as f:
            st = f.read()
    except (OSError, ValueError):
        continue
    fields = st[st.rindex(")") + 2:].split()
    if fields[0] == "Z" and int(fields[1]) == os.getpid():
        zombies += 1
print("stop", r.returncode, "%.1f" % took, "zombies", zombies)
sys.stdout.write(r.stdout + r.stderr)
# Reap them now; whatever is left goes to init when we exit.
end = time.time() + 10
while time.time() < end:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        time.sleep(0.05)
EOF
timeout 300 python3 "$T/reaper.py" "$TOP" "$(basename "$BUILD")" "$mr" \
    >"$T/reaper.out" 2>&1
grep -q '^start 0 ' "$T/reaper.out" &&
    grep -q '^stop 0 [0-3]\.[0-9] zombies [1-9]' "$T/reaper.out" &&
    [ "$(grep -c '^stop: .* stopped$' "$T/reaper.out")" -eq 5 ] &&
    ! grep -q 'did not exit' "$T/reaper.out"
ok $? "make stop: daemons that exited but are not reaped are stopped, not killed ($(tr '\n' ' ' <"$T/reaper.out"))"
for _p in "$mr"/*.pid; do
	[ -f "$_p" ] && kill -KILL "$(cat "$_p")" 2>/dev/null
done
for _d in /sys/fs/cgroup/*/harness-test-mr-$$ /sys/fs/cgroup/harness-test-mr-$$; do
	[ -d "$_d" ] && rmdir "$_d" 2>/dev/null
done

# ---- harnessctl sandbox run ----
dd if=/dev/zero of="$T/big.sh" bs=1M count=17 2>/dev/null
out=$(ctl sandbox run -n -l sh -F "$T/big.sh" 2>&1)
rc=$?
[ $rc -eq 125 ] && echo "$out" | grep -q "more than"
ok $? "sandbox run -F with code over the limit exits 125"
[ $rc -eq 125 ] || diag "rc $rc: $out"
"$BIN/harnessctl" >"$T/usage" 2>&1
grep -q 'sandbox run \[-Hnv\]' "$T/usage"
ok $? "harnessctl usage lists sandbox run -H"

t_exit
