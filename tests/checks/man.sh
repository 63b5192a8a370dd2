#!/bin/sh
# The manual pages render cleanly and document what the programs accept.
#
#   sh tests/checks/man.sh        (from the top of the source tree;
#                                  $YOKE_BIN: the programs, default bin)
#
# `make man` makes build/man/ from docs/ (nothing to do when it is current).
# Each page is rendered with man -l at 80 columns in a UTF-8 locale (the
# pages hold Chinese examples) with every groff warning on: any line on
# standard error fails it, as does a missing section. Then every option
# that `PROGRAM --help` lists must appear in the program's page, so an
# option added without its documentation fails here; for yoked also every
# option yoked.c compares an argument with.
# Prints one "PASS name" or "FAIL name: why" line per check.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=${YOKE_BIN:-bin}
man_dir=build/man
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yoke-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! make --no-print-directory man >"$tmp/make.out" 2>&1; then
	echo "FAIL man pages: make man failed: $(tail -n 3 "$tmp/make.out" | tr '\n' ' ')"
	exit 0
fi

# page, then the sections it must have
while read -r page sections; do
	name="man $page"
	f=$man_dir/$page
	if [ ! -s "$f" ]; then
		echo "FAIL $name: $f was not made"
		continue
	fi
	MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings=w -l "$f" >"$tmp/$page.txt" 2>"$tmp/$page.err"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp/$page.err" ]; then
		echo "FAIL $name: man -l says (status $rc): $(head -n 3 "$tmp/$page.err" | tr '\n' ' ')"
		continue
	fi
	missing=""
	for s in $(echo "$sections" | tr ',' ' '); do
		s=$(echo "$s" | tr '_' ' ')
		grep -qx "$s" "$tmp/$page.txt" || missing="$missing \"$s\""
	done
	if [ -n "$missing" ]; then
		echo "FAIL $name: no section$missing in the rendered page"
		continue
	fi
	echo "PASS $name renders without a warning ($(wc -l <"$tmp/$page.txt") lines)"
done <<'EOF'
yoked.8 NAME,SYNOPSIS,DESCRIPTION,OPTIONS,ENVIRONMENT,FILES,EXIT_STATUS,EXAMPLES,SEE_ALSO
yoke.1 NAME,SYNOPSIS,DESCRIPTION,OPTIONS,SCAN_COMMANDS,KEYS,ENVIRONMENT,FILES,EXIT_STATUS,EXAMPLES,SEE_ALSO
yokectl.1 NAME,SYNOPSIS,DESCRIPTION,OPTIONS,COMMANDS,ENVIRONMENT,FILES,EXIT_STATUS,EXAMPLES,SEE_ALSO
yoke-defs.5 NAME,SYNOPSIS,DESCRIPTION,FILES,EXAMPLES,SEE_ALSO
yoke-bridge.8 NAME,SYNOPSIS,DESCRIPTION,OPTIONS,ENVIRONMENT,FILES,EXIT_STATUS,EXAMPLES,SEE_ALSO
EOF

# Options: "--word" tokens of a help text, one a line.
options() {
	grep -o -- '--[a-z][a-z0-9-]*' "$1" | sed 's/-*$//' | LC_ALL=C sort -u
}

# undocumented PAGE LIST_FILE: prints the options of LIST_FILE missing from PAGE
# (as a whole word: --map-mib does not count for --map).
undocumented() {
	while read -r o; do
		grep -Eq -- "(^|[^a-z0-9-])$o([^a-z0-9-]|\$)" "$1" || printf ' %s' "$o"
	done <"$2"
}

check_options() { # program page help_file what
	if [ ! -s "$3" ]; then
		echo "FAIL man $2 options: $1 printed no help"
		return
	fi
	options "$3" >"$tmp/$1.opts"
	n=$(wc -l <"$tmp/$1.opts")
	miss=$(undocumented "$man_dir/$2" "$tmp/$1.opts")
	if [ "$n" -eq 0 ]; then
		echo "FAIL man $2 options: no option found in $4"
	elif [ -n "$miss" ]; then
		echo "FAIL man $2 options: $4 lists options the page does not document:$miss"
	else
		echo "PASS man $2 options: the page documents all $n options of $4"
	fi
}

for p in yoked yoke yokectl yoke-bridge; do
	if [ ! -x "$bin/$p" ]; then
		echo "FAIL man options: $bin/$p is not built"
		continue
	fi
	LC_ALL=C LANG=C LANGUAGE= "$bin/$p" --help >"$tmp/$p.help" 2>/dev/null
done
check_options yoked yoked.8 "$tmp/yoked.help" "yoked --help"
check_options yoke yoke.1 "$tmp/yoke.help" "yoke --help"
check_options yoke-bridge yoke-bridge.8 "$tmp/yoke-bridge.help" "yoke-bridge --help"
# yokectl: the overview, and each command's own help where there is one.
: >"$tmp/yokectl.all"
cat "$tmp/yokectl.help" >>"$tmp/yokectl.all" 2>/dev/null
if LC_ALL=C "$bin/yokectl" --list-commands >"$tmp/commands" 2>/dev/null; then
	while read -r c; do
		# shellcheck disable=SC2086
		LC_ALL=C LANG=C LANGUAGE= "$bin/yokectl" $c --help >>"$tmp/yokectl.all" 2>/dev/null
	done <"$tmp/commands"
fi
check_options yokectl yokectl.1 "$tmp/yokectl.all" "yokectl --help (and each command's --help)"
# yoked: what its main accepts, whether or not the help lists it.
grep -o 'strcmp(a, "--[a-z-]*")' server/yoked.c | sed 's/.*"\(--[a-z-]*\)".*/\1/' | LC_ALL=C sort -u \
    >"$tmp/yoked.src"
miss=$(undocumented "$man_dir/yoked.8" "$tmp/yoked.src")
if [ ! -s "$tmp/yoked.src" ]; then
	echo "FAIL man yoked.8 source options: found no option in server/yoked.c"
elif [ -n "$miss" ]; then
	echo "FAIL man yoked.8 source options: server/yoked.c accepts options the page does not document:$miss"
else
	echo "PASS man yoked.8 source options: every option server/yoked.c accepts is documented"
fi
