/*
 * req-gauges.c — the gauges and equipment with their due dates in force,
 * by id; one of them; or those due within so many days (overdue ones too).
 */
#include "server/gate/gate.h"
#include "server/requests.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

#define GAUGES_MAX 5000      /* in one reply */

struct listing {
	struct ctx *c;
	const Yoke__GaugeQuery *q;
	Yoke__GaugeInfo **out;
	size_t n, cap;
	uint32_t matched;
	int rc;
};

static int
list_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct listing *l = ud;
	Yoke__GaugeInfo *g;
	char id[KEY_MAX];
	(void)v;
	(void)vl;
	if (kl < 3 || kl - 2 >= sizeof id)
		return 0;
	memcpy(id, (const char *)k + 2, kl - 2);
	id[kl - 2] = '\0';
	if ((l->rc = gauge_info(l->c, id, &g)) != STORE_OK)
		return 1;
	if (l->q->has_due_within && g->days_left > (int32_t)l->q->due_within)
		return 0;
	l->matched++;
	if (l->n == l->cap) {
		Yoke__GaugeInfo **more;
		if (l->cap == GAUGES_MAX)
			return 0;
		l->cap = l->cap ? 2 * l->cap : 16;
		if (l->cap > GAUGES_MAX)
			l->cap = GAUGES_MAX;
		more = ARENA_NEW(l->c->a, Yoke__GaugeInfo *, l->cap);
		if (l->n)
			memcpy(more, l->out, l->n * sizeof *more);
		l->out = more;
	}
	l->out[l->n++] = g;
	return 0;
}

enum outcome
req_gauges(struct ctx *c)
{
	const Yoke__GaugeQuery *q = c->rq->gauges;
	struct listing l = { .c = c, .q = q, .rc = STORE_OK };
	Yoke__GaugeReply *gr;
	int rc;

	if (!str_empty(q->gauge)) {
		Yoke__GaugeInfo *g;
		if (!ident_ok(q->gauge, 64))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Expected a gauge or equipment id, got \"%.40s\""), q->gauge);
		rc = gauge_info(c, q->gauge, &g);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("%s is not a gauge or equipment "
			    "of this plant"), q->gauge);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		l.out = ARENA_NEW(c->a, Yoke__GaugeInfo *, 1);
		l.out[0] = g;
		l.n = l.matched = 1;
	} else {
		if ((rc = store_walk_prefix(c->txn, T_GATE, "g", 2, list_walk, &l)) != STORE_OK)
			return store_failed(c, rc);
		if (l.rc != STORE_OK)
			return store_failed(c, l.rc);
	}
	gr = arena_alloc(c->a, sizeof *gr);
	yoke__gauge_reply__init(gr);
	gr->gauges = l.out;
	gr->n_gauges = l.n;
	gr->matched = l.matched;
	c->rp->body_case = YOKE__REPLY__BODY_GAUGES;
	c->rp->gauges = gr;
	return OUTCOME_COMMIT;
}
