/* lot_scan.c — see lot_scan.h. */
#include "server/material/lot_scan.h"
#include "server/material/lot.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

/* "L-" and six or more digits: the form of yoke's own lot ids. */
static bool
looks_like_lot_id(const char *s)
{
	size_t n = strlen(s);
	if (n < 8 || n >= LOT_ID_MAX || s[0] != 'L' || s[1] != '-')
		return false;
	return strspn(s + 2, "0123456789") == n - 2;
}

/* What one scan of the step builds in: the BOM line's qty over the step's
 * scans (a reel scanned once for 4 resistors counts 4). 1 without a line. */
static int
per_scan(struct ctx *c, const Yoke__Step *step, const char *product, double *qty)
{
	Yoke__Bom *b;
	int rc = rec_get_cached(c->txn, &c->srv->boms, T_BOM, product, &yoke__bom__descriptor,
	    (void **)&b);
	*qty = 1;
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	for (size_t i = 0; i < b->n_lines; i++)
		if (strcmp(b->lines[i]->component, step->part) == 0 && b->lines[i]->qty > 0) {
			*qty = (double)b->lines[i]->qty / (step->qty ? step->qty : 1);
			break;
		}
	return STORE_OK;
}

static enum outcome
ran_out(struct ctx *c, Yoke__Lot *l, const char **note)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);
	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_LOT_RAN_OUT;
	ev->terminal = (char *)c->terminal;
	ev->part = l->part;
	ev->lot = l->supplier_lot;
	ev->lot_id = l->id;
	if (c->session)
		ev->station = c->session->station;
	if (c->op) {
		ev->badge = c->op->badge;
		ev->operator_name = c->op->name;
	}
	ev->text = arena_printf(c->a, _("Lot %s of %s ran out by its count: %g left of %g received"),
	    l->id, l->part, l->qty_left, l->qty_received);
	int rc = rec_event_append(c->txn, c->a, ev);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("a lot ran out"));
	*note = arena_printf(c->a, _("lot %s ran out by its count (%g of %g left): bring the next "
	    "lot, or tell the lead if parts are left"), l->id, l->qty_left, l->qty_received);
	return OUTCOME_COMMIT;
}

enum outcome
lot_scan_check(struct ctx *c, const Yoke__Part *part, const Yoke__Step *step,
    const char *product, struct component_scan *scan, Yoke__Event *ev, const char **note)
{
	Yoke__Lot *l = NULL;
	char why[600];
	double used;
	int rc = STORE_NOTFOUND;

	*note = NULL;
	if (part->tracking != YOKE__TRACKING__TRACKING_LOT || scan->id[0] == '\0')
		return OUTCOME_COMMIT;
	if (looks_like_lot_id(scan->id)) {
		rc = lot_get(c, scan->id, &l);
		if (rc == STORE_OK && strcmp(l->part, part->number) != 0)
			return refuse(c, YOKE__STATUS__STATUS_WRONG_PART,
			    _("Lot %s is a lot of %s, not of %s: scan a lot of %s"), l->id, l->part,
			    part->number, part->number);
	}
	if (rc == STORE_NOTFOUND)
		rc = lot_find(c, part->number, scan->id, NULL, &l);
	if (rc == STORE_EXISTS)
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN,
		    _("%s lot %s was received from more than one supplier: scan yoke's lot label "
		    "(%s/L-...) instead"), part->number, scan->id, part->number);
	if (rc == STORE_NOTFOUND) {
		if (part->lots_received || part->iqc)
			return refuse(c, YOKE__STATUS__STATUS_LOT_NOT_RECEIVED,
			    _("Lot %s of %s was never received: %s is built only from lots received at "
			    "the dock; take a received lot, or have this one received first"), scan->id,
			    part->number, part->number);
		return OUTCOME_COMMIT;
	}
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (!lot_usable(c, l, why, sizeof why))
		return refuse(c, YOKE__STATUS__STATUS_LOT_NOT_USABLE, "%s", why);

	if (strlen(l->supplier_lot) < sizeof scan->id)
		snprintf(scan->id, sizeof scan->id, "%s", l->supplier_lot);
	ev->lot_id = l->id;
	if ((rc = per_scan(c, step, product, &used)) != STORE_OK)
		return store_failed(c, rc);
	return lot_consume(c, l, used, note);
}

enum outcome
lot_consume(struct ctx *c, Yoke__Lot *l, double used, const char **note)
{
	double before = l->qty_left;
	int rc;
	*note = NULL;
	l->qty_left -= used;
	if ((rc = lot_put(c, l, false)) != STORE_OK)
		return store_failed(c, rc);
	if (before > 0 && l->qty_left <= 0)
		return ran_out(c, l, note);
	return OUTCOME_COMMIT;
}
