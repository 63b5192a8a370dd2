#!/bin/sh
# Alarms at real terminals (issue 10): the operator's call that stops the
# station, and the lead's acknowledgement that restarts it.
#   - the operator at SMT-1 opens a unit, presses the andon key (F8), says
#     what is wrong and stops the station (@STOP): the stopped screen names
#     the alarm and says a lead must come; a unit scanned at the queue is
#     refused with the alarm's number
#   - a lead (2002, English: added to a copy of the demo plant) at QC-1 has
#     the notice; F8 lists the alarm as raised and stopping; Enter opens it;
#     the cause, the action, the signature (Enter for the own badge, the PIN)
#     acknowledge it: the answer says SMT-1 may work again
#   - badged out and in again, SMT-1 shows the stopped screen at once
#   - SMT-1's stopped screen goes by itself, says who acknowledged it and
#     with which cause, and the station opens a unit again
#   - the lead's alarms and help in Chinese (2001) fit 80x24
#   - a call that stops nothing shows a banner until yokectl alarm ack
#     (signed by the lead) acknowledges it; twice is refused, saying by whom
#   - yokectl alarm list shows it acknowledged; alarm resolve, signed by
#     an inspector, ends it; alarm show has the record
# With E2E_CAPTURE_DIR set, the screens are kept there as text (80x24).
E2E_NAME=e2e_alarm_stop
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
u1=WO-E2E-0001 u2=WO-E2E-0002

# The lead is at QC-1 first, to see the call come in.
term_start l QC-1
see l "scan your badge"
see l "ONLINE"
scan l 2002
see l "Holds in force: 0"

# The operator calls for help with a unit open, and stops the station.
term_start s SMT-1
badge_in s
scan s "$u1"
see s "step 1 of"
press s F8
see s "Call for help: what is wrong? (Enter: no words)"
scan s "feeder 3 jams"
see s "Stop the station until a lead acknowledges?"
scan s "@STOP"
see s "STATION SMT-1 STOPPED"
see s "ALM-000001"
see_text s "call for help by Li Wei 李伟 (1001)"
see_text s "feeder 3 jams"
see_text s "A team lead must come and acknowledge this alarm"
see s "Stopped by alarm ALM-000001: wait for a lead to acknowledge it"
fits s
capture s stopped
scan s "@BACK"
see s "STATION SMT-1 STOPPED"
scan s "$u2"
see_text s "Station SMT-1 is stopped by alarm ALM-000001: a lead must acknowledge it before any more work"
lacks s "step 1 of"
# Whoever badges in at the stopped station sees it stopped at once.
scan s "@LOGOUT"
see s "scan your badge"
lacks s "STOPPED"
scan s "$(badge_of_role operator)"
see s "STATION SMT-1 STOPPED"
see s "Stopped by alarm ALM-000001: wait for a lead to acknowledge it"

# The lead: the notice, the list, the alarm, the acknowledgement.
see l "alarm raised"
press l F8
see l "Alarms: 1 raised"
see l "ALM-000001"
see l "raised, stops"
see l "SMT-1"
fits l
capture l alarms
scan l ""
see l "ALM-000001 · raised"
see_text l "stopped until acknowledged"
see l "feeder 3 jams"
see l "Acknowledge ALM-000001: type the assignable cause"
fits l
capture l alarm
scan l "feeder spring worn"
see l "the action taken?"
scan l "spring replaced, feeder tested"
see l "Sign “acknowledgement of alarm ALM-000001”: scan your badge (Enter: 2002)"
scan l ""
see l "PIN of badge 2002"
type_text l "$E2E_PIN"
see l "> ****"
lacks l "$E2E_PIN"
scan l ""
see_text l "Alarm ALM-000001 acknowledged: station SMT-1 may work again"
see l "Acknowledged     Tom Baker (2002)"
see l "Cause            feeder spring worn"
see l "Resolve ALM-000001: type what was done"
scan l ""
see l "Alarms: 0 raised · 1 acknowledged"
capture l acknowledged

