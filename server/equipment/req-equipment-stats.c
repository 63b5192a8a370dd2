/*
 * req-equipment-stats.c — what the condensed equipment series hold
 * (equipment.h): per station + parameter the raw values, their time span,
 * the trend records and kept points, and the bytes stored; the totals of
 * refused values and of what the bridges reported. Read-only.
 */
#include "server/requests.h"
#include "server/equipment/equipment.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

#define STATS_MAX 10000

struct walk {
	struct ctx *c;
	Yoke__EquipmentStatsReply *r;
	size_t cap;
	int rc;
};

static int
one(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct walk *w = ud;
	const char *key = k, *nul;
	Yoke__EquipmentLatest *l;
	Yoke__EquipmentParamStats *s;

	if (w->r->n_params == w->cap)
		return 1;
	nul = memchr(key + 1, '\0', kl - 1);
	if (nul == NULL || (l = rec_decode(w->c->a, &yoke__equipment_latest__descriptor, v, vl)) ==
	    NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	s = arena_alloc(w->c->a, sizeof *s);
	yoke__equipment_param_stats__init(s);
	s->station = arena_printf(w->c->a, "%.*s", (int)(nul - key - 1), key + 1);
	s->parameter = arena_printf(w->c->a, "%.*s", (int)(kl - (size_t)(nul + 1 - key)), nul + 1);
	s->raw_values = l->raw_values;
	s->first_us = l->first_us;
	s->last_us = l->time_us;
	s->trend_records = l->trend_records;
	s->limit_points = l->limit_points;
	s->stored_bytes = l->stored_bytes;
	s->last_value = l->value;
	s->last_serial = l->serial;
	s->unit = (char *)"";
	w->r->params[w->r->n_params++] = s;
	return 0;
}

enum outcome
req_equipment_stats(struct ctx *c)
{
	const Yoke__EquipmentStatsQuery *q = c->rq->equipment_stats;
	Yoke__EquipmentStatsReply *r = arena_alloc(c->a, sizeof *r);
	struct walk w = { .c = c, .r = r, .cap = STATS_MAX };
	Yoke__EquipmentTotals *t;
	char prefix[KEY_MAX];
	size_t pl = 1;
	int rc;

	yoke__equipment_stats_reply__init(r);
	prefix[0] = 's';
	if (!str_empty(q->station)) {
		if (!ident_ok(q->station, DEFS_ID_MAX))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Expected a station id, got \"%.40s\""), q->station);
		pl += strlen(q->station) + 1;
		memcpy(prefix + 1, q->station, pl - 1);
	}
	r->params = ARENA_NEW(c->a, Yoke__EquipmentParamStats *, STATS_MAX);
	if ((rc = store_walk_prefix(c->txn, T_EQUIP_LATEST, prefix, pl, one, &w)) != STORE_OK ||
	    w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	/* Each parameter's unit, from its definition. */
	for (size_t i = 0; i < r->n_params; i++) {
		Yoke__EquipmentParam *p;
		char key[KEY_MAX];
		size_t kl = equipment_key_param(key, r->params[i]->station, r->params[i]->parameter);
		if (kl && rec_get(c->txn, c->a, T_EQUIP_PARAM, key, kl,
		    &yoke__equipment_param__descriptor, (void **)&p) == STORE_OK)
			r->params[i]->unit = p->unit;
	}
	rc = rec_get(c->txn, c->a, T_EQUIP_LATEST, "t", 1, &yoke__equipment_totals__descriptor,
	    (void **)&t);
	if (rc == STORE_OK) {
		r->unknown = t->unknown;
		r->invalid = t->invalid;
		r->not_allowed = t->not_allowed;
		r->bridges = t->bridges;
		r->batches = t->batches;
	} else if (rc != STORE_NOTFOUND) {
		return store_failed(c, rc);
	}
	c->rp->body_case = YOKE__REPLY__BODY_EQUIPMENT_STATS;
	c->rp->equipment_stats = r;
	return OUTCOME_COMMIT;
}
