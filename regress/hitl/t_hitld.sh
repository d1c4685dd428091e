# hitld end to end: classification by the configured rules through the
# daemon, approvals answered in a real terminal (harnessctl approve in
# tmux) and from the command line, allow-for-session, two approvers
# racing, timeout, a requester going away, reload with a request
# pending, and hitld dying under a waiting request.
. "$TOP/regress/lib.sh"

needs "hitld" root

suite_setup
TM="hitl$$"
trap 'tmux -L "hitl$$" kill-server 2>/dev/null;
    tmux -L "hitl$$.2" kill-server 2>/dev/null; suite_cleanup' EXIT
sed -i -e 's/timeout 60s/timeout 30s/' "$conf"
cat >>"$conf" <<'EOF'

rule "wipe-root" {
	command { "rm -rf /" }
	risk critical
}

rule "plain-http" {
	tool { "fetch" }
	arg "$.url" { "http://*" }
	risk medium
}

rule "any-network" {
	network any
	risk high
}
EOF

suite_start auditd hitld || { ok 1 "hitld starts"; t_exit; }
ok 0 "hitld starts"

# classify OUT ARGS...: run `hitl classify` into OUT; its status in OUT.rc.
classify() {
	_o=$1
	shift
	rm -f "$_o" "$_o.rc"
	( ctl hitl classify "$@" >"$_o" 2>&1; echo $? >"$_o.rc" )
}
classify_bg() {
	_o=$1
	shift
	rm -f "$_o" "$_o.rc"
	( ctl hitl classify "$@" >"$_o" 2>&1; echo $? >"$_o.rc" ) &
}
# request id of a queued classify
reqid() {
	wait_for "$1" "^request: " 10 || return 1
	sed -n 's/^request: \([0-9]*\).*/\1/p' "$1"
}
has() {
	grep -q -- "$2" "$1"
	echo $?
}
pane() {
	tmux -L "$TM" capture-pane -p -t t
}
# wait_pane PATTERN: until the tmux pane shows PATTERN
wait_pane() {
	_n=200
	while [ $_n -gt 0 ]; do
		pane | grep -q -- "$1" && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# ---- classification ----
classify "$T/c" shell -c 'ls -l /tmp'
ok "$(has "$T/c" '^decision: allow')" "ls: allowed"
ok "$(has "$T/c" '^rule: harmless (.*harness.conf:[0-9]*)')" \
    "ls: rule harmless with file:line"
ok "$(has "$T/c" '^level: low')" "ls: level low"
ok "$(cat "$T/c.rc")" "ls: exit 0"

classify "$T/c" shell -c 'cd /; rm -rf /'
ok "$(has "$T/c" '^decision: deny')" "rm -rf /: denied at once"
ok "$(has "$T/c" '^level: critical')" "rm -rf /: critical"
ok "$(has "$T/c" '^rule: wipe-root')" "rm -rf /: rule wipe-root"
ok "$(has "$T/c" '^reason: denied by policy')" "rm -rf /: by policy"
[ "$(cat "$T/c.rc")" = 1 ]
ok $? "rm -rf /: exit 1"

classify "$T/c" shell -s "$(printf 'a\tb')" -c 'ls -l /tmp'
ok "$(has "$T/c" '^decision: deny')" "a session with a control character: denied"
ok "$(has "$T/c" 'bad session: .*no control characters')" \
    "a session with a control character: the reason says why"

classify "$T/c" fetch -a '{"url": "http://example.com/x"}'
ok "$(has "$T/c" '^rule: plain-http')" "fetch: arg \$.url rule"
ok "$(has "$T/c" '^decision: allow')" "fetch: medium is allowed"

classify "$T/c" exec -- /bin/echo hello
ok "$(has "$T/c" '^decision: allow')" "argv echo: allowed"

classify "$T/c" fetch -a '{"url": '
ok "$(has "$T/c" 'not valid JSON')" "bad JSON: denied with reason"

# ---- dry run (-d): the config file's rules, nothing queued ----
classify "$T/c" -d shell -c 'cd /; rm -rf /'
ok "$(has "$T/c" '^rule: wipe-root')" "dry run: same rule as hitld"
ok "$(has "$T/c" '^decision: deny')" "dry run: deny"
[ "$(cat "$T/c.rc")" = 1 ]
ok $? "dry run: deny exits 1"
classify "$T/c" -d shell -c 'cd /tmp && rm -r build'
ok "$(has "$T/c" '^decision: ask')" "dry run: ask, without waiting"
ok "$(has "$T/c" '^commands: 2 (1 matched no rule)')" \
    "dry run: counts the commands and those no rule matched"
ok "$(has "$T/c" '^reason: dry run with the [0-9]* rules of')" \
    "dry run: says so"
[ "$(cat "$T/c.rc")" = 2 ]
ok $? "dry run: ask exits 2"
[ "$(has "$T/c" '^request:')" = 1 ]
ok $? "dry run: no request id"
ctl approve -l >"$T/l" 2>&1
ok "$(has "$T/l" 'no pending requests')" "dry run: nothing queued"
classify "$T/c" -d fetch -a '{"url": '
ok "$(has "$T/c" 'not valid JSON')" "dry run: bad JSON denied as by hitld"
# A request larger than one message travels in a memfd: classified by
# hitld as by the dry run.
big="ls -l /tmp $(printf '%020000d' 0)"
classify "$T/c" shell -c "$big"
classify "$T/cd" -d shell -c "$big"
ok "$(has "$T/c" '^decision: allow')" \
    "a 20 KB command line: classified by hitld ($(grep reason: "$T/c"))"
[ "$(grep '^level:\|^rule:' "$T/c")" = "$(grep '^level:\|^rule:' "$T/cd")" ] &&
    ! grep -q 'too large' "$T/c" "$T/cd"
ok $? "...as the dry run classifies it"
python3 -c 'import json; print(json.dumps({"url": "http://x/", "pad": "b" * 60000}))' >"$T/big.json"
classify "$T/c" fetch -a @"$T/big.json"
ok "$(has "$T/c" '^rule: plain-http')" \
    "60 KB of JSON arguments (-a @file): the arg rule holds ($(grep reason: "$T/c"))"
# What hitld cannot take: denied by both, for the same reason.
python3 -c 'import json; print(json.dumps({"pad": "c" * (5 << 20)}))' >"$T/huge.json"
classify "$T/c" fetch -a @"$T/huge.json"
ok "$(has "$T/c" '^reason: request too large to classify')" \
    "a request too large to send (5 MB): denied"
classify "$T/c" -d fetch -a @"$T/huge.json"
ok "$(has "$T/c" '^reason: request too large to classify')" \
    "dry run: a request too large for hitld is denied as by hitld"
[ "$(cat "$T/c.rc")" = 1 ]
ok $? "dry run: too large exits 1"
rm -f "$T/huge.json"
classify "$T/c" fetch -a @"$T/nonexistent.json"
[ "$(cat "$T/c.rc")" = 1 ] && grep -q 'nonexistent.json: No such file' "$T/c"
ok $? "-a @file that is not there: named, exit 1"
# A rule not yet loaded: the dry run of the edited file sees it, hitld
# does not until SIGHUP.
cp "$conf" "$T/edited.conf"
cat >>"$T/edited.conf" <<'EOF2'
rule "no-make" {
	command { "make *" }
	risk critical
}
EOF2
"$BIN/harnessctl" -f "$T/edited.conf" hitl classify -d shell -c 'make all' \
    >"$T/c" 2>&1
ok "$(has "$T/c" '^rule: no-make (.*edited.conf:[0-9]*)')" \
    "dry run: an edited file's new rule, before any reload"
"$BIN/harnessctl" -f "$T/none.conf" hitl classify -d shell -c ls \
    >"$T/c" 2>&1
[ $? -eq 1 ] && grep -q "none.conf" "$T/c"
ok $? "dry run: a missing config file is an error naming it"

# path write: from harness.conf through to the classifier.
cp "$conf" "$T/writes.conf"
cat >>"$T/writes.conf" <<'EOF2'
rule "etc-writes" {
	path write { "/etc/*" }
	risk critical
}
EOF2
wclassify() {
	"$BIN/harnessctl" -f "$T/writes.conf" hitl classify "$@" >"$T/c" 2>&1
}
for l in 'echo x > /etc/motd' 'cp /tmp/a /etc/motd' 'sudo cat /etc/motd' \
    'sort -o /etc/motd /tmp/a' "sed -n 'w /tmp/b' /etc/motd"; do
	wclassify -d shell -c "$l"
	grep -q '^rule: etc-writes (.*writes.conf:[0-9]*)' "$T/c" &&
	    grep -q 'written path `/etc/motd`' "$T/c"
	ok $? "path write: $l"
done
for l in 'cat /etc/motd | grep x > /tmp/out' 'sort /etc/motd' \
    'sed -n 1,5p /etc/motd' 'find /etc/motd -type f'; do
	wclassify -d shell -c "$l"
	! grep -q etc-writes "$T/c"
	ok $? "path write: $l only reads"
done
wclassify -d read_file -a '{"path":"/etc/motd"}'
! grep -q etc-writes "$T/c"
ok $? "path write: read_file only reads"

# sample_rule RULE LEVEL LINE...: the sample's RULE decides each LINE,
# at LEVEL.
sample_rule() {
	_r=$1
	_l=$2
	shift 2
	for l in "$@"; do
		wclassify -d shell -c "$l"
		grep -q "^rule: $_r " "$T/c" && grep -q "^level: $_l" "$T/c"
		ok $? "sample $_r: $l"
	done
}

# The sample's startup-files: the files a shell reads as it starts or
# enters a directory, written; read, they are not asked about.
sample_rule startup-files high 'echo "alias ls=x" >> ~/.bash_aliases' \
    'ls > ~/.bashrc.d/x' 'echo "x" > .envrc' 'cat a >> ~/.zlogin' \
    'cp a ~/.zlogout' 'echo LD_PRELOAD=x > ~/.config/environment.d/a.conf'
wclassify -d shell -c 'cat ~/.bash_aliases .envrc ~/.zlogin'
! grep -q startup-files "$T/c"
ok $? "sample startup-files: reading them is not asked about"
sample_rule raw-devices high 'cat /dev/urandom > /dev/sda' \
    'dd if=x.img of=/dev/nvme0n1' 'mkfs.ext4 /dev/vdb1' \
    'echo x | tee /dev/mapper/root'
wclassify -d shell -c 'echo x > /dev/null; ls /dev/sdx1 >/dev/stderr'
! grep -q raw-devices "$T/c"
ok $? "sample raw-devices: /dev/null written and a disk only listed"
# The sample's kernel-settings: the running kernel's settings and
# triggers, written; read, they are not asked about.
sample_rule kernel-settings high 'echo 1 > /proc/sys/net/ipv4/ip_forward' \
    'echo b > /proc/sysrq-trigger' 'echo 1 > /sys/class/leds/x/brightness' \
    'sysctl -w kernel.x=1' 'sysctl -p'
wclassify -d shell -c 'cat /proc/sys/kernel/hostname; ls /sys; sysctl -a'
! grep -q kernel-settings "$T/c"
ok $? "sample kernel-settings: reading them is not asked about"

# ---- approve -l and approve ID from the command line ----
classify_bg "$T/a" shell -s s1 -c 'rm -r /tmp/build'
id=$(reqid "$T/a")
ok $? "ask: request queued"
ctl approve -l >"$T/l" 2>&1
ok "$(has "$T/l" "#$id  risk high  session s1  tool shell")" \
    "approve -l lists it"
ok "$(has "$T/l" 'rm -r /tmp/build')" "approve -l shows the command"
ctl approve "$id" deny >"$T/d" 2>&1
ok $? "approve ID deny: exit 0"
classify_bg "$T/b" shell -s s1 -c "$(printf 'echo l%d\n' $(seq 40)); rm -r /x"
idb=$(reqid "$T/b")
ctl approve -l >"$T/l" 2>&1
ctl approve -l -a >"$T/la" 2>&1
grep -q '^ *\.\.\.$' "$T/l" && ! grep -q 'echo l40' "$T/l" &&
    grep -q 'echo l40' "$T/la" && grep -q 'rm -r /x' "$T/la" &&
    ! grep -q '^ *\.\.\.$' "$T/la"
ok $? "approve -l cuts a long call and says so; -l -a lists it whole"
ctl approve -a >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "approve -a without -l: usage, exit 64"
# An ask larger than a message reaches approvers whole (in a memfd).
python3 -c 'import json; print(json.dumps({"command": "rm -r /y; echo " + "d" * 40000 + " end-of-big"}))' >"$T/bigask.json"
classify_bg "$T/g" shell -s s1 -a @"$T/bigask.json" -c "rm -r /y"
idg=$(reqid "$T/g")
ctl approve -l -a >"$T/la" 2>&1
ok "$(has "$T/la" "#$idg  risk high  session s1  tool shell")" \
    "a 40 KB request: approve -l lists it"
[ "$(tr -cd d <"$T/la" | wc -c)" -ge 40000 ] && grep -q 'd end-of-big' "$T/la"
ok $? "...whole, with -a"
ctl approve "$idg" deny >/dev/null 2>&1
wait_for "$T/g.rc" . 10
ok "$(has "$T/g" '^reason: denied by root')" "...and the answer reaches it"
ctl approve "$idb" deny >/dev/null 2>&1
wait_for "$T/a.rc" . 10
ok "$(has "$T/a" '^decision: deny')" "denied by approver"
ok "$(has "$T/a" '^reason: denied by root (uid 0)')" "who denied is named"
ctl approve "$id" allow >"$T/d" 2>&1
[ $? -eq 1 ]
ok $? "answering a decided request: exit 1"
ok "$(has "$T/d" "already decided: denied by root (uid 0)")" \
    "... says who decided"
classify_bg "$T/a" shell -c 'rm -r /tmp/nosession'
id=$(reqid "$T/a")
ctl approve "$id" session >"$T/d" 2>&1
[ $? -eq 1 ] && grep -q "has no session" "$T/d"
ok $? "allow for session without a session: refused"
ctl approve "$id" deny >/dev/null 2>&1
ctl approve </dev/null >"$T/d" 2>&1
[ $? -eq 1 ] && grep -q "needs a terminal" "$T/d"
ok $? "prompt without a terminal: exit 1"
ctl approve 99999 allow >"$T/d" 2>&1
[ $? -eq 1 ] && grep -q "unknown request 99999" "$T/d"
ok $? "unknown request: exit 1 with a message"

# ---- the directory a call runs in ----
ctl hitl classify -d -C /etc shell cat shadow >"$T/c" 2>&1
ok "$(has "$T/c" 'matched path `/etc/shadow`')" "-C /etc: cat shadow is /etc/shadow"
ctl hitl classify -d -C /tmp shell cat shadow >"$T/c" 2>&1
ok "$(has "$T/c" '^level: low')" "-C /tmp: cat shadow is not"
# A grant for the session holds for the same call in the same directory.
classify_bg "$T/a" shell -s g1 -C /srv/a -- rm -r x
id=$(reqid "$T/a")
ctl approve -l >"$T/l" 2>&1
ok "$(has "$T/l" 'in: /srv/a')" "approve -l shows the directory"
ctl approve "$id" session >/dev/null 2>&1
wait_for "$T/a.rc" . 10
ctl hitl classify -s g1 -C /srv/a shell -- rm -r x >"$T/c" 2>&1
ok "$(has "$T/c" 'allowed for session')" "session grant: same call, same directory"
classify_bg "$T/b" shell -s g1 -C /srv/b -- rm -r x
id=$(reqid "$T/b")
ok $? "session grant: not for another directory"
ctl approve "$id" deny >/dev/null 2>&1
classify_bg "$T/b" shell -s g1 -- rm -r x
id=$(reqid "$T/b")
ok $? "session grant: not for the workspace"
ctl approve "$id" deny >/dev/null 2>&1

# ---- an argv call's input and environment ----
echo 'echo hi; rm -rf /x' | ctl hitl classify -d -i exec -- sh >"$T/c" 2>&1
ok "$(has "$T/c" 'matched `rm -rf /x`')" "-i: a shell's script on stdin is parsed"
head -c 9000 /dev/zero | tr '\0' 'e' |
    ctl hitl classify -d -i exec -- sh >"$T/c" 2>&1
ok "$(has "$T/c" 'runs code not known before it runs')" \
    "-i: a shell's stdin too long to send is opaque"
echo 'rm -rf /x' | ctl hitl classify -d -i exec -- cat >"$T/c" 2>&1
ok "$(has "$T/c" '^level: low')" "-i: cat's stdin is only data"
ctl hitl classify -d -e 'PS4=$(rm -rf /y)' exec -- ls >"$T/c" 2>&1
ok "$(has "$T/c" 'matched `rm -rf /y`')" "-e: code in the environment is parsed"
# A grant names the input: other input asks again.
# in_bg OUT TEXT argv...: classify an exec reading TEXT, in the background
in_bg() {
	_o=$1 _t=$2
	shift 2
	rm -f "$_o" "$_o.rc"
	( printf '%s' "$_t" | ctl hitl classify -s g1 -i exec -- "$@" \
	    >"$_o" 2>&1; echo $? >"$_o.rc" ) &
}
in_bg "$T/a" 'rm -r a' sh
id=$(reqid "$T/a")
ctl approve -l >"$T/l" 2>&1
ok "$(has "$T/l" 'stdin| rm -r a')" "approve -l shows the input"
ctl approve "$id" session >/dev/null 2>&1
wait_for "$T/a.rc" . 10
printf 'rm -r a' | ctl hitl classify -s g1 -i exec -- sh >"$T/c" 2>&1
ok "$(has "$T/c" 'allowed for session')" "session grant: same input"
in_bg "$T/b" 'rm -r b' sh
id=$(reqid "$T/b")
ok $? "session grant: not for other input"
ctl approve "$id" deny >/dev/null 2>&1
wait_for "$T/b.rc" . 10
in_bg "$T/b" "$(head -c 9000 /dev/zero | tr '\0' 'r')" sh
id=$(reqid "$T/b")
ctl approve "$id" session >"$T/d" 2>&1
[ $? -eq 1 ] && grep -q "input too long to compare" "$T/d"
ok $? "session grant: refused for input too long to compare"
ctl approve "$id" deny >/dev/null 2>&1
wait_for "$T/b.rc" . 10
ctl hitl end-session g1 >/dev/null

# ---- end-session by the name a client gave (harnessd scopes it) ----
classify_bg "$T/a" shell -s g2.0123abcd -c 'rm -r /tmp/scoped'
id=$(reqid "$T/a")
ctl approve "$id" session >/dev/null 2>&1
wait_for "$T/a.rc" . 10
ctl hitl end-session g2 >"$T/es"
grep -q "^session g2: 1 allow-for-session grant dropped" "$T/es"
ok $? "end-session NAME drops NAME.TAG's grants ($(cat "$T/es"))"
ctl hitl end-session g2 >"$T/es"
grep -q "^session g2: no allow-for-session grants" "$T/es"
ok $? "end-session: says when there was none"
# Any session a call may name can be ended: a '/', 128 bytes.
for ses in 'odd/ses' "$(printf 'L%.0s' $(seq 128))"; do
	classify_bg "$T/a" shell -s "$ses" -c 'rm -r /tmp/odd'
	id=$(reqid "$T/a")
	ctl approve "$id" session >/dev/null 2>&1
	wait_for "$T/a.rc" . 10
	ctl hitl end-session "$ses" >"$T/es" 2>&1
	grep -q ": 1 allow-for-session grant dropped" "$T/es"
	ok $? "end-session: a session classify took (${#ses} bytes) ends"
done
ctl hitl end-session "$(printf 'a\tb')" >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "end-session: a session with a control character exits 64"
ctl hitl end-session "$(printf 'L%.0s' $(seq 129))" >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "end-session: a session too long exits 64"

# ---- a uid's requests do not lock it out of the approvers' socket ----
python3 - "$T/run/hitld.sock" "$T/held" <<'EOF2' &
import os, socket, sys, time
held = []
for i in range(40):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    held.append(s)
time.sleep(0.5)
open(sys.argv[2], "w").write("held\n")
time.sleep(10)
EOF2
hold=$!
wait_for "$T/held" held 10
ctl approve -l >"$T/l" 2>&1
ok $? "approve -l works while root holds every control connection it may"
ctl hitl classify shell -c ls >"$T/c" 2>&1
[ $? -eq 1 ]
ok $? "...while one more classify is refused"
kill "$hold" 2>/dev/null
wait "$hold" 2>/dev/null

# ---- a call no rule matched: no risk a rule gave ----
classify_bg "$T/a" shell -s nm -c 'frobnicate --now'
id=$(reqid "$T/a")
ctl approve -l >"$T/l" 2>&1
grep -q "^#$id  risk none  session nm" "$T/l" && grep -q 'no rule matched' "$T/l"
ok $? "approve -l: a call no rule matched shows risk none"
ctl approve "$id" deny >/dev/null 2>&1
wait_for "$T/a.rc" . 10

# ---- two approvers racing ----
classify_bg "$T/a" shell -s s1 -c 'rm -r /tmp/race'
id=$(reqid "$T/a")
( ctl approve "$id" allow >"$T/r1" 2>&1; echo $? >"$T/r1.rc" ) &
( ctl approve "$id" deny >"$T/r2" 2>&1; echo $? >"$T/r2.rc" ) &
wait_for "$T/r1.rc" . 10
wait_for "$T/r2.rc" . 10
wait_for "$T/a.rc" . 10
r1=$(cat "$T/r1.rc") r2=$(cat "$T/r2.rc")
[ "$r1$r2" = "01" ] || [ "$r1$r2" = "10" ]
ok $? "race: exactly one answer wins ($r1 $r2)"
cat "$T/r1" "$T/r2" >"$T/r"
ok "$(has "$T/r" 'already decided: .* by root (uid 0)')" \
    "race: the loser is told who decided"
if [ "$r1" = 0 ]; then
	ok "$(has "$T/a" '^decision: allow')" "race: the winner's answer holds"
else
	ok "$(has "$T/a" '^decision: deny')" "race: the winner's answer holds"
fi

# ---- the interactive prompt in a real terminal ----
if command -v tmux >/dev/null; then
	tmux -L "$TM" new-session -d -s t -x 120 -y 40 \
	    "PAGER='cat >$T/viewed' $BIN/harnessctl -f $conf approve;
	    stty -a >$T/stty.out; sleep 30"
	wait_pane "no pending requests"
	ok $? "prompt: starts and waits"

	classify_bg "$T/a" shell -s s1 -c 'rm -rf /tmp/x'
	id=$(reqid "$T/a")
	wait_pane "rm -rf /tmp/x"
	ok $? "prompt: shows the command"
	pane >"$T/p"
	ok "$(has "$T/p" "> #$id  risk high  session s1  tool shell  [0-9]*s left")" \
	    "prompt: session, tool, risk, time left"
	ok "$(has "$T/p" 'rule recursive-delete')" "prompt: the matching rule"
	t1=$(sed -n "s/.*tool shell  \([0-9]*\)s left.*/\1/p" "$T/p")
	sleep 2.2
	t2=$(pane | sed -n "s/.*tool shell  \([0-9]*\)s left.*/\1/p")
	[ -n "$t1" ] && [ -n "$t2" ] && [ "$t2" -lt "$t1" ]
	ok $? "prompt: time left counts down ($t1 -> $t2)"
	tmux -L "$TM" send-keys -t t y
	wait_for "$T/a.rc" . 10
	ok "$(has "$T/a" '^decision: allow')" "prompt y: allowed"
	ok "$(has "$T/a" '^reason: allowed once by root (uid 0)')" \
	    "prompt y: allowed once, by root"
	wait_pane "request $id: allowed once by root"
	ok $? "prompt: shows the decision"

	esc=$(printf '\033')
	rlo=$(printf '\342\200\256')	# U+202E, right-to-left override
	classify_bg "$T/a" shell -s s1 -c \
	    "rm -rf /tmp/y; echo ${esc}[2Jgotcha${rlo}desrever"
	id=$(reqid "$T/a")
	wait_pane "rm -rf /tmp/y"
	wait_pane '\\x1b\[2Jgotcha'
	ok $? "prompt: control characters from agents are escaped"
	pane | grep -q 'gotcha\\u202edesrever'
	ok $? "prompt: a right-to-left override shows as \\u202e"
	tmux -L "$TM" send-keys -t t n
	wait_for "$T/a.rc" . 10
	ok "$(has "$T/a" '^decision: deny')" "prompt n: denied"

	# Two at once queue on screen; s allows the first for its session.
	classify_bg "$T/a" shell -s s1 -c 'rm -r /tmp/z'
	id=$(reqid "$T/a")
	classify_bg "$T/b" write_file -s s2 -a '{"path": "/root/.ssh/id", "content": "k"}'
	id2=$(reqid "$T/b")
	wait_pane '"path": "/root/.ssh/id"'
	ok $? "prompt: JSON arguments pretty-printed"
	pane >"$T/p"
	ok "$(has "$T/p" '2 pending requests')" "prompt: several requests queue"
	tmux -L "$TM" send-keys -t t s
	wait_for "$T/a.rc" . 10
	ok "$(has "$T/a" '^reason: allowed for session by root (uid 0)')" \
	    "prompt s: allowed for the session"
	classify "$T/c" shell -s s1 -c 'rm -r /tmp/z'
	ok "$(has "$T/c" '^decision: allow')" "session grant: same call, same session"
	ok "$(has "$T/c" 'allowed for session by root')" "session grant: says so"
	classify_bg "$T/c" shell -s s3 -c 'rm -r /tmp/z'
	id3=$(reqid "$T/c")
	ok $? "session grant: not for another session"
	ctl approve "$id3" deny >/dev/null 2>&1
	classify_bg "$T/c" shell -s s1 -c 'rm -r /tmp/zz'
	id3=$(reqid "$T/c")
	ok $? "session grant: not for another command"
	ctl approve "$id3" deny >/dev/null 2>&1
	ctl hitl end-session s1 >"$T/es"
	ok $? "end-session: exit 0"
	grep -q "^session s1: 1 allow-for-session grant dropped" "$T/es"
	ok $? "end-session: says how many grants it dropped ($(cat "$T/es"))"
	classify_bg "$T/c" shell -s s1 -c 'rm -r /tmp/z'
	id3=$(reqid "$T/c")
	ok $? "end-session: the grant is gone"
	ctl approve "$id3" deny >/dev/null 2>&1
	tmux -L "$TM" send-keys -t t n
	wait_for "$T/b.rc" . 10
	ok "$(has "$T/b" '^decision: deny')" "prompt: second request answered"

	# v: the whole of a call the screen cuts, in the pager.
	long="echo start$(i=0; while [ $i -lt 30 ]; do printf '\necho line%d' $i;
	    i=$((i + 1)); done) && echo $(printf 'x%.0s' $(seq 150)) &&
	    rm -rf /tmp/hidden-at-the-end"
	classify_bg "$T/a" shell -s s4 -c "$long"
	id=$(reqid "$T/a")
	wait_pane "echo line3"
	pane >"$T/p"
	# (The why line names the rm at the end; the text is what is cut.)
	grep -q '^ *\.\.\.$' "$T/p" && ! grep -q 'echo line29' "$T/p" &&
	    grep -q 'matched `rm -rf /tmp/hidden-at-the-end`' "$T/p"
	ok $? "prompt: a long call is cut on screen, and marked"
	tmux -L "$TM" send-keys -t t v
	wait_for "$T/viewed" "hidden-at-the-end" 10 &&
	    grep -q "echo line29" "$T/viewed" &&
	    grep -q "x\{150\}" "$T/viewed" && grep -q "^#$id  risk high" "$T/viewed"
	ok $? "prompt v: the whole call goes to the pager"
	wait_pane "1 pending request"
	ok $? "prompt v: the prompt comes back"
	tmux -L "$TM" send-keys -t t n
	wait_for "$T/a.rc" . 10
	ok "$(has "$T/a" '^decision: deny')" "prompt v: then n denies it"

	# The selected one decided elsewhere: the selection moves, and a
	# key pressed just then does not answer the one it moved to.
	classify_bg "$T/h1" shell -s h1 -c 'rm -rf /tmp/h1'
	h1=$(reqid "$T/h1")
	wait_pane "> #$h1 "
	classify_bg "$T/h2" shell -s h2 -c 'rm -rf /tmp/h2'
	h2=$(reqid "$T/h2")
	wait_pane "#$h2 "
	ctl approve "$h1" deny >/dev/null 2>&1
	wait_pane "request $h1: denied by root (uid 0); now selected: #$h2"
	ok $? "prompt: says the selected one was decided, and what is selected"
	tmux -L "$TM" send-keys -t t y
	wait_pane "#$h1 was decided elsewhere; #$h2 is selected now"
	ok $? "prompt: a key just after the selection moved is held"
	[ ! -s "$T/h2.rc" ]
	ok $? "prompt: ...and the request it moved to is still pending"
	sleep 1.7
	tmux -L "$TM" send-keys -t t n
	wait_for "$T/h2.rc" . 10
	ok "$(has "$T/h2" '^decision: deny')" "prompt: then an answer goes"

	# A small terminal: the header stays, the selected one is shown.
	tmux -L "$TM" resize-window -t t -x 80 -y 16
	many=$(printf 'echo a\n%.0s' $(seq 10))
	classify_bg "$T/w1" shell -s w1 -c "$many; rm -rf /tmp/w1"
	w1=$(reqid "$T/w1")
	classify_bg "$T/w2" shell -s w2 -c "$many; rm -rf /tmp/w2"
	w2=$(reqid "$T/w2")
	classify_bg "$T/w3" shell -s w3 -c "$many; rm -rf /tmp/w3"
	w3=$(reqid "$T/w3")
	wait_pane "3 pending requests"
	tmux -L "$TM" send-keys -t t j j
	wait_pane "> #$w3 "
	pane >"$T/p"
	head -1 "$T/p" | grep -q '^harness approvals on' &&
	    grep -q '(2 more above: k)' "$T/p" &&
	    grep -q "> #$w3  risk high  session w3" "$T/p" &&
	    [ "$(grep -c 'risk high' "$T/p")" = 1 ]
	ok $? "prompt: a small terminal keeps the header and the selected one"
	tmux -L "$TM" send-keys -t t n
	wait_for "$T/w3.rc" . 10
	ok "$(has "$T/w3" '^decision: deny')" "prompt: the one shown is the one answered"
	ctl approve "$w1" deny >/dev/null 2>&1
	ctl approve "$w2" deny >/dev/null 2>&1
	wait_pane "no pending requests"
	# Lines wider than the terminal are cut, not wrapped: the header
	# stays on top however long the argv, session or environment.
	lsess=$(printf 's%.0s' $(seq 100))
	larg=$(printf 'x%.0s' $(seq 300))
	classify_bg "$T/w4" exec -s "$lsess" -e "LONG=$larg" -- \
	    /bin/rm -rf "/tmp/$larg"
	w4=$(reqid "$T/w4")
	wait_pane "> #$w4 "
	pane >"$T/p"
	head -1 "$T/p" | grep -q '^harness approvals on' &&
	    grep -q '^      argv: .*\.\.\.$' "$T/p" &&
	    grep -q '^      env: .*\.\.\.$' "$T/p" &&
	    [ -z "$(awk 'length > 80' "$T/p")" ]
	ok $? "prompt: long lines are cut to the terminal, the header stays"
	ctl approve -l >"$T/l" 2>&1
	grep -q "session $lsess  tool exec" "$T/l"
	ok $? "approve -l: the session shown whole"
	ctl approve "$w4" deny >/dev/null 2>&1
	wait_pane "no pending requests"
	tmux -L "$TM" resize-window -t t -x 120 -y 40

	# A request larger than a message reaches the prompt (in a memfd).
	classify_bg "$T/a" shell -s s1 -a @"$T/bigask.json" -c 'rm -r /big'
	id=$(reqid "$T/a")
	wait_pane "rm -r /big"
	ok $? "prompt: a 40 KB request is shown"
	sleep 1.6	# past the hold after w4 was decided elsewhere
	tmux -L "$TM" send-keys -t t n
	wait_for "$T/a.rc" . 10
	ok "$(has "$T/a" '^decision: deny')" "prompt n: the large one denied"

	# Ctrl-C restores the terminal.
	tmux -L "$TM" send-keys -t t C-c
	wait_for "$T/stty.out" "icanon" 10
	grep -q -- ' icanon ' "$T/stty.out" && grep -q -- ' echo ' "$T/stty.out"
	ok $? "prompt: Ctrl-C restores the terminal"
	tmux -L "$TM" kill-server 2>/dev/null

	# A server of its own: the old one may still be on its way out.
	TM="hitl$$.2"
	rm -f "$T/stty.out"
	tmux -L "$TM" new-session -d -s t -x 120 -y 40 \
	    "$BIN/harnessctl -f $conf approve; stty -a >$T/stty.out; sleep 30"
	wait_pane "no pending requests"
	p=$(pgrep -f "^$BIN/harnessctl -f $conf approve\$" | head -1)
	[ -n "$p" ] && kill -TERM "$p"
	wait_for "$T/stty.out" "icanon" 10
	grep -q -- ' icanon ' "$T/stty.out" && grep -q -- ' echo ' "$T/stty.out"
	ok $? "prompt: SIGTERM restores the terminal"
	tmux -L "$TM" kill-server 2>/dev/null
