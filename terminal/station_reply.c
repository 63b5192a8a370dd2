/*
 * station_reply.c — what the server's answers do to the station model:
 * the reply to the request in flight (read in the light of what was
 * pending), notices from the PUB socket, and the connection going and
 * coming back (see station.h).
 */
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static void
go_badge(struct station_view *sv)
{
	drop_unit(sv);
	drop_queue(sv);
	sv->mode = STATION_BADGE;
	sv->session[0] = sv->badge[0] = sv->operator_name[0] = '\0';
	sv->role = YOKE__ROLE__ROLE_NONE;
	sv->topic[0] = '\0';
	sv->want_queue = sv->want_open = sv->want_complete = false;
	sv->nlines = 0;
	drop_ask(sv);
	station_drop_defects(sv);
	inspector_stop(sv);
	lead_stop(sv);
	receiving_stop(sv);
	setup_stop(sv);
	alarm_station_stop(sv);
	speak(sv, sv->start_language);
	sv->dirty = true;
}

static bool
status_known(Yoke__Status s)
{
	return protobuf_c_enum_descriptor_get_value(&yoke__status__descriptor, (int)s) != NULL;
}

/* A reply this terminal cannot read (what: translated). The status goes
 * only as its number, for whoever looks into it; its name is for programs. */
void
station_unexpected(struct station_view *sv, const Yoke__Reply *rp, const char *what)
{
	if (str_empty(rp->message))
		say(sv, STATION_TONE_ERROR, _("Unexpected reply from server: %s (code %d); call the lead"),
		    what, (int)rp->status);
	else
		say(sv, STATION_TONE_ERROR, _("Unexpected reply from server: %s (code %d: %s); "
		    "call the lead"), what, (int)rp->status, rp->message);
}

/* A refusal for the person: the server's words (in the person's language,
 * as the server chose them), or a sentence that says there were none. */
void
station_refused(struct station_view *sv, const Yoke__Reply *rp)
{
	gate_on_refused(sv, rp);
	if (!str_empty(rp->message))
		say(sv, STATION_TONE_ERROR, "%s", rp->message);
	else
		say(sv, STATION_TONE_ERROR, _("Refused by the server without a reason (code %d); "
		    "call the lead"), (int)rp->status);
}

bool
station_ncr_answer(struct station_view *sv, struct ncr_detail *d, const Yoke__Reply *rp)
{
	bool ok = rp->status == YOKE__STATUS__STATUS_OK;
	if (ok && rp->body_case == YOKE__REPLY__BODY_NCRS && ncr_detail_take(d, rp->ncrs)) {
		if (sv->tone == STATION_TONE_WAIT)
			sv->message[0] = '\0';
		return true;
	}
	if (ok)
		station_unexpected(sv, rp, _("no NCR in the answer to an NCR query"));
	else
		station_refused(sv, rp);
	return false;
}

void
station_trace_answer(struct station_view *sv, struct ncr_detail *d, const Yoke__Reply *rp)
{
	if (rp->status != YOKE__STATUS__STATUS_OK)
		station_refused(sv, rp);
	else if (rp->body_case == YOKE__REPLY__BODY_TRACE && rp->trace)
		ncr_detail_take_trace(d, rp->trace);
}

static void
take_unit(struct station_view *sv, const Yoke__UnitView *u)
{
	Yoke__UnitView *c = pb_copy(&u->base);

	if (!c)
		return;
	drop_unit(sv);
	sv->unit = c;
	sv->dirty = true;
}

