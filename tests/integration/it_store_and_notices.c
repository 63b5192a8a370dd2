/*
 * it_store_and_notices.c — what the other integration tests leave out, each
 * against a real yoked over real ZeroMQ with a real LMDB directory:
 *
 *   - a full LMDB map mid-batch is grown and the batch rerun: no lost or
 *     doubled write, no INTERNAL reply;
 *   - notices follow the Clone pattern: per-topic sequence +1 per change,
 *     the server's epoch, only the topics subscribed, the lead told of a
 *     failure, nothing for a refusal, a new epoch and sequence after a
 *     restart;
 *   - NOT_QUALIFIED when opening a unit of an operation the operator may
 *     not do, at a station they may badge in at;
 *   - STEPS_INCOMPLETE names the step and records nothing;
 *   - sessions end at badge-out and two sessions of one person are apart;
 *   - work-order release refusals, and a work order keeps its routing
 *     revision when a newer one is released.
 *
 * Plant: tests/data/plant-small, with gizmo/ (a second product at ASSY,
 * no inspection) and widget-rev-b/ (WIDGET rev B) loaded on top where a
 * test needs them.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define GIZMO_PLANT HARNESS_SMALL_PLANT "/gizmo"
#define REV_B_PLANT HARNESS_SMALL_PLANT "/widget-rev-b"
#define OP10_STEP_EVENTS 8        /* WIDGET rev A op 10: instruct, board, 2 cells, IC, measure, check, inspect */

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

static void
say(const char *what, const Yoke__Reply *rp)
{
	fprintf(stderr, "  %s: %s %s\n", what, rp ? status_name(rp->status) : "no answer",
	    rp ? rp->message : "");
}

/* Loads the definition files of dir over what the server has. */
static bool
load_dir(struct client *c, const char *dir)
{
	struct plant *p = harness_plant_read(dir);
	Yoke__Reply *rp;
	bool ok;
	if (p == NULL)
		return false;
	rp = harness_plant_load(c, p);
	ok = rp && rp->status == OK;
	if (!ok)
		say(dir, rp);
	client_reply_free(rp);
	harness_plant_free(p);
	return ok;
}

/* The unit's trace, or NULL (the reply is in *keep either way). */
static Yoke__TraceReply *
trace_of(struct client *c, const char *serial, Yoke__Reply **keep)
{
	*keep = harness_trace(c, serial);
	if (*keep == NULL || (*keep)->status != OK || (*keep)->body_case != YOKE__REPLY__BODY_TRACE)
		return NULL;
	return (*keep)->trace;
}

static long
events_of(struct client *c, const char *serial)
{
	Yoke__Reply *rp;
	Yoke__TraceReply *t = trace_of(c, serial, &rp);
	long n = t ? (long)t->n_events : -1;
	client_reply_free(rp);
	return n;
}

