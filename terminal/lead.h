/*
 * lead.h — the team lead's view at the yoke terminal: the holds in force
 * and the line's NCRs, placing and releasing holds, where a unit is and
 * how to move it, and the role/lead notices as they come. Logic only,
 * without curses (lead_draw.c draws it), driven by the station model
 * (station.h) as the mode STATION_LEAD; a lead opens no units.
 *
 * Screens:
 *
 *   HOLDS  the holds in force (HoldsQuery), newest first, a page at a
 *          time, and the last role/lead notices. A hold is picked with the
 *          arrows and Enter or by its number in the list -> HOLD. A unit
 *          serial scanned here -> UNIT. F3 places a hold, F4 -> NCRS.
 *   HOLD   one hold: its scope, targets, reason, who placed it, the units
 *          it covers; after placing it, its containment counts (in work,
 *          done, scrapped; yoke records no shipments). A manual hold is
 *          released from here: the line typed is the reason, then the
 *          signature. Enter or @BACK: HOLDS.
 *   NCRS   the open NCRs of the line (NcrQuery state open), newest first;
 *          picked as holds are -> NCR. F4 -> HOLDS.
 *   NCR    one NCR and its unit's trace (ncr_detail.h), to look at: the
 *          inspector decides it. Enter or @BACK: NCRS.
 *   CAPAS  the CAPAs not closed (CapaQuery, every state; closed ones are
 *          left out here: yokectl capa list has them), newest first:
 *          number, state, defect, station or product, owner, due date
 *          (overdue marked); picked as holds are, or scanned by number,
 *          -> CAPA. F7 -> HOLDS.
 *   CAPA   one CAPA, every step recorded (capa_text.h): containment, root
 *          cause and why-chain, action, owner, due, implemented, verified,
 *          effectiveness, closed, each with its signer, and the next step.
 *          The arrows and PgUp PgDn scroll it. Read-only: a CAPA moves on
 *          with yokectl capa. Enter or @BACK: CAPAS.
 *   UNIT   a unit's trace: where it stands, its holds and NCRs, and how to
 *          move it off a station: a unit open at a station where nobody is
 *          badged in any more opens at another station of its kind; one open
 *          at a station that went quiet is taken off it with F6 (MoveUnit:
 *          a reason, signed by a lead), queued at its operation and step.
 *
 * Placing a hold (F3), each question dropped by @BACK or Esc then Enter:
 *   SCOPE  (1 unit, 2 work order, 3 component lot or serial, 4 station)
 *   -> TARGET (scanned or typed) -> REASON -> SIGN (signing.h) -> HoldPlace
 * Releasing one (HOLD): REASON (the line typed there) -> SIGN -> HoldRelease
 * Moving a unit (UNIT, F6): REASON -> SIGN -> MoveUnit
 * Raising an NCR by hand (F9; on UNIT, about that unit): ncr_raise.h ->
 *   NcrRaise; the answer opens the new NCR (NCR)
 *
 * The lists shown are asked again on each role/lead notice, every
 * LEAD_REFRESH_US and with F5.
 */
#ifndef YOKE_LEAD_H
#define YOKE_LEAD_H

#include "proto/yoke.pb-c.h"
#include "terminal/input.h"
#include "terminal/capa_text.h"
#include "terminal/ncr_detail.h"
#include "terminal/ncr_raise.h"
#include "terminal/signing.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LEAD_REFRESH_US (30 * 1000000LL)
#define LEAD_NOTICES 3         /* notices kept for the screen */
#define LEAD_NOTICE 256
#define LEAD_REASON 301        /* bytes of a hold's reason, NUL included (the server's limit) */
#define LEAD_TARGET 131        /* bytes of a target, NUL included */

struct station_view;
struct station_request;
struct station_hint;

enum lead_screen {
	LEAD_HOLDS = 0,
	LEAD_HOLD,
	LEAD_NCRS,
	LEAD_NCR,
	LEAD_UNIT,
	LEAD_CAPAS,
	LEAD_CAPA,
};

enum lead_ask {
	LEAD_ASK_NONE = 0,
	LEAD_ASK_SCOPE,            /* placing: unit, work order, component, station */
	LEAD_ASK_TARGET,           /* placing: what */
	LEAD_ASK_REASON,           /* placing or moving: why */
	LEAD_ASK_SIGN,             /* placing or releasing: signing.h */
	LEAD_ASK_RAISE,            /* an NCR raised by hand (F9): ncr_raise.h asks */
};

