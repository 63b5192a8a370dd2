/*
 * req-coq.c — the cost of quality report (CoqQuery -> CoqReport), read-only.
 *
 * Two walks over the days asked for (UTC, both included):
 *  - the ledger ('l' day ... keys of the coq table): every posted entry;
 *  - the event log, from the first event of the first day to the last of
 *    the last (found by a binary search over seq: events are in time
 *    order): each INSPECTED event not already posted as a re-inspection is
 *    an appraisal cost (in-process, final or first article by its step, at
 *    the rates version in force at its seq); OP_STARTED of a routing's
 *    first operation starts a unit; OP_COMPLETED of its last completes one
 *    (good: first pass when the unit has no NCR; production value at the
 *    product's standard cost); FAILED and SCRAPPED are counted.
 * Bounded: at most COQ_EVENTS_MAX events and COQ_DAYS_MAX days, else the
 * request is refused with what to narrow. Units are counted once per row.
 */
#include "server/requests.h"
#include "server/coq/coq.h"
#include "server/unit/unit.h"
#include "shared/defs/defs_coq.h"
#include "shared/i18n.h"
#include "shared/quality/coq_money.h"
#include "shared/util.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COQ_EVENTS_MAX 2000000
#define COQ_DAYS_MAX 3660
#define COQ_ROWS_MAX 2000

/* ---- a string-keyed map of rows (open addressing) ---- */

