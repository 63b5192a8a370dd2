/*
 * it_gate.c — the pre-start gate against a real yoked (server/gate/gate.h).
 * Plant: tests/data/plant-gate.
 *
 *   - a step with gauge=caliper: no scan (GAUGE_REQUIRED), an unknown id,
 *     one overdue (its due date named), one of another kind, one blocked
 *     (signed, with a reason) are refused and nothing is recorded; a good
 *     one is accepted and recorded in the unit's history with the value
 *   - the overdue one, calibrated with a signed GaugeCalibrate, is taken;
 *     a load of the same definitions (due= in the past) does not undo it
 *   - a qualification that expired: refused at badge-in (the date named)
 *     when it was the only one for the station's kind, and at the step when
 *     another one let the person badge in
 *   - the warning at badge-in, qual_warn_days= days before; not earlier
 *   - first article per work order: the second unit is refused at the step
 *     while the first is not yet inspected (naming it), then skips it; the
 *     third skips it as it reaches it; per shift (the shifts redefined so
 *     that now falls in another one): again; per setup: a reel change at
 *     the station, or another press taken there, starts a new first
 *     article; a failed first article makes the next unit the first;
 *     the station's equipment reporting another program (EquipmentValue
 *     .program, as yoke-bridge sends it) starts one too, the same program
 *     again does not
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-gate"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *eng;
	struct client *assy;     /* ASSY-1, badge 100 */
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

/* The status, or -2 when the message does not name `word`. */
static int
refused_naming(Yoke__Reply *rp, const char *word)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && strstr(rp->message, word) == NULL) {
		fprintf(stderr, "    \"%s\" does not name \"%s\"\n", rp->message, word);
		st = -2;
	}
	return status_of(rp) == -1 ? -1 : st;
}

static bool
setup(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL)
		return false;
	if ((f->eng = harness_engineer(f->y, f->p, "gate")) == NULL)
		return false;
	f->assy = harness_client(f->y, "ASSY-1@it");
	return status_of(harness_badge_in(f->assy, "ASSY-1", "100")) == OK;
}

