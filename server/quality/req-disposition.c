/*
 * req-disposition.c — decides what happens to an OPEN NCR's unit (ncr.h
 * says what each disposition does), signed, in one transaction with the
 * release of the NCR's hold and the unit's move:
 *
 *   rework, repair, scrap   one signature: an inspector or an engineer
 *   use as is               the Material Review Board: two to four
 *                           different signers (lead, inspector,
 *                           engineer), at least one an inspector, none
 *                           the NCR's originator
 *
 * Rework and repair count toward the routing's rework limit (default 2);
 * past it only scrap or use as is remain (REWORK_LIMIT). A repair's new
 * component is checked like a scan (the step rules, a serial consumed
 * once); the removed serial keeps its genealogy key, so it is never built
 * in again, and the unit's history records its removal.
 *
 * A lot NCR (ncr.h) takes the lot's dispositions: return to supplier,
 * sort 100 % and scrap, one signature, keep the lot's hold until the NCR
 * closes; use as is (the MRB, as above) releases it now. Rework and repair
 * are refused on a lot NCR, return to supplier and sort on a unit NCR.
 */
#include "server/requests.h"
#include "server/coq/coq.h"
#include "server/people/signature.h"
#include "server/quality/hold.h"
#include "server/quality/ncr.h"
#include "server/unit/unit.h"
#include "shared/step_rules.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

#define REWORK_LIMIT_DEFAULT 2
#define MRB_MIN 2

#define ROLES_DISPOSITION (ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER))

struct disposition {
	struct ctx *c;
	const Yoke__NcrDisposition *d;
	Yoke__Ncr *n;
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	Yoke__Event *ev;
};

/* The unit leaves the queue of the kind it stands at (a done unit has none). */
static int
leave_queue(struct disposition *x)
{
	const Yoke__Operation *op = unit_op(x->u, x->r);
	if (x->u->status == YOKE__UNIT_STATUS__UNIT_DONE || op == NULL)
		return STORE_OK;
	return unit_queue_del(x->c, x->u, op->station_kind);
}

/* Queued at its current operation (from the first step) or rework operation. */
static int
queue_again(struct disposition *x)
{
	const Yoke__Operation *op = unit_op(x->u, x->r);
	if (op == NULL)
		return STORE_ERROR;
	x->u->status = YOKE__UNIT_STATUS__UNIT_QUEUED;
	x->u->station = (char *)"";
	x->u->since_us = x->c->now;
	if (x->u->n_holds == 0)
		x->u->hold_reason = (char *)"";
	unit_notify(x->c, x->u, op->station_kind, N_("arrived"));
	return unit_queue_put(x->c, x->u, op->station_kind);
}

/* The operation to come back to: where it failed, or for a done unit its last. */
static uint32_t
failed_op_index(const struct disposition *x)
{
	if (x->u->op_index >= x->r->n_operations)
		return (uint32_t)x->r->n_operations - 1;
	return x->u->op_index;
}

static enum outcome
within_limit(struct disposition *x)
{
	uint32_t limit = x->r->rework_limit ? x->r->rework_limit : REWORK_LIMIT_DEFAULT;
	if (x->u->rework_count >= limit)
		return refuse(x->c, YOKE__STATUS__STATUS_REWORK_LIMIT,
		    P_("Unit %s was reworked %u time, the limit of routing %s rev %s: only scrap or use "
		    "as is (MRB) remain", "Unit %s was reworked %u times, the limit of routing %s rev %s: "
		    "only scrap or use as is (MRB) remain", x->u->rework_count), x->u->serial,
		    x->u->rework_count, x->r->product, x->r->revision);
	return OUTCOME_COMMIT;
}

/* Back to the start of the operation it failed at, with nothing of it done. */
static void
restart_op(struct disposition *x, uint32_t op_index)
{
	Yoke__UnitRecord *u = x->u;
	u->op_index = op_index;
	u->op_started = false;
	u->step_index = 0;
	u->scanned = 0;
	u->attempts = 0;
	u->inspect_due = 0;
	u->n_results = 0;
	u->n_op_badges = 0;
}

