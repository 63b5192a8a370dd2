/*
 * alarm_board.c — the lead's alarms (alarm_board.h): the list and one
 * alarm, acknowledging and resolving, the requests and their answers.
 * No curses: tests drive it through the station model.
 */
#include "terminal/alarm_board.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/alarm_text.h"
#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
rank(const Yoke__Alarm *a)
{
	switch (a->state) {
	case YOKE__ALARM_STATE__ALARM_RAISED: return 0;
	case YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED: return 1;
	default: return 2;
	}
}

void
alarm_board_sort(Yoke__Alarm **alarms, size_t n)
{
	/* Insertion sort, stable: the server's order (newest first) within a rank. */
	for (size_t i = 1; i < n; i++) {
		Yoke__Alarm *a = alarms[i];
		size_t j = i;
		while (j > 0 && rank(alarms[j - 1]) > rank(a)) {
			alarms[j] = alarms[j - 1];
			j--;
		}
		alarms[j] = a;
	}
}

static size_t
count(const struct station_view *sv)
{
	return sv->board.list ? sv->board.list->n_alarms : 0;
}

static void
drop_question(struct station_view *sv)
{
	struct alarm_board *b = &sv->board;

	b->ask = ALARM_BOARD_ASK_NONE;
	b->resolving = false;
	b->cause[0] = b->action[0] = b->resolution[0] = '\0';
	signing_drop(&b->sign);
}

void
alarm_board_stop(struct station_view *sv)
{
	struct alarm_board *b = &sv->board;

	drop_question(sv);
	if (b->list)
		yoke__alarm_reply__free_unpacked(b->list, NULL);
	memset(b, 0, sizeof *b);
	b->pick = -1;
}

bool
alarm_board_on(const struct station_view *sv)
{
	return sv->mode == STATION_LEAD && sv->board.screen != ALARM_BOARD_OFF;
}

bool
alarm_board_key(struct station_view *sv)
{
	if (alarm_board_on(sv)) {
		alarm_board_stop(sv);
		lead_refresh(sv);
	} else {
		alarm_board_stop(sv);
		sv->board.screen = ALARM_BOARD_LIST;
		sv->board.want = true;
	}
	sv->message[0] = '\0';
	sv->dirty = true;
	return true;
}

void
alarm_board_refresh(struct station_view *sv)
{
	if (alarm_board_on(sv))
		sv->board.want = true;
}

bool
alarm_board_asking(const struct station_view *sv)
{
	return alarm_board_on(sv) && sv->board.ask != ALARM_BOARD_ASK_NONE;
}

bool
alarm_board_masked(const struct station_view *sv)
{
	return sv->board.ask == ALARM_BOARD_ASK_SIGN && signing_masked(&sv->board.sign);
}

bool
alarm_board_pending(const struct station_view *sv)
{
	return sv->board.pending != ALARM_BOARD_PENDING_NONE;
}

const Yoke__Alarm *
alarm_board_shown(const struct station_view *sv)
{
	const struct alarm_board *b = &sv->board;

	if (b->screen != ALARM_BOARD_ONE)
		return NULL;
	for (size_t i = 0; i < count(sv); i++)
		if (b->list->alarms[i]->id == b->shown)
			return b->list->alarms[i];
	return NULL;
}

static bool
pending(struct station_view *sv, struct station_request *r, enum alarm_board_pending what)
{
	sv->pending = STATION_PENDING_VIEW;
	sv->board.pending = what;
	(void)r;
	return true;
}

bool
alarm_board_next_request(struct station_view *sv, struct station_request *r)
{
	struct alarm_board *b = &sv->board;

	if (!b->want || b->ask != ALARM_BOARD_ASK_NONE)
		return false;
	b->want = false;
	station_request_init(r);
	r->rq.body_case = YOKE__REQUEST__BODY_ALARM_QUERY;
	r->rq.alarm_query = &r->alarm_query;
	return pending(sv, r, ALARM_BOARD_PENDING_LIST);
}

