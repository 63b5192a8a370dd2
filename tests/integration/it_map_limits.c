/*
 * it_map_limits.c — the LMDB map at its limits, against a real yoked over
 * real ZeroMQ with a real LMDB directory:
 *
 *   - --map-max-mib caps the map: once a batch needs more than the cap,
 *     its writes are refused INTERNAL ("full"), yoked stays up, reads still
 *     answer, and every write acknowledged before is there, also after a
 *     restart;
 *   - when LMDB itself fails to grow the map (YOKE_FAULT=grow-fail: LMDB
 *     unmaps the old map and cannot map the new one), yoked stops with a
 *     clear log line and a non-zero exit status instead of crashing, and
 *     after a restart every acknowledged write is there and nothing of the
 *     batch that failed.
 *
 * The store is filled with work-order releases of FILL_QTY units each.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define FILL_QTY 100
#define FILL_MAX 400              /* releases; a 2 MiB map holds a few dozen */

struct fill {
	int acked;                    /* F000 .. F<acked-1> were acknowledged OK */
	Yoke__Reply *last;            /* the reply to F<acked> (NULL: no answer) */
};

static void
wo_name(char *buf, size_t size, int i)
{
	snprintf(buf, size, "F%03d", i);
}

/* Releases work orders until one is not acknowledged OK. */
static struct fill
fill_until_refused(struct client *c)
{
	struct fill f = { 0, NULL };
	for (; f.acked < FILL_MAX; f.acked++) {
		char wo[16];
		wo_name(wo, sizeof wo, f.acked);
		f.last = harness_release(c, wo, "WIDGET", FILL_QTY, "2030-06-30", 0, NULL);
		if (f.last == NULL || f.last->status != OK)
			break;
		client_reply_free(f.last);
		f.last = NULL;
	}
	return f;
}

/* Every acknowledged work order is there with all its units, each unit
 * traceable; the one that was not acknowledged is not there at all. */
static void
check_acked_there(struct client *c, const struct fill *f)
{
	char wo[16], serial[32];
	Yoke__Reply *rp;
	int missing = 0;

	for (int i = 0; i < f->acked; i++) {
		wo_name(wo, sizeof wo, i);
		rp = harness_units(c, wo);
		if (rp == NULL || rp->status != OK || rp->units->n_units != FILL_QTY)
			missing++;
		client_reply_free(rp);
	}
	CHECK_INT(missing, 0);
	for (int i = 0; i < f->acked; i += f->acked > 10 ? f->acked / 10 : 1) {
		wo_name(wo, sizeof wo, i);
		snprintf(serial, sizeof serial, "%s-%04d", wo, FILL_QTY);
		rp = harness_trace(c, serial);
		CHECK(rp && rp->status == OK && rp->trace->n_events == 1);
		client_reply_free(rp);
	}
	wo_name(wo, sizeof wo, f->acked);
	rp = harness_units(c, wo);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_FOUND);
	client_reply_free(rp);
}

/* Does the log, from byte `from` on, say `what`? */
static bool
log_has(struct yoked *y, size_t from, const char *what)
{
	char *log = harness_yoked_log(y);
	bool has = strlen(log) >= from && strstr(log + from, what) != NULL;
	free(log);
	return has;
}

static size_t
log_size(struct yoked *y)
{
	char *log = harness_yoked_log(y);
	size_t n = strlen(log);
	free(log);
	return n;
}

static bool
log_clean(struct yoked *y)
{
	char *log = harness_yoked_log(y);
	bool clean = strstr(log, "Sanitizer") == NULL && strstr(log, "runtime error") == NULL;
	if (!clean)
		fprintf(stderr, "  yoked log:\n%s\n", log);
	free(log);
	return clean;
}

/* ------------------------------------------------------------------ */

