/*
 * routing_cache.h — decoded released routings, kept between requests.
 *
 * Nearly every request needs the unit's routing; decoding it from the store
 * each time was the largest single cost of a step request. A released
 * routing revision never changes in the store (req-load refuses changes),
 * so its decoded form stays right. Only released routings are cached. The
 * cache is emptied whenever definitions are loaded and whenever a batch is
 * not committed, so it never holds what the store does not.
 *
 * Cached routings are shared: callers must not modify them.
 *
 * Lifetime. One request may hold many routings at once (a queue or a
 * where_used answer points into the routing of every unit it lists, until
 * the reply is packed), and a batch holds them until its replies are
 * packed. So a routing got from or given to the cache stays valid until
 * the next routing_cache_trim, which the loop calls between batches, when
 * no request holds any. Putting into a full cache, or clearing it, only
 * unlinks entries; their routings wait on the retired list for the trim.
 *
 * Memory. Between batches at most ROUTING_CACHE_MAX routings are kept. Within
 * a batch the retired ones are kept too, which is never more than the batch
 * itself decoded. Which entry a full cache gives up is chosen by the clock
 * (second chance) rule: one that no request got since it was put or since
 * the hand last passed it, so the routings of a plant's busy products stay
 * while one-off ones (a where_used over old units) come and go.
 *
 * Lookup is a hash of the key into ROUTING_CACHE_SLOTS chains, so a request
 * listing hundreds of units does not scan the cache for each.
 */
#ifndef YOKE_ROUTING_CACHE_H
#define YOKE_ROUTING_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"

#define ROUTING_CACHE_MAX 256
#define ROUTING_CACHE_SLOTS 512      /* chains; a power of two */

/* All zero is an empty cache. */
struct routing_cache {
	struct routing_cached {
		char *key;
		size_t kl;
		uint32_t hash;
		uint32_t next;       /* next entry of the chain + 1; 0 ends it */
		bool used;           /* got since the clock hand last passed */
		Yoke__Routing *routing;
	} items[ROUTING_CACHE_MAX];
	uint32_t chain[ROUTING_CACHE_SLOTS];   /* first entry of each chain + 1; 0: empty */
	size_t n, hand;
	Yoke__Routing **retired;     /* unlinked, freed by the next trim */
	size_t nretired, retired_cap;
};

Yoke__Routing *routing_cache_get(struct routing_cache *rc, const char *key, size_t kl);
/* Takes ownership of r (unpacked with the default allocator). */
void routing_cache_put(struct routing_cache *rc, const char *key, size_t kl, Yoke__Routing *r);
/* Forgets every entry; their routings stay valid until the next trim. */
void routing_cache_clear(struct routing_cache *rc);
/* Frees what was unlinked since the last trim. Only when no routing from
 * the cache is in use: between batches, and after the last one. */
void routing_cache_trim(struct routing_cache *rc);

#endif
