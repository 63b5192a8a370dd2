#!/bin/sh
# make run: the demo plant on one machine.
#
#   sh tests/lib/demo.sh DATA_DIR PORT STATION
#
# A fresh data directory gets the demo plant from assets/plant and one work
# order; then yoked starts in the background, a station terminal opens in
# the foreground, and closing the terminal stops the demo server.
#
# Security is set up as a plant would, once per data directory: yoked's key
# pair in DATA/keys (yokectl keys init), a certificate for this yokectl and
# one for the station's terminal in DATA/certs (yokectl keys enrol). The
# people who sign get the demo PIN 1234, set by the demo admin (9001), who
# as the first admin may sign in without one.
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

keys="$data/keys"
certs="$data/certs"
pin=1234

fresh=no
[ -f "$data/data.mdb" ] || fresh=yes
mkdir -p "$data" "$certs"
if [ ! -f "$keys/server.key" ]; then
	"$bin/yokectl" keys init --keys "$keys" >/dev/null || exit 1
fi
[ -f "$certs/yokectl.cert" ] || "$bin/yokectl" keys enrol yokectl@demo --keys "$keys" \
    --server "$ep" --out "$certs/yokectl.cert" >/dev/null || exit 1
[ -f "$certs/$station.cert" ] || "$bin/yokectl" keys enrol "$station@demo" --station "$station" \
    --keys "$keys" --server "$ep" --out "$certs/$station.cert" >/dev/null || exit 1
from=0
[ -f "$log" ] && from=$(wc -c <"$log" | tr -d ' ')
"$bin/yoked" --data "$data" --listen "$ep" --keys "$keys" 2>>"$log" &
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
ctl() {
	"$bin/yokectl" --server "$ep" --cert "$certs/yokectl.cert" "$@"
}
if [ $fresh = yes ]; then
	ctl load assets/plant || exit 1
	printf '%s\n' "$pin" >"$data/.demo-pin"
	for b in 9001 4001 3001 3002 2001; do
		ctl --badge 9001 --pin-fd 3 pin set "$b" --new-pin-fd 4 >/dev/null \
		    3<"$data/.demo-pin" 4<"$data/.demo-pin" || exit 1
	done
	ctl --badge 4001 --pin-fd 3 wo release WO-DEMO-1 --product IOTC-100 --qty 10 \
	    --due "$(date -d '+7 days' +%F 2>/dev/null || date +%F)" --priority 2 >/dev/null \
	    3<"$data/.demo-pin" || exit 1
	rm -f "$data/.demo-pin"
	echo "Demo plant loaded into $data; work order WO-DEMO-1 released (units WO-DEMO-1-0001...)."
fi
echo "Badges: see assets/plant/operators.def. Demo PIN $pin for everyone who signs (inspectors"
echo "3001, 3002, lead 2001, engineer 4001, admin 9001); @PIN changes yours. Server log: $log"
sleep 1
"$bin/yoke" --server "$ep" --station "$station" --cert "$certs/$station.cert"
