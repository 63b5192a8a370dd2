/*
 * req-capa-update.c — moves an OPEN (or later) CAPA one step on, with what
 * that step records, signed (capa.h has the states and who signs each):
 *
 *   contained     the containment: what was done so no more such product
 *                 leaves (1-1000 bytes)
 *   root cause    a 6M category and the why-chain, first why first (1-5)
 *   action        the corrective action, its owner (a badge the plant
 *                 knows) and its due date (YYYY-MM-DD; a date already
 *                 passed is taken, and the CAPA is overdue at once)
 *   implemented   signed by the owner: nobody else says it is done
 *   verified      signed by an inspector or an engineer who is not the
 *                 implementer (separation of duties)
 *   effective     the server counts (capa_effectiveness); when the data do
 *                 not show the rate fell, NOT_EFFECTIVE with the numbers,
 *                 the CAPA stays verified, and the reply carries them
 *   closed        the end
 *
 * A step that is not the next one is CONFLICT, naming the next one. A
 * note, when given, goes into the step's event.
 */
#include "server/coq/coq.h"
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/quality/capa.h"
#include "shared/defs/defs.h"
#include "shared/quality/capa_rule.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

#define ROLES_VERIFY (ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER))

struct step {
	struct ctx *c;
	const Yoke__CapaUpdate *q;
	Yoke__Capa *k;
	unsigned roles;             /* who may sign it */
	const char *extra;          /* appended to the reply ("already overdue") */
};

static enum outcome
text_needed(struct ctx *c, const char *s, const char *what)
{
	if (str_empty(s) || !text_ok(s, CAPA_TEXT_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected %s: 1 to %d bytes of text without control characters"), what,
		    CAPA_TEXT_MAX);
	return OUTCOME_COMMIT;
}

static enum outcome
contained(struct step *x)
{
	enum outcome o = text_needed(x->c, x->q->containment, _("the containment"));
	if (o == OUTCOME_COMMIT)
		x->k->containment = x->q->containment;
	return o;
}

static enum outcome
root_cause(struct step *x)
{
	const Yoke__CapaUpdate *q = x->q;
	if (q->cause_category < YOKE__DEFECT_CATEGORY__DEFECT_MAN ||
	    q->cause_category > YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT)
		return refuse(x->c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the root cause's category: man, machine, material, method, measurement "
		    "or environment"));
	if (q->n_whys == 0 || q->n_whys > CAPA_WHYS_MAX)
		return refuse(x->c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the why-chain: 1 to %d whys, first why first, got %zu"), CAPA_WHYS_MAX,
		    q->n_whys);
	for (size_t i = 0; i < q->n_whys; i++) {
		enum outcome o = text_needed(x->c, q->whys[i], _("each why"));
		if (o != OUTCOME_COMMIT)
			return o;
	}
	x->k->cause_category = q->cause_category;
	x->k->whys = q->whys;
	x->k->n_whys = q->n_whys;
	return OUTCOME_COMMIT;
}

static enum outcome
action(struct step *x)
{
	struct ctx *c = x->c;
	const Yoke__CapaUpdate *q = x->q;
	Yoke__Operator *owner;
	enum outcome o;
	int rc;

	if ((o = text_needed(c, q->action, _("the corrective action"))) != OUTCOME_COMMIT)
		return o;
	if (!ident_ok(q->owner, 40))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the action's owner: the badge of who carries it out"));
	rc = REC_GET(c->txn, c->a, T_OPERATOR, q->owner, yoke__operator, &owner);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No person has badge %s"), q->owner);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (str_empty(q->due) || !date_valid(q->due))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the action's due date YYYY-MM-DD, got \"%.20s\""), q->due ? q->due : "");
	x->k->action = q->action;
	x->k->owner = owner->badge;
	x->k->due = q->due;
	if (capa_overdue(q->due, c->now))
		x->extra = _("The due date has passed already: the action is overdue");
	return OUTCOME_COMMIT;
}

/* The owner signs that it is done, and nobody else. */
static enum outcome
implemented(struct step *x)
{
	const Yoke__Signature *sig = x->q->signature;
	if (sig && !str_empty(sig->badge) && strcmp(sig->badge, x->k->owner) != 0)
		return refuse(x->c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    _("The action of %s is owned by badge %s: its owner signs that it is implemented, "
		    "not badge %s"), x->k->number, x->k->owner, sig->badge);
	x->roles = ROLES_ANY;
	return OUTCOME_COMMIT;
}

/* Separation of duties: the implementer does not verify. */
static enum outcome
verified(struct step *x)
{
	const Yoke__Signature *sig = x->q->signature;
	if (sig && !str_empty(sig->badge) && strcmp(sig->badge, x->k->implemented_by) == 0)
		return refuse(x->c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    _("Badge %s implemented the action of %s and cannot verify it: another person, an "
		    "inspector or an engineer, verifies"), sig->badge, x->k->number);
	x->roles = ROLES_VERIFY;
	return OUTCOME_COMMIT;
}

