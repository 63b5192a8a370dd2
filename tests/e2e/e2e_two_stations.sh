#!/bin/sh
# An operator works a unit through two stations, one terminal at each: the
# first operation completes and sends the unit on; the second station's
# queue shows it and its terminal works it. The badge is at one station at
# a time: badging in at the second ends the session at the first, whose
# screen says where the badge went.
E2E_NAME=e2e_two_stations
. tests/e2e/lib.sh

yoked_start
plant_load
u=$(first_serial)

term_start first SMT-1
badge_in first
see first "$u"
scan first "$u"
see first "step 1 of"
see first "Unit $u"
work_op first
msg=$(screen first | grep -o 'Operation [0-9]* complete — unit goes to [A-Za-z0-9_-]*' | head -n 1)
[ -n "$msg" ] || fail "first station did not say where the unit goes next"
kind=${msg##* }
st=$(station_of_kind "$kind")
[ -n "$st" ] || fail "no station of kind $kind in assets/plant"
scan first ""
see first "Scan a unit serial"

term_start second "$st"
badge_in second
see first "Your session ended"
see first "scan your badge"
i=0
until screen first | tr '\n' ' ' | grep -q "badged in at station $st"; do
	i=$((i + 1)); [ $i -gt 50 ] && fail "the first screen does not say where the badge went"; sleep 0.1
done
see second "$u"
scan second "$u"
see second "Unit $u"
see second "step 1 of"
work_op second
see second "complete"
pass
