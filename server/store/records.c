/* records.c — see records.h. */
#include "server/store/records.h"
#include "shared/util.h"

#include <string.h>

void *
rec_decode(struct arena *a, const ProtobufCMessageDescriptor *d, const void *v, size_t vl)
{
	const unsigned char *p = v;
	if (vl < 1 || p[0] != RECORD_VERSION)
		return NULL;
	return protobuf_c_message_unpack(d, a ? arena_protobuf(a) : NULL, vl - 1, p + 1);
}

int
rec_get(struct txn *t, struct arena *a, enum store_table tb, const void *k, size_t kl,
    const ProtobufCMessageDescriptor *d, void **out)
{
	const void *v;
	size_t vl;
	int rc;

	*out = NULL;
	if (kl == 0 || kl > 511)
		return STORE_NOTFOUND;
	rc = store_get(t, tb, k, kl, &v, &vl);
	if (rc != STORE_OK)
		return rc;
	*out = rec_decode(a, d, v, vl);
	return *out ? STORE_OK : STORE_ERROR;
}

int
rec_get_cached(struct txn *t, struct record_cache *rc, enum store_table tb, const char *key,
    const ProtobufCMessageDescriptor *d, void **out)
{
	size_t kl = strlen(key);
	int rv;

	if ((*out = record_cache_get(rc, key, kl)) != NULL)
		return STORE_OK;
	if ((rv = rec_get(t, NULL, tb, key, kl, d, out)) != STORE_OK)
		return rv;
	record_cache_put(rc, key, kl, *out);
	return STORE_OK;
}

int
rec_put(struct txn *t, struct arena *a, enum store_table tb, const void *k, size_t kl,
    const ProtobufCMessage *m, unsigned flags)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	unsigned char *buf = arena_alloc(a, n + 1);
	buf[0] = RECORD_VERSION;
	protobuf_c_message_pack(m, buf + 1);
	return store_put(t, tb, k, kl, buf, n + 1, flags);
}

static size_t
join(char *buf, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la + lb + 1 > KEY_MAX)
		return 0;
	memcpy(buf, a, la);
	buf[la] = '\0';
	memcpy(buf + la + 1, b, lb);
	return la + 1 + lb;
}

size_t
key_routing(char *buf, const char *product, const char *rev)
{
	return join(buf, product, rev);
}

size_t
key_wo_op(char *buf, const char *wo, uint32_t opno)
{
	size_t l = strlen(wo);
	if (l + 5 > KEY_MAX)
		return 0;
	memcpy(buf, wo, l);
	buf[l] = '\0';
	put_be32((unsigned char *)buf + l + 1, opno);
	return l + 5;
}

size_t
key_capa_trigger(char *buf, const char *defect, bool per_part)
{
	return join(buf, defect, per_part ? "part" : "station");
}

/* kind \0 priority due \0 serial: a walk of one kind's prefix yields the
 * queue in priority order, then by due date, then by serial. */
size_t
key_queue(char *buf, const char *kind, uint32_t priority, const char *due, const char *serial)
{
	size_t lk = strlen(kind), ls = strlen(serial);
	char d[11] = "9999-12-31";
	if (due && strlen(due) == 10)
		memcpy(d, due, 10);
	if (lk + 1 + 1 + 10 + 1 + ls > KEY_MAX)
		return 0;
	memcpy(buf, kind, lk);
	buf[lk] = '\0';
	buf[lk + 1] = (char)('0' + (priority > 9 ? 9 : priority));
	memcpy(buf + lk + 2, d, 10);
	buf[lk + 12] = '\0';
	memcpy(buf + lk + 13, serial, ls);
	return lk + 13 + ls;
}

int
rec_event_append(struct txn *t, struct arena *a, Yoke__Event *ev)
{
	size_t n;
	unsigned char *buf;
	uint64_t seq;
	int rc;

	ev->seq = 0;   /* the key carries it */
	n = yoke__event__get_packed_size(ev);
	buf = arena_alloc(a, n + 1);
	buf[0] = RECORD_VERSION;
	yoke__event__pack(ev, buf + 1);
	if ((rc = store_event_append(t, buf, n + 1, &seq)) != STORE_OK)
		return rc;
	ev->seq = seq;
	return STORE_OK;
}
