/*
 * it_spc.c — SPC on what the line measures (issue 10), against a real
 * yoked. Plant: tests/data/plant-spc: one product per action, each with
 * one measure step that is a characteristic, limits 50 ± 6 (sigma 2)
 * unless learnt, spec 30..70; and SHAFT, a bore on a wearing tool.
 *
 * Known answers, each through the server, on the scan that breaks it:
 *   - WE1 (57 > UCL 56) raises an alarm: SPC_SIGNAL, the message names the
 *     characteristic, the rule and the alarm, the step's result in the
 *     UnitView says it, EVENT_ALARM_RAISED in the unit's history
 *   - WE2 (54.5 then 54.6: 2 of 3 beyond 2 sigma) holds the unit: the unit
 *     is ON_HOLD with the alarm as its reason, completing it is refused
 *   - WE1 stops the station: the station_stop key names the alarm, and
 *     alarm_station_check refuses the station (read from the store)
 *   - WE1 holds the lot: the unit's work order is held, its next unit
 *     cannot be opened
 *   - Nelson 3 (6 rising) is only logged: OK, "(recorded)", an
 *     EVENT_SPC_SIGNAL and no alarm
 *   - limits learnt after N: I-MR from 5 values (CL 50, MR-bar 2.75, UCL
 *     50 + 3 x 2.75/1.128); X-bar-R from 4 subgroups of 3 (A2 = 1.023);
 *     the next wild point breaks WE1, the history keeps LEARNT
 *   - the signed limits change: an operator may not send it, an engineer
 *     without a reason or with an operator's signature is refused; signed
 *     by the engineer the new limits are in force at the next value and
 *     the history keeps DEFINED, SET (who, why) and RELEARN
 *   - drift: the wearing tool's bore rises 0.0015 mm a unit with noise;
 *     the drift alarm comes before the first value out of spec (the test
 *     prints how many units before)
 *   - SpcQuery charts from the event log: the values as entered, oldest
 *     first, per station
 */
#include "tests/lib/check.h"
#include "tests/lib/ctl_run.h"
#include "tests/lib/harness.h"
#include "server/alarm/alarm.h"
#include "server/store/records.h"
#include "shared/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define SIGNAL YOKE__STATUS__STATUS_SPC_SIGNAL
#define PLANT "tests/data/plant-spc"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *eng;
	struct client *st[5];      /* CELL-1..CELL-5, badged in as 1001..1005 */
};

static bool
setup(struct fixture *f)
{
	bool ok = true;

	memset(f, 0, sizeof *f);
	f->y = harness_start_loaded(PLANT, &f->p);
	if (f->y == NULL)
		return false;
	f->eng = harness_engineer(f->y, f->p, "it");
	if (f->eng == NULL || !harness_add_operators(f->y, f->p, 1001, 5, "*"))
		return false;
	for (int i = 0; i < 5 && ok; i++) {
		char term[32], station[32], badge[32];
		snprintf(term, sizeof term, "CELL-%d@it", i + 1);
		snprintf(station, sizeof station, "CELL-%d", i + 1);
		snprintf(badge, sizeof badge, "%d", 1001 + i);
		f->st[i] = harness_client(f->y, term);
		Yoke__Reply *rp = harness_badge_in(f->st[i], station, badge);
		ok = rp && rp->status == OK;
		client_reply_free(rp);
	}
	return ok;
}

