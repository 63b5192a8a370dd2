#!/bin/sh
# yokectl as an engineer or a script uses it, against a real yoked: exit
# statuses (0 done, 1 refused, 2 usage, 3 no server), file:line for a bad
# definition with nothing stored, --json output, labels read back by zbar,
# and the quality tools (GS1, ISO 2859-1, SPC) with published answers.
E2E_NAME=e2e_yokectl
. tests/e2e/lib.sh

# expect_rc NAME RC COMMAND...: runs it, output in $E2E_TMP/NAME.{out,err}.
expect_rc() {
	n=$1 want=$2
	shift 2
	"$@" >"$E2E_TMP/$n.out" 2>"$E2E_TMP/$n.err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$n: exit $got, expected $want: $(cat "$E2E_TMP/$n.err")"
}
has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 400 "$E2E_TMP/$1")"; }

yoked_start

# A bad file is refused whole with file:line, and nothing of it is stored.
mkdir -p "$E2E_TMP/bad"
cp assets/plant/*.def "$E2E_TMP/bad/"
echo 'operator 7777 role=wizard "Nobody"' >>"$E2E_TMP/bad/operators.def"
line=$(wc -l <"$E2E_TMP/bad/operators.def" | tr -d ' ')
expect_rc load_bad 1 ctl load "$E2E_TMP/bad"
has load_bad.err "operators.def:$line:"
expect_rc nothing_stored 1 ctl queue SMT-1 --json
has nothing_stored.out '"status":"NOT_FOUND"'
pass "bad_definition_refused_whole"

expect_rc load 0 ctl load assets/plant --json
has load.out '"parts":13'
has load.out '"routings":1'
people_pins
expect_rc release 0 ctl wo release WO-CTL --product IOTC-100 --qty 3 --due 2030-01-31 --priority 1 --json
has release.out '"serials":\["WO-CTL-0001","WO-CTL-0002","WO-CTL-0003"\]'
expect_rc units 0 ctl units WO-CTL --json
has units.out '"serial":"WO-CTL-0003"'
has units.out '"status":"queued"'
expect_rc trace 0 ctl trace unit WO-CTL-0001 --json
has trace.out '"kind":"released"'
has trace.out '"work_order":"WO-CTL"'
pass "json_for_scripts"

expect_rc twice 1 ctl wo release WO-CTL --product IOTC-100 --qty 3 --due 2030-01-31 --json
has twice.out '"status":"CONFLICT"'
# A person reads the server's words; the status name is for --json only.
expect_rc unknown 1 ctl trace unit NO-SUCH-UNIT
has unknown.err "yokectl: No unit NO-SUCH-UNIT"
grep -q NOT_FOUND "$E2E_TMP/unknown.err" && fail "a raw status code is shown: $(cat "$E2E_TMP/unknown.err")"
expect_rc usage 2 ctl wo release WO-X --product IOTC-100
expect_rc offline 3 "$YOKE_BIN/yokectl" --server tcp://127.0.0.1:1 --timeout 100 queue SMT-1
pass "exit_statuses"

expect_rc label 0 ctl label --wo WO-CTL --out "$E2E_TMP/labels" --zpl --verify
for i in 1 2 3; do
	[ -s "$E2E_TMP/labels/WO-CTL-000$i.png" ] || fail "label: no PNG for WO-CTL-000$i"
	grep -q '^\^XA' "$E2E_TMP/labels/WO-CTL-000$i.zpl" || fail "label: WO-CTL-000$i.zpl is not ZPL"
done
expect_rc label_unsafe 1 ctl label "../evil" --out "$E2E_TMP/labels"
pass "labels_read_back"

# GS1: standards digest 1.9, first worked example; a wrong check digit.
gs=$(printf '\035')
expect_rc gs1 0 ctl gs1 "]C101095212345432131726123110LOT-A1${gs}21SN000123"
has gs1.out "09521234543213"
has gs1.out "2026-12-31"
has gs1.out "SN000123"
expect_rc gs1_bad 1 ctl gs1 "(01)09521234543214"
has gs1_bad.err "check digit"
# ISO 2859-1: lot 500, level II -> H, n=50; AQL 1.0 normal -> Ac 1, Re 2.
expect_rc sample 0 ctl sample --lot-size 500 --aql 1.0
has sample.out "code letter  H"
has sample.out "sample size  50"
has sample.out "Ac           1"
has sample.out "Re           2"
# SPC: NIST e-Handbook 6.3.2.2 I-MR example.
printf '49.6 47.6 49.9 51.3 47.8 51.2 52.6 52.4 53.6 52.1\n' >"$E2E_TMP/flow.txt"
expect_rc spc 0 ctl spc --chart imr --lsl 45 --usl 56 "$E2E_TMP/flow.txt"
has spc.out "UCL 55.8041"
has spc.out "LCL 45.8159"
has spc.out "Cpk 1.0392"
pass "quality_tools"
