/*
 * bench_common.h — what the benchmark programs share: the bench plant (its
 * parts, routing, stations and operators as the records yoked stores), a
 * latency sample set with percentiles, and the CPU clocks. Every .c file
 * under tests/bench is a program of its own, so this is one header of
 * static inline functions rather than a library.
 *
 * The bench plant is written straight into a store that no server has
 * open yet, through server/records.h — the same packed records a
 * LoadDefinitions request stores — so the benchmark does not depend on the
 * definition file format and measures only the station traffic.
 *
 *   part BENCH-1 (the product), PCB-S (serial-tracked), CAP-L (lot-tracked),
 *        BOX (untracked)
 *   routing BENCH-1 rev A, released:
 *     op 10 "Bench assembly"  station=BENCH  instruct, scan PCB-S, scan CAP-L
 *                                             qty=2, measure voltage, check,
 *                                             inspect by=inspector every unit
 *     op 20 "Functional test" station=TEST   instruct, 9 measurements, check
 *     op 30 "Pack"            station=PACK   instruct, scan BOX, check
 *   stations B-001.. (kind BENCH), T-1 (TEST), P-1 (PACK)
 *   operators OP-001.. (one per bench station, qualified "*": a badge has
 *   one station session at a time), inspector INSP-1, engineer ENG-1,
 *   admin ADM-1; INSP-1, ENG-1 and ADM-1 have the PIN BENCH_PIN, stored
 *   as yoked stores it (a CredentialRecord holding crypto_pwhash_str)
 *
 * The keys (bench_write_keys) are what `yokectl keys init` and `keys enrol`
 * write, in yoked's layout (server/auth.h), plus each device's certificate
 * under devices/ as tests/lib/harness.c keeps them:
 *
 *   KEYS/server.key                   the server's key pair (yoked and the
 *                                     baseline use the same one)
 *   KEYS/terminals/<id>.pub           the allowlist
 *   KEYS/devices/<id>.cert            the device's certificate (secret)
 *
 * for B-001@bench... (station terminals, each for its own station only),
 * bench-eng (the load generator's engineering connection, no station: a
 * yokectl installation), bench-probe (waits for the server to answer) and
 * bench-trace (the trace client).
 */
#ifndef YOKE_BENCH_COMMON_H
#define YOKE_BENCH_COMMON_H

#include "proto/defs.pb-c.h"
#include "proto/store.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "proto/curve.h"
#include "server/people/pin.h"
#include "server/store/records.h"
#include "server/store/store.h"
#include "shared/arena.h"
#include "shared/cert.h"
#include "shared/util.h"

#include <errno.h>
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define BENCH_PRODUCT "BENCH-1"
#define BENCH_REV "A"
#define BENCH_KIND "BENCH"
#define BENCH_INSPECTOR "INSP-1"
#define BENCH_ENGINEER "ENG-1"
#define BENCH_ADMIN "ADM-1"
#define BENCH_PIN "2468"
#define BENCH_ENG_TERMINAL "bench-eng"
#define BENCH_PROBE_TERMINAL "bench-probe"
#define BENCH_TRACE_TERMINAL "bench-trace"
#define BENCH_STATIONS_MAX 1000

/* ---- clocks ------------------------------------------------------------ */

static inline int64_t
bench_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* This process's CPU time (user + system), nanoseconds. */
static inline int64_t
bench_self_cpu_ns(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
	    ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

/* Another process's CPU time (utime + stime from /proc/PID/stat),
 * nanoseconds; -1 when it cannot be read. */
static inline int64_t
bench_proc_cpu_ns(long pid)
{
	char path[64], buf[2048], *p;
	unsigned long long ut, st;
	size_t n;
	FILE *f;

	if (pid <= 0)
		return -1;
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold spaces: fields count from the last ')'. */
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	/* After ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt
	 * majflt cmajflt utime(14) stime(15). */
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		return -1;
	return (int64_t)((ut + st) * (1000000000ull / (unsigned long long)sysconf(_SC_CLK_TCK)));
}

/*
 * What the server wrote, from /proc/PID/io: write_bytes, the bytes the
 * kernel accounts to it as sent to the storage layer (each page-cache
 * folio it dirtied; on a kernel whose file system uses large folios, one
 * 4 KiB page written can count as a larger folio), and wchar, the bytes it
 * passed to write system calls (LMDB's page and meta writes, plus 8-byte
 * eventfd wake-ups of ZeroMQ's threads; socket sends are not counted).
 * False when the file cannot be read.
 */
static inline bool
bench_proc_io(long pid, int64_t *write_bytes, int64_t *wchar)
{
	char path[64], line[128];
	long long v;
	int found = 0;
	FILE *f;

	*write_bytes = *wchar = -1;
	if (pid <= 0)
		return false;
	snprintf(path, sizeof path, "/proc/%ld/io", pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "write_bytes: %lld", &v) == 1)
			*write_bytes = v, found++;
		else if (sscanf(line, "wchar: %lld", &v) == 1)
			*wchar = v, found++;
	}
	fclose(f);
	return found == 2;
}