static void
teardown(struct fixture *f)
{
	for (int i = 0; i < 5; i++)
		client_free(f->st[i]);
	client_free(f->eng);
	if (f->y && f->y->pid)
		CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static bool
release(struct fixture *f, const char *wo, const char *product, uint32_t n)
{
	Yoke__Reply *rp = harness_release(f->eng, wo, product, n, "2030-01-31", 0, NULL);
	bool ok = rp && rp->status == OK;
	if (!ok)
		fprintf(stderr, "release %s: %s\n", wo, rp ? rp->message : "no answer");
	client_reply_free(rp);
	return ok;
}

/* Opens unit WO-000k at the client's station and measures v: the step's
 * reply (the caller frees it), NULL when the open was refused. */
static Yoke__Reply *
measure(struct client *c, const char *wo, unsigned k, double v)
{
	char serial[64];
	Yoke__Reply *rp;

	snprintf(serial, sizeof serial, "%s-%04u", wo, k);
	rp = harness_open_unit(c, serial);
	if (rp == NULL || rp->status != OK) {
		fprintf(stderr, "open %s: %s\n", serial, rp ? rp->message : "no answer");
		client_reply_free(rp);
		return NULL;
	}
	client_reply_free(rp);
	return harness_step_value(c, serial, 0, v);
}

/* measure, then complete the operation when the unit may go on. */
static Yoke__Status
unit_with(struct client *c, const char *wo, unsigned k, double v, char *msg, size_t msgsz)
{
	Yoke__Reply *rp = measure(c, wo, k, v);
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	char serial[64];

	if (msg)
		snprintf(msg, msgsz, "%s", rp && rp->message ? rp->message : "");
	client_reply_free(rp);
	snprintf(serial, sizeof serial, "%s-%04u", wo, k);
	if (st == OK || st == SIGNAL) {
		rp = harness_complete(c, serial);
		client_reply_free(rp);
	}
	return st;
}

static Yoke__Reply *
spc_query(struct client *c, const char *name, const char *station)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SpcQuery q = YOKE__SPC_QUERY__INIT;

	q.characteristic = (char *)name;
	q.station = (char *)station;
	rq.body_case = YOKE__REQUEST__BODY_SPC;
	rq.spc = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
limits_set(struct client *c, const char *name, const char *station, bool relearn, double cl,
    double ucl, double lcl, const char *reason, const char *badge, const char *pin)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SpcLimitsSet q = YOKE__SPC_LIMITS_SET__INIT;
	Yoke__Signature sig = YOKE__SIGNATURE__INIT;

	q.characteristic = (char *)name;
	q.station = (char *)station;
	q.relearn = relearn;
	q.learn = relearn ? 5 : 0;
	q.cl = cl;
	q.ucl = ucl;
	q.lcl = lcl;
	q.reason = (char *)reason;
	sig.badge = (char *)badge;
	sig.pin = (char *)pin;
	q.signature = &sig;
	rq.body_case = YOKE__REQUEST__BODY_SPC_LIMITS_SET;
	rq.spc_limits_set = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static size_t
events_of(struct client *c, const char *serial, Yoke__EventKind kind)
{
	Yoke__Reply *rp = harness_trace(c, serial);
	size_t n = rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_TRACE ?
	    harness_count_events(rp->trace, kind) : 0;
	client_reply_free(rp);
	return n;
}

static Yoke__Status
status_of_complete(struct client *c, const char *serial)
{
	Yoke__Reply *rp = harness_complete(c, serial);
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

static void
test_we1_raises_an_alarm(void)
{
	struct fixture f;
	char msg[600];
	REQUIRE(setup(&f) && release(&f, "WA", "GADGET-A", 6));
	CHECK_INT(unit_with(f.st[0], "WA", 1, 50, NULL, 0), OK);
	CHECK_INT(unit_with(f.st[0], "WA", 2, 55.9, NULL, 0), OK);   /* inside UCL 56 */
	Yoke__Reply *rp = measure(f.st[0], "WA", 3, 57);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, SIGNAL);
	strncpy(msg, rp->message ? rp->message : "", sizeof msg - 1);
	msg[sizeof msg - 1] = '\0';
	CHECK(strstr(msg, "t_alarm: WE 1: 1 point beyond 3 sigma (WE1): alarm ALM-000001") != NULL);
	REQUIRE(rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit->n_steps == 1);
	CHECK(strstr(rp->unit->steps[0]->result, "ALM-000001") != NULL);
	CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	client_reply_free(rp);
	CHECK_INT(events_of(f.st[0], "WA-0003", YOKE__EVENT_KIND__EVENT_ALARM_RAISED), 1);
	CHECK_INT(events_of(f.st[0], "WA-0002", YOKE__EVENT_KIND__EVENT_ALARM_RAISED), 0);
	/* The unit goes on; the next one in control is quiet. */
	CHECK_INT(status_of_complete(f.st[0], "WA-0003"), OK);
	CHECK_INT(unit_with(f.st[0], "WA", 4, 50, NULL, 0), OK);
	teardown(&f);
}

/* A signed resolution of an alarm by the lead (badge 300). */
static Yoke__Status
resolved(struct client *c, const char *number)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmResolve a = YOKE__ALARM_RESOLVE__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT;
	Yoke__Reply *rp;
	Yoke__Status st;
	s.badge = (char *)"300";
	s.pin = (char *)HARNESS_PIN;
	a.number = (char *)number;
	a.resolution = (char *)"fixture reseated";
	a.cause = (char *)"loose fixture";
	a.action = (char *)"reseated and checked";
	a.signature = &s;
	rq.body_case = YOKE__REQUEST__BODY_ALARM_RESOLVE;
	rq.alarm_resolve = &a;
	rp = harness_call(c, &rq, HARNESS_TRIES);
	st = rp ? rp->status : (Yoke__Status)-1;
	if (rp && st != OK)
		fprintf(stderr, "    resolve %s: %s\n", number, rp->message);
	client_reply_free(rp);
	return st;
}

