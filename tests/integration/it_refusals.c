/*
 * it_refusals.c — a hand-made client that breaks the rules is refused by a
 * real yoked, each time with its own status code and words, and a refusal
 * leaves nothing behind. Plant: tests/data/plant-small (WIDGET, op 10 at
 * ASSY: instruct, scan BOARD-1, scan CELL x2, scan IC-555, measure supply,
 * check, inspection by an inspector; op 20 at TEST).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK

/* Step indexes of op 10 in the fixture plant. */
enum { S_INSTRUCT, S_BOARD, S_CELL, S_IC, S_SUPPLY, S_CHECK, S_INSPECT, S_COUNT };

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *c;        /* badged in at ASSY-1 as 100 (qualified for op 10) */
	struct client *eng;      /* signed in as the plant's engineer */
};

static bool
setup(struct fixture *f, uint32_t units)
{
	Yoke__Reply *rp;
	memset(f, 0, sizeof *f);
	f->y = harness_start_loaded(HARNESS_SMALL_PLANT, &f->p);
	if (f->y == NULL)
		return false;
	f->c = harness_client(f->y, "ASSY-1@it");
	f->eng = harness_engineer(f->y, f->p, "it");
	if (f->eng == NULL)
		return false;
	rp = harness_release(f->eng, "WO1", "WIDGET", units, "2030-01-31", 0, NULL);
	bool ok = rp && rp->status == OK;
	if (!ok)
		fprintf(stderr, "  release: %s %s\n", rp ? status_name(rp->status) : "no answer",
		    rp ? rp->message : "");
	client_reply_free(rp);
	rp = harness_badge_in(f->c, "ASSY-1", "100");
	if (!rp || rp->status != OK)
		fprintf(stderr, "  badge in: %s %s\n", rp ? status_name(rp->status) : "no answer",
		    rp ? rp->message : "");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok;
}

static void
teardown(struct fixture *f)
{
	client_free(f->c);
	client_free(f->eng);
	CHECK_INT(harness_yoked_stop(f->y), 0);     /* a clean stop, every time */
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

/* Opens the unit and does its op-10 steps right up to (not including) `upto`. */
static bool
work_until(struct fixture *f, const char *serial, uint32_t upto, const char *id)
{
	Yoke__Reply *rp = harness_open_unit(f->c, serial);
	unsigned n = 0;
	while (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->current_step < upto) {
		char sid[64];
		snprintf(sid, sizeof sid, "%s%u", id, n++);
		Yoke__Reply *next = harness_step_right(f->c, f->p, rp->unit, "200", sid);
		client_reply_free(rp);
		rp = next;
	}
	bool ok = rp && rp->status == OK && rp->unit && rp->unit->current_step == upto;
	if (!ok)
		fprintf(stderr, "work_until %s step %u: %s %s\n", serial, upto,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
	client_reply_free(rp);
	return ok;
}

static Yoke__TraceReply *
trace_of(struct client *c, const char *serial, Yoke__Reply **keep)
{
	*keep = harness_trace(c, serial);
	if (*keep == NULL || (*keep)->status != OK || (*keep)->body_case != YOKE__REPLY__BODY_TRACE)
		return NULL;
	return (*keep)->trace;
}

static void
test_inspection_required(void)
{
	struct fixture f;
	Yoke__Reply *rp, *tr;
	REQUIRE(setup(&f, 2));
	REQUIRE(work_until(&f, "WO1-0001", S_INSPECT, "S"));
	rp = harness_complete(f.c, "WO1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_INSPECTION_REQUIRED);
	CHECK(strstr(rp->message, "Visual: no bent pins") != NULL);
	client_reply_free(rp);
	/* Skipping from the very start is the same refusal. */
	REQUIRE(work_until(&f, "WO1-0002", S_INSTRUCT, "T"));
	CHECK_INT(status_of(harness_complete(f.c, "WO1-0002")),
	    YOKE__STATUS__STATUS_INSPECTION_REQUIRED);
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	CHECK(t != NULL);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_COMPLETED), 0);
	if (t) {
		CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
		CHECK_INT(t->unit->current_step, S_INSPECT);
	}
	client_reply_free(tr);
	teardown(&f);
}

static void
test_wrong_station(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	struct client *t = harness_client(f.y, "TEST-1@it");
	rp = harness_badge_in(t, "TEST-1", "102");      /* qualified for every operation */
	CHECK_INT(status_of(rp), OK);
	rp = harness_open_unit(t, "WO1-0001");          /* due at op 10 (ASSY), not op 20 */
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_WRONG_STATION);
	CHECK(strstr(rp->message, "op 10") != NULL);
	CHECK(strstr(rp->message, "ASSY") != NULL);
	CHECK_INT(rp->body_case, YOKE__REPLY__BODY__NOT_SET);
	client_reply_free(rp);
	/* Nothing started: the unit is still queued for op 10 at ASSY. */
	rp = harness_queue(t, "ASSY-1");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->queue->n_entries, 1);
	if (rp->queue->n_entries == 1) {
		CHECK_STR(rp->queue->entries[0]->serial, "WO1-0001");
		CHECK_INT(rp->queue->entries[0]->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
		CHECK_INT(rp->queue->entries[0]->operation, 10);
	}
	client_reply_free(rp);
	client_free(t);
	teardown(&f);
}

