/*
 * fai.c — first-article inspections per work order, shift or setup at
 * each station (the state machine is in gate.h).
 */
#include "server/gate/gate_priv.h"
#include "server/material/setup.h"
#include "server/store/records.h"
#include "server/unit/unit.h"
#include "shared/defs/defs_gate.h"
#include "shared/i18n.h"
#include "shared/log.h"
#include "shared/step_rules.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* work order \0 op no (BE32) station */
static size_t
fai_key(char *buf, const char *wo, uint32_t opno, const char *station)
{
	size_t kl = key_wo_op(buf, wo, opno), sl = strlen(station);
	if (kl == 0 || kl + sl > KEY_MAX)
		return 0;
	memcpy(buf + kl, station, sl);
	return kl + sl;
}

struct shift_walk {
	struct ctx *c;
	uint32_t minute;         /* local time of day */
	int32_t today;
	const char *found;       /* "shift NAME DATE" */
};

static int
shift_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct shift_walk *w = ud;
	Yoke__Shift *s = rec_decode(w->c->a, &yoke__shift__descriptor, v, vl);
	int32_t day = w->today;
	char date[16];
	bool in;
	(void)k;
	(void)kl;
	if (s == NULL)
		return 0;
	if (s->start_min < s->end_min)
		in = w->minute >= s->start_min && w->minute < s->end_min;
	else    /* past midnight, or a whole day when start == end */
		in = w->minute >= s->start_min || w->minute < s->end_min;
	if (!in)
		return 0;
	if (s->start_min >= s->end_min && w->minute < s->end_min)
		day--;               /* the shift began yesterday */
	defs_date_text(day, date, sizeof date);
	w->found = arena_printf(w->c->a, "shift %s %s", s->name, date);
	return 1;
}

/* "e" \0 station \0 kind; kind NULL: the prefix of the station's. */
static size_t
equipment_key(char *buf, const char *station, const char *kind)
{
	size_t sl = strlen(station), kl = kind ? strlen(kind) : 0;
	if (sl + kl + 4 > KEY_MAX)
		return 0;
	buf[0] = 'e';
	buf[1] = '\0';
	memcpy(buf + 2, station, sl);
	buf[2 + sl] = '\0';
	memcpy(buf + 3 + sl, kind ? kind : "", kl);
	return 3 + sl + kl;
}

/* Sums the equipment changes of a station. */
static int
changes_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	uint64_t *sum = ud;
	Yoke__StationEquipment *e = rec_decode(NULL, &yoke__station_equipment__descriptor, v, vl);
	(void)k;
	(void)kl;
	if (e) {
		*sum += e->changes;
		protobuf_c_message_free_unpacked(&e->base, NULL);
	}
	return 0;
}

int
fai_equipment_taken(struct ctx *c, const Yoke__GaugeInfo *g)
{
	char key[KEY_MAX];
	size_t kl = equipment_key(key, c->station->id, g->kind);
	Yoke__StationEquipment *e = NULL, fresh = YOKE__STATION_EQUIPMENT__INIT;
	int rc;
	if (kl == 0)
		return STORE_ERROR;
	rc = rec_get(c->txn, c->a, T_GATE, key, kl, &yoke__station_equipment__descriptor, (void **)&e);
	if (rc == STORE_OK && strcmp(e->id, g->id) == 0)
		return STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if (rc == STORE_NOTFOUND)
		e = &fresh;
	else
		e->changes++;
	e->id = g->id;
	return rec_put(c->txn, c->a, T_GATE, key, kl, (const ProtobufCMessage *)e, 0);
}

/* "p" \0 station: the program its equipment last reported. */
static size_t
program_key(char *buf, const char *station)
{
	size_t sl = strlen(station);
	if (sl + 2 > KEY_MAX)
		return 0;
	buf[0] = 'p';
	buf[1] = '\0';
	memcpy(buf + 2, station, sl);
	return 2 + sl;
}

int
gate_program_reported(struct ctx *c, const char *station, const char *program)
{
	char key[KEY_MAX];
	size_t kl = program_key(key, station);
	Yoke__StationEquipment *e = NULL, fresh = YOKE__STATION_EQUIPMENT__INIT;
	int rc;
	if (kl == 0)
		return STORE_ERROR;
	rc = rec_get(c->txn, c->a, T_GATE, key, kl, &yoke__station_equipment__descriptor, (void **)&e);
	if (rc == STORE_OK && strcmp(e->id, program) == 0)
		return STORE_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if (rc == STORE_NOTFOUND)
		e = &fresh;
	e->changes++;
	e->id = (char *)program;
	log_info("station %s runs program %s (change %llu)", station, program,
	    (unsigned long long)e->changes);
	return rec_put(c->txn, c->a, T_GATE, key, kl, (const ProtobufCMessage *)e, 0);
}

