#!/bin/sh
# Runs each libFuzzer target for a bounded time and prints one line per
# target; exits non-zero if any target crashed or failed to build.
#
#   sh tests/fuzz/run.sh SECONDS tests/fuzz/fuzz_NAME.c...
#
# A target fuzz_NAME.c is linked with the shared sources it needs (listed
# below), gets tests/fuzz/NAME.dict when present and a copy of the seed
# corpus tests/fuzz/corpus/NAME/ in a temporary directory.
seconds=${1:?usage: tests/fuzz/run.sh SECONDS FUZZ_TARGET.c...}
shift
CC=${FUZZ_CC:-clang}
work=$(mktemp -d "${TMPDIR:-/tmp}/yoke-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
failed=0

sources_for() { # target name -> shared sources
	case $1 in
	dispatch) # the server without its main (yoked.c, usage.c), its loop (loop.c) and the
	    # files that need ZeroMQ sockets (transport.c, handshake.c)
	    echo $(ls server/*.c server/*/*.c | grep -v -e server/yoked.c -e server/usage.c -e server/loop.c -e server/net/) \
	    server/net/auth.c \
	    proto/wire_check.c shared/arena.c shared/cert.c shared/defs/*.c shared/pb_copy.c shared/log.c \
	    shared/step_rules.c shared/utf8.c shared/util.c shared/i18n.c shared/list_text.c \
	    shared/quality/*.c shared/decimal.c shared/scan/scan_text.c shared/gs1/*.c \
	    shared/label/supplier_label.c shared/alarm_text.c shared/equipment/payload.c \
	    tests/fuzz/fz.c build/gen/proto/yoke.pb-c.c build/gen/proto/defs.pb-c.c \
	    build/gen/proto/store.pb-c.c ;;
	wire) echo proto/wire_check.c shared/utf8.c shared/i18n.c shared/util.c shared/log.c tests/fuzz/fz.c \
	    build/gen/proto/yoke.pb-c.c build/gen/proto/defs.pb-c.c ;;
	gs1) echo shared/gs1/*.c shared/util.c shared/utf8.c shared/log.c shared/i18n.c shared/list_text.c ;;
	equipment) echo shared/equipment/*.c build/gen/proto/sparkplug_b.pb-c.c ;;
	defs) echo shared/defs/*.c shared/quality/*.c shared/decimal.c shared/pb_copy.c shared/util.c shared/log.c \
	    shared/utf8.c shared/i18n.c shared/list_text.c shared/gs1/*.c build/gen/proto/defs.pb-c.c ;;
	scan) echo shared/step_rules.c shared/scan/scan_text.c shared/gs1/*.c shared/utf8.c shared/util.c \
	    shared/log.c shared/i18n.c shared/list_text.c build/gen/proto/defs.pb-c.c build/gen/proto/yoke.pb-c.c ;;
	*) echo shared/*.c ;;
	esac
}

libs_for() { # target name -> libraries
	case $1 in
	gs1) echo -lm ;;
	defs|scan|wire|equipment) echo -lprotobuf-c -lm ;;
	dispatch) echo -llmdb -lprotobuf-c -lsodium -lcurl -lpthread -lm ;;
	*) echo -llmdb -lzmq -lprotobuf-c -lqrencode -lpng -lzbar -lm ;;
	esac
}

max_len_for() { # target name -> -max_len (a dispatch input holds several requests)
	case $1 in
	dispatch) echo 1024 ;;
	*) echo 512 ;;
	esac
}

for target in "$@"; do
	name=$(basename "$target" .c)
	name=${name#fuzz_}
	bin="$work/fuzz_$name"
	if ! $CC -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -I. -Ibuild/gen -o "$bin" "$target" $(sources_for "$name") $(libs_for "$name") \
	    >"$work/$name.build" 2>&1; then
		echo "FAIL fuzz_$name: does not build"
		sed 's/^/    /' "$work/$name.build" | head -20
		failed=1
		continue
	fi
	corpus="$work/corpus_$name"
	mkdir -p "$corpus"
	[ -d "tests/fuzz/corpus/$name" ] && cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	if "$bin" $dict -max_len="$(max_len_for "$name")" -max_total_time="$seconds" -print_final_stats=1 \
	    -artifact_prefix="$work/" "$corpus" >"$work/$name.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
		cov=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -1)
		echo "PASS fuzz_$name: ${runs:-?} runs in ${seconds}s, ${cov:-cov: ?}, no crash"
	else
		echo "FAIL fuzz_$name: crashed"
		grep -E 'ERROR|SUMMARY|runtime error' "$work/$name.log" | head -5 | sed 's/^/    /'
		for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
			[ -f "$a" ] && cp "$a" "tests/fuzz/" && echo "    input saved as tests/fuzz/$(basename "$a")"
		done
		failed=1
	fi
done
exit $failed