static size_t
count_in(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* ------------------------------------------------------------------ */
/* 1. A full map is grown mid-batch; nothing is lost or doubled.       */

#define MAP_WORKERS 8
#define MAP_ROUNDS 3
#define MAP_UNITS 1000            /* units per work order */

struct map_worker {
	pthread_t thread;
	int id;
	struct yoked *y;
	struct plant *p;
	pthread_barrier_t *barrier;
	bool released[MAP_ROUNDS];    /* release acknowledged OK */
	bool worked[MAP_ROUNDS];      /* op 10 of the first unit done, every step OK */
	struct op_tally tally[MAP_ROUNDS];
	int internal;                 /* INTERNAL replies seen */
	int silent;                   /* calls that got no answer */
	char failure[300];
};

static void
map_note(struct map_worker *w, const char *what, const Yoke__Reply *rp)
{
	if (rp && rp->status == YOKE__STATUS__STATUS_INTERNAL)
		w->internal++;
	if (rp == NULL)
		w->silent++;
	if (w->failure[0] == '\0')
		snprintf(w->failure, sizeof w->failure, "worker %d: %s: %s %s", w->id, what,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
}

static void *
map_work(void *arg)
{
	struct map_worker *w = arg;
	const char *station = w->id % 2 ? "ASSY-2" : "ASSY-1";
	char term[64], wo[32], serial[48], prefix[48];
	Yoke__Reply *rp;

	char badge[16], desk[64];
	snprintf(term, sizeof term, "%s@map-%d", station, w->id);
	snprintf(desk, sizeof desk, "engineer@map-%d", w->id);
	snprintf(badge, sizeof badge, "%d", 5000 + w->id);   /* a badge is at one station at a time */
	struct client *c = harness_client(w->y, term);
	struct client *eng = harness_client(w->y, desk);
	rp = harness_badge_in(c, station, badge);
	if (rp == NULL || rp->status != OK)
		map_note(w, "badge in", rp);
	client_reply_free(rp);
	pthread_barrier_wait(w->barrier);
	for (int k = 0; k < MAP_ROUNDS; k++) {
		snprintf(wo, sizeof wo, "M%d-%d", w->id, k);
		rp = harness_release(eng, wo, "WIDGET", MAP_UNITS, "2030-06-30", 0, NULL);
		w->released[k] = rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_RELEASE &&
		    rp->release->n_serials == MAP_UNITS;
		if (!w->released[k]) {
			map_note(w, wo, rp);
			client_reply_free(rp);
			continue;
		}
		client_reply_free(rp);
		/* Step traffic between the releases of the others. */
		snprintf(serial, sizeof serial, "%s-0001", wo);
		snprintf(prefix, sizeof prefix, "m%dr%d", w->id, k);
		rp = harness_do_operation(c, w->p, serial, "200", prefix, &w->tally[k]);
		w->worked[k] = rp && rp->status == OK;
		if (!w->worked[k])
			map_note(w, serial, rp);
		client_reply_free(rp);
	}
	client_free(c);
	client_free(eng);
	return NULL;
}

static void
test_map_full_grows_and_loses_nothing(void)
{
	static const char *const extra[] = { "--map-mib", "1", NULL };
	struct plant *p;
	struct yoked *y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &p, extra);
	struct map_worker ws[MAP_WORKERS];
	pthread_barrier_t barrier;
	uint64_t requests, batches, commits;
	int internal = 0, silent = 0;
	REQUIRE(y != NULL);
	REQUIRE(harness_add_operators(y, p, 5000, MAP_WORKERS, "WIDGET/*"));

	pthread_barrier_init(&barrier, NULL, MAP_WORKERS);
	memset(ws, 0, sizeof ws);
	for (int i = 0; i < MAP_WORKERS; i++) {
		ws[i].id = i;
		ws[i].y = y;
		ws[i].p = p;
		ws[i].barrier = &barrier;
		REQUIRE(pthread_create(&ws[i].thread, NULL, map_work, &ws[i]) == 0);
	}
	for (int i = 0; i < MAP_WORKERS; i++) {
		pthread_join(ws[i].thread, NULL);
		if (ws[i].failure[0])
			check_fail(__FILE__, __LINE__, "%s", ws[i].failure);
		internal += ws[i].internal;
		silent += ws[i].silent;
	}
	pthread_barrier_destroy(&barrier);
	CHECK_INT(internal, 0);
	CHECK_INT(silent, 0);

	/* Every acknowledged write is there exactly once. */
	struct client *eng = harness_client(y, "engineer@map");
	for (int i = 0; i < MAP_WORKERS; i++)
		for (int k = 0; k < MAP_ROUNDS; k++) {
			char wo[32], serial[48];
			Yoke__Reply *rp;
			snprintf(wo, sizeof wo, "M%d-%d", i, k);
			CHECK(ws[i].released[k]);
			rp = harness_units(eng, wo);
			CHECK(rp && rp->status == (ws[i].released[k] ? OK : YOKE__STATUS__STATUS_NOT_FOUND));
			if (rp && rp->status == OK) {
				CHECK_INT(rp->units->n_units, MAP_UNITS);
				/* Unit 1 was worked at op 10 and waits at TEST; the rest at ASSY. */
				size_t at_assy = 0;
				for (size_t u = 0; u < rp->units->n_units; u++)
					at_assy += strcmp(rp->units->units[u]->station_kind, "ASSY") == 0 &&
					    rp->units->units[u]->status == YOKE__UNIT_STATUS__UNIT_QUEUED;
				CHECK_INT(at_assy, MAP_UNITS - (ws[i].worked[k] ? 1 : 0));
			}
			client_reply_free(rp);
			snprintf(serial, sizeof serial, "%s-0001", wo);
			if (ws[i].worked[k]) {
				Yoke__TraceReply *t = trace_of(eng, serial, &rp);
				CHECK(t != NULL);
				CHECK_INT(ws[i].tally[k].steps, OP10_STEP_EVENTS);
				if (t) {
					/* released, op started, the steps, op completed */
					CHECK_INT(t->n_events, 1 + 1 + OP10_STEP_EVENTS + 1);
					CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_RELEASED), 1);
					CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 4);
					CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_COMPLETED), 1);
					CHECK_INT(t->unit->operation, 20);
				}
				client_reply_free(rp);
			}
			/* The last unit of each order: its one RELEASED event, once. */
			snprintf(serial, sizeof serial, "%s-%04d", wo, MAP_UNITS);
			if (ws[i].released[k])
				CHECK_INT(events_of(eng, serial), 1);
		}
	client_free(eng);

	CHECK_INT(harness_yoked_stop(y), 0);
	char *log = harness_yoked_log(y);
	size_t grown = count_in(log, "map grown");
	fprintf(stderr, "  map grown %zu times\n", grown);
	CHECK(grown >= 3);
	CHECK(strstr(log, "not committed") == NULL);
	free(log);
	REQUIRE(harness_yoked_counters(y, &requests, &batches, &commits));
	fprintf(stderr, "  %llu requests in %llu batches, %llu commits\n",
	    (unsigned long long)requests, (unsigned long long)batches, (unsigned long long)commits);
	CHECK(batches < requests);

	/* The grown store opens again (from its own size) with everything in it. */
	REQUIRE(harness_yoked_restart(y));
	eng = harness_client(y, "engineer@map2");
	Yoke__Reply *rp = harness_units(eng, "M7-2");
	CHECK(rp && rp->status == OK && rp->units->n_units == MAP_UNITS);
	client_reply_free(rp);
	CHECK_INT(events_of(eng, "M0-0-0001"), 1 + 1 + OP10_STEP_EVENTS + 1);
	client_free(eng);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ------------------------------------------------------------------ */
