/*
 * req-gauge-check.c — may this gauge be used for a step that needs a kind?
 * The station asks as the operator scans it, before the value is typed;
 * the step checks it again (gate.h). A read: nothing is written.
 */
#include "server/gate/gate.h"
#include "server/requests.h"
#include "shared/i18n.h"
#include "shared/util.h"

enum outcome
req_gauge_check(struct ctx *c)
{
	const Yoke__GaugeCheck *q = c->rq->gauge_check;
	Yoke__GaugeInfo *g;
	Yoke__GaugeReply *gr;
	enum outcome o;

	if (!str_empty(q->kind) && !ident_ok(q->kind, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a gauge kind, got \"%.40s\""), q->kind);
	if ((o = gauge_usable(c, q->gauge, q->kind, &g)) != OUTCOME_COMMIT)
		return o;
	gr = arena_alloc(c->a, sizeof *gr);
	yoke__gauge_reply__init(gr);
	gr->gauges = ARENA_NEW(c->a, Yoke__GaugeInfo *, 1);
	gr->gauges[0] = g;
	gr->n_gauges = gr->matched = 1;
	c->rp->body_case = YOKE__REPLY__BODY_GAUGES;
	c->rp->gauges = gr;
	reply_message(c, _("%s %s (%s) is calibrated until %s"), gauge_word(g), g->id, g->kind, g->due);
	return OUTCOME_COMMIT;
}
