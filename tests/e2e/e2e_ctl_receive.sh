#!/bin/sh
# yokectl and received lots, against a real yoked with the demo plant and
# the materials plant (tests/data/plant-materials: IC-555 with its GTIN,
# supplier ACME, lots=received) loaded over it:
#   - `receive --label` in the (AI) form creates L-000001 and writes its
#     internal lot label (PNG and ZPL); the PNG reads back as
#     IC-555/L-000001 (yokectl scan --image); the same label again is
#     "already received"; a GTIN no part has is refused naming it
#   - typed fields: a supplier not in the definitions is refused; usage
#     errors before any request
#   - `lots` lists it (and as JSON), `lot show` shows it
#   - `lot block` signed by a lead, `lot release` refused for a lead and
#     done by an inspector; `lots --status` filters
E2E_NAME=e2e_ctl_receive
. tests/e2e/lib.sh

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
signed() {
	printf '%s\n' "$E2E_PIN" >"$E2E_TMP/pins"
	"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --pin-fd 3 "$@" \
	    3<"$E2E_TMP/pins"
}

yoked_start
plant_load IOTC-100 1
ctl load tests/data/plant-materials >"$E2E_TMP/load2.out" 2>&1 || fail "load plant-materials: $(cat "$E2E_TMP/load2.out")"
L="$E2E_TMP/labels"

# ---- receiving -------------------------------------------------------------
expect_rc r1 0 ctl receive --label '(01)09521234543213(10)LOT-E2E(17)271200(30)250' --po PO-77 \
    --line 3 --out "$L"
has r1.out "Received L-000001 of IC-555 from ACME, supplier lot LOT-E2E"
has r1.out "expiry:    2027-12-31"
has r1.out "PO PO-77 line 3"
[ -s "$L/L-000001.png" ] && [ -s "$L/L-000001.zpl" ] || fail "no lot label files in $L"
grep -q 'QA,IC-555/L-000001' "$L/L-000001.zpl" || fail "the ZPL's QR code is not IC-555/L-000001"
expect_rc back 0 ctl scan --image "$L/L-000001.png"
has back.out "IC-555/L-000001"
expect_rc r2 0 ctl receive --label '(01)09521234543213(10)LOT-E2E(17)271200(30)250' --out "$L"
has r2.out "Already received: lot L-000001"
expect_rc gtin 1 ctl receive --label '(01)09521234543220(10)X(30)1' --out "$L"
has gtin.err "GTIN 09521234543220 is not a part of this plant"
expect_rc nosup 1 ctl receive --supplier NOBODY --part IC-555 --lot L9 --qty 5 --out "$L"
has nosup.err "Supplier NOBODY is not in the definitions"
expect_rc usage 2 ctl receive --part IC-555
has usage.err "what is received"
expect_rc both 2 ctl receive --label x --image y.png
expect_rc typed 0 ctl receive --supplier OTHER --part IC-555 --lot L9 --qty 5 --expiry 2020-01-31 \
    --out "$L" --json
py typed 'l = d["lot"]
assert l["id"] == "L-000002" and l["supplier"] == "OTHER" and not d["already_received"], d'

# ---- listing ---------------------------------------------------------------
expect_rc lots 0 ctl lots --part IC-555
has lots.out "L-000001"
has lots.out "250 of 250"
has lots.out "expired"
expect_rc lotsj 0 ctl lots --json
py lotsj 'ids = [l["id"] for l in d["lots"]]
assert ids == ["L-000002", "L-000001"], ids
assert d["lots"][0]["status"] == "expired" and d["lots"][1]["status"] == "released", d'
expect_rc show 0 ctl lot show L-000001
has show.out "Lot L-000001: IC-555 from ACME, supplier lot LOT-E2E"
expect_rc badst 2 ctl lots --status nonsense

# ---- status, signed --------------------------------------------------------
expect_rc block 0 signed lot block L-000001 --reason "Supplier recall 11-26" --sign 3001
has block.out "is now blocked"
expect_rc blocked 0 ctl lots --status blocked --json
py blocked 'assert [l["id"] for l in d["lots"]] == ["L-000001"], d'
expect_rc lead_rel 1 signed lot release L-000001 --reason "ok" --sign 2001
expect_rc rel 0 signed lot release L-000001 --reason "Checked: not affected" --sign 3001
has rel.out "is now released"
expect_rc noreason 2 signed lot block L-000001 --sign 3001
pass
