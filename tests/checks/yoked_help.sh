#!/bin/sh
# yoked --help and --version (server/usage.c).
#
#   sh tests/checks/yoked_help.sh (from the top of the source tree;
#                                  $YOKE_BIN: the programs, default bin)
#
# --help exits 0 and lists every option yoked.c accepts, within 80 columns;
# under LANG=zh_CN.UTF-8 it is Chinese, with the options as they are typed;
# --version prints the program, the protocol yoked speaks and the build; a
# wrong option exits 2 and points at --help.
# Prints one "PASS name" or "FAIL name: why" line per check.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=${YOKE_BIN:-bin}
yoked=$bin/yoked
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yoke-help.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# The language comes from LANG alone here.
lang() { l=$1; shift; env LANGUAGE= LC_ALL= LC_MESSAGES= LANG="$l" "$@"; }

if [ ! -x "$yoked" ]; then
	echo "FAIL yoked --help: $yoked is not built"
	exit 0
fi
grep -o 'strcmp(a, "-[-a-z]*")' server/yoked.c | sed 's/.*"\(-[-a-z]*\)".*/\1/' | LC_ALL=C sort -u \
    >"$tmp/accepted"

# every_option FILE: the accepted options FILE does not show as a word.
missing() {
	while read -r o; do
		grep -Eq -- "(^|[^a-z0-9-])$o([^a-z0-9-]|\$)" "$1" || printf ' %s' "$o"
	done <"$tmp/accepted"
}

# help LANG NAME: runs --help, checks status, options, width.
help() {
	lang "$1" "$yoked" --help >"$tmp/$2" 2>"$tmp/$2.err"
	rc=$?
	width=$(LC_ALL=C.UTF-8 wc -L <"$tmp/$2")
	miss=$(missing "$tmp/$2")
	if [ $rc -ne 0 ]; then
		echo "FAIL yoked --help $2: exit status $rc: $(head -n 2 "$tmp/$2.err" | tr '\n' ' ')"
	elif [ ! -s "$tmp/$2" ] || [ -s "$tmp/$2.err" ]; then
		echo "FAIL yoked --help $2: expected the help on stdout and nothing on stderr"
	elif [ ! -s "$tmp/accepted" ]; then
		echo "FAIL yoked --help $2: found no option in server/yoked.c"
	elif [ -n "$miss" ]; then
		echo "FAIL yoked --help $2: options yoked.c accepts are not in the help:$miss"
	elif [ "$width" -gt 80 ]; then
		echo "FAIL yoked --help $2: a line is $width columns wide; at most 80"
	else
		return 0
	fi
	return 1
}

if help C en; then
	if grep -q '^usage: yoked' "$tmp/en" && ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$tmp/en"; then
		echo "PASS yoked --help: exit 0, all $(wc -l <"$tmp/accepted") options yoked.c accepts, English under LANG=C, $(LC_ALL=C.UTF-8 wc -L <"$tmp/en") columns"
	else
		echo "FAIL yoked --help: expected English under LANG=C: $(head -n 1 "$tmp/en")"
	fi
fi
if help zh_CN.UTF-8 zh; then
	if ! grep -q '^用法：yoked' "$tmp/zh" || ! grep -q '^监听与密钥：' "$tmp/zh"; then
		echo "FAIL yoked --help zh_CN: expected Chinese under LANG=zh_CN.UTF-8 (is the catalogue built and the zh_CN.UTF-8 locale there?): $(head -n 1 "$tmp/zh")"
	elif [ "$(grep -c '^  --' "$tmp/zh")" -ne "$(grep -c '^  --' "$tmp/en")" ]; then
		echo "FAIL yoked --help zh_CN: $(grep -c '^  --' "$tmp/zh") option lines, the English help has $(grep -c '^  --' "$tmp/en")"
	else
		echo "PASS yoked --help zh_CN: Chinese under LANG=zh_CN.UTF-8, every option as typed, $(LC_ALL=C.UTF-8 wc -L <"$tmp/zh") columns"
	fi
fi

# --version: "yoked 0.7.0 (protocol 2; build 5199a57 2026-11-26)", then the
# GS1 Syntax Dictionary release its AI table was made from.
protocol=$(sed -n 's/^#define YOKE_PROTOCOL_VERSION \([0-9]*\).*/\1/p' proto/client.h)
version=$(sed -n 's/^#define YOKE_VERSION "\(.*\)"/\1/p' shared/version.h)
"$yoked" --version >"$tmp/version" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -l <"$tmp/version")" -eq 2 ] &&
    head -n 1 "$tmp/version" |
    grep -Eq "^yoked $version \\(protocol $protocol; build [0-9a-z.-]+ [0-9]{4}-[0-9]{2}-[0-9]{2}\\)\$" &&
    sed -n 2p "$tmp/version" | grep -Eq '^GS1 Syntax Dictionary [0-9]{4}-[0-9]{2}-[0-9]{2}$'; then
	echo "PASS yoked --version: $(tr '\n' ' ' <"$tmp/version")"
else
	echo "FAIL yoked --version: status $rc, expected \"yoked $version (protocol $protocol; build COMMIT DATE)\", got \"$(head -n 2 "$tmp/version" | tr '\n' ' ')\""
fi

# A wrong option: status 2, the option named, the way to the help.
"$yoked" --no-such-option x >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q -- '--no-such-option' "$tmp/err" &&
    grep -q -- 'yoked --help' "$tmp/err"; then
	echo "PASS yoked wrong option: exit 2, names the option and yoked --help"
else
	echo "FAIL yoked wrong option: status $rc, stderr: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
fi
