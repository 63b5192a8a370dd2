/*
 * it_retry.c — idempotent retry (PROTOCOL.md "Retries and idempotency"),
 * byte for byte, over a raw DEALER so the test controls the request number:
 * the same number gets the very same reply bytes and changes nothing; the
 * same number with other content is refused; a lower number gets no reply
 * and changes nothing; a refusal (of a terminal with a record) is replayed
 * with the same words even after the state changed; the stored reply
 * survives a SIGKILL of the server; and a retry that lands in a batch whose
 * commit fails still gets its stored reply, while a new request there gets
 * INTERNAL and a stale one nothing.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define REPLY_WAIT_MS 8000

struct bytes {
	uint8_t *data;
	size_t len;
};

static struct bytes
pack_badge_in(const char *term, uint64_t no, const char *station, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	struct bytes out;
	harness_envelope(&rq, term, no, NULL);
	b.station = (char *)station;
	b.badge = (char *)badge;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	out.data = harness_pack(&rq, &out.len);
	return out;
}

static struct bytes
pack_open(const char *term, uint64_t no, const char *session, const char *serial)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__OpenUnit b = YOKE__OPEN_UNIT__INIT;
	struct bytes out;
	harness_envelope(&rq, term, no, session);
	b.serial = (char *)serial;
	rq.body_case = YOKE__REQUEST__BODY_OPEN_UNIT;
	rq.open_unit = &b;
	out.data = harness_pack(&rq, &out.len);
	return out;
}

/* scan NULL: a confirm. */
static struct bytes
pack_step(const char *term, uint64_t no, const char *session, const char *serial, uint32_t step,
    const char *scan)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	struct bytes out;
	harness_envelope(&rq, term, no, session);
	s.serial = (char *)serial;
	s.step = step;
	if (scan) {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
		s.scan = (char *)scan;
	} else {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
		s.confirm = true;
	}
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	out.data = harness_pack(&rq, &out.len);
	return out;
}

/* Sends and returns the reply's bytes (data NULL on silence). */
static struct bytes
exchange(struct raw *r, struct bytes rq, int wait_ms)
{
	struct bytes out = { NULL, 0 };
	if (harness_raw_send1(r, rq.data, rq.len))
		out.data = harness_raw_recv(r, wait_ms, &out.len);
	return out;
}

static Yoke__Reply *
decode(struct bytes b)
{
	return b.data ? yoke__reply__unpack(NULL, b.len, b.data) : NULL;
}

static bool
same(struct bytes a, struct bytes b)
{
	return a.data && b.data && a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
}

static Yoke__Status
status_of(struct bytes b)
{
	Yoke__Reply *rp = decode(b);
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *eng;
};

static bool
setup(struct fixture *f)
{
	Yoke__Reply *rp;
	f->y = harness_start_loaded(HARNESS_SMALL_PLANT, &f->p);
	if (f->y == NULL)
		return false;
	f->eng = harness_client(f->y, "engineer@retry");
	rp = harness_release(f->eng, "WO1", "WIDGET", 2, "2030-01-31", 0, NULL);
	bool ok = rp && rp->status == OK;
	client_reply_free(rp);
	return ok;
}

static void
teardown(struct fixture *f)
{
	client_free(f->eng);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

/* Reads the unit back: events in total, of a kind, and the current step. */
static void
unit_now(struct fixture *f, const char *serial, size_t *events, size_t *scans, uint32_t *step,
    uint32_t *scanned)
{
	Yoke__Reply *rp = harness_trace(f->eng, serial);
	*events = *scans = 0;
	*step = *scanned = 9999;
	if (rp && rp->status == OK) {
		*events = rp->trace->n_events;
		*scans = harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED);
		*step = rp->trace->unit->current_step;
		if (*step < rp->trace->unit->n_steps)
			*scanned = rp->trace->unit->steps[*step]->scanned;
	}
	client_reply_free(rp);
}

static char *
session_of(struct bytes b)
{
	Yoke__Reply *rp = decode(b);
	char *s = NULL;
	if (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_BADGE_IN)
		s = xstrdup(rp->badge_in->session);
	client_reply_free(rp);
	return s;
}

