/*
 * yoke-bridge — equipment data from an MQTT broker to yoked
 * (docs/man/yoke-bridge.8.md; docs/equipment.md).
 *
 * Why a program beside yoked rather than a thread in it: yoked is the one
 * writer and runs one loop; a broker that floods, sends garbage or hangs a
 * TCP connection must never touch that loop. The bridge is a device like
 * a station terminal: its own CURVE certificate, enrolled with `yokectl
 * keys enrol NAME --station S1 S2 ...` for the stations it may speak for.
 * It sends what it read in batches (EquipmentBatch, one mutating request
 * with the client's retry and idempotency), so yoked writes a batch of
 * values in one transaction of its group commit. When yoked is away the
 * bridge keeps a bounded queue and drops the oldest (counted, reported).
 *
 * Threads: libmosquitto's network thread (mosquitto_loop_start) reads and
 * decodes each message (payload.h) and puts readings in the queue
 * (queue.h); the main thread takes a batch every --batch-ms (or as soon as
 * --batch-max are waiting) and sends it. Subscriptions are made in the
 * connect callback, so a reconnect subscribes again.
 *
 * Hostile input: a payload over its size limit, bad JSON, a wrong topic or
 * a payload that is not Sparkplug B is counted and logged (the first ones,
 * then one line in a thousand), never passed on; yoked refuses unknown
 * stations and parameters itself and counts them. Log lines are English.
 */
#include "bridge/queue.h"
#include "proto/client.h"
#include "shared/cert.h"
#include "shared/equipment/payload.h"
#include "shared/log.h"
#include "shared/util.h"
#include "shared/version.h"

#include <mosquitto.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Aliases of Sparkplug metrics kept (their names from DBIRTH), all devices. */
#define SPB_ALIASES_MAX 16384

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct bridge {
	const char *root;               /* the JSON layout's first topic level */
	bool sparkplug, json;
	struct queue q;
	struct spb_aliases *aliases;    /* learnt from DBIRTH; the network thread's only */
	bool aliases_full_said;
	/* Counted by the network thread, reported by the main one. */
	atomic_ullong received, malformed, oversize, ignored;
	atomic_ullong malformed_sent, oversize_sent;   /* already reported to yoked */
	atomic_int connected;
};

/* Logs a refused message: the first 20, then one in a thousand. */
static void
refused(struct bridge *b, const char *topic, const char *why, bool oversize)
{
	unsigned long long n = atomic_fetch_add(oversize ? &b->oversize : &b->malformed, 1) + 1;
	if (n <= 20 || n % 1000 == 0)
		log_warn("refused a message on \"%.120s\" (%s no. %llu): %s", topic,
		    oversize ? "oversize" : "malformed", n, why);
}

static void
on_connect(struct mosquitto *m, void *ud, int rc)
{
	struct bridge *b = ud;
	char sub[200];
	if (rc != 0) {
		log_warn("broker refused the connection: %s", mosquitto_connack_string(rc));
		return;
	}
	atomic_store(&b->connected, 1);
	if (b->json) {
		snprintf(sub, sizeof sub, "%s/+/+", b->root);
		mosquitto_subscribe(m, NULL, sub, 1);
	}
	if (b->sparkplug) {
		mosquitto_subscribe(m, NULL, "spBv1.0/+/DDATA/+/+", 1);
		mosquitto_subscribe(m, NULL, "spBv1.0/+/DBIRTH/+/+", 1);   /* the aliases' names */
	}
	log_info("connected to the broker; subscribed to%s%s%s", b->json ? " " : "",
	    b->json ? sub : "", b->sparkplug ? " spBv1.0/+/DDATA/+/+ spBv1.0/+/DBIRTH/+/+" : "");
}

static void
on_subscribe(struct mosquitto *m, void *ud, int mid, int n, const int *granted)
{
	(void)m;
	(void)ud;
	(void)mid;
	for (int i = 0; i < n; i++)
		if (granted[i] > 2) {
			log_warn("the broker refused a subscription (code %d)", granted[i]);
			return;
		}
	log_info("subscriptions acknowledged");
}

