/*
 * equipment.h — equipment data over MQTT (issue 10), the server's side.
 *
 * Equipment (a reflow oven, a torque driver, a tester) publishes parameter
 * values to an MQTT broker. yoked does not talk MQTT: yoke-bridge
 * (bridge/) subscribes, reads the payloads (plain JSON topics and
 * Sparkplug B), and sends the values in batches as EquipmentBatch
 * requests, as an enrolled device of its own. So the server stays the one
 * writer with one loop, and a broker that hangs, floods or disconnects
 * never touches it (docs/equipment.md says more).
 *
 * What is stored (server/store/store.h, tables equip_*), condensed:
 *
 *   - per station + parameter, one trend record per minute that had values:
 *     min, max, sum and count (the mean is sum / count);
 *   - every value outside the parameter's limits (lsl/usl of its
 *     equipment_param), kept as it came, with its unit's serial;
 *   - the newest value per station + parameter, with the series' counters
 *     (raw values, first time, trend records, kept points, stored bytes),
 *     and the newest value per unit serial + parameter: what a measure step
 *     from=equipment reads, one key each.
 *
 * Writes per batch: one per trend minute touched, one per kept point, one
 * per station + parameter, one per serial + parameter, one for the totals.
 * A batch of 200 values of 5 parameters in one minute is about a dozen puts.
 *
 * Values are refused one by one, never the batch: a station or parameter
 * no equipment_param defines (unknown), a value that is not finite or
 * comes from more than EQUIPMENT_FUTURE_US ahead of the server's clock
 * (invalid), a station the bridge's certificate does not list
 * (not_allowed). Each is counted in the totals and in the reply, and
 * logged once per batch with the first example.
 */
#ifndef YOKE_EQUIPMENT_H
#define YOKE_EQUIPMENT_H

#include "server/server.h"
#include "shared/defs/defs.h"

#define EQUIPMENT_BATCH_MAX 5000          /* values in one EquipmentBatch */
#define EQUIPMENT_FUTURE_US (60 * 1000000LL) /* a clock this far ahead is wrong */
#define EQUIPMENT_MINUTE_US (60 * 1000000LL)

/* ---- the condensed series (equipment_trend.c; pure, unit-tested) ---- */

/* The minute a time falls in (minutes since the epoch; floor for times
 * before it). */
int64_t equipment_minute(int64_t time_us);
/* Adds a value to a minute's trend (count 0: the first value). */
void equipment_trend_add(Yoke__EquipmentTrend *t, double v);
/* The trend's mean (0 for an empty one). */
double equipment_trend_mean(const Yoke__EquipmentTrend *t);
/* True when v is outside the parameter's limits (kept point by point). */
bool equipment_out_of_limits(const Yoke__EquipmentParam *p, double v);

/* Keys (buffers KEY_MAX; 0 when a name does not fit). */
size_t equipment_key_param(char *buf, const char *station, const char *name);
size_t equipment_key_latest(char *buf, char kind, const char *a, const char *name);
size_t equipment_key_minute(char *buf, const char *station, const char *name, int64_t minute);
size_t equipment_key_point(char *buf, const char *station, const char *name, int64_t time_us,
    uint32_t seq);

/* ---- the server ---- */

/* A load's equipment_param statements into equip_param and equip_spb
 * (req-load.c calls it with the loaded set). */
int equipment_load(struct ctx *c, const Yoke__Definitions *d);

/*
 * A measure step from=equipment: its value from the station's equipment
 * instead of the request's. match=serial: the newest value published for
 * this unit's serial at this station (within window_s when the step gives
 * one); match=latest: the station's newest value within the window
 * (DEFS_EQUIPMENT_WINDOW_DEFAULT when it gives none). None: refused with
 * STATUS_NO_EQUIPMENT_VALUE, saying what is missing; nothing changes and
 * the terminal may try again. Found: *value set and ev->detail names where
 * it came from; the caller records it as a typed value (limits, attempts,
 * and whatever else evaluates measured values).
 */
enum outcome equipment_step_value(struct ctx *c, const Yoke__Step *step,
    const Yoke__UnitRecord *u, Yoke__Event *ev, double *value);

#endif
