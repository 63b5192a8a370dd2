/*
 * test_equipment.c — the pure parts of equipment data: the decimation into
 * one trend record per minute (server/equipment/equipment_trend.c) with
 * known answers, the series' keys sorting by time, the limits that decide
 * which values are kept point by point, and the payload readers
 * (shared/equipment/payload.h) on good and hostile input.
 */
#include "tests/lib/check.h"
#include "server/equipment/equipment.h"
#include "server/store/records.h"
#include "shared/equipment/payload.h"
#include "proto/sparkplug_b.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
decimation_known_answers(void)
{
	/* 0..119 s, one value a second: 60 per minute, values 0..59 then 60..119. */
	Yoke__EquipmentTrend t[2] = { YOKE__EQUIPMENT_TREND__INIT, YOKE__EQUIPMENT_TREND__INIT };
	int64_t base = 29000000LL * 60 * 1000000;   /* a whole minute */
	for (int i = 0; i < 120; i++) {
		int64_t m = equipment_minute(base + (int64_t)i * 1000000) - equipment_minute(base);
		REQUIRE(m == 0 || m == 1);
		equipment_trend_add(&t[m], (double)i);
	}
	CHECK_INT(t[0].count, 60);
	CHECK_NEAR(t[0].min, 0, 0);
	CHECK_NEAR(t[0].max, 59, 0);
	CHECK_NEAR(equipment_trend_mean(&t[0]), 29.5, 1e-12);
	CHECK_INT(t[1].count, 60);
	CHECK_NEAR(t[1].min, 60, 0);
	CHECK_NEAR(t[1].max, 119, 0);
	CHECK_NEAR(equipment_trend_mean(&t[1]), 89.5, 1e-12);
	/* Negative values and a single one. */
	Yoke__EquipmentTrend one = YOKE__EQUIPMENT_TREND__INIT;
	equipment_trend_add(&one, -3.25);
	CHECK_NEAR(one.min, -3.25, 0);
	CHECK_NEAR(one.max, -3.25, 0);
	CHECK_NEAR(equipment_trend_mean(&one), -3.25, 0);
	Yoke__EquipmentTrend empty = YOKE__EQUIPMENT_TREND__INIT;
	CHECK_NEAR(equipment_trend_mean(&empty), 0, 0);
}

static void
minutes_floor_and_keys_sort(void)
{
	char a[KEY_MAX], b[KEY_MAX];
	size_t al, bl;
	CHECK_INT(equipment_minute(0), 0);
	CHECK_INT(equipment_minute(59999999), 0);
	CHECK_INT(equipment_minute(60000000), 1);
	CHECK_INT(equipment_minute(-1), -1);
	CHECK_INT(equipment_minute(-60000000), -1);
	CHECK_INT(equipment_minute(-60000001), -2);
	/* Keys of later minutes and points sort after earlier ones, also across 0. */
	al = equipment_key_minute(a, "REFLOW-1", "peak_temp", -1);
	bl = equipment_key_minute(b, "REFLOW-1", "peak_temp", 1);
	REQUIRE(al == bl && al > 0);
	CHECK(memcmp(a, b, al) < 0);
	al = equipment_key_point(a, "REFLOW-1", "peak_temp", 1000, 7);
	bl = equipment_key_point(b, "REFLOW-1", "peak_temp", 2000, 0);
	CHECK(memcmp(a, b, al) < 0);
	/* A station's keys share its prefix; another station's do not. */
	bl = equipment_key_minute(b, "REFLOW-10", "peak_temp", 1);
	CHECK(memcmp(a, b, 9) != 0);
	/* Too long to be a key. */
	char longname[300];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	CHECK_INT(equipment_key_param(a, "S", longname), 0);
	CHECK_INT(equipment_key_latest(a, 's', "S", longname), 0);
}

