/*
 * loadgen — the benchmark's load generator: N simulated stations in one
 * process and one thread, each with its own DEALER socket and terminal id,
 * each with one request in flight like a real terminal, all driven by one
 * zmq_poll loop. It encodes real yoke Requests with protobuf-c.
 *
 *   loadgen seed DIR STATIONS
 *       writes the bench plant with its people and PINs (bench_common.h)
 *       into a fresh store in DIR, before the server is started on it
 *   loadgen keys DIR STATIONS
 *       writes a fresh key directory: the server's key pair, and an
 *       allowlist entry and a certificate for every bench station terminal
 *       and for the load generator's own connections (bench_common.h)
 *   loadgen run --target yoked|baseline --endpoint EP --stations N
 *       (--keys DIR | --plain) [--warmup S] [--seconds S]
 *       [--units-per-station K] [--server-pid PID] [--fail-every N]
 *       yoked: the engineer signs in (badge + PIN) and releases work orders,
 *       every station badges its own operator in, and the first unit of
 *       station 1 goes through one request at a time (its inspection is
 *       the shift's first signature: the PIN is checked with argon2 once
 *       and remembered, as it is on a line in the morning). Then each
 *       station opens a unit, does its steps (confirm, scan a unique PCB-S
 *       serial, scan CAP-L lot twice, measure, check, inspect signed by
 *       the inspector with badge + PIN), completes, and takes the next unit.
 *       --fail-every N (the mix): every Nth unit of a station fails its
 *       check (an NCR opens and holds it) and the station goes on with its
 *       next unit; the load generator's engineer connection dispositions
 *       the failed one as rework signed by the inspector, and the station,
 *       between two units, works the rework operation and then op 10 again
 *       (scanning the same board).
 *       baseline: the same request sequence and sizes; the baseline server
 *       only stores them.
 *       --keys: every connection is a CURVE client with its certificate
 *       from DIR/devices; --plain: no CURVE (yoked --plain, baseline
 *       --plain).
 *   loadgen trace --endpoint EP --serial S (--keys DIR | --plain) [--count N]
 *       times N trace requests of one unit, one after another
 *   loadgen freeport N
 *       prints N free TCP ports on 127.0.0.1
 *
 * Latency is measured per request from send to reply. Only requests sent
 * after the warm-up and answered before the end count. Bytes written per
 * request: the server's write_bytes and wchar (/proc/PID/io, see
 * bench_proc_io) over the measured interval divided by the replies
 * received in it. The last line of a run is "RESULT key=value ..." for
 * tests/bench/run.sh.
 */
#include "tests/bench/bench_common.h"

#include "proto/client.h"
#include "shared/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <zmq.h>

#define SEND_MAX 4096
#define SETUP_TIMEOUT_MS 15000
#define RELEASE_CHUNK 10000

enum action_kind { ACT_OPEN, ACT_STEP, ACT_COMPLETE };

/* One request of a unit's cycle at a bench station. */
struct action {
	enum action_kind kind;
	uint32_t step;              /* ACT_STEP: index in the operation */
	Yoke__StepKind step_kind;
	const char *part;           /* scan */
	bool fail;                  /* a check that fails (the mix) */
	bool again;                 /* op 10 after rework: the unit's own board again */
	int expect;                 /* the status yoked answers */
};

/* The plans: a unit that passes, and one that fails and is reworked. */
struct plan {
	struct action a[96];
	size_t n;
};

struct station {
	void *sock;
	struct cert cert;           /* CURVE identity (unused with --plain) */
	char terminal[48], id[16], badge[16], session[72];
	uint64_t request_no;
	char **serials;
	size_t nserials, next_unit;
	size_t action;              /* index into the plan for the current unit */
	const struct plan *plan;    /* the current unit's */
	const char *serial;         /* the current unit */
	uint64_t scans;             /* unique component serials */
	uint64_t board;             /* the current unit's board serial number */
	/* The mix: units back from their disposition, to rework here before
	 * the next new unit (a ring). */
	struct reworked { const char *serial; uint64_t board; } ready[16];
	size_t ready_head, nready;
	int64_t sent_ns;
	bool in_flight, out_of_units;
};

struct options {
	const char *target, *endpoint, *serial, *keys;
	bool plain;
	int stations, units_per_station, count;
	double warmup, seconds;
	long server_pid;
	int fail_every;             /* the mix: every Nth unit fails and is reworked (0: none) */
};

/* A request and every body it may carry, filled by fill_request. */
struct reqbuf {
	Yoke__Request rq;
	Yoke__OpenUnit open;
	Yoke__CompleteOperation done;
	Yoke__StepRecord step;
	Yoke__InspectionResult insp;
	Yoke__Signature sig;
	Yoke__NcrDisposition dispose;
	Yoke__Signature *sigs[1];
	char scan[96];
};

/* The desk connection and the failed units waiting for it, first come
 * first served, one request in flight. */
struct failed_unit {
	struct station *t;          /* where it failed, and is reworked */
	const char *serial;
	uint64_t board;
	char ncr[32];
};
struct desk {
	struct station s;           /* its socket, terminal, session, numbers */
	struct failed_unit *wait;
	size_t head, n, cap;
	struct failed_unit serving;
};

static void *zctx;
static const struct options *opts;
static struct plan plan_ok, plan_fail, plan_rework;
static int errors_shown;

