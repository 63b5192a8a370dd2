/*
 * req-scars.c — SCARs: one by its number, with its evidence so far (the
 * lots received since it opened, scar.h), or a list, newest first,
 * filtered by supplier and state. Read-only.
 */
#include "server/requests.h"
#include "server/material/scar.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

#define SCARS_MAX 1000

struct list {
	struct ctx *c;
	const Yoke__ScarQuery *q;
	Yoke__Scar **s;
	size_t n;
	int rc;
};

static int
one(void *ud, Yoke__Scar *s)
{
	struct list *l = ud;
	if ((!str_empty(l->q->supplier) && strcmp(s->supplier, l->q->supplier) != 0) ||
	    (l->q->state && s->state != l->q->state))
		return 0;
	if ((l->rc = scar_fill(l->c, s, NULL)) != STORE_OK)
		return 1;
	l->s[l->n++] = s;
	return l->n == SCARS_MAX;
}

enum outcome
req_scars(struct ctx *c)
{
	const Yoke__ScarQuery *q = c->rq->scars;
	struct list l = { c, q, NULL, 0, STORE_OK };
	Yoke__Scar *s;
	char **run;
	int rc;

	if (!text_ok(q->number, 40) || !text_ok(q->supplier, 64) || q->state < 0 ||
	    q->state > YOKE__SCAR_STATE__SCAR_CLOSED)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("SCAR filters: a number such as SCAR-000001, a supplier, a state (open, closed)"));
	if (!str_empty(q->number)) {
		rc = scar_get(c, q->number, &s);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No SCAR %.40s"), q->number);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		if (s->state == YOKE__SCAR_STATE__SCAR_OPEN && (rc = scar_fill(c, s, &run)) != STORE_OK)
			return store_failed(c, rc);
		if (s->state != YOKE__SCAR_STATE__SCAR_OPEN && (rc = scar_fill(c, s, NULL)) != STORE_OK)
			return store_failed(c, rc);
		l.s = ARENA_NEW(c->a, Yoke__Scar *, 1);
		l.s[l.n++] = s;
		scar_reply(c, l.s, 1);
		return OUTCOME_COMMIT;
	}
	l.s = ARENA_NEW(c->a, Yoke__Scar *, SCARS_MAX);
	if ((rc = scar_walk(c, one, &l)) != STORE_OK)
		return store_failed(c, rc);
	if (l.rc != STORE_OK)
		return store_failed(c, l.rc);
	scar_reply(c, l.s, l.n);
	return OUTCOME_COMMIT;
}
