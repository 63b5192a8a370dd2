/*
 * record_cache.h — decoded records, kept between requests: the server keeps
 * one cache of released routings, and one each of operators, stations,
 * parts and BOMs.
 *
 * Nearly every request needs the unit's routing, and every request with a
 * session the operator and station behind it; decoding them from the store
 * each time was the largest single cost of a step request. A released
 * routing revision never changes in the store (req-load refuses changes),
 * and operators, stations, parts and BOMs are written only by a load, so
 * a decoded form stays right until the next load. Only released routings
 * are cached (drafts may change).
 * The caches are emptied whenever definitions are loaded and whenever a
 * batch is not committed, so they never hold what the store does not.
 *
 * Cached records are shared: callers must not modify them.
 *
 * Lifetime. One request may hold many records at once (a queue or a
 * where_used answer points into the routing of every unit it lists, until
 * the reply is packed), and a batch holds them until its replies are
 * packed. So a record got from or given to the cache stays valid until
 * the next record_cache_trim, which the loop calls between batches, when
 * no request holds any. Putting into a full cache, or clearing it, only
 * unlinks entries; their records wait on the retired list for the trim.
 *
 * Memory. Between batches each cache keeps at most RECORD_CACHE_MAX
 * records (enough for the stations and people of a big plant at work at
 * once). Within a batch the retired ones are kept too, which is never more
 * than the batch itself decoded. Which entry a full cache gives up is
 * chosen by the clock (second chance) rule: one that no request got since
 * it was put or since the hand last passed it, so the routings of a
 * plant's busy products, and the people and stations at work, stay while
 * one-off ones (a where_used over old units) come and go.
 *
 * Lookup is a hash of the key into RECORD_CACHE_SLOTS chains, so a request
 * listing hundreds of units does not scan the cache for each.
 */
#ifndef YOKE_RECORD_CACHE_H
#define YOKE_RECORD_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

#define RECORD_CACHE_MAX 1024
#define RECORD_CACHE_SLOTS 2048     /* chains; a power of two */

/* All zero is an empty cache. */
struct record_cache {
	struct record_cached {
		char *key;
		size_t kl;
		uint32_t hash;
		uint32_t next;       /* next entry of the chain + 1; 0 ends it */
		bool used;           /* got since the clock hand last passed */
		ProtobufCMessage *record;
	} items[RECORD_CACHE_MAX];
	uint32_t chain[RECORD_CACHE_SLOTS];   /* first entry of each chain + 1; 0: empty */
	size_t n, hand;
	ProtobufCMessage **retired;     /* unlinked, freed by the next trim */
	size_t nretired, retired_cap;
};

ProtobufCMessage *record_cache_get(struct record_cache *rc, const char *key, size_t kl);
/* Takes ownership of m (unpacked with the default allocator). */
void record_cache_put(struct record_cache *rc, const char *key, size_t kl, ProtobufCMessage *m);
/* Forgets every entry; their records stay valid until the next trim. */
void record_cache_clear(struct record_cache *rc);
/* Frees what was unlinked since the last trim. Only when no record from
 * the cache is in use: between batches, and after the last one. */
void record_cache_trim(struct record_cache *rc);

#endif
