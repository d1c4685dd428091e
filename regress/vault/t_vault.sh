# vaultd end to end: init (passphrase, key file), seal and unseal,
# put/list/rotate/prune/rm, status, delivery through lib/vaultc (grants,
# expiry, sealed memfds, tampering), get, the no-echo prompt in tmux,
# values never in the logs, and fail secure on the audit trail: no value
# leaves vaultd (get or delivery) before auditd acknowledged its record.
. "$TOP/regress/lib.sh"

needs "vault" root
VF=$BUILD/regress/vault/vfetch
[ -x "$VF" ] || { ok 1 "vfetch helper built"; t_exit; }

suite_setup
cat >>"$conf" <<'EOF'
tool "t1" {
	command { "true" }
	secret "A" env "A_ENV"
	secret "B" file "b.txt"
	secret "BIG" file "big.bin"
	secret "OLD" env "OLD_ENV" expires 2020-01-01
	secret "NEW" env "NEW_ENV" expires 2999-01-01
}
tool "t2" {
	command { "true" }
	secret "A" file "a.txt"
}
EOF
PASS="correct horse battery staple"
VAL_A="s3cr3t-alpha-VALUE"
VAL_A2="s3cr3t-alpha-ROTATED"
VAL_NEW="s3cr3t-new-VALUE"
O=$T/out
mkdir -p "$O"

# Reads and deliveries wait for auditd's acknowledgement.
suite_start auditd vaultd || { ok 1 "auditd and vaultd start"; t_exit; }
LOG=$T/vaultd.log
spid=$(pgrep -P "$(cat "$T/vaultd.pid")" | head -1)
sc=$(awk '/^Seccomp:/ { print $2 }' "/proc/$spid/status")
[ "$sc" = 2 ]
ok $? "store runs with Seccomp 2"

# ---- passphrase store ----
out=$(ctl vault status)
echo "$out" | grep -q "state: not initialised"
ok $? "status before init: not initialised"
out=$("$VF" "$conf" t1 s0 A)
[ $? -eq 2 ] && echo "$out" | grep -q "refused: vault is sealed"
ok $? "delivery before init: vault is sealed"
echo "short" | ctl vault init >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "init: a passphrase under 8 bytes is refused"
echo "$PASS" | ctl vault init >/dev/null
ok $? "init with a passphrase from stdin"
echo "$PASS" | ctl vault init >"$T/init2" 2>&1
[ $? -ne 0 ] && grep -q "already initialised" "$T/init2"
ok $? "second init refused"
out=$(ctl vault status)
echo "$out" | grep -q "state: unsealed" &&
    echo "$out" | grep -q "Argon2id, 3 passes, 64 MiB" &&
    echo "$out" | grep -q "secrets: 0"
ok $? "status: unsealed, Argon2id parameters, 0 secrets"
[ -f "$T/state/vault/vault.hdr" ] &&
    [ "$(stat -c %s "$T/state/vault/vault.hdr")" = 128 ]
ok $? "header file in the store directory"

printf '%s' "$VAL_A" | ctl vault put A >/dev/null
ok $? "put A from stdin"
printf 'one\000two\000' >"$T/B.val"
ctl vault put B <"$T/B.val" >/dev/null
ok $? "put B (with NUL bytes)"
head -c 1048576 /dev/urandom >"$T/BIG.val"
ctl vault put BIG <"$T/BIG.val" >/dev/null
ok $? "put BIG (1 MiB)"
head -c 1048577 /dev/zero | ctl vault put HUGE >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "1 MiB + 1 byte refused"
printf 'x' | ctl vault put A >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "put of an existing name refused"
ctl vault put C </dev/null >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "an empty value refused"
for n in a/b ../x .hidden a..b "$(printf 'x%.0s' $(seq 64))"; do
	printf 'x' | ctl vault put "$n" >/dev/null 2>&1
	[ $? -eq 64 ]
	ok $? "name '$n' refused, a usage error (64)"
done
for c in get rm rotate prune; do
	printf 'x' | ctl vault $c ../x >/dev/null 2>"$T/badname.err"
	rc=$?
	[ $rc -eq 64 ] && grep -q 'a secret name' "$T/badname.err"
	ok $? "vault $c ../x: a usage error, 64 (rc $rc: $(cat "$T/badname.err"))"
