#!/bin/sh
# run.sh — `make bench`: yoked against a raw ZeroMQ + LMDB baseline, in the
# same run, on this machine, both with CURVE (the figures that count) and
# both without it (the cost of CURVE). Not a test: it prints figures and a
# PASS/MISS line per target, and fails only when a program failed.
#
#   sh tests/bench/run.sh BUILD_DIR      (build/release; yoked from bin/)
#
# Knobs (environment): BENCH_LEVELS ("1 16 200"), BENCH_ROUNDS (3),
# BENCH_WARMUP (1 s), BENCH_SECONDS (5 s), BENCH_TRACE_EVENTS (10000000),
# BENCH_PLAIN (1: also run both servers without CURVE; 0: CURVE only),
# BENCH_MIX (50: the quality mix fails and reworks every 50th unit, 2 %;
# 0: no mix runs), BENCH_MIX_LEVELS ("200": where the mix runs),
# BENCH_EQUIP_RATE (2000: equipment values a second published into a real
# mosquitto and passed to yoked by yoke-bridge while the station load runs;
# 0: no equipment runs), BENCH_EQUIP_LEVELS ("200"), BENCH_EQUIP_PARAMS (2
# per station), BENCH_SIM (1: run the plant simulator at the end, docs/
# simulator.md; 0: not), BENCH_SIM_UNITS (400), BENCH_SIM_LANG (en; zh_CN:
# its table in Chinese), YOKED (bin/yoked; yoke-bridge beside it). See
# docs/bench.md for what is measured and how to read the output.
set -u

BUILD=${1:-build/release}
YOKED=${YOKED:-bin/yoked}
LOADGEN=$BUILD/bench/loadgen
BASELINE=$BUILD/bench/baseline
TRACEGEN=$BUILD/bench/tracegen
LEVELS=${BENCH_LEVELS:-"1 16 200"}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-1}
SECS=${BENCH_SECONDS:-5}
TRACE_EVENTS=${BENCH_TRACE_EVENTS:-10000000}
PLAIN=${BENCH_PLAIN:-1}
MIX=${BENCH_MIX:-50}
MIX_LEVELS=${BENCH_MIX_LEVELS:-200}
EQUIP_RATE=${BENCH_EQUIP_RATE:-2000}
EQUIP_LEVELS=${BENCH_EQUIP_LEVELS:-200}
EQUIP_PARAMS=${BENCH_EQUIP_PARAMS:-2}
EQUIPGEN=$BUILD/bench/equipgen
BRIDGE=$(dirname "$YOKED")/yoke-bridge
MOSQUITTO=$(command -v mosquitto 2>/dev/null || echo /usr/sbin/mosquitto)

for p in "$YOKED" "$LOADGEN" "$BASELINE" "$TRACEGEN" "$EQUIPGEN" "$BRIDGE"; do
	if [ ! -x "$p" ]; then
		echo "bench: $p is missing: run make bench" >&2
		exit 1
	fi
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/yoke-bench.XXXXXX") || exit 1
RESULTS=$TMP/results
SRV_PID=
FAILED=0
: >"$RESULTS"

# Stops the server this script started (by its pid) and removes the temp dir.
stop_server() {
	if [ -n "$SRV_PID" ]; then
		kill -TERM "$SRV_PID" 2>/dev/null
		wait "$SRV_PID" 2>/dev/null
		SRV_PID=
	fi
}
# The equipment run's broker, bridge and publisher (by their pids).
MQ_PID=
BR_PID=
EG_PID=
stop_equip() {
	for p in $EG_PID $BR_PID $MQ_PID; do
		kill -TERM "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	MQ_PID=
	BR_PID=
	EG_PID=
}
cleanup() {
	stop_equip
	stop_server
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# field NAME LINE: the value of NAME=... in a RESULT line.
field() {
	echo "$2" | sed -n "s/.* $1=\([^ ]*\).*/\1/p"
}

# Starts yoked (or the baseline) on DIR with free loopback ports, with the
# key directory KEYS (CURVE) or, when KEYS is empty, --plain; sets SRV_PID
# and EP.
start_yoked() {
	if [ -n "$2" ]; then sec="--keys $2"; else sec=--plain; fi
	set -- "$1" $("$LOADGEN" freeport 2)
	EP=tcp://127.0.0.1:$2
	"$YOKED" --data "$1" $sec --listen "$EP" --publish "tcp://127.0.0.1:$3" --log warn \
	    2>>"$TMP/yoked.log" &
	SRV_PID=$!
}
start_baseline() {
	if [ -n "$2" ]; then sec="--keys $2"; else sec=--plain; fi
	EP=tcp://127.0.0.1:$("$LOADGEN" freeport 1)
	"$BASELINE" --data "$1" --listen "$EP" $sec 2>>"$TMP/baseline.log" &
	SRV_PID=$!
}

# Units each station gets: enough for up to 100 000 requests/s overall
# (6 000 for one station) over warm-up plus measurement, 9 requests per unit.
units_per_station() {
	awk -v n="$1" -v t="$WARMUP" -v s="$SECS" 'BEGIN {
		rps = n * 6000; if (rps > 100000) rps = 100000
		print int(rps * (t + s) / 9 / n) + 5 }'
}

