/*
 * unit.h — what several handlers do with a unit: load it with its routing,
 * show it (UnitView), keep the station queues in step with it, and start
 * an event about it.
 *
 * Unit states (UnitRecord.status) and the handler that moves them:
 *
 *   (release) --req_release--> QUEUED at op 0
 *   QUEUED --req_open_unit--> IN_WORK (at one station of the op's kind)
 *   IN_WORK at X --req_open_unit at Y of the same kind, nobody badged in
 *        at X (unit_move.h)--> IN_WORK at Y, at the same step
 *   IN_WORK --req_step (a value out of the limits with readings left:
 *        MEASURE_AGAIN, attempts counted)--> IN_WORK at the same step
 *   IN_WORK --req_step (the last reading out of spec, failed check/inspection)--> FAILED
 *   IN_WORK --req_complete--> QUEUED at the next op, or DONE after the last
 *
 * Invariant: a unit that is QUEUED, IN_WORK, FAILED or ON_HOLD has exactly
 * one key in the queue table, under the station kind of its current
 * operation; a DONE or SCRAPPED unit has none.
 */
#ifndef YOKE_UNIT_H
#define YOKE_UNIT_H

#include "server/server.h"

/* Loads unit and routing, refusing NOT_FOUND for an unknown serial. */
enum outcome unit_load(struct ctx *c, const char *serial, Yoke__UnitRecord **u, Yoke__Routing **r);
int routing_get(struct ctx *c, const char *product, const char *rev, Yoke__Routing **r);
const Yoke__Operation *unit_op(const Yoke__UnitRecord *u, const Yoke__Routing *r);
Yoke__UnitView *unit_view(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r);
/* Puts the unit record. */
int unit_save(struct ctx *c, const Yoke__UnitRecord *u);
int unit_queue_put(struct ctx *c, const Yoke__UnitRecord *u, const char *kind);
int unit_queue_del(struct ctx *c, const Yoke__UnitRecord *u, const char *kind);
/* Appends an event about the unit to the log and its seq to the unit's
 * history (u->events); the caller saves the unit afterwards. */
int unit_event_append(struct ctx *c, Yoke__UnitRecord *u, Yoke__Event *ev);
/* A new event about the unit at its current operation, by the session's operator. */
Yoke__Event *unit_event(struct ctx *c, Yoke__EventKind kind, const Yoke__UnitRecord *u,
    const Yoke__Routing *r);
/* Notes that the session's badge worked the unit's current operation (for
 * separation of duties: it may not sign that operation's inspection). */
void unit_worked_by(struct ctx *c, Yoke__UnitRecord *u);
/* Refuses when the unit cannot be worked on (held, done, scrapped). */
enum outcome unit_workable(struct ctx *c, const Yoke__UnitRecord *u);
/* One line of a queue or work-order listing: where the unit stands. */
Yoke__QueueEntry *unit_entry(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r);
/* Sets the reply body to the unit's view. */
void reply_unit(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r);
/* Notices about a unit for its station kind (and the lead when it failed).
 * text is an English message id marked N_() ("in work"), which each
 * terminal translates for the person reading it, or a record's text as it
 * was written (the hold reason): a notice goes to many terminals, each in
 * a language of its own. */
void unit_notify(struct ctx *c, const Yoke__UnitRecord *u, const char *kind, const char *text);

#endif
