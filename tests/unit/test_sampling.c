/*
 * test_sampling.c — ISO 2859-1 / Z1.4 code letters, plans and switching.
 * Expected values: Table 1 and the master tables as digested in
 * standards.md §2.1–2.4 (checked there against MIL-STD-105E derived tables
 * and a GB/T 2828.1 implementation); the worked examples of §2.3 and the
 * reduced example of §2.4 (aqlinspectorsrule "Example 3").
 */
#include <string.h>

#include "shared/quality/sampling.h"
#include "tests/lib/check.h"

static struct sampling_plan
plan(long lot, enum sampling_level lv, double aql, enum sampling_severity sev,
    enum sampling_scheme sch)
{
	struct sampling_plan p;
	char err[200];

	if (!sampling_plan_find(lot, lv, aql, sev, sch, &p, err, sizeof err))
		p.letter = '!';
	return p;
}

/* Lot sizes at the borders of Table 1's ranges. */
static void
test_code_letters(void)
{
	CHECK_INT(sampling_code_letter(1, SAMPLING_II), 0);
	CHECK_INT(sampling_code_letter(2, SAMPLING_II), 'A');
	CHECK_INT(sampling_code_letter(8, SAMPLING_II), 'A');
	CHECK_INT(sampling_code_letter(9, SAMPLING_II), 'B');
	CHECK_INT(sampling_code_letter(280, SAMPLING_II), 'G');
	CHECK_INT(sampling_code_letter(281, SAMPLING_II), 'H');
	CHECK_INT(sampling_code_letter(1200, SAMPLING_II), 'J');
	CHECK_INT(sampling_code_letter(1201, SAMPLING_II), 'K');
	CHECK_INT(sampling_code_letter(500000, SAMPLING_II), 'P');
	CHECK_INT(sampling_code_letter(500001, SAMPLING_II), 'Q');
	CHECK_INT(sampling_code_letter(500001, SAMPLING_III), 'R');
	CHECK_INT(sampling_code_letter(20, SAMPLING_I), 'B');
	CHECK_INT(sampling_code_letter(3201, SAMPLING_S4), 'G');
	CHECK_INT(sampling_code_letter(150001, SAMPLING_S1), 'D');
	CHECK_INT(sampling_code_letter(125, SAMPLING_III), 'G');
}

/* standards.md §2.3 worked examples. */
static void
test_worked_examples(void)
{
	struct sampling_plan p = plan(20, SAMPLING_I, 1.5, SAMPLING_NORMAL, SAMPLING_ISO2859);

	CHECK_INT(p.letter, 'B');
	CHECK_INT(p.used_letter, 'D');
	CHECK_INT(p.n, 8);
	CHECK_INT(p.ac, 0);
	CHECK_INT(p.re, 1);
	p = plan(1000, SAMPLING_II, 1.5, SAMPLING_NORMAL, SAMPLING_ISO2859);
	CHECK_INT(p.letter, 'J');
	CHECK_INT(p.n, 80);
	CHECK_INT(p.ac, 3);
	CHECK_INT(p.re, 4);
	CHECK(!p.full_inspection);
}

/* Cells read straight off Tables 2-A, 2-B, 2-C of the digest. */
static void
test_table_cells(void)
{
	struct sampling_plan p;

	p = plan(3000, SAMPLING_II, 6.5, SAMPLING_NORMAL, SAMPLING_ISO2859);     /* K */
	CHECK_INT(p.ac, 14);
	p = plan(3000, SAMPLING_II, 6.5, SAMPLING_TIGHTENED, SAMPLING_ISO2859);
	CHECK_INT(p.ac, 12);
	CHECK_INT(p.re, 13);
	p = plan(3000, SAMPLING_II, 6.5, SAMPLING_REDUCED, SAMPLING_ISO2859);
	CHECK_INT(p.n, 50);
	CHECK_INT(p.ac, 7);
	/* M at 6.5 is ↑: L 200 21/22. */
	p = plan(5000, SAMPLING_II, 6.5, SAMPLING_NORMAL, SAMPLING_ISO2859);
	CHECK_INT(p.letter, 'L');
	p = plan(10000, SAMPLING_II, 6.5, SAMPLING_NORMAL, SAMPLING_ISO2859);
	CHECK_INT(p.letter, 'L');
	p = plan(35000, SAMPLING_II, 6.5, SAMPLING_NORMAL, SAMPLING_ISO2859);     /* M */
	CHECK_INT(p.used_letter, 'L');
	CHECK_INT(p.n, 200);
	CHECK_INT(p.ac, 21);
	/* R normal 0.065 = 3/4, tightened 2/3. */
	p = plan(600000, SAMPLING_III, 0.065, SAMPLING_NORMAL, SAMPLING_ISO2859);
	CHECK_INT(p.n, 2000);
	CHECK_INT(p.ac, 3);
	p = plan(600000, SAMPLING_III, 0.065, SAMPLING_TIGHTENED, SAMPLING_ISO2859);
	CHECK_INT(p.ac, 2);
}

