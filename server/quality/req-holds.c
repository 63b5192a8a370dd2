/*
 * req-holds.c — the holds, newest first: the open ones, or all. A target
 * narrows the list to the holds that name it (a serial, work order,
 * component label or station). Read-only.
 */
#include "server/requests.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

#define HOLDS_MAX 2000

struct holds_walk {
	struct ctx *c;
	const Yoke__HoldsQuery *q;
	Yoke__Hold **list;
	size_t n;
	int rc;
};

static bool
names(const Yoke__Hold *h, const char *t)
{
	for (size_t i = 0; i < h->n_targets; i++)
		if (strcmp(h->targets[i], t) == 0)
			return true;
	for (size_t i = 0; i < h->n_units; i++)
		if (strcmp(h->units[i], t) == 0)
			return true;
	return false;
}

static int
holds_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct holds_walk *w = ud;
	Yoke__Hold *h;
	(void)k;
	(void)kl;
	if ((h = rec_decode(w->c->a, &yoke__hold__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if ((h->open || w->q->all) && (str_empty(w->q->target) || names(h, w->q->target))) {
		/* A long hold's units are for `trace`, not for the list. */
		if (h->n_units > 20)
			h->n_units = 20;
		w->list[w->n++ % HOLDS_MAX] = h;
	}
	return 0;
}

enum outcome
req_holds(struct ctx *c)
{
	struct holds_walk w = { c, c->rq->holds, NULL, 0, STORE_OK };
	Yoke__HoldsReply *hr = arena_alloc(c->a, sizeof *hr);
	int rc;

	if (!text_ok(w.q->target, 130))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a serial, work order, component or station to look for"));
	w.list = ARENA_NEW(c->a, Yoke__Hold *, HOLDS_MAX);
	rc = store_walk_prefix(c->txn, T_HOLD, NULL, 0, holds_walk, &w);
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	yoke__holds_reply__init(hr);
	/* The walk went oldest first, keeping the newest HOLDS_MAX in a ring. */
	size_t n = w.n < HOLDS_MAX ? w.n : HOLDS_MAX;
	hr->holds = ARENA_NEW(c->a, Yoke__Hold *, n + 1);
	for (size_t i = 0; i < n; i++)
		hr->holds[hr->n_holds++] = w.list[(w.n - 1 - i) % HOLDS_MAX];
	c->rp->body_case = YOKE__REPLY__BODY_HOLDS;
	c->rp->holds = hr;
	reply_message(c, P_("%zu hold", "%zu holds", hr->n_holds), hr->n_holds);
	return OUTCOME_COMMIT;
}
