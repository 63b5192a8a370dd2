/*
 * req-step.c — records the unit's current step. The client names the step
 * it believes is current; any other is WRONG_STEP, so a step can be neither
 * skipped nor done twice. What a step needs:
 *
 *   instruct  a confirmation
 *   scan      a component label of the step's part (the BOM line): yoke's
 *             own PART/LOT or PART/SERIAL, or a supplier's GS1 label whose
 *             GTIN a part lists (gtin=), with its lot (10) or serial (21)
 *             and an expiry (17) not passed; a label's quantity (30)/(37)
 *             is the event's qty. A serial-tracked serial is consumed once
 *             across all units
 *   measure   a finite value, each reading its own event (never one
 *             overwritten). Outside LSL/USL it is recorded (pass false,
 *             Event.attempt 1, 2, ...) and counted (UnitRecord.attempts):
 *             while readings are left (Step.attempts, 0 meaning 2) the
 *             answer is MEASURE_AGAIN and the unit stays in work at the
 *             step; the last one allowed holds the unit as FAILED at this
 *             step (OUT_OF_SPEC). An in-spec value passes, whatever came
 *             before, and the count starts again at the next step
 *   check     pass/fail; fail is recorded and holds the unit (CHECK_FAILED)
 *   inspect   pass/fail, signed (badge + PIN, signature.h) by an inspector
 *             when the step says so — an inspector who worked this
 *             operation on this unit may not sign it; fail holds the unit;
 *             a first-article pass is remembered for the work order
 *
 * The person at the terminal must be qualified for the unit's operation at
 * every step, not only when the unit was opened (another badge may have
 * taken the terminal since).
 */
#include "server/requests.h"
#include "server/coq/coq.h"
#include "server/line/line.h"
#include "server/equipment/equipment.h"
#include "server/alarm/alarm.h"
#include "server/gate/gate.h"
#include "server/material/lot_scan.h"
#include "server/material/setup.h"
#include "server/people/signature.h"
#include "server/quality/defect.h"
#include "server/quality/hold.h"
#include "server/quality/ncr.h"
#include "server/spc/spc_live.h"
#include "server/material/lot.h"
#include "server/unit/part_gtin.h"
#include "server/unit/unit.h"
#include "shared/defs/defs.h"
#include "shared/step_rules.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct step_ctx {
	struct ctx *c;
	Yoke__UnitRecord *u;
	const Yoke__Routing *r;
	const Yoke__Operation *op;
	const Yoke__Step *step;
	Yoke__Event *ev;
	const Yoke__DefectCode *defect;   /* a failure's, checked by hold() */
};

/* Marks the step done (or one more scan of it) and moves to the next due step. */
static void
advance(struct step_ctx *s, const char *result)
{
	Yoke__UnitRecord *u = s->u;
	char **results = ARENA_NEW(s->c->a, char *, s->op->n_steps);
	for (size_t i = 0; i < s->op->n_steps; i++)
		results[i] = i < u->n_results ? u->results[i] : (char *)"";
	results[u->step_index] = arena_strdup(s->c->a, result);
	u->results = results;
	u->n_results = s->op->n_steps;
	u->attempts = 0;              /* readings out of the limits count per step */
	if (s->step->kind == YOKE__STEP_KIND__STEP_SCAN && ++u->scanned < s->step->qty)
		return;
	u->scanned = 0;
	u->step_index = step_next(s->op, u->step_index + 1, u->inspect_due);
}

/* The unit fails at this step. The defect the entry names is checked first
 * (defect.h): without one, where the plant defines codes, nothing is
 * recorded. The NCR is opened at the end of req_step. */
static enum outcome
hold(struct step_ctx *s, const char *reason)
{
	enum outcome o = defect_require(s->c, s->c->rq->step->defect, reason, &s->defect);
	if (o != OUTCOME_COMMIT)
		return o;
	if (s->defect)
		s->ev->defect = s->defect->code;
	s->u->status = YOKE__UNIT_STATUS__UNIT_FAILED;
	/* TRANSLATORS: why a unit is held: "<what failed> (op 10 step 3)" */
	s->u->hold_reason = arena_printf(s->c->a, _("%s (op %u step %u)"), reason, s->op->number,
	    s->u->step_index + 1);
	s->u->since_us = s->c->now;
	return OUTCOME_COMMIT;
}

