/*
 * req-spc-limits.c — an engineer changes the control limits in force of a
 * characteristic at a station (SpcLimitsSet): new limits (lcl < cl < ucl),
 * or "relearn" from the next N points. Signed with badge + PIN by an
 * engineer, with a reason; the change joins the history of the limits
 * (spc_limits, spc_state.h) with who, when and why, and the state's window
 * is kept (the rules see the recent points against the new limits).
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/spc/spc_state.h"
#include "shared/log.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <math.h>

enum outcome
req_spc_limits_set(struct ctx *c)
{
	const Yoke__SpcLimitsSet *q = c->rq->spc_limits_set;
	Yoke__SpcLimitsChange *ch = arena_alloc(c->a, sizeof *ch);
	Yoke__SpcStationState *x = arena_alloc(c->a, sizeof *x);
	Yoke__SpcReply *r = arena_alloc(c->a, sizeof *r);
	Yoke__SignatureRecord *by;
	Yoke__SpcState *st;
	Yoke__Station *where;
	struct spc_window w;
	enum outcome o;
	int rc;

	if (!ident_ok(q->characteristic, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a characteristic: the name of a measure step (1-64 printable "
		    "characters)"));
	if (!ident_ok(q->station, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Control limits are kept per station: expected the station id"));
	if (str_empty(q->reason) || !text_ok(q->reason, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Changing control limits needs the reason (text of at most 500 bytes)"));
	if (q->relearn && (q->learn == 1 || q->learn > SPC_LEARN_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Relearning takes 2 to %d points, got %u"), SPC_LEARN_MAX, q->learn);
	if (!q->relearn && !(isfinite(q->lcl) && isfinite(q->ucl) && q->lcl < q->cl &&
	    q->cl < q->ucl))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected control limits with lcl < cl < ucl, got lcl %g, cl %g, ucl %g"), q->lcl,
		    q->cl, q->ucl);
	rc = REC_GET(c->txn, c->a, T_STATION, q->station, yoke__station, &where);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No station %s"), q->station);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = spc_state_get(c, q->characteristic, q->station, &st);
	if (rc == STORE_NOTFOUND) {
		st = arena_alloc(c->a, sizeof *st);
		yoke__spc_state__init(st);
	} else if (rc != STORE_OK) {
		return store_failed(c, rc);
	}
	if ((o = sign_as(c, q->signature, ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER), q->relearn ?
	    N_("had the control limits learnt again") : N_("set the control limits"), &by)) !=
	    OUTCOME_COMMIT)
		return o;
	spc_state_to_window(st, &w);
	yoke__spc_limits_change__init(ch);
	ch->signature = by;
	ch->reason = q->reason;
	if (q->relearn) {
		spc_window_relearn(&w, q->learn);
		ch->origin = YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_RELEARN;
		ch->points = w.learn;
	} else {
		spc_window_set_limits(&w, q->cl, q->ucl, q->lcl);
		ch->origin = YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_SET;
		ch->has_limits = true;
		ch->cl = q->cl;
		ch->ucl = q->ucl;
		ch->lcl = q->lcl;
	}
	w.drift_warned = false;
	if ((rc = spc_limits_keep(c, st, q->characteristic, q->station, ch)) != STORE_OK)
		return store_failed(c, rc);
	spc_state_from_window(c, &w, st);
	if ((rc = spc_state_put(c, q->characteristic, q->station, st)) != STORE_OK)
		return store_failed(c, rc);
	log_info("SPC %s at %s: limits %s by %s (change %u)", q->characteristic, q->station,
	    q->relearn ? "to be learnt" : "set", by->badge, ch->number);

	yoke__spc_station_state__init(x);
	x->station = q->station;
	x->has_limits = w.has_limits;
	x->cl = w.cl;
	x->ucl = w.ucl;
	x->lcl = w.lcl;
	x->learn = w.learn;
	x->count = w.count;
	yoke__spc_reply__init(r);
	r->characteristic = q->characteristic;
	r->unit = (char *)"";
	r->n_states = 1;
	r->states = ARENA_NEW(c->a, Yoke__SpcStationState *, 1);
	r->states[0] = x;
	r->n_history = 1;
	r->history = ARENA_NEW(c->a, Yoke__SpcLimitsChange *, 1);
	r->history[0] = ch;
	c->rp->body_case = YOKE__REPLY__BODY_SPC;
	c->rp->spc = r;
	if (q->relearn)
		reply_message(c, _("%s at %s: the control limits are learnt again from the next %u "
		    "points (change %u)"), q->characteristic, q->station, w.learn, ch->number);
	else
		reply_message(c, _("%s at %s: control limits CL %g, UCL %g, LCL %g in force (change %u)"),
		    q->characteristic, q->station, q->cl, q->ucl, q->lcl, ch->number);
	return OUTCOME_COMMIT;
}
