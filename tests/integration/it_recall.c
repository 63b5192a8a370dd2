/*
 * it_recall.c — recall, supplier scorecard and SCAR against a real yoked
 * (server/supplier/recall.h, supplier.h, scar.h). Plant:
 * tests/data/plant-recall, where the lot-tracked IC-555 goes into the
 * serial sub-assembly MODULE, and MODULE into GADGET.
 *
 *   - a recall of an IC lot finds the modules built with it and the
 *     gadgets built with those modules, with the path and where each
 *     stands, by the supplier's lot and by yoke's lot id alike;
 *   - --hold places ONE hold on all of them in one request (a lot NCR's
 *     hold with the gadgets added): the counts, the gadget refused at its
 *     next step, the lot refused at a scan; asked again, nothing doubles;
 *     the NCR's disposition and close release every unit;
 *   - an unknown lot, a serial part, a lot of another part are refused;
 *   - the scorecard's known answers over lots whose records say how
 *     incoming inspection decided, when they arrived and when they were
 *     due (written into the store as incoming inspection and receiving
 *     leave them), a material NCR, a method NCR and a returned lot;
 *   - a SCAR from a lot NCR refuses to close until the next lots are
 *     accepted in a row (a quarantined lot starts the count again), then
 *     closes with its evidence.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "server/store/records.h"
#include "server/store/store.h"
#include "shared/arena.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-recall"
#define DAY_US ((int64_t)86400 * 1000000)

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *dock;     /* DOCK-1, badge 110 */
	struct client *sub;      /* SUB-1, badge 100 */
	struct client *assy;     /* ASSY-1, badge 101 */
	struct client *qa;       /* a desk, inspector 200 */
};

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

static bool
connect_all(struct fixture *f)
{
	bool ok = true;
	f->dock = harness_client(f->y, "DOCK-1@it");
	f->sub = harness_client(f->y, "SUB-1@it");
	f->assy = harness_client(f->y, "ASSY-1@it");
	f->qa = harness_client(f->y, "harness-qa");
	ok &= status_of(harness_badge_in(f->dock, "DOCK-1", "110")) == OK;
	ok &= status_of(harness_badge_in(f->sub, "SUB-1", "100")) == OK;
	ok &= status_of(harness_badge_in(f->assy, "ASSY-1", "101")) == OK;
	return ok && harness_sign_in(f->qa, "200");
}

static void
disconnect_all(struct fixture *f)
{
	client_free(f->dock);
	client_free(f->sub);
	client_free(f->assy);
	client_free(f->qa);
	f->dock = f->sub = f->assy = f->qa = NULL;
}

static bool
setup(struct fixture *f)
{
	struct client *eng;
	bool ok;
	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL)
		return false;
	if ((eng = harness_engineer(f->y, f->p, "recall")) == NULL)
		return false;
	ok = status_of(harness_release(eng, "WOM", "MODULE", 6, "2030-01-31", 0, NULL)) == OK;
	ok &= status_of(harness_release(eng, "WOG", "GADGET", 6, "2030-01-31", 0, NULL)) == OK;
	client_free(eng);
	return ok && connect_all(f);
}

static void
teardown(struct fixture *f)
{
	disconnect_all(f);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static Yoke__Signature *
sig(Yoke__Signature *s, const char *badge)
{
	yoke__signature__init(s);
	s->badge = (char *)badge;
	s->pin = (char *)HARNESS_PIN;
	return s;
}

/* Receives a lot at the dock: its id (malloc'd), or NULL. */
static char *
receive(struct fixture *f, const char *part, const char *supplier, const char *lot)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	r.part = (char *)part;
	r.supplier = (char *)supplier;
	r.supplier_lot = (char *)lot;
	r.qty = 100;
	r.purchase_order = (char *)"PO-1";
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	Yoke__Reply *rp = harness_call(f->dock, &rq, 3);
	char *id = rp && rp->status == OK && rp->lots->n_lots == 1 ? xstrdup(rp->lots->lots[0]->id) :
	    NULL;
	if (id == NULL)
		fprintf(stderr, "    receive %s/%s: %s\n", part, lot, rp ? rp->message : "no answer");
	client_reply_free(rp);
	return id;
}

/* Builds module WOM-000n with IC-555/<lot> and completes it. */
static bool
build_module(struct fixture *f, int n, const char *lot)
{
	char serial[32], ic[64];
	bool ok = true;
	snprintf(serial, sizeof serial, "WOM-%04d", n);
	snprintf(ic, sizeof ic, "IC-555/%s", lot);
	ok &= status_of(harness_open_unit(f->sub, serial)) == OK;
	ok &= status_of(harness_step_scan(f->sub, serial, 0, ic)) == OK;
	ok &= status_of(harness_step_pass(f->sub, serial, 1, true)) == OK;
	ok &= status_of(harness_complete(f->sub, serial)) == OK;
	return ok;
}

