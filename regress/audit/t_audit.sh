# auditd end to end under a temporary root: events in and out through
# harnessctl, group commit under concurrent producers (lib/auditc),
# hostile producers refused and counted, tampering detected on copies,
# kill -9 under load loses no acknowledged record, fail secure.
. "$TOP/regress/lib.sh"

needs "audit" root sqlite3
H=$BUILD/regress/audit
for p in auditload auditbad auditforge; do
	[ -x "$H/$p" ] || { ok 1 "helper $p built"; t_exit; }
done

suite_setup
DIR=$T/state/audit
DB=$DIR/audit.db
KEY=$DIR/audit.verify.key
SOCK=$T/run/auditd.sock

suite_start auditd || { ok 1 "auditd starts"; t_exit; }
ok 0 "auditd starts"
wait_for "$T/auditd.log" "verification key is $KEY" 5
ok $? "creation logs where the verification key is"
[ -f "$KEY" ] && [ "$(stat -c %a:%U:%G "$KEY")" = 400:root:root ]
ok $? "verification key file exists, root's, mode 0400"
[ "$(stat -c %a:%U "$DIR/audit.key")" = 600:_audit ]
ok $? "the running key is the writer's, mode 0600"
! setpriv --reuid=_audit --regid=_audit --clear-groups cat "$KEY" \
    >/dev/null 2>&1
ok $? "the writer's user cannot read the verification key"

# ---- events through harnessctl ----
out=$(ctl audit log tool.call -s s1 -a key:alice \
    '{"tool":"shell","args":{"cmd":"ls"}}')
ok $? "audit log is acked"
[ "$out" = "seq 1" ]
ok $? "first record is seq 1 ($out)"
ctl audit log approval.decision -s s1 '{"decision":"allow"}' >/dev/null &&
ctl audit log sandbox.exit -s s2 '{"exit":0}' >/dev/null &&
ctl audit log gateway.auth.fail '{"key":"bad"}' >/dev/null
ok $? "three more events acked"
ctl audit log Bad.Type '{}' >"$T/err.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q "refused: bad type" "$T/err.out"
ok $? "a bad type is refused with exit 1 and the reason"
ctl audit log foo.bar '{}' >"$T/err.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'refused: unknown type "foo.bar"' "$T/err.out"
ok $? "an unknown type is refused with exit 1 and the reason"
ctl audit log tool.call '{"a":' >"$T/err.out" 2>&1
[ $? -eq 1 ] && grep -q "refused: body" "$T/err.out"
ok $? "invalid JSON is refused with exit 1 and the reason"

n=$(ctl audit show | wc -l)
[ "$n" -eq 4 ]
ok $? "show lists the 4 records ($n)"
n=$(ctl audit show -s s1 | wc -l)
[ "$n" -eq 2 ]
ok $? "show -s session ($n)"
ctl audit show -t 'sandbox.*' | grep -q ' sandbox.exit s2 '
ok $? "show -t glob"
[ "$(ctl audit show -n 1 | awk '{print $2}')" = 4 ]
ok $? "show -n 1 gives the last record"
ctl audit show -j -s s1 -n 1 | grep -q '"body":{"decision":"allow"}'
ok $? "show -j prints JSON with the canonical body"
[ "$(ctl audit show -S 10m | wc -l)" -eq 4 ] &&
[ "$(ctl audit show -S 2000-01-01T00:00:00Z | wc -l)" -eq 4 ] &&
[ "$(ctl audit show -S 2999-01-01 | wc -l)" -eq 0 ]
ok $? "show -S relative and ISO"
ctl audit show -S yesterday >/dev/null 2>&1
[ $? -eq 64 ]
ok $? "show -S with a bad time is a usage error"

