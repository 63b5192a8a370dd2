/*
 * sim_drive.c — the run with prevention (sim.h): the fault stream worked
 * through a real yoked, over the wire, on tests/data/plant-sim.
 */
#include "tests/lib/sim.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OK YOKE__STATUS__STATUS_OK
#define WORK_ORDER "SIM"
#define GOOD_GAUGE "G-0100"
#define OLD_GAUGE "G-0101"

struct line {
	const struct sim_config *cfg;
	struct sim_result *r;
	struct yoked *y;
	struct plant *p;
	struct client *assy, *test, *final, *repair, *qa, *dock;
	char good_lot[32], old_lot[32], bad_lot[32];
	unsigned lots;                /* lots received so far */
	unsigned since_change;        /* units the fixture made since its change */
	unsigned k;                   /* the unit worked now (0-based) */
	char *err;
	size_t errsz;
};

static bool
fail(struct line *l, const char *what, Yoke__Reply *rp)
{
	snprintf(l->err, l->errsz, "unit %u: %s: %s %s", l->k + 1, what,
	    rp ? status_name(rp->status) : "no answer", rp && rp->message ? rp->message : "");
	client_reply_free(rp);
	return false;
}

static bool
ok(struct line *l, const char *what, Yoke__Reply *rp)
{
	if (rp == NULL || rp->status != OK)
		return fail(l, what, rp);
	client_reply_free(rp);
	return true;
}

/* A refusal a fault must meet: true when it was refused (stopped). */
static bool
refused(Yoke__Reply *rp)
{
	bool no = rp && rp->status != OK;
	client_reply_free(rp);
	return no;
}

static Yoke__Reply *
step(struct client *c, const char *serial, uint32_t n, int kind, double v, bool pass,
    const char *gauge, const char *defect)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__InspectionResult in = YOKE__INSPECTION_RESULT__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	s.serial = (char *)serial;
	s.step = n;
	if (kind == 'v') {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
		s.value = v;
	} else {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
		in.pass = pass;
		in.note = (char *)"";
		s.inspection = &in;
	}
	s.gauge = (char *)(gauge ? gauge : "");
	if (defect) {
		d.code = (char *)defect;
		s.defect = &d;
	}
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* The NCR a failed step opened: the unit view's newest. */
static char *
ncr_of(Yoke__Reply *rp)
{
	char *n = NULL;
	if (rp && rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit->n_ncrs > 0)
		n = xstrdup(rp->unit->ncrs[rp->unit->n_ncrs - 1]);
	client_reply_free(rp);
	return n;
}

static bool
disposition(struct line *l, const char *ncr, Yoke__DispositionKind kind)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT, *sigs[1] = { &s };
	s.badge = (char *)"200";
	s.pin = (char *)HARNESS_PIN;
	d.number = (char *)ncr;
	d.kind = kind;
	d.signatures = sigs;
	d.n_signatures = 1;
	d.note = (char *)"simulated inspector";
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	return ok(l, "disposition", harness_call(l->qa, &rq, HARNESS_TRIES));
}

/* At the rework bench, then back in the queue of the operation that failed. */
static bool
rework(struct line *l, const char *serial)
{
	return ok(l, "open at REPAIR", harness_open_unit(l->repair, serial)) &&
	    ok(l, "rework instruction", harness_step_confirm(l->repair, serial, 0)) &&
	    ok(l, "re-inspection", step(l->repair, serial, 1, 'i', 0, true, NULL, NULL)) &&
	    ok(l, "complete rework", harness_complete(l->repair, serial));
}

/* Op 10: the PCB, the IC lot, the solder inspection. *failed: the
 * inspection found a solder defect (the NCR reworked). */