static void
test_serial_already_used(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 2));
	REQUIRE(work_until(&f, "WO1-0001", S_BOARD, "A"));
	CHECK_INT(status_of(harness_step_scan(f.c, "WO1-0001", S_BOARD, "BOARD-1/B100")), OK);
	/* The same cell serial twice in one unit. */
	CHECK_INT(status_of(harness_step_scan(f.c, "WO1-0001", S_CELL, "CELL/C1")), OK);
	rp = harness_step_scan(f.c, "WO1-0001", S_CELL, "CELL/C1");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_SERIAL_ALREADY_USED);
	CHECK(strstr(rp->message, "WO1-0001") != NULL);
	client_reply_free(rp);
	/* And across units: unit 2 tries the board built into unit 1. */
	REQUIRE(work_until(&f, "WO1-0002", S_BOARD, "B"));
	rp = harness_step_scan(f.c, "WO1-0002", S_BOARD, "BOARD-1/B100");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_SERIAL_ALREADY_USED);
	CHECK(strstr(rp->message, "WO1-0001") != NULL);
	CHECK(strstr(rp->message, "B100") != NULL);
	client_reply_free(rp);
	/* The refused scans left nothing: one cell scanned on unit 1, none on 2. */
	Yoke__Reply *tr;
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 2);
	if (t) {
		CHECK_INT(t->unit->current_step, S_CELL);
		CHECK_INT(t->unit->steps[S_CELL]->scanned, 1);
	}
	client_reply_free(tr);
	t = trace_of(f.c, "WO1-0002", &tr);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 0);
	if (t)
		CHECK_INT(t->unit->current_step, S_BOARD);
	client_reply_free(tr);
	/* A fresh serial is fine. */
	CHECK_INT(status_of(harness_step_scan(f.c, "WO1-0002", S_BOARD, "BOARD-1/B101")), OK);
	teardown(&f);
}

static void
test_wrong_part(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(&f, "WO1-0001", S_BOARD, "A"));
	/* A part that is not on the BOM at all. */
	rp = harness_step_scan(f.c, "WO1-0001", S_BOARD, "IC-556/L7");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_WRONG_PART);
	CHECK_STR(rp->message, "Wrong part: scanned IC-556, this step needs BOARD-1");
	client_reply_free(rp);
	/* A part on the BOM, but not this step's. */
	rp = harness_step_scan(f.c, "WO1-0001", S_BOARD, "SCREW-M3");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_WRONG_PART);
	CHECK_STR(rp->message, "Wrong part: scanned SCREW-M3, this step needs BOARD-1");
	client_reply_free(rp);
	/* Not a component label at all. */
	CHECK_INT(status_of(harness_step_scan(f.c, "WO1-0001", S_BOARD, "BOARD-1/X/Y")),
	    YOKE__STATUS__STATUS_BAD_SCAN);
	Yoke__Reply *tr;
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	CHECK(t != NULL);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 0);
	if (t)
		CHECK_INT(t->unit->current_step, S_BOARD);
	client_reply_free(tr);
	teardown(&f);
}

