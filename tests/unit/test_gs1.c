/*
 * test_gs1.c — GS1 parsing. Known answers are the worked examples of
 * standards.md §1.4 and §1.9, which were produced with the official GS1
 * Syntax Engine (gs1/gs1-syntax-engine@50657dbd); the DL example is §1.8.
 */
#include <stdio.h>
#include <string.h>

#include "shared/gs1/gs1.h"
#include "tests/lib/check.h"

static const struct gs1_options opt2025 = { .current_year = 2025 };
static const struct gs1_options loose2025 = { .current_year = 2025, .no_pairing = true };

/* With the pairing rules, as gs1_parse does by default. */
static bool
parse(const char *s, struct gs1_result *r, struct gs1_error *e)
{
	return gs1_parse(s, strlen(s), &opt2025, r, e);
}

/* Without them: syntax only, as for one label of several. */
static bool
parse_loose(const char *s, struct gs1_result *r, struct gs1_error *e)
{
	return gs1_parse(s, strlen(s), &loose2025, r, e);
}

/* Expects a refusal whose message contains `what` at byte `at`. */
static void
refused(const char *s, const char *what, size_t at, int line)
{
	struct gs1_result r;
	struct gs1_error e;

	if (parse(s, &r, &e)) {
		check_fail(__FILE__, line, "accepted \"%s\"", s);
		return;
	}
	if (strstr(e.message, what) == NULL)
		check_fail(__FILE__, line, "\"%s\": message \"%s\" lacks \"%s\"", s, e.message, what);
	if (e.offset != at)
		check_fail(__FILE__, line, "\"%s\": offset %zu, expected %zu (%s)", s, e.offset, at,
		    e.message);
}
#define REFUSED(s, what, at) refused(s, what, at, __LINE__)

/* standards.md §1.4: GTIN, SSCC and GLN bodies. */
static void
test_check_digit(void)
{
	CHECK_INT(gs1_check_digit("0952123454321", 13), 3);
	CHECK_INT(gs1_check_digit("00952140100000001", 17), 3);
	CHECK_INT(gs1_check_digit("095212345678", 12), 6);
	CHECK_INT(gs1_check_digit("09521x3454321", 13), -1);
	CHECK(gs1_check_digit_valid("09521234543213", 14));
	CHECK(!gs1_check_digit_valid("09521234543214", 14));
}

/* §1.9 row 1: GS1-128 with a GS after the variable lot. */
static void
test_scan_c1(void)
{
	struct gs1_result r;
	struct gs1_error e;

	REQUIRE(parse("]C101095212345432131726123110LOT-A1\x1d" "21SN000123", &r, &e));
	CHECK_STR(r.symbology, "]C1");
	REQUIRE(r.nfields == 4);
	CHECK_STR(r.fields[0].ai, "01");
	CHECK_STR(r.fields[0].value, "09521234543213");
	CHECK_STR(r.fields[0].title, "GTIN");
	CHECK_STR(r.fields[1].ai, "17");
	CHECK(r.fields[1].has_date);
	CHECK_INT(r.fields[1].date.year, 2026);
	CHECK_INT(r.fields[1].date.month, 12);
	CHECK_INT(r.fields[1].date.day, 31);
	CHECK_STR(r.fields[2].value, "LOT-A1");
	CHECK_STR(r.fields[3].ai, "21");
	CHECK_STR(r.fields[3].value, "SN000123");
	CHECK_INT(r.fields[3].offset, 36);
}

/* §1.9 row 2: DataMatrix, day 00 = last day of the month (2025-02-28). */
static void
test_scan_d2_day00(void)
{
	struct gs1_result r;
	struct gs1_error e;
	const struct gs1_field *f;

	REQUIRE(parse("]d2010952123454321321SN0001\x1d" "10LOT42\x1d" "11250200", &r, &e));
	CHECK_INT(r.nfields, 4);
	f = gs1_find(&r, "11");
	REQUIRE(f != NULL);
	CHECK_INT(f->date.year, 2025);
	CHECK_INT(f->date.month, 2);
	CHECK_INT(f->date.day, 28);
	CHECK(!f->date.day_given);
	CHECK_STR(gs1_find(&r, "10")->value, "LOT42");
}

