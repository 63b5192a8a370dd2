/*
 * req-spc.c — the stored points of a characteristic for its chart
 * (SpcQuery): its values from the event log (EVENT_MEASURED of that name;
 * nothing else is written for the history), the state at each station
 * (limits in force, learning), the history of its limits, and its
 * definition (chart, rules, the step's unit and specification limits),
 * found in the stored routings.
 *
 * The log is walked from the newest event back, to `since` or to the
 * oldest, and at most SPC_QUERY_SCAN events: a query never holds the loop
 * for long. An event that cannot hold the name is passed over before it is
 * decoded.
 */
#include "server/requests.h"
#include "server/spc/spc_state.h"
#include "server/store/records.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

#define SPC_QUERY_MAX_DEFAULT 1000
#define SPC_QUERY_MAX 10000
#define SPC_QUERY_SCAN 2000000

struct walk {
	struct ctx *c;
	const Yoke__SpcQuery *q;
	Yoke__SpcReply *r;
	size_t max, cap, scanned;
	bool cut;
	int rc;
};

/* Whether the bytes hold the name (memmem is a GNU extension). */
static bool
holds(const void *v, size_t vl, const char *name, size_t n)
{
	const char *p = v, *end = p + vl;

	while (n && (size_t)(end - p) >= n && (p = memchr(p, name[0], (size_t)(end - p - n) + 1))) {
		if (memcmp(p, name, n) == 0)
			return true;
		p++;
	}
	return false;
}

static int
event_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct walk *w = ud;
	const char *name = w->q->characteristic;
	Yoke__Event *ev;

	(void)k;
	(void)kl;
	if (++w->scanned > SPC_QUERY_SCAN) {
		w->cut = true;
		return 1;
	}
	if (!holds(v, vl, name, strlen(name)))
		return 0;
	if ((ev = rec_decode(w->c->a, &yoke__event__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (w->q->since_us && ev->time_us < w->q->since_us)
		return 1;
	if (ev->kind != YOKE__EVENT_KIND__EVENT_MEASURED || strcmp(ev->name, name) != 0 ||
	    (!str_empty(w->q->station) && strcmp(ev->station, w->q->station) != 0))
		return 0;
	w->r->matched++;
	if (w->r->n_points >= w->max)
		return 0;
	if (w->r->n_points == w->cap) {
		Yoke__SpcPoint **p = ARENA_NEW(w->c->a, Yoke__SpcPoint *, w->cap * 2);
		memcpy(p, w->r->points, w->cap * sizeof *p);
		w->r->points = p;
		w->cap *= 2;
	}
	Yoke__SpcPoint *pt = arena_alloc(w->c->a, sizeof *pt);
	yoke__spc_point__init(pt);
	pt->time_us = ev->time_us;
	pt->station = ev->station;
	pt->serial = ev->serial;
	pt->value = ev->value;
	w->r->points[w->r->n_points++] = pt;
	return 0;
}

static int
routing_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct walk *w = ud;
	Yoke__Routing *r;

	(void)k;
	(void)kl;
	if ((r = rec_decode(w->c->a, &yoke__routing__descriptor, v, vl)) == NULL)
		return 0;
	for (size_t i = 0; i < r->n_operations; i++) {
		const Yoke__Operation *op = r->operations[i];
		for (size_t j = 0; j < op->n_steps; j++) {
			const Yoke__Step *s = op->steps[j];
			if (s->spc == NULL || strcmp(s->name, w->q->characteristic) != 0)
				continue;
			w->r->definition = s->spc;
			w->r->unit = s->unit;
			w->r->has_lsl = s->has_lsl;
			w->r->lsl = s->lsl;
			w->r->has_usl = s->has_usl;
			w->r->usl = s->usl;
			return 1;
		}
	}
	return 0;
}

static int
state_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct walk *w = ud;
	size_t nl = strlen(w->q->characteristic) + 1;
	Yoke__SpcState *s;
	Yoke__SpcStationState *x;

	if (kl < nl || (s = rec_decode(w->c->a, &yoke__spc_state__descriptor, v, vl)) == NULL)
		return 0;
	x = arena_alloc(w->c->a, sizeof *x);
	yoke__spc_station_state__init(x);
	x->station = arena_printf(w->c->a, "%.*s", (int)(kl - nl), (const char *)k + nl);
	if (!str_empty(w->q->station) && strcmp(x->station, w->q->station) != 0)
		return 0;
	x->has_limits = s->has_limits;
	x->cl = s->cl;
	x->ucl = s->ucl;
	x->lcl = s->lcl;
	x->learn = s->learn;
	x->learnt = s->learnt;
	x->count = s->count;
	x->drift_warned = s->drift_warned;
	Yoke__SpcStationState **a = ARENA_NEW(w->c->a, Yoke__SpcStationState *,
	    w->r->n_states + 1);
	if (w->r->n_states)
		memcpy(a, w->r->states, w->r->n_states * sizeof *a);
	a[w->r->n_states++] = x;
	w->r->states = a;
	return 0;
}