static enum outcome
rework(struct disposition *x)
{
	struct ctx *c = x->c;
	const Yoke__Operation *rw = NULL;
	uint32_t idx = 0;
	enum outcome o;
	int rc;

	if ((o = within_limit(x)) != OUTCOME_COMMIT)
		return o;
	if (x->r->n_rework_operations == 0)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Routing %s rev %s has no rework operation: repair, scrap or use as is"),
		    x->r->product, x->r->revision);
	for (size_t i = 0; i < x->r->n_rework_operations; i++)
		if (x->d->rework_operation == 0 ||
		    x->r->rework_operations[i]->number == x->d->rework_operation) {
			rw = x->r->rework_operations[i];
			idx = (uint32_t)i;
			break;
		}
	if (rw == NULL)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("Routing %s rev %s has no rework operation %u"), x->r->product, x->r->revision,
		    x->d->rework_operation);
	if ((rc = leave_queue(x)) != STORE_OK)
		return store_failed(c, rc);
	uint32_t back = failed_op_index(x);
	restart_op(x, back);
	x->u->return_op = back + 1;
	x->u->rework_op = idx;
	x->u->rework_count++;
	x->n->rework_operation = rw->number;
	if ((rc = queue_again(x)) != STORE_OK)
		return store_failed(c, rc);
	x->ev->text = arena_printf(c->a, _("%s: rework at op %u \"%s\" (%s), then op %u again"),
	    x->n->number, rw->number, rw->name, rw->station_kind, x->r->operations[back]->number);
	return OUTCOME_COMMIT;
}

