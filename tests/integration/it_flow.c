/*
 * it_flow.c — the whole way of a unit through a real yoked: load the
 * definitions, release a work order, badge in, open the unit, do every
 * step the UnitView asks for, complete, and find the unit in the next
 * station's queue; then the trace tells all of it: who, when, where, which
 * components with lots and serials, measurements with their limits, and
 * inspections with who signed them.
 *
 * Two plants: the demo plant (assets/plant), worked generically from what
 * the server shows, and the test fixture plant, whose trace is checked
 * event by event.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK

static bool
in_queue(struct client *c, const char *station, const char *serial, uint32_t op)
{
	Yoke__Reply *rp = harness_queue(c, station);
	bool found = false;
	for (size_t i = 0; rp && rp->status == OK && i < rp->queue->n_entries; i++)
		if (strcmp(rp->queue->entries[i]->serial, serial) == 0 &&
		    rp->queue->entries[i]->operation == op &&
		    rp->queue->entries[i]->status == YOKE__UNIT_STATUS__UNIT_QUEUED)
			found = true;
	client_reply_free(rp);
	return found;
}

/* Works one unit through every operation of its routing, generically. */
static void
work_routing(struct yoked *y, const struct plant *p, const Yoke__Routing *r, const char *serial,
    struct op_tally *tally)
{
	const Yoke__Operator *insp = harness_plant_operator(p, YOKE__ROLE__ROLE_INSPECTOR, NULL, 0);
	for (size_t i = 0; i < r->n_operations; i++) {
		const Yoke__Operation *op = r->operations[i];
		const Yoke__Station *st = harness_plant_station(p, op->station_kind);
		const Yoke__Operator *who = harness_plant_operator(p, YOKE__ROLE__ROLE_OPERATOR,
		    r->product, op->number);
		char term[80], prefix[80];
		Yoke__Reply *rp;

		REQUIRE(st != NULL);
		if (who == NULL)
			who = harness_plant_operator(p, YOKE__ROLE__ROLE_LEAD, NULL, 0);
		REQUIRE(who != NULL);
		snprintf(term, sizeof term, "%s@flow", st->id);
		snprintf(prefix, sizeof prefix, "%s-op%u", serial, op->number);
		struct client *c = harness_client(y, term);
		rp = harness_badge_in(c, st->id, who->badge);
		REQUIRE(rp != NULL);
		CHECK_INT(rp->status, OK);
		if (rp->status != OK)
			fprintf(stderr, "  badge in %s at %s: %s\n", who->badge, st->id, rp->message);
		client_reply_free(rp);
		rp = harness_do_operation(c, p, serial, insp ? insp->badge : "", prefix, tally);
		REQUIRE(rp != NULL);
		CHECK_INT(rp->status, OK);
		if (rp->status != OK)
			fprintf(stderr, "  op %u of %s: %s\n", op->number, serial, rp->message);
		if (rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT) {
			const char *next = i + 1 < r->n_operations ? r->operations[i + 1]->station_kind : "";
			CHECK_STR(rp->unit->next_station_kind, next);
			CHECK_INT(rp->unit->completed_operation, op->number);
			CHECK_INT(rp->unit->operation, i + 1 < r->n_operations ?
			    r->operations[i + 1]->number : 0);
		}
		client_reply_free(rp);
		if (i + 1 < r->n_operations) {
			const Yoke__Operation *nop = r->operations[i + 1];
			const Yoke__Station *nst = harness_plant_station(p, nop->station_kind);
			REQUIRE(nst != NULL);
			CHECK(in_queue(c, nst->id, serial, nop->number));
		}
		client_free(c);
	}
}

