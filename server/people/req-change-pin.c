/*
 * req-change-pin.c — a person changes their own PIN at a terminal. No
 * session is needed: the old PIN is the proof, checked like any signature
 * (wrong ones count and lock the badge). Both the check of the old PIN and
 * the hash of the new one run off the loop, in one round.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

enum outcome
req_change_pin(struct ctx *c)
{
	const Yoke__ChangePin *cp = c->rq->change_pin;
	Yoke__CredentialRecord cr = YOKE__CREDENTIAL_RECORD__INIT;
	Yoke__Operator *op;
	const char *hash = NULL;
	char why[120];
	enum outcome o, oh;
	int rc;

	if (!ident_ok(cp->badge, PIN_BADGE_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a badge (1-%d printable characters), got \"%.40s\""), PIN_BADGE_MAX,
		    cp->badge);
	if (!pin_text_ok(cp->new_pin, why, sizeof why))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST, _("Expected a new PIN: %s"), why);
	if (strcmp(cp->new_pin, cp->old_pin) == 0)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The new PIN is the old one: choose another"));
	/* Ask for the new hash first, so one trip off the loop does both. */
	oh = sign_new_hash(c, cp->badge, cp->new_pin, &hash);
	if (oh != OUTCOME_COMMIT && oh != OUTCOME_PREPARE)
		return oh;
	o = sign_check(c, cp->badge, cp->old_pin, &op);
	if (o != OUTCOME_COMMIT)
		return o;
	if (oh == OUTCOME_PREPARE)
		return oh;
	cr.hash = (char *)hash;
	cr.changed_us = c->now;
	if ((rc = REC_PUT(c->txn, c->a, T_CREDENTIAL, cp->badge, &cr)) != STORE_OK)
		return store_failed(c, rc);
	sign_forget(c, cp->badge);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_PIN_CHANGED, NULL, NULL);
	ev->badge = op->badge;
	ev->operator_name = op->name;
	ev->text = arena_printf(c->a, _("%s (badge %s) changed their PIN"), op->name, op->badge);
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	reply_message(c, _("PIN changed for %s"), op->name);
	return OUTCOME_COMMIT;
}