/* 2. Notices (the Clone pattern).                                     */

#define NOTICE_MS 2000            /* a notice that comes at all comes well within this */
#define QUIET_MS 300              /* how long "nothing came" is watched */

/* Checks the next notice on c: topic, seq, epoch, serial, status. */
static bool
expect_notice(struct client *c, const char *topic, uint64_t seq, uint64_t epoch, const char *serial,
    Yoke__UnitStatus status, int line)
{
	Yoke__Notice *n = harness_notice_wait(c, NOTICE_MS);
	bool ok;
	if (n == NULL) {
		check_fail(__FILE__, line, "no notice on %s (expected seq %llu)", topic,
		    (unsigned long long)seq);
		return false;
	}
	ok = strcmp(n->topic, topic) == 0 && n->seq == seq && n->epoch == epoch &&
	    strcmp(n->serial, serial) == 0 && n->status == status;
	if (!ok)
		check_fail(__FILE__, line, "notice %s seq %llu epoch %llu serial \"%s\" status %d; "
		    "expected %s seq %llu epoch %llu serial \"%s\" status %d", n->topic,
		    (unsigned long long)n->seq, (unsigned long long)n->epoch, n->serial, (int)n->status,
		    topic, (unsigned long long)seq, (unsigned long long)epoch, serial, (int)status);
	yoke__notice__free_unpacked(n, NULL);
	return ok;
}
#define EXPECT_NOTICE(c, topic, seq, epoch, serial, status) \
	expect_notice(c, topic, seq, epoch, serial, status, __LINE__)

static void
expect_quiet(struct client *c, const char *who, int line)
{
	Yoke__Notice *n = harness_notice_wait(c, QUIET_MS);
	if (n) {
		check_fail(__FILE__, line, "%s got an unexpected notice %s seq %llu serial \"%s\"", who,
		    n->topic, (unsigned long long)n->seq, n->serial);
		yoke__notice__free_unpacked(n, NULL);
	}
}
#define EXPECT_QUIET(c) expect_quiet(c, #c, __LINE__)

static void
drain(struct client *c)
{
	Yoke__Notice *n;
	while ((n = harness_notice_wait(c, QUIET_MS)) != NULL)
		yoke__notice__free_unpacked(n, NULL);
}

/*
 * PUB/SUB drops what is published before a subscriber has joined, so a
 * test cannot know when counting may start without seeing a notice. This
 * releases one-unit work orders ("<prefix><n>", first op at ASSY) until each
 * listener has had a notice, then drains what is still on its way. Returns
 * how many were released (each published one station/ASSY notice), or -1.
 */
static int
join(struct client *eng, struct client *const *listeners, int n, const char *prefix)
{
	bool heard[4] = { false };
	int released = 0;
	for (int tries = 0; tries < 60; tries++) {
		char wo[32];
		bool all = true;
		snprintf(wo, sizeof wo, "%s%d", prefix, tries);
		if (status_of(harness_release(eng, wo, "WIDGET", 1, "2030-01-31", 9, NULL)) != OK)
			return -1;
		released++;
		for (int i = 0; i < n; i++) {
			Yoke__Notice *got = harness_notice_wait(listeners[i], heard[i] ? 0 : 100);
			if (got) {
				heard[i] = true;
				yoke__notice__free_unpacked(got, NULL);
			}
			all = all && heard[i];
		}
		if (all) {
			for (int i = 0; i < n; i++)
				drain(listeners[i]);
			return released;
		}
	}
	return -1;
}

/* The station/<kind> sequence and epoch of a queue snapshot. */
static bool
snapshot(struct client *c, const char *station, uint64_t *seq, uint64_t *epoch)
{
	Yoke__Reply *rp = harness_queue(c, station);
	bool ok = rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_QUEUE;
	if (ok) {
		*seq = rp->queue->topic_seq;
		*epoch = rp->queue->epoch;
	} else {
		say("queue", rp);
	}
	client_reply_free(rp);
	return ok;
}

