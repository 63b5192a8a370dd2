/*
 * dispatch.h — one batch of requests through every check to its handler,
 * without sockets: the loop (loop.c) feeds it what transport_recv took and
 * sends what it leaves in each work item; the fuzz target feeds it raw
 * bytes. The funnel, in order:
 *
 *   1. framing: a message of several frames is dropped and its device
 *      blocked for a while (auth_block)
 *   2. who: the terminal id bound to the connection's key; a device revoked
 *      since its handshake is NOT_AUTHORIZED; an older connection of a
 *      terminal that connected again is REPLACED
 *   3. decoding within an allocation budget (BAD_REQUEST), the version
 *      (UNSUPPORTED_VERSION), the text rules of every string field
 *      (BAD_REQUEST naming the field), the request table (UNKNOWN_REQUEST)
 *   4. a request that names another terminal is NOT_AUTHORIZED
 *   5. read-only requests run at once in one read transaction
 *   6. mutating requests, in one write transaction (a savepoint each only
 *      when a refused request had changed something: see run_writes):
 *      idempotency (same number and digest: the stored reply; same number,
 *      other content: refused; lower: dropped; implausibly far ahead:
 *      refused), then the session and the role the table asks for
 *      (requests.c), then the handler.
 *
 * The terminal record (idempotency and session) is written in the same
 * transaction as the change. A refusal is remembered only for a terminal
 * that has a record already (so a retry cannot have another effect); a
 * refused request from an unknown terminal stores nothing.
 */
#ifndef YOKE_DISPATCH_H
#define YOKE_DISPATCH_H

#include "server/server.h"
#include "server/net/transport.h"

/* Requests of one peer taken into one batch; more are dropped (it retries). */
#define BATCH_PER_PEER 4
/* How far ahead of the stored number a new request number may be. */
#define REQUEST_NO_JUMP_MAX 1000000u
/* Decoding budget: this much plus this many times the message size. */
#define DECODE_BUDGET_BASE (64u << 10)
#define DECODE_BUDGET_FACTOR 6u

struct request_type;

struct work {
	struct inbound in;
	struct offload_job *prep;     /* slow work done for this request (owned), or NULL */
	/* Filled by dispatch_batch: */
	Yoke__Request *rq;
	const struct request_type *type;
	char terminal[CERT_ID_MAX + 1];
	struct cert device;
	bool has_device;
	unsigned char digest[16];
	Yoke__Reply *rp;
	const char *lang;             /* the language its words are in ("en", "zh_CN"; i18n.h) */
	const uint8_t *bytes;         /* packed reply to send */
	size_t len;
	bool write;                   /* a mutating request that passed the door */
	bool replay;                  /* answered with the stored reply */
	bool send;                    /* a reply is ready */
	bool committed;               /* its changes are in the committed batch */
	struct offload_job *park;     /* waits for slow work: hand it to the offload thread */
	struct notice notices[NOTICES_MAX];
	int nnotices;
};

/* Called for each reply as soon as it may go out: reads before the batch's
 * writes wait for the disk, writes only after the commit. */
typedef void (*dispatch_reply_fn)(void *ud, struct work *w);

/* Runs the batch. Each work item ends with a reply (send), nothing (a
 * dropped message, a stale retry) or a job to park (park). */
void dispatch_batch(struct server *srv, struct arena *a, struct work *ws, int n,
    dispatch_reply_fn reply, void *ud);

#endif