/* Whether a repair took this serial out of the unit (its history says). */
static int
removed_from(struct ctx *c, const Yoke__UnitRecord *u, const char *part, const char *serial,
    bool *gone)
{
	*gone = false;
	for (size_t i = 0; i < u->n_events && !*gone; i++) {
		unsigned char key[8];
		Yoke__Event *ev;
		int rc;
		put_be64(key, u->events[i]);
		rc = rec_get(c->txn, c->a, T_EVENT, key, 8, &yoke__event__descriptor, (void **)&ev);
		if (rc != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_ERROR : rc;
		*gone = ev->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED &&
		    strcmp(ev->part, part) == 0 && strcmp(ev->component_serial, serial) == 0;
	}
	return STORE_OK;
}

/*
 * A supplier's GS1 label: its GTIN to the part through the gtin table
 * (part_gtin.h), the lot (10) or serial (21) as the part's tracking needs,
 * and the expiry (17), which must not have passed (usable through its
 * day, as a received lot: lot.h). Fills scan as yoke's own label would.
 */
static enum outcome
read_gs1(struct step_ctx *s, const Yoke__Part *part, const struct scan_text *label,
    struct component_scan *scan)
{
	struct ctx *c = s->c;
	const Yoke__Part *named = NULL;
	char msg[400];
	Yoke__Status st;
	int rc;

	if (label->gtin && (rc = part_by_gtin(c, label->gtin, part, &named)) != STORE_OK &&
	    rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	st = step_check_gs1(s->step, part->tracking, label, named ? named->number : NULL, scan, msg,
	    sizeof msg);
	if (st != YOKE__STATUS__STATUS_OK)
		return refuse(c, st, "%s", msg);
	if (label->has_expiry && lot_expired(label->expiry, c->now)) {
		if (label->lot)
			return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, _("%s lot %s expired on %s (the "
			    "label's expiry date, AI 17): take another lot"), part->number, label->lot,
			    label->expiry);
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, _("This %s expired on %s (the label's "
		    "expiry date, AI 17): take another one"), part->number, label->expiry);
	}
	if (label->lot && part->tracking != YOKE__TRACKING__TRACKING_NONE)
		s->ev->lot = arena_strdup(c->a, label->lot);
	if (label->has_qty)
		s->ev->qty = label->qty;
	return OUTCOME_COMMIT;
}

