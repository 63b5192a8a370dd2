/*
 * tracegen — builds a store with a large event log for the trace
 * benchmark, straight through server/store.h and records.h (no server is
 * running on it), in large write transactions.
 *
 *   tracegen DIR [EVENTS]            EVENTS defaults to 10 000 000
 *
 * The store holds the bench plant (bench_common.h), EVENTS/10 units in
 * work orders of 1000, each with the 10 events of a unit that went through
 * op 10 (released, started, seven steps, completed) and now waits at op 20,
 * and one traced unit that went through all three operations (28 events,
 * like a real unit) and is DONE. The log is written in ten rounds, each
 * round one event of every unit, so a unit's events lie spread over the
 * whole log as they do in a plant where many units are in work at once.
 * The last line of output is "TRACED <serial> <events in store>".
 */
#include "tests/bench/bench_common.h"

#include "shared/log.h"

#define UNITS_PER_WO 1000
#define TXN_EVENTS 250000
#define OTHER_EVENTS 10

/* One event of a unit's history: which operation, which kind, which step. */
struct tmpl {
	Yoke__EventKind kind;
	int op;              /* index into the routing, -1 for RELEASED */
	int step;            /* index of the step, -1 for none */
};

static struct tmpl hist[64];
static int nhist;

static void
add(Yoke__EventKind kind, int op, int step)
{
	hist[nhist++] = (struct tmpl){ kind, op, step };
}

/* The traced unit's history: every operation of the bench routing. The
 * first OTHER_EVENTS entries are also every other unit's history. */
static void
build_history(const Yoke__Routing *r)
{
	add(YOKE__EVENT_KIND__EVENT_RELEASED, -1, -1);
	for (size_t o = 0; o < r->n_operations; o++) {
		const Yoke__Operation *op = r->operations[o];
		add(YOKE__EVENT_KIND__EVENT_OP_STARTED, (int)o, -1);
		for (size_t s = 0; s < op->n_steps; s++) {
			const Yoke__Step *st = op->steps[s];
			uint32_t times = st->kind == YOKE__STEP_KIND__STEP_SCAN ? st->qty : 1;
			static const Yoke__EventKind kinds[] = {
				[YOKE__STEP_KIND__STEP_INSTRUCT] = YOKE__EVENT_KIND__EVENT_STEP_CONFIRMED,
				[YOKE__STEP_KIND__STEP_SCAN] = YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED,
				[YOKE__STEP_KIND__STEP_MEASURE] = YOKE__EVENT_KIND__EVENT_MEASURED,
				[YOKE__STEP_KIND__STEP_CHECK] = YOKE__EVENT_KIND__EVENT_CHECKED,
				[YOKE__STEP_KIND__STEP_INSPECT] = YOKE__EVENT_KIND__EVENT_INSPECTED,
			};
			for (uint32_t k = 0; k < times; k++)
				add(kinds[st->kind], (int)o, (int)s);
		}
		add(YOKE__EVENT_KIND__EVENT_OP_COMPLETED, (int)o, -1);
	}
}

static void
make_serial(char *buf, size_t size, uint64_t u)
{
	snprintf(buf, size, "TR-%04llu-%04llu", (unsigned long long)(u / UNITS_PER_WO + 1),
	    (unsigned long long)(u % UNITS_PER_WO + 1));
}

/* Each unit's event seqs, for its record's history (written after the log). */
static uint64_t *unit_seqs;          /* OTHER_EVENTS per ordinary unit */
static uint64_t traced_seqs[64];
static size_t ntraced_seqs;

