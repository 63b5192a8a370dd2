/*
 * req-outbox.c — what the outbox holds (yokectl outbox list): the newest
 * messages first, or only those not delivered yet (the outbox_due table:
 * soonest next try first), each without its body. A read.
 */
#include "server/requests.h"
#include "server/notify/outbox.h"
#include "shared/util.h"

#define LIMIT_DEFAULT 50
#define LIMIT_MAX 1000

struct listing {
	struct ctx *c;
	Yoke__OutboxReply *r;
	uint32_t limit;
	bool by_due;          /* keys of outbox_due: the id is the second half */
	int rc;
};

static Yoke__OutboxEntry *
entry(struct arena *a, const Yoke__OutboxMessage *m)
{
	Yoke__OutboxEntry *e = arena_alloc(a, sizeof *e);
	yoke__outbox_entry__init(e);
	e->id = m->id;
	e->key = m->key;
	e->channel = m->channel;
	e->to = m->to;
	e->subject = m->subject;
	e->created_us = m->created_us;
	e->attempts = m->attempts;
	e->next_try_us = m->next_try_us;
	e->delivered = m->delivered;
	e->delivered_us = m->delivered_us;
	e->last_error = m->last_error;
	return e;
}

static int
walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct listing *l = ud;
	Yoke__OutboxMessage *m;
	if (l->r->n_entries == l->limit) {
		if (!l->by_due)
			return 1;
		l->r->matched++;       /* pending: counted, not listed */
		return 0;
	}
	l->r->matched++;
	if (l->by_due) {
		if (kl != 16)
			return 0;
		if ((l->rc = outbox_get(l->c, get_be64((const unsigned char *)k + 8), &m)) != STORE_OK)
			return 1;
	} else if ((m = rec_decode(l->c->a, &yoke__outbox_message__descriptor, v, vl)) == NULL) {
		l->rc = STORE_ERROR;
		return 1;
	}
	l->r->entries[l->r->n_entries++] = entry(l->c->a, m);
	return 0;
}

enum outcome
req_outbox(struct ctx *c)
{
	const Yoke__OutboxQuery *q = c->rq->outbox;
	Yoke__OutboxReply *r = arena_alloc(c->a, sizeof *r);
	struct listing l = { c, r, q->limit ? q->limit : LIMIT_DEFAULT, q->pending, STORE_OK };
	int rc;

	if (l.limit > LIMIT_MAX)
		l.limit = LIMIT_MAX;
	yoke__outbox_reply__init(r);
	r->entries = ARENA_NEW(c->a, Yoke__OutboxEntry *, l.limit);
	/* The whole outbox is counted only for a listing of the pending ones;
	 * for every message, matched is the table's count (no walk of it all). */
	if (q->pending)
		rc = store_walk_prefix(c->txn, T_OUTBOX_DUE, NULL, 0, walk, &l);
	else
		rc = store_walk_back(c->txn, T_OUTBOX, NULL, 0, walk, &l);
	if (rc == STORE_OK)
		rc = l.rc;
	if (!q->pending)
		r->matched = (uint32_t)store_count(c->txn, T_OUTBOX);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	c->rp->body_case = YOKE__REPLY__BODY_OUTBOX;
	c->rp->outbox = r;
	return OUTCOME_COMMIT;
}
