/* test_lead.c — the lead's view without curses: a lead badges in, the
 * holds in force and the line's open NCRs are read, role/lead notices
 * are shown; a hold is placed (unit, work order, component lot, station;
 * a reason; signed) with its containment counts, released (a reason,
 * signed), a unit is found and taken off a station that went quiet. */
#include "terminal/station.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

static struct station_view sv;
static struct station_request rq;

static bool
line(const char *text)
{
	return station_on_line(&sv, text, false, &rq);
}

static void
reply_plain(Yoke__Status st, const char *msg)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	station_on_reply(&sv, &rp);
}

static void
start_lead(const char *lang)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;

	station_free(&sv);
	station_init(&sv, "QC-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	if (!line("2002"))
		return;
	b.session = (char *)"sess-7";
	b.badge = (char *)"2002";
	b.operator_name = (char *)"Tom Baker";
	b.role = YOKE__ROLE__ROLE_LEAD;
	b.station = (char *)"QC-1";
	b.station_kind = (char *)"QC";
	b.language = (char *)lang;
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	sv.want_defects = false;
}

/* ---- holds and NCRs from the server ---- */

static Yoke__Hold holds[30];
static Yoke__Hold *hold_ptrs[30];
static char *hold_targets[30][1];
static char *hold_units[] = { (char *)"WO-1-0001", (char *)"WO-1-0002" };
static Yoke__SignatureRecord placed;

/* n holds: a manual one on a lot (2 units), one an NCR placed, then manual
 * ones on work orders. */
static void
answer_holds(size_t n)
{
	static char ids[30][16];
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__HoldsReply hr = YOKE__HOLDS_REPLY__INIT;
	Yoke__SignatureRecord s = YOKE__SIGNATURE_RECORD__INIT;

	placed = s;
	placed.badge = (char *)"2002";
	placed.name = (char *)"Tom Baker";
	for (size_t i = 0; i < n && i < 30; i++) {
		Yoke__Hold h = YOKE__HOLD__INIT;
		holds[i] = h;
		holds[i].id = 10 + i;
		holds[i].open = true;
		holds[i].source = YOKE__HOLD_SOURCE__HOLD_MANUAL;
		holds[i].scope = YOKE__HOLD_SCOPE__HOLD_WORK_ORDER;
		snprintf(ids[i], sizeof ids[i], "WO-%zu", i);
		hold_targets[i][0] = ids[i];
		holds[i].targets = hold_targets[i];
		holds[i].n_targets = 1;
		holds[i].reason = (char *)"paste expired";
		holds[i].placed = &placed;
		hold_ptrs[i] = &holds[i];
	}
	if (n > 0) {
		holds[0].scope = YOKE__HOLD_SCOPE__HOLD_COMPONENT;
		hold_targets[0][0] = (char *)"MCU-F407/LOT-A";
		holds[0].reason = (char *)"supplier alert on lot A";
		holds[0].units = hold_units;
		holds[0].n_units = 2;
	}
	if (n > 1) {
		holds[1].scope = YOKE__HOLD_SCOPE__HOLD_UNIT;
		holds[1].source = YOKE__HOLD_SOURCE__HOLD_NCR;
		holds[1].ncr = (char *)"NCR-000001";
		hold_targets[1][0] = (char *)"WO-1-0003";
	}
	hr.n_holds = n;
	hr.holds = hold_ptrs;
	rp.body_case = YOKE__REPLY__BODY_HOLDS;
	rp.holds = &hr;
	station_on_reply(&sv, &rp);
}

static Yoke__Ncr ncrs[2];
static Yoke__Ncr *ncr_ptrs[2] = { &ncrs[0], &ncrs[1] };

static void
answer_ncrs(size_t n)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__NcrReply nr = YOKE__NCR_REPLY__INIT;

	for (size_t i = 0; i < 2; i++) {
		Yoke__Ncr z = YOKE__NCR__INIT;
		ncrs[i] = z;
		ncrs[i].state = YOKE__NCR_STATE__NCR_OPEN;
		ncrs[i].serial = (char *)"WO-1-0003";
		ncrs[i].station = (char *)"REFLOW-1";
		ncrs[i].text = (char *)"peak_temp 261 C is above USL 250";
	}
	ncrs[0].number = (char *)"NCR-000002";
	ncrs[1].number = (char *)"NCR-000001";
	nr.n_ncrs = n;
	nr.ncrs = ncr_ptrs;
	rp.body_case = YOKE__REPLY__BODY_NCRS;
	rp.ncrs = &nr;
	station_on_reply(&sv, &rp);
}

