/*
 * line_draw.c — draws the lead's line monitor (line_board.h) through
 * screen.h. Reads the model, never changes it.
 *
 * The list at 80×24 (the body is rows 3 to 18):
 *   1      "Line 2026-11-26: 7 of 9 online · 1 stopped · 3 alarms"
 *   3      the column heads (shared/line_text.h's, one space apart)
 *   4..17  one station a row, the chosen one marked ▶: stopped in red,
 *          offline dim, alarms or holds in yellow
 *   18     the page line when there are more pages
 * One station: its fields, then the five things a lead does from here.
 */
#include "terminal/line_board.h"
#include "terminal/station.h"

#include "shared/i18n.h"
#include "shared/line_text.h"
#include "shared/util.h"
#include "terminal/draw.h"
#include "terminal/screen.h"

#include <stdio.h>
#include <string.h>

size_t
line_board_page_rows(int rows)
{
	/* The body, rows 3 .. rows - 6: the heads, the rows, the page line. */
	int n = rows - 10;
	return n < 1 ? 1 : (size_t)n;
}

static int64_t
now_of(const struct station_view *sv)
{
	return sv->line.list && sv->line.list->now_us ? sv->line.list->now_us : sv->clock;
}

static void
draw_title(const struct station_view *sv, int cols)
{
	const Yoke__LineStatusReply *l = sv->line.list;
	size_t online = 0, stopped = 0, alarms = 0;
	char buf[200];

	if (l == NULL) {
		screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, _("The line"));
		return;
	}
	for (size_t i = 0; i < l->n_stations; i++) {
		online += l->stations[i]->online;
		stopped += line_state_of(l->stations[i]) == LINE_STOPPED;
		alarms += l->stations[i]->alarms;
	}
	snprintf(buf, sizeof buf, _("Line %s: %zu of %u online \u00b7 %zu stopped \u00b7 %zu alarms"),
	    l->day ? l->day : "", online, l->total, stopped, alarms);
	screen_put_fit(1, 1, cols - 2, stopped ? SCREEN_ERROR : SCREEN_ALERT, true, buf);
}

static enum screen_role
row_role(const Yoke__LineStation *r)
{
	switch (line_state_of(r)) {
	case LINE_STOPPED: return SCREEN_ERROR;
	case LINE_OFFLINE: return SCREEN_DIM;
	default: return r->alarms || r->holds ? SCREEN_ALERT : SCREEN_NORMAL;
	}
}

static void
draw_list(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct line_board *b = &sv->line;
	size_t page = line_board_page_rows(sv->rows), first = 0, n;
	int x[LINE_COLS], y = top;

	draw_title(sv, cols);
	if (!b->list) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the line\u2026"));
		return;
	}
	n = b->list->n_stations;
	if (n == 0) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false, _("No station is defined."));
		return;
	}
	x[0] = 2;
	for (int c = 1; c < LINE_COLS; c++)
		x[c] = x[c - 1] + line_column_width(c - 1) + 1;
	for (int c = 0; c < LINE_COLS && x[c] < cols; c++)
		screen_put_fit(y, x[c], line_column_width(c), SCREEN_DIM, true, line_heading(c));
	y++;
	if (b->pick >= 0)
		first = (size_t)b->pick / page * page;
	for (size_t i = first; i < n && i < first + page && y < bottom - 1; i++, y++) {
		const Yoke__LineStation *r = b->list->stations[i];
		bool on = (int)i == b->pick;
		enum screen_role role = row_role(r);
		struct line_cells cells;

		line_cells(r, now_of(sv), &cells);
		if (on)
			screen_put_bold(y, 0, 2, SCREEN_ALERT, "\u25b6");
		for (int c = 0; c < LINE_COLS && x[c] < cols; c++) {
			int w = line_column_width(c);
			if (x[c] + w > cols - 1)
				w = cols - 1 - x[c];
			screen_put_fit(y, x[c], w, c == LINE_COL_STATION && on ? SCREEN_ALERT : role,
			    on && c <= LINE_COL_STATE, cells.text[c]);
		}
	}
	draw_page_line(bottom - 1, cols, first, page, n);
}

