#!/bin/sh
# The screens in the person's language, at 80×24 (issue 7).
#
#   zh_CN        badge 1002 (lang=zh_CN) badges in at SMT-1: the queue, the
#                help line and the prompts are Chinese; a 111-character
#                Chinese instruction (tests/data/screen-zh) wraps with no
#                closing punctuation at a line start and nothing past
#                column 80; the step list and a long check prompt end with
#                an ellipsis; a long refusal fills the two status rows and
#                ends with an ellipsis, the input line below it untouched;
#                badging out, the terminal is English again.
#   en           the same screens for badge 1001 (English) are English.
#   help_zh, help_en   F1 lists every scan command and key in the person's
#                language, on two pages at 80x24 (PgDn, PgUp); a key returns
#                to the screen.
#   start_lang   --lang zh_CN: Chinese before anyone badges in.
E2E_NAME=e2e_language
. tests/e2e/lib.sh

yoked_start
plant_load
ctl load --partial tests/data/screen-zh >"$E2E_TMP/load-zh.out" 2>&1 ||
    fail "load tests/data/screen-zh: $(cat "$E2E_TMP/load-zh.out")"
ctl wo release WO-ZH --product IOTC-100 --rev Z --qty 2 --due 2030-01-31 --priority 1 \
    >"$E2E_TMP/wo-zh.out" 2>&1 || fail "release WO-ZH: $(cat "$E2E_TMP/wo-zh.out")"
u1=$(grep -o 'WO-ZH-[0-9]*' "$E2E_TMP/wo-zh.out" | sed -n 1p)
u2=$(grep -o 'WO-ZH-[0-9]*' "$E2E_TMP/wo-zh.out" | sed -n 2p)
[ -n "$u1" ] && [ -n "$u2" ] || fail "no units in: $(cat "$E2E_TMP/wo-zh.out")"

# A line of the screen starting (after its indentation) with closing
# punctuation, if any.
kinsoku_broken() {
	screen "$1" | sed -n "$2p" | grep -E '^ *[，。、；：？！）」』”’》〉】,.;:!?)}]' || true
	screen "$1" | sed -n "$2p" | grep -E '^ *\]' || true
}

# The rows of the current step's text: after "步骤 N：" / "Step N:", up to the prompt.
step_text_rows() {
	screen "$1" | awk -v h="$2" 'index($0, h) { on = 1; first = NR + 1; next }
	    on && /^ *→/ { print first "," NR - 1; exit }'
}

# ---- zh_CN -------------------------------------------------------------
term_start t SMT-1
see t "scan your badge"
see t "ONLINE"
scan t 1002
see t "欢迎，Chen Jing 陈静（操作员）"
see t "工位 SMT-1 的待加工队列"
see t "→ 扫描产品序列号以打开产品"
see t "F1 帮助"
see t "F10 退出"
see t "@LOGOUT 刷卡离岗"
see t "在线"
screen t | grep -q "优先 *序列号 *工单 *产品 *工序 *状态" || fail "zh_CN: the queue's header is not Chinese"
fits t
lacks t "Scan a unit serial"

scan t "$u1"
see t "步骤 1：作业说明"
see t "→ 完成后按 Enter 或扫描 @OK"
see t "Enter 确认"
fits t
rows=$(step_text_rows t "步骤 1：")
[ -n "$rows" ] || fail "zh_CN: no instruction rows on the screen"
n=$(screen t | sed -n "${rows}p" | grep -c .)
[ "$n" -eq 3 ] || fail "zh_CN: the instruction takes $n rows, expected 3: $(screen t | sed -n "${rows}p")"
bad=$(kinsoku_broken t "$rows")
[ -z "$bad" ] || fail "zh_CN: a line of the instruction starts with closing punctuation: $bad"
screen t | sed -n "${rows}p" | tr -d ' \n' | grep -qF "将拼板放入料仓之前，先检查板面有无划伤和污渍并确认基准点清洁完整后朝上放稳，推入导轨" ||
    fail "zh_CN: the instruction is not whole: $(screen t | sed -n "${rows}p")"
# The second row begins with the character the comma must not be parted from.
screen t | sed -n "${rows}p" | sed -n 2p | grep -qE '^ *稳，推入' ||
    fail "zh_CN: the comma's line does not start with its character: $(screen t | sed -n "${rows}p")"
# The step list shows the instruction cut, with the ellipsis, at the screen's edge.
screen t | grep -E '^ ▶ +1 将拼板' | grep -q '…$' || fail "zh_CN: the step list does not end the long instruction with …"
pass zh_CN_instruction

scan t ""
see t "→ 扫描 PCB-100（第 1 个，共 1 个）"
# A wrong part: the server's refusal, the step stays.
scan t "PCB-999/LOT-1"
see t "PCB-999"
see t "→ 扫描 PCB-100（第 1 个，共 1 个）"
scan t "PCB-100/LOT-ZH-1"
see t "→ 检查：扫描 @PASS 或 @FAIL——目视检查焊膏印刷"
screen t | grep -E '^ → 检查' | grep -q '…$' || fail "zh_CN: the long check prompt does not end with …"
see t "@PASS 合格"
see t "@FAIL 不合格"
fits t
pass zh_CN_check

