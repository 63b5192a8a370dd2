/*
 * station_draw.c — renders the station model through screen.h. Reads the
 * model, never changes it; the loop calls it once per pass when dirty.
 *
 * Layout at 80×24 (rows from the top and the bottom):
 *   0      header bar: station, operator, ONLINE/OFFLINE
 *   1      what is open: the unit and its operation, or the queue
 *   2..-6  the mode's body: badge prompt, queue table, steps + current step,
 *          or the inspector's or the lead's view (inspector_draw.c, lead_draw.c)
 *   -5     what to scan or enter now
 *   -4,-3  status: the last result or error (wrapped, two lines)
 *   -2     the line being typed
 *   -1     help line: the actions this screen takes
 *
 * Every text is placed by its display width (CJK characters take two
 * columns) and cut with an ellipsis where its room ends (terminal/layout.h);
 * table columns are placed cell by cell, never padded with printf, whose
 * widths count bytes (draw.h). The help screen (F1) is help_draw.c's.
 */
#include "terminal/station.h"

#include "shared/i18n.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/draw.h"
#include "terminal/help_draw.h"
#include "shared/layout.h"
#include "terminal/screen.h"

#include <stdio.h>
#include <string.h>

static enum screen_role
tone_role(enum station_tone t)
{
	switch (t) {
	case STATION_TONE_OK: return SCREEN_OK;
	case STATION_TONE_ERROR: return SCREEN_ERROR;
	case STATION_TONE_WAIT: return SCREEN_WAITING;
	default: return SCREEN_NORMAL;
	}
}

static void
draw_header(const struct station_view *sv, int cols)
{
	char left[320], station[160], who[256], net[64];
	int netw;

	if (sv->replaced)
		snprintf(net, sizeof net, " %s ", _("REPLACED"));
	else
		snprintf(net, sizeof net, " %s ", sv->online ? _("ONLINE") : _("OFFLINE"));
	netw = utf8_width(net);
	screen_fill(0, 0, cols, SCREEN_HEADER);
	snprintf(station, sizeof station, _("Station %s"), sv->station);
	snprintf(left, sizeof left, " yoke  %s%s%s", station, sv->station_name[0] ? " \u00b7 " : "",
	    sv->station_name);
	screen_put_fit(0, 0, cols / 2 - 1, SCREEN_HEADER, true, left);
	if (sv->session[0]) {
		/* TRANSLATORS: the person badged in and their role. */
		snprintf(who, sizeof who, _("%s (%s)"), sv->operator_name[0] ? sv->operator_name : sv->badge,
		    station_role_name(sv->role));
		screen_put_fit(0, cols / 2, cols - cols / 2 - netw - 1, SCREEN_HEADER, false, who);
	}
	screen_put_bold(0, cols - netw, netw, sv->online && !sv->replaced ? SCREEN_HEADER : SCREEN_ERROR, net);
}

static void
draw_badge(const struct station_view *sv, int rows, int cols)
{
	char line[256];
	int y = rows / 2 - 3;

	snprintf(line, sizeof line, _("Station %s \u2014 scan your badge"), sv->station);
	draw_centred(y, cols, SCREEN_ALERT, true, line);
	if (sv->station_name[0])
		draw_centred(y + 2, cols, SCREEN_DIM, false, sv->station_name);
}

/* The queue table's columns: where each starts and how wide it is. */
enum { COL_PRI, COL_SERIAL, COL_WO, COL_PRODUCT, COL_OP, COL_STATUS, COL_AGE, NCOLS };
static const int col_x[NCOLS] = { 1, 6, 21, 33, 45, 65, 75 };
static const int col_w[NCOLS] = { 4, 14, 11, 11, 19, 9, 4 };

