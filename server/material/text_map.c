/* text_map.c — see text_map.h. */
#include "server/material/text_map.h"

#include <string.h>

static uint64_t
hash_text(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t
slot_of(const char *const *key, size_t cap, const char *s)
{
	size_t i = (size_t)hash_text(s) & (cap - 1);
	while (key[i] && strcmp(key[i], s) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

bool
text_map_get(const struct text_map *m, const char *key, uint32_t *val)
{
	if (m->cap == 0)
		return false;
	size_t i = slot_of(m->key, m->cap, key);
	if (m->key[i] == NULL)
		return false;
	*val = m->val[i];
	return true;
}

bool
text_map_add(struct arena *a, struct text_map *m, const char *key, uint32_t val)
{
	uint32_t old;
	if (text_map_get(m, key, &old))
		return false;
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 256;
		const char **keys = ARENA_NEW(a, const char *, cap);
		uint32_t *vals = ARENA_NEW(a, uint32_t, cap);
		for (size_t i = 0; i < m->cap; i++)
			if (m->key[i]) {
				size_t j = slot_of(keys, cap, m->key[i]);
				keys[j] = m->key[i];
				vals[j] = m->val[i];
			}
		m->key = keys;
		m->val = vals;
		m->cap = cap;
	}
	size_t i = slot_of(m->key, m->cap, key);
	m->key[i] = key;
	m->val[i] = val;
	m->n++;
	return true;
}
