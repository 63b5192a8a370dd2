/* recall.c — see recall.h. */
#include "server/material/recall.h"
#include "server/material/lot.h"
#include "server/material/text_map.h"
#include "server/quality/ncr.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

struct walk {
	struct ctx *c;
	struct recall *r;
	struct text_map seen;
	size_t cap;
	/* the unit whose parents are sought (NULL: the lot's own units) */
	const Yoke__RecallUnit *child;
	const char *label;             /* the key walked */
	enum outcome o;
};

/* Whether a repair took `label` (PART/SERIAL) out of unit u again. */
static int
removed_from(struct ctx *c, const Yoke__UnitRecord *u, const char *label, bool *gone)
{
	*gone = false;
	for (size_t i = 0; i < u->n_ncrs && !*gone; i++) {
		Yoke__Ncr *n;
		int rc = ncr_get(c, u->ncrs[i], &n);
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return rc;
		*gone = !str_empty(n->removed) && strcmp(n->removed, label) == 0;
	}
	return STORE_OK;
}

static void
count(Yoke__RecallReply *rr, Yoke__UnitStatus st)
{
	if (st == YOKE__UNIT_STATUS__UNIT_DONE)
		rr->units_done++;
	else if (st == YOKE__UNIT_STATUS__UNIT_SCRAPPED)
		rr->units_scrapped++;
	else
		rr->units_in_work++;
}