static void
test_flow_demo_plant(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(harness_demo_plant_dir(), &p);
	struct op_tally tally = { 0 };
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	const Yoke__Routing *r = harness_plant_some_routing(p);
	REQUIRE(r != NULL);
	struct client *c = harness_engineer(y, p, "flow");
	rp = harness_release(c, "DEMO-1", r->product, 2, "2030-06-30", 3, NULL);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	REQUIRE(rp->status == OK);
	CHECK_INT(rp->release->n_serials, 2);
	CHECK_STR(rp->release->serials[0], "DEMO-1-0001");
	client_reply_free(rp);

	work_routing(y, p, r, "DEMO-1-0001", &tally);

	rp = harness_trace(c, "DEMO-1-0001");
	REQUIRE(rp && rp->status == OK);
	Yoke__TraceReply *t = rp->trace;
	CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_DONE);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_RELEASED), 1);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_STARTED), r->n_operations);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_COMPLETED), r->n_operations);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), tally.scans);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_MEASURED), tally.measures);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_INSPECTED), tally.inspections);
	CHECK_INT(t->n_events, 1 + 2 * r->n_operations + tally.steps);
	for (size_t i = 1; i < t->n_events; i++) {
		CHECK(t->events[i]->seq > t->events[i - 1]->seq);
		CHECK(t->events[i]->time_us >= t->events[i - 1]->time_us);
		if (t->events[i]->kind != YOKE__EVENT_KIND__EVENT_RELEASED) {
			CHECK(!str_empty(t->events[i]->badge));
			CHECK(!str_empty(t->events[i]->operator_name));
			CHECK(!str_empty(t->events[i]->station));
		}
	}
	client_reply_free(rp);
	/* The unit is done: nothing more to do with it. */
	rp = harness_units(c, "DEMO-1");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->units->n_units, 2);
	if (rp->units->n_units == 2) {
		CHECK_INT(rp->units->units[0]->status, YOKE__UNIT_STATUS__UNIT_DONE);
		CHECK_INT(rp->units->units[1]->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
	}
	client_reply_free(rp);
	client_free(c);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static const Yoke__Event *
nth_event(const Yoke__TraceReply *t, Yoke__EventKind kind, size_t n)
{
	for (size_t i = 0; i < t->n_events; i++)
		if (t->events[i]->kind == kind && n-- == 0)
			return t->events[i];
	return NULL;
}

/* The fixture plant, step by step with chosen inputs, and the trace read back field by field. */
static void
test_flow_trace_tells_everything(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	int64_t t0 = now_us();
	REQUIRE(y != NULL);
	struct client *a = harness_client(y, "ASSY-1@flow");
	rp = harness_release_eng(y, p, "WO7", "WIDGET", 1, "2030-02-28", 2, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_badge_in(a, "ASSY-1", "100");
	REQUIRE(rp && rp->status == OK);
	CHECK_STR(rp->badge_in->operator_name, "Ann Assembler");
	CHECK_STR(rp->badge_in->station_kind, "ASSY");
	client_reply_free(rp);

	rp = harness_open_unit(a, "WO7-0001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	const Yoke__UnitView *v = rp->unit;
	CHECK_INT(v->operation, 10);
	CHECK_INT(v->n_steps, 7);
	CHECK_INT(v->current_step, 0);
	CHECK_INT(v->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	if (v->n_steps == 7) {
		CHECK_INT(v->steps[0]->kind, YOKE__STEP_KIND__STEP_INSTRUCT);
		CHECK(strstr(v->steps[0]->text, "连接器朝左") != NULL);
		CHECK_STR(v->steps[1]->part, "BOARD-1");
		CHECK_INT(v->steps[2]->qty, 2);
		CHECK_STR(v->steps[4]->name, "supply");
		CHECK_NEAR(v->steps[4]->lsl, 4.75, 1e-9);
		CHECK_NEAR(v->steps[4]->target, 5.0, 1e-9);
		CHECK_NEAR(v->steps[4]->usl, 5.25, 1e-9);
		CHECK(v->steps[6]->needs_inspector);
		CHECK(v->steps[6]->due);
	}
	client_reply_free(rp);

	CHECK_INT((rp = harness_step_confirm(a, "WO7-0001", 0)) ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_scan(a, "WO7-0001", 1, "BOARD-1/B7001\r\n")) ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_scan(a, "WO7-0001", 2, "CELL/C7001")) ? (int)rp->status : -1, OK);
	if (rp && rp->status == OK) {
		CHECK_INT(rp->unit->current_step, 2);          /* one of two cells */
		CHECK_INT(rp->unit->steps[2]->scanned, 1);
	}
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_scan(a, "WO7-0001", 2, "CELL/C7002")) ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_scan(a, "WO7-0001", 3, "IC-555/LOT-2026-11")) ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_value(a, "WO7-0001", 4, 5.02)) ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_pass(a, "WO7-0001", 5, true)) ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_inspection(a, "WO7-0001", 6, true, "200", "pins straight"))
	    ? (int)rp->status : -1, OK);
	if (rp && rp->status == OK)
		CHECK_INT(rp->unit->current_step, 7);
	client_reply_free(rp);
	rp = harness_complete(a, "WO7-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->status == OK)
		CHECK_STR(rp->unit->next_station_kind, "TEST");
	client_reply_free(rp);
	CHECK(in_queue(a, "TEST-1", "WO7-0001", 20));
	/* It left the assembly queue. */
	rp = harness_queue(a, "ASSY-2");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->queue->n_entries, 0);
	client_reply_free(rp);

	rp = harness_trace(a, "WO7-0001");
	REQUIRE(rp && rp->status == OK);
	const Yoke__TraceReply *t = rp->trace;
	/* RELEASED, OP_STARTED, 7 step events (two scans of cells), OP_COMPLETED. */
	CHECK_INT(t->n_events, 1 + 1 + 8 + 1);
	CHECK_INT(t->unit->operation, 20);
	CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
	for (size_t i = 0; i < t->n_events; i++) {
		const Yoke__Event *e = t->events[i];
		CHECK(e->time_us >= t0 - 1000000 && e->time_us <= now_us());
		CHECK_STR(e->serial, "WO7-0001");
		CHECK_STR(e->work_order, "WO7");
		if (e->kind != YOKE__EVENT_KIND__EVENT_RELEASED) {
			CHECK_STR(e->badge, "100");
			CHECK_STR(e->operator_name, "Ann Assembler");
			CHECK_STR(e->station, "ASSY-1");
			CHECK_STR(e->terminal, "ASSY-1@flow");
			CHECK_INT(e->operation, 10);
		}
	}
	const Yoke__Event *e;
	if ((e = nth_event(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED, 0)) != NULL) {
		CHECK_STR(e->part, "BOARD-1");
		CHECK_STR(e->component_serial, "B7001");
		CHECK_INT(e->step, 1);
	} else {
		CHECK(!"no board scan in the trace");
	}
	if ((e = nth_event(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED, 2)) != NULL) {
		CHECK_STR(e->part, "CELL");
		CHECK_STR(e->component_serial, "C7002");
	} else {
		CHECK(!"no second cell scan in the trace");
	}
	if ((e = nth_event(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED, 3)) != NULL) {
		CHECK_STR(e->part, "IC-555");
		CHECK_STR(e->lot, "LOT-2026-11");
		CHECK_STR(e->component_serial, "");
	} else {
		CHECK(!"no IC scan in the trace");
	}
	if ((e = nth_event(t, YOKE__EVENT_KIND__EVENT_MEASURED, 0)) != NULL) {
		CHECK_STR(e->name, "supply");
		CHECK_NEAR(e->value, 5.02, 1e-9);
		CHECK_STR(e->unit, "V");
		CHECK(e->has_lsl && e->has_usl && e->pass);
		CHECK_NEAR(e->lsl, 4.75, 1e-9);
		CHECK_NEAR(e->usl, 5.25, 1e-9);
	} else {
		CHECK(!"no measurement in the trace");
	}
	if ((e = nth_event(t, YOKE__EVENT_KIND__EVENT_CHECKED, 0)) != NULL)
		CHECK(e->pass);
	else
		CHECK(!"no check in the trace");
	if ((e = nth_event(t, YOKE__EVENT_KIND__EVENT_INSPECTED, 0)) != NULL) {
		CHECK(e->pass);
		CHECK_STR(e->inspector_badge, "200");
		CHECK_STR(e->inspector_name, "Ida Inspector");
		CHECK(strstr(e->detail, "pins straight") != NULL);
	} else {
		CHECK(!"no inspection in the trace");
	}
	CHECK(nth_event(t, YOKE__EVENT_KIND__EVENT_OP_COMPLETED, 0) != NULL);
	client_reply_free(rp);

	/* Op 20 at the test bench, by the tester; the inspection there needs no inspector. */
	struct client *b = harness_client(y, "TEST-1@flow");
	rp = harness_badge_in(b, "TEST-1", "101");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	struct op_tally tally = { 0 };
	rp = harness_do_operation(b, p, "WO7-0001", "", "T", &tally);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->status == OK) {
		CHECK_STR(rp->unit->next_station_kind, "");
		CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_DONE);
	}
	client_reply_free(rp);
	CHECK_INT(tally.steps, 4);
	CHECK_INT(tally.scans, 1);
	rp = harness_open_unit(b, "WO7-0001");
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_UNIT_DONE);
	client_reply_free(rp);
	rp = harness_trace(b, "WO7-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->trace->n_events, 11 + 1 + 4 + 1);
	if ((e = nth_event(rp->trace, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED, 4)) != NULL) {
		CHECK_STR(e->part, "SCREW-M3");
		CHECK_STR(e->badge, "101");
		CHECK_STR(e->station, "TEST-1");
		CHECK_INT(e->operation, 20);
	} else {
		CHECK(!"no screw scan in the trace");
	}
	client_reply_free(rp);
	client_free(b);
	client_free(a);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* State survives a clean restart: sessions, queues and the event log. */
static void
test_flow_survives_restart(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	struct client *a = harness_client(y, "ASSY-1@flow");
	rp = harness_release_eng(y, p, "WO8", "WIDGET", 1, "2030-02-28", 0, NULL);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_badge_in(a, "ASSY-1", "102");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_open_unit(a, "WO8-0001");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	CHECK_INT((rp = harness_step_confirm(a, "WO8-0001", 0)) ? (int)rp->status : -1, OK);
	client_reply_free(rp);
	CHECK_INT(harness_yoked_stop(y), 0);
	REQUIRE(harness_yoked_restart(y));
	/* The same session goes on where it was. */
	rp = harness_step_scan(a, "WO8-0001", 1, "BOARD-1/B8001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	rp = harness_trace(a, "WO8-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->trace->n_events, 4);
	CHECK_INT(rp->trace->unit->current_step, 2);
	client_reply_free(rp);
	client_free(a);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_flow_trace_tells_everything);
	RUN(test_flow_survives_restart);
	RUN(test_flow_demo_plant);
	return check_done();
}
