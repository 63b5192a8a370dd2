/*
 * receive_fields.c — what a receipt is of, from one scan of the supplier's
 * label and what the person typed (receive_fields.h).
 */
#include "server/material/receive_fields.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/label/supplier_label.h"
#include "shared/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct gtin_walk {
	struct ctx *c;
	const char *gtin;
	Yoke__Part *found;
	int rc;
};

static int
gtin_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct gtin_walk *w = ud;
	Yoke__Part *p;
	(void)k;
	(void)kl;
	if ((p = rec_decode(w->c->a, &yoke__part__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	for (size_t i = 0; i < p->n_gtins; i++)
		if (strcmp(p->gtins[i], w->gtin) == 0) {
			w->found = p;
			return 1;
		}
	return 0;
}

/*
 * The part whose gtin= lists the GTIN. Receiving is rare (a few lots an
 * hour at a dock), so this walks the part table; the component scan's
 * GTIN index (scan forms) can take its place when both are on one branch.
 */
static int
part_of_gtin(struct ctx *c, const char *gtin, Yoke__Part **out)
{
	struct gtin_walk w = { c, gtin, NULL, STORE_OK };
	int rc = store_walk_prefix(c->txn, T_PART, NULL, 0, gtin_walk, &w);
	if (rc != STORE_OK)
		return rc;
	if (w.rc != STORE_OK)
		return w.rc;
	if (w.found == NULL)
		return STORE_NOTFOUND;
	*out = w.found;
	return STORE_OK;
}

/* A field both on the label and typed: the same, or refused naming both. */
static bool
agree(struct ctx *c, const char *what, const char *on_label, const char **typed)
{
	if (on_label[0] == '\0')
		return true;
	if (!str_empty(*typed) && strcmp(*typed, on_label) != 0) {
		refuse(c, YOKE__STATUS__STATUS_LABEL_MISMATCH,
		    _("The label says %s %s, the request %s: correct what was typed, or scan the "
		    "right label"), what, on_label, *typed);
		return false;
	}
	*typed = arena_strdup(c->a, on_label);
	return true;
}

enum outcome
receive_fields(struct ctx *c, const Yoke__LotReceive *r, struct receipt *out)
{
	struct supplier_label lb;
	char msg[600];
	int rc;

	memset(out, 0, sizeof *out);
	out->part = r->part;
	out->supplier = r->supplier;
	out->supplier_lot = r->supplier_lot;
	out->purchase_order = r->purchase_order;
	out->expiry = r->expiry;
	out->gtin = r->gtin;
	out->qty = r->qty;
	out->label = "";
	if (!str_empty(r->label)) {
		if (!supplier_label_read(r->label, &lb, msg, sizeof msg))
			return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, "%s", msg);
		if (!agree(c, "GTIN", lb.gtin, &out->gtin) ||
		    !agree(c, _("lot"), lb.lot, &out->supplier_lot) ||
		    !agree(c, _("expiry"), lb.expiry, &out->expiry) ||
		    !agree(c, _("purchase order"), lb.po, &out->purchase_order))
			return OUTCOME_REFUSED;
		if (lb.has_qty && r->qty != 0 && r->qty != lb.qty)
			return refuse(c, YOKE__STATUS__STATUS_LABEL_MISMATCH,
			    _("The label says quantity %g, the request %g: correct what was typed, or "
			    "scan the right label"), lb.qty, r->qty);
		if (lb.has_qty)
			out->qty = lb.qty;
		out->label = arena_strdup(c->a, lb.hri);
	}
	if (!str_empty(out->gtin)) {
		Yoke__Part *p;
		if (strlen(out->gtin) != 14 || strspn(out->gtin, "0123456789") != 14)
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("GTIN: expected 14 digits, found \"%.20s\""), out->gtin);
		rc = part_of_gtin(c, out->gtin, &p);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_LABEL_MISMATCH,
			    _("GTIN %s is not a part of this plant (no part has gtin=%s): add it to the "
			    "part's definition, or type the part"), out->gtin, out->gtin);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		if (!str_empty(out->part) && strcmp(out->part, p->number) != 0)
			return refuse(c, YOKE__STATUS__STATUS_LABEL_MISMATCH,
			    _("GTIN %s is %s, the request names %s: correct what was typed, or scan the "
			    "right label"), out->gtin, p->number, out->part);
		out->part = p->number;
		out->part_rec = p;
	}
	return OUTCOME_COMMIT;
}
