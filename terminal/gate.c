/* gate.c — the pre-start gate at the station (gate.h). */
#include "terminal/gate.h"
#include "terminal/station_priv.h"

#include <stdio.h>
#include <string.h>

/* The gate of the unit's step st, or NULL. */
static const Yoke__StepGate *
gate_of(const struct station_view *sv, const Yoke__StepView *st)
{
	for (size_t i = 0; st && sv->unit && i < sv->unit->n_gates; i++)
		if (sv->unit->gates[i]->step == st->index)
			return sv->unit->gates[i];
	return NULL;
}

static bool
gauge_taken(const struct station_view *sv)
{
	return sv->gate.gauge[0] && sv->unit && strcmp(sv->gate.serial, sv->unit->serial) == 0 &&
	    sv->gate.step == sv->unit->current_step;
}

bool
gate_wants_gauge(const struct station_view *sv, const Yoke__StepView *st)
{
	const Yoke__StepGate *g = gate_of(sv, st);
	return g && !str_empty(g->gauge) && (st->kind == YOKE__STEP_KIND__STEP_MEASURE ||
	    st->kind == YOKE__STEP_KIND__STEP_CHECK) && !gauge_taken(sv);
}

bool
gate_gauge_line(struct station_view *sv, const Yoke__StepView *st, const char *line,
    struct station_request *r)
{
	if (line[0] == '\0' || line[0] == '@') {
		say(sv, STATION_TONE_ERROR, _("Expected the id of the %s you use (on its calibration "
		    "label), got \"%s\""), str(gate_of(sv, st)->gauge), line);
		return false;
	}
	station_request_init(r);
	copy(r->gauge, sizeof r->gauge, line);
	copy(r->gauge_kind, sizeof r->gauge_kind, gate_of(sv, st)->gauge);
	copy(sv->gate.scanned, sizeof sv->gate.scanned, line);
	yoke__gauge_check__init(&r->gauge_check);
	r->gauge_check.gauge = r->gauge;
	r->gauge_check.kind = r->gauge_kind;
	r->rq.body_case = YOKE__REQUEST__BODY_GAUGE_CHECK;
	r->rq.gauge_check = &r->gauge_check;
	sv->pending = STATION_PENDING_GAUGE;
	say(sv, STATION_TONE_WAIT, _("Checking %s\u2026"), line);
	return true;
}

void
gate_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		station_refused(sv, rp);
		return;
	}
	if (!sv->unit)
		return;
	copy(sv->gate.gauge, sizeof sv->gate.gauge, sv->gate.scanned);
	copy(sv->gate.serial, sizeof sv->gate.serial, sv->unit->serial);
	sv->gate.step = sv->unit->current_step;
	say(sv, STATION_TONE_OK, "%s", str(rp->message));
}

void
gate_step_gauge(struct station_view *sv, struct station_request *r)
{
	if (!gauge_taken(sv))
		return;
	copy(r->gauge, sizeof r->gauge, sv->gate.gauge);
	r->step.gauge = r->gauge;
}

void
gate_on_refused(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status == YOKE__STATUS__STATUS_GAUGE_REFUSED ||
	    rp->status == YOKE__STATUS__STATUS_GAUGE_REQUIRED)
		sv->gate.gauge[0] = '\0';
}

bool
gate_prompt(const struct station_view *sv, const Yoke__StepView *st, char *buf, size_t size)
{
	if (gate_wants_gauge(sv, st)) {
		snprintf(buf, size, _("Scan the id of the %s you measure with (its calibration label)"),
		    str(gate_of(sv, st)->gauge));
		return true;
	}
	const Yoke__StepGate *g = gate_of(sv, st);
	if (!st || st->kind != YOKE__STEP_KIND__STEP_INSPECT || !g || str_empty(g->fai))
		return false;
	if (strcmp(g->fai, "shift") == 0)
		snprintf(buf, size, _("First article of this shift here: @PASS or @FAIL, inspector "
		    "signs \u2014 %s"), str(st->text));
	else if (strcmp(g->fai, "setup") == 0)
		snprintf(buf, size, _("First article since the setup changed: @PASS or @FAIL, inspector "
		    "signs \u2014 %s"), str(st->text));
	else
		snprintf(buf, size, _("First article of this work order here: @PASS or @FAIL, "
		    "inspector signs \u2014 %s"), str(st->text));
	return true;
}

void
gate_badge_in(struct station_view *sv, const Yoke__BadgeInReply *b)
{
	if (str_empty(b->qualification_warning))
		return;
	say(sv, STATION_TONE_INFO, _("Welcome, %s. %s"), sv->operator_name[0] ? sv->operator_name :
	    sv->badge, b->qualification_warning);
}
