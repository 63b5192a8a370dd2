/*
 * it_coq.c — the cost of quality against a real yoked, worked out by hand
 * from tests/data/plant-coq/rates.def (rates R1):
 *
 *   WO1-0001  good first time: final inspection at TEST (3 min x 120/h)   6.00 appraisal
 *   WO1-0002  fails at assembly (SEATING), reworked at op 900:
 *             rework labour 20 min x 90/h = 30.00, the re-inspection in
 *             the rework op 2 min x 90/h = 3.00 (internal failure); then
 *             good: final inspection 6.00 appraisal
 *   WO1-0003  good at op 10, supply out of limits twice at op 20 (VOLTAGE),
 *             scrapped at its accumulated value: board 30.00 + IC 2.50 +
 *             op 10's 10 min x 60/h = 10.00 -> 42.50
 *   WO1-0004  fails at assembly, repaired (board B4 -> B9): 20 min x 60/h =
 *             20.00 labour + 30.00 the board
 *   a warranty claim of 250.00 on WO1-0001 (yokectl claim add): external
 *   2 hours of training at the desk rate (yokectl): 120.00 prevention
 *
 * Totals: prevention 120.00, appraisal 12.00, internal 125.50, external
 * 250.00, total 507.50; production value 2 x 100.00; 4 units started, 2
 * reworked or repaired, 2 completed, 1 first pass, 1 scrapped. A later
 * load of other rates (R2) changes none of it.
 */
#include "tests/lib/check.h"
#include "tests/lib/ctl_run.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-coq"

static struct yoked *y;
static struct plant *plant;
static struct client *assy, *test, *rep, *qa;
static char today[16];

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

static Yoke__Reply *
fail_step(struct client *c, const char *serial, uint32_t step, bool measure, double v,
    const char *defect)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	s.serial = (char *)serial;
	s.step = step;
	if (measure) {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
		s.value = v;
	} else {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
		s.pass = false;
	}
	d.code = (char *)defect;
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

static int
disposition(const char *ncr, Yoke__DispositionKind kind, const char *remove, const char *fit)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s1, *sigs[1] = { sig(&s1, "200") };
	d.number = (char *)ncr;
	d.kind = kind;
	d.signatures = sigs;
	d.n_signatures = 1;
	d.remove = (char *)(remove ? remove : "");
	d.fit = (char *)(fit ? fit : "");
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	return status_of(harness_call(qa, &rq, HARNESS_TRIES));
}

/* Op 10 right (board, IC, check) and completed. */
static bool
assemble(const char *serial, const char *board)
{
	return status_of(harness_open_unit(assy, serial)) == OK &&
	    status_of(harness_step_scan(assy, serial, 0, board)) == OK &&
	    status_of(harness_step_scan(assy, serial, 1, "IC-555/L1")) == OK &&
	    status_of(harness_step_pass(assy, serial, 2, true)) == OK &&
	    status_of(harness_complete(assy, serial)) == OK;
}

/* Op 20 right: supply 5 V, the label inspection, completed. */
static bool
final_test(const char *serial)
{
	return status_of(harness_open_unit(test, serial)) == OK &&
	    status_of(harness_step_value(test, serial, 0, 5.0)) == OK &&
	    status_of(harness_step_inspection(test, serial, 1, true, NULL, "ok")) == OK &&
	    status_of(harness_complete(test, serial)) == OK;
}

/* Op 10 up to its check, failed with SEATING: the NCR's number. */
static char *
fail_assembly(const char *serial, const char *board)
{
	Yoke__Reply *rp;
	char *ncr = NULL;
	if (status_of(harness_open_unit(assy, serial)) != OK ||
	    status_of(harness_step_scan(assy, serial, 0, board)) != OK ||
	    status_of(harness_step_scan(assy, serial, 1, "IC-555/L1")) != OK)
		return NULL;
	rp = fail_step(assy, serial, 2, false, 0, "SEATING");
	if (rp && rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit->n_ncrs > 0)
		ncr = xstrdup(rp->unit->ncrs[rp->unit->n_ncrs - 1]);
	client_reply_free(rp);
	return ncr;
}

static bool
badge(struct client **c, const char *terminal, const char *station, const char *who)
{
	*c = harness_client(y, terminal);
	return status_of(harness_badge_in(*c, station, who)) == OK;
}

static bool
setup(void)
{
	struct client *eng;
	struct cert cert;
	char certfile[700];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if ((y = harness_start_loaded(PLANT, &plant)) == NULL)
		return false;
	if ((eng = harness_engineer(y, plant, "coq")) == NULL)
		return false;
	bool ok = status_of(harness_release(eng, "WO1", "GADGET", 4, "2030-01-31", 0, NULL)) == OK;
	client_free(eng);
	ok = ok && badge(&assy, "ASSY-1@it", "ASSY-1", "100") && badge(&test, "TEST-1@it", "TEST-1",
	    "101") && badge(&rep, "REPAIR-1@it", "REPAIR-1", "102");
	qa = harness_client(y, "harness-qa");
	if (!ok || !harness_sign_in(qa, "200") || !harness_enrol(y, "ctl@coq", "", &cert))
		return false;
	snprintf(certfile, sizeof certfile, "%s/devices/ctl@coq.cert", y->keys);
	ctl_run_paths(certfile, y->root);
	if ((f = fopen(ctl_pins, "w")) == NULL)
		return false;
	for (int i = 0; i < 8; i++)
		fprintf(f, "%s\n", HARNESS_PIN);
	return fclose(f) == 0;
}

