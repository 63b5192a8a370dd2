/*
 * report.h — what the work report and the exports share: a window of time
 * over the event log, found and walked a bounded page at a time, and the
 * plant's shifts.
 *
 * The event log is keyed by seq (store.h) and its times grow with seq: an
 * event takes the time of its batch, and batches commit in order. So the
 * first event of a window is found by a binary search over seq (about 25
 * reads for 30 million events), and a page walks forward from there until
 * it passes the window's end or has read its bound. Each page is a read of
 * its own: what was committed between two pages of one export is in the
 * later page if it is in the window (a report over a window that is still
 * going on is a snapshot per page, not one snapshot).
 *
 * Bounds: a page reads at most REPORT_SCAN_MAX events (plus a few reads per
 * completion or disposition it counts) so one request never holds the
 * server's loop for long; the client asks for the next page with the
 * cursor the reply gives (docs/reports.md).
 */
#ifndef YOKE_REPORT_H
#define YOKE_REPORT_H

#include "server/server.h"

#define REPORT_SCAN_MAX 5000          /* events read per page */
#define REPORT_ROWS_MAX 2000          /* rows of a work-report page */
#define EXPORT_EVENTS_MAX 1000        /* events a page lists */
#define EXPORT_UNITS_MAX 500
#define EXPORT_NCRS_MAX 500
#define REPORT_SPAN_MAX_US (400LL * 86400 * 1000000)   /* the longest window */

/* Refuses BAD_REQUEST unless 0 < from < to and to - from is at most
 * REPORT_SPAN_MAX_US. OUTCOME_COMMIT when the window is fine. */
enum outcome report_window_check(struct ctx *c, int64_t from_us, int64_t to_us);

/* The seq of the first event at or after from_us (*seq 0 when there is
 * none). A store status. */
int report_first_seq(struct ctx *c, int64_t from_us, uint64_t *seq);

/* The same for NCRs, whose numbers grow with their opening time: the
 * number of the first NCR opened at or after from_us (0: none). */
int report_first_ncr(struct ctx *c, int64_t from_us, uint64_t *number);

/* The event stored under seq, decoded into the arena with its seq set. */
int report_event(struct ctx *c, uint64_t seq, Yoke__Event **ev);

/* The plant's shifts (the gate's shift statements). */
struct report_shifts {
	Yoke__Shift **s;
	size_t n;
};
int report_shifts_load(struct ctx *c, struct report_shifts *sh);
/* The shift a time falls in, in the server's local time, and the date it
 * began (a shift past midnight began the day before): its name, or "" when
 * no shift covers the time (date is then the day). date: 11 bytes. */
const char *report_shift_of(const struct report_shifts *sh, int64_t us, char *date);

#endif