static void
test_wrong_step(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(&f, "WO1-0001", S_INSTRUCT, "A"));
	/* A step ahead of the current one. */
	rp = harness_step_confirm(f.c, "WO1-0001", S_CHECK);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_WRONG_STEP);
	CHECK(strstr(rp->message, "current step is 1") != NULL);
	client_reply_free(rp);
	/* Far out of range. */
	CHECK_INT(status_of(harness_step_confirm(f.c, "WO1-0001", 99)), YOKE__STATUS__STATUS_WRONG_STEP);
	/* The current step, but the wrong kind of entry. */
	CHECK_INT(status_of(harness_step_value(f.c, "WO1-0001", S_INSTRUCT, 5.0)),
	    YOKE__STATUS__STATUS_WRONG_STEP);
	/* A step that is already done. */
	CHECK_INT(status_of(harness_step_confirm(f.c, "WO1-0001", S_INSTRUCT)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.c, "WO1-0001", S_INSTRUCT)),
	    YOKE__STATUS__STATUS_WRONG_STEP);
	/* A step on a unit that is not open here. */
	struct client *other = harness_client(f.y, "ASSY-2@it");
	CHECK_INT(status_of(harness_badge_in(other, "ASSY-2", "102")), OK);
	CHECK_INT(status_of(harness_step_scan(other, "WO1-0001", S_BOARD, "BOARD-1/B1")),
	    YOKE__STATUS__STATUS_WRONG_STEP);
	client_free(other);
	Yoke__Reply *tr;
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_STEP_CONFIRMED), 1);
	client_reply_free(tr);
	teardown(&f);
}

static void
test_not_qualified(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	struct client *t = harness_client(f.y, "ASSY-2@it");
	rp = harness_badge_in(t, "ASSY-2", "101");      /* qualified for op 20 only */
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_QUALIFIED);
	CHECK(strstr(rp->message, "Bo Tester") != NULL);
	CHECK_INT(rp->body_case, YOKE__REPLY__BODY__NOT_SET);
	client_reply_free(rp);
	/* No session came of it. */
	CHECK_INT(status_of(harness_open_unit(t, "WO1-0001")), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	/* The same person is welcome where they are qualified. */
	CHECK_INT(status_of(harness_badge_in(t, "TEST-1", "101")), OK);
	client_free(t);
	teardown(&f);
}

static void
test_not_found(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 1));
	CHECK_INT(status_of(harness_open_unit(f.c, "WO9-0001")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_trace(f.c, "WO9-0001")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_step_confirm(f.c, "WO9-0001", 0)), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_complete(f.c, "WO9-0001")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_queue(f.c, "PAINT-1")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_units(f.c, "WO9")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_release(f.eng, "WO2", "GADGET", 1, "2030-01-31", 0, NULL)),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_release(f.eng, "WO3", "WIDGET", 1, "2030-01-31", 0, "Z")),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	struct client *t = harness_client(f.y, "X@it");
	CHECK_INT(status_of(harness_badge_in(t, "ASSY-1", "999")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_badge_in(t, "PAINT-1", "100")), YOKE__STATUS__STATUS_NOT_FOUND);
	client_free(t);
	teardown(&f);
}

static void
test_not_badged_in(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 1));
	struct client *t = harness_client(f.y, "ASSY-2@it");
	CHECK_INT(status_of(harness_open_unit(t, "WO1-0001")), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_step_confirm(t, "WO1-0001", 0)), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_complete(t, "WO1-0001")), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_badge_out(t)), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	/* A made-up session token. */
	client_set_session(t, "00112233445566778899aabbccddeeff");
	CHECK_INT(status_of(harness_open_unit(t, "WO1-0001")), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	/* A real session that ended. */
	CHECK_INT(status_of(harness_badge_in(t, "ASSY-2", "100")), OK);
	CHECK_INT(status_of(harness_badge_out(t)), OK);
	CHECK_INT(status_of(harness_open_unit(t, "WO1-0001")), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	client_free(t);
	/* None of it touched the unit. */
	Yoke__Reply *tr;
	Yoke__TraceReply *tt = trace_of(f.c, "WO1-0001", &tr);
	CHECK(tt != NULL);
	if (tt) {
		CHECK_INT(tt->n_events, 1);      /* RELEASED */
		CHECK_INT(tt->unit->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
	}
	client_reply_free(tr);
	teardown(&f);
}

static void
test_inspector_required(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(&f, "WO1-0001", S_INSPECT, "A"));
	/* Signed by an operator's badge. */
	rp = harness_step_inspection(f.c, "WO1-0001", S_INSPECT, true, "100", "");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_INSPECTOR_REQUIRED);
	CHECK(strstr(rp->message, "100") != NULL);
	client_reply_free(rp);
	/* Not signed, or signed by nobody we know. */
	CHECK_INT(status_of(harness_step_inspection(f.c, "WO1-0001", S_INSPECT, true, "", "")),
	    YOKE__STATUS__STATUS_INSPECTOR_REQUIRED);
	CHECK_INT(status_of(harness_step_inspection(f.c, "WO1-0001", S_INSPECT, true, "777", "")),
	    YOKE__STATUS__STATUS_INSPECTOR_REQUIRED);
	/* Completing now is still refused: the inspection is not done. */
	CHECK_INT(status_of(harness_complete(f.c, "WO1-0001")), YOKE__STATUS__STATUS_INSPECTION_REQUIRED);
	/* The inspector's badge signs it. */
	CHECK_INT(status_of(harness_step_inspection(f.c, "WO1-0001", S_INSPECT, true, "200", "ok")), OK);
	Yoke__Reply *tr;
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_INSPECTED), 1);
	for (size_t i = 0; t && i < t->n_events; i++)
		if (t->events[i]->kind == YOKE__EVENT_KIND__EVENT_INSPECTED) {
			CHECK_STR(t->events[i]->inspector_badge, "200");
			CHECK_STR(t->events[i]->inspector_name, "Ida Inspector");
			CHECK_STR(t->events[i]->badge, "100");
		}
	client_reply_free(tr);
	CHECK_INT(status_of(harness_complete(f.c, "WO1-0001")), OK);
	teardown(&f);
}

