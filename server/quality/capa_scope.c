/* capa_scope.c — see capa_scope.h. */
#include "server/quality/capa_scope.h"
#include "server/quality/ncr.h"
#include "shared/util.h"

#include <string.h>

/*
 * Field numbers of the stored messages read here from their bytes
 * (proto/yoke.proto Event, proto/store.proto WorkOrderRecord), and the
 * protobuf wire types. Changing one of these fields' numbers in the
 * .proto means changing it here.
 */
enum {
	EVENT_KIND = 3, EVENT_WORK_ORDER = 5, EVENT_STATION = 6, EVENT_OPERATION = 9,
	EVENT_NCR = 30, EVENT_DEFECT = 32,
	WORK_ORDER_PRODUCT = 2,
};
enum { WIRE_VARINT = 0, WIRE_FIXED64 = 1, WIRE_LEN = 2, WIRE_FIXED32 = 5 };

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

/* ---- the wire format, read ---- */

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

/*
 * Calls fn for each top-level field of a packed message: its number, and
 * its value (a varint in *num, or the bytes of a length-delimited one).
 * fn returns true to stop. False when the bytes are not a message.
 */
typedef bool (*field_fn)(void *ud, uint32_t field, uint64_t num, const unsigned char *p, size_t n);

static bool
each_field(const unsigned char *p, size_t len, field_fn fn, void *ud)
{
	const unsigned char *end = p + len;
	while (p < end) {
		uint64_t key, n = 0;
		const unsigned char *val = NULL;
		if (!varint(&p, end, &key) || (key >> 3) == 0 || (key >> 3) > UINT32_MAX)
			return false;
		switch (key & 7) {
		case WIRE_VARINT:
			if (!varint(&p, end, &n))
				return false;
			break;
		case WIRE_FIXED64:
			if ((size_t)(end - p) < 8)
				return false;
			p += 8;
			break;
		case WIRE_FIXED32:
			if ((size_t)(end - p) < 4)
				return false;
			p += 4;
			break;
		case WIRE_LEN:
			if (!varint(&p, end, &n) || n > (uint64_t)(end - p))
				return false;
			val = p;
			p += n;
			break;
		default:
			return false;     /* groups: not in our records */
		}
		if ((key & 7) == WIRE_VARINT || (key & 7) == WIRE_LEN)
			if (fn(ud, (uint32_t)(key >> 3), n, val, val ? (size_t)n : 0))
				return true;
	}
	return true;
}

static bool
event_field(void *ud, uint32_t field, uint64_t num, const unsigned char *p, size_t n)
{
	struct capa_event *e = ud;
	struct span sp = { (const char *)p, n };
	switch (field) {
	case EVENT_KIND: e->kind = (uint32_t)num; break;
	case EVENT_OPERATION: e->operation = (uint32_t)num; break;
	case EVENT_WORK_ORDER: if (p) e->work_order = sp; break;
	case EVENT_STATION: if (p) e->station = sp; break;
	case EVENT_NCR: if (p) e->ncr = sp; break;
	case EVENT_DEFECT: if (p) e->defect = sp; break;
	default: break;
	}
	return false;
}

bool
capa_event_read(const void *v, size_t vl, struct capa_event *e)
{
	const unsigned char *b = v;
	memset(e, 0, sizeof *e);
	if (vl < 1 || b[0] != RECORD_VERSION)
		return false;
	return each_field(b + 1, vl - 1, event_field, e);
}

struct product_field {
	struct span product;
	bool found;
};

static bool
product_field(void *ud, uint32_t field, uint64_t num, const unsigned char *p, size_t n)
{
	struct product_field *f = ud;
	(void)num;
	if (field != WORK_ORDER_PRODUCT || p == NULL)
		return false;
	f->product = (struct span){ (const char *)p, n };
	f->found = true;
	return true;
}

/* ---- in scope ---- */

static bool
is(struct span s, const char *text)
{
	return text && s.n == strlen(text) && (s.n == 0 || memcmp(s.p, text, s.n) == 0);
}

/* Whether the bytes hold the needle (memmem is not in C11 or POSIX). */
static bool
holds(const unsigned char *v, size_t vl, const char *needle, size_t n)
{
	const unsigned char *end = v + vl, *p = v;
	if (n == 0)
		return true;
	while (n <= (size_t)(end - p) && (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return true;
		p++;
	}
	return false;
}

bool
capa_scope_maybe(struct capa_scope *s, const void *v, size_t vl)
{
	size_t n;
	if (s->station == NULL)
		return true;
	/* A protobuf string field is its tag, its length and its bytes as
	 * they are: an event at the station holds exactly these, and an id
	 * that merely starts the same way ("SMT-1" in "SMT-12") does not. A
	 * long id (its length would take two bytes) looks for its bytes. */
	if (s->needle_len == 0) {
		n = strlen(s->station);
		if (n < 128 && n + 2 <= sizeof s->needle) {
			s->needle[0] = (char)(EVENT_STATION << 3 | WIRE_LEN);
			s->needle[1] = (char)n;
			memcpy(s->needle + 2, s->station, n);
			s->needle_len = n + 2;
		} else {
			strlcpy_yk(s->needle, s->station, sizeof s->needle);
			s->needle_len = strlen(s->needle);
		}
	}
	return holds(v, vl, s->needle, s->needle_len);
}

/* Whether the work order makes the scope's product. */
static int
of_product(struct ctx *c, struct capa_scope *s, struct span wo, bool *yes)
{
	const unsigned char *v;
	struct product_field f = { { NULL, 0 }, false };
	size_t vl;
	int rc;

	*yes = false;
	if (wo.n == 0 || wo.n >= sizeof s->cache[0].work_order)
		return STORE_OK;
	for (size_t i = 0; i < s->ncache; i++)
		if (is(wo, s->cache[i].work_order)) {
			*yes = s->cache[i].match;
			return STORE_OK;
		}
	rc = store_get(c->txn, T_WORK_ORDER, wo.p, wo.n, (const void **)&v, &vl);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	if (vl < 1 || v[0] != RECORD_VERSION || !each_field(v + 1, vl - 1, product_field, &f))
		return STORE_ERROR;
	*yes = f.found && is(f.product, s->product);
	size_t slot = s->ncache < CAPA_SCOPE_CACHE ? s->ncache++ : s->next++ % CAPA_SCOPE_CACHE;
	memcpy(s->cache[slot].work_order, wo.p, wo.n);
	s->cache[slot].work_order[wo.n] = '\0';
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
in_scope(struct ctx *c, struct capa_scope *s, const struct capa_event *e, bool *yes)
{
	*yes = false;
	if (s->station)
		*yes = is(e->station, s->station);
	else if (at_op(s, e->operation))
		return of_product(c, s, e->work_order, yes);
	return STORE_OK;
}

int
capa_scope_unit(struct ctx *c, struct capa_scope *s, const struct capa_event *e, bool *yes)
{
	*yes = false;
	if (e->kind != YOKE__EVENT_KIND__EVENT_OP_COMPLETED && e->kind != YOKE__EVENT_KIND__EVENT_FAILED)
		return STORE_OK;
	return in_scope(c, s, e, yes);
}

int
capa_scope_ncr_event(struct ctx *c, struct capa_scope *s, const struct capa_event *e, bool *yes)
{
	*yes = false;
	if (e->kind != YOKE__EVENT_KIND__EVENT_NCR_OPENED || !is(e->defect, s->defect))
		return STORE_OK;
	return in_scope(c, s, e, yes);
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
