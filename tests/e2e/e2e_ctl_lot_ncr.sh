#!/bin/sh
# yokectl and NCRs on a component lot, against a real yoked with the demo
# plant and a real station terminal:
#   - a unit is built at SMT-1 with the lot MCU-F407/LOT-N
#   - `ncr raise --lot MCU-F407/LOT-N` (signed) holds it: the answer
#     counts the unit in work; the same as JSON on a lot never used
#     (0 units); usage errors are refused before any PIN is asked
#   - `ncr list --lot` and `ncr show` show the lot as the NCR's subject
#     (`ncr show` in Chinese too)
#   - at SMT-1 the next unit cannot take the lot (the NCR is named)
#   - a unit's disposition (rework) is refused on the lot's NCR; use as is
#     with one signer is refused by yokectl; return-to-supplier, then
#     close: the lot is refused for ever, at the station too
#   - `trace component` shows the lot's NCR and its released hold (and
#     as JSON); sort on the other lot, then close, releases it
E2E_NAME=e2e_ctl_lot_ncr
. tests/e2e/lib.sh

# The words of these checks are English (the terminal's operator, 1001, too).
export LC_ALL=C.UTF-8
unset LANGUAGE LC_MESSAGES

expect_rc() {
	n=$1 want=$2
	shift 2
	"$@" >"$E2E_TMP/$n.out" 2>"$E2E_TMP/$n.err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$n: exit $got, expected $want: $(cat "$E2E_TMP/$n.out" "$E2E_TMP/$n.err")"
}
has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 800 "$E2E_TMP/$1")"; }
py() {
	python3 -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
$2" "$E2E_TMP/$1.out" 2>"$E2E_TMP/$1.py" || fail "$1: $(tail -n 1 "$E2E_TMP/$1.py"): $(head -c 800 "$E2E_TMP/$1.out")"
}
# signed N COMMAND...: yokectl with N signers' PINs on fd 3, one a line.
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

yoked_start
plant_load IOTC-100 3
u1=WO-E2E-0001 u2=WO-E2E-0002

# A unit built with the lot.
term_start s SMT-1
badge_in s
scan s "$u1"
see s "step 1 of"
until_prompt s '^Scan MCU-F407'
scan s "MCU-F407/LOT-N"
see s "Scanned MCU-F407"
work_op s
scan s ""
see s "Scan a unit serial"

# ---- raising it ------------------------------------------------------------
expect_rc both 2 signed 1 ncr raise "$u1" --lot MCU-F407/LOT-N --defect OXIDIZED --sign 3002
has both.err "not both"
expect_rc nolabel 2 signed 1 ncr raise --lot LOT-N --defect OXIDIZED --sign 3002
has nolabel.err "PART/LOT"
expect_rc serial_part 1 signed 1 ncr raise --lot MOD-WIFI/WF1 --defect OXIDIZED --sign 3002
has serial_part.err "serial-tracked"
expect_rc raise 0 signed 1 ncr raise --lot MCU-F407/LOT-N --defect OXIDIZED --note "Poor wetting on 3 boards" \
    --sign 3002
has raise.out "^NCR-000001 opened on lot MCU-F407/LOT-N"
has raise.out "^Hold [0-9]* on component MCU-F407/LOT-N covers 1 unit: 1 in work, 0 done, 0 scrapped\.$"
expect_rc raise_json 0 signed 1 ncr raise --lot MCU-F407/LOT-E --defect OXIDIZED --sign 3002 --json
py raise_json 'n = d["ncr"]
assert n["number"] == "NCR-000002" and n["serial"] == "" and n["lot_part"] == "MCU-F407", n
assert n["lot"] == "LOT-E" and n["state"] == "open" and n["hold"] > 0, n
c = d["containment"]
assert c["units_in_work"] == 0 and c["units_done"] == 0 and c["hold"]["scope"] == "component", c
assert c["hold"]["targets"] == ["MCU-F407/LOT-E"] and c["hold"]["ncr"] == "NCR-000002", c'
expect_rc again 1 signed 1 ncr raise --lot MCU-F407/LOT-N --defect OXIDIZED --sign 3002
has again.err "already held by NCR-000001"
pass "raised"

