/*
 * req-defects.c — the defect codes of the definitions, in code order: the
 * list a station shows when a failure asks which defect it is. Read-only.
 */
#include "server/requests.h"
#include "shared/i18n.h"

#define DEFECTS_MAX 2000

struct defects_walk {
	struct ctx *c;
	Yoke__DefectsReply *dr;
	int rc;
};

static int
defects_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct defects_walk *w = ud;
	Yoke__DefectCode *dc;
	(void)k;
	(void)kl;
	if ((dc = rec_decode(w->c->a, &yoke__defect_code__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	w->dr->defects[w->dr->n_defects++] = dc;
	return w->dr->n_defects == DEFECTS_MAX;
}

enum outcome
req_defects(struct ctx *c)
{
	struct defects_walk w = { c, arena_alloc(c->a, sizeof *w.dr), STORE_OK };
	int rc;

	yoke__defects_reply__init(w.dr);
	w.dr->defects = ARENA_NEW(c->a, Yoke__DefectCode *, DEFECTS_MAX);
	rc = store_walk_prefix(c->txn, T_DEFECT, NULL, 0, defects_walk, &w);
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	c->rp->body_case = YOKE__REPLY__BODY_DEFECTS;
	c->rp->defects = w.dr;
	reply_message(c, P_("%zu defect code", "%zu defect codes", w.dr->n_defects),
	    w.dr->n_defects);
	return OUTCOME_COMMIT;
}
