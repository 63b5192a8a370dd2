/* hold.c — see hold.h. */
#include "server/quality/hold.h"
#include "server/quality/counter.h"
#include "server/quality/ncr.h"
#include "server/unit/unit.h"
#include "shared/step_rules.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

const char *
hold_scope_text(Yoke__HoldScope s)
{
	switch (s) {
	case YOKE__HOLD_SCOPE__HOLD_UNIT: return _("unit");
	case YOKE__HOLD_SCOPE__HOLD_UNITS: return _("units");
	case YOKE__HOLD_SCOPE__HOLD_WORK_ORDER: return _("work order");
	case YOKE__HOLD_SCOPE__HOLD_COMPONENT: return _("component");
	case YOKE__HOLD_SCOPE__HOLD_STATION: return _("station");
	default: return "?";
	}
}

/* hold_scope key: the scope's number, then the target. */
static size_t
scope_key(char *buf, Yoke__HoldScope s, const char *target)
{
	size_t n = strlen(target);
	if (n + 1 > KEY_MAX)
		return 0;
	buf[0] = (char)s;
	memcpy(buf + 1, target, n);
	return n + 1;
}

static size_t
id_key(unsigned char *buf, uint64_t id)
{
	put_be64(buf, id);
	return 8;
}

int
hold_get(struct ctx *c, uint64_t id, Yoke__Hold **h)
{
	unsigned char k[8];
	return rec_get(c->txn, c->a, T_HOLD, k, id_key(k, id), &yoke__hold__descriptor, (void **)h);
}

static int
hold_put(struct ctx *c, const Yoke__Hold *h)
{
	unsigned char k[8];
	return rec_put(c->txn, c->a, T_HOLD, k, id_key(k, h->id), (const ProtobufCMessage *)h, 0);
}

/* The first open hold of a scope key: STORE_OK and *h, or STORE_NOTFOUND. */
static int
scope_first(struct ctx *c, Yoke__HoldScope s, const char *target, Yoke__Hold **h)
{
	char key[KEY_MAX];
	size_t kl = scope_key(key, s, target);
	const void *v;
	size_t vl;
	int rc;
	if (kl == 0)
		return STORE_NOTFOUND;
	if ((rc = store_get(c->txn, T_HOLD_SCOPE, key, kl, &v, &vl)) != STORE_OK)
		return rc;
	if (vl != 8)
		return STORE_ERROR;
	return hold_get(c, get_be64(v), h);
}

int
hold_of_work_order(struct ctx *c, const char *wo, Yoke__Hold **h)
{
	return scope_first(c, YOKE__HOLD_SCOPE__HOLD_WORK_ORDER, wo, h);
}

static enum outcome
held(struct ctx *c, const char *what, const Yoke__Hold *h)
{
	if (h->source == YOKE__HOLD_SOURCE__HOLD_NCR && h->scope == YOKE__HOLD_SCOPE__HOLD_COMPONENT)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
		    _("%s is held: it was built with lot %s, which %s holds: %s. It goes on once that "
		    "NCR is decided and closed"), what, h->targets[0], h->ncr, h->reason);
	if (h->source == YOKE__HOLD_SOURCE__HOLD_NCR)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
		    _("%s is held by %s: %s. It needs a disposition before any more work"), what, h->ncr,
		    h->reason);
	return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
	    _("%s is held (hold %llu, %s): %s. Ask a lead or inspector to release it"), what,
	    (unsigned long long)h->id, h->placed ? h->placed->name : "", h->reason);
}

enum outcome
hold_unit_check(struct ctx *c, const Yoke__UnitRecord *u)
{
	Yoke__Hold *h;
	int rc;
	if (u->n_holds > 0) {
		rc = hold_get(c, u->holds[u->n_holds - 1], &h);
		if (rc != STORE_OK)
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
		return held(c, arena_printf(c->a, _("Unit %s"), u->serial), h);
	}
	rc = hold_of_work_order(c, u->work_order, &h);
	if (rc == STORE_OK)
		return held(c, arena_printf(c->a, _("Work order %s of unit %s"), u->work_order,
		    u->serial), h);
	return rc == STORE_NOTFOUND ? OUTCOME_COMMIT : store_failed(c, rc);
}

enum outcome
hold_subassembly_check(struct ctx *c, const char *part, const char *serial)
{
	Yoke__UnitRecord *u;
	int rc = REC_GET(c->txn, c->a, T_UNIT, serial, yoke__unit_record, &u);
	if (rc == STORE_NOTFOUND)
		return OUTCOME_COMMIT;
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (strcmp(u->product, part) != 0)
		return OUTCOME_COMMIT;
	if (u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
		    _("Sub-assembly %s/%s is scrapped: take another one"), part, serial);
	if (u->status == YOKE__UNIT_STATUS__UNIT_FAILED && u->n_holds == 0)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
		    _("Sub-assembly %s/%s failed and waits for a disposition: %s. Take another one"),
		    part, serial, u->hold_reason);
	return hold_unit_check(c, u);
}

