/* coq_money.c — see coq_money.h. */
#include "shared/quality/coq_money.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define Z95 1.959963984540054

/* Digits, an optional '.' and at most two decimals, as hundredths. */
static bool
hundredths(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	int decimals = -1;
	size_t digits = 0;
	if (s == NULL || *s == '\0')
		return false;
	for (const char *c = s; *c; c++) {
		if (*c == '.') {
			if (decimals >= 0 || digits == 0)
				return false;
			decimals = 0;
			continue;
		}
		if (*c < '0' || *c > '9' || decimals == 2)
			return false;
		if (v > max)            /* stops long before overflow */
			return false;
		v = v * 10 + (uint64_t)(*c - '0');
		digits++;
		if (decimals >= 0)
			decimals++;
	}
	if (decimals == 0)          /* "5." */
		return false;
	for (int i = decimals < 0 ? 0 : decimals; i < 2; i++)
		v *= 10;
	if (v > max)
		return false;
	*out = v;
	return true;
}

bool
coq_money_read(const char *s, int64_t *minor)
{
	uint64_t v;
	if (!hundredths(s, (uint64_t)COQ_MONEY_MAX, &v))
		return false;
	*minor = (int64_t)v;
	return true;
}

bool
coq_cmin_read(const char *s, uint32_t *cmin)
{
	uint64_t v;
	if (!hundredths(s, COQ_CMIN_MAX, &v))
		return false;
	*cmin = (uint32_t)v;
	return true;
}

char *
coq_money_text(int64_t minor, char *buf, size_t size)
{
	uint64_t a = minor < 0 ? (uint64_t)(-(minor + 1)) + 1 : (uint64_t)minor;
	snprintf(buf, size, "%s%llu.%02llu", minor < 0 ? "-" : "", (unsigned long long)(a / 100),
	    (unsigned long long)(a % 100));
	return buf;
}

int64_t
coq_time_cost(uint32_t cmin, int64_t per_hour)
{
	/* A rate is at most COQ_RATE_MAX (checked where it is read) and a
	 * time at most 2^32: the product stays below 2^63. */
	if (per_hour > COQ_RATE_MAX || per_hour < -COQ_RATE_MAX)
		per_hour = per_hour < 0 ? -COQ_RATE_MAX : COQ_RATE_MAX;
	int64_t p = (int64_t)cmin * per_hour;
	int64_t q = p / 6000, r = p % 6000;
	if (r < 0)
		r = -r;
	if (2 * r >= 6000)
		q += p < 0 ? -1 : 1;
	return (int64_t)q;
}

int64_t
coq_accumulated(const struct coq_component *parts, size_t nparts,
    const struct coq_op_done *ops, size_t nops)
{
	int64_t sum = 0;
	for (size_t i = 0; i < nparts; i++)
		sum += parts[i].cost * parts[i].qty;
	for (size_t i = 0; i < nops; i++)
		sum += coq_time_cost(ops[i].cmin, ops[i].per_hour);
	return sum;
}

/* ---- days ---- */

static void
civil(int32_t days, int *y, int *m, int *d)
{
	int32_t z = days + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp + (mp < 10 ? 3 : -9));
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int32_t
from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

bool
coq_day_read(const char *s, int32_t *day)
{
	int y, m, d, yy, mm, dd;
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*day = from_civil(y, m, d);
	civil(*day, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d;      /* 2025-02-30 is no day */
}

void
coq_period_key(int32_t day, int period, char *buf, size_t size)
{
	int y, m, d;
	if (period == 1) {
		/* ISO 8601: the week with the year's first Thursday is week 1. */
		int wd = (int)(((day % 7) + 7 + 3) % 7);     /* 0 Monday (1970-01-01 was a Thursday) */
		int32_t thursday = day - wd + 3;
		civil(thursday, &y, &m, &d);
		int32_t jan1 = from_civil(y, 1, 1);
		snprintf(buf, size, "%04d-W%02d", y, (int)((thursday - jan1) / 7 + 1));
		return;
	}
	civil(day, &y, &m, &d);
	if (period == 2)
		snprintf(buf, size, "%04d-%02d", y, m);
	else
		snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* ---- Pareto ---- */

static int
pareto_cmp(const void *a, const void *b)
{
	const struct coq_pareto_item *x = a, *y = b;
	if (x->amount != y->amount)
		return x->amount > y->amount ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

void
coq_pareto_sort(struct coq_pareto_item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof *items, pareto_cmp);
}

/* ---- proportions ---- */

void
coq_wilson(uint64_t x, uint64_t n, double *lo, double *hi)
{
	double p, z2, den, mid, half;
	if (n == 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	p = (double)x / (double)n;
	z2 = Z95 * Z95;
	den = 1 + z2 / (double)n;
	mid = (p + z2 / (2.0 * (double)n)) / den;
	half = Z95 * sqrt(p * (1 - p) / (double)n + z2 / (4.0 * (double)n * (double)n)) / den;
	*lo = mid - half < 0 ? 0 : mid - half;
	*hi = mid + half > 1 ? 1 : mid + half;
}

bool
coq_two_prop(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2, struct coq_two_prop *out)
{
	double l1, u1, l2, u2;
	if (n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2)
		return false;
	out->p1 = (double)x1 / (double)n1;
	out->p2 = (double)x2 / (double)n2;
	out->diff = out->p2 - out->p1;
	coq_wilson(x1, n1, &l1, &u1);
	coq_wilson(x2, n2, &l2, &u2);
	/* Newcombe's method 10 for p2 - p1. */
	out->lo = out->diff - sqrt((out->p2 - l2) * (out->p2 - l2) + (u1 - out->p1) * (u1 - out->p1));
	out->hi = out->diff + sqrt((u2 - out->p2) * (u2 - out->p2) + (out->p1 - l1) * (out->p1 - l1));
	out->significant = out->lo > 0 || out->hi < 0;
	return true;
}
