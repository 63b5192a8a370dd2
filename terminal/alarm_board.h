/*
 * alarm_board.h — the lead's alarms at the yoke terminal (F8 in the lead's
 * view, lead.h): every alarm, open ones first (raised, then acknowledged,
 * each newest first), then the resolved ones; one alarm picked with the
 * arrows and Enter, its number in the list, or its number scanned
 * (ALM-000012). Logic only; alarm_draw.c draws it.
 *
 *   LIST  --Enter on a row, its number, ALM-...-->  ONE
 *   ONE   a raised alarm: the line typed is the assignable cause
 *           -> ACTION (the action taken) -> SIGN (badge, Enter for the
 *              lead badged in here, then the PIN) -> AlarmAck
 *         an acknowledged one: the line typed is the resolution
 *           -> SIGN -> AlarmResolve
 *         Enter or @BACK: LIST
 *   F8 (or @BACK on the list): back to the lead's holds.
 *
 * The list is read on opening, on every role/lead notice, with F5 and
 * after each acknowledgement or resolution.
 */
#ifndef YOKE_TERMINAL_ALARM_BOARD_H
#define YOKE_TERMINAL_ALARM_BOARD_H

#include "proto/yoke.pb-c.h"
#include "terminal/signing.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ALARM_BOARD_TEXT 501   /* bytes of a cause, action or resolution, NUL included */

struct station_view;
struct station_request;
struct station_hint;

enum alarm_board_screen {
	ALARM_BOARD_OFF = 0,
	ALARM_BOARD_LIST,
	ALARM_BOARD_ONE,
};

enum alarm_board_ask {
	ALARM_BOARD_ASK_NONE = 0,
	ALARM_BOARD_ASK_ACTION,    /* acknowledging: the action taken (the cause was the line
	                              typed on ONE) */
	ALARM_BOARD_ASK_SIGN,      /* acknowledging or resolving: signing.h */
};

enum alarm_board_pending {
	ALARM_BOARD_PENDING_NONE = 0,
	ALARM_BOARD_PENDING_LIST,
	ALARM_BOARD_PENDING_ACK,
	ALARM_BOARD_PENDING_RESOLVE,
};

struct alarm_board {
	enum alarm_board_screen screen;
	Yoke__AlarmReply *list;    /* owned copy, sorted open first; NULL until read */
	int pick;                  /* the highlighted row, -1 none */
	uint64_t shown;            /* ONE: the alarm's id */
	bool want;
	enum alarm_board_ask ask;
	bool resolving;            /* SIGN is a resolution's (else an acknowledgement's) */
	char cause[ALARM_BOARD_TEXT];
	char action[ALARM_BOARD_TEXT];
	char resolution[ALARM_BOARD_TEXT];
	struct signing sign;
	enum alarm_board_pending pending;
};

/* Sorts alarms for the board: raised, acknowledged, resolved; newest first in each. */
void alarm_board_sort(Yoke__Alarm **alarms, size_t n);

bool alarm_board_on(const struct station_view *sv);
/* F8 in the lead's view: opens the board, or closes it. */
bool alarm_board_key(struct station_view *sv);
void alarm_board_stop(struct station_view *sv);
void alarm_board_refresh(struct station_view *sv);
bool alarm_board_asking(const struct station_view *sv);
bool alarm_board_masked(const struct station_view *sv);
bool alarm_board_pending(const struct station_view *sv);
bool alarm_board_next_request(struct station_view *sv, struct station_request *r);
bool alarm_board_on_line(struct station_view *sv, const char *line, struct station_request *r);
void alarm_board_on_reply(struct station_view *sv, const Yoke__Reply *rp);
void alarm_board_on_arrow(struct station_view *sv, int delta);
void alarm_board_cancel(struct station_view *sv);
/* The alarm shown on ONE, or NULL. */
const Yoke__Alarm *alarm_board_shown(const struct station_view *sv);
void alarm_board_prompt(const struct station_view *sv, char *buf, size_t size);
size_t alarm_board_hints(const struct station_view *sv, struct station_hint *h, size_t max);
/* Rows of the list in a window of `rows`. */
size_t alarm_board_page_rows(int rows);
void alarm_board_draw(const struct station_view *sv, int top, int bottom, int cols);

#endif
