#!/bin/sh
# make install and make uninstall, into a temporary DESTDIR (no root needed).
#
#   sh tests/checks/install.sh    (from the top of the source tree;
#                                  $YOKE_BIN: the programs, default bin)
#
# Installs the programs already built in $YOKE_BIN (build/san/bin is
# MODE=san, bin is the release build; make only redoes what is out of date)
# with PREFIX=/usr, and checks every file: the programs executable, the
# manual pages where man finds them, the catalogue, the systemd unit with
# ExecStart at PREFIX/bin (and clean to systemd-analyze when it is there).
# The installed yoked must find the installed catalogue: its --help is
# Chinese under LANG=zh_CN.UTF-8, and English again once that one file is
# moved away. make uninstall with the same DESTDIR must leave no file. The
# default PREFIX puts the unit in /usr/local/lib/systemd/system.
# Prints one "PASS name" or "FAIL name: why" line per check.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=${YOKE_BIN:-bin}
case $bin in
*build/san/bin) mode=san ;;
bin | ./bin) mode=release ;;
*) echo "FAIL install: YOKE_BIN=$bin is neither bin nor build/san/bin of this tree"; exit 0 ;;
esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yoke-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
dest=$tmp/root
# The Chinese help: LANG decides, nothing else may (run.sh's environment or
# the developer's).
zh() { env -u YOKE_LOCALEDIR LANGUAGE= LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 "$@"; }

if ! make --no-print-directory MODE=$mode install DESTDIR="$dest" PREFIX=/usr >"$tmp/install.out" 2>&1; then
	echo "FAIL install: make install failed: $(tail -n 3 "$tmp/install.out" | tr '\n' ' ')"
	exit 0
fi

bad=""
for p in yoked yoke yokectl; do
	[ -f "$dest/usr/bin/$p" ] && [ -x "$dest/usr/bin/$p" ] || bad="$bad usr/bin/$p"
	cmp -s "$bin/$p" "$dest/usr/bin/$p" || bad="$bad usr/bin/$p(not the built one)"
done
for page in man8/yoked.8 man1/yoke.1 man1/yokectl.1 man5/yoke-defs.5; do
	cmp -s "build/man/${page#*/}" "$dest/usr/share/man/$page" || bad="$bad usr/share/man/$page"
done
[ -s "$dest/usr/share/locale/zh_CN/LC_MESSAGES/yoke.mo" ] || bad="$bad usr/share/locale/zh_CN/LC_MESSAGES/yoke.mo"
unit=$dest/usr/lib/systemd/system/yoked.service
[ -s "$unit" ] || bad="$bad usr/lib/systemd/system/yoked.service"
if [ -n "$bad" ]; then
	echo "FAIL install files: missing or wrong under DESTDIR:$bad"
else
	echo "PASS install files: 3 programs, 4 manual pages, the catalogue and the unit"
fi

# man finds each page by name in the installed tree.
bad=""
for page in yoked yoke yokectl yoke-defs; do
	found=$(man -M "$dest/usr/share/man" -w "$page" 2>/dev/null)
	case $found in "$dest"/usr/share/man/man?/"$page".?) ;; *) bad="$bad $page" ;; esac
done
if [ -n "$bad" ]; then
	echo "FAIL install man: man -M PREFIX/share/man does not find:$bad"
else
	echo "PASS install man: man finds yoked(8), yoke(1), yokectl(1), yoke-defs(5) under PREFIX/share/man"
fi

# The unit: the installed program, nothing left to substitute.
if ! grep -qx 'ExecStart=/usr/bin/yoked --data /var/lib/yoke --keys /var/lib/yoke/keys' "$unit" 2>/dev/null; then
	echo "FAIL install unit: ExecStart does not run /usr/bin/yoked: $(grep '^ExecStart' "$unit" 2>/dev/null)"
elif grep -q '@[A-Z]*@' "$unit"; then
	echo "FAIL install unit: unsubstituted: $(grep -o '@[A-Z]*@' "$unit" | head -n 1)"
