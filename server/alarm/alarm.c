/* alarm.c — see alarm.h. */
#include "server/alarm/alarm.h"
#include "server/notify/escalate.h"
#include "server/quality/counter.h"
#include "server/store/records.h"
#include "server/unit/unit.h"
#include "shared/alarm_text.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

const char *
alarm_number(struct arena *a, uint64_t id)
{
	char buf[ALARM_NUMBER_MAX + 8];
	alarm_number_text(buf, sizeof buf, id);
	return arena_strdup(a, buf);
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

int
alarm_station_stopper(struct ctx *c, const char *station, uint64_t *id)
{
	const void *v;
	size_t vl;
	int rc = store_get(c->txn, T_STATION_STOP, station, strlen(station), &v, &vl);
	*id = rc == STORE_OK && vl == 8 ? get_be64(v) : 0;
	if (rc == STORE_OK && vl != 8)
		return STORE_ERROR;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
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

enum outcome
alarm_load(struct ctx *c, const char *number, Yoke__Alarm **a)
{
	uint64_t id;
	int rc;

	if (!alarm_number_parse(number, &id))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected an alarm number such as ALM-000012, not \"%s\""),
		    number ? number : "");
	rc = alarm_get(c, id, a);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No alarm %s"),
		    alarm_number(c->a, id));
	if (rc != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

/* Finds the oldest raised alarm after the one released that stops the same
 * station. Only alarms newer than the key's alarm can: the key is always
 * the oldest raised alarm that stops its station (alarm_raise keeps the
 * first; a release hands it to the next). */
struct next_walk {
	struct ctx *c;
	const char *station;
	uint64_t next;
	int rc;
};

static int
next_stopper(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct next_walk *w = ud;
	Yoke__Alarm *a;
	(void)k;
	(void)kl;

	if ((a = rec_decode(w->c->a, &yoke__alarm__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (a->stops_station && a->state == YOKE__ALARM_STATE__ALARM_RAISED &&
	    a->station != NULL && strcmp(a->station, w->station) == 0) {
		w->next = a->id;
		return 1;
	}
	return 0;
}

/* The alarm's stop key goes; the next stopping alarm's key takes its place. */
static int
release_station(struct ctx *c, const Yoke__Alarm *a, uint64_t *next)
{
	struct next_walk w = { c, a->station, 0, STORE_OK };
	unsigned char k[8];
	const void *v;
	size_t vl;
	int rc;

	*next = 0;
	if (!a->stops_station || str_empty(a->station))
		return STORE_OK;
	rc = store_get(c->txn, T_STATION_STOP, a->station, strlen(a->station), &v, &vl);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	if (vl != 8 || get_be64(v) != a->id) {
		/* Another alarm stops it: it stays stopped by that one. */
		*next = vl == 8 ? get_be64(v) : 0;
		return STORE_OK;
	}
	put_be64(k, a->id + 1);
	if ((rc = store_walk_from(c->txn, T_ALARM, k, 8, next_stopper, &w)) != STORE_OK)
		return rc;
	if (w.rc != STORE_OK)
		return w.rc;
	if (w.next == 0)
		return store_del(c->txn, T_STATION_STOP, a->station, strlen(a->station), NULL, 0);
	put_be64(k, w.next);
	*next = w.next;
	return store_put(c->txn, T_STATION_STOP, a->station, strlen(a->station), k, 8, 0);
}

/* EVENT_ALARM_ACKNOWLEDGED or _RESOLVED in the history of the unit the
 * alarm names; nothing when it names none. */
static int
unit_event_of(struct ctx *c, const Yoke__Alarm *a, Yoke__EventKind kind,
    Yoke__SignatureRecord *by, const char *text)
{
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	Yoke__Event *ev;
	int rc;

	if (str_empty(a->serial))
		return STORE_OK;
	if (unit_load(c, a->serial, &u, &r) != OUTCOME_COMMIT)
		return STORE_ERROR;     /* an alarm names only units that exist */
	ev = unit_event(c, kind, u, r);
	ev->detail = (char *)alarm_number(c->a, a->id);
	ev->text = (char *)text;
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK)
		return rc;
	return unit_save(c, u);
}

static void
notify_change(struct ctx *c, const Yoke__Alarm *a, const char *what)
{
	char topic[96];

	snprintf(topic, sizeof topic, "alarm/%s", a->station ? a->station : "");
	notify(c, topic, a->serial ? a->serial : "", YOKE__UNIT_STATUS__UNIT_NONE, what);
	notify(c, "role/lead", a->serial ? a->serial : "", YOKE__UNIT_STATUS__UNIT_NONE, what);
}

int
alarm_acknowledge(struct ctx *c, Yoke__Alarm *a, Yoke__SignatureRecord *by, const char *cause,
    const char *action, uint64_t *next)
{
	int rc;

	a->state = YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
	a->acknowledged = by;
	a->cause = arena_strdup(c->a, cause);
	a->action = arena_strdup(c->a, action);
	if ((rc = alarm_put(c, a)) != STORE_OK || (rc = release_station(c, a, next)) != STORE_OK)
		return rc;
	rc = unit_event_of(c, a, YOKE__EVENT_KIND__EVENT_ALARM_ACKNOWLEDGED, by,
	    arena_printf(c->a, _("Alarm %s acknowledged by %s: cause %s; action %s"),
	    alarm_number(c->a, a->id), by->name, cause, action));
	if (rc != STORE_OK)
		return rc;
	notify_change(c, a, N_("alarm acknowledged"));
	return STORE_OK;
}

int
alarm_resolve(struct ctx *c, Yoke__Alarm *a, Yoke__SignatureRecord *by, const char *resolution)
{
	int rc;

	a->state = YOKE__ALARM_STATE__ALARM_RESOLVED;
	a->resolved = by;
	a->resolution = arena_strdup(c->a, resolution);
	if ((rc = alarm_put(c, a)) != STORE_OK)
		return rc;
	rc = unit_event_of(c, a, YOKE__EVENT_KIND__EVENT_ALARM_RESOLVED, by,
	    arena_printf(c->a, _("Alarm %s resolved by %s: %s"), alarm_number(c->a, a->id),
	    by->name, resolution));
	if (rc != STORE_OK)
		return rc;
	notify_change(c, a, N_("alarm resolved"));
	return STORE_OK;
}

void
alarm_reply(struct ctx *c, Yoke__Alarm **alarms, size_t n)
{
	Yoke__AlarmReply *ar = arena_alloc(c->a, sizeof *ar);

	yoke__alarm_reply__init(ar);
	ar->alarms = alarms;
	ar->n_alarms = n;
	ar->matched = (uint32_t)n;
	c->rp->body_case = YOKE__REPLY__BODY_ALARMS;
	c->rp->alarms = ar;
}
