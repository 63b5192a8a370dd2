/*
 * it_quality.c — the quality loop against a real yoked: a failure opens an
 * NCR and holds the unit; nobody works a held unit; a hold needs a reason,
 * a quality role and a signature, and each hold is released on its own;
 * containment of a lot is one request; dispositions are signed (use as is
 * by an MRB of two, one of them quality, not the originator); rework goes
 * to the rework operation and back, within the routing's limit; a repair
 * never reuses a serial; a disposition replayed after SIGKILL is applied
 * once. Plant: tests/data/plant-quality.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-quality"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *assy;     /* ASSY-1, badge 100 */
	struct client *test;     /* TEST-1, badge 101 */
	struct client *qa;       /* a desk, inspector 200 signed in */
};

static bool
setup(struct fixture *f, uint32_t units)
{
	Yoke__Reply *rp;
	struct client *eng;
	bool ok;
	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL)
		return false;
	if ((eng = harness_engineer(f->y, f->p, "qa")) == NULL)
		return false;
	rp = harness_release(eng, "WO1", "GADGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	client_free(eng);
	f->assy = harness_client(f->y, "ASSY-1@it");
	f->test = harness_client(f->y, "TEST-1@it");
	f->qa = harness_client(f->y, "harness-qa");
	rp = harness_badge_in(f->assy, "ASSY-1", "100");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	rp = harness_badge_in(f->test, "TEST-1", "101");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok && harness_sign_in(f->qa, "200");
}

