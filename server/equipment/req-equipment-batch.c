/*
 * req-equipment-batch.c — a batch of equipment values from yoke-bridge
 * (equipment.h): each value checked, mapped to its station + parameter,
 * and folded into the condensed series in this one transaction.
 *
 * The values of one parameter are gathered first (a group), so each trend
 * minute, the newest value and the counters are read and written once
 * per batch, not once per value.
 */
#include "server/requests.h"
#include "server/equipment/equipment.h"
#include "server/alarm/alarm.h"
#include "server/gate/gate.h"
#include "shared/log.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <math.h>
#include <string.h>

/* One station + parameter of the batch. */
struct group {
	const char *station, *name;
	Yoke__EquipmentParam *def;
	Yoke__EquipmentLatest *latest;
	bool latest_dirty;
	/* The trend minute being filled (one at a time: values come mostly in order). */
	Yoke__EquipmentTrend *trend;
	int64_t minute;
	size_t trend_old;          /* its stored size before this batch (0: new) */
};

struct batch {
	struct ctx *c;
	struct group *g;
	size_t ng;
	Yoke__EquipmentBatchReply *rp;
	const char *first_unknown, *first_invalid, *first_not_allowed;
};

static bool
station_allowed(const struct ctx *c, const char *station)
{
	if (c->device == NULL)          /* plain mode: no certificate to bound it */
		return true;
	for (int i = 0; i < c->device->nstations; i++)
		if (strcmp(c->device->stations[i], "*") == 0 ||
		    strcmp(c->device->stations[i], station) == 0)
			return true;
	return false;
}

/* A packed record's size with its key, as the store keeps it (not counting
 * LMDB's own page overhead). */
static size_t
stored_size(const ProtobufCMessage *m, size_t kl)
{
	return protobuf_c_message_get_packed_size(m) + 1 + kl;
}

static int
trend_flush(struct batch *b, struct group *g)
{
	char key[KEY_MAX];
	size_t kl, now;
	int rc;
	if (g->trend == NULL)
		return STORE_OK;
	kl = equipment_key_minute(key, g->station, g->name, g->minute);
	if ((rc = rec_put(b->c->txn, b->c->a, T_EQUIP_SERIES, key, kl,
	    (const ProtobufCMessage *)g->trend, 0)) != STORE_OK)
		return rc;
	now = stored_size((const ProtobufCMessage *)g->trend, kl);
	if (g->trend_old == 0)
		g->latest->trend_records++;
	g->latest->stored_bytes += now - g->trend_old;
	g->latest_dirty = true;
	g->trend = NULL;
	return STORE_OK;
}

static int
trend_take(struct batch *b, struct group *g, int64_t minute)
{
	char key[KEY_MAX];
	size_t kl;
	int rc;
	if (g->trend && g->minute == minute)
		return STORE_OK;
	if ((rc = trend_flush(b, g)) != STORE_OK)
		return rc;
	kl = equipment_key_minute(key, g->station, g->name, minute);
	rc = rec_get(b->c->txn, b->c->a, T_EQUIP_SERIES, key, kl,
	    &yoke__equipment_trend__descriptor, (void **)&g->trend);
	if (rc == STORE_NOTFOUND) {
		g->trend = arena_alloc(b->c->a, sizeof *g->trend);
		yoke__equipment_trend__init(g->trend);
		g->trend_old = 0;
	} else if (rc == STORE_OK) {
		g->trend_old = stored_size((const ProtobufCMessage *)g->trend, kl);
	} else {
		return rc;
	}
	g->minute = minute;
	return STORE_OK;
}

/* The group of station + name, read from the store the first time. NULL
 * with *rc STORE_OK when no equipment_param defines it. */
static struct group *
group_for(struct batch *b, const char *station, const char *name, int *rc)
{
	struct ctx *c = b->c;
	char key[KEY_MAX];
	size_t kl;
	struct group *g;

	*rc = STORE_OK;
	for (size_t i = 0; i < b->ng; i++)
		if (strcmp(b->g[i].station, station) == 0 && strcmp(b->g[i].name, name) == 0)
			return b->g[i].def ? &b->g[i] : NULL;
	g = &b->g[b->ng++];
	memset(g, 0, sizeof *g);
	g->station = station;
	g->name = name;
	if ((kl = equipment_key_param(key, station, name)) == 0)
		return NULL;
	*rc = rec_get(c->txn, c->a, T_EQUIP_PARAM, key, kl, &yoke__equipment_param__descriptor,
	    (void **)&g->def);
	if (*rc == STORE_NOTFOUND) {
		*rc = STORE_OK;
		g->def = NULL;
		return NULL;
	}
	if (*rc != STORE_OK)
		return NULL;
	kl = equipment_key_latest(key, 's', station, name);
	*rc = rec_get(c->txn, c->a, T_EQUIP_LATEST, key, kl, &yoke__equipment_latest__descriptor,
	    (void **)&g->latest);
	if (*rc == STORE_NOTFOUND) {
		g->latest = arena_alloc(c->a, sizeof *g->latest);
		yoke__equipment_latest__init(g->latest);
		g->latest->serial = (char *)"";
		g->latest->station = (char *)"";
		*rc = STORE_OK;
	}
	return *rc == STORE_OK ? g : NULL;
}