static enum outcome
do_scan(struct step_ctx *s)
{
	struct ctx *c = s->c;
	const char *text = c->rq->step->scan;
	struct component_scan scan;
	struct scan_text label;
	struct gs1_error ge;
	Yoke__Part *part;
	char msg[400];
	const char *lot_note;
	Yoke__Status st;
	int rc;

	s->ev->qty = 1;
	if (!scan_text_read(text, strlen(text), &label, &ge))
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, _("This GS1 label cannot be read: %s "
		    "(at character %zu)"), ge.message, ge.offset + 1);
	if (!label.gs1 && !step_parse_component(text, &scan, msg, sizeof msg))
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, "%s", msg);
	rc = rec_get_cached(c->txn, &c->srv->parts, T_PART, s->step->part, &yoke__part__descriptor,
	    (void **)&part);
	if (rc != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if (label.gs1) {
		enum outcome g = read_gs1(s, part, &label, &scan);
		if (g != OUTCOME_COMMIT)
			return g;
	} else if ((st = step_check_scan(s->step, part->tracking, &scan, msg, sizeof msg)) !=
	    YOKE__STATUS__STATUS_OK) {
		return refuse(c, st, "%s", msg);
	}
	/* A received lot: usable, counted down; the id becomes its supplier lot. */
	enum outcome lo = lot_scan_check(c, part, s->step, s->u->product, &scan, s->ev, &lot_note);
	if (lo != OUTCOME_COMMIT)
		return lo;
	/* Forward genealogy: component (part/lot or part/serial) -> units. */
	size_t part_len = strlen(scan.part), id_len = strlen(scan.id);
	char *comp = arena_alloc(c->a, part_len + id_len + 2);
	memcpy(comp, scan.part, part_len);
	comp[part_len] = '/';
	memcpy(comp + part_len + 1, scan.id, id_len + 1);
	enum outcome o;
	bool again = false;
	if (scan.id[0] && (o = hold_component_check(c, comp)) != OUTCOME_COMMIT)
		return o;
	if (part->tracking == YOKE__TRACKING__TRACKING_SERIAL && scan.id[0] &&
	    (o = hold_subassembly_check(c, scan.part, scan.id)) != OUTCOME_COMMIT)
		return o;
	if (part->tracking == YOKE__TRACKING__TRACKING_SERIAL) {
		/* A serial's key names at most one unit: consumed once. */
		const void *v;
		size_t vl;
		rc = store_get(c->txn, T_COMPONENT, comp, strlen(comp), &v, &vl);
		/* Redoing an operation after rework, the serial already in this
		 * unit is scanned again: it stays where it is. */
		if (rc == STORE_OK && vl == strlen(s->u->serial) && memcmp(v, s->u->serial, vl) == 0 &&
		    s->u->rework_count > 0) {
			bool gone;
			if ((rc = removed_from(c, s->u, scan.part, scan.id, &gone)) != STORE_OK)
				return store_failed(c, rc);
			if (gone)
				return refuse(c, YOKE__STATUS__STATUS_SERIAL_ALREADY_USED,
				    _("%s serial %s was taken out of unit %s by a repair and is never used "
				    "again: scan the one fitted in its place"), scan.part, scan.id,
				    s->u->serial);
			again = true;
		} else if (rc == STORE_OK)
			return refuse(c, YOKE__STATUS__STATUS_SERIAL_ALREADY_USED,
			    _("%s serial %s is already built into unit %.*s: scan another one"), scan.part,
			    scan.id, (int)vl, (const char *)v);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return store_failed(c, rc);
		s->ev->component_serial = arena_strdup(c->a, scan.id);
	} else if (part->tracking == YOKE__TRACKING__TRACKING_LOT) {
		s->ev->lot = arena_strdup(c->a, scan.id);
	}
	if (scan.id[0] && !again && (rc = store_put(c->txn, T_COMPONENT, comp, strlen(comp), s->u->serial,
	    strlen(s->u->serial), 0)) != STORE_OK)
		return store_failed(c, rc);
	s->ev->kind = YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED;
	s->ev->part = s->step->part;
	s->ev->pass = true;
	s->ev->text = scan.id[0] ? arena_printf(c->a, _("Scanned %s/%s (%u of %u)"), scan.part, scan.id,
	    s->u->scanned + 1, s->step->qty) : arena_printf(c->a, _("Scanned %s (%u of %u)"), scan.part,
	    s->u->scanned + 1, s->step->qty);
	advance(s, s->ev->text);
	if (lot_note)
		reply_message(c, "%s; %s", s->ev->text, lot_note);
	else
		reply_message(c, "%s", s->ev->text);
	return OUTCOME_COMMIT;
}

/* A scan step marked from=setup: the lot loaded at the station (setup.h). */
static enum outcome
do_from_setup(struct step_ctx *s)
{
	const char *lot_note;
	enum outcome o = setup_take(s->c, s->step, s->u, s->ev, &lot_note);
	if (o != OUTCOME_COMMIT)
		return o;
	advance(s, s->ev->text);
	if (lot_note)
		reply_message(s->c, "%s; %s", s->ev->text, lot_note);
	else
		reply_message(s->c, "%s", s->ev->text);
	return OUTCOME_COMMIT;
}

/* How many readings out of the limits a measure step allows before the
 * last of them fails the unit (Step.attempts; 0, as every routing before
 * the keyword, means 2). */
static uint32_t
readings_allowed(const Yoke__Step *step)
{
	return step->attempts ? step->attempts : 2;
}

static enum outcome
do_measure(struct step_ctx *s, double v)
{
	struct ctx *c = s->c;
	uint32_t allowed = readings_allowed(s->step), reading = s->u->attempts + 1;
	char msg[300];
	bool ok;

	if (!isfinite(v))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a finite number for %s, got %g"), s->step->name, v);
	ok = step_in_spec(s->step, v, msg, sizeof msg);
	s->ev->kind = YOKE__EVENT_KIND__EVENT_MEASURED;
	s->ev->name = s->step->name;
	s->ev->value = v;
	s->ev->unit = s->step->unit;
	s->ev->has_lsl = s->step->has_lsl;
	s->ev->lsl = s->step->lsl;
	s->ev->has_usl = s->step->has_usl;
	s->ev->usl = s->step->usl;
	s->ev->pass = ok;
	s->ev->attempt = reading;
	s->ev->text = arena_strdup(c->a, msg);
	if (ok) {
		advance(s, msg);
		reply_message(c, "%s", msg);
		return OUTCOME_COMMIT;
	}
	s->u->attempts = reading;
	if (reading < allowed) {
		/* Recorded and counted; the unit stays in work at this step. */
		c->rp->status = YOKE__STATUS__STATUS_MEASURE_AGAIN;
		reply_message(c, _("Out of spec: %s (reading %u of %u): measure again"), msg, reading,
		    allowed);
		return OUTCOME_COMMIT;
	}
	/* The last reading allowed: the unit fails (its defect first, hold()). */
	enum outcome o = hold(s, msg);
	if (o != OUTCOME_COMMIT)
		return o;
	c->rp->status = YOKE__STATUS__STATUS_OUT_OF_SPEC;
	reply_message(c, _("Out of spec: %s (reading %u of %u). Unit %s is held as failed at this "
	    "step"), msg, reading, allowed, s->u->serial);
	return OUTCOME_COMMIT;
}

