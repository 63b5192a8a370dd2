/*
 * req-badge-in.c — an operator badges in at a station. Operators get in
 * only when they are qualified for at least one operation done at this
 * station's kind in a released routing; leads, inspectors, engineers and
 * admins may badge in anywhere. The session lives in the store, so it
 * survives a server restart.
 */
#include "server/requests.h"
#include "server/unit.h"
#include "shared/defs.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>

struct qual_walk {
	struct arena *a;
	const Yoke__Operator *op;
	const char *kind;
	bool found;
};

static int
qual_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct qual_walk *q = ud;
	Yoke__Routing *r = rec_decode(q->a, &yoke__routing__descriptor, v, vl);
	(void)k;
	(void)kl;
	if (r == NULL || !r->released)
		return 0;
	for (size_t i = 0; i < r->n_operations; i++)
		if (strcmp(r->operations[i]->station_kind, q->kind) == 0 &&
		    defs_qualified(q->op, r->product, r->operations[i]->number))
			q->found = true;
	return q->found;
}

static void
new_token(char *out /* 33 */)
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n > 0)
			got += (size_t)n;
	}
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

enum outcome
req_badge_in(struct ctx *c)
{
	const Yoke__BadgeIn *b = c->rq->badge_in;
	Yoke__Station *st;
	Yoke__Operator *op;
	Yoke__SessionRecord s = YOKE__SESSION_RECORD__INIT;
	Yoke__BadgeInReply *r;
	char token[33];
	int rc;

	if (!ident_ok(b->station, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST, "Expected a station id, got \"%.40s\"",
		    b->station);
	if (!ident_ok(b->badge, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    "Expected a badge (1-64 printable characters), got \"%.40s\"", b->badge);
	rc = REC_GET(c->txn, c->a, T_STATION, b->station, yoke__station, &st);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, "Unknown station %s", b->station);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = REC_GET(c->txn, c->a, T_OPERATOR, b->badge, yoke__operator, &op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    "Unknown badge %s: scan your own badge, or ask your lead to register it", b->badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (op->role == YOKE__ROLE__ROLE_OPERATOR) {
		struct qual_walk q = { c->a, op, st->kind, false };
		if ((rc = store_walk_prefix(c->txn, T_ROUTING, NULL, 0, qual_walk, &q)) != STORE_OK)
			return store_failed(c, rc);
		if (!q.found)
			return refuse(c, YOKE__STATUS__STATUS_NOT_QUALIFIED,
			    "%s (badge %s) is not qualified for any operation at %s (%s)", op->name,
			    op->badge, st->id, st->kind);
	}
	new_token(token);
	s.badge = op->badge;
	s.station = st->id;
	s.terminal = c->rq->terminal;
	s.started_us = c->now;
	if ((rc = REC_PUT(c->txn, c->a, T_SESSION, token, &s)) != STORE_OK)
		return store_failed(c, rc);
	c->session = &s;
	c->op = op;
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_BADGE_IN, NULL, NULL);
	ev->text = arena_printf(c->a, "%s badged in at %s", op->name, st->id);
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);

	r = arena_alloc(c->a, sizeof *r);
	yoke__badge_in_reply__init(r);
	r->session = arena_strdup(c->a, token);
	r->badge = op->badge;
	r->operator_name = op->name;
	r->role = op->role;
	r->station = st->id;
	r->station_kind = st->kind;
	r->station_name = st->name;
	c->rp->body_case = YOKE__REPLY__BODY_BADGE_IN;
	c->rp->badge_in = r;
	reply_message(c, "Welcome, %s", op->name);
	return OUTCOME_COMMIT;
}