/* t_alarm: I-MR, cl 50 ucl 56 lcl 44 given, so sigma 2: the MR chart's
 * centre is d2·σ = 2.256 and its UCL D4·2.256 = 7.37. A second WE1 break
 * while ALM-000001 is open raises no new alarm (recorded on the unit);
 * after its resolution the next break raises ALM-000002: a moving range
 * of 10 between two points inside the I limits breaks the MR chart. */
static void
test_rule_alarm_not_repeated_and_mr_judged(void)
{
	struct fixture f;
	char msg[600];
	REQUIRE(setup(&f) && release(&f, "WR", "GADGET-A", 8));
	CHECK_INT(unit_with(f.st[0], "WR", 1, 50, NULL, 0), OK);
	CHECK_INT(unit_with(f.st[0], "WR", 2, 57, msg, sizeof msg), SIGNAL);
	CHECK(strstr(msg, "(WE1): alarm ALM-000001") != NULL);
	CHECK_INT(unit_with(f.st[0], "WR", 3, 56.5, msg, sizeof msg), OK);
	CHECK(strstr(msg, "(WE1): alarm ALM-000001 still open (recorded)") != NULL);
	CHECK_INT(events_of(f.st[0], "WR-0003", YOKE__EVENT_KIND__EVENT_SPC_SIGNAL), 1);
	CHECK_INT(events_of(f.st[0], "WR-0003", YOKE__EVENT_KIND__EVENT_ALARM_RAISED), 0);
	CHECK_INT(resolved(f.eng, "ALM-000001"), OK);
	CHECK_INT(unit_with(f.st[0], "WR", 4, 55, msg, sizeof msg), OK);     /* MR 1.5 */
	CHECK(strstr(msg, "ALM-") == NULL);
	/* 45 is inside the I chart's limits; its moving range 10 is not. */
	CHECK_INT(unit_with(f.st[0], "WR", 5, 45, msg, sizeof msg), SIGNAL);
	CHECK(strstr(msg, "t_alarm: the MR 10 is above its UCL 7.37 (MR1): alarm ALM-000002") != NULL);
	CHECK_INT(events_of(f.st[0], "WR-0005", YOKE__EVENT_KIND__EVENT_ALARM_RAISED), 1);
	teardown(&f);
}

static void
test_we2_holds_the_unit(void)
{
	struct fixture f;
	REQUIRE(setup(&f) && release(&f, "WH", "GADGET-H", 5));
	CHECK_INT(unit_with(f.st[1], "WH", 1, 50, NULL, 0), OK);
	CHECK_INT(unit_with(f.st[1], "WH", 2, 54.5, NULL, 0), OK);   /* one beyond 2 sigma */
	Yoke__Reply *rp = measure(f.st[1], "WH", 3, 54.6);           /* the second of 3 */
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, SIGNAL);
	CHECK(strstr(rp->message, "(WE2): alarm ALM-000001, unit WH-0003 held") != NULL);
	REQUIRE(rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_ON_HOLD);
	CHECK(strstr(rp->unit->hold_reason, "ALM-000001") != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of_complete(f.st[1], "WH-0003"), YOKE__STATUS__STATUS_UNIT_HELD);
	teardown(&f);
}

