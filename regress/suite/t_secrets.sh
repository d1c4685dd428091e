# Secrets in sandboxes, end to end: sandboxd asks vaultd for a tool's
# granted secrets, the sandbox sees them as environment variables or
# files under /run/secrets, and their values (raw, split across reads,
# base64, URL-encoded) never leave sandboxd unredacted.  Fail secure:
# sealed, stopped or refusing vault, or one secret failing, refuses the
# run.  Values appear in no log and not in the audit trail.
. "$TOP/regress/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	skip "secrets" "needs root (namespaces, cgroups, uid maps)"
	exit 0
fi
suite_setup
# A cgroup of our own (another sandboxd may be using "harness").
suite_cgroup || { ok 1 "test config"; t_exit; }
cat >>"$conf" <<'EOF'
tool "envtool" {
	command { "true" }
	secret "DEMO_TOKEN" env "X"
}
tool "filetool" {
	command { "true" }
	secret "FILE_KEY" file "key.txt"
}
tool "both" {
	command { "true" }
	secret "DEMO_TOKEN" env "X"
	secret "FILE_KEY" file "key.txt"
}
tool "plain" {
	command { "true" }
}
tool "missing" {
	command { "true" }
	secret "NOT_STORED" env "NS"
}
tool "nogrant" {
	command { "true" }
	secret "DEMO_TOKEN" env "NG"
}
EOF
# vaultd reads a copy without the grant of tool nogrant: the refusal
# then comes from vaultd's own check.
grep -v 'env "NG"' "$conf" >"$T/vault.conf"

# The values: characters that URL-encoding changes, long enough that
# their base64 and percent forms are matched.
VAL_X='tok/9f8e 7d6c+5b4a=3210?zz'
VAL_F='file-key-Q1w2E3r4T5y6U7i8'

start_vaultd() {
	[ -f "$T/vaultd.log" ] && cat "$T/vaultd.log" >>"$T/vaultd.log.old" &&
	    rm -f "$T/vaultd.log"
	"$BIN/vaultd" -d -f "$T/vault.conf" -p "$T/vaultd.pid" \
	    >>"$T/vaultd.log" 2>&1 &
	wait_for "$T/vaultd.log" "ready: [0-9]* processes" 15
}

if ! suite_start auditd || ! start_vaultd || ! suite_start sandboxd; then
	ok 1 "auditd, vaultd and sandboxd start"
	t_exit
fi
ok 0 "auditd, vaultd and sandboxd start"

ctl vault init -k "$T/vault.key" >/dev/null 2>&1 &&
    ctl vault seal >/dev/null 2>&1 &&
    ctl vault unseal -k "$T/vault.key" >/dev/null 2>&1 &&
    printf '%s' "$VAL_X" | ctl vault put DEMO_TOKEN >/dev/null &&
    printf '%s' "$VAL_F" | ctl vault put FILE_KEY >/dev/null
ok $? "vault init -k, seal, unseal -k, put DEMO_TOKEN and FILE_KEY"