enum lead_pending {
	LEAD_PENDING_NONE = 0,
	LEAD_PENDING_HOLDS,
	LEAD_PENDING_NCRS,
	LEAD_PENDING_NCR,
	LEAD_PENDING_TRACE,        /* the NCR's unit */
	LEAD_PENDING_UNIT,         /* UNIT: the unit asked for */
	LEAD_PENDING_PLACE,
	LEAD_PENDING_RELEASE,
	LEAD_PENDING_MOVE,
	LEAD_PENDING_CAPAS,
	LEAD_PENDING_CAPA,
	LEAD_PENDING_RAISE,
};

struct lead_state {
	enum lead_screen screen;
	Yoke__HoldsReply *holds;   /* owned deep copy, NULL until read */
	Yoke__NcrReply *ncrs;      /* the line's open NCRs, owned, NULL until read */
	int pick;                  /* the highlighted row of the list shown, -1 none */
	bool want_holds, want_ncrs;
	int64_t refresh_at;

	/* HOLD: the hold shown (a copy), and its counts when just placed. */
	Yoke__Hold *hold;
	bool counted;
	uint32_t in_work, done, scrapped;

	struct ncr_detail detail;  /* NCR */

	/* UNIT: the unit asked for and its trace. */
	char serial[LEAD_TARGET];
	Yoke__TraceReply *unit;
	bool want_unit;

	/* A hold being placed or released. */
	enum lead_ask ask;
	bool releasing;            /* the hold shown is released */
	bool moving;               /* the unit shown is taken off its station */
	Yoke__HoldScope scope;
	char target[LEAD_TARGET];
	char reason[LEAD_REASON];
	struct signing sign;

	/* CAPAS: the CAPAs not closed (owned, NULL until read); CAPA: the one
	 * shown (owned), its number, and how far it is scrolled (fields). */
	Yoke__CapaReply *capas;
	bool want_capas;
	Yoke__Capa *capa;
	char capa_number[CAPA_NUMBER];
	bool want_capa;
	int capa_scroll;

	struct ncr_raise raise;    /* LEAD_ASK_RAISE */

	/* The last role/lead notices, newest first, as shown. */
	char notices[LEAD_NOTICES][LEAD_NOTICE];
	int nnotices;

	enum lead_pending pending;
};

void lead_start(struct station_view *sv);
void lead_stop(struct station_view *sv);
void lead_refresh(struct station_view *sv);

bool lead_next_request(struct station_view *sv, struct station_request *r);
bool lead_asking(const struct station_view *sv);
bool lead_on_line(struct station_view *sv, const char *line, struct station_request *r);
void lead_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* A role/lead notice: shown, with the bell, and everything read again. */
void lead_on_notice(struct station_view *sv, const Yoke__Notice *n);
void lead_on_arrow(struct station_view *sv, int delta);
void lead_on_page(struct station_view *sv, int delta);
/* F3 place a hold, F4 holds / NCRs, F5 read again, F6 (a unit open at a
 * station) move it off, F7 CAPAs / holds, F9 raise an NCR by hand; true
 * when it did something. */
bool lead_on_function(struct station_view *sv, unsigned fn);
void lead_on_cancel(struct station_view *sv);
void lead_tick(struct station_view *sv, int64_t now);

bool lead_masked(const struct station_view *sv);
/* True on a unit open at a station: F6 takes it off. */
bool lead_can_move(const struct station_view *sv);
void lead_prompt(const struct station_view *sv, char *buf, size_t size);
size_t lead_hints(const struct station_view *sv, struct station_hint *h, size_t max);
/* Rows of a page of the holds, NCRs or CAPAs in a window of `rows`. */
size_t lead_page_rows(int rows);
/* Rows of a CAPA's record on the screen in a window of `rows`. */
int lead_capa_rows(int rows);
const char *lead_scope_name(Yoke__HoldScope s);
/* What to do to move a unit, from its trace: "" when there is nothing to say. */
void lead_move_text(const Yoke__TraceReply *t, char *buf, size_t size);

void lead_draw(const struct station_view *sv, int top, int bottom, int cols);

/* The line monitor's ways into the lead's own screens (line_board.h): a
 * unit's trace (UNIT, where F6 moves it); placing a hold on a target
 * already known (the reason is asked, then the signature); the holds. */
bool lead_open_unit(struct station_view *sv, const char *serial, struct station_request *r);
void lead_hold_target(struct station_view *sv, Yoke__HoldScope scope, const char *target);
void lead_show_holds(struct station_view *sv);

#endif
