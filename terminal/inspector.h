/*
 * inspector.h — the inspector's view at the yoke terminal: what waits for
 * an inspector at the line, and the decisions an inspector signs. Logic
 * only, without curses (inspector_draw.c draws it), driven by the station
 * model (station.h) as the mode STATION_INSPECTOR: the session, the
 * language, the connection, help and quitting stay the station's.
 *
 * Screens:
 *
 *   LIST   the worklist (WorklistQuery, every station kind), oldest first,
 *          a page at a time; asked again at badge-in, on each role/inspector
 *          notice, every INSPECTOR_REFRESH_US and with F5. An item is picked
 *          with the arrow keys and Enter, by its number, or by scanning its
 *          NCR number or its unit's serial:
 *            an NCR to disposition or to close   -> NCR
 *            an inspection due at THIS station   -> the station's unit screen
 *                                                   (OpenUnit; @BACK returns)
 *            an inspection due elsewhere, a CAPA, a hold: said where it is
 *          A serial that is no item's opens the unit at this station, as the
 *          station view does (an inspection signed here); an NCR number that
 *          is no item's is read all the same (NcrQuery).
 *   NCR    one NCR (ncr_detail.h) and its unit's trace, then its decision:
 *            open:           1 rework, 2 repair, 3 scrap, 4 use as is (MRB)
 *            dispositioned:  1 close the NCR
 *          Enter or @BACK: the list.
 *
 * Questions of a decision (an empty answer is said below; @BACK, or Esc
 * then Enter, drops the decision with nothing sent):
 *
 *   1 rework   -> REWORK_OP: the rework operations of the unit's routing
 *                 (Ncr.rework_options) as a list, picked by its number in
 *                 the list, the arrows and Enter, or the operation's own
 *                 number typed (Enter alone: the first); from a server
 *                 that sends no list, the operation's number is typed
 *              -> NOTE -> SIGN (one signer)
 *   2 repair   -> REMOVE (PART/SERIAL, or its number in the NCR's list of
 *                 components) -> FIT (the new label) -> NOTE -> SIGN
 *   3 scrap    -> NOTE -> SIGN
 *   4 use as is-> NOTE -> SIGN (the Material Review Board: 2 to 4 signers)
 *   1 close    -> NOTE -> SIGN
 *
 * F9 raises an NCR by hand on any unit (ncr_raise.h: serial, defect code,
 * location, note, signature); the answer opens the new NCR.
 *
 * NOTE: Enter for none. SIGN: signing.h (badge, then the PIN typed blind).
 * The server judges every decision; its refusal is shown in its words (the
 * person's language) and the NCR stays as it was.
 */
#ifndef YOKE_INSPECTOR_H
#define YOKE_INSPECTOR_H

#include "proto/yoke.pb-c.h"
#include "terminal/input.h"
#include "terminal/ncr_detail.h"
#include "terminal/ncr_raise.h"
#include "terminal/signing.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INSPECTOR_REFRESH_US (30 * 1000000LL)   /* the worklist, asked again at least this often */
#define INSPECTOR_LABEL 130    /* bytes of a component label (PART/SERIAL) */

struct station_view;
struct station_request;
struct station_hint;

enum inspector_screen {
	INSPECTOR_LIST = 0,
	INSPECTOR_NCR,
};

enum inspector_ask {
	INSPECTOR_ASK_NONE = 0,
	INSPECTOR_ASK_REWORK_OP,   /* which rework operation (Enter: the one chosen, or the first) */
	INSPECTOR_ASK_REMOVE,      /* repair: the component taken out */
	INSPECTOR_ASK_FIT,         /* repair: the new component */
	INSPECTOR_ASK_NOTE,        /* a note for the record (Enter: none) */
	INSPECTOR_ASK_SIGN,        /* the signature(s): signing.h */
	INSPECTOR_ASK_RAISE,       /* an NCR raised by hand (F9): ncr_raise.h asks */
};

/* What the view's request in flight was. */
enum inspector_pending {
	INSPECTOR_PENDING_NONE = 0,
	INSPECTOR_PENDING_WORKLIST,
	INSPECTOR_PENDING_NCR,
	INSPECTOR_PENDING_TRACE,
	INSPECTOR_PENDING_DECISION,
	INSPECTOR_PENDING_RAISE,
};

