/*
 * test_line.c — the line monitor's pure parts: first-pass yield and its
 * rounding, ages, the state word, a row's cells (English and Chinese, each
 * within its column at 80 columns), the unit record read from its bytes
 * (against protobuf-c's own packing, packed and unpacked holds, and cut
 * short), and the table of terminals heard (update, station kept,
 * forgetting the oldest when full).
 */
#include "tests/lib/check.h"
#include "server/line/line.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/line_text.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
test_fpy(void)
{
	CHECK_INT(line_fpy_percent(0, 0), -1);
	CHECK_INT(line_fpy_percent(1, 0), 100);
	CHECK_INT(line_fpy_percent(0, 3), 0);
	CHECK_INT(line_fpy_percent(1, 1), 50);
	CHECK_INT(line_fpy_percent(2, 1), 67);      /* 66.67 rounds up */
	CHECK_INT(line_fpy_percent(1, 2), 33);
	CHECK_INT(line_fpy_percent(199, 1), 100);   /* 99.5 rounds half up */
	CHECK_INT(line_fpy_percent(397, 3), 99);    /* 99.25 */
	CHECK_INT(line_fpy_percent(4000000000u, 4000000000u), 50);   /* no overflow */
}

static void
test_ages(void)
{
	char buf[16];
	int64_t now = 1800000000LL * 1000000;
	CHECK_INT(line_minutes(0, now), 0);
	CHECK_INT(line_minutes(now + 5, now), 0);
	CHECK_INT(line_minutes(now - 59 * 1000000LL, now), 0);
	CHECK_INT(line_minutes(now - 61 * 1000000LL, now), 1);
	line_age_text(0, now, buf, sizeof buf);
	CHECK_STR(buf, "");
	line_age_text(now - 7 * 60000000LL, now, buf, sizeof buf);
	CHECK_STR(buf, "7m");
	line_age_text(now - 99 * 60000000LL, now, buf, sizeof buf);
	CHECK_STR(buf, "99m");
	line_age_text(now - 100 * 60000000LL, now, buf, sizeof buf);
	CHECK_STR(buf, "1h");
	line_age_text(now - 47 * 3600000000LL, now, buf, sizeof buf);
	CHECK_STR(buf, "47h");
	line_age_text(now - 50 * 3600000000LL, now, buf, sizeof buf);
	CHECK_STR(buf, "2d");
}

static Yoke__LineStation
sample_row(int64_t now)
{
	Yoke__LineStation r = YOKE__LINE_STATION__INIT;
	r.station = (char *)"SMT-1";
	r.kind = (char *)"SMT";
	r.online = true;
	r.badge = (char *)"1002";
	r.person = (char *)"王芳";
	r.serial = (char *)"WO-DEMO-1-0001";
	r.unit_since_us = now - 12 * 60000000LL;
	r.queue = 14;
	r.oldest_us = now - 45 * 60000000LL;
	r.first_pass = 19;
	r.first_fail = 1;
	r.alarms = 2;
	r.holds = 1;
	r.held = true;
	return r;
}

