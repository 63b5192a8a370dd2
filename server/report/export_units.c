/*
 * export_units.c — a page of the units of a window (EXPORT_UNITS): those
 * released before its end with an event at or after its start, i.e. worked
 * or released in it, where each stands now. With a work order, that work
 * order's units in its own order (cursor: how many were read, in decimal);
 * without, every unit in serial order (cursor: the last serial read).
 */
#include "server/report/export.h"
#include "server/store/records.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Adds the unit when it belongs to the window. */
static int
consider(struct export_page *x, Yoke__UnitRecord *u)
{
	struct ctx *c = x->c;
	Yoke__ExportUnit *e;
	Yoke__Event *first, *last;
	Yoke__Routing *r = NULL;
	int rc;
	if (u->n_events == 0)
		return STORE_OK;
	if ((rc = report_event(c, u->events[0], &first)) != STORE_OK ||
	    (rc = report_event(c, u->events[u->n_events - 1], &last)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_OK : rc;
	if (first->time_us >= x->q->to_us || last->time_us < x->q->from_us)
		return STORE_OK;
	e = arena_alloc(c->a, sizeof *e);
	yoke__export_unit__init(e);
	e->serial = u->serial;
	e->work_order = u->work_order;
	e->product = u->product;
	e->routing_rev = u->routing_rev;
	e->status = u->status;
	e->station = u->station;
	e->rework_count = u->rework_count;
	e->released_us = first->time_us;
	e->last_event_us = last->time_us;
	e->ncrs = (uint32_t)u->n_ncrs;
	e->open_ncr = u->open_ncr;
	if (u->status != YOKE__UNIT_STATUS__UNIT_DONE &&
	    u->status != YOKE__UNIT_STATUS__UNIT_SCRAPPED &&
	    routing_get(c, u->product, u->routing_rev, &r) == STORE_OK) {
		const Yoke__Operation *op = unit_op(u, r);
		if (op) {
			e->operation = op->number;
			e->operation_name = op->name;
		}
	}
	x->r->units[x->r->n_units++] = e;
	return export_part(x, u->product);
}

struct units {
	struct export_page *x;
	const char *after;
	const char *last;
	bool full;
};

static int
walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct units *w = ud;
	struct export_page *x = w->x;
	Yoke__UnitRecord *u;
	if (kl == strlen(w->after) && memcmp(k, w->after, kl) == 0)
		return 0;              /* the page before ended with it */
	if (x->scanned >= REPORT_SCAN_MAX / 4 || x->r->n_units >= EXPORT_UNITS_MAX) {
		w->full = true;
		return 1;
	}
	x->scanned++;
	if ((u = rec_decode(x->c->a, &yoke__unit_record__descriptor, v, vl)) == NULL)
		return 0;
	w->last = u->serial;
	if ((x->rc = consider(x, u)) != STORE_OK)
		return 1;
	return 0;
}

static enum outcome
of_work_order(struct export_page *x)
{
	struct ctx *c = x->c;
	Yoke__WorkOrderRecord *wo;
	uint64_t from = 0;
	char *end;
	size_t i;
	int rc;

	if (!str_empty(x->q->after)) {
		errno = 0;
		from = strtoull(x->q->after, &end, 10);
		if (*x->q->after < '0' || *x->q->after > '9' || errno || *end != '\0')
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Expected the cursor of the page before (a count of units), got \"%.40s\""),
			    x->q->after);
	}
	rc = REC_GET(c->txn, c->a, T_WORK_ORDER, x->q->work_order, yoke__work_order_record, &wo);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No work order %s"), x->q->work_order);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	for (i = (size_t)from; i < wo->n_serials; i++) {
		Yoke__UnitRecord *u;
		if (x->scanned >= REPORT_SCAN_MAX / 4 || x->r->n_units >= EXPORT_UNITS_MAX)
			break;
		x->scanned++;
		rc = REC_GET(c->txn, c->a, T_UNIT, wo->serials[i], yoke__unit_record, &u);
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK || (rc = consider(x, u)) != STORE_OK)
			return store_failed(c, rc);
	}
	if (i < wo->n_serials)
		x->r->next = arena_printf(c->a, "%zu", i);
	return OUTCOME_COMMIT;
}

enum outcome
export_units(struct export_page *x)
{
	struct ctx *c = x->c;
	struct units w = { .x = x, .after = x->q->after };
	int rc;

	x->r->units = ARENA_NEW(c->a, Yoke__ExportUnit *, EXPORT_UNITS_MAX);
	x->r->parts = ARENA_NEW(c->a, Yoke__ExportPart *, EXPORT_NAMES_MAX);
	if (!str_empty(x->q->work_order))
		return of_work_order(x);
	/* The first page from the table's first serial (an empty key is no
	 * key to LMDB), the next from the serial the page before ended at. */
	rc = str_empty(w.after) ? store_walk_prefix(c->txn, T_UNIT, "", 0, walk, &w) :
	    store_walk_from(c->txn, T_UNIT, w.after, strlen(w.after), walk, &w);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (x->rc != STORE_OK)
		return store_failed(c, x->rc);
	if (w.full && w.last)
		x->r->next = (char *)w.last;
	return OUTCOME_COMMIT;
}
