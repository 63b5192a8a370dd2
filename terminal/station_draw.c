/*
 * station_draw.c — renders the station model through screen.h. Reads the
 * model, never changes it; the loop calls it once per pass when dirty.
 *
 * Layout at 80×24 (rows from the top and the bottom):
 *   0      header bar: station, operator, ONLINE/OFFLINE
 *   1      what is open: the unit and its operation, or the queue
 *   2..-6  the mode's body: badge prompt, queue table, or steps + current step
 *   -5     what to scan or enter now
 *   -4,-3  status: the last result or error (wrapped, two lines)
 *   -2     the line being typed
 *   -1     help
 */
#include "terminal/station.h"

#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/screen.h"

#include <stdio.h>
#include <string.h>

#define MIN_ROWS 24
#define MIN_COLS 80

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

/* Text that does not fit ends with "…" instead of being cut silently. */
static int
put_clip(int y, int x, int w, enum screen_role role, bool bold, const char *text)
{
	char buf[1024];

	if (w <= 0)
		return 0;
	if (utf8_width(text) > w) {
		size_t n = utf8_fit(text, w - 1, NULL);
		if (n > sizeof buf - 4)
			n = sizeof buf - 4;
		memcpy(buf, text, n);
		memcpy(buf + n, "\u2026", 4);
		text = buf;
	}
	return bold ? screen_put_bold(y, x, w, role, text) : screen_put(y, x, w, role, text);
}

/* Wrapped text in rows [y, y+maxrows); returns the rows used. */
static int
put_wrapped(int y, int x, int w, int maxrows, enum screen_role role, bool bold, const char *text)
{
	struct utf8_line lines[64];
	size_t n = utf8_wrap(text, w, lines, 64);
	int r;

	for (r = 0; r < maxrows && (size_t)r < n && r < 64; r++) {
		char buf[1024];
		size_t len = lines[r].len < sizeof buf - 4 ? lines[r].len : sizeof buf - 4;
		memcpy(buf, text + lines[r].off, len);
		buf[len] = '\0';
		if (r == maxrows - 1 && n > (size_t)maxrows) {
			put_clip(y + r, x, w - 1, role, bold, buf);
			screen_put(y + r, x + w - 1, 1, role, "\u2026");
		} else if (bold) {
			screen_put_bold(y + r, x, w, role, buf);
		} else {
			screen_put(y + r, x, w, role, buf);
		}
	}
	return r;
}

static void
format_age(int64_t since_us, char *buf, size_t size)
{
	int64_t s = since_us > 0 ? (now_us() - since_us) / 1000000 : -1;

	if (s < 0)
		snprintf(buf, size, "-");
	else if (s < 60)
		snprintf(buf, size, "<1m");
	else if (s < 3600)
		snprintf(buf, size, "%dm", (int)(s / 60));
	else if (s < 86400)
		snprintf(buf, size, "%dh%02d", (int)(s / 3600), (int)(s % 3600 / 60));
	else
		snprintf(buf, size, "%dd", (int)(s / 86400));
}

static void
draw_header(const struct station_view *sv, int cols)
{
	char left[256], who[256];
	const char *net = sv->replaced ? " REPLACED " : sv->online ? " ONLINE " : " OFFLINE ";
	int netw = utf8_width(net);

	screen_fill(0, 0, cols, SCREEN_HEADER);
	snprintf(left, sizeof left, " yoke  Station %s%s%s", sv->station,
	    sv->station_name[0] ? " \u00b7 " : "", sv->station_name);
	put_clip(0, 0, cols / 2, SCREEN_HEADER, true, left);
	if (sv->session[0]) {
		snprintf(who, sizeof who, "%s (%s)", sv->operator_name[0] ? sv->operator_name : sv->badge,
		    station_role_name(sv->role));
		put_clip(0, cols / 2, cols / 2 - netw - 1, SCREEN_HEADER, false, who);
	}
	screen_put_bold(0, cols - netw, netw, sv->online && !sv->replaced ? SCREEN_HEADER : SCREEN_ERROR, net);
}

static void
draw_badge(const struct station_view *sv, int rows, int cols)
{
	char line[256];
	int y = rows / 2 - 3, w;

	snprintf(line, sizeof line, "Station %s \u2014 scan your badge", sv->station);
	w = utf8_width(line);
	screen_put_bold(y, (cols - w) / 2 > 0 ? (cols - w) / 2 : 0, cols, SCREEN_ALERT, line);
	if (sv->station_name[0]) {
		w = utf8_width(sv->station_name);
		screen_put(y + 2, (cols - w) / 2 > 0 ? (cols - w) / 2 : 0, cols, SCREEN_DIM, sv->station_name);
	}
}

