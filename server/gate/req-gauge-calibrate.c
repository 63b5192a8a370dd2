/*
 * req-gauge-calibrate.c — a calibration of a gauge or equipment, signed by
 * an inspector or an engineer: its new due date (today or later) and the
 * certificate. Written to the gauge's state (gauge_state table), which a
 * load never touches (gate.h), with an EVENT_GAUGE_CALIBRATED.
 */
#include "server/gate/gate.h"
#include "server/people/signature.h"
#include "server/requests.h"
#include "server/store/records.h"
#include "server/unit/unit.h"
#include "shared/defs/defs_gate.h"
#include "shared/i18n.h"
#include "shared/util.h"

enum outcome
req_gauge_calibrate(struct ctx *c)
{
	const Yoke__GaugeCalibrate *r = c->rq->gauge_calibrate;
	Yoke__SignatureRecord *by;
	Yoke__GaugeState *s;
	Yoke__GaugeInfo *g;
	Yoke__GaugeReply *gr;
	enum outcome o;
	int32_t due;
	int rc;

	if (!ident_ok(r->gauge, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a gauge or equipment id, got \"%.40s\""), r->gauge);
	if (!defs_date_days(r->due, &due))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the next due date as YYYY-MM-DD, got \"%.40s\""), r->due);
	if (due < gate_today(c))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The next due date %s has passed already: expected today or later"), r->due);
	if (!text_ok(r->certificate, 200))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a certificate of at most 200 bytes of text without control characters"));
	rc = gauge_info(c, r->gauge, &g);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("%s is not a gauge or equipment of this plant"), r->gauge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if ((o = sign_as(c, r->signature, ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) |
	    ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER), _("recorded the calibration"), &by)) != OUTCOME_COMMIT)
		return o;
	if ((rc = gauge_state_get(c, g->id, &s)) != STORE_OK)
		return store_failed(c, rc);
	s->due = (char *)r->due;
	s->certificate = (char *)r->certificate;
	s->calibrated = by;
	if ((rc = gauge_state_put(c, g->id, s)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_GAUGE_CALIBRATED, NULL, NULL);
	ev->detail = g->id;
	ev->text = arena_printf(c->a, "due %s; certificate %s", r->due, r->certificate);
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = by;
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = gauge_info(c, g->id, &g)) != STORE_OK)
		return store_failed(c, rc);
	gr = arena_alloc(c->a, sizeof *gr);
	yoke__gauge_reply__init(gr);
	gr->gauges = ARENA_NEW(c->a, Yoke__GaugeInfo *, 1);
	gr->gauges[0] = g;
	gr->n_gauges = gr->matched = 1;
	c->rp->body_case = YOKE__REPLY__BODY_GAUGES;
	c->rp->gauges = gr;
	reply_message(c, _("%s %s calibrated: due %s"), gauge_word(g), g->id, g->due);
	return OUTCOME_COMMIT;
}
