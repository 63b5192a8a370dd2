/* ncr_draw.c — see ncr_draw.h. */
#include "terminal/ncr_draw.h"

#include "shared/i18n.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/draw.h"
#include "terminal/screen.h"
#include "terminal/station.h"

#include <stdio.h>
#include <string.h>

static enum screen_role
state_role(Yoke__NcrState s)
{
	switch (s) {
	case YOKE__NCR_STATE__NCR_OPEN: return SCREEN_ERROR;
	case YOKE__NCR_STATE__NCR_DISPOSITIONED: return SCREEN_WAITING;
	case YOKE__NCR_STATE__NCR_CLOSED: return SCREEN_OK;
	default: return SCREEN_NORMAL;
	}
}

void
ncr_draw_events(const Yoke__TraceReply *t, int y, int bottom, int cols)
{
	size_t n, first;
	int room = bottom - y - 1;

	if (!t || room < 1)
		return;
	screen_put_fit(y++, 2, cols - 4, SCREEN_DIM, true, _("The unit's last events"));
	n = t->n_events;
	first = n > (size_t)room ? n - (size_t)room : 0;
	for (size_t i = first; i < n && y < bottom; i++, y++) {
		char line[512];
		ncr_event_text(t->events[i], line, sizeof line);
		screen_put_fit(y, 3, cols - 4, t->events[i]->kind == YOKE__EVENT_KIND__EVENT_FAILED ?
		    SCREEN_ERROR : SCREEN_NORMAL, false, line);
	}
}

void
ncr_draw(const struct ncr_detail *d, int top, int bottom, int cols, bool numbered)
{
	const Yoke__Ncr *n = d->ncr;
	const char *labels[9];
	char buf[1024], title[256];
	int y = top, lw = 0;

	if (!n) {
		snprintf(title, sizeof title, _("Reading %s\u2026"), d->number);
		screen_put_fit(1, 1, cols - 2, SCREEN_WAITING, true, title);
		return;
	}
	if (!str_empty(n->lot))
		snprintf(title, sizeof title, _("%s \u00b7 lot %s/%s"), n->number ? n->number : "",
		    n->lot_part ? n->lot_part : "", n->lot);
	else
		snprintf(title, sizeof title, "%s \u00b7 %s \u00b7 %s \u00b7 %s", n->number ? n->number : "",
		    n->serial ? n->serial : "", n->product ? n->product : "",
		    n->work_order ? n->work_order : "");
	screen_put_fit(1, 1, cols - 16, SCREEN_ALERT, true, title);
	screen_put_fit(1, cols - 15, 14, state_role(n->state), true, ncr_state_name(n->state));

	labels[0] = _("Failed");
	labels[1] = _("Value");
	labels[2] = _("Defect");
	labels[3] = _("Note");
	labels[4] = _("Opened by");
	labels[5] = _("Components");
	labels[6] = _("Decision");
	labels[7] = _("Unit now");
	labels[8] = _("What");
	for (int i = 0; i < 9; i++)
		if (utf8_width(labels[i]) > lw)
			lw = utf8_width(labels[i]);
	if (lw > 14)
		lw = 14;

	ncr_failed_text(n, buf, sizeof buf);
	y += draw_field(y, cols, lw, labels[0], SCREEN_NORMAL, buf, 1);
	/* A measurement says itself by its value and limits; anything else
	 * by what the failure said. */
	if (ncr_value_text(n, buf, sizeof buf))
		y += draw_field(y, cols, lw, labels[1], SCREEN_ERROR, buf, 1);
	else if (!str_empty(n->text))
		y += draw_field(y, cols, lw, labels[8], SCREEN_ERROR, n->text, 2);
	ncr_defect_text(n, buf, sizeof buf);
	y += draw_field(y, cols, lw, labels[2], SCREEN_NORMAL, buf, 1);
	if (!str_empty(n->note))
		y += draw_field(y, cols, lw, labels[3], SCREEN_NORMAL, n->note, 1);
	ncr_by_text(n, buf, sizeof buf);
	y += draw_field(y, cols, lw, labels[4], SCREEN_NORMAL, buf, 1);
	if (n->n_components) {
		buf[0] = '\0';
		if (numbered) {
			for (size_t i = 0; i < n->n_components; i++) {
				size_t len = strlen(buf);
				snprintf(buf + len, sizeof buf - len, "%s%zu %s", i ? "  " : "", i + 1,
				    n->components[i]);
			}
		} else {
			ncr_components_text(n, buf, sizeof buf);
		}
		y += draw_field(y, cols, lw, labels[5], numbered ? SCREEN_ALERT : SCREEN_NORMAL, buf,
		    numbered ? 3 : 2);
	}
	if (ncr_disposition_text(n, buf, sizeof buf))
		y += draw_field(y, cols, lw, labels[6], SCREEN_WAITING, buf, 2);
	if (d->trace) {
		ncr_unit_text(d->trace, buf, sizeof buf);
		y += draw_field(y, cols, lw, labels[7], SCREEN_NORMAL, buf, 2);
		ncr_draw_events(d->trace, y + 1, bottom, cols);
	} else if (y < bottom) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading the unit's trace\u2026"));
	}
}

