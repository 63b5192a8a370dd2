/*
 * it_people.c — who decides (PROTOCOL.md "People"): a signature is badge +
 * PIN, checked by the server and stored with the event it belongs to
 * (printed name, role, meaning, the server's time); wrong PINs count and
 * lock the badge; PINs are stored only as salted argon2id hashes and never
 * logged; an inspector may not sign an operation they worked; the roles
 * table decides every request; qualification is checked at every step; a
 * session belongs to its terminal, expires when idle, and a badge is at
 * one station at a time (the other station is told where it went).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "server/store/records.h"
#include "server/store/store.h"
#include "shared/arena.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define REFUSED YOKE__STATUS__STATUS_SIGNATURE_REFUSED
#define NOT_AUTHORIZED YOKE__STATUS__STATUS_NOT_AUTHORIZED

/* Step indexes of WIDGET op 10 (tests/data/plant-small). */
enum { S_INSTRUCT, S_BOARD, S_CELL, S_IC, S_SUPPLY, S_CHECK, S_INSPECT };

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

static bool
says(Yoke__Reply *rp, Yoke__Status st, const char *text)
{
	bool ok = rp && rp->status == st && strstr(rp->message, text) != NULL;
	if (!ok)
		fprintf(stderr, "  expected %s \"%s\", got %s \"%s\"\n", status_name(st), text,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
	client_reply_free(rp);
	return ok;
}

/* Works op 10 of the unit up to its inspection step. */
static bool
to_inspection(struct client *c, const char *serial, int n)
{
	char label[64];
	bool ok = status_of(harness_open_unit(c, serial)) == OK &&
	    status_of(harness_step_confirm(c, serial, S_INSTRUCT)) == OK;
	snprintf(label, sizeof label, "BOARD-1/PB%d", n);
	ok = ok && status_of(harness_step_scan(c, serial, S_BOARD, label)) == OK;
	snprintf(label, sizeof label, "CELL/PC%d-a", n);
	ok = ok && status_of(harness_step_scan(c, serial, S_CELL, label)) == OK;
	snprintf(label, sizeof label, "CELL/PC%d-b", n);
	ok = ok && status_of(harness_step_scan(c, serial, S_CELL, label)) == OK;
	return ok && status_of(harness_step_scan(c, serial, S_IC, "IC-555/L1")) == OK &&
	    status_of(harness_step_value(c, serial, S_SUPPLY, 5.0)) == OK &&
	    status_of(harness_step_pass(c, serial, S_CHECK, true)) == OK;
}

static struct yoked *
start(struct plant **p, const char *const *extra, int units)
{
	struct yoked *y = harness_start_loaded_args(HARNESS_SMALL_PLANT, p, extra);
	if (y && units && status_of(harness_release_eng(y, *p, "WO1", "WIDGET", (uint32_t)units,
	    "2030-01-31", 0, NULL)) != OK) {
		harness_yoked_free(y);
		return NULL;
	}
	return y;
}

static void
stop(struct yoked *y, struct plant *p)
{
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_signature_is_badge_and_pin(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 1);
	REQUIRE(y != NULL);
	struct client *c = harness_client(y, "ASSY-1@sign");
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	REQUIRE(to_inspection(c, "WO1-0001", 1));
	/* A typed inspector badge is not a signature. */
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", NULL, ""),
	    YOKE__STATUS__STATUS_INSPECTOR_REQUIRED, "A badge alone is no signature"));
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", "", ""),
	    YOKE__STATUS__STATUS_INSPECTOR_REQUIRED, "A badge alone is no signature"));
	/* A wrong PIN: refused and counted. */
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", "0000", ""),
	    REFUSED, "Wrong PIN for badge 200 (Ida Inspector): 4 tries left"));
	/* The right one signs. */
	int64_t before = now_us();
	CHECK_INT(status_of(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", HARNESS_PIN,
	    "looks right")), OK);
	Yoke__Reply *rp = harness_trace(c, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	const Yoke__Event *ev = rp->trace->events[rp->trace->n_events - 1];
	CHECK_INT(ev->kind, YOKE__EVENT_KIND__EVENT_INSPECTED);
	REQUIRE(ev->n_signatures == 1);
	const Yoke__SignatureRecord *sg = ev->signatures[0];
	CHECK_STR(sg->badge, "200");
	CHECK_STR(sg->name, "Ida Inspector");
	CHECK_INT(sg->role, YOKE__ROLE__ROLE_INSPECTOR);
	CHECK_STR(sg->meaning, "inspection passed");
	CHECK(sg->time_us >= before && sg->time_us <= now_us());
	CHECK_INT(sg->time_us, ev->time_us);
	client_reply_free(rp);
	/* The count was reset by the right PIN: four tries again. */
	CHECK_INT(status_of(harness_complete(c, "WO1-0001")), OK);
	client_free(c);
	stop(y, p);
}

