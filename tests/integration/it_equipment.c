/*
 * it_equipment.c — equipment data over MQTT end to end: a real mosquitto
 * broker on a free loopback port, yoke-bridge enrolled with a real yoked
 * (CURVE), values published by a libmosquitto client. JSON values fill a
 * from=equipment step by the unit's serial and by the latest value within
 * the window; a stale or missing value is refused and the retry works; an
 * out-of-limit value fails the step as a typed one does (measure again,
 * then held); malformed, oversize and unknown payloads are counted and
 * nothing crashes; Sparkplug B DDATA is decoded and mapped to its station
 * and parameter through the definitions; the condensed storage keeps one
 * trend record per minute and each out-of-limit value (raw count against
 * stored bytes printed). Plant: tests/data/plant-equipment.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "tests/lib/mqtt.h"
#include "proto/sparkplug_b.pb-c.h"
#include "shared/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OK YOKE__STATUS__STATUS_OK
#define NO_VALUE YOKE__STATUS__STATUS_NO_EQUIPMENT_VALUE
#define PLANT "tests/data/plant-equipment"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct broker b;
	struct bridge br;
	struct mqtt_pub *pub;
	struct client *desk;     /* reads the statistics */
	struct client *st;       /* the station terminal */
	char serials[6][40];
};

static bool
setup(struct fixture *f, const char *station)
{
	Yoke__Reply *rp;
	bool ok;
	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL || !mqtt_broker_start(&f->b))
		return false;
	if (!mqtt_bridge_start(&f->br, f->y, &f->b, "oven-bridge", "REFLOW-1 REFLOW-2", NULL) ||
	    (f->pub = mqtt_pub_new(&f->b)) == NULL)
		return false;
	rp = harness_release_eng(f->y, f->p, "WO1", "BOARD", 6, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK && rp->release->n_serials == 6;
	for (size_t i = 0; ok && i < 6; i++)
		snprintf(f->serials[i], sizeof f->serials[i], "%s", rp->release->serials[i]);
	client_reply_free(rp);
	f->desk = harness_client(f->y, "harness-desk");
	f->st = harness_client(f->y, "oven-terminal@it");
	rp = harness_badge_in(f->st, station, "100");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok;
}

