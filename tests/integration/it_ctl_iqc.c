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
	snprintf(cert, sizeof cert, "%s/devices/ctl@iqc.cert", y->keys);
	snprintf(pins, sizeof pins, "%s/pins", y->root);
	snprintf(out_path, sizeof out_path, "%s/ctl.out", y->root);
	snprintf(err_path, sizeof err_path, "%s/ctl.err", y->root);
	if ((f = fopen(pins, "w")) == NULL)
		return false;
	fprintf(f, "%s\n%s\n", HARNESS_PIN, HARNESS_PIN);
	return fclose(f) == 0;
}

static void
test_ctl_iqc(void)
{
	REQUIRE(access(yokectl(), X_OK) == 0);
	REQUIRE(setup());

	EXPECT_RC(0, "C.UTF-8", "iqc", "list", "--state", "open");
	HAS(out, "INSPECTION");
	HAS(out, "IQC-000003");
	HAS(out, "RES-10K");
	HAS(out, "125");
	HAS(out, "3/4");
	EXPECT_RC(0, "C.UTF-8", "iqc", "show", "L-000001");
	HAS(out, "IQC-000001  open");
	HAS(out, "code letter K (plan from K): n = 125, Ac 3, Re 4");
	HAS(out, "not recorded yet");
	HAS(out, "NORMAL: inspection starts at normal");
	EXPECT_RC(0, "C.UTF-8", "iqc", "show", "IQC-000001", "--json");
	HAS(out, "\"number\":\"IQC-000001\",\"state\":\"open\"");
	HAS(out, "\"sample_size\":125,\"ac\":3,\"re\":4");

	/* Usage errors, each before anything is sent or a PIN read. */
	EXPECT_RC(2, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Solderability=1");
	HAS(err, "how many defective units for Marking");
	EXPECT_RC(2, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Colour=1",
	    "Marking=0", "Solderability=0");
	HAS(err, "no characteristic \"Colour\"");
	EXPECT_RC(2, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Marking=x",
	    "Solderability=0");
	EXPECT_RC(2, "C.UTF-8", "iqc", "decide", "IQC-000001", "maybe", "--sign", "200");
	EXPECT_RC(2, "C.UTF-8", "iqc", "decide", "IQC-000001", "accept", "--defect", "SOLDER",
	    "--sign", "200");
	EXPECT_RC(2, "C.UTF-8", "iqc", "lift", "ACME", "RES-10K", "--sign", "900");
	HAS(err, "--reason");

	/* Recorded by the inspector signed in; rejected, signed. */
	EXPECT_RC(0, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000001", "Solderability=3",
	    "Marking=2", "--note", "dewetting on 3 leads");
	HAS(out, "d = 5: the sample rejects the lot");
	HAS(out, "the sample rejects lot L-000001");
	EXPECT_RC(1, "C.UTF-8", "iqc", "decide", "IQC-000001", "accept", "--sign", "200");
	HAS(err, "the sample rejects the lot; it cannot be accepted");
	EXPECT_RC(0, "C.UTF-8", "iqc", "decide", "IQC-000001", "reject", "--sign", "200", "--json");
	HAS(out, "\"state\":\"rejected\"");
	HAS(out, "\"ncr\":\"NCR-000001\"");
	HAS(out, "\"decided_by\":\"200\"");

	/* A second reject: tightened, and the history says so. */
	EXPECT_RC(0, "C.UTF-8", "--badge", "200", "iqc", "record", "IQC-000002", "Solderability=4",
	    "Marking=0");
	EXPECT_RC(0, "C.UTF-8", "iqc", "decide", "IQC-000002", "reject", "--sign", "200");
	HAS(out, "IQC-000002  rejected");
	HAS(out, "TIGHTENED since lot L-000002: 2 of the last 2 lots on normal were not accepted");
	EXPECT_RC(0, "C.UTF-8", "iqc", "switching", "ACME", "RES-10K");
	HAS(out, "tightened");
	HAS(out, "RR");
	HAS(out, "Switches:");
	EXPECT_RC(0, "C.UTF-8", "iqc", "switching", "--json");
	HAS(out, "\"mode\":\"tightened\"");
	/* IQC-000003 was received before: its plan stays normal. */
	EXPECT_RC(0, "C.UTF-8", "iqc", "show", "IQC-000003");
	HAS(out, "level II, AQL 1, normal");

	/* Not blocked: nothing to lift; and an inspector may not. */
	EXPECT_RC(1, "C.UTF-8", "iqc", "lift", "ACME", "RES-10K", "--reason", "8D", "--sign", "200");
	EXPECT_RC(0, "C.UTF-8", "iqc", "list", "--state", "rejected", "--json");
	HAS(out, "IQC-000001");
	HAS(out, "IQC-000002");
	EXPECT_RC(0, "zh_CN.UTF-8", "iqc", "show", "IQC-000002");
	HAS(out, "加严");

	free(out);
	free(err);
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