/* A check's or an inspection's result (each sentence whole, for its translation). */
static enum outcome
do_pass_fail(struct step_ctx *s, bool pass, bool inspection, const Yoke__Operator *signer)
{
	struct ctx *c = s->c;
	const char *text = s->step->text;
	s->ev->pass = pass;
	if (inspection)
		s->ev->text = arena_printf(c->a, pass ? _("Inspection \"%s\": pass") :
		    _("Inspection \"%s\": FAIL"), text);
	else
		s->ev->text = arena_printf(c->a, pass ? _("Check \"%s\": pass") : _("Check \"%s\": FAIL"),
		    text);
	if (!pass) {
		enum outcome o = hold(s, s->ev->text);
		if (o != OUTCOME_COMMIT)
			return o;
		c->rp->status = YOKE__STATUS__STATUS_CHECK_FAILED;
		if (inspection)
			reply_message(c, _("Inspection failed: \"%s\". Unit %s is held as failed at this "
			    "step"), text, s->u->serial);
		else
			reply_message(c, _("Check failed: \"%s\". Unit %s is held as failed at this step"),
			    text, s->u->serial);
		return OUTCOME_COMMIT;
	}
	advance(s, signer ? arena_printf(c->a, _("pass, signed by %s (%s)"), signer->name,
	    signer->badge) : _("pass"));
	reply_message(c, "%s", s->ev->text);
	return OUTCOME_COMMIT;
}

/* The inspector's signature: badge + PIN, an inspector's, not of someone
 * who worked this operation on this unit. */
static enum outcome
signed_by(struct step_ctx *s, const Yoke__Signature *sig, Yoke__Operator **insp)
{
	struct ctx *c = s->c;
	Yoke__Operator *op;
	enum outcome o;
	int rc;

	if (sig == NULL || str_empty(sig->badge))
		return refuse(c, YOKE__STATUS__STATUS_INSPECTOR_REQUIRED,
		    _("This inspection must be signed by an inspector: badge and PIN"));
	if (!ident_ok(sig->badge, 64))
		return refuse(c, YOKE__STATUS__STATUS_INSPECTOR_REQUIRED,
		    _("Expected an inspector's badge, got \"%.40s\""), sig->badge);
	rc = REC_GET(c->txn, c->a, T_OPERATOR, sig->badge, yoke__operator, &op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_INSPECTOR_REQUIRED,
		    _("Unknown badge %s: this inspection must be signed by an inspector"), sig->badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (op->role != YOKE__ROLE__ROLE_INSPECTOR)
		return refuse(c, YOKE__STATUS__STATUS_INSPECTOR_REQUIRED,
		    _("This inspection must be signed by an inspector: badge %s is %s, %s"), op->badge,
		    op->name, request_role_text(op->role));
	for (size_t i = 0; i < s->u->n_op_badges; i++)
		if (strcmp(s->u->op_badges[i], op->badge) == 0)
			return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED,
			    _("%s (badge %s) worked op %u on unit %s and cannot sign its inspection: "
			    "another inspector signs"), op->name, op->badge, s->op->number, s->u->serial);
	if (str_empty(sig->pin))
		return refuse(c, YOKE__STATUS__STATUS_INSPECTOR_REQUIRED,
		    _("A badge alone is no signature: %s also types the PIN"), op->name);
	if ((o = sign_check(c, sig->badge, sig->pin, insp)) != OUTCOME_COMMIT)
		return o;
	return OUTCOME_COMMIT;
}

