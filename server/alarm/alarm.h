/*
 * alarm.h — alarms: something at a station needs a person now. An alarm
 * has a source (an SPC rule, a drift warning, equipment, the operator's
 * andon call, the pre-start gate), a station, a severity, and a state:
 *
 *   (none) --alarm_raise--> raised --acknowledge--> acknowledged --resolve--> resolved
 *
 * Acknowledgement is signed by a lead with the assignable cause and the
 * action taken. An alarm that stops its station (stops_station) writes the
 * station's key in the station_stop table; every unit request at that
 * station asks alarm_station_check and is refused STATION_STOPPED until
 * the acknowledgement removes the key. Escalation (who is told, by which
 * channel, after how long without acknowledgement) is data in the
 * definitions; its messages go through the outbox (server/notify/outbox.h).
 *
 * alarm_raise runs inside the request's transaction, so the alarm, the
 * station's stop and the reply the operator sees stand or fall together.
 */
#ifndef YOKE_ALARM_H
#define YOKE_ALARM_H

#include "server/server.h"

/*
 * Raises the alarm `a` (source, severity, station, station_kind, serial,
 * work_order, characteristic, rule, detail, stops_station, raised filled
 * by the caller; id, state filled here): gives it the next number, writes
 * it, writes the station's stop key when it stops the station (an already
 * stopped station keeps its first alarm's key) and notifies the station's
 * terminals and the leads ("alarm/<station>" and "role/lead" topics).
 * The caller records any event about the unit (EVENT_ALARM_RAISED with
 * alarm_number in its detail). STORE_OK or a store error.
 */
int alarm_raise(struct ctx *c, Yoke__Alarm *a);
/* Loads an alarm by id: STORE_OK, STORE_NOTFOUND. */
int alarm_get(struct ctx *c, uint64_t id, Yoke__Alarm **a);
/* Writes an alarm back after a change of state. */
int alarm_put(struct ctx *c, const Yoke__Alarm *a);
/* Refuses STATION_STOPPED when an alarm stopped the station, naming it;
 * OUTCOME_COMMIT when the station may work. One read. */
enum outcome alarm_station_check(struct ctx *c, const char *station);
/* The alarm that stops the station (0: none): STORE_OK or a store error. */
int alarm_station_stopper(struct ctx *c, const char *station, uint64_t *id);
/* "ALM-000012", in the arena. */
const char *alarm_number(struct arena *a, uint64_t id);
/* Loads the alarm a number names ("ALM-000012", alarm_text.h): refuses
 * BAD_REQUEST for a malformed number, NOT_FOUND for an unknown one. */
enum outcome alarm_load(struct ctx *c, const char *number, Yoke__Alarm **a);
/*
 * Acknowledges the raised alarm `a` (its state checked by the caller):
 * state, signature, cause and action, written back. When `a` is the alarm
 * whose key stops its station, the key goes, and the oldest other raised
 * alarm that stops the station takes its place (*next: its id, else 0:
 * the station may work). The unit's history gets EVENT_ALARM_ACKNOWLEDGED
 * when the alarm names a unit. Notices on "alarm/<station>" and
 * "role/lead". STORE_OK or a store error.
 */
int alarm_acknowledge(struct ctx *c, Yoke__Alarm *a, Yoke__SignatureRecord *by,
    const char *cause, const char *action, uint64_t *next);
/* Resolves the acknowledged alarm `a`: the same for the resolution
 * (EVENT_ALARM_RESOLVED). */
int alarm_resolve(struct ctx *c, Yoke__Alarm *a, Yoke__SignatureRecord *by,
    const char *resolution);
/* Sets the reply body to these alarms (matched = n). */
void alarm_reply(struct ctx *c, Yoke__Alarm **alarms, size_t n);

#endif
