/* work_run.c — the scripted run of the reporting tests; see work_run.h. */
#include "tests/lib/work_run.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

static bool
ok(Yoke__Reply *rp, Yoke__Status want, const char *what)
{
	bool good = rp && rp->status == want;
	if (!good)
		fprintf(stderr, "    work run: %s: %s\n", what,
		    rp ? rp->message : "no answer");
	client_reply_free(rp);
	return good;
}

int64_t
work_run_now(struct client *c)
{
	Yoke__Reply *rp = harness_hello(c);
	int64_t t = rp && rp->body_case == YOKE__REPLY__BODY_HELLO ? rp->hello->server_time_us : 0;
	client_reply_free(rp);
	return t;
}

/* Op 10 up to the check, which passes (or fails with SEATING). */
static bool
assemble(struct work_run *w, const char *serial, const char *board, bool pass)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	if (!ok(harness_open_unit(w->assy, serial), YOKE__STATUS__STATUS_OK, "open at ASSY-1"))
		return false;
	if (!ok(harness_step_scan(w->assy, serial, 0, board), YOKE__STATUS__STATUS_OK, "board") ||
	    !ok(harness_step_scan(w->assy, serial, 1, "IC-555/L1"), YOKE__STATUS__STATUS_OK, "IC"))
		return false;
	s.serial = (char *)serial;
	s.step = 2;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
	s.pass = pass;
	if (!pass) {
		d.code = (char *)"SEATING";
		s.defect = &d;
	}
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	return ok(harness_call(w->assy, &rq, HARNESS_TRIES), pass ? YOKE__STATUS__STATUS_OK :
	    YOKE__STATUS__STATUS_CHECK_FAILED, "check");
}

static bool
final_test(struct work_run *w, const char *serial)
{
	return ok(harness_open_unit(w->test, serial), YOKE__STATUS__STATUS_OK, "open at TEST-1") &&
	    ok(harness_step_inspection(w->test, serial, 0, true, "", NULL), YOKE__STATUS__STATUS_OK, "inspect") &&
	    ok(harness_complete(w->test, serial), YOKE__STATUS__STATUS_OK, "complete op 20");
}

static bool
dispose(struct work_run *w, const char *ncr, Yoke__DispositionKind kind)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT, *sigs[1] = { &s };
	s.badge = (char *)"200";
	s.pin = (char *)HARNESS_PIN;
	d.number = (char *)ncr;
	d.kind = kind;
	d.signatures = sigs;
	d.n_signatures = 1;
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	return ok(harness_call(w->lead, &rq, HARNESS_TRIES), YOKE__STATUS__STATUS_OK, "disposition");
}

bool
work_run_start(struct work_run *w)
{
	struct client *eng;
	memset(w, 0, sizeof *w);
	if ((w->y = harness_start_loaded(WORK_RUN_PLANT, &w->p)) == NULL)
		return false;
	if ((eng = harness_engineer(w->y, w->p, "report")) == NULL)
		return false;
	w->started_us = work_run_now(eng);
	bool good = ok(harness_release(eng, "WO1", "GADGET", 3, "2030-01-31", 0, NULL),
	    YOKE__STATUS__STATUS_OK, "release");
	client_free(eng);
	w->assy = harness_client(w->y, "ASSY-1@report");
	w->test = harness_client(w->y, "TEST-1@report");
	w->repair = harness_client(w->y, "REPAIR-1@report");
	w->lead = harness_client(w->y, "harness-lead");
	good = good && ok(harness_badge_in(w->assy, "ASSY-1", "100"), YOKE__STATUS__STATUS_OK, "100") &&
	    ok(harness_badge_in(w->test, "TEST-1", "101"), YOKE__STATUS__STATUS_OK, "101") &&
	    ok(harness_badge_in(w->repair, "REPAIR-1", "102"), YOKE__STATUS__STATUS_OK, "102") &&
	    harness_sign_in(w->lead, "300");
	if (!good)
		return false;
	/* WO1-0001: right first time, op 10 open for a while. */
	if (!assemble(w, "WO1-0001", "BOARD-1/B1", true))
		return false;
	harness_sleep_ms(WORK_RUN_OPEN_MS);
	if (!ok(harness_complete(w->assy, "WO1-0001"), YOKE__STATUS__STATUS_OK, "complete op 10") ||
	    !final_test(w, "WO1-0001"))
		return false;
	/* WO1-0002: fails, reworked, passes. NCR-000001. */
	if (!assemble(w, "WO1-0002", "BOARD-1/B2", false) ||
	    !dispose(w, "NCR-000001", YOKE__DISPOSITION_KIND__DISPOSITION_REWORK) ||
	    !ok(harness_open_unit(w->repair, "WO1-0002"), YOKE__STATUS__STATUS_OK, "open at REPAIR-1") ||
	    !ok(harness_step_confirm(w->repair, "WO1-0002", 0), YOKE__STATUS__STATUS_OK, "reseat") ||
	    !ok(harness_step_inspection(w->repair, "WO1-0002", 1, true, "", NULL), YOKE__STATUS__STATUS_OK,
	    "re-inspection") ||
	    !ok(harness_complete(w->repair, "WO1-0002"), YOKE__STATUS__STATUS_OK, "complete op 900") ||
	    !assemble(w, "WO1-0002", "BOARD-1/B2", true) ||
	    !ok(harness_complete(w->assy, "WO1-0002"), YOKE__STATUS__STATUS_OK, "complete op 10 again") ||
	    !final_test(w, "WO1-0002"))
		return false;
	/* WO1-0003: fails, scrapped. NCR-000002. */
	if (!assemble(w, "WO1-0003", "BOARD-1/B3", false) ||
	    !dispose(w, "NCR-000002", YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP))
		return false;
	w->ended_us = work_run_now(w->lead) + 1;
	return true;
}

void
work_run_free(struct work_run *w)
{
	client_free(w->assy);
	client_free(w->test);
	client_free(w->repair);
	client_free(w->lead);
	if (w->y)
		harness_yoked_stop(w->y);
	harness_yoked_free(w->y);
	harness_plant_free(w->p);
}
