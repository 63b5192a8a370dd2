# tests/e2e/lib.sh — shared setup for the end-to-end tests, sourced by
# tests/e2e/e2e_*.sh (POSIX sh).
#
# Each test starts a real yoked on a free port with a fresh data directory,
# loads the demo plant, and drives real yoke terminals in a private tmux
# server (80×24): send-keys types scans, capture-pane -p reads the screen.
# Waiting is polling with a timeout, never a fixed sleep. Everything is
# cleaned up on exit: yoked killed, the tmux server killed, the directory
# removed.
#
# Output: one "PASS name" or "FAIL name: why" line per test (tests/run.sh
# counts them); on failure the screen and the server log go to stderr.

YOKE_BIN=${YOKE_BIN:-bin}
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/yoke-e2e.XXXXXX") || exit 1
E2E_TMUX="yoke-e2e-$$"
E2E_PID=
E2E_NAME=${E2E_NAME:-$(basename "$0" .sh)}

e2e_cleanup() {
	if [ -n "$E2E_PID" ]; then
		kill "$E2E_PID" 2>/dev/null
		wait "$E2E_PID" 2>/dev/null
	fi
	tmux -L "$E2E_TMUX" kill-server 2>/dev/null
	rm -rf "$E2E_TMP"
}
trap 'e2e_cleanup' EXIT
trap 'exit 1' INT TERM HUP

# Is TCP port $1 free (nothing listening on it)? Linux /proc, hex ports.
e2e_port_free() {
	hex=$(printf '%04X' "$1")
	! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '{print $2}' | grep -qi ":$hex\$"
}

# A port p with p and p+1 (the PUB socket) both free.
e2e_free_port() {
	p=$(( 20000 + ($$ * 37) % 20000 ))
	n=0
	while [ $n -lt 200 ]; do
		if e2e_port_free $p && e2e_port_free $((p + 1)); then
			echo $p
			return 0
		fi
		p=$(( p + 2 ))
		[ $p -gt 60000 ] && p=20000
		n=$((n + 1))
	done
	return 1
}

E2E_PORT=$(e2e_free_port) || { echo "FAIL $E2E_NAME: no free TCP port"; exit 1; }
E2E_SERVER="tcp://127.0.0.1:$E2E_PORT"
export YOKE_SERVER="$E2E_SERVER"

fail() {
	echo "FAIL $E2E_NAME: $*"
	for s in $(tmux -L "$E2E_TMUX" list-sessions -F '#{session_name}' 2>/dev/null); do
		echo "--- screen of $s:" >&2
		tmux -L "$E2E_TMUX" capture-pane -p -t "$s" >&2
	done
	echo "--- yoked log (tail):" >&2
	tail -n 20 "$E2E_TMP/yoked.log" >&2 2>/dev/null
	exit 1
}

pass() {
	echo "PASS $E2E_NAME${1:+ $1}"
}

# Security as a plant sets it up: yoked's keys, a yokectl installation
# enrolled as ctl@e2e, each terminal enrolled for its station; the demo
# plant's engineer (4001) runs yokectl with the PIN E2E_PIN from a file.
E2E_KEYS="$E2E_TMP/keys"
E2E_PIN=2468
E2E_ENGINEER=4001
printf '%s\n' "$E2E_PIN" >"$E2E_TMP/pin"

keys() {
	"$YOKE_BIN/yokectl" keys "$@" --keys "$E2E_KEYS"
}

# enrol ID [STATION]: the certificate $E2E_TMP/ID.cert (made once).
enrol() {
	[ -f "$E2E_TMP/$1.cert" ] && return 0
	if [ -n "$2" ]; then
		keys enrol "$1" --station "$2" --server "$E2E_SERVER" --out "$E2E_TMP/$1.cert" >/dev/null
	else
		keys enrol "$1" --server "$E2E_SERVER" --out "$E2E_TMP/$1.cert" >/dev/null
	fi || fail "cannot enrol $1"
}

ctl() {
	"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" \
	    --badge "$E2E_ENGINEER" --pin-fd 3 "$@" 3<"$E2E_TMP/pin"
}