static void
teardown(struct fixture *f)
{
	mqtt_pub_free(f->pub);
	if (f->br.pid)
		mqtt_bridge_stop(&f->br);
	mqtt_broker_stop(&f->b);
	if (f->desk)
		client_free(f->desk);
	if (f->st)
		client_free(f->st);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

static Yoke__Reply *
stats(struct client *c)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__EquipmentStatsQuery q = YOKE__EQUIPMENT_STATS_QUERY__INIT;
	rq.body_case = YOKE__REQUEST__BODY_EQUIPMENT_STATS;
	rq.equipment_stats = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static const Yoke__EquipmentParamStats *
param_of(const Yoke__Reply *rp, const char *station, const char *name)
{
	if (rp == NULL || rp->body_case != YOKE__REPLY__BODY_EQUIPMENT_STATS)
		return NULL;
	for (size_t i = 0; i < rp->equipment_stats->n_params; i++)
		if (strcmp(rp->equipment_stats->params[i]->station, station) == 0 &&
		    strcmp(rp->equipment_stats->params[i]->parameter, name) == 0)
			return rp->equipment_stats->params[i];
	return NULL;
}

/* Waits until the server counted `n` raw values of station/name. */
static bool
wait_raw(struct fixture *f, const char *station, const char *name, uint64_t n)
{
	for (int i = 0; i < 200; i++) {
		Yoke__Reply *rp = stats(f->desk);
		const Yoke__EquipmentParamStats *s = param_of(rp, station, name);
		bool done = s && s->raw_values >= n;
		client_reply_free(rp);
		if (done)
			return true;
		harness_sleep_ms(25);
	}
	fprintf(stderr, "    %s/%s never reached %llu values\n", station, name, (unsigned long long)n);
	return false;
}

/* Waits until the totals satisfy fn. */
static Yoke__Reply *
wait_totals(struct fixture *f, bool (*fn)(const Yoke__EquipmentStatsReply *))
{
	for (int i = 0; i < 200; i++) {
		Yoke__Reply *rp = stats(f->desk);
		if (rp && rp->body_case == YOKE__REPLY__BODY_EQUIPMENT_STATS && fn(rp->equipment_stats))
			return rp;
		client_reply_free(rp);
		harness_sleep_ms(25);
	}
	return stats(f->desk);
}

static bool
publish(struct fixture *f, const char *topic, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool
publish(struct fixture *f, const char *topic, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return mqtt_pub(f->pub, topic, buf, strlen(buf));
}

/* "2026-11-26T10:00:00Z" for now + offset seconds. */
static const char *
ts(int offset_s, char *buf, size_t size)
{
	time_t t = time(NULL) + offset_s;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

/* The status; the reply's message must name every word (else -2). */
static int
refused_naming(Yoke__Reply *rp, const char *const *words)
{
	int st = rp ? (int)rp->status : -1;
	for (size_t i = 0; rp && words[i]; i++)
		if (strstr(rp->message, words[i]) == NULL) {
			fprintf(stderr, "    \"%s\" does not name \"%s\"\n", rp->message, words[i]);
			st = -2;
		}
	client_reply_free(rp);
	return st;
}

/* The value of the last EVENT_MEASURED of `name` on the unit, and its detail. */
static bool
measured(struct client *c, const char *serial, const char *name, double *v, char *detail,
    size_t dsize)
{
	Yoke__Reply *rp = harness_trace(c, serial);
	bool found = false;
	for (size_t i = 0; rp && rp->status == OK && i < rp->trace->n_events; i++) {
		const Yoke__Event *e = rp->trace->events[i];
		if (e->kind == YOKE__EVENT_KIND__EVENT_MEASURED && strcmp(e->name, name) == 0) {
			*v = e->value;
			snprintf(detail, dsize, "%s", e->detail ? e->detail : "");
			found = true;
		}
	}
	client_reply_free(rp);
	return found;
}

static void
json_fills_step_by_serial_and_latest(void)
{
	struct fixture f;
	const char *s;
	char t[40], detail[200];
	double v = 0;
	REQUIRE(setup(&f, "REFLOW-1"));
	s = f.serials[0];
	REQUIRE(publish(&f, "yoke/REFLOW-1/peak_temp",
	    "{\"value\":242.5,\"unit\":\"C\",\"serial\":\"%s\",\"ts\":\"%s\"}", s, ts(-2, t, sizeof t)));
	/* The oven's other boards do not disturb the serial match. */
	REQUIRE(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":239.0,\"serial\":\"%s\"}",
	    f.serials[1]));
	REQUIRE(publish(&f, "yoke/REFLOW-1/conveyor", "{\"value\":75.5,\"unit\":\"cm/min\"}"));
	REQUIRE(wait_raw(&f, "REFLOW-1", "peak_temp", 2) && wait_raw(&f, "REFLOW-1", "conveyor", 1));
	CHECK_INT(status_of(harness_open_unit(f.st, s)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 0)), OK);
	/* Nothing typed: the step is confirmed and the server takes the value. */
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 1)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 2)), OK);
	CHECK_INT(status_of(harness_complete(f.st, s)), OK);
	CHECK(measured(f.desk, s, "peak_temp", &v, detail, sizeof detail));
	CHECK_NEAR(v, 242.5, 1e-9);
	CHECK(strstr(detail, "equipment REFLOW-1") != NULL);
	CHECK(measured(f.desk, s, "conveyor", &v, detail, sizeof detail));
	CHECK_NEAR(v, 75.5, 1e-9);
	/* A typed value is not what a from=equipment step takes. */
	CHECK_INT(status_of(harness_open_unit(f.st, f.serials[1])), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, f.serials[1], 0)), OK);
	CHECK_INT(status_of(harness_step_value(f.st, f.serials[1], 1, 245.0)), OK);
	CHECK(measured(f.desk, f.serials[1], "peak_temp", &v, detail, sizeof detail));
	CHECK_NEAR(v, 239.0, 1e-9);
	teardown(&f);
}