/* Gadget WOG-000n with module WOM-000m and CAP-10/<cap>; complete: op 10 done. */
static bool
build_gadget(struct fixture *f, int n, int m, const char *cap, bool complete)
{
	char serial[32], module[64], c[64];
	bool ok = true;
	snprintf(serial, sizeof serial, "WOG-%04d", n);
	snprintf(module, sizeof module, "MODULE/WOM-%04d", m);
	snprintf(c, sizeof c, "CAP-10/%s", cap);
	ok &= status_of(harness_open_unit(f->assy, serial)) == OK;
	ok &= status_of(harness_step_scan(f->assy, serial, 0, module)) == OK;
	ok &= status_of(harness_step_scan(f->assy, serial, 1, c)) == OK;
	if (complete) {
		ok &= status_of(harness_step_pass(f->assy, serial, 2, true)) == OK;
		ok &= status_of(harness_complete(f->assy, serial)) == OK;
	}
	return ok;
}

static Yoke__Reply *
recall(struct client *c, const char *part, const char *lot)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__RecallQuery q = YOKE__RECALL_QUERY__INIT;
	q.part = (char *)part;
	q.lot = (char *)lot;
	rq.body_case = YOKE__REQUEST__BODY_RECALL;
	rq.recall = &q;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
recall_hold(struct client *c, const char *part, const char *lot, const char *defect,
    const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__RecallHold h = YOKE__RECALL_HOLD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	Yoke__Signature s;
	d.code = (char *)defect;
	h.part = (char *)part;
	h.lot = (char *)lot;
	h.defect = &d;
	h.signature = sig(&s, badge);
	rq.body_case = YOKE__REQUEST__BODY_RECALL_HOLD;
	rq.recall_hold = &h;
	return harness_call(c, &rq, 3);
}

static const Yoke__RecallUnit *
unit_in(const Yoke__RecallReply *rr, const char *serial)
{
	for (size_t i = 0; i < rr->n_units; i++)
		if (strcmp(rr->units[i]->serial, serial) == 0)
			return rr->units[i];
	return NULL;
}

static Yoke__Reply *
raise_on(struct client *c, const char *serial, const char *part, const char *lot,
    const char *defect)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrRaise nr = YOKE__NCR_RAISE__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	Yoke__Signature s;
	d.code = (char *)defect;
	nr.serial = (char *)(serial ? serial : "");
	nr.part = (char *)(part ? part : "");
	nr.lot = (char *)(lot ? lot : "");
	nr.defect = &d;
	nr.signature = sig(&s, "200");
	rq.body_case = YOKE__REQUEST__BODY_RAISE_NCR;
	rq.raise_ncr = &nr;
	return harness_call(c, &rq, 3);
}

/* The number of the NCR the reply opened (malloc'd), or NULL. */
static char *
ncr_of(Yoke__Reply *rp)
{
	char *n = rp && rp->status == OK && rp->ncrs->n_ncrs == 1 ?
	    xstrdup(rp->ncrs->ncrs[0]->number) : NULL;
	if (n == NULL)
		fprintf(stderr, "    raise: %s\n", rp ? rp->message : "no answer");
	client_reply_free(rp);
	return n;
}

static Yoke__Reply *
decide(struct client *c, const char *ncr, Yoke__DispositionKind kind)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s, *sigs[1] = { sig(&s, "200") };
	d.number = (char *)ncr;
	d.kind = kind;
	d.signatures = sigs;
	d.n_signatures = 1;
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
close_ncr(struct client *c, const char *ncr)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrClose nc = YOKE__NCR_CLOSE__INIT;
	Yoke__Signature s;
	nc.number = (char *)ncr;
	nc.signature = sig(&s, "200");
	rq.body_case = YOKE__REQUEST__BODY_CLOSE_NCR;
	rq.close_ncr = &nc;
	return harness_call(c, &rq, 3);
}

/* Open holds in the plant. */
static int
open_holds(struct client *c, size_t *units_of_first)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldsQuery q = YOKE__HOLDS_QUERY__INIT;
	rq.body_case = YOKE__REQUEST__BODY_HOLDS;
	rq.holds = &q;
	Yoke__Reply *rp = harness_call(c, &rq, 3);
	int n = rp && rp->status == OK ? (int)rp->holds->n_holds : -1;
	if (n > 0 && units_of_first)
		*units_of_first = rp->holds->holds[0]->n_units;
	client_reply_free(rp);
	return n;
}

/* ---- recall ---- */

