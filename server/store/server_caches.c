/*
 * server_caches.c — the server's caches of decoded definition records
 * (routings, operators, stations, parts, BOMs: record_cache.h), emptied
 * and trimmed together (server.h). Apart from the loop, so that code that
 * dispatches without it (the dispatch fuzz target) links the same calls.
 */
#include "server/server.h"

void
server_caches_clear(struct server *srv)
{
	record_cache_clear(&srv->routings);
	record_cache_clear(&srv->operators);
	record_cache_clear(&srv->stations);
	record_cache_clear(&srv->parts);
	record_cache_clear(&srv->boms);
}

void
server_caches_trim(struct server *srv)
{
	record_cache_trim(&srv->routings);
	record_cache_trim(&srv->operators);
	record_cache_trim(&srv->stations);
	record_cache_trim(&srv->parts);
	record_cache_trim(&srv->boms);
}
