#!/bin/sh
# bench/vault_latency.sh: what secret delivery adds to a sandbox run.
# auditd, vaultd and sandboxd (pool 4) under a temporary root; three
# tools that differ only in their grants (none, 1 secret, 10 secrets,
# env and file alternating); `harnessctl sandbox run -T tool /bin/true`
# N times each (BENCH_RUNS, default 200), the three interleaved in the
# same run so that drift hits them alike; p50/p99 and the added p50.
# Also the unseal time through vaultd with a passphrase, with the
# Argon2id parameters vaultd reports.  Needs root.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$TOP/obj/bin}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
N=${BENCH_RUNS:-200}

if [ "$(id -u)" -ne 0 ]; then
	echo "vault_latency: SKIPPED (needs root)"
	exit 0
fi
command -v python3 >/dev/null || { echo "vault_latency: SKIPPED" \
    "(python3 missing)"; exit 0; }
. "$TOP/regress/lib.sh"
suite_setup
suite_cgroup || { echo "vault_latency: cannot write the test config"; exit 1; }
{
	printf 'tool "none" {\n\tcommand { "true" }\n}\n'
	printf 'tool "one" {\n\tcommand { "true" }\n'
	printf '\tsecret "S1" env "S1"\n}\n'
	printf 'tool "ten" {\n\tcommand { "true" }\n'
	for i in 1 2 3 4 5 6 7 8 9 10; do
		if [ $((i % 2)) = 0 ]; then
			printf '\tsecret "S%d" file "s%d"\n' $i $i
		else
			printf '\tsecret "S%d" env "S%d"\n' $i $i
		fi
	done
	printf '}\n'
} >>"$conf"

suite_start auditd vaultd sandboxd || exit 1

PASS="bench passphrase $$"
echo "$PASS" | ctl vault init >/dev/null || exit 1
for i in 1 2 3 4 5 6 7 8 9 10; do
	head -c 32 /dev/urandom | base64 | tr -d '\n' | ctl vault put "S$i" \
	    >/dev/null || exit 1
done
kdf=$(ctl vault status | sed -n 's/.*\(Argon2id[^)]*\).*/\1/p' | head -1)
# unseal through vaultd: harnessctl, control socket, Argon2id, unwrap
python3 - "$BIN/harnessctl" "$conf" "$PASS" "$kdf" <<'EOF'
import subprocess, sys, time
ctl, conf, pw, kdf = sys.argv[1:5]
t = []
for i in range(5):
    subprocess.run([ctl, "-f", conf, "vault", "seal"], check=True,
                   stdout=subprocess.DEVNULL)
    t0 = time.perf_counter()
    subprocess.run([ctl, "-f", conf, "vault", "unseal"], check=True,
                   input=(pw + "\n").encode(), stdout=subprocess.DEVNULL)
    t.append((time.perf_counter() - t0) * 1000)
t.sort()
print("unseal via vaultd (%s): median %.1f ms of 5" % (kdf or "Argon2id",
      t[2]))
EOF

echo "sandbox run of /bin/true (pool 4), $N runs each, interleaved"
python3 - "$N" "$BIN/harnessctl" "$conf" <<'EOF'
import subprocess, sys, time
n, ctl, conf = int(sys.argv[1]), sys.argv[2], sys.argv[3]
tools = [("none", "no secrets"), ("one", "1 secret"), ("ten", "10 secrets")]
t = {k: [] for k, _ in tools}
for i in range(n + 5):
    for k, _ in tools:
        t0 = time.perf_counter()
        rc = subprocess.run([ctl, "-f", conf, "sandbox", "run", "-T", k,
                             "-S", "bench", "--", "/bin/true"],
                            stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL).returncode
        dt = (time.perf_counter() - t0) * 1000
        if rc != 0:
            print("tool %s: run %d failed with status %d" % (k, i, rc))
            sys.exit(1)
        if i >= 5:          # warm-up runs are not counted
            t[k].append(dt)
p = lambda v, q: sorted(v)[min(len(v) - 1, int(q * len(v)))]
base = p(t["none"], 0.5)
for k, label in tools:
    p50, p99 = p(t[k], 0.5), p(t[k], 0.99)
    print("%-24s p50 %7.2f ms   p99 %7.2f ms   added p50 %+6.2f ms" %
          (label, p50, p99, p50 - base))
EOF