static enum outcome
repair(struct disposition *x)
{
	struct ctx *c = x->c;
	struct component_scan out, in;
	Yoke__Part *part;
	const void *v;
	size_t vl;
	char msg[300];
	enum outcome o;
	int rc;

	if ((o = within_limit(x)) != OUTCOME_COMMIT)
		return o;
	if (!step_parse_component(x->d->remove, &out, msg, sizeof msg) || out.id[0] == '\0')
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN,
		    _("A repair names the component taken out as PART/SERIAL, got \"%.60s\""),
		    x->d->remove);
	char *old = arena_printf(c->a, "%s/%s", out.part, out.id);
	rc = store_get(c->txn, T_COMPONENT, old, strlen(old), &v, &vl);
	if (rc == STORE_NOTFOUND || (rc == STORE_OK && (vl != strlen(x->u->serial) ||
	    memcmp(v, x->u->serial, vl) != 0)))
		return refuse(c, YOKE__STATUS__STATUS_WRONG_PART,
		    _("%s is not built into unit %s: name a serial component of this unit"), old,
		    x->u->serial);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = REC_GET(c->txn, c->a, T_PART, out.part, yoke__part, &part);
	if (rc != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if (part->tracking != YOKE__TRACKING__TRACKING_SERIAL)
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN,
		    _("%s is lot-tracked: a repair replaces a serial component"), out.part);
	/* The new one, checked like a scan of a step that needs this part. */
	Yoke__Step need = YOKE__STEP__INIT;
	need.kind = YOKE__STEP_KIND__STEP_SCAN;
	need.part = out.part;
	need.qty = 1;
	if (!step_parse_component(x->d->fit, &in, msg, sizeof msg))
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, "%s", msg);
	Yoke__Status st = step_check_scan(&need, part->tracking, &in, msg, sizeof msg);
	if (st != YOKE__STATUS__STATUS_OK)
		return refuse(c, st, "%s", msg);
	char *fresh = arena_printf(c->a, "%s/%s", in.part, in.id);
	if ((o = hold_component_check(c, fresh)) != OUTCOME_COMMIT)
		return o;
	rc = store_get(c->txn, T_COMPONENT, fresh, strlen(fresh), &v, &vl);
	if (rc == STORE_OK)
		return refuse(c, YOKE__STATUS__STATUS_SERIAL_ALREADY_USED,
		    _("%s serial %s is already built into unit %.*s: scan another one"), in.part, in.id,
		    (int)vl, (const char *)v);
	if (rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if ((rc = store_put(c->txn, T_COMPONENT, fresh, strlen(fresh), x->u->serial,
	    strlen(x->u->serial), 0)) != STORE_OK)
		return store_failed(c, rc);

	Yoke__Event *rm = unit_event(c, YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED, x->u, x->r);
	rm->part = out.part;
	rm->component_serial = arena_strdup(c->a, out.id);
	rm->ncr = x->n->number;
	rm->text = arena_printf(c->a, _("Removed %s (never to be used again)"), old);
	if ((rc = unit_event_append(c, x->u, rm)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Event *fit = unit_event(c, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED, x->u, x->r);
	fit->part = out.part;
	fit->component_serial = arena_strdup(c->a, in.id);
	fit->qty = 1;
	fit->pass = true;
	fit->ncr = x->n->number;
	fit->text = arena_printf(c->a, _("Fitted %s in place of %s"), fresh, old);
	if ((rc = unit_event_append(c, x->u, fit)) != STORE_OK)
		return store_failed(c, rc);

	if ((rc = leave_queue(x)) != STORE_OK)
		return store_failed(c, rc);
	uint32_t back = failed_op_index(x);
	restart_op(x, back);
	x->u->rework_count++;
	x->n->removed = old;
	x->n->fitted = fresh;
	if ((rc = queue_again(x)) != STORE_OK)
		return store_failed(c, rc);
	x->ev->text = arena_printf(c->a, _("%s: repair, %s replaced by %s; op %u again"), x->n->number,
	    old, fresh, x->r->operations[back]->number);
	return OUTCOME_COMMIT;
}

static enum outcome
scrap(struct disposition *x)
{
	int rc;
	if ((rc = leave_queue(x)) != STORE_OK)
		return store_failed(x->c, rc);
	x->u->status = YOKE__UNIT_STATUS__UNIT_SCRAPPED;
	x->u->station = (char *)"";
	x->u->since_us = x->c->now;
	x->u->hold_reason = arena_printf(x->c->a, _("scrapped by %s"), x->n->number);
	x->ev->text = arena_printf(x->c->a, _("%s: scrap; the unit's components stay consumed"),
	    x->n->number);
	Yoke__Event *s = unit_event(x->c, YOKE__EVENT_KIND__EVENT_SCRAPPED, x->u, x->r);
	s->ncr = x->n->number;
	s->text = x->u->hold_reason;
	if ((rc = unit_event_append(x->c, x->u, s)) != STORE_OK)
		return store_failed(x->c, rc);
	return OUTCOME_COMMIT;
}

/* The failed step stands as a deviation; the unit goes on from the next. */
static enum outcome
use_as_is(struct disposition *x)
{
	struct ctx *c = x->c;
	Yoke__UnitRecord *u = x->u;
	const Yoke__Operation *op = unit_op(u, x->r);
	int rc;

	x->ev->text = arena_printf(c->a, _("%s: use as is (MRB deviation): %s"), x->n->number,
	    x->n->text);
	if (u->status == YOKE__UNIT_STATUS__UNIT_DONE)
		return OUTCOME_COMMIT;
	if (op && u->op_started && u->step_index < op->n_steps && x->n->step == u->step_index + 1) {
		char **results = ARENA_NEW(c->a, char *, op->n_steps);
		for (size_t i = 0; i < op->n_steps; i++)
			results[i] = i < u->n_results ? u->results[i] : (char *)"";
		results[u->step_index] = arena_printf(c->a, _("deviation, %s"), x->n->number);
		u->results = results;
		u->n_results = op->n_steps;
		u->scanned = 0;
		u->attempts = 0;
		u->step_index = step_next(op, u->step_index + 1, u->inspect_due);
	}
	if ((rc = leave_queue(x)) != STORE_OK || (rc = queue_again(x)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

/* The signers: one for most, the MRB for use as is. */
static enum outcome
signatures(struct disposition *x, Yoke__SignatureRecord ***recs, size_t *n)
{
	struct ctx *c = x->c;
	const Yoke__NcrDisposition *d = x->d;
	const char *meaning = arena_printf(c->a, _("disposition %s of %s"),
	    ncr_disposition_text(d->kind), x->n->number);
	enum outcome o;

	if (d->kind != YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS) {
		if (d->n_signatures != 1)
			return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
			    _("A %s disposition is signed by one inspector or engineer, got %zu "
			    "signatures"), ncr_disposition_text(d->kind), d->n_signatures);
		*n = 1;
		return sign_all(c, d->signatures, 1, ROLES_DISPOSITION, meaning, recs);
	}
	if (d->n_signatures < MRB_MIN || d->n_signatures > OFFLOAD_TASKS_MAX)
		return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    _("Use as is needs the Material Review Board: %d to %d different people sign, got "
		    "%zu"), MRB_MIN, OFFLOAD_TASKS_MAX, d->n_signatures);
	for (size_t i = 0; i < d->n_signatures; i++)
		if (d->signatures[i] && strcmp(d->signatures[i]->badge, x->n->badge) == 0)
			return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
			    _("%s (badge %s) originated %s and cannot sign its MRB: another person "
			    "signs"), x->n->operator_name, x->n->badge, x->n->number);
	o = sign_all(c, d->signatures, d->n_signatures, ROLES_QUALITY, meaning, recs);
	if (o != OUTCOME_COMMIT)
		return o;
	*n = d->n_signatures;
	for (size_t i = 0; i < *n; i++)
		if ((*recs)[i]->role == YOKE__ROLE__ROLE_INSPECTOR)
			return OUTCOME_COMMIT;
	return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
	    _("The Material Review Board needs quality: one of the signers must be an inspector"));
}

/* The NCR records its disposition and signers; the reply carries it. */
static enum outcome
decided(struct disposition *x, Yoke__SignatureRecord **recs, size_t nsig, const char *said)
{
	struct ctx *c = x->c;
	Yoke__Ncr *n = x->n;
	int rc;

	Yoke__SignatureRecord **all = ARENA_NEW(c->a, Yoke__SignatureRecord *, n->n_signatures + nsig);
	if (n->n_signatures)
		memcpy(all, n->signatures, n->n_signatures * sizeof *all);
	memcpy(all + n->n_signatures, recs, nsig * sizeof *all);
	n->signatures = all;
	n->n_signatures += nsig;
	n->state = YOKE__NCR_STATE__NCR_DISPOSITIONED;
	n->disposition = x->d->kind;
	n->disposition_note = x->d->note;
	n->dispositioned_us = c->now;
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

/* A unit's dispositions for a unit NCR, a lot's for a lot NCR. */
static enum outcome
fits_subject(struct disposition *x)
{
	struct ctx *c = x->c;
	Yoke__DispositionKind k = x->d->kind;
	bool unit_only = k == YOKE__DISPOSITION_KIND__DISPOSITION_REWORK ||
	    k == YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR;
	bool lot_only = k == YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER ||
	    k == YOKE__DISPOSITION_KIND__DISPOSITION_SORT;

	if (ncr_on_lot(x->n) && unit_only)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s is about lot %s, not a unit: %s is a unit's disposition. A lot is returned "
		    "to the supplier, sorted 100 %%, scrapped or used as is (MRB)"), x->n->number,
		    ncr_lot_label(c, x->n), ncr_disposition_text(k));
	if (!ncr_on_lot(x->n) && lot_only)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s is about unit %s: %s is a lot's disposition. A unit is reworked, repaired, "
		    "scrapped or used as is (MRB)"), x->n->number, x->n->serial,
		    ncr_disposition_text(k));
	return OUTCOME_COMMIT;
}

