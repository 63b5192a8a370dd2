/*
 * req-coq-add.c — a cost entered by hand (CoqAdd), signed by a lead, an
 * inspector or an engineer:
 *
 *   return, warranty, claim   external failure: a unit's serial and an
 *                             amount; the unit's history records it
 *   training                  prevention: hours (at the desk rate of the
 *                             rates in force) or an amount
 *
 * The entry cites the event it records (EVENT_COST_ENTERED) and is posted
 * in the same transaction; a retried request is answered from its stored
 * reply and posts nothing again (PROTOCOL.md, idempotency).
 */
#include "server/requests.h"
#include "server/coq/coq.h"
#include "server/people/signature.h"
#include "server/unit/unit.h"
#include "shared/defs/defs_coq.h"
#include "shared/i18n.h"
#include "shared/quality/coq_money.h"
#include "shared/util.h"

#include <string.h>

enum outcome
req_coq_add(struct ctx *c)
{
	const Yoke__CoqAdd *q = c->rq->coq_add;
	bool training = strcmp(q->kind, "training") == 0;
	bool external = strcmp(q->kind, "return") == 0 || strcmp(q->kind, "warranty") == 0 ||
	    strcmp(q->kind, "claim") == 0;
	Yoke__SignatureRecord *by;
	Yoke__UnitRecord *u = NULL;
	Yoke__Routing *r = NULL;
	Yoke__CoqRates *rates;
	int64_t amount = 0;
	uint32_t hours = 0;
	enum outcome o;
	int rc;

	if (!training && !external)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a kind: return, warranty, claim or training, got \"%.20s\""), q->kind);
	if (!text_ok(q->note, 500) || !text_ok(q->station, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a note of at most 500 bytes of text without control characters"));
	if (!str_empty(q->amount) && !coq_money_read(q->amount, &amount))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("amount: expected an amount such as 1250.00 (at most two decimals, no sign), got "
		    "\"%.40s\""), q->amount);
	if (!str_empty(q->hours) && (!training || !coq_cmin_read(q->hours, &hours) || hours == 0))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("hours: expected hours such as 1.5 (at most two decimals) for training, got "
		    "\"%.40s\""), q->hours);
	if (external && (str_empty(q->serial) || str_empty(q->amount)))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A %s names the unit (--serial) and its amount (--amount)"), q->kind);
	if (training && str_empty(q->amount) == str_empty(q->hours))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Training gives its hours (--hours) or its amount (--amount), one of them"));
	if (external && (o = unit_load(c, q->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	if ((o = sign_as(c, q->signature, ROLES_QUALITY, arena_printf(c->a, _("cost of quality: %s"),
	    q->kind), &by)) != OUTCOME_COMMIT)
		return o;
	if ((rc = coq_rates_now(c, &rates)) != STORE_OK)
		return store_failed(c, rc);

	Yoke__CoqEntry *e = coq_entry(c, external ? YOKE__COQ_CATEGORY__COQ_EXTERNAL_FAILURE :
	    YOKE__COQ_CATEGORY__COQ_PREVENTION, arena_strdup(c->a, q->kind));
	e->note = q->note;
	if (training && hours) {
		e->cmin = hours * 60;
		amount = coq_time_cost(e->cmin, rates ? rates->desk_rate : 0);
	}
	e->amount = amount;
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_COST_ENTERED, u, r);
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	ev->detail = e->element;
	ev->text = q->note;
	if (u) {
		e->serial = u->serial;
		e->product = u->product;
		e->work_order = u->work_order;
		e->ncr = u->n_ncrs ? u->ncrs[u->n_ncrs - 1] : (char *)"";
		if ((rc = unit_event_append(c, u, ev)) != STORE_OK || (rc = unit_save(c, u)) != STORE_OK)
			return store_failed(c, rc);
	} else {
		e->station = q->station;
		if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
			return store_failed(c, rc);
	}
	if ((rc = coq_post(c, e, ev->seq, rates)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__CoqAddReply *rp = arena_alloc(c->a, sizeof *rp);
	yoke__coq_add_reply__init(rp);
	rp->entry = e;
	c->rp->body_case = YOKE__REPLY__BODY_COQ_ADD;
	c->rp->coq_add = rp;
	char money[32];
	reply_message(c, _("%s of %s %s recorded (rates %s)"), q->kind,
	    coq_money_text(amount, money, sizeof money), rates ? rates->currency : "",
	    rates ? rates->version : "-");
	return OUTCOME_COMMIT;
}