static bool
assembly(struct line *l, const char *serial, const struct sim_draws *d, bool again, bool *failed)
{
	char pcb[48], wrong[48], *ncr;
	snprintf(pcb, sizeof pcb, "PCB-7/P%05u", l->k + 1);
	snprintf(wrong, sizeof wrong, "PCB-8/W%05u", l->k + 1);
	*failed = false;
	if (!ok(l, "open at ASSY", harness_open_unit(l->assy, serial)))
		return false;
	if (d->wrong_part && !again) {
		l->r->made[SIM_WRONG_PART]++;
		if (refused(harness_step_scan(l->assy, serial, 0, wrong)))
			l->r->stopped[SIM_WRONG_PART]++;
		else
			return fail(l, "the wrong PCB was taken", NULL);
	}
	if (!ok(l, "PCB", harness_step_scan(l->assy, serial, 0, pcb)))
		return false;
	if (d->expired && !again) {
		l->r->made[SIM_EXPIRED_LOT]++;
		if (refused(harness_step_scan(l->assy, serial, 1, l->old_lot)))
			l->r->stopped[SIM_EXPIRED_LOT]++;
		else
			return fail(l, "the expired lot was taken", NULL);
	}
	if (!ok(l, "IC lot", harness_step_scan(l->assy, serial, 1, d->bad_lot ? l->bad_lot :
	    l->good_lot)))
		return false;
	if (d->skip && !again) {
		l->r->made[SIM_SKIPPED_INSPECTION]++;
		if (refused(harness_complete(l->assy, serial)))
			l->r->stopped[SIM_SKIPPED_INSPECTION]++;
		else
			return fail(l, "the inspection was skipped", NULL);
	}
	l->r->inspections++;
	if (d->skip_defect && !again) {
		/* The inspection yoke did not let be skipped finds the joint. */
		if ((ncr = ncr_of(step(l->assy, serial, 2, 'i', 0, false, NULL, "SOLDER"))) == NULL)
			return fail(l, "the solder NCR", NULL);
		*failed = true;
		bool done = disposition(l, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK);
		free(ncr);
		l->r->reworked++;
		l->r->rework_assy++;
		return done && rework(l, serial);
	}
	return ok(l, "solder inspection", step(l->assy, serial, 2, 'i', 0, true, NULL, NULL)) &&
	    ok(l, "complete op 10", harness_complete(l->assy, serial));
}

/* The drift warning (SPC): the operator changes the fixture now. The
 * first real one is measured: how many units before the fixture, left as
 * it was, would have made its first unit out of spec, on the same draws
 * (the noise of the units to come is in the stream already, so this is
 * the unit the run without prevention meets when its fixture has not been
 * changed in between); 0 units when this very unit is out of spec. A
 * warning on a
 * typed value (a typo the server asked to measure again: SPC judges every
 * captured value) is false: counted, and the fixture changed all the same. */
static void
drift_warned(struct line *l, bool real)
{
	if (!real)
		l->r->false_warnings++;
	else if (l->r->drift_warned_at == 0) {
		/* This unit was measured with since_change - 1 units of wear. */
		unsigned since = l->since_change - 1, left = 0;
		struct sim_draws d;
		l->r->drift_warned_at = l->k + 1;
		for (;; left++) {
			sim_draw(l->cfg, l->k + left, &d);
			if (sim_ripple(l->cfg, since + left) + d.noise > SIM_RIPPLE_USL ||
			    left > 100000)
				break;
		}
		l->r->first_out_of_spec = l->k + 1 + left;
	}
	l->since_change = 0;
	l->r->tool_changes++;
}

/* A digit slip within the limits: the server takes it, and the wrong
 * value stays on the unit's record (escaped); the unit goes on. *latent:
 * its real value was out of spec, which final inspection may find. */
static bool
slip_taken(struct line *l, const char *serial, Yoke__Reply *rp, double v, bool *latent)
{
	bool warned = rp->message && strstr(rp->message, "crosses USL");
	client_reply_free(rp);
	l->r->escaped[SIM_TYPO]++;
	l->since_change++;
	if (warned)
		drift_warned(l, false);
	*latent = v > SIM_RIPPLE_USL;
	return ok(l, "complete op 20", harness_complete(l->test, serial));
}

