/*
 * alarm_draw.c — draws the alarms through screen.h: the banner of a raised
 * alarm at the station, the stopped screen (alarm_call.h) and the lead's
 * alarms (alarm_board.h). Reads the model, never changes it.
 *
 * The lead's list at 80×24 (the body is rows 3 to 18):
 *   1      "Alarms: 2 raised · 1 acknowledged"
 *   3      the column heads
 *   4..17  one alarm a row, open ones first, the chosen one marked ▶
 *   18     the page line when there are more pages
 */
#include "terminal/alarm_board.h"
#include "terminal/alarm_call.h"
#include "terminal/station.h"

#include "shared/alarm_text.h"
#include "shared/i18n.h"
#include "shared/util.h"
#include "terminal/draw.h"
#include "terminal/screen.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *
s_(const char *s)
{
	return s ? s : "";
}

/* "14:02" (local time) of a signature, or "". */
static void
clock_of(const Yoke__SignatureRecord *s, char *buf, size_t size)
{
	time_t t;
	struct tm tm;

	buf[0] = '\0';
	if (s == NULL || s->time_us <= 0)
		return;
	t = (time_t)(s->time_us / 1000000);
	if (localtime_r(&t, &tm) != NULL)
		strftime(buf, size, "%H:%M", &tm);
}

/* "call for help by Li Wei (1001) at 14:02: feeder jams" */
static void
what_raised(const Yoke__Alarm *a, char *buf, size_t size)
{
	char when[16];

	clock_of(a->raised, when, sizeof when);
	if (a->raised && !str_empty(a->detail))
		snprintf(buf, size, _("%s by %s (%s) at %s: %s"), _(alarm_source_name(a->source)),
		    s_(a->raised->name), s_(a->raised->badge), when, a->detail);
	else if (a->raised)
		snprintf(buf, size, _("%s by %s (%s) at %s"), _(alarm_source_name(a->source)),
		    s_(a->raised->name), s_(a->raised->badge), when);
	else
		snprintf(buf, size, "%s: %s", _(alarm_source_name(a->source)), s_(a->detail));
}

bool
alarm_draw_banner(const struct station_view *sv, int y, int cols)
{
	const Yoke__Alarm *a = alarm_station_raised(sv);
	char n[32], what[400], line[480];

	if (a == NULL)
		return false;
	alarm_number_text(n, sizeof n, a->id);
	what_raised(a, what, sizeof what);
	snprintf(line, sizeof line, _("ALARM %s \u2014 %s"), n, what);
	screen_fill(y, 0, cols, SCREEN_ERROR);
	screen_put_fit(y, 1, cols - 2, SCREEN_ERROR, true, line);
	return true;
}

void
alarm_draw_stopped(const struct station_view *sv, int top, int bottom, int cols)
{
	const Yoke__Alarm *a = alarm_station_stopper(sv);
	char n[32], what[400], line[512];
	size_t others = 0;
	int y = top + 1;

	if (a == NULL)
		return;
	for (size_t i = 0; sv->alarm.open && i < sv->alarm.open->n_alarms; i++)
		others += sv->alarm.open->alarms[i] != a &&
		    sv->alarm.open->alarms[i]->state == YOKE__ALARM_STATE__ALARM_RAISED;
	alarm_number_text(n, sizeof n, a->id);
	screen_fill(y, 0, cols, SCREEN_ERROR);
	snprintf(line, sizeof line, _("STATION %s STOPPED"), sv->station);
	draw_centred(y, cols, SCREEN_ERROR, true, line);
	y += 2;
	y += draw_field(y, cols, 12, _("Alarm"), SCREEN_ALERT, n, 1);
	what_raised(a, what, sizeof what);
	y += draw_field(y, cols, 12, _("Raised"), SCREEN_NORMAL, what, 3);
	if (!str_empty(a->serial))
		y += draw_field(y, cols, 12, _("Unit"), SCREEN_NORMAL, a->serial, 1);
	y++;
	if (y < bottom)
		y += draw_wrapped(y, 2, cols - 4, bottom - y, SCREEN_ALERT, true,
		    _("A team lead must come and acknowledge this alarm, signed with badge and PIN, "
		    "with the cause found and the action taken (the lead's alarms: F8)."));
	if (y < bottom)
		y += draw_wrapped(y, 2, cols - 4, bottom - y, SCREEN_NORMAL, false,
		    _("Until then nothing is opened, recorded or completed at this station. This "
		    "screen goes by itself when it is acknowledged."));
	if (others > 0 && y + 1 < bottom) {
		snprintf(line, sizeof line, P_("%zu more alarm is raised here", "%zu more alarms are "
		    "raised here", others), others);
		screen_put_fit(y + 1, 2, cols - 4, SCREEN_DIM, false, line);
	}
}

