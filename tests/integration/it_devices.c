/*
 * it_devices.c — who a device is on the wire (PROTOCOL.md "Devices"): only
 * enrolled CURVE keys get past the handshake, and an unknown key is logged
 * with its key; the terminal id is the key's, never the one a request
 * names; a certificate binds a terminal to its stations; revoking works
 * without a restart; a second connection with the same key takes over and
 * the first is told it was replaced; plain mode serves loopback only; the
 * client numbers its requests above what the server stored, never by the
 * clock, and a number that jumps too far ahead is refused.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define OK YOKE__STATUS__STATUS_OK
#define WAIT_MS 5000

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

static uint8_t *
pack_hello(const char *terminal, uint64_t no, size_t *len)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	harness_envelope(&rq, terminal, no, NULL);
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	return harness_pack(&rq, len);
}

/* Waits up to ms for text to appear in yoked's log. */
static bool
log_shows(struct yoked *y, const char *text, int ms)
{
	int64_t end = mono_ms() + ms;
	for (;;) {
		char *log = harness_yoked_log(y);
		bool found = strstr(log, text) != NULL;
		free(log);
		if (found)
			return true;
		if (mono_ms() > end)
			return false;
		harness_sleep_ms(50);
	}
}

static void
test_unknown_key_refused_at_handshake(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	char key[CERT_KEY_LEN + 1], line[200];
	size_t len;
	REQUIRE(y != NULL);
	uint8_t *hello = pack_hello("", 0, &len);

	/* A key nobody enrolled: no answer at all, and the log names the key. */
	struct raw *r = harness_raw_stranger(y, key);
	Yoke__Reply *rp = harness_raw_call(r, hello, len, 1500);
	CHECK(rp == NULL);
	client_reply_free(rp);
	snprintf(line, sizeof line, "handshake refused: unknown key: not enrolled (key %s)", key);
	CHECK(log_shows(y, line, 2000));
	harness_raw_free(r);
	/* No CURVE at all. */
	r = harness_raw_stranger(y, NULL);
	rp = harness_raw_call(r, hello, len, 1500);
	CHECK(rp == NULL);
	client_reply_free(rp);
	CHECK(log_shows(y, "failed the ZMTP handshake", 2000));
	harness_raw_free(r);
	/* The same stranger retrying is logged once, not every time. */
	r = harness_raw_stranger(y, key);
	for (int i = 0; i < 3; i++) {
		rp = harness_raw_call(r, hello, len, 400);
		client_reply_free(rp);
	}
	char *log = harness_yoked_log(y);
	int times = 0;
	snprintf(line, sizeof line, "(key %s)", key);
	for (char *at = log; (at = strstr(at, line)) != NULL; at++)
		times++;
	CHECK_INT(times, 1);
	free(log);
	harness_raw_free(r);
	/* An enrolled device still gets in. */
	r = harness_raw_new_as(y, "ASSY-1@dev");
	rp = harness_raw_call(r, hello, len, WAIT_MS);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	harness_raw_free(r);
	free(hello);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_terminal_is_the_keys(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	size_t len;
	REQUIRE(y != NULL);
	rp = harness_release_eng(y, p, "WO1", "WIDGET", 1, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);

	struct client *a = harness_client_at(y, "ASSY-1@dev", "ASSY-1");
	struct client *b = harness_client_at(y, "ASSY-2@dev", "ASSY-2");
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(a, "WO1-0001")), OK);
	/* hello tells each connection who it is, and only its own number. */
	rp = harness_hello(b);
	REQUIRE(rp && rp->body_case == YOKE__REPLY__BODY_HELLO);
	CHECK_STR(rp->hello->terminal, "ASSY-2@dev");
	CHECK_INT(rp->hello->last_request_no, 0);
	client_reply_free(rp);
	rp = harness_hello(a);
	REQUIRE(rp && rp->body_case == YOKE__REPLY__BODY_HELLO);
	CHECK_STR(rp->hello->terminal, "ASSY-1@dev");
	CHECK_INT(rp->hello->last_request_no, 2);
	client_reply_free(rp);

	/* A request that names another terminal: refused, whatever it is. */
	struct raw *r = harness_raw_new_as(y, "ASSY-2@dev");
	uint8_t *buf = pack_hello("ASSY-1@dev", 0, &len);
	rp = harness_raw_call(r, buf, len, WAIT_MS);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK(strstr(rp->message, "This connection is terminal ASSY-2@dev") != NULL);
	client_reply_free(rp);
	free(buf);
	harness_raw_free(r);

	/* The trace names the terminal of the key. */
	rp = harness_trace(a, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_STR(rp->trace->events[rp->trace->n_events - 1]->terminal, "ASSY-1@dev");
	client_reply_free(rp);
	client_free(a);
	client_free(b);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_certificate_binds_stations(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	struct client *a = harness_client_at(y, "ASSY-1@bind", "ASSY-1");
	rp = harness_badge_in(a, "ASSY-2", "102");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK(strstr(rp->message, "may act as station ASSY-1 only") != NULL);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_badge_in(a, "", "900")), YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "102")), OK);
	client_free(a);
	/* A yokectl installation (no station) signs in at a desk, with a PIN. */
	struct client *d = harness_client_at(y, "desk@bind", "");
	CHECK_INT(status_of(harness_badge_in(d, "ASSY-1", "102")), YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK_INT(status_of(harness_badge_in(d, "", "900")), YOKE__STATUS__STATUS_PIN_REQUIRED);
	CHECK_INT(status_of(harness_badge_in_pin(d, "", "900", HARNESS_PIN)), OK);
	client_free(d);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_revoke_takes_effect_without_restart(void)
{
	/* A short idle time makes the sweep run every second. */
	static const char *const extra[] = { "--session-idle", "2s", NULL };
	struct plant *p;
	struct yoked *y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &p, extra);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	struct client *a = harness_client(y, "ASSY-1@revoke");
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "102")), OK);
	REQUIRE(harness_revoke(y, "ASSY-1@revoke"));
	/* The live connection: refused within a second or two, no restart. */
	int64_t end = mono_ms() + 3000;
	Yoke__Status st = OK;
	while (mono_ms() < end && (st = status_of(harness_queue(a, "ASSY-1"))) == OK)
		harness_sleep_ms(100);
	CHECK_INT(st, YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	CHECK(log_shows(y, "terminal ASSY-1@revoke is no longer enrolled (revoked)", 1000));
	client_free(a);
	/* A new connection with that key is refused at the handshake. */
	struct cert c;
	char path[400], err[300];
	snprintf(path, sizeof path, "%s/devices/ASSY-1@revoke.cert", y->keys);
	REQUIRE(cert_read(path, CERT_DEVICE, &c, err, sizeof err));
	struct client_options quick = { .timeout_ms = 400, .offline_after = 1, .cert = &c };
	a = client_new(y->endpoint, NULL, &quick);
	rp = harness_hello(a);
	CHECK(rp == NULL);
	client_reply_free(rp);
	client_free(a);
	/* The sweep dropped the retired terminal's record. */
	CHECK(log_shows(y, "terminal records dropped", 3000));
	/* Enrolled again: in again, still without a restart, from a clean slate. */
	REQUIRE(harness_enrol(y, "ASSY-1@revoke", "*", &c));
	a = harness_client(y, "ASSY-1@revoke");
	rp = harness_hello(a);
	CHECK(rp && rp->status == OK && rp->hello->last_request_no == 0);
	client_reply_free(rp);
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "102")), OK);
	client_free(a);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_newer_connection_takes_over(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	rp = harness_release_eng(y, p, "WO1", "WIDGET", 1, "2030-01-31", 0, NULL);
	CHECK_INT(status_of(rp), OK);
	struct client *old = harness_client(y, "ASSY-1@twice");
	CHECK_INT(status_of(harness_badge_in(old, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_open_unit(old, "WO1-0001")), OK);
	/* The same terminal started again (after a crash, or by mistake). */
	struct client *fresh = harness_client(y, "ASSY-1@twice");
	rp = harness_hello(fresh);
	REQUIRE(rp && rp->status == OK);
	CHECK(rp->hello->last_request_no >= 2);
	client_reply_free(rp);
	/* The older one is told, and stops sending. */
	rp = harness_step_confirm(old, "WO1-0001", 0);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_REPLACED);
	CHECK(strstr(rp->message, "replaced") != NULL);
	client_reply_free(rp);
	CHECK(client_replaced(old));
	CHECK(harness_step_confirm(old, "WO1-0001", 0) == NULL);
	/* The newer one works on: badges in (it lost the session) and goes on. */
	CHECK_INT(status_of(harness_step_confirm(fresh, "WO1-0001", 0)),
	    YOKE__STATUS__STATUS_NOT_BADGED_IN);
	CHECK_INT(status_of(harness_badge_in(fresh, "ASSY-1", "102")), OK);
	CHECK_INT(status_of(harness_step_confirm(fresh, "WO1-0001", 0)), OK);
	client_free(old);
	client_free(fresh);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_numbers_never_jump(void)
{
	struct plant *p;
	struct yoked *y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	/* The client numbers from hello's last number, one by one. */
	struct client *c = harness_client(y, "ASSY-1@num");
	for (int i = 0; i < 3; i++)
		CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	client_free(c);
	c = harness_client(y, "ASSY-1@num");
	CHECK_INT(status_of(harness_badge_in(c, "ASSY-1", "102")), OK);
	rp = harness_hello(c);
	REQUIRE(rp && rp->body_case == YOKE__REPLY__BODY_HELLO);
	CHECK_INT(rp->hello->last_request_no, 4);
	client_reply_free(rp);
	client_free(c);
	/* A number far ahead would make every later one stale: refused, not stored. */
	struct raw *r = harness_raw_new_as(y, "ASSY-1@num");
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	size_t len;
	b.station = (char *)"ASSY-1";
	b.badge = (char *)"102";
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	harness_envelope(&rq, "", 4 + 2000000, NULL);
	uint8_t *buf = harness_pack(&rq, &len);
	rp = harness_raw_call(r, buf, len, WAIT_MS);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK(strstr(rp->message, "jumps too far ahead") != NULL);
	client_reply_free(rp);
	free(buf);
	harness_envelope(&rq, "", 5, NULL);
	buf = harness_pack(&rq, &len);
	rp = harness_raw_call(r, buf, len, WAIT_MS);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	free(buf);
	harness_raw_free(r);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* yoked --plain on an address other machines reach: refused at start. */
static void
test_plain_only_on_loopback(void)
{
	char cmd[800], dir[] = "/tmp/yoke-plain.XXXXXX", out[400];
	REQUIRE(mkdtemp(dir) != NULL);
	snprintf(out, sizeof out, "%s/log", dir);
	snprintf(cmd, sizeof cmd, "%s --plain --data %s/data --listen tcp://0.0.0.0:7 2>%s",
	    harness_yoked_path(), dir, out);
	int rc = system(cmd);
	CHECK(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
	snprintf(cmd, sizeof cmd, "grep -q 'plain mode (no CURVE) serves loopback endpoints only' %s",
	    out);
	CHECK(system(cmd) == 0);
	/* Without keys and without --plain: it says what to run. */
	snprintf(cmd, sizeof cmd, "%s --data %s/data --listen tcp://127.0.0.1:7 2>%s",
	    harness_yoked_path(), dir, out);
	rc = system(cmd);
	CHECK(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
	snprintf(cmd, sizeof cmd, "grep -q 'yokectl keys init' %s", out);
	CHECK(system(cmd) == 0);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

int
main(void)
{
	RUN(test_unknown_key_refused_at_handshake);
	RUN(test_terminal_is_the_keys);
	RUN(test_certificate_binds_stations);
	RUN(test_revoke_takes_effect_without_restart);
	RUN(test_newer_connection_takes_over);
	RUN(test_numbers_never_jump);
	RUN(test_plain_only_on_loopback);
	return check_done();
}
