/*
 * line_board.h — the line monitor in the lead's view at the yoke terminal
 * (F2, lead.h): every station of the line, one row each (LineStatus,
 * server/line/line.h; the cells are shared/line_text.h's), a page at a
 * time, chosen with the arrows. Logic only; line_draw.c draws it.
 *
 *   LIST  --Enter on a row, its row number, a station id-->  ONE
 *   ONE   the station: state, who, the unit in work, the kind's queue and
 *         the work order first in it, FPY today, alarms, holds; acts
 *         through the lead's own screens and requests:
 *           1  the unit in work: its trace (the lead's UNIT screen, where
 *              F6 moves it off its station, signed)
 *           2  the alarms (the lead's alarm board, F8: acknowledge signed)
 *           3  hold the station (the lead's hold flow, scope station:
 *              a reason, then signed)
 *           4  the holds in force (release one there, signed)
 *           5  the priority of a work order (the one first in the
 *              station's queue, or another typed): the new priority
 *              1-9 -> a reason -> signed by a lead -> WorkOrderPriority
 *           a unit serial scanned: its trace
 *         Enter or @BACK: LIST
 *   F2 (or @BACK on the list): back to the lead's holds.
 *
 * Live: read on opening, with F5, after a priority change, at most once
 * every LINE_BOARD_NOTICE_GAP_US when notices come (role/lead, and while
 * the monitor is open the "station/" and "alarm/" topics of the whole
 * line: unit moves and alarms), and every LINE_BOARD_REFRESH_US besides.
 * A station's online state changes without a notice (a terminal goes
 * silent): the slow refresh shows it.
 */
#ifndef YOKE_TERMINAL_LINE_BOARD_H
#define YOKE_TERMINAL_LINE_BOARD_H

#include "proto/yoke.pb-c.h"
#include "terminal/signing.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINE_BOARD_REFRESH_US (10 * 1000000LL)
#define LINE_BOARD_NOTICE_GAP_US (1 * 1000000LL)
#define LINE_BOARD_REASON 301
#define LINE_BOARD_WO 65

struct station_view;
struct station_request;
struct station_hint;

enum line_board_screen {
	LINE_BOARD_OFF = 0,
	LINE_BOARD_LIST,
	LINE_BOARD_ONE,
};

enum line_board_ask {
	LINE_BOARD_ASK_NONE = 0,
	LINE_BOARD_ASK_WO,         /* which work order (Enter: the one first in the queue) */
	LINE_BOARD_ASK_PRIORITY,   /* 1-9 */
	LINE_BOARD_ASK_REASON,
	LINE_BOARD_ASK_SIGN,       /* signing.h */
};

enum line_board_pending {
	LINE_BOARD_PENDING_NONE = 0,
	LINE_BOARD_PENDING_LIST,
	LINE_BOARD_PENDING_PRIORITY,
};

struct line_board {
	enum line_board_screen screen;
	Yoke__LineStatusReply *list;   /* owned copy; NULL until read */
	int pick;                  /* the highlighted row, -1 none */
	char shown[LINE_BOARD_WO]; /* ONE: the station's id */
	bool want;
	bool subscribe;            /* the loop should subscribe to the line's topics (once) */
	bool subscribed;
	int64_t refresh_at;        /* the slow refresh */
	int64_t notice_at;         /* a notice asked for a read: not before this */
	bool notice_due;
	enum line_board_ask ask;
	char wo[LINE_BOARD_WO];
	uint32_t priority;
	char reason[LINE_BOARD_REASON];
	struct signing sign;
	enum line_board_pending pending;
};

/* Sets up the monitor's messages in a request (station_request_init). */
void line_board_request_init(struct station_request *r);
bool line_board_on(const struct station_view *sv);
/* F2 in the lead's view: opens the monitor, or closes it. */
bool line_board_key(struct station_view *sv);
void line_board_stop(struct station_view *sv);
void line_board_refresh(struct station_view *sv);
bool line_board_asking(const struct station_view *sv);
bool line_board_masked(const struct station_view *sv);
bool line_board_pending(const struct station_view *sv);
bool line_board_next_request(struct station_view *sv, struct station_request *r);
bool line_board_on_line(struct station_view *sv, const char *line, struct station_request *r);
void line_board_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* A notice on any topic: the monitor reads again soon when it is about
 * the line (never more often than LINE_BOARD_NOTICE_GAP_US). */
void line_board_notice(struct station_view *sv, const Yoke__Notice *n);
void line_board_tick(struct station_view *sv, int64_t now);
void line_board_on_arrow(struct station_view *sv, int delta);
void line_board_on_page(struct station_view *sv, int delta);
void line_board_cancel(struct station_view *sv);
/* The row shown on ONE, or NULL. */
const Yoke__LineStation *line_board_shown(const struct station_view *sv);
void line_board_prompt(const struct station_view *sv, char *buf, size_t size);
size_t line_board_hints(const struct station_view *sv, struct station_hint *h, size_t max);
/* Rows of the list in a window of `rows`. */
size_t line_board_page_rows(int rows);
void line_board_draw(const struct station_view *sv, int top, int bottom, int cols);

#endif