static void
stale_or_missing_value_refused_then_retry(void)
{
	struct fixture f;
	const char *s;
	char t[40];
	REQUIRE(setup(&f, "REFLOW-1"));
	s = f.serials[2];
	CHECK_INT(status_of(harness_open_unit(f.st, s)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 0)), OK);
	/* Nothing published for this board yet. */
	CHECK_INT(refused_naming(harness_step_confirm(f.st, s, 1),
	    (const char *[]){ "peak_temp", s, "REFLOW-1", NULL }), NO_VALUE);
	REQUIRE(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":244,\"serial\":\"%s\"}", s));
	REQUIRE(wait_raw(&f, "REFLOW-1", "peak_temp", 1));
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 1)), OK);
	/* The conveyor's newest value is two minutes old: outside window=30s. */
	REQUIRE(publish(&f, "yoke/REFLOW-1/conveyor", "{\"value\":70,\"ts\":\"%s\"}",
	    ts(-120, t, sizeof t)));
	REQUIRE(wait_raw(&f, "REFLOW-1", "conveyor", 1));
	CHECK_INT(refused_naming(harness_step_confirm(f.st, s, 2),
	    (const char *[]){ "conveyor", "REFLOW-1", "30 s", NULL }), NO_VALUE);
	/* The refusal changed nothing: the same step is still current. */
	REQUIRE(publish(&f, "yoke/REFLOW-1/conveyor", "{\"value\":71}"));
	REQUIRE(wait_raw(&f, "REFLOW-1", "conveyor", 2));
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 2)), OK);
	teardown(&f);
}

static void
out_of_limit_value_fails_like_a_typed_one(void)
{
	struct fixture f;
	const char *s;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, "REFLOW-1"));
	s = f.serials[3];
	REQUIRE(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":262.0,\"serial\":\"%s\"}", s));
	REQUIRE(wait_raw(&f, "REFLOW-1", "peak_temp", 1));
	CHECK_INT(status_of(harness_open_unit(f.st, s)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 0)), OK);
	/* The first reading out of the limits: measure again (attempts). */
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 1)), YOKE__STATUS__STATUS_MEASURE_AGAIN);
	/* The oven measured nothing new: the same value is the last reading allowed. */
	rp = harness_step_confirm(f.st, s, 1);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_OUT_OF_SPEC);
	CHECK(rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->status == YOKE__UNIT_STATUS__UNIT_FAILED);
	CHECK(strstr(rp->message, "NCR-") != NULL);
	client_reply_free(rp);
	/* The value that broke the limit is kept point by point. */
	rp = stats(f.desk);
	const Yoke__EquipmentParamStats *ps = param_of(rp, "REFLOW-1", "peak_temp");
	CHECK(ps && ps->limit_points == 1);
	client_reply_free(rp);
	/* The excursion raised one equipment alarm at the oven; a second value
	 * out of the limits while it is open raises no other. */
	REQUIRE(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":263.5}"));
	REQUIRE(wait_raw(&f, "REFLOW-1", "peak_temp", 2));
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmQuery q = YOKE__ALARM_QUERY__INIT;
	q.station = (char *)"REFLOW-1";
	rq.body_case = YOKE__REQUEST__BODY_ALARM_QUERY;
	rq.alarm_query = &q;
	rp = harness_call(f.desk, &rq, 3);
	REQUIRE(rp && rp->status == OK && rp->alarms);
	CHECK_INT(rp->alarms->n_alarms, 1);
	if (rp->alarms->n_alarms >= 1) {
		const Yoke__Alarm *a = rp->alarms->alarms[rp->alarms->n_alarms - 1];
		CHECK_INT(a->source, YOKE__ALARM_SOURCE__ALARM_EQUIPMENT);
		CHECK_STR(a->characteristic, "peak_temp");
		CHECK(strstr(a->detail, "262") != NULL);
		CHECK(!a->stops_station);
	}
	client_reply_free(rp);
	teardown(&f);
}

