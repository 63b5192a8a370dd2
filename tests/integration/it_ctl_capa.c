/*
 * it_ctl_capa.c — `yokectl capa` as an engineer uses it, against a real
 * yoked (plant-quality, CURVE, an enrolled yokectl installation): the real
 * yokectl lists the CAPA the server proposed when SEATING recurred, opens
 * it and moves it on step by step with --sign and the PIN from --pin-fd,
 * shows it and lists the overdue actions; the shape of its text and of its
 * JSON, the exit statuses of a refusal (1, with the server's words and, in
 * JSON, its status) and of a usage error (2), and its words in Chinese.
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

#define PLANT "tests/data/plant-quality"

static struct yoked *y;
static struct plant *plant;

/* Fails op 10's check of a unit with SEATING at ASSY-1. */
static bool
fail_seating(struct client *assy, int i)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	Yoke__Reply *rp;
	char serial[32], board[32];
	bool ok = true;
	snprintf(serial, sizeof serial, "WO1-%04d", i);
	snprintf(board, sizeof board, "BOARD-1/B%d", i);
	Yoke__Reply *r[3] = { harness_open_unit(assy, serial), harness_step_scan(assy, serial, 0, board),
		harness_step_scan(assy, serial, 1, "IC-555/L1") };
	for (int k = 0; k < 3; k++) {
		ok &= r[k] && r[k]->status == YOKE__STATUS__STATUS_OK;
		client_reply_free(r[k]);
	}
	s.serial = serial;
	s.step = 2;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
	d.code = (char *)"SEATING";
	s.defect = &d;
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	rp = harness_call(assy, &rq, HARNESS_TRIES);
	ok &= rp && rp->status == YOKE__STATUS__STATUS_CHECK_FAILED;
	client_reply_free(rp);
	return ok;
}

static bool
setup(void)
{
	struct client *eng, *assy;
	struct cert c;
	Yoke__Reply *rp;
	FILE *f;
	bool ok;

	if ((y = harness_start_loaded(PLANT, &plant)) == NULL)
		return false;
	if ((eng = harness_engineer(y, plant, "ctl-capa")) == NULL)
		return false;
	rp = harness_release(eng, "WO1", "GADGET", 5, "2030-01-31", 0, NULL);
	ok = rp && rp->status == YOKE__STATUS__STATUS_OK;
	client_reply_free(rp);
	client_free(eng);
	assy = harness_client(y, "ASSY-1@ctl");
	rp = harness_badge_in(assy, "ASSY-1", "100");
	ok = ok && rp && rp->status == YOKE__STATUS__STATUS_OK;
	client_reply_free(rp);
	for (int i = 1; ok && i <= 3; i++)
		ok = fail_seating(assy, i);
	client_free(assy);
	if (!ok || !harness_enrol(y, "ctl@capa", "", &c))
		return false;
	{
		char certfile[700];
		snprintf(certfile, sizeof certfile, "%s/devices/ctl@capa.cert", y->keys);
		ctl_run_paths(certfile, y->root);
	}
	if ((f = fopen(ctl_pins, "w")) == NULL)
		return false;
	fprintf(f, "%s\n%s\n", HARNESS_PIN, HARNESS_PIN);
	return fclose(f) == 0;
}

