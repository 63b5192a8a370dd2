/*
 * it_iqc.c — incoming inspection against a real yoked (server/iqc/
 * iqc.h): a received lot of a part with iqc= gets its inspection lot with
 * the ISO 2859-1 plan (code letter, n, Ac/Re; 100 % for a small lot); the
 * inspector records the sample and signs the decision the sample makes:
 * accept releases the lot, reject quarantines it and opens an NCR on it; a
 * decision that is not the sample's is refused; the switching state of the
 * supplier + part moves lot by lot and says why; five lots not accepted on
 * tightened block the supplier for the part until an engineer (and only an
 * engineer) lifts it, signed. Plant: tests/data/plant-materials (RES-10K:
 * iqc=II aql=1.0 check=Solderability,Marking; IC-555 without inspection).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-materials"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *dock;     /* DOCK-1, receiver 110 */
	struct client *qa;       /* a desk, inspector 200 signed in */
	struct client *eng;      /* a desk, engineer 900 signed in */
	int lots;                /* supplier lots received so far */
};

static bool
setup(struct fixture *f)
{
	Yoke__Reply *rp;
	bool ok;

	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL)
		return false;
	f->dock = harness_client(f->y, "DOCK-1@it");
	f->qa = harness_client(f->y, "harness-qa");
	f->eng = harness_engineer(f->y, f->p, "iqc");
	rp = harness_badge_in(f->dock, "DOCK-1", "110");
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	return ok && f->eng && harness_sign_in(f->qa, "200");
}

static void
teardown(struct fixture *f)
{
	client_free(f->dock);
	client_free(f->qa);
	client_free(f->eng);
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

static Yoke__Signature *
sig(Yoke__Signature *s, const char *badge)
{
	yoke__signature__init(s);
	s->badge = (char *)badge;
	s->pin = (char *)HARNESS_PIN;
	return s;
}

static Yoke__Reply *
receive(struct fixture *f, const char *part, const char *supplier, double qty)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	char lot[32];

	snprintf(lot, sizeof lot, "R%04d", ++f->lots);
	r.part = (char *)part;
	r.supplier = (char *)supplier;
	r.supplier_lot = lot;
	r.qty = qty;
	r.purchase_order = (char *)"PO-9";
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	return harness_call(f->dock, &rq, 3);
}

static Yoke__Reply *
query(struct client *c, const char *number, const char *supplier, const char *part, bool switching)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcQuery q = YOKE__IQC_QUERY__INIT;

	q.number = (char *)number;
	q.supplier = (char *)supplier;
	q.part = (char *)part;
	q.switching = switching;
	rq.body_case = YOKE__REQUEST__BODY_IQC;
	rq.iqc = &q;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
record(struct client *c, const char *number, uint32_t solder, uint32_t marking)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcRecord r = YOKE__IQC_RECORD__INIT;
	Yoke__IqcResult a = YOKE__IQC_RESULT__INIT, b = YOKE__IQC_RESULT__INIT;
	Yoke__IqcResult *list[2] = { &a, &b };

	a.characteristic = (char *)"Solderability";
	a.defectives = solder;
	b.characteristic = (char *)"Marking";
	b.defectives = marking;
	r.number = (char *)number;
	r.results = list;
	r.n_results = 2;
	rq.body_case = YOKE__REQUEST__BODY_IQC_RECORD;
	rq.iqc_record = &r;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
decide(struct client *c, const char *number, bool accept, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcDecide d = YOKE__IQC_DECIDE__INIT;
	Yoke__Signature s;

	d.number = (char *)number;
	d.accept = accept;
	d.signature = badge ? sig(&s, badge) : NULL;
	rq.body_case = YOKE__REQUEST__BODY_IQC_DECIDE;
	rq.iqc_decide = &d;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
lift(struct client *c, const char *supplier, const char *part, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcLift l = YOKE__IQC_LIFT__INIT;
	Yoke__Signature s;

	l.supplier = (char *)supplier;
	l.part = (char *)part;
	l.reason = (char *)"8D report 4711: solder bath replaced";
	l.signature = sig(&s, badge);
	rq.body_case = YOKE__REQUEST__BODY_IQC_LIFT;
	rq.iqc_lift = &l;
	return harness_call(c, &rq, 3);
}

static Yoke__LotStatus
lot_status(struct fixture *f, const char *id)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotQuery q = YOKE__LOT_QUERY__INIT;
	Yoke__Reply *rp;
	Yoke__LotStatus st = YOKE__LOT_STATUS__LOT_STATUS_UNSPECIFIED;

	q.id = (char *)id;
	rq.body_case = YOKE__REQUEST__BODY_LOTS;
	rq.lots = &q;
	rp = harness_call(f->qa, &rq, 3);
	if (rp && rp->status == OK && rp->lots->n_lots == 1)
		st = rp->lots->lots[0]->status;
	client_reply_free(rp);
	return st;
}