elif command -v systemd-analyze >/dev/null 2>&1; then
	# The same unit with the paths of this DESTDIR, so that its program exists.
	sed "s|/usr/bin/|$dest/usr/bin/|g" "$unit" >"$tmp/yoked.service"
	if systemd-analyze verify --man=no "$tmp/yoked.service" >"$tmp/verify" 2>&1 && [ ! -s "$tmp/verify" ]; then
		echo "PASS install unit: ExecStart=/usr/bin/yoked, clean to systemd-analyze verify"
	else
		echo "FAIL install unit: systemd-analyze verify: $(head -n 3 "$tmp/verify" | tr '\n' ' ')"
	fi
else
	echo "PASS install unit: ExecStart=/usr/bin/yoked (systemd-analyze is not installed: not verified)"
fi

# The installed programs run and the installed yoked finds its catalogue.
mo=$dest/usr/share/locale/zh_CN/LC_MESSAGES/yoke.mo
zh "$dest/usr/bin/yoked" --help >"$tmp/zh.help" 2>"$tmp/zh.err"
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^用法：yoked' "$tmp/zh.help"; then
	echo "FAIL install catalogue: LANG=zh_CN.UTF-8 DESTDIR/usr/bin/yoked --help (status $rc) is not Chinese: $(head -n 1 "$tmp/zh.help") $(head -n 2 "$tmp/zh.err" | tr '\n' ' ')"
else
	mv "$mo" "$tmp/yoke.mo"
	zh "$dest/usr/bin/yoked" --help >"$tmp/en.help" 2>/dev/null
	mv "$tmp/yoke.mo" "$mo"
	if grep -q '^usage: yoked' "$tmp/en.help"; then
		echo "PASS install catalogue: the installed yoked --help is Chinese under LANG=zh_CN.UTF-8, from PREFIX/share/locale"
	else
		echo "FAIL install catalogue: the Chinese help did not come from the installed catalogue (still Chinese without it)"
	fi
fi
if "$dest/usr/bin/yoked" --version | grep -q '^yoked ' && "$dest/usr/bin/yoke" --help >/dev/null 2>&1 &&
    "$dest/usr/bin/yokectl" --help >/dev/null 2>&1; then
	echo "PASS install programs: the installed yoked, yoke and yokectl run"
else
	echo "FAIL install programs: an installed program does not run (yoked --version, yoke --help, yokectl --help)"
fi

# make uninstall: not one file left.
if ! make --no-print-directory MODE=$mode uninstall DESTDIR="$dest" PREFIX=/usr >"$tmp/uninstall.out" 2>&1; then
	echo "FAIL uninstall: make uninstall failed: $(tail -n 3 "$tmp/uninstall.out" | tr '\n' ' ')"
else
	left=$(cd "$dest" && find . ! -type d | head -n 5 | tr '\n' ' ')
	if [ -n "$left" ]; then
		echo "FAIL uninstall: files left behind: $left"
	else
		echo "PASS uninstall: no file left under DESTDIR"
	fi
fi

# The default PREFIX: /usr/local, the unit where systemd looks for local units.
dest=$tmp/local
if make --no-print-directory MODE=$mode install DESTDIR="$dest" >"$tmp/local.out" 2>&1 &&
    [ -x "$dest/usr/local/bin/yoked" ] &&
    grep -q '^ExecStart=/usr/local/bin/yoked ' "$dest/usr/local/lib/systemd/system/yoked.service" 2>/dev/null &&
    make --no-print-directory MODE=$mode uninstall DESTDIR="$dest" >>"$tmp/local.out" 2>&1 &&
    [ -z "$(find "$dest" ! -type d)" ]; then
	echo "PASS install default prefix: /usr/local/bin, /usr/local/lib/systemd/system, and uninstalled again"
else
	echo "FAIL install default prefix: $(tail -n 3 "$tmp/local.out" | tr '\n' ' ') $(cd "$dest" 2>/dev/null && find . ! -type d | head -n 5 | tr '\n' ' ')"
fi
