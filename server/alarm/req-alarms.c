/*
 * req-alarms.c — alarms, newest first: one by its number, or those that
 * match every filter given (state or open, station, raised since).
 * Read-only; any device may ask (the lead's list, yokectl alarm list).
 */
#include "server/requests.h"
#include "server/alarm/alarm.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

#define ALARMS_MAX 2000         /* listed; `matched` counts them all */

struct alarm_walk {
	struct ctx *c;
	const Yoke__AlarmQuery *q;
	Yoke__AlarmReply *ar;
	int rc;
};

static int
alarms_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct alarm_walk *w = ud;
	const Yoke__AlarmQuery *q = w->q;
	Yoke__Alarm *a;
	(void)k;
	(void)kl;

	if ((a = rec_decode(w->c->a, &yoke__alarm__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if (q->since_us && a->raised && a->raised->time_us < q->since_us)
		return 1;       /* newest first: every alarm from here is older */
	if ((q->state && a->state != q->state) ||
	    (q->open && a->state == YOKE__ALARM_STATE__ALARM_RESOLVED) ||
	    (!str_empty(q->station) && strcmp(q->station, a->station ? a->station : "") != 0))
		return 0;
	w->ar->matched++;
	if (w->ar->n_alarms < ALARMS_MAX)
		w->ar->alarms[w->ar->n_alarms++] = a;
	return 0;
}

enum outcome
req_alarms(struct ctx *c)
{
	const Yoke__AlarmQuery *q = c->rq->alarm_query;
	Yoke__AlarmReply *ar;
	Yoke__Alarm *a;
	enum outcome o;
	int rc;

	if (!text_ok(q->number, 32) || !text_ok(q->station, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Alarm filters: a number such as ALM-000012, a station"));
	if (q->state < 0 || q->state > YOKE__ALARM_STATE__ALARM_RESOLVED || q->since_us < 0)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected an alarm state (raised, acknowledged, resolved), or none for every "
		    "state, and a time since that is not negative"));
	if (!str_empty(q->number)) {
		if ((o = alarm_load(c, q->number, &a)) != OUTCOME_COMMIT)
			return o;
		Yoke__Alarm **one = ARENA_NEW(c->a, Yoke__Alarm *, 1);
		one[0] = a;
		alarm_reply(c, one, 1);
		return OUTCOME_COMMIT;
	}
	alarm_reply(c, ARENA_NEW(c->a, Yoke__Alarm *, ALARMS_MAX), 0);
	ar = c->rp->alarms;
	struct alarm_walk w = { c, q, ar, STORE_OK };
	rc = store_walk_back(c->txn, T_ALARM, NULL, 0, alarms_walk, &w);
	if (rc != STORE_OK || w.rc != STORE_OK)
		return store_failed(c, rc != STORE_OK ? rc : w.rc);
	return OUTCOME_COMMIT;
}