/* Receives a lot of RES-10K from the supplier: its lot id and inspection lot. */
static bool
receive_iqc(struct fixture *f, const char *supplier, double qty, char *lot, char *number)
{
	Yoke__Reply *rp = receive(f, "RES-10K", supplier, qty);
	bool ok = rp && rp->status == OK && rp->lots && rp->lots->n_lots == 1 &&
	    !str_empty(rp->lots->lots[0]->inspection);
	if (ok) {
		snprintf(lot, 16, "%s", rp->lots->lots[0]->id);
		snprintf(number, 16, "%s", rp->lots->lots[0]->inspection);
	}
	status_of(rp);
	return ok;
}

/* One lot through: received, recorded (d on solderability), decided. */
static bool
one_lot(struct fixture *f, const char *supplier, uint32_t d, bool accept, Yoke__IqcMode *sev)
{
	char lot[16], number[16];
	Yoke__Reply *rp;

	if (!receive_iqc(f, supplier, 3000, lot, number))
		return false;
	rp = query(f->qa, number, "", "", false);
	if (!rp || rp->status != OK || rp->iqc->n_inspections != 1) {
		status_of(rp);
		return false;
	}
	*sev = rp->iqc->inspections[0]->severity;
	client_reply_free(rp);
	return status_of(record(f->qa, number, d, 0)) == OK &&
	    status_of(decide(f->qa, number, accept, "200")) == OK;
}

static void
test_receive_makes_inspection_lot(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f));

	rp = receive(&f, "RES-10K", "ACME", 3000);
	REQUIRE(rp && rp->status == OK);
	CHECK_STR(rp->lots->lots[0]->id, "L-000001");
	CHECK_STR(rp->lots->lots[0]->inspection, "IQC-000001");
	CHECK_INT(rp->lots->lots[0]->status, YOKE__LOT_STATUS__LOT_PENDING_INSPECTION);
	client_reply_free(rp);

	/* Lot 3 000 at level II: K; normal, AQL 1.0: n = 125, Ac 3, Re 4
	 * (standards.md §2.1, Table 2-A). */
	rp = query(f.qa, "IQC-000001", "", "", false);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_IQC &&
	    rp->iqc->n_inspections == 1);
	Yoke__InspectionLot *il = rp->iqc->inspections[0];
	CHECK_INT(il->state, YOKE__INSPECTION_STATE__INSPECTION_OPEN);
	CHECK_STR(il->lot, "L-000001");
	CHECK_STR(il->part, "RES-10K");
	CHECK_STR(il->supplier, "ACME");
	CHECK_STR(il->supplier_lot, "R0001");
	CHECK_INT(il->lot_size, 3000);
	CHECK_STR(il->level, "II");
	CHECK(il->aql == 1.0);
	CHECK_INT(il->severity, YOKE__IQC_MODE__IQC_NORMAL);
	CHECK_STR(il->letter, "K");
	CHECK_STR(il->used_letter, "K");
	CHECK_INT(il->sample_size, 125);
	CHECK_INT(il->ac, 3);
	CHECK_INT(il->re, 4);
	CHECK(!il->full_inspection);
	REQUIRE(il->n_results == 2);
	CHECK_STR(il->results[0]->characteristic, "Solderability");
	CHECK_STR(il->results[1]->characteristic, "Marking");
	CHECK(strstr(il->switching, "NORMAL") != NULL);
	client_reply_free(rp);

	/* A small lot: 5 units, code letter A; the arrows lead to E (n = 13),
	 * more than the lot: every unit, Ac 0, Re 1. */
	rp = receive(&f, "RES-10K", "ACME", 5);
	REQUIRE(rp && rp->status == OK);
	CHECK_STR(rp->lots->lots[0]->inspection, "IQC-000002");
	client_reply_free(rp);
	rp = query(f.qa, "IQC-000002", "", "", false);
	REQUIRE(rp && rp->status == OK && rp->iqc->n_inspections == 1);
	il = rp->iqc->inspections[0];
	CHECK_STR(il->letter, "A");
	CHECK_STR(il->used_letter, "E");
	CHECK(il->full_inspection);
	CHECK_INT(il->sample_size, 5);
	CHECK_INT(il->ac, 0);
	CHECK_INT(il->re, 1);
	client_reply_free(rp);

	/* A part without iqc=: released at once, no inspection lot. */
	rp = receive(&f, "IC-555", "ACME", 100);
	REQUIRE(rp && rp->status == OK);
	CHECK(str_empty(rp->lots->lots[0]->inspection));
	CHECK_INT(rp->lots->lots[0]->status, YOKE__LOT_STATUS__LOT_RELEASED);
	client_reply_free(rp);

	/* The inspector's worklist lists the two open inspection lots. */
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__WorklistQuery wq = YOKE__WORKLIST_QUERY__INIT;
		int n = 0;
		wq.station_kind = (char *)"";
		rq.body_case = YOKE__REQUEST__BODY_WORKLIST;
		rq.worklist = &wq;
		rp = harness_call(f.qa, &rq, 3);
		REQUIRE(rp && rp->status == OK);
		for (size_t i = 0; i < rp->worklist->n_items; i++)
			n += rp->worklist->items[i]->kind == YOKE__WORK_KIND__WORK_IQC;
		CHECK_INT(n, 2);
		client_reply_free(rp);
	}
	teardown(&f);
}