static void
teardown(struct fixture *f)
{
	client_free(f->assy);
	client_free(f->test);
	client_free(f->qa);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

static Yoke__Reply *
fail_check(struct client *c, const char *serial, uint32_t step, const char *defect)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
	s.pass = false;
	if (defect) {
		d.code = (char *)defect;
		d.location = (char *)"J1";
		s.defect = &d;
	}
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* Works op 10 up to its check and fails it with SEATING: the unit's NCR. */
static char *
fail_at_assembly(struct fixture *f, const char *serial, const char *board)
{
	Yoke__Reply *rp;
	char *ncr = NULL;
	if (status_of(harness_open_unit(f->assy, serial)) != OK ||
	    status_of(harness_step_scan(f->assy, serial, 0, board)) != OK ||
	    status_of(harness_step_scan(f->assy, serial, 1, "IC-555/L1")) != OK)
		return NULL;
	rp = fail_check(f->assy, serial, 2, "SEATING");
	if (rp && rp->status == YOKE__STATUS__STATUS_CHECK_FAILED && rp->body_case ==
	    YOKE__REPLY__BODY_UNIT && rp->unit->n_ncrs == 1)
		ncr = xstrdup(rp->unit->ncrs[0]);
	else
		fprintf(stderr, "    fail: %s\n", rp ? rp->message : "no answer");
	client_reply_free(rp);
	return ncr;
}

static Yoke__Signature *
sig(Yoke__Signature *s, const char *badge)
{
	yoke__signature__init(s);
	s->badge = (char *)badge;
	s->pin = (char *)HARNESS_PIN;
	return s;
}

static Yoke__Reply *
disposition(struct client *c, const char *ncr, Yoke__DispositionKind kind, const char *b1,
    const char *b2, const char *remove, const char *fit)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s1, s2, *sigs[2] = { sig(&s1, b1), sig(&s2, b2 ? b2 : "") };
	d.number = (char *)ncr;
	d.kind = kind;
	d.signatures = sigs;
	d.n_signatures = b2 ? 2 : 1;
	d.remove = (char *)(remove ? remove : "");
	d.fit = (char *)(fit ? fit : "");
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
hold(struct client *c, Yoke__HoldScope scope, const char *target, const char *reason,
    const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldPlace h = YOKE__HOLD_PLACE__INIT;
	Yoke__Signature s;
	char *targets[1] = { (char *)target };
	h.scope = scope;
	h.targets = targets;
	h.n_targets = 1;
	h.reason = (char *)reason;
	h.signature = badge ? sig(&s, badge) : NULL;
	rq.body_case = YOKE__REQUEST__BODY_HOLD;
	rq.hold = &h;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
release(struct client *c, uint64_t id, const char *reason, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldRelease h = YOKE__HOLD_RELEASE__INIT;
	Yoke__Signature s;
	h.hold = id;
	h.reason = (char *)reason;
	h.signature = badge ? sig(&s, badge) : NULL;
	rq.body_case = YOKE__REQUEST__BODY_RELEASE_HOLD;
	rq.release_hold = &h;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Ncr *
ncr_show(struct client *c, const char *number, Yoke__Reply **keep)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrQuery q = YOKE__NCR_QUERY__INIT;
	q.number = (char *)number;
	rq.body_case = YOKE__REQUEST__BODY_NCRS;
	rq.ncrs = &q;
	*keep = harness_call(c, &rq, HARNESS_TRIES);
	if (*keep && (*keep)->status == OK && (*keep)->ncrs->n_ncrs == 1)
		return (*keep)->ncrs->ncrs[0];
	return NULL;
}

/* ---- tests ---- */

static void
test_failure_needs_defect_and_opens_ncr(void)
{
	struct fixture f;
	Yoke__Reply *rp, *keep;
	REQUIRE(setup(&f, 2));
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 1, "IC-555/L1")), OK);
	/* The plant defines codes: a failure without one records nothing. */
	CHECK_INT(status_of(fail_check(f.assy, "WO1-0001", 2, NULL)),
	    YOKE__STATUS__STATUS_DEFECT_REQUIRED);
	CHECK_INT(status_of(fail_check(f.assy, "WO1-0001", 2, "NOSUCH")),
	    YOKE__STATUS__STATUS_DEFECT_REQUIRED);
	rp = fail_check(f.assy, "WO1-0001", 2, "SEATING");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_CHECK_FAILED);
	CHECK(strstr(rp->message, "NCR-000001") != NULL);
	client_reply_free(rp);
	Yoke__Ncr *n = ncr_show(f.qa, "NCR-000001", &keep);
	REQUIRE(n != NULL);
	CHECK_INT(n->state, YOKE__NCR_STATE__NCR_OPEN);
	CHECK_STR(n->serial, "WO1-0001");
	CHECK_STR(n->defect, "SEATING");
	CHECK_STR(n->location, "J1");
	CHECK_STR(n->station, "ASSY-1");
	CHECK_STR(n->badge, "100");
	CHECK_INT(n->operation, 10);
	CHECK_INT(n->step, 3);
	CHECK_INT(n->n_components, 2);
	CHECK(n->hold != 0);
	client_reply_free(keep);
	/* Held: no step, no complete, no open anywhere. */
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0001", 2, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_complete(f.assy, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_HELD);
	/* Its NCR's hold is released by a disposition, not by hand. */
	CHECK_INT(status_of(release(f.qa, n ? 1 : 0, "looks fine", "200")),
	    YOKE__STATUS__STATUS_CONFLICT);
	rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->trace->n_ncrs, 1);
	CHECK_INT(rp->trace->n_holds, 1);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_NCR_OPENED), 1);
	client_reply_free(rp);
	teardown(&f);
}

