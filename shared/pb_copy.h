/*
 * pb_copy.h — a deep copy of any protobuf-c message, made through its wire
 * form, so the copy owns every string and array. Free it with
 * protobuf_c_message_free_unpacked(copy, NULL).
 */
#ifndef YOKE_PB_COPY_H
#define YOKE_PB_COPY_H

#include <protobuf-c/protobuf-c.h>

/* Never NULL: a message that does not unpack again is a broken invariant. */
void *pb_copy(const ProtobufCMessage *m);

#endif
