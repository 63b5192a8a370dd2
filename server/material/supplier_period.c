/* supplier_period.c — the periods of the scorecard (supplier.h). */
#include "server/material/supplier.h"
#include "server/material/lot.h"

#include <stdio.h>

#define DAY_US ((int64_t)86400 * 1000000)

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
supplier_period(int64_t us, Yoke__ScorecardPeriod p, char *buf, size_t size)
{
	int64_t day = floor_div(us, DAY_US), y;
	int m, d;
	if (p != YOKE__SCORECARD_PERIOD__SCORECARD_WEEK) {
		civil_from_days(day, &y, &m, &d);
		snprintf(buf, size, "%04lld-%02d", (long long)y, m);
		return;
	}
	/* ISO 8601: the week's Thursday decides its year; weeks start on Monday. */
	/* 1970-01-01 was a Thursday: day + 3 is a multiple of 7 on Mondays. */
	int64_t monday = day - (day + 3 - floor_div(day + 3, 7) * 7);
	int64_t thursday = monday + 3;
	civil_from_days(thursday, &y, &m, &d);
	int64_t week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
	snprintf(buf, size, "%04lld-W%02lld", (long long)y, (long long)week);
}

bool
supplier_day_us(const char *date, int64_t *us)
{
	int y, m, d;
	if (!lot_date_ok(date) || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	*us = days_from_civil(y, m, d) * DAY_US;
	return true;
}
