/*
 * coq_ledger.c — rates versions and ledger entries in the coq table
 * (coq.h, store.h): 'r' number (BE32) -> CoqRates, 'l' day (BE32) seq
 * (BE64) n -> CoqEntry.
 */
#include "server/coq/coq.h"
#include "shared/defs/defs_coq.h"
#include "shared/util.h"

#include <string.h>

struct last { void *v; size_t vl; bool found; };

static int
take_last(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct last *l = ud;
	if (kl != 5 || ((const unsigned char *)k)[0] != 'r')
		return 1;      /* below every rates key: none is stored */
	l->v = (void *)v;
	l->vl = vl;
	l->found = true;
	return 1;
}

int
coq_rates_now(struct ctx *c, Yoke__CoqRates **r)
{
	unsigned char key[5] = { 'r', 0xff, 0xff, 0xff, 0xff };
	struct last l = { 0 };
	int rc;
	*r = NULL;
	rc = store_walk_back(c->txn, T_COQ, key, sizeof key, take_last, &l);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if (!l.found)
		return STORE_OK;
	*r = rec_decode(c->a, &yoke__coq_rates__descriptor, l.v, l.vl);
	return *r ? STORE_OK : STORE_ERROR;
}

int
coq_load(struct ctx *c, const Yoke__Definitions *f)
{
	Yoke__CoqRates *now, fresh;
	unsigned char key[5];
	int rc;
	if (f->coq_rates == NULL)
		return STORE_OK;
	if ((rc = coq_rates_now(c, &now)) != STORE_OK)
		return rc;
	if (now && defs_coq_same(now, f->coq_rates))
		return STORE_OK;
	fresh = *f->coq_rates;
	fresh.number = now ? now->number + 1 : 1;
	fresh.from_seq = c->txn->next_seq ? c->txn->next_seq : store_last_seq(c->txn) + 1;
	fresh.loaded_us = c->now;
	key[0] = 'r';
	put_be32(key + 1, fresh.number);
	return rec_put(c->txn, c->a, T_COQ, key, sizeof key, &fresh.base, 0);
}

Yoke__CoqEntry *
coq_entry(struct ctx *c, Yoke__CoqCategory cat, const char *element)
{
	Yoke__CoqEntry *e = arena_alloc(c->a, sizeof *e);
	yoke__coq_entry__init(e);
	e->category = cat;
	e->element = (char *)element;
	return e;
}

int
coq_post(struct ctx *c, Yoke__CoqEntry *e, uint64_t seq, const Yoke__CoqRates *r)
{
	unsigned char key[14];
	int64_t day = c->now / 1000000 / 86400;
	int rc;
	if (c->now < 0)
		day = 0;
	e->seq = seq;
	e->time_us = c->now;
	e->rates = r ? r->version : (char *)"";
	key[0] = 'l';
	put_be32(key + 1, (uint32_t)day);
	put_be64(key + 5, seq);
	for (unsigned n = 0; n < 256; n++) {
		key[13] = (unsigned char)n;
		rc = rec_put(c->txn, c->a, T_COQ, key, sizeof key, &e->base, STORE_NOOVERWRITE);
		if (rc != STORE_EXISTS)
			return rc;
	}
	return STORE_ERROR;
}