# ---- listed and shown ------------------------------------------------------
expect_rc list 0 ctl ncr list --lot MCU-F407/LOT-N
has list.out "^NCR-000001  *open  .*MCU-F407/LOT-N  .*OXIDIZED  *-$"
grep -q "NCR-000002" "$E2E_TMP/list.out" && fail "list --lot shows another lot's NCR: $(cat "$E2E_TMP/list.out")"
expect_rc list_bad 2 ctl ncr list --lot nolabel
expect_rc show 0 ctl ncr show 1
has show.out "^Lot  *MCU-F407/LOT-N: lot LOT-N of part MCU-F407"
has show.out "^Note  *Poor wetting on 3 boards$"
has show.out "^Originator  *Maria Garcia (badge 3002)"
# In Chinese: the lot is the subject, in the glossary's words.
expect_rc show_zh 0 env LC_ALL=zh_CN.UTF-8 "$YOKE_BIN/yokectl" --server "$E2E_SERVER" \
    --cert "$E2E_TMP/ctl@e2e.cert" --badge "$E2E_ENGINEER" --pin-fd 3 ncr show 1 3<"$E2E_TMP/pin"
has show_zh.out "^批次  *MCU-F407/LOT-N：物料 MCU-F407 的批次 LOT-N"
expect_rc list_json 0 ctl ncr list --lot MCU-F407/LOT-E --json
py list_json 'assert [n["number"] for n in d["ncrs"]] == ["NCR-000002"], d'
pass "listed_and_shown"

# ---- at the station: the lot is refused ----------------------------------
scan s "$u2"
see s "step 1 of"
until_prompt s '^Scan MCU-F407'
scan s "MCU-F407/LOT-N"
see s "NCR-000001"
pass "scan_refused"

# ---- dispositions ------------------------------------------------------------
expect_rc rework 1 signed 1 ncr disposition 1 rework --sign 3001
has rework.err "about lot MCU-F407/LOT-N"
expect_rc mrb_one 2 signed 1 ncr disposition 1 use-as-is --sign 3001
expect_rc bad_word 2 signed 1 ncr disposition 1 send-back --sign 3001
has bad_word.err "return-to-supplier"
expect_rc rts 0 signed 1 ncr disposition 1 return-to-supplier --note "RMA 5521" --sign 3001
has rts.out "NCR-000001: return to supplier"
expect_rc close 0 signed 1 ncr close 1 --note "Shipped back" --sign 3001
has close.out "refused for ever"
expect_rc show_closed 0 ctl ncr show 1 --json
py show_closed 'assert d["state"] == "closed" and d["disposition"] == "return-to-supplier", d
assert d["disposition_note"] == "RMA 5521" and len(d["signatures"]) == 3, d'
# At the station the lot stays refused, now for ever.
scan s "MCU-F407/LOT-N"
see s "returned to the supplier"
pass "returned"

# ---- the lot's trace -------------------------------------------------------
expect_rc trace 0 ctl trace component MCU-F407/LOT-N
has trace.out "MCU-F407/LOT-N went into 1 unit"
has trace.out "^NCRs raised on this lot:"
has trace.out "^NCR-000001  *closed  .*MCU-F407/LOT-N .*return to supplier"
has trace.out "hold released  *component  *MCU-F407/LOT-N"
expect_rc trace_json 0 ctl trace component MCU-F407/LOT-N --json
py trace_json 'assert [u["serial"] for u in d["units"]] == ["WO-E2E-0001"], d
assert [n["number"] for n in d["ncrs"]] == ["NCR-000001"], d
h = d["holds"]
assert len(h) == 1 and h[0]["open"] is False and h[0]["ncr"] == "NCR-000001", h'
pass "traced"

# ---- sort releases the other lot -------------------------------------------
expect_rc sort 0 signed 1 ncr disposition 2 sort --sign 3001
has sort.out "sort 100 %"
expect_rc sort_close 0 signed 1 ncr close 2 --sign 3001
has sort_close.out "is released"
expect_rc holds_e 0 ctl holds --target MCU-F407/LOT-E
has holds_e.out "^No open hold names MCU-F407/LOT-E\.$"
scan s "MCU-F407/LOT-E"
see s "Scanned MCU-F407/LOT-E"
pass "sorted"
