/*
 * req-wo-priority.c — a lead changes a work order's priority (1 most
 * urgent .. 9), signed, with a reason. The station queues are keyed by
 * priority (store.h), so each of the order's units still in a queue is
 * moved to its new key, in this transaction; done and scrapped units keep
 * theirs. The log gets one EVENT_WO_PRIORITY_CHANGED for the order (not
 * one per unit); the stations of the kinds touched and the leads are told.
 */
#include "server/requests.h"
#include "server/line/line.h"
#include "server/people/signature.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

#define KINDS_TOLD (NOTICES_MAX - 1)

static int
requeue(struct ctx *c, Yoke__UnitRecord *u, const char *kind, uint32_t priority, bool *moved)
{
	char key[KEY_MAX];
	size_t kl = key_queue(key, kind, u->priority, u->due, u->serial);
	int rc;
	*moved = false;
	if (kl == 0)
		return STORE_ERROR;
	rc = store_del(c->txn, T_QUEUE, key, kl, NULL, 0);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;       /* not waiting in a queue (failed, waiting for its NCR) */
	if (rc != STORE_OK)
		return rc;
	*moved = true;
	kl = key_queue(key, kind, priority, u->due, u->serial);
	return kl ? store_put(c->txn, T_QUEUE, key, kl, "", 0, 0) : STORE_ERROR;
}

enum outcome
req_wo_priority(struct ctx *c)
{
	const Yoke__WorkOrderPriority *q = c->rq->wo_priority;
	Yoke__WorkOrderRecord *wo;
	Yoke__WorkOrderPriorityReply *r;
	Yoke__SignatureRecord *by;
	const char *kinds[KINDS_TOLD];
	size_t nkinds = 0;
	uint32_t units = 0, was;
	enum outcome o;
	int rc;

	if (!ident_ok(q->work_order, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a work order id, got \"%.40s\""), q->work_order);
	if (q->priority < 1 || q->priority > 9)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a priority from 1 (most urgent) to 9, got %u"), q->priority);
	if (str_empty(q->reason) || !text_ok(q->reason, 300))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Changing a priority needs a reason: 1-300 bytes of text without control "
		    "characters"));
	rc = REC_GET(c->txn, c->a, T_WORK_ORDER, q->work_order, yoke__work_order_record, &wo);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("Unknown work order %s"),
		    q->work_order);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	was = wo->priority ? wo->priority : 5;
	if (was == q->priority)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Work order %s has priority %u already"), wo->work_order, was);
	if ((o = sign_as(c, q->signature, ROLE_BIT(YOKE__ROLE__ROLE_LEAD),
	    _("changed the work order's priority"), &by)) != OUTCOME_COMMIT)
		return o;

	for (size_t i = 0; i < wo->n_serials; i++) {
		Yoke__UnitRecord *u;
		Yoke__Routing *rt;
		const Yoke__Operation *op;
		bool moved;
		rc = REC_GET(c->txn, c->a, T_UNIT, wo->serials[i], yoke__unit_record, &u);
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return store_failed(c, rc);
		if (u->status == YOKE__UNIT_STATUS__UNIT_DONE ||
		    u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED || u->priority == q->priority)
			continue;
		if ((rc = routing_get(c, u->product, u->routing_rev, &rt)) != STORE_OK)
			return store_failed(c, rc);
		if ((op = unit_op(u, rt)) == NULL)
			continue;
		if ((rc = requeue(c, u, op->station_kind, q->priority, &moved)) != STORE_OK)
			return store_failed(c, rc);
		u->priority = q->priority;
		if ((rc = unit_save(c, u)) != STORE_OK)
			return store_failed(c, rc);
		units += moved;
		bool told = false;
		for (size_t k = 0; k < nkinds && !told; k++)
			told = strcmp(kinds[k], op->station_kind) == 0;
		if (moved && !told && nkinds < KINDS_TOLD)
			kinds[nkinds++] = op->station_kind;
	}
	wo->priority = q->priority;
	if ((rc = REC_PUT(c->txn, c->a, T_WORK_ORDER, wo->work_order, wo)) != STORE_OK)
		return store_failed(c, rc);

	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);
	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_WO_PRIORITY_CHANGED;
	ev->work_order = wo->work_order;
	ev->station = c->station ? c->station->id : (char *)"";
	ev->badge = by->badge;
	ev->operator_name = by->name;
	ev->terminal = (char *)c->terminal;
	ev->detail = arena_printf(c->a, "%u", was);
	ev->text = arena_printf(c->a, _("Priority of %s changed from %u to %u by %s: %s"),
	    wo->work_order, was, q->priority, by->name, q->reason);
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);

	for (size_t k = 0; k < nkinds; k++)
		notify(c, arena_printf(c->a, "station/%s", kinds[k]), "", YOKE__UNIT_STATUS__UNIT_QUEUED,
		    N_("priority changed"));
	notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_QUEUED, ev->text);
	r = arena_alloc(c->a, sizeof *r);
	yoke__work_order_priority_reply__init(r);
	r->work_order = wo->work_order;
	r->priority = q->priority;
	r->was = was;
	r->units = units;
	c->rp->body_case = YOKE__REPLY__BODY_WO_PRIORITY;
	c->rp->wo_priority = r;
	reply_message(c, P_("Work order %s: priority %u (was %u); %u unit requeued",
	    "Work order %s: priority %u (was %u); %u units requeued", units), wo->work_order,
	    q->priority, was, units);
	return OUTCOME_COMMIT;
}
