#!/bin/sh
# Two terminals started with the same certificate (a station restarted on
# another PC while the old one still runs): the newer one takes over, the
# older one says REPLACED on its screen and sends nothing more, and the newer
# one works.
E2E_NAME=e2e_replaced
. tests/e2e/lib.sh

yoked_start
plant_load
u=$(first_serial)

term_start old SMT-1
badge_in old
see old "$u"

# The same certificate again, in a second window.
cmd="$YOKE_BIN/yoke --cert $E2E_TMP/old@e2e.cert --log $E2E_TMP/new.log"
tmux -L "$E2E_TMUX" new-session -d -s new -x 80 -y 24 "$cmd"
see new "scan your badge"
see new "ONLINE"
# The old one learns it at its next request (its idle ping, every 2 s).
see old "REPLACED" 10
scan old "$u"
see old "close it"
badge_in new
scan new "$u"
see new "step 1 of"
pass
