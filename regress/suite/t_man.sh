#!/bin/sh
# Manual pages and systemd units: every page in man/ lints clean with
# mandoc(1) at warning level, renders with man -l and has the sections
# its kind needs (one line per page); the example of harness.conf(5) is
# accepted by the parser; the units in etc/systemd/ pass
# systemd-analyze verify; make install and uninstall into a scratch
# root.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$TOP/regress/lib.sh"

tmp=$(mktemp -d /tmp/harness-t_man.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# Sections a page must have, one a line, by manual section.
sections_for() {
	case $1 in
	*.5)	printf '%s\n' NAME DESCRIPTION FILES EXAMPLES "SEE ALSO" ;;
	*.8)	printf '%s\n' NAME SYNOPSIS DESCRIPTION FILES "EXIT STATUS" \
		    "SEE ALSO" ;;
	*)	printf '%s\n' NAME DESCRIPTION "SEE ALSO" ;;
	esac
}

check_page() {
	page=$1
	bad=0
	if command -v mandoc >/dev/null 2>&1; then
		# Style notes (the Os we set, pages not installed) are
		# not errors; warnings and worse are.
		out=$(mandoc -Tlint -W warning "$page" 2>&1)
		if [ $? -ne 0 ] || [ -n "$out" ]; then
			diag "$page: mandoc -Tlint -W warning:"
			printf '%s\n' "$out" | sed 's/^/#   /'
			bad=1
		fi
	fi
	if command -v man >/dev/null 2>&1; then
		if ! MANWIDTH=80 man -l "$page" >/dev/null 2>"$tmp/man.err" ||
		    [ -s "$tmp/man.err" ]; then
			diag "$page: man -l failed:"
			sed 's/^/#   /' "$tmp/man.err"
			bad=1
		fi
	fi
	sections_for "$page" >"$tmp/need"
	while IFS= read -r name; do
		if ! grep -qx "\.Sh $name" "$page"; then
			diag "$page: no $name section"
			bad=1
		fi
	done <"$tmp/need"
	return $bad
}

what="lints clean and has its sections"
if ! command -v mandoc >/dev/null 2>&1; then
	what="has its sections (mandoc not found: lint skipped)"
fi
n=0
for page in "$TOP"/man/*.[1-9]; do
	[ -f "$page" ] || continue
	n=$((n + 1))
	check_page "$page"
	ok $? "man: $(basename "$page") $what"
done
if [ "$n" -eq 0 ]; then
	ok 1 "man: pages in $TOP/man"
fi

# The EXAMPLES of harness.conf(5) must be a configuration the parser
# accepts, so that the page cannot drift from lib/parse.y.
conf5=$TOP/man/harness.conf.5
if [ ! -f "$conf5" ]; then
	skip "man: harness.conf(5) example parses" "no man/harness.conf.5"
elif [ ! -x "$BIN/harnessd" ]; then
	skip "man: harness.conf(5) example parses" "no $BIN/harnessd"
else
	# The first literal display of EXAMPLES, with \e turned back
	# into the backslash it stands for.
	awk '/^\.Sh EXAMPLES/ { s = 1 }
	    s && !done && /^\.Bd -literal/ { p = 1; next }
	    p && /^\.Ed/ { p = 0; done = 1 }
	    p' "$conf5" | sed 's/\\e/\\/g' >"$tmp/example.conf"
	"$BIN/harnessd" -n -f "$tmp/example.conf" >"$tmp/n.out" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || ! grep -qx "configuration OK" "$tmp/n.out"; then
		diag "harnessd -n on the example exited $rc:"
		sed 's/^/#   /' "$tmp/n.out"
		rc=1
	fi
	ok $rc "man: harness.conf(5) example parses"
fi

# systemd units, with the paths make install would substitute.  Each is
# verified on its own, which is how systemd-analyze reports ordering
# cycles with the system's units.
if ! command -v systemd-analyze >/dev/null 2>&1; then
	skip "systemd: units verify" "systemd-analyze not found"
elif ! ls "$TOP"/etc/systemd/*.service >/dev/null 2>&1; then
	ok 1 "systemd: units in $TOP/etc/systemd"
else
	mkdir "$tmp/units"
	for f in "$TOP"/etc/systemd/*; do
		sed "s|@BINDIR@|$BIN|g; s|@SYSCONFDIR@|/etc|g" "$f" \
		    >"$tmp/units/$(basename "$f")"
	done
	bad=0
	for f in "$tmp"/units/*; do
		out=$(SYSTEMD_UNIT_PATH="$tmp/units:" systemd-analyze verify \
		    --man=no "$f" 2>&1)
		if [ $? -ne 0 ] || [ -n "$out" ]; then
			diag "systemd-analyze verify $(basename "$f"):"
			printf '%s\n' "$out" | sed 's/^/#   /'
			bad=1
		fi
	done
	ok $bad "systemd: units verify"
fi

# make install into a scratch root: everything lands, and a second run
# replaces harness's own files; a program that is not harness's (the
# Linux audit daemon is auditd too, in /usr/sbin) is never written
# over, and uninstall leaves it.
root=$tmp/root
san=0
[ -n "${HARNESS_SANITIZED:-}" ] && san=1
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" \
	    SANITIZE=$san O="${BUILD#"$TOP"/}" DESTDIR="$root" PREFIX=/usr \
	    "$@" >"$tmp/mk.out" 2>&1
}
bad=0
if ! mk install || ! mk install; then
	diag "make install failed:"
	sed 's/^/#   /' "$tmp/mk.out"
	bad=1
fi
for f in sbin/harnessd sbin/auditd sbin/harnessctl share/man/man8/auditd.8 \
    share/man/man5/harness.conf.5 lib/systemd/system/harness.target; do
	[ -f "$root/usr/$f" ] || { diag "not installed: /usr/$f"; bad=1; }
done
ok $bad "make install: programs, pages and units under DESTDIR"
bad=0
mk uninstall
mkdir -p "$root/usr/sbin"
printf '#!/bin/sh\n# the Linux audit daemon\n' >"$root/usr/sbin/auditd"
cp "$root/usr/sbin/auditd" "$tmp/foreign"
if mk install; then
	diag "make install wrote over a program that is not harness's"
	bad=1
elif ! grep -q "/usr/sbin/auditd is not harness's" "$tmp/mk.out"; then
	diag "make install did not say why it stopped:"
	sed 's/^/#   /' "$tmp/mk.out"
	bad=1
fi
mk uninstall
cmp -s "$root/usr/sbin/auditd" "$tmp/foreign" ||
    { diag "uninstall removed or changed a program not harness's"; bad=1; }
ok $bad "make install: never over a program not harness's"

t_exit
