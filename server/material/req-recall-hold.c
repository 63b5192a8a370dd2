/*
 * req-recall-hold.c — holds every unit that contains a lot (recall.h) with
 * one hold, in one transaction, signed by an inspector or a lead:
 *
 *   - a lot NCR is raised on the lot (ncr_open_lot): its hold, of scope
 *     component, covers the units built with the lot and refuses any
 *     further scan of it;
 *   - the units that contain the lot only through sub-assemblies (and
 *     those built under the lot's other name, its yoke id or its supplier
 *     text) are added to that same hold (hold_add_units), so the NCR's
 *     disposition releases them all together (hold.h, ncr.h).
 *
 * When an NCR already holds the lot, no second one is raised (ncr.h: one
 * NCR's hold in force per lot): the units its hold does not cover yet are
 * added to it, and the reply names that NCR.
 */
#include "server/requests.h"
#include "server/material/recall.h"
#include "server/people/signature.h"
#include "server/quality/defect.h"
#include "server/quality/hold.h"
#include "server/quality/ncr.h"
#include "shared/i18n.h"
#include "shared/util.h"

#define ROLES_RAISE (ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | ROLE_BIT(YOKE__ROLE__ROLE_LEAD))

static Yoke__Ncr *
new_ncr(struct ctx *c, const struct recall *r, const Yoke__RecallHold *q,
    const Yoke__DefectCode *dc, Yoke__SignatureRecord *by)
{
	Yoke__Ncr *n = arena_alloc(c->a, sizeof *n);
	yoke__ncr__init(n);
	n->lot_part = r->rr->part;
	n->lot = (char *)r->ncr_lot;
	if (c->session)
		n->station = c->session->station;
	n->opened_us = c->now;
	n->badge = by->badge;
	n->operator_name = by->name;
	n->text = arena_printf(c->a, _("Recall by %s: %s"), by->name, dc->text);
	n->defect = dc->code;
	n->defect_text = dc->text;
	n->category = dc->category;
	n->location = str_empty(q->defect->location) ? dc->location : q->defect->location;
	n->note = q->defect->note;
	n->n_signatures = 1;
	n->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	n->signatures[0] = by;
	return n;
}

enum outcome
req_recall_hold(struct ctx *c)
{
	const Yoke__RecallHold *q = c->rq->recall_hold;
	Yoke__HoldReply *counts = arena_alloc(c->a, sizeof *counts);
	const Yoke__DefectCode *dc;
	Yoke__SignatureRecord *by;
	Yoke__Hold *h = NULL;
	Yoke__Ncr *n;
	struct recall r;
	enum outcome o;
	int rc;

	if ((o = recall_find(c, q->part, q->lot, &r)) != OUTCOME_COMMIT)
		return o;
	if (r.rr->cut)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The recall of %s/%s reaches more than %d units or %d levels of sub-assemblies: "
		    "hold their work orders instead"), q->part, q->lot, RECALL_UNITS_MAX,
		    RECALL_LEVELS_MAX);
	if (q->defect == NULL || str_empty(q->defect->code))
		return refuse(c, YOKE__STATUS__STATUS_DEFECT_REQUIRED,
		    _("A recall's hold raises an NCR on the lot: name its defect code"));
	if ((o = defect_require(c, q->defect, _("Holding a recall"), &dc)) != OUTCOME_COMMIT)
		return o;
	const char *label = r.rr->labels[0];
	rc = hold_ncr_of_component(c, label, &h);
	if (rc == STORE_NOTFOUND)
		h = NULL;
	else if (rc != STORE_OK)
		return store_failed(c, rc);
	if ((o = sign_as(c, q->signature, ROLES_RAISE, _("held the recall"), &by)) != OUTCOME_COMMIT)
		return o;

	yoke__hold_reply__init(counts);
	if (h) {
		if ((rc = ncr_get(c, h->ncr, &n)) != STORE_OK)
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	} else {
		n = new_ncr(c, &r, q, dc, by);
		if ((o = ncr_open_lot(c, n, by, counts)) != OUTCOME_COMMIT)
			return o;
		h = counts->hold;
	}
	char **serials = ARENA_NEW(c->a, char *, r.rr->n_units + 1);
	for (size_t i = 0; i < r.rr->n_units; i++)
		serials[i] = r.rr->units[i]->serial;
	bool added_to_old = counts->hold == NULL;
	if ((o = hold_add_units(c, h, serials, r.rr->n_units, counts)) != OUTCOME_COMMIT)
		return o;
	counts->hold = h;
	/* What the units look like now. */
	for (size_t i = 0; i < r.rr->n_units; i++) {
		r.rr->units[i]->held = true;
		r.rr->units[i]->hold_reason = h->reason;
	}
	r.rr->ncr = n;
	r.rr->containment = counts;
	c->rp->body_case = YOKE__REPLY__BODY_RECALL;
	c->rp->recall = r.rr;
	uint32_t more = counts->units_in_work + counts->units_done + counts->units_scrapped;
	/* The containment counts every unit of the recall: all are held by h now. */
	counts->units_in_work = r.rr->units_in_work;
	counts->units_done = r.rr->units_done;
	counts->units_scrapped = r.rr->units_scrapped;
	if (added_to_old)
		reply_message(c, P_("Lot %s was already held by %s: %u more unit that contains it was "
		    "added to its hold; it holds the %zu units that contain the lot",
		    "Lot %s was already held by %s: %u more units that contain it were "
		    "added to its hold; it holds the %zu units that contain the lot", more),
		    label, n->number, more, r.rr->n_units);
	else
		reply_message(c, P_("%s opened on lot %s: one hold on the %zu unit that contains it "
		    "(%u in work, %u done, %u scrapped; shipping is not recorded); no more scans of "
		    "the lot are accepted", "%s opened on lot %s: one hold on the %zu units that "
		    "contain it (%u in work, %u done, %u scrapped; shipping is not recorded); no more "
		    "scans of the lot are accepted", r.rr->n_units), n->number, label, r.rr->n_units,
		    counts->units_in_work,
		    counts->units_done, counts->units_scrapped);
	return OUTCOME_COMMIT;
}
