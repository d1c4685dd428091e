# Configuration reloads in the audit trail: SIGHUP to each of the five
# daemons writes one config.reload record per daemon, with who sent the
# signal (actor uid:N, sender_pid), the result, and each file read (main
# file and includes) with its size and SHA-256 as sha256sum(1) prints
# it; a file the parent refuses is recorded as refused with its error; a
# setting that waits for a restart is named; auditd's own record keeps
# the log verifiable.  harnessctl reload does the same and says what came
# of it; only root may.
. "$TOP/regress/lib.sh"

needs "reload" root python3

suite_setup
suite_cgroup || { ok 1 "test config"; t_exit; }
cat >"$T/extra.conf" <<'EOF'
rule "reload-extra" {
	command { "reload-probe *" }
	risk low
}
EOF
printf 'include "%s"\n' "$T/extra.conf" >>"$conf"
suite_start auditd hitld vaultd sandboxd harnessd ||
    { ok 1 "the five daemons start"; t_exit; }
ok 0 "the five daemons start"

daemons="auditd hitld vaultd sandboxd harnessd"
cp "$conf" "$T/ctl.conf"
# records ROWS: the config.reload records, one JSON object a line
# (harnessctl reads a copy of the file: the daemons' may be broken)
records() {
	"$BIN/harnessctl" -f "$T/ctl.conf" audit show -t config.reload -j >"$T/rec" 2>"$T/rec.err" || return 1
	[ "$(grep -c '"config.reload"' "$T/rec")" -ge "$1" ]
}
# field SOURCE RESULT N: the Nth (1-based) such record of SOURCE
pick() {
	grep "\"source\":\"$1\"" "$T/rec" | grep "\"result\":\"$2\"" |
	    sed -n "${3:-1}p"
}

for d in $daemons; do
	kill -HUP "$(cat "$T/$d.pid")"
done
wait_until 20 records 5
ok $? "SIGHUP to each daemon: five config.reload records ($(wc -l <"$T/rec"))"

sum=$(sha256sum "$conf" | cut -d' ' -f1)
xsum=$(sha256sum "$T/extra.conf" | cut -d' ' -f1)
size=$(wc -c <"$conf" | tr -d ' ')
for src in auditd/writer hitld/queue vaultd/store sandboxd/listener \
    harnessd/engine; do
	r=$(pick "$src" applied)
	echo "$r" | grep -q '"actor":"uid:0"' &&
	    echo "$r" | grep -q "\"sender_pid\":$$[,}]" &&
	    echo "$r" | grep -q '"sender_uid":0' &&
	    echo "$r" | grep -q '"trigger":"SIGHUP"' &&
	    echo "$r" | grep -q "{\"bytes\":$size,\"path\":\"$conf\",\"sha256\":\"$sum\"}" &&
	    echo "$r" | grep -q "\"path\":\"$T/extra.conf\",\"sha256\":\"$xsum\""
	ok $? "$src: applied, by uid 0 from this shell, both files with their SHA-256"
	[ -n "$r" ] || diag "$(cat "$T/rec" "$T/rec.err")"
