/*
 * it_load_wip.c — a load may not change what work in progress depends on,
 * against a real yoked:
 *
 *   - a part's tracking, while a unit that is not done has a routing with
 *     a scan step of that part: CONFLICT naming the units, nothing of the
 *     load stored; accepted for a part no such unit scans, and once the
 *     units are done;
 *   - a station's kind, while a unit is open (IN_WORK) at that station:
 *     CONFLICT naming the unit; accepted once it is not open there, and
 *     units merely queued for the kind do not hold it.
 *
 * Plant: tests/data/plant-small (WIDGET op 10 at ASSY scans BOARD-1,
 * CELL x2 and IC-555 (lot); op 20 at TEST scans SCREW-M3 (none); IC-556 is
 * on no BOM).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define CONFLICT YOKE__STATUS__STATUS_CONFLICT

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *c;        /* badged in at ASSY-1 as 102 (qualified for WIDGET) */
	struct client *eng;      /* signed in as the engineer */
};

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	if (rp && st != OK)
		fprintf(stderr, "  %s: %s\n", status_name(st), rp->message);
	client_reply_free(rp);
	return st;
}

static bool
setup(struct fixture *f, uint32_t units)
{
	memset(f, 0, sizeof *f);
	f->y = harness_start_loaded(HARNESS_SMALL_PLANT, &f->p);
	if (f->y == NULL)
		return false;
	f->c = harness_client(f->y, "ASSY-1@wip");
	f->eng = harness_client(f->y, "engineer@wip");
	return status_of(harness_release(f->eng, "WO1", "WIDGET", units, "2030-01-31", 0, NULL)) == OK &&
	    status_of(harness_badge_in(f->c, "ASSY-1", "102")) == OK;
}

