/*
 * defs_copy.c — definitions as data: a new and a freed set, deep copies
 * of one record appended to a set, lookups by key, qualifications, and the
 * names used in the files (see defs.h).
 *
 * Everything is allocated with malloc, so protobuf-c's free_unpacked with
 * the default allocator releases the tree (defs_free), and a deep copy is a
 * pack followed by an unpack.
 */
#include "shared/defs/defs_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "shared/log.h"
#include "shared/pb_copy.h"
#include "shared/util.h"

Yoke__Definitions *
defs_new(void)
{
	Yoke__Definitions *d = xmalloc(sizeof *d);
	yoke__definitions__init(d);
	return d;
}

void
defs_free(Yoke__Definitions *d)
{
	if (d)
		protobuf_c_message_free_unpacked(&d->base, NULL);
}

/* Each add is a deep copy (pb_copy): the set owns all its memory, which
 * protobuf-c's default allocator took with malloc. */

void
defs_add_part(Yoke__Definitions *d, const Yoke__Part *x)
{
	APPEND(d->parts, d->n_parts, pb_copy(&x->base));
}

void
defs_add_bom(Yoke__Definitions *d, const Yoke__Bom *x)
{
	APPEND(d->boms, d->n_boms, pb_copy(&x->base));
}

void
defs_add_routing(Yoke__Definitions *d, const Yoke__Routing *x)
{
	APPEND(d->routings, d->n_routings, pb_copy(&x->base));
}

void
defs_add_station(Yoke__Definitions *d, const Yoke__Station *x)
{
	APPEND(d->stations, d->n_stations, pb_copy(&x->base));
}

void
defs_add_operator(Yoke__Definitions *d, const Yoke__Operator *x)
{
	APPEND(d->operators, d->n_operators, pb_copy(&x->base));
}

void
defs_add_defect(Yoke__Definitions *d, const Yoke__DefectCode *x)
{
	APPEND(d->defects, d->n_defects, pb_copy(&x->base));
}

void
defs_add_capa_trigger(Yoke__Definitions *d, const Yoke__CapaTrigger *x)
{
	APPEND(d->capa_triggers, d->n_capa_triggers, pb_copy(&x->base));
}

void
defs_add_supplier(Yoke__Definitions *d, const Yoke__Supplier *x)
{
	APPEND(d->suppliers, d->n_suppliers, pb_copy(&x->base));
}

const Yoke__Part *
defs_find_part(const Yoke__Definitions *d, const char *number)
{
	for (size_t i = 0; number && i < d->n_parts; i++)
		if (strcmp(d->parts[i]->number, number) == 0)
			return d->parts[i];
	return NULL;
}

const Yoke__Bom *
defs_find_bom(const Yoke__Definitions *d, const char *parent)
{
	for (size_t i = 0; parent && i < d->n_boms; i++)
		if (strcmp(d->boms[i]->parent, parent) == 0)
			return d->boms[i];
	return NULL;
}

const Yoke__Station *
defs_find_station(const Yoke__Definitions *d, const char *id)
{
	for (size_t i = 0; id && i < d->n_stations; i++)
		if (strcmp(d->stations[i]->id, id) == 0)
			return d->stations[i];
	return NULL;
}

const Yoke__Operator *
defs_find_operator(const Yoke__Definitions *d, const char *badge)
{
	for (size_t i = 0; badge && i < d->n_operators; i++)
		if (strcmp(d->operators[i]->badge, badge) == 0)
			return d->operators[i];
	return NULL;
}

const Yoke__DefectCode *
defs_find_defect(const Yoke__Definitions *d, const char *code)
{
	for (size_t i = 0; code && i < d->n_defects; i++)
		if (strcmp(d->defects[i]->code, code) == 0)
			return d->defects[i];
	return NULL;
}

bool
defs_qualified(const Yoke__Operator *op, const char *product, uint32_t opno)
{
	size_t plen = product ? strlen(product) : 0;
	if (op == NULL || product == NULL)
		return false;
	for (size_t i = 0; i < op->n_qualified; i++) {
		const char *q = op->qualified[i], *rest;
		char *end;
		unsigned long n;
		if (strcmp(q, "*") == 0)
			return true;
		if (strncmp(q, product, plen) != 0 || q[plen] != '/')
			continue;
		rest = q + plen + 1;
		if (strcmp(rest, "*") == 0)
			return true;
		if (rest[0] < '0' || rest[0] > '9')
			continue;
		errno = 0;
		n = strtoul(rest, &end, 10);
		if (*end == '\0' && errno == 0 && n == opno)
			return true;
	}
	return false;
}

const char *
defs_tracking_name(Yoke__Tracking t)
{
	switch (t) {
	case YOKE__TRACKING__TRACKING_LOT: return "lot";
	case YOKE__TRACKING__TRACKING_SERIAL: return "serial";
	default: return "none";
	}
}

const char *
defs_role_name(Yoke__Role r)
{
	switch (r) {
	case YOKE__ROLE__ROLE_OPERATOR: return "operator";
	case YOKE__ROLE__ROLE_LEAD: return "lead";
	case YOKE__ROLE__ROLE_INSPECTOR: return "inspector";
	case YOKE__ROLE__ROLE_ENGINEER: return "engineer";
	case YOKE__ROLE__ROLE_ADMIN: return "admin";
	default: return "none";
	}
}

const char *
defs_category_name(Yoke__DefectCategory c)
{
	switch (c) {
	case YOKE__DEFECT_CATEGORY__DEFECT_MAN: return "man";
	case YOKE__DEFECT_CATEGORY__DEFECT_MACHINE: return "machine";
	case YOKE__DEFECT_CATEGORY__DEFECT_MATERIAL: return "material";
	case YOKE__DEFECT_CATEGORY__DEFECT_METHOD: return "method";
	case YOKE__DEFECT_CATEGORY__DEFECT_MEASUREMENT: return "measurement";
	case YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT: return "environment";
	default: return "none";
	}
}

const char *
defs_capa_per_name(bool per_part)
{
	return per_part ? "part" : "station";
}
