/*
 * capa_rule.h — the arithmetic of a corrective and preventive action
 * (CAPA): when its effectiveness check passes, which windows of time it
 * compares, and its dates. Pure; yoked judges with it
 * (server/quality/capa.h has the states) and yokectl reads windows with it.
 *
 *   effective   the defect's rate after the action is lower than before,
 *               on enough units to tell:
 *                 after_units >= CAPA_AFTER_UNITS_MIN, before_units > 0, and
 *                 after_defects / after_units < before_defects / before_units,
 *               compared exactly as after_defects * before_units <
 *               before_defects * after_units (no division, no rounding).
 *               No units before: nothing to compare with, not effective;
 *               no defects before: no rate can be lower, not effective.
 *   windows     [from, to) in microseconds since the Unix epoch, UTC.
 *               Before: the CAPA_BEFORE_DAYS days up to its opening.
 *               After: from its implementation up to now (now included).
 *               A bound given (non-zero) replaces its default alone.
 *   dates       YYYY-MM-DD is a whole day in UTC, 00:00 to 24:00. A due
 *               date is overdue once its whole day has passed.
 */
#ifndef YOKE_CAPA_RULE_H
#define YOKE_CAPA_RULE_H

#include <stdbool.h>
#include <stdint.h>

#define CAPA_AFTER_UNITS_MIN 30
#define CAPA_BEFORE_DAYS 30
#define CAPA_DAY_US (86400LL * 1000000LL)

struct capa_window {
	int64_t from_us, to_us;      /* [from, to) */
};

bool capa_effective(uint32_t before_units, uint32_t before_defects, uint32_t after_units,
    uint32_t after_defects);
/*
 * The windows of an effectiveness check. given[] is before from, before
 * to, after from, after to, as CapaUpdate carries them (0: the default).
 */
void capa_windows(int64_t opened_us, int64_t implemented_us, int64_t now_us,
    const int64_t given[4], struct capa_window *before, struct capa_window *after);
/* 00:00 UTC of a date YYYY-MM-DD; false when it is not a calendar date. */
bool capa_day_us(const char *date, int64_t *us);
/* A due date (YYYY-MM-DD) whose whole day lies before now. An empty or
 * invalid date is never overdue. */
bool capa_overdue(const char *due, int64_t now_us);
/*
 * A window as a person writes it, "FROM..TO": two dates, TO's whole day
 * included, so [00:00 of FROM, 00:00 of the day after TO). Either side may
 * be left empty ("2026-11-01.." or "..2026-11-30"): 0, the default. False
 * when the text is not that shape, a date is not a date, or FROM is after TO.
 */
bool capa_parse_window(const char *s, int64_t *from_us, int64_t *to_us);

#endif
