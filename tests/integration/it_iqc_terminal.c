/*
 * it_iqc_terminal.c — an inspector records an incoming inspection at the
 * real station terminal, end to end: a real yoked (plant-materials,
 * CURVE), two lots of RES-10K received at the dock through the protocol
 * (yokectl has no receive command on this branch), and the real `yoke`
 * binary at station IQC-1 in a private tmux server (80×24), driven by
 * keystrokes and read from the screen as tests/e2e does. The inspector
 * (200) badges in, sees the inspection lots on the worklist, opens one by
 * its number, records the sample per characteristic, signs the reject
 * with badge and PIN, and sees the lot quarantined with its NCR; the
 * server's record says the same. Skipped (one FAIL line saying why) when
 * tmux is missing.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-materials"

static char sock[64];

static int tmux(const char *fmt, const char *arg) __attribute__((format(printf, 1, 0)));

/* Runs tmux on the test's own server: fmt's one %s is arg, single-quoted
 * safely (fmt puts the quotes around it). */
static int
tmux(const char *fmt, const char *arg)
{
	char cmd[2048], a[900];
	size_t j = 0;

	/* The argument single-quoted for the shell. */
	for (const char *s = arg ? arg : ""; *s && j < sizeof a - 6; s++) {
		if (*s == '\'') {
			memcpy(a + j, "'\\''", 4);
			j += 4;
		} else {
			a[j++] = *s;
		}
	}
	a[j] = '\0';
	snprintf(cmd, sizeof cmd, "tmux -L %s ", sock);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(cmd + strlen(cmd), sizeof cmd - strlen(cmd), fmt, a);
#pragma GCC diagnostic pop
	return system(cmd);
}

static char *
screen(void)
{
	static char buf[8192];
	char cmd[128];
	size_t n;
	FILE *f;

	snprintf(cmd, sizeof cmd, "tmux -L %s capture-pane -p -t t 2>/dev/null", sock);
	buf[0] = '\0';
	if ((f = popen(cmd, "r")) == NULL)
		return buf;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	pclose(f);
	return buf;
}

/* Waits up to 15 s for the screen to show text. */
static bool
see(const char *text)
{
	for (int i = 0; i < 150; i++) {
		if (strstr(screen(), text))
			return true;
		usleep(100000);
	}
	fprintf(stderr, "    the screen did not show \"%s\":\n%s\n", text, screen());
	return false;
}

static void
type(const char *text)
{
	if (text[0])
		tmux("send-keys -t t -l '%s'", text);
	tmux("send-keys -t t Enter%s", "");
}

/* The tmux server goes with the test, however it ends. */
static void
tmux_gone(void)
{
	const char *dir = getenv("TMUX_TMPDIR");
	char path[512];

	if (!sock[0])
		return;
	tmux("kill-server >/dev/null 2>&1%s", "");
	snprintf(path, sizeof path, "%s/tmux-%d/%s", str_empty(dir) ? "/tmp" : dir, (int)getuid(),
	    sock);
	unlink(path);
}

static bool
receive(struct client *dock, const char *lot)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	Yoke__Reply *rp;
	bool ok;

	r.part = (char *)"RES-10K";
	r.supplier = (char *)"ACME";
	r.supplier_lot = (char *)lot;
	r.qty = 3000;
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	rp = harness_call(dock, &rq, 3);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	return ok;
}

