/*
 * lead_draw.c — renders the lead's view (lead.h) through screen.h. Reads
 * the model, never changes it.
 *
 * The holds (and the NCRs) at 80×24 (the body is rows 3 to 18):
 *   1      "Holds in force: 2 · open NCRs: 1"
 *   3..5   the last role/lead notices, newest first
 *   6      the column heads
 *   7..17  one hold (NCR) a row, the chosen one marked ▶
 *   18     "page 1 of 2 · 14 items" when there are more pages
 * A hold: its fields, the units it covers and, just placed, its
 * containment counts. An NCR is ncr_draw.c's; a unit, its standing, how
 * to move it, its holds and NCRs and its last events.
 */
#include "terminal/lead.h"
#include "terminal/alarm_board.h"
#include "terminal/line_board.h"
#include "terminal/station.h"

#include "shared/i18n.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/draw.h"
#include "terminal/ncr_draw.h"
#include "terminal/screen.h"

#include <stdio.h>
#include <string.h>

static const char *
s_(const char *s)
{
	return s ? s : "";
}

/* The notices, newest first, on the body's first LEAD_NOTICES rows. */
static void
draw_notices(const struct lead_state *l, int y, int cols)
{
	if (l->nnotices == 0) {
		screen_put_fit(y, 2, cols - 3, SCREEN_DIM, false, _("No notices since you badged in."));
		return;
	}
	for (int i = 0; i < l->nnotices && i < LEAD_NOTICES; i++)
		screen_put_fit(y + i, 2, cols - 3, i == 0 ? SCREEN_ERROR : SCREEN_WAITING, i == 0,
		    l->notices[i]);
}

static void
draw_title(const struct station_view *sv, int cols)
{
	const struct lead_state *l = &sv->lead;
	char holds[32], ncrs[32], buf[160];

	if (l->screen == LEAD_CAPAS) {
		size_t overdue = 0;
		for (size_t i = 0; l->capas && i < l->capas->n_capas; i++)
			overdue += l->capas->capas[i]->overdue;
		snprintf(holds, sizeof holds, l->capas ? "%zu" : "-", l->capas ? l->capas->n_capas : 0);
		snprintf(ncrs, sizeof ncrs, l->capas ? "%zu" : "-", overdue);
		snprintf(buf, sizeof buf, _("CAPAs in work: %s \u00b7 overdue: %s"), holds, ncrs);
		screen_put_fit(1, 1, cols - 2, overdue ? SCREEN_ERROR : SCREEN_ALERT, true, buf);
		return;
	}
	snprintf(holds, sizeof holds, l->holds ? "%zu" : "-", l->holds ? l->holds->n_holds : 0);
	snprintf(ncrs, sizeof ncrs, l->ncrs ? "%zu" : "-", l->ncrs ? l->ncrs->n_ncrs : 0);
	snprintf(buf, sizeof buf, _("Holds in force: %s \u00b7 open NCRs: %s"), holds, ncrs);
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
}

/* A row's marker and number; the role of the row. */
static enum screen_role
row_start(int y, size_t i, int pick)
{
	char no[24];
	bool on = (int)i == pick;

	if (on)
		screen_put_bold(y, 0, 2, SCREEN_ALERT, "\u25b6");
	snprintf(no, sizeof no, "%zu", i + 1);
	screen_put_fit(y, 2, 3, on ? SCREEN_ALERT : SCREEN_NORMAL, false, no);
	return on ? SCREEN_ALERT : SCREEN_NORMAL;
}