static void
test_holds_as_a_set(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	uint64_t h1, h2;
	REQUIRE(setup(&f, 3));
	/* No reason, no signature, an operator's signature: refused. */
	CHECK_INT(status_of(hold(f.qa, YOKE__HOLD_SCOPE__HOLD_UNIT, "WO1-0001", "", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(hold(f.qa, YOKE__HOLD_SCOPE__HOLD_UNIT, "WO1-0001", "suspect", NULL)),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(hold(f.assy, YOKE__HOLD_SCOPE__HOLD_UNIT, "WO1-0001", "suspect", "100")),
	    YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	rp = hold(f.qa, YOKE__HOLD_SCOPE__HOLD_UNIT, "WO1-0001", "suspect board", "200");
	REQUIRE(rp && rp->status == OK);
	h1 = rp->hold->hold->id;
	CHECK_INT(rp->hold->units_in_work, 1);
	client_reply_free(rp);
	rp = hold(f.qa, YOKE__HOLD_SCOPE__HOLD_WORK_ORDER, "WO1", "paste expired", "300");
	REQUIRE(rp && rp->status == OK);
	h2 = rp->hold->hold->id;
	CHECK_INT(rp->hold->units_in_work, 3);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), YOKE__STATUS__STATUS_UNIT_HELD);
	/* A release needs a reason; each hold goes on its own. */
	CHECK_INT(status_of(release(f.qa, h2, "", "200")), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(release(f.qa, h2, "paste replaced", "201")), OK);
	CHECK_INT(status_of(release(f.qa, h2, "again", "201")), YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(release(f.qa, h1, "board checked", "200")), OK);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	/* A held station opens nothing new. */
	rp = hold(f.qa, YOKE__HOLD_SCOPE__HOLD_STATION, "ASSY-1", "fixture worn", "300");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0003")), YOKE__STATUS__STATUS_UNIT_HELD);
	teardown(&f);
}

static void
test_lot_containment(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 3));
	for (int i = 1; i <= 2; i++) {
		char serial[32], board[32];
		snprintf(serial, sizeof serial, "WO1-%04d", i);
		snprintf(board, sizeof board, "BOARD-1/B%d", i);
		CHECK_INT(status_of(harness_open_unit(f.assy, serial)), OK);
		CHECK_INT(status_of(harness_step_scan(f.assy, serial, 0, board)), OK);
		CHECK_INT(status_of(harness_step_scan(f.assy, serial, 1, "IC-555/BAD-LOT")), OK);
	}
	rp = hold(f.qa, YOKE__HOLD_SCOPE__HOLD_COMPONENT, "IC-555/BAD-LOT", "supplier alert", "200");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->hold->units_in_work, 2);
	CHECK_INT(rp->hold->hold->n_units, 2);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0001", 2, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	/* And the lot is not built into another unit. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0003")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0003", 0, "BOARD-1/B3")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0003", 1, "IC-555/BAD-LOT")),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	teardown(&f);
}

static void
test_mrb_signatures(void)
{
	struct fixture f;
	Yoke__Reply *rp, *keep;
	REQUIRE(setup(&f, 1));
	char *ncr = fail_at_assembly(&f, "WO1-0001", "BOARD-1/B1");
	REQUIRE(ncr != NULL);
	/* One signature is no board; a lead and an engineer are no quality;
	 * the originator (100, an operator) may not sign. */
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "200", NULL, NULL, NULL)), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "300", "900", NULL, NULL)), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "200", "100", NULL, NULL)), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "200", "200", NULL, NULL)), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "200", "300", NULL, NULL)), OK);
	Yoke__Ncr *n = ncr_show(f.qa, ncr, &keep);
	REQUIRE(n != NULL);
	CHECK_INT(n->state, YOKE__NCR_STATE__NCR_DISPOSITIONED);
	CHECK_INT(n->n_signatures, 2);
	client_reply_free(keep);
	/* The deviation stands; the unit goes on from the next step. */
	rp = harness_open_unit(f.assy, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->unit->current_step, 3);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_complete(f.assy, "WO1-0001")), OK);
	free(ncr);
	teardown(&f);
}

/* Rework at REPAIR, back to op 10 from its first step; the limit is 1. */
static void
test_rework_and_its_limit(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	struct client *rep = harness_client(f.y, "REPAIR-1@it");
	rp = harness_badge_in(rep, "REPAIR-1", "102");
	if (rp && rp->status != OK)
		fprintf(stderr, "    badge in at REPAIR-1: %s\n", rp->message);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	char *ncr = fail_at_assembly(&f, "WO1-0001", "BOARD-1/B1");
	REQUIRE(ncr != NULL);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK, "100",
	    NULL, NULL, NULL)), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK, "200",
	    NULL, NULL, NULL)), OK);
	/* At the repair bench: instruct, re-inspection by another inspector. */
	rp = harness_open_unit(rep, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK(rp->unit->rework);
	CHECK_INT(rp->unit->operation, 900);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_confirm(rep, "WO1-0001", 0)), OK);
	CHECK_INT(status_of(harness_step_inspection(rep, "WO1-0001", 1, true, "201", "ok")), OK);
	CHECK_INT(status_of(harness_complete(rep, "WO1-0001")), OK);
	/* The NCR stays open until op 10 is passed again. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrClose cl = YOKE__NCR_CLOSE__INIT;
	Yoke__Signature s;
	cl.number = ncr;
	cl.signature = sig(&s, "200");
	rq.body_case = YOKE__REQUEST__BODY_CLOSE_NCR;
	rq.close_ncr = &cl;
	CHECK_INT(status_of(harness_call(f.qa, &rq, HARNESS_TRIES)), YOKE__STATUS__STATUS_CONFLICT);
	/* Op 10 again from its first step: the board in the unit is scanned
	 * again (another unit's board would not be); a second failure: the
	 * limit (1) leaves scrap or MRB. */
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 1, "IC-555/L1")), OK);
	rp = fail_check(f.assy, "WO1-0001", 2, "SEATING");
	REQUIRE(rp && rp->status == YOKE__STATUS__STATUS_CHECK_FAILED);
	char *ncr2 = xstrdup(rp->unit->ncrs[1]);
	client_reply_free(rp);
	CHECK_INT(status_of(disposition(f.qa, ncr2, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK, "200",
	    NULL, NULL, NULL)), YOKE__STATUS__STATUS_REWORK_LIMIT);
	CHECK_INT(status_of(disposition(f.qa, ncr2, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP, "200",
	    NULL, NULL, NULL)), OK);
	rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->trace->unit->status, YOKE__UNIT_STATUS__UNIT_SCRAPPED);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_DISPOSITIONED), 2);
	CHECK_INT(rp->trace->n_ncrs, 2);
	client_reply_free(rp);
	/* The first NCR closes now: its unit is scrapped, which ends what the rework began. */
	CHECK_INT(status_of(harness_call(f.qa, &rq, HARNESS_TRIES)), OK);
	free(ncr);
	free(ncr2);
	client_free(rep);
	teardown(&f);
}

