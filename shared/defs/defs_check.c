/*
 * defs_check.c — defs_validate: the checks that need a complete set of
 * definitions (see defs.h). The parser has already checked each record's
 * own syntax; here every record is checked against the others.
 *
 * The set can be large (a plant's whole part master merged with a load),
 * so keys are looked up in sorted indexes (defs_index.h), never by scanning
 * every record for every reference. A duplicate is reported at the later record
 * in reading order, naming where the first one is, and of several problems
 * the first one in the order parts, stations, BOMs, routings, operators is
 * reported, so an engineer fixes them one at a time from the top.
 */
#include "shared/defs/defs.h"
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
	return true;
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
		return true;
	}
	return bad(c, s->source, _("scan %s: %s is not on the BOM of %s (%s)"), s->part, s->part,
	    r->product, bom->source);
}

static bool
check_step(struct check *c, const Yoke__Definitions *d, const Yoke__Routing *r,
    const Yoke__Step *s)
{
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

static bool
check_routings(struct check *c, const Yoke__Definitions *d)
{
	size_t later, first;
	char kinds[300];
	for (size_t i = 0; i < d->n_routings; i++) {
		const Yoke__Routing *r = d->routings[i];
		defs_index_add(&c->routings, r->product, r->revision, 0, i);
		for (size_t k = 0; k < r->n_operations; k++)
			defs_index_add(&c->ops, r->product, NULL, r->operations[k]->number, i);
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
			if (o->n_steps == 0)
				return bad(c, o->source, _("op %u has no steps; expected at least one "
				    "instruct, scan, measure, check or inspect"), o->number);
			if (o->n_steps > DEFS_STEPS_MAX)
				return bad(c, o->source, _("op %u has %zu steps; at most %d fit in one "
				    "operation"), o->number, o->n_steps, DEFS_STEPS_MAX);
			if (defs_index_find(&c->kinds, o->station_kind, NULL) < 0) {
				if (c->kinds.n == 0)
					return bad(c, o->source, _("op %u: no station has kind %s; no station "
					    "is defined"), o->number, o->station_kind);
				kinds_text(c, kinds, sizeof kinds);
				return bad(c, o->source, _("op %u: no station has kind %s; expected %s"),
				    o->number, o->station_kind, kinds);
			}
			for (size_t s = 0; s < o->n_steps; s++)
				if (!check_step(c, d, r, o->steps[s]))
					return false;
		}
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

bool
defs_validate(const Yoke__Definitions *d, char *err, size_t errsz)
{
	struct check c = { .err = err, .errsz = errsz };
	bool ok;
	if (errsz > 0)
		err[0] = '\0';
	ok = check_parts(&c, d) && check_stations(&c, d) && check_boms(&c, d) &&
	    check_routings(&c, d) && check_operators(&c, d);
	defs_index_free(&c.parts);
	defs_index_free(&c.stations);
	defs_index_free(&c.kinds);
	defs_index_free(&c.boms);
	defs_index_free(&c.routings);
	defs_index_free(&c.ops);
	return ok;
}
