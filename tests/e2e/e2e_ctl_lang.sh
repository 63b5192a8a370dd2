#!/bin/sh
# yokectl speaks the person's language (LANG, LC_MESSAGES, LANGUAGE): its
# own words, and the server's, which it asks for in the same language;
# status codes stay the same. Its tables line up by display width with
# Chinese headings, operation names and statuses, and a name too long for
# its column is cut with "…" at a character, never inside one.
E2E_NAME=e2e_ctl_lang
. tests/e2e/lib.sh

Y="$YOKE_BIN/yokectl"
has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 600 "$E2E_TMP/$1")"; }
# cjk FILE: the file has Chinese characters.
cjk() { python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read(); sys.exit(0 if any("\u4e00" <= c <= "\u9fff" for c in t) else 1)' "$1"; }

# The demo plant with Chinese operation names, one too long for its column.
mkdir -p "$E2E_TMP/plant"
cp assets/plant/*.def "$E2E_TMP/plant/"
sed -i -e 's/op 10 "SMT placement"/op 10 "贴片：锡膏印刷、元件贴装和首件检验 SMT placement"/' \
    -e 's/op 20 "Reflow soldering"/op 20 "回流焊 Reflow"/' "$E2E_TMP/plant/routing-iotc-100.def"
grep -q '贴片' "$E2E_TMP/plant/routing-iotc-100.def" || fail "the plant copy has no Chinese operation"

yoked_start
ctl load "$E2E_TMP/plant" >"$E2E_TMP/load.out" 2>&1 || fail "load: $(cat "$E2E_TMP/load.out")"
people_pins
ctl wo release WO-ZH --product IOTC-100 --qty 3 --due 2030-01-31 >/dev/null 2>&1 || fail "release WO-ZH"

# ---- yokectl's own words --------------------------------------------------
for v in LANG LC_MESSAGES LANGUAGE; do
	env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE "$v=zh_CN.UTF-8" \
	    "$Y" wo release WO-1 --qty many >"$E2E_TMP/own.out" 2>"$E2E_TMP/own.err"
	[ $? -eq 2 ] || fail "$v=zh_CN: a usage error does not exit 2"
	has own.err "^yokectl: --qty 需要 1 到 100000 的整数"
	has own.err "^用法：yokectl wo release 工单号"
done
LANG=zh_CN.UTF-8 "$Y" --server tcp://127.0.0.1:1 --timeout 100 queue SMT-1 2>"$E2E_TMP/off.err"
[ $? -eq 3 ] || fail "offline in Chinese: not exit 3"
has off.err "没有应答"
# The status of a JSON error never changes with the language; its message does.
LANG=zh_CN.UTF-8 "$Y" gs1 '(01)09521234543214' --json >"$E2E_TMP/gs1.json"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["status"] == "invalid" and d["error"].startswith("第 "), d' "$E2E_TMP/gs1.json" ||
    fail "Chinese JSON error: $(cat "$E2E_TMP/gs1.json")"
# English stays English.
LANG=C "$Y" wo release WO-1 --qty many 2>"$E2E_TMP/en.err"
has en.err "^usage: yokectl wo release WO "
cjk "$E2E_TMP/en.err" && fail "LANG=C shows Chinese: $(cat "$E2E_TMP/en.err")"
pass "own_words_follow_lang"

# ---- the server's words ---------------------------------------------------
LANG=C ctl trace unit NO-SUCH-UNIT 2>"$E2E_TMP/srv_en.err"
LANG=zh_CN.UTF-8 ctl trace unit NO-SUCH-UNIT 2>"$E2E_TMP/srv_zh.err"
LANG=zh_CN.UTF-8 ctl trace unit NO-SUCH-UNIT --json >"$E2E_TMP/srv_zh.json"
has srv_en.err "^yokectl: No unit NO-SUCH-UNIT"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["status"] == "NOT_FOUND"' \
    "$E2E_TMP/srv_zh.json" || fail "the status changed with the language: $(cat "$E2E_TMP/srv_zh.json")"
grep -q "NO-SUCH-UNIT" "$E2E_TMP/srv_zh.err" || fail "the serial (data) is missing: $(cat "$E2E_TMP/srv_zh.err")"
if [ "$(grep -c '^msgid' po/zh_CN/server.po)" -gt 1 ]; then
	# The server's part of the catalogue is translated: its refusal comes in Chinese.
	cjk "$E2E_TMP/srv_zh.err" || fail "the server answered a Chinese yokectl in English: $(cat "$E2E_TMP/srv_zh.err")"
	pass "server_words_follow_lang"
else
	# Not yet (po/zh_CN/server.po is empty): the same English words come back.
	cmp -s "$E2E_TMP/srv_en.err" "$E2E_TMP/srv_zh.err" || fail "server words: $(cat "$E2E_TMP/srv_zh.err")"
	echo "e2e_ctl_lang: po/zh_CN/server.po has no messages yet; checked only that the refusal arrives" >&2
	pass "server_words_follow_lang (server catalogue empty: English words)"
fi

# ---- tables by display width ---------------------------------------------
# aligned FILE: every line of the table (from its heading on) starts each
# column, split at runs of two or more spaces, at the same display column
# (East Asian Wide = 2, from Python's unicodedata: not yokectl's own table);
# no cut character; prints the columns' start positions.
aligned() {
	python3 - "$1" <<'PY'
import re, sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
starts = None
for line in lines:
    cols = [width(line[:m.start()]) for m in re.finditer(r"(?:(?<=  )|^)\S", line)]
    if starts is None:
        starts = cols
    elif cols != starts:
        sys.exit("misaligned: %r at %s, heading at %s" % (line, cols, starts))
print(starts)
PY
}
LANG=zh_CN.UTF-8 ctl units WO-ZH >"$E2E_TMP/units_zh.out" 2>&1 || fail "units in Chinese: $(cat "$E2E_TMP/units_zh.out")"
has units_zh.out "^序列号  "
has units_zh.out "排队中"
has units_zh.out "贴片：锡膏印刷"
aligned "$E2E_TMP/units_zh.out" >"$E2E_TMP/cols" || fail "Chinese units table: $(cat "$E2E_TMP/cols") $(cat "$E2E_TMP/units_zh.out")"
# The long operation name is cut with an ellipsis, inside its column.
grep -q "贴片：锡膏印刷[^ ]*…" "$E2E_TMP/units_zh.out" || fail "no ellipsis: $(cat "$E2E_TMP/units_zh.out")"
grep -q "首件检验 SMT placement" "$E2E_TMP/units_zh.out" && fail "the long name was not cut"
LANG=C ctl units WO-ZH >"$E2E_TMP/units_en.out" 2>&1 || fail "units in English"
has units_en.out "^SERIAL  "
aligned "$E2E_TMP/units_en.out" >"$E2E_TMP/cols" || fail "English units table: $(cat "$E2E_TMP/cols")"
LANG=zh_CN.UTF-8 ctl queue SMT-1 >"$E2E_TMP/queue_zh.out" 2>&1 || fail "queue in Chinese"
has queue_zh.out "待加工队列"
tail -n +2 "$E2E_TMP/queue_zh.out" >"$E2E_TMP/queue_table"
aligned "$E2E_TMP/queue_table" >"$E2E_TMP/cols" || fail "Chinese queue table: $(cat "$E2E_TMP/cols")"
pass "tables_align_by_display_width"
