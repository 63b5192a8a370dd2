/*
 * it_lot_status.c — received lots at the dock and at the component scan,
 * against a real yoked (server/material/): receiving from one scan of the
 * supplier's GS1 label in each form a scanner sends (AIM prefix with GS,
 * the (AI) form, a Digital Link), the same label twice, a GTIN no part
 * has, a label and typed fields that disagree, a supplier not in the
 * definitions; at the component scan every refusal of a lot's status
 * (rejected by a returned lot's NCR, quarantined, blocked, expired by its
 * date, never received), the internal lot label's id (IC-555/L-000001)
 * accepted and recorded as the supplier's lot, consumption counted down
 * and running out reported, not stopped; block, quarantine and release
 * signed, and refused unsigned or by the wrong role. Plant:
 * tests/data/plant-materials (IC-555: gtin=09521234543213,
 * supplier=ACME:ACM-555, lots=received).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-materials"
#define GTIN "09521234543213"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *dock;     /* DOCK-1, receiver 110 */
	struct client *assy;     /* ASSY-1, badge 100 */
	struct client *desk;     /* a desk, signed in as the inspector 200 */
	int built;               /* units opened so far */
	bool pending;            /* the last one waits at its IC scan */
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

/* The status, and -2 when the message does not name `word`. */
static int
naming(Yoke__Reply *rp, const char *word)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && strstr(rp->message, word) == NULL) {
		fprintf(stderr, "    \"%s\" does not name %s\n", rp->message, word);
		st = -2;
	}
	return status_of(rp) == -1 ? -1 : st;
}

static bool
setup(struct fixture *f, uint32_t units)
{
	struct client *eng;
	Yoke__Reply *rp;
	bool ok;
	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL)
		return false;
	if ((eng = harness_engineer(f->y, f->p, "lots")) == NULL)
		return false;
	rp = harness_release(eng, "WO1", "GADGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	client_free(eng);
	f->dock = harness_client(f->y, "DOCK-1@it");
	f->assy = harness_client(f->y, "ASSY-1@it");
	f->desk = harness_client(f->y, "harness-desk");
	ok = ok && status_of(harness_badge_in(f->dock, "DOCK-1", "110")) == OK;
	ok = ok && status_of(harness_badge_in(f->assy, "ASSY-1", "100")) == OK;
	return ok && harness_sign_in(f->desk, "200");
}

static void
teardown(struct fixture *f)
{
	client_free(f->dock);
	client_free(f->assy);
	client_free(f->desk);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

/* A receipt: the label (NULL none) and what is typed (NULL or 0: not). */
static Yoke__Reply *
receive(struct client *c, const char *label, const char *part, const char *supplier,
    const char *lot, double qty, const char *expiry)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	r.label = (char *)(label ? label : "");
	r.part = (char *)(part ? part : "");
	r.supplier = (char *)(supplier ? supplier : "");
	r.supplier_lot = (char *)(lot ? lot : "");
	r.qty = qty;
	r.expiry = (char *)(expiry ? expiry : "");
	r.purchase_order = (char *)"PO-4711";
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	return harness_call(c, &rq, 3);
}

/* Receives and returns the lot's id into id (or "" when refused). */
static void
received(struct client *c, const char *label, const char *lot, double qty, const char *expiry,
    char *id, size_t idsz)
{
	Yoke__Reply *rp = receive(c, label, label ? NULL : "IC-555", label ? NULL : "ACME", lot, qty,
	    expiry);
	id[0] = '\0';
	if (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_LOTS && rp->lots->n_lots == 1)
		snprintf(id, idsz, "%s", rp->lots->lots[0]->id);
	else
		fprintf(stderr, "    receive refused: %s\n", rp ? rp->message : "(silence)");
	client_reply_free(rp);
}

static Yoke__Lot *
lot_of(struct client *c, const char *id, Yoke__Reply **keep)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotQuery q = YOKE__LOT_QUERY__INIT;
	q.id = (char *)id;
	rq.body_case = YOKE__REQUEST__BODY_LOTS;
	rq.lots = &q;
	*keep = harness_call(c, &rq, 3);
	if (*keep == NULL || (*keep)->status != OK || (*keep)->lots->n_lots != 1)
		return NULL;
	return (*keep)->lots->lots[0];
}