static void
test_notices_follow_the_clone_pattern(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	uint64_t epoch, seq0, snap_epoch, tseq;
	REQUIRE(y != NULL);
	struct client *eng = harness_client(y, "engineer@notices");
	struct client *op = harness_client(y, "ASSY-1@notices");
	struct client *tester = harness_client(y, "TEST-1@notices");
	/* assy hears station/ASSY and the lead's topic; all hears every station. */
	struct client *assy = harness_client(y, "listen-assy@notices");
	struct client *all = harness_client(y, "listen-all@notices");

	rp = harness_hello(assy);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_HELLO);
	epoch = rp->hello->epoch;
	CHECK(epoch != 0);
	CHECK(rp->hello->pub_port == (uint32_t)y->port + 1);
	client_reply_free(rp);
	CHECK_INT(client_epoch(assy), epoch);
	CHECK_INT(status_of(harness_hello(all)), OK);
	client_subscribe(assy, "station/ASSY");
	client_subscribe(assy, "role/lead");
	client_subscribe(all, "station/");
	struct client *const listeners[] = { assy, all };
	REQUIRE(join(eng, listeners, 2, "J") > 0);

	/* Subscribed first, then the snapshot. */
	REQUIRE(snapshot(assy, "ASSY-1", &seq0, &snap_epoch));
	CHECK_INT(snap_epoch, epoch);
	CHECK(seq0 >= 1);
	REQUIRE(snapshot(all, "TEST-1", &tseq, &snap_epoch));
	CHECK_INT(tseq, 0);                 /* nothing has happened at TEST yet */

	/* Badging in changes no queue: no notice. */
	CHECK_INT(status_of(harness_badge_in(op, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_badge_in(tester, "TEST-1", "101")), OK);
	EXPECT_QUIET(assy);

	/* A release: the first operation's kind hears of it. */
	CHECK_INT(status_of(harness_release(eng, "N1", "WIDGET", 2, "2030-01-31", 0, NULL)), OK);
	EXPECT_NOTICE(assy, "station/ASSY", seq0 + 1, epoch, "", YOKE__UNIT_STATUS__UNIT_QUEUED);
	EXPECT_NOTICE(all, "station/ASSY", seq0 + 1, epoch, "", YOKE__UNIT_STATUS__UNIT_QUEUED);

	/* Opening a unit. */
	rp = harness_open_unit(op, "N1-0001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	EXPECT_NOTICE(assy, "station/ASSY", seq0 + 2, epoch, "N1-0001", YOKE__UNIT_STATUS__UNIT_IN_WORK);
	EXPECT_NOTICE(all, "station/ASSY", seq0 + 2, epoch, "N1-0001", YOKE__UNIT_STATUS__UNIT_IN_WORK);
	/* Steps done right change nothing a queue shows. */
	for (int n = 0; rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->current_step < rp->unit->n_steps; n++) {
		char id[32];
		snprintf(id, sizeof id, "N1A%d", n);
		Yoke__Reply *next = harness_step_right(op, p, rp->unit, "200", id);
		client_reply_free(rp);
		rp = next;
	}
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	/* Opening it again where it is open already changes nothing either. */
	CHECK_INT(status_of(harness_open_unit(op, "N1-0001")), OK);
	EXPECT_QUIET(assy);

	/* Refusals publish nothing. */
	CHECK_INT(status_of(harness_open_unit(op, "N9-0001")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_release(eng, "N1", "WIDGET", 1, "2030-01-31", 0, NULL)),
	    YOKE__STATUS__STATUS_CONFLICT);
	CHECK_INT(status_of(harness_open_unit(tester, "N1-0002")), YOKE__STATUS__STATUS_WRONG_STATION);
	CHECK_INT(status_of(harness_step_confirm(op, "N1-0002", 0)), YOKE__STATUS__STATUS_WRONG_STEP);
	EXPECT_QUIET(assy);
	EXPECT_QUIET(all);

	/* Completing op 10: ASSY hears the unit left, TEST that it arrived. */
	rp = harness_complete(op, "N1-0001");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	EXPECT_NOTICE(assy, "station/ASSY", seq0 + 3, epoch, "N1-0001", YOKE__UNIT_STATUS__UNIT_QUEUED);
	EXPECT_NOTICE(all, "station/ASSY", seq0 + 3, epoch, "N1-0001", YOKE__UNIT_STATUS__UNIT_QUEUED);
	EXPECT_NOTICE(all, "station/TEST", tseq + 1, epoch, "N1-0001", YOKE__UNIT_STATUS__UNIT_QUEUED);
	/* Work at TEST only: the other kind's listener hears nothing. */
	CHECK_INT(status_of(harness_open_unit(tester, "N1-0001")), OK);
	EXPECT_NOTICE(all, "station/TEST", tseq + 2, epoch, "N1-0001", YOKE__UNIT_STATUS__UNIT_IN_WORK);
	EXPECT_QUIET(assy);

	/* A unit fails: its station kind and the lead hear of it. */
	rp = harness_open_unit(op, "N1-0002");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	EXPECT_NOTICE(assy, "station/ASSY", seq0 + 4, epoch, "N1-0002", YOKE__UNIT_STATUS__UNIT_IN_WORK);
	EXPECT_NOTICE(all, "station/ASSY", seq0 + 4, epoch, "N1-0002", YOKE__UNIT_STATUS__UNIT_IN_WORK);
	for (int n = 0; rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->current_step < rp->unit->n_steps &&
	    rp->unit->steps[rp->unit->current_step]->kind != YOKE__STEP_KIND__STEP_MEASURE; n++) {
		char id[32];
		snprintf(id, sizeof id, "N1B%d", n);
		Yoke__Reply *next = harness_step_right(op, p, rp->unit, "200", id);
		client_reply_free(rp);
		rp = next;
	}
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	uint32_t measure = rp->unit->current_step;
	client_reply_free(rp);
	/* A first reading out of the limits changes nothing anyone sees: the
	 * unit stays in work (measured again). The second fails it. */
	CHECK_INT(status_of(harness_step_value(op, "N1-0002", measure, 9.5)),
	    YOKE__STATUS__STATUS_MEASURE_AGAIN);
	EXPECT_QUIET(assy);
	CHECK_INT(status_of(harness_step_value(op, "N1-0002", measure, 9.0)),
	    YOKE__STATUS__STATUS_OUT_OF_SPEC);
	EXPECT_NOTICE(assy, "station/ASSY", seq0 + 5, epoch, "N1-0002", YOKE__UNIT_STATUS__UNIT_FAILED);
	EXPECT_NOTICE(assy, "role/lead", 1, epoch, "N1-0002", YOKE__UNIT_STATUS__UNIT_FAILED);
	/* "station/" is no prefix of "role/lead": that listener hears only the station. */
	EXPECT_NOTICE(all, "station/ASSY", seq0 + 5, epoch, "N1-0002", YOKE__UNIT_STATUS__UNIT_FAILED);
	EXPECT_QUIET(all);
	/* The held unit refuses work, and that too is silent. */
	CHECK_INT(status_of(harness_step_value(op, "N1-0002", measure, 5.0)),
	    YOKE__STATUS__STATUS_UNIT_HELD);
	EXPECT_QUIET(assy);
	/* The snapshot agrees with what was heard. */
	uint64_t now_seq;
	REQUIRE(snapshot(assy, "ASSY-2", &now_seq, &snap_epoch));
	CHECK_INT(now_seq, seq0 + 5);
	CHECK_INT(snap_epoch, epoch);

	/* A restart: a new epoch, every sequence from 1 again. */
	CHECK_INT(harness_yoked_stop(y), 0);
	REQUIRE(harness_yoked_restart(y));
	rp = harness_hello(assy);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_HELLO);
	uint64_t epoch2 = rp->hello->epoch;
	client_reply_free(rp);
	CHECK(epoch2 != epoch);
	CHECK_INT(client_epoch(assy), epoch2);
	REQUIRE(snapshot(assy, "ASSY-1", &now_seq, &snap_epoch));
	CHECK_INT(now_seq, 0);
	CHECK_INT(snap_epoch, epoch2);
	/* The SUB sockets reconnect by themselves; wait until they hear again. */
	int since = join(eng, listeners, 2, "R");
	REQUIRE(since > 0);
	REQUIRE(snapshot(assy, "ASSY-1", &now_seq, &snap_epoch));
	CHECK_INT(now_seq, since);          /* one notice per release since the start */
	CHECK_INT(status_of(harness_release(eng, "N2", "WIDGET", 1, "2030-01-31", 0, NULL)), OK);
	EXPECT_NOTICE(assy, "station/ASSY", (uint64_t)since + 1, epoch2, "", YOKE__UNIT_STATUS__UNIT_QUEUED);
	/* The session survived too; a new failure is the lead's first notice of this epoch. */
	rp = harness_open_unit(op, "N2-0001");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	EXPECT_NOTICE(assy, "station/ASSY", (uint64_t)since + 2, epoch2, "N2-0001",
	    YOKE__UNIT_STATUS__UNIT_IN_WORK);
	rp = harness_step_pass(op, "N2-0001", 0, true);     /* an instruction wants a confirm */
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_WRONG_STEP);
	client_reply_free(rp);
	EXPECT_QUIET(assy);

	client_free(assy);
	client_free(all);
	client_free(op);
	client_free(tester);
	client_free(eng);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ------------------------------------------------------------------ */
