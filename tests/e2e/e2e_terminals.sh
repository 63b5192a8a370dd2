#!/bin/sh
# Terminals that behave on any TERM (issue 7):
#
#   vt100_f10      under TERM=vt100 (no F10 in its terminfo) F10 asks to
#                  quit and nothing of ESC [ 2 1 ~ reaches the input line;
#                  Esc 0 does the same, Esc 1 opens the help
#   dumb           TERM=dumb, TERM unset, and a terminal type terminfo does
#                  not know: a clear error naming TERM and exit status 2,
#                  before any network work (nothing answers on the port)
#   no_color       NO_COLOR=1: no colour codes on the screen, bold and
#                  reverse still; NO_COLOR="" changes nothing
#   line_editing   Ctrl-U clears the line, Ctrl-W deletes the word before
#                  the cursor (a Chinese one too)
#   small_window   at 70×20 the screen says so with both sizes, a scan is
#                  not taken (and the server records nothing of it), the
#                  screen counts it; at 80×24 again the status says it was
#                  dropped and the next scan is taken
E2E_NAME=e2e_terminals
. tests/e2e/lib.sh
T="tmux -L $E2E_TMUX"

yoked_start
plant_load
u=$(first_serial)

# ---- vt100 -------------------------------------------------------------
term_start_with v SMT-1 "TERM=vt100"
see v "scan your badge"
see v "ONLINE"
type_text v "SN12"
press v F10
see v "Quit yoke? y = quit, any other key = stay"
press v n
gone v "Quit yoke?"
[ "$(input_line v)" = "SN12" ] || fail "vt100_f10: the input line shows \"$(input_line v)\" after F10"
lacks v "[21~"
lacks v "21~"
press v Escape 0
see v "Quit yoke?"
press v n
gone v "Quit yoke?"
press v Escape 1
see v "Help: scan a command's barcode"
press v Space
gone v "Help: scan a command's barcode"
press v Escape x
[ "$(input_line v)" = "SN12" ] || fail "vt100_f10: the input line shows \"$(input_line v)\" after Esc x"
screen v | grep -q "yoke " || fail "vt100_f10: the terminal is gone"
pass vt100_f10

# ---- dumb ---------------------------------------------------------------
# A port where nothing listens: a terminal that went to the network first
# would wait there, not exit at once.
enrol d@e2e SMT-1
cat >"$E2E_TMP/dumb.sh" <<SH
for how in "TERM=dumb" "-u TERM" "TERM=no-such-terminal"; do
	env \$how "$YOKE_BIN/yoke" --cert "$E2E_TMP/d@e2e.cert" --server tcp://127.0.0.1:9 2>&1
	echo "exit=\$? (\$how)"
done
sleep 30
SH
$T new-session -d -s d -x 80 -y 24 "sh $E2E_TMP/dumb.sh"
see d "(TERM=no-such-terminal)" 10
screen d | grep -q "exit=2 (TERM=dumb)" || fail "dumb: TERM=dumb did not exit with 2: $(screen d)"
screen d | grep -q "exit=2 (-u TERM)" || fail "dumb: no TERM did not exit with 2: $(screen d)"
screen d | grep -q "exit=2 (TERM=no-such-terminal)" || fail "dumb: an unknown TERM did not exit with 2"
screen d | tr -d '\n' | grep -q "yoke: TERM=dumb cannot move the cursor" || fail "dumb: no error for TERM=dumb: $(screen d)"
screen d | tr -d '\n' | grep -q "yoke: TERM is not set" || fail "dumb: no error for an unset TERM"
screen d | tr -d '\n' | grep -q "TERM=no-such-terminal is not in the terminfo database" ||
    fail "dumb: no error for an unknown TERM"
pass dumb

# ---- NO_COLOR ----------------------------------------------------------
term_start_with nc SMT-1 "NO_COLOR=1"
see nc "scan your badge"
see nc "ONLINE"
[ "$(colour_codes nc)" -eq 0 ] || fail "no_color: NO_COLOR=1 still draws colours"
$T capture-pane -e -p -t nc | grep -q "$(printf '\033')\\[[0-9;]*[17]m" || fail "no_color: no bold or reverse either"
term_start_with ce SMT-1 "NO_COLOR="
see ce "scan your badge"
see ce "ONLINE"
[ "$(colour_codes ce)" -gt 0 ] || fail "no_color: an empty NO_COLOR turned the colours off"
pass no_color

# ---- Ctrl-U, Ctrl-W --------------------------------------------------------
term_start t SMT-1
badge_in t
type_text t "IC-555/LOT-1"
see t "> IC-555/LOT-1"
press t C-u
i=0
until [ "$(input_line t)" = "" ]; do
	i=$((i + 1)); [ $i -gt 50 ] && fail "line_editing: Ctrl-U left \"$(input_line t)\""; sleep 0.1
done
type_text t "WO-E2E 0001 装板 基准"
see t "> WO-E2E 0001 装板 基准"
press t C-w
see t "> WO-E2E 0001 装板"
[ "$(input_line t)" = "WO-E2E 0001 装板" ] || fail "line_editing: Ctrl-W left \"$(input_line t)\""
press t C-w C-w
[ "$(input_line t)" = "WO-E2E" ] || { sleep 0.3; [ "$(input_line t)" = "WO-E2E" ]; } ||
    fail "line_editing: two Ctrl-W left \"$(input_line t)\""
press t C-u
# What remains is a real line: the serial, typed after the edits, opens.
type_text t "$u"
press t Enter
see t "step 1 of"
scan t "@BACK"
see t "Scan a unit serial"
pass line_editing

# ---- 70×20 ---------------------------------------------------------------
ctl units WO-E2E >"$E2E_TMP/units0.out" 2>&1 || fail "small_window: yokectl units: $(cat "$E2E_TMP/units0.out")"
u2=$(grep -o 'WO-E2E-[0-9]*' "$E2E_TMP/wo.out" | sed -n 2p)
[ -n "$u2" ] || fail "small_window: no second unit"
$T resize-window -t t -x 70 -y 20
see t "Window too small (70×20): make the window at least 80×24"
see_text t "Scans are not taken until then."
scan t "$u2"
see_text t "1 scan was not taken."
type_text t "$u2"
sleep 0.5
$T resize-window -t t -x 80 -y 24
see_text t "2 scans arrived while the window was too small and were not taken"
see t "Scan a unit serial"
lacks t "step 1 of"
[ "$(input_line t)" = "" ] || fail "small_window: the input line shows \"$(input_line t)\""
# Nothing reached the server: the unit was never opened.
ctl trace unit "$u2" >"$E2E_TMP/trace2.out" 2>&1
grep -qi "started" "$E2E_TMP/trace2.out" && fail "small_window: the server recorded the blind scan: $(cat "$E2E_TMP/trace2.out")"
ctl units WO-E2E >"$E2E_TMP/units1.out" 2>&1
grep "$u2" "$E2E_TMP/units1.out" | grep -qi "in.work" && fail "small_window: $u2 is in work: $(grep "$u2" "$E2E_TMP/units1.out")"
scan t "$u2"
see t "step 1 of"
see t "Unit $u2"
pass small_window
