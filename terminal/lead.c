/*
 * lead.c — the lead's view (lead.h): the lines and keys of its screens,
 * placing and releasing a hold, the requests they make and the answers
 * to them, the role/lead notices. No curses: tests drive it through the
 * station model (station_on_line, station_on_reply, ...).
 */
#include "terminal/lead.h"
#include "terminal/alarm_board.h"
#include "terminal/line_board.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static size_t
hold_count(const struct station_view *sv)
{
	return sv->lead.holds ? sv->lead.holds->n_holds : 0;
}

static size_t
ncr_count(const struct station_view *sv)
{
	return sv->lead.ncrs ? sv->lead.ncrs->n_ncrs : 0;
}

static size_t
capa_count(const struct station_view *sv)
{
	return sv->lead.capas ? sv->lead.capas->n_capas : 0;
}

/* Rows of the list on the screen now. */
static size_t
rows_shown(const struct station_view *sv)
{
	switch (sv->lead.screen) {
	case LEAD_NCRS: return ncr_count(sv);
	case LEAD_CAPAS: return capa_count(sv);
	default: return hold_count(sv);
	}
}

static bool
in_list(const struct lead_state *l)
{
	return l->screen == LEAD_HOLDS || l->screen == LEAD_NCRS || l->screen == LEAD_CAPAS;
}

static void
drop_capa(struct lead_state *l)
{
	if (l->capa)
		yoke__capa__free_unpacked(l->capa, NULL);
	l->capa = NULL;
	l->capa_number[0] = '\0';
	l->want_capa = false;
	l->capa_scroll = 0;
}

static void
drop_hold(struct lead_state *l)
{
	if (l->hold)
		yoke__hold__free_unpacked(l->hold, NULL);
	l->hold = NULL;
	l->counted = false;
	l->in_work = l->done = l->scrapped = 0;
}

static void
drop_unit_trace(struct lead_state *l)
{
	if (l->unit)
		yoke__trace_reply__free_unpacked(l->unit, NULL);
	l->unit = NULL;
	l->want_unit = false;
}

static void
drop_question(struct station_view *sv)
{
	struct lead_state *l = &sv->lead;

	l->ask = LEAD_ASK_NONE;
	l->releasing = false;
	l->moving = false;
	l->scope = YOKE__HOLD_SCOPE__HOLD_SCOPE_NONE;
	l->target[0] = '\0';
	l->reason[0] = '\0';
	signing_drop(&l->sign);
	ncr_raise_drop(&l->raise);
}

void
lead_stop(struct station_view *sv)
{
	struct lead_state *l = &sv->lead;

	drop_question(sv);
	drop_hold(l);
	drop_unit_trace(l);
	if (l->holds)
		yoke__holds_reply__free_unpacked(l->holds, NULL);
	if (l->ncrs)
		yoke__ncr_reply__free_unpacked(l->ncrs, NULL);
	if (l->capas)
		yoke__capa_reply__free_unpacked(l->capas, NULL);
	drop_capa(l);
	ncr_detail_drop(&l->detail);
	alarm_board_stop(sv);
	line_board_stop(sv);
	memset(l, 0, sizeof *l);
	l->pick = -1;
	l->raise.pick = -1;
}

void
lead_start(struct station_view *sv)
{
	lead_stop(sv);
	sv->lead.want_holds = sv->lead.want_ncrs = true;
	sv->lead.refresh_at = sv->clock + LEAD_REFRESH_US;
}

void
lead_refresh(struct station_view *sv)
{
	struct lead_state *l = &sv->lead;

	l->want_holds = l->want_ncrs = true;
	alarm_board_refresh(sv);
	line_board_refresh(sv);
	if (l->screen == LEAD_NCR && l->detail.number[0])
		l->detail.want_ncr = true;
	if (l->screen == LEAD_UNIT && l->serial[0])
		l->want_unit = true;
	if (l->screen == LEAD_CAPAS)
		l->want_capas = true;
	if (l->screen == LEAD_CAPA && l->capa_number[0])
		l->want_capa = true;
}

bool
lead_can_move(const struct station_view *sv)
{
	const struct lead_state *l = &sv->lead;

	return l->screen == LEAD_UNIT && l->unit && l->unit->unit &&
	    l->unit->unit->status == YOKE__UNIT_STATUS__UNIT_IN_WORK;
}

bool
lead_asking(const struct station_view *sv)
{
	return sv->lead.ask != LEAD_ASK_NONE || alarm_board_asking(sv) || line_board_asking(sv);
}

bool
lead_masked(const struct station_view *sv)
{
	if (alarm_board_on(sv))
		return alarm_board_masked(sv);
	if (line_board_on(sv))
		return line_board_masked(sv);
	if (sv->lead.ask == LEAD_ASK_RAISE)
		return ncr_raise_masked(&sv->lead.raise);
	return sv->lead.ask == LEAD_ASK_SIGN && signing_masked(&sv->lead.sign);
}