static Yoke__Reply *
lot_status(struct client *c, const char *id, Yoke__LotStatus st, const char *reason,
    const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotStatusChange x = YOKE__LOT_STATUS_CHANGE__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT;
	x.lot = (char *)id;
	x.status = st;
	x.reason = (char *)reason;
	if (badge) {
		s.badge = (char *)badge;
		s.pin = (char *)HARNESS_PIN;
		x.signature = &s;
	}
	rq.body_case = YOKE__REQUEST__BODY_LOT_STATUS;
	rq.lot_status = &x;
	return harness_call(c, &rq, 3);
}

/* The reply of the IC scan "IC-555/<text>" of the unit waiting at it: the
 * last one, when its scan was refused, else the next one opened and its
 * board scanned. */
static Yoke__Reply *
scan_ic(struct fixture *f, const char *text, char *serial, size_t serialsz)
{
	char board[32], ic[96];
	Yoke__Reply *rp;
	if (!f->pending) {
		int i = ++f->built;
		snprintf(serial, serialsz, "WO1-%04d", i);
		snprintf(board, sizeof board, "BOARD-1/B%d", i);
		if (status_of(harness_open_unit(f->assy, serial)) != OK ||
		    status_of(harness_step_scan(f->assy, serial, 0, board)) != OK)
			return NULL;
		f->pending = true;
	}
	snprintf(serial, serialsz, "WO1-%04d", f->built);
	snprintf(ic, sizeof ic, "IC-555/%s", text);
	rp = harness_step_scan(f->assy, serial, 1, ic);
	if (rp && rp->status == OK)
		f->pending = false;
	return rp;
}

static int
scan_status(struct fixture *f, const char *text)
{
	char serial[32];
	return status_of(scan_ic(f, text, serial, sizeof serial));
}