static void
test_we1_stops_the_station(void)
{
	struct fixture f;
	struct store *st;
	struct arena a;
	struct txn t;
	char err[200];
	const void *v;
	size_t vl;

	REQUIRE(setup(&f) && release(&f, "WS", "GADGET-S", 4));
	CHECK_INT(unit_with(f.st[2], "WS", 1, 50, NULL, 0), OK);
	Yoke__Reply *rp = measure(f.st[2], "WS", 2, 43);              /* below LCL 44 */
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, SIGNAL);
	CHECK(strstr(rp->message, "alarm ALM-000001, station CELL-3 stopped") != NULL);
	client_reply_free(rp);
	/* The stop, as every unit request at CELL-3 asks it (alarm.h). */
	CHECK_INT(harness_yoked_stop(f.y), 0);
	REQUIRE(store_open(&st, f.y->data, err, sizeof err) == 0);
	REQUIRE(store_begin_read(st, &t) == STORE_OK);
	CHECK_INT(store_get(&t, T_STATION_STOP, "CELL-3", 6, &v, &vl), STORE_OK);
	CHECK_INT(store_get(&t, T_STATION_STOP, "CELL-1", 6, &v, &vl), STORE_NOTFOUND);
	arena_init(&a);
	Yoke__Reply reply = YOKE__REPLY__INIT;
	struct ctx c = { .txn = &t, .a = &a, .rp = &reply };
	CHECK_INT(alarm_station_check(&c, "CELL-3"), OUTCOME_REFUSED);
	CHECK_INT(reply.status, YOKE__STATUS__STATUS_STATION_STOPPED);
	CHECK(reply.message && strstr(reply.message, "ALM-000001") != NULL);
	CHECK_INT(alarm_station_check(&c, "CELL-1"), OUTCOME_COMMIT);
	arena_free(&a);
	store_abort(&t);
	store_close(st);
	teardown(&f);
}

static void
test_we1_holds_the_lot(void)
{
	struct fixture f;
	REQUIRE(setup(&f) && release(&f, "WL", "GADGET-L", 3));
	Yoke__Reply *rp = measure(f.st[3], "WL", 1, 57);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, SIGNAL);
	CHECK(strstr(rp->message, "alarm ALM-000001, work order WL held") != NULL);
	client_reply_free(rp);
	rp = harness_open_unit(f.st[3], "WL-0002");
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_UNIT_HELD);
	client_reply_free(rp);
	teardown(&f);
}

static void
test_nelson3_is_logged(void)
{
	struct fixture f;
	char msg[600];
	const double v[] = { 48, 48.5, 49, 50, 51, 52, 53 };
	REQUIRE(setup(&f) && release(&f, "WG", "GADGET-G", 8));
	/* 48 then five rises: the 6th point rising is 52 (unit 6): a trend. */
	for (unsigned i = 0; i < 5; i++)
		CHECK_INT(unit_with(f.st[4], "WG", i + 1, v[i], NULL, 0), OK);
	CHECK_INT(unit_with(f.st[4], "WG", 6, v[5], msg, sizeof msg), OK);
	CHECK(strstr(msg, "t_log: Nelson 3: 6 points in a row steadily increasing or decreasing "
	    "(N3) (recorded)") != NULL);
	CHECK_INT(events_of(f.st[4], "WG-0006", YOKE__EVENT_KIND__EVENT_SPC_SIGNAL), 1);
	CHECK_INT(events_of(f.st[4], "WG-0006", YOKE__EVENT_KIND__EVENT_ALARM_RAISED), 0);
	CHECK_INT(events_of(f.st[4], "WG-0005", YOKE__EVENT_KIND__EVENT_SPC_SIGNAL), 0);
	teardown(&f);
}