static void
draw_queue(const struct station_view *sv, int top, int bottom, int cols)
{
	const Yoke__QueueReply *q = sv->queue;
	const char *head[NCOLS];
	size_t order[256], n = 0, i, j;
	int y = top;
	char buf[256];

	if (sv->station_kind[0])
		snprintf(buf, sizeof buf, _("Queue at %s \u2014 %s"), sv->station, sv->station_kind);
	else
		snprintf(buf, sizeof buf, _("Queue at %s"), sv->station);
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	if (!q) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the queue\u2026"));
		return;
	}
	if (q->n_entries == 0) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false, _("No units waiting at this station."));
		return;
	}
	/* Priority order (1 first), stable so the server's order breaks ties. */
	for (i = 0; i < q->n_entries && n < 256; i++) {
		order[n++] = i;
		for (j = n - 1; j > 0 && q->entries[order[j - 1]]->priority > q->entries[order[j]]->priority; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	}
	head[COL_PRI] = _("Pri");
	head[COL_SERIAL] = _("Serial");
	head[COL_WO] = _("Work order");
	head[COL_PRODUCT] = _("Product");
	head[COL_OP] = _("Operation");
	head[COL_STATUS] = _("Status");
	head[COL_AGE] = _("Age");
	for (int c = 0; c < NCOLS; c++)
		screen_put_fit(y, col_x[c], col_w[c], SCREEN_DIM, true, head[c]);
	y++;
	for (i = 0; i < n && y < bottom; i++) {
		const Yoke__QueueEntry *e = q->entries[order[i]];
		char op[128], age[16], pri[16];
		enum screen_role role = SCREEN_NORMAL;
		bool failed = e->status == YOKE__UNIT_STATUS__UNIT_FAILED ||
		    e->status == YOKE__UNIT_STATUS__UNIT_ON_HOLD;

		if (y == bottom - 1 && i + 1 < n) {
			snprintf(buf, sizeof buf, P_("\u2026 and %zu more unit", "\u2026 and %zu more units",
			    n - i), n - i);
			screen_put_fit(y++, 3, cols - 4, SCREEN_DIM, false, buf);
			break;
		}
		if (failed)
			role = SCREEN_ERROR;
		snprintf(pri, sizeof pri, "%u", e->priority);
		screen_put_fit(y, col_x[COL_PRI], col_w[COL_PRI], role, false, pri);
		screen_put_fit(y, col_x[COL_SERIAL], col_w[COL_SERIAL], role, true, e->serial ? e->serial : "");
		screen_put_fit(y, col_x[COL_WO], col_w[COL_WO], role, false, e->work_order ? e->work_order : "");
		screen_put_fit(y, col_x[COL_PRODUCT], col_w[COL_PRODUCT], role, false,
		    e->product ? e->product : "");
		snprintf(op, sizeof op, "%u %s", e->operation, e->operation_name ? e->operation_name : "");
		screen_put_fit(y, col_x[COL_OP], col_w[COL_OP], role, false, op);
		screen_put_fit(y, col_x[COL_STATUS], col_w[COL_STATUS], role, failed,
		    station_unit_status_name(e->status));
		draw_age(e->since_us, age, sizeof age);
		screen_put_fit(y, col_x[COL_AGE], cols - col_x[COL_AGE] - 1, role, false, age);
		y++;
	}
}

static const char *
kind_label(const Yoke__StepView *st)
{
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT: return _("Instruction");
	case YOKE__STEP_KIND__STEP_SCAN: return _("Component scan");
	case YOKE__STEP_KIND__STEP_MEASURE: return _("Measurement");
	case YOKE__STEP_KIND__STEP_CHECK: return _("Check");
	case YOKE__STEP_KIND__STEP_INSPECT: return st->needs_inspector ?
	    _("Mandatory inspection, signed by an inspector") : _("Mandatory inspection");
	default: return _("Step");
	}
}