/* A lot NCR: the hold on the lot stays until the NCR closes, except after
 * use as is, which releases it now with the deviation as its reason. */
static enum outcome
lot_disposition(struct disposition *x)
{
	struct ctx *c = x->c;
	const char *label = ncr_lot_label(c, x->n), *said;
	Yoke__SignatureRecord **recs;
	Yoke__Hold *h;
	size_t nsig = 0;
	enum outcome o;
	int rc;

	if ((o = signatures(x, &recs, &nsig)) != OUTCOME_COMMIT)
		return o;
	switch (x->d->kind) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS:
		if ((rc = hold_get(c, x->n->hold, &h)) != STORE_OK)
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
		said = arena_printf(c->a, _("%s: use as is (MRB deviation): %s; the hold on lot %s is "
		    "released"), x->n->number, str_empty(x->d->note) ? x->n->text : x->d->note, label);
		if (h->open) {
			h->released = recs[0];
			h->release_reason = (char *)said;
			if ((o = hold_release(c, h, NULL)) != OUTCOME_COMMIT)
				return o;
		}
		notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("hold released"));
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_SORT:
		said = arena_printf(c->a, _("%s: sort 100 %%; lot %s stays held until the NCR is closed: "
		    "raise an NCR on each unit found bad"), x->n->number, label);
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER:
		said = arena_printf(c->a, _("%s: return to supplier; lot %s stays held, and once the NCR "
		    "is closed it is never used again"), x->n->number, label);
		break;
	default:
		said = arena_printf(c->a, _("%s: scrap; lot %s stays held, and once the NCR is closed it "
		    "is never used again"), x->n->number, label);
		break;
	}
	return decided(x, recs, nsig, said);
}

