/*
 * iqc.c — inspection lots: made when a lot is received (iqc.h), named,
 * stored, listed for the inspector's worklist.
 */
#include "server/iqc/iqc.h"
#include "server/material/lot.h"
#include "server/quality/counter.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WALK_MAX 200000         /* inspection lots one worklist walk reads */

const char *
iqc_name(struct ctx *c, uint64_t number)
{
	return arena_printf(c->a, IQC_PREFIX "%06" PRIu64, number);
}

/* "IQC-000042" -> 42. */
static bool
iqc_number(const char *name, uint64_t *n)
{
	const char *p = name;
	char *end;

	if (p == NULL || strncmp(p, IQC_PREFIX, strlen(IQC_PREFIX)) != 0)
		return false;
	p += strlen(IQC_PREFIX);
	if (*p < '0' || *p > '9' || strlen(p) > 18)
		return false;
	*n = strtoull(p, &end, 10);
	return *end == '\0' && *n > 0;
}

int
iqc_get(struct ctx *c, const char *name, Yoke__InspectionLot **out)
{
	unsigned char k[8];
	uint64_t no;

	if (!iqc_number(name, &no))
		return STORE_NOTFOUND;
	put_be64(k, no);
	return rec_get(c->txn, c->a, T_IQC, k, 8, &yoke__inspection_lot__descriptor, (void **)out);
}

int
iqc_put(struct ctx *c, const Yoke__InspectionLot *il, bool is_new)
{
	unsigned char k[8];
	uint64_t no;

	if (!iqc_number(il->number, &no))
		return STORE_ERROR;
	put_be64(k, no);
	return rec_put(c->txn, c->a, T_IQC, k, 8, (const ProtobufCMessage *)il,
	    is_new ? STORE_APPEND : 0);
}

const char *
iqc_state_text(Yoke__InspectionState s)
{
	switch (s) {
	case YOKE__INSPECTION_STATE__INSPECTION_OPEN: return _("open");
	case YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED: return _("accepted");
	case YOKE__INSPECTION_STATE__INSPECTION_REJECTED: return _("rejected");
	default: return _("without a state");
	}
}

const char *
iqc_mode_text(Yoke__IqcMode m)
{
	switch (m) {
	case YOKE__IQC_MODE__IQC_TIGHTENED: return _(sampling_mode_name(SAMPLING_MODE_TIGHTENED));
	case YOKE__IQC_MODE__IQC_REDUCED: return _(sampling_mode_name(SAMPLING_MODE_REDUCED));
	case YOKE__IQC_MODE__IQC_DISCONTINUED: return _(sampling_mode_name(SAMPLING_MODE_DISCONTINUED));
	default: return _(sampling_mode_name(SAMPLING_MODE_NORMAL));
	}
}

static enum sampling_severity
severity_of(Yoke__IqcMode m)
{
	return m == YOKE__IQC_MODE__IQC_TIGHTENED ? SAMPLING_TIGHTENED :
	    m == YOKE__IQC_MODE__IQC_REDUCED ? SAMPLING_REDUCED : SAMPLING_NORMAL;
}

/*
 * The plan of a lot of lot_size units. A lot of 1 unit has no code letter
 * (Table 1 starts at 2): that unit is inspected, Ac 0, Re 1.
 */
static bool
plan_of(struct ctx *c, Yoke__InspectionLot *il, const Yoke__IncomingInspection *iqc, char *err, size_t errsize)
{
	struct sampling_plan p;
	enum sampling_level level;

	if (!sampling_parse_level(iqc->level, &level)) {
		snprintf(err, errsize, _("inspection level \"%s\" is not one of ISO 2859-1's"),
		    iqc->level);
		return false;
	}
	if (il->lot_size < 2) {
		il->letter = il->used_letter = (char *)"";
		il->sample_size = (uint32_t)il->lot_size;
		il->ac = 0;
		il->re = 1;
		il->ac_tighter = -1;
		il->full_inspection = true;
		return true;
	}
	if (!sampling_plan_find((long)il->lot_size, level, iqc->aql, severity_of(il->severity),
	    SAMPLING_ISO2859, &p, err, errsize))
		return false;
	il->letter = arena_printf(c->a, "%c", p.letter);
	il->used_letter = arena_printf(c->a, "%c", p.used_letter);
	il->sample_size = (uint32_t)p.n;
	il->ac = (uint32_t)p.ac;
	il->re = (uint32_t)p.re;
	il->ac_tighter = p.ac_tighter;
	il->full_inspection = p.full_inspection;
	return true;
}

/* One result per characteristic of the plan, none recorded yet. */
static void
empty_results(struct ctx *c, Yoke__InspectionLot *il, const Yoke__IncomingInspection *iqc)
{
	size_t n = iqc->n_characteristics ? iqc->n_characteristics : 1;

	il->results = ARENA_NEW(c->a, Yoke__IqcResult *, n);
	il->n_results = n;
	for (size_t i = 0; i < n; i++) {
		Yoke__IqcResult *r = arena_alloc(c->a, sizeof *r);
		yoke__iqc_result__init(r);
		r->characteristic = iqc->n_characteristics ? iqc->characteristics[i] : (char *)"";
		il->results[i] = r;
	}
}