/* Row 1 at a unit: which unit and operation, and how far its steps are. */
static void
draw_unit_title(const Yoke__UnitView *u, int cols)
{
	size_t n = u->n_steps, cur = u->current_step;
	char buf[512], right[64];
	int rw;

	if (cur < n)
		snprintf(right, sizeof right, _("step %zu of %zu"), cur + 1, n);
	else
		snprintf(right, sizeof right, _("%zu of %zu done"), n, n);
	rw = utf8_width(right);
	if (rw > cols / 3)
		rw = cols / 3;
	snprintf(buf, sizeof buf, _("Unit %s \u00b7 %s \u00b7 %s \u00b7 op %u %s"), u->serial, u->product,
	    u->work_order, u->operation, u->operation_name);
	screen_put_fit(1, 1, cols - rw - 3, SCREEN_ALERT, true, buf);
	screen_put_fit(1, cols - 1 - rw, rw, SCREEN_NORMAL, false, right);
}

static void
draw_unit(const struct station_view *sv, int top, int bottom, int cols)
{
	const Yoke__UnitView *u = sv->unit;
	size_t n = u->n_steps, cur = u->current_step, first, i;
	char buf[512];
	const Yoke__StepView *st = cur < n ? u->steps[cur] : NULL;
	struct utf8_line lines[64];
	int avail = bottom - top, text_rows = 0, list_rows, y = top;
	const char *text = st && st->text ? st->text : "";
	bool held = station_unit_held(sv);

	draw_unit_title(u, cols);

	/* The current step's text first decides the room left for the list. */
	if (st && text[0] && st->kind != YOKE__STEP_KIND__STEP_CHECK)
		text_rows = (int)layout_wrap(text, cols - 6, lines, 64);
	list_rows = avail - 3 - text_rows;
	if (list_rows < 3)
		list_rows = 3;
	if ((size_t)list_rows > n)
		list_rows = (int)n;
	if (text_rows > avail - 3 - list_rows)
		text_rows = avail - 3 - list_rows;
	/* The list scrolls to keep the current step in the middle. */
	first = 0;
	if (n > (size_t)list_rows) {
		size_t half = (size_t)list_rows / 2;
		first = cur > half ? cur - half : 0;
		if (first + (size_t)list_rows > n)
			first = n - (size_t)list_rows;
	}
	for (i = first; i < first + (size_t)list_rows && i < n; i++, y++) {
		const Yoke__StepView *s = u->steps[i];
		char sum[400];
		const char *mark = "  ";
		enum screen_role role = SCREEN_NORMAL;
		int w;

		station_step_summary(s, sum, sizeof sum);
		if (!s->due) {
			mark = "\u2013 ";
			role = SCREEN_DIM;
			if (!s->result || !s->result[0])
				snprintf(sum + strlen(sum), sizeof sum - strlen(sum), " %s", _("(not due)"));
		} else if (s->done) {
			mark = "\u2713 ";
			role = SCREEN_OK;
		} else if (i == cur) {
			mark = "\u25b6 ";
			role = held ? SCREEN_ERROR : SCREEN_ALERT;
		}
		screen_put_bold(y, 1, 2, role, mark);
		snprintf(buf, sizeof buf, "%2zu ", i + 1);
		screen_put(y, 3, 3, role == SCREEN_DIM ? SCREEN_DIM : SCREEN_NORMAL, buf);
		w = 0;
		if (s->result && s->result[0]) {
			w = utf8_width(s->result) + 1;
			if (w > 26)
				w = 26;
			screen_put_fit(y, cols - 1 - w, w, held && i == cur ? SCREEN_ERROR : SCREEN_DIM, false,
			    s->result);
		}
		screen_put_fit(y, 6, cols - 8 - w, role, i == cur, sum);
	}
	y++;
	if (held) {
		if (u->hold_reason && u->hold_reason[0])
			snprintf(buf, sizeof buf, _(" HELD \u2014 %s"), u->hold_reason);
		else
			snprintf(buf, sizeof buf, "%s", _(" HELD \u2014 the unit failed at this step and needs "
			    "a disposition"));
		screen_fill(y, 1, cols - 2, SCREEN_ERROR);
		screen_put_fit(y, 1, cols - 2, SCREEN_ERROR, true, buf);
		screen_put_fit(y + 1, 2, cols - 4, SCREEN_ERROR, false, _("This unit cannot be worked on here."));
		return;
	}
	if (!st) {
		screen_put_fit(y, 2, cols - 4, SCREEN_OK, true, _("All steps done."));
		return;
	}
	if (st->kind == YOKE__STEP_KIND__STEP_INSPECT && st->frequency && st->frequency[0])
		snprintf(buf, sizeof buf, _("Step %zu: %s \u00b7 %s"), cur + 1, kind_label(st), st->frequency);
	else if (st->kind == YOKE__STEP_KIND__STEP_MEASURE && u->attempt > 0)
		/* Readings out of the limits so far: the next one is a new reading. */
		snprintf(buf, sizeof buf, _("Step %zu: %s \u00b7 measure again, reading %u"), cur + 1,
		    kind_label(st), u->attempt + 1);
	else
		snprintf(buf, sizeof buf, _("Step %zu: %s"), cur + 1, kind_label(st));
	screen_put_fit(y++, 2, cols - 4, SCREEN_ALERT, true, buf);
	if (text_rows > 0)
		draw_wrapped(y, 4, cols - 6, text_rows, SCREEN_NORMAL, false, text);
}

