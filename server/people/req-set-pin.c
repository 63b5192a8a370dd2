/*
 * req-set-pin.c — an admin sets a person's PIN: a first PIN, or a new one
 * after a lost or locked PIN. The PIN is hashed off the loop (signature.h)
 * and stored only as that hash; the person is asked to choose their own at
 * the next badge-in. Unlocks the badge.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

enum outcome
req_set_pin(struct ctx *c)
{
	const Yoke__SetPin *sp = c->rq->set_pin;
	Yoke__CredentialRecord cr = YOKE__CREDENTIAL_RECORD__INIT;
	Yoke__Operator *op;
	const char *hash;
	char why[120];
	enum outcome o;
	int rc;

	if (!ident_ok(sp->badge, PIN_BADGE_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a badge (1-%d printable characters), got \"%.40s\""), PIN_BADGE_MAX,
		    sp->badge);
	rc = REC_GET(c->txn, c->a, T_OPERATOR, sp->badge, yoke__operator, &op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("Unknown badge %s"), sp->badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (!pin_text_ok(sp->pin, why, sizeof why))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST, _("Expected a PIN: %s"), why);
	if ((o = sign_new_hash(c, sp->badge, sp->pin, &hash)) != OUTCOME_COMMIT)
		return o;
	cr.hash = (char *)hash;
	/* An admin setting their own PIN has chosen it. */
	cr.set_by_admin = strcmp(sp->badge, c->op->badge) != 0;
	cr.changed_us = c->now;
	if ((rc = REC_PUT(c->txn, c->a, T_CREDENTIAL, sp->badge, &cr)) != STORE_OK)
		return store_failed(c, rc);
	sign_forget(c, sp->badge);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_PIN_SET, NULL, NULL);
	ev->text = arena_printf(c->a, _("PIN of %s (badge %s) set by %s (badge %s)"), op->name,
	    op->badge, c->op->name, c->op->badge);
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	if (cr.set_by_admin)
		reply_message(c, _("PIN set for %s (badge %s); they choose their own at a terminal "
		    "(@PIN)"), op->name, op->badge);
	else
		reply_message(c, _("PIN set for %s (badge %s)"), op->name, op->badge);
	return OUTCOME_COMMIT;
}