/* Op 20: the ripple on the worn fixture. *scrapped: out of spec, failed
 * here; *latent: out of spec, and passed on a slip's value. */
static bool
functional_test(struct line *l, const char *serial, const struct sim_draws *d, bool *scrapped,
    bool *latent)
{
	double v = sim_ripple(l->cfg, l->since_change) + d->noise;
	Yoke__Reply *rp;
	char *ncr;
	*scrapped = *latent = false;
	if (!ok(l, "open at TEST", harness_open_unit(l->test, serial)))
		return false;
	if (d->gauge) {
		l->r->made[SIM_GAUGE]++;
		if (refused(step(l->test, serial, 0, 'v', v, true, OLD_GAUGE, NULL)))
			l->r->stopped[SIM_GAUGE]++;
		else
			return fail(l, "the overdue oscilloscope was taken", NULL);
	}
	if (d->typo) {
		l->r->made[SIM_TYPO]++;
		d->slip ? l->r->typo_slip++ : l->r->typo_x10++;
		rp = step(l->test, serial, 0, 'v', d->slip ? sim_slip(v) : v * 10, true, GOOD_GAUGE,
		    NULL);
		if (rp && rp->status == YOKE__STATUS__STATUS_MEASURE_AGAIN)
			l->r->stopped[SIM_TYPO]++;
		else if (d->slip && rp && (rp->status == OK ||
		    rp->status == YOKE__STATUS__STATUS_SPC_SIGNAL))
			return slip_taken(l, serial, rp, v, latent);
		else
			return fail(l, "the typo was not asked again", rp);
		/* SPC judged the typed value too: it may warn on this scan. */
		if (rp->message && strstr(rp->message, "crosses USL"))
			drift_warned(l, false);
		client_reply_free(rp);
	}
	l->since_change++;
	rp = step(l->test, serial, 0, 'v', v, true, GOOD_GAUGE, "RIPPLE");
	if (rp && rp->status == YOKE__STATUS__STATUS_MEASURE_AGAIN && !d->typo) {
		/* Out of spec: measured again, the same value fails the unit. */
		client_reply_free(rp);
		rp = step(l->test, serial, 0, 'v', v, true, GOOD_GAUGE, "RIPPLE");
	}
	if (rp && rp->message && strstr(rp->message, "crosses USL"))
		drift_warned(l, true);
	if (rp && rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->status == YOKE__UNIT_STATUS__UNIT_FAILED) {
		l->r->made[SIM_DRIFT]++;
		l->r->stopped[SIM_DRIFT]++;
		if ((ncr = ncr_of(rp)) == NULL)
			return fail(l, "the ripple NCR", NULL);
		*scrapped = true;
		bool done = disposition(l, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP);
		free(ncr);
		l->r->scrapped++;
		l->r->scrap_test++;
		return done;
	}
	if (rp == NULL || (rp->status != OK && rp->status != YOKE__STATUS__STATUS_SPC_SIGNAL))
		return fail(l, "ripple", rp);
	client_reply_free(rp);
	return ok(l, "complete op 20", harness_complete(l->test, serial));
}

/* Op 30 for a unit whose real ripple is out of spec but passed the test on
 * a slip's value: final inspection finds it with p_final (failed, NCR,
 * scrapped: a tested value cannot be reworked), else it escapes (claim).
 * *scrapped: it was. */
static bool
final_out_of_spec(struct line *l, const char *serial, const struct sim_draws *d, bool *scrapped)
{
	char *ncr;
	l->r->made[SIM_DRIFT]++;
	if (!d->final_finds) {
		l->r->escaped[SIM_DRIFT]++;
		l->r->escapes++;
		return true;
	}
	l->r->caught[SIM_DRIFT]++;
	if ((ncr = ncr_of(step(l->final, serial, 0, 'i', 0, false, NULL, "RIPPLE"))) == NULL)
		return fail(l, "the final NCR on the ripple", NULL);
	bool done = disposition(l, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP);
	free(ncr);
	l->r->scrapped++;
	l->r->scrap_final++;
	*scrapped = true;
	return done;
}

