/*
 * req-load.c — loads definition files (parts, BOMs, routings, stations,
 * operators, defect codes, CAPA triggers, suppliers) in one transaction, all or
 * nothing. The rules (for engineers
 * in docs/definitions.md):
 *
 *   - The files are parsed with the same parser yokectl uses (the server is
 *     the judge) and merged over what is stored: a loaded record replaces
 *     the stored one of the same key. The merged whole is validated, so a
 *     reference to something loaded earlier is fine and a broken one is
 *     refused (INVALID_DEFINITION) with file:line.
 *   - A released routing revision that is stored may be loaded again
 *     unchanged, never changed (CONFLICT).
 *   - Work in progress keeps what it was started with. A part's tracking
 *     (none, lot, serial) may change only while no unit that is not DONE
 *     or SCRAPPED has a routing with a scan step of that part, passed or
 *     not (a scan to come would be judged by the new tracking; one made is
 *     recorded under the old). A station's kind may change only while no
 *     unit is open (IN_WORK) at that station (it could not go on there).
 *     Otherwise CONFLICT, naming how many units depend on the change and
 *     the first few serials with their current operation. Units not done
 *     are exactly the units in the queue table (unit.h), so the check
 *     walks that, not all units, and only when the load changes a
 *     tracking or a kind at all. Units queued for a kind do not hold its
 *     stations: defs_validate already wants a station of every kind a
 *     routing uses.
 *   - Nothing is written unless everything is right; a dry run checks all
 *     of it and writes nothing.
 *
 * The parts, in the order the handler runs them:
 *
 *   files_ok     the request's shape: 1-200 files, their names and sizes
 *   stored_read  every stored definition, decoded (the store)
 *   load_plan    parse, merge, validate, released routings, what changes,
 *                what to write: server/load_plan.c, pure, so that it can
 *                move to a helper thread and leave the loop to the stations
 *   wip_check    the plan's tracking and kind changes against the units in
 *                work (the store)
 *   plan_write   the reply, the records and one DEFINITIONS_LOADED event
 *
 * Every part is n log n or better in the records stored and loaded (80 000
 * parts over 80 000 took a minute when the merge searched linearly), and
 * wip_check is one walk of the queue, when it runs at all.
 */
#include "server/admin/load_plan.h"
#include "server/coq/coq.h"
#include "server/notify/notify_defs.h"
#include "server/gate/gate.h"
#include "server/requests.h"
#include "server/equipment/equipment.h"
#include "server/unit/part_gtin.h"
#include "server/unit/unit.h"
#include "shared/defs/defs.h"
#include "shared/defs/defs_index.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIP_NAMED 3          /* serials named in a refusal */

static enum outcome
files_ok(struct ctx *c, const Yoke__LoadDefinitions *ld)
{
	if (ld->n_files == 0 || ld->n_files > LOAD_FILES_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected 1 to %d definition files, got %zu"), LOAD_FILES_MAX, ld->n_files);
	for (size_t i = 0; i < ld->n_files; i++) {
		const Yoke__DefinitionFile *f = ld->files[i];
		if (str_empty(f->name) || !text_ok(f->name, 200) || strlen(f->text) > LOAD_FILE_MAX)
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("File %zu: expected a name of 1-200 bytes of text without control characters "
			    "and at most 1 MiB of text"), i + 1);
	}
	return OUTCOME_COMMIT;
}

/* ---- reading what is stored ---- */

struct reading {
	Yoke__Definitions *d;
	enum store_table tb;
	size_t *n, cap;      /* the table's count in d, and its array's size */
	int rc;
};

static const ProtobufCMessageDescriptor *
descriptor(enum store_table tb)
{
	switch (tb) {
	case T_PART: return &yoke__part__descriptor;
	case T_BOM: return &yoke__bom__descriptor;
	case T_ROUTING: return &yoke__routing__descriptor;
	case T_STATION: return &yoke__station__descriptor;
	case T_DEFECT: return &yoke__defect_code__descriptor;
	case T_CAPA_TRIGGER: return &yoke__capa_trigger__descriptor;
	case T_SUPPLIER: return &yoke__supplier__descriptor;
	default: return &yoke__operator__descriptor;
	}
}