/* Fills and appends event h of unit u, remembering its seq. */
static int
append_event(struct txn *t, struct arena *a, const Yoke__Routing *r, uint64_t u, int h, int64_t time,
    bool is_traced)
{
	const struct tmpl *tp = &hist[h];
	const Yoke__Operation *op = tp->op >= 0 ? r->operations[tp->op] : NULL;
	const Yoke__Step *st = op && tp->step >= 0 ? op->steps[tp->step] : NULL;
	Yoke__Event ev = YOKE__EVENT__INIT;
	char serial[48], wo[32];
	int station = (int)(u % 200);

	make_serial(serial, sizeof serial, u);
	snprintf(wo, sizeof wo, "TR-%04llu", (unsigned long long)(u / UNITS_PER_WO + 1));
	ev.time_us = time;
	ev.kind = tp->kind;
	ev.serial = serial;
	ev.work_order = wo;
	if (op) {
		ev.operation = op->number;
		ev.operation_name = op->name;
		ev.station = tp->op == 0 ? arena_printf(a, "B-%03d", station + 1) :
		    (char *)(tp->op == 1 ? "T-1" : "P-1");
		ev.badge = arena_printf(a, "OP-%03d", station + 1);
		ev.operator_name = arena_printf(a, "Operator %d", station + 1);
		ev.terminal = arena_printf(a, "%s@line", ev.station);
	}
	if (st) {
		ev.step = (uint32_t)tp->step;
		ev.text = st->text;
		ev.pass = 1;
		switch (st->kind) {
		case YOKE__STEP_KIND__STEP_SCAN:
			ev.part = st->part;
			ev.qty = 1;
			if (strcmp(st->part, "PCB-S") == 0)
				ev.component_serial = arena_printf(a, "SN%08llu", (unsigned long long)u);
			else if (strcmp(st->part, "CAP-L") == 0)
				ev.lot = arena_printf(a, "L26%04llu", (unsigned long long)(u / 5000));
			ev.text = arena_printf(a, "Scanned %s", st->part);
			break;
		case YOKE__STEP_KIND__STEP_MEASURE:
			ev.name = st->name;
			ev.unit = st->unit;
			ev.value = st->target + (double)(u % 7) * 0.01;
			ev.has_lsl = ev.has_usl = 1;
			ev.lsl = st->lsl;
			ev.usl = st->usl;
			ev.text = arena_printf(a, "%s %.2f %s in spec", st->name, ev.value, st->unit);
			break;
		case YOKE__STEP_KIND__STEP_INSPECT:
			ev.inspector_badge = (char *)BENCH_INSPECTOR;
			ev.inspector_name = (char *)"Ines Inspector";
			break;
		default:
			break;
		}
	} else if (tp->kind == YOKE__EVENT_KIND__EVENT_RELEASED) {
		ev.text = arena_printf(a, "Released in work order %s (%s rev %s), due 2026-12-31", wo,
		    BENCH_PRODUCT, BENCH_REV);
	} else {
		ev.text = arena_printf(a, "Operation %u %s %s at %s", op->number, op->name,
		    tp->kind == YOKE__EVENT_KIND__EVENT_OP_STARTED ? "started" : "completed", ev.station);
		ev.pass = tp->kind == YOKE__EVENT_KIND__EVENT_OP_COMPLETED;
	}
	int rc = rec_event_append(t, a, &ev);
	if (rc == STORE_OK) {
		if (is_traced)
			traced_seqs[ntraced_seqs++] = ev.seq;
		else
			unit_seqs[u * OTHER_EVENTS + (uint64_t)h] = ev.seq;
	}
	return rc;
}

static void
check(int rc, const char *what)
{
	if (rc != STORE_OK) {
		fprintf(stderr, "tracegen: %s: %s\n", what, store_status_text(rc));
		exit(1);
	}
}

/* Units and work orders: every unit waits at op 20 but the traced one. */
static void
write_units(struct store *st, uint64_t nunits, uint64_t traced)
{
	struct txn t;
	struct arena a;
	int64_t now = now_us();

	arena_init(&a);
	check(store_begin_write(st, &t), "begin");
	for (uint64_t u = 0; u < nunits; u++) {
		Yoke__UnitRecord ur = YOKE__UNIT_RECORD__INIT;
		char serial[48], wo[32], key[KEY_MAX];
		size_t kl;

		make_serial(serial, sizeof serial, u);
		snprintf(wo, sizeof wo, "TR-%04llu", (unsigned long long)(u / UNITS_PER_WO + 1));
		ur.serial = serial;
		ur.work_order = wo;
		ur.product = (char *)BENCH_PRODUCT;
		ur.routing_rev = (char *)BENCH_REV;
		ur.priority = 5;
		ur.due = (char *)"2026-12-31";
		ur.since_us = now;
		ur.station = (char *)"";
		ur.hold_reason = (char *)"";
		if (u == traced) {
			ur.events = traced_seqs;
			ur.n_events = ntraced_seqs;
		} else {
			ur.events = unit_seqs + u * OTHER_EVENTS;
			ur.n_events = OTHER_EVENTS;
		}
		if (u == traced) {
			ur.op_index = 3;
			ur.status = YOKE__UNIT_STATUS__UNIT_DONE;
		} else {
			ur.op_index = 1;
			ur.status = YOKE__UNIT_STATUS__UNIT_QUEUED;
			kl = key_queue(key, "TEST", 5, ur.due, serial);
			check(store_put(&t, T_QUEUE, key, kl, "", 0, 0), "queue");
		}
		check(REC_PUT(&t, &a, T_UNIT, serial, &ur), "unit");
		if (u % UNITS_PER_WO == UNITS_PER_WO - 1 || u == nunits - 1) {
			Yoke__WorkOrderRecord w = YOKE__WORK_ORDER_RECORD__INIT;
			uint64_t first = u - u % UNITS_PER_WO;
			w.work_order = wo;
			w.product = (char *)BENCH_PRODUCT;
			w.routing_rev = (char *)BENCH_REV;
			w.quantity = (uint32_t)(u - first + 1);
			w.due = (char *)"2026-12-31";
			w.priority = 5;
			w.released_us = now;
			w.n_serials = w.quantity;
			w.serials = ARENA_NEW(&a, char *, w.quantity);
			for (uint64_t k = first; k <= u; k++) {
				char s[48];
				make_serial(s, sizeof s, k);
				w.serials[k - first] = arena_strdup(&a, s);
			}
			check(REC_PUT(&t, &a, T_WORK_ORDER, wo, &w), "work order");
			arena_reset(&a);
		}
	}
	check(store_commit(&t), "commit units");
	arena_free(&a);
}

