/* test_coq_money.c — the cost of quality's arithmetic (coq_money.h):
 * money read and written in minor units, time costed at a rate with one
 * rounding, a scrapped unit's accumulated value, period keys, the Pareto
 * order, and the confidence interval of a before/after rework rate
 * against published answers. */
#include "shared/quality/coq_money.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

static void
money_is_read_in_minor_units(void)
{
	int64_t v = -1;
	CHECK(coq_money_read("1250", &v));
	CHECK_INT(v, 125000);
	CHECK(coq_money_read("12.5", &v));
	CHECK_INT(v, 1250);
	CHECK(coq_money_read("0.05", &v));
	CHECK_INT(v, 5);
	CHECK(coq_money_read("100000000000.00", &v));
	CHECK_INT(v, COQ_MONEY_MAX);
	static const char *const bad[] = { "", "-1", "+1", "1.005", "1e3", ".5", "5.", "1,5",
	    "1 000", "100000000000.01", "99999999999999999999999", "0x10", "NaN" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = 42;
		if (coq_money_read(bad[i], &v))
			check_fail(__FILE__, __LINE__, "\"%s\" read as %lld", bad[i], (long long)v);
		CHECK_INT(v, 42);
	}
	uint32_t m = 0;
	CHECK(coq_cmin_read("2.5", &m));
	CHECK_INT(m, 250);
	CHECK(!coq_cmin_read("100000.01", &m));
}

static void
money_is_written_with_two_places(void)
{
	char buf[32];
	CHECK_STR(coq_money_text(0, buf, sizeof buf), "0.00");
	CHECK_STR(coq_money_text(1205, buf, sizeof buf), "12.05");
	CHECK_STR(coq_money_text(-1205, buf, sizeof buf), "-12.05");
	CHECK_STR(coq_money_text(-5, buf, sizeof buf), "-0.05");
	CHECK_STR(coq_money_text(INT64_MIN, buf, sizeof buf), "-92233720368547758.08");
}

static void
time_is_costed_once_rounded_half_up(void)
{
	/* 1.5 min at 60.00/h = 1.50 */
	CHECK_INT(coq_time_cost(150, 6000), 150);
	/* 1 min at 0.50/h = 0.8333 fen -> 1 fen; 0.01 min at 1.00/h = 0.0167 fen -> 0 */
	CHECK_INT(coq_time_cost(100, 50), 1);
	CHECK_INT(coq_time_cost(1, 100), 0);
	/* exactly half a fen rounds up: 0.3 min (30) at 1.00/h (100) = 3000/6000 = 0.5 */
	CHECK_INT(coq_time_cost(30, 100), 1);
	CHECK_INT(coq_time_cost(0, 9000), 0);
	/* the largest time at the highest rate does not overflow */
	CHECK(coq_time_cost(UINT32_MAX, COQ_RATE_MAX) > 0);
}

static void
scrap_is_at_the_accumulated_value(void)
{
	/* PCB 18.40, MCU 42.00, R-10K 0.01 x 8, a Wi-Fi module fitted then
	 * removed by a repair and another fitted (19.50 once in the end);
	 * SMT 4 min at 90.00/h = 6.00, reflow 6 min at 80.00/h = 8.00:
	 * 18.40 + 42.00 + 0.08 + 19.50 + 6.00 + 8.00 = 93.98 */
	struct coq_component parts[] = { { 1840, 1 }, { 4200, 1 }, { 1, 8 }, { 1950, 1 },
	    { 1950, -1 }, { 1950, 1 } };
	struct coq_op_done ops[] = { { 400, 9000 }, { 600, 8000 } };
	CHECK_INT(coq_accumulated(parts, 6, ops, 2), 9398);
	CHECK_INT(coq_accumulated(NULL, 0, NULL, 0), 0);
}

