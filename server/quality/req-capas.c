/*
 * req-capas.c — CAPAs, newest first: one by its number, or those in a
 * state (0: any), or only the overdue ones (an action whose due date has
 * passed before its owner signed it done, CAPA_IMPLEMENTED). Capa.overdue
 * is filled in each.
 * Read-only.
 */
#include "server/requests.h"
#include "server/quality/capa.h"
#include "shared/util.h"
#include "shared/i18n.h"

#define CAPAS_MAX 5000

struct capas_walk {
	struct ctx *c;
	const Yoke__CapaQuery *q;
	Yoke__CapaReply *cr;
	size_t matched;
	int rc;
};

static int
capas_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct capas_walk *w = ud;
	Yoke__Capa *x;
	(void)k;
	(void)kl;
	if ((x = rec_decode(w->c->a, &yoke__capa__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	x->overdue = capa_overdue_now(x, w->c->now);
	if ((w->q->state && x->state != w->q->state) || (w->q->overdue && !x->overdue))
		return 0;
	if (w->cr->n_capas < CAPAS_MAX)
		w->cr->capas[w->cr->n_capas++] = x;
	w->matched++;
	return 0;
}

enum outcome
req_capas(struct ctx *c)
{
	const Yoke__CapaQuery *q = c->rq->capas;
	struct capas_walk w = { c, q, NULL, 0, STORE_OK };
	Yoke__Capa *k;
	int rc;

	if (!text_ok(q->number, 40))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a CAPA number such as CAPA-000001"));
	if (q->state < 0 || q->state > YOKE__CAPA_STATE__CAPA_CLOSED)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a CAPA state, or none for every state"));
	if (!str_empty(q->number)) {
		rc = capa_get(c, q->number, &k);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No CAPA %s"), q->number);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		capa_reply_one(c, k);
		reply_message(c, "%s: %s", k->number, capa_state_text(k->state));
		return OUTCOME_COMMIT;
	}
	w.cr = arena_alloc(c->a, sizeof *w.cr);
	yoke__capa_reply__init(w.cr);
	w.cr->capas = ARENA_NEW(c->a, Yoke__Capa *, CAPAS_MAX);
	rc = store_walk_back(c->txn, T_CAPA, NULL, 0, capas_walk, &w);
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	c->rp->body_case = YOKE__REPLY__BODY_CAPAS;
	c->rp->capas = w.cr;
	if (w.matched > CAPAS_MAX)
		reply_message(c, _("%zu CAPAs match; the newest %d are listed"), w.matched, CAPAS_MAX);
	else
		reply_message(c, P_("%zu CAPA", "%zu CAPAs", w.cr->n_capas), w.cr->n_capas);
	return OUTCOME_COMMIT;
}
