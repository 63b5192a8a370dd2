/*
 * it_malformed.c — whatever a peer sends, yoked does not crash: random
 * bytes, an empty frame, a truncated Request, a wrong version, no body,
 * several frames of garbage (and the device that sent them is blocked), a
 * frame over the 4 MiB limit, strings with invalid UTF-8, control
 * characters or a NUL where a serial, a lot, a note or a badge belongs,
 * and, in plain mode, terminal ids that are not ids. After each, a fresh
 * client still gets an answer to Hello, and nothing of the bad input is
 * stored.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define WAIT_MS 5000

static struct yoked *
start(struct plant **p)
{
	return harness_start_loaded(HARNESS_SMALL_PLANT, p);
}

/* The server is alive and well: a fresh DEALER gets a Hello answer. */
static bool
answers_hello(struct yoked *y)
{
	struct client *c = harness_client(y, "probe@malformed");
	Yoke__Reply *rp = harness_hello(c);
	bool ok = rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_HELLO &&
	    rp->hello->server_version == YOKE_PROTOCOL_VERSION;
	client_reply_free(rp);
	client_free(c);
	return ok && harness_yoked_alive(y);
}

static void
finish(struct yoked *y, struct plant *p)
{
	CHECK(answers_hello(y));
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* A reply's words must be UTF-8 whatever bytes the request held: proto3
 * decoders in other languages refuse a string that is not. */
static bool
words_ok(const Yoke__Reply *rp)
{
	if (rp && !utf8_valid(rp->message, strlen(rp->message))) {
		fprintf(stderr, "  reply message is not UTF-8: \"%s\"\n", rp->message);
		return false;
	}
	return true;
}

static void
test_random_bytes(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	unsigned seed = 12345;
	int answered = 0, bad = 0;
	REQUIRE(y != NULL);
	struct raw *r = harness_raw_new(y);
	/* One at a time: a peer gets at most a few requests into one batch (the
	 * rest are dropped, it has to retry), and this one should be answered. */
	for (int i = 0; i < 300; i++) {
		size_t len = 1 + (size_t)(rand_r(&seed) % 400), glen;
		uint8_t *buf = xmalloc(len), *got;
		for (size_t k = 0; k < len; k++)
			buf[k] = (uint8_t)rand_r(&seed);
		CHECK(harness_raw_send1(r, buf, len));
		free(buf);
		/* Every message gets an answer: BAD_REQUEST when it is not a
		 * Request, or the status of whatever it decoded to. */
		if ((got = harness_raw_recv(r, 1500, &glen)) == NULL)
			continue;
		Yoke__Reply *rp = yoke__reply__unpack(NULL, glen, got);
		CHECK(rp != NULL);
		CHECK(words_ok(rp));
		if (rp) {
			answered++;
			bad += rp->status == YOKE__STATUS__STATUS_BAD_REQUEST;
		}
		client_reply_free(rp);
		free(got);
	}
	CHECK(answered > 250);
	CHECK(bad > 100);
	harness_raw_free(r);
	finish(y, p);
}

static void
test_empty_frame(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	REQUIRE(y != NULL);
	struct raw *r = harness_raw_new(y);
	/* An empty frame decodes as a Request with every field empty:
	 * version 0, so the server says it speaks version 1. */
	Yoke__Reply *rp = harness_raw_call(r, "", 0, WAIT_MS);
	CHECK(rp != NULL);
	if (rp)
		CHECK_INT(rp->status, YOKE__STATUS__STATUS_UNSUPPORTED_VERSION);
	client_reply_free(rp);
	/* An empty delimiter and nothing after it. */
	const void *frames[] = { "", "" };
	const size_t lens[] = { 0, 0 };
	CHECK(harness_raw_send(r, frames, lens, 2));
	harness_raw_free(r);
	finish(y, p);
}

static void
test_truncated_request(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	size_t len;
	REQUIRE(y != NULL);
	harness_envelope(&rq, "ASSY-1@trunc", 7, NULL);
	b.station = (char *)"ASSY-1";
	b.badge = (char *)"100";
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	uint8_t *buf = harness_pack(&rq, &len);
	struct raw *r = harness_raw_new_as(y, "ASSY-1@trunc");
	int bad = 0, replies = 0;
	/* Every cut that ends inside a field is not a Request. */
	for (size_t cut = 1; cut < len; cut++) {
		Yoke__Reply *rp = harness_raw_call(r, buf, cut, WAIT_MS);
		if (rp) {
			replies++;
			bad += rp->status == YOKE__STATUS__STATUS_BAD_REQUEST;
			CHECK(rp->status != OK);
		}
		client_reply_free(rp);
	}
	CHECK_INT(replies, (int)len - 1);
	CHECK(bad > 0);
	/* The whole request is fine: the terminal's number 7 was never stored
	 * by any of the cut copies. */
	Yoke__Reply *rp = harness_raw_call(r, buf, len, WAIT_MS);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	free(buf);
	harness_raw_free(r);
	finish(y, p);
}

static void
test_other_versions(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	size_t len;
	REQUIRE(y != NULL);
	struct raw *r = harness_raw_new(y);
	/* Version 1 (no signatures, any terminal id) and a future 3. */
	for (uint32_t v = 1; v <= 3; v += 2) {
		harness_envelope(&rq, "", 42, NULL);
		rq.version = v;
		rq.body_case = YOKE__REQUEST__BODY_HELLO;
		rq.hello = &h;
		uint8_t *buf = harness_pack(&rq, &len);
		Yoke__Reply *rp = harness_raw_call(r, buf, len, WAIT_MS);
		REQUIRE(rp != NULL);
		CHECK_INT(rp->status, YOKE__STATUS__STATUS_UNSUPPORTED_VERSION);
		CHECK_INT(rp->request_no, 42);
		CHECK(strstr(rp->message, "version 2") != NULL);
		CHECK_INT(rp->body_case, YOKE__REPLY__BODY__NOT_SET);
		client_reply_free(rp);
		free(buf);
	}
	harness_raw_free(r);
	finish(y, p);
}

static void
test_no_body(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	size_t len;
	REQUIRE(y != NULL);
	harness_envelope(&rq, "nobody@malformed", 5, NULL);
	uint8_t *buf = harness_pack(&rq, &len);
	struct raw *r = harness_raw_new(y);
	Yoke__Reply *rp = harness_raw_call(r, buf, len, WAIT_MS);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_UNKNOWN_REQUEST);
	CHECK_INT(rp->request_no, 5);
	client_reply_free(rp);
	free(buf);
	/* A body number this server does not know (field 99, a varint). */
	uint8_t unknown[] = { 0x08, 0x02, 0x18, 0x06, 0x98, 0x06, 0x01 };
	rp = harness_raw_call(r, unknown, sizeof unknown, WAIT_MS);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_UNKNOWN_REQUEST);
	client_reply_free(rp);
	/* A write without a terminal id or number. */
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	harness_envelope(&rq, "", 0, NULL);
	b.station = (char *)"ASSY-1";
	b.badge = (char *)"100";
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	buf = harness_pack(&rq, &len);
	rp = harness_raw_call(r, buf, len, WAIT_MS);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	free(buf);
	harness_raw_free(r);
	finish(y, p);
}

