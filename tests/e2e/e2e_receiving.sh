#!/bin/sh
# Receiving at a RECEIVING station's terminal, against a real yoked with
# the demo plant and the materials plant (tests/data/plant-materials:
# DOCK-1 of kind RECEIVING, receiver 110, IC-555 with its GTIN):
#   - the receiver badges in at DOCK-1 and gets the receiving view, not a
#     queue; scans a supplier label in the (AI) form; is asked the PO,
#     then what the label lacks (the quantity: a wrong one is said), then
#     the supplier (Enter: the part's only one); the lot is shown as
#     received (L-000001) and its internal lot label written (ZPL, PNG)
#   - the same label again: "already received", the same lot
#   - a label whose GTIN no part has: refused, naming it; @BACK drops a lot
#     half asked
#   - at ASSY-1 the internal label's code IC-555/L-000001 is accepted at
#     the IC scan and recorded as the supplier's lot
E2E_NAME=e2e_receiving
. tests/e2e/lib.sh

yoked_start
plant_load IOTC-100 1
ctl load tests/data/plant-materials >"$E2E_TMP/load2.out" 2>&1 || fail "load plant-materials: $(cat "$E2E_TMP/load2.out")"
ctl wo release WO-G --product GADGET --qty 1 --due 2030-01-31 >"$E2E_TMP/wog.out" 2>&1 ||
    fail "release WO-G: $(cat "$E2E_TMP/wog.out")"
LABEL='(01)09521234543213(10)LOT-T1(17)271231'

term_start_with d DOCK-1 "YOKE_LABEL_DIR=$E2E_TMP/labels"
see d "scan your badge"
see d "ONLINE"
scan d 110
see d "Receiving"
see d "Scan the supplier's label"
lacks d "Scan a unit serial"

# ---- a lot from its label --------------------------------------------------
scan d "$LABEL"
see d "Scan or type the purchase order"
see d "LOT-T1"
scan d "PO-9"
see d "type how many came"
scan d "lots"
see d "Quantity: expected a number above 0"
scan d "120"
see d "Supplier code"
scan d ""
see d "L-000001 — received"
see d "Received L-000001 of IC-555 from ACME"
[ -s "$E2E_TMP/labels/L-000001.zpl" ] || fail "no lot label L-000001.zpl in $E2E_TMP/labels"
[ -s "$E2E_TMP/labels/L-000001.png" ] || fail "no lot label L-000001.png"
grep -q 'QA,IC-555/L-000001' "$E2E_TMP/labels/L-000001.zpl" || fail "the lot label's QR code is not IC-555/L-000001"

# ---- the same label again ---------------------------------------------------
scan d "$LABEL"
see d "Scan or type the purchase order"
scan d ""
scan d "120"
scan d ""
see d "L-000001 — already received"
see d "Already received: lot L-000001"

# ---- refusals ---------------------------------------------------------------
scan d "(01)09521234543220(10)X(30)5"
see d "Scan or type the purchase order"
scan d "@BACK"
see d "Dropped: nothing was received"
scan d "(01)09521234543220(10)X(30)5"
see d "Scan or type the purchase order"
scan d ""
see d "Expiry date"
scan d ""
see d "Supplier code"
scan d ""
see d "GTIN 09521234543220 is not a part of this plant"

# ---- the internal label at a component scan ---------------------------------
term_start a ASSY-1
see a "scan your badge"
see a "ONLINE"
scan a 100
see a "Scan a unit serial"
u=$(grep -o 'WO-G-[0-9]*' "$E2E_TMP/wog.out" | head -n 1)
scan a "${u:-WO-G-0001}"
see a "Scan BOARD-1"
scan a "BOARD-1/B1"
see a "Scan IC-555"
scan a "IC-555/L-000001"
see a "Scanned IC-555/LOT-T1"
pass