static void
test_out_of_spec_holds_the_unit(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(&f, "WO1-0001", S_SUPPLY, "A"));
	/* The first reading out of the limits is measured again (it_measure.c);
	 * the second, confirmed, fails the unit. */
	CHECK_INT(status_of(harness_step_value(f.c, "WO1-0001", S_SUPPLY, 5.7)),
	    YOKE__STATUS__STATUS_MEASURE_AGAIN);
	rp = harness_step_value(f.c, "WO1-0001", S_SUPPLY, 5.6);     /* USL 5.25 */
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_OUT_OF_SPEC);
	CHECK(strstr(rp->message, "5.25") != NULL);
	CHECK_INT(rp->body_case, YOKE__REPLY__BODY_UNIT);     /* the unit as it is now */
	if (rp->body_case == YOKE__REPLY__BODY_UNIT)
		CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_FAILED);
	client_reply_free(rp);
	/* No more work on it: the check, a re-measure, complete, re-open. */
	CHECK_INT(status_of(harness_step_value(f.c, "WO1-0001", S_SUPPLY, 5.0)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_step_pass(f.c, "WO1-0001", S_CHECK, true)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_complete(f.c, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_HELD);
	CHECK_INT(status_of(harness_open_unit(f.c, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_HELD);
	/* The failure is in the trace, with its value and limits. */
	Yoke__Reply *tr;
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	REQUIRE(t != NULL);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_MEASURED), 2);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_FAILED), 1);
	for (size_t i = 0; i < t->n_events; i++) {
		const Yoke__Event *e = t->events[i];
		if (e->kind == YOKE__EVENT_KIND__EVENT_MEASURED) {
			CHECK_STR(e->name, "supply");
			CHECK_NEAR(e->value, e->attempt == 1 ? 5.7 : 5.6, 1e-9);
			CHECK_STR(e->unit, "V");
			CHECK(e->has_lsl && e->has_usl);
			CHECK_NEAR(e->lsl, 4.75, 1e-9);
			CHECK_NEAR(e->usl, 5.25, 1e-9);
			CHECK(!e->pass);
		}
		if (e->kind == YOKE__EVENT_KIND__EVENT_FAILED)
			CHECK(strstr(e->text, "supply") != NULL);
	}
	CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_FAILED);
	CHECK(!str_empty(t->unit->hold_reason));
	client_reply_free(tr);
	/* The station queue shows it held, with the reason. */
	rp = harness_queue(f.c, "ASSY-1");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->queue->n_entries, 1);
	if (rp->queue->n_entries == 1) {
		CHECK_INT(rp->queue->entries[0]->status, YOKE__UNIT_STATUS__UNIT_FAILED);
		CHECK(strstr(rp->queue->entries[0]->hold_reason, "supply") != NULL);
	}
	client_reply_free(rp);
	teardown(&f);
}

static void
test_check_failed_holds_the_unit(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(&f, "WO1-0001", S_CHECK, "A"));
	rp = harness_step_pass(f.c, "WO1-0001", S_CHECK, false);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_CHECK_FAILED);
	CHECK(rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->status == YOKE__UNIT_STATUS__UNIT_FAILED);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_inspection(f.c, "WO1-0001", S_INSPECT, true, "200", "")),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	Yoke__Reply *tr;
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_CHECKED), 1);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_FAILED), 1);
	client_reply_free(tr);
	teardown(&f);
}