static void
test_wrong_pins_lock_the_badge(void)
{
	static const char *const extra[] = { "--pin-tries", "3", "--pin-lock", "3s", NULL };
	struct plant *p;
	struct yoked *y = start(&p, extra, 1);
	REQUIRE(y != NULL);
	struct client *c = harness_client(y, "ASSY-1@lock");
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	REQUIRE(to_inspection(c, "WO1-0001", 1));
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", "Wr0ng-1", ""),
	    REFUSED, "2 tries left"));
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", "Wr0ng-2", ""),
	    REFUSED, "1 try left"));
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", "Wr0ng-3", ""),
	    REFUSED, "3 wrong PINs in a row lock it until"));
	/* Locked: even the right PIN is refused, for a sign-in too. */
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", HARNESS_PIN, ""),
	    REFUSED, "is locked until"));
	struct client *d = harness_client(y, "engineer@lock");
	CHECK(says(harness_badge_in_pin(d, "", "200", HARNESS_PIN), REFUSED, "is locked until"));
	/* Another inspector is not locked. */
	CHECK_INT(status_of(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "201", HARNESS_PIN,
	    "")), OK);
	/* After the lock time the badge signs again. */
	harness_sleep_ms(3200);
	CHECK_INT(status_of(harness_badge_in_pin(d, "", "200", HARNESS_PIN)), OK);
	client_free(d);
	client_free(c);
	/* No PIN, right or wrong, is in the log. */
	char *log = harness_yoked_log(y);
	CHECK(strstr(log, "Wr0ng-") == NULL);
	free(log);
	stop(y, p);
}