enum outcome
hold_station_check(struct ctx *c, const char *station)
{
	Yoke__Hold *h;
	int rc = scope_first(c, YOKE__HOLD_SCOPE__HOLD_STATION, station, &h);
	if (rc == STORE_OK)
		return held(c, arena_printf(c->a, _("Station %s"), station), h);
	return rc == STORE_NOTFOUND ? OUTCOME_COMMIT : store_failed(c, rc);
}

struct ncr_hold_walk {
	struct ctx *c;
	Yoke__Hold **h;
	int rc;
};

static int
ncr_hold_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct ncr_hold_walk *w = ud;
	(void)k;
	(void)kl;
	if (vl != 8) {
		w->rc = STORE_ERROR;
		return 1;
	}
	if ((w->rc = hold_get(w->c, get_be64(v), w->h)) != STORE_OK) {
		if (w->rc == STORE_NOTFOUND)
			w->rc = STORE_ERROR;
		return 1;
	}
	if ((*w->h)->source == YOKE__HOLD_SOURCE__HOLD_NCR)
		return 1;
	w->rc = STORE_NOTFOUND;
	return 0;
}

int
hold_ncr_of_component(struct ctx *c, const char *label, Yoke__Hold **h)
{
	struct ncr_hold_walk w = { c, h, STORE_NOTFOUND };
	char key[KEY_MAX];
	size_t kl = scope_key(key, YOKE__HOLD_SCOPE__HOLD_COMPONENT, label);
	int rc;
	if (kl == 0)
		return STORE_NOTFOUND;
	rc = store_walk_dups(c->txn, T_HOLD_SCOPE, key, kl, ncr_hold_walk, &w);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	return w.rc;
}

int
hold_refuse_lot(struct ctx *c, const char *label, const char *ncr)
{
	size_t kl = strlen(label);
	if (kl == 0 || kl > KEY_MAX)
		return STORE_ERROR;
	return store_put(c->txn, T_LOT_REFUSED, label, kl, ncr, strlen(ncr), 0);
}

int
hold_lot_refused(struct ctx *c, const char *label, const char **ncr)
{
	size_t kl = strlen(label);
	const void *v;
	size_t vl;
	int rc;
	if (kl == 0 || kl > KEY_MAX)
		return STORE_NOTFOUND;
	if ((rc = store_get(c->txn, T_LOT_REFUSED, label, kl, &v, &vl)) != STORE_OK)
		return rc;
	*ncr = arena_printf(c->a, "%.*s", (int)vl, (const char *)v);
	return STORE_OK;
}

enum outcome
hold_component_check(struct ctx *c, const char *label)
{
	Yoke__Hold *h;
	const char *ncr;
	int rc = scope_first(c, YOKE__HOLD_SCOPE__HOLD_COMPONENT, label, &h);
	if (rc == STORE_OK)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
		    _("%s is held (hold %llu): %s. Do not use it; take another one"), label,
		    (unsigned long long)h->id, h->reason);
	if (rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if ((rc = hold_lot_refused(c, label, &ncr)) == STORE_NOTFOUND)
		return OUTCOME_COMMIT;
	if (rc != STORE_OK)
		return store_failed(c, rc);
	Yoke__Ncr *n;
	if ((rc = ncr_get(c, ncr, &n)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if (n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER)
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
		    _("%s was returned to the supplier (%s): it is never used again. Take another lot"),
		    label, ncr);
	return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
	    _("%s was scrapped (%s): it is never used again. Take another lot"), label, ncr);
}

/* ---- placing and releasing ---- */

struct cover {
	struct ctx *c;
	Yoke__Hold *h;
	Yoke__UnitRecord *keep;
	Yoke__HoldReply *counts;
	bool placing;
	int rc;
	enum outcome o;
};

static void
count_unit(Yoke__HoldReply *counts, const Yoke__UnitRecord *u)
{
	if (counts == NULL)
		return;
	if (u->status == YOKE__UNIT_STATUS__UNIT_DONE)
		counts->units_done++;
	else if (u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED)
		counts->units_scrapped++;
	else
		counts->units_in_work++;
}

/* The unit's hold_reason: the newest open hold's reason, or for a failed
 * unit with no other hold, what failed. */
