/* req-trace.c — a unit's whole history: the unit record lists the sequence
 * numbers of its events (oldest first), and each is one lookup in the log. */
#include "server/requests.h"
#include "server/unit/unit.h"
#include "shared/util.h"

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
	tr->unit = unit_view(c, u, r);
	c->rp->body_case = YOKE__REPLY__BODY_TRACE;
	c->rp->trace = tr;
	return OUTCOME_COMMIT;
}
