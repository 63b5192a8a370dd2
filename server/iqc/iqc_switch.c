/*
 * iqc_switch.c — the switching state of a supplier + part (iqc.h): stored
 * as an IqcSwitch, run through shared/quality's state machine, each change
 * of mode an EVENT_IQC_SWITCHED event.
 */
#include "server/iqc/iqc.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

/* supplier \0 part */
static size_t
key_of(char *key, size_t size, const char *supplier, const char *part)
{
	size_t sl = strlen(supplier), pl = strlen(part);

	if (sl == 0 || pl == 0 || sl + 1 + pl > size)
		return 0;
	memcpy(key, supplier, sl);
	key[sl] = '\0';
	memcpy(key + sl + 1, part, pl);
	return sl + 1 + pl;
}

int
iqc_switch_get(struct ctx *c, const char *supplier, const char *part, Yoke__IqcSwitch **out)
{
	char key[KEY_MAX];
	size_t kl = key_of(key, sizeof key, supplier, part);
	int rc = kl ? rec_get(c->txn, c->a, T_IQC_SWITCH, key, kl, &yoke__iqc_switch__descriptor,
	    (void **)out) : STORE_NOTFOUND;
	Yoke__IqcSwitch *sw;

	if (rc != STORE_NOTFOUND)
		return rc;
	sw = arena_alloc(c->a, sizeof *sw);
	yoke__iqc_switch__init(sw);
	sw->supplier = arena_strdup(c->a, supplier);
	sw->part = arena_strdup(c->a, part);
	sw->mode = YOKE__IQC_MODE__IQC_NORMAL;
	sw->reason = SAMPLING_WHY_START;
	*out = sw;
	return STORE_OK;
}

int
iqc_switch_put(struct ctx *c, const Yoke__IqcSwitch *sw)
{
	char key[KEY_MAX];
	size_t kl = key_of(key, sizeof key, sw->supplier, sw->part);

	if (kl == 0)
		return STORE_ERROR;
	return rec_put(c->txn, c->a, T_IQC_SWITCH, key, kl, (const ProtobufCMessage *)sw, 0);
}

static enum sampling_mode
mode_in(Yoke__IqcMode m)
{
	switch (m) {
	case YOKE__IQC_MODE__IQC_TIGHTENED: return SAMPLING_MODE_TIGHTENED;
	case YOKE__IQC_MODE__IQC_REDUCED: return SAMPLING_MODE_REDUCED;
	case YOKE__IQC_MODE__IQC_DISCONTINUED: return SAMPLING_MODE_DISCONTINUED;
	default: return SAMPLING_MODE_NORMAL;
	}
}

static Yoke__IqcMode
mode_out(enum sampling_mode m)
{
	switch (m) {
	case SAMPLING_MODE_TIGHTENED: return YOKE__IQC_MODE__IQC_TIGHTENED;
	case SAMPLING_MODE_REDUCED: return YOKE__IQC_MODE__IQC_REDUCED;
	case SAMPLING_MODE_DISCONTINUED: return YOKE__IQC_MODE__IQC_DISCONTINUED;
	default: return YOKE__IQC_MODE__IQC_NORMAL;
	}
}

/* The stored state into the state machine's, and back. */
static void
to_machine(const Yoke__IqcSwitch *sw, struct sampling_switch *m)
{
	sampling_switch_init(m, SAMPLING_ISO2859);
	m->mode = mode_in(sw->mode);
	m->recent = sw->recent;
	m->lots = (int)sw->lots;
	m->accepted_run = (int)sw->accepted_run;
	m->tightened_rejected = (int)sw->tightened_rejected;
	m->score = sw->score;
	m->reason = (enum sampling_reason)sw->reason;
	m->why_a = (long)sw->why_a;
	m->why_b = (long)sw->why_b;
}

static void
from_machine(const struct sampling_switch *m, Yoke__IqcSwitch *sw)
{
	sw->mode = mode_out(m->mode);
	sw->recent = m->recent;
	sw->lots = (uint32_t)m->lots;
	sw->accepted_run = (uint32_t)m->accepted_run;
	sw->tightened_rejected = (uint32_t)m->tightened_rejected;
	sw->score = m->score;
	sw->reason = (uint32_t)m->reason;
	sw->why_a = m->why_a;
	sw->why_b = m->why_b;
}

const char *
iqc_switch_why(struct ctx *c, const Yoke__IqcSwitch *sw)
{
	char why[256];
	bool lot = !str_empty(sw->since_lot);

	sampling_switch_why((enum sampling_reason)sw->reason, (long)sw->why_a, (long)sw->why_b, why,
	    sizeof why);
	switch (sw->mode) {
	case YOKE__IQC_MODE__IQC_TIGHTENED:
		return lot ? arena_printf(c->a, _("TIGHTENED since lot %s: %s"), sw->since_lot, why) :
		    arena_printf(c->a, _("TIGHTENED: %s"), why);
	case YOKE__IQC_MODE__IQC_REDUCED:
		return lot ? arena_printf(c->a, _("REDUCED since lot %s: %s"), sw->since_lot, why) :
		    arena_printf(c->a, _("REDUCED: %s"), why);
	case YOKE__IQC_MODE__IQC_DISCONTINUED:
		return lot ? arena_printf(c->a, _("DISCONTINUED since lot %s: %s"), sw->since_lot, why) :
		    arena_printf(c->a, _("DISCONTINUED: %s"), why);
	default:
		return lot ? arena_printf(c->a, _("NORMAL since lot %s: %s"), sw->since_lot, why) :
		    arena_printf(c->a, _("NORMAL: %s"), why);
	}
}

