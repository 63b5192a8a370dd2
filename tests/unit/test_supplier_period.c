/* test_supplier_period.c — the scorecard's periods (server/material/supplier.h):
 * months, and ISO 8601 weeks with their week-numbering year at the turn of
 * the year, known answers from the calendar; a day's midnight UTC. */
#include "server/material/supplier.h"
#include "tests/lib/check.h"

#include <string.h>

#define DAY_US ((int64_t)86400 * 1000000)

static const char *
period(const char *date, int hour, Yoke__ScorecardPeriod p)
{
	static char buf[16];
	int64_t us = 0;
	if (!supplier_day_us(date, &us))
		return "(not a date)";
	supplier_period(us + (int64_t)hour * 3600 * 1000000, p, buf, sizeof buf);
	return buf;
}

#define WEEK YOKE__SCORECARD_PERIOD__SCORECARD_WEEK
#define MONTH YOKE__SCORECARD_PERIOD__SCORECARD_MONTH

static void
months(void)
{
	CHECK_STR(period("2026-11-30", 23, MONTH), "2026-11");
	CHECK_STR(period("2026-12-01", 0, MONTH), "2026-12");
	CHECK_STR(period("2024-02-29", 12, MONTH), "2024-02");
	char buf[16];
	supplier_period(0, MONTH, buf, sizeof buf);     /* the epoch itself */
	CHECK_STR(buf, "1970-01");
}

static void
iso_weeks(void)
{
	CHECK_STR(period("2026-01-01", 0, WEEK), "2026-W01");    /* a Thursday */
	CHECK_STR(period("2025-12-29", 0, WEEK), "2026-W01");    /* its Monday */
	CHECK_STR(period("2025-12-28", 23, WEEK), "2025-W52");   /* the Sunday before */
	CHECK_STR(period("2027-01-01", 0, WEEK), "2026-W53");    /* a Friday: 2026 has 53 weeks */
	CHECK_STR(period("2027-01-04", 0, WEEK), "2027-W01");
	CHECK_STR(period("2024-12-30", 0, WEEK), "2025-W01");
	CHECK_STR(period("2021-01-03", 0, WEEK), "2020-W53");
	CHECK_STR(period("2026-10-15", 10, WEEK), "2026-W42");
	CHECK_STR(period("2026-11-03", 10, WEEK), "2026-W45");
	char buf[16];
	supplier_period(0, WEEK, buf, sizeof buf);      /* 1970-01-01, a Thursday */
	CHECK_STR(buf, "1970-W01");
	supplier_period(-3 * DAY_US, WEEK, buf, sizeof buf);   /* 1969-12-29, before the epoch */
	CHECK_STR(buf, "1970-W01");
	supplier_period(-4 * DAY_US, WEEK, buf, sizeof buf);   /* 1969-12-28 */
	CHECK_STR(buf, "1969-W52");
}

static void
days(void)
{
	int64_t us;
	CHECK(supplier_day_us("2026-10-01", &us));
	CHECK_INT(us, (int64_t)20727 * DAY_US);
	CHECK(!supplier_day_us("2026-02-29", &us));
	CHECK(!supplier_day_us("2026-1-01", &us));
	CHECK(!supplier_day_us("", &us));
}

int
main(void)
{
	RUN(months);
	RUN(iso_weeks);
	RUN(days);
	return check_done();
}