/* §1.9 rows 3–7: SSCC, 3102 decimals, GIAI, 7003, 414+254. */
static void
test_scan_examples(void)
{
	struct gs1_result r;
	struct gs1_error e;
	const struct gs1_field *f;

	REQUIRE(parse("]C100009521401000000013", &r, &e));
	CHECK_STR(r.fields[0].ai, "00");
	REQUIRE(parse("]C101095212345432133102001250", &r, &e));
	f = gs1_find(&r, "3102");
	REQUIRE(f != NULL && f->has_measure);
	CHECK_STR(f->measure_text, "12.50");
	CHECK_NEAR(f->measure, 12.5, 1e-9);
	REQUIRE(parse("]Q380040952123ASSET-0042", &r, &e));
	CHECK_STR(r.fields[0].ai, "8004");
	CHECK_STR(r.fields[0].value, "0952123ASSET-0042");
	REQUIRE(parse("]d2010952123454321370032512311430\x1d" "10B7", &r, &e));
	f = gs1_find(&r, "7003");
	REQUIRE(f != NULL);
	CHECK_INT(f->date.day, 31);
	CHECK_INT(f->date.hour, 14);
	CHECK_INT(f->date.minute, 30);
	CHECK_STR(gs1_find(&r, "10")->value, "B7");
	REQUIRE(parse("]C14140952123456786254LINE-3", &r, &e));
	CHECK_STR(gs1_find(&r, "254")->value, "LINE-3");
}

/* §1.5: (3103)000189 = 0.189 kg. */
static void
test_decimals(void)
{
	struct gs1_result r;
	struct gs1_error e;

	REQUIRE(parse_loose("(3103)000189", &r, &e));
	CHECK_STR(r.fields[0].measure_text, "0.189");
	REQUIRE(parse_loose("(3100)000189", &r, &e));
	CHECK_STR(r.fields[0].measure_text, "189");
	REFUSED("(3106)000189", "unknown Application Identifier", 1);
}

static void
test_hri_and_bare(void)
{
	struct gs1_result r;
	struct gs1_error e;
	char hri[200];

	REQUIRE(parse("(01)09521234543213(10)LOT42(21)SN0001(17)261231", &r, &e));
	CHECK_INT(r.form, GS1_FORM_HRI);
	CHECK_INT(r.nfields, 4);
	gs1_format_hri(&r, hri, sizeof hri);
	CHECK_STR(hri, "(01)09521234543213(10)LOT42(21)SN0001(17)261231");
	/* No symbology identifier: an element string all the same. */
	REQUIRE(parse("0109521234543213", &r, &e));
	CHECK_STR(r.symbology, "");
	CHECK_INT(r.form, GS1_FORM_SCAN);
	/* A leading GS (FNC1 sent as GS) and a trailing CR are tolerated. */
	REQUIRE(parse_loose("]C1\x1d" "10ABC\r\n", &r, &e));
	CHECK_STR(r.fields[0].value, "ABC");
	/* EAN-13 becomes (01) padded to 14. */
	REQUIRE(parse("]E09521234543213", &r, &e));
	CHECK_STR(r.fields[0].value, "09521234543213");
}

static void
test_substitute_gs(void)
{
	struct gs1_options o = { .gs_substitute = '|', .current_year = 2025 };
	struct gs1_result r;
	struct gs1_error e;
	const char *s = "]C10109521234543213" "10LOT42|21SN1";

	REQUIRE(gs1_parse(s, strlen(s), &o, &r, &e));
	CHECK_STR(gs1_find(&r, "10")->value, "LOT42");
	CHECK_STR(gs1_find(&r, "21")->value, "SN1");
	/* Without the option '|' is a wrong character in the lot. */
	REFUSED(s, "'|' is not allowed", 26);
}

