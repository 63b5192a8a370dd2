/*
 * escalate.h — the escalation ladder at work: who is told about an open
 * alarm, when, and by which channel (the ladder is data: notify_defs.h,
 * docs/definitions.md "Notifications").
 *
 * The rule. Level N of the ladder falls due `after` after the alarm was
 * RAISED (the clock does not restart at an acknowledgement). When it falls
 * due and the alarm is not resolved, every statement of the level that
 * matches the alarm (source=, severity=) tells its people: a popup notice
 * to the terminals of the role ("role/<role>") or the person
 * ("person/<badge>"), and an outbox message per e-mail address or named
 * receiver. An acknowledged alarm keeps escalating until it is resolved
 * (issue 10: "it keeps escalating past its time even after an
 * acknowledgement if the alarm is not resolved"), except the statements
 * marked stop=ack, which are for "nobody has come yet" (the popup to the
 * line lead) and are skipped once someone acknowledged. A resolved alarm
 * stops: its levels to come are dropped when they fall due. Alarm.escalated
 * is the highest level whose time has come (0: none yet).
 *
 * When. alarm_raise calls escalation_start in the raising transaction:
 * the levels due at once (after=0) are told in that same transaction (the
 * popup reaches the lead with the operator's reply), and the alarm's next
 * level goes into the escalation table (due time, alarm id). The server's
 * loop (notifier.h) runs escalation_run only when the earliest due time it
 * knows has come: one compare per loop turn when nothing is due, never a
 * walk of the alarms. Each level's messages, popups and the alarm's
 * `escalated` are written in one write transaction; the outbox key
 * "alarm/<id>/level/<n>/<to>" makes a level told once even if it ran twice.
 */
#ifndef YOKE_ESCALATE_H
#define YOKE_ESCALATE_H

#include "server/server.h"

/* Tells the levels due now and schedules the next. a->id, a->raised,
 * a->source, a->severity, a->station are set; a->escalated is raised here
 * (the caller writes the alarm after). STORE_OK or a store error. */
int escalation_start(struct ctx *c, Yoke__Alarm *a);
/* Every alarm whose next level is due at `now` (c->now is the clock the
 * ladder runs on): tells it, writes the alarm, schedules the level after.
 * *next_due: the earliest due time left (INT64_MAX: none). Notices go in
 * c->notices; when they fill, publish is called to empty them. */
int escalation_run(struct ctx *c, int64_t *next_due,
    void (*publish)(struct ctx *c, void *ud), void *ud);
/* A load stored a ladder: every alarm not resolved is looked at again at
 * once (escalation_run), so one raised while no ladder was stored, or
 * before the ladder changed, climbs the ladder loaded now from its raise
 * time. Levels already told stay told (Alarm.escalated). Walks the alarm
 * table once per load, never at a request. */
int escalation_reschedule(struct ctx *c);
/* The earliest due time in the table (INT64_MAX: none). */
int64_t escalation_next_due(struct txn *t);

#endif