/* Gives the table's array in d cap slots; returns where its count is. */
static size_t *
array_for(Yoke__Definitions *d, enum store_table tb, size_t cap)
{
	switch (tb) {
	case T_PART: d->parts = xcalloc(cap, sizeof *d->parts); return &d->n_parts;
	case T_BOM: d->boms = xcalloc(cap, sizeof *d->boms); return &d->n_boms;
	case T_ROUTING: d->routings = xcalloc(cap, sizeof *d->routings); return &d->n_routings;
	case T_STATION: d->stations = xcalloc(cap, sizeof *d->stations); return &d->n_stations;
	case T_DEFECT: d->defects = xcalloc(cap, sizeof *d->defects); return &d->n_defects;
	case T_CAPA_TRIGGER:
		d->capa_triggers = xcalloc(cap, sizeof *d->capa_triggers);
		return &d->n_capa_triggers;
	case T_SUPPLIER: d->suppliers = xcalloc(cap, sizeof *d->suppliers); return &d->n_suppliers;
	default: d->operators = xcalloc(cap, sizeof *d->operators); return &d->n_operators;
	}
}

static int
read_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct reading *r = ud;
	Yoke__Definitions *d = r->d;
	void *m;
	(void)k;
	(void)kl;

	/* Decoded with malloc, not into the batch's arena: the set is the
	 * plan's input and may outlive the batch one day (load_plan.h). */
	if (*r->n == r->cap || (m = rec_decode(NULL, descriptor(r->tb), v, vl)) == NULL) {
		r->rc = STORE_ERROR;
		return 1;
	}
	switch (r->tb) {
	case T_PART: d->parts[d->n_parts++] = m; break;
	case T_BOM: d->boms[d->n_boms++] = m; break;
	case T_ROUTING: d->routings[d->n_routings++] = m; break;
	case T_STATION: d->stations[d->n_stations++] = m; break;
	case T_DEFECT: d->defects[d->n_defects++] = m; break;
	case T_CAPA_TRIGGER: d->capa_triggers[d->n_capa_triggers++] = m; break;
	case T_SUPPLIER: d->suppliers[d->n_suppliers++] = m; break;
	default: d->operators[d->n_operators++] = m; break;
	}
	return 0;
}

/* Every stored part, BOM, routing, station, operator, defect code, CAPA
 * trigger and supplier, in key order, into d (from defs_new; defs_free frees it). */
static int
stored_read(struct txn *t, Yoke__Definitions *d)
{
	static const enum store_table tables[] = { T_PART, T_BOM, T_ROUTING, T_STATION, T_OPERATOR,
		T_DEFECT, T_CAPA_TRIGGER, T_SUPPLIER };
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		struct reading r = { d, tables[i], NULL, (size_t)store_count(t, tables[i]), STORE_OK };
		int rc;
		r.n = array_for(d, r.tb, r.cap + 1);
		if ((rc = store_walk_prefix(t, r.tb, NULL, 0, read_walk, &r)) != STORE_OK)
			return rc;
		if (r.rc != STORE_OK)
			return r.rc;
	}
	return STORE_OK;
}

/* ---- work in progress ---- */

/* The units that depend on one change: how many, and the first few. */
struct dependents {
	uint32_t count;
	const char *named[WIP_NAMED];    /* "SERIAL (op N Name)" */
	uint64_t last;                   /* the walk's unit number that counted last */
};

struct wip {
	struct ctx *c;
	struct defs_index parts;         /* retracked part numbers -> plan position */
	struct defs_index stations;      /* rekinded station ids -> plan position */
	struct dependents *by_part, *by_station;
	uint64_t unit_no;
	int rc;
};

static void
depends(struct wip *w, struct dependents *d, const Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	const Yoke__Operation *op = unit_op(u, r);
	if (d->last == w->unit_no)
		return;              /* a routing may scan the part at several steps */
	d->last = w->unit_no;
	if (d->count < WIP_NAMED)
		d->named[d->count] = op ? arena_printf(w->c->a, _("%s (op %u %s)"), u->serial,
		    op->number, op->name) : u->serial;
	d->count++;
}