struct slot { const char *key; void *val; };
struct map { struct slot *s; size_t cap, n; };

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct slot *
map_find(struct map *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->s[i].key && strcmp(m->s[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->s[i];
}

static void
map_grow(struct map *m)
{
	struct map old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->s = xcalloc(m->cap, sizeof *m->s);
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.s[i].key) {
			*map_find(m, old.s[i].key) = old.s[i];
			m->n++;
		}
	free(old.s);
}

/* The slot of key, added (val NULL, key copied into a) when new. */
static struct slot *
map_get(struct map *m, struct arena *a, const char *key, bool *added)
{
	struct slot *s;
	if (2 * (m->n + 1) > m->cap)
		map_grow(m);
	s = map_find(m, key);
	*added = s->key == NULL;
	if (*added) {
		s->key = arena_strdup(a, key);
		m->n++;
	}
	return s;
}

/* ---- the report being built ---- */

enum dim { D_ROWS, D_PERIODS, D_PRODUCTS, D_STATIONS, D_COUNT };

struct wo_info { Yoke__Routing *r; const char *product; };

struct report {
	struct ctx *c;
	struct arena scratch;           /* one event at a time */
	Yoke__CoqBy by;
	int period;
	int32_t from_day, to_day;
	int64_t from_us, to_us;         /* [from_us, to_us) */
	struct map dims[D_COUNT];
	struct map pareto, units, wos, reinspected, versions;
	Yoke__CoqRow total;
	Yoke__CoqRates **rates;         /* every version, oldest first */
	size_t nrates;
	uint64_t events;
	bool truncated;
	int rc;
};

static Yoke__CoqRow *
row(struct report *rp, enum dim d, const char *key)
{
	bool added;
	struct slot *s;
	if (d == D_ROWS && rp->dims[d].n >= COQ_ROWS_MAX && map_find(&rp->dims[d], key)->key == NULL) {
		rp->truncated = true;
		return NULL;
	}
	s = map_get(&rp->dims[d], rp->c->a, key, &added);
	if (added) {
		Yoke__CoqRow *r = arena_alloc(rp->c->a, sizeof *r);
		yoke__coq_row__init(r);
		r->key = (char *)s->key;
		s->val = r;
	}
	return s->val;
}

/* What one cost or count is about. */
struct about {
	int64_t time_us;
	const char *product, *station, *supplier, *defect;
};

static const char *
period_key(struct report *rp, int64_t time_us, char *buf, size_t size)
{
	coq_period_key((int32_t)(time_us / 1000000 / 86400), rp->period, buf, size);
	return buf;
}

/* The rows an item falls into: the asked grouping, its period, product
 * and station, and the total. n is filled with up to 5 rows. */
static size_t
rows_of(struct report *rp, const struct about *ab, Yoke__CoqRow **out, const char **keys)
{
	char pk[24];
	const char *by;
	size_t n = 0;
	Yoke__CoqRow *r;
	period_key(rp, ab->time_us, pk, sizeof pk);
	switch (rp->by) {
	case YOKE__COQ_BY__COQ_BY_PRODUCT: by = ab->product; break;
	case YOKE__COQ_BY__COQ_BY_STATION: by = ab->station; break;
	case YOKE__COQ_BY__COQ_BY_SUPPLIER: by = ab->supplier; break;
	case YOKE__COQ_BY__COQ_BY_DEFECT: by = ab->defect; break;
	default: by = pk; break;
	}
	if ((r = row(rp, D_ROWS, by ? by : "")))
		out[n++] = r;
	keys[0] = by ? by : "";
	out[n++] = row(rp, D_PERIODS, pk);
	out[n++] = row(rp, D_PRODUCTS, ab->product ? ab->product : "");
	out[n++] = row(rp, D_STATIONS, ab->station ? ab->station : "");
	out[n++] = &rp->total;
	keys[1] = out[n - 4]->key;
	keys[2] = out[n - 3]->key;
	return n;
}

static void
add_amount(Yoke__CoqRow *r, Yoke__CoqCategory cat, int64_t amount)
{
	switch (cat) {
	case YOKE__COQ_CATEGORY__COQ_PREVENTION: r->prevention += amount; break;
	case YOKE__COQ_CATEGORY__COQ_APPRAISAL: r->appraisal += amount; break;
	case YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE: r->internal_failure += amount; break;
	default: r->external_failure += amount; break;
	}
	r->entries++;
}

static void
cost(struct report *rp, const struct about *ab, Yoke__CoqCategory cat, int64_t amount)
{
	Yoke__CoqRow *rows[5];
	const char *keys[3];
	size_t n = rows_of(rp, ab, rows, keys);
	for (size_t i = 0; i < n; i++)
		add_amount(rows[i], cat, amount);
	if (cat == YOKE__COQ_CATEGORY__COQ_INTERNAL_FAILURE ||
	    cat == YOKE__COQ_CATEGORY__COQ_EXTERNAL_FAILURE) {
		bool added;
		struct slot *s = map_get(&rp->pareto, rp->c->a, ab->defect ? ab->defect : "", &added);
		if (added) {
			Yoke__CoqDefect *d = arena_alloc(rp->c->a, sizeof *d);
			yoke__coq_defect__init(d);
			d->defect = (char *)s->key;
			s->val = d;
		}
		((Yoke__CoqDefect *)s->val)->amount += amount;
		((Yoke__CoqDefect *)s->val)->count++;
	}
}

/* A unit counted once per row: true the first time (what, row, serial). */
static bool
first_time(struct report *rp, char what, const Yoke__CoqRow *r, const char *serial)
{
	bool added;
	char *k = arena_printf(&rp->scratch, "%c%p\x1f%s", what, (const void *)r, serial);
	map_get(&rp->units, rp->c->a, k, &added);
	return added;
}

/* Counts a unit in each of the item's rows (started, reworked, ...). */
static void
count_unit(struct report *rp, const struct about *ab, const char *serial, char what,
    size_t offset)
{
	Yoke__CoqRow *rows[5];
	const char *keys[3];
	size_t n = rows_of(rp, ab, rows, keys);
	for (size_t i = 0; i < n; i++)
		if (first_time(rp, what, rows[i], serial))
			*(uint32_t *)((char *)rows[i] + offset) += 1;
}

/* ---- rates ---- */

/* The rates in force at an event (NULL: none then). */
static const Yoke__CoqRates *
rates_at(struct report *rp, uint64_t seq)
{
	const Yoke__CoqRates *r = NULL;
	for (size_t i = 0; i < rp->nrates; i++)
		if (rp->rates[i]->from_seq <= seq)
			r = rp->rates[i];
	if (r) {
		bool added;
		map_get(&rp->versions, rp->c->a, r->version, &added);
	}
	return r;
}

struct rates_list { struct report *rp; Yoke__CoqRates **v; size_t n, cap; };

static int
rates_take(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct rates_list *l = ud;
	Yoke__CoqRates *r;
	if (kl != 5 || ((const unsigned char *)k)[0] != 'r')
		return 1;
	if ((r = rec_decode(l->rp->c->a, &yoke__coq_rates__descriptor, v, vl)) == NULL) {
		l->rp->rc = STORE_ERROR;
		return 1;
	}
	if (l->n == l->cap) {
		Yoke__CoqRates **nv = arena_alloc(l->rp->c->a, (l->cap ? 2 * l->cap : 8) * sizeof *nv);
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof *nv);
		l->v = nv;
		l->cap = l->cap ? 2 * l->cap : 8;
	}
	l->v[l->n++] = r;
	return 0;
}

