/*
 * req-load.c — loads definition files (parts, BOMs, routings, stations,
 * operators) in one transaction. The files are parsed here with the same
 * parser yokectl uses (the server is the judge), merged over what is
 * stored, and the merged whole is validated, so a reference to something
 * loaded earlier is fine and a broken one is refused with file:line. A
 * released routing revision that is stored already may be loaded again
 * unchanged, never changed. Nothing is written unless everything is right.
 */
#include "server/requests.h"
#include "server/unit.h"
#include "shared/defs.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

#define LOAD_FILES_MAX 200
#define LOAD_FILE_MAX (1u << 20)

struct merge {
	struct ctx *c;
	Yoke__Definitions *fresh, *merged;
	enum store_table tb;
	int rc;
};

static bool
fresh_has(const Yoke__Definitions *f, enum store_table tb, const void *k, size_t kl)
{
	char key[KEY_MAX];
	switch (tb) {
	case T_PART:
		for (size_t i = 0; i < f->n_parts; i++)
			if (strlen(f->parts[i]->number) == kl && memcmp(f->parts[i]->number, k, kl) == 0)
				return true;
		return false;
	case T_BOM:
		for (size_t i = 0; i < f->n_boms; i++)
			if (strlen(f->boms[i]->parent) == kl && memcmp(f->boms[i]->parent, k, kl) == 0)
				return true;
		return false;
	case T_ROUTING:
		for (size_t i = 0; i < f->n_routings; i++) {
			size_t l = key_routing(key, f->routings[i]->product, f->routings[i]->revision);
			if (l == kl && memcmp(key, k, kl) == 0)
				return true;
		}
		return false;
	case T_STATION:
		for (size_t i = 0; i < f->n_stations; i++)
			if (strlen(f->stations[i]->id) == kl && memcmp(f->stations[i]->id, k, kl) == 0)
				return true;
		return false;
	default:
		for (size_t i = 0; i < f->n_operators; i++)
			if (strlen(f->operators[i]->badge) == kl && memcmp(f->operators[i]->badge, k, kl) == 0)
				return true;
		return false;
	}
}

/* Adds each stored record that the load does not replace. */
static int
merge_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct merge *m = ud;
	struct arena *a = m->c->a;
	void *rec;

	if (fresh_has(m->fresh, m->tb, k, kl))
		return 0;
	switch (m->tb) {
	case T_PART:
		rec = rec_decode(a, &yoke__part__descriptor, v, vl);
		if (rec)
			defs_add_part(m->merged, rec);
		break;
	case T_BOM:
		rec = rec_decode(a, &yoke__bom__descriptor, v, vl);
		if (rec)
			defs_add_bom(m->merged, rec);
		break;
	case T_ROUTING:
		rec = rec_decode(a, &yoke__routing__descriptor, v, vl);
		if (rec)
			defs_add_routing(m->merged, rec);
		break;
	case T_STATION:
		rec = rec_decode(a, &yoke__station__descriptor, v, vl);
		if (rec)
			defs_add_station(m->merged, rec);
		break;
	default:
		rec = rec_decode(a, &yoke__operator__descriptor, v, vl);
		if (rec)
			defs_add_operator(m->merged, rec);
	}
	if (rec == NULL) {
		m->rc = STORE_ERROR;
		return 1;
	}
	return 0;
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
	for (size_t i = 0; i < copy->n_operations; i++) {
		copy->operations[i]->source = (char *)"";
		for (size_t k = 0; k < copy->operations[i]->n_steps; k++)
			copy->operations[i]->steps[k]->source = (char *)"";
	}
	*len = yoke__routing__get_packed_size(copy);
	out = arena_alloc(a, *len + 1);
	yoke__routing__pack(copy, out);
	return out;
}

/* 1: the stored revision is released and the same; 0: new or a draft;
 * -1: released and different (refused). */
static int
released_same(struct ctx *c, const Yoke__Routing *fresh, int *rc)
{
	Yoke__Routing *old;
	size_t la, lb;
	*rc = routing_get(c, fresh->product, fresh->revision, &old);
	if (*rc == STORE_NOTFOUND) {
		*rc = STORE_OK;
		return 0;
	}
	if (*rc != STORE_OK || !old->released)
		return 0;
	uint8_t *a = pack_content(c->a, old, &la), *b = pack_content(c->a, fresh, &lb);
	return la == lb && memcmp(a, b, la) == 0 ? 1 : -1;
}

