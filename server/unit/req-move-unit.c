/*
 * req-move-unit.c — a lead takes a unit off the station where it is open:
 * IN_WORK at X becomes QUEUED at the same operation and step, so any
 * station of the kind opens it and resumes there (nothing of the operation
 * is redone). Signed by a lead, with a reason; the unit's history gets an
 * EVENT_UNIT_MOVED. For a station that crashed or a person who left
 * without badging out, before the session would expire.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

enum outcome
req_move_unit(struct ctx *c)
{
	const Yoke__MoveUnit *m = c->rq->move_unit;
	Yoke__SignatureRecord *by;
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	const Yoke__Operation *op;
	enum outcome o;
	int rc;

	if ((o = unit_load(c, m->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	if (u->status != YOKE__UNIT_STATUS__UNIT_IN_WORK || str_empty(u->station))
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Unit %s is not open at a station: nothing to move"), u->serial);
	if (str_empty(m->reason) || !text_ok(m->reason, 300))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Moving a unit needs a reason: 1-300 bytes of text without control characters"));
	if ((o = sign_as(c, m->signature, ROLE_BIT(YOKE__ROLE__ROLE_LEAD), _("moved the unit off its "
	    "station"), &by)) != OUTCOME_COMMIT)
		return o;
	if ((op = unit_op(u, r)) == NULL)
		return store_failed(c, STORE_ERROR);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_UNIT_MOVED, u, r);
	ev->text = arena_printf(c->a, _("Unit moved off %s by %s: %s"), u->station, by->name,
	    m->reason);
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	const char *was = u->station;
	u->status = YOKE__UNIT_STATUS__UNIT_QUEUED;
	u->station = (char *)"";
	u->since_us = c->now;
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK || (rc = unit_save(c, u)) != STORE_OK)
		return store_failed(c, rc);
	unit_notify(c, u, op->station_kind, N_("arrived"));
	reply_unit(c, u, r);
	reply_message(c, _("Unit %s is off %s: any %s station opens it at op %u step %u"), u->serial,
	    was, op->station_kind, op->number, u->step_index + 1);
	return OUTCOME_COMMIT;
}
