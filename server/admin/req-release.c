/*
 * req-release.c — releases a work order: picks the routing revision (the
 * one named, which must be released, or the newest released one), creates
 * its units QUEUED at the first operation with serials <WO>-0001..., and
 * records a RELEASED event for each. The work order keeps that revision
 * for good, whatever is loaded later.
 */
#include "server/requests.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

#define RELEASE_MAX 10000

struct newest {
	struct arena *a;
	const char *product;
	Yoke__Routing *best;
};

/* Revisions compare by length, then bytes: B < C < AA, 2 < 10. */
static int
rev_cmp(const char *x, const char *y)
{
	size_t lx = strlen(x), ly = strlen(y);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

static int
newest_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct newest *n = ud;
	Yoke__Routing *r;
	(void)k;
	(void)kl;
	r = rec_decode(n->a, &yoke__routing__descriptor, v, vl);
	if (r && r->released && strcmp(r->product, n->product) == 0 &&
	    (n->best == NULL || rev_cmp(r->revision, n->best->revision) > 0))
		n->best = r;
	return 0;
}

enum outcome
req_release(struct ctx *c)
{
	const Yoke__ReleaseWorkOrder *w = c->rq->release;
	Yoke__WorkOrderRecord wo = YOKE__WORK_ORDER_RECORD__INIT, *old;
	Yoke__Part *part;
	Yoke__Routing *r = NULL;
	Yoke__ReleaseReply *rr;
	uint32_t prio = w->priority ? w->priority : 5;
	int rc;

	if (!ident_ok(w->work_order, 40))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a work order id (1-40 printable characters, no '/'), got \"%.40s\""),
		    w->work_order);
	if (w->quantity < 1 || w->quantity > RELEASE_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a quantity from 1 to %d, got %u"), RELEASE_MAX, w->quantity);
	if (!date_valid(w->due))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a due date YYYY-MM-DD, got \"%.20s\""), w->due);
	if (prio > 9)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a priority from 1 (most urgent) to 9, got %u"), prio);
	if (!ident_ok(w->product, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST, _("Expected a product part number"));
	rc = REC_GET(c->txn, c->a, T_WORK_ORDER, w->work_order, yoke__work_order_record, &old);
	if (rc == STORE_OK)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Work order %s already exists (%s x%u, released with rev %s)"), w->work_order,
		    old->product, old->quantity, old->routing_rev);
	if (rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	rc = REC_GET(c->txn, c->a, T_PART, w->product, yoke__part, &part);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("Unknown product %s"), w->product);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (!str_empty(w->routing_rev)) {
		rc = routing_get(c, w->product, w->routing_rev, &r);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No routing %s rev %s"),
			    w->product, w->routing_rev);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		if (!r->released)
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
			    _("Routing %s rev %s is a draft: only released routings can be built"),
			    w->product, w->routing_rev);
	} else {
		struct newest n = { c->a, w->product, NULL };
		if ((rc = store_walk_prefix(c->txn, T_ROUTING, w->product, strlen(w->product) + 1,
		    newest_walk, &n)) != STORE_OK)
			return store_failed(c, rc);
		if (n.best == NULL)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
			    _("No released routing for %s: release one before building it"), w->product);
		r = n.best;
	}
	if (r->n_operations == 0)
		return store_failed(c, STORE_ERROR);

	wo.work_order = w->work_order;
	wo.product = w->product;
	wo.routing_rev = r->revision;
	wo.quantity = w->quantity;
	wo.due = w->due;
	wo.priority = prio;
	wo.released_us = c->now;
	wo.n_serials = w->quantity;
	wo.serials = ARENA_NEW(c->a, char *, w->quantity);
	for (uint32_t i = 0; i < w->quantity; i++) {
		Yoke__UnitRecord u = YOKE__UNIT_RECORD__INIT;
		Yoke__UnitRecord *exists;
		char *serial = arena_printf(c->a, "%s-%04u", w->work_order, i + 1);
		rc = REC_GET(c->txn, c->a, T_UNIT, serial, yoke__unit_record, &exists);
		if (rc == STORE_OK)
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("Unit %s already exists"), serial);
		if (rc != STORE_NOTFOUND)
			return store_failed(c, rc);
		u.serial = serial;
		u.work_order = w->work_order;
		u.product = w->product;
		u.routing_rev = r->revision;
		u.status = YOKE__UNIT_STATUS__UNIT_QUEUED;
		u.since_us = c->now;
		u.priority = prio;
		u.due = w->due;
		u.station = (char *)"";
		u.hold_reason = (char *)"";
		Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_RELEASED, &u, r);
		ev->text = arena_printf(c->a, _("Released in work order %s (%s rev %s), due %s"),
		    w->work_order, w->product, r->revision, w->due);
		if ((rc = unit_event_append(c, &u, ev)) != STORE_OK ||
		    (rc = unit_save(c, &u)) != STORE_OK ||
		    (rc = unit_queue_put(c, &u, r->operations[0]->station_kind)) != STORE_OK)
			return store_failed(c, rc);
		wo.serials[i] = serial;
	}
	if ((rc = REC_PUT(c->txn, c->a, T_WORK_ORDER, w->work_order, &wo)) != STORE_OK)
		return store_failed(c, rc);
	notify(c, arena_printf(c->a, "station/%s", r->operations[0]->station_kind), "",
	    YOKE__UNIT_STATUS__UNIT_QUEUED, N_("work order released"));
	rr = arena_alloc(c->a, sizeof *rr);
	yoke__release_reply__init(rr);
	rr->work_order = w->work_order;
	rr->routing_rev = r->revision;
	rr->n_serials = wo.n_serials;
	rr->serials = wo.serials;
	c->rp->body_case = YOKE__REPLY__BODY_RELEASE;
	c->rp->release = rr;
	reply_message(c, _("Released %s: %u x %s rev %s, first operation at %s"), w->work_order,
	    w->quantity, w->product, r->revision, r->operations[0]->station_kind);
	return OUTCOME_COMMIT;
}