size_t
alarm_board_page_rows(int rows)
{
	/* The body, rows 3 .. rows - 6: the heads, the rows, the page line. */
	int n = rows - 10;
	return n < 1 ? 1 : (size_t)n;
}

static void
draw_title(const struct station_view *sv, int cols)
{
	const Yoke__AlarmReply *l = sv->board.list;
	size_t raised = 0, acked = 0;
	char buf[160];

	for (size_t i = 0; l && i < l->n_alarms; i++) {
		raised += l->alarms[i]->state == YOKE__ALARM_STATE__ALARM_RAISED;
		acked += l->alarms[i]->state == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
	}
	if (l)
		snprintf(buf, sizeof buf, _("Alarms: %zu raised \u00b7 %zu acknowledged"), raised, acked);
	else
		snprintf(buf, sizeof buf, "%s", _("Alarms"));
	screen_put_fit(1, 1, cols - 2, raised ? SCREEN_ERROR : SCREEN_ALERT, true, buf);
}

/* The list's columns: where each starts and how wide it is. */
enum { C_NO, C_ALARM, C_STATE, C_STATION, C_TIME, C_WHAT, NC };
static const int c_x[NC] = { 2, 6, 18, 34, 46, 53 };
static const int c_w[NC] = { 3, 11, 15, 11, 6, 26 };

static void
draw_list(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct alarm_board *b = &sv->board;
	size_t page = alarm_board_page_rows(sv->rows), first = 0, n;
	const char *head[NC];
	int y = top;

	draw_title(sv, cols);
	if (!b->list) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the alarms\u2026"));
		return;
	}
	n = b->list->n_alarms;
	if (n == 0) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false, _("No alarm so far."));
		return;
	}
	head[C_NO] = "#";
	head[C_ALARM] = _("Alarm");
	head[C_STATE] = _("State");
	head[C_STATION] = _("Station");
	head[C_TIME] = _("Time");
	head[C_WHAT] = _("What");
	for (int c = 0; c < NC; c++)
		screen_put_fit(y, c_x[c], c_w[c], SCREEN_DIM, true, head[c]);
	y++;
	if (b->pick >= 0)
		first = (size_t)b->pick / page * page;
	for (size_t i = first; i < n && i < first + page && y < bottom - 1; i++, y++) {
		const Yoke__Alarm *a = b->list->alarms[i];
		bool on = (int)i == b->pick;
		enum screen_role role = a->state == YOKE__ALARM_STATE__ALARM_RAISED ? SCREEN_ERROR :
		    a->state == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED ? SCREEN_ALERT : SCREEN_DIM;
		char no[24], num[32], state[80], when[16], what[400];

		if (on)
			screen_put_bold(y, 0, 2, SCREEN_ALERT, "\u25b6");
		snprintf(no, sizeof no, "%zu", i + 1);
		alarm_number_text(num, sizeof num, a->id);
		snprintf(state, sizeof state, a->stops_station &&
		    a->state == YOKE__ALARM_STATE__ALARM_RAISED ? _("%s, stops") : "%s",
		    _(alarm_state_name(a->state)));
		clock_of(a->raised, when, sizeof when);
		snprintf(what, sizeof what, "%s%s%s", _(alarm_source_name(a->source)),
		    str_empty(a->detail) ? "" : ": ", s_(a->detail));
		screen_put_fit(y, c_x[C_NO], c_w[C_NO], on ? SCREEN_ALERT : SCREEN_NORMAL, false, no);
		screen_put_fit(y, c_x[C_ALARM], c_w[C_ALARM], role, on, num);
		screen_put_fit(y, c_x[C_STATE], c_w[C_STATE], role, on, state);
		screen_put_fit(y, c_x[C_STATION], c_w[C_STATION], SCREEN_NORMAL, on, s_(a->station));
		screen_put_fit(y, c_x[C_TIME], c_w[C_TIME], SCREEN_NORMAL, false, when);
		screen_put_fit(y, c_x[C_WHAT], cols - c_x[C_WHAT] - 1, SCREEN_NORMAL, false, what);
	}
	draw_page_line(bottom - 1, cols, first, page, n);
}

