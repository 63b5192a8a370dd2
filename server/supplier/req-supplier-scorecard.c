/*
 * req-supplier-scorecard.c — the supplier scorecard (supplier.h): per
 * supplier and period of delivery, over a window of days. Read-only.
 */
#include "server/requests.h"
#include "server/supplier/supplier.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdint.h>

#define DAY_US ((int64_t)86400 * 1000000)

enum outcome
req_supplier_scorecard(struct ctx *c)
{
	const Yoke__ScorecardQuery *q = c->rq->scorecard;
	Yoke__ScorecardReply *sr;
	int64_t from_us = 0, to_us = INT64_MAX;
	enum outcome o;
	int rc;

	if (!text_ok(q->supplier, 64) || (!str_empty(q->supplier) && !ident_ok(q->supplier, 64)))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a supplier's code (1-64 printable characters), or none for every "
		    "supplier"));
	if ((o = supplier_check_known(c, q->supplier)) != OUTCOME_COMMIT)
		return o;
	if (!str_empty(q->from) && !supplier_day_us(q->from, &from_us))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("From: expected a date YYYY-MM-DD, found \"%.20s\""), q->from);
	if (!str_empty(q->to)) {
		if (!supplier_day_us(q->to, &to_us))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("To: expected a date YYYY-MM-DD, found \"%.20s\""), q->to);
		to_us += DAY_US;      /* through the whole day */
	}
	if (from_us >= to_us)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The window ends (%s) before it starts (%s)"), q->to, q->from);
	if (q->period != YOKE__SCORECARD_PERIOD__SCORECARD_MONTH &&
	    q->period != YOKE__SCORECARD_PERIOD__SCORECARD_WEEK)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a period: month or week"));
	if ((rc = supplier_scorecard(c, q, from_us, to_us, &sr)) != STORE_OK)
		return store_failed(c, rc);
	c->rp->body_case = YOKE__REPLY__BODY_SCORECARD;
	c->rp->scorecard = sr;
	if (sr->n_rows == 0)
		reply_message(c, "%s", _("No lots were received in that window"));
	else
		reply_message(c, P_("%zu period with deliveries", "%zu periods with deliveries",
		    sr->n_rows), sr->n_rows);
	if (sr->cut)
		reply_message(c, _("%s; the walk stopped at its bound (%u lots, %u NCRs read): "
		    "ask for a shorter window"), c->rp->message, sr->lots_read, sr->ncrs_read);
	return OUTCOME_COMMIT;
}
