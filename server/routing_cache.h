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
 */
#ifndef YOKE_ROUTING_CACHE_H
#define YOKE_ROUTING_CACHE_H

#include <stddef.h>

#include "proto/defs.pb-c.h"

#define ROUTING_CACHE_MAX 64

struct routing_cache {
	struct routing_cached {
		char *key;
		size_t kl;
		Yoke__Routing *routing;
	} items[ROUTING_CACHE_MAX];
	size_t n;
};

Yoke__Routing *routing_cache_get(const struct routing_cache *rc, const char *key, size_t kl);
/* Takes ownership of r (unpacked with the default allocator). */
void routing_cache_put(struct routing_cache *rc, const char *key, size_t kl, Yoke__Routing *r);
void routing_cache_clear(struct routing_cache *rc);

#endif
