/* signature.c — see signature.h. */
#include "server/people/signature.h"
#include "server/requests.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The result of slow work done for this request, if it matches. */
static const struct offload_task *
prepared(const struct ctx *c, enum offload_kind kind, const char *badge, const char *pin,
    const char *hash)
{
	if (c->prep == NULL)
		return NULL;
	for (int i = 0; i < c->prep->ntasks; i++) {
		const struct offload_task *t = &c->prep->tasks[i];
		if (t->kind == kind && strcmp(t->badge, badge) == 0 && strcmp(t->pin, pin) == 0 &&
		    (kind == OFFLOAD_HASH || strcmp(t->hash, hash) == 0))
			return t;
	}
	return NULL;
}

static enum outcome
want(struct ctx *c, enum offload_kind kind, const char *badge, const char *pin, const char *hash)
{
	struct offload_task *t;
	if (c->nwant == OFFLOAD_TASKS_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST, _("Too many signatures in one request"));
	t = &c->want[c->nwant++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	strlcpy_yk(t->badge, badge, sizeof t->badge);
	strlcpy_yk(t->pin, pin, sizeof t->pin);
	if (hash)
		strlcpy_yk(t->hash, hash, sizeof t->hash);
	return OUTCOME_PREPARE;
}

void
sign_forget(struct ctx *c, const char *badge)
{
	pin_cache_forget(&c->srv->pins, badge);
}

/* A wrong PIN: counted, maybe locking the badge; the count is written. */
static enum outcome
wrong(struct ctx *c, const Yoke__Operator *op, Yoke__CredentialRecord *cr)
{
	int tries = c->srv->cfg.pin_tries;
	int rc;

	sign_forget(c, op->badge);
	cr->failures++;
	if ((int)cr->failures >= tries) {
		char until[32];
		cr->locked_until_us = c->now + (int64_t)c->srv->cfg.pin_lock_s * 1000000;
		cr->failures = 0;
		format_time_us(cr->locked_until_us, until, sizeof until);
		Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_BADGE_LOCKED, NULL, NULL);
		ev->badge = op->badge;
		ev->operator_name = op->name;
		ev->text = arena_printf(c->a, P_("Badge %s (%s) locked until %s UTC after %d wrong PIN",
		    "Badge %s (%s) locked until %s UTC after %d wrong PINs", tries), op->badge, op->name,
		    until, tries);
		if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
			return store_failed(c, rc);
		if ((rc = REC_PUT(c->txn, c->a, T_CREDENTIAL, op->badge, cr)) != STORE_OK)
			return store_failed(c, rc);
		refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    P_("Wrong PIN for badge %s: %d wrong PIN in a row locks it until %s UTC",
		    "Wrong PIN for badge %s: %d wrong PINs in a row lock it until %s UTC", tries),
		    op->badge, tries, until);
		return OUTCOME_REFUSED_COMMIT;
	}
	if ((rc = REC_PUT(c->txn, c->a, T_CREDENTIAL, op->badge, cr)) != STORE_OK)
		return store_failed(c, rc);
	refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED, P_("Wrong PIN for badge %s (%s): %d try "
	    "left before it locks", "Wrong PIN for badge %s (%s): %d tries left before it locks",
	    tries - (int)cr->failures), op->badge, op->name, tries - (int)cr->failures);
	return OUTCOME_REFUSED_COMMIT;
}

enum outcome
sign_check(struct ctx *c, const char *badge, const char *pin, Yoke__Operator **signer)
{
	Yoke__Operator *op;
	Yoke__CredentialRecord *cr;
	const struct offload_task *t;
	char why[120];
	bool ok;
	int rc;

	*signer = NULL;
	if (!ident_ok(badge, PIN_BADGE_MAX))
		return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    _("Expected the signer's badge (1-%d printable characters), got \"%.40s\""),
		    PIN_BADGE_MAX,
		    badge ? badge : "");
	rc = REC_GET(c->txn, c->a, T_OPERATOR, badge, yoke__operator, &op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED, _("Unknown badge %s"), badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = REC_GET(c->txn, c->a, T_CREDENTIAL, badge, yoke__credential_record, &cr);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    _("%s (badge %s) has no PIN yet: an admin sets one (yokectl pin set %s)"), op->name,
		    badge, badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (cr->locked_until_us > c->now) {
		char until[32];
		format_time_us(cr->locked_until_us, until, sizeof until);
		return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    P_("Badge %s (%s) is locked until %s UTC after %d wrong PIN: wait, or an admin "
		    "sets a new PIN", "Badge %s (%s) is locked until %s UTC after %d wrong PINs: wait, "
		    "or an admin sets a new PIN", c->srv->cfg.pin_tries), badge, op->name, until,
		    c->srv->cfg.pin_tries);
	}
	if (str_empty(pin) || !pin_text_ok(pin, why, sizeof why)) {
		ok = false;
	} else if (pin_cache_hit(&c->srv->pins, badge, pin, cr->hash)) {
		ok = true;
	} else if ((t = prepared(c, OFFLOAD_VERIFY, badge, pin, cr->hash)) != NULL) {
		ok = t->ok;
		if (ok)
			pin_cache_put(&c->srv->pins, badge, pin, cr->hash);
	} else {
		return want(c, OFFLOAD_VERIFY, badge, pin, cr->hash);
	}
	if (!ok)
		return wrong(c, op, cr);
	if (cr->failures) {
		cr->failures = 0;
		if ((rc = REC_PUT(c->txn, c->a, T_CREDENTIAL, badge, cr)) != STORE_OK)
			return store_failed(c, rc);
	}
	*signer = op;
	return OUTCOME_COMMIT;
}

