/*
 * alarm_words.c — the words of an escalation message, in the reader's
 * language (the person's lang=, the receiver's lang=): a subject line, a
 * few lines of text, and for a generic webhook the alarm as JSON. Data
 * (numbers, stations, serials, names, the operator's words) go in as
 * arguments and are never translated.
 */
#include "server/notify/alarm_words.h"
#include "server/alarm/alarm.h"
#include "server/notify/message.h"
#include "shared/alarm_text.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *
source_words(Yoke__AlarmSource s)
{
	switch (s) {
	case YOKE__ALARM_SOURCE__ALARM_RULE: return _("an SPC rule broke");
	case YOKE__ALARM_SOURCE__ALARM_DRIFT: return _("a drift warning");
	case YOKE__ALARM_SOURCE__ALARM_EQUIPMENT: return _("equipment data");
	case YOKE__ALARM_SOURCE__ALARM_ANDON: return _("a call for help");
	case YOKE__ALARM_SOURCE__ALARM_GATE: return _("the pre-start gate");
	default: return _("an alarm");
	}
}

static const char *
utc(struct arena *a, int64_t us)
{
	char buf[32];
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
	return arena_strdup(a, buf);
}

void
alarm_text(struct arena *a, const Yoke__Alarm *al, uint32_t level, int64_t now,
    const char *lang, struct alarm_words *out)
{
	char saved[16];
	const char *num = alarm_number(a, al->id);
	const Yoke__SignatureRecord *r = al->raised;
	int64_t raised = r ? r->time_us : now;
	unsigned minutes = now > raised ? (unsigned)((now - raised) / 60000000) : 0;
	char *body = NULL;
	size_t len = 0;
	FILE *f;

	snprintf(saved, sizeof saved, "%s", i18n_current());
	i18n_use(lang && *lang ? lang : "en");
	out->subject = arena_printf(a, _("%s at %s: %s (escalation level %u)"), num,
	    str_empty(al->station) ? "-" : al->station, source_words(al->source), level);
	if ((f = open_memstream(&body, &len)) != NULL) {
		fprintf(f, _("Alarm %s at station %s: %s, %s."), num,
		    str_empty(al->station) ? "-" : al->station, source_words(al->source),
		    _(alarm_severity_name(al->severity)));
		fputc('\n', f);
		fprintf(f, _("Raised %s UTC by %s (%s)."), utc(a, raised),
		    r && !str_empty(r->name) ? r->name : "-", r && !str_empty(r->badge) ? r->badge : "-");
		fputc('\n', f);
		if (!str_empty(al->serial)) {
			fprintf(f, _("Unit %s, work order %s."), al->serial,
			    str_empty(al->work_order) ? "-" : al->work_order);
			fputc('\n', f);
		}
		if (!str_empty(al->characteristic)) {
			fprintf(f, _("Characteristic %s, rule %s."), al->characteristic,
			    str_empty(al->rule) ? "-" : al->rule);
			fputc('\n', f);
		}
		if (!str_empty(al->detail)) {
			fprintf(f, _("Detail: %s"), al->detail);
			fputc('\n', f);
		}
		if (al->state == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED && al->acknowledged)
			fprintf(f, P_("Acknowledged by %s but not resolved %u minute after it was raised.",
			    "Acknowledged by %s but not resolved %u minutes after it was raised.", minutes),
			    str_empty(al->acknowledged->name) ? al->acknowledged->badge :
			    al->acknowledged->name, minutes);
		else
			fprintf(f, P_("Nobody has acknowledged it %u minute after it was raised.",
			    "Nobody has acknowledged it %u minutes after it was raised.", minutes), minutes);
		fputc('\n', f);
		fclose(f);
	}
	out->text = arena_strdup(a, body ? body : "");
	free(body);
	i18n_use(saved);
}

/* "key":"value" for one member, with the comma before it. */
static void
member(FILE *f, const char *name, const char *value)
{
	char *j = msg_json_string(value ? value : "");
	fprintf(f, ",\"%s\":%s", name, j ? j : "\"\"");
	free(j);
}

const char *
alarm_json(struct arena *a, const Yoke__Alarm *al, uint32_t level, const char *key,
    const struct alarm_words *w)
{
	char *out = NULL, *k;
	const char *res;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (f == NULL)
		return "";
	k = msg_json_string(key);
	fprintf(f, "{\"key\":%s", k ? k : "\"\"");
	free(k);
	member(f, "alarm", alarm_number(a, al->id));
	fprintf(f, ",\"id\":%llu,\"level\":%u", (unsigned long long)al->id, level);
	member(f, "station", al->station);
	member(f, "source", defs_alarm_source_name((uint32_t)al->source));
	member(f, "severity", al->severity == YOKE__ALARM_SEVERITY__ALARM_VIOLATION ? "violation" :
	    "warning");
	member(f, "state", alarm_state_name(al->state));    /* English: data for programs */
	member(f, "serial", al->serial);
	member(f, "work_order", al->work_order);
	member(f, "characteristic", al->characteristic);
	member(f, "rule", al->rule);
	member(f, "detail", al->detail);
	fprintf(f, ",\"raised_us\":%lld", (long long)(al->raised ? al->raised->time_us : 0));
	member(f, "subject", w->subject);
	member(f, "text", w->text);
	fputc('}', f);
	fclose(f);
	res = arena_strdup(a, out ? out : "");
	free(out);
	return res;
}