static void
draw_one(const struct station_view *sv, int top, int bottom, int cols)
{
	const Yoke__LineStation *r = line_board_shown(sv);
	int64_t now = now_of(sv);
	int y = top, fpy;
	char buf[400], age[16];
	static const char *const acts[] = {
		N_("1  the unit in work: its trace; there F6 moves it off the station"),
		N_("2  the alarms: acknowledge one, signed"),
		N_("3  hold this station: a reason, signed"),
		N_("4  the holds in force: release one, signed"),
		N_("5  change a work order's priority: a reason, signed"),
	};

	if (r == NULL)
		return;
	snprintf(buf, sizeof buf, "%s (%s) \u00b7 %s", r->station, r->kind,
	    line_state_word(line_state_of(r), 1));
	screen_put_fit(1, 1, cols - 2, row_role(r) == SCREEN_DIM ? SCREEN_ALERT : row_role(r), true,
	    buf);
	if (!str_empty(r->name))
		y += draw_field(y, cols, 16, _("Station"), SCREEN_NORMAL, r->name, 1);
	if (!str_empty(r->stopped_by)) {
		snprintf(buf, sizeof buf, _("stopped by alarm %s"), r->stopped_by);
		y += draw_field(y, cols, 16, _("State"), SCREEN_ERROR, buf, 1);
	}
	if (!str_empty(r->badge))
		snprintf(buf, sizeof buf, "%s (%s)", str_empty(r->person) ? r->badge : r->person, r->badge);
	else
		snprintf(buf, sizeof buf, "%s", _("nobody badged in"));
	y += draw_field(y, cols, 16, _("Who"), SCREEN_NORMAL, buf, 1);
	if (!str_empty(r->serial))
		snprintf(buf, sizeof buf, _("%s, work order %s, op %u, for %lld min"), r->serial,
		    r->work_order, r->operation, (long long)line_minutes(r->unit_since_us, now));
	else
		snprintf(buf, sizeof buf, "%s", _("none open"));
	y += draw_field(y, cols, 16, _("Unit"), SCREEN_NORMAL, buf, 1);
	line_age_text(r->oldest_us, now, age, sizeof age);
	if (r->queue)
		snprintf(buf, sizeof buf, _("%u waiting at %s, the oldest for %s; next: %s (priority %u)"),
		    r->queue, r->kind, age, r->priority_wo, r->priority);
	else
		snprintf(buf, sizeof buf, _("nothing waiting at %s"), r->kind);
	y += draw_field(y, cols, 16, _("Queue"), SCREEN_NORMAL, buf, 2);
	fpy = line_fpy_percent(r->first_pass, r->first_fail);
	if (fpy < 0)
		snprintf(buf, sizeof buf, _("no first try ended today (%u completed)"), r->completed);
	else
		snprintf(buf, sizeof buf, _("%d%%: %u first time of %u (%u completed)"), fpy,
		    r->first_pass, r->first_pass + r->first_fail, r->completed);
	y += draw_field(y, cols, 16, _("FPY today"), fpy >= 0 && fpy < 90 ? SCREEN_ALERT :
	    SCREEN_NORMAL, buf, 1);
	snprintf(buf, sizeof buf, _("%u alarms open \u00b7 %u holds%s"), r->alarms, r->holds,
	    r->held ? _(" (the station is held)") : "");
	y += draw_field(y, cols, 16, _("Alarms, holds"), r->alarms || r->holds ? SCREEN_ALERT :
	    SCREEN_NORMAL, buf, 1);
	y++;
	for (size_t i = 0; i < sizeof acts / sizeof acts[0] && y < bottom; i++, y++)
		screen_put_fit(y, 2, cols - 4, i == 0 && str_empty(r->serial) ? SCREEN_DIM :
		    SCREEN_NORMAL, false, _(acts[i]));
}

void
line_board_draw(const struct station_view *sv, int top, int bottom, int cols)
{
	if (sv->line.screen == LINE_BOARD_ONE && line_board_shown(sv))
		draw_one(sv, top, bottom, cols);
	else
		draw_list(sv, top, bottom, cols);
}