int
main(int argc, char **argv)
{
	uint64_t events = 10000000, nunits, traced, written = 0, in_txn = 0;
	struct store *st;
	struct arena a;
	struct txn t;
	Yoke__Routing *r;
	char err[512], serial[48];
	int64_t t0 = bench_ns(), time_us = now_us() - 86400LL * 1000000 * 30;

	log_set_program("tracegen");
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: tracegen DIR [EVENTS]\n");
		return 2;
	}
	if (argc == 3) {
		char *end;
		events = strtoull(argv[2], &end, 10);
		if (*end != '\0' || events < 100 || events > 1000000000) {
			fprintf(stderr, "tracegen: expected a number of events from 100 to 10^9, got \"%s\"\n",
			    argv[2]);
			return 2;
		}
	}
	/* The traced unit brings its own history; the others share the rest. */
	arena_init(&a);
	r = bench_routing(&a);
	build_history(r);
	nunits = (events - (uint64_t)nhist + OTHER_EVENTS - 1) / OTHER_EVENTS + 1;
	traced = nunits / 2;
	make_serial(serial, sizeof serial, traced);

	if (store_open(&st, argv[1], err, sizeof err) != 0) {
		fprintf(stderr, "tracegen: %s\n", err);
		return 1;
	}
	/* About 300 bytes of map per event with its index; grow before writing. */
	while (store_map_size(st) < events * 300 + ((uint64_t)1 << 30))
		check(store_grow(st), "grow map");
	if (bench_seed_plant(st, 1, err, sizeof err) != 0) {
		fprintf(stderr, "tracegen: %s\n", err);
		return 1;
	}
	unit_seqs = xcalloc(nunits * OTHER_EVENTS, sizeof *unit_seqs);
	check(store_begin_write(st, &t), "begin");
	for (int round = 0; round < OTHER_EVENTS; round++) {
		for (uint64_t u = 0; u < nunits; u++) {
			int from = round, to = round + 1;
			if (u == traced) {
				from = round * nhist / OTHER_EVENTS;
				to = (round + 1) * nhist / OTHER_EVENTS;
			}
			for (int h = from; h < to; h++) {
				check(append_event(&t, &a, r, u, h, time_us, u == traced), "event");
				time_us += 250;
				written++;
				if (++in_txn == TXN_EVENTS) {
					check(store_commit(&t), "commit events");
					check(store_begin_write(st, &t), "begin");
					in_txn = 0;
				}
			}
			if ((written & 1023) == 0) {
				arena_reset(&a);
				r = bench_routing(&a);
			}
		}
		printf("tracegen: round %d of %d, %llu events (%.1f s)\n", round + 1, OTHER_EVENTS,
		    (unsigned long long)written, (double)(bench_ns() - t0) / 1e9);
		fflush(stdout);
	}
	check(store_commit(&t), "commit events");
	/* Units last: each record carries the seqs of its events. */
	write_units(st, nunits, traced);
	printf("tracegen: %llu units written (%.1f s)\n", (unsigned long long)nunits,
	    (double)(bench_ns() - t0) / 1e9);
	free(unit_seqs);
	check(store_begin_read(st, &t), "begin read");
	written = store_count(&t, T_EVENT);
	store_abort(&t);
	store_close(st);
	arena_free(&a);
	printf("TRACED %s %llu\n", serial, (unsigned long long)written);
	return 0;
}