/* Hello over the raw socket itself: a terminal learns only its own number. */
static uint64_t
last_number(struct raw *r)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	struct bytes q;
	Yoke__Reply *rp;
	uint64_t n;
	harness_envelope(&rq, harness_raw_terminal(r), 0, NULL);
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	q.data = harness_pack(&rq, &q.len);
	rp = harness_raw_call(r, q.data, q.len, REPLY_WAIT_MS);
	n = rp && rp->body_case == YOKE__REPLY__BODY_HELLO ? rp->hello->last_request_no : 0;
	client_reply_free(rp);
	free(q.data);
	return n;
}

static void
test_same_number_same_bytes(void)
{
	struct fixture f;
	const char *T = "ASSY-1@retry";
	size_t events, scans, events2, scans2;
	uint32_t step, scanned;
	REQUIRE(setup(&f));
	struct raw *r = harness_raw_new_as(f.y, T);

	/* Badge-in makes a fresh session token each time it runs: equal
	 * bytes prove it ran once. */
	struct bytes q1 = pack_badge_in(T, 10, "ASSY-1", "100");
	struct bytes a1 = exchange(r, q1, REPLY_WAIT_MS), b1 = exchange(r, q1, REPLY_WAIT_MS);
	REQUIRE(a1.data != NULL);
	CHECK_INT(status_of(a1), OK);
	CHECK(same(a1, b1));
	char *session = session_of(a1);
	REQUIRE(session != NULL);

	struct bytes q2 = pack_open(T, 11, session, "WO1-0001");
	struct bytes a2 = exchange(r, q2, REPLY_WAIT_MS), b2 = exchange(r, q2, REPLY_WAIT_MS);
	CHECK_INT(status_of(a2), OK);
	CHECK(same(a2, b2));

	struct bytes q3 = pack_step(T, 12, session, "WO1-0001", 0, NULL);
	struct bytes a3 = exchange(r, q3, REPLY_WAIT_MS), b3 = exchange(r, q3, REPLY_WAIT_MS);
	CHECK_INT(status_of(a3), OK);
	CHECK(same(a3, b3));

	struct bytes q4 = pack_step(T, 13, session, "WO1-0001", 1, "BOARD-1/B1");
	struct bytes a4 = exchange(r, q4, REPLY_WAIT_MS), b4 = exchange(r, q4, REPLY_WAIT_MS);
	CHECK_INT(status_of(a4), OK);
	CHECK(same(a4, b4));
	unit_now(&f, "WO1-0001", &events, &scans, &step, &scanned);
	CHECK_INT(events, 1 + 1 + 1 + 1);       /* released, started, confirmed, one scan */
	CHECK_INT(scans, 1);
	CHECK_INT(step, 2);
	CHECK_INT(scanned, 0);

	/* Two copies in flight at once (they may land in one batch): the
	 * cell counts once. */
	struct bytes q5 = pack_step(T, 14, session, "WO1-0001", 2, "CELL/C1");
	CHECK(harness_raw_send1(r, q5.data, q5.len));
	CHECK(harness_raw_send1(r, q5.data, q5.len));
	struct bytes a5, b5;
	a5.data = harness_raw_recv(r, REPLY_WAIT_MS, &a5.len);
	b5.data = harness_raw_recv(r, REPLY_WAIT_MS, &b5.len);
	CHECK_INT(status_of(a5), OK);
	CHECK(same(a5, b5));
	unit_now(&f, "WO1-0001", &events, &scans, &step, &scanned);
	CHECK_INT(scans, 2);
	CHECK_INT(step, 2);
	CHECK_INT(scanned, 1);      /* one of two cells, not two */

	/* The same number with another body: refused (the number was used for
	 * another request), not answered with the other request's reply; no change. */
	struct bytes q6 = pack_step(T, 14, session, "WO1-0001", 2, "CELL/C2");
	struct bytes a6 = exchange(r, q6, REPLY_WAIT_MS);
	CHECK(!same(a5, a6));
	CHECK_INT(status_of(a6), YOKE__STATUS__STATUS_BAD_REQUEST);
	unit_now(&f, "WO1-0001", &events2, &scans2, &step, &scanned);
	CHECK_INT(events2, events);
	CHECK_INT(scanned, 1);
	CHECK_INT(last_number(r), 14);

	/* A lower number is stale: no reply at all, and no change. */
	struct bytes q7 = pack_step(T, 9, session, "WO1-0001", 2, "CELL/C3");
	struct bytes a7 = exchange(r, q7, 1500);
	CHECK(a7.data == NULL);
	unit_now(&f, "WO1-0001", &events2, &scans2, &step, &scanned);
	CHECK_INT(events2, events);
	CHECK_INT(scanned, 1);
	CHECK_INT(last_number(r), 14);

	/* The next number runs. */
	struct bytes q8 = pack_step(T, 15, session, "WO1-0001", 2, "CELL/C3");
	struct bytes a8 = exchange(r, q8, REPLY_WAIT_MS);
	CHECK_INT(status_of(a8), OK);
	unit_now(&f, "WO1-0001", &events2, &scans2, &step, &scanned);
	CHECK_INT(events2, events + 1);
	CHECK_INT(step, 3);

	struct bytes all[] = { q1, a1, b1, q2, a2, b2, q3, a3, b3, q4, a4, b4, q5, a5, b5, q6, a6,
		q7, a7, q8, a8 };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i].data);
	free(session);
	harness_raw_free(r);
	teardown(&f);
}

