/* test_step_rules.c — the pure rules that decide a step. */
#include "shared/step_rules.h"
#include "tests/lib/check.h"

#include <math.h>
#include <string.h>

static Yoke__Step steps[6];
static Yoke__Step *step_ptrs[6];
static Yoke__Operation op;

/* op 10: instruct, scan IC-555 x2, measure 235..250, inspect first-article,
 * check, inspect 1-in-3 */
static void
setup(void)
{
	for (int i = 0; i < 6; i++) {
		yoke__step__init(&steps[i]);
		step_ptrs[i] = &steps[i];
	}
	steps[0].kind = YOKE__STEP_KIND__STEP_INSTRUCT;
	steps[0].text = (char *)"Load panel 装板";
	steps[1].kind = YOKE__STEP_KIND__STEP_SCAN;
	steps[1].part = (char *)"IC-555";
	steps[1].qty = 2;
	steps[2].kind = YOKE__STEP_KIND__STEP_MEASURE;
	steps[2].name = (char *)"solder_temp";
	steps[2].unit = (char *)"C";
	steps[2].has_lsl = steps[2].has_usl = 1;
	steps[2].lsl = 235;
	steps[2].usl = 250;
	steps[3].kind = YOKE__STEP_KIND__STEP_INSPECT;
	steps[3].text = (char *)"Visual: no solder bridges";
	steps[3].frequency = YOKE__FREQUENCY__FREQ_FIRST_ARTICLE;
	steps[4].kind = YOKE__STEP_KIND__STEP_CHECK;
	steps[4].text = (char *)"Paste even";
	steps[5].kind = YOKE__STEP_KIND__STEP_INSPECT;
	steps[5].text = (char *)"AOI reviewed";
	steps[5].frequency = YOKE__FREQUENCY__FREQ_ONE_IN_N;
	steps[5].every_n = 3;
	yoke__operation__init(&op);
	op.number = 10;
	op.n_steps = 6;
	op.steps = step_ptrs;
}

static void
parse_component_forms(void)
{
	struct component_scan s;
	char msg[256];
	CHECK(step_parse_component("IC-555/LOT42\r\n", &s, msg, sizeof msg));
	CHECK_STR(s.part, "IC-555");
	CHECK_STR(s.id, "LOT42");
	CHECK(step_parse_component("R-10K", &s, msg, sizeof msg));
	CHECK_STR(s.part, "R-10K");
	CHECK_STR(s.id, "");
	CHECK(!step_parse_component("", &s, msg, sizeof msg));
	CHECK(strstr(msg, "Empty scan") != NULL);
	CHECK(!step_parse_component("IC-555/", &s, msg, sizeof msg));
	CHECK(strstr(msg, "empty lot or serial") != NULL);
	CHECK(!step_parse_component("/LOT", &s, msg, sizeof msg));
	CHECK(!step_parse_component("A/B/C", &s, msg, sizeof msg));
	CHECK(!step_parse_component("IC\x1d" "555", &s, msg, sizeof msg));
	CHECK(strstr(msg, "control character") != NULL);
	CHECK(!step_parse_component("IC 555", &s, msg, sizeof msg));
	/* A scanner's AIM identifier is not part of yoke's own label. */
	CHECK(step_parse_component("]C0IC-555/LOT42", &s, msg, sizeof msg));
	CHECK_STR(s.part, "IC-555");
	CHECK_STR(s.id, "LOT42");
	CHECK(step_parse_component("]Q1R-10K\r", &s, msg, sizeof msg));
	CHECK_STR(s.part, "R-10K");
	CHECK(!step_parse_component("]Q1", &s, msg, sizeof msg));
	CHECK(strstr(msg, "Empty scan") != NULL);
	char longp[200];
	memset(longp, 'X', sizeof longp - 1);
	longp[sizeof longp - 1] = '\0';
	CHECK(!step_parse_component(longp, &s, msg, sizeof msg));
}