static void
on_badge_in(struct station_view *sv, const Yoke__Reply *rp)
{
	const Yoke__BadgeInReply *b;

	if (rp->status == YOKE__STATUS__STATUS_PIN_REQUIRED && sv->ask_badge[0]) {
		sv->ask = STATION_ASK_BADGE_PIN;
		say(sv, STATION_TONE_INFO, "%s", !str_empty(rp->message) ? rp->message :
		    _("This badge signs in with a PIN: type it"));
		return;
	}
	sv->ask_badge[0] = '\0';
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_BADGE_IN || !rp->badge_in || str_empty(rp->badge_in->session)) {
		station_unexpected(sv, rp, _("badge-in accepted without a session"));
		return;
	}
	b = rp->badge_in;
	/* From here the screen speaks the person's language. */
	speak(sv, b->language);
	copy(sv->session, sizeof sv->session, b->session);
	copy(sv->badge, sizeof sv->badge, b->badge);
	copy(sv->operator_name, sizeof sv->operator_name, b->operator_name);
	sv->role = b->role;
	if (!str_empty(b->station_kind))
		copy(sv->station_kind, sizeof sv->station_kind, b->station_kind);
	if (!str_empty(b->station_name))
		copy(sv->station_name, sizeof sv->station_name, b->station_name);
	snprintf(sv->topic, sizeof sv->topic, "station/%s", sv->station_kind);
	sv->subscribe = true;
	sv->queue_seq = sv->queue_epoch = 0;
	station_drop_defects(sv);
	go_home(sv, true);
	sv->want_defects = true;    /* once per badge-in: the codes a failure asks for */
	setup_stop(sv);
	alarm_station_start(sv, b->stopped_by);    /* is the station stopped? (alarm_call.h) */
	if (b->pin_set_by_admin)
		say(sv, STATION_TONE_INFO, _("Welcome, %s (%s). Your PIN was set by an admin: scan @PIN "
		    "to choose your own"), sv->operator_name[0] ? sv->operator_name : sv->badge,
		    station_role_name(sv->role));
	else
		say(sv, STATION_TONE_OK, _("Welcome, %s (%s)"), sv->operator_name[0] ? sv->operator_name :
		    sv->badge, station_role_name(sv->role));
	gate_badge_in(sv, b);        /* a qualification that expires soon */
}

static void
on_queue(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_QUEUE || !rp->queue) {
		station_unexpected(sv, rp, _("no queue in the answer to a queue query"));
		return;
	}
	drop_queue(sv);
	sv->queue = pb_copy(&rp->queue->base);
	sv->queue_seq = rp->queue->topic_seq;
	sv->queue_epoch = rp->queue->epoch;
	if (!str_empty(rp->queue->station_kind) && !sv->station_kind[0]) {
		copy(sv->station_kind, sizeof sv->station_kind, rp->queue->station_kind);
		snprintf(sv->topic, sizeof sv->topic, "station/%s", sv->station_kind);
		sv->subscribe = true;
	}
	sv->dirty = true;
}

static void
on_open(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		/* Refused to open (or to reopen after a reconnect): stay on the queue. */
		if (sv->mode == STATION_UNIT)
			go_home(sv, false);
		station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_UNIT || !rp->unit) {
		if (sv->mode == STATION_UNIT)
			go_home(sv, false);
		station_unexpected(sv, rp, _("no unit in the answer to opening a unit"));
		return;
	}
	take_unit(sv, rp->unit);
	if (!sv->unit) {
		station_unexpected(sv, rp, _("the unit could not be read"));
		return;
	}
	sv->mode = STATION_UNIT;
	setup_refresh(sv);
	if (station_unit_held(sv)) {
		say(sv, STATION_TONE_ERROR, _("HELD: %s"), !str_empty(sv->unit->hold_reason) ?
		    sv->unit->hold_reason : str(rp->message));
	} else if (all_steps_done(sv)) {
		sv->want_complete = true;
	} else {
		say(sv, STATION_TONE_INFO, _("Unit %s open: step %u of %zu"), sv->unit->serial,
		    sv->unit->current_step + 1, sv->unit->n_steps);
	}
}

