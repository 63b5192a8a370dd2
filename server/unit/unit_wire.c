/* unit_wire.c — see unit_wire.h. */
#include "server/unit/unit_wire.h"

#include <string.h>

enum { WIRE_VARINT = 0, WIRE_I64 = 1, WIRE_LEN = 2 };

/* The highest field number of each message this file writes, and how many
 * fields that is: unit_wire_ready() holds them against the descriptors. */
#define STEP_VIEW_FIELDS 21
#define UNIT_VIEW_FIELDS 20
#define STEP_GATE_FIELDS 3
#define REPLY_HEAD_FIELDS 4

static size_t
varint_size(uint64_t v)
{
	size_t n = 1;
	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static uint8_t *
put_varint(uint8_t *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

static uint8_t *
put_tag(uint8_t *p, uint32_t field, int wire)
{
	return put_varint(p, (uint64_t)field << 3 | (uint64_t)wire);
}

/* ---- sizing: one function per kind of field, zero when left out ---- */

static size_t
size_u32(uint32_t field, uint32_t v)
{
	return v ? varint_size((uint64_t)field << 3) + varint_size(v) : 0;
}

static size_t
size_enum(uint32_t field, int v)
{
	/* An enum is an int32: a negative one is sign-extended to ten bytes. */
	return v ? varint_size((uint64_t)field << 3) + varint_size((uint64_t)(int64_t)v) : 0;
}

static size_t
size_bool(uint32_t field, protobuf_c_boolean v)
{
	return v ? varint_size((uint64_t)field << 3) + 1 : 0;
}

static size_t
size_double(uint32_t field, double v)
{
	return v != 0 ? varint_size((uint64_t)field << 3) + 8 : 0;
}

static size_t
size_len(uint32_t field, size_t len)
{
	return varint_size((uint64_t)field << 3) + varint_size(len) + len;
}

static size_t
size_str(uint32_t field, const char *s)
{
	return s && *s ? size_len(field, strlen(s)) : 0;
}

/* ---- writing: the same, in the same order ---- */

static uint8_t *
put_u32(uint8_t *p, uint32_t field, uint32_t v)
{
	return v ? put_varint(put_tag(p, field, WIRE_VARINT), v) : p;
}

static uint8_t *
put_enum(uint8_t *p, uint32_t field, int v)
{
	return v ? put_varint(put_tag(p, field, WIRE_VARINT), (uint64_t)(int64_t)v) : p;
}

static uint8_t *
put_bool(uint8_t *p, uint32_t field, protobuf_c_boolean v)
{
	if (!v)
		return p;
	p = put_tag(p, field, WIRE_VARINT);
	*p++ = 1;
	return p;
}

static uint8_t *
put_double(uint8_t *p, uint32_t field, double v)
{
	uint64_t bits;
	if (v == 0)
		return p;
	p = put_tag(p, field, WIRE_I64);
	memcpy(&bits, &v, 8);
	for (int i = 0; i < 8; i++)
		*p++ = (uint8_t)(bits >> (8 * i));
	return p;
}

static uint8_t *
put_bytes(uint8_t *p, uint32_t field, const void *s, size_t n)
{
	p = put_varint(put_tag(p, field, WIRE_LEN), n);
	memcpy(p, s, n);
	return p + n;
}

static uint8_t *
put_str(uint8_t *p, uint32_t field, const char *s)
{
	return s && *s ? put_bytes(p, field, s, strlen(s)) : p;
}

/* ---- StepView ---- */

static size_t
step_size(const Yoke__StepView *s)
{
	return size_u32(1, s->index) + size_enum(2, s->kind) + size_str(3, s->text) +
	    size_str(4, s->part) + size_u32(5, s->qty) + size_u32(6, s->scanned) +
	    size_str(7, s->name) + size_str(8, s->unit) + size_bool(9, s->has_lsl) +
	    size_double(10, s->lsl) + size_bool(11, s->has_target) + size_double(12, s->target) +
	    size_bool(13, s->has_usl) + size_double(14, s->usl) +
	    size_bool(15, s->needs_inspector) + size_bool(16, s->due) +
	    size_str(17, s->frequency) + size_bool(18, s->done) + size_str(19, s->result) +
	    size_bool(20, s->from_setup) + size_bool(21, s->from_equipment);
}

static uint8_t *
step_put(uint8_t *p, const Yoke__StepView *s)
{
	p = put_u32(p, 1, s->index);
	p = put_enum(p, 2, s->kind);
	p = put_str(p, 3, s->text);
	p = put_str(p, 4, s->part);
	p = put_u32(p, 5, s->qty);
	p = put_u32(p, 6, s->scanned);
	p = put_str(p, 7, s->name);
	p = put_str(p, 8, s->unit);
	p = put_bool(p, 9, s->has_lsl);
	p = put_double(p, 10, s->lsl);
	p = put_bool(p, 11, s->has_target);
	p = put_double(p, 12, s->target);
	p = put_bool(p, 13, s->has_usl);
	p = put_double(p, 14, s->usl);
	p = put_bool(p, 15, s->needs_inspector);
	p = put_bool(p, 16, s->due);
	p = put_str(p, 17, s->frequency);
	p = put_bool(p, 18, s->done);
	p = put_str(p, 19, s->result);
	p = put_bool(p, 20, s->from_setup);
	return put_bool(p, 21, s->from_equipment);
}

/* ---- StepGate (UnitView.gates: the pre-start gate's steps) ---- */

static size_t
gate_size(const Yoke__StepGate *g)
{
	return size_str(1, g->gauge) + size_str(2, g->fai) + size_u32(3, g->step);
}

static uint8_t *
gate_put(uint8_t *p, const Yoke__StepGate *g)
{
	p = put_str(p, 1, g->gauge);
	p = put_str(p, 2, g->fai);
	return put_u32(p, 3, g->step);
}

/* ---- UnitView: its steps' sizes are worked out once, in `sizes` ---- */

static size_t
view_size(const Yoke__UnitView *v, size_t *sizes)
{
	size_t n = size_str(1, v->serial) + size_str(2, v->work_order) + size_str(3, v->product) +
	    size_str(4, v->routing_rev) + size_u32(5, v->operation) +
	    size_str(6, v->operation_name) + size_str(7, v->station_kind) +
	    size_u32(8, v->op_index) + size_u32(9, v->op_count) + size_u32(10, v->current_step);
	for (size_t i = 0; i < v->n_steps; i++) {
		sizes[i] = step_size(v->steps[i]);
		n += size_len(11, sizes[i]);
	}
	n += size_enum(12, v->status) + size_str(13, v->hold_reason) +
	    size_str(14, v->next_station_kind) + size_u32(15, v->completed_operation) +
	    size_bool(16, v->rework) + size_u32(17, v->rework_count) + size_u32(18, v->attempt);
	for (size_t i = 0; i < v->n_ncrs; i++)
		n += size_len(19, v->ncrs[i] ? strlen(v->ncrs[i]) : 0);
	for (size_t i = 0; i < v->n_gates; i++)
		n += size_len(20, gate_size(v->gates[i]));
	return n;
}

static uint8_t *
view_put(uint8_t *p, const Yoke__UnitView *v, const size_t *sizes)
{
	p = put_str(p, 1, v->serial);
	p = put_str(p, 2, v->work_order);
	p = put_str(p, 3, v->product);
	p = put_str(p, 4, v->routing_rev);
	p = put_u32(p, 5, v->operation);
	p = put_str(p, 6, v->operation_name);
	p = put_str(p, 7, v->station_kind);
	p = put_u32(p, 8, v->op_index);
	p = put_u32(p, 9, v->op_count);
	p = put_u32(p, 10, v->current_step);
	for (size_t i = 0; i < v->n_steps; i++) {
		p = put_varint(put_tag(p, 11, WIRE_LEN), sizes[i]);
		p = step_put(p, v->steps[i]);
	}
	p = put_enum(p, 12, v->status);
	p = put_str(p, 13, v->hold_reason);
	p = put_str(p, 14, v->next_station_kind);
	p = put_u32(p, 15, v->completed_operation);
	p = put_bool(p, 16, v->rework);
	p = put_u32(p, 17, v->rework_count);
	p = put_u32(p, 18, v->attempt);
	for (size_t i = 0; i < v->n_ncrs; i++) {
		const char *s = v->ncrs[i] ? v->ncrs[i] : "";
		p = put_bytes(p, 19, s, strlen(s));
	}
	for (size_t i = 0; i < v->n_gates; i++) {
		p = put_varint(put_tag(p, 20, WIRE_LEN), gate_size(v->gates[i]));
		p = gate_put(p, v->gates[i]);
	}
	return p;
}

/* The descriptor's fields are numbered 1..n, one each. */
static bool
numbered_one_to(const ProtobufCMessageDescriptor *d, unsigned n)
{
	if (d->n_fields != n)
		return false;
	for (unsigned i = 0; i < n; i++)
		if (d->fields[i].id != i + 1)
			return false;
	return true;
}

bool
unit_wire_ready(void)
{
	static int ready = -1;
	if (ready < 0) {
		const ProtobufCMessageDescriptor *r = &yoke__reply__descriptor;
		unsigned head = 0;
		for (unsigned i = 0; i < r->n_fields; i++)
			if (!(r->fields[i].flags & PROTOBUF_C_FIELD_FLAG_ONEOF))
				head++;
		ready = numbered_one_to(&yoke__step_view__descriptor, STEP_VIEW_FIELDS) &&
		    numbered_one_to(&yoke__unit_view__descriptor, UNIT_VIEW_FIELDS) &&
		    numbered_one_to(&yoke__step_gate__descriptor, STEP_GATE_FIELDS) &&
		    head == REPLY_HEAD_FIELDS && r->fields[0].type == PROTOBUF_C_TYPE_UINT32 &&
		    r->fields[1].type == PROTOBUF_C_TYPE_UINT64 &&
		    r->fields[2].type == PROTOBUF_C_TYPE_ENUM &&
		    r->fields[3].type == PROTOBUF_C_TYPE_STRING && r->fields[3].id == 4 &&
		    YOKE__REPLY__BODY_UNIT > 4;
	}
	return ready == 1;
}

static size_t
size_u64(uint32_t field, uint64_t v)
{
	return v ? varint_size((uint64_t)field << 3) + varint_size(v) : 0;
}

static uint8_t *
put_u64(uint8_t *p, uint32_t field, uint64_t v)
{
	return v ? put_varint(put_tag(p, field, WIRE_VARINT), v) : p;
}

size_t
unit_wire_pack_reply(struct arena *a, const Yoke__Reply *rp, uint8_t **out)
{
	const Yoke__UnitView *v = rp->unit;
	size_t *sizes = ARENA_NEW(a, size_t, v->n_steps + 1);
	size_t vn, n;
	uint8_t *buf, *p;

	/* Fields 1-4, then the body, whose number is above them. */
	vn = view_size(v, sizes);
	n = size_u32(1, rp->version) + size_u64(2, rp->request_no) + size_enum(3, rp->status) +
	    size_str(4, rp->message) + size_len(YOKE__REPLY__BODY_UNIT, vn);
	buf = arena_alloc(a, n + 1);
	p = put_u32(buf, 1, rp->version);
	p = put_u64(p, 2, rp->request_no);
	p = put_enum(p, 3, rp->status);
	p = put_str(p, 4, rp->message);
	p = put_varint(put_tag(p, YOKE__REPLY__BODY_UNIT, WIRE_LEN), vn);
	p = view_put(p, v, sizes);
	*out = buf;
	return (size_t)(p - buf);
}