done
# The record names the process that sent it (SCM_CREDENTIALS), not the
# parent that opened the connection and passed it on.
for src in hitld/queue vaultd/store sandboxd/listener harnessd/engine; do
	d=${src%%/*}
	set -- $(sed -n "s|.*$src ready: pid \([0-9]*\), uid \([0-9]*\),.*|\1 \2|p" "$T/$d.log" | tail -n 1)
	r=$(pick "$src" applied)
	[ -n "${1:-}" ] && [ "$1" != "$(cat "$T/$d.pid")" ] &&
	    echo "$r" | grep -q "\"uid\":$2,\"pid\":$1,"
	rc=$?
	ok $rc "$src's record: its own pid ${1:-?} and uid ${2:-?}, not the parent's"
	[ $rc -eq 0 ] || diag "$r"
done
pick hitld/queue applied | grep -q '"note":"[0-9]* rules, 0 requests still pending"'
ok $? "hitld's record counts its rules"
pick harnessd/engine applied | grep -q '"note":"[0-9]* tools, 0 registered through the API"'
ok $? "harnessd's record counts its tools"
! grep -q '"kept_until_restart"' "$T/rec"
ok $? "the same file: nothing kept until a restart"
ctl audit verify >"$T/v" 2>&1
ok $? "the log with auditd's own record verifies ($(tail -n 1 "$T/v"))"

# ---- a file the parent refuses ----
cp "$conf" "$T/conf.keep"
printf 'hitld {\n\tno_such_keyword 1\n}\n' >>"$conf"
line=$(($(wc -l <"$T/conf.keep") + 2))
kill -HUP "$(cat "$T/hitld.pid")"
wait_until 10 records 6
r=$(pick hitld/queue refused)
echo "$r" | grep -q "\"error\":\"$conf:$line: " &&
    ! echo "$r" | grep -q '"files"'
ok $? "a broken file: refused, with the file and line of the error ($r)"
"$BIN/harnessctl" -f "$T/ctl.conf" hitl classify shell -c 'reload-probe x' 2>&1 | grep -q '^rule: reload-extra'
ok $? "the old configuration stays in force"
cp "$T/conf.keep" "$conf"

# ---- what waits for a restart, and a changed include ----
sed -i 's/^\(.*approver socket .*\) mode 0660/\1 mode 0666/' "$conf"
sed -i 's/reload-probe/reload-probe2/' "$T/extra.conf"
xsum2=$(sha256sum "$T/extra.conf" | cut -d' ' -f1)
kill -HUP "$(cat "$T/hitld.pid")"
wait_until 10 records 7
r=$(pick hitld/queue applied 2)
echo "$r" | grep -q '"kept_until_restart":"approver socket"' &&
    echo "$r" | grep -q "\"path\":\"$T/extra.conf\",\"sha256\":\"$xsum2\""
ok $? "hitld: the approver socket waits for a restart; the include's new SHA-256 ($r)"
cp "$T/conf.keep" "$conf"

# ---- another sender ----
# /bin/kill run by a shell that says its pid first: the record names
# that process, not the test's shell.
sh -c 'echo $$ >"$1"; exec /bin/kill -HUP "$2"' sh "$T/kpid" \
    "$(cat "$T/vaultd.pid")"
wait_until 10 records 8
pick vaultd/store applied 2 | grep -q "\"sender_pid\":$(cat "$T/kpid")[,}]"
ok $? "the record names the process that sent the signal ($(cat "$T/kpid"))"

# ---- harnessctl reload ----
out=$(ctl reload hitld 2>&1)
[ $? -eq 0 ] && [ "$out" = "hitld: configuration reloaded" ]
ok $? "harnessctl reload hitld: reloaded ($out)"
wait_until 10 records 9
r=$(grep '"trigger":"harnessctl"' "$T/rec")
echo "$r" | grep -q '"source":"hitld/queue"' &&
    echo "$r" | grep -q '"actor":"uid:0"' &&
    echo "$r" | grep -q '"result":"applied"' &&
    ! echo "$r" | grep -q "\"sender_pid\":$$[,}]" &&
    echo "$r" | grep -q '"sender_pid":[0-9]'
ok $? "its record: trigger harnessctl, uid 0, the client's pid ($r)"
out=$(ctl reload 2>&1)
[ $? -eq 0 ] && [ "$(echo "$out" | grep -c ': configuration reloaded$')" -eq 5 ] &&
    [ "$(echo "$out" | head -n 1)" = "auditd: configuration reloaded" ]
ok $? "harnessctl reload: every daemon, auditd first ($out)"
wait_until 10 records 14
ok $? "five more records"

printf 'hitld {\n\tno_such_keyword 1\n}\n' >>"$conf"
"$BIN/harnessctl" -f "$T/ctl.conf" reload hitld >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$T/out" ] &&
    grep -qx "hitld: reload failed, keeping the old configuration:" "$T/err" &&
    grep -q "^hitld: $conf:$line: syntax error near 'no_such_keyword'" "$T/err"
ok $? "a broken file: exit 1, the errors with their file and line ($rc: $(cat "$T/err"))"
cp "$T/conf.keep" "$conf"
sed -i 's/^\(.*approver socket .*\) mode 0660/\1 mode 0666/' "$conf"
out=$(ctl reload hitld 2>&1)
[ $? -eq 0 ] && echo "$out" | grep -qx "hitld: approver socket changed: set at start, kept until a restart"
ok $? "what waits for a restart is said ($out)"
cp "$T/conf.keep" "$conf"
"$BIN/harnessctl" -f "$T/ctl.conf" reload nosuchd >/dev/null 2>"$T/err"
[ $? -eq 64 ] && grep -q "unknown daemon nosuchd" "$T/err"
ok $? "an unknown daemon is a usage error"
wait_until 10 records 16
n=$(grep -c '"config.reload"' "$T/rec")
chmod 644 "$conf"
asuser() {
	setpriv --reuid=_harness --regid=_harness --clear-groups \
	    "$BIN/harnessctl" -f "$conf" reload "$1" >"$T/out" 2>&1
}
asuser hitld
rc=$?
grep -q "hitld: not reloaded: connect .*Permission denied" "$T/out"
ok $? "not root: the control socket is closed to it ($rc: $(cat "$T/out"))"
# auditd's control socket takes events from its producer users (_harness
# is one by default) when they reach it: such a peer may not reload.
amode=$(stat -c %a "$T/run/auditd.sock")
chmod 666 "$T/run/auditd.sock"
asuser auditd
rc=$?
chmod "$amode" "$T/run/auditd.sock"
sleep 0.3
[ $rc -eq 1 ] && grep -qx "auditd: reload: only root may reload auditd" "$T/out" &&
    records "$n" && [ "$(grep -c '"config.reload"' "$T/rec")" -eq "$n" ]
ok $? "a producer that reaches the socket: refused, nothing reloaded ($(cat "$T/out"))"

suite_stop harnessd sandboxd vaultd hitld auditd
ok 0 "stopped"
t_exit
