/*
 * it_line.c — the line monitor against a real yoked (server/line/line.h):
 * a station is online while its terminal is heard and offline once it fell
 * silent longer than --offline-after (on the server's --test-clock); who
 * is badged in; the unit in work and since when; the kind's queue and its
 * oldest wait; first-pass yield today after a pass, a fail and a rework;
 * open alarms, a stopped station and holds counted; an operator is
 * refused, a desk without a session is asked to badge in; a work order's
 * priority change is signed by a lead (refused unsigned and for an
 * engineer's signature), requeues its units and is logged.
 * Plant: tests/data/plant-quality.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/line_text.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-quality"

struct fixture {
	char dir[256], clock[300];
	struct yoked *y;
	struct plant *p;
	struct client *assy;     /* ASSY-1's terminal, operator 100 */
	struct client *lead;     /* a desk, lead 300 signed in */
	struct client *qa;       /* a desk, inspector 200 */
};

static void
set_clock(struct fixture *f, int seconds)
{
	FILE *c = fopen(f->clock, "w");
	if (c) {
		fprintf(c, "%d\n", seconds);
		fclose(c);
	}
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

static bool
setup(struct fixture *f, uint32_t units)
{
	const char *extra[5] = { "--test-clock", f->clock, "--offline-after", "20s", NULL };
	Yoke__Reply *rp;
	struct client *eng;
	bool ok;
	memset(f, 0, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "%s/yoke-line-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") :
	    "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return false;
	snprintf(f->clock, sizeof f->clock, "%s/clock", f->dir);
	set_clock(f, 0);
	if ((f->y = harness_start_loaded_args(PLANT, &f->p, extra)) == NULL)
		return false;
	if ((eng = harness_engineer(f->y, f->p, "line")) == NULL)
		return false;
	rp = harness_release(eng, "WO1", "GADGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	client_free(eng);
	f->assy = harness_client(f->y, "ASSY-1@it");
	f->lead = harness_client(f->y, "harness-lead");
	f->qa = harness_client(f->y, "harness-qa");
	rp = harness_badge_in(f->assy, "ASSY-1", "100");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok && harness_sign_in(f->lead, "300") && harness_sign_in(f->qa, "200");
}

static void
teardown(struct fixture *f)
{
	client_free(f->assy);
	client_free(f->lead);
	client_free(f->qa);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
	unlink(f->clock);
	rmdir(f->dir);
}

static Yoke__Reply *
line(struct client *c)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LineStatusQuery q = YOKE__LINE_STATUS_QUERY__INIT;
	q.station = (char *)"";
	rq.body_case = YOKE__REQUEST__BODY_LINE_STATUS;
	rq.line_status = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* The row of a station in a fresh LineStatus (a copy the caller frees
 * with yoke__line_station__free_unpacked), or NULL: the test fails. */
static Yoke__LineStation *
row(struct client *lead, const char *station)
{
	Yoke__Reply *rp = line(lead);
	Yoke__LineStation *r = NULL;
	if (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_LINE_STATUS) {
		for (size_t i = 0; i < rp->line_status->n_stations; i++)
			if (strcmp(rp->line_status->stations[i]->station, station) == 0) {
				uint8_t buf[4096];
				size_t n = yoke__line_station__pack(rp->line_status->stations[i], buf);
				r = yoke__line_station__unpack(NULL, n, buf);
			}
	}
	if (r == NULL)
		check_fail(__FILE__, __LINE__, "no row of %s: %s", station, rp ? rp->message : "no answer");
	client_reply_free(rp);
	return r;
}

static void
hello_from(struct client *c, const char *station)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	h.program = (char *)"it_line";
	h.station = (char *)station;
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	CHECK_INT(status_of(harness_call(c, &rq, HARNESS_TRIES)), OK);
}

static Yoke__Reply *
fail_check(struct client *c, const char *serial, uint32_t step)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
	s.pass = false;
	d.code = (char *)"SEATING";
	s.defect = &d;
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	return harness_call(c, &rq, HARNESS_TRIES);
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
priority(struct client *c, const char *wo, uint32_t prio, const char *reason, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WorkOrderPriority p = YOKE__WORK_ORDER_PRIORITY__INIT;
	Yoke__Signature s;
	p.work_order = (char *)wo;
	p.priority = prio;
	p.reason = (char *)reason;
	p.signature = badge ? sig(&s, badge) : NULL;
	rq.body_case = YOKE__REQUEST__BODY_WO_PRIORITY;
	rq.wo_priority = &p;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* Op 10 of GADGET at ASSY-1 done right: scans, the check passed, completed. */
static bool
pass_assembly(struct fixture *f, const char *serial, const char *board)
{
	return status_of(harness_open_unit(f->assy, serial)) == OK &&
	    status_of(harness_step_scan(f->assy, serial, 0, board)) == OK &&
	    status_of(harness_step_scan(f->assy, serial, 1, "IC-555/L1")) == OK &&
	    status_of(harness_step_pass(f->assy, serial, 2, true)) == OK &&
	    status_of(harness_complete(f->assy, serial)) == OK;
}

/* Online from the terminals heard; who; a silent terminal expires. */
static void
test_online_and_expiry(void)
{
	struct fixture f;
	Yoke__LineStation *r;
	REQUIRE(setup(&f, 2));
	struct client *test = harness_client(f.y, "TEST-1@it");
	/* ASSY-1: badged in a moment ago. */
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK(r->online);
	CHECK_STR(r->badge, "100");
	CHECK_STR(r->person, "Ann Assembler");
	CHECK_STR(line_state_word(line_state_of(r), 0), "online");
	CHECK_STR(r->terminal, "ASSY-1@it");
	yoke__line_station__free_unpacked(r, NULL);
	/* TEST-1: nobody there, no terminal yet; then a terminal says hello. */
	r = row(f.lead, "TEST-1");
	REQUIRE(r != NULL);
	CHECK(!r->online);
	CHECK_STR(r->badge, "");
	yoke__line_station__free_unpacked(r, NULL);
	hello_from(test, "TEST-1");
	r = row(f.lead, "TEST-1");
	REQUIRE(r != NULL);
	CHECK(r->online);
	CHECK_STR(r->badge, "");
	yoke__line_station__free_unpacked(r, NULL);
	/* 30 s later on the monitor's clock, without a word from either: both
	 * offline (--offline-after 20s); ASSY-1's badge is still in (the
	 * session's own clock is 60 minutes). */
	set_clock(&f, 30);
	harness_sleep_ms(300);      /* the server reads the clock file every 50 ms */
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK(!r->online);
	CHECK_STR(r->badge, "100");
	yoke__line_station__free_unpacked(r, NULL);
	r = row(f.lead, "TEST-1");
	REQUIRE(r != NULL);
	CHECK(!r->online);
	yoke__line_station__free_unpacked(r, NULL);
	/* A ping brings it back. */
	set_clock(&f, 0);
	harness_sleep_ms(300);
	hello_from(test, "TEST-1");
	r = row(f.lead, "TEST-1");
	REQUIRE(r != NULL);
	CHECK(r->online);
	yoke__line_station__free_unpacked(r, NULL);
	client_free(test);
	teardown(&f);
}

/* The unit open at a station and since when; the kind's queue and its oldest. */
static void
test_unit_and_queue(void)
{
	struct fixture f;
	Yoke__LineStation *r;
	REQUIRE(setup(&f, 3));
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_STR(r->serial, "");
	CHECK_INT(r->queue, 3);
	CHECK(r->oldest_us > 0);
	CHECK_STR(r->priority_wo, "WO1");
	CHECK_INT(r->priority, 5);
	yoke__line_station__free_unpacked(r, NULL);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_STR(r->serial, "WO1-0001");
	CHECK_STR(r->work_order, "WO1");
	CHECK_INT(r->operation, 10);
	CHECK(r->unit_since_us > 0 && r->unit_since_us <= now_us());
	CHECK_INT(r->queue, 2);
	yoke__line_station__free_unpacked(r, NULL);
	/* ASSY-2 works the same queue; nothing is open there. */
	r = row(f.lead, "ASSY-2");
	REQUIRE(r != NULL);
	CHECK_STR(r->serial, "");
	CHECK_INT(r->queue, 2);
	yoke__line_station__free_unpacked(r, NULL);
	teardown(&f);
}

/* FPY today: a pass, a failure (its unit held at the station), a rework. */
static void
test_first_pass_yield(void)
{
	struct fixture f;
	Yoke__LineStation *r;
	Yoke__Reply *rp;
	Yoke__Signature s;
	REQUIRE(setup(&f, 2));
	REQUIRE(pass_assembly(&f, "WO1-0001", "BOARD-1/B1"));
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_INT(r->first_pass, 1);
	CHECK_INT(r->first_fail, 0);
	CHECK_INT(r->completed, 1);
	CHECK_INT(line_fpy_percent(r->first_pass, r->first_fail), 100);
	yoke__line_station__free_unpacked(r, NULL);
	/* WO1-0002 fails its check: a first failure, held at ASSY-1. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 0, "BOARD-1/B2")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 1, "IC-555/L1")), OK);
	rp = fail_check(f.assy, "WO1-0002", 2);
	REQUIRE(rp && rp->status == YOKE__STATUS__STATUS_CHECK_FAILED && rp->unit->n_ncrs == 1);
	char *ncr = xstrdup(rp->unit->ncrs[0]);
	client_reply_free(rp);
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_INT(r->first_pass, 1);
	CHECK_INT(r->first_fail, 1);
	CHECK_INT(r->holds, 1);
	CHECK_INT(line_fpy_percent(r->first_pass, r->first_fail), 50);
	yoke__line_station__free_unpacked(r, NULL);
	/* Rework at REPAIR-1, then op 10 again: a completion, not a first pass. */
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature *sigs[1] = { sig(&s, "200") };
	d.number = ncr;
	d.kind = YOKE__DISPOSITION_KIND__DISPOSITION_REWORK;
	d.signatures = sigs;
	d.n_signatures = 1;
	d.remove = d.fit = (char *)"";
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	CHECK_INT(status_of(harness_call(f.qa, &rq, HARNESS_TRIES)), OK);
	struct client *rep = harness_client(f.y, "REPAIR-1@it");
	CHECK_INT(status_of(harness_badge_in(rep, "REPAIR-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(rep, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_confirm(rep, "WO1-0002", 0)), OK);
	CHECK_INT(status_of(harness_step_inspection(rep, "WO1-0002", 1, true, "201", "ok")), OK);
	CHECK_INT(status_of(harness_complete(rep, "WO1-0002")), OK);
	CHECK(pass_assembly(&f, "WO1-0002", "BOARD-1/B2"));
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_INT(r->first_pass, 1);
	CHECK_INT(r->first_fail, 1);
	CHECK_INT(r->completed, 2);
	CHECK_INT(r->holds, 0);
	CHECK_INT(line_fpy_percent(r->first_pass, r->first_fail), 50);
	yoke__line_station__free_unpacked(r, NULL);
	/* The rework operation counts nothing at REPAIR-1. */
	r = row(f.lead, "REPAIR-1");
	REQUIRE(r != NULL);
	CHECK_INT(r->completed, 0);
	CHECK_INT(line_fpy_percent(r->first_pass, r->first_fail), -1);
	yoke__line_station__free_unpacked(r, NULL);
	free(ncr);
	client_free(rep);
	teardown(&f);
}

/* Open alarms, the station an alarm stopped, station holds. */
static void
test_alarms_and_holds(void)
{
	struct fixture f;
	Yoke__LineStation *r;
	Yoke__Signature s;
	REQUIRE(setup(&f, 1));
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AndonCall a = YOKE__ANDON_CALL__INIT;
	a.text = (char *)"feeder jammed";
	a.stop = true;
	a.serial = (char *)"";
	rq.body_case = YOKE__REQUEST__BODY_ANDON;
	rq.andon = &a;
	CHECK_INT(status_of(harness_call(f.assy, &rq, HARNESS_TRIES)), OK);
	a.stop = false;
	CHECK_INT(status_of(harness_call(f.assy, &rq, HARNESS_TRIES)), OK);
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_INT(r->alarms, 2);
	CHECK_STR(r->stopped_by, "ALM-000001");
	CHECK_STR(line_state_word(line_state_of(r), 0), "stopped");
	yoke__line_station__free_unpacked(r, NULL);
	/* A station hold on ASSY-2. */
	Yoke__Request hq = YOKE__REQUEST__INIT;
	Yoke__HoldPlace h = YOKE__HOLD_PLACE__INIT;
	char *targets[1] = { (char *)"ASSY-2" };
	h.scope = YOKE__HOLD_SCOPE__HOLD_STATION;
	h.targets = targets;
	h.n_targets = 1;
	h.reason = (char *)"fixture being replaced";
	h.signature = sig(&s, "300");
	hq.body_case = YOKE__REQUEST__BODY_HOLD;
	hq.hold = &h;
	CHECK_INT(status_of(harness_call(f.lead, &hq, HARNESS_TRIES)), OK);
	r = row(f.lead, "ASSY-2");
	REQUIRE(r != NULL);
	CHECK_INT(r->holds, 1);
	CHECK(r->held);
	CHECK_INT(r->alarms, 0);
	yoke__line_station__free_unpacked(r, NULL);
	teardown(&f);
}

/* Who may read it: not an operator; a desk must sign in first. */
static void
test_roles(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 1));
	CHECK_INT(status_of(line(f.assy)), YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	struct client *anon = harness_client(f.y, "ASSY-2@it");
	CHECK_INT(status_of(line(anon)), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	client_free(anon);
	CHECK_INT(status_of(line(f.qa)), YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK_INT(status_of(line(f.lead)), OK);
	teardown(&f);
}

/* A priority change: signed by a lead, with a reason; the queue follows. */
static void
test_priority_change(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	Yoke__LineStation *r;
	REQUIRE(setup(&f, 2));
	struct client *eng = harness_engineer(f.y, f.p, "line2");
	REQUIRE(eng != NULL);
	CHECK_INT(status_of(harness_release(eng, "WO2", "GADGET", 2, "2030-06-30", 5, NULL)), OK);
	/* Unsigned, without a reason, out of range, signed by an engineer,
	 * sent by an operator: refused, and nothing moved. */
	CHECK_INT(status_of(priority(f.lead, "WO2", 1, "customer escalation", NULL)),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(priority(f.lead, "WO2", 1, "", "300")), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(priority(f.lead, "WO2", 0, "x", "300")), YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(priority(f.lead, "WO2", 1, "x", "900")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(priority(f.assy, "WO2", 1, "x", "300")),
	    YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK_INT(status_of(priority(f.lead, "WO9", 1, "x", "300")), YOKE__STATUS__STATUS_NOT_FOUND);
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_STR(r->priority_wo, "WO1");
	yoke__line_station__free_unpacked(r, NULL);
	/* Signed by the lead: WO2's units go first. */
	rp = priority(f.lead, "WO2", 1, "customer escalation", "300");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_WO_PRIORITY);
	CHECK_INT(rp->wo_priority->was, 5);
	CHECK_INT(rp->wo_priority->priority, 1);
	CHECK_INT(rp->wo_priority->units, 2);
	client_reply_free(rp);
	CHECK_INT(status_of(priority(f.lead, "WO2", 1, "again", "300")), YOKE__STATUS__STATUS_CONFLICT);
	r = row(f.lead, "ASSY-1");
	REQUIRE(r != NULL);
	CHECK_STR(r->priority_wo, "WO2");
	CHECK_INT(r->priority, 1);
	CHECK_INT(r->queue, 4);
	yoke__line_station__free_unpacked(r, NULL);
	rp = harness_queue(f.lead, "ASSY-1");
	REQUIRE(rp && rp->status == OK && rp->queue->n_entries == 4);
	CHECK_STR(rp->queue->entries[0]->work_order, "WO2");
	CHECK_INT(rp->queue->entries[0]->priority, 1);
	CHECK_STR(rp->queue->entries[2]->work_order, "WO1");
	client_reply_free(rp);
	/* The unit records follow. */
	rp = harness_units(f.lead, "WO2");
	REQUIRE(rp && rp->status == OK && rp->units->n_units == 2);
	CHECK_INT(rp->units->units[0]->priority, 1);
	CHECK_INT(rp->units->units[1]->priority, 1);
	client_reply_free(rp);
	client_free(eng);
	teardown(&f);
}

int
main(void)
{
	RUN(test_online_and_expiry);
	RUN(test_unit_and_queue);
	RUN(test_first_pass_yield);
	RUN(test_alarms_and_holds);
	RUN(test_roles);
	RUN(test_priority_change);
	return check_done();
}
