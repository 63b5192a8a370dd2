/*
 * test_capa_rule.c — the arithmetic of a CAPA (shared/quality/capa_rule.h):
 * when the effectiveness check passes (a lower rate after, exactly, on at
 * least 30 units after), the default windows and a bound given alone, a
 * date as a UTC day, overdue once the whole due day has passed, and the
 * FROM..TO windows a person writes.
 */
#include "shared/quality/capa_rule.h"
#include "tests/lib/check.h"

#include <stdint.h>

/* 2026-11-26 00:00 UTC */
#define DAY_2026_11_26 (INT64_C(1795651200) * 1000000)

static void
effective_needs_a_lower_rate_on_enough_units(void)
{
	/* 2 in 2 before; 1 in 30 after: lower, on 30 units. */
	CHECK(capa_effective(2, 2, 30, 1));
	/* 29 units after are too few to tell, whatever the rate. */
	CHECK(!capa_effective(2, 2, 29, 0));
	CHECK(capa_effective(2, 2, CAPA_AFTER_UNITS_MIN, 0));
	/* The same rate is not lower: 5 in 100 and 3 in 60. */
	CHECK(!capa_effective(100, 5, 60, 3));
	/* Just lower: 5 in 100 (5 %) and 3 in 61 (4.92 %). */
	CHECK(capa_effective(100, 5, 61, 3));
	/* Higher after. */
	CHECK(!capa_effective(100, 1, 100, 2));
	/* Nothing to compare with: no units before, or no defect before. */
	CHECK(!capa_effective(0, 0, 100, 0));
	CHECK(!capa_effective(100, 0, 100, 0));
	/* No overflow at the limits of the counts. */
	CHECK(capa_effective(UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX - 1));
	CHECK(!capa_effective(UINT32_MAX, 1, UINT32_MAX, 1));
}

static void
windows_default_and_given(void)
{
	struct capa_window b, a;
	const int64_t none[4] = { 0, 0, 0, 0 };
	int64_t opened = DAY_2026_11_26, implemented = opened + 5 * CAPA_DAY_US, now = opened +
	    9 * CAPA_DAY_US;
	capa_windows(opened, implemented, now, none, &b, &a);
	CHECK_INT(b.from_us, opened - 30 * CAPA_DAY_US);
	CHECK_INT(b.to_us, opened);
	CHECK_INT(a.from_us, implemented);
	CHECK_INT(a.to_us, now + 1);     /* now itself is in */
	/* A bound given replaces its default alone. */
	const int64_t some[4] = { opened - CAPA_DAY_US, 0, 0, now - CAPA_DAY_US };
	capa_windows(opened, implemented, now, some, &b, &a);
	CHECK_INT(b.from_us, opened - CAPA_DAY_US);
	CHECK_INT(b.to_us, opened);
	CHECK_INT(a.from_us, implemented);
	CHECK_INT(a.to_us, now - CAPA_DAY_US);
}

static void
dates_are_utc_days(void)
{
	int64_t us = 0;
	CHECK(capa_day_us("2026-11-26", &us));
	CHECK_INT(us, DAY_2026_11_26);
	CHECK(capa_day_us("1970-01-02", &us));
	CHECK_INT(us, CAPA_DAY_US);
	CHECK(capa_day_us("2028-02-29", &us));
	CHECK(!capa_day_us("2026-02-29", &us));
	CHECK(!capa_day_us("2026-11-26T08:00", &us));
	CHECK(!capa_day_us("", &us));
	CHECK(!capa_day_us(NULL, &us));
}

static void
overdue_after_the_whole_day(void)
{
	int64_t day = DAY_2026_11_26;
	CHECK(!capa_overdue("2026-11-26", day));
	CHECK(!capa_overdue("2026-11-26", day + CAPA_DAY_US - 1));   /* 23:59:59.999999 */
	CHECK(capa_overdue("2026-11-26", day + CAPA_DAY_US));
	CHECK(capa_overdue("2020-01-31", day));
	CHECK(!capa_overdue("2030-01-31", day));
	CHECK(!capa_overdue("", day));
	CHECK(!capa_overdue("soon", day));
}

static void
windows_as_written(void)
{
	int64_t from, to;
	CHECK(capa_parse_window("2026-11-26..2026-11-26", &from, &to));
	CHECK_INT(from, DAY_2026_11_26);
	CHECK_INT(to, DAY_2026_11_26 + CAPA_DAY_US);     /* the whole day TO */
	CHECK(capa_parse_window("2026-11-01..2026-11-30", &from, &to));
	CHECK_INT(to - from, 30 * CAPA_DAY_US);
	CHECK(capa_parse_window("2026-11-26..", &from, &to));
	CHECK_INT(from, DAY_2026_11_26);
	CHECK_INT(to, 0);
	CHECK(capa_parse_window("..2026-11-25", &from, &to));
	CHECK_INT(from, 0);
	CHECK_INT(to, DAY_2026_11_26);
	CHECK(!capa_parse_window("..", &from, &to));
	CHECK(!capa_parse_window("2026-11-26", &from, &to));
	CHECK(!capa_parse_window("2026-11-27..2026-11-26", &from, &to));
	CHECK(!capa_parse_window("2026-13-01..2026-12-01", &from, &to));
	CHECK(!capa_parse_window("2026-11-01...2026-11-02", &from, &to));
	CHECK(!capa_parse_window("yesterday..today", &from, &to));
	CHECK(!capa_parse_window("2026-11-01..2026-11-02-extra-text-here", &from, &to));
	CHECK(!capa_parse_window(NULL, &from, &to));
}

int
main(void)
{
	RUN(effective_needs_a_lower_rate_on_enough_units);
	RUN(windows_default_and_given);
	RUN(dates_are_utc_days);
	RUN(overdue_after_the_whole_day);
	RUN(windows_as_written);
	return check_done();
}
