/*
 * req-close-ncr.c — closes a DISPOSITIONED NCR, signed by an inspector or
 * an engineer, once its disposition is carried out: a scrapped unit, a unit
 * used as is, or a reworked or repaired unit that has passed the operation
 * it failed at again (or is done).
 *
 * A lot NCR (ncr.h) closes the same way; closing releases the lot's hold
 * if it is still in force (return to supplier, scrap, sort) and, for
 * return to supplier and scrap, records the lot as refused for ever
 * (hold_refuse_lot), so no scan of it is accepted again.
 */
#include "server/material/lot.h"
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/quality/hold.h"
#include "server/quality/ncr.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

/* Whether the reworked unit has completed the failed operation again. */
static bool
verified(const Yoke__UnitRecord *u, const Yoke__Routing *r, uint32_t opno)
{
	if (u->status == YOKE__UNIT_STATUS__UNIT_DONE || u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED)
		return true;
	if (u->return_op)
		return false;
	for (size_t i = 0; i < r->n_operations; i++)
		if (r->operations[i]->number == opno)
			return u->op_index > i;
	return false;
}

/* The NCR is closed by `by`; the reply carries it with `said`. */
static enum outcome
closed(struct ctx *c, Yoke__Ncr *n, Yoke__SignatureRecord *by, const char *said)
{
	int rc;
	Yoke__SignatureRecord **all = ARENA_NEW(c->a, Yoke__SignatureRecord *, n->n_signatures + 1);
	if (n->n_signatures)
		memcpy(all, n->signatures, n->n_signatures * sizeof *all);
	all[n->n_signatures++] = by;
	n->signatures = all;
	n->state = YOKE__NCR_STATE__NCR_CLOSED;
	n->closed_us = c->now;
	if ((rc = ncr_put(c, n)) != STORE_OK)
		return store_failed(c, rc);
	c->rp->body_case = YOKE__REPLY__BODY_NCRS;
	c->rp->ncrs = arena_alloc(c->a, sizeof *c->rp->ncrs);
	yoke__ncr_reply__init(c->rp->ncrs);
	c->rp->ncrs->n_ncrs = 1;
	c->rp->ncrs->ncrs = ARENA_NEW(c->a, Yoke__Ncr *, 1);
	c->rp->ncrs->ncrs[0] = n;
	reply_message(c, "%s", said);
	return OUTCOME_COMMIT;
}

/* The received lot's record (lot.h), when there is one, says so too:
 * returned to the supplier REJECTED, scrapped BLOCKED. */
static int
lot_record_refused(struct ctx *c, const Yoke__Ncr *n, const Yoke__SignatureRecord *by,
    const char *said)
{
	Yoke__Lot *l;
	int rc = lot_get(c, n->lot, &l);
	if (rc == STORE_OK && strcmp(l->part, n->lot_part) != 0)
		rc = STORE_NOTFOUND;
	if (rc == STORE_NOTFOUND)
		rc = lot_find(c, n->lot_part, n->lot, NULL, &l);
	/* Two suppliers' lots with that text: the lot_refused entry stops both. */
	if (rc == STORE_NOTFOUND || rc == STORE_EXISTS)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	return lot_set_status(c, l, n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP ?
	    YOKE__LOT_STATUS__LOT_BLOCKED : YOKE__LOT_STATUS__LOT_REJECTED, said,
	    by ? by->badge : "");
}

static enum outcome
close_lot(struct ctx *c, const Yoke__NcrClose *nc, Yoke__Ncr *n, Yoke__SignatureRecord *by)
{
	const char *label = ncr_lot_label(c, n), *said;
	bool refused = n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER ||
	    n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP;
	Yoke__Hold *h;
	enum outcome o;
	int rc;

	if (refused)
		said = arena_printf(c->a, _("%s closed; lot %s is refused for ever (%s)"), n->number,
		    label, ncr_disposition_text(n->disposition));
	else if (n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_SORT)
		said = arena_printf(c->a, _("%s closed; the hold on lot %s is released (units found bad "
		    "stay held by their own NCRs)"), n->number, label);
	else
		said = arena_printf(c->a, _("%s closed"), n->number);
	if ((rc = hold_get(c, n->hold, &h)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if (h->open) {
		h->released = by;
		h->release_reason = str_empty(nc->note) ? (char *)said :
		    arena_printf(c->a, "%s: %s", said, nc->note);
		if ((o = hold_release(c, h, NULL)) != OUTCOME_COMMIT)
			return o;
		notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("hold released"));
	}
	if (refused && (rc = hold_refuse_lot(c, label, n->number)) != STORE_OK)
		return store_failed(c, rc);
	if (refused && (rc = lot_record_refused(c, n, by, said)) != STORE_OK)
		return store_failed(c, rc);
	return closed(c, n, by, said);
}

enum outcome
req_close_ncr(struct ctx *c)
{
	const Yoke__NcrClose *nc = c->rq->close_ncr;
	Yoke__SignatureRecord *by;
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	Yoke__Ncr *n;
	enum outcome o;
	int rc;

	rc = ncr_get(c, nc->number, &n);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No NCR %.40s"), nc->number);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (n->state != YOKE__NCR_STATE__NCR_DISPOSITIONED)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s is %s: only a dispositioned NCR is closed"), n->number,
		    ncr_state_text(n->state));
	if (!text_ok(nc->note, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a note of at most 500 bytes of text without control characters"));
	if (ncr_on_lot(n)) {
		if ((o = sign_as(c, nc->signature, ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) |
		    ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER), _("closed the NCR"), &by)) != OUTCOME_COMMIT)
			return o;
		return close_lot(c, nc, n, by);
	}
	if ((o = unit_load(c, n->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	if ((n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_REWORK ||
	    n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR) &&
	    !verified(u, r, n->operation))
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s stays open until unit %s has passed op %u again after its %s"), n->number,
		    u->serial, n->operation, ncr_disposition_text(n->disposition));
	if ((o = sign_as(c, nc->signature, ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) |
	    ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER), _("closed the NCR"), &by)) != OUTCOME_COMMIT)
		return o;
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_NCR_CLOSED, u, r);
	ev->ncr = n->number;
	ev->detail = nc->note;
	ev->text = arena_printf(c->a, _("%s closed"), n->number);
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK || (rc = unit_save(c, u)) != STORE_OK)
		return store_failed(c, rc);
	return closed(c, n, by, ev->text);
}
