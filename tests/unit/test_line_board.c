/* test_line_board.c — the lead's line monitor without curses (line_board.h):
 * F2 asks for the line, the rows are taken and picked with the arrows and
 * pages, Enter opens a station; notices read it again at most once a
 * second, the slow refresh every LINE_BOARD_REFRESH_US; 5 builds a signed
 * priority change (work order, priority checked, reason, badge + PIN); 1
 * opens the unit's trace on the lead's own screen and 3 starts the lead's
 * hold on the station; F2 again goes back to the holds. */
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

/* A lead badged in at QC-1 whose holds and NCRs were read (none). */
static void
start_lead(void)
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
	b.language = (char *)"en";
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	sv.want_defects = false;
	while (station_next_request(&sv, &rq)) {
		Yoke__Reply r2 = YOKE__REPLY__INIT;
		Yoke__HoldsReply h = YOKE__HOLDS_REPLY__INIT;
		Yoke__NcrReply n = YOKE__NCR_REPLY__INIT;
		if (rq.rq.body_case == YOKE__REQUEST__BODY_HOLDS) {
			r2.body_case = YOKE__REPLY__BODY_HOLDS;
			r2.holds = &h;
		} else {
			r2.body_case = YOKE__REPLY__BODY_NCRS;
			r2.ncrs = &n;
		}
		station_on_reply(&sv, &r2);
	}
}

#define ROWS 30
static Yoke__LineStation rows[ROWS];
static Yoke__LineStation *row_ptrs[ROWS];
static char ids[ROWS][16];

/* The line's answer: n stations S-01.., S-02 with a unit open. */
static void
answer_line(size_t n)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__LineStatusReply lr = YOKE__LINE_STATUS_REPLY__INIT;

	for (size_t i = 0; i < n && i < ROWS; i++) {
		Yoke__LineStation r = YOKE__LINE_STATION__INIT;
		rows[i] = r;
		snprintf(ids[i], sizeof ids[i], "S-%02zu", i + 1);
		rows[i].station = ids[i];
		rows[i].kind = (char *)"SMT";
		rows[i].online = i % 2 == 0;
		rows[i].queue = 4;
		rows[i].priority_wo = (char *)"WO-7";
		rows[i].priority = 5;
		row_ptrs[i] = &rows[i];
	}
	rows[1].serial = (char *)"WO-7-0003";
	rows[1].badge = (char *)"1001";
	rows[1].person = (char *)"Li Wei";
	lr.stations = row_ptrs;
	lr.n_stations = n;
	lr.total = (uint32_t)n;
	lr.day = (char *)"2026-11-26";
	lr.now_us = 1795000000000000LL;
	rp.body_case = YOKE__REPLY__BODY_LINE_STATUS;
	rp.line_status = &lr;
	station_on_reply(&sv, &rp);
}

static void
open_monitor(size_t n)
{
	start_lead();
	station_tick(&sv, 1000000);
	CHECK(!station_on_function(&sv, 2, false, &rq));
	CHECK(line_board_on(&sv));
	CHECK(sv.line.subscribe);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_LINE_STATUS);
	CHECK_STR(rq.rq.line_status->station, "");
	answer_line(n);
	CHECK(!station_next_request(&sv, &rq));
}

static void
list_and_paging(void)
{
	char buf[200];
	open_monitor(ROWS);
	CHECK_INT(sv.line.list->n_stations, ROWS);
	CHECK_INT(sv.line.pick, 0);
	station_on_arrow(&sv, 1);
	CHECK_INT(sv.line.pick, 1);
	station_on_page(&sv, 1);
	CHECK_INT(sv.line.pick, 1 + (int)line_board_page_rows(24));
	station_on_page(&sv, 1);
	CHECK_INT(sv.line.pick, ROWS - 1);
	station_on_page(&sv, -1);
	station_on_page(&sv, -1);
	station_on_arrow(&sv, -1);
	CHECK_INT(sv.line.pick, 0);
	lead_prompt(&sv, buf, sizeof buf);
	CHECK(strstr(buf, "Pick a station") != NULL);
	/* An unknown id is refused; a row number and an id open the station. */
	CHECK(!line("NOPE-9"));
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK(!line("2"));
	CHECK_INT(sv.line.screen, LINE_BOARD_ONE);
	CHECK_STR(line_board_shown(&sv)->station, "S-02");
	CHECK(!line(""));
	CHECK_INT(sv.line.screen, LINE_BOARD_LIST);
	CHECK(!line("S-05"));
	CHECK_STR(line_board_shown(&sv)->station, "S-05");
	/* A fresh answer keeps the station shown. */
	line_board_refresh(&sv);
	REQUIRE(station_next_request(&sv, &rq));
	answer_line(ROWS);
	CHECK_STR(line_board_shown(&sv)->station, "S-05");
	/* F2 again: the holds. */
	station_on_function(&sv, 2, false, &rq);
	CHECK(!line_board_on(&sv));
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
}

