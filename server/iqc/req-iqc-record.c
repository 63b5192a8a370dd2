/*
 * req-iqc-record.c — the inspector records what the sample of an open
 * inspection lot showed: the defective units per characteristic of the
 * part's plan, in the plan's order (a part without check= has one count,
 * characteristic ""). Recorded again while the lot is open, the last
 * recording counts. The server sums them (d: a unit bad on two
 * characteristics counts twice, so the sum errs toward rejecting) and
 * says what Ac/Re decide; the decision itself is IqcDecide, signed.
 */
#include "server/coq/coq.h"
#include "server/requests.h"
#include "server/iqc/iqc.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdint.h>
#include <string.h>

/* The recorded results, one per characteristic of the plan; *d their sum. */
static enum outcome
take_results(struct ctx *c, Yoke__InspectionLot *il, const Yoke__IqcRecord *r, uint64_t *d)
{
	*d = 0;
	if (r->n_results != il->n_results)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    P_("%s has %zu characteristic to record; %zu results were given",
		    "%s has %zu characteristics to record; %zu results were given", il->n_results),
		    il->number, il->n_results, r->n_results);
	for (size_t i = 0; i < il->n_results; i++) {
		const Yoke__IqcResult *got = r->results[i];
		if (got == NULL || !text_ok(got->characteristic, 64) ||
		    strcmp(got->characteristic, il->results[i]->characteristic) != 0)
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Result %zu of %s is for \"%s\"; expected it for \"%s\""), i + 1,
			    il->number, got ? got->characteristic : "", il->results[i]->characteristic);
		if (got->defectives > il->sample_size)
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("%s: %u defectives, but the sample is %u units"),
			    str_empty(got->characteristic) ? il->number : got->characteristic,
			    got->defectives, il->sample_size);
		*d += got->defectives;
	}
	for (size_t i = 0; i < il->n_results; i++) {
		Yoke__IqcResult *kept = arena_alloc(c->a, sizeof *kept);
		yoke__iqc_result__init(kept);
		kept->characteristic = il->results[i]->characteristic;
		kept->defectives = r->results[i]->defectives;
		il->results[i] = kept;
	}
	return OUTCOME_COMMIT;
}

static int
recorded_event(struct ctx *c, const Yoke__InspectionLot *il)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);

	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_IQC_RECORDED;
	ev->terminal = (char *)c->terminal;
	if (c->session)
		ev->station = c->session->station;
	ev->badge = c->op->badge;
	ev->operator_name = c->op->name;
	ev->part = il->part;
	ev->lot = il->lot;
	ev->detail = il->number;
	ev->qty = il->defectives;
	ev->pass = il->accept;
	ev->text = arena_printf(c->a, _("%s: %u defectives in %u (Ac %u, Re %u)"), il->number,
	    il->defectives, il->sample_size, il->ac, il->re);
	return rec_event_append(c->txn, c->a, ev);
}

enum outcome
req_iqc_record(struct ctx *c)
{
	const Yoke__IqcRecord *r = c->rq->iqc_record;
	Yoke__InspectionLot *il;
	Yoke__IqcSwitch *sw;
	enum outcome o;
	uint64_t d;
	int rc;

	if (!text_ok(r->note, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A note: text of at most 500 bytes"));
	rc = iqc_get(c, r->number, &il);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No inspection lot %s"),
		    str_empty(r->number) ? "\"\"" : r->number);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (il->state != YOKE__INSPECTION_STATE__INSPECTION_OPEN)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("%s is already decided: %s"),
		    il->number, iqc_state_text(il->state));
	if ((o = take_results(c, il, r, &d)) != OUTCOME_COMMIT)
		return o;
	il->defectives = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
	il->accept = d <= il->ac;
	il->recorded = true;
	il->recorded_by = c->op->badge;
	il->recorded_us = c->now;
	if (!str_empty(r->note))
		il->note = r->note;
	if ((rc = iqc_put(c, il, false)) != STORE_OK || (rc = recorded_event(c, il)) != STORE_OK ||
	    (rc = iqc_switch_get(c, il->supplier, il->part, &sw)) != STORE_OK)
		return store_failed(c, rc);
	if ((o = coq_iqc(c, il)) != OUTCOME_COMMIT)      /* appraisal (coq.h) */
		return o;
	il->switching = (char *)iqc_switch_why(c, sw);
	iqc_reply_one(c, il);
	if (il->accept)
		reply_message(c, _("%s: %u defectives in %u, Ac %u: the sample accepts lot %s; sign the "
		    "decision to release it"), il->number, il->defectives, il->sample_size, il->ac, il->lot);
	else
		reply_message(c, _("%s: %u defectives in %u, Re %u: the sample rejects lot %s; sign the "
		    "decision to quarantine it with an NCR"), il->number, il->defectives,
		    il->sample_size, il->re, il->lot);
	return OUTCOME_COMMIT;
}
