/*
 * unit_wire.h — the wire form of a Reply carrying a UnitView, written by
 * hand.
 *
 * Every open_unit, step and complete answers with the unit's view: the
 * operation's steps, each a StepView of twenty-one fields. protobuf-c packs by
 * walking each message's descriptor and sizes every sub-message again at
 * each level above it, which made packing this one reply about a quarter
 * of a step request's time on the server. Here the UnitView and its
 * StepViews are sized and written directly, field by field in field-number
 * order, exactly as protobuf-c writes them (proto3: zero, false and empty
 * fields are left out; negative enums take ten bytes), and so are the
 * Reply's own fields 1-4: the bytes are the same as yoke__reply__pack's.
 *
 * The field lists below must follow proto/yoke.proto. unit_wire_ready()
 * compares them with the generated descriptors, so a field added to
 * UnitView or StepView and not here makes the server fall back to
 * protobuf-c (and tests/unit/test_unit_wire.c fail) rather than drop it.
 */
#ifndef YOKE_UNIT_WIRE_H
#define YOKE_UNIT_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/yoke.pb-c.h"
#include "shared/arena.h"

/* True when this file knows every field of UnitView and StepView and
 * Reply has no field but 1-4 (version, request_no, status, message)
 * beside its body. */
bool unit_wire_ready(void);
/* Packs rp (body_case YOKE__REPLY__BODY_UNIT, unit not NULL) into the
 * arena: its length, *out the bytes. Only when unit_wire_ready(). */
size_t unit_wire_pack_reply(struct arena *a, const Yoke__Reply *rp, uint8_t **out);

#endif
