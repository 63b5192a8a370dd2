/*
 * hold.h — holds as a set. A hold stops work; it has a scope, a reason, a
 * source, who placed it and when, and is released on its own, signed, with
 * a reason. A thing is held while ANY hold on it is open.
 *
 * Hold states and the function that moves them:
 *
 *   (none) --hold_place--> open --hold_release--> released
 *
 * How each scope reaches the units it stops (every step, open and
 * complete asks hold_unit_check, open_unit also hold_station_check):
 *
 *   unit, units   the hold's id goes into each named unit's record
 *                 (UnitRecord.holds) when it is placed;
 *   component     the same for every unit the component index says was
 *                 built with the lot or serial (containment: one
 *                 transaction), and the label is in the hold_scope table,
 *                 so no further scan of it is accepted (hold_component_check);
 *   work order    in the hold_scope table, looked up for the unit's work
 *                 order (its units now and those released later);
 *   station       in the hold_scope table: the station opens no new units.
 *
 * A lot that a lot NCR returned to its supplier or scrapped stays refused
 * after its hold is released (the NCR closed): its label is in the
 * lot_refused table with the NCR's number, for ever, and
 * hold_component_check refuses it too (hold_refuse_lot).
 *
 * Invariants: an open hold's id is in the record of every unit its `units`
 * lists and nowhere else; an open work-order, component or station hold has
 * exactly one hold_scope key; a released hold has none of either. A hold
 * with source NCR is released only by its NCR's disposition (ncr.h).
 */
#ifndef YOKE_HOLD_H
#define YOKE_HOLD_H

#include "server/server.h"

#define HOLD_UNITS_MAX 100000   /* units one hold may name (containment of a big lot) */
#define HOLD_TARGETS_MAX 200    /* targets of one request (HOLD_UNITS) */

/* Refuses UNIT_HELD when an open hold covers the unit (its own or its
 * work order's), with the hold's reason. */
enum outcome hold_unit_check(struct ctx *c, const Yoke__UnitRecord *u);
/* Refuses UNIT_HELD when the station is held (it opens no new units). */
enum outcome hold_station_check(struct ctx *c, const char *station);
/* Refuses UNIT_HELD when the component label (PART/LOT or PART/SERIAL) is
 * held, or is a lot refused for ever (returned to its supplier, scrapped). */
enum outcome hold_component_check(struct ctx *c, const char *label);
/* Refuses UNIT_HELD when the serial names a unit of this part (a
 * sub-assembly yoke built) that may not be built in: held by any open hold
 * of its own or of its work order, failed and waiting for a disposition,
 * or scrapped. A serial that names no such unit passes. One read. */
enum outcome hold_subassembly_check(struct ctx *c, const char *part, const char *serial);
/* Records the lot label (PART/LOT) as refused for ever by the NCR `ncr`. */
int hold_refuse_lot(struct ctx *c, const char *label, const char *ncr);
/* The NCR that refused the lot for ever: STORE_OK and *ncr, STORE_NOTFOUND. */
int hold_lot_refused(struct ctx *c, const char *label, const char **ncr);
/* The open hold an NCR placed on a component label: STORE_OK and *h,
 * STORE_NOTFOUND (other holds on the label are passed over). */
int hold_ncr_of_component(struct ctx *c, const char *label, Yoke__Hold **h);
/* The open hold on the unit's work order, if any (STORE_OK and *h, STORE_NOTFOUND). */
int hold_of_work_order(struct ctx *c, const char *wo, Yoke__Hold **h);

/*
 * Places h (scope, targets, reason, source, ncr and placed filled by the
 * caller): gives it the next id, finds and marks the units it covers,
 * counts them for the reply, writes the hold, its scope key and an
 * EVENT_HELD in each unit's history. Refuses NOT_FOUND for a target that
 * does not exist. The unit records it changes are saved here, except
 * `keep`, the caller's own unit (already loaded; the caller saves it).
 */
enum outcome hold_place(struct ctx *c, Yoke__Hold *h, Yoke__UnitRecord *keep,
    Yoke__HoldReply *counts);
/*
 * Adds units to the open hold h: each named unit's record gets the hold's
 * id and an EVENT_HELD, and h->units lists it (a unit h covers already is
 * skipped and not counted); counts the units added; writes h. A recall adds
 * the units that contain its lot through sub-assemblies to the lot NCR's
 * component hold this way (server/supplier/recall.h), so that one hold,
 * released by that NCR, covers them all.
 */
enum outcome hold_add_units(struct ctx *c, Yoke__Hold *h, char *const *serials, size_t n,
    Yoke__HoldReply *counts);
/* Releases the open hold h (released/release_reason filled by the caller),
 * as hold_place in reverse. `keep` as for hold_place. */
enum outcome hold_release(struct ctx *c, Yoke__Hold *h, Yoke__UnitRecord *keep);
/* Loads a hold by id: STORE_OK, STORE_NOTFOUND. */
int hold_get(struct ctx *c, uint64_t id, Yoke__Hold **h);
/* The scope's word as the definitions and yokectl write it ("work order"). */
const char *hold_scope_text(Yoke__HoldScope s);

#endif