static void
test_recall_through_subassembly(void)
{
	struct fixture f;
	REQUIRE(setup(&f));
	char *a = receive(&f, "IC-555", "ACME", "LOT-A");
	char *b = receive(&f, "IC-555", "ACME", "LOT-B");
	REQUIRE(a && b);
	CHECK_STR(a, "L-000001");
	REQUIRE(build_module(&f, 1, "LOT-A"));
	REQUIRE(build_module(&f, 2, "LOT-A"));
	REQUIRE(build_module(&f, 3, "LOT-B"));
	REQUIRE(build_gadget(&f, 1, 1, "C1", true));    /* on to op 20 */
	REQUIRE(build_gadget(&f, 2, 2, "C1", false));   /* in work at ASSY-1 */
	REQUIRE(build_gadget(&f, 3, 3, "C1", true));    /* LOT-B: not in the recall */

	Yoke__Reply *rp = recall(f.qa, "IC-555", "LOT-A");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_RECALL);
	Yoke__RecallReply *rr = rp->recall;
	CHECK_INT(rr->n_units, 4);
	CHECK_STR(rr->lot_id, "L-000001");
	CHECK_STR(rr->supplier, "ACME");
	CHECK_INT(rr->levels, 1);
	CHECK_INT(rr->units_done, 2);       /* the two modules */
	CHECK_INT(rr->units_in_work, 2);    /* the gadgets */
	CHECK(!rr->cut);
	const Yoke__RecallUnit *m1 = unit_in(rr, "WOM-0001"), *g1 = unit_in(rr, "WOG-0001"),
	    *g2 = unit_in(rr, "WOG-0002");
	REQUIRE(m1 && g1 && g2);
	CHECK(unit_in(rr, "WOM-0003") == NULL && unit_in(rr, "WOG-0003") == NULL);
	CHECK_INT(m1->level, 0);
	CHECK_INT(m1->status, YOKE__UNIT_STATUS__UNIT_DONE);
	CHECK_INT(g1->level, 1);
	REQUIRE(g1->n_path == 3);
	CHECK_STR(g1->path[0], "IC-555/LOT-A");
	CHECK_STR(g1->path[1], "MODULE/WOM-0001");
	CHECK_STR(g1->path[2], "WOG-0001");
	CHECK_INT(g1->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
	CHECK_INT(g1->operation, 20);
	CHECK_STR(g1->station_kind, "TEST");
	CHECK_INT(g2->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	CHECK_INT(g2->operation, 10);
	CHECK_STR(g2->station, "ASSY-1");
	CHECK(!g2->held);
	CHECK(strstr(rp->message, "4 units contain lot IC-555/LOT-A") != NULL);
	CHECK(strstr(rp->message, "shipping is not recorded") != NULL);
	client_reply_free(rp);

	/* By yoke's own lot id: the same units. */
	rp = recall(f.qa, "IC-555", "L-000001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->recall->n_units, 4);
	client_reply_free(rp);

	/* Held: one request, one hold, every unit, counted. */
	CHECK_INT(status_of(recall_hold(f.qa, "IC-555", "LOT-A", "", "200")),
	    YOKE__STATUS__STATUS_DEFECT_REQUIRED);
	CHECK_INT(status_of(recall_hold(f.qa, "IC-555", "LOT-A", "SOLDER", "100")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);    /* an operator does not hold a recall */
	CHECK_INT(open_holds(f.qa, NULL), 0);
	rp = recall_hold(f.qa, "IC-555", "LOT-A", "SOLDER", "200");
	REQUIRE(rp && rp->status == OK && rp->recall->ncr && rp->recall->containment);
	rr = rp->recall;
	char *ncr = xstrdup(rr->ncr->number);
	CHECK_STR(rr->ncr->lot, "LOT-A");
	CHECK_STR(rr->ncr->lot_part, "IC-555");
	REQUIRE(rr->containment->hold);
	CHECK_INT(rr->containment->hold->scope, YOKE__HOLD_SCOPE__HOLD_COMPONENT);
	CHECK_INT(rr->containment->hold->n_units, 4);
	CHECK_INT(rr->containment->units_in_work, 2);
	CHECK_INT(rr->containment->units_done, 2);
	uint64_t hold_id = rr->containment->hold->id;
	client_reply_free(rp);
	size_t covered = 0;
	CHECK_INT(open_holds(f.qa, &covered), 1);
	CHECK_INT(covered, 4);
	/* The gadget at ASSY-1 goes no further; the lot is refused at a scan. */
	CHECK_INT(status_of(harness_step_pass(f.assy, "WOG-0002", 2, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_open_unit(f.sub, "WOM-0004")), OK);
	CHECK_INT(status_of(harness_step_scan(f.sub, "WOM-0004", 0, "IC-555/LOT-A")),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	/* Every unit of the recall shows held. */
	rp = recall(f.qa, "IC-555", "LOT-A");
	REQUIRE(rp && rp->status == OK);
	for (size_t i = 0; i < rp->recall->n_units; i++)
		CHECK(rp->recall->units[i]->held);
	client_reply_free(rp);
	/* Asked again: that NCR's hold, nothing doubled. */
	rp = recall_hold(f.qa, "IC-555", "L-000001", "SOLDER", "200");
	REQUIRE(rp && rp->status == OK && rp->recall->ncr && rp->recall->containment);
	CHECK_STR(rp->recall->ncr->number, ncr);
	CHECK_INT(rp->recall->containment->hold->id, hold_id);
	CHECK_INT(rp->recall->containment->hold->n_units, 4);
	CHECK(strstr(rp->message, "0 more units") != NULL);
	client_reply_free(rp);
	CHECK_INT(open_holds(f.qa, NULL), 1);

	/* Sorted and closed: the one hold goes, from every unit. */
	CHECK_INT(status_of(decide(f.qa, ncr, YOKE__DISPOSITION_KIND__DISPOSITION_SORT)), OK);
	CHECK_INT(status_of(close_ncr(f.qa, ncr)), OK);
	CHECK_INT(open_holds(f.qa, NULL), 0);
	rp = recall(f.qa, "IC-555", "LOT-A");
	REQUIRE(rp && rp->status == OK);
	for (size_t i = 0; i < rp->recall->n_units; i++)
		CHECK(!rp->recall->units[i]->held);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_pass(f.assy, "WOG-0002", 2, true)), OK);

	free(ncr);
	free(a);
	free(b);
	teardown(&f);
}

static void
test_recall_refusals(void)
{
	struct fixture f;
	REQUIRE(setup(&f));
	char *c = receive(&f, "CAP-10", "BETA", "C9");
	REQUIRE(c);
	CHECK_INT(status_of(recall(f.qa, "IC-555", "NO-SUCH-LOT")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(recall(f.qa, "NO-PART", "X")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(recall(f.qa, "MODULE", "WOM-0001")), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(recall(f.qa, "IC-555", c)), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(recall(f.qa, "IC-555", "")), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(recall(f.qa, "IC-555", "A/B")), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(recall_hold(f.qa, "IC-555", "NO-SUCH-LOT", "SOLDER", "200")),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	/* Received, never built in: no unit, and that is an answer. */
	Yoke__Reply *rp = recall(f.qa, "CAP-10", "C9");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->recall->n_units, 0);
	CHECK_STR(rp->recall->lot_id, c);
	client_reply_free(rp);
	/* Scanned, never received (an ad-hoc lot text): followed as scanned. */
	REQUIRE(build_module(&f, 1, "ADHOC-7"));
	rp = recall(f.qa, "IC-555", "ADHOC-7");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->recall->n_units, 1);
	CHECK_STR(rp->recall->lot_id, "");
	client_reply_free(rp);
	free(c);
	teardown(&f);
}

/* ---- supplier scorecard ---- */

/* Sets what incoming inspection and receiving leave in a lot record (the
 * server stopped): status, inspection lot, received and due times. */
static bool
set_lot(struct yoked *y, const char *id, Yoke__LotStatus st, const char *inspection,
    int64_t received_us, int64_t due_us)
{
	struct store *s;
	struct txn t;
	struct arena a;
	Yoke__Lot *l;
	char err[300];
	bool ok;
	if (store_open(&s, y->data, err, sizeof err) != 0)
		return false;
	arena_init(&a);
	ok = store_begin_write(s, &t) == STORE_OK;
	ok = ok && REC_GET(&t, &a, T_LOT, id, yoke__lot, &l) == STORE_OK;
	if (ok) {
		l->status = st;
		l->inspection = (char *)inspection;
		l->received_us = received_us;
		l->po_due_us = due_us;
		ok = REC_PUT(&t, &a, T_LOT, id, l) == STORE_OK && store_commit(&t) == STORE_OK;
	} else {
		store_abort(&t);
	}
	arena_free(&a);
	store_close(s);
	return ok;
}

static Yoke__Reply *
scorecard(struct client *c, const char *supplier, const char *from, Yoke__ScorecardPeriod p)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScorecardQuery q = YOKE__SCORECARD_QUERY__INIT;
	q.supplier = (char *)(supplier ? supplier : "");
	q.from = (char *)(from ? from : "");
	q.period = p;
	rq.body_case = YOKE__REQUEST__BODY_SCORECARD;
	rq.scorecard = &q;
	return harness_call(c, &rq, 3);
}

static const Yoke__ScorecardRow *
row(const Yoke__ScorecardReply *sr, const char *supplier, const char *period)
{
	for (size_t i = 0; i < sr->n_rows; i++)
		if (strcmp(sr->rows[i]->supplier, supplier) == 0 &&
		    strcmp(sr->rows[i]->period, period) == 0)
			return sr->rows[i];
	return NULL;
}

/* 2026-10-15 10:00 UTC and friends, in microseconds. */
static int64_t
at(int days_after_oct1, int hour)
{
	const int64_t oct1 = (int64_t)20727 * DAY_US;      /* 2026-10-01 */
	return oct1 + days_after_oct1 * DAY_US + (int64_t)hour * 3600 * 1000000;
}

static void
test_scorecard_known_answers(void)
{
	struct fixture f;
	REQUIRE(setup(&f));
	char *a = receive(&f, "IC-555", "ACME", "LOT-A");     /* L-000001 */
	char *b = receive(&f, "IC-555", "ACME", "LOT-B");     /* L-000002 */
	char *c = receive(&f, "CAP-10", "BETA", "C1");        /* L-000003 */
	REQUIRE(a && b && c);
	REQUIRE(build_module(&f, 1, "LOT-A"));
	REQUIRE(build_module(&f, 2, "LOT-A"));
	REQUIRE(build_module(&f, 3, "LOT-B"));
	REQUIRE(build_gadget(&f, 1, 1, "C1", true));
	REQUIRE(build_gadget(&f, 2, 2, "C1", true));
	/* A material defect on a LOT-A module; a method one on the LOT-B module;
	 * LOT-B goes back to ACME. */
	char *n1 = ncr_of(raise_on(f.qa, "WOM-0001", NULL, NULL, "SOLDER"));
	char *n2 = ncr_of(raise_on(f.qa, "WOM-0003", NULL, NULL, "SCRATCH"));
	char *n3 = ncr_of(raise_on(f.qa, NULL, "IC-555", "LOT-B", "SOLDER"));
	REQUIRE(n1 && n2 && n3);
	CHECK_INT(status_of(decide(f.qa, n3, YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER)),
	    OK);

	/* How the lots stand, as incoming inspection and receiving leave them:
	 * LOT-A accepted, received 2026-10-15, due 10-20 (on time); LOT-B
	 * rejected, received 11-03, due 11-01 (late); C1 without inspection,
	 * received 11-05, no due date. */
	disconnect_all(&f);
	CHECK_INT(harness_yoked_stop(f.y), 0);
	REQUIRE(set_lot(f.y, a, YOKE__LOT_STATUS__LOT_RELEASED, "IQC-1", at(14, 10), at(19, 0)));
	REQUIRE(set_lot(f.y, b, YOKE__LOT_STATUS__LOT_REJECTED, "IQC-2", at(33, 10), at(31, 0)));
	REQUIRE(set_lot(f.y, c, YOKE__LOT_STATUS__LOT_RELEASED, "", at(35, 9), 0));
	REQUIRE(harness_yoked_restart(f.y));
	REQUIRE(connect_all(&f));

	Yoke__Reply *rp = scorecard(f.qa, NULL, NULL, YOKE__SCORECARD_PERIOD__SCORECARD_MONTH);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_SCORECARD);
	const Yoke__ScorecardReply *sr = rp->scorecard;
	CHECK_INT(sr->n_rows, 3);
	CHECK_INT(sr->lots_read, 3);
	CHECK(!sr->cut);
	const Yoke__ScorecardRow *r = row(sr, "ACME", "2026-10");
	REQUIRE(r);
	CHECK_INT(r->lots, 1);
	CHECK_INT(r->iqc_accepted, 1);
	CHECK_INT(r->iqc_rejected, 0);
	CHECK_INT(r->units_built, 2);
	CHECK_INT(r->material_ncrs, 1);
	CHECK_NEAR(r->ppm, 500000.0, 1e-6);
	CHECK_INT(r->with_due_date, 1);
	CHECK_INT(r->on_time, 1);
	CHECK_INT(r->returns, 0);
	r = row(sr, "ACME", "2026-11");
	REQUIRE(r);
	CHECK_INT(r->lots, 1);
	CHECK_INT(r->iqc_accepted, 0);
	CHECK_INT(r->iqc_rejected, 1);
	CHECK_INT(r->units_built, 1);
	CHECK_INT(r->material_ncrs, 0);     /* SCRATCH is a method defect */
	CHECK_NEAR(r->ppm, 0.0, 1e-9);
	CHECK_INT(r->with_due_date, 1);
	CHECK_INT(r->on_time, 0);
	CHECK_INT(r->returns, 1);
	r = row(sr, "BETA", "2026-11");
	REQUIRE(r);
	CHECK_INT(r->lots, 1);
	CHECK_INT(r->iqc_accepted + r->iqc_rejected, 0);   /* no inspection for CAP-10 */
	CHECK_INT(r->units_built, 2);
	CHECK_INT(r->with_due_date, 0);
	/* Rows by supplier, then period. */
	CHECK_STR(sr->rows[0]->period, "2026-10");
	CHECK_STR(sr->rows[2]->supplier, "BETA");
	client_reply_free(rp);

	/* Weeks (ISO 8601): 10-15 is in W42, 11-03 and 11-05 in W45. */
	rp = scorecard(f.qa, NULL, NULL, YOKE__SCORECARD_PERIOD__SCORECARD_WEEK);
	REQUIRE(rp && rp->status == OK);
	CHECK(row(rp->scorecard, "ACME", "2026-W42") != NULL);
	CHECK(row(rp->scorecard, "ACME", "2026-W45") != NULL);
	CHECK(row(rp->scorecard, "BETA", "2026-W45") != NULL);
	client_reply_free(rp);
	/* One supplier; a window from November. */
	rp = scorecard(f.qa, "BETA", NULL, YOKE__SCORECARD_PERIOD__SCORECARD_MONTH);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->scorecard->n_rows, 1);
	client_reply_free(rp);
	rp = scorecard(f.qa, NULL, "2026-11-01", YOKE__SCORECARD_PERIOD__SCORECARD_MONTH);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->scorecard->n_rows, 2);
	CHECK(row(rp->scorecard, "ACME", "2026-10") == NULL);
	client_reply_free(rp);
	/* A window with no deliveries has no rows; a bad date is refused. */
	rp = scorecard(f.qa, NULL, "2027-01-01", YOKE__SCORECARD_PERIOD__SCORECARD_MONTH);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->scorecard->n_rows, 0);
	client_reply_free(rp);
	CHECK_INT(status_of(scorecard(f.qa, NULL, "2026-13-01", 0)), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(scorecard(f.qa, NULL, NULL, 7)), YOKE__STATUS__STATUS_BAD_REQUEST);

	free(n1);
	free(n2);
	free(n3);
	free(a);
	free(b);
	free(c);
	teardown(&f);
}

