/*
 * req-iqc-lift.c — an engineer lifts the block of a supplier + part whose
 * incoming inspection was discontinued (5 lots not accepted on tightened,
 * iqc.h), after the supplier's corrective action: signed, with a reason.
 * Inspection resumes at tightened and lots of it are received again.
 */
#include "server/requests.h"
#include "server/iqc/iqc.h"
#include "server/people/signature.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

enum outcome
req_iqc_lift(struct ctx *c)
{
	const Yoke__IqcLift *r = c->rq->iqc_lift;
	Yoke__SignatureRecord *by;
	Yoke__IqcSwitch *sw;
	Yoke__IqcReply *ir;
	enum outcome o;
	int rc;

	if (!ident_ok(r->supplier, 64) || !ident_ok(r->part, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Lifting a block names the supplier and the part"));
	if (str_empty(r->reason) || !text_ok(r->reason, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Lifting a block needs the reason: the supplier's corrective action (text of at "
		    "most 500 bytes)"));
	if ((rc = iqc_switch_get(c, r->supplier, r->part, &sw)) != STORE_OK)
		return store_failed(c, rc);
	if (sw->mode != YOKE__IQC_MODE__IQC_DISCONTINUED)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("Supplier %s is not blocked for %s: %s"), r->supplier, r->part,
		    iqc_switch_why(c, sw));
	if ((o = sign_as(c, r->signature, ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER),
	    _("lifted the block after corrective action"), &by)) != OUTCOME_COMMIT)
		return o;
	if ((rc = iqc_switch_lift(c, sw, r->reason, by)) != STORE_OK)
		return store_failed(c, rc);
	sw->why = (char *)iqc_switch_why(c, sw);
	ir = arena_alloc(c->a, sizeof *ir);
	yoke__iqc_reply__init(ir);
	ir->switches = ARENA_NEW(c->a, Yoke__IqcSwitch *, 1);
	ir->switches[0] = sw;
	ir->n_switches = ir->matched = 1;
	c->rp->body_case = YOKE__REPLY__BODY_IQC;
	c->rp->iqc = ir;
	notify(c, "role/inspector", "", YOKE__UNIT_STATUS__UNIT_NONE,
	    N_("incoming inspection switched"));
	reply_message(c, _("Supplier %s may deliver %s again: inspection resumes at tightened"),
	    r->supplier, r->part);
	return OUTCOME_COMMIT;
}