static void
draw_queue(const struct station_view *sv, int top, int bottom, int cols)
{
	const Yoke__QueueReply *q = sv->queue;
	size_t order[256], n = 0, i, j;
	int y = top;
	char buf[256];
	bool lead = sv->mode == STATION_LEAD;

	snprintf(buf, sizeof buf, "%s at %s%s%s", lead ? "Queue (lead view, read-only)" : "Queue",
	    sv->station, sv->station_kind[0] ? " \u2014 " : "", sv->station_kind);
	put_clip(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	if (sv->alert[0])
		put_clip(y++, 1, cols - 2, SCREEN_ERROR, true, sv->alert);
	if (!q) {
		screen_put(y + 1, 3, cols - 4, SCREEN_WAITING, "Reading the queue\u2026");
		return;
	}
	if (q->n_entries == 0) {
		screen_put(y + 1, 3, cols - 4, SCREEN_DIM, "No units waiting at this station.");
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
	snprintf(buf, sizeof buf, "%-3s %-14s %-11s %-11s %-19s %-9s %s", "Pri", "Serial",
	    "Work order", "Product", "Operation", "Status", "Age");
	screen_put_bold(y++, 1, cols - 2, SCREEN_DIM, buf);
	for (i = 0; i < n && y < bottom; i++) {
		const Yoke__QueueEntry *e = q->entries[order[i]];
		char op[128], age[16];
		int x = 1;
		enum screen_role role = SCREEN_NORMAL;
		bool failed = e->status == YOKE__UNIT_STATUS__UNIT_FAILED ||
		    e->status == YOKE__UNIT_STATUS__UNIT_ON_HOLD;
		int64_t secs = e->since_us > 0 ? (now_us() - e->since_us) / 1000000 : 0;

		if (y == bottom - 1 && i + 1 < n) {
			snprintf(buf, sizeof buf, "\u2026 and %zu more", n - i);
			screen_put(y++, 3, cols - 4, SCREEN_DIM, buf);
			break;
		}
		if (failed)
			role = SCREEN_ERROR;
		else if (lead && secs >= 3600)
			role = SCREEN_WAITING;
		snprintf(buf, sizeof buf, "%u", e->priority);
		put_clip(y, x, 3, role, false, buf);
		x += 4;
		put_clip(y, x, 14, role, true, e->serial ? e->serial : "");
		x += 15;
		put_clip(y, x, 11, role, false, e->work_order ? e->work_order : "");
		x += 12;
		put_clip(y, x, 11, role, false, e->product ? e->product : "");
		x += 12;
		snprintf(op, sizeof op, "%u %s", e->operation, e->operation_name ? e->operation_name : "");
		put_clip(y, x, 19, role, false, op);
		x += 20;
		put_clip(y, x, 9, role, failed, station_unit_status_name(e->status));
		x += 10;
		format_age(e->since_us, age, sizeof age);
		put_clip(y, x, cols - x - 1, role, false, age);
		y++;
		if (failed && lead && e->hold_reason && e->hold_reason[0] && y < bottom) {
			snprintf(buf, sizeof buf, "held: %s", e->hold_reason);
			put_clip(y++, 5, cols - 6, SCREEN_ERROR, false, buf);
		}
	}
}

static const char *
kind_label(const Yoke__StepView *st)
{
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT: return "Instruction";
	case YOKE__STEP_KIND__STEP_SCAN: return "Component scan";
	case YOKE__STEP_KIND__STEP_MEASURE: return "Measurement";
	case YOKE__STEP_KIND__STEP_CHECK: return "Check";
	case YOKE__STEP_KIND__STEP_INSPECT: return st->needs_inspector ?
	    "Mandatory inspection, signed by an inspector" : "Mandatory inspection";
	default: return "Step";
	}
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

	snprintf(buf, sizeof buf, "Unit %s \u00b7 %s \u00b7 %s \u00b7 op %u %s", u->serial, u->product,
	    u->work_order, u->operation, u->operation_name);
	put_clip(1, 1, cols - 16, SCREEN_ALERT, true, buf);
	if (cur < n)
		snprintf(buf, sizeof buf, "step %zu of %zu", cur + 1, n);
	else
		snprintf(buf, sizeof buf, "%zu of %zu done", n, n);
	screen_put(1, cols - 1 - utf8_width(buf), 15, SCREEN_NORMAL, buf);

	/* The current step's text first decides the room left for the list. */
	if (st && text[0] && st->kind != YOKE__STEP_KIND__STEP_CHECK)
		text_rows = (int)utf8_wrap(text, cols - 6, lines, 64);
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
				snprintf(sum + strlen(sum), sizeof sum - strlen(sum), " (not due)");
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
			put_clip(y, cols - 1 - w, w, held && i == cur ? SCREEN_ERROR : SCREEN_DIM, false,
			    s->result);
		}
		put_clip(y, 6, cols - 8 - w, role, i == cur, sum);
	}
	y++;
	if (held) {
		snprintf(buf, sizeof buf, " HELD \u2014 %s", u->hold_reason && u->hold_reason[0] ?
		    u->hold_reason : "the unit failed at this step and needs a disposition");
		screen_fill(y, 1, cols - 2, SCREEN_ERROR);
		put_clip(y, 1, cols - 2, SCREEN_ERROR, true, buf);
		screen_put(y + 1, 2, cols - 4, SCREEN_ERROR, "This unit cannot be worked on here.");
		return;
	}
	if (!st) {
		screen_put_bold(y, 2, cols - 4, SCREEN_OK, "All steps done.");
		return;
	}
	snprintf(buf, sizeof buf, "Step %zu: %s%s%s", cur + 1, kind_label(st),
	    st->kind == YOKE__STEP_KIND__STEP_INSPECT && st->frequency && st->frequency[0] ? " \u00b7 " : "",
	    st->kind == YOKE__STEP_KIND__STEP_INSPECT && st->frequency ? st->frequency : "");
	put_clip(y++, 2, cols - 4, SCREEN_ALERT, true, buf);
	if (text_rows > 0)
		put_wrapped(y, 4, cols - 6, text_rows, SCREEN_NORMAL, false, text);
}