static void
pins_again(void)
{
	FILE *f = fopen(ctl_pins, "w");
	if (f) {
		for (int i = 0; i < 8; i++)
			fprintf(f, "%s\n", HARNESS_PIN);
		fclose(f);
	}
}

static Yoke__CoqReport *
report(Yoke__CoqBy by, Yoke__Reply **keep)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CoqQuery q = YOKE__COQ_QUERY__INIT;
	q.from = today;
	q.to = today;
	q.by = by;
	rq.body_case = YOKE__REQUEST__BODY_COQ;
	rq.coq = &q;
	*keep = harness_call(qa, &rq, HARNESS_TRIES);
	if (*keep == NULL || (*keep)->status != OK || (*keep)->body_case != YOKE__REPLY__BODY_COQ) {
		fprintf(stderr, "    coq: %s\n", *keep ? (*keep)->message : "no answer");
		return NULL;
	}
	return (*keep)->coq;
}

static const Yoke__CoqRow *
row_named(Yoke__CoqRow **rows, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i]->key, key) == 0)
			return rows[i];
	return NULL;
}

static void
check_totals(const Yoke__CoqReport *r)
{
	const Yoke__CoqRow *t = r->total;
	CHECK_STR(r->currency, "CNY");
	CHECK_INT(t->prevention, 12000);
	CHECK_INT(t->appraisal, 1200);
	CHECK_INT(t->internal_failure, 12550);
	CHECK_INT(t->external_failure, 25000);
	CHECK_INT(t->production_value, 20000);
	CHECK_INT(t->started, 4);
	CHECK_INT(t->reworked, 2);
	CHECK_INT(t->completed, 2);
	CHECK_INT(t->first_pass, 1);
	CHECK_INT(t->scrapped, 1);
}