static _Noreturn void
die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static _Noreturn void
die(const char *fmt, ...)
{
	va_list ap;
	fputs("loadgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
plan_add(struct plan *p, struct action a)
{
	if (p->n == sizeof p->a / sizeof p->a[0])
		die("the bench plan is longer than %zu requests", sizeof p->a / sizeof p->a[0]);
	p->a[p->n++] = a;
}

/* One operation's requests: open, each step (a scan qty times), complete.
 * fail_check: stop at the check, which fails. */
static void
plan_op(struct plan *p, const Yoke__Operation *op, bool fail_check, bool again)
{
	plan_add(p, (struct action){ .kind = ACT_OPEN });
	for (size_t i = 0; i < op->n_steps; i++) {
		const Yoke__Step *s = op->steps[i];
		uint32_t times = s->kind == YOKE__STEP_KIND__STEP_SCAN ? s->qty : 1;
		bool fail = fail_check && s->kind == YOKE__STEP_KIND__STEP_CHECK;
		for (uint32_t k = 0; k < times; k++)
			plan_add(p, (struct action){ ACT_STEP, (uint32_t)i, s->kind,
				s->kind == YOKE__STEP_KIND__STEP_SCAN ? (strcmp(s->part, "PCB-S") == 0 ?
				"PCB-S" : strcmp(s->part, "CAP-L") == 0 ? "CAP-L" : "BOX") : NULL, fail, again,
				fail ? YOKE__STATUS__STATUS_CHECK_FAILED : YOKE__STATUS__STATUS_OK });
		if (fail)
			return;
	}
	plan_add(p, (struct action){ .kind = ACT_COMPLETE });
}

/* The requests of one unit at op 10, from the bench routing itself; of a
 * unit that fails there (up to the failed check: the station then takes
 * its next unit while the desk dispositions this one); and of a unit back
 * from its rework disposition: the rework operation, op 10 again. */
static void
build_plan(void)
{
	struct arena a;
	const Yoke__Routing *r;

	arena_init(&a);
	r = bench_routing(&a);
	plan_op(&plan_ok, r->operations[0], false, false);
	plan_op(&plan_fail, r->operations[0], true, false);
	plan_op(&plan_rework, r->rework_operations[0], false, false);
	plan_op(&plan_rework, r->operations[0], false, true);
	arena_free(&a);
}

/* Which plan the station's current unit follows. */
static const struct plan *
plan_of(const struct station *t)
{
	int n = opts->fail_every;
	return n > 0 && t->next_unit % (size_t)n == (size_t)n - 1 ? &plan_fail : &plan_ok;
}

/* The certificate of a terminal from --keys (nothing with --plain). */
static void
device_cert(const char *terminal, struct cert *c)
{
	char err[600];
	memset(c, 0, sizeof *c);
	if (opts->plain)
		return;
	if (opts->keys == NULL)
		die("--keys DIR (or --plain) is required");
	if (!bench_read_device(opts->keys, terminal, c, err, sizeof err))
		die("%s", err);
}

/* A DEALER to the server; a CURVE client of the server key when c has keys. */
static void *
dealer(const char *endpoint, const char *terminal, const struct cert *c)
{
	void *s = zmq_socket(zctx, ZMQ_DEALER);
	int zero = 0;
	if (s == NULL)
		die("cannot create a socket: %s", zmq_strerror(errno));
	zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero);
	/* The terminal id as routing id (the baseline in plain mode indexes by
	 * the request's terminal field; with CURVE by the key's terminal). */
	zmq_setsockopt(s, ZMQ_ROUTING_ID, terminal, strlen(terminal));
	if (c && c->public_key[0] &&
	    (zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, c->server_key, CERT_KEY_LEN) != 0 ||
	    zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, c->public_key, CERT_KEY_LEN) != 0 ||
	    zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, c->secret_key, CERT_KEY_LEN) != 0))
		die("%s: not CURVE keys: %s", terminal, zmq_strerror(errno));
	if (zmq_connect(s, endpoint) != 0)
		die("cannot connect to %s: %s", endpoint, zmq_strerror(errno));
	return s;
}

static void
send_request(void *sock, Yoke__Request *rq)
{
	uint8_t buf[SEND_MAX];
	size_t len = yoke__request__get_packed_size(rq);
	if (len > sizeof buf)
		die("request of %zu bytes is larger than the bench sends", len);
	yoke__request__pack(rq, buf);
	if (zmq_send(sock, buf, len, 0) < 0)
		die("send: %s", zmq_strerror(errno));
}

/* Receives one reply without blocking; NULL when none is waiting. A reply
 * that does not decode is fatal: the server broke the protocol. */
static Yoke__Reply *
recv_reply(void *sock, int flags)
{
	zmq_msg_t m;
	Yoke__Reply *rp;

	zmq_msg_init(&m);
	if (zmq_msg_recv(&m, sock, flags) < 0) {
		zmq_msg_close(&m);
		return NULL;
	}
	rp = yoke__reply__unpack(NULL, zmq_msg_size(&m), zmq_msg_data(&m));
	zmq_msg_close(&m);
	if (rp == NULL)
		die("a reply is not a yoke Reply message");
	return rp;
}

/* What the station loop needs of a reply, read straight off the wire
 * format: decoding every UnitView would make the load generator, not the
 * server, the bottleneck at 200 stations. */
struct reply_head {
	uint64_t request_no;
	int status;
	char message[200];
};

static bool
varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; shift < 64 && *p < end; shift += 7) {
		unsigned char b = *(*p)++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return true;
		}
	}
	return false;
}

/* Reads Reply.request_no (2), status (3) and message (4); false when the
 * bytes are not a protobuf message. */
