#!/bin/sh
# A mandatory inspection cannot be skipped: the terminal offers no way past
# it, and whatever is scanned at the inspection step instead of an
# inspector's signature is refused by the server, with its message, and the
# unit stays at that step. The operation does not complete.
E2E_NAME=e2e_inspection_blocked
. tests/e2e/lib.sh

yoked_start
plant_load
u=$(first_serial)

term_start t SMT-1
badge_in t
scan t "$u"
see t "step 1 of"
until_prompt t '^Inspection needs an inspector'
at=$(step_of t)
lacks t "@SKIP"
lacks t "skip"

# The operator passes the inspection without an inspector: refused.
scan t "@PASS"
see t "nspector"
[ "$(step_of t)" = "$at" ] || fail "the step moved from \"$at\" to \"$(step_of t)\" without an inspector"
status t | grep -qiE "inspector|refused" || fail "no refusal shown: $(status t)"

# An operator's own badge (not an inspector) scanned as the signature: refused.
scan t "$(badge_of_role operator)"
see t "Inspector $(badge_of_role operator)"
scan t "@PASS"
i=0
until status t | grep -qiE "not an inspector|inspector|not found|refused"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "no refusal for an operator signing: $(status t)"; sleep 0.1
done
[ "$(step_of t)" = "$at" ] || fail "the step moved to \"$(step_of t)\" with an operator's signature"
lacks t "complete —"
ctl units WO-E2E >"$E2E_TMP/units.out" 2>&1
grep "$u" "$E2E_TMP/units.out" | grep -qi "done" && fail "the unit is done: $(grep "$u" "$E2E_TMP/units.out")"
pass
