/*
 * req-ncrs.c — NCRs, newest first: one by its number, or those that match
 * every filter given (state, station, defect code, work order, serial,
 * component lot, opened since). One by its number, while open, carries the
 * rework operations its unit may be sent to (Ncr.rework_options); a list
 * does not, to stay one walk of the NCR table. Read-only.
 */
#include "server/requests.h"
#include "server/quality/ncr.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

#define NCRS_MAX 5000

struct ncrs_walk {
	struct ctx *c;
	const Yoke__NcrQuery *q;
	Yoke__Ncr **ring;
	size_t n;
	int rc;
};

static bool
is(const char *want, const char *have)
{
	return str_empty(want) || strcmp(want, have) == 0;
}

/* The lot filter (PART/LOT) and a lot NCR's subject. */
static bool
is_lot(const char *want, const Yoke__Ncr *n)
{
	size_t pl = strlen(n->lot_part);
	return str_empty(want) || (!str_empty(n->lot) && strncmp(want, n->lot_part, pl) == 0 &&
	    want[pl] == '/' && strcmp(want + pl + 1, n->lot) == 0);
}

static int
ncrs_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct ncrs_walk *w = ud;
	const Yoke__NcrQuery *q = w->q;
	Yoke__Ncr *n;
	(void)k;
	(void)kl;
	if ((n = rec_decode(w->c->a, &yoke__ncr__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if ((q->state == 0 || q->state == n->state) && is(q->station, n->station) &&
	    is(q->defect, n->defect) && is(q->work_order, n->work_order) && is(q->serial, n->serial) &&
	    is_lot(q->lot, n) && n->opened_us >= q->since_us)
		w->ring[w->n++ % NCRS_MAX] = n;
	return 0;
}

static enum outcome
reply_list(struct ctx *c, struct ncrs_walk *w)
{
	Yoke__NcrReply *nr = arena_alloc(c->a, sizeof *nr);
	size_t n = w->n < NCRS_MAX ? w->n : NCRS_MAX;
	yoke__ncr_reply__init(nr);
	nr->matched = (uint32_t)w->n;
	nr->ncrs = ARENA_NEW(c->a, Yoke__Ncr *, n + 1);
	for (size_t i = 0; i < n; i++)
		nr->ncrs[nr->n_ncrs++] = w->ring[(w->n - 1 - i) % NCRS_MAX];
	c->rp->body_case = YOKE__REPLY__BODY_NCRS;
	c->rp->ncrs = nr;
	if (w->n > NCRS_MAX)
		reply_message(c, _("%zu NCRs match; the newest %d are listed: narrow the filters"), w->n,
		    NCRS_MAX);
	else
		reply_message(c, P_("%zu NCR", "%zu NCRs", nr->n_ncrs), nr->n_ncrs);
	return OUTCOME_COMMIT;
}

enum outcome
req_ncrs(struct ctx *c)
{
	const Yoke__NcrQuery *q = c->rq->ncrs;
	struct ncrs_walk w = { c, q, NULL, 0, STORE_OK };
	int rc;

	if (!text_ok(q->number, 40) || !text_ok(q->station, 64) || !text_ok(q->defect, 64) ||
	    !text_ok(q->work_order, 64) || !text_ok(q->serial, 64) || !text_ok(q->lot, 130))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected filters of plain text: an NCR number, a station, a defect code, a work "
		    "order, a serial, a lot"));
	w.ring = ARENA_NEW(c->a, Yoke__Ncr *, NCRS_MAX);
	if (!str_empty(q->number)) {
		Yoke__Ncr *n;
		rc = ncr_get(c, q->number, &n);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No NCR %s"), q->number);
		if (rc != STORE_OK || (rc = ncr_rework_options(c, n)) != STORE_OK)
			return store_failed(c, rc);
		w.ring[w.n++] = n;
		return reply_list(c, &w);
	}
	rc = store_walk_prefix(c->txn, T_NCR, NULL, 0, ncrs_walk, &w);
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	return reply_list(c, &w);
}