static bool
scan_reply(const unsigned char *p, size_t len, struct reply_head *h)
{
	const unsigned char *end = p + len;
	uint64_t key, v;

	memset(h, 0, sizeof *h);
	while (p < end) {
		if (!varint(&p, end, &key))
			return false;
		switch (key & 7) {
		case 0:
			if (!varint(&p, end, &v))
				return false;
			if (key >> 3 == 2)
				h->request_no = v;
			else if (key >> 3 == 3)
				h->status = (int)v;
			break;
		case 1:
			p += 8;
			break;
		case 2:
			if (!varint(&p, end, &v) || v > (uint64_t)(end - p))
				return false;
			if (key >> 3 == 4)
				snprintf(h->message, sizeof h->message, "%.*s", (int)v, (const char *)p);
			p += v;
			break;
		case 5:
			p += 4;
			break;
		default:
			return false;
		}
	}
	return p == end;
}

/* Receives one reply head without blocking; false when none is waiting. */
static bool
recv_head(void *sock, struct reply_head *h)
{
	zmq_msg_t m;
	bool ok;

	zmq_msg_init(&m);
	if (zmq_msg_recv(&m, sock, ZMQ_DONTWAIT) < 0) {
		zmq_msg_close(&m);
		return false;
	}
	ok = scan_reply(zmq_msg_data(&m), zmq_msg_size(&m), h);
	zmq_msg_close(&m);
	if (!ok)
		die("a reply is not a yoke Reply message");
	return true;
}

/* One blocking call for the setup: send, wait for the reply to this number. */
static Yoke__Reply *
call(void *sock, Yoke__Request *rq, int timeout_ms)
{
	int64_t deadline = mono_ms() + timeout_ms;
	send_request(sock, rq);
	for (;;) {
		zmq_pollitem_t it = { .socket = sock, .events = ZMQ_POLLIN };
		int64_t left = deadline - mono_ms();
		Yoke__Reply *rp;
		if (left <= 0)
			return NULL;
		if (zmq_poll(&it, 1, (long)left) <= 0)
			continue;
		while ((rp = recv_reply(sock, ZMQ_DONTWAIT)) != NULL) {
			if (rp->request_no == rq->request_no)
				return rp;
			yoke__reply__free_unpacked(rp, NULL);
		}
	}
}

static void
request_init(Yoke__Request *rq, const char *terminal, uint64_t no, const char *session)
{
	yoke__request__init(rq);
	rq->version = YOKE_PROTOCOL_VERSION;
	rq->terminal = (char *)terminal;
	rq->request_no = no;
	rq->session = (char *)(session ? session : "");
}

/* Hello: the terminal's last stored request number (the next request
 * takes the one above it). A connection's first hello also waits for its
 * CURVE handshake (ZeroMQ sends it once the handshake is through). */
static uint64_t
hello(void *sock, const char *terminal, int timeout_ms)
{
	Yoke__Request rq;
	Yoke__Hello h = YOKE__HELLO__INIT;
	Yoke__Reply *rp;
	uint64_t last = 0;

	request_init(&rq, terminal, 0, NULL);
	h.program = (char *)"loadgen";
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	if ((rp = call(sock, &rq, timeout_ms)) == NULL)
		die("%s: no answer to hello within %d s", terminal, timeout_ms / 1000);
	if (rp->status != YOKE__STATUS__STATUS_OK)
		die("%s: hello refused (%d): %s", terminal, rp->status, rp->message);
	if (rp->body_case == YOKE__REPLY__BODY_HELLO)
		last = rp->hello->last_request_no;
	yoke__reply__free_unpacked(rp, NULL);
	return last;
}

static void
wait_for_server(const char *endpoint)
{
	struct cert c;
	void *s;

	device_cert(BENCH_PROBE_TERMINAL, &c);
	s = dealer(endpoint, BENCH_PROBE_TERMINAL, &c);
	hello(s, BENCH_PROBE_TERMINAL, SETUP_TIMEOUT_MS);
	zmq_close(s);
}

/* yoked: the engineer signs in at the load generator's own (yokectl-like)
 * connection with badge + PIN, releases work orders and hands their
 * serials round-robin out. */
static void
release_units(const struct options *o, struct station *st, const char *endpoint, struct desk *desk)
{
	struct cert c;
	void *s;
	size_t total = (size_t)o->stations * (size_t)o->units_per_station, done = 0;
	uint64_t no;
	char session[72];
	Yoke__Request rq;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	Yoke__Reply *rp;

	device_cert(BENCH_ENG_TERMINAL, &c);
	s = dealer(endpoint, BENCH_ENG_TERMINAL, &c);
	no = hello(s, BENCH_ENG_TERMINAL, SETUP_TIMEOUT_MS) + 1;
	request_init(&rq, BENCH_ENG_TERMINAL, no++, NULL);
	b.station = (char *)"";
	b.badge = (char *)BENCH_ENGINEER;
	b.pin = (char *)BENCH_PIN;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	if ((rp = call(s, &rq, SETUP_TIMEOUT_MS)) == NULL)
		die("no answer to the engineer's sign-in");
	if (rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_BADGE_IN)
		die("sign-in of %s refused (%d): %s", BENCH_ENGINEER, rp->status, rp->message);
	strlcpy_yk(session, rp->badge_in->session, sizeof session);
	yoke__reply__free_unpacked(rp, NULL);

	for (int wo = 1; done < total; wo++) {
		Yoke__ReleaseWorkOrder rel = YOKE__RELEASE_WORK_ORDER__INIT;
		char woid[32];
		size_t q = total - done < RELEASE_CHUNK ? total - done : RELEASE_CHUNK;

		snprintf(woid, sizeof woid, "BWO-%03d", wo);
		request_init(&rq, BENCH_ENG_TERMINAL, no++, session);
		rel.work_order = woid;
		rel.product = (char *)BENCH_PRODUCT;
		rel.quantity = (uint32_t)q;
		rel.due = (char *)"2026-12-31";
		rel.priority = 5;
		rq.body_case = YOKE__REQUEST__BODY_RELEASE;
		rq.release = &rel;
		if ((rp = call(s, &rq, 120000)) == NULL)
			die("no answer to the release of %s", woid);
		if (rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_RELEASE)
			die("release of %s refused (%d): %s", woid, rp->status, rp->message);
		for (size_t i = 0; i < rp->release->n_serials; i++) {
			struct station *t = &st[(done + i) % (size_t)o->stations];
			t->serials[t->nserials++] = xstrdup(rp->release->serials[i]);
		}
		done += rp->release->n_serials;
		yoke__reply__free_unpacked(rp, NULL);
	}
	/* The same signed-in connection is the mix's disposition desk. */
	desk->s.sock = s;
	desk->s.request_no = no - 1;
	strlcpy_yk(desk->s.session, session, sizeof desk->s.session);
}

