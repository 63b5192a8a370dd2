/* test_station.c — the station logic without curses: lines and replies in,
 * requests and messages out. */
#include "terminal/station.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

static struct station_view sv;
static struct station_request rq;

/* A unit with five steps, one of each kind the operator meets. */
static Yoke__StepView steps[5];
static Yoke__StepView *step_ptrs[5];
static Yoke__UnitView unit;

static void
make_unit(uint32_t current, Yoke__UnitStatus status)
{
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	for (int i = 0; i < 5; i++) {
		Yoke__StepView s = YOKE__STEP_VIEW__INIT;
		steps[i] = s;
		steps[i].index = (uint32_t)i;
		steps[i].due = true;
		steps[i].done = (uint32_t)i < current;
		step_ptrs[i] = &steps[i];
	}
	steps[0].kind = YOKE__STEP_KIND__STEP_INSTRUCT;
	steps[0].text = (char *)"Load panel, fiducials up. 装板，基准点朝上。";
	steps[1].kind = YOKE__STEP_KIND__STEP_SCAN;
	steps[1].part = (char *)"IC-555";
	steps[1].qty = 2;
	steps[1].scanned = 0;
	steps[2].kind = YOKE__STEP_KIND__STEP_MEASURE;
	steps[2].name = (char *)"solder_temp";
	steps[2].unit = (char *)"C";
	steps[2].has_lsl = steps[2].has_usl = steps[2].has_target = true;
	steps[2].lsl = 235;
	steps[2].usl = 250;
	steps[2].target = 245;
	steps[3].kind = YOKE__STEP_KIND__STEP_CHECK;
	steps[3].text = (char *)"Paste coverage even";
	steps[4].kind = YOKE__STEP_KIND__STEP_INSPECT;
	steps[4].text = (char *)"Visual: no solder bridges";
	steps[4].needs_inspector = true;
	unit = u;
	unit.serial = (char *)"SN0001";
	unit.work_order = (char *)"WO-1";
	unit.product = (char *)"PCBA-100";
	unit.operation = 10;
	unit.operation_name = (char *)"SMT placement";
	unit.station_kind = (char *)"SMT";
	unit.n_steps = 5;
	unit.steps = step_ptrs;
	unit.current_step = current;
	unit.status = status;
}

static void
reply_unit(Yoke__Status st, const char *msg)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	rp.body_case = YOKE__REPLY__BODY_UNIT;
	rp.unit = &unit;
	station_on_reply(&sv, &rp);
}

static void
reply_plain(Yoke__Status st, const char *msg)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	station_on_reply(&sv, &rp);
}

static bool
line(const char *text)
{
	return station_on_line(&sv, text, false, &rq);
}

/* Started, server answered, operator 1001 badged in at SMT-1, queue asked. */
static void
start_badged_in(Yoke__Role role)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;

	station_free(&sv);
	station_init(&sv, "SMT-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	if (!line("1001"))
		return;
	b.session = (char *)"sess-1";
	b.badge = (char *)"1001";
	b.operator_name = (char *)"Wang Li";
	b.role = role;
	b.station = (char *)"SMT-1";
	b.station_kind = (char *)"SMT";
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	/* The defect codes are asked for after the queue; the tests that
	 * need them answer (defects_*), the others leave the list unknown. */
	CHECK(sv.want_defects);
	sv.want_defects = false;
}

static void
badge_in_flow(void)
{
	station_init(&sv, "SMT-1");
	CHECK_INT(sv.mode, STATION_BADGE);
	CHECK(!sv.online);
	/* Offline before the first answer: a scan is refused locally. */
	CHECK(!line("1001"));
	CHECK(strstr(sv.message, "Server unreachable") != NULL);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HELLO);
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	CHECK(sv.online);
	REQUIRE(line("1001"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_BADGE_IN);
	CHECK_STR(rq.rq.badge_in->station, "SMT-1");
	CHECK_STR(rq.rq.badge_in->badge, "1001");
	/* Refused: the server's words, the bell, still on the badge screen. */
	sv.bell = 0;
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No operator with badge 1001");
	CHECK_STR(sv.message, "No operator with badge 1001");
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK_INT(sv.bell, 1);
	CHECK_INT(sv.mode, STATION_BADGE);

	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	CHECK_INT(sv.mode, STATION_QUEUE);
	CHECK_STR(sv.session, "sess-1");
	CHECK_STR(sv.operator_name, "Wang Li");
	CHECK_STR(sv.topic, "station/SMT");
	CHECK(sv.subscribe);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_QUEUE);
	CHECK_STR(rq.rq.queue->station, "SMT-1");

	/* A lead gets the lead's view (test_lead.c): a serial there is looked
	 * up (TraceQuery), never opened. */
	start_badged_in(YOKE__ROLE__ROLE_LEAD);
	CHECK_INT(sv.mode, STATION_LEAD);
	REQUIRE(line("SN0001"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	CHECK_STR(rq.rq.trace->serial, "SN0001");
	/* An inspector, the inspector's (test_inspector.c). */
	start_badged_in(YOKE__ROLE__ROLE_INSPECTOR);
	CHECK_INT(sv.mode, STATION_INSPECTOR);
}

static void
queue_notices_clone_rules(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__QueueReply q = YOKE__QUEUE_REPLY__INIT;
	Yoke__QueueEntry e = YOKE__QUEUE_ENTRY__INIT, *ep = &e;
	Yoke__Notice n = YOKE__NOTICE__INIT;

	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	REQUIRE(station_next_request(&sv, &rq));
	e.serial = (char *)"SN0001";
	q.topic_seq = 7;
	q.epoch = 42;
	q.n_entries = 1;
	q.entries = &ep;
	rp.body_case = YOKE__REPLY__BODY_QUEUE;
	rp.queue = &q;
	station_on_reply(&sv, &rp);
	REQUIRE(sv.queue != NULL);
	CHECK_INT(sv.queue->n_entries, 1);
	CHECK_STR(sv.queue->entries[0]->serial, "SN0001");
	CHECK(!station_next_request(&sv, &rq));

	n.topic = (char *)"station/SMT";
	n.epoch = 42;
	n.seq = 7;               /* already in the snapshot: dropped */
	station_on_notice(&sv, &n);
	CHECK(!sv.want_queue);
	n.topic = (char *)"station/REFLOW";
	n.seq = 8;               /* another station's topic */
	station_on_notice(&sv, &n);
	CHECK(!sv.want_queue);
	n.topic = (char *)"station/SMT";
	n.seq = 10;              /* a gap */
	station_on_notice(&sv, &n);
	CHECK(sv.want_queue);
	sv.want_queue = false;
	n.seq = 1;               /* low, but a new server epoch */
	n.epoch = 43;
	station_on_notice(&sv, &n);
	CHECK(sv.want_queue);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_QUEUE);
}

