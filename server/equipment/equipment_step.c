/*
 * equipment_step.c — a measure step from=equipment takes its value from
 * what the station's equipment published (equipment.h), one key read.
 */
#include "server/requests.h"
#include "server/equipment/equipment.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>
#include <time.h>

/* "2026-11-26T10:00:00.250Z": when a value was measured, for the event (data). */
static const char *
utc_text(struct arena *a, int64_t us)
{
	time_t s = (time_t)(us / 1000000);
	struct tm tm;
	char buf[40];
	if (gmtime_r(&s, &tm) == NULL || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return "?";
	return arena_printf(a, "%s.%03dZ", buf, (int)(us % 1000000 / 1000));
}

enum outcome
equipment_step_value(struct ctx *c, const Yoke__Step *step, const Yoke__UnitRecord *u,
    Yoke__Event *ev, double *value)
{
	const char *station = c->station->id;
	uint32_t window = step->window_s ? step->window_s : DEFS_EQUIPMENT_WINDOW_DEFAULT;
	Yoke__EquipmentLatest *l;
	char key[KEY_MAX];
	size_t kl;
	int rc;

	if (step->match_serial)
		kl = equipment_key_latest(key, 'u', u->serial, step->name);
	else
		kl = equipment_key_latest(key, 's', station, step->name);
	rc = kl ? rec_get(c->txn, c->a, T_EQUIP_LATEST, key, kl, &yoke__equipment_latest__descriptor,
	    (void **)&l) : STORE_NOTFOUND;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if (rc == STORE_NOTFOUND && step->match_serial) {
		/* Why not: no such parameter at all, or nothing for this unit. */
		if ((kl = equipment_key_param(key, station, step->name)) != 0 &&
		    store_get(c->txn, T_EQUIP_PARAM, key, kl, &(const void *){ NULL }, &(size_t){ 0 }) ==
		    STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE,
			    _("Station %s has no equipment parameter %s in the definitions "
			    "(equipment_param %s station=%s): ask the process engineer"), station,
			    step->name, step->name, station);
		return refuse(c, YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE,
		    _("No value of %s for unit %s from %s yet: check the equipment's connection, then "
		    "try again"), step->name, u->serial, station);
	}
	if (rc == STORE_OK && step->match_serial && strcmp(l->station, station) != 0)
		return refuse(c, YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE,
		    _("The value of %s for unit %s came from %s, not from %s: measure it here, then "
		    "try again"), step->name, u->serial, l->station, station);
	if (rc == STORE_NOTFOUND || (!step->match_serial && l->raw_values == 0)) {
		if ((kl = equipment_key_param(key, station, step->name)) != 0 &&
		    store_get(c->txn, T_EQUIP_PARAM, key, kl, &(const void *){ NULL }, &(size_t){ 0 }) ==
		    STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE,
			    _("Station %s has no equipment parameter %s in the definitions "
			    "(equipment_param %s station=%s): ask the process engineer"), station,
			    step->name, step->name, station);
		return refuse(c, YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE,
		    _("No value of %s from %s yet: check the equipment's connection, then try again"),
		    step->name, station);
	}
	/* A serial's value counts at any age unless the step gives a window. */
	if ((!step->match_serial || step->window_s) && c->now - l->time_us > (int64_t)window * 1000000) {
		int64_t ago = (c->now - l->time_us) / 1000000;
		return refuse(c, YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE,
		    _("No value of %s from %s in the last %u s (the newest is %lld s old): check the "
		    "equipment's connection, then try again"), step->name, station, window,
		    (long long)ago);
	}
	*value = l->value;
	ev->detail = arena_printf(c->a, "equipment %s %s", station, utc_text(c->a, l->time_us));
	return OUTCOME_COMMIT;
}
