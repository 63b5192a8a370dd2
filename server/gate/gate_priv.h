/* gate_priv.h — what the gate's files share (gate.h is the interface). */
#ifndef YOKE_GATE_PRIV_H
#define YOKE_GATE_PRIV_H

#include "server/gate/gate.h"

/* fai.c: the unit at a first-article step, before its entry (gate.h). */
enum outcome fai_before(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Operation *op,
    const Yoke__Step *step, Yoke__Event *ev, bool *skipped);
/* The entry of a first-article step was recorded (ev): passed or failed. */
int fai_after(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Operation *op,
    const Yoke__Event *ev);
/* The unit reached a first-article step: skip it at once when another unit
 * passed it for the trigger in force. */
enum outcome fai_reached(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r,
    const Yoke__Operation *op);

/* Equipment g was taken at the session's station: another one of its kind
 * than last time there is an equipment change (a new first article per
 * setup). Writes only then, or the first time. */
int fai_equipment_taken(struct ctx *c, const Yoke__GaugeInfo *g);

#endif
