/*
 * test_alarm_view.c — alarms at the station terminal, without curses
 * (terminal/alarm_call.h, alarm_board.h): the andon key asks what is wrong
 * and whether to stop, and sends the call with the open unit; @BACK sends
 * nothing; a STATION_STOPPED refusal reads the station's alarms, which
 * give the stopped screen until the acknowledgement; another station's
 * alarm topic is not this one's; the lead's alarms list open ones first,
 * and an acknowledgement takes the cause, the action and the signature.
 */
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
reply(Yoke__Status st, const char *msg, Yoke__AlarmReply *ar)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	if (ar) {
		rp.body_case = YOKE__REPLY__BODY_ALARMS;
		rp.alarms = ar;
	}
	station_on_reply(&sv, &rp);
}

static void
badged_in(const char *station, const char *badge, Yoke__Role role)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;
	station_free(&sv);
	station_init(&sv, station);
	if (station_next_request(&sv, &rq))
		reply(YOKE__STATUS__STATUS_OK, "", NULL);
	station_set_online(&sv, true);
	line(badge);
	b.session = (char *)"s-1";
	b.badge = (char *)badge;
	b.operator_name = (char *)"Ann";
	b.role = role;
	b.station = (char *)station;
	b.station_kind = (char *)"SMT";
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	sv.want_defects = false;
	sv.want_queue = false;
}

/* Alarms to answer with: 1 raised stopping SMT-1, 2 raised warning, 3 acknowledged, 4 resolved. */
static Yoke__Alarm alarms[4];
static Yoke__Alarm *alarm_ptrs[4];
static Yoke__SignatureRecord acked;
static Yoke__AlarmReply list;

static Yoke__AlarmReply *
make_list(size_t n, bool first_acked)
{
	Yoke__AlarmReply r = YOKE__ALARM_REPLY__INIT;
	Yoke__SignatureRecord s = YOKE__SIGNATURE_RECORD__INIT;
	static const Yoke__AlarmState states[4] = { YOKE__ALARM_STATE__ALARM_RESOLVED,
		YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED, YOKE__ALARM_STATE__ALARM_RAISED,
		YOKE__ALARM_STATE__ALARM_RAISED };
	acked = s;
	acked.name = (char *)"Tom Baker";
	acked.badge = (char *)"2002";
	/* Newest first, as the server lists them: ids 4, 3, 2, 1. */
	for (size_t i = 0; i < 4; i++) {
		Yoke__Alarm a = YOKE__ALARM__INIT;
		alarms[i] = a;
		alarms[i].id = 4 - i;
		alarms[i].state = states[i];
		alarms[i].station = (char *)"SMT-1";
		alarms[i].source = YOKE__ALARM_SOURCE__ALARM_ANDON;
		alarm_ptrs[i] = &alarms[i];
	}
	alarms[3].stops_station = true;         /* ALM-000001 */
	alarms[3].detail = (char *)"feeder jams";
	alarms[3].cause = (char *)"spring worn";
	alarms[3].action = (char *)"spring replaced";
	if (first_acked) {
		alarms[3].state = YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
		alarms[3].acknowledged = &acked;
	}
	list = r;
	list.n_alarms = n;
	list.alarms = n == 4 ? alarm_ptrs : alarm_ptrs + (4 - n);
	list.matched = (uint32_t)n;
	return &list;
}

