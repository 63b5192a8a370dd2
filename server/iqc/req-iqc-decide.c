/*
 * req-iqc-decide.c — the usage decision of an inspection lot, signed by an
 * inspector (badge + PIN). The server has computed the verdict from the
 * recorded sample (d <= Ac accepts, d >= Re rejects); the inspector
 * confirms it, and a decision that is not the sample's is refused
 * (VERDICT_DIFFERS). Accept releases the lot. Reject quarantines it and
 * opens an NCR on it (ncr_open_lot: its hold covers every unit built with
 * the lot; its dispositions are return to supplier, sort 100 %, use as is
 * by the MRB, scrap). Either way the switching state of the supplier +
 * part moves (iqc.h), all in one transaction.
 */
#include "server/requests.h"
#include "server/iqc/iqc.h"
#include "server/material/lot.h"
#include "server/people/signature.h"
#include "server/quality/defect.h"
#include "server/quality/ncr.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/step_rules.h"
#include "shared/util.h"

#include <string.h>

/* What the results were, for the NCR and the event: "Solderability 2, Marking 1". */
static const char *
results_text(struct ctx *c, const Yoke__InspectionLot *il)
{
	const char *s = "";

	for (size_t i = 0; i < il->n_results; i++) {
		const Yoke__IqcResult *r = il->results[i];
		if (str_empty(r->characteristic))
			continue;
		s = arena_printf(c->a, "%s%s%s %u", s, *s ? ", " : "", r->characteristic, r->defectives);
	}
	return s;
}

/* The NCR on the rejected lot, as the component scans name it: the
 * supplier's lot when it reads as a component label, else yoke's lot id. */
static enum outcome
open_ncr(struct ctx *c, Yoke__InspectionLot *il, const Yoke__DefectCode *dc,
    const Yoke__IqcDecide *r, Yoke__SignatureRecord *by)
{
	Yoke__HoldReply *counts = arena_alloc(c->a, sizeof *counts);
	Yoke__Ncr *n = arena_alloc(c->a, sizeof *n);
	struct component_scan scan;
	const char *rs = results_text(c, il);
	char msg[200];
	enum outcome o;

	yoke__ncr__init(n);
	yoke__hold_reply__init(counts);
	n->lot_part = il->part;
	n->lot = step_parse_component(arena_printf(c->a, "%s/%s", il->part, il->supplier_lot), &scan,
	    msg, sizeof msg) ? il->supplier_lot : il->lot;
	n->badge = by->badge;
	n->operator_name = by->name;
	n->text = arena_printf(c->a, _("Incoming inspection %s rejected lot %s (%s from %s): %u "
	    "defectives in %u, Re %u%s%s"), il->number, il->lot, il->supplier_lot, il->supplier,
	    il->defectives, il->sample_size, il->re, *rs ? ": " : "", rs);
	if (dc) {
		n->defect = dc->code;
		n->defect_text = dc->text;
		n->category = dc->category;
		n->location = str_empty(r->defect->location) ? dc->location : r->defect->location;
		n->note = r->defect->note;
	}
	if (c->session)
		n->station = c->session->station;
	n->opened_us = c->now;
	n->n_signatures = 1;
	n->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	n->signatures[0] = by;
	if ((o = ncr_open_lot(c, n, by, counts)) != OUTCOME_COMMIT)
		return o;
	il->ncr = n->number;
	return OUTCOME_COMMIT;
}

static int
decided_event(struct ctx *c, const Yoke__InspectionLot *il, Yoke__SignatureRecord *by)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);
	bool ok = il->state == YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED;

	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_IQC_DECIDED;
	ev->terminal = (char *)c->terminal;
	if (c->session)
		ev->station = c->session->station;
	ev->badge = c->op->badge;
	ev->operator_name = c->op->name;
	ev->inspector_badge = by->badge;
	ev->inspector_name = by->name;
	ev->part = il->part;
	ev->lot = il->lot;
	ev->detail = il->number;
	ev->qty = il->defectives;
	ev->pass = ok;
	ev->ncr = il->ncr;
	ev->text = ok ? arena_printf(c->a, _("%s accepted lot %s: %u defectives in %u, Ac %u"),
	    il->number, il->lot, il->defectives, il->sample_size, il->ac) :
	    arena_printf(c->a, _("%s rejected lot %s: %u defectives in %u, Re %u; %s"), il->number,
	    il->lot, il->defectives, il->sample_size, il->re, il->ncr);
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	return rec_event_append(c->txn, c->a, ev);
}

/* The lot's new status: released, or quarantined with its NCR. A lot
 * someone blocked or quarantined meanwhile is not released by an accept. */
