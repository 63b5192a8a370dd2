/*
 * iqc_draw.c — renders an inspection lot (iqc_view.h) through screen.h.
 * Reads the model, never changes it.
 *
 * At 80×24 (the body is rows 3 to 18, station_draw.c):
 *   1      "Incoming inspection IQC-000001 — open"
 *   3..6   the lot, its supplier, the lot size, the plan, the sample
 *   7      why the supplier + part is at this severity
 *   9..    each characteristic with its defectives (the one asked marked ▶)
 *   last   the verdict, or the decision and its NCR
 */
#include "terminal/iqc_view.h"

#include "shared/i18n.h"
#include "shared/util.h"
#include "terminal/screen.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *
state_name(Yoke__InspectionState s)
{
	switch (s) {
	case YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED: return _("accepted");
	case YOKE__INSPECTION_STATE__INSPECTION_REJECTED: return _("rejected");
	default: return _("open");
	}
}

static void
field(int y, int cols, const char *label, const char *value, enum screen_role role)
{
	screen_put_fit(y, 2, 14, SCREEN_DIM, false, label);
	screen_put_fit(y, 17, cols - 18, role, false, value);
}

void
iqc_view_draw(const struct iqc_view *v, int top, int bottom, int cols)
{
	const Yoke__InspectionLot *il = v->il;
	char buf[400];
	int y = top;

	if (il == NULL) {
		snprintf(buf, sizeof buf, _("Incoming inspection %s"), v->number);
		screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_WAITING, false, _("Reading\u2026"));
		return;
	}
	snprintf(buf, sizeof buf, _("Incoming inspection %s \u2014 %s"), il->number,
	    state_name(il->state));
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	snprintf(buf, sizeof buf, "%s  %s  %s", il->lot, il->part, il->supplier_lot);
	field(y++, cols, _("Lot"), buf, SCREEN_NORMAL);
	snprintf(buf, sizeof buf, _("%s, %" PRIu64 " units"), il->supplier, il->lot_size);
	field(y++, cols, _("Supplier"), buf, SCREEN_NORMAL);
	snprintf(buf, sizeof buf, _("level %s, AQL %g, %s"), il->level, il->aql,
	    iqc_view_mode_name(il->severity));
	field(y++, cols, _("Plan"), buf, il->severity == YOKE__IQC_MODE__IQC_TIGHTENED ?
	    SCREEN_ALERT : SCREEN_NORMAL);
	if (il->full_inspection)
		snprintf(buf, sizeof buf, _("every unit (100 %%): %u, Ac %u, Re %u"), il->sample_size,
		    il->ac, il->re);
	else
		snprintf(buf, sizeof buf, _("code letter %s (plan from %s): n = %u, Ac %u, Re %u"),
		    il->letter, il->used_letter, il->sample_size, il->ac, il->re);
	field(y++, cols, _("Sample"), buf, SCREEN_NORMAL);
	field(y++, cols, _("Switching"), str_empty(il->switching) ? "" : il->switching, SCREEN_DIM);
	y++;
	for (size_t i = 0; i < il->n_results && y < bottom - 2; i++, y++) {
		const char *name = str_empty(il->results[i]->characteristic) ? _("defectives") :
		    il->results[i]->characteristic;
		bool asked = v->ask == IQC_VIEW_ASK_COUNT && v->field == i;
		if (asked)
			screen_put_bold(y, 0, 2, SCREEN_ALERT, "\u25b6");
		screen_put_fit(y, 2, 30, asked ? SCREEN_ALERT : SCREEN_NORMAL, asked, name);
		if (v->ask == IQC_VIEW_ASK_COUNT && i < v->field)
			snprintf(buf, sizeof buf, "%u", v->counts[i]);
		else if (il->recorded && !asked)
			snprintf(buf, sizeof buf, "%u", il->results[i]->defectives);
		else
			snprintf(buf, sizeof buf, "%s", asked ? "?" : "\u2014");
		screen_put_fit(y, 34, 10, SCREEN_NORMAL, false, buf);
	}
	y = y < bottom - 2 ? y + 1 : bottom - 2;
	if (il->state == YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED) {
		snprintf(buf, sizeof buf, _("Accepted by %s: d = %u, lot %s released"),
		    il->decided ? il->decided->name : "", il->defectives, il->lot);
		screen_put_fit(y, 2, cols - 4, SCREEN_OK, true, buf);
	} else if (il->state == YOKE__INSPECTION_STATE__INSPECTION_REJECTED) {
		snprintf(buf, sizeof buf, _("Rejected by %s: d = %u, lot %s quarantined, %s"),
		    il->decided ? il->decided->name : "", il->defectives, il->lot, il->ncr);
		screen_put_fit(y, 2, cols - 4, SCREEN_ERROR, true, buf);
	} else if (il->recorded) {
		snprintf(buf, sizeof buf, il->accept ? _("d = %u \u2264 Ac %u: the sample accepts the lot") :
		    _("d = %u \u2265 Re %u: the sample rejects the lot"), il->defectives,
		    il->accept ? il->ac : il->re);
		screen_put_fit(y, 2, cols - 4, il->accept ? SCREEN_OK : SCREEN_ERROR, true, buf);
	}
}
