/*
 * alarm_call.c — the operator's call for help and the station's alarms at
 * the terminal: the question, the requests, the answers, the notices
 * (see alarm_call.h).
 */
#include "terminal/alarm_call.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/alarm_text.h"
#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static void
drop_open(struct station_view *sv)
{
	if (sv->alarm.open)
		yoke__alarm_reply__free_unpacked(sv->alarm.open, NULL);
	sv->alarm.open = NULL;
}

void
alarm_request_init(struct station_request *r)
{
	Yoke__AndonCall andon = YOKE__ANDON_CALL__INIT;
	Yoke__AlarmQuery query = YOKE__ALARM_QUERY__INIT;
	Yoke__AlarmAck ack = YOKE__ALARM_ACK__INIT;
	Yoke__AlarmResolve resolve = YOKE__ALARM_RESOLVE__INIT;

	r->andon = andon;
	r->alarm_query = query;
	r->alarm_ack = ack;
	r->alarm_resolve = resolve;
}

void
alarm_station_stop(struct station_view *sv)
{
	drop_open(sv);
	sv->alarm.want = sv->alarm.calling = sv->alarm.stop = false;
	sv->alarm.text[0] = '\0';
	sv->alarm.stopped_by = 0;
	if (sv->ask == STATION_ASK_ANDON_TEXT || sv->ask == STATION_ASK_ANDON_STOP)
		drop_ask(sv);
}

void
alarm_station_start(struct station_view *sv, uint64_t stopped_by)
{
	/* Badge-in said whether the station is stopped (stopped_by): then its
	 * alarms are read at once, so whoever badges in sees the stopped
	 * screen, not only at the first refused scan. */
	alarm_station_stop(sv);
	sv->alarm.want = stopped_by != 0;
}

const char *
alarm_station_topic(struct station_view *sv)
{
	snprintf(sv->alarm.topic, sizeof sv->alarm.topic, "alarm/%s", sv->station);
	return sv->alarm.topic;
}

bool
alarm_station_notice(struct station_view *sv, const Yoke__Notice *n)
{
	char topic[96];

	/* A SUB matches by prefix: "alarm/SMT-1" also gets "alarm/SMT-10". */
	if (strncmp(str(n->topic), "alarm/", 6) != 0)
		return false;
	snprintf(topic, sizeof topic, "alarm/%s", sv->station);
	if (strcmp(str(n->topic), topic) == 0 && sv->session[0]) {
		sv->alarm.want = true;
		if (str(n->text)[0] && strcmp(n->text, "alarm raised") == 0)
			sv->bell++;
		sv->dirty = true;
	}
	return true;
}

void
alarm_station_seen(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status == YOKE__STATUS__STATUS_STATION_STOPPED)
		sv->alarm.want = true;
}

static void
ask(struct station_view *sv, bool stop)
{
	drop_ask(sv);
	sv->alarm.stop = stop;
	sv->alarm.text[0] = '\0';
	sv->ask = STATION_ASK_ANDON_TEXT;
	sv->message[0] = '\0';
	sv->dirty = true;
}

bool
alarm_call_command(struct station_view *sv, const char *line)
{
	if (strcasecmp(line, ALARM_COMMAND_ANDON) == 0)
		ask(sv, false);
	else if (strcasecmp(line, ALARM_COMMAND_STOP) == 0)
		ask(sv, true);
	else
		return false;
	return true;
}

bool
alarm_call_key(struct station_view *sv)
{
	if (sv->mode == STATION_BADGE || !sv->session[0])
		return false;
	ask(sv, false);
	return true;
}

static bool
req_call(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	copy(r->text, sizeof r->text, sv->alarm.text);
	r->andon.text = r->text;
	r->andon.stop = sv->alarm.stop;
	r->andon.serial = (char *)"";
	if (sv->mode == STATION_UNIT && sv->unit && sv->unit->status == YOKE__UNIT_STATUS__UNIT_IN_WORK) {
		copy(r->serial, sizeof r->serial, sv->unit->serial);
		r->andon.serial = r->serial;
	}
	r->rq.body_case = YOKE__REQUEST__BODY_ANDON;
	r->rq.andon = &r->andon;
	sv->pending = STATION_PENDING_ALARM;
	sv->alarm.calling = true;
	say(sv, STATION_TONE_WAIT, "%s", sv->alarm.stop ? _("Calling for help and stopping the "
	    "station\u2026") : _("Calling for help\u2026"));
	drop_ask(sv);
	return true;
}

