/* unit.c — see unit.h. */
#include "server/unit/unit.h"
#include "server/gate/gate.h"
#include "server/quality/hold.h"
#include "shared/step_rules.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>

int
routing_get(struct ctx *c, const char *product, const char *rev, Yoke__Routing **r)
{
	char key[KEY_MAX];
	size_t kl = key_routing(key, product, rev);
	const unsigned char *v;
	size_t vl;
	int rc;

	if (kl == 0)
		return STORE_NOTFOUND;
	if ((*r = (Yoke__Routing *)record_cache_get(&c->srv->routings, key, kl)) != NULL)
		return STORE_OK;
	if ((rc = store_get(c->txn, T_ROUTING, key, kl, (const void **)&v, &vl)) != STORE_OK)
		return rc;
	if (vl < 1 || v[0] != RECORD_VERSION)
		return STORE_ERROR;
	*r = yoke__routing__unpack(NULL, vl - 1, v + 1);
	if (*r == NULL)
		return STORE_ERROR;
	if ((*r)->released) {
		record_cache_put(&c->srv->routings, key, kl, &(*r)->base);
		return STORE_OK;
	}
	/* A draft may change: decode it into the request's arena instead. */
	yoke__routing__free_unpacked(*r, NULL);
	return rec_get(c->txn, c->a, T_ROUTING, key, kl, &yoke__routing__descriptor, (void **)r);
}