static int
opened_event(struct ctx *c, const Yoke__InspectionLot *il)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);

	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_IQC_OPENED;
	ev->terminal = (char *)c->terminal;
	if (c->session)
		ev->station = c->session->station;
	if (c->op) {
		ev->badge = c->op->badge;
		ev->operator_name = c->op->name;
	}
	ev->part = il->part;
	ev->lot = il->lot;
	ev->detail = il->number;
	ev->qty = il->sample_size;
	ev->text = arena_printf(c->a, _("%s for lot %s: %s inspection, n = %u of %" PRIu64
	    ", Ac %u, Re %u"), il->number, il->lot, iqc_mode_text(il->severity), il->sample_size,
	    il->lot_size, il->ac, il->re);
	return rec_event_append(c->txn, c->a, ev);
}

enum outcome
iqc_on_receive(struct ctx *c, Yoke__Lot *l, const Yoke__Part *part)
{
	Yoke__InspectionLot *il;
	Yoke__IqcSwitch *sw;
	char err[300];
	uint64_t no;
	int rc;

	if (part->iqc == NULL)
		return OUTCOME_COMMIT;
	if ((rc = iqc_switch_get(c, l->supplier, l->part, &sw)) != STORE_OK)
		return store_failed(c, rc);
	if (sw->mode == YOKE__IQC_MODE__IQC_DISCONTINUED)
		return refuse(c, YOKE__STATUS__STATUS_SUPPLIER_BLOCKED,
		    _("Supplier %s is blocked for %s: %s. No lot of it is received until an engineer "
		    "lifts the block after corrective action (yokectl iqc lift %s %s)"), l->supplier,
		    l->part, iqc_switch_why(c, sw), l->supplier, l->part);

	il = arena_alloc(c->a, sizeof *il);
	yoke__inspection_lot__init(il);
	il->state = YOKE__INSPECTION_STATE__INSPECTION_OPEN;
	il->lot = l->id;
	il->part = l->part;
	il->supplier = l->supplier;
	il->supplier_lot = l->supplier_lot;
	il->lot_size = l->qty_received >= 1 ? (uint64_t)floor(l->qty_received) : 1;
	il->level = part->iqc->level;
	il->aql = part->iqc->aql;
	il->severity = sw->mode;
	il->created_us = c->now;
	il->received_by = l->received_by;
	if (!plan_of(c, il, part->iqc, err, sizeof err))
		return refuse(c, YOKE__STATUS__STATUS_INVALID_DEFINITION,
		    _("The incoming inspection plan of %s cannot be made: %s"), l->part, err);
	empty_results(c, il, part->iqc);
	if ((rc = counter_next(c, COUNTER_IQC, &no)) != STORE_OK)
		return store_failed(c, rc);
	il->number = (char *)iqc_name(c, no);
	if ((rc = iqc_put(c, il, true)) != STORE_OK || (rc = opened_event(c, il)) != STORE_OK)
		return store_failed(c, rc);
	l->inspection = il->number;
	if ((rc = lot_put(c, l, false)) != STORE_OK)
		return store_failed(c, rc);
	notify(c, "role/inspector", "", YOKE__UNIT_STATUS__UNIT_NONE,
	    N_("incoming inspection waiting"));
	return OUTCOME_COMMIT;
}

struct work_walk {
	struct ctx *c;
	Yoke__WorkItem **items;
	size_t *n, max, walked;
	int rc;
};

static int
work_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct work_walk *w = ud;
	Yoke__InspectionLot *il;
	Yoke__WorkItem *it;
	(void)k;
	(void)kl;

	if (++w->walked > WALK_MAX || *w->n >= w->max)
		return 1;
	if ((il = rec_decode(w->c->a, &yoke__inspection_lot__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (il->state != YOKE__INSPECTION_STATE__INSPECTION_OPEN)
		return 0;
	it = arena_alloc(w->c->a, sizeof *it);
	yoke__work_item__init(it);
	it->kind = YOKE__WORK_KIND__WORK_IQC;
	it->ref = il->number;
	it->serial = il->lot;
	it->station = (char *)"";
	it->since_us = il->created_us;
	it->text = arena_printf(w->c->a, _("%s from %s, lot %s: %s, n = %u, Ac %u"), il->part,
	    il->supplier, il->supplier_lot, iqc_mode_text(il->severity), il->sample_size, il->ac);
	w->items[(*w->n)++] = it;
	return 0;
}

int
iqc_worklist(struct ctx *c, Yoke__WorkItem **items, size_t *n, size_t max)
{
	struct work_walk w = { c, items, n, max, 0, STORE_OK };
	int rc = store_walk_back(c->txn, T_IQC, NULL, 0, work_walk, &w);

	return rc != STORE_OK ? rc : w.rc;
}