static void
test_unit_busy(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(&f, "WO1-0001", S_BOARD, "A"));
	struct client *t = harness_client(f.y, "ASSY-2@it");
	CHECK_INT(status_of(harness_badge_in(t, "ASSY-2", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(t, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_BUSY);
	client_free(t);
	teardown(&f);
}

static void
test_invalid_definition_stores_nothing(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	/* A good file with a new station and a new operator, and a bad one. */
	const char *names[] = { "more.def", "bad.def" };
	const char *texts[] = {
		"station ASSY-9 \"Assembly bench 9\" kind=ASSY\n"
		"operator 310 \"New Person\" role=operator qualified=WIDGET/10\n",
		"# a part with no description\n"
		"part GIZMO \"Gizmo\" rev=A tracking=serial\n"
		"part SPROCKET rev=A tracking=serial\n",
	};
	REQUIRE(setup(&f, 1));
	rp = harness_load_files(f.eng, names, texts, 2, false);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	CHECK(strncmp(rp->message, "bad.def:3:", 10) == 0);
	if (strncmp(rp->message, "bad.def:3:", 10) != 0)
		fprintf(stderr, "  message: %s\n", rp->message);
	client_reply_free(rp);
	/* Nothing of it is stored: no station, no operator, no part. */
	CHECK_INT(status_of(harness_queue(f.c, "ASSY-9")), YOKE__STATUS__STATUS_NOT_FOUND);
	struct client *t = harness_client(f.y, "ASSY-1@other");
	CHECK_INT(status_of(harness_badge_in(t, "ASSY-1", "310")), YOKE__STATUS__STATUS_NOT_FOUND);
	client_free(t);
	CHECK_INT(status_of(harness_release(f.eng, "WO2", "GIZMO", 1, "2030-01-31", 0, NULL)),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	/* A reference to something that does not exist is refused too. */
	const char *n2[] = { "ref.def" };
	const char *t2[] = { "station PAINT-1 \"Paint\" kind=PAINT\n"
	                     "bom WIDGET\n  line NOSUCH-PART qty=1 scan\n" };
	rp = harness_load_files(f.eng, n2, t2, 1, false);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	CHECK(strncmp(rp->message, "ref.def:", 8) == 0);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_queue(f.c, "PAINT-1")), YOKE__STATUS__STATUS_NOT_FOUND);
	/* The old state works as before. */
	CHECK_INT(status_of(harness_queue(f.c, "ASSY-1")), OK);
	CHECK_INT(status_of(harness_open_unit(f.c, "WO1-0001")), OK);
	teardown(&f);
}

static void
test_conflict(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	/* The released routing again, unchanged: fine. */
	rp = harness_plant_load(f.eng, f.p);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->body_case == YOKE__REPLY__BODY_LOAD)
		CHECK_INT(rp->load->unchanged, 1);
	client_reply_free(rp);
	/* Changed (a limit moved): refused. */
	char *changed = xstrdup(f.p->texts[0]);
	char *at = strstr(changed, "usl=5.25");
	REQUIRE(at != NULL);
	memcpy(at, "usl=5.35", 8);
	const char *names[] = { f.p->names[0] };
	const char *texts[] = { changed };
	rp = harness_load_files(f.eng, names, texts, 1, false);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_CONFLICT);
	CHECK(strstr(rp->message, "WIDGET") != NULL);
	client_reply_free(rp);
	free(changed);
	/* The stored routing still has the old limit. */
	CHECK(work_until(&f, "WO1-0001", S_SUPPLY, "A"));
	rp = harness_trace(f.c, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_NEAR(rp->trace->unit->steps[S_SUPPLY]->usl, 5.25, 1e-9);
	client_reply_free(rp);
	/* A work order that exists already. */
	CHECK_INT(status_of(harness_release(f.eng, "WO1", "WIDGET", 1, "2030-01-31", 0, NULL)),
	    YOKE__STATUS__STATUS_CONFLICT);
	teardown(&f);
}

int
main(void)
{
	RUN(test_inspection_required);
	RUN(test_wrong_station);
	RUN(test_serial_already_used);
	RUN(test_wrong_part);
	RUN(test_wrong_step);
	RUN(test_not_qualified);
	RUN(test_not_found);
	RUN(test_not_badged_in);
	RUN(test_inspector_required);
	RUN(test_out_of_spec_holds_the_unit);
	RUN(test_check_failed_holds_the_unit);
	RUN(test_unit_busy);
	RUN(test_invalid_definition_stores_nothing);
	RUN(test_conflict);
	return check_done();
}
