/*
 * it_ctl_iqc.c — `yokectl iqc` as an inspector and an engineer use it,
 * against a real yoked (plant-materials, CURVE, an enrolled yokectl
 * installation): lots received at the dock, then the real yokectl lists
 * the open inspection lots, shows one with its plan, records the sample
 * by characteristic (NAME=N) as the inspector (--badge), decides with
 * --sign and the PIN from --pin-fd (a reject: quarantined, an NCR), shows
 * the switching state and its history, and refuses a lift that is not an
 * engineer's; the shape of its text and of its JSON, the exit statuses of
 * a refusal (1) and of a usage error (2, before any PIN is read).
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

#define PLANT "tests/data/plant-materials"

static struct yoked *y;
static struct plant *plant;

static bool
receive(struct client *dock, const char *lot, double qty)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	Yoke__Reply *rp;
	bool ok;

	r.part = (char *)"RES-10K";
	r.supplier = (char *)"ACME";
	r.supplier_lot = (char *)lot;
	r.qty = qty;
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	rp = harness_call(dock, &rq, 3);
	ok = rp && rp->status == YOKE__STATUS__STATUS_OK;
	client_reply_free(rp);
	return ok;
}

static bool
setup(void)
{
	struct client *dock;
	struct cert c;
	Yoke__Reply *rp;
	FILE *f;
	bool ok;

	if ((y = harness_start_loaded(PLANT, &plant)) == NULL)
		return false;
	dock = harness_client(y, "DOCK-1@ctl");
	rp = harness_badge_in(dock, "DOCK-1", "110");
	ok = rp && rp->status == YOKE__STATUS__STATUS_OK;
	client_reply_free(rp);
	ok = ok && receive(dock, "REEL-1", 3000) && receive(dock, "REEL-2", 3000) &&
	    receive(dock, "REEL-3", 3000);
	client_free(dock);
	if (!ok || !harness_enrol(y, "ctl@iqc", "", &c))
		return false;
	{
		char certfile[700];
		snprintf(certfile, sizeof certfile, "%s/devices/ctl@iqc.cert", y->keys);
		ctl_run_paths(certfile, y->root);
	}
	if ((f = fopen(ctl_pins, "w")) == NULL)
		return false;
	fprintf(f, "%s\n%s\n", HARNESS_PIN, HARNESS_PIN);
	return fclose(f) == 0;
}

static void
test_ctl_iqc(void)
{
	REQUIRE(access(ctl_path(), X_OK) == 0);
	REQUIRE(setup());

	EXPECT_RC(0, "C.UTF-8", "iqc", "list", "--state", "open");
	HAS(ctl_out, "INSPECTION");
	HAS(ctl_out, "IQC-000003");
	HAS(ctl_out, "RES-10K");
	HAS(ctl_out, "125");
	HAS(ctl_out, "3/4");
	EXPECT_RC(0, "C.UTF-8", "iqc", "show", "L-000001");
	HAS(ctl_out, "IQC-000001  open");
	HAS(ctl_out, "code letter K (plan from K): n = 125, Ac 3, Re 4");
	HAS(ctl_out, "not recorded yet");
	HAS(ctl_out, "NORMAL: inspection starts at normal");
	EXPECT_RC(0, "C.UTF-8", "iqc", "show", "IQC-000001", "--json");
	HAS(ctl_out, "\"number\":\"IQC-000001\",\"state\":\"open\"");
	HAS(ctl_out, "\"sample_size\":125,\"ac\":3,\"re\":4");

	/* Usage errors, each before anything is sent or a PIN read. */
	EXPECT_RC(2, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Solderability=1");
	HAS(ctl_err, "how many defective units for Marking");
	EXPECT_RC(2, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Colour=1",
	    "Marking=0", "Solderability=0");
	HAS(ctl_err, "no characteristic \"Colour\"");
	EXPECT_RC(2, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Marking=x",
	    "Solderability=0");
	EXPECT_RC(2, "C.UTF-8", "iqc", "decide", "IQC-000001", "maybe", "--sign", "200");
	EXPECT_RC(2, "C.UTF-8", "iqc", "decide", "IQC-000001", "accept", "--defect", "SOLDER",
	    "--sign", "200");
	EXPECT_RC(2, "C.UTF-8", "iqc", "lift", "ACME", "RES-10K", "--sign", "900");
	HAS(ctl_err, "--reason");

	/* Recorded by the inspector signed in; rejected, signed. */
	EXPECT_RC(0, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Solderability=3",
	    "Marking=2", "--note", "dewetting on 3 leads");
	HAS(ctl_out, "d = 5: the sample rejects the lot");
	HAS(ctl_out, "the sample rejects lot L-000001");
	EXPECT_RC(1, "C.UTF-8", "iqc", "decide", "IQC-000001", "accept", "--sign", "200");
	HAS(ctl_err, "the sample rejects the lot; it cannot be accepted");
	EXPECT_RC(0, "C.UTF-8", "iqc", "decide", "IQC-000001", "reject", "--sign", "200", "--json");
	HAS(ctl_out, "\"state\":\"rejected\"");
	HAS(ctl_out, "\"ncr\":\"NCR-000001\"");
	HAS(ctl_out, "\"decided_by\":\"200\"");

	/* A second reject: tightened, and the history says so. */
	EXPECT_RC(0, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000002", "Solderability=4",
	    "Marking=0");
	EXPECT_RC(0, "C.UTF-8", "iqc", "decide", "IQC-000002", "reject", "--sign", "200");
	HAS(ctl_out, "IQC-000002  rejected");
	HAS(ctl_out, "TIGHTENED since lot L-000002: 2 of the last 2 lots on normal were not accepted");
	EXPECT_RC(0, "C.UTF-8", "iqc", "switching", "ACME", "RES-10K");
	HAS(ctl_out, "tightened");
	HAS(ctl_out, "RR");
	HAS(ctl_out, "Switches:");
	EXPECT_RC(0, "C.UTF-8", "iqc", "switching", "--json");
	HAS(ctl_out, "\"mode\":\"tightened\"");
	/* IQC-000003 was received before: its plan stays normal. */
	EXPECT_RC(0, "C.UTF-8", "iqc", "show", "IQC-000003");
	HAS(ctl_out, "level II, AQL 1, normal");

	/* Not blocked: nothing to lift; and an inspector may not. */
	EXPECT_RC(1, "C.UTF-8", "iqc", "lift", "ACME", "RES-10K", "--reason", "8D", "--sign", "200");
	EXPECT_RC(0, "C.UTF-8", "iqc", "list", "--state", "rejected", "--json");
	HAS(ctl_out, "IQC-000001");
	HAS(ctl_out, "IQC-000002");
	EXPECT_RC(0, "zh_CN.UTF-8", "iqc", "show", "IQC-000002");
	HAS(ctl_out, "加严");

	free(ctl_out);
	free(ctl_err);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(plant);
}

int
main(void)
{
	RUN(test_ctl_iqc);
	return check_done();
}
