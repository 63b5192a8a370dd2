/*
 * req-scar-open.c — opens a SCAR (scar.h), signed: from a lot NCR, whose
 * lot record names the supplier and part, or by hand for a supplier and a
 * part. One open SCAR per supplier and part.
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/supplier/scar.h"
#include "server/supplier/supplier.h"
#include "server/people/signature.h"
#include "server/quality/ncr.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

struct open_one {
	const char *supplier, *part;
	Yoke__Scar *found;
};

static int
find_open(void *ud, Yoke__Scar *s)
{
	struct open_one *o = ud;
	if (s->state == YOKE__SCAR_STATE__SCAR_OPEN && strcmp(s->supplier, o->supplier) == 0 &&
	    strcmp(s->part, o->part) == 0) {
		o->found = s;
		return 1;
	}
	return 0;
}

/* The supplier and part of the lot NCR's lot. */
static enum outcome
from_ncr(struct ctx *c, const Yoke__ScarOpen *q, Yoke__Scar *s)
{
	Yoke__Ncr *n;
	Yoke__Lot *l = NULL;
	int rc = ncr_get(c, q->ncr, &n);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No NCR %.40s"), q->ncr);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (!ncr_on_lot(n))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("%s is about unit %s, not a supplier's lot: open the SCAR for the supplier and "
		    "part by hand"), n->number, n->serial);
	rc = lot_get(c, n->lot, &l);
	if (rc == STORE_OK && strcmp(l->part, n->lot_part) != 0)
		rc = STORE_NOTFOUND;
	if (rc == STORE_NOTFOUND)
		rc = lot_find(c, n->lot_part, n->lot, q->supplier, &l);
	if (rc == STORE_EXISTS && str_empty(q->supplier))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Lot %s/%s was received from more than one supplier: name the supplier"),
		    n->lot_part, n->lot);
	if (rc == STORE_NOTFOUND && str_empty(q->supplier))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Lot %s/%s of %s was never received, so its supplier is not known: name the "
		    "supplier"), n->lot_part, n->lot, n->number);
	if (rc != STORE_OK && rc != STORE_EXISTS && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if (l && !str_empty(q->supplier) && strcmp(l->supplier, q->supplier) != 0)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Lot %s/%s came from %s, not from %s"), n->lot_part, n->lot, l->supplier,
		    q->supplier);
	if (!str_empty(q->part) && strcmp(q->part, n->lot_part) != 0)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("%s is about part %s, not %s"), n->number, n->lot_part, q->part);
	s->ncr = n->number;
	s->lot = (char *)ncr_lot_label(c, n);
	s->part = n->lot_part;
	s->supplier = l ? l->supplier : q->supplier;
	s->problem = str_empty(q->problem) ? n->text : q->problem;
	return OUTCOME_COMMIT;
}

enum outcome
req_scar_open(struct ctx *c)
{
	const Yoke__ScarOpen *q = c->rq->scar_open;
	Yoke__Scar *s = arena_alloc(c->a, sizeof *s);
	Yoke__SignatureRecord *by;
	Yoke__Part *part;
	enum outcome o;
	int rc;

	if (!text_ok(q->ncr, 40) || !text_ok(q->supplier, 64) || !text_ok(q->part, 64) ||
	    (!str_empty(q->supplier) && !ident_ok(q->supplier, 64)) ||
	    (!str_empty(q->part) && !ident_ok(q->part, 64)))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A SCAR names a lot NCR, or a supplier's code and a part (1-64 printable "
		    "characters each)"));
	if (!text_ok(q->problem, SCAR_TEXT_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The problem: text of at most %d bytes"), SCAR_TEXT_MAX);
	if (!lot_date_ok(q->response_due))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A SCAR needs the date the supplier's answer is due, YYYY-MM-DD; found \"%.20s\""),
		    q->response_due);
	if (q->lots_required > SCAR_LOTS_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Lots that close a SCAR: 1 to %d (0: %d)"), SCAR_LOTS_MAX, SCAR_LOTS_DEFAULT);
	yoke__scar__init(s);
	if (!str_empty(q->ncr)) {
		if ((o = from_ncr(c, q, s)) != OUTCOME_COMMIT)
			return o;
	} else {
		if (str_empty(q->supplier) || str_empty(q->part))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("A SCAR by hand names the supplier and the part"));
		if (str_empty(q->problem))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("A SCAR by hand says what the problem is"));
		if ((o = supplier_check_known(c, q->supplier)) != OUTCOME_COMMIT)
			return o;
		s->supplier = q->supplier;
		s->part = q->part;
		s->problem = q->problem;
	}
	rc = REC_GET(c->txn, c->a, T_PART, s->part, yoke__part, &part);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No part %s"), s->part);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	struct open_one one = { s->supplier, s->part, NULL };
	if ((rc = scar_walk(c, find_open, &one)) != STORE_OK)
		return store_failed(c, rc);
	if (one.found)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("%s is open for %s from %s: record the answer there, or close it first"),
		    one.found->number, s->part, s->supplier);
	if ((o = sign_as(c, q->signature, ROLES_SCAR, _("opened the SCAR"), &by)) != OUTCOME_COMMIT)
		return o;

	s->state = YOKE__SCAR_STATE__SCAR_OPEN;
	s->response_due = q->response_due;
	s->lots_required = q->lots_required ? q->lots_required : SCAR_LOTS_DEFAULT;
	s->opened_us = c->now;
	s->n_signatures = 1;
	s->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	s->signatures[0] = by;
	if ((rc = scar_add(c, s)) != STORE_OK)
		return store_failed(c, rc);
	const char *text = arena_printf(c->a, _("%s opened for %s from %s: %s; answer due %s"),
	    s->number, s->part, s->supplier, s->problem, s->response_due);
	if ((rc = scar_event(c, s, text, by)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = scar_fill(c, s, NULL)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Scar **one_s = ARENA_NEW(c->a, Yoke__Scar *, 1);
	one_s[0] = s;
	scar_reply(c, one_s, 1);
	reply_message(c, P_("%s; it closes once %u lot of it in a row is accepted",
	    "%s; it closes once %u lots of it in a row are accepted", s->lots_required), text,
	    s->lots_required);
	return OUTCOME_COMMIT;
}
