/*
 * it_crash.c — the crash test. Several clients do real step traffic while
 * the test kills yoked with SIGKILL at random moments and starts it again
 * on the same data directory. Each client retries a request with the same
 * number until it is answered (Lazy Pirate) and records every write that
 * was acknowledged. At the end, after a final restart, every acknowledged
 * write is in the store (the trace shows it) and none is applied twice
 * (each unit's events match exactly the acknowledged steps).
 *
 * Any reply that is not OK is a failure too: a retried write that ran a
 * second time would be refused (WRONG_STEP, SERIAL_ALREADY_USED) instead
 * of getting its stored OK back.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define CLIENTS 8
#define UNITS_EACH 60          /* at most; clients work until the kills are over */
#define KILLS 8
#define CALL_DEADLINE_MS 20000    /* one request, across restarts */
#define TEST_DEADLINE_MS 45000
#define CLIENT_TIMEOUT_MS 300

struct acked {
	unsigned opens, completes, steps, scans;
};

struct worker {
	pthread_t thread;
	int id;
	const struct yoked *y;
	struct plant *p;
	atomic_int *stop;
	struct acked per_unit[UNITS_EACH];
	int units_done;
	int writes;
	int resends;
	char failure[400];
};

static void
fail_once(struct worker *w, const char *what, Yoke__Reply *rp)
{
	if (w->failure[0] == '\0')
		snprintf(w->failure, sizeof w->failure, "client %d: %s: %s %s", w->id, what,
		    rp ? status_name(rp->status) : "no answer in time", rp ? rp->message : "");
}

/* Lazy Pirate by hand: submit once (one number), let the client resend the
 * same bytes on every timeout, give up only at the deadline. */
static Yoke__Reply *
call(struct worker *w, struct client *c, Yoke__Request *rq)
{
	int64_t start = mono_ms(), end = start + CALL_DEADLINE_MS;
	if (client_submit(c, rq) == 0)
		return NULL;
	while (mono_ms() < end) {
		enum client_event ev = client_wait(c, -1, 200);
		if (ev == CLIENT_REPLY) {
			/* Longer than one try: the request was sent again. */
			if (mono_ms() - start >= CLIENT_TIMEOUT_MS)
				w->resends++;
			return client_take_reply(c);
		}
		if (ev == CLIENT_NOTICE)
			yoke__notice__free_unpacked(client_take_notice(c), NULL);
	}
	return NULL;
}

static Yoke__Reply *
step(struct worker *w, struct client *c, const Yoke__UnitView *v, const char *id)
{
	const Yoke__StepView *s = v->steps[v->current_step];
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord sr = YOKE__STEP_RECORD__INIT;
	Yoke__InspectionResult in = YOKE__INSPECTION_RESULT__INIT;
	Yoke__Signature sig = YOKE__SIGNATURE__INIT;
	char scan[128];
	const Yoke__Part *part;

	sr.serial = v->serial;
	sr.step = s->index;
	switch (s->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		sr.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
		sr.confirm = true;
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		part = harness_plant_part(w->p, s->part);
		if (part && part->tracking == YOKE__TRACKING__TRACKING_NONE)
			snprintf(scan, sizeof scan, "%s", s->part);
		else
			snprintf(scan, sizeof scan, "%s/%s", s->part, id);
		sr.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
		sr.scan = scan;
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		sr.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
		sr.value = s->has_target ? s->target : (s->lsl + s->usl) / 2;
		break;
	case YOKE__STEP_KIND__STEP_CHECK:
		sr.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
		sr.pass = true;
		break;
	default:
		in.pass = true;
		if (s->needs_inspector) {
			sig.badge = (char *)"200";
			sig.pin = (char *)HARNESS_PIN;
			in.signature = &sig;
		}
		sr.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
		sr.inspection = &in;
	}
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &sr;
	return call(w, c, &rq);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	const char *station = w->id % 2 ? "ASSY-2" : "ASSY-1";
	char term[64];
	struct client_options opt = { .timeout_ms = CLIENT_TIMEOUT_MS, .offline_after = 2, .ping_ms = 0 };
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Reply *rp;

	snprintf(term, sizeof term, "%s@crash-%d", station, w->id);
	struct client *c = harness_client_opt(w->y, term, "*", &opt);
	{
		Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
		char badge[16];
		snprintf(badge, sizeof badge, "%d", 5000 + w->id);   /* a badge is at one station at a time */
		b.station = (char *)station;
		b.badge = badge;
		rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
		rq.badge_in = &b;
		rp = call(w, c, &rq);
		w->writes++;
		if (rp == NULL || rp->status != OK) {
			fail_once(w, "badge in", rp);
			client_reply_free(rp);
			client_free(c);
			return NULL;
		}
		client_set_session(c, rp->badge_in->session);
		client_reply_free(rp);
	}
	for (int k = 0; k < UNITS_EACH && !atomic_load(w->stop); k++) {
		char serial[32], id[64];
		struct acked *a = &w->per_unit[k];
		Yoke__OpenUnit o = YOKE__OPEN_UNIT__INIT;
		Yoke__CompleteOperation cp = YOKE__COMPLETE_OPERATION__INIT;
		int n = 0;

		snprintf(serial, sizeof serial, "WO1-%04d", w->id * UNITS_EACH + k + 1);
		o.serial = serial;
		rq.body_case = YOKE__REQUEST__BODY_OPEN_UNIT;
		rq.open_unit = &o;
		rp = call(w, c, &rq);
		w->writes++;
		if (rp == NULL || rp->status != OK) {
			fail_once(w, serial, rp);
			client_reply_free(rp);
			break;
		}
		a->opens++;
		while (rp && rp->unit->current_step < rp->unit->n_steps) {
			Yoke__StepKind kind = rp->unit->steps[rp->unit->current_step]->kind;
			Yoke__Reply *next;
			snprintf(id, sizeof id, "K%d-%d-%d", w->id, k, n++);
			next = step(w, c, rp->unit, id);
			w->writes++;
			client_reply_free(rp);
			rp = next;
			if (rp == NULL || rp->status != OK || rp->body_case != YOKE__REPLY__BODY_UNIT) {
				fail_once(w, serial, rp);
				client_reply_free(rp);
				rp = NULL;
				break;
			}
			a->steps++;
			a->scans += kind == YOKE__STEP_KIND__STEP_SCAN;
		}
		if (rp == NULL)
			break;
		client_reply_free(rp);
		cp.serial = serial;
		rq.body_case = YOKE__REQUEST__BODY_COMPLETE;
		rq.complete = &cp;
		rp = call(w, c, &rq);
		w->writes++;
		if (rp == NULL || rp->status != OK) {
			fail_once(w, serial, rp);
			client_reply_free(rp);
			break;
		}
		a->completes++;
		w->units_done++;
		client_reply_free(rp);
	}
	client_free(c);
	return NULL;
}