static void
andon_asks_and_calls(void)
{
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	Yoke__StepView st = YOKE__STEP_VIEW__INIT, *stp = &st;

	badged_in("SMT-1", "1001", YOKE__ROLE__ROLE_OPERATOR);
	CHECK(!station_next_request(&sv, &rq));         /* badge-in asks nothing more */
	/* A unit open: the call names it. */
	u.serial = (char *)"WO-1-0001";
	u.status = YOKE__UNIT_STATUS__UNIT_IN_WORK;
	st.kind = YOKE__STEP_KIND__STEP_INSTRUCT;
	st.text = (char *)"Load the panel";
	st.due = true;
	u.steps = &stp;
	u.n_steps = 1;
	CHECK(line("WO-1-0001"));
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.body_case = YOKE__REPLY__BODY_UNIT;
	rp.unit = &u;
	station_on_reply(&sv, &rp);
	CHECK(!station_on_function(&sv, 8, false, &rq));
	CHECK_INT(sv.ask, STATION_ASK_ANDON_TEXT);
	char p[256];
	CHECK(station_ask_prompt(&sv, p, sizeof p));
	CHECK(strstr(p, "what is wrong") != NULL);
	CHECK(!line("@OK"));                            /* a command is no answer */
	CHECK_INT(sv.ask, STATION_ASK_ANDON_TEXT);
	CHECK(!line("feeder jams"));
	CHECK_INT(sv.ask, STATION_ASK_ANDON_STOP);
	CHECK(!line("maybe"));
	CHECK_INT(sv.ask, STATION_ASK_ANDON_STOP);
	CHECK(line("@STOP"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_ANDON);
	CHECK_STR(rq.andon.text, "feeder jams");
	CHECK(rq.andon.stop);
	CHECK_STR(rq.andon.serial, "WO-1-0001");
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	reply(YOKE__STATUS__STATUS_OK, "Help called: alarm ALM-000001.", make_list(1, false));
	CHECK(strstr(sv.message, "ALM-000001") != NULL);
	/* The answer makes the station's alarms read: stopped. */
	CHECK(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_ALARM_QUERY);
	CHECK_STR(rq.alarm_query.station, "SMT-1");
	CHECK(rq.alarm_query.open);
	reply(YOKE__STATUS__STATUS_OK, "", make_list(3, false));
	CHECK(alarm_station_stopper(&sv) != NULL && alarm_station_stopper(&sv)->id == 1);
	CHECK(alarm_station_raised(&sv) != NULL && alarm_station_raised(&sv)->id == 2);

	/* @ANDON without stopping; @BACK drops it. */
	CHECK(!line("@ANDON"));
	CHECK(!line(""));
	CHECK_INT(sv.ask, STATION_ASK_ANDON_STOP);
	CHECK(line(""));
	CHECK(!rq.andon.stop);
	CHECK_STR(rq.andon.text, "");
	reply(YOKE__STATUS__STATUS_OK, "ok", make_list(1, false));
	CHECK(!line("@STOP"));
	CHECK(!line("@BACK"));
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK(strstr(sv.message, "nothing was sent") != NULL);
	station_free(&sv);
}

static void
stopped_until_acknowledged(void)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;
	char p[256];

	badged_in("SMT-1", "1001", YOKE__ROLE__ROLE_OPERATOR);
	CHECK(line("WO-1-0002"));
	reply(YOKE__STATUS__STATUS_STATION_STOPPED, "Station SMT-1 is stopped by alarm ALM-000001",
	    NULL);
	CHECK(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_ALARM_QUERY);
	reply(YOKE__STATUS__STATUS_OK, "", make_list(3, false));
	CHECK(alarm_station_stopper(&sv) != NULL);
	alarm_stopped_prompt(&sv, p, sizeof p);
	CHECK(strstr(p, "ALM-000001") != NULL);
	/* Another station's topic (a prefix match of the SUB) changes nothing. */
	n.topic = (char *)"alarm/SMT-10";
	n.text = (char *)"alarm acknowledged";
	station_on_notice(&sv, &n);
	CHECK(!station_next_request(&sv, &rq));
	/* This station's: read again; acknowledged, the station works. */
	n.topic = (char *)"alarm/SMT-1";
	station_on_notice(&sv, &n);
	CHECK(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_ALARM_QUERY);
	reply(YOKE__STATUS__STATUS_OK, "", make_list(3, true));
	CHECK(alarm_station_stopper(&sv) == NULL);
	CHECK(strstr(sv.message, "acknowledged by Tom Baker") != NULL);
	CHECK(strstr(sv.message, "spring worn") != NULL);
	station_free(&sv);
}

