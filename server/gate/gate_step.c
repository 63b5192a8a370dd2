/*
 * gate_step.c — the gate at a step (gate.h): the qualification's expiry,
 * the gauge scan, and the first article (fai.c).
 */
#include "server/gate/gate_priv.h"
#include "shared/defs/defs.h"
#include "shared/defs/defs_gate.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

/* Every entry of the operator's qualified= that allows the operation has
 * expired: refused, with the date. */
static enum outcome
qualification_check(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Operation *op)
{
	const char *entry;
	int32_t until;
	char date[16];
	if (!defs_qualification_expiry(c->op, u->product, op->number, &until, &entry) ||
	    until >= gate_today(c))
		return OUTCOME_COMMIT;
	defs_date_text(until, date, sizeof date);
	return refuse(c, YOKE__STATUS__STATUS_QUALIFICATION_EXPIRED, _("The qualification %s of %s "
	    "(badge %s) for %s op %u expired on %s: renew it before working this operation"), entry,
	    c->op->name, c->op->badge, u->product, op->number, date);
}

static enum outcome
gauge_check(struct ctx *c, const Yoke__Step *step, Yoke__Event *ev)
{
	const char *id = c->rq->step->gauge;
	Yoke__GaugeInfo *g;
	enum outcome o;
	int rc;
	if (str_empty(id))
		return refuse(c, YOKE__STATUS__STATUS_GAUGE_REQUIRED, _("This step is done with a %s: "
		    "scan its id first"), step->gauge);
	if ((o = gauge_usable(c, id, step->gauge, &g)) != OUTCOME_COMMIT)
		return o;
	ev->gauge = g->id;
	if (g->equipment && (rc = fai_equipment_taken(c, g)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

enum outcome
gate_step(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Operation *op, const Yoke__Step *step,
    Yoke__Event *ev, bool *skipped)
{
	enum outcome o;
	*skipped = false;
	if (c->op && c->op->n_expiries > 0 && (o = qualification_check(c, u, op)) != OUTCOME_COMMIT)
		return o;
	if (step->fai != YOKE__FAI_TRIGGER__FAI_NONE &&
	    ((o = fai_before(c, u, op, step, ev, skipped)) != OUTCOME_COMMIT || *skipped))
		return o;
	if (step->gauge[0] != '\0' && (o = gauge_check(c, step, ev)) != OUTCOME_COMMIT)
		return o;
	return OUTCOME_COMMIT;
}

enum outcome
gate_step_done(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r,
    const Yoke__Operation *op, const Yoke__Step *step, const Yoke__Event *ev)
{
	int rc;
	if (step->fai != YOKE__FAI_TRIGGER__FAI_NONE && ev->kind == YOKE__EVENT_KIND__EVENT_INSPECTED &&
	    (rc = fai_after(c, u, op, ev)) != STORE_OK)
		return store_failed(c, rc);
	if (u->status == YOKE__UNIT_STATUS__UNIT_IN_WORK && u->step_index < op->n_steps &&
	    op->steps[u->step_index]->fai != YOKE__FAI_TRIGGER__FAI_NONE)
		return fai_reached(c, u, r, op);
	return OUTCOME_COMMIT;
}

void
gate_view_add(struct arena *a, Yoke__UnitView *v, const Yoke__Operation *op, size_t i)
{
	Yoke__StepGate *g = arena_alloc(a, sizeof *g);
	yoke__step_gate__init(g);
	g->gauge = op->steps[i]->gauge;
	g->fai = (char *)defs_fai_name(op->steps[i]->fai);
	g->step = (uint32_t)i;
	if (v->gates == NULL)
		v->gates = ARENA_NEW(a, Yoke__StepGate *, op->n_steps);
	v->gates[v->n_gates++] = g;
}
