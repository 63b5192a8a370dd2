#!/bin/sh
# The pre-start gate at a real station terminal, against a real yoked with
# the plant tests/data/plant-gate (GADGET op 10 at ASSY: from=setup, the
# gap measured with a caliper, a first article per work order):
#   - the gap step asks for the caliper's id first; G-0013, overdue, is
#     refused in the server's words with its due date, and asked again
#   - calibrated with yokectl gauge calibrate (signed by an inspector), it
#     is accepted; the value is taken and the next step is the first
#     article, whose prompt says why it is asked
#   - yokectl gauge list shows the new due date, --json too
#   - an operator whose qualification expires in 5 days is told so at
#     badge-in
E2E_NAME=e2e_gate
. tests/e2e/lib.sh

export LC_ALL=C.UTF-8
unset LANGUAGE LC_MESSAGES
PLANT=tests/data/plant-gate
E2E_ENGINEER=900

yoked_start
ctl load "$PLANT" >"$E2E_TMP/load.out" 2>&1 || fail "yokectl load: $(tail -n 3 "$E2E_TMP/load.out")"
for b in 901 900 200; do
	"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --badge 901 \
	    --pin-fd 3 pin set "$b" --new-pin-fd 4 3<"$E2E_TMP/pin" 4<"$E2E_TMP/pin" \
	    >>"$E2E_TMP/pins.out" 2>&1 || fail "PIN of $b: $(tail -n 2 "$E2E_TMP/pins.out")"
done
ctl wo release WO-G --product GADGET --qty 2 --due 2030-01-31 --priority 2 >"$E2E_TMP/wo.out" 2>&1 ||
    fail "yokectl wo release: $(tail -n 3 "$E2E_TMP/wo.out")"

term_start s ASSY-1
see s "scan your badge"
see s "ONLINE"
scan s 100
see s "Scan a unit serial"
scan s "@SETUP"
see s "Load at ASSY-1"
scan s "IC-555/REEL-1"
see s "Loaded at ASSY-1: IC-555 lot REEL-1"
scan s ""
scan s WO-G-0001
see s "From the setup: IC-555 lot REEL-1"
scan s ""
see s "Scan the id of the caliper you measure with"

# Overdue: refused with its due date, and asked again.
scan s "G-0013"
see s "was due for calibration on 2020-01-31"
see s "Scan the id of the caliper you measure with"
fits s

# Calibrated at the desk, signed by the inspector: accepted.
ctl gauge calibrate G-0013 --due 2098-06-30 --certificate CAL-2291 --sign 200 \
    >"$E2E_TMP/cal.out" 2>&1 || fail "gauge calibrate: $(cat "$E2E_TMP/cal.out")"
grep -q "G-0013 calibrated: due 2098-06-30" "$E2E_TMP/cal.out" || fail "calibrate: $(cat "$E2E_TMP/cal.out")"
scan s "G-0013"
see s "G-0013 (caliper) is calibrated until 2098-06-30"
see s "Enter gap in mm"
scan s "0.3"
see s "First article of this work order here: @PASS or @FAIL"
fits s

ctl gauge list >"$E2E_TMP/list.out" 2>&1 || fail "gauge list: $(cat "$E2E_TMP/list.out")"
grep -q "^G-0013 .*caliper .*2098-06-30" "$E2E_TMP/list.out" || fail "gauge list: $(cat "$E2E_TMP/list.out")"
ctl gauge list --due-within 30 --json >"$E2E_TMP/list.json" 2>&1 || fail "gauge list --json: $(cat "$E2E_TMP/list.json")"
python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
assert d['gauges'] == [] and d['matched'] == 0, d" "$E2E_TMP/list.json" 2>"$E2E_TMP/py.err" ||
    fail "gauge list --json: $(cat "$E2E_TMP/py.err") $(cat "$E2E_TMP/list.json")"
ctl trace unit WO-G-0001 >"$E2E_TMP/trace.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace.out")"

# A qualification that expires in 5 days: told at badge-in.
soon=$(date -d "+5 days" +%F)
mkdir -p "$E2E_TMP/extra"
printf 'operator 105 "Dee Soon" role=operator qualified=GADGET/*:%s\n' "$soon" >"$E2E_TMP/extra/extra.def"
ctl load --partial "$E2E_TMP/extra" >"$E2E_TMP/load2.out" 2>&1 || fail "load extra: $(cat "$E2E_TMP/load2.out")"
term_start t ASSY-2
see t "scan your badge"
see t "ONLINE"
scan t 105
see t "expires on $soon, in 5"
fits t
pass
