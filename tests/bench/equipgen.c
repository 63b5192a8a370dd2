/*
 * equipgen — the benchmark's equipment traffic: values published into a
 * real mosquitto broker, which yoke-bridge passes to yoked while the
 * station load (loadgen) runs, and the rate yoked took them at.
 *
 *   equipgen seed DIR STATIONS PARAMS
 *       writes PARAMS equipment parameters (p1, p2, ...; lsl=10 usl=90)
 *       for each of the first STATIONS bench stations (B-001, ...) into the
 *       store in DIR, before the server starts on it
 *   equipgen keys DIR
 *       enrols bench-bridge (every station) and bench-equip (a desk) in the
 *       key directory loadgen keys wrote
 *   equipgen run --broker PORT --endpoint EP (--keys DIR | --plain)
 *       --stations N --params P --rate R [--warmup S] [--seconds S]
 *       publishes R values a second (QoS 0, yoke/B-001/p1 ..., every
 *       station and parameter in turn; p1 carries the board's serial, one
 *       in a thousand is above usl) for warm-up + seconds, and reads the
 *       server's count of raw values (EquipmentStatsQuery) at the end of
 *       the warm-up and at the end: the last line is
 *       "EQUIP offered=R published=N ingested=X" (X values a second taken
 *       by yoked over the measured seconds).
 */
#include "tests/bench/bench_common.h"
#include "tests/lib/mqtt.h"

#include "proto/client.h"
#include "server/equipment/equipment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BRIDGE_TERMINAL "bench-bridge"
#define EQUIP_TERMINAL "bench-equip"

static _Noreturn void
die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "equipgen: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static long
count_arg(const char *what, const char *v, long lo, long hi)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	if (v == NULL || *end != '\0' || n < lo || n > hi)
		die("%s: expected a whole number from %ld to %ld, got \"%s\"", what, lo, hi, v ? v : "");
	return n;
}

static int
cmd_seed(const char *dir, int stations, int params)
{
	struct store *st;
	struct txn t;
	struct arena a;
	char err[512], station[32], name[16], key[KEY_MAX];
	int rc;

	if (store_open(&st, dir, err, sizeof err) != 0)
		die("seed: %s", err);
	arena_init(&a);
	if ((rc = store_begin_write(st, &t)) != STORE_OK)
		die("seed: %s", store_status_text(rc));
	for (int i = 0; i < stations; i++)
		for (int k = 0; k < params; k++) {
			Yoke__EquipmentParam p = YOKE__EQUIPMENT_PARAM__INIT;
			bench_station_id(station, sizeof station, i);
			snprintf(name, sizeof name, "p%d", k + 1);
			p.station = station;
			p.name = name;
			p.unit = (char *)"C";
			p.has_lsl = p.has_usl = true;
			p.lsl = 10;
			p.usl = 90;
			p.source = (char *)"equipgen";
			size_t kl = equipment_key_param(key, station, name);
			if ((rc = rec_put(&t, &a, T_EQUIP_PARAM, key, kl, (const ProtobufCMessage *)&p, 0)))
				die("seed: %s", store_status_text(rc));
		}
	if ((rc = store_commit(&t)) != STORE_OK)
		die("seed: %s", store_status_text(rc));
	arena_free(&a);
	store_close(st);
	return 0;
}

static int
cmd_keys(const char *dir)
{
	struct cert server;
	char path[1200], err[600];
	snprintf(path, sizeof path, "%s/server.key", dir);
	if (!cert_read(path, CERT_SERVER, &server, err, sizeof err) ||
	    !bench_enrol(dir, &server, BRIDGE_TERMINAL, "*", err, sizeof err) ||
	    !bench_enrol(dir, &server, EQUIP_TERMINAL, "", err, sizeof err))
		die("keys: %s", err);
	return 0;
}

/* The raw values yoked counted so far, or -1. */
static long long
raw_count(struct client *c)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__EquipmentStatsQuery q = YOKE__EQUIPMENT_STATS_QUERY__INIT;
	Yoke__Reply *rp;
	long long n = -1;
	rq.body_case = YOKE__REQUEST__BODY_EQUIPMENT_STATS;
	rq.equipment_stats = &q;
	rp = client_call(c, &rq, 5);
	if (rp && rp->status == YOKE__STATUS__STATUS_OK &&
	    rp->body_case == YOKE__REPLY__BODY_EQUIPMENT_STATS) {
		n = 0;
		for (size_t i = 0; i < rp->equipment_stats->n_params; i++)
			n += (long long)rp->equipment_stats->params[i]->raw_values;
	}
	if (rp)
		client_reply_free(rp);
	return n;
}