/* Sparkplug B device + metric to station + parameter (equip_spb). */
static int
map_sparkplug(struct batch *b, const Yoke__EquipmentValue *v, const char **station,
    const char **name)
{
	char key[KEY_MAX];
	size_t dl = strlen(v->device), ml = strlen(v->metric);
	const void *val;
	size_t vl;
	int rc;
	if (dl + ml + 1 > KEY_MAX)
		return STORE_NOTFOUND;
	memcpy(key, v->device, dl + 1);
	memcpy(key + dl + 1, v->metric, ml);
	if ((rc = store_get(b->c->txn, T_EQUIP_SPB, key, dl + 1 + ml, &val, &vl)) != STORE_OK)
		return rc;
	const char *nul = memchr(val, '\0', vl);
	if (nul == NULL)
		return STORE_ERROR;
	*station = arena_printf(b->c->a, "%.*s", (int)(nul - (const char *)val), (const char *)val);
	*name = arena_printf(b->c->a, "%.*s", (int)(vl - (size_t)(nul + 1 - (const char *)val)),
	    nul + 1);
	return STORE_OK;
}

/* A value outside the parameter's limits raises an equipment alarm at the
 * station (alarm.h: escalated by the ladder like any other), one per
 * excursion: while the last one is not resolved, further values outside
 * the limits are only kept as points. */
static int
raise_excursion(struct batch *b, struct group *g, const Yoke__EquipmentValue *v)
{
	struct ctx *c = b->c;
	Yoke__Alarm *a, *open;
	Yoke__Station *st;
	int rc;

	if (g->latest->alarm != 0) {
		rc = alarm_get(c, g->latest->alarm, &open);
		if (rc == STORE_OK && open->state != YOKE__ALARM_STATE__ALARM_RESOLVED)
			return STORE_OK;
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return rc;
	}
	a = arena_alloc(c->a, sizeof *a);
	yoke__alarm__init(a);
	a->source = YOKE__ALARM_SOURCE__ALARM_EQUIPMENT;
	a->severity = YOKE__ALARM_SEVERITY__ALARM_WARNING;
	a->station = (char *)g->station;
	rc = rec_get_cached(c->txn, &c->srv->stations, T_STATION, g->station,
	    &yoke__station__descriptor, (void **)&st);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	a->station_kind = rc == STORE_OK ? st->kind : (char *)"";
	a->serial = v->serial ? v->serial : (char *)"";
	a->characteristic = (char *)g->name;
	a->rule = (char *)g->name;
	a->detail = arena_printf(c->a, "%s %g%s%s outside %s%g .. %s%g", g->name, v->value,
	    str_empty(g->def->unit) ? "" : " ", g->def->unit ? g->def->unit : "",
	    g->def->has_lsl ? "" : "-", g->def->has_lsl ? g->def->lsl : INFINITY,
	    g->def->has_usl ? "" : "+", g->def->has_usl ? g->def->usl : INFINITY);
	if ((rc = alarm_raise(c, a)) != STORE_OK)
		return rc;
	g->latest->alarm = a->id;
	return STORE_OK;
}

static int
put_point(struct batch *b, struct group *g, const Yoke__EquipmentValue *v, int64_t t)
{
	Yoke__EquipmentPoint pt = YOKE__EQUIPMENT_POINT__INIT;
	char key[KEY_MAX];
	size_t kl = equipment_key_point(key, g->station, g->name, t,
	    (uint32_t)g->latest->raw_values);
	int rc;
	pt.value = v->value;
	pt.serial = v->serial;
	if ((rc = rec_put(b->c->txn, b->c->a, T_EQUIP_SERIES, key, kl, (const ProtobufCMessage *)&pt,
	    0)) != STORE_OK)
		return rc;
	g->latest->limit_points++;
	g->latest->stored_bytes += stored_size((const ProtobufCMessage *)&pt, kl);
	b->rp->out_of_limits++;
	return raise_excursion(b, g, v);
}