static int
history_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct walk *w = ud;
	Yoke__SpcLimitsChange *ch;

	(void)k;
	(void)kl;
	if ((ch = rec_decode(w->c->a, &yoke__spc_limits_change__descriptor, v, vl)) == NULL)
		return 0;
	if (!str_empty(w->q->station) && strcmp(ch->station, w->q->station) != 0)
		return 0;
	Yoke__SpcLimitsChange **a = ARENA_NEW(w->c->a, Yoke__SpcLimitsChange *,
	    w->r->n_history + 1);
	if (w->r->n_history)
		memcpy(a, w->r->history, w->r->n_history * sizeof *a);
	a[w->r->n_history++] = ch;
	w->r->history = a;
	return 0;
}

enum outcome
req_spc(struct ctx *c)
{
	const Yoke__SpcQuery *q = c->rq->spc;
	Yoke__SpcReply *r = arena_alloc(c->a, sizeof *r);
	struct walk w = { .c = c, .q = q, .r = r, .cap = 64, .rc = STORE_OK };
	char prefix[KEY_MAX];
	size_t pl;
	int rc;

	if (!ident_ok(q->characteristic, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a characteristic: the name of a measure step (1-64 printable "
		    "characters)"));
	if (!str_empty(q->station) && !ident_ok(q->station, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a station id of 1-64 printable characters, got \"%.40s\""), q->station);
	w.max = q->max == 0 ? SPC_QUERY_MAX_DEFAULT : q->max > SPC_QUERY_MAX ? SPC_QUERY_MAX : q->max;
	yoke__spc_reply__init(r);
	r->characteristic = q->characteristic;
	r->unit = (char *)"";
	r->points = ARENA_NEW(c->a, Yoke__SpcPoint *, w.cap);
	rc = store_walk_prefix(c->txn, T_ROUTING, "", 0, routing_walk, &w);
	pl = spc_key(prefix, q->characteristic, "");
	if (rc == STORE_OK || rc == STORE_NOTFOUND)
		rc = store_walk_prefix(c->txn, T_SPC, prefix, pl, state_walk, &w);
	if (rc == STORE_OK || rc == STORE_NOTFOUND)
		rc = store_walk_prefix(c->txn, T_SPC_LIMITS, prefix, pl, history_walk, &w);
	if (rc == STORE_OK || rc == STORE_NOTFOUND)
		rc = store_walk_back(c->txn, T_EVENT, NULL, 0, event_walk, &w);
	if (rc == STORE_NOTFOUND)
		rc = STORE_OK;
	if (rc == STORE_OK)
		rc = w.rc;
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (r->definition == NULL && r->n_states == 0 && r->matched == 0)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("No characteristic %s: no measure step of that name has an spc statement, and "
		    "no value of it is stored"), q->characteristic);
	/* Oldest first, as a chart plots them. */
	for (size_t i = 0; i < r->n_points / 2; i++) {
		Yoke__SpcPoint *t = r->points[i];
		r->points[i] = r->points[r->n_points - 1 - i];
		r->points[r->n_points - 1 - i] = t;
	}
	c->rp->body_case = YOKE__REPLY__BODY_SPC;
	c->rp->spc = r;
	if (w.cut)
		reply_message(c, _("Only the newest %d events were looked through: give a later --since "
		    "for older points"), SPC_QUERY_SCAN);
	return OUTCOME_COMMIT;
}
