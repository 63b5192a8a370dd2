/*
 * supplier.h — the supplier scorecard: per supplier and period of
 * delivery, only the periods with deliveries.
 *
 * Every figure is about the lots delivered in the period, so each row is
 * the record of those deliveries:
 *
 *   lots          lots received (Lot.received_us in the period)
 *   IQC           of those, the lots incoming inspection decided: accepted
 *                 (RELEASED now, after inspection) or rejected (REJECTED,
 *                 or QUARANTINED, which is what a rejection leaves); a lot
 *                 was inspected when it carries an inspection lot or its
 *                 part has an incoming inspection plan. A lot still
 *                 pending, or blocked by a person, is not counted.
 *   PPM           units built with those lots (the component index, each
 *                 unit once per row) and the NCRs of category material on
 *                 those units (an NCR records the lots in its unit):
 *                 NCRs x 1 000 000 / units
 *   on time       lots whose PO line has a due date, and of those the ones
 *                 received on or before that day (UTC)
 *   returns       lot NCRs on those lots dispositioned return to supplier
 *
 * Cost: the lot table is walked once (at most SCORECARD_LOTS_MAX lots),
 * the component index once per lot, and the NCR table newest first down to
 * the window's start (NCR numbers grow with time, and an NCR about a lot is
 * opened after the lot arrived), at most SCORECARD_NCRS_MAX NCRs. Beyond
 * either bound the reply says cut: a shorter window. Never the event log.
 * Measured (release build, a 2-core machine): 100 000 lots of 20 suppliers
 * over a year with 300 000 units built from them, the year's scorecard
 * 0.5 s end to end, its last month's 0.07 s (every lot is decoded, only the
 * window's lots walk the component index). Like every read it runs in the
 * server's loop: other requests wait that long.
 */
#ifndef YOKE_SUPPLIER_H
#define YOKE_SUPPLIER_H

#include "server/server.h"

#define SCORECARD_LOTS_MAX 200000
#define SCORECARD_NCRS_MAX 200000
#define SCORECARD_UNITS_MAX 1000000

/* The scorecard for q (checked by the caller) into *out. STORE_OK or a
 * store failure. */
int supplier_scorecard(struct ctx *c, const Yoke__ScorecardQuery *q, int64_t from_us,
    int64_t to_us, Yoke__ScorecardReply **out);

/* The period of a time (UTC): "2026-11" (month) or "2026-W47" (the ISO
 * 8601 week-numbering year and week), into buf (at least 16 bytes). */
void supplier_period(int64_t us, Yoke__ScorecardPeriod p, char *buf, size_t size);
/* A date YYYY-MM-DD as the microseconds of its midnight UTC; false when it
 * is not a real date. */
bool supplier_day_us(const char *date, int64_t *us);

/* Once the definitions name any supplier, refuses NOT_FOUND a code that is
 * not one of them (receiving, the scorecard and a SCAR by hand alike). An
 * empty code, or a plant without supplier statements, passes. */
enum outcome supplier_check_known(struct ctx *c, const char *code);

#endif
