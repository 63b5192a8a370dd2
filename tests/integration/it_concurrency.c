/*
 * it_concurrency.c — group commit under many clients at once. Each client
 * is a thread with its own terminal id and DEALER doing real step traffic;
 * every reply must be OK and the final state exact (each unit's steps
 * counted once), and yoked's own counters must show that requests were
 * batched (fewer batches than requests). A race for one component serial
 * has exactly one winner.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define CLIENTS 32
#define UNITS_EACH 2
#define OP10_STEP_EVENTS 8        /* instruct, board, 2 cells, IC, measure, check, inspect */

struct worker {
	pthread_t thread;
	int id;
	struct yoked *y;
	struct plant *p;
	pthread_barrier_t *barrier;
	/* results, read by the main thread after join */
	int done_ops;
	struct op_tally tally;
	char failure[300];
	Yoke__Status race_status;
};

static void
fail_once(struct worker *w, const char *what, Yoke__Reply *rp)
{
	if (w->failure[0] == '\0')
		snprintf(w->failure, sizeof w->failure, "client %d: %s: %s %s", w->id, what,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	char term[64], serial[32], prefix[64];
	const char *station = w->id % 2 ? "ASSY-2" : "ASSY-1";
	Yoke__Reply *rp;

	char badge[16];
	snprintf(term, sizeof term, "%s@client-%d", station, w->id);
	/* A person of its own: a badge is at one station at a time. */
	snprintf(badge, sizeof badge, "%d", 5000 + w->id);
	struct client *c = harness_client(w->y, term);
	rp = harness_badge_in(c, station, badge);
	if (rp == NULL || rp->status != OK)
		fail_once(w, "badge in", rp);
	client_reply_free(rp);
	pthread_barrier_wait(w->barrier);     /* everyone starts together */
	for (int k = 0; k < UNITS_EACH; k++) {
		snprintf(serial, sizeof serial, "WO1-%04d", w->id * UNITS_EACH + k + 1);
		snprintf(prefix, sizeof prefix, "c%du%d", w->id, k);
		rp = harness_do_operation(c, w->p, serial, "200", prefix, &w->tally);
		if (rp && rp->status == OK)
			w->done_ops++;
		else
			fail_once(w, serial, rp);
		client_reply_free(rp);
	}
	client_free(c);
	return NULL;
}

static void
test_many_clients_exact_state(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	struct worker ws[CLIENTS];
	pthread_barrier_t barrier;
	Yoke__Reply *rp;
	uint64_t requests, batches, commits;
	REQUIRE(y != NULL);
	REQUIRE(harness_add_operators(y, p, 5000, CLIENTS, "WIDGET/10"));
	struct client *eng = harness_client(y, "engineer@conc");
	rp = harness_release(eng, "WO1", "WIDGET", CLIENTS * UNITS_EACH, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);

	pthread_barrier_init(&barrier, NULL, CLIENTS);
	memset(ws, 0, sizeof ws);
	for (int i = 0; i < CLIENTS; i++) {
		ws[i] = (struct worker){ .id = i, .y = y, .p = p, .barrier = &barrier };
		REQUIRE(pthread_create(&ws[i].thread, NULL, work, &ws[i]) == 0);
	}
	int ops = 0;
	unsigned step_writes = 0;
	for (int i = 0; i < CLIENTS; i++) {
		pthread_join(ws[i].thread, NULL);
		if (ws[i].failure[0]) {
			check_fail(__FILE__, __LINE__, "%s", ws[i].failure);
		}
		ops += ws[i].done_ops;
		step_writes += ws[i].tally.steps;
		CHECK_INT(ws[i].tally.steps, UNITS_EACH * OP10_STEP_EVENTS);
	}
	pthread_barrier_destroy(&barrier);
	CHECK_INT(ops, CLIENTS * UNITS_EACH);
	CHECK_INT(step_writes, CLIENTS * UNITS_EACH * OP10_STEP_EVENTS);

	/* Every unit: its events exactly once, and now waiting at TEST. */
	for (int u = 1; u <= CLIENTS * UNITS_EACH; u++) {
		char serial[32];
		snprintf(serial, sizeof serial, "WO1-%04d", u);
		rp = harness_trace(eng, serial);
		CHECK(rp && rp->status == OK);
		if (rp && rp->status == OK) {
			const Yoke__TraceReply *t = rp->trace;
			CHECK_INT(t->n_events, 1 + 1 + OP10_STEP_EVENTS + 1);
			CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 4);
			CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_COMPLETED), 1);
			CHECK_INT(t->unit->operation, 20);
			CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
		}
		client_reply_free(rp);
	}
	rp = harness_queue(eng, "TEST-1");
	CHECK(rp && rp->status == OK);
	if (rp && rp->status == OK)
		CHECK_INT(rp->queue->n_entries, CLIENTS * UNITS_EACH);
	client_reply_free(rp);
	rp = harness_queue(eng, "ASSY-1");
	CHECK(rp && rp->status == OK && rp->queue->n_entries == 0);
	client_reply_free(rp);
	client_free(eng);

	CHECK_INT(harness_yoked_stop(y), 0);
	REQUIRE(harness_yoked_counters(y, &requests, &batches, &commits));
	fprintf(stderr, "  %llu requests in %llu batches, %llu commits\n",
	    (unsigned long long)requests, (unsigned long long)batches, (unsigned long long)commits);
	/* Writes alone: per unit open + 8 steps + complete, plus the badge-ins. */
	CHECK(requests >= (uint64_t)(CLIENTS * UNITS_EACH * (OP10_STEP_EVENTS + 2) + CLIENTS));
	CHECK(batches < requests);
	CHECK(commits < (uint64_t)(CLIENTS * UNITS_EACH * (OP10_STEP_EVENTS + 2)));
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* Each worker brings its own unit to the board step, then all scan the same board serial. */
static void *
race(void *arg)
{
	struct worker *w = arg;
	char term[64], serial[32];
	Yoke__Reply *rp;

	char badge[16];
	snprintf(term, sizeof term, "ASSY-1@racer-%d", w->id);
	snprintf(serial, sizeof serial, "WO2-%04d", w->id + 1);
	snprintf(badge, sizeof badge, "%d", 5000 + w->id);
	struct client *c = harness_client(w->y, term);
	rp = harness_badge_in(c, "ASSY-1", badge);
	if (rp == NULL || rp->status != OK)
		fail_once(w, "badge in", rp);
	client_reply_free(rp);
	rp = harness_open_unit(c, serial);
	if (rp == NULL || rp->status != OK)
		fail_once(w, "open", rp);
	client_reply_free(rp);
	rp = harness_step_confirm(c, serial, 0);
	if (rp == NULL || rp->status != OK)
		fail_once(w, "confirm", rp);
	client_reply_free(rp);
	pthread_barrier_wait(w->barrier);
	rp = harness_step_scan(c, serial, 1, "BOARD-1/THE-ONE");
	w->race_status = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	client_free(c);
	return NULL;
}