/* How many times the station's program changed (0: never reported). */
static int
program_changes(struct ctx *c, uint64_t *changes)
{
	char key[KEY_MAX];
	size_t kl = program_key(key, c->station->id);
	Yoke__StationEquipment *e;
	int rc;
	*changes = 0;
	if (kl == 0)
		return STORE_OK;
	rc = rec_get(c->txn, c->a, T_GATE, key, kl, &yoke__station_equipment__descriptor, (void **)&e);
	if (rc == STORE_OK)
		*changes = e->changes;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

/* What starts a new first article now, for the step (gate.h). */
static int
fai_trigger(struct ctx *c, const Yoke__Step *step, const char **out)
{
	int rc;
	if (step->fai == YOKE__FAI_TRIGGER__FAI_SHIFT) {
		time_t t = (time_t)(c->now / 1000000);
		struct tm tm;
		char date[16];
		struct shift_walk w = { .c = c, .today = gate_today(c) };
		localtime_r(&t, &tm);
		w.minute = (uint32_t)(tm.tm_hour * 60 + tm.tm_min);
		if ((rc = store_walk_prefix(c->txn, T_GATE, "s", 2, shift_walk, &w)) != STORE_OK)
			return rc;
		defs_date_text(w.today, date, sizeof date);
		*out = w.found ? w.found : arena_printf(c->a, "day %s", date);
		return STORE_OK;
	}
	if (step->fai == YOKE__FAI_TRIGGER__FAI_SETUP) {
		Yoke__SetupEntry **e;
		size_t n;
		uint64_t newest = 0, changes = 0, programs;
		char key[KEY_MAX];
		size_t kl = equipment_key(key, c->station->id, NULL);
		if ((rc = setup_entries(c, c->station->id, &e, &n)) != STORE_OK)
			return rc;
		for (size_t i = 0; i < n; i++)
			if (e[i]->loaded_seq > newest)
				newest = e[i]->loaded_seq;
		if (kl && (rc = store_walk_prefix(c->txn, T_GATE, key, kl, changes_walk, &changes)) !=
		    STORE_OK)
			return rc;
		if ((rc = program_changes(c, &programs)) != STORE_OK)
			return rc;
		*out = arena_printf(c->a, "setup %llu/%llu/%llu", (unsigned long long)newest,
		    (unsigned long long)changes, (unsigned long long)programs);
		return STORE_OK;
	}
	*out = "wo";
	return STORE_OK;
}

/* Moves the unit past its current (first-article) step as skipped. */
static void
skip_step(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Operation *op, Yoke__Event *ev,
    const char *first)
{
	char **results = ARENA_NEW(c->a, char *, op->n_steps);
	for (size_t i = 0; i < op->n_steps; i++)
		results[i] = i < u->n_results ? u->results[i] : (char *)"";
	ev->kind = YOKE__EVENT_KIND__EVENT_FAI_SKIPPED;
	ev->pass = true;
	ev->detail = arena_strdup(c->a, first);
	ev->text = arena_printf(c->a, _("First article passed on unit %s: step %u skipped"), first,
	    u->step_index + 1);
	results[u->step_index] = ev->text;
	u->results = results;
	u->n_results = op->n_steps;
	u->attempts = 0;
	u->scanned = 0;
	u->step_index = step_next(op, u->step_index + 1, u->inspect_due);
}

/* Whether the first article `serial` still stands at this station, in work. */
static int
first_in_work(struct ctx *c, const char *serial, bool *yes)
{
	Yoke__UnitRecord *f;
	int rc = REC_GET(c->txn, c->a, T_UNIT, serial, yoke__unit_record, &f);
	*yes = false;
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	*yes = f->status == YOKE__UNIT_STATUS__UNIT_IN_WORK && strcmp(f->station, c->station->id) == 0;
	return STORE_OK;
}

enum outcome
fai_before(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Operation *op, const Yoke__Step *step,
    Yoke__Event *ev, bool *skipped)
{
	char key[KEY_MAX];
	size_t kl = fai_key(key, u->work_order, op->number, c->station->id);
	Yoke__FaiRecord *f = NULL, fresh = YOKE__FAI_RECORD__INIT;
	const char *trigger;
	bool busy;
	int rc;

	if (kl == 0)
		return store_failed(c, STORE_ERROR);
	if ((rc = fai_trigger(c, step, &trigger)) != STORE_OK)
		return store_failed(c, rc);
	rc = rec_get(c->txn, c->a, T_FAI, key, kl, &yoke__fai_record__descriptor, (void **)&f);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if (rc == STORE_OK && strcmp(f->trigger, trigger) == 0) {
		if (strcmp(f->serial, u->serial) == 0)
			return OUTCOME_COMMIT;           /* this unit is the first article */
		if (f->passed) {
			skip_step(c, u, op, ev, f->serial);
			reply_message(c, "%s", ev->text);
			*skipped = true;
			return OUTCOME_COMMIT;
		}
		if ((rc = first_in_work(c, f->serial, &busy)) != STORE_OK)
			return store_failed(c, rc);
		if (busy)
			return refuse(c, YOKE__STATUS__STATUS_FAI_PENDING, _("First article of %s op %u at "
			    "%s is not yet passed: unit %s is being inspected. This unit goes on once it "
			    "passes"), u->work_order, op->number, c->station->id, f->serial);
		/* The first article left the station unpassed: this unit takes over. */
	}
	fresh.trigger = (char *)trigger;
	fresh.serial = u->serial;
	fresh.since_us = c->now;
	if ((rc = rec_put(c->txn, c->a, T_FAI, key, kl, (const ProtobufCMessage *)&fresh, 0)) !=
	    STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

int
fai_after(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Operation *op,
    const Yoke__Event *ev)
{
	char key[KEY_MAX];
	size_t kl = fai_key(key, u->work_order, op->number, c->station->id);
	Yoke__FaiRecord *f;
	int rc = rec_get(c->txn, c->a, T_FAI, key, kl, &yoke__fai_record__descriptor, (void **)&f);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK || strcmp(f->serial, u->serial) != 0)
		return rc;
	if (!ev->pass)       /* failed: the next unit is the first article */
		return store_del(c->txn, T_FAI, key, kl, NULL, 0);
	f->passed = true;
	f->since_us = c->now;
	f->passed_by = ev->inspector_badge ? ev->inspector_badge : (char *)"";
	return rec_put(c->txn, c->a, T_FAI, key, kl, (const ProtobufCMessage *)f, 0);
}

enum outcome
fai_reached(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r, const Yoke__Operation *op)
{
	const Yoke__Step *step = op->steps[u->step_index];
	char key[KEY_MAX];
	size_t kl = fai_key(key, u->work_order, op->number, c->station->id);
	const char *trigger;
	Yoke__FaiRecord *f;
	Yoke__Event *ev;
	int rc;

	if ((rc = fai_trigger(c, step, &trigger)) != STORE_OK)
		return store_failed(c, rc);
	rc = rec_get(c->txn, c->a, T_FAI, key, kl, &yoke__fai_record__descriptor, (void **)&f);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if (rc == STORE_NOTFOUND || strcmp(f->trigger, trigger) != 0) {
		/* The first unit to reach the step since the trigger: the first article. */
		Yoke__FaiRecord fresh = YOKE__FAI_RECORD__INIT;
		fresh.trigger = (char *)trigger;
		fresh.serial = u->serial;
		fresh.since_us = c->now;
		if ((rc = rec_put(c->txn, c->a, T_FAI, key, kl, (const ProtobufCMessage *)&fresh, 0)) !=
		    STORE_OK)
			return store_failed(c, rc);
		return OUTCOME_COMMIT;
	}
	if (!f->passed || strcmp(f->serial, u->serial) == 0)
		return OUTCOME_COMMIT;
	ev = unit_event(c, YOKE__EVENT_KIND__EVENT_FAI_SKIPPED, u, r);
	skip_step(c, u, op, ev, f->serial);
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK)
		return store_failed(c, rc);
	/* TRANSLATORS: the step's message, then why the next step was skipped */
	c->rp->message = arena_printf(c->a, _("%s; %s"), c->rp->message ? c->rp->message : "", ev->text);
	return OUTCOME_COMMIT;
}
