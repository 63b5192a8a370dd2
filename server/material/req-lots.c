/*
 * req-lots.c — received lots, newest first: one by its id, or those that
 * match every filter given (part, supplier, supplier lot, status). A lot
 * past its expiry date is shown EXPIRED whatever its stored status (the
 * scan refuses it by its date alone, lot.h). Read-only.
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

#define LOTS_MAX 5000

struct lots_walk {
	struct ctx *c;
	const Yoke__LotQuery *q;
	Yoke__LotReply *lr;
	int rc;
};

static void
shown_status(struct ctx *c, Yoke__Lot *l)
{
	if (l->status != YOKE__LOT_STATUS__LOT_EXPIRED && lot_expired(l->expiry, c->now)) {
		l->status = YOKE__LOT_STATUS__LOT_EXPIRED;
		l->status_reason = arena_printf(c->a, _("expired on %s"), l->expiry);
	}
}

static int
lots_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct lots_walk *w = ud;
	const Yoke__LotQuery *q = w->q;
	Yoke__Lot *l;
	(void)k;
	(void)kl;
	if ((l = rec_decode(w->c->a, &yoke__lot__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	shown_status(w->c, l);
	if ((!str_empty(q->part) && strcmp(l->part, q->part) != 0) ||
	    (!str_empty(q->supplier) && strcmp(l->supplier, q->supplier) != 0) ||
	    (!str_empty(q->supplier_lot) && strcmp(l->supplier_lot, q->supplier_lot) != 0) ||
	    (q->status && l->status != q->status))
		return 0;
	if (w->lr->n_lots < LOTS_MAX)
		w->lr->lots[w->lr->n_lots++] = l;
	w->lr->matched++;
	return 0;
}

enum outcome
req_lots(struct ctx *c)
{
	const Yoke__LotQuery *q = c->rq->lots;
	Yoke__LotReply *lr = arena_alloc(c->a, sizeof *lr);
	struct lots_walk w = { c, q, lr, STORE_OK };
	Yoke__Lot *l;
	int rc;

	if (!text_ok(q->id, LOT_ID_MAX) || !text_ok(q->part, 64) || !text_ok(q->supplier, 64) ||
	    !text_ok(q->supplier_lot, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Lot filters: a lot id such as L-000001, a part, a supplier, a supplier lot"));
	if (q->status < 0 || q->status > YOKE__LOT_STATUS__LOT_BLOCKED)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a lot status, or none for every status"));
	yoke__lot_reply__init(lr);
	c->rp->body_case = YOKE__REPLY__BODY_LOTS;
	c->rp->lots = lr;
	if (!str_empty(q->id)) {
		rc = lot_get(c, q->id, &l);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No lot %s"), q->id);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		shown_status(c, l);
		lr->lots = ARENA_NEW(c->a, Yoke__Lot *, 1);
		lr->lots[0] = l;
		lr->n_lots = lr->matched = 1;
		return OUTCOME_COMMIT;
	}
	lr->lots = ARENA_NEW(c->a, Yoke__Lot *, LOTS_MAX);
	if ((rc = store_walk_back(c->txn, T_LOT, NULL, 0, lots_walk, &w)) != STORE_OK)
		return store_failed(c, rc);
	if (w.rc != STORE_OK)
		return store_failed(c, w.rc);
	return OUTCOME_COMMIT;
}