static enum outcome
load(struct ctx *c, Yoke__Definitions *fresh, Yoke__Definitions *merged)
{
	const Yoke__LoadDefinitions *ld = c->rq->load;
	static const enum store_table tables[] = { T_PART, T_BOM, T_ROUTING, T_STATION, T_OPERATOR };
	char err[600];
	uint32_t unchanged = 0;
	bool *skip;
	int rc;

	if (ld->n_files == 0 || ld->n_files > LOAD_FILES_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    "Expected 1 to %d definition files, got %zu", LOAD_FILES_MAX, ld->n_files);
	for (size_t i = 0; i < ld->n_files; i++) {
		const Yoke__DefinitionFile *f = ld->files[i];
		if (str_empty(f->name) || !text_ok(f->name, 200) || strlen(f->text) > LOAD_FILE_MAX)
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    "File %zu: expected a name of 1-200 bytes of text without control characters "
			    "and at most 1 MiB of text", i + 1);
		if (!defs_parse(fresh, f->name, f->text, err, sizeof err))
			return refuse(c, YOKE__STATUS__STATUS_INVALID_DEFINITION, "%s", err);
	}
	for (size_t i = 0; i < fresh->n_parts; i++)
		defs_add_part(merged, fresh->parts[i]);
	for (size_t i = 0; i < fresh->n_boms; i++)
		defs_add_bom(merged, fresh->boms[i]);
	for (size_t i = 0; i < fresh->n_routings; i++)
		defs_add_routing(merged, fresh->routings[i]);
	for (size_t i = 0; i < fresh->n_stations; i++)
		defs_add_station(merged, fresh->stations[i]);
	for (size_t i = 0; i < fresh->n_operators; i++)
		defs_add_operator(merged, fresh->operators[i]);
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		struct merge m = { c, fresh, merged, tables[t], STORE_OK };
		if ((rc = store_walk_prefix(c->txn, tables[t], NULL, 0, merge_walk, &m)) != STORE_OK)
			return store_failed(c, rc);
		if (m.rc != STORE_OK)
			return store_failed(c, m.rc);
	}
	if (!defs_validate(merged, err, sizeof err))
		return refuse(c, YOKE__STATUS__STATUS_INVALID_DEFINITION, "%s", err);
	skip = ARENA_NEW(c->a, bool, fresh->n_routings);
	for (size_t i = 0; i < fresh->n_routings; i++) {
		const Yoke__Routing *r = fresh->routings[i];
		int same = released_same(c, r, &rc);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		if (same < 0)
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
			    "%s: routing %s rev %s is released and cannot change; give the change a new "
			    "revision", r->source, r->product, r->revision);
		skip[i] = same == 1;
		unchanged += (uint32_t)skip[i];
	}

	Yoke__LoadReply *lr = arena_alloc(c->a, sizeof *lr);
	yoke__load_reply__init(lr);
	lr->parts = (uint32_t)fresh->n_parts;
	lr->boms = (uint32_t)fresh->n_boms;
	lr->routings = (uint32_t)fresh->n_routings;
	lr->stations = (uint32_t)fresh->n_stations;
	lr->operators = (uint32_t)fresh->n_operators;
	lr->unchanged = unchanged;
	c->rp->body_case = YOKE__REPLY__BODY_LOAD;
	c->rp->load = lr;
	reply_message(c, "%s %zu parts, %zu BOMs, %zu routings (%u unchanged), %zu stations, "
	    "%zu operators", ld->dry_run ? "Valid:" : "Loaded", fresh->n_parts, fresh->n_boms,
	    fresh->n_routings, unchanged, fresh->n_stations, fresh->n_operators);
	if (ld->dry_run)
		return OUTCOME_COMMIT;

	for (size_t i = 0; i < fresh->n_parts; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_PART, fresh->parts[i]->number, fresh->parts[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < fresh->n_boms; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_BOM, fresh->boms[i]->parent, fresh->boms[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < fresh->n_routings; i++) {
		char key[KEY_MAX];
		size_t kl = key_routing(key, fresh->routings[i]->product, fresh->routings[i]->revision);
		if (skip[i])
			continue;
		if ((rc = rec_put(c->txn, c->a, T_ROUTING, key, kl,
		    (const ProtobufCMessage *)fresh->routings[i], 0)))
			return store_failed(c, rc);
	}
	for (size_t i = 0; i < fresh->n_stations; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_STATION, fresh->stations[i]->id, fresh->stations[i])))
			return store_failed(c, rc);
	for (size_t i = 0; i < fresh->n_operators; i++)
		if ((rc = REC_PUT(c->txn, c->a, T_OPERATOR, fresh->operators[i]->badge,
		    fresh->operators[i])))
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
	Yoke__Definitions *fresh = defs_new(), *merged = defs_new();
	enum outcome o;

	routing_cache_clear(&c->srv->routings);
	o = load(c, fresh, merged);
	/* The reply may point into fresh (messages, sources): copy first. */
	c->rp->message = arena_strdup(c->a, c->rp->message);
	defs_free(fresh);
	defs_free(merged);
	return o;
}
