#!/bin/sh
# make run: the demo plant on one machine.
#
#   sh tests/lib/demo.sh DATA_DIR PORT STATION
#
# A fresh data directory gets the demo plant from assets/plant and one work
# order; then yoked starts in the background, a station terminal opens in
# the foreground, and closing the terminal stops the demo server.
#
# Everything goes to the yoked started here, never to another server that
# holds the port: an answer on the port proves nothing, so it waits until
# this yoked, still running, has logged "serving <endpoint>," in this run's
# part of its log. A yoked that finds a port taken logs "cannot listen on"
# (or "cannot publish on", PORT + 1) and exits before it opens a store;
# then nothing is loaded anywhere and the terminal does not start.
data=${1:-var}
port=${2:-7700}
station=${3:-SMT-1}
bin=${YOKE_BIN:-bin}
ep="tcp://127.0.0.1:$port"
log="$data.yoked.log"

fresh=no
[ -f "$data/data.mdb" ] || fresh=yes
mkdir -p "$data"
from=0
[ -f "$log" ] && from=$(wc -c <"$log" | tr -d ' ')
"$bin/yoked" --data "$data" --listen "$ep" 2>>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT INT TERM

# What our yoked logged in this run.
ours() { tail -c +$((from + 1)) "$log"; }

i=0
until ours | grep -qF "serving $ep," && kill -0 $pid 2>/dev/null; do
	if ours | grep -qE "cannot (listen|publish) on" || ! kill -0 $pid 2>/dev/null; then
		wait $pid 2>/dev/null
		if ours | grep -q "cannot listen on"; then
			echo "make run: port $port is taken: another yoked (or another program) listens on" \
			    "$ep. Nothing was loaded. Stop it, or use another port: make run PORT=$((port + 2))" >&2
		elif ours | grep -q "cannot publish on"; then
			echo "make run: port $((port + 1)), the notice port of port $port, is taken." \
			    "Nothing was loaded. Use another port: make run PORT=$((port + 2))" >&2
		else
			echo "yoked did not start; its log is $log:" >&2
			ours | tail -n 5 >&2
		fi
		exit 1
	fi
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "yoked does not listen on $ep after 10 s; see $log" >&2
		exit 1
	fi
	sleep 0.1
done
if [ $fresh = yes ]; then
	"$bin/yokectl" --server "$ep" load assets/plant || exit 1
	"$bin/yokectl" --server "$ep" wo release WO-DEMO-1 --product IOTC-100 --qty 10 \
	    --due "$(date -d '+7 days' +%F 2>/dev/null || date +%F)" --priority 2 >/dev/null || exit 1
	echo "Demo plant loaded into $data; work order WO-DEMO-1 released (units WO-DEMO-1-0001...)."
fi
echo "Badges: see assets/plant/operators.def. Server log: $log"
sleep 1
"$bin/yoke" --server "$ep" --station "$station"