static void
badge_in(struct station *t)
{
	Yoke__Request rq;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	Yoke__Reply *rp;

	t->request_no = hello(t->sock, t->terminal, SETUP_TIMEOUT_MS);
	request_init(&rq, t->terminal, ++t->request_no, NULL);
	b.station = t->id;
	b.badge = t->badge;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	if ((rp = call(t->sock, &rq, SETUP_TIMEOUT_MS)) == NULL)
		die("no answer to the badge-in at %s", t->id);
	if (rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_BADGE_IN)
		die("badge-in of %s at %s refused (%d): %s", t->badge, t->id, rp->status, rp->message);
	strlcpy_yk(t->session, rp->badge_in->session, sizeof t->session);
	yoke__reply__free_unpacked(rp, NULL);
}

/* The station's next request of its current unit, numbered. */
static void
fill_request(struct station *t, struct reqbuf *b)
{
	const struct action *a = &t->plan->a[t->action];
	const char *serial = t->serial;
	Yoke__StepRecord *step = &b->step;

	yoke__open_unit__init(&b->open);
	yoke__complete_operation__init(&b->done);
	yoke__step_record__init(&b->step);
	yoke__inspection_result__init(&b->insp);
	yoke__signature__init(&b->sig);
	request_init(&b->rq, t->terminal, ++t->request_no, t->session);
	switch (a->kind) {
	case ACT_OPEN:
		b->open.serial = (char *)serial;
		b->rq.body_case = YOKE__REQUEST__BODY_OPEN_UNIT;
		b->rq.open_unit = &b->open;
		break;
	case ACT_COMPLETE:
		b->done.serial = (char *)serial;
		b->rq.body_case = YOKE__REQUEST__BODY_COMPLETE;
		b->rq.complete = &b->done;
		break;
	default:
		step->serial = (char *)serial;
		step->step = a->step;
		b->rq.body_case = YOKE__REQUEST__BODY_STEP;
		b->rq.step = step;
		switch (a->step_kind) {
		case YOKE__STEP_KIND__STEP_INSTRUCT:
			step->entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
			step->confirm = 1;
			break;
		case YOKE__STEP_KIND__STEP_SCAN:
			if (strcmp(a->part, "PCB-S") == 0)
				snprintf(b->scan, sizeof b->scan, "PCB-S/%s-%06llu", t->id,
				    (unsigned long long)(a->again ? t->board : (t->board = ++t->scans)));
			else if (strcmp(a->part, "CAP-L") == 0)
				snprintf(b->scan, sizeof b->scan, "CAP-L/L2611-%s", t->id);
			else
				snprintf(b->scan, sizeof b->scan, "%s", a->part);
			step->entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
			step->scan = b->scan;
			break;
		case YOKE__STEP_KIND__STEP_MEASURE:
			step->entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
			step->value = 5.0 + (double)(t->request_no % 17) * 0.01;
			break;
		case YOKE__STEP_KIND__STEP_CHECK:
			step->entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
			step->pass = !a->fail;
			break;
		default:
			/* Signed by the inspector: badge and PIN. */
			b->sig.badge = (char *)BENCH_INSPECTOR;
			b->sig.pin = (char *)BENCH_PIN;
			b->insp.pass = 1;
			b->insp.signature = &b->sig;
			step->entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
			step->inspection = &b->insp;
		}
	}
}

/* Sends the station's next request of its current unit. */
static void
send_next(struct station *t)
{
	struct reqbuf b;
	fill_request(t, &b);
	send_request(t->sock, &b.rq);
	t->sent_ns = bench_ns();
	t->in_flight = true;
}

/* After a reply: next request of the unit, or the next unit. A refusal
 * abandons the unit (the first few are shown: the bench plant or the
 * server is wrong, and the figures are not worth much). */
static struct desk desk;

/* Every station starts with its first unit. */
static void
start_jobs(struct station *st, int n)
{
	for (int i = 0; i < n; i++) {
		st[i].next_unit = 0;
		st[i].serial = st[i].serials[0];
		st[i].plan = plan_of(&st[i]);
	}
}

static void desk_wait(const struct failed_unit *f);

/* The station's next job: a unit back from its disposition first, else
 * its next new unit. */
static void
next_job(struct station *t)
{
	t->action = 0;
	if (t->nready > 0) {
		const struct reworked *r = &t->ready[t->ready_head];
		t->ready_head = (t->ready_head + 1) % (sizeof t->ready / sizeof t->ready[0]);
		t->nready--;
		t->serial = r->serial;
		t->board = r->board;
		t->plan = &plan_rework;
		return;
	}
	if (++t->next_unit == t->nserials) {
		t->out_of_units = true;
		return;
	}
	t->serial = t->serials[t->next_unit];
	t->plan = plan_of(t);
}

