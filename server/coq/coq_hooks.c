/*
 * coq_hooks.c — what the handlers that cost money post to the ledger
 * (coq.h), each in the handler's own transaction.
 */
#include "server/coq/coq.h"
#include "server/quality/ncr.h"
#include "server/unit/unit.h"
#include "shared/defs/defs_coq.h"
#include "shared/i18n.h"
#include "shared/quality/coq_money.h"
#include "shared/util.h"

#include <string.h>

/* The operation of a routing (or rework operation) with that number. */
static const Yoke__Operation *
op_numbered(const Yoke__Routing *r, uint32_t number)
{
	for (size_t i = 0; r && i < r->n_operations; i++)
		if (r->operations[i]->number == number)
			return r->operations[i];
	for (size_t i = 0; r && i < r->n_rework_operations; i++)
		if (r->rework_operations[i]->number == number)
			return r->rework_operations[i];
	return NULL;
}

/* Where the unit is: its product, work order, serial; the NCR's defect. */
static void
about_unit(Yoke__CoqEntry *e, const Yoke__UnitRecord *u, const Yoke__Ncr *n, const char *station)
{
	e->product = u->product;
	e->work_order = u->work_order;
	e->serial = u->serial;
	e->station = (char *)(station ? station : "");
	if (n) {
		e->defect = n->defect;
		e->ncr = n->number;
	}
}

static enum outcome
posted(struct ctx *c, Yoke__CoqEntry *e, uint64_t seq, const Yoke__CoqRates *r)
{
	int rc = coq_post(c, e, seq, r);
	return rc == STORE_OK ? OUTCOME_COMMIT : store_failed(c, rc);
}

/* The NCR that sent the unit into rework: its newest. */
static const Yoke__Ncr *
last_ncr(struct ctx *c, const Yoke__UnitRecord *u)
{
	Yoke__Ncr *n;
	if (u->n_ncrs == 0 || ncr_get(c, u->ncrs[u->n_ncrs - 1], &n) != STORE_OK)
		return NULL;
	return n;
}

enum outcome
coq_step(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Event *ev)
{
	Yoke__CoqRates *rates;
	Yoke__Routing *r;
	int rc;
	if (ev->kind != YOKE__EVENT_KIND__EVENT_INSPECTED)
		return OUTCOME_COMMIT;
	if (u->return_op == 0 && (u->coq_reinspect == 0 || u->coq_reinspect != u->op_index + 1))
		return OUTCOME_COMMIT;        /* an ordinary inspection: its event is the record */
	if ((rc = coq_rates_now(c, &rates)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = routing_get(c, u->product, u->routing_rev, &r)) != STORE_OK)
		return store_failed(c, rc);
	const Yoke__Operation *op = op_numbered(r, ev->operation);
	Yoke__CoqEntry *e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE, "reinspection");
	about_unit(e, u, last_ncr(c, u), ev->station);
	e->cmin = rates ? rates->inspect_cmin : 0;
	e->amount = coq_time_cost(e->cmin, defs_coq_labour_rate(rates, op ? op->station_kind : NULL));
	return posted(c, e, ev->seq, rates);
}

void
coq_completed(Yoke__UnitRecord *u)
{
	if (u->coq_reinspect != 0 && u->return_op == 0 && u->coq_reinspect == u->op_index + 1)
		u->coq_reinspect = 0;
}

/* The unit's accumulated value from its history: components built in
 * (minus those a repair took out) and operations completed. */
static int
accumulated(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r,
    const Yoke__CoqRates *rates, int64_t *value)
{
	struct coq_component *parts = ARENA_NEW(c->a, struct coq_component, u->n_events + 1);
	struct coq_op_done *ops = ARENA_NEW(c->a, struct coq_op_done, u->n_events + 1);
	size_t np = 0, no = 0;
	for (size_t i = 0; i < u->n_events; i++) {
		unsigned char key[8];
		Yoke__Event *ev;
		put_be64(key, u->events[i]);
		int rc = rec_get(c->txn, c->a, T_EVENT, key, sizeof key, &yoke__event__descriptor,
		    (void **)&ev);
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return rc;
		if (ev->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED) {
			parts[np].cost = defs_coq_part_cost(rates, ev->part);
			parts[np++].qty = ev->qty ? (int32_t)ev->qty : 1;
		} else if (ev->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED) {
			parts[np].cost = defs_coq_part_cost(rates, ev->part);
			parts[np++].qty = -1;
		} else if (ev->kind == YOKE__EVENT_KIND__EVENT_OP_COMPLETED) {
			const Yoke__Operation *op = op_numbered(r, ev->operation);
			ops[no].cmin = defs_coq_op_cmin(rates, u->product, ev->operation);
			ops[no++].per_hour = defs_coq_labour_rate(rates, op ? op->station_kind : NULL);
		}
	}
	*value = coq_accumulated(parts, np, ops, no);
	return STORE_OK;
}

