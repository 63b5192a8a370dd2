/*
 * offload.h — slow work done beside the server loop, so one request's
 * argon2 never stalls every station.
 *
 * A handler that needs a PIN verified or hashed and finds no result asks
 * for it (ctx.want) and returns OUTCOME_PREPARE. The loop then parks the
 * request: it aborts the request's child transaction (nothing is stored,
 * nothing answered), copies the request's bytes and its peer into a job
 * and hands the job to the offload thread. When the thread is done it
 * writes a byte to a pipe the loop polls; the loop takes the job back and
 * runs the request again from the start, in a later batch, with the results
 * at hand (ctx.prep). The handler re-reads what it depends on in its own
 * transaction and uses a result only if it was computed against the same
 * stored hash.
 *
 *   loop: handler -> OUTCOME_PREPARE -> offload_submit --> thread: argon2
 *   loop: offload_fd readable -> offload_take -> run the request again
 *
 * A check that a waiting job asks for too (the same badge, PIN and stored
 * hash: a whole line signing with one inspector at the start of a shift)
 * is made once and its answer shared.
 *
 * Bounds: at most OFFLOAD_JOBS_MAX jobs wait, one per terminal (a newer
 * request of the same terminal replaces the one waiting: its client has
 * moved on), each of at most OFFLOAD_REQUEST_MAX bytes; a retry of a
 * parked request (same terminal and number) only updates where its answer
 * goes.
 */
#ifndef YOKE_OFFLOAD_H
#define YOKE_OFFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "server/people/pin.h"
#include "server/net/transport.h"

#define OFFLOAD_TASKS_MAX 4
#define OFFLOAD_JOBS_MAX 1024
#define OFFLOAD_REQUEST_MAX (64u << 10)

enum offload_kind { OFFLOAD_VERIFY, OFFLOAD_HASH };

struct offload_task {
	enum offload_kind kind;
	char badge[PIN_BADGE_MAX + 1];
	char pin[PIN_MAX + 1];
	char hash[PIN_HASH_MAX];      /* VERIFY: the stored hash; HASH: the result */
	bool ok;                      /* VERIFY: the PIN is right; HASH: hashed */
};

struct offload_job {
	struct offload_job *next;
	char terminal[CERT_ID_MAX + 1];
	uint64_t request_no;
	struct peer peer;
	unsigned char *bytes;         /* the request as received (malloc'd) */
	size_t len;
	struct offload_task tasks[OFFLOAD_TASKS_MAX];
	int ntasks;
	int rounds;                   /* how many times this request was parked */
};

struct offload;

struct offload *offload_new(void);
void offload_free(struct offload *o);
/* The pipe the loop polls for finished jobs. */
int offload_fd(const struct offload *o);
/* Queues a job (taken over). False when too many wait (the caller answers
 * "busy" and frees it) — a job with the same terminal and number already
 * waiting only gets its peer updated and the new job is freed: true. */
bool offload_submit(struct offload *o, struct offload_job *job);
/* A finished job, or NULL. The caller frees it with offload_job_free. */
struct offload_job *offload_take(struct offload *o);
void offload_job_free(struct offload_job *job);
/* Jobs waiting or running (for tests and the log). */
int offload_waiting(struct offload *o);

#endif
