/* scar.c — see scar.h. */
#include "server/material/scar.h"
#include "server/material/lot.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define SCAR_PREFIX "SCAR-"
#define LOTS_AFTER_MAX 100

const char *
scar_name(struct ctx *c, uint64_t number)
{
	return arena_printf(c->a, SCAR_PREFIX "%06" PRIu64, number);
}

static bool
scar_number(const char *name, uint64_t *n)
{
	const char *p = name;
	char *end;
	if (strncmp(p, SCAR_PREFIX, strlen(SCAR_PREFIX)) == 0)
		p += strlen(SCAR_PREFIX);
	if (*p < '0' || *p > '9' || strlen(p) > 18)
		return false;
	*n = strtoull(p, &end, 10);
	return *end == '\0' && *n > 0;
}

int
scar_get(struct ctx *c, const char *name, Yoke__Scar **s)
{
	unsigned char k[8];
	uint64_t no;
	if (!scar_number(name, &no))
		return STORE_NOTFOUND;
	put_be64(k, no);
	return rec_get(c->txn, c->a, T_SCAR, k, 8, &yoke__scar__descriptor, (void **)s);
}

static int
put(struct ctx *c, const Yoke__Scar *s, unsigned flags)
{
	unsigned char k[8];
	uint64_t no;
	if (!scar_number(s->number, &no))
		return STORE_ERROR;
	put_be64(k, no);
	return rec_put(c->txn, c->a, T_SCAR, k, 8, (const ProtobufCMessage *)s, flags);
}

int
scar_put(struct ctx *c, const Yoke__Scar *s)
{
	return put(c, s, 0);
}

static int
last_key(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	(void)v;
	(void)vl;
	*(uint64_t *)ud = kl == 8 ? get_be64(k) : 0;
	return 1;
}

int
scar_add(struct ctx *c, Yoke__Scar *s)
{
	uint64_t last = 0;
	int rc = store_walk_back(c->txn, T_SCAR, NULL, 0, last_key, &last);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	s->number = (char *)scar_name(c, last + 1);
	return put(c, s, STORE_APPEND);
}

struct each {
	struct ctx *c;
	int (*fn)(void *ud, Yoke__Scar *s);
	void *ud;
	int rc;
};

static int
each_one(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct each *e = ud;
	Yoke__Scar *s;
	(void)k;
	(void)kl;
	if ((s = rec_decode(e->c->a, &yoke__scar__descriptor, v, vl)) == NULL) {
		e->rc = STORE_ERROR;
		return 1;
	}
	return e->fn(e->ud, s);
}

int
scar_walk(struct ctx *c, int (*fn)(void *ud, Yoke__Scar *s), void *ud)
{
	struct each e = { c, fn, ud, STORE_OK };
	int rc = store_walk_back(c->txn, T_SCAR, NULL, 0, each_one, &e);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	return e.rc;
}

/* ---- the evidence ---- */

struct lots_after {
	struct ctx *c;
	const Yoke__Scar *s;
	Yoke__Lot **lots;             /* newest first */
	size_t n, cap, read;
	int rc;
};

static int
lot_after(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct lots_after *w = ud;
	Yoke__Lot *l;
	(void)k;
	(void)kl;
	if (++w->read > SCAR_WALK_MAX)
		return 1;
	if ((l = rec_decode(NULL, &yoke__lot__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	bool before = l->received_us < w->s->opened_us;
	bool mine = !before && strcmp(l->part, w->s->part) == 0 &&
	    strcmp(l->supplier, w->s->supplier) == 0;
	if (mine) {
		if (w->n == w->cap) {
			size_t cap = w->cap ? 2 * w->cap : 16;
			Yoke__Lot **lots = ARENA_NEW(w->c->a, Yoke__Lot *, cap);
			if (w->n)
				memcpy(lots, w->lots, w->n * sizeof *lots);
			w->lots = lots;
			w->cap = cap;
		}
		/* Kept: copied into the arena. */
		Yoke__Lot *keep = arena_alloc(w->c->a, sizeof *keep);
		yoke__lot__init(keep);
		keep->id = arena_strdup(w->c->a, l->id);
		keep->supplier_lot = arena_strdup(w->c->a, l->supplier_lot);
		keep->status = l->status;
		keep->received_us = l->received_us;
		w->lots[w->n++] = keep;
	}
	protobuf_c_message_free_unpacked((ProtobufCMessage *)l, NULL);
	return before;
}

int
scar_fill(struct ctx *c, Yoke__Scar *s, char ***run)
{
	s->overdue = s->state == YOKE__SCAR_STATE__SCAR_OPEN && lot_expired(s->response_due, c->now) &&
	    (str_empty(s->d4_root_cause) || str_empty(s->d5_corrective_action));
	if (run == NULL)
		return STORE_OK;
	struct lots_after w = { c, s, NULL, 0, 0, 0, STORE_OK };
	int rc = store_walk_back(c->txn, T_LOT, NULL, 0, lot_after, &w);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if (w.rc != STORE_OK)
		return w.rc;
	*run = ARENA_NEW(c->a, char *, w.n + 1);
	s->lots_accepted = 0;
	s->n_lots_after = 0;
	s->lots_after = ARENA_NEW(c->a, char *, w.n < LOTS_AFTER_MAX ? w.n + 1 : LOTS_AFTER_MAX);
	for (size_t i = w.n; i-- > 0;) {           /* oldest first */
		const Yoke__Lot *l = w.lots[i];
		switch (l->status) {
		case YOKE__LOT_STATUS__LOT_RELEASED:
			(*run)[s->lots_accepted++] = l->id;
			break;
		case YOKE__LOT_STATUS__LOT_PENDING_INSPECTION:
			break;
		default:
			s->lots_accepted = 0;
			break;
		}
		if (s->n_lots_after < LOTS_AFTER_MAX)
			s->lots_after[s->n_lots_after++] = arena_printf(c->a, "%s (%s): %s", l->id,
			    l->supplier_lot, lot_status_text(l->status));
	}
	return STORE_OK;
}

int
scar_event(struct ctx *c, const Yoke__Scar *s, const char *text, Yoke__SignatureRecord *by)
{
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_SCAR, NULL, NULL);
	ev->detail = s->number;
	ev->part = s->part;
	ev->ncr = s->ncr;
	ev->text = (char *)text;
	if (by) {
		ev->n_signatures = 1;
		ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
		ev->signatures[0] = by;
	}
	return rec_event_append(c->txn, c->a, ev);
}

void
scar_reply(struct ctx *c, Yoke__Scar **s, size_t n)
{
	Yoke__ScarReply *sr = arena_alloc(c->a, sizeof *sr);
	yoke__scar_reply__init(sr);
	sr->scars = s;
	sr->n_scars = n;
	c->rp->body_case = YOKE__REPLY__BODY_SCARS;
	c->rp->scars = sr;
}