/* The store holds argon2id hashes, salted: the same PIN hashes apart. */
static void
test_pins_stored_as_slow_salted_hashes(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 0);
	struct store *st;
	struct txn t;
	struct arena a;
	char err[300];
	REQUIRE(y != NULL);
	CHECK_INT(harness_yoked_stop(y), 0);
	REQUIRE(store_open(&st, y->data, err, sizeof err) == 0);
	REQUIRE(store_begin_read(st, &t) == STORE_OK);
	arena_init(&a);
	Yoke__CredentialRecord *c200 = NULL, *c201 = NULL;
	CHECK_INT(REC_GET(&t, &a, T_CREDENTIAL, "200", yoke__credential_record, &c200), STORE_OK);
	CHECK_INT(REC_GET(&t, &a, T_CREDENTIAL, "201", yoke__credential_record, &c201), STORE_OK);
	if (c200 && c201) {
		CHECK(strncmp(c200->hash, "$argon2id$", 10) == 0);
		CHECK(strstr(c200->hash, HARNESS_PIN) == NULL);
		CHECK(strcmp(c200->hash, c201->hash) != 0);     /* same PIN, its own salt */
		CHECK(c200->set_by_admin);
	}
	/* Operators who never sign have no PIN at all. */
	Yoke__CredentialRecord *c100 = NULL;
	CHECK_INT(REC_GET(&t, &a, T_CREDENTIAL, "100", yoke__credential_record, &c100), STORE_NOTFOUND);
	store_abort(&t);
	arena_free(&a);
	store_close(st);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_pins_set_and_changed(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 0);
	REQUIRE(y != NULL);
	/* Only an admin sets a PIN. */
	struct client *eng = harness_client(y, "engineer@pins");
	CHECK(says(harness_set_pin(eng, "100", "5555"), NOT_AUTHORIZED, "needs an admin"));
	struct client *adm = harness_client_at(y, "admin@pins", "");
	REQUIRE(harness_sign_in(adm, "901"));
	CHECK(says(harness_set_pin(adm, "100", "12"), YOKE__STATUS__STATUS_BAD_REQUEST, "4 to 16"));
	CHECK(says(harness_set_pin(adm, "999", "5555"), YOKE__STATUS__STATUS_NOT_FOUND, "999"));
	CHECK_INT(status_of(harness_set_pin(adm, "100", "5555")), OK);
	/* The person changes it at a terminal: no session, the old PIN is the proof. */
	struct client *t = harness_client(y, "ASSY-1@pins");
	CHECK(says(harness_change_pin(t, "100", "5556", "7777"), REFUSED, "Wrong PIN"));
	CHECK(says(harness_change_pin(t, "100", "5555", "5555"), YOKE__STATUS__STATUS_BAD_REQUEST,
	    "old one"));
	CHECK_INT(status_of(harness_change_pin(t, "100", "5555", "7777")), OK);
	CHECK(says(harness_badge_in_pin(t, "ASSY-1", "100", "5555"), REFUSED, "Wrong PIN"));
	CHECK_INT(status_of(harness_badge_in_pin(t, "ASSY-1", "100", "7777")), OK);
	/* The badge-in says when an admin set the PIN. */
	Yoke__Reply *rp = harness_badge_in(t, "ASSY-1", "102");
	CHECK(rp && rp->status == OK && !rp->badge_in->pin_set_by_admin);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_set_pin(adm, "102", "4321")), OK);
	rp = harness_badge_in(t, "ASSY-1", "102");
	CHECK(rp && rp->status == OK && rp->badge_in->pin_set_by_admin &&
	    strstr(rp->message, "@PIN") != NULL);
	client_reply_free(rp);
	client_free(t);
	client_free(adm);
	client_free(eng);
	stop(y, p);
}

static void
test_inspector_does_not_sign_own_work(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 1);
	REQUIRE(y != NULL);
	struct client *c = harness_client(y, "ASSY-1@sod");
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "200")), OK);   /* an inspector works */
	REQUIRE(to_inspection(c, "WO1-0001", 1));
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", HARNESS_PIN, ""),
	    REFUSED, "worked op 10 on unit WO1-0001 and cannot sign its inspection"));
	/* Even after handing the terminal to someone else. */
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	CHECK(says(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "200", HARNESS_PIN, ""),
	    REFUSED, "cannot sign its inspection"));
	CHECK_INT(status_of(harness_step_signed(c, "WO1-0001", S_INSPECT, true, "201", HARNESS_PIN,
	    "")), OK);
	client_free(c);
	stop(y, p);
}

