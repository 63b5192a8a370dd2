/*
 * capa_effect.c — capa_effectiveness: the defect's rate in the CAPA's scope
 * before and after the action, from the event log and the NCR table
 * (capa.h says what is counted and how the walks are bounded).
 */
#include "server/quality/capa_scope.h"
#include "shared/quality/capa_rule.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

#define SCRATCH_RECORDS 256

/* ---- the first event at or after a time ---- */

struct probe {
	struct arena *a;
	uint64_t seq;
	int64_t time_us;
	bool found;
	int rc;
};

static int
probe_one(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct probe *p = ud;
	Yoke__Event *ev;
	if (kl != 8 || (ev = rec_decode(p->a, &yoke__event__descriptor, v, vl)) == NULL) {
		p->rc = STORE_ERROR;
		return 1;
	}
	p->seq = get_be64(k);
	p->time_us = ev->time_us;
	p->found = true;
	return 1;
}

/* The first event whose key is at or above seq: its seq and time; found
 * false past the end. */
static int
probe_at(struct ctx *c, struct arena *a, uint64_t seq, struct probe *p)
{
	unsigned char key[8];
	int rc;
	memset(p, 0, sizeof *p);
	p->a = a;
	put_be64(key, seq);
	rc = store_walk_from(c->txn, T_EVENT, key, 8, probe_one, p);
	return rc != STORE_OK ? rc : p->rc;
}

/*
 * The seq of the first event at or after t (last + 1 when there is none):
 * a binary search over seq, whose events are in time order. A probe takes
 * the first stored key at or above the seq asked, so a gap in the seqs
 * does no harm.
 */
static int
seq_at(struct ctx *c, struct arena *a, int64_t t, uint64_t *out)
{
	uint64_t lo = 1, hi = store_last_seq(c->txn) + 1;
	struct probe p;
	int rc;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if ((rc = probe_at(c, a, mid, &p)) != STORE_OK)
			return rc;
		if (p.found && p.time_us < t)
			lo = p.seq + 1;
		else
			hi = mid;
	}
	if ((rc = probe_at(c, a, lo, &p)) != STORE_OK)
		return rc;
	*out = p.found ? p.seq : lo;
	return STORE_OK;
}

/* ---- units in a window ---- */

struct units_walk {
	struct ctx *c;
	struct capa_scope *s;
	uint64_t end;               /* the first seq after the window */
	uint32_t units;
	int rc;
};

static int
units_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct units_walk *w = ud;
	struct capa_event ev;
	bool yes;
	if (kl != 8 || get_be64(k) >= w->end)
		return 1;
	if (!capa_scope_maybe(w->s, v, vl))
		return 0;
	if (!capa_event_read(v, vl, &ev)) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if ((w->rc = capa_scope_unit(w->c, w->s, &ev, &yes)) != STORE_OK)
		return 1;
	w->units += yes;
	return 0;
}

static enum outcome
count_units(struct ctx *c, struct capa_scope *s, struct arena *scratch,
    const struct capa_window *win, bool is_after, uint32_t *units)
{
	struct units_walk w = { .c = c, .s = s };
	uint64_t first;
	unsigned char key[8];
	int rc;

	if ((rc = seq_at(c, scratch, win->from_us, &first)) != STORE_OK ||
	    (rc = seq_at(c, scratch, win->to_us, &w.end)) != STORE_OK)
		return store_failed(c, rc);
	if (w.end > first && w.end - first > CAPA_WALK_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST, is_after ?
		    _("The after window holds %llu events, more than the %d the server walks for one "
		    "check: give a shorter window") : _("The before window holds %llu events, more than "
		    "the %d the server walks for one check: give a shorter window"),
		    (unsigned long long)(w.end - first), CAPA_WALK_MAX);
	put_be64(key, first);
	if ((rc = store_walk_from(c->txn, T_EVENT, key, 8, units_walk, &w)) != STORE_OK ||
	    (rc = w.rc) != STORE_OK)
		return store_failed(c, rc);
	*units = w.units;
	return OUTCOME_COMMIT;
}

