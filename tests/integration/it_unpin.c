/*
 * it_unpin.c — a unit open at a station is not stranded there (issue 8):
 * when nobody is badged in at that station any more (badged out, badged
 * in elsewhere, or the session expired — a crashed terminal's session
 * ends that way), another station of the same kind opens it, and it
 * resumes at its step with nothing of the operation redone; its history
 * says it moved. While someone is badged in there, it stays UNIT_BUSY.
 * Plant: tests/data/plant-small (ASSY-1 and ASSY-2 of kind ASSY; WIDGET
 * op 10 at ASSY: instruct, scan BOARD-1, scan CELL x2, scan IC-555,
 * measure, check, inspection; op 20 at TEST).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK

enum { S_INSTRUCT, S_BOARD, S_CELL, S_IC, S_SUPPLY, S_CHECK, S_INSPECT, S_COUNT };

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *a;        /* ASSY-1, badge 100 */
	struct client *b;        /* ASSY-2, badge 102 */
	struct client *eng;
};

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

static bool
setup(struct fixture *f, const char *const *extra)
{
	Yoke__Reply *rp;
	bool ok;

	memset(f, 0, sizeof *f);
	f->y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &f->p, extra);
	if (f->y == NULL)
		return false;
	f->a = harness_client(f->y, "ASSY-1@it");
	f->b = harness_client(f->y, "ASSY-2@it");
	f->eng = harness_engineer(f->y, f->p, "it");
	if (f->eng == NULL)
		return false;
	rp = harness_release(f->eng, "WO1", "WIDGET", 2, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	return ok && status_of(harness_badge_in(f->a, "ASSY-1", "100")) == OK;
}

static void
teardown(struct fixture *f)
{
	client_free(f->a);
	client_free(f->b);
	client_free(f->eng);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

/* Opens the unit at c's station and does its steps right up to `upto`. */
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

/* The unit opens at `c` at step `at` (one of two CELL scans done: scanned 1). */
static void
opens_at_same_step(struct client *c, const char *serial, uint32_t at, uint32_t scanned)
{
	Yoke__Reply *rp = harness_open_unit(c, serial);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT) {
		CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
		CHECK_INT(rp->unit->current_step, at);
		CHECK_INT(rp->unit->steps[at]->scanned, scanned);
		CHECK(rp->unit->steps[S_BOARD]->done);
	} else {
		fprintf(stderr, "  open: %s %s\n", status_name(rp->status), rp->message);
	}
	client_reply_free(rp);
}

/* The unit's history: one OP_STARTED, and UNIT_MOVED from `from` to `to`. */
static void
history_says_moved(struct fixture *f, const char *serial, const char *from, const char *to,
    size_t moves)
{
	Yoke__Reply *rp = harness_trace(f->eng, serial);
	char want[160];
	size_t seen = 0;

	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_TRACE);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_OP_STARTED), 1);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_UNIT_MOVED), moves);
	snprintf(want, sizeof want, "Unit moved from %s to %s: no one was badged in at %s", from, to,
	    from);
	for (size_t i = 0; i < rp->trace->n_events; i++) {
		const Yoke__Event *e = rp->trace->events[i];
		if (e->kind != YOKE__EVENT_KIND__EVENT_UNIT_MOVED || strcmp(e->text, want) != 0)
			continue;
		seen++;
		CHECK_STR(e->station, to);
		CHECK_STR(e->serial, serial);
		CHECK_INT(e->operation, 10);
	}
	if (seen != 1)
		check_fail(__FILE__, __LINE__, "no event \"%s\" in the trace of %s", want, serial);
	client_reply_free(rp);
}