static void
to_screen(struct station_view *sv, enum lead_screen screen)
{
	struct lead_state *l = &sv->lead;

	drop_question(sv);
	if (screen != LEAD_HOLD)
		drop_hold(l);
	if (screen != LEAD_NCR)
		ncr_detail_drop(&l->detail);
	if (screen != LEAD_UNIT) {
		drop_unit_trace(l);
		l->serial[0] = '\0';
	}
	if (screen != LEAD_CAPA)
		drop_capa(l);
	if (screen != l->screen && (screen == LEAD_HOLDS || screen == LEAD_NCRS || screen == LEAD_CAPAS))
		l->pick = -1;
	l->screen = screen;
	sv->dirty = true;
}

/* ---- requests -------------------------------------------------------------- */

static bool
pending(struct station_view *sv, struct station_request *r, Yoke__Request__BodyCase body,
    enum lead_pending what)
{
	r->rq.body_case = body;
	sv->pending = STATION_PENDING_VIEW;
	sv->lead.pending = what;
	return true;
}

bool
lead_next_request(struct station_view *sv, struct station_request *r)
{
	struct lead_state *l = &sv->lead;

	if (alarm_board_on(sv))         /* F8: the alarms (alarm_board.h) */
		return alarm_board_next_request(sv, r);
	if (line_board_on(sv))          /* F2: the line monitor (line_board.h) */
		return line_board_next_request(sv, r);
	if (l->ask != LEAD_ASK_NONE)
		return false;
	if (l->screen == LEAD_NCR && l->detail.want_ncr) {
		l->detail.want_ncr = false;
		station_request_init(r);
		copy(r->number, sizeof r->number, l->detail.number);
		r->ncrs.number = r->number;
		r->rq.ncrs = &r->ncrs;
		return pending(sv, r, YOKE__REQUEST__BODY_NCRS, LEAD_PENDING_NCR);
	}
	if (l->screen == LEAD_NCR && l->detail.want_trace && l->detail.ncr) {
		l->detail.want_trace = false;
		station_request_init(r);
		copy(r->serial, sizeof r->serial, l->detail.ncr->serial);
		r->trace.serial = r->serial;
		r->rq.trace = &r->trace;
		return pending(sv, r, YOKE__REQUEST__BODY_TRACE, LEAD_PENDING_TRACE);
	}
	if (l->screen == LEAD_UNIT && l->want_unit) {
		l->want_unit = false;
		station_request_init(r);
		copy(r->serial, sizeof r->serial, l->serial);
		r->trace.serial = r->serial;
		r->rq.trace = &r->trace;
		return pending(sv, r, YOKE__REQUEST__BODY_TRACE, LEAD_PENDING_UNIT);
	}
	if (l->screen == LEAD_CAPA && l->want_capa) {
		l->want_capa = false;
		station_request_init(r);
		copy(r->number, sizeof r->number, l->capa_number);
		r->capas.number = r->number;
		r->rq.capas = &r->capas;
		return pending(sv, r, YOKE__REQUEST__BODY_CAPAS, LEAD_PENDING_CAPA);
	}
	if (l->screen == LEAD_CAPAS && l->want_capas) {
		l->want_capas = false;
		station_request_init(r);
		r->rq.capas = &r->capas;        /* every state: the closed ones are left out when read */
		return pending(sv, r, YOKE__REQUEST__BODY_CAPAS, LEAD_PENDING_CAPAS);
	}
	if (l->want_holds) {
		l->want_holds = false;
		station_request_init(r);
		r->holds.target = (char *)"";
		r->rq.holds = &r->holds;
		return pending(sv, r, YOKE__REQUEST__BODY_HOLDS, LEAD_PENDING_HOLDS);
	}
	if (l->want_ncrs) {
		l->want_ncrs = false;
		station_request_init(r);
		r->ncrs.state = YOKE__NCR_STATE__NCR_OPEN;
		r->rq.ncrs = &r->ncrs;
		return pending(sv, r, YOKE__REQUEST__BODY_NCRS, LEAD_PENDING_NCRS);
	}
	return false;
}

static bool
req_place(struct station_view *sv, struct station_request *r)
{
	struct lead_state *l = &sv->lead;

	station_request_init(r);
	copy(r->target, sizeof r->target, l->target);
	copy(r->note, sizeof r->note, l->reason);
	r->targets[0] = r->target;
	r->hold.scope = l->scope;
	r->hold.targets = r->targets;
	r->hold.n_targets = 1;
	r->hold.reason = r->note;
	{
		Yoke__Signature **list;
		size_t n;
		station_req_signatures(r, &l->sign, &list, &n);
		r->hold.signature = n ? list[0] : NULL;
	}
	r->rq.hold = &r->hold;
	say(sv, STATION_TONE_WAIT, _("Placing a hold on %s %s\u2026"), lead_scope_name(l->scope), l->target);
	drop_question(sv);
	return pending(sv, r, YOKE__REQUEST__BODY_HOLD, LEAD_PENDING_PLACE);
}