static void
notices_and_refresh(void)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;
	open_monitor(3);
	n.topic = (char *)"station/SMT";
	n.serial = (char *)"WO-7-0004";
	n.status = YOKE__UNIT_STATUS__UNIT_IN_WORK;
	n.text = (char *)"in work";
	station_tick(&sv, 2000000);
	station_on_notice(&sv, &n);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_LINE_STATUS);
	answer_line(3);
	/* Another within the second: kept for the end of it. */
	station_tick(&sv, 2300000);
	n.topic = (char *)"alarm/S-01";
	station_on_notice(&sv, &n);
	CHECK(!station_next_request(&sv, &rq));
	station_tick(&sv, 3100000);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_LINE_STATUS);
	answer_line(3);
	/* Nothing else: the slow refresh. */
	station_tick(&sv, 3200000);
	CHECK(!station_next_request(&sv, &rq));
	station_tick(&sv, 1000000 + LINE_BOARD_REFRESH_US + 1);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_LINE_STATUS);
	answer_line(3);
	/* A notice about something else is not the line's. */
	station_tick(&sv, 99000000);
	REQUIRE(station_next_request(&sv, &rq));
	answer_line(3);
	n.topic = (char *)"terminal/QC-1@x";
	line_board_notice(&sv, &n);
	CHECK(!sv.line.want);
}

static void
priority_change(void)
{
	char buf[200];
	open_monitor(3);
	CHECK(!line("S-02"));
	CHECK(!line("5"));
	lead_prompt(&sv, buf, sizeof buf);
	CHECK_STR(buf, "Which work order? Enter: WO-7");
	CHECK(station_masked(&sv) == false);
	CHECK(!line("WO-9"));
	CHECK(!line("0"));
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK(!line("10"));
	CHECK(!line("2"));
	lead_prompt(&sv, buf, sizeof buf);
	CHECK_STR(buf, "Priority 2 for WO-9: why? Type the reason, then Enter");
	CHECK(!line(""));
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK(!line("customer line down"));
	lead_prompt(&sv, buf, sizeof buf);
	CHECK(strstr(buf, "priority 2 for work order WO-9") != NULL);
	CHECK(!line(""));             /* Enter: the lead's own badge */
	CHECK(station_masked(&sv));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WO_PRIORITY);
	CHECK_STR(rq.rq.wo_priority->work_order, "WO-9");
	CHECK_INT(rq.rq.wo_priority->priority, 2);
	CHECK_STR(rq.rq.wo_priority->reason, "customer line down");
	REQUIRE(rq.rq.wo_priority->signature != NULL);
	CHECK_STR(rq.rq.wo_priority->signature->badge, "2002");
	CHECK_STR(rq.rq.wo_priority->signature->pin, "2468");
	reply_plain(YOKE__STATUS__STATUS_OK, "Work order WO-9: priority 2 (was 5); 1 unit requeued");
	CHECK_STR(sv.message, "Work order WO-9: priority 2 (was 5); 1 unit requeued");
	REQUIRE(station_next_request(&sv, &rq));   /* read again */
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_LINE_STATUS);
	answer_line(3);
	/* @BACK cancels; nothing is sent. */
	CHECK(!line("5"));
	CHECK(!line("@BACK"));
	CHECK_INT(sv.line.ask, LINE_BOARD_ASK_NONE);
	CHECK(!station_next_request(&sv, &rq));
}

static void
acting_through_the_lead(void)
{
	open_monitor(3);
	/* 1 where nothing is open: refused. */
	CHECK(!line("S-01"));
	CHECK(!line("1"));
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK(!line(""));
	/* 1 on S-02: the unit's trace on the lead's unit screen. */
	CHECK(!line("S-02"));
	REQUIRE(line("1"));
	CHECK(!line_board_on(&sv));
	CHECK_INT(sv.lead.screen, LEAD_UNIT);
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	CHECK_STR(rq.rq.trace->serial, "WO-7-0003");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "gone");
	/* 3: the lead's hold on the station, at its reason. */
	station_on_function(&sv, 2, false, &rq);
	REQUIRE(station_next_request(&sv, &rq));
	answer_line(3);
	CHECK(!line("S-03"));
	CHECK(!line("3"));
	CHECK(!line_board_on(&sv));
	CHECK_INT(sv.lead.ask, LEAD_ASK_REASON);
	CHECK_INT(sv.lead.scope, YOKE__HOLD_SCOPE__HOLD_STATION);
	CHECK_STR(sv.lead.target, "S-03");
	/* 2: the alarm board. */
	CHECK(!line("@BACK"));
	station_on_function(&sv, 2, false, &rq);
	REQUIRE(station_next_request(&sv, &rq));
	answer_line(3);
	CHECK(!line("S-01"));
	CHECK(!line("2"));
	CHECK(alarm_board_on(&sv));
	CHECK(!line_board_on(&sv));
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(list_and_paging);
	RUN(notices_and_refresh);
	RUN(priority_change);
	RUN(acting_through_the_lead);
	station_free(&sv);
	return check_done();
}
