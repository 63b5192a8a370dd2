/* pb_copy.c — see pb_copy.h. */
#include "shared/pb_copy.h"
#include "shared/log.h"
#include "shared/util.h"

#include <stdlib.h>

void *
pb_copy(const ProtobufCMessage *m)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	uint8_t *buf = xmalloc(n ? n : 1);
	ProtobufCMessage *c;

	protobuf_c_message_pack(m, buf);
	c = protobuf_c_message_unpack(m->descriptor, NULL, n, buf);
	free(buf);
	YK_ASSERT(c != NULL);
	return c;
}