static void
scan_must_match_step_part(void)
{
	struct component_scan s;
	char msg[256];
	setup();
	step_parse_component("IC-556/L1", &s, msg, sizeof msg);
	CHECK_INT(step_check_scan(&steps[1], YOKE__TRACKING__TRACKING_LOT, &s, msg, sizeof msg),
	    YOKE__STATUS__STATUS_WRONG_PART);
	CHECK_STR(msg, "Wrong part: scanned IC-556, this step needs IC-555");
	step_parse_component("IC-555", &s, msg, sizeof msg);
	CHECK_INT(step_check_scan(&steps[1], YOKE__TRACKING__TRACKING_LOT, &s, msg, sizeof msg),
	    YOKE__STATUS__STATUS_BAD_SCAN);
	CHECK(strstr(msg, "lot-tracked") != NULL);
	CHECK_INT(step_check_scan(&steps[1], YOKE__TRACKING__TRACKING_SERIAL, &s, msg, sizeof msg),
	    YOKE__STATUS__STATUS_BAD_SCAN);
	step_parse_component("IC-555/L7", &s, msg, sizeof msg);
	CHECK_INT(step_check_scan(&steps[1], YOKE__TRACKING__TRACKING_LOT, &s, msg, sizeof msg),
	    YOKE__STATUS__STATUS_OK);
	CHECK_INT(step_check_scan(&steps[1], YOKE__TRACKING__TRACKING_NONE, &s, msg, sizeof msg),
	    YOKE__STATUS__STATUS_BAD_SCAN);
}

/* A GS1 label against the step: the AI that does not match is named. */
static void
gs1_label_against_step(void)
{
	struct scan_text t;
	struct gs1_error e;
	struct component_scan s;
	char msg[300];
	const char *lbl = "]C1010952123454321310L-7" "\x1d" "21S-9";
	setup();
	REQUIRE(scan_text_read(lbl, strlen(lbl), &t, &e));
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_LOT, &t, "IC-555", &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_OK);
	CHECK_STR(s.part, "IC-555");
	CHECK_STR(s.id, "L-7");
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_SERIAL, &t, "IC-555", &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_OK);
	CHECK_STR(s.id, "S-9");
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_NONE, &t, "IC-555", &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_OK);
	CHECK_STR(s.id, "");
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_LOT, &t, "MCU-F407", &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_WRONG_PART);
	CHECK_STR(msg, "GTIN 09521234543213 is MCU-F407, this step needs IC-555");
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_LOT, &t, NULL, &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_WRONG_PART);
	CHECK_STR(msg, "GTIN 09521234543213 is not a part of this plant (no part has "
	    "gtin=09521234543213): this step needs IC-555");
	REQUIRE(scan_text_read("(01)09521234543213", 18, &t, &e));
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_LOT, &t, "IC-555", &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_BAD_SCAN);
	CHECK(strstr(msg, "has no lot (10)") != NULL);
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_SERIAL, &t, "IC-555", &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_BAD_SCAN);
	CHECK(strstr(msg, "has no serial (21)") != NULL);
	REQUIRE(scan_text_read("(00)009521401000000013", 22, &t, &e));
	CHECK_INT(step_check_gs1(&steps[1], YOKE__TRACKING__TRACKING_LOT, &t, NULL, &s, msg,
	    sizeof msg), YOKE__STATUS__STATUS_BAD_SCAN);
	CHECK(strstr(msg, "no GTIN (01) or (02)") != NULL);
}

static void
measurement_limits_inclusive(void)
{
	char msg[256];
	setup();
	CHECK(step_in_spec(&steps[2], 235, msg, sizeof msg));
	CHECK(step_in_spec(&steps[2], 250, msg, sizeof msg));
	CHECK(!step_in_spec(&steps[2], 250.01, msg, sizeof msg));
	CHECK_STR(msg, "solder_temp 250.01 C is above USL 250");
	CHECK(!step_in_spec(&steps[2], 234.9, msg, sizeof msg));
	CHECK(strstr(msg, "below LSL 235") != NULL);
	steps[2].has_lsl = 0;   /* one-sided */
	CHECK(step_in_spec(&steps[2], -1000, msg, sizeof msg));
}

