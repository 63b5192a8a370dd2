/* alarm_text.c — see alarm_text.h. */
#include "shared/alarm_text.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

bool
alarm_number_parse(const char *s, uint64_t *id)
{
	uint64_t v = 0;
	size_t n = 0;

	if (s == NULL)
		return false;
	if (strncasecmp(s, "ALM-", 4) == 0)
		s += 4;
	for (; s[n] != '\0'; n++) {
		if (s[n] < '0' || s[n] > '9' || n == 12)
			return false;
		v = v * 10 + (uint64_t)(s[n] - '0');
	}
	if (n == 0 || v == 0)
		return false;
	*id = v;
	return true;
}

void
alarm_number_text(char *buf, size_t size, uint64_t id)
{
	snprintf(buf, size, "ALM-%06llu", (unsigned long long)id);
}

const char *
alarm_state_name(Yoke__AlarmState s)
{
	switch (s) {
	case YOKE__ALARM_STATE__ALARM_RAISED: return N_("raised");
	case YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED: return N_("acknowledged");
	case YOKE__ALARM_STATE__ALARM_RESOLVED: return N_("resolved");
	default: return "?";
	}
}

const char *
alarm_source_name(Yoke__AlarmSource s)
{
	switch (s) {
	case YOKE__ALARM_SOURCE__ALARM_RULE: return N_("SPC rule");
	case YOKE__ALARM_SOURCE__ALARM_DRIFT: return N_("drift");
	case YOKE__ALARM_SOURCE__ALARM_EQUIPMENT: return N_("equipment");
	case YOKE__ALARM_SOURCE__ALARM_ANDON: return N_("call for help");
	case YOKE__ALARM_SOURCE__ALARM_GATE: return N_("pre-start gate");
	default: return "?";
	}
}

const char *
alarm_severity_name(Yoke__AlarmSeverity s)
{
	switch (s) {
	case YOKE__ALARM_SEVERITY__ALARM_WARNING: return N_("warning");
	case YOKE__ALARM_SEVERITY__ALARM_VIOLATION: return N_("violation");
	default: return "?";
	}
}

bool
alarm_state_parse(const char *s, Yoke__AlarmState *st, bool *open)
{
	*open = false;
	*st = YOKE__ALARM_STATE__ALARM_STATE_UNSPECIFIED;
	if (s == NULL)
		return false;
	if (strcmp(s, "raised") == 0)
		*st = YOKE__ALARM_STATE__ALARM_RAISED;
	else if (strcmp(s, "acknowledged") == 0 || strcmp(s, "ack") == 0)
		*st = YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
	else if (strcmp(s, "resolved") == 0)
		*st = YOKE__ALARM_STATE__ALARM_RESOLVED;
	else if (strcmp(s, "open") == 0)
		*open = true;
	else
		return false;
	return true;
}

bool
alarm_is_open(const Yoke__Alarm *a)
{
	return a->state == YOKE__ALARM_STATE__ALARM_RAISED ||
	    a->state == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
}
