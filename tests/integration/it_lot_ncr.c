/*
 * it_lot_ncr.c — NCRs on a component lot against a real yoked: raising
 * one holds every unit built with the lot and refuses new scans of it, in
 * one request; a lot takes a lot's dispositions only (and a unit a
 * unit's); use as is on a lot needs the MRB; return to supplier keeps the
 * lot refused after the NCR closes, sort releases it; a raise replayed
 * after SIGKILL is applied once. Plant: tests/data/plant-quality (IC-555
 * is lot-tracked, BOARD-1 serial-tracked).
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
	if ((eng = harness_engineer(f->y, f->p, "lot")) == NULL)
		return false;
	rp = harness_release(eng, "WO1", "GADGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	client_free(eng);
	f->assy = harness_client(f->y, "ASSY-1@it");
	f->qa = harness_client(f->y, "harness-qa");
	rp = harness_badge_in(f->assy, "ASSY-1", "100");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok && harness_sign_in(f->qa, "200");
}

static void
teardown(struct fixture *f)
{
	client_free(f->assy);
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

/* The status, and whether the refusal's message names `word`. */
static int
refused_naming(Yoke__Reply *rp, const char *word)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && strstr(rp->message, word) == NULL) {
		fprintf(stderr, "    \"%s\" does not name %s\n", rp->message, word);
		st = -2;
	}
	return status_of(rp) == -1 ? -1 : st;
}

static Yoke__Signature *
sig(Yoke__Signature *s, const char *badge)
{
	yoke__signature__init(s);
	s->badge = (char *)badge;
	s->pin = (char *)HARNESS_PIN;
	return s;
}

/* Builds units 1..n at op 10 up to the check, each with IC-555/<lot>. */
static bool
build_with(struct fixture *f, int from, int to, const char *lot)
{
	bool ok = true;
	for (int i = from; i <= to; i++) {
		char serial[32], board[32], ic[64];
		snprintf(serial, sizeof serial, "WO1-%04d", i);
		snprintf(board, sizeof board, "BOARD-1/B%d", i);
		snprintf(ic, sizeof ic, "IC-555/%s", lot);
		ok &= status_of(harness_open_unit(f->assy, serial)) == OK;
		ok &= status_of(harness_step_scan(f->assy, serial, 0, board)) == OK;
		ok &= status_of(harness_step_scan(f->assy, serial, 1, ic)) == OK;
	}
	return ok;
}

static void
raise_request(Yoke__Request *rq, Yoke__NcrRaise *nr, Yoke__Defect *d, Yoke__Signature *s,
    const char *serial, const char *part, const char *lot, const char *defect, const char *badge)
{
	yoke__ncr_raise__init(nr);
	yoke__defect__init(d);
	d->code = (char *)(defect ? defect : "");
	nr->serial = (char *)(serial ? serial : "");
	nr->part = (char *)(part ? part : "");
	nr->lot = (char *)(lot ? lot : "");
	nr->defect = d;
	nr->signature = sig(s, badge);
	rq->body_case = YOKE__REQUEST__BODY_RAISE_NCR;
	rq->raise_ncr = nr;
}

