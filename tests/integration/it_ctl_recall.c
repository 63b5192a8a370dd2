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
static char cert[700], pins[700], out_path[700], err_path[700];
static char *out, *err;          /* what the last run printed */

static const char *
yokectl(void)
{
	static char path[512];
	const char *bin = getenv("YOKE_BIN");
	snprintf(path, sizeof path, "%s/yokectl", str_empty(bin) ? "bin" : bin);
	return path;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	if (f == NULL)
		return xstrdup("");
	do {
		if (n + 1 >= cap)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 8192);
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/*
 * Runs yokectl --cert CERT --pin-fd 3 ARGS... in the language lang, the PINs
 * on descriptor 3; keeps what it printed in out and err. Its exit status,
 * or -1.
 */
static int
run(const char *lang, const char *const *args)
{
	pid_t pid;
	int st;

	free(out);
	free(err);
	out = err = NULL;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		const char *argv[40];
		int n = 0, fd;
		argv[n++] = yokectl();
		argv[n++] = "--cert";
		argv[n++] = cert;
		argv[n++] = "--pin-fd";
		argv[n++] = "3";
		for (; *args && n < 39; args++)
			argv[n++] = *args;
		argv[n] = NULL;
		unsetenv("LANGUAGE");
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		unsetenv("YOKE_BADGE");
		setenv("LANG", lang, 1);
		if ((fd = open(pins, O_RDONLY)) < 0 || dup2(fd, 3) < 0 ||
		    freopen(out_path, "w", stdout) == NULL || freopen(err_path, "w", stderr) == NULL)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	out = slurp(out_path);
	err = slurp(err_path);
	return WEXITSTATUS(st);
}

#define RUN_CTL(lang, ...) run((lang), (const char *const[]){ __VA_ARGS__, NULL })

/* A run and its exit status; on a surprise, what it printed. */
#define EXPECT_RC(want, lang, ...) do { \
	int rc_ = RUN_CTL(lang, __VA_ARGS__); \
	if (rc_ != (want)) \
		check_fail(__FILE__, __LINE__, "exit %d, expected %d; stdout: %.300s stderr: %.300s", \
		    rc_, (want), out ? out : "", err ? err : ""); \
} while (0)

#define HAS(text, what) do { \
	if ((text) == NULL || strstr((text), (what)) == NULL) \
		check_fail(__FILE__, __LINE__, "\"%s\" not in: %.600s", (what), (text) ? (text) : ""); \
} while (0)

#define LACKS(text, what) do { \
	if ((text) != NULL && strstr((text), (what)) != NULL) \
		check_fail(__FILE__, __LINE__, "\"%s\" in: %.600s", (what), (text)); \
} while (0)

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
	snprintf(cert, sizeof cert, "%s/devices/ctl@recall.cert", y->keys);
	snprintf(pins, sizeof pins, "%s/pins", y->root);
	snprintf(out_path, sizeof out_path, "%s/ctl.out", y->root);
	snprintf(err_path, sizeof err_path, "%s/ctl.err", y->root);
	if ((f = fopen(pins, "w")) == NULL)
		return false;
	fprintf(f, "%s\n%s\n", HARNESS_PIN, HARNESS_PIN);
	return fclose(f) == 0;
}

