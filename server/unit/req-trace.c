/* req-trace.c — a unit's whole history: the unit record lists the sequence
 * numbers of its events (oldest first), and each is one lookup in the log;
 * with its NCRs (the record names them) and every hold that covered it
 * (named by its events, and its work order's holds). */
#include "server/requests.h"
#include "server/quality/hold.h"
#include "server/quality/ncr.h"
#include "server/unit/unit.h"
#include "shared/util.h"

#include <string.h>

struct wo_holds {
	struct ctx *c;
	const char *wo;
	Yoke__TraceReply *tr;
	size_t cap;
	int rc;
};

static bool
listed(const Yoke__TraceReply *tr, uint64_t id)
{
	for (size_t i = 0; i < tr->n_holds; i++)
		if (tr->holds[i]->id == id)
			return true;
	return false;
}

static int
wo_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct wo_holds *w = ud;
	Yoke__Hold *h;
	(void)k;
	(void)kl;
	if ((h = rec_decode(w->c->a, &yoke__hold__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (h->scope == YOKE__HOLD_SCOPE__HOLD_WORK_ORDER && h->n_targets == 1 &&
	    strcmp(h->targets[0], w->wo) == 0 && w->tr->n_holds < w->cap)
		w->tr->holds[w->tr->n_holds++] = h;
	return 0;
}

static int
quality_of(struct ctx *c, const Yoke__UnitRecord *u, Yoke__TraceReply *tr)
{
	struct wo_holds w = { c, u->work_order, tr, 0, STORE_OK };
	int rc;
	tr->ncrs = ARENA_NEW(c->a, Yoke__Ncr *, u->n_ncrs + 1);
	for (size_t i = 0; i < u->n_ncrs; i++) {
		if ((rc = ncr_get(c, u->ncrs[i], &tr->ncrs[tr->n_ncrs])) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_ERROR : rc;
		tr->n_ncrs++;
	}
	w.cap = tr->n_events + 64;
	tr->holds = ARENA_NEW(c->a, Yoke__Hold *, w.cap);
	for (size_t i = 0; i < tr->n_events; i++) {
		const Yoke__Event *ev = tr->events[i];
		if (ev->kind != YOKE__EVENT_KIND__EVENT_HELD || listed(tr, ev->hold))
			continue;
		if ((rc = hold_get(c, ev->hold, &tr->holds[tr->n_holds])) != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_ERROR : rc;
		/* A containment hold's list of units is long; the trace is about this one. */
		tr->holds[tr->n_holds]->n_units = 0;
		tr->n_holds++;
	}
	rc = store_walk_prefix(c->txn, T_HOLD, NULL, 0, wo_walk, &w);
	return rc != STORE_OK ? rc : w.rc;
}

enum outcome
req_trace(struct ctx *c)
{
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	Yoke__TraceReply *tr;
	enum outcome o;

	if ((o = unit_load(c, c->rq->trace->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	tr = arena_alloc(c->a, sizeof *tr);
	yoke__trace_reply__init(tr);
	tr->events = ARENA_NEW(c->a, Yoke__Event *, u->n_events);
	for (size_t i = 0; i < u->n_events; i++) {
		unsigned char key[8];
		Yoke__Event *ev;
		int rc;
		put_be64(key, u->events[i]);
		rc = rec_get(c->txn, c->a, T_EVENT, key, 8, &yoke__event__descriptor, (void **)&ev);
		if (rc != STORE_OK)   /* the history names an event the log lacks: broken store */
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
		ev->seq = u->events[i];
		tr->events[tr->n_events++] = ev;
	}
	int rc = quality_of(c, u, tr);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	tr->unit = unit_view(c, u, r);
	c->rp->body_case = YOKE__REPLY__BODY_TRACE;
	c->rp->trace = tr;
	return OUTCOME_COMMIT;
}
