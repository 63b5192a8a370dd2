/*
 * text_map.h — a map from text to a number, in an arena: the sets and
 * indexes a recall and the supplier scorecard build while they walk
 * (serials seen, component labels to scorecard rows). Open addressing,
 * FNV-1a, doubled at half full. Keys are not copied: they must live as
 * long as the map (the request's arena).
 */
#ifndef YOKE_TEXT_MAP_H
#define YOKE_TEXT_MAP_H

#include "shared/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct text_map {
	const char **key;
	uint32_t *val;
	size_t cap, n;
};

/* The value of key: true and *val, or false. */
bool text_map_get(const struct text_map *m, const char *key, uint32_t *val);
/* Adds key with val unless it is there: true when added. */
bool text_map_add(struct arena *a, struct text_map *m, const char *key, uint32_t val);

#endif
