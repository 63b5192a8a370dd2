/*
 * line_board.c — the lead's line monitor (line_board.h): the list and one
 * station, the priority change, the requests and their answers; every
 * other action goes through the lead's own screens (lead.h). No curses:
 * tests drive it through the station model.
 */
#include "terminal/line_board.h"
#include "terminal/alarm_board.h"
#include "terminal/lead.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t
count(const struct station_view *sv)
{
	return sv->line.list ? sv->line.list->n_stations : 0;
}

static void
drop_question(struct station_view *sv)
{
	struct line_board *b = &sv->line;

	b->ask = LINE_BOARD_ASK_NONE;
	b->wo[0] = b->reason[0] = '\0';
	b->priority = 0;
	signing_drop(&b->sign);
}

void
line_board_stop(struct station_view *sv)
{
	struct line_board *b = &sv->line;
	bool subscribed = b->subscribed;

	drop_question(sv);
	if (b->list)
		yoke__line_status_reply__free_unpacked(b->list, NULL);
	memset(b, 0, sizeof *b);
	b->pick = -1;
	b->subscribed = subscribed;
}

void
line_board_request_init(struct station_request *r)
{
	Yoke__LineStatusQuery q = YOKE__LINE_STATUS_QUERY__INIT;
	Yoke__WorkOrderPriority p = YOKE__WORK_ORDER_PRIORITY__INIT;
	r->line_status = q;
	r->wo_priority = p;
}

bool
line_board_on(const struct station_view *sv)
{
	return sv->mode == STATION_LEAD && sv->line.screen != LINE_BOARD_OFF;
}

bool
line_board_key(struct station_view *sv)
{
	if (line_board_on(sv)) {
		line_board_stop(sv);
		lead_refresh(sv);
	} else {
		alarm_board_stop(sv);
		line_board_stop(sv);
		sv->line.screen = LINE_BOARD_LIST;
		sv->line.want = true;
		sv->line.refresh_at = sv->clock + LINE_BOARD_REFRESH_US;
		sv->line.subscribe = !sv->line.subscribed;
	}
	sv->message[0] = '\0';
	sv->dirty = true;
	return true;
}

void
line_board_refresh(struct station_view *sv)
{
	if (line_board_on(sv))
		sv->line.want = true;
}

bool
line_board_asking(const struct station_view *sv)
{
	return line_board_on(sv) && sv->line.ask != LINE_BOARD_ASK_NONE;
}

bool
line_board_masked(const struct station_view *sv)
{
	return sv->line.ask == LINE_BOARD_ASK_SIGN && signing_masked(&sv->line.sign);
}

bool
line_board_pending(const struct station_view *sv)
{
	return sv->line.pending != LINE_BOARD_PENDING_NONE;
}

const Yoke__LineStation *
line_board_shown(const struct station_view *sv)
{
	const struct line_board *b = &sv->line;

	if (b->screen != LINE_BOARD_ONE)
		return NULL;
	for (size_t i = 0; i < count(sv); i++)
		if (strcmp(b->list->stations[i]->station, b->shown) == 0)
			return b->list->stations[i];
	return NULL;
}

static bool
pending(struct station_view *sv, enum line_board_pending what)
{
	sv->pending = STATION_PENDING_VIEW;
	sv->line.pending = what;
	return true;
}

bool
line_board_next_request(struct station_view *sv, struct station_request *r)
{
	struct line_board *b = &sv->line;

	if (!b->want || b->ask != LINE_BOARD_ASK_NONE)
		return false;
	b->want = false;
	station_request_init(r);
	r->line_status.station = (char *)"";
	r->rq.body_case = YOKE__REQUEST__BODY_LINE_STATUS;
	r->rq.line_status = &r->line_status;
	return pending(sv, LINE_BOARD_PENDING_LIST);
}

static bool
req_priority(struct station_view *sv, struct station_request *r)
{
	struct line_board *b = &sv->line;
	Yoke__Signature **list;
	size_t n;

	station_request_init(r);
	copy(r->target, sizeof r->target, b->wo);
	copy(r->note, sizeof r->note, b->reason);
	station_req_signatures(r, &b->sign, &list, &n);
	r->wo_priority.work_order = r->target;
	r->wo_priority.priority = b->priority;
	r->wo_priority.reason = r->note;
	r->wo_priority.signature = n ? list[0] : NULL;
	r->rq.body_case = YOKE__REQUEST__BODY_WO_PRIORITY;
	r->rq.wo_priority = &r->wo_priority;
	say(sv, STATION_TONE_WAIT, _("Changing the priority of %s\u2026"), b->wo);
	drop_question(sv);
	return pending(sv, LINE_BOARD_PENDING_PRIORITY);
}