# start_equip DIR KEYS STATIONS: a mosquitto on a free loopback port (its
# own configuration: 127.0.0.1 only, no persistence), yoke-bridge enrolled
# as bench-bridge, and equipgen publishing EQUIP_RATE values a second for
# the warm-up and the measurement (its EQUIP line in $TMP/equipgen.out).
start_equip() {
	mqport=$("$LOADGEN" freeport 1)
	printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mqport" \
	    >"$TMP/mosquitto.conf"
	"$MOSQUITTO" -c "$TMP/mosquitto.conf" 2>>"$TMP/mosquitto.log" &
	MQ_PID=$!
	sleep 0.5
	: >"$TMP/bridge.log"
	"$BRIDGE" --cert "$2/devices/bench-bridge.cert" --server "$EP" --broker "127.0.0.1:$mqport" \
	    --log info 2>>"$TMP/bridge.log" &
	BR_PID=$!
	i=0
	while ! grep -q 'subscriptions acknowledged' "$TMP/bridge.log" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	"$EQUIPGEN" run --broker "$mqport" --endpoint "$EP" --keys "$2" --stations "$3" \
	    --params "$EQUIP_PARAMS" --rate "$EQUIP_RATE" --warmup "$WARMUP" --seconds "$SECS" \
	    >"$TMP/equipgen.out" 2>>"$TMP/equipgen.log" &
	EG_PID=$!
}

