#!/bin/sh
# yokectl scan --image reads photos of labels: each label drawn by real
# encoders (libdmtx's GS1 DataMatrix, libqrencode's QR, Code 128/GS1-128
# and EAN-13) and made to look like a photo (scaled by a factor that is not
# a whole number, turned a few degrees, blurred, low contrast, shaded,
# noisy) by `test_scan_image --write` (tests/unit/test_scan_image.c, the
# same photos its unit tests read through the library). Each code comes
# back with exactly its data (GS shown as <GS>, and as \u001d in JSON), its
# symbology and AIM identifier and its GS1 fields with their meaning; a
# reel label's four codes in reading order; the pairing rules checked
# across a label; a wrong check digit shown, not hidden. Refused with the
# exit statuses of every yokectl command: a file that is not a PNG (1),
# a picture without a code (1), a file that cannot be read (4), a wrong
# command line (2); under --json as {"error", "status"}. No server.
E2E_NAME=e2e_ctl_scan
. tests/e2e/lib.sh

# The words of these checks are English; the Chinese run says so itself.
export LC_ALL=C.UTF-8
unset LANGUAGE LC_MESSAGES

Y="$YOKE_BIN/yokectl"
# The test programs are built beside bin/: build/MODE/tests (bin/ of a
# release build: build/release/tests).
photos_tool="$(dirname "$YOKE_BIN")/tests/test_scan_image"
[ -x "$photos_tool" ] || photos_tool=build/release/tests/test_scan_image
[ -x "$photos_tool" ] || fail "no test_scan_image beside $YOKE_BIN: build the tests (make MODE=san tests)"
P="$E2E_TMP/photos"
mkdir -p "$P"
"$photos_tool" --write "$P" || fail "test_scan_image --write $P failed"

# expect_rc NAME RC COMMAND...: runs it, output in $E2E_TMP/NAME.{out,err}.
expect_rc() {
	n=$1 want=$2
	shift 2
	"$@" >"$E2E_TMP/$n.out" 2>"$E2E_TMP/$n.err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$n: exit $got, expected $want: $(cat "$E2E_TMP/$n.out" "$E2E_TMP/$n.err")"
}
has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 800 "$E2E_TMP/$1")"; }
# py NAME SCRIPT: runs SCRIPT with d = the JSON of $E2E_TMP/NAME.out; fails with its message.
py() {
	python3 -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
def fields(s):
    return [(f['ai'], f['value']) for f in s.get('fields', [])]
$2" "$E2E_TMP/$1.out" 2>"$E2E_TMP/$1.py" || fail "$1: $(tail -n 1 "$E2E_TMP/$1.py"): $(head -c 800 "$E2E_TMP/$1.out")"
}

# ---- a reel's GS1 DataMatrix ------------------------------------------------
expect_rc dm 0 "$Y" scan --image "$P/reel-datamatrix.png" --year 2025
has dm.out "reel-datamatrix.png: 1 barcode$"
has dm.out "^1\. GS1 DataMatrix (\]d2) at x [0-9]*, y [0-9]*, [0-9]*x[0-9]* pixels$"
has dm.out "^   01095212345432131727123110LOT-2411-07<GS>21RL-000815$"
has dm.out "^   (01)  .* 09521234543213$"
has dm.out "^   (17)  .* 271231  = 2027-12-31$"
has dm.out "^   (10)  .* LOT-2411-07$"
has dm.out "^   (21)  .* RL-000815$"
[ -s "$E2E_TMP/dm.err" ] && fail "dm: wrote to stderr: $(cat "$E2E_TMP/dm.err")"
expect_rc dm_json 0 "$Y" scan --image "$P/reel-datamatrix.png" --year 2025 --json
py dm_json '[s] = d["symbols"]
assert s["symbology"] == "datamatrix" and s["name"] == "GS1 DataMatrix" and s["gs1"] is True, s
assert s["aim"] == "]d2" and s["text"] == "01095212345432131727123110LOT-2411-07\x1d21RL-000815", s
assert "hex" not in s and len(s["corners"]) == 4, s
assert fields(s) == [("01", "09521234543213"), ("17", "271231"), ("10", "LOT-2411-07"),
    ("21", "RL-000815")], s