static int
wip_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct wip *w = ud;
	const char *key = k;
	size_t kind = strnlen(key, kl);
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	long j;
	(void)v;
	(void)vl;

	if (kind + 13 > kl)
		return 0;
	char *serial = arena_printf(w->c->a, "%.*s", (int)(kl - kind - 13), key + kind + 13);
	if ((w->rc = REC_GET(w->c->txn, w->c->a, T_UNIT, serial, yoke__unit_record, &u)) != STORE_OK)
		return 1;
	if (u->status == YOKE__UNIT_STATUS__UNIT_DONE || u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED)
		return 0;
	if ((w->rc = routing_get(w->c, u->product, u->routing_rev, &r)) != STORE_OK)
		return 1;
	w->unit_no++;
	if (u->status == YOKE__UNIT_STATUS__UNIT_IN_WORK &&
	    (j = defs_index_find(&w->stations, u->station, NULL)) >= 0)
		depends(w, &w->by_station[j], u, r);
	for (size_t o = 0; w->parts.n && o < r->n_operations; o++)
		for (size_t s = 0; s < r->operations[o]->n_steps; s++) {
			const Yoke__Step *st = r->operations[o]->steps[s];
			if (st->kind == YOKE__STEP_KIND__STEP_SCAN &&
			    (j = defs_index_find(&w->parts, st->part, NULL)) >= 0)
				depends(w, &w->by_part[j], u, r);
		}
	return 0;
}

/* "A (op 10 X), B (op 10 X), C (op 20 Y) and 4 more" */
static const char *
named_text(struct ctx *c, const struct dependents *d)
{
	const char *s = d->named[0];
	for (uint32_t i = 1; i < d->count && i < WIP_NAMED; i++)
		s = arena_printf(c->a, _("%s, %s"), s, d->named[i]);
	if (d->count > WIP_NAMED)
		s = arena_printf(c->a, _("%s and %u more"), s, d->count - WIP_NAMED);
	return s;
}

static enum outcome
wip_refusal(struct ctx *c, const struct load_plan *p, const struct wip *w)
{
	for (size_t i = 0; i < p->nretracked; i++) {
		const struct load_retrack *t = &p->retracked[i];
		const struct dependents *d = &w->by_part[i];
		if (d->count == 0)
			continue;
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, P_("%s: part %s: tracking %s cannot "
		    "become %s while %u unit not done scans it in its routing: %s; finish or scrap it "
		    "first", "%s: part %s: tracking %s cannot become %s while %u units not done scan it "
		    "in their routing: %s; finish or scrap them first", d->count), t->part->source,
		    t->part->number, defs_tracking_name(t->was), defs_tracking_name(t->part->tracking),
		    d->count, named_text(c, d));
	}
	for (size_t i = 0; i < p->nrekinded; i++) {
		const struct load_rekind *k = &p->rekinded[i];
		const struct dependents *d = &w->by_station[i];
		if (d->count == 0)
			continue;
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, P_("%s: station %s: kind %s cannot "
		    "become %s while %u unit is open there: %s; complete it first", "%s: station %s: "
		    "kind %s cannot become %s while %u units are open there: %s; complete them first",
		    d->count), k->station->source, k->station->id, k->was, k->station->kind, d->count,
		    named_text(c, d));
	}
	return OUTCOME_COMMIT;
}

/* Refuses a tracking or kind change that a unit in work depends on. */
static enum outcome
wip_check(struct ctx *c, const struct load_plan *p)
{
	struct wip w = { .c = c, .rc = STORE_OK };
	enum outcome o;
	int rc;

	if (p->nretracked == 0 && p->nrekinded == 0)
		return OUTCOME_COMMIT;
	for (size_t i = 0; i < p->nretracked; i++)
		defs_index_add(&w.parts, p->retracked[i].part->number, NULL, 0, i);
	for (size_t i = 0; i < p->nrekinded; i++)
		defs_index_add(&w.stations, p->rekinded[i].station->id, NULL, 0, i);
	defs_index_sort(&w.parts);
	defs_index_sort(&w.stations);
	w.by_part = ARENA_NEW(c->a, struct dependents, p->nretracked + 1);
	w.by_station = ARENA_NEW(c->a, struct dependents, p->nrekinded + 1);
	rc = store_walk_prefix(c->txn, T_QUEUE, NULL, 0, wip_walk, &w);
	if (rc == STORE_OK)
		rc = w.rc;
	o = rc == STORE_OK ? wip_refusal(c, p, &w) : store_failed(c, rc);
	defs_index_free(&w.parts);
	defs_index_free(&w.stations);
	return o;
}

/* ---- writing ---- */

