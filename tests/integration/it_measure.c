/*
 * it_measure.c — measurements that do not hold units by mistake, and units
 * that are not stranded at a station (issue 8), against a real yoked.
 * Plant: tests/data/plant-small (WIDGET op 10 at ASSY: instruct, scan
 * BOARD-1, scan CELL x2, scan IC-555, measure supply 4.75..5.25 V, check,
 * inspection by an inspector; op 20 at TEST: instruct, scan SCREW-M3,
 * measure current 10..20 mA, inspection). Its steps set no attempts=, so
 * each measure takes the default two readings; a plant of the test's own
 * sets attempts=3 and attempts=1, and a defect code, which the last
 * reading must name (the server's rule: DEFECT_REQUIRED, nothing recorded).
 *
 *   - a value outside the limits is recorded (its own event, pass=false,
 *     attempt 1) and answered MEASURE_AGAIN: the unit stays in work at the
 *     step; the second out-of-limit reading fails the unit as before
 *   - an in-spec value after a bad one passes, and the count starts again
 *     at the next step and the next operation
 *   - a unit open at a station where nobody is badged in any more (badged
 *     out, or the session expired) opens at another station of the kind
 *     and resumes at its step, with UNIT_MOVED in its history; while
 *     someone is badged in there it stays UNIT_BUSY
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK

enum { S_INSTRUCT, S_BOARD, S_CELL, S_IC, S_SUPPLY, S_CHECK, S_INSPECT, S_COUNT };

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *c;        /* badged in at ASSY-1 as 100 (qualified for op 10) */
	struct client *eng;
};

static bool
setup_args(struct fixture *f, uint32_t units, const char *const *extra)
{
	Yoke__Reply *rp;
	bool ok;

	memset(f, 0, sizeof *f);
	f->y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &f->p, extra);
	if (f->y == NULL)
		return false;
	f->c = harness_client(f->y, "ASSY-1@it");
	f->eng = harness_engineer(f->y, f->p, "it");
	if (f->eng == NULL)
		return false;
	rp = harness_release(f->eng, "WO1", "WIDGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	rp = harness_badge_in(f->c, "ASSY-1", "100");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok;
}

static bool
setup(struct fixture *f, uint32_t units)
{
	return setup_args(f, units, NULL);
}

static void
teardown(struct fixture *f)
{
	client_free(f->c);
	client_free(f->eng);
	CHECK_INT(harness_yoked_stop(f->y), 0);
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

/* Opens the unit at c's station and does its steps right up to (not
 * including) `upto` of the current operation. */
static bool
work_until(struct client *c, const struct plant *p, const char *serial, uint32_t upto, const char *id)
{
	Yoke__Reply *rp = harness_open_unit(c, serial);
	unsigned n = 0;
	while (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->current_step < upto) {
		char sid[64];
		snprintf(sid, sizeof sid, "%s%u", id, n++);
		Yoke__Reply *next = harness_step_right(c, p, rp->unit, "200", sid);
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

/* The measured events of a trace, oldest first (at most max). */
static size_t
measured(const Yoke__TraceReply *t, const Yoke__Event **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; t && i < t->n_events && n < max; i++)
		if (t->events[i]->kind == YOKE__EVENT_KIND__EVENT_MEASURED)
			out[n++] = t->events[i];
	return n;
}

/* One value out of the limits: recorded, measure again, the unit in work. */
static void
test_out_of_limit_once_measures_again(void)
{
	struct fixture f;
	Yoke__Reply *rp, *tr;
	const Yoke__Event *m[4];

	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(f.c, f.p, "WO1-0001", S_SUPPLY, "A"));
	rp = harness_step_value(f.c, "WO1-0001", S_SUPPLY, 5.6);     /* USL 5.25 */
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_MEASURE_AGAIN);
	CHECK(strstr(rp->message, "5.6") != NULL);
	CHECK(strstr(rp->message, "5.25") != NULL);
	CHECK(strstr(rp->message, "reading 1 of 2") != NULL);
	CHECK(strstr(rp->message, "measure again") != NULL);
	REQUIRE(rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	CHECK_INT(rp->unit->current_step, S_SUPPLY);
	CHECK_INT(rp->unit->attempt, 1);
	CHECK(!rp->unit->steps[S_SUPPLY]->done);
	client_reply_free(rp);
	/* The unit is still open here, at the same step. */
	rp = harness_open_unit(f.c, "WO1-0001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->current_step, S_SUPPLY);
	CHECK_INT(rp->unit->attempt, 1);
	client_reply_free(rp);
	/* The next step is not open yet. */
	CHECK_INT(status_of(harness_step_pass(f.c, "WO1-0001", S_CHECK, true)),
	    YOKE__STATUS__STATUS_WRONG_STEP);
	/* The reading is in the trace, failed, as reading 1; nothing failed the unit. */
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	REQUIRE(t != NULL);
	REQUIRE(measured(t, m, 4) == 1);
	CHECK_NEAR(m[0]->value, 5.6, 1e-9);
	CHECK(!m[0]->pass);
	CHECK_INT(m[0]->attempt, 1);
	CHECK_INT(m[0]->step, S_SUPPLY);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_FAILED), 0);
	CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	client_reply_free(tr);
	/* The queue shows it in work, not held. */
	rp = harness_queue(f.c, "ASSY-1");
	REQUIRE(rp && rp->status == OK && rp->queue->n_entries == 1);
	CHECK_INT(rp->queue->entries[0]->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	client_reply_free(rp);
	teardown(&f);
}

/* Two readings out of the limits (the default attempts): the second fails
 * the unit, and both are in the trace, neither overwritten. */
static void
test_out_of_limit_twice_fails(void)
{
	struct fixture f;
	Yoke__Reply *rp, *tr;
	const Yoke__Event *m[4];

	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(f.c, f.p, "WO1-0001", S_SUPPLY, "A"));
	CHECK_INT(status_of(harness_step_value(f.c, "WO1-0001", S_SUPPLY, 4.5)),
	    YOKE__STATUS__STATUS_MEASURE_AGAIN);
	rp = harness_step_value(f.c, "WO1-0001", S_SUPPLY, 4.6);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_OUT_OF_SPEC);
	CHECK(strstr(rp->message, "4.75") != NULL);
	REQUIRE(rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_FAILED);
	CHECK_INT(rp->unit->current_step, S_SUPPLY);
	CHECK_INT(rp->unit->attempt, 2);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_value(f.c, "WO1-0001", S_SUPPLY, 5.0)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	REQUIRE(t != NULL);
	REQUIRE(measured(t, m, 4) == 2);
	CHECK_NEAR(m[0]->value, 4.5, 1e-9);
	CHECK_NEAR(m[1]->value, 4.6, 1e-9);
	CHECK(!m[0]->pass && !m[1]->pass);
	CHECK_INT(m[0]->attempt, 1);
	CHECK_INT(m[1]->attempt, 2);
	CHECK(m[0]->seq < m[1]->seq);
	CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_FAILED), 1);
	CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_FAILED);
	client_reply_free(tr);
	teardown(&f);
}