static void
test_coq_ledger(void)
{
	Yoke__Reply *keep;
	Yoke__CoqReport *r;
	REQUIRE(access(ctl_path(), X_OK) == 0);
	REQUIRE(setup());

	/* An ordinary inspection posts nothing: its event is the record. */
	REQUIRE(assemble("WO1-0001", "BOARD-1/B1"));
	REQUIRE(final_test("WO1-0001"));
	REQUIRE((r = report(YOKE__COQ_BY__COQ_BY_PERIOD, &keep)) != NULL);
	CHECK_INT(r->total->appraisal, 600);
	CHECK_INT(r->total->internal_failure, 0);
	client_reply_free(keep);

	/* Rework: labour at the disposition, the re-inspection in the rework op. */
	char *ncr = fail_assembly("WO1-0002", "BOARD-1/B2");
	REQUIRE(ncr != NULL);
	CHECK_INT(disposition(ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK, NULL, NULL), OK);
	free(ncr);
	CHECK_INT(status_of(harness_open_unit(rep, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_confirm(rep, "WO1-0002", 0)), OK);
	CHECK_INT(status_of(harness_step_inspection(rep, "WO1-0002", 1, true, "201", "ok")), OK);
	CHECK_INT(status_of(harness_complete(rep, "WO1-0002")), OK);
	REQUIRE(assemble("WO1-0002", "BOARD-1/B2"));
	REQUIRE(final_test("WO1-0002"));

	/* Scrap at the accumulated value. */
	REQUIRE(assemble("WO1-0003", "BOARD-1/B3"));
	CHECK_INT(status_of(harness_open_unit(test, "WO1-0003")), OK);
	CHECK_INT(status_of(fail_step(test, "WO1-0003", 0, true, 9.0, "VOLTAGE")),
	    YOKE__STATUS__STATUS_MEASURE_AGAIN);
	Yoke__Reply *rp = fail_step(test, "WO1-0003", 0, true, 9.0, "VOLTAGE");
	REQUIRE(rp && rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit->n_ncrs == 1);
	ncr = xstrdup(rp->unit->ncrs[0]);
	client_reply_free(rp);
	CHECK_INT(disposition(ncr, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP, NULL, NULL), OK);
	free(ncr);

	/* A repair: labour and the part fitted. */
	ncr = fail_assembly("WO1-0004", "BOARD-1/B4");
	REQUIRE(ncr != NULL);
	CHECK_INT(disposition(ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR, "BOARD-1/B4",
	    "BOARD-1/B9"), OK);
	free(ncr);

	/* Costs entered by hand, signed, through yokectl. */
	EXPECT_RC(0, "C.UTF-8", "claim", "add", "--serial", "WO1-0001", "--amount", "250.00",
	    "--kind", "warranty", "--note", "dead on arrival", "--sign", "200", "--json");
	HAS(ctl_out, "\"amount\":250.00");
	HAS(ctl_out, "\"product\":\"GADGET\"");
	pins_again();
	EXPECT_RC(0, "C.UTF-8", "claim", "add", "--kind", "training", "--hours", "2", "--sign", "200");
	pins_again();
	EXPECT_RC(1, "C.UTF-8", "claim", "add", "--serial", "NOPE-1", "--amount", "1", "--kind",
	    "claim", "--sign", "200");
	pins_again();
	EXPECT_RC(2, "C.UTF-8", "claim", "add", "--serial", "WO1-0001", "--amount", "-5", "--kind",
	    "claim", "--sign", "200");

	REQUIRE((r = report(YOKE__COQ_BY__COQ_BY_PERIOD, &keep)) != NULL);
	check_totals(r);
	CHECK_INT(r->n_rates, 1);
	client_reply_free(keep);

	/* By station, defect, product and supplier. */
	REQUIRE((r = report(YOKE__COQ_BY__COQ_BY_STATION, &keep)) != NULL);
	const Yoke__CoqRow *x = row_named(r->rows, r->n_rows, "TEST-1");
	REQUIRE(x != NULL);
	CHECK_INT(x->appraisal, 1200);
	CHECK_INT(x->internal_failure, 4250);      /* the scrap: the NCR's station */
	x = row_named(r->rows, r->n_rows, "REPAIR-1");
	REQUIRE(x != NULL);
	CHECK_INT(x->internal_failure, 300);
	x = row_named(r->rows, r->n_rows, "ASSY-1");
	REQUIRE(x != NULL);
	CHECK_INT(x->internal_failure, 3000 + 2000 + 3000);
	client_reply_free(keep);
	REQUIRE((r = report(YOKE__COQ_BY__COQ_BY_DEFECT, &keep)) != NULL);
	x = row_named(r->rows, r->n_rows, "SEATING");
	REQUIRE(x != NULL);
	CHECK_INT(x->internal_failure, 8300);
	x = row_named(r->rows, r->n_rows, "VOLTAGE");
	REQUIRE(x != NULL);
	CHECK_INT(x->internal_failure, 4250);
	REQUIRE(r->n_pareto >= 2);
	CHECK_STR(r->pareto[0]->defect, "");         /* the warranty names no defect */
	CHECK_STR(r->pareto[1]->defect, "SEATING");
	check_totals(r);
	client_reply_free(keep);
	REQUIRE((r = report(YOKE__COQ_BY__COQ_BY_PRODUCT, &keep)) != NULL);
	x = row_named(r->rows, r->n_rows, "GADGET");
	REQUIRE(x != NULL);
	CHECK_INT(x->internal_failure + x->external_failure + x->appraisal, 12550 + 25000 + 1200);
	CHECK_INT(x->started, 4);
	client_reply_free(keep);
	REQUIRE((r = report(YOKE__COQ_BY__COQ_BY_SUPPLIER, &keep)) != NULL);
	check_totals(r);
	client_reply_free(keep);

	/* The simulator's contract: yokectl coq --json. */
	EXPECT_RC(0, "C.UTF-8", "coq", "--from", today, "--to", today, "--json");
	HAS(ctl_out, "\"currency\":\"CNY\"");
	HAS(ctl_out, "\"categories\":{\"prevention\":120.00,\"appraisal\":12.00,"
	    "\"internal_failure\":125.50,\"external_failure\":250.00}");
	HAS(ctl_out, "\"total\":507.50");
	HAS(ctl_out, "\"production_value\":200.00");
	EXPECT_RC(0, "C.UTF-8", "coq", "--from", today, "--to", today, "--csv", "--by", "defect");
	HAS(ctl_out, "SEATING,0.00,0.00,83.00,0.00,83.00");
	EXPECT_RC(2, "C.UTF-8", "coq", "--from", today);
	EXPECT_RC(2, "C.UTF-8", "coq", "--from", today, "--to", today, "--by", "colour");

	/* New rates: past amounts keep the rates they were costed at. */
	struct client *eng = harness_engineer(y, plant, "coq2");
	REQUIRE(eng != NULL);
	const char *names[] = { "rates2.def" };
	const char *texts[] = { "coq version=R2 currency=CNY desk_rate=99.00 inspect_min=9 "
	    "final_min=9 fai_min=9\ncoq_rate TEST hour=999.00\ncoq_cost GADGET cost=1.00\n" };
	CHECK_INT(status_of(harness_load_files(eng, names, texts, 1, false)), OK);
	client_free(eng);
	REQUIRE((r = report(YOKE__COQ_BY__COQ_BY_PERIOD, &keep)) != NULL);
	check_totals(r);
	client_reply_free(keep);

	client_free(assy);
	client_free(test);
	client_free(rep);
	client_free(qa);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(plant);
}

int
main(void)
{
	harness_i18n_init();
	RUN(test_coq_ledger);
	return check_done();
}
