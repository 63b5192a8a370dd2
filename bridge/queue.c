/* queue.c — see queue.h. A ring of readings under one mutex. */
#include "bridge/queue.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool
queue_init(struct queue *q, size_t cap)
{
	memset(q, 0, sizeof *q);
	if ((q->r = calloc(cap, sizeof *q->r)) == NULL)
		return false;
	q->cap = cap;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->more, NULL);
	return true;
}

void
queue_free(struct queue *q)
{
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->more);
	free(q->r);
}

void
queue_put(struct queue *q, const struct reading *r, size_t n)
{
	pthread_mutex_lock(&q->mu);
	for (size_t i = 0; i < n; i++) {
		if (q->n == q->cap) {          /* full: the oldest goes */
			q->head = (q->head + 1) % q->cap;
			q->n--;
			q->dropped++;
		}
		q->r[(q->head + q->n) % q->cap] = r[i];
		q->n++;
	}
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->mu);
}

size_t
queue_take(struct queue *q, struct reading *out, size_t max, size_t want, int wait_ms)
{
	struct timespec until;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += wait_ms / 1000;
	until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&q->mu);
	while (q->n < want && !q->woken && pthread_cond_timedwait(&q->more, &q->mu, &until) != ETIMEDOUT)
		;
	n = q->n < max ? q->n : max;
	for (size_t i = 0; i < n; i++)
		out[i] = q->r[(q->head + i) % q->cap];
	q->head = (q->head + n) % q->cap;
	q->n -= n;
	pthread_mutex_unlock(&q->mu);
	return n;
}

void
queue_unget(struct queue *q, const struct reading *r, size_t n)
{
	pthread_mutex_lock(&q->mu);
	/* Newest first to the front, so the batch keeps its order; what does
	 * not fit is dropped (the queue filled meanwhile with newer readings). */
	for (size_t i = n; i-- > 0;) {
		if (q->n == q->cap) {
			q->dropped += i + 1;
			break;
		}
		q->head = (q->head + q->cap - 1) % q->cap;
		q->r[q->head] = r[i];
		q->n++;
	}
	pthread_mutex_unlock(&q->mu);
}

uint64_t
queue_dropped(struct queue *q)
{
	uint64_t d;
	pthread_mutex_lock(&q->mu);
	d = q->dropped;
	q->dropped = 0;
	pthread_mutex_unlock(&q->mu);
	return d;
}

void
queue_count_dropped(struct queue *q, uint64_t n)
{
	pthread_mutex_lock(&q->mu);
	q->dropped += n;
	pthread_mutex_unlock(&q->mu);
}

void
queue_wake(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	q->woken = true;
	pthread_cond_broadcast(&q->more);
	pthread_mutex_unlock(&q->mu);
}
