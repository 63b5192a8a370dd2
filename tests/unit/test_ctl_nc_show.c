/*
 * test_ctl_nc_show.c — how yokectl shows holds and NCRs
 * (terminal/ctl/nc_show.c): an NCR in full names everything it records
 * (the measurement with its limits, the components, each signature with
 * printed name, role, time and meaning: 21 CFR Part 11 §11.50) with its
 * values lined up by display width; the tables of holds and NCRs; and the
 * JSON of each, which must parse (a small strict parser here) and carry
 * the words scripts read (never translated).
 */
#include "terminal/ctl/nc_show.h"
#include "shared/i18n.h"
#include "shared/utf8.h"
#include "tests/lib/check.h"
#include "tests/lib/harness.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a strict JSON parser: true when s is one JSON value and nothing more ---- */

static const char *value(const char *p, int depth);

static const char *
ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *
string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
				p += 4;
			} else if (!strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
		p++;
	}
	return *p == '"' ? p + 1 : NULL;
}

static const char *
number(const char *p)
{
	const char *s = p;
	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p > s ? p : NULL;
}

static const char *
value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	p = ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		bool object = *p == '{';
		p = ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (object) {
				if ((p = string(ws(p))) == NULL)
					return NULL;
				p = ws(p);
				if (*p++ != ':')
					return NULL;
			}
			if ((p = value(p, depth + 1)) == NULL)
				return NULL;
			p = ws(p);
			if (*p == ',') {
				p++;
				continue;
			}
			return *p == close ? p + 1 : NULL;
		}
	}
	if (*p == '"')
		return string(p);
	if (strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (strncmp(p, "null", 4) == 0)
		return p + 4;
	return number(p);
}

static bool
json_ok(const char *s)
{
	const char *end = value(s, 0);
	return end && *ws(end) == '\0';
}

/* The parser above refuses what is not JSON, or the checks below could not fail. */
static void
the_parser_is_strict(void)
{
	CHECK(json_ok("{\"a\":[1,2.5,-3e2,true,false,null,\"x\\\"y\"],\"b\":{}}"));
	CHECK(!json_ok("{\"a\":1,}"));
	CHECK(!json_ok("{\"a\" 1}"));
	CHECK(!json_ok("[1 2]"));
	CHECK(!json_ok("{\"a\":\"tab\there\"}"));   /* a raw tab in a string */
	CHECK(!json_ok("{\"a\":\"x\"}}"));
	CHECK(!json_ok("{\"a\":.5}"));
	CHECK(!json_ok("{\"a\":\"\x01\"}"));
	CHECK(!json_ok(""));
}

/* ---- the records ---- */

static Yoke__SignatureRecord sig_raise, sig_mrb1, sig_mrb2, sig_placed, sig_released;
static Yoke__SignatureRecord *ncr_sigs[3];
static char *components[] = { (char *)"PCB-100/LOT-2411-01", (char *)"MCU-F407/LOT-2411-07",
	(char *)"MOD-WIFI/WF000123" };
static Yoke__Ncr ncr;
static char *targets_one[] = { (char *)"MCU-F407/LOT-2411-07" };
static char *units_two[] = { (char *)"WO-1001-0001", (char *)"WO-1001-0002" };
static Yoke__Hold hold_open, hold_released;

static void
signature(Yoke__SignatureRecord *s, const char *badge, const char *name, Yoke__Role role,
    const char *meaning, int64_t us)
{
	yoke__signature_record__init(s);
	s->badge = (char *)badge;
	s->name = (char *)name;
	s->role = role;
	s->meaning = (char *)meaning;
	s->time_us = us;
}

