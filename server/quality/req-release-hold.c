/*
 * req-release-hold.c — releases one hold (hold.h), signed, with a reason.
 * Other holds on the same units stay. A hold an NCR placed is released by
 * the NCR's disposition (a lot NCR's by its close, or by use as is), not
 * here.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/quality/hold.h"
#include "shared/util.h"
#include "shared/i18n.h"

enum outcome
req_release_hold(struct ctx *c)
{
	const Yoke__HoldRelease *hr = c->rq->release_hold;
	Yoke__HoldReply *rp = arena_alloc(c->a, sizeof *rp);
	Yoke__Hold *h;
	enum outcome o;
	int rc;

	rc = hold_get(c, hr->hold, &h);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No hold %llu"),
		    (unsigned long long)hr->hold);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (!h->open)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("Hold %llu was already released"),
		    (unsigned long long)h->id);
	if (h->source == YOKE__HOLD_SOURCE__HOLD_NCR && h->scope == YOKE__HOLD_SCOPE__HOLD_COMPONENT)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Hold %llu belongs to %s, an NCR on lot %s: closing the NCR (or its use as is) "
		    "releases it"), (unsigned long long)h->id, h->ncr, h->targets[0]);
	if (h->source == YOKE__HOLD_SOURCE__HOLD_NCR)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Hold %llu belongs to %s: a disposition of the NCR releases it"),
		    (unsigned long long)h->id, h->ncr);
	if (str_empty(hr->reason) || !text_ok(hr->reason, 300))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A release needs a reason: 1-300 bytes of text without control characters"));
	if ((o = sign_as(c, hr->signature, ROLES_QUALITY, _("released a hold"), &h->released)) !=
	    OUTCOME_COMMIT)
		return o;
	h->release_reason = hr->reason;
	if ((o = hold_release(c, h, NULL)) != OUTCOME_COMMIT)
		return o;
	yoke__hold_reply__init(rp);
	rp->hold = h;
	c->rp->body_case = YOKE__REPLY__BODY_HOLD;
	c->rp->hold = rp;
	notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("hold released"));
	reply_message(c, _("Hold %llu released"), (unsigned long long)h->id);
	return OUTCOME_COMMIT;
}