static void
periods_have_keys(void)
{
	char buf[24];
	int32_t d;
	REQUIRE(coq_day_read("2025-03-04", &d));
	coq_period_key(d, 0, buf, sizeof buf);
	CHECK_STR(buf, "2025-03-04");
	coq_period_key(d, 2, buf, sizeof buf);
	CHECK_STR(buf, "2025-03");
	coq_period_key(d, 1, buf, sizeof buf);
	CHECK_STR(buf, "2025-W10");
	/* ISO weeks across the year: 2024-12-30 is in 2025-W01, 2021-01-03 in 2020-W53 */
	REQUIRE(coq_day_read("2024-12-30", &d));
	coq_period_key(d, 1, buf, sizeof buf);
	CHECK_STR(buf, "2025-W01");
	REQUIRE(coq_day_read("2021-01-03", &d));
	coq_period_key(d, 1, buf, sizeof buf);
	CHECK_STR(buf, "2020-W53");
	CHECK(!coq_day_read("2025-02-29", &d));
	CHECK(!coq_day_read("2025-13-01", &d));
	CHECK(!coq_day_read("25-03-04", &d));
	CHECK(coq_day_read("2024-02-29", &d));
}

static void
pareto_is_by_cost_then_count(void)
{
	struct coq_pareto_item it[] = { { "BRIDGE", 500, 9 }, { "TORQUE", 2000, 1 },
	    { "OPEN", 500, 12 }, { "ESD", 500, 12 } };
	coq_pareto_sort(it, 4);
	CHECK_STR(it[0].name, "TORQUE");
	CHECK_STR(it[1].name, "ESD");
	CHECK_STR(it[2].name, "OPEN");
	CHECK_STR(it[3].name, "BRIDGE");
}

static void
confidence_interval_matches_published_answers(void)
{
	double lo, hi;
	struct coq_two_prop t;
	/* Wilson score interval, 81/263: 0.2553 to 0.3662 (Newcombe 1998a, Table I) */
	coq_wilson(81, 263, &lo, &hi);
	CHECK_NEAR(lo, 0.2553, 1e-4);
	CHECK_NEAR(hi, 0.3662, 1e-4);
	/* Newcombe 1998b, example (a): 56/70 - 48/80, method 10: 0.0524 to 0.3339.
	 * Here the difference is after - before, so before = 48/80, after = 56/70. */
	REQUIRE(coq_two_prop(48, 80, 56, 70, &t));
	CHECK_NEAR(t.diff, 0.2, 1e-12);
	CHECK_NEAR(t.lo, 0.0524, 1e-4);
	CHECK_NEAR(t.hi, 0.3339, 1e-4);
	CHECK(t.significant);
	/* The seed's claim, 56 of 1000 reworked before and 21 of 1000 after. */
	REQUIRE(coq_two_prop(56, 1000, 21, 1000, &t));
	CHECK_NEAR(t.p1, 0.056, 1e-12);
	CHECK_NEAR(t.p2, 0.021, 1e-12);
	CHECK_NEAR(t.diff, -0.035, 1e-12);
	CHECK(t.hi < 0 && t.lo > -0.06);
	CHECK(t.significant);
	/* 5.6 % -> 2.1 % on 50 units each is not enough to tell */
	REQUIRE(coq_two_prop(3, 50, 1, 50, &t));
	CHECK(!t.significant);
	CHECK(t.lo < 0 && t.hi > 0);
	CHECK(!coq_two_prop(1, 0, 1, 10, &t));
	CHECK(!coq_two_prop(11, 10, 1, 10, &t));
}

int
main(void)
{
	RUN(money_is_read_in_minor_units);
	RUN(money_is_written_with_two_places);
	RUN(time_is_costed_once_rounded_half_up);
	RUN(scrap_is_at_the_accumulated_value);
	RUN(periods_have_keys);
	RUN(pareto_is_by_cost_then_count);
	RUN(confidence_interval_matches_published_answers);
	return check_done();
}
