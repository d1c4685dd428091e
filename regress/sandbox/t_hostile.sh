#!/bin/sh
# Hostile programs against the sandbox (sandboxd/spawn.c through sbxrun).
# Each program runs in its own sandbox and its outcome is asserted; the
# host is checked unchanged at the end: no processes of the sandbox user,
# no new mounts, no files outside the workspace, no new sockets, no
# sandbox cgroups left, canary files untouched.
. "$TOP/regress/lib.sh"

SBX=$BUILD/regress/sandbox/sbxrun
SRC=$TOP/regress/sandbox/hostile

if [ "$(id -u)" -ne 0 ]; then
	skip "hostile suite" "needs root (namespaces, cgroups, uid maps)"
	exit 0
fi
if [ ! -x "$SBX" ]; then
	skip "hostile suite" "sbxrun not built"
	exit 0
fi
if ! command -v cc >/dev/null 2>&1; then
	skip "hostile suite" "no C compiler"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "hostile suite" "python3 missing"
	exit 0
fi

IDS=$("$SBX" -U)
SUID=${IDS%%:*}
SGID=${IDS##*:}
TD=$(mktemp -d /tmp/harness-hostile.XXXXXX)	# root-only: results, logs
WS=$(mktemp -d /tmp/harness-ws.XXXXXX)		# the sandbox's /work
VAULT=$TD/vault
AUDIT=$TD/audit
CANARY=/tmp/harness-canary.$$
SLEEPER=
TCPPID=
UNIXPID=
ABSPID=

cleanup() {
	for p in $SLEEPER $TCPPID $UNIXPID $ABSPID; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	[ -n "${KEEP:-}" ] && return; rm -rf "$TD" "$WS" "$CANARY"
}
trap cleanup EXIT INT TERM

chmod 700 "$TD"
mkdir -p "$WS/bin" "$VAULT" "$AUDIT"
chmod 700 "$VAULT" "$AUDIT"
echo "vault-secret-value" >"$VAULT/master.key"
echo "audit-record" >"$AUDIT/audit.db"
chmod 600 "$VAULT/master.key" "$AUDIT/audit.db"
echo "host canary" >"$CANARY"
chmod 644 "$CANARY"

# The hostile programs: plain cc, into the workspace.
for f in "$SRC"/*.c; do
	n=$(basename "$f" .c)
	if ! cc -D_GNU_SOURCE -O1 -w -o "$WS/bin/$n" "$f"; then
		diag "cannot compile $n"
	fi
done
# A setuid-root binary planted in the workspace.
cp "$WS/bin/idcheck" "$WS/bin/suidcheck"
chown 0:0 "$WS/bin/suidcheck"
chmod 4755 "$WS/bin/suidcheck"
chown "$SUID:$SGID" "$WS"

# Host state before.
snap() {
	sed 's/^[0-9]* [0-9]* //' /proc/self/mountinfo | sort >"$TD/mounts.$1"
	# Listeners and live connections only: TIME-WAIT leftovers of
	# other tests come and go on their own.
	ss -Htan state listening state established 2>/dev/null |
	    awk '{print $1, $4}' | sort -u >"$TD/sockets.$1"
	sha256sum /etc/passwd /etc/shadow /etc/hosts "$CANARY" \
	    "$VAULT/master.key" "$AUDIT/audit.db" >"$TD/sums.$1"
	find /tmp /var/tmp /dev/shm /run -xdev -uid "$SUID" 2>/dev/null |
	    grep -v "^$WS" | sort >"$TD/files.$1"
}
snap before

# Peers on the host: a sleeper, a TCP server, a Unix socket server.
sleep 600 &
SLEEPER=$!
cat >"$TD/servers.py" <<'EOF'
import os, socket, sys
kind, arg, log = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == "tcp":
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
else:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if arg.startswith("@"):
        s.bind("\0" + arg[1:])
    else:
        s.bind(arg)
    port = 0
s.listen(16)
with open(log, "w") as f:
    f.write("ready %d\n" % port)
s.settimeout(300)
while True:
    try:
        c, _ = s.accept()
    except socket.timeout:
        break
    with open(log, "a") as f:
        f.write("accepted\n")
    c.close()
EOF
python3 "$TD/servers.py" tcp - "$TD/tcp.log" &
TCPPID=$!
USOCK=$TD/unix.sock
ABSTRACT=harness-hostile-$$
python3 "$TD/servers.py" unix "$USOCK" "$TD/unix.log" &
UNIXPID=$!
python3 "$TD/servers.py" unix "@$ABSTRACT" "$TD/abstract.log" &
ABSPID=$!
wait_for "$TD/tcp.log" ready || diag "tcp server did not start"
wait_for "$TD/unix.log" ready || diag "unix server did not start"
wait_for "$TD/abstract.log" ready || diag "abstract server did not start"
PORT=$(awk '/ready/ {print $2}' "$TD/tcp.log")
snap during

# run NAME [sbxrun options] -- argv: one sandbox; sets R (result line)
# and O (output file).
run() {
	_name=$1
	shift
	O=$TD/out.$_name
	"$SBX" -r "$TD/res.$_name" -w "$WS" -t 10000 "$@" >"$O" 2>&1
	R=$(cat "$TD/res.$_name" 2>/dev/null)
}
field() {
	echo "$R" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1
}
# expect NAME REASON [SYSCALL]: the result and, for programs that report,
# a "VERDICT contained" line with no ESCAPE.
expect() {
	_n=$1 _reason=$2 _sys=${3:-}
	_r=$(field reason)
	_ok=0
	[ "$_r" = "$_reason" ] || _ok=1
	[ -z "$_sys" ] || [ "$(field syscall)" = "$_sys" ] || _ok=1
	grep -q '^ESCAPE' "$O" && _ok=1
	if [ $_ok -ne 0 ]; then
		diag "$_n: $R"
		sed 's/^/#   /' "$O" | head -20
	fi
	ok $_ok "$_n: $_reason${_sys:+ ($_sys)}"
}
contained() {
	_n=$1
	_ok=0
	[ "$(field reason)" = exited ] && [ "$(field code)" = 0 ] || _ok=1
	grep -q '^VERDICT contained' "$O" || _ok=1
	grep -q '^ESCAPE' "$O" && _ok=1
	if [ $_ok -ne 0 ]; then
		diag "$_n: $R"
		sed 's/^/#   /' "$O" | head -20
	fi
	ok $_ok "$_n: contained"
}

# 1-3: resource bombs
run forkbomb -p 32 -t 3000 -- /work/bin/forkbomb
expect "fork bomb" pids
run membomb -m 64M -- /work/bin/membomb
expect "memory bomb" memory
run spin -t 1000 -c 60000 -- /work/bin/spin
expect "cpu spinner past wall time" timeout
run cpuspin -t 20000 -c 500 -- /work/bin/spin
expect "cpu spinner past cpu time" timeout

# 5-6: disk fillers
run tmpfill -T 8M -- /work/bin/diskfill /tmp/fill 8388608
contained "fill /tmp (8M tmpfs)"
run workfill -f 4M -- /work/bin/diskfill /work/fill 4194304
sz=$(stat -c %s "$WS/fill" 2>/dev/null || echo 0)
[ "$sz" -le 4194304 ] || { diag "workspace file is $sz bytes"; echo "ESCAPE" >>"$O"; }
contained "fill /work (4M fsize)"
rm -f "$WS/fill"
run shmfill -T 8M -- /work/bin/diskfill /dev/shm/fill 8388608
contained "fill /dev/shm (shares /tmp's size)"

# 8-11: writes outside the workspace
run wusr -- /work/bin/fswrite /usr/bin/sh /usr/lib /usr
contained "write to /usr"
run wetc -- /work/bin/fswrite /etc/passwd /etc/hosts /etc /
contained "write to /etc and /"
run wproc -- /work/bin/fswrite /proc/sys/kernel/hostname \
    /proc/sys/vm/drop_caches /proc/sysrq-trigger /proc/sys/kernel/core_pattern
contained "write to /proc/sys, sysrq-trigger"
run wsys -- /work/bin/fswrite /sys/kernel/uevent_helper /sys/fs/cgroup \
    /sys/power/state
contained "write to /sys"

# 12-16: reads of host secrets
run rshadow -- /work/bin/fsread /etc/shadow /etc/gshadow /etc/sudoers
contained "read /etc/shadow"
run rroot -- /work/bin/fsread /root /root/.bashrc /home
contained "read /root"
run renviron -- /work/bin/fsread /proc/1/environ \
    /proc/1/root /proc/kcore /proc/keys
contained "read /proc/1/environ, kcore, keys"
run rvault -- /work/bin/fsread "$VAULT/master.key" "$VAULT" "$TD"
contained "read the host vault directory"
run raudit -- /work/bin/fsread "$AUDIT/audit.db" "$AUDIT" /var/log
contained "read the host audit directory"

# 17-19: network
run tcp -- /work/bin/tcpconnect "$PORT"
contained "connect to host 127.0.0.1:$PORT"
run unix -- /work/bin/unixconnect "$USOCK" "$ABSTRACT"
contained "connect to host unix and abstract sockets"
run raw -- /work/bin/rawsock
contained "raw, packet, non-route netlink sockets"

# 20-29: the seccomp kill list
run ptrace -- /work/bin/ptrace
expect "ptrace a sibling" seccomp ptrace
run mount -- /work/bin/mount
expect "mount" seccomp mount
run setns -- /work/bin/setns
expect "setns" seccomp setns
run chroot -- /work/bin/chroot
expect "chroot escape" seccomp chroot
run pivot -- /work/bin/pivot
expect "pivot_root" seccomp pivot_root
run bpf -- /work/bin/bpf
expect "bpf" seccomp bpf
run module -- /work/bin/module
expect "finit_module" seccomp finit_module
run initmodule -- /work/bin/initmodule
expect "init_module" seccomp init_module
run tiocsti -- /work/bin/tiocsti
expect "TIOCSTI" seccomp ioctl
run tiocstihi -- /work/bin/tiocsti high
expect "TIOCSTI with high bits (CVE-2019-10063)" seccomp ioctl
run vmread -- /work/bin/vmread
expect "process_vm_readv" seccomp process_vm_readv
run handle -- /work/bin/handle
expect "open_by_handle_at" seccomp open_by_handle_at
run x32 -- /work/bin/x32
expect "x32 ABI syscall" seccomp
run i386 -- /work/bin/i386
expect "i386 int 0x80" seccomp

# 34-37: refused with an errno
run unshare -- /work/bin/unshare
contained "unshare/clone with namespace flags, clone3"
run refused -- /work/bin/refused
contained "perf_event_open, userfaultfd, io_uring, keyctl"
run perf -- /work/bin/perf
contained "perf_event_open system-wide"
run personality -- /work/bin/personality
contained "personality beyond PER_LINUX"

# 38-41: files
run setuid -- /work/bin/setuid /work/bin/suidcheck
contained "setuid-root binary in /work"
run links -- /work/bin/links "$CANARY"
contained "symlink and hard link to host files"
run procexe -- /work/bin/procexe
contained "/proc/self/exe and init's /proc entries"
run stagews -w //sys/./kernel -- /bin/true
[ "$(field reason)" = setup-failed ] &&
    echo "$R" | grep -q 'workspace may not be under /sys'
ok $? "a workspace under /sys (where roots are built) is refused"
run secrets -s SBX_TOKEN=tok-123 -F apikey=key-456 -- /work/bin/secrets
contained "secrets granted, read-only"

# 42-43: kill everything visible; the host's sleeper must live
run killall -- /work/bin/killall
contained "kill -9 on pids 1..32768"
kill -0 "$SLEEPER" 2>/dev/null
ok $? "host sleeper survived"

# 44-45: huge argv/env
run bigargv -- /work/bin/bigargv
contained "exec with argv+env past ARG_MAX"
big=$(seq 1 60000 | tr '\n' ' ')
run bigcmd -- /bin/sh -c 'echo $#' sh $big
[ "$(field reason)" = exited ] && [ "$(cat "$O")" = 60000 ]
ok $? "60000 arguments passed through"

# 46-47: output
run flood -o 65536 -- /usr/bin/yes hostile
_ok=0
[ "$(field reason)" = output-limit ] && [ "$(field truncated)" = 1 ] || _ok=1
[ "$(wc -c <"$O")" -eq 65536 ] || _ok=1
ok $_ok "output flood: output-limit, cut at exactly the limit, marked"
run flooderr -o 65536 -- /bin/sh -c 'yes err >&2'
[ "$(field reason)" = output-limit ]
ok $? "stderr flood: output-limit"

# 48: pipes
run pipes -t 5000 -- /work/bin/pipes
_ok=0
[ "$(field reason)" = exited ] && [ "$(field code)" = 0 ] || _ok=1
for w in one two three four; do grep -q "^$w\$" "$O" || _ok=1; done
[ "$(field wall_ms)" -lt 4000 ] || _ok=1
ok $_ok "strange close/dup of the pipes, lingering holder"

# 49: double fork
run dfork -- /work/bin/doublefork
[ "$(field reason)" = exited ]
ok $? "double fork: run ends with the parent"
s1=$(stat -c %s "$WS/grandchild.alive" 2>/dev/null || echo 0)
sleep 1.5
s2=$(stat -c %s "$WS/grandchild.alive" 2>/dev/null || echo 0)
[ "$s1" = "$s2" ]
ok $? "double fork: the grandchild is gone"

# 52-56: the same through a pre-made (pooled) sandbox
run pptrace -P 1 -- /work/bin/ptrace
expect "pooled: ptrace" seccomp ptrace
run pmembomb -P 1 -m 64M -- /work/bin/membomb
expect "pooled: memory bomb" memory
run psecrets -P 2 -s SBX_TOKEN=tok-123 -F apikey=key-456 -- /work/bin/secrets
contained "pooled: secrets granted, read-only"
run prshadow -P 1 -- /work/bin/fsread /etc/shadow /root "$VAULT/master.key"
contained "pooled: host secrets unreadable"
run pforkbomb -P 1 -p 32 -t 3000 -- /work/bin/forkbomb
expect "pooled: fork bomb" pids

# The host's network, asked for: the same server is reached (so the
# tcp test above would see an escape), the filter's socket rules stay.
python3 "$TD/servers.py" tcp - "$TD/tcp2.log" &
TCP2PID=$!
wait_for "$TD/tcp2.log" ready || diag "second tcp server did not start"
PORT2=$(awk '/ready/ {print $2}' "$TD/tcp2.log")
run hnet -H -l python3 -e "import socket
socket.create_connection(('127.0.0.1', $PORT2), 5).close()
print('reached')
print(open('/etc/nsswitch.conf').read())"
_ok=0
[ "$(field reason)" = exited ] && [ "$(field code)" = 0 ] || _ok=1
grep -q '^reached' "$O" && grep -q '^hosts: files dns' "$O" || _ok=1
wait_for "$TD/tcp2.log" accepted || _ok=1
[ $_ok -eq 0 ] || { diag "hnet: $R"; sed 's/^/#   /' "$O" | head; }
ok $_ok "host network: 127.0.0.1 reached, names looked up in DNS"
run hraw -H -- /work/bin/rawsock
contained "host network: raw, packet, non-route netlink sockets"
run hptrace -H -- /work/bin/ptrace
expect "host network: ptrace a sibling" seccomp ptrace
kill $TCP2PID 2>/dev/null; wait $TCP2PID 2>/dev/null

# The host afterwards.
snap after
n=$(ps -e -o uid= | awk -v u="$SUID" '$1 == u' | wc -l)
[ "$n" -eq 0 ]
ok $? "no process of the sandbox user left ($n)"
diff "$TD/mounts.before" "$TD/mounts.after" >"$TD/mounts.diff"
ok $? "host mounts unchanged"
[ -s "$TD/mounts.diff" ] && sed 's/^/#   /' "$TD/mounts.diff" | head
diff "$TD/sums.before" "$TD/sums.after" >/dev/null
ok $? "host files unchanged (passwd, shadow, hosts, canary, vault, audit)"
# New ones only: other tests' directories kept with KEEP_T hold their
# own workspaces.
n=$(comm -13 "$TD/files.before" "$TD/files.after" | wc -l)
[ "$n" -eq 0 ]
ok $? "no files of the sandbox user outside the workspace ($n)"
comm -13 "$TD/files.before" "$TD/files.after" | sed 's/^/#   /' | head
# New sockets are what counts; ones that went away are other tests'.
comm -13 "$TD/sockets.during" "$TD/sockets.after" >"$TD/sockets.diff"
_ok=0
[ -s "$TD/sockets.diff" ] && _ok=1
grep -q accepted "$TD/tcp.log" "$TD/unix.log" "$TD/abstract.log" && _ok=1
ok $_ok "no new connections or listeners, servers saw no client"
n=0
for d in /sys/fs/cgroup/*/harness-sandbox /sys/fs/cgroup/harness-sandbox \
    /sys/fs/cgroup/memory/*/*/harness-sandbox; do
	[ -d "$d" ] || continue
	c=$(find "$d" -mindepth 1 -maxdepth 1 -type d | wc -l)
	n=$((n + c))
done
[ "$n" -eq 0 ]
ok $? "no sandbox cgroups left ($n)"

t_exit