static bool
req_release(struct station_view *sv, struct station_request *r)
{
	struct lead_state *l = &sv->lead;

	station_request_init(r);
	copy(r->note, sizeof r->note, l->reason);
	r->release_hold.hold = l->hold ? l->hold->id : 0;
	r->release_hold.reason = r->note;
	{
		Yoke__Signature **list;
		size_t n;
		station_req_signatures(r, &l->sign, &list, &n);
		r->release_hold.signature = n ? list[0] : NULL;
	}
	r->rq.release_hold = &r->release_hold;
	say(sv, STATION_TONE_WAIT, _("Releasing hold %llu\u2026"),
	    (unsigned long long)r->release_hold.hold);
	drop_question(sv);
	return pending(sv, r, YOKE__REQUEST__BODY_RELEASE_HOLD, LEAD_PENDING_RELEASE);
}

static bool
req_move(struct station_view *sv, struct station_request *r)
{
	struct lead_state *l = &sv->lead;

	station_request_init(r);
	copy(r->serial, sizeof r->serial, l->serial);
	copy(r->note, sizeof r->note, l->reason);
	r->move_unit.serial = r->serial;
	r->move_unit.reason = r->note;
	{
		Yoke__Signature **list;
		size_t n;
		station_req_signatures(r, &l->sign, &list, &n);
		r->move_unit.signature = n ? list[0] : NULL;
	}
	r->rq.move_unit = &r->move_unit;
	say(sv, STATION_TONE_WAIT, _("Moving unit %s off its station\u2026"), r->serial);
	drop_question(sv);
	return pending(sv, r, YOKE__REQUEST__BODY_MOVE_UNIT, LEAD_PENDING_MOVE);
}

/* ---- questions ------------------------------------------------------------- */

static void
cancelled(struct station_view *sv)
{
	drop_question(sv);
	say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
}

static void
ask_signature(struct station_view *sv)
{
	struct lead_state *l = &sv->lead;
	char what[SIGNING_MEANING];

	if (l->releasing)
		snprintf(what, sizeof what, _("release of hold %llu"),
		    (unsigned long long)(l->hold ? l->hold->id : 0));
	else if (l->moving)
		snprintf(what, sizeof what, _("moving %s off its station"), l->serial);
	else
		snprintf(what, sizeof what, _("hold on %s %s"), lead_scope_name(l->scope), l->target);
	signing_start(&l->sign, 1, 1, sv->badge, what);
	l->ask = LEAD_ASK_SIGN;
	sv->message[0] = '\0';
}

/* A target as it is scanned or typed: printable, no spaces; a component
 * is PART/LOT or PART/SERIAL. */
static bool
target_ok(Yoke__HoldScope scope, const char *t)
{
	const char *slash = strchr(t, '/');

	if (t[0] == '\0' || strlen(t) >= LEAD_TARGET)
		return false;
	for (const char *p = t; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7F || *p == '"')
			return false;
	if (scope == YOKE__HOLD_SCOPE__HOLD_COMPONENT)
		return slash && slash != t && slash[1] != '\0';
	return slash == NULL;
}

/* A line for the NCR raised by hand; the request once it is signed. */
static bool
raise_answer(struct station_view *sv, const char *line, struct station_request *r)
{
	struct lead_state *l = &sv->lead;

	switch (ncr_raise_line(sv, &l->raise, line, r)) {
	case NCR_RAISE_DONE:
		l->ask = LEAD_ASK_NONE;
		return pending(sv, r, YOKE__REQUEST__BODY_RAISE_NCR, LEAD_PENDING_RAISE);
	case NCR_RAISE_CANCELLED:
		cancelled(sv);
		return false;
	default:
		return false;
	}
}

static bool
answer(struct station_view *sv, const char *line, struct station_request *r)
{
	struct lead_state *l = &sv->lead;
	enum command cmd = command_of(line, false);
	char why[STATION_MSG];
	size_t k;

	if (l->ask == LEAD_ASK_RAISE)
		return raise_answer(sv, line, r);
	if (l->ask != LEAD_ASK_SIGN && cmd == COMMAND_BACK) {
		cancelled(sv);
		return false;
	}
	if (l->ask != LEAD_ASK_SIGN && cmd != COMMAND_NONE) {
		say(sv, STATION_TONE_ERROR, _("This question takes an answer, not the command \"%s\" "
		    "(@BACK: cancel)"), line);
		return false;
	}
	switch (l->ask) {
	case LEAD_ASK_SCOPE: {
		static const Yoke__HoldScope scopes[] = { YOKE__HOLD_SCOPE__HOLD_UNIT,
			YOKE__HOLD_SCOPE__HOLD_WORK_ORDER, YOKE__HOLD_SCOPE__HOLD_COMPONENT,
			YOKE__HOLD_SCOPE__HOLD_STATION };
		if ((k = station_list_number(line, 4)) == 0) {
			say(sv, STATION_TONE_ERROR, _("Expected 1 unit, 2 work order, 3 component lot or "
			    "serial, or 4 station; got \"%s\""), line);
			return false;
		}
		l->scope = scopes[k - 1];
		l->ask = LEAD_ASK_TARGET;
		sv->message[0] = '\0';
		return false;
	}
	case LEAD_ASK_TARGET:
		if (!target_ok(l->scope, line)) {
			if (l->scope == YOKE__HOLD_SCOPE__HOLD_COMPONENT)
				say(sv, STATION_TONE_ERROR, _("Expected a component label PART/LOT or "
				    "PART/SERIAL, such as MCU-F407/LOT-2411-07; got \"%s\""), line);
			else
				say(sv, STATION_TONE_ERROR, _("Expected the %s to hold, without spaces; got "
				    "\"%s\""), lead_scope_name(l->scope), line);
			return false;
		}
		copy(l->target, sizeof l->target, line);
		l->ask = LEAD_ASK_REASON;
		sv->message[0] = '\0';
		return false;
	case LEAD_ASK_REASON:
		if (line[0] == '\0') {
			say(sv, STATION_TONE_ERROR, "%s", l->moving ? _("Moving a unit needs a reason: type "
			    "why, then Enter (@BACK: cancel)") : _("A hold needs a reason: type why, then "
			    "Enter (@BACK: cancel)"));
			return false;
		}
		copy(l->reason, sizeof l->reason, line);
		ask_signature(sv);
		return false;
	case LEAD_ASK_SIGN:
		switch (signing_answer(&l->sign, line, why, sizeof why)) {
		case SIGNING_DONE:
			if (l->moving)
				return req_move(sv, r);
			return l->releasing ? req_release(sv, r) : req_place(sv, r);
		case SIGNING_CANCELLED:
			cancelled(sv);
			return false;
		case SIGNING_WRONG:
			say(sv, STATION_TONE_ERROR, "%s", why);
			return false;
		case SIGNING_ASKING:
			sv->dirty = true;
			return false;
		}
		return false;
	case LEAD_ASK_RAISE:
	case LEAD_ASK_NONE:
		break;
	}
	return false;
}