static void
test_accept_releases(void)
{
	struct fixture f;
	char lot[16], number[16];
	Yoke__Reply *rp;
	REQUIRE(setup(&f));
	REQUIRE(receive_iqc(&f, "ACME", 3000, lot, number));

	/* Not recorded yet: nothing to decide. */
	CHECK_INT(status_of(decide(f.qa, number, true, "200")), YOKE__STATUS__STATUS_CONFLICT);
	/* Results for the wrong number of characteristics. */
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__IqcRecord r = YOKE__IQC_RECORD__INIT;
		r.number = number;
		rq.body_case = YOKE__REQUEST__BODY_IQC_RECORD;
		rq.iqc_record = &r;
		CHECK_INT(status_of(harness_call(f.qa, &rq, 3)), YOKE__STATUS__STATUS_BAD_REQUEST);
	}
	/* More defectives than the sample has units. */
	CHECK_INT(status_of(record(f.qa, number, 126, 0)), YOKE__STATUS__STATUS_BAD_REQUEST);
	/* An engineer does not record an inspection. */
	CHECK_INT(status_of(record(f.eng, number, 0, 0)), YOKE__STATUS__STATUS_NOT_AUTHORIZED);

	rp = record(f.qa, number, 2, 1);          /* d = 3 = Ac: accepted */
	REQUIRE(rp && rp->status == OK && rp->iqc->n_inspections == 1);
	CHECK(rp->iqc->inspections[0]->accept);
	CHECK_INT(rp->iqc->inspections[0]->defectives, 3);
	CHECK(strstr(rp->message, "accepts") != NULL);
	client_reply_free(rp);

	/* The person confirms what the sample says, nothing else. */
	CHECK_INT(status_of(decide(f.qa, number, false, "200")),
	    YOKE__STATUS__STATUS_VERDICT_DIFFERS);
	/* Signed by an inspector only; unsigned refused. */
	CHECK_INT(status_of(decide(f.qa, number, true, "900")), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(decide(f.qa, number, true, NULL)), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(lot_status(&f, lot), YOKE__LOT_STATUS__LOT_PENDING_INSPECTION);

	rp = decide(f.qa, number, true, "200");
	REQUIRE(rp && rp->status == OK && rp->iqc->n_inspections == 1);
	Yoke__InspectionLot *il = rp->iqc->inspections[0];
	CHECK_INT(il->state, YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED);
	REQUIRE(il->decided);
	CHECK_STR(il->decided->badge, "200");
	CHECK(str_empty(il->ncr));
	client_reply_free(rp);
	/* Released: a component scan of it is no longer refused for its status. */
	CHECK_INT(lot_status(&f, lot), YOKE__LOT_STATUS__LOT_RELEASED);
	CHECK_INT(status_of(decide(f.qa, number, true, "200")), YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(record(f.qa, number, 0, 0)), YOKE__STATUS__STATUS_CONFLICT);
	teardown(&f);
}

