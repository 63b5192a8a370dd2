#!/bin/sh
# The line monitor at real terminals (issue 11):
#   - a lead (2002, English: added to a copy of the demo plant) at QC-1
#     opens the monitor (F2): every station of the demo plant, SMT-1
#     offline with nobody there
#   - an operator badges in at SMT-1 at another terminal: the monitor shows
#     SMT-1 online with Li Wei (the slow refresh); the operator opens a
#     unit: the monitor shows it within seconds (the unit's notice)
#   - the lead picks SMT-1 (arrows, Enter): the station's page with the
#     unit, the queue and the work order first in it
#   - 5: the priority of another work order: the order, 1, a reason, signed
#     with the lead's badge and PIN; the answer says 2 units requeued and
#     the station's page names that order first in the queue
#   - 1: the unit's trace (the lead's unit screen)
#   - yokectl line prints the same rows; --json has SMT-1 online
#   - yokectl wo priority changes a priority from a desk, signed by a lead
#   - the monitor and a station's page in Chinese (2001) fit 80x24
# With E2E_CAPTURE_DIR set, the screens are kept there as text (80x24).
E2E_NAME=e2e_line
. tests/e2e/lib.sh

capture() {
	[ -n "${E2E_CAPTURE_DIR:-}" ] || return 0
	mkdir -p "$E2E_CAPTURE_DIR" && screen "$1" >"$E2E_CAPTURE_DIR/$E2E_NAME-$2.txt"
}

yoked_start
cp -r assets/plant "$E2E_TMP/plant" || fail "cannot copy assets/plant"
printf '%s\n' 'operator 2002 role=lead qualified=IOTC-100/* "Tom Baker"' >>"$E2E_TMP/plant/operators.def"
ctl load "$E2E_TMP/plant" >"$E2E_TMP/load.out" 2>&1 || fail "yokectl load: $(tail -n 3 "$E2E_TMP/load.out")"
people_pins
"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --badge 9001 --pin-fd 3 \
    pin set 2002 --new-pin-fd 4 3<"$E2E_TMP/pin" 4<"$E2E_TMP/pin" >>"$E2E_TMP/pins.out" 2>&1 ||
    fail "PIN of 2002: $(tail -n 2 "$E2E_TMP/pins.out")"
ctl wo release WO-E2E --product IOTC-100 --qty 2 --due 2030-01-31 --priority 5 >"$E2E_TMP/wo.out" 2>&1 ||
    fail "yokectl wo release: $(tail -n 3 "$E2E_TMP/wo.out")"
ctl wo release WO-RUSH --product IOTC-100 --qty 2 --due 2030-03-31 --priority 5 >>"$E2E_TMP/wo.out" 2>&1 ||
    fail "yokectl wo release: $(tail -n 3 "$E2E_TMP/wo.out")"
u1=WO-E2E-0001

# The lead opens the monitor: SMT-1 has nobody yet.
term_start l QC-1
see l "scan your badge"
see l "ONLINE"
scan l 2002
see l "Holds in force: 0"
see l "F2 line"
press l F2
see l "Line "
see l "STATION"
see l "FPY"
see l "SMT-1"
row l 5 | grep -q "SMT" || true
screen l | grep -E "^.?.?SMT-1 " | grep -q "offline" || fail "SMT-1 is not offline at first: $(screen l | grep 'SMT-1')"
fits l
capture l line-empty

# An operator badges in at SMT-1 and opens a unit.
term_start s SMT-1
badge_in s
i=0
until screen l | grep -E "SMT-1 " | grep -q "online"; do
	i=$((i + 1))
	[ $i -le 150 ] || fail "SMT-1 did not go online on the monitor: $(screen l | grep 'SMT-1')"
	sleep 0.1
done
screen l | grep -E "SMT-1 " | grep -q "Li Wei" || fail "Li Wei is not shown at SMT-1: $(screen l | grep 'SMT-1')"
scan s "$u1"
see s "step 1 of"
i=0
until screen l | grep -E "SMT-1 " | grep -q "$u1"; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "the unit at SMT-1 did not show within 5 s: $(screen l | grep 'SMT-1')"
	sleep 0.1