/* Op 30: the final inspection finds a latent defect with p_final.
 * *scrapped: the unit was (its ripple out of spec, latent). */
static bool
final_inspection(struct line *l, const char *serial, const struct sim_draws *d, bool latent,
    bool *scrapped)
{
	char *ncr;
	*scrapped = false;
	if (!ok(l, "open at FINAL", harness_open_unit(l->final, serial)))
		return false;
	l->r->final_inspections++;
	if (latent) {
		if (!final_out_of_spec(l, serial, d, scrapped))
			return false;
		if (*scrapped)
			return true;
	}
	if (d->bad_part) {
		l->r->made[SIM_BAD_LOT]++;
		if (l->r->bad_lot_rejected) {
			/* Its lot never reached the line: rejected at the dock. */
			l->r->stopped[SIM_BAD_LOT]++;
		} else if (d->final_finds) {
			l->r->caught[SIM_BAD_LOT]++;
			if ((ncr = ncr_of(step(l->final, serial, 0, 'i', 0, false, NULL, "LATENT"))) ==
			    NULL)
				return fail(l, "the final NCR", NULL);
			bool done = disposition(l, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK) &&
			    rework(l, serial);
			free(ncr);
			l->r->reworked++;
			l->r->rework_final++;
			if (!done || !ok(l, "open at FINAL again", harness_open_unit(l->final, serial)))
				return false;
		} else {
			l->r->escaped[SIM_BAD_LOT]++;
			l->r->escapes++;
		}
	}
	return ok(l, "final inspection", step(l->final, serial, 0, 'i', 0, true, NULL, NULL)) &&
	    ok(l, "complete op 30", harness_complete(l->final, serial));
}

/* A claim for a unit that reached the customer: into the ledger, signed. */
static bool
claim(struct line *l, const char *serial)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CoqAdd a = YOKE__COQ_ADD__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT;
	char amount[32];
	snprintf(amount, sizeof amount, "%lld.%02lld", (long long)(l->cfg->claim_cost / 100),
	    (long long)(l->cfg->claim_cost % 100));
	s.badge = (char *)"200";
	s.pin = (char *)HARNESS_PIN;
	a.serial = (char *)serial;
	a.kind = (char *)"claim";
	a.amount = amount;
	a.note = (char *)"simulated field return";
	a.signature = &s;
	rq.body_case = YOKE__REQUEST__BODY_COQ_ADD;
	rq.coq_add = &a;
	return ok(l, "claim", harness_call(l->qa, &rq, HARNESS_TRIES));
}

static Yoke__Reply *
receive(struct client *c, const char *lot, const char *expiry, unsigned qty)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	r.part = (char *)"IC-555";
	r.supplier = (char *)"ACME";
	r.supplier_lot = (char *)lot;
	r.qty = qty;
	r.expiry = (char *)expiry;
	r.purchase_order = (char *)"PO-SIM";
	r.po_line = (char *)"1";
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* The incoming inspection of a received lot whose parts are defective
 * with probability p: the inspector records what the sample of the plan
 * yoked chose shows, and signs the decision the sample makes. *accepted:
 * the lot was released. */
