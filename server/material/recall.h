/*
 * recall.h — every unit that contains a lot: the units built with it, and
 * above them the units those were built into, level by level.
 *
 * The lot is named PART/LOT, LOT being yoke's lot id (L-000001) or the
 * supplier's lot text. When a lot record exists (lot.h) both names of the
 * lot are followed, as a component scan may have recorded either; without
 * one the text is followed as it was scanned.
 *
 * The walk, over the component index (PART/LOT-OR-SERIAL -> unit serials):
 *
 *   level 0   the units under each of the lot's labels;
 *   level k+1 for each unit U of level k (product P): the unit under the
 *             label P/U — the unit U was scanned into as a serial
 *             sub-assembly — unless a repair took U out of it again (an
 *             NCR of that unit records P/U as removed).
 *
 * A unit is listed once, at the first level that reaches it (a set of the
 * serials seen: a component index that names a unit in its own ancestry
 * cannot loop). The walk stops after RECALL_LEVELS_MAX levels above the lot
 * and at RECALL_UNITS_MAX units, and says so (cut): a recall that is cut
 * cannot be held (recall_hold refuses it).
 *
 * Cost: one B-tree lookup per unit found (its parent), one record read per
 * unit, and the NCRs of each parent found; nothing proportional to the
 * plant. Read-only.
 */
#ifndef YOKE_RECALL_H
#define YOKE_RECALL_H

#include "server/server.h"

#define RECALL_LEVELS_MAX 8
#define RECALL_UNITS_MAX 20000

struct recall {
	Yoke__RecallReply *rr;         /* what the reply carries */
	Yoke__UnitRecord **recs;       /* rr->units[i]'s record */
	const char *ncr_lot;           /* the lot text a lot NCR on it names: the first label's */
};

/*
 * Resolves part and lot and walks up from the lot into r (arena-owned).
 * Refuses BAD_REQUEST for a part or lot that is not one, NOT_FOUND for an
 * unknown part and for a lot that was neither received nor built into any
 * unit; a store failure is store_failed.
 */
enum outcome recall_find(struct ctx *c, const char *part, const char *lot, struct recall *r);
/* "12 units contain lot ...: 3 in work, ..." for the reply's message. */
void recall_message(struct ctx *c, const struct recall *r);

#endif
