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

#endif