/* ---- lines ----------------------------------------------------------------- */

static void
open_hold(struct station_view *sv, int i)
{
	struct lead_state *l = &sv->lead;
	const Yoke__Hold *h = l->holds->holds[i];

	to_screen(sv, LEAD_HOLD);
	l->hold = pb_copy(&h->base);
	sv->message[0] = '\0';
}

static bool
open_ncr(struct station_view *sv, const char *number, struct station_request *r)
{
	to_screen(sv, LEAD_NCR);
	ncr_detail_open(&sv->lead.detail, number);
	say(sv, STATION_TONE_WAIT, _("Reading %s\u2026"), number);
	return lead_next_request(sv, r);
}

/* A CAPA by its number: the copy in the list at once when it is there,
 * and read by its number all the same (F5 reads it again). */
static bool
open_capa(struct station_view *sv, const char *number, struct station_request *r)
{
	struct lead_state *l = &sv->lead;

	to_screen(sv, LEAD_CAPA);
	copy(l->capa_number, sizeof l->capa_number, number);
	for (size_t i = 0; i < capa_count(sv); i++)
		if (strcmp(str(l->capas->capas[i]->number), number) == 0) {
			l->capa = pb_copy(&l->capas->capas[i]->base);
			break;
		}
	l->want_capa = true;
	if (l->capa)
		sv->message[0] = '\0';
	else
		say(sv, STATION_TONE_WAIT, _("Reading %s\u2026"), number);
	return lead_next_request(sv, r);
}

/* A number as typed ("ncr-000001"), in capitals, when it starts with prefix. */
static bool
number_of(const char *line, const char *prefix, char *out, size_t size)
{
	if (strncasecmp(line, prefix, strlen(prefix)) != 0 || strlen(line) >= size)
		return false;
	copy(out, size, line);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return true;
}

static bool
open_unit(struct station_view *sv, const char *serial, struct station_request *r)
{
	if (strlen(serial) >= sizeof sv->lead.serial) {
		say(sv, STATION_TONE_ERROR, _("Expected a unit serial, got \"%s\""), serial);
		return false;
	}
	to_screen(sv, LEAD_UNIT);
	drop_unit_trace(&sv->lead);      /* another unit than the one shown, perhaps */
	copy(sv->lead.serial, sizeof sv->lead.serial, serial);
	sv->lead.want_unit = true;
	say(sv, STATION_TONE_WAIT, _("Looking for unit %s\u2026"), serial);
	return lead_next_request(sv, r);
}

static bool
line_in_list(struct station_view *sv, const char *line, struct station_request *r)
{
	struct lead_state *l = &sv->lead;
	enum command cmd = command_of(line, false);
	bool ncrs = l->screen == LEAD_NCRS, capas = l->screen == LEAD_CAPAS;
	char number[CAPA_NUMBER > NCR_NUMBER ? CAPA_NUMBER : NCR_NUMBER];
	size_t k, n = rows_shown(sv);

	if (line[0] == '\0') {
		if (l->pick >= 0 && (size_t)l->pick < n) {
			if (ncrs)
				return open_ncr(sv, str(l->ncrs->ncrs[l->pick]->number), r);
			if (capas)
				return open_capa(sv, str(l->capas->capas[l->pick]->number), r);
			open_hold(sv, l->pick);
			return false;
		}
		lead_refresh(sv);
		return lead_next_request(sv, r);
	}
	if (cmd == COMMAND_BACK) {
		if (ncrs || capas)
			to_screen(sv, LEAD_HOLDS);
		l->pick = -1;
		sv->message[0] = '\0';
		return false;
	}
	if (cmd != COMMAND_NONE) {
		say(sv, STATION_TONE_ERROR, _("Expected a number in the list or a unit serial, got the "
		    "command \"%s\""), line);
		return false;
	}
	if ((k = station_list_number(line, n)) > 0) {
		l->pick = (int)k - 1;
		if (ncrs)
			return open_ncr(sv, str(l->ncrs->ncrs[k - 1]->number), r);
		if (capas)
			return open_capa(sv, str(l->capas->capas[k - 1]->number), r);
		open_hold(sv, (int)k - 1);
		return false;
	}
	if (number_of(line, "NCR-", number, NCR_NUMBER))
		return open_ncr(sv, number, r);
	if (number_of(line, "CAPA-", number, CAPA_NUMBER))
		return open_capa(sv, number, r);
	return open_unit(sv, line, r);
}

