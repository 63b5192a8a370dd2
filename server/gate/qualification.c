/*
 * qualification.c — qualifications that expire, at badge-in (gate.h): the
 * entries of qualified= that allow an operation done at the station's kind
 * in a released routing are the ones that count there.
 */
#include "server/gate/gate.h"
#include "server/store/records.h"
#include "shared/defs/defs.h"
#include "shared/defs/defs_gate.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <limits.h>
#include <string.h>

struct qual_expiry {
	struct ctx *c;
	const Yoke__Operator *op;
	const char *kind;
	int32_t today;
	bool any;                 /* some operation here is allowed at all */
	bool valid;               /* ... by an entry not expired (or that never expires) */
	int32_t soonest;          /* of the valid ones that expire: the soonest */
	const char *soonest_entry;
	int32_t latest;           /* of the expired ones: the latest */
	const char *latest_entry;
};

static int
qual_expiry_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct qual_expiry *q = ud;
	Yoke__Routing *r = rec_decode(q->c->a, &yoke__routing__descriptor, v, vl);
	(void)k;
	(void)kl;
	if (r == NULL || !r->released)
		return 0;
	for (size_t i = 0; i < r->n_operations + r->n_rework_operations; i++) {
		const Yoke__Operation *op = i < r->n_operations ? r->operations[i] :
		    r->rework_operations[i - r->n_operations];
		const char *entry;
		int32_t until;
		if (strcmp(op->station_kind, q->kind) != 0 || !defs_qualified(q->op, r->product, op->number))
			continue;
		q->any = true;
		if (!defs_qualification_expiry(q->op, r->product, op->number, &until, &entry)) {
			q->valid = true;         /* never expires */
			continue;
		}
		if (until >= q->today) {
			q->valid = true;
			if (q->soonest_entry == NULL || until < q->soonest) {
				q->soonest = until;
				q->soonest_entry = entry;
			}
		} else if (q->latest_entry == NULL || until > q->latest) {
			q->latest = until;
			q->latest_entry = entry;
		}
	}
	return 0;
}

/* gate qual_warn_days=, or the default. */
static int
warn_days(struct ctx *c, uint32_t *days)
{
	Yoke__GateSettings *g;
	int rc = REC_GET(c->txn, c->a, T_GATE, "settings", yoke__gate_settings, &g);
	*days = DEFS_QUAL_WARN_DAYS_DEFAULT;
	if (rc == STORE_OK)
		*days = g->qual_warn_days;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

enum outcome
gate_badge_in(struct ctx *c, const Yoke__Operator *op, const Yoke__Station *st,
    const char **warning)
{
	struct qual_expiry q = { .c = c, .op = op, .kind = st->kind, .today = gate_today(c) };
	char date[16];
	uint32_t days;
	int rc;

	*warning = NULL;
	if ((rc = store_walk_prefix(c->txn, T_ROUTING, NULL, 0, qual_expiry_walk, &q)) != STORE_OK)
		return store_failed(c, rc);
	if (q.any && !q.valid && op->role == YOKE__ROLE__ROLE_OPERATOR) {
		defs_date_text(q.latest, date, sizeof date);
		return refuse(c, YOKE__STATUS__STATUS_QUALIFICATION_EXPIRED, _("%s (badge %s): the "
		    "qualification %s for %s expired on %s. Renew it before badging in at %s"), op->name,
		    op->badge, q.latest_entry, st->kind, date, st->id);
	}
	if (q.soonest_entry == NULL)
		return OUTCOME_COMMIT;
	if ((rc = warn_days(c, &days)) != STORE_OK)
		return store_failed(c, rc);
	if (q.soonest - q.today > (int32_t)days)
		return OUTCOME_COMMIT;
	defs_date_text(q.soonest, date, sizeof date);
	if (q.soonest == q.today)
		*warning = arena_printf(c->a, _("Your qualification %s expires today (%s): renew it"),
		    q.soonest_entry, date);
	else
		*warning = arena_printf(c->a, P_("Your qualification %s expires on %s, in %d day",
		    "Your qualification %s expires on %s, in %d days", (unsigned long)(q.soonest - q.today)),
		    q.soonest_entry, date, (int)(q.soonest - q.today));
	return OUTCOME_COMMIT;
}