done
ls "$T/state/vault" | grep -q -v -e '^vault.hdr$' -e '^[A-Za-z0-9_.-]*@[0-9]*$'
[ $? -ne 0 ]
ok $? "no stray files in the store (names were rejected)"
printf '%s' "$VAL_NEW" | ctl vault put NEW >/dev/null &&
    printf 'x' | ctl vault put OLD >/dev/null &&
    printf 'x' | ctl vault put UNGRANTED >/dev/null
ok $? "put NEW, OLD, UNGRANTED"
out=$(ctl vault status)
echo "$out" | grep -q "secrets: 6"
ok $? "status counts 6 secrets"

ctl vault list >"$T/list"
ok $? "list"
grep -q '^A$' "$T/list" && grep -q 'version 1  created 20' "$T/list" &&
    grep -q 'tool t1: env A_ENV, no expiry' "$T/list" &&
    grep -q 'tool t2: file a.txt, no expiry' "$T/list" &&
    grep -q 'tool t1: env OLD_ENV, expires 2020-01-01T00:00:00Z (expired)' \
    "$T/list" && grep -A2 '^UNGRANTED$' "$T/list" | grep -q 'granted to no tool'
ok $? "list: names, versions, creation time, grants and expiry"
grep -q -e "$VAL_A" -e "$VAL_NEW" "$T/list"
[ $? -ne 0 ]
ok $? "list shows no values"

# ---- delivery ----
out=$("$VF" -o "$O" "$conf" t1 sess-1 A B BIG NEW)
rc=$?
echo "$out" | sed 's/^/# /'
[ $rc -eq 0 ]
ok $? "delivery of 4 granted secrets"
echo "$out" | grep -q "^A: delivered env A_ENV version 1 size 18 seals ok$" &&
    echo "$out" | grep -q "^B: delivered file b.txt version 1 size 8 seals ok$"
ok $? "env/file targets and sizes as granted, memfds sealed"
[ "$(cat "$O/A")" = "$VAL_A" ] && cmp -s "$O/B" "$T/B.val" &&
    cmp -s "$O/BIG" "$T/BIG.val"
ok $? "delivered content is right (NUL bytes, 1 MiB)"
echo "$out" | grep -c "seals ok" | grep -q '^4$'
ok $? "every memfd has write, shrink, grow and seal seals"
out=$("$VF" "$conf" t1 sess-2 UNGRANTED A)
[ $? -eq 1 ] &&
    echo "$out" | grep -q "^UNGRANTED: refused (not granted): secret UNGRANTED: not granted to tool t1$" &&
    echo "$out" | grep -q "^A: delivered"
ok $? "no grant: refused with a reason, the rest delivered"
out=$("$VF" "$conf" t1 sess-3 OLD)
[ $? -eq 1 ] && echo "$out" | grep -q "OLD: refused (grant expired): secret OLD: grant to tool t1 expired at 2020-01-01T00:00:00Z"
ok $? "expired grant: refused"
out=$("$VF" "$conf" t2 sess-4 A B)
echo "$out" | grep -q "^A: delivered file a.txt" &&
    echo "$out" | grep -q "^B: refused (not granted)"
ok $? "grants are per tool"
out=$("$VF" "$conf" nosuchtool sess-5 A)
[ $? -eq 2 ] && echo "$out" | grep -q "refused: unknown tool nosuchtool"
ok $? "unknown tool refused"
out=$("$VF" "$conf" t1 sess-6 ../x a/b)
echo "$out" | grep -q "^../x: refused (bad name)" &&
    echo "$out" | grep -q "^a/b: refused (bad name)"
ok $? "delivery: bad names refused by vaultd"
grep -q "audit: vault deliver tool=t1 session=sess-1 secret=A result=delivered" "$LOG" &&
    grep -q "audit: vault deliver tool=t1 session=sess-3 secret=OLD result=refused: grant expired" "$LOG"
ok $? "every delivery is an audit event (tool, session, secret)"

