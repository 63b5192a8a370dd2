/*
 * gate.h — the pre-start gate (issue 10): what must be right before a
 * station works a unit, checked by the server at badge-in and at the step.
 *
 * Gauges and equipment. The definitions name each with a kind and a
 * calibration due date (gauge G-0012 "Caliper 150 mm" kind=caliper
 * due=2027-01-31; a load writes them to the gate table). Its calibration
 * state lives apart, in the gauge_state table, written only by yokectl
 * gauge calibrate / block / unblock (signed). The due date in force is the
 * last calibration's when one was recorded, else the definitions': a load
 * never undoes a calibration, and a due date changed in the definitions
 * after a calibration has no effect (record a calibration instead). A
 * gauge may be used through its due day (the server's local date).
 *
 *   step with gauge=KIND --scan ID--> refused GAUGE_REQUIRED (no scan),
 *       GAUGE_REFUSED (unknown; another kind; due date passed; blocked),
 *       or accepted: the id goes into the step's event (Event.gauge).
 *
 * Qualifications. An entry of an operator's qualified= may end with
 * ":YYYY-MM-DD", the last day it is valid. At a step, when every entry
 * that allows the unit's operation has expired, the step is refused
 * (QUALIFICATION_EXPIRED). At badge-in at a station, when every entry
 * that allows an operation done at the station's kind has expired, an
 * operator is refused; else the soonest expiry among them within the
 * warning days (gate qual_warn_days=, default 14) is told
 * (BadgeInReply.qualification_warning).
 *
 * First article. An inspect step with fai=wo|shift|setup is a first-article
 * inspection per work order, per shift or per material setup, at each
 * station. The fai table holds one FaiRecord per work order, operation and
 * station:
 *
 *   (none) or another trigger --a unit reaches the step--> that unit is the
 *          first article (record: trigger, serial, not passed)
 *   not passed --its inspection passes--> passed
 *   not passed --its inspection fails--> (none): the next unit is the first article
 *   passed, same trigger --another unit reaches the step--> skipped (EVENT_FAI_SKIPPED)
 *   not passed --another unit reaches the step--> refused FAI_PENDING, while the
 *          first article is in work at the station (if it left, the unit takes over)
 *
 * The trigger is "wo"; "shift NAME DATE" (the shift the server's local time
 * falls in, by the shift statements; "day DATE" where none covers it); or
 * "setup N/E/P", N the newest SETUP_LOADED event of the station's material
 * setup (setup.h), E the count of equipment changes there (another
 * equipment of a kind than the one last taken at the station, at a step
 * with gauge=) and P the count of program changes (another program than
 * the last one the station's equipment reported, gate_program_reported):
 * a reel change, another machine or another program starts a new first
 * article.
 *
 * Cost: a step that needs none of this pays gate_wanted's branches; a
 * badge-in of a person whose qualifications never expire pays one branch.
 */
#ifndef YOKE_GATE_H
#define YOKE_GATE_H

#include "server/server.h"

/* Whether req-step must call gate_step for this step (inline: the hot path
 * pays these branches and nothing else). */
static inline bool
gate_wanted(const struct ctx *c, const Yoke__Step *step)
{
	return step->gauge[0] != '\0' || step->fai != YOKE__FAI_TRIGGER__FAI_NONE ||
	    (c->op && c->op->n_expiries > 0);
}

/*
 * Before the step's entry is recorded: the qualification's expiry, the
 * gauge scan, the first-article state. On OUTCOME_COMMIT with *skipped the
 * gate recorded the step itself (a first article another unit passed:
 * ev is EVENT_FAI_SKIPPED and the unit has moved past the step).
 */
enum outcome gate_step(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Operation *op,
    const Yoke__Step *step, Yoke__Event *ev, bool *skipped);

/* After the entry: a first article's result, and a first-article step the
 * unit has now reached that another unit passed (skipped at once). */
static inline bool
gate_after_wanted(const Yoke__UnitRecord *u, const Yoke__Operation *op, const Yoke__Step *step)
{
	return step->fai != YOKE__FAI_TRIGGER__FAI_NONE ||
	    (u->step_index < op->n_steps && op->steps[u->step_index]->fai != YOKE__FAI_TRIGGER__FAI_NONE);
}
enum outcome gate_step_done(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r,
    const Yoke__Operation *op, const Yoke__Step *step, const Yoke__Event *ev);

/* At badge-in at station st: an operator whose qualifications for the
 * station's kind all expired is refused; *warning (arena) the warning to
 * show, or NULL. Call only when op->n_expiries > 0. */
enum outcome gate_badge_in(struct ctx *c, const Yoke__Operator *op, const Yoke__Station *st,
    const char **warning);

/* Adds step i's gate to the unit's view (arena). */
void gate_view_add(struct arena *a, Yoke__UnitView *v, const Yoke__Operation *op, size_t i);

/* A load's gate definitions: gauges, shifts and settings into the gate table. */
int gate_load_write(struct ctx *c, const Yoke__Definitions *f);

/* The station's equipment reports the program it runs (an EquipmentValue
 * with .program from yoke-bridge). Another program than the last one
 * counts a change (the first one reported counts too); the same one again
 * writes nothing. */
int gate_program_reported(struct ctx *c, const char *station, const char *program);

/* ---- gauges (gauge.c) ---- */

/* The gauge's definition and state as now: STORE_OK with *out (arena), or
 * STORE_NOTFOUND. */
int gauge_info(struct ctx *c, const char *id, Yoke__GaugeInfo **out);
/* May gauge id be used for a step needing kind ("" any)? OUTCOME_COMMIT
 * with *out, or refused GAUGE_REFUSED saying why. */
enum outcome gauge_usable(struct ctx *c, const char *id, const char *kind, Yoke__GaugeInfo **out);
/* The state record of a gauge (a fresh one when none). */
int gauge_state_get(struct ctx *c, const char *id, Yoke__GaugeState **out);
int gauge_state_put(struct ctx *c, const char *id, const Yoke__GaugeState *s);
/* The server's local date as a day number (defs_gate.h), from c->now. */
int32_t gate_today(const struct ctx *c);
/* "Gauge" or "Equipment", in the reader's language. */
const char *gauge_word(const Yoke__GaugeInfo *g);

#endif
