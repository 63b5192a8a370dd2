/*
 * test_setup_view.c — the material setup at the station terminal, without
 * curses (terminal/setup.h): a station whose unit takes nothing from a
 * setup sends no setup request; a unit with a from=setup step reads the
 * setup, its prompt names the loaded lot and Enter confirms it (a scan is
 * refused here); @SETUP asks for reel labels, each a SetupLoad, the
 * server's refusal shown in its words, Enter ends it.
 */
#include "terminal/station.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

static struct station_view sv;
static struct station_request rq;
static Yoke__StepView steps[2];
static Yoke__StepView *step_ptrs[2];
static Yoke__UnitView unit;

static void
make_unit(bool from_setup)
{
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	for (int i = 0; i < 2; i++) {
		Yoke__StepView s = YOKE__STEP_VIEW__INIT;
		steps[i] = s;
		steps[i].index = (uint32_t)i;
		steps[i].due = true;
		step_ptrs[i] = &steps[i];
	}
	steps[0].kind = YOKE__STEP_KIND__STEP_SCAN;
	steps[0].part = (char *)"IC-555";
	steps[0].qty = 1;
	steps[0].from_setup = from_setup;
	steps[1].kind = YOKE__STEP_KIND__STEP_CHECK;
	steps[1].text = (char *)"Seated";
	unit = u;
	unit.serial = (char *)"WO1-0001";
	unit.n_steps = 2;
	unit.steps = step_ptrs;
}

static void
reply(Yoke__Status st, const char *msg, Yoke__UnitView *u, Yoke__SetupReply *s)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	if (u) {
		rp.body_case = YOKE__REPLY__BODY_UNIT;
		rp.unit = u;
	} else if (s) {
		rp.body_case = YOKE__REPLY__BODY_SETUP;
		rp.setup = s;
	}
	station_on_reply(&sv, &rp);
}

static void
badged_in(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;
	station_free(&sv);
	station_init(&sv, "ASSY-1");
	if (station_next_request(&sv, &rq))
		reply(YOKE__STATUS__STATUS_OK, "", NULL, NULL);
	station_set_online(&sv, true);
	station_on_line(&sv, "100", false, &rq);
	b.session = (char *)"s-1";
	b.badge = (char *)"100";
	b.operator_name = (char *)"Ann";
	b.role = YOKE__ROLE__ROLE_OPERATOR;
	b.station = (char *)"ASSY-1";
	b.station_kind = (char *)"ASSY";
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	sv.want_defects = false;
	sv.want_queue = false;
}

/* The setup: IC-555 with lot L-000001 loaded (usable or not). */
static Yoke__SetupReply setup;
static Yoke__SetupEntry entry, *entry_ptr = &entry;
static char *parts[] = { (char *)"IC-555" };

static Yoke__SetupReply *
make_setup(bool loaded, bool usable)
{
	Yoke__SetupReply s = YOKE__SETUP_REPLY__INIT;
	Yoke__SetupEntry e = YOKE__SETUP_ENTRY__INIT;
	setup = s;
	entry = e;
	entry.station = (char *)"ASSY-1";
	entry.part = (char *)"IC-555";
	entry.lot = (char *)"L-000001";
	entry.usable = usable;
	setup.station = (char *)"ASSY-1";
	setup.n_parts = 1;
	setup.parts = parts;
	if (loaded) {
		setup.n_entries = 1;
		setup.entries = &entry_ptr;
	}
	return &setup;
}

static void
no_setup_no_request(void)
{
	badged_in();
	make_unit(false);
	CHECK(station_on_line(&sv, "WO1-0001", false, &rq));
	reply(YOKE__STATUS__STATUS_OK, "", &unit, NULL);
	CHECK(!station_next_request(&sv, &rq));
}