static void
test_repair_never_reuses_a_serial(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 2));
	/* WO1-0002 holds board B2. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 0, "BOARD-1/B2")), OK);
	char *ncr = fail_at_assembly(&f, "WO1-0001", "BOARD-1/B1");
	REQUIRE(ncr != NULL);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR, "200",
	    NULL, "BOARD-1/B2", "BOARD-1/B7")), YOKE__STATUS__STATUS_WRONG_PART);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR, "200",
	    NULL, "BOARD-1/B1", "BOARD-1/B2")), YOKE__STATUS__STATUS_SERIAL_ALREADY_USED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR, "200",
	    NULL, "BOARD-1/B1", "BOARD-1/B7")), OK);
	/* B1 came out: it never goes into another unit. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED), 1);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")),
	    YOKE__STATUS__STATUS_SERIAL_ALREADY_USED);
	free(ncr);
	teardown(&f);
}

static void
test_disposition_replayed_after_kill(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	char *ncr = fail_at_assembly(&f, "WO1-0001", "BOARD-1/B1");
	REQUIRE(ncr != NULL);
	/* A raw terminal, so the test holds the request number; the
	 * inspector badges in at its station. */
	struct raw *r = harness_raw_new_as(f.y, "ASSY-2@raw");
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn bi = YOKE__BADGE_IN__INIT;
	size_t len;
	bi.station = (char *)"ASSY-2";
	bi.badge = (char *)"201";
	harness_envelope(&rq, harness_raw_terminal(r), 1, NULL);
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &bi;
	uint8_t *b = harness_pack(&rq, &len);
	rp = harness_raw_call(r, b, len, 8000);
	free(b);
	if (rp && rp->status != OK)
		fprintf(stderr, "    desk badge-in: %s\n", rp->message);
	REQUIRE(rp && rp->status == OK);
	char *session = xstrdup(rp->badge_in->session);
	client_reply_free(rp);
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s, *sigs[1] = { sig(&s, "201") };
	d.number = ncr;
	d.kind = YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP;
	d.signatures = sigs;
	d.n_signatures = 1;
	Yoke__Request dq = YOKE__REQUEST__INIT;
	harness_envelope(&dq, harness_raw_terminal(r), 2, session);
	dq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	dq.disposition = &d;
	b = harness_pack(&dq, &len);
	rp = harness_raw_call(r, b, len, 8000);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	harness_yoked_kill(f.y);
	REQUIRE(harness_yoked_restart(f.y));
	harness_raw_free(r);
	r = harness_raw_new_as(f.y, "ASSY-2@raw");
	rp = harness_raw_call(r, b, len, 8000);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);       /* the stored answer, not "already dispositioned" */
	client_reply_free(rp);
	free(b);
	rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_DISPOSITIONED), 1);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_SCRAPPED), 1);
	client_reply_free(rp);
	harness_raw_free(r);
	free(session);
	free(ncr);
	teardown(&f);
}

/* What waits for the inspector: the unit at its rework re-inspection, the
 * open NCR, a manual hold; oldest first. */
