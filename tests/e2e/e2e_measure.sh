#!/bin/sh
# Measurements that do not hold units by mistake, and a failure that says
# what went wrong (issue 8), at a real terminal:
#   - a typo such as 2.45e1 at a measure step is refused on the screen
#     with what was expected, and nothing is sent (the trace has no
#     reading); a decimal comma is a decimal point, shown as typed
#   - a value out of the limits asks to measure again; the unit stays at
#     the step, and the trace shows the reading
#   - a bare n at a check is refused (no failure)
#   - @FAIL at a check asks for the defect from the plant's list (its
#     number, or the arrows and Enter), then where and a note; Esc Enter
#     or @BACK drops it with nothing sent; given, the unit is held with
#     its NCR
#   - the list of defect codes fits 80x24 in English and in Chinese
E2E_NAME=e2e_measure
. tests/e2e/lib.sh

yoked_start
plant_load IOTC-100 2
u=$(first_serial)
u2=$(grep -o 'WO-E2E-[0-9]*' "$E2E_TMP/wo.out" | sed -n 2p)
[ -n "$u2" ] || u2=WO-E2E-0002

# Op 10 at SMT-1 for both units, then op 20 at the oven.
term_start s SMT-1
badge_in s
for x in "$u" "$u2"; do
	scan s "$x"
	see s "step 1 of"
	work_op s
done

term_start t REFLOW-1
badge_in t
scan t "$u"
see t "step 1 of"
until_prompt t '^Enter peak_temp'
at=$(step_of t)

# A typo strtod would read as 24.5: refused here, nothing sent.
scan t "2.45e1"
see_text t "Expected a plain decimal number for peak_temp such as 3.30 or 3,30, got \"2.45e1\""
[ "$(step_of t)" = "$at" ] || fail "the step moved with 2.45e1"
scan t "0x10"
see_text t "got \"0x10\""
ctl trace unit "$u" --json >"$E2E_TMP/trace0.json" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace0.json")"
grep -q '"kind":"measured"' "$E2E_TMP/trace0.json" && fail "a reading was recorded for a refused entry: $(cat "$E2E_TMP/trace0.json")"

# Out of the limits: measured again, the unit at the same step, in work.
scan t "260,5"
see_text t "Entered 260,5 C"
see_text t "measure again"
see t "measure again, reading 2"
[ "$(step_of t)" = "$at" ] || fail "the step moved with an out-of-spec reading"
lacks t "HELD"
fits t
ctl trace unit "$u" >"$E2E_TMP/trace1.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace1.out")"
grep -q "peak_temp = 260.5 C .*OUT OF SPEC, reading 1" "$E2E_TMP/trace1.out" ||
    fail "the trace lacks the first reading: $(cat "$E2E_TMP/trace1.out")"
ctl units WO-E2E >"$E2E_TMP/units.out" 2>&1
grep "$u" "$E2E_TMP/units.out" | grep -qi "in work" || fail "the unit is not in work: $(cat "$E2E_TMP/units.out")"

# In spec now, typed with a decimal comma: shown as typed, passed.
scan t "245,0"
see_text t "Entered 245,0 C"
i=0
while [ "$(step_of t)" = "$at" ]; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "the in-spec reading did not pass: $(status t)"; sleep 0.1
done
until_prompt t '^Check:'
at=$(step_of t)

# A bare n is no failure.
scan t "n"
see_text t "\"n\" is not a verdict"
[ "$(step_of t)" = "$at" ] || fail "the step moved with a bare n"
lacks t "HELD"

# @FAIL asks for the defect first; Esc Enter and @BACK drop it, nothing sent.
scan t "@FAIL"
see t "Defect codes"
see t "OVEN-PROFILE"
see t "Defect: scan its code"
fits t
press t Escape Enter
see t "Cancelled: nothing was sent"
gone t "Defect codes"
[ "$(step_of t)" = "$at" ] || fail "the step moved after a cancelled failure"
press t F9
see t "Defect codes"
scan t "9"
see t "where, such as U3"
scan t "@BACK"
see t "Cancelled: nothing was sent"
lacks t "HELD"

# Given: picked with the arrows, a location, a note: the unit is held and
# its NCR opened.
press t F9
see t "Defect codes"
press t Down Down Down Down Down Down Down Down Down
see t "▶   9  OVEN-PROFILE"
scan t ""
see t "Defect OVEN-PROFILE: where"
scan t "PANEL-2"
see t "Defect OVEN-PROFILE: a note?"
scan t "warped on the rail"
see t "HELD"
see_text t "NCR-"
# (What the request carried is checked in test_station; what the server
# keeps of the defect, in it_measure and it_quality.)
ctl trace unit "$u" >"$E2E_TMP/trace2.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace2.out")"
grep -q "Board flat after cooling.*FAIL" "$E2E_TMP/trace2.out" || fail "the trace lacks the failed check: $(cat "$E2E_TMP/trace2.out")"

# The same list in Chinese, at 80x24: a zh_CN operator at the oven.
scan t ""
see t "Scan a unit serial"
scan t "@LOGOUT"
see t "scan your badge"
scan t "1002"
see t "扫描产品序列号"
scan t "$u2"
see t "第 1 步"
n=0
until prompt t | grep -q "^检查："; do
	n=$((n + 1)); [ $n -gt 30 ] && fail "no check for the zh_CN operator: $(prompt t)"
	p=$(prompt t)
	case "$p" in
	*"Enter"*|*"按 Enter"*) scan t "" ;;
	*"输入 peak_temp"*) scan t "245" ;;
	*"输入 time_above_liquidus"*) scan t "60" ;;
	*) sleep 0.2 ;;
	esac
	sleep 0.5
done
scan t "@FAIL"
see t "缺陷代码"
see t "炉温曲线超出工艺窗口"
fits t
scan t "@BACK"
see t "已取消"
pass