# feed_tail PID TYPE: log TYPE events until the tail PID has exited.
feed_tail() {
	_i=0
	while kill -0 "$1" 2>/dev/null && [ $_i -lt 100 ]; do
		ctl audit log "$2" "{\"i\":$_i}" >/dev/null
		sleep 0.1
		_i=$((_i + 1))
	done
	kill "$1" 2>/dev/null
}
ctl audit tail -n 0 -c 2 >"$T/tail.out" 2>&1 &
feed_tail $! admin.test-tail
[ "$(grep -c ' admin.test-tail ' "$T/tail.out")" -eq 2 ]
ok $? "tail follows new records"
# -c counts new records only, not the last ones shown first.
old=$(sqlite3 -readonly "$DB" "SELECT min(count(*), 10) FROM records")
ctl audit tail -c 2 >"$T/tail2.out" 2>&1 &
tailpid=$!
wait_for "$T/tail2.out" "admin.test-tail" 5
feed_tail $tailpid admin.test-tail2
[ "$(grep -c ' admin.test-tail2 ' "$T/tail2.out")" -eq 2 ] &&
    [ "$(grep -vc ' admin.test-tail2 ' "$T/tail2.out")" -eq "$old" ]
ok $? "tail -c 2 after the last $old records stops after 2 new ones"
out=$(ctl audit show -n 0)
[ $? -eq 0 ] && [ -z "$out" ]
ok $? "show -n 0 shows nothing"
ctl audit log admin.note '{"what":"by hand"}' >/dev/null
ok $? "an administrator's own type (admin.NAME) is accepted"

out=$(ctl audit verify)
ok $? "verify of the live log exits 0 ($out)"
echo "$out" | grep -q '^ok: [0-9]* records$'
ok $? "verify prints ok: N records"

# ---- hostile producer ----
"$H/auditbad" "$SOCK" >"$T/bad.out" 2>&1
grep '^ok \|^not ok ' "$T/bad.out"
grep '^#' "$T/bad.out"
kill -0 "$(cat "$T/auditd.pid")" 2>/dev/null
ok $? "auditd is still up after the hostile producer"
ctl audit stats >"$T/stats.out"
st() { awk -v k="$1" '$1 == k { print $2 }' "$T/stats.out"; }
[ "$(st malformed)" -eq 6 ] && [ "$(st oversize)" -eq 1 ] &&
[ "$(st bad_json)" -ge 5 ] && [ "$(st bad_type)" -ge 5 ] &&
[ "$(st bad_field)" -eq 5 ]
ok $? "refusals are counted by reason"
sed 's/^/# /' "$T/stats.out"
n=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM records WHERE
    source = 'auditbad' AND type NOT IN ('admin.test-good', 'admin.test-lazy')")
[ "$n" -eq 0 ]
ok $? "no refused event was written"
n=0
while [ "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM records WHERE
    type = 'admin.test-lazy'")" != 1 ] && [ $n -lt 50 ]; do
	sleep 0.1; n=$((n + 1))
done
[ $n -lt 50 ]
ok $? "a record nobody waits for is written all the same"
"$H/auditbad" "$SOCK" sync admin.test-synced >"$T/sync.out" 2>&1
grep '^ok \|^not ok ' "$T/sync.out"
[ "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM records WHERE
    type = 'admin.test-synced'")" = 1 ]
ok $? "IMSG_AUDIT_SYNC: what auditd received before is durable when it answers"
"$H/auditbad" "$SOCK" lazy admin.test-synced2 >/dev/null 2>&1 &&
    ctl audit show -t admin.test-synced2 | grep -q synced
ok $? "audit show has auditd commit first: a record sent just before is shown"

# ---- concurrent producers over lib/auditc ----
"$H/auditload" "$SOCK" 8 32 300 >"$T/load.out" 2>&1
ok $? "8 producers get 2400 acks"
[ "$(grep -c '^ACK ' "$T/load.out")" -eq 2400 ]
ok $? "2400 ACK lines"
ctl audit stats >"$T/stats.out"
[ "$(st max_batch)" -gt 1 ]
ok $? "concurrent events share transactions (max batch $(st max_batch))"
[ "$(awk '{print $2}' "$T/load.out" | sort -n | uniq | wc -l)" -eq 2400 ]
ok $? "every ack has its own seq"
ctl audit seal
ok $? "seal on request"
ctl -v audit verify >"$T/v.out"
ok $? "verify after load: $(head -1 "$T/v.out")"
grep -q ' 0 unsealed' "$T/v.out"
ok $? "everything sealed after audit seal"

