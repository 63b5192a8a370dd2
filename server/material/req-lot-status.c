/*
 * req-lot-status.c — a person blocks, quarantines or releases a lot,
 * signed, with a reason (LotStatusChange). Who signs:
 *
 *   block, quarantine   a lead, an inspector or an engineer
 *   release             an inspector or an engineer; a lot incoming
 *                       inspection REJECTED only by an engineer (using it
 *                       after all is a Material Review Board decision)
 *
 * A release returns a lot that a block or quarantine took from waiting for
 * incoming inspection to waiting (Lot.held_from): the inspection, not a
 * release, lets it be built in. A lot waiting for inspection is not
 * released here, and an expired one by nobody (its date decides).
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/people/signature.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

#define SIGNERS_HOLD ROLES_QUALITY
#define SIGNERS_RELEASE (ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER))
#define SIGNERS_MRB ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER)

static bool
held(Yoke__LotStatus st)
{
	return st == YOKE__LOT_STATUS__LOT_BLOCKED || st == YOKE__LOT_STATUS__LOT_QUARANTINED;
}

/* What a release makes of the lot, or a refusal. */
static enum outcome
release_to(struct ctx *c, const Yoke__Lot *l, Yoke__LotStatus *to, unsigned *signers)
{
	if (lot_expired(l->expiry, c->now))
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Lot %s expired on %s: an expired lot is never released; take another lot"), l->id,
		    l->expiry);
	switch (l->status) {
	case YOKE__LOT_STATUS__LOT_REJECTED:
		*to = YOKE__LOT_STATUS__LOT_RELEASED;
		*signers = SIGNERS_MRB;
		return OUTCOME_COMMIT;
	case YOKE__LOT_STATUS__LOT_BLOCKED:
	case YOKE__LOT_STATUS__LOT_QUARANTINED:
		*to = l->held_from == YOKE__LOT_STATUS__LOT_PENDING_INSPECTION ?
		    YOKE__LOT_STATUS__LOT_PENDING_INSPECTION : YOKE__LOT_STATUS__LOT_RELEASED;
		*signers = SIGNERS_RELEASE;
		return OUTCOME_COMMIT;
	case YOKE__LOT_STATUS__LOT_PENDING_INSPECTION:
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Lot %s waits for incoming inspection: the inspection's decision releases it"),
		    l->id);
	default:
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("Lot %s is already %s"), l->id,
		    lot_status_text(l->status));
	}
}

enum outcome
req_lot_status(struct ctx *c)
{
	const Yoke__LotStatusChange *x = c->rq->lot_status;
	Yoke__LotStatus to = x->status, was;
	Yoke__SignatureRecord *sig;
	Yoke__LotReply *lr;
	Yoke__Lot *l;
	unsigned signers = SIGNERS_HOLD;
	const char *meaning;
	enum outcome o;
	int rc;

	if (to != YOKE__LOT_STATUS__LOT_BLOCKED && to != YOKE__LOT_STATUS__LOT_QUARANTINED &&
	    to != YOKE__LOT_STATUS__LOT_RELEASED)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A lot is blocked, quarantined or released here; incoming inspection decides the "
		    "rest"));
	if (str_empty(x->reason) || !text_ok(x->reason, 300))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A change of a lot's status needs a reason: 1-300 bytes of text without control "
		    "characters"));
	rc = lot_get(c, x->lot, &l);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No lot %.20s"), x->lot);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	was = l->status;
	if (to == YOKE__LOT_STATUS__LOT_RELEASED) {
		if ((o = release_to(c, l, &to, &signers)) != OUTCOME_COMMIT)
			return o;
		meaning = _("released a lot");
	} else {
		if (was == to)
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("Lot %s is already %s"), l->id,
			    lot_status_text(was));
		meaning = to == YOKE__LOT_STATUS__LOT_BLOCKED ? _("blocked a lot") :
		    _("quarantined a lot");
	}
	if ((o = sign_as(c, x->signature, signers, meaning, &sig)) != OUTCOME_COMMIT)
		return o;
	if (held(to) && !held(was))
		l->held_from = was;
	if (!held(to))
		l->held_from = YOKE__LOT_STATUS__LOT_STATUS_UNSPECIFIED;
	if ((rc = lot_set_status_signed(c, l, to, x->reason, sig->badge, sig)) != STORE_OK)
		return store_failed(c, rc);
	lr = arena_alloc(c->a, sizeof *lr);
	yoke__lot_reply__init(lr);
	lr->lots = ARENA_NEW(c->a, Yoke__Lot *, 1);
	lr->lots[0] = l;
	lr->n_lots = lr->matched = 1;
	c->rp->body_case = YOKE__REPLY__BODY_LOTS;
	c->rp->lots = lr;
	notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("a lot's status changed"));
	reply_message(c, _("Lot %s (%s of %s) is now %s, signed by %s"), l->id, l->supplier_lot,
	    l->part, lot_status_text(l->status), sig->name);
	return OUTCOME_COMMIT;
}
