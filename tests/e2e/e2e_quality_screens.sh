#!/bin/sh
# The quality screens at real terminals (issue 8), what a desk did before:
#   - an inspector (3002, English) raises an NCR by hand at QC-1 (F9): a
#     serial that is no serial is refused, the defect code is scanned from
#     the plant's list, a location and a note, signed badge + PIN (never
#     shown); the screen names NCR-000001 and shows it, and `yokectl ncr
#     show` has it, raised by hand, with the code, where, the note and the
#     signer; a second NCR on the same unit is refused in the inspector's
#     words, and the terminal goes on
#   - the inspector reworks it: the NCR's rework operations are a list (900
#     and 910 of the routing), the second is picked by its number in the
#     list, and `yokectl ncr show` says op 910
#   - a CAPA is opened and walked to its action with yokectl (overdue: its
#     due date has passed); a lead (2002, English, added to a copy of the
#     demo plant) opens the CAPAs (F7): the CAPA, its state, defect, scope,
#     owner and its due date marked overdue; its record in full (the
#     containment, the why-chain, the action, who signed each, the next
#     step), scrolled; the Chinese lead (2001) sees them at 80x24 too
# With E2E_CAPTURE_DIR set, the screens are kept there as text (80x24).
E2E_NAME=e2e_quality_screens
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
ctl wo release WO-E2E --product IOTC-100 --qty 2 --due 2030-01-31 --priority 2 >"$E2E_TMP/wo.out" 2>&1 ||
    fail "yokectl wo release: $(tail -n 3 "$E2E_TMP/wo.out")"
u=$(first_serial)

# ---- an NCR raised by hand ------------------------------------------------
term_start i QC-1
see i "scan your badge"
see i "ONLINE"
scan i 3002
see i "Worklist"
press i F9
see i "Raise an NCR: scan or type the unit's serial"
see i "Raising an NCR by hand"
scan i "no such serial"
see i "Expected the serial of the unit the NCR is about"
scan i "$u"
see i "Raising an NCR on unit $u"
see i "Defect codes"
see i "SCRATCH"
fits i
capture i raise-codes
scan i "SCRATCH"
see i "Defect SCRATCH: Scratch on the housing"
see i "Defect SCRATCH: where, such as U3?"
scan i "TOP"
see i "Defect SCRATCH: a note?"
scan i "seen at the final look"
see i "Sign “NCR on unit $u”: scan your badge (Enter: 3002)"
scan i ""
see i "PIN of badge 3002"
type_text i "$E2E_PIN"
see i "> ****"
lacks i "$E2E_PIN"
scan i ""
see_text i "NCR-000001 opened on unit $u"
see i "NCR-000001 · $u"
see i "raised by hand"
see i "Decide: 1 rework"
fits i
capture i raised

ctl ncr show NCR-000001 >"$E2E_TMP/ncr.out" 2>&1 || fail "ncr show: $(cat "$E2E_TMP/ncr.out")"
for want in "$u" SCRATCH TOP "seen at the final look" "Maria Garcia"; do
	grep -qF -- "$want" "$E2E_TMP/ncr.out" || fail "ncr show lacks \"$want\": $(cat "$E2E_TMP/ncr.out")"
done
pass raised_by_hand

# A second one on the same unit: refused in the person's words, no crash.
scan i ""
see i "Worklist"
press i F9
scan i "$u"
scan i "1"
scan i ""
scan i ""
scan i ""
see i "PIN of badge 3002"
scan i "$E2E_PIN"
see_text i "Unit $u already has NCR-000001 open"
see i "Worklist"
pass refused_again

# ---- the rework operation from a list -------------------------------------
scan i "NCR-000001"
see i "Decide: 1 rework"
scan i "1"
see i "Rework of NCR-000001 · $u: where to?"
see i "Solder rework"
see i "Test rework"
screen i | grep -E "^ *2 +910 +Test rework" >/dev/null || fail "the list lacks 910 as 2: $(screen i)"
see i "Which rework operation? Its number in the list"
fits i
capture i rework-list
scan i "3"
see i "Expected a rework operation: its number in the list (1 to 2)"
scan i "2"
see i "Rework at op 910"
see i "rework of NCR-000001: a note for the record?"
scan i ""
scan i ""
see i "PIN of badge 3002"
scan i "$E2E_PIN"
see i "Decision   rework at op 910"
ctl ncr show NCR-000001 --json >"$E2E_TMP/ncr.json" 2>&1 || fail "ncr show --json: $(cat "$E2E_TMP/ncr.json")"
grep -q '"rework_operation":910' "$E2E_TMP/ncr.json" || fail "not reworked at 910: $(cat "$E2E_TMP/ncr.json")"
pass rework_from_list

# ---- the lead's CAPAs -------------------------------------------------------
ctl capa open --title "Scratched housings at QC" --ncr NCR-000001 --sign 4001 >"$E2E_TMP/capa.out" 2>&1 ||
    fail "capa open: $(cat "$E2E_TMP/capa.out")"
ctl capa update CAPA-000001 --to contained --containment "every housing in stock looked at" \
    --sign 4001 >>"$E2E_TMP/capa.out" 2>&1 || fail "capa contained: $(cat "$E2E_TMP/capa.out")"
ctl capa update CAPA-000001 --to root-cause --cause man --why "housings laid face down on the bench" \
    --why "no soft mat at QC-1" --sign 4001 >>"$E2E_TMP/capa.out" 2>&1 ||
    fail "capa root cause: $(cat "$E2E_TMP/capa.out")"
ctl capa update CAPA-000001 --to action --action "soft mats at every bench" --owner 3002 \
    --due 2020-01-31 --sign 4001 >>"$E2E_TMP/capa.out" 2>&1 || fail "capa action: $(cat "$E2E_TMP/capa.out")"

term_start l ASSY-1
see l "scan your badge"
see l "ONLINE"
scan l 2002
see l "Holds in force"
press l F7
see l "CAPAs in work: 1 · overdue: 1"
screen l | grep -E "^ +1 +CAPA-000001 +action planned +SCRATCH +QC-1 +3002 +2020-01-31 overdue" >/dev/null ||
    fail "the CAPA list lacks CAPA-000001 as it stands: $(screen l)"
see l "Pick a CAPA"
fits l
capture l capas
press l Down
scan l ""
see l "CAPA-000001 · Scratched housings at QC"
see l "SCRATCH · station QC-1"
see l "NCR-000001"
see l "every housing in stock looked at"
see l "1. housings laid face down on the bench"
see l "2. no soft mat at QC-1"
see l "soft mats at every bench"
see_text l "signed by Liu Yang 刘洋 (4001)"
fits l
capture l capa
press l PageDown
see l "2020-01-31 overdue"
see_text l "implemented: yokectl capa update CAPA-000001 --to implemented"
fits l
capture l capa-scrolled
scan l "1"
see l "A CAPA moves on with yokectl capa"
scan l ""
see l "CAPAs in work: 1"
press l F7
see l "Holds in force"
pass lead_capas

# In Chinese, at 80x24.
scan l "@LOGOUT"
see l "scan your badge"
scan l 2001
see l "生效中的扣留"
press l F7
see l "CAPA-000001"
see l "2020-01-31 已逾期"
fits l
capture l capas-zh
scan l "CAPA-000001"
see l "原因链"
see l "下一步"
fits l
capture l capa-zh
pass
