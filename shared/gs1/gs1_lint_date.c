/*
 * gs1_lint_date.c — dates and times: yymmdd, yymmd0 (day 00 = the day is
 * not given), yyyymmdd, yyyymmd0, hhmi, hh, mi, ss.
 *
 * A two-digit year takes its century by GS1 General Specifications §7.12
 * (standards.md §1.5): within 49 years ahead of and 50 behind the current
 * year. The century matters here only for 29 February.
 */
#include <time.h>

#include "shared/gs1/gs1_lint.h"
#include "shared/i18n.h"

static int
current_year_now(void)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

int
gs1_full_year(int yy, int current_year)
{
	int cur = current_year > 0 ? current_year : current_year_now();
	int century = cur / 100 * 100, diff = yy - cur % 100;

	if (diff >= 51)
		century -= 100;
	else if (diff <= -50)
		century += 100;
	return century + yy;
}

int
gs1_days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

bool
gs1_lint_date(const struct gs1_lint_arg *a, int year_digits, bool day00)
{
	size_t w = (size_t)year_digits + 4;
	const char *form = year_digits == 2 ? "YYMMDD" : "YYYYMMDD";
	long y, m, d;

	if (a->n != w || gs1_lint_number(a->v, w) < 0)
		return gs1_lint_fail(a, 0, _("expected a date of %zu digits (%s)"), w, form);
	y = gs1_lint_number(a->v, (size_t)year_digits);
	if (year_digits == 2)
		y = gs1_full_year((int)y, a->current_year);
	m = gs1_lint_number(a->v + year_digits, 2);
	d = gs1_lint_number(a->v + year_digits + 2, 2);
	if (m < 1 || m > 12)
		return gs1_lint_fail(a, (size_t)year_digits, _("month %02ld is impossible in date %.*s "
		    "(%s)"), m, (int)w, a->v, form);
	if (d == 0 && day00)
		return true;
	if (d < 1 || d > gs1_days_in_month((int)y, (int)m))
		return gs1_lint_fail(a, (size_t)year_digits + 2, day00
		    ? _("day %02ld is impossible in date %.*s (%04ld-%02ld has %d days; 00 means the "
		    "month's last day)") : _("day %02ld is impossible in date %.*s (%04ld-%02ld has %d "
		    "days)"), d, (int)w, a->v, y, m, gs1_days_in_month((int)y, (int)m));
	return true;
}

bool
gs1_lint_time(const struct gs1_lint_arg *a, enum gs1_lint l)
{
	long x = a->n == (l == GS1_LINT_HHMI ? 4u : 2u) ? gs1_lint_number(a->v, a->n) : -1;

	switch (l) {
	case GS1_LINT_HHMI:
		if (x < 0 || x / 100 > 23 || x % 100 > 59)
			return gs1_lint_fail(a, 0, _("time %.*s is impossible (HHMM, 0000-2359)"),
			    (int)a->n, a->v);
		return true;
	case GS1_LINT_HH:
		if (x < 0 || x > 23)
			return gs1_lint_fail(a, 0, _("hour %.*s is impossible (00-23)"), (int)a->n, a->v);
		return true;
	default:
		if (x < 0 || x > 59)
			return gs1_lint_fail(a, 0, l == GS1_LINT_MI ? _("minute %.*s is impossible (00-59)")
			    : _("second %.*s is impossible (00-59)"), (int)a->n, a->v);
		return true;
	}
}