# ---- kill -9 under load ----
: >"$T/kill.out"
"$H/auditload" "$SOCK" 8 32 0 >>"$T/kill.out" 2>&1 &
loadpid=$!
n=0
while [ "$(grep -c '^ACK ' "$T/kill.out")" -lt 3000 ] && [ $n -lt 600 ]; do
	sleep 0.05
	n=$((n + 1))
done
ppid_=$(cat "$T/auditd.pid")
wpid=$(ps -o pid= --ppid "$ppid_" | tr -d ' ')
kill -KILL "$ppid_" $wpid
wait_gone "$ppid_" 5
wait $loadpid
acked=$(grep -c '^ACK ' "$T/kill.out")
[ "$acked" -ge 3000 ]
ok $? "killed auditd -9 under load after $acked acks"
grep -q '^ERR .*auditd unreachable' "$T/kill.out"
ok $? "producers were told auditd went away"
rm -f "$T/auditd.pid"
mv "$T/auditd.log" "$T/auditd.log.1"
suite_start auditd
ok $? "auditd restarts on the killed log"
cat "$T/auditd.log.1" "$T/auditd.log" | grep -c "verification key is" |
    grep -qx 1
ok $? "the key location was logged once, at creation"
grep '^ACK ' "$T/kill.out" |
    awk '{ printf "%s {\"n\":%s,\"p\":%s}\n", $2, $4, $3 }' |
    sort >"$T/acked.txt"
sqlite3 -readonly "$DB" "SELECT seq || ' ' || body FROM records
    WHERE type = 'admin.test-load'" | sort >"$T/stored.txt"
missing=$(comm -23 "$T/acked.txt" "$T/stored.txt" | wc -l)
[ "$missing" -eq 0 ]
ok $? "every acknowledged record is stored with its seq ($missing missing)"
out=$(ctl audit log admin.test-after '{}')
last=$(sqlite3 -readonly "$DB" "SELECT max(seq) FROM records")
[ "$out" = "seq $last" ]
ok $? "the chain continues after the crash ($out)"
out=$(ctl audit verify)
ok $? "verify after crash and restart: $out"

# ---- fail secure ----
suite_stop auditd
ctl -v audit verify >"$T/v.out"
grep -q ' 0 unsealed' "$T/v.out"
ok $? "SIGTERM seals before exiting"
ctl audit log tool.call '{}' >"$T/err.out" 2>&1
[ $? -eq 1 ] && grep -q "auditd unreachable" "$T/err.out"
ok $? "audit log with auditd stopped fails: $(cat "$T/err.out")"
"$H/auditload" "$SOCK" 1 1 1 >"$T/down.out" 2>&1
[ $? -ne 0 ] && grep -q '^ERR 0 0 auditd unreachable' "$T/down.out"
ok $? "lib/auditc refuses an acked event when auditd is down"

# ---- tampering, each on its own copy ----
tamper() {
	_name=$1 _want=$2 _sql=$3
	rm -f "$T/t.db-wal" "$T/t.db-shm"
	cp "$DB" "$T/t.db"
	[ -f "$DB-wal" ] && cp "$DB-wal" "$T/t.db-wal"
	if [ -n "$_sql" ]; then
		sqlite3 "$T/t.db" "DROP TRIGGER records_no_update;
		    DROP TRIGGER records_no_delete;
		    DROP TRIGGER seals_no_update;
		    DROP TRIGGER seals_no_delete; $_sql" || diag "sql failed"
	fi
	_out=$(ctl audit verify -F "$T/t.db" -k "$KEY")
	_rc=$?
	[ $_rc -eq 1 ] && [ "$_out" = "$_want" ]
	ok $? "$_name: $_out"
}
[ ! -f "$DB-wal" ] || [ ! -s "$DB-wal" ]
ok $? "clean shutdown leaves no WAL to copy"
rm -f "$T/t.db-wal" "$T/t.db-shm"
cp "$DB" "$T/t.db"
out=$(ctl audit verify -F "$T/t.db" -k "$KEY")
ok $? "offline verify of an untouched copy: $out"
N=$(sqlite3 -readonly "$DB" "SELECT max(seq) FROM records")
tamper "changed body" "record 3: hash mismatch" \
    "UPDATE records SET body = '{\"exit\":1}' WHERE seq = 3;"