static void
on_step(struct station_view *sv, const Yoke__Reply *rp)
{
	uint32_t before = sv->unit ? sv->unit->current_step : 0;
	enum station_failing sent = sv->sent;
	/* A value as it was typed ("3,30 V"), said with the server's verdict. */
	bool typed = sent == STATION_FAILING_VALUE && sv->entry[0] && !str_empty(rp->message);

	sv->sent = STATION_FAILING_NONE;
	if (rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit) {
		take_unit(sv, rp->unit);
	}
	if (rp->status == YOKE__STATUS__STATUS_DEFECT_REQUIRED && sent != STATION_FAILING_NONE &&
	    sv->unit && !station_unit_held(sv) && sv->unit->current_step == before) {
		station_defect_required(sv, sent, rp);
		return;
	}
	if (rp->status == YOKE__STATUS__STATUS_MEASURE_AGAIN && sv->unit && !station_unit_held(sv)) {
		/* Recorded, out of the limits: the next line is the next reading. */
		if (typed)
			say(sv, STATION_TONE_ERROR, _("Entered %s \u2014 %s"), sv->entry, rp->message);
		else
			station_refused(sv, rp);
		return;
	}
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		if (station_unit_held(sv))
			say(sv, STATION_TONE_ERROR, _("HELD: %s"), !str_empty(rp->message) ? rp->message :
			    str(sv->unit->hold_reason));
		else
			station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_UNIT || !rp->unit || !sv->unit) {
		station_unexpected(sv, rp, _("no unit in the answer to a step"));
		sv->want_open = true;
		return;
	}
	if (typed) {
		say(sv, STATION_TONE_OK, _("Entered %s \u2014 %s"), sv->entry, rp->message);
	} else if (!str_empty(rp->message)) {
		say(sv, STATION_TONE_OK, "%s", rp->message);
	} else if (before < sv->unit->n_steps && sv->unit->current_step == before &&
	    sv->unit->steps[before]->kind == YOKE__STEP_KIND__STEP_SCAN) {
		const Yoke__StepView *st = sv->unit->steps[before];
		say(sv, STATION_TONE_OK, _("Scanned %s: %u of %u"), str(st->part), st->scanned, st->qty);
	} else if (before < sv->unit->n_steps) {
		const char *res = str(sv->unit->steps[before]->result);
		if (res[0])
			say(sv, STATION_TONE_OK, _("Step %u done: %s"), before + 1, res);
		else
			say(sv, STATION_TONE_OK, _("Step %u done"), before + 1);
	}
	if (station_unit_held(sv))
		say(sv, STATION_TONE_ERROR, _("HELD: %s"), str(sv->unit->hold_reason));
	else if (all_steps_done(sv))
		sv->want_complete = true;
}

static void
on_complete(struct station_view *sv, const Yoke__Reply *rp)
{
	uint32_t op = sv->unit ? sv->unit->operation : 0;

	if (rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit && rp->status != YOKE__STATUS__STATUS_OK)
		take_unit(sv, rp->unit);
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_UNIT || !rp->unit) {
		station_unexpected(sv, rp, _("no unit in the answer to completing an operation"));
		return;
	}
	if (rp->unit->completed_operation)
		op = rp->unit->completed_operation;
	if (!str_empty(rp->unit->next_station_kind))
		snprintf(sv->complete_msg, sizeof sv->complete_msg,
		    _("Operation %u complete \u2014 unit goes to %s"), op, rp->unit->next_station_kind);
	else
		snprintf(sv->complete_msg, sizeof sv->complete_msg, "%s", _("Unit complete"));
	take_unit(sv, rp->unit);
	sv->mode = STATION_COMPLETE;
	if (sv->role == YOKE__ROLE__ROLE_INSPECTOR)
		say(sv, STATION_TONE_OK, _("%s. Scan the next unit, or press Enter for the worklist"),
		    sv->complete_msg);
	else
		say(sv, STATION_TONE_OK, _("%s. Scan the next unit, or press Enter for the queue"),
		    sv->complete_msg);
}

