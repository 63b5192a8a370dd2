/*
 * it_ctl_recall.c — yokectl recall, supplier scorecard and scar as quality
 * people use them, against a real yoked (plant-recall, CURVE, an enrolled
 * yokectl installation): the text and JSON of a recall across a serial
 * sub-assembly, its --hold signed with the PIN from --pin-fd, the
 * scorecard's table and JSON, a SCAR opened from the recall's NCR and
 * refused closing; the exit statuses of refusals (1) and usage errors (2);
 * the words in Chinese.
 */
#include "tests/lib/check.h"
#include "tests/lib/ctl_run.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PLANT "tests/data/plant-recall"
#define OK YOKE__STATUS__STATUS_OK

static struct yoked *y;
static struct plant *plant;

static bool
ok_reply(Yoke__Reply *rp)
{
	bool ok = rp && rp->status == OK;
	if (rp && !ok)
		fprintf(stderr, "    %s\n", rp->message);
	client_reply_free(rp);
	return ok;
}

/* A lot of IC-555 received; modules 1, 2 built with it; gadget 1 with
 * module 1 (on to its test), gadget 2 with module 2 (open at ASSY-1). */
static bool
build(void)
{
	struct client *dock = harness_client(y, "DOCK-1@ctl"), *sub = harness_client(y, "SUB-1@ctl"),
	    *assy = harness_client(y, "ASSY-1@ctl");
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	bool ok = ok_reply(harness_badge_in(dock, "DOCK-1", "110")) &&
	    ok_reply(harness_badge_in(sub, "SUB-1", "100")) &&
	    ok_reply(harness_badge_in(assy, "ASSY-1", "101"));
	r.part = (char *)"IC-555";
	r.supplier = (char *)"ACME";
	r.supplier_lot = (char *)"LOT-A";
	r.qty = 100;
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	ok = ok && ok_reply(harness_call(dock, &rq, 3));
	for (int i = 1; ok && i <= 2; i++) {
		char m[32], g[32], label[48];
		snprintf(m, sizeof m, "WOM-%04d", i);
		snprintf(g, sizeof g, "WOG-%04d", i);
		snprintf(label, sizeof label, "MODULE/%s", m);
		ok = ok_reply(harness_open_unit(sub, m)) &&
		    ok_reply(harness_step_scan(sub, m, 0, "IC-555/LOT-A")) &&
		    ok_reply(harness_step_pass(sub, m, 1, true)) && ok_reply(harness_complete(sub, m)) &&
		    ok_reply(harness_open_unit(assy, g)) && ok_reply(harness_step_scan(assy, g, 0, label)) &&
		    ok_reply(harness_step_scan(assy, g, 1, "CAP-10/C1"));
		if (ok && i == 1)
			ok = ok_reply(harness_step_pass(assy, g, 2, true)) && ok_reply(harness_complete(assy, g));
	}
	client_free(dock);
	client_free(sub);
	client_free(assy);
	return ok;
}

static bool
setup(void)
{
	struct client *eng;
	struct cert c;
	FILE *f;
	bool ok;

	if ((y = harness_start_loaded(PLANT, &plant)) == NULL)
		return false;
	if ((eng = harness_engineer(y, plant, "ctl-recall")) == NULL)
		return false;
	ok = ok_reply(harness_release(eng, "WOM", "MODULE", 3, "2030-01-31", 0, NULL)) &&
	    ok_reply(harness_release(eng, "WOG", "GADGET", 3, "2030-01-31", 0, NULL));
	client_free(eng);
	if (!ok || !build() || !harness_enrol(y, "ctl@recall", "", &c))
		return false;
	{
		char certfile[700];
		snprintf(certfile, sizeof certfile, "%s/devices/ctl@recall.cert", y->keys);
		ctl_run_paths(certfile, y->root);
	}
	if ((f = fopen(ctl_pins, "w")) == NULL)
		return false;
	fprintf(f, "%s\n%s\n", HARNESS_PIN, HARNESS_PIN);
	return fclose(f) == 0;
}