static bool
refusals_seen(const Yoke__EquipmentStatsReply *r)
{
	return r->bridges && r->bridges->malformed == 7 && r->bridges->oversize == 1 &&
	    r->unknown == 1 && r->not_allowed == 2;
}

static void
malformed_payloads_counted_not_crashing(void)
{
	struct fixture f;
	char *big;
	Yoke__Reply *rp;
	char *log;
	REQUIRE(setup(&f, "REFLOW-1"));
	big = xcalloc(1, 20000);
	memset(big, '9', 19999);
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":"));
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":\"hot\"}"));
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":1,\"nested\":{\"a\":1}}"));
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":1e999}"));
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":1,\"value\":2}"));
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "\xff\xfe garbage"));
	/* Not under the subscription (yoke/+/+): never reaches the bridge. */
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp/extra", "{\"value\":1}"));
	CHECK(mqtt_pub(f.pub, "yoke/REFLOW-1/peak_temp", big, 19999));
	/* Stations the bridge is not enrolled for (one unknown too), and a
	 * parameter no equipment_param defines. */
	CHECK(publish(&f, "yoke/REFLOW-9/peak_temp", "{\"value\":240}"));
	CHECK(publish(&f, "yoke/AOI-1/peak_temp", "{\"value\":240}"));
	CHECK(publish(&f, "yoke/REFLOW-1/humidity", "{\"value\":40}"));
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "{\"value\":241,\"serial\":\"A B\"}"));
	CHECK(publish(&f, "yoke/REFLOW-1/peak_temp", "245.25"));               /* a bare number is fine */
	REQUIRE(wait_raw(&f, "REFLOW-1", "peak_temp", 1));
	rp = wait_totals(&f, refusals_seen);
	REQUIRE(rp && rp->body_case == YOKE__REPLY__BODY_EQUIPMENT_STATS);
	const Yoke__EquipmentStatsReply *r = rp->equipment_stats;
	CHECK(refusals_seen(r));
	fprintf(stderr, "    refused: %llu malformed, %llu oversize at the bridge; %llu unknown, "
	    "%llu not allowed at the server\n", (unsigned long long)r->bridges->malformed,
	    (unsigned long long)r->bridges->oversize, (unsigned long long)r->unknown,
	    (unsigned long long)r->not_allowed);
	const Yoke__EquipmentParamStats *ps = param_of(rp, "REFLOW-1", "peak_temp");
	CHECK(ps && ps->raw_values == 1 && fabs(ps->last_value - 245.25) < 1e-9);
	client_reply_free(rp);
	CHECK(f.br.pid > 0 && harness_yoked_alive(f.y));
	log = mqtt_bridge_log(&f.br);
	CHECK(strstr(log, "refused a message") != NULL);
	free(log);
	log = harness_yoked_log(f.y);
	CHECK(strstr(log, "REFLOW-1/humidity") != NULL && strstr(log, "REFLOW-9") != NULL);
	free(log);
	CHECK_INT(mqtt_bridge_stop(&f.br), 0);
	free(big);
	teardown(&f);
}