static void
test_limits_learnt_after_n(void)
{
	struct fixture f;
	const double v[] = { 50, 52, 48, 51, 49 };
	REQUIRE(setup(&f) && release(&f, "WN", "GADGET-N", 8) && release(&f, "WX", "GADGET-X", 16));
	/* Learning: nothing is checked yet. */
	for (unsigned i = 0; i < 5; i++)
		CHECK_INT(unit_with(f.st[0], "WN", i + 1, v[i], NULL, 0), OK);
	Yoke__Reply *rp = spc_query(f.eng, "t_learn", "CELL-1");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_SPC);
	REQUIRE(rp->spc->n_states == 1);
	const Yoke__SpcStationState *s = rp->spc->states[0];
	CHECK(s->has_limits);
	CHECK_NEAR(s->cl, 50, 1e-9);
	CHECK_NEAR(s->ucl, 50 + 3 * 2.75 / 1.128, 1e-9);
	CHECK_NEAR(s->lcl, 50 - 3 * 2.75 / 1.128, 1e-9);
	REQUIRE(rp->spc->n_history == 1);
	CHECK_INT(rp->spc->history[0]->origin, YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_LEARNT);
	CHECK_INT(rp->spc->history[0]->points, 5);
	/* The stored points, as entered, oldest first. */
	REQUIRE(rp->spc->n_points == 5);
	for (unsigned i = 0; i < 5; i++)
		CHECK_NEAR(rp->spc->points[i]->value, v[i], 0);
	CHECK(rp->spc->definition && rp->spc->definition->learn == 5);
	client_reply_free(rp);
	CHECK_INT(unit_with(f.st[0], "WN", 6, 57, NULL, 0), OK);       /* inside 57.31 */
	CHECK_INT(unit_with(f.st[0], "WN", 7, 57.4, NULL, 0), SIGNAL);

	/* X-bar and R, n=3, learnt from 4 subgroups (one value a unit): means
	 * 50, ranges 2 4 2 4: CL 50, UCL 50 + 1.023 x 3. */
	const double x[] = { 49, 50, 51, 50, 52, 48, 51, 50, 49, 48, 50, 52, 56, 57, 56 };
	for (unsigned i = 0; i < 15; i++)
		CHECK_INT(unit_with(f.st[1], "WX", i + 1, x[i], NULL, 0), i == 14 ? SIGNAL : OK);
	rp = spc_query(f.eng, "t_xbar", "CELL-2");
	REQUIRE(rp && rp->status == OK && rp->spc->n_states == 1);
	CHECK_NEAR(rp->spc->states[0]->cl, 50, 1e-9);
	CHECK_NEAR(rp->spc->states[0]->ucl, 50 + 1.023 * 3, 1e-9);
	CHECK_INT(rp->spc->states[0]->count, 15);
	client_reply_free(rp);
	teardown(&f);
}