assert all(f["title"] for f in s["fields"]) and s["fields"][1]["date"] == "2027-12-31", s
assert s["hri"] == "(01)09521234543213(17)271231(10)LOT-2411-07(21)RL-000815", s
b = s["box"]
assert 0 <= b["x"] and b["x"] + b["width"] <= d["width"] and 0 <= b["y"] and b["y"] + b["height"] <= d["height"], b
assert 100 < b["width"] < 300 and 100 < b["height"] < 300, b
assert d["pairing_error"] is None and d["datamatrix_search_complete"] is True, d'
pass "gs1_datamatrix"

# ---- GS1-128, EAN-13, QR codes ----------------------------------------------
expect_rc c128 0 "$Y" scan --image "$P/gs1-128.png" --json
py c128 '[s] = d["symbols"]
assert (s["symbology"], s["name"], s["gs1"], s["aim"]) == ("code128", "GS1-128", True, "]C1"), s
assert s["text"] == "010952123454321310LOT-2411-07\x1d304000", s
assert fields(s) == [("01", "09521234543213"), ("10", "LOT-2411-07"), ("30", "4000")], s
assert "corners" not in s and s["box"]["width"] > 500, s'
expect_rc ean 0 "$Y" scan --image "$P/ean13.png" --json
py ean '[s] = d["symbols"]
assert (s["symbology"], s["gs1"], s["aim"], s["text"]) == ("ean13", False, "]E0", "9521234543213"), s
assert fields(s) == [("01", "09521234543213")], s'
expect_rc qr 0 "$Y" scan --image "$P/unit-qr.png"
has qr.out "^1\. QR Code (\]Q1) at "
has qr.out "^   WO-DEMO-1-0007$"
grep -q "^   (" "$E2E_TMP/qr.out" && fail "qr: a serial shown with GS1 fields: $(cat "$E2E_TMP/qr.out")"
expect_rc dl 0 "$Y" scan --image "$P/digital-link-qr.png" --year 2025 --json
py dl '[s] = d["symbols"]
assert (s["symbology"], s["gs1"], s["aim"]) == ("qr", False, "]Q1"), s
assert s["text"] == "https://id.gs1.org/01/09521234543213/10/LOT-2411-07?17=271231", s
assert fields(s) == [("01", "09521234543213"), ("10", "LOT-2411-07"), ("17", "271231")], s'
# Bytes that are not UTF-8 (Latin-1 in a QR code) come back as they are.
expect_rc latin1 0 "$Y" scan --image "$P/latin1-qr.png" --json
py latin1 '[s] = d["symbols"]
assert s["hex"] == "436166e9204cf6742037" and s["text"] == "Caf\ufffd L\ufffdt 7", s'
expect_rc latin1_text 0 "$Y" scan --image "$P/latin1-qr.png"
has latin1_text.out "^   Caf<0xE9> L<0xF6>t 7$"
pass "linear_and_qr"

# ---- a reel label with four codes ---------------------------------------------
expect_rc label 0 "$Y" scan --image "$P/reel-label.png" --json
py label 'k = [(s["symbology"], s["text"]) for s in d["symbols"]]
assert k == [("datamatrix", "01095212345432131727123110LOT-2411-07\x1d21RL-000815"),
    ("code128", "MCU-F407"), ("code128", "304000"), ("qr", "WO-DEMO-1-0007")], k
