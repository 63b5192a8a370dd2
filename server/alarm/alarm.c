/* alarm.c — see alarm.h. */
#include "server/alarm/alarm.h"
#include "server/notify/escalate.h"
#include "server/quality/counter.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

const char *
alarm_number(struct arena *a, uint64_t id)
{
	return arena_printf(a, "ALM-%06llu", (unsigned long long)id);
}

int
alarm_get(struct ctx *c, uint64_t id, Yoke__Alarm **a)
{
	unsigned char k[8];
	put_be64(k, id);
	return rec_get(c->txn, c->a, T_ALARM, k, 8, &yoke__alarm__descriptor, (void **)a);
}

int
alarm_put(struct ctx *c, const Yoke__Alarm *a)
{
	unsigned char k[8];
	put_be64(k, a->id);
	return rec_put(c->txn, c->a, T_ALARM, k, 8, (const ProtobufCMessage *)a, 0);
}

int
alarm_raise(struct ctx *c, Yoke__Alarm *a)
{
	unsigned char k[8];
	char topic[96];
	const void *v;
	size_t vl;
	int rc;

	if ((rc = counter_next(c, COUNTER_ALARM, &a->id)) != STORE_OK)
		return rc;
	a->state = YOKE__ALARM_STATE__ALARM_RAISED;
	if ((rc = escalation_start(c, a)) != STORE_OK)     /* the ladder: escalate.h */
		return rc;
	if ((rc = alarm_put(c, a)) != STORE_OK)
		return rc;
	if (a->stops_station && !str_empty(a->station)) {
		rc = store_get(c->txn, T_STATION_STOP, a->station, strlen(a->station), &v, &vl);
		if (rc == STORE_NOTFOUND) {
			put_be64(k, a->id);
			rc = store_put(c->txn, T_STATION_STOP, a->station, strlen(a->station), k, 8, 0);
		}
		if (rc != STORE_OK)
			return rc;
	}
	snprintf(topic, sizeof topic, "alarm/%s", a->station ? a->station : "");
	notify(c, topic, a->serial ? a->serial : "", YOKE__UNIT_STATUS__UNIT_NONE,
	    N_("alarm raised"));
	notify(c, "role/lead", a->serial ? a->serial : "", YOKE__UNIT_STATUS__UNIT_NONE,
	    N_("alarm raised"));
	return STORE_OK;
}

enum outcome
alarm_station_check(struct ctx *c, const char *station)
{
	const void *v;
	size_t vl;
	Yoke__Alarm *a;
	int rc;

	if (str_empty(station))
		return OUTCOME_COMMIT;
	rc = store_get(c->txn, T_STATION_STOP, station, strlen(station), &v, &vl);
	if (rc == STORE_NOTFOUND)
		return OUTCOME_COMMIT;
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (vl != 8)
		return store_failed(c, STORE_ERROR);
	if ((rc = alarm_get(c, get_be64(v), &a)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	return refuse(c, YOKE__STATUS__STATUS_STATION_STOPPED,
	    _("Station %s is stopped by alarm %s: a lead must acknowledge it before any more work"),
	    station, alarm_number(c->a, a->id));
}
