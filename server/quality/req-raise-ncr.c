/*
 * req-raise-ncr.c — an inspector or a lead raises an NCR by hand on a unit
 * (a defect found by looking, not by a step), signed. The unit is held
 * like after a failure: FAILED at its current operation (or, once done,
 * held as it is) until the NCR's disposition.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/quality/defect.h"
#include "server/quality/ncr.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

enum outcome
req_raise_ncr(struct ctx *c)
{
	const Yoke__NcrRaise *nr = c->rq->raise_ncr;
	const Yoke__DefectCode *dc;
	Yoke__SignatureRecord *by;
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	Yoke__Ncr *n;
	enum outcome o;
	int rc;

	if ((o = unit_load(c, nr->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	if (u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD, _("Unit %s is scrapped"), u->serial);
	if (!str_empty(u->open_ncr))
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Unit %s already has %s open: add to it, or disposition it first"), u->serial,
		    u->open_ncr);
	if (nr->defect == NULL || str_empty(nr->defect->code))
		return refuse(c, YOKE__STATUS__STATUS_DEFECT_REQUIRED,
		    _("An NCR raised by hand names its defect code"));
	if ((o = defect_require(c, nr->defect, _("Raising an NCR"), &dc)) != OUTCOME_COMMIT)
		return o;
	if ((o = sign_as(c, nr->signature, ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) |
	    ROLE_BIT(YOKE__ROLE__ROLE_LEAD), _("raised the NCR"), &by)) != OUTCOME_COMMIT)
		return o;
	n = ncr_for_unit(c, u, r);
	n->badge = by->badge;
	n->operator_name = by->name;
	n->text = arena_printf(c->a, _("Raised by %s: %s"), by->name, dc->text);
	n->defect = dc->code;
	n->defect_text = dc->text;
	n->category = dc->category;
	n->location = str_empty(nr->defect->location) ? dc->location : nr->defect->location;
	n->note = nr->defect->note;
	n->n_signatures = 1;
	n->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	n->signatures[0] = by;
	if (u->status != YOKE__UNIT_STATUS__UNIT_DONE) {
		u->status = YOKE__UNIT_STATUS__UNIT_FAILED;
		u->hold_reason = n->text;
		u->since_us = c->now;
		if (u->op_started)
			n->step = u->step_index + 1;
	}
	if ((o = ncr_open(c, u, n, by)) != OUTCOME_COMMIT)
		return o;
	if ((rc = unit_save(c, u)) != STORE_OK)
		return store_failed(c, rc);
	if (unit_op(u, r))
		unit_notify(c, u, unit_op(u, r)->station_kind, u->hold_reason);
	c->rp->body_case = YOKE__REPLY__BODY_NCRS;
	c->rp->ncrs = arena_alloc(c->a, sizeof *c->rp->ncrs);
	yoke__ncr_reply__init(c->rp->ncrs);
	c->rp->ncrs->n_ncrs = 1;
	c->rp->ncrs->ncrs = ARENA_NEW(c->a, Yoke__Ncr *, 1);
	c->rp->ncrs->ncrs[0] = n;
	reply_message(c, _("%s opened on unit %s; the unit is held until its disposition"), n->number,
	    u->serial);
	return OUTCOME_COMMIT;
}