/* §1.8: the DL example, and the order of qualifiers. */
static void
test_digital_link(void)
{
	struct gs1_result r;
	struct gs1_error e;
	char hri[200];

	REQUIRE(parse("https://id.gs1.org/01/09521234543213/10/LOT42/21/SN0001?17=261231", &r, &e));
	CHECK_INT(r.form, GS1_FORM_DL);
	gs1_format_hri(&r, hri, sizeof hri);
	CHECK_STR(hri, "(01)09521234543213(10)LOT42(21)SN0001(17)261231");
	REQUIRE(parse("]Q1https://id.example.com/shop/x/01/09521234543213/10/L%2F7?foo=1&3103=000189",
	    &r, &e));
	CHECK_STR(gs1_find(&r, "10")->value, "L/7");
	CHECK_STR(gs1_find(&r, "3103")->measure_text, "0.189");
	REQUIRE(parse("https://id.gs1.org/414/0952123456786/254/LINE-3", &r, &e));
	CHECK_INT(r.nfields, 2);
	REFUSED("https://id.gs1.org/01/09521234543213/21/SN0001/10/LOT42",
	    "not a valid key-qualifier sequence", 19);
	REFUSED("https://id.gs1.org/01/09521234543213/", "must not end with '/'", 36);
	REFUSED("https://id.gs1.org/10/LOT42", "no GS1 primary key", 0);
	REFUSED("https://id.gs1.org/01/09521234543213/10/A%2", "percent-encoding", 41);
	REFUSED("https://id.gs1.org/01/0952123454321", "too short", 19);
}

/* Every kind of bad input named in the issue, with where. */
static void
test_errors(void)
{
	REFUSED("]C1040952123454321", "unknown Application Identifier", 3);
	REFUSED("]C10109521234", "too short", 3);
	REFUSED("]C110ABCDEFGHIJKLMNOPQRSTU", "too long", 3);
	REFUSED("]C110LOT 1", "byte 0x20 is not allowed", 8);
	REFUSED("]C110LOT\x01", "byte 0x01", 8);
	REFUSED("]C101095212345432X3", "not allowed", 17);
	REFUSED("]C101095212345432 14", "not allowed", 17);
	REFUSED("]C10109521234543214", "bad check digit 4, expected 3", 18);
	REFUSED("]C100009521401000000014", "bad check digit", 22);
	REFUSED("]C1410095212345678" "7", "bad check digit", 18);
	REFUSED("]C111251301", "month 13", 7);
	REFUSED("]C111250230", "day 30", 9);
	REFUSED("]C111240230", "day 30", 9);
	REFUSED("]C17003251231\x1d", "too short", 3);
	REFUSED("]C170032512002430", "day 00", 11);
	REFUSED("]C170032512312460", "time", 13);
	REFUSED("]C1422276101", "missing separator", 9);
	REFUSED("]C110A\x1d\x1d" "21B", "unexpected separator", 7);
	REFUSED("]C101095212345432131" "0X" "\x1d" "10Y", "appears twice", 23);
	REFUSED("]C", "incomplete symbology", 0);
	REFUSED("]X9123", "symbology identifier ]X9", 0);
	REFUSED("]Q1LOT42", "plain data", 0);
	REFUSED("", "no data", 0);
	REFUSED("]C1", "no data", 3);
	REFUSED("hello", "not GS1 data", 0);
	REFUSED("(01)09521234543213(1", "does not open an Application Identifier", 18);
	REFUSED("01)0952", "too short", 0);
}

/* The leap day: 2024-02-29 exists, 2025-02-29 does not. */
static void
test_dates(void)
{
	struct gs1_result r;
	struct gs1_error e;

	REQUIRE(parse_loose("]C111240229", &r, &e));
	CHECK_INT(r.fields[0].date.day, 29);
	REFUSED("]C111250229", "day 29", 9);
	/* Century rule (§1.5): in 2025, 75 is 2075 and 76 is 1976. */
	REQUIRE(parse_loose("]C111750101", &r, &e));
	CHECK_INT(r.fields[0].date.year, 2075);
	REQUIRE(parse_loose("]C111760101", &r, &e));
	CHECK_INT(r.fields[0].date.year, 1976);
}

/* §1.3: a missing GS between two variable fields is not a syntax error;
 * the pairing rules catch it when the swallowed AI was needed. */