static void
test_limits_changed_signed(void)
{
	struct fixture f;
	REQUIRE(setup(&f) && release(&f, "WA", "GADGET-A", 8));
	CHECK_INT(unit_with(f.st[0], "WA", 1, 50, NULL, 0), OK);
	/* An operator may not send it; the engineer needs a reason and an
	 * engineer's signature. */
	Yoke__Reply *rp = limits_set(f.st[0], "t_alarm", "CELL-1", false, 50, 54, 46, "tighter",
	    "900", HARNESS_PIN);
	CHECK(rp && rp->status != OK);
	client_reply_free(rp);
	rp = limits_set(f.eng, "t_alarm", "CELL-1", false, 50, 54, 46, "", "900", HARNESS_PIN);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	rp = limits_set(f.eng, "t_alarm", "CELL-1", false, 50, 54, 46, "new fixture", "300",
	    HARNESS_PIN);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	client_reply_free(rp);
	rp = limits_set(f.eng, "t_alarm", "CELL-1", false, 50, 46, 54, "new fixture", "900",
	    HARNESS_PIN);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);    /* ucl below lcl */
	client_reply_free(rp);
	/* Still the defined limits: 55 is inside 56. */
	CHECK_INT(unit_with(f.st[0], "WA", 2, 55, NULL, 0), OK);
	rp = limits_set(f.eng, "t_alarm", "CELL-1", false, 50, 54, 46, "new fixture, capability "
	    "study 2026-11", "900", HARNESS_PIN);
	REQUIRE(rp && rp->status == OK);
	CHECK(strstr(rp->message, "CL 50, UCL 54, LCL 46 in force (change 2)") != NULL);
	client_reply_free(rp);
	CHECK_INT(unit_with(f.st[0], "WA", 3, 55, NULL, 0), SIGNAL);
	rp = limits_set(f.eng, "t_alarm", "CELL-1", true, 0, 0, 0, "process moved to line 2",
	    "900", HARNESS_PIN);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	/* Learning again: 60 raises nothing. */
	CHECK_INT(unit_with(f.st[0], "WA", 4, 60, NULL, 0), OK);
	rp = spc_query(f.st[1], "t_alarm", "");
	REQUIRE(rp && rp->status == OK);
	REQUIRE(rp->spc->n_history == 3);
	CHECK_INT(rp->spc->history[0]->origin, YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_DEFINED);
	CHECK_NEAR(rp->spc->history[0]->ucl, 56, 0);
	CHECK_INT(rp->spc->history[1]->origin, YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_SET);
	CHECK(rp->spc->history[1]->signature && strcmp(rp->spc->history[1]->signature->badge,
	    "900") == 0);
	CHECK_STR(rp->spc->history[1]->reason, "new fixture, capability study 2026-11");
	CHECK_INT(rp->spc->history[2]->origin, YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_RELEARN);
	CHECK_INT(rp->spc->history[2]->points, 5);
	CHECK_INT(rp->spc->n_points, 4);
	REQUIRE(rp->spc->n_states == 1);
	CHECK(!rp->spc->states[0]->has_limits);
	CHECK_INT(rp->spc->states[0]->learnt, 1);
	client_reply_free(rp);
	teardown(&f);
}

/* The wearing tool: 9.990 mm + 0.0015 mm a unit, with a repeatable noise
 * of up to ±0.002 mm. USL 10.05. */
static double
bore(unsigned k)
{
	return 9.990 + 0.0015 * k + (double)((int)((k * 37) % 9) - 4) * 0.0005;
}

static void
test_drift_warns_before_out_of_spec(void)
{
	struct fixture f;
	char msg[600];
	unsigned warned = 0, out = 0;
	REQUIRE(setup(&f) && release(&f, "WB", "SHAFT", 60));
	for (unsigned k = 1; k <= 60 && !out; k++) {
		Yoke__Status st = unit_with(f.st[4], "WB", k, bore(k), msg, sizeof msg);
		if (bore(k) > 10.05) {
			out = k;
			CHECK_INT(st, YOKE__STATUS__STATUS_MEASURE_AGAIN);
		} else if (strstr(msg, "bore rising")) {
			CHECK_INT(st, SIGNAL);
			CHECK(strstr(msg, "/unit: crosses USL 10.05 in about ") != NULL);
			if (warned == 0)
				warned = k;
			else
				CHECK(!"a second drift warning before the trend left reach");
		}
	}
	REQUIRE(out > 0);
	REQUIRE(warned > 0);
	printf("drift: warned at unit %u, first out of spec at unit %u: %u units before\n", warned,
	    out, out - warned);
	CHECK(out - warned >= 5);
	CHECK_INT(events_of(f.st[4], "WB-0001", YOKE__EVENT_KIND__EVENT_ALARM_RAISED), 0);
	teardown(&f);
}

static void
test_query_refusals(void)
{
	struct fixture f;
	REQUIRE(setup(&f));
	Yoke__Reply *rp = spc_query(f.eng, "nosuch", "");
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_FOUND);
	client_reply_free(rp);
	rp = spc_query(f.eng, "", "");
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	rp = limits_set(f.eng, "t_alarm", "NOWHERE", false, 50, 54, 46, "x", "900", HARNESS_PIN);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_FOUND);
	client_reply_free(rp);
	/* Defined, no value yet: the definition answers. */
	rp = spc_query(f.eng, "bore", "");
	REQUIRE(rp && rp->status == OK);
	CHECK(rp->spc->definition && rp->spc->definition->drift_units == 15);
	CHECK(rp->spc->has_usl && rp->spc->usl == 10.05);
	CHECK_INT(rp->spc->n_points, 0);
	client_reply_free(rp);
	teardown(&f);
}

