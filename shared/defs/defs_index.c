/* defs_index.c — see defs_index.h. */
#include "shared/defs/defs_index.h"

#include <stdlib.h>
#include <string.h>

#include "shared/util.h"

static int
key_cmp(const void *x, const void *y)
{
	const struct defs_key *a = x, *b = y;
	int r = strcmp(a->a, b->a);
	if (r == 0)
		r = strcmp(a->b ? a->b : "", b->b ? b->b : "");
	if (r == 0)
		r = a->n < b->n ? -1 : a->n > b->n;
	if (r == 0)
		r = a->i < b->i ? -1 : a->i > b->i;
	return r;
}

void
defs_index_add(struct defs_index *x, const char *a, const char *b, uint32_t n, size_t i)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->k = xrealloc(x->k, x->cap * sizeof *x->k);
	}
	x->k[x->n++] = (struct defs_key){ a ? a : "", b, n, i };
}

void
defs_index_sort(struct defs_index *x)
{
	if (x->n > 1)
		qsort(x->k, x->n, sizeof *x->k, key_cmp);
}

size_t
defs_index_lower(const struct defs_index *x, const char *a)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->k[mid].a, a) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long
defs_index_find(const struct defs_index *x, const char *a, const char *b)
{
	for (size_t j = defs_index_lower(x, a); j < x->n && strcmp(x->k[j].a, a) == 0; j++)
		if (b == NULL || strcmp(x->k[j].b ? x->k[j].b : "", b) == 0)
			return (long)x->k[j].i;
	return -1;
}

bool
defs_index_duplicate(const struct defs_index *x, size_t *later, size_t *first)
{
	bool found = false;
	size_t run = 0;
	for (size_t j = 1; j < x->n; j++) {
		const struct defs_key *p = &x->k[j - 1], *k = &x->k[j];
		if (strcmp(p->a, k->a) != 0 || strcmp(p->b ? p->b : "", k->b ? k->b : "") != 0) {
			run = j;
			continue;
		}
		if (!found || k->i < *later) {
			*later = k->i;
			*first = x->k[run].i;
			found = true;
		}
	}
	return found;
}

void
defs_index_free(struct defs_index *x)
{
	free(x->k);
	x->k = NULL;
	x->n = x->cap = 0;
}