static bool
line_in_hold(struct station_view *sv, const char *line)
{
	struct lead_state *l = &sv->lead;
	enum command cmd = command_of(line, false);

	if (line[0] == '\0' || cmd == COMMAND_BACK || !l->hold) {
		to_screen(sv, LEAD_HOLDS);
		sv->message[0] = '\0';
		return false;
	}
	if (cmd != COMMAND_NONE) {
		say(sv, STATION_TONE_ERROR, _("Expected the reason to release hold %llu, or Enter for the "
		    "list; got the command \"%s\""), (unsigned long long)l->hold->id, line);
		return false;
	}
	if (!l->hold->open) {
		say(sv, STATION_TONE_INFO, _("Hold %llu is released already. Enter: the list"),
		    (unsigned long long)l->hold->id);
		return false;
	}
	if (l->hold->source == YOKE__HOLD_SOURCE__HOLD_NCR) {
		say(sv, STATION_TONE_ERROR, _("Hold %llu belongs to %s: the NCR's disposition releases it"),
		    (unsigned long long)l->hold->id, str(l->hold->ncr));
		return false;
	}
	drop_question(sv);
	l->releasing = true;
	copy(l->reason, sizeof l->reason, line);
	ask_signature(sv);
	return false;
}

bool
lead_on_line(struct station_view *sv, const char *line, struct station_request *r)
{
	struct lead_state *l = &sv->lead;
	enum command cmd = command_of(line, false);

	sv->dirty = true;
	if (alarm_board_on(sv))
		return alarm_board_on_line(sv, line, r);
	if (line_board_on(sv))
		return line_board_on_line(sv, line, r);
	if (l->ask != LEAD_ASK_NONE)
		return answer(sv, line, r);
	switch (l->screen) {
	case LEAD_HOLDS:
	case LEAD_NCRS:
	case LEAD_CAPAS:
		return line_in_list(sv, line, r);
	case LEAD_CAPA:
		if (line[0] == '\0' || cmd == COMMAND_BACK) {
			to_screen(sv, LEAD_CAPAS);
			l->want_capas = true;
			sv->message[0] = '\0';
			return lead_next_request(sv, r);
		}
		say(sv, STATION_TONE_ERROR, "%s", _("A CAPA moves on with yokectl capa, signed; here it is "
		    "shown. Enter: the list"));
		return false;
	case LEAD_HOLD:
		return line_in_hold(sv, line);
	case LEAD_NCR:
		if (line[0] == '\0' || cmd == COMMAND_BACK) {
			to_screen(sv, LEAD_NCRS);
			sv->message[0] = '\0';
			return false;
		}
		say(sv, STATION_TONE_ERROR, "%s", _("An inspector decides what happens to an NCR; here it "
		    "is shown. Enter: the list"));
		return false;
	case LEAD_UNIT:
		if (line[0] == '\0' || cmd == COMMAND_BACK) {
			to_screen(sv, LEAD_HOLDS);
			sv->message[0] = '\0';
			return false;
		}
		if (cmd != COMMAND_NONE) {
			say(sv, STATION_TONE_ERROR, _("Expected a unit serial, got the command \"%s\""), line);
			return false;
		}
		return open_unit(sv, line, r);
	}
	return false;
}

/* ---- replies and notices ------------------------------------------------------ */

static void
take_holds(struct station_view *sv, const Yoke__HoldsReply *h)
{
	struct lead_state *l = &sv->lead;
	uint64_t picked = 0;

	if (l->screen == LEAD_HOLDS && l->pick >= 0 && (size_t)l->pick < hold_count(sv))
		picked = l->holds->holds[l->pick]->id;
	if (l->holds)
		yoke__holds_reply__free_unpacked(l->holds, NULL);
	l->holds = pb_copy(&h->base);
	if (l->screen == LEAD_HOLDS) {
		l->pick = -1;
		for (size_t i = 0; picked && i < hold_count(sv); i++)
			if (l->holds->holds[i]->id == picked)
				l->pick = (int)i;
	}
	l->refresh_at = sv->clock + LEAD_REFRESH_US;
}