void
station_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	enum station_pending was = sv->pending;

	sv->pending = STATION_PENDING_NONE;
	sv->answered = true;
	sv->dirty = true;
	if (!rp)
		return;
	if (!status_known(rp->status)) {
		station_unexpected(sv, rp, _("unknown status"));
		return;
	}
	if (rp->status == YOKE__STATUS__STATUS_REPLACED) {
		station_set_replaced(sv, rp->message);
		return;
	}
	alarm_station_seen(sv, rp);
	if (rp->status == YOKE__STATUS__STATUS_NOT_BADGED_IN && sv->session[0] &&
	    was != STATION_PENDING_BADGE_IN) {
		/* The session ended on the server: badge in again. */
		go_badge(sv);
		station_refused(sv, rp);
		return;
	}
	switch (was) {
	case STATION_PENDING_HELLO:
		if (rp->status != YOKE__STATUS__STATUS_OK)
			station_refused(sv, rp);
		else if (sv->mode == STATION_BADGE && sv->tone != STATION_TONE_ERROR)
			sv->message[0] = '\0';
		break;
	case STATION_PENDING_BADGE_IN:
		on_badge_in(sv, rp);
		break;
	case STATION_PENDING_BADGE_OUT:
		go_badge(sv);
		if (rp->status == YOKE__STATUS__STATUS_OK)
			say(sv, STATION_TONE_OK, _("Badged out"));
		else
			station_refused(sv, rp);
		break;
	case STATION_PENDING_QUEUE:
		on_queue(sv, rp);
		break;
	case STATION_PENDING_OPEN:
		on_open(sv, rp);
		break;
	case STATION_PENDING_STEP:
		if (rp->status == YOKE__STATUS__STATUS_SETUP_EMPTY ||
		    rp->status == YOKE__STATUS__STATUS_SETUP_LOT_REFUSED)
			setup_stale(sv);
		if (!sv->unit && rp->body_case != YOKE__REPLY__BODY_UNIT) {
			station_refused(sv, rp);
			break;
		}
		on_step(sv, rp);
		break;
	case STATION_PENDING_COMPLETE:
		on_complete(sv, rp);
		break;
	case STATION_PENDING_DEFECTS:
		station_on_defects(sv, rp);
		break;
	case STATION_PENDING_CHANGE_PIN:
		if (rp->status == YOKE__STATUS__STATUS_OK)
			say(sv, STATION_TONE_OK, "%s", !str_empty(rp->message) ? rp->message :
			    _("PIN changed"));
		else
			station_refused(sv, rp);
		break;
	case STATION_PENDING_VIEW:
		if (sv->recv.pending)
			receiving_on_reply(sv, rp);
		else if (sv->insp.pending != INSPECTOR_PENDING_NONE)
			inspector_on_reply(sv, rp);
		else if (sv->lead.pending != LEAD_PENDING_NONE)
			lead_on_reply(sv, rp);
		else if (alarm_board_pending(sv))
			alarm_board_on_reply(sv, rp);
		else if (line_board_pending(sv))
			line_board_on_reply(sv, rp);
		break;
	case STATION_PENDING_SETUP:
		setup_on_reply(sv, rp);
		break;
	case STATION_PENDING_ALARM:
		alarm_station_on_reply(sv, rp);
		break;
	case STATION_PENDING_GAUGE:
		gate_on_reply(sv, rp);
		break;
	case STATION_PENDING_NONE:
		break;
	}
}

void
station_set_replaced(struct station_view *sv, const char *why)
{
	sv->replaced = true;
	sv->nlines = 0;
	sv->want_queue = sv->want_open = sv->want_complete = sv->want_hello = false;
	drop_ask(sv);
	if (!str_empty(why))
		say(sv, STATION_TONE_ERROR, _("REPLACED: %s. Close this terminal (F10)"), why);
	else
		say(sv, STATION_TONE_ERROR, _("REPLACED: another terminal connected with this "
		    "certificate. Close this terminal (F10)"));
}