# run_one TARGET SECURITY STATIONS [FAIL_EVERY]: a fresh store, fresh keys
# (curve) or none (plain), a fresh server, one measurement; with FAIL_EVERY
# the quality mix (loadgen --fail-every). EQUIP=1 (yoked, CURVE): the
# equipment traffic runs alongside (start_equip).
run_one() {
	mixarg=
	[ -n "${4:-}" ] && mixarg="--fail-every $4"
	dir=$TMP/store-$1-$2-$3
	keys=
	rm -rf "$dir" "$TMP/keys"
	# The previous run's writes must not slow this one's commits.
	sync
	sleep 1
	if [ "$2" = curve ]; then
		keys=$TMP/keys
		"$LOADGEN" keys "$keys" "$3" || { FAILED=1; return; }
		[ "${EQUIP:-0}" = 1 ] && { "$EQUIPGEN" keys "$keys" || { FAILED=1; return; }; }
	fi
	if [ "$1" = yoked ]; then
		"$LOADGEN" seed "$dir" "$3" || { FAILED=1; return; }
		[ "${EQUIP:-0}" = 1 ] && { "$EQUIPGEN" seed "$dir" "$3" "$EQUIP_PARAMS" || { FAILED=1; return; }; }
		start_yoked "$dir" "$keys"
		[ "${EQUIP:-0}" = 1 ] && start_equip "$dir" "$keys" "$3"
	else
		start_baseline "$dir" "$keys"
	fi
	if [ -n "$keys" ]; then sec="--keys $keys"; else sec=--plain; fi
	"$LOADGEN" run --target "$1" $sec --endpoint "$EP" \
	    --stations "$3" --warmup "$WARMUP" --seconds "$SECS" \
	    --units-per-station "$(units_per_station "$3")" --server-pid "$SRV_PID" $mixarg \
	    >"$TMP/loadgen.out"
	rc=$?
	line=$(grep '^RESULT' "$TMP/loadgen.out")
	if ! kill -0 "$SRV_PID" 2>/dev/null; then
		echo "bench: the $1 server died during the run (see its log below)" >&2
		FAILED=1
	fi
	if [ -n "$EG_PID" ]; then
		wait "$EG_PID"
		EG_PID=
		eline=$(grep '^EQUIP' "$TMP/equipgen.out")
		if [ -z "$eline" ]; then
			echo "bench: the equipment publisher failed (see $TMP/equipgen.log)" >&2
			cat "$TMP/equipgen.log" "$TMP/bridge.log" >&2
			FAILED=1
		else
			line="$line equip=$EQUIP_RATE ingested=$(field ingested "$eline")"
		fi
		stop_equip
	fi
	stop_server
	rm -rf "$dir" "$TMP/keys"
	# The runs of the equipment rounds are kept apart from the main figures.
	[ "${EQPAIR:-0}" = 1 ] && line="$line eqpair=1"
	if [ $rc -ne 0 ] || [ -z "$line" ]; then
		echo "bench: $1 ($2) at $3 stations failed" >&2
		FAILED=1
		return
	fi
	echo "$line" >>"$RESULTS"
	echo "$line" | awk '{
		for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		if (f["mix"] > 0) f["target"] = f["target"] "+mix"
		if (f["eqpair"] > 0) f["target"] = f["target"] "+eq"
		printf "%8s  %-8s  %-5s  %7.0f  %7.2f  %7.2f  %7.2f  %5s%%  %5s%%  %7.1f  %7.1f  %6s\n",
		    f["stations"], f["target"], f["security"], f["rps"], f["p50_us"] / 1000,
		    f["p99_us"] / 1000, f["p999_us"] / 1000, f["loadgen_cpu"], f["server_cpu"],
		    f["wchar_per_req"] / 1024, f["bytes_per_req"] / 1024, f["errors"] }'
}