static void
test_multi_frame_garbage(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	REQUIRE(y != NULL);
	struct raw *r = harness_raw_new_as(y, "ASSY-1@frames");
	const void *frames[] = { "abc", "\x00\x01\x02", "more garbage", "" };
	const size_t lens[] = { 3, 3, 12, 0 };
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	size_t rl, len;
	harness_envelope(&rq, "", 0, NULL);
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	uint8_t *buf = harness_pack(&rq, &rl);
	/* Connected first, so what follows goes out at once. */
	Yoke__Reply *rp = harness_raw_call(r, buf, rl, WAIT_MS);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	for (int n = 2; n <= 4; n++)
		CHECK(harness_raw_send(r, frames, lens, n));
	/* Dropped, not answered (PROTOCOL.md: a peer that breaks the protocol
	 * is logged and its message dropped) ... */
	uint8_t *got = harness_raw_recv(r, 1000, &len);
	CHECK(got == NULL);
	free(got);
	/* ... and its device is blocked for a while: refused even with a
	 * well-formed request. */
	rp = harness_raw_call(r, buf, rl, WAIT_MS);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	client_reply_free(rp);
	char *log = harness_yoked_log(y);
	CHECK(strstr(log, "terminal ASSY-1@frames blocked") != NULL);
	free(log);
	harness_raw_free(r);
	/* Another device: a delimiter and a real request is the REQ shape,
	 * answered in the same shape (delimiter, reply). */
	r = harness_raw_new(y);
	const void *f2[] = { "", buf };
	const size_t l2[] = { 0, rl };
	CHECK(harness_raw_send(r, f2, l2, 2));
	got = harness_raw_recv(r, WAIT_MS, &len);
	CHECK(got != NULL);
	if (got) {
		rp = yoke__reply__unpack(NULL, len, got);
		CHECK(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_HELLO);
		client_reply_free(rp);
	}
	free(got);
	free(buf);
	harness_raw_free(r);
	finish(y, p);
}