static Yoke__Reply *
raise(struct client *c, const char *serial, const char *part, const char *lot, const char *defect,
    const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrRaise nr;
	Yoke__Defect d;
	Yoke__Signature s;
	raise_request(&rq, &nr, &d, &s, serial, part, lot, defect, badge);
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* Raises an NCR on IC-555/<lot> signed by 200: its number (malloc'd), or NULL. */
static char *
raise_lot(struct fixture *f, const char *lot, Yoke__HoldReply *counts)
{
	Yoke__Reply *rp = raise(f->qa, NULL, "IC-555", lot, "VOLTAGE", "200");
	char *number = NULL;
	if (rp && rp->status == OK && rp->ncrs->n_ncrs == 1 && rp->ncrs->containment) {
		number = xstrdup(rp->ncrs->ncrs[0]->number);
		if (counts) {
			counts->units_in_work = rp->ncrs->containment->units_in_work;
			counts->units_done = rp->ncrs->containment->units_done;
			counts->units_scrapped = rp->ncrs->containment->units_scrapped;
		}
	} else {
		fprintf(stderr, "    raise on lot %s: %s\n", lot, rp ? rp->message : "no answer");
	}
	client_reply_free(rp);
	return number;
}

static Yoke__Reply *
disposition(struct client *c, const char *ncr, Yoke__DispositionKind kind, const char *b1,
    const char *b2)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s1, s2, *sigs[2] = { sig(&s1, b1), sig(&s2, b2 ? b2 : "") };
	d.number = (char *)ncr;
	d.kind = kind;
	d.signatures = sigs;
	d.n_signatures = b2 ? 2 : 1;
	d.note = (char *)"lot decision";
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
close_ncr(struct client *c, const char *ncr, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrClose nc = YOKE__NCR_CLOSE__INIT;
	Yoke__Signature s;
	nc.number = (char *)ncr;
	nc.signature = sig(&s, badge);
	rq.body_case = YOKE__REQUEST__BODY_CLOSE_NCR;
	rq.close_ncr = &nc;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
ncrs_on(struct client *c, const char *number, const char *lot)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrQuery q = YOKE__NCR_QUERY__INIT;
	q.number = (char *)(number ? number : "");
	q.lot = (char *)(lot ? lot : "");
	rq.body_case = YOKE__REQUEST__BODY_NCRS;
	rq.ncrs = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* How many NCRs the lot filter finds (-1 on a refusal). */
static int
count_on_lot(struct client *c, const char *lot)
{
	Yoke__Reply *rp = ncrs_on(c, NULL, lot);
	int n = rp && rp->status == OK ? (int)rp->ncrs->n_ncrs : -1;
	client_reply_free(rp);
	return n;
}

/* ---- tests ---- */

static void
test_lot_ncr_holds_and_refuses_scans(void)
{
	struct fixture f;
	Yoke__HoldReply counts = YOKE__HOLD_REPLY__INIT;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 4));
	REQUIRE(build_with(&f, 1, 2, "BAD-LOT"));
	REQUIRE(build_with(&f, 3, 3, "GOOD-LOT"));
	/* What is not a lot NCR is refused, each with its reason. */
	CHECK_INT(status_of(raise(f.qa, "WO1-0001", "IC-555", "BAD-LOT", "VOLTAGE", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(raise(f.qa, NULL, NULL, NULL, "VOLTAGE", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(raise(f.qa, NULL, "IC-555", "", "VOLTAGE", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(raise(f.qa, NULL, "BOARD-1", "B1", "VOLTAGE", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(raise(f.qa, NULL, "NO-SUCH", "L1", "VOLTAGE", "200")),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(raise(f.qa, NULL, "IC-555", "BAD-LOT", NULL, "200")),
	    YOKE__STATUS__STATUS_DEFECT_REQUIRED);
	/* An inspector or a lead raises it: an engineer's signature is refused. */
	CHECK_INT(refused_naming(raise(f.qa, NULL, "IC-555", "BAD-LOT", "VOLTAGE", "900"),
	    "engineer"), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(count_on_lot(f.qa, "IC-555/BAD-LOT"), 0);

	char *ncr = raise_lot(&f, "BAD-LOT", &counts);
	REQUIRE(ncr != NULL);
	CHECK_INT(counts.units_in_work, 2);
	CHECK_INT(counts.units_done, 0);
	Yoke__Reply *keep = ncrs_on(f.qa, ncr, NULL);
	REQUIRE(keep && keep->status == OK && keep->ncrs->n_ncrs == 1);
	const Yoke__Ncr *n = keep->ncrs->ncrs[0];
	CHECK_STR(n->serial, "");
	CHECK_STR(n->lot_part, "IC-555");
	CHECK_STR(n->lot, "BAD-LOT");
	CHECK_STR(n->defect, "VOLTAGE");
	CHECK_STR(n->badge, "200");
	CHECK_INT(n->state, YOKE__NCR_STATE__NCR_OPEN);
	CHECK(n->hold != 0);
	client_reply_free(keep);
	/* The units built with it are held, the other is not. */
	CHECK_INT(refused_naming(harness_step_pass(f.assy, "WO1-0001", 2, true), ncr),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(refused_naming(harness_step_pass(f.assy, "WO1-0002", 2, true), ncr),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0003", 2, true)), OK);
	/* A new scan of the lot is refused at the step with the hold's reason. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0004")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0004", 0, "BOARD-1/B4")), OK);
	CHECK_INT(refused_naming(harness_step_scan(f.assy, "WO1-0004", 1, "IC-555/BAD-LOT"), ncr),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0004", 1, "IC-555/GOOD-LOT")), OK);
	/* One NCR's hold on a lot at a time; the lot filter finds it. */
	CHECK_INT(refused_naming(raise(f.qa, NULL, "IC-555", "BAD-LOT", "VOLTAGE", "201"), ncr),
	    YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(count_on_lot(f.qa, "IC-555/BAD-LOT"), 1);
	/* Its hold is not released by hand: the NCR's close releases it. */
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__HoldRelease hr = YOKE__HOLD_RELEASE__INIT;
		Yoke__Signature s;
		hr.hold = 1;
		hr.reason = (char *)"looks fine";
		hr.signature = sig(&s, "201");
		rq.body_case = YOKE__REQUEST__BODY_RELEASE_HOLD;
		rq.release_hold = &hr;
		CHECK_INT(refused_naming(harness_call(f.qa, &rq, HARNESS_TRIES), "closing the NCR"),
		    YOKE__STATUS__STATUS_CONFLICT);
	}
	CHECK_INT(count_on_lot(f.qa, "IC-555/GOOD-LOT"), 0);
	/* A unit's trace shows the lot's hold. */
	rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->trace->n_holds, 1);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_HELD), 1);
	client_reply_free(rp);
	/* A lot never used is held too, covering nothing yet. */
	char *fresh = raise_lot(&f, "FRESH-LOT", &counts);
	REQUIRE(fresh != NULL);
	CHECK_INT(counts.units_in_work + counts.units_done + counts.units_scrapped, 0);
	free(fresh);
	free(ncr);
	teardown(&f);
}

static void
test_wrong_disposition_kind_per_subject(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 2));
	REQUIRE(build_with(&f, 1, 1, "L7"));
	char *lot = raise_lot(&f, "L7", NULL);
	REQUIRE(lot != NULL);
	CHECK_INT(refused_naming(disposition(f.qa, lot, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK,
	    "201", NULL), "IC-555/L7"), YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(disposition(f.qa, lot, YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR, "201",
	    NULL)), YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(disposition(f.qa, lot, (Yoke__DispositionKind)7, "201", NULL)),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	/* Closing waits for a disposition. */
	CHECK_INT(status_of(close_ncr(f.qa, lot, "201")), YOKE__STATUS__STATUS_CONFLICT);
	/* A unit NCR takes no lot disposition. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 0, "BOARD-1/B2")), OK);
	Yoke__Reply *rp = raise(f.qa, "WO1-0002", NULL, NULL, "SEATING", "200");
	REQUIRE(rp && rp->status == OK);
	char *unit = xstrdup(rp->ncrs->ncrs[0]->number);
	client_reply_free(rp);
	CHECK_INT(refused_naming(disposition(f.qa, unit,
	    YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER, "201", NULL), "WO1-0002"),
	    YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(disposition(f.qa, unit, YOKE__DISPOSITION_KIND__DISPOSITION_SORT, "201",
	    NULL)), YOKE__STATUS__STATUS_CONFLICT);
	/* Nothing above changed either NCR. */
	Yoke__Reply *keep = ncrs_on(f.qa, lot, NULL);
	REQUIRE(keep && keep->status == OK);
	CHECK_INT(keep->ncrs->ncrs[0]->state, YOKE__NCR_STATE__NCR_OPEN);
	client_reply_free(keep);
	free(unit);
	free(lot);
	teardown(&f);
}

static void
test_lot_use_as_is_needs_the_mrb(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 2));
	REQUIRE(build_with(&f, 1, 1, "L8"));
	char *ncr = raise_lot(&f, "L8", NULL);
	REQUIRE(ncr != NULL);
	/* One signature, the originator (200), no inspector: refused. */
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "201", NULL)), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "200", "201")), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "300", "900")), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0001", 2, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
	    "201", "300")), OK);
	/* The hold goes at the disposition: the unit goes on, the lot is scanned again. */
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0001", 2, true)), OK);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 0, "BOARD-1/B2")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 1, "IC-555/L8")), OK);
	/* The deviation is in the unit's history, with the NCR. */
	Yoke__Reply *rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	bool seen = false;
	for (size_t i = 0; i < rp->trace->n_events; i++) {
		const Yoke__Event *e = rp->trace->events[i];
		if (e->kind == YOKE__EVENT_KIND__EVENT_HOLD_RELEASED && strcmp(e->ncr, ncr) == 0 &&
		    strstr(e->text, "MRB") != NULL)
			seen = true;
	}
	CHECK(seen);
	client_reply_free(rp);
	CHECK_INT(status_of(close_ncr(f.qa, ncr, "201")), OK);
	free(ncr);
	teardown(&f);
}