# Shared awk code: reads RESULT lines into val[target, stations, key, i],
# target being yoked, baseline, yoked-plain or baseline-plain (the trace
# line under stations "trace"); median() and worst() over rounds.
MEDIAN_AWK='
	function verdict(ok) { return ok ? "PASS" : "MISS" }
	function median(t, n, k,    m, i, j, a, x) {
		m = cnt[t, n]
		for (i = 1; i <= m; i++) a[i] = val[t, n, k, i] + 0
		for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
		return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	function worst(t, n, k,    i, w) {
		w = 0
		for (i = 1; i <= cnt[t, n]; i++) if (val[t, n, k, i] + 0 > w) w = val[t, n, k, i] + 0
		return w
	}
	{
		split("", f)
		for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		t = f["target"] (f["security"] == "plain" ? "-plain" : "") (f["mix"] > 0 ? "-mix" : "") \
		    (f["eqpair"] > 0 ? "-equip" : "")
		n = t == "trace" ? "trace" : f["stations"]
		if (t == "trace") tevents = f["store_events"]
		c = ++cnt[t, n]
		for (k in f) val[t, n, k, c] = f[k]
	}
'

# ---- header -------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
fs=$(df -T "$TMP" 2>/dev/null | awk 'NR == 2 { print $2 " on " $1 }')
dsync=$(dd if=/dev/zero of="$TMP/dsync" bs=4096 count=500 oflag=dsync 2>&1 |
    awk '/copied/ { for (i = 1; i <= NF; i++) if ($i ~ /^s,?$/) t = $(i - 1);
        printf "%.0f", t * 1e6 / 500 }')
rm -f "$TMP/dsync"
echo "yoke bench  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine     $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr)"
echo "store       $TMP ($fs); one 4 KiB synchronous write takes ~${dsync:-?} us"
echo "run         levels $LEVELS stations, $ROUNDS rounds, ${WARMUP} s warm-up + ${SECS} s measured"
if [ "$PLAIN" = 1 ]; then
	echo "            each round: baseline and yoked with CURVE, then both --plain (no CURVE)"
else
	echo "            each round: baseline and yoked with CURVE (BENCH_PLAIN=0: no plain runs)"
fi
echo "            each run: fresh store, fresh keys, fresh server"
echo
echo "                                                               loadgen  server  KiB written/req"
echo "stations  target    sec      req/s   p50 ms   p99 ms  p999 ms     CPU     CPU  write() wr_bytes  errors"

# ---- throughput and latency ---------------------------------------------
for n in $LEVELS; do
	r=1
	while [ $r -le "$ROUNDS" ]; do
		run_one baseline curve "$n"
		run_one yoked curve "$n"
		if [ "$PLAIN" = 1 ]; then
			run_one baseline plain "$n"
			run_one yoked plain "$n"
		fi
		r=$((r + 1))
	done
done
if [ "$MIX" -gt 0 ]; then
	for n in $MIX_LEVELS; do
		r=1
		while [ $r -le "$ROUNDS" ]; do
			run_one baseline curve "$n" "$MIX"
			run_one yoked curve "$n" "$MIX"
			r=$((r + 1))
		done
	done
fi

if [ "$EQUIP_RATE" -gt 0 ]; then
	for n in $EQUIP_LEVELS; do
		r=1
		while [ $r -le "$ROUNDS" ]; do
			EQPAIR=1 run_one baseline curve "$n"
			EQPAIR=1 EQUIP=1 run_one yoked curve "$n"
			r=$((r + 1))
		done
	done
fi

echo
awk -v levels="$LEVELS" -v mixlevels="$MIX_LEVELS" -v mixn="$MIX" -v eqlevels="$EQUIP_LEVELS" \
    -v eqrate="$EQUIP_RATE" "$MEDIAN_AWK"'
	# The ratio of the medians, and each round'"'"'s own ratio (the two runs of a
	# round ran one after the other, on the same machine weather).
	function ratio_lines(y, b, title,    i, k, n, ry, rb, rounds, x) {
		printf "%s\n", title
		for (i = 1; i <= nl; i++) {
			n = lv[i]
			if (!cnt[y, n] || !cnt[b, n]) continue
			ry = median(y, n, "rps"); rb = median(b, n, "rps")
			rounds = ""
			for (k = 1; k <= cnt[y, n] && k <= cnt[b, n]; k++) {
				x = val[b, n, "rps", k] > 0 ? val[y, n, "rps", k] / val[b, n, "rps", k] : 0
				rounds = rounds sprintf(" %.2f", x)
			}
			printf "%8s stations: yoked %.0f req/s (p99 %.2f ms), baseline %.0f req/s (p99 %.2f ms), " \
			    "ratio %.2f (rounds:%s)\n", n, ry, median(y, n, "p99_us") / 1000, rb,
			    median(b, n, "p99_us") / 1000, (rb > 0 ? ry / rb : 0), rounds
		}
	}
	function kib(t, n, k) { return cnt[t, n] ? sprintf("%6.1f", median(t, n, k) / 1024) : "     -" }
	END {
		nl = split(levels, lv, " ")
		ratio_lines("yoked", "baseline", "yoked / baseline, both with CURVE (median over rounds; the ratio that counts):")
		if (mixn > 0) {
			print ""
			nl = split(mixlevels, lv, " ")
			ratio_lines("yoked-mix", "baseline-mix", "the quality mix (every " mixn "th unit fails its check, opens an NCR, is reworked and done again), both with CURVE:")
			nl = split(levels, lv, " ")
		}
		if (eqrate > 0) {
			print ""
			nl = split(eqlevels, lv, " ")
			ratio_lines("yoked-equip", "baseline-equip", "with equipment data (" eqrate " values/s " \
			    "offered through mosquitto and yoke-bridge) alongside yoked, both with CURVE (the " \
			    "baseline of the same round runs without it):")
			for (i = 1; i <= nl; i++) {
				n = lv[i]
				if (!cnt["yoked-equip", n]) continue
				printf "%8s stations: equipment values ingested %.0f/s (offered %d/s; rounds:", n,
				    median("yoked-equip", n, "ingested"), eqrate
				for (k = 1; k <= cnt["yoked-equip", n]; k++)
					printf " %.0f", val["yoked-equip", n, "ingested", k]
				plainratio = 0
				if (cnt["yoked", n] && cnt["baseline", n])
					plainratio = median("yoked", n, "rps") / median("baseline", n, "rps")
				printf "); station ratio without the ingest: %.2f\n", plainratio
			}
			nl = split(levels, lv, " ")
		}
		if (cnt["yoked-plain", lv[1]] || cnt["baseline-plain", lv[1]]) {
			print ""
			ratio_lines("yoked-plain", "baseline-plain", "yoked / baseline, both --plain (no CURVE):")
			print ""
			print "cost of CURVE: req/s with CURVE / req/s without (median over rounds):"
			for (i = 1; i <= nl; i++) {
				n = lv[i]
				if (!cnt["yoked", n] || !cnt["yoked-plain", n] || !cnt["baseline", n] ||
				    !cnt["baseline-plain", n]) continue
				printf "%8s stations: yoked %.2f (%.0f / %.0f req/s, p99 %.2f / %.2f ms), " \
				    "baseline %.2f (%.0f / %.0f req/s)\n", n,
				    median("yoked", n, "rps") / median("yoked-plain", n, "rps"),
				    median("yoked", n, "rps"), median("yoked-plain", n, "rps"),
				    median("yoked", n, "p99_us") / 1000, median("yoked-plain", n, "p99_us") / 1000,
				    median("baseline", n, "rps") / median("baseline-plain", n, "rps"),
				    median("baseline", n, "rps"), median("baseline-plain", n, "rps")
			}
		}
		print ""
		print "bytes written per request, KiB (median over rounds, over the measured interval / replies):"
		print "  write(): what the server passed to write calls (LMDB'"'"'s pages and meta page: the figure to read)"
		print "  [wr_bytes]: the kernel'"'"'s write_bytes, which counts each page-cache folio dirtied whole"
		printf "%8s           %15s  %15s  %15s  %15s\n", "", "yoked", "yoked plain", "baseline",
		    "baseline plain"
		for (i = 1; i <= nl; i++) {
			n = lv[i]
			printf "%8s stations: %s [%s]  %s [%s]  %s [%s]  %s [%s]\n", n,
			    kib("yoked", n, "wchar_per_req"), kib("yoked", n, "bytes_per_req"),
			    kib("yoked-plain", n, "wchar_per_req"), kib("yoked-plain", n, "bytes_per_req"),
			    kib("baseline", n, "wchar_per_req"), kib("baseline", n, "bytes_per_req"),
			    kib("baseline-plain", n, "wchar_per_req"), kib("baseline-plain", n, "bytes_per_req")
		}
	}' "$RESULTS"