/* Badged in; the holds (n) and the open NCRs (2) read. */
static void
with_lists(size_t n)
{
	start_lead("en");
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HOLDS);
	answer_holds(n);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	answer_ncrs(2);
}

static bool
has_hint(const char *key, const char *what)
{
	struct station_hint h[STATION_MAX_HINTS];
	size_t n = station_hints(&sv, h, STATION_MAX_HINTS);

	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].key, key) == 0 && (what == NULL || strcmp(h[i].what, what) == 0))
			return true;
	return false;
}

static void
prompt(char *buf, size_t size)
{
	lead_prompt(&sv, buf, size);
}

/* ---- tests ---- */

static void
badge_in_reads_holds_and_ncrs(void)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;

	start_lead("en");
	CHECK_INT(sv.mode, STATION_LEAD);
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HOLDS);
	CHECK(!rq.rq.holds->all);                     /* the holds in force */
	CHECK_STR(rq.rq.holds->target, "");
	answer_holds(2);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	CHECK_INT(rq.rq.ncrs->state, YOKE__NCR_STATE__NCR_OPEN);
	answer_ncrs(2);
	CHECK(!station_next_request(&sv, &rq));
	CHECK_INT(sv.lead.holds->n_holds, 2);
	CHECK_INT(sv.lead.ncrs->n_ncrs, 2);
	CHECK_INT(sv.lead.nnotices, 0);
	/* Notices, newest first, with the bell; everything read again. */
	sv.bell = 0;
	station_tick(&sv, 1);
	n.topic = (char *)"role/lead";
	n.text = (char *)"hold placed";
	station_on_notice(&sv, &n);
	n.serial = (char *)"WO-1-0004";
	n.status = YOKE__UNIT_STATUS__UNIT_FAILED;
	n.text = (char *)"NCR-000003: Check \"Board flat\": FAIL";
	station_on_notice(&sv, &n);
	CHECK_INT(sv.bell, 2);
	CHECK_INT(sv.lead.nnotices, 2);
	CHECK(strstr(sv.lead.notices[0], "WO-1-0004 FAILED: NCR-000003: Check \"Board flat\": FAIL") != NULL);
	CHECK(strstr(sv.lead.notices[1], "hold placed") != NULL);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HOLDS);
	answer_holds(2);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	answer_ncrs(2);
	/* Only the last LEAD_NOTICES are kept. */
	for (int i = 0; i < 5; i++)
		station_on_notice(&sv, &n);
	CHECK_INT(sv.lead.nnotices, LEAD_NOTICES);
	/* An inspector's notice is not the lead's. */
	station_next_request(&sv, &rq);
	answer_holds(2);
	station_next_request(&sv, &rq);
	answer_ncrs(2);
	sv.bell = 0;
	n.topic = (char *)"role/inspector";
	station_on_notice(&sv, &n);
	CHECK_INT(sv.bell, 0);
	CHECK(!station_next_request(&sv, &rq));
	/* The timer reads them again. */
	station_tick(&sv, LEAD_REFRESH_US + 10);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HOLDS);
}