static void
one_line(char *buf, size_t size, const char *text)
{
	snprintf(buf, size, "%s", s_(text));
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

static void
draw_holds(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct lead_state *l = &sv->lead;
	size_t page = lead_page_rows(sv->rows), first = 0, n;
	int y = top + LEAD_NOTICES;

	draw_notices(l, top, cols);
	if (!l->holds) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the holds\u2026"));
		return;
	}
	n = l->holds->n_holds;
	if (n == 0) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false, _("No hold is in force. F3 places one."));
		return;
	}
	if (l->pick >= 0)
		first = (size_t)l->pick / page * page;
	screen_put_fit(y, 6, 5, SCREEN_DIM, true, _("Hold"));
	screen_put_fit(y, 12, 11, SCREEN_DIM, true, _("Scope"));
	screen_put_fit(y, 24, 21, SCREEN_DIM, true, _("Target"));
	screen_put_fit(y, 46, 5, SCREEN_DIM, true, _("Units"));
	screen_put_fit(y, 52, 22, SCREEN_DIM, true, _("Reason"));
	screen_put_fit(y, 75, cols - 76, SCREEN_DIM, true, _("Age"));
	y++;
	for (size_t i = first; i < n && i < first + page && y < bottom - 1; i++, y++) {
		const Yoke__Hold *h = l->holds->holds[i];
		enum screen_role role = row_start(y, i, l->pick);
		char id[24], units[16], age[16], reason[512];

		snprintf(id, sizeof id, "%llu", (unsigned long long)h->id);
		screen_put_fit(y, 6, 5, role, true, id);
		screen_put_fit(y, 12, 11, role, false, lead_scope_name(h->scope));
		screen_put_fit(y, 24, 21, role, false, h->n_targets ? s_(h->targets[0]) : "");
		if (h->scope == YOKE__HOLD_SCOPE__HOLD_UNIT || h->scope == YOKE__HOLD_SCOPE__HOLD_UNITS ||
		    h->scope == YOKE__HOLD_SCOPE__HOLD_COMPONENT)
			snprintf(units, sizeof units, h->n_units >= 20 ? "20+" : "%zu", h->n_units);
		else
			snprintf(units, sizeof units, "-");
		screen_put_fit(y, 46, 5, role, false, units);
		one_line(reason, sizeof reason, h->reason);
		screen_put_fit(y, 52, 22, h->source == YOKE__HOLD_SOURCE__HOLD_NCR && role == SCREEN_NORMAL ?
		    SCREEN_ERROR : role, false, reason);
		draw_age(h->placed ? h->placed->time_us : 0, age, sizeof age);
		screen_put_fit(y, 75, cols - 76, role, false, age);
	}
	draw_page_line(bottom - 1, cols, first, page, n);
}

static void
draw_ncrs(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct lead_state *l = &sv->lead;
	size_t page = lead_page_rows(sv->rows), first = 0, n;
	int y = top + LEAD_NOTICES;

	draw_notices(l, top, cols);
	if (!l->ncrs) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the NCRs\u2026"));
		return;
	}
	n = l->ncrs->n_ncrs;
	if (n == 0) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false, _("No NCR is open at the line."));
		return;
	}
	if (l->pick >= 0)
		first = (size_t)l->pick / page * page;
	screen_put_fit(y, 6, 11, SCREEN_DIM, true, _("NCR no."));
	screen_put_fit(y, 18, 14, SCREEN_DIM, true, _("Unit"));
	screen_put_fit(y, 33, 9, SCREEN_DIM, true, _("Station"));
	screen_put_fit(y, 43, 12, SCREEN_DIM, true, _("Defect"));
	screen_put_fit(y, 56, 5, SCREEN_DIM, true, _("Age"));
	screen_put_fit(y, 62, cols - 63, SCREEN_DIM, true, _("What failed"));
	y++;
	for (size_t i = first; i < n && i < first + page && y < bottom - 1; i++, y++) {
		const Yoke__Ncr *c = l->ncrs->ncrs[i];
		enum screen_role role = row_start(y, i, l->pick);
		char age[16], text[512];

		screen_put_fit(y, 6, 11, role, true, s_(c->number));
		screen_put_fit(y, 18, 14, role, false, s_(c->serial));
		screen_put_fit(y, 33, 9, role, false, s_(c->station));
		screen_put_fit(y, 43, 12, role, false, s_(c->defect));
		draw_age(c->opened_us, age, sizeof age);
		screen_put_fit(y, 56, 5, role, false, age);
		one_line(text, sizeof text, c->text);
		screen_put_fit(y, 62, cols - 63, role, false, text);
	}
	draw_page_line(bottom - 1, cols, first, page, n);
}

/* The CAPAs not closed: number, state, defect, station or product, owner,
 * due date; an overdue one in red with its date marked. */
static void
draw_capas(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct lead_state *l = &sv->lead;
	size_t page = lead_page_rows(sv->rows), first = 0, n;
	int y = top + LEAD_NOTICES;

	draw_notices(l, top, cols);
	if (!l->capas) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the CAPAs\u2026"));
		return;
	}
	n = l->capas->n_capas;
	if (n == 0) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false, _("No CAPA is in work. Closed ones: "
		    "yokectl capa list."));
		return;
	}
	if (l->pick >= 0)
		first = (size_t)l->pick / page * page;
	/* At 80 columns the due date has room for " overdue" (18), the
	 * owner for its badge and its heading (6). */
	screen_put_fit(y, 5, 11, SCREEN_DIM, true, _("CAPA no."));
	screen_put_fit(y, 17, 14, SCREEN_DIM, true, _("State"));
	screen_put_fit(y, 32, 12, SCREEN_DIM, true, _("Defect"));
	screen_put_fit(y, 45, 8, SCREEN_DIM, true, _("Scope"));
	screen_put_fit(y, 54, 6, SCREEN_DIM, true, _("Owner"));
	screen_put_fit(y, 61, cols - 62, SCREEN_DIM, true, _("Due"));
	y++;
	for (size_t i = first; i < n && i < first + page && y < bottom - 1; i++, y++) {
		const Yoke__Capa *k = l->capas->capas[i];
		enum screen_role role = row_start(y, i, l->pick);
		char due[64];

		screen_put_fit(y, 5, 11, role, true, s_(k->number));
		screen_put_fit(y, 17, 14, role, false, capa_state_name(k->state));
		screen_put_fit(y, 32, 12, role, false, s_(k->defect));
		screen_put_fit(y, 45, 8, role, false, capa_scope_id(k));
		screen_put_fit(y, 54, 6, role, false, s_(k->owner));
		capa_due_text(k, due, sizeof due);
		screen_put_fit(y, 61, cols - 62, k->overdue ? SCREEN_ERROR : role, k->overdue, due);
	}
	draw_page_line(bottom - 1, cols, first, page, n);
}

