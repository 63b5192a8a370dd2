/*
 * line.h — the line monitor: every station of the line at a glance, for a
 * lead's screen and `yokectl line` (LineStatusQuery -> LineStatusReply).
 *
 * Where each column comes from (nothing here is written for the monitor
 * except the day counts, see below):
 *
 *   online      the server remembers, in memory, when it last heard each
 *               terminal (any request, the idle Hello ping included: a
 *               terminal pings every 2 s) and which station it shows
 *               (Hello.station, the station of its session, or the one
 *               station its certificate names). A station is online while
 *               one of its terminals was heard within --offline-after
 *               (default 10 s); a terminal that falls silent expires. After
 *               a restart the table is empty until the terminals speak
 *               again; a station session's terminal then falls back to the
 *               last write stored in its TerminalRecord.
 *   who         the station session (TerminalRecord.session) at the
 *               station, unless idle longer than --session-idle.
 *   stopped     the station_stop table (an alarm stopped the station).
 *   unit        the unit open there, and queue/oldest: one walk of the
 *               kind's queue table (queued and open units stay in it),
 *               reading three fields of each UnitRecord from its bytes
 *               (line_peek.c) instead of decoding it whole.
 *   first pass  the line_day record of the station and day (store.h),
 *               written in the transaction of the complete or the failure
 *               it counts: one small put per complete (a rework
 *               operation's complete counts nothing).
 *   alarms      open alarms of the station: the alarm table walked
 *               newest first, at most LINE_ALARMS_SCAN of them.
 *   holds       open station holds (hold_scope) plus units held or failed
 *               at the station. Work-order holds are not counted.
 *
 * Bounds: at most LINE_ROWS_MAX rows per reply, LINE_UNITS_SCAN unit keys
 * per request, and the records of the first LINE_KIND_UNITS units of a
 * kind's queue (in the order the stations work it): the keys after them
 * are counted as waiting, unread, so a unit open or held that far back is
 * not seen. Beyond a bound the reply says `partial`. An answer that took
 * long to make is given again for a second (req-line-status.c).
 *
 * The clock: the monitor's "now" is the notifier's (yoked --test-clock
 * moves it), so a test can make a terminal fall silent without waiting.
 */
#ifndef YOKE_LINE_H
#define YOKE_LINE_H

#include "server/server.h"

#define LINE_ROWS_MAX 2000
#define LINE_UNITS_SCAN 200000
#define LINE_KIND_UNITS 5000
#define LINE_ALARMS_SCAN 5000
#define LINE_HEARD_MAX 4096       /* terminals remembered (the oldest heard is forgotten) */
#define LINE_SILENT_S 10          /* --offline-after's default */

/* ---- what the server heard (line_heard.c) ---- */

/* A request came from `terminal`; `station` is the station it shows when
 * the request says so ("" or NULL: keep what is known). */
void line_heard(const char *terminal, const char *station, int64_t now);
/* The station a request names for its terminal, if any (Hello.station, a
 * device certificate with exactly one station); NULL when it names none. */
const char *line_station_hint(const Yoke__Request *rq, const struct cert *device);
/* When the terminal was last heard (0 never) and its station ("" unknown). */
int64_t line_heard_at(const char *terminal, const char **station);
/* Calls fn for every terminal remembered. */
void line_heard_walk(void (*fn)(void *ud, const char *terminal, const char *station, int64_t at),
    void *ud);
/* Forgets everything (tests). */
void line_heard_clear(void);

/* ---- the day counts (line_day.c) ---- */

/* "2026-11-26": the server's local date of `us`. */
void line_day_text(int64_t us, char *buf, size_t size);
/* A routing operation completed at c->station: counted in the station's
 * day, first pass when the unit has no NCR at this operation. Call before
 * the unit leaves the operation. A rework operation counts nothing. */
int line_day_complete(struct ctx *c, const Yoke__UnitRecord *u, uint32_t opno, bool rework);
/* A failure at c->station opens an NCR: a first failure when the unit had
 * no NCR at this operation before. Call before the NCR is added. */
int line_day_failed(struct ctx *c, const Yoke__UnitRecord *u, uint32_t opno);

/* ---- a unit record read from its bytes (line_peek.c) ---- */

struct unit_peek {
	const char *serial, *work_order, *station;   /* into the value; not NUL-terminated */
	size_t serial_len, work_order_len, station_len;
	uint32_t status, op_index, priority, holds;
	int64_t since_us;
};
/* Reads a stored UnitRecord value (the version byte, then the message).
 * False when the bytes are not one. */
bool line_unit_peek(const void *v, size_t vl, struct unit_peek *out);

#endif
