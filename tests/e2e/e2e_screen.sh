#!/bin/sh
# The terminal as a rugged station needs it: a window resized below 80×24
# says so and comes back when it is large again; colours, and with --mono
# none (bold and reverse only); and after a crash signal the tty is back in
# its normal mode (canonical input, echo).
E2E_NAME=e2e_screen
. tests/e2e/lib.sh
T="tmux -L $E2E_TMUX"

yoked_start
plant_load

term_start t SMT-1
badge_in t
see t "Queue at SMT-1"
$T resize-window -t t -x 60 -y 20
see t "make the window at least 80"
$T resize-window -t t -x 100 -y 30
see t "Queue at SMT-1"
gone t "make the window at least 80"
pass "resize"

# Colours: SGR colour codes (30-37, 40-47, 38;/48;) in colour mode, none with --mono.
colours() { $T capture-pane -e -p -t "$1" | grep -cE "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;|48;)[0-9;]*m"; }
[ "$(colours t)" -gt 0 ] || fail "no colours on a colour terminal"
enrol m@e2e SMT-1
$T new-session -d -s m -x 80 -y 24 \
    "$YOKE_BIN/yoke --mono --cert $E2E_TMP/m@e2e.cert --log $E2E_TMP/m.log"
see m "scan your badge"
[ "$(colours m)" -eq 0 ] || fail "--mono still draws colours"
$T capture-pane -e -p -t m | grep -q "$(printf '\033')\\[[0-9;]*[17]m" || fail "--mono shows no bold or reverse"
pass "monochrome"

# A crash signal: the terminal is restored before the process dies.
enrol c@e2e SMT-1
cat >"$E2E_TMP/crash.sh" <<SH
"$YOKE_BIN/yoke" --cert "$E2E_TMP/c@e2e.cert" --log "$E2E_TMP/c.log"
echo "exit=\$?"
stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)\$' | tr '\n' ' '
echo
echo "stty-read"
sleep 30
SH
$T new-session -d -s c -x 80 -y 24 "sh $E2E_TMP/crash.sh"
see c "scan your badge"
pkill -SEGV -f -- "$E2E_TMP/c@e2e.cert" || fail "no terminal to send SIGSEGV to"
see c "exit="
# The modes are read after the exit line: wait for them (a loaded machine
# may show the one before the other).
see c "stty-read"
screen c | grep -q "exit=0" && fail "the terminal did not die of the signal"
screen c | grep -qE '(^| )icanon echo' || fail "the tty was not restored: $(screen c | grep -E 'icanon|echo')"
pass "tty_restored_after_crash"