static void
test_cap_refuses_writes_keeps_reads(void)
{
	static const char *const extra[] = { "--map-mib", "1", "--map-max-mib", "2", NULL };
	struct plant *p;
	struct yoked *y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &p, extra);
	REQUIRE(y != NULL);
	struct client *c = harness_client(y, "engineer@cap");

	struct fill f = fill_until_refused(c);
	fprintf(stderr, "  %d releases acknowledged before the cap\n", f.acked);
	CHECK(f.acked > 0 && f.acked < FILL_MAX);
	REQUIRE(f.last != NULL);
	CHECK_INT(f.last->status, YOKE__STATUS__STATUS_INTERNAL);
	CHECK(strstr(f.last->message, "full") != NULL);
	client_reply_free(f.last);

	/* Still serving: reads answer, writes that do not fit are refused. */
	CHECK(harness_yoked_alive(y));
	check_acked_there(c, &f);
	Yoke__Reply *rp = harness_release(c, "AFTER-CAP", "WIDGET", FILL_QTY, "2030-06-30", 0, NULL);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_INTERNAL);
	client_reply_free(rp);
	CHECK(log_has(y, 0, "map grown to 2 MiB"));
	CHECK(!log_has(y, 0, "map grown to 4 MiB"));
	CHECK(log_has(y, 0, "cap of 2 MiB"));

	/* And after a restart (same cap) everything acknowledged is there. */
	client_free(c);
	CHECK_INT(harness_yoked_stop(y), 0);
	REQUIRE(harness_yoked_restart(y));
	c = harness_client(y, "engineer@cap");
	check_acked_there(c, &f);
	client_free(c);
	CHECK_INT(harness_yoked_stop(y), 0);
	CHECK(log_clean(y));
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_lost_map_stops_cleanly(void)
{
	static const char *const extra[] = { "--map-mib", "1", NULL };
	struct plant *p;
	struct yoked *y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &p, extra);
	REQUIRE(y != NULL);
	CHECK_INT(harness_yoked_stop(y), 0);

	/* The fault is read once at start: armed for this run only. */
	size_t from = log_size(y);
	setenv("YOKE_FAULT", "grow-fail", 1);
	bool up = harness_yoked_restart(y);
	unsetenv("YOKE_FAULT");
	REQUIRE(up);
	struct client *c = harness_client(y, "engineer@lost");
	struct fill f = fill_until_refused(c);
	fprintf(stderr, "  %d releases acknowledged before the map was lost\n", f.acked);
	CHECK(f.acked > 0 && f.acked < FILL_MAX);
	/* No answer, or INTERNAL: never OK for a batch that was not committed. */
	CHECK(f.last == NULL || f.last->status == YOKE__STATUS__STATUS_INTERNAL);
	client_reply_free(f.last);
	client_free(c);

	/* The next request is what used to crash yoked: a transaction begun
	 * on the unmapped environment. Its answer does not matter. */
	struct raw *r = harness_raw_new(y);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__TraceQuery tq = YOKE__TRACE_QUERY__INIT;
	size_t len;
	harness_envelope(&rq, "reader@lost", 0, NULL);
	tq.serial = (char *)"F000-0001";
	rq.body_case = YOKE__REQUEST__BODY_TRACE;
	rq.trace = &tq;
	uint8_t *buf = harness_pack(&rq, &len);
	client_reply_free(harness_raw_call(r, buf, len, 2000));
	free(buf);
	harness_raw_free(r);

	int status = harness_yoked_wait(y, 15000);
	CHECK_INT(status, 1);
	CHECK(log_has(y, from, "map is lost"));
	CHECK(!log_has(y, from, "stopped cleanly"));
	CHECK(log_clean(y));
	if (status == -2)
		harness_yoked_kill(y);

	/* Restarted without the fault: every acknowledged write is there,
	 * nothing of the batch that failed, and the map grows again. */
	REQUIRE(harness_yoked_restart(y));
	c = harness_client(y, "engineer@lost");
	check_acked_there(c, &f);
	Yoke__Reply *rp = harness_release(c, "AFTER-RESTART", "WIDGET", FILL_QTY * 20, "2030-06-30", 0,
	    NULL);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	client_free(c);
	CHECK_INT(harness_yoked_stop(y), 0);
	CHECK(log_clean(y));
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_cap_refuses_writes_keeps_reads);
	RUN(test_lost_map_stops_cleanly);
	return check_done();
}
