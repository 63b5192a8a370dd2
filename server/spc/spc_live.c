/* spc_live.c — see spc_live.h. */
#include "server/spc/spc_live.h"
#include "server/spc/spc_state.h"
#include "server/alarm/alarm.h"
#include "server/people/signature.h"
#include "server/quality/hold.h"
#include "server/unit/unit.h"
#include "shared/defs/defs.h"
#include "shared/log.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Without spc_rule lines: WE1 a violation, WE2-WE4 warnings, each an alarm. */
static const Yoke__SpcRuleAction default_rules[] = {
	{ PROTOBUF_C_MESSAGE_INIT(&yoke__spc_rule_action__descriptor), SPC_WE1, 1,
	  YOKE__SPC_ACTION__SPC_ACTION_ALARM },
	{ PROTOBUF_C_MESSAGE_INIT(&yoke__spc_rule_action__descriptor), SPC_WE2 | SPC_WE3 | SPC_WE4, 0,
	  YOKE__SPC_ACTION__SPC_ACTION_ALARM },
};
static const Yoke__SpcRuleAction default_drift = {
	PROTOBUF_C_MESSAGE_INIT(&yoke__spc_rule_action__descriptor), 0, 0,
	YOKE__SPC_ACTION__SPC_ACTION_ALARM
};

size_t
spc_rule_actions(const Yoke__SpcCharacteristic *x, const Yoke__SpcRuleAction **out, size_t max)
{
	size_t n = 0;

	if (x->n_rules == 0) {
		for (; n < sizeof default_rules / sizeof default_rules[0] && n < max; n++)
			out[n] = &default_rules[n];
		return n;
	}
	for (; n < x->n_rules && n < max; n++)
		out[n] = x->rules[n];
	return n;
}

const char *
spc_rule_code(unsigned bit)
{
	static const char *const codes[] = { "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8",
		"WE1", "WE2", "WE3", "WE4" };
	for (unsigned i = 0; i < 12; i++)
		if (bit == 1u << i)
			return codes[i];
	return "?";
}

static void
config_of(const Yoke__Step *s, struct spc_window_config *cfg)
{
	const Yoke__SpcCharacteristic *x = s->spc;
	const Yoke__SpcRuleAction *ra[16];
	size_t n = spc_rule_actions(x, ra, 16);

	memset(cfg, 0, sizeof *cfg);
	cfg->chart = x->chart == YOKE__SPC_CHART__SPC_CHART_XBAR_R ? SPC_XBAR_R :
	    x->chart == YOKE__SPC_CHART__SPC_CHART_XBAR_S ? SPC_XBAR_S : SPC_IMR;
	cfg->subgroup = cfg->chart == SPC_IMR || x->subgroup < 2 ? 1 : (int)x->subgroup;
	if (cfg->subgroup > 25)
		cfg->subgroup = 25;
	for (size_t i = 0; i < n; i++)
		cfg->rules |= ra[i]->rules;
	cfg->drift_units = (int)(x->drift_units < 100000 ? x->drift_units : 100000);
	cfg->drift_window = x->drift_window < 3 ? SPC_DRIFT_WINDOW_DEFAULT :
	    x->drift_window > SPC_WINDOW_VALUES_MAX ? SPC_WINDOW_VALUES_MAX : (int)x->drift_window;
	cfg->has_lsl = s->has_lsl;
	cfg->lsl = s->lsl;
	cfg->has_usl = s->has_usl;
	cfg->usl = s->usl;
}

/* What broke (or is heading for a limit) and what to do about it. */
struct signal {
	Yoke__AlarmSource source;
	bool violation;
	Yoke__SpcAction action;
	const char *rule;       /* "WE2", "WE1,WE2", "drift" */
	const char *what;       /* in the reader's language, data as arguments */
	const char *detail;     /* data: the values and limits */
};