/* An escalation told to this person (person/<badge>), or to their role
 * when it has no view of its own for alarms (role/<role>): said on the
 * status line with the alarm's number, which the notice carries as its
 * serial. True when the notice was one. */
static bool
escalated_to_me(struct station_view *sv, const char *topic, const Yoke__Notice *n)
{
	char mine[160];
	if (strcmp(str(n->text), "alarm escalated") != 0 || !sv->session[0])
		return false;
	snprintf(mine, sizeof mine, "person/%s", sv->badge);
	if (strcmp(topic, mine) != 0) {
		if (sv->role == YOKE__ROLE__ROLE_LEAD || sv->role == YOKE__ROLE__ROLE_INSPECTOR)
			return false;
		snprintf(mine, sizeof mine, "role/%s", defs_role_name(sv->role));
		if (strcmp(topic, mine) != 0)
			return false;
	}
	say(sv, STATION_TONE_ERROR, _("Alarm %s is escalated to you: it is still not resolved "
	    "(yokectl alarm show %s)"), str(n->serial), str(n->serial));
	return true;
}

void
station_on_notice(struct station_view *sv, const Yoke__Notice *n)
{
	const char *topic = str(n->topic);

	/* A notice's text is the server's English message id (or data, such as
	 * a hold reason): shown in the catalogue's words when it has them. */
	if (strncmp(topic, "terminal/", 9) == 0) {
		/* Our session ended elsewhere (the badge went to another station). */
		if (sv->session[0]) {
			go_badge(sv);
			say(sv, STATION_TONE_ERROR, _("Your session ended: %s. Scan your badge again"),
			    str_empty(n->text) ? "" : _(n->text));
		}
		return;
	}

	if (escalated_to_me(sv, topic, n))
		return;
	if (strcmp(topic, "role/lead") != 0)
		line_board_notice(sv, n);   /* the whole line's moves and alarms (line_board.h) */
	if (strcmp(topic, "role/lead") == 0) {
		if (sv->role == YOKE__ROLE__ROLE_LEAD)
			lead_on_notice(sv, n);
		return;
	}
	if (strcmp(topic, "role/inspector") == 0) {
		if (sv->role == YOKE__ROLE__ROLE_INSPECTOR)
			inspector_on_notice(sv, n);
		return;
	}
	if (alarm_station_notice(sv, n))
		return;
	if (!sv->topic[0] || strcmp(topic, sv->topic) != 0)
		return;
	if (n->epoch == sv->queue_epoch && n->seq <= sv->queue_seq)
		return;     /* already in the snapshot */
	/* The next change, a gap or a new server epoch: all need a fresh
	 * snapshot, because a notice only says that something changed. */
	sv->want_queue = true;
	sv->dirty = true;
}

void
station_set_online(struct station_view *sv, bool reachable)
{
	bool online = reachable && sv->answered;

	if (!reachable && !sv->offline_shown) {
		sv->offline_shown = true;
		sv->nlines = 0;
		say_offline(sv);
		sv->bell = 0;
	}
	if (online == sv->online)
		return;
	sv->online = online;
	sv->dirty = true;
	if (!online)
		return;
	/* Back: show the server's state, not what we remember. */
	sv->offline_shown = false;
	if (sv->tone == STATION_TONE_ERROR && sv->message_offline)
		say(sv, STATION_TONE_OK, _("Server is back"));
	if (sv->mode == STATION_UNIT && sv->pending != STATION_PENDING_STEP &&
	    sv->pending != STATION_PENDING_COMPLETE && sv->pending != STATION_PENDING_OPEN)
		sv->want_open = true;
	if (sv->mode == STATION_QUEUE)
		sv->want_queue = true;
	else if (sv->mode == STATION_INSPECTOR)
		inspector_refresh(sv);
	else if (sv->mode == STATION_LEAD)
		lead_refresh(sv);
}

