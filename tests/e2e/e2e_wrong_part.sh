#!/bin/sh
# A wrong component is refused at the scan step: the server's message
# ("Wrong part: scanned X, this step needs Y") is on the screen and the
# operator stays on the same step.
E2E_NAME=e2e_wrong_part
. tests/e2e/lib.sh

yoked_start
plant_load
u=$(first_serial)

term_start t SMT-1
badge_in t
scan t "$u"
see t "step 1 of"
until_prompt t '^Scan '
at=$(step_of t)
p=$(prompt t)
part=${p#Scan }
part=${part%% (*}
scan t "NOT-$part/L1"
see t "Wrong part: scanned NOT-$part, this step needs $part"
[ "$(step_of t)" = "$at" ] || fail "the step moved from \"$at\" to \"$(step_of t)\" after a wrong part"
see t "Scan $part"
# The right part is then taken.
work_step t
pass
