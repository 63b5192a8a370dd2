/*
 * ncr_lot.c — opening an NCR on a component lot (ncr.h says what its
 * dispositions do; req-disposition.c and req-close-ncr.c carry them out).
 */
#include "server/quality/ncr.h"
#include "server/quality/counter.h"
#include "server/quality/hold.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

bool
ncr_on_lot(const Yoke__Ncr *n)
{
	return str_empty(n->serial) && !str_empty(n->lot);
}

const char *
ncr_lot_label(struct ctx *c, const Yoke__Ncr *n)
{
	return arena_printf(c->a, "%s/%s", n->lot_part, n->lot);
}

enum outcome
ncr_open_lot(struct ctx *c, Yoke__Ncr *n, Yoke__SignatureRecord *by, Yoke__HoldReply *counts)
{
	const char *label = ncr_lot_label(c, n);
	Yoke__Hold *h, *other;
	const char *refused;
	uint64_t no;
	enum outcome o;
	int rc;

	rc = hold_ncr_of_component(c, label, &other);
	if (rc == STORE_OK)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Lot %s is already held by %s: add to that NCR, or close it first"), label,
		    other->ncr);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	rc = hold_lot_refused(c, label, &refused);
	if (rc == STORE_OK)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Lot %s was refused for ever by %s: it can no longer be used"), label, refused);
	if (rc != STORE_NOTFOUND)
		return store_failed(c, rc);

	if ((rc = counter_next(c, COUNTER_NCR, &no)) != STORE_OK)
		return store_failed(c, rc);
	n->number = (char *)ncr_name(c, no);
	n->state = YOKE__NCR_STATE__NCR_OPEN;
	h = arena_alloc(c->a, sizeof *h);
	yoke__hold__init(h);
	h->scope = YOKE__HOLD_SCOPE__HOLD_COMPONENT;
	h->n_targets = 1;
	h->targets = ARENA_NEW(c->a, char *, 1);
	h->targets[0] = (char *)label;
	h->reason = arena_printf(c->a, "%s: %s", n->number, n->text);
	h->source = YOKE__HOLD_SOURCE__HOLD_NCR;
	h->ncr = n->number;
	h->placed = by;
	if ((o = hold_place(c, h, NULL, counts)) != OUTCOME_COMMIT)
		return o;
	counts->hold = h;
	n->hold = h->id;
	if ((rc = ncr_put(c, n)) != STORE_OK)
		return store_failed(c, rc);
	notify(c, "role/inspector", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("NCR opened"));
	notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("hold placed"));
	return OUTCOME_COMMIT;
}