static void
advance(struct station *t, const struct reply_head *rp, bool check, uint64_t *errors)
{
	const struct action *a = &t->plan->a[t->action];
	bool ok = !check || rp->status == a->expect;
	if (!ok) {
		(*errors)++;
		if (errors_shown++ < 5)
			fprintf(stderr, "loadgen: %s unit %s request %zu refused (%d): %s\n", t->id,
			    t->serial, t->action, rp->status, rp->message);
	}
	if (ok && a->fail) {
		/* The failure's reply names the NCR it opened ("...; NCR-000042
		 * opened"); the unit waits for the desk, the station goes on. */
		struct failed_unit f = { t, t->serial, t->board, "" };
		const char *n = strstr(rp->message, "NCR-");
		snprintf(f.ncr, sizeof f.ncr, "%.10s", n ? n : "NCR-000000");
		desk_wait(&f);
	}
	if (ok && ++t->action < t->plan->n)
		return;
	next_job(t);
}

/* ---- the mix: dispositions from the engineer's desk ---- */

static void
desk_send(void)
{
	struct reqbuf b;
	if (desk.s.in_flight || desk.n == 0)
		return;
	desk.serving = desk.wait[desk.head];
	desk.head = (desk.head + 1) % desk.cap;
	desk.n--;
	request_init(&b.rq, desk.s.terminal, ++desk.s.request_no, desk.s.session);
	yoke__ncr_disposition__init(&b.dispose);
	yoke__signature__init(&b.sig);
	b.sig.badge = (char *)BENCH_INSPECTOR;
	b.sig.pin = (char *)BENCH_PIN;
	b.sigs[0] = &b.sig;
	b.dispose.number = desk.serving.ncr;
	b.dispose.kind = YOKE__DISPOSITION_KIND__DISPOSITION_REWORK;
	b.dispose.signatures = b.sigs;
	b.dispose.n_signatures = 1;
	b.rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	b.rq.disposition = &b.dispose;
	send_request(desk.s.sock, &b.rq);
	desk.s.sent_ns = bench_ns();
	desk.s.in_flight = true;
}

static void
desk_wait(const struct failed_unit *f)
{
	if (desk.n == desk.cap)
		die("more than %zu units wait for a disposition", desk.cap);
	desk.wait[(desk.head + desk.n) % desk.cap] = *f;
	desk.n++;
	desk_send();
}

/* The desk answered: the unit goes back to its station's rework list. A
 * station that was out of new units takes it up again. */
static bool
desk_done(const struct reply_head *rp, bool check, uint64_t *errors)
{
	struct station *t = desk.serving.t;
	size_t cap = sizeof t->ready / sizeof t->ready[0];
	if (check && rp->status != YOKE__STATUS__STATUS_OK) {
		(*errors)++;
		if (errors_shown++ < 5)
			fprintf(stderr, "loadgen: disposition of %s (%s) refused (%d): %s\n",
			    desk.serving.serial, desk.serving.ncr, rp->status, rp->message);
		return false;
	}
	if (t->nready == cap)
		die("%s: more than %zu reworked units wait", t->id, cap);
	t->ready[(t->ready_head + t->nready) % cap] =
	    (struct reworked){ desk.serving.serial, desk.serving.board };
	t->nready++;
	if (t->out_of_units && !t->in_flight) {
		t->out_of_units = false;
		next_job(t);
		return true;        /* the caller sends its next request */
	}
	return false;
}

/* yoked: station 1 takes its first unit through one request at a time
 * before the clock starts. Its inspection is the first signature of the
 * run: yoked checks the PIN with argon2 off its loop once and remembers it
 * (server/pin.h), as on a line where the inspector signed the shift's
 * first unit. Without it, every station's first inspection would arrive
 * within the same few milliseconds, before the first check is done. */
static void
first_unit(struct station *t)
{
	uint64_t errors = 0;
	do {
		struct reqbuf b;
		struct reply_head h;
		Yoke__Reply *rp;

		fill_request(t, &b);
		if ((rp = call(t->sock, &b.rq, SETUP_TIMEOUT_MS)) == NULL)
			die("%s: no answer to request %zu of its first unit", t->id, t->action);
		memset(&h, 0, sizeof h);
		h.request_no = rp->request_no;
		h.status = rp->status;
		snprintf(h.message, sizeof h.message, "%s", rp->message);
		yoke__reply__free_unpacked(rp, NULL);
		advance(t, &h, true, &errors);
		if (errors)
			die("%s: its first unit was refused", t->id);
	} while (t->action != 0);
}

static struct station *
make_stations(const struct options *o)
{
	struct station *st = xcalloc((size_t)o->stations, sizeof *st);
	size_t per = (size_t)o->units_per_station;
	for (int i = 0; i < o->stations; i++) {
		struct station *t = &st[i];
		bench_station_id(t->id, sizeof t->id, i);
		bench_operator_badge(t->badge, sizeof t->badge, i);
		bench_terminal_id(t->terminal, sizeof t->terminal, i);
		device_cert(t->terminal, &t->cert);
		t->sock = dealer(o->endpoint, t->terminal, &t->cert);
		t->serials = xcalloc(per, sizeof *t->serials);
	}
	return st;
}

/* baseline: the same serial shapes, and a session token of the same length. */
static void
fake_units(const struct options *o, struct station *st)
{
	size_t k = 0;
	for (int i = 0; i < o->stations; i++) {
		struct station *t = &st[i];
		snprintf(t->session, sizeof t->session, "%032x", (unsigned)i + 1);
		for (int u = 0; u < o->units_per_station; u++, k++)
			t->serials[t->nserials++] = xasprintf("BWO-%03zu-%04zu", k / RELEASE_CHUNK + 1,
			    k % RELEASE_CHUNK + 1);
	}
}

