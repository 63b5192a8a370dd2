/* outbox.c — see outbox.h. */
#include "server/notify/outbox.h"
#include "server/notify/notifier.h"
#include "shared/util.h"

#include <string.h>

static int
last_id(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	(void)v;
	(void)vl;
	if (kl == 8)
		*(uint64_t *)ud = get_be64(k);
	return 1;
}

static void
due_key(unsigned char *k, const Yoke__OutboxMessage *m)
{
	put_be64(k, (uint64_t)m->next_try_us);
	put_be64(k + 8, m->id);
}

/* The message goes on the sender's work list at its next try. */
static int
due_put(struct ctx *c, const Yoke__OutboxMessage *m)
{
	unsigned char k[16];
	due_key(k, m);
	notifier_soon(c->srv, NOTIFIER_OUTBOX, m->next_try_us);
	return store_put(c->txn, T_OUTBOX_DUE, k, 16, "", 0, 0);
}

int
outbox_get(struct ctx *c, uint64_t id, Yoke__OutboxMessage **m)
{
	unsigned char k[8];
	put_be64(k, id);
	return rec_get(c->txn, c->a, T_OUTBOX, k, 8, &yoke__outbox_message__descriptor, (void **)m);
}

int
outbox_done(struct ctx *c, uint64_t id, bool delivered, const char *error)
{
	Yoke__OutboxMessage *m;
	unsigned char k[16];
	int64_t wait;
	int rc = outbox_get(c, id, &m);

	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	if (m->delivered)
		return STORE_OK;
	due_key(k, m);
	if ((rc = store_del(c->txn, T_OUTBOX_DUE, k, 16, NULL, 0)) != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	m->attempts++;
	if (delivered) {
		m->delivered = true;
		m->delivered_us = c->now;
		m->last_error = (char *)"";
	} else {
		/* 30 s, 1 min, 2 min, ... at most an hour between tries: a receiver
		 * that is down is not hammered, and one that comes back is used
		 * within the hour. */
		wait = OUTBOX_RETRY_FIRST_S;
		for (uint32_t i = 1; i < m->attempts && wait < OUTBOX_RETRY_MAX_S; i++)
			wait *= 2;
		if (wait > OUTBOX_RETRY_MAX_S)
			wait = OUTBOX_RETRY_MAX_S;
		m->next_try_us = c->now + wait * 1000000;
		m->last_error = (char *)(error ? error : "");
		if ((rc = due_put(c, m)) != STORE_OK)
			return rc;
	}
	put_be64(k, m->id);
	return rec_put(c->txn, c->a, T_OUTBOX, k, 8, (const ProtobufCMessage *)m, 0);
}

struct due_walk {
	int64_t now;
	uint64_t *ids;
	int n, max;
	int64_t next;
	bool (*skip)(void *ud, uint64_t id);
	void *ud;
};

static int
due_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct due_walk *d = ud;
	int64_t when;
	uint64_t id;
	(void)v;
	(void)vl;
	if (kl != 16)
		return 0;
	when = (int64_t)get_be64(k);
	id = get_be64((const unsigned char *)k + 8);
	if (d->skip && d->skip(d->ud, id))
		return 0;
	if (when > d->now || d->n == d->max) {
		d->next = when;
		return 1;
	}
	d->ids[d->n++] = id;
	return 0;
}

int
outbox_due(struct ctx *c, uint64_t *ids, int max, bool (*skip)(void *ud, uint64_t id), void *ud,
    int *n, int64_t *next)
{
	struct due_walk d = { c->now, ids, 0, max, INT64_MAX, skip, ud };
	int rc = store_walk_prefix(c->txn, T_OUTBOX_DUE, NULL, 0, due_walk, &d);
	*n = d.n;
	*next = d.next;
	return rc;
}

int
outbox_put(struct ctx *c, Yoke__OutboxMessage *m, bool *fresh)
{
	unsigned char k[8];
	const void *v;
	size_t vl, kl = strlen(m->key);
	uint64_t last = 0;
	int rc;

	if (fresh)
		*fresh = false;
	if (kl == 0 || kl > KEY_MAX)
		return STORE_ERROR;
	rc = store_get(c->txn, T_OUTBOX_KEY, m->key, kl, &v, &vl);
	if (rc == STORE_OK)
		return STORE_OK;
	if (rc != STORE_NOTFOUND)
		return rc;
	if ((rc = store_walk_back(c->txn, T_OUTBOX, NULL, 0, last_id, &last)) != STORE_OK)
		return rc;
	m->id = last + 1;
	m->created_us = c->now;
	m->next_try_us = c->now;
	put_be64(k, m->id);
	if ((rc = rec_put(c->txn, c->a, T_OUTBOX, k, 8, (const ProtobufCMessage *)m, 0)) != STORE_OK)
		return rc;
	if ((rc = store_put(c->txn, T_OUTBOX_KEY, m->key, kl, k, 8, 0)) != STORE_OK)
		return rc;
	if ((rc = due_put(c, m)) != STORE_OK)
		return rc;
	if (fresh)
		*fresh = true;
	return STORE_OK;
}