struct inspector_state {
	enum inspector_screen screen;
	Yoke__WorklistReply *worklist; /* owned deep copy, NULL until read */
	int pick;                  /* the highlighted item, -1 none */
	char pick_ref[NCR_NUMBER]; /* its ref: the highlight stays on it through a refresh */
	bool want_worklist;
	int64_t refresh_at;        /* the next timed refresh (station_tick's clock) */

	struct ncr_detail detail;  /* the NCR on the screen */

	/* The decision being made. */
	enum inspector_ask ask;
	bool closing;              /* closing the NCR, not a disposition */
	Yoke__DispositionKind kind;
	uint32_t rework_op;        /* 0: the routing's first */
	int rework_pick;           /* the highlighted one of the NCR's rework options, -1 none */
	char remove[INSPECTOR_LABEL];
	char fit[INSPECTOR_LABEL];
	char note[INPUT_MAX + 1];
	struct signing sign;

	struct ncr_raise raise;    /* INSPECTOR_ASK_RAISE */

	enum inspector_pending pending;
};

/* The inspector badged in: the worklist, read now. */
void inspector_start(struct station_view *sv);
/* Forgets everything (badge-out, the end of the session). */
void inspector_stop(struct station_view *sv);
/* Back to the view from the station's screens (@BACK at a unit). */
void inspector_home(struct station_view *sv);
/* Reads again what is shown (the connection is back, F5). */
void inspector_refresh(struct station_view *sv);

/* The next request the view wants, when the client is free. */
bool inspector_next_request(struct station_view *sv, struct station_request *r);
/* True while a decision's question is asked: every line is its answer. */
bool inspector_asking(const struct station_view *sv);
/* A line in the view (the station model keeps @HELP, @PIN, @LOGOUT
 * unless a question is asked). True when r holds a request to send. */
bool inspector_on_line(struct station_view *sv, const char *line, struct station_request *r);
/* The answer to the view's request in flight. */
void inspector_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* A role/inspector notice: the worklist changed. */
void inspector_on_notice(struct station_view *sv, const Yoke__Notice *n);
/* Up (-1) or down (+1) through the list; a page back (-1) or on (+1). */
void inspector_on_arrow(struct station_view *sv, int delta);
void inspector_on_page(struct station_view *sv, int delta);
/* F5 reads the worklist (or the NCR) again, F9 raises an NCR by hand;
 * true when it did something. */
bool inspector_on_function(struct station_view *sv, unsigned fn);
/* Esc then Enter, as @BACK at a question. */
void inspector_on_cancel(struct station_view *sv);
/* The clock, every pass of the loop (tests give their own). */
void inspector_tick(struct station_view *sv, int64_t now);

/* True while a PIN is typed. */
bool inspector_masked(const struct station_view *sv);
/* What the "→" line says. */
void inspector_prompt(const struct station_view *sv, char *buf, size_t size);
/* The help line's entries (station_hints calls it). */
size_t inspector_hints(const struct station_view *sv, struct station_hint *h, size_t max);
/* How many items one page of the list shows in a window of `rows`. */
size_t inspector_page_rows(int rows);
/* The rework operation a line picks at REWORK_OP from the NCR's options
 * (n may be NULL): its number in the list, the operation's own number
 * (one of them, when the list is known), or Enter for the highlighted one
 * (pick, -1 none), else the first. False when the line names none. */
bool inspector_rework_choice(const Yoke__Ncr *n, const char *line, int pick, uint32_t *op);
/* The kind of a work item, in words. */
const char *inspector_kind_name(Yoke__WorkKind k);

/* Draws the view into rows [top, bottom) and its title on row 1 (inspector_draw.c). */
void inspector_draw(const struct station_view *sv, int top, int bottom, int cols);

/* The NCR is about a component lot (its decisions: return to supplier,
 * sort, scrap, use as is), not a unit. */
bool inspector_lot_ncr(const Yoke__Ncr *n);

#endif