static void
draw_complete(const struct station_view *sv, int rows, int cols)
{
	int w = utf8_width(sv->complete_msg);
	const char *next = "Scan the next unit, or press Enter for the queue";

	if (sv->unit) {
		char buf[256];
		snprintf(buf, sizeof buf, "Unit %s \u00b7 %s \u00b7 %s", sv->unit->serial, sv->unit->product,
		    sv->unit->work_order);
		put_clip(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	}
	screen_put_bold(rows / 2 - 3, w < cols ? (cols - w) / 2 : 0, cols, SCREEN_OK, sv->complete_msg);
	w = utf8_width(next);
	screen_put(rows / 2 - 1, (cols - w) / 2, cols, SCREEN_NORMAL, next);
}

void
station_draw(const struct station_view *sv, const char *typed)
{
	int rows, cols, y, w;
	char prompt[512];
	const char *help;

	screen_size(&rows, &cols);
	screen_erase();
	if (rows < MIN_ROWS || cols < MIN_COLS) {
		char buf[128];
		snprintf(buf, sizeof buf, "make the window at least %d\u00d7%d (now %d\u00d7%d)",
		    MIN_COLS, MIN_ROWS, cols, rows);
		y = rows / 2;
		put_clip(y > 0 ? y - 1 : 0, 0, cols, SCREEN_ERROR, true, buf);
		if (rows > 2)
			put_clip(y + 1 < rows ? y + 1 : rows - 1, 0, cols, SCREEN_NORMAL, false,
			    sv->online ? "ONLINE" : "OFFLINE");
		screen_cursor(-1, 0);
		screen_flush();
		return;
	}
	draw_header(sv, cols);
	prompt[0] = '\0';
	switch (sv->mode) {
	case STATION_BADGE:
		draw_badge(sv, rows, cols);
		break;
	case STATION_QUEUE:
	case STATION_LEAD:
		draw_queue(sv, 3, rows - 5, cols);
		if (sv->mode == STATION_QUEUE)
			snprintf(prompt, sizeof prompt, "Scan a unit serial to open it");
		break;
	case STATION_UNIT:
		if (sv->unit)
			draw_unit(sv, 3, rows - 5, cols);
		station_prompt(sv, prompt, sizeof prompt);
		break;
	case STATION_COMPLETE:
		draw_complete(sv, rows, cols);
		break;
	}
	station_ask_prompt(sv, prompt, sizeof prompt);
	if (prompt[0]) {
		screen_put_bold(rows - 5, 1, 2, SCREEN_ALERT, "\u2192");
		put_clip(rows - 5, 3, cols - 4, station_unit_held(sv) ? SCREEN_ERROR : SCREEN_ALERT, true, prompt);
	}
	if (sv->message[0])
		put_wrapped(rows - 4, 1, cols - 2, 2, tone_role(sv->tone), sv->tone == STATION_TONE_ERROR,
		    sv->message);
	/* The input line shows the end of a long entry; a PIN as stars. */
	char stars[INPUT_MAX + 1];
	if (station_masked(sv)) {
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
	if (sv->confirm_quit) {
		screen_fill(rows - 1, 0, cols, SCREEN_ERROR);
		screen_put_bold(rows - 1, 1, cols - 2, SCREEN_ERROR, "Quit yoke? y = quit, any other key = stay");
	} else {
		if (sv->ask != STATION_ASK_NONE)
			help = "Enter on an empty line or @BACK: cancel   F10 or Esc q: quit";
		else if (sv->mode == STATION_BADGE)
			help = "Scan your badge   @PIN change a PIN   F10 or Esc q: quit";
		else if (sv->mode == STATION_UNIT)
			help = "@BACK queue   @LOGOUT log out   @PIN   F10 or Esc q: quit";
		else
			help = "Enter: refresh   @LOGOUT log out   @PIN   F10 or Esc q: quit";
		screen_put(rows - 1, 1, cols - 2, SCREEN_DIM, help);
	}
	screen_cursor(rows - 2, 2 + w);
	screen_flush();
}
