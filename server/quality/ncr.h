/*
 * ncr.h — nonconformance reports. Every failure at a step (a confirmed
 * value outside the limits, a failed check or inspection) opens one in the
 * transaction that records the failure; an inspector or lead may raise one
 * by hand. Its unit is held (a hold with source NCR) until the NCR is
 * dispositioned.
 *
 * NCR states and the handler that moves each:
 *
 *   (failure: req_step, or req_raise_ncr) --ncr_open--> OPEN
 *   OPEN --req_disposition (signed; MRB for use as is)--> DISPOSITIONED
 *   DISPOSITIONED --req_close_ncr (signed)--> CLOSED
 *
 * What a disposition does to the unit (req-disposition.c):
 *
 *   rework     to a rework operation of its routing (QUEUED there), then
 *              back to the operation where it failed, whose steps it does
 *              again (req_complete); counts toward the routing's rework limit
 *   repair     a serial component out (recorded, never reusable), a new one
 *              in (checked like a scan), then back to the failed operation
 *              as after rework; counts toward the limit too
 *   scrap      SCRAPPED, its components stay consumed
 *   use as is  the failed step stands as a recorded deviation and the unit
 *              goes on from the next step (MRB: two or more signers, one an
 *              inspector, none the NCR's originator)
 *
 * Invariants: a unit has at most one OPEN NCR (UnitRecord.open_ncr); the
 * NCR's hold is open exactly while the NCR is OPEN. An NCR closes only when
 * what its disposition sent the unit to do is done (a reworked unit has
 * passed the failed operation again).
 *
 * A lot NCR (ncr_lot.c) is about a component lot, PART/LOT, not a unit:
 * raised by hand (req_raise_ncr), later by incoming inspection. Its hold has
 * scope component: every unit built with the lot is held and no further
 * scan of the lot is accepted, in the transaction that opens it. Its
 * dispositions and what each does to that hold:
 *
 *   return to supplier, scrap   the hold stays while the NCR is
 *              DISPOSITIONED; closing releases it from the units and
 *              records the lot as refused for ever (hold_refuse_lot): the
 *              stock is gone, so no scan of it is ever accepted again
 *   sort       (100 %) the hold stays while the lot and its units are
 *              sorted; each unit found bad gets its own NCR (it stays held
 *              by that one); closing releases the lot's hold
 *   use as is  the MRB, as for a unit; the disposition releases the hold,
 *              with the deviation as its release reason in every unit's
 *              history
 *
 * A unit's dispositions (rework, repair) are refused on a lot NCR, and a
 * lot's (return to supplier, sort) on a unit NCR. Invariants: a lot has at
 * most one NCR whose hold is in force (ncr_lot_open refuses a second); a
 * lot NCR's hold is open from OPEN until CLOSED, except after use as is
 * (released at the disposition). A lot NCR writes no unit event of its own
 * (opened_seq 0): the units' histories get the hold's HELD and
 * HOLD_RELEASED events, which name the NCR.
 */
#ifndef YOKE_NCR_H
#define YOKE_NCR_H

#include "server/server.h"

/* "NCR-000042" */
const char *ncr_name(struct ctx *c, uint64_t number);
/* Loads an NCR by its name: STORE_OK, STORE_NOTFOUND (also for a name that
 * is not one). */
int ncr_get(struct ctx *c, const char *name, Yoke__Ncr **n);
int ncr_put(struct ctx *c, const Yoke__Ncr *n);

/*
 * Opens an NCR on the unit (loaded; the caller saves it): n is filled by
 * the caller with what failed (text, step, measurement, defect, who,
 * where); this gives it its number, the components and lots in the unit,
 * holds the unit (a hold with source NCR, placed by `by`), appends
 * EVENT_NCR_OPENED to the unit's history and writes the NCR.
 */
enum outcome ncr_open(struct ctx *c, Yoke__UnitRecord *u, Yoke__Ncr *n,
    Yoke__SignatureRecord *by);
/* The NCR fields of a unit's failure at its current operation: unit, work
 * order, operation, station, who (the session's person), when. */
Yoke__Ncr *ncr_for_unit(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r);
/*
 * Opens an NCR on a component lot (n filled by the caller with its lot_part,
 * lot, what is wrong, who and when; the label checked): gives it its number,
 * places its hold on the lot (counts: the units it covers, as hold_place),
 * writes the NCR. Refuses CONFLICT when the lot already has an NCR's hold
 * in force, or was refused for ever.
 */
enum outcome ncr_open_lot(struct ctx *c, Yoke__Ncr *n, Yoke__SignatureRecord *by,
    Yoke__HoldReply *counts);
/* Whether the NCR is about a lot (not a unit), and its label PART/LOT. */
bool ncr_on_lot(const Yoke__Ncr *n);
const char *ncr_lot_label(struct ctx *c, const Yoke__Ncr *n);
/*
 * For a reply: while the NCR is open, fills n->rework_options from the
 * rework operations of its unit's routing revision, so that a terminal
 * offers them as a list (req-ncrs.c). Read-only; an NCR whose unit or
 * routing cannot be read gets none (STORE_OK), a store failure is returned.
 */
int ncr_rework_options(struct ctx *c, Yoke__Ncr *n);
const char *ncr_state_text(Yoke__NcrState s);
const char *ncr_disposition_text(Yoke__DispositionKind k);

#endif
