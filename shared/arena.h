/*
 * arena.h — a bump allocator for everything one request (or one batch)
 * allocates: unpacked protobuf records, reply strings and arrays. It is
 * released all at once, so request handlers never free anything.
 *
 * arena_protobuf() gives a ProtobufCAllocator that allocates from the arena
 * (its free is a no-op), to pass to *_unpack().
 */
#ifndef YOKE_ARENA_H
#define YOKE_ARENA_H

#include <stddef.h>
#include <protobuf-c/protobuf-c.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used;            /* bytes used in head */
	size_t total;           /* bytes in all chunks */
	ProtobufCAllocator pb;
};

void arena_init(struct arena *a);
/* Frees every chunk but the first and rewinds; the arena stays usable.
 * When the arena had grown large, the freed memory is handed back to the
 * system (malloc_trim), so one big batch does not keep the server big. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);         /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
ProtobufCAllocator *arena_protobuf(struct arena *a);
/*
 * The same with an allocation budget: once `budget` bytes are taken, the
 * allocator fails, so unpacking a hostile message (millions of tiny unknown
 * fields in a few MiB) fails cleanly instead of growing without bound. The
 * allocator itself lives in the arena.
 */
ProtobufCAllocator *arena_protobuf_budget(struct arena *a, size_t budget);

/* Typed array allocation: ARENA_NEW(a, Yoke__StepView *, n). */
#define ARENA_NEW(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (size_t)(n)))

#endif
