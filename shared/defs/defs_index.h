/*
 * defs_index.h — a sorted index of a definition set's records by key, so a
 * whole plant's part master is checked and merged in n log n: build it
 * (defs_index_add for each record, then defs_index_sort), then look keys
 * up by binary search. The validator (defs_check.c) and the server's load
 * (server/load_plan.c) use it; nothing over a large set scans every record
 * for each key.
 *
 * An entry is a key (a, and b and n where the key has more parts: a
 * routing is product a + revision b; an operation is product a + number n)
 * and the position i of its record in the set. The index points to the
 * key strings: they must outlive it. Entries with equal keys keep their
 * reading order (i breaks ties).
 */
#ifndef YOKE_DEFS_INDEX_H
#define YOKE_DEFS_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct defs_key {
	const char *a, *b;      /* b NULL when the key has no second string */
	uint32_t n;
	size_t i;
};

/* All zero is an empty index. */
struct defs_index {
	struct defs_key *k;
	size_t n, cap;
};

void defs_index_add(struct defs_index *x, const char *a, const char *b, uint32_t n, size_t i);
void defs_index_sort(struct defs_index *x);
/* The first entry whose a is not below `a` (x->n when none). */
size_t defs_index_lower(const struct defs_index *x, const char *a);
/* The record position of key a (and b when not NULL), or -1. */
long defs_index_find(const struct defs_index *x, const char *a, const char *b);
/*
 * Finds a key given twice: sets *later to the position of the first
 * repetition in reading order and *first to where the key first stood.
 * Returns false when every key is unique.
 */
bool defs_index_duplicate(const struct defs_index *x, size_t *later, size_t *first);
void defs_index_free(struct defs_index *x);

#endif
