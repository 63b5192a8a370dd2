/*
 * setup_step.c — a from=setup scan step takes the lot loaded at the
 * station (setup.h): the same genealogy as a scan of PART/LOT, with the
 * lot checked again now, since it may have been blocked, quarantined or
 * have expired after it was loaded.
 */
#include "server/material/setup.h"
#include "server/material/lot.h"
#include "server/material/lot_scan.h"
#include "server/quality/hold.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

/* The supplier's lot text names the same lot to a hold or a lot NCR that
 * was placed on the label as scanned before the lot was received. */
static enum outcome
held(struct ctx *c, const char *part, const char *lot, const Yoke__Lot *l)
{
	enum outcome o = hold_component_check(c, arena_printf(c->a, "%s/%s", part, lot));
	if (o == OUTCOME_COMMIT && l && !str_empty(l->supplier_lot) &&
	    strcmp(l->supplier_lot, lot) != 0)
		o = hold_component_check(c, arena_printf(c->a, "%s/%s", part, l->supplier_lot));
	return o;
}

enum outcome
setup_take(struct ctx *c, const Yoke__Step *step, Yoke__UnitRecord *u, Yoke__Event *ev,
    const char **note)
{
	const Yoke__StepRecord *sr = c->rq->step;
	Yoke__SetupEntry *e;
	Yoke__Part *part;
	Yoke__Lot *l;
	enum outcome o;
	uint32_t qty;
	int rc;

	if (sr->entry_case != YOKE__STEP_RECORD__ENTRY_CONFIRM || !sr->confirm)
		return refuse(c, YOKE__STATUS__STATUS_WRONG_STEP,
		    _("Step %u takes %s from the station's setup: confirm it, nothing is scanned"),
		    u->step_index + 1, step->part);
	rc = setup_get(c, c->station->id, step->part, &e);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_SETUP_EMPTY,
		    _("No lot of %s is loaded at %s: load one (scan @SETUP, then the reel's label)"),
		    step->part, c->station->id);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = REC_GET(c->txn, c->a, T_PART, step->part, yoke__part, &part);
	if (rc != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if ((o = setup_lot_check(c, part, e->lot, &l)) != OUTCOME_COMMIT) {
		/* TRANSLATORS: why the loaded lot was refused, then what to do */
		c->rp->message = arena_printf(c->a, _("%s (loaded at %s: load another lot)"),
		    c->rp->message, c->station->id);
		return o;
	}
	if ((o = held(c, step->part, e->lot, l)) != OUTCOME_COMMIT)
		return o;
	/* The index of forward genealogy, as a scan of PART/LOT writes it: for
	 * a received lot under the supplier's lot text, the key that holds,
	 * lot NCRs and where-used read (lot_scan.h), the lot id in the event. */
	const char *lot = l && !str_empty(l->supplier_lot) ? l->supplier_lot : e->lot;
	char *comp = arena_printf(c->a, "%s/%s", step->part, lot);
	if ((rc = store_put(c->txn, T_COMPONENT, comp, strlen(comp), u->serial, strlen(u->serial),
	    0)) != STORE_OK)
		return store_failed(c, rc);
	qty = step->qty > u->scanned ? step->qty - u->scanned : 1;
	/* Consumption: the lot's count goes down by what the unit took. */
	*note = NULL;
	if (l && (o = lot_consume(c, l, qty, note)) != OUTCOME_COMMIT)
		return o;
	ev->kind = YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED;
	ev->part = step->part;
	ev->lot = (char *)lot;
	ev->lot_id = l ? l->id : (char *)"";
	ev->qty = qty;
	ev->pass = true;
	ev->detail = arena_printf(c->a, "setup %s", e->station);
	ev->text = arena_printf(c->a, _("Taken from the setup: %s/%s, %u"), step->part, lot, qty);
	/* One confirmation takes what the step still needs (advance counts one). */
	u->scanned = step->qty > 0 ? step->qty - 1 : 0;
	return OUTCOME_COMMIT;
}