static void
test_label_forms(void)
{
	struct fixture f;
	char id[32];
	Yoke__Reply *rp, *keep;
	Yoke__Lot *l;
	REQUIRE(setup(&f, 1));

	/* AIM ]C1, GS after the variable-length lot, quantity (30). */
	received(f.dock, "]C101" GTIN "10LOT-A\x1d" "17271231" "30500", NULL, 0, NULL, id, sizeof id);
	CHECK_STR(id, "L-000001");
	REQUIRE((l = lot_of(f.desk, "L-000001", &keep)) != NULL);
	CHECK_STR(l->part, "IC-555");
	CHECK_STR(l->supplier, "ACME");      /* the part's only supplier= */
	CHECK_STR(l->supplier_lot, "LOT-A");
	CHECK_STR(l->expiry, "2027-12-31");
	CHECK(l->qty_received == 500);
	CHECK_STR(l->gtin, GTIN);
	CHECK_STR(l->label, "(01)" GTIN "(10)LOT-A(17)271231(30)500");
	client_reply_free(keep);

	/* The (AI) form; day 00 of (17) is the month's last day. */
	received(f.dock, "(01)" GTIN "(17)280200(10)LOT-B", NULL, 20, NULL, id, sizeof id);
	CHECK_STR(id, "L-000002");
	REQUIRE((l = lot_of(f.desk, "L-000002", &keep)) != NULL);
	CHECK_STR(l->expiry, "2028-02-29");
	CHECK(l->qty_received == 20);        /* typed: the label has no quantity */
	client_reply_free(keep);

	/* A Digital Link, with ]Q1 before it. */
	received(f.dock, "]Q1https://id.example.com/01/" GTIN "/10/LOT-C?17=290131&30=40", NULL, 0,
	    NULL, id, sizeof id);
	CHECK_STR(id, "L-000003");

	/* The same label again: that lot, nothing new. */
	rp = receive(f.dock, "(01)" GTIN "(17)280200(10)LOT-B", NULL, NULL, NULL, 20, NULL);
	REQUIRE(rp && rp->status == OK);
	CHECK(rp->lots->already_received);
	CHECK_STR(rp->lots->lots[0]->id, "L-000002");
	client_reply_free(rp);

	/* Refusals: a GTIN no part has (named), a lot typed against the
	 * label's (both named), a label without its quantity and none typed, a
	 * supplier not in the definitions, a label that is no GS1 label. */
	CHECK_INT(naming(receive(f.dock, "(01)09521234543220(10)X", NULL, NULL, NULL, 5, NULL),
	    "09521234543220"), YOKE__STATUS__STATUS_LABEL_MISMATCH);
	rp = receive(f.dock, "(01)" GTIN "(10)LOT-D", NULL, NULL, "LOT-E", 5, NULL);
	CHECK(rp && strstr(rp->message, "LOT-D") && strstr(rp->message, "LOT-E"));
	CHECK_INT(status_of(rp), YOKE__STATUS__STATUS_LABEL_MISMATCH);
	CHECK_INT(naming(receive(f.dock, "(01)" GTIN "(10)LOT-D(30)5", "BOARD-1", NULL, NULL, 0,
	    NULL), "BOARD-1"), YOKE__STATUS__STATUS_LABEL_MISMATCH);
	CHECK_INT(status_of(receive(f.dock, "(01)" GTIN "(10)LOT-D", NULL, NULL, NULL, 0, NULL)),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(naming(receive(f.dock, NULL, "IC-555", "NOBODY", "LOT-D", 5, NULL), "NOBODY"),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(receive(f.dock, "LOT-D", NULL, NULL, NULL, 5, NULL)),
	    YOKE__STATUS__STATUS_BAD_SCAN);
	/* Nothing of the refusals was stored. */
	received(f.dock, NULL, "LOT-D", 5, NULL, id, sizeof id);
	CHECK_STR(id, "L-000004");
	teardown(&f);
}

static void
test_scan_refusals(void)
{
	struct fixture f;
	char id[32], serial[32];
	Yoke__Reply *rp, *keep;
	Yoke__Lot *l;
	REQUIRE(setup(&f, 10));

	/* Never received: IC-555 is lots=received. */
	CHECK_INT(naming(scan_ic(&f, "LOT-NEVER", serial, sizeof serial), "LOT-NEVER"),
	    YOKE__STATUS__STATUS_LOT_NOT_RECEIVED);

	/* Expired by its date (received after it expired: the papers say so). */
	received(f.dock, NULL, "LOT-OLD", 10, "2020-01-31", id, sizeof id);
	CHECK_INT(naming(scan_ic(&f, "LOT-OLD", serial, sizeof serial), "2020-01-31"),
	    YOKE__STATUS__STATUS_LOT_NOT_USABLE);

	/* A released lot by its supplier lot, then by the internal label's id. */
	received(f.dock, NULL, "LOT-GOOD", 3, "2030-12-31", id, sizeof id);
	CHECK_STR(id, "L-000002");
	CHECK_INT(scan_status(&f, "LOT-GOOD"), OK);
	rp = scan_ic(&f, "L-000002", serial, sizeof serial);
	CHECK_INT(rp ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	/* Recorded as the supplier's lot (genealogy), with the lot id. */
	rp = harness_trace(f.desk, serial);
	REQUIRE(rp && rp->status == OK);
	bool seen = false;
	for (size_t i = 0; i < rp->trace->n_events; i++) {
		const Yoke__Event *ev = rp->trace->events[i];
		if (ev->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED && strcmp(ev->part, "IC-555") == 0)
			seen = strcmp(ev->lot, "LOT-GOOD") == 0 && strcmp(ev->lot_id, "L-000002") == 0;
	}
	CHECK(seen);
	client_reply_free(rp);

	/* Blocked: refused with the reason; released: taken again. */
	CHECK_INT(status_of(lot_status(f.desk, "L-000002", YOKE__LOT_STATUS__LOT_BLOCKED,
	    "supplier recall notice 77", "300")), OK);
	CHECK_INT(naming(scan_ic(&f, "LOT-GOOD", serial, sizeof serial), "supplier recall notice 77"),
	    YOKE__STATUS__STATUS_LOT_NOT_USABLE);
	CHECK_INT(status_of(lot_status(f.desk, "L-000002", YOKE__LOT_STATUS__LOT_QUARANTINED,
	    "sort pending", "200")), OK);
	CHECK_INT(naming(scan_ic(&f, "L-000002", serial, sizeof serial), "quarantined"),
	    YOKE__STATUS__STATUS_LOT_NOT_USABLE);
	CHECK_INT(status_of(lot_status(f.desk, "L-000002", YOKE__LOT_STATUS__LOT_RELEASED,
	    "sorted, all good", "200")), OK);

	/* Consumption: 3 received, 2 used; the third scan runs it out (said,
	 * not stopped); a fourth takes the count below 0. */
	rp = scan_ic(&f, "LOT-GOOD", serial, sizeof serial);
	REQUIRE(rp);
	CHECK_INT(rp->status, OK);
	CHECK(strstr(rp->message, "ran out") != NULL);
	client_reply_free(rp);
	CHECK_INT(scan_status(&f, "LOT-GOOD"), OK);
	REQUIRE((l = lot_of(f.desk, "L-000002", &keep)) != NULL);
	CHECK(l->qty_left == -1 && l->qty_received == 3);
	client_reply_free(keep);
	teardown(&f);
}

/* A returned lot's NCR marks the lot record rejected: refused at the scan
 * by the lot_refused table and by the record. */
static void
test_ncr_rejects(void)
{
	struct fixture f;
	char id[32], serial[32];
	Yoke__Reply *keep;
	Yoke__Lot *l;
	REQUIRE(setup(&f, 4));
	received(f.dock, NULL, "LOT-BAD", 100, NULL, id, sizeof id);
	CHECK_INT(scan_status(&f, "LOT-BAD"), OK);

	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrRaise nr = YOKE__NCR_RAISE__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT;
	s.badge = (char *)"200";
	s.pin = (char *)HARNESS_PIN;
	d.code = (char *)"SOLDER";
	nr.part = (char *)"IC-555";
	nr.lot = (char *)"LOT-BAD";
	nr.defect = &d;
	nr.signature = &s;
	rq.body_case = YOKE__REQUEST__BODY_RAISE_NCR;
	rq.raise_ncr = &nr;
	Yoke__Reply *rp = harness_call(f.desk, &rq, 3);
	if (rp && rp->status != OK)
		fprintf(stderr, "    raise: %s\n", rp->message);
	REQUIRE(rp && rp->status == OK && rp->ncrs->n_ncrs == 1);
	char *ncr = xstrdup(rp->ncrs->ncrs[0]->number);
	client_reply_free(rp);

	Yoke__Request dq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition nd = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature e = YOKE__SIGNATURE__INIT, *es[] = { &e };
	e.badge = (char *)"900";
	e.pin = (char *)HARNESS_PIN;
	nd.number = ncr;
	nd.kind = YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER;
	nd.note = (char *)"back to Acme";
	nd.signatures = es;
	nd.n_signatures = 1;
	dq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	dq.disposition = &nd;
	CHECK_INT(status_of(harness_call(f.desk, &dq, 3)), OK);
	Yoke__Request cq = YOKE__REQUEST__INIT;
	Yoke__NcrClose nc = YOKE__NCR_CLOSE__INIT;
	nc.number = ncr;
	nc.signature = &e;
	cq.body_case = YOKE__REQUEST__BODY_CLOSE_NCR;
	cq.close_ncr = &nc;
	CHECK_INT(status_of(harness_call(f.desk, &cq, 3)), OK);

	REQUIRE((l = lot_of(f.desk, id, &keep)) != NULL);
	CHECK_INT(l->status, YOKE__LOT_STATUS__LOT_REJECTED);
	client_reply_free(keep);
	rp = scan_ic(&f, "LOT-BAD", serial, sizeof serial);
	CHECK(rp && rp->status != OK);     /* refused by the lot_refused table first */
	client_reply_free(rp);
	/* A rejected lot: released only by an engineer. */
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_RELEASED, "MRB: use",
	    "200")), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	free(ncr);
	teardown(&f);
}