static void
test_crash_loses_nothing_and_doubles_nothing(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	struct worker ws[CLIENTS];
	atomic_int stop = 0;
	unsigned seed = (unsigned)now_us();
	int64_t t0 = mono_ms();
	int kills = 0;
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	REQUIRE(harness_add_operators(y, p, 5000, CLIENTS, "WIDGET/*"));
	struct client *eng = harness_client(y, "engineer@crash");
	rp = harness_release(eng, "WO1", "WIDGET", CLIENTS * UNITS_EACH, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	client_free(eng);

	memset(ws, 0, sizeof ws);
	for (int i = 0; i < CLIENTS; i++) {
		ws[i] = (struct worker){ .id = i, .y = y, .p = p, .stop = &stop };
		REQUIRE(pthread_create(&ws[i].thread, NULL, work, &ws[i]) == 0);
	}
	/* Kill and restart while they work. */
	while (kills < KILLS) {
		harness_sleep_ms(100 + (int)(rand_r(&seed) % 500));
		harness_yoked_kill(y);
		kills++;
		if (!harness_yoked_restart(y)) {
			check_fail(__FILE__, __LINE__, "yoked did not come back after kill %d", kills);
			break;
		}
		if (mono_ms() - t0 > TEST_DEADLINE_MS / 2)
			break;
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < CLIENTS; i++)
		pthread_join(ws[i].thread, NULL);
	fprintf(stderr, "  %d kills in %lld ms\n", kills, (long long)(mono_ms() - t0));
	CHECK(kills >= 5);

	/* A final crash and restart, then read everything back. */
	harness_yoked_kill(y);
	REQUIRE(harness_yoked_restart(y));
	eng = harness_client(y, "engineer@crash-check");
	int units_done = 0, writes = 0, resent = 0;
	for (int i = 0; i < CLIENTS; i++) {
		if (ws[i].failure[0])
			check_fail(__FILE__, __LINE__, "%s", ws[i].failure);
		units_done += ws[i].units_done;
		writes += ws[i].writes;
		resent += ws[i].resends;
		for (int k = 0; k < UNITS_EACH; k++) {
			const struct acked *a = &ws[i].per_unit[k];
			char serial[32];
			snprintf(serial, sizeof serial, "WO1-%04d", i * UNITS_EACH + k + 1);
			rp = harness_trace(eng, serial);
			CHECK(rp && rp->status == OK);
			if (rp == NULL || rp->status != OK) {
				client_reply_free(rp);
				continue;
			}
			const Yoke__TraceReply *t = rp->trace;
			size_t started = harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_STARTED);
			size_t completed = harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_COMPLETED);
			size_t scans = harness_count_events(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED);
			size_t steps = t->n_events - 1 - started - completed;
			CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_RELEASED), 1);
			CHECK_INT(started, a->opens ? 1 : 0);
			CHECK_INT(completed, a->completes);
			CHECK_INT(steps, a->steps);
			CHECK_INT(scans, a->scans);
			CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_FAILED), 0);
			if (a->completes) {
				CHECK_INT(t->unit->operation, 20);
				CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
			}
			client_reply_free(rp);
		}
	}
	fprintf(stderr, "  %d acknowledged writes, %d units through op 10, %d answered after a resend\n",
	    writes, units_done, resent);
	/* The kills were felt: requests in flight had to be sent again. */
	CHECK(resent >= kills);
	/* Enough traffic to mean something, and each client finished the units it began. */
	CHECK(units_done >= CLIENTS * 2);
	for (int i = 0; i < CLIENTS; i++)
		for (int k = 0; k < UNITS_EACH; k++)
			CHECK_INT(ws[i].per_unit[k].opens, ws[i].per_unit[k].completes);
	/* The queue at TEST holds exactly the completed units. */
	rp = harness_queue(eng, "TEST-1");
	CHECK(rp && rp->status == OK);
	if (rp && rp->status == OK)
		CHECK_INT(rp->queue->n_entries, units_done);
	client_reply_free(rp);
	client_free(eng);
	CHECK(mono_ms() - t0 < TEST_DEADLINE_MS);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_crash_loses_nothing_and_doubles_nothing);
	return check_done();
}