static void
test_return_to_supplier_refuses_the_lot_for_ever(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 3));
	REQUIRE(build_with(&f, 1, 1, "L9"));
	char *ncr = raise_lot(&f, "L9", NULL);
	REQUIRE(ncr != NULL);
	CHECK_INT(status_of(disposition(f.qa, ncr,
	    YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER, "201", NULL)), OK);
	/* Dispositioned: the lot and its units stay held until the close. */
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0001", 2, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 0, "BOARD-1/B2")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 1, "IC-555/L9")),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	/* An operator closes nothing. */
	CHECK_INT(status_of(close_ncr(f.qa, ncr, "100")), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(close_ncr(f.qa, ncr, "201")), OK);
	/* Closed: the unit built with it goes on; the lot is never scanned again. */
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0001", 2, true)), OK);
	CHECK_INT(refused_naming(harness_step_scan(f.assy, "WO1-0002", 1, "IC-555/L9"), ncr),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(refused_naming(raise(f.qa, NULL, "IC-555", "L9", "VOLTAGE", "200"), ncr),
	    YOKE__STATUS__STATUS_CONFLICT);
	/* Still so after a restart (it is in the store, not in memory). */
	CHECK_INT(harness_yoked_stop(f.y), 0);
	REQUIRE(harness_yoked_restart(f.y));
	struct client *assy = harness_client(f.y, "ASSY-1@again");
	Yoke__Reply *rp = harness_badge_in(assy, "ASSY-1", "103");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_open_unit(assy, "WO1-0003")), OK);
	CHECK_INT(status_of(harness_step_scan(assy, "WO1-0003", 0, "BOARD-1/B3")), OK);
	CHECK_INT(status_of(harness_step_scan(assy, "WO1-0003", 1, "IC-555/L9")),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	client_free(assy);
	/* Scrap does the same. */
	client_free(f.qa);
	f.qa = harness_client(f.y, "harness-qa");
	REQUIRE(harness_sign_in(f.qa, "200"));
	char *scrap = raise_lot(&f, "L10", NULL);
	REQUIRE(scrap != NULL);
	CHECK_INT(status_of(disposition(f.qa, scrap, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP, "201",
	    NULL)), OK);
	CHECK_INT(status_of(close_ncr(f.qa, scrap, "201")), OK);
	CHECK_INT(status_of(raise(f.qa, NULL, "IC-555", "L10", "VOLTAGE", "200")),
	    YOKE__STATUS__STATUS_CONFLICT);
	free(scrap);
	free(ncr);
	teardown(&f);
}