static void
signed_field(int *y, int cols, const char *label, const Yoke__SignatureRecord *s)
{
	char buf[300], when[16];

	if (s == NULL)
		return;
	clock_of(s, when, sizeof when);
	snprintf(buf, sizeof buf, _("%s (%s) at %s"), s_(s->name), s_(s->badge), when);
	*y += draw_field(*y, cols, 16, label, SCREEN_NORMAL, buf, 1);
}

static void
draw_one(const struct station_view *sv, int top, int bottom, int cols)
{
	const Yoke__Alarm *a = alarm_board_shown(sv);
	char n[32], buf[400];
	int y = top;

	if (a == NULL)
		return;
	alarm_number_text(n, sizeof n, a->id);
	snprintf(buf, sizeof buf, "%s \u00b7 %s \u00b7 %s", n, _(alarm_state_name(a->state)),
	    _(alarm_severity_name(a->severity)));
	screen_put_fit(1, 1, cols - 2, a->state == YOKE__ALARM_STATE__ALARM_RAISED ? SCREEN_ERROR :
	    SCREEN_ALERT, true, buf);
	snprintf(buf, sizeof buf, "%s (%s)%s", s_(a->station), s_(a->station_kind),
	    a->stops_station && a->state == YOKE__ALARM_STATE__ALARM_RAISED ?
	    _(" \u2014 stopped until acknowledged") : "");
	y += draw_field(y, cols, 16, _("Station"), a->stops_station ? SCREEN_ERROR : SCREEN_NORMAL,
	    buf, 1);
	y += draw_field(y, cols, 16, _("Source"), SCREEN_NORMAL, _(alarm_source_name(a->source)), 1);
	if (!str_empty(a->serial))
		y += draw_field(y, cols, 16, _("Unit"), SCREEN_NORMAL, a->serial, 1);
	if (!str_empty(a->characteristic))
		y += draw_field(y, cols, 16, _("Characteristic"), SCREEN_NORMAL, a->characteristic, 1);
	if (!str_empty(a->detail))
		y += draw_field(y, cols, 16, _("Detail"), SCREEN_NORMAL, a->detail, 2);
	signed_field(&y, cols, _("Raised by"), a->raised);
	signed_field(&y, cols, _("Acknowledged"), a->acknowledged);
	if (!str_empty(a->cause) && y < bottom)
		y += draw_field(y, cols, 16, _("Cause"), SCREEN_NORMAL, a->cause, 2);
	if (!str_empty(a->action) && y < bottom)
		y += draw_field(y, cols, 16, _("Action taken"), SCREEN_NORMAL, a->action, 2);
	if (y < bottom)
		signed_field(&y, cols, _("Resolved"), a->resolved);
	if (!str_empty(a->resolution) && y < bottom)
		draw_field(y, cols, 16, _("Resolution"), SCREEN_NORMAL, a->resolution, bottom - y);
}

void
alarm_board_draw(const struct station_view *sv, int top, int bottom, int cols)
{
	if (sv->board.screen == ALARM_BOARD_ONE && alarm_board_shown(sv))
		draw_one(sv, top, bottom, cols);
	else
		draw_list(sv, top, bottom, cols);
}
