/*
 * it_report.c — the work report against a real yoked after a scripted run
 * (tests/lib/work_run.h: a unit right first time, one failed and reworked,
 * one failed and scrapped): good, failed, reworked and scrapped per
 * operation, operator and shift; time on task; the window's bounds (an
 * event at the start is in, one at the end is out); who may read it; and
 * yokectl report's CSV (a Chinese name with a comma) and JSON.
 */
#include "tests/lib/check.h"
#include "tests/lib/ctl_run.h"
#include "tests/lib/harness.h"
#include "tests/lib/work_run.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK

static struct work_run w;
static bool started;

static Yoke__Reply *
report(struct client *c, int64_t from, int64_t to, const char *shift, uint64_t after)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WorkReportQuery q = YOKE__WORK_REPORT_QUERY__INIT;
	q.from_us = from;
	q.to_us = to;
	q.shift = (char *)(shift ? shift : "");
	q.after_seq = after;
	rq.body_case = YOKE__REQUEST__BODY_WORK_REPORT;
	rq.work_report = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* The rows of one report summed per operation and badge. */
struct sums {
	uint32_t good, failed, reworked, scrapped, timed;
	int64_t us;
	size_t rows;
	char shift[32];
};

static void
sum(const Yoke__WorkReportReply *r, uint32_t op, const char *badge, struct sums *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < r->n_rows; i++) {
		const Yoke__WorkReportRow *x = r->rows[i];
		if (x->operation != op || strcmp(x->badge, badge) != 0)
			continue;
		s->good += x->good;
		s->failed += x->failed;
		s->reworked += x->reworked;
		s->scrapped += x->scrapped;
		s->timed += x->timed;
		s->us += x->time_on_task_us;
		s->rows++;
		snprintf(s->shift, sizeof s->shift, "%s", x->shift);
	}
}

/* The shift of the plant's definitions a time falls in. */
static const char *
shift_at(int64_t us)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_hour < 12 ? "EARLY" : "LATE";
}

static void
test_quantities_per_operation_operator_and_shift(void)
{
	Yoke__Reply *rp;
	struct sums s;
	REQUIRE(started);
	rp = report(w.lead, w.started_us, w.ended_us, NULL, 0);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_WORK_REPORT);
	CHECK_INT(rp->work_report->next_seq, 0);
	/* Assembly by 王小明: two good (one after its rework), two failures,
	 * one reworked, one scrapped. */
	sum(rp->work_report, 10, "100", &s);
	CHECK_INT(s.good, 2);
	CHECK_INT(s.failed, 2);
	CHECK_INT(s.reworked, 1);
	CHECK_INT(s.scrapped, 1);
	CHECK_INT(s.timed, 2);
	/* The first unit was held open WORK_RUN_OPEN_MS before completing. */
	CHECK(s.us >= WORK_RUN_OPEN_MS * 1000LL);
	CHECK(s.us < 60LL * 1000000);
	/* The shifts cover the day; a run across noon or midnight is split. */
	if (strcmp(shift_at(w.started_us), shift_at(w.ended_us)) == 0) {
		CHECK_INT(s.rows, 1);
		CHECK_STR(s.shift, shift_at(w.started_us));
	}
	sum(rp->work_report, 20, "101", &s);
	CHECK_INT(s.good, 2);
	CHECK_INT(s.failed + s.reworked + s.scrapped, 0);
	CHECK_INT(s.timed, 2);
	sum(rp->work_report, 900, "102", &s);
	CHECK_INT(s.good, 1);
	for (size_t i = 0; i < rp->work_report->n_rows; i++)
		if (rp->work_report->rows[i]->operation == 10) {
			CHECK_STR(rp->work_report->rows[i]->operator_name, "王小明, 二组");
			CHECK_STR(rp->work_report->rows[i]->station, "ASSY-1");
			CHECK_STR(rp->work_report->rows[i]->work_order, "WO1");
		}
	client_reply_free(rp);
	/* A shift filter: the other shift has nothing of this run. */
	if (strcmp(shift_at(w.started_us), shift_at(w.ended_us)) == 0) {
		const char *other = strcmp(shift_at(w.started_us), "EARLY") == 0 ? "LATE" : "EARLY";
		rp = report(w.lead, w.started_us, w.ended_us, other, 0);
		REQUIRE(rp && rp->status == OK);
		CHECK_INT(rp->work_report->n_rows, 0);
		client_reply_free(rp);
		rp = report(w.lead, w.started_us, w.ended_us, shift_at(w.started_us), 0);
		REQUIRE(rp && rp->status == OK);
		sum(rp->work_report, 10, "100", &s);
		CHECK_INT(s.good, 2);
		client_reply_free(rp);
	}
}

/* The time of the first event of a kind and operation in a unit's trace. */
static int64_t
event_time(const char *serial, Yoke__EventKind kind, uint32_t op)
{
	Yoke__Reply *rp = harness_trace(w.lead, serial);
	int64_t t = 0;
	if (rp && rp->status == OK)
		for (size_t i = 0; i < rp->trace->n_events && t == 0; i++)
			if (rp->trace->events[i]->kind == kind && rp->trace->events[i]->operation == op)
				t = rp->trace->events[i]->time_us;
	client_reply_free(rp);
	return t;
}

