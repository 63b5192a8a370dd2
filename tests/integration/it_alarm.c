/*
 * it_alarm.c — alarms against a real yoked: the operator's call for help
 * raises one; a call that stops the station refuses open, step and
 * complete there (not at another station; badge-out and badge-in still
 * work) until a lead acknowledges it, signed, with the cause and the
 * action taken; an operator may not, an inspector may not sign it, a
 * missing cause or action is refused; two stopping alarms hand the stop
 * on; resolving comes after the acknowledgement (or with it, for an alarm
 * that stopped nothing); the unit's history gets the events; a replayed
 * acknowledgement after SIGKILL is applied once; the listing's filters.
 * Plant: tests/data/plant-quality.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define STOPPED YOKE__STATUS__STATUS_STATION_STOPPED
#define PLANT "tests/data/plant-quality"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *assy;     /* ASSY-1, operator 100 */
	struct client *assy2;    /* ASSY-2, operator 103 */
	struct client *lead;     /* a desk, lead 300 signed in */
};

static bool
setup(struct fixture *f, uint32_t units)
{
	Yoke__Reply *rp;
	struct client *eng;
	bool ok;
	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL)
		return false;
	if ((eng = harness_engineer(f->y, f->p, "alarm")) == NULL)
		return false;
	rp = harness_release(eng, "WO1", "GADGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	client_free(eng);
	f->assy = harness_client(f->y, "ASSY-1@it");
	f->assy2 = harness_client(f->y, "ASSY-2@it");
	f->lead = harness_client(f->y, "harness-lead");
	rp = harness_badge_in(f->assy, "ASSY-1", "100");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	rp = harness_badge_in(f->assy2, "ASSY-2", "103");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok && harness_sign_in(f->lead, "300");
}

