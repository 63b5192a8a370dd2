/* test_lot_expiry.c — a lot may be used through its expiry day (the
 * plant's local day, as the server's time zone says) and not a moment
 * after; a date that is not YYYY-MM-DD never expires a lot (the label's
 * date was checked when it was received: lot.h). */
#include "server/material/lot.h"
#include "tests/lib/check.h"

#include <stdlib.h>
#include <time.h>

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* 2026-11-20 00:00:00 UTC */
#define DAY_20 ((int64_t)1795132800 * 1000000)
#define DAY_US ((int64_t)86400 * 1000000)

static void
usable_through_the_expiry_day(void)
{
	zone("UTC0");
	CHECK(!lot_expired("2026-11-20", DAY_20));
	CHECK(!lot_expired("2026-11-20", DAY_20 + DAY_US - 1));
	CHECK(lot_expired("2026-11-20", DAY_20 + DAY_US));
	CHECK(lot_expired("2026-11-19", DAY_20));
	CHECK(!lot_expired("2026-11-21", DAY_20 + DAY_US));
	CHECK(lot_expired("2024-02-29", DAY_20));
	CHECK(!lot_expired("2030-01-01", DAY_20));
}

/* A plant at UTC+8: its 20th ends at 16:00 UTC (the lot was usable until
 * 08:00 the next morning while yoke counted UTC days). */
static void
the_plant_s_own_day(void)
{
	zone("CST-8");
	CHECK(!lot_expired("2026-11-20", DAY_20 + 16 * 3600 * 1000000LL - 1));
	CHECK(lot_expired("2026-11-20", DAY_20 + 16 * 3600 * 1000000LL));
	CHECK(!lot_expired("2026-11-20", DAY_20 - 8 * 3600 * 1000000LL));   /* its 20th began */
	CHECK(lot_expired("2026-11-19", DAY_20 - 8 * 3600 * 1000000LL));
	zone("UTC0");
}

static void
no_date_no_expiry(void)
{
	CHECK(!lot_expired("", DAY_20));
	CHECK(!lot_expired(NULL, DAY_20));
	CHECK(!lot_expired("20261120", DAY_20));
	CHECK(!lot_expired("2026-13-01", DAY_20));
	CHECK(!lot_expired("2026-11-20x", DAY_20));
}

int
main(void)
{
	RUN(usable_through_the_expiry_day);
	RUN(the_plant_s_own_day);
	RUN(no_date_no_expiry);
	return check_done();
}