static bool
inspect_lot(struct line *l, const char *number, double p, bool *accepted)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcQuery q = YOKE__IQC_QUERY__INIT;
	Yoke__IqcRecord rec = YOKE__IQC_RECORD__INIT;
	Yoke__IqcResult res = YOKE__IQC_RESULT__INIT, *results[1] = { &res };
	Yoke__IqcDecide dec = YOKE__IQC_DECIDE__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT;
	Yoke__InspectionLot *il;
	Yoke__Reply *rp;
	unsigned n, d;

	q.number = (char *)number;
	rq.body_case = YOKE__REQUEST__BODY_IQC;
	rq.iqc = &q;
	rp = harness_call(l->qa, &rq, HARNESS_TRIES);
	if (rp == NULL || rp->status != OK || rp->body_case != YOKE__REPLY__BODY_IQC ||
	    rp->iqc->n_inspections != 1 || rp->iqc->inspections[0]->n_results != 1)
		return fail(l, "the inspection lot", rp);
	il = rp->iqc->inspections[0];
	n = il->sample_size;
	d = sim_sample_defectives(l->cfg, l->lots - 1, n, p);
	if (p > 0) {              /* the bad lot's plan and sample, for the report */
		l->r->iqc_sample = n;
		l->r->iqc_ac = il->ac;
		l->r->iqc_re = il->re;
		l->r->iqc_found = d;
	}
	client_reply_free(rp);

	res.characteristic = (char *)"";
	res.defectives = d;
	rec.number = (char *)number;
	rec.results = results;
	rec.n_results = 1;
	rq = (Yoke__Request)YOKE__REQUEST__INIT;
	rq.body_case = YOKE__REQUEST__BODY_IQC_RECORD;
	rq.iqc_record = &rec;
	rp = harness_call(l->qa, &rq, HARNESS_TRIES);
	if (rp == NULL || rp->status != OK || rp->body_case != YOKE__REPLY__BODY_IQC ||
	    rp->iqc->n_inspections != 1)
		return fail(l, "recording the incoming inspection", rp);
	*accepted = rp->iqc->inspections[0]->accept;
	client_reply_free(rp);
	l->r->iqc_lots++;

	s.badge = (char *)"200";
	s.pin = (char *)HARNESS_PIN;
	dec.number = (char *)number;
	dec.accept = *accepted;
	dec.signature = &s;
	rq = (Yoke__Request)YOKE__REQUEST__INIT;
	rq.body_case = YOKE__REQUEST__BODY_IQC_DECIDE;
	rq.iqc_decide = &dec;
	return ok(l, "the incoming inspection's decision", harness_call(l->qa, &rq, HARNESS_TRIES));
}

/* A lot received at the dock and inspected: its internal label
 * (IC-555/L-000001), from the reply. p: its parts' defect rate. */
static bool
received(struct line *l, const char *lot, const char *expiry, double p, bool *accepted,
    char *label, size_t size)
{
	unsigned qty = l->cfg->lot_size > l->cfg->units ? l->cfg->lot_size : l->cfg->units;
	Yoke__Reply *rp = receive(l->dock, lot, expiry, qty);
	char number[32];
	if (rp == NULL || rp->status != OK || rp->body_case != YOKE__REPLY__BODY_LOTS ||
	    rp->lots->n_lots == 0 || rp->lots->lots[0]->inspection[0] == '\0')
		return fail(l, "receiving", rp);
	snprintf(label, size, "IC-555/%s", rp->lots->lots[0]->id);
	snprintf(number, sizeof number, "%s", rp->lots->lots[0]->inspection);
	client_reply_free(rp);
	l->lots++;
	return inspect_lot(l, number, p, accepted);
}

/* The three lots of IC-555: a good one, one past its expiry date, and the
 * bad supplier lot; a bad lot the dock rejects is replaced by a good one. */
static bool
receiving(struct line *l)
{
	bool good, old, bad;
	if (!received(l, "ACM-GOOD", "2030-12-31", 0, &good, l->good_lot, sizeof l->good_lot) ||
	    !received(l, "ACM-OLD", "2021-06-30", 0, &old, l->old_lot, sizeof l->old_lot) ||
	    !received(l, "ACM-BAD", "2030-12-31", l->cfg->bad_lot_defect_rate, &bad, l->bad_lot,
	    sizeof l->bad_lot))
		return false;
	if (!good || !old)
		return fail(l, "a good lot was rejected at the dock", NULL);
	l->r->bad_lot_rejected = !bad;
	if (bad)
		return true;
	return received(l, "ACM-AGAIN", "2030-12-31", 0, &good, l->bad_lot, sizeof l->bad_lot) &&
	    (good || fail(l, "the replacement lot was rejected", NULL));
}

