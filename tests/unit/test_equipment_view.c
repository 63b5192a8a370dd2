/*
 * test_equipment_view.c — a measure step from=equipment at the station
 * terminal, without curses (terminal/equipment_step.h): its prompt says
 * the value comes from the equipment, a typed number is refused, Enter
 * sends a confirm (the server takes the value), and a refusal
 * (NO_EQUIPMENT_VALUE) leaves the same step current for another Enter.
 */
#include "terminal/station.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

static struct station_view sv;
static struct station_request rq;
static Yoke__StepView step, *step_ptr = &step;
static Yoke__UnitView unit;

static void
reply(Yoke__Status st, const char *msg, Yoke__UnitView *u)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	if (u) {
		rp.body_case = YOKE__REPLY__BODY_UNIT;
		rp.unit = u;
	}
	station_on_reply(&sv, &rp);
}

static void
badged_in(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;
	station_free(&sv);
	station_init(&sv, "REFLOW-1");
	if (station_next_request(&sv, &rq))
		reply(YOKE__STATUS__STATUS_OK, "", NULL);
	station_set_online(&sv, true);
	station_on_line(&sv, "100", false, &rq);
	b.session = (char *)"s-1";
	b.badge = (char *)"100";
	b.operator_name = (char *)"Rae";
	b.role = YOKE__ROLE__ROLE_OPERATOR;
	b.station = (char *)"REFLOW-1";
	b.station_kind = (char *)"REFLOW";
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	sv.want_defects = false;
	sv.want_queue = false;
}

static void
enter_takes_the_equipment_value(void)
{
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	Yoke__StepView s = YOKE__STEP_VIEW__INIT;
	char prompt[512];

	badged_in();
	step = s;
	step.kind = YOKE__STEP_KIND__STEP_MEASURE;
	step.name = (char *)"peak_temp";
	step.unit = (char *)"C";
	step.has_lsl = step.has_usl = true;
	step.lsl = 235;
	step.usl = 250;
	step.due = true;
	step.from_equipment = true;
	unit = u;
	unit.serial = (char *)"WO1-0001";
	unit.n_steps = 1;
	unit.steps = &step_ptr;
	CHECK(station_on_line(&sv, "WO1-0001", false, &rq));
	reply(YOKE__STATUS__STATUS_OK, "", &unit);
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "peak_temp in C from the equipment") != NULL);
	CHECK(strstr(prompt, "235") != NULL && strstr(prompt, "Enter") != NULL);

	/* The operator types nothing: a number is refused here. */
	CHECK(!station_on_line(&sv, "245", false, &rq));
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK(strstr(sv.message, "comes from the equipment") != NULL);

	REQUIRE(station_on_line(&sv, "", false, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_STEP);
	CHECK_INT(rq.rq.step->entry_case, YOKE__STEP_RECORD__ENTRY_CONFIRM);
	CHECK_INT(rq.rq.step->step, 0);
	/* No value yet: the server's words; Enter again asks again. */
	reply(YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE, "No value of peak_temp from REFLOW-1 in the "
	    "last 30 s", NULL);
	CHECK(strstr(sv.message, "No value of peak_temp") != NULL);
	REQUIRE(station_on_line(&sv, "@OK", false, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_STEP);
	CHECK_INT(rq.rq.step->entry_case, YOKE__STEP_RECORD__ENTRY_CONFIRM);
	station_free(&sv);
}

int
main(void)
{
	i18n_use("en");
	RUN(enter_takes_the_equipment_value);
	return check_done();
}
