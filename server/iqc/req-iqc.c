/*
 * req-iqc.c — inspection lots, newest first: one by its number (or by its
 * lot), or those that match every filter given (state, supplier, part);
 * each with why its supplier + part is inspected as it is now. With
 * `switching`: the switching states instead, filtered by supplier and
 * part; one supplier + part named in full also gets its history of
 * switches. Read-only.
 */
#include "server/requests.h"
#include "server/iqc/iqc.h"
#include "server/material/lot.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

#define IQCS_MAX 5000
#define HISTORY_MAX 200         /* switches listed, the newest */

struct iqc_walk {
	struct ctx *c;
	const Yoke__IqcQuery *q;
	Yoke__IqcReply *ir;
	int rc;
};

static bool
is(const char *want, const char *have)
{
	return str_empty(want) || strcmp(want, have) == 0;
}

/* Fills il->switching: why its supplier + part is at its mode now. */
static int
with_switching(struct ctx *c, Yoke__InspectionLot *il)
{
	Yoke__IqcSwitch *sw;
	int rc = iqc_switch_get(c, il->supplier, il->part, &sw);

	if (rc == STORE_OK)
		il->switching = (char *)iqc_switch_why(c, sw);
	return rc;
}

Yoke__IqcReply *
iqc_reply_one(struct ctx *c, Yoke__InspectionLot *il)
{
	Yoke__IqcReply *ir = arena_alloc(c->a, sizeof *ir);

	yoke__iqc_reply__init(ir);
	ir->inspections = ARENA_NEW(c->a, Yoke__InspectionLot *, 1);
	ir->inspections[0] = il;
	ir->n_inspections = ir->matched = 1;
	c->rp->body_case = YOKE__REPLY__BODY_IQC;
	c->rp->iqc = ir;
	return ir;
}

static int
inspections_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct iqc_walk *w = ud;
	const Yoke__IqcQuery *q = w->q;
	Yoke__InspectionLot *il;
	(void)k;
	(void)kl;

	if ((il = rec_decode(w->c->a, &yoke__inspection_lot__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if ((q->state && il->state != q->state) || !is(q->supplier, il->supplier) ||
	    !is(q->part, il->part))
		return 0;
	w->ir->matched++;
	if (w->ir->n_inspections == IQCS_MAX)
		return 0;
	if ((w->rc = with_switching(w->c, il)) != STORE_OK)
		return 1;
	w->ir->inspections[w->ir->n_inspections++] = il;
	return 0;
}

static int
switches_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct iqc_walk *w = ud;
	Yoke__IqcSwitch *sw;
	(void)k;
	(void)kl;

	if ((sw = rec_decode(w->c->a, &yoke__iqc_switch__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (!is(w->q->part, sw->part) || !is(w->q->supplier, sw->supplier))
		return 0;
	w->ir->matched++;
	if (w->ir->n_switches == IQCS_MAX)
		return 0;
	sw->why = (char *)iqc_switch_why(w->c, sw);
	w->ir->switches[w->ir->n_switches++] = sw;
	return 0;
}

/* One supplier + part: its state (fresh NORMAL when never inspected) and
 * its switches, oldest first. */
static enum outcome
one_switch(struct ctx *c, Yoke__IqcReply *ir, const char *supplier, const char *part)
{
	Yoke__IqcSwitch *sw;
	size_t from;
	int rc;

	if ((rc = iqc_switch_get(c, supplier, part, &sw)) != STORE_OK)
		return store_failed(c, rc);
	sw->why = (char *)iqc_switch_why(c, sw);
	ir->switches = ARENA_NEW(c->a, Yoke__IqcSwitch *, 1);
	ir->switches[0] = sw;
	ir->n_switches = ir->matched = 1;
	from = sw->n_events > HISTORY_MAX ? sw->n_events - HISTORY_MAX : 0;
	ir->history = ARENA_NEW(c->a, Yoke__Event *, sw->n_events - from + 1);
	for (size_t i = from; i < sw->n_events; i++) {
		unsigned char key[8];
		Yoke__Event *ev;
		put_be64(key, sw->events[i]);
		rc = rec_get(c->txn, c->a, T_EVENT, key, 8, &yoke__event__descriptor, (void **)&ev);
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return store_failed(c, rc);
		ir->history[ir->n_history++] = ev;
	}
	reply_message(c, "%s/%s: %s", supplier, part, sw->why);
	return OUTCOME_COMMIT;
}

static enum outcome
by_number(struct ctx *c, const char *number)
{
	Yoke__InspectionLot *il;
	int rc = iqc_get(c, number, &il);

	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No inspection lot %s"), number);
	if (rc != STORE_OK || (rc = with_switching(c, il)) != STORE_OK)
		return store_failed(c, rc);
	iqc_reply_one(c, il);
	return OUTCOME_COMMIT;
}

enum outcome
req_iqc(struct ctx *c)
{
	const Yoke__IqcQuery *q = c->rq->iqc;
	Yoke__IqcReply *ir = arena_alloc(c->a, sizeof *ir);
	struct iqc_walk w = { c, q, ir, STORE_OK };
	int rc;

	if (!text_ok(q->number, IQC_NUMBER_MAX) || !text_ok(q->supplier, 64) ||
	    !text_ok(q->part, 64) || !text_ok(q->lot, LOT_ID_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Inspection filters: a number such as IQC-000001, a supplier, a part, a lot such "
		    "as L-000001"));
	if (q->state < 0 || q->state > YOKE__INSPECTION_STATE__INSPECTION_REJECTED)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected an inspection state (open, accepted, rejected), or none for every "
		    "state"));
	if (!str_empty(q->number))
		return by_number(c, q->number);
	if (!str_empty(q->lot)) {
		Yoke__Lot *l;
		rc = lot_get(c, q->lot, &l);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No lot %s"), q->lot);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		if (str_empty(l->inspection))
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
			    _("Lot %s has no incoming inspection"), q->lot);
		return by_number(c, l->inspection);
	}
	yoke__iqc_reply__init(ir);
	c->rp->body_case = YOKE__REPLY__BODY_IQC;
	c->rp->iqc = ir;
	if (q->switching) {
		if (!str_empty(q->supplier) && !str_empty(q->part))
			return one_switch(c, ir, q->supplier, q->part);
		ir->switches = ARENA_NEW(c->a, Yoke__IqcSwitch *, IQCS_MAX);
		rc = store_walk_prefix(c->txn, T_IQC_SWITCH, NULL, 0, switches_walk, &w);
	} else {
		ir->inspections = ARENA_NEW(c->a, Yoke__InspectionLot *, IQCS_MAX);
		rc = store_walk_back(c->txn, T_IQC, NULL, 0, inspections_walk, &w);
	}
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	return OUTCOME_COMMIT;
}