static enum screen_role
tone_role(enum capa_tone t)
{
	switch (t) {
	case CAPA_TONE_ALERT: return SCREEN_ERROR;
	case CAPA_TONE_DONE: return SCREEN_OK;
	case CAPA_TONE_DIM: return SCREEN_DIM;
	default: return SCREEN_NORMAL;
	}
}

/* One CAPA: its record as fields from the one scrolled to, each wrapped
 * in at most 3 rows; what is left below is said on the last row. */
static void
draw_capa(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct lead_state *l = &sv->lead;
	const Yoke__Capa *k = l->capa;
	struct capa_field f[CAPA_FIELDS];
	char title[512], more[64];
	size_t n, i;
	int y = top, lw = 0;

	if (!k) {
		snprintf(title, sizeof title, _("Reading %s\u2026"), l->capa_number);
		screen_put_fit(1, 1, cols - 2, SCREEN_WAITING, true, title);
		return;
	}
	snprintf(title, sizeof title, "%s \u00b7 %s", s_(k->number), s_(k->title));
	screen_put_fit(1, 1, cols - 20, SCREEN_ALERT, true, title);
	screen_put_fit(1, cols - 19, 18, k->overdue ? SCREEN_ERROR : SCREEN_WAITING, true,
	    capa_state_name(k->state));
	n = capa_fields(k, f, CAPA_FIELDS);
	for (i = 0; i < n; i++)
		if (utf8_width(f[i].label) > lw)
			lw = utf8_width(f[i].label);
	if (lw > 14)
		lw = 14;
	for (i = (size_t)l->capa_scroll; i < n && y < bottom; i++) {
		int room = bottom - y - (i + 1 < n ? 1 : 0);
		if (room < 1)
			break;
		y += draw_field(y, cols, lw, f[i].label, tone_role(f[i].tone), f[i].text, room < 3 ? room : 3);
	}
	if (i < n) {
		snprintf(more, sizeof more, P_("\u2193 %zu line more", "\u2193 %zu lines more", n - i), n - i);
		screen_put_fit(bottom - 1 < y ? bottom - 1 : y, 2, cols - 4, SCREEN_DIM, false, more);
	}
}

static void
draw_hold(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct lead_state *l = &sv->lead;
	const Yoke__Hold *h = l->hold;
	const char *labels[6];
	char buf[1024], when[32], title[160];
	int y = top, lw = 0;

	if (!h)
		return;
	snprintf(title, sizeof title, _("Hold %llu \u00b7 %s"), (unsigned long long)h->id,
	    lead_scope_name(h->scope));
	screen_put_fit(1, 1, cols - 18, SCREEN_ALERT, true, title);
	screen_put_fit(1, cols - 17, 16, h->open ? SCREEN_ERROR : SCREEN_OK, true,
	    h->open ? _("in force") : _("hold released"));
	labels[0] = _("Target");
	labels[1] = _("Reason");
	labels[2] = _("Placed by");
	labels[3] = _("Released by");
	labels[4] = _("Units");
	labels[5] = _("Contained");
	for (int i = 0; i < 6; i++)
		if (utf8_width(labels[i]) > lw)
			lw = utf8_width(labels[i]);
	if (lw > 14)
		lw = 14;
	buf[0] = '\0';
	for (size_t i = 0; i < h->n_targets; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, "%s%s", i ? "  " : "", s_(h->targets[i]));
	}
	y += draw_field(y, cols, lw, labels[0], SCREEN_NORMAL, buf, 2);
	if (h->source == YOKE__HOLD_SOURCE__HOLD_NCR)
		snprintf(buf, sizeof buf, _("%s (placed by %s; its disposition releases it)"), s_(h->reason),
		    s_(h->ncr));
	else
		snprintf(buf, sizeof buf, "%s", s_(h->reason));
	y += draw_field(y, cols, lw, labels[1], SCREEN_NORMAL, buf, 2);
	if (h->placed) {
		ncr_time_text(h->placed->time_us, when, sizeof when);
		snprintf(buf, sizeof buf, "%s (%s), %s", s_(h->placed->name), s_(h->placed->badge), when);
		y += draw_field(y, cols, lw, labels[2], SCREEN_NORMAL, buf, 1);
	}
	if (!h->open && h->released) {
		ncr_time_text(h->released->time_us, when, sizeof when);
		snprintf(buf, sizeof buf, "%s (%s), %s: %s", s_(h->released->name), s_(h->released->badge),
		    when, s_(h->release_reason));
		y += draw_field(y, cols, lw, labels[3], SCREEN_OK, buf, 2);
	}
	if (l->counted) {
		snprintf(buf, sizeof buf, _("%u in work \u00b7 %u done \u00b7 %u scrapped"), l->in_work, l->done,
		    l->scrapped);
		y += draw_field(y, cols, lw, labels[5], SCREEN_ALERT, buf, 1);
		y += draw_field(y, cols, lw, "", SCREEN_DIM, _("yoke records no shipments: a done unit may "
		    "have left the plant already."), 2);
	}
	if (h->n_units && y < bottom) {
		buf[0] = '\0';
		for (size_t i = 0; i < h->n_units; i++) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof buf - len, "%s%s", i ? "  " : "", s_(h->units[i]));
		}
		y += draw_field(y, cols, lw, labels[4], SCREEN_NORMAL, buf, bottom - y);
	}
}