/* ---- SCAR ---- */

static Yoke__Reply *
scar_open(struct client *c, const char *ncr, const char *supplier, const char *part,
    uint32_t lots, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScarOpen o = YOKE__SCAR_OPEN__INIT;
	Yoke__Signature s;
	o.ncr = (char *)(ncr ? ncr : "");
	o.supplier = (char *)(supplier ? supplier : "");
	o.part = (char *)(part ? part : "");
	o.problem = (char *)(ncr ? "" : "Leads oxidized");
	o.response_due = (char *)"2030-01-31";
	o.lots_required = lots;
	o.signature = sig(&s, badge);
	rq.body_case = YOKE__REQUEST__BODY_SCAR_OPEN;
	rq.scar_open = &o;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
scar_update(struct client *c, const char *number, const char *d4, const char *d5, bool close)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScarUpdate u = YOKE__SCAR_UPDATE__INIT;
	Yoke__Signature s;
	u.number = (char *)number;
	u.d4_root_cause = (char *)(d4 ? d4 : "");
	u.d5_corrective_action = (char *)(d5 ? d5 : "");
	u.close = close;
	u.signature = sig(&s, "200");
	rq.body_case = YOKE__REQUEST__BODY_SCAR_UPDATE;
	rq.scar_update = &u;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
scar_show(struct client *c, const char *number)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScarQuery q = YOKE__SCAR_QUERY__INIT;
	q.number = (char *)number;
	rq.body_case = YOKE__REQUEST__BODY_SCARS;
	rq.scars = &q;
	return harness_call(c, &rq, 3);
}