# F1: every command and key, in Chinese; any key returns.
press t F1
see t "帮助：扫描命令条码"
for w in "扫描命令" "@OK" "@PASS" "PASS P Y YES" "@FAIL" "@BACK" "@LOGOUT" "@HELP" "@PIN" \
    "@ANDON" "@STOP" "按键" "Ctrl-U" "Ctrl-W" "清空输入行" "PgDn：下一页（1/2）" "按任意键或扫描：返回"; do
	screen t | grep -qF -- "$w" || fail "help_zh: the help lacks \"$w\""
done
fits t
# At 80x24 it takes two pages: PgDn turns to the rest of the keys.
press t NPage
see t "PgUp：上一页（2/2）"
for w in "帮助：扫描命令条码" "F1, Esc 1" "F2, F9" "F8, Esc 8" "F10, Esc 0, Esc q"; do
	screen t | grep -qF -- "$w" || fail "help_zh: page 2 lacks \"$w\""
done
fits t
press t Space
see t "→ 检查：扫描 @PASS 或 @FAIL"
[ "$(input_line t)" = "" ] || fail "help_zh: the key that closed the help is on the line: \"$(input_line t)\""
# @HELP scanned opens it too; a scan closes it and is not taken (not even
# the rest of it after its first character, which closed the help).
sleep 0.2
scan t "@HELP"
see t "帮助：扫描命令条码"
scan t "@PASS"
see t "→ 检查：扫描 @PASS 或 @FAIL"
sleep 0.5
see t "→ 检查：扫描 @PASS 或 @FAIL"
pass help_zh

# The check passes: op 10 completes, the unit waits for op 15 here.
scan t "@PASS"
see t "工序 10 完工——产品转到 SMT"
scan t ""
see t "工位 SMT-1 的待加工队列"
see t "$u1"
screen t | grep -F "$u1" | grep -q ' 15 回流焊前复核：…  排队中 ' ||
    fail "zh_CN: the queue's operation column does not cut op 15's name with …: $(screen t | grep -F "$u1")"
# Every row's status starts in the same column, whatever the widths before it.
screen t | grep '排队中' | sed 's/排队中.*//' | while IFS= read -r before; do
	w=$(printf '%s\n' "$before" | LC_ALL=C.UTF-8 wc -L)
	[ "$w" -eq 65 ] || fail "zh_CN: a queue row's status starts at column $w, not 65: $before"
done || exit 1
fits t
# Op 15 is not 1002's: the refusal names it whole, longer than two rows.
scan t "$u1"
i=0
until row t 22 | grep -q '…$'; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "zh_CN: the long refusal does not end with …: $(status t)"; sleep 0.1
done
# (The server's words: English or Chinese, whichever its catalogue has; the
# name and the operation are data and stay as defined.)
status t | grep -q "Chen Jing" || fail "zh_CN: the refusal does not name the operator: $(status t)"
status t | tr -d ' \n' | grep -q "回流焊前复核：逐片核对元件极性" || fail "zh_CN: the refusal does not show the operation: $(status t)"
[ "$(input_line t)" = "" ] || fail "zh_CN: the input line shows \"$(input_line t)\""
row t 24 | grep -q "F1 帮助" || fail "zh_CN: the help line is gone: $(row t 24)"
fits t
pass zh_CN_long_refusal

# Badging out: English again, for whoever comes next.
scan t "@LOGOUT"
see t "Badged out"
see t "scan your badge"
see t "F1 help"
pass zh_CN_badge_out

# ---- en ----------------------------------------------------------------
scan t 1001
see t "Welcome, Li Wei 李伟 (operator)"
see t "Queue at SMT-1"
see t "→ Scan a unit serial to open it"
see t "F1 help"
see t "F10 quit"
lacks t "帮助"
scan t "$u2"
see t "Step 1: Instruction"
see t "→ Press Enter or scan @OK when done"
see t "Enter confirm"
rows=$(step_text_rows t "Step 1:")
bad=$(kinsoku_broken t "$rows")
[ -z "$bad" ] || fail "en: a line of the instruction starts with closing punctuation: $bad"
fits t
pass en

press t F1
see t "Help: scan a command's barcode"
for w in "Scan commands" "@OK" "PASS P Y YES" "@BACK" "@LOGOUT" "@HELP" "@PIN" "@ANDON" "Keys" \
    "Ctrl-U" "clears the line" "PgDn: more (1/2)" "any key or scan: back"; do
	screen t | grep -qF -- "$w" || fail "help_en: the help lacks \"$w\""
done
press t NPage
see t "PgUp: back (2/2)"
for w in "F2, F9" "F8, Esc 8" "call for help, as @ANDON" "F10, Esc 0, Esc q"; do
	screen t | grep -qF -- "$w" || fail "help_en: page 2 lacks \"$w\""
done
# Esc 1 is F1 on any keyboard: it closes the help (as any key) and opens it.
press t Escape 1
see t "→ Press Enter or scan @OK when done"
press t Escape 1
see t "Help: scan a command's barcode"
# Enter closes it too, and confirms nothing.
press t Enter
see t "→ Press Enter or scan @OK when done"
sleep 0.5
see t "step 1 of 3"
pass help_en

# ---- --lang ------------------------------------------------------------
term_start_with z SMT-1 "" --lang zh_CN
see z "工位 SMT-1——请扫描工牌"
see z "@PIN 改 PIN 码"
pass start_lang
