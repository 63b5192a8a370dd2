/*
 * it_load_large.c — a plant-sized load against a real yoked: 20 000 parts,
 * then 20 000 other parts over them, must each be answered within
 * LOAD_BOUND_MS, and the server must go on answering right afterwards (the
 * station queue, opening a unit, a load that refers to parts of both
 * earlier loads, and one that refers to a part nobody loaded).
 *
 * While a load runs the one server loop answers nobody else, so its time
 * is how long every station waits. The merge of loaded and stored records
 * was quadratic, and the arrays grew by one record at a time: in the ASan
 * build 20 000 parts took 11.5 s over the small plant and 35 s over 20 000
 * (release: 0.05 s and 3.2 s; 80 000 over 80 000 took 53 s). Now both take
 * about 0.2 s in the ASan build; the bound is generous for a busy 2-core
 * machine and far below the quadratic times.
 *
 * Plant: tests/data/plant-small, with WO1 (2 WIDGET units at ASSY).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OK YOKE__STATUS__STATUS_OK
#define PARTS 20000
#define PER_FILE 10000
#define LOAD_BOUND_MS 5000

static struct yoked *y;
static struct plant *p;
static struct client *c;       /* badged in at ASSY-1 as 102 */
static struct client *eng;     /* one try waits a minute: a slow load is timed, not resent */

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	if (rp && st != OK)
		fprintf(stderr, "  %s\n", rp->message);
	client_reply_free(rp);
	return st;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Loads PARTS parts <prefix>-000001...; *ms is how long the answer took. */
static Yoke__Reply *
load_parts(const char *prefix, long *ms)
{
	enum { NFILES = (PARTS + PER_FILE - 1) / PER_FILE };
	char *names[NFILES], *texts[NFILES];
	struct timespec t0;
	Yoke__Reply *rp;

	for (int f = 0; f < NFILES; f++) {
		size_t cap = (size_t)PER_FILE * 64, off = 0;
		names[f] = xasprintf("%s-%d.def", prefix, f + 1);
		texts[f] = xmalloc(cap);
		texts[f][0] = '\0';
		for (int i = f * PER_FILE; i < PARTS && i < (f + 1) * PER_FILE; i++)
			off += (size_t)snprintf(texts[f] + off, cap - off,
			    "part %s-%06d \"Part %d\" rev=A tracking=lot\n", prefix, i + 1, i + 1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rp = harness_load_files(eng, (const char *const *)names, (const char *const *)texts, NFILES,
	    false);
	*ms = ms_since(&t0);
	for (int f = 0; f < NFILES; f++) {
		free(names[f]);
		free(texts[f]);
	}
	return rp;
}

static Yoke__Reply *
load_text(const char *text)
{
	const char *names[] = { "more.def" };
	const char *texts[] = { text };
	return harness_load_files(eng, names, texts, 1, false);
}

static void
test_large_load_is_quick(void)
{
	long ms;
	Yoke__Reply *rp = load_parts("OLD", &ms);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	fprintf(stderr, "  %d parts over the plant: %ld ms\n", PARTS, ms);
	CHECK(ms < LOAD_BOUND_MS);
	client_reply_free(rp);
	rp = load_parts("NEW", &ms);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	CHECK(rp->body_case == YOKE__REPLY__BODY_LOAD && rp->load->parts == PARTS);
	fprintf(stderr, "  %d parts over %d: %ld ms (bound %d ms)\n", PARTS, PARTS, ms,
	    LOAD_BOUND_MS);
	CHECK(ms < LOAD_BOUND_MS);
	client_reply_free(rp);
}

static void
test_answers_right_afterwards(void)
{
	Yoke__Reply *rp = harness_queue(c, "ASSY-1");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	CHECK_INT(rp->body_case == YOKE__REPLY__BODY_QUEUE ? rp->queue->n_entries : 0, 2);
	client_reply_free(rp);
	rp = harness_open_unit(c, "WO1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	CHECK(rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit->operation == 10);
	client_reply_free(rp);
	/* Both earlier loads are stored, and the plant is still whole. */
	CHECK_INT(status_of(load_text("bom NEW-000001\n  line OLD-000001 qty=1\n"
	    "  line NEW-020000 qty=2\n  line WIDGET qty=1\n")), OK);
	rp = load_text("bom OLD-000002\n  line NOPE-1 qty=1\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	CHECK(strstr(rp->message, "NOPE-1") != NULL);
	client_reply_free(rp);
	rp = harness_hello(c);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
}

int
main(void)
{
	struct client_options slow = { .timeout_ms = 60000, .offline_after = 1, .ping_ms = 0 };
	bool ready;
	int rc;

	y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	if (y == NULL) {
		printf("FAIL it_load_large: yoked did not start\n");
		return 1;
	}
	c = harness_client(y, "ASSY-1@large");
	eng = harness_client_opt(y, "engineer@large", "", &slow);
	ready = harness_sign_in(eng, "900") &&
	    status_of(harness_release(eng, "WO1", "WIDGET", 2, "2030-01-31", 0, NULL)) == OK &&
	    status_of(harness_badge_in(c, "ASSY-1", "102")) == OK;
	if (!ready) {
		printf("FAIL it_load_large: could not release WO1 and badge in\n");
		return 1;
	}
	RUN(test_large_load_is_quick);
	RUN(test_answers_right_afterwards);
	rc = check_done();
	client_free(c);
	client_free(eng);
	harness_yoked_free(y);
	harness_plant_free(p);
	return rc;
}
