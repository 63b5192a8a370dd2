/*
 * coq_money.h — the cost of quality's arithmetic, pure (no store, no I/O):
 * money as integers in the currency's minor unit (fen, cents), time in
 * hundredths of a minute, the cost of time at an hourly rate, a unit's
 * accumulated value, period keys, the Pareto order, and the two-proportion
 * confidence interval a before/after claim is checked with.
 *
 * Nothing here uses floating point for money. Rounding is half away from
 * zero, once, where time turns into money.
 */
#ifndef YOKE_COQ_MONEY_H
#define YOKE_COQ_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest amount accepted from text: 10^13 minor units (10^11 major). */
#define COQ_MONEY_MAX INT64_C(10000000000000)
/* The highest hourly rate: 10^9 minor units (10 million an hour). */
#define COQ_RATE_MAX INT64_C(1000000000)
/* The longest time accepted from text: 100 000 minutes (in hundredths). */
#define COQ_CMIN_MAX 10000000u

/* "1250", "1250.5", "1250.50" (a '.' and at most two decimals; no sign,
 * no exponent, no grouping) into minor units. False for anything else or
 * above COQ_MONEY_MAX. */
bool coq_money_read(const char *s, int64_t *minor);
/* "2", "2.5", "0.25" minutes (at most two decimals) into hundredths of a
 * minute; false above COQ_CMIN_MAX. The same reading serves hours (in
 * hundredths of an hour). */
bool coq_cmin_read(const char *s, uint32_t *cmin);
/* "-12.05": minor units as a decimal with two places (buf >= 24). */
char *coq_money_text(int64_t minor, char *buf, size_t size);
/* The cost of cmin hundredths of a minute at per_hour minor units an hour:
 * cmin x per_hour / 6000, rounded half away from zero. */
int64_t coq_time_cost(uint32_t cmin, int64_t per_hour);

/* A unit's accumulated value when it is scrapped: the standard cost of the
 * components built into it so far (each scan's qty x the part's cost, a
 * removed component taken off again) plus the standard time of the
 * operations it completed at their station kind's rate. */
struct coq_component { int64_t cost; int32_t qty; };   /* qty < 0: removed */
struct coq_op_done { uint32_t cmin; int64_t per_hour; };
int64_t coq_accumulated(const struct coq_component *parts, size_t nparts,
    const struct coq_op_done *ops, size_t nops);

/* Period keys of a UTC day number (days since 1970-01-01): "2025-03-04",
 * ISO week "2025-W10" (Monday first; the week's year is the ISO year), or
 * "2025-03". period: 0 day, 1 week, 2 month. */
void coq_period_key(int32_t day, int period, char *buf, size_t size);
/* "YYYY-MM-DD" into a day number; false for anything else. */
bool coq_day_read(const char *s, int32_t *day);

/* The Pareto order: by amount, highest first; ties by count, then name. */
struct coq_pareto_item { const char *name; int64_t amount; uint32_t count; };
void coq_pareto_sort(struct coq_pareto_item *items, size_t n);

/*
 * Two proportions, x1/n1 (before) and x2/n2 (after): the difference
 * p2 - p1 and its 95 % confidence interval by Newcombe's hybrid score
 * method (Newcombe 1998, method 10: from the Wilson score interval of each
 * proportion), which stays inside [-1, 1] and behaves at small counts.
 * significant: the interval excludes 0. False when n1 or n2 is 0.
 */
struct coq_two_prop {
	double p1, p2, diff, lo, hi;
	bool significant;
};
bool coq_two_prop(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2, struct coq_two_prop *out);
/* The Wilson score interval of x/n at 95 % (z = 1.959964). */
void coq_wilson(uint64_t x, uint64_t n, double *lo, double *hi);

#endif