static void
test_huge_frame_cuts_the_peer(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	REQUIRE(y != NULL);
	struct raw *r = harness_raw_new(y);
	size_t len = (5u << 20);
	uint8_t *buf = xcalloc(1, len);
	/* Make sure it is connected first, so the frame goes out at once. */
	Yoke__Reply *rp = harness_raw_call(r, "", 0, WAIT_MS);
	CHECK(rp != NULL);
	client_reply_free(rp);
	CHECK(harness_raw_send1(r, buf, len));
	CHECK(harness_raw_wait_disconnect(r, WAIT_MS));
	free(buf);
	harness_raw_free(r);
	finish(y, p);
}

static void
test_bad_strings_in_fields(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	struct client *c = harness_client(y, "ASSY-1@strings");
	rp = harness_release_eng(y, p, "WO1", "WIDGET", 1, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	/* Badges that are not badges. */
	const char *badges[] = { "\xff\xfe\xfd", "10\x1b[2J", "1\n00", "\xc3\x28", "" };
	for (size_t i = 0; i < sizeof badges / sizeof badges[0]; i++) {
		rp = harness_badge_in(c, "ASSY-1", badges[i]);
		REQUIRE(rp != NULL);
		CHECK(words_ok(rp));
		CHECK(rp->status == YOKE__STATUS__STATUS_BAD_REQUEST ||
		    rp->status == YOKE__STATUS__STATUS_NOT_FOUND);
		client_reply_free(rp);
	}
	rp = harness_badge_in(c, "ASSY\x01-1", "100");
	CHECK(rp && rp->status != OK);
	CHECK(words_ok(rp));
	client_reply_free(rp);
	rp = harness_badge_in(c, "ASSY-1", "100");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	/* Serials that are not serials. */
	const char *serials[] = { "WO1-0001\x07", "\xed\xa0\x80", "WO1/0001", "WO1-0001\x1b[0m", "" };
	for (size_t i = 0; i < sizeof serials / sizeof serials[0]; i++) {
		rp = harness_open_unit(c, serials[i]);
		REQUIRE(rp != NULL);
		CHECK(words_ok(rp));
		CHECK(rp->status == YOKE__STATUS__STATUS_BAD_REQUEST ||
		    rp->status == YOKE__STATUS__STATUS_NOT_FOUND);
		client_reply_free(rp);
		rp = harness_trace(c, serials[i]);
		CHECK(words_ok(rp));
		CHECK(rp && (rp->status == YOKE__STATUS__STATUS_BAD_REQUEST ||
		    rp->status == YOKE__STATUS__STATUS_NOT_FOUND));
		client_reply_free(rp);
	}
	/* Component scans with control characters or bad UTF-8. */
	rp = harness_open_unit(c, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_step_confirm(c, "WO1-0001", 0);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	const char *scans[] = { "BOARD-1/B\x01Z", "BOARD-1/\xff\xfe", "BOARD-1\x1b/B1", "\x7f",
		"BOARD-1/", "/B1", "BOARD-1/B1/B2", "BOARD-1/B1\t\x02" };
	for (size_t i = 0; i < sizeof scans / sizeof scans[0]; i++) {
		rp = harness_step_scan(c, "WO1-0001", 1, scans[i]);
		REQUIRE(rp != NULL);
		CHECK(words_ok(rp));
		CHECK(rp->status == YOKE__STATUS__STATUS_BAD_SCAN ||
		    rp->status == YOKE__STATUS__STATUS_WRONG_PART ||
		    rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
		if (rp->status == OK)
			fprintf(stderr, "  bad scan %zu was accepted\n", i);
		client_reply_free(rp);
	}
	/* Scanner suffixes are stripped: a good scan. */
	rp = harness_step_scan(c, "WO1-0001", 1, "BOARD-1/B1\r\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	/* Only the one good scan is stored, and its serial is clean. */
	rp = harness_trace(c, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 1);
	for (size_t i = 0; i < rp->trace->n_events; i++)
		if (rp->trace->events[i]->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED)
			CHECK_STR(rp->trace->events[i]->component_serial, "B1");
	client_reply_free(rp);
	client_free(c);
	finish(y, p);
}

/* Free text from outside (an inspection note, a terminal id, a definition
 * file's name) is stored only when it is valid UTF-8 without control
 * characters, so every stored event decodes in any protobuf library. */
static void
test_bad_text_is_not_stored(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);

	/* A definition file name with a control character. */
	struct client *c = harness_client(y, "ASSY-1@text");
	struct client *eng = harness_client(y, "engineer@text");
	const char *names[] = { "bad\x01.def" }, *texts[] = { "station X-1 kind=ASSY \"X\"\n" };
	rp = harness_load_files(eng, names, texts, 1, false);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	rp = harness_badge_in(c, "X-1", "102");   /* nothing of it was stored */
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_FOUND);
	client_reply_free(rp);

	/* Inspection notes: up to the inspection step of WIDGET op 10. */
	rp = harness_release(eng, "WO1", "WIDGET", 1, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_badge_in(c, "ASSY-1", "102");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	Yoke__Reply *steps[] = {
		harness_open_unit(c, "WO1-0001"),
		harness_step_confirm(c, "WO1-0001", 0),
		harness_step_scan(c, "WO1-0001", 1, "BOARD-1/B9"),
		harness_step_scan(c, "WO1-0001", 2, "CELL/C9a"),
		harness_step_scan(c, "WO1-0001", 2, "CELL/C9b"),
		harness_step_scan(c, "WO1-0001", 3, "IC-555/L1"),
		harness_step_value(c, "WO1-0001", 4, 5.0),
		harness_step_pass(c, "WO1-0001", 5, true),
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		CHECK(steps[i] && steps[i]->status == OK);
		client_reply_free(steps[i]);
	}
	char longnote[700];
	memset(longnote, 'n', sizeof longnote - 1);
	longnote[sizeof longnote - 1] = '\0';
	const char *bad[] = { "\xff\xfe", "ok\x07", "line\nbreak", longnote };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rp = harness_step_inspection(c, "WO1-0001", 6, true, "200", bad[i]);
		REQUIRE(rp != NULL);
		CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_REQUEST);
		CHECK(words_ok(rp));
		client_reply_free(rp);
	}
	rp = harness_step_inspection(c, "WO1-0001", 6, true, "200", "针脚无弯曲 pins straight");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	rp = harness_trace(c, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_INSPECTED), 1);
	for (size_t i = 0; i < rp->trace->n_events; i++)
		if (rp->trace->events[i]->kind == YOKE__EVENT_KIND__EVENT_INSPECTED)
			CHECK_STR(rp->trace->events[i]->detail, "针脚无弯曲 pins straight");
	client_reply_free(rp);
	client_free(c);
	client_free(eng);
	finish(y, p);
}