static void
teardown(struct fixture *f)
{
	client_free(f->assy);
	client_free(f->assy2);
	client_free(f->lead);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

static Yoke__Reply *
andon(struct client *c, const char *text, bool stop, const char *serial)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AndonCall a = YOKE__ANDON_CALL__INIT;
	a.text = (char *)text;
	a.stop = stop;
	a.serial = (char *)(serial ? serial : "");
	rq.body_case = YOKE__REQUEST__BODY_ANDON;
	rq.andon = &a;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* The number of the alarm an andon call raised ("" on failure: the test fails). */
static void
andon_number(struct client *c, const char *text, bool stop, const char *serial, char *out)
{
	Yoke__Reply *rp = andon(c, text, stop, serial);
	out[0] = '\0';
	if (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_ALARMS &&
	    rp->alarms->n_alarms == 1)
		snprintf(out, 32, "ALM-%06llu", (unsigned long long)rp->alarms->alarms[0]->id);
	else
		check_fail(__FILE__, __LINE__, "andon: %s", rp ? rp->message : "no answer");
	client_reply_free(rp);
}

static Yoke__Signature *
sig(Yoke__Signature *s, const char *badge, const char *pin)
{
	yoke__signature__init(s);
	s->badge = (char *)badge;
	s->pin = (char *)pin;
	return s;
}

static Yoke__Reply *
ack(struct client *c, const char *number, const char *cause, const char *action,
    const char *badge, const char *pin)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmAck a = YOKE__ALARM_ACK__INIT;
	Yoke__Signature s;
	a.number = (char *)number;
	a.cause = (char *)cause;
	a.action = (char *)action;
	a.signature = sig(&s, badge, pin);
	rq.body_case = YOKE__REQUEST__BODY_ALARM_ACK;
	rq.alarm_ack = &a;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
resolve(struct client *c, const char *number, const char *resolution, const char *cause,
    const char *action, const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmResolve a = YOKE__ALARM_RESOLVE__INIT;
	Yoke__Signature s;
	a.number = (char *)number;
	a.resolution = (char *)resolution;
	a.cause = (char *)(cause ? cause : "");
	a.action = (char *)(action ? action : "");
	a.signature = sig(&s, badge, HARNESS_PIN);
	rq.body_case = YOKE__REQUEST__BODY_ALARM_RESOLVE;
	rq.alarm_resolve = &a;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
query(struct client *c, const char *number, Yoke__AlarmState state, const char *station,
    int64_t since_us, bool open)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmQuery q = YOKE__ALARM_QUERY__INIT;
	q.number = (char *)(number ? number : "");
	q.state = state;
	q.station = (char *)(station ? station : "");
	q.since_us = since_us;
	q.open = open;
	rq.body_case = YOKE__REQUEST__BODY_ALARM_QUERY;
	rq.alarm_query = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__AlarmState
state_of(struct client *c, const char *number)
{
	Yoke__Reply *rp = query(c, number, 0, NULL, 0, false);
	Yoke__AlarmState st = 0;
	if (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_ALARMS &&
	    rp->alarms->n_alarms == 1)
		st = rp->alarms->alarms[0]->state;
	client_reply_free(rp);
	return st;
}

/* A call without stop raises an alarm and tells the leads; the station goes on. */
static void
test_andon_raises(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 2));
	rp = andon(f.assy, "feeder jams", false, NULL);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_ALARMS);
	REQUIRE(rp->alarms->n_alarms == 1);
	const Yoke__Alarm *a = rp->alarms->alarms[0];
	CHECK_INT(a->id, 1);
	CHECK_INT(a->source, YOKE__ALARM_SOURCE__ALARM_ANDON);
	CHECK_INT(a->state, YOKE__ALARM_STATE__ALARM_RAISED);
	CHECK_STR(a->station, "ASSY-1");
	CHECK_STR(a->detail, "feeder jams");
	CHECK(!a->stops_station);
	CHECK(a->raised && strcmp(a->raised->badge, "100") == 0);
	CHECK(strstr(rp->message, "ALM-000001") != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	/* Text with a control character is refused. */
	CHECK_INT(status_of(andon(f.assy, "bad\x01text", false, NULL)),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	/* A unit not open here is not the call's unit. */
	CHECK_INT(status_of(andon(f.assy, "", false, "WO1-0002")), YOKE__STATUS__STATUS_WRONG_STEP);
	/* A desk has no station to call from. */
	CHECK(status_of(andon(f.lead, "", false, NULL)) != OK);
	teardown(&f);
}

/* A stopping call: open, step and complete refused at ASSY-1, not at
 * ASSY-2; badge-out and badge-in work; a lead's acknowledgement lets it go on. */
static void
test_stop_and_release(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	char num[32];
	REQUIRE(setup(&f, 3));
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")), OK);
	andon_number(f.assy, "smoke from the iron", true, "WO1-0001", num);
	REQUIRE(num[0]);
	rp = harness_step_scan(f.assy, "WO1-0001", 1, "IC-555/L1");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, STOPPED);
	CHECK(strstr(rp->message, num) != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_complete(f.assy, "WO1-0001")), STOPPED);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), STOPPED);
	/* Another station of the kind works. */
	CHECK_INT(status_of(harness_open_unit(f.assy2, "WO1-0002")), OK);
	/* The operator may badge out and in again at the stopped station. */
	CHECK_INT(status_of(harness_badge_out(f.assy)), OK);
	CHECK_INT(status_of(harness_badge_in(f.assy, "ASSY-1", "100")), OK);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0003")), STOPPED);

	/* Who may acknowledge, and with what. */
	CHECK_INT(status_of(ack(f.assy, num, "cold joint", "new tip", "300", HARNESS_PIN)),
	    YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK_INT(status_of(ack(f.lead, num, "", "new tip", "300", HARNESS_PIN)),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(ack(f.lead, num, "cold joint", "", "300", HARNESS_PIN)),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(ack(f.lead, num, "cold joint", "new tip", "200", HARNESS_PIN)),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(ack(f.lead, num, "cold joint", "new tip", "300", "0000")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(ack(f.lead, "ALM-x", "cold joint", "new tip", "300", HARNESS_PIN)),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(ack(f.lead, "ALM-000099", "cold joint", "new tip", "300", HARNESS_PIN)),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0003")), STOPPED);
	/* Resolving before the acknowledgement: refused, the state said. */
	CHECK_INT(status_of(resolve(f.lead, num, "tip changed", NULL, NULL, "300")),
	    YOKE__STATUS__STATUS_ALARM_NOT_ACKNOWLEDGED);

	rp = ack(f.lead, num, "cold joint", "new tip, iron at 350 C", "300", HARNESS_PIN);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_ALARMS);
	const Yoke__Alarm *a = rp->alarms->alarms[0];
	CHECK_INT(a->state, YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED);
	CHECK_STR(a->cause, "cold joint");
	CHECK_STR(a->action, "new tip, iron at 350 C");
	CHECK(a->acknowledged && strcmp(a->acknowledged->badge, "300") == 0);
	CHECK(strstr(rp->message, "may work again") != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 1, "IC-555/L1")), OK);
	/* Twice: refused with the state. */
	rp = ack(f.lead, num, "cold joint", "new tip", "300", HARNESS_PIN);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_ALARM_ACKNOWLEDGED);
	CHECK(strstr(rp->message, "Lee Lead") != NULL);
	client_reply_free(rp);

	/* Resolve: an operator's signature may not; an inspector's may. */
	CHECK_INT(status_of(resolve(f.lead, num, "", NULL, NULL, "200")),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(resolve(f.lead, num, "tip changed", NULL, NULL, "100")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	CHECK_INT(status_of(resolve(f.lead, num, "tip changed, joints checked", NULL, NULL, "200")),
	    OK);
	CHECK_INT(state_of(f.lead, num), YOKE__ALARM_STATE__ALARM_RESOLVED);
	CHECK_INT(status_of(resolve(f.lead, num, "again", NULL, NULL, "200")),
	    YOKE__STATUS__STATUS_ALARM_RESOLVED);
	CHECK_INT(status_of(ack(f.lead, num, "c", "a", "300", HARNESS_PIN)),
	    YOKE__STATUS__STATUS_ALARM_RESOLVED);

	/* The unit's history: raised, acknowledged, resolved, each naming the alarm. */
	rp = harness_trace(f.lead, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_ALARM_RAISED), 1);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_ALARM_ACKNOWLEDGED), 1);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_ALARM_RESOLVED), 1);
	for (size_t i = 0; i < rp->trace->n_events; i++) {
		const Yoke__Event *ev = rp->trace->events[i];
		if (ev->kind == YOKE__EVENT_KIND__EVENT_ALARM_ACKNOWLEDGED) {
			CHECK_STR(ev->detail, num);
			CHECK(ev->n_signatures == 1 && strcmp(ev->signatures[0]->badge, "300") == 0);
		}
	}
	client_reply_free(rp);
	teardown(&f);
}