static enum outcome
do_inspect(struct step_ctx *s)
{
	struct ctx *c = s->c;
	const Yoke__InspectionResult *in = c->rq->step->inspection;
	Yoke__Operator *insp = NULL;
	enum outcome o;
	int rc;

	if (!text_ok(in->note, 500))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected an inspection note of at most 500 bytes of text without control "
		    "characters"));
	if (s->step->needs_inspector || (in->signature && !str_empty(in->signature->badge))) {
		if ((o = signed_by(s, in->signature, &insp)) != OUTCOME_COMMIT)
			return o;
		s->ev->inspector_badge = insp->badge;
		s->ev->inspector_name = insp->name;
		s->ev->n_signatures = 1;
		s->ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
		s->ev->signatures[0] = sign_record(c, insp, in->pass ? _("inspection passed") :
		    _("inspection failed"));
	}
	s->ev->kind = YOKE__EVENT_KIND__EVENT_INSPECTED;
	if (!str_empty(in->note))
		s->ev->detail = in->note;
	if (in->pass && s->step->frequency == YOKE__FREQUENCY__FREQ_FIRST_ARTICLE) {
		char key[KEY_MAX];
		size_t kl = key_wo_op(key, s->u->work_order, s->op->number);
		Yoke__WorkOrderOpRecord *wop;
		rc = rec_get(c->txn, c->a, T_WO_OP, key, kl, &yoke__work_order_op_record__descriptor,
		    (void **)&wop);
		if (rc != STORE_OK)
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
		wop->first_article_passed |= (uint64_t)1 << s->u->step_index;
		rc = rec_put(c->txn, c->a, T_WO_OP, key, kl, (const ProtobufCMessage *)wop, 0);
		if (rc != STORE_OK)
			return store_failed(c, rc);
	}
	return do_pass_fail(s, in->pass, true, insp);
}

/* The failure's NCR, in this transaction: what failed, the value and its
 * limits, the defect, who and where (ncr.h). Its number joins the reply. */
static enum outcome
open_ncr(struct step_ctx *s)
{
	struct ctx *c = s->c;
	const Yoke__Defect *d = c->rq->step->defect;
	Yoke__Ncr *n = ncr_for_unit(c, s->u, s->r);
	Yoke__SignatureRecord *by = NULL;
	enum outcome o;

	n->step = s->u->step_index + 1;
	n->text = s->u->hold_reason;
	if (s->ev->kind == YOKE__EVENT_KIND__EVENT_MEASURED) {
		n->name = s->ev->name;
		n->value = s->ev->value;
		n->unit = s->ev->unit;
		n->has_lsl = s->ev->has_lsl;
		n->lsl = s->ev->lsl;
		n->has_usl = s->ev->has_usl;
		n->usl = s->ev->usl;
	}
	if (s->defect) {
		n->defect = s->defect->code;
		n->defect_text = s->defect->text;
		n->category = s->defect->category;
		n->location = s->defect->location;
	}
	if (d && !str_empty(d->location))
		n->location = d->location;
	if (d && !str_empty(d->note))
		n->note = d->note;
	if (c->op)
		by = sign_record(c, c->op, _("recorded the failure at the station"));
	if ((c->store_rc = line_day_failed(c, s->u, n->operation)) != STORE_OK)   /* line.h */
		return OUTCOME_STORE;
	if ((o = ncr_open(c, s->u, n, by)) != OUTCOME_COMMIT)
		return o;
	/* TRANSLATORS: the failure's message, then the NCR it opened */
	c->rp->message = arena_printf(c->a, _("%s; %s opened"), c->rp->message, n->number);
	return OUTCOME_COMMIT;
}