/* ---- latency samples --------------------------------------------------- */

struct bench_samples {
	int64_t *ns;
	size_t n, cap;
};

static inline void
bench_sample_add(struct bench_samples *s, int64_t ns)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 65536;
		s->ns = xrealloc(s->ns, s->cap * sizeof *s->ns);
	}
	s->ns[s->n++] = ns;
}

static inline int
bench_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static inline void
bench_sample_sort(struct bench_samples *s)
{
	qsort(s->ns, s->n, sizeof *s->ns, bench_cmp_i64);
}

/* Nearest-rank percentile of sorted samples, in microseconds. */
static inline double
bench_pct_us(const struct bench_samples *s, double pct)
{
	size_t rank;
	if (s->n == 0)
		return 0;
	rank = (size_t)(pct / 100.0 * (double)s->n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > s->n)
		rank = s->n;
	return (double)s->ns[rank - 1] / 1000.0;
}

/* ---- the bench plant --------------------------------------------------- */

static inline Yoke__Step *
bench_step(struct arena *a, Yoke__StepKind kind, const char *text)
{
	Yoke__Step *s = arena_alloc(a, sizeof *s);
	yoke__step__init(s);
	s->kind = kind;
	s->text = arena_strdup(a, text);
	s->part = (char *)"";
	s->name = (char *)"";
	s->unit = (char *)"";
	s->source = arena_strdup(a, "bench plant");
	s->qty = kind == YOKE__STEP_KIND__STEP_SCAN ? 1 : 0;
	return s;
}

static inline Yoke__Step *
bench_scan(struct arena *a, const char *part, uint32_t qty)
{
	Yoke__Step *s = bench_step(a, YOKE__STEP_KIND__STEP_SCAN, "");
	s->text = arena_printf(a, "Scan %s", part);
	s->part = arena_strdup(a, part);
	s->qty = qty;
	return s;
}

static inline Yoke__Step *
bench_measure(struct arena *a, const char *name, const char *unit, double lsl, double target,
    double usl)
{
	Yoke__Step *s = bench_step(a, YOKE__STEP_KIND__STEP_MEASURE, "");
	s->text = arena_printf(a, "Measure %s", name);
	s->name = arena_strdup(a, name);
	s->unit = arena_strdup(a, unit);
	s->has_lsl = s->has_target = s->has_usl = 1;
	s->lsl = lsl;
	s->target = target;
	s->usl = usl;
	return s;
}

/* Every value the bench stations measure is evaluated by SPC (issue 10):
 * an I-MR chart learnt from the first 20 values of each station, the four
 * Western Electric rules recorded in the unit's history (log: an alarm
 * would stop the simulated operator), and the drift warning 10 units
 * ahead over the last 10 values. */
static inline Yoke__SpcCharacteristic *
bench_characteristic(struct arena *a)
{
	Yoke__SpcCharacteristic *x = arena_alloc(a, sizeof *x);
	Yoke__SpcRuleAction *r = arena_alloc(a, sizeof *r), *d = arena_alloc(a, sizeof *d);

	yoke__spc_characteristic__init(x);
	yoke__spc_rule_action__init(r);
	yoke__spc_rule_action__init(d);
	x->chart = YOKE__SPC_CHART__SPC_CHART_IMR;
	x->subgroup = 1;
	x->learn = 20;
	x->drift_units = 10;
	x->drift_window = 10;
	x->source = (char *)"bench plant";
	r->rules = 0xf00;               /* WE1-WE4 (shared/quality/spc.h) */
	r->action = YOKE__SPC_ACTION__SPC_ACTION_LOG;
	x->n_rules = 1;
	x->rules = ARENA_NEW(a, Yoke__SpcRuleAction *, 1);
	x->rules[0] = r;
	d->action = YOKE__SPC_ACTION__SPC_ACTION_LOG;
	x->drift = d;
	return x;
}