static void
step_takes_the_loaded_lot(void)
{
	char prompt[512];
	badged_in();
	make_unit(true);
	CHECK(station_on_line(&sv, "WO1-0001", false, &rq));
	reply(YOKE__STATUS__STATUS_OK, "", &unit, NULL);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_SETUP);
	CHECK_STR(rq.rq.setup->station, "ASSY-1");
	reply(YOKE__STATUS__STATUS_OK, "", NULL, make_setup(true, true));
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "IC-555 lot L-000001") != NULL);
	CHECK(strstr(prompt, "Enter") != NULL);

	/* A scan is no answer here: the lot comes from the setup. */
	CHECK(!station_on_line(&sv, "IC-555/L-000009", false, &rq));
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK(strstr(sv.message, "@SETUP") != NULL);
	/* Enter confirms it. */
	REQUIRE(station_on_line(&sv, "", false, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_STEP);
	CHECK_INT(rq.rq.step->entry_case, YOKE__STEP_RECORD__ENTRY_CONFIRM);
	CHECK(rq.rq.step->confirm);
	CHECK_INT(rq.rq.step->step, 0);
	/* Refused (blocked since): the server's words, and the setup read again. */
	reply(YOKE__STATUS__STATUS_SETUP_LOT_REFUSED, "Lot L-000001 (R1) of IC-555 is blocked: x",
	    &unit, NULL);
	CHECK_STR(sv.message, "Lot L-000001 (R1) of IC-555 is blocked: x");
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_SETUP);
	reply(YOKE__STATUS__STATUS_OK, "", NULL, make_setup(true, false));
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "may not be used") != NULL);
	/* Nothing loaded: said so. */
	REQUIRE(station_on_line(&sv, "", false, &rq));
	reply(YOKE__STATUS__STATUS_SETUP_EMPTY, "No lot of IC-555 is loaded at ASSY-1", &unit, NULL);
	REQUIRE(station_next_request(&sv, &rq));
	reply(YOKE__STATUS__STATUS_OK, "", NULL, make_setup(false, false));
	station_prompt(&sv, prompt, sizeof prompt);
	CHECK(strstr(prompt, "no lot of IC-555") != NULL);
}

static void
setup_command_loads_reels(void)
{
	char prompt[512];
	badged_in();
	CHECK(!station_on_line(&sv, "@SETUP", false, &rq));
	CHECK_INT(sv.ask, STATION_ASK_SETUP);
	CHECK(station_ask_prompt(&sv, prompt, sizeof prompt));
	CHECK(strstr(prompt, "ASSY-1") != NULL);
	/* The first time, the setup is read for its line. */
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_SETUP);
	reply(YOKE__STATUS__STATUS_OK, "", NULL, make_setup(false, false));

	REQUIRE(station_on_line(&sv, "IC-555/LOT-7", false, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_SETUP_LOAD);
	CHECK_STR(rq.rq.setup_load->scan, "IC-555/LOT-7");
	reply(YOKE__STATUS__STATUS_SETUP_LOT_REFUSED, "Lot L-000003 (LOT-7) of IC-555 expired", NULL,
	    NULL);
	CHECK_STR(sv.message, "Lot L-000003 (LOT-7) of IC-555 expired");
	CHECK_INT(sv.ask, STATION_ASK_SETUP);      /* the next reel */
	REQUIRE(station_on_line(&sv, "IC-555/L-000001", false, &rq));
	reply(YOKE__STATUS__STATUS_OK, "Loaded at ASSY-1: IC-555 lot L-000001", NULL,
	    make_setup(true, true));
	CHECK_STR(sv.message, "Loaded at ASSY-1: IC-555 lot L-000001");
	CHECK_INT(sv.tone, STATION_TONE_OK);
	/* A command is no label; Enter ends the loading. */
	CHECK(!station_on_line(&sv, "@PASS", false, &rq));
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	CHECK(!station_on_line(&sv, "", false, &rq));
	CHECK_INT(sv.ask, STATION_ASK_NONE);
	CHECK(strstr(sv.message, "1 lot loaded") != NULL);
	CHECK(!station_next_request(&sv, &rq));
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(no_setup_no_request);
	RUN(step_takes_the_loaded_lot);
	RUN(setup_command_loads_reels);
	station_free(&sv);
	return check_done();
}