static void
test_reject_quarantines_with_ncr(void)
{
	struct fixture f;
	char lot[16], number[16], ncr[32];
	Yoke__Reply *rp;
	REQUIRE(setup(&f));
	REQUIRE(receive_iqc(&f, "ACME", 3000, lot, number));

	CHECK_INT(status_of(record(f.qa, number, 3, 2)), OK);      /* d = 5 >= Re 4 */
	CHECK_INT(status_of(decide(f.qa, number, true, "200")),
	    YOKE__STATUS__STATUS_VERDICT_DIFFERS);
	rp = decide(f.qa, number, false, "200");
	REQUIRE(rp && rp->status == OK && rp->iqc->n_inspections == 1);
	CHECK_INT(rp->iqc->inspections[0]->state, YOKE__INSPECTION_STATE__INSPECTION_REJECTED);
	snprintf(ncr, sizeof ncr, "%s", rp->iqc->inspections[0]->ncr);
	CHECK(strncmp(ncr, "NCR-", 4) == 0);
	client_reply_free(rp);
	CHECK_INT(lot_status(&f, lot), YOKE__LOT_STATUS__LOT_QUARANTINED);

	/* The NCR is on the lot, open, signed by the inspector. */
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__NcrQuery q = YOKE__NCR_QUERY__INIT;
		q.number = ncr;
		rq.body_case = YOKE__REQUEST__BODY_NCRS;
		rq.ncrs = &q;
		rp = harness_call(f.qa, &rq, 3);
		REQUIRE(rp && rp->status == OK && rp->ncrs->n_ncrs == 1);
		Yoke__Ncr *n = rp->ncrs->ncrs[0];
		CHECK_INT(n->state, YOKE__NCR_STATE__NCR_OPEN);
		CHECK_STR(n->lot_part, "RES-10K");
		CHECK_STR(n->lot, "R0001");
		CHECK(str_empty(n->serial));
		CHECK(strstr(n->text, number) != NULL && strstr(n->text, "Solderability 3") != NULL);
		REQUIRE(n->n_signatures == 1);
		CHECK_STR(n->signatures[0]->badge, "200");
		client_reply_free(rp);
	}
	teardown(&f);
}

static Yoke__IqcMode
mode_of(struct fixture *f, const char *supplier, char *why, size_t size, size_t *history)
{
	Yoke__Reply *rp = query(f->qa, "", supplier, "RES-10K", true);
	Yoke__IqcMode m = YOKE__IQC_MODE__IQC_MODE_NONE;

	if (rp && rp->status == OK && rp->iqc->n_switches == 1) {
		m = rp->iqc->switches[0]->mode;
		snprintf(why, size, "%s", rp->iqc->switches[0]->why);
		*history = rp->iqc->n_history;
	}
	status_of(rp);
	return m;
}

/*
 * The switching rules through a sequence of lots with a known answer
 * (standards.md §2.5): 2 rejected of 2 on normal → tightened (the next
 * lot's plan is tightened: K at AQL 1.0 is Ac 2, Re 3); 5 accepted →
 * normal; 2 rejected → tightened; 5 not accepted on tightened →
 * discontinued: the supplier is blocked for the part (another supplier is
 * not); only an engineer lifts it, signed; then tightened again.
 */