static void
test_cells(void)
{
	int64_t now = 1800000000LL * 1000000;
	Yoke__LineStation r = sample_row(now);
	struct line_cells c;

	i18n_use("en");
	line_cells(&r, now, &c);
	CHECK_STR(c.text[LINE_COL_STATION], "SMT-1");
	CHECK_STR(c.text[LINE_COL_STATE], "online");
	CHECK_STR(c.text[LINE_COL_WHO], "王芳");
	CHECK_STR(c.text[LINE_COL_UNIT], "WO-DEMO-1-0001");
	CHECK_STR(c.text[LINE_COL_MIN], "12");
	CHECK_STR(c.text[LINE_COL_QUEUE], "14/45m");
	CHECK_STR(c.text[LINE_COL_FPY], "95%");
	CHECK_STR(c.text[LINE_COL_ALARMS], "2");
	CHECK_STR(c.text[LINE_COL_HOLDS], "1!");
	/* Stopped wins; offline without a terminal heard; nobody, no unit. */
	r.stopped_by = (char *)"ALM-000003";
	CHECK_INT(line_state_of(&r), LINE_STOPPED);
	r.stopped_by = (char *)"";
	r.online = false;
	r.serial = r.badge = r.person = (char *)"";
	r.queue = r.first_pass = r.first_fail = 0;
	r.held = false;
	line_cells(&r, now, &c);
	CHECK_STR(c.text[LINE_COL_STATE], "offline");
	CHECK_STR(c.text[LINE_COL_WHO], "-");
	CHECK_STR(c.text[LINE_COL_UNIT], "-");
	CHECK_STR(c.text[LINE_COL_MIN], "");
	CHECK_STR(c.text[LINE_COL_QUEUE], "0");
	CHECK_STR(c.text[LINE_COL_FPY], "-");
	CHECK_STR(line_state_word(LINE_STOPPED, 0), "stopped");
}

/* Every heading and state word fits its column, in both languages, and
 * the columns with one space between them fit 80. */
static void
test_widths(void)
{
	static const char *const langs[] = { "en", "zh_CN" };
	int total = 0;
	for (int col = 0; col < LINE_COLS; col++)
		total += line_column_width(col) + 1;
	CHECK(total - 1 <= 78);
	for (size_t l = 0; l < 2; l++) {
		i18n_use(langs[l]);
		for (int col = 0; col < LINE_COLS; col++)
			if (utf8_width(line_heading(col)) > line_column_width(col))
				check_fail(__FILE__, __LINE__, "%s: heading \"%s\" is wider than %d",
				    langs[l], line_heading(col), line_column_width(col));
		for (int s = LINE_OFFLINE; s <= LINE_STOPPED; s++)
			CHECK(utf8_width(line_state_word((enum line_state)s, 1)) <=
			    line_column_width(LINE_COL_STATE));
	}
	i18n_use("en");
}

static size_t
packed_unit(const Yoke__UnitRecord *u, uint8_t *buf)
{
	buf[0] = RECORD_VERSION;
	return 1 + yoke__unit_record__pack(u, buf + 1);
}

static void
test_peek(void)
{
	Yoke__UnitRecord u = YOKE__UNIT_RECORD__INIT;
	uint64_t events[300], holds[3] = { 7, 8, 9 };
	char *results[2] = { (char *)"ok", (char *)"4.98 V" };
	uint8_t buf[8192];
	struct unit_peek p;
	size_t n;

	for (size_t i = 0; i < 300; i++)
		events[i] = i * 1000 + 1;
	u.serial = (char *)"WO1-0042";
	u.work_order = (char *)"WO1";
	u.product = (char *)"GADGET";
	u.routing_rev = (char *)"A";
	u.op_index = 3;
	u.status = YOKE__UNIT_STATUS__UNIT_IN_WORK;
	u.station = (char *)"ASSY-1";
	u.since_us = 1795000000123456LL;
	u.priority = 2;
	u.n_events = 300;
	u.events = events;
	u.n_results = 2;
	u.results = results;
	u.hold_reason = (char *)"";
	n = packed_unit(&u, buf);
	REQUIRE(line_unit_peek(buf, n, &p));
	CHECK(p.serial_len == 8 && memcmp(p.serial, "WO1-0042", 8) == 0);
	CHECK(p.work_order_len == 3 && memcmp(p.work_order, "WO1", 3) == 0);
	CHECK(p.station_len == 6 && memcmp(p.station, "ASSY-1", 6) == 0);
	CHECK_INT(p.op_index, 3);
	CHECK_INT(p.status, YOKE__UNIT_STATUS__UNIT_IN_WORK);
	CHECK(p.since_us == 1795000000123456LL);
	CHECK_INT(p.priority, 2);
	CHECK_INT(p.holds, 0);
	/* Holds as protobuf-c packs them, then one more written unpacked. */
	u.n_holds = 3;
	u.holds = holds;
	n = packed_unit(&u, buf);
	REQUIRE(line_unit_peek(buf, n, &p));
	CHECK_INT(p.holds, 3);
	buf[n++] = 0x80 | (((20 << 3) | 1) & 0x7f);   /* tag 161: two varint bytes */
	buf[n++] = ((20 << 3) | 1) >> 7;
	memset(buf + n, 0, 8);
	n += 8;
	REQUIRE(line_unit_peek(buf, n, &p));
	CHECK_INT(p.holds, 4);
	/* Cut short anywhere inside: never read past the end. */
	n = packed_unit(&u, buf);
	for (size_t cut = 1; cut < n; cut++) {
		uint8_t *copy = malloc(cut);
		memcpy(copy, buf, cut);
		(void)line_unit_peek(copy, cut, &p);
		free(copy);
	}
	CHECK(!line_unit_peek(buf, 0, &p));
	buf[0] = 0;
	CHECK(!line_unit_peek(buf, n, &p));
	/* The record the server decodes agrees. */
	buf[0] = RECORD_VERSION;
	Yoke__UnitRecord *back = yoke__unit_record__unpack(NULL, n - 1, buf + 1);
	REQUIRE(back != NULL);
	CHECK_INT(back->n_holds, 3);
	yoke__unit_record__free_unpacked(back, NULL);
}

