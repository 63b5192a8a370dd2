/*
 * req-gauge-block.c — blocks a gauge or equipment (dropped, damaged, lost)
 * or unblocks it, signed by a lead, an inspector or an engineer, with the
 * reason; a blocked one is refused at every step (gate.h).
 */
#include "server/gate/gate.h"
#include "server/people/signature.h"
#include "server/requests.h"
#include "server/store/records.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/util.h"

enum outcome
req_gauge_block(struct ctx *c)
{
	const Yoke__GaugeBlock *r = c->rq->gauge_block;
	Yoke__SignatureRecord *by;
	Yoke__GaugeState *s;
	Yoke__GaugeInfo *g;
	Yoke__GaugeReply *gr;
	enum outcome o;
	int rc;

	if (!ident_ok(r->gauge, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a gauge or equipment id, got \"%.40s\""), r->gauge);
	if (str_empty(r->reason) || !text_ok(r->reason, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the reason (text of at most 500 bytes)"));
	rc = gauge_info(c, r->gauge, &g);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("%s is not a gauge or equipment of this plant"), r->gauge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (g->blocked == r->block)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, r->block ? _("%s %s is blocked already") :
		    _("%s %s is not blocked"), gauge_word(g), g->id);
	if ((o = sign_as(c, r->signature, ROLES_QUALITY, r->block ? _("blocked the gauge") :
	    _("unblocked the gauge"), &by)) != OUTCOME_COMMIT)
		return o;
	if ((rc = gauge_state_get(c, g->id, &s)) != STORE_OK)
		return store_failed(c, rc);
	s->blocked = r->block;
	s->block_reason = (char *)r->reason;
	s->blocked_by = by;
	if ((rc = gauge_state_put(c, g->id, s)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_GAUGE_BLOCKED, NULL, NULL);
	ev->detail = g->id;
	ev->pass = !r->block;
	ev->text = (char *)r->reason;
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = gauge_info(c, g->id, &g)) != STORE_OK)
		return store_failed(c, rc);
	gr = arena_alloc(c->a, sizeof *gr);
	yoke__gauge_reply__init(gr);
	gr->gauges = ARENA_NEW(c->a, Yoke__GaugeInfo *, 1);
	gr->gauges[0] = g;
	gr->n_gauges = gr->matched = 1;
	c->rp->body_case = YOKE__REPLY__BODY_GAUGES;
	c->rp->gauges = gr;
	reply_message(c, r->block ? _("%s %s is blocked: %s") : _("%s %s is unblocked: %s"),
	    gauge_word(g), g->id, r->reason);
	return OUTCOME_COMMIT;
}
