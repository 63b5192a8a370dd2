#!/bin/sh
# yokectl tells people and scripts how to use it: `yokectl --help` lists
# every command by group with examples and the exit statuses; every
# command and sub-command in the command table (walked through
# --list-commands) has its own --help that exits 0; --version names the
# program, the protocol and the build; under --json every error is one
# JSON object {"error", "status"} on stdout, and without it no line a
# person reads starts with a raw status code.
E2E_NAME=e2e_ctl_help
. tests/e2e/lib.sh

Y="$YOKE_BIN/yokectl"

# run NAME COMMAND...: output in $E2E_TMP/NAME.{out,err}, status in $rc.
run() {
	n=$1
	shift
	"$@" >"$E2E_TMP/$n.out" 2>"$E2E_TMP/$n.err"
	rc=$?
}
has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 600 "$E2E_TMP/$1")"; }

# ---- help -----------------------------------------------------------------
run trace_help "$Y" trace --help
[ "$rc" -eq 0 ] || fail "yokectl trace --help: exit $rc: $(cat "$E2E_TMP/trace_help.err")"
has trace_help.out "^usage: yokectl trace "
has trace_help.out "trace unit"
has trace_help.out "trace component"
[ -s "$E2E_TMP/trace_help.err" ] && fail "yokectl trace --help wrote to stderr: $(cat "$E2E_TMP/trace_help.err")"

run help "$Y" --help
[ "$rc" -eq 0 ] || fail "yokectl --help: exit $rc"
for t in "Connection and identity:" "Definitions and work orders:" "Tracing:" "Labels and codes:" \
    "Quality math:" "Keys and PINs:" "Examples:" "Exit status:" "Environment:"; do
	has help.out "^$t\$"
done
for s in 0 1 2 3 4; do
	has help.out "^  $s  "
done

"$Y" --list-commands >"$E2E_TMP/commands" || fail "yokectl --list-commands failed"
[ "$(wc -l <"$E2E_TMP/commands")" -ge 20 ] || fail "--list-commands lists only: $(cat "$E2E_TMP/commands")"
while read -r path; do
	for flag in --help -h; do
		# shellcheck disable=SC2086
		run one "$Y" $path $flag
		[ "$rc" -eq 0 ] || fail "yokectl $path $flag: exit $rc: $(cat "$E2E_TMP/one.err")"
		head -n 1 "$E2E_TMP/one.out" | grep -q "^usage: yokectl $path " ||
		    fail "yokectl $path $flag does not start with its usage: $(head -n 2 "$E2E_TMP/one.out")"
		grep -qE "^(Examples|Commands):\$" "$E2E_TMP/one.out" ||
		    fail "yokectl $path $flag has neither examples nor sub-commands"
	done
	# A command a person runs is listed in yokectl --help, with its summary.
	if ! grep -q "^Commands:\$" "$E2E_TMP/one.out"; then
		grep -q "^  $path  " "$E2E_TMP/help.out" || fail "yokectl --help does not list \"$path\""
	fi
	# The same help in Chinese: the usage line starts with 用法.
	# shellcheck disable=SC2086
	LANG=zh_CN.UTF-8 "$Y" $path --help >"$E2E_TMP/zh.out" 2>&1 || fail "LANG=zh_CN yokectl $path --help failed"
	head -n 1 "$E2E_TMP/zh.out" | grep -q "^用法：yokectl $path" ||
	    fail "yokectl $path --help in Chinese: $(head -n 1 "$E2E_TMP/zh.out")"
done <"$E2E_TMP/commands"
# Options after the command ask for help too, and a serial after "--" does not.
run late "$Y" keys enrol SMT-9 --station SMT-9 --help
[ "$rc" -eq 0 ] || fail "yokectl keys enrol ... --help: exit $rc"
has late.out "^usage: yokectl keys enrol "
[ -e SMT-9.cert ] && { rm -f SMT-9.cert; fail "keys enrol --help enrolled a device"; }
pass "every_command_has_help"

run version "$Y" --version
[ "$rc" -eq 0 ] || fail "--version: exit $rc"
grep -qE '^yokectl [0-9]+\.[0-9]+\.[0-9]+ \(protocol [0-9]+; build [^ ]+ [0-9]{4}-[0-9]{2}-[0-9]{2}\)$' \
    "$E2E_TMP/version.out" || fail "--version: $(cat "$E2E_TMP/version.out")"