/* A bad reading, then a good one: passes; the count starts again at the
 * next measure (op 20). */
static void
test_in_spec_after_a_bad_reading_passes(void)
{
	struct fixture f;
	Yoke__Reply *rp, *tr;
	const Yoke__Event *m[8];

	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(f.c, f.p, "WO1-0001", S_SUPPLY, "A"));
	CHECK_INT(status_of(harness_step_value(f.c, "WO1-0001", S_SUPPLY, 5.3)),
	    YOKE__STATUS__STATUS_MEASURE_AGAIN);
	rp = harness_step_value(f.c, "WO1-0001", S_SUPPLY, 5.01);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->current_step, S_CHECK);
	CHECK_INT(rp->unit->attempt, 0);
	CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	client_reply_free(rp);
	REQUIRE(work_until(f.c, f.p, "WO1-0001", S_COUNT, "B"));
	CHECK_INT(status_of(harness_complete(f.c, "WO1-0001")), OK);

	/* Op 20 at TEST: one bad reading of `current` is reading 1 again. */
	struct client *tc = harness_client(f.y, "TEST-1@it");
	CHECK_INT(status_of(harness_badge_in(tc, "TEST-1", "101")), OK);
	rp = harness_open_unit(tc, "WO1-0001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	uint32_t cur = 0;
	while (cur < rp->unit->n_steps && rp->unit->steps[cur]->kind != YOKE__STEP_KIND__STEP_MEASURE)
		cur++;
	CHECK_INT(rp->unit->attempt, 0);
	client_reply_free(rp);
	REQUIRE(work_until(tc, f.p, "WO1-0001", cur, "C"));
	rp = harness_step_value(tc, "WO1-0001", cur, 25);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_MEASURE_AGAIN);
	CHECK(strstr(rp->message, "reading 1 of 2") != NULL);
	client_reply_free(rp);
	client_free(tc);

	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	REQUIRE(t != NULL);
	size_t n = measured(t, m, 8);
	REQUIRE(n == 3);
	CHECK(!m[0]->pass && m[1]->pass && !m[2]->pass);
	CHECK_INT(m[0]->attempt, 1);
	CHECK_INT(m[1]->attempt, 2);
	CHECK_INT(m[2]->attempt, 1);
	CHECK_STR(m[2]->name, "current");
	client_reply_free(tr);
	teardown(&f);
}

/* A plant of this test's own, whose measure steps set attempts=: 3 on
 * volts, 1 on amps (the first reading out of the limits fails). */
