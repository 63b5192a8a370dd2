/*
 * req-spc-list.c — the names of every SPC characteristic (SpcListQuery),
 * for a report that draws them all: the measure steps with an `spc`
 * statement in the stored routings, and the characteristics with a state
 * at a station (the spc table's keys, "name \0 station": a characteristic
 * whose routing changed still has its points). In name order, each once,
 * at most SPC_LIST_MAX; more sets `truncated`.
 *
 * The routings are walked as req-spc.c walks them for one name; the spc
 * table holds one record per characteristic and station. Neither grows
 * with the units made.
 */
#include "server/requests.h"
#include "server/store/records.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

#define SPC_LIST_MAX 500

struct list {
	struct ctx *c;
	Yoke__SpcListReply *r;
};

/* Adds name in order unless it is there already. */
static void
add(struct list *l, const char *name, size_t n)
{
	Yoke__SpcListReply *r = l->r;
	size_t lo = 0, hi = r->n_characteristics;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int d = strncmp(r->characteristics[mid], name, n);
		if (d == 0 && r->characteristics[mid][n] == '\0')
			return;
		if (d < 0)
			lo = mid + 1;
		else                 /* after name, or name and more */
			hi = mid;
	}
	if (r->n_characteristics == SPC_LIST_MAX) {
		r->truncated = true;
		return;
	}
	memmove(&r->characteristics[lo + 1], &r->characteristics[lo],
	    (r->n_characteristics - lo) * sizeof *r->characteristics);
	r->characteristics[lo] = arena_printf(l->c->a, "%.*s", (int)n, name);
	r->n_characteristics++;
}

static void
add_operations(struct list *l, Yoke__Operation **ops, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < ops[i]->n_steps; j++)
			if (ops[i]->steps[j]->spc != NULL && !str_empty(ops[i]->steps[j]->name))
				add(l, ops[i]->steps[j]->name, strlen(ops[i]->steps[j]->name));
}

static int
routing_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct list *l = ud;
	Yoke__Routing *r;

	(void)k;
	(void)kl;
	if ((r = rec_decode(l->c->a, &yoke__routing__descriptor, v, vl)) == NULL)
		return 0;
	add_operations(l, r->operations, r->n_operations);
	add_operations(l, r->rework_operations, r->n_rework_operations);
	return 0;
}

static int
state_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	const char *nul = memchr(k, '\0', kl);

	(void)v;
	(void)vl;
	if (nul != NULL && nul != (const char *)k)
		add(ud, k, (size_t)(nul - (const char *)k));
	return 0;
}

enum outcome
req_spc_list(struct ctx *c)
{
	Yoke__SpcListReply *r = arena_alloc(c->a, sizeof *r);
	struct list l = { .c = c, .r = r };
	int rc;

	yoke__spc_list_reply__init(r);
	r->characteristics = ARENA_NEW(c->a, char *, SPC_LIST_MAX);
	rc = store_walk_prefix(c->txn, T_ROUTING, "", 0, routing_walk, &l);
	if (rc == STORE_OK || rc == STORE_NOTFOUND)
		rc = store_walk_prefix(c->txn, T_SPC, "", 0, state_walk, &l);
	if (rc == STORE_NOTFOUND)
		rc = STORE_OK;
	if (rc != STORE_OK)
		return store_failed(c, rc);
	c->rp->body_case = YOKE__REPLY__BODY_SPC_LIST;
	c->rp->spc_list = r;
	return OUTCOME_COMMIT;
}