static void
take_ncrs(struct station_view *sv, const Yoke__NcrReply *n)
{
	struct lead_state *l = &sv->lead;
	char picked[NCR_NUMBER] = "";

	if (l->screen == LEAD_NCRS && l->pick >= 0 && (size_t)l->pick < ncr_count(sv))
		copy(picked, sizeof picked, l->ncrs->ncrs[l->pick]->number);
	if (l->ncrs)
		yoke__ncr_reply__free_unpacked(l->ncrs, NULL);
	l->ncrs = pb_copy(&n->base);
	if (l->screen == LEAD_NCRS) {
		l->pick = -1;
		for (size_t i = 0; picked[0] && i < ncr_count(sv); i++)
			if (strcmp(str(l->ncrs->ncrs[i]->number), picked) == 0)
				l->pick = (int)i;
	}
}

/* The CAPAs read: the closed ones are left out (yokectl capa list has
 * them); the highlight stays on its CAPA when it is still there. */
static void
take_capas(struct station_view *sv, const Yoke__CapaReply *c)
{
	struct lead_state *l = &sv->lead;
	char picked[CAPA_NUMBER] = "";
	size_t keep = 0;

	if (l->screen == LEAD_CAPAS && l->pick >= 0 && (size_t)l->pick < capa_count(sv))
		copy(picked, sizeof picked, l->capas->capas[l->pick]->number);
	if (l->capas)
		yoke__capa_reply__free_unpacked(l->capas, NULL);
	if ((l->capas = pb_copy(&c->base)) == NULL)
		return;
	for (size_t i = 0; i < l->capas->n_capas; i++) {
		Yoke__Capa *k = l->capas->capas[i];
		if (k->state == YOKE__CAPA_STATE__CAPA_CLOSED)
			yoke__capa__free_unpacked(k, NULL);
		else
			l->capas->capas[keep++] = k;
	}
	l->capas->n_capas = keep;
	if (l->screen == LEAD_CAPAS) {
		l->pick = -1;
		for (size_t i = 0; picked[0] && i < capa_count(sv); i++)
			if (strcmp(str(l->capas->capas[i]->number), picked) == 0)
				l->pick = (int)i;
	}
}

static void
take_hold_reply(struct station_view *sv, const Yoke__HoldReply *hr, bool placed)
{
	struct lead_state *l = &sv->lead;

	to_screen(sv, LEAD_HOLD);
	if (hr->hold)
		l->hold = pb_copy(&hr->hold->base);
	l->counted = placed;
	l->in_work = hr->units_in_work;
	l->done = hr->units_done;
	l->scrapped = hr->units_scrapped;
}

void
lead_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	struct lead_state *l = &sv->lead;
	enum lead_pending was = l->pending;
	bool ok = rp->status == YOKE__STATUS__STATUS_OK;

	l->pending = LEAD_PENDING_NONE;
	sv->dirty = true;
	switch (was) {
	case LEAD_PENDING_HOLDS:
		if (ok && rp->body_case == YOKE__REPLY__BODY_HOLDS && rp->holds)
			take_holds(sv, rp->holds);
		else if (ok)
			station_unexpected(sv, rp, _("no holds in the answer to a holds query"));
		else
			station_refused(sv, rp);
		break;
	case LEAD_PENDING_NCRS:
		if (ok && rp->body_case == YOKE__REPLY__BODY_NCRS && rp->ncrs)
			take_ncrs(sv, rp->ncrs);
		else if (ok)
			station_unexpected(sv, rp, _("no NCR in the answer to an NCR query"));
		else
			station_refused(sv, rp);
		break;
	case LEAD_PENDING_NCR:
		if (station_ncr_answer(sv, &l->detail, rp))
			break;
		if (!l->detail.ncr && l->screen == LEAD_NCR)
			to_screen(sv, LEAD_NCRS);
		break;
	case LEAD_PENDING_TRACE:
		station_trace_answer(sv, &l->detail, rp);
		break;
	case LEAD_PENDING_UNIT:
		if (ok && rp->body_case == YOKE__REPLY__BODY_TRACE && rp->trace && rp->trace->unit) {
			drop_unit_trace(l);
			if (l->screen == LEAD_UNIT) {
				l->unit = pb_copy(&rp->trace->base);
				if (sv->tone == STATION_TONE_WAIT)
					sv->message[0] = '\0';
			}
			break;
		}
		if (ok)
			station_unexpected(sv, rp, _("no unit in the answer to a trace query"));
		else
			station_refused(sv, rp);
		if (l->screen == LEAD_UNIT && !l->unit)
			to_screen(sv, LEAD_HOLDS);
		break;
	case LEAD_PENDING_MOVE:
		if (!ok) {
			station_refused(sv, rp);
			break;
		}
		say(sv, STATION_TONE_OK, "%s", !str_empty(rp->message) ? rp->message : _("Done"));
		if (l->screen == LEAD_UNIT)
			l->want_unit = true;      /* where it stands now */
		break;
	case LEAD_PENDING_PLACE:
	case LEAD_PENDING_RELEASE:
		if (!ok) {
			station_refused(sv, rp);
			break;
		}
		if (rp->body_case == YOKE__REPLY__BODY_HOLD && rp->hold) {
			if (was == LEAD_PENDING_PLACE)
				take_hold_reply(sv, rp->hold, true);
			else
				to_screen(sv, LEAD_HOLDS);
		}
		if (!str_empty(rp->message))
			say(sv, STATION_TONE_OK, "%s", rp->message);
		else
			say(sv, STATION_TONE_OK, "%s", _("Done"));
		l->want_holds = true;
		break;
	case LEAD_PENDING_CAPAS:
		if (ok && rp->body_case == YOKE__REPLY__BODY_CAPAS && rp->capas)
			take_capas(sv, rp->capas);
		else if (ok)
			station_unexpected(sv, rp, _("no CAPA in the answer to a CAPA query"));
		else
			station_refused(sv, rp);
		break;
	case LEAD_PENDING_CAPA:
		if (ok && rp->body_case == YOKE__REPLY__BODY_CAPAS && rp->capas && rp->capas->n_capas == 1 &&
		    rp->capas->capas[0]) {
			if (l->screen == LEAD_CAPA &&
			    strcmp(str(rp->capas->capas[0]->number), l->capa_number) == 0) {
				if (l->capa)
					yoke__capa__free_unpacked(l->capa, NULL);
				l->capa = pb_copy(&rp->capas->capas[0]->base);
				if (sv->tone == STATION_TONE_WAIT)
					sv->message[0] = '\0';
			}
			break;
		}
		if (ok)
			station_unexpected(sv, rp, _("no CAPA in the answer to a CAPA query"));
		else
			station_refused(sv, rp);
		if (l->screen == LEAD_CAPA && !l->capa) {
			to_screen(sv, LEAD_CAPAS);
			l->want_capas = true;
		}
		break;
	case LEAD_PENDING_RAISE:
		if (!ok) {
			station_refused(sv, rp);
			break;
		}
		if (rp->body_case == YOKE__REPLY__BODY_NCRS && rp->ncrs && rp->ncrs->n_ncrs == 1 &&
		    !str_empty(rp->ncrs->ncrs[0]->number)) {
			to_screen(sv, LEAD_NCR);
			ncr_detail_open(&l->detail, rp->ncrs->ncrs[0]->number);
		}
		if (!str_empty(rp->message))
			say(sv, STATION_TONE_OK, "%s", rp->message);
		else
			say(sv, STATION_TONE_OK, "%s", _("Done"));
		l->want_holds = l->want_ncrs = true;
		break;
	case LEAD_PENDING_NONE:
		break;
	}
}