# Starts yoked on the data directory (kept across restarts) and waits until
# it answers.
yoked_start() {
	mkdir -p "$E2E_TMP/data"
	[ -f "$E2E_KEYS/server.key" ] || keys init >/dev/null || fail "yokectl keys init"
	enrol ctl@e2e
	"$YOKE_BIN/yoked" --data "$E2E_TMP/data" --listen "$E2E_SERVER" --keys "$E2E_KEYS" \
	    >>"$E2E_TMP/yoked.log" 2>&1 &
	E2E_PID=$!
	i=0
	# Any answer will do (a fresh store refuses the query): exit 3 means none.
	until ctl --timeout 300 queue SMT-1 >/dev/null 2>&1 || [ $? -ne 3 ]; do
		kill -0 "$E2E_PID" 2>/dev/null || fail "yoked did not start"
		i=$((i + 1))
		[ $i -gt 100 ] && fail "yoked does not answer on $E2E_SERVER"
		sleep 0.1
	done
}

yoked_stop() {
	if [ -n "$E2E_PID" ]; then
		kill "$E2E_PID" 2>/dev/null
		wait "$E2E_PID" 2>/dev/null
		E2E_PID=
	fi
}

# PINs for the demo plant's people who sign: the first admin (9001) signs in
# without one (no admin has a PIN yet) and sets E2E_PIN for itself, the
# engineer and the inspectors.
people_pins() {
	for b in 9001 4001 3001 3002 2001; do
		"$YOKE_BIN/yokectl" --server "$E2E_SERVER" --cert "$E2E_TMP/ctl@e2e.cert" --badge 9001 \
		    --pin-fd 3 pin set "$b" --new-pin-fd 4 3<"$E2E_TMP/pin" 4<"$E2E_TMP/pin" \
		    >>"$E2E_TMP/pins.out" 2>&1 || fail "PIN of $b: $(tail -n 2 "$E2E_TMP/pins.out")"
	done
}

# The demo plant and one work order: units WO-E2E-0001 ... of IOTC-100.
plant_load() {
	ctl load assets/plant >"$E2E_TMP/load.out" 2>&1 || fail "yokectl load assets/plant: $(tail -n 3 "$E2E_TMP/load.out")"
	people_pins
	ctl wo release WO-E2E --product "${1:-IOTC-100}" --qty "${2:-3}" --due 2030-01-31 --priority 2 \
	    >"$E2E_TMP/wo.out" 2>&1 || fail "yokectl wo release: $(tail -n 3 "$E2E_TMP/wo.out")"
}

# term_start NAME STATION: a yoke terminal in its own tmux session, with a
# certificate of its own for that station.
term_start() {
	enrol "$1@e2e" "$2"
	cmd="$YOKE_BIN/yoke --cert $E2E_TMP/$1@e2e.cert --station $2 --log $E2E_TMP/$1.log"
	if tmux -L "$E2E_TMUX" has-session 2>/dev/null; then
		tmux -L "$E2E_TMUX" new-session -d -s "$1" -x 80 -y 24 "$cmd"
	else
		tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s "$1" -x 80 -y 24 "$cmd"
		tmux -L "$E2E_TMUX" set-option -g remain-on-exit on >/dev/null
	fi
}

screen() {
	tmux -L "$E2E_TMUX" capture-pane -p -t "$1"
}

# scan NAME TEXT: what a wedge scanner does — the text, then Enter.
scan() {
	if [ -n "$2" ]; then
		tmux -L "$E2E_TMUX" send-keys -t "$1" -l "$2"
	fi
	tmux -L "$E2E_TMUX" send-keys -t "$1" Enter
}