/* Two calls stop the station: acknowledging the first leaves it stopped by
 * the second; the second's acknowledgement frees it. An alarm that stopped
 * nothing is acknowledged and resolved at once, by a lead only. */
static void
test_two_stops_and_at_once(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	char first[32], second[32], warn[32];
	REQUIRE(setup(&f, 2));
	andon_number(f.assy, "first", true, NULL, first);
	andon_number(f.assy, "second", true, NULL, second);
	andon_number(f.assy, "just a warning", false, NULL, warn);
	REQUIRE(first[0] && second[0] && warn[0]);
	rp = harness_open_unit(f.assy, "WO1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, STOPPED);
	CHECK(strstr(rp->message, first) != NULL);
	client_reply_free(rp);
	rp = ack(f.lead, first, "c1", "a1", "300", HARNESS_PIN);
	REQUIRE(rp && rp->status == OK);
	CHECK(strstr(rp->message, second) != NULL);
	client_reply_free(rp);
	rp = harness_open_unit(f.assy, "WO1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, STOPPED);
	CHECK(strstr(rp->message, second) != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of(ack(f.lead, second, "c2", "a2", "300", HARNESS_PIN)), OK);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);

	/* At once: the cause and action are needed, and a lead's signature. */
	CHECK_INT(status_of(resolve(f.lead, warn, "ok now", NULL, NULL, "300")),
	    YOKE__STATUS__STATUS_ALARM_NOT_ACKNOWLEDGED);
	CHECK_INT(status_of(resolve(f.lead, warn, "ok now", "loose cable", "plugged in", "200")),
	    YOKE__STATUS__STATUS_SIGNATURE_REFUSED);
	rp = resolve(f.lead, warn, "ok now", "loose cable", "plugged in", "300");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_ALARMS);
	const Yoke__Alarm *a = rp->alarms->alarms[0];
	CHECK_INT(a->state, YOKE__ALARM_STATE__ALARM_RESOLVED);
	CHECK_STR(a->cause, "loose cable");
	CHECK(a->acknowledged && a->resolved);
	client_reply_free(rp);
	teardown(&f);
}

/* The lead's acknowledgement sent by a raw terminal (the test keeps its
 * request number): answered, yoked killed, started again, the same bytes
 * sent again: the stored answer, and the alarm acknowledged once. */
