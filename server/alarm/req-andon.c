/*
 * req-andon.c — the operator's call for help (the andon key): an alarm of
 * source ANDON at the session's station, with the operator's words, told
 * to the station's terminals and the leads at once. With `stop` the
 * station stops until a lead acknowledges (alarm.h). With `serial` (the
 * unit open at the station) the alarm names the unit, and the unit's
 * history gets EVENT_ALARM_RAISED.
 */
#include "server/requests.h"
#include "server/alarm/alarm.h"
#include "server/people/signature.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

enum outcome
req_andon(struct ctx *c)
{
	const Yoke__AndonCall *ac = c->rq->andon;
	Yoke__Alarm *a = arena_alloc(c->a, sizeof *a);
	Yoke__AlarmReply *ar = arena_alloc(c->a, sizeof *ar);
	Yoke__UnitRecord *u = NULL;
	Yoke__Routing *r = NULL;
	enum outcome o;
	int rc;

	if (!str_empty(ac->text) && !text_ok(ac->text, 300))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A call for help takes up to 300 bytes of text without control characters"));
	if (!str_empty(ac->serial)) {
		if ((o = unit_load(c, ac->serial, &u, &r)) != OUTCOME_COMMIT)
			return o;
		if (u->status != YOKE__UNIT_STATUS__UNIT_IN_WORK ||
		    strcmp(u->station, c->station->id) != 0)
			return refuse(c, YOKE__STATUS__STATUS_WRONG_STEP,
			    _("Unit %s is not open at %s: call for help without it, or scan it first"),
			    u->serial, c->station->id);
	}
	yoke__alarm__init(a);
	a->source = YOKE__ALARM_SOURCE__ALARM_ANDON;
	a->severity = ac->stop ? YOKE__ALARM_SEVERITY__ALARM_VIOLATION :
	    YOKE__ALARM_SEVERITY__ALARM_WARNING;
	a->station = c->station->id;
	a->station_kind = c->station->kind;
	a->detail = arena_strdup(c->a, ac->text ? ac->text : "");
	a->stops_station = ac->stop;
	a->raised = sign_record(c, c->op, _("called for help"));
	if (u) {
		a->serial = u->serial;
		a->work_order = u->work_order;
	}
	if ((rc = alarm_raise(c, a)) != STORE_OK)
		return store_failed(c, rc);
	if (u) {
		Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_ALARM_RAISED, u, r);
		ev->detail = (char *)alarm_number(c->a, a->id);
		ev->text = str_empty(a->detail) ? (char *)_("called for help") : a->detail;
		if ((rc = unit_event_append(c, u, ev)) != STORE_OK || (rc = unit_save(c, u)) != STORE_OK)
			return store_failed(c, rc);
	}
	yoke__alarm_reply__init(ar);
	ar->n_alarms = 1;
	ar->alarms = ARENA_NEW(c->a, Yoke__Alarm *, 1);
	ar->alarms[0] = a;
	c->rp->body_case = YOKE__REPLY__BODY_ALARMS;
	c->rp->alarms = ar;
	if (a->stops_station)
		reply_message(c, _("Help called: alarm %s. The station is stopped until a lead "
		    "acknowledges it"), alarm_number(c->a, a->id));
	else
		reply_message(c, _("Help called: alarm %s. The leads are told"),
		    alarm_number(c->a, a->id));
	return OUTCOME_COMMIT;
}