done
capture l line-working

# The lead drills into SMT-1.
scan l SMT-1
see l "SMT-1 (SMT) · online"
see_text l "$u1, work order WO-E2E, op 10"
see l "Li Wei"
see_text l "next: WO-E2E (priority 5)"
see l "5  change a work order's priority"
fits l
capture l station

# 5: WO-RUSH goes first, signed.
scan l 5
see l "Which work order? Enter: WO-E2E"
scan l WO-RUSH
see l "New priority of WO-RUSH: 1 (most urgent) to 9?"
scan l 0
see_text l "Expected a priority from 1 (most urgent) to 9"
scan l 1
see l "Priority 1 for WO-RUSH: why?"
scan l "customer line down"
see l "Sign “priority 1 for work order WO-RUSH”: scan your badge (Enter: 2002)"
scan l ""
see l "PIN of badge 2002"
type_text l "$E2E_PIN"
see l "> ****"
scan l ""
see_text l "Work order WO-RUSH: priority 1 (was 5); 2 units requeued"
see_text l "next: WO-RUSH (priority 1)"
capture l priority

# 1: the unit's trace, on the lead's own unit screen.
scan l 1
see l "$u1"
see_text l "SMT-1"
capture l unit
press l F2
see l "STATION"

# yokectl line: the same rows, and JSON.
ctl line >"$E2E_TMP/line.out" 2>&1 || fail "yokectl line: $(cat "$E2E_TMP/line.out")"
grep -E "^SMT-1 " "$E2E_TMP/line.out" | grep -q "$u1" || fail "yokectl line: $(cat "$E2E_TMP/line.out")"
ctl line --json >"$E2E_TMP/line.json" 2>&1 || fail "yokectl line --json: $(cat "$E2E_TMP/line.json")"
python3 - "$E2E_TMP/line.json" "$u1" <<'PY' || fail "yokectl line --json: $(cat "$E2E_TMP/line.json")"
import json, sys
d = json.load(open(sys.argv[1]))
rows = {r["station"]: r for r in d["stations"]}
s = rows["SMT-1"]
assert s["state"] == "online" and s["badge"] == "1001" and s["serial"] == sys.argv[2], s
assert s["next_work_order"] == "WO-RUSH" and s["next_priority"] == 1, s
assert rows["QC-1"]["badge"] == "2002", rows["QC-1"]
assert d["total"] == len(d["stations"]) == 9, d["total"]
PY

# yokectl wo priority: the same change from a desk, signed by the lead 2002;
# an engineer's signature is refused.
ctl wo priority WO-E2E --to 2 --reason "audit sample" --sign 9001 >"$E2E_TMP/prio.out" 2>&1 &&
    fail "yokectl wo priority signed by an engineer: $(cat "$E2E_TMP/prio.out")"
ctl wo priority WO-E2E --to 2 --reason "audit sample" --sign 2002 --json >"$E2E_TMP/prio.json" 2>&1 ||
    fail "yokectl wo priority: $(cat "$E2E_TMP/prio.json")"
python3 - "$E2E_TMP/prio.json" <<'PY' || fail "yokectl wo priority --json: $(cat "$E2E_TMP/prio.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["work_order"] == "WO-E2E" and d["priority"] == 2 and d["was"] == 5, d
PY

# In Chinese (2001): the monitor and a station's page fit 80x24.
scan l "@LOGOUT"
see l "scan your badge"
scan l 2001
see l "生效中的扣留：0"
press l F2
see l "工位"
see l "直通率"
see l "在线"
fits l
capture l line-zh
scan l SMT-1
see l "SMT-1 (SMT) · 在线"
fits l
capture l station-zh
press l F1
see l "F2, Esc 2"
fits l
capture l help-zh
press l Space
pass
