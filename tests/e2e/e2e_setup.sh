#!/bin/sh
# The material setup at a real station terminal, against a real yoked with
# the plant tests/data/plant-setup (IC-555 and RES-10K taken from the setup
# at ASSY):
#   - after badge-in nothing is loaded; the first unit's from=setup step
#     says so, and Enter there is refused in the server's words
#   - @SETUP: a part the station scans (BOARD-1) is refused in the
#     server's words; two reel labels load; Enter ends the loading and the
#     setup line under the title shows both lots
#   - the unit's from=setup steps show "From the setup: IC-555 lot ..."
#     and are taken with Enter; the operation completes
#   - a reel change at the terminal names the lot it replaced
#   - yokectl setup show lists the lots (and as JSON), yokectl trace shows
#     the lot in the unit's genealogy
E2E_NAME=e2e_setup
. tests/e2e/lib.sh

export LC_ALL=C.UTF-8
unset LANGUAGE LC_MESSAGES
PLANT=tests/data/plant-setup
E2E_ENGINEER=900

yoked_start
ctl load "$PLANT" >"$E2E_TMP/load.out" 2>&1 || fail "yokectl load: $(tail -n 3 "$E2E_TMP/load.out")"
for b in 901 900; do
	"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --badge 901 \
	    --pin-fd 3 pin set "$b" --new-pin-fd 4 3<"$E2E_TMP/pin" 4<"$E2E_TMP/pin" \
	    >>"$E2E_TMP/pins.out" 2>&1 || fail "PIN of $b: $(tail -n 2 "$E2E_TMP/pins.out")"
done
ctl wo release WO-S --product GADGET --qty 2 --due 2030-01-31 --priority 2 >"$E2E_TMP/wo.out" 2>&1 ||
    fail "yokectl wo release: $(tail -n 3 "$E2E_TMP/wo.out")"

term_start s ASSY-1
see s "scan your badge"
see s "ONLINE"
scan s 100
see s "Scan a unit serial"

# Nothing loaded: the step says so, the server refuses Enter.
scan s WO-S-0001
see s "step 1 of 4"
scan s "BOARD-1/B1"
see s "From the setup: no lot of IC-555 is loaded"
see s "IC-555 — nothing loaded"
scan s ""
see s "No lot of IC-555 is loaded at ASSY-1"

# Loading: a refusal in the server's words, then two reels.
scan s "@SETUP"
see s "Load at ASSY-1: scan a reel's label"
scan s "BOARD-1/B7"
see s "BOARD-1 is not consumed from the setup at ASSY-1"
scan s "IC-555/REEL-A"
see s "Loaded at ASSY-1: IC-555 lot REEL-A"
scan s "RES-10K/R-1"
see s "Loaded at ASSY-1: RES-10K lot R-1"
scan s ""
see s "Setup of ASSY-1: 2 lots loaded"
see s "Setup: IC-555 REEL-A"
see s "RES-10K R-1"

# The from=setup steps, taken with Enter.
see s "From the setup: IC-555 lot REEL-A"
scan s ""
see s "Taken from the setup: IC-555/REEL-A, 1"
see s "From the setup: RES-10K lot R-1"
scan s "RES-10K/R-1"
see s "comes from the setup: press Enter"
scan s ""
see s "Taken from the setup: RES-10K/R-1, 4"
scan s "@PASS"
see s "Operation 10 complete"

# A reel change names the lot it replaced.
scan s ""
scan s "@SETUP"
see s "Load at ASSY-1"
scan s "IC-555/REEL-B"
see s "Reel change at ASSY-1: IC-555 lot REEL-B replaces lot REEL-A"
scan s ""
see s "Setup: IC-555 REEL-B"
fits s

ctl setup show ASSY-1 >"$E2E_TMP/show.out" 2>&1 || fail "setup show: $(cat "$E2E_TMP/show.out")"
grep -q "^Setup of ASSY-1 (ASSY): 2 lots loaded" "$E2E_TMP/show.out" || fail "setup show: $(cat "$E2E_TMP/show.out")"
grep -q "IC-555 *REEL-B, loaded .* by Ann Assembler (100)" "$E2E_TMP/show.out" ||
    fail "setup show: $(cat "$E2E_TMP/show.out")"
grep -q "replaced lot REEL-A" "$E2E_TMP/show.out" || fail "setup show: $(cat "$E2E_TMP/show.out")"
ctl setup show ASSY-1 --json >"$E2E_TMP/show.json" 2>&1 || fail "setup show --json: $(cat "$E2E_TMP/show.json")"
python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
p = {x['part']: x for x in d['parts']}
assert d['station'] == 'ASSY-1' and p['IC-555']['lot'] == 'REEL-B', d
assert p['IC-555']['previous_lot'] == 'REEL-A' and p['IC-555']['usable'] is True, d
assert p['RES-10K']['lot'] == 'R-1', d" "$E2E_TMP/show.json" 2>"$E2E_TMP/py.err" ||
    fail "setup show --json: $(cat "$E2E_TMP/py.err") $(cat "$E2E_TMP/show.json")"
ctl setup show NO-SUCH >"$E2E_TMP/nosuch.out" 2>&1 && fail "setup show NO-SUCH succeeded"
grep -q "Unknown station NO-SUCH" "$E2E_TMP/nosuch.out" || fail "setup show NO-SUCH: $(cat "$E2E_TMP/nosuch.out")"
ctl trace unit WO-S-0001 >"$E2E_TMP/trace.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace.out")"
grep -q "component .*IC-555 lot REEL-A" "$E2E_TMP/trace.out" || fail "trace: $(cat "$E2E_TMP/trace.out")"
ctl trace component IC-555/REEL-A >"$E2E_TMP/used.out" 2>&1 || fail "where used: $(cat "$E2E_TMP/used.out")"
grep -q "WO-S-0001" "$E2E_TMP/used.out" || fail "where used: $(cat "$E2E_TMP/used.out")"
pass