static void
test_heard(void)
{
	const char *station;
	line_heard_clear();
	CHECK(line_heard_at("T1", &station) == 0);
	CHECK_STR(station, "");
	line_heard("T1", NULL, 100);
	CHECK(line_heard_at("T1", &station) == 100);
	CHECK_STR(station, "");
	line_heard("T1", "SMT-1", 200);
	line_heard("T1", "", 300);           /* a ping without a station keeps it */
	CHECK(line_heard_at("T1", &station) == 300);
	CHECK_STR(station, "SMT-1");
	line_heard("", "X", 5);               /* no terminal: nothing */
	/* Full: the one heard longest ago gives its place up. */
	char id[32];
	for (int i = 0; i < LINE_HEARD_MAX; i++) {
		snprintf(id, sizeof id, "T-%d", i);
		line_heard(id, "S", 1000 + i);
	}
	CHECK(line_heard_at("T1", NULL) == 0);         /* heard at 300: the oldest */
	CHECK(line_heard_at("T-0", NULL) == 1000);
	line_heard("T-new", "S", 99999);
	CHECK(line_heard_at("T-0", NULL) == 0);
	CHECK(line_heard_at("T-new", NULL) == 99999);
	for (int i = 1; i < LINE_HEARD_MAX; i++) {
		snprintf(id, sizeof id, "T-%d", i);
		if (line_heard_at(id, NULL) != 1000 + i) {
			check_fail(__FILE__, __LINE__, "%s lost after forgetting the oldest", id);
			break;
		}
	}
	/* A station hint: Hello.station, else a certificate's one station. */
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	struct cert one = { .nstations = 1 }, all = { .nstations = 1 };
	strcpy(one.stations[0], "TEST-1");
	strcpy(all.stations[0], "*");
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	h.station = (char *)"SMT-2";
	CHECK_STR(line_station_hint(&rq, &one), "SMT-2");
	h.station = (char *)"";
	CHECK_STR(line_station_hint(&rq, &one), "TEST-1");
	CHECK(line_station_hint(&rq, &all) == NULL);
	CHECK(line_station_hint(&rq, NULL) == NULL);
	h.station = (char *)"bad id";
	CHECK(line_station_hint(&rq, NULL) == NULL);
	line_heard_clear();
}

int
main(void)
{
	i18n_init();
	RUN(test_fpy);
	RUN(test_ages);
	RUN(test_cells);
	RUN(test_widths);
	RUN(test_peek);
	RUN(test_heard);
	return check_done();
}