static void
test_worklist(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 3));
	char *ncr = fail_at_assembly(&f, "WO1-0001", "BOARD-1/B1");
	REQUIRE(ncr != NULL);
	rp = hold(f.qa, YOKE__HOLD_SCOPE__HOLD_UNIT, "WO1-0003", "dropped on the floor", "300");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	char *ncr2 = fail_at_assembly(&f, "WO1-0002", "BOARD-1/B2");
	REQUIRE(ncr2 != NULL);
	CHECK_INT(status_of(disposition(f.qa, ncr2, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK, "200",
	    NULL, NULL, NULL)), OK);
	struct client *rep = harness_client(f.y, "REPAIR-1@it");
	CHECK_INT(status_of(harness_badge_in(rep, "REPAIR-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(rep, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_confirm(rep, "WO1-0002", 0)), OK);

	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WorklistQuery q = YOKE__WORKLIST_QUERY__INIT;
	rq.body_case = YOKE__REQUEST__BODY_WORKLIST;
	rq.worklist = &q;
	rp = harness_call(f.qa, &rq, HARNESS_TRIES);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_WORKLIST);
	const Yoke__WorklistReply *wl = rp->worklist;
	CHECK_INT(wl->n_items, 4);
	int ncrs = 0, holds = 0, insp = 0, closes = 0;
	for (size_t i = 0; i < wl->n_items; i++) {
		const Yoke__WorkItem *it = wl->items[i];
		if (i > 0)
			CHECK(wl->items[i - 1]->since_us <= it->since_us);
		ncrs += it->kind == YOKE__WORK_KIND__WORK_NCR && strcmp(it->ref, ncr) == 0;
		holds += it->kind == YOKE__WORK_KIND__WORK_HOLD && strcmp(it->serial, "WO1-0003") == 0;
		insp += it->kind == YOKE__WORK_KIND__WORK_INSPECTION && strcmp(it->serial, "WO1-0002") == 0;
		closes += it->kind == YOKE__WORK_KIND__WORK_NCR_CLOSE && strcmp(it->ref, ncr2) == 0;
	}
	CHECK_INT(ncrs, 1);
	CHECK_INT(holds, 1);
	CHECK_INT(insp, 1);
	CHECK_INT(closes, 1);
	client_reply_free(rp);
	client_free(rep);
	free(ncr);
	free(ncr2);
	teardown(&f);
}

/* A station went quiet with a unit open and its session alive: a lead
 * moves the unit off it, signed; another station resumes it at its step. */
static void
test_lead_moves_a_unit(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	struct client *other = harness_client(f.y, "ASSY-2@it");
	struct client *lead = harness_client(f.y, "harness-lead");
	REQUIRE(harness_sign_in(lead, "300"));
	CHECK_INT(status_of(harness_badge_in(other, "ASSY-2", "103")), OK);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")), OK);
	CHECK_INT(status_of(harness_open_unit(other, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_BUSY);

	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__MoveUnit m = YOKE__MOVE_UNIT__INIT;
	Yoke__Signature s;
	m.serial = (char *)"WO1-0001";
	m.reason = (char *)"ASSY-1 terminal dead";
	m.signature = sig(&s, "200");           /* an inspector may not */
	rq.body_case = YOKE__REQUEST__BODY_MOVE_UNIT;
	rq.move_unit = &m;
	CHECK_INT(status_of(harness_call(lead, &rq, HARNESS_TRIES)),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	m.signature = sig(&s, "300");
	CHECK_INT(status_of(harness_call(lead, &rq, HARNESS_TRIES)), OK);
	rp = harness_open_unit(other, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->unit->current_step, 1);
	client_reply_free(rp);
	rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_UNIT_MOVED), 1);
	client_reply_free(rp);
	client_free(other);
	client_free(lead);
	teardown(&f);
}

int
main(void)
{
	RUN(test_failure_needs_defect_and_opens_ncr);
	RUN(test_holds_as_a_set);
	RUN(test_lot_containment);
	RUN(test_mrb_signatures);
	RUN(test_rework_and_its_limit);
	RUN(test_repair_never_reuses_a_serial);
	RUN(test_disposition_replayed_after_kill);
	RUN(test_worklist);
	RUN(test_lead_moves_a_unit);
	return check_done();
}