static int
load_rates(struct report *rp)
{
	struct rates_list l = { .rp = rp };
	unsigned char key[1] = { 'r' };
	int rc = store_walk_prefix(rp->c->txn, T_COQ, key, 1, rates_take, &l);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	rp->rates = l.v;
	rp->nrates = l.n;
	return rp->rc;
}

/* ---- the ledger ---- */

static int
ledger_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct report *rp = ud;
	const unsigned char *key = k;
	Yoke__CoqEntry *e;
	if (kl != 14 || key[0] != 'l')
		return 1;
	if ((int32_t)((uint32_t)key[1] << 24 | (uint32_t)key[2] << 16 | (uint32_t)key[3] << 8 |
	    key[4]) > rp->to_day)
		return 1;
	if ((e = rec_decode(rp->c->a, &yoke__coq_entry__descriptor, v, vl)) == NULL) {
		rp->rc = STORE_ERROR;
		return 1;
	}
	struct about ab = { e->time_us, e->product, e->station, e->supplier, e->defect };
	cost(rp, &ab, e->category, e->amount);
	if (!str_empty(e->rates)) {
		bool added;
		map_get(&rp->versions, rp->c->a, e->rates, &added);
	}
	if (strcmp(e->element, "reinspection") == 0) {
		bool added;
		map_get(&rp->reinspected, rp->c->a, arena_printf(rp->c->a, "%llu",
		    (unsigned long long)e->seq), &added);
	}
	if (!str_empty(e->serial) && (strcmp(e->element, "rework_labour") == 0 ||
	    strcmp(e->element, "repair_labour") == 0))
		count_unit(rp, &ab, e->serial, 'r', offsetof(Yoke__CoqRow, reworked));
	return 0;
}

/* ---- the event log ---- */

static struct wo_info *
wo_of(struct report *rp, const char *wo)
{
	bool added;
	struct slot *s = map_get(&rp->wos, rp->c->a, wo, &added);
	if (added) {
		struct wo_info *w = arena_alloc(rp->c->a, sizeof *w);
		Yoke__WorkOrderRecord *rec;
		s->val = w;
		if (REC_GET(rp->c->txn, rp->c->a, T_WORK_ORDER, wo, yoke__work_order_record, &rec) ==
		    STORE_OK) {
			w->product = rec->product;
			if (routing_get(rp->c, rec->product, rec->routing_rev, &w->r) != STORE_OK)
				w->r = NULL;
		}
	}
	return s->val;
}

static const Yoke__Operation *
op_numbered(const Yoke__Routing *r, uint32_t number, bool *rework)
{
	*rework = false;
	for (size_t i = 0; r && i < r->n_operations; i++)
		if (r->operations[i]->number == number)
			return r->operations[i];
	*rework = true;
	for (size_t i = 0; r && i < r->n_rework_operations; i++)
		if (r->rework_operations[i]->number == number)
			return r->rework_operations[i];
	return NULL;
}