static void
test_refusal_replayed_after_state_changed(void)
{
	struct fixture f;
	const char *T1 = "ASSY-1@a", *T2 = "ASSY-1@b";
	size_t events, scans;
	uint32_t step, scanned;
	REQUIRE(setup(&f));
	struct raw *r = harness_raw_new_as(f.y, T1);
	struct bytes q1 = pack_badge_in(T1, 1, "ASSY-1", "100");
	struct bytes a1 = exchange(r, q1, REPLY_WAIT_MS);
	char *s1 = session_of(a1);
	REQUIRE(s1 != NULL);
	struct bytes q2 = pack_open(T1, 2, s1, "WO1-0001");
	struct bytes a2 = exchange(r, q2, REPLY_WAIT_MS);
	CHECK_INT(status_of(a2), OK);
	/* The board scan before the instruction is confirmed: WRONG_STEP. */
	struct bytes q3 = pack_step(T1, 3, s1, "WO1-0001", 1, "BOARD-1/B1");
	struct bytes a3 = exchange(r, q3, REPLY_WAIT_MS);
	CHECK_INT(status_of(a3), YOKE__STATUS__STATUS_WRONG_STEP);

	/* Another terminal at the same station confirms the instruction, so
	 * the scan would now be right if it ran again. */
	struct client *c2 = harness_client(f.y, T2);
	Yoke__Reply *rp = harness_badge_in(c2, "ASSY-1", "102");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_step_confirm(c2, "WO1-0001", 0);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);

	struct bytes b3 = exchange(r, q3, REPLY_WAIT_MS);
	CHECK(same(a3, b3));
	CHECK_INT(status_of(b3), YOKE__STATUS__STATUS_WRONG_STEP);
	unit_now(&f, "WO1-0001", &events, &scans, &step, &scanned);
	CHECK_INT(scans, 0);
	CHECK_INT(step, 1);
	client_free(c2);
	free(s1);
	struct bytes all[] = { q1, a1, q2, a2, q3, a3, b3 };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i].data);
	harness_raw_free(r);
	teardown(&f);
}