static void
test_roles_decide_every_request(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 1);
	REQUIRE(y != NULL);
	/* An operator may not release or load (desk or station alike). */
	struct client *op = harness_client(y, "ASSY-1@roles");
	CHECK_INT(status_of(harness_badge_in(op, "ASSY-1", "102")), OK);
	CHECK(says(harness_release(op, "WO2", "WIDGET", 1, "2030-01-31", 0, NULL), NOT_AUTHORIZED,
	    "Releasing a work order needs an engineer or an admin; Cy Allround (102) is an operator"));
	CHECK(says(harness_plant_load(op, p), NOT_AUTHORIZED, "Loading definitions needs"));
	CHECK(says(harness_set_pin(op, "102", "9999"), NOT_AUTHORIZED, "Setting a PIN needs an admin"));
	/* A lead watches; units are worked by operators and inspectors. */
	CHECK_INT(status_of(harness_badge_in(op, "ASSY-1", "300")), OK);
	CHECK(says(harness_open_unit(op, "WO1-0001"), NOT_AUTHORIZED,
	    "Opening a unit needs an operator or an inspector"));
	client_free(op);
	/* An engineer at a desk may release, not work a unit. */
	struct client *eng = harness_client(y, "engineer@roles");
	CHECK_INT(status_of(harness_release(eng, "WO2", "WIDGET", 1, "2030-01-31", 0, NULL)), OK);
	CHECK(says(harness_open_unit(eng, "WO2-0001"), NOT_AUTHORIZED, "needs an operator"));
	/* Without a session: NOT_BADGED_IN for what needs a person. */
	struct client *nobody = harness_client_at(y, "nobody@roles", "");
	CHECK_INT(status_of(harness_release(nobody, "WO3", "WIDGET", 1, "2030-01-31", 0, NULL)),
	    YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_queue(nobody, "ASSY-1")), OK);      /* reads need a device only */
	client_free(nobody);
	client_free(eng);
	stop(y, p);
}

/* The server keeps decoded operators and stations between requests: a
 * load that changes a person badged in right now (their role, their
 * language) counts from that person's next request, in the session they
 * already have. */
static void
test_a_load_changes_a_person_at_work(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 2);
	REQUIRE(y != NULL);
	static const char *const names[] = { "people.def" };
	static const char *const lead[] = { "operator 102 \"Cy Allround\" role=lead\n" };
	static const char *const back[] = {
		"operator 102 \"Cy Allround\" role=operator qualified=WIDGET/* lang=zh_CN\n" };
	struct client *c = harness_client(y, "ASSY-1@reload");
	struct client *eng = harness_client(y, "engineer@reload");
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(c, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_load_files(eng, names, lead, 1, false)), OK);
	CHECK(says(harness_open_unit(c, "WO1-0002"), NOT_AUTHORIZED,
	    "Opening a unit needs an operator or an inspector; Cy Allround (102) is a lead"));
	CHECK_INT(status_of(harness_load_files(eng, names, back, 1, false)), OK);
	/* An operator again, and the words now in the person's language. */
	CHECK_INT(status_of(harness_open_unit(c, "WO1-0002")), OK);
	CHECK(says(harness_release(c, "WO9", "WIDGET", 1, "2030-01-31", 0, NULL), NOT_AUTHORIZED,
	    "下达工单"));
	client_free(eng);
	client_free(c);
	stop(y, p);
}

static void
test_qualification_at_every_step(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 1);
	REQUIRE(y != NULL);
	/* Di (103) is qualified for GIZMO op 10 at ASSY only. */
	char path[300];
	snprintf(path, sizeof path, "%s/gizmo", HARNESS_SMALL_PLANT);
	struct plant *g = harness_plant_read(path);
	REQUIRE(g != NULL);
	struct client *eng = harness_client(y, "engineer@qual");
	CHECK_INT(status_of(harness_plant_load(eng, g)), OK);
	struct client *c = harness_client(y, "ASSY-1@qual");
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(c, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_step_confirm(c, "WO1-0001", S_INSTRUCT)), OK);
	/* Di takes the terminal: the unit stays open here, but not for Di. */
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "103")), OK);
	CHECK(says(harness_step_scan(c, "WO1-0001", S_BOARD, "BOARD-1/Q1"),
	    YOKE__STATUS__STATUS_NOT_QUALIFIED, "Di Gizmo is not qualified for WIDGET op 10"));
	CHECK(says(harness_complete(c, "WO1-0001"), YOKE__STATUS__STATUS_NOT_QUALIFIED,
	    "not qualified"));
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_step_scan(c, "WO1-0001", S_BOARD, "BOARD-1/Q1")), OK);
	client_free(c);
	client_free(eng);
	harness_plant_free(g);
	stop(y, p);
}