static bool
req_signed(struct station_view *sv, struct station_request *r)
{
	struct alarm_board *b = &sv->board;
	Yoke__Signature **list;
	size_t n;
	char number[32];

	station_request_init(r);
	alarm_number_text(number, sizeof number, b->shown);
	copy(r->alarm_number, sizeof r->alarm_number, number);
	station_req_signatures(r, &b->sign, &list, &n);
	if (b->resolving) {
		copy(r->alarm_text, sizeof r->alarm_text, b->resolution);
		r->alarm_resolve.number = r->alarm_number;
		r->alarm_resolve.resolution = r->alarm_text;
		r->alarm_resolve.signature = n ? list[0] : NULL;
		r->rq.body_case = YOKE__REQUEST__BODY_ALARM_RESOLVE;
		r->rq.alarm_resolve = &r->alarm_resolve;
		say(sv, STATION_TONE_WAIT, _("Resolving %s\u2026"), number);
		drop_question(sv);
		return pending(sv, r, ALARM_BOARD_PENDING_RESOLVE);
	}
	copy(r->alarm_text, sizeof r->alarm_text, b->cause);
	copy(r->alarm_action, sizeof r->alarm_action, b->action);
	r->alarm_ack.number = r->alarm_number;
	r->alarm_ack.cause = r->alarm_text;
	r->alarm_ack.action = r->alarm_action;
	r->alarm_ack.signature = n ? list[0] : NULL;
	r->rq.body_case = YOKE__REQUEST__BODY_ALARM_ACK;
	r->rq.alarm_ack = &r->alarm_ack;
	say(sv, STATION_TONE_WAIT, _("Acknowledging %s\u2026"), number);
	drop_question(sv);
	return pending(sv, r, ALARM_BOARD_PENDING_ACK);
}

static void
cancelled(struct station_view *sv)
{
	drop_question(sv);
	say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
}

static void
start_signing(struct station_view *sv, bool resolving)
{
	struct alarm_board *b = &sv->board;
	char what[SIGNING_MEANING], number[32];

	alarm_number_text(number, sizeof number, b->shown);
	if (resolving)
		snprintf(what, sizeof what, _("resolution of alarm %s"), number);
	else
		snprintf(what, sizeof what, _("acknowledgement of alarm %s"), number);
	b->resolving = resolving;
	signing_start(&b->sign, 1, 1, sv->badge, what);
	b->ask = ALARM_BOARD_ASK_SIGN;
	sv->message[0] = '\0';
}

static bool
text_fits(struct station_view *sv, const char *line)
{
	if (strlen(line) < ALARM_BOARD_TEXT)
		return true;
	say(sv, STATION_TONE_ERROR, _("At most %d bytes: say it shorter"), ALARM_BOARD_TEXT - 1);
	return false;
}

static bool
answer(struct station_view *sv, const char *line, struct station_request *r)
{
	struct alarm_board *b = &sv->board;
	char why[STATION_MSG];

	if (b->ask != ALARM_BOARD_ASK_SIGN && command_of(line, false) == COMMAND_BACK) {
		cancelled(sv);
		return false;
	}
	switch (b->ask) {
	case ALARM_BOARD_ASK_ACTION:
		if (line[0] == '\0' || line[0] == '@') {
			say(sv, STATION_TONE_ERROR, "%s", _("An acknowledgement needs the action taken: "
			    "type it, then Enter (@BACK: cancel)"));
			return false;
		}
		if (!text_fits(sv, line))
			return false;
		copy(b->action, sizeof b->action, line);
		start_signing(sv, false);
		return false;
	case ALARM_BOARD_ASK_SIGN:
		switch (signing_answer(&b->sign, line, why, sizeof why)) {
		case SIGNING_DONE:
			return req_signed(sv, r);
		case SIGNING_CANCELLED:
			cancelled(sv);
			return false;
		case SIGNING_WRONG:
			say(sv, STATION_TONE_ERROR, "%s", why);
			return false;
		case SIGNING_ASKING:
			return false;
		}
		return false;
	case ALARM_BOARD_ASK_NONE:
		break;
	}
	return false;
}

