/* routing_cache.c — see routing_cache.h. */
#include "server/routing_cache.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

Yoke__Routing *
routing_cache_get(const struct routing_cache *rc, const char *key, size_t kl)
{
	for (size_t i = 0; i < rc->n; i++)
		if (rc->items[i].kl == kl && memcmp(rc->items[i].key, key, kl) == 0)
			return rc->items[i].routing;
	return NULL;
}

void
routing_cache_put(struct routing_cache *rc, const char *key, size_t kl, Yoke__Routing *r)
{
	if (rc->n == ROUTING_CACHE_MAX)
		routing_cache_clear(rc);   /* a plant with this many revisions in use is rare */
	rc->items[rc->n].key = xstrndup(key, kl);
	rc->items[rc->n].kl = kl;
	rc->items[rc->n].routing = r;
	rc->n++;
}

void
routing_cache_clear(struct routing_cache *rc)
{
	for (size_t i = 0; i < rc->n; i++) {
		free(rc->items[i].key);
		yoke__routing__free_unpacked(rc->items[i].routing, NULL);
	}
	rc->n = 0;
}