bool
alarm_call_answer(struct station_view *sv, const char *line, struct station_request *r)
{
	sv->dirty = true;
	if (strcasecmp(line, "@BACK") == 0) {
		drop_ask(sv);
		say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
		return false;
	}
	if (sv->ask == STATION_ASK_ANDON_TEXT) {
		if (line[0] == '@') {
			say(sv, STATION_TONE_ERROR, _("Type what is wrong, or Enter for no words; got the "
			    "command \"%s\" (@BACK: cancel)"), line);
			return false;
		}
		if (strlen(line) >= sizeof sv->alarm.text) {
			say(sv, STATION_TONE_ERROR, _("At most %d bytes: say it shorter"),
			    (int)sizeof sv->alarm.text - 1);
			return false;
		}
		copy(sv->alarm.text, sizeof sv->alarm.text, line);
		if (sv->alarm.stop)
			return req_call(sv, r);
		sv->ask = STATION_ASK_ANDON_STOP;
		return false;
	}
	/* ANDON_STOP */
	if (strcasecmp(line, ALARM_COMMAND_STOP) == 0 || strcasecmp(line, "Y") == 0 ||
	    strcasecmp(line, "YES") == 0) {
		sv->alarm.stop = true;
		return req_call(sv, r);
	}
	if (line[0] == '\0' || strcasecmp(line, "N") == 0 || strcasecmp(line, "NO") == 0)
		return req_call(sv, r);
	say(sv, STATION_TONE_ERROR, _("Expected @STOP to stop the station, or Enter to call "
	    "without stopping; got \"%s\""), line);
	return false;
}

void
alarm_call_prompt(const struct station_view *sv, char *buf, size_t size)
{
	if (sv->ask == STATION_ASK_ANDON_TEXT)
		snprintf(buf, size, "%s", sv->alarm.stop ? _("Stop the station and call for help: "
		    "what is wrong? (Enter: no words)") : _("Call for help: what is wrong? (Enter: no "
		    "words)"));
	else
		snprintf(buf, size, "%s", _("Stop the station until a lead acknowledges? @STOP: stop "
		    "\u00b7 Enter: call without stopping"));
}

void
alarm_stopped_prompt(const struct station_view *sv, char *buf, size_t size)
{
	char n[32];

	alarm_number_text(n, sizeof n, sv->alarm.stopped_by);
	snprintf(buf, size, _("Stopped by alarm %s: wait for a lead to acknowledge it"), n);
}

bool
alarm_station_next_request(struct station_view *sv, struct station_request *r)
{
	if (!sv->alarm.want || !sv->session[0])
		return false;
	sv->alarm.want = false;
	station_request_init(r);
	copy(r->station, sizeof r->station, sv->station);
	r->alarm_query.station = r->station;
	r->alarm_query.open = true;
	r->rq.body_case = YOKE__REQUEST__BODY_ALARM_QUERY;
	r->rq.alarm_query = &r->alarm_query;
	sv->pending = STATION_PENDING_ALARM;
	sv->alarm.calling = false;
	return true;
}

const Yoke__Alarm *
alarm_station_stopper(const struct station_view *sv)
{
	const Yoke__AlarmReply *o = sv->alarm.open;
	const Yoke__Alarm *oldest = NULL;

	/* The oldest raised alarm that stops the station is the one the
	 * server names (alarm.h): the list is newest first. */
	for (size_t i = 0; o && i < o->n_alarms; i++)
		if (o->alarms[i]->stops_station && o->alarms[i]->state == YOKE__ALARM_STATE__ALARM_RAISED)
			oldest = o->alarms[i];
	return oldest;
}

const Yoke__Alarm *
alarm_station_raised(const struct station_view *sv)
{
	const Yoke__AlarmReply *o = sv->alarm.open;

	for (size_t i = 0; o && i < o->n_alarms; i++)
		if (o->alarms[i]->state == YOKE__ALARM_STATE__ALARM_RAISED)
			return o->alarms[i];
	return NULL;
}

/* The station's alarms as read now; when the stop is over, says who ended it. */
static void
take_open(struct station_view *sv, const Yoke__AlarmReply *ar)
{
	uint64_t was = sv->alarm.stopped_by;
	const Yoke__Alarm *s;
	char n[32];

	drop_open(sv);
	sv->alarm.open = pb_copy(&ar->base);
	s = alarm_station_stopper(sv);
	sv->alarm.stopped_by = s ? s->id : 0;
	if (was == 0 || sv->alarm.stopped_by == was)
		return;
	alarm_number_text(n, sizeof n, was);
	for (size_t i = 0; i < ar->n_alarms; i++) {
		const Yoke__Alarm *a = ar->alarms[i];
		if (a->id == was && a->acknowledged) {
			if (s)
				say(sv, STATION_TONE_INFO, _("Alarm %s acknowledged by %s; the station is "
				    "still stopped by another alarm"), n, str(a->acknowledged->name));
			else
				say(sv, STATION_TONE_OK, _("Alarm %s acknowledged by %s: the station works "
				    "again. Cause: %s. Action: %s"), n, str(a->acknowledged->name),
				    str(a->cause), str(a->action));
			return;
		}
	}
	if (!s)
		say(sv, STATION_TONE_OK, "%s", _("The station works again"));
}

void
alarm_station_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	bool call = sv->alarm.calling;

	sv->alarm.calling = false;
	sv->dirty = true;
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_ALARMS || !rp->alarms) {
		station_unexpected(sv, rp, _("no alarm in the answer to an alarm request"));
		return;
	}
	if (call) {
		say(sv, STATION_TONE_OK, "%s", !str_empty(rp->message) ? rp->message : _("Help called"));
		sv->bell++;
		sv->alarm.want = true;        /* the stopped screen, if it stops */
		return;
	}
	take_open(sv, rp->alarms);
}