/* Opens SN0001 at the given step. */
static void
open_unit_at(uint32_t current)
{
	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	station_next_request(&sv, &rq);
	reply_plain(YOKE__STATUS__STATUS_OK, "");   /* queue answered (no body): survives */
	if (!line("SN0001"))
		return;
	make_unit(current, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
}

static void
open_refused_stays_on_queue(void)
{
	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	station_next_request(&sv, &rq);
	REQUIRE(line("SN0009"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_OPEN_UNIT);
	CHECK_STR(rq.rq.open_unit->serial, "SN0009");
	sv.bell = 0;
	reply_plain(YOKE__STATUS__STATUS_WRONG_STATION, "Unit SN0009 is due at REFLOW, not SMT");
	CHECK_INT(sv.mode, STATION_QUEUE);
	CHECK_STR(sv.message, "Unit SN0009 is due at REFLOW, not SMT");
	CHECK_INT(sv.bell, 1);
}

static void
instruct_and_scan(void)
{
	char prompt[256];

	open_unit_at(0);
	REQUIRE(sv.mode == STATION_UNIT);
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK_STR(prompt, "Press Enter or scan @OK when done");
	REQUIRE(line(""));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_STEP);
	CHECK_STR(rq.step.serial, "SN0001");
	CHECK_INT(rq.step.step, 0);
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_CONFIRM);
	CHECK(rq.step.confirm);
	make_unit(1, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK_STR(prompt, "Scan IC-555 (1 of 2)");
	REQUIRE(line("IC-556/L7"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_SCAN);
	CHECK_STR(rq.step.scan, "IC-556/L7");
	CHECK_INT(rq.step.step, 1);
	sv.bell = 0;
	reply_plain(YOKE__STATUS__STATUS_WRONG_PART, "Wrong part: scanned IC-556, this step needs IC-555");
	CHECK_STR(sv.message, "Wrong part: scanned IC-556, this step needs IC-555");
	CHECK_INT(sv.bell, 1);
	CHECK_INT(sv.mode, STATION_UNIT);
	CHECK_INT(sv.unit->current_step, 1);
	/* One of two scanned: still step 1, the prompt counts on. */
	make_unit(1, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	steps[1].scanned = 1;
	REQUIRE(line("IC-555/L7"));
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK_STR(prompt, "Scan IC-555 (2 of 2)");
}

static void
measure_is_strict(void)
{
	char prompt[256];

	open_unit_at(2);
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK_STR(prompt, "Enter solder_temp in C  (235 \u2013 250, target 245)");
	CHECK(!line("abc"));
	CHECK_STR(sv.message, "Expected a plain decimal number for solder_temp such as 3.30 or 3,30, "
	    "got \"abc\"");
	CHECK(!line("24 5"));
	CHECK(!line("245C"));
	CHECK(!line("nan"));
	CHECK(!line("inf"));
	CHECK(!line("1e999"));
	CHECK(!line(""));
	/* A typo that strtod would read as 24.5: refused, nothing sent. */
	CHECK(!line("2.45e1"));
	CHECK_STR(sv.message, "Expected a plain decimal number for solder_temp such as 3.30 or 3,30, "
	    "got \"2.45e1\"");
	CHECK(!line("0x10"));
	CHECK(!line("0x1p3"));
	CHECK(!line("--1"));
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	/* A decimal comma is a decimal point; the entry is shown as it was typed. */
	REQUIRE(line(" 245,5 "));
	CHECK_NEAR(rq.step.value, 245.5, 1e-9);
	CHECK(strstr(sv.message, "245,5 C") != NULL);
	REQUIRE(line("245.5"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_VALUE);
	CHECK_NEAR(rq.step.value, 245.5, 1e-9);
	CHECK_INT(rq.step.step, 2);
	/* Out of spec: recorded and held; the banner, then Enter leaves. */
	make_unit(2, YOKE__UNIT_STATUS__UNIT_FAILED);
	unit.hold_reason = (char *)"solder_temp 260 above USL 250";
	reply_unit(YOKE__STATUS__STATUS_OUT_OF_SPEC, "solder_temp 260 C is above the USL 250");
	CHECK(station_unit_held(&sv));
	CHECK(strstr(sv.message, "HELD") != NULL);
	CHECK(!line("245"));
	CHECK_INT(sv.mode, STATION_UNIT);
	CHECK(!line(""));
	CHECK_INT(sv.mode, STATION_QUEUE);
	CHECK(sv.unit == NULL);
}

static void
check_and_inspection(void)
{
	char prompt[256];

	open_unit_at(3);
	CHECK(!line("maybe"));
	CHECK(strstr(sv.message, "Expected @PASS or @FAIL") != NULL);
	REQUIRE(line("p"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_PASS);
	CHECK(rq.step.pass);
	/* A bare n (or no, or f) is no failure: it would fail a unit by a
	 * keystroke. Refused here, nothing sent. */
	CHECK(!line("n"));
	CHECK(strstr(sv.message, "@FAIL") != NULL);
	CHECK_INT(sv.pending, STATION_PENDING_STEP);   /* still the p's */
	sv.pending = STATION_PENDING_NONE;
	CHECK(!line("NO"));
	CHECK(!line("f"));
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	REQUIRE(line("@FAIL"));
	CHECK(!rq.step.pass);
	REQUIRE(line("y"));
	CHECK(rq.step.pass);

	make_unit(4, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK_STR(prompt, "Inspection: scan @PASS or @FAIL, then an inspector signs \u2014 Visual: no solder bridges");
	/* A badge before the verdict is not taken: verdict first, then the signature. */
	CHECK(!line("9001"));
	CHECK(strstr(sv.message, "Expected @PASS or @FAIL") != NULL);
	/* The verdict asks for the inspector's badge, then the PIN (masked). */
	CHECK(!line("@PASS"));
	CHECK_INT(sv.ask, STATION_ASK_SIGN_BADGE);
	CHECK(!station_masked(&sv));
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "Sign \u201cinspection passed\u201d: the inspector scans their badge") != NULL);
	CHECK(!line("9001"));
	CHECK_INT(sv.ask, STATION_ASK_SIGN_PIN);
	CHECK(station_masked(&sv));
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "PIN of badge 9001") != NULL);
	REQUIRE(line("2468"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_INSPECTION);
	CHECK(rq.step.inspection->pass);
	REQUIRE(rq.step.inspection->signature != NULL);
	CHECK_STR(rq.step.inspection->signature->badge, "9001");
	CHECK_STR(rq.step.inspection->signature->pin, "2468");
	CHECK_INT(rq.step.step, 4);
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK_STR(sv.pin_old, "");
	/* A refused signature: the server's words, still on the step. */
	reply_plain(YOKE__STATUS__STATUS_SIGNATURE_REFUSED, "Wrong PIN for badge 9001: 4 tries left");
	CHECK_STR(sv.message, "Wrong PIN for badge 9001: 4 tries left");
	CHECK_INT(sv.unit->current_step, 4);
	/* @FAIL by an inspector badged in here: straight to the PIN; an empty line cancels. */
	sv.role = YOKE__ROLE__ROLE_INSPECTOR;
	CHECK(!line("@FAIL"));
	CHECK_INT(sv.ask, STATION_ASK_SIGN_PIN);
	CHECK_STR(sv.ask_badge, "1001");
	CHECK(!line(""));
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK(strncmp(sv.message, "Cancelled", 9) == 0);
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
}

static void
all_done_completes(void)
{
	open_unit_at(4);
	CHECK(!line("@PASS"));
	CHECK(!line("9001"));        /* the signer, nothing sent yet */
	REQUIRE(line("2468"));
	CHECK_STR(rq.step.inspection->signature->badge, "9001");
	make_unit(5, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	/* The terminal completes by itself when the server says all done. */
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_COMPLETE);
	CHECK_STR(rq.complete.serial, "SN0001");
	make_unit(0, YOKE__UNIT_STATUS__UNIT_QUEUED);
	unit.operation = 20;
	unit.next_station_kind = (char *)"REFLOW";
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	CHECK_INT(sv.mode, STATION_COMPLETE);
	CHECK_STR(sv.complete_msg, "Operation 10 complete \u2014 unit goes to REFLOW");
	CHECK(!line(""));
	CHECK_INT(sv.mode, STATION_QUEUE);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_QUEUE);
}

static void
busy_keeps_lines_offline_refuses(void)
{
	open_unit_at(3);
	/* Busy: the line waits, then goes when the client is free. */
	CHECK(!station_on_line(&sv, "@PASS", true, &rq));
	CHECK_STR(sv.message, "Waiting for the server\u2026");
	CHECK_INT(sv.nlines, 1);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_PASS);
	CHECK_INT(sv.nlines, 0);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	/* Offline: refused locally, nothing sent. */
	station_set_online(&sv, false);
	CHECK(!sv.online);
	CHECK(!line("@PASS"));
	CHECK(strstr(sv.message, "nothing is recorded") != NULL);
	CHECK(!station_next_request(&sv, &rq));
	/* Back online: the unit is reopened to show the server's state. */
	station_set_online(&sv, true);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_OPEN_UNIT);
	CHECK_STR(rq.rq.open_unit->serial, "SN0001");
}