else
	skip "prompt" "tmux missing"
fi

# ---- the requester going away cancels ----
"$BIN/harnessctl" -f "$conf" hitl classify shell -s s1 -c 'rm -r /tmp/gone' \
    >"$T/g" 2>&1 &
gp=$!
id=$(reqid "$T/g")
kill "$gp"
wait "$gp" 2>/dev/null
# hitld hears of it when its connection closes: poll for up to 5 s
for i in $(seq 50); do
	ctl approve -l >"$T/l" 2>&1 && ! grep -q "#$id " "$T/l" && break
	sleep 0.1
done
ctl approve -l >"$T/l" 2>&1 && ! grep -q "#$id " "$T/l"
ok $? "requester gone: request dropped"
ctl approve "$id" allow >"$T/d" 2>&1
ok "$(has "$T/d" 'cancelled')" "requester gone: answering says cancelled"

# ---- reload with a request pending ----
classify_bg "$T/a" shell -s s1 -c 'rm -r /tmp/reload'
id=$(reqid "$T/a")
sed -i -e 's/timeout 30s/timeout 2s/' "$conf"
kill -HUP "$(cat "$T/hitld.pid")"
wait_for "$T/hitld.log" "rules reloaded" 10
ok $? "SIGHUP: rules reloaded"
ctl approve -l >"$T/l" 2>&1
ok "$(has "$T/l" "#$id ")" "SIGHUP: the pending request stays"
ctl approve "$id" allow >/dev/null 2>&1
ok $? "SIGHUP: and can be answered"
wait_for "$T/a.rc" . 10
ok "$(has "$T/a" '^decision: allow')" "SIGHUP: its requester gets the answer"