# ---- rotate, prune, rm ----
printf '%s' "$VAL_A2" | ctl vault rotate A >"$T/rot"
ok $? "rotate A"
grep -q "A: version 2 stored" "$T/rot"
ok $? "rotate makes version 2"
ctl vault list | grep -A3 '^A$' >"$T/listA"
grep -q "version 1 " "$T/listA" && grep -q "version 2 .*(current)" "$T/listA"
ok $? "list: old version kept for rollback"
"$VF" -o "$O" "$conf" t1 s7 A | grep -q "version 2" &&
    [ "$(cat "$O/A")" = "$VAL_A2" ]
ok $? "delivery gives the new version"
printf 'x' | ctl vault rotate NOPE >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "rotate of a missing secret refused"
ctl vault prune A | grep -q "1 old version removed"
ok $? "prune removes the old version"
ctl vault list | grep -A2 '^A$' | grep -q "version 1 "
[ $? -ne 0 ]
ok $? "after prune only the current version is listed"
ctl vault rm UNGRANTED >/dev/null && [ ! -e "$T/state/vault/UNGRANTED@1" ]
ok $? "rm removes the secret's files"
ctl vault status | grep -q "secrets: 5"
ok $? "status counts 5 secrets after rm"
ctl vault rm UNGRANTED >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "rm of a missing secret fails"

# ---- tampering ----
python3 - "$T/state/vault/B@1" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[50] ^= 0x01
open(p, 'wb').write(bytes(b))
EOF
out=$("$VF" -o "$O" "$conf" t1 s8 A B NEW)
[ $? -eq 1 ] &&
    echo "$out" | grep -q "^B: refused (decryption failed): secret B: decryption failed (tampered or wrong key)$" &&
    echo "$out" | grep -q "^A: delivered" && echo "$out" | grep -q "^NEW: delivered" &&
    [ "$(cat "$O/NEW")" = "$VAL_NEW" ]
ok $? "one tampered byte: that secret fails clearly, the others work"
grep -q "secret B: decryption failed (tampered or wrong key)" "$LOG"
ok $? "the tampering is logged"