/* The newest value on a unit (what match=serial reads). */
static int
put_unit_latest(struct batch *b, struct group *g, const Yoke__EquipmentValue *v, int64_t t)
{
	Yoke__EquipmentLatest l = YOKE__EQUIPMENT_LATEST__INIT, *old;
	char key[KEY_MAX];
	size_t kl = equipment_key_latest(key, 'u', v->serial, g->name);
	int rc = rec_get(b->c->txn, b->c->a, T_EQUIP_LATEST, key, kl,
	    &yoke__equipment_latest__descriptor, (void **)&old);
	if (rc == STORE_OK && old->time_us > t)
		return STORE_OK;          /* a newer one is there already */
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	l.value = v->value;
	l.time_us = t;
	l.station = (char *)g->station;
	l.serial = (char *)"";
	return rec_put(b->c->txn, b->c->a, T_EQUIP_LATEST, key, kl, (const ProtobufCMessage *)&l, 0);
}

/* The program the station's equipment runs (gate.h): a name of printable
 * text, for a station the bridge may speak for. */
static int
take_program(struct batch *b, const Yoke__EquipmentValue *v, const char *station)
{
	Yoke__Station *st;
	int rc;
	if (!text_ok(v->program, DEFS_EQUIPMENT_NAME_MAX)) {
		b->rp->invalid++;
		if (!b->first_invalid)
			b->first_invalid = arena_printf(b->c->a, "%s/program", station);
		return STORE_OK;
	}
	if (!station_allowed(b->c, station)) {
		b->rp->not_allowed++;
		b->first_not_allowed = b->first_not_allowed ? b->first_not_allowed : station;
		return STORE_OK;
	}
	rc = rec_get_cached(b->c->txn, &b->c->srv->stations, T_STATION, station,
	    &yoke__station__descriptor, (void **)&st);
	if (rc == STORE_NOTFOUND) {
		b->rp->unknown++;
		if (!b->first_unknown)
			b->first_unknown = arena_printf(b->c->a, "%s/program", station);
		return STORE_OK;
	}
	if (rc != STORE_OK)
		return rc;
	if ((rc = gate_program_reported(b->c, station, v->program)) != STORE_OK)
		return rc;
	b->rp->accepted++;
	return STORE_OK;
}

/* One value: checked, mapped, added. A refusal is counted, not an error. */
static int
take(struct batch *b, const Yoke__EquipmentValue *v)
{
	struct ctx *c = b->c;
	const char *station = v->station, *name = v->parameter;
	int64_t t = v->time_us ? v->time_us : c->now;
	struct group *g;
	int rc;

	if (!str_empty(v->device)) {
		if (!text_ok(v->device, DEFS_EQUIPMENT_NAME_MAX) ||
		    !text_ok(v->metric, DEFS_EQUIPMENT_NAME_MAX) || str_empty(v->metric)) {
			b->rp->invalid++;
			b->first_invalid = b->first_invalid ? b->first_invalid : "device/metric";
			return STORE_OK;
		}
		if ((rc = map_sparkplug(b, v, &station, &name)) == STORE_NOTFOUND) {
			b->rp->unknown++;
			if (!b->first_unknown)
				b->first_unknown = arena_printf(c->a, "%s %s", v->device, v->metric);
			return STORE_OK;
		}
		if (rc != STORE_OK)
			return rc;
	} else if (!ident_ok(station, DEFS_ID_MAX) || !ident_ok(name, DEFS_ID_MAX)) {
		b->rp->invalid++;
		b->first_invalid = b->first_invalid ? b->first_invalid : "station/parameter";
		return STORE_OK;
	}
	if (!str_empty(v->program))
		return take_program(b, v, station);
	if (!isfinite(v->value) || t < 0 || t > c->now + EQUIPMENT_FUTURE_US ||
	    (!str_empty(v->serial) && !ident_ok(v->serial, 64))) {
		b->rp->invalid++;
		if (!b->first_invalid)
			b->first_invalid = arena_printf(c->a, "%s/%s", station, name);
		return STORE_OK;
	}
	if (!station_allowed(c, station)) {
		b->rp->not_allowed++;
		b->first_not_allowed = b->first_not_allowed ? b->first_not_allowed : station;
		return STORE_OK;
	}
	if ((g = group_for(b, station, name, &rc)) == NULL) {
		if (rc != STORE_OK)
			return rc;
		b->rp->unknown++;
		if (!b->first_unknown)
			b->first_unknown = arena_printf(c->a, "%s/%s", station, name);
		return STORE_OK;
	}
	if ((rc = trend_take(b, g, equipment_minute(t))) != STORE_OK)
		return rc;
	equipment_trend_add(g->trend, v->value);
	if (equipment_out_of_limits(g->def, v->value) && (rc = put_point(b, g, v, t)) != STORE_OK)
		return rc;
	if (!str_empty(v->serial) && (rc = put_unit_latest(b, g, v, t)) != STORE_OK)
		return rc;
	if (g->latest->raw_values == 0 || t < g->latest->first_us)
		g->latest->first_us = t;
	g->latest->raw_values++;
	if (t >= g->latest->time_us) {
		g->latest->value = v->value;
		g->latest->time_us = t;
		g->latest->serial = v->serial ? v->serial : (char *)"";
	}
	g->latest_dirty = true;
	b->rp->accepted++;
	return STORE_OK;
}

