/*
 * server.h — yoked's state and the context every request handler gets.
 *
 * The life of a request (see README "Life of a request"):
 *   transport_recv (transport.c) -> server_batch (loop.c): unpack, version,
 *   table lookup (requests.c) -> read-only: run at once in a read txn;
 *   mutating: idempotency check, session check, run in a child txn of the
 *   batch's write txn -> commit the batch once -> send every reply ->
 *   publish notices.
 *
 * A handler checks early and returns early: refuse() for the person,
 * store_failed() for a store error (the loop decides: grow and rerun, or
 * answer INTERNAL), OUTCOME_COMMIT when its changes should stand — which
 * includes OUT_OF_SPEC and CHECK_FAILED, whose failure is itself recorded.
 */
#ifndef YOKE_SERVER_H
#define YOKE_SERVER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"
#include "proto/store.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "server/records.h"
#include "server/routing_cache.h"
#include "server/store.h"
#include "shared/arena.h"

struct transport;

#define NOTICES_MAX 8

struct topic_seq {
	char name[96];
	uint64_t seq;
};

struct server {
	struct store *store;
	struct transport *tp;
	uint64_t epoch;
	uint32_t pub_port;
	struct topic_seq *topics;   /* one per topic ever published; grows */
	int ntopics, topics_cap;
	volatile sig_atomic_t *stop;
	struct routing_cache routings;
	uint64_t requests, batches, commits;    /* counters for the log */
};

struct notice {
	const char *topic;
	const char *serial;
	Yoke__UnitStatus status;
	const char *text;
};

struct ctx {
	struct server *srv;
	struct txn *txn;
	struct arena *a;
	int64_t now;
	const Yoke__Request *rq;
	Yoke__Reply *rp;
	/* Set by the loop for requests that need a session. */
	Yoke__SessionRecord *session;
	Yoke__Operator *op;
	Yoke__Station *station;
	struct notice notices[NOTICES_MAX];
	int nnotices;
	int store_rc;
};

enum outcome { OUTCOME_COMMIT, OUTCOME_REFUSED, OUTCOME_STORE };

enum outcome refuse(struct ctx *c, Yoke__Status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
enum outcome store_failed(struct ctx *c, int rc);
/* Sets the reply's message without changing its status. */
void reply_message(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Queues a notice, published after the commit. */
void notify(struct ctx *c, const char *topic, const char *serial, Yoke__UnitStatus st,
    const char *text);

/* loop.c */
void server_run(struct server *srv);
/* Next sequence number of a topic (1, 2, ...); the current one with peek. */
uint64_t topic_next(struct server *srv, const char *topic);
uint64_t topic_peek(struct server *srv, const char *topic);

#endif