static void
test_sort_releases_the_lot(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 3));
	REQUIRE(build_with(&f, 1, 2, "L11"));
	char *ncr = raise_lot(&f, "L11", NULL);
	REQUIRE(ncr != NULL);
	CHECK_INT(status_of(disposition(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_SORT, "201",
	    NULL)), OK);
	/* The sort finds unit 1 bad: it gets its own NCR. */
	Yoke__Reply *rp = raise(f.qa, "WO1-0001", NULL, NULL, "VOLTAGE", "200");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0002", 2, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(close_ncr(f.qa, ncr, "201")), OK);
	/* The good unit goes on, the bad one stays held by its own NCR, the
	 * lot is scanned again. */
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0002", 2, true)), OK);
	CHECK_INT(status_of(harness_step_pass(f.assy, "WO1-0001", 2, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0003")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0003", 0, "BOARD-1/B3")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0003", 1, "IC-555/L11")), OK);
	/* And a new NCR may be raised on it later. */
	char *again = raise_lot(&f, "L11", NULL);
	CHECK(again != NULL);
	free(again);
	free(ncr);
	teardown(&f);
}

static void
test_one_ncr_per_lot_behind_a_manual_hold(void)
{
	struct fixture f;
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldPlace hp = YOKE__HOLD_PLACE__INIT;
	Yoke__Signature s;
	char *targets[1] = { (char *)"IC-555/L20" };
	REQUIRE(setup(&f, 1));
	/* A lead's hold on the lot first: the NCR's hold is found behind it. */
	hp.scope = YOKE__HOLD_SCOPE__HOLD_COMPONENT;
	hp.targets = targets;
	hp.n_targets = 1;
	hp.reason = (char *)"supplier alert";
	hp.signature = sig(&s, "300");
	rq.body_case = YOKE__REQUEST__BODY_HOLD;
	rq.hold = &hp;
	CHECK_INT(status_of(harness_call(f.qa, &rq, HARNESS_TRIES)), OK);
	char *ncr = raise_lot(&f, "L20", NULL);
	REQUIRE(ncr != NULL);
	CHECK_INT(refused_naming(raise(f.qa, NULL, "IC-555", "L20", "VOLTAGE", "201"), ncr),
	    YOKE__STATUS__STATUS_CONFLICT);
	free(ncr);
	teardown(&f);
}

static void
test_raise_replayed_after_kill(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 2));
	REQUIRE(build_with(&f, 1, 2, "L12"));
	/* A raw terminal, so the test holds the request number. */
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
	REQUIRE(rp && rp->status == OK);
	char *session = xstrdup(rp->badge_in->session);
	client_reply_free(rp);
	Yoke__Request nq = YOKE__REQUEST__INIT;
	Yoke__NcrRaise nr;
	Yoke__Defect d;
	Yoke__Signature s;
	harness_envelope(&nq, harness_raw_terminal(r), 2, session);
	raise_request(&nq, &nr, &d, &s, NULL, "IC-555", "L12", "VOLTAGE", "201");
	b = harness_pack(&nq, &len);
	rp = harness_raw_call(r, b, len, 8000);
	REQUIRE(rp && rp->status == OK && rp->ncrs->n_ncrs == 1);
	char *first = xstrdup(rp->ncrs->ncrs[0]->number);
	client_reply_free(rp);
	/* The same request again (a retry): the stored answer. */
	rp = harness_raw_call(r, b, len, 8000);
	REQUIRE(rp && rp->status == OK && rp->ncrs->n_ncrs == 1);
	CHECK_STR(rp->ncrs->ncrs[0]->number, first);
	client_reply_free(rp);
	/* And after a crash. */
	harness_yoked_kill(f.y);
	REQUIRE(harness_yoked_restart(f.y));
	harness_raw_free(r);
	r = harness_raw_new_as(f.y, "ASSY-2@raw");
	rp = harness_raw_call(r, b, len, 8000);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);       /* not "already held by" */
	if (rp->status == OK && rp->ncrs->n_ncrs == 1)
		CHECK_STR(rp->ncrs->ncrs[0]->number, first);
	client_reply_free(rp);
	free(b);
	client_free(f.qa);
	f.qa = harness_client(f.y, "harness-qa");
	REQUIRE(harness_sign_in(f.qa, "200"));
	CHECK_INT(count_on_lot(f.qa, "IC-555/L12"), 1);
	/* Each unit was held once. */
	rp = harness_trace(f.qa, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_HELD), 1);
	client_reply_free(rp);
	harness_raw_free(r);
	free(first);
	free(session);
	teardown(&f);
}

int
main(void)
{
	RUN(test_lot_ncr_holds_and_refuses_scans);
	RUN(test_wrong_disposition_kind_per_subject);
	RUN(test_lot_use_as_is_needs_the_mrb);
	RUN(test_return_to_supplier_refuses_the_lot_for_ever);
	RUN(test_sort_releases_the_lot);
	RUN(test_one_ncr_per_lot_behind_a_manual_hold);
	RUN(test_raise_replayed_after_kill);
	return check_done();
}