/* How many lots in a row the SCAR counts accepted (-1 on a refusal). */
static int
accepted(struct client *c, const char *number)
{
	Yoke__Reply *rp = scar_show(c, number);
	int n = rp && rp->status == OK && rp->scars->n_scars == 1 ?
	    (int)rp->scars->scars[0]->lots_accepted : -1;
	client_reply_free(rp);
	return n;
}

static void
test_scar_closes_on_evidence(void)
{
	struct fixture f;
	REQUIRE(setup(&f));
	char *s1 = receive(&f, "IC-555", "ACME", "S1");
	REQUIRE(s1);
	char *ncr = ncr_of(raise_on(f.qa, NULL, "IC-555", "S1", "SOLDER"));
	REQUIRE(ncr);

	/* From the lot NCR: ACME's IC-555; two lots in a row close it. */
	Yoke__Reply *rp = scar_open(f.qa, ncr, NULL, NULL, 2, "200");
	REQUIRE(rp && rp->status == OK && rp->scars->n_scars == 1);
	Yoke__Scar *s = rp->scars->scars[0];
	char *number = xstrdup(s->number);
	CHECK_STR(number, "SCAR-000001");
	CHECK_STR(s->supplier, "ACME");
	CHECK_STR(s->part, "IC-555");
	CHECK_STR(s->ncr, ncr);
	CHECK_INT(s->state, YOKE__SCAR_STATE__SCAR_OPEN);
	CHECK_INT(s->lots_required, 2);
	CHECK_INT(s->n_signatures, 1);
	client_reply_free(rp);
	/* One open per supplier and part; a unit NCR is no supplier's; an
	 * operator does not sign one. */
	CHECK_INT(status_of(scar_open(f.qa, NULL, "ACME", "IC-555", 0, "200")),
	    YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(scar_open(f.qa, NULL, "ACME", "NO-PART", 0, "200")),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(scar_open(f.qa, NULL, "BETA", "CAP-10", 0, "100")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	rp = scar_open(f.qa, NULL, "BETA", "CAP-10", 0, "300");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->scars->scars[0]->lots_required, 3);   /* the default */
	client_reply_free(rp);

	/* Closing needs D4 and D5, then the lots. */
	CHECK_INT(status_of(scar_update(f.qa, number, NULL, NULL, true)),
	    YOKE__STATUS__STATUS_NOT_PROVEN);
	CHECK_INT(status_of(scar_update(f.qa, number, "Plating bath", "SPC on the bath", false)), OK);
	CHECK_INT(status_of(scar_update(f.qa, number, NULL, NULL, true)),
	    YOKE__STATUS__STATUS_NOT_PROVEN);
	CHECK_INT(accepted(f.qa, number), 0);

	/* After it opened: S2 (to be quarantined), S3 accepted, S4 pending,
	 * and BETA's IC lot, which is not ACME's. */
	char *s2 = receive(&f, "IC-555", "ACME", "S2");
	char *s3 = receive(&f, "IC-555", "ACME", "S3");
	char *s4 = receive(&f, "IC-555", "ACME", "S4");
	char *z = receive(&f, "IC-555", "BETA", "Z1");
	REQUIRE(s2 && s3 && s4 && z);
	CHECK_INT(accepted(f.qa, number), 3);      /* all released at receipt, no IQC here */
	disconnect_all(&f);
	CHECK_INT(harness_yoked_stop(f.y), 0);
	int64_t now = 0;
	{
		/* Keep their order: received one second apart after the opening. */
		struct store *st;
		struct txn t;
		struct arena ar;
		Yoke__Lot *l;
		char err[300];
		REQUIRE(store_open(&st, f.y->data, err, sizeof err) == 0);
		arena_init(&ar);
		REQUIRE(store_begin_read(st, &t) == STORE_OK);
		REQUIRE(REC_GET(&t, &ar, T_LOT, s2, yoke__lot, &l) == STORE_OK);
		now = l->received_us;
		store_abort(&t);
		arena_free(&ar);
		store_close(st);
	}
	REQUIRE(set_lot(f.y, s2, YOKE__LOT_STATUS__LOT_QUARANTINED, "IQC-2", now, 0));
	REQUIRE(set_lot(f.y, s3, YOKE__LOT_STATUS__LOT_RELEASED, "IQC-3", now + 1000000, 0));
	REQUIRE(set_lot(f.y, s4, YOKE__LOT_STATUS__LOT_PENDING_INSPECTION, "IQC-4", now + 2000000, 0));
	REQUIRE(harness_yoked_restart(f.y));
	REQUIRE(connect_all(&f));

	/* S2 quarantined starts the count again; S3 counts; S4 waits. */
	CHECK_INT(accepted(f.qa, number), 1);
	rp = scar_update(f.qa, number, NULL, NULL, true);
	REQUIRE(rp);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_PROVEN);
	CHECK(strstr(rp->message, "so far: 1") != NULL);
	client_reply_free(rp);
	rp = scar_show(f.qa, number);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->scars->scars[0]->n_lots_after, 3);     /* BETA's lot is not among them */
	client_reply_free(rp);

	/* The next lot, released at receipt: two in a row. */
	char *s5 = receive(&f, "IC-555", "ACME", "S5");
	REQUIRE(s5);
	rp = scar_update(f.qa, number, NULL, NULL, true);
	REQUIRE(rp && rp->status == OK && rp->scars->n_scars == 1);
	s = rp->scars->scars[0];
	CHECK_INT(s->state, YOKE__SCAR_STATE__SCAR_CLOSED);
	CHECK(s->closed_us > 0);
	REQUIRE(s->n_evidence == 2);
	CHECK_STR(s->evidence[0], s3);
	CHECK_STR(s->evidence[1], s5);
	CHECK_INT(s->n_signatures, 3);    /* opened, answered, closed */
	client_reply_free(rp);
	CHECK_INT(status_of(scar_update(f.qa, number, "again", NULL, false)),
	    YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(scar_show(f.qa, "SCAR-000099")), YOKE__STATUS__STATUS_NOT_FOUND);

	free(number);
	free(ncr);
	free(s1);
	free(s2);
	free(s3);
	free(s4);
	free(s5);
	free(z);
	teardown(&f);
}