static void
records(void)
{
	/* 2026-11-26 13:22:05 UTC */
	const int64_t t = 1795699325LL * 1000000;

	signature(&sig_raise, "1001", "Li Wei 李伟", YOKE__ROLE__ROLE_OPERATOR, "failure recorded", t);
	signature(&sig_mrb1, "3001", "Zhang Min 张敏", YOKE__ROLE__ROLE_INSPECTOR, "use as is (MRB)",
	    t + 3600000000LL);
	signature(&sig_mrb2, "4001", "Liu Yang 刘洋", YOKE__ROLE__ROLE_ENGINEER, "use as is (MRB)",
	    t + 3700000000LL);
	ncr_sigs[0] = &sig_raise;
	ncr_sigs[1] = &sig_mrb1;
	ncr_sigs[2] = &sig_mrb2;
	yoke__ncr__init(&ncr);
	ncr.number = (char *)"NCR-000012";
	ncr.state = YOKE__NCR_STATE__NCR_DISPOSITIONED;
	ncr.serial = (char *)"WO-1001-0007";
	ncr.work_order = (char *)"WO-1001";
	ncr.product = (char *)"IOTC-100";
	ncr.operation = 20;
	ncr.operation_name = (char *)"Reflow soldering 回流焊";
	ncr.step = 2;
	ncr.text = (char *)"Peak temperature from the profiler";
	ncr.defect = (char *)"OVEN-PROFILE";
	ncr.defect_text = (char *)"炉温曲线超出工艺窗口";
	ncr.category = YOKE__DEFECT_CATEGORY__DEFECT_MACHINE;
	ncr.location = (char *)"U3";
	ncr.note = (char *)"zone 7 \"hot\"";
	ncr.name = (char *)"peak_temp";
	ncr.value = 262.5;
	ncr.unit = (char *)"C";
	ncr.has_lsl = true;
	ncr.lsl = 235;
	ncr.has_usl = true;
	ncr.usl = 250;
	ncr.badge = (char *)"1001";
	ncr.operator_name = (char *)"Li Wei 李伟";
	ncr.station = (char *)"REFLOW-1";
	ncr.opened_us = t;
	ncr.components = components;
	ncr.n_components = 3;
	ncr.hold = 9;
	ncr.disposition = YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS;
	ncr.disposition_note = (char *)"Deviation D-17";
	ncr.signatures = ncr_sigs;
	ncr.n_signatures = 3;
	ncr.dispositioned_us = t + 3700000000LL;
	ncr.opened_seq = 4711;

	signature(&sig_placed, "2001", "Zhao Lei 赵磊", YOKE__ROLE__ROLE_LEAD, "hold placed", t);
	signature(&sig_released, "3002", "Maria Garcia", YOKE__ROLE__ROLE_INSPECTOR, "hold released",
	    t + 7200000000LL);
	yoke__hold__init(&hold_open);
	hold_open.id = 7;
	hold_open.scope = YOKE__HOLD_SCOPE__HOLD_COMPONENT;
	hold_open.targets = targets_one;
	hold_open.n_targets = 1;
	hold_open.reason = (char *)"Supplier recall 供应商召回";
	hold_open.source = YOKE__HOLD_SOURCE__HOLD_MANUAL;
	hold_open.placed = &sig_placed;
	hold_open.open = true;
	hold_open.units = units_two;
	hold_open.n_units = 2;
	yoke__hold__init(&hold_released);
	hold_released.id = 9;
	hold_released.scope = YOKE__HOLD_SCOPE__HOLD_UNIT;
	hold_released.targets = units_two;
	hold_released.n_targets = 1;
	hold_released.reason = (char *)"Out of spec: peak_temp";
	hold_released.source = YOKE__HOLD_SOURCE__HOLD_NCR;
	hold_released.ncr = (char *)"NCR-000012";
	hold_released.placed = &sig_raise;
	hold_released.open = false;
	hold_released.released = &sig_released;
	hold_released.release_reason = (char *)"MRB: use as is";
}

/* What fn printed, in a malloc'd string. */
#define CAPTURE(out, call) \
	do { \
		size_t size_ = 0; \
		FILE *f = open_memstream(&(out), &size_); \
		REQUIRE(f != NULL); \
		call; \
		fclose(f); \
	} while (0)