static void
test_ctl_recall(void)
{
	REQUIRE(access(ctl_path(), X_OK) == 0);
	REQUIRE(setup());

	/* The recall as a table: the lot, every unit with its path, the counts. */
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/LOT-A");
	HAS(ctl_out, "Lot IC-555/LOT-A: L-000001, supplier ACME, supplier lot LOT-A");
	HAS(ctl_out, "SERIAL");
	HAS(ctl_out, "PATH");
	HAS(ctl_out, "IC-555/LOT-A → MODULE/WOM-0001 → WOG-0001");
	HAS(ctl_out, "op 20 Final test (TEST)");
	HAS(ctl_out, "op 10 Final assembly at ASSY-1");
	HAS(ctl_out, "4 units contain lot IC-555/LOT-A (through 1 level of sub-assemblies): 2 in work, "
	    "2 done");
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/L-000001", "--json");
	HAS(ctl_out, "\"lot_id\":\"L-000001\"");
	HAS(ctl_out, "\"serial\":\"WOG-0001\"");
	HAS(ctl_out, "\"path\":[\"IC-555/LOT-A\",\"MODULE/WOM-0001\",\"WOG-0001\"]");
	HAS(ctl_out, "\"units_in_work\":2,\"units_done\":2,\"units_scrapped\":0,\"levels\":1");
	HAS(ctl_out, "\"shipping_recorded\":false");
	/* Refusals and usage errors. */
	EXPECT_RC(1, "C.UTF-8", "recall", "IC-555/NOPE");
	HAS(ctl_err, "No lot NOPE of IC-555 was received");
	EXPECT_RC(1, "C.UTF-8", "recall", "IC-555/NOPE", "--json");
	HAS(ctl_out, "\"status\":\"NOT_FOUND\"");
	EXPECT_RC(2, "C.UTF-8", "recall", "LOT-A");
	HAS(ctl_err, "PART/LOT");
	EXPECT_RC(2, "C.UTF-8", "recall", "IC-555/LOT-A", "--hold", "--sign", "200");
	HAS(ctl_err, "--defect");
	EXPECT_RC(2, "C.UTF-8", "recall", "IC-555/LOT-A", "--defect", "SOLDER");
	HAS(ctl_err, "--hold");

	/* Held with one hold, signed. */
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/LOT-A", "--hold", "--defect", "SOLDER", "--note",
	    "Supplier alert SA-17", "--sign", "200");
	HAS(ctl_out, "NCR-000001 opened on lot IC-555/LOT-A: one hold on the 4 units that contain it");
	HAS(ctl_out, "Hold 1 on component IC-555/LOT-A covers 4 units: 2 in work, 2 done, 0 scrapped.");
	HAS(ctl_out, "in work, held");
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/LOT-A", "--hold", "--defect", "SOLDER", "--sign",
	    "200", "--json");
	HAS(ctl_out, "\"ncr\":{\"number\":\"NCR-000001\"");
	HAS(ctl_out, "\"held\":true");
	HAS(ctl_out, "already held by NCR-000001: 0 more units");

	/* The scorecard. */
	EXPECT_RC(0, "C.UTF-8", "supplier", "scorecard");
	HAS(ctl_out, "SUPPLIER");
	HAS(ctl_out, "IQC ACCEPTED");
	HAS(ctl_out, "ACME");
	EXPECT_RC(0, "C.UTF-8", "supplier", "scorecard", "--period", "week", "--json");
	HAS(ctl_out, "{\"rows\":[{\"supplier\":\"ACME\"");
	HAS(ctl_out, "\"lots\":1,\"iqc_accepted\":0,\"iqc_rejected\":0,\"iqc_acceptance\":null");
	HAS(ctl_out, "\"units_built\":2,\"material_ncrs\":0");
	EXPECT_RC(2, "C.UTF-8", "supplier", "scorecard", "--period", "year");
	EXPECT_RC(2, "C.UTF-8", "supplier", "scorecard", "--from", "2026-02-30");
	EXPECT_RC(0, "C.UTF-8", "supplier", "scorecard", "--from", "2099-01-01");
	HAS(ctl_out, "No lots were received in that window");

	/* A SCAR from the recall's NCR; closing waits for the evidence. */
	EXPECT_RC(0, "C.UTF-8", "scar", "open", "--ncr", "1", "--due", "2030-01-31", "--lots", "2",
	    "--sign", "200");
	HAS(ctl_out, "SCAR-000001 opened for IC-555 from ACME");
	HAS(ctl_out, "Closes after");
	EXPECT_RC(0, "C.UTF-8", "scar", "update", "1", "--d4", "Plating bath", "--d5", "SPC",
	    "--sign", "200");
	HAS(ctl_out, "the supplier's answer recorded (D4, D5)");
	EXPECT_RC(1, "C.UTF-8", "scar", "update", "1", "--close", "--sign", "200", "--json");
	HAS(ctl_out, "\"status\":\"NOT_PROVEN\"");
	EXPECT_RC(0, "C.UTF-8", "scar", "list", "--state", "open");
	HAS(ctl_out, "SCAR-000001");
	HAS(ctl_out, "NCR-000001");
	EXPECT_RC(0, "C.UTF-8", "scar", "show", "SCAR-000001", "--json");
	HAS(ctl_out, "\"state\":\"open\"");
	HAS(ctl_out, "\"d4_root_cause\":\"Plating bath\"");
	EXPECT_RC(2, "C.UTF-8", "scar", "open", "--ncr", "1", "--sign", "200");
	HAS(ctl_err, "--due");
	EXPECT_RC(2, "C.UTF-8", "scar", "update", "1", "--sign", "200");

	/* In Chinese. */
	EXPECT_RC(0, "zh_CN.UTF-8", "recall", "IC-555/LOT-A");
	HAS(ctl_out, "批次");
	LACKS(ctl_out, "units contain lot");
	EXPECT_RC(0, "zh_CN.UTF-8", "scar", "show", "1");
	HAS(ctl_out, "供应商");

	free(ctl_out);
	free(ctl_err);
	ctl_out = ctl_err = NULL;
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(plant);
}

int
main(void)
{
	harness_i18n_init();
	RUN(test_ctl_recall);
	return check_done();
}
