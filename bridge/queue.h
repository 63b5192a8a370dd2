/*
 * queue.h — the bridge's readings between the MQTT thread (libmosquitto's
 * network thread puts) and the main thread (takes a batch, sends it to
 * yoked). Bounded: when yoked is unreachable for long the oldest readings
 * are dropped and counted, so a flood never grows the bridge without end.
 * Every call takes the queue's mutex.
 */
#ifndef YOKE_BRIDGE_QUEUE_H
#define YOKE_BRIDGE_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shared/equipment/payload.h"

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t more;
	struct reading *r;
	size_t cap, head, n;
	uint64_t dropped;
	bool woken;                  /* queue_wake: takers return at once from now on */
};

bool queue_init(struct queue *q, size_t cap);
void queue_free(struct queue *q);
/* Appends n readings; the oldest make room when full (counted in dropped). */
void queue_put(struct queue *q, const struct reading *r, size_t n);
/* Waits up to wait_ms for at least `want` readings (or fewer at the
 * timeout), then moves up to max of them into out: their number. */
size_t queue_take(struct queue *q, struct reading *out, size_t max, size_t want, int wait_ms);
/* Puts readings back at the front (a batch yoked did not answer). */
void queue_unget(struct queue *q, const struct reading *r, size_t n);
/* Readings dropped since the last call (and resets the count). */
uint64_t queue_dropped(struct queue *q);
/* Counts n more dropped (a report that did not arrive). */
void queue_count_dropped(struct queue *q, uint64_t n);
/* Wakes a taker now (at a stop). */
void queue_wake(struct queue *q);

#endif