# ---- timeout (2s after the reload): deny ----
classify "$T/c" shell -s s1 -c 'rm -r /tmp/late'
ok "$(has "$T/c" '^decision: deny')" "timeout: denied"
ok "$(has "$T/c" '^reason: approval timed out')" "timeout: reason"
grep -q 'decision: deny (asked) .*how timeout' "$T/hitld.log"
ok $? "timeout: audited"
grep -q 'decision: allow (asked) .*how approver by root uid 0' "$T/hitld.log"
ok $? "approval: audited with the approver's name and uid"

# ---- an approver added after the start is named after SIGHUP ----
# The queue is chrooted without a password file: the parent reads it
# again on SIGHUP and sends the names.
sed -i -e 's/timeout 2s/timeout 30s/' "$conf"
U=hitlap$$
nh=$(grep -c 'user names reloaded' "$T/hitld.log")
if ! command -v useradd >/dev/null || ! command -v runuser >/dev/null; then
	skip "approver added later" "useradd or runuser missing"
	U=
	kill -HUP "$(cat "$T/hitld.pid")"
elif ! useradd -M -N -d /nonexistent -s /usr/sbin/nologin -G _hitl "$U" \
    >/dev/null 2>&1; then
	skip "approver added later" "useradd $U failed"
	U=
	kill -HUP "$(cat "$T/hitld.pid")"