static void
on_disconnect(struct mosquitto *m, void *ud, int rc)
{
	struct bridge *b = ud;
	(void)m;
	atomic_store(&b->connected, 0);
	if (!stop)
		log_warn("lost the broker (%s); reconnecting", mosquitto_strerror(rc));
}

static void
on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
	struct bridge *b = ud;
	static struct reading rs[PAYLOAD_METRICS_MAX];   /* the network thread's only */
	char err[300], device[121];
	int n, skipped;
	(void)m;

	atomic_fetch_add(&b->received, 1);
	if (msg->topic == NULL || msg->payloadlen < 0)
		return;
	if (b->sparkplug && strncmp(msg->topic, "spBv1.0/", 8) == 0) {
		if (sparkplug_birth_topic(msg->topic, device, sizeof device)) {
			bool full;
			n = sparkplug_birth(b->aliases, msg->payload, (size_t)msg->payloadlen, device,
			    &full, err, sizeof err);
			if (n < 0)
				refused(b, msg->topic, err,
				    (size_t)msg->payloadlen > PAYLOAD_SPARKPLUG_MAX);
			else
				atomic_fetch_add(&b->ignored, 1);     /* a birth is not data */
			if (full && !b->aliases_full_said) {
				log_warn("the table of Sparkplug aliases is full: metrics sent by alias "
				    "only from further devices are skipped");
				b->aliases_full_said = true;
			}
			return;
		}
		if (!sparkplug_topic(msg->topic, device, sizeof device, err, sizeof err)) {
			if (err[0])
				refused(b, msg->topic, err, false);
			else
				atomic_fetch_add(&b->ignored, 1);
			return;
		}
		n = sparkplug_payload_named(msg->payload, (size_t)msg->payloadlen, device, b->aliases,
		    rs, PAYLOAD_METRICS_MAX, &skipped, err, sizeof err);
		if (n < 0) {
			refused(b, msg->topic, err, (size_t)msg->payloadlen > PAYLOAD_SPARKPLUG_MAX);
			return;
		}
		if (skipped)
			atomic_fetch_add(&b->ignored, (unsigned long long)skipped);
		for (int i = 0; i < n; i++)
			if (rs[i].time_us == 0)
				rs[i].time_us = now_us();
		queue_put(&b->q, rs, (size_t)n);
		return;
	}
	if (!b->json)
		return;
	memset(&rs[0], 0, sizeof rs[0]);
	if ((size_t)msg->payloadlen > PAYLOAD_JSON_MAX) {
		snprintf(err, sizeof err, "payload of %d bytes; at most %d are read", msg->payloadlen,
		    PAYLOAD_JSON_MAX);
		refused(b, msg->topic, err, true);
		return;
	}
	if (!payload_topic(b->root, msg->topic, &rs[0], err, sizeof err) ||
	    !payload_json(msg->payload, (size_t)msg->payloadlen, &rs[0], err, sizeof err)) {
		refused(b, msg->topic, err, false);
		return;
	}
	if (rs[0].time_us == 0)
		rs[0].time_us = now_us();
	queue_put(&b->q, rs, 1);
}