static int
cmd_run(const struct options *o)
{
	bool yoked = strcmp(o->target, "yoked") == 0;
	struct station *st;
	zmq_pollitem_t *items;
	struct bench_samples lat = { 0 };
	uint64_t errors = 0, units_done0 = 0, units_done = 0, answered = 0;
	int64_t t0, t_measure, t_end, cpu0 = 0, cpu1, srv0 = -1, srv1, wall;
	int64_t wb0 = -1, wb1 = -1, wc0 = -1, wc1 = -1;
	bool io0 = false, io1;
	int out = 0;
	bool measuring = false;

	if (!yoked && strcmp(o->target, "baseline") != 0)
		die("--target expects yoked or baseline, got \"%s\"", o->target);
	build_plan();
	wait_for_server(o->endpoint);
	st = make_stations(o);
	snprintf(desk.s.terminal, sizeof desk.s.terminal, "%s", BENCH_ENG_TERMINAL);
	snprintf(desk.s.id, sizeof desk.s.id, "desk");
	desk.cap = (size_t)o->stations * 4;
	desk.wait = xcalloc(desk.cap, sizeof *desk.wait);
	if (yoked) {
		release_units(o, st, o->endpoint, &desk);
		start_jobs(st, o->stations);
		for (int i = 0; i < o->stations; i++)
			badge_in(&st[i]);
		first_unit(&st[0]);
	} else {
		fake_units(o, st);
		start_jobs(st, o->stations);
		/* Connected and (with CURVE) through the handshake, as for yoked. */
		for (int i = 0; i < o->stations; i++)
			st[i].request_no = hello(st[i].sock, st[i].terminal, SETUP_TIMEOUT_MS);
		device_cert(BENCH_ENG_TERMINAL, &desk.s.cert);
		desk.s.sock = dealer(o->endpoint, BENCH_ENG_TERMINAL, &desk.s.cert);
		desk.s.request_no = hello(desk.s.sock, BENCH_ENG_TERMINAL, SETUP_TIMEOUT_MS);
		snprintf(desk.s.session, sizeof desk.s.session, "%032x", 0xdeu);
	}
	items = xcalloc((size_t)o->stations + 1, sizeof *items);
	for (int i = 0; i < o->stations; i++)
		items[i] = (zmq_pollitem_t){ .socket = st[i].sock, .events = ZMQ_POLLIN };
	items[o->stations] = (zmq_pollitem_t){ .socket = desk.s.sock, .events = ZMQ_POLLIN };

	t0 = bench_ns();
	t_measure = t0 + (int64_t)(o->warmup * 1e9);
	t_end = t_measure + (int64_t)(o->seconds * 1e9);
	for (int i = 0; i < o->stations; i++)
		send_next(&st[i]);
	for (;;) {
		int64_t now = bench_ns();
		if (!measuring && now >= t_measure) {
			measuring = true;
			cpu0 = bench_self_cpu_ns();
			srv0 = bench_proc_cpu_ns(o->server_pid);
			io0 = bench_proc_io(o->server_pid, &wb0, &wc0);
			for (int i = 0; i < o->stations; i++)
				units_done0 += st[i].next_unit;
		}
		if (now >= t_end)
			break;
		if (zmq_poll(items, o->stations + 1, 100) < 0 && errno != EINTR)
			die("poll: %s", zmq_strerror(errno));
		if (items[o->stations].revents & ZMQ_POLLIN) {
			struct reply_head rp;
			while (recv_head(desk.s.sock, &rp)) {
				int64_t got = bench_ns();
				if (!desk.s.in_flight || rp.request_no != desk.s.request_no)
					continue;
				desk.s.in_flight = false;
				if (got >= t_measure && got <= t_end)
					answered++;
				if (desk.s.sent_ns >= t_measure && got <= t_end)
					bench_sample_add(&lat, got - desk.s.sent_ns);
				if (desk_done(&rp, yoked, &errors) && got < t_end)
					send_next(desk.serving.t);
				desk_send();
			}
		}
		for (int i = 0; i < o->stations; i++) {
			struct station *t = &st[i];
			struct reply_head rp;
			if (!(items[i].revents & ZMQ_POLLIN))
				continue;
			while (recv_head(t->sock, &rp)) {
				int64_t got = bench_ns();
				if (!t->in_flight || rp.request_no != t->request_no)
					continue;
				t->in_flight = false;
				if (got >= t_measure && got <= t_end)
					answered++;
				if (t->sent_ns >= t_measure && got <= t_end)
					bench_sample_add(&lat, got - t->sent_ns);
				advance(t, &rp, yoked, &errors);
				if (t->out_of_units)
					out++;
				else if (got < t_end)
					send_next(t);
			}
		}
	}
	cpu1 = bench_self_cpu_ns();
	srv1 = bench_proc_cpu_ns(o->server_pid);
	io1 = bench_proc_io(o->server_pid, &wb1, &wc1) && io0;
	wall = t_end - t_measure;
	for (int i = 0; i < o->stations; i++)
		units_done += st[i].next_unit;
	if (out)
		fprintf(stderr, "loadgen: %d stations ran out of units before the end: raise "
		    "--units-per-station\n", out);
	bench_sample_sort(&lat);
	printf("RESULT target=%s security=%s mix=%d stations=%d requests=%zu seconds=%.2f rps=%.0f "
	    "p50_us=%.0f p99_us=%.0f p999_us=%.0f max_us=%.0f units=%llu loadgen_cpu=%.0f "
	    "server_cpu=%.0f answered=%llu write_bytes=%lld bytes_per_req=%.0f wchar=%lld "
	    "wchar_per_req=%.0f errors=%llu\n",
	    o->target, o->plain ? "plain" : "curve", o->fail_every, o->stations, lat.n, (double)wall / 1e9,
	    (double)lat.n / ((double)wall / 1e9), bench_pct_us(&lat, 50), bench_pct_us(&lat, 99),
	    bench_pct_us(&lat, 99.9), lat.n ? (double)lat.ns[lat.n - 1] / 1000.0 : 0.0,
	    (unsigned long long)(units_done - units_done0),
	    100.0 * (double)(cpu1 - cpu0) / (double)wall,
	    srv0 >= 0 && srv1 >= 0 ? 100.0 * (double)(srv1 - srv0) / (double)wall : -1.0,
	    (unsigned long long)answered, io1 ? (long long)(wb1 - wb0) : -1LL,
	    io1 && answered ? (double)(wb1 - wb0) / (double)answered : -1.0,
	    io1 ? (long long)(wc1 - wc0) : -1LL,
	    io1 && answered ? (double)(wc1 - wc0) / (double)answered : -1.0,
	    (unsigned long long)errors);
	for (int i = 0; i < o->stations; i++) {
		zmq_close(st[i].sock);
		for (size_t u = 0; u < st[i].nserials; u++)
			free(st[i].serials[u]);
		free(st[i].serials);
	}
	free(st);
	zmq_close(desk.s.sock);
	free(desk.wait);
	free(items);
	free(lat.ns);
	return errors ? 1 : 0;
}