void
ncr_draw_rework(const Yoke__Ncr *n, int pick, int top, int bottom, int cols)
{
	char buf[256];
	int y = top;

	if (!n)
		return;
	snprintf(buf, sizeof buf, _("Rework of %s \u00b7 %s: where to?"), n->number ? n->number : "",
	    n->serial ? n->serial : "");
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	ncr_failed_text(n, buf, sizeof buf);
	y += draw_field(y, cols, 0, "", SCREEN_NORMAL, buf, 1);
	y++;
	screen_put_fit(y, 6, 5, SCREEN_DIM, true, _("Op"));
	screen_put_fit(y, 12, 40, SCREEN_DIM, true, _("Rework operation"));
	screen_put_fit(y, 53, cols - 54, SCREEN_DIM, true, _("Station kind"));
	y++;
	for (size_t i = 0; i < n->n_rework_options && y < bottom; i++, y++) {
		const Yoke__ReworkOption *o = n->rework_options[i];
		bool on = (int)i == pick;
		enum screen_role role = on ? SCREEN_ALERT : SCREEN_NORMAL;
		char no[24], op[16];

		if (on)
			screen_put_bold(y, 0, 2, SCREEN_ALERT, "\u25b6");
		snprintf(no, sizeof no, "%zu", i + 1);
		screen_put_fit(y, 2, 3, role, true, no);
		snprintf(op, sizeof op, "%u", o->operation);
		screen_put_fit(y, 6, 5, role, on, op);
		screen_put_fit(y, 12, 40, role, on, o->name ? o->name : "");
		screen_put_fit(y, 53, cols - 54, role, false, o->station_kind ? o->station_kind : "");
	}
}

void
ncr_draw_raise(const struct ncr_raise *x, const Yoke__DefectsReply *codes, int top, int bottom,
    int cols)
{
	const char *labels[4];
	char buf[512];
	int y = top, lw = 0;

	if (x->serial[0])
		snprintf(buf, sizeof buf, _("Raising an NCR on unit %s"), x->serial);
	else
		snprintf(buf, sizeof buf, "%s", _("Raising an NCR by hand"));
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	if (x->ask == NCR_RAISE_CODE_ASKED && codes && codes->n_defects > 0) {
		station_draw_defects(codes, x->pick, _("Defect codes"), top, bottom, cols);
		return;
	}
	labels[0] = _("Unit");
	labels[1] = _("Defect");
	labels[2] = _("Location");
	labels[3] = _("Note");
	for (int i = 0; i < 4; i++)
		if (utf8_width(labels[i]) > lw)
			lw = utf8_width(labels[i]);
	if (lw > 14)
		lw = 14;
	y += draw_field(y, cols, lw, labels[0], SCREEN_NORMAL, x->serial[0] ? x->serial : "\u2026", 1);
	if (x->ask == NCR_RAISE_SERIAL_ASKED || x->ask == NCR_RAISE_CODE_ASKED)
		goto said;
	snprintf(buf, sizeof buf, "%s%s%s", x->code, x->code_text[0] ? "  " : "", x->code_text);
	y += draw_field(y, cols, lw, labels[1], SCREEN_NORMAL, buf, 2);
	if (x->ask == NCR_RAISE_LOCATION_ASKED)
		goto said;
	y += draw_field(y, cols, lw, labels[2], SCREEN_NORMAL, x->location[0] ? x->location : "-", 1);
	if (x->ask == NCR_RAISE_NOTE_ASKED)
		goto said;
	y += draw_field(y, cols, lw, labels[3], SCREEN_NORMAL, x->note[0] ? x->note : "-", 2);
said:
	if (y + 1 < bottom)
		draw_wrapped(y + 1, 2, cols - 4, bottom - y - 1, SCREEN_DIM, false, _("The unit is held "
		    "as after a failure until the NCR's disposition. The NCR is signed by an inspector or "
		    "a lead."));
}
