/*
 * req-hold.c — places a hold (hold.h), signed by a lead, an inspector or
 * an engineer, with a reason. Holding every unit built with a lot is one
 * request and one transaction (containment); the reply counts the units
 * covered: in work, done, scrapped.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/quality/hold.h"
#include "shared/util.h"
#include "shared/i18n.h"

enum outcome
req_hold(struct ctx *c)
{
	const Yoke__HoldPlace *hp = c->rq->hold;
	Yoke__HoldReply *hr = arena_alloc(c->a, sizeof *hr);
	Yoke__Hold *h = arena_alloc(c->a, sizeof *h);
	enum outcome o;

	if (str_empty(hp->reason) || !text_ok(hp->reason, 300))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A hold needs a reason: 1-300 bytes of text without control characters"));
	yoke__hold__init(h);
	yoke__hold_reply__init(hr);
	h->scope = hp->scope;
	h->n_targets = hp->n_targets;
	h->targets = hp->targets;
	h->reason = hp->reason;
	h->source = YOKE__HOLD_SOURCE__HOLD_MANUAL;
	if ((o = sign_as(c, hp->signature, ROLES_QUALITY, _("placed a hold"), &h->placed)) !=
	    OUTCOME_COMMIT)
		return o;
	if ((o = hold_place(c, h, NULL, hr)) != OUTCOME_COMMIT)
		return o;
	hr->hold = h;
	c->rp->body_case = YOKE__REPLY__BODY_HOLD;
	c->rp->hold = hr;
	notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("hold placed"));
	reply_message(c, _("Hold %llu placed on %s %s; units it covers: %u in work, %u done, %u "
	    "scrapped"),
	    (unsigned long long)h->id, hold_scope_text(h->scope), h->targets[0], hr->units_in_work,
	    hr->units_done, hr->units_scrapped);
	return OUTCOME_COMMIT;
}