enum outcome
sign_new_hash(struct ctx *c, const char *badge, const char *pin, const char **hash)
{
	const struct offload_task *t = prepared(c, OFFLOAD_HASH, badge, pin, NULL);
	if (t && t->ok) {
		*hash = arena_strdup(c->a, t->hash);
		return OUTCOME_COMMIT;
	}
	if (t)
		return store_failed(c, STORE_ERROR);
	return want(c, OFFLOAD_HASH, badge, pin, NULL);
}

struct admin_walk {
	struct ctx *c;
	bool found;
	int rc;
};

static int
admin_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct admin_walk *w = ud;
	Yoke__Operator *op;
	char badge[PIN_BADGE_MAX + 1];
	(void)v;
	(void)vl;
	if (kl > PIN_BADGE_MAX)
		return 0;
	memcpy(badge, k, kl);
	badge[kl] = '\0';
	w->rc = REC_GET(w->c->txn, w->c->a, T_OPERATOR, badge, yoke__operator, &op);
	if (w->rc == STORE_NOTFOUND) {
		w->rc = STORE_OK;
		return 0;
	}
	if (w->rc != STORE_OK)
		return 1;
	w->found = op->role == YOKE__ROLE__ROLE_ADMIN;
	return w->found;
}

int
sign_admin_has_pin(struct ctx *c, bool *yes)
{
	struct admin_walk w = { c, false, STORE_OK };
	int rc = store_walk_prefix(c->txn, T_CREDENTIAL, NULL, 0, admin_walk, &w);
	*yes = w.found;
	return rc != STORE_OK ? rc : w.rc;
}

Yoke__SignatureRecord *
sign_record(struct ctx *c, const Yoke__Operator *signer, const char *meaning)
{
	Yoke__SignatureRecord *s = arena_alloc(c->a, sizeof *s);
	yoke__signature_record__init(s);
	s->badge = signer->badge;
	s->name = signer->name;
	s->role = (uint32_t)signer->role;
	s->meaning = arena_strdup(c->a, meaning);
	s->time_us = c->now;
	return s;
}

static enum outcome
signer_role(struct ctx *c, const Yoke__Operator *op, unsigned roles)
{
	char who[160];
	if (roles & (1u << (unsigned)op->role))
		return OUTCOME_COMMIT;
	request_roles_text(roles, who, sizeof who);
	return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
	    _("%s (badge %s) is %s: this is signed by %s"), op->name, op->badge,
	    request_role_text(op->role), who);
}

enum outcome
sign_as(struct ctx *c, const Yoke__Signature *sig, unsigned roles, const char *meaning,
    Yoke__SignatureRecord **rec)
{
	Yoke__Operator *op;
	enum outcome o;
	if (sig == NULL || str_empty(sig->badge))
		return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
		    _("This decision must be signed: badge and PIN"));
	if ((o = sign_check(c, sig->badge, sig->pin, &op)) != OUTCOME_COMMIT)
		return o;
	if ((o = signer_role(c, op, roles)) != OUTCOME_COMMIT)
		return o;
	*rec = sign_record(c, op, meaning);
	return OUTCOME_COMMIT;
}

enum outcome
sign_all(struct ctx *c, Yoke__Signature *const *sigs, size_t n, unsigned roles, const char *meaning,
    Yoke__SignatureRecord ***recs)
{
	Yoke__SignatureRecord **out = ARENA_NEW(c->a, Yoke__SignatureRecord *, n + 1);
	bool later = false;
	for (size_t i = 0; i < n; i++) {
		enum outcome o;
		for (size_t j = 0; j < i; j++)
			if (strcmp(sigs[i]->badge, sigs[j]->badge) == 0)
				return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
				    _("Badge %s signs twice: each signature is another person's"),
				    sigs[i]->badge);
		o = sign_as(c, sigs[i], roles, meaning, &out[i]);
		if (o == OUTCOME_PREPARE)
			later = true;
		else if (o != OUTCOME_COMMIT)
			return o;
	}
	if (later)
		return OUTCOME_PREPARE;
	*recs = out;
	return OUTCOME_COMMIT;
}