static bool
badge(struct line *l, struct client **c, const char *station, const char *who)
{
	char term[48];
	snprintf(term, sizeof term, "%s@sim", station);
	*c = harness_client(l->y, term);
	return *c && ok(l, "badge-in", harness_badge_in(*c, station, who));
}

/* The ledger's cost of quality of today (CoqQuery). */
static bool
ledger(struct line *l)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CoqQuery q = YOKE__COQ_QUERY__INIT;
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	Yoke__Reply *rp;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	q.from = today;
	q.to = today;
	rq.body_case = YOKE__REQUEST__BODY_COQ;
	rq.coq = &q;
	rp = harness_call(l->qa, &rq, HARNESS_TRIES);
	if (rp == NULL || rp->status != OK || rp->body_case != YOKE__REPLY__BODY_COQ)
		return fail(l, "the ledger", rp);
	l->r->ledger = true;
	l->r->ledger_cost[0] = rp->coq->total->prevention;
	l->r->ledger_cost[1] = rp->coq->total->appraisal;
	l->r->ledger_cost[2] = rp->coq->total->internal_failure;
	l->r->ledger_cost[3] = rp->coq->total->external_failure;
	l->r->ledger_total = l->r->ledger_cost[0] + l->r->ledger_cost[1] + l->r->ledger_cost[2] +
	    l->r->ledger_cost[3];
	client_reply_free(rp);
	return true;
}

static bool
setup(struct line *l)
{
	struct client *eng;
	if ((l->y = harness_start_loaded(l->cfg->plant, &l->p)) == NULL)
		return fail(l, "starting yoked with the plant", NULL);
	if ((eng = harness_engineer(l->y, l->p, "sim")) == NULL)
		return fail(l, "the engineer", NULL);
	bool done = ok(l, "release", harness_release(eng, WORK_ORDER, "SIM-1", l->cfg->units,
	    "2030-12-31", 0, NULL));
	client_free(eng);
	l->qa = harness_client(l->y, "harness-sim-qa");   /* a desk: signs in, not a station */
	return done && badge(l, &l->assy, "ASSY-1", "100") && badge(l, &l->test, "TEST-1", "101") &&
	    badge(l, &l->final, "FINAL-1", "102") && badge(l, &l->repair, "REPAIR-1", "103") &&
	    badge(l, &l->dock, "DOCK-1", "110") &&
	    (harness_sign_in(l->qa, "200") || fail(l, "the inspector's sign-in at a desk", NULL)) &&
	    receiving(l);
}

static void
teardown(struct line *l)
{
	client_free(l->assy);
	client_free(l->test);
	client_free(l->final);
	client_free(l->repair);
	client_free(l->qa);
	client_free(l->dock);
	if (l->y)
		harness_yoked_stop(l->y);
	harness_yoked_free(l->y);
	harness_plant_free(l->p);
}

bool
sim_drive(const struct sim_config *c, struct sim_result *r, char *err, size_t errsz)
{
	struct line l = { .cfg = c, .r = r, .err = err, .errsz = errsz };
	bool done;

	memset(r, 0, sizeof *r);
	err[0] = '\0';
	done = setup(&l);
	for (l.k = 0; done && l.k < c->units; l.k++) {
		struct sim_draws d;
		char serial[32];
		bool failed, scrapped, latent;
		sim_draw(c, l.k, &d);
		snprintf(serial, sizeof serial, WORK_ORDER "-%04u", l.k + 1);
		r->units++;
		done = assembly(&l, serial, &d, false, &failed) &&
		    (!failed || assembly(&l, serial, &d, true, &failed)) &&
		    functional_test(&l, serial, &d, &scrapped, &latent);
		if (!done || scrapped)
			continue;
		done = final_inspection(&l, serial, &d, latent, &scrapped);
		if (!done || scrapped)
			continue;
		if (!d.final_finds && ((d.bad_part && !r->bad_lot_rejected) || latent))
			done = claim(&l, serial);
		if (done)
			r->good++;
	}
	done = done && ledger(&l) && sim_cost(c, r, err, errsz);
	teardown(&l);
	return done;
}
