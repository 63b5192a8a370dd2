/*
 * server.h — yoked's state and the context every request handler gets.
 *
 * The life of a request (see README "Life of a request"):
 *   transport_recv (transport.c) -> server_batch (loop.c): who sent it
 *   (the key's terminal, its generation), the wire text rules, unpack
 *   within a budget, version, table lookup (requests.c) -> read-only: run
 *   at once in a read txn; mutating: idempotency (number, digest), session
 *   and role (the request table), run in a child txn of the batch's write
 *   txn -> commit the batch once -> send every reply -> publish notices.
 *
 * A handler checks early and returns early: refuse() for the person,
 * store_failed() for a store error (the loop decides: grow and rerun, or
 * answer INTERNAL), OUTCOME_COMMIT when its changes should stand — which
 * includes OUT_OF_SPEC and CHECK_FAILED, whose failure is itself recorded —
 * OUTCOME_REFUSED_COMMIT for a refusal whose writes stand (a wrong PIN is
 * counted), and OUTCOME_PREPARE when slow work (a PIN) must be done off the
 * loop first (offload.h).
 */
#ifndef YOKE_SERVER_H
#define YOKE_SERVER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"
#include "proto/store.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "server/net/auth.h"
#include "server/offload.h"
#include "server/people/pin.h"
#include "server/store/records.h"
#include "server/store/record_cache.h"
#include "server/store/store.h"
#include "shared/arena.h"

struct transport;

#define NOTICES_MAX 8
#define YOKE_PROTOCOL 2

struct topic_seq {
	char name[96];
	uint64_t seq;
};

/* What yoked's options set (yoked.c); defaults in server_config_default(). */
struct server_config {
	int session_idle_s;         /* a session ends after this long without a request */
	int pin_tries;              /* wrong PINs in a row before the badge locks */
	int pin_lock_s;
	int terminal_retention_days;   /* plain mode: a silent terminal's record is dropped */
	int terminal_silent_s;      /* the line monitor: a terminal not heard this long is offline */
};

struct server {
	struct store *store;
	struct transport *tp;
	struct auth *auth;
	struct offload *offload;
	struct notifier *notifier;  /* escalation and the outbox's sender (server/notify/notifier.h) */
	struct pin_cache pins;
	struct server_config cfg;
	uint64_t epoch;
	uint32_t pub_port;
	struct topic_seq *topics;   /* one per topic ever published; grows */
	int ntopics, topics_cap;
	volatile sig_atomic_t *stop;
	struct record_cache routings;     /* released routings (record_cache.h) */
	struct record_cache operators;    /* by badge */
	struct record_cache stations;     /* by station id */
	struct record_cache parts;        /* by part number */
	struct record_cache boms;         /* by parent part number */
	int64_t next_sweep_ms;
	uint64_t requests, batches, commits;    /* counters for the log */
	uint64_t batches_again;                 /* batches run again with savepoints */
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
	/* Who sent it: the terminal id bound to the key that authenticated the
	 * connection (plain mode: the id the request names), and in CURVE mode
	 * the enrolled device itself (its stations). */
	const char *terminal;
	const struct cert *device;
	/* Mutating requests: the terminal's record (idempotency and session),
	 * written back by the loop when the request's outcome stands. */
	Yoke__TerminalRecord *term;
	/* Set by the loop for requests that need a session. */
	Yoke__SessionRecord *session;
	/* Shared with later requests (the record caches): never modified. */
	Yoke__Operator *op;
	Yoke__Station *station;     /* NULL for a yokectl (desk) session */
	/* Slow work: what was done for this request (offload.h), and what the
	 * handler asks for when it returns OUTCOME_PREPARE. */
	const struct offload_job *prep;
	struct offload_task want[OFFLOAD_TASKS_MAX];
	int nwant;
	struct notice notices[NOTICES_MAX];
	int nnotices;
	int store_rc;
};

enum outcome {
	OUTCOME_COMMIT,           /* the changes stand; the reply may be a refusal of the person's input */
	OUTCOME_REFUSED,          /* nothing changed */
	OUTCOME_STORE,            /* a store error (store_rc) */
	OUTCOME_REFUSED_COMMIT,   /* refused, but what was written stands (a counted wrong PIN) */
	OUTCOME_PREPARE,          /* run again once the slow work in ctx.want is done */
};

enum outcome refuse(struct ctx *c, Yoke__Status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
enum outcome store_failed(struct ctx *c, int rc);
/* Sets the reply's message without changing its status. */
void reply_message(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Queues a notice, published after the commit. */
void notify(struct ctx *c, const char *topic, const char *serial, Yoke__UnitStatus st,
    const char *text);

/* loop.c */
void server_config_default(struct server_config *cfg);
/* Empties the record caches (a load, a batch not committed); what they
 * handed out stays valid until server_caches_trim, between batches. */
void server_caches_clear(struct server *srv);
void server_caches_trim(struct server *srv);
void server_run(struct server *srv);
/* Next sequence number of a topic (1, 2, ...); the current one with peek. */
uint64_t topic_next(struct server *srv, const char *topic);
uint64_t topic_peek(struct server *srv, const char *topic);
/* Publishes one notice now (after a commit). */
void loop_publish(struct server *srv, struct arena *a, const struct notice *nt);

#endif
