/*
 * req-open-unit.c — an operator scans a unit at a station. Checked at the
 * first scan, not at completion: the unit must exist, be workable, be due
 * at this station's kind, not be open at a station where someone is badged
 * in (open at one where nobody is, it moves here and resumes at its step:
 * unit_move.h), and the operator must be qualified for its operation. The
 * first open of an operation decides which inspections are due for this
 * unit (first article, 1 in N) and records it.
 */
#include "server/requests.h"
#include "server/alarm/alarm.h"
#include "server/unit/unit.h"
#include "server/unit/unit_move.h"
#include "server/quality/hold.h"
#include "shared/defs/defs.h"
#include "shared/step_rules.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

static enum outcome
start_operation(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r, const Yoke__Operation *op)
{
	char key[KEY_MAX];
	size_t kl = key_wo_op(key, u->work_order, op->number);
	Yoke__WorkOrderOpRecord *wop = NULL, fresh = YOKE__WORK_ORDER_OP_RECORD__INIT;
	int rc;

	if (kl == 0)
		return store_failed(c, STORE_ERROR);
	rc = rec_get(c->txn, c->a, T_WO_OP, key, kl, &yoke__work_order_op_record__descriptor,
	    (void **)&wop);
	if (rc == STORE_NOTFOUND)
		wop = &fresh;
	else if (rc != STORE_OK)
		return store_failed(c, rc);
	u->inspect_due = step_due_mask(op, wop->started, wop->first_article_passed);
	u->step_index = step_next(op, 0, u->inspect_due);
	u->scanned = 0;
	u->attempts = 0;
	u->op_started = true;
	u->n_results = op->n_steps;
	u->results = ARENA_NEW(c->a, char *, op->n_steps);
	for (size_t i = 0; i < op->n_steps; i++)
		u->results[i] = (char *)"";
	wop->started++;
	rc = rec_put(c->txn, c->a, T_WO_OP, key, kl, (const ProtobufCMessage *)wop, 0);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_OP_STARTED, u, r);
	ev->step = 0;
	ev->text = arena_printf(c->a, _("Operation %u %s started at %s"), op->number, op->name,
	    c->station->id);
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

enum outcome
req_open_unit(struct ctx *c)
{
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	const Yoke__Operation *op;
	enum outcome o;
	bool moving;
	int rc;

	if ((o = alarm_station_check(c, c->station->id)) != OUTCOME_COMMIT)
		return o;
	if ((o = unit_load(c, c->rq->open_unit->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	if ((o = unit_workable(c, u)) != OUTCOME_COMMIT)
		return o;
	op = unit_op(u, r);
	if (op == NULL)
		return store_failed(c, STORE_ERROR);
	if (strcmp(op->station_kind, c->station->kind) != 0)
		return refuse(c, YOKE__STATUS__STATUS_WRONG_STATION,
		    _("Wrong station: unit %s is due at op %u \"%s\" on a %s station, not here at %s "
		    "(%s)"),
		    u->serial, op->number, op->name, op->station_kind, c->station->id, c->station->kind);
	moving = u->status == YOKE__UNIT_STATUS__UNIT_IN_WORK && strcmp(u->station, c->station->id) != 0;
	if (moving && (o = unit_move_check(c, u)) != OUTCOME_COMMIT)
		return o;
	/* A held station finishes what is open there and opens nothing new. */
	if ((u->status != YOKE__UNIT_STATUS__UNIT_IN_WORK || strcmp(u->station, c->station->id) != 0) &&
	    (o = hold_station_check(c, c->station->id)) != OUTCOME_COMMIT)
		return o;
	if (!defs_qualified(c->op, u->product, op->number))
		return refuse(c, YOKE__STATUS__STATUS_NOT_QUALIFIED,
		    _("%s is not qualified for %s op %u \"%s\""), c->op->name, u->product, op->number,
		    op->name);
	if (moving && (rc = unit_move_record(c, u, r)) != STORE_OK)
		return store_failed(c, rc);
	if (!u->op_started && (o = start_operation(c, u, r, op)) != OUTCOME_COMMIT)
		return o;
	if (u->status != YOKE__UNIT_STATUS__UNIT_IN_WORK) {
		u->status = YOKE__UNIT_STATUS__UNIT_IN_WORK;
		u->since_us = c->now;
		unit_notify(c, u, op->station_kind, N_("in work"));
	}
	u->station = c->station->id;
	unit_worked_by(c, u);
	if ((rc = unit_save(c, u)) != STORE_OK)
		return store_failed(c, rc);
	reply_unit(c, u, r);
	return OUTCOME_COMMIT;
}
