#!/bin/sh
# make run (tests/lib/demo.sh) must load the demo only into the server it
# started itself:
#
#   port_taken  another yoked already answers on the port: demo.sh stops
#               before the terminal with a message naming the port and
#               suggesting `make run PORT=...`, exit status 1; the other
#               server got no definitions, and no store was made in demo.sh's
#               data directory (a later run there must still load the demo).
#   free_port   on a free port it starts its yoked, loads the demo, opens the
#               SMT-1 terminal, and quitting the terminal stops the server.
E2E_NAME=e2e_demo
. tests/e2e/lib.sh

# Someone else's server, with an empty store, on E2E_PORT.
yoked_start

# demo.sh with its own data directory on the same port. It must fail before
# the terminal; `timeout` keeps a demo.sh that goes on to the terminal
# (without a tty here) from hanging the test.
YOKE_BIN="$YOKE_BIN" timeout 60 sh tests/lib/demo.sh "$E2E_TMP/other" "$E2E_PORT" SMT-1 \
    </dev/null >"$E2E_TMP/demo.out" 2>"$E2E_TMP/demo.err"
rc=$?
why="$(cat "$E2E_TMP/demo.out" "$E2E_TMP/demo.err" | head -c 600)"
[ $rc -eq 1 ] || fail "port_taken: demo.sh exited $rc, expected 1: $why"
grep -q "port $E2E_PORT" "$E2E_TMP/demo.err" || fail "port_taken: the message does not name port $E2E_PORT: $why"
grep -q "make run PORT=" "$E2E_TMP/demo.err" || fail "port_taken: the message does not suggest make run PORT=...: $why"
grep -q "loaded" "$E2E_TMP/demo.out" && fail "port_taken: demo.sh says it loaded something: $why"
kill -0 "$E2E_PID" 2>/dev/null || fail "port_taken: the first server is gone"
ctl queue SMT-1 --json >"$E2E_TMP/queue.out" 2>"$E2E_TMP/queue.err"
rc=$?
[ $rc -eq 1 ] && grep -q '"status":"NOT_FOUND"' "$E2E_TMP/queue.out" ||
    fail "port_taken: the first server knows SMT-1 now (yokectl queue exit $rc: $(cat "$E2E_TMP/queue.out" "$E2E_TMP/queue.err"))"
[ -e "$E2E_TMP/other/data.mdb" ] && fail "port_taken: a store was made in demo.sh's data directory"
pass "port_taken"

# On a free port: the whole demo, up to the terminal and back.
port=$(e2e_free_port) || fail "free_port: no second free TCP port"
[ "$port" != "$E2E_PORT" ] || fail "free_port: e2e_free_port gave the taken port"
tmux -L "$E2E_TMUX" -f /dev/null new-session -d -s demo -x 80 -y 24 \
    "YOKE_BIN='$YOKE_BIN' sh tests/lib/demo.sh '$E2E_TMP/demo' $port SMT-1"
tmux -L "$E2E_TMUX" set-option -g remain-on-exit on >/dev/null
see demo "scan your badge" 30
grep -q "serving tcp://127.0.0.1:$port," "$E2E_TMP/demo.yoked.log" || fail "free_port: demo.sh's yoked did not log serving"
"$YOKE_BIN/yokectl" --server "tcp://127.0.0.1:$port" --cert "$E2E_TMP/demo/certs/yokectl.cert" \
    queue SMT-1 >"$E2E_TMP/q2.out" 2>&1 ||
    fail "free_port: yokectl queue SMT-1: $(cat "$E2E_TMP/q2.out")"
grep -q "WO-DEMO-1-0001" "$E2E_TMP/q2.out" || fail "free_port: the demo work order is not queued at SMT-1: $(head -c 400 "$E2E_TMP/q2.out")"
tmux -L "$E2E_TMUX" send-keys -t demo F10
see demo "Quit yoke?"
tmux -L "$E2E_TMUX" send-keys -t demo y
i=0
until grep -q "stopped cleanly" "$E2E_TMP/demo.yoked.log"; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "free_port: quitting the terminal did not stop the demo server"
	sleep 0.1
done
pass "free_port"
