/* load_plan.c — see load_plan.h. */
#include "server/admin/load_plan.h"
#include "shared/arena.h"
#include "shared/defs/defs.h"
#include "shared/defs/defs_index.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds of record of a set, to treat them alike. */
enum table { PARTS, BOMS, ROUTINGS, STATIONS, OPERATORS, DEFECTS, CAPA_TRIGGERS, SUPPLIERS,
	TABLES };

static size_t
count(const Yoke__Definitions *d, enum table t)
{
	switch (t) {
	case PARTS: return d->n_parts;
	case BOMS: return d->n_boms;
	case ROUTINGS: return d->n_routings;
	case STATIONS: return d->n_stations;
	case DEFECTS: return d->n_defects;
	case CAPA_TRIGGERS: return d->n_capa_triggers;
	case SUPPLIERS: return d->n_suppliers;
	default: return d->n_operators;
	}
}

/* The key of record i: what the store keys it by. */
static void
key_of(const Yoke__Definitions *d, enum table t, size_t i, const char **a, const char **b)
{
	*b = NULL;
	switch (t) {
	case PARTS: *a = d->parts[i]->number; break;
	case BOMS: *a = d->boms[i]->parent; break;
	case ROUTINGS: *a = d->routings[i]->product; *b = d->routings[i]->revision; break;
	case STATIONS: *a = d->stations[i]->id; break;
	case DEFECTS: *a = d->defects[i]->code; break;
	case CAPA_TRIGGERS:
		*a = d->capa_triggers[i]->defect;
		*b = defs_capa_per_name(d->capa_triggers[i]->per_part);
		break;
	case SUPPLIERS: *a = d->suppliers[i]->code; break;
	default: *a = d->operators[i]->badge; break;
	}
}

static void
index_of(struct defs_index *x, const Yoke__Definitions *d, enum table t)
{
	const char *a, *b;
	for (size_t i = 0; i < count(d, t); i++) {
		key_of(d, t, i, &a, &b);
		defs_index_add(x, a, b, 0, i);
	}
	defs_index_sort(x);
}

/* Points view's next slot of table t at record i of d (no copy). */
static void
view_take(Yoke__Definitions *v, const Yoke__Definitions *d, enum table t, size_t i)
{
	switch (t) {
	case PARTS: v->parts[v->n_parts++] = d->parts[i]; break;
	case BOMS: v->boms[v->n_boms++] = d->boms[i]; break;
	case ROUTINGS: v->routings[v->n_routings++] = d->routings[i]; break;
	case STATIONS: v->stations[v->n_stations++] = d->stations[i]; break;
	case DEFECTS: v->defects[v->n_defects++] = d->defects[i]; break;
	case CAPA_TRIGGERS: v->capa_triggers[v->n_capa_triggers++] = d->capa_triggers[i]; break;
	case SUPPLIERS: v->suppliers[v->n_suppliers++] = d->suppliers[i]; break;
	default: v->operators[v->n_operators++] = d->operators[i]; break;
	}
}

/*
 * The merged set as a view: every fresh record, then every stored one that
 * no fresh record of the same key replaces, in the stored (key) order. The
 * view owns its arrays only (view_free), never the records.
 */
static void
view_merge(Yoke__Definitions *v, const Yoke__Definitions *fresh, const Yoke__Definitions *stored)
{
	yoke__definitions__init(v);
	v->parts = xcalloc(fresh->n_parts + stored->n_parts + 1, sizeof *v->parts);
	v->boms = xcalloc(fresh->n_boms + stored->n_boms + 1, sizeof *v->boms);
	v->routings = xcalloc(fresh->n_routings + stored->n_routings + 1, sizeof *v->routings);
	v->stations = xcalloc(fresh->n_stations + stored->n_stations + 1, sizeof *v->stations);
	v->operators = xcalloc(fresh->n_operators + stored->n_operators + 1, sizeof *v->operators);
	v->defects = xcalloc(fresh->n_defects + stored->n_defects + 1, sizeof *v->defects);
	v->capa_triggers = xcalloc(fresh->n_capa_triggers + stored->n_capa_triggers + 1,
	    sizeof *v->capa_triggers);
	v->suppliers = xcalloc(fresh->n_suppliers + stored->n_suppliers + 1, sizeof *v->suppliers);
	v->equipment_params = fresh->equipment_params;   /* checked as loaded (defs_check_equipment) */
	v->n_equipment_params = fresh->n_equipment_params;
	v->coq_rates = fresh->coq_rates;     /* the rates are checked as loaded (defs_coq.h) */
	for (enum table t = PARTS; t < TABLES; t++) {
		struct defs_index loaded = { 0 };
		const char *a, *b;
		for (size_t i = 0; i < count(fresh, t); i++)
			view_take(v, fresh, t, i);
		index_of(&loaded, fresh, t);
		for (size_t i = 0; i < count(stored, t); i++) {
			key_of(stored, t, i, &a, &b);
			if (defs_index_find(&loaded, a, b) < 0)
				view_take(v, stored, t, i);
		}
		defs_index_free(&loaded);
	}
}

static void
view_free(Yoke__Definitions *v)
{
	free(v->parts);
	free(v->boms);
	free(v->routings);
	free(v->stations);
	free(v->operators);
	free(v->defects);
	free(v->capa_triggers);
	free(v->suppliers);
}