assert fields(d["symbols"][2]) == [("30", "4000")] and "fields" not in d["symbols"][1], d
assert d["pairing_error"] is None, d'
expect_rc label_text 0 "$Y" scan --image "$P/reel-label.png"
has label_text.out "reel-label.png: 4 barcodes$"
has label_text.out "^2\. Code 128 (\]C0) at "
has label_text.out "^3\. GS1-128 (\]C1) at "
grep -q "pairing rule" "$E2E_TMP/label_text.out" && fail "label: pairing reported: $(cat "$E2E_TMP/label_text.out")"
# Alone, a quantity lacks the GTIN it counts: the label says so.
expect_rc qty 0 "$Y" scan --image "$P/quantity-only.png" --json
py qty 'assert fields(d["symbols"][0]) == [("30", "4000")], d
assert "(30)" in d["pairing_error"] and "(01)" in d["pairing_error"], d'
expect_rc qty_text 0 "$Y" scan --image "$P/quantity-only.png"
has qty_text.out "^The label's GS1 codes together break a pairing rule: .*(30)"
# A wrong check digit: the code is read and shown, its data refused, with where.
expect_rc bad 0 "$Y" scan --image "$P/bad-check-digit.png" --json
py bad '[s] = d["symbols"]
assert s["text"] == "010952123454321410LOT-2411-07" and "fields" not in s, s
assert s["gs1_error"]["offset"] in range(2, 17) and s["gs1_error"]["message"], s'
expect_rc bad_text 0 "$Y" scan --image "$P/bad-check-digit.png"
has bad_text.out "^   not valid GS1 data, at byte [0-9]*: "
pass "reel_label"

# ---- refusals -----------------------------------------------------------------
expect_rc blank 1 "$Y" scan --image "$P/blank.png"
has blank.err "^yokectl: no barcode found in $P/blank.png (looked for Code 128, EAN/UPC, Code 39, QR and Data Matrix)$"
expect_rc blank_json 1 "$Y" scan --image "$P/blank.png" --json
py blank_json 'assert d["status"] == "invalid" and "no barcode found" in d["error"], d'
printf 'LOT-2411-07\n' >"$E2E_TMP/notes.txt"
expect_rc text 1 "$Y" scan --image "$E2E_TMP/notes.txt"
has text.err "notes.txt is not a PNG image (it does not start with the PNG signature)"
printf '\377\330\377\340\000\020JFIF\000' >"$E2E_TMP/photo.jpg"
expect_rc jpeg 1 "$Y" scan --image "$E2E_TMP/photo.jpg" --json
py jpeg 'assert d["status"] == "invalid" and "it is a JPEG file" in d["error"], d'
head -c 100 "$P/unit-qr.png" >"$E2E_TMP/cut.png"
expect_rc cut 1 "$Y" scan --image "$E2E_TMP/cut.png"
has cut.err "cut.png is not a readable PNG image"
expect_rc missing 4 "$Y" scan --image "$E2E_TMP/missing.png" --json
py missing 'assert d["status"] == "io" and "missing.png" in d["error"], d'
expect_rc folder 4 "$Y" scan --image "$E2E_TMP"
expect_rc no_image 2 "$Y" scan
has no_image.err "which picture? Give it with --image FILE"
expect_rc two 2 "$Y" scan --image "$P/blank.png" --image "$P/ean13.png"
expect_rc year 2 "$Y" scan --image "$P/ean13.png" --year 25
expect_rc unknown 2 "$Y" scan --image "$P/ean13.png" --fast
expect_rc help 0 "$Y" scan --help
has help.out "^usage: yokectl scan --image FILE"
pass "refusals"

# ---- in Chinese ---------------------------------------------------------------
LC_ALL=zh_CN.UTF-8 "$Y" scan --image "$P/reel-label.png" >"$E2E_TMP/zh.out" 2>&1 ||
    fail "scan in Chinese: $(cat "$E2E_TMP/zh.out")"
has zh.out "reel-label.png：4 个条码$"
has zh.out "^1\. GS1 DataMatrix（\]d2），位置 x "
LC_ALL=zh_CN.UTF-8 "$Y" scan --image "$P/blank.png" >"$E2E_TMP/zh_blank.out" 2>&1 &&
    fail "blank in Chinese: exit 0"
has zh_blank.out "中没有找到条码"
pass "chinese"