/* One batch to yoked; false when it did not answer (the batch is kept). */
static bool
send_batch(struct bridge *b, struct client *c, const char *name, const struct reading *r,
    size_t n, int tries)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__EquipmentBatch eb = YOKE__EQUIPMENT_BATCH__INIT;
	Yoke__EquipmentRejects rj = YOKE__EQUIPMENT_REJECTS__INIT;
	Yoke__EquipmentValue *vs = calloc(n ? n : 1, sizeof *vs);
	Yoke__EquipmentValue **vp = calloc(n ? n : 1, sizeof *vp);
	unsigned long long mal = atomic_load(&b->malformed), ovr = atomic_load(&b->oversize);
	uint64_t dropped = queue_dropped(&b->q);
	Yoke__Reply *rp;
	bool ok = false;

	if (vs == NULL || vp == NULL)
		log_fatal("out of memory for a batch of %zu values", n);
	for (size_t i = 0; i < n; i++) {
		yoke__equipment_value__init(&vs[i]);
		vs[i].station = (char *)r[i].station;
		vs[i].parameter = (char *)r[i].parameter;
		vs[i].device = (char *)r[i].device;
		vs[i].metric = (char *)r[i].metric;
		vs[i].unit = (char *)r[i].unit;
		vs[i].serial = (char *)r[i].serial;
		vs[i].value = r[i].value;
		vs[i].time_us = r[i].time_us;
		vs[i].program = (char *)r[i].program;
		vp[i] = &vs[i];
	}
	rj.malformed = mal - atomic_load(&b->malformed_sent);
	rj.oversize = ovr - atomic_load(&b->oversize_sent);
	rj.dropped = dropped;
	eb.values = vp;
	eb.n_values = n;
	eb.rejects = &rj;
	eb.bridge = (char *)name;
	rq.body_case = YOKE__REQUEST__BODY_EQUIPMENT_BATCH;
	rq.equipment_batch = &eb;
	rp = client_call(c, &rq, tries);
	if (rp == NULL) {
		queue_count_dropped(&b->q, dropped);   /* not reported: again next time */
	} else {
		ok = true;
		atomic_store(&b->malformed_sent, mal);
		atomic_store(&b->oversize_sent, ovr);
		if (rp->status != YOKE__STATUS__STATUS_OK)
			log_warn("yoked refused a batch of %zu values: %s: %s", n,
			    status_name(rp->status), rp->message ? rp->message : "");
		else if (rp->body_case == YOKE__REPLY__BODY_EQUIPMENT_BATCH &&
		    (rp->equipment_batch->unknown || rp->equipment_batch->invalid ||
		    rp->equipment_batch->not_allowed))
			log_warn("yoked took %u of %zu values: %u for no defined parameter, %u invalid, "
			    "%u for stations this bridge is not enrolled for (yoked's log names them)",
			    rp->equipment_batch->accepted, n, rp->equipment_batch->unknown,
			    rp->equipment_batch->invalid, rp->equipment_batch->not_allowed);
		client_reply_free(rp);
	}
	free(vs);
	free(vp);
	return ok;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: yoke-bridge [options]\n"
	    "Reads equipment values from an MQTT broker and sends them to yoked in batches.\n\n"
	    "  --broker HOST:PORT   the MQTT broker (default 127.0.0.1:1883)\n"
	    "  --root NAME          first topic level of the JSON layout (default yoke:\n"
	    "                       yoke/STATION/PARAMETER)\n"
	    "  --no-json            do not subscribe to the JSON layout\n"
	    "  --no-sparkplug       do not subscribe to Sparkplug B (spBv1.0/+/DDATA/+/+)\n"
	    "  --cert FILE          this bridge's certificate (default $YOKE_CERT)\n"
	    "  --server ENDPOINT    yoked (default: the certificate's, else %s)\n"
	    "  --terminal ID        the bridge's id without a certificate (yoked --plain)\n"
	    "  --client-id ID       the MQTT client id (default yoke-bridge-<terminal>)\n"
	    "  --batch-ms N         send what waited this long (default 200)\n"
	    "  --batch-max N        values per batch, sent at once when that many wait (default 1000)\n"
	    "  --queue-max N        values kept while yoked is away; the oldest go (default 200000)\n"
	    "  --stats-s N          log the counters every N seconds (default 60; 0 never)\n"
	    "  --log LEVEL          debug, info, warn or error (default info)\n"
	    "  --version, --help\n", YOKE_DEFAULT_ENDPOINT);
}