static void
cancelled(struct station_view *sv)
{
	drop_question(sv);
	say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
}

/* ONE, 5: the priority change, starting with the work order. */
static void
start_priority(struct station_view *sv, const Yoke__LineStation *s)
{
	struct line_board *b = &sv->line;

	drop_question(sv);
	copy(b->wo, sizeof b->wo, s && !str_empty(s->priority_wo) ? s->priority_wo : "");
	b->ask = LINE_BOARD_ASK_WO;
	sv->message[0] = '\0';
}

static bool
answer(struct station_view *sv, const char *line, struct station_request *r)
{
	struct line_board *b = &sv->line;
	char why[STATION_MSG], what[SIGNING_MEANING];
	size_t k;

	if (b->ask != LINE_BOARD_ASK_SIGN && command_of(line, false) == COMMAND_BACK) {
		cancelled(sv);
		return false;
	}
	if (b->ask != LINE_BOARD_ASK_SIGN && line[0] == '@') {
		say(sv, STATION_TONE_ERROR, _("This question takes an answer, not the command \"%s\" "
		    "(@BACK: cancel)"), line);
		return false;
	}
	switch (b->ask) {
	case LINE_BOARD_ASK_WO:
		if (line[0] == '\0' && b->wo[0] == '\0') {
			say(sv, STATION_TONE_ERROR, "%s", _("Type the work order, then Enter (@BACK: "
			    "cancel)"));
			return false;
		}
		if (line[0] != '\0') {
			if (strlen(line) >= sizeof b->wo || strchr(line, ' ') != NULL) {
				say(sv, STATION_TONE_ERROR, _("Expected a work order id, got \"%s\""), line);
				return false;
			}
			copy(b->wo, sizeof b->wo, line);
		}
		b->ask = LINE_BOARD_ASK_PRIORITY;
		sv->message[0] = '\0';
		return false;
	case LINE_BOARD_ASK_PRIORITY:
		if ((k = station_list_number(line, 9)) == 0) {
			say(sv, STATION_TONE_ERROR, _("Expected a priority from 1 (most urgent) to 9, got "
			    "\"%s\""), line);
			return false;
		}
		b->priority = (uint32_t)k;
		b->ask = LINE_BOARD_ASK_REASON;
		sv->message[0] = '\0';
		return false;
	case LINE_BOARD_ASK_REASON:
		if (line[0] == '\0' || strlen(line) >= sizeof b->reason) {
			say(sv, STATION_TONE_ERROR, _("A priority change needs a reason of at most %d "
			    "bytes: type why, then Enter (@BACK: cancel)"), LINE_BOARD_REASON - 1);
			return false;
		}
		copy(b->reason, sizeof b->reason, line);
		snprintf(what, sizeof what, _("priority %u for work order %s"), b->priority, b->wo);
		signing_start(&b->sign, 1, 1, sv->badge, what);
		b->ask = LINE_BOARD_ASK_SIGN;
		sv->message[0] = '\0';
		return false;
	case LINE_BOARD_ASK_SIGN:
		switch (signing_answer(&b->sign, line, why, sizeof why)) {
		case SIGNING_DONE:
			return req_priority(sv, r);
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
	case LINE_BOARD_ASK_NONE:
		break;
	}
	return false;
}

static void
open_one(struct station_view *sv, size_t i)
{
	struct line_board *b = &sv->line;

	b->pick = (int)i;
	copy(b->shown, sizeof b->shown, b->list->stations[i]->station);
	b->screen = LINE_BOARD_ONE;
	sv->message[0] = '\0';
}

/* A line on the list: Enter on the highlighted row, a row's number, a
 * station id; @BACK: the lead's holds. */
static bool
line_in_list(struct station_view *sv, const char *line)
{
	struct line_board *b = &sv->line;
	size_t k, n = count(sv);

	if (line[0] == '\0') {
		if (b->pick >= 0 && (size_t)b->pick < n)
			open_one(sv, (size_t)b->pick);
		else
			b->want = true;
		return false;
	}
	if (command_of(line, false) == COMMAND_BACK) {
		line_board_key(sv);
		return false;
	}
	if ((k = station_list_number(line, n)) > 0) {
		open_one(sv, k - 1);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(b->list->stations[i]->station, line) == 0) {
			open_one(sv, i);
			return false;
		}
	say(sv, STATION_TONE_ERROR, _("Expected a row number, a station of the line or Enter on the "
	    "highlighted row; got \"%s\""), line);
	return false;
}

/* ONE: a choice by its number, or a unit serial. */
static bool
line_in_one(struct station_view *sv, const char *line, struct station_request *r)
{
	const Yoke__LineStation *s = line_board_shown(sv);
	char station[LINE_BOARD_WO];

	if (line[0] == '\0' || command_of(line, false) == COMMAND_BACK) {
		sv->line.screen = LINE_BOARD_LIST;
		sv->message[0] = '\0';
		return false;
	}
	if (s == NULL) {
		sv->line.screen = LINE_BOARD_LIST;
		return false;
	}
	copy(station, sizeof station, s->station);
	switch (station_list_number(line, 5)) {
	case 1:
		if (str_empty(s->serial)) {
			say(sv, STATION_TONE_ERROR, _("No unit is open at %s: scan a unit's serial to see "
			    "its trace"), station);
			return false;
		}
		{
			char serial[LINE_BOARD_REASON];
			copy(serial, sizeof serial, s->serial);
			line_board_stop(sv);
			return lead_open_unit(sv, serial, r);
		}
	case 2:
		line_board_stop(sv);
		alarm_board_key(sv);     /* the loop asks for the alarms next */
		return false;
	case 3:
		line_board_stop(sv);
		lead_hold_target(sv, YOKE__HOLD_SCOPE__HOLD_STATION, station);
		return false;
	case 4:
		line_board_stop(sv);
		lead_show_holds(sv);
		return false;
	case 5:
		start_priority(sv, s);
		return false;
	default:
		break;
	}
	if (line[0] == '@' || strchr(line, ' ') != NULL) {
		say(sv, STATION_TONE_ERROR, _("Expected 1 to 5 or a unit's serial, got \"%s\""), line);
		return false;
	}
	{
		char serial[LINE_BOARD_REASON];
		copy(serial, sizeof serial, line);
		line_board_stop(sv);
		return lead_open_unit(sv, serial, r);
	}
}

bool
line_board_on_line(struct station_view *sv, const char *line, struct station_request *r)
{
	struct line_board *b = &sv->line;

	sv->dirty = true;
	if (b->ask != LINE_BOARD_ASK_NONE)
		return answer(sv, line, r);
	if (b->screen == LINE_BOARD_LIST)
		return line_in_list(sv, line);
	return line_in_one(sv, line, r);
}

static void
take_list(struct station_view *sv, const Yoke__LineStatusReply *lr)
{
	struct line_board *b = &sv->line;
	char picked[LINE_BOARD_WO] = "";

	if (b->pick >= 0 && (size_t)b->pick < count(sv))
		copy(picked, sizeof picked, b->list->stations[b->pick]->station);
	if (b->list)
		yoke__line_status_reply__free_unpacked(b->list, NULL);
	b->list = pb_copy(&lr->base);
	b->pick = -1;
	for (size_t i = 0; i < b->list->n_stations; i++)
		if (strcmp(b->list->stations[i]->station, picked) == 0)
			b->pick = (int)i;
	if (b->pick < 0 && b->list->n_stations > 0)
		b->pick = 0;
	if (b->screen == LINE_BOARD_ONE && line_board_shown(sv) == NULL)
		b->screen = LINE_BOARD_LIST;
}

void
line_board_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	struct line_board *b = &sv->line;
	enum line_board_pending was = b->pending;

	b->pending = LINE_BOARD_PENDING_NONE;
	sv->dirty = true;
	if (!line_board_on(sv))
		return;
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		station_refused(sv, rp);
		return;
	}
	if (was == LINE_BOARD_PENDING_LIST) {
		if (rp->body_case != YOKE__REPLY__BODY_LINE_STATUS || !rp->line_status) {
			station_unexpected(sv, rp, _("no stations in the answer to the line monitor"));
			return;
		}
		take_list(sv, rp->line_status);
		return;
	}
	say(sv, STATION_TONE_OK, "%s", !str_empty(rp->message) ? rp->message : _("Done"));
	b->want = true;
}