/* Lists the unit `serial`, reached from w->child (or from the lot). */
static enum outcome
add_unit(struct walk *w, const char *serial)
{
	struct ctx *c = w->c;
	Yoke__RecallReply *rr = w->r->rr;
	Yoke__UnitRecord *u;
	Yoke__Routing *rt;
	int rc;

	if ((rc = REC_GET(c->txn, c->a, T_UNIT, serial, yoke__unit_record, &u)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if (w->child) {
		bool gone;
		if ((rc = removed_from(c, u, w->label, &gone)) != STORE_OK)
			return store_failed(c, rc);
		if (gone)
			return OUTCOME_COMMIT;
	}
	if (!text_map_add(c->a, &w->seen, u->serial, 0))
		return OUTCOME_COMMIT;
	if (rr->n_units == RECALL_UNITS_MAX) {
		rr->cut = true;
		return OUTCOME_COMMIT;
	}
	if ((rc = routing_get(c, u->product, u->routing_rev, &rt)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if (rr->n_units == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		Yoke__RecallUnit **units = ARENA_NEW(c->a, Yoke__RecallUnit *, cap);
		Yoke__UnitRecord **recs = ARENA_NEW(c->a, Yoke__UnitRecord *, cap);
		if (rr->n_units) {
			memcpy(units, rr->units, rr->n_units * sizeof *units);
			memcpy(recs, w->r->recs, rr->n_units * sizeof *recs);
		}
		rr->units = units;
		w->r->recs = recs;
		w->cap = cap;
	}
	const Yoke__Operation *op = unit_op(u, rt);
	Yoke__RecallUnit *ru = arena_alloc(c->a, sizeof *ru);
	yoke__recall_unit__init(ru);
	ru->serial = u->serial;
	ru->work_order = u->work_order;
	ru->product = u->product;
	ru->status = u->status;
	ru->operation = op ? op->number : 0;
	ru->operation_name = op ? op->name : (char *)"";
	ru->station_kind = op ? op->station_kind : (char *)"";
	ru->station = u->station;
	ru->held = u->n_holds > 0 || u->status == YOKE__UNIT_STATUS__UNIT_FAILED;
	ru->hold_reason = u->hold_reason;
	/* The path: the child's, less its own serial, then the child as a
	 * sub-assembly label, then this unit. */
	size_t before = w->child ? w->child->n_path - 1 : 0;
	ru->path = ARENA_NEW(c->a, char *, before + 2);
	if (w->child) {
		memcpy(ru->path, w->child->path, before * sizeof *ru->path);
		ru->path[before++] = (char *)w->label;
		ru->level = w->child->level + 1;
	} else {
		ru->path[before++] = (char *)w->label;
	}
	ru->path[before++] = u->serial;
	ru->n_path = before;
	if (ru->level > rr->levels)
		rr->levels = ru->level;
	count(rr, u->status);
	w->r->recs[rr->n_units] = u;
	rr->units[rr->n_units++] = ru;
	return OUTCOME_COMMIT;
}

static int
unit_of_label(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct walk *w = ud;
	(void)k;
	(void)kl;
	w->o = add_unit(w, arena_printf(w->c->a, "%.*s", (int)vl, (const char *)v));
	return w->o != OUTCOME_COMMIT;
}

static enum outcome
walk_label(struct walk *w, const char *label)
{
	int rc;
	w->label = label;
	w->o = OUTCOME_COMMIT;
	rc = store_walk_dups(w->c->txn, T_COMPONENT, label, strlen(label), unit_of_label, w);
	if (w->o != OUTCOME_COMMIT)
		return w->o;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(w->c, rc);
	return OUTCOME_COMMIT;
}

/* Finds the lot record by id or supplier lot text: *l NULL when none. */
static enum outcome
resolve(struct ctx *c, const char *part, const char *lot, Yoke__Lot **l)
{
	int rc = lot_get(c, lot, l);
	if (rc == STORE_OK) {
		if (strcmp((*l)->part, part) != 0)
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Lot %s is a lot of %s, not of %s"), lot, (*l)->part, part);
		return OUTCOME_COMMIT;
	}
	if (rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	rc = lot_find(c, part, lot, NULL, l);
	if (rc == STORE_OK || rc == STORE_EXISTS)
		return OUTCOME_COMMIT;    /* EXISTS: two suppliers' lots share the text: both are in */
	*l = NULL;
	return rc == STORE_NOTFOUND ? OUTCOME_COMMIT : store_failed(c, rc);
}

enum outcome
recall_find(struct ctx *c, const char *part, const char *lot, struct recall *r)
{
	struct walk w;
	Yoke__RecallReply *rr = arena_alloc(c->a, sizeof *rr);
	Yoke__Part *p;
	Yoke__Lot *l;
	enum outcome o;
	int rc;

	if (!ident_ok(part, 64) || !ident_ok(lot, 64) || strchr(part, '/') || strchr(lot, '/'))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A recall names the part and its lot: PART/LOT, the lot as yoke's lot id "
		    "(L-000001) or the supplier's lot (1-64 printable characters each, no \"/\")"));
	rc = REC_GET(c->txn, c->a, T_PART, part, yoke__part, &p);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No part %s"), part);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (p->tracking != YOKE__TRACKING__TRACKING_LOT)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("%s is not lot-tracked: a recall follows a lot (a serial is in one unit: trace "
		    "it with where-used)"), part);
	if ((o = resolve(c, part, lot, &l)) != OUTCOME_COMMIT)
		return o;

	memset(r, 0, sizeof *r);
	memset(&w, 0, sizeof w);
	w.c = c;
	w.r = r;
	yoke__recall_reply__init(rr);
	r->rr = rr;
	rr->part = p->number;
	rr->lot = (char *)lot;
	rr->labels = ARENA_NEW(c->a, char *, 2);
	if (l) {
		rr->lot_id = l->id;
		rr->supplier = l->supplier;
		rr->supplier_lot = l->supplier_lot;
		r->ncr_lot = l->supplier_lot;
		rr->labels[rr->n_labels++] = arena_printf(c->a, "%s/%s", part, l->supplier_lot);
		if (strcmp(l->id, l->supplier_lot) != 0)
			rr->labels[rr->n_labels++] = arena_printf(c->a, "%s/%s", part, l->id);
	} else {
		r->ncr_lot = lot;
		rr->labels[rr->n_labels++] = arena_printf(c->a, "%s/%s", part, lot);
	}
	for (size_t i = 0; i < rr->n_labels; i++)
		if ((o = walk_label(&w, rr->labels[i])) != OUTCOME_COMMIT)
			return o;
	if (l == NULL && rr->n_units == 0)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("No lot %s of %s was received, and no unit was built with it"), lot, part);

	/* Upward, level by level: the list grows while it is read. */
	for (size_t i = 0; i < rr->n_units; i++) {
		Yoke__RecallUnit *ru = rr->units[i];
		const char *as_part = arena_printf(c->a, "%s/%s", ru->product, ru->serial);
		if (ru->level >= RECALL_LEVELS_MAX) {
			const void *v;
			size_t vl;
			rc = store_get(c->txn, T_COMPONENT, as_part, strlen(as_part), &v, &vl);
			if (rc == STORE_OK)
				rr->cut = true;
			else if (rc != STORE_NOTFOUND)
				return store_failed(c, rc);
			continue;
		}
		w.child = ru;
		if ((o = walk_label(&w, as_part)) != OUTCOME_COMMIT)
			return o;
	}
	return OUTCOME_COMMIT;
}

void
recall_message(struct ctx *c, const struct recall *r)
{
	const Yoke__RecallReply *rr = r->rr;
	const char *lot = arena_printf(c->a, "%s/%s", rr->part, rr->lot);
	const char *levels = rr->levels == 0 ? "" :
	    arena_printf(c->a, P_(" (through %u level of sub-assemblies)",
	    " (through %u levels of sub-assemblies)", rr->levels), rr->levels);
	reply_message(c, P_("%zu unit contains lot %s%s: %u in work, %u done (shipping is not "
	    "recorded: a done unit may have left the plant), %u scrapped%s",
	    "%zu units contain lot %s%s: %u in work, %u done (shipping is not "
	    "recorded: a done unit may have left the plant), %u scrapped%s", rr->n_units),
	    rr->n_units, lot, levels, rr->units_in_work, rr->units_done, rr->units_scrapped,
	    rr->cut ? _("; the list was cut at the recall's bound") : "");
}
