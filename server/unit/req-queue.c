/* req-queue.c — a station's queue: every unit whose current operation is
 * done at this station's kind, in priority, due-date, serial order. The
 * reply carries the topic sequence for the Clone pattern (PROTOCOL.md). */
#include "server/requests.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

#define QUEUE_MAX 500

struct queue_walk {
	struct ctx *c;
	Yoke__QueueEntry **entries;
	size_t n;
	int rc;
};

static int
queue_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct queue_walk *q = ud;
	const char *key = k;
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	size_t kind = strnlen(key, kl);
	(void)v;
	(void)vl;

	if (kind + 13 > kl)
		return 0;
	char *serial = arena_printf(q->c->a, "%.*s", (int)(kl - kind - 13), key + kind + 13);
	if ((q->rc = REC_GET(q->c->txn, q->c->a, T_UNIT, serial, yoke__unit_record, &u)) != STORE_OK)
		return 1;
	if ((q->rc = routing_get(q->c, u->product, u->routing_rev, &r)) != STORE_OK)
		return 1;
	q->entries[q->n++] = unit_entry(q->c, u, r);
	return q->n == QUEUE_MAX;
}

enum outcome
req_queue(struct ctx *c)
{
	const Yoke__QueueQuery *qq = c->rq->queue;
	Yoke__Station *st;
	Yoke__QueueReply *r;
	char prefix[80], topic[96];
	struct queue_walk q = { c, NULL, 0, STORE_OK };
	int rc;

	if (!ident_ok(qq->station, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a station id, got \"%.40s\""), qq->station);
	rc = REC_GET(c->txn, c->a, T_STATION, qq->station, yoke__station, &st);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("Unknown station %s"), qq->station);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	q.entries = ARENA_NEW(c->a, Yoke__QueueEntry *, QUEUE_MAX);
	size_t pl = strlen(st->kind);
	memcpy(prefix, st->kind, pl);
	prefix[pl++] = '\0';
	if ((rc = store_walk_prefix(c->txn, T_QUEUE, prefix, pl, queue_walk, &q)) != STORE_OK)
		return store_failed(c, rc);
	if (q.rc != STORE_OK)
		return store_failed(c, q.rc);
	snprintf(topic, sizeof topic, "station/%s", st->kind);
	r = arena_alloc(c->a, sizeof *r);
	yoke__queue_reply__init(r);
	r->station = st->id;
	r->station_kind = st->kind;
	r->topic_seq = topic_peek(c->srv, topic);
	r->epoch = c->srv->epoch;
	r->n_entries = q.n;
	r->entries = q.entries;
	c->rp->body_case = YOKE__REPLY__BODY_QUEUE;
	c->rp->queue = r;
	return OUTCOME_COMMIT;
}