enum outcome
req_step(struct ctx *c)
{
	const Yoke__StepRecord *sr = c->rq->step;
	struct step_ctx s = { .c = c };
	Yoke__Routing *r;
	char what[200];
	enum outcome o;
	int rc;

	if ((o = alarm_station_check(c, c->station->id)) != OUTCOME_COMMIT)
		return o;
	if ((o = unit_load(c, sr->serial, &s.u, &r)) != OUTCOME_COMMIT)
		return o;
	s.r = r;
	if ((o = unit_workable(c, s.u)) != OUTCOME_COMMIT)
		return o;
	s.op = unit_op(s.u, r);
	if (s.op == NULL)
		return store_failed(c, STORE_ERROR);
	if (s.u->status != YOKE__UNIT_STATUS__UNIT_IN_WORK || strcmp(s.u->station, c->station->id) != 0)
		return refuse(c, YOKE__STATUS__STATUS_WRONG_STEP,
		    _("Unit %s is not open at %s: scan the unit first"), s.u->serial, c->station->id);
	if (s.u->step_index >= s.op->n_steps)
		return refuse(c, YOKE__STATUS__STATUS_WRONG_STEP,
		    _("Every step of op %u is done: complete the operation"), s.op->number);
	if (!defs_qualified(c->op, s.u->product, s.op->number))
		return refuse(c, YOKE__STATUS__STATUS_NOT_QUALIFIED,
		    _("%s is not qualified for %s op %u \"%s\""), c->op->name, s.u->product, s.op->number,
		    s.op->name);
	s.step = s.op->steps[s.u->step_index];
	step_describe(s.step, what, sizeof what);
	if (sr->step != s.u->step_index)
		return refuse(c, YOKE__STATUS__STATUS_WRONG_STEP,
		    _("Step %u is not the current step: the current step is %u of %zu (%s)"), sr->step + 1,
		    s.u->step_index + 1, s.op->n_steps, what);
	if (!step_entry_fits(s.step->kind, sr->entry_case) && !s.step->from_setup &&
	    !s.step->from_equipment)
		return refuse(c, YOKE__STATUS__STATUS_WRONG_STEP,
		    _("Step %u (%s) needs %s, got %s"), s.u->step_index + 1, what,
		    step_kind_name(s.step->kind), step_entry_name(sr->entry_case));

	s.ev = unit_event(c, YOKE__EVENT_KIND__EVENT_STEP_CONFIRMED, s.u, r);
	/* The pre-start gate: qualification expiry, gauge scan, first article. */
	bool skipped = false;
	if (gate_wanted(c, s.step) &&
	    (o = gate_step(c, s.u, s.op, s.step, s.ev, &skipped)) != OUTCOME_COMMIT)
		return o;
	switch (skipped ? YOKE__STEP_KIND__STEP_NONE : s.step->kind) {
	case YOKE__STEP_KIND__STEP_NONE:    /* the gate recorded it (gate.h) */
		o = OUTCOME_COMMIT;
		break;
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		s.ev->text = s.step->text;
		s.ev->pass = true;
		advance(&s, _("confirmed"));
		reply_message(c, _("Step %u confirmed"), sr->step + 1);
		o = OUTCOME_COMMIT;
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		o = s.step->from_setup ? do_from_setup(&s) : do_scan(&s);
		break;
	case YOKE__STEP_KIND__STEP_MEASURE: {
		double v = sr->value;   /* from=equipment: what the station's equipment published */
		o = s.step->from_equipment ? equipment_step_value(c, s.step, s.u, s.ev, &v) :
		    OUTCOME_COMMIT;
		if (o == OUTCOME_COMMIT)
			o = do_measure(&s, v);
		break;
	}
	case YOKE__STEP_KIND__STEP_CHECK:
		s.ev->kind = YOKE__EVENT_KIND__EVENT_CHECKED;
		o = do_pass_fail(&s, sr->pass, false, NULL);
		break;
	default:
		o = do_inspect(&s);
	}
	if (o != OUTCOME_COMMIT)
		return o;
	unit_worked_by(c, s.u);
	if ((rc = unit_event_append(c, s.u, s.ev)) != STORE_OK)
		return store_failed(c, rc);
	if ((o = coq_step(c, s.u, s.ev)) != OUTCOME_COMMIT)   /* a re-inspection's cost (coq.h) */
		return o;
	/* A characteristic's value: SPC in this transaction (spc_live.h). */
	if (s.step->spc && (o = spc_measured(c, s.step, s.u, s.ev)) != OUTCOME_COMMIT)
		return o;
	if (s.u->status == YOKE__UNIT_STATUS__UNIT_FAILED) {
		Yoke__Event *f = unit_event(c, YOKE__EVENT_KIND__EVENT_FAILED, s.u, r);
		f->text = s.u->hold_reason;
		if ((rc = unit_event_append(c, s.u, f)) != STORE_OK)
			return store_failed(c, rc);
		if ((o = open_ncr(&s)) != OUTCOME_COMMIT)
			return o;
		unit_notify(c, s.u, s.op->station_kind, s.u->hold_reason);
	}
	if (gate_after_wanted(s.u, s.op, s.step) &&
	    (o = gate_step_done(c, s.u, r, s.op, s.step, s.ev)) != OUTCOME_COMMIT)
		return o;
	if ((rc = unit_save(c, s.u)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Status st = c->rp->status;
	char *msg = c->rp->message;
	reply_unit(c, s.u, r);
	c->rp->status = st;
	c->rp->message = msg;
	return OUTCOME_COMMIT;
}