# see NAME TEXT [SECONDS]: waits until the screen shows TEXT (fixed string).
see() {
	limit=$(( ${3:-10} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "$1 did not show \"$2\" within ${3:-10} s"
}

# gone NAME TEXT [SECONDS]: waits until the screen no longer shows TEXT.
gone() {
	limit=$(( ${3:-10} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		screen "$1" | grep -qF -- "$2" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "$1 still shows \"$2\" after ${3:-10} s"
}

# lacks NAME TEXT: the screen does not show TEXT now.
lacks() {
	screen "$1" | grep -qF -- "$2" && fail "$1 shows \"$2\", which it must not"
	return 0
}

for b in yoked yoke yokectl; do
	[ -x "$YOKE_BIN/$b" ] || { echo "FAIL $E2E_NAME: $YOKE_BIN/$b not built"; exit 1; }
done
command -v tmux >/dev/null || { echo "FAIL $E2E_NAME: tmux is not installed"; exit 1; }

# ---- working a unit, step by step, whatever the demo routing asks -------

# prompt NAME: what the terminal asks for now (the "→" line).
prompt() {
	screen "$1" | sed -n 's/^ *→ //p' | head -n 1
}

# status NAME: the status lines (last result or error).
status() {
	screen "$1" | sed -n '21,22p'
}

# signature NAME: changes whenever the step, its prompt or the mode changes.
signature() {
	screen "$1" | sed -n '2p;20p'
}

# A badge of the given role from the demo plant's operator definitions.
badge_of_role() {
	sed -n "s/^ *operator  *\([^ ]*\) .*role=$1.*/\1/p" assets/plant/*.def | head -n 1
}

# A station id of the given kind from the demo plant's station definitions.
station_of_kind() {
	sed -n "s/^ *station  *\([^ ]*\) .*kind=$1\( .*\)*\$/\1/p" assets/plant/*.def | head -n 1
}

E2E_SCANS=0
# work_step NAME: does what the current step asks, the way an operator would
# (an inspector badge from the plant signs inspections), and waits until the
# terminal moves on.
work_step() {
	p=$(prompt "$1")
	before=$(signature "$1")
	case "$p" in
	"")	# between screens (e.g. the operation is being completed): look again
		sleep 0.2
		return 0 ;;
	"Press Enter"*)
		scan "$1" "" ;;
	"Scan "*)
		part=${p#Scan }
		part=${part%% (*}
		E2E_SCANS=$((E2E_SCANS + 1))
		scan "$1" "$part/E2E$$-$E2E_SCANS"
		i=0
		while [ $i -lt 100 ]; do
			[ "$(signature "$1")" != "$before" ] && return 0
			if status "$1" | grep -q "not lot- or serial-tracked"; then
				scan "$1" "$part"
				break
			fi
			sleep 0.1
			i=$((i + 1))
		done ;;
	"Enter "*)
		v=$(echo "$p" | sed -n 's/.*target \([-0-9.e+]*\)).*/\1/p')
		[ -z "$v" ] && v=$(echo "$p" | sed -n 's/.*(\([-0-9.e+]*\) – \([-0-9.e+]*\)).*/\1 \2/p' |
		    awk '{ if (NF == 2) print ($1 + $2) / 2 }')
		[ -z "$v" ] && v=$(echo "$p" | sed -n 's/.*at \(least\|most\) \([-0-9.e+]*\).*/\2/p')
		[ -z "$v" ] && fail "cannot tell what to enter from \"$p\""
		scan "$1" "$v" ;;
	"Check:"*)
		scan "$1" "@PASS" ;;
	"Inspection: scan @PASS or @FAIL, then an inspector signs"*)
		b=$(badge_of_role inspector)
		[ -n "$b" ] || fail "no inspector badge in assets/plant"
		at_step=$(step_of "$1")
		scan "$1" "@PASS"
		see "$1" "the inspector scans their badge"
		scan "$1" "$b"
		see "$1" "PIN of badge $b"
		scan "$1" "$E2E_PIN"
		# The signing prompts changed the signature already: wait for
		# the server's answer (the prompt leaves the inspection), not
		# for the typed PIN, or the next step reads a stale prompt.
		i=0
		while [ $i -lt 100 ]; do
			[ "$(step_of "$1")" != "$at_step" ] && return 0
			case "$(prompt "$1")" in
			"Inspection:"*|*"PIN of badge"*|"Sign "*|"") ;;
			*) return 0 ;;
			esac
			screen "$1" | grep -qE "Operation [0-9]+ complete|Unit complete|HELD" && return 0
			sleep 0.1
			i=$((i + 1))
		done
		fail "$1: the signed inspection got no answer: $(status "$1")" ;;
	"Inspection:"*)
		scan "$1" "@PASS" ;;
	*)
		fail "$1: unexpected prompt \"$p\"" ;;
	esac
	i=0
	while [ $i -lt 100 ]; do
		[ "$(signature "$1")" != "$before" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "$1 did not move on from \"$p\""
}