void
line_board_notice(struct station_view *sv, const Yoke__Notice *n)
{
	struct line_board *b = &sv->line;
	const char *topic = n->topic ? n->topic : "";

	if (!line_board_on(sv))
		return;
	if (strncmp(topic, "station/", 8) != 0 && strncmp(topic, "alarm/", 6) != 0 &&
	    strcmp(topic, "role/lead") != 0)
		return;
	if (sv->clock >= b->notice_at) {
		b->want = true;
		b->notice_at = sv->clock + LINE_BOARD_NOTICE_GAP_US;
	} else {
		b->notice_due = true;    /* read at the end of the gap (line_board_tick) */
	}
}

void
line_board_tick(struct station_view *sv, int64_t now)
{
	struct line_board *b = &sv->line;

	if (!line_board_on(sv) || b->ask != LINE_BOARD_ASK_NONE)
		return;
	if (b->notice_due && now >= b->notice_at) {
		b->notice_due = false;
		b->want = true;
		b->notice_at = now + LINE_BOARD_NOTICE_GAP_US;
	}
	if (b->refresh_at && now >= b->refresh_at) {
		b->want = true;
		b->refresh_at = now + LINE_BOARD_REFRESH_US;
	}
}

void
line_board_on_arrow(struct station_view *sv, int delta)
{
	struct line_board *b = &sv->line;

	if (b->screen != LINE_BOARD_LIST || b->ask != LINE_BOARD_ASK_NONE)
		return;
	b->pick = list_move(b->pick, delta, count(sv));
	sv->dirty = true;
}