static void
test_window_bounds(void)
{
	Yoke__Reply *rp;
	struct sums s;
	REQUIRE(started);
	int64_t done = event_time("WO1-0001", YOKE__EVENT_KIND__EVENT_OP_COMPLETED, 10);
	REQUIRE(done > 0);
	/* [done, done + 1): the completion alone, with its time on task. */
	rp = report(w.lead, done, done + 1, NULL, 0);
	REQUIRE(rp && rp->status == OK);
	sum(rp->work_report, 10, "100", &s);
	CHECK_INT(s.good, 1);
	CHECK_INT(s.timed, 1);
	CHECK(s.us >= WORK_RUN_OPEN_MS * 1000LL);
	client_reply_free(rp);
	/* [start, done): the end is not in the window. */
	rp = report(w.lead, w.started_us, done, NULL, 0);
	REQUIRE(rp && rp->status == OK);
	sum(rp->work_report, 10, "100", &s);
	CHECK_INT(s.good, 0);
	client_reply_free(rp);
	/* Before the run: nothing. */
	rp = report(w.lead, w.started_us - 3600LL * 1000000, w.started_us, NULL, 0);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->work_report->n_rows, 0);
	client_reply_free(rp);
	/* A window that ends before it starts, or spans years. */
	rp = report(w.lead, done, done, NULL, 0);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	rp = report(w.lead, done, done + 1000LL * 86400 * 1000000, NULL, 0);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	/* A cursor past the end of the log: an empty last page. */
	rp = report(w.lead, w.started_us, w.ended_us, NULL, 1000000);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->work_report->n_rows, 0);
	CHECK_INT(rp->work_report->next_seq, 0);
	client_reply_free(rp);
}

static void
test_who_may_read_it(void)
{
	Yoke__Reply *rp;
	REQUIRE(started);
	/* The operator at ASSY-1: not a reader of reports. */
	rp = report(w.assy, w.started_us, w.ended_us, NULL, 0);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	if (rp)
		HAS(rp->message, "A work report needs");
	client_reply_free(rp);
	/* Nobody signed in. */
	struct client *c = harness_client(w.y, "harness-nobody");
	rp = report(c, w.started_us, w.ended_us, NULL, 0);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_BADGED_IN);
	client_reply_free(rp);
	client_free(c);
}

static void
test_yokectl_report(void)
{
	struct cert c;
	char certfile[700], from[32], to[32];
	time_t t0 = (time_t)(w.started_us / 1000000), t1 = (time_t)(w.ended_us / 1000000) + 1;
	struct tm tm;
	FILE *f;
	REQUIRE(started);
	REQUIRE(access(ctl_path(), X_OK) == 0);
	REQUIRE(harness_enrol(w.y, "ctl@report", "", &c));
	snprintf(certfile, sizeof certfile, "%s/devices/ctl@report.cert", w.y->keys);
	ctl_run_paths(certfile, w.y->root);
	REQUIRE((f = fopen(ctl_pins, "w")) != NULL);
	fprintf(f, "%s\n", HARNESS_PIN);
	REQUIRE(fclose(f) == 0);
	localtime_r(&t0, &tm);
	strftime(from, sizeof from, "%Y-%m-%dT%H:%M:%S", &tm);
	localtime_r(&t1, &tm);
	strftime(to, sizeof to, "%Y-%m-%dT%H:%M:%S", &tm);

	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "report", "station", "--from", from, "--to", to,
	    "--csv");
	/* RFC 4180: the name with a comma quoted, UTF-8 as it is, CRLF. */
	HAS(ctl_out, "station,operation,operation_name,badge,operator,good,failed,reworked,"
	    "scrapped,timed,time_on_task_s,mean_time_on_task_s\r\n");
	HAS(ctl_out, "ASSY-1,10,Assembly,100,\"王小明, 二组\",2,2,1,1,2,");
	HAS(ctl_out, "TEST-1,20,Final test,101,Bo Tester,2,0,0,0,2,");

	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "report", "wo", "--from", from, "--to", to,
	    "--json");
	HAS(ctl_out, "{\"view\":\"wo\"");
	HAS(ctl_out, "{\"operation\":10,\"operation_name\":\"Assembly\",\"work_order\":\"WO1\","
	    "\"good\":2,\"failed\":2,\"reworked\":1,\"scrapped\":1,\"timed\":2");

	/* Text: every line within 80 columns, in English and in Chinese. */
	const char *langs[] = { "C.UTF-8", "zh_CN.UTF-8" };
	for (int l = 0; l < 2; l++) {
		EXPECT_RC(0, langs[l], "--badge", "300", "report", "shift", "--from", from, "--to", to);
		HAS(ctl_out, "王小明, 二组");
		for (char *line = ctl_out; line && *line;) {
			char *nl = strchr(line, '\n');
			size_t bytes = nl ? (size_t)(nl - line) : strlen(line);
			char save = line[bytes];
			line[bytes] = '\0';
			CHECK(utf8_width(line) <= 80);
			line[bytes] = save;
			line = nl ? nl + 1 : NULL;
		}
	}
	HAS(ctl_out, "工序");

	/* The window must be a window. */
	EXPECT_RC(2, "C.UTF-8", "--badge", "300", "report", "shift", "--from", "2026-02-30");
	EXPECT_RC(2, "C.UTF-8", "--badge", "300", "report", "shift", "--from", to, "--to", from);
}

int
main(void)
{
	harness_i18n_init();
	started = work_run_start(&w);
	RUN(test_quantities_per_operation_operator_and_shift);
	RUN(test_window_bounds);
	RUN(test_who_may_read_it);
	RUN(test_yokectl_report);
	work_run_free(&w);
	return check_done();
}