# work_op NAME: works steps until the operation completes.
work_op() {
	n=0
	until screen "$1" | grep -qE "Operation [0-9]+ complete|Unit complete"; do
		n=$((n + 1))
		[ $n -gt 70 ] && fail "$1: the operation did not complete after 70 steps"
		work_step "$1"
	done
}

# badge_in NAME [ROLE]: badges in with a badge of that role (operator).
badge_in() {
	b=$(badge_of_role "${2:-operator}")
	[ -n "$b" ] || fail "no ${2:-operator} badge in assets/plant"
	see "$1" "scan your badge"
	see "$1" "ONLINE"
	scan "$1" "$b"
	see "$1" "Scan a unit serial"
}

# first_serial: the first unit of the released work order.
first_serial() {
	s=$(grep -o 'WO-E2E-[0-9]*' "$E2E_TMP/wo.out" | head -n 1)
	echo "${s:-WO-E2E-0001}"
}

# step_of NAME: "step K of M" as shown now.
step_of() {
	screen "$1" | grep -o 'step [0-9]* of [0-9]*' | head -n 1
}

# until_prompt NAME PATTERN: works steps until the prompt matches PATTERN (grep -E).
until_prompt() {
	n=0
	until prompt "$1" | grep -qE -- "$2"; do
		n=$((n + 1))
		[ $n -gt 70 ] && fail "$1: never reached a step asking for /$2/"
		screen "$1" | grep -qE "Operation [0-9]+ complete|Unit complete" &&
		    fail "$1: the operation completed without a step asking for /$2/"
		work_step "$1"
	done
}

# ---- languages and terminals (issue 7) ----------------------------------

# The terminals start in English unless a test asks for another language
# (--lang, LANG): whatever the machine's own locale is.
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8

# term_start_with NAME STATION "ENV=VALUE ..." [YOKE OPTIONS...]: as
# term_start, with variables set (or "-u VAR" to unset) and options given.
term_start_with() {
	name=$1 st=$2 envs=$3
	shift 3
	enrol "$name@e2e" "$st"
	cmd="env $envs $YOKE_BIN/yoke --cert $E2E_TMP/$name@e2e.cert --station $st --log $E2E_TMP/$name.log $*"
	if tmux -L "$E2E_TMUX" has-session 2>/dev/null; then
		tmux -L "$E2E_TMUX" new-session -d -s "$name" -x 80 -y 24 "$cmd"
	else
		tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s "$name" -x 80 -y 24 "$cmd"
		tmux -L "$E2E_TMUX" set-option -g remain-on-exit on >/dev/null
	fi
}

# press NAME KEY...: tmux key names (F1, C-u, Escape ...), as a keyboard sends them.
press() {
	tmux -L "$E2E_TMUX" send-keys -t "$@"
}

# type_text NAME TEXT: the text, without Enter.
type_text() {
	tmux -L "$E2E_TMUX" send-keys -t "$1" -l "$2"
}

# row NAME N: line N (1 = the top) of the screen as shown.
row() {
	screen "$1" | sed -n "${2}p"
}

# input_line NAME: what the input line ("> ...") shows, without the "> ".
input_line() {
	screen "$1" | sed -n 's/^> //p; s/^>$//p' | head -n 1
}

# fits NAME: no line of the screen is wider than the window (display
# columns, wide characters as two), so nothing spilled past its edge.
fits() {
	w=$(tmux -L "$E2E_TMUX" display-message -p -t "$1" '#{pane_width}')
	widest=$(screen "$1" | LC_ALL=C.UTF-8 wc -L)
	[ "$widest" -le "$w" ] || fail "$1: a line is $widest columns wide in a window of $w"
}

# colour_codes NAME: how many SGR colour codes (30-37, 40-47, 38;, 48;) the screen has.
colour_codes() {
	tmux -L "$E2E_TMUX" capture-pane -e -p -t "$1" |
	    grep -cE "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;|48;)[0-9;]*m"
}

# see_text NAME TEXT [SECONDS]: as see, for text the screen may have
# wrapped: its lines are joined with one space between them.
see_text() {
	limit=$(( ${3:-10} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		screen "$1" | sed 's/^ *//; s/ *$//' | tr '\n' ' ' | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "$1 did not show \"$2\" within ${3:-10} s"
}