/* "5.31 5.33 5.29": the last n of a (at most 9), in the arena. */
static const char *
list_of(struct ctx *c, const double *a, int n)
{
	char buf[200];
	size_t len = 0;
	int first = n > 9 ? n - 9 : 0;

	buf[0] = '\0';
	for (int i = first; i < n && len < sizeof buf - 20; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%.6g", i > first ? " " : "", a[i]);
	return arena_strdup(c->a, buf);
}

/* Appends the signal's words to the reply and to the step's result. */
static void
tell(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Event *ev, const char *said)
{
	c->rp->message = str_empty(c->rp->message) ? arena_strdup(c->a, said) :
	    arena_printf(c->a, "%s; %s", c->rp->message, said);
	if (ev->step < u->n_results && !str_empty(u->results[ev->step]))
		u->results[ev->step] = arena_printf(c->a, "%s; %s", u->results[ev->step], said);
}

static enum outcome
log_only(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Step *step, const Yoke__Event *ev,
    const struct signal *sg)
{
	Yoke__Event *e = unit_event(c, YOKE__EVENT_KIND__EVENT_SPC_SIGNAL, u, NULL);
	int rc;

	e->step = ev->step;
	e->operation = ev->operation;
	e->operation_name = ev->operation_name;
	e->name = step->name;
	e->value = ev->value;
	e->unit = step->unit;
	e->text = arena_strdup(c->a, sg->what);
	e->detail = arena_printf(c->a, "%s; %s", sg->rule, sg->detail);
	if ((rc = unit_event_append(c, u, e)) != STORE_OK)
		return store_failed(c, rc);
	/* TRANSLATORS: an SPC signal whose action is only to record it */
	tell(c, u, ev, arena_printf(c->a, _("%s (recorded)"), sg->what));
	return OUTCOME_COMMIT;
}

/* A hold of source SPC on the unit, or on its work order (the lot of
 * production), placed by `placed`: its id in *id. */
static enum outcome
spc_hold(struct ctx *c, Yoke__UnitRecord *u, bool lot, const char *reason,
    Yoke__SignatureRecord *placed, uint64_t *id)
{
	Yoke__Hold *h = arena_alloc(c->a, sizeof *h);
	enum outcome o;

	yoke__hold__init(h);
	h->scope = lot ? YOKE__HOLD_SCOPE__HOLD_WORK_ORDER : YOKE__HOLD_SCOPE__HOLD_UNIT;
	h->n_targets = 1;
	h->targets = ARENA_NEW(c->a, char *, 1);
	h->targets[0] = lot ? u->work_order : u->serial;
	h->reason = (char *)reason;
	h->source = YOKE__HOLD_SOURCE__HOLD_SPC;
	h->placed = placed;
	if ((o = hold_place(c, h, u, NULL)) == OUTCOME_COMMIT)
		*id = h->id;
	return o;
}

/* The hold the new alarm's action asks for, kept in the alarm. */
static enum outcome
hold_for(struct ctx *c, Yoke__UnitRecord *u, Yoke__Alarm *a, bool lot)
{
	enum outcome o;
	int rc;

	o = spc_hold(c, u, lot, arena_printf(c->a, "%s: %s %s", alarm_number(c->a, a->id),
	    a->characteristic, a->rule), a->raised, &a->hold);
	if (o != OUTCOME_COMMIT)
		return o;
	if ((rc = alarm_put(c, a)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

static enum outcome
raise_alarm(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Step *step, const Yoke__Event *ev,
    const struct signal *sg, Yoke__SpcState *st)
{
	Yoke__Alarm *a = arena_alloc(c->a, sizeof *a);
	const char *num, *said;
	Yoke__Event *e;
	enum outcome o;
	int rc;

	yoke__alarm__init(a);
	a->source = sg->source;
	a->severity = sg->violation ? YOKE__ALARM_SEVERITY__ALARM_VIOLATION :
	    YOKE__ALARM_SEVERITY__ALARM_WARNING;
	a->station = (char *)ev->station;
	a->station_kind = c->station ? c->station->kind : (char *)"";
	a->serial = u->serial;
	a->work_order = u->work_order;
	a->characteristic = step->name;
	a->rule = (char *)sg->rule;
	a->detail = (char *)sg->detail;
	a->stops_station = sg->action == YOKE__SPC_ACTION__SPC_ACTION_STOP_STATION;
	if (c->op)
		a->raised = sign_record(c, c->op, N_("measured the value that raised it"));
	if ((rc = alarm_raise(c, a)) != STORE_OK)
		return store_failed(c, rc);
	num = alarm_number(c->a, a->id);
	if (sg->source == YOKE__ALARM_SOURCE__ALARM_RULE)
		st->rule_alarm = a->id;
	switch (sg->action) {
	case YOKE__SPC_ACTION__SPC_ACTION_HOLD_UNIT:
		if ((o = hold_for(c, u, a, false)) != OUTCOME_COMMIT)
			return o;
		/* TRANSLATORS: what broke, then the alarm number and the unit */
		said = arena_printf(c->a, _("%s: alarm %s, unit %s held"), sg->what, num, u->serial);
		u->hold_reason = arena_printf(c->a, "%s: %s", num, sg->what);
		break;
	case YOKE__SPC_ACTION__SPC_ACTION_HOLD_LOT:
		if ((o = hold_for(c, u, a, true)) != OUTCOME_COMMIT)
			return o;
		said = arena_printf(c->a, _("%s: alarm %s, work order %s held"), sg->what, num,
		    u->work_order);
		break;
	case YOKE__SPC_ACTION__SPC_ACTION_STOP_STATION:
		said = arena_printf(c->a, _("%s: alarm %s, station %s stopped"), sg->what, num,
		    a->station);
		break;
	default:
		said = arena_printf(c->a, _("%s: alarm %s"), sg->what, num);
	}
	e = unit_event(c, YOKE__EVENT_KIND__EVENT_ALARM_RAISED, u, NULL);
	e->step = ev->step;
	e->operation = ev->operation;
	e->operation_name = ev->operation_name;
	e->name = step->name;
	e->value = ev->value;
	e->unit = step->unit;
	e->text = arena_strdup(c->a, sg->what);
	e->detail = (char *)num;
	e->hold = a->hold;
	if ((rc = unit_event_append(c, u, e)) != STORE_OK)
		return store_failed(c, rc);
	if (c->rp->status == YOKE__STATUS__STATUS_OK)   /* MEASURE_AGAIN, OUT_OF_SPEC say more */
		c->rp->status = YOKE__STATUS__STATUS_SPC_SIGNAL;
	tell(c, u, ev, said);
	log_info("SPC %s at %s: %s %s on %s, %s", step->name, a->station, sg->rule, num, u->serial,
	    defs_spc_action_name(sg->action));
	return OUTCOME_COMMIT;
}

/* A run rule broke again while the alarm the last break raised is not
 * resolved: the process is known to be out of control, so no new alarm;
 * the break is recorded on the unit, and a unit the rule holds is held
 * under that alarm. */
static enum outcome
still_open(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Step *step, const Yoke__Event *ev,
    const struct signal *sg, const Yoke__Alarm *open)
{
	const char *num = alarm_number(c->a, open->id);
	struct signal again = *sg;
	enum outcome o;

	if (sg->action == YOKE__SPC_ACTION__SPC_ACTION_HOLD_UNIT) {
		uint64_t id;
		o = spc_hold(c, u, false, arena_printf(c->a, "%s: %s %s", num, open->characteristic,
		    sg->rule), c->op ? sign_record(c, c->op, N_("measured the value that raised it")) :
		    NULL, &id);
		if (o != OUTCOME_COMMIT)
			return o;
		u->hold_reason = arena_printf(c->a, "%s: %s", num, sg->what);
		/* TRANSLATORS: what broke, the open alarm's number, the unit */
		again.what = arena_printf(c->a, _("%s: alarm %s still open, unit %s held"), sg->what,
		    num, u->serial);
		if (c->rp->status == YOKE__STATUS__STATUS_OK)
			c->rp->status = YOKE__STATUS__STATUS_SPC_SIGNAL;
	} else {
		/* TRANSLATORS: what broke, then the number of the alarm still open for it */
		again.what = arena_printf(c->a, _("%s: alarm %s still open"), sg->what, num);
	}
	return log_only(c, u, step, ev, &again);
}

static enum outcome
apply(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Step *step, const Yoke__Event *ev,
    const struct signal *sg, Yoke__SpcState *st)
{
	enum outcome o;
	if (sg->action == YOKE__SPC_ACTION__SPC_ACTION_LOG)
		return log_only(c, u, step, ev, sg);
	if (sg->source == YOKE__ALARM_SOURCE__ALARM_RULE && st->rule_alarm != 0) {
		Yoke__Alarm *open;
		int rc = alarm_get(c, st->rule_alarm, &open);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return store_failed(c, rc);
		if (rc == STORE_OK && open->state != YOKE__ALARM_STATE__ALARM_RESOLVED)
			return still_open(c, u, step, ev, sg, open);
	}
	if ((o = raise_alarm(c, u, step, ev, sg, st)) != OUTCOME_COMMIT)
		return o;
	return OUTCOME_COMMIT;
}

/* The rules the point broke, as one signal with the strongest action. */
static void
rules_signal(struct ctx *c, const Yoke__Step *step, const struct spc_window *w, unsigned broke,
    struct signal *sg)
{
	const Yoke__SpcRuleAction *ra[16];
	size_t n = spc_rule_actions(step->spc, ra, 16);
	char codes[80] = "";
	unsigned first = 0;
	size_t len = 0;

	memset(sg, 0, sizeof *sg);
	sg->source = YOKE__ALARM_SOURCE__ALARM_RULE;
	for (unsigned bit = 1; bit <= SPC_WE4; bit <<= 1) {
		if (!(broke & bit))
			continue;
		if (!first)
			first = bit;
		len += (size_t)snprintf(codes + len, sizeof codes - len, "%s%s", len ? "," : "",
		    spc_rule_code(bit));
		for (size_t i = 0; i < n; i++) {
			if (!(ra[i]->rules & bit))
				continue;
			if (ra[i]->action > sg->action)
				sg->action = ra[i]->action;
			sg->violation |= ra[i]->violation;
			break;
		}
	}
	sg->rule = arena_strdup(c->a, codes);
	/* TRANSLATORS: "peak_temp: WE 2: 2 of 3 points ... (WE2)": the
	 * characteristic, the rule's description, the rule codes */
	sg->what = arena_printf(c->a, _("%s: %s (%s)"), step->name, _(spc_rule_name(first)), codes);
	sg->detail = arena_printf(c->a, "point %.6g; CL %.6g UCL %.6g LCL %.6g; points %s",
	    w->points[w->npoints - 1], w->cl, w->ucl, w->lcl, list_of(c, w->points, w->npoints));
}

/* The dispersion chart broke test 1: one signal with the action of the
 * rule that covers WE1 or N1. */
static void
disp_signal(struct ctx *c, const Yoke__Step *step, const struct spc_window *w,
    const struct spc_window_config *cfg, double disp, struct signal *sg)
{
	const Yoke__SpcRuleAction *ra[16];
	size_t n = spc_rule_actions(step->spc, ra, 16);
	const char *chart = cfg->chart == SPC_IMR ? "MR" : cfg->chart == SPC_XBAR_R ? "R" : "S";
	bool above = disp > w->ducl;

	memset(sg, 0, sizeof *sg);
	sg->source = YOKE__ALARM_SOURCE__ALARM_RULE;
	for (size_t i = 0; i < n; i++)
		if (ra[i]->rules & (SPC_WE1 | SPC_NELSON1)) {
			sg->action = ra[i]->action;
			sg->violation = ra[i]->violation;
			break;
		}
	sg->rule = arena_printf(c->a, "%s1", chart);
	if (above)
		/* TRANSLATORS: "peak_temp: the MR 4.2 is above its UCL 3.1 (MR1)": the
		 * characteristic, the dispersion chart (MR, R or S), its value and limit */
		sg->what = arena_printf(c->a, _("%s: the %s %.4g is above its UCL %.4g (%s)"), step->name,
		    chart, disp, w->ducl, sg->rule);
	else
		sg->what = arena_printf(c->a, _("%s: the %s %.4g is below its LCL %.4g (%s)"), step->name,
		    chart, disp, w->dlcl, sg->rule);
	sg->detail = arena_printf(c->a, "%s %.6g; CL %.6g UCL %.6g LCL %.6g; values %s", chart, disp,
	    w->dcl, w->ducl, w->dlcl, list_of(c, w->values, w->nvalues));
}

static void
drift_signal(struct ctx *c, const Yoke__Step *step, const struct spc_window *w,
    const struct spc_drift *d, struct signal *sg)
{
	const Yoke__SpcRuleAction *ra = step->spc->drift ? step->spc->drift : &default_drift;
	const char *rate = arena_printf(c->a, "%.2g%s%s", fabs(d->slope),
	    str_empty(step->unit) ? "" : " ", str_empty(step->unit) ? "" : step->unit);
	double limit = d->upper ? step->usl : step->lsl;

	memset(sg, 0, sizeof *sg);
	sg->source = YOKE__ALARM_SOURCE__ALARM_DRIFT;
	sg->violation = ra->violation;
	sg->action = ra->action;
	sg->rule = "drift";
	unsigned long n = (unsigned long)ceil(d->units);
	if (d->upper)
		/* TRANSLATORS: "peak_temp rising 0.4 C/unit: crosses USL 250 in about 12 units" */
		sg->what = arena_printf(c->a, P_("%s rising %s/unit: crosses USL %g in about %lu unit",
		    "%s rising %s/unit: crosses USL %g in about %lu units", n), step->name, rate, limit,
		    n);
	else
		sg->what = arena_printf(c->a, P_("%s falling %s/unit: crosses LSL %g in about %lu unit",
		    "%s falling %s/unit: crosses LSL %g in about %lu units", n), step->name, rate, limit,
		    n);
	sg->detail = arena_printf(c->a, "slope %.6g per unit over %d; fitted %.6g; %s %.6g in %.1f "
	    "units; values %s", d->slope, d->window, d->fitted_last, d->upper ? "USL" : "LSL", limit,
	    d->units, list_of(c, w->values, w->nvalues));
}

/* A new state: the definitions' limits (kept in the history), or learning. */
static int
fresh(struct ctx *c, const Yoke__Step *step, const char *station, Yoke__SpcState *st,
    struct spc_window *w)
{
	const Yoke__SpcCharacteristic *x = step->spc;
	Yoke__SpcLimitsChange *ch;

	yoke__spc_state__init(st);
	memset(w, 0, sizeof *w);
	if (!x->has_limits) {
		spc_window_relearn(w, x->learn);
		return STORE_OK;
	}
	spc_window_set_limits(w, x->cl, x->ucl, x->lcl);
	ch = arena_alloc(c->a, sizeof *ch);
	yoke__spc_limits_change__init(ch);
	ch->origin = YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_DEFINED;
	ch->has_limits = true;
	ch->cl = x->cl;
	ch->ucl = x->ucl;
	ch->lcl = x->lcl;
	ch->reason = x->source;
	return spc_limits_keep(c, st, step->name, station, ch);
}

enum outcome
spc_measured(struct ctx *c, const Yoke__Step *step, Yoke__UnitRecord *u, const Yoke__Event *ev)
{
	const char *station = str_empty(ev->station) ? "" : ev->station;
	struct spc_window_config cfg;
	struct spc_window_result r;
	struct spc_window w;
	struct signal sg;
	Yoke__SpcState *st;
	enum outcome o;
	uint32_t learning;
	int rc;

	rc = spc_state_get(c, step->name, station, &st);
	if (rc == STORE_NOTFOUND) {
		st = arena_alloc(c->a, sizeof *st);
		rc = fresh(c, step, station, st, &w);
	} else if (rc == STORE_OK) {
		spc_state_to_window(st, &w);
	}
	if (rc != STORE_OK)
		return store_failed(c, rc);
	config_of(step, &cfg);
	learning = w.learn;
	spc_window_add(&w, &cfg, ev->value, &r);
	if (r.learnt_now) {
		Yoke__SpcLimitsChange *ch = arena_alloc(c->a, sizeof *ch);
		yoke__spc_limits_change__init(ch);
		ch->origin = YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_LEARNT;
		ch->has_limits = true;
		ch->cl = w.cl;
		ch->ucl = w.ucl;
		ch->lcl = w.lcl;
		ch->points = learning;
		if ((rc = spc_limits_keep(c, st, step->name, station, ch)) != STORE_OK)
			return store_failed(c, rc);
	}
	if (r.broke) {
		rules_signal(c, step, &w, r.broke, &sg);
		if ((o = apply(c, u, step, ev, &sg, st)) != OUTCOME_COMMIT)
			return o;
	}
	if (r.disp_broke) {
		disp_signal(c, step, &w, &cfg, r.disp, &sg);
		if ((o = apply(c, u, step, ev, &sg, st)) != OUTCOME_COMMIT)
			return o;
	}
	if (r.drift) {
		drift_signal(c, step, &w, &r.dr, &sg);
		if ((o = apply(c, u, step, ev, &sg, st)) != OUTCOME_COMMIT)
			return o;
	}
	/* After the signals: a rule's alarm is kept in the state (rule_alarm). */
	spc_state_from_window(c, &w, st);
	if ((rc = spc_state_put(c, step->name, station, st)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}
