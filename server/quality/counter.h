/*
 * counter.h — the numbers that name quality records: NCR numbers, hold
 * ids, CAPA numbers, received lots and inspection lots, 1, 2, 3, ... in the order they were made, never
 * reused. They live in one CounterRecord in the meta table ("counters"),
 * so naming a record costs one small page, in the transaction that makes
 * the record.
 */
#ifndef YOKE_COUNTER_H
#define YOKE_COUNTER_H

#include "server/server.h"

enum counter { COUNTER_NCR, COUNTER_HOLD, COUNTER_CAPA, COUNTER_LOT, COUNTER_IQC, COUNTER_ALARM };

/* The next number of the counter, written back: STORE_OK and *n. */
int counter_next(struct ctx *c, enum counter which, uint64_t *n);

#endif