/* Packs a routing with every source (file:line) blanked, to compare content. */
static uint8_t *
pack_content(struct arena *a, const Yoke__Routing *r, size_t *len)
{
	size_t n = yoke__routing__get_packed_size(r);
	uint8_t *buf = arena_alloc(a, n + 1), *out;
	Yoke__Routing *copy;

	yoke__routing__pack(r, buf);
	copy = yoke__routing__unpack(arena_protobuf(a), n, buf);
	if (copy == NULL) {
		*len = n;
		return buf;
	}
	copy->source = (char *)"";
	for (size_t i = 0; i < copy->n_operations + copy->n_rework_operations; i++) {
		Yoke__Operation *op = i < copy->n_operations ? copy->operations[i] :
		    copy->rework_operations[i - copy->n_operations];
		op->source = (char *)"";
		for (size_t k = 0; k < op->n_steps; k++)
			op->steps[k]->source = (char *)"";
	}
	*len = yoke__routing__get_packed_size(copy);
	out = arena_alloc(a, *len + 1);
	yoke__routing__pack(copy, out);
	return out;
}

static bool
same_content(const Yoke__Routing *x, const Yoke__Routing *y)
{
	struct arena a;
	size_t lx, ly;
	bool same;
	arena_init(&a);
	uint8_t *px = pack_content(&a, x, &lx), *py = pack_content(&a, y, &ly);
	same = lx == ly && memcmp(px, py, lx) == 0;
	arena_free(&a);
	return same;
}

static bool refused(struct load_plan *p, Yoke__Status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
refused(struct load_plan *p, Yoke__Status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->message, sizeof p->message, fmt, ap);
	va_end(ap);
	p->status = st;
	return false;
}

/* Released revisions that are stored: the same content is not written again,
 * a different one is refused. */
static bool
plan_routings(struct load_plan *p, const Yoke__Definitions *stored)
{
	const Yoke__Definitions *f = p->fresh;
	struct defs_index old = { 0 };
	bool ok = true;

	p->write_routing = xcalloc(f->n_routings + 1, sizeof *p->write_routing);
	index_of(&old, stored, ROUTINGS);
	for (size_t i = 0; i < f->n_routings; i++) {
		const Yoke__Routing *r = f->routings[i];
		long j = defs_index_find(&old, r->product, r->revision);
		p->write_routing[i] = true;
		if (j < 0 || !stored->routings[j]->released)
			continue;
		if (!same_content(stored->routings[j], r)) {
			ok = refused(p, YOKE__STATUS__STATUS_CONFLICT, _("%s: routing %s rev %s is released "
			    "and cannot change; give the change a new revision"), r->source, r->product,
			    r->revision);
			break;
		}
		p->write_routing[i] = false;
		p->unchanged++;
	}
	defs_index_free(&old);
	return ok;
}

/* Lists the stored parts whose tracking changes and stations whose kind does. */
static void
plan_changes(struct load_plan *p, const Yoke__Definitions *stored)
{
	const Yoke__Definitions *f = p->fresh;
	struct defs_index old = { 0 };
	size_t cap = 0;

	index_of(&old, stored, PARTS);
	for (size_t i = 0; i < f->n_parts; i++) {
		long j = defs_index_find(&old, f->parts[i]->number, NULL);
		if (j < 0 || stored->parts[j]->tracking == f->parts[i]->tracking)
			continue;
		if (p->nretracked == cap) {
			cap = cap ? 2 * cap : 16;
			p->retracked = xrealloc(p->retracked, cap * sizeof *p->retracked);
		}
		p->retracked[p->nretracked++] = (struct load_retrack){ f->parts[i],
			stored->parts[j]->tracking };
	}
	defs_index_free(&old);
	cap = 0;
	index_of(&old, stored, STATIONS);
	for (size_t i = 0; i < f->n_stations; i++) {
		long j = defs_index_find(&old, f->stations[i]->id, NULL);
		if (j < 0 || strcmp(stored->stations[j]->kind, f->stations[i]->kind) == 0)
			continue;
		if (p->nrekinded == cap) {
			cap = cap ? 2 * cap : 16;
			p->rekinded = xrealloc(p->rekinded, cap * sizeof *p->rekinded);
		}
		p->rekinded[p->nrekinded++] = (struct load_rekind){ f->stations[i],
			stored->stations[j]->kind };
	}
	defs_index_free(&old);
}

bool
load_plan(struct load_plan *p, Yoke__DefinitionFile *const *files, size_t nfiles,
    const Yoke__Definitions *stored)
{
	Yoke__Definitions merged;
	char err[sizeof p->message];
	bool valid;

	memset(p, 0, sizeof *p);
	p->status = YOKE__STATUS__STATUS_OK;
	p->fresh = defs_new();
	for (size_t i = 0; i < nfiles; i++)
		if (!defs_parse(p->fresh, files[i]->name, files[i]->text, err, sizeof err))
			return refused(p, YOKE__STATUS__STATUS_INVALID_DEFINITION, "%s", err);
	view_merge(&merged, p->fresh, stored);
	valid = defs_validate(&merged, err, sizeof err);
	view_free(&merged);
	if (!valid)
		return refused(p, YOKE__STATUS__STATUS_INVALID_DEFINITION, "%s", err);
	if (!plan_routings(p, stored))
		return false;
	plan_changes(p, stored);
	return true;
}

void
load_plan_free(struct load_plan *p)
{
	defs_free(p->fresh);
	free(p->write_routing);
	free(p->retracked);
	free(p->rekinded);
	memset(p, 0, sizeof *p);
}
