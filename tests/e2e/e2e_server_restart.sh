#!/bin/sh
# yoked dies while a unit is open: the terminal shows OFFLINE, refuses input
# while the server is away, and when the server is back it shows the unit
# at the same step and goes on from there.
E2E_NAME=e2e_server_restart
. tests/e2e/lib.sh

yoked_start
plant_load
u=$(first_serial)

term_start t SMT-1
badge_in t
scan t "$u"
see t "step 1 of"
work_step t
at=$(step_of t)
[ -n "$at" ] || fail "no step counter on the screen"

yoked_stop
see t "OFFLINE" 15
see t "Server unreachable"
scan t "@OK"
see t "nothing is recorded"

yoked_start
see t "ONLINE" 15
see t "Unit $u"
see t "$at"
work_step t
[ "$(step_of t)" != "$at" ] || fail "the unit did not go on after the restart"
pass