static void
test_serial_race_has_one_winner(void)
{
	enum { RACERS = 16 };
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	struct worker ws[RACERS];
	pthread_barrier_t barrier;
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	REQUIRE(harness_add_operators(y, p, 5000, RACERS, "WIDGET/10"));
	struct client *eng = harness_client(y, "engineer@race");
	rp = harness_release(eng, "WO2", "WIDGET", RACERS, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	pthread_barrier_init(&barrier, NULL, RACERS);
	memset(ws, 0, sizeof ws);
	for (int i = 0; i < RACERS; i++) {
		ws[i] = (struct worker){ .id = i, .y = y, .p = p, .barrier = &barrier };
		REQUIRE(pthread_create(&ws[i].thread, NULL, race, &ws[i]) == 0);
	}
	int won = 0, used = 0, winner = -1;
	for (int i = 0; i < RACERS; i++) {
		pthread_join(ws[i].thread, NULL);
		if (ws[i].failure[0])
			check_fail(__FILE__, __LINE__, "%s", ws[i].failure);
		if (ws[i].race_status == OK) {
			won++;
			winner = i;
		}
		used += ws[i].race_status == YOKE__STATUS__STATUS_SERIAL_ALREADY_USED;
	}
	pthread_barrier_destroy(&barrier);
	CHECK_INT(won, 1);
	CHECK_INT(used, RACERS - 1);
	/* Only the winner's unit has the board. */
	for (int i = 0; i < RACERS; i++) {
		char serial[32];
		snprintf(serial, sizeof serial, "WO2-%04d", i + 1);
		rp = harness_trace(eng, serial);
		CHECK(rp && rp->status == OK);
		if (rp && rp->status == OK)
			CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED),
			    i == winner ? 1 : 0);
		client_reply_free(rp);
	}
	client_free(eng);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_many_clients_exact_state);
	RUN(test_serial_race_has_one_winner);
	return check_done();
}
