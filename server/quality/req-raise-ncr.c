/*
 * req-raise-ncr.c — an inspector or a lead raises an NCR by hand on a unit
 * (a defect found by looking, not by a step), signed. The unit is held
 * like after a failure: FAILED at its current operation (or, once done,
 * held as it is) until the NCR's disposition.
 *
 * Or on a component lot (part and lot instead of a serial): a lot found
 * bad. Every unit built with it is held and no more scans of it are
 * accepted, in the same transaction (ncr_open_lot); the reply counts the
 * units the hold covers, in work, done and scrapped.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/quality/defect.h"
#include "server/quality/ncr.h"
#include "server/quality/hold.h"
#include "shared/step_rules.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#define ROLES_RAISE (ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | ROLE_BIT(YOKE__ROLE__ROLE_LEAD))

static enum outcome
defect_of(struct ctx *c, const Yoke__NcrRaise *nr, const Yoke__DefectCode **dc)
{
	if (nr->defect == NULL || str_empty(nr->defect->code))
		return refuse(c, YOKE__STATUS__STATUS_DEFECT_REQUIRED,
		    _("An NCR raised by hand names its defect code"));
	return defect_require(c, nr->defect, _("Raising an NCR"), dc);
}

/* What is wrong and who says so, as a unit NCR and a lot NCR record it. */
static void
fill(struct ctx *c, Yoke__Ncr *n, const Yoke__NcrRaise *nr, const Yoke__DefectCode *dc,
    Yoke__SignatureRecord *by)
{
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
}

static enum outcome
raise_lot(struct ctx *c, const Yoke__NcrRaise *nr)
{
	const Yoke__DefectCode *dc;
	Yoke__SignatureRecord *by;
	Yoke__HoldReply *counts = arena_alloc(c->a, sizeof *counts);
	Yoke__Ncr *n = arena_alloc(c->a, sizeof *n);
	struct component_scan scan;
	Yoke__Part *part;
	char msg[300];
	enum outcome o;
	int rc;

	if (str_empty(nr->part) || str_empty(nr->lot) || !ident_ok(nr->part, 64) ||
	    !ident_ok(nr->lot, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A lot NCR names the part and its lot (1-64 printable characters each, no \"/\" "
		    "in the lot)"));
	const char *label = arena_printf(c->a, "%s/%s", nr->part, nr->lot);
	if (!step_parse_component(label, &scan, msg, sizeof msg))
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, "%s", msg);
	rc = REC_GET(c->txn, c->a, T_PART, nr->part, yoke__part, &part);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No part %s"), nr->part);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (part->tracking == YOKE__TRACKING__TRACKING_SERIAL)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("%s is serial-tracked: each serial is in one unit; raise the NCR on that unit"),
		    nr->part);
	if (part->tracking != YOKE__TRACKING__TRACKING_LOT)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("%s is not lot-tracked: its scans record no lot, so no lot of it can be held"),
		    nr->part);
	if ((o = defect_of(c, nr, &dc)) != OUTCOME_COMMIT)
		return o;
	if ((o = sign_as(c, nr->signature, ROLES_RAISE, _("raised the NCR"), &by)) != OUTCOME_COMMIT)
		return o;
	yoke__ncr__init(n);
	yoke__hold_reply__init(counts);
	n->lot_part = part->number;
	n->lot = nr->lot;
	if (c->session)
		n->station = c->session->station;
	n->opened_us = c->now;
	fill(c, n, nr, dc, by);
	if ((o = ncr_open_lot(c, n, by, counts)) != OUTCOME_COMMIT)
		return o;
	c->rp->body_case = YOKE__REPLY__BODY_NCRS;
	c->rp->ncrs = arena_alloc(c->a, sizeof *c->rp->ncrs);
	yoke__ncr_reply__init(c->rp->ncrs);
	c->rp->ncrs->n_ncrs = 1;
	c->rp->ncrs->ncrs = ARENA_NEW(c->a, Yoke__Ncr *, 1);
	c->rp->ncrs->ncrs[0] = n;
	c->rp->ncrs->containment = counts;
	reply_message(c, _("%s opened on lot %s; no more scans of it are accepted; units built with "
	    "it are held: %u in work, %u done, %u scrapped"), n->number, label, counts->units_in_work,
	    counts->units_done, counts->units_scrapped);
	return OUTCOME_COMMIT;
}

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

	bool lot = !str_empty(nr->part) || !str_empty(nr->lot);
	if (lot && !str_empty(nr->serial))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("An NCR is about a unit or about a lot: expected a serial, or a part and its lot, "
		    "not both"));
	if (lot)
		return raise_lot(c, nr);
	if (str_empty(nr->serial))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the unit's serial, or a part and its lot, for the NCR"));
	if ((o = unit_load(c, nr->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	if (u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD, _("Unit %s is scrapped"), u->serial);
	if (!str_empty(u->open_ncr))
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Unit %s already has %s open: add to it, or disposition it first"), u->serial,
		    u->open_ncr);
	if ((o = defect_of(c, nr, &dc)) != OUTCOME_COMMIT)
		return o;
	if ((o = sign_as(c, nr->signature, ROLES_RAISE, _("raised the NCR"), &by)) != OUTCOME_COMMIT)
		return o;
	n = ncr_for_unit(c, u, r);
	fill(c, n, nr, dc, by);
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