/* The plant's defect codes while one is asked: number, code and text, the
 * highlighted one marked; the list scrolls to keep it in view. */
void
station_draw_defects(const Yoke__DefectsReply *d, int pick, const char *title, int top, int bottom,
    int cols)
{
	size_t n = d ? d->n_defects : 0, first = 0, i;
	int rows = bottom - top - 1, y = top, codew = 4;
	char buf[64];

	screen_put_fit(y++, 2, cols - 4, SCREEN_ALERT, true, title);
	if (rows < 1 || n == 0)
		return;
	for (i = 0; i < n; i++) {
		int w = utf8_width(d->defects[i]->code ? d->defects[i]->code : "");
		if (w > codew)
			codew = w;
	}
	if (codew > 20)
		codew = 20;
	if (n > (size_t)rows && pick >= 0) {
		size_t at = (size_t)pick, half = (size_t)rows / 2;
		first = at > half ? at - half : 0;
		if (first + (size_t)rows > n)
			first = n - (size_t)rows;
	}
	for (i = first; i < n && y < bottom; i++, y++) {
		const Yoke__DefectCode *c = d->defects[i];
		bool on = (int)i == pick;
		enum screen_role role = on ? SCREEN_ALERT : SCREEN_NORMAL;
		int x = 1;

		if (y == bottom - 1 && i + 1 < n && !on && (pick < 0 || (size_t)pick < i)) {
			snprintf(buf, sizeof buf, P_("\u2026 and %zu more code", "\u2026 and %zu more codes",
			    n - i), n - i);
			screen_put_fit(y, 4, cols - 5, SCREEN_DIM, false, buf);
			break;
		}
		screen_put_bold(y, x, 2, role, on ? "\u25b6 " : "  ");
		snprintf(buf, sizeof buf, "%3zu ", i + 1);
		screen_put(y, x + 2, 4, role, buf);
		screen_put_fit(y, x + 7, codew, role, true, c->code ? c->code : "");
		screen_put_fit(y, x + 9 + codew, cols - (x + 10 + codew), role, on, c->text ? c->text : "");
	}
}

static void
draw_complete(const struct station_view *sv, int rows, int cols)
{
	if (sv->unit) {
		char buf[256];
		snprintf(buf, sizeof buf, _("Unit %s \u00b7 %s \u00b7 %s"), sv->unit->serial, sv->unit->product,
		    sv->unit->work_order);
		screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	}
	draw_centred(rows / 2 - 3, cols, SCREEN_OK, true, sv->complete_msg);
	draw_centred(rows / 2 - 1, cols, SCREEN_NORMAL, false, sv->role == YOKE__ROLE__ROLE_INSPECTOR ?
	    _("Scan the next unit, or press Enter for the worklist") :
	    _("Scan the next unit, or press Enter for the queue"));
}