# The station works again, by itself.
gone s "STATION SMT-1 STOPPED"
see_text s "Alarm ALM-000001 acknowledged by Tom Baker: the station works again. Cause: feeder spring worn."
scan s "$u2"
see s "step 1 of"
capture s works

# The lead's alarms in Chinese (2001) fit 80x24; so does the lead's help.
scan l "@LOGOUT"
see l "scan your badge"
scan l 2001
see l "生效中的扣留：0"
press l F8
see l "报警：已触发 0 · 已确认 1"
see l "已确认"
fits l
capture l alarms-zh
scan l ""
see l "关闭 ALM-000001：输入处理结果后按 Enter"
fits l
capture l alarm-zh
press l F1
see l "帮助：班组长视图"
see l "F8, Esc 8"
fits l
capture l help-zh
press l Space

# yokectl: the list, the resolution signed by an inspector, the record.
ctl alarm list --state open --json >"$E2E_TMP/list.json" 2>&1 || fail "alarm list: $(cat "$E2E_TMP/list.json")"
python3 - "$E2E_TMP/list.json" <<'PY' || fail "alarm list --json: $(cat "$E2E_TMP/list.json")"
import json, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 1, a
a = a[0]
assert a["number"] == "ALM-000001" and a["state"] == "acknowledged", a
assert a["source"] == "andon" and a["stops_station"] and a["station"] == "SMT-1", a
assert a["serial"] == "WO-E2E-0001" and a["detail"] == "feeder 3 jams", a
assert a["acknowledged"]["badge"] == "2002" and a["cause"] == "feeder spring worn", a
PY
ctl alarm resolve ALM-000001 --resolution "feeder runs 2 h without a jam" --sign 3001 \
    >"$E2E_TMP/resolve.out" 2>&1 || fail "alarm resolve: $(cat "$E2E_TMP/resolve.out")"
grep -qF "Alarm ALM-000001 resolved" "$E2E_TMP/resolve.out" || fail "alarm resolve said: $(cat "$E2E_TMP/resolve.out")"
ctl alarm show ALM-000001 >"$E2E_TMP/show.out" 2>&1 || fail "alarm show: $(cat "$E2E_TMP/show.out")"
for want in "ALM-000001  resolved" "call for help, violation" "feeder spring worn" \
    "spring replaced, feeder tested" "Tom Baker (badge 2002)" "feeder runs 2 h without a jam"; do
	grep -qF -- "$want" "$E2E_TMP/show.out" || fail "alarm show lacks \"$want\": $(cat "$E2E_TMP/show.out")"
done
# A call that stops nothing, acknowledged with yokectl by the lead.
press s F8
see s "Call for help: what is wrong? (Enter: no words)"
scan s "paste low"
see s "Stop the station until a lead acknowledges?"
scan s ""
see_text s "Help called: alarm ALM-000002. The leads are told"
see s "ALARM ALM-000002"
lacks s "STOPPED"
ctl alarm ack ALM-000002 --cause "paste not refilled" --action "refilled" --sign 2002 \
    >"$E2E_TMP/ack.out" 2>&1 || fail "alarm ack: $(cat "$E2E_TMP/ack.out")"
grep -qF "Alarm ALM-000002 acknowledged" "$E2E_TMP/ack.out" || fail "alarm ack said: $(cat "$E2E_TMP/ack.out")"
gone s "ALARM ALM-000002"
ctl alarm ack ALM-000002 --cause "again" --action "again" --sign 2002 >"$E2E_TMP/ack2.out" 2>&1 &&
    fail "a second acknowledgement was taken: $(cat "$E2E_TMP/ack2.out")"
grep -qF "is acknowledged already: by Tom Baker (badge 2002)" "$E2E_TMP/ack2.out" ||
    fail "the second acknowledgement's refusal: $(cat "$E2E_TMP/ack2.out")"

ctl trace unit "$u1" >"$E2E_TMP/trace.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace.out")"
grep -qF "ALM-000001" "$E2E_TMP/trace.out" || fail "the trace lacks the alarm: $(cat "$E2E_TMP/trace.out")"
pass
