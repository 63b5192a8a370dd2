/*
 * req-worklist.c — what waits for the quality people at the line, oldest
 * first (WorkItem): inspections an inspector signs at units open now,
 * open NCRs (dispositions, the MRB), dispositioned NCRs whose unit is
 * through (to close), manual holds in force, CAPAs that wait for quality
 * (proposed: to open; implemented: to verify; verified: the effectiveness
 * check; an action past its due date). Read-only; the walks are of the
 * queue (units not done), the NCR, the hold and the CAPA tables, each
 * bounded.
 */
#include "server/requests.h"
#include "server/quality/capa.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdlib.h>
#include <string.h>

#define WORK_MAX 500            /* items in a reply */
#define WALK_MAX 200000         /* records one walk reads */

struct worklist {
	struct ctx *c;
	const char *kind;
	Yoke__WorkItem **items;
	size_t n, walked;
	int rc;
};

static void
add(struct worklist *w, Yoke__WorkKind kind, const char *ref, const char *serial,
    const char *station, int64_t since, const char *text)
{
	Yoke__WorkItem *it;
	if (w->n == WORK_MAX * 4)
		return;
	it = arena_alloc(w->c->a, sizeof *it);
	yoke__work_item__init(it);
	it->kind = kind;
	it->ref = (char *)ref;
	it->serial = (char *)(serial ? serial : "");
	it->station = (char *)(station ? station : "");
	it->since_us = since;
	it->text = (char *)(text ? text : "");
	w->items[w->n++] = it;
}

/* Units open at a station whose current step is an inspection to sign. */
static int
queue_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct worklist *w = ud;
	const char *key = k;
	size_t kind = strnlen(key, kl);
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	const Yoke__Operation *op;
	(void)v;
	(void)vl;
	if (++w->walked > WALK_MAX)
		return 1;
	if (kind + 13 > kl || (w->kind[0] && (strlen(w->kind) != kind || memcmp(key, w->kind, kind))))
		return 0;
	char *serial = arena_printf(w->c->a, "%.*s", (int)(kl - kind - 13), key + kind + 13);
	if ((w->rc = REC_GET(w->c->txn, w->c->a, T_UNIT, serial, yoke__unit_record, &u)) != STORE_OK)
		return 1;
	if (u->status != YOKE__UNIT_STATUS__UNIT_IN_WORK || !u->op_started)
		return 0;
	if ((w->rc = routing_get(w->c, u->product, u->routing_rev, &r)) != STORE_OK)
		return 1;
	op = unit_op(u, r);
	if (op && u->step_index < op->n_steps && op->steps[u->step_index]->kind ==
	    YOKE__STEP_KIND__STEP_INSPECT && op->steps[u->step_index]->needs_inspector)
		add(w, YOKE__WORK_KIND__WORK_INSPECTION, u->serial, u->serial, u->station, u->since_us,
		    op->steps[u->step_index]->text);
	return 0;
}

static int
ncr_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct worklist *w = ud;
	Yoke__Ncr *n;
	(void)k;
	(void)kl;
	if (++w->walked > WALK_MAX)
		return 1;
	if ((n = rec_decode(w->c->a, &yoke__ncr__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	/* A lot NCR's subject stands where a unit's serial does. */
	char *subject = str_empty(n->lot) ? n->serial :
	    arena_printf(w->c->a, "%s/%s", n->lot_part, n->lot);
	if (n->state == YOKE__NCR_STATE__NCR_OPEN)
		add(w, YOKE__WORK_KIND__WORK_NCR, n->number, subject, n->station, n->opened_us, n->text);
	else if (n->state == YOKE__NCR_STATE__NCR_DISPOSITIONED)
		add(w, YOKE__WORK_KIND__WORK_NCR_CLOSE, n->number, subject, n->station,
		    n->dispositioned_us, n->text);
	return 0;
}

static int
hold_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct worklist *w = ud;
	Yoke__Hold *h;
	(void)k;
	(void)kl;
	if (++w->walked > WALK_MAX)
		return 1;
	if ((h = rec_decode(w->c->a, &yoke__hold__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (h->open && h->source != YOKE__HOLD_SOURCE__HOLD_NCR)
		add(w, YOKE__WORK_KIND__WORK_HOLD, arena_printf(w->c->a, "%llu",
		    (unsigned long long)h->id), h->n_units ? h->units[0] : NULL,
		    h->scope == YOKE__HOLD_SCOPE__HOLD_STATION ? h->targets[0] : NULL,
		    h->placed ? h->placed->time_us : 0, h->reason);
	return 0;
}

static int
capa_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct worklist *w = ud;
	Yoke__Capa *x;
	(void)k;
	(void)kl;
	if (++w->walked > WALK_MAX)
		return 1;
	if ((x = rec_decode(w->c->a, &yoke__capa__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (x->state == YOKE__CAPA_STATE__CAPA_PROPOSED || x->state == YOKE__CAPA_STATE__CAPA_IMPLEMENTED ||
	    x->state == YOKE__CAPA_STATE__CAPA_VERIFIED || capa_overdue_now(x, w->c->now))
		add(w, YOKE__WORK_KIND__WORK_CAPA, x->number, NULL, x->station, x->updated_us,
		    x->state == YOKE__CAPA_STATE__CAPA_PROPOSED ? x->proposed_why : x->title);
	return 0;
}

static int
oldest_first(const void *a, const void *b)
{
	const Yoke__WorkItem *x = *(Yoke__WorkItem *const *)a, *y = *(Yoke__WorkItem *const *)b;
	return (x->since_us > y->since_us) - (x->since_us < y->since_us);
}

enum outcome
req_worklist(struct ctx *c)
{
	struct worklist w = { c, c->rq->worklist->station_kind, NULL, 0, 0, STORE_OK };
	Yoke__WorklistReply *wr = arena_alloc(c->a, sizeof *wr);
	int rc;

	if (w.kind[0] && !ident_ok(w.kind, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a station kind, got \"%.40s\""), w.kind);
	w.items = ARENA_NEW(c->a, Yoke__WorkItem *, WORK_MAX * 4);
	if ((rc = store_walk_prefix(c->txn, T_QUEUE, NULL, 0, queue_walk, &w)) == STORE_OK &&
	    w.rc == STORE_OK) {
		w.walked = 0;
		rc = store_walk_prefix(c->txn, T_NCR, NULL, 0, ncr_walk, &w);
	}
	if (rc == STORE_OK && w.rc == STORE_OK) {
		w.walked = 0;
		rc = store_walk_prefix(c->txn, T_HOLD, NULL, 0, hold_walk, &w);
	}
	if (rc == STORE_OK && w.rc == STORE_OK) {
		w.walked = 0;
		rc = store_walk_prefix(c->txn, T_CAPA, NULL, 0, capa_walk, &w);
	}
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	qsort(w.items, w.n, sizeof *w.items, oldest_first);
	yoke__worklist_reply__init(wr);
	wr->items = w.items;
	wr->n_items = w.n < WORK_MAX ? w.n : WORK_MAX;
	c->rp->body_case = YOKE__REPLY__BODY_WORKLIST;
	c->rp->worklist = wr;
	reply_message(c, P_("%zu item waits", "%zu items wait", w.n), w.n);
	return OUTCOME_COMMIT;
}