static int
value_column(const char *line)
{
	/* The display column after the label and its padding: the first run
	 * of two or more spaces ends the label. */
	const char *gap = strstr(line, "  ");
	if (gap == NULL)
		return -1;
	while (*gap == ' ')
		gap++;
	return utf8_nwidth(line, (size_t)(gap - line));
}

static void
an_ncr_in_full(void)
{
	char *text = NULL, *lines[64], *save = NULL;
	size_t n = 0;
	int col = -1;

	CAPTURE(text, nc_ncr_text(f, &ncr));
	REQUIRE(text != NULL);
	CHECK(strstr(text, "NCR-000012  dispositioned\n") == text);
	CHECK(strstr(text, "WO-1001-0007, IOTC-100, work order WO-1001") != NULL);
	CHECK(strstr(text, "20 “Reflow soldering 回流焊”, step 2") != NULL);
	CHECK(strstr(text, "OVEN-PROFILE 炉温曲线超出工艺窗口 (category: machine)") != NULL);
	CHECK(strstr(text, "peak_temp = 262.5 C [235 .. 250]") != NULL);
	CHECK(strstr(text, "2026-11-26 13:22:05 UTC") != NULL);
	CHECK(strstr(text, "Li Wei 李伟 (badge 1001) at station REFLOW-1") != NULL);
	CHECK(strstr(text, "use as is (MRB)") != NULL);
	CHECK(strstr(text, "Deviation D-17") != NULL);
	for (int i = 0; i < 3; i++)
		CHECK(strstr(text, components[i]) != NULL);
	/* §11.50: printed name, role, date and time, meaning, for each signer. */
	CHECK(strstr(text, "signed by Zhang Min 张敏 (badge 3001, inspector) at 2026-11-26 14:22:05 UTC: "
	    "use as is (MRB)") != NULL);
	CHECK(strstr(text, "signed by Liu Yang 刘洋 (badge 4001, engineer) at 2026-11-26 14:23:45 UTC") !=
	    NULL);
	/* Not closed: no closing time. */
	CHECK(strstr(text, "Closed") == NULL);
	for (char *l = strtok_r(text, "\n", &save); l && n < 64; l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	REQUIRE(n > 12);
	/* Every value starts at the same display column, continuation lines too. */
	for (size_t i = 1; i < n; i++) {
		int c = lines[i][0] == ' ' ? utf8_nwidth(lines[i], strspn(lines[i], " ")) :
		    value_column(lines[i]);
		if (col < 0)
			col = c;
		else if (c != col)
			check_fail(__FILE__, __LINE__, "value at column %d, not %d: %s", c, col, lines[i]);
	}
	free(text);
}

static void
an_ncr_in_chinese(void)
{
	char *text = NULL;

	REQUIRE(i18n_use("zh_CN"));
	CAPTURE(text, nc_ncr_text(f, &ncr));
	i18n_use("en");
	REQUIRE(text != NULL);
	CHECK(strstr(text, "NCR-000012  已处置\n") == text);
	CHECK(strstr(text, "让步接收（MRB）") != NULL);
	CHECK(strstr(text, "（类别：设备）") != NULL);
	CHECK(strstr(text, "inspector") == NULL);
	free(text);
}

static void
ncr_json(void)
{
	char *text = NULL;

	CAPTURE(text, nc_ncr_json(f, &ncr));
	REQUIRE(text != NULL);
	if (!json_ok(text))
		check_fail(__FILE__, __LINE__, "not JSON: %s", text);
	CHECK(strstr(text, "\"number\":\"NCR-000012\",\"state\":\"dispositioned\"") != NULL);
	CHECK(strstr(text, "\"category\":\"machine\"") != NULL);
	CHECK(strstr(text, "\"note\":\"zone 7 \\\"hot\\\"\"") != NULL);
	CHECK(strstr(text, "\"measurement\":{\"name\":\"peak_temp\",\"value\":262.5,\"unit\":\"C\","
	    "\"lsl\":235,\"usl\":250}") != NULL);
	CHECK(strstr(text, "\"components\":[\"PCB-100/LOT-2411-01\",\"MCU-F407/LOT-2411-07\","
	    "\"MOD-WIFI/WF000123\"]") != NULL);
	CHECK(strstr(text, "\"disposition\":\"use-as-is\"") != NULL);
	CHECK(strstr(text, "\"closed\":null") != NULL);
	CHECK(strstr(text, "\"opened\":\"2026-11-26 13:22:05Z\"") != NULL);
	CHECK(strstr(text, "{\"badge\":\"4001\",\"name\":\"Liu Yang 刘洋\",\"role\":\"engineer\","
	    "\"meaning\":\"use as is (MRB)\"") != NULL);
	free(text);
	/* Without a measurement, limits or signatures, still JSON. */
	{
		Yoke__Ncr bare = YOKE__NCR__INIT;
		CAPTURE(text, nc_ncr_json(f, &bare));
		CHECK(json_ok(text));
		CHECK(strstr(text, "\"measurement\":null") != NULL);
		CHECK(strstr(text, "\"state\":\"\"") != NULL);
		free(text);
	}
	/* In Chinese the JSON words stay the same. */
	REQUIRE(i18n_use("zh_CN"));
	CAPTURE(text, nc_ncr_json(f, &ncr));
	i18n_use("en");
	CHECK(strstr(text, "\"state\":\"dispositioned\"") != NULL);
	free(text);
}

static void
holds_table(void)
{
	Yoke__Hold *holds[] = { &hold_open, &hold_released };
	char *text = NULL;

	CAPTURE(text, nc_holds_table(f, holds, 2));
	REQUIRE(text != NULL);
	CHECK(strstr(text, "HOLD") == text);
	CHECK(strstr(text, "7     in force") != NULL);
	CHECK(strstr(text, "component") != NULL);
	CHECK(strstr(text, "MCU-F407/LOT-2411-07") != NULL);
	CHECK(strstr(text, "Supplier recall 供应商召回") != NULL);
	CHECK(strstr(text, "placed by hand; covers 2 units") != NULL);
	CHECK(strstr(text, "placed: signed by Zhao Lei 赵磊 (badge 2001, lead) at 2026-11-26 13:22:05 "
	    "UTC: hold placed") != NULL);
	CHECK(strstr(text, "9     hold released") != NULL);
	CHECK(strstr(text, "from NCR-000012") != NULL);
	CHECK(strstr(text, "released: signed by Maria Garcia (badge 3002, inspector) at 2026-11-26 "
	    "15:22:05 UTC: hold released; why: MRB: use as is") != NULL);
	free(text);
	text = NULL;
	CAPTURE(text, nc_holds_table(f, holds, 0));
	CHECK(text == NULL || text[0] == '\0');
	free(text);
}

static void
hold_json(void)
{
	char *text = NULL;

	CAPTURE(text, nc_hold_json(f, &hold_open));
	REQUIRE(text != NULL);
	CHECK(json_ok(text));
	CHECK(strstr(text, "{\"id\":7,\"scope\":\"component\",\"targets\":[\"MCU-F407/LOT-2411-07\"]") ==
	    text);
	CHECK(strstr(text, "\"source\":\"manual\"") != NULL);
	CHECK(strstr(text, "\"open\":true") != NULL);
	CHECK(strstr(text, "\"released\":null") != NULL);
	CHECK(strstr(text, "\"units\":[\"WO-1001-0001\",\"WO-1001-0002\"]") != NULL);
	free(text);
	CAPTURE(text, nc_hold_json(f, &hold_released));
	CHECK(json_ok(text));
	CHECK(strstr(text, "\"scope\":\"unit\"") != NULL);
	CHECK(strstr(text, "\"source\":\"ncr\",\"ncr\":\"NCR-000012\",\"open\":false") != NULL);
	CHECK(strstr(text, "\"released\":{\"badge\":\"3002\"") != NULL);
	free(text);
}

/* What a hold covers, and what yoke cannot know: shipments. */
static void
containment(void)
{
	Yoke__HoldReply hr = YOKE__HOLD_REPLY__INIT;
	Yoke__Hold station = YOKE__HOLD__INIT;
	char *text = NULL, *station_id[] = { (char *)"REFLOW-1" };

	hr.hold = &hold_open;
	hr.units_in_work = 3;
	hr.units_done = 11;
	hr.units_scrapped = 1;
	CAPTURE(text, nc_containment_text(f, &hr));
	REQUIRE(text != NULL);
	CHECK_STR(text, "Hold 7 on component MCU-F407/LOT-2411-07 covers 15 units: 3 in work, 11 done, 1 "
	    "scrapped.\nyoke records no shipments: the 11 done units may have left the plant already; "
	    "check the shipping records.\n");
	free(text);
	/* Nothing done: nothing may have shipped, and nothing is said of it. */
	hr.units_done = 0;
	hr.units_scrapped = 0;
	hr.units_in_work = 1;
	CAPTURE(text, nc_containment_text(f, &hr));
	CHECK_STR(text, "Hold 7 on component MCU-F407/LOT-2411-07 covers 1 unit: 1 in work, 0 done, 0 "
	    "scrapped.\n");
	free(text);
	station.id = 8;
	station.scope = YOKE__HOLD_SCOPE__HOLD_STATION;
	station.targets = station_id;
	station.n_targets = 1;
	hr.hold = &station;
	CAPTURE(text, nc_containment_text(f, &hr));
	CHECK_STR(text, "Hold 8 on station REFLOW-1: it opens no new units until the hold is released.\n");
	free(text);
	REQUIRE(i18n_use("zh_CN"));
	hr.hold = &hold_open;
	hr.units_done = 2;
	CAPTURE(text, nc_containment_text(f, &hr));
	i18n_use("en");
	CHECK(strstr(text, "yoke 不记录发货：已完成的 2 个产品可能已经出厂") != NULL);
	free(text);
}

static void
ncrs_table(void)
{
	Yoke__Ncr second = YOKE__NCR__INIT, *list[] = { &ncr, &second };
	char *text = NULL, *l1, *l2;

	second.number = (char *)"NCR-000013";
	second.state = YOKE__NCR_STATE__NCR_OPEN;
	second.serial = (char *)"WO-1001-0010";
	second.opened_us = ncr.opened_us;
	CAPTURE(text, nc_ncrs_table(f, list, 2));
	REQUIRE(text != NULL);
	REQUIRE((l1 = strchr(text, '\n')) != NULL);
	REQUIRE((l2 = strchr(l1 + 1, '\n')) != NULL);
	CHECK(strstr(text, "NCR") == text);
	CHECK(strncmp(l1 + 1, "NCR-000012  dispositioned  2026-11-26 13:22  WO-1001-0007  20  REFLOW-1  "
	    "OVEN-PROFILE  use as is (MRB)\n", strlen("NCR-000012  dispositioned  2026-11-26 13:22  "
	    "WO-1001-0007  20  REFLOW-1  OVEN-PROFILE  use as is (MRB)\n")) == 0);
	/* No operation, station, defect or disposition yet: dashes, columns kept. */
	CHECK(strstr(l2 + 1, "NCR-000013  open           2026-11-26 13:22  WO-1001-0010  -") == l2 + 1);
	free(text);
}

int
main(void)
{
	harness_i18n_init();
	records();
	RUN(the_parser_is_strict);
	RUN(an_ncr_in_full);
	RUN(an_ncr_in_chinese);
	RUN(ncr_json);
	RUN(holds_table);
	RUN(hold_json);
	RUN(containment);
	RUN(ncrs_table);
	return check_done();
}