/* A finished sub-assembly that is held (a hold on the unit itself, or its
 * failure waiting for a disposition) is refused where it would be built
 * in, with its hold's reason; released, it is taken. A sub-assembly label
 * that names no unit is checked as before (only the label's own holds). */
static void
test_held_subassembly_refused(void)
{
	struct fixture f;
	REQUIRE(setup(&f));
	char *a = receive(&f, "IC-555", "ACME", "LOT-A");
	REQUIRE(a != NULL);
	REQUIRE(build_module(&f, 1, "LOT-A"));
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldPlace h = YOKE__HOLD_PLACE__INIT;
	Yoke__Signature s;
	char *targets[1] = { (char *)"WOM-0001" };
	h.scope = YOKE__HOLD_SCOPE__HOLD_UNIT;
	h.targets = targets;
	h.n_targets = 1;
	h.reason = (char *)"solder voids seen on X-ray";
	h.signature = sig(&s, "200");
	rq.body_case = YOKE__REQUEST__BODY_HOLD;
	rq.hold = &h;
	Yoke__Reply *rp = harness_call(f.qa, &rq, 3);
	REQUIRE(rp && rp->status == OK && rp->hold && rp->hold->hold);
	uint64_t id = rp->hold->hold->id;
	client_reply_free(rp);

	CHECK_INT(status_of(harness_open_unit(f.assy, "WOG-0001")), OK);
	rp = harness_step_scan(f.assy, "WOG-0001", 0, "MODULE/WOM-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK(strstr(rp->message, "WOM-0001") && strstr(rp->message, "solder voids seen on X-ray"));
	client_reply_free(rp);

	Yoke__HoldRelease hr = YOKE__HOLD_RELEASE__INIT;
	Yoke__Request rq2 = YOKE__REQUEST__INIT;
	hr.hold = id;
	hr.reason = (char *)"X-ray again: fine";
	hr.signature = sig(&s, "200");
	rq2.body_case = YOKE__REQUEST__BODY_RELEASE_HOLD;
	rq2.release_hold = &hr;
	CHECK_INT(status_of(harness_call(f.qa, &rq2, 3)), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WOG-0001", 0, "MODULE/WOM-0001")), OK);
	/* A module label that names no unit: as any serial. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WOG-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WOG-0002", 0, "MODULE/BOUGHT-77")), OK);
	free(a);
	teardown(&f);
}

/* Once the definitions name suppliers, a scorecard or a SCAR by hand for a
 * code that is not one of them is refused NOT_FOUND, as receiving is. */
static void
test_unknown_supplier_refused(void)
{
	struct fixture f;
	REQUIRE(setup(&f));
	static const char *const names[] = { "suppliers.def" };
	static const char *const texts[] = { "supplier ACME \"Acme Components\"\n" };
	struct client *eng = harness_engineer(f.y, f.p, "suppliers");
	REQUIRE(eng != NULL);
	CHECK_INT(status_of(harness_load_files(eng, names, texts, 1, false)), OK);
	client_free(eng);
	Yoke__Reply *rp = scorecard(f.qa, "NOPE", NULL, YOKE__SCORECARD_PERIOD__SCORECARD_MONTH);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK(strstr(rp->message, "NOPE") != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of(scorecard(f.qa, "ACME", NULL, YOKE__SCORECARD_PERIOD__SCORECARD_MONTH)),
	    OK);
	rp = scar_open(f.qa, NULL, "NOPE", "IC-555", 0, "200");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK(strstr(rp->message, "NOPE") != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of(scar_open(f.qa, NULL, "ACME", "IC-555", 0, "200")), OK);
	teardown(&f);
}

int
main(void)
{
	RUN(test_recall_through_subassembly);
	RUN(test_recall_refusals);
	RUN(test_held_subassembly_refused);
	RUN(test_scorecard_known_answers);
	RUN(test_scar_closes_on_evidence);
	RUN(test_unknown_supplier_refused);
	return check_done();
}