static void
test_status_signed(void)
{
	struct fixture f;
	char id[32];
	REQUIRE(setup(&f, 1));
	received(f.dock, NULL, "LOT-S", 10, NULL, id, sizeof id);

	/* Unsigned, and signed by an operator: refused. */
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_BLOCKED, "why", NULL)),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_BLOCKED, "why", "100")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	/* No reason; a status not set by hand. */
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_BLOCKED, "", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_REJECTED, "x", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	/* A lead blocks; a lead may not release; an inspector does. */
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_BLOCKED, "why", "300")), OK);
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_BLOCKED, "again", "300")),
	    YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_RELEASED, "ok", "300")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	/* The inspector's badge scanned with the scanner's AIM identifier. */
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_RELEASED, "ok", "]C1200")), OK);
	CHECK_INT(status_of(lot_status(f.desk, id, YOKE__LOT_STATUS__LOT_RELEASED, "ok", "200")),
	    YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(lot_status(f.desk, "L-000099", YOKE__LOT_STATUS__LOT_BLOCKED, "x", "200")),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	/* An operator at a station may not send it at all. */
	CHECK_INT(status_of(lot_status(f.dock, id, YOKE__LOT_STATUS__LOT_BLOCKED, "x", "110")),
	    YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	teardown(&f);
}

int
main(void)
{
	RUN(test_label_forms);
	RUN(test_scan_refusals);
	RUN(test_ncr_rejects);
	RUN(test_status_signed);
	return check_done();
}