else
	trap 'tmux -L "hitl$$" kill-server 2>/dev/null;
	    tmux -L "hitl$$.2" kill-server 2>/dev/null;
	    userdel "$U" 2>/dev/null; suite_cleanup' EXIT
	kill -HUP "$(cat "$T/hitld.pid")"
	n=0
	while [ "$(grep -c 'user names reloaded' "$T/hitld.log")" -le "$nh" ] &&
	    [ $n -lt 100 ]; do
		sleep 0.05; n=$((n + 1))
	done
	classify_bg "$T/a" shell -s s1 -c 'rm -r /tmp/newapprover'
	id=$(reqid "$T/a")
	runuser -u "$U" -- "$BIN/harnessctl" -f "$conf" approve "$id" allow \
	    >"$T/d" 2>&1
	ok $? "approver added after the start: may answer (id $id)" ||
	    sed 's/^/# /' "$T/d"
	wait_for "$T/a.rc" . 10
	uid=$(id -u "$U")
	ok "$(has "$T/a" "^reason: allowed once by $U (uid $uid)")" \
	    "...and is named after SIGHUP, not numbered"
	ctl audit show -t approval.decision -j >"$T/aud" 2>&1
	grep -q "\"approver\":\"$U\"" "$T/aud" &&
	    grep -q "\"actor\":\"user:$U uid:$uid\"" "$T/aud"
	ok $? "...in the audit record too (approver and actor)"
	userdel "$U" 2>/dev/null
	U=