static void
inspected(struct report *rp, const Yoke__Event *ev, const struct wo_info *w, struct about *ab)
{
	char seq[24];
	bool rework;
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)ev->seq);
	if (rp->reinspected.cap && map_find(&rp->reinspected, seq)->key)
		return;                      /* posted as internal failure */
	const Yoke__Operation *op = op_numbered(w->r, ev->operation, &rework);
	const Yoke__CoqRates *rates = rates_at(rp, ev->seq);
	uint32_t cmin = 0;
	if (rates && op && ev->step < op->n_steps) {
		const Yoke__Step *st = op->steps[ev->step];
		if (st->fai != YOKE__FAI_TRIGGER__FAI_NONE ||
		    st->frequency == YOKE__FREQUENCY__FREQ_FIRST_ARTICLE)
			cmin = rates->fai_cmin;
		else if (!rework && w->r->n_operations && op == w->r->operations[w->r->n_operations - 1])
			cmin = rates->final_cmin;
		else
			cmin = rates->inspect_cmin;
	} else if (rates)
		cmin = rates->inspect_cmin;
	cost(rp, ab, YOKE__COQ_CATEGORY__COQ_APPRAISAL,
	    coq_time_cost(cmin, defs_coq_labour_rate(rates, op ? op->station_kind : NULL)));
}

static void
completed(struct report *rp, const Yoke__Event *ev, const struct wo_info *w, struct about *ab)
{
	Yoke__UnitRecord *u;
	Yoke__CoqRow *rows[5];
	const char *keys[3];
	bool rework;
	const Yoke__Operation *op = op_numbered(w->r, ev->operation, &rework);
	if (rework || op == NULL || op != w->r->operations[w->r->n_operations - 1])
		return;
	if (REC_GET(rp->c->txn, &rp->scratch, T_UNIT, ev->serial, yoke__unit_record, &u) != STORE_OK)
		return;
	if (u->status != YOKE__UNIT_STATUS__UNIT_DONE && u->status != YOKE__UNIT_STATUS__UNIT_ON_HOLD &&
	    u->status != YOKE__UNIT_STATUS__UNIT_FAILED)
		return;                      /* completed again later, or scrapped after */
	const Yoke__CoqRates *rates = rates_at(rp, ev->seq);
	int64_t value = defs_coq_part_cost(rates, w->product);
	size_t n = rows_of(rp, ab, rows, keys);
	for (size_t i = 0; i < n; i++) {
		rows[i]->completed++;
		rows[i]->first_pass += u->n_ncrs == 0;
		rows[i]->production_value += value;
	}
}

static int
event_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct report *rp = ud;
	Yoke__Event *ev;
	if (kl != 8)
		return 1;
	if (++rp->events > COQ_EVENTS_MAX) {
		rp->truncated = true;
		return 1;
	}
	if ((rp->events & 1023) == 0)
		arena_reset(&rp->scratch);
	if ((ev = rec_decode(&rp->scratch, &yoke__event__descriptor, v, vl)) == NULL) {
		rp->rc = STORE_ERROR;
		return 1;
	}
	if (ev->time_us >= rp->to_us)
		return 1;
	ev->seq = get_be64(k);
	if (ev->time_us < rp->from_us || str_empty(ev->work_order))
		return 0;
	switch (ev->kind) {
	case YOKE__EVENT_KIND__EVENT_INSPECTED:
	case YOKE__EVENT_KIND__EVENT_OP_STARTED:
	case YOKE__EVENT_KIND__EVENT_OP_COMPLETED:
	case YOKE__EVENT_KIND__EVENT_FAILED:
	case YOKE__EVENT_KIND__EVENT_SCRAPPED:
		break;
	default:
		return 0;
	}
	struct wo_info *w = wo_of(rp, ev->work_order);
	if (w->r == NULL)
		return 0;
	struct about ab = { ev->time_us, w->product, ev->station, "", ev->defect };
	Yoke__CoqRow *rows[5];
	const char *keys[3];
	size_t n;
	bool rework;
	switch (ev->kind) {
	case YOKE__EVENT_KIND__EVENT_INSPECTED:
		ab.defect = "";
		inspected(rp, ev, w, &ab);
		break;
	case YOKE__EVENT_KIND__EVENT_OP_STARTED:
		n = rows_of(rp, &ab, rows, keys);
		for (size_t i = 0; i < n; i++)
			rows[i]->op_starts++;
		if (w->r->n_operations && op_numbered(w->r, ev->operation, &rework) ==
		    w->r->operations[0] && !rework)
			count_unit(rp, &ab, ev->serial, 's', offsetof(Yoke__CoqRow, started));
		break;
	case YOKE__EVENT_KIND__EVENT_OP_COMPLETED:
		completed(rp, ev, w, &ab);
		break;
	case YOKE__EVENT_KIND__EVENT_FAILED:
		n = rows_of(rp, &ab, rows, keys);
		for (size_t i = 0; i < n; i++)
			rows[i]->failures++;
		{
			bool added;
			struct slot *s = map_get(&rp->pareto, rp->c->a, ev->defect, &added);
			if (added) {
				Yoke__CoqDefect *d = arena_alloc(rp->c->a, sizeof *d);
				yoke__coq_defect__init(d);
				d->defect = (char *)s->key;
				s->val = d;
			}
			((Yoke__CoqDefect *)s->val)->failures++;
		}
		break;
	default:                         /* SCRAPPED */
		n = rows_of(rp, &ab, rows, keys);
		for (size_t i = 0; i < n; i++)
			rows[i]->scrapped++;
		break;
	}
	return 0;
}

