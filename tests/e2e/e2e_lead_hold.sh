#!/bin/sh
# The lead's view at a real terminal (issue 8): containment of a lot.
#   - two units are built at SMT-1 with the lot MCU-F407/LOT-A
#   - a lead (2002, English: added to a copy of the demo plant, whose only
#     lead reads Chinese) badges in: the lead's view, no hold in force;
#     F3 holds every unit built with the lot, with a reason, signed badge
#     + PIN; the screen shows the containment counts (2 in work, 0 done,
#     0 scrapped) and that yoke records no shipments; the hold's notice
#     reaches the lead's screen
#   - a third unit cannot take the held lot at SMT-1; REFLOW-1 refuses
#     the held units, with the hold's reason
#   - the lead releases the hold (a reason, signed); REFLOW-1 now works a
#     unit of the lot through its operation
#   - the lead finds the third unit, still open at SMT-1, and takes it off
#     the station (F6, a reason, signed): it waits for any SMT station
#   - the lead's screens in Chinese (2001) fit 80x24: the holds, the NCRs,
#     the help
#   - the trace of a unit of the lot shows the hold and its release
# With E2E_CAPTURE_DIR set, the screens are kept there as text (80x24).
E2E_NAME=e2e_lead_hold
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
ctl wo release WO-E2E --product IOTC-100 --qty 3 --due 2030-01-31 --priority 2 >"$E2E_TMP/wo.out" 2>&1 ||
    fail "yokectl wo release: $(tail -n 3 "$E2E_TMP/wo.out")"
u1=WO-E2E-0001 u2=WO-E2E-0002 u3=WO-E2E-0003
grep -q "$u3" "$E2E_TMP/wo.out" || fail "the work order's units are not $u1..$u3: $(cat "$E2E_TMP/wo.out")"

# Two units built with the lot.
term_start s SMT-1
badge_in s
for x in "$u1" "$u2"; do
	scan s "$x"
	see s "step 1 of"
	until_prompt s '^Scan MCU-F407'
	scan s "MCU-F407/LOT-A"
	see s "Scanned MCU-F407"
	work_op s
	scan s ""
	see s "Scan a unit serial"
done

# The lead's view; the hold on the lot, signed; its containment counts.
term_start l QC-1
see l "scan your badge"
see l "ONLINE"
scan l 2002
see l "Holds in force: 0"
see l "No hold is in force. F3 places one."
lacks l "Scan a unit serial"
fits l
press l F3
see l "Hold what? 1 unit · 2 work order · 3 component lot or serial · 4 station"
scan l "3"
see l "PART/LOT holds every unit built with the lot"
scan l "MCU-F407/LOT-A"
see l "Why hold component MCU-F407/LOT-A?"
scan l "supplier alert on lot A"
see l "Sign “hold on component MCU-F407/LOT-A”: scan your badge (Enter: 2002)"
scan l ""
see l "PIN of badge 2002"
type_text l "$E2E_PIN"
see l "> ****"
lacks l "$E2E_PIN"
scan l ""
see l "Hold 1 · component"
see l "in force"
see l "2 in work · 0 done · 0 scrapped"
see l "yoke records no shipments"
see l "$u1  $u2"
see_text l "Hold 1 placed on component MCU-F407/LOT-A"
fits l
capture l placed

# The held lot: no further scan of it, and its units refused.
scan s "$u3"
see s "step 1 of"
until_prompt s '^Scan MCU-F407'
at=$(step_of s)
scan s "MCU-F407/LOT-A"
see_text s "MCU-F407/LOT-A is held (hold 1): supplier alert on lot A"
[ "$(step_of s)" = "$at" ] || fail "the held lot was taken: $(step_of s)"
term_start t REFLOW-1
badge_in t
scan t "$u1"
see_text t "Unit $u1 is held (hold 1, Tom Baker): supplier alert on lot A"
see t "Scan a unit serial"
lacks t "step 1 of"
capture t refused

# Back on the list: the hold, and its notice.
scan l ""
see l "Holds in force: 1"
see l "hold placed"
screen l | grep -E "^ +1 +1 +component +MCU-F407/LOT-A +2 +supplier alert" >/dev/null ||
    fail "the holds list lacks hold 1: $(screen l)"
fits l
capture l holds

# Released, signed, with a reason: the unit is worked.
scan l "1"
see l "To release hold 1, type the reason and Enter"
scan l "lot A passed IQC re-test"
see l "Sign “release of hold 1”: scan your badge (Enter: 2002)"
scan l ""
see l "PIN of badge 2002"
scan l "$E2E_PIN"
see l "Hold 1 released"
see l "No hold is in force."
see l "hold released"
scan t "$u1"
see t "step 1 of 4"
work_op t
see t "Operation 20 complete — unit goes to AOI"

# The third unit, open at SMT-1: found, and taken off the station.
scan l "$u3"
see l "Unit $u3 · IOTC-100 · WO-E2E"
see_text l "Open at station SMT-1, op 10 step 4."
see l "F6: take it off its station now"
fits l
capture l unit
press l F6
see l "Why move $u3 off its station?"
scan l "SMT-1 feeder jammed"
see l "Sign “moving $u3 off its station”"
scan l ""
scan l "$E2E_PIN"
see_text l "Unit $u3 is off SMT-1"
see_text l "Waits for op 10 at any SMT station: scan it there."

# The lead's view in Chinese, at 80x24.
scan l ""
scan l "@LOGOUT"
see l "scan your badge"
scan l 2001
see l "生效中的扣留：0"
see l "没有生效中的扣留。按 F3 扣留。"
fits l
capture l holds-zh
press l F4
see l "产线上没有未处理的不合格品报告。"
fits l
press l F3
see l "扣留什么？1 产品 · 2 工单 · 3 组件批次或序列号 · 4 工位"
fits l
capture l place-zh
scan l "@BACK"
see l "已取消：未发送任何内容"
press l F1
see l "帮助：班组长视图"
see l "扣留：产品、工单、组件批次、工位"
fits l
capture l help-zh

# The trace of a unit of the lot: held and released, each signed.
ctl trace unit "$u2" >"$E2E_TMP/trace.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace.out")"
for want in "supplier alert on lot A" "lot A passed IQC re-test" "Tom Baker (badge 2002, lead)"; do
	grep -qF -- "$want" "$E2E_TMP/trace.out" || fail "the trace lacks \"$want\": $(cat "$E2E_TMP/trace.out")"
done
pass