/* AQLs on arrows: the sample size follows the arrow. */
static void
test_arrows(void)
{
	struct sampling_plan p;

	/* Normal B (n 3) at 6.5 is ↑ → A: n 2, 0/1. */
	p = plan(10, SAMPLING_II, 6.5, SAMPLING_NORMAL, SAMPLING_ISO2859);
	CHECK_INT(p.used_letter, 'A');
	CHECK_INT(p.n, 2);
	CHECK_INT(p.ac, 0);
	/* Tightened H (n 50) at 1.0 is ↓ → J: n 80, 1/2. */
	p = plan(400, SAMPLING_II, 1.0, SAMPLING_TIGHTENED, SAMPLING_ISO2859);
	CHECK_INT(p.letter, 'H');
	CHECK_INT(p.used_letter, 'J');
	CHECK_INT(p.n, 80);
	CHECK_INT(p.ac, 1);
	/* Tightened 0.025 from Q goes to the extra row S = 3150. */
	p = plan(600000, SAMPLING_II, 0.025, SAMPLING_TIGHTENED, SAMPLING_ISO2859);
	CHECK_INT(p.used_letter, 'S');
	CHECK_INT(p.n, 3150);
	CHECK_INT(p.ac, 1);
	CHECK_INT(p.re, 2);
	/* Sample size not below the lot: 100 %. */
	p = plan(5, SAMPLING_II, 0.065, SAMPLING_NORMAL, SAMPLING_ISO2859);
	CHECK(p.full_inspection);
	CHECK_INT(p.n, 5);
	CHECK(strstr(p.note, "100 %") != NULL);
}

/* standards.md §2.4: lot 125, level III, AQL 1.0 reduced. */
static void
test_reduced_iso_vs_z14(void)
{
	struct sampling_plan p = plan(125, SAMPLING_III, 1.0, SAMPLING_REDUCED, SAMPLING_ISO2859);

	CHECK_INT(p.used_letter, 'J');
	CHECK_INT(p.n, 32);
	CHECK_INT(p.ac, 1);
	CHECK_INT(p.re, 2);
	p = plan(125, SAMPLING_III, 1.0, SAMPLING_REDUCED, SAMPLING_Z14);
	CHECK_INT(p.used_letter, 'H');
	CHECK_INT(p.n, 20);
	CHECK_INT(p.ac, 0);
	CHECK_INT(p.re, 2);
	CHECK(sampling_accepts(&p, 1));     /* Ac < d < Re is accepted under Z1.4 */
	CHECK(!sampling_accepts(&p, 2));
}

static void
test_bad_input(void)
{
	struct sampling_plan p;
	char err[200];
	enum sampling_level lv;

	CHECK(!sampling_plan_find(1, SAMPLING_II, 1.0, SAMPLING_NORMAL, SAMPLING_ISO2859, &p, err,
	    sizeof err));
	CHECK(strstr(err, "at least 2") != NULL);
	CHECK(!sampling_plan_find(100, SAMPLING_II, 0.3, SAMPLING_NORMAL, SAMPLING_ISO2859, &p, err,
	    sizeof err));
	CHECK(strstr(err, "AQL 0.3") != NULL);
	CHECK(!sampling_plan_find(-5, SAMPLING_II, 1.0, SAMPLING_NORMAL, SAMPLING_ISO2859, &p, err,
	    sizeof err));
	CHECK(sampling_parse_level("S-3", &lv) && lv == SAMPLING_S3);
	CHECK(sampling_parse_level("iii", &lv) && lv == SAMPLING_III);
	CHECK(!sampling_parse_level("IV", &lv));
}

static bool
feed(struct sampling_switch *sw, long lot, double aql, long d, bool steady, bool approved)
{
	struct sampling_plan p = plan(lot, SAMPLING_II, aql, sampling_switch_severity(sw), sw->scheme);
	struct sampling_lot l = { d, steady, approved };
	return sampling_switch_feed(sw, &p, &l);
}