/* 3, 4. The second product: qualification per operation; steps left.  */

struct gizmo_fixture {
	struct yoked *y;
	struct plant *p;
	struct client *eng;
};

static bool
gizmo_setup(struct gizmo_fixture *f)
{
	memset(f, 0, sizeof *f);
	f->y = harness_start_loaded(HARNESS_SMALL_PLANT, &f->p);
	if (f->y == NULL)
		return false;
	f->eng = harness_client(f->y, "engineer@gizmo");
	return load_dir(f->eng, GIZMO_PLANT) &&
	    status_of(harness_release(f->eng, "G1", "GIZMO", 2, "2030-01-31", 0, NULL)) == OK &&
	    status_of(harness_release(f->eng, "W1", "WIDGET", 1, "2030-01-31", 0, NULL)) == OK;
}

static void
gizmo_teardown(struct gizmo_fixture *f)
{
	client_free(f->eng);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static void
test_not_qualified_at_open_unit(void)
{
	struct gizmo_fixture f;
	Yoke__Reply *rp;
	REQUIRE(gizmo_setup(&f));
	/* Ann is qualified for WIDGET op 10 (ASSY): she may badge in at ASSY... */
	struct client *ann = harness_client(f.y, "ASSY-1@ann");
	CHECK_INT(status_of(harness_badge_in(ann, "ASSY-1", "100")), OK);
	/* ...but not open a GIZMO unit, whose op 10 is also done at ASSY. */
	rp = harness_open_unit(ann, "G1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_QUALIFIED);
	CHECK(strstr(rp->message, "Ann Assembler") != NULL);
	CHECK(strstr(rp->message, "GIZMO") != NULL);
	CHECK(strstr(rp->message, "op 10") != NULL);
	CHECK_INT(rp->body_case, YOKE__REPLY__BODY__NOT_SET);
	client_reply_free(rp);
	/* Nothing was recorded and the unit did not move. */
	Yoke__TraceReply *t = trace_of(f.eng, "G1-0001", &rp);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->n_events, 1);
		CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
	}
	client_reply_free(rp);
	/* Her own product is fine. */
	CHECK_INT(status_of(harness_open_unit(ann, "W1-0001")), OK);
	/* Di, qualified for GIZMO op 10, opens it; she may not badge in at TEST. */
	struct client *di = harness_client(f.y, "ASSY-2@di");
	CHECK_INT(status_of(harness_badge_in(di, "TEST-1", "103")), YOKE__STATUS__STATUS_NOT_QUALIFIED);
	CHECK_INT(status_of(harness_badge_in(di, "ASSY-2", "103")), OK);
	CHECK_INT(status_of(harness_open_unit(di, "G1-0001")), OK);
	/* ...and not the WIDGET unit's operation either (it is open at ASSY-1, so
	 * use the other one: release a fresh unit). */
	CHECK_INT(status_of(harness_release(f.eng, "W2", "WIDGET", 1, "2030-01-31", 0, NULL)), OK);
	CHECK_INT(status_of(harness_open_unit(di, "W2-0001")), YOKE__STATUS__STATUS_NOT_QUALIFIED);
	CHECK_INT(events_of(f.eng, "W2-0001"), 1);
	client_free(ann);
	client_free(di);
	gizmo_teardown(&f);
}

