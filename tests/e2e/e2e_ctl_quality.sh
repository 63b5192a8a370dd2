#!/bin/sh
# yokectl in the quality loop against a real yoked with the demo plant:
# a lead holds a unit and sees it listed, an inspector releases it (and
# nobody releases it twice); a hold of several units in JSON with its
# containment counts and "shipments_recorded": false; an NCR raised on a
# unit holds it, is listed and shown in full and in JSON, and the unit's
# trace shows it with its hold; the Material Review Board needs two
# signers, not the originator; the NCR is dispositioned and closed; the
# defect Pareto counts the NCRs, most first, its bars within 80 columns
# (in Chinese too), and refuses to make up suppliers. Signers' PINs come
# from --pin-fd, one a line, never from the command line.
E2E_NAME=e2e_ctl_quality
. tests/e2e/lib.sh

# The words of these checks are English; each Chinese run says so itself.
export LC_ALL=C.UTF-8
unset LANGUAGE LC_MESSAGES

# expect_rc NAME RC COMMAND...: runs it, output in $E2E_TMP/NAME.{out,err}.
expect_rc() {
	n=$1 want=$2
	shift 2
	"$@" >"$E2E_TMP/$n.out" 2>"$E2E_TMP/$n.err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$n: exit $got, expected $want: $(cat "$E2E_TMP/$n.out" "$E2E_TMP/$n.err")"
}
has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 800 "$E2E_TMP/$1")"; }
lacks_text() { grep -q -- "$2" "$E2E_TMP/$1" && fail "${1%.*}: \"$2\" is there: $(head -c 800 "$E2E_TMP/$1")"; return 0; }
# py NAME SCRIPT: runs SCRIPT with d = the JSON of $E2E_TMP/NAME.out; fails with its message.
py() {
	python3 -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
$2" "$E2E_TMP/$1.out" 2>"$E2E_TMP/$1.py" || fail "$1: $(tail -n 1 "$E2E_TMP/$1.py"): $(head -c 800 "$E2E_TMP/$1.out")"
}
# signed PINS COMMAND...: yokectl with the signers' PINs on fd 3, one a line.
signed() {
	signers=$1
	shift
	k=0
	: >"$E2E_TMP/pins"
	while [ $k -lt "$signers" ]; do
		printf '%s\n' "$E2E_PIN" >>"$E2E_TMP/pins"
		k=$((k + 1))
	done
	"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --pin-fd 3 "$@" \
	    3<"$E2E_TMP/pins"
}
# lines_fit FILE: every line at most 79 display columns (East Asian wide = 2).
lines_fit() {
	python3 -c 'import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in line)
    assert w <= 79, "%d columns: %s" % (w, line)
    assert not line.endswith(" "), "ends with a space: %r" % line' "$1" 2>"$E2E_TMP/fit.py" ||
	    fail "$(basename "$1"): $(tail -n 1 "$E2E_TMP/fit.py")"
}

yoked_start
plant_load IOTC-100 6

# ---- defect codes ---------------------------------------------------------
expect_rc defects 0 ctl defects
has defects.out "^DEFECT CODE  *CATEGORY  *LOCATION  *TEXT"
has defects.out "^BRIDGE  *method  *U1  *Solder bridge"
expect_rc defects_json 0 ctl defects list --json
py defects_json 'c = {x["code"]: x for x in d["defects"]}
assert c["TORQUE"]["category"] == "machine" and c["LABEL"]["location"] == "REAR", c'
pass "defect_codes"

# ---- a hold, listed, released ---------------------------------------------
expect_rc hold 0 signed 1 hold unit WO-E2E-0001 --reason "Dropped on the floor" --sign 2001
has hold.out "^Hold [0-9][0-9]* on unit WO-E2E-0001 covers 1 unit: 1 in work, 0 done, 0 scrapped\.$"
h1=$(sed -n 's/^Hold \([0-9]*\) on unit.*/\1/p' "$E2E_TMP/hold.out")
expect_rc holds 0 ctl holds
has holds.out "^HOLD  *STATE  *SCOPE  *TARGETS  *REASON"
has holds.out "^$h1  *in force  *unit  *WO-E2E-0001  *Dropped on the floor"
has holds.out "placed: signed by Zhao Lei 赵磊 (badge 2001, lead) at "
expect_rc target_other 0 ctl holds --target WO-E2E-0002
has target_other.out "^No open hold names WO-E2E-0002\.$"
# The unit is held: its list says so.
expect_rc units_held 0 ctl units WO-E2E --json
py units_held 'u = {x["serial"]: x for x in d}
assert u["WO-E2E-0001"]["status"] == "on hold" and u["WO-E2E-0002"]["status"] == "queued", u'
# Releasing needs a reason; a wrong PIN is refused and counted; then it is released, once.
expect_rc release_noreason 2 signed 1 release "$h1" --sign 3001
has release_noreason.err "why may it go on?"
printf '0000\n' >"$E2E_TMP/wrong"
expect_rc release_wrongpin 1 "$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" \
    --pin-fd 3 release "$h1" --reason x --sign 3001 --json 3<"$E2E_TMP/wrong"