static int
cmd_trace(const struct options *o)
{
	void *s;
	struct bench_samples lat = { 0 };
	size_t events = 0;
	uint64_t no = 0;
	int64_t first = 0;

	struct cert c;

	wait_for_server(o->endpoint);
	device_cert(BENCH_TRACE_TERMINAL, &c);
	s = dealer(o->endpoint, BENCH_TRACE_TERMINAL, &c);
	for (int i = 0; i < o->count + 50; i++) {
		Yoke__Request rq;
		Yoke__TraceQuery q = YOKE__TRACE_QUERY__INIT;
		Yoke__Reply *rp;
		int64_t t;

		request_init(&rq, BENCH_TRACE_TERMINAL, ++no, NULL);
		q.serial = (char *)o->serial;
		rq.body_case = YOKE__REQUEST__BODY_TRACE;
		rq.trace = &q;
		t = bench_ns();
		if ((rp = call(s, &rq, 10000)) == NULL)
			die("no answer to trace %s", o->serial);
		t = bench_ns() - t;
		if (rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_TRACE)
			die("trace of %s refused (%d): %s", o->serial, rp->status, rp->message);
		events = rp->trace->n_events;
		yoke__reply__free_unpacked(rp, NULL);
		if (i == 0)
			first = t;
		if (i >= 50)   /* the first ones warm the page cache and the connection */
			bench_sample_add(&lat, t);
	}
	zmq_close(s);
	bench_sample_sort(&lat);
	printf("RESULT target=trace serial=%s requests=%zu events=%zu first_us=%.0f p50_us=%.0f "
	    "p99_us=%.0f p999_us=%.0f max_us=%.0f\n", o->serial, lat.n, events,
	    (double)first / 1000.0, bench_pct_us(&lat, 50), bench_pct_us(&lat, 99),
	    bench_pct_us(&lat, 99.9), lat.n ? (double)lat.ns[lat.n - 1] / 1000.0 : 0.0);
	free(lat.ns);
	return 0;
}

/*
 * The CAP-L lots the stations scan (CAP-L/L2611-<station>), received as
 * the server's receiving would write them (server/material/lot.c: the lot
 * table, the lot_key entry part \0 supplier lot, the lot counter), so the
 * lot check of every component scan finds a released lot and counts it
 * down. Enough in each never to run out in a bench run.
 */
static int
seed_lots(struct store *st, int nstations, char *err, size_t errsz)
{
	Yoke__CounterRecord counters = YOKE__COUNTER_RECORD__INIT;
	struct arena a;
	struct txn t;
	int rc = STORE_OK;

	arena_init(&a);
	if ((rc = store_begin_write(st, &t)) != STORE_OK)
		goto out;
	for (int i = 0; i < nstations && rc == STORE_OK; i++) {
		Yoke__Lot l = YOKE__LOT__INIT;
		char sid[32], key[128];
		size_t kl;
		bench_station_id(sid, sizeof sid, i);
		l.id = arena_printf(&a, "L-%06d", i + 1);
		l.part = (char *)"CAP-L";
		l.supplier = (char *)"BENCH";
		l.supplier_lot = arena_printf(&a, "L2611-%s", sid);
		l.qty_received = l.qty_left = 1e9;
		l.status = YOKE__LOT_STATUS__LOT_RELEASED;
		l.status_reason = (char *)"received; no incoming inspection for this part";
		kl = (size_t)snprintf(key, sizeof key, "CAP-L%c%s", 0, l.supplier_lot);
		if ((rc = REC_PUT(&t, &a, T_LOT, l.id, &l)) == STORE_OK)
			rc = store_put(&t, T_LOT_KEY, key, kl, l.id, strlen(l.id), 0);
	}
	counters.lot = (uint64_t)nstations;
	if (rc == STORE_OK)
		rc = REC_PUT(&t, &a, T_META, "counters", &counters);
	if (rc == STORE_OK)
		rc = store_commit(&t);
	else
		store_abort(&t);
out:
	if (rc != STORE_OK)
		snprintf(err, errsz, "cannot write the bench lots: %s", store_status_text(rc));
	arena_free(&a);
	return rc == STORE_OK ? 0 : -1;
}