static void
test_switch_tightened_and_back(void)
{
	struct sampling_switch sw;

	sampling_switch_init(&sw, SAMPLING_ISO2859);
	CHECK(!feed(&sw, 1000, 1.5, 4, true, false));       /* J 80 3/4: rejected */
	CHECK(feed(&sw, 1000, 1.5, 0, true, false));
	CHECK(feed(&sw, 1000, 1.5, 0, true, false));
	CHECK_INT(sw.mode, SAMPLING_MODE_NORMAL);
	CHECK(!feed(&sw, 1000, 1.5, 9, true, false));       /* 2nd of 4: tightened */
	CHECK_INT(sw.mode, SAMPLING_MODE_TIGHTENED);
	for (int i = 0; i < 4; i++)
		feed(&sw, 1000, 1.5, 0, true, false);
	CHECK_INT(sw.mode, SAMPLING_MODE_TIGHTENED);
	feed(&sw, 1000, 1.5, 0, true, false);
	CHECK_INT(sw.mode, SAMPLING_MODE_NORMAL);
	/* 2 rejections 6 lots apart do not tighten. */
	feed(&sw, 1000, 1.5, 9, true, false);
	for (int i = 0; i < 4; i++)
		feed(&sw, 1000, 1.5, 0, true, false);
	feed(&sw, 1000, 1.5, 9, true, false);
	CHECK_INT(sw.mode, SAMPLING_MODE_NORMAL);
}

static void
test_switch_discontinue(void)
{
	struct sampling_switch sw;

	sampling_switch_init(&sw, SAMPLING_ISO2859);
	feed(&sw, 1000, 1.5, 9, true, false);
	feed(&sw, 1000, 1.5, 9, true, false);
	CHECK_INT(sw.mode, SAMPLING_MODE_TIGHTENED);
	for (int i = 0; i < 4; i++) {
		feed(&sw, 1000, 1.5, 9, true, false);
		feed(&sw, 1000, 1.5, 0, true, false);
	}
	CHECK_INT(sw.mode, SAMPLING_MODE_TIGHTENED);
	feed(&sw, 1000, 1.5, 9, true, false);
	CHECK_INT(sw.mode, SAMPLING_MODE_DISCONTINUED);
	CHECK(!feed(&sw, 1000, 1.5, 0, true, false));
	sampling_switch_resume(&sw);
	CHECK_INT(sw.mode, SAMPLING_MODE_TIGHTENED);
}

/* ISO score: Ac = 3 at J/1.5; d ≤ 2 (Ac one step tighter, 1.0) adds 3. */
static void
test_switch_reduced_iso(void)
{
	struct sampling_switch sw;

	sampling_switch_init(&sw, SAMPLING_ISO2859);
	for (int i = 0; i < 9; i++)
		feed(&sw, 1000, 1.5, 1, true, true);
	CHECK_INT(sw.score, 27);
	feed(&sw, 1000, 1.5, 3, true, true);                /* accepted, not at 1.0: reset */
	CHECK_INT(sw.score, 0);
	for (int i = 0; i < 10; i++)
		feed(&sw, 1000, 1.5, 0, true, i < 9 ? false : true);
	CHECK_INT(sw.mode, SAMPLING_MODE_REDUCED);
	feed(&sw, 1000, 1.5, 0, false, true);               /* production not steady */
	CHECK_INT(sw.mode, SAMPLING_MODE_NORMAL);
	CHECK_INT(sw.score, 0);
}

static void
test_switch_reduced_z14(void)
{
	struct sampling_switch sw;

	sampling_switch_init(&sw, SAMPLING_Z14);
	for (int i = 0; i < 10; i++)
		feed(&sw, 1000, 1.5, 1, true, true);
	CHECK_INT(sw.mode, SAMPLING_MODE_REDUCED);
	/* Reduced J (n 32) at 1.5 is 1/4 under Z1.4: d = 2 is accepted but
	 * Ac < d < Re sends inspection back to normal. */
	CHECK(feed(&sw, 1000, 1.5, 2, true, true));
	CHECK_INT(sw.mode, SAMPLING_MODE_NORMAL);
}

int
main(void)
{
	RUN(test_code_letters);
	RUN(test_worked_examples);
	RUN(test_table_cells);
	RUN(test_arrows);
	RUN(test_reduced_iso_vs_z14);
	RUN(test_bad_input);
	RUN(test_switch_tightened_and_back);
	RUN(test_switch_discontinue);
	RUN(test_switch_reduced_iso);
	RUN(test_switch_reduced_z14);
	return check_done();
}
