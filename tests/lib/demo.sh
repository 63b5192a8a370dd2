#!/bin/sh
# make run: the demo plant on one machine.
#
#   sh tests/lib/demo.sh DATA_DIR PORT STATION
#
# A fresh data directory gets the demo plant from assets/plant and one work
# order; then yoked starts in the background, a station terminal opens in
# the foreground, and closing the terminal stops the demo server.
data=${1:-var}
port=${2:-7700}
station=${3:-SMT-1}
bin=${YOKE_BIN:-bin}
ep="tcp://127.0.0.1:$port"
log="$data.yoked.log"

fresh=no
[ -f "$data/data.mdb" ] || fresh=yes
mkdir -p "$data"
"$bin/yoked" --data "$data" --listen "$ep" 2>>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT INT TERM
i=0
# Any answer will do (a fresh store refuses the query): exit 3 means none.
until "$bin/yokectl" --server "$ep" --timeout 300 queue "$station" >/dev/null 2>&1 || [ $? -ne 3 ]; do
	i=$((i + 1))
	if ! kill -0 $pid 2>/dev/null; then
		echo "yoked did not start; its log is $log:" >&2
		tail -n 5 "$log" >&2
		exit 1
	fi
	if [ $i -gt 50 ]; then
		echo "yoked does not answer on $ep; see $log" >&2
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
