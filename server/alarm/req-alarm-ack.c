/*
 * req-alarm-ack.c — a lead acknowledges an alarm: signed with badge and
 * PIN, with the assignable cause and the action taken (both required).
 * The alarm that stopped its station lets it work again (unless another
 * raised alarm stops it too: that one stops it now, alarm.h). An alarm
 * acknowledged or resolved already is refused with who did it and when.
 */
#include "server/requests.h"
#include "server/alarm/alarm.h"
#include "server/alarm/alarm_state.h"
#include "server/people/signature.h"
#include "shared/i18n.h"
#include "shared/util.h"

enum outcome
req_alarm_ack(struct ctx *c)
{
	const Yoke__AlarmAck *q = c->rq->alarm_ack;
	Yoke__SignatureRecord *by;
	Yoke__Alarm *a;
	enum outcome o;
	uint64_t next;
	int rc;

	if ((o = alarm_ack_fields(c, q->cause, q->action)) != OUTCOME_COMMIT)
		return o;
	if ((o = alarm_load(c, q->number, &a)) != OUTCOME_COMMIT)
		return o;
	if (a->state != YOKE__ALARM_STATE__ALARM_RAISED)
		return alarm_state_refused(c, a);
	if ((o = sign_as(c, q->signature, ROLE_BIT(YOKE__ROLE__ROLE_LEAD),
	    _("acknowledged the alarm"), &by)) != OUTCOME_COMMIT)
		return o;
	if ((rc = alarm_acknowledge(c, a, by, q->cause, q->action, &next)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Alarm **one = ARENA_NEW(c->a, Yoke__Alarm *, 1);
	one[0] = a;
	alarm_reply(c, one, 1);
	if (!a->stops_station)
		reply_message(c, _("Alarm %s acknowledged"), alarm_number(c->a, a->id));
	else if (next)
		reply_message(c, _("Alarm %s acknowledged; station %s stays stopped by alarm %s"),
		    alarm_number(c->a, a->id), a->station, alarm_number(c->a, next));
	else
		reply_message(c, _("Alarm %s acknowledged: station %s may work again"),
		    alarm_number(c->a, a->id), a->station);
	return OUTCOME_COMMIT;
}
