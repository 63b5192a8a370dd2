/*
 * show.h — printing shared by the yokectl commands that show units: the
 * unit status as a JSON word and as words for a person, the table of queue
 * entries (units, queue, trace component), and the JSON of one entry.
 */
#ifndef YOKE_CTL_SHOW_H
#define YOKE_CTL_SHOW_H

#include <stddef.h>
#include <stdio.h>

#include "proto/yoke.pb-c.h"

/* "queued", "in work", ... as JSON carries it (never translated). */
const char *show_unit_status(Yoke__UnitStatus s);
/* The same for a person, in the current language. */
const char *show_unit_status_text(Yoke__UnitStatus s);
/* A role ("inspector") for a person, in the current language. */
const char *show_role_text(Yoke__Role r);
/* The entries as an aligned table with a heading line (nothing when n is 0). */
void show_entries(FILE *f, Yoke__QueueEntry *const *e, size_t n);
void show_entry_json(FILE *f, const Yoke__QueueEntry *e);

#endif