static void
test_badged_out_station_lets_the_unit_go(void)
{
	struct fixture f;
	Yoke__Reply *rp;

	REQUIRE(setup(&f, NULL));
	REQUIRE(work_until(f.a, f.p, "WO1-0001", S_CELL, "A"));
	/* One of the two cells scanned at ASSY-1. */
	CHECK_INT(status_of(harness_step_scan(f.a, "WO1-0001", S_CELL, "CELL/A-CELL-1")), OK);
	CHECK_INT(status_of(harness_badge_in(f.b, "ASSY-2", "102")), OK);
	/* Someone is badged in at ASSY-1: the unit stays there, and the
	 * refusal says who. */
	rp = harness_open_unit(f.b, "WO1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_UNIT_BUSY);
	CHECK(strstr(rp->message, "ASSY-1") != NULL);
	CHECK(strstr(rp->message, "Ann Assembler") != NULL);
	client_reply_free(rp);
	/* @BACK at ASSY-1 leaves it open there: still busy for ASSY-2. */
	CHECK_INT(status_of(harness_queue(f.a, "ASSY-1")), OK);
	CHECK_INT(status_of(harness_open_unit(f.b, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_BUSY);
	/* Badged out at ASSY-1: ASSY-2 takes it over at the same step. */
	CHECK_INT(status_of(harness_badge_out(f.a)), OK);
	opens_at_same_step(f.b, "WO1-0001", S_CELL, 1);
	history_says_moved(&f, "WO1-0001", "ASSY-1", "ASSY-2", 1);
	/* Back at ASSY-1 (badged in again): it is ASSY-2's now. */
	CHECK_INT(status_of(harness_badge_in(f.a, "ASSY-1", "100")), OK);
	CHECK_INT(status_of(harness_step_scan(f.a, "WO1-0001", S_CELL, "CELL/A-CELL-2")),
	    YOKE__STATUS__STATUS_WRONG_STEP);
	CHECK_INT(status_of(harness_open_unit(f.a, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_BUSY);
	/* ASSY-2 finishes the operation from where it was: the second cell
	 * and the rest, nothing redone. */
	CHECK_INT(status_of(harness_step_scan(f.b, "WO1-0001", S_CELL, "CELL/B-CELL-2")), OK);
	REQUIRE(work_until(f.b, f.p, "WO1-0001", S_COUNT, "B"));
	CHECK_INT(status_of(harness_complete(f.b, "WO1-0001")), OK);
	history_says_moved(&f, "WO1-0001", "ASSY-1", "ASSY-2", 1);
	rp = harness_trace(f.eng, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 4);   /* board, two cells, IC */
	client_reply_free(rp);
	teardown(&f);
}

/* The person at ASSY-1 badges in at ASSY-2: nobody is at ASSY-1 any more. */
static void
test_badge_moved_elsewhere_lets_the_unit_go(void)
{
	struct fixture f;

	REQUIRE(setup(&f, NULL));
	REQUIRE(work_until(f.a, f.p, "WO1-0001", S_IC, "A"));
	CHECK_INT(status_of(harness_badge_in(f.b, "ASSY-2", "100")), OK);
	opens_at_same_step(f.b, "WO1-0001", S_IC, 0);
	history_says_moved(&f, "WO1-0001", "ASSY-1", "ASSY-2", 1);
	/* Another kind of station never takes it. */
	struct client *t = harness_client(f.y, "TEST-1@it");
	CHECK_INT(status_of(harness_badge_in(t, "TEST-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(t, "WO1-0001")), YOKE__STATUS__STATUS_WRONG_STATION);
	client_free(t);
	teardown(&f);
}

/* ASSY-1's session expires (its terminal crashed, or was left): after
 * --session-idle the unit opens at ASSY-2. */
static void
test_expired_session_lets_the_unit_go(void)
{
	static const char *const extra[] = { "--session-idle", "2s", NULL };
	struct fixture f;

	REQUIRE(setup(&f, extra));
	REQUIRE(work_until(f.a, f.p, "WO1-0001", S_CELL, "A"));
	CHECK_INT(status_of(harness_badge_in(f.b, "ASSY-2", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(f.b, "WO1-0001")), YOKE__STATUS__STATUS_UNIT_BUSY);
	/* Nothing from ASSY-1 for longer than its session lives. */
	harness_sleep_ms(2600);
	CHECK_INT(status_of(harness_badge_in(f.b, "ASSY-2", "102")), OK);
	opens_at_same_step(f.b, "WO1-0001", S_CELL, 0);
	history_says_moved(&f, "WO1-0001", "ASSY-1", "ASSY-2", 1);
	teardown(&f);
}

int
main(void)
{
	RUN(test_badged_out_station_lets_the_unit_go);
	RUN(test_badge_moved_elsewhere_lets_the_unit_go);
	RUN(test_expired_session_lets_the_unit_go);
	return check_done();
}