int
main(int argc, char **argv)
{
	const char *endpoint = NULL, *keys = NULL;
	int port = 0, stations = 200, params = 2;
	long rate = 2000;
	double warmup = 1, seconds = 5;
	bool plain = false;

	if (argc >= 2 && strcmp(argv[1], "seed") == 0) {
		if (argc != 5)
			die("usage: equipgen seed DIR STATIONS PARAMS");
		return cmd_seed(argv[2], (int)count_arg("STATIONS", argv[3], 1, BENCH_STATIONS_MAX),
		    (int)count_arg("PARAMS", argv[4], 1, 50));
	}
	if (argc == 3 && strcmp(argv[1], "keys") == 0)
		return cmd_keys(argv[2]);
	if (argc < 2 || strcmp(argv[1], "run") != 0)
		die("usage: equipgen seed DIR STATIONS PARAMS | keys DIR | run --broker PORT "
		    "--endpoint EP (--keys DIR | --plain) --stations N --params P --rate R "
		    "[--warmup S] [--seconds S]");
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--plain") == 0) {
			plain = true;
			continue;
		}
		i++;
		if (strcmp(a, "--broker") == 0) port = (int)count_arg(a, v, 1, 65535);
		else if (strcmp(a, "--endpoint") == 0) endpoint = v;
		else if (strcmp(a, "--keys") == 0) keys = v;
		else if (strcmp(a, "--stations") == 0) stations = (int)count_arg(a, v, 1, BENCH_STATIONS_MAX);
		else if (strcmp(a, "--params") == 0) params = (int)count_arg(a, v, 1, 50);
		else if (strcmp(a, "--rate") == 0) rate = count_arg(a, v, 1, 1000000);
		else if (strcmp(a, "--warmup") == 0) warmup = (double)count_arg(a, v, 0, 3600);
		else if (strcmp(a, "--seconds") == 0) seconds = (double)count_arg(a, v, 1, 3600);
		else die("unknown option \"%s\"", a);
	}
	if (port == 0 || endpoint == NULL || (keys == NULL && !plain))
		die("run needs --broker, --endpoint and --keys (or --plain)");

	struct client_options co = { .timeout_ms = 2000, .offline_after = 3, .ping_ms = 0 };
	struct cert cert;
	char err[600];
	if (!plain) {
		if (!bench_read_device(keys, EQUIP_TERMINAL, &cert, err, sizeof err))
			die("%s", err);
		co.cert = &cert;
	}
	struct client *c = client_new(endpoint, plain ? EQUIP_TERMINAL : NULL, &co);
	struct broker b = { .port = port };
	struct mqtt_pub *pub = mqtt_pub_new(&b);
	if (pub == NULL)
		die("cannot connect to the broker on port %d", port);

	int64_t start = mono_ms(), measure_at = start + (int64_t)(warmup * 1000),
	    end = measure_at + (int64_t)(seconds * 1000);
	long long published = 0, c0 = -1, c1;
	uint64_t seq = 0;
	bool measuring = false;
	for (;;) {
		int64_t now = mono_ms();
		if (!measuring && now >= measure_at) {
			c0 = raw_count(c);
			measuring = true;
			now = mono_ms();
		}
		if (now >= end)
			break;
		/* Behind schedule by this many values: publish them. */
		long long due = (long long)((double)(now - start) * (double)rate / 1000.0);
		while (published < due) {
			char topic[64], payload[160], station[32];
			int s = (int)(seq % (uint64_t)stations), k = (int)(seq / (uint64_t)stations %
			    (uint64_t)params);
			double v = seq % 1000 == 999 ? 95.5 : 40 + (double)(seq % 200) / 10;
			bench_station_id(station, sizeof station, s);
			snprintf(topic, sizeof topic, "yoke/%s/p%d", station, k + 1);
			if (k == 0)
				snprintf(payload, sizeof payload, "{\"value\":%.1f,\"unit\":\"C\",\"serial\":"
				    "\"EQ-%s-%llu\"}", v, station, (unsigned long long)(seq / (uint64_t)stations));
			else
				snprintf(payload, sizeof payload, "{\"value\":%.1f,\"unit\":\"C\"}", v);
			if (!mqtt_pub_fast(pub, topic, payload, strlen(payload)))
				die("publishing failed");
			published++;
			seq++;
		}
		harness_sleep_ms(5);
	}
	c1 = raw_count(c);
	mqtt_pub_free(pub);
	client_free(c);
	if (c0 < 0 || c1 < 0)
		die("yoked did not answer the equipment statistics");
	printf("EQUIP offered=%ld published=%lld ingested=%.0f stations=%d params=%d\n", rate,
	    published, (double)(c1 - c0) / seconds, stations, params);
	return 0;
}