/* The text of the step's event and reply, in the writer's words. */
static const char *
step_text(struct step *x, const Yoke__SignatureRecord *by)
{
	struct ctx *c = x->c;
	Yoke__Capa *k = x->k;
	switch (x->q->to) {
	case YOKE__CAPA_STATE__CAPA_CONTAINED:
		return arena_printf(c->a, _("%s contained by %s: %s"), k->number, by->name,
		    k->containment);
	case YOKE__CAPA_STATE__CAPA_ROOT_CAUSE: {
		const char *chain = k->whys[0];
		for (size_t i = 1; i < k->n_whys; i++)
			chain = arena_printf(c->a, "%s / %s", chain, k->whys[i]);
		return arena_printf(c->a, _("%s root cause found by %s: %s; why: %s"), k->number,
		    by->name, defs_category_name(k->cause_category), chain);
	}
	case YOKE__CAPA_STATE__CAPA_ACTION:
		return arena_printf(c->a, _("%s action set by %s: %s; owner badge %s, due %s"),
		    k->number, by->name, k->action, k->owner, k->due);
	case YOKE__CAPA_STATE__CAPA_IMPLEMENTED:
		return arena_printf(c->a, _("%s implemented by %s"), k->number, by->name);
	case YOKE__CAPA_STATE__CAPA_VERIFIED:
		return arena_printf(c->a, _("%s verified by %s"), k->number, by->name);
	case YOKE__CAPA_STATE__CAPA_EFFECTIVE:
		return arena_printf(c->a, _("%s effective, signed by %s. %s"), k->number, by->name,
		    k->effectiveness->rule);
	default:
		return arena_printf(c->a, _("%s closed by %s"), k->number, by->name);
	}
}

static enum outcome
effective(struct step *x)
{
	struct ctx *c = x->c;
	const Yoke__CapaUpdate *q = x->q;
	const int64_t given[4] = { q->before_from_us, q->before_to_us, q->after_from_us,
		q->after_to_us };
	Yoke__CapaEffectiveness *e = arena_alloc(c->a, sizeof *e);
	enum outcome o;

	if ((o = capa_effectiveness(c, x->k, given, e)) != OUTCOME_COMMIT)
		return o;
	x->k->effectiveness = e;
	if (e->effective)
		return OUTCOME_COMMIT;
	/* Refused with the numbers, and the CAPA as it would read, unchanged. */
	o = refuse(c, YOKE__STATUS__STATUS_NOT_EFFECTIVE, _("%s is not shown effective: %s"),
	    x->k->number, e->rule);
	capa_reply_one(c, x->k);
	return o;
}

enum outcome
req_capa_update(struct ctx *c)
{
	const Yoke__CapaUpdate *q = c->rq->capa_update;
	struct step x = { .c = c, .q = q, .roles = ROLES_QUALITY };
	Yoke__SignatureRecord *by;
	enum outcome o;
	int rc;

	rc = capa_get(c, q->number, &x.k);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No CAPA %.40s"), q->number);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	Yoke__Capa *k = x.k;
	if (k->state == YOKE__CAPA_STATE__CAPA_PROPOSED)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s is proposed: a person opens it first (capa open %s)"), k->number, k->number);
	if (k->state == YOKE__CAPA_STATE__CAPA_CLOSED)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("%s is closed"), k->number);
	if (q->to < YOKE__CAPA_STATE__CAPA_CONTAINED || q->to > YOKE__CAPA_STATE__CAPA_CLOSED)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the step to move to: contained, root cause, action, implemented, "
		    "verified, effective or closed"));
	if ((int)q->to != (int)k->state + 1)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s is %s: the next state is %s, not %s"), k->number, capa_state_text(k->state),
		    capa_state_text((Yoke__CapaState)(k->state + 1)), capa_state_text(q->to));
	if (!text_ok(q->note, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a note of at most 500 bytes of text without control characters"));
	switch (q->to) {
	case YOKE__CAPA_STATE__CAPA_CONTAINED: o = contained(&x); break;
	case YOKE__CAPA_STATE__CAPA_ROOT_CAUSE: o = root_cause(&x); break;
	case YOKE__CAPA_STATE__CAPA_ACTION: o = action(&x); break;
	case YOKE__CAPA_STATE__CAPA_IMPLEMENTED: o = implemented(&x); break;
	case YOKE__CAPA_STATE__CAPA_VERIFIED: o = verified(&x); break;
	default: o = OUTCOME_COMMIT; break;
	}
	if (o != OUTCOME_COMMIT)
		return o;
	if ((o = sign_as(c, q->signature, x.roles, arena_printf(c->a, "%s: %s", k->number,
	    capa_state_text(q->to)), &by)) != OUTCOME_COMMIT)
		return o;
	/* Counted once the signer is known, so a PIN checked off the loop does
	 * not walk the log twice. */
	if (q->to == YOKE__CAPA_STATE__CAPA_EFFECTIVE && (o = effective(&x)) != OUTCOME_COMMIT)
		return o;
	if (q->to == YOKE__CAPA_STATE__CAPA_IMPLEMENTED)
		k->implemented_by = by->badge;

	Yoke__SignatureRecord **all = ARENA_NEW(c->a, Yoke__SignatureRecord *, k->n_signatures + 1);
	if (k->n_signatures)
		memcpy(all, k->signatures, k->n_signatures * sizeof *all);
	all[k->n_signatures++] = by;
	k->signatures = all;
	k->state = q->to;
	k->updated_us = c->now;
	const char *text = step_text(&x, by);
	if ((rc = capa_put(c, k)) != STORE_OK || (rc = capa_event(c, k, text, by, q->note)) != STORE_OK)
		return store_failed(c, rc);
	if ((o = coq_capa(c, k, q->hours)) != OUTCOME_COMMIT)    /* prevention hours (coq.h) */
		return o;
	capa_reply_one(c, k);
	if (x.extra)
		reply_message(c, "%s. %s", text, x.extra);
	else
		reply_message(c, "%s", text);
	return OUTCOME_COMMIT;
}