static void
strange_replies_do_not_crash(void)
{
	open_unit_at(0);
	REQUIRE(line(""));
	reply_plain((Yoke__Status)999, "");         /* no status has this number */
	CHECK(strstr(sv.message, "Unexpected reply from server") != NULL);
	CHECK_INT(sv.mode, STATION_UNIT);
	REQUIRE(line(""));
	reply_plain(YOKE__STATUS__STATUS_OK, "");         /* OK without the unit */
	CHECK(strstr(sv.message, "Unexpected reply from server") != NULL);
	station_on_reply(&sv, NULL);
	/* Logging out from anywhere. */
	REQUIRE(line("@logout"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_BADGE_OUT);
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	CHECK_INT(sv.mode, STATION_BADGE);
	CHECK_STR(sv.session, "");
}

static void
pin_asks(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;

	/* An engineer's badge-in: the server asks for the PIN, the terminal too. */
	station_free(&sv);
	station_init(&sv, "SMT-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	REQUIRE(line("4001"));
	CHECK_STR(rq.badge_in.pin, "");
	reply_plain(YOKE__STATUS__STATUS_PIN_REQUIRED, "Liu Yang (badge 4001, engineer) signs in with a PIN: type it");
	CHECK_INT(sv.ask, STATION_ASK_BADGE_PIN);
	CHECK(station_masked(&sv));
	REQUIRE(line("1357"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_BADGE_IN);
	CHECK_STR(rq.badge_in.badge, "4001");
	CHECK_STR(rq.badge_in.pin, "1357");
	CHECK_INT(sv.ask, STATION_ASK_NONE);

	/* @PIN when badged in: old, new, again; a mismatch changes nothing. */
	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	CHECK(!line("@PIN"));
	CHECK_INT(sv.ask, STATION_ASK_PIN_OLD);
	CHECK(!line("1111"));
	CHECK(!line("2222"));
	CHECK(station_masked(&sv));
	CHECK(!line("3333"));
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK(strstr(sv.message, "differ") != NULL);
	CHECK_STR(sv.pin_new, "");
	CHECK(!line("@PIN"));
	CHECK(!line("1111"));
	CHECK(!line("2222"));
	REQUIRE(line("2222"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_CHANGE_PIN);
	CHECK_STR(rq.change_pin.badge, "1001");
	CHECK_STR(rq.change_pin.old_pin, "1111");
	CHECK_STR(rq.change_pin.new_pin, "2222");
	CHECK_STR(sv.pin_old, "");
	reply_plain(YOKE__STATUS__STATUS_OK, "PIN changed for Wang Li");
	CHECK_STR(sv.message, "PIN changed for Wang Li");

	/* Not badged in: @PIN asks whose badge first. */
	station_free(&sv);
	station_init(&sv, "SMT-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	CHECK(!line("@PIN"));
	CHECK_INT(sv.ask, STATION_ASK_PIN_BADGE);
	CHECK(!station_masked(&sv));
	CHECK(!line("3001"));
	CHECK_INT(sv.ask, STATION_ASK_PIN_OLD);
	CHECK_STR(sv.ask_badge, "3001");
	(void)rp;
}

static void
replaced_and_ended_elsewhere(void)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;

	/* The session ended because the badge went to another station. */
	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	n.topic = (char *)"terminal/SMT-1";
	n.text = (char *)"Wang Li (badge 1001) badged in at station SMT-2 (terminal SMT-2) at 10:02:00 UTC";
	station_on_notice(&sv, &n);
	CHECK_INT(sv.mode, STATION_BADGE);
	CHECK_STR(sv.session, "");
	CHECK(strstr(sv.message, "badged in at station SMT-2") != NULL);

	/* Replaced: says so, sends nothing more, takes no line. */
	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	REQUIRE(line(""));
	reply_plain(YOKE__STATUS__STATUS_REPLACED, "Terminal SMT-1 connected again from another place");
	CHECK(sv.replaced);
	CHECK(strstr(sv.message, "REPLACED") != NULL);
	CHECK(!line("SN0001"));
	CHECK(!station_next_request(&sv, &rq));
}

/* Started and badged in, as start_badged_in, by a person of language lang. */
static void
badge_in_speaking(const char *lang, const char *name)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;

	station_free(&sv);
	station_init(&sv, "SMT-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	if (!line("1002"))
		return;
	b.session = (char *)"sess-2";
	b.badge = (char *)"1002";
	b.operator_name = (char *)name;
	b.role = YOKE__ROLE__ROLE_OPERATOR;
	b.station = (char *)"SMT-1";
	b.station_kind = (char *)"SMT";
	b.language = (char *)lang;
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
}

static bool
has_hint(const struct station_hint *h, size_t n, const char *key, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].key, key) == 0 && (what == NULL || strcmp(h[i].what, what) == 0))
			return true;
	return false;
}

/* The screen speaks the start language until someone badges in, then the
 * person's, and the start language again after them. */
static void
language_follows_the_person(void)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;
	char prompt[256];

	/* The zh_CN locale is part of the build's dependencies (make deps). */
	REQUIRE(i18n_use("zh_CN"));
	REQUIRE(i18n_use("en"));
	badge_in_speaking("zh_CN", "Chen Jing 陈静");
	CHECK_STR(sv.start_language, "en");
	CHECK_STR(sv.language, "zh_CN");
	CHECK_STR(i18n_current(), "zh_CN");
	CHECK_STR(sv.message, "欢迎，Chen Jing 陈静（操作员）");
	CHECK_STR(station_role_name(sv.role), "操作员");
	REQUIRE(station_next_request(&sv, &rq));       /* the queue */
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	REQUIRE(line("SN0001"));
	make_unit(1, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK_STR(prompt, "扫描 IC-555（第 1 个，共 2 个）");
	/* Data stays as it is: the refusal is the server's, the serial ours. */
	CHECK(!line(""));
	CHECK_STR(sv.message, "应扫描 IC-555，收到的是空行");
	/* Badge out: the start language again, and the words after it in it. */
	REQUIRE(line("@LOGOUT"));
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	CHECK_STR(sv.language, "en");
	CHECK_STR(i18n_current(), "en");
	CHECK_STR(sv.message, "Badged out");

	/* A session that ends elsewhere: the start language too. */
	badge_in_speaking("zh_CN", "Chen Jing 陈静");
	CHECK_STR(sv.language, "zh_CN");
	n.topic = (char *)"terminal/SMT-1";
	n.text = (char *)"Chen Jing (badge 1002) badged in at station SMT-2";
	station_on_notice(&sv, &n);
	CHECK_STR(sv.language, "en");
	CHECK(strncmp(sv.message, "Your session ended: Chen Jing", 29) == 0);

	/* Started in Chinese (--lang zh_CN): an English person reads English,
	 * and the terminal is Chinese again after them. */
	REQUIRE(i18n_use("zh_CN"));
	badge_in_speaking("en", "Li Wei");
	CHECK_STR(sv.start_language, "zh_CN");
	CHECK_STR(sv.language, "en");
	CHECK_STR(sv.message, "Welcome, Li Wei (operator)");
	REQUIRE(line("@LOGOUT"));
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	CHECK_STR(sv.language, "zh_CN");
	CHECK_STR(sv.message, "已离岗");
	/* No language, or one this terminal does not know: the start language. */
	badge_in_speaking("", "Li Wei");
	CHECK_STR(sv.language, "zh_CN");
	badge_in_speaking("tlh", "Li Wei");
	CHECK_STR(sv.language, "zh_CN");
	i18n_use("en");
	station_free(&sv);
	station_init(&sv, "SMT-1");
	CHECK_STR(sv.language, "en");
}

/* @HELP is local (offline, busy); a PIN that reads @HELP is a PIN; an
 * unknown command is refused here; short forms are no commands at the queue. */
static void
help_and_commands(void)
{
	open_unit_at(0);
	CHECK(!station_on_line(&sv, "@help", true, &rq));
	CHECK(sv.help);
	CHECK_INT(sv.nlines, 0);
	station_show_help(&sv, false);
	station_set_online(&sv, false);
	CHECK(!line("@HELP"));
	CHECK(sv.help);
	station_show_help(&sv, false);
	station_set_online(&sv, true);
	station_next_request(&sv, &rq);             /* the reopen after coming back */
	make_unit(0, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");

	CHECK(!line("@PIN"));
	CHECK_INT(sv.ask, STATION_ASK_PIN_OLD);
	CHECK(!line("@HELP"));
	CHECK(!sv.help);
	CHECK_STR(sv.pin_old, "@HELP");
	CHECK_INT(sv.ask, STATION_ASK_PIN_NEW);
	CHECK(!line(""));
	CHECK_INT(sv.ask, STATION_ASK_NONE);

	CHECK(!line("@SKIP"));
	CHECK(strstr(sv.message, "Unknown scan command \"@SKIP\"") != NULL);
	CHECK_INT(sv.unit->current_step, 0);
	CHECK(!line("@BACK"));
	CHECK_INT(sv.mode, STATION_QUEUE);
	station_next_request(&sv, &rq);
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	REQUIRE(line("P"));                          /* a serial here, not @PASS */
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_OPEN_UNIT);
	CHECK_STR(rq.rq.open_unit->serial, "P");
}

/* A window below 80×24 takes nothing; when it is large again the status
 * says how many scans were dropped. */
static void
small_window_takes_nothing(void)
{
	struct station_hint h[STATION_MAX_HINTS];

	open_unit_at(0);
	CHECK(station_window(&sv, 24, 80));
	CHECK(!sv.small);
	sv.help = true;
	CHECK(!station_window(&sv, 20, 70));
	CHECK(sv.small);
	CHECK(!sv.help);
	CHECK_INT(station_hints(&sv, h, STATION_MAX_HINTS), 0);
	sv.bell = 0;
	station_not_taken(&sv);
	station_not_taken(&sv);
	CHECK_INT(sv.not_taken, 2);
	CHECK_INT(sv.bell, 2);
	CHECK(!station_window(&sv, 24, 79));         /* still too narrow */
	CHECK(station_window(&sv, 24, 80));
	CHECK(!sv.small);
	CHECK_INT(sv.not_taken, 0);
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK_STR(sv.message, "2 scans arrived while the window was too small and were not taken: "
	    "scan them again");
	sv.message[0] = '\0';
	CHECK(station_window(&sv, 30, 100));         /* larger: nothing to say */
	CHECK_STR(sv.message, "");
	CHECK(!station_window(&sv, 23, 80));
	station_not_taken(&sv);
	CHECK(station_window(&sv, 24, 80));
	CHECK(strncmp(sv.message, "1 scan arrived", 14) == 0);
	/* Nothing dropped, nothing said. */
	sv.message[0] = '\0';
	CHECK(!station_window(&sv, 10, 40));
	CHECK(station_window(&sv, 24, 80));
	CHECK_STR(sv.message, "");
}

/* The server's view of the open unit changes to (current, status). */
static void
unit_now(uint32_t current, Yoke__UnitStatus status)
{
	make_unit(current, status);
	sv.pending = STATION_PENDING_OPEN;
	reply_unit(YOKE__STATUS__STATUS_OK, "");
}

/* The help line offers what the screen takes, F1 and F10 last. */
static void
help_line_follows_the_screen(void)
{
	struct station_hint h[STATION_MAX_HINTS];
	size_t n;

	station_free(&sv);
	station_init(&sv, "SMT-1");
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	REQUIRE(n >= 3);
	CHECK(has_hint(h, n, "@PIN", NULL));
	CHECK(!has_hint(h, n, "@LOGOUT", NULL));
	CHECK_STR(h[n - 2].key, "F1");
	CHECK_STR(h[n - 1].key, "F10");

	open_unit_at(0);                             /* an instruction */
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK(has_hint(h, n, "Enter", "confirm"));
	CHECK(has_hint(h, n, "@BACK", "queue"));
	CHECK(has_hint(h, n, "@LOGOUT", "badge out"));
	CHECK(!has_hint(h, n, "@PASS", NULL));
	CHECK_STR(h[n - 2].key, "F1");
	CHECK_STR(h[n - 1].key, "F10");
	unit_now(3, YOKE__UNIT_STATUS__UNIT_IN_WORK);    /* a check */
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK(has_hint(h, n, "@PASS", "passed"));
	CHECK(has_hint(h, n, "@FAIL", "failed"));
	CHECK(!has_hint(h, n, "Enter", NULL));
	unit_now(4, YOKE__UNIT_STATUS__UNIT_IN_WORK);    /* an inspection; the verdict asks for a badge */
	CHECK(!line("@PASS"));
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK(has_hint(h, n, "@BACK", "cancel"));
	CHECK(!has_hint(h, n, "@PASS", NULL));
	CHECK(!has_hint(h, n, "@LOGOUT", NULL));
	CHECK(!line(""));
	unit_now(2, YOKE__UNIT_STATUS__UNIT_FAILED);     /* held */
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK(has_hint(h, n, "Enter", "queue"));
	sv.esc = true;
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK(has_hint(h, n, "Esc 1", "help"));
	CHECK(has_hint(h, n, "Esc 0", "quit"));
	sv.esc = false;
	sv.help = true;
	/* At 80x24 the station's help takes two pages (commands, then keys). */
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK_INT(sv.rows, 24);
	CHECK_INT(n, 2);
	CHECK(has_hint(h, n, "PgDn PgUp", "pages"));
	CHECK_STR(h[1].what, "any key or scan: back");
	CHECK_INT(station_help_pages(&sv), 2);
	CHECK(station_help_turn(&sv, +1) && sv.help_page == 1);
	CHECK(station_help_turn(&sv, +1) && sv.help_page == 1);     /* the last page stays */
	CHECK(station_help_turn(&sv, -1) && sv.help_page == 0);
	/* A taller window shows it whole: any key closes it. */
	sv.rows = 40;
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK_INT(n, 1);
	CHECK_STR(h[0].what, "any key or scan: back");
	CHECK(!station_help_turn(&sv, +1));
	sv.rows = 24;
	sv.help = false;
	station_set_replaced(&sv, NULL);
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK_INT(n, 1);
	CHECK_STR(h[0].key, "F10");
	/* A short array is filled, never overrun. */
	station_free(&sv);
	station_init(&sv, "SMT-1");
	CHECK_INT(station_hints(&sv, h, 1), 1);
}


/* ---- issue 8: failures ask what went wrong -------------------------- */

static Yoke__DefectCode codes[3];
static Yoke__DefectCode *code_ptrs[3];

/* The server answers the DefectsQuery in flight with n of BRIDGE, MISSING, TOMBSTONE. */
static void
answer_defects(size_t n)
{
	static const char *const c[] = { "BRIDGE", "MISSING", "TOMBSTONE" };
	static const char *const t[] = { "Solder bridge", "Component missing", "Tombstoned part 立碑" };
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__DefectsReply d = YOKE__DEFECTS_REPLY__INIT;

	for (size_t i = 0; i < 3; i++) {
		Yoke__DefectCode z = YOKE__DEFECT_CODE__INIT;
		codes[i] = z;
		codes[i].code = (char *)c[i];
		codes[i].text = (char *)t[i];
		code_ptrs[i] = &codes[i];
	}
	d.n_defects = n;
	d.defects = code_ptrs;
	rp.body_case = YOKE__REPLY__BODY_DEFECTS;
	rp.defects = &d;
	station_on_reply(&sv, &rp);
}

/* A code made of digits, scanned from the sheet, is that code, not a place
 * in the list: "2" here is code 2, where the second code is BRIDGE. */
static void
a_code_of_digits_is_itself(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__DefectsReply d = YOKE__DEFECTS_REPLY__INIT;
	Yoke__DefectCode two = YOKE__DEFECT_CODE__INIT, bridge = YOKE__DEFECT_CODE__INIT;
	Yoke__DefectCode *list[] = { &two, &bridge };

	open_unit_at(3);
	two.code = (char *)"2";
	two.text = (char *)"Second shift's own code";
	bridge.code = (char *)"BRIDGE";
	bridge.text = (char *)"Solder bridge";
	d.n_defects = 2;
	d.defects = list;
	rp.body_case = YOKE__REPLY__BODY_DEFECTS;
	rp.defects = &d;
	sv.pending = STATION_PENDING_DEFECTS;
	station_on_reply(&sv, &rp);
	REQUIRE(station_defect_count(&sv) == 2);
	CHECK(!line("@FAIL"));
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	CHECK(!line("2"));
	CHECK_STR(sv.defect_code, "2");
	line("@BACK");
}

/* Opens SN0001 at `current` with the plant's three codes known. */
static void
open_with_codes(uint32_t current)
{
	open_unit_at(current);
	sv.pending = STATION_PENDING_DEFECTS;
	answer_defects(3);
	REQUIRE(station_defect_count(&sv) == 3);
}

static void
defects_asked_once_after_badge_in(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;

	station_free(&sv);
	station_init(&sv, "SMT-1");
	REQUIRE(station_next_request(&sv, &rq));
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	REQUIRE(line("1001"));
	b.session = (char *)"sess-1";
	b.badge = (char *)"1001";
	b.role = YOKE__ROLE__ROLE_OPERATOR;
	b.station_kind = (char *)"SMT";
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	/* The queue first, then the codes, then nothing. */
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_QUEUE);
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_DEFECTS);
	CHECK(!sv.defects_known);
	char before[STATION_MSG];
	snprintf(before, sizeof before, "%s", sv.message);
	answer_defects(2);
	CHECK(sv.defects_known);
	CHECK_INT(station_defect_count(&sv), 2);
	CHECK_STR(sv.message, before);           /* the welcome stays */
	CHECK(!station_next_request(&sv, &rq));
	/* Refused (an older server): no list, and no word about it. */
	sv.pending = STATION_PENDING_DEFECTS;
	reply_plain(YOKE__STATUS__STATUS_UNKNOWN_REQUEST, "Unknown request");
	CHECK(!sv.defects_known);
	CHECK_INT(station_defect_count(&sv), 0);
	CHECK_STR(sv.message, before);
	/* Badged out: forgotten. */
	sv.pending = STATION_PENDING_DEFECTS;
	answer_defects(2);
	REQUIRE(line("@LOGOUT"));
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	CHECK(!sv.defects_known);
	CHECK(sv.defects == NULL);
}