# ---- trace --------------------------------------------------------------
echo
echo "trace: building a store with $TRACE_EVENTS events ..."
tdir=$TMP/store-trace
if "$TRACEGEN" "$tdir" "$TRACE_EVENTS" >"$TMP/tracegen.out" 2>&1; then
	tail -2 "$TMP/tracegen.out" | head -1 | sed 's/^/  /'
	set -- $(grep '^TRACED' "$TMP/tracegen.out")
	serial=$2
	events=$3
	size=$(du -sh "$tdir" | cut -f1)
	"$LOADGEN" keys "$TMP/keys-trace" 1 || FAILED=1
	start_yoked "$tdir" "$TMP/keys-trace"
	tline=$("$LOADGEN" trace --keys "$TMP/keys-trace" --endpoint "$EP" --serial "$serial" \
	    --count 1000 | grep '^RESULT')
	[ -n "$tline" ] || FAILED=1
	stop_server
	if [ -n "$tline" ]; then
		echo "$tline store_events=$events" >>"$RESULTS"
		echo "  store: $events events, $size; unit $serial has $(field events "$tline") events"
		echo "$tline" | awk '{
			for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
			printf "  %s traces over the wire (CURVE): p50 %.3f ms, p99 %.3f ms, p999 %.3f ms, max %.3f ms" \
			    " (first after start, connecting: %.3f ms)\n", f["requests"], f["p50_us"] / 1000,
			    f["p99_us"] / 1000, f["p999_us"] / 1000, f["max_us"] / 1000, f["first_us"] / 1000 }'
	fi
