/*
 * req-load.c — loads definition files (parts, BOMs, routings, stations,
 * operators) in one transaction, all or nothing. The rules (for engineers
 * in docs/definitions.md):
 *
 *   - The files are parsed with the same parser yokectl uses (the server is
 *     the judge) and merged over what is stored: a loaded record replaces
 *     the stored one of the same key. The merged whole is validated, so a
 *     reference to something loaded earlier is fine and a broken one is
 *     refused (INVALID_DEFINITION) with file:line.
 *   - A released routing revision that is stored may be loaded again
 *     unchanged, never changed (CONFLICT).
 *   - Nothing is written unless everything is right; a dry run checks all
 *     of it and writes nothing.
 *
 * The parts, in the order the handler runs them:
 *
 *   files_ok     the request's shape: 1-200 files, their names and sizes
 *   stored_read  every stored definition, decoded (the store)
 *   load_plan    parse, merge, validate, released routings, what to write: server/load_plan.c, pure, so that it can
 *                move to a helper thread and leave the loop to the stations
 *   plan_write   the reply, the records and one DEFINITIONS_LOADED event
 *
 * Every part is n log n or better in the records stored and loaded (80 000
 * parts over 80 000 took a minute when the merge searched linearly).
 */
#include "server/load_plan.h"
#include "server/requests.h"
#include "server/unit.h"
#include "shared/defs.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum outcome
files_ok(struct ctx *c, const Yoke__LoadDefinitions *ld)
{
	if (ld->n_files == 0 || ld->n_files > LOAD_FILES_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    "Expected 1 to %d definition files, got %zu", LOAD_FILES_MAX, ld->n_files);
	for (size_t i = 0; i < ld->n_files; i++) {
		const Yoke__DefinitionFile *f = ld->files[i];
		if (str_empty(f->name) || !text_ok(f->name, 200) || strlen(f->text) > LOAD_FILE_MAX)
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    "File %zu: expected a name of 1-200 bytes of text without control characters "
			    "and at most 1 MiB of text", i + 1);
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
	default: d->operators[d->n_operators++] = m; break;
	}
	return 0;
}

/* Every stored part, BOM, routing, station and operator, in key order, into
 * d (from defs_new; defs_free frees it). */
static int
stored_read(struct txn *t, Yoke__Definitions *d)
{
	static const enum store_table tables[] = { T_PART, T_BOM, T_ROUTING, T_STATION, T_OPERATOR };
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

/* ---- writing ---- */

static enum outcome
plan_write(struct ctx *c, const struct load_plan *p, bool dry_run)
{
	const Yoke__Definitions *f = p->fresh;
	Yoke__LoadReply *lr = arena_alloc(c->a, sizeof *lr);
	int rc;

	yoke__load_reply__init(lr);
	lr->parts = (uint32_t)f->n_parts;
	lr->boms = (uint32_t)f->n_boms;
	lr->routings = (uint32_t)f->n_routings;
	lr->stations = (uint32_t)f->n_stations;
	lr->operators = (uint32_t)f->n_operators;
	lr->unchanged = p->unchanged;
	c->rp->body_case = YOKE__REPLY__BODY_LOAD;
	c->rp->load = lr;
	reply_message(c, "%s %zu parts, %zu BOMs, %zu routings (%u unchanged), %zu stations, "
	    "%zu operators", dry_run ? "Valid:" : "Loaded", f->n_parts, f->n_boms, f->n_routings,
	    p->unchanged, f->n_stations, f->n_operators);
	if (dry_run)
		return OUTCOME_COMMIT;

	for (size_t i = 0; i < f->n_parts; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_PART, f->parts[i]->number, f->parts[i])))
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
	routing_cache_clear(&c->srv->routings);
	stored = defs_new();
	if ((rc = stored_read(c->txn, stored)) != STORE_OK) {
		defs_free(stored);
		return store_failed(c, rc);
	}
	if (!load_plan(&plan, ld->files, ld->n_files, stored))
		o = refuse(c, plan.status, "%s", plan.message);
	else
		o = plan_write(c, &plan, ld->dry_run);
	/* Every reply string is in the arena by now (refuse, reply_message). */
	load_plan_free(&plan);
	defs_free(stored);
	return o;
}