static void
first_article_and_one_in_n(void)
{
	setup();
	/* Unit 0 of the work order: first article due, 1-in-3 due. */
	uint64_t due = step_due_mask(&op, 0, 0);
	CHECK_INT(due, 0x3f);
	/* Unit 1 after the first article passed: neither inspection due. */
	due = step_due_mask(&op, 1, 1u << 3);
	CHECK_INT(due, 0x17);
	/* Unit 3 (the 4th): 1-in-3 due again. */
	due = step_due_mask(&op, 3, 1u << 3);
	CHECK_INT(due, 0x37);
	/* First article not passed yet (e.g. it failed): still due for unit 2. */
	due = step_due_mask(&op, 2, 0);
	CHECK(due & (1u << 3));
}

static void
next_step_skips_what_is_not_due(void)
{
	setup();
	uint64_t due = step_due_mask(&op, 1, 1u << 3);  /* steps 3 and 5 not due */
	CHECK_INT(step_next(&op, 0, due), 0);
	CHECK_INT(step_next(&op, 3, due), 4);
	CHECK_INT(step_next(&op, 5, due), 6);   /* past the end: all done */
}

static void
complete_blocks_skipped_inspection(void)
{
	char msg[300];
	setup();
	uint64_t due = step_due_mask(&op, 0, 0);
	/* At step 2 (measure) with the first-article inspection ahead. */
	CHECK_INT(step_can_complete(&op, 2, due, msg, sizeof msg), YOKE__STATUS__STATUS_INSPECTION_REQUIRED);
	CHECK(strstr(msg, "Visual: no solder bridges") != NULL);
	/* At the last step, a 1-in-3 inspection that is due. */
	CHECK_INT(step_can_complete(&op, 5, due, msg, sizeof msg), YOKE__STATUS__STATUS_INSPECTION_REQUIRED);
	/* Only a check left, no inspections due: steps incomplete. */
	due = step_due_mask(&op, 1, 1u << 3);
	CHECK_INT(step_can_complete(&op, 4, due, msg, sizeof msg), YOKE__STATUS__STATUS_STEPS_INCOMPLETE);
	CHECK(strstr(msg, "Step 5 of 6") != NULL);
	CHECK_INT(step_can_complete(&op, 6, due, msg, sizeof msg), YOKE__STATUS__STATUS_OK);
}

static void
entries_fit_kinds(void)
{
	CHECK(step_entry_fits(YOKE__STEP_KIND__STEP_SCAN, YOKE__STEP_RECORD__ENTRY_SCAN));
	CHECK(!step_entry_fits(YOKE__STEP_KIND__STEP_INSPECT, YOKE__STEP_RECORD__ENTRY_PASS));
	CHECK(!step_entry_fits(YOKE__STEP_KIND__STEP_INSPECT, YOKE__STEP_RECORD__ENTRY_CONFIRM));
	CHECK(!step_entry_fits(YOKE__STEP_KIND__STEP_MEASURE, YOKE__STEP_RECORD__ENTRY__NOT_SET));
	CHECK(step_entry_fits(YOKE__STEP_KIND__STEP_CHECK, YOKE__STEP_RECORD__ENTRY_PASS));
}

int
main(void)
{
	RUN(parse_component_forms);
	RUN(scan_must_match_step_part);
	RUN(gs1_label_against_step);
	RUN(measurement_limits_inclusive);
	RUN(first_article_and_one_in_n);
	RUN(next_step_skips_what_is_not_due);
	RUN(complete_blocks_skipped_inspection);
	RUN(entries_fit_kinds);
	return check_done();
}
