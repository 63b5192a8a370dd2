/*
 * capa_propose.c — capa_consider: when an NCR opens, whether its defect
 * recurs often enough in its scope to propose a CAPA (capa.h says the
 * rule and what it costs).
 */
#include "server/quality/capa_scope.h"
#include "server/quality/counter.h"
#include "shared/defs/defs.h"
#include "shared/log.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

struct walk_back {
	struct ctx *c;
	struct capa_scope *s;
	uint32_t count, within;
	uint32_t units, ncrs;
	uint64_t walked;
	char **found;                /* the NCRs counted, newest first */
	size_t nfound;
	bool reached, capped;
	int rc;
};

static int
walk_back(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct walk_back *w = ud;
	struct capa_event ev;
	bool yes;
	(void)k;
	(void)kl;

	if (w->walked++ == CAPA_PROPOSE_WALK_MAX) {
		w->capped = true;
		return 1;
	}
	if (!capa_scope_maybe(w->s, v, vl))
		return 0;
	if (!capa_event_read(v, vl, &ev)) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if ((w->rc = capa_scope_ncr_event(w->c, w->s, &ev, &yes)) != STORE_OK)
		return 1;
	if (yes) {
		if (w->nfound < CAPA_NCRS_MAX)
			w->found[w->nfound++] = arena_printf(w->c->a, "%.*s", (int)ev.ncr.n, ev.ncr.p);
		w->reached = ++w->ncrs == w->count;
		return w->reached;
	}
	if ((w->rc = capa_scope_unit(w->c, w->s, &ev, &yes)) != STORE_OK)
		return 1;
	return yes && ++w->units >= w->within;
}

struct active_walk {
	struct ctx *c;
	const struct capa_scope *s;
	bool found;
	int rc;
};

/* A CAPA for the same code and scope, from PROPOSED to EFFECTIVE. */
static int
active_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct active_walk *w = ud;
	Yoke__Capa *x;
	(void)k;
	(void)kl;
	if ((x = rec_decode(w->c->a, &yoke__capa__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (x->state < YOKE__CAPA_STATE__CAPA_PROPOSED || x->state > YOKE__CAPA_STATE__CAPA_EFFECTIVE ||
	    strcmp(x->defect, w->s->defect) != 0)
		return 0;
	if (w->s->station)
		w->found = strcmp(x->station, w->s->station) == 0;
	else
		w->found = str_empty(x->station) && strcmp(x->product, w->s->product) == 0;
	return w->found;
}

static enum outcome
propose(struct ctx *c, const Yoke__Ncr *n, const struct capa_scope *s, const struct walk_back *w)
{
	Yoke__Capa *k = arena_alloc(c->a, sizeof *k);
	const char *where = s->station ? s->station : s->product;
	uint32_t units = w->units + 1 < w->within ? w->units + 1 : w->within;
	uint64_t no;
	int rc;

	yoke__capa__init(k);
	if ((rc = counter_next(c, COUNTER_CAPA, &no)) != STORE_OK)
		return store_failed(c, rc);
	k->number = (char *)capa_name(c, no);
	k->state = YOKE__CAPA_STATE__CAPA_PROPOSED;
	k->defect = n->defect;
	if (s->station)
		k->station = (char *)s->station;
	else
		k->product = (char *)s->product;
	/* Oldest first, as a person names them. */
	k->ncrs = ARENA_NEW(c->a, char *, w->nfound + 1);
	for (size_t i = 0; i < w->nfound; i++)
		k->ncrs[i] = w->found[w->nfound - 1 - i];
	k->n_ncrs = w->nfound;
	if (s->station) {
		k->title = arena_printf(c->a, _("%s recurring at %s"), n->defect, where);
		k->proposed_why = arena_printf(c->a, P_("%s %u times in %u unit at %s",
		    "%s %u times in %u units at %s", units), n->defect, w->ncrs, units, where);
	} else {
		k->title = arena_printf(c->a, _("%s recurring on %s"), n->defect, where);
		k->proposed_why = arena_printf(c->a, P_("%s %u times in %u unit of %s at op %u",
		    "%s %u times in %u units of %s at op %u", units), n->defect, w->ncrs, units, where,
		    n->operation);
	}
	k->updated_us = c->now;
	if ((rc = capa_put(c, k)) != STORE_OK ||
	    (rc = capa_event(c, k, arena_printf(c->a, _("%s proposed: %s"), k->number,
	    k->proposed_why), NULL, "")) != STORE_OK)
		return store_failed(c, rc);
	log_info("%s proposed: %s %u NCRs within %u units at %s", k->number, n->defect, w->ncrs,
	    units, where);
	notify(c, "role/inspector", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("CAPA proposed"));
	notify(c, "role/lead", "", YOKE__UNIT_STATUS__UNIT_NONE, N_("CAPA proposed"));
	return OUTCOME_COMMIT;
}

/* One trigger: the walk back, then the proposal when it is reached. */
static enum outcome
consider(struct ctx *c, const Yoke__Ncr *n, const Yoke__CapaTrigger *t)
{
	struct capa_scope *s = arena_alloc(c->a, sizeof *s);
	struct walk_back w = { .c = c, .s = s, .count = t->count, .within = t->within };
	struct active_walk aw = { .c = c, .s = s };
	unsigned char from[8];
	int rc;

	s->defect = n->defect;
	if (t->per_part) {
		s->product = n->product;
		s->ops[s->nops++] = n->operation;
	} else {
		s->station = n->station;
	}
	w.found = ARENA_NEW(c->a, char *, CAPA_NCRS_MAX);
	put_be64(from, n->opened_seq);
	rc = store_walk_back(c->txn, T_EVENT, from, 8, walk_back, &w);
	if (rc == STORE_OK)
		rc = w.rc;
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (w.capped)
		log_warn("capa_trigger %s per=%s (%s): %d events back from %s hold neither %u NCRs nor "
		    "%u units in scope; nothing proposed (a smaller within= looks back less far)",
		    t->defect, defs_capa_per_name(t->per_part), t->source, CAPA_PROPOSE_WALK_MAX,
		    n->number, t->count, t->within);
	if (!w.reached)
		return OUTCOME_COMMIT;
	if ((rc = store_walk_prefix(c->txn, T_CAPA, NULL, 0, active_walk, &aw)) != STORE_OK ||
	    (rc = aw.rc) != STORE_OK)
		return store_failed(c, rc);
	return aw.found ? OUTCOME_COMMIT : propose(c, n, s, &w);
}

enum outcome
capa_consider(struct ctx *c, const Yoke__Ncr *n)
{
	const char *codes[2] = { n->defect, "*" };
	if (str_empty(n->defect) || n->opened_seq == 0)
		return OUTCOME_COMMIT;
	for (int i = 0; i < 2; i++)
		for (int per_part = 0; per_part < 2; per_part++) {
			Yoke__CapaTrigger *t;
			char key[KEY_MAX];
			size_t kl = key_capa_trigger(key, codes[i], per_part);
			enum outcome o;
			int rc;
			if (kl == 0)
				continue;
			rc = rec_get(c->txn, c->a, T_CAPA_TRIGGER, key, kl, &yoke__capa_trigger__descriptor,
			    (void **)&t);
			if (rc == STORE_NOTFOUND)
				continue;
			if (rc != STORE_OK)
				return store_failed(c, rc);
			if (!per_part && str_empty(n->station))
				continue;    /* raised at a desk: at no station */
			if ((o = consider(c, n, t)) != OUTCOME_COMMIT)
				return o;
		}
	return OUTCOME_COMMIT;
}
