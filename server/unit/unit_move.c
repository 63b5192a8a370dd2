/* unit_move.c — see unit_move.h. */
#include "server/unit/unit_move.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

/* What the walk looks for and what it found. */
struct holder_search {
	const char *station;       /* where the unit is open */
	const char *self;          /* this request's terminal: its own session is not there */
	int64_t now, idle_us;
	char badge[128];           /* found: the badge of a live session at station */
	int rc;                    /* STORE_ERROR: a record could not be read */
};

static int
find_holder(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct holder_search *h = ud;
	Yoke__TerminalRecord *t;
	const Yoke__SessionRecord *s;
	bool here;

	if (kl == strlen(h->self) && memcmp(k, h->self, kl) == 0)
		return 0;
	t = rec_decode(NULL, &yoke__terminal_record__descriptor, v, vl);
	if (t == NULL) {
		h->rc = STORE_ERROR;
		return 1;
	}
	s = t->session;
	here = s && !str_empty(s->token) && s->station && strcmp(s->station, h->station) == 0 &&
	    (h->idle_us <= 0 || h->now - s->last_used_us <= h->idle_us);
	if (here)
		strlcpy_yk(h->badge, s->badge ? s->badge : "", sizeof h->badge);
	protobuf_c_message_free_unpacked(&t->base, NULL);
	return here ? 1 : 0;
}

enum outcome
unit_move_check(struct ctx *c, const Yoke__UnitRecord *u)
{
	struct holder_search h = {
		.station = u->station, .self = c->terminal, .now = c->now,
		.idle_us = (int64_t)c->srv->cfg.session_idle_s * 1000000, .rc = STORE_OK,
	};
	Yoke__Operator *op = NULL;
	int rc;

	rc = store_walk_prefix(c->txn, T_TERMINAL, NULL, 0, find_holder, &h);
	if (rc == STORE_OK)
		rc = h.rc;
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (h.badge[0] == '\0')
		return OUTCOME_COMMIT;
	rc = REC_GET(c->txn, c->a, T_OPERATOR, h.badge, yoke__operator, &op);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	return refuse(c, YOKE__STATUS__STATUS_UNIT_BUSY, _("Unit %s is open at station %s, where %s "
	    "(badge %s) is badged in: finish it there, or badge out there first"), u->serial,
	    u->station, op ? op->name : h.badge, h.badge);
}

int
unit_move_record(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_UNIT_MOVED, u, r);

	ev->text = arena_printf(c->a, _("Unit moved from %s to %s: no one was badged in at %s"),
	    u->station, c->station->id, u->station);
	u->station = c->station->id;
	return unit_event_append(c, u, ev);
}