/* Packs rq, then turns the '#' of the text `marker` (a field's value) into
 * a NUL: protobuf-c packs C strings, so a NUL inside a field can only be put
 * there by hand (and only there: a lone '#' byte may be a length). */
static uint8_t *
pack_with_nul(const Yoke__Request *rq, size_t *len, const char *marker)
{
	uint8_t *buf = harness_pack(rq, len);
	size_t ml = strlen(marker);
	const char *hash = strchr(marker, '#');
	for (size_t i = 0; hash && i + ml <= *len; i++)
		if (memcmp(buf + i, marker, ml) == 0) {
			buf[i + (size_t)(hash - marker)] = 0;
			break;
		}
	return buf;
}

/* A NUL inside any string field is refused with the field's name, never
 * stored cut: a lot "L<NUL>X" is not the lot "L", a note cannot hide an
 * escape sequence behind a NUL. */
static void
test_nul_in_strings_refused(void)
{
	struct plant *p;
	struct yoked *y = start(&p);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	rp = harness_release_eng(y, p, "WO1", "WIDGET", 1, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	struct client *c = harness_client(y, "ASSY-1@nul");
	rp = harness_badge_in(c, "ASSY-1", "102");
	REQUIRE(rp && rp->status == OK);
	char session[80];
	snprintf(session, sizeof session, "%s", rp->badge_in->session);
	client_reply_free(rp);
	rp = harness_open_unit(c, "WO1-0001");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_step_confirm(c, "WO1-0001", 0);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	client_free(c);

	struct raw *r = harness_raw_new_as(y, "ASSY-1@nul");
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord st = YOKE__STEP_RECORD__INIT;
	uint64_t no = 100;
	size_t len;
	/* A serial-tracked board "B#X": if cut at the NUL it would be board "B". */
	harness_envelope(&rq, "", no++, session);
	st.serial = (char *)"WO1-0001";
	st.step = 1;
	st.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
	st.scan = (char *)"BOARD-1/B#X";
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &st;
	uint8_t *buf = pack_with_nul(&rq, &len, "BOARD-1/B#X");
	rp = harness_raw_call(r, buf, len, WAIT_MS);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK(strstr(rp->message, "field step.scan") != NULL);
	CHECK(strstr(rp->message, "NUL") != NULL);
	CHECK(words_ok(rp));
	client_reply_free(rp);
	free(buf);
	/* The session token itself, and a badge. */
	char bad_session[90];
	snprintf(bad_session, sizeof bad_session, "%s#", session);
	harness_envelope(&rq, "", no++, bad_session);
	st.scan = (char *)"BOARD-1/B1";
	buf = pack_with_nul(&rq, &len, bad_session);
	rp = harness_raw_call(r, buf, len, WAIT_MS);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST && strstr(rp->message, "field session"));
	client_reply_free(rp);
	free(buf);
	harness_raw_free(r);
	/* Nothing of it was stored; the real scan goes through. */
	c = harness_client(y, "ASSY-1@nul");
	client_set_session(c, session);
	rp = harness_trace(c, "WO1-0001");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(harness_count_events(rp->trace, YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED), 0);
	client_reply_free(rp);
	rp = harness_step_scan(c, "WO1-0001", 1, "BOARD-1/B");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	client_free(c);
	finish(y, p);
}

