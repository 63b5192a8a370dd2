/*
 * defs_check.c — defs_validate: the checks that need a complete set of
 * definitions (see defs.h). The parser has already checked each record's
 * own syntax; here every record is checked against the others.
 *
 * The set can be large (a plant's whole part master merged with a load),
 * so keys are looked up in sorted indexes (defs_index.h), never by scanning
 * every record for every reference. A duplicate is reported at the later record
 * in reading order, naming where the first one is, and of several problems
 * the first one in the order parts, stations, BOMs, routings, operators,
 * defect codes, CAPA triggers is reported, so an engineer fixes them one at a time from
 * the top.
 */
#include "shared/defs/defs.h"
#include "shared/defs/defs_coq.h"
#include "shared/defs/defs_gate.h"
#include "shared/defs/defs_index.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/i18n.h"
#include "shared/list_text.h"
#include "shared/util.h"

struct check {
	char *err;
	size_t errsz;
	struct defs_index parts, stations, kinds, boms, routings, ops;
};

static bool bad(struct check *c, const char *src, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes "source: message" and returns false. */
static bool
bad(struct check *c, const char *src, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errsz, "%s: ", str_empty(src) ? _("(no source)") : src);
	if (n < 0 || (size_t)n >= c->errsz)
		return false;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

/* "SMT, REFLOW or TEST": the distinct station kinds, for a message. */
static void
kinds_text(const struct check *c, char *buf, size_t size)
{
	const char **kinds = xcalloc(c->kinds.n + 1, sizeof *kinds);
	size_t n = 0;
	for (size_t j = 0; j < c->kinds.n; j++)
		if (j == 0 || strcmp(c->kinds.k[j].a, c->kinds.k[j - 1].a) != 0)
			kinds[n++] = c->kinds.k[j].a;
	list_text(buf, size, kinds, n);
	free(kinds);
}

/* A GTIN names one part: a scanned supplier label maps to it (the parser
 * has checked each GTIN's digits and refused one listed twice on a part). */
static bool
check_gtins(struct check *c, const Yoke__Definitions *d)
{
	struct defs_index g = { 0 };
	const struct defs_key *dup = NULL, *orig = NULL;
	size_t run = 0;
	for (size_t i = 0; i < d->n_parts; i++)
		for (size_t k = 0; k < d->parts[i]->n_gtins; k++)
			defs_index_add(&g, d->parts[i]->gtins[k], NULL, 0, i);
	defs_index_sort(&g);
	/* Of every repeated GTIN, the repetition that comes first in reading order. */
	for (size_t j = 1; j < g.n; j++) {
		if (strcmp(g.k[j - 1].a, g.k[j].a) != 0) {
			run = j;
			continue;
		}
		if (dup == NULL || g.k[j].i < dup->i) {
			dup = &g.k[j];
			orig = &g.k[run];
		}
	}
	if (dup != NULL) {
		const Yoke__Part *p = d->parts[dup->i], *q = d->parts[orig->i];
		bad(c, p->source, _("part %s: gtin %s is also part %s's (at %s); a GTIN names one "
		    "part"), p->number, dup->a, q->number, q->source);
		defs_index_free(&g);
		return false;
	}
	defs_index_free(&g);
	return true;
}

static bool
check_parts(struct check *c, const Yoke__Definitions *d)
{
	size_t later, first;
	for (size_t i = 0; i < d->n_parts; i++)
		defs_index_add(&c->parts, d->parts[i]->number, NULL, 0, i);
	defs_index_sort(&c->parts);
	if (defs_index_duplicate(&c->parts, &later, &first))
		return bad(c, d->parts[later]->source, _("part %s is defined twice (first at %s)"),
		    d->parts[later]->number, d->parts[first]->source);
	return check_gtins(c, d);
}

static bool
check_stations(struct check *c, const Yoke__Definitions *d)
{
	size_t later, first;
	for (size_t i = 0; i < d->n_stations; i++) {
		defs_index_add(&c->stations, d->stations[i]->id, NULL, 0, i);
		defs_index_add(&c->kinds, d->stations[i]->kind, NULL, 0, i);
	}
	defs_index_sort(&c->stations);
	defs_index_sort(&c->kinds);
	if (defs_index_duplicate(&c->stations, &later, &first))
		return bad(c, d->stations[later]->source, _("station %s is defined twice (first at %s)"),
		    d->stations[later]->id, d->stations[first]->source);
	return true;
}

static bool
check_boms(struct check *c, const Yoke__Definitions *d)
{
	size_t later, first;
	for (size_t i = 0; i < d->n_boms; i++)
		defs_index_add(&c->boms, d->boms[i]->parent, NULL, 0, i);
	defs_index_sort(&c->boms);
	if (defs_index_duplicate(&c->boms, &later, &first))
		return bad(c, d->boms[later]->source, _("bom %s is defined twice (first at %s)"),
		    d->boms[later]->parent, d->boms[first]->source);
	for (size_t i = 0; i < d->n_boms; i++) {
		const Yoke__Bom *b = d->boms[i];
		struct defs_index lines = { 0 };
		size_t twice = SIZE_MAX, once;
		/* The line that repeats an earlier component, found in n log n. */
		for (size_t k = 0; k < b->n_lines; k++)
			defs_index_add(&lines, b->lines[k]->component, NULL, 0, k);
		defs_index_sort(&lines);
		if (!defs_index_duplicate(&lines, &twice, &once))
			twice = SIZE_MAX;
		defs_index_free(&lines);
		if (defs_index_find(&c->parts, b->parent, NULL) < 0)
			return bad(c, b->source, _("bom %s: no part %s is defined; expected a \"part %s\" "
			    "statement"), b->parent, b->parent, b->parent);
		if (b->n_lines == 0)
			return bad(c, b->source, _("bom %s has no lines; expected at least one \"line "
			    "COMPONENT qty=N\""), b->parent);
		for (size_t k = 0; k < b->n_lines; k++) {
			const Yoke__BomLine *l = b->lines[k];
			if (strcmp(l->component, b->parent) == 0)
				return bad(c, b->source, _("bom %s lists itself as a component"), b->parent);
			if (defs_index_find(&c->parts, l->component, NULL) < 0)
				return bad(c, b->source, _("bom %s: component %s is not a defined part"),
				    b->parent, l->component);
			if (l->qty < 1)
				return bad(c, b->source, _("bom %s: component %s: qty must be at least 1, "
				    "found %u"), b->parent, l->component, l->qty);
			if (k == twice)
				return bad(c, b->source, _("bom %s lists component %s twice; expected "
				    "one line with the total qty"), b->parent, l->component);
		}
	}
	return true;
}

static bool
check_measure(struct check *c, const Yoke__Step *s)
{
	if (!s->has_lsl && !s->has_usl)
		return bad(c, s->source, _("measure %s: expected at least one limit (lsl= or usl=), "
		    "found none"), s->name);
	if (s->has_lsl && s->has_usl && s->lsl > s->usl)
		return bad(c, s->source, _("measure %s: lsl %g is above usl %g"), s->name, s->lsl, s->usl);
	if (s->has_target && s->has_lsl && s->target < s->lsl)
		return bad(c, s->source, _("measure %s: target %g is below lsl %g"), s->name, s->target,
		    s->lsl);
	if (s->has_target && s->has_usl && s->target > s->usl)
		return bad(c, s->source, _("measure %s: target %g is above usl %g"), s->name, s->target,
		    s->usl);
	if (s->attempts > DEFS_ATTEMPTS_MAX)
		return bad(c, s->source, _("measure %s: attempts: expected a whole number from 1 to %d, "
		    "found %u"), s->name, DEFS_ATTEMPTS_MAX, s->attempts);
	return true;
}

/* scan PART from=setup: only a lot-tracked part is loaded at a station as
 * one lot for many units (a serial is one unit's; an untracked part has no
 * lot for the genealogy to name). */
static bool
check_from_setup(struct check *c, const Yoke__Definitions *d, const Yoke__Step *s)
{
	long i = defs_index_find(&c->parts, s->part, NULL);
	if (!s->from_setup || i < 0)
		return true;
	if (d->parts[i]->tracking != YOKE__TRACKING__TRACKING_LOT)
		return bad(c, s->source, _("scan %s from=setup: expected a lot-tracked part "
		    "(tracking=lot), %s is tracked by %s"), s->part, s->part,
		    defs_tracking_name(d->parts[i]->tracking));
	return true;
}

static bool
check_scan(struct check *c, const Yoke__Definitions *d, const Yoke__Routing *r,
    const Yoke__Step *s)
{
	long b = defs_index_find(&c->boms, r->product, NULL);
	const Yoke__Bom *bom;
	if (s->qty < 1)
		return bad(c, s->source, _("scan %s: qty must be at least 1, found %u"), s->part, s->qty);
	if (b < 0)
		return bad(c, s->source, _("scan %s: product %s has no BOM; expected \"bom %s\" with a "
		    "line for %s"), s->part, r->product, r->product, s->part);
	bom = d->boms[b];
	for (size_t k = 0; k < bom->n_lines; k++) {
		if (strcmp(bom->lines[k]->component, s->part) != 0)
			continue;
		if (!bom->lines[k]->scan)
			return bad(c, s->source, _("scan %s: the BOM of %s (%s) does not mark %s for "
			    "scanning; expected \"scan\" on its line"), s->part, r->product, bom->source,
			    s->part);
		return check_from_setup(c, d, s);
	}
	return bad(c, s->source, _("scan %s: %s is not on the BOM of %s (%s)"), s->part, s->part,
	    r->product, bom->source);
}

static bool
check_step(struct check *c, const Yoke__Definitions *d, const Yoke__Routing *r,
    const Yoke__Step *s)
{
	if (s->spc && !defs_spc_check(s, c->err, c->errsz)) return false;
	if (s->kind != YOKE__STEP_KIND__STEP_MEASURE && s->attempts != 0)
		return bad(c, s->source, _("expected attempts= on a measure step only, found it on "
		    "another kind of step"));
	switch (s->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
	case YOKE__STEP_KIND__STEP_CHECK:
		if (str_empty(s->text))
			return bad(c, s->source, _("expected a text for this step, found none"));
		return true;
	case YOKE__STEP_KIND__STEP_SCAN:
		return check_scan(c, d, r, s);
	case YOKE__STEP_KIND__STEP_MEASURE:
		return check_measure(c, s);
	case YOKE__STEP_KIND__STEP_INSPECT:
		if (s->frequency == YOKE__FREQUENCY__FREQ_ONE_IN_N && s->every_n < 2)
			return bad(c, s->source, _("inspect: every=1-in-N needs N of at least 2, found %u"),
			    s->every_n);
		return true;
	default:
		return bad(c, s->source, _("step of unknown kind %d"), (int)s->kind);
	}
}

/* What an operation and a rework operation must both be: 1..64 steps, a
 * station kind some station has, and steps that are right. */
static bool
check_operation(struct check *c, const Yoke__Definitions *d, const Yoke__Routing *r,
    const Yoke__Operation *o)
{
	char kinds[300];
	if (o->n_steps == 0)
		return bad(c, o->source, o->rework ? _("rework %u has no steps; expected at least one "
		    "instruct, scan, measure, check or inspect") : _("op %u has no steps; expected at "
		    "least one instruct, scan, measure, check or inspect"), o->number);
	if (o->n_steps > DEFS_STEPS_MAX)
		return bad(c, o->source, o->rework ? _("rework %u has %zu steps; at most %d fit in one "
		    "operation") : _("op %u has %zu steps; at most %d fit in one operation"), o->number,
		    o->n_steps, DEFS_STEPS_MAX);
	if (defs_index_find(&c->kinds, o->station_kind, NULL) < 0) {
		if (c->kinds.n == 0)
			return bad(c, o->source, o->rework ? _("rework %u: no station has kind %s; no "
			    "station is defined") : _("op %u: no station has kind %s; no station is "
			    "defined"), o->number, o->station_kind);
		kinds_text(c, kinds, sizeof kinds);
		return bad(c, o->source, o->rework ? _("rework %u: no station has kind %s; expected %s") :
		    _("op %u: no station has kind %s; expected %s"), o->number, o->station_kind, kinds);
	}
	for (size_t s = 0; s < o->n_steps; s++)
		if (!check_step(c, d, r, o->steps[s]))
			return false;
	return true;
}

/* The operation of r numbered n, by binary search: the operations' numbers
 * have been checked to increase. */
static const Yoke__Operation *
op_numbered(const Yoke__Routing *r, uint32_t n)
{
	size_t lo = 0, hi = r->n_operations;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->operations[mid]->number < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n_operations && r->operations[lo]->number == n ? r->operations[lo] : NULL;
}

struct numbered {
	uint32_t n;
	size_t i;
};

static int
numbered_cmp(const void *x, const void *y)
{
	const struct numbered *a = x, *b = y;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* The rework operations of r: each a number no other operation of r has,
 * and an inspection of every unit (a reworked unit is always inspected
 * again before it returns). In n log n over a routing's operations. */
static bool
check_rework(struct check *c, const Yoke__Definitions *d, const Yoke__Routing *r)
{
	struct numbered *seen;
	size_t later = SIZE_MAX, first = 0;

	if (r->rework_limit > DEFS_REWORK_LIMIT_MAX)
		return bad(c, r->source, _("routing %s rev %s: rework_limit: expected a whole number from 1 "
		    "to %d, found %u"), r->product, r->revision, DEFS_REWORK_LIMIT_MAX, r->rework_limit);
	if (r->n_rework_operations == 0)
		return true;
	/* The first rework operation in reading order that repeats the number
	 * of an earlier one; sorted by number, then reading order, the first
	 * of a run of equal numbers is where that number first stood. */
	seen = xcalloc(r->n_rework_operations, sizeof *seen);
	for (size_t k = 0; k < r->n_rework_operations; k++)
		seen[k] = (struct numbered){ r->rework_operations[k]->number, k };
	qsort(seen, r->n_rework_operations, sizeof *seen, numbered_cmp);
	for (size_t j = 1, run = 0; j < r->n_rework_operations; j++) {
		if (seen[j].n != seen[j - 1].n) {
			run = j;
			continue;
		}
		if (seen[j].i < later) {
			later = seen[j].i;
			first = seen[run].i;
		}
	}
	free(seen);

	for (size_t k = 0; k < r->n_rework_operations; k++) {
		const Yoke__Operation *o = r->rework_operations[k], *same;
		bool reinspected = false;
		if (o->number == 0)
			return bad(c, o->source, _("rework 0: expected an operation number of at least 1"));
		if ((same = op_numbered(r, o->number)) != NULL)
			return bad(c, o->source, _("rework %u: routing %s rev %s has op %u already (at %s); "
			    "expected a number of its own"), o->number, r->product, r->revision, same->number,
			    same->source);
		if (k == later)
			return bad(c, o->source, _("rework %u appears twice in routing %s rev %s (first at %s)"),
			    o->number, r->product, r->revision, r->rework_operations[first]->source);
		if (!check_operation(c, d, r, o))
			return false;
		for (size_t s = 0; s < o->n_steps; s++)
			reinspected |= o->steps[s]->kind == YOKE__STEP_KIND__STEP_INSPECT &&
			    o->steps[s]->frequency == YOKE__FREQUENCY__FREQ_EVERY;
		if (!reinspected)
			return bad(c, o->source, _("rework %u: expected an inspect step with every=unit (a "
			    "reworked unit is always inspected again), found none"), o->number);
	}
	return true;
}

static bool
check_routings(struct check *c, const Yoke__Definitions *d)
{
	size_t later, first;
	for (size_t i = 0; i < d->n_routings; i++) {
		const Yoke__Routing *r = d->routings[i];
		defs_index_add(&c->routings, r->product, r->revision, 0, i);
		for (size_t k = 0; k < r->n_operations; k++)
			defs_index_add(&c->ops, r->product, NULL, r->operations[k]->number, i);
		/* An operator may be qualified for a rework operation too. */
		for (size_t k = 0; k < r->n_rework_operations; k++)
			defs_index_add(&c->ops, r->product, NULL, r->rework_operations[k]->number, i);
	}
	defs_index_sort(&c->routings);
	defs_index_sort(&c->ops);
	if (defs_index_duplicate(&c->routings, &later, &first))
		return bad(c, d->routings[later]->source, _("routing %s rev %s is defined twice "
		    "(first at %s)"), d->routings[later]->product, d->routings[later]->revision,
		    d->routings[first]->source);
	for (size_t i = 0; i < d->n_routings; i++) {
		const Yoke__Routing *r = d->routings[i];
		uint32_t prev = 0;
		if (defs_index_find(&c->parts, r->product, NULL) < 0)
			return bad(c, r->source, _("routing %s rev %s: no part %s is defined; expected a "
			    "\"part %s\" statement"), r->product, r->revision, r->product, r->product);
		if (r->n_operations == 0)
			return bad(c, r->source, _("routing %s rev %s has no operations; expected at least "
			    "one \"op NUMBER \\\"NAME\\\" station=KIND\""), r->product, r->revision);
		for (size_t k = 0; k < r->n_operations; k++) {
			const Yoke__Operation *o = r->operations[k];
			if (o->number == 0)
				return bad(c, o->source, _("op 0: expected an operation number of at least 1"));
			if (k > 0 && o->number == prev)
				return bad(c, o->source, _("op %u appears twice in routing %s rev %s"),
				    o->number, r->product, r->revision);
			if (k > 0 && o->number < prev)
				return bad(c, o->source, _("op %u comes after op %u; expected operation "
				    "numbers to increase"), o->number, prev);
			prev = o->number;
			if (!check_operation(c, d, r, o))
				return false;
		}
		if (!check_rework(c, d, r))
			return false;
	}
	return true;
}

static bool
check_qualification(struct check *c, const Yoke__Operator *o, const char *q)
{
	const char *slash = strchr(q, '/');
	char product[DEFS_ID_MAX + 1];
	size_t plen;
	char *end;
	unsigned long n;

	if (strcmp(q, "*") == 0)
		return true;
	if (slash == NULL || slash == q || (plen = (size_t)(slash - q)) > DEFS_ID_MAX)
		return bad(c, o->source, _("operator %s: qualified %s: expected PRODUCT/OPNO, "
		    "PRODUCT/* or *"), o->badge, q);
	memcpy(product, q, plen);
	product[plen] = '\0';
	if (defs_index_find(&c->ops, product, NULL) < 0)
		return bad(c, o->source, _("operator %s: qualified %s: no routing makes %s"), o->badge,
		    q, product);
	if (strcmp(slash + 1, "*") == 0)
		return true;
	n = strtoul(slash + 1, &end, 10);
	if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || n > UINT32_MAX)
		return bad(c, o->source, _("operator %s: qualified %s: expected PRODUCT/OPNO, "
		    "PRODUCT/* or *"), o->badge, q);
	for (size_t j = defs_index_lower(&c->ops, product); j < c->ops.n &&
	    strcmp(c->ops.k[j].a, product) == 0; j++)
		if (c->ops.k[j].n == n)
			return true;
	return bad(c, o->source, _("operator %s: qualified %s: no routing of %s has op %lu"),
	    o->badge, q, product, n);
}

static bool
check_operators(struct check *c, const Yoke__Definitions *d)
{
	struct defs_index badges = { 0 };
	size_t later, first;
	bool dup;
	for (size_t i = 0; i < d->n_operators; i++)
		defs_index_add(&badges, d->operators[i]->badge, NULL, 0, i);
	defs_index_sort(&badges);
	dup = defs_index_duplicate(&badges, &later, &first);
	defs_index_free(&badges);
	if (dup)
		return bad(c, d->operators[later]->source, _("badge %s is defined twice (first at %s)"),
		    d->operators[later]->badge, d->operators[first]->source);
	for (size_t i = 0; i < d->n_operators; i++) {
		const Yoke__Operator *o = d->operators[i];
		if (o->role == YOKE__ROLE__ROLE_NONE)
			return bad(c, o->source, _("operator %s: expected a role, found none"), o->badge);
		for (size_t k = 0; k < o->n_qualified; k++)
			if (!check_qualification(c, o, o->qualified[k]))
				return false;
	}
	return true;
}

static bool
check_defects(struct check *c, const Yoke__Definitions *d)
{
	struct defs_index codes = { 0 };
	size_t later, first;
	bool dup;
	for (size_t i = 0; i < d->n_defects; i++)
		defs_index_add(&codes, d->defects[i]->code, NULL, 0, i);
	defs_index_sort(&codes);
	dup = defs_index_duplicate(&codes, &later, &first);
	defs_index_free(&codes);
	if (dup)
		return bad(c, d->defects[later]->source, _("defect %s is defined twice (first at %s)"),
		    d->defects[later]->code, d->defects[first]->source);
	for (size_t i = 0; i < d->n_defects; i++) {
		const Yoke__DefectCode *x = d->defects[i];
		if (x->category == YOKE__DEFECT_CATEGORY__DEFECT_CATEGORY_NONE ||
		    x->category > YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT)
			return bad(c, x->source, _("defect %s: expected a category (man, machine, material, "
			    "method, measurement or environment), found none"), x->code);
		if (str_empty(x->text))
			return bad(c, x->source, _("defect %s: expected a text, found none"), x->code);
	}
	return true;
}

/* Each trigger once per code and per=, for a defined code (or "*"), with
 * counts the parser would take (a set made otherwise may hold any). */
static bool
check_capa_triggers(struct check *c, const Yoke__Definitions *d)
{
	struct defs_index codes = { 0 }, keys = { 0 };
	size_t later, first;
	bool dup, ok = true;
	for (size_t i = 0; i < d->n_defects; i++)
		defs_index_add(&codes, d->defects[i]->code, NULL, 0, i);
	defs_index_sort(&codes);
	for (size_t i = 0; i < d->n_capa_triggers; i++)
		defs_index_add(&keys, d->capa_triggers[i]->defect,
		    defs_capa_per_name(d->capa_triggers[i]->per_part), 0, i);
	defs_index_sort(&keys);
	dup = defs_index_duplicate(&keys, &later, &first);
	if (dup) {
		const Yoke__CapaTrigger *x = d->capa_triggers[later];
		ok = bad(c, x->source, _("capa_trigger %s per=%s is defined twice (first at %s)"),
		    x->defect, defs_capa_per_name(x->per_part), d->capa_triggers[first]->source);
	}
	for (size_t i = 0; ok && i < d->n_capa_triggers; i++) {
		const Yoke__CapaTrigger *x = d->capa_triggers[i];
		if (strcmp(x->defect, "*") != 0 && defs_index_find(&codes, x->defect, NULL) < 0)
			ok = bad(c, x->source, _("capa_trigger %s: no defect %s is defined; expected a "
			    "defect code or *"), x->defect, x->defect);
		else if (x->count < DEFS_CAPA_COUNT_MIN || x->count > x->within ||
		    x->within > DEFS_CAPA_WITHIN_MAX)
			ok = bad(c, x->source, _("capa_trigger %s: expected %d <= count <= within <= %d, "
			    "found count=%u within=%u"), x->defect, DEFS_CAPA_COUNT_MIN,
			    DEFS_CAPA_WITHIN_MAX, x->count, x->within);
	}
	defs_index_free(&codes);
	defs_index_free(&keys);
	return ok;
}

/* Each supplier code once. Once the plant names any supplier, a part's
 * supplier=CODE:PARTNO names one of them (lots are received only from a
 * defined supplier then, req-receive.c). */
static bool
check_suppliers(struct check *c, const Yoke__Definitions *d)
{
	struct defs_index codes = { 0 };
	size_t later, first;
	bool ok = true;
	for (size_t i = 0; i < d->n_suppliers; i++)
		defs_index_add(&codes, d->suppliers[i]->code, NULL, 0, i);
	defs_index_sort(&codes);
	if (defs_index_duplicate(&codes, &later, &first))
		ok = bad(c, d->suppliers[later]->source, _("supplier %s is defined twice (first at %s)"),
		    d->suppliers[later]->code, d->suppliers[first]->source);
	for (size_t i = 0; ok && d->n_suppliers > 0 && i < d->n_parts; i++)
		for (size_t k = 0; ok && k < d->parts[i]->n_supplier_parts; k++) {
			const char *s = d->parts[i]->supplier_parts[k]->supplier;
			if (defs_index_find(&codes, s, NULL) < 0)
				ok = bad(c, d->parts[i]->source, _("part %s: supplier=%s:...: no supplier %s "
				    "is defined; expected one of the supplier statements' codes"),
				    d->parts[i]->number, s, s);
		}
	defs_index_free(&codes);
	return ok;
}

bool
defs_validate(const Yoke__Definitions *d, char *err, size_t errsz)
{
	struct check c = { .err = err, .errsz = errsz };
	bool ok;
	if (errsz > 0)
		err[0] = '\0';
	ok = check_parts(&c, d) && check_stations(&c, d) && check_boms(&c, d) &&
	    check_routings(&c, d) && check_operators(&c, d) && check_defects(&c, d) &&
	    check_capa_triggers(&c, d) && check_suppliers(&c, d) &&
	    defs_check_equipment(d, err, errsz) && defs_gate_validate(d, err, errsz) &&
	    defs_coq_validate(d, err, errsz);
	defs_index_free(&c.parts);
	defs_index_free(&c.stations);
	defs_index_free(&c.kinds);
	defs_index_free(&c.boms);
	defs_index_free(&c.routings);
	defs_index_free(&c.ops);
	return ok;
}
