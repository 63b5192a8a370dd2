/* record_cache.c — see record_cache.h. */
#include "server/store/record_cache.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: keys are short (product \0 revision, a badge, a station id). */
static uint32_t
key_hash(const char *key, size_t kl)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < kl; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t *
chain_of(struct record_cache *rc, uint32_t hash)
{
	return &rc->chain[hash & (RECORD_CACHE_SLOTS - 1)];
}

ProtobufCMessage *
record_cache_get(struct record_cache *rc, const char *key, size_t kl)
{
	uint32_t h = key_hash(key, kl);
	for (uint32_t i = *chain_of(rc, h); i != 0; i = rc->items[i - 1].next) {
		struct record_cached *e = &rc->items[i - 1];
		if (e->hash == h && e->kl == kl && memcmp(e->key, key, kl) == 0) {
			e->used = true;
			return e->record;
		}
	}
	return NULL;
}

static void
retire(struct record_cache *rc, ProtobufCMessage *r)
{
	if (rc->nretired == rc->retired_cap) {
		rc->retired_cap = rc->retired_cap ? 2 * rc->retired_cap : RECORD_CACHE_MAX;
		rc->retired = xrealloc(rc->retired, rc->retired_cap * sizeof *rc->retired);
	}
	rc->retired[rc->nretired++] = r;
}

/* Unlinks entry i (0-based) from its chain and retires its record. */
static void
unlink_entry(struct record_cache *rc, size_t i)
{
	struct record_cached *e = &rc->items[i];
	uint32_t *link = chain_of(rc, e->hash);
	while (*link != i + 1)
		link = &rc->items[*link - 1].next;
	*link = e->next;
	free(e->key);
	retire(rc, e->record);
	memset(e, 0, sizeof *e);
}

/* The entry to give up: the first from the hand on that was not got since
 * the hand last passed it; passing an entry takes its chance away. */
static size_t
victim(struct record_cache *rc)
{
	for (;;) {
		size_t i = rc->hand;
		rc->hand = (rc->hand + 1) % RECORD_CACHE_MAX;
		if (!rc->items[i].used)
			return i;
		rc->items[i].used = false;
	}
}

void
record_cache_put(struct record_cache *rc, const char *key, size_t kl, ProtobufCMessage *r)
{
	size_t i;
	if (rc->n < RECORD_CACHE_MAX) {
		i = rc->n++;
	} else {
		i = victim(rc);
		unlink_entry(rc, i);
	}
	struct record_cached *e = &rc->items[i];
	e->key = xstrndup(key, kl);
	e->kl = kl;
	e->hash = key_hash(key, kl);
	e->record = r;
	e->used = false;     /* a chance is earned by a get: one-off records go first */
	e->next = *chain_of(rc, e->hash);
	*chain_of(rc, e->hash) = (uint32_t)i + 1;
}

void
record_cache_clear(struct record_cache *rc)
{
	for (size_t i = 0; i < rc->n; i++) {
		free(rc->items[i].key);
		retire(rc, rc->items[i].record);
	}
	memset(rc->items, 0, sizeof rc->items);
	memset(rc->chain, 0, sizeof rc->chain);
	rc->n = 0;
	rc->hand = 0;
}

void
record_cache_trim(struct record_cache *rc)
{
	for (size_t i = 0; i < rc->nretired; i++)
		protobuf_c_message_free_unpacked(rc->retired[i], NULL);
	free(rc->retired);
	rc->retired = NULL;
	rc->nretired = rc->retired_cap = 0;
}