/* A Sparkplug B payload with these metrics (a NULL name: none). */
static uint8_t *
spb_payload(size_t *len, const char *serial, double peak, float conveyor)
{
	Spb__Payload pl = SPB__PAYLOAD__INIT;
	Spb__Metric m[4], *mp[4];
	for (int i = 0; i < 4; i++) {
		spb__metric__init(&m[i]);
		mp[i] = &m[i];
	}
	m[0].name = (char *)"Zone7/PeakTemp";
	m[0].has_datatype = true;
	m[0].datatype = SPB__DATA_TYPE__Double;
	m[0].value_case = SPB__METRIC__VALUE_DOUBLE_VALUE;
	m[0].double_value = peak;
	m[1].name = (char *)"Conveyor Speed";
	m[1].has_datatype = true;
	m[1].datatype = SPB__DATA_TYPE__Float;
	m[1].value_case = SPB__METRIC__VALUE_FLOAT_VALUE;
	m[1].float_value = conveyor;
	m[2].name = (char *)"serial";
	m[2].has_datatype = true;
	m[2].datatype = SPB__DATA_TYPE__String;
	m[2].value_case = SPB__METRIC__VALUE_STRING_VALUE;
	m[2].string_value = (char *)serial;
	m[3].name = (char *)"Fan RPM";          /* no parameter: counted unknown */
	m[3].has_datatype = true;
	m[3].datatype = SPB__DATA_TYPE__Int32;
	m[3].value_case = SPB__METRIC__VALUE_INT_VALUE;
	m[3].int_value = (uint32_t)-5;
	pl.has_timestamp = true;
	pl.timestamp = (uint64_t)(now_us() / 1000);
	pl.metrics = mp;
	pl.n_metrics = 4;
	*len = spb__payload__get_packed_size(&pl);
	uint8_t *buf = xmalloc(*len);
	spb__payload__pack(&pl, buf);
	return buf;
}

/* DBIRTH of Plant1/Line2/Oven2: alias 7 is Zone7/PeakTemp. */
static uint8_t *
spb_birth(size_t *len)
{
	Spb__Payload pl = SPB__PAYLOAD__INIT;
	Spb__Metric m = SPB__METRIC__INIT, *mp = &m;
	m.name = (char *)"Zone7/PeakTemp";
	m.has_alias = true;
	m.alias = 7;
	m.has_datatype = true;
	m.datatype = SPB__DATA_TYPE__Double;
	m.value_case = SPB__METRIC__VALUE_DOUBLE_VALUE;
	m.double_value = 240;
	pl.metrics = &mp;
	pl.n_metrics = 1;
	*len = spb__payload__get_packed_size(&pl);
	uint8_t *buf = xmalloc(*len);
	spb__payload__pack(&pl, buf);
	return buf;
}

/* DDATA with one metric by alias only. */
static uint8_t *
spb_alias_only(size_t *len, uint64_t alias, double v)
{
	Spb__Payload pl = SPB__PAYLOAD__INIT;
	Spb__Metric m = SPB__METRIC__INIT, *mp = &m;
	m.has_alias = true;
	m.alias = alias;
	m.has_datatype = true;
	m.datatype = SPB__DATA_TYPE__Double;
	m.value_case = SPB__METRIC__VALUE_DOUBLE_VALUE;
	m.double_value = v;
	pl.has_timestamp = true;
	pl.timestamp = (uint64_t)(now_us() / 1000);
	pl.metrics = &mp;
	pl.n_metrics = 1;
	*len = spb__payload__get_packed_size(&pl);
	uint8_t *buf = xmalloc(*len);
	spb__payload__pack(&pl, buf);
	return buf;
}