/* Completes and checks the refusal names "Step N of 3" and the step. */
static void
complete_refused(struct client *c, struct client *eng, const char *serial, const char *step_words,
    const char *what, int line)
{
	long before = events_of(eng, serial);
	Yoke__Reply *rp = harness_complete(c, serial);
	if (rp == NULL) {
		check_fail(__FILE__, line, "complete %s: no answer", serial);
		return;
	}
	if (rp->status != YOKE__STATUS__STATUS_STEPS_INCOMPLETE)
		check_fail(__FILE__, line, "complete %s: %s %s, expected STEPS_INCOMPLETE", serial,
		    status_name(rp->status), rp->message);
	if (strstr(rp->message, step_words) == NULL || strstr(rp->message, what) == NULL ||
	    strstr(rp->message, "is not done") == NULL)
		check_fail(__FILE__, line, "message \"%s\" does not name \"%s\" (%s)", rp->message,
		    step_words, what);
	if (rp->body_case != YOKE__REPLY__BODY__NOT_SET)
		check_fail(__FILE__, line, "a refusal carries no body");
	client_reply_free(rp);
	long after = events_of(eng, serial);
	if (before < 0 || after != before)
		check_fail(__FILE__, line, "events of %s: %ld before, %ld after", serial, before, after);
}
#define COMPLETE_REFUSED(c, eng, serial, step_words, what) \
	complete_refused(c, eng, serial, step_words, what, __LINE__)

static void
test_steps_incomplete(void)
{
	struct gizmo_fixture f;
	Yoke__Reply *rp;
	REQUIRE(gizmo_setup(&f));
	struct client *di = harness_client(f.y, "ASSY-1@di");
	CHECK_INT(status_of(harness_badge_in(di, "ASSY-1", "103")), OK);
	/* GIZMO op 10: instruct, measure gap, check; no inspection. */
	rp = harness_open_unit(di, "G1-0001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->n_steps, 3);
	client_reply_free(rp);
	COMPLETE_REFUSED(di, f.eng, "G1-0001", "Step 1 of 3", "Clip the gizmo halves");
	CHECK_INT(status_of(harness_step_confirm(di, "G1-0001", 0)), OK);
	COMPLETE_REFUSED(di, f.eng, "G1-0001", "Step 2 of 3", "gap");
	CHECK_INT(status_of(harness_step_value(di, "G1-0001", 1, 0.3)), OK);
	COMPLETE_REFUSED(di, f.eng, "G1-0001", "Step 3 of 3", "Halves flush");
	/* The unit is where the steps left it. */
	Yoke__TraceReply *t = trace_of(f.eng, "G1-0001", &rp);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->unit->status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
		CHECK_INT(t->unit->current_step, 2);
		CHECK_INT(harness_count_events(t, YOKE__EVENT_KIND__EVENT_OP_COMPLETED), 0);
	}
	client_reply_free(rp);
	/* Done right, it completes (its only operation: the unit is done). */
	CHECK_INT(status_of(harness_step_pass(di, "G1-0001", 2, true)), OK);
	rp = harness_complete(di, "G1-0001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT);
	CHECK_INT(rp->unit->status, YOKE__UNIT_STATUS__UNIT_DONE);
	client_reply_free(rp);
	/* released, started, 3 steps, completed */
	CHECK_INT(events_of(f.eng, "G1-0001"), 6);
	/* The other unit, untouched, is refused too before it is even opened. */
	rp = harness_complete(di, "G1-0002");
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_WRONG_STEP);
	client_reply_free(rp);
	CHECK_INT(events_of(f.eng, "G1-0002"), 1);
	client_free(di);
	gizmo_teardown(&f);
}