py release_wrongpin 'assert d["status"] == "SIGNATURE_REFUSED", d'
expect_rc release 0 signed 1 release "$h1" --reason "Checked, no damage" --sign 3001
has release.out "^Hold $h1 is released\."
expect_rc holds_after 0 ctl holds
lacks_text holds_after.out "WO-E2E-0001"
expect_rc holds_all 0 ctl holds --all --target WO-E2E-0001
has holds_all.out "^$h1  *hold released  *unit  *WO-E2E-0001"
has holds_all.out "released: signed by Zhang Min 张敏 (badge 3001, inspector) at .*; why: Checked, no damage"
expect_rc release_twice 1 signed 1 release "$h1" --reason again --sign 3001 --json
py release_twice 'assert d["status"] != "usage" and d["error"], d'
pass "hold_listed_and_released"

# ---- several units at once, as JSON ----------------------------------------
expect_rc hold_units 0 signed 1 hold units WO-E2E-0002 WO-E2E-0003 --reason "Wrong screws" --sign 4001 --json
py hold_units 'h = d["hold"]
assert h["scope"] == "units" and h["targets"] == ["WO-E2E-0002", "WO-E2E-0003"], h
assert h["open"] is True and h["placed"]["badge"] == "4001" and h["placed"]["role"] == "engineer", h
assert d["units_in_work"] == 2 and d["units_done"] == 0 and d["units_scrapped"] == 0, d
assert d["shipments_recorded"] is False and d["message"], d'
h2=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["hold"]["id"])' "$E2E_TMP/hold_units.out")
expect_rc holds_json 0 ctl holds --json
py holds_json "assert [h['id'] for h in d['holds']] == [$h2], d"
# The admin may not place a hold: the server refuses it (exit 1), with its status.
expect_rc hold_admin 1 signed 1 hold station SMT-1 --reason x --sign 9001 --json
py hold_admin 'assert d["status"] == "NOT_AUTHORIZED" and "9001" in d["error"], d'
expect_rc hold_station 0 signed 1 hold station SMT-1 --reason "Nozzle check" --sign 2001
has hold_station.out "^Hold [0-9]* on station SMT-1: it opens no new units until the hold is released\.$"
pass "units_hold_json"

# ---- an NCR ---------------------------------------------------------------
expect_rc raise 0 signed 1 ncr raise WO-E2E-0004 --defect BRIDGE --location U3 --note "Bridge on U3 pins 4-5" \
    --sign 3001
has raise.out "NCR-000001"
expect_rc ncr_list 0 ctl ncr list --state open
has ncr_list.out "^NCR  *STATE  *OPENED (UTC)  *SERIAL  *OP  *STATION  *DEFECT  *DISPOSITION"
has ncr_list.out "^NCR-000001  *open  *20[0-9-]* [0-9:]*  *WO-E2E-0004  *10  .*BRIDGE  *-$"
expect_rc ncr_none 0 ctl ncr list --defect TORQUE
has ncr_none.out "^No NCR matches\.$"
expect_rc ncr_show 0 ctl ncr show 1
has ncr_show.out "^NCR-000001  open$"
has ncr_show.out "^Unit  *WO-E2E-0004, IOTC-100, work order WO-E2E$"
has ncr_show.out "^Defect  *BRIDGE Solder bridge between pins 引脚间连锡 (category: method)$"
has ncr_show.out "^Location  *U3$"
has ncr_show.out "^Note  *Bridge on U3 pins 4-5$"
has ncr_show.out "^Originator  *Zhang Min 张敏 (badge 3001)"
has ncr_show.out "^Signatures  *signed by Zhang Min 张敏 (badge 3001, inspector) at "
expect_rc ncr_show_json 0 ctl ncr show NCR-000001 --json
py ncr_show_json 'assert d["number"] == "NCR-000001" and d["state"] == "open" and d["serial"] == "WO-E2E-0004", d
assert d["defect"] == "BRIDGE" and d["category"] == "method" and d["location"] == "U3", d
assert d["hold"] > 0 and d["signatures"][0]["badge"] == "3001" and d["disposition"] == "", d
assert d["measurement"] is None and d["closed"] is None, d'
# The unit's trace: the NCR and its hold, as text and JSON.
expect_rc trace 0 ctl trace unit WO-E2E-0004
has trace.out "  NCR opened  "
has trace.out "  held  "
has trace.out "^NCRs:$"
has trace.out "^NCR-000001  *open  *BRIDGE at U3  *-"
has trace.out "^Holds:$"
has trace.out "from NCR-000001"
expect_rc trace_json 0 ctl trace unit WO-E2E-0004 --json
py trace_json 'k = [e["kind"] for e in d["events"]]
assert "ncr-opened" in k and "held" in k, k
assert [n["number"] for n in d["ncrs"]] == ["NCR-000001"], d["ncrs"]
assert d["holds"][0]["source"] == "ncr" and d["holds"][0]["ncr"] == "NCR-000001", d["holds"]
assert d["status"] == "FAILED", d["status"]'
pass "ncr_raised_listed_shown_traced"

