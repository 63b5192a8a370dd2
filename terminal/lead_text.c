/*
 * lead_text.c — what the lead's view says (lead.h): the names of hold
 * scopes, the "→" line of each screen and question, the help line, and
 * how to move a unit off a station. Reads the model, never changes it.
 */
#include "terminal/lead.h"
#include "terminal/alarm_board.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

size_t
lead_page_rows(int rows)
{
	/* lead_draw.c: the notices on the body's first LEAD_NOTICES rows, the
	 * column heads after them, the page line on the body's last row. */
	int n = rows - 13;
	return n < 1 ? 1 : (size_t)n;
}

int
lead_capa_rows(int rows)
{
	/* lead_draw.c: the body, rows 3 .. rows - 6. */
	return rows - 8 < 1 ? 1 : rows - 8;
}

const char *
lead_scope_name(Yoke__HoldScope s)
{
	switch (s) {
	case YOKE__HOLD_SCOPE__HOLD_UNIT: return _("unit");
	case YOKE__HOLD_SCOPE__HOLD_UNITS: return _("units");
	case YOKE__HOLD_SCOPE__HOLD_WORK_ORDER: return _("work order");
	case YOKE__HOLD_SCOPE__HOLD_COMPONENT: return _("component");
	case YOKE__HOLD_SCOPE__HOLD_STATION: return _("station");
	default: return "?";
	}
}

static size_t
rows_shown(const struct station_view *sv)
{
	const struct lead_state *l = &sv->lead;

	if (l->screen == LEAD_NCRS)
		return l->ncrs ? l->ncrs->n_ncrs : 0;
	if (l->screen == LEAD_CAPAS)
		return l->capas ? l->capas->n_capas : 0;
	return l->holds ? l->holds->n_holds : 0;
}

void
lead_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const struct lead_state *l = &sv->lead;

	buf[0] = '\0';
	if (alarm_board_on(sv)) {
		alarm_board_prompt(sv, buf, size);
		return;
	}
	if (line_board_on(sv)) {
		line_board_prompt(sv, buf, size);
		return;
	}
	switch (l->ask) {
	case LEAD_ASK_SCOPE:
		snprintf(buf, size, "%s", _("Hold what? 1 unit \u00b7 2 work order \u00b7 3 component lot "
		    "or serial \u00b7 4 station"));
		return;
	case LEAD_ASK_TARGET:
		switch (l->scope) {
		case YOKE__HOLD_SCOPE__HOLD_UNIT:
			snprintf(buf, size, "%s", _("Scan the unit's serial"));
			break;
		case YOKE__HOLD_SCOPE__HOLD_WORK_ORDER:
			snprintf(buf, size, "%s", _("Scan or type the work order"));
			break;
		case YOKE__HOLD_SCOPE__HOLD_COMPONENT:
			snprintf(buf, size, "%s", _("Scan the component's label: PART/LOT holds every unit "
			    "built with the lot"));
			break;
		default:
			snprintf(buf, size, "%s", _("Scan or type the station id"));
			break;
		}
		return;
	case LEAD_ASK_REASON:
		if (l->moving)
			snprintf(buf, size, _("Why move %s off its station? Type the reason, then Enter"),
			    l->serial);
		else
			snprintf(buf, size, _("Why hold %s %s? Type the reason, then Enter"),
			    lead_scope_name(l->scope), l->target);
		return;
	case LEAD_ASK_SIGN:
		signing_prompt(&l->sign, buf, size);
		return;
	case LEAD_ASK_RAISE:
		ncr_raise_prompt(&l->raise, station_defect_list(sv), buf, size);
		return;
	case LEAD_ASK_NONE:
		break;
	}
	switch (l->screen) {
	case LEAD_HOLDS:
		snprintf(buf, size, "%s", _("Pick a hold: \u2191 \u2193 Enter, or its number; or scan a unit "
		    "to find it"));
		break;
	case LEAD_NCRS:
		snprintf(buf, size, "%s", _("Pick an NCR: \u2191 \u2193 Enter, or its number; or scan a unit "
		    "to find it"));
		break;
	case LEAD_HOLD:
		if (l->hold && l->hold->open && l->hold->source != YOKE__HOLD_SOURCE__HOLD_NCR)
			snprintf(buf, size, _("To release hold %llu, type the reason and Enter \u2014 Enter "
			    "alone: the list"), (unsigned long long)l->hold->id);
		else
			snprintf(buf, size, "%s", _("Enter: the list"));
		break;
	case LEAD_UNIT:
		if (lead_can_move(sv))
			snprintf(buf, size, "%s", _("F6: take it off its station now (signed) \u2014 Enter: "
			    "the list"));
		else
			snprintf(buf, size, "%s", _("Enter: the list"));
		break;
	case LEAD_NCR:
		snprintf(buf, size, "%s", _("Enter: the list"));
		break;
	case LEAD_CAPAS:
		snprintf(buf, size, "%s", _("Pick a CAPA: \u2191 \u2193 Enter, or its number; or scan its "
		    "CAPA number"));
		break;
	case LEAD_CAPA:
		snprintf(buf, size, "%s", _("\u2191 \u2193 PgUp PgDn: scroll \u2014 Enter: the list"));
		break;
	}
}

