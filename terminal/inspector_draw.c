/*
 * inspector_draw.c — renders the inspector's view (inspector.h) through
 * screen.h. Reads the model, never changes it.
 *
 * The worklist at 80×24 (the body is rows 3 to 18, station_draw.c):
 *   1      "Worklist — N items wait at the line"
 *   3      the column heads: #, what, ref, unit, station, age, about
 *   4..17  one item a row, oldest first, the chosen one marked ▶
 *   18     "page 1 of 3 · 31 items" when there are more pages
 * An NCR is ncr_draw.c's.
 */
#include "terminal/inspector.h"
#include "terminal/station.h"

#include "shared/i18n.h"
#include "shared/util.h"
#include "terminal/draw.h"
#include "terminal/ncr_draw.h"
#include "terminal/screen.h"

#include <stdio.h>
#include <string.h>

enum { C_NO, C_KIND, C_REF, C_UNIT, C_STATION, C_AGE, C_TEXT, NCOLS };
static const int col_x[NCOLS] = { 2, 6, 19, 31, 46, 56, 62 };
static const int col_w[NCOLS] = { 3, 12, 11, 14, 9, 5, 0 };   /* the last: to the edge */

static enum screen_role
kind_role(Yoke__WorkKind k)
{
	switch (k) {
	case YOKE__WORK_KIND__WORK_NCR: return SCREEN_ERROR;
	case YOKE__WORK_KIND__WORK_INSPECTION: return SCREEN_ALERT;
	case YOKE__WORK_KIND__WORK_NCR_CLOSE: return SCREEN_WAITING;
	default: return SCREEN_NORMAL;
	}
}

static void
draw_list(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct inspector_state *in = &sv->insp;
	const Yoke__WorklistReply *w = in->worklist;
	size_t page = inspector_page_rows(sv->rows), first = 0, n;
	const char *head[NCOLS];
	char buf[256];
	int y = top;

	if (!w) {
		screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, _("Worklist"));
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the worklist\u2026"));
		return;
	}
	n = w->n_items;
	snprintf(buf, sizeof buf, P_("Worklist \u2014 %zu item waits at the line",
	    "Worklist \u2014 %zu items wait at the line", n), n);
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	if (n == 0) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false,
		    _("Nothing waits for an inspector at the line."));
		return;
	}
	if (in->pick >= 0)
		first = (size_t)in->pick / page * page;
	head[C_NO] = "#";
	head[C_KIND] = _("What");
	head[C_REF] = _("Ref");
	head[C_UNIT] = _("Unit");
	head[C_STATION] = _("Station");
	head[C_AGE] = _("Age");
	head[C_TEXT] = _("About");
	for (int c = 0; c < NCOLS; c++)
		screen_put_fit(y, col_x[c], col_w[c] ? col_w[c] : cols - col_x[c] - 1, SCREEN_DIM, true,
		    head[c]);
	y++;
	for (size_t i = first; i < n && i < first + page && y < bottom - 1; i++, y++) {
		const Yoke__WorkItem *it = w->items[i];
		bool on = (int)i == in->pick;
		enum screen_role role = on ? SCREEN_ALERT : SCREEN_NORMAL;
		char no[24], age[16], text[512];

		if (on)
			screen_put_bold(y, 0, 2, SCREEN_ALERT, "\u25b6");
		snprintf(no, sizeof no, "%zu", i + 1);
		screen_put_fit(y, col_x[C_NO], col_w[C_NO], role, false, no);
		screen_put_fit(y, col_x[C_KIND], col_w[C_KIND], on ? role : kind_role(it->kind), true,
		    inspector_kind_name(it->kind));
		screen_put_fit(y, col_x[C_REF], col_w[C_REF], role, on, it->ref ? it->ref : "");
		screen_put_fit(y, col_x[C_UNIT], col_w[C_UNIT], role, false, it->serial ? it->serial : "");
		screen_put_fit(y, col_x[C_STATION], col_w[C_STATION], role, false,
		    it->station ? it->station : "");
		draw_age(it->since_us, age, sizeof age);
		screen_put_fit(y, col_x[C_AGE], col_w[C_AGE], role, false, age);
		snprintf(text, sizeof text, "%s", it->text ? it->text : "");
		for (char *p = text; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		screen_put_fit(y, col_x[C_TEXT], cols - col_x[C_TEXT] - 1, role, false, text);
	}
	draw_page_line(bottom - 1, cols, first, page, n);
}

void
inspector_draw(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct inspector_state *in = &sv->insp;

	if (in->ask == INSPECTOR_ASK_RAISE)
		ncr_draw_raise(&in->raise, station_defect_list(sv), top, bottom, cols);
	else if (in->ask == INSPECTOR_ASK_REWORK_OP && in->detail.ncr &&
	    in->detail.ncr->n_rework_options > 0)
		ncr_draw_rework(in->detail.ncr, in->rework_pick, top, bottom, cols);
	else if (sv->insp.screen == INSPECTOR_IQC)
		iqc_view_draw(&sv->insp.iqc, top, bottom, cols);
	else if (sv->insp.screen == INSPECTOR_NCR)
		ncr_draw(&sv->insp.detail, top, bottom, cols, sv->insp.ask == INSPECTOR_ASK_REMOVE);
	else
		draw_list(sv, top, bottom, cols);
}