static int
reason_again(struct ctx *c, Yoke__UnitRecord *u)
{
	Yoke__Hold *h;
	int rc;
	if (u->n_holds == 0) {
		if (u->status != YOKE__UNIT_STATUS__UNIT_FAILED)
			u->hold_reason = (char *)"";
		return STORE_OK;
	}
	if ((rc = hold_get(c, u->holds[u->n_holds - 1], &h)) != STORE_OK)
		return rc == STORE_NOTFOUND ? STORE_ERROR : rc;
	u->hold_reason = h->reason;
	return STORE_OK;
}

/* Adds or removes the hold on one unit, with an event in its history. */
static enum outcome
cover_one(struct cover *w, const char *serial)
{
	struct ctx *c = w->c;
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	enum outcome o;
	int rc;
	bool mine = w->keep && strcmp(w->keep->serial, serial) == 0;

	if (mine) {
		u = w->keep;
		if ((rc = routing_get(c, u->product, u->routing_rev, &r)) != STORE_OK)
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	} else if ((o = unit_load(c, serial, &u, &r)) != OUTCOME_COMMIT) {
		return o;
	}
	if (w->placing) {
		for (size_t i = 0; i < u->n_holds; i++)
			if (u->holds[i] == w->h->id)
				return OUTCOME_COMMIT;      /* named twice */
		uint64_t *ids = ARENA_NEW(c->a, uint64_t, u->n_holds + 1);
		if (u->n_holds)
			memcpy(ids, u->holds, u->n_holds * sizeof *ids);
		ids[u->n_holds++] = w->h->id;
		u->holds = ids;
		u->hold_reason = w->h->reason;
		count_unit(w->counts, u);
		char **names = ARENA_NEW(c->a, char *, w->h->n_units + 1);
		if (w->h->n_units)
			memcpy(names, w->h->units, w->h->n_units * sizeof *names);
		names[w->h->n_units++] = u->serial;
		w->h->units = names;
	} else {
		size_t j = 0;
		for (size_t i = 0; i < u->n_holds; i++)
			if (u->holds[i] != w->h->id)
				u->holds[j++] = u->holds[i];
		u->n_holds = j;
		if ((rc = reason_again(c, u)) != STORE_OK)
			return store_failed(c, rc);
	}
	Yoke__Event *ev = unit_event(c, w->placing ? YOKE__EVENT_KIND__EVENT_HELD :
	    YOKE__EVENT_KIND__EVENT_HOLD_RELEASED, u, r);
	ev->hold = w->h->id;
	ev->ncr = w->h->ncr;
	ev->text = w->placing ? w->h->reason : w->h->release_reason;
	ev->n_signatures = 1;
	ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	ev->signatures[0] = w->placing ? w->h->placed : w->h->released;
	if (ev->signatures[0] == NULL)
		ev->n_signatures = 0;
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK)
		return store_failed(c, rc);
	if (!mine && (rc = unit_save(c, u)) != STORE_OK)
		return store_failed(c, rc);
	if (!mine && !str_empty(u->station))
		notify(c, arena_printf(c->a, "station/%s", unit_op(u, r) ? unit_op(u, r)->station_kind :
		    ""), u->serial, u->status, w->placing ? N_("held") : N_("hold released"));
	return OUTCOME_COMMIT;
}

static int
component_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct cover *w = ud;
	(void)k;
	(void)kl;
	if (w->h->n_units >= HOLD_UNITS_MAX) {
		w->o = refuse(w->c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The hold would cover more than %d units: hold the work orders instead"),
		    HOLD_UNITS_MAX);
		return 1;
	}
	w->o = cover_one(w, arena_printf(w->c->a, "%.*s", (int)vl, (const char *)v));
	return w->o != OUTCOME_COMMIT;
}

/* A work order's units, counted (a work-order hold is looked up, not
 * written into its units). */
static enum outcome
count_work_order(struct ctx *c, const char *wo, Yoke__HoldReply *counts)
{
	Yoke__WorkOrderRecord *w;
	Yoke__UnitRecord *u;
	int rc = REC_GET(c->txn, c->a, T_WORK_ORDER, wo, yoke__work_order_record, &w);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No work order %s"), wo);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	for (size_t i = 0; counts && i < w->n_serials; i++) {
		if ((rc = REC_GET(c->txn, c->a, T_UNIT, w->serials[i], yoke__unit_record, &u)) != STORE_OK)
			return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
		count_unit(counts, u);
	}
	return OUTCOME_COMMIT;
}

static enum outcome
target_ok(struct ctx *c, const Yoke__Hold *h, const char *t)
{
	struct component_scan scan;
	char msg[300];
	switch (h->scope) {
	case YOKE__HOLD_SCOPE__HOLD_COMPONENT:
		if (!step_parse_component(t, &scan, msg, sizeof msg))
			return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, "%s", msg);
		if (scan.id[0] == '\0')
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Expected a component with its lot or serial (%s/LOT-OR-SERIAL), got %s"),
			    scan.part, scan.part);
		return OUTCOME_COMMIT;
	default:
		if (!ident_ok(t, 64))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Expected a %s (1-64 printable characters), got \"%.40s\""),
			    hold_scope_text(h->scope), t);
		return OUTCOME_COMMIT;
	}
}