/* Plain mode (no CURVE, loopback only): the request names its terminal,
 * so the id is checked like any text from outside. */
static void
test_plain_terminal_ids(void)
{
	static const char *const extra[] = { "--plain", NULL };
	struct plant *p;
	struct yoked *y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &p, extra);
	Yoke__Reply *rp;
	REQUIRE(y != NULL);
	CHECK(y->plain);
	/* An id with bad bytes may not even ask: its text is not UTF-8. */
	struct client *odd = harness_client(y, "\xff\x01terminal");
	rp = harness_hello(odd);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	client_free(odd);
	/* Printable but with a space: may ask, may not change anything. */
	odd = harness_client(y, "two words");
	rp = harness_hello(odd);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_badge_in(odd, "ASSY-1", "102");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK(strstr(rp->message, "terminal id") != NULL);
	client_reply_free(rp);
	client_free(odd);
	/* "A<NUL>one" is not "A": refused, and "A"'s record is untouched. */
	struct client *a = harness_client(y, "A");
	rp = harness_badge_in(a, "ASSY-1", "102");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	rp = harness_hello(a);
	uint64_t last = rp && rp->hello ? rp->hello->last_request_no : 0;
	client_reply_free(rp);
	CHECK(last > 0);
	struct raw *r = harness_raw_new(y);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	size_t len;
	harness_envelope(&rq, "A#one", last + 5, NULL);
	b.station = (char *)"ASSY-1";
	b.badge = (char *)"100";
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	uint8_t *buf = pack_with_nul(&rq, &len, "A#one");
	rp = harness_raw_call(r, buf, len, WAIT_MS);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST && strstr(rp->message, "field terminal"));
	client_reply_free(rp);
	free(buf);
	harness_raw_free(r);
	rp = harness_hello(a);
	CHECK(rp && rp->hello && rp->hello->last_request_no == last);
	client_reply_free(rp);
	client_free(a);
	finish(y, p);
}

int
main(void)
{
	RUN(test_random_bytes);
	RUN(test_empty_frame);
	RUN(test_truncated_request);
	RUN(test_other_versions);
	RUN(test_no_body);
	RUN(test_multi_frame_garbage);
	RUN(test_huge_frame_cuts_the_peer);
	RUN(test_bad_strings_in_fields);
	RUN(test_bad_text_is_not_stored);
	RUN(test_nul_in_strings_refused);
	RUN(test_plain_terminal_ids);
	return check_done();
}
