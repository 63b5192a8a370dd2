/*
 * req-complete.c — completes the unit's current operation. Refused while a
 * due step is not done: a skipped mandatory inspection is
 * INSPECTION_REQUIRED, any other step STEPS_INCOMPLETE (a due inspection
 * wins over any other undone step: step_can_complete). The person
 * completing must be qualified for the operation. The unit then moves to
 * the next operation's queue, or is DONE after the last. A rework
 * operation (ncr.h) sends the unit back to the operation it failed at,
 * whose steps it does again from the first.
 */
#include "server/requests.h"
#include "server/coq/coq.h"
#include "server/alarm/alarm.h"
#include "server/line/line.h"
#include "server/unit/unit.h"
#include "shared/defs/defs.h"
#include "shared/step_rules.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

enum outcome
req_complete(struct ctx *c)
{
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	const Yoke__Operation *op, *next;
	char msg[400];
	enum outcome o;
	Yoke__Status st;
	int rc;

	if ((o = alarm_station_check(c, c->station->id)) != OUTCOME_COMMIT)
		return o;
	if ((o = unit_load(c, c->rq->complete->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	if ((o = unit_workable(c, u)) != OUTCOME_COMMIT)
		return o;
	op = unit_op(u, r);
	if (op == NULL)
		return store_failed(c, STORE_ERROR);
	if (u->status != YOKE__UNIT_STATUS__UNIT_IN_WORK || strcmp(u->station, c->station->id) != 0)
		return refuse(c, YOKE__STATUS__STATUS_WRONG_STEP,
		    _("Unit %s is not open at %s: scan the unit first"), u->serial, c->station->id);
	if (!defs_qualified(c->op, u->product, op->number))
		return refuse(c, YOKE__STATUS__STATUS_NOT_QUALIFIED,
		    _("%s is not qualified for %s op %u \"%s\""), c->op->name, u->product, op->number,
		    op->name);
	st = step_can_complete(op, u->step_index, u->inspect_due, msg, sizeof msg);
	if (st != YOKE__STATUS__STATUS_OK)
		return refuse(c, st, "%s", msg);

	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_OP_COMPLETED, u, r);
	ev->text = arena_printf(c->a, _("Operation %u %s completed at %s"), op->number, op->name,
	    c->station->id);
	ev->pass = true;
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK)
		return store_failed(c, rc);
	coq_completed(u);                  /* re-inspections end here (coq.h) */
	if ((rc = line_day_complete(c, u, op->number, u->return_op != 0)) != STORE_OK)   /* line.h */
		return store_failed(c, rc);
	if ((rc = unit_queue_del(c, u, op->station_kind)) != STORE_OK)
		return store_failed(c, rc);
	bool reworked = u->return_op != 0;
	if (reworked) {
		u->op_index = u->return_op - 1;
		u->return_op = 0;
		u->rework_op = 0;
	} else {
		u->op_index++;
	}
	u->step_index = 0;
	u->attempts = 0;
	u->scanned = 0;
	u->attempts = 0;
	u->op_started = false;
	u->inspect_due = 0;
	u->n_results = 0;
	u->n_op_badges = 0;
	u->station = (char *)"";
	u->since_us = c->now;
	next = unit_op(u, r);
	u->status = next ? YOKE__UNIT_STATUS__UNIT_QUEUED : YOKE__UNIT_STATUS__UNIT_DONE;
	if (next && (rc = unit_queue_put(c, u, next->station_kind)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = unit_save(c, u)) != STORE_OK)
		return store_failed(c, rc);
	unit_notify(c, u, op->station_kind, N_("left"));
	if (next)
		unit_notify(c, u, next->station_kind, N_("arrived"));
	/* The unit as it stands now (queued at the next operation, or done),
	 * with the operation just completed and where the unit goes next. */
	reply_unit(c, u, r);
	c->rp->unit->completed_operation = op->number;
	c->rp->unit->next_station_kind = next ? next->station_kind : (char *)"";
	if (reworked && next)
		reply_message(c, _("Rework %u complete: unit %s goes back to op %u \"%s\" (%s) and does "
		    "its steps again"), op->number, u->serial, next->number, next->name,
		    next->station_kind);
	else if (next)
		reply_message(c, _("Operation %u complete: unit %s goes to op %u \"%s\" (%s)"), op->number,
		    u->serial, next->number, next->name, next->station_kind);
	else
		reply_message(c, _("Operation %u complete: unit %s has completed its routing"), op->number,
		    u->serial);
	return OUTCOME_COMMIT;
}