/* ------------------------------------------------------------------ */
/* 5. Sessions.                                                        */

static void
test_sessions_apart_and_ended(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	char s1[64], s2[64], old[64];
	REQUIRE(y != NULL);
	struct client *eng = harness_client(y, "engineer@sessions");
	CHECK_INT(status_of(harness_release(eng, "S1", "WIDGET", 2, "2030-01-31", 0, NULL)), OK);

	/* After badge-out the old session is refused, whoever sends it. */
	struct client *a = harness_client(y, "ASSY-1@sessions");
	rp = harness_badge_in(a, "ASSY-1", "102");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_BADGE_IN);
	snprintf(old, sizeof old, "%s", rp->badge_in->session);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_open_unit(a, "S1-0001")), OK);
	CHECK_INT(status_of(harness_badge_out(a)), OK);
	rp = harness_step_confirm(a, "S1-0001", 0);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK(strstr(rp->message, "badge") != NULL);
	client_reply_free(rp);
	struct client *thief = harness_client(y, "ASSY-2@sessions");
	client_set_session(thief, old);
	CHECK_INT(status_of(harness_step_confirm(thief, "S1-0001", 0)), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_complete(thief, "S1-0001")), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	/* released, op started: the refused steps left nothing. */
	CHECK_INT(events_of(eng, "S1-0001"), 2);

	/* A badge is at one station at a time: badging in at ASSY-2 ends the
	 * session at ASSY-1, and ASSY-1 is told where it went. */
	rp = harness_badge_in(a, "ASSY-1", "102");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_BADGE_IN);
	snprintf(s1, sizeof s1, "%s", rp->badge_in->session);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_confirm(a, "S1-0001", 0)), OK);
	rp = harness_badge_in(thief, "ASSY-2", "102");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_BADGE_IN);
	snprintf(s2, sizeof s2, "%s", rp->badge_in->session);
	CHECK_STR(rp->badge_in->station, "ASSY-2");
	client_reply_free(rp);
	CHECK(strcmp(s1, s2) != 0);
	CHECK(strcmp(s1, old) != 0);
	rp = harness_step_scan(a, "S1-0001", 1, "BOARD-1/SB1");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK(strstr(rp->message, "badged in at station ASSY-2") != NULL);
	client_reply_free(rp);
	/* Another person takes ASSY-1; each works at its own station: the
	 * unit open at ASSY-1 is busy for ASSY-2. */
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "100")), OK);
	CHECK_INT(status_of(harness_open_unit(thief, "S1-0001")), YOKE__STATUS__STATUS_UNIT_BUSY);
	CHECK_INT(status_of(harness_open_unit(thief, "S1-0002")), OK);
	CHECK_INT(status_of(harness_step_confirm(thief, "S1-0002", 0)), OK);
	CHECK_INT(status_of(harness_step_confirm(thief, "S1-0001", 1)), YOKE__STATUS__STATUS_WRONG_STEP);
	/* Ending one leaves the other. */
	CHECK_INT(status_of(harness_badge_out(a)), OK);
	CHECK_INT(status_of(harness_step_scan(a, "S1-0001", 1, "BOARD-1/SB1")),
	    YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_step_scan(thief, "S1-0002", 1, "BOARD-1/SB2")), OK);
	/* The events say which station did what. */
	Yoke__TraceReply *t = trace_of(eng, "S1-0001", &rp);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->n_events, 3);       /* released, started, confirmed */
		for (size_t i = 1; i < t->n_events; i++) {
			CHECK_STR(t->events[i]->station, "ASSY-1");
			CHECK_STR(t->events[i]->badge, "102");
		}
	}
	client_reply_free(rp);
	t = trace_of(eng, "S1-0002", &rp);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->n_events, 4);       /* released, started, confirmed, scanned */
		for (size_t i = 1; i < t->n_events; i++)
			CHECK_STR(t->events[i]->station, "ASSY-2");
	}
	client_reply_free(rp);
	client_free(a);
	client_free(thief);
	client_free(eng);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ------------------------------------------------------------------ */
/* 6. Work-order release: refusals, and the revision a work order keeps. */