enum outcome
req_disposition(struct ctx *c)
{
	const Yoke__NcrDisposition *d = c->rq->disposition;
	struct disposition x = { .c = c, .d = d };
	Yoke__SignatureRecord **recs;
	Yoke__Hold *h;
	size_t nsig = 0;
	enum outcome o;
	int rc;

	rc = ncr_get(c, d->number, &x.n);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No NCR %.40s"), d->number);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (x.n->state != YOKE__NCR_STATE__NCR_OPEN)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("%s is %s: it has its disposition"),
		    x.n->number, ncr_state_text(x.n->state));
	if (!text_ok(d->note, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a note of at most 500 bytes of text without control characters"));
	if (d->kind < YOKE__DISPOSITION_KIND__DISPOSITION_REWORK ||
	    d->kind > YOKE__DISPOSITION_KIND__DISPOSITION_SORT)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a disposition: rework, repair, scrap or use as is for a unit; return to "
		    "supplier, sort, scrap or use as is for a lot"));
	if ((o = fits_subject(&x)) != OUTCOME_COMMIT)
		return o;
	if (ncr_on_lot(x.n))
		return lot_disposition(&x);
	if ((o = unit_load(c, x.n->serial, &x.u, &x.r)) != OUTCOME_COMMIT)
		return o;
	if ((o = signatures(&x, &recs, &nsig)) != OUTCOME_COMMIT)
		return o;

	x.ev = unit_event(c, YOKE__EVENT_KIND__EVENT_DISPOSITIONED, x.u, x.r);
	x.ev->ncr = x.n->number;
	x.ev->detail = d->note;
	x.ev->n_signatures = nsig;
	x.ev->signatures = recs;
	/* The NCR's hold goes first: the moves below see the unit's other holds. */
	if ((rc = hold_get(c, x.n->hold, &h)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if (h->open) {
		h->released = recs[0];
		h->release_reason = arena_printf(c->a, _("disposition: %s"),
		    ncr_disposition_text(d->kind));
		if ((o = hold_release(c, h, x.u)) != OUTCOME_COMMIT)
			return o;
	}
	switch (d->kind) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK: o = rework(&x); break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR: o = repair(&x); break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP: o = scrap(&x); break;
	default: o = use_as_is(&x); break;
	}
	if (o != OUTCOME_COMMIT)
		return o;
	if ((rc = unit_event_append(c, x.u, x.ev)) != STORE_OK)
		return store_failed(c, rc);
	x.n->disposition = d->kind;
	if ((o = coq_disposition(c, x.u, x.r, x.n, x.ev, nsig)) != OUTCOME_COMMIT)   /* coq.h */
		return o;
	x.u->open_ncr = (char *)"";
	if ((rc = unit_save(c, x.u)) != STORE_OK)
		return store_failed(c, rc);
	return decided(&x, recs, nsig, x.ev->text);
}