enum outcome
hold_place(struct ctx *c, Yoke__Hold *h, Yoke__UnitRecord *keep, Yoke__HoldReply *counts)
{
	struct cover w = { c, h, keep, counts, true, STORE_OK, OUTCOME_COMMIT };
	char key[KEY_MAX];
	unsigned char id[8];
	size_t kl = 0;
	enum outcome o;
	int rc;

	bool many = h->scope == YOKE__HOLD_SCOPE__HOLD_UNITS;
	if (h->n_targets == 0 || h->n_targets > (many ? HOLD_TARGETS_MAX : 1))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected %s for a hold of scope %s, got %zu targets"),
		    many ? _("1 to 200 serials") : _("one target"), hold_scope_text(h->scope),
		    h->n_targets);
	for (size_t i = 0; i < h->n_targets; i++)
		if ((o = target_ok(c, h, h->targets[i])) != OUTCOME_COMMIT)
			return o;
	if ((rc = counter_next(c, COUNTER_HOLD, &h->id)) != STORE_OK)
		return store_failed(c, rc);
	h->open = true;
	switch (h->scope) {
	case YOKE__HOLD_SCOPE__HOLD_UNIT:
	case YOKE__HOLD_SCOPE__HOLD_UNITS:
		for (size_t i = 0; i < h->n_targets; i++)
			if ((o = cover_one(&w, h->targets[i])) != OUTCOME_COMMIT)
				return o;
		break;
	case YOKE__HOLD_SCOPE__HOLD_COMPONENT:
		rc = store_walk_dups(c->txn, T_COMPONENT, h->targets[0], strlen(h->targets[0]),
		    component_walk, &w);
		if (w.o != OUTCOME_COMMIT)
			return w.o;
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return store_failed(c, rc);
		kl = scope_key(key, h->scope, h->targets[0]);
		break;
	case YOKE__HOLD_SCOPE__HOLD_WORK_ORDER:
		if ((o = count_work_order(c, h->targets[0], counts)) != OUTCOME_COMMIT)
			return o;
		kl = scope_key(key, h->scope, h->targets[0]);
		break;
	case YOKE__HOLD_SCOPE__HOLD_STATION: {
		Yoke__Station *st;
		rc = REC_GET(c->txn, c->a, T_STATION, h->targets[0], yoke__station, &st);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No station %s"), h->targets[0]);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		kl = scope_key(key, h->scope, h->targets[0]);
		break;
	}
	default:
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a hold scope: unit, units, work order, component or station"));
	}
	if (kl && (rc = store_put(c->txn, T_HOLD_SCOPE, key, kl, id, id_key(id, h->id), 0)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = hold_put(c, h)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

enum outcome
hold_add_units(struct ctx *c, Yoke__Hold *h, char *const *serials, size_t n,
    Yoke__HoldReply *counts)
{
	struct cover w = { c, h, NULL, counts, true, STORE_OK, OUTCOME_COMMIT };
	enum outcome o;
	int rc;

	if (!h->open)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("Hold %llu is released"),
		    (unsigned long long)h->id);
	if (h->n_units + n > HOLD_UNITS_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The hold would cover more than %d units: hold the work orders instead"),
		    HOLD_UNITS_MAX);
	for (size_t i = 0; i < n; i++)
		if ((o = cover_one(&w, serials[i])) != OUTCOME_COMMIT)
			return o;
	if ((rc = hold_put(c, h)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

enum outcome
hold_release(struct ctx *c, Yoke__Hold *h, Yoke__UnitRecord *keep)
{
	struct cover w = { c, h, keep, NULL, false, STORE_OK, OUTCOME_COMMIT };
	enum outcome o;
	int rc;

	for (size_t i = 0; i < h->n_units; i++)
		if ((o = cover_one(&w, h->units[i])) != OUTCOME_COMMIT)
			return o;
	if (h->scope == YOKE__HOLD_SCOPE__HOLD_COMPONENT ||
	    h->scope == YOKE__HOLD_SCOPE__HOLD_WORK_ORDER || h->scope == YOKE__HOLD_SCOPE__HOLD_STATION) {
		char key[KEY_MAX];
		unsigned char id[8];
		size_t kl = scope_key(key, h->scope, h->targets[0]);
		rc = store_del(c->txn, T_HOLD_SCOPE, key, kl, id, id_key(id, h->id));
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return store_failed(c, rc);
	}
	h->open = false;
	if ((rc = hold_put(c, h)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}