else
	echo "bench: tracegen failed:" >&2
	tail -5 "$TMP/tracegen.out" >&2
	FAILED=1
fi
rm -rf "$tdir" "$TMP/keys-trace"

# ---- targets ------------------------------------------------------------
echo
echo "targets (2-core machine; informational):"
awk "$MEDIAN_AWK"'
	END {
		if (cnt["yoked", 200] && cnt["baseline", 200]) {
			ratio = median("yoked", 200, "rps") / median("baseline", 200, "rps")
			# Each round'"'"'s own ratio, and their median, for the spread.
			m = 0; rounds = ""
			for (k = 1; k <= cnt["yoked", 200] && k <= cnt["baseline", 200]; k++) {
				pr[++m] = val["yoked", 200, "rps", k] / val["baseline", 200, "rps", k]
				rounds = rounds sprintf(" %.0f%%", pr[m] * 100)
			}
			for (i = 2; i <= m; i++) { x = pr[i]; for (j = i - 1; j >= 1 && pr[j] > x; j--) pr[j + 1] = pr[j]; pr[j + 1] = x }
			pm = m % 2 ? pr[(m + 1) / 2] : (pr[m / 2] + pr[m / 2 + 1]) / 2
			printf "  %s  200 stations: yoked >= 75%% of the baseline (both CURVE) (%.0f%%; rounds:%s," \
			    " their median %.0f%%)\n", verdict(ratio >= 0.75), ratio * 100, rounds, pm * 100
			p99 = median("yoked", 200, "p99_us")
			printf "  %s  200 stations: yoked (CURVE) p99 < 10 ms (median %.2f ms, worst round %.2f ms;" \
			    " baseline %.2f ms)\n", verdict(p99 < 10000), p99 / 1000,
			    worst("yoked", 200, "p99_us") / 1000, median("baseline", 200, "p99_us") / 1000
		}
		if (cnt["yoked-mix", 200] && cnt["baseline-mix", 200]) {
			mr = median("yoked-mix", 200, "rps") / median("baseline-mix", 200, "rps")
			printf "  %s  200 stations, quality mix (2 %% of units fail and are reworked): yoked >= 75%%" \
			    " of the baseline (%.0f%%, p99 %.2f ms)\n", verdict(mr >= 0.75), mr * 100,
			    median("yoked-mix", 200, "p99_us") / 1000
		}
		if (cnt["yoked", 1]) {
			p50 = median("yoked", 1, "p50_us")
			printf "  %s  1 station: yoked (CURVE) p50 < 1 ms (median %.3f ms, worst round %.3f ms)\n",
			    verdict(p50 < 1000), p50 / 1000, worst("yoked", 1, "p50_us") / 1000
		}
		if (cnt["trace", "trace"])
			printf "  %s  trace of one unit among %s events < 1 ms (p50 %.3f ms, p99 %.3f ms)\n",
			    verdict(val["trace", "trace", "p99_us", 1] < 1000), tevents,
			    val["trace", "trace", "p50_us", 1] / 1000, val["trace", "trace", "p99_us", 1] / 1000
	}' "$RESULTS"

# The plant simulator: what prevention is worth (docs/simulator.md), the
# full run of 400 units with the default fault rates. BENCH_SIM=0 skips it.
if [ "${BENCH_SIM:-1}" != 0 ]; then
	echo
	if ! YOKE_BIN="$(dirname "$YOKED")" "$BUILD/bench/plant_sim" --units "${BENCH_SIM_UNITS:-400}" \
	    --lang "${BENCH_SIM_LANG:-en}"; then
		echo "bench: the plant simulator failed" >&2
		FAILED=1
	fi
fi

# Expected lines: the counters at each stop, and yoked saying it runs --plain.
EXPECTED=' requests in |plain mode: no CURVE'
for log in "$TMP/yoked.log" "$TMP/baseline.log"; do
	if [ -s "$log" ] && grep -Eqv "$EXPECTED" "$log"; then
		echo
		echo "server messages ($log):"
		grep -Ev "$EXPECTED" "$log" | tail -10
	fi
done
[ $FAILED -eq 0 ] || echo "bench: a program failed; the figures above are incomplete" >&2
exit $FAILED