# ---- get ----
out=$(ctl vault get A 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "disabled"
ok $? "get refused without allow plaintext read"
grep -q "audit: vault get .* secret=A result=refused" "$LOG"
ok $? "refused get is audited"
printf 'vaultd {\n\tallow plaintext read\n}\n' >>"$conf"
kill -HUP "$(cat "$T/vaultd.pid")"
wait_for "$LOG" "vaultd/store.*configuration reloaded" 10
ok $? "reload with allow plaintext read"
[ "$(ctl vault get A)" = "$VAL_A2" ]
ok $? "get returns the value once allowed"
grep -q "audit: vault get .* secret=A result=read back" "$LOG"
ok $? "get is audited"

# ---- fail secure: no durable record, no value ----
suite_stop auditd
out=$(ctl vault get A 2>&1)
rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "secret A not read: auditd unreachable" &&
    ! echo "$out" | grep -qF -e "$VAL_A" -e "$VAL_A2"
ok $? "auditd stopped: get refused, the reason names auditd, no value ($out)"
grep -q "secret A not read: auditd unreachable" "$LOG"
ok $? "auditd stopped: the refused get is logged"
rm -f "$O/A" "$O/NEW"
out=$("$VF" -o "$O" "$conf" t1 s-noaudit A OLD NEW)
rc=$?
echo "$out" | sed 's/^/# /'
[ $rc -eq 1 ] &&
    echo "$out" | grep -q "^A: refused (internal error): secret A: audit: auditd unreachable" &&
    echo "$out" | grep -q "^OLD: refused (grant expired)" &&
    echo "$out" | grep -q "^NEW: refused (internal error): secret NEW: audit: " &&
    ! echo "$out" | grep -q "delivered" && [ ! -e "$O/A" ] && [ ! -e "$O/NEW" ]
ok $? "auditd stopped: delivery refused with the reason, no fd, order kept"
grep -q "secret A for tool t1 session s-noaudit not delivered: auditd unreachable" "$LOG"
ok $? "auditd stopped: the refused delivery is logged"
# Changes wait for their record too: with auditd down nothing changes.
ctl vault list >"$T/list.before" 2>&1
out=$(printf 'v' | ctl vault put CHG 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "secret CHG not stored: auditd unreachable"
ok $? "auditd stopped: put refused, the reason names auditd ($out)"
out=$(printf 'v' | ctl vault rotate A 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "secret A not stored: auditd unreachable"
ok $? "auditd stopped: rotate refused ($out)"
out=$(ctl vault prune A 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "secret A not pruned: auditd unreachable"
ok $? "auditd stopped: prune refused ($out)"
out=$(ctl vault rm NEW 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "secret NEW not removed: auditd unreachable"
ok $? "auditd stopped: rm refused ($out)"
ctl vault list >"$T/list.after" 2>&1
cmp -s "$T/list.before" "$T/list.after" &&
    ! ls -A "$T/state/vault" | grep -q '^\.tmp\.'
ok $? "auditd stopped: the store is as it was, no staged version left"
grep -q "secret CHG not stored: auditd unreachable" "$LOG" &&
    grep -q "secret NEW not removed: auditd unreachable" "$LOG"
ok $? "auditd stopped: the refused changes are logged"
suite_start auditd || ok 1 "auditd restarts"
[ "$(ctl vault get A)" = "$VAL_A2" ]
ok $? "auditd back: get works again"
out=$("$VF" -o "$O" "$conf" t1 s-audit A OLD NEW)
[ $? -eq 1 ] && echo "$out" | grep -q "^A: delivered" &&
    echo "$out" | grep -q "^NEW: delivered" &&
    [ "$(cat "$O/A")" = "$VAL_A2" ] && [ "$(cat "$O/NEW")" = "$VAL_NEW" ]
ok $? "auditd back: delivery works again"
printf 'v' | ctl vault put CHG >/dev/null && ctl vault rm CHG >/dev/null
ok $? "auditd back: put and rm work again"
ctl audit show -t 'vault.*' -j >"$T/vaudit" 2>&1
grep '"vault.get"' "$T/vaudit" | grep '"secret":"A"' |
    grep -q '"result":"read back by an administrator"'
ok $? "audit trail: the get after the restart is recorded"
[ "$(grep '"vault.secret.read"' "$T/vaudit" | grep '"s-audit"' |
    grep -c '"result":"delivered"')" = 2 ] &&
    grep '"vault.secret.read"' "$T/vaudit" | grep '"s-audit"' |
    grep '"secret":"OLD"' | grep -q '"result":"refused: grant expired"'
ok $? "audit trail: both deliveries and the refusal are recorded"
grep -q '"s-noaudit"' "$T/vaudit"
[ $? -ne 0 ]
ok $? "audit trail: nothing of the refused delivery (auditd was down)"
[ "$(grep '"vault.put"' "$T/vaudit" | grep -c '"secret":"CHG"')" = 1 ] &&
    grep '"vault.put"' "$T/vaudit" | grep '"secret":"CHG"' |
    grep -q '"result":"ok"' &&
    grep '"vault.rm"' "$T/vaudit" | grep '"secret":"CHG"' |
    grep -q '"result":"ok"' &&
    ! grep '"vault.rm"' "$T/vaudit" | grep -q '"secret":"NEW"'
ok $? "audit trail: the changes after the restart, none of the refused ones"

# A requester that leaves while its record waits for the ack: auditd's
# writer is stopped, so the records wait; the requesters are killed;
# the acks then find no connection, and the memfds are closed.
apid=$(cat "$T/auditd.pid")
awr=$(pgrep -P "$apid" | head -1)
spid=$(pgrep -P "$(cat "$T/vaultd.pid")" | head -1)
ngets=$(grep -c "audit: vault get .* secret=A result=read back" "$LOG")
kill -STOP "$awr"
"$BIN/harnessctl" -f "$conf" vault get A >"$T/gone.out" 2>&1 &
gpid=$!
"$VF" "$conf" t1 s-gone A NEW >"$T/gone2.out" 2>&1 &
fpid=$!
wait_for "$LOG" "session=s-gone secret=NEW result=delivered" 10
n=0
while [ "$(grep -c "audit: vault get .* secret=A result=read back" "$LOG")" = "$ngets" ] &&
    [ $n -lt 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
kill "$gpid" "$fpid" 2>/dev/null
wait "$gpid" "$fpid" 2>/dev/null
# served after vaultd saw both connections close
ctl vault status >/dev/null
kill -CONT "$awr"
wait_for "$LOG" "secret A: the administrator left before the value was sent" 10 &&
    wait_for "$LOG" "tool t1 session s-gone: the requester left" 10
ok $? "requesters gone before the ack: logged, nothing sent"
[ ! -s "$T/gone.out" ] && ! grep -q delivered "$T/gone2.out" &&
    ! ls -l "/proc/$spid/fd" 2>/dev/null | grep -q "memfd:vault-secret" &&
    kill -0 "$spid" && [ "$(ctl vault get A)" = "$VAL_A2" ]
ok $? "requesters gone: no value out, the memfds closed, vaultd serves on"

# Changes to one secret go in order, each after its record: with the
# writer stopped, two rotations of Q and a put of R all wait; then they
# are made, Q's as versions 2 and 3.
printf 'q1' | ctl vault put Q >/dev/null
kill -STOP "$awr"
printf 'q2' | "$BIN/harnessctl" -f "$conf" vault rotate Q >"$T/q2.out" 2>&1 &
q2=$!
wait_for "$LOG" "audit: vault rotate .* secret=Q result=ok" 10
printf 'q3' | "$BIN/harnessctl" -f "$conf" vault rotate Q >"$T/q3.out" 2>&1 &
q3=$!
printf 'r1' | "$BIN/harnessctl" -f "$conf" vault put R >"$T/r1.out" 2>&1 &
r1=$!
wait_for "$LOG" "audit: vault put .* secret=R result=ok" 10
wait_for "$LOG" "secret Q: rotate waits for the rotate before it" 10
nq=$(grep -c "audit: vault rotate .* secret=Q result=ok" "$LOG")
ctl vault list | grep -A3 '^Q$' >"$T/listQ"
[ "$nq" = 1 ] && ! grep -q "version 2" "$T/listQ" &&
    ! ctl vault list | grep -q '^R$'
ok $? "waiting for the ack: nothing made yet, Q's second rotation queued ($nq)"
kill -CONT "$awr"
wait "$q2" "$q3" "$r1"
ctl vault list | grep -A4 '^Q$' >"$T/listQ"
grep -q "version 2" "$T/listQ" && grep -q "version 3" "$T/listQ" &&
    ctl vault list | grep -q '^R$' && [ "$(ctl vault get Q)" = q3 ]
ok $? "acknowledged: Q rotated twice in order, R stored ($(cat "$T/q2.out" "$T/q3.out" "$T/r1.out"))"
ctl vault rm R >/dev/null
ok $? "rm R"
# Sealed while a change waits its turn: the one whose record was sent
# is made, the one queued behind it is refused.
rotations() {
	[ "$(grep -c "audit: vault rotate .* secret=Q result=ok" "$LOG")" -gt "$1" ]
}
kill -STOP "$awr"
printf 'q4' | "$BIN/harnessctl" -f "$conf" vault rotate Q >"$T/q4.out" 2>&1 &
q4=$!
wait_until 10 rotations 2
"$BIN/harnessctl" -f "$conf" vault rm Q >"$T/q5.out" 2>&1 &
q5=$!
wait_for "$LOG" "secret Q: rm waits for the rotate before it" 10
ctl vault seal >/dev/null
kill -CONT "$awr"
wait "$q4"
r4=$?
wait "$q5"
r5=$?
[ $r4 -eq 0 ] && [ $r5 -ne 0 ] && grep -q "vault is sealed" "$T/q5.out" &&
    grep -q "audit: vault rm .* secret=Q result=refused: vault is sealed" "$LOG"
ok $? "sealed while queued: the change sent is made, the one queued is refused ($r4 $r5 $(cat "$T/q4.out" "$T/q5.out"))"
echo "$PASS" | ctl vault unseal >/dev/null && [ "$(ctl vault get Q)" = q4 ] &&
    ctl vault rm Q >/dev/null
ok $? "unsealed: Q has the rotation made before the seal; rm Q"

# ---- sealing ----
ctl vault seal >/dev/null && ctl vault status | grep -q "state: sealed"
ok $? "seal"
out=$("$VF" "$conf" t1 s9 A)
[ $? -eq 2 ] && [ "$out" = "refused: vault is sealed" ]
ok $? "sealed: delivery refused with 'vault is sealed'"
out=$(ctl vault get A 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "vault is sealed"
ok $? "sealed: get refused"
printf 'x' | ctl vault put D >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "sealed: put refused"
out=$(echo "wrong passphrase here" | ctl vault unseal 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "wrong passphrase" &&
    ctl vault status | grep -q "state: sealed"
ok $? "wrong passphrase: error, stays sealed"
grep -q "unseal refused for uid 0 pid [0-9]*: wrong passphrase" "$LOG"
ok $? "wrong passphrase is logged"
ctl vault init -k "$T/stray.key" >"$T/init3" 2>&1
[ $? -ne 0 ] && grep -q "already initialised" "$T/init3" &&
    [ ! -e "$T/stray.key" ] && ! grep -q "created key file" "$T/init3"
ok $? "init -k on an initialised vault leaves no key file behind"
printf '%s\nsomething else\n' "$PASS" | ctl vault unseal >/dev/null 2>&1 &&
    ctl vault status | grep -q "state: unsealed"
ok $? "unseal takes the first line of standard input only"
ctl vault seal >/dev/null
head -c 32 /dev/urandom >"$T/other.key"
chmod 600 "$T/other.key"
out=$(ctl vault unseal -k "$T/other.key" 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "unsealed with a passphrase" &&
    ctl vault status | grep -q "state: sealed"
ok $? "a key file on a passphrase vault: stays sealed"

# The real prompt, in a terminal: no echo.
if command -v tmux >/dev/null; then
	TM="tmux -L harness-vt$$"
	$TM new-session -d -x 150 -y 20 \
	    "'$BIN/harnessctl' -f '$conf' vault unseal; echo rc=\$?; sleep 60"
	if wait_tmux() {
		_n=100
		while [ $_n -gt 0 ]; do
			$TM capture-pane -p >"$T/pane" 2>/dev/null
			grep -q -- "$1" "$T/pane" && return 0
			sleep 0.1
			_n=$((_n - 1))
		done
		return 1
	}; wait_tmux "Vault passphrase:"; then
		$TM send-keys -l "$PASS"
		$TM send-keys Enter
		wait_tmux "rc="
		grep -q "rc=0" "$T/pane"
		ok $? "tmux: unseal from the terminal prompt"
		grep -q "staple" "$T/pane"
		[ $? -ne 0 ]
		ok $? "tmux: the passphrase is not echoed"
		# A server of its own: the first one may still be exiting.
		$TM kill-server 2>/dev/null
		TM="tmux -L harness-vt$$-2"
		$TM new-session -d -x 150 -y 20 \
		    "'$BIN/harnessctl' -f '$conf' vault put TTYVAL; echo rc=\$?; sleep 60"
		wait_tmux "Value of TTYVAL:"
		$TM send-keys -l "tty-s3cr3t-value"
		$TM send-keys Enter
		wait_tmux "rc="
		grep -q "rc=0" "$T/pane" && ! grep -q "tty-s3cr3t" "$T/pane"
		ok $? "tmux: put reads the value without echo"
	else
		ok 1 "tmux: prompt appears"
		sed 's/^/# /' "$T/pane"
	fi
	$TM kill-server 2>/dev/null
	ctl vault status | grep -q "state: unsealed"
	ok $? "unsealed after the terminal prompt"
else
	skip "tmux: no-echo prompt" "tmux missing"
	echo "$PASS" | ctl vault unseal >/dev/null
fi
"$VF" -o "$O" "$conf" t1 s10 A | grep -q "A: delivered"
ok $? "delivery works again after unseal"

# ---- nothing secret in the log ----
grep -q -e "$VAL_A" -e "$VAL_A2" -e "$VAL_NEW" -e "tty-s3cr3t" -e "staple" \
    "$LOG"
[ $? -ne 0 ]
ok $? "no value and no passphrase in vaultd's log"
grep -q "lost child\|seccomp violation" "$LOG"
[ $? -ne 0 ]
ok $? "no lost child, no seccomp violation"

# ---- stopping while a change waits for its record ----
# The change whose record was sent is made once auditd answers; the one
# queued behind it is refused; then vaultd exits.
kill -STOP "$awr"
printf 's1' | "$BIN/harnessctl" -f "$conf" vault put STOP1 >"$T/stop1.out" 2>&1 &
p1=$!
wait_for "$LOG" "audit: vault put .* secret=STOP1 result=ok" 10
printf 's2' | "$BIN/harnessctl" -f "$conf" vault rotate STOP1 >"$T/stop2.out" 2>&1 &
p2=$!
wait_for "$LOG" "secret STOP1: rotate waits for the put before it" 10
vp=$(cat "$T/vaultd.pid")
kill -TERM "$vp"
wait_for "$LOG" "waiting for the audit record of 1 vault change" 10
w=$?
kill -CONT "$awr"
wait_gone "$vp" 10
g=$?
wait "$p1"
r1=$?
wait "$p2"
r2=$?
[ $w -eq 0 ] && [ $g -eq 0 ] && [ $r1 -eq 0 ] && [ $r2 -ne 0 ] &&
    grep -q "secret STOP1 not stored: vaultd is shutting down" "$T/stop2.out"
ok $? "stopping: the change recorded is made, the one queued refused ($w $g $r1 $r2: $(cat "$T/stop1.out" "$T/stop2.out"))"
suite_start vaultd || { ok 1 "vaultd restarts"; t_exit; }
ctl vault list | grep -A2 '^STOP1$' >"$T/stop.list"
grep -q "version 1 " "$T/stop.list" && ! grep -q "version 2" "$T/stop.list" &&
    ! ls -A "$T/state/vault" | grep -q '^\.tmp\.'
ok $? "after the restart: STOP1 has version 1 only, no staged file"

# ---- key file store, unattended unseal ----
suite_stop vaultd
rm -rf "$T/state/vault"
: >"$LOG"
suite_start vaultd || { ok 1 "vaultd restarts"; t_exit; }
ctl vault init -k "$T/vault.key" >/dev/null 2>&1
ok $? "init -k creates a key file"
[ "$(stat -c '%s %a' "$T/vault.key")" = "32 600" ]
ok $? "key file: 32 bytes, mode 600"
ctl vault status | grep -q "unseal: key file"
ok $? "status: key file"
printf '%s' "$VAL_A" | ctl vault put A >/dev/null
ok $? "put into the key file store"
ctl vault seal >/dev/null
head -c 32 /dev/urandom >"$T/wrong.key"
chmod 600 "$T/wrong.key"
out=$(ctl vault unseal -k "$T/wrong.key" 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -q "wrong key file" &&
    ctl vault status | grep -q "state: sealed"
ok $? "wrong key file: stays sealed"
echo "$PASS" | ctl vault unseal >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "a passphrase on a key file vault: refused"
ctl vault unseal -k "$T/vault.key" >/dev/null
ok $? "unseal -k with the key file"
suite_stop vaultd
printf 'vaultd {\n\tkeyfile "%s"\n}\n' "$T/vault.key" >>"$conf"
: >"$LOG"
suite_start vaultd || { ok 1 "vaultd restarts with a keyfile"; t_exit; }
wait_for "$LOG" "unsealed with the configured key file" 10
ok $? "keyfile in the config: vaultd unseals itself at start"
"$VF" -o "$O" "$conf" t1 s11 A | grep -q "A: delivered" &&
    [ "$(cat "$O/A")" = "$VAL_A" ]
ok $? "delivery after the unattended unseal"
suite_stop vaultd
chmod 644 "$T/vault.key"
: >"$LOG"
suite_start vaultd || { ok 1 "vaultd restarts"; t_exit; }
grep -q "not readable by others" "$LOG" && ctl vault status | grep -q "state: sealed"
ok $? "a world-readable key file is not used"
t_exit