static void
check_fail_asks_the_defect_first(void)
{
	struct station_hint h[STATION_MAX_HINTS];
	char prompt[256];
	size_t n;

	open_with_codes(3);
	/* @FAIL: nothing goes yet; the code is asked. */
	CHECK(!line("@FAIL"));
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	CHECK(strstr(sv.message, "Paste coverage even") != NULL);
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "Defect: scan its code, type its number") != NULL);
	n = station_hints(&sv, h, STATION_MAX_HINTS);
	CHECK(has_hint(h, n, "@BACK", "cancel"));
	CHECK(has_hint(h, n, "Enter", "pick"));
	/* An empty line without a choice, a code the plant lacks, a number
	 * beyond the list, a command: each says what it expected. */
	CHECK(!line(""));
	CHECK(strstr(sv.message, "Expected a defect code") != NULL);
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	CHECK(!line("SHORT"));
	CHECK(strstr(sv.message, "Unknown defect code \"SHORT\"") != NULL);
	CHECK(!line("4"));
	CHECK(strstr(sv.message, "Unknown defect code \"4\"") != NULL);
	CHECK(!line("@PASS"));
	CHECK(strstr(sv.message, "got the command \"@PASS\"") != NULL);
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	/* F9 inside a question is no answer. */
	CHECK(!station_on_function(&sv, 9, false, &rq));
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	/* Its number in the list: MISSING; then where, then a note. */
	CHECK(!line("2"));
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_LOCATION);
	CHECK(strstr(sv.message, "MISSING: Component missing") != NULL);
	/* A location longer than the server keeps: said here, asked again. */
	CHECK(!line("U3-U4-U5-U6-U7-U8-U9-U10-U11-U12-U13-U14-U15"));
	CHECK_STR(sv.message, "Expected a location of at most 40 characters");
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_LOCATION);
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "Defect MISSING: where") != NULL);
	CHECK(!line("U3"));
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_NOTE);
	REQUIRE(line("found at AOI"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_STEP);
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_PASS);
	CHECK(!rq.step.pass);
	CHECK_INT(rq.step.step, 3);
	REQUIRE(rq.step.defect != NULL);
	CHECK_STR(rq.step.defect->code, "MISSING");
	CHECK_STR(rq.step.defect->location, "U3");
	CHECK_STR(rq.step.defect->note, "found at AOI");
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK_STR(sv.defect_code, "");
	/* The server held it: the banner as before. */
	make_unit(3, YOKE__UNIT_STATUS__UNIT_FAILED);
	unit.hold_reason = (char *)"Check \"Paste coverage even\": FAIL (op 10 step 4)";
	reply_unit(YOKE__STATUS__STATUS_CHECK_FAILED, "Check failed");
	CHECK(station_unit_held(&sv));

	/* Picked with the arrows and Enter, the code scanned in any case;
	 * Enter skips the location and the note. */
	open_with_codes(3);
	CHECK(!station_on_function(&sv, 9, false, &rq));   /* F9 is @FAIL */
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	station_on_arrow(&sv, +1);
	CHECK_INT(sv.defect_pick, 0);
	station_on_arrow(&sv, +1);
	station_on_arrow(&sv, +1);
	station_on_arrow(&sv, +1);                   /* stays on the last */
	CHECK_INT(sv.defect_pick, 2);
	station_on_arrow(&sv, -1);
	CHECK(!line(""));
	CHECK_STR(sv.defect_code, "MISSING");
	CHECK(!line(""));
	REQUIRE(line(""));
	REQUIRE(rq.step.defect != NULL);
	CHECK_STR(rq.step.defect->code, "MISSING");
	CHECK_STR(rq.step.defect->location, "");
	CHECK_STR(rq.step.defect->note, "");
	reply_plain(YOKE__STATUS__STATUS_WRONG_STEP, "late");
	CHECK(!line("@FAIL"));
	CHECK(!line("bridge"));
	CHECK_STR(sv.defect_code, "BRIDGE");

	/* @BACK, or Esc then Enter, at any of the three: nothing sent, the
	 * unit at its step. */
	CHECK(!line("@BACK"));
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK_INT(sv.mode, STATION_UNIT);
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	CHECK(strstr(sv.message, "nothing was sent") != NULL);
	CHECK(!line("@FAIL"));
	CHECK(!line("1"));
	CHECK(!line("U7"));
	station_on_cancel(&sv);
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK_STR(sv.defect_code, "");
	CHECK_STR(sv.defect_location, "");
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	CHECK(!station_next_request(&sv, &rq));
	/* F2 is @PASS. */
	REQUIRE(station_on_function(&sv, 2, false, &rq));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_PASS);
	CHECK(rq.step.pass);
	CHECK(rq.step.defect == NULL);
}