void
line_board_on_page(struct station_view *sv, int delta)
{
	line_board_on_arrow(sv, delta * (int)line_board_page_rows(sv->rows));
}

void
line_board_cancel(struct station_view *sv)
{
	if (sv->line.ask != LINE_BOARD_ASK_NONE)
		cancelled(sv);
}

void
line_board_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const struct line_board *b = &sv->line;

	switch (b->ask) {
	case LINE_BOARD_ASK_WO:
		if (b->wo[0])
			snprintf(buf, size, _("Which work order? Enter: %s"), b->wo);
		else
			snprintf(buf, size, "%s", _("Which work order? Type it, then Enter"));
		return;
	case LINE_BOARD_ASK_PRIORITY:
		snprintf(buf, size, _("New priority of %s: 1 (most urgent) to 9?"), b->wo);
		return;
	case LINE_BOARD_ASK_REASON:
		snprintf(buf, size, _("Priority %u for %s: why? Type the reason, then Enter"),
		    b->priority, b->wo);
		return;
	case LINE_BOARD_ASK_SIGN:
		signing_prompt(&b->sign, buf, size);
		return;
	case LINE_BOARD_ASK_NONE:
		break;
	}
	if (b->screen == LINE_BOARD_LIST)
		snprintf(buf, size, "%s", _("Pick a station: \u2191 \u2193 and Enter, its row number or "
		    "its id"));
	else
		snprintf(buf, size, "%s", _("1 unit  2 alarms  3 hold it  4 holds  5 priority  "
		    "(or scan a unit)"));
}

size_t
line_board_hints(const struct station_view *sv, struct station_hint *h, size_t max)
{
	const struct line_board *b = &sv->line;
	size_t n = 0;

	if (b->ask == LINE_BOARD_ASK_SIGN && signing_enter_takes(&b->sign))
		n = add_hint(h, n, max, "Enter", b->sign.own);
	if (b->ask != LINE_BOARD_ASK_NONE)
		return add_hint(h, n, max, "@BACK", _("cancel"));
	if (b->screen == LINE_BOARD_LIST) {
		n = add_hint(h, n, max, "\u2191 \u2193", _("choose"));
		n = add_hint(h, n, max, "Enter", _("open it"));
		if (count(sv) > line_board_page_rows(sv->rows))
			n = add_hint(h, n, max, "PgUp PgDn", _("page"));
	} else {
		n = add_hint(h, n, max, "1-5", _("act"));
		n = add_hint(h, n, max, "Enter", _("the list"));
	}
	n = add_hint(h, n, max, "F5", _("refresh"));
	return add_hint(h, n, max, "F2", _("holds"));
}