static inline Yoke__Operation *
bench_op(struct arena *a, uint32_t number, const char *name, const char *kind, size_t nsteps)
{
	Yoke__Operation *op = arena_alloc(a, sizeof *op);
	yoke__operation__init(op);
	op->number = number;
	op->name = arena_strdup(a, name);
	op->station_kind = arena_strdup(a, kind);
	op->source = arena_strdup(a, "bench plant");
	op->steps = ARENA_NEW(a, Yoke__Step *, nsteps);
	return op;
}

/* The bench routing, in the arena. Its first operation is what the
 * simulated stations do; tracegen walks all three. */
static inline Yoke__Routing *
bench_routing(struct arena *a)
{
	Yoke__Routing *r = arena_alloc(a, sizeof *r);
	Yoke__Operation *op;
	Yoke__Step *s;

	yoke__routing__init(r);
	r->product = (char *)BENCH_PRODUCT;
	r->revision = (char *)BENCH_REV;
	r->released = 1;
	r->source = (char *)"bench plant";
	r->n_operations = 3;
	r->operations = ARENA_NEW(a, Yoke__Operation *, 3);

	op = r->operations[0] = bench_op(a, 10, "Bench assembly", BENCH_KIND, 6);
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_INSTRUCT,
	    "Place the board in the fixture, connector to the left. 板子放入夹具，连接器朝左。");
	op->steps[op->n_steps++] = bench_scan(a, "PCB-S", 1);
	op->steps[op->n_steps++] = bench_scan(a, "CAP-L", 2);
	s = op->steps[op->n_steps++] = bench_measure(a, "voltage", "V", 4.75, 5.0, 5.25);
	s->spc = bench_characteristic(a);
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_CHECK, "Connector seated and latched");
	s = op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_INSPECT,
	    "Visual: no solder bridges");
	s->needs_inspector = 1;
	s->frequency = YOKE__FREQUENCY__FREQ_EVERY;

	/* Rework at a bench station: the mix (loadgen --fail-every) sends a
	 * failed unit here by its NCR's disposition, then back to op 10. */
	r->n_rework_operations = 1;
	r->rework_operations = ARENA_NEW(a, Yoke__Operation *, 1);
	op = r->rework_operations[0] = bench_op(a, 900, "Bench rework", BENCH_KIND, 2);
	op->rework = 1;
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_INSTRUCT,
	    "Reseat the connector and latch it. 重新插好连接器并锁紧。");
	s = op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_INSPECT,
	    "Re-inspection after rework");
	s->needs_inspector = 1;
	s->frequency = YOKE__FREQUENCY__FREQ_EVERY;

	op = r->operations[1] = bench_op(a, 20, "Functional test", "TEST", 11);
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_INSTRUCT,
	    "Connect the test harness");
	for (int i = 0; i < 9; i++) {
		char name[32];
		snprintf(name, sizeof name, "rail_%d", i + 1);
		op->steps[op->n_steps++] = bench_measure(a, name, "V", 3.2, 3.3, 3.4);
	}
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_CHECK, "Status LED green");

	op = r->operations[2] = bench_op(a, 30, "Pack", "PACK", 3);
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_INSTRUCT, "Bag and box the unit");
	op->steps[op->n_steps++] = bench_scan(a, "BOX", 1);
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_CHECK, "Label on the box");
	return r;
}

static inline int
bench_put_part(struct txn *t, struct arena *a, const char *number, Yoke__Tracking tracking,
    const char *desc)
{
	Yoke__Part p = YOKE__PART__INIT;
	p.number = (char *)number;
	p.revision = (char *)"A";
	p.description = (char *)desc;
	p.tracking = tracking;
	p.source = (char *)"bench plant";
	return REC_PUT(t, a, T_PART, number, &p);
}

static inline int
bench_put_station(struct txn *t, struct arena *a, const char *id, const char *kind)
{
	Yoke__Station s = YOKE__STATION__INIT;
	s.id = (char *)id;
	s.kind = (char *)kind;
	s.name = arena_printf(a, "Bench station %s", id);
	s.source = (char *)"bench plant";
	return REC_PUT(t, a, T_STATION, id, &s);
}

