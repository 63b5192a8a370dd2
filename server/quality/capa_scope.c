/* capa_scope.c — see capa_scope.h. */
#include "server/quality/capa_scope.h"
#include "server/quality/ncr.h"
#include "shared/util.h"

#include <string.h>

/* WorkOrderRecord.product (proto/store.proto). */
#define WORK_ORDER_PRODUCT_FIELD 2

int
capa_scope_of(struct ctx *c, const Yoke__Capa *k, struct capa_scope *s)
{
	memset(s, 0, sizeof *s);
	s->defect = k->defect;
	if (!str_empty(k->station)) {
		s->station = k->station;
		return STORE_OK;
	}
	s->product = k->product;
	for (size_t i = 0; i < k->n_ncrs && s->nops < CAPA_NCRS_MAX; i++) {
		Yoke__Ncr *n;
		bool have = false;
		int rc = ncr_get(c, k->ncrs[i], &n);
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return rc;
		for (size_t j = 0; j < s->nops && !have; j++)
			have = s->ops[j] == n->operation;
		if (!have)
			s->ops[s->nops++] = n->operation;
	}
	return STORE_OK;
}

/* Whether the bytes hold the text (memmem is not in C11 or POSIX). */
static bool
holds(const unsigned char *v, size_t vl, const char *text)
{
	size_t n = strlen(text);
	const unsigned char *end = v + vl, *p = v;
	if (n == 0)
		return true;
	while (n <= (size_t)(end - p) && (p = memchr(p, text[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, text, n) == 0)
			return true;
		p++;
	}
	return false;
}

bool
capa_scope_maybe(const struct capa_scope *s, const void *v, size_t vl)
{
	/* A protobuf string is its bytes as they are: an event at the station
	 * holds the id somewhere in its value. */
	return s->station == NULL || holds(v, vl, s->station);
}

static bool
varint(const unsigned char **p, const unsigned char *end, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned char b = *(*p)++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false;
}

/* A top-level length-delimited field of a packed message, read from the
 * bytes without unpacking the rest: false when absent or malformed. */
static bool
packed_field(const unsigned char *p, size_t len, uint32_t field, const unsigned char **out,
    size_t *outlen)
{
	const unsigned char *end = p + len;
	while (p < end) {
		uint64_t key, n;
		if (!varint(&p, end, &key))
			return false;
		switch (key & 7) {
		case 0:
			if (!varint(&p, end, &n))
				return false;
			break;
		case 1:
			if ((size_t)(end - p) < 8)
				return false;
			p += 8;
			break;
		case 5:
			if ((size_t)(end - p) < 4)
				return false;
			p += 4;
			break;
		case 2:
			if (!varint(&p, end, &n) || n > (uint64_t)(end - p))
				return false;
			if ((key >> 3) == field) {
				*out = p;
				*outlen = (size_t)n;
				return true;
			}
			p += n;
			break;
		default:
			return false;
		}
	}
	return false;
}

/* Whether the work order makes the scope's product. */
static int
of_product(struct ctx *c, struct capa_scope *s, const char *wo, bool *yes)
{
	const unsigned char *v, *prod;
	size_t vl, pl;
	int rc;

	*yes = false;
	if (str_empty(wo) || strlen(wo) >= sizeof s->cache[0].work_order)
		return STORE_OK;
	for (size_t i = 0; i < s->ncache; i++)
		if (strcmp(s->cache[i].work_order, wo) == 0) {
			*yes = s->cache[i].match;
			return STORE_OK;
		}
	rc = store_get(c->txn, T_WORK_ORDER, wo, strlen(wo), (const void **)&v, &vl);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	if (vl < 1 || v[0] != RECORD_VERSION)
		return STORE_ERROR;
	*yes = packed_field(v + 1, vl - 1, WORK_ORDER_PRODUCT_FIELD, &prod, &pl) &&
	    pl == strlen(s->product) && memcmp(prod, s->product, pl) == 0;
	size_t slot = s->ncache < CAPA_SCOPE_CACHE ? s->ncache++ : s->next++ % CAPA_SCOPE_CACHE;
	strlcpy_yk(s->cache[slot].work_order, wo, sizeof s->cache[slot].work_order);
	s->cache[slot].match = *yes;
	return STORE_OK;
}

static bool
at_op(const struct capa_scope *s, uint32_t op)
{
	for (size_t i = 0; i < s->nops; i++)
		if (s->ops[i] == op)
			return true;
	return false;
}

/* The event's place is in scope: at the station, or of the product at one
 * of the operations. */
static int
in_scope(struct ctx *c, struct capa_scope *s, const Yoke__Event *ev, bool *yes)
{
	*yes = false;
	if (s->station)
		*yes = strcmp(ev->station, s->station) == 0;
	else if (at_op(s, ev->operation))
		return of_product(c, s, ev->work_order, yes);
	return STORE_OK;
}

int
capa_scope_unit(struct ctx *c, struct capa_scope *s, const Yoke__Event *ev, bool *yes)
{
	*yes = false;
	if (ev->kind != YOKE__EVENT_KIND__EVENT_OP_COMPLETED && ev->kind != YOKE__EVENT_KIND__EVENT_FAILED)
		return STORE_OK;
	return in_scope(c, s, ev, yes);
}

int
capa_scope_ncr_event(struct ctx *c, struct capa_scope *s, const Yoke__Event *ev, bool *yes)
{
	*yes = false;
	if (ev->kind != YOKE__EVENT_KIND__EVENT_NCR_OPENED || strcmp(ev->defect, s->defect) != 0)
		return STORE_OK;
	return in_scope(c, s, ev, yes);
}

bool
capa_scope_ncr(const struct capa_scope *s, const Yoke__Ncr *n)
{
	if (strcmp(n->defect, s->defect) != 0)
		return false;
	if (s->station)
		return strcmp(n->station, s->station) == 0;
	return strcmp(n->product, s->product) == 0 && at_op(s, n->operation);
}