fi
sleep 0.5

# ---- hitld stopped (SIGTERM) under a waiting request ----
classify_bg "$T/a" shell -s s1 -c 'rm -r /tmp/stopped'
sid=$(reqid "$T/a")
suite_stop hitld
wait_for "$T/a.rc" . 15
ok "$(has "$T/a" '^reason: denied: hitld is shutting down')" \
    "hitld stopped: the waiting call is denied, saying why"
ctl audit show -t approval.decision -j >"$T/aud" 2>&1
grep "\"id\":$sid," "$T/aud" | grep -q '"reason":"denied: hitld is shutting down"'
ok $? "hitld stopped: the denial is an audit record"
grep -q 'every decision recorded, exiting' "$T/hitld.log"
ok $? "hitld stopped: exits once the records are acknowledged"
suite_start hitld || ok 1 "hitld restarts"

# ---- request ids go on across restarts ----
# An answer typed from a listing of the run before (approve 3 allow)
# must not land on a new request that took the same number.
[ "$(stat -c '%a %u' "$T/state/hitld/ids" 2>/dev/null)" = "600 0" ] &&
    [ "$(cat "$T/state/hitld/ids")" = "$(printf '%010u' "$sid")" ]
ok $? "request ids: the last one given is kept in statedir/hitld/ids (0600)"
classify_bg "$T/a" shell -s s1 -c 'rm -r /tmp/kill'
kid=$(reqid "$T/a")
[ -n "$kid" ] && [ "$kid" -gt "$sid" ]
ok $? "request ids: after a restart they go on ($sid, then $kid)"
ctl approve "$sid" allow >"$T/d" 2>&1
[ $? -ne 0 ] && ctl approve -l >"$T/l" 2>&1 && grep -q "#$kid " "$T/l"
ok $? "request ids: an answer to the old run's id answers nothing now"

