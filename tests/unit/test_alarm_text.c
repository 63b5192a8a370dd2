/*
 * test_alarm_text.c — an alarm's number read back from what a person
 * typed, and the words for its state on a command line.
 */
#include "tests/lib/check.h"
#include "shared/alarm_text.h"

static void
test_number_parse(void)
{
	uint64_t id = 0;
	char buf[32];
	CHECK(alarm_number_parse("ALM-000012", &id));
	CHECK_INT(id, 12);
	CHECK(alarm_number_parse("alm-7", &id));
	CHECK_INT(id, 7);
	CHECK(alarm_number_parse("42", &id));
	CHECK_INT(id, 42);
	CHECK(alarm_number_parse("ALM-999999999999", &id));
	CHECK_INT(id, 999999999999LL);
	id = 5;
	CHECK(!alarm_number_parse("", &id));
	CHECK(!alarm_number_parse(NULL, &id));
	CHECK(!alarm_number_parse("ALM-", &id));
	CHECK(!alarm_number_parse("ALM-0", &id));
	CHECK(!alarm_number_parse("ALM-000000", &id));
	CHECK(!alarm_number_parse("ALM-1x", &id));
	CHECK(!alarm_number_parse("ALM- 1", &id));
	CHECK(!alarm_number_parse("-1", &id));
	CHECK(!alarm_number_parse("+1", &id));
	CHECK(!alarm_number_parse("ALM-1000000000000", &id));   /* 13 digits */
	CHECK(!alarm_number_parse("NCR-000001", &id));
	CHECK_INT(id, 5);       /* untouched on failure */
	alarm_number_text(buf, sizeof buf, 12);
	CHECK_STR(buf, "ALM-000012");
	alarm_number_text(buf, sizeof buf, 1234567);
	CHECK_STR(buf, "ALM-1234567");
	CHECK(alarm_number_parse(buf, &id));
	CHECK_INT(id, 1234567);
}

static void
test_state_words(void)
{
	Yoke__AlarmState st;
	bool open;
	CHECK(alarm_state_parse("raised", &st, &open) && st == YOKE__ALARM_STATE__ALARM_RAISED && !open);
	CHECK(alarm_state_parse("ack", &st, &open) && st == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED);
	CHECK(alarm_state_parse("acknowledged", &st, &open) &&
	    st == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED);
	CHECK(alarm_state_parse("resolved", &st, &open) && st == YOKE__ALARM_STATE__ALARM_RESOLVED);
	CHECK(alarm_state_parse("open", &st, &open) && open && st == 0);
	CHECK(!alarm_state_parse("closed", &st, &open));
	CHECK(!alarm_state_parse("", &st, &open));
	CHECK_STR(alarm_state_name(YOKE__ALARM_STATE__ALARM_RESOLVED), "resolved");
	CHECK_STR(alarm_source_name(YOKE__ALARM_SOURCE__ALARM_ANDON), "call for help");
	CHECK_STR(alarm_severity_name(YOKE__ALARM_SEVERITY__ALARM_VIOLATION), "violation");
	CHECK_STR(alarm_state_name(99), "?");
	Yoke__Alarm a = YOKE__ALARM__INIT;
	a.state = YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
	CHECK(alarm_is_open(&a));
	a.state = YOKE__ALARM_STATE__ALARM_RESOLVED;
	CHECK(!alarm_is_open(&a));
}

int
main(void)
{
	RUN(test_number_parse);
	RUN(test_state_words);
	return check_done();
}