/* The first event at or after t: a binary search over seq (time order). */
struct probe { struct arena *a; uint64_t seq; int64_t t; bool found; };

static int
probe_one(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct probe *p = ud;
	Yoke__Event *ev;
	if (kl != 8 || (ev = rec_decode(p->a, &yoke__event__descriptor, v, vl)) == NULL)
		return 1;
	p->seq = get_be64(k);
	p->t = ev->time_us;
	p->found = true;
	return 1;
}

static int
first_seq_at(struct report *rp, int64_t t, uint64_t *out)
{
	uint64_t lo = 1, hi = store_last_seq(rp->c->txn) + 1;
	unsigned char key[8];
	int rc;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		struct probe p = { .a = &rp->scratch };
		put_be64(key, mid);
		if ((rc = store_walk_from(rp->c->txn, T_EVENT, key, 8, probe_one, &p)) != STORE_OK)
			return rc;
		if (p.found && p.t < t)
			lo = p.seq + 1;
		else
			hi = mid;
	}
	*out = lo;
	return STORE_OK;
}

/* ---- the reply ---- */

static int
row_cmp(const void *a, const void *b)
{
	return strcmp((*(Yoke__CoqRow *const *)a)->key, (*(Yoke__CoqRow *const *)b)->key);
}

static Yoke__CoqRow **
rows_sorted(struct report *rp, struct map *m, size_t *n)
{
	Yoke__CoqRow **v = arena_alloc(rp->c->a, (m->n + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->s[i].key)
			v[(*n)++] = m->s[i].val;
	qsort(v, *n, sizeof *v, row_cmp);
	return v;
}

static int
defect_cmp(const void *a, const void *b)
{
	const Yoke__CoqDefect *x = *(Yoke__CoqDefect *const *)a, *y = *(Yoke__CoqDefect *const *)b;
	struct coq_pareto_item p[2] = { { x->defect, x->amount, x->count + x->failures },
	    { y->defect, y->amount, y->count + y->failures } };
	coq_pareto_sort(p, 2);
	if (x->amount == y->amount && x->count + x->failures == y->count + y->failures)
		return strcmp(x->defect, y->defect);
	return p[0].name == x->defect ? -1 : 1;
}

static void
reply(struct report *rp, const Yoke__CoqQuery *q, const char *currency)
{
	struct ctx *c = rp->c;
	Yoke__CoqReport *r = arena_alloc(c->a, sizeof *r);
	yoke__coq_report__init(r);
	r->currency = (char *)currency;
	r->from = q->from;
	r->to = q->to;
	r->by = q->by;
	r->period = q->period;
	r->rows = rows_sorted(rp, &rp->dims[D_ROWS], &r->n_rows);
	r->periods = rows_sorted(rp, &rp->dims[D_PERIODS], &r->n_periods);
	r->products = rows_sorted(rp, &rp->dims[D_PRODUCTS], &r->n_products);
	r->stations = rows_sorted(rp, &rp->dims[D_STATIONS], &r->n_stations);
	r->pareto = arena_alloc(c->a, (rp->pareto.n + 1) * sizeof *r->pareto);
	for (size_t i = 0; i < rp->pareto.cap; i++)
		if (rp->pareto.s[i].key)
			r->pareto[r->n_pareto++] = rp->pareto.s[i].val;
	qsort(r->pareto, r->n_pareto, sizeof *r->pareto, defect_cmp);
	r->total = arena_alloc(c->a, sizeof *r->total);
	*r->total = rp->total;
	r->total->key = (char *)"total";
	r->rates = arena_alloc(c->a, (rp->versions.n + 1) * sizeof *r->rates);
	for (size_t i = 0; i < rp->versions.cap; i++)
		if (rp->versions.s[i].key)
			r->rates[r->n_rates++] = (char *)rp->versions.s[i].key;
	r->events = rp->events;
	r->truncated = rp->truncated;
	c->rp->body_case = YOKE__REPLY__BODY_COQ;
	c->rp->coq = r;
}

static void
report_free(struct report *rp)
{
	for (int d = 0; d < D_COUNT; d++)
		free(rp->dims[d].s);
	free(rp->pareto.s);
	free(rp->units.s);
	free(rp->wos.s);
	free(rp->reinspected.s);
	free(rp->versions.s);
	arena_free(&rp->scratch);
}

enum outcome
req_coq(struct ctx *c)
{
	const Yoke__CoqQuery *q = c->rq->coq;
	struct report rp = { .c = c, .by = q->by, .period = (int)q->period };
	unsigned char key[5];
	uint64_t first;
	int rc;

	if (!coq_day_read(q->from, &rp.from_day) || !coq_day_read(q->to, &rp.to_day))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected --from and --to as dates YYYY-MM-DD, got \"%.20s\" and \"%.20s\""),
		    q->from, q->to);
	if (rp.to_day < rp.from_day || rp.to_day - rp.from_day >= COQ_DAYS_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected --to on or after --from and at most %d days in all, got %s to %s"),
		    COQ_DAYS_MAX, q->from, q->to);
	if (q->by > YOKE__COQ_BY__COQ_BY_DEFECT || q->period > YOKE__COQ_PERIOD__COQ_MONTH)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a grouping by period, product, station, supplier or defect, and a "
		    "period of day, week or month"));
	rp.from_us = (int64_t)rp.from_day * 86400 * 1000000;
	rp.to_us = ((int64_t)rp.to_day + 1) * 86400 * 1000000;
	arena_init(&rp.scratch);
	yoke__coq_row__init(&rp.total);
	rp.reinspected.cap = 0;
	map_grow(&rp.reinspected);

	if ((rc = load_rates(&rp)) != STORE_OK)
		goto failed;
	key[0] = 'l';
	put_be32(key + 1, (uint32_t)rp.from_day);
	rc = store_walk_from(c->txn, T_COQ, key, sizeof key, ledger_walk, &rp);
	if (rc == STORE_OK)
		rc = rp.rc;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		goto failed;
	if ((rc = first_seq_at(&rp, rp.from_us, &first)) != STORE_OK)
		goto failed;
	unsigned char ek[8];
	put_be64(ek, first);
	rc = store_walk_from(c->txn, T_EVENT, ek, 8, event_walk, &rp);
	if (rc == STORE_OK)
		rc = rp.rc;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		goto failed;
	if (rp.events > COQ_EVENTS_MAX) {
		report_free(&rp);
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("%s to %s holds more than %d events, more than the server reads for one report: "
		    "give a shorter range"), q->from, q->to, COQ_EVENTS_MAX);
	}
	const char *currency = rp.nrates ? rp.rates[rp.nrates - 1]->currency : "";
	reply(&rp, q, arena_strdup(c->a, currency));
	report_free(&rp);
	return OUTCOME_COMMIT;
failed:
	report_free(&rp);
	return store_failed(c, rc);
}