static void
limits_decide_what_is_kept(void)
{
	Yoke__EquipmentParam p = YOKE__EQUIPMENT_PARAM__INIT;
	CHECK(!equipment_out_of_limits(&p, 1e9));        /* no limits: nothing kept */
	p.has_lsl = true;
	p.lsl = 235;
	p.has_usl = true;
	p.usl = 250;
	CHECK(!equipment_out_of_limits(&p, 235));
	CHECK(!equipment_out_of_limits(&p, 250));
	CHECK(equipment_out_of_limits(&p, 234.99));
	CHECK(equipment_out_of_limits(&p, 250.01));
}

static void
json_payloads(void)
{
	struct reading r;
	char err[300];
	memset(&r, 0, sizeof r);
	REQUIRE(payload_topic("yoke", "yoke/REFLOW-1/peak_temp", &r, err, sizeof err));
	CHECK_STR(r.station, "REFLOW-1");
	CHECK_STR(r.parameter, "peak_temp");
	const char *good = "{\"value\":245.3,\"unit\":\"C\",\"serial\":\"WO-1-0001\","
	    "\"ts\":\"2026-11-26T10:00:00.5Z\",\"note\":[1]}";
	CHECK(!payload_json(good, strlen(good), &r, err, sizeof err));    /* nested array */
	good = "{ \"value\" : 245.3 , \"unit\":\"C\", \"serial\":\"WO-1-0001\", "
	    "\"ts\":\"2026-11-26T10:00:00.5Z\", \"note\":\"x\\u00e9\", \"ok\":true, \"n\":null }";
	REQUIRE(payload_json(good, strlen(good), &r, err, sizeof err));
	CHECK_NEAR(r.value, 245.3, 1e-12);
	CHECK_STR(r.unit, "C");
	CHECK_STR(r.serial, "WO-1-0001");
	CHECK_INT(r.time_us, 1795687200500000LL);
	int64_t us;
	CHECK(payload_time("2026-11-26T18:00:00+08:00", &us) && us == 1795687200000000LL);
	CHECK(!payload_time("2026-11-26 10:00:00Z", &us));
	CHECK(!payload_time("2026-13-26T10:00:00Z", &us));
	CHECK(payload_json("-1.5e2", 6, &r, err, sizeof err) && r.value == -150);
	static const char *const bad[] = {
		"", "{", "{}", "{\"value\":}", "{\"value\":NaN}", "{\"value\":1e999}", "{\"value\":0x10}",
		"{\"value\":\"1\"}", "{\"value\":1,\"value\":2}", "{\"value\":1} x", "[1]", "{\"value\":1,}",
		"{\"value\":1,\"serial\":\"a b\"}", "{\"value\":1,\"ts\":\"yesterday\"}",
		"{\"value\":1,\"unit\":\"12345678901234567\"}", "{\"value\":1,\"k\":\"\\u0000\"}",
		"{\"value\":1,\"k\":\"\\q\"}", "{\"value\":1,\"k\":{}}", "{\"value\":-}", "+1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		if (payload_json(bad[i], strlen(bad[i]), &r, err, sizeof err))
			check_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
		else if (err[0] == '\0')
			check_fail(__FILE__, __LINE__, "no reason for \"%s\"", bad[i]);
	}
	/* yoke/<station>/program names the program the equipment runs: no value. */
	REQUIRE(payload_topic("yoke", "yoke/ASSY-1/program", &r, err, sizeof err));
	const char *prog = "{\"program\":\"PCB-A rev 3\",\"ts\":\"2026-11-26T10:00:00Z\"}";
	REQUIRE(payload_json(prog, strlen(prog), &r, err, sizeof err));
	CHECK_STR(r.program, "PCB-A rev 3");
	static const char *const bad_programs[] = { "{\"value\":1}", "12", "\"PCB-A\"",
		"{\"program\":1}", "{\"program\":\"\"}",
		"{\"program\":\"12345678901234567890123456789012345678901234567890123456789012345\"}",
		"{\"program\":\"a\",\"program\":\"b\"}" };
	for (size_t i = 0; i < sizeof bad_programs / sizeof bad_programs[0]; i++)
		if (payload_json(bad_programs[i], strlen(bad_programs[i]), &r, err, sizeof err))
			check_fail(__FILE__, __LINE__, "accepted program \"%s\"", bad_programs[i]);
	/* On a parameter's topic "program" is not the value. */
	REQUIRE(payload_topic("yoke", "yoke/REFLOW-1/peak_temp", &r, err, sizeof err));
	CHECK(!payload_json("{\"program\":\"X\"}", 13, &r, err, sizeof err));
	/* A payload over the limit is refused before it is read. */
	char *big = calloc(1, PAYLOAD_JSON_MAX + 2);
	memset(big, ' ', PAYLOAD_JSON_MAX + 1);
	big[0] = '1';
	CHECK(!payload_json(big, PAYLOAD_JSON_MAX + 1, &r, err, sizeof err));
	free(big);
	static const char *const topics[] = { "yoke/REFLOW-1", "yoke//x", "yoke/a/b/c", "other/a/b",
		"yoke/a b/c", "yoke/a/+", "yokes/a/b" };
	for (size_t i = 0; i < sizeof topics / sizeof topics[0]; i++)
		if (payload_topic("yoke", topics[i], &r, err, sizeof err))
			check_fail(__FILE__, __LINE__, "accepted topic \"%s\"", topics[i]);
}