static void
inspection_fail_defect_then_signature(void)
{
	open_with_codes(4);
	CHECK(!line("@FAIL"));
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	CHECK(!line("TOMBSTONE"));
	CHECK(!line("C12"));
	CHECK(!line(""));
	/* Then the inspector signs "inspection failed". */
	CHECK_INT(sv.ask, STATION_ASK_SIGN_BADGE);
	char prompt[256];
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "inspection failed") != NULL);
	CHECK(!line("9001"));
	REQUIRE(line("2468"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_INSPECTION);
	CHECK(!rq.step.inspection->pass);
	CHECK_STR(rq.step.inspection->signature->badge, "9001");
	REQUIRE(rq.step.defect != NULL);
	CHECK_STR(rq.step.defect->code, "TOMBSTONE");
	CHECK_STR(rq.step.defect->location, "C12");
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	/* A cancelled signature drops the defect too. */
	reply_plain(YOKE__STATUS__STATUS_SIGNATURE_REFUSED, "Wrong PIN");
	CHECK(!line("@FAIL"));
	CHECK(!line("1"));
	CHECK(!line(""));
	CHECK(!line(""));
	CHECK_INT(sv.ask, STATION_ASK_SIGN_BADGE);
	CHECK(!line("@BACK"));
	CHECK_STR(sv.defect_code, "");
	CHECK(!line("@PASS"));
	CHECK(!line("9001"));
	REQUIRE(line("2468"));
	CHECK(rq.step.defect == NULL);
	CHECK(rq.step.inspection->pass);
}

