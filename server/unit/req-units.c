/* req-units.c — the units of a work order, with where each one stands. */
#include "server/requests.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

enum outcome
req_units(struct ctx *c)
{
	Yoke__WorkOrderRecord *wo;
	Yoke__Routing *r;
	Yoke__UnitsReply *ur;
	int rc;

	if (!ident_ok(c->rq->units->work_order, 40))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a work order id, got \"%.40s\""), c->rq->units->work_order);
	rc = REC_GET(c->txn, c->a, T_WORK_ORDER, c->rq->units->work_order, yoke__work_order_record, &wo);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No work order %s"),
		    c->rq->units->work_order);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if ((rc = routing_get(c, wo->product, wo->routing_rev, &r)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	ur = arena_alloc(c->a, sizeof *ur);
	yoke__units_reply__init(ur);
	ur->units = ARENA_NEW(c->a, Yoke__QueueEntry *, wo->n_serials);
	for (size_t i = 0; i < wo->n_serials; i++) {
		Yoke__UnitRecord *u;
		rc = REC_GET(c->txn, c->a, T_UNIT, wo->serials[i], yoke__unit_record, &u);
		if (rc != STORE_OK)
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
		ur->units[ur->n_units++] = unit_entry(c, u, r);
	}
	c->rp->body_case = YOKE__REPLY__BODY_UNITS;
	c->rp->units = ur;
	return OUTCOME_COMMIT;
}
