/*
 * line_peek.c — the few fields of a stored UnitRecord the line monitor
 * needs, read from the protobuf bytes without decoding the record (its
 * event index and results are most of it). Fields not named here are
 * skipped by their wire type; the field numbers are proto/store.proto's,
 * checked against protobuf-c's own packing by test_line.
 */
#include "server/line/line.h"

#include <string.h>

enum { WT_VARINT = 0, WT_I64 = 1, WT_LEN = 2, WT_I32 = 5 };

static bool
varint(const unsigned char **p, const unsigned char *end, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (*p >= end)
			return false;
		unsigned char b = *(*p)++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false;
}

bool
line_unit_peek(const void *v, size_t vl, struct unit_peek *out)
{
	const unsigned char *p = v, *end = p + vl;
	memset(out, 0, sizeof *out);
	out->serial = out->work_order = out->station = "";
	if (vl < 1 || p[0] == 0)        /* the schema-version byte (records.h) */
		return false;
	p++;
	while (p < end) {
		uint64_t tag, x;
		if (!varint(&p, end, &tag))
			return false;
		unsigned field = (unsigned)(tag >> 3), wt = (unsigned)(tag & 7);
		switch (wt) {
		case WT_VARINT:
			if (!varint(&p, end, &x))
				return false;
			if (field == 5)
				out->op_index = (uint32_t)x;
			else if (field == 8)
				out->status = (uint32_t)x;
			else if (field == 13)
				out->since_us = (int64_t)x;
			else if (field == 15)
				out->priority = (uint32_t)x;
			break;
		case WT_I64:
			if (end - p < 8)
				return false;
			p += 8;
			if (field == 20)
				out->holds++;      /* an unpacked repeated fixed64 */
			break;
		case WT_I32:
			if (end - p < 4)
				return false;
			p += 4;
			break;
		case WT_LEN:
			if (!varint(&p, end, &x) || x > (uint64_t)(end - p))
				return false;
			if (field == 1) {
				out->serial = (const char *)p;
				out->serial_len = (size_t)x;
			} else if (field == 2) {
				out->work_order = (const char *)p;
				out->work_order_len = (size_t)x;
			} else if (field == 12) {
				out->station = (const char *)p;
				out->station_len = (size_t)x;
			} else if (field == 20) {
				out->holds += (uint32_t)(x / 8);   /* packed */
			}
			p += x;
			break;
		default:
			return false;
		}
	}
	return true;
}
