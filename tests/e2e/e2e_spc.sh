#!/bin/sh
# SPC on what the line measures (issue 10), at a real terminal: a value
# that breaks a run rule is judged by the server on that scan and the
# operator reads what broke and what was done.
#   - plant tests/data/plant-spc: GADGET-S's t_stop at CELL-3, limits
#     50 ± 6, WE1 stops the station; GADGET-H's t_hold at CELL-2, WE2 holds
#     the unit
#   - 50 is quiet; 43 (below LCL 44) shows "(WE1): alarm ALM-000001,
#     station CELL-3 stopped" on the same screen
#   - at CELL-2, 50, 54.5, then 54.6 (2 of 3 beyond 2 sigma) shows the unit
#     HELD with the alarm, and the terminal does not complete it
#   - the stopped station refuses its next unit; the lead at CELL-5 sees
#     the rule's alarm (F8), acknowledges it with cause, action, badge and
#     PIN; the unit whose value stopped it completes, and the station
#     works its next unit again
#   - yokectl spc --characteristic draws the stored points against the
#     limits in force, the broken point marked
E2E_NAME=e2e_spc
. tests/e2e/lib.sh

E2E_ENGINEER=900
yoked_start
ctl load tests/data/plant-spc >"$E2E_TMP/load.out" 2>&1 || fail "load: $(tail -n 3 "$E2E_TMP/load.out")"
for b in 901 900; do
	"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --badge 901 \
	    --pin-fd 3 pin set "$b" --new-pin-fd 4 3<"$E2E_TMP/pin" 4<"$E2E_TMP/pin" \
	    >>"$E2E_TMP/pins.out" 2>&1 || fail "PIN of $b: $(tail -n 2 "$E2E_TMP/pins.out")"
done
ctl wo release WS --product GADGET-S --qty 3 --due 2030-01-31 >"$E2E_TMP/wo.out" 2>&1 ||
    fail "release WS: $(cat "$E2E_TMP/wo.out")"
ctl wo release WH --product GADGET-H --qty 4 --due 2030-01-31 >>"$E2E_TMP/wo.out" 2>&1 ||
    fail "release WH: $(cat "$E2E_TMP/wo.out")"

# One unit in control, then one that breaks WE1.
term_start s CELL-3
see s "scan your badge"
see s "ONLINE"
scan s 100
see s "Scan a unit serial"
scan s WS-0001
see s "step 1 of 1"
until_prompt s '^Enter t_stop'
scan s 50
see_text s "Unit complete"
scan s WS-0002
see s "step 1 of 1"
until_prompt s '^Enter t_stop'
scan s 43
see_text s "t_stop: WE 1: 1 point beyond 3 sigma (WE1): alarm ALM-000001, station CELL-3 stopped"
fits s

# Stopped: the next unit is refused until a lead acknowledges the alarm.
scan s ""
scan s WS-0003
see_text s "Station CELL-3 is stopped by alarm ALM-000001: a lead must acknowledge it before any more work"
lacks s "step 1 of"
"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --badge 901 \
    --pin-fd 3 pin set 300 --new-pin-fd 4 3<"$E2E_TMP/pin" 4<"$E2E_TMP/pin" \
    >>"$E2E_TMP/pins.out" 2>&1 || fail "PIN of 300: $(tail -n 2 "$E2E_TMP/pins.out")"
term_start l CELL-5
see l "scan your badge"
see l "ONLINE"
scan l 300
see l "Holds in force"
press l F8
see l "ALM-000001"
see l "raised, stops"
see l "CELL-3"
fits l
scan l ""
see l "Acknowledge ALM-000001: type the assignable cause"
see l "SPC rule"
see l "t_stop"
scan l "thermocouple loose"
see l "the action taken?"
scan l "thermocouple refitted, oven profiled"
see l "scan your badge (Enter: 300)"
scan l ""
see l "PIN of badge 300"
type_text l "$E2E_PIN"
scan l ""
see_text l "Alarm ALM-000001 acknowledged: station CELL-3 may work again"
see_text s "Alarm ALM-000001 acknowledged by Lee Lead: the station works again"
gone s "STOPPED"
# The unit whose value stopped the station completes its operation now.
see s "completing the operation"
scan s ""
see_text s "Unit complete"
scan s WS-0003
see s "step 1 of 1"
until_prompt s '^Enter t_stop'
scan s 50
see_text s "Unit complete"

# The unit is held on the scan that breaks WE2.
term_start h CELL-2
see h "scan your badge"
see h "ONLINE"
scan h 101
see h "Scan a unit serial"
k=0
for v in 50 54.5; do
	k=$((k + 1))
	scan h "WH-000$k"
	see h "step 1 of 1"
	until_prompt h '^Enter t_hold'
	scan h "$v"
	see_text h "Unit complete"
done
scan h WH-0003
see h "step 1 of 1"
until_prompt h '^Enter t_hold'
scan h 54.6
see_text h "HELD: t_hold 54.6 C in spec; t_hold: WE 2: 2 of 3 points in a row beyond 2 sigma on the same side (WE2): alarm ALM-000002, unit WH-0003 held"
lacks h "Unit complete"
fits h

# The chart of what was stored, against the limits in force at CELL-3.
ctl spc --characteristic t_stop --station CELL-3 >"$E2E_TMP/spc.out" 2>&1 ||
    fail "yokectl spc: $(cat "$E2E_TMP/spc.out")"
grep -q "limits in force at CELL-3: CL 50  UCL 56  LCL 44" "$E2E_TMP/spc.out" ||
    fail "no limits in force: $(cat "$E2E_TMP/spc.out")"
grep -q "point 2: WE 1: 1 point beyond 3 sigma" "$E2E_TMP/spc.out" ||
    fail "the broken point is not named: $(cat "$E2E_TMP/spc.out")"
grep -q "X" "$E2E_TMP/spc.out" || fail "no chart: $(cat "$E2E_TMP/spc.out")"
pass