static void
test_ctl_capa(void)
{
	REQUIRE(access(ctl_path(), X_OK) == 0);
	REQUIRE(setup());

	/* The proposal, as a table and as JSON. */
	EXPECT_RC(0, "C.UTF-8", "capa", "list");
	HAS(ctl_out, "CAPA");
	HAS(ctl_out, "STATE");
	HAS(ctl_out, "CAPA-000001");
	HAS(ctl_out, "proposed");
	HAS(ctl_out, "station ASSY-1");
	HAS(ctl_out, "SEATING recurring at ASSY-1");
	EXPECT_RC(0, "C.UTF-8", "capa", "list", "--state", "proposed", "--json");
	HAS(ctl_out, "[{\"number\":\"CAPA-000001\",\"state\":\"proposed\"");
	HAS(ctl_out, "\"proposed_why\":\"SEATING 3 times in 3 units at ASSY-1\"");
	HAS(ctl_out, "\"ncrs\":[\"NCR-000001\",\"NCR-000002\",\"NCR-000003\"]");
	HAS(ctl_out, "\"effectiveness\":null");
	EXPECT_RC(0, "C.UTF-8", "capa", "list", "--state", "closed");
	HAS(ctl_out, "No CAPA matches.");

	/* Opened and moved on, each step signed with the PIN from --pin-fd. */
	EXPECT_RC(0, "C.UTF-8", "capa", "open", "CAPA-000001", "--sign", "200");
	HAS(ctl_out, "CAPA-000001 opened by Ida Inspector");
	EXPECT_RC(0, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "contained",
	    "--containment", "Units at ASSY checked by hand", "--sign", "300", "--json");
	HAS(ctl_out, "\"state\":\"contained\"");
	HAS(ctl_out, "\"containment\":\"Units at ASSY checked by hand\"");
	/* The hours a step took (a prevention cost): a bad number is refused
	 * and the step not taken; then 1.5 hours go with it. */
	EXPECT_RC(1, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "root-cause", "--cause",
	    "machine", "--why", "Board not pressed home", "--hours", "1,5h", "--sign", "900");
	HAS(ctl_err, "hours: expected hours such as 1.5");
	EXPECT_RC(0, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "root-cause", "--cause",
	    "machine", "--why", "Board not pressed home", "--why", "Press fixture worn", "--hours",
	    "1.5", "--sign", "900");
	HAS(ctl_out, "root cause found by Eve Engineer");
	EXPECT_RC(0, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "action", "--action",
	    "Replace the press fixture", "--owner", "900", "--due", "2020-01-31", "--note",
	    "agreed at the morning meeting", "--sign", "300");
	HAS(ctl_out, "overdue");
	EXPECT_RC(0, "C.UTF-8", "capa", "list", "--overdue");
	HAS(ctl_out, "CAPA-000001");
	HAS(ctl_out, "2020-01-31, overdue");

	/* Refusals: the server's words, exit 1; its status under --json. */
	EXPECT_RC(1, "C.UTF-8", "capa", "verify", "CAPA-000001", "--sign", "200");
	HAS(ctl_err, "the next state is implemented");
	EXPECT_RC(1, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "implemented", "--sign", "200");
	HAS(ctl_err, "owned by badge 900");
	CHECK(strstr(ctl_err, "SIGNATURE_REFUSED") == NULL);
	EXPECT_RC(1, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "implemented", "--sign", "200",
	    "--json");
	HAS(ctl_out, "\"status\":\"SIGNATURE_REFUSED\"");
	EXPECT_RC(0, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "implemented", "--sign", "900");
	EXPECT_RC(1, "C.UTF-8", "capa", "verify", "CAPA-000001", "--sign", "900");
	HAS(ctl_err, "cannot verify it");
	EXPECT_RC(0, "C.UTF-8", "capa", "verify", "CAPA-000001", "--sign", "201");
	HAS(ctl_out, "verified by Ike Inspector");
	EXPECT_RC(1, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "effective", "--sign", "200");
	HAS(ctl_err, "before 3 in 3 units (100.0 %), after 0 in 0 units (no units)");
	EXPECT_RC(1, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "effective", "--sign", "200",
	    "--json");
	HAS(ctl_out, "\"status\":\"NOT_EFFECTIVE\"");

	/* Shown in full. */
	EXPECT_RC(0, "C.UTF-8", "capa", "show", "CAPA-000001");
	HAS(ctl_out, "CAPA-000001  SEATING recurring at ASSY-1");
	HAS(ctl_out, "State           verified");
	HAS(ctl_out, "Scope           station ASSY-1");
	HAS(ctl_out, "NCRs            NCR-000001");
	HAS(ctl_out, "Why 2           Press fixture worn");
	HAS(ctl_out, "Due             2020-01-31\n");   /* implemented: no longer overdue */
	HAS(ctl_out, "Implemented by  900");
	HAS(ctl_out, "signed by Ike Inspector (badge 201, inspector) at ");
	EXPECT_RC(0, "C.UTF-8", "capa", "show", "CAPA-000001", "--json");
	HAS(ctl_out, "\"state\":\"verified\"");
	HAS(ctl_out, "\"whys\":[\"Board not pressed home\",\"Press fixture worn\"]");
	HAS(ctl_out, "\"cause\":\"machine\"");
	HAS(ctl_out, "\"implemented_by\":\"900\"");
	HAS(ctl_out, "{\"badge\":\"201\",\"name\":\"Ike Inspector\"");

	/* Usage errors: exit 2, nothing sent. */
	EXPECT_RC(2, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "sideways", "--sign", "200");
	EXPECT_RC(2, "C.UTF-8", "capa", "update", "CAPA-000001", "--to", "effective", "--before",
	    "2026-12-01..2026-11-01", "--sign", "200");
	EXPECT_RC(2, "C.UTF-8", "capa", "open", "--ncr", "NCR-000001", "--sign", "200");
	HAS(ctl_err, "--title");
	EXPECT_RC(2, "C.UTF-8", "capa", "close", "CAPA-000001");
	HAS(ctl_err, "--sign BADGE");
	EXPECT_RC(1, "C.UTF-8", "capa", "show", "CAPA-000099");
	HAS(ctl_err, "No CAPA CAPA-000099");

	/* In Chinese: yokectl's words and the server's. */
	EXPECT_RC(0, "zh_CN.UTF-8", "capa", "show", "CAPA-000001");
	HAS(ctl_out, "状态");
	HAS(ctl_out, "已验证");
	EXPECT_RC(1, "zh_CN.UTF-8", "capa", "update", "CAPA-000001", "--to", "effective", "--sign",
	    "200");
	HAS(ctl_err, "数据不能证明 CAPA-000001 有效");

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
	RUN(test_ctl_capa);
	return check_done();
}