static inline int
bench_put_operator(struct txn *t, struct arena *a, const char *badge, const char *name, Yoke__Role role)
{
	static char *all[] = { (char *)"*" };
	Yoke__Operator o = YOKE__OPERATOR__INIT;
	o.badge = (char *)badge;
	o.name = (char *)name;
	o.role = role;
	o.n_qualified = 1;
	o.qualified = all;
	o.source = (char *)"bench plant";
	return REC_PUT(t, a, T_OPERATOR, badge, &o);
}

/* The PIN as yoked stores it: its crypto_pwhash_str hash (server/pin.h),
 * set by an admin long ago (so nobody is asked to choose their own). */
static inline int
bench_put_pin(struct txn *t, struct arena *a, const char *badge, const char *pin)
{
	Yoke__CredentialRecord cr = YOKE__CREDENTIAL_RECORD__INIT;
	char hash[PIN_HASH_MAX];

	if (!pin_init() || !pin_hash(pin, hash))
		return STORE_ERROR;
	cr.hash = hash;
	cr.changed_us = now_us();
	return REC_PUT(t, a, T_CREDENTIAL, badge, &cr);
}

/* Station id and operator badge of bench station i (0-based). */
static inline void
bench_station_id(char *buf, size_t size, int i)
{
	snprintf(buf, size, "B-%03d", i + 1);
}

static inline void
bench_operator_badge(char *buf, size_t size, int i)
{
	snprintf(buf, size, "OP-%03d", i + 1);
}

/* The terminal id of bench station i: its certificate's id. */
static inline void
bench_terminal_id(char *buf, size_t size, int i)
{
	snprintf(buf, size, "B-%03d@bench", i + 1);
}

/* Writes the bench plant into the open store in one transaction (durable).
 * 0, or -1 with the store status in err. */
static inline int
bench_seed_plant(struct store *st, int nstations, char *err, size_t errsz)
{
	struct arena a;
	struct txn t;
	Yoke__Routing *r;
	Yoke__Bom bom = YOKE__BOM__INIT;
	Yoke__BomLine l1 = YOKE__BOM_LINE__INIT, l2 = YOKE__BOM_LINE__INIT, l3 = YOKE__BOM_LINE__INIT;
	Yoke__BomLine *lines[] = { &l1, &l2, &l3 };
	char key[KEY_MAX], id[32], badge[32];
	size_t kl;
	int rc;

	arena_init(&a);
	if ((rc = store_begin_write(st, &t)) != STORE_OK)
		goto fail_open;
	r = bench_routing(&a);
	l1.component = (char *)"PCB-S";
	l1.qty = 1;
	l1.scan = 1;
	l2.component = (char *)"CAP-L";
	l2.qty = 2;
	l2.scan = 1;
	l3.component = (char *)"BOX";
	l3.qty = 1;
	l3.scan = 1;
	bom.parent = (char *)BENCH_PRODUCT;
	bom.n_lines = 3;
	bom.lines = lines;
	bom.source = (char *)"bench plant";
	kl = key_routing(key, r->product, r->revision);
	if ((rc = bench_put_part(&t, &a, BENCH_PRODUCT, YOKE__TRACKING__TRACKING_SERIAL, "Bench unit")) ||
	    (rc = bench_put_part(&t, &a, "PCB-S", YOKE__TRACKING__TRACKING_SERIAL, "Main board")) ||
	    (rc = bench_put_part(&t, &a, "CAP-L", YOKE__TRACKING__TRACKING_LOT, "Capacitor 100uF")) ||
	    (rc = bench_put_part(&t, &a, "BOX", YOKE__TRACKING__TRACKING_NONE, "Shipping box")) ||
	    (rc = REC_PUT(&t, &a, T_BOM, BENCH_PRODUCT, &bom)) ||
	    (rc = rec_put(&t, &a, T_ROUTING, key, kl, (const ProtobufCMessage *)r, 0)) ||
	    (rc = bench_put_station(&t, &a, "T-1", "TEST")) ||
	    (rc = bench_put_station(&t, &a, "P-1", "PACK")) ||
	    (rc = bench_put_operator(&t, &a, BENCH_INSPECTOR, "Ines Inspector", YOKE__ROLE__ROLE_INSPECTOR)) ||
	    (rc = bench_put_operator(&t, &a, BENCH_ENGINEER, "Eddie Engineer", YOKE__ROLE__ROLE_ENGINEER)) ||
	    (rc = bench_put_operator(&t, &a, BENCH_ADMIN, "Ada Admin", YOKE__ROLE__ROLE_ADMIN)) ||
	    (rc = bench_put_pin(&t, &a, BENCH_INSPECTOR, BENCH_PIN)) ||
	    (rc = bench_put_pin(&t, &a, BENCH_ENGINEER, BENCH_PIN)) ||
	    (rc = bench_put_pin(&t, &a, BENCH_ADMIN, BENCH_PIN)))
		goto fail;
	for (int i = 0; i < nstations; i++) {
		bench_station_id(id, sizeof id, i);
		bench_operator_badge(badge, sizeof badge, i);
		if ((rc = bench_put_station(&t, &a, id, BENCH_KIND)) ||
		    (rc = bench_put_operator(&t, &a, badge, arena_printf(&a, "Operator %d", i + 1),
		    YOKE__ROLE__ROLE_OPERATOR)))
			goto fail;
	}
	if ((rc = store_commit(&t)) != STORE_OK)
		goto fail_open;
	arena_free(&a);
	return 0;
fail:
	store_abort(&t);
fail_open:
	snprintf(err, errsz, "cannot write the bench plant: %s", store_status_text(rc));
	arena_free(&a);
	return -1;
}