static int
cmd_seed(const char *dir, const char *stations)
{
	struct store *st;
	char err[512], *end;
	long n = strtol(stations, &end, 10);

	if (*end != '\0' || n < 1 || n > BENCH_STATIONS_MAX)
		die("seed: expected a station count from 1 to %d, got \"%s\"", BENCH_STATIONS_MAX, stations);
	if (store_open(&st, dir, err, sizeof err) != 0)
		die("seed: %s", err);
	if (bench_seed_plant(st, (int)n, err, sizeof err) != 0 ||
	    seed_lots(st, (int)n, err, sizeof err) != 0)
		die("seed: %s", err);
	store_close(st);
	return 0;
}

static int
cmd_keys(const char *dir, const char *stations)
{
	char err[600], *end;
	long n = strtol(stations, &end, 10);

	if (*end != '\0' || n < 1 || n > BENCH_STATIONS_MAX)
		die("keys: expected a station count from 1 to %d, got \"%s\"", BENCH_STATIONS_MAX, stations);
	if (!curve_available())
		die("keys: this libzmq has no CURVE");
	if (bench_write_keys(dir, (int)n, err, sizeof err) != 0)
		die("keys: %s", err);
	return 0;
}

/* Binds n sockets to port 0 on loopback, all at once so they differ. */
static int
cmd_freeport(const char *count)
{
	int fds[8], n = atoi(count);
	if (n < 1 || n > 8)
		die("freeport: expected 1 to 8, got \"%s\"", count);
	for (int i = 0; i < n; i++) {
		struct sockaddr_in sa = { .sin_family = AF_INET };
		socklen_t len = sizeof sa;
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		fds[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (fds[i] < 0 || bind(fds[i], (struct sockaddr *)&sa, sizeof sa) != 0 ||
		    getsockname(fds[i], (struct sockaddr *)&sa, &len) != 0)
			die("freeport: %s", strerror(errno));
		printf("%u\n", ntohs(sa.sin_port));
	}
	for (int i = 0; i < n; i++)
		close(fds[i]);
	return 0;
}

static double
num_arg(const char *name, const char *v, double lo, double hi)
{
	char *end;
	double d = strtod(v, &end);
	if (*end != '\0' || !(d >= lo && d <= hi))
		die("%s expects a number from %g to %g, got \"%s\"", name, lo, hi, v);
	return d;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: loadgen seed DIR STATIONS\n"
	    "       loadgen keys DIR STATIONS\n"
	    "       loadgen run --target yoked|baseline --endpoint EP --stations N\n"
	    "                   (--keys DIR | --plain) [--warmup S] [--seconds S]\n"
	    "                   [--units-per-station K] [--server-pid PID] [--fail-every N]\n"
	    "       loadgen trace --endpoint EP --serial SERIAL (--keys DIR | --plain) [--count N]\n"
	    "       loadgen freeport N\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct options o = { .target = "yoked", .stations = 1, .units_per_station = 500,
		.count = 1000, .warmup = 1, .seconds = 5 };
	int rc;

	log_set_program("loadgen");
	log_set_level(LOG_WARN);
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "seed") == 0)
		return argc == 4 ? cmd_seed(argv[2], argv[3]) : (usage(), 2);
	if (strcmp(argv[1], "keys") == 0)
		return argc == 4 ? cmd_keys(argv[2], argv[3]) : (usage(), 2);
	if (strcmp(argv[1], "freeport") == 0)
		return argc == 3 ? cmd_freeport(argv[2]) : (usage(), 2);
	if (strcmp(argv[1], "run") != 0 && strcmp(argv[1], "trace") != 0)
		usage();
	opts = &o;
	for (int i = 2; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--plain") == 0) {
			o.plain = true;
			i--;
			continue;
		}
		if (v == NULL)
			die("%s expects a value", a);
		if (strcmp(a, "--target") == 0)
			o.target = v;
		else if (strcmp(a, "--endpoint") == 0)
			o.endpoint = v;
		else if (strcmp(a, "--serial") == 0)
			o.serial = v;
		else if (strcmp(a, "--keys") == 0)
			o.keys = v;
		else if (strcmp(a, "--stations") == 0)
			o.stations = (int)num_arg(a, v, 1, BENCH_STATIONS_MAX);
		else if (strcmp(a, "--units-per-station") == 0)
			o.units_per_station = (int)num_arg(a, v, 1, 1000000);
		else if (strcmp(a, "--count") == 0)
			o.count = (int)num_arg(a, v, 1, 10000000);
		else if (strcmp(a, "--warmup") == 0)
			o.warmup = num_arg(a, v, 0, 3600);
		else if (strcmp(a, "--seconds") == 0)
			o.seconds = num_arg(a, v, 0.1, 3600);
		else if (strcmp(a, "--fail-every") == 0)
			o.fail_every = (int)num_arg(a, v, 2, 1000000);
		else if (strcmp(a, "--server-pid") == 0)
			o.server_pid = (long)num_arg(a, v, 0, 1e9);
		else
			die("unexpected argument \"%s\"", a);
	}
	if (o.endpoint == NULL)
		die("--endpoint is required");
	if (!o.plain && o.keys == NULL)
		die("--keys DIR (CURVE) or --plain is required");
	zctx = zmq_ctx_new();
	if (strcmp(argv[1], "trace") == 0) {
		if (o.serial == NULL)
			die("trace: --serial is required");
		rc = cmd_trace(&o);
	} else {
		rc = cmd_run(&o);
	}
	zmq_ctx_term(zctx);
	return rc;
}
