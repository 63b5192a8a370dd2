/* alarm_state.c — see alarm_state.h. */
#include "server/alarm/alarm_state.h"
#include "server/alarm/alarm.h"
#include "shared/i18n.h"
#include "shared/util.h"

enum outcome
alarm_ack_fields(struct ctx *c, const char *cause, const char *action)
{
	if (str_empty(cause) || !text_ok(cause, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Acknowledging an alarm needs the assignable cause: 1-500 bytes of text "
		    "without control characters"));
	if (str_empty(action) || !text_ok(action, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Acknowledging an alarm needs the action taken: 1-500 bytes of text without "
		    "control characters"));
	return OUTCOME_COMMIT;
}

enum outcome
alarm_state_refused(struct ctx *c, const Yoke__Alarm *a)
{
	const Yoke__SignatureRecord *s;
	char when[40];

	if (a->state == YOKE__ALARM_STATE__ALARM_RESOLVED) {
		s = a->resolved;
		format_time_us(s ? s->time_us : 0, when, sizeof when);
		return refuse(c, YOKE__STATUS__STATUS_ALARM_RESOLVED,
		    _("Alarm %s is resolved already: by %s (badge %s) at %s UTC"),
		    alarm_number(c->a, a->id), s ? s->name : "?", s ? s->badge : "?", when);
	}
	s = a->acknowledged;
	format_time_us(s ? s->time_us : 0, when, sizeof when);
	return refuse(c, YOKE__STATUS__STATUS_ALARM_ACKNOWLEDGED,
	    _("Alarm %s is acknowledged already: by %s (badge %s) at %s UTC"),
	    alarm_number(c->a, a->id), s ? s->name : "?", s ? s->badge : "?", when);
}