/* The last row: y or any other key while asking to quit, else the hints. */
static void
draw_help_line(const struct station_view *sv, int y, int cols)
{
	struct station_hint h[STATION_MAX_HINTS];
	size_t n, keep, i;
	int x = 1, room = cols - 2;

	if (sv->confirm_quit) {
		screen_fill(y, 0, cols, SCREEN_ERROR);
		screen_put_fit(y, 1, cols - 2, SCREEN_ERROR, true, _("Quit yoke? y = quit, any other key = stay"));
		return;
	}
	n = station_hints(sv, h, STATION_MAX_HINTS);
	/* When they do not all fit, the ones before the last two (F1 and F10,
	 * which every screen keeps) go from the right. */
	keep = n;
	for (;;) {
		int w = 0;
		for (i = 0; i < n; i++) {
			if (i >= keep && i + 2 < n)
				continue;
			w += (w ? 2 : 0) + (h[i].key[0] ? utf8_width(h[i].key) + 1 : 0) + utf8_width(h[i].what);
		}
		if (w <= room || keep == 0 || n <= 2)
			break;
		if (keep + 2 > n)
			keep = n - 2;
		if (keep == 0)
			break;
		keep--;
	}
	for (i = 0; i < n && x < cols - 1; i++) {
		if (i >= keep && i + 2 < n)
			continue;
		if (x > 1)
			x += 2;
		if (h[i].key[0]) {
			x += screen_put_fit(y, x, cols - 1 - x, SCREEN_DIM, true, h[i].key);
			x++;
		}
		if (x < cols - 1)
			x += screen_put_fit(y, x, cols - 1 - x, SCREEN_DIM, false, h[i].what);
	}
}

/* Too small for the screens: says so, with the size it has and needs, and
 * what happened to the scans meanwhile. Takes no input (yoke.c). */
static void
draw_small(const struct station_view *sv, int rows, int cols)
{
	char buf[512], text[1200];
	int y = 0;

	snprintf(text, sizeof text, _("Window too small (%d\u00d7%d): make the window at least %d\u00d7%d. "
	    "Scans are not taken until then."), cols, rows, STATION_MIN_COLS, STATION_MIN_ROWS);
	if (sv->not_taken > 0) {
		size_t len = strlen(text);
		snprintf(buf, sizeof buf, P_("%u scan was not taken.", "%u scans were not taken.",
		    sv->not_taken), sv->not_taken);
		snprintf(text + len, sizeof text - len, " %s", buf);
	}
	if (rows > 4)
		y = rows / 2 - 2;
	y += draw_wrapped(y, 0, cols, rows - y - 1 > 0 ? rows - y - 1 : 1, SCREEN_ERROR, true, text);
	if (y < rows - 1)
		screen_put_fit(y + (y + 1 < rows - 1), 0, cols, SCREEN_NORMAL, false,
		    sv->online ? _("ONLINE") : _("OFFLINE"));
	if (sv->confirm_quit && rows > 1)
		draw_help_line(sv, rows - 1, cols);
}