/* Out of the limits: measure again while readings are left; the last
 * one the server wants described. */
static void
measure_again_then_defect(void)
{
	char prompt[256];

	open_with_codes(2);
	REQUIRE(line("260,0"));
	CHECK_NEAR(rq.step.value, 260, 1e-9);
	CHECK(rq.step.defect == NULL);
	make_unit(2, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	unit.attempt = 1;
	sv.bell = 0;
	reply_unit(YOKE__STATUS__STATUS_MEASURE_AGAIN, "Out of spec: solder_temp 260 C is above USL 250 "
	    "(reading 1 of 2): measure again");
	CHECK_STR(sv.message, "Entered 260,0 C \u2014 Out of spec: solder_temp 260 C is above USL 250 "
	    "(reading 1 of 2): measure again");
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK_INT(sv.bell, 1);
	CHECK_INT(sv.mode, STATION_UNIT);
	CHECK(!station_unit_held(&sv));
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strncmp(prompt, "Enter solder_temp", 17) == 0);
	/* The second reading, out again: the server wants the defect first. */
	REQUIRE(line("261"));
	reply_plain(YOKE__STATUS__STATUS_DEFECT_REQUIRED, "Out of spec again: solder_temp 261 C: "
	    "give the defect code");
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	CHECK(strstr(sv.message, "give the defect code") != NULL);
	CHECK(!line("1"));
	CHECK(!line(""));
	REQUIRE(line("profiler drift"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_VALUE);
	CHECK_NEAR(rq.step.value, 261, 1e-9);
	CHECK_INT(rq.step.step, 2);
	REQUIRE(rq.step.defect != NULL);
	CHECK_STR(rq.step.defect->code, "BRIDGE");
	CHECK_STR(rq.step.defect->note, "profiler drift");
	CHECK(strstr(sv.message, "261 C") != NULL);
	/* An in-spec value after a bad one: said as typed, done. */
	open_with_codes(2);
	REQUIRE(line("245,50"));
	make_unit(3, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "solder_temp 245.5 C in spec");
	CHECK_STR(sv.message, "Entered 245,50 C \u2014 solder_temp 245.5 C in spec");
	CHECK_INT(sv.tone, STATION_TONE_OK);
}

/* A list this terminal could not read: @FAIL goes as it is, and when the
 * server wants a code, the code is asked (scanned) and the failure sent again. */
static void
defect_required_without_a_list(void)
{
	char prompt[256];

	open_unit_at(3);
	REQUIRE(line("@FAIL"));
	CHECK(rq.step.defect == NULL);
	reply_plain(YOKE__STATUS__STATUS_DEFECT_REQUIRED, "A failed check needs a defect code");
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	CHECK(sv.want_defects);
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "defect code sheet") != NULL);
	CHECK(!line("XQ-17"));
	CHECK(!line(""));
	REQUIRE(line(""));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_PASS);
	CHECK(!rq.step.pass);
	REQUIRE(rq.step.defect != NULL);
	CHECK_STR(rq.step.defect->code, "XQ-17");
	/* The server does not know it either: asked again, with its words. */
	reply_plain(YOKE__STATUS__STATUS_DEFECT_REQUIRED, "Unknown defect code XQ-17");
	CHECK_INT(sv.ask, STATION_ASK_DEFECT_CODE);
	CHECK_STR(sv.message, "Unknown defect code XQ-17");
	/* A pass the server refuses for another reason asks nothing. */
	CHECK(!line("@BACK"));
	REQUIRE(line("@PASS"));
	reply_plain(YOKE__STATUS__STATUS_DEFECT_REQUIRED, "odd");
	CHECK_INT(sv.ask, STATION_ASK_NONE);
}
/* A scanner that sends AIM identifiers: the terminal sends the unit's
 * serial, a badge and a command without it, and a component scan with it
 * (the server reads a GS1 label by it), GS and all. */