# ---- dispositions: the MRB needs two signers, not the originator -----------
expect_rc mrb_one 2 signed 1 ncr disposition 1 use-as-is --note "D-17" --sign 3002
has mrb_one.err "two or more --sign"
expect_rc mrb_originator 1 signed 2 ncr disposition 1 use-as-is --note "D-17" --sign 3001 --sign 4001 --json
py mrb_originator 'assert d["status"] == "SIGNATURE_REFUSED", d'
expect_rc mrb 0 signed 2 ncr disposition NCR-000001 use-as-is --note "Deviation D-17" --sign 3002 --sign 4001
has mrb.out "NCR-000001"
expect_rc mrb_show 0 ctl ncr show 1 --json
py mrb_show 'assert d["state"] == "dispositioned" and d["disposition"] == "use-as-is", d
assert d["disposition_note"] == "Deviation D-17", d
assert {"3002", "4001"} <= {s["badge"] for s in d["signatures"]}, d["signatures"]'
expect_rc close 0 signed 1 ncr close 1 --note "Deviation filed" --sign 3002
expect_rc closed 0 ctl ncr list --state closed --json
py closed 'assert [n["number"] for n in d["ncrs"]] == ["NCR-000001"] and d["ncrs"][0]["closed"], d'
# Scrap: the unit ends scrapped.
expect_rc raise2 0 signed 1 ncr raise WO-E2E-0005 --defect TORQUE --sign 2001
expect_rc raise3 0 signed 1 ncr raise WO-E2E-0006 --defect BRIDGE --sign 3002
expect_rc scrap 0 signed 1 ncr disposition 2 scrap --note "Cracked housing" --sign 3001
expect_rc scrapped 0 ctl units WO-E2E --json
py scrapped 'u = {x["serial"]: x for x in d}
assert u["WO-E2E-0005"]["status"] == "scrapped", u["WO-E2E-0005"]'
pass "dispositions"

# ---- the Pareto -------------------------------------------------------------
today=$(date -u +%Y-%m-%d)
expect_rc pareto 0 ctl defects pareto --by code --since "$today"
has pareto.out "^3 NCRs since $today (UTC):$"
has pareto.out "^DEFECT  *COUNT  *SHARE  *CUMULATIVE$"
sed -n 3p "$E2E_TMP/pareto.out" | grep -q "^BRIDGE Solder bridge.*  2   66\.7%  *66\.7%  #*$" ||
    fail "pareto: first row: $(sed -n 3p "$E2E_TMP/pareto.out")"
sed -n 4p "$E2E_TMP/pareto.out" | grep -q "^TORQUE Screw torque.*  1   33\.3%  *100\.0%  #*$" ||
    fail "pareto: second row: $(sed -n 4p "$E2E_TMP/pareto.out")"
lines_fit "$E2E_TMP/pareto.out"
expect_rc pareto_json 0 ctl defects pareto --by operator --since "$today" --json
py pareto_json 'assert d["by"] == "operator" and d["total"] == 3 and d["complete"] is True, d
r = d["rows"]
assert [x["count"] for x in r] == sorted([x["count"] for x in r], reverse=True), r
assert abs(sum(x["percent"] for x in r) - 100) < 0.01 and r[-1]["cumulative_percent"] == 100, r
assert {x["key"] for x in r} == {"3001", "2001", "3002"}, r'
expect_rc pareto_later 0 ctl defects pareto --by station --since 2099-01-01
has pareto_later.out "^No NCR since 2099-01-01\.$"
LC_ALL=zh_CN.UTF-8 ctl defects pareto --by operator --since "$today" >"$E2E_TMP/pareto_zh.out" 2>&1 ||
    fail "pareto in Chinese: $(cat "$E2E_TMP/pareto_zh.out")"
has pareto_zh.out "^操作员  *数量  *占比  *累计占比$"
lines_fit "$E2E_TMP/pareto_zh.out"
expect_rc supplier 1 ctl defects pareto --by supplier --since "$today" --json
py supplier 'assert d["status"] == "refused" and "supplier" in d["error"], d'
pass "pareto"

# ---- in Chinese -------------------------------------------------------------
LC_ALL=zh_CN.UTF-8 ctl holds --all >"$E2E_TMP/holds_zh.out" 2>&1 || fail "holds in Chinese: $(cat "$E2E_TMP/holds_zh.out")"
has holds_zh.out "^扣留单  *状态  *范围  *对象  *原因"
has holds_zh.out "  已解除扣留  "
has holds_zh.out "  生效中  "
LC_ALL=zh_CN.UTF-8 ctl ncr show 1 >"$E2E_TMP/show_zh.out" 2>&1 || fail "ncr show in Chinese"
has show_zh.out "^NCR-000001  已关闭$"
has show_zh.out "让步接收（MRB）"
pass "chinese"