/* ---- keys --------------------------------------------------------------- */

static inline bool
bench_mkdir(const char *path, char *err, size_t errsz)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return true;
	snprintf(err, errsz, "cannot create %s: %s", path, strerror(errno));
	return false;
}

/* Enrols one device: its certificate under devices/, its allowlist entry
 * under terminals/ (stations "" for none). */
static inline bool
bench_enrol(const char *dir, const struct cert *server, const char *terminal, const char *stations,
    char *err, size_t errsz)
{
	char path[1200];
	struct cert c;

	memset(&c, 0, sizeof c);
	strlcpy_yk(c.terminal, terminal, sizeof c.terminal);
	if (!cert_set_stations(&c, stations, err, errsz))
		return false;
	memcpy(c.server_key, server->public_key, sizeof c.server_key);
	format_time_us(now_us(), c.enrolled, sizeof c.enrolled);
	if (!curve_keypair(&c)) {
		snprintf(err, errsz, "cannot make a CURVE key pair (libzmq without CURVE?)");
		return false;
	}
	snprintf(path, sizeof path, "%s/devices/%s.cert", dir, terminal);
	if (!cert_write(path, CERT_DEVICE, &c, true, err, errsz))
		return false;
	snprintf(path, sizeof path, "%s/terminals/%s.pub", dir, terminal);
	return cert_write(path, CERT_ALLOWED, &c, true, err, errsz);
}

/* Writes a fresh key directory (see the top of this file) for nstations
 * bench stations. 0, or -1 with the reason in err. */
static inline int
bench_write_keys(const char *dir, int nstations, char *err, size_t errsz)
{
	static const char *const desks[] = { BENCH_ENG_TERMINAL, BENCH_PROBE_TERMINAL,
		BENCH_TRACE_TERMINAL };
	char path[1200], id[48], station[32];
	struct cert server;

	memset(&server, 0, sizeof server);
	snprintf(path, sizeof path, "%s/terminals", dir);
	if (!bench_mkdir(dir, err, errsz) || !bench_mkdir(path, err, errsz))
		return -1;
	snprintf(path, sizeof path, "%s/devices", dir);
	if (!bench_mkdir(path, err, errsz))
		return -1;
	snprintf(path, sizeof path, "%s/server.key", dir);
	if (!curve_keypair(&server) || !cert_write(path, CERT_SERVER, &server, true, err, errsz))
		return -1;
	for (size_t i = 0; i < sizeof desks / sizeof desks[0]; i++)
		if (!bench_enrol(dir, &server, desks[i], "", err, errsz))
			return -1;
	for (int i = 0; i < nstations; i++) {
		bench_terminal_id(id, sizeof id, i);
		bench_station_id(station, sizeof station, i);
		if (!bench_enrol(dir, &server, id, station, err, errsz))
			return -1;
	}
	return 0;
}

/* A device's certificate from the key directory. */
static inline bool
bench_read_device(const char *dir, const char *terminal, struct cert *c, char *err, size_t errsz)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/devices/%s.cert", dir, terminal);
	return cert_read(path, CERT_DEVICE, c, err, errsz);
}

#endif
