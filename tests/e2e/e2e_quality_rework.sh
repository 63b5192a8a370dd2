#!/bin/sh
# The quality loop at real terminals (issue 8), from a failure to a closed
# NCR:
#   - an out-of-spec reading at REFLOW-1 is measured again and fails; the
#     defect is asked (the list of codes), the unit is held with NCR-000001
#   - an inspector (3002, English) badges in at QC-1: the inspector's view,
#     its worklist with the NCR; picked with the arrows, the NCR shows what
#     failed (value and limits), the defect, who and where, and the unit's
#     trace; rework at op 900 is picked from the routing's rework
#     operations by its number in the list, and signed badge + PIN (the
#     PIN never shows)
#   - the unit is worked at REPAIR-1 (rework op 900, its re-inspection
#     signed by another inspector, 3001), goes back to op 20 at REFLOW-1,
#     is measured again and passes
#   - the NCR is now one to close: a Chinese inspector (3001) closes it,
#     signed; the screens in Chinese fit 80x24, the help (F1) too
#   - the trace says it all: the failure, the disposition and its signer,
#     the rework, the re-inspection, the closing (in the words of who
#     closed it: Chinese)
# With E2E_CAPTURE_DIR set, the screens are kept there as text (80x24).
E2E_NAME=e2e_quality_rework
. tests/e2e/lib.sh

capture() {
	[ -n "${E2E_CAPTURE_DIR:-}" ] || return 0
	mkdir -p "$E2E_CAPTURE_DIR" && screen "$1" >"$E2E_CAPTURE_DIR/$E2E_NAME-$2.txt"
}

yoked_start
plant_load IOTC-100 1
u=$(first_serial)

# Op 10 at SMT-1, then op 20 at the oven: out of spec twice, the defect asked.
term_start s SMT-1
badge_in s
scan s "$u"
see s "step 1 of"
work_op s
term_start t REFLOW-1
badge_in t
scan t "$u"
see t "step 1 of"
until_prompt t '^Enter peak_temp'
scan t "260"
see t "measure again, reading 2"
scan t "261"
see t "Defect codes"
see t "OVEN-PROFILE"
scan t "OVEN-PROFILE"
see t "Defect OVEN-PROFILE: where"
scan t ""
see t "a note?"
scan t "conveyor stopped in zone 6"
see t "HELD"
see_text t "NCR-000001 opened"

# The inspector's view: the worklist, the NCR, its trace.
term_start i QC-1
see i "scan your badge"
see i "ONLINE"
scan i 3002
see i "Worklist — 1 item waits at the line"
screen i | grep -E "^ *1 +disposition +NCR-000001 +$u +REFLOW-1 " >/dev/null ||
    fail "the worklist lacks NCR-000001 to disposition: $(screen i)"
see i "Pick an item"
lacks i "Scan a unit serial"
fits i
capture i worklist
press i Down
see i "▶"
scan i ""
see i "Decide: 1 rework · 2 repair · 3 scrap · 4 use as is (MRB)"
see i "op 20 Reflow soldering, step 2"
see i "peak_temp = 261 C  (limits 235 – 250)"
see i "OVEN-PROFILE"
see i "Li Wei 李伟 (1001) at REFLOW-1"
see i "The unit's last events"
see i "FAILED at op 20 Reflow soldering (REFLOW)"
fits i
capture i ncr

# Rework at op 900, signed badge + PIN; the PIN shows as stars only.
scan i "1"
see i "Which rework operation? Its number in the list"
screen i | grep -E "^ *1 +900 +Solder rework" >/dev/null || fail "the rework list lacks 900 as 1: $(screen i)"
fits i
scan i "1"
see i "Rework at op 900"
see i "rework of NCR-000001: a note for the record?"
scan i "reflow profile checked, joints to be reworked"
see i "Sign “rework of NCR-000001”: scan your badge (Enter: 3002)"
scan i ""
see i "PIN of badge 3002"
type_text i "$E2E_PIN"
see i "> ****"
lacks i "$E2E_PIN"
capture i sign
scan i ""
see i "dispositioned"
see_text i "NCR-000001: rework at op 900"
see i "Decision   rework at op 900 — signed by Maria Garcia (3002)"
see i "1 close the NCR (signed)"
fits i
capture i dispositioned

# The rework at REPAIR-1: its re-inspection signed by the other inspector.
term_start r REPAIR-1
see r "scan your badge"
see r "ONLINE"
scan r 1003
see r "Scan a unit serial"
see r "900 Solder rework"
scan r "$u"
see r "op 900 Solder rework"
[ "$(badge_of_role inspector)" = 3001 ] || fail "the re-inspection must be signed by 3001, not $(badge_of_role inspector)"
work_op r
see r "Operation 900 complete — unit goes to REFLOW"

# Back at op 20: measured again, in spec, the operation completes.
scan t ""
see t "Scan a unit serial"
scan t "$u"
see t "op 20 Reflow soldering"
see t "step 1 of 4"
work_op t
see t "Operation 20 complete — unit goes to AOI"

# The NCR waits to be closed: a Chinese inspector closes it.
scan i ""
see i "close NCR"
screen i | grep -E "close NCR +NCR-000001 +$u" >/dev/null || fail "the worklist lacks NCR-000001 to close"
scan i "@LOGOUT"
see i "scan your badge"
scan i 3001
see i "待办清单 —— 产线上有 1 项待处理"
see i "关闭报告"
fits i
capture i worklist-zh
scan i "1"
see i "已处置"
see i "不合格项"
see i "1 关闭不合格品报告（需签字确认）"
fits i
capture i ncr-zh
scan i "1"
see i "关闭 NCR-000001：要记一条备注吗？"
scan i ""
see i "签字确认“关闭 NCR-000001”：扫描你的工牌（Enter：3001）"
scan i ""
see i "输入工牌 3001 的 PIN 码"
scan i "$E2E_PIN"
see i "已关闭 —— Enter：返回列表"
fits i
capture i closed-zh
press i F1
see i "帮助：检验员视图"
see i "返工、返修、报废、让步接收"
fits i
capture i help-zh
scan i ""
gone i "帮助：检验员视图"

# The trace: the failure, the disposition signed, the re-inspection, the close.
ctl trace unit "$u" >"$E2E_TMP/trace.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace.out")"
for want in "peak_temp = 261 C" "NCR-000001 opened" "NCR-000001: rework at op 900" \
    "Maria Garcia (badge 3002, inspector)" "Operation 900 Solder rework" \
    "Zhang Min 张敏 (badge 3001, inspector)" "NCR-000001 已关闭"; do
	grep -qF -- "$want" "$E2E_TMP/trace.out" || fail "the trace lacks \"$want\": $(cat "$E2E_TMP/trace.out")"
done
grep -F "Operation 20 Reflow soldering completed" "$E2E_TMP/trace.out" | grep -q . ||
    fail "the trace lacks op 20 completed again: $(cat "$E2E_TMP/trace.out")"
pass