static void
placing_a_hold_on_a_lot(void)
{
	char buf[512];

	with_lists(2);
	CHECK(has_hint("F3", "hold"));
	CHECK(!station_on_function(&sv, 3, false, &rq));
	CHECK_INT(sv.lead.ask, LEAD_ASK_SCOPE);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "Hold what? 1 unit") != NULL);
	/* While asking, the other keys wait. */
	CHECK(!station_on_function(&sv, 4, false, &rq));
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
	CHECK(!line("5"));
	CHECK(strstr(sv.message, "Expected 1 unit, 2 work order") != NULL);
	CHECK(!line("3"));
	CHECK_INT(sv.lead.scope, YOKE__HOLD_SCOPE__HOLD_COMPONENT);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "PART/LOT holds every unit built with the lot") != NULL);
	CHECK(!line("MCU-F407"));
	CHECK(strstr(sv.message, "Expected a component label PART/LOT or PART/SERIAL") != NULL);
	CHECK(!line("MCU-F407/LOT A"));
	CHECK_INT(sv.lead.ask, LEAD_ASK_TARGET);
	CHECK(!line("MCU-F407/LOT-A"));
	CHECK_INT(sv.lead.ask, LEAD_ASK_REASON);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "Why hold component MCU-F407/LOT-A? Type the reason, then Enter");
	CHECK(!line(""));
	CHECK(strstr(sv.message, "A hold needs a reason") != NULL);
	CHECK(!line("supplier alert on lot A"));
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "Sign \u201chold on component MCU-F407/LOT-A\u201d: scan your badge (Enter: 2002)");
	CHECK(!line(""));
	CHECK(station_masked(&sv));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HOLD);
	CHECK_INT(rq.rq.hold->scope, YOKE__HOLD_SCOPE__HOLD_COMPONENT);
	REQUIRE(rq.rq.hold->n_targets == 1);
	CHECK_STR(rq.rq.hold->targets[0], "MCU-F407/LOT-A");
	CHECK_STR(rq.rq.hold->reason, "supplier alert on lot A");
	REQUIRE(rq.rq.hold->signature != NULL);
	CHECK_STR(rq.rq.hold->signature->badge, "2002");
	CHECK_STR(rq.rq.hold->signature->pin, "2468");
	CHECK_STR(sv.lead.sign.pin[0], "");
	CHECK_STR(sv.lead.reason, "");
	/* The reply: the hold shown with its containment counts. */
	{
		Yoke__Reply rp = YOKE__REPLY__INIT;
		Yoke__HoldReply hr = YOKE__HOLD_REPLY__INIT;
		answer_holds(1);                          /* (the fixture's hold 10) */
		sv.pending = STATION_PENDING_VIEW;
		sv.lead.pending = LEAD_PENDING_PLACE;
		hr.hold = &holds[0];
		hr.units_in_work = 2;
		hr.units_done = 1;
		hr.units_scrapped = 0;
		rp.message = (char *)"Hold 10 placed on component MCU-F407/LOT-A: 2 units in work, 1 done, "
		    "0 scrapped";
		rp.body_case = YOKE__REPLY__BODY_HOLD;
		rp.hold = &hr;
		station_on_reply(&sv, &rp);
	}
	CHECK_INT(sv.lead.screen, LEAD_HOLD);
	REQUIRE(sv.lead.hold != NULL);
	CHECK_INT(sv.lead.hold->id, 10);
	CHECK(sv.lead.counted);
	CHECK_INT(sv.lead.in_work, 2);
	CHECK_INT(sv.lead.done, 1);
	CHECK_INT(sv.lead.scrapped, 0);
	CHECK(strstr(sv.message, "2 units in work, 1 done") != NULL);
	CHECK_INT(sv.tone, STATION_TONE_OK);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HOLDS);

	/* The other scopes: a unit, a work order, a station; no slash in them. */
	with_lists(2);
	station_on_function(&sv, 3, false, &rq);
	CHECK(!line("1"));
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "Scan the unit's serial");
	CHECK(!line("WO-1-0001"));
	CHECK(!line("dropped on the floor"));
	CHECK(!line("3001"));                         /* another signer */
	REQUIRE(line("1357"));
	CHECK_INT(rq.rq.hold->scope, YOKE__HOLD_SCOPE__HOLD_UNIT);
	CHECK_STR(rq.rq.hold->signature->badge, "3001");
	reply_plain(YOKE__STATUS__STATUS_SIGNATURE_REFUSED, "Wrong PIN for badge 3001: 4 tries left");
	CHECK_STR(sv.message, "Wrong PIN for badge 3001: 4 tries left");
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
	station_on_function(&sv, 3, false, &rq);
	CHECK(!line("2"));
	CHECK(!line("WO-1/2"));
	CHECK(strstr(sv.message, "Expected the work order to hold") != NULL);
	CHECK(!line("WO-1"));
	CHECK(!line("wrong paste"));
	CHECK(!line(""));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.hold->scope, YOKE__HOLD_SCOPE__HOLD_WORK_ORDER);
	CHECK_STR(rq.rq.hold->targets[0], "WO-1");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No work order WO-1");
	station_on_function(&sv, 3, false, &rq);
	CHECK(!line("4"));
	CHECK(!line("SMT-2"));
	/* @BACK drops it all, Esc Enter too. */
	CHECK(!line("@BACK"));
	CHECK_INT(sv.lead.ask, LEAD_ASK_NONE);
	CHECK_STR(sv.message, "Cancelled: nothing was sent");
	CHECK_STR(sv.lead.target, "");
	station_on_function(&sv, 3, false, &rq);
	station_on_cancel(&sv);
	CHECK_INT(sv.lead.ask, LEAD_ASK_NONE);
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
}

