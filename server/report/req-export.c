/* req-export.c — one page of an export of a window: events, units or NCRs (export.h). */
#include "server/report/export.h"
#include "server/requests.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

enum outcome
req_export(struct ctx *c)
{
	const Yoke__ExportQuery *q = c->rq->exports;
	struct export_page x = { .c = c, .q = q };
	enum outcome o;

	if ((o = report_window_check(c, q->from_us, q->to_us)) != OUTCOME_COMMIT)
		return o;
	if (!str_empty(q->work_order) && !ident_ok(q->work_order, 40))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a work order id, got \"%.40s\""), q->work_order);
	if (strlen(q->after) > 200)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the cursor of the page before, got %zu bytes"), strlen(q->after));
	x.r = arena_alloc(c->a, sizeof *x.r);
	yoke__export_reply__init(x.r);
	switch (q->kind) {
	case YOKE__EXPORT_KIND__EXPORT_EVENTS: o = export_events(&x); break;
	case YOKE__EXPORT_KIND__EXPORT_UNITS: o = export_units(&x); break;
	case YOKE__EXPORT_KIND__EXPORT_NCRS: o = export_ncrs(&x); break;
	default:
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected what to export: events, units or NCRs"));
	}
	if (o != OUTCOME_COMMIT)
		return o;
	x.r->scanned = x.scanned;
	c->rp->body_case = YOKE__REPLY__BODY_EXPORTS;
	c->rp->exports = x.r;
	return OUTCOME_COMMIT;
}
