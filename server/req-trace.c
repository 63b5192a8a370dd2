/* req-trace.c — a unit's whole history: a walk of the unit's event index
 * (serial -> event seqs) and one lookup per event, oldest first. */
#include "server/requests.h"
#include "server/unit.h"
#include "shared/util.h"

#include <string.h>

struct trace_walk {
	struct ctx *c;
	Yoke__Event **events;
	size_t n, cap;
	int rc;
};

static int
trace_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct trace_walk *t = ud;
	Yoke__Event *ev;
	(void)k;
	(void)kl;
	if (vl != 8)
		return 0;
	t->rc = rec_get(t->c->txn, t->c->a, T_EVENT, v, 8, &yoke__event__descriptor, (void **)&ev);
	if (t->rc != STORE_OK)
		return 1;
	ev->seq = get_be64(v);
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		Yoke__Event **grown = ARENA_NEW(t->c->a, Yoke__Event *, cap);
		if (t->n)
			memcpy(grown, t->events, t->n * sizeof *grown);
		t->events = grown;
		t->cap = cap;
	}
	t->events[t->n++] = ev;
	return 0;
}

enum outcome
req_trace(struct ctx *c)
{
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	Yoke__TraceReply *tr;
	struct trace_walk t = { c, NULL, 0, 0, STORE_OK };
	enum outcome o;
	int rc;

	if ((o = unit_load(c, c->rq->trace->serial, &u, &r)) != OUTCOME_COMMIT)
		return o;
	rc = store_walk_dups(c->txn, T_UNIT_EVENT, u->serial, strlen(u->serial), trace_walk, &t);
	if (rc != STORE_OK || t.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : t.rc);
	tr = arena_alloc(c->a, sizeof *tr);
	yoke__trace_reply__init(tr);
	tr->unit = unit_view(c, u, r);
	tr->n_events = t.n;
	tr->events = t.events;
	c->rp->body_case = YOKE__REPLY__BODY_TRACE;
	c->rp->trace = tr;
	return OUTCOME_COMMIT;
}