enum outcome
coq_disposition(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r, const Yoke__Ncr *n,
    const Yoke__Event *ev, size_t signers)
{
	Yoke__CoqRates *rates;
	Yoke__CoqEntry *e;
	enum outcome o;
	int rc;

	if ((rc = coq_rates_now(c, &rates)) != STORE_OK)
		return store_failed(c, rc);
	switch (n->disposition) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK: {
		const Yoke__Operation *rw = op_numbered(r, n->rework_operation);
		e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE, "rework_labour");
		about_unit(e, u, n, n->station);
		e->cmin = defs_coq_op_cmin(rates, u->product, n->rework_operation);
		e->amount = coq_time_cost(e->cmin, defs_coq_labour_rate(rates,
		    rw ? rw->station_kind : NULL));
		u->coq_reinspect = u->return_op;     /* the operation it goes back to */
		return posted(c, e, ev->seq, rates);
	}
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR: {
		e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE, "repair_labour");
		about_unit(e, u, n, n->station);
		e->cmin = rates ? rates->repair_cmin : 0;
		e->amount = coq_time_cost(e->cmin, rates ? rates->desk_rate : 0);
		if ((o = posted(c, e, ev->seq, rates)) != OUTCOME_COMMIT)
			return o;
		const char *slash = strchr(n->fitted, '/');
		e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE, "rework_parts");
		about_unit(e, u, n, n->station);
		e->part = slash ? arena_printf(c->a, "%.*s", (int)(slash - n->fitted), n->fitted) : n->fitted;
		e->amount = defs_coq_part_cost(rates, e->part);
		e->note = n->fitted;
		u->coq_reinspect = u->op_index + 1;  /* the operation it does again */
		return posted(c, e, ev->seq, rates);
	}
	case YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP: {
		e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE, "scrap");
		about_unit(e, u, n, n->station);
		if ((rc = accumulated(c, u, r, rates, &e->amount)) != STORE_OK)
			return store_failed(c, rc);
		return posted(c, e, ev->seq, rates);
	}
	case YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS:
		e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE, "mrb");
		about_unit(e, u, n, n->station);
		e->cmin = (uint32_t)((rates ? rates->mrb_cmin : 0) * (signers ? signers : 1));
		e->amount = coq_time_cost(e->cmin, rates ? rates->desk_rate : 0);
		return posted(c, e, ev->seq, rates);
	default:
		return OUTCOME_COMMIT;
	}
}

enum outcome
coq_iqc(struct ctx *c, const Yoke__InspectionLot *il)
{
	Yoke__CoqRates *rates;
	int rc;
	if ((rc = coq_rates_now(c, &rates)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__CoqEntry *e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_APPRAISAL, "iqc");
	e->supplier = il->supplier;
	e->part = il->part;
	e->station = c->session ? c->session->station : (char *)"";
	e->note = il->number;
	e->cmin = rates ? rates->iqc_cmin : 0;
	e->amount = coq_time_cost(e->cmin, rates ? rates->desk_rate : 0);
	return posted(c, e, c->txn->next_seq - 1, rates);
}

enum outcome
coq_capa(struct ctx *c, const Yoke__Capa *k, const char *hours)
{
	Yoke__CoqRates *rates;
	uint32_t ch;
	int rc;
	if (str_empty(hours))
		return OUTCOME_COMMIT;
	if (!coq_cmin_read(hours, &ch) || ch == 0)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("hours: expected hours such as 1.5 (at most two decimals), got \"%.40s\""), hours);
	if ((rc = coq_rates_now(c, &rates)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__CoqEntry *e = coq_entry(c, YOKE__COQ_CATEGORY__COQ_PREVENTION, "capa");
	e->defect = k->defect;
	e->product = k->product;
	e->station = k->station;
	e->note = k->number;
	e->cmin = ch * 60;                 /* hundredths of an hour as hundredths of a minute */
	e->amount = coq_time_cost(e->cmin, rates ? rates->desk_rate : 0);
	return posted(c, e, c->txn->next_seq - 1, rates);
}