static void
draw_unit(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct lead_state *l = &sv->lead;
	const Yoke__TraceReply *t = l->unit;
	const Yoke__UnitView *u = t ? t->unit : NULL;
	char buf[1024], title[256];
	int y = top;

	if (!u) {
		snprintf(title, sizeof title, _("Looking for unit %s\u2026"), l->serial);
		screen_put_fit(1, 1, cols - 2, SCREEN_WAITING, true, title);
		return;
	}
	snprintf(title, sizeof title, _("Unit %s \u00b7 %s \u00b7 %s"), s_(u->serial), s_(u->product),
	    s_(u->work_order));
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, title);
	ncr_unit_text(t, buf, sizeof buf);
	y += draw_wrapped(y, 2, cols - 4, 2, SCREEN_NORMAL, true, buf);
	lead_move_text(t, buf, sizeof buf);
	if (buf[0])
		y += draw_wrapped(y, 2, cols - 4, 3, SCREEN_ALERT, false, buf);
	for (size_t i = 0; i < t->n_holds && y < bottom; i++) {
		const Yoke__Hold *h = t->holds[i];
		if (!h || !h->open)
			continue;
		snprintf(buf, sizeof buf, _("Hold %llu (%s %s): %s"), (unsigned long long)h->id,
		    lead_scope_name(h->scope), h->n_targets ? s_(h->targets[0]) : "", s_(h->reason));
		screen_put_fit(y++, 2, cols - 4, SCREEN_ERROR, false, buf);
	}
	if (u->n_ncrs && y < bottom) {
		buf[0] = '\0';
		for (size_t i = 0; i < u->n_ncrs; i++) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof buf - len, "%s%s", i ? "  " : "", s_(u->ncrs[i]));
		}
		char line[1100];
		snprintf(line, sizeof line, _("NCRs: %s"), buf);
		screen_put_fit(y++, 2, cols - 4, SCREEN_NORMAL, false, line);
	}
	ncr_draw_events(t, y + 1, bottom, cols);
}

void
lead_draw(const struct station_view *sv, int top, int bottom, int cols)
{
	if (alarm_board_on(sv)) {
		alarm_board_draw(sv, top, bottom, cols);
		return;
	}
	if (line_board_on(sv)) {
		line_board_draw(sv, top, bottom, cols);
		return;
	}
	if (sv->lead.ask == LEAD_ASK_RAISE) {
		ncr_draw_raise(&sv->lead.raise, station_defect_list(sv), top, bottom, cols);
		return;
	}
	switch (sv->lead.screen) {
	case LEAD_HOLDS:
		draw_title(sv, cols);
		draw_holds(sv, top, bottom, cols);
		break;
	case LEAD_NCRS:
		draw_title(sv, cols);
		draw_ncrs(sv, top, bottom, cols);
		break;
	case LEAD_HOLD:
		draw_hold(sv, top, bottom, cols);
		break;
	case LEAD_NCR:
		ncr_draw(&sv->lead.detail, top, bottom, cols, false);
		break;
	case LEAD_UNIT:
		draw_unit(sv, top, bottom, cols);
		break;
	case LEAD_CAPAS:
		draw_title(sv, cols);
		draw_capas(sv, top, bottom, cols);
		break;
	case LEAD_CAPA:
		draw_capa(sv, top, bottom, cols);
		break;
	}
}