static void
releasing_a_hold(void)
{
	char buf[512];

	with_lists(2);
	/* By the arrows and Enter: the hold, not yet released. */
	station_on_arrow(&sv, +1);
	CHECK_INT(sv.lead.pick, 0);
	CHECK(!line(""));
	CHECK_INT(sv.lead.screen, LEAD_HOLD);
	REQUIRE(sv.lead.hold != NULL);
	CHECK_INT(sv.lead.hold->id, 10);
	CHECK(!sv.lead.counted);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "To release hold 10, type the reason and Enter \u2014 Enter alone: the list");
	CHECK(!line("@PASS"));
	CHECK(strstr(sv.message, "Expected the reason to release hold 10") != NULL);
	CHECK(!line("lot A passed IQC re-test"));
	CHECK_INT(sv.lead.ask, LEAD_ASK_SIGN);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "Sign \u201crelease of hold 10\u201d: scan your badge (Enter: 2002)");
	CHECK(!line(""));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_RELEASE_HOLD);
	CHECK_INT(rq.rq.release_hold->hold, 10);
	CHECK_STR(rq.rq.release_hold->reason, "lot A passed IQC re-test");
	CHECK_STR(rq.rq.release_hold->signature->badge, "2002");
	{
		Yoke__Reply rp = YOKE__REPLY__INIT;
		Yoke__HoldReply hr = YOKE__HOLD_REPLY__INIT;
		holds[0].open = false;
		hr.hold = &holds[0];
		rp.message = (char *)"Hold 10 released";
		rp.body_case = YOKE__REPLY__BODY_HOLD;
		rp.hold = &hr;
		station_on_reply(&sv, &rp);
	}
	CHECK_STR(sv.message, "Hold 10 released");
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_HOLDS);

	/* An NCR's hold: its disposition releases it, not the lead. */
	answer_holds(2);
	CHECK(!line("2"));
	CHECK_INT(sv.lead.screen, LEAD_HOLD);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "Enter: the list");
	CHECK(!line("it is fine"));
	CHECK(strstr(sv.message, "belongs to NCR-000001") != NULL);
	CHECK_INT(sv.lead.ask, LEAD_ASK_NONE);
	CHECK(!line(""));
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
	/* A number beyond the list is a serial looked up. */
	REQUIRE(line("3"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	CHECK_STR(rq.rq.trace->serial, "3");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No unit 3");
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
	CHECK_STR(sv.message, "No unit 3");
}

static void
paging_and_ncrs(void)
{
	char buf[512];

	CHECK_INT(lead_page_rows(24), 11);
	with_lists(25);
	CHECK(has_hint("PgUp PgDn", "page"));
	station_on_page(&sv, +1);
	CHECK_INT(sv.lead.pick, 11);
	station_on_page(&sv, +1);
	CHECK_INT(sv.lead.pick, 22);
	station_on_page(&sv, +1);
	CHECK_INT(sv.lead.pick, 22);
	station_on_page(&sv, -1);
	CHECK_INT(sv.lead.pick, 11);
	/* F4: the NCRs; a pick there opens one, to look at. */
	CHECK(!station_on_function(&sv, 4, false, &rq));
	CHECK_INT(sv.lead.screen, LEAD_NCRS);
	CHECK_INT(sv.lead.pick, -1);
	CHECK(has_hint("F4", "holds"));
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "Pick an NCR") != NULL);
	REQUIRE(station_next_request(&sv, &rq));      /* both read again */
	answer_holds(25);
	REQUIRE(station_next_request(&sv, &rq));
	answer_ncrs(2);
	REQUIRE(line("2"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	CHECK_STR(rq.rq.ncrs->number, "NCR-000001");
	{
		Yoke__Reply rp = YOKE__REPLY__INIT;
		Yoke__NcrReply nr = YOKE__NCR_REPLY__INIT;
		nr.n_ncrs = 1;
		nr.ncrs = &ncr_ptrs[1];
		rp.body_case = YOKE__REPLY__BODY_NCRS;
		rp.ncrs = &nr;
		station_on_reply(&sv, &rp);
	}
	CHECK_INT(sv.lead.screen, LEAD_NCR);
	REQUIRE(sv.lead.detail.ncr != NULL);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	/* The lead does not decide an NCR. */
	CHECK(!line("1"));
	CHECK(strstr(sv.message, "An inspector decides") != NULL);
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	CHECK(!line(""));
	CHECK_INT(sv.lead.screen, LEAD_NCRS);
	CHECK(!line("@BACK"));
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
}

/* A unit found by its serial; one open at a station that went quiet is
 * taken off it (F6), signed, with a reason. */
static void
finding_and_moving_a_unit(void)
{
	char buf[512];
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__TraceReply t = YOKE__TRACE_REPLY__INIT;
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	Yoke__Event ev = YOKE__EVENT__INIT, *evp = &ev;

	with_lists(2);
	REQUIRE(line("WO-1-0005"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	CHECK_STR(rq.rq.trace->serial, "WO-1-0005");
	CHECK_INT(sv.lead.screen, LEAD_UNIT);
	CHECK(!station_on_function(&sv, 6, false, &rq));  /* not read yet: nothing to move */
	CHECK_INT(sv.lead.ask, LEAD_ASK_NONE);
	u.serial = (char *)"WO-1-0005";
	u.status = YOKE__UNIT_STATUS__UNIT_IN_WORK;
	u.operation = 20;
	u.current_step = 1;
	u.station_kind = (char *)"REFLOW";
	ev.kind = YOKE__EVENT_KIND__EVENT_MEASURED;
	ev.station = (char *)"REFLOW-1";
	t.unit = &u;
	t.n_events = 1;
	t.events = &evp;
	rp.body_case = YOKE__REPLY__BODY_TRACE;
	rp.trace = &t;
	station_on_reply(&sv, &rp);
	REQUIRE(sv.lead.unit != NULL);
	lead_move_text(sv.lead.unit, buf, sizeof buf);
	CHECK_STR(buf, "Open at station REFLOW-1, op 20 step 2. Once nobody is badged in there, "
	    "scanning WO-1-0005 at another REFLOW station opens it there at that step; F6 takes it "
	    "off REFLOW-1 now.");
	CHECK(has_hint("F6", "move"));
	CHECK(!station_on_function(&sv, 6, false, &rq));
	CHECK_INT(sv.lead.ask, LEAD_ASK_REASON);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "Why move WO-1-0005 off its station? Type the reason, then Enter");
	CHECK(!line(""));
	CHECK(strstr(sv.message, "Moving a unit needs a reason") != NULL);
	CHECK(!line("REFLOW-1 terminal crashed"));
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "\u201cmoving WO-1-0005 off its station\u201d") != NULL);
	CHECK(!line(""));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_MOVE_UNIT);
	CHECK_STR(rq.rq.move_unit->serial, "WO-1-0005");
	CHECK_STR(rq.rq.move_unit->reason, "REFLOW-1 terminal crashed");
	CHECK_STR(rq.rq.move_unit->signature->badge, "2002");
	reply_plain(YOKE__STATUS__STATUS_OK, "Unit WO-1-0005 is off REFLOW-1: any REFLOW station opens "
	    "it at op 20 step 2");
	CHECK(strstr(sv.message, "is off REFLOW-1") != NULL);
	/* Where it stands now is read again. */
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	u.status = YOKE__UNIT_STATUS__UNIT_QUEUED;
	station_on_reply(&sv, &rp);
	lead_move_text(sv.lead.unit, buf, sizeof buf);
	CHECK_STR(buf, "Waits for op 20 at any REFLOW station: scan it there.");
	CHECK(!lead_can_move(&sv));
	CHECK(!has_hint("F6", NULL));
	/* Held: said so. */
	u.status = YOKE__UNIT_STATUS__UNIT_FAILED;
	u.hold_reason = (char *)"NCR-000004: check failed";
	lead_move_text(&t, buf, sizeof buf);
	CHECK(strstr(buf, "Held: NCR-000004: check failed.") != NULL);
	/* Another serial from the unit screen; Enter back to the holds. */
	REQUIRE(line("WO-1-0006"));
	CHECK_STR(rq.rq.trace->serial, "WO-1-0006");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No unit WO-1-0006");
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
}