static void
sparkplug_payloads(void)
{
	char dev[121], err[300];
	struct reading r[8];
	int skipped;
	CHECK(sparkplug_topic("spBv1.0/Plant1/DDATA/Line2/Oven2", dev, sizeof dev, err, sizeof err));
	CHECK_STR(dev, "Plant1/Line2/Oven2");
	CHECK(!sparkplug_topic("spBv1.0/Plant1/DBIRTH/Line2/Oven2", dev, sizeof dev, err, sizeof err));
	CHECK_STR(err, "");                      /* not data: no complaint */
	CHECK(!sparkplug_topic("spBv1.0/Plant1/DDATA/Line2", dev, sizeof dev, err, sizeof err));
	CHECK(err[0] != '\0');

	Spb__Payload pl = SPB__PAYLOAD__INIT;
	Spb__Metric m[5], *mp[5];
	for (int i = 0; i < 5; i++) {
		spb__metric__init(&m[i]);
		mp[i] = &m[i];
	}
	m[0].name = (char *)"Temp";
	m[0].has_datatype = true;
	m[0].datatype = SPB__DATA_TYPE__Int16;
	m[0].value_case = SPB__METRIC__VALUE_INT_VALUE;
	m[0].int_value = (uint32_t)-12;
	m[1].name = (char *)"Count";
	m[1].has_datatype = true;
	m[1].datatype = SPB__DATA_TYPE__UInt32;
	m[1].value_case = SPB__METRIC__VALUE_INT_VALUE;
	m[1].int_value = 4000000000u;
	m[1].has_timestamp = true;
	m[1].timestamp = 1795687200123ULL;
	m[2].name = (char *)"serial";
	m[2].value_case = SPB__METRIC__VALUE_STRING_VALUE;
	m[2].string_value = (char *)"WO-1-0002";
	m[3].name = (char *)"Null";
	m[3].has_is_null = true;
	m[3].is_null = true;
	m[3].value_case = SPB__METRIC__VALUE_DOUBLE_VALUE;
	m[4].alias = 7;               /* an alias without its name: skipped before a birth */
	m[4].has_alias = true;
	m[4].value_case = SPB__METRIC__VALUE_DOUBLE_VALUE;
	m[4].double_value = 1;
	pl.metrics = mp;
	pl.n_metrics = 5;
	pl.has_timestamp = true;
	pl.timestamp = 1795687200000ULL;
	size_t len = spb__payload__get_packed_size(&pl);
	uint8_t *buf = malloc(len);
	spb__payload__pack(&pl, buf);
	int n = sparkplug_payload(buf, len, "G/N/D", r, 8, &skipped, err, sizeof err);
	REQUIRE(n == 2);
	CHECK_INT(skipped, 2);
	CHECK_STR(r[0].metric, "Temp");
	CHECK_NEAR(r[0].value, -12, 0);
	CHECK_STR(r[0].serial, "WO-1-0002");
	CHECK_INT(r[0].time_us, 1795687200000000LL);
	CHECK_NEAR(r[1].value, 4000000000.0, 0);
	CHECK_INT(r[1].time_us, 1795687200123000LL);
	CHECK_STR(r[1].device, "G/N/D");
	/* Only as many as asked for. */
	CHECK_INT(sparkplug_payload(buf, len, "G/N/D", r, 1, &skipped, err, sizeof err), 1);
	/* Every prefix of the payload, and garbage: refused or read, never a crash. */
	for (size_t cut = 0; cut < len; cut++)
		(void)sparkplug_payload(buf, cut, "G/N/D", r, 8, &skipped, err, sizeof err);
	CHECK_INT(sparkplug_payload("\x0a\xff\xff\xff", 4, "G/N/D", r, 8, &skipped, err, sizeof err),
	    -1);

	/* The alias-only metric, once a DBIRTH named alias 7 of G/N/D. */
	struct spb_aliases *al = spb_aliases_new(2);
	Spb__Payload birth = SPB__PAYLOAD__INIT;
	Spb__Metric bm[2], *bmp[2] = { &bm[0], &bm[1] };
	bool full;
	char bdev[121];
	REQUIRE(al != NULL);
	CHECK(sparkplug_birth_topic("spBv1.0/G/DBIRTH/N/D", bdev, sizeof bdev));
	CHECK_STR(bdev, "G/N/D");
	CHECK(!sparkplug_birth_topic("spBv1.0/G/DDATA/N/D", bdev, sizeof bdev));
	CHECK(!sparkplug_birth_topic("spBv1.0/G/DBIRTH/N/D/x", bdev, sizeof bdev));
	CHECK(!sparkplug_birth_topic("spBv1.0/G/DBIRTH/N", bdev, sizeof bdev));
	spb__metric__init(&bm[0]);
	spb__metric__init(&bm[1]);
	bm[0].name = (char *)"Zone7/PeakTemp";
	bm[0].has_alias = true;
	bm[0].alias = 7;
	bm[1].name = (char *)"NoAlias";
	birth.metrics = bmp;
	birth.n_metrics = 2;
	size_t blen = spb__payload__get_packed_size(&birth);
	uint8_t *bbuf = malloc(blen);
	spb__payload__pack(&birth, bbuf);
	CHECK_INT(sparkplug_birth(al, bbuf, blen, "G/N/D", &full, err, sizeof err), 1);
	CHECK(!full);
	CHECK_STR(spb_alias_name(al, "G/N/D", 7), "Zone7/PeakTemp");
	CHECK(spb_alias_name(al, "G/N/E", 7) == NULL);    /* another device's alias 7 */
	n = sparkplug_payload_named(buf, len, "G/N/D", al, r, 8, &skipped, err, sizeof err);
	REQUIRE(n == 3);
	CHECK_INT(skipped, 1);                  /* only the null one */
	CHECK_STR(r[2].metric, "Zone7/PeakTemp");
	CHECK_NEAR(r[2].value, 1, 0);
	/* The table keeps at most half its slots: 16 slots, 8 aliases. */
	for (uint64_t a = 100; a < 120; a++) {
		bm[0].alias = a;
		spb__payload__pack(&birth, bbuf);
		(void)sparkplug_birth(al, bbuf, blen, "G/N/D", &full, err, sizeof err);
	}
	CHECK(full);
	CHECK_INT(sparkplug_birth(al, "\x0a\xff\xff", 3, "G/N/D", &full, err, sizeof err), -1);
	free(bbuf);
	spb_aliases_free(al);
	free(buf);
}

int
main(void)
{
	RUN(decimation_known_answers);
	RUN(minutes_floor_and_keys_sort);
	RUN(limits_decide_what_is_kept);
	RUN(json_payloads);
	RUN(sparkplug_payloads);
	return check_done();
}