void
lead_on_notice(struct station_view *sv, const Yoke__Notice *n)
{
	struct lead_state *l = &sv->lead;
	char when[16] = "", line[LEAD_NOTICE];
	const char *text = str_empty(n->text) ? "" : _(n->text);
	time_t t = (time_t)(sv->clock / 1000000);
	struct tm tm;

	if (sv->clock > 0 && localtime_r(&t, &tm) != NULL)
		strftime(when, sizeof when, "%H:%M ", &tm);
	if (!str_empty(n->serial) && n->status != YOKE__UNIT_STATUS__UNIT_NONE)
		/* TRANSLATORS: a notice: time, unit, its status, what happened. */
		snprintf(line, sizeof line, _("%s%s %s: %s"), when, n->serial,
		    station_unit_status_name(n->status), text);
	else if (!str_empty(n->serial))
		snprintf(line, sizeof line, _("%s%s: %s"), when, n->serial, text);
	else
		snprintf(line, sizeof line, "%s%s", when, text);
	memmove(l->notices[1], l->notices[0], sizeof l->notices[0] * (LEAD_NOTICES - 1));
	copy(l->notices[0], sizeof l->notices[0], line);
	if (l->nnotices < LEAD_NOTICES)
		l->nnotices++;
	l->want_holds = l->want_ncrs = true;
	if (l->screen == LEAD_CAPAS)
		l->want_capas = true;
	if (l->screen == LEAD_CAPA && l->capa_number[0])
		l->want_capa = true;
	if (l->screen == LEAD_UNIT && !str_empty(n->serial) && strcmp(n->serial, l->serial) == 0)
		l->want_unit = true;
	alarm_board_refresh(sv);
	line_board_notice(sv, n);
	sv->bell++;
	sv->dirty = true;
}

void
lead_tick(struct station_view *sv, int64_t now)
{
	struct lead_state *l = &sv->lead;

	line_board_tick(sv, now);
	if (l->ask != LEAD_ASK_NONE || l->refresh_at == 0 || now < l->refresh_at)
		return;
	l->want_holds = l->want_ncrs = true;
	if (l->screen == LEAD_CAPAS)
		l->want_capas = true;
	alarm_board_refresh(sv);
	l->refresh_at = now + LEAD_REFRESH_US;
}

/* ---- keys ------------------------------------------------------------------- */

/* The CAPA shown scrolled by delta fields, within its record. */
static void
scroll_capa(struct station_view *sv, int delta)
{
	struct lead_state *l = &sv->lead;
	struct capa_field f[CAPA_FIELDS];
	int n = l->capa ? (int)capa_fields(l->capa, f, CAPA_FIELDS) : 0;
	int s = l->capa_scroll + delta;

	if (s > n - 1)
		s = n - 1;
	if (s < 0)
		s = 0;
	l->capa_scroll = s;
	sv->dirty = true;
}