static void
test_missing_gs(void)
{
	struct gs1_result r;
	struct gs1_error e;

	/* §1.3 [V]: syntax alone reads one lot, no serial. */
	REQUIRE(parse_loose("]C110LOT4221SN1", &r, &e));
	CHECK_INT(r.nfields, 1);
	CHECK_STR(r.fields[0].value, "LOT4221SN1");
	/* With a GTIN, a lot without a serial is a valid label. */
	REQUIRE(parse("]C10109521234543213" "10LOT4221SN1", &r, &e));
	CHECK_INT(r.nfields, 2);
	CHECK(gs1_find(&r, "21") == NULL);
	/* The GS between lot and serial is missing, and the (250) after them
	 * now lacks its (21): refused, pointing at the (250). */
	REFUSED("]C10109521234543213" "10LOT4221SN1\x1d" "250ABC",
	    "AI (250) SECONDARY SERIAL needs AI (21) in the same barcode", 32);
	REFUSED("]C1010952123454321310LOT42\x1d" "250ABC", "needs AI (21)", 27);
	/* With the GS in place the same data is accepted. */
	REQUIRE(parse("]C10109521234543213" "10LOT42\x1d" "21SN1\x1d" "250ABC", &r, &e));
	CHECK_STR(gs1_find(&r, "21")->value, "SN1");
	CHECK_STR(gs1_find(&r, "250")->value, "ABC");
}

/* Each kind of rule in the dictionary's "req"/"ex" attributes. */
static void
test_pairing(void)
{
	struct gs1_result r;
	struct gs1_error e;

	/* A single requirement: 254 needs 414; 22 needs 01. */
	REFUSED("]C1254LINE-3", "AI (254) GLN EXTENSION COMPONENT needs AI (414) in the same barcode",
	    3);
	REFUSED("(22)ABC", "AI (22) CPV needs AI (01) in the same barcode", 1);
	/* One of several. */
	REQUIRE(!parse("]C121SN1", &r, &e));
	CHECK_STR(e.message, "AI (21) SERIAL needs AI (01), (03) or (8006) in the same barcode");
	CHECK_INT(e.offset, 3);
	REFUSED("]C1" "10LOT\x1d" "17261231",
	    "AI (10) BATCH/LOT needs AI (01), (02), (03), (8006) or (8026)", 3);
	REFUSED("]C13102001250", "AI (3102) NET WEIGHT (kg) needs AI (01) or (02)", 3);
	REFUSED("]C13302001250", "AI (3302) GROSS WEIGHT (kg) needs AI (00) or (01)", 3);
	REQUIRE(parse("]C100009521401000000013" "3302001250", &r, &e));
	/* Both of: 37 needs (00) and one of (02), (8026); 250 needs a key and
	 * (21). The group that fails is the one named. */
	REFUSED("]C10209521234543213" "3712", "AI (37) COUNT needs AI (00) in the same barcode", 19);
	REFUSED("]C100009521401000000013" "3712", "AI (37) COUNT needs AI (02) or (8026)", 23);
	REQUIRE(parse("]C100009521401000000013" "0209521234543213" "3712", &r, &e));
	CHECK_INT(r.nfields, 3);
	REFUSED("(21)SN1(250)ABC", "AI (21) SERIAL needs AI (01), (03) or (8006)", 1);
	REQUIRE(parse("(01)09521234543213(21)SN1(250)ABC", &r, &e));
	/* Excludes: 02 with 01, 21 with 235, two decimals of one measure. The
	 * later of the two AIs is pointed at. */
	REFUSED("]C10109521234543213" "0209521234543213",
	    "AI (02) CONTENT cannot be in the same barcode as AI (01) GTIN", 19);
	REFUSED("]C10109521234543213" "3712", "AI (37) COUNT cannot be in the same barcode as "
	    "AI (01) GTIN", 19);
	REFUSED("(01)09521234543213(235)X(21)Y", "AI (21) SERIAL cannot be in the same barcode as "
	    "AI (235) TPX", 25);
	REFUSED("]C10109521234543213" "3102001250" "3103000189",
	    "AI (3103) NET WEIGHT (kg) cannot be in the same barcode as AI (3102)", 29);
	/* Two different measures may share a barcode. */
	REQUIRE(parse("]C10109521234543213" "3102001250" "3112000300", &r, &e));
	/* A payment slip: 8020 and 415 need each other. */
	REFUSED("(8020)REF1", "AI (8020) REF No. needs AI (415)", 1);
	REQUIRE(parse("(415)0952123456786(8020)REF1", &r, &e));
	/* Digital Link fields obey the same rules; the query AI is pointed at. */
	REFUSED("https://id.example.com/8004/0952123ASSET-0042?10=LOT1", "AI (10) BATCH/LOT needs", 46);
}