static void
teardown(struct fixture *f)
{
	client_free(f->eng);
	client_free(f->assy);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static bool
release(struct fixture *f, const char *wo, const char *product, uint32_t n)
{
	return status_of(harness_release(f->eng, wo, product, n, "2030-01-31", 0, NULL)) == OK;
}

static Yoke__Reply *
setup_load(struct client *c, const char *scan)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetupLoad l = YOKE__SETUP_LOAD__INIT;
	l.scan = (char *)scan;
	rq.body_case = YOKE__REQUEST__BODY_SETUP_LOAD;
	rq.setup_load = &l;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* A measurement or a check, with a gauge scanned (NULL: none). */
static Yoke__Reply *
step_with_gauge(struct client *c, const char *serial, uint32_t step, const char *gauge, bool check,
    double value)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	s.serial = (char *)serial;
	s.step = step;
	if (check) {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
		s.pass = true;
	} else {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
		s.value = value;
	}
	s.gauge = (char *)(gauge ? gauge : "");
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
calibrate(struct client *c, const char *gauge, const char *due, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__GaugeCalibrate g = YOKE__GAUGE_CALIBRATE__INIT;
	Yoke__Signature sig = YOKE__SIGNATURE__INIT;
	sig.badge = (char *)badge;
	sig.pin = (char *)HARNESS_PIN;
	g.gauge = (char *)gauge;
	g.due = (char *)due;
	g.certificate = (char *)"CAL-2291";
	g.signature = &sig;
	rq.body_case = YOKE__REQUEST__BODY_GAUGE_CALIBRATE;
	rq.gauge_calibrate = &g;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
block(struct client *c, const char *gauge, bool on, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__GaugeBlock b = YOKE__GAUGE_BLOCK__INIT;
	Yoke__Signature sig = YOKE__SIGNATURE__INIT;
	sig.badge = (char *)badge;
	sig.pin = (char *)HARNESS_PIN;
	b.gauge = (char *)gauge;
	b.block = on;
	b.reason = (char *)"dropped on the floor";
	b.signature = &sig;
	rq.body_case = YOKE__REQUEST__BODY_GAUGE_BLOCK;
	rq.gauge_block = &b;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* The unit's current step after opening it, or -1. */
static int
open_at(struct client *c, const char *serial)
{
	Yoke__Reply *rp = harness_open_unit(c, serial);
	int step = rp && rp->status == OK && rp->unit ? (int)rp->unit->current_step : -1;
	status_of(rp);
	return step;
}

/* The current step a step reply left the unit at, or -1 when refused. */
static int
step_after(Yoke__Reply *rp)
{
	int step = rp && rp->status == OK && rp->unit ? (int)rp->unit->current_step : -1;
	status_of(rp);
	return step;
}

/* The days from today (local) as YYYY-MM-DD. */
static void
date_in(int days, char *buf, size_t size)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

static Yoke__Reply *
load_text(struct fixture *f, const char *text)
{
	const char *names[] = { "extra.def" }, *texts[] = { text };
	return harness_load_files(f->eng, names, texts, 1, false);
}

/* GADGET op 10, steps: 0 from=setup, 1 measure gap (caliper), 2 FAI per wo. */
static void
test_gauges_refused_then_calibrated(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	struct client *desk;

	REQUIRE(setup(&f));
	REQUIRE(release(&f, "WO1", "GADGET", 2));
	REQUIRE(status_of(setup_load(f.assy, "IC-555/REEL-1")) == OK);
	REQUIRE(open_at(f.assy, "WO1-0001") == 0);
	REQUIRE(step_after(harness_step_confirm(f.assy, "WO1-0001", 0)) == 1);

	CHECK_INT(refused_naming(step_with_gauge(f.assy, "WO1-0001", 1, NULL, false, 0.3), "caliper"),
	    YOKE__STATUS__STATUS_GAUGE_REQUIRED);
	CHECK_INT(refused_naming(step_with_gauge(f.assy, "WO1-0001", 1, "G-9999", false, 0.3),
	    "G-9999"), YOKE__STATUS__STATUS_GAUGE_REFUSED);
	CHECK_INT(refused_naming(step_with_gauge(f.assy, "WO1-0001", 1, "G-0013", false, 0.3),
	    "2020-01-31"), YOKE__STATUS__STATUS_GAUGE_REFUSED);
	CHECK_INT(refused_naming(step_with_gauge(f.assy, "WO1-0001", 1, "M-0001", false, 0.3),
	    "micrometer"), YOKE__STATUS__STATUS_GAUGE_REFUSED);

	/* Blocked, signed by the lead: refused; an operator may not block. */
	desk = harness_client(f.y, "harness-gate-desk");
	REQUIRE(harness_sign_in(desk, "300"));
	CHECK_INT(status_of(block(desk, "G-0014", true, "100")), YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(block(desk, "G-0014", true, "300")), OK);
	CHECK_INT(refused_naming(step_with_gauge(f.assy, "WO1-0001", 1, "G-0014", false, 0.3),
	    "dropped"), YOKE__STATUS__STATUS_GAUGE_REFUSED);

	/* The station's check as the operator scans: the same answer. */
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__GaugeCheck gc = YOKE__GAUGE_CHECK__INIT;
		gc.gauge = (char *)"G-0013";
		gc.kind = (char *)"caliper";
		rq.body_case = YOKE__REQUEST__BODY_GAUGE_CHECK;
		rq.gauge_check = &gc;
		CHECK_INT(refused_naming(harness_call(f.assy, &rq, HARNESS_TRIES), "2020-01-31"),
		    YOKE__STATUS__STATUS_GAUGE_REFUSED);
		gc.gauge = (char *)"G-0012";
		CHECK_INT(status_of(harness_call(f.assy, &rq, HARNESS_TRIES)), OK);
	}

	/* Calibrated by an inspector (a lead may not): taken. */
	client_free(desk);
	desk = harness_client(f.y, "harness-gate-desk2");
	REQUIRE(harness_sign_in(desk, "200"));
	CHECK_INT(status_of(calibrate(desk, "G-0013", "2098-06-30", "300")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(calibrate(desk, "G-0013", "2020-06-30", "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(calibrate(desk, "G-0013", "2098-06-30", "200")), OK);
	/* A load of the definitions (G-0013 due=2020-01-31) does not undo it. */
	REQUIRE(status_of(harness_plant_load(f.eng, f.p)) == OK);
	rp = step_with_gauge(f.assy, "WO1-0001", 1, "G-0013", false, 0.3);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->unit->current_step, 2);
	client_reply_free(rp);

	/* The gauge is in the unit's history with the value. */
	rp = harness_trace(f.eng, "WO1-0001");
	REQUIRE(rp && rp->status == OK && rp->trace);
	bool found = false;
	for (size_t i = 0; i < rp->trace->n_events; i++) {
		const Yoke__Event *e = rp->trace->events[i];
		if (e->kind == YOKE__EVENT_KIND__EVENT_MEASURED) {
			CHECK_STR(e->gauge, "G-0013");
			CHECK_NEAR(e->value, 0.3, 1e-9);
			found = true;
		}
	}
	CHECK(found);
	client_reply_free(rp);

	/* The listing: due within 30 days names none of the calibrated ones. */
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__GaugeQuery q = YOKE__GAUGE_QUERY__INIT;
		q.has_due_within = true;
		q.due_within = 30;
		rq.body_case = YOKE__REQUEST__BODY_GAUGES;
		rq.gauges = &q;
		rp = harness_call(desk, &rq, HARNESS_TRIES);
		REQUIRE(rp && rp->status == OK && rp->gauges);
		CHECK_INT(rp->gauges->n_gauges, 0);
		client_reply_free(rp);
		q.has_due_within = false;
		rp = harness_call(desk, &rq, HARNESS_TRIES);
		REQUIRE(rp && rp->status == OK && rp->gauges);
		CHECK_INT(rp->gauges->n_gauges, 7);   /* 4 gauges, 3 equipment */
		for (size_t i = 0; i < rp->gauges->n_gauges; i++)
			if (strcmp(rp->gauges->gauges[i]->id, "G-0013") == 0) {
				CHECK_STR(rp->gauges->gauges[i]->due, "2098-06-30");
				CHECK(rp->gauges->gauges[i]->calibrated);
			}
		client_reply_free(rp);
	}
	client_free(desk);
	teardown(&f);
}

static void
test_qualification_expired(void)
{
	struct fixture f;
	struct client *c2;

	REQUIRE(setup(&f));
	REQUIRE(release(&f, "WO1", "GADGET", 1));
	c2 = harness_client(f.y, "ASSY-2@it");
	/* 101's only qualification here expired: refused at badge-in. */
	CHECK_INT(refused_naming(harness_badge_in(c2, "ASSY-2", "101"), "2020-01-01"),
	    YOKE__STATUS__STATUS_QUALIFICATION_EXPIRED);
	/* 102 may badge in (WIDGET/star does not expire), but not do a GADGET step. */
	REQUIRE(status_of(harness_badge_in(c2, "ASSY-2", "102")) == OK);
	REQUIRE(status_of(setup_load(c2, "IC-555/REEL-1")) == OK);
	REQUIRE(open_at(c2, "WO1-0001") == 0);
	CHECK_INT(refused_naming(harness_step_confirm(c2, "WO1-0001", 0), "2020-01-01"),
	    YOKE__STATUS__STATUS_QUALIFICATION_EXPIRED);
	client_free(c2);
	teardown(&f);
}

static void
test_qualification_warning(void)
{
	struct fixture f;
	struct client *c2;
	Yoke__Reply *rp;
	char d5[16], text[400];

	REQUIRE(setup(&f));
	date_in(5, d5, sizeof d5);
	snprintf(text, sizeof text, "operator 103 \"Dee Soon\" role=operator "
	    "qualified=GADGET/*:%s,WIDGET/*:%s\ngate qual_warn_days=7\n", d5, d5);
	REQUIRE(status_of(load_text(&f, text)) == OK);
	c2 = harness_client(f.y, "ASSY-2@it");
	rp = harness_badge_in(c2, "ASSY-2", "103");
	REQUIRE(rp && rp->status == OK && rp->badge_in);
	CHECK(strstr(rp->badge_in->qualification_warning, d5) != NULL);
	CHECK(strstr(rp->badge_in->qualification_warning, "5 days") != NULL);
	client_reply_free(rp);
	/* Three days' warning: not yet. */
	REQUIRE(status_of(load_text(&f, "gate qual_warn_days=3\n")) == OK);
	rp = harness_badge_in(c2, "ASSY-2", "103");
	REQUIRE(rp && rp->status == OK && rp->badge_in);
	CHECK_STR(rp->badge_in->qualification_warning, "");
	client_reply_free(rp);
	client_free(c2);
	teardown(&f);
}

static size_t
skipped_events(struct fixture *f, const char *serial)
{
	Yoke__Reply *rp = harness_trace(f->eng, serial);
	size_t n = rp && rp->status == OK && rp->trace ?
	    harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_FAI_SKIPPED) : 0;
	client_reply_free(rp);
	return n;
}

/* GADGET op 10: the FAI per work order is step 2 (index), after the gap. */
static void
test_fai_per_work_order(void)
{
	struct fixture f;
	char s[3][16];

	REQUIRE(setup(&f));
	REQUIRE(release(&f, "WO1", "GADGET", 3));
	REQUIRE(status_of(setup_load(f.assy, "IC-555/REEL-1")) == OK);
	for (int i = 0; i < 3; i++)
		snprintf(s[i], sizeof s[i], "WO1-%04d", i + 1);
	/* The first unit reaches the FAI: it is the first article. */
	REQUIRE(open_at(f.assy, s[0]) == 0);
	REQUIRE(step_after(harness_step_confirm(f.assy, s[0], 0)) == 1);
	REQUIRE(step_after(step_with_gauge(f.assy, s[0], 1, "G-0012", false, 0.3)) == 2);
	/* Its inspection is not passed yet: the second is refused at the step. */
	REQUIRE(open_at(f.assy, s[1]) == 0);
	REQUIRE(step_after(harness_step_confirm(f.assy, s[1], 0)) == 1);
	REQUIRE(step_after(step_with_gauge(f.assy, s[1], 1, "G-0012", false, 0.3)) == 2);
	CHECK_INT(refused_naming(harness_step_inspection(f.assy, s[1], 2, true, "200", NULL), s[0]),
	    YOKE__STATUS__STATUS_FAI_PENDING);
	/* The first article passes, signed; the second then skips the step. */
	CHECK_INT(step_after(harness_step_inspection(f.assy, s[0], 2, true, "200", NULL)), 3);
	CHECK_INT(step_after(harness_step_inspection(f.assy, s[1], 2, true, "200", NULL)), 3);
	CHECK_INT(skipped_events(&f, s[1]), 1);
	/* The third skips it as it reaches it. */
	REQUIRE(open_at(f.assy, s[2]) == 0);
	REQUIRE(step_after(harness_step_confirm(f.assy, s[2], 0)) == 1);
	CHECK_INT(step_after(step_with_gauge(f.assy, s[2], 1, "G-0012", false, 0.3)), 3);
	CHECK_INT(skipped_events(&f, s[2]), 1);
	CHECK_INT(skipped_events(&f, s[0]), 0);
	CHECK_INT(status_of(harness_complete(f.assy, s[2])), OK);
	teardown(&f);
}

/* GADGET op 20 at TEST-1: 0 check with the oven, 1 FAI per shift. */
static void
test_fai_per_shift(void)
{
	struct fixture f;
	struct client *t;
	char s[3][16], text[200];
	time_t now = time(NULL);
	struct tm tm;
	int h;

	REQUIRE(setup(&f));
	REQUIRE(status_of(load_text(&f, "shift A start=00:00 end=00:00\n")) == OK);
	REQUIRE(release(&f, "WO1", "GADGET", 3));
	REQUIRE(status_of(setup_load(f.assy, "IC-555/REEL-1")) == OK);
	t = harness_client(f.y, "TEST-1@it");
	REQUIRE(status_of(harness_badge_in(t, "TEST-1", "104")) == OK);
	for (int i = 0; i < 3; i++) {
		Yoke__Reply *rp;
		snprintf(s[i], sizeof s[i], "WO1-%04d", i + 1);
		/* Op 10 done (its FAI per work order by the first unit). */
		REQUIRE(open_at(f.assy, s[i]) == 0);
		REQUIRE(step_after(harness_step_confirm(f.assy, s[i], 0)) == 1);
		int at = step_after(step_with_gauge(f.assy, s[i], 1, "G-0012", false, 0.3));
		if (at == 2)
			REQUIRE(step_after(harness_step_inspection(f.assy, s[i], 2, true, "200", NULL)) == 3);
		rp = harness_complete(f.assy, s[i]);
		REQUIRE(status_of(rp) == OK);
	}
	/* Shift A: the first unit at TEST-1 is its first article; the second skips. */
	REQUIRE(open_at(t, s[0]) == 0);
	CHECK_INT(refused_naming(step_with_gauge(t, s[0], 0, "G-0012", true, 0), "oven"),
	    YOKE__STATUS__STATUS_GAUGE_REFUSED);
	REQUIRE(step_after(step_with_gauge(t, s[0], 0, "OVEN-1", true, 0)) == 1);
	REQUIRE(step_after(harness_step_inspection(t, s[0], 1, true, "201", NULL)) == 2);
	REQUIRE(open_at(t, s[1]) == 0);
	CHECK_INT(step_after(step_with_gauge(t, s[1], 0, "OVEN-1", true, 0)), 2);
	/* Now falls in shift B: a new first article. */
	localtime_r(&now, &tm);
	h = tm.tm_hour;
	snprintf(text, sizeof text, "shift A start=%02d:00 end=%02d:00\nshift B start=%02d:00 "
	    "end=%02d:00\n", (h + 2) % 24, (h + 3) % 24, (h + 3) % 24, (h + 2) % 24);
	REQUIRE(status_of(load_text(&f, text)) == OK);
	REQUIRE(open_at(t, s[2]) == 0);
	CHECK_INT(step_after(step_with_gauge(t, s[2], 0, "OVEN-1", true, 0)), 1);
	CHECK_INT(step_after(harness_step_inspection(t, s[2], 1, true, "201", NULL)), 2);
	client_free(t);
	teardown(&f);
}

/* WIDGET op 10 at ASSY-1: 0 from=setup, 1 the press, 2 FAI per setup. */
static bool
widget_to_fai(struct fixture *f, const char *serial, const char *press)
{
	return open_at(f->assy, serial) == 0 &&
	    step_after(harness_step_confirm(f->assy, serial, 0)) == 1 &&
	    step_after(step_with_gauge(f->assy, serial, 1, press, true, 0)) >= 2;
}

/* Where the unit stands (opened again at its station: its current step). */
static int
widget_step(struct fixture *f, const char *serial)
{
	return open_at(f->assy, serial);
}

static void
test_fai_per_setup(void)
{
	struct fixture f;
	char s[6][16];

	REQUIRE(setup(&f));
	REQUIRE(release(&f, "WO2", "WIDGET", 6));
	REQUIRE(status_of(setup_load(f.assy, "IC-555/REEL-1")) == OK);
	for (int i = 0; i < 6; i++)
		snprintf(s[i], sizeof s[i], "WO2-%04d", i + 1);
	REQUIRE(widget_to_fai(&f, s[0], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[0]), 2);
	REQUIRE(step_after(harness_step_inspection(f.assy, s[0], 2, true, "200", NULL)) == 3);
	REQUIRE(widget_to_fai(&f, s[1], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[1]), 3);                 /* skipped */
	/* A reel change: the next unit is a first article again. */
	REQUIRE(status_of(setup_load(f.assy, "IC-555/REEL-2")) == OK);
	REQUIRE(widget_to_fai(&f, s[2], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[2]), 2);
	/* Its inspection fails: the next unit becomes the first article. */
	CHECK_INT(status_of(harness_step_inspection(f.assy, s[2], 2, false, "200", NULL)),
	    YOKE__STATUS__STATUS_CHECK_FAILED);
	REQUIRE(widget_to_fai(&f, s[3], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[3]), 2);
	CHECK_INT(step_after(harness_step_inspection(f.assy, s[3], 2, true, "200", NULL)), 3);
	/* Another press at the station (an equipment change): again. */
	REQUIRE(widget_to_fai(&f, s[4], "PRESS-2"));
	CHECK_INT(widget_step(&f, s[4]), 2);
	CHECK_INT(step_after(harness_step_inspection(f.assy, s[4], 2, true, "200", NULL)), 3);
	REQUIRE(widget_to_fai(&f, s[5], "PRESS-2"));
	CHECK_INT(widget_step(&f, s[5]), 3);
	teardown(&f);
}

/* The program the station's equipment runs, as yoke-bridge reports it. */
static Yoke__Reply *
program_reported(struct client *c, const char *station, const char *program)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__EquipmentBatch eb = YOKE__EQUIPMENT_BATCH__INIT;
	Yoke__EquipmentValue v = YOKE__EQUIPMENT_VALUE__INIT, *vp = &v;
	v.station = (char *)station;
	v.parameter = (char *)"program";
	v.program = (char *)program;
	eb.values = &vp;
	eb.n_values = 1;
	eb.bridge = (char *)"it";
	rq.body_case = YOKE__REQUEST__BODY_EQUIPMENT_BATCH;
	rq.equipment_batch = &eb;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static int
accepted(Yoke__Reply *rp)
{
	int n = rp && rp->status == OK && rp->equipment_batch ? (int)rp->equipment_batch->accepted : -1;
	status_of(rp);
	return n;
}

static void
test_fai_after_program_change(void)
{
	struct fixture f;
	struct client *bridge;
	char s[5][16];

	REQUIRE(setup(&f));
	bridge = harness_client(f.y, "bridge@it");
	REQUIRE(release(&f, "WO3", "WIDGET", 5));
	REQUIRE(status_of(setup_load(f.assy, "IC-555/REEL-1")) == OK);
	for (int i = 0; i < 5; i++)
		snprintf(s[i], sizeof s[i], "WO3-%04d", i + 1);
	CHECK_INT(accepted(program_reported(bridge, "ASSY-1", "PRG-A")), 1);
	REQUIRE(widget_to_fai(&f, s[0], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[0]), 2);
	REQUIRE(step_after(harness_step_inspection(f.assy, s[0], 2, true, "200", NULL)) == 3);
	/* The same program reported again is no change: skipped. */
	CHECK_INT(accepted(program_reported(bridge, "ASSY-1", "PRG-A")), 1);
	REQUIRE(widget_to_fai(&f, s[1], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[1]), 3);
	/* Another program: the next unit is a first article again. */
	CHECK_INT(accepted(program_reported(bridge, "ASSY-1", "PRG-B")), 1);
	REQUIRE(widget_to_fai(&f, s[2], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[2]), 2);
	REQUIRE(step_after(harness_step_inspection(f.assy, s[2], 2, true, "200", NULL)) == 3);
	REQUIRE(widget_to_fai(&f, s[3], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[3]), 3);
	/* A program name that is not printable text is refused as invalid. */
	Yoke__Reply *rp = program_reported(bridge, "ASSY-1", "PRG\x01");
	CHECK(rp && rp->status == OK && rp->equipment_batch && rp->equipment_batch->invalid == 1);
	client_reply_free(rp);
	REQUIRE(widget_to_fai(&f, s[4], "PRESS-1"));
	CHECK_INT(widget_step(&f, s[4]), 3);
	client_free(bridge);
	teardown(&f);
}

int
main(void)
{
	harness_i18n_init();
	RUN(test_gauges_refused_then_calibrated);
	RUN(test_qualification_expired);
	RUN(test_qualification_warning);
	RUN(test_fai_per_work_order);
	RUN(test_fai_per_shift);
	RUN(test_fai_per_setup);
	RUN(test_fai_after_program_change);
	return check_done();
}