/* yokectl spc --characteristic charts the stored points with the file
 * mode's output, against the limits in force; yokectl spc limits shows
 * and changes them, signed. */
static void
test_ctl_spc(void)
{
	struct fixture f;
	struct cert cert;
	char certfile[700];
	FILE *pins;
	const double v[] = { 50, 52, 48, 51, 49, 50, 57.4 };

	REQUIRE(access(ctl_path(), X_OK) == 0);
	REQUIRE(setup(&f) && release(&f, "WN", "GADGET-N", 8));
	for (unsigned i = 0; i < 7; i++)
		CHECK_INT(unit_with(f.st[0], "WN", i + 1, v[i], NULL, 0), i == 6 ? SIGNAL : OK);
	REQUIRE(harness_enrol(f.y, "ctl@spc", "", &cert));
	snprintf(certfile, sizeof certfile, "%s/devices/ctl@spc.cert", f.y->keys);
	ctl_run_paths(certfile, f.y->root);
	REQUIRE((pins = fopen(ctl_pins, "w")) != NULL);
	fprintf(pins, "%s\n%s\n", HARNESS_PIN, HARNESS_PIN);
	REQUIRE(fclose(pins) == 0);

	EXPECT_RC(0, "C.UTF-8", "spc", "--characteristic", "t_learn", "--station", "CELL-1");
	HAS(ctl_out, "t_learn: 7 points at CELL-1");
	HAS(ctl_out, "limits in force at CELL-1: CL 50  UCL 57.3138  LCL 42.6862 (7 values");
	HAS(ctl_out, "X          CL 50  UCL 57.3138  LCL 42.6862");
	HAS(ctl_out, "point 7: WE 1: 1 point beyond 3 sigma");
	HAS(ctl_out, "Cpk");
	EXPECT_RC(0, "C.UTF-8", "spc", "--characteristic", "t_learn", "--station", "CELL-1",
	    "--json");
	HAS(ctl_out, "\"chart\":\"imr\",\"points\":7,\"cl\":50,");
	HAS(ctl_out, "\"violations\":[{\"point\":7,\"rule\":\"WE 1: 1 point beyond 3 sigma\"}]");
	EXPECT_RC(1, "C.UTF-8", "spc", "--characteristic", "nosuch");
	HAS(ctl_err, "No characteristic nosuch");
	EXPECT_RC(0, "C.UTF-8", "spc", "limits", "--characteristic", "t_learn", "--station",
	    "CELL-1", "--cl", "50", "--ucl", "55", "--lcl", "45", "--reason", "tighter after the "
	    "study", "--sign", "900");
	HAS(ctl_out, "t_learn at CELL-1: control limits CL 50, UCL 55, LCL 45 in force (change 2)");
	EXPECT_RC(0, "C.UTF-8", "spc", "limits", "--characteristic", "t_learn", "--station",
	    "CELL-1");
	HAS(ctl_out, "limits in force at CELL-1: CL 50  UCL 55  LCL 45");
	HAS(ctl_out, "learnt    CL 50 UCL 57.3138 LCL 42.6862  from 5 points");
	HAS(ctl_out, "set       CL 50 UCL 55 LCL 45  Eve Engineer (900)  \"tighter after the study\"");
	EXPECT_RC(2, "C.UTF-8", "spc", "limits", "--characteristic", "t_learn", "--station",
	    "CELL-1", "--cl", "50", "--reason", "x", "--sign", "900");
	teardown(&f);
}

int
main(void)
{
	RUN(test_we1_raises_an_alarm);
	RUN(test_rule_alarm_not_repeated_and_mr_judged);
	RUN(test_we2_holds_the_unit);
	RUN(test_we1_stops_the_station);
	RUN(test_we1_holds_the_lot);
	RUN(test_nelson3_is_logged);
	RUN(test_limits_learnt_after_n);
	RUN(test_limits_changed_signed);
	RUN(test_drift_warns_before_out_of_spec);
	RUN(test_query_refusals);
	RUN(test_ctl_spc);
	return check_done();
}