static void
board_sorts_and_acknowledges(void)
{
	Yoke__Alarm a[3], *ptr[3];
	for (int i = 0; i < 3; i++) {
		Yoke__Alarm x = YOKE__ALARM__INIT;
		a[i] = x;
		a[i].id = (uint64_t)(3 - i);
		ptr[i] = &a[i];
	}
	a[0].state = YOKE__ALARM_STATE__ALARM_RESOLVED;
	a[1].state = YOKE__ALARM_STATE__ALARM_RAISED;
	a[2].state = YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
	alarm_board_sort(ptr, 3);
	CHECK_INT(ptr[0]->id, 2);
	CHECK_INT(ptr[1]->id, 1);
	CHECK_INT(ptr[2]->id, 3);

	badged_in("QC-1", "2002", YOKE__ROLE__ROLE_LEAD);
	while (station_next_request(&sv, &rq))   /* the holds and NCRs of the lead's view */
		reply(YOKE__STATUS__STATUS_NOT_FOUND, "not now", NULL);
	CHECK(!station_on_function(&sv, 8, false, &rq));
	CHECK(alarm_board_on(&sv));
	CHECK(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_ALARM_QUERY);
	CHECK(!rq.alarm_query.open);
	reply(YOKE__STATUS__STATUS_OK, "", make_list(4, false));
	/* Raised first (2, 1), then acknowledged (3), then resolved (4). */
	REQUIRE(sv.board.list && sv.board.list->n_alarms == 4);
	CHECK_INT(sv.board.list->alarms[0]->id, 2);
	CHECK_INT(sv.board.list->alarms[1]->id, 1);
	CHECK_INT(sv.board.list->alarms[2]->id, 3);
	CHECK_INT(sv.board.list->alarms[3]->id, 4);
	CHECK(!line("ALM-000001"));
	REQUIRE(alarm_board_shown(&sv) != NULL);
	CHECK_INT(alarm_board_shown(&sv)->id, 1);
	CHECK(!line("spring worn"));
	CHECK(sv.board.ask == ALARM_BOARD_ASK_ACTION);
	CHECK(!line(""));                       /* the action is required */
	CHECK(sv.board.ask == ALARM_BOARD_ASK_ACTION);
	CHECK(!line("spring replaced"));
	CHECK(sv.board.ask == ALARM_BOARD_ASK_SIGN);
	CHECK(!line(""));                       /* Enter: the own badge */
	CHECK(station_masked(&sv));
	CHECK(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_ALARM_ACK);
	CHECK_STR(rq.alarm_ack.number, "ALM-000001");
	CHECK_STR(rq.alarm_ack.cause, "spring worn");
	CHECK_STR(rq.alarm_ack.action, "spring replaced");
	REQUIRE(rq.alarm_ack.signature != NULL);
	CHECK_STR(rq.alarm_ack.signature->badge, "2002");
	CHECK_STR(rq.alarm_ack.signature->pin, "2468");
	reply(YOKE__STATUS__STATUS_OK, "Alarm ALM-000001 acknowledged: station SMT-1 may work again",
	    make_list(1, true));
	CHECK(strstr(sv.message, "may work again") != NULL);
	CHECK(station_next_request(&sv, &rq));        /* the list again */
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_ALARM_QUERY);
	reply(YOKE__STATUS__STATUS_OK, "", make_list(4, true));
	/* Acknowledged now: the line typed is the resolution. */
	CHECK(!line("the alarm was checked, all fine"));
	CHECK(sv.board.ask == ALARM_BOARD_ASK_SIGN && sv.board.resolving);
	CHECK(!line("@BACK"));
	CHECK(sv.board.ask == ALARM_BOARD_ASK_NONE);
	CHECK(!station_on_function(&sv, 8, false, &rq));      /* back to the holds */
	CHECK(!alarm_board_on(&sv));
	station_free(&sv);
}

/* An escalation notice for this person, or for their role, is said on the
 * status line with the alarm's number; one for somebody else is not. */
static void
escalation_told_to_the_person(void)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;

	badged_in("SMT-1", "1001", YOKE__ROLE__ROLE_OPERATOR);
	n.text = (char *)"alarm escalated";
	n.serial = (char *)"ALM-000007";
	n.topic = (char *)"person/1002";
	station_on_notice(&sv, &n);
	CHECK(strstr(sv.message, "ALM-000007") == NULL);
	n.topic = (char *)"person/1001";
	station_on_notice(&sv, &n);
	CHECK(strstr(sv.message, "Alarm ALM-000007 is escalated to you") != NULL);
	sv.message[0] = '\0';
	n.topic = (char *)"role/operator";
	n.serial = (char *)"ALM-000008";
	station_on_notice(&sv, &n);
	CHECK(strstr(sv.message, "ALM-000008") != NULL);
	station_free(&sv);
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(andon_asks_and_calls);
	RUN(stopped_until_acknowledged);
	RUN(board_sorts_and_acknowledges);
	RUN(escalation_told_to_the_person);
	return check_done();
}