static void
chinese_lead(void)
{
	char buf[512];

	REQUIRE(i18n_use("en"));
	start_lead("zh_CN");
	CHECK_STR(sv.language, "zh_CN");
	station_on_function(&sv, 3, false, &rq);
	lead_prompt(&sv, buf, sizeof buf);
	CHECK_STR(buf, "扣留什么？1 产品 · 2 工单 · 3 组件批次或序列号 · 4 工位");
	CHECK(!line("3"));
	CHECK(!line("MCU-F407/LOT-A"));
	lead_prompt(&sv, buf, sizeof buf);
	CHECK_STR(buf, "为什么扣留组件 MCU-F407/LOT-A？输入原因后按 Enter");
	station_on_cancel(&sv);
	CHECK_STR(sv.message, "已取消：未发送任何内容");
	REQUIRE(line("@LOGOUT"));
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	CHECK_STR(sv.language, "en");
	CHECK_INT(sv.mode, STATION_BADGE);
	CHECK(sv.lead.holds == NULL);
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(badge_in_reads_holds_and_ncrs);
	RUN(placing_a_hold_on_a_lot);
	RUN(releasing_a_hold);
	RUN(paging_and_ncrs);
	RUN(finding_and_moving_a_unit);
	RUN(chinese_lead);
	station_free(&sv);
	return check_done();
}