size_t
lead_hints(const struct station_view *sv, struct station_hint *h, size_t max)
{
	const struct lead_state *l = &sv->lead;
	size_t n = 0;

	if (alarm_board_on(sv))
		return alarm_board_hints(sv, h, max);
	if (line_board_on(sv))
		return line_board_hints(sv, h, max);
	switch (l->ask) {
	case LEAD_ASK_SIGN:
		if (signing_enter_takes(&l->sign))
			n = add_hint(h, n, max, "Enter", l->sign.own);
		return add_hint(h, n, max, "@BACK", _("cancel"));
	case LEAD_ASK_SCOPE:
		n = add_hint(h, n, max, "1-4", _("choose"));
		return add_hint(h, n, max, "@BACK", _("cancel"));
	case LEAD_ASK_TARGET:
	case LEAD_ASK_REASON:
		return add_hint(h, n, max, "@BACK", _("cancel"));
	case LEAD_ASK_RAISE:
		return ncr_raise_hints(&l->raise, station_defect_list(sv), h, n, max);
	case LEAD_ASK_NONE:
		break;
	}
	switch (l->screen) {
	case LEAD_HOLDS:
	case LEAD_NCRS:
	case LEAD_CAPAS:
		n = add_hint(h, n, max, "\u2191 \u2193", _("choose"));
		n = add_hint(h, n, max, "F2", _("line"));
		n = add_hint(h, n, max, "F3", _("hold"));
		n = add_hint(h, n, max, "F4", l->screen == LEAD_NCRS ? _("holds") : _("NCRs"));
		n = add_hint(h, n, max, "F7", l->screen == LEAD_CAPAS ? _("holds") : _("CAPAs"));
		n = add_hint(h, n, max, "F8", _("alarms"));
		n = add_hint(h, n, max, "F9", _("raise NCR"));
		if (rows_shown(sv) > lead_page_rows(sv->rows))
			n = add_hint(h, n, max, "PgUp PgDn", _("page"));
		n = add_hint(h, n, max, "F5", _("refresh"));
		return add_hint(h, n, max, "@LOGOUT", _("badge out"));
	case LEAD_CAPA:
		n = add_hint(h, n, max, "Enter", _("the list"));
		n = add_hint(h, n, max, "\u2191 \u2193", _("scroll"));
		n = add_hint(h, n, max, "F7", _("holds"));
		return add_hint(h, n, max, "F5", _("refresh"));
	default:
		n = add_hint(h, n, max, "Enter", _("the list"));
		if (lead_can_move(sv))
			n = add_hint(h, n, max, "F6", _("move"));
		if (l->screen == LEAD_UNIT)
			n = add_hint(h, n, max, "F9", _("raise NCR"));
		n = add_hint(h, n, max, "F3", _("hold"));
		return add_hint(h, n, max, "F4", l->screen == LEAD_NCR ? _("holds") : _("NCRs"));
	}
}

/* The station a unit was last worked at: the newest event that names one. */
static const char *
last_station(const Yoke__TraceReply *t)
{
	for (size_t i = t->n_events; i > 0; i--) {
		const Yoke__Event *e = t->events[i - 1];
		if (e && !str_empty(e->station) && e->kind != YOKE__EVENT_KIND__EVENT_HELD &&
		    e->kind != YOKE__EVENT_KIND__EVENT_HOLD_RELEASED)
			return e->station;
	}
	return "";
}

void
lead_move_text(const Yoke__TraceReply *t, char *buf, size_t size)
{
	const Yoke__UnitView *u = t ? t->unit : NULL;
	const char *at;

	buf[0] = '\0';
	if (!u)
		return;
	at = last_station(t);
	switch (u->status) {
	case YOKE__UNIT_STATUS__UNIT_IN_WORK:
		if (at[0])
			snprintf(buf, size, _("Open at station %s, op %u step %u. Once nobody is badged in "
			    "there, scanning %s at another %s station opens it there at that step; F6 takes "
			    "it off %s now."), at, u->operation, u->current_step + 1, str(u->serial),
			    str(u->station_kind), at);
		else
			snprintf(buf, size, _("Open at op %u step %u. Once nobody is badged in at its "
			    "station, scanning %s at another %s station opens it there at that step; F6 "
			    "takes it off now."), u->operation, u->current_step + 1, str(u->serial),
			    str(u->station_kind));
		break;
	case YOKE__UNIT_STATUS__UNIT_QUEUED:
		snprintf(buf, size, _("Waits for op %u at any %s station: scan it there."), u->operation,
		    str(u->station_kind));
		break;
	case YOKE__UNIT_STATUS__UNIT_FAILED:
	case YOKE__UNIT_STATUS__UNIT_ON_HOLD:
		snprintf(buf, size, _("Held: %s. It moves again once its NCR is dispositioned or its "
		    "holds are released."), str(u->hold_reason));
		break;
	case YOKE__UNIT_STATUS__UNIT_DONE:
		snprintf(buf, size, "%s", _("Done: it completed its routing."));
		break;
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED:
		snprintf(buf, size, "%s", _("Scrapped."));
		break;
	default:
		break;
	}
}
