#!/bin/sh
# Runs every test set and prints one closing line "N passed, N failed".
#
#   sh tests/run.sh BUILD_DIR [SET...]     SET: checks unit integration e2e (default: all)
#
# checks: tests/checks/*.sh look at the source tree and the built files
# (message catalogues, manual pages).
#
# Each test program prints one line per test, "PASS name" or "FAIL name: why";
# this script counts those lines. A program that dies without printing its
# lines, or exits non-zero without a FAIL line, counts as one failure more,
# so a crash can never pass silently.
build=${1:?usage: tests/run.sh BUILD_DIR [SET...]}
shift
sets=${*:-"checks unit integration e2e"}
export YOKE_BIN="$build/bin"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
log=$(mktemp -d "${TMPDIR:-/tmp}/yoke-tests.XXXXXX")
trap 'rm -rf "$log"' EXIT INT TERM

one() { # name command...
	name=$1; shift
	out="$log/$(echo "$name" | tr '/ ' '__').out"
	"$@" >"$out" 2>"$out.err"
	rc=$?
	grep -E '^(PASS|FAIL) ' "$out"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$out"; then
		echo "FAIL $name: exited with status $rc"
		tail -n 20 "$out.err" | sed 's/^/    /'
	elif grep -q '^FAIL ' "$out"; then
		tail -n 20 "$out.err" | sed 's/^/    /'
	fi
	cat "$out" >>"$log/all"
	[ $rc -ne 0 ] && ! grep -q '^FAIL ' "$out" && echo "FAIL $name" >>"$log/all"
	return 0
}

: >"$log/all"
for set in $sets; do
	case $set in
	checks)
		for t in tests/checks/*.sh; do [ -f "$t" ] && one "$t" sh "$t"; done ;;
	unit)
		for t in "$build"/tests/test_*; do [ -x "$t" ] && one "$t" "$t"; done ;;
	integration)
		for t in "$build"/tests/it_*; do [ -x "$t" ] && one "$t" "$t"; done ;;
	e2e)
		for t in tests/e2e/e2e_*.sh; do [ -f "$t" ] && one "$t" sh "$t"; done ;;
	*) echo "unknown test set: $set" >&2; exit 2 ;;
	esac
done
p=$(grep -c '^PASS ' "$log/all")
f=$(grep -c '^FAIL ' "$log/all")
echo "$p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