static void
test_ack_replayed_after_kill(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	char num[32];
	size_t len;
	REQUIRE(setup(&f, 2));
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	andon_number(f.assy, "", true, "WO1-0001", num);
	REQUIRE(num[0]);
	/* The lead badges in at a station terminal of its own (TEST-1). */
	struct raw *r = harness_raw_new_as(f.y, "TEST-1@raw");
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn bi = YOKE__BADGE_IN__INIT;
	bi.station = (char *)"TEST-1";
	bi.badge = (char *)"300";
	harness_envelope(&rq, harness_raw_terminal(r), 1, NULL);
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &bi;
	uint8_t *b = harness_pack(&rq, &len);
	rp = harness_raw_call(r, b, len, 8000);
	free(b);
	if (rp && rp->status != OK)
		fprintf(stderr, "    lead badge-in: %s\n", rp->message);
	REQUIRE(rp && rp->status == OK);
	char *session = xstrdup(rp->badge_in->session);
	client_reply_free(rp);

	Yoke__AlarmAck a = YOKE__ALARM_ACK__INIT;
	Yoke__Signature s;
	a.number = num;
	a.cause = (char *)"worn nozzle";
	a.action = (char *)"nozzle replaced";
	a.signature = sig(&s, "300", HARNESS_PIN);
	Yoke__Request aq = YOKE__REQUEST__INIT;
	harness_envelope(&aq, harness_raw_terminal(r), 2, session);
	aq.body_case = YOKE__REQUEST__BODY_ALARM_ACK;
	aq.alarm_ack = &a;
	b = harness_pack(&aq, &len);
	rp = harness_raw_call(r, b, len, 8000);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	harness_yoked_kill(f.y);
	REQUIRE(harness_yoked_restart(f.y));
	harness_raw_free(r);
	r = harness_raw_new_as(f.y, "TEST-1@raw");
	rp = harness_raw_call(r, b, len, 8000);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);       /* the stored answer, not "acknowledged already" */
	client_reply_free(rp);
	free(b);
	struct client *lead = harness_client(f.y, "harness-lead2");
	REQUIRE(harness_sign_in(lead, "300"));
	CHECK_INT(state_of(lead, num), YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED);
	rp = harness_trace(lead, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_ALARM_ACKNOWLEDGED), 1);
	client_reply_free(rp);
	client_free(lead);
	harness_raw_free(r);
	free(session);
	/* The clients of the fixture talk to the restarted server (Lazy Pirate);
	 * ASSY-1 may work again. */
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")), OK);
	teardown(&f);
}

/* The listing: newest first, by state, open, station, since, number. */
static void
test_query_filters(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	char a1[32], a2[32], a3[32];
	REQUIRE(setup(&f, 1));
	andon_number(f.assy, "one", false, NULL, a1);
	andon_number(f.assy2, "two", false, NULL, a2);
	harness_sleep_ms(20);
	rp = query(f.lead, NULL, 0, NULL, 0, false);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_ALARMS);
	int64_t mid = rp->alarms->alarms[0]->raised->time_us + 1;
	client_reply_free(rp);
	harness_sleep_ms(20);
	andon_number(f.assy, "three", true, NULL, a3);
	REQUIRE(a1[0] && a2[0] && a3[0]);
	CHECK_INT(status_of(ack(f.lead, a1, "c", "a", "300", HARNESS_PIN)), OK);
	CHECK_INT(status_of(resolve(f.lead, a1, "done", NULL, NULL, "300")), OK);
	CHECK_INT(status_of(ack(f.lead, a3, "c", "a", "300", HARNESS_PIN)), OK);

	rp = query(f.assy, NULL, 0, NULL, 0, false);         /* an operator may read */
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_ALARMS);
	CHECK_INT(rp->alarms->n_alarms, 3);
	CHECK_INT(rp->alarms->matched, 3);
	if (rp->alarms->n_alarms == 3) {
		CHECK_INT(rp->alarms->alarms[0]->id, 3);
		CHECK_INT(rp->alarms->alarms[2]->id, 1);
	}
	client_reply_free(rp);
	rp = query(f.lead, NULL, YOKE__ALARM_STATE__ALARM_RAISED, NULL, 0, false);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->alarms->n_alarms, 1);
	if (rp->alarms->n_alarms == 1)
		CHECK_STR(rp->alarms->alarms[0]->detail, "two");
	client_reply_free(rp);
	rp = query(f.lead, NULL, 0, NULL, 0, true);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->alarms->n_alarms, 2);
	client_reply_free(rp);
	rp = query(f.lead, NULL, 0, "ASSY-1", 0, false);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->alarms->n_alarms, 2);
	client_reply_free(rp);
	rp = query(f.lead, NULL, YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED, "ASSY-1", 0, false);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->alarms->n_alarms, 1);
	client_reply_free(rp);
	rp = query(f.lead, NULL, 0, NULL, mid, false);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->alarms->n_alarms, 1);
	if (rp->alarms->n_alarms == 1)
		CHECK_STR(rp->alarms->alarms[0]->detail, "three");
	client_reply_free(rp);
	rp = query(f.lead, "alm-2", 0, NULL, 0, false);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->alarms->n_alarms, 1);
	client_reply_free(rp);
	CHECK_INT(status_of(query(f.lead, "ALM-2x", 0, NULL, 0, false)),
	    YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK_INT(status_of(query(f.lead, "ALM-000042", 0, NULL, 0, false)),
	    YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(query(f.lead, NULL, 9, NULL, 0, false)), YOKE__STATUS__STATUS_BAD_REQUEST);
	teardown(&f);
}

int
main(void)
{
	RUN(test_andon_raises);
	RUN(test_stop_and_release);
	RUN(test_two_stops_and_at_once);
	RUN(test_ack_replayed_after_kill);
	RUN(test_query_filters);
	return check_done();
}
