/* wire_check.c — see wire_check.h. */
#include "proto/wire_check.h"
#include "shared/i18n.h"
#include "shared/utf8.h"

#include <stdio.h>
#include <string.h>

#define DEPTH_MAX 32

/* Reads a varint; false when the data ends first or it is too long. */
static bool
varint(const uint8_t *buf, size_t len, size_t *pos, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		uint8_t b;
		if (*pos >= len)
			return false;
		b = buf[(*pos)++];
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false;
}

/* The fields walked into, innermost first: the path of a bad string is
 * only written out when there is one. */
struct frame {
	const char *name;
	const struct frame *up;
};

static void
path_of(const struct frame *fr, const char *name, char *path, size_t size)
{
	const char *names[DEPTH_MAX + 2];
	int n = 0;
	size_t at = 0;
	names[n++] = name;
	for (; fr != NULL && n < DEPTH_MAX + 2; fr = fr->up)
		names[n++] = fr->name;
	path[0] = '\0';
	while (n-- > 0 && at + 1 < size)
		at += (size_t)snprintf(path + at, size - at, "%s%s", at ? "." : "", names[n]);
}

/* 1 fine, 0 a bad string (err set), -1 malformed (left to the decoder). */
static int
walk(const ProtobufCMessageDescriptor *d, const uint8_t *buf, size_t len, const struct frame *up,
    int depth, char *err, size_t errsz)
{
	size_t pos = 0;
	if (depth > DEPTH_MAX)
		return -1;
	while (pos < len) {
		uint64_t tag, n;
		const ProtobufCFieldDescriptor *f;
		if (!varint(buf, len, &pos, &tag))
			return -1;
		switch (tag & 7) {
		case 0:
			if (!varint(buf, len, &pos, &n))
				return -1;
			continue;
		case 1:
			if (len - pos < 8)
				return -1;
			pos += 8;
			continue;
		case 5:
			if (len - pos < 4)
				return -1;
			pos += 4;
			continue;
		case 2:
			break;
		default:
			return -1;
		}
		if (!varint(buf, len, &pos, &n) || n > len - pos)
			return -1;
		f = tag >> 3 <= UINT32_MAX ? protobuf_c_message_descriptor_get_field(d, (unsigned)(tag >> 3))
		    : NULL;
		if (f && f->type == PROTOBUF_C_TYPE_STRING) {
			const char *s = (const char *)buf + pos;
			bool nul = memchr(s, '\0', n) != NULL;
			if (nul || !utf8_valid(s, n)) {
				char path[256];
				path_of(up, f->name, path, sizeof path);
				snprintf(err, errsz, nul ? _("field %s: contains a NUL byte (U+0000)") :
				    _("field %s: is not valid UTF-8"), path);
				return 0;
			}
		} else if (f && f->type == PROTOBUF_C_TYPE_MESSAGE) {
			struct frame here = { f->name, up };
			int rc = walk(f->descriptor, buf + pos, n, &here, depth + 1, err, errsz);
			if (rc <= 0)
				return rc;
		}
		pos += n;
	}
	return 1;
}

bool
wire_check_strings(const ProtobufCMessageDescriptor *d, const uint8_t *buf, size_t len, char *err,
    size_t errsz)
{
	return walk(d, buf, len, NULL, 0, err, errsz) != 0;
}