# ---- hitld killed under a waiting request ----
kill -KILL "$(cat "$T/hitld.pid")"
wait_for "$T/a.rc" . 15
ok $? "hitld killed: classify returns"
ok "$(has "$T/a" '^decision: deny')" "hitld killed: deny"
rm -f "$T/hitld.pid"
sleep 0.5
classify "$T/c" shell -c 'ls'
ok "$(has "$T/c" 'hitld unreachable')" "hitld down: deny, unreachable"
[ "$(cat "$T/c.rc")" = 1 ]
ok $? "hitld down: exit 1"

# ---- every decision is in the audit trail, with who decided ----
ctl audit show -t approval.decision -j >"$T/aud" 2>&1
grep -q '"how":"approver"' "$T/aud" && grep -q '"approver":"root"' "$T/aud" &&
    grep -q '"how":"timeout"' "$T/aud" && grep -q '"how":"policy"' "$T/aud"
ok $? "decisions are audit records (approver, timeout, policy)"
ctl audit verify >/dev/null
ok $? "audit chain verifies"

# ---- fail secure: no auditd, no allow ----
suite_stop auditd
suite_start hitld || ok 1 "hitld restarts"
classify "$T/d" shell -c 'ls'
ok "$(has "$T/d" '^decision: deny')" "auditd down: an allow-rule call is denied"
ok "$(has "$T/d" 'auditd unreachable')" "auditd down: the reason says so"

t_exit