pass "version"

# ---- errors ---------------------------------------------------------------
# json_error NAME RC STATUS COMMAND...: exit RC; stdout one JSON object with
# "error" (a non-empty message) and "status" STATUS; nothing on stderr.
json_error() {
	n=$1 want=$2 status=$3
	shift 3
	run "$n" "$@"
	[ "$rc" -eq "$want" ] || fail "$n: exit $rc, expected $want: $(cat "$E2E_TMP/$n.out" "$E2E_TMP/$n.err")"
	got=$(python3 -c 'import json, sys
d = json.load(sys.stdin)
assert isinstance(d, dict), "not an object"
assert isinstance(d.get("error"), str) and d["error"].strip(), "no error message"
print(d["status"])' <"$E2E_TMP/$n.out" 2>"$E2E_TMP/$n.py") ||
	    fail "$n: stdout is not a JSON error: $(cat "$E2E_TMP/$n.out") ($(tail -n 1 "$E2E_TMP/$n.py"))"
	[ "$got" = "$status" ] || fail "$n: status \"$got\", expected \"$status\""
	[ -s "$E2E_TMP/$n.err" ] && fail "$n: --json also wrote to stderr: $(cat "$E2E_TMP/$n.err")"
	return 0
}

yoked_start
ctl load assets/plant >/dev/null 2>&1 || fail "load assets/plant"
json_error j_usage 2 usage "$Y" wo release WO-1 --qty many --json
json_error j_usage_before 2 usage "$Y" --json --pin-fd x queue SMT-1
json_error j_unknown 2 usage "$Y" nosuch --json
json_error j_offline 3 offline "$Y" --server tcp://127.0.0.1:1 --timeout 100 queue SMT-1 --json
json_error j_cert 4 io "$Y" --cert "$E2E_TMP/no-such.cert" queue SMT-1 --json
json_error j_gs1 1 invalid "$Y" gs1 '(01)09521234543214' --json
json_error j_spc_file 4 io "$Y" spc --chart imr "$E2E_TMP/no-such.txt" --json
json_error j_refused 1 NOT_FOUND ctl trace unit NO-SUCH-UNIT --json
json_error j_json_first 1 NOT_FOUND ctl --json queue NO-SUCH-STATION
# A label that cannot be made is an entry of the one JSON array.
run j_label ctl label "../evil" OK-1 --out "$E2E_TMP/labels" --json
[ "$rc" -eq 1 ] || fail "label with a bad serial: exit $rc"
python3 -c 'import json, sys
d = json.load(sys.stdin)
bad = [x for x in d if "error" in x]
assert len(d) == 2 and len(bad) == 1 and bad[0]["status"] == "invalid", d' <"$E2E_TMP/j_label.out" ||
    fail "label --json: $(cat "$E2E_TMP/j_label.out")"
pass "json_errors"

# Without --json a person reads words, never a status name.
run t_refused ctl trace unit NO-SUCH-UNIT
run t_station ctl queue NO-SUCH-STATION
run t_usage "$Y" wo release WO-1 --qty many
run t_offline "$Y" --server tcp://127.0.0.1:1 --timeout 100 queue SMT-1
run t_cert "$Y" --cert "$E2E_TMP/no-such.cert" queue SMT-1
for n in t_refused t_station t_usage t_offline t_cert; do
	[ -s "$E2E_TMP/$n.err" ] || fail "$n: no message at all"
	if grep -qE '^(yokectl: )?[A-Z][A-Z_]{3,}: ' "$E2E_TMP/$n.err" "$E2E_TMP/$n.out"; then
		fail "$n shows a raw status code: $(cat "$E2E_TMP/$n.err")"
	fi
	grep -qE 'NOT_FOUND|BAD_REQUEST|CONFLICT|NOT_AUTHORIZED' "$E2E_TMP/$n.err" &&
	    fail "$n names a status: $(cat "$E2E_TMP/$n.err")"
done
has t_refused.err "^yokectl: No unit NO-SUCH-UNIT"
has t_usage.err "^usage: yokectl wo release "
pass "no_raw_status_codes"
