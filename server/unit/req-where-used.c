/*
 * req-where-used.c — forward genealogy: every unit a component label went
 * into, from the component index that each accepted scan writes
 * (PART/LOT-OR-SERIAL -> unit serials). For a recall: which units got lot
 * L of part P, and where are they now. The label may be the supplier's GS1
 * label, as scanned at the station (its GTIN names the part).
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/unit/part_gtin.h"
#include "server/unit/unit.h"
#include "shared/step_rules.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

#define WHERE_USED_MAX 10000

struct used_walk {
	struct ctx *c;
	Yoke__UnitsReply *ur;
	int rc;
};

static int
used_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct used_walk *w = ud;
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	char *serial = arena_printf(w->c->a, "%.*s", (int)vl, (const char *)v);
	(void)k;
	(void)kl;
	if ((w->rc = REC_GET(w->c->txn, w->c->a, T_UNIT, serial, yoke__unit_record, &u)) != STORE_OK)
		return 1;
	if ((w->rc = routing_get(w->c, u->product, u->routing_rev, &r)) != STORE_OK)
		return 1;
	w->ur->units[w->ur->n_units++] = unit_entry(w->c, u, r);
	return w->ur->n_units == WHERE_USED_MAX;
}

/* yoke's own PART/LOT-OR-SERIAL, or a supplier's GS1 label: its GTIN to
 * the part (part_gtin.h), then the serial (21) of a serial-tracked part,
 * else the lot (10), as the scan recorded them. */
static enum outcome
label_read(struct ctx *c, const char *label, struct component_scan *scan)
{
	struct scan_text t;
	struct gs1_error ge;
	const Yoke__Part *part;
	const char *id;
	char msg[300];
	int rc;

	if (!scan_text_read(label, strlen(label), &t, &ge))
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, _("This GS1 label cannot be read: %s "
		    "(at character %zu)"), ge.message, ge.offset + 1);
	if (!t.gs1) {
		if (!step_parse_component(label, scan, msg, sizeof msg))
			return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, "%s", msg);
		return OUTCOME_COMMIT;
	}
	memset(scan, 0, sizeof *scan);
	if (t.gtin == NULL)
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, _("This GS1 label carries no GTIN (01) "
		    "or (02), so it names no part"));
	rc = part_by_gtin(c, t.gtin, NULL, &part);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("GTIN %s is not a part of this plant "
		    "(no part has gtin=%s)"), t.gtin, t.gtin);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	id = part->tracking == YOKE__TRACKING__TRACKING_SERIAL ? t.serial : t.lot;
	snprintf(scan->part, sizeof scan->part, "%s", part->number);
	snprintf(scan->id, sizeof scan->id, "%s", id ? id : "");
	return OUTCOME_COMMIT;
}

enum outcome
req_where_used(struct ctx *c)
{
	const char *label = c->rq->where_used->component;
	struct component_scan scan;
	struct used_walk w = { c, NULL, STORE_OK };
	enum outcome o;
	int rc;

	if ((o = label_read(c, label, &scan)) != OUTCOME_COMMIT)
		return o;
	if (scan.id[0] == '\0')
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a component with its lot or serial (%s/LOT-OR-SERIAL), got %s"), scan.part,
		    scan.part);
	/* A received lot named by yoke's lot id (its internal label) went in
	 * under the supplier's lot text, the key every scan writes (lot_scan.h). */
	Yoke__Lot *l;
	if (lot_get(c, scan.id, &l) == STORE_OK && strcmp(l->part, scan.part) == 0 &&
	    !str_empty(l->supplier_lot) && strlen(l->supplier_lot) < sizeof scan.id)
		strlcpy_yk(scan.id, l->supplier_lot, sizeof scan.id);
	char *key = arena_printf(c->a, "%s/%s", scan.part, scan.id);
	w.ur = arena_alloc(c->a, sizeof *w.ur);
	yoke__units_reply__init(w.ur);
	w.ur->units = ARENA_NEW(c->a, Yoke__QueueEntry *, WHERE_USED_MAX);
	rc = store_walk_dups(c->txn, T_COMPONENT, key, strlen(key), used_walk, &w);
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	c->rp->body_case = YOKE__REPLY__BODY_WHERE_USED;
	c->rp->where_used = w.ur;
	reply_message(c, P_("%s went into %zu unit", "%s went into %zu units", w.ur->n_units), key,
	    w.ur->n_units);
	return OUTCOME_COMMIT;
}