static void
test_sessions_belong_to_a_terminal(void)
{
	static const char *const extra[] = { "--session-idle", "2s", NULL };
	struct plant *p;
	struct yoked *y = start(&p, extra, 2);
	Yoke__Reply *rp;
	char token[80];
	REQUIRE(y != NULL);
	struct client *a = harness_client(y, "ASSY-1@own");
	struct client *b = harness_client(y, "ASSY-2@own");
	rp = harness_badge_in(a, "ASSY-1", "102");
	REQUIRE(rp && rp->status == OK);
	snprintf(token, sizeof token, "%s", rp->badge_in->session);
	CHECK_INT(rp->badge_in->session_idle_minutes, 1);
	client_reply_free(rp);
	/* Another terminal with the token: refused, the token is not its own. */
	client_set_session(b, token);
	CHECK_INT(status_of(harness_open_unit(b, "WO1-0001")), YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_open_unit(a, "WO1-0001")), OK);
	/* Idle longer than --session-idle: over, with the reason. */
	harness_sleep_ms(2300);
	CHECK(says(harness_step_confirm(a, "WO1-0001", S_INSTRUCT), YOKE__STATUS__STATUS_NOT_BADGED_IN,
	    "2 seconds without work"));
	/* The sweep ends it in the store too, and the next request is told why. */
	harness_sleep_ms(1500);
	CHECK(says(harness_step_confirm(a, "WO1-0001", S_INSTRUCT), YOKE__STATUS__STATUS_NOT_BADGED_IN,
	    "expired after 2 seconds without work"));
	char *log = harness_yoked_log(y);
	CHECK(strstr(log, "sessions expired") != NULL);
	free(log);
	client_free(a);
	client_free(b);
	stop(y, p);
}

static void
test_badge_is_at_one_station(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL, 1);
	REQUIRE(y != NULL);
	struct client *a = harness_client(y, "ASSY-1@one");
	struct client *b = harness_client(y, "ASSY-2@one");
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(a, "WO1-0001")), OK);
	client_subscribe(a, "terminal/ASSY-1@one");
	harness_sleep_ms(300);
	CHECK_INT(status_of(harness_hello(a)), OK);   /* the notice socket is connected */
	harness_sleep_ms(300);
	CHECK_INT(status_of(harness_badge_in(b, "ASSY-2", "102")), OK);
	/* A's screen is told at once where the badge went ... */
	Yoke__Notice *n = harness_notice_wait(a, 3000);
	REQUIRE(n != NULL);
	CHECK_STR(n->topic, "terminal/ASSY-1@one");
	CHECK(strstr(n->text, "badged in at station ASSY-2") != NULL);
	yoke__notice__free_unpacked(n, NULL);
	/* ... and its next request too. */
	CHECK(says(harness_step_confirm(a, "WO1-0001", S_INSTRUCT), YOKE__STATUS__STATUS_NOT_BADGED_IN,
	    "badged in at station ASSY-2 (terminal ASSY-2@one)"));
	/* The unit stays with the work; whoever badges in at A goes on. */
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "100")), OK);
	CHECK_INT(status_of(harness_step_confirm(a, "WO1-0001", S_INSTRUCT)), OK);
	client_free(a);
	client_free(b);
	stop(y, p);
}

int
main(void)
{
	RUN(test_signature_is_badge_and_pin);
	RUN(test_wrong_pins_lock_the_badge);
	RUN(test_pins_stored_as_slow_salted_hashes);
	RUN(test_pins_set_and_changed);
	RUN(test_inspector_does_not_sign_own_work);
	RUN(test_roles_decide_every_request);
	RUN(test_a_load_changes_a_person_at_work);
	RUN(test_qualification_at_every_step);
	RUN(test_sessions_belong_to_a_terminal);
	RUN(test_badge_is_at_one_station);
	return check_done();
}