tamper "changed time" "record 2: hash mismatch" \
    "UPDATE records SET time = time + 1 WHERE seq = 2;"
tamper "deleted middle row" "records 3-3 missing" \
    "DELETE FROM records WHERE seq = 3;"
tamper "swapped pair" "record 3: hash mismatch" \
    "UPDATE records SET seq = -1 WHERE seq = 3;
     UPDATE records SET seq = 3 WHERE seq = 4;
     UPDATE records SET seq = 4 WHERE seq = -1;"
tamper "truncated tail" "chain truncated after record $((N - 2))" \
    "DELETE FROM records WHERE seq > $((N - 2));"
tamper "replaced head signature" "head signature invalid" \
    "UPDATE seals SET mac = randomblob(32)
     WHERE epoch = (SELECT max(epoch) FROM seals);"
cp "$DB" "$T/t.db"
"$H/auditforge" "$T/t.db" 3 >/dev/null
out=$(ctl audit verify -F "$T/t.db" -k "$KEY")
[ $? -eq 1 ] && [ "$out" = "head signature invalid" ]
ok $? "inserted forged row with recomputed hashes: $out"
# Seals deleted and the records re-chained (no key needed for that):
# only the running key, whose epoch says how many seals there were,
# tells.  Without it verify passes but warns about the unsealed records.
cp "$DB" "$T/t.db"
"$H/auditforge" "$T/t.db" 3 >/dev/null
sqlite3 "$T/t.db" "DROP TRIGGER seals_no_delete; DELETE FROM seals;"
out=$(ctl audit verify -F "$T/t.db" -k "$KEY" 2>"$T/warn.out")
[ $? -eq 0 ] && grep -q "after the last seal.*-K" "$T/warn.out"
ok $? "seals deleted, without the running key: $out, and a warning"
out=$(ctl audit verify -F "$T/t.db" -k "$KEY" -K "$DIR/audit.key")
[ $? -eq 1 ] && [ "$out" = "head signature invalid" ]
ok $? "seals deleted, with the running key: $out"
cp "$DB" "$T/t.db"
sqlite3 "$T/t.db" "DROP TRIGGER seals_no_delete;
    DELETE FROM seals WHERE epoch = (SELECT max(epoch) FROM seals);"
out=$(ctl audit verify -F "$T/t.db" -k "$KEY" -K "$DIR/audit.key")
[ $? -eq 1 ] && [ "$out" = "head signature invalid" ]
ok $? "newest seal deleted, with the running key: $out"
cp "$DB" "$T/t.db"
out=$(ctl -v audit verify -F "$T/t.db" -k "$KEY" -K "$DIR/audit.key")
[ $? -eq 0 ] && echo "$out" | grep -q "running key epoch [0-9]"
ok $? "an untouched copy with its running key: $(echo $out)"
{ head -c 16 "$DIR/audit.key"; head -c 32 /dev/urandom; } >"$T/other.key"
out=$(ctl audit verify -F "$T/t.db" -k "$KEY" -K "$T/other.key")
[ $? -eq 1 ] &&
    [ "$out" = "running key does not derive from the verification key" ]
ok $? "another running key: $out"
{ printf 'HAUDITK1'; head -c 40 /dev/urandom; } >"$T/other.key"
out=$(ctl audit verify -F "$T/t.db" -k "$KEY" -K "$T/other.key")
[ $? -eq 1 ] && [ "$out" = "head signature invalid" ]
ok $? "a running key of a later epoch than the seals: $out"
printf '%064d\n' 0 >"$T/wrong.key"
cp "$DB" "$T/t.db"
out=$(ctl audit verify -F "$T/t.db" -k "$T/wrong.key")
[ $? -eq 1 ] && [ "$out" = "head signature invalid" ]
ok $? "the wrong key: $out"

cat "$T/auditd.log.1" "$T/auditd.log" | grep -E "fatal|lost child" |
    sed 's/^/# /'
! cat "$T/auditd.log.1" "$T/auditd.log" | grep -qE "fatal|lost child"
ok $? "no fatal errors, lost children or seccomp violations in the log"
t_exit
