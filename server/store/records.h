/*
 * records.h — typed records on top of store.h. A stored value is one
 * schema-version byte (RECORD_VERSION) followed by the packed protobuf
 * message; a reader accepts every version it knows, so old records stay
 * readable. Unpacked records live in the caller's arena.
 */
#ifndef YOKE_RECORDS_H
#define YOKE_RECORDS_H

#include "proto/defs.pb-c.h"
#include "proto/store.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "server/store/store.h"
#include "server/store/record_cache.h"
#include "shared/arena.h"

#include <string.h>

#define RECORD_VERSION 1

/* STORE_OK and *out set; STORE_NOTFOUND; STORE_ERROR for an unreadable value. */
int rec_get(struct txn *t, struct arena *a, enum store_table tb, const void *k, size_t kl,
    const ProtobufCMessageDescriptor *d, void **out);
int rec_put(struct txn *t, struct arena *a, enum store_table tb, const void *k, size_t kl,
    const ProtobufCMessage *m, unsigned flags);
/* As rec_get, through a cache of decoded records (record_cache.h): the
 * record is shared by every request until the cache is cleared, and must
 * not be modified. Only for tables that a load alone writes (operators,
 * stations, parts, BOMs), since a load clears the caches. */
int rec_get_cached(struct txn *t, struct record_cache *rc, enum store_table tb, const char *key,
    const ProtobufCMessageDescriptor *d, void **out);
/* Decodes a value already fetched (e.g. in a walk). NULL if unreadable.
 * With a NULL arena it is malloc'd: free it with protobuf_c_message_free_unpacked. */
void *rec_decode(struct arena *a, const ProtobufCMessageDescriptor *d, const void *v, size_t vl);

/* Keys given as C strings (the common case). */
#define REC_GET(t, a, tb, key, type, out) \
	rec_get((t), (a), (tb), (key), strlen(key), &type##__descriptor, (void **)(out))
#define REC_PUT(t, a, tb, key, msg) \
	rec_put((t), (a), (tb), (key), strlen(key), (const ProtobufCMessage *)(msg), 0)

/* Composite keys. Each returns its length; buffers must be KEY_MAX. */
#define KEY_MAX 256
size_t key_routing(char *buf, const char *product, const char *rev);
size_t key_wo_op(char *buf, const char *wo, uint32_t opno);
size_t key_queue(char *buf, const char *kind, uint32_t priority, const char *due, const char *serial);
/* defect code (or "*") \0 "station" or "part" */
size_t key_capa_trigger(char *buf, const char *defect, bool per_part);

/* Appends an event to the log; ev->seq is set. (A unit's own index of its
 * events is its record's `events`: see unit_event_append in unit.c.) */
int rec_event_append(struct txn *t, struct arena *a, Yoke__Event *ev);

#endif