/* The option turns the rules off; the combined fields of several labels
 * can be checked afterwards with gs1_ai_check_pairing. */
static void
test_pairing_option(void)
{
	struct gs1_result r, label2;
	struct gs1_error e;

	REQUIRE(parse_loose("]C121SN1\x1d" "250ABC", &r, &e));
	CHECK_INT(r.nfields, 2);
	REQUIRE(parse_loose("]C10209521234543213" "0109521234543213", &r, &e));
	CHECK(!gs1_parse("]C121SN1", 8, NULL, &r, &e));
	/* Two labels on one item: a serial label and a GTIN label. */
	REQUIRE(parse_loose("]C121SN1", &r, &e));
	CHECK(!gs1_ai_check_pairing(&r, &e));
	CHECK(strstr(e.message, "needs AI (01)") != NULL);
	REQUIRE(parse_loose("]E09521234543213", &label2, &e));
	REQUIRE(r.nfields < GS1_MAX_FIELDS);
	r.fields[r.nfields++] = label2.fields[0];
	CHECK(gs1_ai_check_pairing(&r, &e));
}

/* '(' inside a value in the (AI) form: written "\(" as in the GS1
 * bracketed syntax; a bare one is refused with that advice. */
static void
test_hri_paren(void)
{
	struct gs1_result r;
	struct gs1_error e;
	char hri[200];

	REQUIRE(parse("(01)09521234543213(10)A\\(B(21)X", &r, &e));
	CHECK_STR(gs1_find(&r, "10")->value, "A(B");
	CHECK_STR(gs1_find(&r, "21")->value, "X");
	gs1_format_hri(&r, hri, sizeof hri);
	CHECK_STR(hri, "(01)09521234543213(10)A\\(B(21)X");
	REQUIRE(parse(hri, &r, &e));
	CHECK_STR(gs1_find(&r, "10")->value, "A(B");
	REFUSED("(01)09521234543213(10)A(B", "must be written \\(", 23);
	/* Offsets after an escape still point at the byte typed. */
	REFUSED("(01)09521234543213(10)A\\( B", "byte 0x20 is not allowed at position 3", 25);
	/* A backslash that escapes nothing is not a GS1 character. */
	REFUSED("(01)09521234543213(10)A\\B", "'\\' is not allowed", 23);
	/* A small buffer cuts the text without splitting "\(". */
	REQUIRE(parse("(01)09521234543213(10)A\\(B", &r, &e));
	gs1_format_hri(&r, hri, 24);
	CHECK_STR(hri, "(01)09521234543213(10)A");
}

/* Errors in rewritten values point at the byte in the original input. */
static void
test_error_offsets_rewritten(void)
{
	/* %20 decodes to a space: the error is at its '%'. */
	REFUSED("https://id.gs1.org/01/09521234543213/10/AB%20C", "byte 0x20", 42);
	/* An encoded check digit. */
	REFUSED("https://id.gs1.org/01/0952123454321%34", "bad check digit 4", 35);
	/* Query values too. */
	REFUSED("https://id.gs1.org/01/09521234543213?17=26%31331", "month 13", 42);
	/* A bare EAN-13 is zero-padded; its check digit is its last byte. */
	REFUSED("]E09521234543214", "bad check digit", 15);
}

static void
test_too_long_input(void)
{
	static char big[GS1_MAX_INPUT + 10];
	struct gs1_result r;
	struct gs1_error e;

	memset(big, '9', sizeof big);
	CHECK(!gs1_parse(big, sizeof big, NULL, &r, &e));
	CHECK(strstr(e.message, "too long") != NULL);
}

int
main(void)
{
	RUN(test_check_digit);
	RUN(test_scan_c1);
	RUN(test_scan_d2_day00);
	RUN(test_scan_examples);
	RUN(test_decimals);
	RUN(test_hri_and_bare);
	RUN(test_substitute_gs);
	RUN(test_digital_link);
	RUN(test_errors);
	RUN(test_dates);
	RUN(test_missing_gs);
	RUN(test_pairing);
	RUN(test_pairing_option);
	RUN(test_hri_paren);
	RUN(test_error_offsets_rewritten);
	RUN(test_too_long_input);
	return check_done();
}