static void
test_stored_reply_survives_kill(void)
{
	struct fixture f;
	const char *T = "ASSY-1@kill";
	size_t events, scans, events2, scans2;
	uint32_t step, scanned;
	REQUIRE(setup(&f));
	struct raw *r = harness_raw_new_as(f.y, T);
	struct bytes q1 = pack_badge_in(T, 100, "ASSY-1", "100");
	struct bytes a1 = exchange(r, q1, REPLY_WAIT_MS);
	char *s = session_of(a1);
	REQUIRE(s != NULL);
	struct bytes q2 = pack_open(T, 101, s, "WO1-0001");
	struct bytes a2 = exchange(r, q2, REPLY_WAIT_MS);
	struct bytes q3 = pack_step(T, 102, s, "WO1-0001", 0, NULL);
	struct bytes a3 = exchange(r, q3, REPLY_WAIT_MS);
	struct bytes q4 = pack_step(T, 103, s, "WO1-0001", 1, "BOARD-1/B42");
	struct bytes a4 = exchange(r, q4, REPLY_WAIT_MS);
	CHECK_INT(status_of(a4), OK);
	harness_raw_free(r);
	unit_now(&f, "WO1-0001", &events, &scans, &step, &scanned);
	CHECK_INT(scans, 1);

	harness_yoked_kill(f.y);
	REQUIRE(harness_yoked_restart(f.y));
	r = harness_raw_new_as(f.y, T);
	struct bytes b4 = exchange(r, q4, REPLY_WAIT_MS);
	CHECK(same(a4, b4));
	unit_now(&f, "WO1-0001", &events2, &scans2, &step, &scanned);
	CHECK_INT(events2, events);
	CHECK_INT(scans2, 1);
	CHECK_INT(step, 2);
	CHECK_INT(last_number(r), 103);
	/* The session survived too: the next step runs. */
	struct bytes q5 = pack_step(T, 104, s, "WO1-0001", 2, "CELL/C42");
	struct bytes a5 = exchange(r, q5, REPLY_WAIT_MS);
	CHECK_INT(status_of(a5), OK);
	/* And an old number from before the crash is still stale. */
	struct bytes b3 = exchange(r, q3, 1000);
	CHECK(b3.data == NULL);
	harness_raw_free(r);
	free(s);
	struct bytes all[] = { q1, a1, q2, a2, q3, a3, q4, a4, b4, q5, a5, b3 };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i].data);
	teardown(&f);
}

/* Kill the server right after sending, before the reply could be read:
 * whether the request committed or not, the retry after the restart gets
 * OK and the change is there exactly once. */
static void
test_kill_between_send_and_reply(void)
{
	struct fixture f;
	const char *T = "ASSY-1@between";
	size_t events, scans;
	uint32_t step, scanned;
	uint64_t no = 1000;
	REQUIRE(setup(&f));
	struct raw *r = harness_raw_new_as(f.y, T);
	struct bytes q = pack_badge_in(T, no++, "ASSY-1", "102");
	struct bytes a = exchange(r, q, REPLY_WAIT_MS);
	char *s = session_of(a);
	free(q.data);
	free(a.data);
	REQUIRE(s != NULL);
	q = pack_open(T, no++, s, "WO1-0001");
	a = exchange(r, q, REPLY_WAIT_MS);
	CHECK_INT(status_of(a), OK);
	free(q.data);
	free(a.data);
	harness_raw_free(r);

	/* confirm, board, cell, cell, IC: five writes, each interrupted. */
	const char *scans_to_do[] = { NULL, "BOARD-1/B77", "CELL/C77", "CELL/C78", "IC-555/L1" };
	const uint32_t steps[] = { 0, 1, 2, 2, 3 };
	for (int i = 0; i < 5; i++) {
		q = pack_step(T, no++, s, "WO1-0001", steps[i], scans_to_do[i]);
		r = harness_raw_new_as(f.y, T);
		CHECK(harness_raw_send1(r, q.data, q.len));
		harness_sleep_ms(i * 7);     /* 0 ms: likely before the commit; later: after */
		harness_yoked_kill(f.y);
		harness_raw_free(r);
		REQUIRE(harness_yoked_restart(f.y));
		r = harness_raw_new_as(f.y, T);
		a = exchange(r, q, REPLY_WAIT_MS);
		CHECK_INT(status_of(a), OK);
		free(a.data);
		free(q.data);
		harness_raw_free(r);
	}
	unit_now(&f, "WO1-0001", &events, &scans, &step, &scanned);
	CHECK_INT(events, 1 + 1 + 5);
	CHECK_INT(scans, 4);
	CHECK_INT(step, 4);
	free(s);
	teardown(&f);
}