static void
test_switching_and_block(void)
{
	struct fixture f;
	Yoke__IqcMode sev;
	char why[300], lot[16], number[16];
	size_t history = 0;
	REQUIRE(setup(&f));

	REQUIRE(one_lot(&f, "ACME", 4, false, &sev));
	CHECK_INT(sev, YOKE__IQC_MODE__IQC_NORMAL);
	CHECK_INT(mode_of(&f, "ACME", why, sizeof why, &history), YOKE__IQC_MODE__IQC_NORMAL);
	CHECK_INT(history, 0);
	REQUIRE(one_lot(&f, "ACME", 0, true, &sev));
	REQUIRE(one_lot(&f, "ACME", 6, false, &sev));
	CHECK_INT(mode_of(&f, "ACME", why, sizeof why, &history), YOKE__IQC_MODE__IQC_TIGHTENED);
	CHECK_STR(why, "TIGHTENED since lot L-000003: 2 of the last 3 lots on normal were not "
	    "accepted: tightened");
	CHECK_INT(history, 1);

	/* Tightened: K at AQL 1.0 is n 125, Ac 2, Re 3; d = 3 rejects now. */
	REQUIRE(receive_iqc(&f, "ACME", 3000, lot, number));
	{
		Yoke__Reply *rp = query(f.qa, number, "", "", false);
		REQUIRE(rp && rp->status == OK);
		CHECK_INT(rp->iqc->inspections[0]->severity, YOKE__IQC_MODE__IQC_TIGHTENED);
		CHECK_INT(rp->iqc->inspections[0]->ac, 2);
		CHECK_INT(rp->iqc->inspections[0]->re, 3);
		client_reply_free(rp);
	}
	CHECK_INT(status_of(record(f.qa, number, 3, 0)), OK);
	CHECK_INT(status_of(decide(f.qa, number, false, "200")), OK);        /* 1st on tightened */
	for (int i = 0; i < 5; i++)
		REQUIRE(one_lot(&f, "ACME", 0, true, &sev));
	CHECK_INT(mode_of(&f, "ACME", why, sizeof why, &history), YOKE__IQC_MODE__IQC_NORMAL);
	CHECK(strstr(why, "NORMAL since lot L-000009: 5 consecutive lots accepted") == why);
	CHECK_INT(history, 2);

	REQUIRE(one_lot(&f, "ACME", 4, false, &sev));
	REQUIRE(one_lot(&f, "ACME", 4, false, &sev));
	CHECK_INT(mode_of(&f, "ACME", why, sizeof why, &history), YOKE__IQC_MODE__IQC_TIGHTENED);
	for (int i = 0; i < 4; i++) {
		REQUIRE(one_lot(&f, "ACME", 3, false, &sev));
		CHECK_INT(sev, YOKE__IQC_MODE__IQC_TIGHTENED);
	}
	REQUIRE(one_lot(&f, "ACME", 0, true, &sev));      /* accepted between: still counts on */
	REQUIRE(one_lot(&f, "ACME", 3, false, &sev));     /* the 5th not accepted on tightened */
	CHECK_INT(mode_of(&f, "ACME", why, sizeof why, &history), YOKE__IQC_MODE__IQC_DISCONTINUED);
	CHECK(strstr(why, "DISCONTINUED since lot L-000017: 5 lots not accepted on tightened") ==
	    why);
	CHECK_INT(history, 4);

	/* Blocked: ACME's next lot of RES-10K is refused; another supplier's
	 * is not, nor ACME's lot of another part. */
	CHECK_INT(status_of(receive(&f, "RES-10K", "ACME", 3000)),
	    YOKE__STATUS__STATUS_SUPPLIER_BLOCKED);
	CHECK_INT(status_of(receive(&f, "RES-10K", "OTHER", 3000)), OK);
	CHECK_INT(status_of(receive(&f, "IC-555", "ACME", 10)), OK);

	/* Lifted by an engineer only, signed. */
	CHECK_INT(status_of(lift(f.qa, "ACME", "RES-10K", "200")), YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK_INT(status_of(lift(f.eng, "ACME", "RES-10K", "200")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(lift(f.eng, "ACME", "RES-10K", "900")), OK);
	CHECK_INT(mode_of(&f, "ACME", why, sizeof why, &history), YOKE__IQC_MODE__IQC_TIGHTENED);
	CHECK_STR(why, "TIGHTENED: resumed after corrective action: tightened");
	CHECK_INT(history, 5);
	CHECK_INT(status_of(lift(f.eng, "ACME", "RES-10K", "900")), YOKE__STATUS__STATUS_CONFLICT);
	REQUIRE(one_lot(&f, "ACME", 0, true, &sev));
	CHECK_INT(sev, YOKE__IQC_MODE__IQC_TIGHTENED);
	teardown(&f);
}

int
main(void)
{
	RUN(test_receive_makes_inspection_lot);
	RUN(test_accept_releases);
	RUN(test_reject_quarantines_with_ncr);
	RUN(test_switching_and_block);
	return check_done();
}
