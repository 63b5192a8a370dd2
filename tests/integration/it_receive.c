/*
 * it_receive.c — receiving lots against a real yoked (server/material/):
 * a lot received at a RECEIVING station gets yoke's own id and is
 * released when its part has no incoming inspection; the same supplier
 * lot received again is recognised, not duplicated; what the papers say is
 * checked (part, supplier, lot, quantity, a real expiry date); an operator
 * receives only at a RECEIVING station; the lots query finds a lot by id,
 * part and status. Plant: tests/data/plant-materials.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-materials"

static Yoke__Reply *
receive(struct client *c, const char *part, const char *supplier, const char *lot, double qty,
    const char *expiry)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	r.part = (char *)part;
	r.supplier = (char *)supplier;
	r.supplier_lot = (char *)lot;
	r.qty = qty;
	r.expiry = (char *)expiry;
	r.purchase_order = (char *)"PO-4711";
	r.po_line = (char *)"1";
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	return harness_call(c, &rq, 3);
}

static Yoke__Reply *
lots(struct client *c, const char *id, const char *part, Yoke__LotStatus st)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotQuery q = YOKE__LOT_QUERY__INIT;
	q.id = (char *)id;
	q.part = (char *)part;
	q.status = st;
	rq.body_case = YOKE__REQUEST__BODY_LOTS;
	rq.lots = &q;
	return harness_call(c, &rq, 3);
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

static void
test_receive_once(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(PLANT, &p);
	REQUIRE(y);
	struct client *dock = harness_client(y, "DOCK-1@it");
	Yoke__Reply *rp = harness_badge_in(dock, "DOCK-1", "110");
	CHECK_INT(status_of(rp), OK);

	rp = receive(dock, "IC-555", "ACME", "LOT-2411-07", 3000, "2027-06-30");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_LOTS);
	REQUIRE(rp->lots->n_lots == 1);
	Yoke__Lot *l = rp->lots->lots[0];
	CHECK_STR(l->id, "L-000001");
	CHECK_INT(l->status, YOKE__LOT_STATUS__LOT_RELEASED);
	CHECK(!rp->lots->already_received);
	CHECK_STR(l->received_by, "110");
	CHECK(l->qty_left == 3000 && l->qty_received == 3000);
	CHECK_STR(l->expiry, "2027-06-30");
	CHECK(l->received_seq > 0);
	client_reply_free(rp);

	/* The same label again: that lot, nothing new. */
	rp = receive(dock, "IC-555", "ACME", "LOT-2411-07", 3000, "2027-06-30");
	REQUIRE(rp && rp->status == OK);
	CHECK(rp->lots->already_received);
	CHECK_STR(rp->lots->lots[0]->id, "L-000001");
	client_reply_free(rp);
	/* Another supplier's lot with the same text is another lot. */
	rp = receive(dock, "IC-555", "OTHER", "LOT-2411-07", 10, "");
	REQUIRE(rp && rp->status == OK);
	CHECK_STR(rp->lots->lots[0]->id, "L-000002");
	client_reply_free(rp);

	rp = lots(dock, "L-000001", "", 0);
	REQUIRE(rp && rp->status == OK && rp->lots->n_lots == 1);
	CHECK_STR(rp->lots->lots[0]->supplier_lot, "LOT-2411-07");
	client_reply_free(rp);
	rp = lots(dock, "", "IC-555", YOKE__LOT_STATUS__LOT_RELEASED);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->lots->n_lots, 2);
	CHECK_STR(rp->lots->lots[0]->id, "L-000002");   /* newest first */
	client_reply_free(rp);
	CHECK_INT(status_of(lots(dock, "L-000099", "", 0)), YOKE__STATUS__STATUS_NOT_FOUND);

	client_free(dock);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_papers_checked(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(PLANT, &p);
	REQUIRE(y);
	struct client *dock = harness_client(y, "DOCK-1@it");
	struct client *assy = harness_client(y, "ASSY-1@it");
	CHECK_INT(status_of(harness_badge_in(dock, "DOCK-1", "110")), OK);
	CHECK_INT(status_of(harness_badge_in(assy, "ASSY-1", "100")), OK);

	CHECK_INT(status_of(receive(dock, "NO-SUCH", "ACME", "L1", 1, "")),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(receive(dock, "BOARD-1", "", "L1", 1, "")), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(receive(dock, "IC-555", "ACME", "", 1, "")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(receive(dock, "IC-555", "ACME", "L1", 0, "")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(receive(dock, "IC-555", "ACME", "L1", -5, "")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(receive(dock, "IC-555", "ACME", "L1", 1, "2027-02-29")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(receive(dock, "IC-555", "ACME", "L1", 1, "270630")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	/* An operator at an assembly bench does not receive. */
	CHECK_INT(status_of(receive(assy, "IC-555", "ACME", "L1", 1, "")),
	    YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	/* Nothing of the refusals was stored: the next lot is the first. */
	Yoke__Reply *rp = receive(dock, "IC-555", "ACME", "L1", 1, "2028-02-29");
	REQUIRE(rp && rp->status == OK);
	CHECK_STR(rp->lots->lots[0]->id, "L-000001");
	client_reply_free(rp);

	client_free(dock);
	client_free(assy);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_receive_once);
	RUN(test_papers_checked);
	return check_done();
}