static const char attempts_plant[] =
    "part GAUGE \"Gauge\" rev=A tracking=serial\n"
    "routing GAUGE rev=A released\n"
    "  op 10 \"Calibrate\" station=ASSY\n"
    "    measure volts unit=V lsl=4.9 target=5 usl=5.1 attempts=3\n"
    "    measure amps unit=A lsl=1 usl=2 attempts=1\n"
    "station ASSY-1 \"Bench\" kind=ASSY\n"
    "operator 100 \"Ann Assembler\" role=operator qualified=GAUGE/10\n"
    "operator 900 \"Eve Engineer\" role=engineer qualified=*\n"
    "operator 901 \"Ada Admin\" role=admin\n"
    "defect DRIFT category=machine \"Reference drifted\"\n";

/* A value with a defect code, as the terminal sends the last reading. */
static Yoke__Reply *
value_with_defect(struct client *c, const char *serial, uint32_t step, double v, const char *code)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;

	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
	s.value = v;
	d.code = (char *)code;
	d.location = (char *)"";
	d.note = (char *)"";
	s.defect = &d;
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static void
test_attempts_from_the_routing(void)
{
	char dir[] = "/tmp/yoke-it-attempts.XXXXXX", path[300];
	struct fixture f;
	Yoke__Reply *rp, *tr;
	const Yoke__Event *m[8];
	FILE *fp;

	memset(&f, 0, sizeof f);
	REQUIRE(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/gauge.def", dir);
	REQUIRE((fp = fopen(path, "w")) != NULL);
	fputs(attempts_plant, fp);
	fclose(fp);
	f.y = harness_start_loaded(dir, &f.p);
	remove(path);
	rmdir(dir);
	REQUIRE(f.y != NULL);
	f.c = harness_client(f.y, "ASSY-1@it");
	f.eng = harness_engineer(f.y, f.p, "it");
	REQUIRE(f.eng != NULL);
	CHECK_INT(status_of(harness_release(f.eng, "WO1", "GAUGE", 2, "2030-01-31", 0, NULL)), OK);
	CHECK_INT(status_of(harness_badge_in(f.c, "ASSY-1", "100")), OK);
	CHECK_INT(status_of(harness_open_unit(f.c, "WO1-0001")), OK);
	/* Three readings allowed: two bad ones are measured again, the third fails. */
	rp = harness_step_value(f.c, "WO1-0001", 0, 5.5);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_MEASURE_AGAIN);
	CHECK(strstr(rp->message, "reading 1 of 3") != NULL);
	client_reply_free(rp);
	rp = harness_step_value(f.c, "WO1-0001", 0, 4.0);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_MEASURE_AGAIN);
	CHECK(strstr(rp->message, "reading 2 of 3") != NULL);
	CHECK(rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit->attempt == 2);
	client_reply_free(rp);
	/* The last one without a defect code, where the plant has codes:
	 * refused, nothing recorded (still reading 3), then with the code. */
	rp = harness_step_value(f.c, "WO1-0001", 0, 5.2);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_DEFECT_REQUIRED);
	client_reply_free(rp);
	rp = harness_open_unit(f.c, "WO1-0001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->attempt, 2);
	CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	client_reply_free(rp);
	rp = value_with_defect(f.c, "WO1-0001", 0, 5.2, "DRIFT");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_OUT_OF_SPEC);
	CHECK(strstr(rp->message, "reading 3 of 3") != NULL);
	CHECK(rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->status == YOKE__UNIT_STATUS__UNIT_FAILED);
	client_reply_free(rp);
	Yoke__TraceReply *t = trace_of(f.c, "WO1-0001", &tr);
	REQUIRE(t != NULL);
	REQUIRE(measured(t, m, 8) == 3);
	for (size_t i = 0; i < 3; i++) {
		CHECK_INT(m[i]->attempt, i + 1);
		CHECK(!m[i]->pass);
	}
	CHECK_STR(m[2]->defect, "DRIFT");
	CHECK_INT(t->n_ncrs, 1);
	client_reply_free(tr);
	/* attempts=1: the first reading out of the limits is the last. */
	CHECK_INT(status_of(harness_open_unit(f.c, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_value(f.c, "WO1-0002", 0, 5.0)), OK);
	rp = value_with_defect(f.c, "WO1-0002", 1, 2.5, "DRIFT");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_OUT_OF_SPEC);
	CHECK(strstr(rp->message, "reading 1 of 1") != NULL);
	client_reply_free(rp);
	teardown(&f);
}

int
main(void)
{
	RUN(test_out_of_limit_once_measures_again);
	RUN(test_out_of_limit_twice_fails);
	RUN(test_in_spec_after_a_bad_reading_passes);
	RUN(test_attempts_from_the_routing);
	return check_done();
}
