/*
 * test_unit_wire.c — the hand-written wire form of a unit's view
 * (server/unit/unit_wire.c) against protobuf-c: byte for byte the same
 * as yoke__reply__pack for views of every shape (no steps, many steps,
 * every field set or left empty, NULL and empty strings, -0.0 and
 * negative limits, large numbers, Chinese text, NCR lists), and the field
 * lists it writes agree with the generated descriptors.
 */
#include "server/unit/unit_wire.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t seed = 88172645463325252ULL;

static uint32_t
rnd(uint32_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return n ? (uint32_t)(seed % n) : 0;
}

static const char *const texts[] = { NULL, "", "Fit the board", "装配电路板 U3，检查焊点", "x",
	"a longer instruction text that needs more than one hundred and twenty-seven bytes to be "
	"written, so that its length takes two bytes of varint on the wire ......" };
static const double values[] = { 0.0, -0.0, 3.3, -1.25, 1e300, 5e-324, 245.5 };

static char *
pick_text(void)
{
	return (char *)texts[rnd(sizeof texts / sizeof texts[0])];
}

static double
pick_value(void)
{
	return values[rnd(sizeof values / sizeof values[0])];
}

static uint32_t
pick_u32(void)
{
	static const uint32_t v[] = { 0, 1, 127, 128, 300, 16384, 4000000000u };
	return v[rnd(sizeof v / sizeof v[0])];
}

static void
fill_step(Yoke__StepView *s)
{
	yoke__step_view__init(s);
	s->index = pick_u32();
	s->kind = (Yoke__StepKind)rnd(6);
	s->text = pick_text();
	s->part = pick_text();
	s->qty = pick_u32();
	s->scanned = pick_u32();
	s->name = pick_text();
	s->unit = pick_text();
	s->has_lsl = rnd(2);
	s->lsl = pick_value();
	s->has_target = rnd(2);
	s->target = pick_value();
	s->has_usl = rnd(2);
	s->usl = pick_value();
	s->needs_inspector = rnd(2);
	s->due = rnd(2);
	s->frequency = pick_text();
	s->done = rnd(2);
	s->result = pick_text();
	s->from_setup = rnd(2);
	s->from_equipment = rnd(2);
}

/* The reply packed both ways: the same bytes. */
static bool
same_bytes(const Yoke__Reply *rp)
{
	struct arena a;
	uint8_t *ours;
	arena_init(&a);
	size_t n = unit_wire_pack_reply(&a, rp, &ours);
	size_t want = yoke__reply__get_packed_size(rp);
	uint8_t *theirs = malloc(want + 1);
	yoke__reply__pack(rp, theirs);
	bool ok = n == want && memcmp(ours, theirs, n) == 0;
	if (!ok)
		fprintf(stderr, "  %zu bytes against protobuf-c's %zu\n", n, want);
	free(theirs);
	arena_free(&a);
	return ok;
}

static void
knows_every_field(void)
{
	CHECK(unit_wire_ready());
	CHECK_INT(yoke__step_view__descriptor.n_fields, 21);
	CHECK_INT(yoke__unit_view__descriptor.n_fields, 20);
	CHECK_INT(yoke__step_gate__descriptor.n_fields, 3);
}

static void
same_as_protobuf_c(void)
{
	Yoke__StepView steps[12], *sp[12];
	char *ncrs[3] = { (char *)"NCR-000001", (char *)"", (char *)"NCR-000123" };
	Yoke__StepGate gates[3], *gp[3];
	for (int i = 0; i < 3; i++) {
		yoke__step_gate__init(&gates[i]);
		gp[i] = &gates[i];
	}
	for (int round = 0; round < 2000; round++) {
		Yoke__Reply rp = YOKE__REPLY__INIT;
		Yoke__UnitView v = YOKE__UNIT_VIEW__INIT;
		size_t ns = rnd(13);
		for (size_t i = 0; i < ns; i++) {
			fill_step(&steps[i]);
			sp[i] = &steps[i];
		}
		v.serial = pick_text();
		v.work_order = pick_text();
		v.product = pick_text();
		v.routing_rev = pick_text();
		v.operation = pick_u32();
		v.operation_name = pick_text();
		v.station_kind = pick_text();
		v.op_index = pick_u32();
		v.op_count = pick_u32();
		v.current_step = pick_u32();
		v.n_steps = ns;
		v.steps = sp;
		v.status = (Yoke__UnitStatus)rnd(7);
		v.hold_reason = pick_text();
		v.next_station_kind = pick_text();
		v.completed_operation = pick_u32();
		v.rework = rnd(2);
		v.rework_count = pick_u32();
		v.attempt = pick_u32();
		v.n_ncrs = rnd(4);
		v.ncrs = ncrs;
		v.n_gates = rnd(4);
		for (size_t i = 0; i < v.n_gates; i++) {
			gates[i].gauge = pick_text();
			gates[i].fai = pick_text();
			gates[i].step = pick_u32();
		}
		v.gates = gp;
		rp.version = rnd(3);
		rp.request_no = rnd(2) ? 0 : ((uint64_t)pick_u32() << 20);
		rp.status = (Yoke__Status)rnd(60);
		rp.message = pick_text();
		rp.body_case = YOKE__REPLY__BODY_UNIT;
		rp.unit = &v;
		if (!same_bytes(&rp)) {
			CHECK(!"the bytes differ");
			fprintf(stderr, "  round %d\n", round);
			return;
		}
	}
}

static void
negative_enum_takes_ten_bytes(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__UnitView v = YOKE__UNIT_VIEW__INIT;
	Yoke__StepView s, *sp[1] = { &s };
	fill_step(&s);
	s.kind = (Yoke__StepKind)-3;
	v.status = (Yoke__UnitStatus)-1;
	v.n_steps = 1;
	v.steps = sp;
	rp.body_case = YOKE__REPLY__BODY_UNIT;
	rp.unit = &v;
	CHECK(same_bytes(&rp));
}

int
main(void)
{
	RUN(knows_every_field);
	RUN(same_as_protobuf_c);
	RUN(negative_enum_takes_ten_bytes);
	return check_done();
}
