/*
 * inspector_text.c — what the inspector's view says (inspector.h): the
 * names of work items, the "→" line of each screen and question, the help
 * line. Reads the model, never changes it.
 */
#include "terminal/inspector.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

size_t
inspector_page_rows(int rows)
{
	/* inspector_draw.c: the column heads on the body's first row, the
	 * page line on its last; the body is rows 3 .. rows - 6. */
	int n = rows - 10;
	return n < 1 ? 1 : (size_t)n;
}

const char *
inspector_kind_name(Yoke__WorkKind k)
{
	switch (k) {
	case YOKE__WORK_KIND__WORK_INSPECTION: return _("inspection");
	case YOKE__WORK_KIND__WORK_NCR: return _("disposition");
	case YOKE__WORK_KIND__WORK_NCR_CLOSE: return _("close NCR");
	case YOKE__WORK_KIND__WORK_CAPA: return _("corrective action");
	case YOKE__WORK_KIND__WORK_HOLD: return _("hold");
	default: return "?";
	}
}

static size_t
items(const struct station_view *sv)
{
	return sv->insp.worklist ? sv->insp.worklist->n_items : 0;
}

void
inspector_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const struct inspector_state *in = &sv->insp;
	const Yoke__Ncr *n = in->detail.ncr;

	buf[0] = '\0';
	switch (in->ask) {
	case INSPECTOR_ASK_REWORK_OP:
		if (n && n->n_rework_options > 0)
			snprintf(buf, size, "%s", _("Which rework operation? Its number in the list, or "
			    "\u2191 \u2193 and Enter"));
		else
			snprintf(buf, size, "%s", _("Which rework operation? Its number, such as 900 (Enter: "
			    "the routing's first)"));
		return;
	case INSPECTOR_ASK_REMOVE:
		snprintf(buf, size, "%s", _("Repair: the component taken out, PART/SERIAL, or its number "
		    "in the list"));
		return;
	case INSPECTOR_ASK_FIT:
		snprintf(buf, size, _("Repair: scan the new component that replaces %s"), in->remove);
		return;
	case INSPECTOR_ASK_NOTE:
		if (in->closing)
			snprintf(buf, size, _("Closing %s: a note for the record? (Enter: none)"),
			    in->detail.number);
		else
			snprintf(buf, size, _("%s of %s: a note for the record? (Enter: none)"),
			    ncr_disposition_name(in->kind), in->detail.number);
		return;
	case INSPECTOR_ASK_SIGN:
		signing_prompt(&in->sign, buf, size);
		return;
	case INSPECTOR_ASK_RAISE:
		ncr_raise_prompt(&in->raise, station_defect_list(sv), buf, size);
		return;
	case INSPECTOR_ASK_NONE:
		break;
	}
	if (in->screen == INSPECTOR_LIST) {
		snprintf(buf, size, "%s", _("Pick an item: \u2191 \u2193 Enter, or its number; or scan an NCR "
		    "number or a serial"));
		return;
	}
	if (!n)
		snprintf(buf, size, _("Reading %s\u2026"), in->detail.number);
	else if (n->state == YOKE__NCR_STATE__NCR_OPEN && inspector_lot_ncr(n))
		snprintf(buf, size, "%s", _("Decide the lot: 1 return to supplier \u00b7 2 full sort \u00b7 "
		    "3 scrap \u00b7 4 use as is (MRB) \u2014 Enter: the list"));
	else if (n->state == YOKE__NCR_STATE__NCR_OPEN)
		snprintf(buf, size, "%s", _("Decide: 1 rework \u00b7 2 repair \u00b7 3 scrap \u00b7 4 use as "
		    "is (MRB) \u2014 Enter: the list"));
	else if (n->state == YOKE__NCR_STATE__NCR_DISPOSITIONED)
		snprintf(buf, size, "%s", _("1 close the NCR (signed) \u2014 Enter: the list"));
	else
		snprintf(buf, size, "%s", _("Closed \u2014 Enter: the list"));
}

size_t
inspector_hints(const struct station_view *sv, struct station_hint *h, size_t max)
{
	const struct inspector_state *in = &sv->insp;
	size_t n = 0;

	switch (in->ask) {
	case INSPECTOR_ASK_REWORK_OP:
		if (in->detail.ncr && in->detail.ncr->n_rework_options > 0) {
			n = add_hint(h, n, max, "\u2191 \u2193", _("choose"));
			n = add_hint(h, n, max, "Enter", in->rework_pick >= 0 ? _("pick") : _("the first"));
		} else {
			n = add_hint(h, n, max, "Enter", _("the first"));
		}
		return add_hint(h, n, max, "@BACK", _("cancel"));
	case INSPECTOR_ASK_RAISE:
		return ncr_raise_hints(&in->raise, station_defect_list(sv), h, n, max);
	case INSPECTOR_ASK_NOTE:
		n = add_hint(h, n, max, "Enter", _("no note"));
		return add_hint(h, n, max, "@BACK", _("cancel"));
	case INSPECTOR_ASK_SIGN:
		if (signing_enter_takes(&in->sign))
			n = add_hint(h, n, max, "Enter", in->sign.n == 0 ? in->sign.own : _("send"));
		return add_hint(h, n, max, "@BACK", _("cancel"));
	case INSPECTOR_ASK_REMOVE:
	case INSPECTOR_ASK_FIT:
		return add_hint(h, n, max, "@BACK", _("cancel"));
	case INSPECTOR_ASK_NONE:
		break;
	}
	if (in->screen == INSPECTOR_NCR) {
		if (in->detail.ncr && in->detail.ncr->state == YOKE__NCR_STATE__NCR_OPEN)
			n = add_hint(h, n, max, "1-4", _("decide"));
		else if (in->detail.ncr && in->detail.ncr->state == YOKE__NCR_STATE__NCR_DISPOSITIONED)
			n = add_hint(h, n, max, "1", _("close"));
		n = add_hint(h, n, max, "Enter", _("worklist"));
		n = add_hint(h, n, max, "F9", _("raise NCR"));
		return add_hint(h, n, max, "F5", _("refresh"));
	}
	n = add_hint(h, n, max, "\u2191 \u2193", _("choose"));
	if (in->pick >= 0)
		n = add_hint(h, n, max, "Enter", _("open it"));
	if (items(sv) > inspector_page_rows(sv->rows))
		n = add_hint(h, n, max, "PgUp PgDn", _("page"));
	n = add_hint(h, n, max, "F9", _("raise NCR"));
	n = add_hint(h, n, max, "F5", _("refresh"));
	return add_hint(h, n, max, "@LOGOUT", _("badge out"));
}