static enum outcome
plan_write(struct ctx *c, const struct load_plan *p, bool dry_run)
{
	const Yoke__Definitions *f = p->fresh;
	Yoke__LoadReply *lr = arena_alloc(c->a, sizeof *lr);
	enum outcome o;
	int rc;

	yoke__load_reply__init(lr);
	lr->parts = (uint32_t)f->n_parts;
	lr->boms = (uint32_t)f->n_boms;
	lr->routings = (uint32_t)f->n_routings;
	lr->stations = (uint32_t)f->n_stations;
	lr->operators = (uint32_t)f->n_operators;
	lr->unchanged = p->unchanged;
	lr->defects = (uint32_t)f->n_defects;
	c->rp->body_case = YOKE__REPLY__BODY_LOAD;
	c->rp->load = lr;
	if (dry_run)
		reply_message(c, _("Valid: %zu parts, %zu BOMs, %zu routings (%u unchanged), "
		    "%zu stations, %zu operators, %zu defect codes"), f->n_parts, f->n_boms,
		    f->n_routings, p->unchanged, f->n_stations, f->n_operators, f->n_defects);
	else
		reply_message(c, _("Loaded %zu parts, %zu BOMs, %zu routings (%u unchanged), "
		    "%zu stations, %zu operators, %zu defect codes"), f->n_parts, f->n_boms,
		    f->n_routings, p->unchanged, f->n_stations, f->n_operators, f->n_defects);
	if ((o = notify_defs_load(c, f, dry_run)) != OUTCOME_COMMIT)   /* escalate, notify, smtp */
		return o;
	if (dry_run)
		return OUTCOME_COMMIT;

	for (size_t i = 0; i < f->n_parts; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_PART, f->parts[i]->number, f->parts[i])) ||
		    (rc = part_gtin_put(c, f->parts[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < f->n_boms; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_BOM, f->boms[i]->parent, f->boms[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < f->n_routings; i++) {
		char key[KEY_MAX];
		size_t kl = key_routing(key, f->routings[i]->product, f->routings[i]->revision);
		if (!p->write_routing[i])
			continue;
		if ((rc = rec_put(c->txn, c->a, T_ROUTING, key, kl,
		    (const ProtobufCMessage *)f->routings[i], 0)))
			return store_failed(c, rc);
	}
	for (size_t i = 0; i < f->n_stations; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_STATION, f->stations[i]->id, f->stations[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < f->n_operators; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_OPERATOR, f->operators[i]->badge, f->operators[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < f->n_defects; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_DEFECT, f->defects[i]->code, f->defects[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < f->n_capa_triggers; i++) {
		const Yoke__CapaTrigger *x = f->capa_triggers[i];
		char key[KEY_MAX];
		size_t kl = key_capa_trigger(key, x->defect, x->per_part);
		if (kl == 0 || (rc = rec_put(c->txn, c->a, T_CAPA_TRIGGER, key, kl,
		    (const ProtobufCMessage *)x, 0)))
			return store_failed(c, kl == 0 ? STORE_ERROR : rc);
	}
	for (size_t i = 0; i < f->n_suppliers; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_SUPPLIER, f->suppliers[i]->code, f->suppliers[i])))
			return store_failed(c, rc);
	if ((rc = equipment_load(c, f)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = gate_load_write(c, f)) != STORE_OK)     /* gauges, shifts (gate.h) */
		return store_failed(c, rc);
	if ((rc = coq_load(c, f)) != STORE_OK)           /* a new rates version (coq.h) */
		return store_failed(c, rc);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_DEFINITIONS_LOADED, NULL, NULL);
	ev->text = c->rp->message;
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

enum outcome
req_load(struct ctx *c)
{
	const Yoke__LoadDefinitions *ld = c->rq->load;
	Yoke__Definitions *stored;
	struct load_plan plan;
	enum outcome o;
	int rc;

	if ((o = files_ok(c, ld)) != OUTCOME_COMMIT)
		return o;
	server_caches_clear(c->srv);
	stored = defs_new();
	if ((rc = stored_read(c->txn, stored)) != STORE_OK) {
		defs_free(stored);
		return store_failed(c, rc);
	}
	if (!load_plan(&plan, ld->files, ld->n_files, stored))
		o = refuse(c, plan.status, "%s", plan.message);
	else if ((o = wip_check(c, &plan)) == OUTCOME_COMMIT)
		o = plan_write(c, &plan, ld->dry_run);
	/* Every reply string is in the arena by now (refuse, reply_message). */
	load_plan_free(&plan);
	defs_free(stored);
	return o;
}
