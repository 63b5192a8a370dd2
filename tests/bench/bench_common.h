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
 *   operators OP-001.. (one per bench station, qualified "*"), inspector
 *   INSP-1
 */
#ifndef YOKE_BENCH_COMMON_H
#define YOKE_BENCH_COMMON_H

#include "proto/defs.pb-c.h"
#include "proto/store.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "server/store/records.h"
#include "server/store/store.h"
#include "shared/arena.h"
#include "shared/util.h"

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
	op->steps[op->n_steps++] = bench_measure(a, "voltage", "V", 4.75, 5.0, 5.25);
	op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_CHECK, "Connector seated and latched");
	s = op->steps[op->n_steps++] = bench_step(a, YOKE__STEP_KIND__STEP_INSPECT,
	    "Visual: no solder bridges");
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
	    (rc = bench_put_operator(&t, &a, BENCH_INSPECTOR, "Ines Inspector", YOKE__ROLE__ROLE_INSPECTOR)))
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

#endif