enum outcome
unit_load(struct ctx *c, const char *serial, Yoke__UnitRecord **u, Yoke__Routing **r)
{
	int rc;
	if (!ident_ok(serial, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a unit serial (1-64 printable characters), got \"%.40s\""),
		    serial ? serial : "");
	rc = REC_GET(c->txn, c->a, T_UNIT, serial, yoke__unit_record, u);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No unit %s: check the label"), serial);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = routing_get(c, (*u)->product, (*u)->routing_rev, r);
	if (rc != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	if ((*u)->op_index > (*r)->n_operations)
		return store_failed(c, STORE_ERROR);
	return OUTCOME_COMMIT;
}

const Yoke__Operation *
unit_op(const Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	if (u->return_op)      /* in rework (ncr.h) */
		return u->rework_op < r->n_rework_operations ? r->rework_operations[u->rework_op] : NULL;
	return u->op_index < r->n_operations ? r->operations[u->op_index] : NULL;
}

/* Held by a hold of its own while it could be worked: a list shows ON_HOLD. */
static Yoke__UnitStatus
status_shown(const Yoke__UnitRecord *u)
{
	if (u->n_holds > 0 && (u->status == YOKE__UNIT_STATUS__UNIT_QUEUED ||
	    u->status == YOKE__UNIT_STATUS__UNIT_IN_WORK))
		return YOKE__UNIT_STATUS__UNIT_ON_HOLD;
	return u->status;
}

static const char *
result_of(const Yoke__UnitRecord *u, size_t i)
{
	return i < u->n_results && u->results[i] ? u->results[i] : "";
}

Yoke__UnitView *
unit_view(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	Yoke__UnitView *v = arena_alloc(c->a, sizeof *v);
	const Yoke__Operation *op = unit_op(u, r);

	yoke__unit_view__init(v);
	v->serial = u->serial;
	v->work_order = u->work_order;
	v->product = u->product;
	v->routing_rev = u->routing_rev;
	v->op_index = u->op_index;
	v->op_count = (uint32_t)r->n_operations;
	v->status = status_shown(u);
	v->hold_reason = u->hold_reason;
	v->rework = u->return_op != 0;
	v->rework_count = u->rework_count;
	v->n_ncrs = u->n_ncrs;
	v->ncrs = u->ncrs;
	v->next_station_kind = (char *)"";
	if (op == NULL) {
		v->operation_name = (char *)"";
		v->station_kind = (char *)"";
		return v;
	}
	v->operation = op->number;
	v->operation_name = op->name;
	v->station_kind = op->station_kind;
	v->current_step = u->op_started ? u->step_index : 0;
	v->attempt = u->op_started ? u->attempts : 0;
	v->n_steps = op->n_steps;
	v->steps = ARENA_NEW(c->a, Yoke__StepView *, op->n_steps);
	/* Before the operation starts, which inspections are due is not decided. */
	uint64_t due = u->op_started ? u->inspect_due : step_due_mask(op, 0, 0);
	for (size_t i = 0; i < op->n_steps; i++) {
		const Yoke__Step *s = op->steps[i];
		Yoke__StepView *sv = arena_alloc(c->a, sizeof *sv);
		yoke__step_view__init(sv);
		sv->index = (uint32_t)i;
		sv->kind = s->kind;
		sv->text = s->text;
		sv->part = s->part;
		sv->qty = s->qty;
		sv->scanned = (u->op_started && i == u->step_index) ? u->scanned : 0;
		sv->name = s->name;
		sv->unit = s->unit;
		sv->has_lsl = s->has_lsl;
		sv->lsl = s->lsl;
		sv->has_target = s->has_target;
		sv->target = s->target;
		sv->has_usl = s->has_usl;
		sv->usl = s->usl;
		sv->needs_inspector = s->needs_inspector;
		sv->from_setup = s->from_setup;
		sv->from_equipment = s->from_equipment;
		if (s->gauge[0] || s->fai)                     /* the pre-start gate (gate.h) */
			gate_view_add(c->a, v, op, i);
		sv->due = i < 64 && (due & ((uint64_t)1 << i));
		sv->frequency = (char *)"";
		if (s->kind == YOKE__STEP_KIND__STEP_INSPECT) {
			char freq[32];
			step_frequency_text(s, freq, sizeof freq);
			sv->frequency = arena_strdup(c->a, freq);
		}
		sv->done = u->op_started && i < u->step_index && sv->due;
		sv->result = (char *)(sv->due ? result_of(u, i) : _("not due for this unit"));
		v->steps[i] = sv;
	}
	return v;
}

Yoke__QueueEntry *
unit_entry(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	const Yoke__Operation *op = unit_op(u, r);
	Yoke__QueueEntry *e = arena_alloc(c->a, sizeof *e);

	yoke__queue_entry__init(e);
	e->serial = u->serial;
	e->work_order = u->work_order;
	e->product = u->product;
	e->operation = op ? op->number : 0;
	e->operation_name = op ? op->name : (char *)"";
	e->station_kind = op ? op->station_kind : (char *)"";
	e->priority = u->priority;
	e->due = u->due;
	e->status = status_shown(u);
	e->since_us = u->since_us;
	e->hold_reason = u->hold_reason;
	return e;
}

void
reply_unit(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	c->rp->body_case = YOKE__REPLY__BODY_UNIT;
	c->rp->unit = unit_view(c, u, r);
}

int
unit_save(struct ctx *c, const Yoke__UnitRecord *u)
{
	return REC_PUT(c->txn, c->a, T_UNIT, u->serial, u);
}

int
unit_queue_put(struct ctx *c, const Yoke__UnitRecord *u, const char *kind)
{
	char key[KEY_MAX];
	size_t kl = key_queue(key, kind, u->priority, u->due, u->serial);
	return kl ? store_put(c->txn, T_QUEUE, key, kl, "", 0, 0) : STORE_ERROR;
}

int
unit_queue_del(struct ctx *c, const Yoke__UnitRecord *u, const char *kind)
{
	char key[KEY_MAX];
	size_t kl = key_queue(key, kind, u->priority, u->due, u->serial);
	int rc = kl ? store_del(c->txn, T_QUEUE, key, kl, NULL, 0) : STORE_ERROR;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

int
unit_event_append(struct ctx *c, Yoke__UnitRecord *u, Yoke__Event *ev)
{
	int rc = rec_event_append(c->txn, c->a, ev);
	if (rc != STORE_OK)
		return rc;
	uint64_t *events = ARENA_NEW(c->a, uint64_t, u->n_events + 1);
	if (u->n_events)
		memcpy(events, u->events, u->n_events * sizeof *events);
	events[u->n_events++] = ev->seq;
	u->events = events;
	return STORE_OK;
}

Yoke__Event *
unit_event(struct ctx *c, Yoke__EventKind kind, const Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);
	const Yoke__Operation *op = u && r ? unit_op(u, r) : NULL;

	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = kind;
	ev->terminal = (char *)c->terminal;
	if (u) {
		ev->serial = u->serial;
		ev->work_order = u->work_order;
		ev->step = u->step_index;
	}
	if (op) {
		ev->operation = op->number;
		ev->operation_name = op->name;
	}
	if (c->session) {
		ev->station = c->session->station;
		ev->badge = c->session->badge;
	}
	if (c->op)
		ev->operator_name = c->op->name;
	return ev;
}

void
unit_worked_by(struct ctx *c, Yoke__UnitRecord *u)
{
	const char *badge = c->session ? c->session->badge : NULL;
	char **list;
	if (str_empty(badge))
		return;
	for (size_t i = 0; i < u->n_op_badges; i++)
		if (strcmp(u->op_badges[i], badge) == 0)
			return;
	list = ARENA_NEW(c->a, char *, u->n_op_badges + 1);
	if (u->n_op_badges)
		memcpy(list, u->op_badges, u->n_op_badges * sizeof *list);
	list[u->n_op_badges++] = (char *)badge;
	u->op_badges = list;
}

enum outcome
unit_workable(struct ctx *c, const Yoke__UnitRecord *u)
{
	switch (u->status) {
	case YOKE__UNIT_STATUS__UNIT_DONE:
		return refuse(c, YOKE__STATUS__STATUS_UNIT_DONE,
		    _("Unit %s has completed its routing: nothing left to do"), u->serial);
	case YOKE__UNIT_STATUS__UNIT_FAILED:
	case YOKE__UNIT_STATUS__UNIT_ON_HOLD:
		if (str_empty(u->hold_reason))
			return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
			    _("Unit %s is on hold. It needs a disposition before any more work"),
			    u->serial);
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD,
		    _("Unit %s is held: %s. It needs a disposition before any more work"), u->serial,
		    u->hold_reason);
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED:
		return refuse(c, YOKE__STATUS__STATUS_UNIT_HELD, _("Unit %s is scrapped"), u->serial);
	default:
		return hold_unit_check(c, u);
	}
}

void
unit_notify(struct ctx *c, const Yoke__UnitRecord *u, const char *kind, const char *text)
{
	char topic[96];
	snprintf(topic, sizeof topic, "station/%s", kind);
	notify(c, topic, u->serial, u->status, text);
	if (u->status == YOKE__UNIT_STATUS__UNIT_FAILED)
		notify(c, "role/lead", u->serial, u->status, text);
}
