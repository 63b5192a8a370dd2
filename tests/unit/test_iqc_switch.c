/*
 * test_iqc_switch.c — the switching rules of ISO 2859-1 (standards.md
 * §2.5) as incoming inspection runs them for one supplier + part: one
 * sequence of lot results with a known answer, through
 * normal → tightened → normal → reduced → normal → tightened → (5 lots not
 * accepted on tightened) discontinued → resumed at tightened, each change
 * with its reason code, its numbers and its words.
 *
 * Every lot is 1 000 units at level II, AQL 1.5: code letter J. The plans
 * (standards.md §2.3): normal n = 80, Ac 3, Re 4 (Ac one AQL step tighter,
 * 1.0: 2); tightened n = 80, Ac 2, Re 3; reduced (ISO) n = 32, Ac 1, Re 2.
 * The expected mode after each lot is what the rules say, by hand:
 *   lots 1-3   normal: rejected, accepted, rejected: 2 of the last 3 not
 *              accepted (≤ 5 consecutive) → tightened
 *   lots 4-8   tightened: 5 accepted in a row → normal
 *   lots 9-18  normal: 10 accepted with d ≤ 2 (accepted at AQL 1.0 too,
 *              Ac ≥ 2): +3 each, score 30 at lot 18 → reduced
 *   lot 19     reduced: not accepted → normal
 *   lots 20-21 normal: 2 of the last 2 not accepted → tightened
 *   lots 22-28 tightened: 5 not accepted, 2 accepted between them (the
 *              count is cumulative, not consecutive): at the 5th →
 *              discontinued
 *   lot 29     refused while discontinued; resumed → tightened
 * The score increments are the ones standards.md §8 item 1 marks recalled
 * (the lot 18 switch depends on them); everything else is confirmed there.
 */
#include <string.h>

#include "shared/i18n.h"
#include "shared/quality/sampling.h"
#include "tests/lib/check.h"
#include "tests/lib/harness.h"

struct step {
	long d;                     /* defectives in the sample */
	bool accepted;              /* the plan's verdict */
	enum sampling_mode after;
	enum sampling_reason reason;    /* of the mode after */
	long a, b;
};

#define N SAMPLING_MODE_NORMAL
#define T SAMPLING_MODE_TIGHTENED
#define R SAMPLING_MODE_REDUCED
#define D SAMPLING_MODE_DISCONTINUED

static const struct step sequence[] = {
	{ 4, false, N, SAMPLING_WHY_START, 0, 0 },                 /* 1 */
	{ 0, true, N, SAMPLING_WHY_START, 0, 0 },
	{ 5, false, T, SAMPLING_WHY_REJECTED, 2, 3 },
	{ 0, true, T, SAMPLING_WHY_REJECTED, 2, 3 },               /* 4 */
	{ 1, true, T, SAMPLING_WHY_REJECTED, 2, 3 },
	{ 2, true, T, SAMPLING_WHY_REJECTED, 2, 3 },               /* Ac 2 on tightened */
	{ 0, true, T, SAMPLING_WHY_REJECTED, 2, 3 },
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },           /* 8 */
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },           /* 9: score 3 */
	{ 2, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },
	{ 1, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },
	{ 0, true, N, SAMPLING_WHY_TIGHTENED_OK, 5, 0 },           /* 17: score 27 */
	{ 0, true, R, SAMPLING_WHY_SCORE, 30, 0 },                 /* 18 */
	{ 2, false, N, SAMPLING_WHY_REDUCED_REJECTED, 0, 0 },      /* 19: Re 2 on reduced */
	{ 4, false, N, SAMPLING_WHY_REDUCED_REJECTED, 0, 0 },      /* 20 */
	{ 7, false, T, SAMPLING_WHY_REJECTED, 2, 2 },              /* 21 */
	{ 3, false, T, SAMPLING_WHY_REJECTED, 2, 2 },              /* 22: Re 3 on tightened, the 1st */
	{ 0, true, T, SAMPLING_WHY_REJECTED, 2, 2 },
	{ 3, false, T, SAMPLING_WHY_REJECTED, 2, 2 },
	{ 9, false, T, SAMPLING_WHY_REJECTED, 2, 2 },
	{ 0, true, T, SAMPLING_WHY_REJECTED, 2, 2 },
	{ 3, false, T, SAMPLING_WHY_REJECTED, 2, 2 },              /* 27: the 4th */
	{ 4, false, D, SAMPLING_WHY_DISCONTINUE, 5, 0 },           /* 28: the 5th */
};

