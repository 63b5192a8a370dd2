#!/bin/sh
# A mandatory inspection cannot be skipped: the terminal offers no way past
# it, and whatever is given at the inspection step instead of an
# inspector's signature (badge + PIN) is refused by the server, with its
# message, and the unit stays at that step: an operator's badge, an
# inspector's badge with a wrong PIN. The PIN never shows on the screen.
# The operation does not complete until an inspector signs.
E2E_NAME=e2e_inspection_blocked
. tests/e2e/lib.sh

yoked_start
plant_load
u=$(first_serial)

term_start t SMT-1
badge_in t
scan t "$u"
see t "step 1 of"
until_prompt t 'then an inspector signs'
at=$(step_of t)
lacks t "@SKIP"
lacks t "skip"

# The operator's own badge as the signature: refused, with the server's words.
scan t "@PASS"
see t "the inspector scans their badge"
scan t "$(badge_of_role operator)"
see t "PIN of badge $(badge_of_role operator)"
scan t "$E2E_PIN"
i=0
until status t | grep -qi "must be signed by an inspector"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "no refusal for an operator signing: $(status t)"; sleep 0.1
done
[ "$(step_of t)" = "$at" ] || fail "the step moved to \"$(step_of t)\" with an operator's signature"

# An inspector's badge with a wrong PIN: refused, counted, and the PIN is
# shown as stars while it is typed.
insp=$(badge_of_role inspector)
scan t "@PASS"
see t "the inspector scans their badge"
scan t "$insp"
see t "PIN of badge $insp"
tmux -L "$E2E_TMUX" send-keys -t t -l "9753"
see t "> ****"
lacks t "9753"
scan t ""
see t "Wrong PIN for badge $insp"
[ "$(step_of t)" = "$at" ] || fail "the step moved to \"$(step_of t)\" with a wrong PIN"
lacks t "complete —"
ctl units WO-E2E >"$E2E_TMP/units.out" 2>&1
grep "$u" "$E2E_TMP/units.out" | grep -qi "done" && fail "the unit is done: $(grep "$u" "$E2E_TMP/units.out")"

# The inspector signs with the right PIN: the step passes, and the trace
# shows the signature with its meaning.
scan t "@PASS"
see t "the inspector scans their badge"
scan t "$insp"
see t "PIN of badge $insp"
scan t "$E2E_PIN"
i=0
while [ "$(step_of t)" = "$at" ] && ! screen t | grep -qE "Operation [0-9]+ complete"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "the signed inspection did not pass: $(status t)"; sleep 0.1
done
ctl trace unit "$u" >"$E2E_TMP/trace.out" 2>&1 || fail "trace: $(cat "$E2E_TMP/trace.out")"
grep -q "inspection passed" "$E2E_TMP/trace.out" || fail "the trace shows no signature: $(cat "$E2E_TMP/trace.out")"
pass