static void
test_inspector_records_at_terminal(void)
{
	struct plant *p;
	struct yoked *y;
	struct client *dock, *qa;
	struct cert c;
	Yoke__Reply *rp;
	const char *bin = getenv("YOKE_BIN");
	char cmd[1500], certpath[600];

	if (system("command -v tmux >/dev/null 2>&1") != 0) {
		check_fail(__FILE__, __LINE__, "tmux is not installed");
		return;
	}
	snprintf(sock, sizeof sock, "yoke-it-iqc-%d", (int)getpid());
	atexit(tmux_gone);
	REQUIRE((y = harness_start_loaded(PLANT, &p)) != NULL);
	dock = harness_client(y, "DOCK-1@tmux");
	rp = harness_badge_in(dock, "DOCK-1", "110");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	REQUIRE(receive(dock, "REEL-A") && receive(dock, "REEL-B"));
	client_free(dock);
	REQUIRE(harness_enrol(y, "IQC-1@tmux", "IQC-1", &c));
	snprintf(certpath, sizeof certpath, "%s/devices/IQC-1@tmux.cert", y->keys);
	snprintf(cmd, sizeof cmd, "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm %s/yoke --cert %s "
	    "--station IQC-1 --log %s/yoke.log", str_empty(bin) ? "bin" : bin, certpath, y->root);
	REQUIRE(tmux("-f /dev/null new-session -d -s t -x 80 -y 24 '%s'", cmd) == 0);

	REQUIRE(see("scan your badge"));
	REQUIRE(see("ONLINE"));
	type("200");
	REQUIRE(see("Worklist"));
	CHECK(see("incoming"));
	CHECK(see("IQC-000001"));
	CHECK(see("IQC-000002"));

	/* F1 says what the incoming inspection takes. */
	tmux("send-keys -t t F1%s", "");
	CHECK(see("An incoming inspection"));
	tmux("send-keys -t t Enter%s", "");      /* any key: back */
	CHECK(see("Worklist"));

	type("IQC-000001");
	REQUIRE(see("Incoming inspection IQC-000001"));
	CHECK(see("code letter K (plan from K): n = 125, Ac 3, Re 4"));
	CHECK(see("NORMAL: inspection starts at normal"));
	CHECK(see("1 record the sample"));
	type("2");                                  /* nothing recorded yet */
	CHECK(see("Record the sample first"));
	type("1");
	REQUIRE(see("Solderability: defective units in the sample of 125?"));
	type("x");
	CHECK(see("Expected how many of the 125 sample units are defective"));
	type("3");
	REQUIRE(see("Marking: defective units in the sample of 125?"));
	type("2");
	REQUIRE(see("the sample rejects lot L-000001"));
	CHECK(see("d = 5 \u2265 Re 4: the sample rejects the lot"));
	type("2");
	REQUIRE(see("Sign \u201crejecting IQC-000001\u201d"));
	type("");                                   /* Enter: the inspector badged in here */
	REQUIRE(see("PIN of badge 200"));
	tmux("send-keys -t t -l '%s'", HARNESS_PIN);
	CHECK(see("> ****"));
	CHECK(strstr(screen(), HARNESS_PIN) == NULL);
	type("");
	REQUIRE(see("lot L-000001 is quarantined, NCR-000001 opened on it"));
	CHECK(see("Rejected by Ida Inspector: d = 5, lot L-000001 quarantined, NCR-000001"));
	type("");                                   /* back to the worklist */
	CHECK(see("Worklist"));

	/* The server's record. */
	qa = harness_client(y, "harness-qa");
	REQUIRE(harness_sign_in(qa, "200"));
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__IqcQuery q = YOKE__IQC_QUERY__INIT;
		q.number = (char *)"IQC-000001";
		rq.body_case = YOKE__REQUEST__BODY_IQC;
		rq.iqc = &q;
		rp = harness_call(qa, &rq, 3);
		REQUIRE(rp && rp->status == OK && rp->iqc->n_inspections == 1);
		CHECK_INT(rp->iqc->inspections[0]->state, YOKE__INSPECTION_STATE__INSPECTION_REJECTED);
		CHECK_INT(rp->iqc->inspections[0]->results[0]->defectives, 3);
		CHECK_INT(rp->iqc->inspections[0]->results[1]->defectives, 2);
		CHECK_STR(rp->iqc->inspections[0]->decided->badge, "200");
		client_reply_free(rp);
	}
	client_free(qa);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_inspector_records_at_terminal);
	return check_done();
}