static long
number(const char *opt, const char *v, long lo, long hi)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	if (v == NULL || *v == '\0' || *end != '\0' || n < lo || n > hi) {
		fprintf(stderr, "yoke-bridge: %s expects a whole number from %ld to %ld, got \"%s\"\n",
		    opt, lo, hi, v ? v : "");
		exit(2);
	}
	return n;
}

int
main(int argc, char **argv)
{
	const char *broker = "127.0.0.1:1883", *cert_path = getenv("YOKE_CERT"), *server = NULL;
	const char *terminal = NULL, *client_id = NULL;
	long batch_ms = 200, batch_max = 1000, queue_max = 200000, stats_s = 60;
	static struct bridge b;
	struct client_options co = { .timeout_ms = 2000, .offline_after = 3, .ping_ms = 0 };
	struct cert cert;
	struct mosquitto *m;
	struct reading *batch;
	char host[256], err[300], id[200];
	int port, rc;
	int64_t next_stats;
	bool away = false;

	log_set_program("yoke-bridge");
	b.root = "yoke";
	b.json = b.sparkplug = true;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			version_print(stdout, "yoke-bridge");
			return 0;
		} else if (strcmp(a, "--no-json") == 0) {
			b.json = false;
			continue;
		} else if (strcmp(a, "--no-sparkplug") == 0) {
			b.sparkplug = false;
			continue;
		}
		if (v == NULL) {
			fprintf(stderr, "yoke-bridge: %s needs a value; --help lists the options\n", a);
			return 2;
		}
		i++;
		if (strcmp(a, "--broker") == 0) broker = v;
		else if (strcmp(a, "--root") == 0) b.root = v;
		else if (strcmp(a, "--cert") == 0) cert_path = v;
		else if (strcmp(a, "--server") == 0) server = v;
		else if (strcmp(a, "--terminal") == 0) terminal = v;
		else if (strcmp(a, "--client-id") == 0) client_id = v;
		else if (strcmp(a, "--batch-ms") == 0) batch_ms = number(a, v, 1, 60000);
		else if (strcmp(a, "--batch-max") == 0) batch_max = number(a, v, 1, 5000);
		else if (strcmp(a, "--queue-max") == 0) queue_max = number(a, v, 1000, 10000000);
		else if (strcmp(a, "--stats-s") == 0) stats_s = number(a, v, 0, 86400);
		else if (strcmp(a, "--log") == 0) {
			int l = log_parse_level(v);
			if (l < 0) {
				fprintf(stderr, "yoke-bridge: --log expects debug, info, warn or error, got "
				    "\"%s\"\n", v);
				return 2;
			}
			log_set_level((enum log_level)l);
		} else {
			fprintf(stderr, "yoke-bridge: unknown option \"%s\"; --help lists them\n", a);
			return 2;
		}
	}
	if (!b.json && !b.sparkplug) {
		fprintf(stderr, "yoke-bridge: --no-json and --no-sparkplug leave nothing to read\n");
		return 2;
	}
	if (strlen(b.root) == 0 || strlen(b.root) > 60 || strpbrk(b.root, "+#/ ") != NULL) {
		fprintf(stderr, "yoke-bridge: --root expects one topic level without '+', '#', '/' or "
		    "spaces, got \"%s\"\n", b.root);
		return 2;
	}
	const char *colon = strrchr(broker, ':');
	if (colon == NULL || colon == broker || (size_t)(colon - broker) >= sizeof host) {
		fprintf(stderr, "yoke-bridge: --broker expects HOST:PORT, got \"%s\"\n", broker);
		return 2;
	}
	snprintf(host, sizeof host, "%.*s", (int)(colon - broker), broker);
	port = (int)number("--broker's port", colon + 1, 1, 65535);
	if (cert_path && !terminal) {
		if (!cert_read(cert_path, CERT_DEVICE, &cert, err, sizeof err)) {
			fprintf(stderr, "yoke-bridge: %s\n", err);
			return 2;
		}
		co.cert = &cert;
		if (server == NULL && cert.server[0])
			server = cert.server;
		terminal = cert.terminal;
	}
	if (terminal == NULL) {
		fprintf(stderr, "yoke-bridge: expected --cert FILE (or $YOKE_CERT), or --terminal ID "
		    "for a yoked started with --plain\n");
		return 2;
	}
	if (server == NULL)
		server = YOKE_DEFAULT_ENDPOINT;
	snprintf(id, sizeof id, "yoke-bridge-%s", terminal);
	if ((b.aliases = spb_aliases_new(SPB_ALIASES_MAX)) == NULL ||
	    !queue_init(&b.q, (size_t)queue_max) ||
	    (batch = calloc((size_t)batch_max, sizeof *batch)) == NULL)
		log_fatal("out of memory for a queue of %ld values", queue_max);

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	struct client *c = client_new(server, co.cert ? NULL : terminal, &co);

	mosquitto_lib_init();
	if ((m = mosquitto_new(client_id ? client_id : id, true, &b)) == NULL)
		log_fatal("mosquitto_new failed");
	mosquitto_connect_callback_set(m, on_connect);
	mosquitto_disconnect_callback_set(m, on_disconnect);
	mosquitto_subscribe_callback_set(m, on_subscribe);
	mosquitto_message_callback_set(m, on_message);
	mosquitto_reconnect_delay_set(m, 1, 30, true);
	if ((rc = mosquitto_connect_async(m, host, port, 30)) != MOSQ_ERR_SUCCESS)
		log_warn("broker %s:%d: %s; retrying", host, port, mosquitto_strerror(rc));
	if ((rc = mosquitto_loop_start(m)) != MOSQ_ERR_SUCCESS)
		log_fatal("mosquitto_loop_start: %s", mosquitto_strerror(rc));
	log_info("bridge %s: broker %s:%d, yoked %s, batches of up to %ld values every %ld ms",
	    terminal, host, port, server, batch_max, batch_ms);

	next_stats = now_us() + stats_s * 1000000LL;
	unsigned long long sent = 0;
	while (!stop) {
		size_t n = queue_take(&b.q, batch, (size_t)batch_max, (size_t)batch_max, (int)batch_ms);
		bool pending = atomic_load(&b.malformed) != atomic_load(&b.malformed_sent) ||
		    atomic_load(&b.oversize) != atomic_load(&b.oversize_sent);
		if (n > 0 || pending) {
			if (send_batch(&b, c, terminal, batch, n, 3)) {
				sent += n;
				if (away)
					log_info("yoked answers again");
				away = false;
			} else {
				if (!away)
					log_warn("yoked at %s does not answer; keeping up to %ld values", server,
					    queue_max);
				away = true;
				queue_unget(&b.q, batch, n);
			}
		}
		if (client_replaced(c)) {
			log_error("another process took over this bridge's certificate: stopping");
			break;
		}
		if (stats_s > 0 && now_us() >= next_stats) {
			log_info("received %llu messages, sent %llu values; refused %llu malformed, %llu "
			    "oversize; %llu ignored", atomic_load(&b.received), sent,
			    atomic_load(&b.malformed), atomic_load(&b.oversize), atomic_load(&b.ignored));
			next_stats = now_us() + stats_s * 1000000LL;
		}
	}
	mosquitto_disconnect(m);
	mosquitto_loop_stop(m, false);
	/* What is left goes once more, briefly. */
	size_t n = queue_take(&b.q, batch, (size_t)batch_max, 0, 0);
	if (n > 0 && send_batch(&b, c, terminal, batch, n, 1))
		sent += n;
	log_info("stopping: received %llu messages, sent %llu values; refused %llu malformed, %llu "
	    "oversize", atomic_load(&b.received), sent, atomic_load(&b.malformed),
	    atomic_load(&b.oversize));
	mosquitto_destroy(m);
	mosquitto_lib_cleanup();
	client_free(c);
	queue_free(&b.q);
	spb_aliases_free(b.aliases);
	free(batch);
	return 0;
}