static void
sparkplug_ddata_decoded_and_mapped(void)
{
	struct fixture f;
	const char *s;
	size_t len;
	uint8_t *buf;
	double v = 0;
	char detail[200];
	Yoke__Reply *rp;
	REQUIRE(setup(&f, "REFLOW-2"));
	s = f.serials[4];
	/* A birth certificate is not data; it names the aliases the device's
	 * DDATA may use alone (here alias 7: Zone7/PeakTemp). */
	buf = spb_birth(&len);
	CHECK(mqtt_pub(f.pub, "spBv1.0/Plant1/DBIRTH/Line2/Oven2", buf, len));
	free(buf);
	CHECK(mqtt_pub(f.pub, "spBv1.0/Plant1/DDATA/Line2/Oven2", "\x0a\xff\xff", 3));   /* garbage */
	buf = spb_payload(&len, s, 243.75, 72.5f);
	REQUIRE(mqtt_pub(f.pub, "spBv1.0/Plant1/DDATA/Line2/Oven2", buf, len));
	free(buf);
	REQUIRE(wait_raw(&f, "REFLOW-2", "peak_temp", 1) && wait_raw(&f, "REFLOW-2", "conveyor", 1));
	rp = stats(f.desk);
	CHECK(param_of(rp, "REFLOW-1", "peak_temp") == NULL);
	CHECK(rp && rp->equipment_stats->unknown == 1);          /* Fan RPM */
	client_reply_free(rp);
	CHECK_INT(status_of(harness_open_unit(f.st, s)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 0)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 1)), OK);
	CHECK_INT(status_of(harness_step_confirm(f.st, s, 2)), OK);
	CHECK(measured(f.desk, s, "peak_temp", &v, detail, sizeof detail));
	CHECK_NEAR(v, 243.75, 1e-9);
	CHECK(strstr(detail, "equipment REFLOW-2") != NULL);
	CHECK(measured(f.desk, s, "conveyor", &v, detail, sizeof detail));
	CHECK_NEAR(v, 72.5, 1e-6);
	/* A value sent by alias only, named by the birth certificate. */
	buf = spb_alias_only(&len, 7, 241.5);
	REQUIRE(mqtt_pub(f.pub, "spBv1.0/Plant1/DDATA/Line2/Oven2", buf, len));
	free(buf);
	REQUIRE(wait_raw(&f, "REFLOW-2", "peak_temp", 2));
	rp = stats(f.desk);
	const Yoke__EquipmentParamStats *ps = param_of(rp, "REFLOW-2", "peak_temp");
	CHECK(ps && fabs(ps->last_value - 241.5) < 1e-9);
	client_reply_free(rp);
	teardown(&f);
}

static void
condensed_storage_figures(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	const int n = 900, outside = 7;
	int64_t start = (now_us() / 60000000 - 4) * 60000000;   /* four whole minutes ago */
	REQUIRE(setup(&f, "REFLOW-1"));
	/* 900 values over 3 minutes (one each 0.2 s), 7 of them above usl=90. */
	for (int i = 0; i < n; i++) {
		char p[200];
		double v = i % (n / outside) == 5 ? 95.0 + i % 3 : 70.0 + (i % 10) * 0.5;
		int64_t t = start + (int64_t)i * 200000;
		snprintf(p, sizeof p, "{\"value\":%.2f,\"ts\":%lld.%06lld}", v, (long long)(t / 1000000),
		    (long long)(t % 1000000));
		REQUIRE(mqtt_pub_fast(f.pub, "yoke/REFLOW-1/conveyor", p, strlen(p)));
	}
	REQUIRE(wait_raw(&f, "REFLOW-1", "conveyor", (uint64_t)n));
	rp = stats(f.desk);
	const Yoke__EquipmentParamStats *s = param_of(rp, "REFLOW-1", "conveyor");
	REQUIRE(s != NULL);
	CHECK_INT(s->raw_values, n);
	CHECK_INT(s->trend_records, 3);
	CHECK_INT(s->limit_points, outside);
	/* A raw store would keep at least a time and a value (16 bytes) each. */
	CHECK(s->stored_bytes > 0 && s->stored_bytes < (uint64_t)n * 16 / 10);
	fprintf(stderr, "    %llu raw values in 3 minutes -> %llu trend records + %llu kept points = "
	    "%llu bytes stored (%.2f bytes per raw value; raw at 16 bytes each: %d bytes)\n",
	    (unsigned long long)s->raw_values, (unsigned long long)s->trend_records,
	    (unsigned long long)s->limit_points, (unsigned long long)s->stored_bytes,
	    (double)s->stored_bytes / (double)s->raw_values, n * 16);
	client_reply_free(rp);
	teardown(&f);
}

int
main(void)
{
	RUN(json_fills_step_by_serial_and_latest);
	RUN(stale_or_missing_value_refused_then_retry);
	RUN(out_of_limit_value_fails_like_a_typed_one);
	RUN(malformed_payloads_counted_not_crashing);
	RUN(sparkplug_ddata_decoded_and_mapped);
	RUN(condensed_storage_figures);
	return check_done();
}