static struct sampling_plan
plan_now(const struct sampling_switch *sw)
{
	struct sampling_plan p;
	char err[200];

	if (!sampling_plan_find(1000, SAMPLING_II, 1.5, sampling_switch_severity(sw),
	    SAMPLING_ISO2859, &p, err, sizeof err))
		p.n = -1;
	return p;
}

static void
test_plans_of_the_sequence(void)
{
	struct sampling_switch sw;
	struct sampling_plan p;

	sampling_switch_init(&sw, SAMPLING_ISO2859);
	p = plan_now(&sw);
	CHECK_INT(p.letter, 'J');
	CHECK_INT(p.n, 80);
	CHECK_INT(p.ac, 3);
	CHECK_INT(p.re, 4);
	CHECK_INT(p.ac_tighter, 2);
	sw.mode = SAMPLING_MODE_TIGHTENED;
	p = plan_now(&sw);
	CHECK_INT(p.n, 80);
	CHECK_INT(p.ac, 2);
	CHECK_INT(p.re, 3);
	sw.mode = SAMPLING_MODE_REDUCED;
	p = plan_now(&sw);
	CHECK_INT(p.n, 32);
	CHECK_INT(p.ac, 1);
	CHECK_INT(p.re, 2);
}

static void
test_switching_sequence(void)
{
	struct sampling_switch sw;
	const size_t n = sizeof sequence / sizeof sequence[0];

	sampling_switch_init(&sw, SAMPLING_ISO2859);
	CHECK_INT(sw.mode, N);
	CHECK_INT(sw.reason, SAMPLING_WHY_START);
	for (size_t i = 0; i < n; i++) {
		const struct step *s = &sequence[i];
		struct sampling_plan p = plan_now(&sw);
		struct sampling_lot lot = { s->d, true, true };
		bool accepted = sampling_switch_feed(&sw, &p, &lot);
		if (accepted != s->accepted || sw.mode != s->after || sw.reason != s->reason ||
		    sw.why_a != s->a || sw.why_b != s->b) {
			check_fail(__FILE__, __LINE__, "lot %zu (d = %ld): accepted %d mode %d reason %d (%ld, %ld); expected "
			    "%d %d %d (%ld, %ld)", i + 1, s->d, accepted, sw.mode, sw.reason, sw.why_a,
			    sw.why_b, s->accepted, s->after, s->reason, s->a, s->b);
			return;
		}
		if (i == 16)
			CHECK_INT(sw.score, 27);
	}
	CHECK_INT(sw.tightened_rejected, 5);
	CHECK_STR(sw.why, "5 lots not accepted on tightened: discontinued until corrective action");
	/* Discontinued: no lot is counted until corrective action. */
	{
		struct sampling_plan p = plan_now(&sw);
		struct sampling_lot lot = { 0, true, true };
		CHECK(!sampling_switch_feed(&sw, &p, &lot));
		CHECK_INT(sw.mode, D);
	}
	sampling_switch_resume(&sw);
	CHECK_INT(sw.mode, T);
	CHECK_INT(sw.reason, SAMPLING_WHY_RESUMED);
	CHECK_INT(sw.tightened_rejected, 0);
}

/* The reason in words, from its code and numbers (what a stored state is
 * said with, in the reader's language). */
static void
test_reason_words(void)
{
	char buf[256];

	sampling_switch_why(SAMPLING_WHY_REJECTED, 2, 5, buf, sizeof buf);
	CHECK_STR(buf, "2 of the last 5 lots on normal were not accepted: tightened");
	sampling_switch_why(SAMPLING_WHY_SCORE, 31, 0, buf, sizeof buf);
	CHECK_STR(buf, "switching score 31 ≥ 30, production steady, approved: reduced");
	i18n_use("zh_CN");
	sampling_switch_why(SAMPLING_WHY_REJECTED, 2, 5, buf, sizeof buf);
	CHECK(strstr(buf, "2") != NULL && strstr(buf, "tightened") == NULL);
	i18n_use("en");
}

int
main(void)
{
	harness_i18n_init();
	RUN(test_plans_of_the_sequence);
	RUN(test_switching_sequence);
	RUN(test_reason_words);
	return check_done();
}