static void
open_one(struct station_view *sv, const Yoke__Alarm *a)
{
	sv->board.screen = ALARM_BOARD_ONE;
	sv->board.shown = a->id;
	sv->message[0] = '\0';
}

/* A line on the list: Enter on the highlighted row, a row's number, an
 * alarm's number; @BACK: the lead's holds. */
static bool
line_in_list(struct station_view *sv, const char *line)
{
	struct alarm_board *b = &sv->board;
	size_t k, n = count(sv);
	uint64_t id;

	if (line[0] == '\0') {
		if (b->pick >= 0 && (size_t)b->pick < n)
			open_one(sv, b->list->alarms[b->pick]);
		else
			b->want = true;
		return false;
	}
	if (command_of(line, false) == COMMAND_BACK) {
		alarm_board_key(sv);
		return false;
	}
	if ((k = station_list_number(line, n)) > 0) {
		b->pick = (int)k - 1;
		open_one(sv, b->list->alarms[k - 1]);
		return false;
	}
	if (alarm_number_parse(line, &id) && strchr(line, '-') != NULL) {
		for (size_t i = 0; i < n; i++)
			if (b->list->alarms[i]->id == id) {
				b->pick = (int)i;
				open_one(sv, b->list->alarms[i]);
				return false;
			}
		say(sv, STATION_TONE_ERROR, _("No alarm %s in the list"), line);
		return false;
	}
	say(sv, STATION_TONE_ERROR, _("Expected a row number, an alarm number such as ALM-000012, or "
	    "Enter on the highlighted row; got \"%s\""), line);
	return false;
}

bool
alarm_board_on_line(struct station_view *sv, const char *line, struct station_request *r)
{
	struct alarm_board *b = &sv->board;
	const Yoke__Alarm *a;

	sv->dirty = true;
	if (b->ask != ALARM_BOARD_ASK_NONE)
		return answer(sv, line, r);
	if (b->screen == ALARM_BOARD_LIST)
		return line_in_list(sv, line);
	/* ONE */
	if (line[0] == '\0' || command_of(line, false) == COMMAND_BACK) {
		b->screen = ALARM_BOARD_LIST;
		sv->message[0] = '\0';
		return false;
	}
	if (line[0] == '@') {
		say(sv, STATION_TONE_ERROR, _("Expected words, got the command \"%s\" (Enter: the "
		    "list)"), line);
		return false;
	}
	if ((a = alarm_board_shown(sv)) == NULL) {
		b->screen = ALARM_BOARD_LIST;
		return false;
	}
	if (!text_fits(sv, line))
		return false;
	if (a->state == YOKE__ALARM_STATE__ALARM_RAISED) {
		copy(b->cause, sizeof b->cause, line);
		b->ask = ALARM_BOARD_ASK_ACTION;
		sv->message[0] = '\0';
		return false;
	}
	if (a->state == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED) {
		copy(b->resolution, sizeof b->resolution, line);
		start_signing(sv, true);
		return false;
	}
	say(sv, STATION_TONE_ERROR, "%s", _("This alarm is resolved: nothing more to do. Enter: the "
	    "list"));
	return false;
}

static void
take_list(struct station_view *sv, const Yoke__AlarmReply *ar)
{
	struct alarm_board *b = &sv->board;
	uint64_t picked = 0;

	if (b->pick >= 0 && (size_t)b->pick < count(sv))
		picked = b->list->alarms[b->pick]->id;
	if (b->list)
		yoke__alarm_reply__free_unpacked(b->list, NULL);
	b->list = pb_copy(&ar->base);
	alarm_board_sort(b->list->alarms, b->list->n_alarms);
	b->pick = -1;
	for (size_t i = 0; i < b->list->n_alarms; i++)
		if (b->list->alarms[i]->id == picked)
			b->pick = (int)i;
	if (b->pick < 0 && b->list->n_alarms > 0)
		b->pick = 0;
	if (b->screen == ALARM_BOARD_ONE && alarm_board_shown(sv) == NULL)
		b->screen = ALARM_BOARD_LIST;
}