# run NAME ARGS...: harnessctl sandbox run ARGS, stdin /dev/null; output
# in $T/NAME.out and $T/NAME.err, status in $T/NAME.rc
run() {
	_name=$1
	shift
	ctl sandbox run "$@" </dev/null >"$T/$_name.out" 2>"$T/$_name.err"
	echo $? >"$T/$_name.rc"
}
# leaked NAME: the value appears in NAME's output, in any form we know
leaked() {
	cat "$T/$1.out" "$T/$1.err" >"$T/$1.all"
	grep -qF -e "$VAL_X" -e "$VAL_F" "$T/$1.all" && return 0
	for _v in "$VAL_X" "$VAL_F"; do
		_b=$(printf '%s' "$_v" | base64 -w0 | cut -c1-16)
		_u=$(python3 -c 'import sys, urllib.parse
print(urllib.parse.quote(sys.argv[1], safe=""))' "$_v")
		grep -qF -e "$_b" -e "$_u" "$T/$1.all" && return 0
	done
	return 1
}
show() {
	sed 's/^/#   /' "$T/$1.out" "$T/$1.err" | head -${2:-10} >&2
}

# ---- delivery and redaction ----
run env -T envtool -S sess-1 -- sh -c 'echo "$X"; echo "$X" >&2'
[ "$(cat "$T/env.rc")" = 0 ] &&
    [ "$(cat "$T/env.out")" = "[REDACTED:DEMO_TOKEN]" ] &&
    grep -qx "\[REDACTED:DEMO_TOKEN\]" "$T/env.err" && ! leaked env
ok $? "env grant: the value on stdout and stderr shows as [REDACTED:NAME]" ||
    show env

want=$(printf '%s' "$VAL_X" | sha256sum | cut -c1-64)
run sum -T envtool -- sh -c 'printf %s "$X" | sha256sum'
[ "$(cut -c1-64 "$T/sum.out")" = "$want" ]
ok $? "env grant: the sandbox sees exactly the stored value" || show sum

run b64 -T envtool -- sh -c 'echo "$X" | base64 -w0; echo;
    printf %s "$X" | base64 -w0; echo; printf "xy%s" "$X" | base64 -w0'
grep -c "REDACTED:DEMO_TOKEN" "$T/b64.out" | grep -qx 3 && ! leaked b64
ok $? "base64 forms (three alignments) are redacted" || show b64

run url -T envtool -l python3 -e 'import os, urllib.parse
v = os.environ["X"]
print(urllib.parse.quote(v, safe=""))
print(urllib.parse.quote_plus(v))'
grep -c "REDACTED:DEMO_TOKEN" "$T/url.out" | grep -qx 2 && ! leaked url
ok $? "URL-encoded forms are redacted" || show url

run split -T envtool -- bash -c 'printf %s "${X:0:9}"; sleep 0.5;
    printf "%s\n" "${X:9}"'
[ "$(cat "$T/split.out")" = "[REDACTED:DEMO_TOKEN]" ] && ! leaked split
ok $? "a value split across two writes (and reads) is redacted" ||
    show split

run file -T filetool -- sh -c 'cat /run/secrets/key.txt; echo;
    stat -c "%a %u" /run/secrets/key.txt;
    echo x >/run/secrets/key.txt 2>/dev/null || echo read-only;
    echo x >/run/secrets/new 2>/dev/null || echo no-new-file'
[ "$(cat "$T/file.rc")" = 0 ] &&
    [ "$(sed -n 1p "$T/file.out")" = "[REDACTED:FILE_KEY]" ] &&
    [ "$(sed -n 2p "$T/file.out")" = "400 1000" ] &&
    grep -qx read-only "$T/file.out" && grep -qx no-new-file "$T/file.out" &&
    ! leaked file
ok $? "file grant: /run/secrets/NAME, mode 0400, sandbox uid, read-only, redacted" ||
    show file

run both -T both -S sess-2 -- sh -c 'echo "$X"; cat /run/secrets/key.txt'
[ "$(cat "$T/both.out")" = "[REDACTED:DEMO_TOKEN]
[REDACTED:FILE_KEY]" ] && ! leaked both
ok $? "two grants (env and file) in one run" || show both

run noenv -T filetool -- sh -c 'echo "[$X]"; ls /run/secrets'
[ "$(cat "$T/noenv.out")" = "[]
key.txt" ]
ok $? "a run gets only its own tool's grants" || show noenv

run plain -T plain -- sh -c 'echo "[$X]"; ls /run/secrets 2>&1 | wc -l'
[ "$(cat "$T/plain.rc")" = 0 ] && [ "$(sed -n 1p "$T/plain.out")" = "[]" ]
ok $? "a tool without grants runs without secrets" || show plain

# ---- refusals ----
# every refused run below runs "echo never"; nothing else runs echo
nstarts() {
	grep -c "sandbox.start: run .* program echo " "$T/sandboxd.log"
}
n0=$(nstarts)
run missing -T missing -- echo never
[ "$(cat "$T/missing.rc")" != 0 ] &&
    grep -q "sandbox refused: secret NOT_STORED" "$T/missing.err" &&
    ! grep -q never "$T/missing.out"
ok $? "a granted secret missing from the vault: refused ($(cat "$T/missing.err"))"

run nogrant -T nogrant -- echo never
[ "$(cat "$T/nogrant.rc")" != 0 ] &&
    grep -q "secret DEMO_TOKEN: not granted to tool nogrant" "$T/nogrant.err"
ok $? "vaultd refuses a secret not granted: run refused ($(cat "$T/nogrant.err"))"

# tamper with FILE_KEY's encrypted file: that secret fails, others work
f=$(ls "$T"/state/vault/FILE_KEY@* 2>/dev/null | head -1)
if [ -n "$f" ]; then
	python3 - "$f" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[len(b) // 2] ^= 0x01
open(p, 'wb').write(bytes(b))
EOF
	run tamper -T both -- echo never
	run tamper2 -T envtool -- sh -c 'echo "$X"'
	[ "$(cat "$T/tamper.rc")" != 0 ] &&
	    grep -q "secret FILE_KEY: decryption failed" "$T/tamper.err" &&
	    [ "$(cat "$T/tamper2.out")" = "[REDACTED:DEMO_TOKEN]" ]
	ok $? "one flipped byte: that secret fails clearly ($(cat "$T/tamper.err")), another still works"
else
	ok 1 "tampering: no FILE_KEY file in $T/state/vault"
fi

ctl vault seal >/dev/null 2>&1
run sealed -T envtool -- echo never
[ "$(cat "$T/sealed.rc")" != 0 ] &&
    grep -q "sandbox refused: vault is sealed" "$T/sealed.err"
ok $? "sealed vault: refused ($(cat "$T/sealed.err"))"
run sealedplain -T plain -- sh -c 'echo fine'
[ "$(cat "$T/sealedplain.out")" = fine ]
ok $? "sealed vault: a tool without grants still runs (vaultd not asked)"

suite_stop vaultd
run down -T envtool -- echo never
[ "$(cat "$T/down.rc")" != 0 ] &&
    grep -q "sandbox refused: vaultd unreachable" "$T/down.err"
ok $? "vaultd stopped: refused ($(cat "$T/down.err"))"
[ "$(nstarts)" = "$n0" ]
ok $? "no refused run started a sandbox"

start_vaultd && ctl vault unseal -k "$T/vault.key" >/dev/null 2>&1
run again -T envtool -- sh -c 'echo "$X"'
[ "$(cat "$T/again.out")" = "[REDACTED:DEMO_TOKEN]" ]
ok $? "vaultd restarted and unsealed: sandboxd reconnects, delivery works" ||
    show again

# the same without pre-made sandboxes (the other way secrets travel)
suite_stop sandboxd
sed -i -e 's/^\([[:space:]]*\)pool [0-9]*/\1pool 0/' "$conf"
# FILE_KEY's tampered version is replaced by a new one
printf '%s' "$VAL_F" | ctl vault rotate FILE_KEY >/dev/null
if suite_start sandboxd; then
	run nopool -T both -- sh -c 'echo "$X"; cat /run/secrets/key.txt;
	    echo; stat -c "%a %u" /run/secrets/key.txt'
	[ "$(cat "$T/nopool.out")" = "[REDACTED:DEMO_TOKEN]
[REDACTED:FILE_KEY]
400 1000" ]
	ok $? "without a pool: env and file secrets delivered and redacted" ||
	    show nopool
else
	ok 1 "sandboxd restarts with pool 0"
fi

# A value stored with echo ends in a newline; $(cat) drops it.
echo "$VAL_F" | ctl vault rotate FILE_KEY >/dev/null
run nl -T filetool -- sh -c 'v=$(cat /run/secrets/key.txt); echo "value=[$v]"
    printf %s "$v" | base64 -w0; echo'
[ "$(sed -n 1p "$T/nl.out")" = "value=[[REDACTED:FILE_KEY]]" ] &&
    sed -n 2p "$T/nl.out" | grep -q 'REDACTED:FILE_KEY' && ! leaked nl
ok $? "a value stored with a newline is redacted without it, base64 too" ||
    show nl

# ---- nowhere else ----
ctl audit show -j >"$T/audit.json" 2>&1
grep -F "sandbox.start" "$T/audit.json" | grep -F "envtool" |
    grep -F "sess-1" | grep -qF "DEMO_TOKEN"
ok $? "audit: sandbox.start names tool, session and secret names"
grep -F "sandbox.exit" "$T/audit.json" | grep -F "both" |
    grep -F "DEMO_TOKEN" | grep -qF "FILE_KEY"
ok $? "audit: sandbox.exit names the secrets delivered"
found=0
for v in "$VAL_X" "$VAL_F"; do
	grep -qF "$v" "$T/audit.json" && found=1
	for db in $(find "$T" -name '*.db' -o -name '*.db-wal'); do
		grep -qaF "$v" "$db" && found=1
	done
	grep -qF "$v" "$T"/*.log "$T"/*.log.old 2>/dev/null && found=1
done
[ $found = 0 ]
ok $? "no secret value in the audit trail, its database or any log"
cat "$T/sandboxd.log.old" "$T/sandboxd.log" >"$T/sandboxd.all"
grep -q "occurrence(s) redacted" "$T/sandboxd.all"
ok $? "sandboxd logs how many occurrences it redacted (counts only)"
grep -Eq "lost child|fatal" "$T/sandboxd.all" "$T/vaultd.log"
[ $? -ne 0 ]
ok $? "no lost child or fatal error in the logs"

t_exit