static void
test_ctl_recall(void)
{
	REQUIRE(access(yokectl(), X_OK) == 0);
	REQUIRE(setup());

	/* The recall as a table: the lot, every unit with its path, the counts. */
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/LOT-A");
	HAS(out, "Lot IC-555/LOT-A: L-000001, supplier ACME, supplier lot LOT-A");
	HAS(out, "SERIAL");
	HAS(out, "PATH");
	HAS(out, "IC-555/LOT-A → MODULE/WOM-0001 → WOG-0001");
	HAS(out, "op 20 Final test (TEST)");
	HAS(out, "op 10 Final assembly at ASSY-1");
	HAS(out, "4 units contain lot IC-555/LOT-A (through 1 level of sub-assemblies): 2 in work, "
	    "2 done");
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/L-000001", "--json");
	HAS(out, "\"lot_id\":\"L-000001\"");
	HAS(out, "\"serial\":\"WOG-0001\"");
	HAS(out, "\"path\":[\"IC-555/LOT-A\",\"MODULE/WOM-0001\",\"WOG-0001\"]");
	HAS(out, "\"units_in_work\":2,\"units_done\":2,\"units_scrapped\":0,\"levels\":1");
	HAS(out, "\"shipping_recorded\":false");
	/* Refusals and usage errors. */
	EXPECT_RC(1, "C.UTF-8", "recall", "IC-555/NOPE");
	HAS(err, "No lot NOPE of IC-555 was received");
	EXPECT_RC(1, "C.UTF-8", "recall", "IC-555/NOPE", "--json");
	HAS(out, "\"status\":\"NOT_FOUND\"");
	EXPECT_RC(2, "C.UTF-8", "recall", "LOT-A");
	HAS(err, "PART/LOT");
	EXPECT_RC(2, "C.UTF-8", "recall", "IC-555/LOT-A", "--hold", "--sign", "200");
	HAS(err, "--defect");
	EXPECT_RC(2, "C.UTF-8", "recall", "IC-555/LOT-A", "--defect", "SOLDER");
	HAS(err, "--hold");

	/* Held with one hold, signed. */
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/LOT-A", "--hold", "--defect", "SOLDER", "--note",
	    "Supplier alert SA-17", "--sign", "200");
	HAS(out, "NCR-000001 opened on lot IC-555/LOT-A: one hold on the 4 units that contain it");
	HAS(out, "Hold 1 on component IC-555/LOT-A covers 4 units: 2 in work, 2 done, 0 scrapped.");
	HAS(out, "in work, held");
	EXPECT_RC(0, "C.UTF-8", "recall", "IC-555/LOT-A", "--hold", "--defect", "SOLDER", "--sign",
	    "200", "--json");
	HAS(out, "\"ncr\":{\"number\":\"NCR-000001\"");
	HAS(out, "\"held\":true");
	HAS(out, "already held by NCR-000001: 0 more units");

	/* The scorecard. */
	EXPECT_RC(0, "C.UTF-8", "supplier", "scorecard");
	HAS(out, "SUPPLIER");
	HAS(out, "IQC ACCEPTED");
	HAS(out, "ACME");
	EXPECT_RC(0, "C.UTF-8", "supplier", "scorecard", "--period", "week", "--json");
	HAS(out, "{\"rows\":[{\"supplier\":\"ACME\"");
	HAS(out, "\"lots\":1,\"iqc_accepted\":0,\"iqc_rejected\":0,\"iqc_acceptance\":null");
	HAS(out, "\"units_built\":2,\"material_ncrs\":0");
	EXPECT_RC(2, "C.UTF-8", "supplier", "scorecard", "--period", "year");
	EXPECT_RC(2, "C.UTF-8", "supplier", "scorecard", "--from", "2026-02-30");
	EXPECT_RC(0, "C.UTF-8", "supplier", "scorecard", "--from", "2099-01-01");
	HAS(out, "No lots were received in that window");

	/* A SCAR from the recall's NCR; closing waits for the evidence. */
	EXPECT_RC(0, "C.UTF-8", "scar", "open", "--ncr", "1", "--due", "2030-01-31", "--lots", "2",
	    "--sign", "200");
	HAS(out, "SCAR-000001 opened for IC-555 from ACME");
	HAS(out, "Closes after");
	EXPECT_RC(0, "C.UTF-8", "scar", "update", "1", "--d4", "Plating bath", "--d5", "SPC",
	    "--sign", "200");
	HAS(out, "the supplier's answer recorded (D4, D5)");
	EXPECT_RC(1, "C.UTF-8", "scar", "update", "1", "--close", "--sign", "200", "--json");
	HAS(out, "\"status\":\"NOT_PROVEN\"");
	EXPECT_RC(0, "C.UTF-8", "scar", "list", "--state", "open");
	HAS(out, "SCAR-000001");
	HAS(out, "NCR-000001");
	EXPECT_RC(0, "C.UTF-8", "scar", "show", "SCAR-000001", "--json");
	HAS(out, "\"state\":\"open\"");
	HAS(out, "\"d4_root_cause\":\"Plating bath\"");
	EXPECT_RC(2, "C.UTF-8", "scar", "open", "--ncr", "1", "--sign", "200");
	HAS(err, "--due");
	EXPECT_RC(2, "C.UTF-8", "scar", "update", "1", "--sign", "200");

	/* In Chinese. */
	EXPECT_RC(0, "zh_CN.UTF-8", "recall", "IC-555/LOT-A");
	HAS(out, "批次");
	LACKS(out, "units contain lot");
	EXPECT_RC(0, "zh_CN.UTF-8", "scar", "show", "1");
	HAS(out, "供应商");

	free(out);
	free(err);
	out = err = NULL;
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
