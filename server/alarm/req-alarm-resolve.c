/*
 * req-alarm-resolve.c — the alarm is over: signed by a lead, an inspector
 * or an engineer, with what was done. Only after the acknowledgement;
 * except that a lead may acknowledge and resolve at once a raised alarm
 * that never stopped its station (a warning dealt with on the spot): then
 * the cause and the action are given too, and the one signature is both.
 * A raised alarm that stopped its station is refused ALARM_NOT_ACKNOWLEDGED:
 * its acknowledgement is the record of why the station could go on.
 */
#include "server/requests.h"
#include "server/alarm/alarm.h"
#include "server/alarm/alarm_state.h"
#include "server/people/signature.h"
#include "shared/i18n.h"
#include "shared/util.h"

enum outcome
req_alarm_resolve(struct ctx *c)
{
	const Yoke__AlarmResolve *q = c->rq->alarm_resolve;
	Yoke__SignatureRecord *by;
	Yoke__Alarm *a;
	enum outcome o;
	uint64_t next;
	int rc;

	if (str_empty(q->resolution) || !text_ok(q->resolution, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Resolving an alarm needs what was done: 1-500 bytes of text without control "
		    "characters"));
	if (!text_ok(q->cause, 500) || !text_ok(q->action, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The cause and the action take up to 500 bytes of text each, without control "
		    "characters"));
	if ((o = alarm_load(c, q->number, &a)) != OUTCOME_COMMIT)
		return o;
	if (a->state == YOKE__ALARM_STATE__ALARM_RESOLVED)
		return alarm_state_refused(c, a);
	if (a->state == YOKE__ALARM_STATE__ALARM_RAISED) {
		if (a->stops_station)
			return refuse(c, YOKE__STATUS__STATUS_ALARM_NOT_ACKNOWLEDGED,
			    _("Alarm %s stopped station %s and is not acknowledged yet: a lead "
			    "acknowledges it first, with the cause and the action taken"),
			    alarm_number(c->a, a->id), a->station);
		if (str_empty(q->cause) || str_empty(q->action))
			return refuse(c, YOKE__STATUS__STATUS_ALARM_NOT_ACKNOWLEDGED,
			    _("Alarm %s is not acknowledged yet: to acknowledge and resolve it at "
			    "once, give the cause and the action taken too, signed by a lead"),
			    alarm_number(c->a, a->id));
		if ((o = alarm_ack_fields(c, q->cause, q->action)) != OUTCOME_COMMIT)
			return o;
		if ((o = sign_as(c, q->signature, ROLE_BIT(YOKE__ROLE__ROLE_LEAD),
		    _("acknowledged and resolved the alarm"), &by)) != OUTCOME_COMMIT)
			return o;
		if ((rc = alarm_acknowledge(c, a, by, q->cause, q->action, &next)) != STORE_OK)
			return store_failed(c, rc);
	} else if ((o = sign_as(c, q->signature, ROLES_QUALITY, _("resolved the alarm"), &by)) !=
	    OUTCOME_COMMIT)
		return o;
	if ((rc = alarm_resolve(c, a, by, q->resolution)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Alarm **one = ARENA_NEW(c->a, Yoke__Alarm *, 1);
	one[0] = a;
	alarm_reply(c, one, 1);
	reply_message(c, _("Alarm %s resolved"), alarm_number(c->a, a->id));
	return OUTCOME_COMMIT;
}
