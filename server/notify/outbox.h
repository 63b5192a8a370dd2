/*
 * outbox.h — what must reach the outside world (e-mail, webhooks) is
 * written here, in the transaction of the change that causes it, and
 * delivered afterwards by the sender with retries and back-off. A slow or
 * dead receiver never delays a station, and nothing is lost across a
 * crash: a message exists exactly when its cause was committed.
 *
 * Each message has an idempotency key ("alarm/12/level/2/<to>"): a second
 * outbox_put with the same key writes nothing, so a retried or replayed
 * request never sends twice. The sender marks a message delivered in its
 * own transaction after the receiver accepted it; a crash between the two
 * sends it again at most once more, which is why receivers are given the
 * key too (webhooks carry it; e-mail as its Message-ID).
 *
 * The messages not delivered yet are also in the outbox_due table, by
 * their next try: the sender's work list is the front of that table, never
 * a walk of every message ever sent.
 */
#ifndef YOKE_OUTBOX_H
#define YOKE_OUTBOX_H

#include "server/server.h"

/*
 * Writes m (key, channel, to, subject, body filled by the caller; id,
 * created_us, next_try_us filled here) unless a message with its key
 * exists: STORE_OK (written, or already there: *fresh says which; fresh
 * may be NULL), or a store error.
 */
int outbox_put(struct ctx *c, Yoke__OutboxMessage *m, bool *fresh);

/* Back-off after a failed try: the first wait, doubled per try, capped. */
#define OUTBOX_RETRY_FIRST_S 30
#define OUTBOX_RETRY_MAX_S 3600

/* Loads a message by id: STORE_OK, STORE_NOTFOUND. */
int outbox_get(struct ctx *c, uint64_t id, Yoke__OutboxMessage **m);
/*
 * The sender's answer for message id, written by the loop (the one
 * writer): delivered, or not (attempts + 1, last_error, the next try after
 * the back-off). A message delivered already stays as it is (a second
 * answer for it changes nothing).
 */
int outbox_done(struct ctx *c, uint64_t id, bool delivered, const char *error);
/*
 * The ids of up to max messages whose next try is at c->now or before,
 * soonest first, leaving out those skip() says (being sent now); *next is
 * the next try of the first one left (INT64_MAX: none).
 */
int outbox_due(struct ctx *c, uint64_t *ids, int max, bool (*skip)(void *ud, uint64_t id),
    void *ud, int *n, int64_t *next);

#endif