void
station_draw(const struct station_view *sv, const char *typed)
{
	int rows, cols, w;
	char prompt[512];

	screen_size(&rows, &cols);
	screen_erase();
	if (sv->small || rows < STATION_MIN_ROWS || cols < STATION_MIN_COLS) {
		draw_small(sv, rows, cols);
		screen_cursor(-1, 0);
		screen_flush();
		return;
	}
	draw_header(sv, cols);
	if (sv->help) {
		help_draw(station_help_view(sv), sv->help_page, 1, rows - 2, cols);
		draw_help_line(sv, rows - 1, cols);
		screen_cursor(-1, 0);
		screen_flush();
		return;
	}
	prompt[0] = '\0';
	switch (sv->mode) {
	case STATION_BADGE:
		draw_badge(sv, rows, cols);
		break;
	case STATION_QUEUE:
		if (alarm_station_stopper(sv)) {      /* the stopped screen (alarm_call.h) */
			alarm_draw_stopped(sv, 2, rows - 5, cols);
			alarm_stopped_prompt(sv, prompt, sizeof prompt);
			break;
		}
		draw_queue(sv, 3, rows - 5, cols);
		if (!alarm_draw_banner(sv, 2, cols))
			setup_draw(sv, 2, cols);
		snprintf(prompt, sizeof prompt, "%s", _("Scan a unit serial to open it"));
		break;
	case STATION_INSPECTOR:
		inspector_draw(sv, 3, rows - 5, cols);
		inspector_prompt(sv, prompt, sizeof prompt);
		break;
	case STATION_LEAD:
		lead_draw(sv, 3, rows - 5, cols);
		lead_prompt(sv, prompt, sizeof prompt);
		break;
	case STATION_RECEIVING:
		receiving_draw(sv, 3, rows - 5, cols);
		receiving_prompt(sv, prompt, sizeof prompt);
		break;
	case STATION_UNIT:
		if (sv->ask == STATION_ASK_DEFECT_CODE && station_defect_count(sv) > 0) {
			if (sv->unit)
				draw_unit_title(sv->unit, cols);
			station_draw_defects(sv->defects, sv->defect_pick, _("Defect codes"), 3, rows - 5,
			    cols);
		} else if (sv->unit && alarm_station_stopper(sv)) {
			alarm_draw_stopped(sv, 2, rows - 5, cols);
		} else if (sv->unit) {
			draw_unit(sv, 3, rows - 5, cols);
			if (!alarm_draw_banner(sv, 2, cols))
				setup_draw(sv, 2, cols);
		}
		station_prompt(sv, prompt, sizeof prompt);
		if (alarm_station_stopper(sv))
			alarm_stopped_prompt(sv, prompt, sizeof prompt);
		break;
	case STATION_COMPLETE:
		draw_complete(sv, rows, cols);
		break;
	}
	station_ask_prompt(sv, prompt, sizeof prompt);
	if (prompt[0]) {
		screen_put_bold(rows - 5, 1, 2, SCREEN_ALERT, "\u2192");
		screen_put_fit(rows - 5, 3, cols - 4, station_unit_held(sv) ? SCREEN_ERROR : SCREEN_ALERT, true,
		    prompt);
	}
	if (sv->message[0])
		draw_wrapped(rows - 4, 1, cols - 2, 2, tone_role(sv->tone), sv->tone == STATION_TONE_ERROR,
		    sv->message);
	/* The input line shows the end of a long entry; a PIN as stars; a
	 * GS1 label's GS as a visible sign (input_visible). */
	char stars[INPUT_MAX + 1], shown[4 * INPUT_MAX + 1];
	if (!station_masked(sv)) {
		input_visible(typed, shown, sizeof shown);
		typed = shown;
	} else {
		size_t n = utf8_width(typed) > 0 ? (size_t)utf8_width(typed) : 0;
		memset(stars, '*', n < INPUT_MAX ? n : INPUT_MAX);
		stars[n < INPUT_MAX ? n : INPUT_MAX] = '\0';
		typed = stars;
	}
	screen_put_bold(rows - 2, 0, 2, SCREEN_NORMAL, "> ");
	w = utf8_width(typed);
	while (w > cols - 4 && *typed) {
		uint32_t cp;
		int k = utf8_decode(typed, strlen(typed), &cp);
		typed += k > 0 ? k : 1;
		w = utf8_width(typed);
	}
	w = screen_put(rows - 2, 2, cols - 4, SCREEN_NORMAL, typed);
	draw_help_line(sv, rows - 1, cols);
	screen_cursor(rows - 2, 2 + w);
	screen_flush();
}