static int
totals_add(struct batch *b, const Yoke__EquipmentRejects *rj)
{
	struct ctx *c = b->c;
	Yoke__EquipmentTotals *t;
	int rc = rec_get(c->txn, c->a, T_EQUIP_LATEST, "t", 1, &yoke__equipment_totals__descriptor,
	    (void **)&t);
	if (rc == STORE_NOTFOUND) {
		t = arena_alloc(c->a, sizeof *t);
		yoke__equipment_totals__init(t);
	} else if (rc != STORE_OK) {
		return rc;
	}
	if (t->bridges == NULL) {
		t->bridges = arena_alloc(c->a, sizeof *t->bridges);
		yoke__equipment_rejects__init(t->bridges);
	}
	t->unknown += b->rp->unknown;
	t->invalid += b->rp->invalid;
	t->not_allowed += b->rp->not_allowed;
	t->batches++;
	if (rj) {
		t->bridges->malformed += rj->malformed;
		t->bridges->oversize += rj->oversize;
		t->bridges->dropped += rj->dropped;
	}
	return rec_put(c->txn, c->a, T_EQUIP_LATEST, "t", 1, (const ProtobufCMessage *)t, 0);
}

enum outcome
req_equipment_batch(struct ctx *c)
{
	const Yoke__EquipmentBatch *eb = c->rq->equipment_batch;
	struct batch b = { .c = c };
	int rc;

	if (eb->n_values > EQUIPMENT_BATCH_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected at most %d equipment values in one batch, got %zu"), EQUIPMENT_BATCH_MAX,
		    eb->n_values);
	b.rp = arena_alloc(c->a, sizeof *b.rp);
	yoke__equipment_batch_reply__init(b.rp);
	b.g = ARENA_NEW(c->a, struct group, eb->n_values + 1);
	for (size_t i = 0; i < eb->n_values; i++)
		if ((rc = take(&b, eb->values[i])) != STORE_OK)
			return store_failed(c, rc);
	for (size_t i = 0; i < b.ng; i++) {
		struct group *g = &b.g[i];
		char key[KEY_MAX];
		size_t kl;
		if (g->def == NULL)
			continue;
		if ((rc = trend_flush(&b, g)) != STORE_OK)
			return store_failed(c, rc);
		if (!g->latest_dirty)
			continue;
		kl = equipment_key_latest(key, 's', g->station, g->name);
		if ((rc = rec_put(c->txn, c->a, T_EQUIP_LATEST, key, kl,
		    (const ProtobufCMessage *)g->latest, 0)) != STORE_OK)
			return store_failed(c, rc);
	}
	if ((rc = totals_add(&b, eb->rejects)) != STORE_OK)
		return store_failed(c, rc);
	if (b.first_unknown || b.first_invalid || b.first_not_allowed)
		log_warn("equipment batch from %s (%s): %u accepted, %u unknown%s%s, %u invalid%s%s, "
		    "%u for stations its certificate does not list%s%s", c->terminal ? c->terminal : "?",
		    eb->bridge ? eb->bridge : "", b.rp->accepted, b.rp->unknown,
		    b.first_unknown ? " e.g. " : "", b.first_unknown ? b.first_unknown : "",
		    b.rp->invalid, b.first_invalid ? " e.g. " : "", b.first_invalid ? b.first_invalid : "",
		    b.rp->not_allowed, b.first_not_allowed ? " e.g. " : "",
		    b.first_not_allowed ? b.first_not_allowed : "");
	c->rp->body_case = YOKE__REPLY__BODY_EQUIPMENT_BATCH;
	c->rp->equipment_batch = b.rp;
	reply_message(c, _("%u equipment values recorded"), b.rp->accepted);
	return OUTCOME_COMMIT;
}
