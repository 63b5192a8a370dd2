/* outbox.c — see outbox.h. */
#include "server/notify/outbox.h"
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
	if (fresh)
		*fresh = true;
	return STORE_OK;
}
