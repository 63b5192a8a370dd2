/*
 * wire_check.h — the text rules every string field from the wire must keep,
 * checked on the bytes before they are decoded.
 *
 * protobuf-c hands a string field over as a C string, so a U+0000 inside it
 * silently cuts it: a lot "L\0X" would be stored as "L", two terminal ids
 * "A\0one" and "A" would share one record, a note could hide an escape
 * sequence behind a NUL. proto3 also requires every string to be UTF-8,
 * which every decoder but protobuf-c enforces. So before a Request is
 * unpacked, this walks its wire form with the message descriptors and
 * refuses any string field (at any depth, repeated or not) that holds a NUL
 * byte or is not valid UTF-8, naming the field ("badge_in.badge"). Bytes
 * fields and unknown fields are not text and are skipped. Malformed wire
 * data is left for the decoder to refuse.
 */
#ifndef YOKE_WIRE_CHECK_H
#define YOKE_WIRE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

/* True when every string field is NUL-free UTF-8 (or the data is not a
 * well-formed message, which unpacking will report). Otherwise false with
 * "field <path>: <what>" in err. */
bool wire_check_strings(const ProtobufCMessageDescriptor *d, const uint8_t *buf, size_t len,
    char *err, size_t errsz);

#endif