/* An EVENT_IQC_SWITCHED for the mode just entered; its seq joins the history. */
static int
switched_event(struct ctx *c, Yoke__IqcSwitch *sw, Yoke__SignatureRecord *by, const char *note)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);
	uint64_t *seqs;
	int rc;

	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_IQC_SWITCHED;
	ev->terminal = (char *)c->terminal;
	if (c->session)
		ev->station = c->session->station;
	if (c->op) {
		ev->badge = c->op->badge;
		ev->operator_name = c->op->name;
	}
	ev->part = sw->part;
	ev->detail = sw->supplier;
	ev->lot = sw->since_lot;
	ev->name = (char *)sampling_mode_name(mode_in(sw->mode));
	ev->text = str_empty(note) ? (char *)iqc_switch_why(c, sw) :
	    arena_printf(c->a, "%s (%s)", iqc_switch_why(c, sw), note);
	if (by) {
		ev->n_signatures = 1;
		ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
		ev->signatures[0] = by;
	}
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return rc;
	seqs = ARENA_NEW(c->a, uint64_t, sw->n_events + 1);
	if (sw->n_events)
		memcpy(seqs, sw->events, sw->n_events * sizeof *seqs);
	seqs[sw->n_events++] = ev->seq;
	sw->events = seqs;
	return STORE_OK;
}

/* The decided lot, newest first; the oldest beyond IQC_RECENT_MAX goes. */
static void
remember(struct ctx *c, Yoke__IqcSwitch *sw, const Yoke__InspectionLot *il, bool accepted)
{
	size_t n = sw->n_recent_lots < IQC_RECENT_MAX ? sw->n_recent_lots + 1 : IQC_RECENT_MAX;
	Yoke__IqcLotResult **list = ARENA_NEW(c->a, Yoke__IqcLotResult *, n);
	Yoke__IqcLotResult *r = arena_alloc(c->a, sizeof *r);

	yoke__iqc_lot_result__init(r);
	r->inspection = il->number;
	r->lot = il->lot;
	r->accepted = accepted;
	r->defectives = il->defectives;
	r->mode = il->severity;
	r->decided_us = c->now;
	list[0] = r;
	for (size_t i = 1; i < n; i++)
		list[i] = sw->recent_lots[i - 1];
	sw->recent_lots = list;
	sw->n_recent_lots = n;
}

int
iqc_switch_decided(struct ctx *c, Yoke__IqcSwitch *sw, const Yoke__InspectionLot *il,
    bool accepted, bool *changed)
{
	struct sampling_switch m;
	struct sampling_plan p;
	struct sampling_lot lot = { (long)il->defectives, true, true };
	Yoke__IqcMode before = sw->mode;

	*changed = false;
	remember(c, sw, il, accepted);
	if (sw->mode == YOKE__IQC_MODE__IQC_DISCONTINUED)
		return iqc_switch_put(c, sw);      /* a lot received before: the state stays */
	to_machine(sw, &m);
	memset(&p, 0, sizeof p);
	p.n = il->sample_size;
	p.ac = (int)il->ac;
	p.re = (int)il->re;
	p.ac_tighter = il->ac_tighter;
	p.aql = il->aql;
	p.severity = il->severity == YOKE__IQC_MODE__IQC_TIGHTENED ? SAMPLING_TIGHTENED :
	    il->severity == YOKE__IQC_MODE__IQC_REDUCED ? SAMPLING_REDUCED : SAMPLING_NORMAL;
	p.scheme = SAMPLING_ISO2859;
	/* accepted is d <= Ac (req-iqc-decide.c), the machine's own verdict. */
	sampling_switch_feed(&m, &p, &lot);
	from_machine(&m, sw);
	if (sw->mode != before) {
		int rc;
		*changed = true;
		sw->since_lot = il->lot;
		sw->since_inspection = il->number;
		sw->since_us = c->now;
		if ((rc = switched_event(c, sw, NULL, NULL)) != STORE_OK)
			return rc;
	}
	return iqc_switch_put(c, sw);
}

int
iqc_switch_lift(struct ctx *c, Yoke__IqcSwitch *sw, const char *reason, Yoke__SignatureRecord *by)
{
	struct sampling_switch m;
	int rc;

	to_machine(sw, &m);
	sampling_switch_resume(&m);
	from_machine(&m, sw);
	sw->since_lot = (char *)"";
	sw->since_inspection = (char *)"";
	sw->since_us = c->now;
	if ((rc = switched_event(c, sw, by, reason)) != STORE_OK)
		return rc;
	return iqc_switch_put(c, sw);
}
