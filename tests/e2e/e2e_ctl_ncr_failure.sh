#!/bin/sh
# An NCR from a real failure, as yokectl shows it: an operator at a test
# station reads a value outside the limits (a second time when the server
# asks to measure again: the last reading fails the unit), the server
# opens an NCR and holds the unit; yokectl ncr
# list and show name the station, the operator and the measurement with
# its limits, trace unit shows both readings with the NCR and its hold, the
# Pareto counts it by station, and the inspector scraps the unit.
#
# The plant is a small one of its own, without defect codes, so the
# station terminal fails the unit without asking which defect it is.
E2E_NAME=e2e_ctl_ncr_failure
. tests/e2e/lib.sh

has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 800 "$E2E_TMP/$1")"; }
py() {
	python3 -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
$2" "$E2E_TMP/$1.out" 2>"$E2E_TMP/$1.py" || fail "$1: $(tail -n 1 "$E2E_TMP/$1.py"): $(head -c 800 "$E2E_TMP/$1.out")"
}

mkdir -p "$E2E_TMP/plant"
cat >"$E2E_TMP/plant/plant.def" <<'DEF'
part BOX-1 "Test box" rev=A tracking=serial
routing BOX-1 rev=A released
  op 10 "Rail test" station=TEST
    measure rail unit=V lsl=3.25 target=3.30 usl=3.35 "3.3 V rail at TP1"
station TEST-1 kind=TEST "Test bench"
operator 1001 role=operator qualified=BOX-1/10 "Li Wei 李伟"
operator 2001 role=lead qualified=BOX-1/* "Zhao Lei 赵磊"
operator 3001 role=inspector qualified=* "Zhang Min 张敏"
operator 3002 role=inspector qualified=* "Maria Garcia"
operator 4001 role=engineer qualified=* "Liu Yang 刘洋"
operator 9001 role=admin "David Miller"
DEF

yoked_start
ctl load "$E2E_TMP/plant" >"$E2E_TMP/load.out" 2>&1 || fail "load: $(cat "$E2E_TMP/load.out")"
people_pins
ctl wo release WO-F --product BOX-1 --qty 2 --due 2030-01-31 >/dev/null 2>&1 || fail "release WO-F"

term_start t TEST-1
badge_in t
scan t WO-F-0001
see t "3.3 V rail at TP1"
scan t "3.61"
# A reading outside the limits fails the unit, or asks for another reading
# (measure attempts) and the second fails it.
i=0
until ctl units WO-F --json 2>/dev/null | grep -q '"serial":"WO-F-0001"[^}]*"status":"FAILED"'; do
	i=$((i + 1))
	[ $i -gt 50 ] && fail "WO-F-0001 did not fail after two readings out of the limits"
	[ $i -eq 10 ] && scan t "3.62"
	sleep 0.2
done

ctl ncr list --serial WO-F-0001 >"$E2E_TMP/list.out" 2>&1 || fail "ncr list: $(cat "$E2E_TMP/list.out")"
has list.out "^NCR-000001  *open  *20[0-9-]* [0-9:]*  *WO-F-0001  *10  *TEST-1  *-  *-$"
ctl ncr show NCR-000001 >"$E2E_TMP/show.out" 2>&1 || fail "ncr show: $(cat "$E2E_TMP/show.out")"
has show.out "^Measured  *rail = 3.6[12] V \[3.25 .. 3.35\]$"
has show.out "^Operation  *10 “Rail test”, step 1$"
has show.out "^Originator  *Li Wei 李伟 (badge 1001) at station TEST-1$"
ctl ncr show 1 --json >"$E2E_TMP/show_json.out" 2>&1 || fail "ncr show --json"
py show_json 'm = d["measurement"]
assert m["name"] == "rail" and m["value"] in (3.61, 3.62) and m["lsl"] == 3.25 and m["usl"] == 3.35, m
assert d["station"] == "TEST-1" and d["badge"] == "1001" and d["step"] == 1 and d["hold"] > 0, d'
pass "ncr_of_a_failed_measurement"

ctl trace unit WO-F-0001 >"$E2E_TMP/trace.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace.out")"
has trace.out "rail = 3.61 V \[3.25 .. 3.35\] OUT OF SPEC"
# When the server asked for a second reading, both are there, numbered.
if grep -q "3.62" "$E2E_TMP/show.out"; then
	has trace.out "rail = 3.61 V \[3.25 .. 3.35\] OUT OF SPEC, reading 1"
	has trace.out "rail = 3.62 V \[3.25 .. 3.35\] OUT OF SPEC, reading 2"
fi
has trace.out "  NCR opened  "
has trace.out "^NCR-000001  *open  *-  *-"
has trace.out "^Holds:$"
ctl defects pareto --by station --since "$(date -u +%Y-%m-%d)" >"$E2E_TMP/pareto.out" 2>&1 ||
    fail "pareto: $(cat "$E2E_TMP/pareto.out")"
has pareto.out "^TEST-1  *1  *100.0%  *100.0%  #*$"
pass "trace_and_pareto"

printf '%s\n' "$E2E_PIN" >"$E2E_TMP/pin1"
"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --pin-fd 3 \
    ncr disposition 1 scrap --note "Rail regulator burnt" --sign 3001 3<"$E2E_TMP/pin1" \
    >"$E2E_TMP/scrap.out" 2>&1 || fail "scrap: $(cat "$E2E_TMP/scrap.out")"
ctl units WO-F --json >"$E2E_TMP/units.out" 2>&1
py units 'u = {x["serial"]: x["status"] for x in d}
assert u == {"WO-F-0001": "scrapped", "WO-F-0002": "queued"}, u'
pass "scrapped"