void
lead_on_arrow(struct station_view *sv, int delta)
{
	struct lead_state *l = &sv->lead;

	if (alarm_board_on(sv)) {
		alarm_board_on_arrow(sv, delta);
		return;
	}
	if (line_board_on(sv)) {
		line_board_on_arrow(sv, delta);
		return;
	}
	if (l->ask == LEAD_ASK_RAISE) {
		ncr_raise_arrow(&l->raise, station_defect_list(sv), delta);
		sv->dirty = true;
		return;
	}
	if (l->screen == LEAD_CAPA && l->ask == LEAD_ASK_NONE) {
		scroll_capa(sv, delta);
		return;
	}
	if (!in_list(l) || l->ask != LEAD_ASK_NONE)
		return;
	l->pick = list_move(l->pick, delta, rows_shown(sv));
	sv->dirty = true;
}

void
lead_on_page(struct station_view *sv, int delta)
{
	struct lead_state *l = &sv->lead;
	int page = (int)lead_page_rows(sv->rows), pick = l->pick, n = (int)rows_shown(sv);

	if (alarm_board_on(sv)) {
		alarm_board_on_arrow(sv, delta * (int)alarm_board_page_rows(sv->rows));
		return;
	}
	if (line_board_on(sv)) {
		line_board_on_page(sv, delta);
		return;
	}
	if (l->screen == LEAD_CAPA && l->ask == LEAD_ASK_NONE) {
		scroll_capa(sv, delta * (lead_capa_rows(sv->rows) / 2 > 0 ? lead_capa_rows(sv->rows) / 2 : 1));
		return;
	}
	if (!in_list(l) || l->ask != LEAD_ASK_NONE || n == 0)
		return;
	if (pick < 0)
		pick = 0;
	pick = (pick / page + (delta > 0 ? 1 : -1)) * page;
	if (pick >= n)
		pick = (n - 1) / page * page;
	if (pick < 0)
		pick = 0;
	l->pick = pick;
	sv->dirty = true;
}

bool
lead_on_function(struct station_view *sv, unsigned fn)
{
	struct lead_state *l = &sv->lead;

	if (l->ask != LEAD_ASK_NONE || alarm_board_asking(sv) || line_board_asking(sv))
		return false;
	if (fn == 2)                    /* the line monitor (line_board.h), or back */
		return line_board_key(sv);
	if (fn == 8) {                  /* the alarms (alarm_board.h), or back */
		line_board_stop(sv);
		return alarm_board_key(sv);
	}
	if (alarm_board_on(sv) && fn != 5)
		alarm_board_stop(sv);   /* another of the lead's keys leaves the alarms */
	if (line_board_on(sv) && fn != 5)
		line_board_stop(sv);    /* ... and the line monitor */
	switch (fn) {
	case 3:
		drop_question(sv);
		l->ask = LEAD_ASK_SCOPE;
		sv->message[0] = '\0';
		sv->dirty = true;
		return true;
	case 4:
		to_screen(sv, l->screen == LEAD_NCRS || l->screen == LEAD_NCR ? LEAD_HOLDS : LEAD_NCRS);
		sv->message[0] = '\0';
		l->want_holds = l->want_ncrs = true;
		return true;
	case 7:
		to_screen(sv, l->screen == LEAD_CAPAS || l->screen == LEAD_CAPA ? LEAD_HOLDS : LEAD_CAPAS);
		sv->message[0] = '\0';
		l->want_holds = l->want_ncrs = true;
		l->want_capas = l->screen == LEAD_CAPAS;
		return true;
	case 9:
		drop_question(sv);
		/* On a unit's screen, about that unit. */
		ncr_raise_start(&l->raise, l->screen == LEAD_UNIT && l->unit ? l->serial : "", sv->badge);
		l->ask = LEAD_ASK_RAISE;
		sv->message[0] = '\0';
		sv->dirty = true;
		return true;
	case 5:
		lead_refresh(sv);
		say(sv, STATION_TONE_WAIT, "%s", _("Reading again\u2026"));
		return true;
	case 6:
		if (!lead_can_move(sv))
			return false;
		drop_question(sv);
		l->moving = true;
		l->ask = LEAD_ASK_REASON;
		sv->message[0] = '\0';
		sv->dirty = true;
		return true;
	default:
		return false;
	}
}

void
lead_on_cancel(struct station_view *sv)
{
	if (alarm_board_on(sv)) {
		alarm_board_cancel(sv);
		return;
	}
	if (line_board_on(sv)) {
		line_board_cancel(sv);
		return;
	}
	if (sv->lead.ask != LEAD_ASK_NONE)
		cancelled(sv);
}

bool
lead_open_unit(struct station_view *sv, const char *serial, struct station_request *r)
{
	return open_unit(sv, serial, r);
}

void
lead_hold_target(struct station_view *sv, Yoke__HoldScope scope, const char *target)
{
	struct lead_state *l = &sv->lead;

	to_screen(sv, LEAD_HOLDS);
	l->want_holds = l->want_ncrs = true;
	l->scope = scope;
	copy(l->target, sizeof l->target, target);
	l->ask = LEAD_ASK_REASON;
	sv->message[0] = '\0';
}

void
lead_show_holds(struct station_view *sv)
{
	to_screen(sv, LEAD_HOLDS);
	sv->lead.want_holds = sv->lead.want_ncrs = true;
	sv->message[0] = '\0';
}