static void
aim_identifiers(void)
{
	char prompt[256];

	station_free(&sv);
	station_init(&sv, "SMT-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	REQUIRE(line("]C11001"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_BADGE_IN);
	CHECK_STR(rq.rq.badge_in->badge, "1001");
	start_badged_in(YOKE__ROLE__ROLE_OPERATOR);
	station_next_request(&sv, &rq);
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	REQUIRE(line("]Q1SN0001"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_OPEN_UNIT);
	CHECK_STR(rq.rq.open_unit->serial, "SN0001");
	CHECK(strstr(sv.message, "]Q1") == NULL);
	make_unit(0, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	REQUIRE(line("]Q1@OK"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_CONFIRM);
	make_unit(1, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	reply_unit(YOKE__STATUS__STATUS_OK, "");
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK_STR(prompt, "Scan IC-555 (1 of 2)");
	REQUIRE(line("]C1010952123454321310L7\x1d" "3025"));
	CHECK_INT(rq.step.entry_case, YOKE__STEP_RECORD__ENTRY_SCAN);
	CHECK_STR(rq.step.scan, "]C1010952123454321310L7\x1d" "3025");
	/* @HELP with an identifier is still help. */
	CHECK(!line("]Q1@HELP"));
	CHECK(sv.help);
}

int
main(void)
{
	i18n_init();
	RUN(badge_in_flow);
	RUN(queue_notices_clone_rules);
	RUN(open_refused_stays_on_queue);
	RUN(instruct_and_scan);
	RUN(measure_is_strict);
	RUN(check_and_inspection);
	RUN(all_done_completes);
	RUN(busy_keeps_lines_offline_refuses);
	RUN(strange_replies_do_not_crash);
	RUN(pin_asks);
	RUN(replaced_and_ended_elsewhere);
	RUN(language_follows_the_person);
	RUN(help_and_commands);
	RUN(small_window_takes_nothing);
	RUN(help_line_follows_the_screen);
	RUN(defects_asked_once_after_badge_in);
	RUN(check_fail_asks_the_defect_first);
	RUN(a_code_of_digits_is_itself);
	RUN(inspection_fail_defect_then_signature);
	RUN(measure_again_then_defect);
	RUN(defect_required_without_a_list);
	RUN(aim_identifiers);
	station_free(&sv);
	return check_done();
}
