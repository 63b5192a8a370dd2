/*
 * ctl-show.h — printing shared by the yokectl commands that show units:
 * status names, times, one queue line, and the JSON form of a queue entry.
 */
#ifndef YOKE_CTL_SHOW_H
#define YOKE_CTL_SHOW_H

#include <stdio.h>

#include "proto/yoke.pb-c.h"

const char *show_unit_status(Yoke__UnitStatus s);
void show_entry_header(FILE *f);
void show_entry(FILE *f, const Yoke__QueueEntry *e);
void show_entry_json(FILE *f, const Yoke__QueueEntry *e);

#endif