/* ---- defects in the windows ---- */

struct ncr_walk {
	struct capa_scope *s;
	struct arena *scratch;
	const struct capa_window *before, *after;
	int64_t earliest;
	uint64_t walked;
	uint32_t before_defects, after_defects;
	int rc;
};

static bool
within(const struct capa_window *w, int64_t t)
{
	return t >= w->from_us && t < w->to_us;
}

/* Newest first: NCR numbers grow with the time they were opened. */
static int
ncr_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct ncr_walk *w = ud;
	Yoke__Ncr *n;
	(void)k;
	(void)kl;
	if (++w->walked % SCRATCH_RECORDS == 0)
		arena_reset(w->scratch);
	if ((n = rec_decode(w->scratch, &yoke__ncr__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (n->opened_us < w->earliest)
		return 1;
	if (!capa_scope_ncr(w->s, n))
		return 0;
	w->before_defects += within(w->before, n->opened_us);
	w->after_defects += within(w->after, n->opened_us);
	return 0;
}

/* ---- the check ---- */

static const char *
rate_text(struct ctx *c, uint32_t defects, uint32_t units)
{
	if (units == 0)
		return _("no units");
	return arena_printf(c->a, "%.1f %%", 100.0 * defects / units);
}

enum outcome
capa_effectiveness(struct ctx *c, const Yoke__Capa *k, const int64_t given[4],
    Yoke__CapaEffectiveness *e)
{
	struct capa_window before, after;
	struct capa_scope *s = arena_alloc(c->a, sizeof *s);
	struct arena scratch;
	int64_t implemented = 0;
	size_t at = YOKE__CAPA_STATE__CAPA_IMPLEMENTED - YOKE__CAPA_STATE__CAPA_OPEN;
	enum outcome o;
	int rc;

	if (k->n_signatures > at)
		implemented = k->signatures[at]->time_us;
	capa_windows(k->opened_us, implemented, c->now, given, &before, &after);
	if (before.from_us >= before.to_us || after.from_us >= after.to_us)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A window ends before it starts: expected its start before its end, for the "
		    "before and the after window"));
	if (before.to_us > after.from_us)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The before window must end before the after window starts"));
	if ((rc = capa_scope_of(c, k, s)) != STORE_OK)
		return store_failed(c, rc);

	yoke__capa_effectiveness__init(e);
	e->before_from_us = before.from_us;
	e->before_to_us = before.to_us;
	e->after_from_us = after.from_us;
	e->after_to_us = after.to_us;
	arena_init(&scratch);
	o = count_units(c, s, &scratch, &before, false, &e->before_units);
	if (o == OUTCOME_COMMIT)
		o = count_units(c, s, &scratch, &after, true, &e->after_units);
	if (o == OUTCOME_COMMIT) {
		struct ncr_walk w = { .s = s, .scratch = &scratch, .before = &before, .after = &after,
			.earliest = before.from_us < after.from_us ? before.from_us : after.from_us };
		rc = store_walk_back(c->txn, T_NCR, NULL, 0, ncr_walk, &w);
		if (rc == STORE_OK)
			rc = w.rc;
		if (rc != STORE_OK)
			o = store_failed(c, rc);
		e->before_defects = w.before_defects;
		e->after_defects = w.after_defects;
	}
	arena_free(&scratch);
	if (o != OUTCOME_COMMIT)
		return o;
	e->effective = capa_effective(e->before_units, e->before_defects, e->after_units,
	    e->after_defects);
	e->rule = arena_printf(c->a, _("Effective when the rate of %s after is lower than before, "
	    "over at least %d units after: before %u in %u units (%s), after %u in %u units (%s)"),
	    k->defect, CAPA_AFTER_UNITS_MIN, e->before_defects, e->before_units,
	    rate_text(c, e->before_defects, e->before_units), e->after_defects, e->after_units,
	    rate_text(c, e->after_defects, e->after_units));
	return OUTCOME_COMMIT;
}