void
alarm_board_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	struct alarm_board *b = &sv->board;
	enum alarm_board_pending was = b->pending;
	bool ok = rp->status == YOKE__STATUS__STATUS_OK;

	b->pending = ALARM_BOARD_PENDING_NONE;
	sv->dirty = true;
	if (!alarm_board_on(sv))
		return;
	if (!ok) {
		station_refused(sv, rp);
		if (was != ALARM_BOARD_PENDING_LIST)
			b->want = true;
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_ALARMS || !rp->alarms) {
		station_unexpected(sv, rp, _("no alarm in the answer to an alarm request"));
		return;
	}
	if (was == ALARM_BOARD_PENDING_LIST) {
		take_list(sv, rp->alarms);
		return;
	}
	say(sv, STATION_TONE_OK, "%s", !str_empty(rp->message) ? rp->message : _("Done"));
	b->want = true;
}

void
alarm_board_on_arrow(struct station_view *sv, int delta)
{
	struct alarm_board *b = &sv->board;

	if (b->screen != ALARM_BOARD_LIST || b->ask != ALARM_BOARD_ASK_NONE)
		return;
	b->pick = list_move(b->pick, delta, count(sv));
	sv->dirty = true;
}

void
alarm_board_cancel(struct station_view *sv)
{
	if (sv->board.ask != ALARM_BOARD_ASK_NONE)
		cancelled(sv);
}

void
alarm_board_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const struct alarm_board *b = &sv->board;
	const Yoke__Alarm *a = alarm_board_shown(sv);
	char number[32];

	alarm_number_text(number, sizeof number, b->shown);
	switch (b->ask) {
	case ALARM_BOARD_ASK_ACTION:
		snprintf(buf, size, _("%s, cause \"%s\": the action taken?"), number, b->cause);
		return;
	case ALARM_BOARD_ASK_SIGN:
		signing_prompt(&b->sign, buf, size);
		return;
	case ALARM_BOARD_ASK_NONE:
		break;
	}
	if (b->screen == ALARM_BOARD_LIST)
		snprintf(buf, size, "%s", _("Pick an alarm: \u2191 \u2193 and Enter, its row number or "
		    "its number"));
	else if (a && a->state == YOKE__ALARM_STATE__ALARM_RAISED)
		snprintf(buf, size, _("Acknowledge %s: type the assignable cause, then Enter "
		    "(Enter alone: the list)"), number);
	else if (a && a->state == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED)
		snprintf(buf, size, _("Resolve %s: type what was done, then Enter (Enter alone: the "
		    "list)"), number);
	else
		snprintf(buf, size, "%s", _("Enter: the list"));
}

size_t
alarm_board_hints(const struct station_view *sv, struct station_hint *h, size_t max)
{
	const struct alarm_board *b = &sv->board;
	size_t n = 0;

	if (b->ask == ALARM_BOARD_ASK_SIGN && signing_enter_takes(&b->sign))
		n = add_hint(h, n, max, "Enter", b->sign.own);
	if (b->ask != ALARM_BOARD_ASK_NONE)
		return add_hint(h, n, max, "@BACK", _("cancel"));
	if (b->screen == ALARM_BOARD_LIST) {
		n = add_hint(h, n, max, "\u2191 \u2193", _("choose"));
		n = add_hint(h, n, max, "Enter", _("open it"));
	} else {
		n = add_hint(h, n, max, "Enter", _("the list"));
	}
	n = add_hint(h, n, max, "F5", _("refresh"));
	return add_hint(h, n, max, "F8", _("holds"));
}