static void
teardown(struct fixture *f)
{
	client_free(f->c);
	client_free(f->eng);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static Yoke__Reply *
load(struct fixture *f, const char *text)
{
	const char *names[] = { "change.def" };
	const char *texts[] = { text };
	return harness_load_files(f->eng, names, texts, 1, false);
}

/* Op 10 of a WIDGET unit at ASSY-1 with IC-555 lot `lot`. */
static bool
build_op10(struct fixture *f, const char *serial, int n, const char *lot)
{
	char label[64];
	uint32_t s = 0;
	bool ok = status_of(harness_open_unit(f->c, serial)) == OK &&
	    status_of(harness_step_confirm(f->c, serial, s++)) == OK;
	snprintf(label, sizeof label, "BOARD-1/B-%d", n);
	ok = ok && status_of(harness_step_scan(f->c, serial, s++, label)) == OK;
	snprintf(label, sizeof label, "CELL/C-%d-a", n);
	ok = ok && status_of(harness_step_scan(f->c, serial, s, label)) == OK;
	snprintf(label, sizeof label, "CELL/C-%d-b", n);
	ok = ok && status_of(harness_step_scan(f->c, serial, s++, label)) == OK;
	snprintf(label, sizeof label, "IC-555/%s", lot);
	return ok && status_of(harness_step_scan(f->c, serial, s++, label)) == OK &&
	    status_of(harness_step_value(f->c, serial, s++, 5.0)) == OK &&
	    status_of(harness_step_pass(f->c, serial, s++, true)) == OK &&
	    status_of(harness_step_inspection(f->c, serial, s++, true, "200", "")) == OK &&
	    status_of(harness_complete(f->c, serial)) == OK;
}

static void
test_tracking_refused_while_units_scan_it(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 5));
	/* IC-555 lot -> serial, with a new station in the same load. */
	rp = load(&f, "part IC-555 \"Timer IC\" rev=A tracking=serial\n"
	    "station ASSY-9 \"Assembly bench 9\" kind=ASSY\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, CONFLICT);
	CHECK(strstr(rp->message, "change.def:1: part IC-555") != NULL);
	CHECK(strstr(rp->message, "lot cannot become serial") != NULL);
	CHECK(strstr(rp->message, "while 5 units not done scan it in their routing: "
	    "WO1-0001 (op 10 Assembly), WO1-0002 (op 10 Assembly), WO1-0003 (op 10 Assembly) "
	    "and 2 more;") != NULL);
	fprintf(stderr, "  refused: %s\n", rp->message);
	client_reply_free(rp);
	/* Nothing of the load is stored: no ASSY-9, and IC-555 is still by
	 * lot (two units take the same lot, which a serial would refuse). */
	CHECK_INT(status_of(harness_queue(f.c, "ASSY-9")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK(build_op10(&f, "WO1-0001", 1, "LOT-A"));
	CHECK(build_op10(&f, "WO1-0002", 2, "LOT-A"));
	/* A dry run is refused alike. */
	const char *names[] = { "change.def" };
	const char *texts[] = { "part IC-555 \"Timer IC\" rev=A tracking=none\n" };
	rp = harness_load_files(f.eng, names, texts, 1, true);
	CHECK(rp && rp->status == CONFLICT && strstr(rp->message, "WO1-0003 (op 10") != NULL);
	client_reply_free(rp);
	/* Units at op 20 still have IC-555 in their routing (the queue is
	 * walked in key order: ASSY before TEST); SCREW-M3 (op 20) too. */
	rp = load(&f, "part IC-555 \"Timer IC\" rev=A tracking=serial\n");
	CHECK(rp && rp->status == CONFLICT && strstr(rp->message, "WO1-0005 (op 10 Assembly) "
	    "and 2 more") != NULL);
	client_reply_free(rp);
	rp = load(&f, "part SCREW-M3 \"Screw M3x6\" rev=A tracking=lot\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, CONFLICT);
	CHECK(strstr(rp->message, "none cannot become lot while 5 units") != NULL);
	client_reply_free(rp);
	/* A part no unit's routing scans may change. */
	CHECK_INT(status_of(load(&f, "part IC-556 \"Dual timer IC\" rev=A tracking=serial\n")), OK);
	teardown(&f);
}

static void
test_tracking_accepted_once_done(void)
{
	struct fixture f;
	struct client *t;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	REQUIRE(build_op10(&f, "WO1-0001", 1, "LOT-A"));
	rp = load(&f, "part IC-555 \"Timer IC\" rev=A tracking=serial\n");
	CHECK(rp && rp->status == CONFLICT && strstr(rp->message, "1 unit not done scans it "
	    "in its routing: WO1-0001 (op 20 Final test)") != NULL);
	client_reply_free(rp);
	/* Op 20 at TEST-1: the unit is DONE and leaves the queue. */
	t = harness_client(f.y, "TEST-1@wip");
	CHECK_INT(status_of(harness_badge_in(t, "TEST-1", "101")), OK);
	CHECK_INT(status_of(harness_do_operation(t, f.p, "WO1-0001", "200", "T", NULL)), OK);
	client_free(t);
	rp = load(&f, "part IC-555 \"Timer IC\" rev=A tracking=serial\n"
	    "part SCREW-M3 \"Screw M3x6\" rev=A tracking=lot\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	/* Stored: a new unit must now give IC-555 a serial used once. */
	CHECK_INT(status_of(harness_release(f.eng, "WO2", "WIDGET", 2, "2030-01-31", 0, NULL)), OK);
	CHECK(build_op10(&f, "WO2-0001", 3, "S-1"));
	CHECK(!build_op10(&f, "WO2-0002", 4, "S-1"));
	teardown(&f);
}

static void
test_kind_refused_while_unit_open_there(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 2));
	CHECK_INT(status_of(harness_open_unit(f.c, "WO1-0001")), OK);
	rp = load(&f, "station ASSY-1 \"Assembly bench 1\" kind=TEST\n"
	    "operator 310 \"New Person\" role=operator qualified=WIDGET/10\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, CONFLICT);
	CHECK(strstr(rp->message, "change.def:1: station ASSY-1") != NULL);
	CHECK(strstr(rp->message, "kind ASSY cannot become TEST") != NULL);
	CHECK(strstr(rp->message, "1 unit is open there: WO1-0001 (op 10 Assembly)") != NULL);
	CHECK(strstr(rp->message, "WO1-0002") == NULL);    /* only queued: not at the station */
	fprintf(stderr, "  refused: %s\n", rp->message);
	client_reply_free(rp);
	/* Nothing stored: the operator of the same load cannot badge in. */
	struct client *o = harness_client(f.y, "ASSY-2@wip");
	CHECK_INT(status_of(harness_badge_in(o, "ASSY-2", "310")), YOKE__STATUS__STATUS_NOT_FOUND);
	client_free(o);
	/* The unit goes on at ASSY-1 as before, and once it is done there the
	 * kind may change (WO1-0002, queued for ASSY, has ASSY-2). */
	CHECK(build_op10(&f, "WO1-0001", 1, "LOT-A"));
	CHECK_INT(status_of(load(&f, "station ASSY-1 \"Assembly bench 1\" kind=TEST\n")), OK);
	rp = harness_queue(f.c, "ASSY-1");
	CHECK(rp && rp->status == OK && rp->queue && strcmp(rp->queue->station_kind, "TEST") == 0);
	client_reply_free(rp);
	teardown(&f);
}

int
main(void)
{
	RUN(test_tracking_refused_while_units_scan_it);
	RUN(test_tracking_accepted_once_done);
	RUN(test_kind_refused_while_unit_open_there);
	return check_done();
}