static void
expect_release_refused(struct client *c, const char *wo, const char *product, uint32_t qty,
    const char *due, const char *rev, Yoke__Status want, const char *words, int line)
{
	Yoke__Reply *rp = harness_release(c, wo, product, qty, due, 0, rev);
	if (rp == NULL) {
		check_fail(__FILE__, line, "release %s: no answer", wo);
		return;
	}
	if (rp->status != want)
		check_fail(__FILE__, line, "release %s: %s %s, expected %s", wo, status_name(rp->status),
		    rp->message, status_name(want));
	if (words && strstr(rp->message, words) == NULL)
		check_fail(__FILE__, line, "release %s: message \"%s\" lacks \"%s\"", wo, rp->message, words);
	if (rp->body_case != YOKE__REPLY__BODY__NOT_SET)
		check_fail(__FILE__, line, "release %s: a refusal carries no body", wo);
	client_reply_free(rp);
}
#define RELEASE_REFUSED(c, wo, product, qty, due, rev, want, words) \
	expect_release_refused(c, wo, product, qty, due, rev, YOKE__STATUS__STATUS_##want, words, __LINE__)

static void
test_release_refusals_and_revisions(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	struct client *eng = harness_client(y, "engineer@release");

	rp = harness_release(eng, "WR1", "WIDGET", 2, "2030-01-31", 3, NULL);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_RELEASE);
	CHECK_STR(rp->release->routing_rev, "A");
	client_reply_free(rp);

	RELEASE_REFUSED(eng, "WR1", "WIDGET", 1, "2030-01-31", NULL, CONFLICT, "WR1");
	RELEASE_REFUSED(eng, "WR2", "NOSUCH", 1, "2030-01-31", NULL, NOT_FOUND, "NOSUCH");
	RELEASE_REFUSED(eng, "WR3", "WIDGET", 1, "2030-01-31", "C", CONFLICT, "draft");
	RELEASE_REFUSED(eng, "WR4", "WIDGET", 1, "2026-02-30", NULL, BAD_REQUEST, "2026-02-30");
	RELEASE_REFUSED(eng, "WR5", "WIDGET", 0, "2030-01-31", NULL, BAD_REQUEST, "quantity");
	/* A part that is no product (no routing). */
	RELEASE_REFUSED(eng, "WR6", "SCREW-M3", 1, "2030-01-31", NULL, NOT_FOUND, "SCREW-M3");
	/* None of the refused left a work order or a unit behind. */
	static const char *const refused[] = { "WR2", "WR3", "WR4", "WR5", "WR6" };
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		char serial[32];
		snprintf(serial, sizeof serial, "%s-0001", refused[i]);
		CHECK_INT(status_of(harness_units(eng, refused[i])), YOKE__STATUS__STATUS_NOT_FOUND);
		CHECK_INT(status_of(harness_trace(eng, serial)), YOKE__STATUS__STATUS_NOT_FOUND);
	}
	/* The existing one is as it was: 2 units, not 3. */
	rp = harness_units(eng, "WR1");
	CHECK(rp && rp->status == OK && rp->units->n_units == 2);
	client_reply_free(rp);

	/* Rev B is released and loaded: new orders take it, WR1 keeps A. */
	REQUIRE(load_dir(eng, REV_B_PLANT));
	rp = harness_release(eng, "WR7", "WIDGET", 1, "2030-02-28", 0, NULL);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_RELEASE);
	CHECK_STR(rp->release->routing_rev, "B");
	client_reply_free(rp);
	rp = harness_release(eng, "WR8", "WIDGET", 1, "2030-02-28", 0, "A");     /* named: still A */
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_RELEASE);
	CHECK_STR(rp->release->routing_rev, "A");
	client_reply_free(rp);
	RELEASE_REFUSED(eng, "WR9", "WIDGET", 1, "2030-02-28", "C", CONFLICT, "draft");

	static const struct { const char *serial, *rev; size_t steps; } want[] = {
		{ "WR1-0001", "A", 7 }, { "WR1-0002", "A", 7 }, { "WR7-0001", "B", 6 }, { "WR8-0001", "A", 7 },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		Yoke__TraceReply *t = trace_of(eng, want[i].serial, &rp);
		CHECK(t != NULL);
		if (t) {
			CHECK_STR(t->unit->routing_rev, want[i].rev);
			CHECK_INT(t->unit->n_steps, want[i].steps);
			char rev[16];
			snprintf(rev, sizeof rev, "rev %s)", want[i].rev);
			CHECK(t->n_events == 1 && strstr(t->events[0]->text, rev) != NULL);
		}
		client_reply_free(rp);
	}
	/* Built as released: rev A's op 10 takes 8 step writes, rev B's 7. */
	struct client *op = harness_client(y, "ASSY-1@release");
	CHECK_INT(status_of(harness_badge_in(op, "ASSY-1", "102")), OK);
	struct op_tally ta = { 0 }, tb = { 0 };
	CHECK_INT(status_of(harness_do_operation(op, p, "WR1-0001", "200", "ra", &ta)), OK);
	CHECK_INT(status_of(harness_do_operation(op, p, "WR7-0001", "200", "rb", &tb)), OK);
	CHECK_INT(ta.steps, OP10_STEP_EVENTS);
	CHECK_INT(tb.steps, OP10_STEP_EVENTS - 1);
	/* The units listing shows each order's own routing. */
	rp = harness_units(eng, "WR1");
	CHECK(rp && rp->status == OK && rp->units->n_units == 2);
	if (rp && rp->status == OK && rp->units->n_units == 2) {
		CHECK_INT(rp->units->units[0]->operation, 20);
		CHECK_INT(rp->units->units[1]->operation, 10);
		CHECK_INT(rp->units->units[0]->priority, 3);
	}
	client_reply_free(rp);
	client_free(op);
	client_free(eng);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_map_full_grows_and_loses_nothing);
	RUN(test_notices_follow_the_clone_pattern);
	RUN(test_not_qualified_at_open_unit);
	RUN(test_steps_incomplete);
	RUN(test_sessions_apart_and_ended);
	RUN(test_release_refusals_and_revisions);
	return check_done();
}
