/*
 * unit_move.h — a unit open at one station, taken over by another station
 * of the same kind when nobody is badged in at the first any more
 * (issue 8: a unit is not stranded by @BACK, a badge-out or a crashed
 * terminal). The unit keeps its operation as it stands: the step, the
 * scans and readings done, the inspections decided due; only its station
 * changes, and its history says so (EVENT_UNIT_MOVED).
 *
 * "Badged in at X" means some terminal's record holds a live session at
 * station X: its token set, not idle longer than --session-idle (a
 * session past it counts as ended even before the sweep clears it). Any
 * terminal counts, as a certificate may name several stations. Finding
 * out is a read of every terminal record, done only when a unit open
 * elsewhere is scanned — a rare path.
 */
#ifndef YOKE_UNIT_MOVE_H
#define YOKE_UNIT_MOVE_H

#include "server/server.h"

/*
 * The unit is IN_WORK at another station than ctx's. COMMIT when nobody is
 * badged in there (the caller opens it here and calls unit_move_record);
 * UNIT_BUSY naming who is there otherwise.
 */
enum outcome unit_move_check(struct ctx *c, const Yoke__UnitRecord *u);
/* Records that the unit moves from its station to ctx's: the event, and
 * the unit's station (the caller saves the unit). */
int unit_move_record(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r);

#endif