static int
lot_status(struct ctx *c, const Yoke__InspectionLot *il, Yoke__Lot *l, bool *released)
{
	*released = false;
	if (il->state == YOKE__INSPECTION_STATE__INSPECTION_REJECTED)
		return lot_set_status(c, l, YOKE__LOT_STATUS__LOT_QUARANTINED,
		    arena_printf(c->a, _("incoming inspection %s rejected it; %s"), il->number, il->ncr),
		    il->decided->badge);
	if (l->status != YOKE__LOT_STATUS__LOT_PENDING_INSPECTION)
		return STORE_OK;
	*released = true;
	return lot_set_status(c, l, YOKE__LOT_STATUS__LOT_RELEASED,
	    arena_printf(c->a, _("incoming inspection %s accepted it"), il->number),
	    il->decided->badge);
}

static enum outcome
check(struct ctx *c, const Yoke__IqcDecide *r, Yoke__InspectionLot **ilp)
{
	int rc;

	if (!text_ok(r->note, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A note: text of at most 500 bytes"));
	rc = iqc_get(c, r->number, ilp);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No inspection lot %s"),
		    str_empty(r->number) ? "\"\"" : r->number);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if ((*ilp)->state != YOKE__INSPECTION_STATE__INSPECTION_OPEN)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("%s is already decided: %s"),
		    (*ilp)->number, iqc_state_text((*ilp)->state));
	if (!(*ilp)->recorded)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s: record the sample's results first; the decision follows from them"),
		    (*ilp)->number);
	if (r->accept != (*ilp)->accept)
		return refuse(c, YOKE__STATUS__STATUS_VERDICT_DIFFERS, (*ilp)->accept ?
		    _("%s: %u defectives in %u is at most Ac %u: the sample accepts the lot; a reject "
		    "needs other results recorded first") :
		    _("%s: %u defectives in %u reaches Re %u: the sample rejects the lot; it cannot be "
		    "accepted"), (*ilp)->number, (*ilp)->defectives, (*ilp)->sample_size,
		    (*ilp)->accept ? (*ilp)->ac : (*ilp)->re);
	return OUTCOME_COMMIT;
}

enum outcome
req_iqc_decide(struct ctx *c)
{
	const Yoke__IqcDecide *r = c->rq->iqc_decide;
	const Yoke__DefectCode *dc = NULL;
	Yoke__SignatureRecord *by;
	Yoke__InspectionLot *il;
	Yoke__IqcSwitch *sw;
	Yoke__Lot *l;
	enum outcome o;
	bool changed, released;
	int rc;

	if ((o = check(c, r, &il)) != OUTCOME_COMMIT)
		return o;
	if (!r->accept && r->defect && !str_empty(r->defect->code) &&
	    (o = defect_require(c, r->defect, _("Rejecting a lot"), &dc)) != OUTCOME_COMMIT)
		return o;
	if ((o = sign_as(c, r->signature, ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR),
	    r->accept ? _("accepted the lot at incoming inspection") :
	    _("rejected the lot at incoming inspection"), &by)) != OUTCOME_COMMIT)
		return o;
	if ((rc = lot_get(c, il->lot, &l)) != STORE_OK)
		return rc == STORE_NOTFOUND ? refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("Lot %s of %s is not in the store"), il->lot, il->number) : store_failed(c, rc);
	il->decided = by;
	il->decided_us = c->now;
	if (!str_empty(r->note))
		il->note = r->note;
	if (r->accept) {
		il->state = YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED;
	} else {
		il->state = YOKE__INSPECTION_STATE__INSPECTION_REJECTED;
		if ((o = open_ncr(c, il, dc, r, by)) != OUTCOME_COMMIT)
			return o;
	}
	if ((rc = lot_status(c, il, l, &released)) != STORE_OK ||
	    (rc = iqc_put(c, il, false)) != STORE_OK || (rc = decided_event(c, il, by)) != STORE_OK ||
	    (rc = iqc_switch_get(c, il->supplier, il->part, &sw)) != STORE_OK ||
	    (rc = iqc_switch_decided(c, sw, il, r->accept, &changed)) != STORE_OK)
		return store_failed(c, rc);
	il->switching = (char *)iqc_switch_why(c, sw);
	if (changed) {
		notify(c, "role/inspector", "", YOKE__UNIT_STATUS__UNIT_NONE,
		    N_("incoming inspection switched"));
		notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE,
		    N_("incoming inspection switched"));
	}
	iqc_reply_one(c, il);
	if (r->accept)
		reply_message(c, released ? _("%s accepted: lot %s is released. %s") :
		    _("%s accepted; lot %s stays as it was set meanwhile. %s"), il->number, il->lot,
		    il->switching);
	else
		reply_message(c, _("%s rejected: lot %s is quarantined, %s opened on it. %s"),
		    il->number, il->lot, il->ncr, il->switching);
	return OUTCOME_COMMIT;
}