/* Checks that the retry got the first reply's bytes; says what it got if not. */
static void
check_replayed(struct bytes first, struct bytes retry, int line)
{
	if (same(first, retry))
		return;
	Yoke__Reply *rp = decode(retry);
	check_fail(__FILE__, line, "the retry got %s %s, not the stored reply",
	    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
	client_reply_free(rp);
}

/*
 * A retry of a committed request lands in a batch that is not committed
 * (YOKE_FAULT=commit-fail-from=1: every commit of this run fails). The
 * change it reports stands, so it must get its stored reply byte for byte,
 * not "nothing was changed"; a new request in such a batch gets INTERNAL
 * and is not remembered; a stale one gets no reply, as always.
 */
static void
test_retry_in_failed_batch_gets_stored_reply(void)
{
	struct fixture f;
	const char *T = "ASSY-1@failing", *T2 = "ASSY-2@failing";
	size_t events, scans;
	uint32_t step, scanned;
	REQUIRE(setup(&f));
	struct raw *r = harness_raw_new_as(f.y, T);
	struct bytes q1 = pack_badge_in(T, 20, "ASSY-1", "100");
	struct bytes a1 = exchange(r, q1, REPLY_WAIT_MS);
	char *s = session_of(a1);
	REQUIRE(s != NULL);
	struct bytes q2 = pack_open(T, 21, s, "WO1-0001");
	struct bytes a2 = exchange(r, q2, REPLY_WAIT_MS);
	CHECK_INT(status_of(a2), OK);
	harness_raw_free(r);

	CHECK_INT(harness_yoked_stop(f.y), 0);
	setenv("YOKE_FAULT", "commit-fail-from=1", 1);
	bool up = harness_yoked_restart(f.y);
	unsetenv("YOKE_FAULT");
	REQUIRE(up);
	r = harness_raw_new_as(f.y, T);

	/* The retry alone in its batch. */
	struct bytes b2 = exchange(r, q2, REPLY_WAIT_MS);
	check_replayed(a2, b2, __LINE__);
	/* A new request: INTERNAL, nothing changed. */
	struct bytes q3 = pack_step(T, 22, s, "WO1-0001", 0, NULL);
	struct bytes a3 = exchange(r, q3, REPLY_WAIT_MS);
	Yoke__Reply *rp = decode(a3);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_INTERNAL &&
	    strstr(rp->message, "nothing was changed"));
	client_reply_free(rp);
	/* A stale number: no reply, as in a batch that commits. */
	struct bytes c1 = exchange(r, q1, 1500);
	CHECK(c1.data == NULL);
	/* The retry and a new request of another terminal in flight at once
	 * (one batch, or two: each fails to commit). */
	struct raw *r2 = harness_raw_new_as(f.y, T2);
	struct bytes q4 = pack_badge_in(T2, 1, "ASSY-2", "102");
	harness_sleep_ms(30);      /* both connected before either sends */
	CHECK(harness_raw_send1(r, q2.data, q2.len));
	CHECK(harness_raw_send1(r2, q4.data, q4.len));
	struct bytes c2, a4;
	c2.data = harness_raw_recv(r, REPLY_WAIT_MS, &c2.len);
	a4.data = harness_raw_recv(r2, REPLY_WAIT_MS, &a4.len);
	check_replayed(a2, c2, __LINE__);
	CHECK_INT(status_of(a4), YOKE__STATUS__STATUS_INTERNAL);
	harness_raw_free(r2);
	harness_raw_free(r);
	unit_now(&f, "WO1-0001", &events, &scans, &step, &scanned);
	CHECK_INT(events, 2);         /* released, started: the confirm did not happen */
	CHECK_INT(step, 0);

	/* Without the fault: the opened unit stands, the refused confirm runs
	 * now, and nothing of the failed batches was remembered. */
	CHECK_INT(harness_yoked_stop(f.y), 0);
	REQUIRE(harness_yoked_restart(f.y));
	r = harness_raw_new_as(f.y, T2);
	CHECK_INT(last_number(r), 0);
	harness_raw_free(r);
	r = harness_raw_new_as(f.y, T);
	CHECK_INT(last_number(r), 21);
	struct bytes d2 = exchange(r, q2, REPLY_WAIT_MS);
	CHECK(same(a2, d2));
	struct bytes b3 = exchange(r, q3, REPLY_WAIT_MS);
	CHECK_INT(status_of(b3), OK);
	unit_now(&f, "WO1-0001", &events, &scans, &step, &scanned);
	CHECK_INT(events, 3);
	CHECK_INT(step, 1);
	harness_raw_free(r);
	free(s);
	struct bytes all[] = { q1, a1, q2, a2, b2, q3, a3, c1, q4, c2, a4, d2, b3 };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(all[i].data);
	teardown(&f);
}

int
main(void)
{
	RUN(test_same_number_same_bytes);
	RUN(test_refusal_replayed_after_state_changed);
	RUN(test_stored_reply_survives_kill);
	RUN(test_kill_between_send_and_reply);
	RUN(test_retry_in_failed_batch_gets_stored_reply);
	return check_done();
}
